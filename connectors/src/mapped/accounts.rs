//! Accounts, transactions and the double-entry ledger of the mapped connector.
//!
//! Every movement of money is a [`Booking`]: a balanced set of legs written in ONE database
//! transaction together with the legs' rows and the double-entry record. Balances change
//! only through `UPDATE ... SET balance_minor = balance_minor + Δ ... RETURNING`, so there is
//! no read-then-write to lose an update. Accounts are updated in the fixed order of
//! [`lock_key`], so two bookings (or batches of bookings, see [`book_batch_in`]) touching the
//! same accounts never deadlock on PostgreSQL's row locks. On SQLite every write transaction starts by updating the
//! `ledger_write_lock` row, which takes the database's single write lock before anything is
//! read (SQLite's `BEGIN IMMEDIATE`; row-lock clauses do not exist there).

use chrono::Utc;
use obp_domain::account::{
    AccountKind, BankAccount, Booking, DoubleEntryTransaction, NewBankAccount, OtherParty,
    Transaction,
};
use obp_domain::bank::Routing;
use obp_domain::ids::{AccountId, BankId};
use obp_domain::ledger::{check_funds, lock_key, AccountRef};
use obp_domain::money::{Currency, Money};
use obp_domain::query::{OffsetLimitQuery, SortDirection};
use obp_domain::ErrorCode;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    DbBackend, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Statement,
    TransactionTrait,
};

use super::bulk::{insert_rows, rows_param};
use super::convert::CorruptRow;
use super::entity::{account_routing, bank_account, double_entry_transaction, ledger_transaction};
use crate::error::{ConnectorError, ConnectorResult};

fn corrupt(table: &'static str, reason: impl ToString) -> ConnectorError {
    ConnectorError::backend(CorruptRow::new(table, reason.to_string()))
}

fn currency(code: &str, table: &'static str) -> ConnectorResult<Currency> {
    Currency::parse(code).map_err(|e| corrupt(table, e))
}

fn money(minor: i64, ccy: Currency) -> Money {
    Money::from_minor_units(minor, ccy)
}

fn minor(m: &Money) -> ConnectorResult<i64> {
    m.to_minor_units()
        .map_err(|e| ConnectorError::rejected(ErrorCode::InvalidAmount, Some(e.to_string())))
}

fn to_account(
    row: bank_account::Model,
    routings: Vec<account_routing::Model>,
) -> ConnectorResult<BankAccount> {
    let ccy = currency(&row.currency, "bank_account")?;
    Ok(BankAccount {
        bank_id: BankId::parse(row.bank_id).map_err(|e| corrupt("bank_account", e))?,
        account_id: AccountId::parse(row.account_id).map_err(|e| corrupt("bank_account", e))?,
        label: row.label,
        account_type: row.account_type,
        balance: money(row.balance_minor, ccy),
        overdraft_limit: money(row.overdraft_limit_minor, ccy),
        kind: AccountKind::parse(&row.kind).ok_or_else(|| corrupt("bank_account", "kind"))?,
        number: row.number,
        branch_id: row.branch_id,
        holder_name: row.holder_name,
        routings: routings
            .into_iter()
            .map(|r| Routing {
                scheme: r.scheme,
                address: r.address,
            })
            .collect(),
        created_by_user_id: row.created_by_user_id,
    })
}

fn to_transaction(row: ledger_transaction::Model) -> ConnectorResult<Transaction> {
    let ccy = currency(&row.currency, "ledger_transaction")?;
    Ok(Transaction {
        id: row.id,
        bank_id: BankId::parse(row.bank_id).map_err(|e| corrupt("ledger_transaction", e))?,
        account_id: AccountId::parse(row.account_id)
            .map_err(|e| corrupt("ledger_transaction", e))?,
        amount: money(row.amount_minor, ccy),
        new_balance: money(row.new_balance_minor, ccy),
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
        charge_policy: row.charge_policy,
    })
}

/// The join from an account to its routings (composite key; no declared relation).
fn routings_of_account() -> sea_orm::RelationDef {
    account_routing::Entity::belongs_to(bank_account::Entity)
        .from((
            account_routing::Column::BankId,
            account_routing::Column::AccountId,
        ))
        .to((
            bank_account::Column::BankId,
            bank_account::Column::AccountId,
        ))
        .into()
}

