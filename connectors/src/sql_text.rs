//! Statement text built once per backend, for the hottest reads, and id lists bound as ONE
//! value.
//!
//! Why: the ORM builds a statement's text anew on every call. For the transactions page and
//! its two side reads (the page's attributes and metadata) that was 8 % of the server's CPU
//! per page (issue #19's profile, bench/README.md), and a side read's 50-id `IN` list added
//! 50 bound values per statement on top.
//!
//! How: every varying part of these statements is a bound value (ids, dates, limit, offset,
//! and a list of ids as one JSON array of strings, [`in_json_array`]), so their text depends
//! only on the backend. [`Text`] keeps what the ORM built the first time and each call binds
//! its values, in the order the ORM puts them. Each user has a unit test that builds the
//! statement with the ORM from real values and checks the cached text and the hand-bound
//! values against it, on both backends, so the two cannot drift apart.

use std::convert::Infallible;
use std::sync::OnceLock;

use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{DbBackend, IdenStatic, Statement, Value, Values};

/// A statement's text, built by the ORM once per backend (see the module documentation).
#[derive(Debug)]
pub(crate) struct Text {
    sqlite: OnceLock<String>,
    postgres: OnceLock<String>,
}

impl Text {
    pub(crate) const fn new() -> Self {
        Self {
            sqlite: OnceLock::new(),
            postgres: OnceLock::new(),
        }
    }

    /// The statement for `backend` with `values`. `build` is the ORM's statement for the same
    /// backend; it runs on the first call for a backend (and on every call for a backend the
    /// server never connects to, which is not cached).
    ///
    /// # Errors
    /// What `build` returns.
    pub(crate) fn statement<E>(
        &self,
        backend: DbBackend,
        build: impl FnOnce() -> Result<Statement, E>,
        values: Vec<Value>,
    ) -> Result<Statement, E> {
        let cell = match backend {
            DbBackend::Sqlite => &self.sqlite,
            DbBackend::Postgres => &self.postgres,
            _ => return Ok(with_values(build()?.sql, backend, values)),
        };
        let sql = match cell.get() {
            Some(sql) => sql.clone(),
            None => {
                let built = build()?.sql;
                cell.get_or_init(|| built).clone()
            }
        };
        Ok(with_values(sql, backend, values))
    }

    /// [`Text::statement`] for a `build` that cannot fail.
    pub(crate) fn bind(
        &self,
        backend: DbBackend,
        build: impl FnOnce() -> Statement,
        values: Vec<Value>,
    ) -> Statement {
        match self.statement(backend, || Ok::<_, Infallible>(build()), values) {
            Ok(s) => s,
            Err(never) => match never {},
        }
    }
}

fn with_values(sql: String, backend: DbBackend, values: Vec<Value>) -> Statement {
    Statement {
        sql,
        values: Some(Values(values)),
        db_backend: backend,
    }
}

/// `column IN (the elements of one bound JSON array of strings)`: one value whatever the
/// number of ids, so the statement's text does not depend on it.
pub(crate) fn in_json_array(
    backend: DbBackend,
    column: impl IdenStatic,
    ids: &[String],
) -> SimpleExpr {
    let column = column.as_str();
    let sql = match backend {
        DbBackend::Postgres => {
            format!("\"{column}\" IN (SELECT json_array_elements_text(CAST($1 AS json)))")
        }
        _ => format!("\"{column}\" IN (SELECT value FROM json_each(?))"),
    };
    Expr::cust_with_values(sql, [json_list(ids)])
}

/// The bound value of [`in_json_array`]. (Serialising strings cannot fail: `serde_json` fails
/// only on maps with non-string keys and on `Serialize` implementations that fail.)
pub(crate) fn json_list(ids: &[String]) -> Value {
    Value::String(Some(Box::new(
        serde_json::to_string(ids).unwrap_or_else(|_| "[]".to_owned()),
    )))
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use sea_orm::sea_query::{Alias, Query};

    use super::*;

    #[derive(Clone, Copy, Debug, sea_orm::DeriveIden)]
    enum T {
        #[sea_orm(iden = "tid")]
        Tid,
    }

    impl IdenStatic for T {
        fn as_str(&self) -> &'static str {
            "tid"
        }
    }

    fn select(backend: DbBackend, ids: &[String]) -> Statement {
        let q = Query::select()
            .column(T::Tid)
            .from(Alias::new("t"))
            .and_where(Expr::col(Alias::new("a")).eq("x"))
            .and_where(in_json_array(backend, T::Tid, ids))
            .to_owned();
        backend.build(&q)
    }

    /// One bound value whatever the number of ids, numbered after the values before it.
    #[test]
    fn in_json_array_binds_one_json_value() {
        let ids = vec!["a\"1".to_owned(), "b".to_owned()];
        let s = select(DbBackend::Sqlite, &ids);
        assert_eq!(
            s.sql,
            r#"SELECT "tid" FROM "t" WHERE "a" = ? AND ("tid" IN (SELECT value FROM json_each(?)))"#
        );
        let p = select(DbBackend::Postgres, &ids);
        assert_eq!(
            p.sql,
            r#"SELECT "tid" FROM "t" WHERE "a" = $1 AND ("tid" IN (SELECT json_array_elements_text(CAST($2 AS json))))"#
        );
        let expected = Some(Values(vec!["x".into(), r#"["a\"1","b"]"#.into()]));
        assert_eq!(s.values, expected);
        assert_eq!(p.values, expected);
        assert_eq!(
            select(DbBackend::Sqlite, &[]).values,
            Some(Values(vec!["x".into(), "[]".into()]))
        );
    }

    /// The ORM builds the text once per backend; every call binds its own values.
    #[test]
    fn text_is_built_once_per_backend() {
        let text = Text::new();
        let builds = Cell::new(0);
        for backend in [DbBackend::Sqlite, DbBackend::Postgres, DbBackend::Sqlite] {
            for id in ["1", "2"] {
                let ids = [id.to_owned()];
                let s = text.bind(
                    backend,
                    || {
                        builds.set(builds.get() + 1);
                        select(backend, &ids)
                    },
                    vec!["x".into(), json_list(&ids)],
                );
                assert_eq!(s, select(backend, &ids));
            }
        }
        assert_eq!(builds.get(), 2);
    }
}
