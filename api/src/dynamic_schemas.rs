//! Compiled dynamic-entity schemas, kept per definition version.
//!
//! Why a module of its own: the cache is part of [`crate::state::AppState`], and the state
//! must not depend on the service that uses it (that service depends on the guard, which
//! depends on the state).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use obp_connectors::store::dynamic_entities::DynamicEntityRow;
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
