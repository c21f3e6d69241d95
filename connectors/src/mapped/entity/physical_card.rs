//! The `physical_card` table: keys as columns, the card as JSON in `data`.

use sea_orm::entity::prelude::*;

/// A card row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "physical_card")]
pub struct Model {
    /// CARD_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub card_id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Card number.
    pub card_number: String,
    /// Issue number.
    pub issue_number: String,
    /// The customer the card was issued to.
    pub customer_id: String,
    /// The whole card as JSON.
    pub data: String,
    /// When the row was created.
    pub created_at: DateTimeUtc,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
