//! The platform store: users, consumers (apps), DirectLogin tokens, entitlements and
//! entitlement requests, plus views and grants, SCA challenges, idempotency keys, the login
//! throttle, method routings, transaction metadata and user–customer links (submodules).
//!
//! This is platform data, not core banking data, so it lives here rather than behind the
//! [`crate::Connector`] trait.
//!
//! Callers hold a [`Store`]: a cheap-to-clone handle on the database pool, and the only way
//! in. Every public function takes `&Store` and runs one or more statements on the pool;
//! none takes or returns a sea-orm type, and only [`Store::new`] (over an opened pool) and
//! [`Store::raw_connection`] (test fixtures, benchmarks) touch the connection itself. Why: the
//! API layer must not compose SQL, open transactions or build active models of its own, so
//! every statement the platform runs is written here, once, where both backends are tested
//! (`.ci/layers.sh` keeps sea-orm out of `obp-api`). Rows
//! come back as plain records owned by this module ([`User`], [`Entitlement`], ...,
//! converted from the sea-orm models of [`entity`]); new rows go in as input types
//! ([`NewUser`], [`NewConsumer`], ...). The API layer turns records into OBP's JSON shapes.
//!
//! The same pool serves the mapped connector ([`crate::mapped::MappedConnector::from_store`])
//! and the star connector's routing table, so the whole server runs on one pool; on a SQLite
//! file the hot reads (tokens, users, views, grants, transaction metadata, and the mapped
//! connector's `get_*`) go through connections of their own that refuse writes, run on the
//! calling thread ([`crate::db::connect_reader`], [`crate::sqlite_reads`]).

pub mod auth_info;
pub mod cache;
pub mod card_checks;
pub mod consents;
pub mod counterparty_limits;
pub mod dynamic_entities;
pub mod endpoint_validations;
pub mod entity;
pub mod idempotency;
pub mod login_throttle;
pub mod method_routings;
pub mod sca;
pub mod transaction_metadata;
pub mod user_auth_contexts;
pub mod user_customer_links;
pub mod views;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use obp_domain::context::AuthUser;
use obp_domain::{ErrorCode, HasErrorCode};
use obp_migrations::{Migrator, MigratorTrait};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr,
    EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    SqlErr, Statement,
};

pub use method_routings::{
    delete_method_routing, find_method_routing, insert_method_routing, list_method_routings,
    update_method_routing, MethodRouting, NewMethodRouting,
};

use entity::{consumer, direct_login_token, entitlement, entitlement_request, resource_user};

// ---------------------------------------------------------------- the handle

