//! HTTP semantics (issue #14, item 9): 401 for credentials of an unknown scheme, 405 with
//! `Allow` for a known path called with another method, numbers documented as numbers, and
//! answers in the media type the document names.

use obp_tests::{RequestBody, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test]
async fn an_unknown_authorization_scheme_answers_401_with_www_authenticate() {
    let app = TestApp::spawn().await;
    for (path, scheme) in [
        ("/obp/v5.1.0/banks", "Bearer xyz"),
        ("/obp/v5.1.0/users/current", "Basic dXNlcjpwYXNz"),
        ("/obp/v5.1.0/users/current", "Digest username=\"x\""),
    ] {
        let res = app.get_with(path, &[("Authorization", scheme)]).await;
        res.assert_obp_error(401, "OBP-20080");
        assert!(
            res.header("WWW-Authenticate")
                .is_some_and(|v| v.contains("DirectLogin")),
            "401 without WWW-Authenticate: {:?}",
            res.headers
        );
    }
}

#[tokio::test]
async fn a_known_path_with_another_method_answers_405_with_allow() {
    let app = TestApp::spawn().await;
    let res = app
        .request(Method::DELETE, "/obp/v5.1.0/banks", None, &[])
        .await;
    res.assert_obp_error(405, "OBP-10406");
    assert_eq!(res.header("Allow"), Some("GET, POST, PUT"));

    // Under any version prefix, and for paths with parameters.
    let res = app
        .request(Method::PATCH, "/obp/v4.0.0/banks/some-bank", None, &[])
        .await;
    res.assert_obp_error(405, "OBP-10406");
    assert_eq!(res.header("Allow"), Some("GET"));

    // A path two patterns match names the most specific one, as the document does.
    let res = app
        .request(Method::PUT, "/obp/v5.1.0/users/current", None, &[])
        .await;
    res.assert_obp_error(405, "OBP-10406");
    assert_eq!(res.header("Allow"), Some("GET"));

    // Routes outside the versioned scope too, with a body sent or not.
    let res = app
        .request(
            Method::PUT,
            "/health/live",
            Some(RequestBody::Json(json!({}))),
            &[],
        )
        .await;
    res.assert_obp_error(405, "OBP-10406");
    assert_eq!(res.header("Allow"), Some("GET"));
}

#[tokio::test]
async fn an_unknown_path_still_answers_404_whatever_the_method() {
    let app = TestApp::spawn().await;
    for method in [Method::GET, Method::DELETE, Method::POST] {
        let res = app
            .request(method, "/obp/v5.1.0/no-such-thing", None, &[])
            .await;
        res.assert_obp_error(404, "OBP-10404");
        assert!(res.header("Allow").is_none());
    }
}

#[tokio::test]
async fn adapter_total_duration_is_a_number_as_documented() {
    let app = TestApp::spawn().await;
    let admin = app
        .user_with_roles("adapter-admin", &[("CanGetAdapterInfo", "")])
        .await;
    let res = app.get_as("/obp/v5.1.0/adapter", &admin.token).await;
    res.assert_status(200);
    assert!(res.body["total_duration"].is_number(), "{}", res.body);

    let doc: Value = app.get("/openapi.json").await.body;
    let schema = &doc["components"]["schemas"]["AdapterInfoJsonV500"]["properties"];
    assert_eq!(schema["total_duration"]["type"], "number");
}

#[tokio::test]
async fn a_delete_answering_true_is_documented_as_the_json_it_sends() {
    // tests/api/branches.rs checks that the branch DELETE answers JSON `true`.
    let app = TestApp::spawn().await;
    // Every documented API response body is JSON, as every API handler answers JSON. The API
    // explorer's page and assets (outside /obp) are documented as the HTML, script and style
    // sheet they send.
    let doc: Value = app.get("/openapi.json").await.body;
    let documented = &doc["paths"]["/obp/v5.1.0/banks/{bank_id}/branches/{branch_id}"]["delete"]
        ["responses"]["200"]["content"];
    assert!(documented.get("application/json").is_some(), "{documented}");
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            for (status, response) in op["responses"].as_object().unwrap() {
                if let Some(content) = response.get("content").and_then(Value::as_object) {
                    let expected = match path.as_str() {
                        "/explorer" => "text/html",
                        "/explorer/app.js" => "text/javascript",
                        "/explorer/style.css" => "text/css",
                        _ => "application/json",
                    };
                    assert!(
                        content.keys().all(|k| k == expected),
                        "{method} {path} {status} documents {:?}",
                        content.keys().collect::<Vec<_>>()
                    );
                }
            }
        }
    }
}

// Found by schemathesis: paging values past the signed 64-bit range reached the database
// binder, which panicked and dropped the connection (SQLite); they now answer OBP's paging
// errors.

#[tokio::test]
async fn paging_values_past_the_64_bit_range_answer_400_not_a_dropped_connection() {
    let app = TestApp::spawn().await;
    let admin = app
        .user_with_roles(
            "paging-admin",
            &[("CanGetAnyUser", ""), ("CanGetScaOutbox", "")],
        )
        .await;
    for (query, code) in [
        ("offset=9223372036854775808", "OBP-10027"),
        ("offset=-1", "OBP-10024"),
        ("limit=9223372036854775808", "OBP-10027"),
        ("limit=0", "OBP-10025"),
    ] {
        let res = app
            .get_as(&format!("/obp/v5.1.0/users?{query}"), &admin.token)
            .await;
        res.assert_obp_error(400, code);
    }
    app.get_as("/obp/v5.1.0/users?offset=9223372036854775807", &admin.token)
        .await
        .assert_status(200);

    for limit in ["0", "1001", "9223372036854775808"] {
        let res = app
            .get_as(
                &format!("/obp/v5.1.0/management/sca-outbox?limit={limit}"),
                &admin.token,
            )
            .await;
        assert_eq!(res.status, 400, "limit={limit}: {}", res.text);
    }
    app.get_as("/obp/v5.1.0/management/sca-outbox?limit=1000", &admin.token)
        .await
        .assert_status(200);
}
