//! The SQLite reader: hot reads on a SQLite file, run on the thread that asks for them.
//!
//! Why: sqlx's SQLite driver runs each connection on a worker thread of its own, so every
//! statement is a hand-off to that thread and back, and every return of a connection to the
//! pool is one more (sqlx pings it). On the transactions page those hand-offs (futex wakes,
//! channel sends) cost about as much CPU as SQLite's own work, 15–20 % of the request
//! (bench/README.md, issue #19). An indexed read takes SQLite tens of microseconds; here it
//! runs on the caller's thread through rusqlite, on the same `libsqlite3` as sqlx's driver.
//!
//! What it costs: a read blocks its thread while SQLite runs it (an HTTP worker serves no
//! other request meanwhile). That is why only the reader's statements come here: keyed reads
//! (views, grants, tokens, accounts, a page of transactions) that decide nothing written
//! after them (see [`crate::db::connect_reader`]); every write, and every read inside a
//! write's transaction, stays on the sqlx pool. A connection is taken from a small idle list
//! (a mutex held only to push or pop) and opened when none is free, so there are about as
//! many as threads reading at once; at most `keep` idle ones are kept.
//!
//! How rows reach the ORM: through sea-orm's proxy connection ([`ProxyDatabaseTrait`]), so
//! the read functions generic over `ConnectionTrait` run unchanged. sea-orm reads a proxy
//! row's values by their exact `sea_query::Value` variant, so each column is typed from its
//! declared SQLite type as the migrations write it ([`Kind::of`]; the schema test in
//! `connectors/tests/sqlite_reads.rs` checks every entity's column against it), and
//! parameters are bound as sqlx binds them ([`Param`]: a date as RFC 3339 text, a boolean as
//! 0 or 1), so the same statement finds the same rows on either path.
//!
//! One read bypasses the proxy: [`SqliteReads::read_rows`] hands each row to its caller,
//! which reads the columns by index and type itself (the transactions page,
//! `mapped::page::leg_of_row`), so the page's 50 rows are not turned into maps of names.
//!
//! What the reader does not do (keep such reads on the pool): transactions (`begin` on a
//! proxy connection is no transaction), streams (sea-orm's proxy has none), `count()` and
//! `paginate()` (sea-orm reads their computed count as `i32`; a computed integer here is an
//! `i64`), computed columns read as dates or booleans, and reading a row's columns by index
//! when it has more than one (a proxy row orders them by name). Dates stored as Julian-day
//! numbers are refused, which sqlx would read; the schema stores text.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDateTime, SecondsFormat, TimeZone, Utc};
use rusqlite::types::{ToSqlOutput, ValueRef};
use sea_orm::sea_query::Value;
use sea_orm::{
    DbErr, ProxyDatabaseTrait, ProxyExecResult, ProxyRow, RuntimeErr, Statement, Values,
};

