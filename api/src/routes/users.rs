//! Users: sign-up, current user, lookups, deletion and lock status.

use actix_web::{delete, get, post, put, web, HttpMessage, HttpRequest, HttpResponse};
use chrono::Utc;
use obp_connectors::store::{self, Entitlement, StoreError, User, UserFilter};
use obp_domain::role;
use obp_domain::ErrorCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::{is_super_admin, keep_an_administrator, Authorized};
use crate::json::obp_date;
use crate::middleware::CallerEntitlements;
use crate::state::AppState;

/// `CreateUserJson`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateUserJson {
    /// E-mail address.
    #[schema(example = "felixsmith@example.com")]
    #[schema(max_length = 48)]
    pub email: String,
    /// Username, unique on this instance.
    #[schema(example = "felixsmith")]
    #[schema(max_length = 100)]
    pub username: String,
    /// Password: at least 10 characters with upper, lower, digit and special character, or
    /// more than 16 and at most 512 characters.
    #[schema(example = "Str0ng!Passw0rd")]
    pub password: String,
    /// First name.
    #[schema(max_length = 100)]
    pub first_name: String,
    /// Last name.
    #[schema(max_length = 100)]
    pub last_name: String,
}

/// `EntitlementJSON`: a role held, `bank_id` empty for system roles.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntitlementJson {
    /// ENTITLEMENT_ID.
    pub entitlement_id: String,
    /// Role name.
    pub role_name: String,
    /// BANK_ID or `""`.
    pub bank_id: String,
}

impl From<Entitlement> for EntitlementJson {
    fn from(e: Entitlement) -> Self {
        Self {
            entitlement_id: e.id,
            role_name: e.role_name,
            bank_id: e.bank_id,
        }
    }
}

/// `EntitlementJSONs`: `{"list": [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntitlementsJson {
    /// The entitlements.
    pub list: Vec<EntitlementJson>,
}

impl EntitlementsJson {
    /// From rows.
    pub fn from_rows(rows: Vec<Entitlement>) -> Self {
        Self {
            list: rows.into_iter().map(Into::into).collect(),
        }
    }
}

/// `UserJsonV200` (also OBP's `UserJsonV300` without views).
#[derive(Debug, Serialize, ToSchema)]
pub struct UserJsonV200 {
    /// USER_ID.
    pub user_id: String,
    /// E-mail.
    pub email: String,
    /// Id given by the provider (the username for local users).
    pub provider_id: String,
    /// Identity provider.
    pub provider: String,
    /// Username.
    pub username: String,
    /// Roles held.
    pub entitlements: EntitlementsJson,
}

impl UserJsonV200 {
    /// From a user and their entitlements.
    pub fn new(u: User, ents: Vec<Entitlement>) -> Self {
        Self {
            user_id: u.id,
            email: u.email,
            provider_id: u.username.clone(),
            provider: u.provider,
            username: u.username,
            entitlements: EntitlementsJson::from_rows(ents),
        }
    }
}

/// `UserJsonV400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserJsonV400 {
    /// USER_ID.
    pub user_id: String,
    /// E-mail.
    pub email: String,
    /// Id given by the provider.
    pub provider_id: String,
    /// Identity provider.
    pub provider: String,
    /// Username.
    pub username: String,
    /// Roles held.
    pub entitlements: EntitlementsJson,
    /// Agreements (only by `getUserByUserId`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agreements: Option<Vec<serde_json::Value>>,
    /// Soft-deleted.
    pub is_deleted: bool,
    /// Locked.
    pub is_locked: bool,
}

impl UserJsonV400 {
    fn new(u: User, ents: Vec<Entitlement>, agreements: bool) -> Self {
        let (is_deleted, is_locked) = (u.is_deleted, u.is_locked);
        let base = UserJsonV200::new(u, ents);
        Self {
            user_id: base.user_id,
            email: base.email,
            provider_id: base.provider_id,
            provider: base.provider,
            username: base.username,
            entitlements: base.entitlements,
            agreements: agreements.then(Vec::new),
            is_deleted,
            is_locked,
        }
    }
}

/// `UsersJsonV400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct UsersJsonV400 {
    /// The users.
    pub users: Vec<UserJsonV400>,
}

/// `{"user_id": ...}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserIdJson {
    /// USER_ID.
    pub user_id: String,
}

/// `BadLoginStatusJson`.
#[derive(Debug, Serialize, ToSchema)]
pub struct BadLoginStatusJson {
    /// Username.
    pub username: String,
    /// Failed logins since the last success or reset.
    pub bad_attempts_since_last_success_or_reset: i32,
    /// Last failure (or creation when none).
    pub last_failure_date: String,
}

/// `UserLockStatusJson`.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserLockStatusJson {
    /// USER_ID.
    pub user_id: String,
    /// Always `lock_via_api`.
    pub type_of_lock: String,
    /// When locked.
    pub last_lock_date: String,
}

