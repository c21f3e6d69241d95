//! Messages of the core banking methods beyond banks and account reads: account lookups and
//! changes, the double-entry record, historical payments, counterparties, customers and
//! transaction requests / payments.
//!
//! Shapes follow OBP's `OutBound<Method>` case classes (`JsonsTransfer.scala`) and the common
//! model (`CounterpartyTraitCommons`, `CustomerCommons`, `TransactionRequest`,
//! `DoubleEntryTransaction`, `AmountOfMoney`). Where the platform needs more than OBP's
//! message carries (the ids the platform chose, the status preconditions of a status change,
//! whether to pay at once), the extra fields are marked *extension*: they are optional on
//! the way in, and an adapter written for OBP that ignores them still answers correctly for
//! the common case. Every outbound message here carries `outboundAdapterCallContext`, also
//! the few for which OBP leaves it out (`updateAccountLabel`,
//! `saveTransactionRequestStatusImpl`, `saveTransactionRequestTransactionImpl`); OBP-written
//! adapters ignore it.

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    format_date, invalid, parse_date, AccountRouting, AccountRule, BankAccountCommons, IdValue,
    InBound, InvalidMessage, OutboundAdapterCallContext,
};
use crate::account::DoubleEntryTransaction;
use crate::counterparty::Counterparty;
use crate::customer::{CreditRating, Customer, FaceImage};
use crate::ids::{AccountId, BankId};
use crate::money::{Currency, Money};
use crate::payment::{
    PaymentTarget, TransactionRequest, TransactionRequestStatus, TransactionRequestType,
};

/// OBP's `AmountOfMoney`: `{currency, amount}`, the amount a decimal string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AmountOfMoney {
    /// ISO 4217 currency.
    pub currency: String,
    /// Decimal amount.
    pub amount: String,
}

impl From<&Money> for AmountOfMoney {
    fn from(m: &Money) -> Self {
        Self {
            currency: m.currency().code().to_owned(),
            amount: m.amount().to_string(),
        }
    }
}

impl AmountOfMoney {
    /// The amount as exact money.
    ///
    /// # Errors
    /// `field` when the currency or amount is not valid.
    pub fn to_money(&self, field: &'static str) -> Result<Money, InvalidMessage> {
        Money::parse_with_code(&self.amount, &self.currency).map_err(|e| invalid(field, e))
    }
}

// ------------------------------------------------------------------ accounts

/// `OutBoundGetBankAccountsByBankId` (our extension: every account of one bank).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetBankAccountsByBankId {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
}

/// `OutBoundGetBankAccountByIban`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetBankAccountByIban {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The IBAN (normalised: no spaces, upper case).
    pub iban: String,
}

/// `OutBoundGetBankAccountByRouting`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetBankAccountByRouting {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// Only accounts of this bank, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_id: Option<IdValue>,
    /// Routing scheme (e.g. `AccountNumber`).
    pub scheme: String,
    /// Routing address.
    pub address: String,
}

/// `OutBoundCreateBankAccount`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateBankAccount {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// ACCOUNT_ID.
    pub account_id: IdValue,
    /// Product code / account type (`SETTLEMENT` for a bank's settlement accounts).
    pub account_type: String,
    /// Label.
    pub account_label: String,
    /// ISO 4217 currency.
    pub currency: String,
    /// Initial balance, a decimal string (the platform always opens at zero).
    pub initial_balance: String,
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

/// `OutBoundUpdateAccountLabel`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundUpdateAccountLabel {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// ACCOUNT_ID.
    pub account_id: IdValue,
    /// The new label.
    pub label: String,
}

/// `OutBoundGetDoubleEntryBookTransaction`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetDoubleEntryBookTransaction {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID of the transaction.
    pub bank_id: IdValue,
    /// TRANSACTION_ID of either leg.
    pub transaction_id: IdValue,
}

/// OBP's `DoubleEntryTransaction`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DoubleEntryTransactionCommons {
    /// The transaction request's bank, when the entry came from one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_request_bank_id: Option<IdValue>,
    /// The transaction request's account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_request_account_id: Option<IdValue>,
    /// The transaction request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_request_id: Option<IdValue>,
    /// Debit leg: bank.
    pub debit_transaction_bank_id: IdValue,
    /// Debit leg: account.
    pub debit_transaction_account_id: IdValue,
    /// Debit leg: transaction.
    pub debit_transaction_id: IdValue,
    /// Credit leg: bank.
    pub credit_transaction_bank_id: IdValue,
    /// Credit leg: account.
    pub credit_transaction_account_id: IdValue,
    /// Credit leg: transaction.
    pub credit_transaction_id: IdValue,
}

fn id_pair(
    b: &IdValue,
    a: &IdValue,
    which: &'static str,
) -> Result<(BankId, AccountId), InvalidMessage> {
    Ok((
        BankId::parse(b.value.clone()).map_err(|e| invalid(which, e))?,
        AccountId::parse(a.value.clone()).map_err(|e| invalid(which, e))?,
    ))
}

impl From<&DoubleEntryTransaction> for DoubleEntryTransactionCommons {
    fn from(d: &DoubleEntryTransaction) -> Self {
        let tr = d.transaction_request.as_ref();
        Self {
            transaction_request_bank_id: tr.map(|t| IdValue::new(t.0.as_str())),
            transaction_request_account_id: tr.map(|t| IdValue::new(t.1.as_str())),
            transaction_request_id: tr.map(|t| IdValue::new(&t.2)),
            debit_transaction_bank_id: IdValue::new(d.debit.0.as_str()),
            debit_transaction_account_id: IdValue::new(d.debit.1.as_str()),
            debit_transaction_id: IdValue::new(&d.debit.2),
            credit_transaction_bank_id: IdValue::new(d.credit.0.as_str()),
            credit_transaction_account_id: IdValue::new(d.credit.1.as_str()),
            credit_transaction_id: IdValue::new(&d.credit.2),
        }
    }
}

impl TryFrom<DoubleEntryTransactionCommons> for DoubleEntryTransaction {
    type Error = InvalidMessage;
    fn try_from(d: DoubleEntryTransactionCommons) -> Result<Self, InvalidMessage> {
        let transaction_request = match (
            d.transaction_request_bank_id,
            d.transaction_request_account_id,
            d.transaction_request_id,
        ) {
            (Some(b), Some(a), Some(t)) if !t.value.is_empty() => {
                let (b, a) = id_pair(&b, &a, "transactionRequestBankId")?;
                Some((b, a, t.value))
            }
            _ => None,
        };
        let (db, da) = id_pair(
            &d.debit_transaction_bank_id,
            &d.debit_transaction_account_id,
            "debitTransactionAccountId",
        )?;
        let (cb, ca) = id_pair(
            &d.credit_transaction_bank_id,
            &d.credit_transaction_account_id,
            "creditTransactionAccountId",
        )?;
        Ok(DoubleEntryTransaction {
            transaction_request,
            debit: (db, da, d.debit_transaction_id.value),
            credit: (cb, ca, d.credit_transaction_id.value),
        })
    }
}

/// `OutBoundMakeHistoricalPayment`: book a past transfer from one account to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundMakeHistoricalPayment {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The account debited.
    pub from_account: BankAccountCommons,
    /// The account credited.
    pub to_account: BankAccountCommons,
    /// Posted, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    pub posted: String,
    /// Completed, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    pub completed: String,
    /// The amount moved, a positive decimal string.
    pub amount: String,
    /// ISO 4217 currency.
    pub currency: String,
    /// Description.
    pub description: String,
    /// Transaction type (e.g. `SANDBOX_TAN`).
    pub transaction_request_type: String,
    /// SHARED, SENDER or RECEIVER.
    pub charge_policy: String,
    /// *Extension*: book even when the debit goes below the overdraft limit (imports).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub skip_funds_check: bool,
}

/// OBP's `TransactionId` result: `{"value": "..."}` (the debit leg's id).
pub type TransactionIdValue = IdValue;

// ------------------------------------------------------------------ counterparties

/// `CounterpartyBespoke`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CounterpartyBespoke {
    /// Key.
    #[serde(default)]
    pub key: String,
    /// Value.
    #[serde(default)]
    pub value: String,
}

