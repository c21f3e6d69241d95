//! Idempotency keys of transaction-request creation.
//!
//! A key belongs to its caller and its target: it is scoped by [`Scope`] = (consumer, user,
//! from-account, operation), so another user of the same app, another account or another
//! operation never sees, replays or blocks it. The caller's access is checked before a key is
//! looked up at all (see the API's transaction-request routes).
//!
//! The first request with a key claims it before doing the work: a row that names the
//! resource the work will create (`resource_id`, chosen now) and holds a lease (a token and an
//! expiry). When the work ends its answer is stored with the claim. A retry with the same key
//! and body gets the stored answer; with another body it is refused; while the lease runs it
//! is told the first request is in progress. A claim whose lease ran out without an answer
//! belongs to an attempt that died (a crash, a lost connection): a retry takes it over with a
//! conditional update on the old token — only one of several racing retries wins — and then
//! finds out whether `resource_id` exists (answer it) or not (do the work now, creating that
//! same id, so the database's primary key makes it happen at most once). Keys expire after a
//! configured time.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::{new_id, Store, StoreError, StoreResult};

/// sea-orm entity of this module.
pub mod entity {
    use sea_orm::entity::prelude::*;

    /// A claimed key, the resource it creates, its lease and, once known, its answer.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "idempotency_claim")]
    pub struct Model {
        /// The consumer (app) of the caller; empty without one.
        #[sea_orm(primary_key, auto_increment = false)]
        pub consumer_id: String,
        /// The calling user.
        #[sea_orm(primary_key, auto_increment = false)]
        pub user_id: String,
        /// The bank of the account acted on.
        #[sea_orm(primary_key, auto_increment = false)]
        pub bank_id: String,
        /// The account acted on.
        #[sea_orm(primary_key, auto_increment = false)]
        pub account_id: String,
        /// The operation, e.g. `transaction-request:SEPA`.
        #[sea_orm(primary_key, auto_increment = false)]
        pub operation: String,
        /// The client's key.
        #[sea_orm(primary_key, auto_increment = false)]
        pub idempotency_key: String,
        /// SHA-256 of method, path and body.
        pub request_hash: String,
        /// The id of the resource the claimed work creates.
        pub resource_id: String,
        /// The attempt holding the claim.
        pub lease_token: String,
        /// When that attempt is presumed dead if it has not answered.
        pub lease_expires_at: DateTimeUtc,
        /// Response status, once done.
        pub response_status: Option<i32>,
        /// Response body, once done.
        pub response_body: Option<String>,
        /// When the key was first claimed.
        pub created_at: DateTimeUtc,
    }

    /// No relations declared.
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

use entity::Column as Col;

/// Whose key it is and what it acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope<'a> {
    /// The caller's consumer (app) id; empty without one.
    pub consumer_id: &'a str,
    /// The caller's user id.
    pub user_id: &'a str,
    /// The bank of the account acted on.
    pub bank_id: &'a str,
    /// The account acted on.
    pub account_id: &'a str,
    /// The operation (at most 64 characters).
    pub operation: &'a str,
}

impl Scope<'_> {
    fn filter<Q: QueryFilter>(&self, query: Q, key: &str) -> Q {
        query
            .filter(Col::ConsumerId.eq(self.consumer_id))
            .filter(Col::UserId.eq(self.user_id))
            .filter(Col::BankId.eq(self.bank_id))
            .filter(Col::AccountId.eq(self.account_id))
            .filter(Col::Operation.eq(self.operation))
            .filter(Col::IdempotencyKey.eq(key))
    }
}

/// The claim an attempt holds: the resource it must create and its lease token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lease {
    /// The id the work must give the resource it creates.
    pub resource_id: String,
    /// The attempt's token ([`complete`], [`renew_resource`] and [`abandon`] need it).
    pub token: String,
}

/// What a claim found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// The key is new: create the resource `resource_id`, then [`complete`] (or
    /// [`abandon`] on a server fault).
    New(Lease),
    /// An earlier attempt died without answering and this one took its claim over: look up
    /// whether `resource_id` exists and answer it, or create it now; then [`complete`].
    TakenOver(Lease),
    /// The same request was answered before: answer this.
    Replay {
        /// Status.
        status: u16,
        /// Body.
        body: String,
    },
    /// The key was used with another request.
    Mismatch,
    /// An attempt with this key is running and its lease has not run out.
    InProgress,
}

