//! SCA challenges (of transaction requests, consents and auth-context updates) and the OTP
//! outbox.
//!
//! Expected answers are stored as salted SHA-256 hashes; the rules (attempts, expiry,
//! constant-time comparison) are [`obp_domain::payment::ChallengeState`]'s. An answer is
//! recorded with a compare-and-set on the attempt counter, so two concurrent answers cannot
//! both spend the same attempt.

use chrono::{DateTime, Duration, Utc};
use obp_domain::payment::{hash_answer, ChallengeState, ChallengeVerifier, CoreChallenge};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::{new_id, record, records, Store, StoreResult};

/// sea-orm entities of this module.
pub mod entity {
    /// The `challenge` table.
    pub mod challenge {
        use sea_orm::entity::prelude::*;

        /// A challenge row.
        #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
        #[sea_orm(table_name = "challenge")]
        pub struct Model {
            /// Challenge id.
            #[sea_orm(primary_key, auto_increment = false)]
            pub id: String,
            /// What it guards: a transaction request, consent or auth-context update id.
            pub subject_id: String,
            /// What kind of thing `subject_id` is ([`super::super::Purpose`]'s names).
            pub purpose: String,
            /// The user who must answer.
            pub user_id: String,
            /// OBP's challenge type.
            pub challenge_type: String,
            /// How the OTP travels (DUMMY, OUTBOX, SMTP, WEBHOOK).
            pub sca_method: String,
            /// Salt of the answer hash.
            pub salt: String,
            /// SHA-256(salt, answer), hex.
            pub answer_hash: String,
            /// Attempts allowed.
            pub allowed_attempts: i32,
            /// Wrong answers so far.
            pub failed_attempts: i32,
            /// Answered correctly.
            pub successful: bool,
            /// Expiry.
            pub expires_at: DateTimeUtc,
            /// Created.
            pub created_at: DateTimeUtc,
            /// The core banking system's id of a challenge it issued; `""` for the platform's.
            pub core_challenge_id: String,
        }

        /// No relations declared.
        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    }

    /// The `sca_outbox` table.
    pub mod sca_outbox {
        use sea_orm::entity::prelude::*;

        /// An OTP message kept for an administrator (OUTBOX transport) or as a delivery log.
        #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
        #[sea_orm(table_name = "sca_outbox")]
        pub struct Model {
            /// Message id.
            #[sea_orm(primary_key, auto_increment = false)]
            pub id: String,
            /// Challenge.
            pub challenge_id: String,
            /// Recipient user.
            pub user_id: String,
            /// Transport used.
            pub transport: String,
            /// E-mail address, phone number or URL.
            pub recipient: String,
            /// Text of the message.
            pub message: String,
            /// The OTP (OUTBOX only; empty for transports that delivered it elsewhere).
            pub code: String,
            /// Created.
            pub created_at: DateTimeUtc,
        }

        /// No relations declared.
        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    }
}

use entity::{challenge, sca_outbox};

record! {
    /// An SCA challenge.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Challenge from entity::challenge::Model {
        /// Challenge id.
        pub id: String,
        /// What it guards: a transaction request, consent or auth-context update id.
        pub subject_id: String,
        /// What kind of thing `subject_id` is ([`Purpose`]'s names).
        pub purpose: String,
        /// The user who must answer.
        pub user_id: String,
        /// OBP's challenge type.
        pub challenge_type: String,
        /// How the OTP travels (DUMMY, OUTBOX, SMTP, WEBHOOK).
        pub sca_method: String,
        /// Salt of the answer hash.
        pub salt: String,
        /// SHA-256(salt, answer), hex.
        pub answer_hash: String,
        /// Attempts allowed.
        pub allowed_attempts: i32,
        /// Wrong answers so far.
        pub failed_attempts: i32,
        /// Answered correctly.
        pub successful: bool,
        /// Expiry.
        pub expires_at: DateTime<Utc>,
        /// Created.
        pub created_at: DateTime<Utc>,
        /// The core banking system's id of a challenge it issued (what its
        /// `validateChallengeAnswerV2` names); `""` for the platform's own.
        pub core_challenge_id: String,
    }
}

