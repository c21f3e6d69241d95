//! DirectLogin: a username, password and consumer key exchanged for a fresh opaque token
//! (only its SHA-256 is stored), and logout, which revokes the token at once.

use chrono::Utc;
use obp_connectors::store::{self, login_throttle, Token};
use obp_domain::ErrorCode;

use crate::auth;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Logs in with the parameters of a `DirectLogin` header (`username=U, password=P,
/// consumer_key=K`) from the client `address` the throttle counts; answers the new token.
///
/// An unknown user, a wrong password, a throttled login and a locked account all answer
/// OBP-20004, after the same password work.
///
/// # Errors
/// 400 OBP-20002 missing parameters, 401 OBP-20008 bad consumer key, 401 OBP-20004, a
/// hashing or database failure.
pub async fn direct_login(state: &AppState, header: &str, address: &str) -> ApiResult<String> {
    let params = auth::parse_direct_login_params(header);
    let get = |k: &str| params.get(k).map(String::as_str).filter(|v| !v.is_empty());
    let missing: Vec<&str> = ["username", "password"]
        .into_iter()
        .filter(|k| get(k).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(ApiError::with_detail(
            ErrorCode::DirectLoginMissingParameters,
            missing.join(", "),
        ));
    }
    let (Some(username), Some(password)) = (get("username"), get("password")) else {
        return Err(ApiError::new(ErrorCode::DirectLoginMissingParameters));
    };
    let consumer = match get("consumer_key") {
        Some(key) => store::find_consumer_by_key(&state.store, key).await?,
        None => None,
    };
    let consumer = match consumer {
        Some(c) if c.enabled => c,
        _ => return Err(ApiError::new(ErrorCode::InvalidConsumerKey)),
    };
    let cost = state.settings.password_hash.clone();
    let now = Utc::now();
    // One answer for an unknown user, a wrong password, a throttled login and a locked
    // account (OBP says OBP-20013 for the last; that tells strangers the username exists).
    let refused = || ApiError::new(ErrorCode::InvalidLoginCredentials);
    if login_throttle::is_locked(&state.store, username, address, now).await? {
        return Err(refused());
    }
    let user = store::find_user_by_username(&state.store, &state.settings.hostname, username)
        .await?
        .filter(|u| !u.is_deleted && u.password_hash.is_some());
    // Same work for unknown and known users: no timing hint either.
    let hash = user.as_ref().and_then(|u| u.password_hash.clone());
    let ok = auth::verify_password(cost, hash, password.to_owned()).await?;
    let user = match user {
        Some(u) if ok => u,
        _ => {
            let policy = state.settings.login_throttle();
            if login_throttle::record_failure(&state.store, username, address, &policy, now).await?
            {
                tracing::warn!(%address, "failed logins: a username and address or an address is locked for a while");
            }
            if let Some(u) = &user {
                store::record_failed_login(&state.store, &u.id).await?;
            }
            return Err(refused());
        }
    };
    if user.is_locked {
        return Err(refused());
    }
    login_throttle::record_success(&state.store, username, address).await?;
    store::record_successful_login(&state.store, &user.id).await?;
    store::purge_dead_tokens(&state.store, &user.id, now).await?;
    let token = auth::new_token();
    let ttl = i64::try_from(state.settings.token_expiration_secs).unwrap_or(i64::MAX);
    let expires_at = now
        .checked_add_signed(chrono::Duration::seconds(ttl))
        .unwrap_or(chrono::DateTime::<Utc>::MAX_UTC);
    store::insert_token(
        &state.store,
        Token {
            token_hash: auth::sha256_hex(&token),
            user_id: user.id,
            consumer_id: consumer.id,
            expires_at,
            revoked: false,
            created_at: now,
        },
    )
    .await?;
    Ok(token)
}

/// Revokes the DirectLogin token (by its hash) that authenticated the call.
///
/// # Errors
/// 401 OBP-20003 when the call was not authenticated by a token (Gateway login), a
/// database failure.
pub async fn logout(state: &AppState, token_hash: Option<String>) -> ApiResult<()> {
    match token_hash {
        Some(h) => {
            store::revoke_token(&state.store, &h).await?;
            state.token_cache.forget(&h);
            Ok(())
        }
        // Logged in some other way (Gateway login): there is no token to revoke.
        None => Err(ApiError::new(ErrorCode::DirectLoginInvalidToken)),
    }
}
