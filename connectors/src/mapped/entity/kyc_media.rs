//! The `kyc_media` table.

use sea_orm::entity::prelude::*;

/// A KYC media row, keyed by customer and the client's id.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kyc_media")]
pub struct Model {
    /// CUSTOMER_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub customer_id: String,
    /// KYC_MEDIA_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Customer number as posted.
    pub customer_number: String,
    /// Media type.
    pub media_type: String,
    /// URL.
    pub url: String,
    /// When taken.
    pub date: DateTimeUtc,
    /// Related KYC document id.
    pub relates_to_kyc_document_id: String,
    /// Related KYC check id.
    pub relates_to_kyc_check_id: String,
    /// Created.
    pub created_at: DateTimeUtc,
    /// Last written.
    pub updated_at: DateTimeUtc,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
