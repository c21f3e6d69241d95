//! Bank accounts and the transactions (ledger legs) booked on them, as the core banking
//! system describes them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::bank::Routing;
use crate::charge::ChargePolicy;
use crate::ids::{AccountId, BankId};
use crate::ledger::AccountRef;
use crate::money::{Currency, Money};

/// What an account is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AccountKind {
    /// A customer's account: may not go below its overdraft limit.
    Current,
    /// A bank's settlement account for money entering or leaving the platform: may go
    /// negative.
    Settlement,
}

impl AccountKind {
    /// The stored name.
    pub const fn as_str(self) -> &'static str {
        match self {
            AccountKind::Current => "CURRENT",
            AccountKind::Settlement => "SETTLEMENT",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "CURRENT" => Some(AccountKind::Current),
            "SETTLEMENT" => Some(AccountKind::Settlement),
            _ => None,
        }
    }
}

/// The id of the bank's settlement account for money coming in.
pub const INCOMING_SETTLEMENT_ACCOUNT_ID: &str = "OBP-INCOMING-SETTLEMENT-ACCOUNT";
/// The id of the bank's settlement account for money going out.
pub const OUTGOING_SETTLEMENT_ACCOUNT_ID: &str = "OBP-OUTGOING-SETTLEMENT-ACCOUNT";

/// OBP's id of a per-payment-system settlement account, e.g. `SEPA_SETTLEMENT_ACCOUNT_EUR`.
pub fn settlement_account_id(payment_system: &str, currency: Currency) -> String {
    format!(
        "{}_SETTLEMENT_ACCOUNT_{}",
        payment_system.to_ascii_uppercase(),
        currency.code()
    )
}

/// A bank account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankAccount {
    /// The bank.
    pub bank_id: BankId,
    /// The account within the bank.
    pub account_id: AccountId,
    /// A label chosen by the holder.
    pub label: String,
    /// OBP's product code / account type.
    pub account_type: String,
    /// The balance (its currency is the account's currency).
    pub balance: Money,
    /// How far below zero an ordinary account may go (zero by default).
    pub overdraft_limit: Money,
    /// Ordinary or settlement.
    pub kind: AccountKind,
    /// The account number shown to users.
    pub number: String,
    /// The branch holding the account.
    pub branch_id: String,
    /// The holder's display name.
    pub holder_name: String,
    /// Routings (IBAN, account number, ...).
    pub routings: Vec<Routing>,
    /// The user who created the account, when created through the API.
    pub created_by_user_id: Option<String>,
    /// The account as a remote backend answered it, if it came from one (see [`AsReceived`]).
    #[serde(skip)]
    pub as_received: AsReceived,
}

/// An account exactly as a remote backend answered it (OBP's `BankAccountCommons`), kept so
/// that the platform sends it back unchanged where OBP sends the account object it received:
/// `makePaymentv210`'s `fromAccount`/`toAccount` carry the adapter's own `name`, `lastUpdate`
/// and `attributes`, not the platform's rendering of them.
///
/// Not part of the account's value: two accounts are equal whatever this holds, and it is
/// never serialised nor stored.
#[derive(Debug, Clone, Default)]
pub struct AsReceived(pub Option<std::sync::Arc<crate::message::BankAccountCommons>>);

impl PartialEq for AsReceived {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for AsReceived {}

impl BankAccount {
    /// The account's currency.
    pub fn currency(&self) -> Currency {
        self.balance.currency()
    }

    /// The ledger reference of this account.
    pub fn reference(&self) -> AccountRef {
        AccountRef::new(self.bank_id.clone(), self.account_id.clone())
    }

