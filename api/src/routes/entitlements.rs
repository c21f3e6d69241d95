//! Roles, entitlements and entitlement requests.

use actix_web::{delete, get, post, web, HttpResponse};
use obp_connectors::store::{self, Entitlement, EntitlementRequest, StoreError};
use obp_domain::role::{self, Role, ALL_ROLES};
use obp_domain::ErrorCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::access::require_bank_id;
use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::{authorize, keep_an_administrator, Authorized};
use crate::json::obp_date;
use crate::routes::users::{entitlements_with_super_admin, EntitlementsJson, UserJsonV200};
use crate::state::AppState;

/// `AvailableRolesJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct AvailableRolesJson {
    /// Every role with `requires_bank_id`.
    pub roles: Vec<AvailableRoleJson>,
}

/// `AvailableRoleJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct AvailableRoleJson {
    /// Role name.
    pub role: String,
    /// Whether it is granted per bank.
    pub requires_bank_id: bool,
}

/// Get Roles
///
/// The role catalogue, sorted by name.
#[endpoint(
    GET "/roles",
    operation_id = "OBPv2.1.0-getRoles",
    login,
    tag = "Role",
    responses(
        (status = 200, description = "The roles", body = AvailableRolesJson),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody)
    )
)]
pub async fn get_roles(_auth: Authorized<GetRoles>) -> web::Json<AvailableRolesJson> {
    web::Json(AvailableRolesJson {
        roles: ALL_ROLES
            .iter()
            .map(|r| AvailableRoleJson {
                role: r.name.to_owned(),
                requires_bank_id: r.requires_bank_id,
            })
            .collect(),
    })
}

/// `CreateEntitlementJSON` / `CreateEntitlementRequestJSON`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateEntitlementJson {
    /// BANK_ID for bank roles, `""` for system roles.
    #[serde(default)]
    pub bank_id: String,
    /// Role name.
    pub role_name: String,
}

/// Path with a user id.
#[derive(Debug, Deserialize)]
pub struct UserPath {
    /// USER_ID.
    pub user_id: String,
}

fn incorrect_role(name: &str) -> ApiError {
    let names: Vec<&str> = ALL_ROLES.iter().map(|r| r.name).collect();
    ApiError::with_detail(
        ErrorCode::IncorrectRoleName,
        format!("{name}. Possible roles are {}", names.join(", ")),
    )
}

/// Checks the role name and the bank/system rule (OBP-10007, OBP-30205, OBP-30206).
fn checked_role(body: &CreateEntitlementJson) -> ApiResult<Role> {
    let role = Role::find(&body.role_name).ok_or_else(|| incorrect_role(&body.role_name))?;
    match (role.requires_bank_id, body.bank_id.is_empty()) {
        (true, true) => Err(ApiError::new(ErrorCode::EntitlementIsBankRole)),
        (false, false) => Err(ApiError::new(ErrorCode::EntitlementIsSystemRole)),
        _ => Ok(role),
    }
}

async fn require_user(state: &AppState, user_id: &str) -> ApiResult<store::User> {
    match store::find_user(&state.store, user_id).await? {
        Some(u) if !u.is_deleted => Ok(u),
        _ => Err(ApiError::with_detail(
            ErrorCode::UserNotFoundById,
            format!("Current USER_ID({user_id})"),
        )),
    }
}

