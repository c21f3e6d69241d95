//! Accounts: opening one, its label, the caller's and the public account lists (shown as
//! the union of the listed views allows), one account through a view, balances, settlement
//! accounts, an account's owners and its attributes.

use std::collections::BTreeMap;

use obp_connectors::store::{self, views, User};
use obp_connectors::{optional_part, ConnectorError, Method};
use obp_domain::account::{
    settlement_account_id, AccountAttribute, AccountBalance, AccountBalances, AccountKind,
    BankAccount, NewBankAccount, INCOMING_SETTLEMENT_ACCOUNT_ID, OUTGOING_SETTLEMENT_ACCOUNT_ID,
};
use obp_domain::bank::Routing;
use obp_domain::context::CallContext;
use obp_domain::ids::{AccountId, BankId};
use obp_domain::ledger::AccountRef;
use obp_domain::moderation::{moderate_account, ModeratedAccount};
use obp_domain::money::{Currency, Money};
use obp_domain::role::CAN_CREATE_ACCOUNT;
use obp_domain::view::{Permission, PermissionSet, ViewDefinition};
use obp_domain::ErrorCode;

use crate::access::{
    require_account, require_account_view, require_bank, require_owner_view, require_permission,
};
use crate::error::{ApiError, ApiResult};
use crate::guard::authorize;
use crate::service::attributes::check_type;
use crate::service::views::held_views;
use crate::state::AppState;

/// The settlement account `account_id` of the bank, created (zero balance) when missing.
///
/// # Errors
/// A malformed id, a connector failure.
pub async fn ensure_settlement_account(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    account_id: &str,
    currency: Currency,
    label: &str,
) -> ApiResult<BankAccount> {
    let id = AccountId::parse(account_id)?;
    if let Ok(a) = state.connector.get_bank_account(ctx, bank_id, &id).await {
        return Ok(a);
    }
    let new = NewBankAccount {
        bank_id: bank_id.clone(),
        number: account_id.to_owned(),
        account_id: id,
        label: label.to_owned(),
        account_type: "SETTLEMENT".to_owned(),
        currency,
        kind: AccountKind::Settlement,
        overdraft_limit: Money::zero(currency),
        branch_id: String::new(),
        holder_name: String::new(),
        routings: Vec::new(),
        created_by_user_id: None,
    };
    let created = state.connector.create_bank_account(ctx, new).await?;
    state.settlement_accounts.clear();
    Ok(created)
}

/// Creates a new bank's incoming and outgoing settlement accounts in `default_currency`.
///
/// # Errors
/// A bad `default_currency` setting, a connector failure.
pub async fn create_bank_settlement_accounts(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
) -> ApiResult<()> {
    let ccy = Currency::parse(&state.settings.default_currency)?;
    ensure_settlement_account(
        state,
        ctx,
        bank_id,
        INCOMING_SETTLEMENT_ACCOUNT_ID,
        ccy,
        "Settlement account: Do not delete!",
    )
    .await?;
    ensure_settlement_account(
        state,
        ctx,
        bank_id,
        OUTGOING_SETTLEMENT_ACCOUNT_ID,
        ccy,
        "Settlement account: Do not delete!",
    )
    .await?;
    Ok(())
}

/// The account's owners: the user who opened it (none for an account the core created).
///
/// # Errors
/// A database failure.
pub async fn owners(state: &AppState, account: &BankAccount) -> ApiResult<Vec<User>> {
    let Some(uid) = &account.created_by_user_id else {
        return Ok(Vec::new());
    };
    Ok(store::find_user_cached(&state.store, uid)
        .await?
        .into_iter()
        .collect())
}

// ---------------------------------------------------------------------------- creation

/// An amount as a client sends it (`{currency, amount}`), not yet parsed.
#[derive(Debug, Clone)]
pub struct AmountInput {
    /// ISO 4217 code.
    pub currency: String,
    /// Decimal amount.
    pub amount: String,
}

/// What a client sends to open an account (OBP's `CreateAccountRequestJsonV500`, parsed).
#[derive(Debug, Clone)]
pub struct NewAccountInput {
    /// The holder; the caller when missing or empty.
    pub user_id: Option<String>,
    /// Label.
    pub label: String,
    /// Product code (stored as the account type).
    pub product_code: String,
    /// Initial balance: must be zero; its currency is the account's.
    pub balance: Option<AmountInput>,
    /// Branch.
    pub branch_id: Option<String>,
    /// Routings as sent (checked by [`validate_routings`]).
    pub routings: Vec<Routing>,
}

