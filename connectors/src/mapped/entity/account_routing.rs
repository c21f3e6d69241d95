//! The `account_routing` table.

use sea_orm::entity::prelude::*;

/// A routing of an account.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "account_routing")]
pub struct Model {
    /// BANK_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub bank_id: String,
    /// ACCOUNT_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub account_id: String,
    /// Scheme, e.g. IBAN.
    #[sea_orm(primary_key, auto_increment = false)]
    pub scheme: String,
    /// Address.
    pub address: String,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
