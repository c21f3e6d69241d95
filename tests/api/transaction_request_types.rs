//! The transaction request types OBP v4.0.0 added beyond the account and counterparty ones:
//! SIMPLE (a payee by its routings, the paying account's counterparty made on the way when
//! there is none) and CARD (the card names the paying account and proves the payer).
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
async fn the_bank_lists_simple_and_card_among_its_types() {
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
    assert!(types.contains(&"CARD"), "{types:?}");
}

// ------------------------------------------------------------------------------------ CARD

const CARD_PATH: &str = "/obp/v4.0.0/transaction-request-types/CARD/transaction-requests";
const CARD_NUMBER: &str = "4111111111111111";

/// Issues a card on Alice's account (expiring September 2030); answers its CVV.
async fn issue_card(w: &World) -> String {
    for role in ["CanCreateCustomer", "CanCreateCardsForBank"] {
        w.app.grant(&w.banker.user_id, role, BANK).await;
    }
    let customer = w
        .app
        .post_as(
            &format!("/obp/v5.1.0/banks/{BANK}/customers"),
            &w.banker.token,
            json!({"legal_name": "Alice Smith", "mobile_phone_number": "+44 07972 444 876"}),
        )
        .await;
    customer.assert_status(201);
    let res = w
        .app
        .post_as(
            &format!("/obp/v5.1.0/management/banks/{BANK}/cards"),
            &w.banker.token,
            json!({
                "card_number": CARD_NUMBER, "card_type": "Debit", "name_on_card": "Alice Smith",
                "issue_number": "1", "serial_number": "1", "valid_from_date": "2024-01-01T00:00:00Z",
                "expires_date": "2030-09-19T00:00:00Z", "enabled": true, "technology": "chip",
                "networks": ["Visa"], "allows": ["credit", "debit"], "account_id": "alice-acc",
                "replacement": null, "pin_reset": [], "collected": null, "posted": null,
                "customer_id": customer.body["customer_id"], "brand": "Visa"}),
        )
        .await;
    res.assert_status(201);
    res.body["cvv"].as_str().unwrap().to_owned()
}

/// A beneficiary counterparty of `account` paying Bob's account; answers its id.
async fn beneficiary(w: &World, account: &str, who: &Persona, beneficiary: bool) -> String {
    let mut cp = to_bob("Bob");
    cp["currency"] = json!("EUR");
    cp["is_beneficiary"] = json!(beneficiary);
    cp["bespoke"] = json!([]);
    if !beneficiary {
        cp["name"] = json!("Bob (not a beneficiary)");
    }
    let res = w
        .app
        .post_as(&counterparties_path(account, "owner"), &who.token, cp)
        .await;
    res.assert_status(201);
    res.body["counterparty_id"].as_str().unwrap().to_owned()
}

fn card(cvv: &str) -> Value {
    json!({"card_type": "Debit", "brand": "VISA", "cvv": cvv, "card_number": CARD_NUMBER,
        "name_on_card": "alice smith", "expiry_year": "2030", "expiry_month": "09"})
}

fn card_body(card: Value, counterparty_id: &str, amount: &str) -> Value {
    json!({"card": card, "to": {"counterparty_id": counterparty_id},
        "value": {"currency": "EUR", "amount": amount}, "description": "by card"})
}

/// Another CVV than `cvv`.
fn wrong(cvv: &str) -> String {
    if cvv == "999" { "998" } else { "999" }.to_owned()
}

#[tokio::test]
async fn a_card_pays_a_beneficiary_of_its_account_from_that_account() {
    let w = world().await;
    let cvv = issue_card(&w).await;
    let payee = beneficiary(&w, "alice-acc", &w.alice, true).await;
    let res = w
        .app
        .post_as(
            CARD_PATH,
            &w.alice.token,
            card_body(card(&cvv), &payee, "5.00"),
        )
        .await;
    res.assert_status(201);
    assert_eq!(res.body["type"], "CARD");
    assert_eq!(res.body["status"], "COMPLETED");
    assert_eq!(
        res.body["from"],
        json!({"bank_id": BANK, "account_id": "alice-acc"})
    );
    assert_eq!(
        res.body["details"],
        json!({"to_counterparty": {"counterparty_id": payee},
            "value": {"currency": "EUR", "amount": "5.00"}, "description": "by card"})
    );
    // The card's number and CVV are kept nowhere in the request.
    let id = res.body["id"].as_str().unwrap();
    let read = w
        .app
        .get_as(
            &format!("/obp/v4.0.0/banks/{BANK}/accounts/alice-acc/owner/transaction-requests/{id}"),
            &w.alice.token,
        )
        .await;
    read.assert_status(200);
    assert!(!read.text.contains(CARD_NUMBER), "{}", read.text);
    assert!(!res.text.contains(CARD_NUMBER), "{}", res.text);
    assert_eq!(w.balance("bob-acc", &w.bob).await, "5.00");
    assert_eq!(w.balance("alice-acc", &w.alice).await, "1995.00");
    w.verify_ledger().await;
}