    /// The IBAN routing's address, when the account has one.
    pub fn iban(&self) -> Option<&str> {
        self.routings
            .iter()
            .find(|r| r.scheme.eq_ignore_ascii_case("IBAN"))
            .map(|r| r.address.as_str())
    }
}

/// What is needed to open an account. The balance starts at zero.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewBankAccount {
    /// The bank.
    pub bank_id: BankId,
    /// The account id.
    pub account_id: AccountId,
    /// Label.
    pub label: String,
    /// Product code / account type.
    pub account_type: String,
    /// Currency.
    pub currency: Currency,
    /// Ordinary or settlement.
    pub kind: AccountKind,
    /// Overdraft limit (zero for none).
    pub overdraft_limit: Money,
    /// Account number (the account id when none is given).
    pub number: String,
    /// Branch.
    pub branch_id: String,
    /// Holder's display name.
    pub holder_name: String,
    /// Routings.
    pub routings: Vec<Routing>,
    /// Creator.
    pub created_by_user_id: Option<String>,
}

/// The other side of a transaction, as booked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherParty {
    /// The other account's bank, when it is on the platform.
    pub bank_id: Option<String>,
    /// The other account, when it is on the platform.
    pub account_id: Option<String>,
    /// The other holder's name.
    pub holder: Option<String>,
    /// Routing scheme of the other account (e.g. IBAN).
    pub routing_scheme: Option<String>,
    /// Routing address of the other account.
    pub routing_address: Option<String>,
    /// The explicit counterparty, when the payment went to one.
    pub counterparty_id: Option<String>,
}

/// One leg booked on one account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transaction {
    /// The transaction id.
    pub id: String,
    /// The account's bank.
    pub bank_id: BankId,
    /// The account.
    pub account_id: AccountId,
    /// Signed amount: negative leaves the account.
    pub amount: Money,
    /// The account's balance after this leg.
    pub new_balance: Money,
    /// OBP's transaction type (e.g. `SANDBOX_TAN`, `SEPA`, `HISTORICAL`).
    pub transaction_type: String,
    /// Description.
    pub description: String,
    /// When it was posted (OBP's start date).
    pub posted: DateTime<Utc>,
    /// When it completed (OBP's finish date).
    pub completed: DateTime<Utc>,
    /// The other side.
    pub other: OtherParty,
    /// The transaction request that caused it, if any.
    pub transaction_request_id: Option<String>,
    /// The charge policy of the payment, if any.
    pub charge_policy: Option<ChargePolicy>,
}

/// OBP's double-entry book record linking a debit and a credit leg.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoubleEntryTransaction {
    /// The transaction request (bank, account, id), when the entry came from one.
    pub transaction_request: Option<(BankId, AccountId, String)>,
    /// The debit leg (bank, account, transaction id).
    pub debit: (BankId, AccountId, String),
    /// The credit leg (bank, account, transaction id).
    pub credit: (BankId, AccountId, String),
}

/// A leg to book: the account, its signed amount and what to record about the other side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegDetails {
    /// What to record about the other side of this leg.
    pub other: OtherParty,
}

/// One account's balance as OBP's `getBankAccountsBalances` answers it (`AccountBalance`): the
/// account's label and routings and its balance, nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountBalance {
    /// The bank.
    pub bank_id: BankId,
    /// The account.
    pub account_id: AccountId,
    /// Its label.
    pub label: String,
    /// Its routings.
    pub routings: Vec<crate::bank::Routing>,
    /// Its balance (the account's currency).
    pub balance: Money,
}

impl From<&BankAccount> for AccountBalance {
    fn from(a: &BankAccount) -> Self {
        Self {
            bank_id: a.bank_id.clone(),
            account_id: a.account_id.clone(),
            label: a.label.clone(),
            routings: a.routings.clone(),
            balance: a.balance,
        }
    }
}

/// One balance of an account, of a type (OBP's `BankAccountBalance`; `OpeningBooked`,
/// `interimAvailable`, … as the core names them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedBalance {
    /// The balance type as the core names it.
    pub balance_type: String,
    /// The amount.
    pub amount: Money,
}