/// Reads one account with its routings, in one query.
pub(crate) async fn get_account<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    account_id: &AccountId,
) -> ConnectorResult<BankAccount> {
    let rows = bank_account::Entity::find()
        .filter(bank_account::Column::BankId.eq(bank_id.as_str()))
        .filter(bank_account::Column::AccountId.eq(account_id.as_str()))
        .join(JoinType::LeftJoin, routings_of_account().rev())
        .select_also(account_routing::Entity)
        .order_by_asc(account_routing::Column::Scheme)
        .all(db)
        .await?;
    let mut rows = rows.into_iter();
    let Some((row, first)) = rows.next() else {
        return Err(ConnectorError::NotFound {
            code: ErrorCode::BankAccountNotFound,
        });
    };
    let routings = first
        .into_iter()
        .chain(rows.filter_map(|(_, r)| r))
        .collect();
    to_account(row, routings)
}

/// Reads several accounts (missing ones are skipped), in the order asked.
pub(crate) async fn get_accounts<C: ConnectionTrait>(
    db: &C,
    refs: &[AccountRef],
) -> ConnectorResult<Vec<BankAccount>> {
    let mut out = Vec::with_capacity(refs.len());
    for r in refs {
        match get_account(db, &r.bank_id, &r.account_id).await {
            Ok(a) => out.push(a),
            Err(ConnectorError::NotFound { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// Every account of a bank, ordered by id.
pub(crate) async fn get_accounts_at_bank<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
) -> ConnectorResult<Vec<BankAccount>> {
    let rows = bank_account::Entity::find()
        .filter(bank_account::Column::BankId.eq(bank_id.as_str()))
        .order_by_asc(bank_account::Column::AccountId)
        .all(db)
        .await?;
    let routings = account_routing::Entity::find()
        .filter(account_routing::Column::BankId.eq(bank_id.as_str()))
        .all(db)
        .await?;
    rows.into_iter()
        .map(|row| {
            let mine = routings
                .iter()
                .filter(|r| r.account_id == row.account_id)
                .cloned()
                .collect();
            to_account(row, mine)
        })
        .collect()
}

/// Finds an account by routing, optionally within one bank.
pub(crate) async fn get_account_by_routing<C: ConnectionTrait>(
    db: &C,
    bank_id: Option<&BankId>,
    scheme: &str,
    address: &str,
) -> ConnectorResult<BankAccount> {
    let mut q = account_routing::Entity::find()
        .filter(account_routing::Column::Scheme.eq(scheme))
        .filter(account_routing::Column::Address.eq(address));
    if let Some(b) = bank_id {
        q = q.filter(account_routing::Column::BankId.eq(b.as_str()));
    }
    let code = if scheme.eq_ignore_ascii_case("IBAN") {
        ErrorCode::BankAccountNotFoundByIban
    } else {
        ErrorCode::BankAccountNotFoundByAccountRouting
    };
    let routing = q.one(db).await?.ok_or(ConnectorError::NotFound { code })?;
    let bank_id = BankId::parse(routing.bank_id).map_err(|e| corrupt("account_routing", e))?;
    let account_id =
        AccountId::parse(routing.account_id).map_err(|e| corrupt("account_routing", e))?;
    get_account(db, &bank_id, &account_id).await
}

fn is_unique_violation(e: &sea_orm::DbErr) -> bool {
    matches!(
        e.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// Opens an account with a zero balance and its routings, atomically.
pub(crate) async fn create_account(
    db: &DatabaseConnection,
    new: NewBankAccount,
) -> ConnectorResult<BankAccount> {
    let txn = begin_write(db).await?;
    let now = Utc::now();
    let row = bank_account::ActiveModel {
        bank_id: Set(new.bank_id.as_str().to_owned()),
        account_id: Set(new.account_id.as_str().to_owned()),
        label: Set(new.label),
        account_type: Set(new.account_type),
        currency: Set(new.currency.code().to_owned()),
        balance_minor: Set(0),
        overdraft_limit_minor: Set(minor(&new.overdraft_limit)?),
        kind: Set(new.kind.as_str().to_owned()),
        number: Set(new.number),
        branch_id: Set(new.branch_id),
        holder_name: Set(new.holder_name),
        created_by_user_id: Set(new.created_by_user_id),
        created_at: Set(now),
        updated_at: Set(now),
    };
    if let Err(e) = bank_account::Entity::insert(row).exec(&txn).await {
        return Err(if is_unique_violation(&e) {
            ConnectorError::rejected(ErrorCode::AccountIdAlreadyExists, None)
        } else {
            e.into()
        });
    }
    for r in new.routings {
        let routing = account_routing::ActiveModel {
            bank_id: Set(new.bank_id.as_str().to_owned()),
            account_id: Set(new.account_id.as_str().to_owned()),
            scheme: Set(r.scheme.clone()),
            address: Set(r.address.clone()),
        };
        if let Err(e) = account_routing::Entity::insert(routing).exec(&txn).await {
            return Err(if is_unique_violation(&e) {
                ConnectorError::rejected(
                    ErrorCode::AccountRoutingAlreadyExists,
                    Some(format!("({}, {})", r.scheme, r.address)),
                )
            } else {
                e.into()
            });
        }
    }
    let account = get_account(&txn, &new.bank_id, &new.account_id).await?;
    txn.commit().await?;
    Ok(account)
}

/// Changes an account's label.
pub(crate) async fn update_label(
    db: &DatabaseConnection,
    bank_id: &BankId,
    account_id: &AccountId,
    label: &str,
) -> ConnectorResult<BankAccount> {
    let res = bank_account::Entity::update_many()
        .col_expr(bank_account::Column::Label, Expr::value(label))
        .col_expr(bank_account::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(bank_account::Column::BankId.eq(bank_id.as_str()))
        .filter(bank_account::Column::AccountId.eq(account_id.as_str()))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Err(ConnectorError::NotFound {
            code: ErrorCode::BankAccountNotFound,
        });
    }
    get_account(db, bank_id, account_id).await
}

/// Replaces (inserts or updates) routings of an account.
pub(crate) async fn upsert_routings(
    db: &DatabaseConnection,
    bank_id: &BankId,
    account_id: &AccountId,
    routings: &[Routing],
) -> ConnectorResult<()> {
    // All or nothing: a routing refused after others were written undoes them.
    let txn = db.begin().await?;
    for r in routings {
        let routing = account_routing::ActiveModel {
            bank_id: Set(bank_id.as_str().to_owned()),
            account_id: Set(account_id.as_str().to_owned()),
            scheme: Set(r.scheme.clone()),
            address: Set(r.address.clone()),
        };
        let res = account_routing::Entity::insert(routing)
            .on_conflict(
                OnConflict::columns([
                    account_routing::Column::BankId,
                    account_routing::Column::AccountId,
                    account_routing::Column::Scheme,
                ])
                .update_column(account_routing::Column::Address)
                .to_owned(),
            )
            .exec(&txn)
            .await;
        if let Err(e) = res {
            return Err(if is_unique_violation(&e) {
                ConnectorError::rejected(
                    ErrorCode::AccountRoutingAlreadyExists,
                    Some(format!("({}, {})", r.scheme, r.address)),
                )
            } else {
                e.into()
            });
        }
    }
    txn.commit().await?;
    Ok(())
}

/// A page of an account's legs, filtered by posted date.
pub(crate) async fn get_transactions<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    account_id: &AccountId,
    query: &OffsetLimitQuery,
) -> ConnectorResult<Vec<Transaction>> {
    let mut q = ledger_transaction::Entity::find()
        .filter(ledger_transaction::Column::BankId.eq(bank_id.as_str()))
        .filter(ledger_transaction::Column::AccountId.eq(account_id.as_str()))
        .filter(ledger_transaction::Column::Posted.gte(query.from_date))
        .filter(ledger_transaction::Column::Posted.lte(query.to_date));
    q = match query.sort {
        SortDirection::Asc => q
            .order_by_asc(ledger_transaction::Column::Posted)
            .order_by_asc(ledger_transaction::Column::Id),
        SortDirection::Desc => q
            .order_by_desc(ledger_transaction::Column::Posted)
            .order_by_desc(ledger_transaction::Column::Id),
    };
    let rows = q
        .offset(query.offset)
        .limit(u64::from(query.limit))
        .all(db)
        .await?;
    rows.into_iter().map(to_transaction).collect()
}

/// One leg of an account.
pub(crate) async fn get_transaction<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    account_id: &AccountId,
    transaction_id: &str,
) -> ConnectorResult<Transaction> {
    let row = ledger_transaction::Entity::find_by_id(transaction_id.to_owned())
        .filter(ledger_transaction::Column::BankId.eq(bank_id.as_str()))
        .filter(ledger_transaction::Column::AccountId.eq(account_id.as_str()))
        .one(db)
        .await?
        .ok_or(ConnectorError::NotFound {
            code: ErrorCode::TransactionNotFound,
        })?;
    to_transaction(row)
}

/// The double-entry record a leg belongs to.
pub(crate) async fn get_double_entry<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    transaction_id: &str,
) -> ConnectorResult<DoubleEntryTransaction> {
    let row = double_entry_transaction::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(
                    sea_orm::Condition::all()
                        .add(
                            double_entry_transaction::Column::DebitTransactionId.eq(transaction_id),
                        )
                        .add(double_entry_transaction::Column::DebitBankId.eq(bank_id.as_str())),
                )
                .add(
                    sea_orm::Condition::all()
                        .add(
                            double_entry_transaction::Column::CreditTransactionId
                                .eq(transaction_id),
                        )
                        .add(double_entry_transaction::Column::CreditBankId.eq(bank_id.as_str())),
                ),
        )
        .one(db)
        .await?
        .ok_or(ConnectorError::NotFound {
            code: ErrorCode::DoubleEntryTransactionNotFound,
        })?;
    let parse = |b: String, a: String, t: String| -> ConnectorResult<(BankId, AccountId, String)> {
        Ok((
            BankId::parse(b).map_err(|e| corrupt("double_entry_transaction", e))?,
            AccountId::parse(a).map_err(|e| corrupt("double_entry_transaction", e))?,
            t,
        ))
    };
    let transaction_request = match (
        row.transaction_request_bank_id,
        row.transaction_request_account_id,
        row.transaction_request_id,
    ) {
        (Some(b), Some(a), Some(t)) => Some(parse(b, a, t)?),
        _ => None,
    };
    Ok(DoubleEntryTransaction {
        transaction_request,
        debit: parse(
            row.debit_bank_id,
            row.debit_account_id,
            row.debit_transaction_id,
        )?,
        credit: parse(
            row.credit_bank_id,
            row.credit_account_id,
            row.credit_transaction_id,
        )?,
    })
}

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
pub(crate) type LockedRow = (i64, String, i64, String);

/// The columns of the locking read, in the order of [`LockedRow`] after the account's ids.
pub(crate) const LOCKED_COLUMNS: [&str; 6] = [
    "bank_id",
    "account_id",
    "balance_minor",
    "kind",
    "overdraft_limit_minor",
    "currency",
];

/// An account read by the locking read, with its ids checked.
pub(crate) fn locked_account(
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
pub(crate) fn lock_statement(backend: DbBackend, accounts: &[&AccountRef]) -> Statement {
    if backend == DbBackend::Postgres {
        lock_statement_json(accounts)
    } else {
        lock_statement_values(backend, accounts)
    }
}

/// Locks the accounts in the given order and reads them (see [`lock_statement`]).
async fn lock_accounts(
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

/// The statement adding each delta to its (locked) account's balance.
fn apply_deltas(backend: DbBackend, deltas: &[(AccountRef, i64)]) -> Statement {
    if backend == DbBackend::Postgres {
        // One statement text for any number of accounts (see `bulk`).
        let rows: Vec<serde_json::Value> = deltas
            .iter()
            .map(|(a, delta)| {
                serde_json::json!({
                    "bank_id": a.bank_id.as_str(),
                    "account_id": a.account_id.as_str(),
                    "delta": delta,
                })
            })
            .collect();
        return Statement::from_sql_and_values(
            backend,
            "UPDATE bank_account SET balance_minor = bank_account.balance_minor + v.delta, \
             updated_at = $2 FROM jsonb_to_recordset($1::jsonb) \
             AS v(bank_id text, account_id text, delta bigint) \
             WHERE bank_account.bank_id = v.bank_id AND bank_account.account_id = v.account_id",
            [rows_param(rows), Utc::now().into()],
        );
    }
    let mut values: Vec<sea_orm::Value> = Vec::with_capacity(deltas.len() * 3 + 1);
    let mut rows = Vec::with_capacity(deltas.len());
    for (account, delta) in deltas {
        rows.push("(CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS BIGINT))");
        values.push(account.bank_id.as_str().into());
        values.push(account.account_id.as_str().into());
        values.push((*delta).into());
    }
    values.push(Utc::now().into());
    let sql = placeholders(
        backend,
        &format!(
            "WITH v(bank_id, account_id, delta) AS (VALUES {}) \
             UPDATE bank_account SET balance_minor = bank_account.balance_minor + v.delta, \
             updated_at = ? FROM v WHERE bank_account.bank_id = v.bank_id AND \
             bank_account.account_id = v.account_id",
            rows.join(", ")
        ),
    );
    Statement::from_sql_and_values(backend, sql, values)
}

/// Runs write statements (no results) in one round trip where the database allows it.
///
/// PostgreSQL runs them as ONE statement (see [`combine`]); SQLite, which is in-process and
/// has no data-modifying `WITH` clauses, runs them one after the other.
pub(crate) async fn execute_together(
    txn: &DatabaseTransaction,
    statements: Vec<Statement>,
) -> ConnectorResult<()> {
    let backend = txn.get_database_backend();
    if backend != DbBackend::Postgres {
        for statement in statements {
            txn.execute(statement).await?;
        }
        return Ok(());
    }
    if let Some(statement) = combine(statements) {
        txn.execute(statement).await?;
    }
    Ok(())
}

/// PostgreSQL write statements as ONE statement: all but the last become data-modifying
/// `WITH` clauses (they touch different rows, so their order does not matter), their
/// placeholders renumbered. `None` for no statements.
pub(crate) fn combine(statements: Vec<Statement>) -> Option<Statement> {
    if statements.len() < 2 {
        return statements.into_iter().next();
    }
    let count = statements.len();
    let mut sql = String::new();
    let mut values: Vec<sea_orm::Value> = Vec::new();
    for (i, statement) in statements.into_iter().enumerate() {
        let body = renumber_placeholders(&statement.sql, values.len());
        if i + 1 < count {
            sql.push_str(if i == 0 { "WITH " } else { ", " });
            sql.push_str(&format!("w{i} AS ({body})"));
        } else {
            sql.push(' ');
            sql.push_str(&body);
        }
        if let Some(v) = statement.values {
            values.extend(v.0);
        }
    }
    Some(Statement::from_sql_and_values(
        DbBackend::Postgres,
        sql,
        values,
    ))
}

/// Adds `offset` to every `$N` placeholder outside quoted literals and identifiers.
fn renumber_placeholders(sql: &str, offset: usize) -> String {
    if offset == 0 {
        return sql.to_owned();
    }
    let mut out = String::with_capacity(sql.len() + 16);
    let mut chars = sql.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => {
                quote = None;
                out.push(c);
            }
            (Some(_), c) => out.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                out.push(c);
            }
            (None, '$') if chars.peek().is_some_and(char::is_ascii_digit) => {
                let mut n = String::new();
                while let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
                    n.push(d);
                    chars.next();
                }
                let n: usize = n.parse().unwrap_or(0);
                out.push('$');
                out.push_str(&(n + offset).to_string());
            }
            (None, c) => out.push(c),
        }
    }
    out
}

