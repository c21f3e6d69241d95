//! Connectors to a remote adapter speaking OBP's messages: `rest_vMar2019` (HTTP) and
//! `kafka_vMay2019` (Kafka topics) share everything but the wire.
//!
//! [`RemoteConnector`] turns each [`Connector`] call into OBP's `OutBound<Method>` message,
//! hands its JSON to a [`Transport`], and decodes the `InBound<Method>` answer. Decoding and
//! the mapping of adapter failures to OBP codes live here, once:
//! * a body that is not the expected `InBound<Method>`, or a success without `data`
//!   → OBP-50200 `InvalidConnectorResponse`;
//! * a non-empty `status.errorCode` (or a REST error answer) → the endpoint's own error with
//!   the adapter's OBP-prefixed messages chained after it, as OBP's `unboxFullOrFail` and
//!   `filterMessage` (APIUtil.scala) answer: e.g. `getBank` → 404 `OBP-30001: Bank not
//!   found. ... <- OBP-30001: <the adapter's text>` ([`adapter_failure`]). Messages that are
//!   not OBP-prefixed are logged, never shown.
//!
//! Transports map their own failures (timeouts → OBP-60014, unreachable → OBP-60013).

use async_trait::async_trait;
use obp_domain::context::CallContext;
use obp_domain::ids::BankId;
use obp_domain::message::{
    IdValue, InBound, InboundStatus, InvalidMessage, OutboundAdapterCallContext, UserCommons,
};
use obp_domain::ErrorCode;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::connector::Connector;
use crate::error::{ConnectorError, ConnectorResult};
use crate::method::table_types::*;
use crate::method::Method;

mod bank_data;
mod core_banking;
mod customer_data;
pub(crate) mod dynamic_entities;

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
    pub(super) async fn call<O: Serialize + Sync, D: DeserializeOwned>(
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
    let not_inbound = |e: serde_json::Error| {
        invalid_response(
            method,
            format!("the answer is not {}: {e}", method.inbound_name()),
        )
    };
    let mut json: serde_json::Value = serde_json::from_slice(body).map_err(not_inbound)?;
    drop_nulls(&mut json);
    let inbound: InBound<D> = serde_json::from_value(json).map_err(not_inbound)?;
    if inbound.status.has_error() {
        return Err(adapter_status_error(method, &inbound.status));
    }
    inbound
        .data
        .ok_or_else(|| invalid_response(method, "the answer has no data".to_owned()))
}

