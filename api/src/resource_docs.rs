//! OBP's own documentation formats, derived from the OpenAPI document.
//!
//! OBP's tools (API Explorer, the SDK generators, OBP's own tests) read two formats besides
//! OpenAPI: the resource docs JSON (`/resource-docs/API_VERSION/obp`) and Swagger 2.0
//! (`/resource-docs/API_VERSION/swagger`). Both are built here from the OpenAPI document of
//! [`crate::openapi`], itself generated from the endpoint declarations, so the three formats
//! describe the same operations and cannot drift apart.
//!
//! What each resource doc holds and where it comes from:
//! * `operation_id`, `implemented_by` (`OBPv5.1.0` / `getBanks`, split from the operation id),
//!   `request_verb`, `request_url` (path parameters in OBP's `BANK_ID` spelling, under the
//!   implementing version) and `specified_url` (under the version asked for);
//! * `summary`, `description_markdown` (the declaration's documentation and whether login is
//!   needed, as OBP appends it) and `description` (the same as HTML);
//! * `example_request_body` and `success_response_body`, synthesised from the schemas'
//!   examples, and `typed_request_body` / `typed_success_response_body`, the schemas with
//!   every reference resolved; all omitted when the operation has no such body, as OBP does;
//! * `error_response_bodies`: `OBP-XXXXX: message` of every code the responses name;
//! * `tags`, `roles` (omitted when none, as OBP does), `is_featured`, `special_instructions`;
//! * `connector_methods`: empty — endpoint declarations do not name the connector methods
//!   they call yet.

use obp_domain::ErrorCode;
use serde_json::{json, Map, Value};

/// The methods in the order OBP lists an endpoint's operations.
const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// How deep schemas are expanded for examples and typed bodies (recursive schemas stop here).
const MAX_DEPTH: usize = 12;

/// The resource docs of every operation of `doc` (an OpenAPI document whose paths carry the
/// `/obp/VERSION` prefix of `version`): `{"resource_docs": [...], "meta": {...}}`.
pub fn resource_docs(doc: &Value, version: &str) -> Value {
    let mut docs = Vec::new();
    for (path, item) in paths(doc) {
        for method in METHODS {
            if let Some(op) = item.get(method).and_then(Value::as_object) {
                docs.push(resource_doc(doc, version, path, method, op));
            }
        }
    }
    let count = docs.len();
    json!({
        "resource_docs": docs,
        "meta": {
            "response_date": chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            "count": count,
        }
    })
}

fn paths(doc: &Value) -> impl Iterator<Item = (&str, &Value)> {
    doc.get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|p| p.iter().map(|(k, v)| (k.as_str(), v)))
}

fn resource_doc(
    doc: &Value,
    version: &str,
    path: &str,
    method: &str,
    op: &Map<String, Value>,
) -> Value {
    let operation_id = str_of(op, "operationId");
    let (implemented_in, function) = match operation_id.split_once('-') {
        Some((v, f)) => (v.to_owned(), f.to_owned()),
        None => (format!("OBP{version}"), operation_id.to_owned()),
    };
    let obp_path = obp_url(path);
    let prefix = format!("/obp/{version}");
    let request_url = match (
        obp_path.strip_prefix(&prefix),
        implemented_in.strip_prefix("OBP"),
    ) {
        (Some(rest), Some(v)) => format!("/obp/{v}{rest}"),
        _ => obp_path.clone(),
    };
    let login = if op.contains_key("security") {
        "Mandatory"
    } else {
        "Optional"
    };
    let markdown = format!(
        "{}\n\nAuthentication is {login}\n",
        str_of(op, "description")
    );
    let mut out = Map::new();
    out.insert("operation_id".into(), json!(operation_id));
    out.insert(
        "implemented_by".into(),
        json!({"version": implemented_in, "function": function}),
    );
    out.insert("request_verb".into(), json!(method.to_ascii_uppercase()));
    out.insert("request_url".into(), json!(request_url));
    out.insert("summary".into(), json!(str_of(op, "summary")));
    out.insert("description".into(), json!(html(&markdown)));
    out.insert("description_markdown".into(), json!(markdown));
    let request = op.get("requestBody").and_then(|b| json_schema_of(doc, b));
    if let Some(schema) = request {
        out.insert("example_request_body".into(), example(doc, schema, 0));
    }
    let success = success_schema(doc, op);
    if let Some(schema) = success {
        out.insert("success_response_body".into(), example(doc, schema, 0));
    }
    out.insert(
        "error_response_bodies".into(),
        json!(error_messages(doc, op)),
    );
    out.insert(
        "tags".into(),
        op.get("tags").cloned().unwrap_or_else(|| json!([])),
    );
    if let Some(schema) = request {
        out.insert("typed_request_body".into(), inline(doc, schema, 0));
    }
    if let Some(schema) = success {
        out.insert("typed_success_response_body".into(), inline(doc, schema, 0));
    }
    if let Some(roles) = op
        .get("x-obp-roles")
        .filter(|r| r.as_array().is_some_and(|r| !r.is_empty()))
    {
        out.insert("roles".into(), roles.clone());
    }
    out.insert("is_featured".into(), json!(false));
    out.insert("special_instructions".into(), json!(""));
    out.insert("specified_url".into(), json!(obp_path));
    out.insert("connector_methods".into(), json!([]));
    Value::Object(out)
}

