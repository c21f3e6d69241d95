//! The REST connector (`rest_vMar2019`): each method is an HTTP `POST` of OBP's
//! `OutBound<Method>` JSON to `<base_url>/<methodName>`, answered by `InBound<Method>` JSON.
//! Messages are built and decoded by [`RemoteConnector`]; this module is the HTTP wire.
//!
//! Transport failures map to OBP codes in one place ([`RestTransport::exchange`]):
//! * no answer within the timeout (the smaller of the configured timeout and the call's
//!   deadline) → OBP-60014 `AdapterTimeOutError`;
//! * connection refused and other transport failures → OBP-60013 `AdapterUnknownError`;
//! * a non-2xx status → OBP-50200 `InvalidConnectorResponse`.

use std::time::Duration;

use async_trait::async_trait;
use obp_domain::context::CallContext;
use obp_domain::message::format_date;
use obp_domain::ErrorCode;

use crate::error::{ConnectorError, ConnectorResult};
use crate::method::Method;
use crate::remote::{invalid_response, RemoteConnector, Transport};

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
            timeout,
        }))
    }

    /// The same connector (sharing its connection pool) posting to another base URL; used
    /// for a method routing's `url` parameter.
    pub fn with_base_url(&self, base_url: impl Into<String>) -> Self {
        let t = self.transport();
        Self::new(RestTransport {
            client: t.client.clone(),
            base_url: base_url.into(),
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
        let url = format!(
            "{}/{}",
            self.base_url.trim_end_matches('/'),
            method.obp_name()
        );
        let timeout = ctx
            .remaining()
            .map_or(self.timeout, |left| left.min(self.timeout));
        let response = self
            .client
            .post(&url)
            .timeout(timeout)
            .header("Correlation-Id", ctx.correlation_id())
            .header("x-timestamp", format_date(chrono::Utc::now()))
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
            return Err(invalid_response(
                method,
                format!("the adapter answered HTTP {}", status.as_u16()),
            ));
        }
        Ok(body.to_vec())
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
