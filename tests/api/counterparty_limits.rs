//! Counterparty limits (OBP v5.1.0 `.../views/VIEW_ID/counterparties/COUNTERPARTY_ID/limits`).

use obp_tests::{Persona, TestApp};
use serde_json::{json, Value};

const B: &str = "cpl.bank";

fn limit_body() -> Value {
    json!({"currency": "EUR", "max_single_amount": "100.50", "max_monthly_amount": "1000",
        "max_number_of_monthly_transactions": 10, "max_yearly_amount": "5000",
        "max_number_of_yearly_transactions": 50, "max_total_amount": "10000",
        "max_number_of_transactions": 100})
}

fn limits_url(account: &str, view: &str, counterparty: &str) -> String {
    format!("/obp/v5.1.0/banks/{B}/accounts/{account}/views/{view}/counterparties/{counterparty}/limits")
}

/// A bank, alice with `alice-1` and a beneficiary counterparty on its owner view, bob with
/// `bob-1`.
async fn setup(app: &TestApp) -> (Persona, Persona, String) {
    app.create_bank(B).await;
    let alice = app.user_with_roles("alice", &[]).await;
    let bob = app.user_with_roles("bob", &[]).await;
    app.create_account(&alice.token, B, "alice-1").await;
    app.create_account(&bob.token, B, "bob-1").await;
    let cp = app
        .post_as(
            &format!("/obp/v4.0.0/banks/{B}/accounts/alice-1/owner/counterparties"),
            &alice.token,
            json!({"name": "Landlord", "description": "rent", "currency": "EUR",
                "other_bank_routing_scheme": "OBP", "other_bank_routing_address": B,
                "other_account_routing_scheme": "OBP", "other_account_routing_address": "bob-1",
                "other_account_secondary_routing_scheme": "", "other_account_secondary_routing_address": "",
                "other_branch_routing_scheme": "", "other_branch_routing_address": "",
                "is_beneficiary": true, "bespoke": []}),
        )
        .await;
    cp.assert_status(201);
    let id = cp.body["counterparty_id"].as_str().unwrap().to_owned();
    (alice, bob, id)
}

#[tokio::test]
async fn the_owner_creates_reads_updates_and_deletes_a_limit() {
    let app = TestApp::spawn().await;
    let (alice, _, cp) = setup(&app).await;
    let u = limits_url("alice-1", "owner", &cp);
    let res = app.post_as(&u, &alice.token, limit_body()).await;
    res.assert_status(201);
    let id = res.body["counterparty_limit_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        res.body,
        json!({"counterparty_limit_id": id, "bank_id": B, "account_id": "alice-1",
            "view_id": "owner", "counterparty_id": cp, "currency": "EUR",
            "max_single_amount": "100.50", "max_monthly_amount": "1000.00",
            "max_number_of_monthly_transactions": 10, "max_yearly_amount": "5000.00",
            "max_number_of_yearly_transactions": 50, "max_total_amount": "10000.00",
            "max_number_of_transactions": 100})
    );
    let got = app.get_as(&u, &alice.token).await;
    got.assert_status(200);
    assert_eq!(got.body, res.body);

    // OBP's first v5.1.0 shape sent amounts as JSON integers: still accepted.
    let mut upd = limit_body();
    upd["max_single_amount"] = json!(1);
    upd["max_monthly_amount"] = json!(2);
    upd["max_number_of_monthly_transactions"] = json!(3);
    upd["max_yearly_amount"] = json!(4);
    upd["max_number_of_yearly_transactions"] = json!(5);
    upd["max_total_amount"] = json!("6.07");
    upd["max_number_of_transactions"] = json!(0);
    let put = app.put_as(&u, &alice.token, upd).await;
    put.assert_status(200);
    assert_eq!(put.body["counterparty_limit_id"], id.as_str());
    assert_eq!(put.body["max_single_amount"], "1.00");
    assert_eq!(put.body["max_number_of_monthly_transactions"], 3);
    assert_eq!(put.body["max_total_amount"], "6.07");
    assert_eq!(put.body["max_number_of_transactions"], 0);
    assert_eq!(app.get_as(&u, &alice.token).await.body, put.body);

    let del = app.delete_as(&u, &alice.token).await;
    del.assert_status(204);
    assert!(del.text.is_empty(), "{}", del.text);
    app.get_as(&u, &alice.token)
        .await
        .assert_obp_error(404, "OBP-30263");
    // OBP answers a delete of a missing limit with OBP-30265.
    app.delete_as(&u, &alice.token)
        .await
        .assert_obp_error(400, "OBP-30265");
    // PUT creates the limit when there is none (OBP's createOrUpdate).
    let put = app.put_as(&u, &alice.token, limit_body()).await;
    put.assert_status(200);
    assert_ne!(put.body["counterparty_limit_id"], id.as_str());
    app.get_as(&u, &alice.token).await.assert_status(200);
}

