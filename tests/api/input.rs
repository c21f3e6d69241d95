//! The edge check of client text (issue #14, item 5): control characters in JSON strings,
//! keys, path segments and query parameters are refused with 400 before anything reaches
//! the database (PostgreSQL answered 500 for a NUL), free-text fields are held to OBP's
//! column sizes, and `limit` is capped. Every refusal leaves the store unchanged.

use obp_tests::{Persona, TestApp};
use serde_json::{json, Value};

const B: &str = "edge.bank";

fn long(n: usize) -> String {
    "x".repeat(n)
}

/// Asserts 400 OBP-10001 whose message names `field` and contains `also`.
fn assert_json_refusal(res: &obp_tests::TestResponse, field: &str, also: &str) {
    res.assert_obp_error(400, "OBP-10001");
    let m = res.message();
    assert!(
        m.contains(&format!("The field {field} ")) && m.contains(also),
        "message {m:?} should name {field} and say {also:?}"
    );
}

/// Asserts OBP's 400 OBP-20010 with the field and its maximum length.
fn assert_too_long(res: &obp_tests::TestResponse, field: &str, max: usize) {
    res.assert_obp_error(400, "OBP-20010");
    assert_eq!(
        res.message(),
        format!("OBP-20010: Value too long The maximum length of `{field}` field is {max}."),
    );
}

/// A bank, alice's account `alice-1` with one incoming transaction (its id), bob's `bob-1`.
async fn with_transaction(app: &TestApp) -> (Persona, Persona, String) {
    let banker = app.create_bank(B).await;
    let alice = app.user_with_roles("alice", &[]).await;
    let bob = app.user_with_roles("bob", &[]).await;
    app.create_account(&alice.token, B, "alice-1").await;
    app.create_account(&bob.token, B, "bob-1").await;
    app.fund_account(&banker.token, B, "alice-1", "10", "2024-02-01T09:00:00Z")
        .await;
    let list = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/owner/transactions"),
            &alice.token,
        )
        .await;
    let tid = list.body["transactions"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    (banker, alice, tid)
}

fn meta(tid: &str, rest: &str) -> String {
    format!("/obp/v1.2.1/banks/{B}/accounts/alice-1/owner/transactions/{tid}/metadata/{rest}")
}

#[tokio::test]
async fn comments_tags_and_narratives_with_control_characters_or_too_long_are_refused() {
    let app = TestApp::spawn().await;
    let (_, alice, tid) = with_transaction(&app).await;
    let comments = meta(&tid, "comments");
    let tags = meta(&tid, "tags");

    for bad in ["a\u{0}b", "\u{1b}[31mred", "del\u{7f}", "c1\u{85}"] {
        let res = app
            .post_as(&comments, &alice.token, json!({"value": bad}))
            .await;
        assert_json_refusal(&res, "value", "control character");
        let res = app
            .post_as(&tags, &alice.token, json!({"value": bad}))
            .await;
        assert_json_refusal(&res, "value", "control character");
    }
    let res = app
        .post_as(&comments, &alice.token, json!({"value": "a\u{0}b"}))
        .await;
    assert!(res.message().contains("U+0000"), "{}", res.text);
    let res = app
        .post_as(
            &meta(&tid, "narrative"),
            &alice.token,
            json!({"narrative": "rent\u{0}"}),
        )
        .await;
    assert_json_refusal(&res, "narrative", "U+0000");
    // OBP's columns: comment 2000, tag 64, narrative 2000 characters.
    let res = app
        .post_as(&comments, &alice.token, json!({"value": long(2001)}))
        .await;
    assert_too_long(&res, "value", 2000);
    let res = app
        .post_as(&tags, &alice.token, json!({"value": long(65)}))
        .await;
    assert_too_long(&res, "value", 64);
    let res = app
        .post_as(
            &meta(&tid, "narrative"),
            &alice.token,
            json!({"narrative": long(2001)}),
        )
        .await;
    assert_too_long(&res, "narrative", 2000);

    // Nothing was stored.
    let res = app.get_as(&comments, &alice.token).await;
    assert_eq!(res.body, json!({"comments": []}));
    let res = app.get_as(&tags, &alice.token).await;
    assert_eq!(res.body, json!({"tags": []}));
    let res = app.get_as(&meta(&tid, "narrative"), &alice.token).await;
    assert_eq!(res.body, json!({"narrative": ""}));

    // Multi-line text (TAB, LF, CR) is allowed, and the limits are counted in characters:
    // 2000 two-byte characters fit.
    let text = format!("line one\r\nline two\twith a tab {}", "é".repeat(1960));
    let res = app
        .post_as(&comments, &alice.token, json!({"value": text}))
        .await;
    res.assert_status(201);
    assert_eq!(res.body["value"], text.as_str());
    app.post_as(&tags, &alice.token, json!({"value": "é".repeat(64)}))
        .await
        .assert_status(201);
}

