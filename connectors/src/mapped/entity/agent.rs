//! The `agent` table: cash agents of banks.

use sea_orm::entity::prelude::*;

/// An agent row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agent")]
pub struct Model {
    /// AGENT_ID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub agent_id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Agent number (unique per bank).
    pub agent_number: String,
    /// Legal name.
    pub legal_name: String,
    /// Mobile phone number.
    pub mobile_phone_number: String,
    /// The bank vouches for the agent.
    pub is_confirmed_agent: bool,
    /// The bank has not decided yet.
    pub is_pending_agent: bool,
    /// When the row was created.
    pub created_at: DateTimeUtc,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
