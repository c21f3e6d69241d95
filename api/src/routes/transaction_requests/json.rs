//! OBP's JSON shapes of transaction requests: the create bodies per type
//! (`TransactionRequestBodySandBoxTanJSON`, `TransactionRequestBodySEPAJsonV400`, ...), the
//! request with its charge and challenges (`TransactionRequestWithChargeJSON400`), the
//! supported types and the challenge answer.
//!
//! A create body is read in OBP's order: the amount, description and charge policy when the
//! body is read, the payee (`to`, `refund`) only where the checks reach it, after the
//! caller's access and the amount. The payee fields are therefore [`Later`]: kept as sent,
//! read into their type when the service asks.
//!
//! serde quotes a struct's Rust name in its messages (`expected struct ToAccountJson`), which
//! clients see in the OBP-10001 detail: the body's parts keep the Rust names they were read
//! with, and are documented under OBP's names (`#[schema(as = IbanJson)]`, or the field's
//! `value_type`).

use std::marker::PhantomData;

use obp_domain::payment::{PaymentTarget, TransactionRequest, TransactionRequestType};
use obp_domain::ErrorCode;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

use crate::error::{ApiError, ApiResult};
use crate::json::{obp_date, AmountOfMoneyJson};
use crate::payments::card::CardProof;
use crate::payments::service::{
    AgentPayee, NewTransactionRequest, Payee, Refund, RefundTo, RequestWithChallenges, SimplePayee,
    ToAccount, CHARGE_SUMMARY,
};
use crate::service::transaction_requests::{ChallengeAnswer, TypeWithCharge};

/// A body field read into `T` later than the body (see the module documentation): it keeps
/// the JSON as sent, or `None` when the field is absent (a `null` is kept as sent).
#[derive(Debug)]
pub struct Later<T> {
    raw: Option<serde_json::Value>,
    of: PhantomData<fn() -> T>,
}

impl<T> Default for Later<T> {
    fn default() -> Self {
        Self {
            raw: None,
            of: PhantomData,
        }
    }
}

impl<'de, T> Deserialize<'de> for Later<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde_json::Value::deserialize(d).map(|raw| Self {
            raw: Some(raw),
            of: PhantomData,
        })
    }
}

impl<T: DeserializeOwned> Later<T> {
    /// The field `name` of a `type_name` body, which must be present.
    fn required(self, name: &str, type_name: &str) -> ApiResult<T> {
        let raw = self.raw.ok_or_else(|| {
            ApiError::with_detail(
                ErrorCode::InvalidJsonFormat,
                format!("The Json body for {type_name} needs the field `{name}`."),
            )
        })?;
        serde_json::from_value(raw).map_err(|e| body_error(type_name, &e))
    }

    /// The field of a `type_name` body; `None` when absent or `null`.
    fn optional(self, type_name: &str) -> ApiResult<Option<T>> {
        match self.raw {
            Some(raw) if !raw.is_null() => serde_json::from_value(raw)
                .map(Some)
                .map_err(|e| body_error(type_name, &e)),
            _ => Ok(None),
        }
    }
}

fn body_error(type_name: &str, e: &serde_json::Error) -> ApiError {
    ApiError::with_detail(
        ErrorCode::InvalidJsonFormat,
        format!("The Json body should be the TransactionRequestBody for {type_name}: {e}."),
    )
}

/// `value` of a create body, `{currency, amount}` (documented as [`AmountOfMoneyJson`]).
#[derive(Debug, Deserialize)]
pub struct AmountJson {
    /// ISO 4217 code.
    pub currency: String,
    /// Decimal amount as a string.
    pub amount: String,
}

/// An account, `{bank_id, account_id}` (OBP's `TransactionRequestAccountJsonV140`): the
/// paying account of a request, and the payee of ACCOUNT, ACCOUNT_OTP and SANDBOX_TAN.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionRequestAccountJson {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
}

/// The payee of ACCOUNT, ACCOUNT_OTP and SANDBOX_TAN, `{bank_id, account_id}` (documented as
/// [`TransactionRequestAccountJson`]).
#[derive(Debug, Deserialize)]
pub struct ToAccountJson {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
}

/// The payee of SEPA, `{iban}` (OBP's `IbanJson`).
#[derive(Debug, Deserialize, ToSchema)]
#[schema(as = IbanJson)]
pub struct ToIbanJson {
    /// The IBAN of a counterparty of the paying account.
    pub iban: String,
}

/// The payee of COUNTERPARTY, `{counterparty_id}` (OBP's `CounterpartyIdJson`).
#[derive(Debug, Deserialize, ToSchema)]
#[schema(as = CounterpartyIdJson)]
pub struct ToCounterpartyJson {
    /// A beneficiary counterparty of the paying account.
    pub counterparty_id: String,
}

