//! The `method_routing` table: which connector serves a method for which banks.

use sea_orm::entity::prelude::*;

/// A method routing row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "method_routing")]
pub struct Model {
    /// METHOD_ROUTING_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// OBP method name (`getBank`).
    pub method_name: String,
    /// Target connector (`mapped`, `rest_vMar2019`).
    pub connector_name: String,
    /// Whether `bank_id_pattern` is an exact bank id rather than a regex.
    pub is_bank_id_exact_match: bool,
    /// A bank id, or a regex (`.*` matches any bank and calls without a bank).
    pub bank_id_pattern: String,
    /// Parameters as a JSON array of `{key, value}`.
    pub parameters: String,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// The `entityName` parameter of a `dynamicEntityProcess` routing (`""` otherwise); part
    /// of the routing key.
    pub entity_name: String,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
