//! TPP consent requests (OBP v5.0.0 `createConsentRequest`, v5.1.0 `createVRPConsentRequest`)
//! and the consent a user makes from one (`createConsentByConsentRequestId{Email,Sms,Implicit}`).
//!
//! An app asks (`POST /consumer/consent-requests`, or `.../vrp-consent-requests` for a
//! variable recurring payment mandate); the request is kept as posted (OBP's `payload`) with
//! the app's consumer id. A user then turns it into a consent: account routings are resolved
//! to accounts, the consent is created by [`consents::create`] (every consent rule applies:
//! never more than the user holds, SCA challenge, bounded lifetime) bound to the requesting
//! app, and the app uses its Consent-JWT.
//!
//! A VRP request, when the user consents, creates what OBP creates on the from-account: a
//! custom view `_VRP-…` with `can_add_transaction_request_to_beneficiary` and
//! `can_get_counterparty` granted to the user (who must hold both on the account, OBP-30267),
//! the beneficiary counterparty on that view, its counterparty limit, and a consent to that one
//! view. It is all or nothing: whatever was created is removed again when a later step fails.
//! Payments under the consent are then held to the limit
//! ([`super::counterparty_limits::reserve_for_payment`]).
//!
//! Choices that differ from OBP:
//! * OBP's endpoints for apps (`applicationAccess`) accept a client-credentials token; here the
//!   app is the one of the caller's DirectLogin token (a login is required) and a call without
//!   one is OBP-20200. OBP's PSD2 certificate role check (`passesPsd2Aisp`) is not done: no
//!   certificates are configured here.
//! * OBP lets any app read any consent request by id; here only the app that made it (and, for
//!   its consent, the consenting user) — others get OBP-35028, so ids do not leak.
//! * OBP validates the payload only when the user consents; here it is also validated when it
//!   is posted (lifetime OBP-35020, forbidden roles OBP-35033, VRP limit and names), so an app
//!   learns at once that its request can never be consented to.
//! * OBP takes a VRP from-account's BANK_ID and ACCOUNT_ID straight from the routing addresses;
//!   here the account routing is looked up (scheme `OBP`/`ACCOUNT_ID`: the address is the
//!   ACCOUNT_ID at the bank of the bank routing; any other scheme: the account with that
//!   routing).

use chrono::{DateTime, Utc};
use obp_connectors::store::consents::{self as consent_store, Consent, ConsentFilter};
use obp_connectors::store::counterparty_limits::{
    delete_counterparty_limit, insert_counterparty_limit, LimitTarget,
};
use obp_connectors::store::views as view_store;
use obp_domain::account::BankAccount;
use obp_domain::consent::{effective_time_to_live, ConsentRole, ConsentView, FORBIDDEN_ROLES};
use obp_domain::context::{AuthUser, CallContext};
use obp_domain::counterparty_limit::{LimitInput, LimitValues};
use obp_domain::ids::{BankId, ViewId};
use obp_domain::view::{Permission, PermissionSet, ViewAlias, ViewDefinition};
use obp_domain::ErrorCode;
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, ApiResult};
use crate::service::consents::{self, NewConsent, ScaMethod};
use crate::service::counterparties::{self, NewCounterparty};
use crate::state::AppState;

/// The `consent_type` OBP adds to a VRP request's payload.
pub const VRP: &str = "VRP";

/// The permissions of the view a VRP consent grants (OBP's `targetPermissions`).
pub const VRP_PERMISSIONS: [Permission; 2] = [
    Permission::AddTransactionRequestToBeneficiary,
    Permission::GetCounterparty,
];

/// A routing (`{scheme, address}`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Routing {
    /// Scheme.
    #[serde(default)]
    pub scheme: String,
    /// Address.
    #[serde(default)]
    pub address: String,
}

/// One account and view asked for (`AccountAccessV500`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountAccess {
    /// The account, by routing.
    pub account_routing: Routing,
    /// The view on it.
    pub view_id: String,
}

/// A role asked for (`PostConsentEntitlementJsonV310`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleRequest {
    /// BANK_ID (`""` for a system role).
    #[serde(default)]
    pub bank_id: String,
    /// Role name.
    pub role_name: String,
}

