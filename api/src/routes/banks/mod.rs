//! Banks: `GET /obp/{version}/banks` and `GET /obp/{version}/banks/{bank_id}`.

use actix_web::{get, post, put, web, HttpResponse};
use obp_domain::role;
use serde::Deserialize;

use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::service::banks;
use crate::state::AppState;

mod attributes;
mod json;
pub use json::*;

/// Path of one bank.
#[derive(Debug, Deserialize)]
pub struct BankPath {
    /// BANK_ID.
    pub bank_id: String,
}

/// Get Banks
///
/// Returns the banks on this API instance, ordered by id. Anonymous access.
#[endpoint(
    GET "/banks",
    operation_id = "OBPv4.0.0-getBanks",
    anonymous,
    tag = "Bank",
    responses(
        (status = 200, description = "The banks", body = BanksJson400),
        (status = 500, description = "Server fault", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all)]
pub async fn get_banks(
    ctx: Authorized<GetBanks>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<BanksJson400>> {
    let banks = banks::list(&state, &ctx).await?;
    Ok(web::Json(BanksJson400 {
        banks: banks.into_iter().map(Into::into).collect(),
    }))
}

/// Get Bank
///
/// Returns one bank. Anonymous access.
#[endpoint(
    GET "/banks/{bank_id}",
    operation_id = "OBPv5.0.0-getBank",
    anonymous,
    tag = "Bank",
    params(("bank_id" = String, Path, description = "The bank id, e.g. gh.29.uk")),
    responses(
        (status = 200, description = "The bank", body = BankJson500),
        (status = 400, description = "OBP-30111: malformed BANK_ID", body = ErrorBody),
        (status = 404, description = "OBP-30001: no such bank", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_bank(
    ctx: Authorized<GetBank>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
) -> ApiResult<web::Json<BankJson500>> {
    let (bank, attributes) = banks::get(&state, &ctx, path.into_inner().bank_id).await?;
    let mut json = BankJson500::from(bank);
    json.attributes = attributes.into_iter().map(Into::into).collect();
    Ok(web::Json(json))
}

/// Create Bank
///
/// Creates a bank (role `CanCreateBank`). The creator is granted
/// `CanCreateEntitlementAtOneBank` and `CanReadDynamicResourceDocsAtOneBank` at the new bank.
#[endpoint(
    POST "/banks",
    operation_id = "OBPv5.0.0-createBank",
    login,
    roles = [role::CAN_CREATE_BANK],
    tag = "Bank",
    request_body = PostBankJson500,
    responses(
        (status = 201, description = "The bank", body = BankJson500),
        (status = 400, description = "OBP-10001 bad body; OBP-20010/20011 bad id; OBP-34000 id taken", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all)]
pub async fn create_bank(
    auth: Authorized<CreateBank>,
    state: web::Data<AppState>,
    body: web::Json<PostBankJson500>,
) -> ApiResult<HttpResponse> {
    let user_id = &auth.user()?.user_id;
    let bank = banks::create(&state, &auth.ctx, user_id, body.into_inner().into()).await?;
    Ok(HttpResponse::Created().json(BankJson500::from(bank)))
}

/// Update Bank
///
/// Replaces an existing bank's code, names, logo, website and routings (role
/// `CanCreateBank`); `id` names the bank.
#[endpoint(
    PUT "/banks",
    operation_id = "OBPv5.0.0-updateBank",
    login,
    roles = [role::CAN_CREATE_BANK],
    tag = "Bank",
    request_body = PostBankJson500,
    responses(
        (status = 200, description = "The bank", body = BankJson500),
        (status = 400, description = "OBP-10001 bad body; OBP-34001 no id", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-30001 no such bank", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all)]
pub async fn update_bank(
    auth: Authorized<UpdateBank>,
    state: web::Data<AppState>,
    body: web::Json<PostBankJson500>,
) -> ApiResult<web::Json<BankJson500>> {
    let bank = banks::update(&state, &auth.ctx, body.into_inner().into()).await?;
    Ok(web::Json(BankJson500::from(bank)))
}
