//! Opening the database and telling backends apart.

use std::time::Duration;

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr};

/// Settings for the database pool.
#[derive(Debug, Clone)]
pub struct DbSettings {
    /// `sqlite://path?mode=rwc` or `postgres://...`.
    pub url: String,
    /// Maximum pooled connections.
    pub max_connections: u32,
    /// How long to wait for a free connection.
    pub acquire_timeout: Duration,
    /// Ping a pooled connection before handing it out. Off, a query saves a round trip, and
    /// a connection broken by a database restart fails the one query that uses it (and is
    /// then dropped from the pool).
    pub test_before_acquire: bool,
    /// Prepared statements each connection keeps (an LRU; 0 prepares every statement anew).
    /// The cache is per connection, so its memory grows with the pool size.
    pub statement_cache_capacity: usize,
    /// SQLite only: the page cache of each connection, in KiB (`PRAGMA cache_size=-N`).
    pub sqlite_cache_kib: u32,
    /// SQLite files only: the idle connections the reader keeps (it serves the hot reads on
    /// the calling thread and opens a connection when every kept one is in use; 0: no
    /// reader, every statement goes through the one pool). See [`connect_reader`].
    pub read_connections: u32,
}

impl DbSettings {
    /// SQLite's own page cache size per connection (2,000 KiB).
    pub const DEFAULT_SQLITE_CACHE_KIB: u32 = 2000;
    /// sqlx's own statement cache size per connection.
    pub const DEFAULT_STATEMENT_CACHE_CAPACITY: usize = 100;

    /// The pool size when none is configured: 16 on PostgreSQL; on SQLite one more than the
    /// cores, between 2 and 8.
    ///
    /// Why: SQLite runs one writer at a time and each connection is a thread of its own
    /// (the driver's worker) with its own page and statement caches. At 32 concurrent
    /// transfers on 2 cores a pool of 4 booked 2,000–2,350 transfers/s at 56–64 MiB peak,
    /// a pool of 32 1,670–1,790 at 137–156 MiB (bench/README.md, issue #19): more
    /// connections than cores only add lock waits, thread hand-offs and memory. Once the hot
    /// reads moved to the reader, a pool of 3 booked as many transfers as one of 4
    /// (1,878–1,989/s against 1,731–1,958) at a 60.7–60.9 MiB peak against 62.0–65.3.
    pub fn default_max_connections(url: &str) -> u32 {
        match sqlite_target(url) {
            SqliteTarget::NotSqlite => 16,
            SqliteTarget::File(_) | SqliteTarget::Memory => {
                let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
                u32::try_from(cores.saturating_add(1).clamp(2, 8)).unwrap_or(8)
            }
        }
    }

    /// The reader's idle connections when none is configured: on a SQLite file twice the
    /// cores, at least 4; elsewhere none (0: reads share the one pool).
    ///
    /// Why: on SQLite, reads and writes want different connections. A read runs beside the
    /// one writer (WAL), while writes only wait longer for SQLite's one write lock, and grow
    /// memory, in a pool beyond the cores (bench/README.md, issue #19). The reader runs a read
    /// on the thread that asks, so it uses about one connection per thread reading at once
    /// (the HTTP workers, one per core by default); this bounds only how many it keeps idle,
    /// and a bound below the threads reading would open and close a connection per read.
    /// An in-memory database cannot be shared by two connections' owners, and PostgreSQL
    /// needs no split.
    pub fn default_read_connections(url: &str) -> u32 {
        match sqlite_target(url) {
            SqliteTarget::File(_) => {
                let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
                u32::try_from(cores.saturating_mul(2).max(4)).unwrap_or(u32::MAX)
            }
            SqliteTarget::Memory | SqliteTarget::NotSqlite => 0,
        }
    }

    /// Settings for `url` with the given pool size and the defaults otherwise (no reader
    /// pool).
    pub fn new(url: impl Into<String>, max_connections: u32) -> Self {
        Self {
            url: url.into(),
            max_connections,
            acquire_timeout: Duration::from_secs(10),
            test_before_acquire: false,
            statement_cache_capacity: Self::DEFAULT_STATEMENT_CACHE_CAPACITY,
            sqlite_cache_kib: Self::DEFAULT_SQLITE_CACHE_KIB,
            read_connections: 0,
        }
    }
}

