//! Outbound messages for banks, accounts, transactions, payments, counterparties and
//! customers (`JsonsTransfer.scala`; the line of each case class is given).
//!
//! Messages OBP has no case class for are the platform's, marked *(extension)*, with the
//! shape its message docs give.

use serde::{Deserialize, Serialize};

use super::commons::{
    AccountRouting, AccountRule, AmountOfMoney, BankAccountCommons, BankIdAccountId,
    CounterpartyBespoke, CreditRating, CustomAttribute, CustomerFaceImage, TransactionRequest,
    TransactionRequestCommonBody, User,
};
use super::{nullable, Date, Decimal, Id, OutboundAdapterCallContext, QueryDate};

/// `OutBoundGetAdapterInfo` (line 535).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetAdapterInfo {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
}

/// `OutBoundGetBanks` (line 539).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetBanks {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
}

/// `OutBoundGetBank` (line 85).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetBank {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: Id,
}

/// `OutBoundCheckBankAccountExists` (line 126); also `OutBoundGetBankAccount` (line 101),
/// vMay2019's name for it, of the same shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCheckBankAccountExists {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: Id,
    /// ACCOUNT_ID.
    pub account_id: Id,
}

/// `OutBoundGetBankAccounts` (line 998), `OutBoundGetCoreBankAccounts` (line 107),
/// `OutBoundGetBankAccountsHeld` (line 543), `OutBoundGetBankAccountsBalances` (line 111):
/// several accounts by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundBankIdAccountIds {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The accounts.
    pub bank_id_account_ids: Vec<BankIdAccountId>,
}

/// `OutBoundGetBankAccountBalances` (line 116).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetBankAccountBalances {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The account.
    pub bank_id_account_id: BankIdAccountId,
}

/// `OutBoundGetTransactions` (line 149).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetTransactions {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: Id,
    /// ACCOUNT_ID.
    pub account_id: Id,
    /// Page size.
    pub limit: i32,
    /// Items to skip.
    pub offset: i32,
    /// Lower bound of the posted date.
    pub from_date: QueryDate,
    /// Upper bound of the posted date.
    pub to_date: QueryDate,
    /// *Extension*: `ASC` for oldest first; newest first (OBP's order) when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort_direction: Option<String>,
}

/// `OutBoundGetTransaction` (line 159).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetTransaction {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: Id,
    /// ACCOUNT_ID.
    pub account_id: Id,
    /// TRANSACTION_ID.
    pub transaction_id: Id,
}

/// `OutBoundGetBankAccountsByBankId` *(extension)*: every account of a bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetBankAccountsByBankId {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: Id,
}

/// `OutBoundGetBankAccountByIban` (line 994).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetBankAccountByIban {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// IBAN.
    pub iban: String,
}

/// `OutBoundGetBankAccountByRouting` (line 900).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetBankAccountByRouting {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// Only accounts of this bank, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_id: Option<Id>,
    /// Routing scheme.
    pub scheme: String,
    /// Routing address.
    pub address: String,
}

/// `OutBoundCreateBankAccount` (line 833).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateBankAccount {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: Id,
    /// ACCOUNT_ID.
    pub account_id: Id,
    /// Account type.
    pub account_type: String,
    /// Label.
    pub account_label: String,
    /// ISO 4217 currency.
    pub currency: String,
    /// Initial balance.
    pub initial_balance: Decimal,
    /// Holder's name.
    pub account_holder_name: String,
    /// Branch.
    pub branch_id: String,
    /// Routings.
    pub account_routings: Vec<AccountRouting>,
    /// *Extension*: the account number (the account id when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_number: Option<String>,
    /// *Extension*: rules such as `OVERDRAFT` (none when absent).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub account_rules: Vec<AccountRule>,
}

/// `OutBoundUpdateAccountLabel` (line 1241, a legacy message without call context).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundUpdateAccountLabel {
    /// *Extension*: the call context (OBP's legacy message has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outbound_adapter_call_context: Option<OutboundAdapterCallContext>,
    /// BANK_ID.
    pub bank_id: Id,
    /// ACCOUNT_ID.
    pub account_id: Id,
    /// The new label.
    pub label: String,
}

/// `OutBoundGetDoubleEntryBookTransaction` *(extension)*: the double-entry record of a leg.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetDoubleEntryBookTransaction {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID of the transaction.
    pub bank_id: Id,
    /// TRANSACTION_ID of either leg.
    pub transaction_id: Id,
}