#[tokio::test]
async fn a_transaction_request_description_with_a_nul_or_too_long_moves_no_money() {
    let app = TestApp::spawn().await;
    let (_, alice, _) = with_transaction(&app).await;
    let url = format!(
        "/obp/v4.0.0/banks/{B}/accounts/alice-1/owner/transaction-request-types/ACCOUNT/transaction-requests"
    );
    let body = |description: Value| {
        json!({"to": {"bank_id": B, "account_id": "bob-1"},
            "value": {"currency": "EUR", "amount": "1.00"}, "description": description})
    };
    let res = app
        .post_as(&url, &alice.token, body(json!("pay\u{0}ment")))
        .await;
    assert_json_refusal(&res, "description", "U+0000");
    let res = app
        .post_as(&url, &alice.token, body(json!(long(2001))))
        .await;
    assert_too_long(&res, "description", 2000);
    // A control character anywhere in the body, not only in documented fields.
    let mut nested = body(json!("ok"));
    nested["to"]["account_id"] = json!("bob-1\u{0}");
    let res = app.post_as(&url, &alice.token, nested).await;
    assert_json_refusal(&res, "to.account_id", "U+0000");

    let listed = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/owner/transaction-requests"),
            &alice.token,
        )
        .await;
    listed.assert_status(200);
    assert_eq!(
        listed.body["transaction_requests_with_charges"],
        json!([]),
        "{}",
        listed.text
    );
    let account = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/owner/account"),
            &alice.token,
        )
        .await;
    assert_eq!(account.body["balance"]["amount"], "10.00");
    // At the limit it goes through.
    app.post_as(&url, &alice.token, body(json!(long(2000))))
        .await
        .assert_status(201);
}

#[tokio::test]
async fn signup_names_with_control_characters_or_too_long_create_no_user() {
    let app = TestApp::spawn().await;
    let before = app.user_count().await;
    let user = |field: &str, value: Value| {
        let mut body = json!({"email": "eve@example.com", "username": "eve",
            "password": obp_tests::PASSWORD, "first_name": "Eve", "last_name": "Adams"});
        body[field] = value;
        body
    };
    for (field, value, expect) in [
        ("first_name", json!("Eve\u{0}"), "U+0000"),
        ("last_name", json!("Ad\u{7}ams"), "U+0007"),
        ("username", json!("ev\u{1}e"), "U+0001"),
    ] {
        let res = app.post_json("/obp/v5.1.0/users", user(field, value)).await;
        assert_json_refusal(&res, field, expect);
    }
    for (field, value, max) in [
        ("first_name", long(101), 100),
        ("last_name", long(101), 100),
        ("username", long(101), 100),
        ("email", format!("{}@example.com", long(37)), 48),
    ] {
        let res = app
            .post_json("/obp/v5.1.0/users", user(field, json!(value)))
            .await;
        assert_too_long(&res, field, max);
    }
    assert_eq!(app.user_count().await, before);
    app.post_json(
        "/obp/v5.1.0/users",
        user("first_name", json!("é".repeat(100))),
    )
    .await
    .assert_status(201);
    assert_eq!(app.user_count().await, before + 1);
}

