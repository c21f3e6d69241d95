//! Messages for banks (create/update, attributes), branches, ATMs, products (with attributes) and physical cards.
//!
//! Shapes follow OBP's `OutBound<Method>` case classes (`JsonsTransfer.scala`) and the common
//! model (`BranchTCommons`, `AtmTCommons`, `ProductCommons`, `ProductAttributeCommons`,
//! `BankAttributeTrait`, `PhysicalCard`). Every outbound message carries
//! `outboundAdapterCallContext`, also OBP's legacy ones that leave it out
//! (`createOrUpdateBank`, `createOrUpdateBranch`, `createOrUpdateProduct`, `getProduct(s)`);
//! OBP-written adapters ignore it. Messages OBP has no case class for are marked
//! *(our extension)*; fields beyond OBP's are marked *extension*.
//!
//! # `details` ↔ OBP fields
//!
//! The platform's reference data keep their typed keys (bank, id, name, ...) and OBP's other
//! fields as a JSON map `details`, keyed as the API (OBP's v3–v5 JSON) sends them, in
//! snake_case. On the wire:
//! * each details key OBP's case class has a field for goes to that field, under OBP's name:
//!   * branches: `address`→`address`, `location`→`location`, `meta`→`meta`,
//!     `branch_routing`→`branchRouting`, `lobby`→`lobby`, `drive_up`→`driveUp`,
//!     `is_accessible`→`isAccessible`, `accessible_features`→`accessibleFeatures`,
//!     `branch_type`→`branchType`, `more_info`→`moreInfo`, `phone_number`→`phoneNumber`,
//!     `is_deleted`→`isDeleted`;
//!   * ATMs: `address`, `location`, `meta`, `is_accessible`→`isAccessible`,
//!     `located_at`→`locatedAt`, `more_info`→`moreInfo`,
//!     `has_deposit_capability`→`hasDepositCapability`,
//!     `supported_languages`→`supportedLanguages`, `services`,
//!     `accessibility_features`→`accessibilityFeatures`,
//!     `supported_currencies`→`supportedCurrencies`, `notes`,
//!     `location_categories`→`locationCategories`, `minimum_withdrawal`→`minimumWithdrawal`,
//!     `branch_identification`→`branchIdentification`,
//!     `site_identification`→`siteIdentification`, `site_name`→`siteName`,
//!     `cash_withdrawal_national_fee`→`cashWithdrawalNationalFee`,
//!     `cash_withdrawal_international_fee`→`cashWithdrawalInternationalFee`,
//!     `balance_inquiry_fee`→`balanceInquiryFee`, `atm_type`→`atmType`, `phone`→`phone`;
//!     and a day `monday` … `sunday` holding exactly `{"opening_time", "closing_time"}`
//!     (strings) → `OpeningTimeOnMonday` / `ClosingTimeOnMonday` …;
//!   * products: `category`, `family`, `super_family`→`superFamily`,
//!     `more_info_url`→`moreInfoUrl`, `terms_and_conditions_url`→`termsAndConditionsUrl`,
//!     `details`, `description`, `meta`;
//!   * cards: `card_type`→`cardType`, `name_on_card`→`nameOnCard`,
//!     `serial_number`→`serialNumber`, `cancelled`, `on_hot_list`→`onHotList`,
//!     `technology`, `networks`, `allows`, `replacement`, `pin_reset`→`pinResets`,
//!     `collected`, `posted`, `cvv`, `brand`;
//! * every other key travels unchanged in the *extension* object `otherFields`, so a record
//!   sent and read back is equal, key for key.
//!
//! Departure from OBP: the values are carried as the platform holds them (the API's JSON,
//! e.g. `address.line_1`, `location.latitude`), not re-shaped into OBP's Scala case classes
//! (`Address.line1`, ...), and a field the platform has no value for is left out, where OBP
//! would send an empty string.

