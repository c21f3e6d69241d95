//! OBP's common model as it travels in the messages: banks, accounts, transactions,
//! counterparties, customers, transaction requests (`CommonModel.scala`,
//! `BankingModel.scala`, `CommonModelTrait.scala`, `CustomerDataModel.scala`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{nullable, Date, Decimal, Id};

/// `AccountRouting` / `Routing` / `BranchRoutingJsonV141`: `{scheme, address}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRouting {
    /// Scheme (`IBAN`, `AccountNumber`, `OBP`, ...).
    pub scheme: String,
    /// Address.
    pub address: String,
}

/// `AccountRule`: `{scheme, value}` (e.g. `OVERDRAFT`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRule {
    /// Scheme.
    pub scheme: String,
    /// Value.
    pub value: String,
}

/// `Attribute`: an account attribute carried with the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribute {
    /// Name.
    pub name: String,
    /// Type (`STRING`, ...).
    #[serde(rename = "type")]
    pub attribute_type: String,
    /// Value.
    pub value: String,
}

/// `AmountOfMoney` / `AmountOfMoneyJsonV121` / `CreditLimit`: `{currency, amount}`, the
/// amount a `String` in OBP's case class (not a `BigDecimal`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmountOfMoney {
    /// ISO 4217 currency.
    pub currency: String,
    /// Amount.
    pub amount: String,
}

/// `BankIdAccountId`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BankIdAccountId {
    /// BANK_ID.
    pub bank_id: Id,
    /// ACCOUNT_ID.
    pub account_id: Id,
}

/// `BankCommons`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BankCommons {
    /// BANK_ID.
    pub bank_id: Id,
    /// Short name.
    pub short_name: String,
    /// Full name.
    pub full_name: String,
    /// Logo URL.
    pub logo_url: String,
    /// Website URL.
    pub website_url: String,
    /// Routing scheme (e.g. `BIC`).
    pub bank_routing_scheme: String,
    /// Routing address.
    pub bank_routing_address: String,
    /// SWIFT BIC (`@optional`: still sent).
    pub swift_bic: String,
    /// National identifier (`@optional`: still sent).
    pub national_identifier: String,
}

/// `BankAccountCommons` (also what OBP sends for a `BankAccount` argument).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BankAccountCommons {
    /// ACCOUNT_ID.
    pub account_id: Id,
    /// Account type (product code).
    pub account_type: String,
    /// Balance.
    pub balance: Decimal,
    /// ISO 4217 currency.
    pub currency: String,
    /// Name.
    pub name: String,
    /// Label (`@optional`: still sent).
    pub label: String,
    /// Number.
    pub number: String,
    /// BANK_ID.
    pub bank_id: Id,
    /// Last update.
    pub last_update: Date,
    /// Branch.
    pub branch_id: String,
    /// Routings.
    pub account_routings: Vec<AccountRouting>,
    /// Rules (`@optional`: still sent).
    pub account_rules: Vec<AccountRule>,
    /// Holder (`@optional`: still sent).
    pub account_holder: String,
    /// Attributes, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<Vec<Attribute>>,
}

/// `Counterparty` (`BankingModel.scala`): the other side of a transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Counterparty {
    /// National identifier (`@optional`: still sent).
    pub national_identifier: String,
    /// Kind of account.
    pub kind: String,
    /// COUNTERPARTY_ID.
    pub counterparty_id: String,
    /// Name.
    pub counterparty_name: String,
    /// The account's bank.
    pub this_bank_id: Id,
    /// The account.
    pub this_account_id: Id,
    /// Other bank routing scheme.
    pub other_bank_routing_scheme: String,
    /// Other bank routing address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_bank_routing_address: Option<String>,
    /// Other account routing scheme.
    pub other_account_routing_scheme: String,
    /// Other account routing address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_account_routing_address: Option<String>,
    /// Provider.
    pub other_account_provider: String,
    /// Whether it is a beneficiary.
    pub is_beneficiary: bool,
}

/// `Transaction` (`CommonModel.scala`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Transaction {
    /// Universally unique id (`@optional`: still sent).
    pub uuid: String,
    /// TRANSACTION_ID.
    pub id: Id,
    /// The account.
    pub this_account: BankAccountCommons,
    /// The other side.
    pub other_account: Counterparty,
    /// Type.
    pub transaction_type: String,
    /// Signed amount.
    pub amount: Decimal,
    /// ISO 4217 currency.
    pub currency: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Posted.
    pub start_date: Date,
    /// Completed.
    pub finish_date: Date,
    /// Balance after it.
    pub balance: Decimal,
    /// *Extension*: the transaction request that caused it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_request_id: Option<String>,
    /// *Extension*: the payment's charge policy, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charge_policy: Option<String>,
}

