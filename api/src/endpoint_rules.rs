//! The endpoint validations in force (JSON Schemas of request bodies, accepted
//! authentication types), compiled, per instance.
//!
//! Why a snapshot: every request asks whether its operation has a rule, and nearly none has.
//! The whole (small) table is read at most once per `endpoint_validation_cache_ttl_millis` and
//! compiled once; a write on this instance drops the snapshot at once, other instances see it
//! within the TTL. A module of its own because the state holds it and the guard reads it.
//!
//! One read per expiry: when the snapshot has expired, the first request reads the table and
//! the requests arriving meanwhile wait for that read instead of each starting their own.
//! Without it every request in flight at an expiry queued its own read for a pool connection;
//! on PostgreSQL under load that made anonymous `GET /root` wait up to a second at its 99th
//! percentile, with client time-outs (issue #19, bench/README.md). A waiter gets rows read
//! after it began waiting or shortly before, within the TTL's bound like any snapshot; a
//! write on this instance is never hidden from it. When the read fails, the waiters answer
//! its error (with the database down they would otherwise wait out one timeout after
//! another); the next request after them reads again.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use obp_connectors::store::endpoint_validations::{
    list_endpoint_validations, EndpointValidation, ValidationKind,
};
use obp_connectors::store::Store;
use obp_domain::endpoint_validation::{AuthenticationType, RequestSchema};
use obp_domain::ErrorCode;
use serde_json::Value;

use crate::error::{ApiError, ApiResult};

/// The rules of every operation that has one.
#[derive(Debug, Default)]
pub struct Rules {
    /// Request-body schemas by operation id; `Err` holds why a stored schema no longer
    /// compiles (the operation then answers 500 rather than run unchecked).
    pub schemas: HashMap<String, Result<Arc<RequestSchema>, String>>,
    /// Accepted authentication types by operation id.
    pub authentication_types: HashMap<String, Vec<AuthenticationType>>,
}

impl Rules {
    fn from_rows(rows: Vec<EndpointValidation>) -> Self {
        let mut rules = Rules::default();
        for row in rows {
            let parsed: Result<Value, String> =
                serde_json::from_str(&row.content).map_err(|e| e.to_string());
            match ValidationKind::parse(&row.kind) {
                Some(ValidationKind::JsonSchema) => {
                    let compiled = parsed
                        .and_then(|v| RequestSchema::compile(&v))
                        .map(Arc::new);
                    if let Err(e) = &compiled {
                        tracing::error!(operation_id = %row.operation_id, error = %e,
                            "a stored JSON Schema validation does not compile");
                    }
                    rules.schemas.insert(row.operation_id, compiled);
                }
                Some(ValidationKind::AuthenticationTypes) => {
                    let types = parsed
                        .and_then(|v| obp_domain::endpoint_validation::parse_allowed_types(&v));
                    match types {
                        Ok(t) => {
                            rules.authentication_types.insert(row.operation_id, t);
                        }
                        Err(e) => {
                            // Fail closed: an unreadable list accepts nothing but anonymity.
                            tracing::error!(operation_id = %row.operation_id, error = %e,
                                "a stored authentication type validation is unreadable");
                            rules
                                .authentication_types
                                .insert(row.operation_id, Vec::new());
                        }
                    }
                }
                None => {}
            }
        }
        rules
    }

    /// The request-body schema of `operation_id`, if any.
    ///
    /// # Errors
    /// 500 when the stored schema no longer compiles.
    pub fn schema(&self, operation_id: &str) -> ApiResult<Option<Arc<RequestSchema>>> {
        match self.schemas.get(operation_id) {
            None => Ok(None),
            Some(Ok(s)) => Ok(Some(s.clone())),
            Some(Err(e)) => Err(ApiError::new(ErrorCode::InternalServerError).caused_by(
                std::io::Error::other(format!(
                    "the JSON Schema validation of {operation_id} does not compile: {e}"
                )),
            )),
        }
    }
}

/// The per-instance snapshot of [`Rules`].
#[derive(Debug)]
pub struct EndpointRules {
    ttl: Duration,
    snapshot: RwLock<Option<(Instant, Arc<Rules>)>>,
    /// Bumped by every write: a read that began before it does not store its (older) rows.
    generation: AtomicU64,
    /// Held by the request reading the table (see the module): one read per expiry.
    reading: tokio::sync::Mutex<()>,
    /// The latest read's outcome, numbered: what the requests that waited for it answer.
    last: std::sync::Mutex<LastRead>,
}

/// The outcome of the latest read of the table.
#[derive(Debug, Default)]
struct LastRead {
    /// Reads finished so far.
    seq: u64,
    /// `None` before the first. The rules with the generation their read began in, or the
    /// failure's code.
    outcome: Option<Result<(Arc<Rules>, u64), ErrorCode>>,
}

impl Default for EndpointRules {
    fn default() -> Self {
        Self::new(Duration::from_millis(1000))
    }
}

