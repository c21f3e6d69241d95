//! Reference data between OBP's case classes and the core's records: a branch, ATM, product
//! or card keeps its descriptive fields as `details`, a JSON object keyed as OBP's API JSON
//! (snake_case: `address.line_1`, `lobby.monday[].opening_time`, `pin_reset`, ...). OBP's
//! `BranchTCommons`, `AtmTCommons`, `ProductCommons` and `PhysicalCard` type those fields;
//! a detail that fits no OBP field (or does not fit its type) travels in the *extension*
//! `otherFields`, so what the core holds comes back whole.

use chrono::{DateTime, Utc};
use obp_domain::refdata::{parse_ref_id, Atm, Branch, PhysicalCard, Product};
use serde_json::{Map, Value};

use super::convert::{account_commons, bad, bank_id, unknown_account_commons};
use crate::core::{CoreData, Refusal};
use crate::wire::bank_data::{
    Address, AtmTCommons, BranchTCommons, CardDate, CardExtension, CardRequest, DriveUp, Hours,
    License, Lobby, Location, Meta, OpeningTimes, PhysicalCard as WireCard, PhysicalCardFields,
    ProductCommons, ProductExtension, Routing,
};
use crate::wire::{format_date, parse_date, Date, Id};

type Details = Map<String, Value>;

fn ref_id(field: &str, v: &str) -> Result<String, Refusal> {
    parse_ref_id(v).map_err(|e| bad(field, e))
}

// ------------------------------------------------------------------ reading details

/// Removes `key` when `read` accepts its value; else leaves it (for `otherFields`).
fn take<T>(d: &mut Details, key: &str, read: impl Fn(&Value) -> Option<T>) -> Option<T> {
    let v = d.get(key).and_then(read)?;
    d.remove(key);
    Some(v)
}

fn text(v: &Value) -> Option<String> {
    v.as_str().map(str::to_owned)
}