/// What is told of every statement run (the store counts them, see
/// [`crate::store::Store::statements_run`]).
pub type Observer = Box<dyn Fn(&sea_orm::metric::Info<'_>) + Send + Sync>;

/// The reader's connections on one SQLite file (see the module docs). Cheap to clone: the
/// clones share the connections; [`SqliteReads::close`] closes them for every clone.
#[derive(Clone)]
pub struct SqliteReads(Arc<Shared>);

struct Shared {
    path: PathBuf,
    /// `PRAGMA cache_size` of each connection, in KiB.
    cache_kib: u32,
    /// Prepared statements each connection keeps (rusqlite's LRU).
    statement_cache: usize,
    /// Idle connections kept at most; more are closed when returned.
    keep: usize,
    /// Idle connections and when each was opened.
    idle: Mutex<Vec<(rusqlite::Connection, Instant)>>,
    closed: AtomicBool,
    observe: Option<Observer>,
}

impl std::fmt::Debug for SqliteReads {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteReads")
            .field("path", &self.0.path)
            .field("cache_kib", &self.0.cache_kib)
            .field("statement_cache", &self.0.statement_cache)
            .field("keep", &self.0.keep)
            .field("closed", &self.0.closed.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

impl SqliteReads {
    /// A connection older than this is closed when returned, as sqlx's pool retires its
    /// connections after 30 minutes (a file replaced under the server is then picked up).
    pub const MAX_CONNECTION_AGE: Duration = Duration::from_secs(30 * 60);

    /// Reads on the SQLite file at `path`, which must exist (the writer's pool creates it and
    /// turns on WAL). One connection is opened at once, so a bad path fails here.
    ///
    /// # Errors
    /// The file cannot be opened as a SQLite database.
    pub fn open(
        path: PathBuf,
        cache_kib: u32,
        statement_cache: usize,
        keep: usize,
        observe: Option<Observer>,
    ) -> Result<Self, DbErr> {
        let reads = Self(Arc::new(Shared {
            path,
            cache_kib,
            statement_cache,
            keep: keep.max(1),
            idle: Mutex::new(Vec::new()),
            closed: AtomicBool::new(false),
            observe,
        }));
        let first = reads.open_connection()?;
        reads.put_back(first);
        Ok(reads)
    }

    /// Closes the idle connections and refuses every read from now on (a read running now
    /// finishes, and its connection is closed when it returns).
    pub fn close(&self) {
        self.0.closed.store(true, Ordering::Release);
        let idle = std::mem::take(&mut *self.idle());
        drop(idle);
    }

    fn idle(&self) -> std::sync::MutexGuard<'_, Vec<(rusqlite::Connection, Instant)>> {
        self.0
            .idle
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A new connection: read-write at the file level but `query_only` (as the sqlx reader
    /// pool's were: a write is refused by SQLite itself, "attempt to write a readonly
    /// database"), never creating the file, with the pool's busy timeout and cache bounds.
    fn open_connection(&self) -> Result<(rusqlite::Connection, Instant), DbErr> {
        use rusqlite::OpenFlags;
        let conn = rusqlite::Connection::open_with_flags(
            &self.0.path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(conn_err)?;
        conn.execute_batch(&format!(
            "PRAGMA query_only = ON; PRAGMA busy_timeout = 5000; PRAGMA cache_size = -{};",
            self.0.cache_kib
        ))
        .map_err(conn_err)?;
        conn.set_prepared_statement_cache_capacity(self.0.statement_cache);
        Ok((conn, Instant::now()))
    }

    fn take(&self) -> Result<(rusqlite::Connection, Instant), DbErr> {
        if self.0.closed.load(Ordering::Acquire) {
            return Err(DbErr::Conn(RuntimeErr::Internal(
                "the SQLite reader is closed".to_owned(),
            )));
        }
        let idle = self.idle().pop();
        match idle {
            Some(conn) => Ok(conn),
            None => self.open_connection(),
        }
    }

    fn put_back(&self, conn: (rusqlite::Connection, Instant)) {
        if self.0.closed.load(Ordering::Acquire) || conn.1.elapsed() > Self::MAX_CONNECTION_AGE {
            return;
        }
        let surplus = {
            let mut idle = self.idle();
            if idle.len() < self.0.keep {
                idle.push(conn);
                None
            } else {
                Some(conn)
            }
        };
        // Closed outside the lock.
        drop(surplus);
    }

    /// Runs a read and hands each of its rows to `each`, which reads the columns by index:
    /// for a hot read whose caller decodes its rows itself, without the proxy rows of
    /// [`ProxyDatabaseTrait::query`] (a map of column names to values per row). The statement
    /// is counted as any other of the reader's.
    ///
    /// # Errors
    /// The reader is closed, the statement fails, or `each` fails (its error is returned).
    pub(crate) fn read_rows<T, E: From<DbErr>>(
        &self,
        statement: &Statement,
        mut each: impl FnMut(&rusqlite::Row<'_>) -> Result<T, E>,
    ) -> Result<Vec<T>, E> {
        self.run(statement, |conn| {
            let mut stmt = conn.prepare_cached(&statement.sql).map_err(query_err)?;
            let mut rows = stmt.query(params(statement)).map_err(query_err)?;
            let mut out = Vec::new();
            while let Some(row) = rows.next().map_err(query_err)? {
                out.push(each(row)?);
            }
            Ok(out)
        })
    }

    /// Runs `f` on a connection and tells the observer.
    fn run<T, E: From<DbErr>>(
        &self,
        statement: &Statement,
        f: impl FnOnce(&rusqlite::Connection) -> Result<T, E>,
    ) -> Result<T, E> {
        let started = Instant::now();
        let conn = self.take()?;
        let result = f(&conn.0);
        // A connection is sound after a failed statement (SQLite resets it), so it goes back.
        self.put_back(conn);
        if let Some(observe) = &self.0.observe {
            observe(&sea_orm::metric::Info {
                elapsed: started.elapsed(),
                statement,
                failed: result.is_err(),
            });
        }
        result
    }

    /// How many idle connections are kept now.
    pub fn idle_connections(&self) -> usize {
        self.idle().len()
    }
}

#[async_trait::async_trait]
impl ProxyDatabaseTrait for SqliteReads {
    async fn query(&self, statement: Statement) -> Result<Vec<ProxyRow>, DbErr> {
        self.run(&statement, |conn| query(conn, &statement))
    }

    async fn execute(&self, statement: Statement) -> Result<ProxyExecResult, DbErr> {
        self.run(&statement, |conn| {
            let mut stmt = conn.prepare_cached(&statement.sql).map_err(exec_err)?;
            let rows = stmt.execute(params(&statement)).map_err(exec_err)?;
            let last = conn.last_insert_rowid();
            Ok(ProxyExecResult::new(
                u64::try_from(last).unwrap_or(0),
                u64::try_from(rows).unwrap_or(0),
            ))
        })
    }

    async fn ping(&self) -> Result<(), DbErr> {
        let statement = Statement::from_string(sea_orm::DbBackend::Sqlite, "SELECT 1");
        self.run(&statement, |conn| {
            conn.query_row("SELECT 1", [], |_| Ok(()))
                .map_err(query_err)
        })
    }
}

/// Runs one query and types every value (see [`Kind`]).
fn query(conn: &rusqlite::Connection, statement: &Statement) -> Result<Vec<ProxyRow>, DbErr> {
    let mut stmt = conn.prepare_cached(&statement.sql).map_err(query_err)?;
    let columns: Vec<(String, Kind)> = stmt
        .columns()
        .iter()
        .map(|c| (c.name().to_owned(), Kind::of(c.decl_type())))
        .collect();
    let mut rows = stmt.query(params(statement)).map_err(query_err)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(query_err)? {
        let mut values = BTreeMap::new();
        for (i, (name, kind)) in columns.iter().enumerate() {
            let value = kind.read(row.get_ref(i).map_err(query_err)?, name)?;
            // Two columns of one name: the last wins, as in sqlx's map of names to columns.
            values.insert(name.clone(), value);
        }
        out.push(ProxyRow::new(values));
    }
    Ok(out)
}

fn params(statement: &Statement) -> rusqlite::ParamsFromIter<impl Iterator<Item = Param<'_>>> {
    let values: &[Value] = statement.values.as_ref().map_or(&[], |Values(v)| v);
    rusqlite::params_from_iter(values.iter().map(Param))
}

/// A statement's value bound as sea-orm's sqlx driver binds it on SQLite (sea-query-binder,
/// then sqlx's encoders): integers and booleans as integers, dates as RFC 3339 text with
/// `+00:00` (`SecondsFormat::AutoSi`), JSON as its text, a UUID as its 16 bytes; a `u64`
/// past `i64::MAX` is an error (sqlx's binder would panic).
struct Param<'a>(&'a Value);

impl rusqlite::ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        use rusqlite::types::Value as Owned;
        let int = |i: Option<i64>| i.map(Owned::Integer);
        let text = |t: Option<String>| t.map(Owned::Text);
        let value = match self.0 {
            Value::String(Some(s)) => {
                return Ok(ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())))
            }
            Value::Bytes(Some(b)) => return Ok(ToSqlOutput::Borrowed(ValueRef::Blob(b))),
            Value::String(None) | Value::Bytes(None) => None,
            Value::Bool(v) => int(v.map(i64::from)),
            Value::TinyInt(v) => int(v.map(i64::from)),
            Value::SmallInt(v) => int(v.map(i64::from)),
            Value::Int(v) => int(v.map(i64::from)),
            Value::BigInt(v) => int(*v),
            Value::TinyUnsigned(v) => int(v.map(i64::from)),
            Value::SmallUnsigned(v) => int(v.map(i64::from)),
            Value::Unsigned(v) => int(v.map(i64::from)),
            Value::BigUnsigned(v) => int(v
                .map(i64::try_from)
                .transpose()
                .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?),
            Value::Float(v) => v.map(|f| Owned::Real(f.into())),
            Value::Double(v) => v.map(Owned::Real),
            Value::Char(v) => text(v.map(|c| c.to_string())),
            Value::Json(v) => text(v.as_ref().map(|j| j.to_string())),
            Value::ChronoDate(v) => text(v.as_deref().map(|d| d.format("%F").to_string())),
            Value::ChronoTime(v) => text(v.as_deref().map(|t| t.format("%T%.f").to_string())),
            Value::ChronoDateTime(v) => {
                text(v.as_deref().map(|t| t.format("%F %T%.f").to_string()))
            }
            Value::ChronoDateTimeUtc(v) => text(
                v.as_deref()
                    .map(|t| t.to_rfc3339_opts(SecondsFormat::AutoSi, false)),
            ),
            Value::ChronoDateTimeLocal(v) => text(
                v.as_deref()
                    .map(|t| t.to_rfc3339_opts(SecondsFormat::AutoSi, false)),
            ),
            Value::ChronoDateTimeWithTimeZone(v) => text(
                v.as_deref()
                    .map(|t| t.to_rfc3339_opts(SecondsFormat::AutoSi, false)),
            ),
            Value::Uuid(v) => v.as_deref().map(|u| Owned::Blob(u.as_bytes().to_vec())),
            #[allow(unreachable_patterns)]
            other => {
                return Err(rusqlite::Error::ToSqlConversionFailure(
                    format!("a {other:?} cannot be bound on SQLite").into(),
                ))
            }
        };
        Ok(ToSqlOutput::Owned(value.unwrap_or(Owned::Null)))
    }
}