fn str_of<'a>(op: &'a Map<String, Value>, key: &str) -> &'a str {
    op.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// `/obp/v5.1.0/banks/{bank_id}` → `/obp/v5.1.0/banks/BANK_ID`, OBP's spelling.
fn obp_url(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_param = false;
    for c in path.chars() {
        match c {
            '{' => in_param = true,
            '}' => in_param = false,
            c if in_param => out.push(c.to_ascii_uppercase()),
            c => out.push(c),
        }
    }
    out
}

/// CommonMark to HTML.
fn html(markdown: &str) -> String {
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, pulldown_cmark::Parser::new(markdown));
    out
}

/// The JSON schema of a request body or response (following `$ref`s to components).
fn json_schema_of<'a>(doc: &'a Value, body: &'a Value) -> Option<&'a Value> {
    let body = resolve(doc, body);
    body.get("content")?.get("application/json")?.get("schema")
}

/// The schema of the operation's first 2xx response with a JSON body.
fn success_schema<'a>(doc: &'a Value, op: &'a Map<String, Value>) -> Option<&'a Value> {
    let responses = op.get("responses")?.as_object()?;
    responses
        .iter()
        .filter(|(code, _)| code.starts_with('2'))
        .find_map(|(_, r)| json_schema_of(doc, r))
}

/// Follows a local `$ref` (`#/components/...`); anything else is returned as is.
fn resolve<'a>(doc: &'a Value, v: &'a Value) -> &'a Value {
    let mut v = v;
    for _ in 0..MAX_DEPTH {
        let Some(r) = v.get("$ref").and_then(Value::as_str) else {
            return v;
        };
        let Some(pointer) = r.strip_prefix('#') else {
            return v;
        };
        match doc.pointer(pointer) {
            Some(target) => v = target,
            None => return v,
        }
    }
    v
}

/// `OBP-XXXXX: message` for every code the operation's error responses name, in the order
/// of their status, each once.
fn error_messages(doc: &Value, op: &Map<String, Value>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let Some(responses) = op.get("responses").and_then(Value::as_object) else {
        return out;
    };
    for (status, r) in responses {
        if status.starts_with('2') {
            continue;
        }
        let text = resolve(doc, r)
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default();
        for code in obp_codes(text) {
            let message =
                ErrorCode::from_obp_str(code).map_or_else(|| code.to_owned(), |c| c.message(None));
            if !out.contains(&message) {
                out.push(message);
            }
        }
    }
    out
}

/// Every `OBP-` followed by five digits in `text`.
fn obp_codes(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("OBP-").filter_map(move |(i, _)| {
        let code = text.get(i..i + 9)?;
        code[4..]
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then_some(code)
    })
}