/// An opened account and its holder.
#[derive(Debug, Clone)]
pub struct OpenedAccount {
    /// The account.
    pub account: BankAccount,
    /// USER_ID of the holder (who got the `owner` view).
    pub holder_id: String,
}

/// Checks and normalises routings: empty ones are dropped, IBANs are validated (OBP-10033)
/// and stored in electronic form.
///
/// # Errors
/// 400 OBP-10033 for a bad IBAN.
pub fn validate_routings(routings: Vec<Routing>) -> ApiResult<Vec<Routing>> {
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
                Ok(r)
            }
        })
        .collect()
}

/// The currency of a zero initial balance (OBP-30109 when not zero); `default` when none.
fn zero_balance_currency(balance: Option<AmountInput>, default: &str) -> ApiResult<Currency> {
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

/// Opens an account with a zero balance at the bank; the holder gets the `owner` view.
///
/// `account_id` is the id the client chose (`PUT`), checked after the bank; `None` generates
/// one (`POST`). Opening an account for another user needs `CanCreateAccount` at the bank.
///
/// # Errors
/// 401 OBP-20001, 400/404 for the bank (OBP-30111, OBP-30001), 400 OBP-30110 for a malformed
/// account id, 403 OBP-20006 `CanCreateAccount`, 404 OBP-20005 no such holder, 400 OBP-30109
/// balance not zero, 400 OBP-10033 bad IBAN, a connector failure (e.g. OBP-30208 id taken).
pub async fn open(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    account_id: Option<String>,
    input: NewAccountInput,
) -> ApiResult<OpenedAccount> {
    let account_id = match account_id {
        Some(id) => {
            require_bank(state, ctx, bank_id).await?;
            AccountId::parse(id)?
        }
        None => AccountId::parse(uuid::Uuid::new_v4().to_string())?,
    };
    let caller = ctx
        .user()
        .ok_or_else(|| ApiError::new(ErrorCode::UserNotLoggedIn))?
        .clone();
    let bank = require_bank(state, ctx, bank_id).await?;
    let holder_id = input
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
    let currency = zero_balance_currency(input.balance, &state.settings.default_currency)?;
    let routings = validate_routings(input.routings)?;
    let new = NewBankAccount {
        bank_id: bank.id.clone(),
        number: account_id.as_str().to_owned(),
        account_id,
        label: input.label,
        account_type: input.product_code,
        currency,
        kind: AccountKind::Current,
        overdraft_limit: Money::zero(currency),
        branch_id: input.branch_id.unwrap_or_default(),
        holder_name: holder.username.clone(),
        routings,
        created_by_user_id: Some(holder_id.clone()),
    };
    let account = state.connector.create_bank_account(ctx, new).await?;
    views::grant_access(
        &state.store,
        &holder_id,
        bank_id,
        account.account_id.as_str(),
        "owner",
    )
    .await?;
    Ok(OpenedAccount { account, holder_id })
}

/// Sets the account's label; one of the caller's views on it must permit
/// `can_update_bank_account_label`.
///
/// # Errors
/// OBP-30001 / OBP-30018 (404), 403 OBP-20017 no view, 403 OBP-20022 no permission, a
/// connector failure.
pub async fn update_label(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
    bank_id: &str,
    account_id: &str,
    label: &str,
) -> ApiResult<()> {
    let account = require_account(state, ctx, bank_id, account_id).await?;
    let held = held_views(state, ctx, user_id, bank_id, account_id).await?;
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
        .update_account_label(ctx, &account.bank_id, &account.account_id, label)
        .await?;
    state
        .payment_accounts
        .forget(account.bank_id.as_str(), account.account_id.as_str());
    Ok(())
}

// ------------------------------------------------------------------------------- lists

/// An account in a list, as the union of the views listed with it shows it.
#[derive(Debug, Clone)]
pub struct ListedAccount {
    /// The account.
    pub account: BankAccount,
    /// The account moderated by the union of `views`.
    pub moderated: ModeratedAccount,
    /// The views (the caller's, or the public ones) on the account.
    pub views: Vec<ViewDefinition>,
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

/// Each account moderated by the union of its views (an account without views is left out).
fn listed(list: Vec<(BankAccount, Vec<ViewDefinition>)>) -> Vec<ListedAccount> {
    list.into_iter()
        .filter_map(|(account, views)| {
            let moderated = moderate_account(&union_view(&views)?, &account);
            Some(ListedAccount {
                account,
                moderated,
                views,
            })
        })
        .collect()
}

/// The views the caller holds (optionally at one bank), per account, and the accounts.
async fn my_views(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
    bank_id: Option<&str>,
) -> ApiResult<(
    BTreeMap<(String, String), Vec<ViewDefinition>>,
    Vec<AccountRef>,
)> {
    let mut rows = views::access_of_user(&state.store, user_id, bank_id).await?;
    if let Some(scope) = ctx.consent() {
        rows.retain(|r| scope.allows_view(&r.bank_id, &r.account_id, &r.view_id));
    }
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
    Ok((grouped, refs))
}

/// Each account read with the caller's views on it (accounts without views left out).
fn with_views(
    accounts: Vec<BankAccount>,
    mut grouped: BTreeMap<(String, String), Vec<ViewDefinition>>,
) -> Vec<(BankAccount, Vec<ViewDefinition>)> {
    accounts
        .into_iter()
        .filter_map(|a| {
            let key = (
                a.bank_id.as_str().to_owned(),
                a.account_id.as_str().to_owned(),
            );
            let vs = grouped.remove(&key)?;
            Some((a, vs))
        })
        .collect()
}

/// Which of OBP's messages reads the accounts of a list endpoint: each OBP endpoint asks its
/// own, and an operator routes each by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountsRead {
    /// `getBankAccounts` (OBP v4.0.0's `GET /banks/BANK_ID/accounts`).
    Full,
    /// `getCoreBankAccounts` (`GET /my/accounts`, `GET /banks/BANK_ID/accounts/private`).
    Core,
    /// `getBankAccountsHeld` (`GET /banks/BANK_ID/accounts-held`).
    Held,
}

/// An account as far as a message that carries no balance (`CoreAccount`, `AccountHeld`) or
/// only some fields (`AccountBalance`) tells it; the rest empty.
///
/// Why a whole [`BankAccount`]: the list endpoints moderate accounts through the caller's
/// views, which reads a `BankAccount`. The balance of a message without one is a zero the
/// endpoints never show: [`my_accounts`] clears it from the moderated account.
fn partial_account(
    bank_id: BankId,
    account_id: AccountId,
    label: String,
    routings: Vec<Routing>,
    balance: Option<Money>,
) -> BankAccount {
    let balance = balance.unwrap_or(Money::zero(Currency::EUR));
    BankAccount {
        as_received: Default::default(),
        bank_id,
        account_id,
        label,
        account_type: String::new(),
        balance,
        overdraft_limit: Money::zero(balance.currency()),
        kind: AccountKind::Current,
        number: String::new(),
        branch_id: String::new(),
        holder_name: String::new(),
        routings,
        created_by_user_id: None,
    }
}

/// The accounts `refs` names, read with the message `read` names, one call per bank (a star
/// operator routes each bank on its own). A backend that does not answer `getCoreBankAccounts`
/// or `getBankAccountsHeld` is read with `getBankAccounts`, and so are the accounts such an
/// answer leaves out.
async fn read_accounts(
    state: &AppState,
    ctx: &CallContext,
    refs: &[AccountRef],
    read: AccountsRead,
) -> ApiResult<Vec<BankAccount>> {
    let c = &state.connector;
    let mut accounts = Vec::with_capacity(refs.len());
    for bank in refs.chunk_by(|a, b| a.bank_id == b.bank_id) {
        let partial: Result<Vec<BankAccount>, Option<ConnectorError>> = match read {
            AccountsRead::Full => Err(None),
            AccountsRead::Core => c
                .get_core_bank_accounts(ctx, bank)
                .await
                .map(|list| {
                    list.into_iter()
                        .map(|a| BankAccount {
                            account_type: a.account_type,
                            ..partial_account(a.bank_id, a.account_id, a.label, a.routings, None)
                        })
                        .collect()
                })
                .map_err(Some),
            AccountsRead::Held => c
                .get_bank_accounts_held(ctx, bank)
                .await
                .map(|list| {
                    list.into_iter()
                        .map(|a| BankAccount {
                            number: a.number,
                            ..partial_account(a.bank_id, a.account_id, a.label, a.routings, None)
                        })
                        .collect()
                })
                .map_err(Some),
        };
        match partial {
            Ok(list) => {
                // Accounts the message did not answer are asked with getBankAccounts: a
                // deployment that routes a bank's getBankAccounts to its adapter but not (yet)
                // the newer name sends that name to `mapped`, which does not hold them.
                let missing: Vec<AccountRef> = bank
                    .iter()
                    .filter(|r| {
                        !list
                            .iter()
                            .any(|a| a.bank_id == r.bank_id && a.account_id == r.account_id)
                    })
                    .cloned()
                    .collect();
                accounts.extend(list);
                if !missing.is_empty() {
                    accounts.extend(c.get_bank_accounts(ctx, &missing).await?);
                }
            }
            Err(Some(e)) if !e.is_unsupported() => return Err(e.into()),
            Err(_) => accounts.extend(c.get_bank_accounts(ctx, bank).await?),
        }
    }
    // In the order asked (`refs` is by bank and account), also when some were asked twice.
    accounts.sort_by(|a, b| (&a.bank_id, &a.account_id).cmp(&(&b.bank_id, &b.account_id)));
    Ok(accounts)
}

/// The caller's accounts (optionally at one bank) with the views they hold on each, read with
/// `read`.
async fn my_accounts(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
    bank_id: Option<&str>,
    read: AccountsRead,
) -> ApiResult<Vec<ListedAccount>> {
    let (grouped, refs) = my_views(state, ctx, user_id, bank_id).await?;
    if refs.is_empty() {
        return Ok(Vec::new());
    }
    let accounts = read_accounts(state, ctx, &refs, read).await?;
    let mut list = listed(with_views(accounts, grouped));
    if read != AccountsRead::Full {
        for a in &mut list {
            a.moderated.balance = None;
        }
    }
    Ok(list)
}

/// An account as far as OBP's `getBankAccountsBalances` tells it: label, routings and
/// balance (all the balances endpoint shows), the rest empty.
fn balance_only(b: AccountBalance) -> BankAccount {
    partial_account(
        b.bank_id,
        b.account_id,
        b.label,
        b.routings,
        Some(b.balance),
    )
}

/// The accounts the user holds a view on, at every bank.
///
/// # Errors
/// A database or connector failure.
pub async fn mine_at_all_banks(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
) -> ApiResult<Vec<ListedAccount>> {
    my_accounts(state, ctx, user_id, None, AccountsRead::Core).await
}

/// The accounts the user holds a view on at one bank, read with `read`.
///
/// # Errors
/// 400 OBP-30111, 404 OBP-30001, a database or connector failure.
pub async fn mine_at_bank(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
    bank_id: &str,
    read: AccountsRead,
) -> ApiResult<Vec<ListedAccount>> {
    require_bank(state, ctx, bank_id).await?;
    my_accounts(state, ctx, user_id, Some(bank_id), read).await
}

/// The user's accounts at one bank whose views show the balance.
///
/// # Errors
/// As [`mine_at_bank`].
pub async fn balances_at_bank(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
    bank_id: &str,
) -> ApiResult<Vec<ListedAccount>> {
    require_bank(state, ctx, bank_id).await?;
    let (grouped, refs) = my_views(state, ctx, user_id, Some(bank_id)).await?;
    if refs.is_empty() {
        return Ok(Vec::new());
    }
    // OBP asks getBankAccountsBalances; a backend without it is read as before.
    let accounts = match state.connector.get_bank_accounts_balances(ctx, &refs).await {
        Ok(balances) => balances.into_iter().map(balance_only).collect(),
        Err(e) if e.is_unsupported() => state.connector.get_bank_accounts(ctx, &refs).await?,
        Err(e) => return Err(e.into()),
    };
    let mut list = listed(with_views(accounts, grouped));
    list.retain(|a| a.moderated.balance.is_some());
    Ok(list)
}

/// The accounts with a public view (optionally at one bank), with those views; none unless
/// `allow_public_views`.
async fn public_accounts(
    state: &AppState,
    ctx: &CallContext,
    bank_id: Option<&str>,
) -> ApiResult<Vec<ListedAccount>> {
    if !state.settings.allow_public_views {
        return Ok(Vec::new());
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
    Ok(listed(list))
}

/// The accounts with a public view at one bank (none unless `allow_public_views`).
///
/// # Errors
/// 400 OBP-30111, 404 OBP-30001, a database failure.
pub async fn public_at_bank(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
) -> ApiResult<Vec<ListedAccount>> {
    require_bank(state, ctx, bank_id).await?;
    public_accounts(state, ctx, Some(bank_id)).await
}

/// The accounts with a public view at every bank (none unless `allow_public_views`).
///
/// # Errors
/// A database failure.
pub async fn public_at_all_banks(
    state: &AppState,
    ctx: &CallContext,
) -> ApiResult<Vec<ListedAccount>> {
    public_accounts(state, ctx, None).await
}

// ------------------------------------------------------------------ one account, a view

/// One account through a view, with what its full JSON shows beside it.
#[derive(Debug, Clone)]
pub struct AccountThroughView {
    /// The account as the view shows it.
    pub moderated: ModeratedAccount,
    /// The views the caller holds on the account.
    pub held: Vec<ViewDefinition>,
    /// The account's owners.
    pub owners: Vec<User>,
    /// The account's attributes.
    pub attributes: Vec<AccountAttribute>,
}

/// One account through a view (OBP's order of checks, [`require_account_view`]), with the
/// caller's views on it, its owners and its attributes.
///
/// # Errors
/// 404 OBP-30001 / OBP-30018 / OBP-30005, 403 OBP-20017, a database or connector failure.
pub async fn through_view(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
    path: &AccountViewIds<'_>,
) -> ApiResult<AccountThroughView> {
    let (account, view) =
        require_account_view(state, ctx, path.bank_id, path.account_id, path.view_id).await?;
    let held = held_views(state, ctx, user_id, path.bank_id, path.account_id).await?;
    let moderated = moderate_account(&view, &account);
    // The owners are read only when the view shows them (a query saved on every other read).
    let owners = if moderated.shows_owners() {
        owners(state, &account).await?
    } else {
        Vec::new()
    };
    let attributes = attributes(state, ctx, &account.bank_id, &account.account_id).await?;
    Ok(AccountThroughView {
        moderated,
        held,
        owners,
        attributes,
    })
}

/// The raw ids of an account through a view, as the path names them.
#[derive(Debug, Clone, Copy)]
pub struct AccountViewIds<'a> {
    /// BANK_ID.
    pub bank_id: &'a str,
    /// ACCOUNT_ID.
    pub account_id: &'a str,
    /// VIEW_ID.
    pub view_id: &'a str,
}

/// One account through a view, core fields, with the ids of the views the caller holds on it.
///
/// # Errors
/// 404 OBP-30001 / OBP-30018 / OBP-30005, 403 OBP-20017, a database failure.
pub async fn core_through_view(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
    path: &AccountViewIds<'_>,
) -> ApiResult<(ModeratedAccount, Vec<String>)> {
    let (account, view) =
        require_account_view(state, ctx, path.bank_id, path.account_id, path.view_id).await?;
    let mut held =
        views::views_of_user_on_account(&state.store, user_id, path.bank_id, path.account_id)
            .await?;
    if let Some(scope) = ctx.consent() {
        held.retain(|id| scope.allows_view(path.bank_id, path.account_id, id));
    }
    Ok((moderate_account(&view, &account), held))
}

/// The account and how the view shows it, when the view shows the balance.
///
/// # Errors
/// 404 OBP-30001 / OBP-30018 / OBP-30005, 403 OBP-20017, 403 OBP-20022 without
/// `can_see_bank_account_balance`.
pub async fn balance_through_view(
    state: &AppState,
    ctx: &CallContext,
    path: &AccountViewIds<'_>,
) -> ApiResult<(BankAccount, ModeratedAccount)> {
    let (account, view) =
        require_account_view(state, ctx, path.bank_id, path.account_id, path.view_id).await?;
    require_permission(&view, Permission::SeeBankAccountBalance)?;
    let moderated = moderate_account(&view, &account);
    Ok((account, moderated))
}

/// One account's balances as OBP's `getBankAccountBalances` answers them, with how the
/// caller's views show the account.
#[derive(Debug, Clone)]
pub struct MyAccountBalances {
    /// The balances, every type the core keeps.
    pub balances: AccountBalances,
    /// The account moderated by the union of the caller's views on it.
    pub moderated: ModeratedAccount,
}

/// One of the user's accounts at the bank with its balances, when a view the user holds on it
/// shows the balance (OBP v4 `getBankAccountBalancesForCurrentUser`: the account must be among
/// the user's accounts at the bank, then `getBankAccountBalances` reads it; a backend without
/// that message or that account is read with `checkBankAccountExists`).
///
/// # Errors
/// 400 OBP-30111, 404 OBP-30001, 400 OBP-30065 `Cannot find account access.
/// AccountId(ACCOUNT_ID)` when no view of the user on the account shows the balance (or there
/// is no such account), a database or connector failure.
pub async fn balance_of_mine(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
    bank_id: &str,
    account_id: &str,
) -> ApiResult<MyAccountBalances> {
    require_bank(state, ctx, bank_id).await?;
    let no_access = || {
        ApiError::with_detail(
            ErrorCode::CannotFindAccountAccess,
            format!("AccountId({account_id})"),
        )
        .with_status(400)
    };
    let (mut grouped, _) = my_views(state, ctx, user_id, Some(bank_id)).await?;
    let view = grouped
        .remove(&(bank_id.to_owned(), account_id.to_owned()))
        .and_then(|views| union_view(&views))
        .filter(|v| v.has(Permission::SeeBankAccountBalance))
        .ok_or_else(no_access)?;
    let (Ok(b), Ok(a)) = (BankId::parse(bank_id), AccountId::parse(account_id)) else {
        return Err(no_access());
    };
    let account = AccountRef::new(b, a);
    // A backend without the message, or without the account under that name (a bank whose
    // checkBankAccountExists is routed to its adapter but not getBankAccountBalances, which
    // then goes to `mapped`), is read with checkBankAccountExists.
    let balances = match state
        .connector
        .get_bank_account_balances(ctx, &account)
        .await
    {
        Ok(balances) => balances,
        Err(e) if e.is_unsupported() || e.is_not_found() => AccountBalances::from(
            &state
                .connector
                .get_bank_account(ctx, &account.bank_id, &account.account_id)
                .await?,
        ),
        Err(e) => return Err(e.into()),
    };
    if balances.bank_id != account.bank_id || balances.account_id != account.account_id {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidConnectorResponse,
            format!("getBankAccountBalances answered another account than AccountId({account_id})"),
        ));
    }
    let shown = partial_account(
        balances.bank_id.clone(),
        balances.account_id.clone(),
        balances.label.clone(),
        balances.routings.clone(),
        balances.balances.first().map(|b| b.amount),
    );
    Ok(MyAccountBalances {
        moderated: moderate_account(&view, &shown),
        balances,
    })
}