/// What a REFUND refunds (OBP's `RefundJson`).
#[derive(Debug, Deserialize, ToSchema)]
pub struct RefundJson {
    /// An incoming transaction of the paying account.
    pub transaction_id: String,
    /// The reason, e.g. `CUST`.
    #[serde(default)]
    pub reason_code: String,
}

/// Whom a REFUND pays (OBP's `TransactionRequestRefundTo`): an account of this server when
/// both ids are given; otherwise the other party of the refunded transaction.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(as = TransactionRequestRefundTo)]
pub struct RefundToJson {
    /// BANK_ID.
    #[serde(default)]
    pub bank_id: Option<String>,
    /// ACCOUNT_ID.
    #[serde(default)]
    pub account_id: Option<String>,
}

/// The body of ACCOUNT, ACCOUNT_OTP and SANDBOX_TAN (OBP's
/// `TransactionRequestBodySandBoxTanJSON`): a payment to an account on this server.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TransactionRequestBodySandBoxTanJson {
    /// The account paid, in the from account's currency.
    #[serde(default)]
    #[schema(value_type = TransactionRequestAccountJson, required = true)]
    pub to: Later<ToAccountJson>,
    /// The amount, in the from account's currency.
    #[schema(value_type = AmountOfMoneyJson)]
    pub value: AmountJson,
    /// Free text, at most 2000 characters (OBP's column).
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub description: String,
    /// `SHARED` (default), `SENDER` or `RECEIVER`.
    #[serde(default)]
    #[schema(max_length = 32)]
    pub charge_policy: Option<String>,
}

/// The body of SEPA (OBP's `TransactionRequestBodySEPAJsonV400`): a payment to the
/// beneficiary counterparty of the paying account with that IBAN (on this server, or through
/// the bank's SEPA settlement account).
#[derive(Debug, Deserialize, ToSchema)]
pub struct TransactionRequestBodySEPAJsonV400 {
    /// The IBAN paid.
    #[serde(default)]
    #[schema(value_type = ToIbanJson, required = true)]
    pub to: Later<ToIbanJson>,
    /// The amount, in the from account's currency.
    #[schema(value_type = AmountOfMoneyJson)]
    pub value: AmountJson,
    /// Free text, at most 2000 characters (OBP's column).
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub description: String,
    /// `SHARED` (default), `SENDER` or `RECEIVER`.
    #[serde(default)]
    #[schema(max_length = 32)]
    pub charge_policy: Option<String>,
}

/// The body of COUNTERPARTY (OBP's `TransactionRequestBodyCounterpartyJSON`): a payment to a
/// beneficiary counterparty of the paying account.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TransactionRequestBodyCounterpartyJson {
    /// The counterparty paid.
    #[serde(default)]
    #[schema(value_type = ToCounterpartyJson, required = true)]
    pub to: Later<ToCounterpartyJson>,
    /// The amount, in the from account's currency.
    #[schema(value_type = AmountOfMoneyJson)]
    pub value: AmountJson,
    /// Free text, at most 2000 characters (OBP's column).
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub description: String,
    /// `SHARED` (default), `SENDER` or `RECEIVER`.
    #[serde(default)]
    #[schema(max_length = 32)]
    pub charge_policy: Option<String>,
}

/// The body of FREE_FORM (OBP's `TransactionRequestBodyFreeFormJSON`): no payee.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TransactionRequestBodyFreeFormJson {
    /// The amount, in the from account's currency.
    #[schema(value_type = AmountOfMoneyJson)]
    pub value: AmountJson,
    /// Free text, at most 2000 characters (OBP's column).
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub description: String,
    /// `SHARED` (default), `SENDER` or `RECEIVER`.
    #[serde(default)]
    #[schema(max_length = 32)]
    pub charge_policy: Option<String>,
}

/// The body of REFUND (OBP's `TransactionRequestBodyRefundJsonV400`): pays back (part of)
/// an incoming transaction.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TransactionRequestBodyRefundJsonV400 {
    /// Whom to pay; by default the other party of the refunded transaction.
    #[serde(default)]
    #[schema(value_type = Option<RefundToJson>)]
    pub to: Later<RefundToJson>,
    /// The amount, at most the refunded transaction's.
    #[schema(value_type = AmountOfMoneyJson)]
    pub value: AmountJson,
    /// Free text, at most 2000 characters (OBP's column).
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub description: String,
    /// `SHARED` (default), `SENDER` or `RECEIVER`.
    #[serde(default)]
    #[schema(max_length = 32)]
    pub charge_policy: Option<String>,
    /// The transaction refunded.
    #[serde(default)]
    #[schema(value_type = RefundJson, required = true)]
    pub refund: Later<RefundJson>,
}

