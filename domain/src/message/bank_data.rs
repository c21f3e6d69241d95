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
//! snake_case. On the wire they take OBP's case classes, so an adapter written for OBP reads
//! them as OBP's own connector would send them:
//! * each details key OBP's case class has a field for goes to that field, under OBP's name
//!   and in OBP's type:
//!   * branches: `address`→`address` (`Address{line1, line2, line3, city, county?, state,
//!     postCode, countryCode}` from `line_1`, ..., `postcode`, `country_code`),
//!     `location`→`location` (`Location{latitude, longitude}`), `meta`→`meta`
//!     (`Meta{license{id, name}}`), `lobby_string`/`drive_up_string`→`lobbyString`/
//!     `driveUpString` (`{hours}`), `branch_routing`→`branchRouting`, `lobby`→`lobby`
//!     (`Lobby`: all seven days, each a list of `OpeningTimes{openingTime, closingTime}`),
//!     `drive_up`→`driveUp` (`DriveUp`: all seven days, one `OpeningTimes` each),
//!     `is_accessible`→`isAccessible` (boolean), `accessibleFeatures` (the API keeps OBP's camelCase key),
//!     `branch_type`→`branchType`, `more_info`→`moreInfo`, `phone_number`→`phoneNumber`,
//!     `is_deleted`→`isDeleted`;
//!   * ATMs: `address`, `location`, `meta` (as for branches),
//!     `is_accessible`→`isAccessible`, `located_at`→`locatedAt`, `more_info`→`moreInfo`,
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
//!     and a day `monday` … `sunday` holding `{"opening_time"?, "closing_time"?}` (texts)
//!     → `OpeningTimeOnMonday` / `ClosingTimeOnMonday` …;
//!   * products: `category`, `family`, `super_family`→`superFamily`,
//!     `more_info_url`→`moreInfoUrl`, `terms_and_conditions_url`→`termsAndConditionsUrl`,
//!     `details`, `description`, `meta`;
//!   * cards (OBP's `PhysicalCard` and the flat fields of `createPhysicalCard` /
//!     `updatePhysicalCard`): `card_type`→`cardType`, `name_on_card`→`nameOnCard`,
//!     `serial_number`→`serialNumber`, `cancelled`, `on_hot_list`→`onHotList`,
//!     `technology`, `networks`, `allows` (`credit`→`CREDIT`, OBP's `CardAction` names),
//!     `replacement` (`{requested_date, reason_requested}`→`CardReplacementInfo
//!     {requestedDate, reasonRequested}`), `pin_reset`→`pinResets` (`PinResetInfo`s),
//!     `collected`/`posted` (a date → `{date}`), `cvv`, `brand`;
//! * a details value that does not fit its OBP field's type (an address that is not an
//!   object of texts, `replacement: null`, ...) and every other key travel unchanged in the
//!   *extension* object `otherFields`, so a record sent and read back is equal, key for key;
//! * a field OBP's case class requires but the record has no value for is sent as OBP sends
//!   it: `""` members (`"line2": ""`), `0` coordinates, an empty licence, `[]` for a day
//!   without lobby hours. Reading a reply, these empty defaults are absent from the details
//!   (an `""` member, a `0, 0` location, an empty licence or routing, a day without hours),
//!   and OBP's booleans become the API's JSON again: `is_accessible` the text
//!   `"true"`/`"false"` (as OBP's `BranchJsonV300`/`AtmJsonV510` carry it),
//!   `has_deposit_capability` and `is_deleted` booleans. A card's texts and lists are read
//!   back even when empty (the API writes each of them for a card), its flags only when
//!   set. Values the API renders the same either way (an explicit `"line_2": ""`, a flag
//!   as text or boolean) may so come back in the other spelling.
//! * the *extension* `card` of `createPhysicalCard` / `updatePhysicalCard`
//!   ([`PhysicalCardRecord`]) carries the card exactly as the platform holds it, details
//!   under OBP's names but with the API's values, for adapters of this platform.

use chrono::{DateTime, SecondsFormat, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use super::{
    format_date, invalid, parse_date, BankCommons, IdValue, InvalidMessage,
    OutboundAdapterCallContext,
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

// ------------------------------------------------------------------ OBP's place parts

/// Removes `key` from `d` when `read` accepts its value. A value it refuses (not of the
/// type OBP's field has) stays in `d`, and so travels in `otherFields` unchanged.
fn take<T>(
    d: &mut Map<String, Value>,
    key: &str,
    read: impl FnOnce(&Value) -> Option<T>,
) -> Option<T> {
    let v = read(d.get(key)?)?;
    d.remove(key);
    Some(v)
}

/// Puts a value read from an OBP field under `key`. `None` (the field absent, or holding
/// only OBP's empty default) leaves `d` as it is, so a value that travelled in
/// `otherFields` under that key is kept.
fn put(d: &mut Map<String, Value>, key: &str, v: Option<Value>) {
    if let Some(v) = v {
        d.insert(key.to_owned(), v);
    }
}

fn as_text(v: &Value) -> Option<String> {
    v.as_str().map(str::to_owned)
}

fn as_texts(v: &Value) -> Option<Vec<String>> {
    v.as_array()?.iter().map(as_text).collect()
}

fn texts_json(v: &[String]) -> Value {
    Value::Array(v.iter().cloned().map(Value::String).collect())
}

/// A boolean OBP field from a detail: a JSON boolean, or the text `"true"` / `"false"` the
/// API's JSON (OBP's `BranchJsonV300`, `AtmJsonV510`) carries flags as.
fn as_flag(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s == "true" => Some(true),
        Value::String(s) if s == "false" => Some(false),
        _ => None,
    }
}

/// The text members `keys` of an object, `""` for a missing one; `None` when `v` is not an
/// object, or has a member that is not text or not among `keys` (such a detail does not fit
/// OBP's case class: it travels in `otherFields`, whole).
fn text_members<const N: usize>(v: &Value, keys: [&str; N]) -> Option<[String; N]> {
    let o = v.as_object()?;
    if o.keys().any(|k| !keys.contains(&k.as_str())) {
        return None;
    }
    let mut out: [String; N] = std::array::from_fn(|_| String::new());
    for (slot, key) in out.iter_mut().zip(keys) {
        if let Some(x) = o.get(key) {
            *slot = x.as_str()?.to_owned();
        }
    }
    Some(out)
}

/// The object of the `(key, text)` pairs whose text is not empty: OBP sends `""` for a
/// member it has no value for, which the details leave out.
fn known_members(pairs: &[(&str, &str)]) -> Map<String, Value> {
    pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| ((*k).to_owned(), Value::String((*v).to_owned())))
        .collect()
}