/// An account consent request (`PostConsentRequestJsonV500`), as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRequest {
    /// Every view and role the user holds.
    pub everything: bool,
    /// Where the accounts are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_id: Option<String>,
    /// The accounts and views.
    #[serde(default)]
    pub account_access: Vec<AccountAccess>,
    /// The roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entitlements: Option<Vec<RoleRequest>>,
    /// The app to bind the consent to (default: the requesting app).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consumer_id: Option<String>,
    /// EMAIL code recipient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// SMS code recipient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// Valid from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<DateTime<Utc>>,
    /// Lifetime, seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_to_live: Option<i64>,
}

/// A VRP limit as posted (amounts as decimal text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VrpLimit {
    /// Currency.
    pub currency: String,
    /// Largest payment.
    pub max_single_amount: String,
    /// Most per month.
    pub max_monthly_amount: String,
    /// Most payments per month.
    pub max_number_of_monthly_transactions: i64,
    /// Most per year.
    pub max_yearly_amount: String,
    /// Most payments per year.
    pub max_number_of_yearly_transactions: i64,
    /// Most ever.
    pub max_total_amount: String,
    /// Most payments ever.
    pub max_number_of_transactions: i64,
}

impl From<VrpLimit> for LimitInput {
    fn from(l: VrpLimit) -> Self {
        LimitInput {
            currency: l.currency,
            max_single_amount: l.max_single_amount,
            max_monthly_amount: l.max_monthly_amount,
            max_number_of_monthly_transactions: l.max_number_of_monthly_transactions,
            max_yearly_amount: l.max_yearly_amount,
            max_number_of_yearly_transactions: l.max_number_of_yearly_transactions,
            max_total_amount: l.max_total_amount,
            max_number_of_transactions: l.max_number_of_transactions,
        }
    }
}

/// The paying account of a VRP request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FromAccount {
    /// Bank routing (`OBP`: BANK_ID).
    pub bank_routing: Routing,
    /// Account routing.
    pub account_routing: Routing,
    /// Branch routing.
    #[serde(default)]
    pub branch_routing: Routing,
}

/// The beneficiary of a VRP request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToAccount {
    /// The counterparty's name (and description: at most 36 characters).
    pub counterparty_name: String,
    /// Bank routing.
    pub bank_routing: Routing,
    /// Account routing.
    pub account_routing: Routing,
    /// Branch routing.
    #[serde(default)]
    pub branch_routing: Routing,
    /// The limit.
    pub limit: VrpLimit,
}

/// A VRP consent request (`PostVRPConsentRequestJsonV510`), as stored (with OBP's
/// `consent_type`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VrpRequest {
    /// `VRP`, added by the server.
    #[serde(default)]
    pub consent_type: String,
    /// The paying account.
    pub from_account: FromAccount,
    /// The beneficiary and its limit.
    pub to_account: ToAccount,
    /// EMAIL code recipient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// SMS code recipient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// Valid from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<DateTime<Utc>>,
    /// Lifetime, seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_to_live: Option<i64>,
}

/// A stored consent request, with its payload read.
#[derive(Debug, Clone)]
pub struct ConsentRequestView {
    /// CONSENT_REQUEST_ID.
    pub consent_request_id: String,
    /// The payload as stored.
    pub payload: serde_json::Value,
    /// The requesting app.
    pub consumer_id: String,
}

/// What a consent made from a VRP request grants (OBP's `account_access` of the answer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VrpAccess {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// The `_VRP-…` view.
    pub view_id: String,
    /// The beneficiary.
    pub counterparty_id: String,
}

/// The consent made from a request.
#[derive(Debug, Clone)]
pub struct ConsentFromRequest {
    /// The consent.
    pub consent: Consent,
    /// For a VRP request, what it grants.
    pub vrp: Option<VrpAccess>,
}

fn bad_json(detail: &str) -> ApiError {
    ApiError::with_detail(ErrorCode::InvalidJsonFormat, detail)
}

/// The calling app (OBP's `applicationAccess`).
fn calling_app(ctx: &CallContext) -> ApiResult<&str> {
    ctx.consumer_id()
        .filter(|c| !c.is_empty())
        .ok_or_else(|| ApiError::new(ErrorCode::ApplicationNotIdentified))
}