use chrono::{DateTime, SecondsFormat, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use super::{
    invalid, parse_date, BankCommons, IdValue, InvalidMessage, OutboundAdapterCallContext,
};
use super::{InBound, UserCommons};
use crate::bank::{Bank, BankAttribute};
use crate::ids::BankId;
use crate::refdata::{parse_ref_id, Atm, Branch, PhysicalCard, Product, ProductAttribute};

/// Reads a present field as `Some`, also when it is `null` (so `null` values round-trip).
fn keep_null<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

/// Declares the OBP fields a details map is split into: `field: "wireName" <= "details_key"`.
macro_rules! obp_fields {
    ($(#[$doc:meta])* $name:ident { $( $(#[$fdoc:meta])* $field:ident : $wire:literal <= $key:literal ),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
        pub struct $name {
            $(
                $(#[$fdoc])*
                #[serde(rename = $wire, default, deserialize_with = "keep_null", skip_serializing_if = "Option::is_none")]
                pub $field: Option<Value>,
            )*
        }

        impl $name {
            /// Moves the keys OBP has fields for out of `details`.
            fn take(details: &mut Map<String, Value>) -> Self {
                Self { $( $field: details.remove($key), )* }
            }

            /// Puts the fields back under their details keys.
            #[allow(dead_code)]
            fn put(self, details: &mut Map<String, Value>) {
                $( if let Some(v) = self.$field { details.insert($key.to_owned(), v); } )*
            }

            /// [`Self::put`], leaving out the fields that are `""`: the case classes whose
            /// fields are all OBP `String`s always carry every field, `""` for one unknown.
            #[allow(dead_code)]
            fn put_known(self, details: &mut Map<String, Value>) {
                $(
                    match self.$field {
                        Some(Value::String(s)) if s.is_empty() => {}
                        Some(v) => { details.insert($key.to_owned(), v); }
                        None => {}
                    }
                )*
            }
        }
    };
}

fn bank_id(field: &'static str, v: String) -> Result<BankId, InvalidMessage> {
    BankId::parse(v).map_err(|e| invalid(field, e))
}

fn ref_id(field: &'static str, v: String) -> Result<String, InvalidMessage> {
    parse_ref_id(v).map_err(|e| invalid(field, e))
}

/// A card date as OBP sends it (`yyyy-MM-dd'T'HH:mm:ss'Z'`), with fractional seconds only when
/// the date has them (so it round-trips).
pub fn format_card_date(d: DateTime<Utc>) -> String {
    d.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

// ------------------------------------------------------------------ banks

/// `OutBoundCreateOrUpdateBank` (OBP's legacy message, here with `outboundAdapterCallContext`).
/// Creates a bank; an existing `bankId` is refused with OBP-34000 (BankIdAlreadyExists).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateOrUpdateBank {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: String,
    /// Full legal name.
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
    /// National identifier.
    #[serde(rename = "national_identifier")]
    pub national_identifier: String,
    /// Primary routing scheme.
    pub bank_routing_scheme: String,
    /// Primary routing address.
    pub bank_routing_address: String,
}

impl OutBoundCreateOrUpdateBank {
    /// The message creating `b`.
    pub fn new(ctx: OutboundAdapterCallContext, b: &Bank) -> Self {
        Self {
            outbound_adapter_call_context: ctx,
            bank_id: b.id.as_str().to_owned(),
            full_bank_name: b.full_name.clone(),
            short_bank_name: b.short_name.clone(),
            logo_url: b.logo_url.clone(),
            website_url: b.website_url.clone(),
            swift_bic: b.swift_bic.clone(),
            national_identifier: b.national_identifier.clone(),
            bank_routing_scheme: b.bank_routing_scheme.clone(),
            bank_routing_address: b.bank_routing_address.clone(),
        }
    }

    /// The bank the message asks for.
    pub fn to_commons(&self) -> BankCommons {
        BankCommons {
            bank_id: IdValue::new(&self.bank_id),
            short_name: self.short_bank_name.clone(),
            full_name: self.full_bank_name.clone(),
            logo_url: self.logo_url.clone(),
            website_url: self.website_url.clone(),
            bank_routing_scheme: self.bank_routing_scheme.clone(),
            bank_routing_address: self.bank_routing_address.clone(),
            swift_bic: self.swift_bic.clone(),
            national_identifier: self.national_identifier.clone(),
        }
    }
}

/// `OutBoundUpdateBank` (our extension): replaces the names, URLs and routings of an existing
/// bank (OBP-30001 when there is none). Answered with the bank (`BankCommons`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundUpdateBank {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The bank as it should be.
    pub bank: BankCommons,
}

/// OBP's `BankAttributeTrait` as a message value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BankAttributeTraitCommons {
    /// BANK_ID.
    pub bank_id: IdValue,
    /// BANK_ATTRIBUTE_ID.
    pub bank_attribute_id: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    #[serde(default)]
    pub attribute_type: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Value as text.
    #[serde(default)]
    pub value: String,
    /// Whether it is shown in the bank's JSON (active when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
}

impl From<&BankAttribute> for BankAttributeTraitCommons {
    fn from(a: &BankAttribute) -> Self {
        Self {
            bank_id: IdValue::new(a.bank_id.as_str()),
            bank_attribute_id: a.id.clone(),
            attribute_type: a.attribute_type.clone(),
            name: a.name.clone(),
            value: a.value.clone(),
            is_active: Some(a.is_active),
        }
    }
}

impl TryFrom<BankAttributeTraitCommons> for BankAttribute {
    type Error = InvalidMessage;
    fn try_from(a: BankAttributeTraitCommons) -> Result<Self, InvalidMessage> {
        Ok(BankAttribute {
            id: ref_id("bankAttributeId", a.bank_attribute_id)?,
            bank_id: bank_id("bankId", a.bank_id.value)?,
            name: a.name,
            attribute_type: a.attribute_type,
            value: a.value,
            is_active: a.is_active.unwrap_or(true),
        })
    }
}

/// `OutBoundGetBankAttributesByBank` (OBP's connector method `getBankAttributesByBank`, no
/// case class in OBP): a bank's attributes, ordered by name, then id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetBankAttributesByBank {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID (OBP's parameter name `bank`).
    pub bank: IdValue,
}

/// `OutBoundGetBankAttributeById` (OBP's connector method, no case class in OBP).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetBankAttributeById {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ATTRIBUTE_ID.
    pub bank_attribute_id: String,
    /// *Extension*: only an attribute of this bank (OBP-30232 AttributeByIdNotFound otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_id: Option<IdValue>,
}

/// `OutBoundCreateOrUpdateBankAttribute` (OBP's connector method, no case class in OBP):
/// creates the attribute, or replaces the one with `bankAttributeId`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateOrUpdateBankAttribute {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// BANK_ATTRIBUTE_ID (the platform always chooses it; the adapter picks one when absent).
    #[serde(default)]
    pub bank_attribute_id: Option<String>,
    /// Name.
    pub name: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    pub bank_attribute_type: String,
    /// Value as text.
    pub value: String,
    /// Whether it is shown in the bank's JSON.
    #[serde(default)]
    pub is_active: Option<bool>,
}

impl OutBoundCreateOrUpdateBankAttribute {
    /// The message storing `a`.
    pub fn new(ctx: OutboundAdapterCallContext, a: &BankAttribute) -> Self {
        Self {
            outbound_adapter_call_context: ctx,
            bank_id: IdValue::new(a.bank_id.as_str()),
            bank_attribute_id: Some(a.id.clone()),
            name: a.name.clone(),
            bank_attribute_type: a.attribute_type.clone(),
            value: a.value.clone(),
            is_active: Some(a.is_active),
        }
    }

    /// The attribute the message asks for, with `id` when it carries none.
    pub fn to_commons(&self, id: impl FnOnce() -> String) -> BankAttributeTraitCommons {
        BankAttributeTraitCommons {
            bank_id: self.bank_id.clone(),
            bank_attribute_id: self.bank_attribute_id.clone().unwrap_or_else(id),
            attribute_type: self.bank_attribute_type.clone(),
            name: self.name.clone(),
            value: self.value.clone(),
            is_active: Some(self.is_active.unwrap_or(true)),
        }
    }
}

/// `OutBoundDeleteBankAttribute` (OBP's connector method, no case class in OBP), answered
/// with `true`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundDeleteBankAttribute {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ATTRIBUTE_ID.
    pub bank_attribute_id: String,
    /// *Extension*: only an attribute of this bank (OBP-30232 AttributeByIdNotFound otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_id: Option<IdValue>,
}

// ------------------------------------------------------------------ branches

obp_fields! {
    /// The `BranchTCommons` fields kept in a branch's `details` (see the module doc).
    BranchFields {
        /// `Address`.
        address: "address" <= "address",
        /// `Location`.
        location: "location" <= "location",
        /// `Meta` (licence).
        meta: "meta" <= "meta",
        /// `Routing`.
        branch_routing: "branchRouting" <= "branch_routing",
        /// `Lobby` opening hours.
        lobby: "lobby" <= "lobby",
        /// `DriveUp` opening hours.
        drive_up: "driveUp" <= "drive_up",
        /// Accessible.
        is_accessible: "isAccessible" <= "is_accessible",
        /// Accessible features.
        accessible_features: "accessibleFeatures" <= "accessible_features",
        /// Branch type.
        branch_type: "branchType" <= "branch_type",
        /// More info.
        more_info: "moreInfo" <= "more_info",
        /// Phone number.
        phone_number: "phoneNumber" <= "phone_number",
        /// Deleted.
        is_deleted: "isDeleted" <= "is_deleted",
    }
}

