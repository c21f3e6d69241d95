//! The double-entry ledger of the mapped connector: the only code that changes a balance.
//!
//! Every movement of money is a [`Booking`]: a [`BalancedEntry`](obp_domain::ledger::BalancedEntry) (legs summing to zero per
//! currency, checked by its constructor in the domain) with what to record about each leg.
//! The ledger writes a booking in ONE database transaction: each account's balance, one
//! `ledger_transaction` row per leg carrying the account's balance right after it, and a
//! `double_entry_transaction` record linking the first leg (the payer's debit) to the second
//! (the payee's credit); a third leg, when present, is the charge. Nothing is written when
//! any check fails. Account CRUD and reading the legs live in `accounts`; transaction
//! requests in `payments`, which books through the functions below.
//!
//! # How a batch is booked
//!
//! One booking is a batch of one; the group-commit [`batcher`] books many in one transaction.
//!
//! 1. **Plan** ([`plan`]): check each booking's shape and add up its net change per account,
//!    then the batch's net change per account, sorted in lock order
//!    ([`obp_domain::ledger::lock_key`]). No database yet.
//! 2. **Lock** ([`lock`]): read the touched accounts in that order, locking them.
//! 3. **Settle** ([`plan`]): replay the bookings in the given order against the running
//!    balances: currencies, funds ([`obp_domain::ledger::check_funds`], unless the booking
//!    skips it), each leg's balance after it; build the rows.
//! 4. **Write** ([`sql`]): update each account ONCE by the batch's net change, insert the
//!    legs and the records, together with any statements of the caller's (the transaction
//!    requests of `payments`), so that all writes of a batch take one round trip.
//!
//! # Invariants, and why they hold
//!
//! * **No lost update.** A balance changes only through `balance_minor = balance_minor + Δ`
//!   on a row this transaction has locked; nothing is read and then written back.
//! * **No deadlock.** Every transaction locks its accounts in the one total order of
//!   `lock_key` (ordinary accounts first, the hot settlement accounts last), so two batches,
//!   or a batch and a single booking, never wait on each other in a cycle.
//! * **A batch is its bookings one after the other.** Funds are checked in order against the
//!   running balances, and each leg records the balance right after it, exactly as if each
//!   booking had had its own transaction.
//! * **All or nothing.** A booking that fails a check (insufficient funds, unknown account,
//!   wrong currency) fails the whole batch: the caller rolls back, and the [`BatchFailure`]
//!   names the booking so that the batcher can book the rest without it.
//! * **The books balance.** Per currency all legs sum to zero, every balance equals the sum
//!   of its account's legs, and every record links a debit and a credit of equal size (or
//!   differing by the charge): [`verify`] checks this on the stored data (`ledger verify`).
//!
//! # PostgreSQL and SQLite
//!
//! * **Locking.** PostgreSQL: `SELECT ... ORDER BY ... FOR UPDATE` locks the rows in output
//!   order. SQLite has no row locks: [`begin_write`] first updates the `ledger_write_lock`
//!   row, taking the database's single write lock before anything is read (what
//!   `BEGIN IMMEDIATE` would do), so nothing read later can be stale.
//! * **Statements.** On PostgreSQL a batch's rows travel in one `jsonb` parameter
//!   ([`bulk`]), so a statement's text does not grow with the batch: prepared once, planned
//!   once. SQLite is in-process: plain `VALUES` rows cost nothing there.
//! * **Round trips.** PostgreSQL runs all writes of a batch as one statement of
//!   data-modifying `WITH` clauses ([`sql`]); SQLite runs them one after the other. The
//!   batcher's writers on PostgreSQL also have a connection of their own ([`pipeline`]) on
//!   which `BEGIN` travels with the locking read and the write with `COMMIT`: two round
//!   trips per batch. A batch whose accounts the writers remember as their last batches
//!   left them ([`memo`]) takes ONE: settled from memory, it is sent as one statement that
//!   locks the accounts in lock order, checks them against what was remembered and writes
//!   only if they match ([`sql::combine_guarded`]); otherwise it is booked in two. The
//!   invariants above hold either way: the statement updates balances by deltas on the rows
//!   it locked, and its funds checks were made on exactly those rows' values.

