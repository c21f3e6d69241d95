//! Users: sign-up, current user, lookups, deletion and lock status.

use actix_web::{delete, get, post, put, web, HttpMessage, HttpRequest, HttpResponse};
use chrono::Utc;
use obp_domain::role;
use serde::Deserialize;

use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::json::obp_date;
use crate::middleware::CallerEntitlements;
use crate::paths::UserPath;
use crate::service::users;
use crate::state::AppState;
use crate::versioned::Shapes;

pub mod entitlements;
mod json;
pub use json::*;

/// Create User
///
/// Signs up a local user (anonymous; can be disabled with `allow_sign_up = false`). The
/// password is stored as an argon2id hash.
///
/// A taken username answers 409 OBP-30230, as OBP does; that is the only hint it gives: the
/// body is validated before the username is looked at, every answer costs the same password
/// hash, and deleted or locked users' usernames answer the same 409 as live ones. Operators
/// who want no sign-up oracle at all turn sign-up off (`allow_sign_up = false`).
#[endpoint(
    POST "/users",
    operation_id = "OBPv2.0.0-createUser",
    anonymous,
    tag = "User",
    request_body = CreateUserJson,
    responses(
        (status = 201, description = "The new user", body = UserJsonV200),
        (status = 400, description = "OBP-10001 bad body; OBP-30207 weak password", body = ErrorBody),
        (status = 403, description = "OBP-30231 sign-up disabled", body = ErrorBody),
        (status = 409, description = "OBP-30230 username taken", body = ErrorBody),
        (status = 415, description = "OBP-10043 not JSON", body = ErrorBody)
    )
)]
pub async fn create_user(
    _auth: Authorized<CreateUser>,
    state: web::Data<AppState>,
    body: web::Json<CreateUserJson>,
) -> ApiResult<HttpResponse> {
    let user = users::sign_up(&state, body.into_inner().into()).await?;
    Ok(HttpResponse::Created().json(UserJsonV200::new(user, Vec::new())))
}

/// What `GET /users/current` answers, before it is shaped.
#[derive(Debug)]
pub struct CurrentUser {
    user: UserJsonV200,
    views: Vec<(String, String, String)>,
}

/// `GET /users/current` per version: `UserJsonV200` up to v2.2.0, `UserJsonV300` (with the
/// views held) from v3.0.0, as OBP's v3.0.0 `getCurrentUser`, which later versions keep.
pub static GET_CURRENT_USER_SHAPES: Shapes<CurrentUser> = Shapes::new(&[
    ("v2.0.0", |c| HttpResponse::Ok().json(c.user)),
    ("v3.0.0", |c| {
        let u = c.user;
        HttpResponse::Ok().json(UserJsonV300 {
            user_id: u.user_id,
            email: u.email,
            provider_id: u.provider_id,
            provider: u.provider,
            username: u.username,
            entitlements: u.entitlements,
            views: UserViewsJson {
                list: c
                    .views
                    .into_iter()
                    .map(|(bank_id, account_id, view_id)| UserViewJson {
                        bank_id,
                        account_id,
                        view_id,
                    })
                    .collect(),
            },
        })
    }),
]);

/// Get User (Current)
///
/// The logged-in user with their entitlements and (from v3.0.0) the views they hold.
#[endpoint(
    GET "/users/current",
    operation_id = "OBPv3.0.0-getCurrentUser",
    login,
    shapes = GET_CURRENT_USER_SHAPES,
    tag = "User",
    responses(
        (status = 200, description = "The current user", body = UserJsonV300),
        (status = 401, description = "OBP-20001 not logged in; OBP-20003 bad token", body = ErrorBody)
    )
)]
pub async fn get_current_user(
    auth: Authorized<GetCurrentUser>,
    req: HttpRequest,
    state: web::Data<AppState>,
) -> ApiResult<HttpResponse> {
    // The authentication lookup already read the user and their entitlements.
    let user = auth.user()?;
    let known = req
        .extensions()
        .get::<CallerEntitlements>()
        .map(|known| known.0.as_ref().clone());
    let ents = users::current_entitlements(&state, user, known).await?;
    // Only the shapes that show them read the views.
    let shows_views = GET_CURRENT_USER_SHAPES
        .pick(auth.version)
        .is_some_and(|(since, _)| since != "v2.0.0");
    let views = if shows_views {
        users::current_views(&state, user).await?
    } else {
        Vec::new()
    };
    let current = CurrentUser {
        user: UserJsonV200 {
            user_id: user.user_id.clone(),
            email: user.email.clone(),
            provider_id: user.username.clone(),
            provider: user.provider.clone(),
            username: user.username.clone(),
            entitlements: EntitlementsJson::from_rows(ents),
        },
        views,
    };
    Ok(GET_CURRENT_USER_SHAPES.render(auth.version, current))
}

