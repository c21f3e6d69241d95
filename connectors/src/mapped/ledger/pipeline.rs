//! A PostgreSQL connection of the ledger's batch writer on which a batch's statements are
//! pipelined.
//!
//! Booking a batch takes four statements: `BEGIN`, the locking read, the write (balances,
//! legs, records, requests as one statement) and `COMMIT`. Through the pool (sqlx) each is
//! a round trip of its own, and the batch holds its row locks across all of them. Here the
//! writer sends `BEGIN` together with the locking read, decides the batch in memory, then
//! sends the write together with `COMMIT`: two round trips per batch. A batch settled from
//! remembered accounts (see [`super::memo`]) is one guarded statement outside any
//! transaction block ([`PgPipeline::single`]): one round trip.
//!
//! Why pipelining the write with `COMMIT` is safe: PostgreSQL runs the `COMMIT` only after
//! the write; if the write fails the transaction is aborted and that `COMMIT` ends it as a
//! `ROLLBACK`, so nothing of the batch is kept and the write's error is reported. One case
//! stays in doubt, as with any database client: the connection lost after the `COMMIT` was
//! sent and before its answer came; the batcher then looks the batch's requests up before it
//! books anything again.
//!
//! Any failure of the connection itself (an error from the server, a round trip longer than
//! [`ROUND_TRIP_TIMEOUT`]) drops it — the server rolls back whatever it had open — together with
//! its prepared statements; the next batch opens a new one. The connection's
//! `statement_timeout` ([`STATEMENT_TIMEOUT`], shorter) makes the database cancel a statement
//! still waiting for row locks before the writer gives up on it, so that a dropped one-statement
//! batch cannot commit afterwards.
//!
//! The connection is made from the same URL as the pool. TLS follows its `sslmode` the way
//! the pool (sqlx, like libpq) does: `disable` never, `prefer` (the default) when the server
//! offers it, `require` always — encryption without certificate verification in both, as the
//! pool does in those modes. The writer stays on the pool whenever its connection could differ
//! from the pool's: a URL `tokio-postgres` cannot read (`sslmode=verify-ca` or `verify-full`,
//! `sslrootcert`, driver-specific options), a URL without a user, or any of the `PG*`
//! environment variables the pool would read (e.g. `PGSSLMODE`, `PGOPTIONS`, `PGPASSWORD`).
//! So does a connection that cannot be made (tried again after [`RECONNECT_AFTER`]).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use sea_orm::sea_query::Value;
use sea_orm::Statement;
use tokio_postgres::types::{ToSql, Type};
use tokio_postgres::{Client, Row};
use tokio_postgres_rustls::MakeRustlsConnect;

pub(crate) use super::memo::BalanceMemo;
use super::plan::BatchFailure;
use crate::error::ConnectorError;

/// How long a writer whose connection could not be made books through the pool before it
/// tries to connect again.
pub(crate) const RECONNECT_AFTER: Duration = Duration::from_secs(5);

/// Longest wait for the connection to open, unless the URL sets `connect_timeout`.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Longest wait for one of a batch's round trips (it may wait on row locks other
/// transactions hold); past it the connection is dropped and the server rolls back.
pub(crate) const ROUND_TRIP_TIMEOUT: Duration = Duration::from_secs(30);

/// The writer connection's `statement_timeout` (unless its URL sets one), below
/// [`ROUND_TRIP_TIMEOUT`]: a statement still waiting for row locks when the writer gives up
/// on it has been cancelled by the database already. Without it, the one-statement batch of
/// [`PgPipeline::single`] (its own transaction) could go on waiting after the connection was
/// dropped and commit once it got its locks, leaving the outcome in doubt.
const STATEMENT_TIMEOUT: Duration = Duration::from_secs(25);

/// The environment variables sqlx reads for a PostgreSQL connection; with any of them set the
/// pool's connection may differ from what the URL alone says, so the writer uses the pool.
const POOL_ENVIRONMENT: [&str; 12] = [
    "PGHOST",
    "PGHOSTADDR",
    "PGPORT",
    "PGUSER",
    "PGPASSWORD",
    "PGPASSFILE",
    "PGDATABASE",
    "PGSSLMODE",
    "PGSSLROOTCERT",
    "PGSSLCERT",
    "PGSSLKEY",
    "PGOPTIONS",
];

/// The connection's `application_name` unless the URL sets one.
pub const APPLICATION_NAME: &str = "obp-ledger-writer";