/// Counts every statement into `counter` and traces it
/// (`RUST_LOG=obp_db_statements=trace` logs every statement, its pool and its time).
fn statement_counter(
    counter: &Arc<AtomicU64>,
    name: &'static str,
) -> impl Fn(&sea_orm::metric::Info<'_>) + Send + Sync + 'static {
    let counter = counter.clone();
    move |info| {
        counter.fetch_add(1, Ordering::Relaxed);
        tracing::trace!(
            target: "obp_db_statements",
            pool = name,
            elapsed_us = info.elapsed.as_micros(),
            failed = info.failed,
            sql = %info.statement.sql,
        );
    }
}

/// The platform store: a handle on the database pool. Cheap to clone (the pool is shared).
///
/// Obtained with [`Store::connect`] (or [`Store::new`] over an opened pool); handed to every
/// store function, to [`crate::mapped::MappedConnector::from_store`] and to
/// [`crate::star::StarConnector::new`].
#[derive(Debug, Clone)]
pub struct Store {
    db: DatabaseConnection,
    /// The hot reads on a SQLite file: `query_only` connections run on the calling thread
    /// ([`crate::db::connect_reader`]); `None`: they go through `db`.
    reader: Option<DatabaseConnection>,
    /// The reader's connections, closed by [`Store::close`].
    reader_handle: Option<crate::sqlite_reads::SqliteReads>,
    /// Statements run on the pool since it was opened (every clone shares the count).
    statements: Arc<AtomicU64>,
    /// The read caches (every clone shares them; see [`cache`]).
    pub(crate) caches: Arc<ReadCaches>,
}

/// The default TTL of the view and grant caches (`view_cache_ttl_millis`).
pub const DEFAULT_VIEW_CACHE_TTL: std::time::Duration = std::time::Duration::from_secs(1);

/// What the store and the mapped connector on its pool cache (see [`cache`]): view
/// definitions by (bank, account, view) — `("", "", id)` for a system view —, the view ids a
/// user holds on an account by (user, bank, account), users by id (for display: an account's
/// holders), and the mapped connector's banks (one by id, and the list).
#[derive(Debug)]
pub(crate) struct ReadCaches {
    pub(crate) views:
        cache::GenerationCache<(String, String, String), Option<obp_domain::view::ViewDefinition>>,
    pub(crate) grants: cache::GenerationCache<(String, String, String), Arc<[String]>>,
    pub(crate) banks: cache::GenerationCache<String, obp_domain::bank::Bank>,
    pub(crate) bank_list: cache::GenerationCache<(), Arc<[obp_domain::bank::Bank]>>,
    pub(crate) users: cache::GenerationCache<String, Option<User>>,
}

impl ReadCaches {
    pub(crate) fn new(ttl: std::time::Duration) -> Self {
        Self {
            views: cache::GenerationCache::new(ttl),
            grants: cache::GenerationCache::new(ttl),
            banks: cache::GenerationCache::new(ttl),
            bank_list: cache::GenerationCache::new(ttl),
            users: cache::GenerationCache::new(ttl),
        }
    }

    fn forget_all(&self) {
        self.views.invalidate_all();
        self.grants.invalidate_all();
        self.banks.invalidate_all();
        self.bank_list.invalidate_all();
        self.users.invalidate_all();
    }
}

/// Why the database could not be opened, migrated, reached or closed: the driver's error,
/// shown as it is (startup and health checks report it, unlike [`StoreError`], which hides the
/// cause behind "database failure").
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct DatabaseError(DbErr);

/// Which database a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite.
    Sqlite,
    /// PostgreSQL.
    Postgres,
    /// Another backend sea-orm supports (MySQL); not supported by the platform.
    Other,
}

/// A migration and whether it is applied (`obp-server migrate --status`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationStatus {
    /// The migration's name.
    pub name: String,
    /// `Applied` or `Pending`.
    pub status: String,
}

impl Store {
    /// A store over an opened pool. Statements are counted only on a pool opened by
    /// [`Store::connect`] (a pool's counting callback is set before it is shared).
    pub fn new(db: DatabaseConnection) -> Self {
        Self {
            reader: None,
            reader_handle: None,
            db,
            statements: Arc::default(),
            caches: Arc::new(ReadCaches::new(DEFAULT_VIEW_CACHE_TTL)),
        }
    }

    /// The same store with its read caches keeping entries for `ttl` (zero: no caching); see
    /// [`cache`] for what is cached and how it is invalidated.
    #[must_use]
    pub fn with_view_cache_ttl(mut self, ttl: std::time::Duration) -> Self {
        self.caches = Arc::new(ReadCaches::new(ttl));
        self
    }

    /// Opens the pool and, on a SQLite file, the reader beside it (see
    /// [`crate::db::connect`] and [`crate::db::connect_reader`]).
    ///
    /// # Errors
    /// Fails when the URL is invalid, the SQLite file cannot be created or the database
    /// cannot be reached.
    pub async fn connect(settings: &crate::db::DbSettings) -> Result<Self, DatabaseError> {
        let mut db = crate::db::connect(settings).await.map_err(DatabaseError)?;
        let statements = Arc::new(AtomicU64::new(0));
        db.set_metric_callback(statement_counter(&statements, "writer"));
        let (reader, reader_handle) = crate::db::connect_reader_observed(
            settings,
            Some(Box::new(statement_counter(&statements, "reader"))),
        )
        .await
        .map_err(DatabaseError)?
        .unzip();
        Ok(Self {
            db,
            reader,
            reader_handle,
            statements,
            caches: Arc::new(ReadCaches::new(DEFAULT_VIEW_CACHE_TTL)),
        })
    }

