//! OBP's JSON shape of an ATM (`AtmJsonV510`).

use obp_domain::refdata::Atm;
use serde::Serialize;
use serde_json::{Map, Value};
use utoipa::ToSchema;

use crate::refdata_json::obp_atm_fields;

/// `AtmJsonV510`: `id`, `bank_id`, `name` and `attributes`, then every other field OBP's
/// `createAtmJsonV510` renders, read from the record and filled with OBP's defaults where
/// the ATM has none ([`obp_atm_fields`]). Written as one JSON object with its keys in sorted
/// order.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(into = "Map<String, Value>")]
pub struct AtmJsonV510 {
    /// ATM_ID.
    pub id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Name.
    pub name: String,
    /// ATM attributes: not stored yet, always `[]`.
    pub attributes: Vec<Value>,
    /// The other OBP fields ([`obp_atm_fields`]).
    #[serde(flatten)]
    pub details: Map<String, Value>,
}

impl From<Atm> for AtmJsonV510 {
    fn from(a: Atm) -> Self {
        Self {
            id: a.atm_id,
            bank_id: a.bank_id.into_inner(),
            name: a.name,
            attributes: Vec::new(),
            details: obp_atm_fields(&a.details),
        }
    }
}

impl From<AtmJsonV510> for Map<String, Value> {
    fn from(a: AtmJsonV510) -> Self {
        let mut m = Map::new();
        m.insert("id".into(), Value::String(a.id));
        m.insert("bank_id".into(), Value::String(a.bank_id));
        m.insert("name".into(), Value::String(a.name));
        for (k, v) in a.details {
            m.entry(k).or_insert(v);
        }
        m.insert("attributes".into(), Value::Array(a.attributes));
        m
    }
}

/// `AtmsJsonV510`: `{"atms": [AtmJsonV510]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct AtmsJsonV510 {
    /// The ATMs, ordered by id.
    pub atms: Vec<AtmJsonV510>,
}
