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
    /// The card's CVV as [`hash_cvv`] made it (OBP keeps a SHA-256 hash of it too); `None`
    /// for a card issued before CVVs were kept, which can never pay by CARD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cvv_hash: Option<String>,
}

/// The stored form of a card's CVV: hex SHA-256 of the card id and the CVV. The card id
/// salts it, so two cards with the same CVV do not share a hash. A CVV has only three
/// digits, so the hash alone protects little: stores keep it with the card's other secrets
/// (the mapped connector encrypts it at rest with the card number) and callers compare
/// with [`PhysicalCard::cvv_matches`].
pub fn hash_cvv(card_id: &str, cvv: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(b"obp card cvv v1");
    h.update([0u8]);
    h.update(card_id.as_bytes());
    h.update([0u8]);
    h.update(cvv.as_bytes());
    format!("{:x}", h.finalize())
}

impl PhysicalCard {
    /// Whether `cvv` is the card's CVV, compared in constant time; never for a card without
    /// a stored CVV.
    pub fn cvv_matches(&self, cvv: &str) -> bool {
        use subtle::ConstantTimeEq;
        let Some(stored) = &self.cvv_hash else {
            return false;
        };
        let given = hash_cvv(&self.card_id, cvv);
        bool::from(given.as_bytes().ct_eq(stored.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cvv_matches_only_its_own_cards_hash() {
        let mut card = PhysicalCard {
            bank_id: BankId::parse("b").unwrap(),
            card_id: "c1".into(),
            card_number: "4111".into(),
            issue_number: "1".into(),
            account_id: "a".into(),
            customer_id: "cu".into(),
            enabled: true,
            valid_from: Utc::now(),
            expires: Utc::now(),
            details: Map::new(),
            cvv_hash: None,
        };
        // A card issued before CVVs were kept matches nothing.
        assert!(!card.cvv_matches(""));
        card.cvv_hash = Some(hash_cvv("c1", "123"));
        assert!(card.cvv_matches("123"));
        assert!(!card.cvv_matches("124"));
        // Salted by the card: another card's hash of the same CVV differs.
        assert_ne!(hash_cvv("c2", "123"), hash_cvv("c1", "123"));
    }

    #[test]
    fn ref_ids_follow_obp_alphabet() {
        assert!(parse_ref_id("branch-1.a_b").is_ok());
        for bad in ["", "a b", "a/b", "é"] {
            assert!(parse_ref_id(bad).is_err(), "{bad}");
        }
    }
}
