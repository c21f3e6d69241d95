//! Bank reference data: branches, ATMs, products and physical cards.
//!
//! Each record has typed keys (bank, id, name) that the platform checks and queries, and
//! keeps OBP's remaining descriptive fields (address, location, opening hours, meta/licence,
//! fees, networks, ...) as a JSON object in `details`, written and read back as the client
//! sent them. The keys are validated with OBP's id alphabet ([`parse_ref_id`]).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::ids::{is_valid_obp_id, BankId, IdKind, InvalidId};

/// Checks a reference-data id (BRANCH_ID, ATM_ID, PRODUCT_CODE, CARD_ID, CUSTOMER_ID, ...)
/// against OBP's id alphabet `[0-9a-zA-Z\-._]{1,254}`.
///
/// # Errors
/// [`InvalidId`] (reported as OBP-10028) when the id is empty, too long or has other characters.
pub fn parse_ref_id(s: impl Into<String>) -> Result<String, InvalidId> {
    let s = s.into();
    if is_valid_obp_id(&s) {
        Ok(s)
    } else {
        Err(InvalidId {
            kind: IdKind::Other,
            reason: "only 0-9/a-z/A-Z/'-'/'.'/'_' are allowed, 1 to 254 characters",
        })
    }
}

/// A branch of a bank.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Branch {
    /// The bank.
    pub bank_id: BankId,
    /// BRANCH_ID.
    pub branch_id: String,
    /// Name.
    pub name: String,
    /// OBP's other branch fields, as sent.
    pub details: Map<String, Value>,
}

/// An ATM of a bank.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Atm {
    /// The bank.
    pub bank_id: BankId,
    /// ATM_ID.
    pub atm_id: String,
    /// Name.
    pub name: String,
    /// OBP's other ATM fields, as sent.
    pub details: Map<String, Value>,
}

/// A product a bank offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Product {
    /// The bank.
    pub bank_id: BankId,
    /// PRODUCT_CODE.
    pub product_code: String,
    /// Parent product code (`""` for none).
    pub parent_product_code: String,
    /// Name.
    pub name: String,
    /// OBP's other product fields, as sent.
    pub details: Map<String, Value>,
}

/// A named value attached to a product (OBP's `ProductAttribute`, e.g. `ISIN`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductAttribute {
    /// PRODUCT_ATTRIBUTE_ID.
    pub id: String,
    /// The bank.
    pub bank_id: BankId,
    /// PRODUCT_CODE.
    pub product_code: String,
    /// Name.
    pub name: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    pub attribute_type: String,
    /// Value as text (checked against the type).
    pub value: String,
    /// Whether the attribute is active (`None` when never said).
    pub is_active: Option<bool>,
}

/// A physical card issued by a bank.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhysicalCard {
    /// The bank.
    pub bank_id: BankId,
    /// CARD_ID.
    pub card_id: String,
    /// Card number (unique at the bank together with the issue number, OBP-30060).
    pub card_number: String,
    /// Issue number.
    pub issue_number: String,
    /// The account the card draws on.
    pub account_id: String,
    /// The customer the card was issued to.
    pub customer_id: String,
    /// Whether the card can be used.
    pub enabled: bool,
    /// Valid from.
    pub valid_from: DateTime<Utc>,
    /// Expires.
    pub expires: DateTime<Utc>,
    /// OBP's other card fields, as sent.
    pub details: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ref_ids_follow_obp_alphabet() {
        assert!(parse_ref_id("branch-1.a_b").is_ok());
        for bad in ["", "a b", "a/b", "é"] {
            assert!(parse_ref_id(bad).is_err(), "{bad}");
        }
    }
}