    /// Forgets everything this instance cached (views, grants, banks): for tools and tests
    /// that write those rows with SQL of their own, behind the store's back.
    pub fn forget_cached(&self) {
        self.caches.forget_all();
    }

    /// The read caches, shared with the mapped connector on this pool.
    pub(crate) fn read_caches(&self) -> Arc<ReadCaches> {
        self.caches.clone()
    }

    /// How many statements the pool has run since [`Store::connect`] opened it, on every
    /// connection and in transactions (`BEGIN` and `COMMIT` are not counted). The benchmarks
    /// and the statement-budget tests read it; a relaxed counter costs nothing measurable.
    pub fn statements_run(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    /// The pool, for this crate's connectors (the mapped ledger, the star connector's
    /// routing table).
    pub(crate) fn connection(&self) -> &DatabaseConnection {
        &self.db
    }

    /// The pool for reads that decide nothing written after them (see
    /// [`crate::db::connect_reader`]): the reader on a SQLite file, else the pool.
    pub(crate) fn reader(&self) -> &DatabaseConnection {
        self.reader.as_ref().unwrap_or(&self.db)
    }

    /// The reader's connections themselves, for reads that decode their rows by index
    /// ([`crate::sqlite_reads::SqliteReads::read_rows`]); `None` where there is no reader.
    pub(crate) fn sqlite_reads(&self) -> Option<&crate::sqlite_reads::SqliteReads> {
        self.reader_handle.as_ref()
    }

    /// Whether hot reads go through a reader of their own (a SQLite file with
    /// `db_read_connections` above 0).
    pub fn has_reader_pool(&self) -> bool {
        self.reader.is_some()
    }

    /// The pool itself, for test fixtures and benchmarks that write rows the API has no
    /// endpoint for. Not for the server: `obp-api` never holds the connection
    /// (`.ci/layers.sh` refuses the name in `api/src`).
    pub fn raw_connection(&self) -> &DatabaseConnection {
        &self.db
    }

    /// The database the store runs on.
    pub fn backend(&self) -> Backend {
        match self.db.get_database_backend() {
            DbBackend::Sqlite => Backend::Sqlite,
            DbBackend::Postgres => Backend::Postgres,
            _ => Backend::Other,
        }
    }

    /// Checks the database answers a trivial query.
    ///
    /// # Errors
    /// Fails when the database does not answer.
    pub async fn ping(&self) -> Result<(), DatabaseError> {
        crate::db::ping(&self.db).await.map_err(DatabaseError)
    }

    /// Applies pending migrations; a failed migration is rolled back where the database
    /// allows.
    ///
    /// # Errors
    /// A failed migration.
    pub async fn migrate(&self) -> Result<(), DatabaseError> {
        Migrator::up(&self.db, None).await.map_err(DatabaseError)
    }

    /// How many migrations are not applied yet.
    ///
    /// # Errors
    /// A database failure.
    pub async fn pending_migrations(&self) -> Result<usize, DatabaseError> {
        Ok(Migrator::get_pending_migrations(&self.db)
            .await
            .map_err(DatabaseError)?
            .len())
    }

    /// Every migration with its status, oldest first.
    ///
    /// # Errors
    /// A database failure.
    pub async fn migration_status(&self) -> Result<Vec<MigrationStatus>, DatabaseError> {
        Ok(Migrator::get_migration_with_status(&self.db)
            .await
            .map_err(DatabaseError)?
            .into_iter()
            .map(|m| MigrationStatus {
                name: m.name().to_owned(),
                status: m.status().to_string(),
            })
            .collect())
    }

    /// Closes the pools (every clone of the store stops working).
    ///
    /// # Errors
    /// A database failure while closing.
    pub async fn close(self) -> Result<(), DatabaseError> {
        if let Some(reads) = &self.reader_handle {
            reads.close();
        }
        if let Some(reader) = self.reader {
            reader.close().await.map_err(DatabaseError)?;
        }
        self.db.close().await.map_err(DatabaseError)
    }
}

// ---------------------------------------------------------------- records

/// Declares a plain record with the fields of a sea-orm model and the conversions both ways
/// (the field lists must match: the compiler checks every field is named).
macro_rules! record {
    (
        $(#[$meta:meta])*
        pub struct $name:ident from $model:path {
            $( $(#[$fmeta:meta])* pub $field:ident : $ty:ty, )*
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $ty, )*
        }

        impl From<$model> for $name {
            fn from(m: $model) -> Self {
                Self { $( $field: m.$field, )* }
            }
        }

        impl From<$name> for $model {
            fn from(r: $name) -> Self {
                Self { $( $field: r.$field, )* }
            }
        }
    };
}
pub(crate) use record;

/// `Vec<Model>` → `Vec<Record>`.
fn records<M, R: From<M>>(rows: Vec<M>) -> Vec<R> {
    rows.into_iter().map(R::from).collect()
}

record! {
    /// A platform user.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct User from resource_user::Model {
        /// USER_ID (UUID text).
        pub id: String,
        /// Identity provider (the server's hostname for local users).
        pub provider: String,
        /// Username, unique per provider.
        pub username: String,
        /// E-mail address.
        pub email: String,
        /// First name.
        pub first_name: String,
        /// Last name.
        pub last_name: String,
        /// Argon2id PHC string; `None` for users that never log in with a password.
        pub password_hash: Option<String>,
        /// Failed logins since the last success or reset.
        pub bad_login_attempts: i32,
        /// When the last failed login happened.
        pub last_failure_at: Option<DateTime<Utc>>,
        /// Locked by an administrator (failed logins are throttled, see `login_throttle`).
        pub is_locked: bool,
        /// Soft-deleted.
        pub is_deleted: bool,
        /// When the row was created.
        pub created_at: DateTime<Utc>,
    }
}

record! {
    /// A consumer (app).
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Consumer from consumer::Model {
        /// CONSUMER_ID (UUID text).
        pub id: String,
        /// The public consumer key.
        pub consumer_key: String,
        /// SHA-256 (hex) of the secret; the secret itself is shown once.
        pub secret_hash: String,
        /// App name.
        pub app_name: String,
        /// App type.
        pub app_type: String,
        /// Description.
        pub description: String,
        /// Developer e-mail.
        pub developer_email: String,
        /// Redirect URL.
        pub redirect_url: String,
        /// Client certificate (PEM), may be empty.
        pub client_certificate: String,
        /// Company.
        pub company: String,
        /// The user who created the app.
        pub created_by_user_id: Option<String>,
        /// Disabled apps cannot log in and their tokens stop working.
        pub enabled: bool,
        /// When the row was created.
        pub created_at: DateTime<Utc>,
    }
}

record! {
    /// A DirectLogin token (stored by hash).
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Token from direct_login_token::Model {
        /// SHA-256 (hex) of the token.
        pub token_hash: String,
        /// The user the token authenticates.
        pub user_id: String,
        /// The app the token was issued to.
        pub consumer_id: String,
        /// After this instant the token is refused.
        pub expires_at: DateTime<Utc>,
        /// Revoked by logout or by a lock of the user.
        pub revoked: bool,
        /// When the token was issued.
        pub created_at: DateTime<Utc>,
    }
}

record! {
    /// A role granted to a user (at a bank, or system-wide).
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Entitlement from entitlement::Model {
        /// ENTITLEMENT_ID.
        pub id: String,
        /// The holder.
        pub user_id: String,
        /// The bank, or `""` for a system role.
        pub bank_id: String,
        /// The role name.
        pub role_name: String,
        /// `manual`, `create_just_in_time_entitlements`, `bootstrap`, `create_bank`.
        pub created_by_process: String,
        /// When the row was created.
        pub created_at: DateTime<Utc>,
    }
}

record! {
    /// A user's request for a role.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct EntitlementRequest from entitlement_request::Model {
        /// ENTITLEMENT_REQUEST_ID.
        pub id: String,
        /// The requesting user.
        pub user_id: String,
        /// The bank, or `""` for a system role.
        pub bank_id: String,
        /// The role name.
        pub role_name: String,
        /// When the request was made.
        pub created_at: DateTime<Utc>,
    }
}

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

impl User {
    /// The user as the call context carries it.
    pub fn auth_user(&self) -> AuthUser {
        AuthUser {
            user_id: self.id.clone(),
            username: self.username.clone(),
            provider: self.provider.clone(),
            email: self.email.clone(),
            consent: None,
        }
    }
}

// ---------------------------------------------------------------- users

/// A user to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    /// Identity provider (the server's hostname for local users).
    pub provider: String,
    /// Username, unique per provider.
    pub username: String,
    /// E-mail address.
    pub email: String,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Argon2id PHC string; `None` for users that never log in with a password.
    pub password_hash: Option<String>,
}

