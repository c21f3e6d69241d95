//! `ApiError`: the one error type handlers return.
//!
//! An `ApiError` is an OBP [`ErrorCode`] plus optional detail text for the client and an
//! optional source for the logs. It renders as OBP's envelope
//! `{"code": <status>, "message": "OBP-XXXXX: <text> <detail>"}`. For server faults (5xx) the
//! detail is never shown and the source is logged once, with the correlation id, by
//! [`crate::middleware::correlation`].
//!
//! Any error implementing [`HasErrorCode`] converts with `?`.

use std::fmt;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use obp_domain::{ErrorCode, HasErrorCode};
use serde::Serialize;

/// OBP's error body.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// The HTTP status, repeated.
    #[schema(example = 404)]
    pub code: u16,
    /// `OBP-XXXXX: text`.
    #[schema(example = "OBP-30001: Bank not found. Please specify a valid value for BANK_ID.")]
    pub message: String,
}

/// An error answered to the client in OBP's envelope.
pub struct ApiError {
    code: ErrorCode,
    /// A status other than the code's own, where OBP answers one (e.g. 401 for every refused
    /// Consent-JWT, whatever the code's usual status).
    status: Option<u16>,
    detail: Option<String>,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl ApiError {
    /// An error with the code's default message.
    pub fn new(code: ErrorCode) -> Self {
        Self {
            code,
            status: None,
            detail: None,
            source: None,
        }
    }

    /// The same error answered with `status` (a 4xx) instead of the code's own, as OBP does
    /// where an authentication step fails with a code that is elsewhere a 400.
    #[must_use]
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// The HTTP status answered.
    pub fn status(&self) -> u16 {
        self.status.unwrap_or_else(|| self.code.status())
    }

    /// An error whose message gets `detail` appended (client-safe text only).
    pub fn with_detail(code: ErrorCode, detail: impl Into<String>) -> Self {
        Self {
            code,
            status: None,
            detail: Some(detail.into()),
            source: None,
        }
    }

    /// A server fault caused by `source`; the client sees only the code's text.
    pub fn internal(source: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self {
            code: ErrorCode::UnknownError,
            status: None,
            detail: None,
            source: Some(Box::new(source)),
        }
    }

    /// Attaches a source to log.
    pub fn caused_by(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// The OBP code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The message the client sees.
    pub fn client_message(&self) -> String {
        if self.status() >= 500 {
            self.code.message(None)
        } else {
            self.code.message(self.detail.as_deref())
        }
    }

    /// The detail and cause chain, for logs only.
    pub fn log_chain(&self) -> String {
        let mut out = String::new();
        if let Some(d) = &self.detail {
            out.push_str(d);
        }
        let mut cur: Option<&(dyn std::error::Error + 'static)> = match &self.source {
            Some(s) => Some(s.as_ref()),
            None => None,
        };
        while let Some(e) = cur {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&e.to_string());
            cur = e.source();
        }
        out
    }

    /// The JSON body.
    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            code: self.status(),
            message: self.client_message(),
        }
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("code", &self.code.as_str())
            .field("detail", &self.detail)
            .field("cause", &self.log_chain())
            .finish()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.client_message())
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        let mut res = HttpResponse::build(self.status_code());
        // Every 401 names the schemes the server accepts (RFC 9110 §15.5.2).
        if self.status() == 401 {
            res.insert_header((
                "WWW-Authenticate",
                "DirectLogin realm=\"OBP\", Bearer realm=\"OBP\"",
            ));
        }
        res.json(self.body())
    }
}

impl<E> From<E> for ApiError
where
    E: std::error::Error + HasErrorCode + Send + Sync + 'static,
{
    fn from(e: E) -> Self {
        let code = e.code();
        let detail = e.detail();
        let status = e.status();
        if status.unwrap_or_else(|| code.status()) >= 500 {
            Self {
                code,
                status,
                detail,
                source: Some(Box::new(e)),
            }
        } else {
            Self {
                code,
                status,
                detail,
                source: None,
            }
        }
    }
}

/// The result type of handlers.
pub type ApiResult<T> = Result<T, ApiError>;
