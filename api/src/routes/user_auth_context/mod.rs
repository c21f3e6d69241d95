//! User auth contexts: key/value pairs attached to a user and sent to remote adapters
//! (`outboundAdapterAuthInfo.userAuthContext`).

pub mod json;

use actix_web::{delete, get, post, web, HttpResponse};
use obp_domain::role;
use serde::Deserialize;

use self::json::{PostUserAuthContextJson, UserAuthContextJsonV500, UserAuthContextsJsonV500};
use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::paths::UserPath;
use crate::service::user_auth_context;
use crate::state::AppState;

/// Create User Auth Context
///
/// Adds a key/value pair to a user's auth context (role `CanCreateUserAuthContext`). The
/// pairs are sent to the adapter with every remote connector call made for the user, and are
/// typically used to map the OBP user to the bank's customer. A pair never replaces an
/// earlier one with the same key. Key and value are trimmed and may hold no control character.
#[endpoint(
    POST "/users/{user_id}/auth-context",
    operation_id = "OBPv5.0.0-createUserAuthContext",
    login,
    roles = [role::CAN_CREATE_USER_AUTH_CONTEXT],
    tag = "User",
    params(("user_id" = String, Path, description = "USER_ID")),
    request_body = PostUserAuthContextJson,
    responses(
        (status = 201, description = "The pair", body = UserAuthContextJsonV500),
        (status = 400, description = "OBP-10001 bad body (empty key, control character); OBP-20010 too long; OBP-30053 no calling app", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-20005 no such user", body = ErrorBody)
    )
)]
pub async fn create_user_auth_context(
    auth: Authorized<CreateUserAuthContext>,
    state: web::Data<AppState>,
    path: web::Path<UserPath>,
    body: web::Json<PostUserAuthContextJson>,
) -> ApiResult<HttpResponse> {
    let created =
        user_auth_context::create(&state, &auth.ctx, &path.user_id, &body.key, &body.value).await?;
    Ok(HttpResponse::Created().json(UserAuthContextJsonV500::from(created)))
}

/// Get User Auth Contexts
///
/// A user's auth context pairs, oldest first (role `CanGetUserAuthContext`).
#[endpoint(
    GET "/users/{user_id}/auth-context",
    operation_id = "OBPv5.0.0-getUserAuthContexts",
    login,
    roles = [role::CAN_GET_USER_AUTH_CONTEXT],
    tag = "User",
    params(("user_id" = String, Path, description = "USER_ID")),
    responses(
        (status = 200, description = "The pairs", body = UserAuthContextsJsonV500),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-20005 no such user", body = ErrorBody)
    )
)]
pub async fn get_user_auth_contexts(
    _auth: Authorized<GetUserAuthContexts>,
    state: web::Data<AppState>,
    path: web::Path<UserPath>,
) -> ApiResult<web::Json<UserAuthContextsJsonV500>> {
    let pairs = user_auth_context::list(&state, &path.user_id).await?;
    Ok(web::Json(UserAuthContextsJsonV500 {
        user_auth_contexts: pairs.into_iter().map(Into::into).collect(),
    }))
}

/// Delete User's Auth Contexts
///
/// Deletes every auth context pair of a user (role `CanDeleteUserAuthContext`); answers `true`.
#[endpoint(
    DELETE "/users/{user_id}/auth-context",
    operation_id = "OBPv3.1.0-deleteUserAuthContexts",
    login,
    roles = [role::CAN_DELETE_USER_AUTH_CONTEXT],
    tag = "User",
    params(("user_id" = String, Path, description = "USER_ID")),
    responses(
        (status = 200, description = "`true`", body = bool),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-20005 no such user", body = ErrorBody)
    )
)]
pub async fn delete_user_auth_contexts(
    _auth: Authorized<DeleteUserAuthContexts>,
    state: web::Data<AppState>,
    path: web::Path<UserPath>,
) -> ApiResult<web::Json<bool>> {
    user_auth_context::delete_all(&state, &path.user_id).await?;
    Ok(web::Json(true))
}

/// Path of one auth context pair.
#[derive(Debug, Deserialize)]
pub struct UserAuthContextPath {
    /// USER_ID.
    pub user_id: String,
    /// USER_AUTH_CONTEXT_ID.
    pub user_auth_context_id: String,
}

/// Delete User Auth Context
///
/// Deletes one auth context pair of the user (role `CanDeleteUserAuthContext`); answers
/// `true`. A pair of another user is not found (OBP-30056).
#[endpoint(
    DELETE "/users/{user_id}/auth-context/{user_auth_context_id}",
    operation_id = "OBPv3.1.0-deleteUserAuthContextById",
    login,
    roles = [role::CAN_DELETE_USER_AUTH_CONTEXT],
    tag = "User",
    params(
        ("user_id" = String, Path, description = "USER_ID"),
        ("user_auth_context_id" = String, Path, description = "USER_AUTH_CONTEXT_ID")
    ),
    responses(
        (status = 200, description = "`true`", body = bool),
        (status = 400, description = "OBP-30056 the user has no such pair", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-20005 no such user", body = ErrorBody)
    )
)]
pub async fn delete_user_auth_context_by_id(
    _auth: Authorized<DeleteUserAuthContextById>,
    state: web::Data<AppState>,
    path: web::Path<UserAuthContextPath>,
) -> ApiResult<web::Json<bool>> {
    user_auth_context::delete_one(&state, &path.user_id, &path.user_auth_context_id).await?;
    Ok(web::Json(true))
}