/// Reads a `null` member as an absent one, as OBP's `nullTolerateFormats` (its
/// `JNothingSerializer`, obp-commons `JsonSerializers.scala`) reads adapter replies: a field
/// the case class makes optional may be `null` or missing; a required one stays required.
fn drop_nulls(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(members) => {
            members.retain(|_, m| !m.is_null());
            members.values_mut().for_each(drop_nulls);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

/// OBP-50200 `InvalidConnectorResponse` for `method`, logged.
pub fn invalid_response(method: Method, why: String) -> ConnectorError {
    tracing::warn!(%method, %why, "invalid adapter response");
    ConnectorError::adapter(
        ErrorCode::InvalidConnectorResponse,
        format!("(method {method}) {why}"),
    )
}

pub(super) fn invalid_data(method: Method, e: InvalidMessage) -> ConnectorError {
    invalid_response(method, e.to_string())
}

/// Maps a failed inbound status (OBP's `convertToTuple`): the adapter's `errorCode` and
/// backend message texts become the failure's chain (see [`adapter_failure`]).
pub fn adapter_status_error(method: Method, status: &InboundStatus) -> ConnectorError {
    let code_text = status.error_code.trim();
    let mut messages = vec![code_text.to_owned()];
    messages.extend(
        status
            .backend_messages
            .iter()
            .map(|m| m.text.trim().to_owned())
            .filter(|t| !t.is_empty()),
    );
    tracing::warn!(%method, error_code = %code_text, details = ?messages, "the adapter reported an error");
    adapter_failure(method, None, messages)
}

/// Most adapter messages chained after the endpoint's error.
const MAX_CHAINED_MESSAGES: usize = 5;
/// Longest adapter message shown, in characters.
const MAX_CHAINED_MESSAGE_CHARS: usize = 500;

/// The error of a call the adapter refused on purpose, as OBP's `unboxFullOrFail` surfaces it:
/// the endpoint's own error ([`endpoint_failure`]) with the adapter's OBP-prefixed `messages`
/// chained after it. `status` is the adapter's HTTP status (REST), if any.
///
/// For a method whose endpoint error is not listed, the code of the adapter's first message
/// when the platform knows it as a client error (answered with the adapter's 4xx status when
/// it gave one), else OBP's `connectorEmptyResponse`: 400 OBP-50200. Without any
/// OBP-prefixed message there is nothing the client may see: 502 OBP-60013.
pub fn adapter_failure(
    method: Method,
    status: Option<u16>,
    messages: Vec<String>,
) -> ConnectorError {
    // At most a few messages of bounded length reach the client.
    let chain: Vec<String> = messages
        .into_iter()
        .map(|m| m.trim().to_owned())
        .filter(|m| m.starts_with("OBP-"))
        .take(MAX_CHAINED_MESSAGES)
        .map(|m| m.chars().take(MAX_CHAINED_MESSAGE_CHARS).collect())
        .collect();
    if let Some((code, status)) = endpoint_failure(method) {
        return ConnectorError::AdapterFailure {
            code,
            status,
            chain,
        };
    }
    let Some(first) = chain.first() else {
        return ConnectorError::adapter(
            ErrorCode::AdapterUnknownError,
            format!("(method {method}) the adapter reported an error without an OBP message."),
        );
    };
    let known = first
        .split(':')
        .next()
        .and_then(|c| ErrorCode::from_obp_str(c.trim()))
        // Only a client error about the data: an adapter cannot make a logged-in caller
        // "unauthenticated" (401) or "forbidden" (403), nor pass a server fault on as one.
        .filter(|c| !c.is_server_fault() && !matches!(c.status(), 401 | 403));
    let (code, status) = match known {
        Some(code) => (
            code,
            status.filter(|s| (400..500).contains(s) && !matches!(s, 401 | 403)),
        ),
        None => (ErrorCode::InvalidConnectorResponse, Some(400)),
    };
    ConnectorError::AdapterFailure {
        code,
        status,
        chain,
    }
}

/// The error (and status, when not the code's own) OBP's endpoints answer when `method`
/// fails, from its `NewStyle` wrappers (NewStyle.scala): `getBank` 404 OBP-30001,
/// `getBankAccount`/`checkBankAccountExists` 404 OBP-30018, `getTransaction` 404 OBP-30067,
/// `getCustomerByCustomerId` 404 OBP-30046; `getBanks` and `getAdapterInfo` use
/// `connectorEmptyResponse`: 400 OBP-50200.
fn endpoint_failure(method: Method) -> Option<(ErrorCode, Option<u16>)> {
    match method {
        Method::GetBank => Some((ErrorCode::BankNotFound, None)),
        Method::GetBankAccount => Some((ErrorCode::BankAccountNotFound, None)),
        Method::GetTransaction => Some((ErrorCode::TransactionNotFound, None)),
        Method::GetCustomerByCustomerId => Some((ErrorCode::CustomerNotFoundByCustomerId, None)),
        Method::GetBanks | Method::GetAdapterInfo => {
            Some((ErrorCode::InvalidConnectorResponse, Some(400)))
        }
        _ => None,
    }
}

/// `limit` asking for every item (OBP's `Int` maximum).
pub(super) const ALL_ITEMS: u32 = 2_147_483_647;

pub(super) fn octx(ctx: &CallContext) -> OutboundAdapterCallContext {
    OutboundAdapterCallContext::from_call_context(ctx)
}

/// The caller as OBP's `User` (empty for anonymous calls).
pub(super) fn initiator(ctx: &CallContext) -> UserCommons {
    ctx.user()
        .map(|u| UserCommons {
            user_id: u.user_id.clone(),
            id_given_by_provider: u.username.clone(),
            provider: u.provider.clone(),
            email_address: u.email.clone(),
            name: u.username.clone(),
        })
        .unwrap_or_default()
}

/// A bank id as OBP's id object (`{"value": ...}`).
fn bank_value(b: &BankId) -> IdValue {
    IdValue::new(b.as_str())
}

impl<T: Transport> RemoteConnector<T> {
    /// [`Self::call`] for a list of `W`, each converted into the platform's `D`; an item that
    /// does not convert makes the answer invalid (OBP-50200).
    async fn call_list<O, W, D>(
        &self,
        ctx: &CallContext,
        method: Method,
        out: &O,
    ) -> ConnectorResult<Vec<D>>
    where
        O: Serialize + Sync,
        W: DeserializeOwned + TryInto<D, Error = InvalidMessage>,
    {
        let items: Vec<W> = self.call(ctx, method, out).await?;
        items
            .into_iter()
            .map(|w| w.try_into().map_err(|e| invalid_data(method, e)))
            .collect()
    }

    /// [`Self::call`], then converts the message type `W` into the platform's `D`; a value
    /// that does not convert is an invalid response (OBP-50200).
    pub(super) async fn call_as<O, W, D>(
        &self,
        ctx: &CallContext,
        method: Method,
        out: &O,
    ) -> ConnectorResult<D>
    where
        O: Serialize + Sync,
        W: DeserializeOwned + TryInto<D, Error = InvalidMessage>,
    {
        let wire: W = self.call(ctx, method, out).await?;
        wire.try_into().map_err(|e| invalid_data(method, e))
    }
}

/// Emits the remote connector's [`Connector`] implementation from the method table
/// ([`crate::method::for_each_method!`]): each method calls `<module>::<method>` of its
/// `#[remote(module)]` entry, which sends OBP's message; `#[remote(trait_default)]` keeps the
/// trait's default.
macro_rules! remote_connector {
    ($(
        #[method($variant:ident = $obp:literal, $desc:literal)]
        #[star(bank_scoped: $scoped:literal, $($route:tt)*)]
        #[remote($remote:ident)]
        $(#[doc = $doc:literal])*
        async fn $name:ident(&$self:ident, $ctx:ident: $ctx_ty:ty $(, $arg:ident: $ty:ty)* $(,)?)
            -> ConnectorResult<$ret:ty> $body:tt
    )+) => {
        #[async_trait]
        impl<T: Transport> Connector for RemoteConnector<T> {
            fn name(&self) -> &'static str {
                self.transport.name()
            }

            $(
                async fn $name(&$self, $ctx: $ctx_ty $(, $arg: $ty)*) -> ConnectorResult<$ret> {
                    remote_call!($self, $variant, $name, $ctx, ($($arg),*), $remote, $body)
                }
            )+
        }
    };
}

/// The body of one remote method (see [`remote_connector!`]). A method that sends a message
/// first reads the user's auth info into the call context (once per request), so the
/// message's `outboundAdapterAuthInfo` carries it.
macro_rules! remote_call {
    ($self:ident, $variant:ident, $name:ident, $ctx:ident, ($($arg:ident),*), trait_default, $body:tt) => {{
        // A default without a body does not read its arguments.
        let _ = (&$ctx $(, &$arg)*);
        crate::connector::trait_default!($self, $variant, $body)
    }};
    ($self:ident, $variant:ident, $name:ident, $ctx:ident, ($($arg:ident),*), $module:ident, $body:tt) => {{
        $ctx.load_auth_info()
            .await
            .map_err(ConnectorError::Backend)?;
        $module::$name($self, $ctx, $($arg),*).await
    }};
}

crate::method::for_each_method!(remote_connector);

#[cfg(test)]
mod tests {
    use super::*;
    use obp_domain::account::BankAccount;
    use obp_domain::bank::Bank;
    use obp_domain::error::HasErrorCode;
    use obp_domain::message::{BankAccountCommons, BankCommons, InboundAdapterInfoInternal};
    use serde_json::{json, Value};

    fn bank_reply(data: Value, status: Value) -> Vec<u8> {
        serde_json::to_vec(&json!({
            "inboundAdapterCallContext": {"correlationId": "c", "sessionId": null,
                                          "generalContext": null},
            "status": status,
            "data": data,
        }))
        .unwrap()
    }

    fn decode_bank(body: &[u8]) -> ConnectorResult<Bank> {
        let b: BankCommons = decode_inbound(Method::GetBank, body)?;
        Bank::try_from(b).map_err(|e| invalid_data(Method::GetBank, e))
    }

    fn account(overrides: Value) -> Value {
        let mut a = json!({
            "accountId": {"value": "a1"}, "accountType": "CURRENT", "balance": "10.50",
            "currency": "EUR", "name": "Alice", "label": "L", "number": "123",
            "bankId": {"value": "b1"}, "lastUpdate": "2024-01-02T03:04:05Z", "branchId": "br",
            "accountRoutings": [{"scheme": "IBAN", "address": "DE89"}],
            "accountRules": [], "accountHolder": "Alice",
        });
        for (k, v) in overrides.as_object().unwrap() {
            a[k] = v.clone();
        }
        a
    }

    fn decode_account(data: Value) -> ConnectorResult<BankAccount> {
        let body = bank_reply(data, json!({"errorCode": "", "backendMessages": []}));
        let a: BankAccountCommons = decode_inbound(Method::GetBankAccount, &body)?;
        BankAccount::try_from(a).map_err(|e| invalid_data(Method::GetBankAccount, e))
    }

    fn is_invalid_response<T: std::fmt::Debug>(r: ConnectorResult<T>) -> bool {
        matches!(r, Err(e) if e.code() == ErrorCode::InvalidConnectorResponse)
    }

    #[test]
    fn nulls_and_missing_optional_fields_are_tolerated_as_obp_does() {
        // OBP reads replies with nullTolerateFormats: `null` and missing text fields are
        // accepted, `"errorCode": null` means success.
        let body = bank_reply(
            json!({"bankId": {"value": "gh.29.uk"}, "shortName": "GH", "fullName": null,
                   "logoUrl": null, "websiteUrl": null, "bankRoutingScheme": "BIC",
                   "bankRoutingAddress": "GHUKGB22", "swiftBic": null}),
            json!({"errorCode": null, "backendMessages": null}),
        );
        let bank = decode_bank(&body).unwrap();
        assert_eq!(bank.id.as_str(), "gh.29.uk");
        assert_eq!(bank.short_name, "GH");
        assert_eq!(bank.swift_bic, "");
        assert_eq!(bank.full_name, "");
        assert_eq!(bank.national_identifier, "");

        // Only the id: every other field of BankCommons is text OBP would read as null.
        let body = bank_reply(json!({"bankId": {"value": "b"}}), json!({}));
        assert_eq!(decode_bank(&body).unwrap().id.as_str(), "b");

        // Backend messages with nulls, and no inbound call context at all.
        let body = serde_json::to_vec(&json!({
            "status": {"errorCode": "", "backendMessages": [
                {"source": null, "status": "ok", "errorCode": null, "text": null,
                 "duration": null}]},
            "data": {"name": "adapter", "version": null, "git_commit": null, "date": null,
                     "errorCode": null, "backendMessages": null}}))
        .unwrap();
        let info: InboundAdapterInfoInternal =
            decode_inbound(Method::GetAdapterInfo, &body).unwrap();
        assert_eq!(info.name, "adapter");
        assert_eq!(info.version, "");

        let a = decode_account(account(json!({
            "label": null, "accountRules": null, "accountHolder": null, "branchId": null,
            "lastUpdate": null, "accountRoutings": null, "number": null, "name": "Alice",
        })))
        .unwrap();
        assert_eq!(a.holder_name, "Alice");
        assert!(a.routings.is_empty());
        assert_eq!(a.balance.amount().to_string(), "10.50");
    }

    #[test]
    fn an_error_code_with_nulls_is_still_an_error() {
        let body = bank_reply(
            Value::Null,
            json!({"errorCode": "OBP-30001", "backendMessages": [
                {"source": "CBS", "status": null, "errorCode": null, "text": null}]}),
        );
        let err = decode_bank(&body).unwrap_err();
        assert!(err.is_not_found(), "{err:?}");
        assert_eq!(err.code(), ErrorCode::BankNotFound);
        assert_eq!(err.detail(), None);
        // Success without data is no answer.
        let body = bank_reply(Value::Null, json!({"errorCode": null}));
        assert!(is_invalid_response(decode_bank(&body)));
    }

    #[test]
    fn required_fields_and_wrong_types_are_refused_as_obp_does() {
        // The id is required, and OBP's ids are objects: a bare string is refused.
        for data in [
            json!({"shortName": "GH"}),
            json!({"bankId": null, "shortName": "GH"}),
            json!({"bankId": "gh.29.uk"}),
            json!({"bankId": {"value": 7}}),
        ] {
            let body = bank_reply(data.clone(), json!({"errorCode": ""}));
            assert!(is_invalid_response(decode_bank(&body)), "{data}");
        }
        // A status is required.
        let body = serde_json::to_vec(&json!({"data": {"bankId": {"value": "b"}}})).unwrap();
        assert!(is_invalid_response(decode_bank(&body)));
        // Amounts are strings (a JSON number is refused, as OBP's BigDecimal serializer does),
        // and required.
        for over in [
            json!({"balance": 10.5}),
            json!({"balance": null}),
            json!({"balance": "ten"}),
            json!({"accountId": "a1"}),
            json!({"bankId": null}),
            json!({"currency": null}),
            json!({"accountRoutings": {"scheme": "IBAN"}}),
        ] {
            assert!(
                is_invalid_response(decode_account(account(over.clone()))),
                "{over}"
            );
        }
        // Text given as a number is refused too.
        let body = bank_reply(
            json!({"bankId": {"value": "b"}, "shortName": 5}),
            json!({"errorCode": ""}),
        );
        assert!(is_invalid_response(decode_bank(&body)));
    }

    #[test]
    fn an_adapter_cannot_answer_for_the_callers_login_and_its_texts_are_bounded() {
        let err = adapter_failure(
            Method::GetAtms,
            Some(401),
            vec!["OBP-20001: User not logged in. Authentication is required!".to_owned()],
        );
        assert_eq!(err.code(), ErrorCode::InvalidConnectorResponse);
        assert!(!err.is_not_found());
        let many: Vec<String> = (0..20)
            .map(|i| format!("OBP-30001: {i} {}", "x".repeat(5000)))
            .collect();
        let err = adapter_failure(Method::GetAtms, Some(404), many);
        assert_eq!(err.code(), ErrorCode::BankNotFound);
        assert!(err.is_not_found());
        let detail = err.detail().unwrap_or_default();
        assert_eq!(detail.matches("OBP-30001").count(), 5, "{detail}");
        assert!(detail.len() < 5 * 510, "{}", detail.len());
    }
}
