//! Dynamic entities in the API's documents: the generated CRUD endpoints of every defined
//! entity, added to the OpenAPI document (and so to OBP's resource docs and Swagger, which
//! are built from it) on each request, so an entity is documented the moment it exists and
//! gone the moment it is deleted.
//!
//! Each entity contributes, under `/obp/dynamic-entity[/banks/BANK_ID]`, the list, create,
//! get, update and delete operations of its shared records (with its four roles) and, with
//! `hasPersonalEntity`, the same under `/my/` (login, no role). Bodies are the entity's
//! schema with the field examples and descriptions of its definition. Operations carry
//! `x-obp-dynamic: true`, which `content=static|dynamic` filters on. A bank-level entity's
//! paths name its bank (two banks may define one name differently).

use obp_connectors::store::dynamic_entities::DynamicEntityRow;
use obp_domain::dynamic_entity::{Action, Definition, DynamicRole};
use serde_json::{json, Map, Value};

use crate::state::AppState;

/// Every defined entity (system and bank level), from the definition snapshot. When the
/// database cannot be read, none (logged): the documents still describe the static API.
pub async fn defined_entities(state: &AppState) -> Vec<DynamicEntityRow> {
    match state.dynamic_definitions.all(&state.store).await {
        Ok(rows) => rows,
        Err(e) => {
            tracing::warn!(error = %e, "dynamic entities left out of the documents");
            Vec::new()
        }
    }
}

/// Adds the endpoints of `rows` to `doc` (an OpenAPI 3.1 document).
pub fn add_dynamic_entities(doc: &mut Value, rows: Vec<DynamicEntityRow>) {
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for row in rows {
        // A definition that no longer parses is skipped here (its requests answer 500).
        let Ok(definition) = serde_json::from_str::<Value>(&row.definition)
            .map_err(|e| e.to_string())
            .and_then(|v| Definition::parse(&v).map_err(|e| e.0))
        else {
            tracing::warn!(dynamic_entity_id = %row.id, "skipping an unreadable dynamic entity in the docs");
            continue;
        };
        for (path, item) in entity_paths(&row, &definition) {
            paths.insert(path, item);
        }
    }
}

/// The schema of one record: the definition's fields (with their examples and descriptions)
/// and, when `with_id`, the id field.
fn record_schema(definition: &Definition, with_id: bool) -> Value {
    let mut schema = definition.json_schema();
    if let Some(obj) = schema.as_object_mut() {
        obj.remove("$schema");
    }
    let given = definition
        .body
        .get(&definition.entity_name)
        .and_then(|e| e.get("properties"))
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    if let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) {
        for (name, prop) in props.iter_mut() {
            let Some(prop) = prop.as_object_mut() else {
                continue;
            };
            for key in ["example", "description"] {
                if let Some(v) = given.get(name).and_then(|p| p.get(key)) {
                    prop.insert(key.to_owned(), v.clone());
                }
            }
        }
        if with_id {
            props.insert(
                definition.id_field(),
                json!({"type": "string", "description": "The record id, set by the server.",
                       "example": "7uy8a7e4-6d02-40e3-a129-0b2bf89de8uh"}),
            );
        }
    }
    if with_id {
        if let Some(req) = schema.get_mut("required").and_then(Value::as_array_mut) {
            req.push(Value::String(definition.id_field()));
        }
    }
    schema
}

fn wrapped(bank_id: Option<&str>, key: String, value: Value) -> Value {
    let mut props = Map::new();
    let mut required = Vec::new();
    if let Some(b) = bank_id {
        props.insert("bank_id".into(), json!({"type": "string", "example": b}));
        required.push(json!("bank_id"));
    }
    required.push(json!(key));
    props.insert(key, value);
    json!({"type": "object", "required": required, "properties": props})
}

fn body(schema: Value) -> Value {
    json!({"required": true, "content": {"application/json": {"schema": schema}}})
}

fn ok(status: u16, description: &str, schema: Value) -> Value {
    json!({status.to_string(): {"description": description,
        "content": {"application/json": {"schema": schema}}}})
}

