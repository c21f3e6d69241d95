//! One rule at the edge for the text a client sends: [`check_input`].
//!
//! Every request passes through it before any handler runs, so no endpoint can forget it:
//!
//! * **Control characters.** No string that reaches a handler may hold a control character
//!   (Unicode `Cc`: U+0000–U+001F, U+007F–U+009F). PostgreSQL refuses NUL in text, and the
//!   others have no business in names, ids or labels. JSON string *values* may hold TAB, LF and
//!   CR (multi-line descriptions, comments and PEM certificates; OBP stores them as sent);
//!   object keys, path segments and query parameters may not. Refused with 400:
//!   `OBP-10001` naming the JSON path of the field, `OBP-10042` for the path,
//!   `OBP-10027` naming the query parameter.
//! * **Length limits.** A request body field whose schema declares `maxLength`
//!   (`#[schema(max_length = N)]` on the DTO field, OBP's column size) is refused with 400
//!   `OBP-20010: Value too long. The maximum length of `<field>` field is N.` (OBP's code and
//!   wording for its own length checks) when it has more than `N` characters
//!   (Unicode scalar values, as PostgreSQL counts `varchar(N)`). The limits are read once, at
//!   start, from the OpenAPI document, so the one declaration is both documented and enforced,
//!   including for endpoints that read their body as a free-form JSON value.
//!
//! Bodies are read here (up to [`MAX_JSON_BODY`]), checked, and handed on unchanged; a body
//! that is not valid JSON is handed on as is, for the endpoint's extractor to answer as before.

use std::collections::HashMap;
use std::fmt::Write as _;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ResourceDef, ServiceRequest, ServiceResponse};
use actix_web::http::header::{CONTENT_LENGTH, CONTENT_TYPE, TRANSFER_ENCODING};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::web::{Bytes, BytesMut, Data};
use actix_web::{HttpMessage, ResponseError};
use futures_util::StreamExt;
use obp_domain::ErrorCode;
use serde_json::{Map, Value};

use crate::error::ApiError;
use crate::middleware::RawBody;

/// Largest accepted JSON body.
pub const MAX_JSON_BODY: usize = 1024 * 1024;

/// The length limits of request bodies, per operation, read from the OpenAPI document.
#[derive(Debug, Default)]
pub struct InputRules {
    /// By method and route pattern (`/obp/{version}/banks/{BANK_ID}/attribute`).
    by_pattern: HashMap<(Method, String), Rule>,
    /// The same, for requests whose matched pattern is not the operation's (two resources
    /// matching one path with different methods); most specific first.
    ordered: Vec<(Method, ResourceDef, String)>,
}

/// The limits of one JSON value and of what it contains.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Rule {
    max_chars: Option<usize>,
    properties: HashMap<String, Rule>,
    items: Option<Box<Rule>>,
}

impl Rule {
    fn is_empty(&self) -> bool {
        self.max_chars.is_none() && self.properties.is_empty() && self.items.is_none()
    }

    /// Adds `other`'s limits (a branch of `allOf`/`oneOf`/`anyOf`); the larger limit wins
    /// where both declare one.
    fn merge(&mut self, other: Rule) {
        self.max_chars = match (self.max_chars, other.max_chars) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        for (name, rule) in other.properties {
            self.properties.entry(name).or_default().merge(rule);
        }
        if let Some(items) = other.items {
            match &mut self.items {
                Some(mine) => mine.merge(*items),
                None => self.items = Some(items),
            }
        }
    }
}

/// Schemas nest at most this deep (recursive schemas stop here).
const MAX_SCHEMA_DEPTH: usize = 24;

fn compile(schema: &Value, schemas: &Map<String, Value>, depth: usize) -> Rule {
    let mut rule = Rule::default();
    let Some(obj) = schema.as_object() else {
        return rule;
    };
    if depth > MAX_SCHEMA_DEPTH {
        return rule;
    }
    if let Some(target) = obj.get("$ref").and_then(Value::as_str) {
        if let Some(s) = target
            .strip_prefix("#/components/schemas/")
            .and_then(|name| schemas.get(name))
        {
            rule.merge(compile(s, schemas, depth + 1));
        }
    }
    rule.max_chars = obj
        .get("maxLength")
        .and_then(Value::as_u64)
        .and_then(|n| usize::try_from(n).ok())
        .or(rule.max_chars);
    if let Some(props) = obj.get("properties").and_then(Value::as_object) {
        for (name, s) in props {
            let r = compile(s, schemas, depth + 1);
            if !r.is_empty() {
                rule.properties.entry(name.clone()).or_default().merge(r);
            }
        }
    }
    if let Some(items) = obj.get("items") {
        let r = compile(items, schemas, depth + 1);
        if !r.is_empty() {
            rule.items = Some(Box::new(r));
        }
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        for branch in obj.get(key).and_then(Value::as_array).into_iter().flatten() {
            rule.merge(compile(branch, schemas, depth + 1));
        }
    }
    rule
}

