//! DirectLogin: `POST /my/logins/direct` (bare and under `/obp/{version}`) and logout.
//!
//! Credentials come in the `DirectLogin: username=U, password=P, consumer_key=K` header (or
//! OBP's deprecated `Authorization: DirectLogin username="U",password="P",consumer_key="K"`).
//! The answer is a fresh opaque token; only its SHA-256 is stored. Logout
//! (`DELETE /obp/{version}/my/logins/direct`) revokes the presented token at once — OBP has
//! no such endpoint and leaves tokens valid until they expire.

use std::net::IpAddr;

use actix_web::{delete, post, web, HttpMessage, HttpRequest, HttpResponse};
use obp_domain::ErrorCode;
use serde::Serialize;
use utoipa::ToSchema;

use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::middleware::TokenHash;
use crate::service::login;
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
    header_login(&req, &state).await
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
    header_login(&req, &state).await
}

/// Reads the `DirectLogin` header (or OBP's deprecated `Authorization: DirectLogin ...`)
/// and the client address, and logs in with them.
async fn header_login(req: &HttpRequest, state: &AppState) -> ApiResult<HttpResponse> {
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    let raw = match (header("DirectLogin"), header("Authorization")) {
        (Some(v), _) => v,
        (None, Some(v)) if v.trim_start().starts_with("DirectLogin") => v,
        (None, Some(_)) => return Err(ApiError::new(ErrorCode::InvalidDirectLoginHeader)),
        (None, None) => return Err(ApiError::new(ErrorCode::MissingDirectLoginHeader)),
    };
    let address = client_address(req, state.settings.trust_forwarded_for);
    let token = login::direct_login(state, raw, &address).await?;
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
    login::logout(&state, hash).await?;
    Ok(HttpResponse::NoContent().finish())
}
