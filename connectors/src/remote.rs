//! Connectors to a remote adapter speaking OBP's messages: `rest_vMar2019` (HTTP) and
//! `kafka_vMay2019` (Kafka topics) share everything but the wire.
//!
//! [`RemoteConnector`] turns each [`Connector`] call into OBP's `OutBound<Method>` message,
//! hands its JSON to a [`Transport`], and decodes the `InBound<Method>` answer. Decoding and
//! the mapping of adapter failures to OBP codes live here, once:
//! * a body that is not the expected `InBound<Method>`, or a success without `data`
//!   → OBP-50200 `InvalidConnectorResponse`;
//! * a non-empty `status.errorCode` → that OBP code when the platform knows it (`OBP-30001`
//!   answers 404 like the mapped connector would), otherwise OBP-60013 with the backend
//!   messages as detail (OBP's `CoreBank - Status.errorCode: ...`).
//!
//! Transports map their own failures (timeouts → OBP-60014, unreachable → OBP-60013).

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

/// How a remote connector's messages travel: one request, one reply.
#[async_trait]
pub trait Transport: Send + Sync + std::fmt::Debug + 'static {
    /// OBP's name of the connector using this transport (`rest_vMar2019`, `kafka_vMay2019`).
    fn name(&self) -> &'static str;

    /// Sends the compact JSON of `OutBound<Method>` and returns the raw JSON of the answer.
    ///
    /// # Errors
    /// The transport's own failures, already mapped to OBP codes (timeout → OBP-60014,
    /// unreachable adapter → OBP-60013, a refused request → OBP-50200).
    async fn exchange(
        &self,
        ctx: &CallContext,
        method: Method,
        outbound: Vec<u8>,
    ) -> ConnectorResult<Vec<u8>>;
}

/// A connector that sends OBP's messages through a [`Transport`].
#[derive(Debug, Clone)]
pub struct RemoteConnector<T> {
    transport: T,
}

impl<T: Transport> RemoteConnector<T> {
    /// A connector over `transport`.
    pub fn new(transport: T) -> Self {
        Self { transport }
    }

    /// The transport under this connector.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// Sends `out` for `method` and decodes the `InBound<Method>` answer's data.
    async fn call<O: Serialize + Sync, D: DeserializeOwned>(
        &self,
        ctx: &CallContext,
        method: Method,
        out: &O,
    ) -> ConnectorResult<D> {
        let body = serde_json::to_vec(out).map_err(ConnectorError::backend)?;
        let reply = self.transport.exchange(ctx, method, body).await?;
        decode_inbound(method, &reply)
    }
}

/// Decodes an adapter's `InBound<Method>` answer: its data, or the OBP error it carries.
///
/// # Errors
/// OBP-50200 for a malformed answer or one without data; the adapter's status as an OBP error.
pub fn decode_inbound<D: DeserializeOwned>(method: Method, body: &[u8]) -> ConnectorResult<D> {
    let inbound: InBound<D> = serde_json::from_slice(body).map_err(|e| {
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

/// OBP-50200 `InvalidConnectorResponse` for `method`, logged.
pub fn invalid_response(method: Method, why: String) -> ConnectorError {
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
impl<T: Transport> Connector for RemoteConnector<T> {
    fn name(&self) -> &'static str {
        self.transport.name()
    }

    async fn get_adapter_info(&self, ctx: &CallContext) -> ConnectorResult<AdapterInfo> {
        let out = OutBoundGetAdapterInfo {
            outbound_adapter_call_context: OutboundAdapterCallContext::from_call_context(ctx),
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
            outbound_adapter_call_context: OutboundAdapterCallContext::from_call_context(ctx),
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
            outbound_adapter_call_context: OutboundAdapterCallContext::from_call_context(ctx),
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
            outbound_adapter_call_context: OutboundAdapterCallContext::from_call_context(ctx),
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
            outbound_adapter_call_context: OutboundAdapterCallContext::from_call_context(ctx),
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
            outbound_adapter_call_context: OutboundAdapterCallContext::from_call_context(ctx),
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
            outbound_adapter_call_context: OutboundAdapterCallContext::from_call_context(ctx),
            bank_id: IdValue::new(bank_id.as_str()),
            account_id: IdValue::new(account_id.as_str()),
            transaction_id: IdValue::new(transaction_id),
        };
        let t: obp_domain::message::TransactionCommons =
            self.call(ctx, Method::GetTransaction, &out).await?;
        Transaction::try_from(t).map_err(|e| invalid_data(Method::GetTransaction, e))
    }
}
