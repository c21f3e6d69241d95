//! User auth contexts (OBP v3.1.0/v5.0.0 `createUserAuthContext`, `getUserAuthContexts`,
//! `deleteUserAuthContexts`, `deleteUserAuthContextById`) and the loader that hands a user's
//! pairs to remote connectors.
//!
//! Pairs are kept as OBP keeps them: adding a pair never replaces one with the same key, and
//! every pair records the app (consumer) it was created through; without an app OBP cannot
//! store one (OBP-30053). Keys and values are trimmed and may hold no control character
//! ([`obp_domain::auth_context`]).

use obp_connectors::store::user_auth_contexts::{self as store, NewUserAuthContext};
use obp_domain::auth_context::{check_pair, MAX_CHARS};
use obp_domain::context::CallContext;
use obp_domain::ErrorCode;

pub use obp_connectors::store::user_auth_contexts::UserAuthContext;

use crate::error::{ApiError, ApiResult};
use crate::service::users::require_live_user;
use crate::state::AppState;

/// Trims and checks a posted pair.
///
/// # Errors
/// 400 OBP-10001 (empty key, control character), 400 OBP-20010 (too long).
pub fn checked_pair(key: &str, value: &str, max: usize) -> ApiResult<(String, String)> {
    check_pair(key, value, max).map_err(|e| ApiError::with_detail(e.code(), e.to_string()))
}

/// Adds a pair to the auth context of `user_id`, recording the calling app.
///
/// # Errors
/// 400 OBP-10001 / OBP-20010 for the pair, 404 OBP-20005 no such user, 400 OBP-30053 when the
/// call came through no app, a database failure.
pub async fn create(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
    key: &str,
    value: &str,
) -> ApiResult<UserAuthContext> {
    let (key, value) = checked_pair(key, value, MAX_CHARS)?;
    let user = require_live_user(state, user_id).await?;
    let consumer_id = ctx.consumer_id().filter(|c| !c.is_empty()).ok_or_else(|| {
        ApiError::with_detail(
            ErrorCode::CreateUserAuthContextError,
            "current consumerId is empty here.",
        )
    })?;
    Ok(store::insert_user_auth_context(
        &state.store,
        NewUserAuthContext {
            user_id: &user.id,
            key: &key,
            value: &value,
            consumer_id,
        },
    )
    .await?)
}

/// The auth context of `user_id`, oldest pair first.
///
/// # Errors
/// 404 OBP-20005 no such user, a database failure.
pub async fn list(state: &AppState, user_id: &str) -> ApiResult<Vec<UserAuthContext>> {
    let user = require_live_user(state, user_id).await?;
    Ok(store::user_auth_contexts_of_user(&state.store, &user.id).await?)
}

/// Deletes every pair of `user_id`.
///
/// # Errors
/// 404 OBP-20005 no such user, a database failure.
pub async fn delete_all(state: &AppState, user_id: &str) -> ApiResult<()> {
    let user = require_live_user(state, user_id).await?;
    store::delete_user_auth_contexts_of_user(&state.store, &user.id).await?;
    Ok(())
}

/// Deletes one pair of `user_id`.
///
/// # Errors
/// 404 OBP-20005 no such user, 400 OBP-30056 when the user has no pair with that id, a
/// database failure.
pub async fn delete_one(
    state: &AppState,
    user_id: &str,
    user_auth_context_id: &str,
) -> ApiResult<()> {
    let user = require_live_user(state, user_id).await?;
    if store::delete_user_auth_context(&state.store, &user.id, user_auth_context_id).await? {
        Ok(())
    } else {
        Err(ApiError::with_detail(
            ErrorCode::DeleteUserAuthContextNotFound,
            format!("Current USER_AUTH_CONTEXT_ID({user_auth_context_id})"),
        ))
    }
}
