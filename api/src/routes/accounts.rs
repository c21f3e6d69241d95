//! Accounts: creation, label, lists, one account through a view, balances and settlement
//! accounts.
//!
//! Lists show an account's label, number and routings as the *union* of the caller's views
//! on that account allows (a user with only `ReadBalances` sees no label). Account access
//! and view checks go through [`crate::access`]; field filtering through
//! [`crate::moderation`].

use std::collections::BTreeMap;

use actix_web::{get, post, put, web, HttpResponse};
use obp_connectors::store::{self, views};
use obp_domain::account::{
    settlement_account_id, AccountKind, BankAccount, NewBankAccount,
    INCOMING_SETTLEMENT_ACCOUNT_ID, OUTGOING_SETTLEMENT_ACCOUNT_ID,
};
use obp_domain::bank::Routing;
use obp_domain::context::CallContext;
use obp_domain::ids::{AccountId, BankId};
use obp_domain::ledger::AccountRef;
use obp_domain::moderation::{moderate_account, ModeratedAccount};
use obp_domain::money::{Currency, Money};
use obp_domain::role::{
    CAN_CREATE_ACCOUNT, CAN_CREATE_SETTLEMENT_ACCOUNT_AT_ONE_BANK,
    CAN_GET_SETTLEMENT_ACCOUNT_AT_ONE_BANK,
};
use obp_domain::view::{Permission, PermissionSet, ViewDefinition};
use obp_domain::ErrorCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::access::{require_account_view, require_bank, require_permission};
use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::{authorize, Authorized};
use crate::json::AmountBody;
use crate::json::RoutingJson;
use crate::json::SuccessMessage;
use crate::moderation::{
    account_json, core_account_json, routings_json, AmountJson, ModeratedAccountJson,
    ModeratedCoreAccountJson, ViewBasicJson,
};
use crate::paths::{AccountPath, AccountViewPath, BankPath};
use crate::service::accounts::owners;
use crate::service::views::held_views;
use crate::state::AppState;

/// `CreateAccountRequestJsonV500`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateAccountRequestJson {
    /// The holder (the caller when missing; another user needs `CanCreateAccount`).
    pub user_id: Option<String>,
    /// Label.
    #[schema(max_length = 255)]
    pub label: String,
    /// Product code.
    pub product_code: String,
    /// Initial balance: must be zero; its currency is the account's (EUR by default).
    pub balance: Option<AmountBody>,
    /// Branch.
    pub branch_id: Option<String>,
    /// Routings; an `IBAN` routing must be a valid IBAN.
    pub account_routings: Option<Vec<RoutingJson>>,
}

/// `CreateAccountResponseJsonV310`.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreateAccountResponseJson {
    /// ACCOUNT_ID.
    pub account_id: String,
    /// The holder.
    pub user_id: String,
    /// Label.
    pub label: String,
    /// Product code.
    pub product_code: String,
    /// Balance.
    pub balance: AmountJson,
    /// Branch.
    pub branch_id: String,
    /// Routings.
    pub account_routings: Vec<RoutingJson>,
    /// Attributes.
    pub account_attributes: Vec<serde_json::Value>,
}

/// Checks and normalises routings: IBANs are validated (OBP-10033) and stored in electronic
/// form.
pub(crate) fn validate_routings(routings: Vec<RoutingJson>) -> ApiResult<Vec<Routing>> {
    routings
        .into_iter()
        .filter(|r| !(r.scheme.is_empty() && r.address.is_empty()))
        .map(|r| {
            if r.scheme.eq_ignore_ascii_case("IBAN") {
                let iban = obp_domain::iban::Iban::parse(&r.address)?;
                Ok(Routing {
                    scheme: "IBAN".to_owned(),
                    address: iban.as_str().to_owned(),
                })
            } else {
                Ok(Routing {
                    scheme: r.scheme,
                    address: r.address,
                })
            }
        })
        .collect()
}

/// The currency of a zero initial balance (OBP-30109 when not zero).
fn zero_balance_currency(balance: Option<AmountBody>, default: &str) -> ApiResult<Currency> {
    match balance {
        None => Ok(Currency::parse(default)?),
        Some(b) => {
            let m = Money::parse_with_code(&b.amount, &b.currency)?;
            if !m.is_zero() {
                return Err(ApiError::new(ErrorCode::InitialBalanceMustBeZero));
            }
            Ok(m.currency())
        }
    }
}

