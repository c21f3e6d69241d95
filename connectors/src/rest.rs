//! The REST connector (`rest_vMar2019`): each method is an HTTP `POST` of OBP's
//! `OutBound<Method>` JSON to `<base_url>/<methodName>`, answered by `InBound<Method>` JSON.
//!
//! Failures map to OBP codes in one place ([`RestConnector::call`]):
//! * no answer within the timeout (the smaller of the configured timeout and the call's
//!   deadline) → OBP-60014 `AdapterTimeOutError`;
//! * connection refused and other transport failures → OBP-60013 `AdapterUnknownError`;
//! * a non-2xx status, a body that is not the expected `InBound<Method>`, or a success
//!   without `data` → OBP-50200 `InvalidConnectorResponse`;
//! * a non-empty `status.errorCode` → that OBP code when it is one the platform knows
//!   (`OBP-30001` answers 404 like the mapped connector would), otherwise OBP-60013 with the
//!   backend messages as detail (OBP's `CoreBank - Status.errorCode: ...`).

use std::time::Duration;

use async_trait::async_trait;
use obp_domain::account::{BankAccount, Transaction};
use obp_domain::bank::Bank;
use obp_domain::context::CallContext;
use obp_domain::ids::{AccountId, BankId};
use obp_domain::ledger::AccountRef;
use obp_domain::message::{
    format_date, BankIdAccountId, IdValue, InBound, InboundStatus, InvalidMessage,
    OutBoundGetAdapterInfo, OutBoundGetBank, OutBoundGetBankAccount, OutBoundGetBankAccounts,
    OutBoundGetBanks, OutBoundGetTransaction, OutBoundGetTransactions, OutboundAdapterCallContext,
};
use obp_domain::query::OffsetLimitQuery;
use obp_domain::ErrorCode;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::connector::{AdapterInfo, Connector};
use crate::error::{ConnectorError, ConnectorResult};
use crate::method::Method;

/// OBP's default REST adapter base URL.
pub const DEFAULT_BASE_URL: &str = "http://localhost:8080/restConnector";
/// Default time to wait for an adapter's answer.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Talks to a REST adapter.
#[derive(Debug, Clone)]
pub struct RestConnector {
    client: reqwest::Client,
    base_url: String,
    timeout: Duration,
}

impl RestConnector {
    /// OBP's name of this connector.
    pub const NAME: &'static str = "rest_vMar2019";

    /// A connector posting to `base_url` and waiting at most `timeout` per call.
    ///
    /// # Errors
    /// Fails when the HTTP client cannot be built (TLS or resolver setup).
    pub fn new(base_url: impl Into<String>, timeout: Duration) -> ConnectorResult<Self> {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(256)
            .tcp_nodelay(true)
            .build()
            .map_err(ConnectorError::backend)?;
        Ok(Self {
            client,
            base_url: base_url.into(),
            timeout,
        })
    }

    /// The same connector (sharing its connection pool) posting to another base URL; used
    /// for a method routing's `url` parameter.
    pub fn with_base_url(&self, base_url: impl Into<String>) -> Self {
        Self {
            client: self.client.clone(),
            base_url: base_url.into(),
            timeout: self.timeout,
        }
    }

    /// The base URL messages are posted under.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Posts `out` for `method` and decodes the `InBound<Method>` answer's data.
    async fn call<O: Serialize + Sync, T: DeserializeOwned>(
        &self,
        ctx: &CallContext,
        method: Method,
        out: &O,
    ) -> ConnectorResult<T> {
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
            .json(out)
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
        let inbound: InBound<T> = serde_json::from_slice(&body).map_err(|e| {
            invalid_response(
                method,
                format!("the answer is not {}: {e}", method.inbound_name()),
            )
        })?;
        if inbound.status.has_error() {
            return Err(adapter_status_error(method, &inbound.status));
        }
        inbound
            .data
            .ok_or_else(|| invalid_response(method, "the answer has no data".to_owned()))
    }

