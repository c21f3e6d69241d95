//! Explicit counterparties (OBP v4.0.0): through a view (`can_add_counterparty`,
//! `can_get_counterparty`, `can_delete_counterparty`) and management variants for callers
//! holding `CanCreateCounterparty`, `CanGetCounterparty`, `CanDeleteCounterparty` (at one
//! bank or at any bank).
//!
//! A counterparty belongs to one account and view; OBP's management create files it under
//! the account's `owner` view whatever VIEW_ID the path names. Lookups by id are scoped to
//! the account in the path: a counterparty of another account is "not found" (OBP-30017),
//! where OBP would show it.

use actix_web::{delete, get, post, web, HttpResponse};
use obp_domain::counterparty::Counterparty;
use obp_domain::ids::{AccountId, BankId};
use obp_domain::money::Currency;
use obp_domain::role::{
    CAN_CREATE_COUNTERPARTY, CAN_CREATE_COUNTERPARTY_AT_ANY_BANK, CAN_DELETE_COUNTERPARTY,
    CAN_DELETE_COUNTERPARTY_AT_ANY_BANK, CAN_GET_COUNTERPARTY, CAN_GET_COUNTERPARTY_AT_ANY_BANK,
};
use obp_domain::view::{Permission, ViewDefinition};
use obp_domain::ErrorCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::access::{require_account, require_account_view, require_bank};
use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::moderation::LocationJson;
use crate::paths::AccountViewPath;
use crate::state::AppState;

/// The view OBP's management create files counterparties under.
const OWNER_VIEW_ID: &str = "owner";
/// Longest accepted `description` (OBP's `MappedCounterparty.mDescription`).
const MAX_DESCRIPTION: usize = 36;

/// Path of one counterparty.
#[derive(Debug, Deserialize)]
pub struct CounterpartyPath {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// VIEW_ID.
    pub view_id: String,
    /// COUNTERPARTY_ID.
    pub counterparty_id: String,
}

/// `{key, value}`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BespokeJson {
    /// Key.
    #[schema(max_length = 255)]
    pub key: String,
    /// Value.
    #[schema(max_length = 255)]
    pub value: String,
}

/// `PostCounterpartyJson400`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostCounterpartyJson400 {
    /// Name, unique on the account and view.
    #[schema(example = "Piano teacher")]
    #[schema(max_length = 36)]
    pub name: String,
    /// Description (at most 36 characters).
    #[schema(max_length = 36)]
    pub description: String,
    /// ISO 4217 currency.
    #[schema(example = "EUR")]
    #[schema(max_length = 255)]
    pub currency: String,
    /// `OBP`, `IBAN`, `AccountNumber`, ...; an `IBAN` address must be a valid IBAN.
    #[schema(max_length = 255)]
    pub other_account_routing_scheme: String,
    /// Address.
    #[schema(max_length = 255)]
    pub other_account_routing_address: String,
    /// Secondary scheme.
    #[schema(max_length = 255)]
    pub other_account_secondary_routing_scheme: String,
    /// Secondary address.
    #[schema(max_length = 255)]
    pub other_account_secondary_routing_address: String,
    /// Bank scheme (`OBP`: the address is a BANK_ID on this server).
    #[schema(max_length = 255)]
    pub other_bank_routing_scheme: String,
    /// Bank address.
    #[schema(max_length = 255)]
    pub other_bank_routing_address: String,
    /// Branch scheme.
    #[schema(max_length = 255)]
    pub other_branch_routing_scheme: String,
    /// Branch address.
    #[schema(max_length = 255)]
    pub other_branch_routing_address: String,
    /// Whether payments to it are allowed.
    pub is_beneficiary: bool,
    /// Extra key/value pairs.
    #[serde(default)]
    pub bespoke: Vec<BespokeJson>,
}