/// OBP's `CounterpartyTraitCommons`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CounterpartyTraitCommons {
    /// USER_ID of the creator.
    #[serde(default)]
    pub created_by_user_id: String,
    /// Name, unique per account and view.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// ISO 4217 currency.
    pub currency: String,
    /// The bank of the account it belongs to.
    #[serde(default)]
    pub this_bank_id: String,
    /// The account it belongs to.
    #[serde(default)]
    pub this_account_id: String,
    /// The view it was created through.
    #[serde(default)]
    pub this_view_id: String,
    /// COUNTERPARTY_ID.
    pub counterparty_id: String,
    /// Other account routing scheme.
    #[serde(default)]
    pub other_account_routing_scheme: String,
    /// Other account routing address.
    #[serde(default)]
    pub other_account_routing_address: String,
    /// Secondary routing scheme.
    #[serde(default)]
    pub other_account_secondary_routing_scheme: String,
    /// Secondary routing address.
    #[serde(default)]
    pub other_account_secondary_routing_address: String,
    /// Other bank routing scheme.
    #[serde(default)]
    pub other_bank_routing_scheme: String,
    /// Other bank routing address.
    #[serde(default)]
    pub other_bank_routing_address: String,
    /// Other branch routing scheme.
    #[serde(default)]
    pub other_branch_routing_scheme: String,
    /// Other branch routing address.
    #[serde(default)]
    pub other_branch_routing_address: String,
    /// Whether payments to it are allowed.
    #[serde(default)]
    pub is_beneficiary: bool,
    /// Extra key/value pairs.
    #[serde(default)]
    pub bespoke: Vec<CounterpartyBespoke>,
}

impl From<&Counterparty> for CounterpartyTraitCommons {
    fn from(c: &Counterparty) -> Self {
        Self {
            created_by_user_id: c.created_by_user_id.clone(),
            name: c.name.clone(),
            description: c.description.clone(),
            currency: c.currency.clone(),
            this_bank_id: c.this_bank_id.as_str().to_owned(),
            this_account_id: c.this_account_id.as_str().to_owned(),
            this_view_id: c.this_view_id.clone(),
            counterparty_id: c.counterparty_id.clone(),
            other_account_routing_scheme: c.other_account_routing_scheme.clone(),
            other_account_routing_address: c.other_account_routing_address.clone(),
            other_account_secondary_routing_scheme: c
                .other_account_secondary_routing_scheme
                .clone(),
            other_account_secondary_routing_address: c
                .other_account_secondary_routing_address
                .clone(),
            other_bank_routing_scheme: c.other_bank_routing_scheme.clone(),
            other_bank_routing_address: c.other_bank_routing_address.clone(),
            other_branch_routing_scheme: c.other_branch_routing_scheme.clone(),
            other_branch_routing_address: c.other_branch_routing_address.clone(),
            is_beneficiary: c.is_beneficiary,
            bespoke: c
                .bespoke
                .iter()
                .map(|(key, value)| CounterpartyBespoke {
                    key: key.clone(),
                    value: value.clone(),
                })
                .collect(),
        }
    }
}

impl TryFrom<CounterpartyTraitCommons> for Counterparty {
    type Error = InvalidMessage;
    fn try_from(c: CounterpartyTraitCommons) -> Result<Self, InvalidMessage> {
        Ok(Counterparty {
            counterparty_id: c.counterparty_id,
            name: c.name,
            description: c.description,
            currency: c.currency,
            created_by_user_id: c.created_by_user_id,
            this_bank_id: BankId::parse(c.this_bank_id).map_err(|e| invalid("thisBankId", e))?,
            this_account_id: AccountId::parse(c.this_account_id)
                .map_err(|e| invalid("thisAccountId", e))?,
            this_view_id: c.this_view_id,
            other_account_routing_scheme: c.other_account_routing_scheme,
            other_account_routing_address: c.other_account_routing_address,
            other_account_secondary_routing_scheme: c.other_account_secondary_routing_scheme,
            other_account_secondary_routing_address: c.other_account_secondary_routing_address,
            other_bank_routing_scheme: c.other_bank_routing_scheme,
            other_bank_routing_address: c.other_bank_routing_address,
            other_branch_routing_scheme: c.other_branch_routing_scheme,
            other_branch_routing_address: c.other_branch_routing_address,
            is_beneficiary: c.is_beneficiary,
            bespoke: c.bespoke.into_iter().map(|b| (b.key, b.value)).collect(),
        })
    }
}

/// `OutBoundCreateCounterparty`: OBP's flat fields, plus the id the platform chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
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
    /// The bank of the account it belongs to.
    pub this_bank_id: String,
    /// The account it belongs to.
    pub this_account_id: String,
    /// The view it is created through.
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
    /// Extra key/value pairs.
    pub bespoke: Vec<CounterpartyBespoke>,
    /// *Extension*: the COUNTERPARTY_ID the platform chose (the adapter picks one when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counterparty_id: Option<String>,
}

impl OutBoundCreateCounterparty {
    /// The message creating `c`.
    pub fn new(ctx: OutboundAdapterCallContext, c: &Counterparty) -> Self {
        let t = CounterpartyTraitCommons::from(c);
        Self {
            outbound_adapter_call_context: ctx,
            name: t.name,
            description: t.description,
            currency: t.currency,
            created_by_user_id: t.created_by_user_id,
            this_bank_id: t.this_bank_id,
            this_account_id: t.this_account_id,
            this_view_id: t.this_view_id,
            other_account_routing_scheme: t.other_account_routing_scheme,
            other_account_routing_address: t.other_account_routing_address,
            other_account_secondary_routing_scheme: t.other_account_secondary_routing_scheme,
            other_account_secondary_routing_address: t.other_account_secondary_routing_address,
            other_bank_routing_scheme: t.other_bank_routing_scheme,
            other_bank_routing_address: t.other_bank_routing_address,
            other_branch_routing_scheme: t.other_branch_routing_scheme,
            other_branch_routing_address: t.other_branch_routing_address,
            is_beneficiary: t.is_beneficiary,
            bespoke: t.bespoke,
            counterparty_id: Some(t.counterparty_id),
        }
    }

    /// The counterparty the message asks for, with `id` when it carries none.
    pub fn to_commons(&self, id: impl FnOnce() -> String) -> CounterpartyTraitCommons {
        CounterpartyTraitCommons {
            created_by_user_id: self.created_by_user_id.clone(),
            name: self.name.clone(),
            description: self.description.clone(),
            currency: self.currency.clone(),
            this_bank_id: self.this_bank_id.clone(),
            this_account_id: self.this_account_id.clone(),
            this_view_id: self.this_view_id.clone(),
            counterparty_id: self.counterparty_id.clone().unwrap_or_else(id),
            other_account_routing_scheme: self.other_account_routing_scheme.clone(),
            other_account_routing_address: self.other_account_routing_address.clone(),
            other_account_secondary_routing_scheme: self
                .other_account_secondary_routing_scheme
                .clone(),
            other_account_secondary_routing_address: self
                .other_account_secondary_routing_address
                .clone(),
            other_bank_routing_scheme: self.other_bank_routing_scheme.clone(),
            other_bank_routing_address: self.other_bank_routing_address.clone(),
            other_branch_routing_scheme: self.other_branch_routing_scheme.clone(),
            other_branch_routing_address: self.other_branch_routing_address.clone(),
            is_beneficiary: self.is_beneficiary,
            bespoke: self.bespoke.clone(),
        }
    }
}

/// `OutBoundGetCounterparties`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetCounterparties {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub this_bank_id: IdValue,
    /// ACCOUNT_ID.
    pub this_account_id: IdValue,
    /// VIEW_ID.
    pub view_id: IdValue,
}

/// `OutBoundGetCounterpartyByCounterpartyId`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetCounterpartyByCounterpartyId {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// COUNTERPARTY_ID.
    pub counterparty_id: IdValue,
}

// ------------------------------------------------------------------ customers

/// `CustomerFaceImage`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CustomerFaceImage {
    /// When taken, `yyyy-MM-dd'T'HH:mm:ss'Z'` (null when unknown).
    #[serde(default)]
    pub date: Option<String>,
    /// URL.
    #[serde(default)]
    pub url: String,
}