/// OBP's `BranchTCommons`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BranchTCommons {
    /// BRANCH_ID.
    pub branch_id: IdValue,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// OBP's descriptive fields.
    #[serde(flatten)]
    pub fields: BranchFields,
    /// *Extension*: details OBP has no field for, as the platform holds them.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub other_fields: Map<String, Value>,
}

impl From<&Branch> for BranchTCommons {
    fn from(b: &Branch) -> Self {
        let mut details = b.details.clone();
        let fields = BranchFields::take(&mut details);
        Self {
            branch_id: IdValue::new(&b.branch_id),
            bank_id: IdValue::new(b.bank_id.as_str()),
            name: b.name.clone(),
            fields,
            other_fields: details,
        }
    }
}

impl TryFrom<BranchTCommons> for Branch {
    type Error = InvalidMessage;
    fn try_from(b: BranchTCommons) -> Result<Self, InvalidMessage> {
        let mut details = b.other_fields;
        b.fields.put(&mut details);
        Ok(Branch {
            bank_id: bank_id("bankId", b.bank_id.value)?,
            branch_id: ref_id("branchId", b.branch_id.value)?,
            name: b.name,
            details,
        })
    }
}

/// `OutBoundCreateOrUpdateBranch` (OBP's legacy message, here with
/// `outboundAdapterCallContext`): stores the branch, replacing one with the same bank and id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateOrUpdateBranch {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The branch.
    pub branch: BranchTCommons,
}

/// `OutBoundGetBranch`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetBranch {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// BRANCH_ID.
    pub branch_id: IdValue,
}

/// `OutBoundGetBranches`: a bank's branches, ordered by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetBranches {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// Page size (the platform asks for all: OBP's `Int` maximum).
    pub limit: u32,
    /// Page offset.
    pub offset: u32,
    /// From, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    pub from_date: String,
    /// To, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    pub to_date: String,
}

/// `OutBoundDeleteBranch` (our extension), answered with `true` (OBP-300010
/// BranchNotFoundByBranchId when there is none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundDeleteBranch {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// BRANCH_ID.
    pub branch_id: IdValue,
}

// ------------------------------------------------------------------ ATMs

obp_fields! {
    /// The `AtmTCommons` fields kept in an ATM's `details` (see the module doc); the opening
    /// times are fields of [`AtmTCommons`].
    AtmFields {
        /// `Address`.
        address: "address" <= "address",
        /// `Location`.
        location: "location" <= "location",
        /// `Meta` (licence).
        meta: "meta" <= "meta",
        /// Accessible.
        is_accessible: "isAccessible" <= "is_accessible",
        /// Located at.
        located_at: "locatedAt" <= "located_at",
        /// More info.
        more_info: "moreInfo" <= "more_info",
        /// Deposit capability.
        has_deposit_capability: "hasDepositCapability" <= "has_deposit_capability",
        /// Supported languages.
        supported_languages: "supportedLanguages" <= "supported_languages",
        /// Services.
        services: "services" <= "services",
        /// Accessibility features.
        accessibility_features: "accessibilityFeatures" <= "accessibility_features",
        /// Supported currencies.
        supported_currencies: "supportedCurrencies" <= "supported_currencies",
        /// Notes.
        notes: "notes" <= "notes",
        /// Location categories.
        location_categories: "locationCategories" <= "location_categories",
        /// Minimum withdrawal.
        minimum_withdrawal: "minimumWithdrawal" <= "minimum_withdrawal",
        /// Branch identification.
        branch_identification: "branchIdentification" <= "branch_identification",
        /// Site identification.
        site_identification: "siteIdentification" <= "site_identification",
        /// Site name.
        site_name: "siteName" <= "site_name",
        /// National cash withdrawal fee.
        cash_withdrawal_national_fee: "cashWithdrawalNationalFee" <= "cash_withdrawal_national_fee",
        /// International cash withdrawal fee.
        cash_withdrawal_international_fee: "cashWithdrawalInternationalFee" <= "cash_withdrawal_international_fee",
        /// Balance inquiry fee.
        balance_inquiry_fee: "balanceInquiryFee" <= "balance_inquiry_fee",
        /// ATM type.
        atm_type: "atmType" <= "atm_type",
        /// Phone.
        phone: "phone" <= "phone",
    }
}

/// OBP's `AtmTCommons`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AtmTCommons {
    /// ATM_ID.
    pub atm_id: IdValue,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// OBP's descriptive fields.
    #[serde(flatten)]
    pub fields: AtmFields,
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
    /// *Extension*: details OBP has no field for, as the platform holds them.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub other_fields: Map<String, Value>,
}

const OPENING: &str = "opening_time";
const CLOSING: &str = "closing_time";

/// The opening and closing time of a details day object holding exactly both, as strings.
fn day_times(v: &Value) -> Option<(String, String)> {
    let o = v.as_object()?;
    if o.len() != 2 {
        return None;
    }
    Some((
        o.get(OPENING)?.as_str()?.to_owned(),
        o.get(CLOSING)?.as_str()?.to_owned(),
    ))
}

