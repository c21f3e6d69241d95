//! Messages and data for banks, bank attributes, branches, ATMs, products (with attributes)
//! and physical cards: OBP's `BranchTCommons`, `AtmTCommons`, `ProductCommons`,
//! `ProductAttributeCommons`, `PhysicalCard` and their parts (`Address`, `Location`, `Meta`,
//! `Lobby`, `DriveUp`, ...; `CommonModelTrait.scala`, `PhysicalCardModel.scala`).
//!
//! Fields beyond OBP's (marked *Extension*) are the platform's: `otherFields` carries the
//! details OBP has no field for, and the `product` / `card` extensions carry the record as the
//! platform holds it (their values as the platform's API JSON, per its message docs).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::commons::{BankAccountCommons, BankCommons, User};
use super::{Date, Id, OutboundAdapterCallContext, QueryDate};

// ------------------------------------------------------------------ banks

/// `OutBoundCreateOrUpdateBank` (line 1269, a legacy message without call context).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateOrUpdateBank {
    /// *Extension*: the call context (OBP's legacy message has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outbound_adapter_call_context: Option<OutboundAdapterCallContext>,
    /// BANK_ID.
    pub bank_id: String,
    /// Full name.
    pub full_bank_name: String,
    /// Short name.
    pub short_bank_name: String,
    /// Logo URL.
    #[serde(rename = "logoURL")]
    pub logo_url: String,
    /// Website URL.
    #[serde(rename = "websiteURL")]
    pub website_url: String,
    /// SWIFT BIC.
    #[serde(rename = "swiftBIC")]
    pub swift_bic: String,
    /// National identifier (OBP's spelling).
    #[serde(rename = "national_identifier")]
    pub national_identifier: String,
    /// Routing scheme.
    pub bank_routing_scheme: String,
    /// Routing address.
    pub bank_routing_address: String,
}

/// `OutBoundUpdateBank` *(extension)*: replaces an existing bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundUpdateBank {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The bank as it should be.
    pub bank: BankCommons,
}

/// OBP's `BankAttributeTrait` as a value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BankAttribute {
    /// BANK_ID.
    pub bank_id: Id,
    /// BANK_ATTRIBUTE_ID.
    pub bank_attribute_id: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    pub attribute_type: String,
    /// Name.
    pub name: String,
    /// Value.
    pub value: String,
    /// Whether it is active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
}

/// `OutBoundGetBankAttributesByBank` *(extension: OBP's connector method, no case class)*.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetBankAttributesByBank {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID (OBP's parameter name).
    pub bank: Id,
}

/// `OutBoundGetBankAttributeById` and `OutBoundDeleteBankAttribute` *(extensions: OBP's
/// connector methods, no case class)*.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundBankAttributeById {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ATTRIBUTE_ID.
    pub bank_attribute_id: String,
    /// Only an attribute of this bank, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_id: Option<Id>,
}

/// `OutBoundCreateOrUpdateBankAttribute` *(extension: OBP's connector method, no case
/// class)*.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateOrUpdateBankAttribute {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: Id,
    /// BANK_ATTRIBUTE_ID (the adapter picks one when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_attribute_id: Option<String>,
    /// Name.
    pub name: String,
    /// Type.
    pub bank_attribute_type: String,
    /// Value.
    pub value: String,
    /// Whether it is active (active when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
}

// ------------------------------------------------------------------ branches and ATMs

/// `Address`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    /// Line 1.
    pub line1: String,
    /// Line 2.
    pub line2: String,
    /// Line 3.
    pub line3: String,
    /// City.
    pub city: String,
    /// County.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county: Option<String>,
    /// State.
    pub state: String,
    /// Post code.
    pub post_code: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country_code: String,
}

/// `BasicResourceUser`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BasicResourceUser {
    /// USER_ID.
    pub user_id: String,
    /// Provider.
    pub provider: String,
    /// Username.
    pub username: String,
}

/// `Location`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// Latitude.
    pub latitude: f64,
    /// Longitude.
    pub longitude: f64,
    /// When it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Who recorded it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<BasicResourceUser>,
}

/// `License`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct License {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
}

/// `Meta`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// The data's licence.
    pub license: License,
}

/// `Routing`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Routing {
    /// Scheme.
    pub scheme: String,
    /// Address.
    pub address: String,
}

/// `OpeningTimes`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpeningTimes {
    /// Opening time.
    pub opening_time: String,
    /// Closing time.
    pub closing_time: String,
}