/// Add Entitlement for a User
///
/// Grants a role. Needs `CanCreateEntitlementAtAnyBank`, or `CanCreateEntitlementAtOneBank`
/// for the entitlement's bank (super admins hold both). Bank roles need a bank id
/// (OBP-30205), system roles must not have one (OBP-30206); duplicates answer OBP-30216.
#[endpoint(
    POST "/users/{user_id}/entitlements",
    operation_id = "OBPv2.0.0-addEntitlement",
    login,
    roles = [
        role::CAN_CREATE_ENTITLEMENT_AT_ANY_BANK,
        role::CAN_CREATE_ENTITLEMENT_AT_ONE_BANK
    ],
    roles_in_handler,
    tag = "Role",
    params(("user_id" = String, Path, description = "USER_ID")),
    request_body = CreateEntitlementJson,
    responses(
        (status = 201, description = "The entitlement", body = crate::routes::users::EntitlementJson),
        (status = 400, description = "OBP-10007 unknown role; OBP-30205; OBP-30206; OBP-30216 duplicate", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-20005 no such user; OBP-30001 no such bank", body = ErrorBody)
    )
)]
pub async fn add_entitlement(
    auth: Authorized<AddEntitlement>,
    state: web::Data<AppState>,
    path: web::Path<UserPath>,
    body: web::Json<CreateEntitlementJson>,
) -> ApiResult<HttpResponse> {
    let target = require_user(&state, &path.user_id).await?;
    let role = checked_role(&body)?;
    let bank = (!body.bank_id.is_empty()).then_some(body.bank_id.as_str());
    let allowed: &[Role] = if bank.is_some() {
        &[
            role::CAN_CREATE_ENTITLEMENT_AT_ANY_BANK,
            role::CAN_CREATE_ENTITLEMENT_AT_ONE_BANK,
        ]
    } else {
        &[role::CAN_CREATE_ENTITLEMENT_AT_ANY_BANK]
    };
    authorize(&state, auth.user()?, allowed, bank).await?;
    if let Some(b) = bank {
        require_bank_id(&state, &auth.ctx, b).await?;
    }
    let row = match store::insert_entitlement(
        &state.store,
        &target.id,
        &body.bank_id,
        role.name,
        "manual",
    )
    .await
    {
        Ok(r) => r,
        Err(StoreError::Duplicate) => {
            return Err(ApiError::new(ErrorCode::EntitlementAlreadyExists))
        }
        Err(e) => return Err(e.into()),
    };
    Ok(HttpResponse::Created().json(crate::routes::users::EntitlementJson::from(row)))
}

/// Get Entitlements for User
///
/// A user's entitlements (role `CanGetEntitlementsForAnyUserAtAnyBank`).
#[endpoint(
    GET "/users/{user_id}/entitlements",
    operation_id = "OBPv4.0.0-getEntitlements",
    login,
    roles = [role::CAN_GET_ENTITLEMENTS_FOR_ANY_USER_AT_ANY_BANK],
    tag = "Role",
    params(("user_id" = String, Path, description = "USER_ID")),
    responses(
        (status = 200, description = "The entitlements", body = EntitlementsJson),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-20005 no such user", body = ErrorBody)
    )
)]
pub async fn get_entitlements(
    _auth: Authorized<GetEntitlements>,
    state: web::Data<AppState>,
    path: web::Path<UserPath>,
) -> ApiResult<web::Json<EntitlementsJson>> {
    let user = require_user(&state, &path.user_id).await?;
    let ents = entitlements_with_super_admin(&state, &user.id).await?;
    Ok(web::Json(EntitlementsJson::from_rows(ents)))
}

/// Path of one entitlement.
#[derive(Debug, Deserialize)]
pub struct EntitlementPath {
    /// USER_ID.
    pub user_id: String,
    /// ENTITLEMENT_ID.
    pub entitlement_id: String,
}

/// Delete Entitlement
///
/// Removes a role from a user (role `CanDeleteEntitlementAtAnyBank`).
#[endpoint(
    DELETE "/users/{user_id}/entitlement/{entitlement_id}",
    operation_id = "OBPv2.0.0-deleteEntitlement",
    login,
    roles = [role::CAN_DELETE_ENTITLEMENT_AT_ANY_BANK],
    tag = "Role",
    params(
        ("user_id" = String, Path, description = "USER_ID"),
        ("entitlement_id" = String, Path, description = "ENTITLEMENT_ID")
    ),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "OBP-30213 entitlement of another user; OBP-20090 the last active holder's CanCreateEntitlementAtAnyBank", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-30212 no such entitlement", body = ErrorBody)
    )
)]
pub async fn delete_entitlement(
    auth: Authorized<DeleteEntitlement>,
    state: web::Data<AppState>,
    path: web::Path<EntitlementPath>,
) -> ApiResult<HttpResponse> {
    let e = store::find_entitlement(&state.store, &path.entitlement_id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::EntitlementNotFound))?;
    if e.user_id != path.user_id {
        return Err(ApiError::new(ErrorCode::UserDoesNotHaveEntitlement));
    }
    if e.role_name == role::CAN_CREATE_ENTITLEMENT_AT_ANY_BANK.name && e.bank_id.is_empty() {
        keep_an_administrator(&state, &auth.user()?.user_id, &e.user_id, true).await?;
    }
    store::delete_entitlement(&state.store, &e.id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// `EntitlementJsonV310`.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntitlementJsonV310 {
    /// ENTITLEMENT_ID.
    pub entitlement_id: String,
    /// Role name.
    pub role_name: String,
    /// BANK_ID or `""`.
    pub bank_id: String,
    /// USER_ID.
    pub user_id: String,
    /// Username.
    pub username: String,
}

