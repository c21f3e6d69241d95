//! OBP's connector messages (sans-io): the `OutBound<Method>` / `InBound<Method>` envelopes
//! that message connectors (REST, Kafka) send to and receive from adapters.
//!
//! Field names and nesting follow OBP's Scala case classes as OBP serialises them
//! (`obp-commons` `JsonsTransfer.scala`, `CommonModel.scala`): camelCase fields, ids as
//! objects (`"bankId": {"value": "gh.29.uk"}`), absent options omitted, decimal amounts as
//! strings, dates as `yyyy-MM-dd'T'HH:mm:ss'Z'`. Only serde types and pure conversions live
//! here, so an adapter (in `adapters-examples` or elsewhere) can use them without any I/O
//! crate. JSON Schemas of every message come from [`schemars`] (beyond OBP).

use chrono::{DateTime, SecondsFormat, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::account::{AccountKind, BankAccount, OtherParty, Transaction};
use crate::bank::{Bank, Routing};
use crate::context::CallContext;
use crate::ids::{AccountId, BankId};
use crate::money::{Currency, Money};

mod bank_data;
mod core_banking;
mod customer_data;
mod dynamic_entity;
pub use bank_data::*;
pub use core_banking::*;
pub use customer_data::*;
pub use dynamic_entity::*;

/// OBP's id wrapper (`BankId`, `AccountId`, `TransactionId` case classes): `{"value": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct IdValue {
    /// The id.
    pub value: String,
}

impl IdValue {
    /// Wraps an id.
    pub fn new(value: impl Into<String>) -> Self {
        Self {
            value: value.into(),
        }
    }
}

/// A key/value pair (`BasicGeneralContext`, `BasicUserAuthContext`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct KeyValue {
    /// Key.
    pub key: String,
    /// Value.
    pub value: String,
}

/// A customer linked to the user (`BasicLinkedCustomer`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BasicLinkedCustomer {
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// The bank's customer number.
    pub customer_number: String,
    /// Legal name.
    pub legal_name: String,
}

/// A view (`ViewBasic`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ViewBasic {
    /// VIEW_ID.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
}

/// A user holding an account (`InternalBasicUser`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct InternalBasicUser {
    /// USER_ID.
    pub user_id: String,
    /// E-mail address.
    pub email_address: String,
    /// Name.
    pub name: String,
}

/// A customer holding an account (`InternalBasicCustomer`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
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
    /// Date of birth (`yyyy-MM-dd'T'HH:mm:ss'Z'`).
    pub date_of_birth: String,
}

/// The account a view is on (`AccountBasic`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AccountBasic {
    /// ACCOUNT_ID.
    pub id: String,
    /// The account's routings (empty when a remote core keeps the account).
    pub account_routings: Vec<AccountRouting>,
    /// Customers holding the account: always empty here (the platform keeps no
    /// customer–account links; the core knows them).
    pub customer_owners: Vec<InternalBasicCustomer>,
    /// Users holding the account (its `owner` view).
    pub user_owners: Vec<InternalBasicUser>,
}

/// A view the user may use on an account (`AuthView`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AuthView {
    /// The view.
    pub view: ViewBasic,
    /// The account.
    pub account: AccountBasic,
}

impl From<&crate::context::HeldView> for AuthView {
    fn from(v: &crate::context::HeldView) -> Self {
        Self {
            view: ViewBasic {
                id: v.view_id.clone(),
                name: v.view_name.clone(),
                description: v.view_description.clone(),
            },
            account: AccountBasic {
                id: v.account_id.clone(),
                account_routings: v
                    .account_routings
                    .iter()
                    .map(AccountRouting::from)
                    .collect(),
                customer_owners: Vec::new(),
                user_owners: v
                    .user_owners
                    .iter()
                    .map(|o| InternalBasicUser {
                        user_id: o.user_id.clone(),
                        email_address: o.email.clone(),
                        name: o.name.clone(),
                    })
                    .collect(),
            },
        }
    }
}

/// Who is calling (`OutboundAdapterAuthInfo`); secrets are never sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
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
    /// The user's auth context (key/value pairs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_auth_context: Option<Vec<KeyValue>>,
    /// The views the user holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_views: Option<Vec<AuthView>>,
}

/// The call context sent to the adapter (`OutboundAdapterCallContext`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutboundAdapterCallContext {
    /// The request's correlation id; the adapter echoes it.
    pub correlation_id: String,
    /// Session id (OBP: the only valid cache key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// CONSUMER_ID of the calling app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consumer_id: Option<String>,
    /// Free key/value pairs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub general_context: Option<Vec<KeyValue>>,
    /// The calling user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outbound_adapter_auth_info: Option<OutboundAdapterAuthInfo>,
}