fn check_ttl(state: &AppState, ttl: Option<i64>) -> ApiResult<()> {
    effective_time_to_live(ttl, state.settings.consents.max_time_to_live)?;
    Ok(())
}

fn check_account_request(state: &AppState, r: &AccountRequest) -> ApiResult<()> {
    check_ttl(state, r.time_to_live)?;
    let roles = r.entitlements.as_deref().unwrap_or_default();
    if roles
        .iter()
        .any(|e| FORBIDDEN_ROLES.iter().any(|f| f.name() == e.role_name))
    {
        return Err(ApiError::new(ErrorCode::RolesForbiddenInConsent));
    }
    if r.account_access.iter().any(|a| {
        a.view_id.trim().is_empty()
            || a.account_routing.scheme.trim().is_empty()
            || a.account_routing.address.trim().is_empty()
    }) {
        return Err(bad_json(
            "Every account_access needs account_routing.scheme, account_routing.address and view_id.",
        ));
    }
    Ok(())
}

fn check_vrp_request(state: &AppState, r: &VrpRequest) -> ApiResult<LimitValues> {
    check_ttl(state, r.time_to_live)?;
    let name = r.to_account.counterparty_name.trim();
    if name.is_empty() {
        return Err(bad_json("to_account.counterparty_name must not be empty."));
    }
    if r.to_account.counterparty_name.chars().count() > 36 {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidValueLength,
            "The maximum length of `description` field is 36",
        ));
    }
    if r.from_account.account_routing.address.trim().is_empty()
        || r.to_account.account_routing.address.trim().is_empty()
    {
        return Err(bad_json(
            "from_account and to_account need an account_routing address.",
        ));
    }
    Ok(LimitInput::from(r.to_account.limit.clone()).validate()?)
}

async fn store_request(
    state: &AppState,
    ctx: &CallContext,
    payload: &impl Serialize,
) -> ApiResult<ConsentRequestView> {
    consents::require_allowed(state)?;
    let app = calling_app(ctx)?;
    let text = serde_json::to_string(payload)
        .map_err(|_| bad_json("The body could not be kept as JSON."))?;
    let r = consent_store::insert_consent_request(&state.store, app, &text).await?;
    view_of(r)
}

fn view_of(r: consent_store::ConsentRequest) -> ApiResult<ConsentRequestView> {
    let payload = serde_json::from_str(&r.payload)
        .map_err(|_| ApiError::with_detail(ErrorCode::ConsentRequestIsInvalid, "payload"))?;
    Ok(ConsentRequestView {
        consent_request_id: r.id,
        payload,
        consumer_id: r.consumer_id,
    })
}

/// Stores an account consent request of the calling app (201).
///
/// # Errors
/// 401 OBP-35007 / OBP-20200; 400 OBP-35020 / OBP-10035 (lifetime), OBP-35033, OBP-10001.
pub async fn create(
    state: &AppState,
    ctx: &CallContext,
    request: AccountRequest,
) -> ApiResult<ConsentRequestView> {
    check_account_request(state, &request)?;
    store_request(state, ctx, &request).await
}

/// Stores a VRP consent request of the calling app (201), with `consent_type` `VRP`.
///
/// # Errors
/// As [`create`], and the limit's (OBP-10003 / OBP-10002 / OBP-20054), OBP-20010.
pub async fn create_vrp(
    state: &AppState,
    ctx: &CallContext,
    mut request: VrpRequest,
) -> ApiResult<ConsentRequestView> {
    check_vrp_request(state, &request)?;
    request.consent_type = VRP.to_owned();
    store_request(state, ctx, &request).await
}

/// The request `id`, when the calling app made it (else 400 OBP-35028, as for none).
async fn own_request(
    state: &AppState,
    ctx: &CallContext,
    id: &str,
) -> ApiResult<consent_store::ConsentRequest> {
    consents::require_allowed(state)?;
    let app = calling_app(ctx)?;
    consent_store::get_consent_request(&state.store, id)
        .await?
        .filter(|r| r.consumer_id == app)
        .ok_or_else(|| ApiError::new(ErrorCode::ConsentRequestNotFound))
}