/// `CounterpartyMetadataJson`.
#[derive(Debug, Serialize, ToSchema)]
pub struct CounterpartyMetadataJson {
    /// Public alias (`ALIAS_` and six characters).
    pub public_alias: String,
    /// More info.
    pub more_info: String,
    /// URL.
    pub url: String,
    /// Image URL.
    pub image_url: String,
    /// Open corporates URL.
    pub open_corporates_url: String,
    /// Corporate location.
    pub corporate_location: Option<LocationJson>,
    /// Physical location.
    pub physical_location: Option<LocationJson>,
    /// Private alias.
    pub private_alias: String,
}

/// `CounterpartyJson400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct CounterpartyJson400 {
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Currency.
    pub currency: String,
    /// Creator.
    pub created_by_user_id: String,
    /// BANK_ID of the account.
    pub this_bank_id: String,
    /// ACCOUNT_ID.
    pub this_account_id: String,
    /// VIEW_ID.
    pub this_view_id: String,
    /// COUNTERPARTY_ID.
    pub counterparty_id: String,
    /// Bank scheme.
    pub other_bank_routing_scheme: String,
    /// Bank address.
    pub other_bank_routing_address: String,
    /// Branch scheme.
    pub other_branch_routing_scheme: String,
    /// Branch address.
    pub other_branch_routing_address: String,
    /// Account scheme.
    pub other_account_routing_scheme: String,
    /// Account address.
    pub other_account_routing_address: String,
    /// Secondary scheme.
    pub other_account_secondary_routing_scheme: String,
    /// Secondary address.
    pub other_account_secondary_routing_address: String,
    /// Beneficiary flag.
    pub is_beneficiary: bool,
    /// Extra key/value pairs.
    pub bespoke: Vec<BespokeJson>,
}

/// `CounterpartyWithMetadataJson400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct CounterpartyWithMetadataJson400 {
    /// The counterparty.
    #[serde(flatten)]
    pub counterparty: CounterpartyJson400,
    /// Metadata.
    pub metadata: CounterpartyMetadataJson,
}

/// `CounterpartiesJson400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct CounterpartiesJson400 {
    /// The counterparties.
    pub counterparties: Vec<CounterpartyJson400>,
}

fn counterparty_json(c: Counterparty) -> CounterpartyJson400 {
    CounterpartyJson400 {
        name: c.name,
        description: c.description,
        currency: c.currency,
        created_by_user_id: c.created_by_user_id,
        this_bank_id: c.this_bank_id.into_inner(),
        this_account_id: c.this_account_id.into_inner(),
        this_view_id: c.this_view_id,
        counterparty_id: c.counterparty_id,
        other_bank_routing_scheme: c.other_bank_routing_scheme,
        other_bank_routing_address: c.other_bank_routing_address,
        other_branch_routing_scheme: c.other_branch_routing_scheme,
        other_branch_routing_address: c.other_branch_routing_address,
        other_account_routing_scheme: c.other_account_routing_scheme,
        other_account_routing_address: c.other_account_routing_address,
        other_account_secondary_routing_scheme: c.other_account_secondary_routing_scheme,
        other_account_secondary_routing_address: c.other_account_secondary_routing_address,
        is_beneficiary: c.is_beneficiary,
        bespoke: c
            .bespoke
            .into_iter()
            .map(|(key, value)| BespokeJson { key, value })
            .collect(),
    }
}

/// The counterparty with OBP's metadata: a public alias derived from the id (OBP draws a
/// random `ALIAS_XXXXXX` once), empty texts and no locations.
fn with_metadata(c: Counterparty) -> CounterpartyWithMetadataJson400 {
    let alias: String = c
        .counterparty_id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(6)
        .collect::<String>()
        .to_uppercase();
    CounterpartyWithMetadataJson400 {
        counterparty: counterparty_json(c),
        metadata: CounterpartyMetadataJson {
            public_alias: format!("ALIAS_{alias}"),
            more_info: String::new(),
            url: String::new(),
            image_url: String::new(),
            open_corporates_url: String::new(),
            corporate_location: None,
            physical_location: None,
            private_alias: String::new(),
        },
    }
}

fn view_permission(view: &ViewDefinition, p: Permission, detail: &str) -> ApiResult<()> {
    if view.has(p) {
        Ok(())
    } else {
        Err(ApiError::with_detail(ErrorCode::NoViewPermission, detail))
    }
}