/// The payee of SIMPLE, named by its routings (OBP's `PostSimpleCounterpartyJson400`):
/// every field is required, an empty string where there is nothing to say.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostSimpleCounterpartyJson400 {
    /// The name of the counterparty made when the paying account has none with these
    /// routings (unique on the account and view).
    pub name: String,
    /// Its description (at most 36 characters).
    pub description: String,
    /// `OBP` when the address is a BANK_ID on this server.
    pub other_bank_routing_scheme: String,
    /// The other bank.
    pub other_bank_routing_address: String,
    /// `OBP` (an ACCOUNT_ID at that bank), `IBAN`, ...
    pub other_account_routing_scheme: String,
    /// The other account.
    pub other_account_routing_address: String,
    /// Secondary scheme, e.g. `IBAN`.
    pub other_account_secondary_routing_scheme: String,
    /// Secondary address.
    pub other_account_secondary_routing_address: String,
    /// Branch scheme.
    pub other_branch_routing_scheme: String,
    /// Branch address.
    pub other_branch_routing_address: String,
}

impl From<PostSimpleCounterpartyJson400> for SimplePayee {
    fn from(j: PostSimpleCounterpartyJson400) -> Self {
        Self {
            name: j.name,
            description: j.description,
            other_bank_routing_scheme: j.other_bank_routing_scheme,
            other_bank_routing_address: j.other_bank_routing_address,
            other_account_routing_scheme: j.other_account_routing_scheme,
            other_account_routing_address: j.other_account_routing_address,
            other_account_secondary_routing_scheme: j.other_account_secondary_routing_scheme,
            other_account_secondary_routing_address: j.other_account_secondary_routing_address,
            other_branch_routing_scheme: j.other_branch_routing_scheme,
            other_branch_routing_address: j.other_branch_routing_address,
        }
    }
}

/// The body of SIMPLE (OBP's `TransactionRequestBodySimpleJsonV400`): a payment to a payee
/// named by its routings, the paying account's counterparty with them (made as a
/// beneficiary of the account and view when there is none).
#[derive(Debug, Deserialize, ToSchema)]
pub struct TransactionRequestBodySimpleJsonV400 {
    /// The payee.
    #[serde(default)]
    #[schema(value_type = PostSimpleCounterpartyJson400, required = true)]
    pub to: Later<PostSimpleCounterpartyJson400>,
    /// The amount, in the from account's currency.
    #[schema(value_type = AmountOfMoneyJson)]
    pub value: AmountJson,
    /// Free text, at most 2000 characters (OBP's column).
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub description: String,
    /// `SHARED` (default), `SENDER` or `RECEIVER`.
    #[serde(default)]
    #[schema(max_length = 32)]
    pub charge_policy: Option<String>,
    /// Accepted and kept in the request's body, as OBP's mapped connector does (it books at
    /// once all the same), e.g. `20200127`.
    #[serde(default)]
    pub future_date: Option<String>,
}

/// The agent an AGENT_CASH_WITHDRAWAL pays (OBP's `AgentCashWithdrawalJson`).
#[derive(Debug, Deserialize, ToSchema)]
pub struct AgentCashWithdrawalJson {
    /// The agent's bank.
    pub bank_id: String,
    /// The agent's number at that bank.
    pub agent_number: String,
}

/// The body of AGENT_CASH_WITHDRAWAL (OBP's `TransactionRequestBodyAgentJsonV400`): cash
/// withdrawn at an agent, paid to the agent's account.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TransactionRequestBodyAgentJsonV400 {
    /// The agent.
    #[serde(default)]
    #[schema(value_type = AgentCashWithdrawalJson, required = true)]
    pub to: Later<AgentCashWithdrawalJson>,
    /// The amount, in the from account's currency (the agent's account must hold it too).
    #[schema(value_type = AmountOfMoneyJson)]
    pub value: AmountJson,
    /// Free text, at most 2000 characters (OBP's column).
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub description: String,
    /// `SHARED` (default), `SENDER` or `RECEIVER`.
    #[serde(default)]
    #[schema(max_length = 32)]
    pub charge_policy: Option<String>,
    /// Accepted and kept in the request's body, as OBP's mapped connector does.
    #[serde(default)]
    pub future_date: Option<String>,
}

/// The card of a CARD request (OBP's `CardJsonV400`): every field is required.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CardJsonV400 {
    /// Not checked (as OBP), e.g. `Debit`.
    pub card_type: String,
    /// The card's brand (any case).
    pub brand: String,
    /// The 3-digit CVV the card's creation answered.
    pub cvv: String,
    /// The card's number: finds the card.
    pub card_number: String,
    /// The name on the card (any case).
    pub name_on_card: String,
    /// `yyyy`.
    pub expiry_year: String,
    /// `MM`.
    pub expiry_month: String,
}

impl From<CardJsonV400> for CardProof {
    fn from(j: CardJsonV400) -> Self {
        Self {
            card_type: j.card_type,
            brand: j.brand,
            cvv: j.cvv,
            card_number: j.card_number,
            name_on_card: j.name_on_card,
            expiry_year: j.expiry_year,
            expiry_month: j.expiry_month,
        }
    }
}

