//! The ledger's write statements and how several of them travel in one round trip.

use chrono::Utc;
use obp_domain::ledger::AccountRef;
use sea_orm::{ConnectionTrait, DatabaseTransaction, DbBackend, Statement};

use super::bulk::rows_param;
use super::lock::LockedRow;
use crate::error::ConnectorResult;

/// The statement adding each delta to its (locked) account's balance.
pub(super) fn apply_deltas(backend: DbBackend, deltas: &[(AccountRef, i64)]) -> Statement {
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
pub(super) async fn execute_together(
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
pub(super) fn combine(statements: Vec<Statement>) -> Option<Statement> {
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

/// The name of the guard's result in [`combine_guarded`]'s statement.
pub(super) const GUARD_RESULT: &str = "ok";

/// A batch settled from remembered accounts ([`super::memo`]) as ONE PostgreSQL statement
/// that writes only if every account is still exactly as remembered.
///
/// The statement first locks the accounts in the order given (lock order, as the ordinary
/// locking read does: a `MATERIALIZED` `SELECT ... ORDER BY ... FOR UPDATE`, so rows are
/// locked in output order) and compares each locked row with what was remembered (balance,
/// kind, overdraft limit, currency; an account that is gone is a mismatch). Every write
/// then carries the guard's result as a condition evaluated once before it reads a row (a
/// sub-select without references to the write's own rows, i.e. a one-time filter): on a
/// mismatch nothing is written. The statement returns the guard's result as one boolean
/// column, [`GUARD_RESULT`]. It runs alone, outside any transaction block: one statement is
/// one transaction, committed when it ends.
///
/// `None` when a write has a shape the guard cannot be attached to (see [`guarded_write`]);
/// the caller then books the batch the ordinary way.
pub(super) fn combine_guarded(
    expected: &[(AccountRef, LockedRow)],
    writes: Vec<Statement>,
) -> Option<Statement> {
    let rows: Vec<serde_json::Value> = expected
        .iter()
        .enumerate()
        .map(|(i, (a, (balance, kind, overdraft, currency)))| {
            serde_json::json!({
                "bank_id": a.bank_id.as_str(),
                "account_id": a.account_id.as_str(),
                "ord": i,
                "balance_minor": balance,
                "kind": kind,
                "overdraft_limit_minor": overdraft,
                "currency": currency,
            })
        })
        .collect();
    let mut sql = String::from(
        "WITH locked AS MATERIALIZED (SELECT a.balance_minor = v.balance_minor \
         AND a.kind = v.kind AND a.overdraft_limit_minor = v.overdraft_limit_minor \
         AND a.currency = v.currency AS same FROM bank_account a \
         JOIN jsonb_to_recordset($1::jsonb) AS v(bank_id text, account_id text, ord bigint, \
         balance_minor bigint, kind text, overdraft_limit_minor bigint, currency text) \
         ON a.bank_id = v.bank_id AND a.account_id = v.account_id ORDER BY v.ord \
         FOR UPDATE OF a), \
         guard AS (SELECT COALESCE(bool_and(same), false) \
         AND count(*) = jsonb_array_length($1::jsonb) AS ok FROM locked)",
    );
    let mut values: Vec<sea_orm::Value> = vec![rows_param(rows)];
    for (i, statement) in writes.into_iter().enumerate() {
        let body = guarded_write(&renumber_placeholders(&statement.sql, values.len()))?;
        sql.push_str(&format!(", w{i} AS ({body})"));
        if let Some(v) = statement.values {
            values.extend(v.0);
        }
    }
    sql.push_str(&format!(" SELECT {GUARD_RESULT} FROM guard"));
    Some(Statement::from_sql_and_values(
        DbBackend::Postgres,
        sql,
        values,
    ))
}

/// A write of the ledger's own fixed shapes with the guard of [`combine_guarded`] as a
/// condition: `UPDATE ... WHERE <c>` becomes `... WHERE <c> AND (guard)`; `INSERT ... SELECT
/// ... FROM jsonb_to_recordset(...) AS x(...)` (no `WHERE` of its own) gets `WHERE (guard)`.
/// `None` for any other shape (conflict clauses, `RETURNING`, `VALUES` lists, `OR`,
/// sub-selects, ...).
fn guarded_write(sql: &str) -> Option<String> {
    const GUARD: &str = "(SELECT ok FROM guard)";
    let upper = sql.to_ascii_uppercase();
    if upper.contains(" RETURNING ") || upper.contains(" ON CONFLICT") || upper.contains(";") {
        return None;
    }
    // Appended text binds to the whole condition only without `OR` and sub-selects.
    if upper.contains(" OR ") || upper.contains("(SELECT") {
        return None;
    }
    if upper.starts_with("UPDATE ") && upper.matches(" WHERE ").count() == 1 {
        return Some(format!("{sql} AND {GUARD}"));
    }
    if upper.starts_with("INSERT INTO ")
        && upper.contains(") SELECT ")
        && upper.contains(" FROM JSONB_TO_RECORDSET(")
        && !upper.contains(" WHERE ")
        && sql.ends_with(')')
    {
        return Some(format!("{sql} WHERE {GUARD}"));
    }
    None
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
pub(super) fn placeholders(backend: DbBackend, sql: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::{
        apply_deltas, combine_guarded, guarded_write, placeholders, renumber_placeholders,
    };
    use obp_domain::ids::{AccountId, BankId};
    use obp_domain::ledger::AccountRef;
    use sea_orm::{DbBackend, Statement};

    fn acc(id: &str) -> AccountRef {
        AccountRef::new(BankId::parse("b").unwrap(), AccountId::parse(id).unwrap())
    }

    #[test]
    fn only_the_ledgers_own_write_shapes_take_the_guard() {
        let update = apply_deltas(DbBackend::Postgres, &[(acc("a"), -5)]);
        let guarded = guarded_write(&update.sql).unwrap();
        assert!(guarded.ends_with("AND (SELECT ok FROM guard)"), "{guarded}");
        let insert = "INSERT INTO \"t\" (\"id\") SELECT \"id\" FROM jsonb_to_recordset($1::jsonb) AS x(\"id\" text)";
        assert_eq!(
            guarded_write(insert).unwrap(),
            format!("{insert} WHERE (SELECT ok FROM guard)")
        );
        for other in [
            "INSERT INTO t (id) VALUES ($1)",
            "INSERT INTO t (id) SELECT id FROM jsonb_to_recordset($1::jsonb) AS x(id text) ON CONFLICT DO NOTHING",
            "UPDATE t SET a = 1 WHERE id = $1 RETURNING id",
            "UPDATE t SET a = 1",
            "DELETE FROM t WHERE id = $1",
            "INSERT INTO t (id) SELECT id FROM jsonb_to_recordset($1::jsonb) AS x(id text) WHERE id <> ''",
            "UPDATE t SET a = 1 WHERE id = $1 OR id = $2",
            "UPDATE t SET a = 1 WHERE id IN (SELECT id FROM u WHERE b = $1)",
        ] {
            assert_eq!(guarded_write(other), None, "{other}");
        }
    }

    #[test]
    fn a_guarded_batch_is_one_statement_whose_writes_wait_for_the_guard() {
        let expected = vec![
            (acc("a"), (10, "CURRENT".to_owned(), 0, "EUR".to_owned())),
            (acc("s"), (0, "SETTLEMENT".to_owned(), 0, "EUR".to_owned())),
        ];
        let writes = vec![
            apply_deltas(DbBackend::Postgres, &[(acc("a"), -5), (acc("s"), 5)]),
            Statement::from_sql_and_values(
                DbBackend::Postgres,
                "INSERT INTO \"t\" (\"id\") SELECT \"id\" FROM jsonb_to_recordset($1::jsonb) AS x(\"id\" text)",
                [sea_orm::Value::from("[]")],
            ),
        ];
        let s = combine_guarded(&expected, writes).unwrap();
        assert!(
            s.sql.starts_with("WITH locked AS MATERIALIZED ("),
            "{}",
            s.sql
        );
        assert!(
            s.sql.contains("ORDER BY v.ord FOR UPDATE OF a"),
            "{}",
            s.sql
        );
        // The update's own parameters follow the guard's one; the insert's follow those.
        assert!(s.sql.contains("w0 AS (UPDATE bank_account"), "{}", s.sql);
        assert!(s.sql.contains("jsonb_to_recordset($2::jsonb)"), "{}", s.sql);
        assert!(s.sql.contains("updated_at = $3"), "{}", s.sql);
        assert!(
            s.sql.contains(
                "jsonb_to_recordset($4::jsonb) AS x(\"id\" text) WHERE (SELECT ok FROM guard))"
            ),
            "{}",
            s.sql
        );
        assert_eq!(
            s.sql.matches("(SELECT ok FROM guard)").count(),
            2,
            "{}",
            s.sql
        );
        assert!(s.sql.ends_with(" SELECT ok FROM guard"), "{}", s.sql);
        assert_eq!(s.values.unwrap().0.len(), 4);
        let odd = vec![Statement::from_string(DbBackend::Postgres, "DELETE FROM t")];
        assert!(combine_guarded(&expected, odd).is_none());
    }

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
