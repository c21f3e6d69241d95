//! The platform store: users, consumers (apps), DirectLogin tokens, entitlements and
//! entitlement requests.
//!
//! This is platform data, not core banking data, so it lives here rather than behind the
//! [`crate::Connector`] trait. Every function is generic over [`ConnectionTrait`], so it runs
//! on the pool or inside a transaction. Functions return entity models; the API layer turns
//! them into OBP's JSON shapes.

pub mod entity;
pub mod idempotency;
pub mod login_throttle;
pub mod method_routings;
pub mod sca;
pub mod transaction_metadata;
pub mod views;

use chrono::{DateTime, Utc};
use obp_domain::context::AuthUser;
use obp_domain::{ErrorCode, HasErrorCode};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, SqlErr, Statement,
};

pub use entity::consumer::Model as ConsumerRow;
pub use entity::direct_login_token::Model as TokenRow;
pub use entity::entitlement::Model as EntitlementRow;
pub use entity::entitlement_request::Model as EntitlementRequestRow;
pub use entity::resource_user::Model as UserRow;
pub use method_routings::{
    delete_method_routing, find_method_routing, insert_method_routing, list_method_routings,
    update_method_routing, MethodRoutingRow, NewMethodRouting,
};

use entity::{consumer, direct_login_token, entitlement, entitlement_request, resource_user};

/// Why a store call failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique constraint refused the write; the caller reports its own OBP code.
    #[error("duplicate row")]
    Duplicate,
    /// The database failed.
    #[error("database failure")]
    Db(#[source] DbErr),
}

impl From<DbErr> for StoreError {
    fn from(e: DbErr) -> Self {
        match e.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => StoreError::Duplicate,
            _ => StoreError::Db(e),
        }
    }
}

impl HasErrorCode for StoreError {
    fn code(&self) -> ErrorCode {
        ErrorCode::UnknownError
    }
}

/// The result of store calls.
pub type StoreResult<T> = Result<T, StoreError>;

/// A new random id (UUID v4 text).
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

impl UserRow {
    /// The user as the call context carries it.
    pub fn auth_user(&self) -> AuthUser {
        AuthUser {
            user_id: self.id.clone(),
            username: self.username.clone(),
            provider: self.provider.clone(),
            email: self.email.clone(),
        }
    }
}

// ---------------------------------------------------------------- users

/// Inserts a user; `Duplicate` when the provider already has that username.
///
/// # Errors
/// `Duplicate` or a database failure.
pub async fn insert_user<C: ConnectionTrait>(c: &C, row: UserRow) -> StoreResult<UserRow> {
    Ok(resource_user::ActiveModel::from(row).insert(c).await?)
}

/// One user by id (deleted users included).
///
/// # Errors
/// A database failure.
pub async fn find_user<C: ConnectionTrait>(c: &C, user_id: &str) -> StoreResult<Option<UserRow>> {
    Ok(resource_user::Entity::find_by_id(user_id).one(c).await?)
}

/// One user by provider and username (deleted users included).
///
/// # Errors
/// A database failure.
pub async fn find_user_by_username<C: ConnectionTrait>(
    c: &C,
    provider: &str,
    username: &str,
) -> StoreResult<Option<UserRow>> {
    Ok(resource_user::Entity::find()
        .filter(resource_user::Column::Provider.eq(provider))
        .filter(resource_user::Column::Username.eq(username))
        .one(c)
        .await?)
}

/// Filters for [`list_users`].
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    /// `Some(true)` only deleted, `Some(false)` only live users.
    pub is_deleted: Option<bool>,
    /// `Some(true)` only locked, `Some(false)` only active users.
    pub is_locked: Option<bool>,
    /// Page size.
    pub limit: u64,
    /// Rows to skip.
    pub offset: u64,
}

/// Users ordered by username.
///
/// # Errors
/// A database failure.
pub async fn list_users<C: ConnectionTrait>(c: &C, f: &UserFilter) -> StoreResult<Vec<UserRow>> {
    let mut q = resource_user::Entity::find();
    if let Some(d) = f.is_deleted {
        q = q.filter(resource_user::Column::IsDeleted.eq(d));
    }
    if let Some(l) = f.is_locked {
        q = q.filter(resource_user::Column::IsLocked.eq(l));
    }
    Ok(q.order_by_asc(resource_user::Column::Username)
        .order_by_asc(resource_user::Column::Id)
        .limit(f.limit)
        .offset(f.offset)
        .all(c)
        .await?)
}

