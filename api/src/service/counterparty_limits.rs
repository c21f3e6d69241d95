//! Counterparty limits (OBP v5.1.0 `/banks/B/accounts/A/views/V/counterparties/C/limits`).
//!
//! Order of checks, as OBP: login (the guard), bank (OBP-30001), account (OBP-30018), view
//! and the caller's access to it (OBP-30005 / OBP-20017), the counterparty of the account
//! (OBP-30017), then the body (validated in [`obp_domain::counterparty_limit`]) and the write.
//!
//! One choice differs from OBP, which only asks for access to the view: the view must also
//! carry the counterparty permission that matches the operation — `can_add_counterparty` to
//! create or update, `can_get_counterparty` to read, `can_delete_counterparty` to delete
//! (403 OBP-30022). A VRP view (OBP gives it `can_add_transaction_request_to_beneficiary`,
//! `can_get_counterparty`, `can_see_transaction_requests`) can then read its limit, but an
//! app acting through it cannot raise the limit it is held to.

use chrono::Utc;
use obp_connectors::store::counterparty_limits::{
    delete_counterparty_limit, find_counterparty_limit, insert_counterparty_limit, release_usage,
    reserve_usage, upsert_counterparty_limit, CounterpartyLimit, LimitTarget, Reservation,
    Reserved,
};
use obp_connectors::store::StoreError;
use obp_domain::context::CallContext;
use obp_domain::counterparty_limit::LimitInput;
use obp_domain::money::Money;
use obp_domain::view::Permission;
use obp_domain::ErrorCode;

use crate::access::require_account_view;
use crate::error::{ApiError, ApiResult};
use crate::service::counterparties::counterparty_of_account;
use crate::state::AppState;

/// The limit's path: BANK_ID, ACCOUNT_ID, VIEW_ID, COUNTERPARTY_ID.
#[derive(Debug, Clone, Copy)]
pub struct LimitPath<'a> {
    /// BANK_ID.
    pub bank_id: &'a str,
    /// ACCOUNT_ID.
    pub account_id: &'a str,
    /// VIEW_ID.
    pub view_id: &'a str,
    /// COUNTERPARTY_ID.
    pub counterparty_id: &'a str,
}

impl<'a> LimitPath<'a> {
    fn target(self) -> LimitTarget<'a> {
        LimitTarget {
            bank_id: self.bank_id,
            account_id: self.account_id,
            view_id: self.view_id,
            counterparty_id: self.counterparty_id,
        }
    }

    fn describe(self) -> String {
        format!(
            "Current BANK_ID({}), ACCOUNT_ID({}), VIEW_ID({}),COUNTERPARTY_ID({})",
            self.bank_id, self.account_id, self.view_id, self.counterparty_id
        )
    }
}

/// The path's account, view (with `permission`) and counterparty exist and the caller may
/// use them.
async fn require_target(
    state: &AppState,
    ctx: &CallContext,
    p: LimitPath<'_>,
    permission: Permission,
) -> ApiResult<()> {
    let (_, view) = require_account_view(state, ctx, p.bank_id, p.account_id, p.view_id).await?;
    if !view.has(permission) {
        return Err(ApiError::with_detail(
            ErrorCode::NoViewPermission,
            permission.as_str(),
        ));
    }
    counterparty_of_account(state, ctx, p.bank_id, p.account_id, p.counterparty_id).await?;
    Ok(())
}

/// Creates the limit (201 in the route).
///
/// # Errors
/// The access errors of the module, the body's (OBP-10003 / OBP-10002 / OBP-20054),
/// 400 OBP-30264 when a limit exists; a database failure is a 500 (OBP answers 400
/// OBP-30261, which tells a client its request was wrong when it was not).
pub async fn create(
    state: &AppState,
    ctx: &CallContext,
    p: LimitPath<'_>,
    input: LimitInput,
) -> ApiResult<CounterpartyLimit> {
    require_target(state, ctx, p, Permission::AddCounterparty).await?;
    let values = input.validate()?;
    let exists = || ApiError::with_detail(ErrorCode::CounterpartyLimitAlreadyExists, p.describe());
    if find_counterparty_limit(&state.store, p.target())
        .await?
        .is_some()
    {
        return Err(exists());
    }
    match insert_counterparty_limit(&state.store, p.target(), &values).await {
        Ok(l) => Ok(l),
        Err(StoreError::Duplicate) => Err(exists()),
        Err(e) => Err(e.into()),
    }
}

/// Replaces the limit's maxima, creating it when there is none (OBP's `createOrUpdate`).
///
/// # Errors
/// The access errors of the module, the body's; a database failure is a 500 (OBP: 400
/// OBP-30262).
pub async fn update(
    state: &AppState,
    ctx: &CallContext,
    p: LimitPath<'_>,
    input: LimitInput,
) -> ApiResult<CounterpartyLimit> {
    require_target(state, ctx, p, Permission::AddCounterparty).await?;
    let values = input.validate()?;
    Ok(upsert_counterparty_limit(&state.store, p.target(), &values).await?)
}

/// The limit.
///
/// # Errors
/// The access errors of the module, 404 OBP-30263 when there is none.
pub async fn get(
    state: &AppState,
    ctx: &CallContext,
    p: LimitPath<'_>,
) -> ApiResult<CounterpartyLimit> {
    require_target(state, ctx, p, Permission::GetCounterparty).await?;
    find_counterparty_limit(&state.store, p.target())
        .await?
        .ok_or_else(|| ApiError::with_detail(ErrorCode::GetCounterpartyLimitError, p.describe()))
}

/// Deletes the limit.
///
/// # Errors
/// The access errors of the module, 400 OBP-30265 when there is none (as OBP).
pub async fn delete(state: &AppState, ctx: &CallContext, p: LimitPath<'_>) -> ApiResult<()> {
    require_target(state, ctx, p, Permission::DeleteCounterparty).await?;
    if delete_counterparty_limit(&state.store, p.target()).await? {
        Ok(())
    } else {
        Err(ApiError::new(ErrorCode::DeleteCounterpartyLimitError))
    }
}

/// Enforces the counterparty limit on a payment made under a consent (VRP): when the request
/// authenticated with a Consent-JWT and the limit on (bank, account, view, counterparty)
/// exists, the payment must fit it with what was already paid under it, and is counted at
/// once ([`reserve_usage`]'s compare-and-set, so concurrent payments never exceed it
/// together). The caller books the payment and gives the reservation back with [`release`]
/// if it is not booked. Without a consent, or without a limit, nothing is checked.
///
/// # Errors
/// 400 OBP-30268 (nothing counted); a database failure.
pub async fn reserve_for_payment(
    state: &AppState,
    ctx: &CallContext,
    p: LimitPath<'_>,
    amount: &Money,
) -> ApiResult<Option<Reservation>> {
    if ctx.consent().is_none() {
        return Ok(None);
    }
    match reserve_usage(&state.store, p.target(), amount, Utc::now()).await? {
        Reserved::NoLimit => Ok(None),
        Reserved::Ok(r) => Ok(Some(r)),
        Reserved::Refused(e) => Err(e.into()),
    }
}

/// Gives back a reservation of [`reserve_for_payment`] for a payment that was not booked. A
/// failure is logged: the usage then counts a payment that did not happen, which can only
/// refuse a later payment early, never let one exceed the limit.
pub async fn release(state: &AppState, r: Option<Reservation>) {
    if let Some(r) = r {
        if let Err(e) = release_usage(&state.store, &r).await {
            tracing::warn!(error = %e, limit = %r.counterparty_limit_id, "counterparty limit usage not released");
        }
    }
}