/// The details' weekday keys, in OBP's order.
const DAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// OBP's `Address` (`CommonModelTrait.scala`): every member but `county` always sent, `""`
/// when unknown. Details: `{line_1, line_2, line_3, city, county, state, postcode,
/// country_code}` (text).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    /// Line 1.
    #[serde(default)]
    pub line1: String,
    /// Line 2.
    #[serde(default)]
    pub line2: String,
    /// Line 3.
    #[serde(default)]
    pub line3: String,
    /// City.
    #[serde(default)]
    pub city: String,
    /// County.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county: Option<String>,
    /// State.
    #[serde(default)]
    pub state: String,
    /// Post code.
    #[serde(default)]
    pub post_code: String,
    /// ISO 3166-1 alpha-2 country code.
    #[serde(default)]
    pub country_code: String,
}

impl Address {
    fn of_details(v: &Value) -> Option<Self> {
        let [line1, line2, line3, city, county, state, post_code, country_code] = text_members(
            v,
            [
                "line_1",
                "line_2",
                "line_3",
                "city",
                "county",
                "state",
                "postcode",
                "country_code",
            ],
        )?;
        Some(Self {
            line1,
            line2,
            line3,
            city,
            county: v.get("county").map(|_| county),
            state,
            post_code,
            country_code,
        })
    }

    /// The details' address: the members OBP has a value for; `None` when it has none.
    fn to_details(&self) -> Option<Value> {
        let o = known_members(&[
            ("line_1", &self.line1),
            ("line_2", &self.line2),
            ("line_3", &self.line3),
            ("city", &self.city),
            ("county", self.county.as_deref().unwrap_or_default()),
            ("state", &self.state),
            ("postcode", &self.post_code),
            ("country_code", &self.country_code),
        ]);
        (!o.is_empty()).then_some(Value::Object(o))
    }
}

/// OBP's `Location`: `latitude` and `longitude` (0 when unknown), `date` and `user` when
/// known. Details: `{latitude, longitude}` (numbers).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Location {
    /// Latitude.
    #[serde(default)]
    pub latitude: f64,
    /// Longitude.
    #[serde(default)]
    pub longitude: f64,
    /// When recorded (OBP `Date`), kept as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Who recorded it (OBP's `BasicResourceUser`), kept as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<Value>,
}

impl Location {
    fn of_details(v: &Value) -> Option<Self> {
        let o = v.as_object()?;
        if o.keys()
            .any(|k| !matches!(k.as_str(), "latitude" | "longitude" | "date" | "user"))
        {
            return None;
        }
        Some(Self {
            latitude: o.get("latitude")?.as_f64()?,
            longitude: o.get("longitude")?.as_f64()?,
            // A location read back from an adapter keeps its date and user (see
            // `to_details`), and is sent again as it came.
            date: match o.get("date") {
                Some(d) => Some(d.as_str()?.to_owned()),
                None => None,
            },
            user: o.get("user").cloned(),
        })
    }

    /// The details' location; `None` for OBP's unknown one (0, 0, no date, no user).
    fn to_details(&self) -> Option<Value> {
        let unknown = self.latitude == 0.0 && self.longitude == 0.0;
        if unknown && self.date.is_none() && self.user.is_none() {
            return None;
        }
        let mut o = Map::new();
        o.insert("latitude".to_owned(), Value::from(self.latitude));
        o.insert("longitude".to_owned(), Value::from(self.longitude));
        if let Some(d) = &self.date {
            o.insert("date".to_owned(), Value::String(d.clone()));
        }
        if let Some(u) = &self.user {
            o.insert("user".to_owned(), u.clone());
        }
        Some(Value::Object(o))
    }
}

/// OBP's `License`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct License {
    /// Licence id (e.g. `ODbL-1.0`).
    #[serde(default)]
    pub id: String,
    /// Licence name.
    #[serde(default)]
    pub name: String,
}

/// OBP's `Meta`: the data's licence (`""` members when unknown). Details:
/// `{license: {id, name}}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Meta {
    /// Licence.
    #[serde(default)]
    pub license: License,
}

impl Meta {
    fn of_details(v: &Value) -> Option<Self> {
        let o = v.as_object()?;
        if o.len() != 1 {
            return None;
        }
        let [id, name] = text_members(o.get("license")?, ["id", "name"])?;
        Some(Self {
            license: License { id, name },
        })
    }

    /// The details' meta; `None` for OBP's unknown one (empty id and name).
    fn to_details(&self) -> Option<Value> {
        let l = known_members(&[("id", &self.license.id), ("name", &self.license.name)]);
        if l.is_empty() {
            return None;
        }
        let mut o = Map::new();
        o.insert("license".to_owned(), Value::Object(l));
        Some(Value::Object(o))
    }
}

/// OBP's `Routing`. Details: `{scheme, address}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct BranchRouting {
    /// Scheme.
    #[serde(default)]
    pub scheme: String,
    /// Address.
    #[serde(default)]
    pub address: String,
}

impl BranchRouting {
    fn of_details(v: &Value) -> Option<Self> {
        let [scheme, address] = text_members(v, ["scheme", "address"])?;
        Some(Self { scheme, address })
    }

    fn to_details(&self) -> Option<Value> {
        let o = known_members(&[("scheme", &self.scheme), ("address", &self.address)]);
        (!o.is_empty()).then_some(Value::Object(o))
    }
}

/// OBP's `OpeningTimes` (`""` when unknown). Details: `{opening_time, closing_time}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OpeningTimes {
    /// Opening time.
    #[serde(default)]
    pub opening_time: String,
    /// Closing time.
    #[serde(default)]
    pub closing_time: String,
}

impl OpeningTimes {
    fn of_details(v: &Value) -> Option<Self> {
        let [opening_time, closing_time] = text_members(v, [OPENING, CLOSING])?;
        Some(Self {
            opening_time,
            closing_time,
        })
    }

    fn to_details(&self) -> Map<String, Value> {
        known_members(&[(OPENING, &self.opening_time), (CLOSING, &self.closing_time)])
    }
}

/// The weekday members of a details object, each read by `read`; `None` when `v` is not an
/// object, has another member, or a day `read` refuses.
fn week_of<T: Default>(v: &Value, read: impl Fn(&Value) -> Option<T>) -> Option<[T; 7]> {
    let o = v.as_object()?;
    if o.keys().any(|k| !DAYS.contains(&k.as_str())) {
        return None;
    }
    let mut out: [T; 7] = Default::default();
    for (slot, day) in out.iter_mut().zip(DAYS) {
        if let Some(x) = o.get(day) {
            *slot = read(x)?;
        }
    }
    Some(out)
}

