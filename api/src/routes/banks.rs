//! Banks: `GET /obp/{version}/banks` and `GET /obp/{version}/banks/{bank_id}`.

use actix_web::{get, post, put, web, HttpResponse};
use obp_connectors::store;
use obp_domain::bank::{Bank, Routing};
use obp_domain::ids::BankId;
use obp_domain::{role, ErrorCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::context::Ctx;
use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::state::AppState;

pub(crate) fn configure(cfg: &mut ServiceConfig<'_>) {
    cfg.service(get_banks)
        .service(get_bank)
        .service(create_bank)
        .service(update_bank);
}

endpoint!(GetBanks, "OBPv4.0.0-getBanks", anonymous, []);
endpoint!(GetBank, "OBPv5.0.0-getBank", anonymous, []);
endpoint!(
    UpdateBank,
    "OBPv5.0.0-updateBank",
    login,
    [role::CAN_CREATE_BANK]
);
endpoint!(
    CreateBank,
    "OBPv5.0.0-createBank",
    login,
    [role::CAN_CREATE_BANK]
);

/// A routing `{scheme, address}`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RoutingJson {
    /// Scheme, e.g. `BIC`.
    #[schema(max_length = 255)]
    pub scheme: String,
    /// Address.
    #[schema(max_length = 255)]
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
    let attributes = state
        .connector
        .get_bank_attributes_by_bank(&ctx, &bank_id)
        .await?
        .into_iter()
        .filter(|a| a.is_active)
        .map(|a| BankAttributeJson {
            name: a.name,
            value: a.value,
        })
        .collect();
    let mut json = BankJson500::from(bank);
    json.attributes = attributes;
    Ok(web::Json(json))
}

/// `PostBankJson500`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostBankJson500 {
    /// BANK_ID (generated when missing): 4 to 16 characters of `[A-Za-z0-9-._]`.
    #[schema(example = "gh.29.uk")]
    pub id: Option<String>,
    /// Short code of the bank.
    #[schema(example = "CGHZ")]
    #[schema(max_length = 100)]
    pub bank_code: String,
    /// Full name.
    #[schema(max_length = 255)]
    pub full_name: Option<String>,
    /// Logo URL.
    #[schema(max_length = 255)]
    pub logo: Option<String>,
    /// Website URL.
    #[schema(max_length = 255)]
    pub website: Option<String>,
    /// Routings; a `BIC` routing sets the SWIFT BIC, the first other one the bank routing.
    pub bank_routings: Option<Vec<RoutingJson>>,
}

fn invalid_bank_json(detail: &str) -> ApiError {
    ApiError::with_detail(ErrorCode::InvalidJsonFormat, detail)
}

/// Validates OBP's rules for a new bank id (`checkShortString` and friends).
fn new_bank_id(id: Option<String>) -> ApiResult<BankId> {
    let id = id.unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    if id.chars().any(char::is_whitespace) {
        return Err(invalid_bank_json(
            "BANK_ID can not contain space characters",
        ));
    }
    if id.contains("::::") {
        return Err(invalid_bank_json(
            "BANK_ID can not contain `::::` characters",
        ));
    }
    if !obp_domain::ids::is_valid_obp_id(&id) {
        return Err(ApiError::new(ErrorCode::InvalidValueCharacters));
    }
    if id.len() > 36 {
        return Err(ApiError::new(ErrorCode::InvalidValueLength));
    }
    if id.len() <= 3 {
        return Err(invalid_bank_json(
            "Min length of BANK_ID should be greater than 3 characters.",
        ));
    }
    Ok(BankId::parse(id)?)
}