/// Inserts a user (a new id, active, no failed logins); `Duplicate` when the provider
/// already has that username.
///
/// # Errors
/// `Duplicate` or a database failure.
pub async fn insert_user(store: &Store, new: NewUser) -> StoreResult<User> {
    let row = resource_user::Model {
        id: new_id(),
        provider: new.provider,
        username: new.username,
        email: new.email,
        first_name: new.first_name,
        last_name: new.last_name,
        password_hash: new.password_hash,
        bad_login_attempts: 0,
        last_failure_at: None,
        is_locked: false,
        is_deleted: false,
        created_at: Utc::now(),
    };
    let inserted = resource_user::ActiveModel::from(row)
        .insert(&store.db)
        .await;
    Ok(inserted?.into())
}

/// [`find_user`] through this instance's user cache (see [`cache`]), without the password
/// hash (never kept in the cache): for reads that show a user (an account's holders), not
/// for deciding what a user may do. The login counters in it may lag (logins do not
/// invalidate the cache); locking, a new password and deletion do.
///
/// # Errors
/// A database failure.
pub async fn find_user_cached(store: &Store, user_id: &str) -> StoreResult<Option<User>> {
    let cache = &store.caches.users;
    if let Some(found) = cache.get(user_id) {
        return Ok(found);
    }
    let generation = cache.generation();
    let found = find_user(store, user_id).await?.map(|mut u| {
        u.password_hash = None;
        u
    });
    cache.insert(user_id.to_owned(), generation, found.clone());
    Ok(found)
}