impl OutboundAdapterCallContext {
    /// The reduced, secret-free context sent for `ctx`; the user's auth context, linked
    /// customers and views as far as [`CallContext::load_auth_info`] has read them.
    ///
    /// As OBP's `CallContext.toOutboundAdapterCallContext` (`ApiSession.scala`): a logged-in
    /// user's call carries `consumerId` (`""` without an app), `generalContext` (the request's
    /// `Pass-Through-*` headers, a list even when empty), `userAuthContext` (a list even when
    /// empty), and `linkedCustomers` and `authViews` when there are any; an anonymous call only
    /// its correlation id.
    pub fn from_call_context(ctx: &CallContext) -> Self {
        let logged_in = ctx.user().is_some();
        Self {
            correlation_id: ctx.correlation_id().to_owned(),
            session_id: None,
            consumer_id: logged_in
                .then(|| ctx.consumer_id().unwrap_or_default().to_owned())
                .or_else(|| ctx.consumer_id().map(str::to_owned)),
            general_context: logged_in.then(|| {
                ctx.pass_through_headers()
                    .iter()
                    .map(|(key, value)| KeyValue {
                        key: key.clone(),
                        value: value.clone(),
                    })
                    .collect()
            }),
            // OBP sends `userAuthContext` for every logged-in user, as a list even when empty.
            outbound_adapter_auth_info: ctx.user().map(|u| OutboundAdapterAuthInfo {
                user_id: Some(u.user_id.clone()),
                username: Some(u.username.clone()),
                user_auth_context: Some(
                    ctx.user_auth_context()
                        .iter()
                        .map(|p| KeyValue {
                            key: p.key.clone(),
                            value: p.value.clone(),
                        })
                        .collect(),
                ),
                linked_customers: non_empty(ctx.linked_customers().map(|c| BasicLinkedCustomer {
                    customer_id: c.customer_id.clone(),
                    customer_number: c.customer_number.clone(),
                    legal_name: c.legal_name.clone(),
                })),
                auth_views: non_empty(ctx.auth_views().map(AuthView::from)),
            }),
        }
    }
}

/// `items`, or `None` when there are none (OBP omits an empty `linkedCustomers`
/// or `authViews`).
fn non_empty<T>(items: impl Iterator<Item = T>) -> Option<Vec<T>> {
    let items: Vec<T> = items.collect();
    (!items.is_empty()).then_some(items)
}

/// The call context the adapter sends back (`InboundAdapterCallContext`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct InboundAdapterCallContext {
    /// The correlation id of the outbound message.
    #[serde(default)]
    pub correlation_id: String,
    /// Session id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// Free key/value pairs.
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

/// One message from the backend (`InboundStatusMessage`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct InboundStatusMessage {
    /// Which system says it (e.g. `ESB`, `CBS`).
    #[serde(default)]
    pub source: String,
    /// Its status.
    #[serde(default)]
    pub status: String,
    /// Its error code.
    #[serde(default)]
    pub error_code: String,
    /// Its text.
    #[serde(default)]
    pub text: String,
    /// How long it took (ms), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<serde_json::Number>,
}

/// The outcome of an inbound message (`Status`): an empty `errorCode` means success.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct InboundStatus {
    /// `""` on success, otherwise an error code (an OBP code such as `OBP-30001`, or the
    /// backend's own).
    #[serde(default)]
    pub error_code: String,
    /// Messages from the backend systems.
    #[serde(default)]
    pub backend_messages: Vec<InboundStatusMessage>,
}

impl InboundStatus {
    /// Success.
    pub fn ok() -> Self {
        Self::default()
    }

    /// A failure with one backend message.
    pub fn error(code: impl Into<String>, text: impl Into<String>) -> Self {
        let code = code.into();
        Self {
            backend_messages: vec![InboundStatusMessage {
                source: "adapter".to_owned(),
                status: "error".to_owned(),
                error_code: code.clone(),
                text: text.into(),
                duration: None,
            }],
            error_code: code,
        }
    }

    /// Whether the status reports an error.
    pub fn has_error(&self) -> bool {
        !self.error_code.trim().is_empty()
    }
}

/// Every `InBound<Method>`: context, status and the method's data (absent on errors).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct InBound<T> {
    /// The echoed call context.
    #[serde(default)]
    pub inbound_adapter_call_context: InboundAdapterCallContext,
    /// Success or the error.
    pub status: InboundStatus,
    /// The result; may be `null` or absent when `status.errorCode` is set.
    pub data: Option<T>,
}

impl<T> InBound<T> {
    /// A successful answer to `out`.
    pub fn ok(out: &OutboundAdapterCallContext, data: T) -> Self {
        Self {
            inbound_adapter_call_context: InboundAdapterCallContext::answering(out),
            status: InboundStatus::ok(),
            data: Some(data),
        }
    }

    /// A failed answer to `out`.
    pub fn error(
        out: &OutboundAdapterCallContext,
        code: impl Into<String>,
        text: impl Into<String>,
    ) -> Self {
        Self {
            inbound_adapter_call_context: InboundAdapterCallContext::answering(out),
            status: InboundStatus::error(code, text),
            data: None,
        }
    }
}

// ------------------------------------------------------------------ outbound messages

/// `OutBoundGetAdapterInfo`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetAdapterInfo {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
}

/// `OutBoundGetBanks`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetBanks {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
}

/// `OutBoundGetBank`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetBank {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
}

/// `OutBoundCheckBankAccountExists` (also `OutBoundGetBankAccountsByBankId`, our extension, which
/// carries only `bankId`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCheckBankAccountExists {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// ACCOUNT_ID.
    pub account_id: IdValue,
}