/// OBP's `Lobby`: every weekday, each a list of opening times (`[]` when closed or
/// unknown). Details: `{monday: [{opening_time, closing_time}], ...}`, days without hours
/// left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Lobby {
    /// Monday.
    #[serde(default)]
    pub monday: Vec<OpeningTimes>,
    /// Tuesday.
    #[serde(default)]
    pub tuesday: Vec<OpeningTimes>,
    /// Wednesday.
    #[serde(default)]
    pub wednesday: Vec<OpeningTimes>,
    /// Thursday.
    #[serde(default)]
    pub thursday: Vec<OpeningTimes>,
    /// Friday.
    #[serde(default)]
    pub friday: Vec<OpeningTimes>,
    /// Saturday.
    #[serde(default)]
    pub saturday: Vec<OpeningTimes>,
    /// Sunday.
    #[serde(default)]
    pub sunday: Vec<OpeningTimes>,
}

impl Lobby {
    fn of_details(v: &Value) -> Option<Self> {
        let [monday, tuesday, wednesday, thursday, friday, saturday, sunday] = week_of(v, |day| {
            day.as_array()?
                .iter()
                .map(OpeningTimes::of_details)
                .collect()
        })?;
        Some(Self {
            monday,
            tuesday,
            wednesday,
            thursday,
            friday,
            saturday,
            sunday,
        })
    }

    fn to_details(&self) -> Value {
        let days = [
            &self.monday,
            &self.tuesday,
            &self.wednesday,
            &self.thursday,
            &self.friday,
            &self.saturday,
            &self.sunday,
        ];
        Value::Object(
            DAYS.iter()
                .zip(days)
                .filter(|(_, hours)| !hours.is_empty())
                .map(|(day, hours)| {
                    let hours = hours
                        .iter()
                        .map(|h| Value::Object(h.to_details()))
                        .collect();
                    ((*day).to_owned(), Value::Array(hours))
                })
                .collect(),
        )
    }
}

/// OBP's `DriveUp`: every weekday, one opening time each (`""` when unknown). Details:
/// `{monday: {opening_time, closing_time}, ...}`, days without hours left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DriveUp {
    /// Monday.
    #[serde(default)]
    pub monday: OpeningTimes,
    /// Tuesday.
    #[serde(default)]
    pub tuesday: OpeningTimes,
    /// Wednesday.
    #[serde(default)]
    pub wednesday: OpeningTimes,
    /// Thursday.
    #[serde(default)]
    pub thursday: OpeningTimes,
    /// Friday.
    #[serde(default)]
    pub friday: OpeningTimes,
    /// Saturday.
    #[serde(default)]
    pub saturday: OpeningTimes,
    /// Sunday.
    #[serde(default)]
    pub sunday: OpeningTimes,
}

impl DriveUp {
    fn of_details(v: &Value) -> Option<Self> {
        let [monday, tuesday, wednesday, thursday, friday, saturday, sunday] =
            week_of(v, OpeningTimes::of_details)?;
        Some(Self {
            monday,
            tuesday,
            wednesday,
            thursday,
            friday,
            saturday,
            sunday,
        })
    }

    fn to_details(&self) -> Value {
        let days = [
            &self.monday,
            &self.tuesday,
            &self.wednesday,
            &self.thursday,
            &self.friday,
            &self.saturday,
            &self.sunday,
        ];
        Value::Object(
            DAYS.iter()
                .zip(days)
                .map(|(day, hours)| ((*day).to_owned(), hours.to_details()))
                .filter(|(_, hours)| !hours.is_empty())
                .map(|(day, hours)| (day, Value::Object(hours)))
                .collect(),
        )
    }
}

/// OBP's `LobbyString` / `DriveUpString`: opening hours as free text. Details: a text
/// (`lobby_string`, `drive_up_string`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Hours {
    /// The hours.
    #[serde(default)]
    pub hours: String,
}

// ------------------------------------------------------------------ branches

/// The `BranchTCommons` fields kept in a branch's `details` (see the module doc), in OBP's
/// types. `address`, `location` and `meta` are always sent, OBP's empty defaults when the
/// branch has none, as OBP's case class requires them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BranchFields {
    /// `Address`.
    #[serde(default)]
    pub address: Address,
    /// `Location`.
    #[serde(default)]
    pub location: Location,
    /// `LobbyString` (details `lobby_string`, a text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lobby_string: Option<Hours>,
    /// `DriveUpString` (details `drive_up_string`, a text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drive_up_string: Option<Hours>,
    /// `Meta` (licence).
    #[serde(default)]
    pub meta: Meta,
    /// `Routing` (details `branch_routing`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch_routing: Option<BranchRouting>,
    /// `Lobby` opening hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lobby: Option<Lobby>,
    /// `DriveUp` opening hours (details `drive_up`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drive_up: Option<DriveUp>,
    /// Accessible (details `is_accessible`, the text `"true"` / `"false"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_accessible: Option<bool>,
    /// Accessible features (details `accessibleFeatures`, as OBP's `BranchJsonV300` spells it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessible_features: Option<String>,
    /// Branch type (details `branch_type`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch_type: Option<String>,
    /// More info (details `more_info`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub more_info: Option<String>,
    /// Phone number (details `phone_number`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// Deleted (details `is_deleted`, a boolean).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_deleted: Option<bool>,
}

/// A flag as the API's JSON holds `is_accessible`: the text `"true"` / `"false"`.
fn flag_text(b: bool) -> Value {
    Value::String(b.to_string())
}

impl BranchFields {
    /// Moves the details OBP has fields for out of `d`; a detail not of its field's type
    /// stays (for `otherFields`), and the field gets OBP's default.
    fn take(d: &mut Map<String, Value>) -> Self {
        Self {
            address: take(d, "address", Address::of_details).unwrap_or_default(),
            location: take(d, "location", Location::of_details).unwrap_or_default(),
            lobby_string: take(d, "lobby_string", as_text).map(|hours| Hours { hours }),
            drive_up_string: take(d, "drive_up_string", as_text).map(|hours| Hours { hours }),
            meta: take(d, "meta", Meta::of_details).unwrap_or_default(),
            branch_routing: take(d, "branch_routing", BranchRouting::of_details),
            lobby: take(d, "lobby", Lobby::of_details),
            drive_up: take(d, "drive_up", DriveUp::of_details),
            is_accessible: take(d, "is_accessible", as_flag),
            accessible_features: take(d, "accessibleFeatures", as_text),
            branch_type: take(d, "branch_type", as_text),
            more_info: take(d, "more_info", as_text),
            phone_number: take(d, "phone_number", as_text),
            is_deleted: take(d, "is_deleted", |v| v.as_bool()),
        }
    }

