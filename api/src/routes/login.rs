//! DirectLogin: `POST /my/logins/direct` (bare and under `/obp/{version}`) and logout.
//!
//! Credentials come in the `DirectLogin: username=U, password=P, consumer_key=K` header (or
//! OBP's deprecated `Authorization: DirectLogin username="U",password="P",consumer_key="K"`).
//! The answer is a fresh opaque token; only its SHA-256 is stored. Logout
//! (`DELETE /obp/{version}/my/logins/direct`) revokes the presented token at once — OBP has
//! no such endpoint and leaves tokens valid until they expire.

use actix_web::{delete, post, web, HttpMessage, HttpRequest, HttpResponse};
use chrono::Utc;
use std::net::IpAddr;

use obp_connectors::store::{self, login_throttle, Token};
use obp_domain::ErrorCode;
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth;
use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::middleware::TokenHash;
use crate::state::AppState;

/// `{"token": "..."}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenJson {
    /// The DirectLogin token; send it as `DirectLogin: token=<token>`.
    pub token: String,
}

/// Login with DirectLogin
///
/// Exchanges a username, password and consumer key (in the `DirectLogin` header) for a
/// token. An unknown user, a wrong password and a locked account all answer OBP-20004. After
/// `max_bad_login_attempts` failures of one username from one client address (or
/// `max_bad_login_attempts_per_address` from one address) logins from there are refused
/// with OBP-20004 for `bad_login_lock_secs`, doubling on every further lock; the account
/// itself is not locked.
#[endpoint(
    POST "/my/logins/direct",
    operation_id = "directLogin",
    unversioned,
    anonymous,
    tag = "Authentication",
    params(("DirectLogin" = String, Header, description = "username=U, password=P, consumer_key=K")),
    responses(
        (status = 201, description = "A new token", body = TokenJson),
        (status = 400, description = "OBP-20082 no header; OBP-20083 bad Authorization; OBP-20002 missing parameters", body = ErrorBody),
        (status = 401, description = "OBP-20008 bad consumer key; OBP-20004 bad credentials, locked account or too many failures", body = ErrorBody)
    )
)]
pub async fn direct_login(
    _auth: Authorized<DirectLogin>,
    req: HttpRequest,
    state: web::Data<AppState>,
) -> ApiResult<HttpResponse> {
    login(&req, &state).await
}

/// Login with DirectLogin (versioned)
///
/// The same as `POST /my/logins/direct`, under the version prefix.
#[endpoint(
    POST "/my/logins/direct",
    operation_id = "directLoginVersioned",
    anonymous,
    tag = "Authentication",
    params(("DirectLogin" = String, Header, description = "username=U, password=P, consumer_key=K")),
    responses(
        (status = 201, description = "A new token", body = TokenJson),
        (status = 400, description = "OBP-20082 / OBP-20083 / OBP-20002", body = ErrorBody),
        (status = 401, description = "OBP-20008 / OBP-20004", body = ErrorBody)
    )
)]
pub async fn direct_login_versioned(
    _auth: Authorized<DirectLoginVersioned>,
    req: HttpRequest,
    state: web::Data<AppState>,
) -> ApiResult<HttpResponse> {
    login(&req, &state).await
}

async fn login(req: &HttpRequest, state: &AppState) -> ApiResult<HttpResponse> {
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    let raw = match (header("DirectLogin"), header("Authorization")) {
        (Some(v), _) => v,
        (None, Some(v)) if v.trim_start().starts_with("DirectLogin") => v,
        (None, Some(_)) => return Err(ApiError::new(ErrorCode::InvalidDirectLoginHeader)),
        (None, None) => return Err(ApiError::new(ErrorCode::MissingDirectLoginHeader)),
    };
    let params = auth::parse_direct_login_params(raw);
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
    let address = client_address(req, state.settings.trust_forwarded_for);
    // One answer for an unknown user, a wrong password, a throttled login and a locked
    // account (OBP says OBP-20013 for the last; that tells strangers the username exists).
    let refused = || ApiError::new(ErrorCode::InvalidLoginCredentials);
    if login_throttle::is_locked(&state.store, username, &address, now).await? {
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
            if login_throttle::record_failure(&state.store, username, &address, &policy, now)
                .await?
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
    login_throttle::record_success(&state.store, username, &address).await?;
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
    Ok(HttpResponse::Created().json(TokenJson { token }))
}

/// The client address the login throttle counts: the connection's peer, or with
/// `trust_forwarded_for` the last `X-Forwarded-For` entry (the one the proxy in front of us
/// appended; earlier entries are the client's to choose). IPv6 addresses count by their /64
/// network, which one client usually owns whole.
fn client_address(req: &HttpRequest, trust_forwarded_for: bool) -> String {
    let forwarded = || {
        req.headers()
            .get_all("X-Forwarded-For")
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .last()
            .and_then(|a| a.trim().parse::<IpAddr>().ok())
    };
    let ip = trust_forwarded_for
        .then(forwarded)
        .flatten()
        .or_else(|| req.peer_addr().map(|a| a.ip()));
    match ip.map(|ip| ip.to_canonical()) {
        Some(IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Some(IpAddr::V4(v4)) => v4.to_string(),
        None => "unknown".to_owned(),
    }
}

/// Logout (revoke the DirectLogin token)
///
/// Revokes the DirectLogin token that authenticates this request; it is refused at once
/// (OBP-20003) by every instance. Not in OBP, which has no token revocation.
#[endpoint(
    DELETE "/my/logins/direct",
    operation_id = "deleteDirectLoginToken",
    login,
    guard = Logout,
    tag = "Authentication",
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, description = "OBP-20001 not logged in; OBP-20003 bad token", body = ErrorBody)
    )
)]
pub async fn logout(
    _auth: Authorized<Logout>,
    req: HttpRequest,
    state: web::Data<AppState>,
) -> ApiResult<HttpResponse> {
    let hash = req.extensions().get::<TokenHash>().map(|t| t.0.clone());
    match hash {
        Some(h) => {
            store::revoke_token(&state.store, &h).await?;
            state.token_cache.forget(&h);
            Ok(HttpResponse::NoContent().finish())
        }
        // Logged in some other way (Gateway login): there is no token to revoke.
        None => Err(ApiError::new(ErrorCode::DirectLoginInvalidToken)),
    }
}