/// The account as its `owner` view shows it, core fields, with the ids of the views the
/// caller holds on it (OBP's `getCoreAccountById`, which assumes the owner view).
///
/// # Errors
/// 404 OBP-30001 / OBP-30018, 400 OBP-20019 without the owner view, a database or connector
/// failure.
pub async fn core_as_owner(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
    bank_id: &str,
    account_id: &str,
) -> ApiResult<(ModeratedAccount, Vec<String>)> {
    let (account, view) = require_owner_view(state, ctx, user_id, bank_id, account_id).await?;
    let mut held =
        views::views_of_user_on_account(&state.store, user_id, bank_id, account_id).await?;
    if let Some(scope) = ctx.consent() {
        held.retain(|id| scope.allows_view(bank_id, account_id, id));
    }
    Ok((moderate_account(&view, &account), held))
}

// ------------------------------------------------------------------ settlement accounts

/// What a client sends to create a settlement account (`SettlementAccountRequestJson`).
#[derive(Debug, Clone)]
pub struct NewSettlementAccountInput {
    /// The user recorded as creator; the caller when missing or empty.
    pub user_id: Option<String>,
    /// Payment system, e.g. `SEPA` or `DEFAULT`.
    pub payment_system: String,
    /// Initial balance: must be zero.
    pub balance: AmountInput,
    /// Label.
    pub label: String,
    /// Branch.
    pub branch_id: Option<String>,
    /// Routings as sent.
    pub routings: Vec<Routing>,
}