/// `Lobby`: opening times per day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lobby {
    /// Monday.
    pub monday: Vec<OpeningTimes>,
    /// Tuesday.
    pub tuesday: Vec<OpeningTimes>,
    /// Wednesday.
    pub wednesday: Vec<OpeningTimes>,
    /// Thursday.
    pub thursday: Vec<OpeningTimes>,
    /// Friday.
    pub friday: Vec<OpeningTimes>,
    /// Saturday.
    pub saturday: Vec<OpeningTimes>,
    /// Sunday.
    pub sunday: Vec<OpeningTimes>,
}

/// `DriveUp`: opening times per day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DriveUp {
    /// Monday.
    pub monday: OpeningTimes,
    /// Tuesday.
    pub tuesday: OpeningTimes,
    /// Wednesday.
    pub wednesday: OpeningTimes,
    /// Thursday.
    pub thursday: OpeningTimes,
    /// Friday.
    pub friday: OpeningTimes,
    /// Saturday.
    pub saturday: OpeningTimes,
    /// Sunday.
    pub sunday: OpeningTimes,
}

/// `LobbyString` / `DriveUpString` (deprecated in OBP): free-text hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hours {
    /// The hours.
    pub hours: String,
}

/// `BranchTCommons` (`CommonModel.scala` line 335).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BranchTCommons {
    /// BRANCH_ID.
    pub branch_id: Id,
    /// BANK_ID.
    pub bank_id: Id,
    /// Name.
    pub name: String,
    /// Address.
    pub address: Address,
    /// Location.
    pub location: Location,
    /// Lobby hours as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lobby_string: Option<Hours>,
    /// Drive-up hours as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drive_up_string: Option<Hours>,
    /// Licence of the data.
    pub meta: Meta,
    /// Routing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch_routing: Option<Routing>,
    /// Lobby hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lobby: Option<Lobby>,
    /// Drive-up hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drive_up: Option<DriveUp>,
    /// Accessible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_accessible: Option<bool>,
    /// Accessible features.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessible_features: Option<String>,
    /// Branch type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch_type: Option<String>,
    /// More info.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub more_info: Option<String>,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// Deleted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_deleted: Option<bool>,
    /// *Extension*: details OBP has no field for.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub other_fields: Map<String, Value>,
}

/// `OutBoundCreateOrUpdateBranch` (line 1264, a legacy message without call context).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateOrUpdateBranch {
    /// *Extension*: the call context (OBP's legacy message has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outbound_adapter_call_context: Option<OutboundAdapterCallContext>,
    /// The branch.
    pub branch: BranchTCommons,
}

/// `OutBoundGetBranch` (line 215); also `OutBoundDeleteBranch` *(extension)*.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetBranch {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: Id,
    /// BRANCH_ID.
    pub branch_id: Id,
}

/// `OutBoundGetBranches` (line 221) and `OutBoundGetAtms` (line 233): a bank's records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundPagedByBank {
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

