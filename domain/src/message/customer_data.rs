//! Messages for customers (all banks, updates), customer attributes, KYC, account and
//! transaction attributes, account routings and counterparty deletion.
//!
//! Shapes follow OBP's `OutBound<Method>` case classes (`JsonsTransfer.scala`) and the common
//! model (`AccountAttributeCommons`, `TransactionAttributeCommons`,
//! `CustomerAttributeCommons`, `KycCheckCommons`, `KycDocumentCommons`, `KycMediaCommons`,
//! `KycStatusCommons`), including OBP's spellings (`mStaffName`, `productAttributeId` for the
//! account attribute's id, `idKycCheck`, `type`). Where the platform needs more than OBP's
//! message carries, the extra fields are marked *extension* (the bank scoping a lookup by
//! id); where OBP's connector method has no message at all (`getCustomersAtAllBanks`,
//! `deleteCounterpartyByCounterpartyId`, `updateBankAccountRoutings`), the message is ours,
//! designed in the same style and marked "(our extension)". Every outbound message carries
//! `outboundAdapterCallContext`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    format_date, invalid, parse_date, AccountRouting, AmountOfMoney, CustomerFaceImage, IdValue,
    InBound, InvalidMessage, OutboundAdapterCallContext,
};
use crate::account::{is_attribute_type, AccountAttribute, TransactionAttribute};
use crate::bank::Routing;
use crate::customer::{
    CreditRating, CustomerAttribute, CustomerUpdate, FaceImage, KycCheck, KycDocument, KycMedia,
    KycStatus,
};
use crate::ids::{AccountId, BankId};

fn bank_id(field: &'static str, s: String) -> Result<BankId, InvalidMessage> {
    BankId::parse(s).map_err(|e| invalid(field, e))
}

fn attribute_type(field: &'static str, t: String) -> Result<String, InvalidMessage> {
    if is_attribute_type(&t) {
        Ok(t)
    } else {
        Err(invalid(field, format!("unknown attribute type {t}")))
    }
}

// ------------------------------------------------------------------ customers

/// `OutBoundGetCustomersAtAllBanks` (our extension: OBP's `getCustomersAtAllBanks` has no
/// message): a page of every bank's customers, ordered by BANK_ID then CUSTOMER_ID.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetCustomersAtAllBanks {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// Page size.
    pub limit: u32,
    /// Items to skip.
    pub offset: u64,
    /// Inclusive lower date bound (unused by the example adapter).
    pub from_date: String,
    /// Inclusive upper date bound (unused by the example adapter).
    pub to_date: String,
}

/// `OutBoundUpdateCustomerScaData`: number, mobile number and email; absent fields are kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundUpdateCustomerScaData {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// New mobile phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_number: Option<String>,
    /// New email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// New customer number (unique at the bank: OBP-30006 when taken).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_number: Option<String>,
}

impl OutBoundUpdateCustomerScaData {
    /// The message carrying the SCA fields of `u`.
    pub fn new(ctx: OutboundAdapterCallContext, customer_id: &str, u: &CustomerUpdate) -> Self {
        Self {
            outbound_adapter_call_context: ctx,
            customer_id: customer_id.to_owned(),
            mobile_number: u.mobile_phone_number.clone(),
            email: u.email.clone(),
            customer_number: u.number.clone(),
        }
    }
}

impl TryFrom<OutBoundUpdateCustomerScaData> for CustomerUpdate {
    type Error = InvalidMessage;
    fn try_from(m: OutBoundUpdateCustomerScaData) -> Result<Self, InvalidMessage> {
        Ok(CustomerUpdate {
            number: m.customer_number,
            mobile_phone_number: m.mobile_number,
            email: m.email,
            ..CustomerUpdate::default()
        })
    }
}

/// `OutBoundUpdateCustomerCreditData`: credit rating, its source and the credit limit;
/// absent fields are kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundUpdateCustomerCreditData {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// New credit rating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_rating: Option<String>,
    /// New credit rating source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_source: Option<String>,
    /// New credit limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_limit: Option<AmountOfMoney>,
}

impl OutBoundUpdateCustomerCreditData {
    /// The message carrying the credit fields of `u`.
    pub fn new(ctx: OutboundAdapterCallContext, customer_id: &str, u: &CustomerUpdate) -> Self {
        Self {
            outbound_adapter_call_context: ctx,
            customer_id: customer_id.to_owned(),
            credit_rating: u.credit_rating.as_ref().map(|r| r.rating.clone()),
            credit_source: u.credit_rating.as_ref().map(|r| r.source.clone()),
            credit_limit: u.credit_limit.as_ref().map(AmountOfMoney::from),
        }
    }

    /// The update the message asks for. OBP sends rating and source separately; when only
    /// one is given, the other half is kept from `current` (the customer's rating now).
    ///
    /// # Errors
    /// `creditLimit` when the amount or currency is not valid.
    pub fn to_update(&self, current: &CreditRating) -> Result<CustomerUpdate, InvalidMessage> {
        let credit_rating = match (&self.credit_rating, &self.credit_source) {
            (None, None) => None,
            (rating, source) => Some(CreditRating {
                rating: rating.clone().unwrap_or_else(|| current.rating.clone()),
                source: source.clone().unwrap_or_else(|| current.source.clone()),
            }),
        };
        Ok(CustomerUpdate {
            credit_rating,
            credit_limit: self
                .credit_limit
                .as_ref()
                .map(|m| m.to_money("creditLimit"))
                .transpose()?,
            ..CustomerUpdate::default()
        })
    }
}

/// `OutBoundUpdateCustomerGeneralData`: identity, branch and personal data; absent fields
/// are kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundUpdateCustomerGeneralData {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// New legal name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_name: Option<String>,
    /// New face image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face_image: Option<CustomerFaceImage>,
    /// New date of birth, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<String>,
    /// New relationship status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship_status: Option<String>,
    /// New number of dependants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dependents: Option<i32>,
    /// New highest education attained.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub highest_education_attained: Option<String>,
    /// New employment status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employment_status: Option<String>,
    /// New title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// New home branch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch_id: Option<String>,
    /// New name suffix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_suffix: Option<String>,
}