/// `CreditRating`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CreditRatingCommons {
    /// Rating.
    #[serde(default)]
    pub rating: String,
    /// Source.
    #[serde(default)]
    pub source: String,
}

/// OBP's `CustomerCommons`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CustomerCommons {
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Customer number, unique at the bank.
    #[serde(default)]
    pub number: String,
    /// Legal name.
    #[serde(default)]
    pub legal_name: String,
    /// Mobile phone number.
    #[serde(default)]
    pub mobile_number: String,
    /// Email.
    #[serde(default)]
    pub email: String,
    /// Face image.
    #[serde(default)]
    pub face_image: CustomerFaceImage,
    /// Date of birth (null when unknown).
    #[serde(default)]
    pub date_of_birth: Option<String>,
    /// Relationship status.
    #[serde(default)]
    pub relationship_status: String,
    /// Number of dependants.
    #[serde(default)]
    pub dependents: i32,
    /// Dates of birth of the dependants.
    #[serde(default)]
    pub dob_of_dependents: Vec<String>,
    /// Highest education attained.
    #[serde(default)]
    pub highest_education_attained: String,
    /// Employment status.
    #[serde(default)]
    pub employment_status: String,
    /// Credit rating.
    #[serde(default)]
    pub credit_rating: CreditRatingCommons,
    /// Credit limit (null when none).
    #[serde(default)]
    pub credit_limit: Option<AmountOfMoney>,
    /// Whether KYC passed.
    #[serde(default)]
    pub kyc_status: bool,
    /// Last confirmation of the data (null when never).
    #[serde(default)]
    pub last_ok_date: Option<String>,
    /// Title.
    #[serde(default)]
    pub title: String,
    /// Home branch.
    #[serde(default)]
    pub branch_id: String,
    /// Name suffix.
    #[serde(default)]
    pub name_suffix: String,
}

fn opt_date(field: &'static str, s: Option<&str>) -> Result<Option<DateTime<Utc>>, InvalidMessage> {
    match s {
        None | Some("") => Ok(None),
        Some(s) => parse_date(field, s).map(Some),
    }
}

impl From<&Customer> for CustomerCommons {
    fn from(c: &Customer) -> Self {
        Self {
            customer_id: c.customer_id.clone(),
            bank_id: c.bank_id.as_str().to_owned(),
            number: c.number.clone(),
            legal_name: c.legal_name.clone(),
            mobile_number: c.mobile_phone_number.clone(),
            email: c.email.clone(),
            face_image: CustomerFaceImage {
                date: c.face_image.date.map(format_date),
                url: c.face_image.url.clone(),
            },
            date_of_birth: c.date_of_birth.map(format_date),
            relationship_status: c.relationship_status.clone(),
            dependents: c.dependants,
            dob_of_dependents: c
                .dob_of_dependants
                .iter()
                .copied()
                .map(format_date)
                .collect(),
            highest_education_attained: c.highest_education_attained.clone(),
            employment_status: c.employment_status.clone(),
            credit_rating: CreditRatingCommons {
                rating: c.credit_rating.rating.clone(),
                source: c.credit_rating.source.clone(),
            },
            credit_limit: c.credit_limit.as_ref().map(AmountOfMoney::from),
            kyc_status: c.kyc_status,
            last_ok_date: c.last_ok_date.map(format_date),
            title: c.title.clone(),
            branch_id: c.branch_id.clone(),
            name_suffix: c.name_suffix.clone(),
        }
    }
}

impl TryFrom<CustomerCommons> for Customer {
    type Error = InvalidMessage;
    fn try_from(c: CustomerCommons) -> Result<Self, InvalidMessage> {
        Ok(Customer {
            bank_id: BankId::parse(c.bank_id).map_err(|e| invalid("bankId", e))?,
            customer_id: c.customer_id,
            number: c.number,
            legal_name: c.legal_name,
            mobile_phone_number: c.mobile_number,
            email: c.email,
            face_image: FaceImage {
                url: c.face_image.url,
                date: opt_date("faceImage.date", c.face_image.date.as_deref())?,
            },
            date_of_birth: opt_date("dateOfBirth", c.date_of_birth.as_deref())?,
            relationship_status: c.relationship_status,
            dependants: c.dependents,
            dob_of_dependants: c
                .dob_of_dependents
                .iter()
                .map(|d| parse_date("dobOfDependents", d))
                .collect::<Result<_, _>>()?,
            credit_rating: CreditRating {
                rating: c.credit_rating.rating,
                source: c.credit_rating.source,
            },
            credit_limit: c
                .credit_limit
                .map(|m| m.to_money("creditLimit"))
                .transpose()?,
            highest_education_attained: c.highest_education_attained,
            employment_status: c.employment_status,
            kyc_status: c.kyc_status,
            last_ok_date: opt_date("lastOkDate", c.last_ok_date.as_deref())?,
            title: c.title,
            branch_id: c.branch_id,
            name_suffix: c.name_suffix,
        })
    }
}

/// `OutBoundCreateCustomer`: OBP's fields, plus the id and number the platform chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateCustomer {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// Legal name.
    pub legal_name: String,
    /// Mobile phone number.
    pub mobile_number: String,
    /// Email.
    pub email: String,
    /// Face image.
    pub face_image: CustomerFaceImage,
    /// Date of birth.
    #[serde(default)]
    pub date_of_birth: Option<String>,
    /// Relationship status.
    pub relationship_status: String,
    /// Number of dependants.
    pub dependents: i32,
    /// Dates of birth of the dependants.
    pub dob_of_dependents: Vec<String>,
    /// Highest education attained.
    pub highest_education_attained: String,
    /// Employment status.
    pub employment_status: String,
    /// Whether KYC passed.
    pub kyc_status: bool,
    /// Last confirmation of the data.
    #[serde(default)]
    pub last_ok_date: Option<String>,
    /// Credit rating.
    #[serde(default)]
    pub credit_rating: Option<CreditRatingCommons>,
    /// Credit limit.
    #[serde(default)]
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

impl OutBoundCreateCustomer {
    /// The message creating `c`.
    pub fn new(ctx: OutboundAdapterCallContext, c: &Customer) -> Self {
        let m = CustomerCommons::from(c);
        Self {
            outbound_adapter_call_context: ctx,
            bank_id: IdValue::new(m.bank_id),
            legal_name: m.legal_name,
            mobile_number: m.mobile_number,
            email: m.email,
            face_image: m.face_image,
            date_of_birth: m.date_of_birth,
            relationship_status: m.relationship_status,
            dependents: m.dependents,
            dob_of_dependents: m.dob_of_dependents,
            highest_education_attained: m.highest_education_attained,
            employment_status: m.employment_status,
            kyc_status: m.kyc_status,
            last_ok_date: m.last_ok_date,
            credit_rating: Some(m.credit_rating),
            credit_limit: m.credit_limit,
            title: m.title,
            branch_id: m.branch_id,
            name_suffix: m.name_suffix,
            customer_id: Some(m.customer_id),
            customer_number: Some(m.number),
        }
    }

    /// The customer the message asks for; `id` and `number` fill the extensions when absent.
    pub fn to_commons(
        &self,
        id: impl FnOnce() -> String,
        number: impl FnOnce() -> String,
    ) -> CustomerCommons {
        CustomerCommons {
            customer_id: self.customer_id.clone().unwrap_or_else(id),
            bank_id: self.bank_id.value.clone(),
            number: self.customer_number.clone().unwrap_or_else(number),
            legal_name: self.legal_name.clone(),
            mobile_number: self.mobile_number.clone(),
            email: self.email.clone(),
            face_image: self.face_image.clone(),
            date_of_birth: self.date_of_birth.clone(),
            relationship_status: self.relationship_status.clone(),
            dependents: self.dependents,
            dob_of_dependents: self.dob_of_dependents.clone(),
            highest_education_attained: self.highest_education_attained.clone(),
            employment_status: self.employment_status.clone(),
            credit_rating: self.credit_rating.clone().unwrap_or(CreditRatingCommons {
                rating: String::new(),
                source: String::new(),
            }),
            credit_limit: self.credit_limit.clone(),
            kyc_status: self.kyc_status,
            last_ok_date: self.last_ok_date.clone(),
            title: self.title.clone(),
            branch_id: self.branch_id.clone(),
            name_suffix: self.name_suffix.clone(),
        }
    }
}

