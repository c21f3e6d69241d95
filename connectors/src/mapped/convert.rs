//! Entity rows → domain types.

use obp_domain::bank::Bank;
use obp_domain::ids::BankId;

use super::entity;
use crate::error::{ConnectorError, ConnectorResult};

/// A stored value that breaks a domain invariant (e.g. an id edited by hand in the database).
#[derive(Debug, thiserror::Error)]
#[error("corrupt row in {table}: {reason}")]
pub(crate) struct CorruptRow {
    table: &'static str,
    reason: String,
}

impl CorruptRow {
    pub(crate) fn new(table: &'static str, reason: String) -> Self {
        Self { table, reason }
    }
}

pub(crate) fn bank(row: entity::bank::Model) -> ConnectorResult<Bank> {
    let id = BankId::parse(row.id).map_err(|e| {
        ConnectorError::backend(CorruptRow {
            table: "bank",
            reason: e.to_string(),
        })
    })?;
    Ok(Bank {
        id,
        short_name: row.short_name,
        full_name: row.full_name,
        logo_url: row.logo_url,
        website_url: row.website_url,
        bank_routing_scheme: row.bank_routing_scheme,
        bank_routing_address: row.bank_routing_address,
        swift_bic: row.swift_bic,
        national_identifier: row.national_identifier,
    })
}
