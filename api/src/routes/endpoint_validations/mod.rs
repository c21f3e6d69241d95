//! Endpoint validations (`/management/json-schema-validations/OPERATION_ID`,
//! `/management/authentication-type-validations/OPERATION_ID`): the JSON Schema a static
//! endpoint's POST and PUT bodies must match (else 400 OBP-09014, checked after the login and
//! role checks, before the handler), and the authentication types it accepts (else 400
//! OBP-40034, checked first; anonymous requests are left to the endpoint's login rule). Both
//! take effect at once on the instance that wrote them and within
//! `endpoint_validation_cache_ttl_millis` on the others.

use actix_web::{delete, get, post, put, web, HttpResponse};
use obp_connectors::store::endpoint_validations::ValidationKind::{
    AuthenticationTypes, JsonSchema,
};
use obp_domain::role;

use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::service::endpoint_validations as service;
use crate::state::AppState;

mod json;
pub use json::*;

/// Create a JSON Schema Validation
///
/// Attaches a JSON Schema to an operation: draft-07 or draft 2020-12 by `$schema` (2020-12
/// when absent), checked against its meta-schema, patterns in linear time (no look-around or
/// back-references), nothing fetched for `$ref`, at most 64 KiB. Needs
/// `CanCreateJsonSchemaValidation`. Unknown operation OBP-40048, bad schema OBP-40026, the
/// operation has one OBP-40029.
#[endpoint(
    POST "/management/json-schema-validations/{operation_id}",
    operation_id = "OBPv4.0.0-createJsonSchemaValidation",
    login,
    roles = [role::CAN_CREATE_JSON_SCHEMA_VALIDATION],
    tag = "JSON-Schema-Validation",
    params(OperationPath),
    request_body = JsonSchemaBody,
    responses(
        (status = 201, description = "The validation", body = JsonSchemaValidationJson),
        (status = 400, description = "OBP-10001; OBP-40048; OBP-40026; OBP-40029", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody)
    )
)]
pub async fn create_json_schema_validation(
    auth: Authorized<CreateJsonSchemaValidation>,
    state: web::Data<AppState>,
    path: web::Path<OperationPath>,
    body: web::Json<JsonSchemaBody>,
) -> ApiResult<HttpResponse> {
    let user = auth.user()?;
    let row = service::create(
        &state,
        JsonSchema,
        &path.operation_id,
        &body.0 .0,
        &user.user_id,
    )
    .await?;
    Ok(HttpResponse::Created().json(JsonSchemaValidationJson::from(row)))
}

/// Update a JSON Schema Validation
///
/// Replaces an operation's JSON Schema (same checks as create). Needs
/// `CanUpdateJsonSchemaValidation`. None OBP-40027 (400, as OBP).
#[endpoint(
    PUT "/management/json-schema-validations/{operation_id}",
    operation_id = "OBPv4.0.0-updateJsonSchemaValidation",
    login,
    roles = [role::CAN_UPDATE_JSON_SCHEMA_VALIDATION],
    tag = "JSON-Schema-Validation",
    params(OperationPath),
    request_body = JsonSchemaBody,
    responses(
        (status = 200, description = "The validation", body = JsonSchemaValidationJson),
        (status = 400, description = "OBP-10001; OBP-40026; OBP-40027", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody)
    )
)]
pub async fn update_json_schema_validation(
    auth: Authorized<UpdateJsonSchemaValidation>,
    state: web::Data<AppState>,
    path: web::Path<OperationPath>,
    body: web::Json<JsonSchemaBody>,
) -> ApiResult<web::Json<JsonSchemaValidationJson>> {
    let user = auth.user()?;
    let row = service::update(
        &state,
        JsonSchema,
        &path.operation_id,
        &body.0 .0,
        &user.user_id,
    )
    .await?;
    Ok(web::Json(row.into()))
}

/// Get a JSON Schema Validation
///
/// One operation's JSON Schema. Needs `CanGetJsonSchemaValidation`. None OBP-40027.
#[endpoint(
    GET "/management/json-schema-validations/{operation_id}",
    operation_id = "OBPv4.0.0-getJsonSchemaValidation",
    login,
    roles = [role::CAN_GET_JSON_SCHEMA_VALIDATION],
    tag = "JSON-Schema-Validation",
    params(OperationPath),
    responses(
        (status = 200, description = "The validation", body = JsonSchemaValidationJson),
        (status = 400, description = "OBP-40027 none", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody)
    )
)]
pub async fn get_json_schema_validation(
    _auth: Authorized<GetJsonSchemaValidation>,
    state: web::Data<AppState>,
    path: web::Path<OperationPath>,
) -> ApiResult<web::Json<JsonSchemaValidationJson>> {
    let row = service::get(&state, JsonSchema, &path.operation_id).await?;
    Ok(web::Json(row.into()))
}

