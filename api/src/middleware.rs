//! Middleware that every request passes through.
//!
//! * [`correlation`] accepts the client's `Correlation-Id` (or makes one), echoes it on the
//!   response, logs server faults with their cause chain, and turns framework-made 404/405
//!   answers into OBP's error envelope;
//! * [`check_version`] answers OBP-00008 for a version prefix the server does not serve.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use actix_web::{HttpMessage, ResponseError};
use obp_domain::ErrorCode;

use crate::error::ApiError;

/// The header carrying the correlation id.
pub const CORRELATION_HEADER: &str = "Correlation-Id";

/// The request's correlation id, stored in the request extensions.
#[derive(Debug, Clone)]
pub struct CorrelationId(pub String);

/// Accepts ids of visible ASCII up to 128 characters; anything else is replaced.
fn acceptable_correlation_id(v: &HeaderValue) -> Option<String> {
    let s = v.to_str().ok()?.trim();
    if s.is_empty() || s.len() > 128 || !s.bytes().all(|b| b.is_ascii_graphic()) {
        return None;
    }
    Some(s.to_owned())
}

/// Correlation id, request span, fault logging and the envelope for framework answers.
///
/// # Errors
/// Never fails itself; passes on a framework fault of an inner service.
pub async fn correlation(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let id = req
        .headers()
        .get(CORRELATION_HEADER)
        .and_then(acceptable_correlation_id)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    req.extensions_mut().insert(CorrelationId(id.clone()));
    let method = req.method().clone();
    let path = req.path().to_owned();

    // Handlers and extractors turn their errors into responses, and our middleware never
    // fails, so an `Err` here is a framework fault. It cannot be turned into a response
    // with the header because the request was moved into the call (holding a clone of it
    // would break actix's routing, which needs sole ownership); actix renders it.
    let res = match next.call(req).await {
        Ok(res) => res.map_into_boxed_body(),
        Err(e) => {
            tracing::error!(correlation_id = %id, %method, %path, error = %e, "request failed in middleware");
            return Err(e);
        }
    };
    let mut res = envelope_framework_errors(res);
    let status = res.status();
    if status.is_server_error() {
        let cause = res
            .response()
            .error()
            .map(|e| match e.as_error::<ApiError>() {
                Some(api) => api.log_chain(),
                None => e.to_string(),
            })
            .unwrap_or_default();
        tracing::error!(correlation_id = %id, %method, %path, status = status.as_u16(), %cause, "request failed");
    } else {
        tracing::debug!(correlation_id = %id, %method, %path, status = status.as_u16(), "request");
    }
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut()
            .insert(HeaderName::from_static("correlation-id"), v);
    }
    Ok(res)
}

/// Replaces actix's own bodiless 404/405 answers (no route, wrong method) with OBP's
/// envelope; answers that already carry JSON are left alone.
fn envelope_framework_errors(res: ServiceResponse<BoxBody>) -> ServiceResponse<BoxBody> {
    let code = match res.status() {
        StatusCode::NOT_FOUND => ErrorCode::InvalidUri,
        StatusCode::METHOD_NOT_ALLOWED => ErrorCode::MethodNotAllowed,
        _ => return res,
    };
    let is_json = res
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        return res;
    }
    let (req, _) = res.into_parts();
    ServiceResponse::new(req, ApiError::new(code).error_response())
}