impl AtmTCommons {
    fn days_mut(&mut self) -> [(&'static str, &mut Option<String>, &mut Option<String>); 7] {
        [
            (
                "monday",
                &mut self.opening_time_on_monday,
                &mut self.closing_time_on_monday,
            ),
            (
                "tuesday",
                &mut self.opening_time_on_tuesday,
                &mut self.closing_time_on_tuesday,
            ),
            (
                "wednesday",
                &mut self.opening_time_on_wednesday,
                &mut self.closing_time_on_wednesday,
            ),
            (
                "thursday",
                &mut self.opening_time_on_thursday,
                &mut self.closing_time_on_thursday,
            ),
            (
                "friday",
                &mut self.opening_time_on_friday,
                &mut self.closing_time_on_friday,
            ),
            (
                "saturday",
                &mut self.opening_time_on_saturday,
                &mut self.closing_time_on_saturday,
            ),
            (
                "sunday",
                &mut self.opening_time_on_sunday,
                &mut self.closing_time_on_sunday,
            ),
        ]
    }
}

impl From<&Atm> for AtmTCommons {
    fn from(a: &Atm) -> Self {
        let mut details = a.details.clone();
        let fields = AtmFields::take(&mut details);
        let mut out = Self {
            atm_id: IdValue::new(&a.atm_id),
            bank_id: IdValue::new(a.bank_id.as_str()),
            name: a.name.clone(),
            fields,
            opening_time_on_monday: None,
            closing_time_on_monday: None,
            opening_time_on_tuesday: None,
            closing_time_on_tuesday: None,
            opening_time_on_wednesday: None,
            closing_time_on_wednesday: None,
            opening_time_on_thursday: None,
            closing_time_on_thursday: None,
            opening_time_on_friday: None,
            closing_time_on_friday: None,
            opening_time_on_saturday: None,
            closing_time_on_saturday: None,
            opening_time_on_sunday: None,
            closing_time_on_sunday: None,
            other_fields: Map::new(),
        };
        for (day, open, close) in out.days_mut() {
            if let Some((o, c)) = details.get(day).and_then(day_times) {
                details.remove(day);
                *open = Some(o);
                *close = Some(c);
            }
        }
        out.other_fields = details;
        out
    }
}

impl TryFrom<AtmTCommons> for Atm {
    type Error = InvalidMessage;
    fn try_from(mut a: AtmTCommons) -> Result<Self, InvalidMessage> {
        let mut details = std::mem::take(&mut a.other_fields);
        for (day, open, close) in a.days_mut() {
            let mut times = Map::new();
            if let Some(o) = open.take() {
                times.insert(OPENING.to_owned(), Value::String(o));
            }
            if let Some(c) = close.take() {
                times.insert(CLOSING.to_owned(), Value::String(c));
            }
            if !times.is_empty() {
                details.insert(day.to_owned(), Value::Object(times));
            }
        }
        a.fields.put(&mut details);
        Ok(Atm {
            bank_id: bank_id("bankId", a.bank_id.value)?,
            atm_id: ref_id("atmId", a.atm_id.value)?,
            name: a.name,
            details,
        })
    }
}

/// `OutBoundCreateOrUpdateAtm` (OBP's connector method `createOrUpdateAtm(atm: AtmT)`; OBP
/// has a case class only for the legacy `createOrUpdateAtmLegacy`): stores the ATM,
/// replacing one with the same bank and id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateOrUpdateAtm {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The ATM.
    pub atm: AtmTCommons,
}

/// `OutBoundGetAtm`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetAtm {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// ATM_ID.
    pub atm_id: IdValue,
}

/// `OutBoundGetAtms`: a bank's ATMs, ordered by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetAtms {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// Page size (the platform asks for all: OBP's `Int` maximum).
    pub limit: u32,
    /// Page offset.
    pub offset: u32,
    /// From, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    pub from_date: String,
    /// To, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    pub to_date: String,
}

/// `OutBoundDeleteAtm` (our extension: OBP's `deleteAtm` takes the whole ATM, the platform
/// sends its ids), answered with `true`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundDeleteAtm {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// ATM_ID.
    pub atm_id: IdValue,
}

// ------------------------------------------------------------------ products

obp_fields! {
    /// The `ProductCommons` fields kept in a product's `details` (see the module doc).
    ProductFields {
        /// Category.
        category: "category" <= "category",
        /// Family.
        family: "family" <= "family",
        /// Super family.
        super_family: "superFamily" <= "super_family",
        /// More info URL.
        more_info_url: "moreInfoUrl" <= "more_info_url",
        /// Terms and conditions URL.
        terms_and_conditions_url: "termsAndConditionsUrl" <= "terms_and_conditions_url",
        /// Details.
        details: "details" <= "details",
        /// Description.
        description: "description" <= "description",
        /// `Meta` (licence).
        meta: "meta" <= "meta",
    }
}

/// OBP's `ProductCommons`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProductCommons {
    /// BANK_ID.
    pub bank_id: IdValue,
    /// PRODUCT_CODE.
    pub code: IdValue,
    /// Parent product code (`""` for none).
    pub parent_product_code: IdValue,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// OBP's descriptive fields.
    #[serde(flatten)]
    pub fields: ProductFields,
    /// *Extension*: details OBP has no field for, as the platform holds them.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub other_fields: Map<String, Value>,
}

impl From<&Product> for ProductCommons {
    fn from(p: &Product) -> Self {
        let mut details = p.details.clone();
        let fields = ProductFields::take(&mut details);
        Self {
            bank_id: IdValue::new(p.bank_id.as_str()),
            code: IdValue::new(&p.product_code),
            parent_product_code: IdValue::new(&p.parent_product_code),
            name: p.name.clone(),
            fields,
            other_fields: details,
        }
    }
}

impl TryFrom<ProductCommons> for Product {
    type Error = InvalidMessage;
    fn try_from(p: ProductCommons) -> Result<Self, InvalidMessage> {
        let mut details = p.other_fields;
        // OBP's `ProductCommons` sends `""` for a field it does not know: not a value.
        p.fields.put_known(&mut details);
        let parent = p.parent_product_code.value;
        Ok(Product {
            bank_id: bank_id("bankId", p.bank_id.value)?,
            product_code: ref_id("code", p.code.value)?,
            parent_product_code: if parent.is_empty() {
                parent
            } else {
                ref_id("parentProductCode", parent)?
            },
            name: p.name,
            details,
        })
    }
}

fn text(v: Option<&Value>) -> String {
    v.and_then(Value::as_str).unwrap_or_default().to_owned()
}

/// `OutBoundCreateOrUpdateProduct` (OBP's legacy message, here with
/// `outboundAdapterCallContext`): stores the product, replacing one with the same bank and
/// code. OBP's flat fields are filled from the product (empty when it has no text value);
/// the *extension* `product` carries the record itself, which the adapter stores when present.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateOrUpdateProduct {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: String,
    /// PRODUCT_CODE.
    pub code: String,
    /// Parent product code.
    #[serde(default)]
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
    /// Licence id (`meta.license.id`).
    pub meta_licence_id: String,
    /// Licence name (`meta.license.name`).
    pub meta_licence_name: String,
    /// *Extension*: the product to store, exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<ProductCommons>,
}

impl OutBoundCreateOrUpdateProduct {
    /// The message storing `p`.
    pub fn new(ctx: OutboundAdapterCallContext, p: &Product) -> Self {
        let d = &p.details;
        let licence = d.get("meta").and_then(|m| m.get("license"));
        Self {
            outbound_adapter_call_context: ctx,
            bank_id: p.bank_id.as_str().to_owned(),
            code: p.product_code.clone(),
            parent_product_code: (!p.parent_product_code.is_empty())
                .then(|| p.parent_product_code.clone()),
            name: p.name.clone(),
            category: text(d.get("category")),
            family: text(d.get("family")),
            super_family: text(d.get("super_family")),
            more_info_url: text(d.get("more_info_url")),
            terms_and_conditions_url: text(d.get("terms_and_conditions_url")),
            details: text(d.get("details")),
            description: text(d.get("description")),
            meta_licence_id: text(licence.and_then(|l| l.get("id"))),
            meta_licence_name: text(licence.and_then(|l| l.get("name"))),
            product: Some(ProductCommons::from(p)),
        }
    }