/// The calling app's consent request.
///
/// # Errors
/// 401 OBP-35007 / OBP-20200; 400 OBP-35028.
pub async fn get(state: &AppState, ctx: &CallContext, id: &str) -> ApiResult<ConsentRequestView> {
    view_of(own_request(state, ctx, id).await?)
}

async fn consent_of_request(state: &AppState, id: &str) -> ApiResult<Option<Consent>> {
    let found = consent_store::list_consents(
        &state.store,
        &ConsentFilter {
            consent_request_id: Some(id.to_owned()),
            ..ConsentFilter::default()
        },
        1,
        0,
    )
    .await?;
    Ok(found.into_iter().next())
}

/// The consent made from the calling app's request, when the caller is its user (OBP:
/// OBP-35028 for no such request, OBP-35001 for another user's consent).
///
/// # Errors
/// 401 OBP-35007 / OBP-20200; 400 OBP-35028 / OBP-35001.
pub async fn consent_of(
    state: &AppState,
    ctx: &CallContext,
    user: &AuthUser,
    id: &str,
) -> ApiResult<Consent> {
    own_request(state, ctx, id).await?;
    consent_of_request(state, id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::ConsentRequestNotFound))
        .and_then(|c| {
            if c.user_id == user.user_id {
                Ok(c)
            } else {
                Err(ApiError::new(ErrorCode::ConsentNotFound))
            }
        })
}

/// The stored payload, read as the request it is.
enum Payload {
    Accounts(AccountRequest),
    Vrp(Box<VrpRequest>),
}

fn payload_of(r: &consent_store::ConsentRequest) -> ApiResult<Payload> {
    let value: serde_json::Value = serde_json::from_str(&r.payload)
        .map_err(|_| bad_json("The consent request's payload is not JSON."))?;
    if value.get("to_account").is_some() {
        serde_json::from_value(value)
            .map(|v| Payload::Vrp(Box::new(v)))
            .map_err(|_| {
                bad_json(
                    "The vrp consent request json body should be the PostVRPConsentRequestJsonV510",
                )
            })
    } else {
        serde_json::from_value(value)
            .map(Payload::Accounts)
            .map_err(|_| {
                bad_json("The consent request Json body should be the PostConsentRequestJsonV500")
            })
    }
}

/// An account by routing: `OBP` / `ACCOUNT_ID` name the ACCOUNT_ID at `bank`; any other
/// scheme is looked up among the accounts' routings (at `bank` when given).
async fn account_by_routing(
    state: &AppState,
    ctx: &CallContext,
    bank: Option<&str>,
    routing: &Routing,
) -> ApiResult<BankAccount> {
    let bank = match bank.map(str::trim).filter(|b| !b.is_empty()) {
        Some(b) => Some(BankId::parse(b)?),
        None => None,
    };
    let scheme = routing.scheme.trim();
    let address = routing.address.trim();
    if scheme.eq_ignore_ascii_case("OBP") || scheme.eq_ignore_ascii_case("ACCOUNT_ID") {
        if let Some(b) = &bank {
            return crate::access::require_account(state, ctx, b.as_str(), address).await;
        }
    }
    Ok(state
        .connector
        .get_bank_account_by_routing(ctx, bank.as_ref(), scheme, address)
        .await?)
}

/// What was created for a VRP consent, to remove again if a later step fails.
#[derive(Default)]
struct Created {
    view: Option<(String, String, String)>,
    granted: Option<(String, String, String, String)>,
    counterparty: Option<(BankId, String)>,
    limit: Option<(String, String, String, String)>,
}

impl Created {
    async fn undo(self, state: &AppState, ctx: &CallContext) {
        if let Some((b, a, v, c)) = &self.limit {
            let t = LimitTarget {
                bank_id: b,
                account_id: a,
                view_id: v,
                counterparty_id: c,
            };
            let _ = delete_counterparty_limit(&state.store, t).await;
        }
        if let Some((b, c)) = &self.counterparty {
            let _ = state
                .connector
                .delete_counterparty_by_counterparty_id(ctx, b, c)
                .await;
        }
        if let Some((u, b, a, v)) = &self.granted {
            let _ = view_store::revoke_access(&state.store, u, b, a, v).await;
        }
        if let Some((b, a, v)) = &self.view {
            let _ = view_store::delete_view(&state.store, b, a, v).await;
        }
    }
}

