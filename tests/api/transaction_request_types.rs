//! The transaction request types OBP v4.0.0 added beyond the account and counterparty ones:
//! SIMPLE (a payee by its routings, the paying account's counterparty made on the way when
//! there is none).
//!
//! Each type end to end: balances, `details` as OBP renders them, what is written when the
//! request is refused (nothing), challenges and idempotent retries, and who may use it.

use obp_tests::{Persona, TestApp};
use serde_json::{json, Value};

const BANK: &str = "types.bank";
const POSTED: &str = "2024-01-02T10:00:00Z";
const IBAN: &str = "DE89370400440532013000";

struct World {
    app: TestApp,
    banker: Persona,
    alice: Persona,
    bob: Persona,
}

/// Alice holds 2000.00 EUR, Bob nothing. SIMPLE's challenge threshold is 3000 (per type, in
/// the settings), so a request beyond the balance and below it is refused for its funds.
async fn world() -> World {
    let app = TestApp::spawn_with(|s| {
        s.payments
            .challenge_thresholds
            .insert("SIMPLE".to_owned(), rust_decimal::Decimal::from(3000));
        s.sca_transport = obp_api::payments::settings::ScaTransport::Dummy;
    })
    .await;
    let banker = app.create_bank(BANK).await;
    app.grant(&banker.user_id, "CanVerifyLedger", "").await;
    let alice = app.user_with_roles("alice", &[]).await;
    let bob = app.user_with_roles("bob", &[]).await;
    app.create_account(&alice.token, BANK, "alice-acc").await;
    app.create_account(&bob.token, BANK, "bob-acc").await;
    app.fund_account(&banker.token, BANK, "alice-acc", "2000.00", POSTED)
        .await;
    World {
        app,
        banker,
        alice,
        bob,
    }
}

fn create_path(account: &str, view: &str, ty: &str) -> String {
    format!("/obp/v4.0.0/banks/{BANK}/accounts/{account}/{view}/transaction-request-types/{ty}/transaction-requests")
}

fn counterparties_path(account: &str, view: &str) -> String {
    format!("/obp/v4.0.0/banks/{BANK}/accounts/{account}/{view}/counterparties")
}

impl World {
    async fn simple(&self, body: Value) -> obp_tests::TestResponse {
        self.app
            .post_as(
                &create_path("alice-acc", "owner", "SIMPLE"),
                &self.alice.token,
                body,
            )
            .await
    }

    async fn balance(&self, account: &str, who: &Persona) -> String {
        let res = self
            .app
            .get_as(
                &format!("/obp/v5.1.0/banks/{BANK}/accounts/{account}/owner/account"),
                &who.token,
            )
            .await;
        res.assert_status(200);
        res.body["balance"]["amount"].as_str().unwrap().to_owned()
    }

    /// The names of Alice's counterparties (owner view), with their beneficiary flag.
    async fn counterparties(&self) -> Vec<(String, bool)> {
        let res = self
            .app
            .get_as(
                &counterparties_path("alice-acc", "owner"),
                &self.alice.token,
            )
            .await;
        res.assert_status(200);
        res.body["counterparties"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["name"].as_str().unwrap().to_owned(),
                    c["is_beneficiary"].as_bool().unwrap(),
                )
            })
            .collect()
    }

    async fn verify_ledger(&self) {
        let res = self
            .app
            .get_as("/obp/v5.1.0/management/ledger/verify", &self.banker.token)
            .await;
        res.assert_status(200);
        assert_eq!(res.body["clean"], true, "{}", res.text);
    }
}

/// A SIMPLE payee: Bob's account here (OBP routings) with an IBAN as secondary routing.
fn to_bob(name: &str) -> Value {
    json!({"name": name, "description": "flat rent",
        "other_bank_routing_scheme": "OBP", "other_bank_routing_address": BANK,
        "other_account_routing_scheme": "OBP", "other_account_routing_address": "bob-acc",
        "other_account_secondary_routing_scheme": "IBAN", "other_account_secondary_routing_address": IBAN,
        "other_branch_routing_scheme": "", "other_branch_routing_address": ""})
}

/// A SIMPLE payee off the platform (an IBAN no account here has).
fn to_shop(name: &str) -> Value {
    json!({"name": name, "description": "shop",
        "other_bank_routing_scheme": "BIC", "other_bank_routing_address": "COBADEFFXXX",
        "other_account_routing_scheme": "IBAN", "other_account_routing_address": "GB82 WEST 1234 5698 7654 32",
        "other_account_secondary_routing_scheme": "", "other_account_secondary_routing_address": "",
        "other_branch_routing_scheme": "", "other_branch_routing_address": ""})
}