impl InputRules {
    /// Reads the `maxLength` limits of every operation's JSON request body from an OpenAPI
    /// document whose paths are route patterns (`/obp/{version}/...`).
    pub fn from_document(doc: &Value) -> Self {
        let empty = Map::new();
        let schemas = doc
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let mut rules = Self::default();
        let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
            return rules;
        };
        for (path, item) in paths {
            for (name, method) in [
                ("post", Method::POST),
                ("put", Method::PUT),
                ("patch", Method::PATCH),
                ("delete", Method::DELETE),
            ] {
                let Some(schema) = item
                    .get(name)
                    .and_then(|op| op.pointer("/requestBody/content/application~1json/schema"))
                else {
                    continue;
                };
                let rule = compile(schema, schemas, 0);
                if rule.is_empty() {
                    continue;
                }
                rules.ordered.push((
                    method.clone(),
                    ResourceDef::new(path.as_str()),
                    path.clone(),
                ));
                rules.by_pattern.insert((method, path.clone()), rule);
            }
        }
        // Static segments before dynamic ones, as the router tries them.
        rules
            .ordered
            .sort_by_key(|(_, _, path)| path.matches('{').count());
        rules
    }

    /// The limits of the operation `method path` (`pattern` is the route the router matched).
    fn find(&self, method: &Method, pattern: Option<String>, path: &str) -> Option<&Rule> {
        if let Some(p) = pattern {
            if let Some(rule) = self.by_pattern.get(&(method.clone(), p)) {
                return Some(rule);
            }
        }
        self.ordered
            .iter()
            .find(|(m, def, _)| m == method && def.is_match(path))
            .and_then(|(m, _, p)| self.by_pattern.get(&(m.clone(), p.clone())))
    }

    /// Number of operations with limits.
    pub fn len(&self) -> usize {
        self.by_pattern.len()
    }

    /// Whether no operation has limits.
    pub fn is_empty(&self) -> bool {
        self.by_pattern.is_empty()
    }
}

/// The first control character of `s` that a JSON string value may not hold: any `Cc`
/// character but TAB, LF and CR. Works on the UTF-8 bytes: C0 controls and DEL are single
/// bytes, C1 controls are `C2 80`..`C2 9F`.
fn forbidden_in_value(s: &str) -> Option<char> {
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\t' | b'\n' | b'\r' => {}
            0x00..=0x1f | 0x7f => return Some(char::from(b)),
            0xc2 => {
                if let Some(&next @ 0x80..=0x9f) = bytes.get(i + 1) {
                    return char::from_u32(u32::from(next));
                }
            }
            _ => {}
        }
    }
    None
}

/// The first control character of `s` (keys, path segments, query parameters).
fn forbidden_anywhere(s: &str) -> Option<char> {
    s.chars().find(|c| c.is_control())
}

/// One step of a JSON path.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

fn render_path(path: &[Step<'_>]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => {
                let _ = write!(out, "[{i}]");
            }
        }
    }
    if out.is_empty() {
        out.push_str("(the body itself)");
    }
    out
}

fn codepoint(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// What is wrong with a body.
#[derive(Debug, PartialEq, Eq)]
enum BodyError {
    /// A control character (OBP-10001).
    Control(String),
    /// A field longer than its maximum (OBP-20010).
    TooLong(String),
}

impl BodyError {
    fn into_api(self) -> ApiError {
        match self {
            BodyError::Control(d) => ApiError::with_detail(ErrorCode::InvalidJsonFormat, d),
            BodyError::TooLong(d) => ApiError::with_detail(ErrorCode::InvalidValueLength, d),
        }
    }
}

/// Checks every string and key of `value`, and the limits of `rule`.
fn check_value<'a>(
    value: &'a Value,
    rule: Option<&Rule>,
    path: &mut Vec<Step<'a>>,
) -> Result<(), BodyError> {
    match value {
        Value::String(s) => {
            if let Some(c) = forbidden_in_value(s) {
                return Err(BodyError::Control(format!(
                    "The field {} contains the control character {}; text may hold no \
                     control characters but tab, line feed and carriage return.",
                    render_path(path),
                    codepoint(c)
                )));
            }
            if let Some(max) = rule.and_then(|r| r.max_chars) {
                // Bytes bound characters from above: count only when it can matter.
                if s.len() > max && s.chars().count() > max {
                    return Err(BodyError::TooLong(format!(
                        "The maximum length of `{}` field is {max}.",
                        render_path(path)
                    )));
                }
            }
            Ok(())
        }
        Value::Array(items) => {
            let item_rule = rule.and_then(|r| r.items.as_deref());
            for (i, v) in items.iter().enumerate() {
                path.push(Step::Index(i));
                check_value(v, item_rule, path)?;
                path.pop();
            }
            Ok(())
        }
        Value::Object(map) => {
            for (k, v) in map {
                if let Some(c) = forbidden_anywhere(k) {
                    let at = if path.is_empty() {
                        "the body".to_owned()
                    } else {
                        format!("the object {}", render_path(path))
                    };
                    return Err(BodyError::Control(format!(
                        "A key of {at} contains the control character {}.",
                        codepoint(c)
                    )));
                }
                path.push(Step::Key(k));
                check_value(v, rule.and_then(|r| r.properties.get(k)), path)?;
                path.pop();
            }
            Ok(())
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => Ok(()),
    }
}

/// Checks a JSON body against the rule. `Ok` also for a body that is not JSON: the
/// endpoint's extractor answers that as before.
fn check_body(body: &[u8], rule: Option<&Rule>) -> Result<(), BodyError> {
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return Ok(());
    };
    check_value(&value, rule, &mut Vec::new())
}

