//! Dynamic entities: definitions managed at run time and the records of their generated
//! CRUD endpoints (OBP's `DynamicEntity`, `/obp/dynamic-entity/...`).
//!
//! Definitions are validated in [`obp_domain::dynamic_entity`]; each definition version is
//! compiled to a JSON Schema validator once and kept in [`crate::dynamic_schemas::SchemaCache`]. A definition row
//! is read on every record request, so a new, changed or deleted entity takes effect on the
//! next request on every instance (the cache is keyed by id and version, never stale).
//!
//! Records go through the `record_*` functions only: they are the `mapped` implementation
//! of OBP's `dynamicEntityProcess` (GET_ALL / GET_ONE / CREATE / UPDATE / DELETE), the one
//! place a connector call will replace when entities become method-routable.
//!
//! Order of checks for a record request: login (401 OBP-20001), the bank of a bank-level
//! entity (404 OBP-30001), the entity (404 OBP-09003), the entity's role (403 OBP-20006),
//! then the record (404 OBP-09005) and the body (400 OBP-10001 / OBP-09014).
//!
//! Rules chosen here: a definition's name may change only while it has no records; a
//! definition change is refused (400 OBP-09007, with the count) when an existing record
//! would not match the new schema; deleting a definition (refused with records, OBP-09006)
//! also removes the entitlements of its generated roles, so a later entity of the same name
//! does not inherit them.

use std::sync::Arc;

use obp_connectors::store::dynamic_entities::{
    count_dynamic_entities, delete_dynamic_entity, delete_dynamic_record, find_dynamic_entity,
    find_dynamic_entity_by_name, find_dynamic_record, insert_dynamic_entity, insert_dynamic_record,
    list_dynamic_entities, list_dynamic_records, update_dynamic_entity, update_dynamic_record,
    DeleteEntityOutcome, DynamicEntityRow, DynamicRecord, NewDynamicEntity, NewDynamicRecord,
};
use obp_connectors::store::{self, StoreError};
use obp_domain::context::AuthUser;
use obp_domain::dynamic_entity::{
    check_record, matches_filter, Action, Definition, DynamicRole, RecordError, RecordValidator,
    MAX_ENTITIES_PER_SCOPE,
};
use obp_domain::ErrorCode;
use serde_json::{Map, Value};

use crate::dynamic_schemas::Compiled;
use crate::error::{ApiError, ApiResult};
use crate::guard::authorize_dynamic;
use crate::state::AppState;

/// `""` for system level, else the bank id.
fn scope(bank_id: Option<&str>) -> &str {
    bank_id.unwrap_or("")
}

fn invalid_definition(detail: impl Into<String>) -> ApiError {
    ApiError::with_detail(ErrorCode::DynamicEntityInstanceValidateFail, detail)
}

fn definition_not_found(id: &str) -> ApiError {
    ApiError::with_detail(
        ErrorCode::DynamicEntityNotFoundByDynamicEntityId,
        format!("Current DYNAMIC_ENTITY_ID is {id}"),
    )
}

fn name_taken(name: &str, bank_id: Option<&str>) -> ApiError {
    let detail = match bank_id {
        Some(b) => format!("current entityName is '{name}' bankId is {b}."),
        None => format!("current entityName is '{name}'."),
    };
    ApiError::with_detail(ErrorCode::DynamicEntityNameAlreadyExists, detail)
}

/// Creates a definition at a scope (the caller's access already checked).
///
/// # Errors
/// 400 OBP-09007 invalid definition or too many entities, 400 OBP-09002 name taken, a
/// database failure.
pub async fn create_definition(
    state: &AppState,
    caller: &AuthUser,
    bank_id: Option<&str>,
    body: &Value,
) -> ApiResult<DynamicEntityRow> {
    let definition = Definition::parse(body).map_err(|e| invalid_definition(e.0))?;
    let count = count_dynamic_entities(&state.store, scope(bank_id)).await?;
    if count >= MAX_ENTITIES_PER_SCOPE as u64 {
        return Err(invalid_definition(format!(
            "At most {MAX_ENTITIES_PER_SCOPE} dynamic entities are allowed {}.",
            match bank_id {
                Some(b) => format!("per bank; BANK_ID {b} has {count}"),
                None => format!("at system level; there are {count}"),
            }
        )));
    }
    let new = NewDynamicEntity {
        bank_id: scope(bank_id).to_owned(),
        entity_name: definition.entity_name.clone(),
        user_id: caller.user_id.clone(),
        has_personal_entity: definition.has_personal_entity,
        definition: definition.body.to_string(),
    };
    match insert_dynamic_entity(&state.store, new).await {
        Ok(row) => Ok(row),
        Err(StoreError::Duplicate) => Err(name_taken(&definition.entity_name, bank_id)),
        Err(e) => Err(e.into()),
    }
}

/// The definitions of a scope.
///
/// # Errors
/// A database failure.
pub async fn list_definitions(
    state: &AppState,
    bank_id: Option<&str>,
) -> ApiResult<Vec<DynamicEntityRow>> {
    Ok(list_dynamic_entities(&state.store, Some(scope(bank_id))).await?)
}

