//! The `entitlement` table: a role held by a user, system-wide (`bank_id = ""`) or for a bank.

use sea_orm::entity::prelude::*;

/// An entitlement row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "entitlement")]
pub struct Model {
    /// ENTITLEMENT_ID.
    #[sea_orm(primary_key, auto_increment = false)]
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
    pub created_at: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