/// The body of CARD (OBP's `TransactionRequestBodyCardJsonV400`): a payment from the card's
/// account to a beneficiary counterparty of it; the receiver pays the charge (no
/// `charge_policy`, as OBP).
#[derive(Debug, Deserialize, ToSchema)]
pub struct TransactionRequestBodyCardJsonV400 {
    /// The card: finds the paying account and proves the payer.
    #[serde(default)]
    #[schema(value_type = CardJsonV400, required = true)]
    pub card: Later<CardJsonV400>,
    /// The counterparty paid.
    #[serde(default)]
    #[schema(value_type = ToCounterpartyJson, required = true)]
    pub to: Later<ToCounterpartyJson>,
    /// The amount, in the card account's currency.
    #[schema(value_type = AmountOfMoneyJson)]
    pub value: AmountJson,
    /// Free text, at most 2000 characters (OBP's column).
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub description: String,
}

/// Reads a CARD body: the card (needed first: it names the paying account) and the request.
/// The request's `details` keep the body without its card: the card's number and CVV are
/// not stored with the request (OBP stores the body as sent).
///
/// # Errors
/// 400 OBP-10001 for a body that is not a CARD body or has no readable card.
pub fn new_card_transaction_request(
    body: serde_json::Value,
) -> ApiResult<(CardProof, NewTransactionRequest)> {
    let ty = TransactionRequestType::Card.as_str();
    if !body.is_object() {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidJsonFormat,
            "The body must be a JSON object.",
        ));
    }
    let b: TransactionRequestBodyCardJsonV400 =
        serde_json::from_value(body.clone()).map_err(|e| body_error(ty, &e))?;
    let card: CardProof = b.card.required("card", ty)?.into();
    let to = b.to.required("to", ty).map(|j| j.counterparty_id);
    let mut details = body;
    if let Some(obj) = details.as_object_mut() {
        obj.remove("card");
    }
    Ok((
        card,
        NewTransactionRequest {
            currency: b.value.currency,
            amount: b.value.amount,
            description: b.description,
            charge_policy: Some("RECEIVER".to_owned()),
            payee: Payee::CardCounterparty(to),
            details,
        },
    ))
}

/// The body of a transaction request: the body of its type (documentation of the route
/// whose path names the type; each type's route documents its own body).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum TransactionRequestBodyJson {
    /// ACCOUNT, ACCOUNT_OTP, SANDBOX_TAN.
    SandBoxTan(TransactionRequestBodySandBoxTanJson),
    /// SEPA.
    Sepa(TransactionRequestBodySEPAJsonV400),
    /// COUNTERPARTY.
    Counterparty(TransactionRequestBodyCounterpartyJson),
    /// FREE_FORM.
    FreeForm(TransactionRequestBodyFreeFormJson),
    /// REFUND.
    Refund(TransactionRequestBodyRefundJsonV400),
    /// SIMPLE.
    Simple(TransactionRequestBodySimpleJsonV400),
    /// AGENT_CASH_WITHDRAWAL.
    Agent(TransactionRequestBodyAgentJsonV400),
}

impl From<ToAccountJson> for ToAccount {
    fn from(j: ToAccountJson) -> Self {
        Self {
            bank_id: j.bank_id,
            account_id: j.account_id,
        }
    }
}

impl From<RefundJson> for Refund {
    fn from(j: RefundJson) -> Self {
        Self {
            transaction_id: j.transaction_id,
            reason_code: j.reason_code,
        }
    }
}

impl From<RefundToJson> for RefundTo {
    fn from(j: RefundToJson) -> Self {
        Self {
            bank_id: j.bank_id,
            account_id: j.account_id,
        }
    }
}

