//! A page of an account's legs: row by row where rows are cheap, in ONE row (a JSON
//! aggregate) where they are not.
//!
//! Why: a transactions page is up to [`MAX_LIMIT`](obp_domain::query) rows of sixteen
//! columns. How a row is cheapest to read depends on the driver:
//!
//! * **PostgreSQL: row by row** ([`leg_of_result`]). The rows come in one round trip in the
//!   binary protocol: integers and `timestamptz` arrive as numbers, decoded without text.
//!   Building the page as JSON instead (`json_agg(json_build_array(...))`) cost PostgreSQL
//!   three times the plain statement's execution (0.14 against 0.04–0.05 ms for 50 rows) and
//!   the server a JSON parse and a date parse per leg: read row by row, the page served
//!   about a quarter more requests per second (issue #19, bench/README.md).
//! * **A SQLite file's reader: row by row** ([`leg_of_row`],
//!   `accounts::get_transactions_in_rows`): the reader runs reads on the calling thread, so
//!   each row is read by index straight into its leg.
//! * **SQLite through sqlx's pool** (an in-memory database, deep pages): **one row**. That
//!   driver runs every statement on a worker thread of its own and hands each row back across
//!   threads, copying every value, and the ORM decodes each column by name: for 50 legs a
//!   quarter of the server's CPU per page. There SQLite aggregates the page into one JSON
//!   array of arrays (`json_group_array(json_array(...))`, [`aggregate`]); the server reads
//!   one text value, parses it with `serde` into typed rows and sorts them by the page's keys
//!   as SQLite compares them. Amounts are integers (minor units) and JSON carries them
//!   exactly (`serde_json` reads integers as `i64`, no floating point); dates are the stored
//!   text, parsed back to UTC.
//!
//! The filter, order and paging are the ORM's own statement (wrapped, for the aggregate):
//! every way reads the same rows in the same order. `connectors/tests/mapped_ledger.rs`
//! checks every field of every leg against what was booked, on both databases, and the
//! reader's page against the aggregate's.

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDateTime, Utc};
use obp_domain::account::{OtherParty, Transaction};
use obp_domain::ids::{AccountId, BankId};
use obp_domain::money::Money;
use obp_domain::query::SortDirection;
use sea_orm::{DbBackend, IdenStatic, Statement};
use serde::Deserialize;

use super::convert::{corrupt, currency};
use super::entity::ledger_transaction::Column;
use crate::error::ConnectorResult;

/// The columns of a page row, in the order of [`PageRow`]'s fields.
pub(crate) const COLUMNS: [Column; 16] = [
    Column::Id,
    Column::AmountMinor,
    Column::Currency,
    Column::NewBalanceMinor,
    Column::TransactionType,
    Column::Description,
    Column::Posted,
    Column::Completed,
    Column::OtherBankId,
    Column::OtherAccountId,
    Column::OtherHolder,
    Column::OtherRoutingScheme,
    Column::OtherRoutingAddress,
    Column::CounterpartyId,
    Column::TransactionRequestId,
    Column::ChargePolicy,
];