/// Counts a failed login of a user (reported by the lock status). It never locks the user:
/// failed logins are throttled per username and client address (see [`login_throttle`]), so
/// strangers cannot lock an account. The increment is one atomic update.
///
/// # Errors
/// A database failure.
pub async fn record_failed_login<C: ConnectionTrait>(c: &C, user_id: &str) -> StoreResult<()> {
    resource_user::Entity::update_many()
        .col_expr(
            resource_user::Column::BadLoginAttempts,
            Expr::col(resource_user::Column::BadLoginAttempts).add(1),
        )
        .col_expr(
            resource_user::Column::LastFailureAt,
            Expr::value(Utc::now()),
        )
        .filter(resource_user::Column::Id.eq(user_id))
        .exec(c)
        .await?;
    Ok(())
}

/// Resets the failed-login counter after a successful login.
///
/// # Errors
/// A database failure.
pub async fn record_successful_login<C: ConnectionTrait>(c: &C, user_id: &str) -> StoreResult<()> {
    resource_user::Entity::update_many()
        .col_expr(resource_user::Column::BadLoginAttempts, Expr::value(0))
        .filter(resource_user::Column::Id.eq(user_id))
        .filter(resource_user::Column::BadLoginAttempts.ne(0))
        .exec(c)
        .await?;
    Ok(())
}

/// Locks or unlocks a user; unlocking also resets the failed-login counter and lifts the
/// failed-login locks of the username (from every address). Locking revokes every token of
/// the user, so an unlock does not bring them back: the user logs in again.
///
/// # Errors
/// A database failure.
pub async fn set_user_locked<C: ConnectionTrait>(
    c: &C,
    user_id: &str,
    locked: bool,
) -> StoreResult<()> {
    let mut q = resource_user::Entity::update_many()
        .col_expr(resource_user::Column::IsLocked, Expr::value(locked));
    if !locked {
        q = q.col_expr(resource_user::Column::BadLoginAttempts, Expr::value(0));
    }
    q.filter(resource_user::Column::Id.eq(user_id))
        .exec(c)
        .await?;
    if locked {
        revoke_tokens_of_user(c, user_id).await?;
    } else if let Some(u) = find_user(c, user_id).await? {
        login_throttle::clear_username(c, &u.username).await?;
    }
    Ok(())
}

/// Replaces a user's password hash.
///
/// # Errors
/// A database failure.
pub async fn set_user_password<C: ConnectionTrait>(
    c: &C,
    user_id: &str,
    password_hash: String,
) -> StoreResult<()> {
    resource_user::Entity::update_many()
        .col_expr(
            resource_user::Column::PasswordHash,
            Expr::value(password_hash),
        )
        .filter(resource_user::Column::Id.eq(user_id))
        .exec(c)
        .await?;
    Ok(())
}

/// Soft-deletes a user; the user's tokens stop working at once.
///
/// # Errors
/// A database failure.
pub async fn delete_user<C: ConnectionTrait>(c: &C, user_id: &str) -> StoreResult<()> {
    resource_user::Entity::update_many()
        .col_expr(resource_user::Column::IsDeleted, Expr::value(true))
        .filter(resource_user::Column::Id.eq(user_id))
        .exec(c)
        .await?;
    Ok(())
}

// ---------------------------------------------------------------- consumers

/// Inserts a consumer; `Duplicate` when the key is taken.
///
/// # Errors
/// `Duplicate` or a database failure.
pub async fn insert_consumer<C: ConnectionTrait>(
    c: &C,
    row: ConsumerRow,
) -> StoreResult<ConsumerRow> {
    Ok(consumer::ActiveModel::from(row).insert(c).await?)
}

/// One consumer by id.
///
/// # Errors
/// A database failure.
pub async fn find_consumer<C: ConnectionTrait>(
    c: &C,
    consumer_id: &str,
) -> StoreResult<Option<ConsumerRow>> {
    Ok(consumer::Entity::find_by_id(consumer_id).one(c).await?)
}

/// One consumer by its key.
///
/// # Errors
/// A database failure.
pub async fn find_consumer_by_key<C: ConnectionTrait>(
    c: &C,
    key: &str,
) -> StoreResult<Option<ConsumerRow>> {
    Ok(consumer::Entity::find()
        .filter(consumer::Column::ConsumerKey.eq(key))
        .one(c)
        .await?)
}