/// The permissions `user` holds on the account through their views (under a consent, only
/// the views it grants).
async fn held_permissions(
    state: &AppState,
    user: &AuthUser,
    bank_id: &str,
    account_id: &str,
) -> ApiResult<PermissionSet> {
    let mut held = PermissionSet::empty();
    for view_id in
        view_store::views_of_user_on_account(&state.store, &user.user_id, bank_id, account_id)
            .await?
    {
        if let Some(scope) = user.consent() {
            if !scope.allows_view(bank_id, account_id, &view_id) {
                continue;
            }
        }
        if let Some(v) =
            view_store::find_view_for_account(&state.store, bank_id, account_id, &view_id).await?
        {
            held = held.union(v.permissions);
        }
    }
    Ok(held)
}

/// OBP's VRP steps: the custom view (granted to the user), the beneficiary counterparty on
/// it, its limit. Records each creation in `created`.
async fn set_up_vrp(
    state: &AppState,
    ctx: &CallContext,
    user: &AuthUser,
    r: &VrpRequest,
    limit: &LimitValues,
    created: &mut Created,
) -> ApiResult<VrpAccess> {
    let from = account_by_routing(
        state,
        ctx,
        Some(r.from_account.bank_routing.address.as_str()),
        &r.from_account.account_routing,
    )
    .await?;
    let (bank_id, account_id) = (
        from.bank_id.as_str().to_owned(),
        from.account_id.as_str().to_owned(),
    );
    let held = held_permissions(state, user, &bank_id, &account_id).await?;
    let missing: Vec<&str> = VRP_PERMISSIONS
        .iter()
        .filter(|p| !held.contains(**p))
        .map(|p| p.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(ApiError::with_detail(
            ErrorCode::UserDoesNotHavePermission,
            format!(" {}", missing.join(", ")),
        ));
    }
    // OBP: `_VRP-` and a UUID, cut to 36 characters.
    let mut view_id = format!("_VRP-{}", uuid::Uuid::new_v4());
    view_id.truncate(36);
    let mut view = ViewDefinition::new_custom(
        ViewId::parse(view_id.clone())?,
        view_id.clone(),
        view_id.clone(),
        VRP_PERMISSIONS.iter().copied().collect(),
    )?;
    view.alias = ViewAlias::None;
    view.hide_metadata_if_alias_used = true;
    view_store::insert_view(&state.store, &bank_id, &account_id, &view).await?;
    created.view = Some((bank_id.clone(), account_id.clone(), view_id.clone()));
    view_store::grant_access(&state.store, &user.user_id, &bank_id, &account_id, &view_id).await?;
    created.granted = Some((
        user.user_id.clone(),
        bank_id.clone(),
        account_id.clone(),
        view_id.clone(),
    ));
    let to = &r.to_account;
    let counterparty = counterparties::create(
        state,
        ctx,
        &user.user_id,
        &bank_id,
        &account_id,
        &view_id,
        NewCounterparty {
            name: to.counterparty_name.clone(),
            description: to.counterparty_name.clone(),
            currency: to.limit.currency.clone(),
            other_account_routing_scheme: to.account_routing.scheme.clone(),
            other_account_routing_address: to.account_routing.address.clone(),
            other_account_secondary_routing_scheme: String::new(),
            other_account_secondary_routing_address: String::new(),
            other_bank_routing_scheme: to.bank_routing.scheme.clone(),
            other_bank_routing_address: to.bank_routing.address.clone(),
            other_branch_routing_scheme: to.branch_routing.scheme.clone(),
            other_branch_routing_address: to.branch_routing.address.clone(),
            is_beneficiary: true,
            bespoke: Vec::new(),
        },
    )
    .await?;
    created.counterparty = Some((from.bank_id.clone(), counterparty.counterparty_id.clone()));
    let target = LimitTarget {
        bank_id: &bank_id,
        account_id: &account_id,
        view_id: &view_id,
        counterparty_id: &counterparty.counterparty_id,
    };
    insert_counterparty_limit(&state.store, target, limit).await?;
    created.limit = Some((
        bank_id.clone(),
        account_id.clone(),
        view_id.clone(),
        counterparty.counterparty_id.clone(),
    ));
    Ok(VrpAccess {
        bank_id,
        account_id,
        view_id,
        counterparty_id: counterparty.counterparty_id,
    })
}

