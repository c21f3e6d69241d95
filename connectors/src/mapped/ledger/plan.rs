//! Planning and settling a batch of bookings: the pure part of booking, between the
//! locking read and the write.

use chrono::Utc;
use obp_domain::account::{AccountKind, Booking, Transaction};
use obp_domain::ledger::{check_funds, lock_key, AccountRef};
use obp_domain::money::{Currency, Money};
use obp_domain::ErrorCode;
use sea_orm::{ActiveValue::Set, DbBackend, EntityTrait, QueryTrait, Statement};

use super::bulk::insert_rows;
use super::lock::LockedRow;
use super::sql::apply_deltas;
use crate::error::ConnectorError;
use crate::mapped::convert::{self, currency, minor};
use crate::mapped::entity::{double_entry_transaction, ledger_transaction};

fn money(minor: i64, ccy: Currency) -> Money {
    Money::from_minor_units(minor, ccy)
}

/// Why a batch of bookings was not written (nothing of it was).
#[derive(Debug)]
pub(crate) struct BatchFailure {
    /// The booking at fault (insufficient funds, unknown account, wrong currency), when one
    /// is; `None` when the batch as a whole failed (e.g. the database).
    pub index: Option<usize>,
    /// What went wrong.
    pub error: ConnectorError,
}

impl BatchFailure {
    fn at(index: usize, error: ConnectorError) -> Self {
        Self {
            index: Some(index),
            error,
        }
    }

    pub(crate) fn whole(error: impl Into<ConnectorError>) -> Self {
        Self {
            index: None,
            error: error.into(),
        }
    }
}

/// One account while a batch is booked: its balance before the next booking of the batch.
struct Running {
    account: AccountRef,
    balance: i64,
    overdraft: i64,
    settlement: bool,
    currency: Currency,
    /// The stored `kind` and `currency`, as read.
    kind: String,
    ccy: String,
}

/// A batch of bookings before any account is read: each booking's net change per account
/// and the batch's net change per account, in lock order.
#[derive(Debug)]
pub(super) struct BatchPlan {
    per_booking: Vec<Vec<(AccountRef, i64, Currency)>>,
    totals: Vec<(AccountRef, i64)>,
}

impl BatchPlan {
    /// Checks the bookings' shapes and adds up their changes.
    pub(super) fn new(bookings: &[&Booking]) -> Result<Self, BatchFailure> {
        let mut per_booking: Vec<Vec<(AccountRef, i64, Currency)>> =
            Vec::with_capacity(bookings.len());
        let mut totals: Vec<(AccountRef, i64)> = Vec::new();
        for (i, booking) in bookings.iter().enumerate() {
            if booking.details.len() != booking.entry.legs().len() {
                return Err(BatchFailure::at(
                    i,
                    ConnectorError::rejected(
                        ErrorCode::InternalServerError,
                        Some("booking details do not match its legs".to_owned()),
                    ),
                ));
            }
            let overflow =
                || BatchFailure::at(i, ConnectorError::rejected(ErrorCode::InvalidAmount, None));
            let mut deltas: Vec<(AccountRef, i64, Currency)> = Vec::new();
            for leg in booking.entry.legs() {
                let amount = minor(&leg.amount).map_err(|e| BatchFailure::at(i, e))?;
                let ccy = leg.amount.currency();
                match deltas.iter_mut().find(|d| d.0 == leg.account) {
                    Some(d) if d.2 != ccy => {
                        return Err(BatchFailure::at(
                            i,
                            ConnectorError::rejected(
                                ErrorCode::InvalidTransactionRequestCurrency,
                                None,
                            ),
                        ))
                    }
                    Some(d) => d.1 = d.1.checked_add(amount).ok_or_else(overflow)?,
                    None => deltas.push((leg.account.clone(), amount, ccy)),
                }
            }
            for (account, delta, _) in &deltas {
                match totals.iter_mut().find(|t| &t.0 == account) {
                    Some(t) => t.1 = t.1.checked_add(*delta).ok_or_else(overflow)?,
                    None => totals.push((account.clone(), *delta)),
                }
            }
            per_booking.push(deltas);
        }
        totals.sort_by(|a, b| lock_key(&a.0).cmp(&lock_key(&b.0)));

        Ok(Self {
            per_booking,
            totals,
        })
    }