/// `EntitlementJSonsV310`.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntitlementsJsonV310 {
    /// The entitlements.
    pub list: Vec<EntitlementJsonV310>,
}

/// Query of `GET /entitlements`.
#[derive(Debug, Deserialize, IntoParams)]
pub struct RoleQuery {
    /// Only this role.
    pub role: Option<String>,
}

/// Get all Entitlements
///
/// Every entitlement, optionally of one role (role `CanGetEntitlementsForAnyUserAtAnyBank`).
#[endpoint(
    GET "/entitlements",
    operation_id = "OBPv3.1.0-getAllEntitlements",
    login,
    roles = [role::CAN_GET_ENTITLEMENTS_FOR_ANY_USER_AT_ANY_BANK],
    tag = "Role",
    params(RoleQuery),
    responses(
        (status = 200, description = "The entitlements", body = EntitlementsJsonV310),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody)
    )
)]
pub async fn get_all_entitlements(
    _auth: Authorized<GetAllEntitlements>,
    state: web::Data<AppState>,
    query: web::Query<RoleQuery>,
) -> ApiResult<web::Json<EntitlementsJsonV310>> {
    let rows = store::list_entitlements(&state.store, query.role.as_deref(), None).await?;
    let mut list = Vec::with_capacity(rows.len());
    for e in rows {
        let username = store::find_user(&state.store, &e.user_id)
            .await?
            .map(|u| u.username)
            .unwrap_or_default();
        list.push(EntitlementJsonV310 {
            entitlement_id: e.id,
            role_name: e.role_name,
            bank_id: e.bank_id,
            user_id: e.user_id,
            username,
        });
    }
    Ok(web::Json(EntitlementsJsonV310 { list }))
}

/// Get Entitlements for the current User
///
/// The logged-in user's entitlements.
#[endpoint(
    GET "/my/entitlements",
    operation_id = "OBPv3.0.0-getEntitlementsForCurrentUser",
    login,
    guard = GetMyEntitlements,
    tag = "Role",
    responses(
        (status = 200, description = "The entitlements", body = EntitlementsJson),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody)
    )
)]
pub async fn get_my_entitlements(
    auth: Authorized<GetMyEntitlements>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<EntitlementsJson>> {
    let ents = entitlements_with_super_admin(&state, &auth.user()?.user_id).await?;
    Ok(web::Json(EntitlementsJson::from_rows(ents)))
}

/// `EntitlementJsonV400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntitlementJsonV400 {
    /// ENTITLEMENT_ID.
    pub entitlement_id: String,
    /// Role name.
    pub role_name: String,
    /// BANK_ID.
    pub bank_id: String,
    /// USER_ID.
    pub user_id: String,
}

/// `EntitlementsJsonV400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntitlementsJsonV400 {
    /// The entitlements.
    pub list: Vec<EntitlementJsonV400>,
}

impl From<Entitlement> for EntitlementJsonV400 {
    fn from(e: Entitlement) -> Self {
        Self {
            entitlement_id: e.id,
            role_name: e.role_name,
            bank_id: e.bank_id,
            user_id: e.user_id,
        }
    }
}

/// Path with a bank id.
#[derive(Debug, Deserialize)]
pub struct BankPath {
    /// BANK_ID.
    pub bank_id: String,
}

