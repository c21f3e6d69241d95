//! The `customer` table: keys as columns, the rest of the customer as JSON in `data`.

use sea_orm::entity::prelude::*;

/// A customer row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "customer")]
pub struct Model {
    /// CUSTOMER_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub customer_id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Customer number (unique per bank).
    pub customer_number: String,
    /// The whole customer as JSON.
    pub data: String,
    /// When the row was created.
    pub created_at: DateTimeUtc,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
