//! Accounts: creation, label, lists, one account through a view, balances and settlement
//! accounts; their attributes in [`attributes`].
//!
//! Lists show an account's label, number and routings as the *union* of the caller's views
//! on that account allows (a user with only `ReadBalances` sees no label). The use cases are
//! in [`crate::service::accounts`]; field filtering of one account through a view in
//! [`crate::moderation`].

use actix_web::{get, post, put, web, HttpResponse};
use obp_domain::role::{
    CAN_CREATE_ACCOUNT, CAN_CREATE_SETTLEMENT_ACCOUNT_AT_ONE_BANK,
    CAN_GET_SETTLEMENT_ACCOUNT_AT_ONE_BANK,
};

use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::json::SuccessMessage;
use crate::moderation::{
    core_account_json, AccountThroughView, ModeratedAccountJson, ModeratedCoreAccountJson,
};
use crate::paths::{AccountPath, AccountViewPath, BankPath};
use crate::service::accounts::{self, AccountViewIds, AccountsRead, ListedAccount};
use crate::state::AppState;
use crate::versioned::Shapes;

mod attributes;
mod json;
pub use json::*;

/// The ids of an account-through-a-view path, borrowed.
fn ids(p: &AccountViewPath) -> AccountViewIds<'_> {
    AccountViewIds {
        bank_id: &p.bank_id,
        account_id: &p.account_id,
        view_id: &p.view_id,
    }
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
    let opened = accounts::open(
        &state,
        &auth.ctx,
        &p.bank_id,
        Some(p.account_id),
        body.into_inner().into(),
    )
    .await?;
    Ok(HttpResponse::Created().json(CreateAccountResponseJson::from(opened)))
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
    let opened = accounts::open(
        &state,
        &auth.ctx,
        &path.bank_id,
        None,
        body.into_inner().into(),
    )
    .await?;
    Ok(HttpResponse::Created().json(CreateAccountResponseJson::from(opened)))
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
    accounts::update_label(
        &state,
        &auth.ctx,
        &user.user_id,
        &p.bank_id,
        &p.account_id,
        &body.label,
    )
    .await?;
    Ok(web::Json(SuccessMessage::new("Success")))
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
    let list = accounts::mine_at_all_banks(&state, &auth.ctx, &user.user_id).await?;
    Ok(web::Json(CoreAccountsJson {
        accounts: list.into_iter().map(Into::into).collect(),
    }))
}

/// `GET /banks/BANK_ID/accounts` per version: v1.2.1's `{"accounts": [AccountJSON]}` (views
/// in full) up to v1.4.0; from v2.0.0 OBP answers a bare array of `BasicAccountJSON` (its
/// resource docs show an object, its code and tests an array).
pub static GET_ACCOUNTS_AT_BANK_SHAPES: Shapes<Vec<ListedAccount>> = Shapes::new(&[
    ("v1.2.1", |list| {
        HttpResponse::Ok().json(AccountsJson121 {
            accounts: list.into_iter().map(Into::into).collect(),
        })
    }),
    ("v2.0.0", |list| {
        HttpResponse::Ok().json(
            list.into_iter()
                .map(BasicAccountJson::from)
                .collect::<Vec<_>>(),
        )
    }),
]);

