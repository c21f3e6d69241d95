//! OBP's JSON shapes of physical cards.
//!
//! The answers are written with their keys in sorted order (the order the cards were always
//! answered in), so the fields of each answer struct are declared alphabetically. Fields read
//! from a card's `details` are `Value`s: they are answered as stored (`null` when missing).

use chrono::{DateTime, Utc};
use obp_domain::refdata::PhysicalCard;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::json::obp_date;
use crate::service::cards::{mask_card_number, CardInput, Request};

/// `ReplacementJSON`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReplacementJson {
    /// When it was requested.
    pub requested_date: DateTime<Utc>,
    /// `LOST`, `STOLEN`, `RENEW` or `FIRST`.
    pub reason_requested: String,
}

/// `PinResetJSON`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PinResetJson {
    /// When it was requested.
    pub requested_date: DateTime<Utc>,
    /// `FORGOT` or `GOOD_SECURITY_PRACTICE`.
    pub reason_requested: String,
}

/// `CreatePhysicalCardJsonV500`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CreatePhysicalCardJsonV500 {
    /// Card number.
    pub card_number: String,
    /// Card type.
    pub card_type: String,
    /// Name on card.
    pub name_on_card: String,
    /// Issue number (at most 10 characters).
    pub issue_number: String,
    /// Serial number.
    pub serial_number: String,
    /// Valid from.
    pub valid_from_date: DateTime<Utc>,
    /// Expires.
    pub expires_date: DateTime<Utc>,
    /// Enabled.
    pub enabled: bool,
    /// Technology.
    pub technology: String,
    /// Networks.
    pub networks: Vec<String>,
    /// `credit`, `debit`, `cash_withdrawal`.
    pub allows: Vec<String>,
    /// ACCOUNT_ID at the bank.
    pub account_id: String,
    /// Replacement.
    pub replacement: Option<ReplacementJson>,
    /// PIN resets.
    pub pin_reset: Vec<PinResetJson>,
    /// Collected.
    pub collected: Option<DateTime<Utc>>,
    /// Posted.
    pub posted: Option<DateTime<Utc>>,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// Brand.
    pub brand: String,
}

/// `UpdatePhysicalCardJsonV310`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct UpdatePhysicalCardJsonV310 {
    /// Card type.
    pub card_type: String,
    /// Name on card.
    pub name_on_card: String,
    /// Issue number (at most 10 characters).
    pub issue_number: String,
    /// Serial number.
    pub serial_number: String,
    /// Valid from.
    pub valid_from_date: DateTime<Utc>,
    /// Expires.
    pub expires_date: DateTime<Utc>,
    /// Enabled.
    pub enabled: bool,
    /// Technology.
    pub technology: String,
    /// Networks.
    pub networks: Vec<String>,
    /// `credit`, `debit`, `cash_withdrawal`.
    pub allows: Vec<String>,
    /// ACCOUNT_ID at the bank.
    pub account_id: String,
    /// Replacement.
    pub replacement: ReplacementJson,
    /// PIN resets.
    pub pin_reset: Vec<PinResetJson>,
    /// Collected.
    pub collected: DateTime<Utc>,
    /// Posted.
    pub posted: DateTime<Utc>,
    /// CUSTOMER_ID.
    pub customer_id: String,
}

impl From<ReplacementJson> for Request {
    fn from(r: ReplacementJson) -> Self {
        Self {
            requested_date: r.requested_date,
            reason_requested: r.reason_requested,
        }
    }
}

impl From<PinResetJson> for Request {
    fn from(r: PinResetJson) -> Self {
        Self {
            requested_date: r.requested_date,
            reason_requested: r.reason_requested,
        }
    }
}

impl From<CreatePhysicalCardJsonV500> for CardInput {
    fn from(b: CreatePhysicalCardJsonV500) -> Self {
        Self {
            card_number: b.card_number,
            card_type: b.card_type,
            name_on_card: b.name_on_card,
            issue_number: b.issue_number,
            serial_number: b.serial_number,
            valid_from_date: b.valid_from_date,
            expires_date: b.expires_date,
            enabled: b.enabled,
            technology: b.technology,
            networks: b.networks,
            allows: b.allows,
            account_id: b.account_id,
            replacement: b.replacement.map(Into::into),
            pin_reset: b.pin_reset.into_iter().map(Into::into).collect(),
            collected: b.collected,
            posted: b.posted,
            customer_id: b.customer_id,
            brand: Some(b.brand),
        }
    }
}

