//! The `transaction_request` table.

use sea_orm::entity::prelude::*;

/// A transaction request; money in minor units, details and target as JSON text.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "transaction_request")]
pub struct Model {
    /// TRANSACTION_REQUEST_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// Type.
    pub request_type: String,
    /// Paying bank.
    pub from_bank_id: String,
    /// Paying account.
    pub from_account_id: String,
    /// The request body as sent (JSON).
    pub details: String,
    /// The resolved target (JSON).
    pub target: String,
    /// Amount, minor units.
    pub value_minor: i64,
    /// Currency.
    pub currency: String,
    /// Description.
    pub description: String,
    /// Charge policy.
    pub charge_policy: String,
    /// Charge, minor units.
    pub charge_minor: i64,
    /// Status.
    pub status: String,
    /// Start.
    pub start_date: DateTimeUtc,
    /// End / last change.
    pub end_date: DateTimeUtc,
    /// Transaction ids (JSON array).
    pub transaction_ids: String,
    /// Requesting user.
    pub created_by_user_id: Option<String>,
    /// Requesting app.
    pub consumer_id: Option<String>,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
