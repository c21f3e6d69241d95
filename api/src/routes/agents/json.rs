//! OBP v5.1.0's agent JSON shapes.

use obp_domain::agent::Agent;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::service::agents::AgentWithAccount;

/// A new agent (`PostAgentJsonV510`); lengths are OBP's columns.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostAgentJsonV510 {
    /// Legal name; also the holder of the agent's account.
    #[schema(max_length = 255)]
    pub legal_name: String,
    /// Mobile phone number.
    #[schema(max_length = 50)]
    pub mobile_phone_number: String,
    /// The agent's number, unique at the bank.
    #[schema(max_length = 50)]
    pub agent_number: String,
    /// The currency of the agent's account (ISO 4217).
    #[schema(max_length = 3)]
    pub currency: String,
}

/// An agent's status (`PutAgentJsonV510`).
#[derive(Debug, Deserialize, ToSchema)]
pub struct PutAgentJsonV510 {
    /// The bank has not decided on the agent yet.
    pub is_pending_agent: bool,
    /// The bank vouches for the agent.
    pub is_confirmed_agent: bool,
}

/// An agent (`AgentJsonV510`).
#[derive(Debug, Serialize, ToSchema)]
pub struct AgentJsonV510 {
    /// AGENT_ID.
    pub agent_id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Legal name.
    pub legal_name: String,
    /// Mobile phone number.
    pub mobile_phone_number: String,
    /// The agent's number at the bank.
    pub agent_number: String,
    /// The currency of the agent's account.
    pub currency: String,
    /// The bank vouches for the agent.
    pub is_confirmed_agent: bool,
    /// The bank has not decided yet.
    pub is_pending_agent: bool,
}

impl From<&AgentWithAccount> for AgentJsonV510 {
    fn from(a: &AgentWithAccount) -> Self {
        Self {
            agent_id: a.agent.agent_id.clone(),
            bank_id: a.agent.bank_id.as_str().to_owned(),
            legal_name: a.agent.legal_name.clone(),
            mobile_phone_number: a.agent.mobile_phone_number.clone(),
            agent_number: a.agent.number.clone(),
            currency: a.account.currency().code().to_owned(),
            is_confirmed_agent: a.agent.is_confirmed_agent,
            is_pending_agent: a.agent.is_pending_agent,
        }
    }
}

/// An agent in a list (`MinimalAgentJsonV510`).
#[derive(Debug, Serialize, ToSchema)]
pub struct MinimalAgentJsonV510 {
    /// AGENT_ID.
    pub agent_id: String,
    /// Legal name.
    pub legal_name: String,
    /// The agent's number at the bank.
    pub agent_number: String,
}

impl From<&Agent> for MinimalAgentJsonV510 {
    fn from(a: &Agent) -> Self {
        Self {
            agent_id: a.agent_id.clone(),
            legal_name: a.legal_name.clone(),
            agent_number: a.number.clone(),
        }
    }
}

/// The bank's confirmed agents (`MinimalAgentsJsonV510`).
#[derive(Debug, Serialize, ToSchema)]
pub struct MinimalAgentsJsonV510 {
    /// The agents.
    pub agents: Vec<MinimalAgentJsonV510>,
}
