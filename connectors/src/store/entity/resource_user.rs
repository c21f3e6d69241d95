//! The `resource_user` table: platform users.

use sea_orm::entity::prelude::*;

/// A user row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "resource_user")]
pub struct Model {
    /// USER_ID (UUID text).
    #[sea_orm(primary_key, auto_increment = false)]
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
    pub last_failure_at: Option<DateTimeUtc>,
    /// Locked by an administrator (failed logins are throttled, see `login_throttle`).
    pub is_locked: bool,
    /// Soft-deleted.
    pub is_deleted: bool,
    /// When the row was created.
    pub created_at: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
