//! User-initiated consents (issue #16): creation by SMS, EMAIL and IMPLICIT, the SCA answer,
//! the rules that keep a consent within what its user holds, the user's listings, revocation,
//! status changes, the administrators' listings, expiry, and the `consents.*` settings.

use obp_tests::{on_postgres, Persona, TestApp, TestResponse, PASSWORD};
use serde_json::{json, Value};

const V: &str = "/obp/v5.1.0";
const BANK: &str = "cbank";

struct World {
    app: TestApp,
    /// Holds CanGetScaOutbox (reads the codes).
    banker: Persona,
    /// Owns `alice-acc` and holds CanGetCustomer at the bank and
    /// CanCreateEntitlementAtOneBank there.
    alice: Persona,
    /// Owns `bob-acc`.
    bob: Persona,
}

async fn world_with(configure: impl FnOnce(&mut obp_api::config::Settings)) -> World {
    let app = TestApp::spawn_with(configure).await;
    let banker = app.create_bank(BANK).await;
    app.grant(&banker.user_id, "CanGetScaOutbox", "").await;
    let alice = app
        .user_with_roles(
            "alice",
            &[
                ("CanGetCustomer", BANK),
                ("CanCreateEntitlementAtOneBank", BANK),
            ],
        )
        .await;
    app.create_account(&alice.token, BANK, "alice-acc").await;
    let bob = app.user_with_roles("bob", &[]).await;
    app.create_account(&bob.token, BANK, "bob-acc").await;
    World {
        app,
        banker,
        alice,
        bob,
    }
}

async fn world() -> World {
    world_with(|_| {}).await
}

fn owner_view(account: &str) -> Value {
    json!({"bank_id": BANK, "account_id": account, "view_id": "owner"})
}

fn sms_body(views: Value, entitlements: Value) -> Value {
    json!({"everything": false, "views": views, "entitlements": entitlements,
           "phone_number": "+49 170 1234567"})
}

impl World {
    async fn create(&self, who: &Persona, method: &str, body: Value) -> TestResponse {
        self.app
            .post_as(
                &format!("{V}/banks/{BANK}/my/consents/{method}"),
                &who.token,
                body,
            )
            .await
    }

    /// Alice's SMS consent on her own account, INITIATED; its id.
    async fn alice_consent(&self) -> String {
        let res = self
            .create(
                &self.alice,
                "SMS",
                sms_body(json!([owner_view("alice-acc")]), json!([])),
            )
            .await;
        res.assert_status(201);
        res.body["consent_id"].as_str().unwrap().to_owned()
    }

    /// The newest code sent to `user_id`.
    async fn code_of(&self, user_id: &str) -> String {
        let res = self
            .app
            .get_as(
                &format!("{V}/management/sca-outbox?user_id={user_id}"),
                &self.banker.token,
            )
            .await;
        res.assert_status(200);
        res.body["messages"][0]["code"].as_str().unwrap().to_owned()
    }

    async fn answer(&self, who: &Persona, consent_id: &str, answer: &str) -> TestResponse {
        self.app
            .post_as(
                &format!("{V}/banks/{BANK}/consents/{consent_id}/challenge"),
                &who.token,
                json!({"answer": answer}),
            )
            .await
    }

    async fn get(&self, who: &Persona, consent_id: &str) -> TestResponse {
        self.app
            .get_as(
                &format!("{V}/user/current/consents/{consent_id}"),
                &who.token,
            )
            .await
    }

    async fn status_of(&self, consent_id: &str) -> String {
        let res = self.get(&self.alice, consent_id).await;
        res.assert_status(200);
        res.body["status"].as_str().unwrap().to_owned()
    }

    async fn mine(&self, who: &Persona) -> Vec<Value> {
        let res = self
            .app
            .get_as(&format!("{V}/banks/{BANK}/my/consents"), &who.token)
            .await;
        res.assert_status(200);
        res.body["consents"].as_array().unwrap().clone()
    }

    async fn admin(&self, roles: &[(&str, &str)], name: &str) -> Persona {
        self.app.user_with_roles(name, roles).await
    }
}

