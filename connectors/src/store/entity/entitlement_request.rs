//! The `entitlement_request` table: a user asking for a role.

use sea_orm::entity::prelude::*;

/// An entitlement request row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "entitlement_request")]
pub struct Model {
    /// ENTITLEMENT_REQUEST_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// The requesting user.
    pub user_id: String,
    /// The bank, or `""` for a system role.
    pub bank_id: String,
    /// The role name.
    pub role_name: String,
    /// When the request was made.
    pub created_at: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
