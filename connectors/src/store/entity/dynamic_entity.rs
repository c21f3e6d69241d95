//! The `dynamic_entity` table: dynamic entity definitions (`bank_id` empty = system level).

use sea_orm::entity::prelude::*;

/// A definition row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dynamic_entity")]
pub struct Model {
    /// DYNAMIC_ENTITY_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// BANK_ID of a bank-level entity, `""` for a system-level one.
    pub bank_id: String,
    /// The entity name (`FooBar`), unique per bank (and system-wide).
    pub entity_name: String,
    /// USER_ID of the creator.
    pub user_id: String,
    /// Whether `/my/` endpoints exist for it.
    pub has_personal_entity: bool,
    /// The definition JSON as text.
    pub definition: String,
    /// Bumped on each update (keys the compiled-schema cache).
    pub version: i64,
    /// When created.
    pub created_at: DateTimeUtc,
    /// When last updated.
    pub updated_at: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