/// An IBAN routing address in electronic form (OBP-10033 when invalid); others unchanged.
fn routing_address(scheme: &str, address: String) -> ApiResult<String> {
    if scheme.eq_ignore_ascii_case("IBAN") {
        Ok(obp_domain::iban::Iban::parse(&address)?.as_str().to_owned())
    } else {
        Ok(address)
    }
}

/// OBP's checks and the write shared by both create endpoints.
async fn create(
    state: &AppState,
    ctx: &obp_domain::context::CallContext,
    user_id: &str,
    bank_id: &str,
    account_id: &str,
    this_view_id: &str,
    b: PostCounterpartyJson400,
) -> ApiResult<HttpResponse> {
    let bank = BankId::parse(bank_id)?;
    let account = AccountId::parse(account_id)?;
    let taken = state
        .connector
        .get_counterparties(ctx, &bank, &account, this_view_id)
        .await?
        .iter()
        .any(|c| c.name == b.name);
    let name = b.name.clone();
    let already_exists = || {
        ApiError::with_detail(
            ErrorCode::CounterpartyAlreadyExists,
            format!(
                "COUNTERPARTY_NAME({name}) for the BANK_ID({bank_id}) and ACCOUNT_ID({account_id}) and VIEW_ID({this_view_id})"
            ),
        )
    };
    if taken {
        return Err(already_exists());
    }
    if b.description.chars().count() > MAX_DESCRIPTION {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidValueLength,
            format!("The maximum length of `description` field is {MAX_DESCRIPTION}"),
        ));
    }
    if Currency::parse(&b.currency).is_err() {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidIsoCurrencyCode,
            format!("Current input is: '{}'", b.currency),
        ));
    }
    // An `OBP` routing must name an account on this server.
    if b.other_bank_routing_scheme == "OBP" {
        let other_account = if b.other_account_routing_scheme == "OBP" {
            Some(&b.other_account_routing_address)
        } else if b.other_account_secondary_routing_scheme == "OBP" {
            Some(&b.other_account_secondary_routing_address)
        } else {
            None
        };
        if let Some(a) = other_account {
            require_bank(state, ctx, &b.other_bank_routing_address).await?;
            require_account(state, ctx, &b.other_bank_routing_address, a).await?;
        }
    }
    let other_account_routing_address = routing_address(
        &b.other_account_routing_scheme,
        b.other_account_routing_address,
    )?;
    let other_account_secondary_routing_address = routing_address(
        &b.other_account_secondary_routing_scheme,
        b.other_account_secondary_routing_address,
    )?;
    let counterparty = Counterparty {
        counterparty_id: uuid::Uuid::new_v4().to_string(),
        name: b.name,
        description: b.description,
        currency: b.currency,
        created_by_user_id: user_id.to_owned(),
        this_bank_id: bank,
        this_account_id: account,
        this_view_id: this_view_id.to_owned(),
        other_account_routing_scheme: b.other_account_routing_scheme,
        other_account_routing_address,
        other_account_secondary_routing_scheme: b.other_account_secondary_routing_scheme,
        other_account_secondary_routing_address,
        other_bank_routing_scheme: b.other_bank_routing_scheme,
        other_bank_routing_address: b.other_bank_routing_address,
        other_branch_routing_scheme: b.other_branch_routing_scheme,
        other_branch_routing_address: b.other_branch_routing_address,
        is_beneficiary: b.is_beneficiary,
        bespoke: b.bespoke.into_iter().map(|p| (p.key, p.value)).collect(),
    };
    let created = match state.connector.create_counterparty(ctx, counterparty).await {
        Ok(c) => c,
        Err(e) => {
            let e = ApiError::from(e);
            // A concurrent create with the same name.
            return Err(if e.code() == ErrorCode::CounterpartyAlreadyExists {
                already_exists()
            } else {
                e
            });
        }
    };
    Ok(HttpResponse::Created().json(with_metadata(created)))
}

