//! The `transaction_metadata` table: narratives, comments, tags, images and where tags.

use sea_orm::entity::prelude::*;

/// One metadata item of a transaction.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "transaction_metadata")]
pub struct Model {
    /// Item id (COMMENT_ID, TAG_ID, IMAGE_ID; internal for narratives and where tags).
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// TRANSACTION_ID.
    pub transaction_id: String,
    /// The metadata view the item belongs to; empty for the narrative.
    pub view_id: String,
    /// `narrative`, `comment`, `tag`, `image` or `where`.
    pub kind: String,
    /// Empty for one-per-slot kinds (narrative, where), else the item id.
    pub slot: String,
    /// The user who posted it.
    pub user_id: String,
    /// Narrative text, comment text, tag value or image label.
    pub value: String,
    /// Image URL.
    pub url: Option<String>,
    /// Where tag latitude.
    pub latitude: Option<f64>,
    /// Where tag longitude.
    pub longitude: Option<f64>,
    /// When it was posted.
    pub date_posted: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