/// `BankIdAccountId`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BankIdAccountId {
    /// BANK_ID.
    pub bank_id: IdValue,
    /// ACCOUNT_ID.
    pub account_id: IdValue,
}

impl From<&crate::ledger::AccountRef> for BankIdAccountId {
    fn from(r: &crate::ledger::AccountRef) -> Self {
        Self {
            bank_id: IdValue::new(r.bank_id.as_str()),
            account_id: IdValue::new(r.account_id.as_str()),
        }
    }
}

/// `OutBoundGetBankAccountsBalances`: the balances of several accounts (OBP v4.0.0's
/// `GET /banks/BANK_ID/balances`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetBankAccountsBalances {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The accounts.
    pub bank_id_account_ids: Vec<BankIdAccountId>,
}

/// OBP's `AccountBalance` (plain string ids).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AccountBalanceCommons {
    /// ACCOUNT_ID.
    pub id: String,
    /// Label.
    #[serde(default)]
    pub label: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Routings.
    #[serde(default)]
    pub account_routings: Vec<AccountRouting>,
    /// The balance, `{currency, amount}` (amount a decimal string).
    pub balance: AmountOfMoney,
}

/// OBP's `AccountsBalances`: the accounts' balances and their sum in the most common
/// currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AccountsBalancesCommons {
    /// Each account.
    pub accounts: Vec<AccountBalanceCommons>,
    /// The sum (the platform does not use it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overall_balance: Option<AmountOfMoney>,
    /// When the sum was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overall_balance_date: Option<String>,
}

impl TryFrom<AccountBalanceCommons> for crate::account::AccountBalance {
    type Error = InvalidMessage;
    fn try_from(a: AccountBalanceCommons) -> Result<Self, InvalidMessage> {
        Ok(Self {
            bank_id: BankId::parse(a.bank_id).map_err(|e| invalid("bankId", e))?,
            account_id: AccountId::parse(a.id).map_err(|e| invalid("id", e))?,
            label: a.label,
            routings: a.account_routings.into_iter().map(Routing::from).collect(),
            balance: a.balance.to_money("balance")?,
        })
    }
}

impl From<&crate::account::AccountBalance> for AccountBalanceCommons {
    fn from(a: &crate::account::AccountBalance) -> Self {
        Self {
            id: a.account_id.as_str().to_owned(),
            label: a.label.clone(),
            bank_id: a.bank_id.as_str().to_owned(),
            account_routings: a.routings.iter().map(AccountRouting::from).collect(),
            balance: AmountOfMoney::from(&a.balance),
        }
    }
}

/// `OutBoundGetBankAccountBalances`: every balance of one account (OBP v4.0.0's
/// `GET /banks/BANK_ID/accounts/ACCOUNT_ID/balances`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetBankAccountBalances {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The account.
    pub bank_id_account_id: BankIdAccountId,
}

/// OBP's `BankAccountBalance`: one balance and its type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BankAccountBalanceCommons {
    /// `{currency, amount}` (amount a decimal string).
    pub balance: AmountOfMoney,
    /// The balance type, e.g. `OpeningBooked`.
    #[serde(default)]
    pub balance_type: String,
}

/// OBP's `AccountBalances`: one account's balances.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AccountBalancesCommons {
    /// ACCOUNT_ID.
    pub id: String,
    /// Label.
    #[serde(default)]
    pub label: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Routings.
    #[serde(default)]
    pub account_routings: Vec<AccountRouting>,
    /// Each balance.
    #[serde(default)]
    pub balances: Vec<BankAccountBalanceCommons>,
    /// The sum (the platform does not use it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overall_balance: Option<AmountOfMoney>,
    /// When the sum was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overall_balance_date: Option<String>,
}

impl TryFrom<AccountBalancesCommons> for crate::account::AccountBalances {
    type Error = InvalidMessage;
    fn try_from(a: AccountBalancesCommons) -> Result<Self, InvalidMessage> {
        Ok(Self {
            bank_id: BankId::parse(a.bank_id).map_err(|e| invalid("bankId", e))?,
            account_id: AccountId::parse(a.id).map_err(|e| invalid("id", e))?,
            label: a.label,
            routings: a.account_routings.into_iter().map(Routing::from).collect(),
            balances: a
                .balances
                .into_iter()
                .map(|b| {
                    Ok(crate::account::TypedBalance {
                        amount: b.balance.to_money("balances.balance")?,
                        balance_type: b.balance_type,
                    })
                })
                .collect::<Result<_, InvalidMessage>>()?,
        })
    }
}

impl From<&crate::account::AccountBalances> for AccountBalancesCommons {
    /// The answer as OBP's mapped connector gives it: the overall balance is the first
    /// balance, dated now.
    fn from(a: &crate::account::AccountBalances) -> Self {
        Self {
            id: a.account_id.as_str().to_owned(),
            label: a.label.clone(),
            bank_id: a.bank_id.as_str().to_owned(),
            account_routings: a.routings.iter().map(AccountRouting::from).collect(),
            balances: a
                .balances
                .iter()
                .map(|b| BankAccountBalanceCommons {
                    balance: AmountOfMoney::from(&b.amount),
                    balance_type: b.balance_type.clone(),
                })
                .collect(),
            overall_balance: a.balances.first().map(|b| AmountOfMoney::from(&b.amount)),
            overall_balance_date: Some(format_date(Utc::now())),
        }
    }
}