#[tokio::test]
async fn an_app_name_with_a_nul_or_too_long_registers_no_consumer() {
    let app = TestApp::spawn().await;
    let dev = app.user_with_roles("dev", &[]).await;
    let res = app
        .post_as(
            "/obp/v5.1.0/my/consumers",
            &dev.token,
            json!({"app_name": "my\u{0}app"}),
        )
        .await;
    assert_json_refusal(&res, "app_name", "U+0000");
    let res = app
        .post_as(
            "/obp/v5.1.0/my/consumers",
            &dev.token,
            json!({"app_name": long(101)}),
        )
        .await;
    assert_too_long(&res, "app_name", 100);
    let res = app
        .post_as(
            "/obp/v5.1.0/my/consumers",
            &dev.token,
            json!({"app_name": "ok", "redirect_url": format!("https://{}", long(243))}),
        )
        .await;
    assert_too_long(&res, "redirect_url", 250);
    let mine = app
        .get_as("/obp/v5.1.0/management/users/current/consumers", &dev.token)
        .await;
    mine.assert_status(200);
    assert_eq!(mine.body["consumers"], json!([]), "{}", mine.text);
}

#[tokio::test]
async fn a_counterparty_name_with_a_nul_or_too_long_is_not_stored() {
    let app = TestApp::spawn().await;
    let (_, alice, _) = with_transaction(&app).await;
    let url = format!("/obp/v4.0.0/banks/{B}/accounts/alice-1/owner/counterparties");
    let body = |name: &str| {
        json!({"name": name, "description": "Good Company", "currency": "EUR",
            "other_bank_routing_scheme": "OBP", "other_bank_routing_address": B,
            "other_account_routing_scheme": "OBP", "other_account_routing_address": "bob-1",
            "other_account_secondary_routing_scheme": "", "other_account_secondary_routing_address": "",
            "other_branch_routing_scheme": "", "other_branch_routing_address": "",
            "is_beneficiary": true, "bespoke": [{"key": "english", "value": "dog"}]})
    };
    let res = app
        .post_as(&url, &alice.token, body("Piano\u{0}teacher"))
        .await;
    assert_json_refusal(&res, "name", "U+0000");
    // OBP's counterparty name column holds 36 characters.
    let res = app.post_as(&url, &alice.token, body(&long(37))).await;
    assert_too_long(&res, "name", 36);
    let mut bespoke = body("Piano teacher");
    bespoke["bespoke"][0]["value"] = json!("d\u{0}g");
    let res = app.post_as(&url, &alice.token, bespoke).await;
    assert_json_refusal(&res, "bespoke[0].value", "U+0000");
    let list = app.get_as(&url, &alice.token).await;
    list.assert_status(200);
    assert_eq!(list.body["counterparties"], json!([]), "{}", list.text);
    app.post_as(&url, &alice.token, body(&long(36)))
        .await
        .assert_status(201);
}

#[tokio::test]
async fn a_bank_attribute_with_a_nul_a_nul_key_or_too_long_is_not_stored() {
    let app = TestApp::spawn().await;
    app.create_bank(B).await;
    let ops = app
        .user_with_roles(
            "ops",
            &[("CanCreateBankAttribute", B), ("CanGetBankAttribute", B)],
        )
        .await;
    let url = format!("/obp/v4.0.0/banks/{B}/attribute");
    let attr = |name: &str, value: &str| json!({"name": name, "type": "STRING", "value": value});
    let res = app.post_as(&url, &ops.token, attr("FEE\u{0}", "1")).await;
    assert_json_refusal(&res, "name", "U+0000");
    let res = app.post_as(&url, &ops.token, attr("FEE", "1\u{0}")).await;
    assert_json_refusal(&res, "value", "U+0000");
    let res = app
        .post_as(
            &url,
            &ops.token,
            json!({"name": "FEE", "type": "STRING", "value": "1", "x\u{0}": 1}),
        )
        .await;
    res.assert_obp_error(400, "OBP-10001");
    assert!(
        res.message()
            .contains("A key of the body contains the control character U+0000"),
        "{}",
        res.text
    );
    let res = app.post_as(&url, &ops.token, attr(&long(51), "1")).await;
    assert_too_long(&res, "name", 50);
    let res = app.post_as(&url, &ops.token, attr("FEE", &long(256))).await;
    assert_too_long(&res, "value", 255);
    let list = app
        .get_as(&format!("/obp/v4.0.0/banks/{B}/attributes"), &ops.token)
        .await;
    list.assert_status(200);
    assert_eq!(list.body["bank_attributes"], json!([]), "{}", list.text);
    app.post_as(&url, &ops.token, attr(&long(50), &long(255)))
        .await
        .assert_status(201);
}