impl From<UpdatePhysicalCardJsonV310> for CardInput {
    fn from(b: UpdatePhysicalCardJsonV310) -> Self {
        Self {
            card_number: String::new(),
            card_type: b.card_type,
            name_on_card: b.name_on_card,
            issue_number: b.issue_number,
            serial_number: b.serial_number,
            valid_from_date: b.valid_from_date,
            expires_date: b.expires_date,
            enabled: b.enabled,
            technology: b.technology,
            networks: b.networks,
            allows: b.allows,
            account_id: b.account_id,
            replacement: Some(b.replacement.into()),
            pin_reset: b.pin_reset.into_iter().map(Into::into).collect(),
            collected: Some(b.collected),
            posted: Some(b.posted),
            customer_id: b.customer_id,
            brand: None,
        }
    }
}

fn detail(card: &PhysicalCard, key: &str) -> Value {
    card.details.get(key).cloned().unwrap_or(Value::Null)
}

fn detail_list(card: &PhysicalCard, key: &str) -> Value {
    card.details
        .get(key)
        .cloned()
        .unwrap_or(Value::Array(Vec::new()))
}

/// `AccountJson` of a card: the account it draws on.
#[derive(Debug, Serialize, ToSchema)]
pub struct CardAccountJson {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub id: String,
    /// The account's label when the card was written.
    #[schema(value_type = Option<String>)]
    pub label: Value,
    /// The views on the account: always `[]` (not implemented yet).
    #[schema(value_type = Vec<Object>)]
    pub views_available: Vec<Value>,
}

impl CardAccountJson {
    fn of(card: &PhysicalCard) -> Self {
        Self {
            bank_id: card.bank_id.as_str().to_owned(),
            id: card.account_id.clone(),
            label: detail(card, "account_label"),
            views_available: Vec::new(),
        }
    }
}

/// A replacement or PIN reset request as answered (`requested_date` in OBP's date format).
#[derive(Debug, Serialize, ToSchema)]
pub struct CardRequestJson {
    /// When it was requested.
    pub requested_date: String,
    /// Why.
    pub reason_requested: String,
}

/// `PhysicalCardJsonV310`; the create answer (`PhysicalCardJsonV500`) adds `brand` and
/// `cvv`, the get-one answer (`PhysicalCardWithAttributesJsonV310`) `card_attributes`.
#[derive(Debug, Serialize, ToSchema)]
pub struct PhysicalCardJsonV310 {
    /// The account.
    pub account: CardAccountJson,
    /// `credit`, `debit`, `cash_withdrawal`.
    #[schema(value_type = Vec<String>)]
    pub allows: Value,
    /// BANK_ID.
    pub bank_id: String,
    /// Brand (create answer only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub brand: Option<Value>,
    /// Always `false`.
    pub cancelled: bool,
    /// Card attributes: always `[]` (get-one answer only; not implemented yet).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Vec<Object>>)]
    pub card_attributes: Option<Vec<Value>>,
    /// CARD_ID.
    pub card_id: String,
    /// Card number, in full.
    pub card_number: String,
    /// Card type.
    #[schema(value_type = Option<String>)]
    pub card_type: Value,
    /// Collected (`null` when not said).
    #[schema(value_type = Option<String>)]
    pub collected: Value,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// A fresh 3-digit CVV, not stored (create answer only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cvv: Option<String>,
    /// Enabled.
    pub enabled: bool,
    /// Expires.
    pub expires_date: String,
    /// Issue number.
    pub issue_number: String,
    /// Name on card.
    #[schema(value_type = Option<String>)]
    pub name_on_card: Value,
    /// Networks.
    #[schema(value_type = Vec<String>)]
    pub networks: Value,
    /// Always `false`.
    pub on_hot_list: bool,
    /// PIN resets.
    #[schema(value_type = Vec<CardRequestJson>)]
    pub pin_reset: Value,
    /// Posted (`null` when not said).
    #[schema(value_type = Option<String>)]
    pub posted: Value,
    /// Replacement (`null` when none).
    #[schema(value_type = Option<CardRequestJson>)]
    pub replacement: Value,
    /// Serial number.
    #[schema(value_type = Option<String>)]
    pub serial_number: Value,
    /// Technology.
    #[schema(value_type = Option<String>)]
    pub technology: Value,
    /// Valid from.
    pub valid_from_date: String,
}

