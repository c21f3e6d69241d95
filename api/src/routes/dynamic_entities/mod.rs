//! Dynamic entities: definitions (`/management/system-dynamic-entities`,
//! `/management/banks/BANK_ID/dynamic-entities`) and the generated record endpoints
//! (`/obp/dynamic-entity/...`, see [`records`]).

use actix_web::{delete, get, post, put, web, HttpResponse};
use obp_domain::role;
use serde::Deserialize;

use crate::access::bank_then_roles;
use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::paths::BankPath;
use crate::service::dynamic_entities as service;
use crate::state::AppState;

mod json;
pub mod records;
pub use json::*;

/// Path of one system-level definition.
#[derive(Debug, Deserialize)]
pub struct DynamicEntityPath {
    /// DYNAMIC_ENTITY_ID.
    pub dynamic_entity_id: String,
}

/// Path of one bank-level definition.
#[derive(Debug, Deserialize)]
pub struct BankDynamicEntityPath {
    /// BANK_ID.
    pub bank_id: String,
    /// DYNAMIC_ENTITY_ID.
    pub dynamic_entity_id: String,
}

/// Create System Level Dynamic Entity
///
/// Defines an entity; its CRUD endpoints `/obp/dynamic-entity/NAME[/ID]` and roles
/// (`CanCreateDynamicEntity_SystemNAME`, ...) exist at once. The definition is validated
/// (400 OBP-09007 naming the bad property); a taken name is 400 OBP-09002.
#[endpoint(
    POST "/management/system-dynamic-entities",
    operation_id = "OBPv4.0.0-createSystemDynamicEntity",
    login,
    roles = [role::CAN_CREATE_SYSTEM_LEVEL_DYNAMIC_ENTITY],
    tag = "Dynamic-Entity-Manage",
    request_body = DynamicEntityJson,
    responses(
        (status = 201, description = "The definition", body = DynamicEntityJson),
        (status = 400, description = "OBP-10001; OBP-09007 invalid definition or too many; OBP-09002 name taken", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody)
    )
)]
pub async fn create_system_dynamic_entity(
    auth: Authorized<CreateSystemDynamicEntity>,
    state: web::Data<AppState>,
    body: web::Json<DynamicEntityJson>,
) -> ApiResult<HttpResponse> {
    let row = service::create_definition(&state, auth.user()?, None, &body.0 .0).await?;
    Ok(HttpResponse::Created().json(DynamicEntityJson::from(row)))
}

/// Get System Dynamic Entities
///
/// Every system-level definition. Needs `CanGetSystemLevelDynamicEntities`.
#[endpoint(
    GET "/management/system-dynamic-entities",
    operation_id = "OBPv4.0.0-getSystemDynamicEntities",
    login,
    roles = [role::CAN_GET_SYSTEM_LEVEL_DYNAMIC_ENTITIES],
    tag = "Dynamic-Entity-Manage",
    responses(
        (status = 200, description = "The definitions", body = DynamicEntitiesJson),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody)
    )
)]
pub async fn get_system_dynamic_entities(
    _auth: Authorized<GetSystemDynamicEntities>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<DynamicEntitiesJson>> {
    let rows = service::list_definitions(&state, None).await?;
    Ok(web::Json(DynamicEntitiesJson {
        dynamic_entities: rows.into_iter().map(Into::into).collect(),
    }))
}

/// Update System Level Dynamic Entity
///
/// Replaces a definition. Refused when an existing record would not match it (400
/// OBP-09007 with the count) or when it renames an entity that has records (OBP-09006).
#[endpoint(
    PUT "/management/system-dynamic-entities/{dynamic_entity_id}",
    operation_id = "OBPv4.0.0-updateSystemDynamicEntity",
    login,
    roles = [role::CAN_UPDATE_SYSTEM_LEVEL_DYNAMIC_ENTITY],
    tag = "Dynamic-Entity-Manage",
    params(("dynamic_entity_id" = String, Path, description = "DYNAMIC_ENTITY_ID")),
    request_body = DynamicEntityJson,
    responses(
        (status = 200, description = "The definition", body = DynamicEntityJson),
        (status = 400, description = "OBP-10001; OBP-09007; OBP-09006; OBP-09002", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-09001 no such definition", body = ErrorBody)
    )
)]
pub async fn update_system_dynamic_entity(
    _auth: Authorized<UpdateSystemDynamicEntity>,
    state: web::Data<AppState>,
    path: web::Path<DynamicEntityPath>,
    body: web::Json<DynamicEntityJson>,
) -> ApiResult<web::Json<DynamicEntityJson>> {
    let row = service::update_definition(&state, None, &path.dynamic_entity_id, &body.0 .0).await?;
    Ok(web::Json(row.into()))
}

