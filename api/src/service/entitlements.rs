//! Roles, entitlements (roles granted to users) and entitlement requests.

use obp_connectors::store::{self, Entitlement, EntitlementRequest, StoreError, User};
use obp_domain::context::{AuthUser, CallContext};
use obp_domain::role::{self, AnyRole, Role, ALL_ROLES};
use obp_domain::ErrorCode;

use crate::access::require_bank_id;
use crate::error::{ApiError, ApiResult};
use crate::guard::{authorize, keep_an_administrator};
use crate::service::users::{entitlements_with_super_admin, require_live_user};
use crate::state::AppState;

/// A role asked for at a bank (`bank_id` set) or system-wide (`bank_id` empty).
#[derive(Debug, Clone)]
pub struct RoleAt {
    /// BANK_ID for bank roles, `""` for system roles.
    pub bank_id: String,
    /// Role name.
    pub role_name: String,
}

/// An entitlement with the username of its holder (`""` when the user is gone).
#[derive(Debug, Clone)]
pub struct EntitlementOfUser {
    /// The entitlement.
    pub entitlement: Entitlement,
    /// The holder's username.
    pub username: String,
}

/// An entitlement request with the requesting user and their entitlements.
#[derive(Debug, Clone)]
pub struct RequestWithUser {
    /// The request.
    pub request: EntitlementRequest,
    /// The requesting user.
    pub user: User,
    /// The requesting user's entitlements.
    pub entitlements: Vec<Entitlement>,
}

/// The roles something checks ([`crate::guard::is_checked`]) with the roles of every
/// existing dynamic entity, sorted by name. Granting still accepts every role of OBP's
/// catalogue, so OBP's scripts keep working.
///
/// # Errors
/// A database failure.
pub async fn roles(state: &AppState) -> ApiResult<Vec<AnyRole>> {
    let mut all: Vec<AnyRole> = ALL_ROLES
        .iter()
        .filter(|r| crate::guard::is_checked(r.name))
        .copied()
        .map(AnyRole::Static)
        .collect();
    all.extend(
        crate::service::dynamic_entities::dynamic_roles(state)
            .await?
            .into_iter()
            .map(AnyRole::Dynamic),
    );
    all.sort_by(|a, b| a.name().cmp(b.name()));
    Ok(all)
}

fn incorrect_role(name: &str) -> ApiError {
    let names: Vec<&str> = ALL_ROLES.iter().map(|r| r.name).collect();
    ApiError::with_detail(
        ErrorCode::IncorrectRoleName,
        format!("{name}. Possible roles are {}", names.join(", ")),
    )
}

/// Checks the role name and the bank/system rule (OBP-10007, OBP-30205, OBP-30206). A
/// dynamic entity's role is known while its entity exists: a bank-level entity's roles at
/// its bank, a system-level entity's roles system-wide.
async fn checked_role(state: &AppState, asked: &RoleAt) -> ApiResult<AnyRole> {
    let role = match Role::find(&asked.role_name) {
        Some(r) => AnyRole::Static(r),
        None => {
            let at = crate::service::dynamic_entities::find_dynamic_role(
                state,
                &asked.role_name,
                &asked.bank_id,
            )
            .await?;
            match at {
                Some(r) => AnyRole::Dynamic(r),
                // Named at the wrong scope: said as for static roles (OBP-30205/30206).
                None => {
                    crate::service::dynamic_entities::dynamic_role_anywhere(state, &asked.role_name)
                        .await?
                        .map(AnyRole::Dynamic)
                        .ok_or_else(|| incorrect_role(&asked.role_name))?
                }
            }
        }
    };
    match (role.requires_bank_id(), asked.bank_id.is_empty()) {
        (true, true) => Err(ApiError::new(ErrorCode::EntitlementIsBankRole)),
        (false, false) => Err(ApiError::new(ErrorCode::EntitlementIsSystemRole)),
        _ => Ok(role),
    }
}

/// Grants a role to a user. The caller needs `CanCreateEntitlementAtAnyBank`, or
/// `CanCreateEntitlementAtOneBank` for the entitlement's bank.
///
/// # Errors
/// 404 OBP-20005 no such user, 400 OBP-10007/30205/30206 bad role, 403 OBP-20006 missing
/// role, 404 OBP-30001 no such bank, 400 OBP-30216 duplicate, a database failure.
pub async fn add(
    state: &AppState,
    ctx: &CallContext,
    caller: &AuthUser,
    user_id: &str,
    asked: RoleAt,
) -> ApiResult<Entitlement> {
    let target = require_live_user(state, user_id).await?;
    let role = checked_role(state, &asked).await?;
    let bank = (!asked.bank_id.is_empty()).then_some(asked.bank_id.as_str());
    let allowed: &[Role] = if bank.is_some() {
        &[
            role::CAN_CREATE_ENTITLEMENT_AT_ANY_BANK,
            role::CAN_CREATE_ENTITLEMENT_AT_ONE_BANK,
        ]
    } else {
        &[role::CAN_CREATE_ENTITLEMENT_AT_ANY_BANK]
    };
    authorize(state, caller, allowed, bank).await?;
    if let Some(b) = bank {
        require_bank_id(state, ctx, b).await?;
    }
    match store::insert_entitlement(
        &state.store,
        &target.id,
        &asked.bank_id,
        role.name(),
        "manual",
    )
    .await
    {
        Ok(r) => Ok(r),
        Err(StoreError::Duplicate) => Err(ApiError::new(ErrorCode::EntitlementAlreadyExists)),
        Err(e) => Err(e.into()),
    }
}