    fn context(ctx: &CallContext) -> OutboundAdapterCallContext {
        OutboundAdapterCallContext::from_call_context(ctx)
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

fn invalid_response(method: Method, why: String) -> ConnectorError {
    tracing::warn!(%method, %why, "invalid adapter response");
    ConnectorError::adapter(
        ErrorCode::InvalidConnectorResponse,
        format!("(method {method}) {why}"),
    )
}

fn invalid_data(method: Method, e: InvalidMessage) -> ConnectorError {
    invalid_response(method, e.to_string())
}

/// Maps a failed inbound status to the adapter's OBP code when the platform knows it.
pub fn adapter_status_error(method: Method, status: &InboundStatus) -> ConnectorError {
    let code_text = status.error_code.trim();
    let code_only = code_text.split(':').next().unwrap_or(code_text).trim();
    let details: Vec<&str> = status
        .backend_messages
        .iter()
        .map(|m| m.text.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    match ErrorCode::from_obp_str(code_only) {
        Some(code) if code.status() == 404 => ConnectorError::NotFound { code },
        Some(code) => ConnectorError::Rejected {
            code,
            detail: (!details.is_empty()).then(|| details.join("; ")),
        },
        None => ConnectorError::adapter(
            ErrorCode::AdapterUnknownError,
            format!(
                "(method {method}) CoreBank - Status.errorCode: {code_text}. Error.details: {}",
                details.join("; ")
            ),
        ),
    }
}

#[async_trait]
impl Connector for RestConnector {
    fn name(&self) -> &'static str {
        Self::NAME
    }

    async fn get_adapter_info(&self, ctx: &CallContext) -> ConnectorResult<AdapterInfo> {
        let out = OutBoundGetAdapterInfo {
            outbound_adapter_call_context: Self::context(ctx),
        };
        let info: obp_domain::message::InboundAdapterInfoInternal =
            self.call(ctx, Method::GetAdapterInfo, &out).await?;
        Ok(AdapterInfo {
            name: info.name,
            version: info.version,
            git_commit: info.git_commit,
            date: info.date,
        })
    }

    async fn get_banks(&self, ctx: &CallContext) -> ConnectorResult<Vec<Bank>> {
        let out = OutBoundGetBanks {
            outbound_adapter_call_context: Self::context(ctx),
        };
        let banks: Vec<obp_domain::message::BankCommons> =
            self.call(ctx, Method::GetBanks, &out).await?;
        banks
            .into_iter()
            .map(|b| Bank::try_from(b).map_err(|e| invalid_data(Method::GetBanks, e)))
            .collect()
    }

    async fn get_bank(&self, ctx: &CallContext, bank_id: &BankId) -> ConnectorResult<Bank> {
        let out = OutBoundGetBank {
            outbound_adapter_call_context: Self::context(ctx),
            bank_id: IdValue::new(bank_id.as_str()),
        };
        let bank: obp_domain::message::BankCommons = self.call(ctx, Method::GetBank, &out).await?;
        Bank::try_from(bank).map_err(|e| invalid_data(Method::GetBank, e))
    }

    async fn get_bank_account(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
    ) -> ConnectorResult<BankAccount> {
        let out = OutBoundGetBankAccount {
            outbound_adapter_call_context: Self::context(ctx),
            bank_id: IdValue::new(bank_id.as_str()),
            account_id: IdValue::new(account_id.as_str()),
        };
        let acc: obp_domain::message::BankAccountCommons =
            self.call(ctx, Method::GetBankAccount, &out).await?;
        BankAccount::try_from(acc).map_err(|e| invalid_data(Method::GetBankAccount, e))
    }

    async fn get_bank_accounts(
        &self,
        ctx: &CallContext,
        accounts: &[AccountRef],
    ) -> ConnectorResult<Vec<BankAccount>> {
        let out = OutBoundGetBankAccounts {
            outbound_adapter_call_context: Self::context(ctx),
            bank_id_account_ids: accounts
                .iter()
                .map(|r| BankIdAccountId {
                    bank_id: IdValue::new(r.bank_id.as_str()),
                    account_id: IdValue::new(r.account_id.as_str()),
                })
                .collect(),
        };
        let accs: Vec<obp_domain::message::BankAccountCommons> =
            self.call(ctx, Method::GetBankAccounts, &out).await?;
        accs.into_iter()
            .map(|a| BankAccount::try_from(a).map_err(|e| invalid_data(Method::GetBankAccounts, e)))
            .collect()
    }

    async fn get_transactions(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
        query: &OffsetLimitQuery,
    ) -> ConnectorResult<Vec<Transaction>> {
        let out = OutBoundGetTransactions {
            outbound_adapter_call_context: Self::context(ctx),
            bank_id: IdValue::new(bank_id.as_str()),
            account_id: IdValue::new(account_id.as_str()),
            limit: query.limit,
            offset: query.offset,
            from_date: format_date(query.from_date),
            to_date: format_date(query.to_date),
        };
        let ts: Vec<obp_domain::message::TransactionCommons> =
            self.call(ctx, Method::GetTransactions, &out).await?;
        ts.into_iter()
            .map(|t| Transaction::try_from(t).map_err(|e| invalid_data(Method::GetTransactions, e)))
            .collect()
    }

    async fn get_transaction(
        &self,
        ctx: &CallContext,
        bank_id: &BankId,
        account_id: &AccountId,
        transaction_id: &str,
    ) -> ConnectorResult<Transaction> {
        let out = OutBoundGetTransaction {
            outbound_adapter_call_context: Self::context(ctx),
            bank_id: IdValue::new(bank_id.as_str()),
            account_id: IdValue::new(account_id.as_str()),
            transaction_id: IdValue::new(transaction_id),
        };
        let t: obp_domain::message::TransactionCommons =
            self.call(ctx, Method::GetTransaction, &out).await?;
        Transaction::try_from(t).map_err(|e| invalid_data(Method::GetTransaction, e))
    }
}