/// The logged-in user turns the request `id` into a consent bound to the requesting app (or
/// the payload's `consumer_id`), confirmed by `method`. A request gives at most one consent.
///
/// # Errors
/// 401 OBP-35007; 400 OBP-35028 (no such request), OBP-35029 (already used), OBP-35009
/// (method), OBP-10001 (payload); 404 OBP-30073 / OBP-30018 (accounts); 403 OBP-30267 (VRP
/// permissions the user lacks); and every error of [`consents::create`].
pub async fn create_consent(
    state: &AppState,
    ctx: &CallContext,
    user: &AuthUser,
    id: &str,
    method: &str,
) -> ApiResult<ConsentFromRequest> {
    consents::require_allowed(state)?;
    let request = consent_store::get_consent_request(&state.store, id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::ConsentRequestNotFound))?;
    if consent_of_request(state, id).await?.is_some() {
        return Err(ApiError::new(ErrorCode::ConsentRequestIsInvalid));
    }
    let method = ScaMethod::parse(method)?;
    match payload_of(&request)? {
        Payload::Accounts(r) => {
            check_account_request(state, &r)?;
            let mut views = Vec::with_capacity(r.account_access.len());
            for a in &r.account_access {
                let account =
                    account_by_routing(state, ctx, r.bank_id.as_deref(), &a.account_routing)
                        .await?;
                views.push(ConsentView {
                    bank_id: account.bank_id.as_str().to_owned(),
                    account_id: account.account_id.as_str().to_owned(),
                    view_id: a.view_id.clone(),
                });
            }
            let consent = consents::create(
                state,
                ctx,
                user,
                method,
                NewConsent {
                    bank_id: r.bank_id.clone().unwrap_or_default(),
                    everything: r.everything,
                    views,
                    entitlements: r
                        .entitlements
                        .unwrap_or_default()
                        .into_iter()
                        .map(|e| ConsentRole {
                            role_name: e.role_name,
                            bank_id: e.bank_id,
                        })
                        .collect(),
                    consumer_id: Some(r.consumer_id.unwrap_or(request.consumer_id)),
                    email: r.email,
                    phone_number: r.phone_number,
                    valid_from: r.valid_from,
                    time_to_live: r.time_to_live,
                    consent_request_id: Some(id.to_owned()),
                    api_version: "v5.0.0".to_owned(),
                },
            )
            .await?;
            Ok(ConsentFromRequest { consent, vrp: None })
        }
        Payload::Vrp(r) => {
            let limit = check_vrp_request(state, &r)?;
            let mut created = Created::default();
            let result = async {
                let access = set_up_vrp(state, ctx, user, &r, &limit, &mut created).await?;
                let consent = consents::create(
                    state,
                    ctx,
                    user,
                    method,
                    NewConsent {
                        bank_id: access.bank_id.clone(),
                        everything: false,
                        views: vec![ConsentView {
                            bank_id: access.bank_id.clone(),
                            account_id: access.account_id.clone(),
                            view_id: access.view_id.clone(),
                        }],
                        entitlements: Vec::new(),
                        consumer_id: Some(request.consumer_id.clone()),
                        email: r.email.clone(),
                        phone_number: r.phone_number.clone(),
                        valid_from: r.valid_from,
                        time_to_live: r.time_to_live,
                        consent_request_id: Some(id.to_owned()),
                        api_version: "v5.1.0".to_owned(),
                    },
                )
                .await?;
                Ok::<_, ApiError>(ConsentFromRequest {
                    consent,
                    vrp: Some(access),
                })
            }
            .await;
            if result.is_err() {
                created.undo(state, ctx).await;
            }
            result
        }
    }
}
