//! The `bank_account` table.

use sea_orm::entity::prelude::*;

/// An account row; money in minor units.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bank_account")]
pub struct Model {
    /// BANK_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub bank_id: String,
    /// ACCOUNT_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub account_id: String,
    /// Label.
    pub label: String,
    /// Product code.
    pub account_type: String,
    /// ISO 4217 code.
    pub currency: String,
    /// Balance in minor units.
    pub balance_minor: i64,
    /// Overdraft limit in minor units.
    pub overdraft_limit_minor: i64,
    /// `CURRENT` or `SETTLEMENT`.
    pub kind: String,
    /// Account number.
    pub number: String,
    /// Branch.
    pub branch_id: String,
    /// Holder's name.
    pub holder_name: String,
    /// Creator.
    pub created_by_user_id: Option<String>,
    /// Created.
    pub created_at: DateTimeUtc,
    /// Last change.
    pub updated_at: DateTimeUtc,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
