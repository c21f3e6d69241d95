//! The `transaction_attribute` table.

use sea_orm::entity::prelude::*;

/// A transaction attribute row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "transaction_attribute")]
pub struct Model {
    /// TRANSACTION_ATTRIBUTE_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// TRANSACTION_ID.
    pub transaction_id: String,
    /// Name.
    pub name: String,
    /// Type.
    pub attribute_type: String,
    /// Value.
    pub value: String,
    /// When the attribute was created.
    pub created_at: DateTimeUtc,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