impl Challenge {
    /// Who checks this challenge's answers.
    pub fn verifier(&self) -> ChallengeVerifier {
        if self.core_challenge_id.is_empty() {
            ChallengeVerifier::Platform
        } else {
            ChallengeVerifier::Core
        }
    }
}

record! {
    /// An OTP message kept for an administrator (OUTBOX transport) or as a delivery log.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct OutboxMessage from entity::sca_outbox::Model {
        /// Message id.
        pub id: String,
        /// Challenge.
        pub challenge_id: String,
        /// Recipient user.
        pub user_id: String,
        /// Transport used.
        pub transport: String,
        /// E-mail address, phone number or URL.
        pub recipient: String,
        /// Text of the message.
        pub message: String,
        /// The OTP (OUTBOX only; empty for transports that delivered it elsewhere).
        pub code: String,
        /// Created.
        pub created_at: DateTime<Utc>,
    }
}

/// What a challenge guards (OBP's `ChallengeTrait` is shared the same way).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Purpose {
    /// A transaction request (`OBP_TRANSACTION_REQUEST_CHALLENGE`).
    TransactionRequest,
    /// A consent (`OBP_CONSENT_CHALLENGE`).
    Consent,
    /// A user auth-context update (`OBP_USER_AUTH_CONTEXT_UPDATE_CHALLENGE`).
    AuthContextUpdate,
}

impl Purpose {
    /// The name stored in the `purpose` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::TransactionRequest => "TRANSACTION_REQUEST",
            Purpose::Consent => "CONSENT",
            Purpose::AuthContextUpdate => "AUTH_CONTEXT_UPDATE",
        }
    }
}

/// A challenge to create.
#[derive(Debug, Clone)]
pub struct NewChallenge {
    /// What it guards.
    pub purpose: Purpose,
    /// The id of what it guards.
    pub subject_id: String,
    /// Who must answer.
    pub user_id: String,
    /// OBP's challenge type.
    pub challenge_type: String,
    /// Transport name.
    pub sca_method: String,
    /// The expected answer (hashed before storing).
    pub answer: String,
    /// Attempts allowed.
    pub allowed_attempts: u32,
    /// Lifetime.
    pub ttl: Duration,
}

fn random_salt() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// Creates a challenge.
///
/// # Errors
/// Database failures.
pub async fn create_challenge(store: &Store, new: NewChallenge) -> StoreResult<Challenge> {
    let db = &store.db;
    let now = Utc::now();
    let salt = random_salt();
    let row = challenge::Model {
        id: new_id(),
        core_challenge_id: String::new(),
        subject_id: new.subject_id,
        purpose: new.purpose.as_str().to_owned(),
        user_id: new.user_id,
        challenge_type: new.challenge_type,
        sca_method: new.sca_method,
        answer_hash: hash_answer(&salt, &new.answer),
        salt,
        allowed_attempts: i32::try_from(new.allowed_attempts).unwrap_or(i32::MAX),
        failed_attempts: 0,
        successful: false,
        expires_at: now + new.ttl,
        created_at: now,
    };
    let active: challenge::ActiveModel = row.clone().into();
    challenge::Entity::insert(active).exec(db).await?;
    Ok(row.into())
}

/// What the platform keeps of challenges a core banking system issued.
#[derive(Debug, Clone)]
pub struct NewCoreChallenges<'a> {
    /// What they guard.
    pub purpose: Purpose,
    /// The id of what they guard.
    pub subject_id: &'a str,
    /// The core's challenges (ids, users).
    pub issued: &'a [CoreChallenge],
    /// OBP's challenge type, as asked (what the core answers is not trusted for it).
    pub challenge_type: &'a str,
    /// How the codes travel, as asked of the core.
    pub sca_method: &'a str,
    /// Attempts allowed each.
    pub allowed_attempts: u32,
    /// Lifetime of each.
    pub ttl: Duration,
}