/// Create Bank
///
/// Creates a bank (role `CanCreateBank`). The creator is granted
/// `CanCreateEntitlementAtOneBank` and `CanReadDynamicResourceDocsAtOneBank` at the new bank.
#[utoipa::path(
    operation_id = "OBPv5.0.0-createBank",
    tag = "Bank",
    request_body = PostBankJson500,
    responses(
        (status = 201, description = "The bank", body = BankJson500),
        (status = 400, description = "OBP-10001 bad body; OBP-20010/20011 bad id; OBP-34000 id taken", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody)
    )
)]
#[post("/banks")]
#[tracing::instrument(skip_all)]
pub async fn create_bank(
    auth: Authorized<CreateBank>,
    state: web::Data<AppState>,
    body: web::Json<PostBankJson500>,
) -> ApiResult<HttpResponse> {
    let b = body.into_inner();
    let id = new_bank_id(b.id)?;
    if state.connector.get_bank(&auth.ctx, &id).await.is_ok() {
        return Err(ApiError::new(ErrorCode::BankIdAlreadyExists));
    }
    let routings = b.bank_routings.unwrap_or_default();
    let swift_bic = routings
        .iter()
        .find(|r| r.scheme == "BIC")
        .map(|r| r.address.clone())
        .unwrap_or_default();
    let primary = routings.iter().find(|r| r.scheme != "BIC");
    let bank = Bank {
        id,
        short_name: b.bank_code,
        full_name: b.full_name.unwrap_or_default(),
        logo_url: b.logo.unwrap_or_default(),
        website_url: b.website.unwrap_or_default(),
        bank_routing_scheme: primary.map(|r| r.scheme.clone()).unwrap_or_default(),
        bank_routing_address: primary.map(|r| r.address.clone()).unwrap_or_default(),
        swift_bic,
        national_identifier: String::new(),
    };
    let bank = state.connector.create_bank(&auth.ctx, bank).await?;
    crate::routes::accounts::create_bank_settlement_accounts(&state, &auth.ctx, &bank.id).await?;
    let user_id = &auth.user()?.user_id;
    for r in [
        role::CAN_CREATE_ENTITLEMENT_AT_ONE_BANK,
        role::CAN_READ_DYNAMIC_RESOURCE_DOCS_AT_ONE_BANK,
    ] {
        store::ensure_entitlement(
            &state.store,
            user_id,
            bank.id.as_str(),
            r.name,
            "create_bank",
        )
        .await?;
    }
    Ok(HttpResponse::Created().json(BankJson500::from(bank)))
}

/// Update Bank
///
/// Replaces an existing bank's code, names, logo, website and routings (role
/// `CanCreateBank`); `id` names the bank.
#[utoipa::path(
    operation_id = "OBPv5.0.0-updateBank",
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
#[put("/banks")]
#[tracing::instrument(skip_all)]
pub async fn update_bank(
    auth: Authorized<UpdateBank>,
    state: web::Data<AppState>,
    body: web::Json<PostBankJson500>,
) -> ApiResult<web::Json<BankJson500>> {
    let b = body.into_inner();
    if b.id.as_ref().is_some_and(|id| id.len() <= 3) {
        return Err(invalid_bank_json(
            "Min length of BANK_ID should be greater than 3 characters.",
        ));
    }
    if b.id.as_ref().is_some_and(|id| id.contains(' ')) {
        return Err(invalid_bank_json(
            "BANK_ID can not contain space characters",
        ));
    }
    let id =
        b.id.ok_or_else(|| ApiError::new(ErrorCode::UpdateBankErrorNoId))?;
    let existing = crate::access::require_bank(&state, &auth.ctx, &id).await?;
    let routings = b.bank_routings.unwrap_or_default();
    let swift_bic = routings
        .iter()
        .find(|r| r.scheme == "BIC")
        .map(|r| r.address.clone())
        .unwrap_or_default();
    let primary = routings.iter().find(|r| r.scheme != "BIC");
    let bank = Bank {
        id: existing.id,
        short_name: b.bank_code,
        full_name: b.full_name.unwrap_or_default(),
        logo_url: b.logo.unwrap_or_default(),
        website_url: b.website.unwrap_or_default(),
        bank_routing_scheme: primary.map(|r| r.scheme.clone()).unwrap_or_default(),
        bank_routing_address: primary.map(|r| r.address.clone()).unwrap_or_default(),
        swift_bic,
        national_identifier: existing.national_identifier,
    };
    let bank = state.connector.update_bank(&auth.ctx, bank).await?;
    Ok(web::Json(BankJson500::from(bank)))
}