/// `OutBoundGetCustomerByCustomerId`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetCustomerByCustomerId {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// CUSTOMER_ID.
    pub customer_id: String,
}

/// `OutBoundGetCustomerByCustomerNumber`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetCustomerByCustomerNumber {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// Customer number.
    pub customer_number: String,
    /// BANK_ID.
    pub bank_id: IdValue,
}

/// `OutBoundGetCustomers`: a page of a bank's customers, ordered by CUSTOMER_ID.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetCustomers {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// Page size.
    pub limit: u32,
    /// Items to skip.
    pub offset: u64,
    /// Inclusive lower date bound (unused by the example adapter).
    pub from_date: String,
    /// Inclusive upper date bound (unused by the example adapter).
    pub to_date: String,
}

// ------------------------------------------------------------------ payments

/// `OutBoundGetChallengeThreshold`: at and above the answer, a request is challenged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetChallengeThreshold {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// VIEW_ID (empty: the platform checks views itself).
    pub view_id: String,
    /// Transaction request type.
    pub transaction_request_type: String,
    /// ISO 4217 currency.
    pub currency: String,
    /// USER_ID of the caller.
    pub user_id: String,
    /// Username of the caller.
    pub username: String,
}

/// `OutBoundGetPaymentLimit`: the largest amount one request may move (answered as
/// `AmountOfMoney`). OBP's `Connector.getPaymentLimit` has the parameters of
/// `getChallengeThreshold` but no case class of its own (only `LocalMappedConnector` answers
/// it): the message is theirs, in that method's shape.
pub type OutBoundGetPaymentLimit = OutBoundGetChallengeThreshold;

/// `OutBoundGetChargeLevelC2`: the charge for a request (answered as `AmountOfMoney`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetChargeLevelC2 {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// ACCOUNT_ID.
    pub account_id: IdValue,
    /// VIEW_ID (empty: the platform checks views itself).
    pub view_id: IdValue,
    /// USER_ID of the caller.
    pub user_id: String,
    /// Username of the caller.
    pub username: String,
    /// Transaction request type.
    pub transaction_request_type: String,
    /// ISO 4217 currency.
    pub currency: String,
    /// The amount to move, a decimal string.
    pub amount: String,
    /// Routings of the account paid (may be empty).
    pub to_account_routings: Vec<AccountRouting>,
    /// Custom attributes (may be empty).
    pub custom_attributes: Vec<serde_json::Value>,
}

/// OBP's `User` as sent in payment messages (`UserCommons`, without the primary key).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserCommons {
    /// USER_ID.
    pub user_id: String,
    /// The id given by the identity provider (the username).
    pub id_given_by_provider: String,
    /// Identity provider.
    pub provider: String,
    /// Email.
    pub email_address: String,
    /// Display name.
    pub name: String,
}

/// `TransactionRequestCommonBodyJSON` as OBP sends it: the request's body at run time (its
/// type's class, e.g. `TransactionRequestBodySandBoxTanJSON {to, value, description}`), so
/// besides `value` and `description` it carries the type's own fields (`to`, `refund`,
/// `charge_policy`, `future_date`) as posted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TransactionRequestCommonBody {
    /// The amount.
    pub value: AmountOfMoney,
    /// Description.
    pub description: String,
    /// The type's other fields as posted (`to`, `refund`, `charge_policy`, `future_date`).
    #[serde(flatten)]
    pub fields: serde_json::Map<String, serde_json::Value>,
}

impl TransactionRequestCommonBody {
    /// The fields of a request body OBP's body classes carry besides `value` and
    /// `description`; anything else a client sent is not passed on.
    pub const TYPE_FIELDS: [&'static str; 4] = ["to", "refund", "charge_policy", "future_date"];

    /// The runtime body of a request: its amount and description, with the type's fields
    /// taken from `posted` (the body as sent).
    pub fn runtime(value: AmountOfMoney, description: String, posted: &serde_json::Value) -> Self {
        let fields = Self::TYPE_FIELDS
            .iter()
            .filter_map(|k| {
                posted
                    .get(*k)
                    .filter(|v| !v.is_null())
                    .map(|v| ((*k).to_owned(), v.clone()))
            })
            .collect();
        Self {
            value,
            description,
            fields,
        }
    }
}

/// `TransactionRequestAccount`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TransactionRequestAccount {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
}

/// `TransactionRequestIban`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TransactionRequestIban {
    /// IBAN.
    pub iban: String,
}

/// `TransactionRequestCounterpartyId`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TransactionRequestCounterpartyId {
    /// COUNTERPARTY_ID.
    pub counterparty_id: String,
}

/// `TransactionRequestBodyAllTypes` (the kinds the platform uses).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TransactionRequestBodyAllTypes {
    /// To an account on the platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_sandbox_tan: Option<TransactionRequestAccount>,
    /// To an IBAN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_sepa: Option<TransactionRequestIban>,
    /// To an explicit counterparty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_counterparty: Option<TransactionRequestCounterpartyId>,
    /// The amount.
    pub value: AmountOfMoney,
    /// Description.
    pub description: String,
}

/// `TransactionRequestChallenge`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TransactionRequestChallenge {
    /// Challenge id (empty: challenges are kept by the platform).
    pub id: String,
    /// Allowed attempts.
    pub allowed_attempts: i32,
    /// Challenge type.
    pub challenge_type: String,
}

/// `TransactionRequestCharge`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TransactionRequestCharge {
    /// Summary.
    pub summary: String,
    /// The charge.
    pub value: AmountOfMoney,
}

/// OBP's `TransactionRequest` (snake_case fields, as OBP's case class spells them).
///
/// Where the money goes is carried by OBP's `other_*` fields: an account on the platform has
/// bank and account routing scheme `OBP` with the ids as addresses; an outside party has its
/// routing scheme and address (plus `name` and `counterparty_id` when known); a request
/// without another side (FREE_FORM) leaves them empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TransactionRequestCommons {
    /// TRANSACTION_REQUEST_ID.
    pub id: IdValue,
    /// Type, e.g. `SANDBOX_TAN`.
    #[serde(rename = "type")]
    pub request_type: String,
    /// The paying account.
    pub from: TransactionRequestAccount,
    /// The body.
    pub body: TransactionRequestBodyAllTypes,
    /// The transaction ids it produced, comma separated (the payer's leg first).
    pub transaction_ids: String,
    /// Status, e.g. `COMPLETED`.
    pub status: String,
    /// Made, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    pub start_date: String,
    /// Ended or last changed.
    pub end_date: String,
    /// Challenge (SCA lives in the platform; kept for OBP's shape).
    pub challenge: TransactionRequestChallenge,
    /// The charge.
    pub charge: TransactionRequestCharge,
    /// SHARED, SENDER or RECEIVER.
    #[serde(default)]
    pub charge_policy: String,
    /// The counterparty paid, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counterparty_id: Option<IdValue>,
    /// Name of the party paid, if known.
    #[serde(default)]
    pub name: String,
    /// The paying bank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub this_bank_id: Option<IdValue>,
    /// The paying account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub this_account_id: Option<IdValue>,
    /// The view used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub this_view_id: Option<IdValue>,
    /// Routing scheme of the account paid.
    #[serde(default)]
    pub other_account_routing_scheme: String,
    /// Routing address of the account paid.
    #[serde(default)]
    pub other_account_routing_address: String,
    /// Routing scheme of the bank paid.
    #[serde(default)]
    pub other_bank_routing_scheme: String,
    /// Routing address of the bank paid.
    #[serde(default)]
    pub other_bank_routing_address: String,
    /// Whether the party paid is a beneficiary counterparty.
    #[serde(default)]
    pub is_beneficiary: bool,
    /// *Extension*: the request body exactly as posted to the API.
    #[serde(default)]
    pub details: serde_json::Value,
    /// *Extension*: USER_ID of the requester.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by_user_id: Option<String>,
    /// *Extension*: CONSUMER_ID of the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consumer_id: Option<String>,
}

const OBP_SCHEME: &str = "OBP";