fn error(description: &str) -> Value {
    json!({"description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}})
}

/// One operation of an entity.
struct Op<'a> {
    row: &'a DynamicEntityRow,
    definition: &'a Definition,
    personal: bool,
}

impl Op<'_> {
    fn bank(&self) -> Option<&str> {
        Some(self.row.bank_id.as_str()).filter(|b| !b.is_empty())
    }

    fn operation(
        &self,
        action: Action,
        verb: &str,
        summary: String,
        mut op: Map<String, Value>,
    ) -> Value {
        let name = &self.definition.entity_name;
        let my = if self.personal { "My" } else { "" };
        let bank = self.bank().map(|b| format!("_at_{b}")).unwrap_or_default();
        op.insert(
            "operationId".into(),
            json!(format!("OBPv4.0.0-dynamicEntity_{verb}{my}{name}{bank}")),
        );
        op.insert("summary".into(), json!(summary));
        op.insert("tags".into(), json!(["Dynamic-Entity", name]));
        op.insert("x-obp-dynamic".into(), json!(true));
        let roles = if self.personal {
            Vec::new()
        } else {
            vec![DynamicRole::of(action, name, self.bank().is_some())]
        };
        op.insert(
            "x-obp-roles".into(),
            json!(roles
                .iter()
                .map(|r| json!({"role": r.name, "requires_bank_id": r.requires_bank_id}))
                .collect::<Vec<_>>()),
        );
        op.insert(
            "security".into(),
            json!([{"DirectLogin": []}, {"GatewayLogin": []}]),
        );
        let responses = op
            .entry("responses")
            .or_insert_with(|| json!({}))
            .as_object_mut()
            .map(std::mem::take)
            .unwrap_or_default();
        let mut responses = responses;
        responses.insert("401".into(), error("OBP-20001 not logged in"));
        if !self.personal {
            responses.insert("403".into(), error("OBP-20006 missing the entity's role"));
        }
        op.insert("responses".into(), Value::Object(responses));
        Value::Object(op)
    }
}

/// The `(path, path item)` pairs of one entity.
fn entity_paths(row: &DynamicEntityRow, definition: &Definition) -> Vec<(String, Value)> {
    let mut sets = vec![false];
    if definition.has_personal_entity {
        sets.push(true);
    }
    let name = &definition.entity_name;
    let id_field = definition.id_field();
    let mut out = Vec::new();
    for personal in sets {
        let op = Op {
            row,
            definition,
            personal,
        };
        let bank = op.bank();
        let mut base = "/obp/dynamic-entity".to_owned();
        if let Some(b) = bank {
            base.push_str(&format!("/banks/{b}"));
        }
        if personal {
            base.push_str("/my");
        }
        let whose = if personal { "my " } else { "" };
        let record = record_schema(definition, true);
        let single = wrapped(bank, definition.single_name(), record.clone());
        let list = wrapped(
            bank,
            definition.list_name(),
            json!({"type": "array", "items": record}),
        );
        let mut filters: Vec<Value> = definition
            .properties
            .iter()
            .map(|p| {
                json!({"name": p.name, "in": "query", "required": false,
                    "description": format!("Only records whose {} is this value.", p.name),
                    "schema": {"type": "string"}})
            })
            .collect();
        filters.push(json!({"name": "limit", "in": "query", "required": false,
            "schema": {"type": "integer", "minimum": 1, "maximum": 1000}}));
        filters.push(json!({"name": "offset", "in": "query", "required": false,
            "schema": {"type": "integer", "minimum": 0}}));
        let id_param = json!([{"name": id_field, "in": "path", "required": true,
            "description": format!("The {name} record id."), "schema": {"type": "string"}}]);

        let mut get_all = Map::new();
        get_all.insert("parameters".into(), Value::Array(filters));
        get_all.insert("responses".into(), ok(200, "The records", list));
        let mut create = Map::new();
        create.insert("requestBody".into(), body(record_schema(definition, false)));
        let mut created = ok(201, "The record", single.clone());
        created["400"] = error("OBP-10001 not JSON; OBP-09014 not the entity's schema; OBP-09007 a reference that does not exist");
        create.insert("responses".into(), created);
        out.push((
            format!("{base}/{name}"),
            json!({
                "get": op.operation(Action::Get, "get", format!("Get {whose}{name} list"), get_all),
                "post": op.operation(Action::Create, "create", format!("Create {whose}{name}"), create),
            }),
        ));

        let mut get_one = Map::new();
        get_one.insert("parameters".into(), id_param.clone());
        let mut found = ok(200, "The record", single.clone());
        found["404"] = error("OBP-09005 no such record");
        get_one.insert("responses".into(), found.clone());
        let mut update = Map::new();
        update.insert("parameters".into(), id_param.clone());
        update.insert("requestBody".into(), body(record_schema(definition, false)));
        let mut updated = found;
        updated["400"] = error("OBP-10001 not JSON; OBP-09014 not the entity's schema; OBP-09007 a reference that does not exist");
        update.insert("responses".into(), updated);
        let mut delete = Map::new();
        delete.insert("parameters".into(), id_param);
        let mut deleted = ok(200, "Deleted: `true`", json!({"type": "boolean"}));
        deleted["404"] = error("OBP-09005 no such record");
        delete.insert("responses".into(), deleted);
        out.push((
            format!("{base}/{name}/{{{id_field}}}"),
            json!({
                "get": op.operation(Action::Get, "getOne", format!("Get {whose}{name}"), get_one),
                "put": op.operation(Action::Update, "update", format!("Update {whose}{name}"), update),
                "delete": op.operation(Action::Delete, "delete", format!("Delete {whose}{name}"), delete),
            }),
        ));
    }
    out
}
