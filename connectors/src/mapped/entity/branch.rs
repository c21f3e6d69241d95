//! The `branch` table: keys as columns, the record as JSON in `data`.

use sea_orm::entity::prelude::*;

/// A branch row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "branch")]
pub struct Model {
    /// BANK_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub bank_id: String,
    /// BRANCH_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub branch_id: String,
    /// The whole record as JSON.
    pub data: String,
    /// When the row was created.
    pub created_at: DateTimeUtc,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
