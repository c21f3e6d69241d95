//! The `user_auth_context_update` table: a user's request to add an auth context pair,
//! pending its SCA challenge.

use sea_orm::entity::prelude::*;

/// An update request row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "user_auth_context_update")]
pub struct Model {
    /// AUTH_CONTEXT_UPDATE_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_auth_context_update_id: String,
    /// USER_ID of the requesting user.
    pub user_id: String,
    /// CONSUMER_ID of the app the request came through.
    pub consumer_id: String,
    /// BANK_ID of the path the request was made under.
    pub bank_id: String,
    /// The key.
    pub key: String,
    /// The value.
    pub value: String,
    /// INITIATED, ACCEPTED or REJECTED.
    pub status: String,
    /// When it was created.
    pub created_at: DateTimeUtc,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