/// `AtmTCommons` (`CommonModel.scala` line 226).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AtmTCommons {
    /// ATM_ID.
    pub atm_id: Id,
    /// BANK_ID.
    pub bank_id: Id,
    /// Name.
    pub name: String,
    /// Address.
    pub address: Address,
    /// Location.
    pub location: Location,
    /// Licence of the data.
    pub meta: Meta,
    /// Opening time on Monday.
    #[serde(
        rename = "OpeningTimeOnMonday",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub opening_time_on_monday: Option<String>,
    /// Closing time on Monday.
    #[serde(
        rename = "ClosingTimeOnMonday",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub closing_time_on_monday: Option<String>,
    /// Opening time on Tuesday.
    #[serde(
        rename = "OpeningTimeOnTuesday",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub opening_time_on_tuesday: Option<String>,
    /// Closing time on Tuesday.
    #[serde(
        rename = "ClosingTimeOnTuesday",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub closing_time_on_tuesday: Option<String>,
    /// Opening time on Wednesday.
    #[serde(
        rename = "OpeningTimeOnWednesday",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub opening_time_on_wednesday: Option<String>,
    /// Closing time on Wednesday.
    #[serde(
        rename = "ClosingTimeOnWednesday",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub closing_time_on_wednesday: Option<String>,
    /// Opening time on Thursday.
    #[serde(
        rename = "OpeningTimeOnThursday",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub opening_time_on_thursday: Option<String>,
    /// Closing time on Thursday.
    #[serde(
        rename = "ClosingTimeOnThursday",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub closing_time_on_thursday: Option<String>,
    /// Opening time on Friday.
    #[serde(
        rename = "OpeningTimeOnFriday",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub opening_time_on_friday: Option<String>,
    /// Closing time on Friday.
    #[serde(
        rename = "ClosingTimeOnFriday",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub closing_time_on_friday: Option<String>,
    /// Opening time on Saturday.
    #[serde(
        rename = "OpeningTimeOnSaturday",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub opening_time_on_saturday: Option<String>,
    /// Closing time on Saturday.
    #[serde(
        rename = "ClosingTimeOnSaturday",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub closing_time_on_saturday: Option<String>,
    /// Opening time on Sunday.
    #[serde(
        rename = "OpeningTimeOnSunday",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub opening_time_on_sunday: Option<String>,
    /// Closing time on Sunday.
    #[serde(
        rename = "ClosingTimeOnSunday",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub closing_time_on_sunday: Option<String>,
    /// Accessible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_accessible: Option<bool>,
    /// Located at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub located_at: Option<String>,
    /// More info.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub more_info: Option<String>,
    /// Deposit capability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_deposit_capability: Option<bool>,
    /// Supported languages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supported_languages: Option<Vec<String>>,
    /// Services.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub services: Option<Vec<String>>,
    /// Accessibility features.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessibility_features: Option<Vec<String>>,
    /// Supported currencies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supported_currencies: Option<Vec<String>>,
    /// Notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Vec<String>>,
    /// Location categories.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location_categories: Option<Vec<String>>,
    /// Minimum withdrawal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_withdrawal: Option<String>,
    /// Branch identification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch_identification: Option<String>,
    /// Site identification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_identification: Option<String>,
    /// Site name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// National cash withdrawal fee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cash_withdrawal_national_fee: Option<String>,
    /// International cash withdrawal fee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cash_withdrawal_international_fee: Option<String>,
    /// Balance inquiry fee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance_inquiry_fee: Option<String>,
    /// ATM type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub atm_type: Option<String>,
    /// Phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// *Extension*: details OBP has no field for.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub other_fields: Map<String, Value>,
}

/// `OutBoundCreateOrUpdateAtm` *(extension: OBP's connector method `createOrUpdateAtm(atm)`;
/// OBP's case class is the legacy `OutBoundCreateOrUpdateAtmLegacy(atm: AtmT)`, line 1274)*.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateOrUpdateAtm {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The ATM.
    pub atm: AtmTCommons,
}

/// `OutBoundGetAtm` (line 227); also `OutBoundDeleteAtm` *(extension)*.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetAtm {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: Id,
    /// ATM_ID.
    pub atm_id: Id,
}

// ------------------------------------------------------------------ products

/// `ProductCommons` (`CommonModel.scala` line 370).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductCommons {
    /// BANK_ID.
    pub bank_id: Id,
    /// PRODUCT_CODE.
    pub code: Id,
    /// Parent product code (`""` for none).
    pub parent_product_code: Id,
    /// Name.
    pub name: String,
    /// Category.
    pub category: String,
    /// Family.
    pub family: String,
    /// Super family.
    pub super_family: String,
    /// More info URL.
    pub more_info_url: String,
    /// Terms and conditions URL.
    pub terms_and_conditions_url: String,
    /// Details.
    pub details: String,
    /// Description.
    pub description: String,
    /// Licence of the data.
    pub meta: Meta,
    /// *Extension*: details OBP has no field for.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub other_fields: Map<String, Value>,
}

/// The *extension* `product` of `OutBoundCreateOrUpdateProduct`: the product as the platform
/// holds it (its message docs): ids as OBP's, `name`, and the descriptive fields under
/// `ProductCommons`' names with the values of the platform's API JSON, plus `otherFields`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductExtension {
    /// BANK_ID.
    pub bank_id: Id,
    /// PRODUCT_CODE.
    pub code: Id,
    /// Parent product code.
    pub parent_product_code: Id,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// The other fields, as sent.
    #[serde(flatten)]
    pub fields: Map<String, Value>,
}

