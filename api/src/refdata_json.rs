//! OBP's rendering of the free-form fields of branches and ATMs.
//!
//! Branch and ATM records keep the fields a bank sent (OBP's sandbox and create bodies
//! vary); OBP's JSON factories render every field of their shape whatever the record holds,
//! with `""`, `[]` or 0 where it has none. The pieces both shapes share are here, below the
//! routes (a route must not import another resource's route module).

use serde_json::{Map, Value};

/// The weekdays, in OBP's order.
pub const DAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A field as OBP's string: text as is, a number or boolean written out, else `""`.
pub fn text(v: Option<&Value>) -> Value {
    Value::String(match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    })
}

/// A list of strings: each element as [`text`]; `[]` when the field is missing or not a list.
pub fn texts_list(v: Option<&Value>) -> Value {
    match v {
        Some(Value::Array(items)) => Value::Array(items.iter().map(|i| text(Some(i))).collect()),
        _ => Value::Array(Vec::new()),
    }
}

/// An object of text fields `names` read from `v` (missing ones `""`).
pub fn texts(v: Option<&Value>, names: &[&str]) -> Value {
    let empty = Map::new();
    let o = v.and_then(Value::as_object).unwrap_or(&empty);
    Value::Object(
        names
            .iter()
            .map(|n| ((*n).to_owned(), text(o.get(*n))))
            .collect(),
    )
}

/// `{opening_time, closing_time}` (OBP's `OpeningTimesV300`).
pub fn opening_times(v: Option<&Value>) -> Value {
    texts(v, &["opening_time", "closing_time"])
}

/// The fields every place has, into `out`: `address` (`line_1`..`line_3`, `city`,
/// `county`, `state`, `postcode` — read from `post_code` when a record imported in OBP's
/// sandbox format has only that —, `country_code`), `location` (`latitude`, `longitude`, 0
/// when missing or not a number) and `meta.license` (`id`, `name`).
pub fn place_fields(details: &Map<String, Value>, out: &mut Map<String, Value>) {
    let mut address = texts(
        details.get("address"),
        &[
            "line_1",
            "line_2",
            "line_3",
            "city",
            "county",
            "state",
            "postcode",
            "country_code",
        ],
    );
    let sent = details.get("address").and_then(Value::as_object);
    if let (Some(a), Some(sent)) = (address.as_object_mut(), sent) {
        if !sent.contains_key("postcode") {
            a.insert("postcode".into(), text(sent.get("post_code")));
        }
    }
    out.insert("address".into(), address);
    let location = details.get("location").and_then(Value::as_object);
    let coordinate = |name: &str| {
        location
            .and_then(|l| l.get(name))
            .filter(|v| v.is_number())
            .cloned()
            .unwrap_or_else(|| Value::from(0.0))
    };
    out.insert(
        "location".into(),
        serde_json::json!({"latitude": coordinate("latitude"), "longitude": coordinate("longitude")}),
    );
    let license = details.get("meta").and_then(|m| m.get("license"));
    out.insert(
        "meta".into(),
        serde_json::json!({"license": texts(license, &["id", "name"])}),
    );
}

/// The fields of OBP's `AtmJsonV510` besides `id`, `bank_id`, `name` and `attributes`,
/// as `JSONFactory510.createAtmJsonV510` renders them: the [`place_fields`], one
/// `{opening_time, closing_time}` per weekday (`monday`..`sunday`), the lists
/// `supported_languages`, `services`, `accessibility_features`, `supported_currencies`,
/// `notes`, `location_categories` (`[]` when missing) and the strings `is_accessible`,
/// `located_at`, `more_info`, `has_deposit_capability`, `minimum_withdrawal`,
/// `branch_identification`, `site_identification`, `site_name`,
/// `cash_withdrawal_national_fee`, `cash_withdrawal_international_fee`,
/// `balance_inquiry_fee`, `atm_type`, `phone` (`""` when missing; a boolean or number sent
/// is written out, as OBP holds them as strings). Other fields of the record are not rendered.
pub fn obp_atm_fields(details: &Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    place_fields(details, &mut out);
    for day in DAYS {
        out.insert(day.into(), opening_times(details.get(day)));
    }
    for name in [
        "supported_languages",
        "services",
        "accessibility_features",
        "supported_currencies",
        "notes",
        "location_categories",
    ] {
        out.insert(name.into(), texts_list(details.get(name)));
    }
    for name in [
        "is_accessible",
        "located_at",
        "more_info",
        "has_deposit_capability",
        "minimum_withdrawal",
        "branch_identification",
        "site_identification",
        "site_name",
        "cash_withdrawal_national_fee",
        "cash_withdrawal_international_fee",
        "balance_inquiry_fee",
        "atm_type",
        "phone",
    ] {
        out.insert(name.into(), text(details.get(name)));
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn atm(v: Value) -> Value {
        Value::Object(obp_atm_fields(v.as_object().unwrap()))
    }

    #[test]
    fn a_bare_atm_gets_every_field_of_obps_shape() {
        let f = atm(json!({"extra": 1}));
        let o = f.as_object().unwrap();
        // place (3) + 7 days + 6 lists + 13 strings
        assert_eq!(o.len(), 29, "{f}");
        assert!(o.get("extra").is_none());
        assert_eq!(f["monday"], json!({"opening_time": "", "closing_time": ""}));
        assert_eq!(f["services"], json!([]));
        assert_eq!(f["atm_type"], "");
        assert_eq!(f["location"], json!({"latitude": 0.0, "longitude": 0.0}));
    }

    #[test]
    fn sent_atm_fields_are_rendered_as_obps_strings() {
        let f = atm(json!({
            "has_deposit_capability": true, "minimum_withdrawal": 5,
            "services": ["ATBP", 7], "notes": "not a list",
            "sunday": {"opening_time": "10:00"},
            "address": {"post_code": "13359"}
        }));
        assert_eq!(f["has_deposit_capability"], "true");
        assert_eq!(f["minimum_withdrawal"], "5");
        assert_eq!(f["services"], json!(["ATBP", "7"]));
        assert_eq!(f["notes"], json!([]));
        assert_eq!(
            f["sunday"],
            json!({"opening_time": "10:00", "closing_time": ""})
        );
        assert_eq!(f["address"]["postcode"], "13359");
    }
}