    /// Puts the fields back under their details keys, in the API's JSON; OBP's empty
    /// defaults are left out.
    fn put(self, d: &mut Map<String, Value>) {
        put(d, "address", self.address.to_details());
        put(d, "location", self.location.to_details());
        put(d, "meta", self.meta.to_details());
        put(
            d,
            "lobby_string",
            self.lobby_string.map(|h| Value::String(h.hours)),
        );
        put(
            d,
            "drive_up_string",
            self.drive_up_string.map(|h| Value::String(h.hours)),
        );
        put(
            d,
            "branch_routing",
            self.branch_routing.and_then(|r| r.to_details()),
        );
        put(d, "lobby", self.lobby.map(|l| l.to_details()));
        put(d, "drive_up", self.drive_up.map(|u| u.to_details()));
        put(d, "is_accessible", self.is_accessible.map(flag_text));
        for (key, v) in [
            ("accessibleFeatures", self.accessible_features),
            ("branch_type", self.branch_type),
            ("more_info", self.more_info),
            ("phone_number", self.phone_number),
        ] {
            put(d, key, v.map(Value::String));
        }
        put(d, "is_deleted", self.is_deleted.map(Value::Bool));
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
    /// From, `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` (OBP's query date).
    pub from_date: String,
    /// To, `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` (the time of the call).
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

/// The `AtmTCommons` fields kept in an ATM's `details` (see the module doc), in OBP's
/// types; the opening times are fields of [`AtmTCommons`]. `address`, `location` and `meta`
/// are always sent, OBP's empty defaults when the ATM has none.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AtmFields {
    /// `Address`.
    #[serde(default)]
    pub address: Address,
    /// `Location`.
    #[serde(default)]
    pub location: Location,
    /// `Meta` (licence).
    #[serde(default)]
    pub meta: Meta,
    /// Accessible (details `is_accessible`, the text `"true"` / `"false"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_accessible: Option<bool>,
    /// Located at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub located_at: Option<String>,
    /// More info.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub more_info: Option<String>,
    /// Deposit capability (details `has_deposit_capability`, a boolean).
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
}

/// The details keys of the ATM fields that are lists of texts.
const ATM_LISTS: [&str; 6] = [
    "supported_languages",
    "services",
    "accessibility_features",
    "supported_currencies",
    "notes",
    "location_categories",
];

/// The details keys of the ATM fields that are texts.
const ATM_TEXTS: [&str; 11] = [
    "located_at",
    "more_info",
    "minimum_withdrawal",
    "branch_identification",
    "site_identification",
    "site_name",
    "cash_withdrawal_national_fee",
    "cash_withdrawal_international_fee",
    "balance_inquiry_fee",
    "atm_type",
    "phone",
];

impl AtmFields {
    fn lists_mut(&mut self) -> [&mut Option<Vec<String>>; 6] {
        [
            &mut self.supported_languages,
            &mut self.services,
            &mut self.accessibility_features,
            &mut self.supported_currencies,
            &mut self.notes,
            &mut self.location_categories,
        ]
    }

    fn texts_mut(&mut self) -> [&mut Option<String>; 11] {
        [
            &mut self.located_at,
            &mut self.more_info,
            &mut self.minimum_withdrawal,
            &mut self.branch_identification,
            &mut self.site_identification,
            &mut self.site_name,
            &mut self.cash_withdrawal_national_fee,
            &mut self.cash_withdrawal_international_fee,
            &mut self.balance_inquiry_fee,
            &mut self.atm_type,
            &mut self.phone,
        ]
    }

    /// Moves the details OBP has fields for out of `d`; a detail not of its field's type
    /// stays (for `otherFields`), and the field gets OBP's default.
    fn take(d: &mut Map<String, Value>) -> Self {
        let mut f = Self {
            address: take(d, "address", Address::of_details).unwrap_or_default(),
            location: take(d, "location", Location::of_details).unwrap_or_default(),
            meta: take(d, "meta", Meta::of_details).unwrap_or_default(),
            is_accessible: take(d, "is_accessible", as_flag),
            has_deposit_capability: take(d, "has_deposit_capability", as_flag),
            ..Self::default()
        };
        for (key, slot) in ATM_LISTS.iter().zip(f.lists_mut()) {
            *slot = take(d, key, as_texts);
        }
        for (key, slot) in ATM_TEXTS.iter().zip(f.texts_mut()) {
            *slot = take(d, key, as_text);
        }
        f
    }

    /// Puts the fields back under their details keys, in the API's JSON; OBP's empty
    /// defaults are left out.
    fn put(mut self, d: &mut Map<String, Value>) {
        put(d, "address", self.address.to_details());
        put(d, "location", self.location.to_details());
        put(d, "meta", self.meta.to_details());
        put(d, "is_accessible", self.is_accessible.map(flag_text));
        put(
            d,
            "has_deposit_capability",
            self.has_deposit_capability.map(Value::Bool),
        );
        for (key, slot) in ATM_LISTS.iter().zip(self.lists_mut()) {
            put(d, key, slot.take().map(|l| texts_json(&l)));
        }
        for (key, slot) in ATM_TEXTS.iter().zip(self.texts_mut()) {
            put(d, key, slot.take().map(Value::String));
        }
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

/// The opening and closing time of a details day `{opening_time?, closing_time?}` (texts, at
/// least one); another value does not fit OBP's fields and travels in `otherFields`.
fn day_times(v: &Value) -> Option<(Option<String>, Option<String>)> {
    let o = v.as_object()?;
    if o.is_empty() || o.keys().any(|k| k != OPENING && k != CLOSING) {
        return None;
    }
    let member = |k: &str| match o.get(k) {
        None => Some(None),
        Some(x) => x.as_str().map(|s| Some(s.to_owned())),
    };
    Some((member(OPENING)?, member(CLOSING)?))
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
            if let Some((o, c)) = take(&mut details, day, day_times) {
                *open = o;
                *close = c;
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
    /// From, `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` (OBP's query date).
    pub from_date: String,
    /// To, `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` (the time of the call).
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
    /// The card details of the *extension* [`PhysicalCardRecord`]: under OBP's field names,
    /// with the values as the details hold them (the API's JSON, e.g.
    /// `replacement.requested_date`).
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
        /// Replacement request.
        replacement: "replacement" <= "replacement",
        /// PIN reset requests.
        pin_resets: "pinResets" <= "pin_reset",
        /// Collection date.
        collected: "collected" <= "collected",
        /// Posting date.
        posted: "posted" <= "posted",
        /// CVV.
        cvv: "cvv" <= "cvv",
        /// Brand.
        brand: "brand" <= "brand",
    }
}

/// OBP's `BankAccount` of a card, reduced to its ids and label (an adapter may send the whole
/// `BankAccountCommons`; the other fields are ignored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CardAccount {
    /// BANK_ID.
    pub bank_id: IdValue,
    /// ACCOUNT_ID.
    pub account_id: IdValue,
    /// The account's label, when known (details `account_label`, which the API shows).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
}

/// *Extension* `card` of `createPhysicalCard` / `updatePhysicalCard`: the card exactly as
/// the platform holds it, its details under OBP's field names ([`CardFields`]) but with the
/// values of the API's JSON, and the rest in `otherFields`. An adapter of this platform
/// stores it as it is; OBP's typed fields beside it are for adapters written for OBP.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PhysicalCardRecord {
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
    #[serde(default)]
    pub valid_from: String,
    /// Expires (RFC 3339).
    #[serde(default)]
    pub expires: String,
    /// Whether the card can be used.
    #[serde(default)]
    pub enabled: bool,
    /// The account the card draws on.
    pub account: CardAccount,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// The details OBP has fields for.
    #[serde(flatten)]
    pub fields: CardFields,
    /// Details OBP has no field for.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub other_fields: Map<String, Value>,
    /// The card's CVV as `obp_domain::refdata::hash_cvv` stored it (never the CVV itself);
    /// absent for a card without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cvv_hash: Option<String>,
}

impl From<&PhysicalCard> for PhysicalCardRecord {
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
                label: text(c.details.get("account_label")),
            },
            customer_id: c.customer_id.clone(),
            fields,
            other_fields: details,
            cvv_hash: c.cvv_hash.clone(),
        }
    }
}