/// Consumers, oldest first; only those created by `created_by` when given.
///
/// # Errors
/// A database failure.
pub async fn list_consumers<C: ConnectionTrait>(
    c: &C,
    created_by: Option<&str>,
) -> StoreResult<Vec<ConsumerRow>> {
    let mut q = consumer::Entity::find();
    if let Some(u) = created_by {
        q = q.filter(consumer::Column::CreatedByUserId.eq(u));
    }
    Ok(q.order_by_asc(consumer::Column::CreatedAt)
        .order_by_asc(consumer::Column::Id)
        .all(c)
        .await?)
}

/// Enables or disables a consumer; returns the updated row.
///
/// # Errors
/// A database failure.
pub async fn set_consumer_enabled<C: ConnectionTrait>(
    c: &C,
    row: ConsumerRow,
    enabled: bool,
) -> StoreResult<ConsumerRow> {
    let mut am = row.into_active_model();
    am.enabled = Set(enabled);
    Ok(am.update(c).await?)
}

/// Replaces a consumer's secret hash.
///
/// # Errors
/// A database failure.
pub async fn set_consumer_secret<C: ConnectionTrait>(
    c: &C,
    row: ConsumerRow,
    secret_hash: String,
) -> StoreResult<ConsumerRow> {
    let mut am = row.into_active_model();
    am.secret_hash = Set(secret_hash);
    Ok(am.update(c).await?)
}

// ---------------------------------------------------------------- tokens

/// Stores a new DirectLogin token (by hash).
///
/// # Errors
/// A database failure.
pub async fn insert_token<C: ConnectionTrait>(c: &C, row: TokenRow) -> StoreResult<()> {
    direct_login_token::ActiveModel::from(row).insert(c).await?;
    Ok(())
}

/// Deletes a user's expired and revoked tokens (called at login, so the table stays small).
///
/// # Errors
/// A database failure.
pub async fn purge_dead_tokens<C: ConnectionTrait>(
    c: &C,
    user_id: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    direct_login_token::Entity::delete_many()
        .filter(direct_login_token::Column::UserId.eq(user_id))
        .filter(
            direct_login_token::Column::Revoked
                .eq(true)
                .or(direct_login_token::Column::ExpiresAt.lte(now)),
        )
        .exec(c)
        .await?;
    Ok(())
}

/// Revokes a token; returns whether a live token was revoked.
///
/// # Errors
/// A database failure.
pub async fn revoke_token<C: ConnectionTrait>(c: &C, token_hash: &str) -> StoreResult<bool> {
    let res = direct_login_token::Entity::update_many()
        .col_expr(direct_login_token::Column::Revoked, Expr::value(true))
        .filter(direct_login_token::Column::TokenHash.eq(token_hash))
        .filter(direct_login_token::Column::Revoked.eq(false))
        .exec(c)
        .await?;
    Ok(res.rows_affected > 0)
}

/// Revokes every live token of a user; returns how many.
///
/// # Errors
/// A database failure.
pub async fn revoke_tokens_of_user<C: ConnectionTrait>(c: &C, user_id: &str) -> StoreResult<u64> {
    let res = direct_login_token::Entity::update_many()
        .col_expr(direct_login_token::Column::Revoked, Expr::value(true))
        .filter(direct_login_token::Column::UserId.eq(user_id))
        .filter(direct_login_token::Column::Revoked.eq(false))
        .exec(c)
        .await?;
    Ok(res.rows_affected)
}

/// What a token lookup found.
#[derive(Debug, Clone)]
pub enum TokenCheck {
    /// Unknown, expired or revoked token, deleted consumer or disabled app.
    Invalid,
    /// The token is valid but its user is locked.
    UserLocked,
    /// The token is valid but its user was deleted.
    UserDeleted,
    /// A valid token.
    Valid {
        /// The user.
        user: AuthUser,
        /// The app the token was issued to.
        consumer_id: String,
        /// When the token expires.
        expires_at: DateTime<Utc>,
        /// The user's entitlements, ordered by role name then bank (read in the same query,
        /// so guards need no further lookup).
        entitlements: Vec<EntitlementRow>,
    },
}