#[tokio::test]
async fn an_sms_consent_is_initiated_then_accepted_by_the_texted_code() {
    let w = world().await;
    let res = w
        .create(
            &w.alice,
            "SMS",
            sms_body(
                json!([owner_view("alice-acc")]),
                json!([{"bank_id": BANK, "role_name": "CanGetCustomer"}]),
            ),
        )
        .await;
    res.assert_status(201);
    assert_eq!(res.body["status"], "INITIATED");
    let id = res.body["consent_id"].as_str().unwrap().to_owned();
    let jwt = res.body["jwt"].as_str().unwrap();
    assert_eq!(jwt.split('.').count(), 3);
    assert_eq!(res.body.as_object().unwrap().len(), 3);

    let code = w.code_of(&w.alice.user_id).await;
    assert_eq!(code.len(), 6);
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let res = w.answer(&w.alice, &id, wrong).await;
    res.assert_obp_error(400, "OBP-40016");
    assert!(res.message().contains("Attempts left: 2"), "{}", res.text);
    assert_eq!(w.status_of(&id).await, "INITIATED");

    let res = w.answer(&w.alice, &id, &code).await;
    res.assert_status(201);
    assert_eq!(res.body["status"], "ACCEPTED");
    assert_eq!(res.body["consent_id"], id.as_str());
    assert_eq!(res.body["jwt"], jwt);
    assert_eq!(w.status_of(&id).await, "ACCEPTED");

    // Answered once: no further answer is taken.
    w.answer(&w.alice, &id, &code)
        .await
        .assert_obp_error(400, "OBP-35025");

    let one = w.get(&w.alice, &id).await;
    assert_eq!(
        one.body["scopes"],
        json!([{"role_name": "CanGetCustomer", "bank_id": BANK}])
    );
    assert_eq!(one.body["consent_request_id"], "");
}

#[tokio::test]
async fn email_and_implicit_consents_send_their_code_and_unknown_methods_are_refused() {
    let w = world().await;
    let res = w
        .create(
            &w.alice,
            "EMAIL",
            json!({"everything": false, "views": [owner_view("alice-acc")], "entitlements": [],
                   "email": "alice@example.com"}),
        )
        .await;
    res.assert_status(201);
    let id = res.body["consent_id"].as_str().unwrap().to_owned();
    let code = w.code_of(&w.alice.user_id).await;
    w.answer(&w.alice, &id, &code).await.assert_status(201);

    let res = w
        .create(
            &w.alice,
            "IMPLICIT",
            json!({"everything": false, "views": [], "entitlements": []}),
        )
        .await;
    res.assert_status(201);
    let id = res.body["consent_id"].as_str().unwrap().to_owned();
    let code = w.code_of(&w.alice.user_id).await;
    let res = w.answer(&w.alice, &id, &code).await;
    res.assert_status(201);
    assert_eq!(res.body["status"], "ACCEPTED");

    // SMS without a phone number, EMAIL without an address.
    w.create(
        &w.alice,
        "SMS",
        json!({"everything": false, "views": [], "entitlements": []}),
    )
    .await
    .assert_obp_error(400, "OBP-10001");
    w.create(
        &w.alice,
        "EMAIL",
        json!({"everything": false, "views": [], "entitlements": [], "email": "  "}),
    )
    .await
    .assert_obp_error(400, "OBP-10001");
    w.create(&w.alice, "PIGEON", sms_body(json!([]), json!([])))
        .await
        .assert_obp_error(400, "OBP-35009");
    w.app
        .post_as(
            &format!("{V}/banks/no-such-bank/my/consents/SMS"),
            &w.alice.token,
            sms_body(json!([]), json!([])),
        )
        .await
        .assert_obp_error(404, "OBP-30001");
    w.app
        .post_json(
            &format!("{V}/banks/{BANK}/my/consents/SMS"),
            sms_body(json!([]), json!([])),
        )
        .await
        .assert_obp_error(401, "OBP-20001");
    w.create(
        &w.alice,
        "SMS",
        json!({"everything": "yes", "phone_number": "1"}),
    )
    .await
    .assert_obp_error(400, "OBP-10001");
    w.create(&w.alice, "SMS", json!({"views": [], "phone_number": "1"}))
        .await
        .assert_obp_error(400, "OBP-10001");
    w.create(
        &w.alice,
        "SMS",
        json!({"everything": false, "views": [{"bank_id": BANK}], "phone_number": "1"}),
    )
    .await
    .assert_obp_error(400, "OBP-10001");
    w.create(
        &w.alice,
        "SMS",
        json!({"everything": false, "phone_number": "1", "valid_from": "yesterday"}),
    )
    .await
    .assert_obp_error(400, "OBP-10001");
    let raw = w
        .app
        .call(
            reqwest::Method::POST,
            &format!("{V}/banks/{BANK}/my/consents/SMS"),
            Some(&w.alice.token),
            None,
        )
        .await;
    assert_eq!(raw.status, 400, "{}", raw.text);
}