async fn create_account_common(
    auth_ctx: &CallContext,
    state: &AppState,
    bank_id: &str,
    account_id: AccountId,
    body: CreateAccountRequestJson,
) -> ApiResult<HttpResponse> {
    let caller = auth_ctx
        .user()
        .ok_or_else(|| ApiError::new(ErrorCode::UserNotLoggedIn))?
        .clone();
    let bank = require_bank(state, auth_ctx, bank_id).await?;
    let holder_id = body
        .user_id
        .clone()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| caller.user_id.clone());
    if holder_id != caller.user_id {
        authorize(state, &caller, &[CAN_CREATE_ACCOUNT], Some(bank_id)).await?;
    }
    let holder = store::find_user(&state.store, &holder_id)
        .await?
        .filter(|u| !u.is_deleted)
        .ok_or_else(|| {
            ApiError::with_detail(
                ErrorCode::UserNotFoundById,
                format!("Current USER_ID({holder_id})"),
            )
        })?;
    let currency = zero_balance_currency(body.balance, &state.settings.default_currency)?;
    let routings = validate_routings(body.account_routings.unwrap_or_default())?;
    let new = NewBankAccount {
        bank_id: bank.id.clone(),
        number: account_id.as_str().to_owned(),
        account_id,
        label: body.label,
        account_type: body.product_code,
        currency,
        kind: AccountKind::Current,
        overdraft_limit: Money::zero(currency),
        branch_id: body.branch_id.unwrap_or_default(),
        holder_name: holder.username.clone(),
        routings,
        created_by_user_id: Some(holder_id.clone()),
    };
    let account = state.connector.create_bank_account(auth_ctx, new).await?;
    views::grant_access(
        &state.store,
        &holder_id,
        bank_id,
        account.account_id.as_str(),
        "owner",
    )
    .await?;
    Ok(HttpResponse::Created().json(CreateAccountResponseJson {
        account_id: account.account_id.as_str().to_owned(),
        user_id: holder_id,
        label: account.label.clone(),
        product_code: account.account_type.clone(),
        balance: (&account.balance).into(),
        branch_id: account.branch_id.clone(),
        account_routings: account.routings.iter().cloned().map(Into::into).collect(),
        account_attributes: Vec::new(),
    }))
}