/// Refuses version prefixes the server does not serve (OBP-00008).
///
/// # Errors
/// Answers OBP-00008 for an unknown `{version}` segment.
pub async fn check_version(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let known = req
        .match_info()
        .get("version")
        .and_then(obp_domain::version::find)
        .is_some();
    if !known {
        let (http_req, _) = req.into_parts();
        let res = ApiError::with_detail(
            ErrorCode::ApiVersionNotSupported,
            format!(
                "Supported versions: {}.",
                obp_domain::version::SUPPORTED_VERSIONS
                    .iter()
                    .map(|v| v.short)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
        .error_response();
        return Ok(ServiceResponse::new(http_req, res));
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

/// Authenticates the request once: a DirectLogin token (`DirectLogin: token=...` or
/// `Authorization: DirectLogin token="..."`) or a Gateway login JWT. The resulting
/// [`obp_domain::context::CallContext`] (with user and consumer) goes into the request
/// extensions for [`crate::context::Ctx`] and [`crate::guard::Authorized`].
///
/// A token that is unknown, expired, revoked or belongs to a disabled app answers 401
/// OBP-20003 on every endpoint; a locked user 401 OBP-20013; a deleted user 401 OBP-20064.
///
/// # Errors
/// Never fails itself; answers the OBP envelope instead.
pub async fn authenticate(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    use crate::auth::{self, Presented};
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let presented = auth::presented(
        header("DirectLogin").as_deref(),
        header("Authorization").as_deref(),
    );
    if presented == Presented::Nothing {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    let Some(state) = req
        .app_data::<actix_web::web::Data<crate::state::AppState>>()
        .cloned()
    else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let correlation_id = req
        .extensions()
        .get::<CorrelationId>()
        .map(|c| c.0.clone())
        .unwrap_or_default();
    let peer = req.peer_addr().map(|a| a.ip().to_string());
    let outcome = match presented {
        Presented::DirectLoginToken(token) => {
            let hash = TokenHash(auth::sha256_hex(&token));
            authenticate_token(&state, &hash.0)
                .await
                .map(|(user, consumer, ents)| (user, Some(consumer), Some((hash, ents))))
        }
        Presented::GatewayLogin(jwt) => authenticate_gateway(&state, &jwt, peer.as_deref())
            .await
            .map(|user| (user, None, None)),
        Presented::Unsupported => Err(ApiError::new(ErrorCode::InvalidAuthorizationHeader)),
        Presented::Nothing => Err(ApiError::new(ErrorCode::UnknownError)),
    };
    match outcome {
        Ok((user, consumer_id, token)) => {
            let mut builder = obp_domain::context::CallContext::builder(correlation_id)
                .user(user)
                .user_auth_context_loader(crate::service::user_auth_context::loader(
                    state.store.clone(),
                ));
            if let Some(c) = consumer_id {
                builder = builder.consumer_id(c);
            }
            req.extensions_mut().insert(builder.build());
            if let Some((hash, ents)) = token {
                req.extensions_mut().insert(hash);
                // Known when the token was read from the database; guards read them
                // themselves when the token came from the cache.
                if let Some(ents) = ents {
                    req.extensions_mut()
                        .insert(CallerEntitlements(std::sync::Arc::new(ents)));
                }
            }
            Ok(next.call(req).await?.map_into_boxed_body())
        }
        Err(e) => {
            let (http_req, _) = req.into_parts();
            Ok(ServiceResponse::new(http_req, e.error_response()))
        }
    }
}

/// The SHA-256 of the DirectLogin token that authenticated the request (for logout).
#[derive(Debug, Clone)]
pub struct TokenHash(pub String);

/// The caller's entitlements as read with the token (guards use them without a query).
#[derive(Debug, Clone)]
pub struct CallerEntitlements(pub std::sync::Arc<Vec<obp_connectors::store::Entitlement>>);

type TokenOutcome = (
    obp_domain::context::AuthUser,
    String,
    Option<Vec<obp_connectors::store::Entitlement>>,
);

async fn authenticate_token(
    state: &crate::state::AppState,
    token_hash: &str,
) -> Result<TokenOutcome, ApiError> {
    use obp_connectors::store::{self, TokenCheck};
    let now = chrono::Utc::now();
    if let Some((user, consumer_id)) = state.token_cache.get(token_hash, now) {
        return Ok((user, consumer_id, None));
    }
    match store::check_token(&state.store, token_hash, now).await? {
        TokenCheck::Valid {
            user,
            consumer_id,
            expires_at,
            entitlements,
        } => {
            state
                .token_cache
                .put(token_hash, &user, &consumer_id, expires_at);
            Ok((user, consumer_id, Some(entitlements)))
        }
        TokenCheck::Invalid => Err(ApiError::new(ErrorCode::DirectLoginInvalidToken)),
        TokenCheck::UserLocked => Err(ApiError::new(ErrorCode::UsernameHasBeenLocked)),
        TokenCheck::UserDeleted => Err(ApiError::new(ErrorCode::UserIsDeleted)),
    }
}

/// The provider of users created by Gateway login.
pub const GATEWAY_PROVIDER: &str = "gateway";

async fn authenticate_gateway(
    state: &crate::state::AppState,
    jwt: &str,
    peer: Option<&str>,
) -> Result<obp_domain::context::AuthUser, ApiError> {
    use obp_connectors::store;
    let gw = &state.settings.gateway_login;
    if !gw.enabled {
        return Err(ApiError::new(ErrorCode::InvalidAuthorizationHeader));
    }
    let allowed = peer.is_some_and(|p| gw.allowed_hosts.iter().any(|h| h == p));
    if !allowed {
        return Err(ApiError::with_detail(
            ErrorCode::GatewayLoginInvalidToken,
            "the client address is not allowed",
        ));
    }
    let username = crate::auth::verify_gateway_jwt(
        jwt,
        gw.secret.expose().as_bytes(),
        chrono::Utc::now().timestamp(),
    )
    .map_err(|e| ApiError::with_detail(ErrorCode::GatewayLoginInvalidToken, e.to_string()))?;
    let existing = store::find_user_by_username(&state.store, GATEWAY_PROVIDER, &username).await?;
    let user = match existing {
        Some(u) => u,
        None => {
            let row = store::NewUser {
                provider: GATEWAY_PROVIDER.to_owned(),
                username: username.clone(),
                email: String::new(),
                first_name: String::new(),
                last_name: String::new(),
                password_hash: None,
            };
            match store::insert_user(&state.store, row).await {
                Ok(u) => u,
                // Two first requests raced: the other one created the user.
                Err(store::StoreError::Duplicate) => {
                    store::find_user_by_username(&state.store, GATEWAY_PROVIDER, &username)
                        .await?
                        .ok_or_else(|| ApiError::new(ErrorCode::UnknownError))?
                }
                Err(e) => return Err(e.into()),
            }
        }
    };
    if user.is_deleted {
        return Err(ApiError::new(ErrorCode::UserIsDeleted));
    }
    if user.is_locked {
        return Err(ApiError::new(ErrorCode::UsernameHasBeenLocked));
    }
    Ok(user.auth_user())
}

/// Refuses request bodies declared as anything but JSON (or `text/plain`, which some OBP
/// clients send) with 415 OBP-10043. A body without `Content-Type` is read as JSON, as the
/// JSON extractor is configured not to require the header.
///
/// # Errors
/// Never fails itself; answers the OBP envelope instead.
pub async fn check_content_type(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    use actix_web::http::Method;
    // Only a body that is really there is checked: a bodiless POST (DirectLogin) may carry
    // any Content-Type a client library adds by default.
    let length = req
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let chunked = req
        .headers()
        .contains_key(actix_web::http::header::TRANSFER_ENCODING);
    let has_body = matches!(*req.method(), Method::POST | Method::PUT | Method::PATCH)
        && (length.is_some_and(|l| l > 0) || chunked);
    let declared = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<mime::Mime>().ok());
    let acceptable = |m: &mime::Mime| {
        m.subtype() == mime::JSON
            || m.suffix() == Some(mime::JSON)
            || (m.type_() == mime::TEXT && m.subtype() == mime::PLAIN)
    };
    if let Some(m) = declared.filter(|m| has_body && !acceptable(m)) {
        let (http_req, _) = req.into_parts();
        let res = ApiError::with_detail(
            ErrorCode::InvalidContentType,
            format!("Got {m}; send the body as JSON with Content-Type: application/json."),
        )
        .error_response();
        return Ok(ServiceResponse::new(http_req, res));
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}