impl OutBoundUpdateCustomerGeneralData {
    /// The message carrying the general fields of `u`.
    pub fn new(ctx: OutboundAdapterCallContext, customer_id: &str, u: &CustomerUpdate) -> Self {
        Self {
            outbound_adapter_call_context: ctx,
            customer_id: customer_id.to_owned(),
            legal_name: u.legal_name.clone(),
            face_image: u.face_image.as_ref().map(|f| CustomerFaceImage {
                date: f.date.map(format_date),
                url: f.url.clone(),
            }),
            date_of_birth: u.date_of_birth.map(format_date),
            relationship_status: u.relationship_status.clone(),
            dependents: u.dependants,
            highest_education_attained: u.highest_education_attained.clone(),
            employment_status: u.employment_status.clone(),
            title: u.title.clone(),
            branch_id: u.branch_id.clone(),
            name_suffix: u.name_suffix.clone(),
        }
    }
}

impl TryFrom<OutBoundUpdateCustomerGeneralData> for CustomerUpdate {
    type Error = InvalidMessage;
    fn try_from(m: OutBoundUpdateCustomerGeneralData) -> Result<Self, InvalidMessage> {
        let face_image = match m.face_image {
            None => None,
            Some(f) => Some(FaceImage {
                url: f.url,
                date: match f.date.as_deref() {
                    None | Some("") => None,
                    Some(d) => Some(parse_date("faceImage.date", d)?),
                },
            }),
        };
        Ok(CustomerUpdate {
            legal_name: m.legal_name,
            face_image,
            date_of_birth: m
                .date_of_birth
                .as_deref()
                .map(|d| parse_date("dateOfBirth", d))
                .transpose()?,
            relationship_status: m.relationship_status,
            dependants: m.dependents,
            highest_education_attained: m.highest_education_attained,
            employment_status: m.employment_status,
            title: m.title,
            branch_id: m.branch_id,
            name_suffix: m.name_suffix,
            ..CustomerUpdate::default()
        })
    }
}

// ------------------------------------------------------------------ accounts

/// `OutBoundUpdateBankAccountRoutings` (our extension, modelled on OBP's
/// `OutBoundUpdateBankAccount`): adds the routings to the account, replacing the account's
/// routing of the same scheme; a routing another account of the bank holds is refused with
/// OBP-30115. Answered with the account (`BankAccountCommons`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundUpdateBankAccountRoutings {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// ACCOUNT_ID.
    pub account_id: IdValue,
    /// The routings to add or replace (per scheme).
    pub account_routings: Vec<AccountRouting>,
}

impl OutBoundUpdateBankAccountRoutings {
    /// The message setting `routings` on the account.
    pub fn new(
        ctx: OutboundAdapterCallContext,
        bank_id: &BankId,
        account_id: &AccountId,
        routings: &[Routing],
    ) -> Self {
        Self {
            outbound_adapter_call_context: ctx,
            bank_id: IdValue::new(bank_id.as_str()),
            account_id: IdValue::new(account_id.as_str()),
            account_routings: routings
                .iter()
                .map(|r| AccountRouting {
                    scheme: r.scheme.clone(),
                    address: r.address.clone(),
                })
                .collect(),
        }
    }

    /// The routings as the domain's.
    pub fn routings(&self) -> Vec<Routing> {
        self.account_routings
            .iter()
            .map(|r| Routing {
                scheme: r.scheme.clone(),
                address: r.address.clone(),
            })
            .collect()
    }
}

/// `OutBoundDeleteCounterpartyByCounterpartyId` (our extension: OBP's connector method
/// `deleteCounterpartyByCounterpartyId(counterpartyId)` has no message). Answered with
/// `true`; OBP-30017 when the bank has no such counterparty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundDeleteCounterpartyByCounterpartyId {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The bank the counterparty's account belongs to.
    pub bank_id: IdValue,
    /// COUNTERPARTY_ID.
    pub counterparty_id: IdValue,
}

// ------------------------------------------------------------------ account attributes

/// OBP's `AccountAttributeCommons`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AccountAttributeCommons {
    /// BANK_ID.
    pub bank_id: IdValue,
    /// ACCOUNT_ID.
    pub account_id: IdValue,
    /// PRODUCT_CODE (OBP's `ProductCode`, `{"value": ...}`).
    pub product_code: IdValue,
    /// ACCOUNT_ATTRIBUTE_ID.
    pub account_attribute_id: String,
    /// Name, unique per account.
    #[serde(default)]
    pub name: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    #[serde(default)]
    pub attribute_type: String,
    /// Value as text.
    #[serde(default)]
    pub value: String,
    /// Product instance code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_instance_code: Option<String>,
}

impl From<&AccountAttribute> for AccountAttributeCommons {
    fn from(a: &AccountAttribute) -> Self {
        Self {
            bank_id: IdValue::new(a.bank_id.as_str()),
            account_id: IdValue::new(a.account_id.as_str()),
            product_code: IdValue::new(&a.product_code),
            account_attribute_id: a.id.clone(),
            name: a.name.clone(),
            attribute_type: a.attribute_type.clone(),
            value: a.value.clone(),
            product_instance_code: a.product_instance_code.clone(),
        }
    }
}

impl TryFrom<AccountAttributeCommons> for AccountAttribute {
    type Error = InvalidMessage;
    fn try_from(a: AccountAttributeCommons) -> Result<Self, InvalidMessage> {
        Ok(AccountAttribute {
            id: a.account_attribute_id,
            bank_id: bank_id("bankId", a.bank_id.value)?,
            account_id: AccountId::parse(a.account_id.value)
                .map_err(|e| invalid("accountId", e))?,
            product_code: a.product_code.value,
            name: a.name,
            attribute_type: attribute_type("attributeType", a.attribute_type)?,
            value: a.value,
            product_instance_code: a.product_instance_code,
        })
    }
}

/// `OutBoundGetAccountAttributesByAccount`: an account's attributes, ordered by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetAccountAttributesByAccount {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// ACCOUNT_ID.
    pub account_id: IdValue,
}

/// `OutBoundGetAccountAttributeById`; OBP-30232 when missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetAccountAttributeById {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// ACCOUNT_ATTRIBUTE_ID.
    pub account_attribute_id: String,
    /// *Extension*: only an attribute of this bank (any bank when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_id: Option<IdValue>,
}