/// Create Account (PUT)
///
/// Opens an account with the given ACCOUNT_ID and a zero balance; the holder gets the
/// `owner` view. Creating for another user needs `CanCreateAccount` at the bank.
#[endpoint(
    PUT "/banks/{bank_id}/accounts/{account_id}",
    operation_id = "OBPv5.0.0-createAccount",
    login,
    roles = [CAN_CREATE_ACCOUNT],
    roles_in_handler,
    tag = "Account",
    request_body = CreateAccountRequestJson,
    params(("bank_id" = String, Path), ("account_id" = String, Path)),
    responses(
        (status = 201, description = "The account", body = CreateAccountResponseJson),
        (status = 400, description = "OBP-30109 balance not zero; OBP-10033 bad IBAN; OBP-30208 id taken; OBP-30110 bad id", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006 CanCreateAccount", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-20005", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn create_account(
    auth: Authorized<CreateAccount>,
    state: web::Data<AppState>,
    path: web::Path<AccountPath>,
    body: web::Json<CreateAccountRequestJson>,
) -> ApiResult<HttpResponse> {
    let p = path.into_inner();
    require_bank(&state, &auth.ctx, &p.bank_id).await?;
    let account_id = AccountId::parse(p.account_id)?;
    create_account_common(&auth.ctx, &state, &p.bank_id, account_id, body.into_inner()).await
}

/// Create Account (POST)
///
/// As `PUT /banks/BANK_ID/accounts/ACCOUNT_ID` with a generated ACCOUNT_ID.
#[endpoint(
    POST "/banks/{bank_id}/accounts",
    operation_id = "OBPv4.0.0-addAccount",
    login,
    roles = [CAN_CREATE_ACCOUNT],
    roles_in_handler,
    tag = "Account",
    request_body = CreateAccountRequestJson,
    params(("bank_id" = String, Path)),
    responses(
        (status = 201, description = "The account", body = CreateAccountResponseJson),
        (status = 400, description = "OBP-30109, OBP-10033", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006 CanCreateAccount", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn add_account(
    auth: Authorized<AddAccount>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
    body: web::Json<CreateAccountRequestJson>,
) -> ApiResult<HttpResponse> {
    let account_id = AccountId::parse(uuid::Uuid::new_v4().to_string())?;
    create_account_common(
        &auth.ctx,
        &state,
        &path.bank_id,
        account_id,
        body.into_inner(),
    )
    .await
}

/// `{label}` (OBP's `UpdateAccountJSON` also carries `id` and `bank_id`, ignored).
#[derive(Debug, Deserialize, ToSchema)]
pub struct UpdateAccountLabelJson {
    /// New label.
    #[schema(max_length = 255)]
    pub label: String,
}

/// Update Account Label
///
/// Needs a view of the account with `can_update_bank_account_label`.
#[endpoint(
    POST "/banks/{bank_id}/accounts/{account_id}",
    operation_id = "OBPv4.0.0-updateAccountLabel",
    login,
    tag = "Account",
    request_body = UpdateAccountLabelJson,
    params(("bank_id" = String, Path), ("account_id" = String, Path)),
    responses(
        (status = 200, description = "Updated", body = SuccessMessage),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20017 no view; OBP-20022 no permission", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn update_account_label(
    auth: Authorized<UpdateAccountLabel>,
    state: web::Data<AppState>,
    path: web::Path<AccountPath>,
    body: web::Json<UpdateAccountLabelJson>,
) -> ApiResult<web::Json<SuccessMessage>> {
    let p = path.into_inner();
    let user = auth.user()?;
    let account =
        crate::access::require_account(&state, &auth.ctx, &p.bank_id, &p.account_id).await?;
    let held = held_views(&state, &user.user_id, &p.bank_id, &p.account_id).await?;
    if held.is_empty() {
        return Err(ApiError::new(ErrorCode::UserNoPermissionAccessView));
    }
    if !held
        .iter()
        .any(|v| v.has(Permission::UpdateBankAccountLabel))
    {
        return Err(ApiError::with_detail(
            ErrorCode::ViewDoesNotPermitAccess,
            "You need the `can_update_bank_account_label` permission on any your views",
        ));
    }
    state
        .connector
        .update_account_label(
            &auth.ctx,
            &account.bank_id,
            &account.account_id,
            &body.label,
        )
        .await?;
    Ok(web::Json(SuccessMessage {
        success: "Success".to_owned(),
    }))
}

/// A pseudo-view whose permissions are the union of `views` (for list endpoints).
fn union_view(views: &[ViewDefinition]) -> Option<ViewDefinition> {
    let first = views.first()?.clone();
    let permissions = views
        .iter()
        .fold(PermissionSet::empty(), |acc, v| acc.union(v.permissions));
    Some(ViewDefinition {
        permissions,
        ..first
    })
}

/// The caller's accounts (optionally at one bank) with the views they hold on each.
async fn my_accounts(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
    bank_id: Option<&str>,
) -> ApiResult<Vec<(BankAccount, Vec<ViewDefinition>)>> {
    let rows = views::access_of_user(&state.store, user_id, bank_id).await?;
    let system: BTreeMap<String, ViewDefinition> = views::list_system_views(&state.store)
        .await?
        .into_iter()
        .map(|v| (v.id.as_str().to_owned(), v))
        .collect();
    let mut grouped: BTreeMap<(String, String), Vec<ViewDefinition>> = BTreeMap::new();
    for r in rows {
        let view = match system.get(&r.view_id) {
            Some(v) => Some(v.clone()),
            None => {
                views::find_view_for_account(&state.store, &r.bank_id, &r.account_id, &r.view_id)
                    .await?
            }
        };
        if let Some(v) = view {
            grouped
                .entry((r.bank_id, r.account_id))
                .or_default()
                .push(v);
        }
    }
    let refs: Vec<AccountRef> = grouped
        .keys()
        .filter_map(|(b, a)| {
            Some(AccountRef::new(
                BankId::parse(b.as_str()).ok()?,
                AccountId::parse(a.as_str()).ok()?,
            ))
        })
        .collect();
    if refs.is_empty() {
        return Ok(Vec::new());
    }
    let accounts = state.connector.get_bank_accounts(ctx, &refs).await?;
    Ok(accounts
        .into_iter()
        .filter_map(|a| {
            let key = (
                a.bank_id.as_str().to_owned(),
                a.account_id.as_str().to_owned(),
            );
            let vs = grouped.remove(&key)?;
            Some((a, vs))
        })
        .collect())
}

/// `ViewBasicV300` list.
#[derive(Debug, Serialize, ToSchema)]
pub struct CoreAccountJson {
    /// ACCOUNT_ID.
    pub id: String,
    /// Label, when one of the caller's views shows it.
    pub label: Option<String>,
    /// BANK_ID.
    pub bank_id: String,
    /// Product code, when shown.
    pub account_type: Option<String>,
    /// Routings, when shown.
    pub account_routings: Vec<RoutingJson>,
    /// The caller's views.
    pub views: Vec<ViewBasicJson>,
}

/// `{accounts: [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct CoreAccountsJson {
    /// Accounts.
    pub accounts: Vec<CoreAccountJson>,
}

/// Get Accounts at all Banks (private)
///
/// The accounts the caller holds a view on, at every bank.
#[endpoint(
    GET "/my/accounts",
    operation_id = "OBPv3.0.0-corePrivateAccountsAllBanks",
    login,
    tag = "Account",
    responses(
        (status = 200, description = "Accounts", body = CoreAccountsJson),
        (status = 401, description = "OBP-20001", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all)]
pub async fn core_private_accounts_all_banks(
    auth: Authorized<CorePrivateAccountsAllBanks>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<CoreAccountsJson>> {
    let user = auth.user()?;
    let list = my_accounts(&state, &auth.ctx, &user.user_id, None).await?;
    let accounts = list
        .into_iter()
        .filter_map(|(a, vs)| {
            let m = moderate_account(&union_view(&vs)?, &a);
            Some(CoreAccountJson {
                id: a.account_id.as_str().to_owned(),
                label: m.label,
                bank_id: a.bank_id.as_str().to_owned(),
                account_type: m.account_type,
                account_routings: routings_json(&m.routings),
                views: vs.iter().map(Into::into).collect(),
            })
        })
        .collect();
    Ok(web::Json(CoreAccountsJson { accounts }))
}

/// `BasicViewJson`.
#[derive(Debug, Serialize, ToSchema)]
pub struct BasicViewJson {
    /// VIEW_ID.
    pub id: String,
    /// Name.
    pub short_name: String,
    /// Public.
    pub is_public: bool,
}

/// `BasicAccountJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct BasicAccountJson {
    /// ACCOUNT_ID.
    pub id: String,
    /// Label, when shown.
    pub label: Option<String>,
    /// BANK_ID.
    pub bank_id: String,
    /// The views available to the caller.
    pub views_available: Vec<BasicViewJson>,
}

/// `{accounts: [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct BasicAccountsJson {
    /// Accounts.
    pub accounts: Vec<BasicAccountJson>,
}

fn basic_accounts(list: Vec<(BankAccount, Vec<ViewDefinition>)>) -> BasicAccountsJson {
    let accounts = list
        .into_iter()
        .filter_map(|(a, vs)| {
            let m = moderate_account(&union_view(&vs)?, &a);
            Some(BasicAccountJson {
                id: a.account_id.as_str().to_owned(),
                label: m.label,
                bank_id: a.bank_id.as_str().to_owned(),
                views_available: vs
                    .iter()
                    .map(|v| BasicViewJson {
                        id: v.id.as_str().to_owned(),
                        short_name: v.name.clone(),
                        is_public: v.is_public,
                    })
                    .collect(),
            })
        })
        .collect();
    BasicAccountsJson { accounts }
}

/// Get Accounts at Bank
///
/// The caller's accounts at one bank with the views available to them.
#[endpoint(
    GET "/banks/{bank_id}/accounts",
    operation_id = "OBPv4.0.0-getPrivateAccountsAtOneBank",
    login,
    tag = "Account",
    params(("bank_id" = String, Path)),
    responses(
        (status = 200, description = "Accounts", body = BasicAccountsJson),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_private_accounts_at_one_bank(
    auth: Authorized<GetPrivateAccountsAtOneBank>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
) -> ApiResult<web::Json<BasicAccountsJson>> {
    let user = auth.user()?;
    require_bank(&state, &auth.ctx, &path.bank_id).await?;
    let list = my_accounts(&state, &auth.ctx, &user.user_id, Some(&path.bank_id)).await?;
    Ok(web::Json(basic_accounts(list)))
}

/// Get private accounts at one bank
///
/// As `GET /banks/BANK_ID/accounts` (OBP v3.0.0 path).
#[endpoint(
    GET "/banks/{bank_id}/accounts/private",
    operation_id = "OBPv3.0.0-privateAccountsAtOneBank",
    login,
    tag = "Account",
    params(("bank_id" = String, Path)),
    responses(
        (status = 200, description = "Accounts", body = BasicAccountsJson),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn private_accounts_at_one_bank(
    auth: Authorized<PrivateAccountsAtOneBank>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
) -> ApiResult<web::Json<BasicAccountsJson>> {
    let user = auth.user()?;
    require_bank(&state, &auth.ctx, &path.bank_id).await?;
    let list = my_accounts(&state, &auth.ctx, &user.user_id, Some(&path.bank_id)).await?;
    Ok(web::Json(basic_accounts(list)))
}

async fn public_accounts(
    state: &AppState,
    ctx: &CallContext,
    bank_id: Option<&str>,
) -> ApiResult<BasicAccountsJson> {
    if !state.settings.allow_public_views {
        return Ok(BasicAccountsJson {
            accounts: Vec::new(),
        });
    }
    let mut grouped: BTreeMap<(String, String), Vec<ViewDefinition>> = BTreeMap::new();
    for (b, a, v) in views::list_public_custom_views(&state.store).await? {
        if bank_id.is_none_or(|x| x == b) {
            grouped.entry((b, a)).or_default().push(v);
        }
    }
    let mut list = Vec::new();
    for ((b, a), vs) in grouped {
        let (Ok(b), Ok(a)) = (BankId::parse(b), AccountId::parse(a)) else {
            continue;
        };
        if let Ok(account) = state.connector.get_bank_account(ctx, &b, &a).await {
            list.push((account, vs));
        }
    }
    Ok(basic_accounts(list))
}

/// Get public accounts at one bank
///
/// Accounts with a public view at the bank (empty unless `allow_public_views`).
#[endpoint(
    GET "/banks/{bank_id}/accounts/public",
    operation_id = "OBPv2.0.0-publicAccountsAtOneBank",
    anonymous,
    tag = "Account",
    params(("bank_id" = String, Path)),
    responses(
        (status = 200, description = "Accounts", body = BasicAccountsJson),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn public_accounts_at_one_bank(
    auth: Authorized<PublicAccountsAtOneBank>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
) -> ApiResult<web::Json<BasicAccountsJson>> {
    require_bank(&state, &auth.ctx, &path.bank_id).await?;
    Ok(web::Json(
        public_accounts(&state, &auth.ctx, Some(&path.bank_id)).await?,
    ))
}

/// Get public accounts at all banks
///
/// Accounts with a public view (empty unless `allow_public_views`).
#[endpoint(
    GET "/accounts/public",
    operation_id = "OBPv2.0.0-publicAccountsAllBanks",
    anonymous,
    tag = "Account",
    responses((status = 200, description = "Accounts", body = BasicAccountsJson))
)]
#[tracing::instrument(skip_all)]
pub async fn public_accounts_all_banks(
    auth: Authorized<PublicAccountsAllBanks>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<BasicAccountsJson>> {
    Ok(web::Json(public_accounts(&state, &auth.ctx, None).await?))
}

/// `AccountHeldJson`.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountHeldJson {
    /// ACCOUNT_ID.
    pub id: String,
    /// Label, when shown.
    pub label: Option<String>,
    /// BANK_ID.
    pub bank_id: String,
    /// Number, when shown.
    pub number: Option<String>,
    /// Routings, when shown.
    pub account_routings: Vec<RoutingJson>,
}

/// `{accounts: [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountsHeldJson {
    /// Accounts.
    pub accounts: Vec<AccountHeldJson>,
}

/// Get Accounts Held
///
/// The accounts at the bank the caller holds a view on.
#[endpoint(
    GET "/banks/{bank_id}/accounts-held",
    operation_id = "OBPv3.0.0-getAccountsHeld",
    login,
    tag = "Account",
    params(("bank_id" = String, Path)),
    responses(
        (status = 200, description = "Accounts", body = AccountsHeldJson),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_accounts_held(
    auth: Authorized<GetAccountsHeld>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
) -> ApiResult<web::Json<AccountsHeldJson>> {
    let user = auth.user()?;
    require_bank(&state, &auth.ctx, &path.bank_id).await?;
    let list = my_accounts(&state, &auth.ctx, &user.user_id, Some(&path.bank_id)).await?;
    let accounts = list
        .into_iter()
        .filter_map(|(a, vs)| {
            let m = moderate_account(&union_view(&vs)?, &a);
            Some(AccountHeldJson {
                id: a.account_id.as_str().to_owned(),
                label: m.label,
                bank_id: a.bank_id.as_str().to_owned(),
                number: m.number,
                account_routings: routings_json(&m.routings),
            })
        })
        .collect();
    Ok(web::Json(AccountsHeldJson { accounts }))
}

/// Get Account by Id (Full)
///
/// One account through a view; fields the view hides are `null`.
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/{view_id}/account",
    operation_id = "OBPv4.0.0-getPrivateAccountByIdFull",
    login,
    tag = "Account",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path)),
    responses(
        (status = 200, description = "The account", body = ModeratedAccountJson),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20017", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30005", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_private_account_by_id_full(
    auth: Authorized<GetPrivateAccountByIdFull>,
    state: web::Data<AppState>,
    path: web::Path<AccountViewPath>,
) -> ApiResult<web::Json<ModeratedAccountJson>> {
    let p = path.into_inner();
    let user = auth.user()?;
    let (account, view) =
        require_account_view(&state, &auth.ctx, &p.bank_id, &p.account_id, &p.view_id).await?;
    let held = held_views(&state, &user.user_id, &p.bank_id, &p.account_id).await?;
    let owners = owners(&state, &account)
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    let mut json = account_json(
        moderate_account(&view, &account),
        held.iter().map(Into::into).collect(),
        owners,
    );
    json.account_attributes = crate::routes::attributes::account_attributes_json(
        &state,
        &auth.ctx,
        &account.bank_id,
        &account.account_id,
    )
    .await?;
    Ok(web::Json(json))
}

/// Get Account by Id (Core) through the VIEW_ID
///
/// One account through a view, core fields.
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/views/{view_id}",
    operation_id = "OBPv5.1.0-getCoreAccountByIdThroughView",
    login,
    tag = "Account",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path)),
    responses(
        (status = 200, description = "The account", body = ModeratedCoreAccountJson),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20017", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30005", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_core_account_by_id_through_view(
    auth: Authorized<GetCoreAccountByIdThroughView>,
    state: web::Data<AppState>,
    path: web::Path<AccountViewPath>,
) -> ApiResult<web::Json<ModeratedCoreAccountJson>> {
    let p = path.into_inner();
    let user = auth.user()?;
    let (account, view) =
        require_account_view(&state, &auth.ctx, &p.bank_id, &p.account_id, &p.view_id).await?;
    let held =
        views::views_of_user_on_account(&state.store, &user.user_id, &p.bank_id, &p.account_id)
            .await?;
    Ok(web::Json(core_account_json(
        moderate_account(&view, &account),
        held,
    )))
}

/// `{type, currency, amount}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct BalanceJson {
    /// `OpeningBooked`.
    #[serde(rename = "type")]
    pub balance_type: String,
    /// ISO 4217 code.
    pub currency: String,
    /// Decimal amount.
    pub amount: String,
}