impl From<&TransactionRequest> for TransactionRequestCommons {
    fn from(r: &TransactionRequest) -> Self {
        let value = AmountOfMoney::from(&r.value);
        let (mut body_to_account, mut to_sepa, mut to_cp) = (None, None, None);
        let (oa_scheme, oa_addr, ob_scheme, ob_addr, name, cp_id) = match &r.target {
            PaymentTarget::Account {
                bank_id,
                account_id,
            } => {
                body_to_account = Some(TransactionRequestAccount {
                    bank_id: bank_id.as_str().to_owned(),
                    account_id: account_id.as_str().to_owned(),
                });
                (
                    OBP_SCHEME.to_owned(),
                    account_id.as_str().to_owned(),
                    OBP_SCHEME.to_owned(),
                    bank_id.as_str().to_owned(),
                    String::new(),
                    None,
                )
            }
            PaymentTarget::External {
                scheme,
                address,
                name,
                counterparty_id,
            } => {
                if let Some(id) = counterparty_id {
                    to_cp = Some(TransactionRequestCounterpartyId {
                        counterparty_id: id.clone(),
                    });
                } else if scheme.eq_ignore_ascii_case("IBAN") {
                    to_sepa = Some(TransactionRequestIban {
                        iban: address.clone(),
                    });
                }
                (
                    scheme.clone(),
                    address.clone(),
                    String::new(),
                    String::new(),
                    name.clone().unwrap_or_default(),
                    counterparty_id.clone(),
                )
            }
            PaymentTarget::None => Default::default(),
        };
        Self {
            id: IdValue::new(&r.id),
            request_type: r.request_type.as_str().to_owned(),
            from: TransactionRequestAccount {
                bank_id: r.from_bank_id.as_str().to_owned(),
                account_id: r.from_account_id.as_str().to_owned(),
            },
            body: TransactionRequestBodyAllTypes {
                to_sandbox_tan: body_to_account,
                to_sepa,
                to_counterparty: to_cp,
                value,
                description: r.description.clone(),
            },
            transaction_ids: r.transaction_ids.join(","),
            status: r.status.as_str().to_owned(),
            start_date: format_date(r.start_date),
            end_date: format_date(r.end_date),
            challenge: TransactionRequestChallenge {
                id: String::new(),
                allowed_attempts: 0,
                challenge_type: String::new(),
            },
            charge: TransactionRequestCharge {
                summary: String::new(),
                value: AmountOfMoney::from(&r.charge),
            },
            charge_policy: r.charge_policy.clone(),
            is_beneficiary: cp_id.is_some(),
            // OBP sends its `@optional` fields too, empty when unknown (its mapped request
            // stores `""`); the view is the caller's to fill ([`Self::through_view`]).
            counterparty_id: Some(IdValue::new(cp_id.unwrap_or_default())),
            name,
            this_bank_id: Some(IdValue::new(r.from_bank_id.as_str())),
            this_account_id: Some(IdValue::new(r.from_account_id.as_str())),
            this_view_id: Some(IdValue::new("")),
            other_account_routing_scheme: oa_scheme,
            other_account_routing_address: oa_addr,
            other_bank_routing_scheme: ob_scheme,
            other_bank_routing_address: ob_addr,
            details: r.details.clone(),
            created_by_user_id: r.created_by_user_id.clone(),
            consumer_id: r.consumer_id.clone(),
        }
    }
}

impl TransactionRequestCommons {
    /// Where the money goes: the `other_*` fields when they name an account on the platform
    /// (scheme `OBP`), else the body's `to_sandbox_tan` (what OBP's
    /// `createTransactionAfterChallengeV210` pays for SANDBOX_TAN, ACCOUNT and ACCOUNT_OTP),
    /// else the `other_*` routing of an outside party, else the body's `to_sepa` IBAN.
    ///
    /// Why the body counts: an adapter written for OBP stores the request as OBP's
    /// `createTransactionRequestImpl210` does, with the payee in the body and the `other_*`
    /// fields taken from whatever routing the payee's account has first (or left empty).
    /// Read from the `other_*` fields alone, such a request had no payee and was paid to the
    /// paying account itself. A request naming none of these has [`PaymentTarget::None`],
    /// which only FREE_FORM may be paid with.
    ///
    /// # Errors
    /// An account target whose ids are not valid.
    pub fn target(&self) -> Result<PaymentTarget, InvalidMessage> {
        let in_body = self
            .body
            .to_sandbox_tan
            .as_ref()
            .filter(|to| !to.bank_id.is_empty() || !to.account_id.is_empty());
        if self.other_account_routing_scheme == OBP_SCHEME
            && self.other_bank_routing_scheme == OBP_SCHEME
        {
            if let Some(to) = in_body {
                if to.bank_id != self.other_bank_routing_address
                    || to.account_id != self.other_account_routing_address
                {
                    // Two payees: paying either could be paying the wrong one.
                    return Err(invalid(
                        "body.to_sandbox_tan",
                        "names another account than other_account_routing_address",
                    ));
                }
            }
            return Ok(PaymentTarget::Account {
                bank_id: BankId::parse(self.other_bank_routing_address.clone())
                    .map_err(|e| invalid("other_bank_routing_address", e))?,
                account_id: AccountId::parse(self.other_account_routing_address.clone())
                    .map_err(|e| invalid("other_account_routing_address", e))?,
            });
        }
        if let Some(to) = in_body {
            return Ok(PaymentTarget::Account {
                bank_id: BankId::parse(to.bank_id.clone())
                    .map_err(|e| invalid("body.to_sandbox_tan.bank_id", e))?,
                account_id: AccountId::parse(to.account_id.clone())
                    .map_err(|e| invalid("body.to_sandbox_tan.account_id", e))?,
            });
        }
        if self.other_account_routing_scheme.is_empty() {
            return Ok(match self.body.to_sepa.as_ref() {
                Some(sepa) if !sepa.iban.is_empty() => PaymentTarget::External {
                    scheme: "IBAN".to_owned(),
                    address: sepa.iban.clone(),
                    name: (!self.name.is_empty()).then(|| self.name.clone()),
                    counterparty_id: None,
                },
                _ => PaymentTarget::None,
            });
        }
        Ok(PaymentTarget::External {
            scheme: self.other_account_routing_scheme.clone(),
            address: self.other_account_routing_address.clone(),
            name: (!self.name.is_empty()).then(|| self.name.clone()),
            counterparty_id: self
                .counterparty_id
                .as_ref()
                .map(|c| c.value.clone())
                .filter(|c| !c.is_empty()),
        })
    }
}

impl TransactionRequestCommons {
    /// The request as made through `view_id` (OBP's `this_view_id`: the path's VIEW_ID), when
    /// known.
    #[must_use]
    pub fn through_view(mut self, view_id: Option<&str>) -> Self {
        if let Some(view) = view_id {
            self.this_view_id = Some(IdValue::new(view));
        }
        self
    }
}

impl TryFrom<TransactionRequestCommons> for TransactionRequest {
    type Error = InvalidMessage;
    fn try_from(r: TransactionRequestCommons) -> Result<Self, InvalidMessage> {
        let target = r.target()?;
        let value = r.body.value.to_money("body.value")?;
        let charge = if r.charge.value.amount.is_empty() {
            Money::zero(value.currency())
        } else {
            r.charge.value.to_money("charge.value")?
        };
        Ok(TransactionRequest {
            id: r.id.value,
            request_type: TransactionRequestType::parse(&r.request_type)
                .ok_or_else(|| invalid("type", format!("unknown type {}", r.request_type)))?,
            from_bank_id: BankId::parse(r.from.bank_id).map_err(|e| invalid("from.bank_id", e))?,
            from_account_id: AccountId::parse(r.from.account_id)
                .map_err(|e| invalid("from.account_id", e))?,
            details: r.details,
            target,
            value,
            description: r.body.description,
            charge_policy: r.charge_policy,
            charge,
            status: TransactionRequestStatus::parse(&r.status)
                .ok_or_else(|| invalid("status", format!("unknown status {}", r.status)))?,
            start_date: parse_date("start_date", &r.start_date)?,
            end_date: parse_date("end_date", &r.end_date)?,
            transaction_ids: r
                .transaction_ids
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            created_by_user_id: r.created_by_user_id,
            consumer_id: r.consumer_id,
        })
    }
}

