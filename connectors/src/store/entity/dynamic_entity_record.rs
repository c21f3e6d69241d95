//! The `dynamic_entity_record` table: records of dynamic entities, their fields one JSON
//! document (JSONB on PostgreSQL, JSON text on SQLite).

use sea_orm::entity::prelude::*;

/// A record row.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "dynamic_entity_record")]
pub struct Model {
    /// The record id (`foo_bar_id`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// Its definition's DYNAMIC_ENTITY_ID.
    pub dynamic_entity_id: String,
    /// BANK_ID of a bank-level entity, `""` for a system-level one.
    pub bank_id: String,
    /// The entity name.
    pub entity_name: String,
    /// The fields.
    #[sea_orm(column_type = "JsonBinary")]
    pub data: Json,
    /// USER_ID of the creator.
    pub user_id: String,
    /// A record of the personal (`/my/`) set, seen only by its creator.
    pub is_personal_entity: bool,
    /// When created.
    pub created_at: DateTimeUtc,
    /// When last updated.
    pub updated_at: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