/// A settlement account and its payment system.
#[derive(Debug, Clone)]
pub struct SettlementAccount {
    /// The account.
    pub account: BankAccount,
    /// Payment system (`DEFAULT` for the bank's default pair).
    pub payment_system: String,
}

/// A settlement account just created, with the user recorded as its creator.
#[derive(Debug, Clone)]
pub struct CreatedSettlementAccount {
    /// The account and its payment system.
    pub settlement: SettlementAccount,
    /// USER_ID recorded as creator.
    pub user_id: String,
}

/// Creates `<PAYMENT_SYSTEM>_SETTLEMENT_ACCOUNT_<CCY>` with a zero balance.
///
/// # Errors
/// 400/404 for the bank, 400 OBP-30109 balance not zero, 400 OBP-10001 empty payment
/// system, 400 OBP-10033 bad IBAN, a connector failure (e.g. OBP-30208 id taken).
pub async fn create_settlement_account(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    input: NewSettlementAccountInput,
) -> ApiResult<CreatedSettlementAccount> {
    let bank = require_bank(state, ctx, bank_id).await?;
    let ccy = zero_balance_currency(Some(input.balance), &state.settings.default_currency)?;
    let payment_system = input.payment_system.trim().to_ascii_uppercase();
    if payment_system.is_empty() {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidJsonFormat,
            "payment_system must not be empty",
        ));
    }
    let id = AccountId::parse(settlement_account_id(&payment_system, ccy))?;
    let user_id = input
        .user_id
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| ctx.user().map(|u| u.user_id.clone()).unwrap_or_default());
    let new = NewBankAccount {
        bank_id: bank.id.clone(),
        number: id.as_str().to_owned(),
        account_id: id,
        label: input.label,
        account_type: "SETTLEMENT".to_owned(),
        currency: ccy,
        kind: AccountKind::Settlement,
        overdraft_limit: Money::zero(ccy),
        branch_id: input.branch_id.unwrap_or_default(),
        holder_name: String::new(),
        routings: validate_routings(input.routings)?,
        created_by_user_id: Some(user_id.clone()),
    };
    let account = state.connector.create_bank_account(ctx, new).await?;
    // A more specific settlement account than the one remembered may now exist.
    state.settlement_accounts.clear();
    Ok(CreatedSettlementAccount {
        settlement: SettlementAccount {
            account,
            payment_system,
        },
        user_id,
    })
}

