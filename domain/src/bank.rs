//! Banks as the core banking system describes them.

use serde::{Deserialize, Serialize};

use crate::ids::BankId;

/// A routing of a bank or account: a scheme and an address (`BIC`/`GENODEM1GLS`, `IBAN`/...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Routing {
    /// The scheme, e.g. `OBP`, `BIC`, `IBAN`.
    pub scheme: String,
    /// The address within the scheme.
    pub address: String,
}

/// A bank. Field names follow OBP's `BankCommons` so the type serialises into connector
/// messages unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bank {
    /// The bank's id.
    pub id: BankId,
    /// Short name, OBP's `bank_code` in v5 JSON.
    pub short_name: String,
    /// Full legal name.
    pub full_name: String,
    /// Logo URL.
    pub logo_url: String,
    /// Website URL.
    pub website_url: String,
    /// Primary routing scheme (e.g. `BIC`).
    pub bank_routing_scheme: String,
    /// Primary routing address.
    pub bank_routing_address: String,
    /// SWIFT BIC, when known.
    pub swift_bic: String,
    /// National identifier, when known.
    pub national_identifier: String,
}

impl Bank {
    /// The bank's routings as OBP lists them (`bank_routings`), skipping empty ones.
    pub fn routings(&self) -> Vec<Routing> {
        if self.bank_routing_scheme.is_empty() && self.bank_routing_address.is_empty() {
            Vec::new()
        } else {
            vec![Routing {
                scheme: self.bank_routing_scheme.clone(),
                address: self.bank_routing_address.clone(),
            }]
        }
    }
}

/// A named value attached to a bank (OBP's `BankAttribute`). Only active ones show in the
/// bank's JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankAttribute {
    /// BANK_ATTRIBUTE_ID.
    pub id: String,
    /// The bank.
    pub bank_id: BankId,
    /// Name.
    pub name: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    pub attribute_type: String,
    /// Value as text.
    pub value: String,
    /// Whether it is shown in the bank's JSON.
    pub is_active: bool,
}