/// `AccountBalanceJsonV400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountBalanceJson {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// Routings, when the view shows them.
    pub account_routings: Vec<RoutingJson>,
    /// Label, when the view shows it.
    pub label: Option<String>,
    /// Balances.
    pub balances: Vec<BalanceJson>,
}

/// The balances of `account` (whose view shows the balance), labelled and routed as the view
/// shows them (`moderated`).
fn balance_json(account: &BankAccount, moderated: ModeratedAccount) -> AccountBalanceJson {
    AccountBalanceJson {
        bank_id: account.bank_id.as_str().to_owned(),
        account_id: account.account_id.as_str().to_owned(),
        account_routings: routings_json(&moderated.routings),
        label: moderated.label,
        balances: vec![BalanceJson {
            balance_type: "OpeningBooked".to_owned(),
            currency: account.currency().code().to_owned(),
            amount: account.balance.to_obp_string(),
        }],
    }
}

/// Get Account Balances by BANK_ID and ACCOUNT_ID through the VIEW_ID
///
/// Needs `can_see_bank_account_balance` on the view (else 403 OBP-20022).
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/views/{view_id}/balances",
    operation_id = "OBPv5.1.0-getBankAccountBalances",
    login,
    tag = "Account",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path)),
    responses(
        (status = 200, description = "Balances", body = AccountBalanceJson),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20017 / OBP-20022", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30005", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_bank_account_balances(
    auth: Authorized<GetBankAccountBalances>,
    state: web::Data<AppState>,
    path: web::Path<AccountViewPath>,
) -> ApiResult<web::Json<AccountBalanceJson>> {
    let p = path.into_inner();
    let (account, view) =
        require_account_view(&state, &auth.ctx, &p.bank_id, &p.account_id, &p.view_id).await?;
    require_permission(&view, Permission::SeeBankAccountBalance)?;
    Ok(web::Json(balance_json(
        &account,
        moderate_account(&view, &account),
    )))
}

/// `{accounts: [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountsBalancesJson {
    /// Accounts.
    pub accounts: Vec<AccountBalanceJson>,
}

