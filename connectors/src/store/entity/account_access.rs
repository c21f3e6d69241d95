//! The `account_access` table: a user may use a view of an account.

use sea_orm::entity::prelude::*;

/// An access row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "account_access")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// The user.
    pub user_id: String,
    /// The bank.
    pub bank_id: String,
    /// The account.
    pub account_id: String,
    /// The view.
    pub view_id: String,
    /// The only app through which the grant is usable, or `ALL_CONSUMERS`.
    pub consumer_id: String,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// `""` (granted through the API) or `CBS` (granted by the account refresh).
    pub source: String,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
