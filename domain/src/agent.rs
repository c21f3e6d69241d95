//! Cash agents (OBP v5.1.0): a person or shop at a bank that pays out cash. A customer
//! withdraws cash at an agent by paying the agent's account with an `AGENT_CASH_WITHDRAWAL`
//! transaction request naming the agent's bank and number.
//!
//! Why an agent has two flags and not one status: OBP keeps `is_pending_agent` (the bank has
//! not decided yet) and `is_confirmed_agent` (the bank vouches for it) apart, and both are
//! set by the bank through `PUT /banks/BANK_ID/agents/AGENT_ID`. Money may only go to an
//! agent the bank has decided on *and* confirmed ([`Agent::can_receive_payments`]); a new
//! agent is pending and unconfirmed, so creating an agent (any logged-in user may) never
//! creates a payee by itself.
//!
//! Each agent has one account at its bank (opened with it, type `AGENT`), found through an
//! [`AgentAccountLink`] as in OBP.

use serde::{Deserialize, Serialize};

use crate::ids::{AccountId, BankId};

/// An agent of a bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agent {
    /// AGENT_ID (platform-wide unique).
    pub agent_id: String,
    /// The bank.
    pub bank_id: BankId,
    /// The agent's number, unique at the bank (with the bank's customer numbers, as OBP,
    /// whose agents are customers).
    pub number: String,
    /// Legal name.
    pub legal_name: String,
    /// Mobile phone number.
    pub mobile_phone_number: String,
    /// The bank vouches for the agent.
    pub is_confirmed_agent: bool,
    /// The bank has not decided on the agent yet.
    pub is_pending_agent: bool,
}

impl Agent {
    /// A new agent: pending and not confirmed, as OBP creates it.
    pub fn new(
        agent_id: String,
        bank_id: BankId,
        number: String,
        legal_name: String,
        mobile_phone_number: String,
    ) -> Self {
        Self {
            agent_id,
            bank_id,
            number,
            legal_name,
            mobile_phone_number,
            is_confirmed_agent: false,
            is_pending_agent: true,
        }
    }

    /// Whether an `AGENT_CASH_WITHDRAWAL` may pay the agent: confirmed and no longer pending
    /// (else OBP-30330).
    pub fn can_receive_payments(&self) -> bool {
        self.is_confirmed_agent && !self.is_pending_agent
    }
}

/// The link from an agent to its account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentAccountLink {
    /// The link's id.
    pub agent_account_link_id: String,
    /// AGENT_ID.
    pub agent_id: String,
    /// The account's bank.
    pub bank_id: BankId,
    /// The account.
    pub account_id: AccountId,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agent() -> Agent {
        Agent::new(
            "a1".into(),
            BankId::parse("b").unwrap(),
            "007".into(),
            "Ann".into(),
            "+44".into(),
        )
    }

    #[test]
    fn a_new_agent_cannot_be_paid() {
        let a = agent();
        assert!(a.is_pending_agent && !a.is_confirmed_agent);
        assert!(!a.can_receive_payments());
    }

    #[test]
    fn only_a_confirmed_decided_agent_can_be_paid() {
        for (pending, confirmed, ok) in [
            (true, true, false),
            (false, false, false),
            (true, false, false),
            (false, true, true),
        ] {
            let a = Agent {
                is_pending_agent: pending,
                is_confirmed_agent: confirmed,
                ..agent()
            };
            assert_eq!(a.can_receive_payments(), ok, "{pending} {confirmed}");
        }
    }
}