/// A flag: a JSON boolean, or `"true"`/`"false"` as OBP's API JSON writes some flags.
fn flag(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

fn texts(v: &Value) -> Option<Vec<String>> {
    v.as_array()?.iter().map(text).collect()
}

/// The text members `keys` of an object (missing ones empty); `None` when `v` is not an
/// object or a member is not text.
fn members<const N: usize>(v: &Value, keys: [&str; N]) -> Option<[String; N]> {
    let o = v.as_object()?;
    let mut out: [String; N] = std::array::from_fn(|_| String::new());
    for (slot, key) in out.iter_mut().zip(keys) {
        if let Some(x) = o.get(key) {
            *slot = x.as_str()?.to_owned();
        }
    }
    Some(out)
}

fn address(v: &Value) -> Option<Address> {
    let county = match v.get("county") {
        None | Some(Value::Null) => None,
        Some(c) => Some(c.as_str()?.to_owned()),
    };
    let [line1, line2, line3, city, state, post_code, country_code] = members(
        v,
        [
            "line_1",
            "line_2",
            "line_3",
            "city",
            "state",
            "postcode",
            "country_code",
        ],
    )?;
    Some(Address {
        line1,
        line2,
        line3,
        city,
        county,
        state,
        post_code,
        country_code,
    })
}

fn location(v: &Value) -> Option<Location> {
    Some(Location {
        latitude: v.get("latitude")?.as_f64()?,
        longitude: v.get("longitude")?.as_f64()?,
        date: None,
        user: None,
    })
}

fn meta(v: &Value) -> Option<Meta> {
    let [id, name] = members(v.get("license")?, ["id", "name"])?;
    Some(Meta {
        license: License { id, name },
    })
}

fn routing(v: &Value) -> Option<Routing> {
    let [scheme, address] = members(v, ["scheme", "address"])?;
    Some(Routing { scheme, address })
}

fn times(v: &Value) -> Option<OpeningTimes> {
    let [opening_time, closing_time] = members(v, ["opening_time", "closing_time"])?;
    Some(OpeningTimes {
        opening_time,
        closing_time,
    })
}

const DAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

fn lobby(v: &Value) -> Option<Lobby> {
    let o = v.as_object()?;
    let mut days: [Vec<OpeningTimes>; 7] = Default::default();
    for (slot, day) in days.iter_mut().zip(DAYS) {
        if let Some(list) = o.get(day) {
            *slot = list
                .as_array()?
                .iter()
                .map(times)
                .collect::<Option<Vec<_>>>()?;
        }
    }
    let [monday, tuesday, wednesday, thursday, friday, saturday, sunday] = days;
    Some(Lobby {
        monday,
        tuesday,
        wednesday,
        thursday,
        friday,
        saturday,
        sunday,
    })
}

fn drive_up(v: &Value) -> Option<DriveUp> {
    let o = v.as_object()?;
    let mut days: [OpeningTimes; 7] = Default::default();
    for (slot, day) in days.iter_mut().zip(DAYS) {
        if let Some(t) = o.get(day) {
            *slot = times(t)?;
        }
    }
    let [monday, tuesday, wednesday, thursday, friday, saturday, sunday] = days;
    Some(DriveUp {
        monday,
        tuesday,
        wednesday,
        thursday,
        friday,
        saturday,
        sunday,
    })
}

fn hours(v: &Value) -> Option<Hours> {
    text(v).map(|hours| Hours { hours })
}

// ------------------------------------------------------------------ writing details

fn put(d: &mut Details, key: &str, v: impl Into<Value>) {
    d.insert(key.to_owned(), v.into());
}

fn put_opt(d: &mut Details, key: &str, v: Option<impl Into<Value>>) {
    if let Some(v) = v {
        put(d, key, v);
    }
}

fn object(pairs: &[(&str, Value)]) -> Value {
    Value::Object(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect(),
    )
}

fn address_json(a: &Address) -> Value {
    let mut pairs = vec![
        ("line_1", Value::from(a.line1.as_str())),
        ("line_2", a.line2.as_str().into()),
        ("line_3", a.line3.as_str().into()),
        ("city", a.city.as_str().into()),
        ("state", a.state.as_str().into()),
        ("postcode", a.post_code.as_str().into()),
        ("country_code", a.country_code.as_str().into()),
    ];
    if let Some(county) = &a.county {
        pairs.push(("county", county.as_str().into()));
    }
    object(&pairs)
}

fn location_json(l: &Location) -> Value {
    object(&[
        ("latitude", l.latitude.into()),
        ("longitude", l.longitude.into()),
    ])
}

fn meta_json(m: &Meta) -> Value {
    object(&[(
        "license",
        object(&[
            ("id", m.license.id.as_str().into()),
            ("name", m.license.name.as_str().into()),
        ]),
    )])
}

fn times_json(t: &OpeningTimes) -> Value {
    object(&[
        ("opening_time", t.opening_time.as_str().into()),
        ("closing_time", t.closing_time.as_str().into()),
    ])
}

fn lobby_json(l: &Lobby) -> Value {
    let days = [
        &l.monday,
        &l.tuesday,
        &l.wednesday,
        &l.thursday,
        &l.friday,
        &l.saturday,
        &l.sunday,
    ];
    Value::Object(
        DAYS.iter()
            .zip(days)
            .map(|(day, ts)| {
                (
                    (*day).to_owned(),
                    Value::Array(ts.iter().map(times_json).collect()),
                )
            })
            .collect(),
    )
}

fn drive_up_json(u: &DriveUp) -> Value {
    let days = [
        &u.monday,
        &u.tuesday,
        &u.wednesday,
        &u.thursday,
        &u.friday,
        &u.saturday,
        &u.sunday,
    ];
    Value::Object(
        DAYS.iter()
            .zip(days)
            .map(|(day, t)| ((*day).to_owned(), times_json(t)))
            .collect(),
    )
}

fn strings_json(v: &[String]) -> Value {
    Value::Array(v.iter().map(|s| Value::String(s.clone())).collect())
}

// ------------------------------------------------------------------ branches

/// OBP's `BranchTCommons` of `b`.
pub(crate) fn branch_commons(b: &Branch) -> BranchTCommons {
    let mut d = b.details.clone();
    BranchTCommons {
        branch_id: Id::new(&b.branch_id),
        bank_id: Id::new(b.bank_id.as_str()),
        name: b.name.clone(),
        address: take(&mut d, "address", address).unwrap_or_default(),
        location: take(&mut d, "location", location).unwrap_or_default(),
        lobby_string: take(&mut d, "lobby_string", hours),
        drive_up_string: take(&mut d, "drive_up_string", hours),
        meta: take(&mut d, "meta", meta).unwrap_or_default(),
        branch_routing: take(&mut d, "branch_routing", routing),
        lobby: take(&mut d, "lobby", lobby),
        drive_up: take(&mut d, "drive_up", drive_up),
        is_accessible: take(&mut d, "is_accessible", flag),
        accessible_features: take(&mut d, "accessibleFeatures", text),
        branch_type: take(&mut d, "branch_type", text),
        more_info: take(&mut d, "more_info", text),
        phone_number: take(&mut d, "phone_number", text),
        is_deleted: take(&mut d, "is_deleted", flag),
        other_fields: d,
    }
}

/// The branch `b` describes.
pub(crate) fn branch_from(b: &BranchTCommons) -> Result<Branch, Refusal> {
    let mut d = b.other_fields.clone();
    put(&mut d, "address", address_json(&b.address));
    put(&mut d, "location", location_json(&b.location));
    put(&mut d, "meta", meta_json(&b.meta));
    put_opt(
        &mut d,
        "lobby_string",
        b.lobby_string.as_ref().map(|h| h.hours.clone()),
    );
    put_opt(
        &mut d,
        "drive_up_string",
        b.drive_up_string.as_ref().map(|h| h.hours.clone()),
    );
    put_opt(
        &mut d,
        "branch_routing",
        b.branch_routing.as_ref().map(|r| {
            object(&[
                ("scheme", r.scheme.as_str().into()),
                ("address", r.address.as_str().into()),
            ])
        }),
    );
    put_opt(&mut d, "lobby", b.lobby.as_ref().map(lobby_json));
    put_opt(&mut d, "drive_up", b.drive_up.as_ref().map(drive_up_json));
    put_opt(&mut d, "is_accessible", b.is_accessible);
    put_opt(&mut d, "accessibleFeatures", b.accessible_features.clone());
    put_opt(&mut d, "branch_type", b.branch_type.clone());
    put_opt(&mut d, "more_info", b.more_info.clone());
    put_opt(&mut d, "phone_number", b.phone_number.clone());
    put_opt(&mut d, "is_deleted", b.is_deleted);
    Ok(Branch {
        bank_id: bank_id("branch.bankId", &b.bank_id.value)?,
        branch_id: ref_id("branch.branchId", &b.branch_id.value)?,
        name: b.name.clone(),
        details: d,
    })
}

// ------------------------------------------------------------------ ATMs

/// The opening and closing times of each day (`None`: not given).
type Week = [(Option<String>, Option<String>); 7];

fn week(a: &AtmTCommons) -> Week {
    [
        (
            a.opening_time_on_monday.clone(),
            a.closing_time_on_monday.clone(),
        ),
        (
            a.opening_time_on_tuesday.clone(),
            a.closing_time_on_tuesday.clone(),
        ),
        (
            a.opening_time_on_wednesday.clone(),
            a.closing_time_on_wednesday.clone(),
        ),
        (
            a.opening_time_on_thursday.clone(),
            a.closing_time_on_thursday.clone(),
        ),
        (
            a.opening_time_on_friday.clone(),
            a.closing_time_on_friday.clone(),
        ),
        (
            a.opening_time_on_saturday.clone(),
            a.closing_time_on_saturday.clone(),
        ),
        (
            a.opening_time_on_sunday.clone(),
            a.closing_time_on_sunday.clone(),
        ),
    ]
}

/// A details day `{opening_time?, closing_time?}` (text members only).
fn day(v: &Value) -> Option<(Option<String>, Option<String>)> {
    let o = v.as_object()?;
    if o.keys().any(|k| k != "opening_time" && k != "closing_time") {
        return None;
    }
    let member = |k: &str| -> Option<Option<String>> {
        match o.get(k) {
            None => Some(None),
            Some(x) => Some(Some(x.as_str()?.to_owned())),
        }
    };
    Some((member("opening_time")?, member("closing_time")?))
}

/// OBP's `AtmTCommons` of `a`.
pub(crate) fn atm_commons(a: &Atm) -> AtmTCommons {
    let mut d = a.details.clone();
    let mut w: Week = Default::default();
    for (slot, name) in w.iter_mut().zip(DAYS) {
        if let Some(t) = take(&mut d, name, day) {
            *slot = t;
        }
    }
    let [mon, tue, wed, thu, fri, sat, sun] = w;
    AtmTCommons {
        atm_id: Id::new(&a.atm_id),
        bank_id: Id::new(a.bank_id.as_str()),
        name: a.name.clone(),
        address: take(&mut d, "address", address).unwrap_or_default(),
        location: take(&mut d, "location", location).unwrap_or_default(),
        meta: take(&mut d, "meta", meta).unwrap_or_default(),
        opening_time_on_monday: mon.0,
        closing_time_on_monday: mon.1,
        opening_time_on_tuesday: tue.0,
        closing_time_on_tuesday: tue.1,
        opening_time_on_wednesday: wed.0,
        closing_time_on_wednesday: wed.1,
        opening_time_on_thursday: thu.0,
        closing_time_on_thursday: thu.1,
        opening_time_on_friday: fri.0,
        closing_time_on_friday: fri.1,
        opening_time_on_saturday: sat.0,
        closing_time_on_saturday: sat.1,
        opening_time_on_sunday: sun.0,
        closing_time_on_sunday: sun.1,
        is_accessible: take(&mut d, "is_accessible", flag),
        located_at: take(&mut d, "located_at", text),
        more_info: take(&mut d, "more_info", text),
        has_deposit_capability: take(&mut d, "has_deposit_capability", flag),
        supported_languages: take(&mut d, "supported_languages", texts),
        services: take(&mut d, "services", texts),
        accessibility_features: take(&mut d, "accessibility_features", texts),
        supported_currencies: take(&mut d, "supported_currencies", texts),
        notes: take(&mut d, "notes", texts),
        location_categories: take(&mut d, "location_categories", texts),
        minimum_withdrawal: take(&mut d, "minimum_withdrawal", text),
        branch_identification: take(&mut d, "branch_identification", text),
        site_identification: take(&mut d, "site_identification", text),
        site_name: take(&mut d, "site_name", text),
        cash_withdrawal_national_fee: take(&mut d, "cash_withdrawal_national_fee", text),
        cash_withdrawal_international_fee: take(&mut d, "cash_withdrawal_international_fee", text),
        balance_inquiry_fee: take(&mut d, "balance_inquiry_fee", text),
        atm_type: take(&mut d, "atm_type", text),
        phone: take(&mut d, "phone", text),
        other_fields: d,
    }
}

/// The ATM `a` describes.
pub(crate) fn atm_from(a: &AtmTCommons) -> Result<Atm, Refusal> {
    let mut d = a.other_fields.clone();
    put(&mut d, "address", address_json(&a.address));
    put(&mut d, "location", location_json(&a.location));
    put(&mut d, "meta", meta_json(&a.meta));
    for (name, (open, close)) in DAYS.iter().zip(week(a)) {
        let mut t = Map::new();
        if let Some(o) = open {
            t.insert("opening_time".to_owned(), Value::String(o));
        }
        if let Some(c) = close {
            t.insert("closing_time".to_owned(), Value::String(c));
        }
        if !t.is_empty() {
            put(&mut d, name, Value::Object(t));
        }
    }
    let lists = [
        ("supported_languages", &a.supported_languages),
        ("services", &a.services),
        ("accessibility_features", &a.accessibility_features),
        ("supported_currencies", &a.supported_currencies),
        ("notes", &a.notes),
        ("location_categories", &a.location_categories),
    ];
    for (key, list) in lists {
        put_opt(&mut d, key, list.as_deref().map(strings_json));
    }
    let texts = [
        ("located_at", &a.located_at),
        ("more_info", &a.more_info),
        ("minimum_withdrawal", &a.minimum_withdrawal),
        ("branch_identification", &a.branch_identification),
        ("site_identification", &a.site_identification),
        ("site_name", &a.site_name),
        (
            "cash_withdrawal_national_fee",
            &a.cash_withdrawal_national_fee,
        ),
        (
            "cash_withdrawal_international_fee",
            &a.cash_withdrawal_international_fee,
        ),
        ("balance_inquiry_fee", &a.balance_inquiry_fee),
        ("atm_type", &a.atm_type),
        ("phone", &a.phone),
    ];
    for (key, t) in texts {
        put_opt(&mut d, key, t.clone());
    }
    put_opt(&mut d, "is_accessible", a.is_accessible);
    put_opt(&mut d, "has_deposit_capability", a.has_deposit_capability);
    Ok(Atm {
        bank_id: bank_id("atm.bankId", &a.bank_id.value)?,
        atm_id: ref_id("atm.atmId", &a.atm_id.value)?,
        name: a.name.clone(),
        details: d,
    })
}

// ------------------------------------------------------------------ products

/// The product detail keys `ProductCommons` has fields for: (OBP's name, details key).
const PRODUCT_FIELDS: [(&str, &str); 8] = [
    ("category", "category"),
    ("family", "family"),
    ("superFamily", "super_family"),
    ("moreInfoUrl", "more_info_url"),
    ("termsAndConditionsUrl", "terms_and_conditions_url"),
    ("details", "details"),
    ("description", "description"),
    ("meta", "meta"),
];

/// OBP's `ProductCommons` of `p`.
pub(crate) fn product_commons(p: &Product) -> ProductCommons {
    let mut d = p.details.clone();
    let mut s = |key: &str| take(&mut d, key, text).unwrap_or_default();
    let (category, family, super_family) = (s("category"), s("family"), s("super_family"));
    let (more_info_url, terms_and_conditions_url) =
        (s("more_info_url"), s("terms_and_conditions_url"));
    let (details, description) = (s("details"), s("description"));
    ProductCommons {
        bank_id: Id::new(p.bank_id.as_str()),
        code: Id::new(&p.product_code),
        parent_product_code: Id::new(&p.parent_product_code),
        name: p.name.clone(),
        category,
        family,
        super_family,
        more_info_url,
        terms_and_conditions_url,
        details,
        description,
        meta: take(&mut d, "meta", meta).unwrap_or_default(),
        other_fields: d,
    }
}

fn product_with(
    bank: &str,
    code: &str,
    parent: &str,
    name: String,
    details: Details,
) -> Result<Product, Refusal> {
    Ok(Product {
        bank_id: bank_id("bankId", bank)?,
        product_code: ref_id("code", code)?,
        parent_product_code: if parent.is_empty() {
            String::new()
        } else {
            ref_id("parentProductCode", parent)?
        },
        name,
        details,
    })
}

/// The product of the platform's *extension* `product`: the fields under OBP's names go to
/// their details keys, `otherFields` as they are.
pub(crate) fn product_from_extension(p: &ProductExtension) -> Result<Product, Refusal> {
    let mut fields = p.fields.clone();
    let mut d = match fields.remove("otherFields") {
        Some(Value::Object(o)) => o,
        Some(Value::Null) | None => Map::new(),
        Some(_) => return Err(bad("product.otherFields", "not an object")),
    };
    for (obp, key) in PRODUCT_FIELDS {
        if let Some(v) = fields.remove(obp) {
            d.insert(key.to_owned(), v);
        }
    }
    // Anything else the platform sends is kept as it is.
    d.extend(fields);
    product_with(
        &p.bank_id.value,
        &p.code.value,
        &p.parent_product_code.value,
        p.name.clone(),
        d,
    )
}

/// The product of OBP's flat `createOrUpdateProduct` fields.
pub(crate) fn product_from_fields(
    m: &crate::wire::bank_data::OutBoundCreateOrUpdateProduct,
) -> Result<Product, Refusal> {
    let mut d = Map::new();
    for (key, v) in [
        ("category", &m.category),
        ("family", &m.family),
        ("super_family", &m.super_family),
        ("more_info_url", &m.more_info_url),
        ("terms_and_conditions_url", &m.terms_and_conditions_url),
        ("details", &m.details),
        ("description", &m.description),
    ] {
        put(&mut d, key, v.as_str());
    }
    put(
        &mut d,
        "meta",
        meta_json(&Meta {
            license: License {
                id: m.meta_licence_id.clone(),
                name: m.meta_licence_name.clone(),
            },
        }),
    );
    product_with(
        &m.bank_id,
        &m.code,
        m.parent_product_code.as_deref().unwrap_or_default(),
        m.name.clone(),
        d,
    )
}

// ------------------------------------------------------------------ cards

/// The card detail keys `PhysicalCard` has fields for, as the platform's *extension* `card`
/// names them: (OBP's name, details key).
const CARD_FIELDS: [(&str, &str); 14] = [
    ("cardType", "card_type"),
    ("nameOnCard", "name_on_card"),
    ("serialNumber", "serial_number"),
    ("cancelled", "cancelled"),
    ("onHotList", "on_hot_list"),
    ("technology", "technology"),
    ("networks", "networks"),
    ("allows", "allows"),
    ("replacement", "replacement"),
    ("pinResets", "pin_reset"),
    ("collected", "collected"),
    ("posted", "posted"),
    ("cvv", "cvv"),
    ("brand", "brand"),
];

fn card_request(v: &Value) -> Option<CardRequest> {
    let requested = v.get("requested_date")?.as_str()?;
    Some(CardRequest {
        requested_date: Date(any_date(requested)?),
        reason_requested: v.get("reason_requested")?.as_str()?.to_owned(),
    })
}

fn card_request_json(r: &CardRequest) -> Value {
    object(&[
        ("requested_date", format_date(r.requested_date.0).into()),
        ("reason_requested", r.reason_requested.as_str().into()),
    ])
}

/// A date as the core may hold it: OBP's format or RFC 3339.
fn any_date(s: &str) -> Option<DateTime<Utc>> {
    parse_date(s).ok().or_else(|| {
        DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|d| d.with_timezone(&Utc))
    })
}