fn simple_body(to: Value, amount: &str) -> Value {
    json!({"to": to, "value": {"currency": "EUR", "amount": amount},
        "description": "a simple payment", "charge_policy": "SHARED", "future_date": "20200127"})
}

#[tokio::test]
async fn a_simple_request_makes_a_beneficiary_once_and_pays_the_account_its_routings_name() {
    let w = world().await;
    let res = w.simple(simple_body(to_bob("Bob"), "5.00")).await;
    res.assert_status(201);
    assert_eq!(res.body["type"], "SIMPLE");
    assert_eq!(res.body["status"], "COMPLETED");
    assert_eq!(
        res.body["details"],
        json!({"to_simple": {
                "otherBankRoutingScheme": "OBP", "otherBankRoutingAddress": BANK,
                "otherBranchRoutingScheme": "", "otherBranchRoutingAddress": "",
                "otherAccountRoutingScheme": "OBP", "otherAccountRoutingAddress": "bob-acc",
                "otherAccountSecondaryRoutingScheme": "IBAN",
                "otherAccountSecondaryRoutingAddress": IBAN},
            "value": {"currency": "EUR", "amount": "5.00"},
            "description": "a simple payment"})
    );
    assert_eq!(w.balance("bob-acc", &w.bob).await, "5.00");
    assert_eq!(w.counterparties().await, vec![("Bob".to_owned(), true)]);

    // The same routings pay the same counterparty, whatever the name sent.
    w.simple(simple_body(to_bob("Robert"), "1.00"))
        .await
        .assert_status(201);
    // The secondary routing alone finds it too (the primary names nobody known).
    let mut by_iban = to_bob("Bobby");
    by_iban["other_account_routing_scheme"] = json!("ACCOUNT_NUMBER");
    by_iban["other_account_routing_address"] = json!("0001");
    w.simple(simple_body(by_iban, "1.00"))
        .await
        .assert_status(201);
    assert_eq!(w.balance("bob-acc", &w.bob).await, "7.00");
    assert_eq!(w.counterparties().await, vec![("Bob".to_owned(), true)]);
    w.verify_ledger().await;
}

#[tokio::test]
async fn a_simple_request_off_the_platform_credits_the_settlement_account() {
    let w = world().await;
    let res = w.simple(simple_body(to_shop("Shop"), "25.00")).await;
    res.assert_status(201);
    assert_eq!(res.body["status"], "COMPLETED");
    assert_eq!(
        res.body["details"]["to_simple"]["otherAccountRoutingAddress"],
        "GB82 WEST 1234 5698 7654 32"
    );
    assert_eq!(w.balance("alice-acc", &w.alice).await, "1975.00");
    // The counterparty keeps the IBAN in electronic form; sent again with other spacing,
    // it is the same payee.
    let mut again = to_shop("Shop 2");
    again["other_account_routing_address"] = json!("GB82WEST12345698765432");
    w.simple(simple_body(again, "5.00"))
        .await
        .assert_status(201);
    assert_eq!(w.counterparties().await, vec![("Shop".to_owned(), true)]);
    w.verify_ledger().await;
}

#[tokio::test]
async fn a_simple_name_taken_by_other_routings_is_obp_30072_and_nothing_is_written() {
    let w = world().await;
    w.simple(simple_body(to_bob("Bob"), "5.00"))
        .await
        .assert_status(201);
    let res = w.simple(simple_body(to_shop("Bob"), "5.00")).await;
    res.assert_obp_error(404, "OBP-30072");
    assert!(res.message().contains("<- OBP-30014"), "{}", res.text);
    assert_eq!(w.balance("alice-acc", &w.alice).await, "1995.00");
    assert_eq!(w.counterparties().await, vec![("Bob".to_owned(), true)]);
}