    /// The product the message asks for: the extension when present, else OBP's fields.
    pub fn to_commons(&self) -> ProductCommons {
        if let Some(p) = &self.product {
            return p.clone();
        }
        let s = |v: &str| Some(Value::String(v.to_owned()));
        let mut licence = Map::new();
        licence.insert("id".to_owned(), Value::String(self.meta_licence_id.clone()));
        licence.insert(
            "name".to_owned(),
            Value::String(self.meta_licence_name.clone()),
        );
        let mut meta = Map::new();
        meta.insert("license".to_owned(), Value::Object(licence));
        ProductCommons {
            bank_id: IdValue::new(&self.bank_id),
            code: IdValue::new(&self.code),
            parent_product_code: IdValue::new(self.parent_product_code.clone().unwrap_or_default()),
            name: self.name.clone(),
            fields: ProductFields {
                category: s(&self.category),
                family: s(&self.family),
                super_family: s(&self.super_family),
                more_info_url: s(&self.more_info_url),
                terms_and_conditions_url: s(&self.terms_and_conditions_url),
                details: s(&self.details),
                description: s(&self.description),
                meta: Some(Value::Object(meta)),
            },
            other_fields: Map::new(),
        }
    }
}

/// `OutBoundGetProduct` (OBP's legacy message, here with `outboundAdapterCallContext`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetProduct {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// PRODUCT_CODE.
    pub product_code: IdValue,
}

/// `GetProductsParam`: a filter on products.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct GetProductsParam {
    /// Attribute name.
    pub name: String,
    /// Accepted values.
    pub value: Vec<String>,
}

/// `OutBoundGetProducts` (OBP's legacy message, here with `outboundAdapterCallContext`): a
/// bank's products, ordered by code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetProducts {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// Filters (the platform sends none).
    #[serde(default)]
    pub params: Vec<GetProductsParam>,
}

/// `OutBoundDeleteProductCascade` (our extension): deletes a product with its attributes,
/// answered with `true`; refused with OBP-80001 (CouldNotDeleteCascade) while accounts of
/// the product exist (accounts and their transactions are never deleted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundDeleteProductCascade {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// PRODUCT_CODE.
    pub product_code: IdValue,
}

/// OBP's `ProductAttributeCommons`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProductAttributeCommons {
    /// BANK_ID.
    pub bank_id: IdValue,
    /// PRODUCT_CODE.
    pub product_code: IdValue,
    /// PRODUCT_ATTRIBUTE_ID.
    pub product_attribute_id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    #[serde(default)]
    pub attribute_type: String,
    /// Value as text.
    #[serde(default)]
    pub value: String,
    /// Whether it is active (absent when never said).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
}

impl From<&ProductAttribute> for ProductAttributeCommons {
    fn from(a: &ProductAttribute) -> Self {
        Self {
            bank_id: IdValue::new(a.bank_id.as_str()),
            product_code: IdValue::new(&a.product_code),
            product_attribute_id: a.id.clone(),
            name: a.name.clone(),
            attribute_type: a.attribute_type.clone(),
            value: a.value.clone(),
            is_active: a.is_active,
        }
    }
}

impl TryFrom<ProductAttributeCommons> for ProductAttribute {
    type Error = InvalidMessage;
    fn try_from(a: ProductAttributeCommons) -> Result<Self, InvalidMessage> {
        Ok(ProductAttribute {
            id: ref_id("productAttributeId", a.product_attribute_id)?,
            bank_id: bank_id("bankId", a.bank_id.value)?,
            product_code: ref_id("productCode", a.product_code.value)?,
            name: a.name,
            attribute_type: a.attribute_type,
            value: a.value,
            is_active: a.is_active,
        })
    }
}

/// `OutBoundCreateOrUpdateProductAttribute`: creates the attribute, or replaces the one with
/// `productAttributeId`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundCreateOrUpdateProductAttribute {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// PRODUCT_CODE.
    pub product_code: IdValue,
    /// PRODUCT_ATTRIBUTE_ID (the platform always chooses it; the adapter picks one when absent).
    #[serde(default)]
    pub product_attribute_id: Option<String>,
    /// Name.
    pub name: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    pub product_attribute_type: String,
    /// Value as text.
    pub value: String,
    /// Whether it is active.
    #[serde(default)]
    pub is_active: Option<bool>,
}

impl OutBoundCreateOrUpdateProductAttribute {
    /// The message storing `a`.
    pub fn new(ctx: OutboundAdapterCallContext, a: &ProductAttribute) -> Self {
        Self {
            outbound_adapter_call_context: ctx,
            bank_id: IdValue::new(a.bank_id.as_str()),
            product_code: IdValue::new(&a.product_code),
            product_attribute_id: Some(a.id.clone()),
            name: a.name.clone(),
            product_attribute_type: a.attribute_type.clone(),
            value: a.value.clone(),
            is_active: a.is_active,
        }
    }

    /// The attribute the message asks for, with `id` when it carries none.
    pub fn to_commons(&self, id: impl FnOnce() -> String) -> ProductAttributeCommons {
        ProductAttributeCommons {
            bank_id: self.bank_id.clone(),
            product_code: self.product_code.clone(),
            product_attribute_id: self.product_attribute_id.clone().unwrap_or_else(id),
            name: self.name.clone(),
            attribute_type: self.product_attribute_type.clone(),
            value: self.value.clone(),
            is_active: self.is_active,
        }
    }
}

/// `OutBoundGetProductAttributeById`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetProductAttributeById {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// PRODUCT_ATTRIBUTE_ID.
    pub product_attribute_id: String,
    /// *Extension*: only an attribute of this bank (OBP-30232 AttributeByIdNotFound otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_id: Option<IdValue>,
}

/// `OutBoundGetProductAttributesByBankAndCode`: a product's attributes, ordered by name,
/// then id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetProductAttributesByBankAndCode {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID (OBP's field name `bank`).
    pub bank: IdValue,
    /// PRODUCT_CODE.
    pub product_code: IdValue,
}

/// `OutBoundDeleteProductAttribute`, answered with `true`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundDeleteProductAttribute {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// PRODUCT_ATTRIBUTE_ID.
    pub product_attribute_id: String,
    /// *Extension*: only an attribute of this bank (OBP-30232 AttributeByIdNotFound otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_id: Option<IdValue>,
}

// ------------------------------------------------------------------ cards

