//! The `kyc_check` table.

use sea_orm::entity::prelude::*;

/// A KYC check row, keyed by customer and the client's id.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kyc_check")]
pub struct Model {
    /// CUSTOMER_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub customer_id: String,
    /// KYC_CHECK_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Customer number as posted.
    pub customer_number: String,
    /// When the check was made.
    pub date: DateTimeUtc,
    /// How.
    pub how: String,
    /// Staff user id.
    pub staff_user_id: String,
    /// Staff name.
    pub staff_name: String,
    /// Satisfied.
    pub satisfied: bool,
    /// Comments.
    pub comments: String,
    /// Created.
    pub created_at: DateTimeUtc,
    /// Last written.
    pub updated_at: DateTimeUtc,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