/// Reads the create body of `request_type` into the service's input. Only a body that is
/// not an object, or whose amount, description or charge policy is malformed, is an error
/// here; a malformed payee is carried in [`Payee`] and answered where OBP checks it.
///
/// # Errors
/// 400 OBP-10001.
pub fn new_transaction_request(
    request_type: TransactionRequestType,
    body: serde_json::Value,
) -> ApiResult<NewTransactionRequest> {
    use TransactionRequestType as T;
    if !body.is_object() {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidJsonFormat,
            "The body must be a JSON object.",
        ));
    }
    let ty = request_type.as_str();
    fn read<B: DeserializeOwned>(body: &serde_json::Value, ty: &str) -> ApiResult<B> {
        serde_json::from_value(body.clone()).map_err(|e| body_error(ty, &e))
    }
    let (value, description, charge_policy, payee) = match request_type {
        T::Account | T::AccountOtp | T::SandboxTan => {
            let b: TransactionRequestBodySandBoxTanJson = read(&body, ty)?;
            let to = b.to.required("to", ty).map(Into::into);
            (b.value, b.description, b.charge_policy, Payee::Account(to))
        }
        T::Sepa => {
            let b: TransactionRequestBodySEPAJsonV400 = read(&body, ty)?;
            let to = b.to.required("to", ty).map(|j| j.iban);
            (b.value, b.description, b.charge_policy, Payee::Iban(to))
        }
        T::Counterparty => {
            let b: TransactionRequestBodyCounterpartyJson = read(&body, ty)?;
            let to = b.to.required("to", ty).map(|j| j.counterparty_id);
            (
                b.value,
                b.description,
                b.charge_policy,
                Payee::Counterparty(to),
            )
        }
        T::Simple => {
            let b: TransactionRequestBodySimpleJsonV400 = read(&body, ty)?;
            let to = b.to.required("to", ty).map(Into::into);
            (b.value, b.description, b.charge_policy, Payee::Simple(to))
        }
        T::AgentCashWithdrawal => {
            let b: TransactionRequestBodyAgentJsonV400 = read(&body, ty)?;
            let to = b.to.required("to", ty).map(|j| AgentPayee {
                bank_id: j.bank_id,
                agent_number: j.agent_number,
            });
            (b.value, b.description, b.charge_policy, Payee::Agent(to))
        }
        // The card names the paying account: only CARD's own path reads its body.
        T::Card => return Err(card_elsewhere()),
        T::FreeForm => {
            let b: TransactionRequestBodyFreeFormJson = read(&body, ty)?;
            (b.value, b.description, b.charge_policy, Payee::None)
        }
        T::Refund => {
            let b: TransactionRequestBodyRefundJsonV400 = read(&body, ty)?;
            let payee = Payee::Refund {
                refund: b.refund.required("refund", ty).map(Into::into),
                to: b.to.optional(ty).map(|to| to.map(Into::into)),
            };
            (b.value, b.description, b.charge_policy, payee)
        }
    };
    Ok(NewTransactionRequest {
        currency: value.currency,
        amount: value.amount,
        description,
        charge_policy,
        payee,
        details: body,
    })
}

/// CARD requests are made at `POST /obp/vX/transaction-request-types/CARD/transaction-requests`
/// (the card names the account), never under an account's path (400 OBP-40001).
pub fn card_elsewhere() -> ApiError {
    ApiError::with_detail(
        ErrorCode::InvalidTransactionRequestType,
        "CARD transaction requests are made at POST /obp/v4.0.0/transaction-request-types/CARD/transaction-requests.",
    )
}

/// A challenge (`ChallengeJsonV400`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ChallengeJsonV400 {
    /// Challenge id, to send back with the answer.
    pub id: String,
    /// Who must answer.
    pub user_id: String,
    /// Attempts allowed.
    pub allowed_attempts: i32,
    /// `OBP_TRANSACTION_REQUEST_CHALLENGE`.
    pub challenge_type: String,
    /// Where to answer.
    pub link: String,
}

/// The charge (`TransactionRequestChargeJsonV200`).
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionRequestChargeJson {
    /// Summary text.
    pub summary: String,
    /// The charge.
    pub value: AmountOfMoneyJson,
}

/// The IBAN a SEPA request pays (OBP's `TransactionRequestIban`).
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionRequestIban {
    /// The IBAN as sent.
    pub iban: String,
}

/// The counterparty a COUNTERPARTY request pays (OBP's `TransactionRequestCounterpartyId`).
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionRequestCounterpartyId {
    /// COUNTERPARTY_ID.
    pub counterparty_id: String,
}

/// The payee a SIMPLE request named (OBP's `TransactionRequestSimple`): the request's
/// routings as sent, under OBP's camelCase keys (OBP's class is not snake-cased).
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TransactionRequestSimple {
    /// `other_bank_routing_scheme` as sent.
    pub other_bank_routing_scheme: String,
    /// `other_bank_routing_address` as sent.
    pub other_bank_routing_address: String,
    /// `other_branch_routing_scheme` as sent.
    pub other_branch_routing_scheme: String,
    /// `other_branch_routing_address` as sent.
    pub other_branch_routing_address: String,
    /// `other_account_routing_scheme` as sent.
    pub other_account_routing_scheme: String,
    /// `other_account_routing_address` as sent.
    pub other_account_routing_address: String,
    /// `other_account_secondary_routing_scheme` as sent.
    pub other_account_secondary_routing_scheme: String,
    /// `other_account_secondary_routing_address` as sent.
    pub other_account_secondary_routing_address: String,
}

/// The agent of an AGENT_CASH_WITHDRAWAL request's details (OBP's
/// `TransactionRequestAgentCashWithdrawal`).
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionRequestAgentCashWithdrawal {
    /// The agent's bank as sent.
    pub bank_id: String,
    /// The agent's number as sent.
    pub agent_number: String,
}

