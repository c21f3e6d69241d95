//! The generated authorization test (issue #14): every operation of the served OpenAPI
//! document is called as an anonymous caller and as a logged-in user who holds no role and no
//! view, with the path filled from a seeded fixture (a bank, an account owned by someone
//! else, its `owner` view, a transaction of it, that owner's user id) and a body made from the
//! operation's request schema. New endpoints are covered as soon as they are routed.
//!
//! * Public operations are declared twice: in the document (no `security` requirement, which
//!   comes from the `endpoint!` declaration's `anonymous`) and in [`PUBLIC`] below, with a
//!   reason. Only they may answer 2xx to an anonymous caller.
//! * Operations that act on the caller's own data ([`SELF_SERVICE`]) may also answer 2xx to
//!   the user without roles, and then must not show the other user's account or user id;
//!   every other operation must refuse them.
//! * An operation that requires login answers an anonymous caller 401.
//! * Every status seen must be documented for its operation.

use std::collections::BTreeSet;

use obp_tests::{Persona, TestApp, PASSWORD};
use reqwest::Method;
use serde_json::{json, Map, Value};

/// Operations anyone may call, with why.
const PUBLIC: &[(&str, &str)] = &[
    ("getHealthLive", "liveness probe"),
    ("getHealthReady", "readiness probe"),
    ("getOpenApiJson", "the API's own description"),
    ("OBPv5.1.0-root", "API information"),
    ("OBPv5.1.0-rootSlash", "API information"),
    ("OBPv4.0.0-getScannedApiVersions", "API versions"),
    ("OBPv5.1.0-getResourceDocsOpenAPI", "resource docs"),
    ("OBPv1.4.0-getResourceDocsObp", "resource docs (OBP format)"),
    (
        "OBPv1.4.0-getResourceDocsSwagger",
        "resource docs (Swagger 2.0)",
    ),
    ("getApiExplorer", "API explorer page"),
    ("getApiExplorerScript", "API explorer page"),
    ("getApiExplorerStyle", "API explorer page"),
    ("OBPv2.2.0-getMessageDocs", "connector message docs"),
    ("OBPv4.0.0-getBanks", "banks are public data"),
    ("OBPv5.0.0-getBank", "banks are public data"),
    ("OBPv5.1.0-getAtms", "ATMs are public data"),
    ("OBPv5.1.0-getAtm", "ATMs are public data"),
    (
        "OBPv5.1.0-getAgents",
        "a bank's confirmed cash agents, where its customers withdraw cash",
    ),
    ("OBPv3.0.0-getBranches", "branches are public data"),
    ("OBPv3.0.0-getBranch", "branches are public data"),
    ("OBPv4.0.0-getProducts", "products are public data"),
    ("OBPv4.0.0-getProduct", "products are public data"),
    (
        "OBPv2.1.0-getTransactionRequestTypesSupportedByBank",
        "the bank's payment types",
    ),
    (
        "OBPv2.0.0-publicAccountsAllBanks",
        "lists only accounts with a public view",
    ),
    (
        "OBPv2.0.0-publicAccountsAtOneBank",
        "lists only accounts with a public view",
    ),
    (
        "OBPv1.2.1-getTransactionNarrative",
        "transaction metadata through a public view only",
    ),
    (
        "OBPv1.2.1-getCommentsForViewOnTransaction",
        "transaction metadata through a public view only",
    ),
    (
        "OBPv1.2.1-getTagsForViewOnTransaction",
        "transaction metadata through a public view only",
    ),
    (
        "OBPv1.2.1-getImagesForViewOnTransaction",
        "transaction metadata through a public view only",
    ),
    (
        "OBPv1.2.1-getWhereTagForViewOnTransaction",
        "transaction metadata through a public view only",
    ),
    (
        "OBPv4.0.0-getAllJsonSchemaValidationsPublic",
        "the body rules clients must follow",
    ),
    (
        "OBPv4.0.0-getAllAuthenticationTypeValidationsPublic",
        "the ways clients may log in",
    ),
    ("OBPv2.0.0-createUser", "sign-up"),
    ("directLogin", "login"),
    ("directLoginVersioned", "login"),
];

