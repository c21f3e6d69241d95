//! Roles, entitlements and entitlement requests.

use actix_web::{delete, get, post, web, HttpResponse};
use obp_domain::role;
use serde::Deserialize;
use utoipa::IntoParams;

use super::json::{
    AvailableRoleJson, AvailableRolesJson, CreateEntitlementJson, EntitlementJson,
    EntitlementRequestJson, EntitlementRequestsJson, EntitlementsJson, EntitlementsJsonV310,
    EntitlementsJsonV400,
};
use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::paths::{BankPath, UserPath};
use crate::service::entitlements;
use crate::state::AppState;

/// Get Roles
///
/// The role catalogue with the roles of every existing dynamic entity, sorted by name.
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
pub async fn get_roles(
    _auth: Authorized<GetRoles>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<AvailableRolesJson>> {
    Ok(web::Json(AvailableRolesJson {
        roles: entitlements::roles(&state)
            .await?
            .iter()
            .map(|r| AvailableRoleJson {
                role: r.name().to_owned(),
                requires_bank_id: r.requires_bank_id(),
            })
            .collect(),
    }))
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
        (status = 201, description = "The entitlement", body = EntitlementJson),
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
    let row = entitlements::add(
        &state,
        &auth.ctx,
        auth.user()?,
        &path.user_id,
        body.into_inner().into(),
    )
    .await?;
    Ok(HttpResponse::Created().json(EntitlementJson::from(row)))
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
    let ents = entitlements::of_user(&state, &path.user_id).await?;
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
    entitlements::delete(&state, auth.user()?, &path.user_id, &path.entitlement_id).await?;
    Ok(HttpResponse::NoContent().finish())
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
    let rows = entitlements::list_all(&state, query.role.as_deref()).await?;
    Ok(web::Json(EntitlementsJsonV310 {
        list: rows.into_iter().map(Into::into).collect(),
    }))
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
    let ents = entitlements::mine(&state, auth.user()?).await?;
    Ok(web::Json(EntitlementsJson::from_rows(ents)))
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
    let rows = entitlements::at_bank(&state, &auth.ctx, &path.bank_id).await?;
    Ok(web::Json(EntitlementsJsonV400 {
        list: rows.into_iter().map(Into::into).collect(),
    }))
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
    let row =
        entitlements::request(&state, &auth.ctx, auth.user()?, body.into_inner().into()).await?;
    Ok(HttpResponse::Created().json(EntitlementRequestJson::from(row)))
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
    let rows = entitlements::requests(&state, None).await?;
    Ok(web::Json(EntitlementRequestsJson::from(rows)))
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
    let rows = entitlements::requests(&state, Some(&path.user_id)).await?;
    Ok(web::Json(EntitlementRequestsJson::from(rows)))
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
    let rows = entitlements::requests(&state, Some(&auth.user()?.user_id)).await?;
    Ok(web::Json(EntitlementRequestsJson::from(rows)))
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
    entitlements::delete_request(&state, &path.entitlement_request_id).await?;
    Ok(web::Json(true))
}