    /// The accounts to lock, in lock order.
    pub(super) fn lock_order(&self) -> Vec<&AccountRef> {
        self.totals.iter().map(|t| &t.0).collect()
    }

    /// With the accounts locked and read ([`lock_statement`](super::lock::lock_statement) of
    /// [`Self::lock_order`]): checks every booking in order against the running balances and
    /// returns each booking's legs, the statements that write the batch and the accounts as
    /// the batch leaves them.
    pub(super) fn settle(
        &self,
        backend: DbBackend,
        bookings: &[&Booking],
        mut locked: Vec<(AccountRef, LockedRow)>,
    ) -> Result<Settled, BatchFailure> {
        let Self {
            per_booking,
            totals,
        } = self;
        if locked.len() != totals.len() {
            let missing = totals
                .iter()
                .map(|t| &t.0)
                .find(|a| !locked.iter().any(|(l, _)| &l == a))
                .cloned();
            let index = missing
                .as_ref()
                .and_then(|m| per_booking.iter().position(|d| d.iter().any(|x| &x.0 == m)))
                .unwrap_or(0);
            let detail = missing.map(|m| format!("({m})"));
            return Err(BatchFailure::at(
                index,
                ConnectorError::rejected(ErrorCode::BankAccountNotFound, detail),
            ));
        }
        let mut writes = vec![apply_deltas(backend, totals)];
        let mut running: Vec<Running> = Vec::with_capacity(locked.len());
        for (account, (balance, kind, overdraft, ccy)) in locked.drain(..) {
            running.push(Running {
                account,
                balance,
                overdraft,
                settlement: kind == AccountKind::Settlement.as_str(),
                currency: currency(&ccy, "bank_account").map_err(BatchFailure::whole)?,
                kind,
                ccy,
            });
        }

        // Replay the bookings in order: funds checks, running balances, rows.
        let now = Utc::now();
        let mut out = Vec::with_capacity(bookings.len());
        let mut leg_rows = Vec::new();
        let mut records = Vec::new();
        for (i, (booking, deltas)) in bookings.iter().zip(per_booking).enumerate() {
            for (account, delta, leg_ccy) in deltas {
                let Some(slot) = running.iter().find(|r| &r.account == account) else {
                    return Err(BatchFailure::whole(ConnectorError::rejected(
                        ErrorCode::InternalServerError,
                        None,
                    )));
                };
                if *leg_ccy != slot.currency {
                    return Err(BatchFailure::at(
                        i,
                        ConnectorError::rejected(
                            ErrorCode::InvalidTransactionRequestCurrency,
                            Some(format!("Account {account} holds {}.", slot.currency)),
                        ),
                    ));
                }
                if *delta < 0 && !booking.skip_funds_check {
                    let ccy = slot.currency;
                    check_funds(
                        money(slot.balance, ccy),
                        money(slot.overdraft, ccy),
                        money(*delta, ccy).abs(),
                        slot.settlement,
                    )
                    .map_err(|e| {
                        BatchFailure::at(
                            i,
                            ConnectorError::rejected(
                                ErrorCode::InsufficientFunds,
                                obp_domain::HasErrorCode::detail(&e),
                            ),
                        )
                    })?;
                }
            }
            let mut legs = Vec::with_capacity(booking.entry.legs().len());
            for (leg, details) in booking.entry.legs().iter().zip(&booking.details) {
                let amount = minor(&leg.amount).map_err(|e| BatchFailure::at(i, e))?;
                let Some(slot) = running.iter_mut().find(|r| r.account == leg.account) else {
                    return Err(BatchFailure::whole(ConnectorError::rejected(
                        ErrorCode::InternalServerError,
                        None,
                    )));
                };
                slot.balance = slot.balance.checked_add(amount).ok_or_else(|| {
                    BatchFailure::at(i, ConnectorError::rejected(ErrorCode::InvalidAmount, None))
                })?;
                let model = ledger_transaction::Model {
                    id: uuid::Uuid::new_v4().to_string(),
                    bank_id: leg.account.bank_id.as_str().to_owned(),
                    account_id: leg.account.account_id.as_str().to_owned(),
                    amount_minor: amount,
                    currency: leg.amount.currency().code().to_owned(),
                    new_balance_minor: slot.balance,
                    transaction_type: booking.transaction_type.clone(),
                    description: booking.description.clone(),
                    posted: booking.posted,
                    completed: booking.completed,
                    other_bank_id: details.other.bank_id.clone(),
                    other_account_id: details.other.account_id.clone(),
                    other_holder: details.other.holder.clone(),
                    other_routing_scheme: details.other.routing_scheme.clone(),
                    other_routing_address: details.other.routing_address.clone(),
                    counterparty_id: details.other.counterparty_id.clone(),
                    transaction_request_id: booking
                        .transaction_request
                        .as_ref()
                        .map(|t| t.2.clone()),
                    charge_policy: booking.charge_policy.map(|p| p.as_str().to_owned()),
                    created_at: now,
                };
                leg_rows.push(ledger_transaction::ActiveModel::from(model.clone()));
                legs.push(convert::transaction(model).map_err(BatchFailure::whole)?);
            }
            if let (Some(debit), Some(credit)) = (legs.first(), legs.get(1)) {
                let (tr_bank, tr_account, tr_id) = match &booking.transaction_request {
                    Some((b, a, t)) => (
                        Some(b.as_str().to_owned()),
                        Some(a.as_str().to_owned()),
                        Some(t.clone()),
                    ),
                    None => (None, None, None),
                };
                records.push(double_entry_transaction::ActiveModel {
                    id: Set(uuid::Uuid::new_v4().to_string()),
                    transaction_request_bank_id: Set(tr_bank),
                    transaction_request_account_id: Set(tr_account),
                    transaction_request_id: Set(tr_id),
                    debit_bank_id: Set(debit.bank_id.as_str().to_owned()),
                    debit_account_id: Set(debit.account_id.as_str().to_owned()),
                    debit_transaction_id: Set(debit.id.clone()),
                    credit_bank_id: Set(credit.bank_id.as_str().to_owned()),
                    credit_account_id: Set(credit.account_id.as_str().to_owned()),
                    credit_transaction_id: Set(credit.id.clone()),
                    created_at: Set(now),
                });
            }
            out.push(legs);
        }
        if !leg_rows.is_empty() {
            writes.push(
                insert_rows::<ledger_transaction::Entity>(backend, &leg_rows).unwrap_or_else(
                    || ledger_transaction::Entity::insert_many(leg_rows).build(backend),
                ),
            );
        }
        if !records.is_empty() {
            writes.push(
                insert_rows::<double_entry_transaction::Entity>(backend, &records).unwrap_or_else(
                    || double_entry_transaction::Entity::insert_many(records).build(backend),
                ),
            );
        }
        let after = running
            .into_iter()
            .map(|r| (r.account, (r.balance, r.kind, r.overdraft, r.ccy)))
            .collect();
        Ok(Settled {
            legs: out,
            writes,
            after,
        })
    }
}

/// A settled batch: what [`BatchPlan::settle`] returns.
#[derive(Debug)]
pub(super) struct Settled {
    /// Each booking's legs, in booking order.
    pub legs: Vec<Vec<Transaction>>,
    /// The statements that write the batch (balances, legs, double-entry records).
    pub writes: Vec<Statement>,
    /// Every account of the batch as the batch leaves it, as the locking read reads it.
    pub after: Vec<(AccountRef, LockedRow)>,
}
