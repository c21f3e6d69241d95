//! User auth contexts: `POST|GET|DELETE /users/USER_ID/auth-context[/ID]` (OBP v3.1.0 and
//! v5.0.0), and the pairs carried to a remote adapter in
//! `outboundAdapterAuthInfo.userAuthContext`.

use std::sync::{Arc, Mutex};

use obp_tests::{RequestBody, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

fn path(user_id: &str) -> String {
    format!("/obp/v5.1.0/users/{user_id}/auth-context")
}

const ALL_ROLES: &[(&str, &str)] = &[
    ("CanCreateUserAuthContext", ""),
    ("CanGetUserAuthContext", ""),
    ("CanDeleteUserAuthContext", ""),
];

async fn count_rows(app: &TestApp) -> i64 {
    use sea_orm::{ConnectionTrait, Statement};
    let conn = app.state.store.raw_connection();
    let row = conn
        .query_one(Statement::from_string(
            conn.get_database_backend(),
            "SELECT COUNT(*) AS n FROM user_auth_context",
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

#[tokio::test]
async fn an_admin_creates_lists_and_deletes_a_users_auth_context() {
    let app = TestApp::spawn().await;
    let admin = app.user_with_roles("ctx-admin", ALL_ROLES).await;
    let felix = app.user_with_roles("ctx-felix", &[]).await;
    let url = path(&felix.user_id);

    let res = app
        .post_as(
            &url,
            &admin.token,
            json!({"key": "  CUSTOMER_NUMBER ", "value": " 78987432 "}),
        )
        .await;
    res.assert_status(201);
    let first = res.body.clone();
    assert_eq!(first["user_id"], json!(felix.user_id));
    assert_eq!(first["key"], json!("CUSTOMER_NUMBER"));
    assert_eq!(first["value"], json!("78987432"));
    assert!(!first["consumer_id"].as_str().unwrap().is_empty());
    assert!(!first["user_auth_context_id"].as_str().unwrap().is_empty());
    let stamp = first["time_stamp"].as_str().unwrap();
    assert!(
        chrono::DateTime::parse_from_rfc3339(stamp).is_ok(),
        "{stamp}"
    );
    assert_eq!(first.as_object().unwrap().len(), 6, "{first}");

    // The same key again is a second pair, as in OBP.
    let second = app
        .post_as(
            &url,
            &admin.token,
            json!({"key": "CUSTOMER_NUMBER", "value": "2"}),
        )
        .await;
    second.assert_status(201);
    let second_id = second.body["user_auth_context_id"]
        .as_str()
        .unwrap()
        .to_owned();

    let list = app.get_as(&url, &admin.token).await;
    list.assert_status(200);
    let pairs = list.body["user_auth_contexts"].as_array().unwrap();
    assert_eq!(pairs.len(), 2);
    assert_eq!(pairs[0], first);
    assert_eq!(pairs[1]["value"], json!("2"));

    // The caller's own list is empty: pairs belong to the user in the path.
    let own = app.get_as(&path(&admin.user_id), &admin.token).await;
    own.assert_status(200);
    assert_eq!(own.body, json!({"user_auth_contexts": []}));

    let one = app
        .delete_as(&format!("{url}/{second_id}"), &admin.token)
        .await;
    one.assert_status(200);
    assert_eq!(one.body, json!(true));
    let list = app.get_as(&url, &admin.token).await;
    assert_eq!(list.body["user_auth_contexts"].as_array().unwrap().len(), 1);

    let again = app
        .delete_as(&format!("{url}/{second_id}"), &admin.token)
        .await;
    again.assert_obp_error(400, "OBP-30056");

    let all = app.delete_as(&url, &admin.token).await;
    all.assert_status(200);
    assert_eq!(all.body, json!(true));
    assert_eq!(count_rows(&app).await, 0);
}

#[tokio::test]
async fn a_pair_of_another_user_cannot_be_deleted_through_this_users_path() {
    let app = TestApp::spawn().await;
    let admin = app.user_with_roles("ctx-admin2", ALL_ROLES).await;
    let ann = app.user_with_roles("ctx-ann", &[]).await;
    let bob = app.user_with_roles("ctx-bob", &[]).await;
    let created = app
        .post_as(
            &path(&ann.user_id),
            &admin.token,
            json!({"key": "k", "value": "v"}),
        )
        .await;
    created.assert_status(201);
    let id = created.body["user_auth_context_id"].as_str().unwrap();
    app.delete_as(&format!("{}/{id}", path(&bob.user_id)), &admin.token)
        .await
        .assert_obp_error(400, "OBP-30056");
    assert_eq!(count_rows(&app).await, 1);
}

#[tokio::test]
async fn each_operation_needs_its_role_and_a_login() {
    let app = TestApp::spawn().await;
    let felix = app.user_with_roles("ctx-felix2", &[]).await;
    let creator = app
        .user_with_roles("ctx-creator", &[("CanCreateUserAuthContext", "")])
        .await;
    let url = path(&felix.user_id);
    let body = json!({"key": "k", "value": "v"});

    app.post_json(&url, body.clone())
        .await
        .assert_obp_error(401, "OBP-20001");
    app.get(&url).await.assert_obp_error(401, "OBP-20001");
    // Not even for one's own user id.
    app.post_as(&path(&felix.user_id), &felix.token, body.clone())
        .await
        .assert_obp_error(403, "OBP-20006");
    app.get_as(&url, &felix.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    app.delete_as(&url, &felix.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    app.delete_as(&format!("{url}/some-id"), &felix.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    // Create does not imply read or delete.
    app.post_as(&url, &creator.token, body)
        .await
        .assert_status(201);
    app.get_as(&url, &creator.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    app.delete_as(&url, &creator.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    assert_eq!(count_rows(&app).await, 1);
}

#[tokio::test]
async fn unknown_users_answer_20005() {
    let app = TestApp::spawn().await;
    let admin = app.user_with_roles("ctx-admin3", ALL_ROLES).await;
    let url = path("no-such-user");
    app.post_as(&url, &admin.token, json!({"key": "k", "value": "v"}))
        .await
        .assert_obp_error(404, "OBP-20005");
    app.get_as(&url, &admin.token)
        .await
        .assert_obp_error(404, "OBP-20005");
    app.delete_as(&url, &admin.token)
        .await
        .assert_obp_error(404, "OBP-20005");
    app.delete_as(&format!("{url}/x"), &admin.token)
        .await
        .assert_obp_error(404, "OBP-20005");
    assert_eq!(count_rows(&app).await, 0);
}

#[tokio::test]
async fn bad_pairs_are_refused_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let admin = app.user_with_roles("ctx-admin4", ALL_ROLES).await;
    let felix = app.user_with_roles("ctx-felix4", &[]).await;
    let url = path(&felix.user_id);
    let cases: Vec<(Value, u16, &str)> = vec![
        (json!({"key": "k"}), 400, "OBP-10001"),
        (json!({"value": "v"}), 400, "OBP-10001"),
        (json!({"key": 1, "value": "v"}), 400, "OBP-10001"),
        (json!({"key": "k", "value": null}), 400, "OBP-10001"),
        (json!([]), 400, "OBP-10001"),
        (json!({"key": "   ", "value": "v"}), 400, "OBP-10001"),
        // Line breaks and tabs would become forged headers towards a REST adapter.
        (
            json!({"key": "k", "value": "a\r\nX-Evil: 1"}),
            400,
            "OBP-10001",
        ),
        (json!({"key": "k\tk", "value": "v"}), 400, "OBP-10001"),
        (json!({"key": "k", "value": "a\u{0}b"}), 400, "OBP-10001"),
        (
            json!({"key": "k".repeat(4001), "value": "v"}),
            400,
            "OBP-20010",
        ),
        (
            json!({"key": "k", "value": "é".repeat(4001)}),
            400,
            "OBP-20010",
        ),
    ];
    for (body, status, code) in cases {
        app.post_as(&url, &admin.token, body.clone())
            .await
            .assert_obp_error(status, code);
    }
    let auth = format!("token={}", admin.token);
    app.request(
        Method::POST,
        &url,
        Some(RequestBody::Raw {
            content_type: Some("application/json"),
            body: b"{\"key\": ".to_vec(),
        }),
        &[("DirectLogin", auth.as_str())],
    )
    .await
    .assert_obp_error(400, "OBP-10001");
    assert_eq!(count_rows(&app).await, 0);

    // At the limit it is accepted, counted in characters.
    app.post_as(
        &url,
        &admin.token,
        json!({"key": "k", "value": "é".repeat(4000)}),
    )
    .await
    .assert_status(201);
}

/// A REST adapter that records every message and answers each with an empty list.
async fn recording_adapter() -> (String, Arc<Mutex<Vec<(String, Value)>>>) {
    use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
    let seen: Arc<Mutex<Vec<(String, Value)>>> = Arc::default();
    let shared = seen.clone();
    let server = HttpServer::new(move || {
        let seen = shared.clone();
        App::new().default_service(web::to(move |req: HttpRequest, body: web::Bytes| {
            let seen = seen.clone();
            async move {
                let v: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                let corr = v["outboundAdapterCallContext"]["correlationId"].clone();
                seen.lock().unwrap().push((req.path().to_owned(), v));
                HttpResponse::Ok().json(json!({
                    "inboundAdapterCallContext": {"correlationId": corr},
                    "status": {"errorCode": "", "backendMessages": []},
                    "data": []
                }))
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

/// The `outboundAdapterCallContext` of the last `getBanks` message.
fn last_get_banks(seen: &Mutex<Vec<(String, Value)>>) -> Value {
    seen.lock()
        .unwrap()
        .iter()
        .rev()
        .find(|(p, _)| p == "/getBanks")
        .map(|(_, v)| v["outboundAdapterCallContext"].clone())
        .expect("no getBanks message reached the adapter")
}

#[tokio::test]
async fn rest_messages_carry_the_users_auth_context() {
    let (url, seen) = recording_adapter().await;
    let app = TestApp::spawn_with(|s| {
        s.connector = "rest_vMar2019".to_owned();
        s.rest_connector.base_url = url;
    })
    .await;
    let admin = app.user_with_roles("ctx-admin5", ALL_ROLES).await;
    let felix = app.user_with_roles("ctx-felix5", &[]).await;
    for (k, v) in [("CUSTOMER_NUMBER", "78987432"), ("BANK_USER", "felix@core")] {
        app.post_as(
            &path(&felix.user_id),
            &admin.token,
            json!({"key": k, "value": v}),
        )
        .await
        .assert_status(201);
    }

    app.get_as("/obp/v5.1.0/banks", &felix.token)
        .await
        .assert_status(200);
    let octx = last_get_banks(&seen);
    assert_eq!(
        octx["outboundAdapterAuthInfo"]["userAuthContext"],
        json!([{"key": "CUSTOMER_NUMBER", "value": "78987432"},
               {"key": "BANK_USER", "value": "felix@core"}])
    );
    assert_eq!(
        octx["outboundAdapterAuthInfo"]["userId"],
        json!(felix.user_id)
    );

    // A user without pairs: still a list, empty.
    app.get_as("/obp/v5.1.0/banks", &admin.token)
        .await
        .assert_status(200);
    assert_eq!(
        last_get_banks(&seen)["outboundAdapterAuthInfo"]["userAuthContext"],
        json!([])
    );

    // Anonymous: no auth info at all.
    app.get("/obp/v5.1.0/banks").await.assert_status(200);
    assert!(last_get_banks(&seen)
        .get("outboundAdapterAuthInfo")
        .is_none());

    // A deleted pair is gone from the next request's message.
    app.delete_as(&path(&felix.user_id), &admin.token)
        .await
        .assert_status(200);
    app.get_as("/obp/v5.1.0/banks", &felix.token)
        .await
        .assert_status(200);
    assert_eq!(
        last_get_banks(&seen)["outboundAdapterAuthInfo"]["userAuthContext"],
        json!([])
    );
}
