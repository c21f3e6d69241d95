//! Rules an operator attaches to a static endpoint at run time, by OBP's operation id
//! (OBP's `JsonSchemaValidation` and `AuthenticationTypeValidation`).
//!
//! Why they exist: a bank tightens what its own deployment accepts (a stricter body for
//! `createCustomer`, only gateway logins for an internal endpoint) without a release. Both
//! rules only ever refuse more; neither can let through a request the endpoint would refuse.
//!
//! * **Request schemas.** A JSON Schema (draft-07 or draft 2020-12, picked by `$schema`;
//!   2020-12 when absent) that POST and PUT bodies of the operation must match. The schema is
//!   checked against its draft's meta-schema when posted. Patterns are compiled by the
//!   `regex` engine (linear time, no look-around or back-references: a schema using them is
//!   refused), with bounded compiled sizes; `$ref` resolves inside the schema only (nothing is
//!   ever fetched); a schema is at most [`MAX_SCHEMA_BYTES`] and [`MAX_SCHEMA_DEPTH`] deep.
//! * **Authentication types.** The ways a request may authenticate to the operation
//!   ([`AuthenticationType`], OBP's names), taken from the credential that authenticated it.
//!   As in OBP, an anonymous request is not refused by this rule (the endpoint's own login
//!   requirement answers it); a Consent-JWT request is refused by every such rule.

use std::fmt;

use jsonschema::{Draft, PatternOptions};
use serde_json::Value;

use crate::dynamic_entity::describe_failures;

/// Largest accepted schema (serialized bytes).
pub const MAX_SCHEMA_BYTES: usize = 64 * 1024;

/// Deepest accepted schema (nested objects and arrays).
pub const MAX_SCHEMA_DEPTH: usize = 32;

/// Largest compiled size of one `pattern` (bytes of the `regex` engine's program).
const MAX_PATTERN_BYTES: usize = 256 * 1024;

/// The `$schema` values accepted, and the draft each names.
const DRAFTS: &[(&str, Draft)] = &[
    ("http://json-schema.org/draft-07/schema", Draft::Draft7),
    ("http://json-schema.org/draft-07/schema#", Draft::Draft7),
    ("https://json-schema.org/draft-07/schema", Draft::Draft7),
    ("https://json-schema.org/draft-07/schema#", Draft::Draft7),
    (
        "https://json-schema.org/draft/2020-12/schema",
        Draft::Draft202012,
    ),
    (
        "https://json-schema.org/draft/2020-12/schema#",
        Draft::Draft202012,
    ),
];

