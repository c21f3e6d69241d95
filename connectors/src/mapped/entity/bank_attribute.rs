//! The `bank_attribute` table.

use sea_orm::entity::prelude::*;

/// A bank attribute row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bank_attribute")]
pub struct Model {
    /// BANK_ATTRIBUTE_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Name.
    pub name: String,
    /// Type.
    pub attribute_type: String,
    /// Value.
    pub value: String,
    /// Shown in the bank's JSON.
    pub is_active: bool,
    /// When the row was created.
    pub created_at: DateTimeUtc,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
