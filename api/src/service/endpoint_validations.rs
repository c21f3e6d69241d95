//! Endpoint validations: the JSON Schema a static endpoint's request bodies must match, and
//! the authentication types it accepts, by operation id (OBP's `JsonSchemaValidation` and
//! `AuthenticationTypeValidation`; rules in [`obp_domain::endpoint_validation`]). The guard
//! enforces them ([`crate::guard`]) from the per-instance snapshot
//! ([`crate::endpoint_rules`]), which every write here drops.
//!
//! Unlike OBP, an operation id that no endpoint has is refused (400 OBP-40048, naming the
//! operation with the same function when there is one): a rule on a misspelt id would
//! silently check nothing.

use obp_connectors::store::endpoint_validations::{
    delete_endpoint_validation, find_endpoint_validation, insert_endpoint_validation,
    list_endpoint_validations, update_endpoint_validation, EndpointValidation, ValidationKind,
};
use obp_connectors::store::StoreError;
use obp_domain::endpoint_validation::{parse_allowed_types, RequestSchema};
use obp_domain::ErrorCode;
use serde_json::Value;

use crate::error::{ApiError, ApiResult};
use crate::guard::{all_guards, UNGUARDED_OPERATIONS};
use crate::state::AppState;

/// Refuses an operation id no endpoint has.
fn known_operation(operation_id: &str) -> ApiResult<()> {
    let guards = all_guards();
    if guards.iter().any(|g| g.operation_id == operation_id) {
        if UNGUARDED_OPERATIONS.contains(&operation_id) {
            return Err(ApiError::with_detail(
                ErrorCode::InvalidOperationId,
                format!(
                    "{operation_id} is a health probe or a static file and takes no validation."
                ),
            ));
        }
        return Ok(());
    }
    let function = operation_id.rsplit('-').next().unwrap_or(operation_id);
    let hint = guards
        .iter()
        .find(|g| g.operation_id.rsplit('-').next() == Some(function))
        .map(|g| {
            format!(
                " This server's operation for {function} is {}.",
                g.operation_id
            )
        })
        .unwrap_or_default();
    Err(ApiError::with_detail(
        ErrorCode::InvalidOperationId,
        format!("Current OPERATION_ID is {operation_id}.{hint}"),
    ))
}

/// The rule to store for `body`, as JSON text.
fn checked_content(kind: ValidationKind, body: &Value) -> ApiResult<String> {
    match kind {
        ValidationKind::JsonSchema => {
            RequestSchema::compile(body)
                .map_err(|e| ApiError::with_detail(ErrorCode::JsonSchemaIllegal, e))?;
            Ok(body.to_string())
        }
        ValidationKind::AuthenticationTypes => {
            let types = parse_allowed_types(body)
                .map_err(|e| ApiError::with_detail(ErrorCode::AuthenticationTypeNameIllegal, e))?;
            let names: Vec<&str> = types.iter().map(|t| t.name()).collect();
            Ok(Value::from(names).to_string())
        }
    }
}

fn not_found(kind: ValidationKind, operation_id: &str) -> ApiError {
    let code = match kind {
        ValidationKind::JsonSchema => ErrorCode::JsonSchemaValidationNotFound,
        ValidationKind::AuthenticationTypes => ErrorCode::AuthenticationTypeValidationNotFound,
    };
    ApiError::with_detail(code, format!("Current OPERATION_ID is {operation_id}."))
}

/// Creates the rule of `kind` for an operation.
///
/// # Errors
/// 400 OBP-40048 (unknown operation), OBP-40026 / OBP-40030 (a bad rule), OBP-40029 (the
/// operation has one), a database failure.
pub async fn create(
    state: &AppState,
    kind: ValidationKind,
    operation_id: &str,
    body: &Value,
    user_id: &str,
) -> ApiResult<EndpointValidation> {
    known_operation(operation_id)?;
    let content = checked_content(kind, body)?;
    let row = insert_endpoint_validation(&state.store, kind, operation_id, content, user_id)
        .await
        .map_err(|e| match e {
            StoreError::Duplicate => ApiError::new(ErrorCode::OperationIdExistsError),
            other => other.into(),
        })?;
    state.endpoint_rules.invalidate();
    Ok(row)
}

/// Replaces the rule of `kind` of an operation.
///
/// # Errors
/// 400 OBP-40026 / OBP-40030 (a bad rule), OBP-40027 / OBP-40032 (none), a database failure.
pub async fn update(
    state: &AppState,
    kind: ValidationKind,
    operation_id: &str,
    body: &Value,
    user_id: &str,
) -> ApiResult<EndpointValidation> {
    let content = checked_content(kind, body)?;
    let row = update_endpoint_validation(&state.store, kind, operation_id, content, user_id)
        .await?
        .ok_or_else(|| not_found(kind, operation_id))?;
    state.endpoint_rules.invalidate();
    Ok(row)
}

/// The rule of `kind` of an operation.
///
/// # Errors
/// 400 OBP-40027 / OBP-40032 (none), a database failure.
pub async fn get(
    state: &AppState,
    kind: ValidationKind,
    operation_id: &str,
) -> ApiResult<EndpointValidation> {
    find_endpoint_validation(&state.store, kind, operation_id)
        .await?
        .ok_or_else(|| not_found(kind, operation_id))
}

/// Every rule of `kind`, by operation id.
///
/// # Errors
/// A database failure.
pub async fn list(state: &AppState, kind: ValidationKind) -> ApiResult<Vec<EndpointValidation>> {
    Ok(list_endpoint_validations(&state.store, Some(kind)).await?)
}

/// Deletes the rule of `kind` of an operation.
///
/// # Errors
/// 400 OBP-40027 / OBP-40032 (none), a database failure.
pub async fn delete(state: &AppState, kind: ValidationKind, operation_id: &str) -> ApiResult<()> {
    if !delete_endpoint_validation(&state.store, kind, operation_id).await? {
        return Err(not_found(kind, operation_id));
    }
    state.endpoint_rules.invalidate();
    Ok(())
}