/// How a column's values are read: from its declared type, as sea-query's SQLite backend
/// writes each `ColumnType` in the migrations and as the entities read them (`String` from
/// `varchar`/`text`, `i32` from `integer`, `i64` from `bigint`, `bool` from `boolean`, a date
/// from `timestamp_with_timezone_text`, JSON from `json_text`); a computed column (no
/// declared type: `COUNT(*)`, `json_group_array(...)`) by what SQLite returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text.
    String,
    /// A 32-bit integer (`integer`, `int`, `smallint`, `tinyint`).
    Int,
    /// A 64-bit integer (`bigint`).
    BigInt,
    /// 0 or 1 (`boolean`).
    Bool,
    /// A floating-point number (`double`, `float`, `real`).
    Double,
    /// A date and time, read as sqlx reads it (RFC 3339 and SQLite's own text forms, Unix
    /// seconds, Julian days).
    DateTime,
    /// A JSON document stored as text.
    Json,
    /// Bytes (`blob`).
    Bytes,
    /// No declared type: as SQLite returns it (integer, real, text, blob).
    Computed,
}

impl Kind {
    /// The kind of a column declared `decl` (`None`: a computed column).
    pub fn of(decl: Option<&str>) -> Self {
        let Some(decl) = decl else {
            return Self::Computed;
        };
        let decl = decl.to_ascii_lowercase();
        let base = decl.split('(').next().unwrap_or("").trim();
        match base {
            "bigint" => Self::BigInt,
            "integer" | "int" | "smallint" | "tinyint" => Self::Int,
            "boolean" | "bool" => Self::Bool,
            "double" | "float" | "real" => Self::Double,
            "timestamp_with_timezone_text" | "timestamp_text" | "datetime_text" => Self::DateTime,
            "json_text" | "jsonb_text" => Self::Json,
            "blob" => Self::Bytes,
            _ => Self::String,
        }
    }

