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

/// The JSON body the input check ([`crate::input::check_input`]) read, for the checks that
/// run before the handler (an operation's JSON Schema validation, in the guard). Shares the
/// bytes handed on.
#[derive(Debug, Clone)]
pub struct RawBody(pub actix_web::web::Bytes);

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

/// The request's `Pass-Through-*` headers, which OBP hands to adapters (APIUtil
/// `createBasicUserAuthContextJsonFromCallContext`: headers whose name starts with
/// `Pass-Through`, first value). HTTP header names arrive lower-cased here, so each is sent in
/// its canonical capitalisation (`pass-through-x-foo` → `Pass-Through-X-Foo`); a value that
/// is not text is skipped.
pub fn pass_through_headers(headers: &actix_web::http::header::HeaderMap) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (name, value) in headers {
        let lower = name.as_str();
        if !lower.starts_with("pass-through") {
            continue;
        }
        let canonical = lower
            .split('-')
            .map(|part| {
                let mut chars = part.chars();
                chars.next().map_or_else(String::new, |first| {
                    first.to_ascii_uppercase().to_string() + chars.as_str()
                })
            })
            .collect::<Vec<_>>()
            .join("-");
        // OBP takes each header's first value.
        if out.iter().any(|(n, _)| *n == canonical) {
            continue;
        }
        if let Ok(v) = value.to_str() {
            out.push((canonical, v.to_owned()));
        }
    }
    // The header map keeps no request order; sorted, the messages are reproducible.
    out.sort();
    out
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
    use obp_domain::endpoint_validation::AuthenticationType;
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    // A Consent-JWT header that is not text is still a consent header: it is refused
    // (OBP-35032), never skipped in favour of a token sent beside it.
    let consent_header = req
        .headers()
        .get(CONSENT_JWT_HEADER)
        .map(|v| v.to_str().unwrap_or_default().to_owned());
    let presented = auth::presented(
        header("DirectLogin").as_deref(),
        header("Authorization").as_deref(),
    );
    if presented == Presented::Nothing && consent_header.is_none() {
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
    // A Consent-JWT wins over every other credential, as in OBP's detection order: the request
    // is then limited to the consent, never widened by a token sent beside it.
    if let Some(value) = consent_header {
        let presented_by = ConsentPresenter {
            consumer_key: header("Consumer-Key"),
            certificate: header("PSD2-CERT"),
        };
        return match authenticate_consent(&state, &value, &presented_by).await {
            Ok((user, consumer_id, scope)) => {
                let mut builder = obp_domain::context::CallContext::builder(correlation_id)
                    .pass_through_headers(pass_through_headers(req.headers()))
                    .user(user)
                    .consent(scope)
                    .auth_info_loader(obp_connectors::store::auth_info::loader(
                        state.store.clone(),
                    ));
                if !consumer_id.is_empty() {
                    builder = builder.consumer_id(consumer_id);
                }
                req.extensions_mut().insert(builder.build());
                req.extensions_mut()
                    .insert(Authenticated(AuthenticationType::ConsentJwt));
                Ok(next.call(req).await?.map_into_boxed_body())
            }
            Err(e) => {
                let (http_req, _) = req.into_parts();
                Ok(ServiceResponse::new(http_req, e.error_response()))
            }
        };
    }
    let used = match &presented {
        Presented::GatewayLogin(_) => AuthenticationType::GatewayLogin,
        _ => AuthenticationType::DirectLogin,
    };
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
                .pass_through_headers(pass_through_headers(req.headers()))
                .user(user)
                .auth_info_loader(obp_connectors::store::auth_info::loader(
                    state.store.clone(),
                ));
            if let Some(c) = consumer_id {
                builder = builder.consumer_id(c);
            }
            req.extensions_mut().insert(builder.build());
            req.extensions_mut().insert(Authenticated(used));
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

/// The credential that authenticated the request (absent: anonymous), for the operations'
/// authentication type validations.
#[derive(Debug, Clone, Copy)]
pub struct Authenticated(pub obp_domain::endpoint_validation::AuthenticationType);

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

/// The header carrying a Consent-JWT (or a consent id).
pub const CONSENT_JWT_HEADER: &str = "Consent-JWT";

/// What the app presenting a consent sent to prove it is the consent's bound app.
#[derive(Debug, Default)]
struct ConsentPresenter {
    consumer_key: Option<String>,
    certificate: Option<String>,
}

/// A consent authentication failure: always 401, with the code telling why (OBP answers its
/// consent codes with 401 on this path, whatever their status elsewhere).
fn consent_refused(code: ErrorCode) -> ApiError {
    ApiError::new(code).with_status(401)
}

/// The consent a header names, read through the consent cache.
async fn resolve_consent(
    state: &crate::state::AppState,
    consent_id: &str,
) -> Result<std::sync::Arc<crate::consent_cache::ResolvedConsent>, ApiError> {
    use crate::consent_cache::{BoundConsumer, ResolvedConsent};
    use obp_connectors::store;
    if let Some(hit) = state.consent_cache.get(consent_id) {
        return Ok(hit);
    }
    let consent = store::consents::get_consent(&state.store, consent_id)
        .await?
        .ok_or_else(|| consent_refused(ErrorCode::ConsentNotFound))?;
    let (consumer, user) = tokio::join!(
        async {
            if consent.consumer_id.is_empty() {
                return Ok(None);
            }
            store::find_consumer(&state.store, &consent.consumer_id).await
        },
        store::find_user(&state.store, &consent.user_id)
    );
    let consumer = consumer?.map(|c| BoundConsumer {
        key: c.consumer_key,
        certificate: c.client_certificate,
        enabled: c.enabled,
    });
    let user = match user? {
        None => Err(ErrorCode::ConsentDoesNotMatchUser),
        Some(u) if u.is_deleted => Err(ErrorCode::UserIsDeleted),
        Some(u) if u.is_locked => Err(ErrorCode::UsernameHasBeenLocked),
        Some(u) => Ok(u.auth_user()),
    };
    let resolved = std::sync::Arc::new(ResolvedConsent {
        consent,
        consumer,
        user,
    });
    state.consent_cache.put(resolved.clone());
    Ok(resolved)
}

/// Authenticates a request by its `Consent-JWT` header (the JWT, or the consent id), in
/// OBP's order of checks: consents allowed (OBP-35007), a value that is a JWT or a UUID
/// (OBP-35032), the consent exists (OBP-35001), it is ACCEPTED (OBP-35005), the JWT verifies
/// against the consent's own secret and names it (OBP-35004), `nbf` (OBP-35002) and `exp`
/// (OBP-35003), then the app is the consent's bound app as
/// `consumer_validation` says (OBP-35018 unknown app, OBP-35017 disabled, OBP-35016 no
/// `Consumer-Key`, OBP-35015 another app), and the user can still log in. Every refusal is
/// 401 and nothing falls back to another credential.
async fn authenticate_consent(
    state: &crate::state::AppState,
    value: &str,
    presenter: &ConsentPresenter,
) -> Result<
    (
        obp_domain::context::AuthUser,
        String,
        obp_domain::consent::ConsentScope,
    ),
    ApiError,
> {
    use crate::config::ConsumerValidation;
    use crate::consent_jwt;
    if !state.settings.consents.allowed {
        return Err(consent_refused(ErrorCode::ConsentDisabled));
    }
    let value = value.trim();
    let (consent_id, presented_jwt) = if consent_jwt::looks_like_jwt(value) {
        let id = consent_jwt::consent_id_of(value)
            .map_err(|_| consent_refused(ErrorCode::ConsentVerificationIssue))?;
        (id, Some(value))
    } else if uuid::Uuid::parse_str(value).is_ok() {
        (value.to_owned(), None)
    } else {
        return Err(consent_refused(ErrorCode::ConsentHeaderValueInvalid));
    };
    let resolved = resolve_consent(state, &consent_id).await?;
    let consent = &resolved.consent;
    if !consent.status.grants_access() {
        return Err(
            ApiError::with_detail(ErrorCode::ConsentStatusIssue, "ACCEPTED.").with_status(401),
        );
    }
    let jwt = presented_jwt.unwrap_or(&consent.jwt);
    let now = chrono::Utc::now().timestamp();
    let claims = consent_jwt::verify(jwt, &consent.secret, now)
        .map_err(|e| consent_refused(obp_domain::HasErrorCode::code(&e)))?;
    if claims.jti != consent.id {
        return Err(consent_refused(ErrorCode::ConsentVerificationIssue));
    }
    if now >= consent.expires_at.timestamp() {
        return Err(consent_refused(ErrorCode::ConsentExpiredIssue));
    }
    require_parents_stand(state, &consent.parent_consent_id, now).await?;
    let validation = state.settings.consents.consumer_validation;
    if validation != ConsumerValidation::None {
        let consumer = resolved
            .consumer
            .as_ref()
            .ok_or_else(|| consent_refused(ErrorCode::ConsumerAtConsentCannotBeFound))?;
        if !consumer.enabled {
            return Err(consent_refused(ErrorCode::ConsumerAtConsentDisabled));
        }
        let matches = match validation {
            ConsumerValidation::ConsumerKeyValue => {
                let key = presenter
                    .consumer_key
                    .as_deref()
                    .map(str::trim)
                    .ok_or_else(|| consent_refused(ErrorCode::ConsumerKeyHeaderMissing))?;
                constant_time_eq(key.as_bytes(), consumer.key.as_bytes())
            }
            ConsumerValidation::ConsumerCertificate => {
                let strip = |s: &str| s.replace(['\r', '\n'], "");
                let presented = presenter.certificate.as_deref().map(strip);
                !consumer.certificate.is_empty()
                    && presented.is_some_and(|p| p == strip(&consumer.certificate))
            }
            ConsumerValidation::None => true,
        };
        if !matches {
            return Err(consent_refused(ErrorCode::ConsentDoesNotMatchConsumer));
        }
    }
    let user = resolved.user.clone().map_err(consent_refused)?;
    let scope = obp_domain::consent::ConsentScope {
        consent_id: consent.id.clone(),
        views: consent.views.clone(),
        roles: consent.entitlements.clone(),
        expires_at: consent.expires_at.timestamp(),
    };
    Ok((user, consent.consumer_id.clone(), scope))
}

/// How many consents made under consents are followed up; deeper chains are refused (an app
/// has no reason to nest consents, and the walk must end).
const MAX_CONSENT_DEPTH: usize = 8;

/// A consent made by an app acting under another consent grants nothing once that one (or
/// any consent above it) no longer grants: each parent must still be granting and unexpired.
/// Parents are read through the consent cache.
async fn require_parents_stand(
    state: &crate::state::AppState,
    first_parent: &str,
    now: i64,
) -> Result<(), ApiError> {
    let mut parent = first_parent.to_owned();
    for _ in 0..MAX_CONSENT_DEPTH {
        if parent.is_empty() {
            return Ok(());
        }
        // A parent that is gone grants nothing; a database failure stays a server fault.
        let resolved = resolve_consent(state, &parent).await.map_err(|e| {
            if e.code() == ErrorCode::ConsentNotFound {
                ApiError::with_detail(ErrorCode::ConsentStatusIssue, "ACCEPTED.").with_status(401)
            } else {
                e
            }
        })?;
        let p = &resolved.consent;
        if !p.status.grants_access() || now >= p.expires_at.timestamp() {
            return Err(ApiError::with_detail(
                ErrorCode::ConsentStatusIssue,
                "ACCEPTED. The consent it was made under no longer grants access.",
            )
            .with_status(401));
        }
        parent.clone_from(&p.parent_consent_id);
    }
    Err(ApiError::with_detail(
        ErrorCode::ConsentStatusIssue,
        "ACCEPTED. Consents are nested too deep.",
    )
    .with_status(401))
}

/// Byte comparison whose time does not depend on where the inputs differ.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.ct_eq(b))
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
