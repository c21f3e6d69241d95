//! Opening the database and telling backends apart.

use std::time::Duration;

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};

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
}

/// Opens the pool. SQLite files are created when missing; SQLite runs in WAL mode with a
/// busy timeout so readers do not block the single writer.
///
/// # Errors
/// Fails when the URL is invalid or the database cannot be reached.
pub async fn connect(settings: &DbSettings) -> Result<DatabaseConnection, DbErr> {
    let url = normalise_url(&settings.url);
    let is_sqlite = url.starts_with("sqlite:");
    let mut opts = ConnectOptions::new(url);
    opts.max_connections(settings.max_connections)
        .min_connections(if is_sqlite { 1 } else { 0 })
        .acquire_timeout(settings.acquire_timeout)
        .connect_timeout(settings.acquire_timeout)
        .test_before_acquire(settings.test_before_acquire)
        .sqlx_logging(false);
    let db = Database::connect(opts).await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        // WAL lets readers proceed while one writer commits; the busy timeout makes a writer
        // wait for the lock instead of failing at once.
        db.execute_unprepared("PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;")
            .await?;
    }
    Ok(db)
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