/// `CounterpartyBespoke`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CounterpartyBespoke {
    /// Key.
    pub key: String,
    /// Value.
    pub value: String,
}

/// `CounterpartyTraitCommons`: an explicit counterparty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CounterpartyTraitCommons {
    /// USER_ID of the creator.
    pub created_by_user_id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// ISO 4217 currency.
    pub currency: String,
    /// BANK_ID of its account.
    pub this_bank_id: String,
    /// ACCOUNT_ID of its account.
    pub this_account_id: String,
    /// VIEW_ID it was made through.
    pub this_view_id: String,
    /// COUNTERPARTY_ID.
    pub counterparty_id: String,
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
}

/// `CustomerFaceImage`: `{date, url}` (`date` a `Date`, `null` when unknown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerFaceImage {
    /// When taken.
    #[serde(deserialize_with = "nullable")]
    pub date: Option<Date>,
    /// URL.
    pub url: String,
}

/// `CreditRating`: `{rating, source}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditRating {
    /// Rating.
    pub rating: String,
    /// Source.
    pub source: String,
}

/// `CustomerCommons`. The `Date` fields are `null` when the customer has no such date, as
/// OBP renders a `null` `Date`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerCommons {
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Customer number.
    pub number: String,
    /// Legal name.
    pub legal_name: String,
    /// Mobile number.
    pub mobile_number: String,
    /// Email.
    pub email: String,
    /// Face image.
    pub face_image: CustomerFaceImage,
    /// Date of birth.
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
    /// Credit rating.
    pub credit_rating: CreditRating,
    /// Credit limit (`null` when none).
    #[serde(deserialize_with = "nullable")]
    pub credit_limit: Option<AmountOfMoney>,
    /// KYC passed.
    pub kyc_status: bool,
    /// Last confirmation of the data.
    #[serde(deserialize_with = "nullable")]
    pub last_ok_date: Option<Date>,
    /// Title.
    pub title: String,
    /// Home branch.
    pub branch_id: String,
    /// Name suffix.
    pub name_suffix: String,
}

/// OBP's `User` as a message argument (`initiator`, `user`). OBP renders the user object it
/// holds (`UserCommons` or a mapped user), so only `userId` is relied on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// USER_ID.
    pub user_id: String,
    /// The id at the identity provider (the username).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_given_by_provider: Option<String>,
    /// Identity provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// Email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_address: Option<String>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// `TransactionRequestCommonBodyJSON` as OBP sends it: the runtime body of the request's
/// type (`TransactionRequestBodySandBoxTanJSON {to, value, description}`, ...), of which
/// `value` and `description` are common; the type's other fields are not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransactionRequestCommonBody {
    /// The amount (`AmountOfMoneyJsonV121`).
    pub value: AmountOfMoney,
    /// Description.
    pub description: String,
}

/// `TransactionRequestAccount`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransactionRequestAccount {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
}

/// `TransactionRequestIban`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransactionRequestIban {
    /// IBAN.
    pub iban: String,
}

/// `TransactionRequestCounterpartyId`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransactionRequestCounterpartyId {
    /// COUNTERPARTY_ID.
    pub counterparty_id: String,
}

/// `TransactionRequestBodyAllTypes`: the body, with the payee of its type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransactionRequestBodyAllTypes {
    /// To an account (SANDBOX_TAN, ACCOUNT, ACCOUNT_OTP).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_sandbox_tan: Option<TransactionRequestAccount>,
    /// To an IBAN (SEPA).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_sepa: Option<TransactionRequestIban>,
    /// To an explicit counterparty (COUNTERPARTY, CARD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_counterparty: Option<TransactionRequestCounterpartyId>,
    /// SIMPLE (`TransactionRequestSimple`, not read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_simple: Option<Value>,
    /// TRANSFER_TO_PHONE (not read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_transfer_to_phone: Option<Value>,
    /// TRANSFER_TO_ATM (not read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_transfer_to_atm: Option<Value>,
    /// TRANSFER_TO_ACCOUNT (not read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_transfer_to_account: Option<Value>,
    /// SEPA_CREDIT_TRANSFERS (not read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_sepa_credit_transfers: Option<Value>,
    /// The amount.
    pub value: AmountOfMoney,
    /// Description.
    pub description: String,
}