/// Opens the pool. SQLite files are created when missing, readable and writable by their
/// owner only (0600; SQLite gives its `-wal` and `-shm` files the same mode); every SQLite
/// connection runs in WAL mode with a busy timeout so readers do not block the single writer.
///
/// # Errors
/// Fails when the URL is invalid, the SQLite file cannot be created or the database cannot
/// be reached.
pub async fn connect(settings: &DbSettings) -> Result<DatabaseConnection, DbErr> {
    if let SqliteTarget::File(path) = sqlite_target(&settings.url) {
        create_private_file(&path)
            .map_err(|e| DbErr::Custom(format!("cannot create {}: {e}", path.display())))?;
    }
    Database::connect(options(settings, settings.max_connections)).await
}

/// Opens the reader beside [`connect`]'s pool: on a SQLite file, connections that run each
/// read on the calling thread ([`crate::sqlite_reads`]), each refusing writes
/// (`PRAGMA query_only`), at most `read_connections` of them kept idle; `None` when the
/// settings ask for none or the database is not a SQLite file.
///
/// Why a reader of its own: see [`DbSettings::default_read_connections`] and
/// [`crate::sqlite_reads`]. What makes it safe: every statement on the reader is a read in
/// its own (autocommit) transaction, and SQLite in WAL mode starts each read at the latest
/// commit, so a read that follows a write on this instance sees it, as on the one pool.
/// Reads that decide a write (a balance check, an existence check before an insert) stay on
/// the writer's transaction; the reader has no transactions (`begin` on it is not one).
///
/// # Errors
/// As [`connect`]; open the writer's pool first (it creates the file and turns on WAL).
pub async fn connect_reader(settings: &DbSettings) -> Result<Option<DatabaseConnection>, DbErr> {
    Ok(connect_reader_observed(settings, None)
        .await?
        .map(|(connection, _)| connection))
}

/// [`connect_reader`], telling `observe` of every statement the reader runs (sea-orm's
/// metric callback does not reach a proxy connection), and with the reader's handle, whose
/// [`crate::sqlite_reads::SqliteReads::close`] closes its connections (sea-orm's `close` on a
/// proxy connection does nothing).
///
/// # Errors
/// As [`connect_reader`].
pub async fn connect_reader_observed(
    settings: &DbSettings,
    observe: Option<crate::sqlite_reads::Observer>,
) -> Result<Option<(DatabaseConnection, crate::sqlite_reads::SqliteReads)>, DbErr> {
    let SqliteTarget::File(path) = sqlite_target(&settings.url) else {
        return Ok(None);
    };
    if settings.read_connections == 0 {
        return Ok(None);
    }
    let reads = crate::sqlite_reads::SqliteReads::open(
        path,
        settings.sqlite_cache_kib,
        settings.statement_cache_capacity,
        usize::try_from(settings.read_connections).unwrap_or(usize::MAX),
        observe,
    )?;
    let proxy: Box<dyn sea_orm::ProxyDatabaseTrait> = Box::new(reads.clone());
    let connection =
        Database::connect_proxy(sea_orm::DbBackend::Sqlite, std::sync::Arc::new(proxy)).await?;
    Ok(Some((connection, reads)))
}

/// The pool options.
fn options(settings: &DbSettings, size: u32) -> ConnectOptions {
    let url = normalise_url(&settings.url);
    let is_sqlite = url.starts_with("sqlite:");
    let mut opts = ConnectOptions::new(url);
    opts.max_connections(size)
        .min_connections(if is_sqlite { 1 } else { 0 })
        .acquire_timeout(settings.acquire_timeout)
        .connect_timeout(settings.acquire_timeout)
        .test_before_acquire(settings.test_before_acquire)
        .sqlx_logging(false);
    if is_sqlite {
        // Per connection (a PRAGMA run once reaches only the connection that ran it): WAL lets
        // readers proceed while one writer commits; the busy timeout makes a writer wait for
        // the lock instead of failing at once; foreign keys are enforced; every commit is
        // synced (`synchronous=FULL`, durable across a power loss, as PostgreSQL's default).
        // The page and statement caches are per connection, so memory under load is the
        // pool size times their bounds.
        let statements = settings.statement_cache_capacity;
        let cache = format!("-{}", settings.sqlite_cache_kib);
        opts.map_sqlx_sqlite_opts(move |o| {
            o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .busy_timeout(Duration::from_secs(5))
                .foreign_keys(true)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Full)
                .statement_cache_capacity(statements)
                .pragma("cache_size", cache.clone())
        });
    } else {
        let statements = settings.statement_cache_capacity;
        opts.map_sqlx_postgres_opts(move |o| o.statement_cache_capacity(statements));
    }
    opts
}