/// A live user's entitlements (with OBP's `SuperAdmin` entry).
///
/// # Errors
/// 404 OBP-20005, a database failure.
pub async fn of_user(state: &AppState, user_id: &str) -> ApiResult<Vec<Entitlement>> {
    let user = require_live_user(state, user_id).await?;
    entitlements_with_super_admin(state, &user.id).await
}

/// The caller's entitlements (with OBP's `SuperAdmin` entry).
///
/// # Errors
/// A database failure.
pub async fn mine(state: &AppState, caller: &AuthUser) -> ApiResult<Vec<Entitlement>> {
    let Some(scope) = caller.consent() else {
        return entitlements_with_super_admin(state, &caller.user_id).await;
    };
    // Under a consent: the roles it grants, and no super-admin entry (it grants none).
    let mut ents = store::entitlements_of_user(&state.store, &caller.user_id).await?;
    ents.retain(|e| scope.allows_role(&e.role_name, &e.bank_id));
    Ok(ents)
}

/// Removes a role from a user; removing the last active holder's
/// `CanCreateEntitlementAtAnyBank` is refused.
///
/// # Errors
/// 404 OBP-30212 no such entitlement, 400 OBP-30213 entitlement of another user, 400
/// OBP-20090 the last administrator, a database failure.
pub async fn delete(
    state: &AppState,
    caller: &AuthUser,
    user_id: &str,
    entitlement_id: &str,
) -> ApiResult<()> {
    let e = store::find_entitlement(&state.store, entitlement_id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::EntitlementNotFound))?;
    if e.user_id != user_id {
        return Err(ApiError::new(ErrorCode::UserDoesNotHaveEntitlement));
    }
    if e.role_name == role::CAN_CREATE_ENTITLEMENT_AT_ANY_BANK.name && e.bank_id.is_empty() {
        keep_an_administrator(state, &caller.user_id, &e.user_id, true).await?;
    }
    store::delete_entitlement(&state.store, &e.id).await?;
    Ok(())
}

/// Every entitlement, optionally of one role, with its holder's username.
///
/// # Errors
/// A database failure.
pub async fn list_all(state: &AppState, role: Option<&str>) -> ApiResult<Vec<EntitlementOfUser>> {
    let rows = store::list_entitlements(&state.store, role, None).await?;
    let mut list = Vec::with_capacity(rows.len());
    for e in rows {
        let username = store::find_user(&state.store, &e.user_id)
            .await?
            .map(|u| u.username)
            .unwrap_or_default();
        list.push(EntitlementOfUser {
            entitlement: e,
            username,
        });
    }
    Ok(list)
}

/// The entitlements at one bank.
///
/// # Errors
/// 404 OBP-30001 no such bank, a database failure.
pub async fn at_bank(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
) -> ApiResult<Vec<Entitlement>> {
    require_bank_id(state, ctx, bank_id).await?;
    Ok(store::list_entitlements(&state.store, None, Some(bank_id)).await?)
}

async fn with_user(state: &AppState, request: EntitlementRequest) -> ApiResult<RequestWithUser> {
    let user = require_live_user(state, &request.user_id).await?;
    let entitlements = store::entitlements_of_user(&state.store, &user.id).await?;
    Ok(RequestWithUser {
        request,
        user,
        entitlements,
    })
}

async fn all_with_user(
    state: &AppState,
    rows: Vec<EntitlementRequest>,
) -> ApiResult<Vec<RequestWithUser>> {
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(with_user(state, r).await?);
    }
    Ok(out)
}

/// The caller asks for a role.
///
/// # Errors
/// 404 OBP-30001 no such bank, 400 OBP-10007/30205/30206 bad role, 400 OBP-30214
/// duplicate, 404 OBP-20005 (the caller's user is gone), a database failure.
pub async fn request(
    state: &AppState,
    ctx: &CallContext,
    caller: &AuthUser,
    asked: RoleAt,
) -> ApiResult<RequestWithUser> {
    if !asked.bank_id.is_empty() {
        require_bank_id(state, ctx, &asked.bank_id).await?;
    }
    let role = checked_role(state, &asked).await?;
    let row = match store::insert_entitlement_request(
        &state.store,
        &caller.user_id,
        &asked.bank_id,
        role.name(),
    )
    .await
    {
        Ok(r) => r,
        Err(StoreError::Duplicate) => {
            return Err(ApiError::new(ErrorCode::EntitlementRequestAlreadyExists))
        }
        Err(e) => return Err(e.into()),
    };
    with_user(state, row).await
}

/// Entitlement requests, of one user or of everyone.
///
/// # Errors
/// 404 OBP-20005 when a requester is gone, a database failure.
pub async fn requests(state: &AppState, user_id: Option<&str>) -> ApiResult<Vec<RequestWithUser>> {
    let rows = store::list_entitlement_requests(&state.store, user_id).await?;
    all_with_user(state, rows).await
}

/// Removes an entitlement request.
///
/// # Errors
/// 404 OBP-30215 no such request, a database failure.
pub async fn delete_request(state: &AppState, entitlement_request_id: &str) -> ApiResult<()> {
    if !store::delete_entitlement_request(&state.store, entitlement_request_id).await? {
        return Err(ApiError::new(ErrorCode::EntitlementRequestNotFound));
    }
    Ok(())
}
