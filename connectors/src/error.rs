//! Errors of connector calls.
//!
//! Backend types (sea-orm, rdkafka, reqwest) never appear here: they are boxed as sources so
//! the web layer can log the cause chain while answering the client with a stable OBP code.

use obp_domain::{ErrorCode, HasErrorCode};

use crate::method::Method;

/// The result of a connector call.
pub type ConnectorResult<T> = Result<T, ConnectorError>;

/// Why a connector call failed.
#[derive(Debug, thiserror::Error)]
pub enum ConnectorError {
    /// The entity does not exist; the code says which kind (e.g. OBP-30001).
    #[error("not found: {code}")]
    NotFound {
        /// The OBP code to report.
        code: ErrorCode,
    },
    /// The request conflicts with existing data or a business rule; reported as is.
    #[error("{code}")]
    Rejected {
        /// The OBP code to report.
        code: ErrorCode,
        /// Extra text appended to the code's message.
        detail: Option<String>,
    },
    /// The connector does not implement the method.
    #[error("{connector} does not implement {method}")]
    NotImplemented {
        /// The connector's name.
        connector: &'static str,
        /// The method called.
        method: Method,
    },
    /// The backend did not answer in time.
    #[error("{method} timed out")]
    Timeout {
        /// The method called.
        method: Method,
    },
    /// A remote adapter failed or answered something unusable (OBP-60013 unknown adapter
    /// error, OBP-50200 invalid connector response, or the OBP code the adapter reported).
    #[error("{code}")]
    Adapter {
        /// The OBP code to report.
        code: ErrorCode,
        /// Extra text appended to the code's message.
        detail: Option<String>,
    },
    /// The adapter answered a deliberate failure: an inbound `status.errorCode`, a REST 404 or
    /// a REST error body `{code, message}`. Answered as OBP's `unboxFullOrFail` does: the
    /// endpoint's own error (`code`, with `status` when not the code's own) followed by the
    /// adapter's OBP-prefixed messages, ` <- ` between them (OBP's `filterMessage`).
    #[error("{code} (adapter failure)")]
    AdapterFailure {
        /// The endpoint's own OBP code.
        code: ErrorCode,
        /// The HTTP status, when not the code's own.
        status: Option<u16>,
        /// The adapter's messages, each `OBP-XXXXX: ...` (anything else is never kept).
        chain: Vec<String>,
    },
    /// The backend failed; the source is logged, never shown to clients.
    #[error("backend failure")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl ConnectorError {
    /// `NotImplemented` for `method` on `connector`.
    pub fn not_implemented(connector: &'static str, method: Method) -> Self {
        Self::NotImplemented { connector, method }
    }

    /// A business-rule rejection with the given code.
    pub fn rejected(code: ErrorCode, detail: impl Into<Option<String>>) -> Self {
        Self::Rejected {
            code,
            detail: detail.into(),
        }
    }

    /// An adapter failure with the given code.
    pub fn adapter(code: ErrorCode, detail: impl Into<String>) -> Self {
        Self::Adapter {
            code,
            detail: Some(detail.into()),
        }
    }

    /// Whether the entity asked for does not exist: the backend said so, or the adapter
    /// answered with an OBP not-found code of its own (`OBP-30001 ...`). An adapter failure
    /// that is answered as the endpoint's not-found error (OBP's rule for `getBank` and the
    /// like) without the adapter saying "not found" is *not* one: callers that fall back on
    /// "missing" (a settlement account, an optional lookup) must see it as the failure it is.
    pub fn is_not_found(&self) -> bool {
        match self {
            ConnectorError::NotFound { .. } => true,
            _ => self
                .adapter_code()
                .is_some_and(|c| c.status() == 404 && c != ErrorCode::ResourceDoesNotExist),
        }
    }

    /// The OBP code of the adapter's own first message, for an adapter failure.
    fn adapter_code(&self) -> Option<ErrorCode> {
        match self {
            ConnectorError::AdapterFailure { chain, .. } => chain
                .first()
                .and_then(|m| m.split(':').next())
                .and_then(|c| ErrorCode::from_obp_str(c.trim())),
            _ => None,
        }
    }

