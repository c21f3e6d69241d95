//! JSON pieces shared by many OBP shapes, defined once.
//!
//! Why one place: utoipa names a schema after its Rust type, so two types of the same name in
//! two route modules document as one schema — whichever the router registered last — and
//! the OpenAPI document silently described one of them wrongly. A shape used by more than one
//! resource lives here.

use chrono::{DateTime, Utc};
use obp_domain::account::AccountAttribute;
use obp_domain::bank::Routing;
use obp_domain::money::Money;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `AmountOfMoneyJsonV121`: both fields are strings.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AmountOfMoneyJson {
    /// ISO 4217 code.
    #[schema(example = "EUR")]
    pub currency: String,
    /// Decimal amount as a string.
    #[schema(example = "1000.00")]
    pub amount: String,
}

impl AmountOfMoneyJson {
    /// OBP's rendering of an amount: the currency code and the amount with the currency's
    /// decimal places.
    pub fn from_money(m: &Money) -> Self {
        Self {
            currency: m.currency().code().to_owned(),
            amount: m.to_obp_string(),
        }
    }
}

/// OBP's `SuccessMessage`.
#[derive(Debug, Serialize, ToSchema)]
pub struct SuccessMessage {
    /// Always `"Success"`.
    pub success: String,
}

impl SuccessMessage {
    /// `{"success": text}`.
    pub fn new(text: &str) -> Self {
        Self {
            success: text.to_owned(),
        }
    }
}

/// A routing `{scheme, address}`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RoutingJson {
    /// Scheme, e.g. `BIC`.
    #[schema(max_length = 255)]
    pub scheme: String,
    /// Address.
    #[schema(max_length = 255)]
    pub address: String,
}

impl From<Routing> for RoutingJson {
    fn from(r: Routing) -> Self {
        Self {
            scheme: r.scheme,
            address: r.address,
        }
    }
}

/// OBP's date format (`yyyy-MM-dd'T'HH:mm:ss'Z'`, UTC, no milliseconds).
pub fn obp_date(d: DateTime<Utc>) -> String {
    d.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

impl From<RoutingJson> for Routing {
    fn from(r: RoutingJson) -> Self {
        Self {
            scheme: r.scheme,
            address: r.address,
        }
    }
}

/// `{currency, amount}` in a request.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AmountBody {
    /// ISO 4217 code.
    pub currency: String,
    /// Decimal amount as a string.
    pub amount: String,
}

/// `AccountAttributeResponseJson`.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountAttributeResponseJson {
    /// PRODUCT_CODE.
    pub product_code: String,
    /// ACCOUNT_ATTRIBUTE_ID.
    pub account_attribute_id: String,
    /// Name.
    pub name: String,
    /// Type.
    #[serde(rename = "type")]
    pub attribute_type: String,
    /// Value.
    pub value: String,
    /// Product instance code.
    pub product_instance_code: Option<String>,
}

impl From<AccountAttribute> for AccountAttributeResponseJson {
    fn from(a: AccountAttribute) -> Self {
        Self {
            product_code: a.product_code,
            account_attribute_id: a.id,
            name: a.name,
            attribute_type: a.attribute_type,
            value: a.value,
            product_instance_code: a.product_instance_code,
        }
    }
}