impl TryFrom<PhysicalCardRecord> for PhysicalCard {
    type Error = InvalidMessage;
    fn try_from(c: PhysicalCardRecord) -> Result<Self, InvalidMessage> {
        let mut details = c.other_fields;
        c.fields.put(&mut details);
        Ok(PhysicalCard {
            bank_id: bank_id("card.bankId", c.bank_id)?,
            card_id: ref_id("card.cardId", c.card_id)?,
            card_number: c.bank_card_number,
            issue_number: c.issue_number,
            account_id: c.account.account_id.value,
            customer_id: c.customer_id,
            enabled: c.enabled,
            valid_from: parse_date("card.validFrom", &c.valid_from)?,
            expires: parse_date("card.expires", &c.expires)?,
            details,
            cvv_hash: c.cvv_hash,
        })
    }
}

/// A details date that OBP's `Date` carries unchanged: RFC 3339 in OBP's format
/// (`yyyy-MM-dd'T'HH:mm:ss'Z'`). Another one does not fit and travels in `otherFields`.
fn as_obp_date(v: &Value) -> Option<String> {
    let s = v.as_str()?;
    let d = DateTime::parse_from_rfc3339(s).ok()?.with_timezone(&Utc);
    let obp = format_date(d);
    (obp == s).then_some(obp)
}

/// A card date from a reply in OBP's format (`yyyy-MM-dd'T'HH:mm:ss'Z'`), so that it can be sent
/// again as it reads (an adapter may add milliseconds); kept as sent when it is no date.
fn normal_date(s: String) -> String {
    match DateTime::parse_from_rfc3339(&s) {
        Ok(d) => format_date(d.with_timezone(&Utc)),
        Err(_) => s,
    }
}

/// OBP's `CardReplacementInfo` and `PinResetInfo`: `{requestedDate, reasonRequested}`
/// (`Date`, reason name). Details: `{requested_date, reason_requested}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CardRequestInfo {
    /// When requested, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    pub requested_date: String,
    /// Reason (`LOST`, `STOLEN`, `RENEW`, `FIRST`; `FORGOT`, `GOOD_SECURITY_PRACTICE`).
    pub reason_requested: String,
}

impl CardRequestInfo {
    fn of_details(v: &Value) -> Option<Self> {
        let o = v.as_object()?;
        if o.len() != 2 {
            return None;
        }
        Some(Self {
            requested_date: as_obp_date(o.get("requested_date")?)?,
            reason_requested: as_text(o.get("reason_requested")?)?,
        })
    }

    fn to_details(&self) -> Value {
        let mut o = Map::new();
        o.insert(
            "requested_date".to_owned(),
            Value::String(normal_date(self.requested_date.clone())),
        );
        o.insert(
            "reason_requested".to_owned(),
            Value::String(self.reason_requested.clone()),
        );
        Value::Object(o)
    }
}

/// OBP's `CardCollectionInfo` and `CardPostedInfo`: `{date}`. Details: the date as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CardDateInfo {
    /// The date, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    pub date: String,
}

/// Puts `v` under `key`, unless it is OBP's empty default and `d` already holds the key
/// (a value that travelled in `otherFields` because it did not fit the field).
fn put_unless_default(d: &mut Map<String, Value>, key: &str, v: Value, is_default: bool) {
    if !is_default || !d.contains_key(key) {
        d.insert(key.to_owned(), v);
    }
}

/// OBP's typed card details, shared by `PhysicalCard` ([`PhysicalCardCommons`]) and the flat
/// fields of `OutBoundCreatePhysicalCard` / `OutBoundUpdatePhysicalCard`
/// ([`PhysicalCardFields`]). OBP's defaults (`""`, `false`, `[]`) when the card has no value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CardInfo {
    /// Card type (e.g. `Debit`).
    #[serde(default)]
    pub card_type: String,
    /// Name on the card.
    #[serde(default)]
    pub name_on_card: String,
    /// Serial number.
    #[serde(default)]
    pub serial_number: String,
    /// Cancelled.
    #[serde(default)]
    pub cancelled: bool,
    /// On the hot list.
    #[serde(default)]
    pub on_hot_list: bool,
    /// Technology.
    #[serde(default)]
    pub technology: String,
    /// Networks.
    #[serde(default)]
    pub networks: Vec<String>,
    /// Allowed actions, as OBP writes a `CardAction`: its name (`CREDIT`, `DEBIT`,
    /// `CASH_WITHDRAWAL`); details: lower case (`credit`, ...), as the API takes them.
    #[serde(default)]
    pub allows: Vec<String>,
    /// `CardReplacementInfo` (details `replacement`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replacement: Option<CardRequestInfo>,
    /// `PinResetInfo`s (details `pin_reset`).
    #[serde(default)]
    pub pin_resets: Vec<CardRequestInfo>,
    /// `CardCollectionInfo` (details `collected`, a date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collected: Option<CardDateInfo>,
    /// `CardPostedInfo` (details `posted`, a date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posted: Option<CardDateInfo>,
}