/// Operations a logged-in user without roles or views may succeed on: they act on the
/// caller's own data or are open to every user, as in OBP.
const SELF_SERVICE: &[(&str, &str)] = &[
    ("deleteDirectLoginToken", "revokes the caller's own token"),
    ("OBPv3.0.0-getCurrentUser", "the caller"),
    ("OBPv4.0.0-getCurrentUserId", "the caller"),
    (
        "OBPv3.0.0-corePrivateAccountsAllBanks",
        "the caller's accounts",
    ),
    (
        "OBPv4.0.0-getPrivateAccountsAtOneBank",
        "the caller's accounts",
    ),
    (
        "OBPv3.0.0-privateAccountsAtOneBank",
        "the caller's accounts",
    ),
    ("OBPv3.0.0-getAccountsHeld", "the caller's accounts"),
    ("OBPv5.1.0-getBankAccountsBalances", "the caller's accounts"),
    ("OBPv1.3.0-getCards", "the caller's cards"),
    ("OBPv3.1.0-getConsumersForCurrentUser", "the caller's apps"),
    ("createMyConsumer", "any user may register an app"),
    (
        "OBPv5.1.0-createAgent",
        "OBP: any user may propose an agent; it is pending and cannot be paid until the bank confirms it",
    ),
    (
        "OBPv5.0.0-getMyCustomersAtAnyBank",
        "the caller's customers",
    ),
    ("OBPv3.0.0-getCustomersForUser", "the caller's customers"),
    (
        "OBPv3.0.0-getEntitlementsForCurrentUser",
        "the caller's roles",
    ),
    (
        "OBPv3.0.0-getEntitlementRequestsForCurrentUser",
        "the caller's role requests",
    ),
    ("OBPv2.1.0-getRoles", "OBP: the role names, to any user"),
    (
        "OBPv3.1.0-createConsentSms",
        "a consent of the caller's own rights (never more than held)",
    ),
    (
        "OBPv3.1.0-createConsentEmail",
        "a consent of the caller's own rights (never more than held)",
    ),
    (
        "OBPv3.1.0-createConsentImplicit",
        "a consent of the caller's own rights (never more than held)",
    ),
    ("OBPv4.0.0-getConsents", "the caller's consents"),
    (
        "OBPv3.1.0-getObpConnectorLoopback",
        "Kafka health, to any logged-in user (OBP-20001 anonymous)",
    ),
    (
        "OBPv4.0.0-getMyDynamicEntities",
        "the dynamic entities the caller created",
    ),
    ("OBPv4.0.0-getConsentInfos", "the caller's consents"),
    (
        "OBPv5.0.0-createConsentRequest",
        "an app's own request; grants nothing until a user consents",
    ),
    (
        "OBPv5.1.0-createVRPConsentRequest",
        "an app's own request; grants nothing until a user consents",
    ),
    (
        "OBPv5.0.0-createUserAuthContextUpdateRequest",
        "a pair for the caller's own auth context, after SCA",
    ),
    (
        "OBPv5.0.0-answerUserAuthContextUpdateChallenge",
        "the caller's own update request",
    ),
];

/// The fixture the paths and bodies are filled from.
struct Fixture {
    bank_id: String,
    account_id: String,
    transaction_id: String,
    owner: Persona,
    nobody: Persona,
    provider: String,
}

impl Fixture {
    async fn seed(app: &TestApp) -> Self {
        let bank_id = "authz-bank".to_owned();
        let banker = app.create_bank(&bank_id).await;
        let owner = app.user_with_roles("authz-owner", &[]).await;
        let account_id = "owner-acc".to_owned();
        app.create_account(&owner.token, &bank_id, &account_id)
            .await;
        let tx = app
            .fund_account(
                &banker.token,
                &bank_id,
                &account_id,
                "100",
                "2024-01-02T10:00:00Z",
            )
            .await;
        let transaction_id = tx["transaction_id"].as_str().unwrap().to_owned();
        let nobody = app.user_with_roles("authz-nobody", &[]).await;
        Self {
            bank_id,
            account_id,
            transaction_id,
            owner,
            nobody,
            provider: app.provider_in_path(),
        }
    }

    /// A plausible value for a path parameter or body field called `name`.
    fn value(&self, name: &str) -> Option<String> {
        Some(match name {
            "bank_id" => self.bank_id.clone(),
            "account_id" | "other_account_id" => self.account_id.clone(),
            "view_id" | "target_view_id" => "owner".to_owned(),
            "transaction_id" => self.transaction_id.clone(),
            "user_id" => self.owner.user_id.clone(),
            "username" => self.owner.username.clone(),
            "provider" => self.provider.clone(),
            "api_version" => "v5.1.0".to_owned(),
            "connector" => "mapped".to_owned(),
            "product_code" => "CURRENT".to_owned(),
            "transaction_request_type" => "SANDBOX_TAN".to_owned(),
            "currency" => "EUR".to_owned(),
            "amount" => "10.00".to_owned(),
            "password" => PASSWORD.to_owned(),
            _ if name.contains("email") => "authz@example.com".to_owned(),
            _ => return None,
        })
    }

    /// `path` with every `{param}` filled.
    fn fill(&self, path: &str) -> String {
        let mut out = String::new();
        let mut rest = path;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let end = rest[start..].find('}').unwrap() + start;
            let name = &rest[start + 1..end];
            out.push_str(&self.value(name).unwrap_or_else(|| "authz-none".to_owned()));
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        out
    }
}