/// An example value of a schema: its `example`, else one built from its properties, items or
/// type.
fn example(doc: &Value, schema: &Value, depth: usize) -> Value {
    let schema = resolve(doc, schema);
    if let Some(e) = schema.get("example") {
        return e.clone();
    }
    if let Some(e) = schema
        .get("examples")
        .and_then(Value::as_array)
        .and_then(|e| e.first())
    {
        return e.clone();
    }
    if depth >= MAX_DEPTH {
        return Value::Null;
    }
    if let Some(alternatives) = schema
        .get("oneOf")
        .or_else(|| schema.get("anyOf"))
        .and_then(Value::as_array)
    {
        let first = alternatives
            .iter()
            .find(|a| resolve(doc, a).get("type") != Some(&json!("null")));
        return first.map_or(Value::Null, |a| example(doc, a, depth + 1));
    }
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        let mut merged = Map::new();
        for part in all {
            if let Value::Object(o) = example(doc, part, depth + 1) {
                merged.extend(o);
            }
        }
        return Value::Object(merged);
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return values.first().cloned().unwrap_or(Value::Null);
    }
    match main_type(schema) {
        Some("object") | None if schema.get("properties").is_some() => {
            let mut out = Map::new();
            if let Some(props) = schema.get("properties").and_then(Value::as_object) {
                for (name, p) in props {
                    out.insert(name.clone(), example(doc, p, depth + 1));
                }
            }
            Value::Object(out)
        }
        Some("object") => json!({}),
        Some("array") => match schema.get("items") {
            Some(items) => json!([example(doc, items, depth + 1)]),
            None => json!([]),
        },
        Some("string") => json!(""),
        Some("integer") | Some("number") => json!(0),
        Some("boolean") => json!(false),
        _ => Value::Null,
    }
}

/// The type of a schema, the non-null one of a `[T, "null"]` pair.
fn main_type(schema: &Value) -> Option<&str> {
    match schema.get("type")? {
        Value::String(t) => Some(t),
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).find(|t| *t != "null"),
        _ => None,
    }
}