/// `OutBoundCreateOrUpdateProduct` (line 1279, a legacy message without call context).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateOrUpdateProduct {
    /// *Extension*: the call context (OBP's legacy message has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outbound_adapter_call_context: Option<OutboundAdapterCallContext>,
    /// BANK_ID.
    pub bank_id: String,
    /// PRODUCT_CODE.
    pub code: String,
    /// Parent product code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_product_code: Option<String>,
    /// Name.
    pub name: String,
    /// Category.
    pub category: String,
    /// Family.
    pub family: String,
    /// Super family.
    pub super_family: String,
    /// More info URL.
    pub more_info_url: String,
    /// Terms and conditions URL.
    pub terms_and_conditions_url: String,
    /// Details.
    pub details: String,
    /// Description.
    pub description: String,
    /// Licence id.
    pub meta_licence_id: String,
    /// Licence name.
    pub meta_licence_name: String,
    /// *Extension*: the product to store, exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<ProductExtension>,
}

/// `OutBoundGetProduct` (line 1258, a legacy message without call context); also
/// `OutBoundDeleteProductCascade` *(extension)*.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetProduct {
    /// *Extension*: the call context (OBP's legacy message has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outbound_adapter_call_context: Option<OutboundAdapterCallContext>,
    /// BANK_ID.
    pub bank_id: Id,
    /// PRODUCT_CODE.
    pub product_code: Id,
}

/// `GetProductsParam`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetProductsParam {
    /// Attribute name.
    pub name: String,
    /// Accepted values.
    pub value: Vec<String>,
}

/// `OutBoundGetProducts` (line 1252, a legacy message without call context).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetProducts {
    /// *Extension*: the call context (OBP's legacy message has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outbound_adapter_call_context: Option<OutboundAdapterCallContext>,
    /// BANK_ID.
    pub bank_id: Id,
    /// Filters.
    pub params: Vec<GetProductsParam>,
}

/// `ProductAttributeCommons` (`CommonModel.scala` line 69).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductAttributeCommons {
    /// BANK_ID.
    pub bank_id: Id,
    /// PRODUCT_CODE.
    pub product_code: Id,
    /// PRODUCT_ATTRIBUTE_ID.
    pub product_attribute_id: String,
    /// Name.
    pub name: String,
    /// Type.
    pub attribute_type: String,
    /// Value.
    pub value: String,
    /// Whether it is active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
}

/// `OutBoundCreateOrUpdateProductAttribute` (line 380).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateOrUpdateProductAttribute {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: Id,
    /// PRODUCT_CODE.
    pub product_code: Id,
    /// PRODUCT_ATTRIBUTE_ID (the adapter picks one when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_attribute_id: Option<String>,
    /// Name.
    pub name: String,
    /// Type.
    pub product_attribute_type: String,
    /// Value.
    pub value: String,
    /// Whether it is active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
}

/// `OutBoundGetProductAttributeById` (line 391) and `OutBoundDeleteProductAttribute`
/// (line 609).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundProductAttributeById {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// PRODUCT_ATTRIBUTE_ID.
    pub product_attribute_id: String,
    /// *Extension*: only an attribute of this bank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_id: Option<Id>,
}

/// `OutBoundGetProductAttributesByBankAndCode` (line 396).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetProductAttributesByBankAndCode {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID (OBP's field name).
    pub bank: Id,
    /// PRODUCT_CODE.
    pub product_code: Id,
}

// ------------------------------------------------------------------ cards

/// `CardReplacementInfo` / `PinResetInfo`: `{requestedDate, reasonRequested}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CardRequest {
    /// When it was requested.
    pub requested_date: Date,
    /// Why (`LOST`, `STOLEN`, `RENEW`, `FIRST`; `FORGOT`, `GOOD_SECURITY_PRACTICE`).
    pub reason_requested: String,
}

/// `CardCollectionInfo` / `CardPostedInfo`: `{date}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardDate {
    /// When.
    pub date: Date,
}

/// `PhysicalCard` (`PhysicalCardModel.scala` line 68).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PhysicalCard {
    /// CARD_ID.
    pub card_id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Card number.
    pub bank_card_number: String,
    /// Card type.
    pub card_type: String,
    /// Name on the card.
    pub name_on_card: String,
    /// Issue number.
    pub issue_number: String,
    /// Serial number.
    pub serial_number: String,
    /// Valid from.
    pub valid_from: Date,
    /// Expires.
    pub expires: Date,
    /// Enabled.
    pub enabled: bool,
    /// Cancelled.
    pub cancelled: bool,
    /// On the hot list.
    pub on_hot_list: bool,
    /// Technology.
    pub technology: String,
    /// Networks.
    pub networks: Vec<String>,
    /// Allowed actions (`CardAction`: `CREDIT`, `DEBIT`, `CASH_WITHDRAWAL`).
    pub allows: Vec<String>,
    /// The account it draws on.
    pub account: BankAccountCommons,
    /// Replacement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replacement: Option<CardRequest>,
    /// PIN resets.
    pub pin_resets: Vec<CardRequest>,
    /// Collected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collected: Option<CardDate>,
    /// Posted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posted: Option<CardDate>,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// CVV.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cvv: Option<String>,
    /// Brand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    /// *Extension*: details OBP has no field for.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub other_fields: Map<String, Value>,
    /// *Extension*: the CVV's hash as the platform keeps it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cvv_hash: Option<String>,
}