/// `?` placeholders as the backend numbers them (`$1, $2, ...` on PostgreSQL).
fn placeholders(backend: DbBackend, sql: &str) -> String {
    if backend != DbBackend::Postgres {
        return sql.to_owned();
    }
    let mut out = String::with_capacity(sql.len() + 16);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push('$');
            out.push_str(&n.to_string());
        } else {
            out.push(c);
        }
    }
    out
}

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

/// The body of [`book`], inside the write transaction.
pub(crate) async fn book_in(
    txn: &DatabaseTransaction,
    booking: &Booking,
) -> ConnectorResult<Vec<Transaction>> {
    let mut legs = book_batch_in(txn, &[booking]).await.map_err(|f| f.error)?;
    Ok(legs.pop().unwrap_or_default())
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
}

/// Books several balanced entries in one database transaction, as if one after the other
/// in the given order, and returns each booking's legs.
///
/// Each touched account is updated ONCE, by the batch's net change, in lock order
/// ([`lock_key`]), so batches never deadlock with each other or with single bookings. The
/// funds of every booking are then checked in order against the running balances, and
/// every leg records the balance right after it. When a booking fails a check the error
/// names it and the caller must roll back: nothing is kept.
pub(crate) async fn book_batch_in(
    txn: &DatabaseTransaction,
    bookings: &[&Booking],
) -> Result<Vec<Vec<Transaction>>, BatchFailure> {
    let (legs, writes) = prepare_batch(txn, bookings).await?;
    execute_together(txn, writes)
        .await
        .map_err(BatchFailure::whole)?;
    Ok(legs)
}