fn card_date(v: &Value) -> Option<CardDate> {
    any_date(v.as_str()?).map(|d| CardDate { date: Date(d) })
}

/// OBP's `PhysicalCard` of `c`; its account as the core holds it (only its ids when the core
/// does not hold it).
pub(crate) fn card(core: &CoreData, c: &PhysicalCard, now: DateTime<Utc>) -> WireCard {
    let mut d = c.details.clone();
    let account = core
        .account(c.bank_id.as_str(), &c.account_id)
        .map(|a| account_commons(a, now))
        .unwrap_or_else(|| unknown_account_commons(c.bank_id.as_str(), &c.account_id, now));
    let pin_resets = |v: &Value| v.as_array()?.iter().map(card_request).collect();
    // OBP writes a `CardAction` as its name (`CREDIT`); it reads any case.
    let actions = |v: &Value| texts(v).map(|a| a.iter().map(|x| x.to_uppercase()).collect());
    WireCard {
        card_id: c.card_id.clone(),
        bank_id: c.bank_id.as_str().to_owned(),
        bank_card_number: c.card_number.clone(),
        card_type: take(&mut d, "card_type", text).unwrap_or_default(),
        name_on_card: take(&mut d, "name_on_card", text).unwrap_or_default(),
        issue_number: c.issue_number.clone(),
        serial_number: take(&mut d, "serial_number", text).unwrap_or_default(),
        valid_from: Date(c.valid_from),
        expires: Date(c.expires),
        enabled: c.enabled,
        cancelled: take(&mut d, "cancelled", flag).unwrap_or_default(),
        on_hot_list: take(&mut d, "on_hot_list", flag).unwrap_or_default(),
        technology: take(&mut d, "technology", text).unwrap_or_default(),
        networks: take(&mut d, "networks", texts).unwrap_or_default(),
        allows: take(&mut d, "allows", actions).unwrap_or_default(),
        account,
        replacement: take(&mut d, "replacement", card_request),
        pin_resets: take(&mut d, "pin_reset", pin_resets).unwrap_or_default(),
        collected: take(&mut d, "collected", card_date),
        posted: take(&mut d, "posted", card_date),
        customer_id: c.customer_id.clone(),
        cvv: take(&mut d, "cvv", text),
        brand: take(&mut d, "brand", text),
        other_fields: d,
        cvv_hash: c.cvv_hash.clone(),
    }
}