/// `OutBoundGetCoreBankAccounts`: the core fields of several accounts (OBP v3.0.0's
/// `GET /my/accounts` and `GET /banks/BANK_ID/accounts/private`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetCoreBankAccounts {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The accounts asked for, in order.
    pub bank_id_account_ids: Vec<BankIdAccountId>,
}

/// OBP's `CoreAccount` (plain string ids).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CoreAccountCommons {
    /// ACCOUNT_ID.
    pub id: String,
    /// Label.
    #[serde(default)]
    pub label: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Account type.
    #[serde(default)]
    pub account_type: String,
    /// Routings.
    #[serde(default)]
    pub account_routings: Vec<AccountRouting>,
}

impl TryFrom<CoreAccountCommons> for crate::account::CoreAccount {
    type Error = InvalidMessage;
    fn try_from(a: CoreAccountCommons) -> Result<Self, InvalidMessage> {
        Ok(Self {
            bank_id: BankId::parse(a.bank_id).map_err(|e| invalid("bankId", e))?,
            account_id: AccountId::parse(a.id).map_err(|e| invalid("id", e))?,
            label: a.label,
            account_type: a.account_type,
            routings: a.account_routings.into_iter().map(Routing::from).collect(),
        })
    }
}

impl From<&crate::account::CoreAccount> for CoreAccountCommons {
    fn from(a: &crate::account::CoreAccount) -> Self {
        Self {
            id: a.account_id.as_str().to_owned(),
            label: a.label.clone(),
            bank_id: a.bank_id.as_str().to_owned(),
            account_type: a.account_type.clone(),
            account_routings: a.routings.iter().map(AccountRouting::from).collect(),
        }
    }
}

/// `OutBoundGetBankAccountsHeld`: several accounts as `GET /banks/BANK_ID/accounts-held`
/// shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetBankAccountsHeld {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The accounts asked for, in order.
    pub bank_id_account_ids: Vec<BankIdAccountId>,
}

/// OBP's `AccountHeld` (plain string ids).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AccountHeldCommons {
    /// ACCOUNT_ID.
    pub id: String,
    /// Label.
    #[serde(default)]
    pub label: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Account number.
    #[serde(default)]
    pub number: String,
    /// Routings.
    #[serde(default)]
    pub account_routings: Vec<AccountRouting>,
}

impl TryFrom<AccountHeldCommons> for crate::account::AccountHeld {
    type Error = InvalidMessage;
    fn try_from(a: AccountHeldCommons) -> Result<Self, InvalidMessage> {
        Ok(Self {
            bank_id: BankId::parse(a.bank_id).map_err(|e| invalid("bankId", e))?,
            account_id: AccountId::parse(a.id).map_err(|e| invalid("id", e))?,
            label: a.label,
            number: a.number,
            routings: a.account_routings.into_iter().map(Routing::from).collect(),
        })
    }
}

impl From<&crate::account::AccountHeld> for AccountHeldCommons {
    fn from(a: &crate::account::AccountHeld) -> Self {
        Self {
            id: a.account_id.as_str().to_owned(),
            label: a.label.clone(),
            bank_id: a.bank_id.as_str().to_owned(),
            number: a.number.clone(),
            account_routings: a.routings.iter().map(AccountRouting::from).collect(),
        }
    }
}

/// `OutBoundGetBankAccounts`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetBankAccounts {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The accounts asked for, in order.
    pub bank_id_account_ids: Vec<BankIdAccountId>,
}

/// `OutBoundGetTransactions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetTransactions {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// ACCOUNT_ID.
    pub account_id: IdValue,
    /// Page size.
    pub limit: u32,
    /// Items to skip.
    pub offset: u64,
    /// Inclusive lower date bound, `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`.
    pub from_date: String,
    /// Inclusive upper date bound, `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`; the time of the call when
    /// the client gave none (OBP's `DefaultToDate`).
    pub to_date: String,
    /// *Extension*: `ASC` for oldest first; newest first (OBP's order) when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort_direction: Option<String>,
}

/// `OutBoundGetTransaction`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetTransaction {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// ACCOUNT_ID.
    pub account_id: IdValue,
    /// TRANSACTION_ID.
    pub transaction_id: IdValue,
}

// ------------------------------------------------------------------ inbound data

/// `InboundAdapterInfoInternal`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct InboundAdapterInfoInternal {
    /// Usually `""`.
    #[serde(default)]
    pub error_code: String,
    /// Backend messages.
    #[serde(default)]
    pub backend_messages: Vec<InboundStatusMessage>,
    /// Adapter name.
    #[serde(default)]
    pub name: String,
    /// Adapter version.
    #[serde(default)]
    pub version: String,
    /// Git commit of the adapter build (OBP spells this field in snake case).
    #[serde(rename = "git_commit")]
    #[serde(default)]
    pub git_commit: String,
    /// When the adapter answered.
    #[serde(default)]
    pub date: String,
}