/// The `details` of a transaction request (OBP's `TransactionRequestBodyAllTypes`, as
/// `MappedTransactionRequest.toTransactionRequest` fills it): only the payee field of the
/// request's type is present.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionRequestBodyAllTypes {
    /// ACCOUNT, ACCOUNT_OTP, SANDBOX_TAN: the account paid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_sandbox_tan: Option<TransactionRequestAccountJson>,
    /// SEPA: the IBAN paid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_sepa: Option<TransactionRequestIban>,
    /// COUNTERPARTY and CARD: the counterparty paid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_counterparty: Option<TransactionRequestCounterpartyId>,
    /// SIMPLE: the payee's routings as sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_simple: Option<TransactionRequestSimple>,
    /// AGENT_CASH_WITHDRAWAL: the agent as sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_agent: Option<TransactionRequestAgentCashWithdrawal>,
    /// The amount.
    pub value: AmountOfMoneyJson,
    /// The description.
    pub description: String,
}

impl TransactionRequestBodyAllTypes {
    /// The details of `req`: the payee from where the request resolved it (the account) or
    /// from its body as sent (the IBAN, the counterparty id; `""` when absent, as OBP).
    pub fn of(req: &TransactionRequest) -> Self {
        use TransactionRequestType as T;
        let sent = |field: &str| {
            req.details
                .get("to")
                .and_then(|to| to.get(field))
                .and_then(serde_json::Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        let to_sandbox_tan = matches!(req.request_type, T::Account | T::AccountOtp | T::SandboxTan)
            .then(|| match &req.target {
                PaymentTarget::Account {
                    bank_id,
                    account_id,
                } => TransactionRequestAccountJson {
                    bank_id: bank_id.as_str().to_owned(),
                    account_id: account_id.as_str().to_owned(),
                },
                _ => TransactionRequestAccountJson {
                    bank_id: sent("bank_id"),
                    account_id: sent("account_id"),
                },
            });
        Self {
            to_sandbox_tan,
            to_sepa: (req.request_type == T::Sepa)
                .then(|| TransactionRequestIban { iban: sent("iban") }),
            to_counterparty: matches!(req.request_type, T::Counterparty | T::Card).then(|| {
                TransactionRequestCounterpartyId {
                    counterparty_id: sent("counterparty_id"),
                }
            }),
            to_simple: (req.request_type == T::Simple).then(|| TransactionRequestSimple {
                other_bank_routing_scheme: sent("other_bank_routing_scheme"),
                other_bank_routing_address: sent("other_bank_routing_address"),
                other_branch_routing_scheme: sent("other_branch_routing_scheme"),
                other_branch_routing_address: sent("other_branch_routing_address"),
                other_account_routing_scheme: sent("other_account_routing_scheme"),
                other_account_routing_address: sent("other_account_routing_address"),
                other_account_secondary_routing_scheme: sent(
                    "other_account_secondary_routing_scheme",
                ),
                other_account_secondary_routing_address: sent(
                    "other_account_secondary_routing_address",
                ),
            }),
            to_agent: (req.request_type == T::AgentCashWithdrawal).then(|| {
                TransactionRequestAgentCashWithdrawal {
                    bank_id: sent("bank_id"),
                    agent_number: sent("agent_number"),
                }
            }),
            value: AmountOfMoneyJson::from_money(&req.value),
            description: req.description.clone(),
        }
    }
}

/// A transaction request (`TransactionRequestWithChargeJSON400`).
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionRequestWithChargeJson400 {
    /// TRANSACTION_REQUEST_ID.
    pub id: String,
    /// The type.
    #[serde(rename = "type")]
    pub request_type: String,
    /// The paying account.
    pub from: TransactionRequestAccountJson,
    /// What the request pays, as OBP renders it: the payee under the type's field, the
    /// amount and the description.
    pub details: TransactionRequestBodyAllTypes,
    /// OBP's single transaction id: the payer's transaction once the request completed,
    /// `""` until then.
    pub transaction_ids: Vec<String>,
    /// INITIATED, COMPLETED, ...
    pub status: String,
    /// When it was made.
    pub start_date: String,
    /// When it ended or last changed.
    pub end_date: String,
    /// Challenges to answer (empty when it completed at once).
    pub challenges: Vec<ChallengeJsonV400>,
    /// The charge.
    pub charge: TransactionRequestChargeJson,
}

impl TransactionRequestWithChargeJson400 {
    /// The request as seen through `view_id`; challenge links start with `hostname`.
    pub fn new(hostname: &str, view_id: &str, r: RequestWithChallenges) -> Self {
        let req = r.request;
        let link = format!(
            "{}/obp/v4.0.0/banks/{}/accounts/{}/{}/transaction-request-types/{}/transaction-requests/{}/challenge",
            hostname, req.from_bank_id, req.from_account_id, view_id, req.request_type, req.id
        );
        Self {
            id: req.id.clone(),
            request_type: req.request_type.as_str().to_owned(),
            from: TransactionRequestAccountJson {
                bank_id: req.from_bank_id.as_str().to_owned(),
                account_id: req.from_account_id.as_str().to_owned(),
            },
            details: TransactionRequestBodyAllTypes::of(&req),
            // OBP keeps one id (the payer's, `saveTransactionRequestTransaction`) and renders
            // it as a one-element list, empty before completion.
            transaction_ids: vec![req.transaction_ids.first().cloned().unwrap_or_default()],
            status: req.status.as_str().to_owned(),
            start_date: obp_date(req.start_date),
            end_date: obp_date(req.end_date),
            challenges: r
                .challenges
                .into_iter()
                .map(|c| ChallengeJsonV400 {
                    id: c.id,
                    user_id: c.user_id,
                    allowed_attempts: c.allowed_attempts,
                    challenge_type: c.challenge_type,
                    link: link.clone(),
                })
                .collect(),
            charge: TransactionRequestChargeJson {
                summary: CHARGE_SUMMARY.to_owned(),
                value: AmountOfMoneyJson::from_money(&req.charge),
            },
        }
    }
}

/// A challenge as OBP's v2.1.0 transaction request shows it (`ChallengeJsonV140`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ChallengeJsonV140 {
    /// Challenge id, to send back with the answer.
    pub id: String,
    /// Attempts allowed.
    pub allowed_attempts: i32,
    /// `OBP_TRANSACTION_REQUEST_CHALLENGE`.
    pub challenge_type: String,
}

/// A transaction request in OBP's v2.1.0 shape (`TransactionRequestWithChargeJSON210`): one
/// `challenge` instead of the `challenges` list — while the request waits for answers, the
/// caller's own unanswered challenge, else the first unanswered one; `null` otherwise. OBP answers it for creates and challenge answers below v4.0.0, for
/// SANDBOX_TAN creates at every version, and for both GETs at every version.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionRequestWithChargeJson210 {
    /// TRANSACTION_REQUEST_ID.
    pub id: String,
    /// The type.
    #[serde(rename = "type")]
    pub request_type: String,
    /// The paying account.
    pub from: TransactionRequestAccountJson,
    /// What the request pays, as OBP renders it.
    pub details: TransactionRequestBodyAllTypes,
    /// The payer's transaction once completed, `""` until then.
    pub transaction_ids: Vec<String>,
    /// INITIATED, COMPLETED, ...
    pub status: String,
    /// When it was made.
    pub start_date: String,
    /// When it ended or last changed.
    pub end_date: String,
    /// The challenge to answer, `null` when there is none.
    pub challenge: Option<ChallengeJsonV140>,
    /// The charge.
    pub charge: TransactionRequestChargeJson,
}

