//! The `counterparty_limit` table: payment maxima per (bank, account, view, counterparty).

use sea_orm::entity::prelude::*;

/// A counterparty limit row; amounts in minor units of `currency`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "counterparty_limit")]
pub struct Model {
    /// COUNTERPARTY_LIMIT_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// VIEW_ID.
    pub view_id: String,
    /// COUNTERPARTY_ID.
    pub counterparty_id: String,
    /// ISO 4217 code of every amount.
    pub currency: String,
    /// Largest single payment.
    pub max_single_amount_minor: i64,
    /// Most paid per calendar month.
    pub max_monthly_amount_minor: i64,
    /// Most payments per calendar month.
    pub max_number_of_monthly_transactions: i32,
    /// Most paid per calendar year.
    pub max_yearly_amount_minor: i64,
    /// Most payments per calendar year.
    pub max_number_of_yearly_transactions: i32,
    /// Most paid ever.
    pub max_total_amount_minor: i64,
    /// Most payments ever.
    pub max_number_of_transactions: i32,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
    /// The calendar month (`yyyymm`, UTC) the monthly usage counts in (0: none yet).
    pub usage_month: i64,
    /// The calendar year the yearly usage counts in (0: none yet).
    pub usage_year: i64,
    /// Paid in `usage_month`, minor units.
    pub monthly_used_minor: i64,
    /// Payments in `usage_month`.
    pub monthly_used_count: i64,
    /// Paid in `usage_year`, minor units.
    pub yearly_used_minor: i64,
    /// Payments in `usage_year`.
    pub yearly_used_count: i64,
    /// Paid ever, minor units.
    pub total_used_minor: i64,
    /// Payments ever.
    pub total_used_count: i64,
    /// Incremented by every usage change (the compare-and-set token).
    pub usage_version: i64,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