/// One user by id (deleted users included).
///
/// # Errors
/// A database failure.
pub async fn find_user(store: &Store, user_id: &str) -> StoreResult<Option<User>> {
    let c = store.reader();
    Ok(resource_user::Entity::find_by_id(user_id)
        .one(c)
        .await?
        .map(User::from))
}

/// One user by provider and username (deleted users included).
///
/// # Errors
/// A database failure.
pub async fn find_user_by_username(
    store: &Store,
    provider: &str,
    username: &str,
) -> StoreResult<Option<User>> {
    let c = &store.db;
    Ok(resource_user::Entity::find()
        .filter(resource_user::Column::Provider.eq(provider))
        .filter(resource_user::Column::Username.eq(username))
        .one(c)
        .await?
        .map(User::from))
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
pub async fn list_users(store: &Store, f: &UserFilter) -> StoreResult<Vec<User>> {
    let c = &store.db;
    let mut q = resource_user::Entity::find();
    if let Some(d) = f.is_deleted {
        q = q.filter(resource_user::Column::IsDeleted.eq(d));
    }
    if let Some(l) = f.is_locked {
        q = q.filter(resource_user::Column::IsLocked.eq(l));
    }
    Ok(records(
        q.order_by_asc(resource_user::Column::Username)
            .order_by_asc(resource_user::Column::Id)
            .limit(f.limit)
            .offset(f.offset)
            .all(c)
            .await?,
    ))
}

/// Counts a failed login of a user (reported by the lock status). It never locks the user:
/// failed logins are throttled per username and client address (see [`login_throttle`]), so
/// strangers cannot lock an account. The increment is one atomic update.
///
/// # Errors
/// A database failure.
pub async fn record_failed_login(store: &Store, user_id: &str) -> StoreResult<()> {
    let c = &store.db;
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
pub async fn record_successful_login(store: &Store, user_id: &str) -> StoreResult<()> {
    let c = &store.db;
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
pub async fn set_user_locked(store: &Store, user_id: &str, locked: bool) -> StoreResult<()> {
    let _forget_users = store.caches.users.invalidate_on_drop();
    let c = &store.db;
    let mut q = resource_user::Entity::update_many()
        .col_expr(resource_user::Column::IsLocked, Expr::value(locked));
    if !locked {
        q = q.col_expr(resource_user::Column::BadLoginAttempts, Expr::value(0));
    }
    q.filter(resource_user::Column::Id.eq(user_id))
        .exec(c)
        .await?;
    if locked {
        revoke_tokens_of_user(store, user_id).await?;
    } else if let Some(u) = find_user(store, user_id).await? {
        login_throttle::clear_username(store, &u.username).await?;
    }
    Ok(())
}

/// Replaces a user's password hash.
///
/// # Errors
/// A database failure.
pub async fn set_user_password(
    store: &Store,
    user_id: &str,
    password_hash: String,
) -> StoreResult<()> {
    let _forget_users = store.caches.users.invalidate_on_drop();
    let c = &store.db;
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
pub async fn delete_user(store: &Store, user_id: &str) -> StoreResult<()> {
    let _forget_users = store.caches.users.invalidate_on_drop();
    let _forget_grants = store.caches.grants.invalidate_on_drop();
    let c = &store.db;
    resource_user::Entity::update_many()
        .col_expr(resource_user::Column::IsDeleted, Expr::value(true))
        .filter(resource_user::Column::Id.eq(user_id))
        .exec(c)
        .await?;
    Ok(())
}

// ---------------------------------------------------------------- consumers

/// A consumer (app) to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewConsumer {
    /// The public consumer key.
    pub consumer_key: String,
    /// SHA-256 (hex) of the secret.
    pub secret_hash: String,
    /// App name.
    pub app_name: String,
    /// App type.
    pub app_type: String,
    /// Description.
    pub description: String,
    /// Developer e-mail.
    pub developer_email: String,
    /// Redirect URL.
    pub redirect_url: String,
    /// Client certificate (PEM), may be empty.
    pub client_certificate: String,
    /// The user who created the app.
    pub created_by_user_id: Option<String>,
    /// Whether the app may log in.
    pub enabled: bool,
}

/// Inserts a consumer (a new id, no company); `Duplicate` when the key is taken.
///
/// # Errors
/// `Duplicate` or a database failure.
pub async fn insert_consumer(store: &Store, new: NewConsumer) -> StoreResult<Consumer> {
    let row = consumer::Model {
        id: new_id(),
        consumer_key: new.consumer_key,
        secret_hash: new.secret_hash,
        app_name: new.app_name,
        app_type: new.app_type,
        description: new.description,
        developer_email: new.developer_email,
        redirect_url: new.redirect_url,
        client_certificate: new.client_certificate,
        company: String::new(),
        created_by_user_id: new.created_by_user_id,
        enabled: new.enabled,
        created_at: Utc::now(),
    };
    Ok(consumer::ActiveModel::from(row)
        .insert(&store.db)
        .await?
        .into())
}

/// One consumer by id.
///
/// # Errors
/// A database failure.
pub async fn find_consumer(store: &Store, consumer_id: &str) -> StoreResult<Option<Consumer>> {
    let c = store.reader();
    Ok(consumer::Entity::find_by_id(consumer_id)
        .one(c)
        .await?
        .map(Consumer::from))
}

/// One consumer by its key.
///
/// # Errors
/// A database failure.
pub async fn find_consumer_by_key(store: &Store, key: &str) -> StoreResult<Option<Consumer>> {
    let c = store.reader();
    Ok(consumer::Entity::find()
        .filter(consumer::Column::ConsumerKey.eq(key))
        .one(c)
        .await?
        .map(Consumer::from))
}

/// Consumers, oldest first; only those created by `created_by` when given.
///
/// # Errors
/// A database failure.
pub async fn list_consumers(store: &Store, created_by: Option<&str>) -> StoreResult<Vec<Consumer>> {
    let c = &store.db;
    let mut q = consumer::Entity::find();
    if let Some(u) = created_by {
        q = q.filter(consumer::Column::CreatedByUserId.eq(u));
    }
    Ok(records(
        q.order_by_asc(consumer::Column::CreatedAt)
            .order_by_asc(consumer::Column::Id)
            .all(c)
            .await?,
    ))
}

/// Enables or disables a consumer; returns the updated row.
///
/// # Errors
/// A database failure.
pub async fn set_consumer_enabled(
    store: &Store,
    row: Consumer,
    enabled: bool,
) -> StoreResult<Consumer> {
    let c = &store.db;
    let mut am = consumer::Model::from(row).into_active_model();
    am.enabled = Set(enabled);
    Ok(am.update(c).await?.into())
}

/// Replaces a consumer's secret hash.
///
/// # Errors
/// A database failure.
pub async fn set_consumer_secret(
    store: &Store,
    row: Consumer,
    secret_hash: String,
) -> StoreResult<Consumer> {
    let c = &store.db;
    let mut am = consumer::Model::from(row).into_active_model();
    am.secret_hash = Set(secret_hash);
    Ok(am.update(c).await?.into())
}

// ---------------------------------------------------------------- tokens

/// Stores a new DirectLogin token (by hash).
///
/// # Errors
/// A database failure.
pub async fn insert_token(store: &Store, row: Token) -> StoreResult<()> {
    let c = &store.db;
    direct_login_token::ActiveModel::from(direct_login_token::Model::from(row))
        .insert(c)
        .await?;
    Ok(())
}

/// Deletes a user's expired and revoked tokens (called at login, so the table stays small).
///
/// # Errors
/// A database failure.
pub async fn purge_dead_tokens(
    store: &Store,
    user_id: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let c = &store.db;
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
pub async fn revoke_token(store: &Store, token_hash: &str) -> StoreResult<bool> {
    let c = &store.db;
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
pub async fn revoke_tokens_of_user(store: &Store, user_id: &str) -> StoreResult<u64> {
    let c = &store.db;
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
        entitlements: Vec<Entitlement>,
    },
}

/// Checks a token with one indexed query joining token, user, consumer and the user's
/// entitlements. Nothing is cached here: revocation, app disabling, locking, deletion and
/// role changes count on the next call (the API may remember valid tokens briefly, see its
/// `token_cache`).
///
/// # Errors
/// A database failure.
pub async fn check_token(
    store: &Store,
    token_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<TokenCheck> {
    let c = store.reader();
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
        entitlements.push(Entitlement {
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
            consent: None,
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
pub async fn insert_entitlement(
    store: &Store,
    user_id: &str,
    bank_id: &str,
    role_name: &str,
    created_by_process: &str,
) -> StoreResult<Entitlement> {
    let c = &store.db;
    let row = entitlement::Model {
        id: new_id(),
        user_id: user_id.to_owned(),
        bank_id: bank_id.to_owned(),
        role_name: role_name.to_owned(),
        created_by_process: created_by_process.to_owned(),
        created_at: Utc::now(),
    };
    Ok(entitlement::ActiveModel::from(row).insert(c).await?.into())
}

/// Grants a role unless the user already holds it.
///
/// # Errors
/// A database failure.
pub async fn ensure_entitlement(
    store: &Store,
    user_id: &str,
    bank_id: &str,
    role_name: &str,
    created_by_process: &str,
) -> StoreResult<()> {
    match insert_entitlement(store, user_id, bank_id, role_name, created_by_process).await {
        Ok(_) | Err(StoreError::Duplicate) => Ok(()),
        Err(e) => Err(e),
    }
}

/// A user's entitlements ordered by role name then bank.
///
/// # Errors
/// A database failure.
pub async fn entitlements_of_user(store: &Store, user_id: &str) -> StoreResult<Vec<Entitlement>> {
    let c = store.reader();
    Ok(records(
        entitlement::Entity::find()
            .filter(entitlement::Column::UserId.eq(user_id))
            .order_by_asc(entitlement::Column::RoleName)
            .order_by_asc(entitlement::Column::BankId)
            .all(c)
            .await?,
    ))
}

/// All entitlements, optionally of one role or one bank, ordered by role, bank, user.
///
/// # Errors
/// A database failure.
pub async fn list_entitlements(
    store: &Store,
    role_name: Option<&str>,
    bank_id: Option<&str>,
) -> StoreResult<Vec<Entitlement>> {
    let c = &store.db;
    let mut q = entitlement::Entity::find();
    if let Some(r) = role_name {
        q = q.filter(entitlement::Column::RoleName.eq(r));
    }
    if let Some(b) = bank_id {
        q = q.filter(entitlement::Column::BankId.eq(b));
    }
    Ok(records(
        q.order_by_asc(entitlement::Column::RoleName)
            .order_by_asc(entitlement::Column::BankId)
            .order_by_asc(entitlement::Column::UserId)
            .all(c)
            .await?,
    ))
}

/// One entitlement by id.
///
/// # Errors
/// A database failure.
pub async fn find_entitlement(store: &Store, id: &str) -> StoreResult<Option<Entitlement>> {
    let c = &store.db;
    Ok(entitlement::Entity::find_by_id(id)
        .one(c)
        .await?
        .map(Entitlement::from))
}

/// Deletes one entitlement.
///
/// # Errors
/// A database failure.
pub async fn delete_entitlement(store: &Store, id: &str) -> StoreResult<()> {
    let c = &store.db;
    entitlement::Entity::delete_by_id(id).exec(c).await?;
    Ok(())
}

/// Deletes every entitlement of these roles at `bank_id` (`""` for system roles), e.g. the
/// roles of a dynamic entity being deleted; how many went.
///
/// # Errors
/// A database failure.
pub async fn delete_entitlements_of_roles(
    store: &Store,
    role_names: &[String],
    bank_id: &str,
) -> StoreResult<u64> {
    let c = &store.db;
    let res = entitlement::Entity::delete_many()
        .filter(entitlement::Column::RoleName.is_in(role_names.iter().map(String::as_str)))
        .filter(entitlement::Column::BankId.eq(bank_id))
        .exec(c)
        .await?;
    Ok(res.rows_affected)
}

/// How many users other than `excluding_user_id` hold `role_name` (at `bank_id`, `""` for a
/// system role) and can use it: neither deleted nor locked.
///
/// # Errors
/// A database failure.
pub async fn count_other_active_holders(
    store: &Store,
    role_name: &str,
    bank_id: &str,
    excluding_user_id: &str,
) -> StoreResult<u64> {
    let c = &store.db;
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
pub async fn count_users(store: &Store) -> StoreResult<u64> {
    let c = &store.db;
    Ok(resource_user::Entity::find().count(c).await?)
}

// ---------------------------------------------------------------- entitlement requests

/// Records a request; `Duplicate` when the same (user, bank, role) request exists.
///
/// # Errors
/// `Duplicate` or a database failure.
pub async fn insert_entitlement_request(
    store: &Store,
    user_id: &str,
    bank_id: &str,
    role_name: &str,
) -> StoreResult<EntitlementRequest> {
    let c = &store.db;
    let row = entitlement_request::Model {
        id: new_id(),
        user_id: user_id.to_owned(),
        bank_id: bank_id.to_owned(),
        role_name: role_name.to_owned(),
        created_at: Utc::now(),
    };
    Ok(entitlement_request::ActiveModel::from(row)
        .insert(c)
        .await?
        .into())
}

/// Entitlement requests, oldest first; of one user when given.
///
/// # Errors
/// A database failure.
pub async fn list_entitlement_requests(
    store: &Store,
    user_id: Option<&str>,
) -> StoreResult<Vec<EntitlementRequest>> {
    let c = &store.db;
    let mut q = entitlement_request::Entity::find();
    if let Some(u) = user_id {
        q = q.filter(entitlement_request::Column::UserId.eq(u));
    }
    Ok(records(
        q.order_by_asc(entitlement_request::Column::CreatedAt)
            .order_by_asc(entitlement_request::Column::Id)
            .all(c)
            .await?,
    ))
}

/// Deletes an entitlement request; returns whether it existed.
///
/// # Errors
/// A database failure.
pub async fn delete_entitlement_request(store: &Store, id: &str) -> StoreResult<bool> {
    let c = &store.db;
    let res = entitlement_request::Entity::delete_by_id(id)
        .exec(c)
        .await?;
    Ok(res.rows_affected > 0)
}
