//! OBP's JSON shape of a branch (`BranchJsonV300`).

use obp_domain::refdata::Branch;
use serde::Serialize;
use serde_json::{Map, Value};
use utoipa::ToSchema;

use crate::refdata_json::{opening_times, place_fields, text, texts, DAYS};

/// `BranchJsonV300`: `id`, `bank_id` and `name`, then every other field OBP's
/// `createBranchJsonV300` renders, read from the record and filled with OBP's defaults where
/// the branch has none ([`obp_branch_fields`]). Written as one JSON object with its keys in
/// sorted order.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(into = "Map<String, Value>")]
pub struct BranchJsonV300 {
    /// BRANCH_ID.
    pub id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Name.
    pub name: String,
    /// The other OBP fields ([`obp_branch_fields`]).
    #[serde(flatten)]
    pub details: Map<String, Value>,
}

impl From<Branch> for BranchJsonV300 {
    fn from(b: Branch) -> Self {
        Self {
            id: b.branch_id,
            bank_id: b.bank_id.into_inner(),
            name: b.name,
            details: obp_branch_fields(&b.details),
        }
    }
}

/// The fields of OBP's `BranchJsonV300` besides `id`, `bank_id` and `name`, from the stored
/// record, as `JSONFactory300.createBranchJsonV300` renders them:
/// `address` (`line_1`..`line_3`, `city`, `county`, `state`, `postcode` — read from
/// `post_code` when a record imported in OBP's sandbox format has only that —,
/// `country_code`), `location` (`latitude`, `longitude`, 0 when missing), `meta.license`
/// (`id`, `name`), `lobby` (per weekday a list of `{opening_time, closing_time}`; a day
/// without hours is one pair of `""`, as OBP fills a missing lobby), `drive_up` (per weekday
/// one pair), `branch_routing` (`scheme`, `address`), and the strings `is_accessible`,
/// `accessibleFeatures`, `branch_type`, `more_info`, `phone_number` (`""` when missing).
/// Other fields of the record are not rendered.
pub fn obp_branch_fields(details: &Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    place_fields(details, &mut out);
    let lobby = details.get("lobby");
    out.insert(
        "lobby".into(),
        Value::Object(
            DAYS.iter()
                .map(|day| {
                    let hours = match lobby.and_then(|l| l.get(*day)) {
                        Some(Value::Array(list)) => {
                            list.iter().map(|h| opening_times(Some(h))).collect()
                        }
                        Some(one @ Value::Object(_)) => vec![opening_times(Some(one))],
                        _ => vec![opening_times(None)],
                    };
                    ((*day).to_owned(), Value::Array(hours))
                })
                .collect(),
        ),
    );
    let drive_up = details.get("drive_up");
    out.insert(
        "drive_up".into(),
        Value::Object(
            DAYS.iter()
                .map(|day| {
                    (
                        (*day).to_owned(),
                        opening_times(drive_up.and_then(|d| d.get(*day))),
                    )
                })
                .collect(),
        ),
    );
    out.insert(
        "branch_routing".into(),
        texts(details.get("branch_routing"), &["scheme", "address"]),
    );
    for name in [
        "is_accessible",
        "accessibleFeatures",
        "branch_type",
        "more_info",
        "phone_number",
    ] {
        out.insert(name.into(), text(details.get(name)));
    }
    out
}

impl From<BranchJsonV300> for Map<String, Value> {
    fn from(b: BranchJsonV300) -> Self {
        let mut m = Map::new();
        m.insert("id".into(), Value::String(b.id));
        m.insert("bank_id".into(), Value::String(b.bank_id));
        m.insert("name".into(), Value::String(b.name));
        for (k, v) in b.details {
            m.entry(k).or_insert(v);
        }
        m
    }
}

/// `{"branches": [BranchJsonV300]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct BranchesJsonV300 {
    /// The branches, ordered by id.
    pub branches: Vec<BranchJsonV300>,
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn fields(v: Value) -> Value {
        Value::Object(obp_branch_fields(v.as_object().unwrap()))
    }

    #[test]
    fn a_bare_record_gets_obps_defaults() {
        let empty = json!({"opening_time": "", "closing_time": ""});
        let lobby: Map<String, Value> = DAYS
            .iter()
            .map(|d| ((*d).to_owned(), json!([empty.clone()])))
            .collect();
        let drive_up: Map<String, Value> = DAYS
            .iter()
            .map(|d| ((*d).to_owned(), empty.clone()))
            .collect();
        assert_eq!(
            fields(json!({"extra": 1})),
            json!({
                "address": {"line_1": "", "line_2": "", "line_3": "", "city": "", "county": "",
                    "state": "", "postcode": "", "country_code": ""},
                "location": {"latitude": 0.0, "longitude": 0.0},
                "meta": {"license": {"id": "", "name": ""}},
                "lobby": lobby, "drive_up": drive_up,
                "branch_routing": {"scheme": "", "address": ""},
                "is_accessible": "", "accessibleFeatures": "", "branch_type": "",
                "more_info": "", "phone_number": ""
            })
        );
    }

    #[test]
    fn sent_fields_are_kept_and_post_code_is_read_as_postcode() {
        let f = fields(json!({
            "address": {"line_1": "1 Street", "city": "Berlin", "post_code": "10115"},
            "location": {"latitude": 52.5, "longitude": "x"},
            "lobby": {"monday": [{"opening_time": "09:00", "closing_time": "12:00"},
                                  {"opening_time": "13:00", "closing_time": "17:00"}],
                      "sunday": []},
            "drive_up": {"friday": {"opening_time": "08:00", "closing_time": "18:00"}},
            "branch_routing": {"scheme": "BRANCH-CODE", "address": "B1"},
            "is_accessible": true, "accessibleFeatures": "ramp", "phone_number": "+49"
        }));
        assert_eq!(f["address"]["postcode"], "10115");
        assert_eq!(f["address"]["city"], "Berlin");
        assert!(f["address"].get("post_code").is_none());
        assert_eq!(f["location"], json!({"latitude": 52.5, "longitude": 0.0}));
        assert_eq!(f["lobby"]["monday"].as_array().unwrap().len(), 2);
        assert_eq!(f["lobby"]["monday"][1]["closing_time"], "17:00");
        assert_eq!(f["lobby"]["sunday"], json!([]));
        assert_eq!(
            f["lobby"]["tuesday"],
            json!([{"opening_time": "", "closing_time": ""}])
        );
        assert_eq!(f["drive_up"]["friday"]["opening_time"], "08:00");
        assert_eq!(f["drive_up"]["monday"]["opening_time"], "");
        assert_eq!(f["branch_routing"]["scheme"], "BRANCH-CODE");
        assert_eq!(f["is_accessible"], "true");
        assert_eq!(f["accessibleFeatures"], "ramp");
        assert_eq!(f["phone_number"], "+49");
        assert_eq!(f["more_info"], "");
        // A record that has `postcode` keeps it even beside `post_code`.
        let f = fields(json!({"address": {"postcode": "1", "post_code": "2"}}));
        assert_eq!(f["address"]["postcode"], "1");
    }
}
