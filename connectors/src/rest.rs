//! The REST connector (`rest_vMar2019`): each method is an HTTP `POST` of OBP's
//! `OutBound<Method>` JSON to `<base_url>/<methodName>`, answered by `InBound<Method>` JSON.
//! Messages are built and decoded by [`RemoteConnector`]; this module is the HTTP wire.
//!
//! As OBP's `RestConnector_vMar2019` (`getUrl`, `buildHeaders`): a method routing's `url`
//! parameter is the whole URL, used verbatim (followed by `/<bank-id>,<account-id>` only when
//! the user's auth context holds both keys); each request carries `x-timestamp` (epoch
//! seconds), one header per user-auth-context pair (but `private-key`) and one per
//! `Pass-Through-*` request header.
//!
//! Transport failures map to OBP codes in one place ([`RestTransport::exchange`]):
//! * no answer within the timeout (the smaller of the configured timeout and the call's
//!   deadline) → OBP-60014 `AdapterTimeOutError`;
//! * connection refused and other transport failures → OBP-60013 `AdapterUnknownError`;
//! * 404 → the adapter's failure `OBP-10405: Resource does not exist.` (OBP `sendRequest`;
//!   the URL OBP adds is logged, not shown);
//! * another non-2xx status with OBP's error body `{"code": N, "message": "OBP-..."}` → that
//!   message as the adapter's failure;
//! * any other non-2xx answer → OBP-60013 `AdapterUnknownError` (the body is logged only).
//!
//! An adapter's failure is answered as the endpoint's own error with the adapter's message
//! chained ([`crate::remote::adapter_failure`]).

use std::time::Duration;

use async_trait::async_trait;
use obp_domain::context::CallContext;
use obp_domain::ErrorCode;

use crate::error::{ConnectorError, ConnectorResult};
use crate::method::Method;
use crate::remote::{adapter_failure, RemoteConnector, Transport};

/// OBP's default REST adapter base URL.
pub const DEFAULT_BASE_URL: &str = "http://localhost:8080/restConnector";
/// Default time to wait for an adapter's answer.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// The REST connector: OBP's messages over HTTP.
pub type RestConnector = RemoteConnector<RestTransport>;

/// HTTP to a REST adapter.
#[derive(Debug, Clone)]
pub struct RestTransport {
    client: reqwest::Client,
    base_url: String,
    /// The method whose routing's whole URL `base_url` is (no `/<methodName>` appended).
    routed: Option<Method>,
    timeout: Duration,
}

impl RemoteConnector<RestTransport> {
    /// OBP's name of this connector.
    pub const NAME: &'static str = "rest_vMar2019";

    /// A connector posting to `base_url` and waiting at most `timeout` per call.
    ///
    /// # Errors
    /// Fails when the HTTP client cannot be built (TLS or resolver setup).
    pub fn rest(base_url: impl Into<String>, timeout: Duration) -> ConnectorResult<Self> {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(256)
            .tcp_nodelay(true)
            .build()
            .map_err(ConnectorError::backend)?;
        Ok(Self::new(RestTransport {
            client,
            base_url: base_url.into(),
            routed: None,
            timeout,
        }))
    }

    /// The same connector (sharing its connection pool) serving `method` through its
    /// routing's `url` parameter, used verbatim as OBP does (no method name appended).
    ///
    /// A message this connector sends on the way for another method (e.g. reading the
    /// accounts of a payment) goes to `<url without its last /method>/<methodName>`.
    pub fn with_routing_url(&self, method: Method, url: impl Into<String>) -> Self {
        let t = self.transport();
        Self::new(RestTransport {
            client: t.client.clone(),
            base_url: url.into(),
            routed: Some(method),
            timeout: t.timeout,
        })
    }

    /// The base URL messages are posted under.
    pub fn base_url(&self) -> &str {
        &self.transport().base_url
    }
}