fn depth(v: &Value) -> usize {
    match v {
        Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Value::Object(map) => 1 + map.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// A compiled request-body schema.
#[derive(Debug)]
pub struct RequestSchema(jsonschema::Validator);

impl RequestSchema {
    /// Checks and compiles a posted schema.
    ///
    /// # Errors
    /// Why the schema is refused (size, depth, `$schema`, the meta-schema's or the compiler's
    /// message), for OBP-40026.
    pub fn compile(schema: &Value) -> Result<RequestSchema, String> {
        let Some(obj) = schema.as_object() else {
            return Err("The JSON Schema must be a JSON object.".to_owned());
        };
        let size = serde_json::to_vec(schema)
            .map(|b| b.len())
            .unwrap_or(usize::MAX);
        if size > MAX_SCHEMA_BYTES {
            return Err(format!(
                "The JSON Schema is {size} bytes; at most {MAX_SCHEMA_BYTES} are allowed."
            ));
        }
        if depth(schema) > MAX_SCHEMA_DEPTH {
            return Err(format!(
                "The JSON Schema nests deeper than {MAX_SCHEMA_DEPTH} levels."
            ));
        }
        let draft = match obj.get("$schema") {
            None => Draft::Draft202012,
            Some(Value::String(uri)) => DRAFTS
                .iter()
                .find(|(u, _)| u == uri)
                .map(|(_, d)| *d)
                .ok_or_else(|| {
                    format!(
                        "$schema {uri} is not supported; use \
                         http://json-schema.org/draft-07/schema or \
                         https://json-schema.org/draft/2020-12/schema."
                    )
                })?,
            Some(_) => return Err("$schema must be a string.".to_owned()),
        };
        jsonschema::options()
            .with_draft(draft)
            .should_validate_formats(true)
            .with_pattern_options(
                PatternOptions::regex()
                    .size_limit(MAX_PATTERN_BYTES)
                    .dfa_size_limit(MAX_PATTERN_BYTES),
            )
            .build(schema)
            .map(RequestSchema)
            .map_err(|e| e.to_string())
    }

    /// Every failure of `body`, each naming the field and keyword; empty when it matches.
    pub fn errors_of(&self, body: &Value) -> Vec<String> {
        describe_failures(&self.0, body)
    }
}

/// How a request authenticated (OBP's `AuthenticationType`, spelled as OBP spells it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuthenticationType {
    /// A DirectLogin token or login.
    DirectLogin,
    /// OAuth 1.0a.
    OAuth1,
    /// A Gateway login JWT.
    GatewayLogin,
    /// DAuth.
    DAuth,
    /// An OAuth 2 / OpenID Connect bearer token.
    OAuth2Oidc,
    /// An OAuth 2 bearer token with a PSD2 certificate (FAPI).
    OAuth2OidcFapi,
    /// A Consent-JWT (with its app's key or certificate). Not an OBP name and never listable:
    /// an operation limited to some types refuses consent requests.
    ConsentJwt,
    /// No credentials.
    Anonymous,
}

impl AuthenticationType {
    /// The types an operator may list (every one but `Anonymous`, as OBP).
    pub const LISTABLE: [AuthenticationType; 6] = [
        AuthenticationType::DirectLogin,
        AuthenticationType::OAuth1,
        AuthenticationType::GatewayLogin,
        AuthenticationType::DAuth,
        AuthenticationType::OAuth2Oidc,
        AuthenticationType::OAuth2OidcFapi,
    ];

    /// OBP's name.
    pub fn name(self) -> &'static str {
        match self {
            AuthenticationType::DirectLogin => "DirectLogin",
            AuthenticationType::OAuth1 => "OAuth1.0a",
            AuthenticationType::GatewayLogin => "GatewayLogin",
            AuthenticationType::DAuth => "DAuth",
            AuthenticationType::OAuth2Oidc => "OAuth2_OIDC",
            AuthenticationType::OAuth2OidcFapi => "OAuth2_OIDC_FAPI",
            AuthenticationType::ConsentJwt => "Consent-JWT",
            AuthenticationType::Anonymous => "Anonymous",
        }
    }

    /// The listable type named `name`.
    pub fn parse_listable(name: &str) -> Option<AuthenticationType> {
        Self::LISTABLE.into_iter().find(|t| t.name() == name)
    }

    /// `[DirectLogin, OAuth1.0a, …]`, as OBP prints a list of types.
    pub fn list(types: &[AuthenticationType]) -> String {
        let names: Vec<&str> = types.iter().map(|t| t.name()).collect();
        format!("[{}]", names.join(", "))
    }
}

