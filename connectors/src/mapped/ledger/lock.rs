//! Locking: the write lock a ledger transaction takes first, and the locking read of the
//! accounts a batch touches, in lock order.

use obp_domain::ids::{AccountId, BankId};
use obp_domain::ledger::AccountRef;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, Statement,
    TransactionTrait,
};

use super::bulk::rows_param;
use super::sql::placeholders;
use crate::error::ConnectorResult;
use crate::mapped::convert::corrupt;

/// Begins a transaction that will write to the ledger. On SQLite the first statement takes
/// the database write lock, so nothing read later can be stale.
pub(crate) async fn begin_write(db: &DatabaseConnection) -> ConnectorResult<DatabaseTransaction> {
    let txn = db.begin().await?;
    if txn.get_database_backend() == DbBackend::Sqlite {
        txn.execute_unprepared("UPDATE ledger_write_lock SET counter = counter + 1 WHERE id = 1")
            .await?;
    }
    Ok(txn)
}

/// A locked account: `(balance_minor, kind, overdraft_limit_minor, currency)`.
pub(super) type LockedRow = (i64, String, i64, String);

/// The columns of the locking read, in the order of [`LockedRow`] after the account's ids.
pub(super) const LOCKED_COLUMNS: [&str; 6] = [
    "bank_id",
    "account_id",
    "balance_minor",
    "kind",
    "overdraft_limit_minor",
    "currency",
];

/// An account read by the locking read, with its ids checked.
pub(super) fn locked_account(
    bank_id: String,
    account_id: String,
    row: LockedRow,
) -> ConnectorResult<(AccountRef, LockedRow)> {
    let account = AccountRef::new(
        BankId::parse(bank_id).map_err(|e| corrupt("bank_account", e))?,
        AccountId::parse(account_id).map_err(|e| corrupt("bank_account", e))?,
    );
    Ok((account, row))
}

/// The statement that locks the accounts in the given order (PostgreSQL:
/// `SELECT ... ORDER BY ... FOR UPDATE` locks rows in output order; SQLite: the write lock is
/// already held) and reads them ([`LOCKED_COLUMNS`]).
pub(super) fn lock_statement(backend: DbBackend, accounts: &[&AccountRef]) -> Statement {
    if backend == DbBackend::Postgres {
        lock_statement_json(accounts)
    } else {
        lock_statement_values(backend, accounts)
    }
}

/// Locks the accounts in the given order and reads them (see [`lock_statement`]).
pub(super) async fn lock_accounts(
    txn: &DatabaseTransaction,
    accounts: &[&AccountRef],
) -> ConnectorResult<Vec<(AccountRef, LockedRow)>> {
    let found = txn
        .query_all(lock_statement(txn.get_database_backend(), accounts))
        .await?;
    let mut out = Vec::with_capacity(found.len());
    for r in found {
        let [bank_id, account_id, balance, kind, overdraft, ccy] = LOCKED_COLUMNS;
        out.push(locked_account(
            r.try_get("", bank_id)?,
            r.try_get("", account_id)?,
            (
                r.try_get("", balance)?,
                r.try_get("", kind)?,
                r.try_get("", overdraft)?,
                r.try_get("", ccy)?,
            ),
        )?);
    }
    Ok(out)
}

/// The locking read on PostgreSQL: one statement text for any number of accounts (see
/// `bulk`), rows locked in the order given.
fn lock_statement_json(accounts: &[&AccountRef]) -> Statement {
    let rows: Vec<serde_json::Value> = accounts
        .iter()
        .enumerate()
        .map(|(i, a)| {
            serde_json::json!({
                "bank_id": a.bank_id.as_str(),
                "account_id": a.account_id.as_str(),
                "ord": i,
            })
        })
        .collect();
    Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT a.bank_id, a.account_id, a.balance_minor, a.kind, a.overdraft_limit_minor, \
         a.currency FROM bank_account a JOIN jsonb_to_recordset($1::jsonb) \
         AS v(bank_id text, account_id text, ord bigint) ON a.bank_id = v.bank_id AND \
         a.account_id = v.account_id ORDER BY v.ord FOR UPDATE OF a",
        [rows_param(rows)],
    )
}

/// The locking read with one `VALUES` row per account (SQLite, where the write lock is
/// already held and statements cost no round trip).
fn lock_statement_values(backend: DbBackend, accounts: &[&AccountRef]) -> Statement {
    let mut values = Vec::with_capacity(accounts.len() * 3);
    let mut rows = Vec::with_capacity(accounts.len());
    for (i, account) in accounts.iter().enumerate() {
        rows.push("(CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS BIGINT))");
        values.push(account.bank_id.as_str().into());
        values.push(account.account_id.as_str().into());
        values.push(i64::try_from(i).unwrap_or(i64::MAX).into());
    }
    let lock = if backend == DbBackend::Postgres {
        " FOR UPDATE OF a"
    } else {
        ""
    };
    let sql = placeholders(
        backend,
        &format!(
            "WITH v(bank_id, account_id, ord) AS (VALUES {}) \
             SELECT a.bank_id, a.account_id, a.balance_minor, a.kind, a.overdraft_limit_minor, \
             a.currency FROM bank_account a JOIN v ON a.bank_id = v.bank_id AND \
             a.account_id = v.account_id ORDER BY v.ord{lock}",
            rows.join(", ")
        ),
    );
    Statement::from_sql_and_values(backend, sql, values)
}