/// Every account of the bank, ordered by id: this project's `getBankAccountsByBankId`; a
/// backend without it (an adapter written for OBP, which has no such message) is asked with
/// OBP's `getBankAccounts` for the accounts the platform knows of at the bank — those someone
/// holds a view on (what OBP's firehose lists) and `also` (e.g. the default settlement
/// accounts, on which nobody holds a view).
///
/// # Errors
/// A database or connector failure.
pub async fn all_at_bank(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    also: &[&str],
) -> ApiResult<Vec<BankAccount>> {
    match state
        .connector
        .get_bank_accounts_by_bank_id(ctx, bank_id)
        .await
    {
        Err(e) if e.is_unsupported() => {
            tracing::debug!(%bank_id, "getBankAccountsByBankId not answered; known accounts read with getBankAccounts");
        }
        other => return Ok(other?),
    }
    let mut ids = views::accounts_with_access_at_bank(&state.store, bank_id.as_str()).await?;
    ids.extend(also.iter().map(|id| (*id).to_owned()));
    ids.sort_unstable();
    ids.dedup();
    let refs: Vec<AccountRef> = ids
        .into_iter()
        .filter_map(|a| Some(AccountRef::new(bank_id.clone(), AccountId::parse(a).ok()?)))
        .collect();
    let mut accounts = state.connector.get_bank_accounts(ctx, &refs).await?;
    // Only what was asked, once: an adapter's answer is not trusted to stay in the bank.
    accounts.retain(|a| {
        refs.iter()
            .any(|r| r.bank_id == a.bank_id && r.account_id == a.account_id)
    });
    accounts.sort_by(|a, b| a.account_id.cmp(&b.account_id));
    accounts.dedup_by(|a, b| a.account_id == b.account_id);
    Ok(accounts)
}