/// One leg as the aggregate carries it (a JSON array, [`COLUMNS`] in order), or as
/// [`leg_of_row`] and [`leg_of_result`] read it. `D` is how a date comes: stored text on
/// SQLite and in the aggregate, an instant already when PostgreSQL sends it in binary.
#[derive(Debug, Deserialize)]
struct PageRow<D = String>(
    String,
    i64,
    String,
    i64,
    String,
    String,
    D,
    D,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// The aggregate's column list, built once; the page statement only splices it in.
static COLUMN_LIST: LazyLock<String> = LazyLock::new(|| {
    COLUMNS
        .iter()
        .map(|c| format!("\"{}\"", c.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
});

/// Wraps `inner` (a SQLite SELECT of [`COLUMNS`] with the page's filter, order, limit and
/// offset) into the statement that returns the page as one JSON text value.
///
/// The aggregate is unordered, and [`legs`] sorts the rows by the same keys compared as
/// SQLite compares them (bytes of the stored text, the BINARY collation): the same order,
/// without the aggregate's sorter (a temporary b-tree of every row, 5 % of the page's CPU in
/// issue #19's profile).
///
/// # Errors
/// Another backend than SQLite: PostgreSQL reads its pages row by row ([`leg_of_result`]).
pub(crate) fn aggregate(inner: Statement) -> ConnectorResult<Statement> {
    if inner.db_backend != DbBackend::Sqlite {
        return Err(corrupt(
            "ledger_transaction",
            format!("no JSON page for the {:?} backend", inner.db_backend),
        ));
    }
    Ok(Statement {
        sql: format!(
            "SELECT json_group_array(json_array({})) FROM ({}) AS page",
            *COLUMN_LIST, inner.sql
        ),
        values: inner.values,
        db_backend: inner.db_backend,
    })
}

/// A date stored as text on SQLite: RFC 3339 (what the SQLite driver writes), or with a
/// space for the `T`, or without an offset (read as UTC), as SQL such as SQLite's own
/// `datetime()` writes it.
fn parse_date(text: &str) -> ConnectorResult<DateTime<Utc>> {
    // The driver's form first, with chrono's fixed parser: a format string is parsed anew
    // on every call, and as the first try it was 3.5 % of the server's CPU on a
    // transactions page (issue #19).
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .or_else(|_| text.parse::<NaiveDateTime>().map(|t| t.and_utc()))
        .or_else(|_| {
            DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%#z").map(|t| t.with_timezone(&Utc))
        })
        .ok()
        .or_else(|| {
            ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"]
                .iter()
                .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
                .map(|t| t.and_utc())
        })
        .ok_or_else(|| corrupt("ledger_transaction", format!("date {text:?}")))
}

/// Sorts rows as SQLite's page orders them: by the stored `posted` text, then `id`, both
/// compared byte by byte (SQLite's BINARY collation; `str`'s order is the same).
fn in_page_order(rows: &mut [PageRow<String>], sort: SortDirection) {
    fn key(r: &PageRow<String>) -> (&[u8], &[u8]) {
        (r.6.as_bytes(), r.0.as_bytes())
    }
    match sort {
        SortDirection::Asc => rows.sort_unstable_by(|a, b| key(a).cmp(&key(b))),
        SortDirection::Desc => rows.sort_unstable_by(|a, b| key(b).cmp(&key(a))),
    }
}

/// The legs of the aggregate's text (`None` is an empty page), on the account the page was
/// read for, in the page's order `sort` (SQLite's aggregate is unordered).
pub(crate) fn legs(
    json: Option<&str>,
    bank_id: &BankId,
    account_id: &AccountId,
    sort: SortDirection,
) -> ConnectorResult<Vec<Transaction>> {
    let Some(json) = json else {
        return Ok(Vec::new());
    };
    let mut rows: Vec<PageRow<String>> =
        serde_json::from_str(json).map_err(|e| corrupt("ledger_transaction", e))?;
    in_page_order(&mut rows, sort);
    let mut legs = Vec::with_capacity(rows.len());
    for r in rows {
        legs.push(leg(r, bank_id, account_id)?);
    }
    Ok(legs)
}

/// One leg of a page read row by row on SQLite ([`COLUMNS`] in order, as the ledger stores
/// them: integers for amounts, RFC 3339 text for dates), the same [`Transaction`] the
/// aggregate's row gives.
///
/// # Errors
/// A column of another type than the ledger writes, or a value it cannot hold.
pub(crate) fn leg_of_row(
    row: &rusqlite::Row<'_>,
    bank_id: &BankId,
    account_id: &AccountId,
) -> ConnectorResult<Transaction> {
    let read = || {
        Ok::<_, rusqlite::Error>(PageRow(
            row.get(0)?,
            row.get(1)?,
            row.get(2)?,
            row.get(3)?,
            row.get(4)?,
            row.get(5)?,
            row.get::<_, String>(6)?,
            row.get::<_, String>(7)?,
            row.get(8)?,
            row.get(9)?,
            row.get(10)?,
            row.get(11)?,
            row.get(12)?,
            row.get(13)?,
            row.get(14)?,
            row.get(15)?,
        ))
    };
    let r = read().map_err(|e| corrupt("ledger_transaction", e))?;
    leg(r, bank_id, account_id)
}

/// One leg of a page read row by row on PostgreSQL ([`COLUMNS`] in order, as the driver
/// decodes them from the binary protocol: `timestamptz` straight into an instant, with no
/// text to parse), the same [`Transaction`] the aggregate's row gives.
///
/// # Errors
/// A column of another type than the ledger writes, or a value it cannot hold.
pub(crate) fn leg_of_result(
    row: &sea_orm::QueryResult,
    bank_id: &BankId,
    account_id: &AccountId,
) -> ConnectorResult<Transaction> {
    let read = || {
        Ok::<_, sea_orm::TryGetError>(PageRow(
            row.try_get_by_index(0)?,
            row.try_get_by_index(1)?,
            row.try_get_by_index(2)?,
            row.try_get_by_index(3)?,
            row.try_get_by_index(4)?,
            row.try_get_by_index(5)?,
            row.try_get_by_index::<DateTime<Utc>>(6)?,
            row.try_get_by_index::<DateTime<Utc>>(7)?,
            row.try_get_by_index(8)?,
            row.try_get_by_index(9)?,
            row.try_get_by_index(10)?,
            row.try_get_by_index(11)?,
            row.try_get_by_index(12)?,
            row.try_get_by_index(13)?,
            row.try_get_by_index(14)?,
            row.try_get_by_index(15)?,
        ))
    };
    let r = read().map_err(|e| corrupt("ledger_transaction", format!("{e:?}")))?;
    leg(r, bank_id, account_id)
}

/// How a page row's date comes: stored text, or an instant the driver decoded.
trait PageDate {
    fn instant(&self) -> ConnectorResult<DateTime<Utc>>;
}

impl PageDate for String {
    fn instant(&self) -> ConnectorResult<DateTime<Utc>> {
        parse_date(self)
    }
}

impl PageDate for DateTime<Utc> {
    fn instant(&self) -> ConnectorResult<DateTime<Utc>> {
        Ok(*self)
    }
}

/// A page row as the leg it is, on the account the page was read for.
fn leg<D: PageDate>(
    r: PageRow<D>,
    bank_id: &BankId,
    account_id: &AccountId,
) -> ConnectorResult<Transaction> {
    let ccy = currency(&r.2, "ledger_transaction")?;
    Ok(Transaction {
        id: r.0,
        bank_id: bank_id.clone(),
        account_id: account_id.clone(),
        amount: Money::from_minor_units(r.1, ccy),
        new_balance: Money::from_minor_units(r.3, ccy),
        transaction_type: r.4,
        description: r.5,
        posted: r.6.instant()?,
        completed: r.7.instant()?,
        other: OtherParty {
            bank_id: r.8,
            account_id: r.9,
            holder: r.10,
            routing_scheme: r.11,
            routing_address: r.12,
            counterparty_id: r.13,
        },
        transaction_request_id: r.14,
        charge_policy: r
            .15
            .filter(|p| !p.is_empty())
            .map(|p| p.parse())
            .transpose()
            .map_err(|e| corrupt("ledger_transaction", e))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_statement_wraps_the_inner_select_and_keeps_its_values() {
        let inner = |backend| {
            Statement::from_sql_and_values(backend, "SELECT 1", [sea_orm::Value::from(7_i64)])
        };
        let s = aggregate(inner(DbBackend::Sqlite)).unwrap();
        assert!(s
            .sql
            .starts_with("SELECT json_group_array(json_array(\"id\", "));
        assert!(s
            .sql
            .ends_with("\"charge_policy\")) FROM (SELECT 1) AS page"));
        assert_eq!(s.values, inner(DbBackend::Sqlite).values);
        // PostgreSQL reads its pages row by row.
        assert!(aggregate(inner(DbBackend::Postgres)).is_err());
        assert!(aggregate(inner(DbBackend::MySql)).is_err());
    }

    /// `leg_of_result` decodes columns 6 and 7 as instants and the rest as text or integers
    /// by position: the columns must be where it expects them.
    #[test]
    fn the_page_columns_are_in_the_rows_order() {
        // The integers, the two instants and the first nullable column, where `PageRow` has
        // them (the text columns around them decode as text either way).
        let at = |i: usize| COLUMNS[i].as_str();
        assert_eq!(
            [at(1), at(3), at(6), at(7), at(8)],
            [
                "amount_minor",
                "new_balance_minor",
                "posted",
                "completed",
                "other_bank_id"
            ]
        );
        assert_eq!((at(0), at(15)), ("id", "charge_policy"));
    }

    #[test]
    fn dates_in_every_stored_form_read_back_as_the_same_instant() {
        let want = DateTime::parse_from_rfc3339("2026-12-05T06:10:00.123456Z")
            .unwrap()
            .with_timezone(&Utc);
        for s in [
            "2026-12-05T06:10:00.123456+00:00",
            "2026-12-05T06:10:00.123456Z",
            "2026-12-05 06:10:00.123456+00:00",
            "2026-12-05T07:10:00.123456+01",
            "2026-12-05T11:40:00.123456+05:30",
            "2026-12-05 06:10:00.123456",
            "2026-12-05T06:10:00.123456",
        ] {
            assert_eq!(parse_date(s).unwrap(), want, "{s}");
        }
        assert!(parse_date("yesterday").is_err());
        assert!(parse_date("2026-12-05T06:10:00 AD").is_err());
        assert!(parse_date("0044-03-15T00:00:00 BC").is_err());
    }

    #[test]
    fn a_page_of_json_arrays_reads_into_legs_with_exact_amounts() {
        let bank = BankId::parse("b").unwrap();
        let account = AccountId::parse("a").unwrap();
        let json = r#"[["t1",-9223372036854775807,"EUR",123456789012345678,"SANDBOX_TAN","d",
            "2026-12-05T06:10:00Z","2026-12-05T06:10:01Z",null,null,"Ann",null,null,null,"tr","SHARED"]]"#;
        let page = legs(Some(json), &bank, &account, SortDirection::Desc).unwrap();
        assert_eq!(page.len(), 1);
        assert_eq!(
            page[0].amount.to_minor_units().unwrap(),
            -9223372036854775807
        );
        assert_eq!(
            page[0].new_balance.to_minor_units().unwrap(),
            123456789012345678
        );
        assert_eq!(page[0].other.holder.as_deref(), Some("Ann"));
        assert!(page[0].charge_policy.is_some());
        assert!(legs(None, &bank, &account, SortDirection::Desc)
            .unwrap()
            .is_empty());
        assert!(legs(Some("[]"), &bank, &account, SortDirection::Desc)
            .unwrap()
            .is_empty());
        assert!(legs(Some(r#"[["t1"]]"#), &bank, &account, SortDirection::Desc).is_err());
        assert!(legs(
            Some(r#"[["t1",1.5,"EUR"]]"#),
            &bank,
            &account,
            SortDirection::Desc
        )
        .is_err());
    }

    /// SQLite's rows are sorted by the stored text and id, byte by byte, either way.
    #[test]
    fn sqlite_rows_are_sorted_as_sqlite_orders_them() {
        let bank = BankId::parse("b").unwrap();
        let account = AccountId::parse("a").unwrap();
        let row = |id: &str, posted: &str| {
            format!(
                r#"["{id}",1,"EUR",1,"T","d","{posted}","{posted}",null,null,null,null,null,null,null,null]"#
            )
        };
        let json = format!(
            "[{},{},{},{}]",
            row("b", "2026-12-05T06:10:00.500+00:00"),
            row("a", "2026-12-05T06:10:00.500+00:00"),
            row("Z", "2026-12-05T06:10:00+00:00"),
            row("c", "2026-12-06T00:00:00+00:00"),
        );
        let ids = |sort| {
            legs(Some(&json), &bank, &account, sort)
                .unwrap()
                .into_iter()
                .map(|t| t.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(SortDirection::Asc), ["Z", "a", "b", "c"]);
        assert_eq!(ids(SortDirection::Desc), ["c", "b", "a", "Z"]);
    }
}