/// `BankCommons`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BankCommons {
    /// BANK_ID.
    pub bank_id: IdValue,
    /// Short name.
    #[serde(default)]
    pub short_name: String,
    /// Full name.
    #[serde(default)]
    pub full_name: String,
    /// Logo URL.
    #[serde(default)]
    pub logo_url: String,
    /// Website URL.
    #[serde(default)]
    pub website_url: String,
    /// Bank routing scheme (e.g. `BIC`).
    #[serde(default)]
    pub bank_routing_scheme: String,
    /// Bank routing address.
    #[serde(default)]
    pub bank_routing_address: String,
    /// SWIFT BIC (optional in OBP).
    #[serde(default)]
    pub swift_bic: String,
    /// National identifier (optional in OBP).
    #[serde(default)]
    pub national_identifier: String,
}

/// `AccountRouting`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AccountRouting {
    /// Scheme (e.g. `IBAN`).
    #[serde(default)]
    pub scheme: String,
    /// Address.
    #[serde(default)]
    pub address: String,
}

impl From<&Routing> for AccountRouting {
    fn from(r: &Routing) -> Self {
        Self {
            scheme: r.scheme.clone(),
            address: r.address.clone(),
        }
    }
}

impl From<AccountRouting> for Routing {
    fn from(r: AccountRouting) -> Self {
        Self {
            scheme: r.scheme,
            address: r.address,
        }
    }
}

/// `AccountRule`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AccountRule {
    /// Scheme (e.g. `OVERDRAFT`).
    #[serde(default)]
    pub scheme: String,
    /// Value.
    #[serde(default)]
    pub value: String,
}

/// `BankAccountCommons`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BankAccountCommons {
    /// ACCOUNT_ID.
    pub account_id: IdValue,
    /// Product type.
    #[serde(default)]
    pub account_type: String,
    /// Balance, a decimal string.
    pub balance: String,
    /// ISO 4217 currency.
    pub currency: String,
    /// Account name (the holder's name in OBP's mapped connector).
    #[serde(default)]
    pub name: String,
    /// Label.
    #[serde(default)]
    pub label: String,
    /// Account number.
    #[serde(default)]
    pub number: String,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// Last update, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    #[serde(default)]
    pub last_update: String,
    /// Branch.
    #[serde(default)]
    pub branch_id: String,
    /// Routings.
    #[serde(default)]
    pub account_routings: Vec<AccountRouting>,
    /// Rules (`OVERDRAFT` limit).
    #[serde(default)]
    pub account_rules: Vec<AccountRule>,
    /// Holder name.
    #[serde(default)]
    pub account_holder: String,
    /// The account's attributes (OBP's `attributes: Option[List[Attribute]]`), when the
    /// backend gives them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<Vec<AttributeCommons>>,
}

/// OBP's `Attribute` of an account: `{name, type, value}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AttributeCommons {
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Type, e.g. `STRING`.
    #[serde(default, rename = "type")]
    pub attribute_type: String,
    /// Value.
    #[serde(default)]
    pub value: String,
}

/// `Counterparty` (the other side of a transaction).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Counterparty {
    /// Deprecated national identifier.
    #[serde(default)]
    pub national_identifier: String,
    /// Kind of account.
    #[serde(default)]
    pub kind: String,
    /// COUNTERPARTY_ID.
    #[serde(default)]
    pub counterparty_id: String,
    /// Holder name.
    #[serde(default)]
    pub counterparty_name: String,
    /// The bank of the account that uses this counterparty.
    pub this_bank_id: IdValue,
    /// The account that uses this counterparty.
    pub this_account_id: IdValue,
    /// Bank routing scheme of the other side (`OBP` for platform banks).
    #[serde(default)]
    pub other_bank_routing_scheme: String,
    /// Bank routing address of the other side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_bank_routing_address: Option<String>,
    /// Account routing scheme of the other side.
    #[serde(default)]
    pub other_account_routing_scheme: String,
    /// Account routing address of the other side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_account_routing_address: Option<String>,
    /// Provider.
    #[serde(default)]
    pub other_account_provider: String,
    /// Whether payments to it are allowed.
    #[serde(default)]
    pub is_beneficiary: bool,
}

/// OBP's `Transaction` as sent in `InBoundGetTransaction(s)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TransactionCommons {
    /// Universally unique id.
    #[serde(default)]
    pub uuid: String,
    /// TRANSACTION_ID.
    pub id: IdValue,
    /// The account it was booked on.
    pub this_account: BankAccountCommons,
    /// The other side.
    pub other_account: Counterparty,
    /// Transaction type.
    #[serde(default)]
    pub transaction_type: String,
    /// Signed amount, a decimal string.
    pub amount: String,
    /// ISO 4217 currency.
    pub currency: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Posted, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    pub start_date: String,
    /// Completed, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    pub finish_date: String,
    /// The account balance after the transaction, a decimal string.
    pub balance: String,
    /// *Extension*: the transaction request that caused it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_request_id: Option<String>,
    /// *Extension*: the charge policy of the payment, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charge_policy: Option<String>,
}

