//! Banks: `GET /obp/{version}/banks` and `GET /obp/{version}/banks/{bank_id}`.

use actix_web::{get, web};
use obp_domain::bank::{Bank, Routing};
use obp_domain::ids::BankId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::context::Ctx;
use crate::error::{ApiResult, ErrorBody};
use crate::state::AppState;

pub(crate) fn configure(cfg: &mut ServiceConfig<'_>) {
    cfg.service(get_banks).service(get_bank);
}

/// A routing `{scheme, address}`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RoutingJson {
    /// Scheme, e.g. `BIC`.
    pub scheme: String,
    /// Address.
    pub address: String,
}

impl From<Routing> for RoutingJson {
    fn from(r: Routing) -> Self {
        Self {
            scheme: r.scheme,
            address: r.address,
        }
    }
}

/// A bank attribute.
#[derive(Debug, Serialize, ToSchema)]
pub struct BankAttributeJson {
    /// Name.
    pub name: String,
    /// Value.
    pub value: String,
}

/// A bank in OBP's v4.0.0 list shape.
#[derive(Debug, Serialize, ToSchema)]
pub struct BankJson400 {
    /// BANK_ID.
    pub id: String,
    /// Short name.
    pub short_name: String,
    /// Full name.
    pub full_name: String,
    /// Logo URL.
    pub logo: String,
    /// Website URL.
    pub website: String,
    /// Routings.
    pub bank_routings: Vec<RoutingJson>,
    /// Attributes.
    pub attributes: Vec<BankAttributeJson>,
}

/// `{"banks": [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct BanksJson400 {
    /// The banks.
    pub banks: Vec<BankJson400>,
}

/// A bank in OBP's v5.0.0 shape (`BankJson500`).
#[derive(Debug, Serialize, ToSchema)]
pub struct BankJson500 {
    /// BANK_ID.
    pub id: String,
    /// Short code of the bank.
    pub bank_code: String,
    /// Full name.
    pub full_name: String,
    /// Logo URL.
    pub logo: String,
    /// Website URL.
    pub website: String,
    /// Routings.
    pub bank_routings: Vec<RoutingJson>,
    /// Attributes.
    pub attributes: Vec<BankAttributeJson>,
}

impl From<Bank> for BankJson400 {
    fn from(b: Bank) -> Self {
        let bank_routings = b.routings().into_iter().map(Into::into).collect();
        Self {
            id: b.id.into_inner(),
            short_name: b.short_name,
            full_name: b.full_name,
            logo: b.logo_url,
            website: b.website_url,
            bank_routings,
            attributes: Vec::new(),
        }
    }
}

impl From<Bank> for BankJson500 {
    fn from(b: Bank) -> Self {
        let bank_routings = b.routings().into_iter().map(Into::into).collect();
        Self {
            id: b.id.into_inner(),
            bank_code: b.short_name,
            full_name: b.full_name,
            logo: b.logo_url,
            website: b.website_url,
            bank_routings,
            attributes: Vec::new(),
        }
    }
}

/// Path of one bank.
#[derive(Debug, Deserialize)]
pub struct BankPath {
    /// BANK_ID.
    pub bank_id: String,
}

/// Get Banks
///
/// Returns the banks on this API instance, ordered by id. Anonymous access.
#[utoipa::path(
    operation_id = "OBPv4.0.0-getBanks",
    tag = "Bank",
    responses(
        (status = 200, description = "The banks", body = BanksJson400),
        (status = 500, description = "Server fault", body = ErrorBody)
    )
)]
#[get("/banks")]
#[tracing::instrument(skip_all)]
pub async fn get_banks(ctx: Ctx, state: web::Data<AppState>) -> ApiResult<web::Json<BanksJson400>> {
    let banks = state.connector.get_banks(&ctx).await?;
    Ok(web::Json(BanksJson400 {
        banks: banks.into_iter().map(Into::into).collect(),
    }))
}

/// Get Bank
///
/// Returns one bank. Anonymous access.
#[utoipa::path(
    operation_id = "OBPv5.0.0-getBank",
    tag = "Bank",
    params(("bank_id" = String, Path, description = "The bank id, e.g. gh.29.uk")),
    responses(
        (status = 200, description = "The bank", body = BankJson500),
        (status = 400, description = "OBP-30111: malformed BANK_ID", body = ErrorBody),
        (status = 404, description = "OBP-30001: no such bank", body = ErrorBody)
    )
)]
#[get("/banks/{bank_id}")]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_bank(
    ctx: Ctx,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
) -> ApiResult<web::Json<BankJson500>> {
    let bank_id = BankId::parse(path.into_inner().bank_id)?;
    let bank = state.connector.get_bank(&ctx, &bank_id).await?;
    Ok(web::Json(bank.into()))
}