/// Replaces a definition (see the module documentation for the rules on records).
///
/// # Errors
/// 404 OBP-09001, 400 OBP-09007, 400 OBP-09006 (renaming with records), 400 OBP-09002, a
/// database failure.
pub async fn update_definition(
    state: &AppState,
    bank_id: Option<&str>,
    id: &str,
    body: &Value,
) -> ApiResult<DynamicEntityRow> {
    let old = find_dynamic_entity(&state.store, scope(bank_id), id)
        .await?
        .ok_or_else(|| definition_not_found(id))?;
    let definition = Definition::parse(body).map_err(|e| invalid_definition(e.0))?;
    let records = record_list(state, &old.id).await?;
    if definition.entity_name != old.entity_name && !records.is_empty() {
        return Err(ApiError::with_detail(
            ErrorCode::DynamicEntityOperationNotAllowed,
            format!(
                "The entity name cannot change from '{}' while it has {} record(s).",
                old.entity_name,
                records.len()
            ),
        ));
    }
    let validator =
        RecordValidator::compile(&definition.json_schema()).map_err(invalid_definition)?;
    let offending = records
        .iter()
        .filter(|r| !validator.errors_of(&r.data).is_empty())
        .count();
    if offending > 0 {
        return Err(invalid_definition(format!(
            "The new definition does not match {offending} existing record(s) of {}; update or delete them first.",
            old.entity_name
        )));
    }
    let renamed = definition.entity_name != old.entity_name;
    let row = match update_dynamic_entity(
        &state.store,
        scope(bank_id),
        id,
        definition.entity_name.clone(),
        definition.has_personal_entity,
        definition.body.to_string(),
    )
    .await
    {
        Ok(Some(row)) => row,
        Ok(None) => return Err(definition_not_found(id)),
        Err(StoreError::Duplicate) => return Err(name_taken(&definition.entity_name, bank_id)),
        Err(e) => return Err(e.into()),
    };
    state.dynamic_schemas.forget(id);
    if renamed {
        drop_roles(state, &old).await?;
    }
    Ok(row)
}

/// Deletes a definition without records, and the entitlements of its roles.
///
/// # Errors
/// 404 OBP-09001, 400 OBP-09006, a database failure.
pub async fn delete_definition(state: &AppState, bank_id: Option<&str>, id: &str) -> ApiResult<()> {
    let row = find_dynamic_entity(&state.store, scope(bank_id), id)
        .await?
        .ok_or_else(|| definition_not_found(id))?;
    match delete_dynamic_entity(&state.store, scope(bank_id), id).await? {
        DeleteEntityOutcome::Deleted => {}
        DeleteEntityOutcome::NotFound => return Err(definition_not_found(id)),
        DeleteEntityOutcome::HasRecords => {
            return Err(ApiError::new(ErrorCode::DynamicEntityOperationNotAllowed))
        }
    }
    state.dynamic_schemas.forget(id);
    drop_roles(state, &row).await
}

async fn drop_roles(state: &AppState, row: &DynamicEntityRow) -> ApiResult<()> {
    let bank_level = !row.bank_id.is_empty();
    let names: Vec<String> = DynamicRole::all_of(&row.entity_name, bank_level)
        .into_iter()
        .map(|r| r.name)
        .collect();
    store::delete_entitlements_of_roles(&state.store, &names, &row.bank_id).await?;
    Ok(())
}

/// The roles of every existing entity.
///
/// # Errors
/// A database failure.
pub async fn dynamic_roles(state: &AppState) -> ApiResult<Vec<DynamicRole>> {
    let rows = list_dynamic_entities(&state.store, None).await?;
    let mut roles: Vec<DynamicRole> = rows
        .iter()
        .flat_map(|r| DynamicRole::all_of(&r.entity_name, !r.bank_id.is_empty()))
        .collect();
    roles.sort_by(|a, b| a.name.cmp(&b.name));
    roles.dedup();
    Ok(roles)
}

/// The dynamic role `name` granted at `bank_id` (`""` = system), when its entity exists at
/// that scope.
///
/// # Errors
/// A database failure.
pub async fn find_dynamic_role(
    state: &AppState,
    name: &str,
    bank_id: &str,
) -> ApiResult<Option<DynamicRole>> {
    let bank_level = !bank_id.is_empty();
    for (entity_name, level) in DynamicRole::candidates(name) {
        if level != bank_level {
            continue;
        }
        if find_dynamic_entity_by_name(&state.store, bank_id, &entity_name)
            .await?
            .is_some()
        {
            let role = DynamicRole {
                name: name.to_owned(),
                requires_bank_id: bank_level,
            };
            return Ok(Some(role));
        }
    }
    Ok(None)
}

/// The dynamic role `name` of an entity at any scope.
///
/// # Errors
/// A database failure.
pub async fn dynamic_role_anywhere(state: &AppState, name: &str) -> ApiResult<Option<DynamicRole>> {
    Ok(dynamic_roles(state)
        .await?
        .into_iter()
        .find(|r| r.name == name))
}