/// Delete System Level Dynamic Entity
///
/// Deletes a definition without records (else 400 OBP-09006), and every entitlement of
/// its roles. Answers `true`.
#[endpoint(
    DELETE "/management/system-dynamic-entities/{dynamic_entity_id}",
    operation_id = "OBPv4.0.0-deleteSystemDynamicEntity",
    login,
    roles = [role::CAN_DELETE_SYSTEM_LEVEL_DYNAMIC_ENTITY],
    tag = "Dynamic-Entity-Manage",
    params(("dynamic_entity_id" = String, Path, description = "DYNAMIC_ENTITY_ID")),
    responses(
        (status = 200, description = "Deleted: `true`", body = bool),
        (status = 400, description = "OBP-09006 the entity has records", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-09001 no such definition", body = ErrorBody)
    )
)]
pub async fn delete_system_dynamic_entity(
    _auth: Authorized<DeleteSystemDynamicEntity>,
    state: web::Data<AppState>,
    path: web::Path<DynamicEntityPath>,
) -> ApiResult<web::Json<bool>> {
    service::delete_definition(&state, None, &path.dynamic_entity_id).await?;
    Ok(web::Json(true))
}

/// Create Bank Level Dynamic Entity
///
/// Defines an entity of one bank; its endpoints are `/obp/dynamic-entity/banks/BANK_ID/NAME[/ID]`
/// and its roles (`CanCreateDynamicEntity_NAME`, ...) are granted at that bank. At most
/// 50 entities per bank.
#[endpoint(
    POST "/management/banks/{bank_id}/dynamic-entities",
    operation_id = "OBPv4.0.0-createBankLevelDynamicEntity",
    login,
    roles = [role::CAN_CREATE_BANK_LEVEL_DYNAMIC_ENTITY],
    roles_in_handler,
    tag = "Dynamic-Entity-Manage",
    params(("bank_id" = String, Path, description = "BANK_ID")),
    request_body = DynamicEntityJson,
    responses(
        (status = 201, description = "The definition", body = DynamicEntityJson),
        (status = 400, description = "OBP-10001; OBP-09007; OBP-09002", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-30001 no such bank", body = ErrorBody)
    )
)]
pub async fn create_bank_level_dynamic_entity(
    auth: Authorized<CreateBankLevelDynamicEntity>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
    body: web::Json<DynamicEntityJson>,
) -> ApiResult<HttpResponse> {
    let bank = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let row =
        service::create_definition(&state, auth.user()?, Some(bank.as_str()), &body.0 .0).await?;
    Ok(HttpResponse::Created().json(DynamicEntityJson::from(row)))
}

/// Get Bank Level Dynamic Entities
///
/// The definitions of one bank. Needs `CanGetBankLevelDynamicEntities` at the bank.
#[endpoint(
    GET "/management/banks/{bank_id}/dynamic-entities",
    operation_id = "OBPv4.0.0-getBankLevelDynamicEntities",
    login,
    roles = [role::CAN_GET_BANK_LEVEL_DYNAMIC_ENTITIES],
    roles_in_handler,
    tag = "Dynamic-Entity-Manage",
    params(("bank_id" = String, Path, description = "BANK_ID")),
    responses(
        (status = 200, description = "The definitions", body = DynamicEntitiesJson),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-30001 no such bank", body = ErrorBody)
    )
)]
pub async fn get_bank_level_dynamic_entities(
    auth: Authorized<GetBankLevelDynamicEntities>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
) -> ApiResult<web::Json<DynamicEntitiesJson>> {
    let bank = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let rows = service::list_definitions(&state, Some(bank.as_str())).await?;
    Ok(web::Json(DynamicEntitiesJson {
        dynamic_entities: rows.into_iter().map(Into::into).collect(),
    }))
}

/// Update Bank Level Dynamic Entity
///
/// Replaces a definition of the bank (same rules as the system-level update).
#[endpoint(
    PUT "/management/banks/{bank_id}/dynamic-entities/{dynamic_entity_id}",
    operation_id = "OBPv4.0.0-updateBankLevelDynamicEntity",
    login,
    roles = [role::CAN_UPDATE_BANK_LEVEL_DYNAMIC_ENTITY],
    roles_in_handler,
    tag = "Dynamic-Entity-Manage",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("dynamic_entity_id" = String, Path, description = "DYNAMIC_ENTITY_ID")
    ),
    request_body = DynamicEntityJson,
    responses(
        (status = 200, description = "The definition", body = DynamicEntityJson),
        (status = 400, description = "OBP-10001; OBP-09007; OBP-09006; OBP-09002", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-30001 no such bank; OBP-09001 no such definition", body = ErrorBody)
    )
)]
pub async fn update_bank_level_dynamic_entity(
    auth: Authorized<UpdateBankLevelDynamicEntity>,
    state: web::Data<AppState>,
    path: web::Path<BankDynamicEntityPath>,
    body: web::Json<DynamicEntityJson>,
) -> ApiResult<web::Json<DynamicEntityJson>> {
    let bank = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let row = service::update_definition(
        &state,
        Some(bank.as_str()),
        &path.dynamic_entity_id,
        &body.0 .0,
    )
    .await?;
    Ok(web::Json(row.into()))
}