/// The card of OBP's flat card fields, with `card_id`, `cvv` and `brand`.
pub(crate) fn card_from_fields(
    f: &PhysicalCardFields,
    card_id: &str,
    cvv: Option<&str>,
    brand: Option<&str>,
) -> Result<PhysicalCard, Refusal> {
    let mut d = Map::new();
    put(&mut d, "card_type", f.card_type.as_str());
    put(&mut d, "name_on_card", f.name_on_card.as_str());
    put(&mut d, "serial_number", f.serial_number.as_str());
    put(&mut d, "cancelled", f.cancelled);
    put(&mut d, "on_hot_list", f.on_hot_list);
    put(&mut d, "technology", f.technology.as_str());
    put(&mut d, "networks", strings_json(&f.networks));
    put(&mut d, "allows", strings_json(&f.allows));
    put_opt(
        &mut d,
        "replacement",
        f.replacement.as_ref().map(card_request_json),
    );
    put(
        &mut d,
        "pin_reset",
        Value::Array(f.pin_resets.iter().map(card_request_json).collect()),
    );
    put_opt(
        &mut d,
        "collected",
        f.collected.as_ref().map(|c| format_date(c.date.0)),
    );
    put_opt(
        &mut d,
        "posted",
        f.posted.as_ref().map(|c| format_date(c.date.0)),
    );
    put_opt(&mut d, "cvv", cvv);
    put_opt(&mut d, "brand", brand);
    Ok(PhysicalCard {
        bank_id: bank_id("bankId", &f.bank_id)?,
        card_id: ref_id("cardId", card_id)?,
        card_number: f.bank_card_number.clone(),
        issue_number: f.issue_number.clone(),
        account_id: f.account_id.clone(),
        customer_id: f.customer_id.clone(),
        enabled: f.enabled,
        valid_from: f.valid_from.0,
        expires: f.expires.0,
        details: d,
        cvv_hash: None,
    })
}