/// OBP's flat card fields of `OutBoundCreatePhysicalCard` (line 727) and
/// `OutBoundUpdatePhysicalCard` (line 682).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PhysicalCardFields {
    /// Card number.
    pub bank_card_number: String,
    /// Name on the card.
    pub name_on_card: String,
    /// Card type.
    pub card_type: String,
    /// Issue number.
    pub issue_number: String,
    /// Serial number.
    pub serial_number: String,
    /// Valid from.
    pub valid_from: Date,
    /// Expires.
    pub expires: Date,
    /// Enabled.
    pub enabled: bool,
    /// Cancelled.
    pub cancelled: bool,
    /// On the hot list.
    pub on_hot_list: bool,
    /// Technology.
    pub technology: String,
    /// Networks.
    pub networks: Vec<String>,
    /// Allowed actions.
    pub allows: Vec<String>,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Replacement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replacement: Option<CardRequest>,
    /// PIN resets.
    pub pin_resets: Vec<CardRequest>,
    /// Collected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collected: Option<CardDate>,
    /// Posted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posted: Option<CardDate>,
    /// CUSTOMER_ID.
    pub customer_id: String,
}

/// The account of the *extension* `card`: its ids (the platform's message docs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CardAccountIds {
    /// BANK_ID.
    pub bank_id: Id,
    /// ACCOUNT_ID.
    pub account_id: Id,
}

/// The *extension* `card` of the card messages: the card as the platform holds it (its
/// message docs): OBP's key fields, the account's ids, and the descriptive fields under
/// `PhysicalCard`'s names with the values of the platform's API JSON, plus `otherFields`
/// and `cvvHash`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CardExtension {
    /// CARD_ID.
    pub card_id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Card number.
    #[serde(default)]
    pub bank_card_number: String,
    /// Issue number.
    #[serde(default)]
    pub issue_number: String,
    /// Valid from (RFC 3339).
    pub valid_from: String,
    /// Expires (RFC 3339).
    pub expires: String,
    /// Enabled.
    #[serde(default)]
    pub enabled: bool,
    /// The account's ids.
    pub account: CardAccountIds,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// The other fields, as sent.
    #[serde(flatten)]
    pub fields: Map<String, Value>,
}

/// `OutBoundCreatePhysicalCard` (line 727).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreatePhysicalCard {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// OBP's card fields.
    #[serde(flatten)]
    pub fields: PhysicalCardFields,
    /// CVV.
    pub cvv: String,
    /// Brand.
    pub brand: String,
    /// *Extension*: the card to store, with the CARD_ID the platform chose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<CardExtension>,
}

/// `OutBoundUpdatePhysicalCard` (line 682).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundUpdatePhysicalCard {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// CARD_ID.
    pub card_id: String,
    /// OBP's card fields.
    #[serde(flatten)]
    pub fields: PhysicalCardFields,
    /// *Extension*: the card as it should be.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<CardExtension>,
}

/// `OutBoundGetPhysicalCardForBank` (line 712) and `OutBoundDeletePhysicalCardForBank`
/// (line 707).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundPhysicalCardForBank {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: Id,
    /// CARD_ID.
    pub card_id: String,
}

/// `OutBoundGetPhysicalCardsForBank` (line 717).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetPhysicalCardsForBank {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The bank.
    pub bank: BankCommons,
    /// Who asks.
    pub user: User,
    /// Page size.
    pub limit: i32,
    /// Items to skip.
    pub offset: i32,
    /// Lower date bound.
    pub from_date: QueryDate,
    /// Upper date bound.
    pub to_date: QueryDate,
}

/// `OutBoundGetPhysicalCardsForUser` (line 1047).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetPhysicalCardsForUser {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The user.
    pub user: User,
    /// *Extension*: the CUSTOMER_IDs linked to the user, whose cards are answered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub customer_ids: Vec<String>,
}
