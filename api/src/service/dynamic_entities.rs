//! Dynamic entities: definitions managed at run time and the records of their generated
//! CRUD endpoints (OBP's `DynamicEntity`, `/obp/dynamic-entity/...`).
//!
//! Definitions are validated in [`obp_domain::dynamic_entity`]; each definition version is
//! compiled to a JSON Schema validator once and kept in [`crate::dynamic_schemas::SchemaCache`]
//! (keyed by id and version, never stale). Record requests find their definition in the
//! per-instance snapshot [`crate::dynamic_schemas::DefinitionCache`]: a new, changed or
//! deleted entity takes effect at once on the instance that wrote it and within
//! `dynamic_entity_cache_ttl_millis` on the others.
//!
//! Records go through the connector's `dynamicEntityProcess` (GET_ALL / GET_ONE / CREATE /
//! UPDATE / DELETE), as in OBP: `mapped` keeps them in the local database, and a method
//! routing with the parameter `entityName` sends one entity's records to an adapter. Checks
//! of a definition change or delete against existing records read the local records only:
//! an entity routed to an adapter has its records there, and the adapter owns them.
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

use std::collections::BTreeMap;
use std::sync::Arc;

use obp_connectors::error::ConnectorError;
use obp_connectors::store::dynamic_entities::{
    count_dynamic_entities, delete_dynamic_entity, find_dynamic_entity,
    find_dynamic_entity_by_name, insert_dynamic_entity, list_dynamic_entities,
    list_dynamic_records, update_dynamic_entity, DeleteEntityOutcome, DynamicEntityRow,
    DynamicRecord, NewDynamicEntity, RecordSet,
};
use obp_connectors::store::method_routings::find_method_routing;
use obp_connectors::store::{self, Entitlement, StoreError};
use obp_domain::context::{AuthUser, CallContext};
use obp_domain::dynamic_entity::{
    check_record, matches_filter, reference_ids, Action, Definition, DynamicRole, FieldType,
    RecordError, RecordValidator, MAX_ENTITIES_PER_SCOPE,
};
use obp_domain::ids::{AccountId, BankId};
use obp_domain::message::{DynamicEntityCall, DynamicEntityOperation};
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
        Ok(row) => {
            state.dynamic_definitions.invalidate();
            Ok(row)
        }
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
    let records = record_list(state, &old.id, RecordSet::All).await?;
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
    state.dynamic_definitions.invalidate();
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
    state.dynamic_definitions.invalidate();
    drop_roles(state, &row).await
}

/// The definitions `caller` created, at every scope (`GET /my/dynamic-entities`).
///
/// # Errors
/// A database failure.
pub async fn my_definitions(
    state: &AppState,
    caller: &AuthUser,
) -> ApiResult<Vec<DynamicEntityRow>> {
    let rows = list_dynamic_entities(&state.store, None).await?;
    Ok(rows
        .into_iter()
        .filter(|r| r.user_id == caller.user_id)
        .collect())
}

/// A definition `caller` created; OBP answers 400 OBP-09010 for any other id, whether
/// it exists or not.
///
/// # Errors
/// 400 OBP-09010, a database failure.
pub async fn my_definition(
    state: &AppState,
    caller: &AuthUser,
    id: &str,
) -> ApiResult<DynamicEntityRow> {
    my_definitions(state, caller)
        .await?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(|| {
            ApiError::with_detail(
                ErrorCode::InvalidMyDynamicEntityUser,
                format!("Current DYNAMIC_ENTITY_ID is {id}"),
            )
        })
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
    /// USER_ID of the caller when the request is on the personal (`/my/`) records.
    pub personal_user: Option<String>,
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

    /// The record set the request works on.
    pub fn set(&self) -> RecordSet<'_> {
        match &self.personal_user {
            Some(u) => RecordSet::Personal(u),
            None => RecordSet::Shared,
        }
    }
}