#[tokio::test]
async fn a_refused_simple_request_leaves_no_counterparty() {
    let w = world().await;
    // Beyond the balance (below SIMPLE's threshold): refused when booked, after the
    // counterparty was checked; it is not left behind.
    w.simple(simple_body(to_bob("Bob"), "2500.00"))
        .await
        .assert_obp_error(400, "OBP-40051");
    // Refused before the payee is looked at.
    let mut body = simple_body(to_bob("Bob"), "5.00");
    body["value"]["currency"] = json!("USD");
    w.simple(body).await.assert_obp_error(400, "OBP-40003");
    w.simple(simple_body(to_bob("Bob"), "-1"))
        .await
        .assert_obp_error(400, "OBP-40008");
    // An OBP routing to no account here.
    let mut nobody = to_bob("Nobody");
    nobody["other_account_routing_address"] = json!("no-such-acc");
    w.simple(simple_body(nobody, "5.00"))
        .await
        .assert_obp_error(404, "OBP-30018");
    // A counterparty description longer than counterparties allow.
    let mut long = to_shop("Long");
    long["description"] = json!("x".repeat(40));
    w.simple(simple_body(long, "5.00"))
        .await
        .assert_obp_error(400, "OBP-20010");
    // An invalid IBAN.
    let mut bad_iban = to_shop("Bad");
    bad_iban["other_account_routing_address"] = json!("GB00 0000");
    w.simple(simple_body(bad_iban, "5.00"))
        .await
        .assert_obp_error(400, "OBP-10033");
    assert_eq!(w.counterparties().await, Vec::new());
    assert_eq!(w.balance("alice-acc", &w.alice).await, "2000.00");
    assert_eq!(w.balance("bob-acc", &w.bob).await, "0.00");
}

#[tokio::test]
async fn malformed_simple_bodies_and_unknown_ids_are_refused() {
    let w = world().await;
    let path = create_path("alice-acc", "owner", "SIMPLE");
    let res = w
        .app
        .request(
            reqwest::Method::POST,
            &path,
            Some(obp_tests::RequestBody::Raw {
                content_type: Some("application/json"),
                body: b"{\"to\":".to_vec(),
            }),
            &[("DirectLogin", &format!("token={}", w.alice.token))],
        )
        .await;
    res.assert_obp_error(400, "OBP-10001");
    // No payee, a payee of the wrong shape, a field of the wrong type.
    w.simple(json!({"value": {"currency": "EUR", "amount": "1.00"}, "description": "d"}))
        .await
        .assert_obp_error(400, "OBP-10001");
    w.simple(simple_body(json!({"counterparty_id": "x"}), "1.00"))
        .await
        .assert_obp_error(400, "OBP-10001");
    let mut wrong = to_bob("Bob");
    wrong["other_account_routing_address"] = json!(42);
    w.simple(simple_body(wrong, "1.00"))
        .await
        .assert_obp_error(400, "OBP-10001");
    w.simple(json!({"to": to_bob("Bob"), "value": {"currency": "EUR", "amount": 5}}))
        .await
        .assert_obp_error(400, "OBP-10001");
    let mut policy = simple_body(to_bob("Bob"), "1.00");
    policy["charge_policy"] = json!("NOBODY");
    w.simple(policy).await.assert_obp_error(400, "OBP-40013");
    // Unknown bank and account.
    w.app
        .post_as(
            "/obp/v4.0.0/banks/nope/accounts/alice-acc/owner/transaction-request-types/SIMPLE/transaction-requests",
            &w.alice.token,
            simple_body(to_bob("Bob"), "1.00"),
        )
        .await
        .assert_obp_error(404, "OBP-30001");
    w.app
        .post_as(
            &create_path("nope", "owner", "SIMPLE"),
            &w.alice.token,
            simple_body(to_bob("Bob"), "1.00"),
        )
        .await
        .assert_obp_error(404, "OBP-30018");
    assert_eq!(w.counterparties().await, Vec::new());
}