/// The balances of one account as OBP's `getBankAccountBalances` answers them
/// (`AccountBalances`): label, routings and every balance the core keeps for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountBalances {
    /// The bank.
    pub bank_id: BankId,
    /// The account.
    pub account_id: AccountId,
    /// Its label.
    pub label: String,
    /// Its routings.
    pub routings: Vec<crate::bank::Routing>,
    /// Its balances, in the core's order.
    pub balances: Vec<TypedBalance>,
}

/// The balance type OBP's mapped connector gives the one balance it keeps.
pub const OPENING_BOOKED: &str = "OpeningBooked";

impl From<&BankAccount> for AccountBalances {
    /// The one balance of a ledger account, as OBP's mapped connector answers it.
    fn from(a: &BankAccount) -> Self {
        Self {
            bank_id: a.bank_id.clone(),
            account_id: a.account_id.clone(),
            label: a.label.clone(),
            routings: a.routings.clone(),
            balances: vec![TypedBalance {
                balance_type: OPENING_BOOKED.to_owned(),
                amount: a.balance,
            }],
        }
    }
}

/// An account's core fields as OBP's `getCoreBankAccounts` answers them (`CoreAccount`): what
/// `GET /my/accounts` shows, no balance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoreAccount {
    /// The bank.
    pub bank_id: BankId,
    /// The account.
    pub account_id: AccountId,
    /// Its label.
    pub label: String,
    /// Its type (product code).
    pub account_type: String,
    /// Its routings.
    pub routings: Vec<crate::bank::Routing>,
}

impl From<&BankAccount> for CoreAccount {
    fn from(a: &BankAccount) -> Self {
        Self {
            bank_id: a.bank_id.clone(),
            account_id: a.account_id.clone(),
            label: a.label.clone(),
            account_type: a.account_type.clone(),
            routings: a.routings.clone(),
        }
    }
}

/// An account as OBP's `getBankAccountsHeld` answers it (`AccountHeld`): what
/// `GET /banks/BANK_ID/accounts-held` shows, no balance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountHeld {
    /// The bank.
    pub bank_id: BankId,
    /// The account.
    pub account_id: AccountId,
    /// Its label.
    pub label: String,
    /// Its number.
    pub number: String,
    /// Its routings.
    pub routings: Vec<crate::bank::Routing>,
}

impl From<&BankAccount> for AccountHeld {
    fn from(a: &BankAccount) -> Self {
        Self {
            bank_id: a.bank_id.clone(),
            account_id: a.account_id.clone(),
            label: a.label.clone(),
            number: a.number.clone(),
            routings: a.routings.clone(),
        }
    }
}

/// An account the core banking system says a user holds (OBP's `InboundAccount`, answered by
/// `getBankAccountsForUser`), with the views the user is to have on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboundAccount {
    /// The bank.
    pub bank_id: BankId,
    /// The account.
    pub account_id: AccountId,
    /// The ids of the system views to give the user (OBP's `viewsToGenerate`, e.g. `owner`).
    pub views_to_generate: Vec<String>,
}

/// A balanced set of legs to book in one database transaction, with what to record.
///
/// By convention the first leg is the payer's debit and the second the payee's credit; they
/// are linked by a double-entry record. A third leg, when present, is the charge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booking {
    /// The legs (validated: they sum to zero per currency).
    pub entry: crate::ledger::BalancedEntry,
    /// For each leg of `entry`, in the same order, what to record about the other side.
    pub details: Vec<LegDetails>,
    /// OBP's transaction type.
    pub transaction_type: String,
    /// Description.
    pub description: String,
    /// Posted (start) date.
    pub posted: DateTime<Utc>,
    /// Completed (finish) date.
    pub completed: DateTime<Utc>,
    /// The transaction request that caused the booking, if any.
    pub transaction_request: Option<(BankId, AccountId, String)>,
    /// The charge policy, if any.
    pub charge_policy: Option<ChargePolicy>,
    /// Whether ordinary accounts may go below their overdraft limit (historical imports).
    pub skip_funds_check: bool,
}

