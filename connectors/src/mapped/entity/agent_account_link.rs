//! The `agent_account_link` table: the account of each agent.

use sea_orm::entity::prelude::*;

/// A link row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agent_account_link")]
pub struct Model {
    /// The link's id.
    #[sea_orm(primary_key, auto_increment = false)]
    pub agent_account_link_id: String,
    /// AGENT_ID.
    pub agent_id: String,
    /// The account's BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// When the row was created.
    pub created_at: DateTimeUtc,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
