//! Messages and data for customers (updates, attributes, KYC), account and transaction
//! attributes, account routings and counterparty deletion (`JsonsTransfer.scala`,
//! `CommonModel.scala`), with OBP's spellings (`mStaffName`, `idKycCheck`, `type`, the
//! account attribute's id sent as `productAttributeId`).

use serde::{Deserialize, Serialize};

use super::commons::{AccountRouting, AmountOfMoney, CustomerFaceImage};
use super::{Date, Id, OutboundAdapterCallContext};

/// `OutBoundGetCustomersAtAllBanks` *(extension: OBP's `getCustomersAtAllBanks` has no
/// case class)*: a page of every bank's customers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetCustomersAtAllBanks {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// Page size.
    pub limit: i64,
    /// Items to skip.
    pub offset: i64,
    /// Lower date bound (not used).
    pub from_date: String,
    /// Upper date bound (not used).
    pub to_date: String,
}

/// `OutBoundUpdateCustomerScaData` (line 660).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundUpdateCustomerScaData {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// New mobile number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_number: Option<String>,
    /// New email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// New customer number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_number: Option<String>,
}

/// `OutBoundUpdateCustomerCreditData` (line 653).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

/// `OutBoundUpdateCustomerGeneralData` (line 638).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// New date of birth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<Date>,
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

/// `OutBoundUpdateBankAccountRoutings` *(extension, after OBP's `OutBoundUpdateBankAccount`)*:
/// adds or replaces (per scheme) routings of an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundUpdateBankAccountRoutings {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: Id,
    /// ACCOUNT_ID.
    pub account_id: Id,
    /// The routings.
    pub account_routings: Vec<AccountRouting>,
}

/// `OutBoundDeleteCounterpartyByCounterpartyId` *(extension: OBP's connector method, no
/// case class)*.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundDeleteCounterpartyByCounterpartyId {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID of the counterparty's account.
    pub bank_id: Id,
    /// COUNTERPARTY_ID.
    pub counterparty_id: Id,
}

// ------------------------------------------------------------------ account attributes

/// `AccountAttributeCommons` (`CommonModel.scala` line 87).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountAttributeCommons {
    /// BANK_ID.
    pub bank_id: Id,
    /// ACCOUNT_ID.
    pub account_id: Id,
    /// PRODUCT_CODE.
    pub product_code: Id,
    /// ACCOUNT_ATTRIBUTE_ID.
    pub account_attribute_id: String,
    /// Name.
    pub name: String,
    /// Type.
    pub attribute_type: String,
    /// Value.
    pub value: String,
    /// Product instance code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_instance_code: Option<String>,
}

/// `OutBoundGetAccountAttributesByAccount` (line 588).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetAccountAttributesByAccount {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: Id,
    /// ACCOUNT_ID.
    pub account_id: Id,
}

/// `OutBoundGetAccountAttributeById` (line 604).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetAccountAttributeById {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// ACCOUNT_ATTRIBUTE_ID.
    pub account_attribute_id: String,
    /// *Extension*: only an attribute of this bank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_id: Option<Id>,
}

/// `OutBoundCreateOrUpdateAccountAttribute` (line 402).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateOrUpdateAccountAttribute {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: Id,
    /// ACCOUNT_ID.
    pub account_id: Id,
    /// PRODUCT_CODE.
    pub product_code: Id,
    /// The ACCOUNT_ATTRIBUTE_ID (OBP's field name); the adapter picks one when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_attribute_id: Option<String>,
    /// Name.
    pub name: String,
    /// Type.
    pub account_attribute_type: String,
    /// Value.
    pub value: String,
    /// Product instance code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_instance_code: Option<String>,
}

// ------------------------------------------------------------------ transaction attributes

/// `TransactionAttributeCommons` (`CommonModel.scala` line 504).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransactionAttributeCommons {
    /// BANK_ID.
    pub bank_id: Id,
    /// TRANSACTION_ID.
    pub transaction_id: Id,
    /// TRANSACTION_ATTRIBUTE_ID.
    pub transaction_attribute_id: String,
    /// Type.
    pub attribute_type: String,
    /// Name.
    pub name: String,
    /// Value.
    pub value: String,
}

/// `OutBoundGetTransactionAttributes` (line 1350).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetTransactionAttributes {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: Id,
    /// TRANSACTION_ID.
    pub transaction_id: Id,
}

/// `OutBoundGetTransactionAttributeById` (line 1327).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetTransactionAttributeById {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// TRANSACTION_ATTRIBUTE_ID.
    pub transaction_attribute_id: String,
    /// *Extension*: only an attribute of this bank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_id: Option<Id>,
}

/// `OutBoundCreateOrUpdateTransactionAttribute` (line 1334).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateOrUpdateTransactionAttribute {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: Id,
    /// TRANSACTION_ID.
    pub transaction_id: Id,
    /// TRANSACTION_ATTRIBUTE_ID (the adapter picks one when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_attribute_id: Option<String>,
    /// Name.
    pub name: String,
    /// Type.
    pub attribute_type: String,
    /// Value.
    pub value: String,
}

// ------------------------------------------------------------------ customer attributes

