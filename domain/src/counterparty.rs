//! Explicit counterparties: other parties an account pays, owned by an account and view.

use serde::{Deserialize, Serialize};

use crate::ids::{AccountId, BankId};

/// A counterparty (OBP's `CounterpartyTrait`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counterparty {
    /// COUNTERPARTY_ID.
    pub counterparty_id: String,
    /// Name (unique per account and view).
    pub name: String,
    /// Description.
    pub description: String,
    /// Currency.
    pub currency: String,
    /// Creator.
    pub created_by_user_id: String,
    /// The owning account's bank.
    pub this_bank_id: BankId,
    /// The owning account.
    pub this_account_id: AccountId,
    /// The view it was created through.
    pub this_view_id: String,
    /// The other account's routing scheme (e.g. IBAN, OBP).
    pub other_account_routing_scheme: String,
    /// The other account's routing address.
    pub other_account_routing_address: String,
    /// Secondary routing scheme.
    pub other_account_secondary_routing_scheme: String,
    /// Secondary routing address.
    pub other_account_secondary_routing_address: String,
    /// The other bank's routing scheme.
    pub other_bank_routing_scheme: String,
    /// The other bank's routing address.
    pub other_bank_routing_address: String,
    /// The other branch's routing scheme.
    pub other_branch_routing_scheme: String,
    /// The other branch's routing address.
    pub other_branch_routing_address: String,
    /// Whether payments to it are allowed through `can_add_transaction_request_to_beneficiary`.
    pub is_beneficiary: bool,
    /// Free key/value pairs.
    pub bespoke: Vec<(String, String)>,
}