/// Checks the decoded path and query string.
fn check_path_and_query(path: &str, query: &str) -> Result<(), ApiError> {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    if let Some(c) = forbidden_anywhere(&decoded) {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidPathParameter,
            format!("The path contains the control character {}.", codepoint(c)),
        ));
    }
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        if let Some(c) = forbidden_anywhere(&name).or_else(|| forbidden_anywhere(&value)) {
            let name: String = name.chars().filter(|c| !c.is_control()).collect();
            return Err(ApiError::with_detail(
                ErrorCode::InvalidQueryParameter,
                format!(
                    "The query parameter {name} contains the control character {}.",
                    codepoint(c)
                ),
            ));
        }
    }
    Ok(())
}

/// Whether the request carries a body this middleware reads: any method, with a length or
/// chunked, declared as JSON or `text/plain` or not declared (the JSON extractor's rule).
fn has_json_body(req: &ServiceRequest) -> bool {
    let headers = req.headers();
    let length = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let present = length.is_some_and(|l| l > 0) || headers.contains_key(TRANSFER_ENCODING);
    if !present {
        return false;
    }
    match headers.get(CONTENT_TYPE) {
        None => true,
        Some(v) => v
            .to_str()
            .ok()
            .and_then(|v| v.parse::<mime::Mime>().ok())
            .is_some_and(|m| {
                m.subtype() == mime::JSON
                    || m.suffix() == Some(mime::JSON)
                    || (m.type_() == mime::TEXT && m.subtype() == mime::PLAIN)
            }),
    }
}

/// Reads the whole body, up to [`MAX_JSON_BODY`].
async fn read_body(req: &mut ServiceRequest) -> Result<Bytes, ApiError> {
    let too_large = || {
        ApiError::with_detail(
            ErrorCode::InvalidJsonFormat,
            format!("The body is larger than {MAX_JSON_BODY} bytes."),
        )
    };
    let declared = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|l| l > MAX_JSON_BODY) {
        return Err(too_large());
    }
    let mut payload = req.take_payload();
    let mut buf = BytesMut::with_capacity(declared.unwrap_or(0));
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| {
            ApiError::with_detail(ErrorCode::InvalidJsonFormat, "The body could not be read.")
                .caused_by(e)
        })?;
        if buf.len() + chunk.len() > MAX_JSON_BODY {
            return Err(too_large());
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf.freeze())
}

fn refuse(req: ServiceRequest, err: &ApiError) -> ServiceResponse<BoxBody> {
    let (http_req, _) = req.into_parts();
    ServiceResponse::new(http_req, err.error_response())
}

