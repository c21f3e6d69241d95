//! The adapter's own wire types: OBP's connector messages as serde types, written from OBP's
//! contract (OBP-API `obp-commons` `JsonsTransfer.scala`, `CommonModel.scala`,
//! `BankingModel.scala`, `CommonModelTrait.scala`, `PhysicalCardModel.scala` at commit
//! 91e4e2b3) and, for the messages OBP has no case class for, from the platform's message
//! docs. They share nothing with the platform's own message types: the adapter checks the
//! platform against OBP, it does not mirror it.
//!
//! JSON rules (OBP's `JsonSerializers` on lift-json `DefaultFormats`):
//! * field names are the case classes' (camelCase, or OBP's own spelling: `git_commit`,
//!   `transaction_ids`, `mStaffName`, ...);
//! * ids (`BankId`, `AccountId`, `TransactionId`, ...) are objects `{"value": "..."}` ([`Id`]);
//!   a plain string is refused;
//! * `BigDecimal` is a JSON string ([`Decimal`]); a JSON number is refused;
//! * `Date` is `yyyy-MM-dd'T'HH:mm:ss'Z'` ([`Date`]); the query bounds `fromDate`/`toDate`
//!   are `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` ([`QueryDate`], OBP's `OBPQueryParam`);
//! * `Option` fields are omitted when `None`; every other field is always sent, so decoding
//!   an outbound message requires it.
//!
//! Decoding is strict where OBP is: a field OBP always sends must be there with OBP's type.
//! Fields beyond OBP's case classes are the platform's documented *extensions*: optional,
//! marked *Extension* here, and ignored by an adapter written for OBP.

pub mod bank_data;
pub mod commons;
pub mod core_banking;
pub mod customer_data;
pub mod dynamic_entity;

use std::fmt;

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

// ------------------------------------------------------------------ primitives

/// OBP's id case classes (`BankId`, `AccountId`, `TransactionId`, `CounterpartyId`, `ViewId`,
/// `TransactionRequestId`, `TransactionRequestType`, `BranchId`, `AtmId`, `ProductCode`,
/// `CustomerId`): `{"value": "..."}`. Only a JSON object with a string `value` is accepted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Id {
    /// The id.
    pub value: String,
}

impl Id {
    /// Wraps an id.
    pub fn new(value: impl Into<String>) -> Self {
        Self {
            value: value.into(),
        }
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct IdVisitor;
        impl<'de> Visitor<'de> for IdVisitor {
            type Value = Id;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#"an OBP id object {"value": "..."}"#)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Id, A::Error> {
                let mut value = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key == "value" {
                        if value.is_some() {
                            return Err(de::Error::duplicate_field("value"));
                        }
                        value = Some(map.next_value::<String>()?);
                    } else {
                        map.next_value::<de::IgnoredAny>()?;
                    }
                }
                value
                    .map(|value| Id { value })
                    .ok_or_else(|| de::Error::missing_field("value"))
            }
        }
        d.deserialize_map(IdVisitor)
    }
}

/// OBP's `BigDecimal`: a decimal number as a JSON string (`"-12.50"`, `"1E+3"`); a JSON
/// number is refused, as OBP's `BigDecimalSerializer` refuses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Decimal(String);

impl Decimal {
    /// The decimal `d` as OBP writes it.
    pub fn new(d: rust_decimal::Decimal) -> Self {
        Self(d.to_string())
    }

    /// The decimal as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The decimal as a number (plain or scientific notation).
    ///
    /// # Errors
    /// A text that is not a decimal (never for a decoded value) or out of range.
    pub fn to_decimal(&self) -> Result<rust_decimal::Decimal, rust_decimal::Error> {
        parse_decimal(&self.0)
    }
}

/// A decimal in plain or Java `BigDecimal.toString` scientific notation.
fn parse_decimal(s: &str) -> Result<rust_decimal::Decimal, rust_decimal::Error> {
    if s.contains(['e', 'E']) {
        rust_decimal::Decimal::from_scientific(s)
    } else {
        s.parse()
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct DecimalVisitor;
        impl Visitor<'_> for DecimalVisitor {
            type Value = Decimal;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a BigDecimal as a JSON string")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Decimal, E> {
                parse_decimal(s)
                    .map(|_| Decimal(s.to_owned()))
                    .map_err(|e| E::custom(format!("{s:?} is not a decimal: {e}")))
            }
        }
        d.deserialize_str(DecimalVisitor)
    }
}

/// OBP's `Date` format (lift-json `DefaultFormats`): `yyyy-MM-dd'T'HH:mm:ss'Z'`, UTC.
pub const DATE_FORMAT: &str = "%Y-%m-%dT%H:%M:%SZ";