/// `OutBoundCreateOrUpdateAccountAttribute`: the attribute with the id is replaced; else the
/// account's attribute of the same name is replaced (keeping its id); else it is added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateOrUpdateAccountAttribute {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// ACCOUNT_ID.
    pub account_id: IdValue,
    /// PRODUCT_CODE.
    pub product_code: IdValue,
    /// The ACCOUNT_ATTRIBUTE_ID (OBP names this field `productAttributeId`); the adapter
    /// chooses one when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_attribute_id: Option<String>,
    /// Name.
    pub name: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    pub account_attribute_type: String,
    /// Value as text.
    pub value: String,
    /// Product instance code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_instance_code: Option<String>,
}

impl OutBoundCreateOrUpdateAccountAttribute {
    /// The message writing `a`.
    pub fn new(ctx: OutboundAdapterCallContext, a: &AccountAttribute) -> Self {
        Self {
            outbound_adapter_call_context: ctx,
            bank_id: IdValue::new(a.bank_id.as_str()),
            account_id: IdValue::new(a.account_id.as_str()),
            product_code: IdValue::new(&a.product_code),
            product_attribute_id: Some(a.id.clone()),
            name: a.name.clone(),
            account_attribute_type: a.attribute_type.clone(),
            value: a.value.clone(),
            product_instance_code: a.product_instance_code.clone(),
        }
    }

    /// The attribute the message asks for; `id` chooses the id when the message has none.
    pub fn to_commons(&self, id: impl FnOnce() -> String) -> AccountAttributeCommons {
        AccountAttributeCommons {
            bank_id: self.bank_id.clone(),
            account_id: self.account_id.clone(),
            product_code: self.product_code.clone(),
            account_attribute_id: self
                .product_attribute_id
                .clone()
                .filter(|i| !i.is_empty())
                .unwrap_or_else(id),
            name: self.name.clone(),
            attribute_type: self.account_attribute_type.clone(),
            value: self.value.clone(),
            product_instance_code: self.product_instance_code.clone(),
        }
    }
}

// ------------------------------------------------------------------ transaction attributes

/// OBP's `TransactionAttributeCommons`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TransactionAttributeCommons {
    /// BANK_ID.
    pub bank_id: IdValue,
    /// TRANSACTION_ID.
    pub transaction_id: IdValue,
    /// TRANSACTION_ATTRIBUTE_ID.
    pub transaction_attribute_id: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    #[serde(default)]
    pub attribute_type: String,
    /// Name (need not be unique).
    #[serde(default)]
    pub name: String,
    /// Value as text.
    #[serde(default)]
    pub value: String,
}

impl From<&TransactionAttribute> for TransactionAttributeCommons {
    fn from(a: &TransactionAttribute) -> Self {
        Self {
            bank_id: IdValue::new(a.bank_id.as_str()),
            transaction_id: IdValue::new(&a.transaction_id),
            transaction_attribute_id: a.id.clone(),
            attribute_type: a.attribute_type.clone(),
            name: a.name.clone(),
            value: a.value.clone(),
        }
    }
}

impl TryFrom<TransactionAttributeCommons> for TransactionAttribute {
    type Error = InvalidMessage;
    fn try_from(a: TransactionAttributeCommons) -> Result<Self, InvalidMessage> {
        Ok(TransactionAttribute {
            id: a.transaction_attribute_id,
            bank_id: bank_id("bankId", a.bank_id.value)?,
            transaction_id: a.transaction_id.value,
            name: a.name,
            attribute_type: attribute_type("attributeType", a.attribute_type)?,
            value: a.value,
        })
    }
}

/// `OutBoundGetTransactionAttributes`: a transaction's attributes, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetTransactionAttributes {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// TRANSACTION_ID.
    pub transaction_id: IdValue,
}

/// `OutBoundGetTransactionAttributeById`; OBP-30070 when missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetTransactionAttributeById {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// TRANSACTION_ATTRIBUTE_ID.
    pub transaction_attribute_id: String,
    /// *Extension*: only an attribute of this bank (any bank when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_id: Option<IdValue>,
}

/// `OutBoundCreateOrUpdateTransactionAttribute`: the bank's attribute with the id is
/// replaced, else the attribute is added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateOrUpdateTransactionAttribute {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// TRANSACTION_ID.
    pub transaction_id: IdValue,
    /// TRANSACTION_ATTRIBUTE_ID; the adapter chooses one when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_attribute_id: Option<String>,
    /// Name.
    pub name: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    pub attribute_type: String,
    /// Value as text.
    pub value: String,
}

impl OutBoundCreateOrUpdateTransactionAttribute {
    /// The message writing `a`.
    pub fn new(ctx: OutboundAdapterCallContext, a: &TransactionAttribute) -> Self {
        Self {
            outbound_adapter_call_context: ctx,
            bank_id: IdValue::new(a.bank_id.as_str()),
            transaction_id: IdValue::new(&a.transaction_id),
            transaction_attribute_id: Some(a.id.clone()),
            name: a.name.clone(),
            attribute_type: a.attribute_type.clone(),
            value: a.value.clone(),
        }
    }

    /// The attribute the message asks for; `id` chooses the id when the message has none.
    pub fn to_commons(&self, id: impl FnOnce() -> String) -> TransactionAttributeCommons {
        TransactionAttributeCommons {
            bank_id: self.bank_id.clone(),
            transaction_id: self.transaction_id.clone(),
            transaction_attribute_id: self
                .transaction_attribute_id
                .clone()
                .filter(|i| !i.is_empty())
                .unwrap_or_else(id),
            attribute_type: self.attribute_type.clone(),
            name: self.name.clone(),
            value: self.value.clone(),
        }
    }
}

// ------------------------------------------------------------------ customer attributes

/// OBP's `CustomerAttributeCommons`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CustomerAttributeCommons {
    /// BANK_ID.
    pub bank_id: IdValue,
    /// CUSTOMER_ID (OBP's `CustomerId`, `{"value": ...}`).
    pub customer_id: IdValue,
    /// CUSTOMER_ATTRIBUTE_ID.
    pub customer_attribute_id: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    #[serde(default)]
    pub attribute_type: String,
    /// Name (need not be unique).
    #[serde(default)]
    pub name: String,
    /// Value as text.
    #[serde(default)]
    pub value: String,
}

