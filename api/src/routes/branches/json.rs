//! OBP's JSON shape of a branch (`BranchJsonV300`).

use obp_domain::refdata::Branch;
use serde::Serialize;
use serde_json::{Map, Value};
use utoipa::ToSchema;

/// `BranchJsonV300`: `id`, `bank_id` and `name`, then the branch's other OBP fields
/// (`address`, `location`, `meta`, `lobby`, `drive_up`, `branch_routing`, ...) as they were
/// sent. Written as one JSON object with its keys in sorted order, as the record is kept.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(into = "Map<String, Value>")]
pub struct BranchJsonV300 {
    /// BRANCH_ID.
    pub id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Name.
    pub name: String,
    /// The other OBP fields, as sent.
    #[serde(flatten)]
    pub details: Map<String, Value>,
}

impl From<Branch> for BranchJsonV300 {
    fn from(b: Branch) -> Self {
        Self {
            id: b.branch_id,
            bank_id: b.bank_id.into_inner(),
            name: b.name,
            details: b.details,
        }
    }
}

impl From<BranchJsonV300> for Map<String, Value> {
    fn from(b: BranchJsonV300) -> Self {
        let mut m = Map::new();
        m.insert("id".into(), Value::String(b.id));
        m.insert("bank_id".into(), Value::String(b.bank_id));
        m.insert("name".into(), Value::String(b.name));
        for (k, v) in b.details {
            m.entry(k).or_insert(v);
        }
        m
    }
}

/// `{"branches": [BranchJsonV300]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct BranchesJsonV300 {
    /// The branches, ordered by id.
    pub branches: Vec<BranchJsonV300>,
}
