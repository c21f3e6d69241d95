//! OBP JSON shapes of dynamic entity definitions and records.

use obp_connectors::store::dynamic_entities::DynamicEntityRow;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::ToSchema;

/// OBP's definition JSON:
/// `{"FooBar": {"description", "required", "properties": {...}}, "hasPersonalEntity": bool}`;
/// answers add `dynamicEntityId`, `userId` and (bank level) `bankId`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(transparent)]
#[schema(value_type = Object, example = json!({
    "FooBar": {
        "description": "description of this entity, can be markdown text.",
        "required": ["name"],
        "properties": {
            "name": {"type": "string", "minLength": 3, "maxLength": 20, "example": "James Brown", "description": "description of **name** field, can be markdown text."},
            "number": {"type": "integer", "example": 698761728, "description": "description of **number** field, can be markdown text."}
        }
    },
    "hasPersonalEntity": true
}))]
pub struct DynamicEntityJson(pub Value);

impl From<DynamicEntityRow> for DynamicEntityJson {
    fn from(row: DynamicEntityRow) -> Self {
        let mut obj = match serde_json::from_str::<Value>(&row.definition) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        };
        if !row.bank_id.is_empty() {
            obj.insert("bankId".into(), Value::String(row.bank_id));
        }
        obj.insert("userId".into(), Value::String(row.user_id));
        obj.insert("dynamicEntityId".into(), Value::String(row.id));
        Self(Value::Object(obj))
    }
}

/// `{"dynamic_entities": [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct DynamicEntitiesJson {
    /// The definitions.
    pub dynamic_entities: Vec<DynamicEntityJson>,
}

/// Wraps an answer under `key`, with `bank_id` first for a bank-level entity.
pub fn wrapped(bank_id: Option<&str>, key: String, value: Value) -> Value {
    let mut obj = Map::new();
    if let Some(b) = bank_id {
        obj.insert("bank_id".into(), Value::String(b.to_owned()));
    }
    obj.insert(key, value);
    Value::Object(obj)
}