/// `CustomerAttributeCommons` (`CommonModel.scala` line 494).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerAttributeCommons {
    /// BANK_ID.
    pub bank_id: Id,
    /// CUSTOMER_ID.
    pub customer_id: Id,
    /// CUSTOMER_ATTRIBUTE_ID.
    pub customer_attribute_id: String,
    /// Type.
    pub attribute_type: String,
    /// Name.
    pub name: String,
    /// Value.
    pub value: String,
}

/// `OutBoundGetCustomerAttributes` (line 1337).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetCustomerAttributes {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: Id,
    /// CUSTOMER_ID.
    pub customer_id: Id,
}

/// `OutBoundGetCustomerAttributeById` (line 1353) and `OutBoundDeleteCustomerAttribute`
/// (line 1359).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCustomerAttributeById {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// CUSTOMER_ATTRIBUTE_ID.
    pub customer_attribute_id: String,
    /// *Extension*: only an attribute of this bank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_id: Option<Id>,
}

/// `OutBoundCreateOrUpdateCustomerAttribute` (line 1330).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateOrUpdateCustomerAttribute {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: Id,
    /// CUSTOMER_ID.
    pub customer_id: Id,
    /// CUSTOMER_ATTRIBUTE_ID (the adapter picks one when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_attribute_id: Option<String>,
    /// Name.
    pub name: String,
    /// Type.
    pub attribute_type: String,
    /// Value.
    pub value: String,
}

// ------------------------------------------------------------------ KYC

/// `KycCheckCommons` (`CommonModel.scala` line 431).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KycCheckCommons {
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// KYC_CHECK_ID.
    pub id_kyc_check: String,
    /// Customer number.
    pub customer_number: String,
    /// When.
    pub date: Date,
    /// How.
    pub how: String,
    /// Staff member's USER_ID.
    pub staff_user_id: String,
    /// Staff member's name.
    pub staff_name: String,
    /// Satisfied.
    pub satisfied: bool,
    /// Comments.
    pub comments: String,
}

/// `OutBoundCreateOrUpdateKycCheck` (line 763).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Customer number.
    pub customer_number: String,
    /// When.
    pub date: Date,
    /// How.
    pub how: String,
    /// Staff member's USER_ID.
    pub staff_user_id: String,
    /// Staff member's name (OBP's field name).
    #[serde(rename = "mStaffName")]
    pub m_staff_name: String,
    /// Satisfied (OBP's field name).
    #[serde(rename = "mSatisfied")]
    pub m_satisfied: bool,
    /// Comments.
    pub comments: String,
}

/// `KycDocumentCommons` (`CommonModel.scala` line 446).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KycDocumentCommons {
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// KYC_DOCUMENT_ID.
    pub id_kyc_document: String,
    /// Customer number.
    pub customer_number: String,
    /// Type.
    #[serde(rename = "type")]
    pub document_type: String,
    /// Number.
    pub number: String,
    /// Issue date.
    pub issue_date: Date,
    /// Place of issue.
    pub issue_place: String,
    /// Expiry date.
    pub expiry_date: Date,
}

/// `OutBoundCreateOrUpdateKycDocument` (line 777).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Customer number.
    pub customer_number: String,
    /// Type.
    #[serde(rename = "type")]
    pub document_type: String,
    /// Number.
    pub number: String,
    /// Issue date.
    pub issue_date: Date,
    /// Place of issue.
    pub issue_place: String,
    /// Expiry date.
    pub expiry_date: Date,
}

/// `KycMediaCommons` (`CommonModel.scala` line 460).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KycMediaCommons {
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// KYC_MEDIA_ID.
    pub id_kyc_media: String,
    /// Customer number.
    pub customer_number: String,
    /// Type.
    #[serde(rename = "type")]
    pub media_type: String,
    /// URL.
    pub url: String,
    /// When.
    pub date: Date,
    /// Related KYC document.
    pub relates_to_kyc_document_id: String,
    /// Related KYC check.
    pub relates_to_kyc_check_id: String,
}

/// `OutBoundCreateOrUpdateKycMedia` (line 790).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Customer number.
    pub customer_number: String,
    /// Type.
    #[serde(rename = "type")]
    pub media_type: String,
    /// URL.
    pub url: String,
    /// When.
    pub date: Date,
    /// Related KYC document.
    pub relates_to_kyc_document_id: String,
    /// Related KYC check.
    pub relates_to_kyc_check_id: String,
}

/// `KycStatusCommons` (`CommonModel.scala` line 474).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KycStatusCommons {
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// Customer number.
    pub customer_number: String,
    /// Passed.
    pub ok: bool,
    /// From when.
    pub date: Date,
}

/// `OutBoundCreateOrUpdateKycStatus` (line 803).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateOrUpdateKycStatus {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// Customer number.
    pub customer_number: String,
    /// Passed.
    pub ok: bool,
    /// From when.
    pub date: Date,
}

/// `OutBoundGetKycChecks` (line 812), `OutBoundGetKycDocuments` (817),
/// `OutBoundGetKycMedias` (822), `OutBoundGetKycStatuses` (827): a customer's records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetKycRecords {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// CUSTOMER_ID.
    pub customer_id: String,
}