/// Prepared statements kept per connection; the writer's statements have a fixed shape, so
/// a handful is all it ever needs (beyond this the cache starts over).
const STATEMENT_CACHE: usize = 32;

/// The writer's own connection, opened on first use and again after it was lost.
pub(crate) struct PgPipeline {
    config: tokio_postgres::Config,
    tls: MakeRustlsConnect,
    client: Option<Client>,
    /// The task driving the connection's socket; aborted to drop a connection at once.
    driver: Option<tokio::task::JoinHandle<()>>,
    statements: HashMap<String, tokio_postgres::Statement>,
    retry_at: Option<Instant>,
    /// The accounts the writers booked, as their batches leave them (see [`super::memo`]);
    /// `None`: every batch reads its accounts first.
    pub(super) memo: Option<BalanceMemo>,
    /// Batches booked in one round trip from the memo, and memo checks that failed, since
    /// [`Self::take_counts`] was last called.
    pub(super) counts: MemoCounts,
}

/// How the writer's memo served its batches (see [`PgPipeline::take_counts`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct MemoCounts {
    /// Batches booked in one statement from remembered accounts.
    pub single: u64,
    /// Batches whose remembered accounts had changed (booked again the ordinary way).
    pub stale: u64,
}

impl std::fmt::Debug for PgPipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgPipeline")
            .field("connected", &self.client.is_some())
            .finish_non_exhaustive()
    }
}

impl PgPipeline {
    /// A writer connection for `url` (not opened yet).
    ///
    /// # Errors
    /// Why the URL cannot be used here (the writer then books through the pool).
    pub(crate) fn new(url: &str) -> Result<Self, String> {
        Self::with_environment(url, |name| std::env::var_os(name).is_some())
    }