/// `OutBoundCreateTransactionRequestv400`.
///
/// OBP's fields describe the payment; the *extensions* carry the request as the platform
/// made it (`transactionRequest`, whose id, type, target and charge the adapter stores) and
/// whether the adapter must pay it now (`payNow`: below the challenge threshold) or keep it
/// `INITIATED` until the platform's challenges are answered and `makePaymentv210` arrives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateTransactionRequestv400 {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// Who asks.
    pub initiator: UserCommons,
    /// VIEW_ID (empty: the platform checked the view).
    pub view_id: IdValue,
    /// The paying account.
    pub from_account: BankAccountCommons,
    /// The account credited (for a payment leaving the platform: the bank's settlement
    /// account, or, while waiting for challenges, only the outside routing).
    pub to_account: BankAccountCommons,
    /// Type, e.g. `{"value": "SANDBOX_TAN"}`.
    pub transaction_request_type: IdValue,
    /// Amount and description.
    pub transaction_request_common_body: TransactionRequestCommonBody,
    /// The request body as JSON text.
    pub details_plain: String,
    /// SHARED, SENDER or RECEIVER.
    pub charge_policy: String,
    /// Challenge type, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge_type: Option<String>,
    /// SCA method, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sca_method: Option<String>,
    /// Reasons, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<Vec<serde_json::Value>>,
    /// *Extension*: the request to store.
    pub transaction_request: TransactionRequestCommons,
    /// *Extension*: book the payment now and store the request `COMPLETED`.
    #[serde(default)]
    pub pay_now: bool,
}

/// `OutBoundMakePaymentv210`: pay a stored request whose challenges were answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundMakePaymentv210 {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The paying account.
    pub from_account: BankAccountCommons,
    /// The account credited.
    pub to_account: BankAccountCommons,
    /// TRANSACTION_REQUEST_ID.
    pub transaction_request_id: IdValue,
    /// Amount and description.
    pub transaction_request_common_body: TransactionRequestCommonBody,
    /// The amount, a decimal string.
    pub amount: String,
    /// Description.
    pub description: String,
    /// Type, e.g. `{"value": "SANDBOX_TAN"}`.
    pub transaction_request_type: IdValue,
    /// SHARED, SENDER or RECEIVER.
    pub charge_policy: String,
}

/// `OutBoundMakePaymentV400`: pay a SEPA request at once (OBP's `createTransactionRequestv400`
/// sends it for a SEPA request that needs no challenge). The message carries the request
/// itself: the adapter finds the payee from `other_account_routing_scheme`/`_address` (and
/// `body.to_sepa.iban`), as OBP's `LocalMappedConnector.makePaymentV400`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundMakePaymentV400 {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The request to pay.
    pub transaction_request: TransactionRequestCommons,
    /// The payment's reasons (OBP's `TransactionRequestReason`); the platform records none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<Vec<serde_json::Value>>,
}

impl OutBoundMakePaymentV400 {
    /// The message paying `request`: the request as OBP stores a SEPA request. The payee is
    /// the one the platform resolved: an account outside the platform keeps its routing (an
    /// IBAN in `body.to_sepa`); an account on the platform is named by its IBAN routing as
    /// read (`to`, the payee's account) in `body.to_sepa` and as the `IBAN` other-account
    /// routing — what OBP's `makePaymentV400` looks the payee up by — or, without one, as the
    /// platform names it (`body.to_sandbox_tan`, the `OBP` scheme).
    pub fn paying(
        ctx: OutboundAdapterCallContext,
        request: &TransactionRequest,
        to: Option<&crate::account::BankAccount>,
    ) -> Self {
        let mut r = TransactionRequestCommons::from(request);
        if let PaymentTarget::Account {
            bank_id,
            account_id,
        } = &request.target
        {
            let iban = to
                .filter(|a| &a.bank_id == bank_id && &a.account_id == account_id)
                .and_then(|a| {
                    a.routings
                        .iter()
                        .find(|r| r.scheme.eq_ignore_ascii_case("IBAN"))
                })
                .map(|r| r.address.clone());
            if let Some(iban) = iban {
                r.body.to_sandbox_tan = None;
                r.body.to_sepa = Some(TransactionRequestIban { iban: iban.clone() });
                r.other_account_routing_scheme = "IBAN".to_owned();
                r.other_account_routing_address = iban;
                r.other_bank_routing_scheme = String::new();
                r.other_bank_routing_address = String::new();
            }
        }
        Self {
            outbound_adapter_call_context: ctx,
            transaction_request: r,
            reasons: None,
        }
    }
}

/// `OutBoundGetTransactionRequestImpl`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetTransactionRequestImpl {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// TRANSACTION_REQUEST_ID.
    pub transaction_request_id: IdValue,
}

/// `OutBoundGetTransactionRequests210`: an account's requests, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetTransactionRequests210 {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// Who asks.
    pub initiator: UserCommons,
    /// The account.
    pub from_account: BankAccountCommons,
}

/// `OutBoundSaveTransactionRequestStatusImpl` (answered with `true`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundSaveTransactionRequestStatusImpl {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// TRANSACTION_REQUEST_ID.
    pub transaction_request_id: IdValue,
    /// The new status.
    pub status: String,
    /// *Extension*: change only when the request is in one of these statuses (any when
    /// empty); otherwise answer OBP-40011.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub from_statuses: Vec<String>,
}

/// `OutBoundGetBankAccountsForUser`: the accounts the core banking system says a user holds
/// (OBP's account refresh, `AuthUser.refreshUser`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetBankAccountsForUser {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The user's identity provider (the platform's own users: its host).
    pub provider: String,
    /// The user's name at that provider.
    pub username: String,
}

/// OBP's `InboundAccountCommons` (every field a string; only the ids and `viewsToGenerate`
/// are used).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct InboundAccountCommons {
    /// BANK_ID.
    pub bank_id: String,
    /// Branch.
    #[serde(default)]
    pub branch_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// Account number.
    #[serde(default)]
    pub account_number: String,
    /// Account type.
    #[serde(default)]
    pub account_type: String,
    /// Balance, a decimal string.
    #[serde(default)]
    pub balance_amount: String,
    /// Balance currency.
    #[serde(default)]
    pub balance_currency: String,
    /// Owners' names.
    #[serde(default)]
    pub owners: Vec<String>,
    /// The views to give the user, e.g. `["Owner"]`.
    #[serde(default)]
    pub views_to_generate: Vec<String>,
    /// Bank routing scheme.
    #[serde(default)]
    pub bank_routing_scheme: String,
    /// Bank routing address.
    #[serde(default)]
    pub bank_routing_address: String,
    /// Branch routing scheme.
    #[serde(default)]
    pub branch_routing_scheme: String,
    /// Branch routing address.
    #[serde(default)]
    pub branch_routing_address: String,
    /// Account routing scheme.
    #[serde(default)]
    pub account_routing_scheme: String,
    /// Account routing address.
    #[serde(default)]
    pub account_routing_address: String,
}

impl TryFrom<InboundAccountCommons> for crate::account::InboundAccount {
    type Error = InvalidMessage;
    fn try_from(a: InboundAccountCommons) -> Result<Self, InvalidMessage> {
        Ok(Self {
            bank_id: BankId::parse(a.bank_id).map_err(|e| invalid("bankId", e))?,
            account_id: AccountId::parse(a.account_id).map_err(|e| invalid("accountId", e))?,
            views_to_generate: a.views_to_generate,
        })
    }
}

/// `OutBoundSaveTransactionRequestTransactionImpl` (answered with `true`): the transaction a
/// request produced when another connector paid it. OBP's case class carries the request id
/// and the payer's transaction id; the call context is sent as in every message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundSaveTransactionRequestTransactionImpl {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// TRANSACTION_REQUEST_ID.
    pub transaction_request_id: IdValue,
    /// The payer's transaction.
    pub transaction_id: IdValue,
}

// ------------------------------------------------------------------ SCA in the core

