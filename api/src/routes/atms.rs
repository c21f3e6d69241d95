//! ATMs (`/banks/BANK_ID/atms`), OBP v5.1.0 shapes.
//!
//! The body is `PostAtmJsonV510` / `AtmJsonV510`; `id`, `bank_id` and `name` are checked,
//! the other fields (address, location, meta, opening times, services, fees, ...) are stored
//! and answered as sent. ATM attributes are not stored yet, so `attributes` is always `[]`.
//! Reads are anonymous unless `public_atms` is false.

use actix_web::{delete, get, post, put, web, HttpResponse};
use obp_domain::refdata::{parse_ref_id, Atm};
use obp_domain::{role, ErrorCode};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::access::{bank_then_roles, require_bank_id};
use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::state::AppState;

/// Path with a bank.
#[derive(Debug, Deserialize)]
pub struct BankPath {
    /// BANK_ID.
    pub bank_id: String,
}

/// Path with a bank and an ATM.
#[derive(Debug, Deserialize)]
pub struct AtmPath {
    /// BANK_ID.
    pub bank_id: String,
    /// ATM_ID.
    pub atm_id: String,
}

fn invalid(detail: &str) -> ApiError {
    ApiError::with_detail(
        ErrorCode::InvalidJsonFormat,
        format!("The Json body should be the AtmJsonV510 {detail}"),
    )
}

fn text_field(body: &Map<String, Value>, name: &str) -> ApiResult<String> {
    body.get(name)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| invalid(&format!("(`{name}` must be a string)")))
}

/// Builds the ATM from a body; `id` is the path's on update.
fn atm_from_body(
    bank_id: obp_domain::ids::BankId,
    mut details: Map<String, Value>,
    id_from_path: Option<&str>,
) -> ApiResult<Atm> {
    let id = match id_from_path {
        Some(id) => id.to_owned(),
        None => text_field(&details, "id")?,
    };
    let id = parse_ref_id(id).map_err(|_| invalid("(`id` is not a valid ATM_ID)"))?;
    if text_field(&details, "bank_id")? != bank_id.as_str() {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidJsonValue,
            "BANK_ID has to be the same in the URL and Body",
        ));
    }
    let name = text_field(&details, "name")?;
    for k in ["id", "bank_id", "name", "attributes"] {
        details.remove(k);
    }
    Ok(Atm {
        bank_id,
        atm_id: id,
        name,
        details,
    })
}

fn to_json(a: Atm) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), Value::String(a.atm_id));
    m.insert("bank_id".into(), Value::String(a.bank_id.into_inner()));
    m.insert("name".into(), Value::String(a.name));
    for (k, v) in a.details {
        m.entry(k).or_insert(v);
    }
    m.insert("attributes".into(), Value::Array(Vec::new()));
    Value::Object(m)
}

fn atms_readable<E>(auth: &Authorized<E>, state: &AppState) -> ApiResult<()> {
    if !state.settings.public_atms {
        auth.user()?;
    }
    Ok(())
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
    request_body(content = Object, description = "PostAtmJsonV510"),
    responses(
        (status = 201, description = "AtmJsonV510", body = Object),
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
    let atm = atm_from_body(bank_id, body.into_inner(), None)?;
    let a = state.connector.create_or_update_atm(&auth.ctx, atm).await?;
    Ok(HttpResponse::Created().json(to_json(a)))
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
        (status = 201, description = "AtmJsonV510", body = Object),
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
    state
        .connector
        .get_atm(&auth.ctx, &bank_id, &path.atm_id)
        .await?;
    let atm = atm_from_body(bank_id, body.into_inner(), Some(&path.atm_id))?;
    let a = state.connector.create_or_update_atm(&auth.ctx, atm).await?;
    Ok(HttpResponse::Created().json(to_json(a)))
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
        (status = 200, description = "AtmsJsonV510", body = Object),
        (status = 401, description = "OBP-20001 when `public_atms` is false", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
pub async fn get_atms(
    auth: Authorized<GetAtms>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
) -> ApiResult<web::Json<Value>> {
    atms_readable(&auth, &state)?;
    let bank_id = require_bank_id(&state, &auth.ctx, &path.bank_id).await?;
    let list = state.connector.get_atms(&auth.ctx, &bank_id).await?;
    Ok(web::Json(serde_json::json!({
        "atms": list.into_iter().map(to_json).collect::<Vec<_>>()
    })))
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
        (status = 200, description = "AtmJsonV510", body = Object),
        (status = 401, description = "OBP-20001 when `public_atms` is false", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-30009", body = ErrorBody)
    )
)]
pub async fn get_atm(
    auth: Authorized<GetAtm>,
    state: web::Data<AppState>,
    path: web::Path<AtmPath>,
) -> ApiResult<web::Json<Value>> {
    atms_readable(&auth, &state)?;
    let bank_id = require_bank_id(&state, &auth.ctx, &path.bank_id).await?;
    let a = state
        .connector
        .get_atm(&auth.ctx, &bank_id, &path.atm_id)
        .await?;
    Ok(web::Json(to_json(a)))
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
    state
        .connector
        .delete_atm(&auth.ctx, &bank_id, &path.atm_id)
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