/// Get Entitlements for One Bank
///
/// Entitlements at one bank (role `CanGetEntitlementsForOneBank` at that bank or
/// `CanGetEntitlementsForAnyBank`).
#[endpoint(
    GET "/banks/{bank_id}/entitlements",
    operation_id = "OBPv4.0.0-getEntitlementsForBank",
    login,
    roles = [
        role::CAN_GET_ENTITLEMENTS_FOR_ONE_BANK,
        role::CAN_GET_ENTITLEMENTS_FOR_ANY_BANK
    ],
    tag = "Role",
    params(("bank_id" = String, Path, description = "BANK_ID")),
    responses(
        (status = 200, description = "The entitlements", body = EntitlementsJsonV400),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-30001 no such bank", body = ErrorBody)
    )
)]
pub async fn get_entitlements_for_bank(
    auth: Authorized<GetEntitlementsForBank>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
) -> ApiResult<web::Json<EntitlementsJsonV400>> {
    require_bank_id(&state, &auth.ctx, &path.bank_id).await?;
    let rows = store::list_entitlements(&state.store, None, Some(&path.bank_id)).await?;
    Ok(web::Json(EntitlementsJsonV400 {
        list: rows.into_iter().map(Into::into).collect(),
    }))
}

/// `EntitlementRequestJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntitlementRequestJson {
    /// ENTITLEMENT_REQUEST_ID.
    pub entitlement_request_id: String,
    /// The requesting user.
    pub user: UserJsonV200,
    /// Role name.
    pub role_name: String,
    /// BANK_ID or `""`.
    pub bank_id: String,
    /// When requested.
    pub created: String,
}

/// `EntitlementRequestsJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntitlementRequestsJson {
    /// The requests.
    pub entitlement_requests: Vec<EntitlementRequestJson>,
}

async fn request_json(
    state: &AppState,
    r: EntitlementRequest,
) -> ApiResult<EntitlementRequestJson> {
    let user = require_user(state, &r.user_id).await?;
    let ents = store::entitlements_of_user(&state.store, &user.id).await?;
    Ok(EntitlementRequestJson {
        entitlement_request_id: r.id,
        user: UserJsonV200::new(user, ents),
        role_name: r.role_name,
        bank_id: r.bank_id,
        created: obp_date(r.created_at),
    })
}

async fn requests_json(
    state: &AppState,
    rows: Vec<EntitlementRequest>,
) -> ApiResult<EntitlementRequestsJson> {
    let mut entitlement_requests = Vec::with_capacity(rows.len());
    for r in rows {
        entitlement_requests.push(request_json(state, r).await?);
    }
    Ok(EntitlementRequestsJson {
        entitlement_requests,
    })
}

/// Add Entitlement Request for current User
///
/// Asks for a role. Unknown bank 404 OBP-30001, unknown role OBP-10007, bank/system
/// mismatch OBP-30205/30206, duplicate OBP-30214.
#[endpoint(
    POST "/entitlement-requests",
    operation_id = "OBPv3.0.0-addEntitlementRequest",
    login,
    tag = "Role",
    request_body = CreateEntitlementJson,
    responses(
        (status = 201, description = "The request", body = EntitlementRequestJson),
        (status = 400, description = "OBP-10007; OBP-30205; OBP-30206; OBP-30214", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 404, description = "OBP-30001 no such bank", body = ErrorBody)
    )
)]
pub async fn add_entitlement_request(
    auth: Authorized<AddEntitlementRequest>,
    state: web::Data<AppState>,
    body: web::Json<CreateEntitlementJson>,
) -> ApiResult<HttpResponse> {
    if !body.bank_id.is_empty() {
        require_bank_id(&state, &auth.ctx, &body.bank_id).await?;
    }
    let role = checked_role(&body)?;
    let user = auth.user()?;
    let row = match store::insert_entitlement_request(
        &state.store,
        &user.user_id,
        &body.bank_id,
        role.name,
    )
    .await
    {
        Ok(r) => r,
        Err(StoreError::Duplicate) => {
            return Err(ApiError::new(ErrorCode::EntitlementRequestAlreadyExists))
        }
        Err(e) => return Err(e.into()),
    };
    Ok(HttpResponse::Created().json(request_json(&state, row).await?))
}

