//! ATMs (`/banks/BANK_ID/atms`), OBP v5.1.0 shapes.
//!
//! The body is `PostAtmJsonV510` / `AtmJsonV510`; `id`, `bank_id` and `name` are checked,
//! the other fields (address, location, meta, opening times, services, fees, ...) are stored
//! and answered as sent. ATM attributes are not stored yet, so `attributes` is always `[]`.
//! Reads are anonymous unless `public_atms` is false.

use actix_web::{delete, get, post, put, web, HttpResponse};
use obp_domain::role;
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::access::bank_then_roles;
use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::paths::BankPath;
use crate::service::refdata;
use crate::state::AppState;

mod json;
pub use json::*;

/// Path with a bank and an ATM.
#[derive(Debug, Deserialize)]
pub struct AtmPath {
    /// BANK_ID.
    pub bank_id: String,
    /// ATM_ID.
    pub atm_id: String,
}

/// Create ATM
///
/// Creates or replaces an ATM (`CanCreateAtm` at the bank or `CanCreateAtmAtAnyBank`).
/// `bank_id` in the body must equal the path's (400 OBP-10035).
#[endpoint(
    POST "/banks/{bank_id}/atms",
    operation_id = "OBPv5.1.0-createAtm",
    login,
    roles = [role::CAN_CREATE_ATM, role::CAN_CREATE_ATM_AT_ANY_BANK],
    roles_in_handler,
    tag = "ATM",
    params(("bank_id" = String, Path, description = "BANK_ID")),
    request_body(content = AtmJsonV510, description = "PostAtmJsonV510"),
    responses(
        (status = 201, description = "AtmJsonV510", body = AtmJsonV510),
        (status = 400, description = "OBP-10001, OBP-10035", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
pub async fn create_atm(
    auth: Authorized<CreateAtm>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
    body: web::Json<Map<String, Value>>,
) -> ApiResult<HttpResponse> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let a = refdata::create_atm(&state, &auth.ctx, bank_id, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(AtmJsonV510::from(a)))
}

/// Update ATM
///
/// Replaces an existing ATM (`CanUpdateAtm` at the bank or `CanUpdateAtmAtAnyBank`); the id
/// comes from the path. Answers 201 like OBP.
#[endpoint(
    PUT "/banks/{bank_id}/atms/{atm_id}",
    operation_id = "OBPv5.1.0-updateAtm",
    login,
    roles = [role::CAN_UPDATE_ATM, role::CAN_UPDATE_ATM_AT_ANY_BANK],
    roles_in_handler,
    tag = "ATM",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("atm_id" = String, Path, description = "ATM_ID")
    ),
    request_body(content = Object, description = "AtmJsonV510 without id"),
    responses(
        (status = 201, description = "AtmJsonV510", body = AtmJsonV510),
        (status = 400, description = "OBP-10001, OBP-10035", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-30009", body = ErrorBody)
    )
)]
pub async fn update_atm(
    auth: Authorized<UpdateAtm>,
    state: web::Data<AppState>,
    path: web::Path<AtmPath>,
    body: web::Json<Map<String, Value>>,
) -> ApiResult<HttpResponse> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let a =
        refdata::update_atm(&state, &auth.ctx, bank_id, &path.atm_id, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(AtmJsonV510::from(a)))
}

/// Get Bank ATMS
///
/// `{"atms": [AtmJsonV510]}`, ordered by id.
#[endpoint(
    GET "/banks/{bank_id}/atms",
    operation_id = "OBPv5.1.0-getAtms",
    anonymous,
    tag = "ATM",
    params(("bank_id" = String, Path, description = "BANK_ID")),
    responses(
        (status = 200, description = "AtmsJsonV510", body = AtmsJsonV510),
        (status = 401, description = "OBP-20001 when `public_atms` is false", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
pub async fn get_atms(
    auth: Authorized<GetAtms>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
) -> ApiResult<web::Json<AtmsJsonV510>> {
    let list = refdata::atms(&state, &auth.ctx, &path.bank_id).await?;
    Ok(web::Json(AtmsJsonV510 {
        atms: list.into_iter().map(Into::into).collect(),
    }))
}

/// Get Bank ATM
///
/// One ATM; 404 OBP-30009 when none.
#[endpoint(
    GET "/banks/{bank_id}/atms/{atm_id}",
    operation_id = "OBPv5.1.0-getAtm",
    anonymous,
    tag = "ATM",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("atm_id" = String, Path, description = "ATM_ID")
    ),
    responses(
        (status = 200, description = "AtmJsonV510", body = AtmJsonV510),
        (status = 401, description = "OBP-20001 when `public_atms` is false", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-30009", body = ErrorBody)
    )
)]
pub async fn get_atm(
    auth: Authorized<GetAtm>,
    state: web::Data<AppState>,
    path: web::Path<AtmPath>,
) -> ApiResult<web::Json<AtmJsonV510>> {
    let a = refdata::atm(&state, &auth.ctx, &path.bank_id, &path.atm_id).await?;
    Ok(web::Json(a.into()))
}

/// Delete ATM
///
/// Deletes an ATM (`CanDeleteAtmAtAnyBank` or `CanDeleteAtm`); answers 204 like OBP.
#[endpoint(
    DELETE "/banks/{bank_id}/atms/{atm_id}",
    operation_id = "OBPv5.1.0-deleteAtm",
    login,
    roles = [role::CAN_DELETE_ATM_AT_ANY_BANK, role::CAN_DELETE_ATM],
    roles_in_handler,
    tag = "ATM",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("atm_id" = String, Path, description = "ATM_ID")
    ),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-30009", body = ErrorBody)
    )
)]
pub async fn delete_atm(
    auth: Authorized<DeleteAtm>,
    state: web::Data<AppState>,
    path: web::Path<AtmPath>,
) -> ApiResult<HttpResponse> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    refdata::delete_atm(&state, &auth.ctx, &bank_id, &path.atm_id).await?;
    Ok(HttpResponse::NoContent().finish())
}