/// The card of the platform's *extension* `card`: the fields under OBP's names go to their
/// details keys, `otherFields` as they are, `cvvHash` kept.
pub(crate) fn card_from_extension(c: &CardExtension) -> Result<PhysicalCard, Refusal> {
    let mut fields = c.fields.clone();
    let mut d = match fields.remove("otherFields") {
        Some(Value::Object(o)) => o,
        Some(Value::Null) | None => Map::new(),
        Some(_) => return Err(bad("card.otherFields", "not an object")),
    };
    let cvv_hash = match fields.remove("cvvHash") {
        Some(Value::String(h)) => Some(h),
        Some(Value::Null) | None => None,
        Some(_) => return Err(bad("card.cvvHash", "not a string")),
    };
    for (obp, key) in CARD_FIELDS {
        if let Some(v) = fields.remove(obp) {
            d.insert(key.to_owned(), v);
        }
    }
    // Anything else the platform sends is kept as it is.
    d.extend(fields);
    let date = |field: &str, s: &str| {
        DateTime::parse_from_rfc3339(s)
            .map(|d| d.with_timezone(&Utc))
            .map_err(|e| bad(field, e))
    };
    Ok(PhysicalCard {
        bank_id: bank_id("card.bankId", &c.bank_id)?,
        card_id: ref_id("card.cardId", &c.card_id)?,
        card_number: c.bank_card_number.clone(),
        issue_number: c.issue_number.clone(),
        account_id: c.account.account_id.value.clone(),
        customer_id: c.customer_id.clone(),
        enabled: c.enabled,
        valid_from: date("card.validFrom", &c.valid_from)?,
        expires: date("card.expires", &c.expires)?,
        details: d,
        cvv_hash,
    })
}