#[tokio::test]
async fn limit_rules_answer_obp_codes_and_write_nothing() {
    let app = TestApp::spawn().await;
    let (alice, bob, cp) = setup(&app).await;
    let u = limits_url("alice-1", "owner", &cp);
    let refused = |field: &str, value: Value| {
        let mut b = limit_body();
        b[field] = value;
        b
    };
    for (body, status, code) in [
        (refused("currency", json!("EURO")), 400, "OBP-10003"),
        (refused("max_single_amount", json!("ten")), 400, "OBP-10002"),
        (refused("max_monthly_amount", json!("-1")), 400, "OBP-10002"),
        (refused("max_yearly_amount", json!(-5)), 400, "OBP-10002"),
        (
            refused("max_total_amount", json!("1.001")),
            400,
            "OBP-20054",
        ),
        (
            refused("max_number_of_transactions", json!(-1)),
            400,
            "OBP-10002",
        ),
        (
            refused(
                "max_number_of_yearly_transactions",
                json!(3_000_000_000_i64),
            ),
            400,
            "OBP-10002",
        ),
        (
            refused("max_number_of_monthly_transactions", json!("ten")),
            400,
            "OBP-10001",
        ),
        (refused("max_single_amount", json!(true)), 400, "OBP-10001"),
    ] {
        app.post_as(&u, &alice.token, body.clone())
            .await
            .assert_obp_error(status, code);
        app.put_as(&u, &alice.token, body)
            .await
            .assert_obp_error(status, code);
    }
    // Every field is required (OBP's case class has no optional field).
    let mut missing = limit_body();
    missing.as_object_mut().unwrap().remove("max_total_amount");
    app.post_as(&u, &alice.token, missing)
        .await
        .assert_obp_error(400, "OBP-10001");
    app.get_as(&u, &alice.token)
        .await
        .assert_obp_error(404, "OBP-30263");

    app.post_as(&u, &alice.token, limit_body())
        .await
        .assert_status(201);
    let again = app.post_as(&u, &alice.token, limit_body()).await;
    again.assert_obp_error(400, "OBP-30264");
    assert!(again.message().contains(&format!("COUNTERPARTY_ID({cp})")));

    // Path lookups in OBP's order.
    let body = limit_body();
    app.post_as(
        &format!("/obp/v5.1.0/banks/nope/accounts/alice-1/views/owner/counterparties/{cp}/limits"),
        &alice.token,
        body.clone(),
    )
    .await
    .assert_obp_error(404, "OBP-30001");
    app.get_as(&limits_url("nope-1", "owner", &cp), &alice.token)
        .await
        .assert_obp_error(404, "OBP-30018");
    app.get_as(&limits_url("alice-1", "no-such-view", &cp), &alice.token)
        .await
        .assert_obp_error(404, "OBP-30005");
    app.get_as(&limits_url("alice-1", "owner", "no-such-cp"), &alice.token)
        .await
        .assert_obp_error(404, "OBP-30017");
    // Anonymous; bob holds no view on alice's account.
    app.get(&u).await.assert_obp_error(401, "OBP-20001");
    app.post_json(&u, body.clone())
        .await
        .assert_obp_error(401, "OBP-20001");
    for res in [
        app.get_as(&u, &bob.token).await,
        app.put_as(&u, &bob.token, body.clone()).await,
        app.delete_as(&u, &bob.token).await,
    ] {
        res.assert_obp_error(403, "OBP-20017");
    }
    // A view without the counterparty permissions.
    app.post_as(
        &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/views/owner/account-access/grant"),
        &alice.token,
        json!({"user_id": bob.user_id, "view_id": "ReadBalances"}),
    )
    .await
    .assert_status(201);
    let rb = limits_url("alice-1", "ReadBalances", &cp);
    app.get_as(&rb, &bob.token)
        .await
        .assert_obp_error(403, "OBP-30022");
    app.put_as(&rb, &bob.token, body.clone())
        .await
        .assert_obp_error(403, "OBP-30022");
    app.delete_as(&rb, &bob.token)
        .await
        .assert_obp_error(403, "OBP-30022");
    // A counterparty of bob's account is not found through alice's account.
    let bobs = app
        .post_as(
            &format!("/obp/v4.0.0/banks/{B}/accounts/bob-1/owner/counterparties"),
            &bob.token,
            json!({"name": "Alice", "description": "", "currency": "EUR",
                "other_bank_routing_scheme": "", "other_bank_routing_address": "",
                "other_account_routing_scheme": "", "other_account_routing_address": "",
                "other_account_secondary_routing_scheme": "", "other_account_secondary_routing_address": "",
                "other_branch_routing_scheme": "", "other_branch_routing_address": "",
                "is_beneficiary": true, "bespoke": []}),
        )
        .await;
    bobs.assert_status(201);
    let bob_cp = bobs.body["counterparty_id"].as_str().unwrap();
    app.post_as(&limits_url("alice-1", "owner", bob_cp), &alice.token, body)
        .await
        .assert_obp_error(404, "OBP-30017");
    // The failed calls changed nothing.
    let got = app.get_as(&u, &alice.token).await;
    got.assert_status(200);
    assert_eq!(got.body["max_single_amount"], "100.50");
}

#[tokio::test]
async fn concurrent_creates_make_exactly_one_limit() {
    let app = TestApp::spawn().await;
    let (alice, _, cp) = setup(&app).await;
    let u = limits_url("alice-1", "owner", &cp);
    let mut calls = Vec::new();
    for _ in 0..8 {
        let request = app
            .client
            .post(app.url(&u))
            .header("DirectLogin", format!("token={}", alice.token))
            .json(&limit_body());
        calls.push(tokio::spawn(async move {
            let res = request.send().await.unwrap();
            let status = res.status().as_u16();
            (status, res.json::<Value>().await.unwrap())
        }));
    }
    let mut created = 0;
    for call in calls {
        let (status, answer) = call.await.unwrap();
        match status {
            201 => created += 1,
            400 => assert!(
                answer["message"].as_str().unwrap().starts_with("OBP-30264"),
                "{answer}"
            ),
            _ => panic!("unexpected answer {status}: {answer}"),
        }
    }
    assert_eq!(created, 1);
}