/// Get all Entitlement Requests
///
/// Every entitlement request (role `CanGetEntitlementRequestsAtAnyBank`).
#[endpoint(
    GET "/entitlement-requests",
    operation_id = "OBPv3.0.0-getAllEntitlementRequests",
    login,
    roles = [role::CAN_GET_ENTITLEMENT_REQUESTS_AT_ANY_BANK],
    tag = "Role",
    responses(
        (status = 200, description = "The requests", body = EntitlementRequestsJson),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody)
    )
)]
pub async fn get_all_entitlement_requests(
    _auth: Authorized<GetAllEntitlementRequests>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<EntitlementRequestsJson>> {
    let rows = store::list_entitlement_requests(&state.store, None).await?;
    Ok(web::Json(requests_json(&state, rows).await?))
}

/// Get Entitlement Requests for a User
///
/// One user's entitlement requests (role `CanGetEntitlementRequestsAtAnyBank`).
#[endpoint(
    GET "/users/{user_id}/entitlement-requests",
    operation_id = "OBPv3.0.0-getEntitlementRequests",
    login,
    roles = [role::CAN_GET_ENTITLEMENT_REQUESTS_AT_ANY_BANK],
    tag = "Role",
    params(("user_id" = String, Path, description = "USER_ID")),
    responses(
        (status = 200, description = "The requests", body = EntitlementRequestsJson),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody)
    )
)]
pub async fn get_entitlement_requests(
    _auth: Authorized<GetEntitlementRequests>,
    state: web::Data<AppState>,
    path: web::Path<UserPath>,
) -> ApiResult<web::Json<EntitlementRequestsJson>> {
    let rows = store::list_entitlement_requests(&state.store, Some(&path.user_id)).await?;
    Ok(web::Json(requests_json(&state, rows).await?))
}

/// Get Entitlement Requests for the current User
///
/// The logged-in user's entitlement requests.
#[endpoint(
    GET "/my/entitlement-requests",
    operation_id = "OBPv3.0.0-getEntitlementRequestsForCurrentUser",
    login,
    guard = GetMyEntitlementRequests,
    tag = "Role",
    responses(
        (status = 200, description = "The requests", body = EntitlementRequestsJson),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody)
    )
)]
pub async fn get_my_entitlement_requests(
    auth: Authorized<GetMyEntitlementRequests>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<EntitlementRequestsJson>> {
    let rows = store::list_entitlement_requests(&state.store, Some(&auth.user()?.user_id)).await?;
    Ok(web::Json(requests_json(&state, rows).await?))
}

/// Path of one entitlement request.
#[derive(Debug, Deserialize)]
pub struct EntitlementRequestPath {
    /// ENTITLEMENT_REQUEST_ID.
    pub entitlement_request_id: String,
}

/// Delete Entitlement Request
///
/// Removes an entitlement request (role `CanDeleteEntitlementRequestsAtAnyBank`); answers
/// `true`.
#[endpoint(
    DELETE "/entitlement-requests/{entitlement_request_id}",
    operation_id = "OBPv3.0.0-deleteEntitlementRequest",
    login,
    roles = [role::CAN_DELETE_ENTITLEMENT_REQUESTS_AT_ANY_BANK],
    tag = "Role",
    params(("entitlement_request_id" = String, Path, description = "ENTITLEMENT_REQUEST_ID")),
    responses(
        (status = 200, description = "`true`", body = bool),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-30215 no such request", body = ErrorBody)
    )
)]
pub async fn delete_entitlement_request(
    _auth: Authorized<DeleteEntitlementRequest>,
    state: web::Data<AppState>,
    path: web::Path<EntitlementRequestPath>,
) -> ApiResult<web::Json<bool>> {
    if !store::delete_entitlement_request(&state.store, &path.entitlement_request_id).await? {
        return Err(ApiError::new(ErrorCode::EntitlementRequestNotFound));
    }
    Ok(web::Json(true))
}