/// Claims `key` in `scope` for `request_hash`, first dropping the caller's expired keys.
///
/// A new claim holds a lease of `lease`; so does a dead claim taken over.
///
/// # Errors
/// Database failures.
pub async fn claim(
    store: &Store,
    scope: Scope<'_>,
    key: &str,
    request_hash: &str,
    ttl: Duration,
    lease: Duration,
) -> StoreResult<Claim> {
    let db = &store.db;
    let now = Utc::now();
    entity::Entity::delete_many()
        .filter(Col::ConsumerId.eq(scope.consumer_id))
        .filter(Col::UserId.eq(scope.user_id))
        .filter(Col::CreatedAt.lt(now - ttl))
        .exec(db)
        .await?;
    let fresh = Lease {
        resource_id: new_id(),
        token: new_id(),
    };
    let row = entity::ActiveModel {
        consumer_id: Set(scope.consumer_id.to_owned()),
        user_id: Set(scope.user_id.to_owned()),
        bank_id: Set(scope.bank_id.to_owned()),
        account_id: Set(scope.account_id.to_owned()),
        operation: Set(scope.operation.to_owned()),
        idempotency_key: Set(key.to_owned()),
        request_hash: Set(request_hash.to_owned()),
        resource_id: Set(fresh.resource_id.clone()),
        lease_token: Set(fresh.token.clone()),
        lease_expires_at: Set(now + lease),
        response_status: Set(None),
        response_body: Set(None),
        created_at: Set(now),
    };
    match entity::Entity::insert(row).exec(db).await {
        Ok(_) => return Ok(Claim::New(fresh)),
        Err(e) => match StoreError::from(e) {
            StoreError::Duplicate => {}
            other => return Err(other),
        },
    }
    let Some(existing) = read(db, scope, key).await? else {
        // Expired and dropped by another caller meanwhile: the next retry claims it anew.
        return Ok(Claim::InProgress);
    };
    if let Some(found) = settled(&existing, request_hash) {
        return Ok(found);
    }
    if existing.lease_expires_at > now {
        return Ok(Claim::InProgress);
    }
    // The attempt holding the claim died: take it over, unless another retry just did.
    let token = new_id();
    let taken = scope
        .filter(entity::Entity::update_many(), key)
        .col_expr(Col::LeaseToken, Expr::value(token.clone()))
        .col_expr(Col::LeaseExpiresAt, Expr::value(now + lease))
        .filter(Col::LeaseToken.eq(existing.lease_token.as_str()))
        .filter(Col::ResponseStatus.is_null())
        .exec(db)
        .await?;
    if taken.rows_affected == 1 {
        return Ok(Claim::TakenOver(Lease {
            resource_id: existing.resource_id,
            token,
        }));
    }
    // Lost the race: the winner is working now, or has already answered.
    Ok(match read(db, scope, key).await? {
        Some(now_found) => settled(&now_found, request_hash).unwrap_or(Claim::InProgress),
        None => Claim::InProgress,
    })
}

async fn read<C: ConnectionTrait>(
    db: &C,
    scope: Scope<'_>,
    key: &str,
) -> StoreResult<Option<entity::Model>> {
    Ok(scope.filter(entity::Entity::find(), key).one(db).await?)
}

/// A mismatch or a stored answer; `None` while the claim has no answer.
fn settled(row: &entity::Model, request_hash: &str) -> Option<Claim> {
    if row.request_hash != request_hash {
        return Some(Claim::Mismatch);
    }
    match (row.response_status, &row.response_body) {
        (Some(status), Some(body)) => Some(Claim::Replay {
            status: u16::try_from(status).unwrap_or(500),
            body: body.clone(),
        }),
        _ => None,
    }
}

/// Stores the answer of a claim the attempt with `token` still holds. `false` when another
/// attempt took the claim over meanwhile (that attempt stores its own answer, about the same
/// resource).
///
/// # Errors
/// Database failures.
pub async fn complete(
    store: &Store,
    scope: Scope<'_>,
    key: &str,
    token: &str,
    status: u16,
    body: &str,
) -> StoreResult<bool> {
    let db = &store.db;
    let res = scope
        .filter(entity::Entity::update_many(), key)
        .col_expr(Col::ResponseStatus, Expr::value(i32::from(status)))
        .col_expr(Col::ResponseBody, Expr::value(body))
        .filter(Col::LeaseToken.eq(token))
        .filter(Col::ResponseStatus.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Points a held claim at a new resource id (the old one names a resource that failed before
/// anything was booked). `false` when the claim is no longer held by `token`.
///
/// # Errors
/// Database failures.
pub async fn renew_resource(
    store: &Store,
    scope: Scope<'_>,
    key: &str,
    token: &str,
    resource_id: &str,
) -> StoreResult<bool> {
    let db = &store.db;
    let res = scope
        .filter(entity::Entity::update_many(), key)
        .col_expr(Col::ResourceId, Expr::value(resource_id))
        .filter(Col::LeaseToken.eq(token))
        .filter(Col::ResponseStatus.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Ends the lease of a held claim now, keeping its resource id (after a server fault, whose
/// outcome may be unknown): the next retry takes the claim over at once and looks up whether
/// the resource was created.
///
/// # Errors
/// Database failures.
pub async fn abandon(store: &Store, scope: Scope<'_>, key: &str, token: &str) -> StoreResult<()> {
    let db = &store.db;
    let past: DateTime<Utc> = DateTime::UNIX_EPOCH;
    scope
        .filter(entity::Entity::update_many(), key)
        .col_expr(Col::LeaseExpiresAt, Expr::value(past))
        .filter(Col::LeaseToken.eq(token))
        .filter(Col::ResponseStatus.is_null())
        .exec(db)
        .await?;
    Ok(())
}