/// A transaction request with what its rendering needs besides itself.
#[derive(Debug)]
pub struct RequestToRender {
    /// The server's public base URL, for challenge links.
    pub hostname: String,
    /// The view it is seen through.
    pub view_id: String,
    /// The request and its challenges.
    pub request: RequestWithChallenges,
    /// USER_ID of the caller (whose own challenge the v2.1.0 shape shows first).
    pub caller: String,
}

impl RequestToRender {
    /// OBP's v4.0.0 shape.
    pub fn v400(self) -> TransactionRequestWithChargeJson400 {
        TransactionRequestWithChargeJson400::new(&self.hostname, &self.view_id, self.request)
    }

    /// OBP's v2.1.0 shape.
    pub fn v210(self) -> TransactionRequestWithChargeJson210 {
        use obp_domain::payment::TransactionRequestStatus as S;
        let waiting = matches!(
            self.request.request.status,
            S::Initiated | S::NextChallengePending
        );
        let open = |c: &&obp_connectors::store::sca::Challenge| waiting && !c.successful;
        let challenges = &self.request.challenges;
        let challenge = challenges
            .iter()
            .filter(open)
            .find(|c| c.user_id == self.caller)
            .or_else(|| challenges.iter().find(open))
            .map(|c| ChallengeJsonV140 {
                id: c.id.clone(),
                allowed_attempts: c.allowed_attempts,
                challenge_type: c.challenge_type.clone(),
            });
        let j = self.v400();
        TransactionRequestWithChargeJson210 {
            id: j.id,
            request_type: j.request_type,
            from: j.from,
            details: j.details,
            transaction_ids: j.transaction_ids,
            status: j.status,
            start_date: j.start_date,
            end_date: j.end_date,
            challenge,
            charge: j.charge,
        }
    }
}

/// `{"transaction_requests_with_charges": [...]}` (OBP's `TransactionRequestWithChargeJSONs210`,
/// which every version's list answers).
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionRequestsJson {
    /// The account's requests, newest first.
    pub transaction_requests_with_charges: Vec<TransactionRequestWithChargeJson210>,
}

