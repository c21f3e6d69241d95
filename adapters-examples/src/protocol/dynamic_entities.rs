//! `dynamicEntityProcess`: the records of the dynamic entities an operator routes to this
//! adapter (a method routing with the parameter `entityName`), kept in memory. Each record is
//! the JSON object the server sent (its fields and its id field); GET_ALL applies the
//! `field=value` filters and the `limit`/`offset` of `queryParameters`.

use obp_domain::dynamic_entity::{id_field_name, matches_filter};
use obp_domain::ErrorCode;
use serde_json::{Map, Value};

use super::{decode, reply, Answer};
use crate::core::{CoreData, DynamicRecord, Refusal};
use crate::wire::dynamic_entity::{DynamicEntityOperation, OutBoundDynamicEntityProcess};
use crate::wire::Echo;

/// The answer to `method`, or `None` when it is not `dynamicEntityProcess`.
pub(super) fn answer(
    core: &mut CoreData,
    method: &str,
    body: &[u8],
) -> Option<Result<Answer, Answer>> {
    (method == "dynamicEntityProcess").then(|| {
        let out: OutBoundDynamicEntityProcess = decode(body)?;
        Ok(reply(
            Echo::Context(&out.outbound_adapter_call_context),
            process(core, &out),
        ))
    })
}

fn not_found(id: &str) -> Refusal {
    Refusal::new(
        ErrorCode::EntityNotFoundByEntityId,
        format!("Current id is {id}"),
    )
}

fn process(core: &mut CoreData, out: &OutBoundDynamicEntityProcess) -> Result<Value, Refusal> {
    let call = out;
    let id_field = id_field_name(&call.entity_name);
    let owner = call
        .is_personal_entity
        .then(|| call.user_id.clone().unwrap_or_default());
    let in_set = |r: &DynamicRecord| {
        r.entity_name == call.entity_name && r.bank_id == call.bank_id && r.owner == owner
    };
    let id_of = |r: &DynamicRecord| {
        r.fields
            .get(&id_field)
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let wanted = call.entity_id.clone().unwrap_or_default();
    let body = || -> Result<Map<String, Value>, Refusal> {
        match &call.request_body {
            Some(m) => Ok(m.clone()),
            None => Err(Refusal::new(
                ErrorCode::InvalidJsonFormat,
                "requestBody must be an object",
            )),
        }
    };
    match call.operation {
        DynamicEntityOperation::GetAll => {
            let params = call.query_parameters.clone().unwrap_or_default();
            let number = |k: &str, default: usize| {
                params
                    .get(k)
                    .and_then(|v| v.first())
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(default)
            };
            let (offset, limit) = (number("offset", 0), number("limit", usize::MAX));
            let records: Vec<Value> = core
                .dynamic_records
                .iter()
                .filter(|r| in_set(r))
                .filter(|r| {
                    params
                        .iter()
                        .filter(|(k, _)| *k != "limit" && *k != "offset")
                        .all(|(k, vs)| vs.iter().all(|v| matches_filter(&r.fields, k, v)))
                })
                .skip(offset)
                .take(limit)
                .map(|r| Value::Object(r.fields.clone()))
                .collect();
            Ok(Value::Array(records))
        }
        DynamicEntityOperation::GetOne => core
            .dynamic_records
            .iter()
            .find(|r| in_set(r) && id_of(r).as_deref() == Some(wanted.as_str()))
            .map(|r| Value::Object(r.fields.clone()))
            .ok_or_else(|| not_found(&wanted)),
        DynamicEntityOperation::Create => {
            let fields = body()?;
            if !fields.get(&id_field).is_some_and(Value::is_string) {
                return Err(Refusal::new(
                    ErrorCode::InvalidJsonFormat,
                    format!("{id_field} is required"),
                ));
            }
            core.dynamic_records.push(DynamicRecord {
                entity_name: call.entity_name.clone(),
                bank_id: call.bank_id.clone(),
                owner,
                fields: fields.clone(),
            });
            Ok(Value::Object(fields))
        }
        DynamicEntityOperation::Update => {
            let mut fields = body()?;
            fields.insert(id_field.clone(), Value::String(wanted.clone()));
            let record = core
                .dynamic_records
                .iter_mut()
                .find(|r| in_set(r) && id_of(r).as_deref() == Some(wanted.as_str()))
                .ok_or_else(|| not_found(&wanted))?;
            record.fields = fields.clone();
            Ok(Value::Object(fields))
        }
        DynamicEntityOperation::Delete => {
            let before = core.dynamic_records.len();
            core.dynamic_records
                .retain(|r| !(in_set(r) && id_of(r).as_deref() == Some(wanted.as_str())));
            Ok(Value::Bool(core.dynamic_records.len() < before))
        }
    }
}