impl From<&PhysicalCard> for PhysicalCardJsonV310 {
    fn from(card: &PhysicalCard) -> Self {
        Self {
            account: CardAccountJson::of(card),
            allows: detail_list(card, "allows"),
            bank_id: card.bank_id.as_str().to_owned(),
            brand: None,
            cancelled: false,
            card_attributes: None,
            card_id: card.card_id.clone(),
            card_number: card.card_number.clone(),
            card_type: detail(card, "card_type"),
            collected: detail(card, "collected"),
            customer_id: card.customer_id.clone(),
            cvv: None,
            enabled: card.enabled,
            expires_date: obp_date(card.expires),
            issue_number: card.issue_number.clone(),
            name_on_card: detail(card, "name_on_card"),
            networks: detail_list(card, "networks"),
            on_hot_list: false,
            pin_reset: detail_list(card, "pin_reset"),
            posted: detail(card, "posted"),
            replacement: detail(card, "replacement"),
            serial_number: detail(card, "serial_number"),
            technology: detail(card, "technology"),
            valid_from_date: obp_date(card.valid_from),
        }
    }
}

impl PhysicalCardJsonV310 {
    /// `PhysicalCardJsonV500`: the new card with its brand and CVV.
    pub fn created(card: &PhysicalCard, cvv: String) -> Self {
        let mut j = Self::from(card);
        j.brand = Some(detail(card, "brand"));
        j.cvv = Some(cvv);
        j
    }

    /// `PhysicalCardWithAttributesJsonV310`.
    pub fn with_attributes(card: &PhysicalCard) -> Self {
        let mut j = Self::from(card);
        j.card_attributes = Some(Vec::new());
        j
    }
}

/// `PhysicalCardsJsonV310`.
#[derive(Debug, Serialize, ToSchema)]
pub struct PhysicalCardsJsonV310 {
    /// The cards, ordered by id.
    pub cards: Vec<PhysicalCardJsonV310>,
}

/// `PhysicalCardJSON` (v1.3.0): a card of the user's, its number masked.
#[derive(Debug, Serialize, ToSchema)]
pub struct PhysicalCardJson {
    /// The account.
    pub account: CardAccountJson,
    /// `credit`, `debit`, `cash_withdrawal`.
    #[schema(value_type = Vec<String>)]
    pub allows: Value,
    /// The card number, all but the last four characters masked (`************1111`).
    pub bank_card_number: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Always `false`.
    pub cancelled: bool,
    /// Collected (`null` when not said).
    #[schema(value_type = Option<String>)]
    pub collected: Value,
    /// Enabled.
    pub enabled: bool,
    /// Expires.
    pub expires_date: String,
    /// Issue number.
    pub issue_number: String,
    /// Name on card.
    #[schema(value_type = Option<String>)]
    pub name_on_card: Value,
    /// Networks.
    #[schema(value_type = Vec<String>)]
    pub networks: Value,
    /// Always `false`.
    pub on_hot_list: bool,
    /// PIN resets.
    #[schema(value_type = Vec<CardRequestJson>)]
    pub pin_reset: Value,
    /// Posted (`null` when not said).
    #[schema(value_type = Option<String>)]
    pub posted: Value,
    /// Replacement (`null` when none).
    #[schema(value_type = Option<CardRequestJson>)]
    pub replacement: Value,
    /// Serial number.
    #[schema(value_type = Option<String>)]
    pub serial_number: Value,
    /// Technology.
    #[schema(value_type = Option<String>)]
    pub technology: Value,
    /// Valid from.
    pub valid_from_date: String,
}

impl From<&PhysicalCard> for PhysicalCardJson {
    fn from(card: &PhysicalCard) -> Self {
        Self {
            account: CardAccountJson::of(card),
            allows: detail_list(card, "allows"),
            bank_card_number: mask_card_number(&card.card_number),
            bank_id: card.bank_id.as_str().to_owned(),
            cancelled: false,
            collected: detail(card, "collected"),
            enabled: card.enabled,
            expires_date: obp_date(card.expires),
            issue_number: card.issue_number.clone(),
            name_on_card: detail(card, "name_on_card"),
            networks: detail_list(card, "networks"),
            on_hot_list: false,
            pin_reset: detail_list(card, "pin_reset"),
            posted: detail(card, "posted"),
            replacement: detail(card, "replacement"),
            serial_number: detail(card, "serial_number"),
            technology: detail(card, "technology"),
            valid_from_date: obp_date(card.valid_from),
        }
    }
}

/// `PhysicalCardsJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct PhysicalCardsJson {
    /// The cards.
    pub cards: Vec<PhysicalCardJson>,
}