impl From<&CustomerAttribute> for CustomerAttributeCommons {
    fn from(a: &CustomerAttribute) -> Self {
        Self {
            bank_id: IdValue::new(a.bank_id.as_str()),
            customer_id: IdValue::new(&a.customer_id),
            customer_attribute_id: a.id.clone(),
            attribute_type: a.attribute_type.clone(),
            name: a.name.clone(),
            value: a.value.clone(),
        }
    }
}

impl TryFrom<CustomerAttributeCommons> for CustomerAttribute {
    type Error = InvalidMessage;
    fn try_from(a: CustomerAttributeCommons) -> Result<Self, InvalidMessage> {
        Ok(CustomerAttribute {
            id: a.customer_attribute_id,
            bank_id: bank_id("bankId", a.bank_id.value)?,
            customer_id: a.customer_id.value,
            name: a.name,
            attribute_type: attribute_type("attributeType", a.attribute_type)?,
            value: a.value,
        })
    }
}

/// `OutBoundGetCustomerAttributes`: a customer's attributes, ordered by name then id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetCustomerAttributes {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// CUSTOMER_ID.
    pub customer_id: IdValue,
}

/// `OutBoundGetCustomerAttributeById`; OBP-30069 when missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetCustomerAttributeById {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// CUSTOMER_ATTRIBUTE_ID.
    pub customer_attribute_id: String,
    /// *Extension*: only an attribute of this bank (any bank when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_id: Option<IdValue>,
}

/// `OutBoundCreateOrUpdateCustomerAttribute`: the attribute with the id is replaced, else
/// the attribute is added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateOrUpdateCustomerAttribute {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// CUSTOMER_ID.
    pub customer_id: IdValue,
    /// CUSTOMER_ATTRIBUTE_ID; the adapter chooses one when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_attribute_id: Option<String>,
    /// Name.
    pub name: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    pub attribute_type: String,
    /// Value as text.
    pub value: String,
}

impl OutBoundCreateOrUpdateCustomerAttribute {
    /// The message writing `a`.
    pub fn new(ctx: OutboundAdapterCallContext, a: &CustomerAttribute) -> Self {
        Self {
            outbound_adapter_call_context: ctx,
            bank_id: IdValue::new(a.bank_id.as_str()),
            customer_id: IdValue::new(&a.customer_id),
            customer_attribute_id: Some(a.id.clone()),
            name: a.name.clone(),
            attribute_type: a.attribute_type.clone(),
            value: a.value.clone(),
        }
    }

    /// The attribute the message asks for; `id` chooses the id when the message has none.
    pub fn to_commons(&self, id: impl FnOnce() -> String) -> CustomerAttributeCommons {
        CustomerAttributeCommons {
            bank_id: self.bank_id.clone(),
            customer_id: self.customer_id.clone(),
            customer_attribute_id: self
                .customer_attribute_id
                .clone()
                .filter(|i| !i.is_empty())
                .unwrap_or_else(id),
            attribute_type: self.attribute_type.clone(),
            name: self.name.clone(),
            value: self.value.clone(),
        }
    }
}

/// `OutBoundDeleteCustomerAttribute`: answered with `true`; OBP-30069 when missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundDeleteCustomerAttribute {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// CUSTOMER_ATTRIBUTE_ID.
    pub customer_attribute_id: String,
    /// *Extension*: only an attribute of this bank (any bank when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_id: Option<IdValue>,
}

// ------------------------------------------------------------------ KYC

/// OBP's `KycCheckCommons`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct KycCheckCommons {
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// KYC_CHECK_ID.
    pub id_kyc_check: String,
    /// Customer number as posted.
    #[serde(default)]
    pub customer_number: String,
    /// When the check was made, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    #[serde(default)]
    pub date: String,
    /// How it was made.
    #[serde(default)]
    pub how: String,
    /// The staff member's user id.
    #[serde(default)]
    pub staff_user_id: String,
    /// The staff member's name.
    #[serde(default)]
    pub staff_name: String,
    /// Whether the check was satisfied.
    #[serde(default)]
    pub satisfied: bool,
    /// Comments.
    #[serde(default)]
    pub comments: String,
}

impl From<&KycCheck> for KycCheckCommons {
    fn from(k: &KycCheck) -> Self {
        Self {
            bank_id: k.bank_id.as_str().to_owned(),
            customer_id: k.customer_id.clone(),
            id_kyc_check: k.id.clone(),
            customer_number: k.customer_number.clone(),
            date: format_date(k.date),
            how: k.how.clone(),
            staff_user_id: k.staff_user_id.clone(),
            staff_name: k.staff_name.clone(),
            satisfied: k.satisfied,
            comments: k.comments.clone(),
        }
    }
}

impl TryFrom<KycCheckCommons> for KycCheck {
    type Error = InvalidMessage;
    fn try_from(k: KycCheckCommons) -> Result<Self, InvalidMessage> {
        Ok(KycCheck {
            bank_id: bank_id("bankId", k.bank_id)?,
            customer_id: k.customer_id,
            id: k.id_kyc_check,
            customer_number: k.customer_number,
            date: parse_date("date", &k.date)?,
            how: k.how,
            staff_user_id: k.staff_user_id,
            staff_name: k.staff_name,
            satisfied: k.satisfied,
            comments: k.comments,
        })
    }
}

/// `OutBoundCreateOrUpdateKycCheck`: adds the check, or replaces the customer's check with
/// the same id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateOrUpdateKycCheck {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// KYC_CHECK_ID.
    pub id: String,
    /// Customer number as posted.
    pub customer_number: String,
    /// When the check was made, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    pub date: String,
    /// How it was made.
    pub how: String,
    /// The staff member's user id.
    pub staff_user_id: String,
    /// The staff member's name (OBP's field name).
    #[serde(rename = "mStaffName")]
    pub m_staff_name: String,
    /// Whether the check was satisfied (OBP's field name).
    #[serde(rename = "mSatisfied")]
    pub m_satisfied: bool,
    /// Comments.
    pub comments: String,
}