/// Delete a JSON Schema Validation
///
/// Removes an operation's JSON Schema; its bodies are no longer checked. Needs
/// `CanDeleteJsonSchemaValidation`. None OBP-40027. Answers `true`.
#[endpoint(
    DELETE "/management/json-schema-validations/{operation_id}",
    operation_id = "OBPv4.0.0-deleteJsonSchemaValidation",
    login,
    roles = [role::CAN_DELETE_JSON_SCHEMA_VALIDATION],
    tag = "JSON-Schema-Validation",
    params(OperationPath),
    responses(
        (status = 200, description = "Deleted: `true`", body = bool),
        (status = 400, description = "OBP-40027 none", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody)
    )
)]
pub async fn delete_json_schema_validation(
    _auth: Authorized<DeleteJsonSchemaValidation>,
    state: web::Data<AppState>,
    path: web::Path<OperationPath>,
) -> ApiResult<web::Json<bool>> {
    service::delete(&state, JsonSchema, &path.operation_id).await?;
    Ok(web::Json(true))
}

/// Get all JSON Schema Validations
///
/// Every operation's JSON Schema. Needs `CanGetJsonSchemaValidation`.
#[endpoint(
    GET "/management/json-schema-validations",
    operation_id = "OBPv4.0.0-getAllJsonSchemaValidations",
    login,
    roles = [role::CAN_GET_JSON_SCHEMA_VALIDATION],
    tag = "JSON-Schema-Validation",
    responses(
        (status = 200, description = "The validations", body = JsonSchemaValidationsJson),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody)
    )
)]
pub async fn get_all_json_schema_validations(
    _auth: Authorized<GetAllJsonSchemaValidations>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<JsonSchemaValidationsJson>> {
    json_schema_validations(&state).await
}

/// Get all JSON Schema Validations - public
///
/// Every operation's JSON Schema, for clients to check bodies before sending them. No login.
#[endpoint(
    GET "/endpoints/json-schema-validations",
    operation_id = "OBPv4.0.0-getAllJsonSchemaValidationsPublic",
    anonymous,
    tag = "JSON-Schema-Validation",
    responses(
        (status = 200, description = "The validations", body = JsonSchemaValidationsJson)
    )
)]
pub async fn get_all_json_schema_validations_public(
    _auth: Authorized<GetAllJsonSchemaValidationsPublic>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<JsonSchemaValidationsJson>> {
    json_schema_validations(&state).await
}

async fn json_schema_validations(
    state: &AppState,
) -> ApiResult<web::Json<JsonSchemaValidationsJson>> {
    let rows = service::list(state, JsonSchema).await?;
    Ok(web::Json(JsonSchemaValidationsJson {
        json_schema_validations: rows.into_iter().map(Into::into).collect(),
    }))
}

/// Create an Authentication Type Validation
///
/// Limits the ways a request may authenticate to an operation: a JSON array of at least one
/// of `DirectLogin`, `OAuth1.0a`, `GatewayLogin`, `DAuth`, `OAuth2_OIDC`, `OAuth2_OIDC_FAPI`.
/// Other requests are refused with 400 OBP-40034 (anonymous ones are left to the endpoint's
/// login rule, as in OBP). Needs `CanCreateAuthenticationTypeValidation`. Unknown operation
/// OBP-40048, unknown type OBP-40030, the operation has one OBP-40029.
#[endpoint(
    POST "/management/authentication-type-validations/{operation_id}",
    operation_id = "OBPv4.0.0-createAuthenticationTypeValidation",
    login,
    roles = [role::CAN_CREATE_AUTHENTICATION_TYPE_VALIDATION],
    tag = "Authentication-Type-Validation",
    params(OperationPath),
    request_body = AuthenticationTypesBody,
    responses(
        (status = 201, description = "The validation", body = AuthenticationTypeValidationJson),
        (status = 400, description = "OBP-10001; OBP-40048; OBP-40030; OBP-40029", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody)
    )
)]
pub async fn create_authentication_type_validation(
    auth: Authorized<CreateAuthenticationTypeValidation>,
    state: web::Data<AppState>,
    path: web::Path<OperationPath>,
    body: web::Json<AuthenticationTypesBody>,
) -> ApiResult<HttpResponse> {
    let user = auth.user()?;
    let row = service::create(
        &state,
        AuthenticationTypes,
        &path.operation_id,
        &body.0 .0,
        &user.user_id,
    )
    .await?;
    Ok(HttpResponse::Created().json(AuthenticationTypeValidationJson::from(row)))
}