impl fmt::Display for AuthenticationType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Reads a posted list of authentication types (a JSON array of OBP's names), without
/// repeats, in the order given.
///
/// # Errors
/// Why the list is refused (not an array of strings, an unknown name, empty), for OBP-40030.
pub fn parse_allowed_types(body: &Value) -> Result<Vec<AuthenticationType>, String> {
    let allowed = format!(
        "Allowed Authentication Type names: {}",
        AuthenticationType::list(&AuthenticationType::LISTABLE)
    );
    let Some(items) = body.as_array() else {
        return Err(format!("The body must be a JSON array of names. {allowed}"));
    };
    if items.is_empty() {
        return Err(format!("Name at least one type. {allowed}"));
    }
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let t = item
            .as_str()
            .and_then(AuthenticationType::parse_listable)
            .ok_or_else(|| format!("{item} is not a type. {allowed}"))?;
        if !out.contains(&t) {
            out.push(t);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn obp_example_schema_compiles_and_checks_bodies() {
        let schema = json!({
            "$schema": "http://json-schema.org/draft-07/schema",
            "description": "The demo json-schema", "title": "The demo schema",
            "required": ["xxx_id"], "type": "object",
            "properties": {"xxx_id": {"type": "string", "minLength": 2, "maxLength": 50}},
            "additionalProperties": true
        });
        let s = RequestSchema::compile(&schema).unwrap();
        assert!(s.errors_of(&json!({"xxx_id": "ab"})).is_empty());
        let errs = s.errors_of(&json!({"xxx_id": "a"}));
        assert_eq!(errs.len(), 1);
        assert!(
            errs[0].contains("xxx_id") && errs[0].contains("minLength"),
            "{errs:?}"
        );
        let errs = s.errors_of(&json!({}));
        assert!(errs[0].contains("required"), "{errs:?}");
    }

    #[test]
    fn draft_2020_12_is_the_default_and_other_drafts_are_refused() {
        assert!(RequestSchema::compile(&json!({"type": "object"})).is_ok());
        assert!(RequestSchema::compile(
            &json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"})
        )
        .is_ok());
        let e = RequestSchema::compile(
            &json!({"$schema": "http://json-schema.org/draft-04/schema#", "type": "object"}),
        )
        .unwrap_err();
        assert!(e.contains("not supported"), "{e}");
        assert!(RequestSchema::compile(&json!({"$schema": 7})).is_err());
        assert!(RequestSchema::compile(&json!(["type"])).is_err());
    }

    #[test]
    fn schemas_that_break_their_meta_schema_are_refused() {
        assert!(RequestSchema::compile(&json!({"type": "objekt"})).is_err());
        assert!(RequestSchema::compile(&json!({"minLength": -1})).is_err());
        assert!(RequestSchema::compile(&json!({"required": "name"})).is_err());
    }

    #[test]
    fn patterns_are_linear_time_or_refused() {
        // Look-around and back-references need a backtracking engine: refused.
        assert!(RequestSchema::compile(&json!({"type": "string", "pattern": "(?=a)a"})).is_err());
        assert!(RequestSchema::compile(&json!({"type": "string", "pattern": "(a)\\1"})).is_err());
        // A classic catastrophic pattern is fine: the engine does not backtrack.
        let s = RequestSchema::compile(&json!({"type": "string", "pattern": "^(a+)+$"})).unwrap();
        let evil = format!("{}!", "a".repeat(50_000));
        assert_eq!(s.errors_of(&json!(evil)).len(), 1);
    }

    #[test]
    fn remote_references_are_never_fetched() {
        let e = RequestSchema::compile(&json!({"$ref": "http://127.0.0.1:9/schema.json"}));
        assert!(e.is_err());
    }

    #[test]
    fn size_and_depth_are_bounded() {
        let mut deep = json!({"type": "object"});
        for _ in 0..40 {
            deep = json!({"type": "object", "properties": {"a": deep}});
        }
        assert!(RequestSchema::compile(&deep)
            .unwrap_err()
            .contains("deeper"));
        let big = json!({"description": "x".repeat(MAX_SCHEMA_BYTES)});
        assert!(RequestSchema::compile(&big).unwrap_err().contains("bytes"));
    }

    #[test]
    fn authentication_type_lists() {
        assert_eq!(
            parse_allowed_types(&json!(["DirectLogin", "OAuth1.0a", "DirectLogin"])).unwrap(),
            vec![AuthenticationType::DirectLogin, AuthenticationType::OAuth1]
        );
        let e = parse_allowed_types(&json!(["Anonymous"])).unwrap_err();
        assert!(
            e.contains(
                "[DirectLogin, OAuth1.0a, GatewayLogin, DAuth, OAuth2_OIDC, OAuth2_OIDC_FAPI]"
            ),
            "{e}"
        );
        assert!(parse_allowed_types(&json!([])).is_err());
        assert!(parse_allowed_types(&json!("DirectLogin")).is_err());
        assert!(parse_allowed_types(&json!([1])).is_err());
        assert!(parse_allowed_types(&json!(["directlogin"])).is_err());
    }
}