/// Get Accounts at Bank
///
/// The caller's accounts at one bank with the views available to them: a JSON array of
/// `BasicAccountJSON` as OBP answers (`{"accounts": [...]}` with the views in full below
/// v2.0.0).
#[endpoint(
    GET "/banks/{bank_id}/accounts",
    operation_id = "OBPv4.0.0-getPrivateAccountsAtOneBank",
    login,
    shapes = GET_ACCOUNTS_AT_BANK_SHAPES,
    tag = "Account",
    params(("bank_id" = String, Path)),
    responses(
        (status = 200, description = "Accounts", body = Vec<BasicAccountJson>),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_private_accounts_at_one_bank(
    auth: Authorized<GetPrivateAccountsAtOneBank>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
) -> ApiResult<HttpResponse> {
    let user = auth.user()?;
    let list = accounts::mine_at_bank(
        &state,
        &auth.ctx,
        &user.user_id,
        &path.bank_id,
        AccountsRead::Full,
    )
    .await?;
    Ok(GET_ACCOUNTS_AT_BANK_SHAPES.render(auth.version, list))
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
    let list = accounts::mine_at_bank(
        &state,
        &auth.ctx,
        &user.user_id,
        &path.bank_id,
        AccountsRead::Core,
    )
    .await?;
    Ok(web::Json(list.into()))
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
    let list = accounts::public_at_bank(&state, &auth.ctx, &path.bank_id).await?;
    Ok(web::Json(list.into()))
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
    let list = accounts::public_at_all_banks(&state, &auth.ctx).await?;
    Ok(web::Json(list.into()))
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
    let list = accounts::mine_at_bank(
        &state,
        &auth.ctx,
        &user.user_id,
        &path.bank_id,
        AccountsRead::Held,
    )
    .await?;
    Ok(web::Json(AccountsHeldJson {
        accounts: list.into_iter().map(Into::into).collect(),
    }))
}

/// `GET .../VIEW_ID/account` per version, as OBP's `accountById` implementations:
/// `ModeratedAccountJSON` (v1.2.1: `type`, `IBAN`, one `account_routing`) up to v2.2.0,
/// `ModeratedCoreAccountJsonV300` (no views) at v3.0.0, `ModeratedAccountJSON310` at v3.1.0,
/// `ModeratedAccountJSON400` (`product_code`, `tags`) from v4.0.0. Every shape with
/// `views_available` lists the caller's views in full (`ViewJSONV121`).
pub static GET_ACCOUNT_SHAPES: Shapes<AccountThroughView> = Shapes::new(&[
    ("v1.2.1", |a| HttpResponse::Ok().json(a.v121())),
    ("v3.0.0", |a| HttpResponse::Ok().json(a.v300())),
    ("v3.1.0", |a| HttpResponse::Ok().json(a.v310())),
    ("v4.0.0", |a| HttpResponse::Ok().json(a.v400())),
]);

/// Get Account by Id (Full)
///
/// One account through a view; fields the view hides are `null`. `views_available` lists
/// the caller's views of the account in full. Shape per version (see the explorer's notes).
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/{view_id}/account",
    operation_id = "OBPv4.0.0-getPrivateAccountByIdFull",
    login,
    shapes = GET_ACCOUNT_SHAPES,
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
) -> ApiResult<HttpResponse> {
    let user = auth.user()?;
    let found = accounts::through_view(&state, &auth.ctx, &user.user_id, &ids(&path)).await?;
    let account = AccountThroughView {
        account: found.moderated,
        views: found.held,
        owners: found.owners.into_iter().map(Into::into).collect(),
        attributes: found.attributes.into_iter().map(Into::into).collect(),
    };
    Ok(GET_ACCOUNT_SHAPES.render(auth.version, account))
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
    let user = auth.user()?;
    let (account, held) =
        accounts::core_through_view(&state, &auth.ctx, &user.user_id, &ids(&path)).await?;
    Ok(web::Json(core_account_json(account, held)))
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
    let (account, moderated) =
        accounts::balance_through_view(&state, &auth.ctx, &ids(&path)).await?;
    Ok(web::Json(AccountBalanceJson::new(&account, moderated)))
}

/// Get Account by Id (Core)
///
/// The caller's account as its `owner` view shows it, core fields; `views_basic` lists the
/// caller's views of the account. Only a holder of the `owner` view may read it.
#[endpoint(
    GET "/my/banks/{bank_id}/accounts/{account_id}/account",
    operation_id = "OBPv4.0.0-getCoreAccountById",
    login,
    tag = "Account",
    params(("bank_id" = String, Path), ("account_id" = String, Path)),
    responses(
        (status = 200, description = "The account", body = ModeratedCoreAccountJson),
        (status = 400, description = "OBP-20019 no owner view", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_core_account_by_id(
    auth: Authorized<GetCoreAccountById>,
    state: web::Data<AppState>,
    path: web::Path<AccountPath>,
) -> ApiResult<web::Json<ModeratedCoreAccountJson>> {
    let user = auth.user()?;
    let (account, held) = accounts::core_as_owner(
        &state,
        &auth.ctx,
        &user.user_id,
        &path.bank_id,
        &path.account_id,
    )
    .await?;
    Ok(web::Json(core_account_json(account, held)))
}

/// Get Account Balances
///
/// The balances of one of the caller's accounts at the bank, when a view the caller holds on
/// it shows the balance (else 400 OBP-30065).
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/balances",
    operation_id = "OBPv4.0.0-getBankAccountBalancesForCurrentUser",
    login,
    tag = "Account",
    params(("bank_id" = String, Path), ("account_id" = String, Path)),
    responses(
        (status = 200, description = "Balances", body = AccountBalanceJson),
        (status = 400, description = "OBP-30065 no access to the account's balance", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_bank_account_balances_for_current_user(
    auth: Authorized<GetBankAccountBalancesForCurrentUser>,
    state: web::Data<AppState>,
    path: web::Path<AccountPath>,
) -> ApiResult<web::Json<AccountBalanceJson>> {
    let user = auth.user()?;
    let balances = accounts::balance_of_mine(
        &state,
        &auth.ctx,
        &user.user_id,
        &path.bank_id,
        &path.account_id,
    )
    .await?;
    Ok(web::Json(balances.into()))
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
    let list = accounts::balances_at_bank(&state, &auth.ctx, &user.user_id, &path.bank_id).await?;
    Ok(web::Json(AccountsBalancesJson {
        accounts: list.into_iter().map(Into::into).collect(),
    }))
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
    let created = accounts::create_settlement_account(
        &state,
        &auth.ctx,
        &path.bank_id,
        body.into_inner().into(),
    )
    .await?;
    Ok(HttpResponse::Created().json(SettlementAccountResponseJson::from(created)))
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
    let list = accounts::settlement_accounts(&state, &auth.ctx, &path.bank_id).await?;
    Ok(web::Json(SettlementAccountsJson {
        settlement_accounts: list.into_iter().map(Into::into).collect(),
    }))
}