/// Keeps the challenges a core banking system issued, each under a platform id beside the
/// core's, in one database transaction (all or none): the platform counts their attempts,
/// expiry and quorum; the core judges answers, so no hash is kept.
///
/// # Errors
/// Database failures.
pub async fn create_core_challenges(
    store: &Store,
    new: NewCoreChallenges<'_>,
) -> StoreResult<Vec<Challenge>> {
    use sea_orm::TransactionTrait;
    let now = Utc::now();
    let rows: Vec<challenge::Model> = new
        .issued
        .iter()
        .zip(0i64..)
        .map(|(c, i)| challenge::Model {
            id: new_id(),
            core_challenge_id: c.challenge_id.clone(),
            subject_id: new.subject_id.to_owned(),
            purpose: new.purpose.as_str().to_owned(),
            user_id: c.user_id.clone(),
            challenge_type: new.challenge_type.to_owned(),
            sca_method: c
                .sca_method
                .clone()
                .unwrap_or_else(|| new.sca_method.to_owned()),
            salt: String::new(),
            answer_hash: String::new(),
            allowed_attempts: i32::try_from(new.allowed_attempts).unwrap_or(i32::MAX),
            failed_attempts: 0,
            successful: false,
            expires_at: now + new.ttl,
            // Listed oldest first: one microsecond apart keeps the order the users were given.
            created_at: now + Duration::microseconds(i),
        })
        .collect();
    let txn = store.db.begin().await?;
    for row in &rows {
        let active: challenge::ActiveModel = row.clone().into();
        challenge::Entity::insert(active).exec(&txn).await?;
    }
    txn.commit().await?;
    Ok(records(rows))
}

/// The challenges of a transaction request, oldest first.
///
/// # Errors
/// Database failures.
pub async fn challenges_for_request(
    store: &Store,
    transaction_request_id: &str,
) -> StoreResult<Vec<Challenge>> {
    challenges_for(store, Purpose::TransactionRequest, transaction_request_id).await
}

/// The challenges guarding `subject_id`, oldest first.
///
/// # Errors
/// Database failures.
pub async fn challenges_for(
    store: &Store,
    purpose: Purpose,
    subject_id: &str,
) -> StoreResult<Vec<Challenge>> {
    let db = &store.db;
    Ok(records(
        challenge::Entity::find()
            .filter(challenge::Column::Purpose.eq(purpose.as_str()))
            .filter(challenge::Column::SubjectId.eq(subject_id))
            .order_by_asc(challenge::Column::CreatedAt)
            .order_by_asc(challenge::Column::Id)
            .all(db)
            .await?,
    ))
}

/// The domain state of a stored challenge.
pub fn state_of(row: &Challenge) -> ChallengeState {
    ChallengeState {
        salt: row.salt.clone(),
        answer_hash: row.answer_hash.clone(),
        allowed_attempts: u32::try_from(row.allowed_attempts).unwrap_or(0),
        failed_attempts: u32::try_from(row.failed_attempts).unwrap_or(u32::MAX),
        expires_at: row.expires_at,
        successful: row.successful,
    }
}

/// Records the state after an answer, if nobody recorded another answer meanwhile.
/// Returns whether it was recorded. A challenge answered or out of attempts loses its
/// outbox code at once.
///
/// # Errors
/// Database failures.
pub async fn record_answer(
    store: &Store,
    before: &Challenge,
    after: &ChallengeState,
) -> StoreResult<bool> {
    let db = &store.db;
    let res = challenge::Entity::update_many()
        .col_expr(
            challenge::Column::FailedAttempts,
            Expr::value(i32::try_from(after.failed_attempts).unwrap_or(i32::MAX)),
        )
        .col_expr(challenge::Column::Successful, Expr::value(after.successful))
        .filter(challenge::Column::Id.eq(before.id.as_str()))
        .filter(challenge::Column::FailedAttempts.eq(before.failed_attempts))
        .filter(challenge::Column::Successful.eq(false))
        .exec(db)
        .await?;
    if res.rows_affected != 1 {
        return Ok(false);
    }
    // Answered, or no attempt left: the code is of no more use to anyone.
    if after.successful || after.failed_attempts >= after.allowed_attempts {
        forget_codes(db, sca_outbox::Column::ChallengeId.eq(before.id.as_str())).await?;
    }
    Ok(true)
}