    /// Whether the backend does not answer this method at all: `NotImplemented`, or an
    /// adapter saying so: "Resource does not exist" for the method itself (a REST adapter's
    /// 404 for the method's URL, OBP-10405) or "Adapter function is not implemented"
    /// (OBP-60015).
    pub fn is_unsupported(&self) -> bool {
        match self {
            ConnectorError::NotImplemented { .. } => true,
            _ => matches!(
                self.adapter_code(),
                Some(ErrorCode::ResourceDoesNotExist | ErrorCode::AdapterFunctionNotImplemented)
            ),
        }
    }

    /// Whether, after this error from a payment, the money may have moved all the same: the
    /// backend did not answer (timeout, broken transport, unreadable answer) or answered a
    /// server fault of its own. A refusal, a "not found" or a local database failure (rolled
    /// back) leaves nothing moved.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            ConnectorError::Timeout { .. } | ConnectorError::Adapter { .. } => true,
            ConnectorError::AdapterFailure { .. } => {
                self.adapter_code().is_some_and(|c| c.status() >= 500)
            }
            _ => false,
        }
    }

    /// Wraps a backend error.
    pub fn backend(e: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self::Backend(Box::new(e))
    }
}

impl HasErrorCode for ConnectorError {
    fn code(&self) -> ErrorCode {
        match self {
            ConnectorError::NotFound { code }
            | ConnectorError::Rejected { code, .. }
            | ConnectorError::Adapter { code, .. }
            | ConnectorError::AdapterFailure { code, .. } => *code,
            ConnectorError::NotImplemented { .. } => ErrorCode::NotImplemented,
            ConnectorError::Timeout { .. } => ErrorCode::AdapterTimeOutError,
            ConnectorError::Backend(_) => ErrorCode::UnknownError,
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            ConnectorError::Rejected { detail, .. } | ConnectorError::Adapter { detail, .. } => {
                detail.clone()
            }
            ConnectorError::NotImplemented { connector, method } => Some(format!(
                "{method} in connector {connector}. Please implement obp.{method} in the adapter."
            )),
            ConnectorError::Timeout { method } => Some(format!("(method {method})")),
            ConnectorError::AdapterFailure { code, chain, .. } => {
                let own = code.message(None);
                let mut shown: Vec<&str> = Vec::new();
                for m in chain {
                    let m = m.trim();
                    // The endpoint's own message (or bare code) once, as OBP's `distinct`.
                    let repeats = m == own || m == code.as_str();
                    if m.starts_with("OBP-") && !repeats && !shown.contains(&m) {
                        shown.push(m);
                    }
                }
                (!shown.is_empty()).then(|| format!("<- {}", shown.join(" <- ")))
            }
            ConnectorError::NotFound { .. } | ConnectorError::Backend(_) => None,
        }
    }

    fn status(&self) -> Option<u16> {
        match self {
            ConnectorError::AdapterFailure { status, .. } => *status,
            _ => None,
        }
    }
}

impl From<sea_orm::DbErr> for ConnectorError {
    fn from(e: sea_orm::DbErr) -> Self {
        Self::backend(e)
    }
}

/// The answer of a method that only adds a part to an OBP answer (bank attributes on
/// `GET /banks/ID`, account attributes on an account, transaction attributes on a page):
/// when the backend does not have the method ([`ConnectorError::is_unsupported`]), the part
/// is empty instead of the whole call failing.
///
/// Why: these messages are this project's extensions, not in OBP's message docs, so an
/// adapter written for OBP does not answer them; OBP's endpoints must work with it
/// unchanged. Every other failure still fails the call.
pub fn optional_part<T>(
    method: crate::Method,
    result: ConnectorResult<Vec<T>>,
) -> ConnectorResult<Vec<T>> {
    match result {
        Err(e) if e.is_unsupported() => {
            tracing::debug!(%method, "the backend does not answer this optional part; left out");
            Ok(Vec::new())
        }
        other => other,
    }
}