#[tokio::test]
async fn wrong_card_data_is_refused_and_five_wrong_answers_in_a_row_lock_the_card() {
    let w = world().await;
    let cvv = issue_card(&w).await;
    let payee = beneficiary(&w, "alice-acc", &w.alice, true).await;
    let pay = |card: Value| {
        let body = card_body(card, &payee, "5.00");
        let token = w.alice.token.clone();
        let app = &w.app;
        async move { app.post_as(CARD_PATH, &token, body).await }
    };
    let mut unknown = card(&cvv);
    unknown["card_number"] = json!("5500000000000004");
    pay(unknown).await.assert_obp_error(404, "OBP-30200");
    // Not counted: a malformed or past expiry says nothing about the card.
    let mut format = card(&cvv);
    format["expiry_year"] = json!("30");
    pay(format).await.assert_obp_error(400, "OBP-10005");
    let mut expired = card(&cvv);
    expired["expiry_year"] = json!("2024");
    let res = pay(expired).await;
    res.assert_obp_error(400, "OBP-10035");
    assert!(res.message().contains("expired"), "{}", res.text);
    // A right answer forgets earlier wrong ones.
    let mut brand = card(&cvv);
    brand["brand"] = json!("Mastercard");
    pay(brand.clone()).await.assert_obp_error(400, "OBP-10035");
    pay(card(&cvv)).await.assert_status(201);
    // Five wrong answers in a row, each named.
    let mut year = card(&cvv);
    year["expiry_year"] = json!("2031");
    let mut month = card(&cvv);
    month["expiry_month"] = json!("10");
    let mut name = card(&cvv);
    name["name_on_card"] = json!("Bob");
    for (c, what) in [
        (brand, "brand"),
        (year, "expiry_year"),
        (month, "expiry_month"),
        (name, "name_on_card"),
        (card(&wrong(&cvv)), "cvv"),
    ] {
        let res = pay(c).await;
        res.assert_obp_error(400, "OBP-10035");
        assert!(
            res.message().ends_with(&format!("{what} is not matched")),
            "{}",
            res.text
        );
    }
    // Now even the right data is refused.
    pay(card(&cvv)).await.assert_obp_error(400, "OBP-40061");
    assert_eq!(w.balance("bob-acc", &w.bob).await, "5.00");
}

#[tokio::test]
async fn only_callers_who_may_pay_from_the_card_account_use_the_card() {
    let w = world().await;
    let cvv = issue_card(&w).await;
    let payee = beneficiary(&w, "alice-acc", &w.alice, true).await;
    let body = card_body(card(&cvv), &payee, "5.00");
    w.app
        .post_json(CARD_PATH, body.clone())
        .await
        .assert_obp_error(401, "OBP-20001");
    // Bob knows the card but holds no view of Alice's account: the card is not his to use,
    // and his guesses neither tell him anything nor lock the card.
    w.app
        .post_as(CARD_PATH, &w.bob.token, body.clone())
        .await
        .assert_obp_error(404, "OBP-30200");
    for _ in 0..6 {
        w.app
            .post_as(
                CARD_PATH,
                &w.bob.token,
                card_body(card(&wrong(&cvv)), &payee, "5.00"),
            )
            .await
            .assert_obp_error(404, "OBP-30200");
    }
    w.app
        .post_as(CARD_PATH, &w.alice.token, body.clone())
        .await
        .assert_status(201);
    // A counterparty of another account, one that is not a beneficiary, an unknown one.
    let bobs = beneficiary(&w, "bob-acc", &w.bob, true).await;
    w.app
        .post_as(
            CARD_PATH,
            &w.alice.token,
            card_body(card(&cvv), &bobs, "5.00"),
        )
        .await
        .assert_obp_error(404, "OBP-30017");
    let not_beneficiary = beneficiary(&w, "alice-acc", &w.alice, false).await;
    w.app
        .post_as(
            CARD_PATH,
            &w.alice.token,
            card_body(card(&cvv), &not_beneficiary, "5.00"),
        )
        .await
        .assert_obp_error(400, "OBP-30013");
    w.app
        .post_as(
            CARD_PATH,
            &w.alice.token,
            card_body(card(&cvv), "no-such-counterparty", "5.00"),
        )
        .await
        .assert_obp_error(404, "OBP-30017");
    // With CanCreateAnyTransactionRequest at the card's bank, Bob may (as OBP).
    w.app
        .grant(&w.bob.user_id, "CanCreateAnyTransactionRequest", BANK)
        .await;
    let res = w.app.post_as(CARD_PATH, &w.bob.token, body).await;
    res.assert_status(201);
    assert_eq!(res.body["from"]["account_id"], "alice-acc");
    assert_eq!(w.balance("bob-acc", &w.bob).await, "10.00");
    w.verify_ledger().await;
}