/// Every settlement account of the bank, ordered by id, with its payment system.
///
/// # Errors
/// 400/404 for the bank, a connector failure.
pub async fn settlement_accounts(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
) -> ApiResult<Vec<SettlementAccount>> {
    let bank = require_bank(state, ctx, bank_id).await?;
    // Without getBankAccountsByBankId only the default pair is known (nobody holds a view
    // on a settlement account): a per-payment-system one is then not listed.
    let defaults = [
        INCOMING_SETTLEMENT_ACCOUNT_ID,
        OUTGOING_SETTLEMENT_ACCOUNT_ID,
    ];
    let all = all_at_bank(state, ctx, &bank.id, &defaults).await?;
    Ok(all
        .into_iter()
        .filter(|a| a.kind == AccountKind::Settlement)
        .map(|account| {
            let id = account.account_id.as_str();
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
            SettlementAccount {
                account,
                payment_system,
            }
        })
        .collect())
}

// ------------------------------------------------------------------- account attributes

/// An account attribute as a client sends it (`AccountAttributeJson`).
#[derive(Debug, Clone)]
pub struct AttributeInput {
    /// Name.
    pub name: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    pub attribute_type: String,
    /// Value.
    pub value: String,
    /// Product instance code.
    pub product_instance_code: Option<String>,
}

