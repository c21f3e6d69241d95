//! Accounts of the mapped connector: opening them, their labels and routings, and reading
//! the legs and double-entry records the ledger booked on them.
//!
//! Money moves only through the ledger ([`super::ledger`]); nothing here changes a balance.

use super::convert::is_unique_violation;
use chrono::Utc;
use obp_domain::account::{
    AccountKind, BankAccount, DoubleEntryTransaction, NewBankAccount, Transaction,
};
use obp_domain::bank::Routing;
use obp_domain::ids::{AccountId, BankId};
use obp_domain::ledger::AccountRef;
use obp_domain::money::{Currency, Money};
use obp_domain::query::{OffsetLimitQuery, SortDirection};
use obp_domain::ErrorCode;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    JoinType, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Statement, TransactionTrait, Value,
};

use super::convert::{self, corrupt, currency, minor};
use super::entity::{account_routing, bank_account, double_entry_transaction, ledger_transaction};
use super::ledger::begin_write;
use crate::error::{ConnectorError, ConnectorResult};

fn money(minor: i64, ccy: Currency) -> Money {
    Money::from_minor_units(minor, ccy)
}

fn to_account(
    row: bank_account::Model,
    routings: Vec<account_routing::Model>,
) -> ConnectorResult<BankAccount> {
    let ccy = currency(&row.currency, "bank_account")?;
    Ok(BankAccount {
        as_received: Default::default(),
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

/// Reads several accounts (missing ones are skipped), in the order asked, in one query.
pub(crate) async fn get_accounts<C: ConnectionTrait>(
    db: &C,
    refs: &[AccountRef],
) -> ConnectorResult<Vec<BankAccount>> {
    let keys: Vec<AccountKey> = refs
        .iter()
        .map(|r| {
            (
                r.bank_id.as_str().to_owned(),
                r.account_id.as_str().to_owned(),
            )
        })
        .collect();
    let mut found = std::collections::HashMap::with_capacity(keys.len());
    // A bounded number of bind parameters per statement, whatever the list's length, and
    // a few statement texts (sizes padded to a power of two) for the statement caches.
    for chunk in keys.chunks(256) {
        let chunk = super::coalesce::padded(chunk.to_vec());
        found.extend(get_accounts_by_key(db, &chunk).await?);
    }
    let mut out = Vec::with_capacity(refs.len());
    for key in &keys {
        // Asked twice, listed twice (as when read one by one).
        match found.get(key) {
            Some(Ok(a)) => out.push(a.clone()),
            Some(Err(_)) => {
                if let Some(Err(e)) = found.remove(key) {
                    return Err(e);
                }
            }
            None => {}
        }
    }
    Ok(out)
}

/// An account's key: (bank id, account id).
pub(crate) type AccountKey = (String, String);

/// `(bank = ? AND account = ?) OR ...` over `keys`, on a table's bank and account columns.
pub(crate) fn any_account<Col: ColumnTrait>(
    bank: Col,
    account: Col,
    keys: &[AccountKey],
) -> sea_orm::Condition {
    keys.iter()
        .fold(sea_orm::Condition::any(), |any, (bank_id, account_id)| {
            any.add(
                sea_orm::Condition::all()
                    .add(bank.eq(bank_id.as_str()))
                    .add(account.eq(account_id.as_str())),
            )
        })
}

/// The accounts of `keys` with their routings, in one query (a row that cannot be read is
/// that key's error; missing accounts are absent). The read behind
/// [`super::coalesce::Coalescer`]'s account batches.
pub(crate) async fn get_accounts_by_key<C: ConnectionTrait>(
    db: &C,
    keys: &[AccountKey],
) -> ConnectorResult<std::collections::HashMap<AccountKey, ConnectorResult<BankAccount>>> {
    let mut out = std::collections::HashMap::with_capacity(keys.len());
    if keys.is_empty() {
        return Ok(out);
    }
    let rows = bank_account::Entity::find()
        .filter(any_account(
            bank_account::Column::BankId,
            bank_account::Column::AccountId,
            keys,
        ))
        .join(JoinType::LeftJoin, routings_of_account().rev())
        .select_also(account_routing::Entity)
        .order_by_asc(bank_account::Column::BankId)
        .order_by_asc(bank_account::Column::AccountId)
        .order_by_asc(account_routing::Column::Scheme)
        .all(db)
        .await?;
    // Rows come grouped by account: one per routing (or one with none).
    let mut rows = rows.into_iter().peekable();
    while let Some((row, first)) = rows.next() {
        let mut routings: Vec<account_routing::Model> = first.into_iter().collect();
        while let Some((next, _)) = rows.peek() {
            if next.bank_id != row.bank_id || next.account_id != row.account_id {
                break;
            }
            if let Some((_, Some(r))) = rows.next() {
                routings.push(r);
            }
        }
        let key = (row.bank_id.clone(), row.account_id.clone());
        out.insert(key, to_account(row, routings));
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

/// Opens an account with a zero balance and its routings, atomically.
pub(crate) async fn create_account(
    db: &DatabaseConnection,
    new: NewBankAccount,
) -> ConnectorResult<BankAccount> {
    let txn = begin_write(db).await?;
    let account = insert_account(&txn, new).await?;
    txn.commit().await?;
    Ok(account)
}

/// Writes the account and its routings in the caller's transaction (which rolls back when
/// this fails).
pub(crate) async fn insert_account<C: ConnectionTrait>(
    txn: &C,
    new: NewBankAccount,
) -> ConnectorResult<BankAccount> {
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
    if let Err(e) = bank_account::Entity::insert(row).exec(txn).await {
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
        if let Err(e) = account_routing::Entity::insert(routing).exec(txn).await {
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
    get_account(txn, &new.bank_id, &new.account_id).await
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

/// A page of an account's legs, filtered by posted date ([`super::page`] says why each way):
/// on PostgreSQL row by row, its first pages by a statement with the window in its text
/// ([`with_literal_window`]); on SQLite through the pool in one row, aggregated by the
/// database ([`page_statement`]). The statements' texts are built once per backend and order.
pub(crate) async fn get_transactions<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    account_id: &AccountId,
    query: &OffsetLimitQuery,
) -> ConnectorResult<Vec<Transaction>> {
    let backend = db.get_database_backend();
    if backend == DbBackend::Postgres {
        let statement = with_literal_window(rows_statement(backend, bank_id, account_id, query));
        let rows = db.query_all(statement).await?;
        return rows
            .iter()
            .map(|r| super::page::leg_of_result(r, bank_id, account_id))
            .collect();
    }
    let statement = page_statement(backend, bank_id, account_id, query)?;
    let row = db.query_one(statement).await?;
    let json: Option<String> = match row {
        Some(r) => r.try_get_by_index(0)?,
        None => None,
    };
    // SQLite's aggregate is unordered ([`super::page::aggregate`]).
    super::page::legs(json.as_deref(), bank_id, account_id, query.sort)
}

/// [`get_transactions`] on a SQLite file's reader, row by row on the calling thread.
///
/// Why not the one-row aggregate there: it was made for sqlx's driver, which hands every row
/// across threads (see [`super::page`]). On the reader a row costs no hand-off, and building
/// the page's JSON in SQLite, copying it out and parsing it again was a sixth of the page's
/// CPU (issue #19's profile, bench/README.md); here each leg is read by index straight into
/// its [`Transaction`] ([`super::page::leg_of_row`]), in the statement's own order.
///
/// # Errors
/// A database failure, or a stored row the ledger cannot have written.
pub(crate) fn get_transactions_in_rows(
    reads: &crate::sqlite_reads::SqliteReads,
    bank_id: &BankId,
    account_id: &AccountId,
    query: &OffsetLimitQuery,
) -> ConnectorResult<Vec<Transaction>> {
    let statement = rows_statement(DbBackend::Sqlite, bank_id, account_id, query);
    reads.read_rows(&statement, |row| {
        super::page::leg_of_row(row, bank_id, account_id)
    })
}

/// The page's rows ([`page_query`] with [`super::page::COLUMNS`], not aggregated): the
/// statement of PostgreSQL and of a SQLite file's reader, its text cached per backend and sort
/// order like [`page_statement`]'s (checked by `page_statement_is_the_orms`).
fn rows_statement(
    backend: DbBackend,
    bank_id: &BankId,
    account_id: &AccountId,
    query: &OffsetLimitQuery,
) -> Statement {
    static TEXTS: [crate::sql_text::Text; 2] =
        [crate::sql_text::Text::new(), crate::sql_text::Text::new()];
    in_order(&TEXTS, query.sort).bind(
        backend,
        || orm_rows_statement(backend, bank_id, account_id, query),
        page_values(bank_id, account_id, query),
    )
}

/// Of a page statement's two cached texts, the one for `sort` (ascending first).
fn in_order(
    texts: &'static [crate::sql_text::Text; 2],
    sort: SortDirection,
) -> &'static crate::sql_text::Text {
    match sort {
        SortDirection::Asc => &texts[0],
        SortDirection::Desc => &texts[1],
    }
}

/// The values of the page statements, in the order the ORM binds them.
fn page_values(bank_id: &BankId, account_id: &AccountId, query: &OffsetLimitQuery) -> Vec<Value> {
    vec![
        bank_id.as_str().into(),
        account_id.as_str().into(),
        query.from_date.into(),
        query.to_date.into(),
        u64::from(query.limit).into(),
        query.offset.into(),
    ]
}

/// The page's rows as the ORM builds them.
fn orm_rows_statement(
    backend: DbBackend,
    bank_id: &BankId,
    account_id: &AccountId,
    query: &OffsetLimitQuery,
) -> Statement {
    page_query(bank_id, account_id, query)
        .select_only()
        .columns(super::page::COLUMNS)
        .build(backend)
}

/// SQLite's one-row page statement: [`page_query`] wrapped by [`super::page::aggregate`], its
/// text cached per sort order ([`crate::sql_text`]), the values bound in the ORM's order
/// (checked by `page_statement_is_the_orms`).
fn page_statement(
    backend: DbBackend,
    bank_id: &BankId,
    account_id: &AccountId,
    query: &OffsetLimitQuery,
) -> ConnectorResult<Statement> {
    static TEXTS: [crate::sql_text::Text; 2] =
        [crate::sql_text::Text::new(), crate::sql_text::Text::new()];
    in_order(&TEXTS, query.sort).statement(
        backend,
        || orm_page_statement(backend, bank_id, account_id, query),
        page_values(bank_id, account_id, query),
    )
}

/// The PostgreSQL page's rows statement with its limit and offset written into the text as numbers
/// (they are integers: nothing to quote), the other values still bound.
///
/// Why: PostgreSQL plans a prepared statement anew on every execution while its generic plan
/// looks dearer than the custom ones, and a LIMIT given as a parameter makes it so (for an
/// unknown limit the planner assumes a tenth of the rows): the page statement was planned
/// 5,663 times in 5,647 calls, 0.089 ms of its 0.298 ms (pg_stat_statements, issue #19,
/// bench/README.md). With the numbers in its text each connection keeps one plan per page
/// size. Only first pages (offset 0, the hot case) are rewritten: a text per offset would
/// fill sqlx's statement cache (100 per connection) as a client pages through an account and
/// push the other hot statements out; later pages keep their bound values and are planned
/// each time, as before. A statement not in the expected shape is returned as it is;
/// `page_window_is_written_in_the_text` checks the shape.
fn with_literal_window(mut statement: Statement) -> Statement {
    const WINDOW: &str = " LIMIT $5 OFFSET $6";
    let numbers = match statement.values.as_ref().map(|v| v.0.as_slice()) {
        Some([_, _, _, _, Value::BigUnsigned(Some(limit)), Value::BigUnsigned(Some(0))]) => {
            (*limit, 0)
        }
        _ => return statement,
    };
    if statement.sql.matches(WINDOW).count() != 1 || statement.sql.contains("$7") {
        return statement;
    }
    statement.sql = statement.sql.replacen(
        WINDOW,
        &format!(" LIMIT {} OFFSET {}", numbers.0, numbers.1),
        1,
    );
    if let Some(values) = statement.values.as_mut() {
        values.0.truncate(4);
    }
    statement
}

/// The page statement as the ORM builds it.
fn orm_page_statement(
    backend: DbBackend,
    bank_id: &BankId,
    account_id: &AccountId,
    query: &OffsetLimitQuery,
) -> ConnectorResult<Statement> {
    super::page::aggregate(orm_rows_statement(backend, bank_id, account_id, query))
}

/// The page's filter, order, offset and limit.
fn page_query(
    bank_id: &BankId,
    account_id: &AccountId,
    query: &OffsetLimitQuery,
) -> sea_orm::Select<ledger_transaction::Entity> {
    let q = ledger_transaction::Entity::find()
        .filter(ledger_transaction::Column::BankId.eq(bank_id.as_str()))
        .filter(ledger_transaction::Column::AccountId.eq(account_id.as_str()))
        .filter(ledger_transaction::Column::Posted.gte(query.from_date))
        .filter(ledger_transaction::Column::Posted.lte(query.to_date));
    let q = match query.sort {
        SortDirection::Asc => q
            .order_by_asc(ledger_transaction::Column::Posted)
            .order_by_asc(ledger_transaction::Column::Id),
        SortDirection::Desc => q
            .order_by_desc(ledger_transaction::Column::Posted)
            .order_by_desc(ledger_transaction::Column::Id),
    };
    q.offset(query.offset).limit(u64::from(query.limit))
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
    convert::transaction(row)
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

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    /// The cached page texts (aggregated, and the rows alone) with hand-bound values are
    /// exactly the ORM's statements, on both backends, both orders, and whatever the values
    /// (the first call caches the text).
    #[test]
    fn page_statement_is_the_orms() {
        let bank = BankId::parse("bank.one").unwrap();
        let account = AccountId::parse("acc-1").unwrap();
        for backend in [DbBackend::Sqlite, DbBackend::Postgres] {
            for sort in [SortDirection::Asc, SortDirection::Desc] {
                for (limit, offset, year) in [(50, 0, 2020), (1, 7, 1999), (500, u64::MAX, 2030)] {
                    let query = OffsetLimitQuery {
                        limit,
                        offset,
                        from_date: Utc.with_ymd_and_hms(year, 1, 2, 3, 4, 5).unwrap(),
                        to_date: Utc.with_ymd_and_hms(year + 1, 6, 7, 8, 9, 10).unwrap(),
                        sort,
                    };
                    if backend == DbBackend::Sqlite {
                        let cached = page_statement(backend, &bank, &account, &query)
                            .unwrap_or_else(|e| panic!("{e}"));
                        let orm = orm_page_statement(backend, &bank, &account, &query)
                            .unwrap_or_else(|e| panic!("{e}"));
                        assert_eq!(cached, orm, "{sort:?} {limit} {offset}");
                    } else {
                        assert!(page_statement(backend, &bank, &account, &query).is_err());
                    }
                    // The rows PostgreSQL and the SQLite reader read, not aggregated.
                    assert_eq!(
                        rows_statement(backend, &bank, &account, &query),
                        orm_rows_statement(backend, &bank, &account, &query),
                        "rows: {backend:?} {sort:?} {limit} {offset}"
                    );
                }
            }
        }
    }

    #[test]
    fn page_window_is_written_in_the_text() {
        let bank = BankId::parse("bank.one").unwrap();
        let account = AccountId::parse("acc-1").unwrap();
        for sort in [SortDirection::Asc, SortDirection::Desc] {
            for (limit, offset) in [
                (50, 0),
                (1, 0),
                (500, 0),
                (50, 7),
                (500, 9_223_372_036_854_775_807),
            ] {
                let query = OffsetLimitQuery {
                    limit,
                    offset,
                    from_date: Utc.with_ymd_and_hms(2020, 1, 2, 3, 4, 5).unwrap(),
                    to_date: Utc.with_ymd_and_hms(2021, 6, 7, 8, 9, 10).unwrap(),
                    sort,
                };
                let bound = rows_statement(DbBackend::Postgres, &bank, &account, &query);
                let literal = with_literal_window(bound.clone());
                if offset != 0 {
                    // Later pages keep their bound values.
                    assert_eq!(literal, bound);
                    continue;
                }
                assert!(
                    literal
                        .sql
                        .ends_with(&format!(" LIMIT {limit} OFFSET {offset}")),
                    "{}",
                    literal.sql
                );
                assert!(!literal.sql.contains("$5") && !literal.sql.contains("$6"));
                let values = |s: &Statement| s.values.as_ref().unwrap().0.clone();
                assert_eq!(values(&literal), values(&bound)[..4].to_vec());
                assert_eq!(
                    literal.sql.replacen(
                        &format!(" LIMIT {limit} OFFSET {offset}"),
                        " LIMIT $5 OFFSET $6",
                        1
                    ),
                    bound.sql
                );
            }
        }
        // Another shape is left as it is: other values, a seventh value in the text, or
        // the window twice, each with the page's six values.
        let other = Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT 1 LIMIT $1",
            [Value::BigUnsigned(Some(1))],
        );
        assert_eq!(with_literal_window(other.clone()), other);
        let six = |sql: &str| {
            let mut s = rows_statement(
                DbBackend::Postgres,
                &bank,
                &account,
                &OffsetLimitQuery::default(),
            );
            s.sql = sql.to_owned();
            s
        };
        for sql in [
            "SELECT 1 WHERE $7 LIMIT $5 OFFSET $6",
            "SELECT 1 LIMIT $5 OFFSET $6 UNION SELECT 2 LIMIT $5 OFFSET $6",
        ] {
            assert_eq!(with_literal_window(six(sql)), six(sql), "{sql}");
        }
        // The rewrite itself does apply to those six values in the expected text.
        assert_ne!(
            with_literal_window(six("SELECT 1 LIMIT $5 OFFSET $6")),
            six("SELECT 1 LIMIT $5 OFFSET $6")
        );
    }
}