impl OutBoundCreateOrUpdateKycCheck {
    /// The message writing `k`.
    pub fn new(ctx: OutboundAdapterCallContext, k: &KycCheck) -> Self {
        let c = KycCheckCommons::from(k);
        Self {
            outbound_adapter_call_context: ctx,
            bank_id: c.bank_id,
            customer_id: c.customer_id,
            id: c.id_kyc_check,
            customer_number: c.customer_number,
            date: c.date,
            how: c.how,
            staff_user_id: c.staff_user_id,
            m_staff_name: c.staff_name,
            m_satisfied: c.satisfied,
            comments: c.comments,
        }
    }

    /// The check the message asks for.
    pub fn to_commons(&self) -> KycCheckCommons {
        KycCheckCommons {
            bank_id: self.bank_id.clone(),
            customer_id: self.customer_id.clone(),
            id_kyc_check: self.id.clone(),
            customer_number: self.customer_number.clone(),
            date: self.date.clone(),
            how: self.how.clone(),
            staff_user_id: self.staff_user_id.clone(),
            staff_name: self.m_staff_name.clone(),
            satisfied: self.m_satisfied,
            comments: self.comments.clone(),
        }
    }
}

/// OBP's `KycDocumentCommons`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct KycDocumentCommons {
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// KYC_DOCUMENT_ID.
    pub id_kyc_document: String,
    /// Customer number as posted.
    #[serde(default)]
    pub customer_number: String,
    /// Document type (e.g. `passport`).
    #[serde(rename = "type")]
    #[serde(default)]
    pub document_type: String,
    /// Document number.
    #[serde(default)]
    pub number: String,
    /// Issue date, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    #[serde(default)]
    pub issue_date: String,
    /// Place of issue.
    #[serde(default)]
    pub issue_place: String,
    /// Expiry date, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    #[serde(default)]
    pub expiry_date: String,
}

impl From<&KycDocument> for KycDocumentCommons {
    fn from(d: &KycDocument) -> Self {
        Self {
            bank_id: d.bank_id.as_str().to_owned(),
            customer_id: d.customer_id.clone(),
            id_kyc_document: d.id.clone(),
            customer_number: d.customer_number.clone(),
            document_type: d.document_type.clone(),
            number: d.number.clone(),
            issue_date: format_date(d.issue_date),
            issue_place: d.issue_place.clone(),
            expiry_date: format_date(d.expiry_date),
        }
    }
}

impl TryFrom<KycDocumentCommons> for KycDocument {
    type Error = InvalidMessage;
    fn try_from(d: KycDocumentCommons) -> Result<Self, InvalidMessage> {
        Ok(KycDocument {
            bank_id: bank_id("bankId", d.bank_id)?,
            customer_id: d.customer_id,
            id: d.id_kyc_document,
            customer_number: d.customer_number,
            document_type: d.document_type,
            number: d.number,
            issue_date: parse_date("issueDate", &d.issue_date)?,
            issue_place: d.issue_place,
            expiry_date: parse_date("expiryDate", &d.expiry_date)?,
        })
    }
}

/// `OutBoundCreateOrUpdateKycDocument`: adds the document, or replaces the customer's
/// document with the same id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateOrUpdateKycDocument {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// KYC_DOCUMENT_ID.
    pub id: String,
    /// Customer number as posted.
    pub customer_number: String,
    /// Document type (e.g. `passport`).
    #[serde(rename = "type")]
    pub document_type: String,
    /// Document number.
    pub number: String,
    /// Issue date, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    pub issue_date: String,
    /// Place of issue.
    pub issue_place: String,
    /// Expiry date, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    pub expiry_date: String,
}

impl OutBoundCreateOrUpdateKycDocument {
    /// The message writing `d`.
    pub fn new(ctx: OutboundAdapterCallContext, d: &KycDocument) -> Self {
        let c = KycDocumentCommons::from(d);
        Self {
            outbound_adapter_call_context: ctx,
            bank_id: c.bank_id,
            customer_id: c.customer_id,
            id: c.id_kyc_document,
            customer_number: c.customer_number,
            document_type: c.document_type,
            number: c.number,
            issue_date: c.issue_date,
            issue_place: c.issue_place,
            expiry_date: c.expiry_date,
        }
    }

    /// The document the message asks for.
    pub fn to_commons(&self) -> KycDocumentCommons {
        KycDocumentCommons {
            bank_id: self.bank_id.clone(),
            customer_id: self.customer_id.clone(),
            id_kyc_document: self.id.clone(),
            customer_number: self.customer_number.clone(),
            document_type: self.document_type.clone(),
            number: self.number.clone(),
            issue_date: self.issue_date.clone(),
            issue_place: self.issue_place.clone(),
            expiry_date: self.expiry_date.clone(),
        }
    }
}

/// OBP's `KycMediaCommons`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct KycMediaCommons {
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// KYC_MEDIA_ID.
    pub id_kyc_media: String,
    /// Customer number as posted.
    #[serde(default)]
    pub customer_number: String,
    /// Media type (e.g. `image`).
    #[serde(rename = "type")]
    #[serde(default)]
    pub media_type: String,
    /// Where the media is.
    #[serde(default)]
    pub url: String,
    /// When it was taken, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    #[serde(default)]
    pub date: String,
    /// The KYC document it relates to.
    #[serde(default)]
    pub relates_to_kyc_document_id: String,
    /// The KYC check it relates to.
    #[serde(default)]
    pub relates_to_kyc_check_id: String,
}

impl From<&KycMedia> for KycMediaCommons {
    fn from(m: &KycMedia) -> Self {
        Self {
            bank_id: m.bank_id.as_str().to_owned(),
            customer_id: m.customer_id.clone(),
            id_kyc_media: m.id.clone(),
            customer_number: m.customer_number.clone(),
            media_type: m.media_type.clone(),
            url: m.url.clone(),
            date: format_date(m.date),
            relates_to_kyc_document_id: m.relates_to_kyc_document_id.clone(),
            relates_to_kyc_check_id: m.relates_to_kyc_check_id.clone(),
        }
    }
}