/// The edge check of every request (see the module documentation).
///
/// # Errors
/// Never fails itself; answers the OBP envelope instead.
pub async fn check_input(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if let Err(e) = check_path_and_query(req.path(), req.query_string()) {
        return Ok(refuse(req, &e));
    }
    if has_json_body(&req) {
        let body = match read_body(&mut req).await {
            Ok(b) => b,
            Err(e) => return Ok(refuse(req, &e)),
        };
        let rules = req.app_data::<Data<InputRules>>().cloned();
        let rule = rules.as_deref().and_then(|r| {
            let pattern = crate::router::pattern_of(req.method(), req.path());
            r.find(req.method(), pattern, req.path())
        });
        if let Err(e) = check_body(&body, rule) {
            return Ok(refuse(req, &e.into_api()));
        }
        req.extensions_mut().insert(RawBody(body.clone()));
        req.set_payload(Payload::from(body));
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn control_characters_in_values() {
        assert_eq!(forbidden_in_value("plain text é ✓"), None);
        assert_eq!(forbidden_in_value("two\nlines\r\n\tindented"), None);
        assert_eq!(forbidden_in_value("a\u{0}b"), Some('\u{0}'));
        assert_eq!(forbidden_in_value("a\u{1b}[31m"), Some('\u{1b}'));
        assert_eq!(forbidden_in_value("del\u{7f}"), Some('\u{7f}'));
        assert_eq!(forbidden_in_value("c1\u{85}"), Some('\u{85}'));
        assert_eq!(forbidden_in_value("c1\u{9f}"), Some('\u{9f}'));
        // U+00A0 (C2 A0) and U+0100 are not controls.
        assert_eq!(forbidden_in_value("nbsp\u{a0}\u{100}"), None);
        assert_eq!(forbidden_anywhere("a\tb"), Some('\t'));
    }

    fn doc() -> Value {
        json!({
            "paths": {
                "/obp/{version}/things/{ID}": {"post": {"requestBody": {"content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}},
                "/obp/{version}/things/special": {"put": {"requestBody": {"content": {
                    "application/json": {"schema": {"type": "object", "properties": {
                        "x": {"type": "string", "maxLength": 1}}}}}}}}
            },
            "components": {"schemas": {
                "Thing": {"type": "object", "properties": {
                    "name": {"type": "string", "maxLength": 3},
                    "inner": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Inner"}]},
                    "tags": {"type": "array", "items": {"type": "string", "maxLength": 2}},
                    "me": {"$ref": "#/components/schemas/Thing"}
                }},
                "Inner": {"type": "object", "properties": {
                    "label": {"type": ["string", "null"], "maxLength": 4}}}
            }}
        })
    }

    #[test]
    fn limits_come_from_the_document() {
        let rules = InputRules::from_document(&doc());
        assert_eq!(rules.len(), 2);
        let rule = rules
            .find(&Method::POST, None, "/obp/v5.1.0/things/abc")
            .expect("rule");
        let check = |v: Value| check_value(&v, Some(rule), &mut Vec::new());
        assert!(check(json!({"name": "abc", "inner": {"label": "four"}, "tags": ["ab"]})).is_ok());
        assert_eq!(
            check(json!({"name": "abcd"})).unwrap_err(),
            BodyError::TooLong("The maximum length of `name` field is 3.".into())
        );
        // Characters, not bytes.
        assert!(check(json!({"name": "ééé"})).is_ok());
        assert_eq!(
            check(json!({"inner": {"label": "fives"}})).unwrap_err(),
            BodyError::TooLong("The maximum length of `inner.label` field is 4.".into())
        );
        assert_eq!(
            check(json!({"tags": ["ok", "abc"]})).unwrap_err(),
            BodyError::TooLong("The maximum length of `tags[1]` field is 2.".into())
        );
        assert_eq!(
            check(json!({"me": {"me": {"name": "long"}}})).unwrap_err(),
            BodyError::TooLong("The maximum length of `me.me.name` field is 3.".into())
        );
        assert!(rules
            .find(&Method::PUT, None, "/obp/v5.1.0/things/abc")
            .is_none());
        assert!(rules
            .find(&Method::PUT, None, "/obp/v5.1.0/things/special")
            .is_some());
    }

    #[test]
    fn control_characters_are_named_by_path() {
        let check = |v: Value| check_value(&v, None, &mut Vec::new());
        assert_eq!(
            check(json!({"a": [{"b": "x\u{0}"}]})).unwrap_err(),
            BodyError::Control(
                "The field a[0].b contains the control character U+0000; text may hold no \
                 control characters but tab, line feed and carriage return."
                    .into()
            )
        );
        assert_eq!(
            check(json!({"a": {"b\u{0}": 1}})).unwrap_err(),
            BodyError::Control(
                "A key of the object a contains the control character U+0000.".into()
            )
        );
        assert!(check_body(b"not json \x00", None).is_ok());
    }

    #[test]
    fn path_and_query() {
        assert!(check_path_and_query("/obp/v5.1.0/banks/b%20c", "limit=5&x=a+b").is_ok());
        let e = check_path_and_query("/obp/v5.1.0/banks/b%00", "").unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidPathParameter);
        let e = check_path_and_query("/obp/v5.1.0/banks", "limit=5&na%00me=1").unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidQueryParameter);
        assert!(
            e.client_message().contains("name"),
            "{}",
            e.client_message()
        );
        let e = check_path_and_query("/x", "q=%0a").unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidQueryParameter);
    }
}
