//! Dynamic-entity definitions as record requests read them: the per-instance snapshot of
//! the definitions ([`DefinitionCache`]) and their compiled schemas, kept per definition
//! version ([`SchemaCache`]).
//!
//! Why a module of its own: the cache is part of [`crate::state::AppState`], and the state
//! must not depend on the service that uses it (that service depends on the guard, which
//! depends on the state).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use obp_connectors::store::dynamic_entities::{list_dynamic_entities, DynamicEntityRow};
use obp_connectors::store::Store;
use obp_domain::dynamic_entity::{Definition, RecordValidator};
use obp_domain::ErrorCode;
use serde_json::Value;

use crate::error::{ApiError, ApiResult};

/// A definition compiled for checking records.
#[derive(Debug)]
pub struct Compiled {
    /// The validated definition.
    pub definition: Definition,
    /// Its record schema, compiled.
    pub validator: RecordValidator,
}

/// Compiled definitions by (DYNAMIC_ENTITY_ID, version). Bounded: cleared when it holds
/// more than [`SchemaCache::CAPACITY`] entries.
#[derive(Debug, Default)]
pub struct SchemaCache {
    inner: Mutex<HashMap<(String, i64), Arc<Compiled>>>,
}

impl SchemaCache {
    /// Most entries kept.
    pub const CAPACITY: usize = 4096;

    pub(crate) fn get_or_compile(&self, row: &DynamicEntityRow) -> ApiResult<Arc<Compiled>> {
        let key = (row.id.clone(), row.version);
        if let Ok(map) = self.inner.lock() {
            if let Some(hit) = map.get(&key) {
                return Ok(hit.clone());
            }
        }
        let compiled = Arc::new(compile(row)?);
        if let Ok(mut map) = self.inner.lock() {
            if map.len() >= Self::CAPACITY {
                map.clear();
            }
            map.retain(|(id, _), _| id != &row.id);
            map.insert(key, compiled.clone());
        }
        Ok(compiled)
    }

    pub(crate) fn forget(&self, id: &str) {
        if let Ok(mut map) = self.inner.lock() {
            map.retain(|(k, _), _| k != id);
        }
    }
}

/// A stored definition that no longer parses or compiles is a server fault.
fn compile(row: &DynamicEntityRow) -> ApiResult<Compiled> {
    let broken = |detail: String| {
        ApiError::new(ErrorCode::InternalServerError).caused_by(std::io::Error::other(format!(
            "dynamic entity {} is stored invalid: {detail}",
            row.id
        )))
    };
    let body: Value = serde_json::from_str(&row.definition).map_err(|e| broken(e.to_string()))?;
    let definition = Definition::parse(&body).map_err(|e| broken(e.0))?;
    let validator = RecordValidator::compile(&definition.json_schema()).map_err(broken)?;
    Ok(Compiled {
        definition,
        validator,
    })
}

/// Every definition by (BANK_ID or `""`, entity name).
type Definitions = HashMap<(String, String), DynamicEntityRow>;

/// The definitions record requests resolve their entity in: the whole (small) table, read at
/// most once per `dynamic_entity_cache_ttl_millis` per instance. A definition written on this
/// instance takes effect at once (the snapshot is dropped); on the others within the TTL.
/// Definition writes themselves read the table, never the snapshot.
#[derive(Debug)]
pub struct DefinitionCache {
    ttl: Duration,
    snapshot: RwLock<Option<(Instant, Arc<Definitions>)>>,
    /// Bumped by every write: a read that began before it does not store its (older) rows.
    generation: AtomicU64,
}

impl Default for DefinitionCache {
    fn default() -> Self {
        Self::new(Duration::from_millis(1000))
    }
}

impl DefinitionCache {
    /// A cache whose snapshot is trusted for `ttl` (zero reads the table on every request).
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            snapshot: RwLock::new(None),
            generation: AtomicU64::new(0),
        }
    }

    /// The definition of `entity_name` at `bank_id` (`""` for system level).
    ///
    /// # Errors
    /// A database failure.
    pub async fn find(
        &self,
        store: &Store,
        bank_id: &str,
        entity_name: &str,
    ) -> ApiResult<Option<DynamicEntityRow>> {
        let key = (bank_id.to_owned(), entity_name.to_owned());
        Ok(self.snapshot(store).await?.get(&key).cloned())
    }

    /// Every definition (system and bank level), from the snapshot.
    ///
    /// # Errors
    /// A database failure.
    pub async fn all(&self, store: &Store) -> ApiResult<Vec<DynamicEntityRow>> {
        let mut rows: Vec<DynamicEntityRow> =
            self.snapshot(store).await?.values().cloned().collect();
        rows.sort_by(|a, b| (&a.bank_id, &a.entity_name).cmp(&(&b.bank_id, &b.entity_name)));
        Ok(rows)
    }

    async fn snapshot(&self, store: &Store) -> ApiResult<Arc<Definitions>> {
        if let Ok(guard) = self.snapshot.read() {
            if let Some((at, all)) = guard.as_ref() {
                if at.elapsed() < self.ttl {
                    return Ok(all.clone());
                }
            }
        }
        let generation = self.generation.load(Ordering::SeqCst);
        let all: Arc<Definitions> = Arc::new(
            list_dynamic_entities(store, None)
                .await?
                .into_iter()
                .map(|r| ((r.bank_id.clone(), r.entity_name.clone()), r))
                .collect(),
        );
        if let Ok(mut guard) = self.snapshot.write() {
            if self.generation.load(Ordering::SeqCst) == generation {
                *guard = Some((Instant::now(), all.clone()));
            }
        }
        Ok(all)
    }

    /// Drops the snapshot (after a definition write on this instance).
    pub fn invalidate(&self) {
        if let Ok(mut guard) = self.snapshot.write() {
            self.generation.fetch_add(1, Ordering::SeqCst);
            *guard = None;
        }
    }
}