/// Delete Bank Level Dynamic Entity
///
/// Deletes a definition of the bank without records (else 400 OBP-09006). Answers `true`.
#[endpoint(
    DELETE "/management/banks/{bank_id}/dynamic-entities/{dynamic_entity_id}",
    operation_id = "OBPv4.0.0-deleteBankLevelDynamicEntity",
    login,
    roles = [role::CAN_DELETE_BANK_LEVEL_DYNAMIC_ENTITY],
    roles_in_handler,
    tag = "Dynamic-Entity-Manage",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("dynamic_entity_id" = String, Path, description = "DYNAMIC_ENTITY_ID")
    ),
    responses(
        (status = 200, description = "Deleted: `true`", body = bool),
        (status = 400, description = "OBP-09006 the entity has records", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-30001 no such bank; OBP-09001 no such definition", body = ErrorBody)
    )
)]
pub async fn delete_bank_level_dynamic_entity(
    auth: Authorized<DeleteBankLevelDynamicEntity>,
    state: web::Data<AppState>,
    path: web::Path<BankDynamicEntityPath>,
) -> ApiResult<web::Json<bool>> {
    let bank = bank_then_roles(&auth, &state, &path.bank_id).await?;
    service::delete_definition(&state, Some(bank.as_str()), &path.dynamic_entity_id).await?;
    Ok(web::Json(true))
}

/// Get My Dynamic Entities
///
/// The definitions the current user created, system and bank level. Login only.
#[endpoint(
    GET "/my/dynamic-entities",
    operation_id = "OBPv4.0.0-getMyDynamicEntities",
    login,
    guard = GetMyDynamicEntities,
    tag = "Dynamic-Entity-Manage",
    responses(
        (status = 200, description = "The definitions", body = DynamicEntitiesJson),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody)
    )
)]
pub async fn get_my_dynamic_entities(
    auth: Authorized<GetMyDynamicEntities>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<DynamicEntitiesJson>> {
    let rows = service::my_definitions(&state, auth.user()?).await?;
    Ok(web::Json(DynamicEntitiesJson {
        dynamic_entities: rows.into_iter().map(Into::into).collect(),
    }))
}

/// Update My Dynamic Entity
///
/// Replaces a definition the current user created (same rules as the management update).
/// Any other DYNAMIC_ENTITY_ID is 400 OBP-09010.
#[endpoint(
    PUT "/my/dynamic-entities/{dynamic_entity_id}",
    operation_id = "OBPv4.0.0-updateMyDynamicEntity",
    login,
    guard = UpdateMyDynamicEntity,
    tag = "Dynamic-Entity-Manage",
    params(("dynamic_entity_id" = String, Path, description = "DYNAMIC_ENTITY_ID")),
    request_body = DynamicEntityJson,
    responses(
        (status = 200, description = "The definition", body = DynamicEntityJson),
        (status = 400, description = "OBP-10001; OBP-09010 not yours; OBP-09007; OBP-09006; OBP-09002", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody)
    )
)]
pub async fn update_my_dynamic_entity(
    auth: Authorized<UpdateMyDynamicEntity>,
    state: web::Data<AppState>,
    path: web::Path<DynamicEntityPath>,
    body: web::Json<DynamicEntityJson>,
) -> ApiResult<web::Json<DynamicEntityJson>> {
    let mine = service::my_definition(&state, auth.user()?, &path.dynamic_entity_id).await?;
    let bank = Some(mine.bank_id.as_str()).filter(|b| !b.is_empty());
    let row = service::update_definition(&state, bank, &mine.id, &body.0 .0).await?;
    Ok(web::Json(row.into()))
}

/// Delete My Dynamic Entity
///
/// Deletes a definition the current user created, when it has no records (else 400
/// OBP-09006). Any other DYNAMIC_ENTITY_ID is 400 OBP-09010. Answers `true`.
#[endpoint(
    DELETE "/my/dynamic-entities/{dynamic_entity_id}",
    operation_id = "OBPv4.0.0-deleteMyDynamicEntity",
    login,
    guard = DeleteMyDynamicEntity,
    tag = "Dynamic-Entity-Manage",
    params(("dynamic_entity_id" = String, Path, description = "DYNAMIC_ENTITY_ID")),
    responses(
        (status = 200, description = "Deleted: `true`", body = bool),
        (status = 400, description = "OBP-09010 not yours; OBP-09006 the entity has records", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody)
    )
)]
pub async fn delete_my_dynamic_entity(
    auth: Authorized<DeleteMyDynamicEntity>,
    state: web::Data<AppState>,
    path: web::Path<DynamicEntityPath>,
) -> ApiResult<web::Json<bool>> {
    let mine = service::my_definition(&state, auth.user()?, &path.dynamic_entity_id).await?;
    let bank = Some(mine.bank_id.as_str()).filter(|b| !b.is_empty());
    service::delete_definition(&state, bank, &mine.id).await?;
    Ok(web::Json(true))
}
