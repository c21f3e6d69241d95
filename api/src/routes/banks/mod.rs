//! Banks: `GET /obp/{version}/banks` and `GET /obp/{version}/banks/{bank_id}`.

use actix_web::{get, post, put, web, HttpResponse};
use obp_domain::bank::{Bank, BankAttribute};
use obp_domain::role;
use serde::Deserialize;

use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::service::banks;
use crate::state::AppState;
use crate::versioned::Shapes;

mod attributes;
mod json;
pub use json::*;

/// Path of one bank.
#[derive(Debug, Deserialize)]
pub struct BankPath {
    /// BANK_ID.
    pub bank_id: String,
}

/// `GET /banks` per version: v1.2.1's `BanksJSON` up to v3.1.0 (OBP's v3.0.0 `getBanks`
/// renders the same), `BanksJson400` from v4.0.0 (its attributes always empty, as OBP's list).
pub static GET_BANKS_SHAPES: Shapes<Vec<Bank>> = Shapes::new(&[
    ("v1.2.1", |banks| {
        HttpResponse::Ok().json(BanksJson121 {
            banks: banks.into_iter().map(Into::into).collect(),
        })
    }),
    ("v4.0.0", |banks| {
        HttpResponse::Ok().json(BanksJson400 {
            banks: banks.into_iter().map(Into::into).collect(),
        })
    }),
]);

/// Get Banks
///
/// Returns the banks on this API instance, ordered by id. Anonymous access. Shape per
/// version: `BanksJSON` (one `bank_routing`) below v4.0.0, `BanksJson400` from it.
#[endpoint(
    GET "/banks",
    operation_id = "OBPv4.0.0-getBanks",
    anonymous,
    shapes = GET_BANKS_SHAPES,
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
) -> ApiResult<HttpResponse> {
    let banks = banks::list(&state, &ctx).await?;
    Ok(GET_BANKS_SHAPES.render(ctx.version, banks))
}

/// `GET /banks/BANK_ID` per version: v1.2.1's `BankJSON` up to v2.2.0, `BankJson400` from
/// v3.0.0 (attributes only from v4.0.0, as OBP's v3.0.0 `bankById` passes none),
/// `BankJson500` from v5.0.0.
pub static GET_BANK_SHAPES: Shapes<(Bank, Vec<BankAttribute>)> = Shapes::new(&[
    ("v1.2.1", |(bank, _)| {
        HttpResponse::Ok().json(BankJson121::from(bank))
    }),
    ("v3.0.0", |(bank, _)| {
        HttpResponse::Ok().json(BankJson400::from(bank))
    }),
    ("v4.0.0", |(bank, attributes)| {
        let mut json = BankJson400::from(bank);
        json.attributes = attributes.into_iter().map(Into::into).collect();
        HttpResponse::Ok().json(json)
    }),
    ("v5.0.0", |(bank, attributes)| {
        let mut json = BankJson500::from(bank);
        json.attributes = attributes.into_iter().map(Into::into).collect();
        HttpResponse::Ok().json(json)
    }),
]);

/// Get Bank
///
/// Returns one bank. Anonymous access. Shape per version: `BankJSON` up to v2.2.0,
/// `BankJson400` from v3.0.0, `BankJson500` from v5.0.0.
#[endpoint(
    GET "/banks/{bank_id}",
    operation_id = "OBPv5.0.0-getBank",
    anonymous,
    shapes = GET_BANK_SHAPES,
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
) -> ApiResult<HttpResponse> {
    let found = banks::get(&state, &ctx, path.into_inner().bank_id).await?;
    Ok(GET_BANK_SHAPES.render(ctx.version, found))
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
