//! What a REST adapter receives and how its replies are read, as OBP's `rest_vMar2019`
//! does it (`RestConnector_vMar2019.scala` `getUrl`/`buildHeaders`, `ApiSession.scala`
//! `toOutboundAdapterCallContext`, obp-commons `nullTolerateFormats`):
//! * the call context: `generalContext` = the request's `Pass-Through-*` headers,
//!   `userAuthContext` always a list, `consumerId`;
//! * HTTP headers: `x-timestamp` in epoch seconds, one per `Pass-Through-*` header and per
//!   user-auth-context pair (never `private-key`);
//! * a method routing's `url` used verbatim (`/<bank-id>,<account-id>` added when the user's
//!   auth context holds both);
//! * replies with `null`s and missing optional fields accepted; ids as strings and amounts
//!   as numbers refused (502 OBP-50200);
//! * adapter errors as OBP's `unboxFullOrFail` surfaces them (APIUtil.scala): the endpoint's
//!   own error with the adapter's OBP-prefixed messages chained (` <- `); a REST 404 is the
//!   adapter's `OBP-10405`, a REST `{code, message}` body's message is passed on; anything
//!   else the adapter says is logged, never shown (502 OBP-60013).

use std::sync::{Arc, Mutex};

use obp_tests::TestApp;
use serde_json::{json, Value};

const ROUTINGS: &str = "/obp/v5.1.0/management/method_routings";