mod batcher;
mod bulk;
mod lock;
mod memo;
mod pipeline;
mod plan;
mod sql;
mod verify;

use obp_domain::account::{Booking, Transaction};
use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, Statement};

use crate::error::{ConnectorError, ConnectorResult};
use lock::{lock_accounts, lock_statement, locked_account, LOCKED_COLUMNS};
use plan::{BatchPlan, Settled};
use sql::{combine, combine_guarded, execute_together, GUARD_RESULT};

pub(crate) use batcher::Batcher;
pub use batcher::{BatchSettings, BatchStats};
pub(crate) use bulk::insert_rows;
pub(crate) use lock::begin_write;
pub(crate) use pipeline::PgPipeline;
pub use pipeline::APPLICATION_NAME;
pub(crate) use plan::BatchFailure;
pub(crate) use verify::verify_ledger;

/// What a caller books with a batch: its own value, from the batch's legs, and the
/// statements to write with the batch (in the same round trip).
pub(crate) type AlsoWrite<T> = Result<(T, Vec<Statement>), BatchFailure>;

/// Books a balanced entry: balances, legs and the double-entry record, in one transaction.
/// Nothing is written when any check fails.
pub(crate) async fn book(
    db: &DatabaseConnection,
    booking: Booking,
) -> ConnectorResult<Vec<Transaction>> {
    let txn = begin_write(db).await?;
    match book_in(&txn, &booking).await {
        Ok(legs) => {
            txn.commit().await?;
            Ok(legs)
        }
        Err(e) => {
            txn.rollback().await.ok();
            Err(e)
        }
    }
}

/// The body of [`book`], inside a write transaction ([`begin_write`]).
pub(crate) async fn book_in(
    txn: &DatabaseTransaction,
    booking: &Booking,
) -> ConnectorResult<Vec<Transaction>> {
    let mut legs = book_batch_in(txn, &[booking], |_, legs| Ok((legs, Vec::new())))
        .await
        .map_err(|f| f.error)?;
    Ok(legs.pop().unwrap_or_default())
}

/// Books several balanced entries in one database transaction ([`begin_write`]), as if one
/// after the other in the given order, and writes with them the statements `also` makes
/// from each booking's legs.
///
/// Each touched account is updated ONCE, by the batch's net change, in lock order
/// ([`obp_domain::ledger::lock_key`]), so batches never deadlock with each other or with
/// single bookings. The funds of every booking are then checked in order against the running
/// balances, and every leg records the balance right after it. When a booking fails a check
/// the error names it and the caller must roll back: nothing is kept.
pub(crate) async fn book_batch_in<T>(
    txn: &DatabaseTransaction,
    bookings: &[&Booking],
    also: impl FnOnce(DbBackend, Vec<Vec<Transaction>>) -> AlsoWrite<T>,
) -> Result<T, BatchFailure> {
    let (legs, mut writes) = prepare_batch(txn, bookings).await?;
    let (value, more) = also(txn.get_database_backend(), legs)?;
    writes.extend(more);
    execute_together(txn, writes)
        .await
        .map_err(BatchFailure::whole)?;
    Ok(value)
}

/// The reading half of [`book_batch_in`]: locks and reads the accounts, checks every
/// booking and returns each booking's legs with the statements that write them (balances,
/// legs, double-entry records), for [`execute_together`].
async fn prepare_batch(
    txn: &DatabaseTransaction,
    bookings: &[&Booking],
) -> Result<(Vec<Vec<Transaction>>, Vec<Statement>), BatchFailure> {
    let plan = BatchPlan::new(bookings)?;
    let locked = lock_accounts(txn, &plan.lock_order())
        .await
        .map_err(BatchFailure::whole)?;
    let Settled { legs, writes, .. } = plan.settle(txn.get_database_backend(), bookings, locked)?;
    Ok((legs, writes))
}