/// The counterparty `id` of the account in the path, or 404 OBP-30017.
async fn counterparty_of_account(
    state: &AppState,
    ctx: &obp_domain::context::CallContext,
    bank_id: &str,
    account_id: &str,
    counterparty_id: &str,
) -> ApiResult<Counterparty> {
    let bank = BankId::parse(bank_id)?;
    let not_found = || {
        ApiError::with_detail(
            ErrorCode::CounterpartyNotFoundByCounterpartyId,
            format!("Current counterpartyId({counterparty_id}) "),
        )
    };
    match state
        .connector
        .get_counterparty_by_counterparty_id(ctx, &bank, counterparty_id)
        .await
    {
        Ok(c) if c.this_account_id.as_str() == account_id => Ok(c),
        Ok(_) => Err(not_found()),
        Err(e) => {
            let e = ApiError::from(e);
            Err(
                if e.code() == ErrorCode::CounterpartyNotFoundByCounterpartyId {
                    not_found()
                } else {
                    e
                },
            )
        }
    }
}

/// Create Counterparty (Explicit)
///
/// Creates a counterparty of the account for the view (`can_add_counterparty`).
#[endpoint(
    POST "/banks/{bank_id}/accounts/{account_id}/{view_id}/counterparties",
    operation_id = "OBPv4.0.0-createCounterparty",
    login,
    tag = "Counterparty",
    request_body = PostCounterpartyJson400,
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path)),
    responses(
        (status = 201, description = "The counterparty", body = CounterpartyWithMetadataJson400),
        (status = 400, description = "OBP-10001 / OBP-10003 / OBP-20010 / OBP-30014 / OBP-10033", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30005", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn create_counterparty(
    auth: Authorized<CreateCounterparty>,
    state: web::Data<AppState>,
    path: web::Path<AccountViewPath>,
    body: web::Json<PostCounterpartyJson400>,
) -> ApiResult<HttpResponse> {
    let p = path.into_inner();
    let user = auth.user()?;
    let (_, view) =
        require_account_view(&state, &auth.ctx, &p.bank_id, &p.account_id, &p.view_id).await?;
    view_permission(
        &view,
        Permission::AddCounterparty,
        "can_add_counterparty. Please use a view with that permission or add the permission to this view.",
    )?;
    create(
        &state,
        &auth.ctx,
        &user.user_id,
        &p.bank_id,
        &p.account_id,
        view.id.as_str(),
        body.into_inner(),
    )
    .await
}

/// Get Counterparties (Explicit)
///
/// The counterparties of the account and view (`can_get_counterparty`), ordered by name.
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/{view_id}/counterparties",
    operation_id = "OBPv4.0.0-getExplicitCounterpartiesForAccount",
    login,
    tag = "Counterparty",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path)),
    responses(
        (status = 200, description = "The counterparties", body = CounterpartiesJson400),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30005", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_explicit_counterparties_for_account(
    auth: Authorized<GetExplicitCounterpartiesForAccount>,
    state: web::Data<AppState>,
    path: web::Path<AccountViewPath>,
) -> ApiResult<web::Json<CounterpartiesJson400>> {
    let p = path.into_inner();
    auth.user()?;
    let (account, view) =
        require_account_view(&state, &auth.ctx, &p.bank_id, &p.account_id, &p.view_id).await?;
    view_permission(&view, Permission::GetCounterparty, "can_get_counterparty")?;
    let list = state
        .connector
        .get_counterparties(
            &auth.ctx,
            &account.bank_id,
            &account.account_id,
            view.id.as_str(),
        )
        .await?;
    Ok(web::Json(CounterpartiesJson400 {
        counterparties: list.into_iter().map(counterparty_json).collect(),
    }))
}