    /// The typed NULL of this kind (sea-orm takes any NULL as `None` for an `Option`, and a
    /// NULL where a value is required as an error).
    fn null(self) -> Value {
        match self {
            Self::String | Self::Computed => Value::String(None),
            Self::Int => Value::Int(None),
            Self::BigInt => Value::BigInt(None),
            Self::Bool => Value::Bool(None),
            Self::Double => Value::Double(None),
            Self::DateTime => Value::ChronoDateTimeUtc(None),
            Self::Json => Value::Json(None),
            Self::Bytes => Value::Bytes(None),
        }
    }

    /// Reads one value; a value of another storage class than the kind holds (text in an
    /// integer column) is an error, never a silent `None`.
    fn read(self, v: ValueRef<'_>, column: &str) -> Result<Value, DbErr> {
        let bad = || {
            DbErr::Type(format!(
                "column {column:?}: a {:?} cannot be read as {self:?}",
                v.data_type()
            ))
        };
        fn text<E>(t: &[u8], bad: impl Fn() -> E) -> Result<&str, E> {
            std::str::from_utf8(t).map_err(|_| bad())
        }
        Ok(match (self, v) {
            (_, ValueRef::Null) => self.null(),
            (Self::String | Self::Computed, ValueRef::Text(t)) => {
                Value::String(Some(Box::new(text(t, bad)?.to_owned())))
            }
            (Self::Int, ValueRef::Integer(i)) => {
                Value::Int(Some(i32::try_from(i).map_err(|_| bad())?))
            }
            (Self::BigInt | Self::Computed, ValueRef::Integer(i)) => Value::BigInt(Some(i)),
            (Self::Bool, ValueRef::Integer(i)) => Value::Bool(Some(i != 0)),
            (Self::Double | Self::Computed, ValueRef::Real(f)) => Value::Double(Some(f)),
            #[allow(clippy::cast_precision_loss)] // A REAL column given an integer: SQLite's own
            // conversion.
            (Self::Double, ValueRef::Integer(i)) => Value::Double(Some(i as f64)),
            (Self::DateTime, ValueRef::Text(t)) => {
                let t = decode_datetime_text(text(t, bad)?).ok_or_else(bad)?;
                Value::ChronoDateTimeUtc(Some(Box::new(t.with_timezone(&Utc))))
            }
            (Self::DateTime, ValueRef::Integer(i)) => {
                let t = Utc.timestamp_opt(i, 0).single().ok_or_else(bad)?;
                Value::ChronoDateTimeUtc(Some(Box::new(t)))
            }
            (Self::Json, ValueRef::Text(t)) => {
                let j: serde_json::Value = serde_json::from_slice(t).map_err(|_| bad())?;
                Value::Json(Some(Box::new(j)))
            }
            (Self::Bytes | Self::Computed, ValueRef::Blob(b)) => {
                Value::Bytes(Some(Box::new(b.to_vec())))
            }
            _ => return Err(bad()),
        })
    }
}

