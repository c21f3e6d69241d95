//! The one account-view access check.
//!
//! Every endpoint that shows or acts on an account "through a view" (`.../ACCOUNT_ID/VIEW_ID/...`)
//! calls [`require_account_view`] first. It answers, in OBP's order:
//!
//! 1. the bank exists, else 404 OBP-30001 (a malformed id is 400 OBP-30111);
//! 2. the account exists, else 404 OBP-30018 (malformed: 400 OBP-30110);
//! 3. the view exists for that account — a system view, or a custom view (`_...`) of that
//!    account — else 404 OBP-30005;
//! 4. the caller holds the view on the account (an `account_access` row), or the view is
//!    public and `allow_public_views` is on, or it is a system view with `is_firehose` and
//!    the caller may use the account firehose at the bank (`allow_account_firehose` and
//!    `CanUseAccountFirehoseAtAnyBank` / `CanUseAccountFirehose`); else 403 OBP-20017
//!    (anonymous callers too).
//!
//! It returns the account and the view; the caller then checks the specific permission it
//! needs with [`require_permission`] (e.g. `can_add_transaction_request_to_any_account` for
//! transaction requests, `can_update_bank_account_label` for the label) and moderates its
//! output with [`crate::moderation`].

use obp_connectors::store::views;
use obp_domain::account::BankAccount;
use obp_domain::bank::Bank;
use obp_domain::context::{AuthUser, CallContext};
use obp_domain::ids::{AccountId, BankId};
use obp_domain::role::{CAN_USE_ACCOUNT_FIREHOSE, CAN_USE_ACCOUNT_FIREHOSE_AT_ANY_BANK};
use obp_domain::view::{Permission, ViewDefinition};
use obp_domain::{ErrorCode, HasErrorCode};

use crate::error::{ApiError, ApiResult};
use crate::guard::{authorize, Authorized, Endpoint};
use crate::state::AppState;

/// Checks that the bank exists (404 OBP-30001) and returns it.
///
/// # Errors
/// 400 OBP-30111 for a malformed id, 404 OBP-30001, a connector failure.
pub async fn require_bank(state: &AppState, ctx: &CallContext, bank_id: &str) -> ApiResult<Bank> {
    let id = BankId::parse(bank_id)?;
    state.connector.get_bank(ctx, &id).await.map_err(|e| {
        let e = ApiError::from(e);
        if e.code() == ErrorCode::BankNotFound {
            ApiError::with_detail(
                ErrorCode::BankNotFound,
                format!("Current BankId is {bank_id}"),
            )
        } else {
            e
        }
    })
}

/// The bank's id after [`require_bank`], for callers that need only the id.
///
/// # Errors
/// As [`require_bank`].
pub async fn require_bank_id(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
) -> ApiResult<BankId> {
    require_bank(state, ctx, bank_id).await.map(|b| b.id)
}

/// Checks the bank (as [`require_bank`]), then that the caller holds one of the endpoint's
/// roles at it: the bank's existence is told before the caller's rights, as OBP does for
/// bank-scoped management endpoints.
///
/// # Errors
/// 400 OBP-30111, 404 OBP-30001, 401 OBP-20001, 403 OBP-20006.
pub async fn bank_then_roles<E: Endpoint>(
    auth: &Authorized<E>,
    state: &AppState,
    bank_id: &str,
) -> ApiResult<BankId> {
    let id = require_bank_id(state, &auth.ctx, bank_id).await?;
    let user = auth.user()?;
    authorize(state, user, E::GUARD.roles, Some(id.as_str())).await?;
    Ok(id)
}

/// Checks that the bank and the account exist and returns the account.
///
/// The account is read first: when it exists its bank does, so the common case costs one
/// connector call; only a missing account is followed by the bank check that tells
/// OBP-30001 from OBP-30018.
///
/// # Errors
/// OBP-30001 / OBP-30018 (404), malformed ids (400), a connector failure.
pub async fn require_account(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    account_id: &str,
) -> ApiResult<BankAccount> {
    let bank = BankId::parse(bank_id)?;
    let account = AccountId::parse(account_id)?;
    match state.connector.get_bank_account(ctx, &bank, &account).await {
        Ok(found) => Ok(found),
        Err(e) if e.code() == ErrorCode::BankAccountNotFound => {
            require_bank(state, ctx, bank_id).await?;
            Err(ApiError::with_detail(
                ErrorCode::BankAccountNotFound,
                format!("Current BankId is {bank_id} and Current AccountId is {account_id}"),
            ))
        }
        Err(e) => Err(e.into()),
    }
}

/// Bank, account and view exist and the caller may use the view on the account.
///
/// See the module documentation for the order of checks and the codes.
///
/// # Errors
/// 404 OBP-30001 / OBP-30018 / OBP-30005, 403 OBP-20017, 400 for malformed ids.
pub async fn require_account_view(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    account_id: &str,
    view_id: &str,
) -> ApiResult<(BankAccount, ViewDefinition)> {
    // Both reads at once; the account's error comes first, as when read one after the other.
    let (account, view) = tokio::join!(
        require_account(state, ctx, bank_id, account_id),
        require_view_for_caller(state, ctx, bank_id, account_id, view_id)
    );
    let account = account?;
    let (view, usable) = view?;
    if usable {
        Ok((account, view))
    } else {
        Err(ApiError::new(ErrorCode::UserNoPermissionAccessView))
    }
}