impl TryFrom<KycMediaCommons> for KycMedia {
    type Error = InvalidMessage;
    fn try_from(m: KycMediaCommons) -> Result<Self, InvalidMessage> {
        Ok(KycMedia {
            bank_id: bank_id("bankId", m.bank_id)?,
            customer_id: m.customer_id,
            id: m.id_kyc_media,
            customer_number: m.customer_number,
            media_type: m.media_type,
            url: m.url,
            date: parse_date("date", &m.date)?,
            relates_to_kyc_document_id: m.relates_to_kyc_document_id,
            relates_to_kyc_check_id: m.relates_to_kyc_check_id,
        })
    }
}

/// `OutBoundCreateOrUpdateKycMedia`: adds the media item, or replaces the customer's item
/// with the same id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateOrUpdateKycMedia {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// KYC_MEDIA_ID.
    pub id: String,
    /// Customer number as posted.
    pub customer_number: String,
    /// Media type (e.g. `image`).
    #[serde(rename = "type")]
    pub media_type: String,
    /// Where the media is.
    pub url: String,
    /// When it was taken, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    pub date: String,
    /// The KYC document it relates to.
    pub relates_to_kyc_document_id: String,
    /// The KYC check it relates to.
    pub relates_to_kyc_check_id: String,
}

impl OutBoundCreateOrUpdateKycMedia {
    /// The message writing `m`.
    pub fn new(ctx: OutboundAdapterCallContext, m: &KycMedia) -> Self {
        let c = KycMediaCommons::from(m);
        Self {
            outbound_adapter_call_context: ctx,
            bank_id: c.bank_id,
            customer_id: c.customer_id,
            id: c.id_kyc_media,
            customer_number: c.customer_number,
            media_type: c.media_type,
            url: c.url,
            date: c.date,
            relates_to_kyc_document_id: c.relates_to_kyc_document_id,
            relates_to_kyc_check_id: c.relates_to_kyc_check_id,
        }
    }

    /// The media item the message asks for.
    pub fn to_commons(&self) -> KycMediaCommons {
        KycMediaCommons {
            bank_id: self.bank_id.clone(),
            customer_id: self.customer_id.clone(),
            id_kyc_media: self.id.clone(),
            customer_number: self.customer_number.clone(),
            media_type: self.media_type.clone(),
            url: self.url.clone(),
            date: self.date.clone(),
            relates_to_kyc_document_id: self.relates_to_kyc_document_id.clone(),
            relates_to_kyc_check_id: self.relates_to_kyc_check_id.clone(),
        }
    }
}

/// OBP's `KycStatusCommons`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct KycStatusCommons {
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// Customer number as posted.
    #[serde(default)]
    pub customer_number: String,
    /// Whether the customer passed KYC.
    #[serde(default)]
    pub ok: bool,
    /// From when the status holds, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    #[serde(default)]
    pub date: String,
}

impl From<&KycStatus> for KycStatusCommons {
    fn from(s: &KycStatus) -> Self {
        Self {
            bank_id: s.bank_id.as_str().to_owned(),
            customer_id: s.customer_id.clone(),
            customer_number: s.customer_number.clone(),
            ok: s.ok,
            date: format_date(s.date),
        }
    }
}

impl TryFrom<KycStatusCommons> for KycStatus {
    type Error = InvalidMessage;
    fn try_from(s: KycStatusCommons) -> Result<Self, InvalidMessage> {
        Ok(KycStatus {
            bank_id: bank_id("bankId", s.bank_id)?,
            customer_id: s.customer_id,
            customer_number: s.customer_number,
            ok: s.ok,
            date: parse_date("date", &s.date)?,
        })
    }
}

/// `OutBoundCreateOrUpdateKycStatus`: adds the status to the customer's timeline; a status
/// for the same date is replaced (one status per customer and date).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateOrUpdateKycStatus {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// Customer number as posted.
    pub customer_number: String,
    /// Whether the customer passed KYC.
    pub ok: bool,
    /// From when the status holds, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    pub date: String,
}

impl OutBoundCreateOrUpdateKycStatus {
    /// The message writing `s`.
    pub fn new(ctx: OutboundAdapterCallContext, s: &KycStatus) -> Self {
        let c = KycStatusCommons::from(s);
        Self {
            outbound_adapter_call_context: ctx,
            bank_id: c.bank_id,
            customer_id: c.customer_id,
            customer_number: c.customer_number,
            ok: c.ok,
            date: c.date,
        }
    }

    /// The status the message asks for.
    pub fn to_commons(&self) -> KycStatusCommons {
        KycStatusCommons {
            bank_id: self.bank_id.clone(),
            customer_id: self.customer_id.clone(),
            customer_number: self.customer_number.clone(),
            ok: self.ok,
            date: self.date.clone(),
        }
    }
}

/// `OutBoundGetKycChecks` (also the shape of `OutBoundGetKycDocuments`,
/// `OutBoundGetKycMedias` and `OutBoundGetKycStatuses`): a customer's KYC records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetKycChecks {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// CUSTOMER_ID.
    pub customer_id: String,
}

/// `OutBoundGetKycDocuments`: the customer's documents, most recently written first.
pub type OutBoundGetKycDocuments = OutBoundGetKycChecks;
/// `OutBoundGetKycMedias`: the customer's media, most recently written first.
pub type OutBoundGetKycMedias = OutBoundGetKycChecks;
/// `OutBoundGetKycStatuses`: the customer's status timeline, newest date first.
pub type OutBoundGetKycStatuses = OutBoundGetKycChecks;