/// One supported type (`TransactionRequestTypeJSONV210`).
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionRequestTypeJson {
    /// E.g. `SANDBOX_TAN`.
    pub transaction_request_type: String,
}

/// `{"transaction_request_types": [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionRequestTypesJson {
    /// The types this server supports.
    pub transaction_request_types: Vec<TransactionRequestTypeJson>,
}

impl From<&[TransactionRequestType]> for TransactionRequestTypesJson {
    fn from(types: &[TransactionRequestType]) -> Self {
        Self {
            transaction_request_types: types
                .iter()
                .map(|t| TransactionRequestTypeJson {
                    transaction_request_type: t.as_str().to_owned(),
                })
                .collect(),
        }
    }
}

/// One type an account can pay with and its charge (OBP's `TransactionRequestTypeJsonV140`).
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionRequestTypeJsonV140 {
    /// The type, e.g. `SANDBOX_TAN`.
    pub value: String,
    /// Its charge: the least, that of the smallest amount (the charge grows with the amount).
    pub charge: TransactionRequestChargeJson,
}

/// `{"transaction_request_types": [{"value", "charge"}]}` (OBP's
/// `TransactionRequestTypesJsonV140`).
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionRequestTypesJsonV140 {
    /// The types the account can pay with.
    pub transaction_request_types: Vec<TransactionRequestTypeJsonV140>,
}

impl From<Vec<TypeWithCharge>> for TransactionRequestTypesJsonV140 {
    fn from(types: Vec<TypeWithCharge>) -> Self {
        Self {
            transaction_request_types: types
                .into_iter()
                .map(|t| TransactionRequestTypeJsonV140 {
                    value: t.request_type.as_str().to_owned(),
                    charge: TransactionRequestChargeJson {
                        summary: format!(
                            "Least charge of a {} transaction request (it grows with the amount)",
                            t.request_type
                        ),
                        value: AmountOfMoneyJson::from_money(&t.charge),
                    },
                })
                .collect(),
        }
    }
}

/// `ChallengeAnswerJson400`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ChallengeAnswerJson {
    /// The challenge id.
    pub id: String,
    /// The answer (the OTP), or `REJECT`.
    pub answer: String,
    /// Optional reason (kept for OBP compatibility).
    #[serde(default)]
    pub reason_code: Option<String>,
    /// Optional information (kept for OBP compatibility).
    #[serde(default)]
    pub additional_information: Option<String>,
}

impl<'a> From<&'a ChallengeAnswerJson> for ChallengeAnswer<'a> {
    fn from(j: &'a ChallengeAnswerJson) -> Self {
        Self {
            challenge_id: &j.id,
            answer: &j.answer,
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn message<T>(r: ApiResult<T>) -> String {
        r.err().map(|e| e.client_message()).unwrap_or_default()
    }

    #[test]
    fn the_amount_is_read_with_the_body_and_the_payee_later_with_the_same_messages() {
        let ty = TransactionRequestType::SandboxTan;
        assert!(message(new_transaction_request(ty, json!([]))).ends_with("must be a JSON object."));
        assert!(message(new_transaction_request(ty, json!({"value": 5})))
            .ends_with("for SANDBOX_TAN: invalid type: integer `5`, expected struct AmountJson."));
        let value = json!({"currency": "EUR", "amount": "1.00"});
        let payee = |body| match new_transaction_request(ty, body).map(|n| n.payee) {
            Ok(Payee::Account(to)) => message(to),
            other => panic!("{other:?}"),
        };
        assert!(payee(json!({"value": value})).ends_with("needs the field `to`."));
        assert!(payee(json!({"value": value, "to": null}))
            .ends_with("invalid type: null, expected struct ToAccountJson."));
        assert_eq!(
            payee(json!({"value": value, "to": {"bank_id": "b", "account_id": "a"}})),
            ""
        );
    }

    #[test]
    fn a_refund_names_its_transaction_and_optionally_whom_it_pays() {
        let value = json!({"currency": "EUR", "amount": "1.00"});
        let read = |body| match new_transaction_request(TransactionRequestType::Refund, body)
            .map(|n| n.payee)
        {
            Ok(Payee::Refund { refund, to }) => (refund, to),
            other => panic!("{other:?}"),
        };
        let (refund, to) = read(json!({"value": value, "to": null}));
        assert!(message(refund).ends_with("for REFUND needs the field `refund`."));
        assert!(matches!(to, Ok(None)));
        let (refund, to) =
            read(json!({"value": value, "refund": {"transaction_id": "t"}, "to": 5}));
        assert_eq!(refund.map(|r| r.transaction_id).ok().as_deref(), Some("t"));
        assert!(message(to).ends_with("expected struct RefundToJson."));
    }
}