/// Get Counterparty by Id (Explicit)
///
/// One counterparty of the account (`can_get_counterparty`).
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/{view_id}/counterparties/{counterparty_id}",
    operation_id = "OBPv4.0.0-getExplicitCounterpartyById",
    login,
    tag = "Counterparty",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path), ("counterparty_id" = String, Path)),
    responses(
        (status = 200, description = "The counterparty", body = CounterpartyWithMetadataJson400),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30005 / OBP-30017", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_explicit_counterparty_by_id(
    auth: Authorized<GetExplicitCounterpartyById>,
    state: web::Data<AppState>,
    path: web::Path<CounterpartyPath>,
) -> ApiResult<web::Json<CounterpartyWithMetadataJson400>> {
    let p = path.into_inner();
    auth.user()?;
    let (_, view) =
        require_account_view(&state, &auth.ctx, &p.bank_id, &p.account_id, &p.view_id).await?;
    view_permission(&view, Permission::GetCounterparty, "can_get_counterparty")?;
    let c = counterparty_of_account(
        &state,
        &auth.ctx,
        &p.bank_id,
        &p.account_id,
        &p.counterparty_id,
    )
    .await?;
    Ok(web::Json(with_metadata(c)))
}

/// Delete Counterparty (Explicit)
///
/// Deletes a counterparty of the account (`can_delete_counterparty`); answers `true`.
#[endpoint(
    DELETE "/banks/{bank_id}/accounts/{account_id}/{view_id}/counterparties/{counterparty_id}",
    operation_id = "OBPv4.0.0-deleteExplicitCounterparty",
    login,
    tag = "Counterparty",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path), ("counterparty_id" = String, Path)),
    responses(
        (status = 200, description = "`true`", body = bool),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30005 / OBP-30017", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn delete_explicit_counterparty(
    auth: Authorized<DeleteExplicitCounterparty>,
    state: web::Data<AppState>,
    path: web::Path<CounterpartyPath>,
) -> ApiResult<HttpResponse> {
    let p = path.into_inner();
    auth.user()?;
    let (account, view) =
        require_account_view(&state, &auth.ctx, &p.bank_id, &p.account_id, &p.view_id).await?;
    view_permission(
        &view,
        Permission::DeleteCounterparty,
        "can_delete_counterparty. Please use a view with that permission or add the permission to this view.",
    )?;
    counterparty_of_account(
        &state,
        &auth.ctx,
        &p.bank_id,
        &p.account_id,
        &p.counterparty_id,
    )
    .await?;
    state
        .connector
        .delete_counterparty_by_counterparty_id(&auth.ctx, &account.bank_id, &p.counterparty_id)
        .await?;
    Ok(HttpResponse::Ok().json(true))
}

