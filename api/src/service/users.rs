//! Users: sign-up, lookups, the list, deletion and locks.

use chrono::Utc;
use obp_connectors::store::{self, Entitlement, StoreError, User, UserFilter};
use obp_domain::context::{AuthUser, CallContext};
use obp_domain::ErrorCode;

use crate::error::{ApiError, ApiResult};
use crate::guard::{is_super_admin, keep_an_administrator};
use crate::state::AppState;

/// A sign-up (OBP's `CreateUserJson`, parsed).
#[derive(Debug, Clone)]
pub struct SignUp {
    /// E-mail address.
    pub email: String,
    /// Username, unique on this instance.
    pub username: String,
    /// Password in clear (hashed before it is stored).
    pub password: String,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
}

/// The filters and page of `GET /users`, as sent.
#[derive(Debug, Clone, Default)]
pub struct UsersQuery {
    /// Page size (default 50, at least 1; larger than 1000 is served as 1000).
    pub limit: Option<i64>,
    /// Rows to skip (default 0).
    pub offset: Option<i64>,
    /// `active` or `locked`.
    pub locked_status: Option<String>,
    /// `true` for deleted users only (default: live users only).
    pub is_deleted: Option<bool>,
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

/// Signs up a local user: the `allow_sign_up` switch, then username, e-mail and password
/// rules, then [`create_local_user`].
///
/// # Errors
/// 403 OBP-30231 sign-up disabled, 400 OBP-10001 bad username or e-mail, 400 OBP-30207 weak
/// password, 409 OBP-30230 username taken, hashing or database failures.
pub async fn sign_up(state: &AppState, input: SignUp) -> ApiResult<User> {
    if !state.settings.allow_sign_up {
        return Err(ApiError::new(ErrorCode::UserSignUpDisabled));
    }
    if !valid_username(&input.username) {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidJsonFormat,
            "username must be 1 to 100 characters without spaces, commas or quotes.",
        ));
    }
    if !valid_email(&input.email) {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidJsonFormat,
            "email is not a valid e-mail address.",
        ));
    }
    if !obp_domain::password::is_strong_password(&input.password) {
        return Err(ApiError::new(ErrorCode::InvalidStrongPasswordFormat));
    }
    create_local_user(
        state,
        &input.username,
        &input.password,
        &input.email,
        &input.first_name,
        &input.last_name,
    )
    .await
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

/// The logged-in user's entitlements: those read with the token when known, else read now.
///
/// # Errors
/// A database failure.
pub async fn current_entitlements(
    state: &AppState,
    user: &AuthUser,
    known: Option<Vec<Entitlement>>,
) -> ApiResult<Vec<Entitlement>> {
    let mut ents = match known {
        Some(known) => known,
        None => store::entitlements_of_user(&state.store, &user.user_id).await?,
    };
    // Under a consent the app sees the roles the consent grants, not every role of the user.
    if let Some(scope) = user.consent() {
        ents.retain(|e| scope.allows_role(&e.role_name, &e.bank_id));
    }
    Ok(ents)
}

/// The (bank, account, view) grants of the logged-in user, ordered; under a consent only
/// those the consent covers.
///
/// # Errors
/// A database failure.
pub async fn current_views(
    state: &AppState,
    user: &AuthUser,
) -> ApiResult<Vec<(String, String, String)>> {
    let mut rows =
        obp_connectors::store::views::access_of_user(&state.store, &user.user_id, None).await?;
    if let Some(scope) = user.consent() {
        rows.retain(|r| scope.allows_view(&r.bank_id, &r.account_id, &r.view_id));
    }
    Ok(rows
        .into_iter()
        .map(|r| (r.bank_id, r.account_id, r.view_id))
        .collect())
}

/// A live (not deleted) user by id.
///
/// # Errors
/// 404 OBP-20005, a database failure.
pub async fn require_live_user(state: &AppState, user_id: &str) -> ApiResult<User> {
    match store::find_user(&state.store, user_id).await? {
        Some(u) if !u.is_deleted => Ok(u),
        _ => Err(ApiError::with_detail(
            ErrorCode::UserNotFoundById,
            format!("Current USER_ID({user_id})"),
        )),
    }
}