fn valid_username(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && s.chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && c != ',' && c != '"')
}

fn valid_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty() && domain.contains('.') && !s.contains(char::is_whitespace)
        }
        None => false,
    }
}

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
    if !state.settings.allow_sign_up {
        return Err(ApiError::new(ErrorCode::UserSignUpDisabled));
    }
    let body = body.into_inner();
    if !valid_username(&body.username) {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidJsonFormat,
            "username must be 1 to 100 characters without spaces, commas or quotes.",
        ));
    }
    if !valid_email(&body.email) {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidJsonFormat,
            "email is not a valid e-mail address.",
        ));
    }
    if !obp_domain::password::is_strong_password(&body.password) {
        return Err(ApiError::new(ErrorCode::InvalidStrongPasswordFormat));
    }
    let user = create_local_user(
        &state,
        &body.username,
        &body.password,
        &body.email,
        &body.first_name,
        &body.last_name,
    )
    .await?;
    Ok(HttpResponse::Created().json(UserJsonV200::new(user, Vec::new())))
}

/// Creates a local user (provider = hostname) with a hashed password.
///
/// # Errors
/// 409 OBP-30230 when the username is taken; hashing or database failures.
pub async fn create_local_user(
    state: &AppState,
    username: &str,
    password: &str,
    email: &str,
    first_name: &str,
    last_name: &str,
) -> ApiResult<User> {
    let provider = state.settings.hostname.clone();
    // Hashed first, whether or not the username is taken: the answer's timing tells no more
    // than OBP's 409 does.
    let hash =
        crate::auth::hash_password(state.settings.password_hash.clone(), password.to_owned())
            .await?;
    if store::find_user_by_username(&state.store, &provider, username)
        .await?
        .is_some()
    {
        return Err(ApiError::new(ErrorCode::UsernameAlreadyExists));
    }
    let row = store::NewUser {
        provider,
        username: username.to_owned(),
        email: email.to_owned(),
        first_name: first_name.to_owned(),
        last_name: last_name.to_owned(),
        password_hash: Some(hash),
    };
    match store::insert_user(&state.store, row).await {
        Ok(u) => Ok(u),
        Err(StoreError::Duplicate) => Err(ApiError::new(ErrorCode::UsernameAlreadyExists)),
        Err(e) => Err(e.into()),
    }
}

/// A user's entitlements, plus OBP's synthetic `SuperAdmin` entry for super admins.
///
/// # Errors
/// A database failure.
pub async fn entitlements_with_super_admin(
    state: &AppState,
    user_id: &str,
) -> ApiResult<Vec<Entitlement>> {
    let mut ents = store::entitlements_of_user(&state.store, user_id).await?;
    if is_super_admin(state, user_id) {
        ents.push(Entitlement {
            id: String::new(),
            user_id: user_id.to_owned(),
            bank_id: String::new(),
            role_name: "SuperAdmin".to_owned(),
            created_by_process: String::new(),
            created_at: Utc::now(),
        });
    }
    Ok(ents)
}