/// Resolves the entity of a record request (from the per-instance definition snapshot,
/// [`crate::dynamic_schemas::DefinitionCache`]) and checks the caller's role for `action`
/// (`known`: the caller's entitlements when authentication read them; the bank, if any, is
/// checked by the caller first). A personal request (`/my/`) needs
/// an entity with `hasPersonalEntity` and no role: it works on the caller's own records.
///
/// # Errors
/// 404 OBP-09003, 403 OBP-20006, a database failure.
pub async fn resolve(
    state: &AppState,
    caller: &AuthUser,
    known: Option<&[Entitlement]>,
    bank_id: Option<&str>,
    entity_name: &str,
    personal: bool,
    action: Action,
) -> ApiResult<Entity> {
    let row = state
        .dynamic_definitions
        .find(&state.store, scope(bank_id), entity_name)
        .await?
        .filter(|row| !personal || row.has_personal_entity)
        .ok_or_else(|| {
            let personal = if personal {
                " with hasPersonalEntity = true"
            } else {
                ""
            };
            ApiError::with_detail(
                ErrorCode::DynamicEntityNotExists,
                format!("Current entityName is {entity_name}{personal}"),
            )
        })?;
    if !personal {
        let role = DynamicRole::of(action, &row.entity_name, bank_id.is_some());
        authorize_dynamic(state, caller, &role, bank_id, known).await?;
    }
    let compiled = state.dynamic_schemas.get_or_compile(&row)?;
    Ok(Entity {
        row,
        compiled,
        personal_user: personal.then(|| caller.user_id.clone()),
    })
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

/// Whether a connector lookup found its resource: `NotFound` is `false`, any other failure
/// (timeout, adapter down) is reported as is.
fn found<T>(res: Result<T, ConnectorError>) -> ApiResult<bool> {
    match res {
        Ok(_) => Ok(true),
        Err(e) if e.is_not_found() => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Whether the resource a `reference:<target>` value names exists. `ids` come from
/// [`reference_ids`]; a malformed id counts as missing. Types OBP lists whose lookup needs
/// a bank this server cannot infer (`TransactionRequest`, the `...Attribute` types and
/// `Counterparty` by id alone) are looked up at the entity's bank, and not checked for a
/// system-level entity.
async fn reference_exists(
    state: &AppState,
    ctx: &CallContext,
    caller: &AuthUser,
    entity: &Entity,
    target: &str,
    ids: &[String],
) -> ApiResult<bool> {
    let c = &state.connector;
    let bank = |s: &str| BankId::parse(s.to_owned()).ok();
    let own_bank = entity.bank_id().and_then(bank);
    let kind = target.split(':').next().unwrap_or(target);
    Ok(match (kind, ids) {
        ("Bank", [b]) => match bank(b) {
            Some(b) => found(c.get_bank(ctx, &b).await)?,
            None => false,
        },
        ("Customer", [id]) => found(c.get_customer_by_customer_id(ctx, id).await)?,
        ("Consumer", [id]) => store::find_consumer(&state.store, id).await?.is_some(),
        ("MethodRouting", [id]) => find_method_routing(&state.store, id).await?.is_some(),
        ("DynamicEntity", [id]) => list_dynamic_entities(&state.store, None)
            .await?
            .iter()
            .any(|r| r.id == *id),
        ("Branch", [b, id]) => match bank(b) {
            Some(b) => found(c.get_branch(ctx, &b, id).await)?,
            None => false,
        },
        ("Atm", [b, id]) => match bank(b) {
            Some(b) => found(c.get_atm(ctx, &b, id).await)?,
            None => false,
        },
        ("Product", [b, code]) => match bank(b) {
            Some(b) => found(c.get_product(ctx, &b, code).await)?,
            None => false,
        },
        ("PhysicalCard", [b, id]) => match bank(b) {
            Some(b) => found(c.get_physical_card_for_bank(ctx, &b, id).await)?,
            None => false,
        },
        ("BankAccount", [b, a]) => match (bank(b), AccountId::parse(a.clone()).ok()) {
            (Some(b), Some(a)) => found(c.get_bank_account(ctx, &b, &a).await)?,
            _ => false,
        },
        ("Transaction", [b, a, id]) => match (bank(b), AccountId::parse(a.clone()).ok()) {
            (Some(b), Some(a)) => found(c.get_transaction(ctx, &b, &a, id).await)?,
            _ => false,
        },
        ("Counterparty", [b, a, id]) => match bank(b) {
            Some(b) => match c.get_counterparty_by_counterparty_id(ctx, &b, id).await {
                Ok(cp) => cp.this_account_id.as_str() == a,
                Err(e) if e.is_not_found() => false,
                Err(e) => return Err(e.into()),
            },
            None => false,
        },
        (
            "TransactionRequest"
            | "ProductAttribute"
            | "AccountAttribute"
            | "TransactionAttribute"
            | "CustomerAttribute"
            | "CardAttribute"
            | "AccountApplication"
            | "Counterparty",
            [id],
        ) => match &own_bank {
            None => true,
            Some(b) => match kind {
                "TransactionRequest" => found(c.get_transaction_request(ctx, b, id).await)?,
                "ProductAttribute" => found(c.get_product_attribute_by_id(ctx, b, id).await)?,
                "AccountAttribute" => found(c.get_account_attribute_by_id(ctx, b, id).await)?,
                "TransactionAttribute" => {
                    found(c.get_transaction_attribute_by_id(ctx, b, id).await)?
                }
                "CustomerAttribute" => found(c.get_customer_attribute_by_id(ctx, b, id).await)?,
                "Counterparty" => found(c.get_counterparty_by_counterparty_id(ctx, b, id).await)?,
                _ => true,
            },
        },
        (_, [id]) => dynamic_reference_exists(state, ctx, caller, entity, target, id).await?,
        _ => false,
    })
}

/// A `reference:FooBar` value names a shared record of entity `FooBar` (or one of the
/// caller's personal records), looked up at the referencing entity's bank first, then at
/// system level.
async fn dynamic_reference_exists(
    state: &AppState,
    ctx: &CallContext,
    caller: &AuthUser,
    entity: &Entity,
    target: &str,
    id: &str,
) -> ApiResult<bool> {
    let mut scopes = vec![None];
    if let Some(b) = entity.bank_id() {
        scopes.insert(0, Some(b.to_owned()));
    }
    for bank_id in scopes {
        if find_dynamic_entity_by_name(&state.store, bank_id.as_deref().unwrap_or(""), target)
            .await?
            .is_none()
        {
            continue;
        }
        for personal in [false, true] {
            let mut call = call_on(
                target,
                bank_id.as_deref(),
                caller,
                personal,
                DynamicEntityOperation::GetOne,
            );
            call.entity_id = Some(id.to_owned());
            if found(state.connector.dynamic_entity_process(ctx, call).await)? {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// Checks that every `reference:` field of a validated body names an existing resource
/// (OBP's `ReferenceType.validateRefValue`): 400 OBP-09007 with one message per failing
/// field, joined by `; `.
async fn check_references(
    state: &AppState,
    ctx: &CallContext,
    caller: &AuthUser,
    entity: &Entity,
    fields: &Map<String, Value>,
) -> ApiResult<()> {
    let mut problems = Vec::new();
    for p in &entity.definition().properties {
        let FieldType::Reference(target) = &p.field_type else {
            continue;
        };
        let Some(Value::String(value)) = fields.get(&p.name) else {
            continue;
        };
        let ids = match reference_ids(target, &p.name, value) {
            Ok(ids) => ids,
            Err(msg) => {
                problems.push(msg);
                continue;
            }
        };
        if !reference_exists(state, ctx, caller, entity, target, &ids).await? {
            let kind = target.split(':').next().unwrap_or(target);
            problems.push(if FieldType::STATIC_REFERENCES.contains(&target.as_str()) {
                format!(
                    "entity '{kind}' not found by the value '{value}', the field name is '{}'.",
                    p.name
                )
            } else {
                format!(
                    "{kind} not found by the id value '{value}', propertyName is '{}'",
                    p.name
                )
            });
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ApiError::with_detail(
            ErrorCode::DynamicEntityInstanceValidateFail,
            format!("details: {}", problems.join("; ")),
        ))
    }
}

/// The `dynamicEntityProcess` call of `operation` on `entity`'s records for `caller`.
fn process_call(
    entity: &Entity,
    caller: &AuthUser,
    operation: DynamicEntityOperation,
) -> DynamicEntityCall {
    call_on(
        &entity.row.entity_name,
        entity.bank_id(),
        caller,
        entity.personal_user.is_some(),
        operation,
    )
}

/// The `dynamicEntityProcess` call of `operation` on the shared (or, when `personal`,
/// `caller`'s own) records of `entity_name` at `bank_id`.
fn call_on(
    entity_name: &str,
    bank_id: Option<&str>,
    caller: &AuthUser,
    personal: bool,
    operation: DynamicEntityOperation,
) -> DynamicEntityCall {
    DynamicEntityCall {
        operation,
        entity_name: entity_name.to_owned(),
        request_body: None,
        entity_id: None,
        bank_id: bank_id.map(str::to_owned),
        query_parameters: None,
        user_id: Some(caller.user_id.clone()),
        is_personal_entity: personal,
    }
}

/// Sends a call through the connector (routed by entity under `star`); a record the call's
/// set lacks is 404 OBP-09005.
async fn process(state: &AppState, ctx: &CallContext, call: DynamicEntityCall) -> ApiResult<Value> {
    let id = call.entity_id.clone().unwrap_or_default();
    match state.connector.dynamic_entity_process(ctx, call).await {
        Ok(v) => Ok(v),
        Err(e) if e.is_not_found() => Err(record_not_found(&id)),
        Err(e) => Err(e.into()),
    }
}

/// A record answer that is not an object is the connector's fault.
fn record_of(value: Value) -> ApiResult<Value> {
    if value.is_object() {
        Ok(value)
    } else {
        Err(ApiError::with_detail(
            ErrorCode::InvalidConnectorResponse,
            "dynamicEntityProcess answered a record that is not a JSON object.",
        ))
    }
}

/// CREATE: validates a record and stores it through the connector, with a new id in its id
/// field (as OBP's `invokeDynamicConnector`). Answers the stored record.
///
/// # Errors
/// 400 OBP-09014 naming every failing field and keyword, 400 OBP-09007 naming every
/// `reference:` field whose resource does not exist (nothing written), a connector failure.
pub async fn create_record(
    state: &AppState,
    ctx: &CallContext,
    caller: &AuthUser,
    entity: &Entity,
    body: &Value,
) -> ApiResult<Value> {
    let mut fields = checked_body(entity, body)?;
    check_references(state, ctx, caller, entity, &fields).await?;
    fields.insert(
        entity.definition().id_field(),
        Value::String(store::new_id()),
    );
    let mut call = process_call(entity, caller, DynamicEntityOperation::Create);
    call.request_body = Some(Value::Object(fields));
    record_of(process(state, ctx, call).await?)
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
/// record id), oldest first, one page. The filters and the page travel in
/// `queryParameters`; whatever the connector answers is filtered again and cut to the page's
/// size, so an adapter that ignores them cannot widen the answer.
///
/// # Errors
/// A connector failure.
pub async fn list_records(
    state: &AppState,
    ctx: &CallContext,
    caller: &AuthUser,
    entity: &Entity,
    filters: &[(String, String)],
    page: Page,
) -> ApiResult<Vec<Value>> {
    let mut params: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (k, v) in filters {
        params.entry(k.clone()).or_default().push(v.clone());
    }
    params.insert("limit".into(), vec![page.limit.to_string()]);
    params.insert("offset".into(), vec![page.offset.to_string()]);
    let mut call = process_call(entity, caller, DynamicEntityOperation::GetAll);
    call.query_parameters = Some(params);
    let Value::Array(items) = process(state, ctx, call).await? else {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidConnectorResponse,
            "dynamicEntityProcess answered GET_ALL with something other than an array.",
        ));
    };
    Ok(items
        .into_iter()
        .filter(|r| {
            r.as_object()
                .is_some_and(|m| filters.iter().all(|(k, v)| matches_filter(m, k, v)))
        })
        .take(page.limit)
        .collect())
}

/// GET_ONE.
///
/// # Errors
/// 404 OBP-09005, a connector failure.
pub async fn get_record(
    state: &AppState,
    ctx: &CallContext,
    caller: &AuthUser,
    entity: &Entity,
    id: &str,
) -> ApiResult<Value> {
    let mut call = process_call(entity, caller, DynamicEntityOperation::GetOne);
    call.entity_id = Some(id.to_owned());
    record_of(process(state, ctx, call).await?)
}

/// UPDATE: replaces a record's fields after validating them.
///
/// # Errors
/// 404 OBP-09005, 400 OBP-09014, 400 OBP-09007 (references), a connector failure.
pub async fn update_record(
    state: &AppState,
    ctx: &CallContext,
    caller: &AuthUser,
    entity: &Entity,
    id: &str,
    body: &Value,
) -> ApiResult<Value> {
    get_record(state, ctx, caller, entity, id).await?;
    let mut fields = checked_body(entity, body)?;
    check_references(state, ctx, caller, entity, &fields).await?;
    fields.insert(entity.definition().id_field(), Value::String(id.to_owned()));
    let mut call = process_call(entity, caller, DynamicEntityOperation::Update);
    call.entity_id = Some(id.to_owned());
    call.request_body = Some(Value::Object(fields));
    record_of(process(state, ctx, call).await?)
}

/// DELETE.
///
/// # Errors
/// 404 OBP-09005, a connector failure.
pub async fn delete_record(
    state: &AppState,
    ctx: &CallContext,
    caller: &AuthUser,
    entity: &Entity,
    id: &str,
) -> ApiResult<()> {
    let mut call = process_call(entity, caller, DynamicEntityOperation::Delete);
    call.entity_id = Some(id.to_owned());
    match process(state, ctx, call).await? {
        Value::Bool(true) => Ok(()),
        Value::Bool(false) => Err(record_not_found(id)),
        _ => Err(ApiError::with_detail(
            ErrorCode::InvalidConnectorResponse,
            "dynamicEntityProcess answered DELETE with something other than a boolean.",
        )),
    }
}

async fn record_list(
    state: &AppState,
    dynamic_entity_id: &str,
    set: RecordSet<'_>,
) -> ApiResult<Vec<DynamicRecord>> {
    Ok(list_dynamic_records(&state.store, dynamic_entity_id, set).await?)
}