    /// [`Self::new`] with `is_set` telling which environment variables are set.
    fn with_environment(url: &str, is_set: impl Fn(&str) -> bool) -> Result<Self, String> {
        if let Some(name) = POOL_ENVIRONMENT.iter().find(|n| is_set(n)) {
            return Err(format!("{name} is set in the environment"));
        }
        let mut config: tokio_postgres::Config = url.trim().parse().map_err(|e| format!("{e}"))?;
        if config.get_user().is_none() {
            return Err("the URL names no user".to_owned());
        }
        if config.get_application_name().is_none() {
            // So that operators can tell it apart in `pg_stat_activity`.
            config.application_name(APPLICATION_NAME);
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        // A peer that vanished is noticed within a minute, not after the kernel's hours.
        config.keepalives_idle(Duration::from_secs(30));
        let options = config.get_options().unwrap_or_default().to_owned();
        if !options.contains("statement_timeout") {
            let timeout = STATEMENT_TIMEOUT.as_millis();
            config.options(format!("{options} -c statement_timeout={timeout}").trim());
        }
        Ok(Self {
            config,
            tls: MakeRustlsConnect::new(tls_config()?),
            client: None,
            driver: None,
            statements: HashMap::new(),
            retry_at: None,
            memo: None,
            counts: MemoCounts::default(),
        })
    }

    /// This writer booking batches of accounts remembered in `memo` in one statement
    /// (shared by the batcher's writers); `None` (the default): always read first.
    pub(crate) fn remembering(mut self, memo: Option<BalanceMemo>) -> Self {
        self.memo = memo;
        self
    }

    /// The memo's counts since the last call, reset.
    pub(crate) fn take_counts(&mut self) -> MemoCounts {
        std::mem::take(&mut self.counts)
    }

    /// Whether the connection is open, opening it when needed (at most once per
    /// [`RECONNECT_AFTER`] after a failure).
    pub(crate) async fn ready(&mut self) -> bool {
        if self.client.as_ref().is_some_and(|c| !c.is_closed()) {
            return true;
        }
        self.forget_connection();
        if self.retry_at.is_some_and(|at| Instant::now() < at) {
            return false;
        }
        match self.config.connect(self.tls.clone()).await {
            Ok((client, connection)) => {
                self.driver = Some(tokio::spawn(async move {
                    if let Err(e) = connection.await {
                        tracing::warn!(error = %e, "the ledger writer's connection ended");
                    }
                }));
                self.client = Some(client);
                self.retry_at = None;
                true
            }
            Err(e) => {
                tracing::warn!(
                    error = %e,
                    retry_in_secs = RECONNECT_AFTER.as_secs(),
                    "the ledger writer cannot open its own connection; booking through the pool"
                );
                self.retry_at = Some(Instant::now() + RECONNECT_AFTER);
                false
            }
        }
    }

    /// Drops the connection at once (its socket closes, so the server rolls back whatever
    /// was open on it) and the statements prepared on it.
    fn forget_connection(&mut self) {
        self.client = None;
        if let Some(driver) = self.driver.take() {
            driver.abort();
        }
        self.statements.clear();
    }

    /// Drops the connection after it failed, and says why.
    fn failed(&mut self, why: impl Into<ConnectorError>) -> BatchFailure {
        self.forget_connection();
        BatchFailure::whole(why)
    }

    fn client(&self) -> Result<&Client, BatchFailure> {
        self.client
            .as_ref()
            .ok_or_else(|| BatchFailure::whole(ConnectorError::backend(NotConnected)))
    }

    /// The statement prepared on this connection (a round trip the first time only).
    async fn prepared(&mut self, sql: &str) -> Result<tokio_postgres::Statement, BatchFailure> {
        if let Some(statement) = self.statements.get(sql) {
            return Ok(statement.clone());
        }
        let prepared = within(self.client()?.prepare(sql)).await;
        let statement = match prepared {
            Ok(statement) => statement,
            Err(e) => return Err(self.failed(e)),
        };
        if self.statements.len() >= STATEMENT_CACHE {
            self.statements.clear();
        }
        self.statements.insert(sql.to_owned(), statement.clone());
        Ok(statement)
    }

    /// Runs one write transaction in two round trips: `BEGIN` with `lock` (a query), then
    /// `settle`'s statement (the caller's writes combined into one) with `COMMIT`.
    ///
    /// When `settle` fails (a transfer's own fault) the transaction is rolled back and the
    /// connection kept. When the connection fails — an error from the server or the driver,
    /// a round trip past [`ROUND_TRIP_TIMEOUT`] — it is dropped and the server rolls back;
    /// only a failure of the last round trip leaves the outcome in doubt (see the module).
    pub(crate) async fn transaction<T>(
        &mut self,
        lock: Statement,
        settle: impl FnOnce(Vec<Row>) -> Result<(T, Option<Statement>), BatchFailure>,
    ) -> Result<T, BatchFailure> {
        let locking = self.prepared(&lock.sql).await?;
        let lock_params = params(&lock, locking.params())?;
        let lock_refs = as_refs(&lock_params);
        let client = self.client()?;
        let read = within(async {
            let (begun, rows) = tokio::join!(
                client.batch_execute("BEGIN"),
                client.query(&locking, &lock_refs)
            );
            begun?;
            rows
        })
        .await;
        let rows = match read {
            Ok(rows) => rows,
            Err(e) => return Err(self.failed(e)),
        };
        let (value, write) = match settle(rows) {
            Ok(done) => done,
            Err(f) => {
                self.rollback().await;
                return Err(f);
            }
        };
        let Some(write) = write else {
            let client = self.client()?;
            return match within(client.batch_execute("COMMIT")).await {
                Ok(()) => Ok(value),
                Err(e) => Err(self.failed(e)),
            };
        };
        // A failed prepare has dropped the connection: the server rolls the batch back.
        let writing = self.prepared(&write.sql).await?;
        let write_params = match params(&write, writing.params()) {
            Ok(p) => p,
            Err(f) => {
                self.rollback().await;
                return Err(f);
            }
        };
        let write_refs = as_refs(&write_params);
        let client = self.client()?;
        let written = within(async {
            let (written, committed) = tokio::join!(
                client.execute(&writing, &write_refs),
                client.batch_execute("COMMIT")
            );
            // A failed write turned the COMMIT into a ROLLBACK: its error is the answer.
            written?;
            committed
        })
        .await;
        match written {
            Ok(()) => Ok(value),
            Err(e) => Err(self.failed(e)),
        }
    }

    /// Runs ONE statement in a transaction of its own (no transaction block: PostgreSQL
    /// commits it when it ends) and returns the boolean column `column` of its one row: the
    /// guarded batch of [`super::sql::combine_guarded`], in one round trip.
    ///
    /// A failure drops the connection, as in [`Self::transaction`]; a failure of the round
    /// trip itself leaves the outcome in doubt.
    pub(crate) async fn single(
        &mut self,
        statement: Statement,
        column: &str,
    ) -> Result<bool, BatchFailure> {
        let prepared = self.prepared(&statement.sql).await?;
        let values = params(&statement, prepared.params())?;
        let refs = as_refs(&values);
        let client = self.client()?;
        let answer = within(async {
            let row = client.query_one(&prepared, &refs).await?;
            row.try_get::<_, bool>(column)
        })
        .await;
        match answer {
            Ok(done) => Ok(done),
            Err(e) => Err(self.failed(e)),
        }
    }

    /// Ends the open transaction; a connection that cannot is dropped (and opened again
    /// for the next batch), so no transaction is ever left open on it.
    async fn rollback(&mut self) {
        let done = match &self.client {
            Some(c) => within(c.batch_execute("ROLLBACK")).await.is_ok(),
            None => true,
        };
        if !done {
            self.forget_connection();
        }
    }
}

/// The writer lost its connection between [`PgPipeline::ready`] and its use.
#[derive(Debug, thiserror::Error)]
#[error("the ledger writer has no database connection")]
struct NotConnected;

/// Why the writer's connection failed a batch.
#[derive(Debug, thiserror::Error)]
enum WriterError {
    #[error(transparent)]
    Database(#[from] tokio_postgres::Error),
    #[error("no answer from the database within {0:?}")]
    TimedOut(Duration),
    #[error("the ledger writer cannot send {0}")]
    Unsupported(String),
}

impl From<WriterError> for ConnectorError {
    fn from(e: WriterError) -> Self {
        ConnectorError::backend(e)
    }
}

/// `round_trip`, or [`WriterError::TimedOut`] after [`ROUND_TRIP_TIMEOUT`].
async fn within<T>(
    round_trip: impl std::future::Future<Output = Result<T, tokio_postgres::Error>>,
) -> Result<T, WriterError> {
    match tokio::time::timeout(ROUND_TRIP_TIMEOUT, round_trip).await {
        Ok(done) => Ok(done?),
        Err(_) => Err(WriterError::TimedOut(ROUND_TRIP_TIMEOUT)),
    }
}

/// A parameter as the driver sends it.
type Param = Box<dyn ToSql + Sync + Send>;

fn as_refs(params: &[Param]) -> Vec<&(dyn ToSql + Sync)> {
    params
        .iter()
        .map(|p| p.as_ref() as &(dyn ToSql + Sync))
        .collect()
}

/// The statement's values as parameters of the types PostgreSQL inferred for them.
fn params(statement: &Statement, types: &[Type]) -> Result<Vec<Param>, BatchFailure> {
    let values: &[Value] = statement.values.as_ref().map_or(&[], |v| &v.0);
    if values.len() != types.len() {
        return Err(unsupported(format!(
            "{} values for {} parameters",
            values.len(),
            types.len()
        )));
    }
    values
        .iter()
        .zip(types)
        .map(|(v, t)| param(v, t).ok_or_else(|| unsupported(format!("a value as {t}"))))
        .collect()
}

/// A statement the writer cannot send (never the values themselves: they are customer data).
fn unsupported(what: String) -> BatchFailure {
    BatchFailure::whole(WriterError::Unsupported(what))
}

/// One value for a parameter of type `ty`; `None` for a pairing the ledger never needs
/// (the caller then fails the batch, which is booked again through the pool).
fn param(value: &Value, ty: &Type) -> Option<Param> {
    let p: Param = match (value, ty) {
        (Value::Json(v), t) if *t == Type::JSONB || *t == Type::JSON => {
            Box::new(v.as_deref().cloned())
        }
        (Value::String(v), t) if *t == Type::TEXT || *t == Type::VARCHAR || *t == Type::BPCHAR => {
            Box::new(v.as_deref().cloned())
        }
        (Value::BigInt(v), t) if *t == Type::INT8 => Box::new(*v),
        (Value::Int(v), t) if *t == Type::INT8 => Box::new(v.map(i64::from)),
        (Value::Int(v), t) if *t == Type::INT4 => Box::new(*v),
        (Value::SmallInt(v), t) if *t == Type::INT2 => Box::new(*v),
        (Value::Bool(v), t) if *t == Type::BOOL => Box::new(*v),
        (Value::ChronoDateTimeUtc(v), t) if *t == Type::TIMESTAMPTZ => {
            Box::new(v.as_deref().copied())
        }
        (Value::ChronoDateTimeUtc(v), t) if *t == Type::TIMESTAMP => {
            Box::new(v.as_deref().map(chrono::DateTime::naive_utc))
        }
        _ => return None,
    };
    Some(p)
}

/// rustls with ring and libpq's `sslmode=prefer|require` semantics: encrypted, server
/// certificate not verified (the handshake's signatures still are).
fn tls_config() -> Result<rustls::ClientConfig, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(
        rustls::ClientConfig::builder_with_provider(Arc::clone(&provider))
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(EncryptOnly(provider)))
            .with_no_client_auth(),
    )
}

