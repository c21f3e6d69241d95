use obp_tests::TestApp;
use serde_json::{json, Value};

const B: &str = "cp.bank";

fn body(name: &str) -> Value {
    json!({"name": name, "description": "Good Company", "currency": "EUR",
        "other_bank_routing_scheme": "OBP", "other_bank_routing_address": B,
        "other_account_routing_scheme": "OBP", "other_account_routing_address": "bob-1",
        "other_account_secondary_routing_scheme": "IBAN",
        "other_account_secondary_routing_address": "DE89 3704 0044 0532 0130 00",
        "other_branch_routing_scheme": "", "other_branch_routing_address": "",
        "is_beneficiary": true, "bespoke": [{"key": "english", "value": "dog"}]})
}

fn url(account: &str, view: &str) -> String {
    format!("/obp/v4.0.0/banks/{B}/accounts/{account}/{view}/counterparties")
}

/// A bank, alice with `alice-1`, bob with `bob-1`.
async fn setup(app: &TestApp) -> (obp_tests::Persona, obp_tests::Persona) {
    app.create_bank(B).await;
    let alice = app.user_with_roles("alice", &[]).await;
    let bob = app.user_with_roles("bob", &[]).await;
    app.create_account(&alice.token, B, "alice-1").await;
    app.create_account(&bob.token, B, "bob-1").await;
    (alice, bob)
}

#[tokio::test]
async fn the_owner_creates_lists_gets_and_deletes_a_counterparty() {
    let app = TestApp::spawn().await;
    let (alice, _) = setup(&app).await;
    let res = app
        .post_as(
            &url("alice-1", "owner"),
            &alice.token,
            body("Piano teacher"),
        )
        .await;
    res.assert_status(201);
    let cp = res.body.clone();
    let id = cp["counterparty_id"].as_str().unwrap().to_owned();
    assert_eq!(cp["name"], "Piano teacher");
    assert_eq!(cp["created_by_user_id"], alice.user_id.as_str());
    assert_eq!(cp["this_bank_id"], B);
    assert_eq!(cp["this_account_id"], "alice-1");
    assert_eq!(cp["this_view_id"], "owner");
    assert_eq!(
        cp["other_account_secondary_routing_address"],
        "DE89370400440532013000"
    );
    assert_eq!(cp["is_beneficiary"], true);
    assert_eq!(cp["bespoke"], json!([{"key": "english", "value": "dog"}]));
    assert!(cp["metadata"]["public_alias"]
        .as_str()
        .unwrap()
        .starts_with("ALIAS_"));
    assert!(cp["metadata"]["corporate_location"].is_null());

    let list = app.get_as(&url("alice-1", "owner"), &alice.token).await;
    list.assert_status(200);
    let items = list.body["counterparties"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["counterparty_id"], id.as_str());
    assert!(items[0].get("metadata").is_none());

    let one = app
        .get_as(&format!("{}/{id}", url("alice-1", "owner")), &alice.token)
        .await;
    one.assert_status(200);
    assert_eq!(one.body, cp);

    // The payments engineer's connector call finds it by bank and id.
    let ctx = obp_domain::context::CallContext::new("t".to_owned());
    let bank = obp_domain::ids::BankId::parse(B).unwrap();
    let found = app
        .state
        .connector
        .get_counterparty_by_counterparty_id(&ctx, &bank, &id)
        .await
        .unwrap();
    assert_eq!(found.name, "Piano teacher");
    assert_eq!(
        found.bespoke,
        vec![("english".to_owned(), "dog".to_owned())]
    );

    let del = app
        .delete_as(&format!("{}/{id}", url("alice-1", "owner")), &alice.token)
        .await;
    del.assert_status(200);
    assert_eq!(del.body, json!(true));
    app.get_as(&format!("{}/{id}", url("alice-1", "owner")), &alice.token)
        .await
        .assert_obp_error(404, "OBP-30017");
    let err = app
        .state
        .connector
        .get_counterparty_by_counterparty_id(&ctx, &bank, &id)
        .await
        .unwrap_err();
    assert_eq!(
        obp_domain::HasErrorCode::code(&err),
        obp_domain::ErrorCode::CounterpartyNotFoundByCounterpartyId
    );
}

