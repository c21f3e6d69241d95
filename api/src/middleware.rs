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
