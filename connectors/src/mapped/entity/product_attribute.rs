//! The `product_attribute` table.

use sea_orm::entity::prelude::*;

/// A product attribute row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "product_attribute")]
pub struct Model {
    /// PRODUCT_ATTRIBUTE_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// PRODUCT_CODE.
    pub product_code: String,
    /// Name.
    pub name: String,
    /// Type.
    pub attribute_type: String,
    /// Value.
    pub value: String,
    /// Active flag, when given.
    pub is_active: Option<bool>,
    /// Created.
    pub created_at: DateTimeUtc,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