#[tokio::test]
async fn a_nul_in_a_path_id_or_a_query_value_never_reaches_the_database() {
    let app = TestApp::spawn().await;
    let admin = app
        .user_with_roles("admin", &[("CanGetAnyUser", ""), ("CanGetScaOutbox", "")])
        .await;
    let res = app
        .get_as("/obp/v5.1.0/users/user_id/abc%00def", &admin.token)
        .await;
    res.assert_obp_error(400, "OBP-10042");
    assert!(res.message().contains("U+0000"), "{}", res.text);
    let res = app
        .get_as("/obp/v5.1.0/users/user_id/abc%0Adef", &admin.token)
        .await;
    res.assert_obp_error(400, "OBP-10042");
    let res = app
        .get_as(
            "/obp/v5.1.0/management/sca-outbox?user_id=a%00b",
            &admin.token,
        )
        .await;
    res.assert_obp_error(400, "OBP-10027");
    assert!(
        res.message().contains("query parameter user_id"),
        "{}",
        res.text
    );
    let res = app
        .get_as("/obp/v5.1.0/users?locked_status=%00", &admin.token)
        .await;
    res.assert_obp_error(400, "OBP-10027");
    // The same requests without the control character are served.
    app.get_as("/obp/v5.1.0/users/user_id/abcdef", &admin.token)
        .await
        .assert_obp_error(404, "OBP-20057");
    app.get_as("/obp/v5.1.0/management/sca-outbox?user_id=ab", &admin.token)
        .await
        .assert_status(200);
}

#[tokio::test]
async fn a_huge_limit_is_capped_and_an_unbindable_one_refused_never_a_server_error() {
    let app = TestApp::spawn().await;
    let admin = app.user_with_roles("admin", &[("CanGetAnyUser", "")]).await;
    for q in [
        "limit=9223372036854775807&offset=9223372036854775807",
        "limit=1000000",
    ] {
        let res = app
            .get_as(&format!("/obp/v5.1.0/users?{q}"), &admin.token)
            .await;
        res.assert_status(200);
    }
    // Past what a database can bind: a clear 400, never a 500 or a dropped connection.
    for q in ["limit=18446744073709551615", "offset=18446744073709551615"] {
        let res = app
            .get_as(&format!("/obp/v5.1.0/users?{q}"), &admin.token)
            .await;
        res.assert_status(400);
    }
    let banker = app.create_bank(B).await;
    app.create_account(&banker.token, B, "acc-1").await;
    app.get_as(
        &format!(
            "/obp/v5.1.0/banks/{B}/accounts/acc-1/owner/transactions?offset=9223372036854775807&limit=99999"
        ),
        &banker.token,
    )
    .await
    .assert_status(200);
    app.get_as(
        &format!(
            "/obp/v5.1.0/banks/{B}/accounts/acc-1/owner/transactions?offset=18446744073709551615"
        ),
        &banker.token,
    )
    .await
    .assert_obp_error(400, "OBP-10024");
    app.get_as("/obp/v5.1.0/users?limit=0", &admin.token)
        .await
        .assert_obp_error(400, "OBP-10025");
}

#[tokio::test]
async fn a_gateway_login_name_with_a_nul_or_too_long_creates_no_user() {
    const SECRET: &str = "gateway-secret-gateway-secret-123456";
    let app = TestApp::spawn_with(|s| {
        s.gateway_login.enabled = true;
        s.gateway_login.secret = obp_api::config::Secret::new(SECRET);
        s.gateway_login.allowed_hosts = vec!["127.0.0.1".to_owned()];
    })
    .await;
    for name in ["gw\u{0}user".to_owned(), "gw\tuser".to_owned(), long(101)] {
        let jwt =
            obp_api::auth::sign_gateway_jwt(&json!({"login_user_name": name}), SECRET.as_bytes());
        let header = format!("GatewayLogin token=\"{jwt}\"");
        app.get_with("/obp/v5.1.0/users/current", &[("Authorization", &header)])
            .await
            .assert_obp_error(401, "OBP-20040");
    }
    assert_eq!(app.user_count().await, 0);
    let jwt =
        obp_api::auth::sign_gateway_jwt(&json!({"login_user_name": long(100)}), SECRET.as_bytes());
    let header = format!("GatewayLogin token=\"{jwt}\"");
    app.get_with("/obp/v5.1.0/users/current", &[("Authorization", &header)])
        .await
        .assert_status(200);
}