/// The reading half of [`book_batch_in`]: locks and reads the accounts, checks every
/// booking and returns each booking's legs with the statements that write them (balances,
/// legs, double-entry records), for [`execute_together`] — possibly with more statements
/// of the caller's, so that all writes of a batch take one round trip.
pub(crate) async fn prepare_batch(
    txn: &DatabaseTransaction,
    bookings: &[&Booking],
) -> Result<(Vec<Vec<Transaction>>, Vec<Statement>), BatchFailure> {
    let plan = BatchPlan::new(bookings)?;
    let locked = lock_accounts(txn, &plan.lock_order())
        .await
        .map_err(BatchFailure::whole)?;
    plan.settle(txn.get_database_backend(), bookings, locked)
}

/// A batch of bookings before any account is read: each booking's net change per account
/// and the batch's net change per account, in lock order.
pub(crate) struct BatchPlan {
    per_booking: Vec<Vec<(AccountRef, i64, Currency)>>,
    totals: Vec<(AccountRef, i64)>,
}

impl BatchPlan {
    /// Checks the bookings' shapes and adds up their changes.
    pub(crate) fn new(bookings: &[&Booking]) -> Result<Self, BatchFailure> {
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
    pub(crate) fn lock_order(&self) -> Vec<&AccountRef> {
        self.totals.iter().map(|t| &t.0).collect()
    }

    /// With the accounts locked and read ([`lock_statement`] of [`Self::lock_order`]):
    /// checks every booking in order against the running balances and returns each
    /// booking's legs and the statements that write the batch.
    pub(crate) fn settle(
        self,
        backend: DbBackend,
        bookings: &[&Booking],
        mut locked: Vec<(AccountRef, LockedRow)>,
    ) -> Result<(Vec<Vec<Transaction>>, Vec<Statement>), BatchFailure> {
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
        let mut writes = vec![apply_deltas(backend, &totals)];
        let mut running: Vec<Running> = Vec::with_capacity(locked.len());
        for (account, (balance, kind, overdraft, ccy)) in locked.drain(..) {
            running.push(Running {
                account,
                balance,
                overdraft,
                settlement: kind == AccountKind::Settlement.as_str(),
                currency: currency(&ccy, "bank_account").map_err(BatchFailure::whole)?,
            });
        }

        // Replay the bookings in order: funds checks, running balances, rows.
        let now = Utc::now();
        let mut out = Vec::with_capacity(bookings.len());
        let mut leg_rows = Vec::new();
        let mut records = Vec::new();
        for (i, (booking, deltas)) in bookings.iter().zip(&per_booking).enumerate() {
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
                    charge_policy: booking.charge_policy.clone(),
                    created_at: now,
                };
                leg_rows.push(ledger_transaction::ActiveModel::from(model.clone()));
                legs.push(to_transaction(model).map_err(BatchFailure::whole)?);
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
        Ok((out, writes))
    }
}

#[cfg(test)]
mod tests {
    use super::{placeholders, renumber_placeholders};
    use sea_orm::DbBackend;

    #[test]
    fn placeholders_are_numbered_for_postgres_only() {
        assert_eq!(
            placeholders(DbBackend::Postgres, "a = ? AND b = ?"),
            "a = $1 AND b = $2"
        );
        assert_eq!(placeholders(DbBackend::Sqlite, "a = ?"), "a = ?");
    }

    #[test]
    fn renumbering_skips_quoted_text() {
        assert_eq!(
            renumber_placeholders(r#"INSERT INTO "t$1" VALUES ($1, '$2', $10)"#, 5),
            r#"INSERT INTO "t$1" VALUES ($6, '$2', $15)"#
        );
        assert_eq!(renumber_placeholders("x = $1", 0), "x = $1");
    }
}