/// A date stored as text, in the forms sqlx's SQLite driver reads (RFC 3339 first, then
/// SQLite's date-and-time forms with or without `T`, seconds, fraction, `Z` or offset; no
/// offset is UTC).
fn decode_datetime_text(value: &str) -> Option<DateTime<FixedOffset>> {
    if let Ok(dt) = DateTime::parse_from_rfc3339(value) {
        return Some(dt);
    }
    const FORMATS: [&str; 12] = [
        "%F %T%.f",
        "%F %R",
        "%F %RZ",
        "%F %R%:z",
        "%F %T%.fZ",
        "%F %T%.f%:z",
        "%FT%R",
        "%FT%RZ",
        "%FT%R%:z",
        "%FT%T%.f",
        "%FT%T%.fZ",
        "%FT%T%.f%:z",
    ];
    FORMATS.iter().find_map(|f| {
        DateTime::parse_from_str(value, f).ok().or_else(|| {
            NaiveDateTime::parse_from_str(value, f)
                .ok()
                .and_then(|t| FixedOffset::east_opt(0).map(|utc| utc.from_utc_datetime(&t)))
        })
    })
}

fn conn_err(e: rusqlite::Error) -> DbErr {
    DbErr::Conn(RuntimeErr::Internal(e.to_string()))
}

fn query_err(e: rusqlite::Error) -> DbErr {
    DbErr::Query(RuntimeErr::Internal(e.to_string()))
}

fn exec_err(e: rusqlite::Error) -> DbErr {
    DbErr::Exec(RuntimeErr::Internal(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::{decode_datetime_text, Kind};
    use chrono::{TimeZone, Utc};

    #[test]
    fn declared_types_read_as_the_entities_expect() {
        assert_eq!(Kind::of(Some("varchar")), Kind::String);
        assert_eq!(Kind::of(Some("varchar(64)")), Kind::String);
        assert_eq!(Kind::of(Some("text")), Kind::String);
        assert_eq!(Kind::of(Some("INTEGER")), Kind::Int);
        assert_eq!(Kind::of(Some("bigint")), Kind::BigInt);
        assert_eq!(Kind::of(Some("boolean")), Kind::Bool);
        assert_eq!(Kind::of(Some("double")), Kind::Double);
        assert_eq!(
            Kind::of(Some("timestamp_with_timezone_text")),
            Kind::DateTime
        );
        assert_eq!(Kind::of(Some("json_text")), Kind::Json);
        assert_eq!(Kind::of(None), Kind::Computed);
    }

    #[test]
    fn stored_dates_read_in_every_form_sqlx_reads() {
        let want = Utc.with_ymd_and_hms(2026, 12, 5, 13, 4, 5).unwrap();
        for s in [
            "2026-12-05T13:04:05+00:00",
            "2026-12-05T13:04:05Z",
            "2026-12-05 13:04:05",
            "2026-12-05 13:04:05.000",
            "2026-12-05T13:04:05",
            "2026-12-05T14:04:05+01:00",
        ] {
            let got = decode_datetime_text(s).unwrap_or_else(|| panic!("{s}"));
            assert_eq!(got.with_timezone(&Utc), want, "{s}");
        }
        assert!(decode_datetime_text("5 Dec 2026").is_none());
    }
}