/// Accepts `sqlite:./obp.db`, `sqlite://obp.db` or a bare path ending in `.db`, and makes
/// SQLite create the file when it is missing.
pub fn normalise_url(url: &str) -> String {
    let url = url.trim();
    let sqlite_path = if let Some(rest) = url.strip_prefix("sqlite://") {
        Some(rest)
    } else if let Some(rest) = url.strip_prefix("sqlite:") {
        Some(rest)
    } else if !url.contains("://") {
        Some(url)
    } else {
        None
    };
    match sqlite_path {
        Some(":memory:") => "sqlite::memory:".to_owned(),
        Some(path) if path.contains("mode=") => format!("sqlite://{path}"),
        Some(path) if path.contains('?') => format!("sqlite://{path}&mode=rwc"),
        Some(path) => format!("sqlite://{path}?mode=rwc"),
        None => url.to_owned(),
    }
}

/// Where a database URL points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SqliteTarget {
    /// A SQLite file.
    File(std::path::PathBuf),
    /// An in-memory SQLite database.
    Memory,
    /// Not SQLite (PostgreSQL).
    NotSqlite,
}

/// Where a database URL points (as [`normalise_url`] reads it).
pub fn sqlite_target(url: &str) -> SqliteTarget {
    let normalised = normalise_url(url);
    let Some(rest) = normalised.strip_prefix("sqlite:") else {
        return SqliteTarget::NotSqlite;
    };
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path.is_empty() || path == ":memory:" || query.split('&').any(|kv| kv == "mode=memory") {
        return SqliteTarget::Memory;
    }
    // The file as the driver opens it (percent-decoded), so the reader and
    // `create_private_file` name the same file as the writer's pool.
    let file =
        <sea_orm::sqlx::sqlite::SqliteConnectOptions as std::str::FromStr>::from_str(&normalised)
            .map(|o| o.get_filename().to_path_buf())
            .unwrap_or_else(|_| std::path::PathBuf::from(path));
    SqliteTarget::File(file)
}

/// Creates `path` empty with mode 0600 unless it exists (an existing file keeps its mode).
///
/// # Errors
/// The file cannot be created.
pub fn create_private_file(path: &std::path::Path) -> std::io::Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    match opts.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Checks the database answers a trivial query.
///
/// # Errors
/// Fails when the database does not answer.
pub async fn ping(db: &DatabaseConnection) -> Result<(), DbErr> {
    db.execute_unprepared("SELECT 1").await.map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::normalise_url;

    #[test]
    fn sqlite_pools_follow_the_cores_and_postgresql_keeps_sixteen() {
        use super::DbSettings;
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let sqlite = DbSettings::default_max_connections("sqlite:./obp.db");
        assert_eq!(sqlite as usize, (cores + 1).clamp(2, 8));
        assert_eq!(
            DbSettings::default_max_connections("sqlite::memory:"),
            sqlite
        );
        assert_eq!(
            DbSettings::default_max_connections("postgres://u@h:5432/db"),
            16
        );
    }

    #[test]
    fn sqlite_targets_are_told_apart() {
        use super::{sqlite_target, SqliteTarget};
        use std::path::PathBuf;
        assert_eq!(
            sqlite_target("sqlite:./obp.db"),
            SqliteTarget::File(PathBuf::from("./obp.db"))
        );
        assert_eq!(
            sqlite_target("sqlite:///tmp/x.db?mode=rwc"),
            SqliteTarget::File(PathBuf::from("/tmp/x.db"))
        );
        // Percent-decoded, as the driver opens it (the reader opens the same file).
        assert_eq!(
            sqlite_target("sqlite:/tmp/a%20b.db"),
            SqliteTarget::File(PathBuf::from("/tmp/a b.db"))
        );
        assert_eq!(sqlite_target("sqlite::memory:"), SqliteTarget::Memory);
        assert_eq!(
            sqlite_target("sqlite://a.db?mode=memory&cache=shared"),
            SqliteTarget::Memory
        );
        assert_eq!(sqlite_target("postgres://u@h/db"), SqliteTarget::NotSqlite);
    }

    #[test]
    fn sqlite_urls_get_create_mode() {
        assert_eq!(
            normalise_url("sqlite:./obp.db"),
            "sqlite://./obp.db?mode=rwc"
        );
        assert_eq!(normalise_url("sqlite://obp.db"), "sqlite://obp.db?mode=rwc");
        assert_eq!(normalise_url("./x.db"), "sqlite://./x.db?mode=rwc");
        assert_eq!(normalise_url("sqlite::memory:"), "sqlite::memory:");
        assert_eq!(
            normalise_url("sqlite://a.db?mode=ro"),
            "sqlite://a.db?mode=ro"
        );
        assert_eq!(normalise_url("postgres://u@h/db"), "postgres://u@h/db");
    }
}
