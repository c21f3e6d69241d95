//! User auth contexts: key/value pairs attached to a user and sent to remote adapters
//! (`outboundAdapterAuthInfo.userAuthContext`).

pub mod json;

use actix_web::{delete, get, post, web, HttpResponse};
use obp_domain::role;
use serde::Deserialize;

use self::json::{
    PostUserAuthContextJson, PostUserAuthContextUpdateJsonV310, UserAuthContextJsonV500,
    UserAuthContextUpdateJsonV500, UserAuthContextsJsonV500,
};
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
    auth: Authorized<DeleteUserAuthContexts>,
    state: web::Data<AppState>,
    path: web::Path<UserPath>,
) -> ApiResult<web::Json<bool>> {
    user_auth_context::delete_all(&state, &auth.ctx, &path.user_id).await?;
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
    auth: Authorized<DeleteUserAuthContextById>,
    state: web::Data<AppState>,
    path: web::Path<UserAuthContextPath>,
) -> ApiResult<web::Json<bool>> {
    user_auth_context::delete_one(&state, &auth.ctx, &path.user_id, &path.user_auth_context_id)
        .await?;
    Ok(web::Json(true))
}

/// Path of a new update request.
#[derive(Debug, Deserialize)]
pub struct UpdateRequestPath {
    /// BANK_ID.
    pub bank_id: String,
    /// SCA_METHOD: `SMS` or `EMAIL`.
    pub sca_method: String,
}

/// Create User Auth Context Update Request
///
/// The caller asks to add a pair to their own auth context. Only the key `CUSTOMER_NUMBER` is
/// supported: the value must be the number of a customer of the bank. A one-time code is sent
/// out of band through SCA_METHOD: `EMAIL` to the customer's e-mail address, `SMS` to the
/// customer's mobile phone number. The request is INITIATED until its challenge is answered.
#[endpoint(
    POST "/banks/{bank_id}/users/current/auth-context-updates/{sca_method}",
    operation_id = "OBPv5.0.0-createUserAuthContextUpdateRequest",
    login,
    tag = "User",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("sca_method" = String, Path, description = "SMS or EMAIL")
    ),
    request_body = PostUserAuthContextJson,
    responses(
        (status = 201, description = "The request, INITIATED", body = UserAuthContextUpdateJsonV500),
        (status = 400, description = "OBP-10001 bad body; OBP-20010 too long; OBP-35034 unsupported SCA method; OBP-30053 no calling app; OBP-30088 key other than CUSTOMER_NUMBER", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 404, description = "OBP-30001 no such bank; OBP-30002 no customer with that number at the bank", body = ErrorBody),
        (status = 502, description = "OBP-40053 the code could not be delivered (or the customer has no contact for the method)", body = ErrorBody)
    )
)]
pub async fn create_user_auth_context_update_request(
    auth: Authorized<CreateUserAuthContextUpdateRequest>,
    state: web::Data<AppState>,
    path: web::Path<UpdateRequestPath>,
    body: web::Json<PostUserAuthContextJson>,
) -> ApiResult<HttpResponse> {
    let update = user_auth_context::request_update(
        &state,
        &auth.ctx,
        auth.user()?,
        &path.bank_id,
        &path.sca_method,
        &body.key,
        &body.value,
    )
    .await?;
    Ok(HttpResponse::Created().json(UserAuthContextUpdateJsonV500::from(update)))
}

/// Path of an update request's challenge.
#[derive(Debug, Deserialize)]
pub struct UpdateChallengePath {
    /// BANK_ID.
    pub bank_id: String,
    /// AUTH_CONTEXT_UPDATE_ID.
    pub auth_context_update_id: String,
}

/// Answer User Auth Context Update Challenge
///
/// The caller answers the challenge of their own update request. The right answer moves it to
/// ACCEPTED, adds the pair to the caller's auth context and links the caller to the customer.
/// A wrong answer is refused with the attempts left; once none is left (or the code expired)
/// the request is REJECTED. Only the user who made the request may answer it.
#[endpoint(
    POST "/banks/{bank_id}/users/current/auth-context-updates/{auth_context_update_id}/challenge",
    operation_id = "OBPv5.0.0-answerUserAuthContextUpdateChallenge",
    login,
    tag = "User",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("auth_context_update_id" = String, Path, description = "AUTH_CONTEXT_UPDATE_ID")
    ),
    request_body = PostUserAuthContextUpdateJsonV310,
    responses(
        (status = 200, description = "The request, ACCEPTED", body = UserAuthContextUpdateJsonV500),
        (status = 400, description = "OBP-10001 bad body; OBP-30057 no such request of the caller; OBP-40016 wrong or expired answer, or the request no longer waits for one; OBP-40014 no attempt left; OBP-30025 the customer is gone", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 404, description = "OBP-30001 no such bank", body = ErrorBody)
    )
)]
pub async fn answer_user_auth_context_update_challenge(
    auth: Authorized<AnswerUserAuthContextUpdateChallenge>,
    state: web::Data<AppState>,
    path: web::Path<UpdateChallengePath>,
    body: web::Json<PostUserAuthContextUpdateJsonV310>,
) -> ApiResult<web::Json<UserAuthContextUpdateJsonV500>> {
    let update = user_auth_context::answer_update(
        &state,
        &auth.ctx,
        auth.user()?,
        &path.bank_id,
        &path.auth_context_update_id,
        &body.answer,
    )
    .await?;
    Ok(web::Json(update.into()))
}
