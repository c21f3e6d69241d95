//! TPP consent requests (OBP v5.0.0) and VRP consent requests (OBP v5.1.0): an app asks, the
//! user consents with an SMS code from the SCA outbox, the app acts with the Consent-JWT and
//! its own key — within the request, and for VRP within the counterparty limit, which
//! concurrent payments never exceed together.

use obp_tests::{Persona, TestApp, TestResponse, PASSWORD};
use reqwest::Method;
use serde_json::{json, Value};

const BANK: &str = "cr.bank";
const POSTED: &str = "2024-01-02T10:00:00Z";

struct World {
    app: TestApp,
    banker: Persona,
    alice: Persona,
    tpp: Persona,
}

async fn world() -> World {
    let app = TestApp::spawn().await;
    let banker = app.create_bank(BANK).await;
    app.grant(&banker.user_id, "CanGetScaOutbox", "").await;
    let alice = app.user_with_roles("alice", &[]).await;
    let tpp = app.user_with_roles("tpp", &[]).await;
    for acc in ["alice-a", "alice-b"] {
        app.create_account(&alice.token, BANK, acc).await;
        app.fund_account(&banker.token, BANK, acc, "500.00", POSTED)
            .await;
    }
    app.create_account(&banker.token, BANK, "shop").await;
    World {
        app,
        banker,
        alice,
        tpp,
    }
}

fn account_request(account: &str) -> Value {
    json!({"everything": false, "bank_id": BANK,
        "account_access": [{"account_routing": {"scheme": "OBP", "address": account}, "view_id": "owner"}],
        "phone_number": "+441234567890", "time_to_live": 3600})
}

fn vrp_request(limit: Value) -> Value {
    json!({
        "from_account": {"bank_routing": {"scheme": "OBP", "address": BANK},
            "account_routing": {"scheme": "OBP", "address": "alice-a"},
            "branch_routing": {"scheme": "", "address": ""}},
        "to_account": {"counterparty_name": "Shop", "bank_routing": {"scheme": "OBP", "address": BANK},
            "account_routing": {"scheme": "OBP", "address": "shop"},
            "branch_routing": {"scheme": "", "address": ""},
            "limit": limit},
        "phone_number": "+441234567890"
    })
}

fn limit(single: &str, monthly_count: i64) -> Value {
    json!({"currency": "EUR", "max_single_amount": single, "max_monthly_amount": "1000",
        "max_number_of_monthly_transactions": monthly_count, "max_yearly_amount": "5000",
        "max_number_of_yearly_transactions": 500, "max_total_amount": "10000",
        "max_number_of_transactions": 1000})
}

impl World {
    async fn latest_code(&self) -> String {
        let res = self
            .app
            .get_as(
                &format!(
                    "/obp/v5.1.0/management/sca-outbox?user_id={}",
                    self.alice.user_id
                ),
                &self.banker.token,
            )
            .await;
        res.assert_status(200);
        res.body["messages"][0]["code"].as_str().unwrap().to_owned()
    }

    /// The TPP posts a request; returns its id.
    async fn request(&self, path: &str, body: Value) -> String {
        let res = self
            .app
            .post_as(
                &format!("/obp/v5.1.0/consumer/{path}"),
                &self.tpp.token,
                body,
            )
            .await;
        res.assert_status(201);
        res.body["consent_request_id"].as_str().unwrap().to_owned()
    }

    /// Alice consents to the request by SMS and answers the code from the outbox; returns
    /// the consent JSON of the creation (with the status after the answer).
    async fn consent_to(&self, request_id: &str) -> Value {
        let res = self
            .app
            .post_as(
                &format!("/obp/v5.0.0/consumer/consent-requests/{request_id}/SMS/consents"),
                &self.alice.token,
                json!({}),
            )
            .await;
        res.assert_status(201);
        assert_eq!(res.body["status"], "INITIATED", "{}", res.text);
        let id = res.body["consent_id"].as_str().unwrap();
        let code = self.latest_code().await;
        let answered = self
            .app
            .post_as(
                &format!("/obp/v3.1.0/banks/{BANK}/consents/{id}/challenge"),
                &self.alice.token,
                json!({"answer": code}),
            )
            .await;
        answered.assert_status(201);
        assert_eq!(answered.body["status"], "ACCEPTED", "{}", answered.text);
        let mut created = res.body.clone();
        created["status"] = json!("ACCEPTED");
        created
    }