/// Get User (Current)
///
/// The logged-in user with their entitlements.
#[endpoint(
    GET "/users/current",
    operation_id = "OBPv3.0.0-getCurrentUser",
    login,
    tag = "User",
    responses(
        (status = 200, description = "The current user", body = UserJsonV200),
        (status = 401, description = "OBP-20001 not logged in; OBP-20003 bad token", body = ErrorBody)
    )
)]
pub async fn get_current_user(
    auth: Authorized<GetCurrentUser>,
    req: HttpRequest,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<UserJsonV200>> {
    // The authentication lookup already read the user and their entitlements.
    let user = auth.user()?;
    let known = req.extensions().get::<CallerEntitlements>().cloned();
    let ents = match known {
        Some(known) => known.0.as_ref().clone(),
        None => store::entitlements_of_user(&state.store, &user.user_id).await?,
    };
    Ok(web::Json(UserJsonV200 {
        user_id: user.user_id.clone(),
        email: user.email.clone(),
        provider_id: user.username.clone(),
        provider: user.provider.clone(),
        username: user.username.clone(),
        entitlements: EntitlementsJson::from_rows(ents),
    }))
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

/// Query of `GET /users`.
#[derive(Debug, Deserialize, IntoParams)]
pub struct UsersQuery {
    /// Page size (default 50, at least 1; larger than 1000 is served as 1000).
    #[param(minimum = 1)]
    pub limit: Option<i64>,
    /// Rows to skip (default 0).
    #[param(minimum = 0)]
    pub offset: Option<i64>,
    /// `active` or `locked`.
    pub locked_status: Option<String>,
    /// `true` for deleted users only (default: live users only).
    pub is_deleted: Option<bool>,
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
    let q = query.into_inner();
    // Signed as the database binds them (an unsigned value past i64::MAX cannot be bound);
    // capped like every list (`obp_domain::query::MAX_LIMIT`).
    let limit = u64::try_from(q.limit.unwrap_or(50))
        .ok()
        .filter(|l| *l >= 1)
        .ok_or_else(|| ApiError::new(ErrorCode::FilterLimitError))?
        .min(u64::from(obp_domain::query::MAX_LIMIT));
    let offset = u64::try_from(q.offset.unwrap_or(0))
        .map_err(|_| ApiError::new(ErrorCode::FilterOffersetError))?;
    let filter = UserFilter {
        is_deleted: Some(q.is_deleted.unwrap_or(false)),
        is_locked: match q.locked_status.as_deref() {
            Some("locked") => Some(true),
            Some("active") => Some(false),
            _ => None,
        },
        limit,
        offset,
    };
    let rows = store::list_users(&state.store, &filter).await?;
    let mut users = Vec::with_capacity(rows.len());
    for u in rows {
        let ents = store::entitlements_of_user(&state.store, &u.id).await?;
        users.push(UserJsonV400::new(u, ents, false));
    }
    Ok(web::Json(UsersJsonV400 { users }))
}

/// Path with a user id.
#[derive(Debug, Deserialize)]
pub struct UserIdPath {
    /// USER_ID.
    pub user_id: String,
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
    path: web::Path<UserIdPath>,
) -> ApiResult<web::Json<UserJsonV400>> {
    let user_id = path.into_inner().user_id;
    let user = store::find_user(&state.store, &user_id)
        .await?
        .ok_or_else(|| {
            ApiError::with_detail(
                ErrorCode::UserNotFoundByUserId,
                format!("Current UserId({user_id})"),
            )
        })?;
    let ents = entitlements_with_super_admin(&state, &user.id).await?;
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

async fn user_by_provider(state: &AppState, provider: &str, username: &str) -> ApiResult<User> {
    store::find_user_by_username(&state.store, provider, username)
        .await?
        .ok_or_else(|| {
            ApiError::with_detail(
                ErrorCode::UserNotFoundByProviderAndUsername,
                format!("provider({provider}), username({username})"),
            )
        })
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
    let p = path.into_inner();
    let user = user_by_provider(&state, &p.provider, &p.username).await?;
    let ents = store::entitlements_of_user(&state.store, &user.id).await?;
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
    path: web::Path<UserIdPath>,
) -> ApiResult<web::Json<bool>> {
    let user_id = path.into_inner().user_id;
    match store::find_user(&state.store, &user_id).await? {
        Some(u) if !u.is_deleted => {}
        _ => {
            return Err(ApiError::with_detail(
                ErrorCode::UserNotFoundById,
                format!("Current USER_ID({user_id})"),
            ))
        }
    }
    keep_an_administrator(&state, &auth.user()?.user_id, &user_id, false).await?;
    store::delete_user(&state.store, &user_id).await?;
    state.token_cache.clear();
    Ok(web::Json(true))
}

/// Path of lock-status endpoints.
#[derive(Debug, Deserialize)]
pub struct LockPath {
    /// The identity provider (URL-encoded).
    pub provider: String,
    /// The username.
    pub username: String,
}

fn bad_login_status(u: &User) -> BadLoginStatusJson {
    BadLoginStatusJson {
        username: u.username.clone(),
        bad_attempts_since_last_success_or_reset: u.bad_login_attempts,
        last_failure_date: obp_date(u.last_failure_at.unwrap_or(u.created_at)),
    }
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
    path: web::Path<LockPath>,
) -> ApiResult<web::Json<BadLoginStatusJson>> {
    let p = path.into_inner();
    let user = user_by_provider(&state, &p.provider, &p.username).await?;
    Ok(web::Json(bad_login_status(&user)))
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
    path: web::Path<LockPath>,
) -> ApiResult<web::Json<BadLoginStatusJson>> {
    let p = path.into_inner();
    let user = user_by_provider(&state, &p.provider, &p.username).await?;
    store::set_user_locked(&state.store, &user.id, false).await?;
    state.token_cache.clear();
    let user = user_by_provider(&state, &p.provider, &p.username).await?;
    Ok(web::Json(bad_login_status(&user)))
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
    path: web::Path<LockPath>,
) -> ApiResult<web::Json<UserLockStatusJson>> {
    let p = path.into_inner();
    let user = user_by_provider(&state, &p.provider, &p.username).await?;
    keep_an_administrator(&state, &auth.user()?.user_id, &user.id, false).await?;
    store::set_user_locked(&state.store, &user.id, true).await?;
    state.token_cache.clear();
    Ok(web::Json(UserLockStatusJson {
        user_id: user.id,
        type_of_lock: "lock_via_api".to_owned(),
        last_lock_date: obp_date(Utc::now()),
    }))
}
