//! The `kyc_status` table: a customer's KYC status timeline, one row per date.

use sea_orm::entity::prelude::*;

/// A KYC status row, keyed by customer and date.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kyc_status")]
pub struct Model {
    /// CUSTOMER_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub customer_id: String,
    /// From when the status holds.
    #[sea_orm(primary_key, auto_increment = false)]
    pub date: DateTimeUtc,
    /// BANK_ID.
    pub bank_id: String,
    /// Customer number as posted.
    pub customer_number: String,
    /// Passed KYC.
    pub ok: bool,
    /// Created.
    pub created_at: DateTimeUtc,
    /// Last written.
    pub updated_at: DateTimeUtc,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