#[tokio::test]
async fn malformed_card_bodies_are_refused() {
    let w = world().await;
    let cvv = issue_card(&w).await;
    let payee = beneficiary(&w, "alice-acc", &w.alice, true).await;
    let res = w
        .app
        .request(
            reqwest::Method::POST,
            CARD_PATH,
            Some(obp_tests::RequestBody::Raw {
                content_type: Some("application/json"),
                body: b"{\"card\":".to_vec(),
            }),
            &[("DirectLogin", &format!("token={}", w.alice.token))],
        )
        .await;
    res.assert_obp_error(400, "OBP-10001");
    let pay = |body: Value| {
        let token = w.alice.token.clone();
        let app = &w.app;
        async move { app.post_as(CARD_PATH, &token, body).await }
    };
    let mut no_card = card_body(card(&cvv), &payee, "1.00");
    no_card.as_object_mut().unwrap().remove("card");
    pay(no_card).await.assert_obp_error(400, "OBP-10001");
    let mut number = card(&cvv);
    number["card_number"] = json!(4111);
    pay(card_body(number, &payee, "1.00"))
        .await
        .assert_obp_error(400, "OBP-10001");
    let mut no_to = card_body(card(&cvv), &payee, "1.00");
    no_to.as_object_mut().unwrap().remove("to");
    pay(no_to).await.assert_obp_error(400, "OBP-10001");
    pay(json!([1])).await.assert_obp_error(400, "OBP-10001");
    let mut currency = card_body(card(&cvv), &payee, "1.00");
    currency["value"]["currency"] = json!("USD");
    pay(currency).await.assert_obp_error(400, "OBP-40003");
    // CARD is never made under an account's path.
    w.app
        .post_as(
            &create_path("alice-acc", "owner", "CARD"),
            &w.alice.token,
            card_body(card(&cvv), &payee, "1.00"),
        )
        .await
        .assert_obp_error(400, "OBP-40001");
    assert_eq!(w.balance("alice-acc", &w.alice).await, "2000.00");
}

#[tokio::test]
async fn a_card_request_at_its_threshold_is_answered_under_the_card_account() {
    let w = world().await;
    let cvv = issue_card(&w).await;
    let payee = beneficiary(&w, "alice-acc", &w.alice, true).await;
    let res = w
        .app
        .post_as(
            CARD_PATH,
            &w.alice.token,
            card_body(card(&cvv), &payee, "1000.00"),
        )
        .await;
    res.assert_status(201);
    assert_eq!(res.body["status"], "INITIATED");
    let tr_id = res.body["id"].as_str().unwrap();
    let answer_path = format!(
        "{}/{tr_id}/challenge",
        create_path("alice-acc", "owner", "CARD")
    );
    assert!(res.body["challenges"][0]["link"]
        .as_str()
        .unwrap()
        .ends_with(&answer_path.replace("/obp/v4.0.0", "")));
    let ch_id = res.body["challenges"][0]["id"].as_str().unwrap();
    let done = w
        .app
        .post_as(
            &answer_path,
            &w.alice.token,
            json!({"id": ch_id, "answer": "123"}),
        )
        .await;
    done.assert_status(202);
    assert_eq!(done.body["status"], "COMPLETED");
    assert_eq!(w.balance("bob-acc", &w.bob).await, "1000.00");

    // An Idempotency-Key replays the first answer; money moves once.
    let login = format!("token={}", w.alice.token);
    let headers = [
        ("DirectLogin", login.as_str()),
        ("Idempotency-Key", "card-1"),
    ];
    let send = || {
        w.app.request(
            reqwest::Method::POST,
            CARD_PATH,
            Some(obp_tests::RequestBody::Json(card_body(
                card(&cvv),
                &payee,
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
    assert_eq!(w.balance("bob-acc", &w.bob).await, "1010.00");
    w.verify_ledger().await;
}