/// The account's attributes.
///
/// # Errors
/// A connector failure.
pub async fn attributes(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    account_id: &AccountId,
) -> ApiResult<Vec<AccountAttribute>> {
    Ok(optional_part(
        Method::GetAccountAttributesByAccount,
        state
            .connector
            .get_account_attributes(ctx, bank_id, account_id)
            .await,
    )?)
}

/// Bank, account and product exist (OBP-30001, OBP-30018, OBP-30011).
async fn require_account_product(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    account_id: &str,
    product_code: &str,
) -> ApiResult<(BankId, AccountId)> {
    let account = require_account(state, ctx, bank_id, account_id).await?;
    state
        .connector
        .get_product(ctx, &account.bank_id, product_code)
        .await
        .map_err(|e| {
            let e = ApiError::from(e);
            if e.code() == ErrorCode::ProductNotFoundByProductCode {
                ApiError::with_detail(
                    ErrorCode::ProductNotFoundByProductCode,
                    format!("{{{product_code}}}"),
                )
            } else {
                e
            }
        })?;
    Ok((account.bank_id, account.account_id))
}

/// Adds an attribute to the account under a product; a taken name replaces that
/// attribute's value (OBP's `createOrUpdateAccountAttribute`).
///
/// # Errors
/// 404 OBP-30001 / OBP-30018 / OBP-30011, 400 OBP-10001 bad type, a connector failure.
pub async fn create_attribute(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    account_id: &str,
    product_code: String,
    input: AttributeInput,
) -> ApiResult<AccountAttribute> {
    let (bank_id, account_id) =
        require_account_product(state, ctx, bank_id, account_id, &product_code).await?;
    check_type(&input.attribute_type, "2012-04-23")?;
    Ok(state
        .connector
        .create_or_update_account_attribute(
            ctx,
            AccountAttribute {
                id: uuid::Uuid::new_v4().to_string(),
                bank_id,
                account_id,
                product_code,
                name: input.name,
                attribute_type: input.attribute_type,
                value: input.value,
                product_instance_code: input.product_instance_code,
            },
        )
        .await?)
}

/// Replaces an attribute of the account.
///
/// # Errors
/// 404 OBP-30001, 400 OBP-10001 bad type, 404 OBP-30018 / OBP-30011, 404 OBP-30232 no such
/// attribute of this account, a connector failure.
pub async fn update_attribute(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    account_id: &str,
    product_code: String,
    attribute_id: &str,
    input: AttributeInput,
) -> ApiResult<AccountAttribute> {
    require_bank(state, ctx, bank_id).await?;
    check_type(&input.attribute_type, "2012-04-23")?;
    let (bank_id, account_id) =
        require_account_product(state, ctx, bank_id, account_id, &product_code).await?;
    let existing = state
        .connector
        .get_account_attribute_by_id(ctx, &bank_id, attribute_id)
        .await?;
    if existing.account_id != account_id {
        return Err(ApiError::new(ErrorCode::AttributeByIdNotFound));
    }
    Ok(state
        .connector
        .create_or_update_account_attribute(
            ctx,
            AccountAttribute {
                id: existing.id,
                bank_id,
                account_id,
                product_code,
                name: input.name,
                attribute_type: input.attribute_type,
                value: input.value,
                product_instance_code: input.product_instance_code,
            },
        )
        .await?)
}