obp_fields! {
    /// The `PhysicalCard` fields kept in a card's `details` (see the module doc).
    CardFields {
        /// Card type (e.g. `Debit`).
        card_type: "cardType" <= "card_type",
        /// Name on the card.
        name_on_card: "nameOnCard" <= "name_on_card",
        /// Serial number.
        serial_number: "serialNumber" <= "serial_number",
        /// Cancelled.
        cancelled: "cancelled" <= "cancelled",
        /// On the hot list.
        on_hot_list: "onHotList" <= "on_hot_list",
        /// Technology.
        technology: "technology" <= "technology",
        /// Networks.
        networks: "networks" <= "networks",
        /// Allowed actions (`credit`, `debit`, `cash_withdrawal`).
        allows: "allows" <= "allows",
        /// `CardReplacementInfo`.
        replacement: "replacement" <= "replacement",
        /// `PinResetInfo`s.
        pin_resets: "pinResets" <= "pin_reset",
        /// `CardCollectionInfo`.
        collected: "collected" <= "collected",
        /// `CardPostedInfo`.
        posted: "posted" <= "posted",
        /// CVV.
        cvv: "cvv" <= "cvv",
        /// Brand.
        brand: "brand" <= "brand",
    }
}

/// OBP's `BankAccount` of a card, reduced to its ids (an adapter may send the whole
/// `BankAccountCommons`; the other fields are ignored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CardAccount {
    /// BANK_ID.
    pub bank_id: IdValue,
    /// ACCOUNT_ID.
    pub account_id: IdValue,
}

/// OBP's `PhysicalCard` as a message value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PhysicalCardCommons {
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
    /// Valid from, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    #[serde(default)]
    pub valid_from: String,
    /// Expires, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    #[serde(default)]
    pub expires: String,
    /// Whether the card can be used.
    #[serde(default)]
    pub enabled: bool,
    /// The account the card draws on.
    pub account: CardAccount,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// OBP's descriptive fields.
    #[serde(flatten)]
    pub fields: CardFields,
    /// *Extension*: details OBP has no field for, as the platform holds them.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub other_fields: Map<String, Value>,
    /// *Extension*: the card's CVV as `obp_domain::refdata::hash_cvv` stored it (never the
    /// CVV itself); absent for a card without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cvv_hash: Option<String>,
}

impl From<&PhysicalCard> for PhysicalCardCommons {
    fn from(c: &PhysicalCard) -> Self {
        let mut details = c.details.clone();
        let fields = CardFields::take(&mut details);
        Self {
            card_id: c.card_id.clone(),
            bank_id: c.bank_id.as_str().to_owned(),
            bank_card_number: c.card_number.clone(),
            issue_number: c.issue_number.clone(),
            valid_from: format_card_date(c.valid_from),
            expires: format_card_date(c.expires),
            enabled: c.enabled,
            account: CardAccount {
                bank_id: IdValue::new(c.bank_id.as_str()),
                account_id: IdValue::new(&c.account_id),
            },
            customer_id: c.customer_id.clone(),
            fields,
            other_fields: details,
            cvv_hash: c.cvv_hash.clone(),
        }
    }
}

impl TryFrom<PhysicalCardCommons> for PhysicalCard {
    type Error = InvalidMessage;
    fn try_from(c: PhysicalCardCommons) -> Result<Self, InvalidMessage> {
        let mut details = c.other_fields;
        c.fields.put(&mut details);
        Ok(PhysicalCard {
            bank_id: bank_id("bankId", c.bank_id)?,
            card_id: ref_id("cardId", c.card_id)?,
            card_number: c.bank_card_number,
            issue_number: c.issue_number,
            account_id: c.account.account_id.value,
            customer_id: c.customer_id,
            enabled: c.enabled,
            valid_from: parse_date("validFrom", &c.valid_from)?,
            expires: parse_date("expires", &c.expires)?,
            details,
            cvv_hash: c.cvv_hash,
        })
    }
}

fn list_of_text(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn non_null(v: Option<&Value>) -> Option<Value> {
    v.filter(|v| !v.is_null()).cloned()
}

/// OBP's flat card fields, shared by `OutBoundCreatePhysicalCard` and
/// `OutBoundUpdatePhysicalCard`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
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
    /// Valid from, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    pub valid_from: String,
    /// Expires, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    pub expires: String,
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
    #[serde(default)]
    pub replacement: Option<Value>,
    /// PIN resets.
    #[serde(default)]
    pub pin_resets: Vec<Value>,
    /// Collected.
    #[serde(default)]
    pub collected: Option<Value>,
    /// Posted.
    #[serde(default)]
    pub posted: Option<Value>,
    /// CUSTOMER_ID.
    pub customer_id: String,
}

impl PhysicalCardFields {
    fn of(c: &PhysicalCard) -> Self {
        let d = &c.details;
        let flag = |k: &str| d.get(k).and_then(Value::as_bool).unwrap_or(false);
        Self {
            bank_card_number: c.card_number.clone(),
            name_on_card: text(d.get("name_on_card")),
            card_type: text(d.get("card_type")),
            issue_number: c.issue_number.clone(),
            serial_number: text(d.get("serial_number")),
            valid_from: format_card_date(c.valid_from),
            expires: format_card_date(c.expires),
            enabled: c.enabled,
            cancelled: flag("cancelled"),
            on_hot_list: flag("on_hot_list"),
            technology: text(d.get("technology")),
            networks: list_of_text(d.get("networks")),
            allows: list_of_text(d.get("allows")),
            account_id: c.account_id.clone(),
            bank_id: c.bank_id.as_str().to_owned(),
            replacement: non_null(d.get("replacement")),
            pin_resets: d
                .get("pin_reset")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default(),
            collected: non_null(d.get("collected")),
            posted: non_null(d.get("posted")),
            customer_id: c.customer_id.clone(),
        }
    }

    /// The card these fields describe (OBP's fields only), with `card_id`.
    fn to_commons(&self, card_id: String, cvv: &str, brand: &str) -> PhysicalCardCommons {
        let s = |v: &str| Some(Value::String(v.to_owned()));
        let strings = |v: &[String]| {
            Some(Value::Array(
                v.iter().map(|x| Value::String(x.clone())).collect(),
            ))
        };
        PhysicalCardCommons {
            card_id,
            bank_id: self.bank_id.clone(),
            bank_card_number: self.bank_card_number.clone(),
            issue_number: self.issue_number.clone(),
            valid_from: self.valid_from.clone(),
            expires: self.expires.clone(),
            enabled: self.enabled,
            account: CardAccount {
                bank_id: IdValue::new(&self.bank_id),
                account_id: IdValue::new(&self.account_id),
            },
            customer_id: self.customer_id.clone(),
            fields: CardFields {
                card_type: s(&self.card_type),
                name_on_card: s(&self.name_on_card),
                serial_number: s(&self.serial_number),
                cancelled: Some(Value::Bool(self.cancelled)),
                on_hot_list: Some(Value::Bool(self.on_hot_list)),
                technology: s(&self.technology),
                networks: strings(&self.networks),
                allows: strings(&self.allows),
                replacement: Some(self.replacement.clone().unwrap_or(Value::Null)),
                pin_resets: Some(Value::Array(self.pin_resets.clone())),
                collected: Some(self.collected.clone().unwrap_or(Value::Null)),
                posted: Some(self.posted.clone().unwrap_or(Value::Null)),
                cvv: s(cvv),
                brand: s(brand),
            },
            other_fields: Map::new(),
            cvv_hash: None,
        }
    }
}