/// `OutBoundMakeHistoricalPayment` (line 555).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundMakeHistoricalPayment {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The account debited.
    pub from_account: BankAccountCommons,
    /// The account credited.
    pub to_account: BankAccountCommons,
    /// Posted.
    pub posted: Date,
    /// Completed.
    pub completed: Date,
    /// The amount moved.
    pub amount: Decimal,
    /// ISO 4217 currency.
    pub currency: String,
    /// Description.
    pub description: String,
    /// Transaction type.
    pub transaction_request_type: String,
    /// SHARED, SENDER or RECEIVER.
    pub charge_policy: String,
    /// *Extension*: book even below the overdraft limit (imports).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub skip_funds_check: bool,
}

/// `OutBoundGetChallengeThreshold` (line 50); also `OutBoundGetPaymentLimit`
/// *(extension: OBP's `getPaymentLimit` has no case class; the platform documents this
/// shape)*.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetChallengeThreshold {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// VIEW_ID.
    pub view_id: String,
    /// Transaction request type.
    pub transaction_request_type: String,
    /// ISO 4217 currency.
    pub currency: String,
    /// USER_ID.
    pub user_id: String,
    /// Username.
    pub username: String,
}

/// `OutBoundGetChargeLevelC2` (line 71).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetChargeLevelC2 {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: Id,
    /// ACCOUNT_ID.
    pub account_id: Id,
    /// VIEW_ID.
    pub view_id: Id,
    /// USER_ID.
    pub user_id: String,
    /// Username.
    pub username: String,
    /// Transaction request type.
    pub transaction_request_type: String,
    /// ISO 4217 currency.
    pub currency: String,
    /// The amount to move (a `String` in OBP's case class).
    pub amount: String,
    /// Routings of the account paid.
    pub to_account_routings: Vec<AccountRouting>,
    /// Custom attributes.
    pub custom_attributes: Vec<CustomAttribute>,
}

/// `OutBoundGetBankAccountsForUser` (line 89).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetBankAccountsForUser {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// Identity provider.
    pub provider: String,
    /// Username at the provider.
    pub username: String,
}

/// `TransactionRequestReason`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransactionRequestReason {
    /// Code.
    pub code: String,
    /// Document number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_number: Option<String>,
    /// Amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    /// Currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// `OutBoundCreateTransactionRequestv400` (line 1098).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateTransactionRequestv400 {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// Who asks.
    pub initiator: User,
    /// VIEW_ID.
    pub view_id: Id,
    /// The paying account.
    pub from_account: BankAccountCommons,
    /// The account credited.
    pub to_account: BankAccountCommons,
    /// Type.
    pub transaction_request_type: Id,
    /// Amount and description.
    pub transaction_request_common_body: TransactionRequestCommonBody,
    /// The request body as JSON text.
    pub details_plain: String,
    /// SHARED, SENDER or RECEIVER.
    pub charge_policy: String,
    /// Challenge type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge_type: Option<String>,
    /// SCA method (`SMS`, `EMAIL`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sca_method: Option<String>,
    /// Reasons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<Vec<TransactionRequestReason>>,
    /// *Extension*: the request as the platform made it (id, type, target, charge), which
    /// the adapter stores.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_request: Option<TransactionRequest>,
    /// *Extension*: book it now and store it `COMPLETED` (else keep it `INITIATED`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pay_now: bool,
}

/// `OutBoundMakePaymentv210` (line 165).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundMakePaymentv210 {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The paying account.
    pub from_account: BankAccountCommons,
    /// The account credited.
    pub to_account: BankAccountCommons,
    /// TRANSACTION_REQUEST_ID.
    pub transaction_request_id: Id,
    /// Amount and description.
    pub transaction_request_common_body: TransactionRequestCommonBody,
    /// The amount.
    pub amount: Decimal,
    /// Description.
    pub description: String,
    /// Type.
    pub transaction_request_type: Id,
    /// SHARED, SENDER or RECEIVER.
    pub charge_policy: String,
}

/// `OutBoundMakePaymentV400` (line 184).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundMakePaymentV400 {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The request to pay.
    pub transaction_request: TransactionRequest,
    /// Reasons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<Vec<TransactionRequestReason>>,
}