    async fn as_app(
        &self,
        method: Method,
        path: &str,
        jwt: &str,
        key: &str,
        body: Option<Value>,
    ) -> TestResponse {
        self.app
            .request(
                method,
                path,
                body.map(obp_tests::RequestBody::Json),
                &[("Consent-JWT", jwt), ("Consumer-Key", key)],
            )
            .await
    }

    async fn balance(&self, account: &str) -> Value {
        let res = self
            .app
            .get_as(
                &format!("/obp/v5.1.0/banks/{BANK}/accounts/{account}/owner/account"),
                if account == "shop" {
                    &self.banker.token
                } else {
                    &self.alice.token
                },
            )
            .await;
        res.assert_status(200);
        res.body["balance"].clone()
    }
}

fn account_ids(body: &Value) -> Vec<String> {
    let mut ids: Vec<String> = body["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn a_tpp_request_becomes_a_consent_the_app_uses_once() {
    let w = world().await;
    let body = account_request("alice-a");
    let res = w
        .app
        .post_as(
            "/obp/v5.0.0/consumer/consent-requests",
            &w.tpp.token,
            body.clone(),
        )
        .await;
    res.assert_status(201);
    let id = res.body["consent_request_id"].as_str().unwrap().to_owned();
    assert_eq!(res.body["payload"], body, "{}", res.text);
    let tpp_consumer = res.body["consumer_id"].as_str().unwrap().to_owned();
    assert!(!tpp_consumer.is_empty());

    // The requesting app reads it; another app cannot (as if there were none).
    let got = w
        .app
        .get_as(
            &format!("/obp/v5.0.0/consumer/consent-requests/{id}"),
            &w.tpp.token,
        )
        .await;
    got.assert_status(200);
    assert_eq!(got.body, res.body);
    w.app
        .get_as(
            &format!("/obp/v5.0.0/consumer/consent-requests/{id}"),
            &w.alice.token,
        )
        .await
        .assert_obp_error(400, "OBP-35028");
    // No consent yet.
    w.app
        .get_as(
            &format!("/obp/v5.0.0/consumer/consent-requests/{id}/consents"),
            &w.tpp.token,
        )
        .await
        .assert_obp_error(400, "OBP-35028");

    let consent = w.consent_to(&id).await;
    assert_eq!(consent["consent_request_id"], id.as_str());
    assert!(consent.get("account_access").is_none(), "{consent}");
    let jwt = consent["jwt"].as_str().unwrap();

    // The app, with its own key, sees exactly the requested account.
    let res = w
        .as_app(
            Method::GET,
            "/obp/v5.1.0/my/accounts",
            jwt,
            &w.tpp.consumer_key,
            None,
        )
        .await;
    res.assert_status(200);
    assert_eq!(account_ids(&res.body), ["alice-a"], "{}", res.text);
    w.as_app(
        Method::GET,
        &format!("/obp/v5.1.0/banks/{BANK}/accounts/alice-b/owner/account"),
        jwt,
        &w.tpp.consumer_key,
        None,
    )
    .await
    .assert_obp_error(403, "OBP-20017");
    // Bound to the requesting app: alice's own app cannot use it.
    let other = w
        .as_app(
            Method::GET,
            "/obp/v5.1.0/my/accounts",
            jwt,
            &w.alice.consumer_key,
            None,
        )
        .await;
    assert!(other.status >= 400, "{}", other.text);

    // The consent of the request: for its user through the requesting app.
    let alice_via_tpp = w.app.login("alice", PASSWORD, &w.tpp.consumer_key).await;
    let got = w
        .app
        .get_as(
            &format!("/obp/v5.0.0/consumer/consent-requests/{id}/consents"),
            &alice_via_tpp,
        )
        .await;
    got.assert_status(200);
    assert_eq!(got.body["consent_id"], consent["consent_id"]);
    assert_eq!(got.body["status"], "ACCEPTED");
    assert_eq!(got.body["jwt"], jwt);
    w.app
        .get_as(
            &format!("/obp/v5.0.0/consumer/consent-requests/{id}/consents"),
            &w.tpp.token,
        )
        .await
        .assert_obp_error(400, "OBP-35001");
    w.app
        .get_as(
            &format!("/obp/v5.0.0/consumer/consent-requests/{id}/consents"),
            &w.alice.token,
        )
        .await
        .assert_obp_error(400, "OBP-35028");

    // A request is used once.
    for method in ["SMS", "EMAIL", "IMPLICIT"] {
        w.app
            .post_as(
                &format!("/obp/v5.0.0/consumer/consent-requests/{id}/{method}/consents"),
                &w.alice.token,
                json!({}),
            )
            .await
            .assert_obp_error(400, "OBP-35029");
    }
}

#[tokio::test]
async fn requests_are_validated_and_consents_never_exceed_the_user() {
    let w = world().await;
    let post = |body: Value| {
        w.app
            .post_as("/obp/v5.0.0/consumer/consent-requests", &w.tpp.token, body)
    };
    let mut long = account_request("alice-a");
    long["time_to_live"] = json!(3601);
    post(long).await.assert_obp_error(400, "OBP-35020");
    let mut forbidden = account_request("alice-a");
    forbidden["entitlements"] =
        json!([{"bank_id": "", "role_name": "CanCreateEntitlementAtAnyBank"}]);
    post(forbidden).await.assert_obp_error(400, "OBP-35033");
    post(json!({"bank_id": BANK}))
        .await
        .assert_obp_error(400, "OBP-10001");
    w.app
        .post_json(
            "/obp/v5.0.0/consumer/consent-requests",
            account_request("alice-a"),
        )
        .await
        .assert_obp_error(401, "OBP-20001");
    let mut vrp = vrp_request(limit("10", 3));
    vrp["to_account"]["limit"]["currency"] = json!("EURO");
    w.app
        .post_as(
            "/obp/v5.1.0/consumer/vrp-consent-requests",
            &w.tpp.token,
            vrp,
        )
        .await
        .assert_obp_error(400, "OBP-10003");
    let mut vrp = vrp_request(limit("10", 3));
    vrp["to_account"]["counterparty_name"] = json!("x".repeat(37));
    w.app
        .post_as(
            "/obp/v5.1.0/consumer/vrp-consent-requests",
            &w.tpp.token,
            vrp,
        )
        .await
        .assert_obp_error(400, "OBP-20010");

    // Unknown request; an account that is not there; an account that is not alice's.
    w.app
        .post_as(
            "/obp/v5.0.0/consumer/consent-requests/nope/SMS/consents",
            &w.alice.token,
            json!({}),
        )
        .await
        .assert_obp_error(400, "OBP-35028");
    let mut unknown = account_request("alice-a");
    unknown["account_access"][0]["account_routing"] =
        json!({"scheme": "AccountNumber", "address": "000"});
    let id = w.request("consent-requests", unknown).await;
    w.app
        .post_as(
            &format!("/obp/v5.0.0/consumer/consent-requests/{id}/SMS/consents"),
            &w.alice.token,
            json!({}),
        )
        .await
        .assert_obp_error(404, "OBP-30073");
    let id = w.request("consent-requests", account_request("shop")).await;
    w.app
        .post_as(
            &format!("/obp/v5.0.0/consumer/consent-requests/{id}/SMS/consents"),
            &w.alice.token,
            json!({}),
        )
        .await
        .assert_obp_error(400, "OBP-35014");
    // Nobody can make a VRP mandate on an account they do not hold; nothing is left behind.
    let id = w
        .request("vrp-consent-requests", vrp_request(limit("10", 3)))
        .await;
    w.app
        .post_as(
            &format!("/obp/v5.0.0/consumer/consent-requests/{id}/SMS/consents"),
            &w.banker.token,
            json!({}),
        )
        .await
        .assert_obp_error(403, "OBP-30267");
    let views = w
        .app
        .get_as(
            &format!("/obp/v5.1.0/banks/{BANK}/accounts/alice-a/views"),
            &w.alice.token,
        )
        .await;
    assert!(!views.text.contains("_VRP-"), "{}", views.text);
}

async fn pay(w: &World, jwt: &str, view: &str, cp: &str, amount: &str) -> TestResponse {
    w.as_app(
        Method::POST,
        &format!(
            "/obp/v4.0.0/banks/{BANK}/accounts/alice-a/{view}/transaction-request-types/COUNTERPARTY/transaction-requests"
        ),
        jwt,
        &w.tpp.consumer_key,
        Some(json!({"to": {"counterparty_id": cp},
            "value": {"currency": "EUR", "amount": amount}, "description": "vrp"})),
    )
    .await
}

/// A VRP consent of alice for the TPP; returns (jwt, view, counterparty).
async fn vrp_consent(w: &World, limit: Value) -> (String, String, String) {
    let id = w.request("vrp-consent-requests", vrp_request(limit)).await;
    let consent = w.consent_to(&id).await;
    let access = &consent["account_access"];
    assert_eq!(access["bank_id"], BANK, "{consent}");
    assert_eq!(access["account_id"], "alice-a");
    let view = access["view_id"].as_str().unwrap().to_owned();
    assert!(view.starts_with("_VRP-") && view.len() == 36, "{view}");
    let cp = access["helper_info"]["counterparty_id"][0]
        .as_str()
        .unwrap()
        .to_owned();
    (consent["jwt"].as_str().unwrap().to_owned(), view, cp)
}

#[tokio::test]
async fn a_vrp_consent_pays_exactly_up_to_its_limits() {
    let w = world().await;
    let res = w
        .app
        .post_as(
            "/obp/v5.1.0/consumer/vrp-consent-requests",
            &w.tpp.token,
            vrp_request(limit("10", 3)),
        )
        .await;
    res.assert_status(201);
    assert_eq!(res.body["payload"]["consent_type"], "VRP");
    let (jwt, view, cp) = vrp_consent(&w, limit("10", 3)).await;

    // The counterparty and its limit exist on the VRP view.
    let l = w
        .app
        .get_as(
            &format!(
                "/obp/v5.1.0/banks/{BANK}/accounts/alice-a/views/{view}/counterparties/{cp}/limits"
            ),
            &w.alice.token,
        )
        .await;
    l.assert_status(200);
    assert_eq!(l.body["max_single_amount"], "10.00");
    assert_eq!(l.body["max_number_of_monthly_transactions"], 3);

    let (from0, to0) = (w.balance("alice-a").await, w.balance("shop").await);
    // One cent over the single maximum: refused, nothing booked.
    let over = pay(&w, &jwt, &view, &cp, "10.01").await;
    over.assert_obp_error(400, "OBP-30268");
    assert!(
        over.message().contains("max_single_amount"),
        "{}",
        over.text
    );
    assert_eq!(w.balance("alice-a").await, from0);
    assert_eq!(w.balance("shop").await, to0);
    // Exactly at it: paid.
    let ok = pay(&w, &jwt, &view, &cp, "10.00").await;
    ok.assert_status(201);
    assert_eq!(ok.body["status"], "COMPLETED", "{}", ok.text);
    assert_ne!(w.balance("shop").await, to0);
    // The monthly count: the third payment passes, the fourth is refused.
    pay(&w, &jwt, &view, &cp, "1.00").await.assert_status(201);
    pay(&w, &jwt, &view, &cp, "1.00").await.assert_status(201);
    let (from3, to3) = (w.balance("alice-a").await, w.balance("shop").await);
    let fourth = pay(&w, &jwt, &view, &cp, "1.00").await;
    fourth.assert_obp_error(400, "OBP-30268");
    assert!(
        fourth
            .message()
            .contains("max_number_of_monthly_transactions is 3"),
        "{}",
        fourth.text
    );
    assert_eq!(w.balance("alice-a").await, from3);
    assert_eq!(w.balance("shop").await, to3);
    // The consent grants only the VRP view: not the owner view, whose payments have no limit.
    pay(&w, &jwt, "owner", &cp, "1.00")
        .await
        .assert_obp_error(400, "OBP-40002");
}

#[tokio::test]
async fn concurrent_vrp_payments_never_exceed_the_limit() {
    let w = world().await;
    let (jwt, view, cp) = vrp_consent(&w, limit("5", 10)).await;
    assert_eq!(w.balance("shop").await["amount"], "0.00");
    let url = w.app.url(&format!(
        "/obp/v4.0.0/banks/{BANK}/accounts/alice-a/{view}/transaction-request-types/COUNTERPARTY/transaction-requests"
    ));
    let mut calls = Vec::new();
    for _ in 0..32 {
        let request = w
            .app
            .client
            .post(url.clone())
            .header("Consent-JWT", jwt.as_str())
            .header("Consumer-Key", w.tpp.consumer_key.as_str())
            .json(&json!({"to": {"counterparty_id": cp},
                "value": {"currency": "EUR", "amount": "1.00"}, "description": "vrp"}));
        calls.push(tokio::spawn(async move {
            let res = request.send().await.unwrap();
            let status = res.status().as_u16();
            (status, res.json::<Value>().await.unwrap())
        }));
    }
    let mut paid = 0;
    for call in calls {
        let (status, answer) = call.await.unwrap();
        match status {
            201 => paid += 1,
            400 => assert!(
                answer["message"].as_str().unwrap().starts_with("OBP-30268"),
                "{answer}"
            ),
            _ => panic!("unexpected answer {status}: {answer}"),
        }
    }
    assert_eq!(paid, 10);
    assert_eq!(w.balance("shop").await["amount"], "10.00");
    // And the eleventh, later, is refused too.
    pay(&w, &jwt, &view, &cp, "1.00")
        .await
        .assert_obp_error(400, "OBP-30268");
}

#[tokio::test]
async fn a_payment_that_is_not_booked_does_not_count_under_the_limit() {
    let w = world().await;
    let (jwt, view, cp) = vrp_consent(&w, limit("1000", 2)).await;
    let from0 = w.balance("alice-a").await;
    // Within the limit but beyond the balance: refused by the ledger, nothing counted.
    let res = pay(&w, &jwt, &view, &cp, "900.00").await;
    assert_eq!(res.status, 400, "{}", res.text);
    assert!(res.message().starts_with("OBP-40051"), "{}", res.text);
    assert_eq!(w.balance("alice-a").await, from0);
    pay(&w, &jwt, &view, &cp, "1.00").await.assert_status(201);
    pay(&w, &jwt, &view, &cp, "1.00").await.assert_status(201);
    pay(&w, &jwt, &view, &cp, "1.00")
        .await
        .assert_obp_error(400, "OBP-30268");
    assert_eq!(w.balance("shop").await["amount"], "2.00");
}

#[tokio::test]
async fn a_vrp_consent_pays_by_simple_only_its_counterparty_and_within_its_limit() {
    let w = world().await;
    let (jwt, view, _) = vrp_consent(&w, limit("10", 3)).await;
    let simple = |account: &str, amount: &str| {
        json!({"to": {"name": "Shop", "description": "",
            "other_bank_routing_scheme": "OBP", "other_bank_routing_address": BANK,
            "other_account_routing_scheme": "OBP", "other_account_routing_address": account,
            "other_account_secondary_routing_scheme": "", "other_account_secondary_routing_address": "",
            "other_branch_routing_scheme": "", "other_branch_routing_address": ""},
            "value": {"currency": "EUR", "amount": amount}, "description": "vrp"})
    };
    let path = format!(
        "/obp/v4.0.0/banks/{BANK}/accounts/alice-a/{view}/transaction-request-types/SIMPLE/transaction-requests"
    );
    let send = |body: Value| w.as_app(Method::POST, &path, &jwt, &w.tpp.consumer_key, Some(body));
    // The VRP view may pay beneficiaries only: SIMPLE may not make a new payee with it.
    send(simple("alice-b", "1.00"))
        .await
        .assert_obp_error(400, "OBP-40002");
    // The consent's counterparty, named by its routings, stays under its limit.
    send(simple("shop", "10.01"))
        .await
        .assert_obp_error(400, "OBP-30268");
    assert_eq!(w.balance("shop").await["amount"], "0.00");
    send(simple("shop", "10.00")).await.assert_status(201);
    assert_eq!(w.balance("shop").await["amount"], "10.00");
    assert_eq!(w.balance("alice-b").await["amount"], "500.00");
}