/// OBP's account refresh (`AuthUser.refreshUser`): the user's access follows the accounts the
/// core banking system says they hold (`getBankAccountsForUser`, routed like any connector
/// method; `mapped` answers the accounts the user opened, with `owner`).
///
/// Each account's `viewsToGenerate` names system views (`Owner` and `owner` are the same;
/// a name that is no system view here is skipped and logged: a core system cannot make
/// views). Only access the refresh itself gave is ever taken away, so an access given
/// through the API survives a core system that does not know it. One database transaction.
///
/// # Errors
/// The connector's failure (nothing changes), a database failure.
pub async fn refresh_accounts(
    state: &AppState,
    ctx: &CallContext,
    user: &User,
) -> ApiResult<obp_connectors::store::views::CoreGrantsSync> {
    // Asked as the user refreshed (their auth context, read afresh), not as the caller: a
    // core system answering from the context's customer number must see the user's own. A
    // caller refreshing themselves under a consent stays limited to it (the views the message
    // names are the consent's).
    let consent = ctx
        .user()
        .filter(|caller| caller.user_id == user.id)
        .and_then(|caller| caller.consent.clone());
    let as_user = ctx.with_user(
        Some(AuthUser {
            user_id: user.id.clone(),
            username: user.username.clone(),
            provider: user.provider.clone(),
            email: user.email.clone(),
            consent,
        }),
        ctx.consumer_id().map(str::to_owned),
    );
    let held = state
        .connector
        .get_bank_accounts_for_user(&as_user, &user.id, &user.provider, &user.username)
        .await?;
    let mut wanted = Vec::new();
    for account in held {
        for name in &account.views_to_generate {
            let mut view =
                obp_connectors::store::views::find_system_view(&state.store, name).await?;
            if view.is_none() && name.to_ascii_lowercase() != *name {
                view = obp_connectors::store::views::find_system_view(
                    &state.store,
                    &name.to_ascii_lowercase(),
                )
                .await?;
            }
            match view {
                Some(v) => wanted.push((
                    account.bank_id.as_str().to_owned(),
                    account.account_id.as_str().to_owned(),
                    v.id.as_str().to_owned(),
                )),
                None => tracing::warn!(
                    user_id = %user.id,
                    bank_id = %account.bank_id,
                    account_id = %account.account_id,
                    view = %name,
                    "the core banking system names a view that is no system view; skipped"
                ),
            }
        }
    }
    wanted.sort();
    wanted.dedup();
    let sync =
        obp_connectors::store::views::sync_core_grants(&state.store, &user.id, &wanted).await?;
    tracing::info!(user_id = %user.id, granted = sync.granted, revoked = sync.revoked, "account refresh");
    Ok(sync)
}

/// One page of users, ordered by username, each with their entitlements.
///
/// # Errors
/// 400 OBP-10025 bad limit, 400 OBP-10024 bad offset, a database failure.
pub async fn list(state: &AppState, q: UsersQuery) -> ApiResult<Vec<(User, Vec<Entitlement>)>> {
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
        users.push((u, ents));
    }
    Ok(users)
}

/// One user by id (deleted ones too) with their entitlements and OBP's `SuperAdmin` entry.
///
/// # Errors
/// 404 OBP-20057, a database failure.
pub async fn get_by_user_id(
    state: &AppState,
    user_id: &str,
) -> ApiResult<(User, Vec<Entitlement>)> {
    let user = store::find_user(&state.store, user_id)
        .await?
        .ok_or_else(|| {
            ApiError::with_detail(
                ErrorCode::UserNotFoundByUserId,
                format!("Current UserId({user_id})"),
            )
        })?;
    let ents = entitlements_with_super_admin(state, &user.id).await?;
    Ok((user, ents))
}

async fn by_provider(state: &AppState, provider: &str, username: &str) -> ApiResult<User> {
    store::find_user_by_username(&state.store, provider, username)
        .await?
        .ok_or_else(|| {
            ApiError::with_detail(
                ErrorCode::UserNotFoundByProviderAndUsername,
                format!("provider({provider}), username({username})"),
            )
        })
}

/// One user by provider and username, with their entitlements.
///
/// # Errors
/// 404 OBP-20027, a database failure.
pub async fn get_by_provider_and_username(
    state: &AppState,
    provider: &str,
    username: &str,
) -> ApiResult<(User, Vec<Entitlement>)> {
    let user = by_provider(state, provider, username).await?;
    let ents = store::entitlements_of_user(&state.store, &user.id).await?;
    Ok((user, ents))
}

/// Soft-deletes a user; their tokens stop working at once.
///
/// # Errors
/// 404 OBP-20005, 400 OBP-20090 (the last administrator, or a super admin deleting
/// themself), a database failure.
pub async fn delete(state: &AppState, caller: &AuthUser, user_id: &str) -> ApiResult<()> {
    match store::find_user(&state.store, user_id).await? {
        Some(u) if !u.is_deleted => {}
        _ => {
            return Err(ApiError::with_detail(
                ErrorCode::UserNotFoundById,
                format!("Current USER_ID({user_id})"),
            ))
        }
    }
    keep_an_administrator(state, &caller.user_id, user_id, false).await?;
    store::delete_user(&state.store, user_id).await?;
    state.token_cache.clear();
    state.consent_cache.clear();
    Ok(())
}

/// A user's failed-login status (the user row carries it).
///
/// # Errors
/// 404 OBP-20027, a database failure.
pub async fn lock_status(state: &AppState, provider: &str, username: &str) -> ApiResult<User> {
    by_provider(state, provider, username).await
}

/// Unlocks a user and resets the failed-login counter; answers the user afterwards.
///
/// # Errors
/// 404 OBP-20027, a database failure.
pub async fn unlock(state: &AppState, provider: &str, username: &str) -> ApiResult<User> {
    let user = by_provider(state, provider, username).await?;
    store::set_user_locked(&state.store, &user.id, false).await?;
    state.token_cache.clear();
    state.consent_cache.clear();
    by_provider(state, provider, username).await
}

/// Locks a user; their tokens are revoked at once. Answers the user as found.
///
/// # Errors
/// 404 OBP-20027, 400 OBP-20090 (the last administrator, or a super admin locking
/// themself), a database failure.
pub async fn lock(
    state: &AppState,
    caller: &AuthUser,
    provider: &str,
    username: &str,
) -> ApiResult<User> {
    let user = by_provider(state, provider, username).await?;
    keep_an_administrator(state, &caller.user_id, &user.id, false).await?;
    store::set_user_locked(&state.store, &user.id, true).await?;
    state.token_cache.clear();
    state.consent_cache.clear();
    Ok(user)
}