/// A JSON value matching `schema` (resolving `$ref`s in `doc`), filled from the fixture.
fn example(doc: &Value, schema: &Value, name: &str, fx: &Fixture, depth: usize) -> Value {
    if depth > 8 {
        return Value::Null;
    }
    if let Some(r) = schema["$ref"].as_str() {
        let target = r
            .trim_start_matches("#/")
            .split('/')
            .fold(doc, |v, key| &v[key]);
        return example(doc, target, name, fx, depth + 1);
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(first) = schema[key]
            .as_array()
            .and_then(|a| a.iter().find(|s| s["type"] != "null"))
        {
            return example(doc, first, name, fx, depth + 1);
        }
    }
    if let Some(first) = schema["enum"].as_array().and_then(|a| a.first()) {
        return first.clone();
    }
    let ty = match &schema["type"] {
        Value::Array(types) => types
            .iter()
            .find(|t| *t != "null")
            .and_then(Value::as_str)
            .unwrap_or("string"),
        Value::String(t) => t.as_str(),
        _ if schema.get("properties").is_some() => "object",
        _ => "string",
    };
    match ty {
        "object" => {
            let mut out = Map::new();
            if let Some(props) = schema["properties"].as_object() {
                for (key, sub) in props {
                    out.insert(key.clone(), example(doc, sub, key, fx, depth + 1));
                }
            }
            Value::Object(out)
        }
        "array" => json!([example(doc, &schema["items"], name, fx, depth + 1)]),
        "integer" => json!(1),
        "number" => json!(1.5),
        "boolean" => json!(true),
        _ => match schema["format"].as_str() {
            Some("date-time") => json!("2024-01-02T10:00:00Z"),
            Some("date") => json!("2024-01-02"),
            _ => json!(fx.value(name).unwrap_or_else(|| "authz-1".to_owned())),
        },
    }
}

/// One operation of the document.
struct Operation {
    method: Method,
    path: String,
    id: String,
    login_required: bool,
    body: Option<Value>,
    documented: BTreeSet<String>,
}

fn operations(doc: &Value) -> Vec<Operation> {
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            ops.push(Operation {
                method,
                path: path.clone(),
                id: op["operationId"].as_str().unwrap().to_owned(),
                login_required: op
                    .get("security")
                    .and_then(Value::as_array)
                    .is_some_and(|s| !s.is_empty()),
                body: op["requestBody"]["content"]["application/json"]
                    .get("schema")
                    .cloned(),
                documented: op["responses"]
                    .as_object()
                    .unwrap()
                    .keys()
                    .cloned()
                    .collect(),
            });
        }
    }
    // Logging out revokes the token the rest of the run uses.
    ops.sort_by_key(|o| o.id == "deleteDirectLoginToken");
    ops
}

fn listed(list: &[(&str, &str)], id: &str) -> bool {
    list.iter().any(|(op, _)| *op == id)
}

#[tokio::test]
async fn every_operation_refuses_callers_without_rights_unless_public() {
    let app = TestApp::spawn().await;
    let fx = Fixture::seed(&app).await;
    let doc = app.get("/openapi.json").await.body;
    let ops = operations(&doc);
    assert!(ops.len() > 150, "only {} operations", ops.len());

    let mut failures = Vec::new();
    for (id, _) in PUBLIC.iter().chain(SELF_SERVICE) {
        if !ops.iter().any(|o| o.id == *id) {
            failures.push(format!("{id} is listed here but not in the document"));
        }
    }
    for op in &ops {
        if listed(PUBLIC, &op.id) && op.login_required {
            failures.push(format!(
                "{} is listed as public but the document requires login",
                op.id
            ));
        }
        let url = fx.fill(&op.path);
        let body = op
            .body
            .as_ref()
            .map(|schema| example(&doc, schema, "", &fx, 0));
        for (who, token) in [
            ("anonymous", None),
            ("user without roles", Some(fx.nobody.token.as_str())),
        ] {
            let res = app.call(op.method.clone(), &url, token, body.clone()).await;
            let status = res.status;
            let line = format!(
                "{who}: {} {url} ({}) answered {status} {}",
                op.method,
                op.id,
                res.text.chars().take(160).collect::<String>()
            );
            if std::env::var("AUTHZ_LOG").is_ok() {
                println!("{line}");
            }
            if !op.documented.contains(&status.to_string()) {
                failures.push(format!("undocumented status: {line}"));
            }
            let may_succeed =
                listed(PUBLIC, &op.id) || (token.is_some() && listed(SELF_SERVICE, &op.id));
            if (200..300).contains(&status) && !may_succeed {
                failures.push(format!("no right, yet success: {line}"));
            }
            if (200..300).contains(&status)
                && !listed(PUBLIC, &op.id)
                && (res.text.contains(&fx.account_id) || res.text.contains(&fx.owner.user_id))
            {
                failures.push(format!("someone else's data: {line}"));
            }
            if token.is_none() && op.login_required && status != 401 {
                failures.push(format!("login required, yet not 401: {line}"));
            }
            // 501: the loopback is for Kafka connectors only.
            if status >= 500 && status != 501 {
                failures.push(format!("server error: {line}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