/// [`book_batch_in`] on PostgreSQL through the batch writer's own connection.
///
/// When the writer remembers every account of the batch ([`memo`]) the batch is settled from
/// memory and sent as ONE statement that writes only if the accounts are still as
/// remembered: one round trip, no transaction block. Otherwise, or when they changed, in two
/// round trips: `BEGIN` with the locking read, then the one write statement with `COMMIT`.
/// Either way the writer then remembers the accounts as the batch left them.
///
/// `also` may be called twice (once per way tried); only the last call's statements are
/// written.
pub(crate) async fn book_batch_pipelined<T>(
    pipeline: &mut PgPipeline,
    bookings: &[&Booking],
    also: impl Fn(DbBackend, Vec<Vec<Transaction>>) -> AlsoWrite<T>,
) -> Result<T, BatchFailure> {
    let backend = DbBackend::Postgres;
    let plan = BatchPlan::new(bookings)?;
    let order = plan.lock_order();
    let memo = pipeline.memo.clone();
    if let Some(memo) = &memo {
        if let Some(remembered) = memo.recall(&order) {
            // A booking refused on remembered balances may be fine on the real ones: only a
            // batch that settles is tried this way; anything else is decided on the locked
            // rows.
            if let Ok(settled) = plan.settle(backend, bookings, remembered.clone()) {
                let (value, more) = also(backend, settled.legs)?;
                let mut writes = settled.writes;
                writes.extend(more);
                if let Some(statement) = combine_guarded(&remembered, writes) {
                    // Recorded before the answer, so that another writer can send the next
                    // batch meanwhile (see `memo`).
                    memo.remember(&settled.after);
                    match pipeline.single(statement, GUARD_RESULT).await {
                        Ok(true) => {
                            pipeline.counts.single += 1;
                            return Ok(value);
                        }
                        Ok(false) => {
                            pipeline.counts.stale += 1;
                            memo.forget(order.iter().copied());
                        }
                        Err(failure) => {
                            memo.clear();
                            return Err(failure);
                        }
                    }
                }
            }
        }
    }
    let lock = lock_statement(backend, &order);
    let booked = pipeline
        .transaction(lock, |rows| {
            let mut locked = Vec::with_capacity(rows.len());
            for r in rows {
                let [bank_id, account_id, balance, kind, overdraft, ccy] = LOCKED_COLUMNS;
                let read = || {
                    Ok::<_, tokio_postgres::Error>((
                        r.try_get(bank_id)?,
                        r.try_get(account_id)?,
                        (
                            r.try_get(balance)?,
                            r.try_get(kind)?,
                            r.try_get(overdraft)?,
                            r.try_get(ccy)?,
                        ),
                    ))
                };
                let (bank_id, account_id, row) =
                    read().map_err(|e| BatchFailure::whole(ConnectorError::backend(e)))?;
                locked.push(locked_account(bank_id, account_id, row).map_err(BatchFailure::whole)?);
            }
            let Settled {
                legs,
                mut writes,
                after,
            } = plan.settle(backend, bookings, locked)?;
            let (value, more) = also(backend, legs)?;
            writes.extend(more);
            Ok(((value, after), combine(writes)))
        })
        .await;
    match (booked, &memo) {
        (Ok((value, after)), Some(memo)) => {
            memo.remember(&after);
            Ok(value)
        }
        (Ok((value, _)), None) => Ok(value),
        (Err(failure), Some(memo)) => {
            // A batch refused for one transfer wrote nothing and changed nothing; any other
            // failure may leave the accounts in doubt.
            if failure.index.is_none() {
                memo.clear();
            }
            Err(failure)
        }
        (Err(failure), None) => Err(failure),
    }
}
