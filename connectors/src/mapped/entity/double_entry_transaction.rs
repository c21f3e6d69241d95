//! The `double_entry_transaction` table (OBP's `DoubleEntryBookTransaction`).

use sea_orm::entity::prelude::*;

/// A record linking a debit and a credit leg.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "double_entry_transaction")]
pub struct Model {
    /// Record id.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// Transaction request's bank.
    pub transaction_request_bank_id: Option<String>,
    /// Transaction request's account.
    pub transaction_request_account_id: Option<String>,
    /// Transaction request id.
    pub transaction_request_id: Option<String>,
    /// Debit leg's bank.
    pub debit_bank_id: String,
    /// Debit leg's account.
    pub debit_account_id: String,
    /// Debit leg's transaction id.
    pub debit_transaction_id: String,
    /// Credit leg's bank.
    pub credit_bank_id: String,
    /// Credit leg's account.
    pub credit_account_id: String,
    /// Credit leg's transaction id.
    pub credit_transaction_id: String,
    /// Written at.
    pub created_at: DateTimeUtc,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