/// `TransactionRequestChallenge`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransactionRequestChallenge {
    /// Challenge id.
    pub id: String,
    /// Allowed attempts.
    pub allowed_attempts: i32,
    /// Challenge type.
    pub challenge_type: String,
}

/// `TransactionRequestCharge`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransactionRequestCharge {
    /// Summary.
    pub summary: String,
    /// The charge.
    pub value: AmountOfMoney,
}

/// `TransactionRequest` (`CommonModel.scala`), with OBP's snake_case field names. The
/// `@optional` fields are still sent (OBP's mapped request fills each of them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransactionRequest {
    /// TRANSACTION_REQUEST_ID.
    pub id: Id,
    /// Type, e.g. `SANDBOX_TAN`.
    #[serde(rename = "type")]
    pub request_type: String,
    /// The paying account.
    pub from: TransactionRequestAccount,
    /// The body.
    pub body: TransactionRequestBodyAllTypes,
    /// The transaction ids it produced, comma separated.
    pub transaction_ids: String,
    /// Status.
    pub status: String,
    /// Made.
    pub start_date: Date,
    /// Ended or last changed.
    pub end_date: Date,
    /// Challenge.
    pub challenge: TransactionRequestChallenge,
    /// Charge.
    pub charge: TransactionRequestCharge,
    /// SHARED, SENDER or RECEIVER.
    pub charge_policy: String,
    /// The counterparty paid (`""` for none).
    pub counterparty_id: Id,
    /// Name of the party paid.
    pub name: String,
    /// The paying bank.
    pub this_bank_id: Id,
    /// The paying account.
    pub this_account_id: Id,
    /// The view used.
    pub this_view_id: Id,
    /// Routing scheme of the account paid.
    pub other_account_routing_scheme: String,
    /// Routing address of the account paid.
    pub other_account_routing_address: String,
    /// Routing scheme of the bank paid.
    pub other_bank_routing_scheme: String,
    /// Routing address of the bank paid.
    pub other_bank_routing_address: String,
    /// Whether the party paid is a beneficiary.
    pub is_beneficiary: bool,
    /// Future date, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub future_date: Option<String>,
    /// Periodic payments: start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_start_date: Option<Date>,
    /// Periodic payments: end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_end_date: Option<Date>,
    /// Periodic payments: execution rule (OBP's spelling).
    #[serde(
        rename = "payment_execution_Rule",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub payment_execution_rule: Option<String>,
    /// Periodic payments: frequency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_frequency: Option<String>,
    /// Periodic payments: day of execution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_day_of_execution: Option<String>,
    /// *Extension*: the request body as posted to the API.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<Value>,
    /// *Extension*: USER_ID of the requester.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by_user_id: Option<String>,
    /// *Extension*: CONSUMER_ID of the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consumer_id: Option<String>,
}

/// `InboundAdapterInfoInternal`: the adapter's `getAdapterInfo` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InboundAdapterInfoInternal {
    /// Error code (`""`).
    pub error_code: String,
    /// Backend messages.
    pub backend_messages: Vec<super::InboundStatusMessage>,
    /// Name.
    pub name: String,
    /// Version.
    pub version: String,
    /// Git commit (OBP's spelling).
    #[serde(rename = "git_commit")]
    pub git_commit: String,
    /// Date (free text).
    pub date: String,
}

/// `CoreAccount`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CoreAccount {
    /// ACCOUNT_ID.
    pub id: String,
    /// Label.
    pub label: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Account type.
    pub account_type: String,
    /// Routings.
    pub account_routings: Vec<AccountRouting>,
}

/// `AccountHeld`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountHeld {
    /// ACCOUNT_ID.
    pub id: String,
    /// Label.
    pub label: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Number.
    pub number: String,
    /// Routings.
    pub account_routings: Vec<AccountRouting>,
}

/// `AccountBalance`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountBalance {
    /// ACCOUNT_ID.
    pub id: String,
    /// Label.
    pub label: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Routings.
    pub account_routings: Vec<AccountRouting>,
    /// Balance.
    pub balance: AmountOfMoney,
}