/// One request the adapter received.
#[derive(Debug, Clone)]
struct Seen {
    path: String,
    headers: Vec<(String, String)>,
    body: Value,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

type Log = Arc<Mutex<Vec<Seen>>>;

/// A bank as an adapter may send it: nulls and missing optional fields.
fn sparse_bank(id: &str) -> Value {
    json!({"bankId": {"value": id}, "shortName": "Sparse", "fullName": "Sparse Bank",
           "logoUrl": null, "websiteUrl": null, "bankRoutingScheme": "BIC",
           "bankRoutingAddress": "SPARSEGB", "swiftBic": null})
}

/// A REST adapter recording every request; `answer(path)` gives the reply's `data`.
async fn recording_adapter(answer: fn(&str) -> Value) -> (String, Log) {
    scripted_adapter(Arc::new(move |path: &str, out: &Value| {
        let corr = &out["outboundAdapterCallContext"]["correlationId"];
        let reply = json!({
            "inboundAdapterCallContext": {"correlationId": corr, "sessionId": null,
                                          "generalContext": null},
            "status": {"errorCode": null, "backendMessages": null},
            "data": answer(path)
        });
        (200, reply.to_string())
    }))
    .await
}

/// What a scripted adapter answers for a path and outbound message: HTTP status, raw body.
type Script = Arc<dyn Fn(&str, &Value) -> (u16, String) + Send + Sync>;

/// A REST adapter recording every request and answering as `script` says.
async fn scripted_adapter(script: Script) -> (String, Log) {
    use actix_web::http::StatusCode;
    use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
    let seen: Log = Arc::default();
    let shared = seen.clone();
    let server = HttpServer::new(move || {
        let seen = shared.clone();
        let script = script.clone();
        App::new().default_service(web::to(move |req: HttpRequest, body: web::Bytes| {
            let seen = seen.clone();
            let script = script.clone();
            async move {
                let v: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                let headers = req
                    .headers()
                    .iter()
                    .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
                    .collect();
                let path = req.path().to_owned();
                let (status, body) = script(&path, &v);
                seen.lock().unwrap().push(Seen {
                    path,
                    headers,
                    body: v,
                });
                HttpResponse::build(StatusCode::from_u16(status).unwrap())
                    .content_type("application/json")
                    .body(body)
            }
        }))
    })
    .workers(1)
    .bind(("127.0.0.1", 0))
    .unwrap();
    let addr = server.addrs()[0];
    tokio::spawn(server.run());
    (format!("http://{addr}"), seen)
}

fn last(seen: &Log, path_end: &str) -> Seen {
    seen.lock()
        .unwrap()
        .iter()
        .rev()
        .find(|s| s.path.ends_with(path_end))
        .cloned()
        .unwrap_or_else(|| panic!("no request to …{path_end} reached the adapter"))
}

/// A bank for `getBank` (and the routed URL), the list of it for `getBanks`, no items for
/// anything else (the bank's attributes).
fn banks_answer(path: &str) -> Value {
    if path.ends_with("/getBanks") {
        json!([sparse_bank("sparse.bank")])
    } else if path.ends_with("/getBank") || path.contains("/bank-lookup") {
        sparse_bank("sparse.bank")
    } else {
        json!([])
    }
}

async fn rest_app(url: String) -> TestApp {
    TestApp::spawn_with(|s| {
        s.connector = "rest_vMar2019".to_owned();
        s.rest_connector.base_url = url;
    })
    .await
}

#[tokio::test]
async fn messages_carry_the_pass_through_headers_and_the_users_auth_context() {
    let (url, seen) = recording_adapter(banks_answer).await;
    let app = rest_app(url).await;
    let admin = app
        .user_with_roles("ctx-admin", &[("CanCreateUserAuthContext", "")])
        .await;
    let felix = app.user_with_roles("ctx-felix", &[]).await;
    for (k, v) in [
        ("CUSTOMER_NUMBER", "78987432"),
        ("private-key", "secret-pem"),
    ] {
        app.post_as(
            &format!("/obp/v5.1.0/users/{}/auth-context", felix.user_id),
            &admin.token,
            json!({"key": k, "value": v}),
        )
        .await
        .assert_status(201);
    }

    let auth = format!("token={}", felix.token);
    let before = chrono::Utc::now().timestamp();
    app.get_with(
        "/obp/v5.1.0/banks",
        &[
            ("DirectLogin", auth.as_str()),
            ("Pass-Through-Channel", "mobile"),
            ("pass-through-x-branch", "42"),
            ("X-Not-Passed", "no"),
        ],
    )
    .await
    .assert_status(200);
    let after = chrono::Utc::now().timestamp();
    let m = last(&seen, "/getBanks");

    // The message: generalContext from the Pass-Through headers, the auth context as a list.
    let octx = &m.body["outboundAdapterCallContext"];
    assert_eq!(
        octx["generalContext"],
        json!([{"key": "Pass-Through-Channel", "value": "mobile"},
               {"key": "Pass-Through-X-Branch", "value": "42"}])
    );
    assert_eq!(
        octx["outboundAdapterAuthInfo"]["userAuthContext"],
        json!([{"key": "CUSTOMER_NUMBER", "value": "78987432"},
               {"key": "private-key", "value": "secret-pem"}])
    );
    assert_eq!(
        octx["outboundAdapterAuthInfo"]["userId"],
        json!(felix.user_id)
    );
    assert!(octx["consumerId"].is_string(), "{octx}");

    // The HTTP headers: epoch-seconds timestamp, one per Pass-Through header and per pair
    // (but the private key).
    let stamp: i64 = m
        .header("x-timestamp")
        .expect("x-timestamp")
        .parse()
        .expect("x-timestamp in epoch seconds");
    assert!(before <= stamp && stamp <= after, "{stamp}");
    assert_eq!(m.header("Pass-Through-Channel"), Some("mobile"));
    assert_eq!(m.header("Pass-Through-X-Branch"), Some("42"));
    assert_eq!(m.header("CUSTOMER_NUMBER"), Some("78987432"));
    assert_eq!(m.header("private-key"), None);
    assert_eq!(m.header("X-Not-Passed"), None);
    assert_eq!(m.header("content-type"), Some("application/json"));

    // A logged-in user without Pass-Through headers: still a list.
    app.get_as("/obp/v5.1.0/banks", &admin.token)
        .await
        .assert_status(200);
    let m = last(&seen, "/getBanks");
    assert_eq!(
        m.body["outboundAdapterCallContext"]["generalContext"],
        json!([])
    );
    assert_eq!(
        m.body["outboundAdapterCallContext"]["outboundAdapterAuthInfo"]["userAuthContext"],
        json!([])
    );

    // Anonymous: only the correlation id in the message; the headers still pass through.
    app.get_with("/obp/v5.1.0/banks", &[("Pass-Through-Channel", "web")])
        .await
        .assert_status(200);
    let m = last(&seen, "/getBanks");
    let octx = m.body["outboundAdapterCallContext"].as_object().unwrap();
    assert_eq!(
        octx.keys().collect::<Vec<_>>(),
        vec!["correlationId"],
        "{octx:?}"
    );
    assert_eq!(m.header("Pass-Through-Channel"), Some("web"));
}

#[tokio::test]
async fn replies_with_nulls_and_missing_optional_fields_are_read_as_obp_reads_them() {
    let (url, _seen) = recording_adapter(banks_answer).await;
    let app = rest_app(url).await;
    let res = app.get("/obp/v5.1.0/banks/sparse.bank").await;
    res.assert_status(200);
    assert_eq!(res.body["id"], "sparse.bank");
    assert_eq!(res.body["full_name"], "Sparse Bank");
    assert_eq!(res.body["logo"], "");
    let res = app.get("/obp/v5.1.0/banks").await;
    res.assert_status(200);
    assert_eq!(res.body["banks"][0]["id"], "sparse.bank");
}

#[tokio::test]
async fn ids_as_strings_and_amounts_as_numbers_are_refused() {
    fn bad_answer(path: &str) -> Value {
        if path.ends_with("/getBanks") {
            json!([{"bankId": "plain.string", "shortName": "S"}])
        } else {
            json!({"bankId": {"value": "b"}, "shortName": 5})
        }
    }
    let (url, _seen) = recording_adapter(bad_answer).await;
    let app = rest_app(url).await;
    app.get("/obp/v5.1.0/banks")
        .await
        .assert_obp_error(502, "OBP-50200");
    app.get("/obp/v5.1.0/banks/b")
        .await
        .assert_obp_error(502, "OBP-50200");
}

#[tokio::test]
async fn a_routings_url_is_used_verbatim() {
    let (url, seen) = recording_adapter(banks_answer).await;
    let app = TestApp::spawn_with(|s| {
        s.connector = "star".to_owned();
        s.method_routing_cache_ttl_millis = 0;
    })
    .await;
    let admin = app
        .user_with_roles(
            "router",
            &[
                ("CanCreateMethodRouting", ""),
                ("CanCreateUserAuthContext", ""),
            ],
        )
        .await;
    app.post_as(
        ROUTINGS,
        &admin.token,
        json!({"method_name": "getBank", "connector_name": "rest_vMar2019",
               "is_bank_id_exact_match": true, "bank_id_pattern": "sparse.bank",
               "parameters": [{"key": "url", "value": format!("{url}/core/bank-lookup")}]}),
    )
    .await
    .assert_status(201);

    app.get("/obp/v5.1.0/banks/sparse.bank")
        .await
        .assert_status(200);
    assert_eq!(last(&seen, "/bank-lookup").path, "/core/bank-lookup");

    // With bank-id and account-id in the user's auth context, OBP adds them to the URL.
    let felix = app.user_with_roles("felix", &[]).await;
    for (k, v) in [("bank-id", "sparse.bank"), ("account-id", "acc-1")] {
        app.post_as(
            &format!("/obp/v5.1.0/users/{}/auth-context", felix.user_id),
            &admin.token,
            json!({"key": k, "value": v}),
        )
        .await
        .assert_status(201);
    }
    app.get_as("/obp/v5.1.0/banks/sparse.bank", &felix.token)
        .await
        .assert_status(200);
    assert_eq!(
        last(&seen, "/bank-lookup/sparse.bank,acc-1").path,
        "/core/bank-lookup/sparse.bank,acc-1"
    );
}

#[tokio::test]
async fn messages_carry_the_users_linked_customers_and_views_as_obp_builds_them() {
    // OBP's `toOutboundAdapterCallContext`: `linkedCustomers` (number and legal name) and, per
    // view the user holds, `authViews` with the account's routings and owners.
    let (url, seen) = recording_adapter(banks_answer).await;
    let app = TestApp::spawn_with(|s| {
        s.connector = "star".to_owned();
        s.method_routing_cache_ttl_millis = 0;
    })
    .await;
    app.create_bank("local.bank").await;
    let clerk = app
        .user_with_roles(
            "ctx-clerk",
            &[
                ("CanCreateMethodRouting", ""),
                ("CanCreateCustomer", "local.bank"),
                ("CanCreateUserCustomerLink", "local.bank"),
            ],
        )
        .await;
    app.post_as(
        ROUTINGS,
        &clerk.token,
        json!({"method_name": "getBanks", "connector_name": "rest_vMar2019",
               "is_bank_id_exact_match": false, "bank_id_pattern": ".*",
               "parameters": [{"key": "url", "value": format!("{url}/getBanks")}]}),
    )
    .await
    .assert_status(201);
    // Another bank's core, with an adapter of its own.
    app.post_as(
        ROUTINGS,
        &clerk.token,
        json!({"method_name": "getBank", "connector_name": "rest_vMar2019",
               "is_bank_id_exact_match": true, "bank_id_pattern": "sparse.bank",
               "parameters": [{"key": "url", "value": format!("{url}/getBank")}]}),
    )
    .await
    .assert_status(201);
    let ann = app.user_with_roles("ctx-ann", &[]).await;
    let bob = app.user_with_roles("ctx-bob", &[]).await;

    // Without customers or views: neither field, as OBP.
    app.get_as("/obp/v5.1.0/banks", &ann.token)
        .await
        .assert_status(200);
    let info = last(&seen, "/getBanks").body["outboundAdapterCallContext"]
        ["outboundAdapterAuthInfo"]
        .clone();
    assert!(info.get("linkedCustomers").is_none(), "{info}");
    assert!(info.get("authViews").is_none(), "{info}");

    let customer = app
        .post_as(
            "/obp/v5.1.0/banks/local.bank/customers",
            &clerk.token,
            json!({"legal_name": "Ann Example", "customer_number": "5987953",
                   "mobile_phone_number": "+44 07972 444 876", "email": "ann@example.com",
                   "date_of_birth": "1990-03-09T00:00:00Z",
                   "credit_rating": {"rating": "OBP", "source": "OBP"},
                   "credit_limit": {"currency": "EUR", "amount": "1000"}, "kyc_status": true}),
        )
        .await;
    customer.assert_status(201);
    let cid = customer.body["customer_id"].as_str().unwrap().to_owned();
    app.post_as(
        "/obp/v5.1.0/banks/local.bank/user_customer_links",
        &clerk.token,
        json!({"user_id": ann.user_id, "customer_id": cid}),
    )
    .await
    .assert_status(201);
    app.create_account(&ann.token, "local.bank", "ann-acc")
        .await;
    app.create_account(&bob.token, "local.bank", "bob-acc")
        .await;

    app.get_as("/obp/v5.1.0/banks", &ann.token)
        .await
        .assert_status(200);
    let info = last(&seen, "/getBanks").body["outboundAdapterCallContext"]
        ["outboundAdapterAuthInfo"]
        .clone();
    assert_eq!(
        info["linkedCustomers"],
        json!([{"customerId": cid, "customerNumber": "5987953", "legalName": "Ann Example"}])
    );
    // Ann's own account only (not Bob's), with its routing and Ann as its owner.
    let views = info["authViews"].as_array().expect("authViews");
    assert!(!views.is_empty(), "{info}");
    assert!(
        views.iter().all(|v| v["account"]["id"] == "ann-acc"),
        "{info}"
    );
    let owner = views
        .iter()
        .find(|v| v["view"]["id"] == "owner")
        .expect("the owner view");
    assert!(owner["view"]["name"].is_string());
    assert!(owner["view"]["description"].is_string());
    assert_eq!(
        owner["account"]["accountRoutings"],
        json!([{"scheme": "AccountNumber", "address": "N-ann-acc"}])
    );
    assert_eq!(owner["account"]["customerOwners"], json!([]));

    // A message for another bank's core tells it nothing of Ann's customers and accounts at
    // local.bank.
    app.get_as("/obp/v5.1.0/banks/sparse.bank", &ann.token)
        .await
        .assert_status(200);
    let other = last(&seen, "/getBank").body["outboundAdapterCallContext"]
        ["outboundAdapterAuthInfo"]
        .clone();
    assert_eq!(other["userId"], json!(ann.user_id));
    assert!(other.get("linkedCustomers").is_none(), "{other}");
    assert!(other.get("authViews").is_none(), "{other}");
    assert_eq!(
        owner["account"]["userOwners"],
        json!([{"userId": ann.user_id, "emailAddress": email_of(&app, &ann.token).await,
                "name": "ctx-ann"}])
    );
}

/// The e-mail address of the caller of `token`, as `GET /users/current` shows it.
async fn email_of(app: &TestApp, token: &str) -> String {
    let me = app.get_as("/obp/v5.1.0/users/current", token).await;
    me.assert_status(200);
    me.body["email"].as_str().unwrap().to_owned()
}

/// An inbound error reply: `status.errorCode` and backend message texts, no data.
fn inbound_error(out: &Value, error_code: &str, texts: &[&str]) -> (u16, String) {
    let messages: Vec<Value> = texts
        .iter()
        .map(|t| json!({"source": "CBS", "status": "error", "errorCode": "", "text": t}))
        .collect();
    let reply = json!({
        "inboundAdapterCallContext": {
            "correlationId": out["outboundAdapterCallContext"]["correlationId"]},
        "status": {"errorCode": error_code, "backendMessages": messages},
        "data": null
    });
    (200, reply.to_string())
}

/// The adapter's answer per bank id (`getBank`), and for the bank `ok.bank` a 404 for its
/// ATMs; `getBanks` answers an inbound error; `getBankAttributesByBank` (not an OBP message)
/// is unknown to it (404).
fn failing_adapter(path: &str, out: &Value) -> (u16, String) {
    let obp_body =
        |code: u16, message: &str| (code, json!({"code": code, "message": message}).to_string());
    if path.ends_with("/getBanks") {
        return inbound_error(out, "E42", &["OBP-30001: the core has no banks for you"]);
    }
    if path.ends_with("/getAtms") || path.ends_with("/getBankAttributesByBank") {
        return (404, "Not Found".to_owned());
    }
    match out["bankId"]["value"].as_str().unwrap_or_default() {
        "ok.bank" => {
            let reply = json!({
                "inboundAdapterCallContext": {
                    "correlationId": out["outboundAdapterCallContext"]["correlationId"]},
                "status": {"errorCode": "", "backendMessages": []},
                "data": sparse_bank("ok.bank")
            });
            (200, reply.to_string())
        }
        "inbound.error" => inbound_error(
            out,
            "OBP-30001: Bank not found",
            &[
                "OBP-30001: no bank inbound.error in the core",
                "ORA-00942: table or view does not exist",
                "",
            ],
        ),
        "bare.code" => inbound_error(out, "OBP-30001", &[]),
        "rest.404" => (404, "<html>no route /getBank on 10.0.0.5</html>".to_owned()),
        "rest.400" => obp_body(400, "OBP-30001: Bank not found in the core banking system"),
        "rest.400.raw" => obp_body(400, "timeout talking to db at 10.0.0.5:5432"),
        "rest.500.obp" => obp_body(500, "OBP-50000: Unknown Error."),
        _ => (
            500,
            "<html>java.lang.NullPointerException at com.bank.Core(10.0.0.5)</html>".to_owned(),
        ),
    }
}

const BANK_NOT_FOUND: &str = "OBP-30001: Bank not found. Please specify a valid value for BANK_ID.";

#[tokio::test]
async fn an_adapters_error_is_the_endpoints_own_with_the_adapters_message_chained() {
    let (url, seen) = scripted_adapter(Arc::new(failing_adapter)).await;
    let app = rest_app(url).await;

    // An inbound `status.errorCode`: getBank's own 404 OBP-30001, then the adapter's
    // OBP-prefixed messages; its other backend messages are never shown.
    let res = app.get("/obp/v5.1.0/banks/inbound.error").await;
    res.assert_obp_error(404, "OBP-30001");
    assert_eq!(
        res.body["message"],
        format!(
            "{BANK_NOT_FOUND} <- OBP-30001: Bank not found \
             <- OBP-30001: no bank inbound.error in the core"
        )
    );
    assert_eq!(
        last(&seen, "/getBank").body["bankId"]["value"],
        "inbound.error"
    );

    // Only the bare code: nothing to add to the endpoint's own message.
    let res = app.get("/obp/v5.1.0/banks/bare.code").await;
    res.assert_obp_error(404, "OBP-30001");
    assert_eq!(res.body["message"], BANK_NOT_FOUND);

    // getBanks answers OBP's connectorEmptyResponse: 400 OBP-50200, the adapter's message
    // chained (its errorCode "E42" is no OBP message).
    let res = app.get("/obp/v5.1.0/banks").await;
    res.assert_obp_error(400, "OBP-50200");
    assert_eq!(
        res.body["message"],
        "OBP-50200: Connector did not return the set of data we requested. \
         <- OBP-30001: the core has no banks for you"
    );
}

#[tokio::test]
async fn rest_error_answers_are_read_as_obps_rest_connector_reads_them() {
    let (url, _seen) = scripted_adapter(Arc::new(failing_adapter)).await;
    let app = rest_app(url).await;

    // 404: the adapter's failure is OBP-10405 (the adapter's URL and body are not shown).
    let res = app.get("/obp/v5.1.0/banks/rest.404").await;
    res.assert_obp_error(404, "OBP-30001");
    assert_eq!(
        res.body["message"],
        format!("{BANK_NOT_FOUND} <- OBP-10405: Resource does not exist.")
    );
    // A method whose endpoint error is not specific answers the adapter's OBP-10405.
    let res = app.get("/obp/v5.1.0/banks/ok.bank/atms").await;
    res.assert_obp_error(404, "OBP-10405");
    assert_eq!(res.body["message"], "OBP-10405: Resource does not exist.");

    // OBP's error body `{code, message}`: the message is passed on.
    let res = app.get("/obp/v5.1.0/banks/rest.400").await;
    res.assert_obp_error(404, "OBP-30001");
    assert_eq!(
        res.body["message"],
        format!("{BANK_NOT_FOUND} <- OBP-30001: Bank not found in the core banking system")
    );
    let res = app.get("/obp/v5.1.0/banks/rest.500.obp").await;
    res.assert_obp_error(404, "OBP-30001");
    assert_eq!(
        res.body["message"],
        format!("{BANK_NOT_FOUND} <- OBP-50000: Unknown Error.")
    );

    // Anything else is an unknown adapter error; its text never reaches the client.
    for bank in ["rest.400.raw", "rest.500.garbage"] {
        let res = app.get(&format!("/obp/v5.1.0/banks/{bank}")).await;
        res.assert_obp_error(502, "OBP-60013");
        assert_eq!(
            res.body["message"], "OBP-60013: Unknown Adapter error.",
            "{bank}"
        );
        assert!(!res.text.contains("10.0.0.5"), "{}", res.text);
    }
}

#[tokio::test]
async fn an_adapter_written_for_obp_serves_get_bank_without_our_extension_messages() {
    // getBankAttributesByBank is this project's extension: an adapter that does not know it
    // (a REST 404) still serves GET /banks/ID, without attributes.
    let (url, seen) = scripted_adapter(Arc::new(failing_adapter)).await;
    let app = rest_app(url).await;
    let res = app.get("/obp/v5.1.0/banks/ok.bank").await;
    res.assert_status(200);
    assert_eq!(res.body["id"], "ok.bank", "{}", res.body);
    assert_eq!(res.body["attributes"], json!([]), "{}", res.body);
    assert_eq!(
        last(&seen, "/getBankAttributesByBank").body["bank"]["value"],
        "ok.bank"
    );
}