/// Checks a token with one indexed query joining token, user, consumer and the user's
/// entitlements. Nothing is cached here: revocation, app disabling, locking, deletion and
/// role changes count on the next call (the API may remember valid tokens briefly, see its
/// `token_cache`).
///
/// # Errors
/// A database failure.
pub async fn check_token<C: ConnectionTrait>(
    c: &C,
    token_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<TokenCheck> {
    let backend = c.get_database_backend();
    let param = match backend {
        DbBackend::Postgres => "$1",
        _ => "?",
    };
    let sql = format!(
        "SELECT t.expires_at, t.revoked, t.consumer_id, c.enabled, \
         u.id, u.username, u.provider, u.email, u.is_locked, u.is_deleted, \
         e.id AS e_id, e.bank_id AS e_bank_id, e.role_name AS e_role_name, \
         e.created_by_process AS e_process, e.created_at AS e_created_at \
         FROM direct_login_token t \
         JOIN resource_user u ON u.id = t.user_id \
         JOIN consumer c ON c.id = t.consumer_id \
         LEFT JOIN entitlement e ON e.user_id = u.id \
         WHERE t.token_hash = {param} \
         ORDER BY e.role_name, e.bank_id"
    );
    let rows = c
        .query_all(Statement::from_sql_and_values(
            backend,
            sql,
            [token_hash.into()],
        ))
        .await?;
    let Some(row) = rows.first() else {
        return Ok(TokenCheck::Invalid);
    };
    let expires_at: DateTime<Utc> = row.try_get("", "expires_at")?;
    let revoked: bool = row.try_get("", "revoked")?;
    let enabled: bool = row.try_get("", "enabled")?;
    let locked: bool = row.try_get("", "is_locked")?;
    // A lock revokes the user's tokens; while it lasts their holders are told why.
    if !enabled || expires_at <= now || (revoked && !locked) {
        return Ok(TokenCheck::Invalid);
    }
    if row.try_get::<bool>("", "is_deleted")? {
        return Ok(TokenCheck::UserDeleted);
    }
    if locked {
        return Ok(TokenCheck::UserLocked);
    }
    let user_id: String = row.try_get("", "id")?;
    let mut entitlements = Vec::new();
    for r in &rows {
        let Some(id) = r.try_get::<Option<String>>("", "e_id")? else {
            continue;
        };
        entitlements.push(EntitlementRow {
            id,
            user_id: user_id.clone(),
            bank_id: r.try_get("", "e_bank_id")?,
            role_name: r.try_get("", "e_role_name")?,
            created_by_process: r.try_get("", "e_process")?,
            created_at: r.try_get("", "e_created_at")?,
        });
    }
    Ok(TokenCheck::Valid {
        entitlements,
        user: AuthUser {
            user_id: row.try_get("", "id")?,
            username: row.try_get("", "username")?,
            provider: row.try_get("", "provider")?,
            email: row.try_get("", "email")?,
        },
        consumer_id: row.try_get("", "consumer_id")?,
        expires_at,
    })
}

// ---------------------------------------------------------------- entitlements

/// Grants a role; `Duplicate` when the user already holds it (for that bank).
///
/// # Errors
/// `Duplicate` or a database failure.
pub async fn insert_entitlement<C: ConnectionTrait>(
    c: &C,
    user_id: &str,
    bank_id: &str,
    role_name: &str,
    created_by_process: &str,
) -> StoreResult<EntitlementRow> {
    let row = EntitlementRow {
        id: new_id(),
        user_id: user_id.to_owned(),
        bank_id: bank_id.to_owned(),
        role_name: role_name.to_owned(),
        created_by_process: created_by_process.to_owned(),
        created_at: Utc::now(),
    };
    Ok(entitlement::ActiveModel::from(row).insert(c).await?)
}

/// Grants a role unless the user already holds it.
///
/// # Errors
/// A database failure.
pub async fn ensure_entitlement<C: ConnectionTrait>(
    c: &C,
    user_id: &str,
    bank_id: &str,
    role_name: &str,
    created_by_process: &str,
) -> StoreResult<()> {
    match insert_entitlement(c, user_id, bank_id, role_name, created_by_process).await {
        Ok(_) | Err(StoreError::Duplicate) => Ok(()),
        Err(e) => Err(e),
    }
}

/// A user's entitlements ordered by role name then bank.
///
/// # Errors
/// A database failure.
pub async fn entitlements_of_user<C: ConnectionTrait>(
    c: &C,
    user_id: &str,
) -> StoreResult<Vec<EntitlementRow>> {
    Ok(entitlement::Entity::find()
        .filter(entitlement::Column::UserId.eq(user_id))
        .order_by_asc(entitlement::Column::RoleName)
        .order_by_asc(entitlement::Column::BankId)
        .all(c)
        .await?)
}

/// All entitlements, optionally of one role or one bank, ordered by role, bank, user.
///
/// # Errors
/// A database failure.
pub async fn list_entitlements<C: ConnectionTrait>(
    c: &C,
    role_name: Option<&str>,
    bank_id: Option<&str>,
) -> StoreResult<Vec<EntitlementRow>> {
    let mut q = entitlement::Entity::find();
    if let Some(r) = role_name {
        q = q.filter(entitlement::Column::RoleName.eq(r));
    }
    if let Some(b) = bank_id {
        q = q.filter(entitlement::Column::BankId.eq(b));
    }
    Ok(q.order_by_asc(entitlement::Column::RoleName)
        .order_by_asc(entitlement::Column::BankId)
        .order_by_asc(entitlement::Column::UserId)
        .all(c)
        .await?)
}

/// One entitlement by id.
///
/// # Errors
/// A database failure.
pub async fn find_entitlement<C: ConnectionTrait>(
    c: &C,
    id: &str,
) -> StoreResult<Option<EntitlementRow>> {
    Ok(entitlement::Entity::find_by_id(id).one(c).await?)
}

/// Deletes one entitlement.
///
/// # Errors
/// A database failure.
pub async fn delete_entitlement<C: ConnectionTrait>(c: &C, id: &str) -> StoreResult<()> {
    entitlement::Entity::delete_by_id(id).exec(c).await?;
    Ok(())
}

/// How many users other than `excluding_user_id` hold `role_name` (at `bank_id`, `""` for a
/// system role) and can use it: neither deleted nor locked.
///
/// # Errors
/// A database failure.
pub async fn count_other_active_holders<C: ConnectionTrait>(
    c: &C,
    role_name: &str,
    bank_id: &str,
    excluding_user_id: &str,
) -> StoreResult<u64> {
    let holders: Vec<String> = entitlement::Entity::find()
        .filter(entitlement::Column::RoleName.eq(role_name))
        .filter(entitlement::Column::BankId.eq(bank_id))
        .filter(entitlement::Column::UserId.ne(excluding_user_id))
        .all(c)
        .await?
        .into_iter()
        .map(|e| e.user_id)
        .collect();
    if holders.is_empty() {
        return Ok(0);
    }
    Ok(resource_user::Entity::find()
        .filter(resource_user::Column::Id.is_in(holders))
        .filter(resource_user::Column::IsDeleted.eq(false))
        .filter(resource_user::Column::IsLocked.eq(false))
        .count(c)
        .await?)
}

/// Number of users (for bootstrap checks and tests).
///
/// # Errors
/// A database failure.
pub async fn count_users<C: ConnectionTrait>(c: &C) -> StoreResult<u64> {
    Ok(resource_user::Entity::find().count(c).await?)
}

// ---------------------------------------------------------------- entitlement requests

/// Records a request; `Duplicate` when the same (user, bank, role) request exists.
///
/// # Errors
/// `Duplicate` or a database failure.
pub async fn insert_entitlement_request<C: ConnectionTrait>(
    c: &C,
    user_id: &str,
    bank_id: &str,
    role_name: &str,
) -> StoreResult<EntitlementRequestRow> {
    let row = EntitlementRequestRow {
        id: new_id(),
        user_id: user_id.to_owned(),
        bank_id: bank_id.to_owned(),
        role_name: role_name.to_owned(),
        created_at: Utc::now(),
    };
    Ok(entitlement_request::ActiveModel::from(row)
        .insert(c)
        .await?)
}

/// Entitlement requests, oldest first; of one user when given.
///
/// # Errors
/// A database failure.
pub async fn list_entitlement_requests<C: ConnectionTrait>(
    c: &C,
    user_id: Option<&str>,
) -> StoreResult<Vec<EntitlementRequestRow>> {
    let mut q = entitlement_request::Entity::find();
    if let Some(u) = user_id {
        q = q.filter(entitlement_request::Column::UserId.eq(u));
    }
    Ok(q.order_by_asc(entitlement_request::Column::CreatedAt)
        .order_by_asc(entitlement_request::Column::Id)
        .all(c)
        .await?)
}

/// Deletes an entitlement request; returns whether it existed.
///
/// # Errors
/// A database failure.
pub async fn delete_entitlement_request<C: ConnectionTrait>(c: &C, id: &str) -> StoreResult<bool> {
    let res = entitlement_request::Entity::delete_by_id(id)
        .exec(c)
        .await?;
    Ok(res.rows_affected > 0)
}

pub mod user_customer_links;
