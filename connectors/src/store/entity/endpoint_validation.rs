//! The `endpoint_validation` table: a JSON Schema or the accepted authentication types of
//! one static endpoint, by operation id.

use sea_orm::entity::prelude::*;

/// An endpoint validation row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "endpoint_validation")]
pub struct Model {
    /// `json_schema` or `authentication_types`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: String,
    /// OBP's operation id (`OBPv4.0.0-createBank`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub operation_id: String,
    /// The rule as JSON text (the schema, or the list of types).
    pub content: String,
    /// USER_ID of the last writer.
    pub user_id: String,
    /// When created.
    pub created_at: DateTimeUtc,
    /// When last updated.
    pub updated_at: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
