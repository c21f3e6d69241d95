//! The `account_attribute` table.

use sea_orm::entity::prelude::*;

/// An account attribute row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "account_attribute")]
pub struct Model {
    /// ACCOUNT_ATTRIBUTE_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// PRODUCT_CODE.
    pub product_code: String,
    /// Name (unique per account).
    pub name: String,
    /// Type.
    pub attribute_type: String,
    /// Value.
    pub value: String,
    /// Product instance code.
    pub product_instance_code: Option<String>,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