/// Get User Id (Current)
///
/// The logged-in user's id.
#[endpoint(
    GET "/users/current/user_id",
    operation_id = "OBPv4.0.0-getCurrentUserId",
    login,
    tag = "User",
    responses(
        (status = 200, description = "The current user's id", body = UserIdJson),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody)
    )
)]
pub async fn get_current_user_id(
    auth: Authorized<GetCurrentUserId>,
) -> ApiResult<web::Json<UserIdJson>> {
    Ok(web::Json(UserIdJson {
        user_id: auth.user()?.user_id.clone(),
    }))
}

/// Get Users
///
/// All users (role `CanGetAnyUser`), ordered by username.
#[endpoint(
    GET "/users",
    operation_id = "OBPv4.0.0-getUsers",
    login,
    roles = [role::CAN_GET_ANY_USER],
    tag = "User",
    params(UsersQuery),
    responses(
        (status = 200, description = "The users", body = UsersJsonV400),
        (status = 400, description = "OBP-10025 bad limit; OBP-10024 bad offset", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody)
    )
)]
pub async fn get_users(
    _auth: Authorized<GetUsers>,
    state: web::Data<AppState>,
    query: web::Query<UsersQuery>,
) -> ApiResult<web::Json<UsersJsonV400>> {
    let rows = users::list(&state, query.into_inner().into()).await?;
    let users = rows
        .into_iter()
        .map(|(u, ents)| UserJsonV400::new(u, ents, false))
        .collect();
    Ok(web::Json(UsersJsonV400 { users }))
}

/// Get User by USER_ID
///
/// One user (role `CanGetAnyUser`).
#[endpoint(
    GET "/users/user_id/{user_id}",
    operation_id = "OBPv4.0.0-getUserByUserId",
    login,
    roles = [role::CAN_GET_ANY_USER],
    tag = "User",
    params(("user_id" = String, Path, description = "USER_ID")),
    responses(
        (status = 200, description = "The user", body = UserJsonV400),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-20057 no such user", body = ErrorBody)
    )
)]
pub async fn get_user_by_user_id(
    _auth: Authorized<GetUserByUserId>,
    state: web::Data<AppState>,
    path: web::Path<UserPath>,
) -> ApiResult<web::Json<UserJsonV400>> {
    let (user, ents) = users::get_by_user_id(&state, &path.user_id).await?;
    Ok(web::Json(UserJsonV400::new(user, ents, true)))
}

/// Path with provider and username.
#[derive(Debug, Deserialize)]
pub struct ProviderUsernamePath {
    /// The identity provider (URL-encoded).
    pub provider: String,
    /// The username.
    pub username: String,
}

/// Get User by PROVIDER and USERNAME
///
/// One user (role `CanGetAnyUser`). The provider of local users is this instance's
/// hostname; URL-encode it.
#[endpoint(
    GET "/users/provider/{provider}/username/{username}",
    operation_id = "OBPv5.1.0-getUserByProviderAndUsername",
    login,
    roles = [role::CAN_GET_ANY_USER],
    tag = "User",
    params(
        ("provider" = String, Path, description = "PROVIDER (URL-encoded)"),
        ("username" = String, Path, description = "USERNAME")
    ),
    responses(
        (status = 200, description = "The user", body = UserJsonV400),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-20027 no such user", body = ErrorBody)
    )
)]
pub async fn get_user_by_provider_and_username(
    _auth: Authorized<GetUserByProviderAndUsername>,
    state: web::Data<AppState>,
    path: web::Path<ProviderUsernamePath>,
) -> ApiResult<web::Json<UserJsonV400>> {
    let (user, ents) =
        users::get_by_provider_and_username(&state, &path.provider, &path.username).await?;
    Ok(web::Json(UserJsonV400::new(user, ents, false)))
}

/// Delete User
///
/// Soft-deletes a user (role `CanDeleteUser`); the user's tokens stop working at once.
#[endpoint(
    DELETE "/users/{user_id}",
    operation_id = "OBPv4.0.0-deleteUser",
    login,
    roles = [role::CAN_DELETE_USER],
    tag = "User",
    params(("user_id" = String, Path, description = "USER_ID")),
    responses(
        (status = 200, description = "`true`", body = bool),
        (status = 400, description = "OBP-20090 the last administrator, or a super admin deleting themself", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-20005 no such user", body = ErrorBody)
    )
)]
pub async fn delete_user(
    auth: Authorized<DeleteUser>,
    state: web::Data<AppState>,
    path: web::Path<UserPath>,
) -> ApiResult<web::Json<bool>> {
    users::delete(&state, auth.user()?, &path.user_id).await?;
    Ok(web::Json(true))
}