/// OBP's query bound format (`APIUtil.DateWithMsFormat`): `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`.
pub const QUERY_DATE_FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.3fZ";

/// `d` as OBP writes a `Date`: `yyyy-MM-dd'T'HH:mm:ss'Z'` (whole seconds).
pub fn format_date(d: DateTime<Utc>) -> String {
    d.format(DATE_FORMAT).to_string()
}

/// `d` as OBP writes a query bound: `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`.
pub fn format_query_date(d: DateTime<Utc>) -> String {
    d.format(QUERY_DATE_FORMAT).to_string()
}

/// Reads `s` in exactly `format` (one of [`DATE_FORMAT`], [`QUERY_DATE_FORMAT`]).
fn parse_exact(s: &str, format: &str, len: usize) -> Result<DateTime<Utc>, String> {
    // chrono accepts shorter fields (`2024-1-2`); OBP's SimpleDateFormat pattern has fixed
    // widths, so the length is checked too.
    if s.len() != len {
        return Err(format!("{s:?} is not in OBP's format {format}"));
    }
    NaiveDateTime::parse_from_str(s, format)
        .map(|n| Utc.from_utc_datetime(&n))
        .map_err(|e| format!("{s:?} is not in OBP's format {format}: {e}"))
}

/// Reads an OBP `Date`: exactly `yyyy-MM-dd'T'HH:mm:ss'Z'`.
///
/// # Errors
/// Any other text (a date with milliseconds or an offset included).
pub fn parse_date(s: &str) -> Result<DateTime<Utc>, String> {
    parse_exact(s, DATE_FORMAT, "2024-01-02T03:04:05Z".len())
}

/// Reads an OBP query bound: exactly `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`.
///
/// # Errors
/// Any other text (also a date without the milliseconds).
pub fn parse_query_date(s: &str) -> Result<DateTime<Utc>, String> {
    parse_exact(s, QUERY_DATE_FORMAT, "2024-01-02T03:04:05.678Z".len())
}

/// An OBP `Date` on the wire: `yyyy-MM-dd'T'HH:mm:ss'Z'` ([`parse_date`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date(pub DateTime<Utc>);

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_date(self.0))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        parse_date(&s).map(Date).map_err(de::Error::custom)
    }
}

/// An OBP query bound (`fromDate`, `toDate` of the paged messages):
/// `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` ([`parse_query_date`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueryDate(pub DateTime<Utc>);

impl Serialize for QueryDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_query_date(self.0))
    }
}

impl<'de> Deserialize<'de> for QueryDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        parse_query_date(&s)
            .map(QueryDate)
            .map_err(de::Error::custom)
    }
}

/// Reads a field that must be present but may be `null` (a Scala `Date` or object field
/// holding `null`): with `deserialize_with`, serde requires the field, unlike a plain
/// `Option`.
pub(crate) fn nullable<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d)
}

// ------------------------------------------------------------------ outbound envelope

/// `BasicGeneralContext` / `BasicUserAuthContext`: a key/value pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyValue {
    /// Key.
    pub key: String,
    /// Value.
    pub value: String,
}

/// `BasicLinkedCustomer`: a customer linked to the calling user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BasicLinkedCustomer {
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// Customer number.
    pub customer_number: String,
    /// Legal name.
    pub legal_name: String,
}

/// `ViewBasic`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewBasic {
    /// VIEW_ID.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
}

/// `InternalBasicCustomer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InternalBasicCustomer {
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// Customer number.
    pub customer_number: String,
    /// Legal name.
    pub legal_name: String,
    /// Date of birth (`null` when unknown).
    #[serde(deserialize_with = "nullable")]
    pub date_of_birth: Option<Date>,
}

/// `InternalBasicUser`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InternalBasicUser {
    /// USER_ID.
    pub user_id: String,
    /// Email.
    pub email_address: String,
    /// Name.
    pub name: String,
}

/// `AccountBasic`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountBasic {
    /// ACCOUNT_ID.
    pub id: String,
    /// Routings.
    pub account_routings: Vec<commons::AccountRouting>,
    /// Customers owning it.
    pub customer_owners: Vec<InternalBasicCustomer>,
    /// Users owning it.
    pub user_owners: Vec<InternalBasicUser>,
}

/// `AuthView`: a view of an account the user holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthView {
    /// The view.
    pub view: ViewBasic,
    /// The account.
    pub account: AccountBasic,
}

/// `OutboundAdapterAuthInfo`: who calls (also the shape of `outboundAdapterConsenterInfo`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutboundAdapterAuthInfo {
    /// USER_ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Username.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Customers linked to the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linked_customers: Option<Vec<BasicLinkedCustomer>>,
    /// The user's auth context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_auth_context: Option<Vec<KeyValue>>,
    /// The views the user holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_views: Option<Vec<AuthView>>,
}

