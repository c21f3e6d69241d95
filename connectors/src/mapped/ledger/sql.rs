//! The ledger's write statements and how several of them travel in one round trip.

use chrono::Utc;
use obp_domain::ledger::AccountRef;
use sea_orm::{ConnectionTrait, DatabaseTransaction, DbBackend, Statement};

use super::bulk::rows_param;
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