/// `OutBoundCreatePhysicalCard`: OBP's flat fields (filled from the card: empty / `false`
/// when it has no such value), plus the *extension* `card`: the card to store, exactly, with
/// the CARD_ID the platform chose. The adapter refuses a taken CARD_ID, or a taken card
/// number and issue number at the bank, with OBP-30060 (CardAlreadyExists).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
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
    /// *Extension*: the card to store.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<PhysicalCardCommons>,
}

impl OutBoundCreatePhysicalCard {
    /// The message creating `c`.
    pub fn new(ctx: OutboundAdapterCallContext, c: &PhysicalCard) -> Self {
        Self {
            outbound_adapter_call_context: ctx,
            fields: PhysicalCardFields::of(c),
            cvv: text(c.details.get("cvv")),
            brand: text(c.details.get("brand")),
            card: Some(PhysicalCardCommons::from(c)),
        }
    }

    /// The card the message asks for: the extension when present, else OBP's fields with `id`.
    pub fn to_commons(&self, id: impl FnOnce() -> String) -> PhysicalCardCommons {
        match &self.card {
            Some(c) => c.clone(),
            None => self.fields.to_commons(id(), &self.cvv, &self.brand),
        }
    }
}

/// `OutBoundUpdatePhysicalCard`: OBP's flat fields plus the *extension* `card`, the card as
/// it should be (OBP-30059 CardNotFound when the bank has no card `cardId`;
/// OBP-30060 when the new number and issue number are another card's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
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
    pub card: Option<PhysicalCardCommons>,
}

impl OutBoundUpdatePhysicalCard {
    /// The message replacing the card `c.card_id` by `c`.
    pub fn new(ctx: OutboundAdapterCallContext, c: &PhysicalCard) -> Self {
        Self {
            outbound_adapter_call_context: ctx,
            card_id: c.card_id.clone(),
            fields: PhysicalCardFields::of(c),
            card: Some(PhysicalCardCommons::from(c)),
        }
    }

    /// The card the message asks for: the extension when present, else OBP's fields.
    pub fn to_commons(&self) -> PhysicalCardCommons {
        match &self.card {
            Some(c) => c.clone(),
            None => self.fields.to_commons(self.card_id.clone(), "", ""),
        }
    }
}

/// `OutBoundGetPhysicalCardForBank`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetPhysicalCardForBank {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// CARD_ID.
    pub card_id: String,
}

/// `OutBoundDeletePhysicalCardForBank`, answered with `true`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundDeletePhysicalCardForBank {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// BANK_ID.
    pub bank_id: IdValue,
    /// CARD_ID.
    pub card_id: String,
}

/// `OutBoundGetPhysicalCardsForBank`: a bank's cards, ordered by id. The platform knows only
/// the bank's id here: the other `bank` fields are empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetPhysicalCardsForBank {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The bank.
    pub bank: BankCommons,
    /// Who asks.
    pub user: UserCommons,
    /// Page size (the platform asks for all: OBP's `Int` maximum).
    pub limit: u32,
    /// Page offset.
    pub offset: u32,
    /// From, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    pub from_date: String,
    /// To, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    pub to_date: String,
}

/// `OutBoundGetPhysicalCardsForUser`: OBP's message names the user; the *extension*
/// `customerIds` lists the customers linked to that user, whose cards (at every bank) are
/// answered, ordered by card id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutBoundGetPhysicalCardsForUser {
    /// Call context.
    pub outbound_adapter_call_context: OutboundAdapterCallContext,
    /// The user.
    pub user: UserCommons,
    /// *Extension*: the user's CUSTOMER_IDs.
    #[serde(default)]
    pub customer_ids: Vec<String>,
}

