//! `dynamicEntityProcess` on the local database: records of dynamic entities in the
//! `dynamic_entity_record` table (JSONB on PostgreSQL, JSON text on SQLite), found by their
//! entity's bank and name (only CREATE reads the definition, for its id), with GET_ALL's
//! filters and page pushed into SQL
//! ([`list_dynamic_records_page`]).
//!
//! A record travels as one JSON object: its fields and its id field (`foo_bar_id`). The id
//! is stored in its own column and the other fields in `data`, so a record's id can never
//! disagree with the object's.

use obp_domain::dynamic_entity::id_field_name;
use obp_domain::message::{DynamicEntityCall, DynamicEntityOperation};
use obp_domain::ErrorCode;
use serde_json::{Map, Value};

use crate::error::{ConnectorError, ConnectorResult};
use crate::store::dynamic_entities::{
    delete_dynamic_record, find_dynamic_entity_by_name, find_dynamic_record, insert_dynamic_record,
    list_dynamic_records_page, update_dynamic_record, DynamicRecord, NewDynamicRecord,
    RecordFilter, RecordSet, RecordsOf,
};
use crate::store::{new_id, Store};

/// Most records one GET_ALL returns when the call names no `limit`.
pub const MAX_PAGE: u64 = 1000;

fn backend(e: crate::store::StoreError) -> ConnectorError {
    ConnectorError::backend(e)
}

fn invalid(detail: impl Into<String>) -> ConnectorError {
    ConnectorError::rejected(ErrorCode::InvalidJsonFormat, Some(detail.into()))
}

fn not_found() -> ConnectorError {
    ConnectorError::NotFound {
        code: ErrorCode::EntityNotFoundByEntityId,
    }
}

/// The record as it travels: its fields and its id field.
fn record_object(id_field: &str, record: DynamicRecord) -> Value {
    let mut obj = match record.data {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    obj.insert(id_field.to_owned(), Value::String(record.id));
    Value::Object(obj)
}

/// The fields of a CREATE or UPDATE body, without its id field, and that id.
fn body_fields(
    id_field: &str,
    body: Option<Value>,
) -> ConnectorResult<(Map<String, Value>, Option<String>)> {
    let Some(Value::Object(mut fields)) = body else {
        return Err(invalid("requestBody must be a JSON object."));
    };
    let id = match fields.remove(id_field) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if !s.is_empty() => Some(s),
        Some(other) => Some(other.to_string()),
    };
    Ok((fields, id))
}

/// GET_ALL's filters and page from `queryParameters` (`limit` and `offset` take one number
/// each; every other key filters, the id field on the record id).
fn query(
    id_field: &str,
    params: Option<std::collections::BTreeMap<String, Vec<String>>>,
) -> ConnectorResult<(Vec<RecordFilter>, u64, u64)> {
    let mut filters = Vec::new();
    let (mut offset, mut limit) = (0, MAX_PAGE);
    for (key, values) in params.unwrap_or_default() {
        let number = |what: &str| -> ConnectorResult<u64> {
            values
                .first()
                .and_then(|v| v.parse::<u64>().ok())
                .ok_or_else(|| invalid(format!("{what} must be a number.")))
        };
        match key.as_str() {
            "limit" => limit = number("limit")?.min(MAX_PAGE),
            // Databases take signed offsets.
            "offset" => offset = number("offset")?.min(i64::MAX.unsigned_abs()),
            _ => {
                for value in values {
                    filters.push(if key == id_field {
                        RecordFilter::Id(value)
                    } else {
                        RecordFilter::Field {
                            name: key.clone(),
                            value,
                        }
                    });
                }
            }
        }
    }
    Ok((filters, offset, limit))
}

/// One `dynamicEntityProcess` call.
///
/// # Errors
/// `NotFound(OBP-09003)` for CREATE of an entity that is not defined (for the bank),
/// `NotFound(OBP-09005)`
/// for a record that is not in the call's set, `Rejected(OBP-10001)` for a call missing what
/// its operation needs, a database failure.
pub(crate) async fn process(store: &Store, call: DynamicEntityCall) -> ConnectorResult<Value> {
    let scope = call.bank_id.as_deref().unwrap_or("");
    let of = RecordsOf::Entity {
        bank_id: scope,
        entity_name: &call.entity_name,
    };
    let id_field = id_field_name(&call.entity_name);
    let owner = call.user_id.as_deref().unwrap_or("");
    let set = if call.is_personal_entity {
        if owner.is_empty() {
            return Err(invalid("a personal record call needs userId."));
        }
        RecordSet::Personal(owner)
    } else {
        RecordSet::Shared
    };
    let entity_id = || {
        call.entity_id
            .clone()
            .filter(|id| !id.is_empty())
            .ok_or_else(|| invalid("entityId is required."))
    };
    match call.operation {
        DynamicEntityOperation::GetAll => {
            let (filters, offset, limit) = query(&id_field, call.query_parameters.clone())?;
            let rows = list_dynamic_records_page(store, of, set, &filters, offset, limit)
                .await
                .map_err(backend)?;
            Ok(Value::Array(
                rows.into_iter()
                    .map(|r| record_object(&id_field, r))
                    .collect(),
            ))
        }
        DynamicEntityOperation::GetOne => {
            let row = find_dynamic_record(store, of, set, &entity_id()?)
                .await
                .map_err(backend)?
                .ok_or_else(not_found)?;
            Ok(record_object(&id_field, row))
        }
        DynamicEntityOperation::Create => {
            let definition = find_dynamic_entity_by_name(store, scope, &call.entity_name)
                .await
                .map_err(backend)?
                .ok_or(ConnectorError::NotFound {
                    code: ErrorCode::DynamicEntityNotExists,
                })?;
            let (fields, id) = body_fields(&id_field, call.request_body.clone())?;
            let new = NewDynamicRecord {
                id: id.unwrap_or_else(new_id),
                dynamic_entity_id: definition.id.clone(),
                bank_id: definition.bank_id.clone(),
                entity_name: definition.entity_name.clone(),
                data: Value::Object(fields),
                user_id: owner.to_owned(),
                is_personal_entity: call.is_personal_entity,
            };
            let row = insert_dynamic_record(store, new)
                .await
                .map_err(|e| match e {
                    crate::store::StoreError::Duplicate => ConnectorError::rejected(
                        ErrorCode::DynamicEntityInstanceValidateFail,
                        Some(format!("{id_field} is taken.")),
                    ),
                    other => backend(other),
                })?;
            Ok(record_object(&id_field, row))
        }
        DynamicEntityOperation::Update => {
            let id = entity_id()?;
            let (fields, _) = body_fields(&id_field, call.request_body.clone())?;
            let row = update_dynamic_record(store, of, set, &id, Value::Object(fields))
                .await
                .map_err(backend)?
                .ok_or_else(not_found)?;
            Ok(record_object(&id_field, row))
        }
        DynamicEntityOperation::Delete => {
            let existed = delete_dynamic_record(store, of, set, &entity_id()?)
                .await
                .map_err(backend)?;
            Ok(Value::Bool(existed))
        }
    }
}