#[tokio::test]
async fn a_consent_never_grants_more_than_its_user_holds() {
    let w = world().await;
    let before = w.mine(&w.alice).await.len();
    // A role not held (another bank, another name).
    w.create(
        &w.alice,
        "SMS",
        sms_body(
            json!([]),
            json!([{"bank_id": "other", "role_name": "CanGetCustomer"}]),
        ),
    )
    .await
    .assert_obp_error(400, "OBP-35013");
    w.create(
        &w.alice,
        "SMS",
        sms_body(
            json!([]),
            json!([{"bank_id": "", "role_name": "CanGetAnyUser"}]),
        ),
    )
    .await
    .assert_obp_error(400, "OBP-35013");
    // A view not held: Bob's account, or another view on her own.
    w.create(
        &w.alice,
        "SMS",
        sms_body(json!([owner_view("bob-acc")]), json!([])),
    )
    .await
    .assert_obp_error(400, "OBP-35014");
    w.create(
        &w.alice,
        "SMS",
        sms_body(
            json!([{"bank_id": BANK, "account_id": "alice-acc", "view_id": "auditor"}]),
            json!([]),
        ),
    )
    .await
    .assert_obp_error(400, "OBP-35014");
    // An entitlement creator, even one she holds.
    let res = w
        .create(
            &w.alice,
            "SMS",
            sms_body(
                json!([]),
                json!([{"bank_id": BANK, "role_name": "CanCreateEntitlementAtOneBank"}]),
            ),
        )
        .await;
    res.assert_obp_error(400, "OBP-35033");
    w.create(
        &w.alice,
        "SMS",
        sms_body(
            json!([]),
            json!([{"bank_id": "", "role_name": "CanCreateEntitlementAtAnyBank"}]),
        ),
    )
    .await
    .assert_obp_error(400, "OBP-35033");
    // Lifetime.
    let mut body = sms_body(json!([]), json!([]));
    body["time_to_live"] = json!(3601);
    let res = w.create(&w.alice, "SMS", body.clone()).await;
    res.assert_obp_error(400, "OBP-35020");
    assert!(res.message().ends_with("(3600)"), "{}", res.text);
    body["time_to_live"] = json!(0);
    w.create(&w.alice, "SMS", body.clone())
        .await
        .assert_obp_error(400, "OBP-10035");
    body["time_to_live"] = json!(-5);
    w.create(&w.alice, "SMS", body.clone())
        .await
        .assert_obp_error(400, "OBP-10035");
    // An unknown app to bind to.
    let mut body = sms_body(json!([]), json!([]));
    body["consumer_id"] = json!("no-such-app");
    w.create(&w.alice, "SMS", body)
        .await
        .assert_obp_error(404, "OBP-30019");
    // Nothing was written.
    assert_eq!(w.mine(&w.alice).await.len(), before);
    // Exactly at the maximum is fine.
    let mut body = sms_body(json!([]), json!([]));
    body["time_to_live"] = json!(3600);
    w.create(&w.alice, "SMS", body).await.assert_status(201);
}

