//! The `direct_login_token` table: DirectLogin tokens, stored as SHA-256 hashes.

use sea_orm::entity::prelude::*;

/// A token row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "direct_login_token")]
pub struct Model {
    /// SHA-256 (hex) of the token.
    #[sea_orm(primary_key, auto_increment = false)]
    pub token_hash: String,
    /// The user the token authenticates.
    pub user_id: String,
    /// The app the token was issued to.
    pub consumer_id: String,
    /// After this instant the token is refused.
    pub expires_at: DateTimeUtc,
    /// Revoked by logout or by a lock of the user.
    pub revoked: bool,
    /// When the token was issued.
    pub created_at: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