/// `InBoundGetAdapterInfo`.
pub type InBoundGetAdapterInfo = InBound<InboundAdapterInfoInternal>;
/// `InBoundGetBanks`.
pub type InBoundGetBanks = InBound<Vec<BankCommons>>;
/// `InBoundGetBank`.
pub type InBoundGetBank = InBound<BankCommons>;
/// `InBoundCheckBankAccountExists`.
pub type InBoundCheckBankAccountExists = InBound<BankAccountCommons>;
/// `InBoundGetBankAccounts`.
pub type InBoundGetBankAccounts = InBound<Vec<BankAccountCommons>>;
/// `InBoundGetTransactions`.
pub type InBoundGetTransactions = InBound<Vec<TransactionCommons>>;
/// `InBoundGetTransaction`.
pub type InBoundGetTransaction = InBound<TransactionCommons>;

// ------------------------------------------------------------------ conversions

/// A message field the platform could not accept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {field} in the adapter's message: {reason}")]
pub struct InvalidMessage {
    /// Which field.
    pub field: &'static str,
    /// Why.
    pub reason: String,
}

pub(crate) fn invalid(field: &'static str, reason: impl ToString) -> InvalidMessage {
    InvalidMessage {
        field,
        reason: reason.to_string(),
    }
}

/// OBP's message date format.
pub fn format_date(d: DateTime<Utc>) -> String {
    d.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// OBP's date format for the query bounds of a message (`fromDate`, `toDate`):
/// `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`, with milliseconds (OBPParam.scala), unlike
/// [`format_date`].
pub fn format_query_date(d: DateTime<Utc>) -> String {
    d.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Parses a message date (RFC 3339, e.g. `2020-01-27T00:00:00Z`).
///
/// # Errors
/// The field when the date does not parse.
pub fn parse_date(field: &'static str, s: &str) -> Result<DateTime<Utc>, InvalidMessage> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|e| invalid(field, e))
}

impl From<&Bank> for BankCommons {
    fn from(b: &Bank) -> Self {
        Self {
            bank_id: IdValue::new(b.id.as_str()),
            short_name: b.short_name.clone(),
            full_name: b.full_name.clone(),
            logo_url: b.logo_url.clone(),
            website_url: b.website_url.clone(),
            bank_routing_scheme: b.bank_routing_scheme.clone(),
            bank_routing_address: b.bank_routing_address.clone(),
            swift_bic: b.swift_bic.clone(),
            national_identifier: b.national_identifier.clone(),
        }
    }
}

impl TryFrom<BankCommons> for Bank {
    type Error = InvalidMessage;
    fn try_from(b: BankCommons) -> Result<Self, InvalidMessage> {
        Ok(Bank {
            id: BankId::parse(b.bank_id.value).map_err(|e| invalid("bankId", e))?,
            short_name: b.short_name,
            full_name: b.full_name,
            logo_url: b.logo_url,
            website_url: b.website_url,
            bank_routing_scheme: b.bank_routing_scheme,
            bank_routing_address: b.bank_routing_address,
            swift_bic: b.swift_bic,
            national_identifier: b.national_identifier,
        })
    }
}

const OVERDRAFT: &str = "OVERDRAFT";
/// The account type of a bank's settlement accounts (they may go negative).
pub const SETTLEMENT: &str = "SETTLEMENT";

impl BankAccountCommons {
    /// The message form of an account; `last_update` is the time of the answer.
    pub fn from_account(a: &BankAccount, last_update: DateTime<Utc>) -> Self {
        Self {
            account_id: IdValue::new(a.account_id.as_str()),
            account_type: a.account_type.clone(),
            balance: a.balance.amount().to_string(),
            currency: a.currency().code().to_owned(),
            name: a.holder_name.clone(),
            label: a.label.clone(),
            number: a.number.clone(),
            bank_id: IdValue::new(a.bank_id.as_str()),
            last_update: format_date(last_update),
            branch_id: a.branch_id.clone(),
            account_routings: a.routings.iter().map(AccountRouting::from).collect(),
            account_rules: vec![AccountRule {
                scheme: OVERDRAFT.to_owned(),
                value: a.overdraft_limit.amount().to_string(),
            }],
            account_holder: a.holder_name.clone(),
            attributes: None,
        }
    }

    /// The account as a backend answered it when it came from one (kept unchanged, with its
    /// `name`, `lastUpdate` and `attributes`), else as [`BankAccountCommons::from_account`].
    pub fn as_received_or_from(a: &BankAccount, last_update: DateTime<Utc>) -> Self {
        match &a.as_received.0 {
            Some(received) => (**received).clone(),
            None => Self::from_account(a, last_update),
        }
    }
}

impl TryFrom<BankAccountCommons> for BankAccount {
    type Error = InvalidMessage;
    fn try_from(a: BankAccountCommons) -> Result<Self, InvalidMessage> {
        let as_received = crate::account::AsReceived(Some(std::sync::Arc::new(a.clone())));
        let currency = Currency::parse(&a.currency).map_err(|e| invalid("currency", e))?;
        let balance = Money::parse(&a.balance, currency).map_err(|e| invalid("balance", e))?;
        let overdraft_limit = match a.account_rules.iter().find(|r| r.scheme == OVERDRAFT) {
            Some(r) => Money::parse(&r.value, currency).map_err(|e| invalid("accountRules", e))?,
            None => Money::zero(currency),
        };
        let kind = if a.account_type == SETTLEMENT {
            AccountKind::Settlement
        } else {
            AccountKind::Current
        };
        let holder_name = if a.account_holder.is_empty() {
            a.name
        } else {
            a.account_holder
        };
        Ok(BankAccount {
            bank_id: BankId::parse(a.bank_id.value).map_err(|e| invalid("bankId", e))?,
            account_id: AccountId::parse(a.account_id.value)
                .map_err(|e| invalid("accountId", e))?,
            label: a.label,
            account_type: a.account_type,
            balance,
            overdraft_limit,
            kind,
            number: a.number,
            branch_id: a.branch_id,
            holder_name,
            routings: a.account_routings.into_iter().map(Routing::from).collect(),
            created_by_user_id: None,
            as_received,
        })
    }
}

impl TransactionCommons {
    /// The message form of a transaction booked on `account`.
    pub fn from_transaction(t: &Transaction, account: &BankAccountCommons) -> Self {
        let other = &t.other;
        Self {
            uuid: t.id.clone(),
            id: IdValue::new(&t.id),
            this_account: account.clone(),
            other_account: Counterparty {
                national_identifier: String::new(),
                kind: String::new(),
                counterparty_id: other.counterparty_id.clone().unwrap_or_default(),
                counterparty_name: other.holder.clone().unwrap_or_default(),
                this_bank_id: IdValue::new(t.bank_id.as_str()),
                this_account_id: IdValue::new(t.account_id.as_str()),
                other_bank_routing_scheme: if other.bank_id.is_some() {
                    "OBP".to_owned()
                } else {
                    String::new()
                },
                other_bank_routing_address: other.bank_id.clone(),
                other_account_routing_scheme: other.routing_scheme.clone().unwrap_or_else(|| {
                    if other.account_id.is_some() {
                        "OBP".to_owned()
                    } else {
                        String::new()
                    }
                }),
                other_account_routing_address: other
                    .routing_address
                    .clone()
                    .or_else(|| other.account_id.clone()),
                other_account_provider: String::new(),
                is_beneficiary: false,
            },
            transaction_type: t.transaction_type.clone(),
            amount: t.amount.amount().to_string(),
            currency: t.amount.currency().code().to_owned(),
            description: Some(t.description.clone()),
            start_date: format_date(t.posted),
            finish_date: format_date(t.completed),
            balance: t.new_balance.amount().to_string(),
            transaction_request_id: t.transaction_request_id.clone(),
            charge_policy: t.charge_policy.map(|p| p.as_str().to_owned()),
        }
    }
}

impl TryFrom<TransactionCommons> for Transaction {
    type Error = InvalidMessage;
    fn try_from(t: TransactionCommons) -> Result<Self, InvalidMessage> {
        let currency = Currency::parse(&t.currency).map_err(|e| invalid("currency", e))?;
        let amount = Money::parse(&t.amount, currency).map_err(|e| invalid("amount", e))?;
        let new_balance = Money::parse(&t.balance, currency).map_err(|e| invalid("balance", e))?;
        let o = t.other_account;
        let is_obp = o.other_account_routing_scheme == "OBP";
        Ok(Transaction {
            id: t.id.value,
            bank_id: BankId::parse(t.this_account.bank_id.value)
                .map_err(|e| invalid("thisAccount.bankId", e))?,
            account_id: AccountId::parse(t.this_account.account_id.value)
                .map_err(|e| invalid("thisAccount.accountId", e))?,
            amount,
            new_balance,
            transaction_type: t.transaction_type,
            description: t.description.unwrap_or_default(),
            posted: parse_date("startDate", &t.start_date)?,
            completed: parse_date("finishDate", &t.finish_date)?,
            other: OtherParty {
                bank_id: o.other_bank_routing_address,
                account_id: if is_obp {
                    o.other_account_routing_address.clone()
                } else {
                    None
                },
                holder: (!o.counterparty_name.is_empty()).then_some(o.counterparty_name),
                routing_scheme: (!is_obp && !o.other_account_routing_scheme.is_empty())
                    .then_some(o.other_account_routing_scheme),
                routing_address: if is_obp {
                    None
                } else {
                    o.other_account_routing_address
                },
                counterparty_id: (!o.counterparty_id.is_empty()).then_some(o.counterparty_id),
            },
            transaction_request_id: t.transaction_request_id,
            charge_policy: t
                .charge_policy
                .filter(|p| !p.is_empty())
                .map(|p| p.parse())
                .transpose()
                .map_err(|e| invalid("chargePolicy", e))?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charge::ChargePolicy;
    use serde_json::json;

    #[test]
    fn query_bounds_carry_milliseconds_other_dates_do_not() {
        let d = DateTime::parse_from_rfc3339("2020-01-27T10:11:12.345Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(format_query_date(d), "2020-01-27T10:11:12.345Z");
        assert_eq!(
            format_query_date(DateTime::UNIX_EPOCH),
            "1970-01-01T00:00:00.000Z"
        );
        assert_eq!(format_date(d), "2020-01-27T10:11:12Z");
    }

    fn bank() -> Bank {
        Bank {
            id: BankId::parse("gh.29.uk").unwrap(),
            short_name: "GH".into(),
            full_name: "Good Hope".into(),
            logo_url: "https://x/logo.png".into(),
            website_url: "https://x".into(),
            bank_routing_scheme: "BIC".into(),
            bank_routing_address: "GHUKGB22".into(),
            swift_bic: "GHUKGB22".into(),
            national_identifier: "".into(),
        }
    }

    #[test]
    fn out_bound_get_bank_has_obp_shape() {
        let ctx = CallContext::new("corr-1");
        let out = OutBoundGetBank {
            outbound_adapter_call_context: OutboundAdapterCallContext::from_call_context(&ctx),
            bank_id: IdValue::new("gh.29.uk"),
        };
        assert_eq!(
            serde_json::to_value(&out).unwrap(),
            json!({"outboundAdapterCallContext": {"correlationId": "corr-1"},
                   "bankId": {"value": "gh.29.uk"}})
        );
    }

    #[test]
    fn in_bound_get_bank_round_trips_to_the_domain_bank() {
        let out = OutboundAdapterCallContext::default();
        let inbound = InBound::ok(&out, BankCommons::from(&bank()));
        let v = serde_json::to_value(&inbound).unwrap();
        assert_eq!(v["status"], json!({"errorCode": "", "backendMessages": []}));
        assert_eq!(v["data"]["bankId"], json!({"value": "gh.29.uk"}));
        assert_eq!(v["data"]["bankRoutingScheme"], json!("BIC"));
        let back: InBoundGetBank = serde_json::from_value(v).unwrap();
        assert_eq!(Bank::try_from(back.data.unwrap()).unwrap(), bank());
    }

    #[test]
    fn an_error_status_without_data_decodes() {
        let v = json!({"inboundAdapterCallContext": {"correlationId": "c"},
                       "status": {"errorCode": "OBP-30001", "backendMessages": []}});
        let m: InBoundGetBank = serde_json::from_value(v).unwrap();
        assert!(m.status.has_error());
        assert!(m.data.is_none());
    }

    #[test]
    fn accounts_and_transactions_round_trip() {
        let eur = Currency::parse("EUR").unwrap();
        let acc = BankAccount {
            as_received: Default::default(),
            bank_id: BankId::parse("b1").unwrap(),
            account_id: AccountId::parse("a1").unwrap(),
            label: "L".into(),
            account_type: "CURRENT".into(),
            balance: Money::parse("10.50", eur).unwrap(),
            overdraft_limit: Money::parse("100.00", eur).unwrap(),
            kind: AccountKind::Current,
            number: "123".into(),
            branch_id: "br".into(),
            holder_name: "Alice".into(),
            routings: vec![Routing {
                scheme: "IBAN".into(),
                address: "DE89370400440532013000".into(),
            }],
            created_by_user_id: None,
        };
        let now = Utc::now();
        let msg = BankAccountCommons::from_account(&acc, now);
        assert_eq!(msg.balance, "10.50");
        assert_eq!(BankAccount::try_from(msg.clone()).unwrap(), acc);
        let t = Transaction {
            id: "t1".into(),
            bank_id: acc.bank_id.clone(),
            account_id: acc.account_id.clone(),
            amount: Money::parse("-1.25", eur).unwrap(),
            new_balance: Money::parse("10.50", eur).unwrap(),
            transaction_type: "SANDBOX_TAN".into(),
            description: "coffee".into(),
            posted: parse_date("d", "2024-01-02T03:04:05Z").unwrap(),
            completed: parse_date("d", "2024-01-02T03:04:05Z").unwrap(),
            other: OtherParty {
                bank_id: Some("b2".into()),
                account_id: Some("a2".into()),
                holder: Some("Bob".into()),
                ..OtherParty::default()
            },
            transaction_request_id: None,
            charge_policy: None,
        };
        let tm = TransactionCommons::from_transaction(&t, &msg);
        assert_eq!(Transaction::try_from(tm).unwrap(), t);

        // The charge policy keeps its string wire form; "" reads as none, junk is refused.
        let t = Transaction {
            charge_policy: Some(ChargePolicy::Receiver),
            ..t
        };
        let tm = TransactionCommons::from_transaction(&t, &msg);
        assert_eq!(
            serde_json::to_value(&tm).unwrap()["chargePolicy"],
            json!("RECEIVER")
        );
        assert_eq!(Transaction::try_from(tm.clone()).unwrap(), t);
        let empty = TransactionCommons {
            charge_policy: Some(String::new()),
            ..tm.clone()
        };
        assert_eq!(Transaction::try_from(empty).unwrap().charge_policy, None);
        let junk = TransactionCommons {
            charge_policy: Some("BOTH".into()),
            ..tm
        };
        assert!(Transaction::try_from(junk).is_err());
    }
}