/// `OutboundAdapterCallContext` (`CommonModel.scala`): the calling request. OBP always sends
/// `correlationId`; the rest is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutboundAdapterCallContext {
    /// The request's correlation id, echoed in the answer.
    pub correlation_id: String,
    /// Session id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// CONSUMER_ID of the calling app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consumer_id: Option<String>,
    /// The request's `Pass-Through-*` headers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub general_context: Option<Vec<KeyValue>>,
    /// The calling user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outbound_adapter_auth_info: Option<OutboundAdapterAuthInfo>,
    /// The user who gave the consent the call runs under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outbound_adapter_consenter_info: Option<OutboundAdapterAuthInfo>,
}

impl OutboundAdapterCallContext {
    /// USER_ID of the calling user, if any.
    pub fn user_id(&self) -> Option<&str> {
        self.outbound_adapter_auth_info
            .as_ref()
            .and_then(|u| u.user_id.as_deref())
    }
}

// ------------------------------------------------------------------ inbound envelope

/// `InboundAdapterCallContext`: the context the answer echoes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InboundAdapterCallContext {
    /// The outbound message's correlation id.
    pub correlation_id: String,
    /// Session id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// Key/value pairs from the backend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub general_context: Option<Vec<KeyValue>>,
}

impl InboundAdapterCallContext {
    /// The context answering `out`.
    pub fn answering(out: &OutboundAdapterCallContext) -> Self {
        Self {
            correlation_id: out.correlation_id.clone(),
            session_id: out.session_id.clone(),
            general_context: None,
        }
    }
}

/// `InboundStatusMessage`: one message from a backend system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InboundStatusMessage {
    /// Which system says it.
    pub source: String,
    /// Its status.
    pub status: String,
    /// Its error code.
    pub error_code: String,
    /// Its text.
    pub text: String,
    /// How long it took (ms), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<Decimal>,
}

/// `Status`: an empty `errorCode` is success.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    /// `""` on success, else the error code.
    pub error_code: String,
    /// Messages from the backend systems.
    pub backend_messages: Vec<InboundStatusMessage>,
}

impl Status {
    /// Success.
    pub fn ok() -> Self {
        Self::default()
    }

    /// A failure `code` with one backend message saying `text`.
    pub fn error(code: &str, text: impl Into<String>) -> Self {
        Self {
            error_code: code.to_owned(),
            backend_messages: vec![InboundStatusMessage {
                source: "adapter".to_owned(),
                status: "error".to_owned(),
                error_code: code.to_owned(),
                text: text.into(),
                duration: None,
            }],
        }
    }
}

/// Every `InBound<Method>`: the echoed context, the status and the data (`null` on errors).
///
/// OBP's legacy answers (`InBoundGetProduct`, `InBoundSaveTransactionRequestStatusImpl`, ...)
/// have no `inboundAdapterCallContext`: it is `None` and left out for them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InBound<T> {
    /// The echoed call context (absent in OBP's legacy answers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inbound_adapter_call_context: Option<InboundAdapterCallContext>,
    /// Success or the error.
    pub status: Status,
    /// The method's data; `null` on errors.
    pub data: Option<T>,
}

/// How an answer echoes the call: OBP's current messages echo the context, its legacy ones
/// answer without one.
#[derive(Debug, Clone, Copy)]
pub enum Echo<'a> {
    /// Echo this outbound context.
    Context(&'a OutboundAdapterCallContext),
    /// A legacy answer: no `inboundAdapterCallContext`.
    Legacy,
}

impl Echo<'_> {
    fn context(self) -> Option<InboundAdapterCallContext> {
        match self {
            Echo::Context(c) => Some(InboundAdapterCallContext::answering(c)),
            Echo::Legacy => None,
        }
    }
}

impl<T> InBound<T> {
    /// A successful answer.
    pub fn ok(echo: Echo<'_>, data: T) -> Self {
        Self {
            inbound_adapter_call_context: echo.context(),
            status: Status::ok(),
            data: Some(data),
        }
    }

    /// A failed answer with `code`.
    pub fn error(echo: Echo<'_>, code: &str, text: impl Into<String>) -> Self {
        Self {
            inbound_adapter_call_context: echo.context(),
            status: Status::error(code, text),
            data: None,
        }
    }
}

/// The call context of any outbound message, when it has one: what an answer to a message
/// the adapter does not implement echoes.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnyOutBound {
    /// The call context (OBP's legacy messages have none).
    #[serde(default)]
    pub outbound_adapter_call_context: Option<OutboundAdapterCallContext>,
}

#[cfg(test)]
mod tests;