/// Refresh User
///
/// Updates the user's access to the accounts the core banking system says they hold (OBP's
/// account refresh, role `CanRefreshUser`): asks `getBankAccountsForUser` (routed like any
/// connector method) and gives the user each system view named in `viewsToGenerate`;
/// access the refresh gave earlier to accounts no longer listed is taken away. Access given
/// through the API is never taken away here. The body is ignored (OBP's `EmptyBody`).
#[endpoint(
    POST "/users/{user_id}/refresh",
    operation_id = "OBPv3.1.0-refreshUser",
    login,
    roles = [role::CAN_REFRESH_USER],
    tag = "User",
    params(("user_id" = String, Path, description = "USER_ID")),
    responses(
        (status = 201, description = "How long it took", body = RefreshUserJson),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-20005 no such user", body = ErrorBody)
    )
)]
pub async fn refresh_user(
    auth: Authorized<RefreshUser>,
    state: web::Data<AppState>,
    path: web::Path<UserPath>,
) -> ApiResult<HttpResponse> {
    let started = std::time::Instant::now();
    let user = users::require_live_user(&state, &path.user_id).await?;
    users::refresh_accounts(&state, &auth.ctx, &user).await?;
    Ok(HttpResponse::Created().json(RefreshUserJson {
        duration_time: format!("{} ms", started.elapsed().as_millis()),
    }))
}

/// Get User Lock Status
///
/// Failed logins of a user (role `CanReadUserLockedStatus`).
#[endpoint(
    GET "/users/{provider}/{username}/lock-status",
    operation_id = "OBPv5.1.0-getUserLockStatus",
    login,
    roles = [role::CAN_READ_USER_LOCKED_STATUS],
    tag = "User",
    params(
        ("provider" = String, Path, description = "PROVIDER (URL-encoded)"),
        ("username" = String, Path, description = "USERNAME")
    ),
    responses(
        (status = 200, description = "The status", body = BadLoginStatusJson),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-20027 no such user", body = ErrorBody)
    )
)]
pub async fn get_user_lock_status(
    _auth: Authorized<GetUserLockStatus>,
    state: web::Data<AppState>,
    path: web::Path<ProviderUsernamePath>,
) -> ApiResult<web::Json<BadLoginStatusJson>> {
    let user = users::lock_status(&state, &path.provider, &path.username).await?;
    Ok(web::Json(BadLoginStatusJson::from(&user)))
}

/// Unlock the user
///
/// Unlocks a user, resets the failed-login counter and lifts the failed-login locks of the
/// username from every address (role `CanUnlockUser`). Tokens revoked by a lock stay revoked.
#[endpoint(
    PUT "/users/{provider}/{username}/lock-status",
    operation_id = "OBPv5.1.0-unlockUserByProviderAndUsername",
    login,
    roles = [role::CAN_UNLOCK_USER],
    guard = UnlockUser,
    tag = "User",
    params(
        ("provider" = String, Path, description = "PROVIDER (URL-encoded)"),
        ("username" = String, Path, description = "USERNAME")
    ),
    responses(
        (status = 200, description = "The status after reset", body = BadLoginStatusJson),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-20027 no such user", body = ErrorBody)
    )
)]
pub async fn unlock_user(
    _auth: Authorized<UnlockUser>,
    state: web::Data<AppState>,
    path: web::Path<ProviderUsernamePath>,
) -> ApiResult<web::Json<BadLoginStatusJson>> {
    let user = users::unlock(&state, &path.provider, &path.username).await?;
    Ok(web::Json(BadLoginStatusJson::from(&user)))
}

/// Lock the user
///
/// Locks a user (role `CanLockUser`); the user's tokens are revoked at once and stay
/// revoked after an unlock.
#[endpoint(
    POST "/users/{provider}/{username}/locks",
    operation_id = "OBPv5.1.0-lockUserByProviderAndUsername",
    login,
    roles = [role::CAN_LOCK_USER],
    guard = LockUser,
    tag = "User",
    params(
        ("provider" = String, Path, description = "PROVIDER (URL-encoded)"),
        ("username" = String, Path, description = "USERNAME")
    ),
    responses(
        (status = 200, description = "The lock", body = UserLockStatusJson),
        (status = 400, description = "OBP-20090 the last administrator, or a super admin locking themself", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-20027 no such user", body = ErrorBody)
    )
)]
pub async fn lock_user(
    auth: Authorized<LockUser>,
    state: web::Data<AppState>,
    path: web::Path<ProviderUsernamePath>,
) -> ApiResult<web::Json<UserLockStatusJson>> {
    let user = users::lock(&state, auth.user()?, &path.provider, &path.username).await?;
    Ok(web::Json(UserLockStatusJson {
        user_id: user.id,
        type_of_lock: "lock_via_api".to_owned(),
        last_lock_date: obp_date(Utc::now()),
    }))
}