/// `OutBoundGetTransactionRequestImpl` (line 754).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetTransactionRequestImpl {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// TRANSACTION_REQUEST_ID.
    pub transaction_request_id: Id,
}

/// `OutBoundGetTransactionRequests210` (line 526).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetTransactionRequests210 {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// Who asks.
    pub initiator: User,
    /// The account.
    pub from_account: BankAccountCommons,
}

/// `OutBoundSaveTransactionRequestTransactionImpl` (line 1136, a legacy message without
/// call context).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundSaveTransactionRequestTransactionImpl {
    /// *Extension*: the call context (OBP's legacy message has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outbound_adapter_call_context: Option<OutboundAdapterCallContext>,
    /// TRANSACTION_REQUEST_ID.
    pub transaction_request_id: Id,
    /// The payer's transaction.
    pub transaction_id: Id,
}

/// `OutBoundSaveTransactionRequestStatusImpl` (line 1151, a legacy message without call
/// context).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundSaveTransactionRequestStatusImpl {
    /// *Extension*: the call context (OBP's legacy message has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outbound_adapter_call_context: Option<OutboundAdapterCallContext>,
    /// TRANSACTION_REQUEST_ID.
    pub transaction_request_id: Id,
    /// The new status.
    pub status: String,
    /// *Extension*: change only from one of these statuses (any when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub from_statuses: Vec<String>,
}

/// `OutBoundCreateCounterparty` (line 518).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateCounterparty {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// ISO 4217 currency.
    pub currency: String,
    /// USER_ID of the creator.
    pub created_by_user_id: String,
    /// BANK_ID of its account.
    pub this_bank_id: String,
    /// ACCOUNT_ID of its account.
    pub this_account_id: String,
    /// VIEW_ID.
    pub this_view_id: String,
    /// Other account routing scheme.
    pub other_account_routing_scheme: String,
    /// Other account routing address.
    pub other_account_routing_address: String,
    /// Secondary routing scheme.
    pub other_account_secondary_routing_scheme: String,
    /// Secondary routing address.
    pub other_account_secondary_routing_address: String,
    /// Other bank routing scheme.
    pub other_bank_routing_scheme: String,
    /// Other bank routing address.
    pub other_bank_routing_address: String,
    /// Other branch routing scheme.
    pub other_branch_routing_scheme: String,
    /// Other branch routing address.
    pub other_branch_routing_address: String,
    /// Whether payments to it are allowed.
    pub is_beneficiary: bool,
    /// Extra pairs.
    pub bespoke: Vec<CounterpartyBespoke>,
    /// *Extension*: the COUNTERPARTY_ID the platform chose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counterparty_id: Option<String>,
}

/// `OutBoundGetCounterparties` (line 548).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetCounterparties {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub this_bank_id: Id,
    /// ACCOUNT_ID.
    pub this_account_id: Id,
    /// VIEW_ID.
    pub view_id: Id,
}

/// `OutBoundGetCounterpartyByCounterpartyId` (line 139).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetCounterpartyByCounterpartyId {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// COUNTERPARTY_ID.
    pub counterparty_id: Id,
}

/// `OutBoundCreateCustomer` (line 269).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateCustomer {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: Id,
    /// Legal name.
    pub legal_name: String,
    /// Mobile number.
    pub mobile_number: String,
    /// Email.
    pub email: String,
    /// Face image.
    pub face_image: CustomerFaceImage,
    /// Date of birth (`null` when unknown).
    #[serde(deserialize_with = "nullable")]
    pub date_of_birth: Option<Date>,
    /// Relationship status.
    pub relationship_status: String,
    /// Number of dependants.
    pub dependents: i32,
    /// Dates of birth of the dependants.
    pub dob_of_dependents: Vec<Date>,
    /// Highest education attained.
    pub highest_education_attained: String,
    /// Employment status.
    pub employment_status: String,
    /// KYC passed.
    pub kyc_status: bool,
    /// Last confirmation of the data (`null` when never).
    #[serde(deserialize_with = "nullable")]
    pub last_ok_date: Option<Date>,
    /// Credit rating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_rating: Option<CreditRating>,
    /// Credit limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_limit: Option<AmountOfMoney>,
    /// Title.
    pub title: String,
    /// Home branch.
    pub branch_id: String,
    /// Name suffix.
    pub name_suffix: String,
    /// *Extension*: the CUSTOMER_ID the platform chose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    /// *Extension*: the customer number the platform chose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_number: Option<String>,
}

