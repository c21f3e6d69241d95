//! A PostgreSQL connection of the ledger's batch writer on which a batch's statements are
//! pipelined.
//!
//! Booking a batch takes four statements: `BEGIN`, the locking read, the write (balances,
//! legs, records, requests as one statement) and `COMMIT`. Through the pool (sqlx) each is
//! a round trip of its own, and the batch holds its row locks across all of them. Here the
//! writer sends `BEGIN` together with the locking read, decides the batch in memory, then
//! sends the write together with `COMMIT`: two round trips per batch.
//!
//! Why pipelining the write with `COMMIT` is safe: PostgreSQL runs the `COMMIT` only after
//! the write; if the write fails the transaction is aborted and that `COMMIT` ends it as a
//! `ROLLBACK`, so nothing of the batch is kept and the write's error is reported.
//!
//! The connection is made from the same URL as the pool. TLS follows its `sslmode` the way
//! the pool (and libpq) does: `disable` never, `prefer` (the default) when the server offers
//! it, `require` always — encryption without certificate verification in both, as libpq
//! without a root certificate. URLs `tokio-postgres` cannot read (`sslmode=verify-ca` or
//! `verify-full`, `sslrootcert`, driver-specific options) keep the writer on the pool, and
//! so does a connection that cannot be made (retried after [`RECONNECT_AFTER`]).

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

use super::accounts::BatchFailure;
use crate::error::ConnectorError;

/// How long a writer whose connection could not be made books through the pool before it
/// tries to connect again.
pub(crate) const RECONNECT_AFTER: Duration = Duration::from_secs(5);

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
    statements: HashMap<String, tokio_postgres::Statement>,
    retry_at: Option<Instant>,
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
        let mut config: tokio_postgres::Config = url.parse().map_err(|e| format!("{e}"))?;
        if config.get_application_name().is_none() {
            // So that operators can tell it apart in `pg_stat_activity`.
            config.application_name(APPLICATION_NAME);
        }
        Ok(Self {
            config,
            tls: MakeRustlsConnect::new(tls_config()?),
            client: None,
            statements: HashMap::new(),
            retry_at: None,
        })
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
                tokio::spawn(async move {
                    if let Err(e) = connection.await {
                        tracing::warn!(error = %e, "the ledger writer's connection ended");
                    }
                });
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

    fn forget_connection(&mut self) {
        self.client = None;
        self.statements.clear();
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
        let statement = self.client()?.prepare(sql).await.map_err(failure)?;
        if self.statements.len() >= STATEMENT_CACHE {
            self.statements.clear();
        }
        self.statements.insert(sql.to_owned(), statement.clone());
        Ok(statement)
    }

    /// Runs one write transaction in two round trips: `BEGIN` with `lock` (a query), then
    /// `settle`'s statements (combined into one by the caller) with `COMMIT`. When `lock`
    /// or `settle` fails the transaction is rolled back; when the write fails its `COMMIT`
    /// rolls it back. Either way nothing is kept and the failure is returned.
    pub(crate) async fn transaction<T>(
        &mut self,
        lock: Statement,
        settle: impl FnOnce(Vec<Row>) -> Result<(T, Option<Statement>), BatchFailure>,
    ) -> Result<T, BatchFailure> {
        let locking = self.prepared(&lock.sql).await?;
        let lock_params = params(&lock, locking.params())?;
        let lock_refs = as_refs(&lock_params);
        let client = self.client()?;
        let (begun, rows) = tokio::join!(
            client.batch_execute("BEGIN"),
            client.query(&locking, &lock_refs)
        );
        let settled = match (begun, rows) {
            (Ok(()), Ok(rows)) => settle(rows),
            (Err(e), _) | (_, Err(e)) => Err(failure(e)),
        };
        let (value, write) = match settled {
            Ok(done) => done,
            Err(f) => {
                self.rollback().await;
                return Err(f);
            }
        };
        let Some(write) = write else {
            self.client()?
                .batch_execute("COMMIT")
                .await
                .map_err(failure)?;
            return Ok(value);
        };
        let writing = match self.prepared(&write.sql).await {
            Ok(w) => w,
            Err(f) => {
                self.rollback().await;
                return Err(f);
            }
        };
        let write_params = match params(&write, writing.params()) {
            Ok(p) => p,
            Err(f) => {
                self.rollback().await;
                return Err(f);
            }
        };
        let write_refs = as_refs(&write_params);
        let client = self.client()?;
        let (written, committed) = tokio::join!(
            client.execute(&writing, &write_refs),
            client.batch_execute("COMMIT")
        );
        written.map_err(failure)?;
        committed.map_err(failure)?;
        Ok(value)
    }

    /// Ends the open transaction; a connection that cannot is dropped (and opened again
    /// for the next batch), so no transaction is ever left open on it.
    async fn rollback(&mut self) {
        let done = match &self.client {
            Some(c) => c.batch_execute("ROLLBACK").await.is_ok(),
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

fn failure(e: tokio_postgres::Error) -> BatchFailure {
    BatchFailure::whole(ConnectorError::backend(e))
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
        .map(|(v, t)| param(v, t).ok_or_else(|| unsupported(format!("{v:?} as {t}"))))
        .collect()
}

fn unsupported(what: String) -> BatchFailure {
    BatchFailure::whole(ConnectorError::rejected(
        obp_domain::ErrorCode::InternalServerError,
        Some(format!("the ledger writer cannot send {what}")),
    ))
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
    use super::{param, params, PgPipeline};
    use chrono::{TimeZone, Utc};
    use sea_orm::sea_query::Value;
    use sea_orm::{DbBackend, Statement};
    use tokio_postgres::types::Type;

    #[test]
    fn urls_the_pool_reads_but_this_driver_cannot_keep_the_writer_on_the_pool() {
        assert!(PgPipeline::new("postgres://127.0.0.1:5432/test").is_ok());
        assert!(PgPipeline::new("postgres://u@db.example/x?sslmode=require").is_ok());
        assert!(PgPipeline::new("postgres://u@db.example/x?sslmode=verify-full").is_err());
        assert!(PgPipeline::new("postgres://u@db.example/x?sslrootcert=/ca.pem").is_err());
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
