//! The `user_auth_context` table: key/value pairs attached to a user, sent to adapters.

use sea_orm::entity::prelude::*;

/// An auth context row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "user_auth_context")]
pub struct Model {
    /// USER_AUTH_CONTEXT_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_auth_context_id: String,
    /// USER_ID.
    pub user_id: String,
    /// The key.
    pub key: String,
    /// The value.
    pub value: String,
    /// CONSUMER_ID of the app that created it.
    pub consumer_id: String,
    /// When it was created.
    pub created_at: DateTimeUtc,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