impl EndpointRules {
    /// A cache whose snapshot is trusted for `ttl` (zero reads the table on every request).
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            snapshot: RwLock::new(None),
            generation: AtomicU64::new(0),
            reading: tokio::sync::Mutex::new(()),
            last: std::sync::Mutex::new(LastRead::default()),
        }
    }

    fn last(&self) -> std::sync::MutexGuard<'_, LastRead> {
        // Replaced whole under the lock: consistent at every unlock.
        self.last
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The snapshot, while it is younger than the TTL.
    fn fresh(&self) -> Option<Arc<Rules>> {
        let guard = self.snapshot.read().ok()?;
        let (at, rules) = guard.as_ref()?;
        (at.elapsed() < self.ttl).then(|| rules.clone())
    }

    /// The rules in force.
    ///
    /// # Errors
    /// A database failure.
    pub async fn current(&self, store: &Store) -> ApiResult<Arc<Rules>> {
        if let Some(rules) = self.fresh() {
            return Ok(rules);
        }
        if self.ttl.is_zero() {
            // Nothing is kept: every request reads, each its own read.
            return self.read(store).await;
        }
        // One read at a time. A request that waited answers what the read that finished
        // while it waited gave (whatever the TTL, so that a TTL shorter than a read does not
        // make the waiters read one after another), unless a write on this instance came
        // after that read began: then it reads itself.
        let seen = self.last().seq;
        let _reading = self.reading.lock().await;
        if let Some(rules) = self.fresh() {
            return Ok(rules);
        }
        {
            let last = self.last();
            if last.seq != seen {
                match &last.outcome {
                    Some(Err(code)) => return Err(ApiError::new(*code)),
                    Some(Ok((rules, generation)))
                        if *generation == self.generation.load(Ordering::SeqCst) =>
                    {
                        return Ok(rules.clone())
                    }
                    _ => {}
                }
            }
        }
        self.read(store).await
    }

    /// Reads the table, keeps the snapshot unless a write came meanwhile, and records the
    /// outcome for the requests waiting.
    async fn read(&self, store: &Store) -> ApiResult<Arc<Rules>> {
        let generation = self.generation.load(Ordering::SeqCst);
        let read = list_endpoint_validations(store, None).await;
        let (answer, outcome) = match read {
            Ok(rows) => {
                let rules = Arc::new(Rules::from_rows(rows));
                if let Ok(mut guard) = self.snapshot.write() {
                    if self.generation.load(Ordering::SeqCst) == generation {
                        *guard = Some((Instant::now(), rules.clone()));
                    }
                }
                (Ok(rules.clone()), Ok((rules, generation)))
            }
            Err(e) => {
                let e = ApiError::from(e);
                let code = e.code();
                (Err(e), Err(code))
            }
        };
        let mut last = self.last();
        last.seq += 1;
        last.outcome = Some(outcome);
        answer
    }

    /// Drops the snapshot (after a write on this instance).
    pub fn invalidate(&self) {
        if let Ok(mut guard) = self.snapshot.write() {
            self.generation.fetch_add(1, Ordering::SeqCst);
            *guard = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use obp_connectors::db::DbSettings;

    async fn store() -> Store {
        // An in-memory SQLite database on one connection: its statements are counted by the
        // store like any pool's.
        let store = Store::connect(&DbSettings::new("sqlite::memory:", 1))
            .await
            .unwrap();
        store.migrate().await.unwrap();
        store
    }

    /// Requests that find the snapshot expired together share one read of the table.
    #[tokio::test]
    async fn an_expired_snapshot_is_read_once_for_the_requests_waiting() {
        let store = store().await;
        let rules = EndpointRules::new(Duration::from_secs(60));
        let before = store.statements_run();
        let reads = (0..32).map(|_| rules.current(&store));
        for got in futures_util::future::join_all(reads).await {
            got.unwrap();
        }
        assert_eq!(
            store.statements_run() - before,
            1,
            "one read for 32 requests"
        );
        // After a write on this instance the next request reads again, once.
        rules.invalidate();
        let reads = (0..8).map(|_| rules.current(&store));
        for got in futures_util::future::join_all(reads).await {
            got.unwrap();
        }
        assert_eq!(store.statements_run() - before, 2);
    }

    /// When the read fails, the requests that waited for it answer its error without each
    /// reading again behind it; the next request after them reads again.
    #[tokio::test]
    async fn the_requests_waiting_for_a_failed_read_share_its_failure() {
        // No migrations: the table is missing and every read fails.
        let store = Store::connect(&DbSettings::new("sqlite::memory:", 1))
            .await
            .unwrap();
        // The pool's connection opened by a read of its own first: on a cold pool the
        // driver's statement count for a failed read was not always one.
        assert!(EndpointRules::new(Duration::from_secs(60))
            .current(&store)
            .await
            .is_err());
        let rules = EndpointRules::new(Duration::from_secs(60));
        let before = store.statements_run();
        let reads = (0..8).map(|_| rules.current(&store));
        let answers = futures_util::future::join_all(reads).await;
        let codes: Vec<ErrorCode> = answers
            .iter()
            .map(|a| a.as_ref().unwrap_err().code())
            .collect();
        assert!(codes.iter().all(|c| *c == codes[0]), "{codes:?}");
        assert!(codes[0].status() >= 500);
        assert_eq!(
            store.statements_run() - before,
            1,
            "one failed read for 8 requests"
        );
        assert!(rules.current(&store).await.is_err());
        assert_eq!(
            store.statements_run() - before,
            2,
            "a later request reads again"
        );
    }

    /// A TTL shorter than a read does not make the waiters read one after another: they
    /// answer the read they waited for.
    #[tokio::test]
    async fn a_ttl_shorter_than_a_read_still_reads_once_for_the_waiters() {
        let store = store().await;
        let rules = EndpointRules::new(Duration::from_nanos(1));
        let before = store.statements_run();
        let reads = (0..16).map(|_| rules.current(&store));
        for got in futures_util::future::join_all(reads).await {
            got.unwrap();
        }
        assert_eq!(store.statements_run() - before, 1);
    }

    /// With a TTL of zero every request reads the table itself (none answers another's read).
    #[tokio::test]
    async fn a_zero_ttl_reads_on_every_request() {
        let store = store().await;
        let rules = EndpointRules::new(Duration::ZERO);
        let before = store.statements_run();
        let reads = (0..4).map(|_| rules.current(&store));
        for got in futures_util::future::join_all(reads).await {
            got.unwrap();
        }
        assert_eq!(store.statements_run() - before, 4);
    }
}