#[tokio::test]
async fn counterparty_rules_answer_obp_codes() {
    let app = TestApp::spawn().await;
    let (alice, bob) = setup(&app).await;
    let u = url("alice-1", "owner");
    app.post_as(&u, &alice.token, body("Dup"))
        .await
        .assert_status(201);
    // Duplicate name on the same account and view.
    app.post_as(&u, &alice.token, body("Dup"))
        .await
        .assert_obp_error(400, "OBP-30014");
    // Bad currency, long description, bad IBAN, unknown OBP account.
    let mut b = body("c1");
    b["currency"] = json!("EURO");
    app.post_as(&u, &alice.token, b)
        .await
        .assert_obp_error(400, "OBP-10003");
    let mut b = body("c2");
    b["description"] = json!("x".repeat(37));
    app.post_as(&u, &alice.token, b)
        .await
        .assert_obp_error(400, "OBP-20010");
    let mut b = body("c3");
    b["other_account_secondary_routing_address"] = json!("DE00 1234");
    app.post_as(&u, &alice.token, b)
        .await
        .assert_obp_error(400, "OBP-10033");
    let mut b = body("c4");
    b["other_account_routing_address"] = json!("nope");
    app.post_as(&u, &alice.token, b)
        .await
        .assert_obp_error(404, "OBP-30018");
    let mut b = body("c5");
    b.as_object_mut().unwrap().remove("name");
    app.post_as(&u, &alice.token, b)
        .await
        .assert_obp_error(400, "OBP-10001");
    // Unknown id.
    app.get_as(&format!("{u}/nope"), &alice.token)
        .await
        .assert_obp_error(404, "OBP-30017");
    app.delete_as(&format!("{u}/nope"), &alice.token)
        .await
        .assert_obp_error(404, "OBP-30017");
    // Bob has no view on alice's account; anonymous callers are not logged in.
    app.get_as(&u, &bob.token)
        .await
        .assert_obp_error(403, "OBP-20017");
    app.get(&u).await.assert_obp_error(401, "OBP-20001");
    // A view without the counterparty permissions.
    app.post_as(
        &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/views/owner/account-access/grant"),
        &alice.token,
        json!({"user_id": bob.user_id, "view_id": "ReadBalances"}),
    )
    .await
    .assert_status(201);
    let rb = url("alice-1", "ReadBalances");
    app.get_as(&rb, &bob.token)
        .await
        .assert_obp_error(403, "OBP-30022");
    app.post_as(&rb, &bob.token, body("x"))
        .await
        .assert_obp_error(403, "OBP-30022");
    // A counterparty of bob's account is not found through alice's account.
    let bobs = app
        .post_as(&url("bob-1", "owner"), &bob.token, body("Alice"))
        .await;
    bobs.assert_status(201);
    let bob_cp = bobs.body["counterparty_id"].as_str().unwrap();
    app.get_as(&format!("{u}/{bob_cp}"), &alice.token)
        .await
        .assert_obp_error(404, "OBP-30017");
}

#[tokio::test]
async fn management_counterparties_need_roles() {
    let app = TestApp::spawn().await;
    let (alice, _) = setup(&app).await;
    let m = format!("/obp/v4.0.0/management/banks/{B}/accounts/alice-1/owner/counterparties");
    app.post_as(&m, &alice.token, body("M"))
        .await
        .assert_obp_error(403, "OBP-20006");
    let ops = app
        .user_with_roles(
            "ops",
            &[
                ("CanCreateCounterparty", B),
                ("CanGetCounterpartyAtAnyBank", ""),
                ("CanDeleteCounterparty", B),
            ],
        )
        .await;
    let res = app
        .post_as(
            &format!("/obp/v4.0.0/management/banks/{B}/accounts/alice-1/accountant/counterparties"),
            &ops.token,
            body("M"),
        )
        .await;
    res.assert_status(201);
    assert_eq!(res.body["this_view_id"], "owner");
    assert_eq!(res.body["created_by_user_id"], ops.user_id.as_str());
    let id = res.body["counterparty_id"].as_str().unwrap().to_owned();
    app.post_as(&m, &ops.token, body("M"))
        .await
        .assert_obp_error(400, "OBP-30014");
    // Listing needs `CanGetCounterparties` (or `...AtAnyBank`), not the one-counterparty role.
    let res = app.get_as(&m, &ops.token).await;
    res.assert_obp_error(403, "OBP-20006");
    assert!(
        res.message().contains("CanGetCounterparties")
            && res.message().contains("CanGetCounterpartiesAtAnyBank"),
        "{}",
        res.message()
    );
    app.grant(&ops.user_id, "CanGetCounterparties", B).await;
    let list = app.get_as(&m, &ops.token).await;
    list.assert_status(200);
    assert_eq!(list.body["counterparties"][0]["name"], "M");
    // The owner sees it through the owner view.
    let own = app.get_as(&url("alice-1", "owner"), &alice.token).await;
    assert_eq!(
        own.body["counterparties"][0]["counterparty_id"],
        id.as_str()
    );
    app.get_as(&format!("{m}/{id}"), &ops.token)
        .await
        .assert_status(200);
    app.get_as(&format!("{m}/nope"), &ops.token)
        .await
        .assert_obp_error(404, "OBP-30017");
    app.get_as(
        &format!("/obp/v4.0.0/management/banks/{B}/accounts/nope/owner/counterparties"),
        &ops.token,
    )
    .await
    .assert_obp_error(404, "OBP-30018");
    app.delete_as(&format!("{m}/{id}"), &alice.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    let del = app.delete_as(&format!("{m}/{id}"), &ops.token).await;
    del.assert_status(200);
    assert_eq!(del.body, json!(true));
    app.delete_as(&format!("{m}/{id}"), &ops.token)
        .await
        .assert_obp_error(404, "OBP-30017");
}

#[tokio::test]
async fn listing_counterparties_of_any_account_accepts_the_any_bank_role() {
    let app = TestApp::spawn().await;
    let (_, _) = setup(&app).await;
    let m = format!("/obp/v4.0.0/management/banks/{B}/accounts/alice-1/owner/counterparties");
    app.get(&m).await.assert_obp_error(401, "OBP-20001");
    let one = app
        .user_with_roles("one", &[("CanGetCounterpartyAtAnyBank", "")])
        .await;
    app.get_as(&m, &one.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    let any = app
        .user_with_roles("any", &[("CanGetCounterpartiesAtAnyBank", "")])
        .await;
    let res = app.get_as(&m, &any.token).await;
    res.assert_status(200);
    assert!(res.body["counterparties"].is_array());
    // At another bank the bank role does not apply.
    let other = app
        .user_with_roles("other", &[("CanGetCounterparties", "some.other.bank")])
        .await;
    app.get_as(&m, &other.token)
        .await
        .assert_obp_error(403, "OBP-20006");
}
