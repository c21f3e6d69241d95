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
