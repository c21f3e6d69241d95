//! Explicit counterparties: how the user of a view names the other side of a payment.
//!
//! A counterparty belongs to one account and view (`this_bank_id`, `this_account_id`,
//! `this_view_id`); its name is unique there. `is_beneficiary` must be true before money can
//! be sent to it (OBP-30013).

use serde::{Deserialize, Serialize};

use crate::ids::{AccountId, BankId};

/// An explicit counterparty. Field names follow OBP's `CounterpartyTrait`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counterparty {
    /// COUNTERPARTY_ID.
    pub counterparty_id: String,
    /// Human readable name, unique per account and view.
    pub name: String,
    /// Description.
    pub description: String,
    /// ISO 4217 currency of the other account.
    pub currency: String,
    /// The user who created it.
    pub created_by_user_id: String,
    /// The bank of the account it belongs to.
    pub this_bank_id: BankId,
    /// The account it belongs to.
    pub this_account_id: AccountId,
    /// The view it was created through.
    pub this_view_id: String,
    /// Routing scheme of the other account (`OBP`, `IBAN`, `AccountNumber`, ...).
    pub other_account_routing_scheme: String,
    /// Routing address of the other account.
    pub other_account_routing_address: String,
    /// Secondary routing scheme of the other account.
    pub other_account_secondary_routing_scheme: String,
    /// Secondary routing address of the other account.
    pub other_account_secondary_routing_address: String,
    /// Routing scheme of the other bank.
    pub other_bank_routing_scheme: String,
    /// Routing address of the other bank.
    pub other_bank_routing_address: String,
    /// Routing scheme of the other branch.
    pub other_branch_routing_scheme: String,
    /// Routing address of the other branch.
    pub other_branch_routing_address: String,
    /// Whether payments to it are allowed.
    pub is_beneficiary: bool,
    /// Extra key/value pairs.
    pub bespoke: Vec<(String, String)>,
}