/// Create Counterparty for any account (Explicit)
///
/// Creates a counterparty of any account, filed under its `owner` view (roles
/// `CanCreateCounterparty` or `CanCreateCounterpartyAtAnyBank`).
#[endpoint(
    POST "/management/banks/{bank_id}/accounts/{account_id}/{view_id}/counterparties",
    operation_id = "OBPv4.0.0-createCounterpartyForAnyAccount",
    login,
    roles = [CAN_CREATE_COUNTERPARTY, CAN_CREATE_COUNTERPARTY_AT_ANY_BANK],
    tag = "Counterparty",
    request_body = PostCounterpartyJson400,
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path)),
    responses(
        (status = 201, description = "The counterparty", body = CounterpartyWithMetadataJson400),
        (status = 400, description = "OBP-10001 / OBP-10003 / OBP-20010 / OBP-30014 / OBP-10033", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn create_counterparty_for_any_account(
    auth: Authorized<CreateCounterpartyForAnyAccount>,
    state: web::Data<AppState>,
    path: web::Path<AccountViewPath>,
    body: web::Json<PostCounterpartyJson400>,
) -> ApiResult<HttpResponse> {
    let p = path.into_inner();
    let user = auth.user()?;
    require_account(&state, &auth.ctx, &p.bank_id, &p.account_id).await?;
    create(
        &state,
        &auth.ctx,
        &user.user_id,
        &p.bank_id,
        &p.account_id,
        OWNER_VIEW_ID,
        body.into_inner(),
    )
    .await
}

/// Get Counterparties for any account (Explicit)
///
/// The counterparties of any account and view (roles `CanGetCounterparty` or
/// `CanGetCounterpartyAtAnyBank`).
#[endpoint(
    GET "/management/banks/{bank_id}/accounts/{account_id}/{view_id}/counterparties",
    operation_id = "OBPv4.0.0-getCounterpartiesForAnyAccount",
    login,
    roles = [CAN_GET_COUNTERPARTY, CAN_GET_COUNTERPARTY_AT_ANY_BANK],
    tag = "Counterparty",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path)),
    responses(
        (status = 200, description = "The counterparties", body = CounterpartiesJson400),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_counterparties_for_any_account(
    auth: Authorized<GetCounterpartiesForAnyAccount>,
    state: web::Data<AppState>,
    path: web::Path<AccountViewPath>,
) -> ApiResult<web::Json<CounterpartiesJson400>> {
    let p = path.into_inner();
    let account = require_account(&state, &auth.ctx, &p.bank_id, &p.account_id).await?;
    let list = state
        .connector
        .get_counterparties(&auth.ctx, &account.bank_id, &account.account_id, &p.view_id)
        .await?;
    Ok(web::Json(CounterpartiesJson400 {
        counterparties: list.into_iter().map(counterparty_json).collect(),
    }))
}

/// Get Counterparty by Id for any account (Explicit)
///
/// One counterparty of any account (roles `CanGetCounterparty` or
/// `CanGetCounterpartyAtAnyBank`).
#[endpoint(
    GET "/management/banks/{bank_id}/accounts/{account_id}/{view_id}/counterparties/{counterparty_id}",
    operation_id = "OBPv4.0.0-getCounterpartyByIdForAnyAccount",
    login,
    roles = [CAN_GET_COUNTERPARTY, CAN_GET_COUNTERPARTY_AT_ANY_BANK],
    tag = "Counterparty",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path), ("counterparty_id" = String, Path)),
    responses(
        (status = 200, description = "The counterparty", body = CounterpartyWithMetadataJson400),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30017", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_counterparty_by_id_for_any_account(
    auth: Authorized<GetCounterpartyByIdForAnyAccount>,
    state: web::Data<AppState>,
    path: web::Path<CounterpartyPath>,
) -> ApiResult<web::Json<CounterpartyWithMetadataJson400>> {
    let p = path.into_inner();
    require_account(&state, &auth.ctx, &p.bank_id, &p.account_id).await?;
    let c = counterparty_of_account(
        &state,
        &auth.ctx,
        &p.bank_id,
        &p.account_id,
        &p.counterparty_id,
    )
    .await?;
    Ok(web::Json(with_metadata(c)))
}

/// Delete Counterparty for any account (Explicit)
///
/// Deletes a counterparty of any account (roles `CanDeleteCounterparty` or
/// `CanDeleteCounterpartyAtAnyBank`); answers `true`.
#[endpoint(
    DELETE "/management/banks/{bank_id}/accounts/{account_id}/{view_id}/counterparties/{counterparty_id}",
    operation_id = "OBPv4.0.0-deleteCounterpartyForAnyAccount",
    login,
    roles = [CAN_DELETE_COUNTERPARTY, CAN_DELETE_COUNTERPARTY_AT_ANY_BANK],
    tag = "Counterparty",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path), ("counterparty_id" = String, Path)),
    responses(
        (status = 200, description = "`true`", body = bool),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30017", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn delete_counterparty_for_any_account(
    auth: Authorized<DeleteCounterpartyForAnyAccount>,
    state: web::Data<AppState>,
    path: web::Path<CounterpartyPath>,
) -> ApiResult<HttpResponse> {
    let p = path.into_inner();
    let account = require_account(&state, &auth.ctx, &p.bank_id, &p.account_id).await?;
    counterparty_of_account(
        &state,
        &auth.ctx,
        &p.bank_id,
        &p.account_id,
        &p.counterparty_id,
    )
    .await?;
    state
        .connector
        .delete_counterparty_by_counterparty_id(&auth.ctx, &account.bank_id, &p.counterparty_id)
        .await?;
    Ok(HttpResponse::Ok().json(true))
}