#[tokio::test]
async fn everything_takes_exactly_what_the_user_holds_at_the_bank() {
    let w = world().await;
    let res = w
        .create(
            &w.alice,
            "SMS",
            json!({"everything": true, "views": [owner_view("bob-acc")],
                   "entitlements": [{"bank_id": "", "role_name": "CanGetAnyUser"}],
                   "phone_number": "+1 555"}),
        )
        .await;
    res.assert_status(201);
    let id = res.body["consent_id"].as_str().unwrap().to_owned();
    let admin = w
        .admin(&[("CanGetConsentsAtAnyBank", "")], "auditor-any")
        .await;
    let res = w
        .app
        .get_as(
            &format!("{V}/management/consents?consent_id={id}"),
            &admin.token,
        )
        .await;
    res.assert_status(200);
    assert_eq!(res.body["number_of_rows"], 1);
    let payload = &res.body["consents"][0]["jwt_payload"];
    assert_eq!(payload["jti"], id.as_str());
    assert_eq!(payload["createdByUserId"], w.alice.user_id.as_str());
    assert_eq!(payload["views"], json!([owner_view("alice-acc")]));
    // CanCreateEntitlementAtOneBank is held but never carried.
    assert_eq!(
        payload["entitlements"],
        json!([{"role_name": "CanGetCustomer", "bank_id": BANK}])
    );
}

#[tokio::test]
async fn the_last_wrong_answer_rejects_the_consent() {
    let w = world().await;
    let id = w.alice_consent().await;
    let code = w.code_of(&w.alice.user_id).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let r1 = w.answer(&w.alice, &id, wrong).await;
    r1.assert_obp_error(400, "OBP-40016");
    let r2 = w.answer(&w.alice, &id, wrong).await;
    r2.assert_obp_error(400, "OBP-40016");
    assert!(r2.message().contains("Attempts left: 1"), "{}", r2.text);
    let r3 = w.answer(&w.alice, &id, wrong).await;
    assert_eq!(r3.status, 400, "{}", r3.text);
    assert_eq!(w.status_of(&id).await, "REJECTED");
    // Even the right code cannot accept it now.
    w.answer(&w.alice, &id, &code)
        .await
        .assert_obp_error(400, "OBP-35025");
    assert_eq!(w.status_of(&id).await, "REJECTED");
}