/// The schema with every `$ref` replaced by its target (recursive schemas stop at
/// [`MAX_DEPTH`] as a bare object).
fn inline(doc: &Value, schema: &Value, depth: usize) -> Value {
    if depth >= MAX_DEPTH {
        return json!({"type": "object"});
    }
    match resolve(doc, schema) {
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, v)| {
                    let v = match k.as_str() {
                        "properties" | "$defs" => Value::Object(
                            v.as_object()
                                .map(|props| {
                                    props
                                        .iter()
                                        .map(|(n, p)| (n.clone(), inline(doc, p, depth + 1)))
                                        .collect()
                                })
                                .unwrap_or_default(),
                        ),
                        "items" | "additionalProperties" | "not" => inline(doc, v, depth + 1),
                        "oneOf" | "anyOf" | "allOf" => Value::Array(
                            v.as_array()
                                .map(|alts| {
                                    alts.iter().map(|a| inline(doc, a, depth + 1)).collect()
                                })
                                .unwrap_or_default(),
                        ),
                        _ => v.clone(),
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

// ------------------------------------------------------------------ Swagger 2.0

/// The Swagger 2.0 document of the same operations: `hostname` (the public base URL) gives
/// `host` and `schemes`; schemas become `definitions`, bodies `in: body` parameters.
pub fn swagger(doc: &Value, hostname: &str) -> Value {
    let (scheme, host) = hostname
        .split_once("://")
        .map_or(("http", hostname), |(s, h)| (s, h));
    let host = host.trim_end_matches('/');
    let mut out_paths = Map::new();
    for (path, item) in paths(doc) {
        let mut ops = Map::new();
        for method in METHODS {
            if let Some(op) = item.get(method).and_then(Value::as_object) {
                ops.insert(method.to_owned(), swagger_operation(doc, op));
            }
        }
        out_paths.insert(path.to_owned(), Value::Object(ops));
    }
    let definitions: Map<String, Value> = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|s| {
            s.iter()
                .map(|(name, schema)| (name.clone(), swagger_schema(schema)))
                .collect()
        })
        .unwrap_or_default();
    let info = doc.get("info").cloned().unwrap_or_else(|| json!({}));
    json!({
        "swagger": "2.0",
        "info": {
            "title": info.get("title").cloned().unwrap_or_else(|| json!("Open Bank Project API")),
            "description": info.get("description").cloned().unwrap_or_else(|| json!("")),
            "version": info.get("version").cloned().unwrap_or_else(|| json!("")),
        },
        "host": host,
        "basePath": "/",
        "schemes": [scheme],
        "consumes": ["application/json"],
        "produces": ["application/json"],
        "securityDefinitions": {
            "DirectLogin": {"type": "apiKey", "in": "header", "name": "DirectLogin"},
            "GatewayLogin": {"type": "apiKey", "in": "header", "name": "Authorization"},
        },
        "paths": out_paths,
        "definitions": definitions,
    })
}

fn swagger_operation(doc: &Value, op: &Map<String, Value>) -> Value {
    let mut out = Map::new();
    for key in ["tags", "summary", "description", "operationId", "security"] {
        if let Some(v) = op.get(key) {
            out.insert(key.to_owned(), v.clone());
        }
    }
    let mut parameters: Vec<Value> = op
        .get("parameters")
        .and_then(Value::as_array)
        .map(|ps| {
            ps.iter()
                .map(|p| {
                    let p = resolve(doc, p);
                    let mut q = Map::new();
                    for key in ["name", "in", "description"] {
                        if let Some(v) = p.get(key) {
                            q.insert(key.to_owned(), v.clone());
                        }
                    }
                    let required = p.get("in") == Some(&json!("path"))
                        || p.get("required") == Some(&json!(true));
                    q.insert("required".into(), json!(required));
                    let schema = p.get("schema").map(swagger_schema).unwrap_or_default();
                    let ty = schema
                        .get("type")
                        .filter(|t| !matches!(t.as_str(), Some("object") | None))
                        .cloned()
                        .unwrap_or_else(|| json!("string"));
                    q.insert("type".into(), ty);
                    if ty_is_array(&q) {
                        q.insert(
                            "items".into(),
                            schema
                                .get("items")
                                .cloned()
                                .unwrap_or_else(|| json!({"type": "string"})),
                        );
                    }
                    for key in ["enum", "format", "minimum", "maximum", "default"] {
                        if let Some(v) = schema.get(key) {
                            q.insert(key.to_owned(), v.clone());
                        }
                    }
                    Value::Object(q)
                })
                .collect()
        })
        .unwrap_or_default();
    if let Some(body) = op.get("requestBody") {
        let body = resolve(doc, body);
        if let Some(schema) = body.pointer("/content/application~1json/schema") {
            parameters.push(json!({
                "name": "body",
                "in": "body",
                "required": body.get("required").cloned().unwrap_or(json!(false)),
                "schema": swagger_schema(schema),
            }));
        }
    }
    out.insert("parameters".into(), Value::Array(parameters));
    let mut responses = Map::new();
    if let Some(rs) = op.get("responses").and_then(Value::as_object) {
        for (status, r) in rs {
            let r = resolve(doc, r);
            let mut s = Map::new();
            s.insert(
                "description".into(),
                r.get("description").cloned().unwrap_or_else(|| json!("")),
            );
            if let Some(schema) = r.pointer("/content/application~1json/schema") {
                s.insert("schema".into(), swagger_schema(schema));
            }
            responses.insert(status.clone(), Value::Object(s));
        }
    }
    out.insert("responses".into(), Value::Object(responses));
    Value::Object(out)
}

fn ty_is_array(q: &Map<String, Value>) -> bool {
    q.get("type") == Some(&json!("array"))
}

/// An OpenAPI 3.1 schema as a Swagger 2.0 one: references point into `definitions`, a
/// `[T, "null"]` type becomes `T` with `x-nullable`, `oneOf`/`anyOf` (which 2.0 lacks) keep
/// their first non-null alternative, `const` becomes a one-value `enum`, numeric
/// `exclusiveMinimum`/`exclusiveMaximum` become bounds with the boolean flag.
fn swagger_schema(schema: &Value) -> Value {
    let Value::Object(o) = schema else {
        return schema.clone();
    };
    if let Some(r) = o.get("$ref").and_then(Value::as_str) {
        let r = r.replace("#/components/schemas/", "#/definitions/");
        return json!({ "$ref": r });
    }
    if let Some(alts) = o
        .get("oneOf")
        .or_else(|| o.get("anyOf"))
        .and_then(Value::as_array)
    {
        let nullable = alts.iter().any(|a| a.get("type") == Some(&json!("null")));
        let first = alts
            .iter()
            .find(|a| a.get("type") != Some(&json!("null")))
            .map(swagger_schema)
            .unwrap_or_else(|| json!({}));
        let mut out = match first {
            Value::Object(f) if f.contains_key("$ref") => {
                // A `$ref` cannot carry siblings in 2.0: keep the reference alone.
                return Value::Object(f);
            }
            Value::Object(f) => f,
            _ => Map::new(),
        };
        if let Some(d) = o.get("description") {
            out.insert("description".into(), d.clone());
        }
        if nullable {
            out.insert("x-nullable".into(), json!(true));
        }
        return Value::Object(out);
    }
    let mut out = Map::new();
    for (k, v) in o {
        match k.as_str() {
            "type" => match v {
                Value::Array(ts) => {
                    let t = ts
                        .iter()
                        .find(|t| t.as_str() != Some("null"))
                        .cloned()
                        .unwrap_or_else(|| json!("string"));
                    out.insert("type".into(), t);
                    if ts.iter().any(|t| t.as_str() == Some("null")) {
                        out.insert("x-nullable".into(), json!(true));
                    }
                }
                Value::String(t) if t == "null" => {
                    out.insert("x-nullable".into(), json!(true));
                }
                other => {
                    out.insert("type".into(), other.clone());
                }
            },
            "properties" => {
                let props = v
                    .as_object()
                    .map(|ps| {
                        ps.iter()
                            .map(|(n, p)| (n.clone(), swagger_schema(p)))
                            .collect::<Map<_, _>>()
                    })
                    .unwrap_or_default();
                out.insert(k.clone(), Value::Object(props));
            }
            "items" | "additionalProperties" => {
                out.insert(k.clone(), swagger_schema(v));
            }
            "allOf" => {
                let parts = v
                    .as_array()
                    .map(|ps| ps.iter().map(swagger_schema).collect::<Vec<_>>())
                    .unwrap_or_default();
                out.insert(k.clone(), Value::Array(parts));
            }
            "const" => {
                out.insert("enum".into(), json!([v]));
            }
            "examples" => {
                if let Some(first) = v.as_array().and_then(|e| e.first()) {
                    out.insert("example".into(), first.clone());
                }
            }
            "exclusiveMinimum" | "exclusiveMaximum" if v.is_number() => {
                let bound = if k == "exclusiveMinimum" {
                    "minimum"
                } else {
                    "maximum"
                };
                out.insert(bound.into(), v.clone());
                out.insert(k.clone(), json!(true));
            }
            "$schema"
            | "$id"
            | "contentEncoding"
            | "contentMediaType"
            | "unevaluatedProperties"
            | "propertyNames"
            | "prefixItems"
            | "$defs"
            | "dependentRequired"
            | "oneOf"
            | "anyOf"
            | "not"
            | "if"
            | "then"
            | "else" => {}
            _ => {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Value {
        json!({
            "info": {"title": "T", "version": "1"},
            "paths": {
                "/obp/v5.1.0/banks/{bank_id}/things": {
                    "post": {
                        "operationId": "OBPv4.0.0-createThing",
                        "summary": "Create Thing",
                        "description": "Makes a *thing*.",
                        "tags": ["Thing"],
                        "security": [{"DirectLogin": []}],
                        "x-obp-roles": [{"role": "CanCreateThing", "requires_bank_id": true}],
                        "parameters": [{"name": "bank_id", "in": "path", "required": true, "schema": {"type": "string"}}],
                        "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}, "required": true},
                        "responses": {
                            "201": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                            "400": {"description": "OBP-10001 / OBP-99999"},
                            "500": {"$ref": "#/components/responses/ServerFault"}
                        }
                    },
                    "get": {
                        "operationId": "OBPv5.1.0-getThings",
                        "summary": "Get Things",
                        "description": "",
                        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}}}}}
                    }
                }
            },
            "components": {
                "schemas": {
                    "Thing": {
                        "type": "object",
                        "required": ["name"],
                        "properties": {
                            "name": {"type": "string", "example": "box"},
                            "size": {"type": ["integer", "null"], "minimum": 0},
                            "owner": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Owner"}]}
                        }
                    },
                    "Owner": {"type": "object", "properties": {"id": {"type": "string", "example": "u1"}}}
                },
                "responses": {"ServerFault": {"description": "OBP-50000"}}
            }
        })
    }

    #[test]
    fn resource_docs_carry_obp_fields() {
        let out = resource_docs(&doc(), "v5.1.0");
        assert_eq!(out["meta"]["count"], 2);
        let get = &out["resource_docs"][0];
        assert_eq!(get["request_verb"], "GET");
        assert!(get.get("example_request_body").is_none());
        assert!(get.get("roles").is_none());
        assert_eq!(
            get["success_response_body"],
            json!([{"name": "box", "size": 0, "owner": {"id": "u1"}}])
        );
        let post = &out["resource_docs"][1];
        assert_eq!(post["operation_id"], "OBPv4.0.0-createThing");
        assert_eq!(
            post["implemented_by"],
            json!({"version": "OBPv4.0.0", "function": "createThing"})
        );
        assert_eq!(post["request_url"], "/obp/v4.0.0/banks/BANK_ID/things");
        assert_eq!(post["specified_url"], "/obp/v5.1.0/banks/BANK_ID/things");
        assert_eq!(
            post["example_request_body"],
            json!({"name": "box", "size": 0, "owner": {"id": "u1"}})
        );
        assert_eq!(
            post["error_response_bodies"],
            json!([
                ErrorCode::InvalidJsonFormat.message(None),
                "OBP-99999",
                ErrorCode::UnknownError.message(None)
            ])
        );
        assert_eq!(
            post["typed_request_body"]["properties"]["owner"]["oneOf"][1]["properties"]["id"]
                ["type"],
            "string"
        );
        assert!(post["description"]
            .as_str()
            .unwrap()
            .contains("<em>thing</em>"));
        assert!(post["description_markdown"]
            .as_str()
            .unwrap()
            .ends_with("Authentication is Mandatory\n"));
        assert_eq!(post["roles"][0]["role"], "CanCreateThing");
    }

    #[test]
    fn swagger_is_version_2_with_definitions() {
        let out = swagger(&doc(), "https://api.example.com/");
        assert_eq!(out["swagger"], "2.0");
        assert_eq!(out["host"], "api.example.com");
        assert_eq!(out["schemes"], json!(["https"]));
        let post = &out["paths"]["/obp/v5.1.0/banks/{bank_id}/things"]["post"];
        assert_eq!(
            post["parameters"],
            json!([
                {"name": "bank_id", "in": "path", "required": true, "type": "string"},
                {"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Thing"}}
            ])
        );
        assert_eq!(post["responses"]["500"]["description"], json!("OBP-50000"));
        let thing = &out["definitions"]["Thing"];
        assert_eq!(
            thing["properties"]["size"],
            json!({"type": "integer", "x-nullable": true, "minimum": 0})
        );
        assert_eq!(
            thing["properties"]["owner"],
            json!({"$ref": "#/definitions/Owner"})
        );
        let text = out.to_string();
        assert!(!text.contains("#/components/"));
        assert!(!text.contains("oneOf"));
    }
}
