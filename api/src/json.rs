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
///
/// Written digit by digit for years 0–9999 (every date a bank has): chrono's `format` parses
/// its pattern on every call, and a transactions page formats two dates per row (4.6 % of the
/// page's CPU in issue #19's profile). Other years and leap seconds go through chrono; the
/// unit test pins that both ways agree.
pub fn obp_date(d: DateTime<Utc>) -> String {
    use chrono::{Datelike, Timelike};
    let year = d.year();
    let Ok(year) = u32::try_from(year) else {
        return d.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    };
    // A leap second (nanoseconds past 10⁹) prints as second 60 in chrono's format.
    if year > 9999 || d.nanosecond() >= 1_000_000_000 {
        return d.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    }
    let mut out = String::with_capacity(20);
    let mut push = |n: u32, width: u32, after: char| {
        for place in (0..width).rev() {
            let digit = n / 10u32.pow(place) % 10;
            out.push(char::from_digit(digit, 10).unwrap_or('0'));
        }
        out.push(after);
    };
    push(year, 4, '-');
    push(d.month(), 2, '-');
    push(d.day(), 2, 'T');
    push(d.hour(), 2, ':');
    push(d.minute(), 2, ':');
    push(d.second(), 2, 'Z');
    out
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

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::obp_date;

    /// Digit by digit, exactly chrono's `%Y-%m-%dT%H:%M:%SZ` (leap seconds and sub-seconds
    /// dropped as chrono drops them), across years 0–9999 and outside them.
    #[test]
    fn obp_date_is_chronos_format() {
        let chrono = |d: chrono::DateTime<Utc>| d.format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let start = Utc.with_ymd_and_hms(-5, 1, 1, 0, 0, 0).unwrap().timestamp();
        let end = Utc
            .with_ymd_and_hms(10_010, 12, 31, 23, 59, 59)
            .unwrap()
            .timestamp();
        let mut t = start;
        let mut checked = 0;
        while t <= end {
            let d = Utc.timestamp_opt(t, 987_654_321).unwrap();
            assert_eq!(obp_date(d), chrono(d), "{t}");
            t += 7_777_777;
            checked += 1;
        }
        assert!(checked > 40_000);
        for d in [
            Utc.with_ymd_and_hms(0, 1, 1, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59).unwrap(),
            Utc.with_ymd_and_hms(10_000, 1, 1, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(-1, 12, 31, 23, 59, 59).unwrap(),
            Utc.with_ymd_and_hms(2026, 6, 30, 23, 59, 59).unwrap()
                + chrono::Duration::nanoseconds(1_500_000_000),
            Utc.timestamp_opt(1_483_228_799, 1_500_000_000).unwrap(),
        ] {
            assert_eq!(obp_date(d), chrono(d));
        }
        assert_eq!(
            obp_date(Utc.with_ymd_and_hms(2026, 12, 5, 9, 3, 7).unwrap()),
            "2026-12-05T09:03:07Z"
        );
    }
}