/// The types an attribute value may have (OBP's `AccountAttributeType` / `BankAttributeType`).
pub const ATTRIBUTE_TYPES: &[&str] = &["STRING", "INTEGER", "DOUBLE", "DATE_WITH_DAY"];

/// Whether `t` is one of [`ATTRIBUTE_TYPES`] (exact spelling, as OBP's `withName`).
pub fn is_attribute_type(t: &str) -> bool {
    ATTRIBUTE_TYPES.contains(&t)
}

/// Checks that `value` is a value of the attribute type `t`: `INTEGER` a whole number
/// (`123`, `-5`), `DOUBLE` a decimal number (`12.1234`, `1e3`), `DATE_WITH_DAY` a calendar
/// day `yyyy-MM-dd` (`2012-04-23`); `STRING` takes anything.
///
/// # Errors
/// A client-safe sentence naming the expected form; also for an unknown type.
pub fn check_attribute_value(t: &str, value: &str) -> Result<(), String> {
    let v = value.trim();
    let ok = match t {
        "STRING" => true,
        "INTEGER" => v.parse::<i64>().is_ok(),
        "DOUBLE" => {
            v.parse::<rust_decimal::Decimal>().is_ok()
                || rust_decimal::Decimal::from_scientific(v).is_ok()
        }
        "DATE_WITH_DAY" => chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok(),
        _ => return Err(format!("Unknown attribute type {t}.")),
    };
    if ok {
        Ok(())
    } else {
        let example = match t {
            "INTEGER" => "123",
            "DOUBLE" => "12.1234",
            _ => "2012-04-23",
        };
        Err(format!(
            "The `value` field must be a {t} value, e.g. {example}; got `{value}`."
        ))
    }
}

/// A named value attached to a transaction (OBP's `TransactionAttribute`). Unlike account
/// attributes, names need not be unique: each create adds an attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransactionAttribute {
    /// TRANSACTION_ATTRIBUTE_ID.
    pub id: String,
    /// The bank of the transaction's account.
    pub bank_id: BankId,
    /// TRANSACTION_ID.
    pub transaction_id: String,
    /// Name.
    pub name: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    pub attribute_type: String,
    /// Value as text.
    pub value: String,
}

/// A named value attached to an account (OBP's `AccountAttribute`); names are unique per
/// account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountAttribute {
    /// ACCOUNT_ATTRIBUTE_ID.
    pub id: String,
    /// The account's bank.
    pub bank_id: BankId,
    /// The account.
    pub account_id: AccountId,
    /// PRODUCT_CODE the attribute was set under.
    pub product_code: String,
    /// Name.
    pub name: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    pub attribute_type: String,
    /// Value as text.
    pub value: String,
    /// Product instance code.
    pub product_instance_code: Option<String>,
}

#[cfg(test)]
mod attribute_value_tests {
    use super::check_attribute_value;

    #[test]
    fn values_are_checked_against_their_type() {
        for (t, v) in [
            ("STRING", "anything at all"),
            ("INTEGER", "123"),
            ("INTEGER", "-5"),
            ("DOUBLE", "12.1234"),
            ("DOUBLE", "7"),
            ("DOUBLE", "1e3"),
            ("DATE_WITH_DAY", "2012-04-23"),
        ] {
            assert!(check_attribute_value(t, v).is_ok(), "{t} {v}");
        }
        for (t, v) in [
            ("INTEGER", "12.5"),
            ("INTEGER", "abc"),
            ("DOUBLE", "twelve"),
            ("DOUBLE", ""),
            ("DATE_WITH_DAY", "2012-13-01"),
            ("DATE_WITH_DAY", "23/04/2012"),
            ("COLOUR", "red"),
        ] {
            assert!(check_attribute_value(t, v).is_err(), "{t} {v}");
        }
    }
}