/// Get Account Balances by BANK_ID
///
/// Balances of the caller's accounts at the bank whose views show the balance.
#[endpoint(
    GET "/banks/{bank_id}/balances",
    operation_id = "OBPv5.1.0-getBankAccountsBalances",
    login,
    tag = "Account",
    params(("bank_id" = String, Path)),
    responses(
        (status = 200, description = "Balances", body = AccountsBalancesJson),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_bank_accounts_balances(
    auth: Authorized<GetBankAccountsBalances>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
) -> ApiResult<web::Json<AccountsBalancesJson>> {
    let user = auth.user()?;
    require_bank(&state, &auth.ctx, &path.bank_id).await?;
    let list = my_accounts(&state, &auth.ctx, &user.user_id, Some(&path.bank_id)).await?;
    let accounts = list
        .into_iter()
        .filter_map(|(a, vs)| {
            let m = moderate_account(&union_view(&vs)?, &a);
            m.balance.is_some().then(|| balance_json(&a, m))
        })
        .collect();
    Ok(web::Json(AccountsBalancesJson { accounts }))
}

/// `SettlementAccountRequestJson`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SettlementAccountRequestJson {
    /// The user recorded as creator.
    pub user_id: Option<String>,
    /// Payment system, e.g. `SEPA` or `DEFAULT`.
    pub payment_system: String,
    /// Initial balance: must be zero.
    pub balance: AmountBody,
    /// Label.
    pub label: String,
    /// Branch.
    pub branch_id: Option<String>,
    /// Routings.
    pub account_routings: Option<Vec<RoutingJson>>,
}