#[derive(Debug)]
struct EncryptOnly(Arc<CryptoProvider>);

impl ServerCertVerifier for EncryptOnly {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::{param, params, PgPipeline, ROUND_TRIP_TIMEOUT, STATEMENT_TIMEOUT};
    use chrono::{TimeZone, Utc};
    use sea_orm::sea_query::Value;
    use sea_orm::{DbBackend, Statement};
    use tokio_postgres::types::Type;

    #[test]
    fn urls_the_pool_reads_but_this_driver_cannot_keep_the_writer_on_the_pool() {
        let new = |url| PgPipeline::with_environment(url, |_| false);
        assert!(new("postgres://u@127.0.0.1:5432/test").is_ok());
        assert!(new("postgres://u@db.example/x?sslmode=require").is_ok());
        assert!(new("postgres://u@db.example/x?sslmode=verify-full").is_err());
        assert!(new("postgres://u@db.example/x?sslrootcert=/ca.pem").is_err());
        assert!(new("postgres://db.example/x").is_err(), "no user");
        assert!(
            new("  postgres://u@db.example/x ").is_ok(),
            "trimmed as the pool"
        );
    }

    #[test]
    fn the_writer_connection_times_statements_out_before_it_gives_up_on_them() {
        let new = |url| PgPipeline::with_environment(url, |_| false).unwrap();
        let plain = new("postgres://u@127.0.0.1:5432/test");
        assert_eq!(
            plain.config.get_options(),
            Some("-c statement_timeout=25000")
        );
        assert!(STATEMENT_TIMEOUT < ROUND_TRIP_TIMEOUT);
        let own = new("postgres://u@127.0.0.1/t?options=-c%20search_path%3Dx");
        assert_eq!(
            own.config.get_options(),
            Some("-c search_path=x -c statement_timeout=25000")
        );
        let set = new("postgres://u@127.0.0.1/t?options=-c%20statement_timeout%3D5000");
        assert_eq!(set.config.get_options(), Some("-c statement_timeout=5000"));
    }