/// Update an Authentication Type Validation
///
/// Replaces an operation's accepted types (same checks as create). Needs
/// `CanUpdateAuthenticationTypeValidation`. None OBP-40032 (400, as OBP).
#[endpoint(
    PUT "/management/authentication-type-validations/{operation_id}",
    operation_id = "OBPv4.0.0-updateAuthenticationTypeValidation",
    login,
    roles = [role::CAN_UPDATE_AUTHENTICATION_TYPE_VALIDATION],
    tag = "Authentication-Type-Validation",
    params(OperationPath),
    request_body = AuthenticationTypesBody,
    responses(
        (status = 200, description = "The validation", body = AuthenticationTypeValidationJson),
        (status = 400, description = "OBP-10001; OBP-40030; OBP-40032", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody)
    )
)]
pub async fn update_authentication_type_validation(
    auth: Authorized<UpdateAuthenticationTypeValidation>,
    state: web::Data<AppState>,
    path: web::Path<OperationPath>,
    body: web::Json<AuthenticationTypesBody>,
) -> ApiResult<web::Json<AuthenticationTypeValidationJson>> {
    let user = auth.user()?;
    let row = service::update(
        &state,
        AuthenticationTypes,
        &path.operation_id,
        &body.0 .0,
        &user.user_id,
    )
    .await?;
    Ok(web::Json(row.into()))
}

/// Get an Authentication Type Validation
///
/// One operation's accepted types. Needs `CanGetAuthenticationTypeValidation`. None
/// OBP-40032.
#[endpoint(
    GET "/management/authentication-type-validations/{operation_id}",
    operation_id = "OBPv4.0.0-getAuthenticationTypeValidation",
    login,
    roles = [role::CAN_GET_AUTHENTICATION_TYPE_VALIDATION],
    tag = "Authentication-Type-Validation",
    params(OperationPath),
    responses(
        (status = 200, description = "The validation", body = AuthenticationTypeValidationJson),
        (status = 400, description = "OBP-40032 none", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody)
    )
)]
pub async fn get_authentication_type_validation(
    _auth: Authorized<GetAuthenticationTypeValidation>,
    state: web::Data<AppState>,
    path: web::Path<OperationPath>,
) -> ApiResult<web::Json<AuthenticationTypeValidationJson>> {
    let row = service::get(&state, AuthenticationTypes, &path.operation_id).await?;
    Ok(web::Json(row.into()))
}

/// Delete an Authentication Type Validation
///
/// Removes an operation's accepted types; every way is accepted again. Needs
/// `CanDeleteAuthenticationValidation` (OBP's spelling). None OBP-40032. Answers `true`.
#[endpoint(
    DELETE "/management/authentication-type-validations/{operation_id}",
    operation_id = "OBPv4.0.0-deleteAuthenticationTypeValidation",
    login,
    roles = [role::CAN_DELETE_AUTHENTICATION_VALIDATION],
    tag = "Authentication-Type-Validation",
    params(OperationPath),
    responses(
        (status = 200, description = "Deleted: `true`", body = bool),
        (status = 400, description = "OBP-40032 none", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody)
    )
)]
pub async fn delete_authentication_type_validation(
    _auth: Authorized<DeleteAuthenticationTypeValidation>,
    state: web::Data<AppState>,
    path: web::Path<OperationPath>,
) -> ApiResult<web::Json<bool>> {
    service::delete(&state, AuthenticationTypes, &path.operation_id).await?;
    Ok(web::Json(true))
}

/// Get all Authentication Type Validations
///
/// Every operation's accepted types. Needs `CanGetAuthenticationTypeValidation`.
#[endpoint(
    GET "/management/authentication-type-validations",
    operation_id = "OBPv4.0.0-getAllAuthenticationTypeValidations",
    login,
    roles = [role::CAN_GET_AUTHENTICATION_TYPE_VALIDATION],
    tag = "Authentication-Type-Validation",
    responses(
        (status = 200, description = "The validations", body = AuthenticationTypeValidationsJson),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody)
    )
)]
pub async fn get_all_authentication_type_validations(
    _auth: Authorized<GetAllAuthenticationTypeValidations>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<AuthenticationTypeValidationsJson>> {
    authentication_type_validations(&state).await
}

/// Get all Authentication Type Validations - public
///
/// Every operation's accepted types, for clients to pick a way to log in. No login.
#[endpoint(
    GET "/endpoints/authentication-type-validations",
    operation_id = "OBPv4.0.0-getAllAuthenticationTypeValidationsPublic",
    anonymous,
    tag = "Authentication-Type-Validation",
    responses(
        (status = 200, description = "The validations", body = AuthenticationTypeValidationsJson)
    )
)]
pub async fn get_all_authentication_type_validations_public(
    _auth: Authorized<GetAllAuthenticationTypeValidationsPublic>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<AuthenticationTypeValidationsJson>> {
    authentication_type_validations(&state).await
}

async fn authentication_type_validations(
    state: &AppState,
) -> ApiResult<web::Json<AuthenticationTypeValidationsJson>> {
    let rows = service::list(state, AuthenticationTypes).await?;
    Ok(web::Json(AuthenticationTypeValidationsJson {
        authentication_types_validations: rows.into_iter().map(Into::into).collect(),
    }))
}