/// `OutBoundGetCustomerByCustomerId` (line 759).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetCustomerByCustomerId {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// CUSTOMER_ID.
    pub customer_id: String,
}

/// `OutBoundGetCustomerByCustomerNumber` (line 294).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetCustomerByCustomerNumber {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// Customer number.
    pub customer_number: String,
    /// BANK_ID.
    pub bank_id: Id,
}

/// `OutBoundGetCustomers` (line 347).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetCustomers {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: Id,
    /// Page size.
    pub limit: i32,
    /// Items to skip.
    pub offset: i32,
    /// Lower date bound.
    pub from_date: QueryDate,
    /// Upper date bound.
    pub to_date: QueryDate,
}

// ------------------------------------------------------------------ SCA challenges

/// OBP's `ChallengeType` enum (`Enumerations.scala`): the names `challengeType` may take.
pub const CHALLENGE_TYPES: [&str; 5] = [
    "OBP_TRANSACTION_REQUEST_CHALLENGE",
    "OBP_CONSENT_CHALLENGE",
    "BERLIN_GROUP_PAYMENT_CHALLENGE",
    "BERLIN_GROUP_CONSENT_CHALLENGE",
    "BERLIN_GROUP_SIGNING_BASKETS_CHALLENGE",
];

/// The challenge type of a transaction request (the one that needs `transactionRequestId`).
pub const TRANSACTION_REQUEST_CHALLENGE: &str = "OBP_TRANSACTION_REQUEST_CHALLENGE";

/// OBP's `StrongCustomerAuthentication` enum (`SCA`): the names `scaMethod` may take.
pub const SCA_METHODS: [&str; 9] = [
    "SMS",
    "EMAIL",
    "IMPLICIT",
    "DUMMY",
    "UNDEFINED",
    "SMS_OTP",
    "CHIP_OTP",
    "PHOTO_OTP",
    "PUSH_OTP",
];

/// OBP's `StrongCustomerAuthenticationStatus` enum (`SCAStatus`, Berlin Group's names): the
/// values `scaStatus` may take.
pub const SCA_STATUSES: [&str; 8] = [
    "received",
    "psuIdentified",
    "psuAuthenticated",
    "scaMethodSelected",
    "started",
    "finalised",
    "failed",
    "exempted",
];

/// OBP's `SuppliedAnswerType` enum: how `suppliedAnswer` is given.
pub const SUPPLIED_ANSWER_TYPES: [&str; 2] = ["PLAIN_TEXT_VALUE", "HASH_VALUE"];

/// `OutBoundCreateChallengesC2` (line 1368): one challenge per user, e.g. for a transaction
/// request at or above the challenge threshold.
///
/// The enums (`ChallengeType.Value`, `SCA`, `SCAStatus`) travel as their names; they are read
/// as text and checked against [`CHALLENGE_TYPES`], [`SCA_METHODS`], [`SCA_STATUSES`] by the
/// protocol, which answers a wrong one with OBP-10001 naming the field (a refusal the platform
/// can show) rather than a `400` for the whole message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateChallengesC2 {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// USER_IDs of the users to challenge, one challenge each.
    pub user_ids: Vec<String>,
    /// OBP's `ChallengeType` name.
    pub challenge_type: String,
    /// TRANSACTION_REQUEST_ID of the request challenged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_request_id: Option<String>,
    /// How the code is delivered (OBP's `SCA` name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sca_method: Option<String>,
    /// Berlin Group SCA status (OBP's `SCAStatus` name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sca_status: Option<String>,
    /// CONSENT_ID of the consent challenged (exclusive with `transactionRequestId`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_id: Option<String>,
    /// Berlin Group authentication method id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication_method_id: Option<String>,
}

/// `OutBoundValidateChallengeAnswerV2` (line 868): the calling user's answer to a challenge;
/// answered `data: Boolean`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundValidateChallengeAnswerV2 {
    /// Call context (its `outboundAdapterAuthInfo.userId` is who answers).
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// CHALLENGE_ID.
    pub challenge_id: String,
    /// The answer.
    pub supplied_answer: String,
    /// OBP's `SuppliedAnswerType` name: `PLAIN_TEXT_VALUE` or `HASH_VALUE`.
    pub supplied_answer_type: String,
}