    #[test]
    fn environment_the_pool_would_read_keeps_the_writer_on_the_pool() {
        let url = "postgres://u@db.example/x";
        assert!(PgPipeline::with_environment(url, |_| false).is_ok());
        for name in ["PGSSLMODE", "PGOPTIONS", "PGPASSWORD", "PGSSLROOTCERT"] {
            let refused = PgPipeline::with_environment(url, |n| n == name);
            assert!(refused.is_err(), "{name}");
        }
    }

    #[test]
    fn values_are_sent_as_the_inferred_types_or_not_at_all() {
        let t = Utc.timestamp_opt(1_700_000_000, 0).unwrap();
        assert!(param(
            &Value::ChronoDateTimeUtc(Some(Box::new(t))),
            &Type::TIMESTAMPTZ
        )
        .is_some());
        assert!(param(
            &Value::ChronoDateTimeUtc(Some(Box::new(t))),
            &Type::TIMESTAMP
        )
        .is_some());
        assert!(param(&Value::BigInt(Some(1)), &Type::INT8).is_some());
        assert!(param(&Value::String(None), &Type::TEXT).is_some());
        // A value the ledger never writes, or a type mismatch: refused, never guessed.
        assert!(param(&Value::BigInt(Some(1)), &Type::TEXT).is_none());
        assert!(param(&Value::Bytes(Some(Box::new(vec![1]))), &Type::BYTEA).is_none());
        let two = Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT $1, $2",
            [Value::BigInt(Some(1)), Value::BigInt(Some(2))],
        );
        assert!(params(&two, &[Type::INT8]).is_err());
        assert_eq!(
            params(&two, &[Type::INT8, Type::INT8])
                .map(|p| p.len())
                .ok(),
            Some(2)
        );
    }
}