/// `OutBoundCreateChallengesC2`: the core banking system makes one challenge per user, sends
/// each user their code, and answers OBP's `ChallengeCommons` for each. OBP sends it from
/// `createTransactionRequestv400` (`LocalMappedConnector` 5253) for a request that needs
/// challenges; the `Option`s are left out when `None`, as json4s does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateChallengesC2 {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The users who must answer, one challenge each.
    pub user_ids: Vec<String>,
    /// OBP's `ChallengeType` name.
    pub challenge_type: String,
    /// The transaction request guarded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_request_id: Option<String>,
    /// OBP's `StrongCustomerAuthentication` name: how the codes travel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sca_method: Option<String>,
    /// OBP's `StrongCustomerAuthenticationStatus` name (Berlin Group only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sca_status: Option<String>,
    /// The consent guarded (exclusive with `transactionRequestId`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_id: Option<String>,
    /// The authentication method chosen (Berlin Group only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication_method_id: Option<String>,
}

/// OBP's `ChallengeCommons` (`CommonModel.scala` 556): one challenge the core issued. The
/// platform keeps its id, user, type and subject; `expectedAnswer` and `salt` stay the
/// core's business (read, never stored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChallengeCommons {
    /// The challenge id answers name.
    pub challenge_id: String,
    /// The transaction request guarded (`""` when none).
    #[serde(default)]
    pub transaction_request_id: String,
    /// The core's (hashed) expected answer.
    #[serde(default)]
    pub expected_answer: String,
    /// The user who must answer.
    #[serde(default)]
    pub expected_user_id: String,
    /// Salt of `expectedAnswer`.
    #[serde(default)]
    pub salt: String,
    /// Answered correctly already.
    #[serde(default)]
    pub successful: bool,
    /// OBP's `ChallengeType` name.
    #[serde(default)]
    pub challenge_type: String,
    /// The consent guarded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_id: Option<String>,
    /// The signing basket guarded (Berlin Group).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basket_id: Option<String>,
    /// How the code travelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sca_method: Option<String>,
    /// Berlin Group SCA status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sca_status: Option<String>,
    /// Berlin Group authentication method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication_method_id: Option<String>,
    /// Wrong answers so far (OBP's default 0 for connectors written before it).
    #[serde(default)]
    pub attempt_counter: i64,
}

impl ChallengeCommons {
    /// The platform's view of the challenge, checked against what was asked: an id, and a
    /// user who was asked to answer.
    ///
    /// # Errors
    /// `challengeId` empty, or `expectedUserId` not one of `asked_users`.
    pub fn to_core_challenge(
        &self,
        asked_users: &[String],
    ) -> Result<crate::payment::CoreChallenge, InvalidMessage> {
        if self.challenge_id.trim().is_empty() {
            return Err(invalid("challengeId", "is empty"));
        }
        // The platform keeps the core's id beside its own (64 characters at most).
        if self.challenge_id.len() > 64 || self.challenge_id.chars().any(char::is_control) {
            return Err(invalid(
                "challengeId",
                "longer than 64 bytes or has control characters",
            ));
        }
        if !asked_users.contains(&self.expected_user_id) {
            return Err(invalid(
                "expectedUserId",
                format!("{:?} was not asked to answer", self.expected_user_id),
            ));
        }
        Ok(crate::payment::CoreChallenge {
            challenge_id: self.challenge_id.clone(),
            user_id: self.expected_user_id.clone(),
            challenge_type: self.challenge_type.clone(),
            transaction_request_id: self.transaction_request_id.clone(),
            consent_id: self.consent_id.clone().filter(|c| !c.is_empty()),
            sca_method: self.sca_method.clone().filter(|m| !m.is_empty()),
        })
    }
}

/// OBP's `SuppliedAnswerType` for an answer sent as typed (the only one OBP's endpoints use).
pub const PLAIN_TEXT_VALUE: &str = "PLAIN_TEXT_VALUE";

/// `OutBoundValidateChallengeAnswerV2`: is this the answer to the core's challenge? Answered
/// with a boolean (OBP's `InBoundValidateChallengeAnswerV2`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundValidateChallengeAnswerV2 {
    /// Call context (its auth info names the user answering).
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The core's challenge id.
    pub challenge_id: String,
    /// The answer as the user gave it.
    pub supplied_answer: String,
    /// OBP's `SuppliedAnswerType` ([`PLAIN_TEXT_VALUE`]).
    pub supplied_answer_type: String,
}

/// `InBoundGetChallengeThreshold` / `InBoundGetChargeLevelC2`.
pub type InBoundAmountOfMoney = InBound<AmountOfMoney>;
/// `InBoundCreateTransactionRequestv400` and the other single-request answers.
pub type InBoundTransactionRequest = InBound<TransactionRequestCommons>;