/// The entity a record request is about, with its compiled definition.
#[derive(Debug, Clone)]
pub struct Entity {
    /// The definition row.
    pub row: DynamicEntityRow,
    /// Its compiled definition.
    pub compiled: Arc<Compiled>,
}

impl Entity {
    /// The definition.
    pub fn definition(&self) -> &Definition {
        &self.compiled.definition
    }

    /// BANK_ID of a bank-level entity.
    pub fn bank_id(&self) -> Option<&str> {
        Some(self.row.bank_id.as_str()).filter(|b| !b.is_empty())
    }
}

/// Resolves the entity of a record request and checks the caller's role for `action`
/// (the bank, if any, is checked by the caller first).
///
/// # Errors
/// 404 OBP-09003, 403 OBP-20006, a database failure.
pub async fn resolve(
    state: &AppState,
    caller: &AuthUser,
    bank_id: Option<&str>,
    entity_name: &str,
    action: Action,
) -> ApiResult<Entity> {
    let row = find_dynamic_entity_by_name(&state.store, scope(bank_id), entity_name)
        .await?
        .ok_or_else(|| {
            ApiError::with_detail(
                ErrorCode::DynamicEntityNotExists,
                format!("Current entityName is {entity_name}"),
            )
        })?;
    let role = DynamicRole::of(action, &row.entity_name, bank_id.is_some());
    authorize_dynamic(state, caller, &role, bank_id).await?;
    let compiled = state.dynamic_schemas.get_or_compile(&row)?;
    Ok(Entity { row, compiled })
}

fn record_not_found(id: &str) -> ApiError {
    ApiError::with_detail(
        ErrorCode::EntityNotFoundByEntityId,
        format!("Current id is {id}"),
    )
}

fn checked_body(entity: &Entity, body: &Value) -> ApiResult<Map<String, Value>> {
    check_record(entity.definition(), &entity.compiled.validator, body).map_err(|e| match e {
        RecordError::Invalid(_) | RecordError::TooLarge(_) | RecordError::NotAnObject => {
            ApiError::with_detail(ErrorCode::InvalidRequestPayload, e.to_string())
        }
    })
}

/// CREATE: validates and stores a record.
///
/// # Errors
/// 400 OBP-09014 naming every failing field and keyword (nothing written), a database
/// failure.
pub async fn create_record(
    state: &AppState,
    caller: &AuthUser,
    entity: &Entity,
    body: &Value,
) -> ApiResult<DynamicRecord> {
    let fields = checked_body(entity, body)?;
    let new = NewDynamicRecord {
        dynamic_entity_id: entity.row.id.clone(),
        bank_id: entity.row.bank_id.clone(),
        entity_name: entity.row.entity_name.clone(),
        data: Value::Object(fields),
        user_id: caller.user_id.clone(),
    };
    Ok(insert_dynamic_record(&state.store, new).await?)
}

/// One page of GET_ALL.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    /// Records skipped.
    pub offset: usize,
    /// Most records returned.
    pub limit: usize,
}

/// GET_ALL: the records matching every `field=value` filter (the id field filters on the
/// record id), oldest first, one page.
///
/// # Errors
/// A database failure.
pub async fn list_records(
    state: &AppState,
    entity: &Entity,
    filters: &[(String, String)],
    page: Page,
) -> ApiResult<Vec<DynamicRecord>> {
    let id_field = entity.definition().id_field();
    let all = record_list(state, &entity.row.id).await?;
    Ok(all
        .into_iter()
        .filter(|r| {
            filters.iter().all(|(k, v)| {
                if *k == id_field {
                    r.id == *v
                } else {
                    r.data.as_object().is_some_and(|m| matches_filter(m, k, v))
                }
            })
        })
        .skip(page.offset)
        .take(page.limit)
        .collect())
}

/// GET_ONE.
///
/// # Errors
/// 404 OBP-09005, a database failure.
pub async fn get_record(state: &AppState, entity: &Entity, id: &str) -> ApiResult<DynamicRecord> {
    find_dynamic_record(&state.store, &entity.row.id, id)
        .await?
        .ok_or_else(|| record_not_found(id))
}

/// UPDATE: replaces a record's fields after validating them.
///
/// # Errors
/// 404 OBP-09005, 400 OBP-09014, a database failure.
pub async fn update_record(
    state: &AppState,
    entity: &Entity,
    id: &str,
    body: &Value,
) -> ApiResult<DynamicRecord> {
    get_record(state, entity, id).await?;
    let fields = checked_body(entity, body)?;
    update_dynamic_record(&state.store, &entity.row.id, id, Value::Object(fields))
        .await?
        .ok_or_else(|| record_not_found(id))
}

/// DELETE.
///
/// # Errors
/// 404 OBP-09005, a database failure.
pub async fn delete_record(state: &AppState, entity: &Entity, id: &str) -> ApiResult<()> {
    if delete_dynamic_record(&state.store, &entity.row.id, id).await? {
        Ok(())
    } else {
        Err(record_not_found(id))
    }
}

async fn record_list(state: &AppState, dynamic_entity_id: &str) -> ApiResult<Vec<DynamicRecord>> {
    Ok(list_dynamic_records(&state.store, dynamic_entity_id).await?)
}