/// Spends one attempt of a challenge the core banking system judges, before the core is
/// asked, if nobody answered it meanwhile (compare-and-set on the attempt counter): every
/// answer sent to the core has an attempt spent for it, so a core that fails or errs on wrong
/// answers cannot give anyone unlimited guesses, and concurrent answers each spend their own.
/// Returns whether the attempt was spent.
///
/// # Errors
/// Database failures.
pub async fn reserve_core_attempt(store: &Store, before: &Challenge) -> StoreResult<bool> {
    let res = challenge::Entity::update_many()
        .col_expr(
            challenge::Column::FailedAttempts,
            Expr::value(before.failed_attempts.saturating_add(1)),
        )
        .filter(challenge::Column::Id.eq(before.id.as_str()))
        .filter(challenge::Column::FailedAttempts.eq(before.failed_attempts))
        .filter(challenge::Column::Successful.eq(false))
        .exec(&store.db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// What the core banking system said of an answer whose attempt
/// [`reserve_core_attempt`] spent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoreVerdict {
    /// Right: the challenge is answered and the attempt given back.
    Right,
    /// The core was never asked (it does not implement the method): the attempt is given back.
    NotAsked,
}

/// Settles a reserved attempt ([`reserve_core_attempt`]): `Right` makes the challenge
/// successful whatever other answers did meanwhile (the core accepted the code; losing that
/// would leave a challenge the core will not accept again), `NotAsked` gives the attempt
/// back. A wrong answer (or a core that failed) keeps the attempt spent: nothing to settle.
///
/// # Errors
/// Database failures.
pub async fn settle_core_attempt(
    store: &Store,
    challenge_id: &str,
    verdict: CoreVerdict,
) -> StoreResult<()> {
    let give_back = Expr::col(challenge::Column::FailedAttempts).sub(1);
    let mut q = challenge::Entity::update_many()
        .col_expr(challenge::Column::FailedAttempts, give_back)
        .filter(challenge::Column::Id.eq(challenge_id))
        .filter(challenge::Column::Successful.eq(false))
        .filter(challenge::Column::FailedAttempts.gt(0));
    if verdict == CoreVerdict::Right {
        q = q.col_expr(challenge::Column::Successful, Expr::value(true));
    }
    q.exec(&store.db).await?;
    if verdict == CoreVerdict::Right {
        // Whatever the attempt counter says (a concurrent wrong answer may have given its own
        // attempt back to zero first), the challenge is answered.
        challenge::Entity::update_many()
            .col_expr(challenge::Column::Successful, Expr::value(true))
            .filter(challenge::Column::Id.eq(challenge_id))
            .exec(&store.db)
            .await?;
    }
    Ok(())
}

/// Deletes the OTPs kept in the outbox for `filter`'s rows: the code is emptied and blanked
/// out of the message text (the row stays as a delivery log).
async fn forget_codes<C: ConnectionTrait>(
    db: &C,
    filter: sea_orm::sea_query::SimpleExpr,
) -> StoreResult<u64> {
    let res = sca_outbox::Entity::update_many()
        .col_expr(
            sca_outbox::Column::Message,
            // REPLACE(message, code, '******'): the same function on SQLite and PostgreSQL.
            sea_orm::sea_query::Func::cust(sea_orm::sea_query::Alias::new("REPLACE"))
                .arg(Expr::col(sca_outbox::Column::Message))
                .arg(Expr::col(sca_outbox::Column::Code))
                .arg("******")
                .into(),
        )
        .col_expr(sca_outbox::Column::Code, Expr::value(""))
        .filter(sca_outbox::Column::Code.ne(""))
        .filter(filter)
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// Deletes the outbox OTPs of every challenge that is answered, out of attempts or expired
/// at `now`; returns how many codes were deleted. Run before the outbox is read and
/// periodically.
///
/// # Errors
/// Database failures.
pub async fn forget_spent_codes(store: &Store, now: DateTime<Utc>) -> StoreResult<u64> {
    let db = &store.db;
    let spent = sea_orm::sea_query::Query::select()
        .column(challenge::Column::Id)
        .from(challenge::Entity)
        .cond_where(
            sea_orm::Condition::any()
                .add(challenge::Column::Successful.eq(true))
                .add(
                    Expr::col(challenge::Column::FailedAttempts)
                        .gte(Expr::col(challenge::Column::AllowedAttempts)),
                )
                .add(challenge::Column::ExpiresAt.lte(now)),
        )
        .to_owned();
    forget_codes(db, sca_outbox::Column::ChallengeId.in_subquery(spent)).await
}

/// Deletes the outbox OTPs of a transaction request's challenges (the request was rejected).
///
/// # Errors
/// Database failures.
pub async fn forget_codes_of_request(
    store: &Store,
    transaction_request_id: &str,
) -> StoreResult<u64> {
    forget_codes_of(store, Purpose::TransactionRequest, transaction_request_id).await
}

/// Deletes the outbox OTPs of the challenges guarding `subject_id` (it was rejected or
/// revoked, so no answer can matter any more).
///
/// # Errors
/// Database failures.
pub async fn forget_codes_of(
    store: &Store,
    purpose: Purpose,
    subject_id: &str,
) -> StoreResult<u64> {
    let db = &store.db;
    let challenges = sea_orm::sea_query::Query::select()
        .column(challenge::Column::Id)
        .from(challenge::Entity)
        .and_where(challenge::Column::Purpose.eq(purpose.as_str()))
        .and_where(challenge::Column::SubjectId.eq(subject_id))
        .to_owned();
    forget_codes(db, sca_outbox::Column::ChallengeId.in_subquery(challenges)).await
}

/// Keeps an OTP message.
///
/// # Errors
/// Database failures.
pub async fn push_outbox(
    store: &Store,
    challenge_id: &str,
    user_id: &str,
    transport: &str,
    recipient: &str,
    message: &str,
    code: &str,
) -> StoreResult<()> {
    let db = &store.db;
    let row = sca_outbox::ActiveModel {
        id: Set(new_id()),
        challenge_id: Set(challenge_id.to_owned()),
        user_id: Set(user_id.to_owned()),
        transport: Set(transport.to_owned()),
        recipient: Set(recipient.to_owned()),
        message: Set(message.to_owned()),
        code: Set(code.to_owned()),
        created_at: Set(Utc::now()),
    };
    sca_outbox::Entity::insert(row).exec(db).await?;
    Ok(())
}

/// OTP messages, newest first, optionally for one user or challenge.
///
/// # Errors
/// Database failures.
pub async fn list_outbox(
    store: &Store,
    user_id: Option<&str>,
    challenge_id: Option<&str>,
    limit: u64,
) -> StoreResult<Vec<OutboxMessage>> {
    let db = &store.db;
    let mut q = sca_outbox::Entity::find();
    if let Some(u) = user_id {
        q = q.filter(sca_outbox::Column::UserId.eq(u));
    }
    if let Some(c) = challenge_id {
        q = q.filter(sca_outbox::Column::ChallengeId.eq(c));
    }
    Ok(records(
        q.order_by_desc(sca_outbox::Column::CreatedAt)
            .limit(limit)
            .all(db)
            .await?,
    ))
}

/// Whether a time is past.
pub fn is_expired(at: DateTime<Utc>) -> bool {
    at <= Utc::now()
}
