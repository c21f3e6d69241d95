//! The `ledger_transaction` table: one row per leg.

use sea_orm::entity::prelude::*;

/// A leg; money in minor units.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ledger_transaction")]
pub struct Model {
    /// TRANSACTION_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// Signed amount in minor units.
    pub amount_minor: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// Balance after the leg, minor units.
    pub new_balance_minor: i64,
    /// OBP transaction type.
    pub transaction_type: String,
    /// Description.
    pub description: String,
    /// Posted.
    pub posted: DateTimeUtc,
    /// Completed.
    pub completed: DateTimeUtc,
    /// Other side's bank.
    pub other_bank_id: Option<String>,
    /// Other side's account.
    pub other_account_id: Option<String>,
    /// Other side's holder.
    pub other_holder: Option<String>,
    /// Other side's routing scheme.
    pub other_routing_scheme: Option<String>,
    /// Other side's routing address.
    pub other_routing_address: Option<String>,
    /// Counterparty.
    pub counterparty_id: Option<String>,
    /// Transaction request.
    pub transaction_request_id: Option<String>,
    /// Charge policy.
    pub charge_policy: Option<String>,
    /// Written at.
    pub created_at: DateTimeUtc,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
