//! Entity rows → domain types.

use obp_domain::account::{OtherParty, Transaction};
use obp_domain::bank::Bank;
use obp_domain::ids::{AccountId, BankId};
use obp_domain::money::{Currency, Money};
use obp_domain::ErrorCode;

use super::entity;
use super::entity::ledger_transaction;
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

/// A [`CorruptRow`] of `table` as a backend error.
pub(crate) fn corrupt(table: &'static str, reason: impl ToString) -> ConnectorError {
    ConnectorError::backend(CorruptRow::new(table, reason.to_string()))
}

/// A stored currency code.
pub(crate) fn currency(code: &str, table: &'static str) -> ConnectorResult<Currency> {
    Currency::parse(code).map_err(|e| corrupt(table, e))
}

/// An amount in minor units, as the ledger's columns store it.
pub(crate) fn minor(m: &Money) -> ConnectorResult<i64> {
    m.to_minor_units()
        .map_err(|e| ConnectorError::rejected(ErrorCode::InvalidAmount, Some(e.to_string())))
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

/// A stored leg.
pub(crate) fn transaction(row: ledger_transaction::Model) -> ConnectorResult<Transaction> {
    let ccy = currency(&row.currency, "ledger_transaction")?;
    Ok(Transaction {
        id: row.id,
        bank_id: BankId::parse(row.bank_id).map_err(|e| corrupt("ledger_transaction", e))?,
        account_id: AccountId::parse(row.account_id)
            .map_err(|e| corrupt("ledger_transaction", e))?,
        amount: Money::from_minor_units(row.amount_minor, ccy),
        new_balance: Money::from_minor_units(row.new_balance_minor, ccy),
        transaction_type: row.transaction_type,
        description: row.description,
        posted: row.posted,
        completed: row.completed,
        other: OtherParty {
            bank_id: row.other_bank_id,
            account_id: row.other_account_id,
            holder: row.other_holder,
            routing_scheme: row.other_routing_scheme,
            routing_address: row.other_routing_address,
            counterparty_id: row.counterparty_id,
        },
        transaction_request_id: row.transaction_request_id,
        charge_policy: row
            .charge_policy
            .filter(|p| !p.is_empty())
            .map(|p| p.parse())
            .transpose()
            .map_err(|e| corrupt("ledger_transaction", e))?,
    })
}

/// Whether a database error is a unique-constraint violation (a duplicate key), on either
/// backend.
pub(crate) fn is_unique_violation(e: &sea_orm::DbErr) -> bool {
    matches!(
        e.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}