/// `SettlementAccountResponseJson`.
#[derive(Debug, Serialize, ToSchema)]
pub struct SettlementAccountResponseJson {
    /// ACCOUNT_ID (`<PAYMENT_SYSTEM>_SETTLEMENT_ACCOUNT_<CCY>`).
    pub account_id: String,
    /// Creator.
    pub user_id: String,
    /// Label.
    pub label: String,
    /// Payment system.
    pub payment_system: String,
    /// Balance.
    pub balance: AmountJson,
    /// Branch.
    pub branch_id: String,
    /// Routings.
    pub account_routings: Vec<RoutingJson>,
    /// Attributes.
    pub account_attributes: Vec<serde_json::Value>,
}

/// Create Settlement Account
///
/// Creates `<PAYMENT_SYSTEM>_SETTLEMENT_ACCOUNT_<CCY>` with a zero balance.
#[endpoint(
    POST "/banks/{bank_id}/settlement-accounts",
    operation_id = "OBPv4.0.0-createSettlementAccount",
    login,
    roles = [CAN_CREATE_SETTLEMENT_ACCOUNT_AT_ONE_BANK],
    tag = "Account",
    request_body = SettlementAccountRequestJson,
    params(("bank_id" = String, Path)),
    responses(
        (status = 201, description = "The account", body = SettlementAccountResponseJson),
        (status = 400, description = "OBP-30109 / OBP-30208", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn create_settlement_account(
    auth: Authorized<CreateSettlementAccount>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
    body: web::Json<SettlementAccountRequestJson>,
) -> ApiResult<HttpResponse> {
    let bank = require_bank(&state, &auth.ctx, &path.bank_id).await?;
    let b = body.into_inner();
    let ccy = zero_balance_currency(Some(b.balance), &state.settings.default_currency)?;
    let payment_system = b.payment_system.trim().to_ascii_uppercase();
    if payment_system.is_empty() {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidJsonFormat,
            "payment_system must not be empty",
        ));
    }
    let id = AccountId::parse(settlement_account_id(&payment_system, ccy))?;
    let user_id = b
        .user_id
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| auth.user().map(|u| u.user_id.clone()).unwrap_or_default());
    let new = NewBankAccount {
        bank_id: bank.id.clone(),
        number: id.as_str().to_owned(),
        account_id: id,
        label: b.label,
        account_type: "SETTLEMENT".to_owned(),
        currency: ccy,
        kind: AccountKind::Settlement,
        overdraft_limit: Money::zero(ccy),
        branch_id: b.branch_id.unwrap_or_default(),
        holder_name: String::new(),
        routings: validate_routings(b.account_routings.unwrap_or_default())?,
        created_by_user_id: Some(user_id.clone()),
    };
    let a = state.connector.create_bank_account(&auth.ctx, new).await?;
    // A more specific settlement account than the one remembered may now exist.
    state.settlement_accounts.clear();
    Ok(HttpResponse::Created().json(SettlementAccountResponseJson {
        account_id: a.account_id.as_str().to_owned(),
        user_id,
        label: a.label.clone(),
        payment_system,
        balance: (&a.balance).into(),
        branch_id: a.branch_id.clone(),
        account_routings: a.routings.iter().cloned().map(Into::into).collect(),
        account_attributes: Vec::new(),
    }))
}