impl CardInfo {
    /// Moves the details OBP has fields for out of `d`; a detail not of its field's type
    /// (e.g. `replacement: null`) stays (for `otherFields`), and the field gets OBP's default.
    fn take(d: &mut Map<String, Value>) -> Self {
        let lower_case = |v: &Value| {
            as_texts(v)?
                .into_iter()
                .map(|a| (a == a.to_lowercase()).then(|| a.to_uppercase()))
                .collect::<Option<Vec<_>>>()
        };
        let requests = |v: &Value| {
            v.as_array()?
                .iter()
                .map(CardRequestInfo::of_details)
                .collect::<Option<Vec<_>>>()
        };
        let date = |v: &Value| as_obp_date(v).map(|date| CardDateInfo { date });
        Self {
            card_type: take(d, "card_type", as_text).unwrap_or_default(),
            name_on_card: take(d, "name_on_card", as_text).unwrap_or_default(),
            serial_number: take(d, "serial_number", as_text).unwrap_or_default(),
            cancelled: take(d, "cancelled", Value::as_bool).unwrap_or_default(),
            on_hot_list: take(d, "on_hot_list", Value::as_bool).unwrap_or_default(),
            technology: take(d, "technology", as_text).unwrap_or_default(),
            networks: take(d, "networks", as_texts).unwrap_or_default(),
            allows: take(d, "allows", lower_case).unwrap_or_default(),
            replacement: take(d, "replacement", CardRequestInfo::of_details),
            pin_resets: take(d, "pin_reset", requests).unwrap_or_default(),
            collected: take(d, "collected", date),
            posted: take(d, "posted", date),
        }
    }

    /// Puts the fields back under their details keys, in the API's JSON. The texts and lists
    /// are always put (the API writes each of them for a card), the flags only when set (the
    /// API writes neither), the requests and dates when present.
    fn put(self, d: &mut Map<String, Value>) {
        for (key, v) in [
            ("card_type", self.card_type),
            ("name_on_card", self.name_on_card),
            ("serial_number", self.serial_number),
            ("technology", self.technology),
        ] {
            let empty = v.is_empty();
            put_unless_default(d, key, Value::String(v), empty);
        }
        put(d, "cancelled", self.cancelled.then_some(Value::Bool(true)));
        put(
            d,
            "on_hot_list",
            self.on_hot_list.then_some(Value::Bool(true)),
        );
        let allows: Vec<String> = self.allows.iter().map(|a| a.to_lowercase()).collect();
        for (key, v) in [("networks", self.networks), ("allows", allows)] {
            put_unless_default(d, key, texts_json(&v), v.is_empty());
        }
        put(d, "replacement", self.replacement.map(|r| r.to_details()));
        let resets: Vec<Value> = self
            .pin_resets
            .iter()
            .map(CardRequestInfo::to_details)
            .collect();
        let none = resets.is_empty();
        put_unless_default(d, "pin_reset", Value::Array(resets), none);
        put(
            d,
            "collected",
            self.collected.map(|c| Value::String(normal_date(c.date))),
        );
        put(
            d,
            "posted",
            self.posted.map(|c| Value::String(normal_date(c.date))),
        );
    }
}

/// OBP's `PhysicalCard` (`PhysicalCardModel.scala`) as a message value: the answer to the
/// card messages.
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
    /// OBP's typed details.
    #[serde(flatten)]
    pub info: CardInfo,
    /// CVV.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cvv: Option<String>,
    /// Brand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
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
        let info = CardInfo::take(&mut details);
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
                label: text(c.details.get("account_label")),
            },
            customer_id: c.customer_id.clone(),
            info,
            cvv: take(&mut details, "cvv", as_text),
            brand: take(&mut details, "brand", as_text),
            other_fields: details,
            cvv_hash: c.cvv_hash.clone(),
        }
    }
}

impl TryFrom<PhysicalCardCommons> for PhysicalCard {
    type Error = InvalidMessage;
    fn try_from(c: PhysicalCardCommons) -> Result<Self, InvalidMessage> {
        let mut details = c.other_fields;
        c.info.put(&mut details);
        put(&mut details, "cvv", c.cvv.map(Value::String));
        put(&mut details, "brand", c.brand.map(Value::String));
        // An adapter keeping only OBP's fields sends the label with the account.
        if !c.account.label.is_empty() && !details.contains_key("account_label") {
            details.insert("account_label".to_owned(), Value::String(c.account.label));
        }
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

/// OBP's flat card fields, shared by `OutBoundCreatePhysicalCard` and
/// `OutBoundUpdatePhysicalCard` (`JsonsTransfer.scala`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PhysicalCardFields {
    /// Card number.
    pub bank_card_number: String,
    /// Issue number.
    pub issue_number: String,
    /// Valid from, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    pub valid_from: String,
    /// Expires, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    pub expires: String,
    /// Enabled.
    pub enabled: bool,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// OBP's typed details (`cardType`, `nameOnCard`, ..., `replacement`, `pinResets`,
    /// `collected`, `posted`).
    #[serde(flatten)]
    pub info: CardInfo,
}

impl PhysicalCardFields {
    fn of(c: &PhysicalCard) -> Self {
        Self {
            bank_card_number: c.card_number.clone(),
            issue_number: c.issue_number.clone(),
            valid_from: format_card_date(c.valid_from),
            expires: format_card_date(c.expires),
            enabled: c.enabled,
            account_id: c.account_id.clone(),
            bank_id: c.bank_id.as_str().to_owned(),
            customer_id: c.customer_id.clone(),
            info: CardInfo {
                // The messages creating and updating a card carry `allows` as the request
                // body had it (`credit`, OBP's `CardAction` keys, APIMethods500 1746); only
                // OBP's `PhysicalCard` writes the action names (`CREDIT`).
                allows: c
                    .details
                    .get("allows")
                    .and_then(as_texts)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|a| a.to_lowercase())
                    .collect(),
                ..CardInfo::take(&mut c.details.clone())
            },
        }
    }

    /// The card these fields describe (OBP's fields only), with `card_id`, `cvv` and
    /// `brand` (left out when empty).
    fn to_card(
        &self,
        card_id: String,
        cvv: &str,
        brand: &str,
    ) -> Result<PhysicalCard, InvalidMessage> {
        let mut details = Map::new();
        self.info.clone().put(&mut details);
        for (key, v) in [("cvv", cvv), ("brand", brand)] {
            put(
                &mut details,
                key,
                (!v.is_empty()).then(|| Value::String(v.to_owned())),
            );
        }
        Ok(PhysicalCard {
            bank_id: bank_id("bankId", self.bank_id.clone())?,
            card_id: ref_id("cardId", card_id)?,
            card_number: self.bank_card_number.clone(),
            issue_number: self.issue_number.clone(),
            account_id: self.account_id.clone(),
            customer_id: self.customer_id.clone(),
            enabled: self.enabled,
            valid_from: parse_date("validFrom", &self.valid_from)?,
            expires: parse_date("expires", &self.expires)?,
            details,
            cvv_hash: None,
        })
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
    pub card: Option<PhysicalCardRecord>,
}

impl OutBoundCreatePhysicalCard {
    /// The message creating `c`.
    pub fn new(ctx: OutboundAdapterCallContext, c: &PhysicalCard) -> Self {
        Self {
            outbound_adapter_call_context: ctx,
            fields: PhysicalCardFields::of(c),
            cvv: text(c.details.get("cvv")),
            brand: text(c.details.get("brand")),
            card: Some(PhysicalCardRecord::from(c)),
        }
    }

