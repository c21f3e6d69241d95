//! The import file: OBP's `SandboxDataImport` and its parts.
//!
//! Why typed input in a service: the file is the use case's input, read the same by
//! `POST /sandbox/data-import` and `obp-server import FILE`; the route documents it
//! (`ToSchema`) and takes it as its body. Branches, ATMs and products are kept as JSON
//! objects because every field other than their keys is stored as sent; amounts are
//! `Value`s so a JSON number is reported (money is never a float) instead of failing the
//! whole body.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::ToSchema;

/// OBP's `SandboxDataImport`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct SandboxDataImport {
    /// Banks.
    #[serde(default)]
    pub banks: Vec<SandboxBankImport>,
    /// Users (local identity provider).
    #[serde(default)]
    pub users: Vec<SandboxUserImport>,
    /// Accounts.
    #[serde(default)]
    pub accounts: Vec<SandboxAccountImport>,
    /// Transactions of the accounts in the file.
    #[serde(default)]
    pub transactions: Vec<SandboxTransactionImport>,
    /// Branches (`id`, `bank_id`, `name`; other fields kept as sent).
    #[serde(default)]
    #[schema(value_type = Vec<Object>)]
    pub branches: Vec<Map<String, Value>>,
    /// ATMs (`id`, `bank_id`, `name`; other fields kept as sent).
    #[serde(default)]
    #[schema(value_type = Vec<Object>)]
    pub atms: Vec<Map<String, Value>>,
    /// Products (`code`, `bank_id`, `name`; other fields kept as sent).
    #[serde(default)]
    #[schema(value_type = Vec<Object>)]
    pub products: Vec<Map<String, Value>>,
    /// CRM events: accepted and ignored.
    #[serde(default)]
    #[schema(value_type = Vec<Object>)]
    pub crm_events: Vec<Value>,
}

/// OBP's `SandboxBankImport`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct SandboxBankImport {
    /// BANK_ID.
    pub id: String,
    /// Short name.
    #[serde(default)]
    pub short_name: String,
    /// Full name.
    #[serde(default)]
    pub full_name: String,
    /// Logo URL.
    #[serde(default)]
    pub logo: String,
    /// Website URL.
    #[serde(default)]
    pub website: String,
}

/// OBP's `SandboxUserImport`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct SandboxUserImport {
    /// E-mail.
    pub email: String,
    /// Password (must be strong, OBP-30207's rule).
    pub password: String,
    /// Username.
    pub user_name: String,
}

/// OBP's `SandboxBalanceImport`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct SandboxBalanceImport {
    /// ISO 4217 currency.
    pub currency: String,
    /// Amount as a string, e.g. `"6599.63"`.
    #[schema(value_type = String)]
    pub amount: Value,
}

/// OBP's `SandboxAccountImport`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct SandboxAccountImport {
    /// ACCOUNT_ID.
    pub id: String,
    /// BANK_ID.
    pub bank: String,
    /// Label.
    #[serde(default)]
    pub label: String,
    /// Account number (the id when empty).
    #[serde(default)]
    pub number: String,
    /// Account type / product code.
    #[serde(default, rename = "type")]
    pub account_type: String,
    /// The balance after the account's imported transactions.
    pub balance: SandboxBalanceImport,
    /// IBAN (optional).
    #[serde(default, rename = "IBAN")]
    pub iban: String,
    /// Usernames of the owners (granted the `owner` view).
    #[serde(default)]
    pub owners: Vec<String>,
    /// Accepted for compatibility; no public view is created.
    #[serde(default)]
    pub generate_public_view: bool,
    /// Accepted for compatibility.
    #[serde(default)]
    pub generate_accountants_view: bool,
    /// Accepted for compatibility.
    #[serde(default)]
    pub generate_auditors_view: bool,
}

/// OBP's `SandboxAccountIdImport`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct SandboxAccountIdImport {
    /// ACCOUNT_ID.
    pub id: String,
    /// BANK_ID.
    pub bank: String,
}

/// OBP's `SandboxTransactionCounterparty`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct SandboxTransactionCounterparty {
    /// Holder name.
    #[serde(default)]
    pub name: Option<String>,
    /// Account number.
    #[serde(default)]
    pub account_number: Option<String>,
}

/// OBP's `SandboxAccountDetailsImport`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct SandboxAccountDetailsImport {
    /// Transaction type.
    #[serde(default, rename = "type")]
    pub transaction_type: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Posted, `yyyy-MM-dd'T'HH:mm:ss[.SSS]'Z'`.
    pub posted: String,
    /// Completed, same format.
    pub completed: String,
    /// Ignored: the ledger computes balances.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub new_balance: Option<Value>,
    /// Signed amount as a string (negative leaves the account).
    #[schema(value_type = String)]
    pub value: Value,
}

/// OBP's `SandboxTransactionImport`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct SandboxTransactionImport {
    /// Transaction id in the file (unique per account).
    pub id: String,
    /// The account.
    pub this_account: SandboxAccountIdImport,
    /// The other side.
    #[serde(default)]
    pub counterparty: Option<SandboxTransactionCounterparty>,
    /// Details.
    pub details: SandboxAccountDetailsImport,
}