/// Parses an amount in a known currency.
///
/// # Errors
/// `field` when the amount does not fit the currency.
pub fn parse_amount(
    field: &'static str,
    amount: &str,
    currency: Currency,
) -> Result<Money, InvalidMessage> {
    Money::parse(amount, currency).map_err(|e| invalid(field, e))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_runtime_body_carries_the_types_fields_as_posted_and_nothing_else() {
        let posted = json!({"to": {"bank_id": "b1", "account_id": "a2"}, "value": {"currency": "EUR", "amount": "1"},
            "description": "d", "charge_policy": "SHARED", "future_date": null, "card": {"cvv": "123"}, "x": 1});
        let body = TransactionRequestCommonBody::runtime(
            AmountOfMoney {
                currency: "EUR".into(),
                amount: "1.00".into(),
            },
            "d".into(),
            &posted,
        );
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({"value": {"currency": "EUR", "amount": "1.00"}, "description": "d",
                "to": {"bank_id": "b1", "account_id": "a2"}, "charge_policy": "SHARED"})
        );
        let back: TransactionRequestCommonBody =
            serde_json::from_value(serde_json::to_value(&body).unwrap()).unwrap();
        assert_eq!(back, body);
    }

    use super::*;
    use serde_json::json;

    fn eur(s: &str) -> Money {
        Money::parse_with_code(s, "EUR").unwrap()
    }

    fn request(target: PaymentTarget) -> TransactionRequest {
        let at = parse_date("d", "2024-05-06T07:08:09Z").unwrap();
        TransactionRequest {
            id: "tr-1".into(),
            request_type: TransactionRequestType::SandboxTan,
            from_bank_id: BankId::parse("b1").unwrap(),
            from_account_id: AccountId::parse("a1").unwrap(),
            details: json!({"to": {"bank_id": "b1", "account_id": "a2"}}),
            target,
            value: eur("12.50"),
            description: "rent".into(),
            charge_policy: "SHARED".into(),
            charge: eur("0.00"),
            status: TransactionRequestStatus::Completed,
            start_date: at,
            end_date: at,
            transaction_ids: vec!["t1".into(), "t2".into()],
            created_by_user_id: Some("u1".into()),
            consumer_id: None,
        }
    }

    #[test]
    fn make_payment_v400_names_the_resolved_payee_by_its_iban() {
        let a2 = PaymentTarget::Account {
            bank_id: BankId::parse("b1").unwrap(),
            account_id: AccountId::parse("a2").unwrap(),
        };
        let mut r = request(a2);
        r.request_type = TransactionRequestType::Sepa;
        // The posted IBAN is not what is sent: the payee account's own IBAN routing is.
        r.details = json!({"to": {"iban": "de89 3704 0044 0532 0130 00"}});
        let payee = crate::account::BankAccount {
            bank_id: BankId::parse("b1").unwrap(),
            account_id: AccountId::parse("a2").unwrap(),
            label: String::new(),
            account_type: String::new(),
            balance: eur("0"),
            overdraft_limit: eur("0"),
            kind: crate::account::AccountKind::Current,
            number: String::new(),
            branch_id: String::new(),
            holder_name: String::new(),
            routings: vec![crate::bank::Routing {
                scheme: "IBAN".into(),
                address: "DE89370400440532013000".into(),
            }],
            created_by_user_id: None,
            as_received: Default::default(),
        };
        let v = serde_json::to_value(OutBoundMakePaymentV400::paying(
            OutboundAdapterCallContext::default(),
            &r,
            Some(&payee),
        ))
        .unwrap();
        let t = &v["transactionRequest"];
        assert_eq!(t["other_account_routing_scheme"], "IBAN");
        assert_eq!(t["other_account_routing_address"], "DE89370400440532013000");
        assert_eq!(t["body"]["to_sepa"]["iban"], "DE89370400440532013000");
        assert!(
            t["body"].get("to_sandbox_tan").is_none_or(|x| x.is_null()),
            "{t}"
        );
        // Another account than the request's payee is never used; without an IBAN the
        // platform's own naming stays.
        let mut other = payee.clone();
        other.account_id = AccountId::parse("a3").unwrap();
        for to in [Some(&other), None] {
            let v = serde_json::to_value(OutBoundMakePaymentV400::paying(
                OutboundAdapterCallContext::default(),
                &r,
                to,
            ))
            .unwrap();
            assert_eq!(
                v["transactionRequest"]["other_account_routing_scheme"],
                "OBP"
            );
            assert_eq!(
                v["transactionRequest"]["other_account_routing_address"],
                "a2"
            );
        }
        // An IBAN outside the platform is sent as resolved.
        r.target = PaymentTarget::External {
            scheme: "IBAN".into(),
            address: "GB33BUKB20201555555555".into(),
            name: None,
            counterparty_id: None,
        };
        let v = serde_json::to_value(OutBoundMakePaymentV400::paying(
            OutboundAdapterCallContext::default(),
            &r,
            None,
        ))
        .unwrap();
        assert_eq!(
            v["transactionRequest"]["body"]["to_sepa"]["iban"],
            "GB33BUKB20201555555555"
        );
        assert_eq!(
            v["transactionRequest"]["other_account_routing_address"],
            "GB33BUKB20201555555555"
        );
    }

    #[test]
    fn transaction_requests_round_trip_every_target() {
        for target in [
            PaymentTarget::Account {
                bank_id: BankId::parse("b1").unwrap(),
                account_id: AccountId::parse("a2").unwrap(),
            },
            PaymentTarget::External {
                scheme: "IBAN".into(),
                address: "DE89370400440532013000".into(),
                name: Some("Bob".into()),
                counterparty_id: Some("cp-1".into()),
            },
            PaymentTarget::None,
        ] {
            let r = request(target);
            let m = TransactionRequestCommons::from(&r);
            let v = serde_json::to_value(&m).unwrap();
            assert_eq!(v["type"], "SANDBOX_TAN");
            assert_eq!(v["id"], json!({"value": "tr-1"}));
            assert_eq!(v["transaction_ids"], "t1,t2");
            let back: TransactionRequestCommons = serde_json::from_value(v).unwrap();
            assert_eq!(TransactionRequest::try_from(back).unwrap(), r);
        }
    }

    #[test]
    fn a_request_stored_as_obp_stores_it_names_its_payee_in_the_body() {
        // What an adapter written for OBP keeps: the payee in the body, `other_*` from the
        // payee account's first routing, or left empty.
        let mut m = TransactionRequestCommons::from(&request(PaymentTarget::None));
        m.body.to_sandbox_tan = Some(TransactionRequestAccount {
            bank_id: "b1".into(),
            account_id: "a2".into(),
        });
        let to_a2 = PaymentTarget::Account {
            bank_id: BankId::parse("b1").unwrap(),
            account_id: AccountId::parse("a2").unwrap(),
        };
        assert_eq!(m.target().unwrap(), to_a2);
        m.other_account_routing_scheme = "AccountNumber".into();
        m.other_account_routing_address = "N-a2".into();
        assert_eq!(m.target().unwrap(), to_a2);

        let mut sepa = TransactionRequestCommons::from(&request(PaymentTarget::None));
        sepa.body.to_sepa = Some(TransactionRequestIban {
            iban: "DE89370400440532013000".into(),
        });
        assert_eq!(
            sepa.target().unwrap(),
            PaymentTarget::External {
                scheme: "IBAN".into(),
                address: "DE89370400440532013000".into(),
                name: None,
                counterparty_id: None,
            }
        );
        // Ids that are not ids are refused, never read as "no payee".
        let mut bad = TransactionRequestCommons::from(&request(PaymentTarget::None));
        bad.body.to_sandbox_tan = Some(TransactionRequestAccount {
            bank_id: "b 1".into(),
            account_id: "".into(),
        });
        assert!(bad.target().is_err());
        // Two different payees: refused, never guessed.
        let mut two = TransactionRequestCommons::from(&request(PaymentTarget::Account {
            bank_id: BankId::parse("b1").unwrap(),
            account_id: AccountId::parse("a2").unwrap(),
        }));
        two.body.to_sandbox_tan = Some(TransactionRequestAccount {
            bank_id: "b1".into(),
            account_id: "a3".into(),
        });
        assert!(two.target().is_err());
        // Naming nothing: no payee (only FREE_FORM may be paid so).
        let none = TransactionRequestCommons::from(&request(PaymentTarget::None));
        assert_eq!(none.target().unwrap(), PaymentTarget::None);
        assert!(!TransactionRequestType::SandboxTan.has_no_payee());
        assert!(TransactionRequestType::FreeForm.has_no_payee());
    }

    #[test]
    fn a_request_always_carries_obps_optional_ids_and_its_view_when_known() {
        let m = TransactionRequestCommons::from(&request(PaymentTarget::None));
        let v = serde_json::to_value(&m).unwrap();
        assert_eq!(v["counterparty_id"], serde_json::json!({"value": ""}));
        assert_eq!(v["this_view_id"], serde_json::json!({"value": ""}));
        let owner = serde_json::to_value(m.clone().through_view(Some("owner"))).unwrap();
        assert_eq!(owner["this_view_id"], serde_json::json!({"value": "owner"}));
        let unknown = serde_json::to_value(m.through_view(None)).unwrap();
        assert_eq!(unknown["this_view_id"], serde_json::json!({"value": ""}));
    }

    #[test]
    fn customers_and_counterparties_round_trip() {
        let c = Customer {
            bank_id: BankId::parse("b1").unwrap(),
            customer_id: "c1".into(),
            number: "N1".into(),
            legal_name: "Alice".into(),
            mobile_phone_number: "+44".into(),
            email: "a@x".into(),
            face_image: FaceImage::default(),
            date_of_birth: Some(parse_date("d", "1990-01-02T00:00:00Z").unwrap()),
            relationship_status: "single".into(),
            dependants: 1,
            dob_of_dependants: vec![parse_date("d", "2020-01-02T00:00:00Z").unwrap()],
            credit_rating: CreditRating::default(),
            credit_limit: Some(eur("100.00")),
            highest_education_attained: "".into(),
            employment_status: "".into(),
            kyc_status: true,
            last_ok_date: None,
            title: "Ms".into(),
            branch_id: "br".into(),
            name_suffix: "".into(),
        };
        let m = OutBoundCreateCustomer::new(OutboundAdapterCallContext::default(), &c);
        let v = serde_json::to_value(&m).unwrap();
        assert_eq!(v["bankId"], json!({"value": "b1"}));
        assert_eq!(v["mobileNumber"], "+44");
        let commons = m.to_commons(String::new, String::new);
        assert_eq!(Customer::try_from(commons).unwrap(), c);

        let cp = Counterparty {
            counterparty_id: "cp1".into(),
            name: "Bob".into(),
            description: "d".into(),
            currency: "EUR".into(),
            created_by_user_id: "u1".into(),
            this_bank_id: BankId::parse("b1").unwrap(),
            this_account_id: AccountId::parse("a1").unwrap(),
            this_view_id: "owner".into(),
            other_account_routing_scheme: "IBAN".into(),
            other_account_routing_address: "DE89370400440532013000".into(),
            other_account_secondary_routing_scheme: "".into(),
            other_account_secondary_routing_address: "".into(),
            other_bank_routing_scheme: "BIC".into(),
            other_bank_routing_address: "X".into(),
            other_branch_routing_scheme: "".into(),
            other_branch_routing_address: "".into(),
            is_beneficiary: true,
            bespoke: vec![("k".into(), "v".into())],
        };
        let out = OutBoundCreateCounterparty::new(OutboundAdapterCallContext::default(), &cp);
        assert_eq!(serde_json::to_value(&out).unwrap()["thisBankId"], "b1");
        assert_eq!(
            Counterparty::try_from(out.to_commons(String::new)).unwrap(),
            cp
        );
    }
}