/// `InBoundGetAccountAttributesByAccount`.
pub type InBoundGetAccountAttributesByAccount = InBound<Vec<AccountAttributeCommons>>;
/// `InBoundGetTransactionAttributes`.
pub type InBoundGetTransactionAttributes = InBound<Vec<TransactionAttributeCommons>>;
/// `InBoundGetCustomerAttributes`.
pub type InBoundGetCustomerAttributes = InBound<Vec<CustomerAttributeCommons>>;
/// `InBoundGetKycChecks`.
pub type InBoundGetKycChecks = InBound<Vec<KycCheckCommons>>;
/// `InBoundGetKycDocuments`.
pub type InBoundGetKycDocuments = InBound<Vec<KycDocumentCommons>>;
/// `InBoundGetKycMedias`.
pub type InBoundGetKycMedias = InBound<Vec<KycMediaCommons>>;
/// `InBoundGetKycStatuses`.
pub type InBoundGetKycStatuses = InBound<Vec<KycStatusCommons>>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Money;
    use chrono::{DateTime, Utc};
    use serde_json::json;

    fn at(s: &str) -> DateTime<Utc> {
        parse_date("d", s).unwrap()
    }

    fn ctx() -> OutboundAdapterCallContext {
        OutboundAdapterCallContext {
            correlation_id: "c1".into(),
            ..OutboundAdapterCallContext::default()
        }
    }

    fn b1() -> BankId {
        BankId::parse("b1").unwrap()
    }

    /// Serialises `m` and reads it back, as the adapter does.
    fn wire<T: Serialize + serde::de::DeserializeOwned>(m: &T) -> T {
        serde_json::from_value(serde_json::to_value(m).unwrap()).unwrap()
    }

    #[test]
    fn customer_updates_round_trip() {
        let sca = CustomerUpdate {
            number: Some("N2".into()),
            email: Some("e@x".into()),
            ..CustomerUpdate::default()
        };
        let m = wire(&OutBoundUpdateCustomerScaData::new(ctx(), "c1", &sca));
        let v = serde_json::to_value(&m).unwrap();
        assert_eq!(v["customerNumber"], "N2");
        assert!(
            v.get("mobileNumber").is_none(),
            "absent options are omitted"
        );
        assert_eq!(CustomerUpdate::try_from(m).unwrap(), sca);

        let credit = CustomerUpdate {
            credit_rating: Some(CreditRating {
                rating: "A".into(),
                source: "OBP".into(),
            }),
            credit_limit: Some(Money::parse_with_code("100.50", "EUR").unwrap()),
            ..CustomerUpdate::default()
        };
        let m = wire(&OutBoundUpdateCustomerCreditData::new(ctx(), "c1", &credit));
        assert_eq!(
            serde_json::to_value(&m).unwrap()["creditLimit"],
            json!({"currency": "EUR", "amount": "100.50"})
        );
        assert_eq!(m.to_update(&CreditRating::default()).unwrap(), credit);
        // A lone source keeps the current rating.
        let lone = OutBoundUpdateCustomerCreditData {
            credit_rating: None,
            credit_limit: None,
            ..m
        };
        let current = CreditRating {
            rating: "B".into(),
            source: "X".into(),
        };
        assert_eq!(
            lone.to_update(&current).unwrap().credit_rating,
            Some(CreditRating {
                rating: "B".into(),
                source: "OBP".into()
            })
        );

        let general = CustomerUpdate {
            legal_name: Some("Ann".into()),
            date_of_birth: Some(at("1990-01-02T00:00:00Z")),
            face_image: Some(FaceImage {
                url: "https://f".into(),
                date: Some(at("2020-01-02T00:00:00Z")),
            }),
            dependants: Some(2),
            branch_id: Some("br".into()),
            name_suffix: Some(String::new()),
            ..CustomerUpdate::default()
        };
        let m = wire(&OutBoundUpdateCustomerGeneralData::new(
            ctx(),
            "c1",
            &general,
        ));
        assert_eq!(serde_json::to_value(&m).unwrap()["dependents"], 2);
        assert_eq!(CustomerUpdate::try_from(m).unwrap(), general);
    }

    #[test]
    fn malformed_customer_updates_are_refused() {
        let mut m = OutBoundUpdateCustomerGeneralData::new(ctx(), "c1", &CustomerUpdate::default());
        m.date_of_birth = Some("yesterday".into());
        assert_eq!(
            CustomerUpdate::try_from(m).unwrap_err().field,
            "dateOfBirth"
        );
        let mut m = OutBoundUpdateCustomerCreditData::new(ctx(), "c1", &CustomerUpdate::default());
        m.credit_limit = Some(AmountOfMoney {
            currency: "EUR".into(),
            amount: "ten".into(),
        });
        assert!(m.to_update(&CreditRating::default()).is_err());
    }

    #[test]
    fn attributes_round_trip_with_obp_shapes() {
        let acc = AccountAttribute {
            id: "aa1".into(),
            bank_id: b1(),
            account_id: AccountId::parse("a1").unwrap(),
            product_code: "CURRENT".into(),
            name: "OVERDRAFT_START_DATE".into(),
            attribute_type: "DATE_WITH_DAY".into(),
            value: "2012-04-23".into(),
            product_instance_code: None,
        };
        let out = wire(&OutBoundCreateOrUpdateAccountAttribute::new(ctx(), &acc));
        let v = serde_json::to_value(&out).unwrap();
        assert_eq!(v["productCode"], json!({"value": "CURRENT"}));
        assert_eq!(v["productAttributeId"], "aa1");
        assert_eq!(v["accountAttributeType"], "DATE_WITH_DAY");
        let commons = wire(&out.to_commons(String::new));
        assert_eq!(
            serde_json::to_value(&commons).unwrap()["accountAttributeId"],
            "aa1"
        );
        assert_eq!(AccountAttribute::try_from(commons).unwrap(), acc);
        let with_instance = AccountAttribute {
            product_instance_code: Some("PI-1".into()),
            ..acc
        };
        let c = wire(&AccountAttributeCommons::from(&with_instance));
        assert_eq!(AccountAttribute::try_from(c).unwrap(), with_instance);

        let tx = TransactionAttribute {
            id: "ta1".into(),
            bank_id: b1(),
            transaction_id: "t1".into(),
            name: "TAG".into(),
            attribute_type: "STRING".into(),
            value: "rent".into(),
        };
        let out = wire(&OutBoundCreateOrUpdateTransactionAttribute::new(ctx(), &tx));
        assert_eq!(
            serde_json::to_value(&out).unwrap()["transactionId"],
            json!({"value": "t1"})
        );
        let c = wire(&out.to_commons(String::new));
        assert_eq!(TransactionAttribute::try_from(c).unwrap(), tx);

        let cu = CustomerAttribute {
            id: "ca1".into(),
            bank_id: b1(),
            customer_id: "c1".into(),
            name: "SPECIAL_TAX_NUMBER".into(),
            attribute_type: "INTEGER".into(),
            value: "123".into(),
        };
        let out = wire(&OutBoundCreateOrUpdateCustomerAttribute::new(ctx(), &cu));
        assert_eq!(
            serde_json::to_value(&out).unwrap()["customerId"],
            json!({"value": "c1"})
        );
        let c = wire(&out.to_commons(String::new));
        assert_eq!(CustomerAttribute::try_from(c).unwrap(), cu);
        // Without an id, the adapter chooses one.
        let no_id = OutBoundCreateOrUpdateCustomerAttribute {
            customer_attribute_id: None,
            ..out
        };
        assert_eq!(
            no_id.to_commons(|| "new".into()).customer_attribute_id,
            "new"
        );
    }

    #[test]
    fn malformed_attributes_are_refused() {
        let c = CustomerAttributeCommons {
            bank_id: IdValue::new("b1"),
            customer_id: IdValue::new("c1"),
            customer_attribute_id: "ca1".into(),
            attribute_type: "COLOUR".into(),
            name: "n".into(),
            value: "red".into(),
        };
        assert_eq!(
            CustomerAttribute::try_from(c.clone()).unwrap_err().field,
            "attributeType"
        );
        let c = CustomerAttributeCommons {
            bank_id: IdValue::new(""),
            attribute_type: "STRING".into(),
            ..c
        };
        assert_eq!(CustomerAttribute::try_from(c).unwrap_err().field, "bankId");
        let t: Result<TransactionAttributeCommons, _> = serde_json::from_value(json!({
            "bankId": "b1", "transactionId": {"value": "t1"}, "transactionAttributeId": "x",
            "attributeType": "STRING", "name": "n", "value": "v"}));
        assert!(t.is_err(), "ids are objects");
    }

    #[test]
    fn kyc_records_round_trip_with_obp_shapes() {
        let check = KycCheck {
            bank_id: b1(),
            customer_id: "c1".into(),
            id: "k1".into(),
            customer_number: "N1".into(),
            date: at("2024-01-02T03:04:05Z"),
            how: "online_meeting".into(),
            staff_user_id: "u1".into(),
            staff_name: "Staff".into(),
            satisfied: true,
            comments: "ok".into(),
        };
        let out = wire(&OutBoundCreateOrUpdateKycCheck::new(ctx(), &check));
        let v = serde_json::to_value(&out).unwrap();
        assert_eq!(v["mStaffName"], "Staff");
        assert_eq!(v["mSatisfied"], true);
        assert_eq!(v["date"], "2024-01-02T03:04:05Z");
        let c = wire(&out.to_commons());
        assert_eq!(serde_json::to_value(&c).unwrap()["idKycCheck"], "k1");
        assert_eq!(KycCheck::try_from(c).unwrap(), check);

        let doc = KycDocument {
            bank_id: b1(),
            customer_id: "c1".into(),
            id: "d1".into(),
            customer_number: "N1".into(),
            document_type: "passport".into(),
            number: "P123".into(),
            issue_date: at("2020-01-01T00:00:00Z"),
            issue_place: "London".into(),
            expiry_date: at("2030-01-01T00:00:00Z"),
        };
        let out = wire(&OutBoundCreateOrUpdateKycDocument::new(ctx(), &doc));
        assert_eq!(serde_json::to_value(&out).unwrap()["type"], "passport");
        assert_eq!(KycDocument::try_from(wire(&out.to_commons())).unwrap(), doc);

        let media = KycMedia {
            bank_id: b1(),
            customer_id: "c1".into(),
            id: "m1".into(),
            customer_number: "N1".into(),
            media_type: "image".into(),
            url: "https://m".into(),
            date: at("2024-01-02T00:00:00Z"),
            relates_to_kyc_document_id: "d1".into(),
            relates_to_kyc_check_id: "k1".into(),
        };
        let out = wire(&OutBoundCreateOrUpdateKycMedia::new(ctx(), &media));
        let c = wire(&out.to_commons());
        assert_eq!(serde_json::to_value(&c).unwrap()["idKycMedia"], "m1");
        assert_eq!(KycMedia::try_from(c).unwrap(), media);

        let status = KycStatus {
            bank_id: b1(),
            customer_id: "c1".into(),
            customer_number: "N1".into(),
            ok: false,
            date: at("2024-01-02T00:00:00Z"),
        };
        let out = wire(&OutBoundCreateOrUpdateKycStatus::new(ctx(), &status));
        assert_eq!(
            KycStatus::try_from(wire(&out.to_commons())).unwrap(),
            status
        );
    }

    #[test]
    fn malformed_kyc_records_are_refused() {
        let mut c = KycStatusCommons {
            bank_id: "b1".into(),
            customer_id: "c1".into(),
            customer_number: "N1".into(),
            ok: true,
            date: "2024-13-01".into(),
        };
        assert_eq!(KycStatus::try_from(c.clone()).unwrap_err().field, "date");
        c.date = "2024-01-01T00:00:00Z".into();
        c.bank_id = String::new();
        assert_eq!(KycStatus::try_from(c).unwrap_err().field, "bankId");
    }

    #[test]
    fn routing_and_extension_messages_have_our_shapes() {
        let r = Routing {
            scheme: "IBAN".into(),
            address: "DE89370400440532013000".into(),
        };
        let out = wire(&OutBoundUpdateBankAccountRoutings::new(
            ctx(),
            &b1(),
            &AccountId::parse("a1").unwrap(),
            std::slice::from_ref(&r),
        ));
        let v = serde_json::to_value(&out).unwrap();
        assert_eq!(v["accountId"], json!({"value": "a1"}));
        assert_eq!(v["accountRoutings"][0]["scheme"], "IBAN");
        assert_eq!(out.routings(), vec![r]);
        let del = OutBoundDeleteCounterpartyByCounterpartyId {
            outbound_adapter_call_context: ctx(),
            bank_id: IdValue::new("b1"),
            counterparty_id: IdValue::new("cp1"),
        };
        assert_eq!(
            serde_json::to_value(&del).unwrap()["counterpartyId"],
            json!({"value": "cp1"})
        );
    }
}