/// `AccountsBalances`: the accounts' balances and their sum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountsBalances {
    /// Each account.
    pub accounts: Vec<AccountBalance>,
    /// The sum of the balances in the most common currency.
    pub overall_balance: AmountOfMoney,
    /// When it was made.
    pub overall_balance_date: Date,
}

/// `BankAccountBalance`: one typed balance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BankAccountBalance {
    /// The balance.
    pub balance: AmountOfMoney,
    /// Its type (`OpeningBooked`, `interimAvailable`, ...).
    pub balance_type: String,
}

/// `AccountBalances`: one account's balances.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountBalances {
    /// ACCOUNT_ID.
    pub id: String,
    /// Label.
    pub label: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Routings.
    pub account_routings: Vec<AccountRouting>,
    /// Balances.
    pub balances: Vec<BankAccountBalance>,
    /// The overall balance.
    pub overall_balance: AmountOfMoney,
    /// When it was made.
    pub overall_balance_date: Date,
}

/// `InboundAccountCommons`: an account a user holds (`getBankAccountsForUser`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InboundAccountCommons {
    /// BANK_ID.
    pub bank_id: String,
    /// Branch.
    pub branch_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// Number.
    pub account_number: String,
    /// Type.
    pub account_type: String,
    /// Balance amount.
    pub balance_amount: String,
    /// Balance currency.
    pub balance_currency: String,
    /// Owners.
    pub owners: Vec<String>,
    /// The views to give the user.
    pub views_to_generate: Vec<String>,
    /// Bank routing scheme.
    pub bank_routing_scheme: String,
    /// Bank routing address.
    pub bank_routing_address: String,
    /// Branch routing scheme.
    pub branch_routing_scheme: String,
    /// Branch routing address.
    pub branch_routing_address: String,
    /// Account routing scheme.
    pub account_routing_scheme: String,
    /// Account routing address.
    pub account_routing_address: String,
}

/// `DoubleEntryTransaction`: the two legs of a booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DoubleEntryTransaction {
    /// The transaction request's bank, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_request_bank_id: Option<Id>,
    /// The transaction request's account, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_request_account_id: Option<Id>,
    /// The transaction request, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_request_id: Option<Id>,
    /// Debit leg: bank.
    pub debit_transaction_bank_id: Id,
    /// Debit leg: account.
    pub debit_transaction_account_id: Id,
    /// Debit leg: transaction.
    pub debit_transaction_id: Id,
    /// Credit leg: bank.
    pub credit_transaction_bank_id: Id,
    /// Credit leg: account.
    pub credit_transaction_account_id: Id,
    /// Credit leg: transaction.
    pub credit_transaction_id: Id,
}

/// `CustomAttribute` (`getChargeLevelC2`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomAttribute {
    /// Name.
    pub name: String,
    /// Type.
    pub attribute_type: String,
    /// Value.
    pub value: String,
}

/// `ChallengeCommons` (`CommonModel.scala` line 556): one SCA challenge, as
/// `createChallengesC2` answers it. `expectedAnswer` is a salted hash of the code delivered
/// to the user, never the code itself; `transactionRequestId` is `""` for a challenge of no
/// request (OBP's `getOrElse("")`). `basketId` belongs to `createChallengesC3` and is left
/// out here, as OBP's json4s leaves out a `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChallengeCommons {
    /// CHALLENGE_ID.
    pub challenge_id: String,
    /// TRANSACTION_REQUEST_ID, or `""`.
    pub transaction_request_id: String,
    /// The salted hash of the code the user was sent.
    pub expected_answer: String,
    /// USER_ID of the one user who may answer it.
    pub expected_user_id: String,
    /// The salt of `expectedAnswer`.
    pub salt: String,
    /// Answered right.
    pub successful: bool,
    /// OBP's `ChallengeType` name.
    pub challenge_type: String,
    /// CONSENT_ID, if a consent is challenged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_id: Option<String>,
    /// Signing basket id (`createChallengesC3` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basket_id: Option<String>,
    /// OBP's `SCA` name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sca_method: Option<String>,
    /// OBP's `SCAStatus` name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sca_status: Option<String>,
    /// Berlin Group authentication method id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication_method_id: Option<String>,
    /// Wrong answers given so far.
    pub attempt_counter: i32,
}

/// A JSON object (OBP's `JObject`).
pub type JObject = Map<String, Value>;