    /// The card the message asks for: the extension when present, else OBP's fields with `id`.
    ///
    /// # Errors
    /// A malformed id or date.
    pub fn to_card(&self, id: impl FnOnce() -> String) -> Result<PhysicalCard, InvalidMessage> {
        match &self.card {
            Some(c) => PhysicalCard::try_from(c.clone()),
            None => self.fields.to_card(id(), &self.cvv, &self.brand),
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
    pub card: Option<PhysicalCardRecord>,
}

impl OutBoundUpdatePhysicalCard {
    /// The message replacing the card `c.card_id` by `c`.
    pub fn new(ctx: OutboundAdapterCallContext, c: &PhysicalCard) -> Self {
        Self {
            outbound_adapter_call_context: ctx,
            card_id: c.card_id.clone(),
            fields: PhysicalCardFields::of(c),
            card: Some(PhysicalCardRecord::from(c)),
        }
    }

    /// The card the message asks for: the extension when present, else OBP's fields.
    ///
    /// # Errors
    /// A malformed id or date.
    pub fn to_card(&self) -> Result<PhysicalCard, InvalidMessage> {
        match &self.card {
            Some(c) => PhysicalCard::try_from(c.clone()),
            None => self.fields.to_card(self.card_id.clone(), "", ""),
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
    /// From, `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` (OBP's query date).
    pub from_date: String,
    /// To, `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` (the time of the call).
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
    fn branches_travel_in_obps_case_classes_and_round_trip() {
        let branch = Branch {
            bank_id: b(),
            branch_id: "br-1".into(),
            name: "Main".into(),
            details: obj(json!({
                "address": {"line_1": "1 Street", "country_code": "DE"},
                "location": {"latitude": 52.5, "longitude": 13.4},
                "lobby": {"monday": [{"opening_time": "09:00", "closing_time": "17:00"}]},
                "drive_up": {"friday": {"opening_time": "08:00"}},
                "branch_routing": {"scheme": "OBP", "address": "123"},
                "is_accessible": "true",
                "branch_type": "Main",
                "custom": {"x": 1},
                "moreInfo": "a key OBP's name would collide with"
            })),
        };
        let v = round_trip::<BranchTCommons, _>(&branch);
        assert_eq!(v["branchId"], json!({"value": "br-1"}));
        assert_eq!(
            v["address"],
            json!({"line1": "1 Street", "line2": "", "line3": "", "city": "", "state": "",
                   "postCode": "", "countryCode": "DE"})
        );
        assert_eq!(v["location"], json!({"latitude": 52.5, "longitude": 13.4}));
        // No licence known: OBP's Meta with empty members, still sent.
        assert_eq!(v["meta"], json!({"license": {"id": "", "name": ""}}));
        let lobby = v["lobby"].as_object().unwrap();
        assert_eq!(lobby.len(), 7);
        assert_eq!(
            lobby["monday"],
            json!([{"openingTime": "09:00", "closingTime": "17:00"}])
        );
        assert_eq!(lobby["sunday"], json!([]));
        assert_eq!(v["driveUp"].as_object().unwrap().len(), 7);
        assert_eq!(
            v["driveUp"]["friday"],
            json!({"openingTime": "08:00", "closingTime": ""})
        );
        assert_eq!(
            v["branchRouting"],
            json!({"scheme": "OBP", "address": "123"})
        );
        assert_eq!(v["isAccessible"], json!(true));
        assert_eq!(v["branchType"], "Main");
        assert_eq!(v["otherFields"]["custom"], json!({"x": 1}));
        assert_eq!(
            v["otherFields"]["moreInfo"],
            "a key OBP's name would collide with"
        );
    }

    #[test]
    fn a_bare_branch_sends_obps_defaults_and_reads_them_back_as_absent() {
        let bare = Branch {
            bank_id: b(),
            branch_id: "br-2".into(),
            name: "Bare".into(),
            details: Map::new(),
        };
        let v = round_trip::<BranchTCommons, _>(&bare);
        assert_eq!(v["address"]["line1"], "");
        assert_eq!(v["location"], json!({"latitude": 0.0, "longitude": 0.0}));
        assert_eq!(v["meta"]["license"]["name"], "");
        assert!(v.get("lobby").is_none() && v.get("isAccessible").is_none());
        // What an OBP adapter answers for it: every member, OBP's defaults where unknown.
        let reply = json!({
            "branchId": {"value": "br-2"}, "bankId": {"value": "gh.29.uk"}, "name": "Bare",
            "address": {"line1": "", "line2": "", "line3": "", "city": "", "county": "",
                        "state": "", "postCode": "", "countryCode": ""},
            "location": {"latitude": 0.0, "longitude": 0.0},
            "meta": {"license": {"id": "", "name": ""}},
            "isAccessible": false
        });
        let w: BranchTCommons = serde_json::from_value(reply).unwrap();
        let back = Branch::try_from(w).unwrap();
        assert_eq!(back.details, obj(json!({"is_accessible": "false"})));
    }

    #[test]
    fn details_that_do_not_fit_obps_types_travel_in_other_fields() {
        let branch = Branch {
            bank_id: b(),
            branch_id: "br-3".into(),
            name: "Odd".into(),
            details: obj(json!({
                "address": "1 Street, Berlin",
                "location": {"latitude": "52.5", "longitude": 13.4},
                "is_accessible": "yes",
                "lobby": {"someday": []}
            })),
        };
        let v = round_trip::<BranchTCommons, _>(&branch);
        assert_eq!(v["address"]["line1"], "");
        assert_eq!(v["otherFields"]["address"], "1 Street, Berlin");
        assert_eq!(v["otherFields"]["is_accessible"], "yes");
        assert_eq!(v["otherFields"]["lobby"], json!({"someday": []}));
        assert!(v.get("isAccessible").is_none());
    }

    #[test]
    fn atms_map_opening_times_and_round_trip() {
        let atm = Atm {
            bank_id: b(),
            atm_id: "atm-1".into(),
            name: "ATM".into(),
            details: obj(json!({
                "address": {"line_1": "2 Street", "city": "Berlin", "county": "Mitte"},
                "meta": {"license": {"id": "pddl", "name": "PDDL"}},
                "monday": {"opening_time": "08:00", "closing_time": "18:00"},
                "tuesday": {"opening_time": "08:00"},
                "wednesday": {"opens": "08:00"},
                "services": ["deposit"],
                "has_deposit_capability": true,
                "is_accessible": "false",
                "atm_type": "x"
            })),
        };
        let v = round_trip::<AtmTCommons, _>(&atm);
        assert_eq!(v["OpeningTimeOnMonday"], "08:00");
        assert_eq!(v["ClosingTimeOnMonday"], "18:00");
        assert_eq!(v["OpeningTimeOnTuesday"], "08:00");
        assert!(v.get("ClosingTimeOnTuesday").is_none());
        assert_eq!(v["otherFields"]["wednesday"], json!({"opens": "08:00"}));
        assert_eq!(v["address"]["line1"], "2 Street");
        assert_eq!(v["address"]["county"], "Mitte");
        assert_eq!(v["location"], json!({"latitude": 0.0, "longitude": 0.0}));
        assert_eq!(
            v["meta"],
            json!({"license": {"id": "pddl", "name": "PDDL"}})
        );
        assert_eq!(v["services"], json!(["deposit"]));
        assert_eq!(v["hasDepositCapability"], json!(true));
        assert_eq!(v["isAccessible"], json!(false));
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

    fn a_card() -> PhysicalCard {
        PhysicalCard {
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
                "name_on_card": "ALICE",
                "serial_number": "S-1",
                "technology": "chip",
                "networks": ["VISA"],
                "allows": ["credit", "cash_withdrawal"],
                "replacement": {"requested_date": "2024-01-01T00:00:00Z", "reason_requested": "FIRST"},
                "pin_reset": [{"requested_date": "2024-02-01T00:00:00Z", "reason_requested": "FORGOT"}],
                "collected": null,
                "posted": "2024-01-02T00:00:00Z",
                "brand": "Visa",
                "account_label": "L"
            })),
            cvv_hash: Some("h".into()),
        }
    }

    #[test]
    fn cards_travel_in_obps_case_classes_and_round_trip() {
        let card = a_card();
        let v = round_trip::<PhysicalCardCommons, _>(&card);
        assert_eq!(v["cvvHash"], "h");
        assert_eq!(v["bankCardNumber"], "4111");
        assert_eq!(v["validFrom"], "2024-01-01T00:00:00Z");
        assert_eq!(v["account"]["accountId"], json!({"value": "acc-1"}));
        assert_eq!(
            v["replacement"],
            json!({"requestedDate": "2024-01-01T00:00:00Z", "reasonRequested": "FIRST"})
        );
        assert_eq!(
            v["pinResets"],
            json!([{"requestedDate": "2024-02-01T00:00:00Z", "reasonRequested": "FORGOT"}])
        );
        assert_eq!(v["posted"], json!({"date": "2024-01-02T00:00:00Z"}));
        assert!(v.get("collected").is_none());
        assert_eq!(v["allows"], json!(["CREDIT", "CASH_WITHDRAWAL"]));
        assert_eq!(v["cancelled"], json!(false));
        assert_eq!(v["brand"], "Visa");
        // `null` fits no OBP type: it travels as it is.
        assert_eq!(v["otherFields"]["collected"], Value::Null);
        assert_eq!(v["otherFields"]["account_label"], "L");
        assert_eq!(v["account"]["label"], "L");
        // An adapter keeping only OBP's fields: the label comes back with the account.
        let mut obp_only = v.clone();
        obp_only["otherFields"]
            .as_object_mut()
            .unwrap()
            .remove("account_label");
        let back: PhysicalCardCommons = serde_json::from_value(obp_only).unwrap();
        let back = PhysicalCard::try_from(back).unwrap();
        assert_eq!(back.details["account_label"], "L");

        let out = OutBoundCreatePhysicalCard::new(OutboundAdapterCallContext::default(), &card);
        let ov = serde_json::to_value(&out).unwrap();
        assert_eq!(ov["cardType"], "Debit");
        assert_eq!(ov["allows"], json!(["credit", "cash_withdrawal"]));
        assert_eq!(ov["accountId"], "acc-1");
        assert_eq!(ov["replacement"]["reasonRequested"], "FIRST");
        assert_eq!(ov["pinResets"][0]["requestedDate"], "2024-02-01T00:00:00Z");
        assert_eq!(ov["posted"], json!({"date": "2024-01-02T00:00:00Z"}));
        assert_eq!(ov["brand"], "Visa");
        // The extension keeps the details as the platform holds them.
        assert_eq!(
            ov["card"]["replacement"]["requested_date"],
            "2024-01-01T00:00:00Z"
        );
        assert_eq!(ov["card"]["posted"], "2024-01-02T00:00:00Z");
        let back: OutBoundCreatePhysicalCard = serde_json::from_value(ov).unwrap();
        assert_eq!(back.to_card(String::new).unwrap(), card);
        // Without the extension, OBP's fields make the card.
        let mut bare = back;
        bare.card = None;
        let c = bare.to_card(|| "card-9".into()).unwrap();
        assert_eq!(c.card_id, "card-9");
        assert_eq!(c.details["card_type"], "Debit");
        assert_eq!(c.details["allows"], json!(["credit", "cash_withdrawal"]));
        assert_eq!(c.details["pin_reset"][0]["reason_requested"], "FORGOT");
        assert_eq!(c.details["posted"], "2024-01-02T00:00:00Z");

        let up = OutBoundUpdatePhysicalCard::new(OutboundAdapterCallContext::default(), &card);
        assert_eq!(up.to_card().unwrap(), card);
    }

    #[test]
    fn a_card_reply_with_obps_defaults_reads_back_as_the_api_holds_it() {
        let reply = json!({
            "cardId": "card-1", "bankId": "gh.29.uk", "bankCardNumber": "4111",
            "cardType": "Debit", "nameOnCard": "", "issueNumber": "1", "serialNumber": "",
            "validFrom": "2024-01-01T00:00:00Z", "expires": "2030-01-01T00:00:00Z",
            "enabled": true, "cancelled": false, "onHotList": false, "technology": "",
            "networks": [], "allows": ["DEBIT"],
            "account": {"accountId": {"value": "acc-1"}, "bankId": {"value": "gh.29.uk"},
                        "label": "Savings", "number": "other fields ignored"},
            "pinResets": [], "customerId": "cust-1",
            "collected": {"date": "2024-01-03T00:00:00Z"}
        });
        let w: PhysicalCardCommons = serde_json::from_value(reply).unwrap();
        let c = PhysicalCard::try_from(w).unwrap();
        assert_eq!(
            c.details,
            obj(
                json!({"card_type": "Debit", "name_on_card": "", "serial_number": "",
                       "technology": "", "networks": [], "allows": ["debit"], "pin_reset": [],
                       "collected": "2024-01-03T00:00:00Z", "account_label": "Savings"})
            )
        );
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