#[tokio::test]
async fn listings_show_the_users_own_consents_and_infos_carry_no_jwt() {
    let w = world().await;
    let a1 = w.alice_consent().await;
    let a2 = w.alice_consent().await;
    let res = w
        .create(
            &w.bob,
            "SMS",
            sms_body(json!([owner_view("bob-acc")]), json!([])),
        )
        .await;
    res.assert_status(201);
    let b1 = res.body["consent_id"].as_str().unwrap().to_owned();

    let mine = w.mine(&w.alice).await;
    let ids: Vec<&str> = mine
        .iter()
        .map(|c| c["consent_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec![a2.as_str(), a1.as_str()]);
    assert_eq!(mine[0]["api_standard"], "obp");
    assert_eq!(mine[0]["api_version"], "v5.1.0");
    assert_eq!(mine[0]["status"], "INITIATED");
    assert!(mine[0]["jwt"].as_str().unwrap().contains('.'));

    let res = w
        .app
        .get_as(
            &format!("{V}/banks/{BANK}/my/consent-infos"),
            &w.alice.token,
        )
        .await;
    res.assert_status(200);
    let infos = res.body["consents"].as_array().unwrap();
    assert_eq!(infos.len(), 2);
    assert!(infos[0].get("jwt").is_none());
    assert_eq!(infos[0]["created_by_user_id"], w.alice.user_id.as_str());
    assert!(!res.text.contains(&b1));

    // Another bank: the consents concern this one only.
    w.app.create_bank("otherbank").await;
    let res = w
        .app
        .get_as("/obp/v4.0.0/banks/otherbank/my/consents", &w.alice.token)
        .await;
    res.assert_status(200);
    assert_eq!(res.body["consents"], json!([]));
    w.app
        .get_as(
            &format!("{V}/banks/nobank/my/consent-infos"),
            &w.alice.token,
        )
        .await
        .assert_obp_error(404, "OBP-30001");
    w.app
        .get(&format!("{V}/banks/{BANK}/my/consents"))
        .await
        .assert_obp_error(401, "OBP-20001");
}

#[tokio::test]
async fn another_users_consent_is_neither_readable_nor_changeable() {
    let w = world().await;
    let id = w.alice_consent().await;
    w.get(&w.bob, &id).await.assert_obp_error(400, "OBP-35001");
    w.app
        .get_as(
            &format!("{V}/banks/{BANK}/my/consents/{id}/revoke"),
            &w.bob.token,
        )
        .await
        .assert_obp_error(400, "OBP-35001");
    w.app
        .put_as(
            &format!("{V}/banks/{BANK}/consents/{id}"),
            &w.bob.token,
            json!({"status": "REJECTED"}),
        )
        .await
        .assert_obp_error(400, "OBP-35001");
    let code = w.code_of(&w.alice.user_id).await;
    w.answer(&w.bob, &id, &code)
        .await
        .assert_obp_error(400, "OBP-35001");
    w.app
        .delete_as(&format!("{V}/banks/{BANK}/consents/{id}"), &w.bob.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    assert_eq!(w.status_of(&id).await, "INITIATED");
    w.get(&w.alice, "no-such-consent")
        .await
        .assert_obp_error(400, "OBP-35001");
}

#[tokio::test]
async fn a_user_revokes_their_consent_once() {
    let w = world().await;
    let id = w.alice_consent().await;
    let code = w.code_of(&w.alice.user_id).await;
    w.answer(&w.alice, &id, &code).await.assert_status(201);
    let path = format!("/obp/v3.1.0/banks/{BANK}/my/consents/{id}/revoke");
    let res = w.app.get_as(&path, &w.alice.token).await;
    res.assert_status(200);
    assert_eq!(res.body["status"], "REVOKED");
    assert_eq!(res.body["consent_id"], id.as_str());
    assert_eq!(w.status_of(&id).await, "REVOKED");
    w.app
        .get_as(&path, &w.alice.token)
        .await
        .assert_obp_error(400, "OBP-35012");
    w.app
        .get_as(
            &format!("{V}/banks/nobank/my/consents/{id}/revoke"),
            &w.alice.token,
        )
        .await
        .assert_obp_error(404, "OBP-30001");
}

#[tokio::test]
async fn a_bank_operator_revokes_consents_that_concern_the_bank() {
    let w = world().await;
    let id = w.alice_consent().await;
    w.app.create_bank("otherbank").await;
    let op = w
        .admin(&[("CanRevokeConsentAtBank", BANK)], "operator")
        .await;
    // The role at another bank does not reach it.
    let other_op = w
        .admin(&[("CanRevokeConsentAtBank", "otherbank")], "other-operator")
        .await;
    w.app
        .delete_as(&format!("{V}/banks/{BANK}/consents/{id}"), &other_op.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    w.app
        .delete_as(
            &format!("{V}/banks/otherbank/consents/{id}"),
            &other_op.token,
        )
        .await
        .assert_obp_error(400, "OBP-35001");
    w.app
        .delete_as(&format!("{V}/banks/{BANK}/consents/nope"), &op.token)
        .await
        .assert_obp_error(400, "OBP-35001");
    let res = w
        .app
        .delete_as(&format!("{V}/banks/{BANK}/consents/{id}"), &op.token)
        .await;
    res.assert_status(200);
    assert_eq!(res.body["status"], "REVOKED");
    assert_eq!(w.status_of(&id).await, "REVOKED");
    w.app
        .delete_as(&format!("{V}/banks/{BANK}/consents/{id}"), &op.token)
        .await
        .assert_obp_error(400, "OBP-35012");
    w.app
        .call(
            reqwest::Method::DELETE,
            &format!("{V}/banks/{BANK}/consents/{id}"),
            None,
            None,
        )
        .await
        .assert_obp_error(401, "OBP-20001");
}

#[tokio::test]
async fn status_updates_follow_the_consent_rules() {
    let w = world().await;
    let id = w.alice_consent().await;
    let put = |status: Value| {
        let app = &w.app;
        let token = w.alice.token.clone();
        let path = format!("/obp/v4.0.0/banks/{BANK}/consents/{id}");
        async move { app.put_as(&path, &token, json!({ "status": status })).await }
    };
    // Granting is the challenge's job while SCA is on.
    put(json!("ACCEPTED"))
        .await
        .assert_obp_error(400, "OBP-35025");
    put(json!("accepted"))
        .await
        .assert_obp_error(400, "OBP-10035");
    put(json!(5)).await.assert_obp_error(400, "OBP-10001");
    // Another flavour's status.
    put(json!("VALID")).await.assert_obp_error(400, "OBP-35025");
    let res = put(json!("REJECTED")).await;
    res.assert_status(200);
    assert_eq!(res.body["status"], "REJECTED");
    // Final: nothing grants again.
    put(json!("ACCEPTED"))
        .await
        .assert_obp_error(400, "OBP-35025");
    put(json!("INITIATED"))
        .await
        .assert_obp_error(400, "OBP-35025");
    let res = put(json!("REVOKED")).await;
    res.assert_status(200);
    put(json!("REVOKED"))
        .await
        .assert_obp_error(400, "OBP-35012");
    assert_eq!(w.status_of(&id).await, "REVOKED");
    w.app
        .put_as(
            &format!("{V}/banks/nobank/consents/{id}"),
            &w.alice.token,
            json!({"status": "REVOKED"}),
        )
        .await
        .assert_obp_error(404, "OBP-30001");
}

#[tokio::test]
async fn the_calling_app_reads_the_consents_bound_to_it() {
    let w = world().await;
    let id = w.alice_consent().await;
    // Bound by default to the app of Alice's token.
    let res = w
        .app
        .get_as(
            &format!("{V}/consumer/current/consents/{id}"),
            &w.alice.token,
        )
        .await;
    res.assert_status(200);
    assert_eq!(res.body["consent_id"], id.as_str());
    // Bob's token is another app's.
    w.app
        .get_as(&format!("{V}/consumer/current/consents/{id}"), &w.bob.token)
        .await
        .assert_obp_error(400, "OBP-35001");

    // A consent bound explicitly to another app is that app's to read.
    let (app_id, app_key) = w.app.create_consumer(true).await;
    let bob_via_app = w.app.login("bob", PASSWORD, &app_key).await;
    let mut body = sms_body(json!([]), json!([]));
    body["consumer_id"] = json!(app_id);
    let res = w.create(&w.alice, "SMS", body).await;
    res.assert_status(201);
    let bound = res.body["consent_id"].as_str().unwrap().to_owned();
    let res = w
        .app
        .get_as(
            &format!("{V}/consumer/current/consents/{bound}"),
            &bob_via_app,
        )
        .await;
    res.assert_status(200);
    assert_eq!(res.body["status"], "INITIATED");
    w.app
        .get_as(
            &format!("{V}/consumer/current/consents/{bound}"),
            &w.alice.token,
        )
        .await
        .assert_obp_error(400, "OBP-35001");
    w.app
        .get(&format!("{V}/consumer/current/consents/{bound}"))
        .await
        .assert_obp_error(401, "OBP-20001");
}

#[tokio::test]
async fn administrators_list_consents_with_filters_and_pages() {
    let w = world().await;
    let a1 = w.alice_consent().await;
    let a2 = w.alice_consent().await;
    let code = w.code_of(&w.alice.user_id).await;
    w.answer(&w.alice, &a2, &code).await.assert_status(201);
    let res = w
        .create(
            &w.bob,
            "SMS",
            sms_body(json!([owner_view("bob-acc")]), json!([])),
        )
        .await;
    res.assert_status(201);

    let any = w
        .admin(&[("CanGetConsentsAtAnyBank", "")], "auditor-any")
        .await;
    let one = w
        .admin(&[("CanGetConsentsAtOneBank", BANK)], "auditor-one")
        .await;
    let get = |path: String, token: String| {
        let app = &w.app;
        async move { app.get_as(&path, &token).await }
    };

    let res = get(format!("{V}/management/consents"), any.token.clone()).await;
    res.assert_status(200);
    assert_eq!(res.body["number_of_rows"], 3);
    assert_eq!(res.body["consents"].as_array().unwrap().len(), 3);
    let c = &res.body["consents"][0];
    for key in [
        "consent_reference_id",
        "consumer_id",
        "created_by_user_id",
        "status",
        "jwt_payload",
        "api_standard",
        "api_version",
        "note",
    ] {
        assert!(c.get(key).is_some(), "{key} missing: {c}");
    }

    let res = get(
        format!(
            "{V}/management/consents?user_id={}&status=ACCEPTED",
            w.alice.user_id
        ),
        any.token.clone(),
    )
    .await;
    res.assert_status(200);
    assert_eq!(res.body["number_of_rows"], 1);
    assert_eq!(res.body["consents"][0]["consent_reference_id"], a2.as_str());

    let res = get(
        format!(
            "{V}/management/consents?limit=1&offset=1&user_id={}",
            w.alice.user_id
        ),
        any.token.clone(),
    )
    .await;
    res.assert_status(200);
    assert_eq!(res.body["number_of_rows"], 2);
    assert_eq!(res.body["consents"].as_array().unwrap().len(), 1);
    assert_eq!(res.body["consents"][0]["consent_reference_id"], a1.as_str());

    get(
        format!("{V}/management/consents?limit=0"),
        any.token.clone(),
    )
    .await
    .assert_obp_error(400, "OBP-10025");
    get(
        format!("{V}/management/consents?offset=-1"),
        any.token.clone(),
    )
    .await
    .assert_obp_error(400, "OBP-10024");
    get(
        format!("{V}/management/consents?status=GOOD"),
        any.token.clone(),
    )
    .await
    .assert_obp_error(400, "OBP-10035");
    get(
        format!("{V}/management/consents?limit=x"),
        any.token.clone(),
    )
    .await
    .assert_obp_error(400, "OBP-10027");

    // At one bank.
    let res = get(
        format!("{V}/management/consents/banks/{BANK}?status=INITIATED"),
        one.token.clone(),
    )
    .await;
    res.assert_status(200);
    assert_eq!(res.body["number_of_rows"], 2);
    get(
        format!("{V}/management/consents/banks/{BANK}"),
        any.token.clone(),
    )
    .await
    .assert_status(200);
    w.app.create_bank("otherbank").await;
    get(
        format!("{V}/management/consents/banks/otherbank"),
        one.token.clone(),
    )
    .await
    .assert_obp_error(403, "OBP-20006");
    let res = get(
        format!("{V}/management/consents/banks/otherbank"),
        any.token.clone(),
    )
    .await;
    res.assert_status(200);
    assert_eq!(res.body["number_of_rows"], 0);
    get(
        format!("{V}/management/consents/banks/nobank"),
        any.token.clone(),
    )
    .await
    .assert_obp_error(404, "OBP-30001");

    // Without the role.
    get(format!("{V}/management/consents"), one.token.clone())
        .await
        .assert_obp_error(403, "OBP-20006");
    get(format!("{V}/management/consents"), w.alice.token.clone())
        .await
        .assert_obp_error(403, "OBP-20006");
    w.app
        .get(&format!("{V}/management/consents"))
        .await
        .assert_obp_error(401, "OBP-20001");
}

async fn expire(app: &TestApp, consent_id: &str) {
    let past = chrono::Utc::now() - chrono::Duration::seconds(5);
    let sql = if on_postgres() {
        "UPDATE consent SET expires_at = $1 WHERE id = $2"
    } else {
        "UPDATE consent SET expires_at = ? WHERE id = ?"
    };
    app.exec_sql(sql, vec![past.into(), consent_id.into()])
        .await;
}

#[tokio::test]
async fn a_consent_past_its_time_reads_expired_everywhere() {
    let w = world().await;
    let accepted = w.alice_consent().await;
    let code = w.code_of(&w.alice.user_id).await;
    w.answer(&w.alice, &accepted, &code)
        .await
        .assert_status(201);
    let waiting = w.alice_consent().await;
    let code = w.code_of(&w.alice.user_id).await;
    expire(&w.app, &accepted).await;
    expire(&w.app, &waiting).await;

    let admin = w
        .admin(&[("CanGetConsentsAtAnyBank", "")], "auditor-any")
        .await;
    // The status filter sees it as a reader of one consent does.
    let res = w
        .app
        .get_as(
            &format!("{V}/management/consents?status=ACCEPTED"),
            &admin.token,
        )
        .await;
    res.assert_status(200);
    assert_eq!(res.body["number_of_rows"], 0);

    for c in w.mine(&w.alice).await {
        assert_eq!(c["status"], "EXPIRED", "{c}");
    }
    assert_eq!(w.status_of(&accepted).await, "EXPIRED");
    assert_eq!(w.status_of(&waiting).await, "EXPIRED");
    // Too late to answer.
    w.answer(&w.alice, &waiting, &code)
        .await
        .assert_obp_error(400, "OBP-35025");
    // Expired is final, but revocable as OBP allows.
    w.app
        .get_as(
            &format!("{V}/banks/{BANK}/my/consents/{accepted}/revoke"),
            &w.alice.token,
        )
        .await
        .assert_status(200);
}

#[tokio::test]
async fn every_consent_endpoint_answers_35007_when_consents_are_off() {
    let w = world_with(|s| s.consents.allowed = false).await;
    let op = w
        .admin(
            &[
                ("CanRevokeConsentAtBank", BANK),
                ("CanGetConsentsAtAnyBank", ""),
            ],
            "operator",
        )
        .await;
    for method in ["SMS", "EMAIL", "IMPLICIT", "OTHER"] {
        w.create(
            &w.alice,
            method,
            json!({"everything": true, "phone_number": "1", "email": "a@b.c"}),
        )
        .await
        .assert_obp_error(401, "OBP-35007");
    }
    let t = &w.alice.token;
    w.answer(&w.alice, "x", "123")
        .await
        .assert_obp_error(401, "OBP-35007");
    for path in [
        format!("{V}/banks/{BANK}/my/consents"),
        format!("{V}/banks/{BANK}/my/consent-infos"),
        format!("{V}/user/current/consents/x"),
        format!("{V}/consumer/current/consents/x"),
        format!("{V}/banks/{BANK}/my/consents/x/revoke"),
    ] {
        w.app
            .get_as(&path, t)
            .await
            .assert_obp_error(401, "OBP-35007");
    }
    w.app
        .put_as(
            &format!("{V}/banks/{BANK}/consents/x"),
            t,
            json!({"status": "REVOKED"}),
        )
        .await
        .assert_obp_error(401, "OBP-35007");
    w.app
        .delete_as(&format!("{V}/banks/{BANK}/consents/x"), &op.token)
        .await
        .assert_obp_error(401, "OBP-35007");
    for path in [
        format!("{V}/management/consents"),
        format!("{V}/management/consents/banks/{BANK}"),
    ] {
        w.app
            .get_as(&path, &op.token)
            .await
            .assert_obp_error(401, "OBP-35007");
    }
}

#[tokio::test]
async fn without_sca_a_consent_is_accepted_at_once() {
    let w = world_with(|s| s.consents.sca_enabled = false).await;
    let res = w
        .create(
            &w.alice,
            "SMS",
            sms_body(json!([owner_view("alice-acc")]), json!([])),
        )
        .await;
    res.assert_status(201);
    assert_eq!(res.body["status"], "ACCEPTED");
    let id = res.body["consent_id"].as_str().unwrap().to_owned();
    // No code was sent.
    let res = w
        .app
        .get_as(
            &format!("{V}/management/sca-outbox?user_id={}", w.alice.user_id),
            &w.banker.token,
        )
        .await;
    assert_eq!(res.body["messages"], json!([]));
    w.answer(&w.alice, &id, "123")
        .await
        .assert_obp_error(400, "OBP-35025");
}

#[tokio::test]
async fn a_lower_maximum_lifetime_is_enforced() {
    let w = world_with(|s| s.consents.max_time_to_live = 60).await;
    let mut body = sms_body(json!([]), json!([]));
    body["time_to_live"] = json!(61);
    let res = w.create(&w.alice, "SMS", body.clone()).await;
    res.assert_obp_error(400, "OBP-35020");
    assert!(res.message().ends_with("(60)"), "{}", res.text);
    body["time_to_live"] = json!(60);
    w.create(&w.alice, "SMS", body).await.assert_status(201);
    // The default lifetime is capped too.
    let res = w
        .create(&w.alice, "SMS", sms_body(json!([]), json!([])))
        .await;
    res.assert_status(201);
}