#[async_trait]
impl Transport for RestTransport {
    fn name(&self) -> &'static str {
        RestConnector::NAME
    }

    async fn exchange(
        &self,
        ctx: &CallContext,
        method: Method,
        outbound: Vec<u8>,
    ) -> ConnectorResult<Vec<u8>> {
        let url = self.url(ctx, method);
        let timeout = ctx
            .remaining()
            .map_or(self.timeout, |left| left.min(self.timeout));
        let response = self
            .client
            .post(&url)
            .timeout(timeout)
            .headers(obp_headers(ctx))
            .header("Correlation-Id", ctx.correlation_id())
            .header("x-timestamp", chrono::Utc::now().timestamp().to_string())
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(outbound)
            .send()
            .await
            .map_err(|e| transport_error(method, &e))?;
        let status = response.status();
        let body = response
            .bytes()
            .await
            .map_err(|e| transport_error(method, &e))?;
        if !status.is_success() {
            return Err(refused(method, status.as_u16(), &body));
        }
        Ok(body.to_vec())
    }
}

impl RestTransport {
    /// Where `method`'s message goes: `<base_url>/<methodName>`, or a routing's URL verbatim
    /// plus `/<bank-id>,<account-id>` when the user's auth context holds both (OBP `getUrl`).
    fn url(&self, ctx: &CallContext, method: Method) -> String {
        let base = self.base_url.trim_end_matches('/');
        match self.routed {
            None => return format!("{base}/{}", method.obp_name()),
            Some(routed) if routed != method => {
                let base = base
                    .strip_suffix(routed.obp_name())
                    .and_then(|b| b.strip_suffix('/'))
                    .unwrap_or(base);
                return format!("{base}/{}", method.obp_name());
            }
            Some(_) => {}
        }
        let pairs = ctx.user_auth_context();
        let find = |key: &str| pairs.iter().find(|p| p.key == key).map(|p| &p.value);
        match (find("bank-id"), find("account-id")) {
            (Some(bank), Some(account)) => format!("{}/{bank},{account}", self.base_url),
            _ => self.base_url.clone(),
        }
    }
}

/// OBP's `buildHeaders`: one header per user-auth-context pair but `private-key`, then one
/// per `Pass-Through-*` request header. A name or value HTTP cannot carry is left out.
fn obp_headers(ctx: &CallContext) -> reqwest::header::HeaderMap {
    use reqwest::header::{HeaderName, HeaderValue};
    let pairs = ctx
        .user_auth_context()
        .iter()
        .filter(|p| p.key != "private-key")
        .map(|p| (p.key.as_str(), p.value.as_str()))
        .chain(
            ctx.pass_through_headers()
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        );
    let mut headers = reqwest::header::HeaderMap::new();
    for (key, value) in pairs {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(key.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            headers.insert(name, value);
        }
    }
    headers
}

/// A non-2xx answer, read as OBP's `sendRequest` reads it (see the module docs).
fn refused(method: Method, status: u16, body: &[u8]) -> ConnectorError {
    /// OBP's `ErrorMessage` body.
    #[derive(serde::Deserialize)]
    struct ErrorMessage {
        message: String,
    }
    let text = String::from_utf8_lossy(body);
    tracing::warn!(%method, status, body = %text.chars().take(1000).collect::<String>(), "the adapter answered an error");
    if status == 404 {
        return adapter_failure(
            method,
            Some(status),
            vec![ErrorCode::ResourceDoesNotExist.message(None)],
        );
    }
    match serde_json::from_slice::<ErrorMessage>(body) {
        Ok(e) if e.message.trim().starts_with("OBP-") => {
            adapter_failure(method, Some(status), vec![e.message])
        }
        _ => ConnectorError::adapter(
            ErrorCode::AdapterUnknownError,
            format!("(method {method}) the adapter answered HTTP {status}."),
        ),
    }
}

fn transport_error(method: Method, e: &reqwest::Error) -> ConnectorError {
    if e.is_timeout() {
        tracing::warn!(%method, "adapter timed out");
        ConnectorError::Timeout { method }
    } else {
        tracing::warn!(%method, error = %e, "adapter unreachable");
        ConnectorError::adapter(
            ErrorCode::AdapterUnknownError,
            format!("(method {method}) the adapter cannot be reached."),
        )
    }
}