#[tokio::test]
async fn only_callers_who_may_pay_from_the_account_use_simple() {
    let w = world().await;
    let path = create_path("alice-acc", "owner", "SIMPLE");
    let body = simple_body(to_bob("Bob"), "1.00");
    w.app
        .post_json(&path, body.clone())
        .await
        .assert_obp_error(401, "OBP-20001");
    // Bob holds his own account, but no view of Alice's.
    w.app
        .post_as(&path, &w.bob.token, body.clone())
        .await
        .assert_obp_error(400, "OBP-40002");
    // A view that may only pay beneficiaries (as a VRP consent's) may not make a payee, but
    // may pay a beneficiary counterparty of the view with those routings.
    w.app
        .post_as(
            &format!("/obp/v5.1.0/banks/{BANK}/accounts/alice-acc/views/owner/target-views"),
            &w.alice.token,
            json!({"name": "_payee", "description": "d", "metadata_view": "_payee",
                "is_public": false, "which_alias_to_use": "", "hide_metadata_if_alias_used": false,
                "allowed_permissions": ["can_add_transaction_request_to_beneficiary",
                    "can_add_counterparty", "can_get_counterparty"]}),
        )
        .await
        .assert_status(201);
    w.app
        .post_as(
            &format!(
                "/obp/v5.1.0/banks/{BANK}/accounts/alice-acc/views/owner/account-access/grant"
            ),
            &w.alice.token,
            json!({"user_id": w.bob.user_id, "view_id": "_payee"}),
        )
        .await
        .assert_status(201);
    let through = create_path("alice-acc", "_payee", "SIMPLE");
    w.app
        .post_as(&through, &w.bob.token, body.clone())
        .await
        .assert_obp_error(400, "OBP-40002");
    let mut cp = to_bob("Bob");
    cp["currency"] = json!("EUR");
    cp["is_beneficiary"] = json!(true);
    cp["bespoke"] = json!([]);
    w.app
        .post_as(
            &counterparties_path("alice-acc", "_payee"),
            &w.bob.token,
            cp,
        )
        .await
        .assert_status(201);
    let res = w.app.post_as(&through, &w.bob.token, body.clone()).await;
    res.assert_status(201);
    assert_eq!(res.body["status"], "COMPLETED");
    assert_eq!(w.balance("bob-acc", &w.bob).await, "1.00");
    // Nothing was made through the owner view.
    assert_eq!(w.counterparties().await, Vec::new());
    // With CanCreateAnyTransactionRequest at the bank, Bob may make a payee.
    w.app
        .grant(&w.bob.user_id, "CanCreateAnyTransactionRequest", BANK)
        .await;
    w.app
        .post_as(&through, &w.bob.token, simple_body(to_shop("Shop"), "1.00"))
        .await
        .assert_status(201);
    w.verify_ledger().await;
}

#[tokio::test]
async fn a_simple_request_at_its_threshold_waits_for_its_challenge_and_retries_replay() {
    let w = world().await;
    let res = w.simple(simple_body(to_bob("Bob"), "3000.00")).await;
    res.assert_status(201);
    assert_eq!(res.body["status"], "INITIATED");
    // The counterparty is made with the request (which names it), money moves later.
    assert_eq!(w.counterparties().await, vec![("Bob".to_owned(), true)]);
    w.app
        .fund_account(&w.banker.token, BANK, "alice-acc", "2000.00", POSTED)
        .await;
    let tr_id = res.body["id"].as_str().unwrap();
    let ch_id = res.body["challenges"][0]["id"].as_str().unwrap();
    assert!(res.body["challenges"][0]["link"]
        .as_str()
        .unwrap()
        .ends_with(&format!("/SIMPLE/transaction-requests/{tr_id}/challenge")));
    let done = w
        .app
        .post_as(
            &format!(
                "{}/{tr_id}/challenge",
                create_path("alice-acc", "owner", "SIMPLE")
            ),
            &w.alice.token,
            json!({"id": ch_id, "answer": "123"}),
        )
        .await;
    done.assert_status(202);
    assert_eq!(done.body["status"], "COMPLETED");
    assert_eq!(w.balance("bob-acc", &w.bob).await, "3000.00");

    // An Idempotency-Key replays the first answer; money moves and the payee is made once.
    let path = create_path("alice-acc", "owner", "SIMPLE");
    let login = format!("token={}", w.alice.token);
    let headers = [
        ("DirectLogin", login.as_str()),
        ("Idempotency-Key", "simple-1"),
    ];
    let send = || {
        w.app.request(
            reqwest::Method::POST,
            &path,
            Some(obp_tests::RequestBody::Json(simple_body(
                to_shop("Shop"),
                "10.00",
            ))),
            &headers,
        )
    };
    let first = send().await;
    first.assert_status(201);
    let again = send().await;
    again.assert_status(201);
    assert_eq!(again.header("Idempotency-Replayed"), Some("true"));
    assert_eq!(again.body, first.body);
    assert_eq!(w.balance("alice-acc", &w.alice).await, "990.00");
    assert_eq!(
        w.counterparties().await,
        vec![("Bob".to_owned(), true), ("Shop".to_owned(), true)]
    );
    w.verify_ledger().await;
}

#[tokio::test]
async fn the_bank_lists_simple_among_its_types() {
    let w = world().await;
    let res = w
        .app
        .get(&format!(
            "/obp/v4.0.0/banks/{BANK}/transaction-request-types"
        ))
        .await;
    res.assert_status(200);
    let types: Vec<&str> = res.body["transaction_request_types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["transaction_request_type"].as_str().unwrap())
        .collect();
    assert!(types.contains(&"SIMPLE"), "{types:?}");
}
