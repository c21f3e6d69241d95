//! The `kyc_document` table.

use sea_orm::entity::prelude::*;

/// A KYC document row, keyed by customer and the client's id.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kyc_document")]
pub struct Model {
    /// CUSTOMER_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub customer_id: String,
    /// KYC_DOCUMENT_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Customer number as posted.
    pub customer_number: String,
    /// Document type.
    pub document_type: String,
    /// Document number.
    pub number: String,
    /// Issue date.
    pub issue_date: DateTimeUtc,
    /// Place of issue.
    pub issue_place: String,
    /// Expiry date.
    pub expiry_date: DateTimeUtc,
    /// Created.
    pub created_at: DateTimeUtc,
    /// Last written.
    pub updated_at: DateTimeUtc,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