/// The view `view_id` as it applies to the account (404 OBP-30005 when there is none) and
/// whether the caller may use it: they hold it (the grant is read in the same query as the
/// view), it is public and public views are allowed, or it is a system firehose view and
/// they may use the firehose.
///
/// # Errors
/// 404 OBP-30005; a database failure.
pub async fn require_view_for_caller(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    account_id: &str,
    view_id: &str,
) -> ApiResult<(ViewDefinition, bool)> {
    let user_id = ctx.user().map(|u| u.user_id.as_str());
    let (view, granted) = views::find_view_for_account_with_grant(
        &state.store,
        bank_id,
        account_id,
        view_id,
        user_id,
    )
    .await?
    .ok_or_else(|| ApiError::new(ErrorCode::ViewNotFound))?;
    // Under a consent only the views it lists are usable, however else the user could use
    // them (a grant, a public view, the firehose).
    if let Some(scope) = ctx.consent() {
        if !scope.allows_view(bank_id, account_id, view_id) {
            return Ok((view, false));
        }
    }
    let usable = granted
        || (view.is_public && state.settings.allow_public_views)
        || match ctx.user() {
            Some(u) if view.is_system && view.is_firehose => {
                can_use_account_firehose(state, u, bank_id).await?
            }
            _ => false,
        };
    Ok((view, usable))
}

/// The account and its `owner` system view, for the `/my/banks/BANK_ID/accounts/ACCOUNT_ID/...`
/// core reads that "assume the owner view" (OBP's `checkOwnerViewAccessAndReturnOwnerView`):
/// the bank and the account exist (404 OBP-30001 / OBP-30018), then the caller holds the
/// `owner` view on the account (under a consent: the consent lists it), else 400 OBP-20019
/// naming the user, bank and account as OBP does.
///
/// # Errors
/// 404 OBP-30001 / OBP-30018, 400 OBP-20019, 400 for malformed ids, a database or connector
/// failure.
pub async fn require_owner_view(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
    bank_id: &str,
    account_id: &str,
) -> ApiResult<(BankAccount, ViewDefinition)> {
    let account = require_account(state, ctx, bank_id, account_id).await?;
    let no_owner_view = || {
        ApiError::with_detail(
            ErrorCode::UserNoOwnerView,
            format!("userId : {user_id}. bankId : {bank_id}. accountId : {account_id}"),
        )
    };
    let owner = views::find_view_for_account_with_grant(
        &state.store,
        bank_id,
        account_id,
        OWNER_VIEW_ID,
        Some(user_id),
    )
    .await?;
    let Some((view, true)) = owner else {
        return Err(no_owner_view());
    };
    if ctx
        .consent()
        .is_some_and(|scope| !scope.allows_view(bank_id, account_id, OWNER_VIEW_ID))
    {
        return Err(no_owner_view());
    }
    Ok((account, view))
}

/// The id of the system view the `/my/...` core reads assume (OBP's `SYSTEM_OWNER_VIEW_ID`).
pub const OWNER_VIEW_ID: &str = "owner";

/// Whether `allow_account_firehose` is on and the user holds `CanUseAccountFirehoseAtAnyBank`
/// or `CanUseAccountFirehose` at the bank (OBP's `hasAccountFirehoseAccess[AtBank]`).
///
/// # Errors
/// A database failure.
pub async fn can_use_account_firehose(
    state: &AppState,
    user: &AuthUser,
    bank_id: &str,
) -> ApiResult<bool> {
    if !state.settings.allow_account_firehose {
        return Ok(false);
    }
    let held = obp_connectors::store::entitlements_of_user(&state.store, &user.user_id).await?;
    Ok(held
        .iter()
        .filter(|e| {
            user.consent()
                .is_none_or(|scope| scope.allows_role(&e.role_name, &e.bank_id))
        })
        .any(|e| {
            (e.role_name == CAN_USE_ACCOUNT_FIREHOSE_AT_ANY_BANK.name && e.bank_id.is_empty())
                || (e.role_name == CAN_USE_ACCOUNT_FIREHOSE.name && e.bank_id == bank_id)
        }))
}

/// 403 OBP-20022 unless the view has `permission`, naming it as OBP does.
///
/// # Errors
/// 403 OBP-20022.
pub fn require_permission(view: &ViewDefinition, permission: Permission) -> ApiResult<()> {
    if view.has(permission) {
        Ok(())
    } else {
        Err(ApiError::with_detail(
            ErrorCode::ViewDoesNotPermitAccess,
            format!(
                "You need the `{}` permission on VIEW_ID({})",
                permission.as_str(),
                view.id
            ),
        ))
    }
}