/// `InBoundGetBranch` and the other single-branch answers.
pub type InBoundBranch = InBound<BranchTCommons>;
/// `InBoundGetAtm` and the other single-ATM answers.
pub type InBoundAtm = InBound<AtmTCommons>;
/// `InBoundGetProduct` and the other single-product answers.
pub type InBoundProduct = InBound<ProductCommons>;
/// `InBoundGetPhysicalCardForBank` and the other single-card answers.
pub type InBoundPhysicalCard = InBound<PhysicalCardCommons>;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use serde_json::json;

    fn b() -> BankId {
        BankId::parse("gh.29.uk").unwrap()
    }

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    fn round_trip<W, D>(d: &D) -> Value
    where
        for<'a> W: From<&'a D> + Serialize + serde::de::DeserializeOwned,
        D: TryFrom<W, Error = InvalidMessage> + PartialEq + std::fmt::Debug,
    {
        let v = serde_json::to_value(W::from(d)).unwrap();
        let back: W = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(&D::try_from(back).unwrap(), d);
        v
    }

    #[test]
    fn branches_round_trip_with_every_detail() {
        let branch = Branch {
            bank_id: b(),
            branch_id: "br-1".into(),
            name: "Main".into(),
            details: obj(json!({
                "address": {"line_1": "1 Street", "country_code": "DE"},
                "location": {"latitude": 52.5, "longitude": 13.4},
                "drive_up": null,
                "is_accessible": "true",
                "custom": {"x": 1},
                "moreInfo": "a key OBP's name would collide with"
            })),
        };
        let v = round_trip::<BranchTCommons, _>(&branch);
        assert_eq!(v["branchId"], json!({"value": "br-1"}));
        assert_eq!(v["address"]["line_1"], "1 Street");
        assert_eq!(v["driveUp"], Value::Null);
        assert_eq!(v["isAccessible"], "true");
        assert_eq!(v["otherFields"]["custom"], json!({"x": 1}));
        assert_eq!(
            v["otherFields"]["moreInfo"],
            "a key OBP's name would collide with"
        );
    }

    #[test]
    fn atms_map_opening_times_and_round_trip() {
        let atm = Atm {
            bank_id: b(),
            atm_id: "atm-1".into(),
            name: "ATM".into(),
            details: obj(json!({
                "monday": {"opening_time": "08:00", "closing_time": "18:00"},
                "tuesday": {"opening_time": "08:00"},
                "services": ["deposit"],
                "atm_type": "x"
            })),
        };
        let v = round_trip::<AtmTCommons, _>(&atm);
        assert_eq!(v["OpeningTimeOnMonday"], "08:00");
        assert_eq!(v["ClosingTimeOnMonday"], "18:00");
        assert!(v.get("OpeningTimeOnTuesday").is_none());
        assert_eq!(
            v["otherFields"]["tuesday"],
            json!({"opening_time": "08:00"})
        );
        assert_eq!(v["atmType"], "x");
    }

    #[test]
    fn products_and_attributes_round_trip() {
        let p = Product {
            bank_id: b(),
            product_code: "CURRENT".into(),
            parent_product_code: String::new(),
            name: "Current".into(),
            details: obj(json!({
                "more_info_url": "https://x",
                "meta": {"license": {"id": "pddl", "name": "PDDL"}},
                "fees": [1, 2]
            })),
        };
        let v = round_trip::<ProductCommons, _>(&p);
        assert_eq!(v["code"], json!({"value": "CURRENT"}));
        assert_eq!(v["moreInfoUrl"], "https://x");
        let out = OutBoundCreateOrUpdateProduct::new(OutboundAdapterCallContext::default(), &p);
        assert_eq!(out.meta_licence_id, "pddl");
        assert_eq!(Product::try_from(out.to_commons()).unwrap(), p);

        let a = ProductAttribute {
            id: "pa-1".into(),
            bank_id: b(),
            product_code: "CURRENT".into(),
            name: "ISIN".into(),
            attribute_type: "STRING".into(),
            value: "DE000".into(),
            is_active: None,
        };
        let v = round_trip::<ProductAttributeCommons, _>(&a);
        assert_eq!(v["productAttributeId"], "pa-1");
        let out =
            OutBoundCreateOrUpdateProductAttribute::new(OutboundAdapterCallContext::default(), &a);
        assert_eq!(
            ProductAttribute::try_from(out.to_commons(String::new)).unwrap(),
            a
        );

        let ba = BankAttribute {
            id: "ba-1".into(),
            bank_id: b(),
            name: "Motto".into(),
            attribute_type: "STRING".into(),
            value: "x".into(),
            is_active: false,
        };
        let v = round_trip::<BankAttributeTraitCommons, _>(&ba);
        assert_eq!(v["bankAttributeId"], "ba-1");
        let out =
            OutBoundCreateOrUpdateBankAttribute::new(OutboundAdapterCallContext::default(), &ba);
        assert_eq!(
            BankAttribute::try_from(out.to_commons(String::new)).unwrap(),
            ba
        );
    }

    #[test]
    fn cards_round_trip() {
        let card = PhysicalCard {
            bank_id: b(),
            card_id: "card-1".into(),
            card_number: "4111".into(),
            issue_number: "1".into(),
            account_id: "acc-1".into(),
            customer_id: "cust-1".into(),
            enabled: true,
            valid_from: Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(),
            expires: Utc.timestamp_opt(1_900_000_000, 5_000_000).unwrap(),
            details: obj(json!({
                "card_type": "Debit",
                "allows": ["credit"],
                "pin_reset": [],
                "collected": null,
                "account_label": "L"
            })),
            cvv_hash: Some("h".into()),
        };
        let v = round_trip::<PhysicalCardCommons, _>(&card);
        assert_eq!(v["cvvHash"], "h");
        assert_eq!(v["bankCardNumber"], "4111");
        assert_eq!(v["validFrom"], "2024-01-01T00:00:00Z");
        assert_eq!(v["account"]["accountId"], json!({"value": "acc-1"}));
        assert_eq!(v["collected"], Value::Null);
        assert_eq!(v["otherFields"]["account_label"], "L");
        let out = OutBoundCreatePhysicalCard::new(OutboundAdapterCallContext::default(), &card);
        let ov = serde_json::to_value(&out).unwrap();
        assert_eq!(ov["cardType"], "Debit");
        assert_eq!(ov["allows"], json!(["credit"]));
        assert_eq!(ov["accountId"], "acc-1");
        assert_eq!(
            PhysicalCard::try_from(out.to_commons(String::new)).unwrap(),
            card
        );
        // Without the extension, OBP's fields make the card.
        let mut bare = out;
        bare.card = None;
        let c = PhysicalCard::try_from(bare.to_commons(|| "card-9".into())).unwrap();
        assert_eq!(c.card_id, "card-9");
        assert_eq!(c.details["card_type"], "Debit");
    }

    #[test]
    fn bank_messages_have_obp_names() {
        let bank = Bank {
            id: b(),
            short_name: "GH".into(),
            full_name: "Good Hope".into(),
            logo_url: "l".into(),
            website_url: "w".into(),
            bank_routing_scheme: "BIC".into(),
            bank_routing_address: "X".into(),
            swift_bic: "X".into(),
            national_identifier: "n".into(),
        };
        let out = OutBoundCreateOrUpdateBank::new(OutboundAdapterCallContext::default(), &bank);
        let v = serde_json::to_value(&out).unwrap();
        for k in [
            "bankId",
            "fullBankName",
            "shortBankName",
            "logoURL",
            "websiteURL",
            "swiftBIC",
            "national_identifier",
            "bankRoutingScheme",
            "bankRoutingAddress",
            "outboundAdapterCallContext",
        ] {
            assert!(v.get(k).is_some(), "{k}");
        }
        assert_eq!(Bank::try_from(out.to_commons()).unwrap(), bank);
    }

    #[test]
    fn malformed_values_are_refused() {
        let branch =
            json!({"branchId": {"value": "bad id"}, "bankId": {"value": "gh.29.uk"}, "name": "x"});
        let w: BranchTCommons = serde_json::from_value(branch).unwrap();
        assert_eq!(Branch::try_from(w).unwrap_err().field, "branchId");
        let card = json!({"cardId": "c1", "bankId": "gh.29.uk", "bankCardNumber": "1",
            "issueNumber": "1", "validFrom": "yesterday", "expires": "2024-01-01T00:00:00Z",
            "enabled": true, "account": {"bankId": {"value": "gh.29.uk"}, "accountId": {"value": "a"}},
            "customerId": "c"});
        let w: PhysicalCardCommons = serde_json::from_value(card).unwrap();
        assert_eq!(PhysicalCard::try_from(w).unwrap_err().field, "validFrom");
        let attr = json!({"bankId": {"value": ""}, "bankAttributeId": "a", "attributeType": "STRING",
            "name": "n", "value": "v"});
        let w: BankAttributeTraitCommons = serde_json::from_value(attr).unwrap();
        assert_eq!(BankAttribute::try_from(w).unwrap_err().field, "bankId");
    }
}