/// One settlement account in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct SettlementAccountJson {
    /// ACCOUNT_ID.
    pub account_id: String,
    /// Payment system.
    pub payment_system: String,
    /// Balance.
    pub balance: AmountJson,
    /// Label.
    pub label: String,
    /// Branch.
    pub branch_id: String,
    /// Routings.
    pub account_routings: Vec<RoutingJson>,
    /// Attributes.
    pub account_attributes: Vec<serde_json::Value>,
}

/// `{settlement_accounts: [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct SettlementAccountsJson {
    /// Settlement accounts.
    pub settlement_accounts: Vec<SettlementAccountJson>,
}

/// Get Settlement Accounts at Bank
///
/// Every settlement account of the bank, ordered by id.
#[endpoint(
    GET "/banks/{bank_id}/settlement-accounts",
    operation_id = "OBPv4.0.0-getSettlementAccounts",
    login,
    roles = [CAN_GET_SETTLEMENT_ACCOUNT_AT_ONE_BANK],
    tag = "Account",
    params(("bank_id" = String, Path)),
    responses(
        (status = 200, description = "Accounts", body = SettlementAccountsJson),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_settlement_accounts(
    auth: Authorized<GetSettlementAccounts>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
) -> ApiResult<web::Json<SettlementAccountsJson>> {
    let bank = require_bank(&state, &auth.ctx, &path.bank_id).await?;
    let all = state
        .connector
        .get_bank_accounts_by_bank_id(&auth.ctx, &bank.id)
        .await?;
    let settlement_accounts = all
        .into_iter()
        .filter(|a| a.kind == AccountKind::Settlement)
        .map(|a| {
            let id = a.account_id.as_str();
            let payment_system = match id {
                INCOMING_SETTLEMENT_ACCOUNT_ID | OUTGOING_SETTLEMENT_ACCOUNT_ID => {
                    "DEFAULT".to_owned()
                }
                _ => id
                    .split("_SETTLEMENT_ACCOUNT_")
                    .next()
                    .unwrap_or_default()
                    .to_owned(),
            };
            SettlementAccountJson {
                account_id: id.to_owned(),
                payment_system,
                balance: (&a.balance).into(),
                label: a.label.clone(),
                branch_id: a.branch_id.clone(),
                account_routings: a.routings.iter().cloned().map(Into::into).collect(),
                account_attributes: Vec::new(),
            }
        })
        .collect();
    Ok(web::Json(SettlementAccountsJson {
        settlement_accounts,
    }))
}
