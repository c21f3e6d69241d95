//! Transaction requests as OBP renders them (`JSONFactory4.0.0.createTransactionRequestWithChargeJSON`,
//! `MappedTransactionRequest.toTransactionRequest`): `details` with the payee under the type's
//! field, `transaction_ids` with OBP's one id; SEPA paying the counterparty with the IBAN
//! (404 OBP-30012 otherwise); the charge reported, not booked, by default (OBP's mapped
//! connector); `GET .../VIEW_ID/transaction-request-types` (OBP v1.4.0
//! `getTransactionRequestTypes`).

use obp_tests::{Persona, TestApp};
use serde_json::{json, Value};

const BANK: &str = "shape.bank";
const POSTED: &str = "2024-01-02T10:00:00Z";
const IBAN: &str = "DE89 3704 0044 0532 0130 00";

struct World {
    app: TestApp,
    banker: Persona,
    alice: Persona,
    bob: Persona,
}

/// Alice holds 2000.00 EUR, Bob nothing; default settings (charges reported, not booked).
async fn world() -> World {
    let app = TestApp::spawn().await;
    let banker = app.create_bank(BANK).await;
    for role in ["CanGetScaOutbox", "CanVerifyLedger"] {
        app.grant(&banker.user_id, role, "").await;
    }
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

impl World {
    fn create_path(ty: &str) -> String {
        format!("/obp/v4.0.0/banks/{BANK}/accounts/alice-acc/owner/transaction-request-types/{ty}/transaction-requests")
    }

    async fn pay(&self, ty: &str, body: Value) -> obp_tests::TestResponse {
        self.app
            .post_as(&Self::create_path(ty), &self.alice.token, body)
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

    async fn counterparty(&self, name: &str, secondary_iban: &str, beneficiary: bool) -> String {
        let res = self
            .app
            .post_as(
                &format!("/obp/v4.0.0/banks/{BANK}/accounts/alice-acc/owner/counterparties"),
                &self.alice.token,
                json!({"name": name, "description": "payee", "currency": "EUR",
                    "other_bank_routing_scheme": "OBP", "other_bank_routing_address": BANK,
                    "other_account_routing_scheme": "OBP", "other_account_routing_address": "bob-acc",
                    "other_account_secondary_routing_scheme": "IBAN",
                    "other_account_secondary_routing_address": secondary_iban,
                    "other_branch_routing_scheme": "", "other_branch_routing_address": "",
                    "is_beneficiary": beneficiary, "bespoke": []}),
            )
            .await;
        res.assert_status(201);
        res.body["counterparty_id"].as_str().unwrap().to_owned()
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

fn value(amount: &str) -> Value {
    json!({"currency": "EUR", "amount": amount})
}

#[tokio::test]
async fn details_hold_the_payee_under_the_types_field_the_value_and_the_description() {
    let w = world().await;
    // Fields the type does not read are not echoed.
    let res = w
        .pay(
            "SANDBOX_TAN",
            json!({"to": {"bank_id": BANK, "account_id": "bob-acc", "extra": 1},
                   "value": value("1.00"), "description": "rent", "charge_policy": "SHARED",
                   "future_date": "20250101"}),
        )
        .await;
    res.assert_status(201);
    let expected = json!({"to_sandbox_tan": {"bank_id": BANK, "account_id": "bob-acc"},
                          "value": value("1.00"), "description": "rent"});
    assert_eq!(res.body["details"], expected);
    // The same when read back, one or all.
    let id = res.body["id"].as_str().unwrap();
    let one = w
        .app
        .get_as(
            &format!("/obp/v4.0.0/banks/{BANK}/accounts/alice-acc/owner/transaction-requests/{id}"),
            &w.alice.token,
        )
        .await;
    one.assert_status(200);
    assert_eq!(one.body["details"], expected);

    let cp = w.counterparty("bob", IBAN, true).await;
    let res = w
        .pay(
            "COUNTERPARTY",
            json!({"to": {"counterparty_id": cp}, "value": value("2.00"), "description": "cp"}),
        )
        .await;
    res.assert_status(201);
    assert_eq!(
        res.body["details"],
        json!({"to_counterparty": {"counterparty_id": cp}, "value": value("2.00"), "description": "cp"})
    );

    let res = w
        .pay(
            "SEPA",
            json!({"to": {"iban": IBAN}, "value": value("3.00"), "description": "sepa"}),
        )
        .await;
    res.assert_status(201);
    assert_eq!(
        res.body["details"],
        json!({"to_sepa": {"iban": IBAN}, "value": value("3.00"), "description": "sepa"})
    );

    w.app
        .grant(&w.alice.user_id, "CanCreateAnyTransactionRequest", BANK)
        .await;
    let res = w
        .pay(
            "FREE_FORM",
            json!({"value": value("4.00"), "description": "note"}),
        )
        .await;
    res.assert_status(201);
    assert_eq!(
        res.body["details"],
        json!({"value": value("4.00"), "description": "note"})
    );

    let listed = w
        .app
        .get_as(
            &format!("/obp/v4.0.0/banks/{BANK}/accounts/alice-acc/owner/transaction-requests"),
            &w.alice.token,
        )
        .await;
    listed.assert_status(200);
    let all = listed.body["transaction_requests_with_charges"]
        .as_array()
        .unwrap();
    assert_eq!(all.len(), 4);
    for r in all {
        let d = r["details"].as_object().unwrap();
        let payee_fields = d.keys().filter(|k| k.starts_with("to_")).count();
        assert!(payee_fields <= 1, "{r}");
        assert!(
            d.contains_key("value") && d.contains_key("description"),
            "{r}"
        );
    }
}

#[tokio::test]
async fn transaction_ids_hold_the_payers_transaction_once_completed() {
    let w = world().await;
    let res = w
        .pay(
            "SANDBOX_TAN",
            json!({"to": {"bank_id": BANK, "account_id": "bob-acc"}, "value": value("1000.00"),
                   "description": "big"}),
        )
        .await;
    res.assert_status(201);
    assert_eq!(res.body["status"], "INITIATED");
    assert_eq!(res.body["transaction_ids"], json!([""]));

    let tr_id = res.body["id"].as_str().unwrap();
    let ch_id = &obp_tests::challenge_id(&res.body);
    let outbox = w
        .app
        .get_as(
            &format!("/obp/v5.1.0/management/sca-outbox?challenge_id={ch_id}"),
            &w.banker.token,
        )
        .await;
    outbox.assert_status(200);
    let code = outbox.body["messages"][0]["code"].as_str().unwrap();
    let done = w
        .app
        .post_as(
            &format!("{}/{tr_id}/challenge", World::create_path("SANDBOX_TAN")),
            &w.alice.token,
            json!({"id": ch_id, "answer": code}),
        )
        .await;
    done.assert_status(202);
    assert_eq!(done.body["status"], "COMPLETED");
    let ids = done.body["transaction_ids"].as_array().unwrap();
    assert_eq!(ids.len(), 1, "{}", done.text);
    // The id is the payer's debit.
    let txs = w
        .app
        .get_as(
            &format!("/obp/v5.1.0/banks/{BANK}/accounts/alice-acc/owner/transactions"),
            &w.alice.token,
        )
        .await;
    txs.assert_status(200);
    let debit = txs.body["transactions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == ids[0])
        .unwrap_or_else(|| panic!("{} not among {}", ids[0], txs.text));
    assert_eq!(debit["details"]["value"]["amount"], "-1000.00");
}

#[tokio::test]
async fn by_default_the_charge_is_reported_and_only_the_amount_moves() {
    let w = world().await;
    let res = w
        .pay(
            "SANDBOX_TAN",
            json!({"to": {"bank_id": BANK, "account_id": "bob-acc"}, "value": value("1.00"),
                   "description": "coffee"}),
        )
        .await;
    res.assert_status(201);
    assert_eq!(res.body["status"], "COMPLETED");
    assert_eq!(
        res.body["charge"],
        json!({"summary": "Total charges for completed transaction", "value": value("2.00")})
    );
    // A 1.00 payment is a 1.00 debit, not 3.00.
    assert_eq!(w.balance("alice-acc", &w.alice).await, "1999.00");
    assert_eq!(w.balance("bob-acc", &w.bob).await, "1.00");
    // Also after a challenge.
    let res = w
        .pay(
            "ACCOUNT_OTP",
            json!({"to": {"bank_id": BANK, "account_id": "bob-acc"}, "value": value("5.00"),
                   "description": "otp", "charge_policy": "RECEIVER"}),
        )
        .await;
    res.assert_status(201);
    let tr_id = res.body["id"].as_str().unwrap();
    let ch_id = &obp_tests::challenge_id(&res.body);
    let outbox = w
        .app
        .get_as(
            &format!("/obp/v5.1.0/management/sca-outbox?challenge_id={ch_id}"),
            &w.banker.token,
        )
        .await;
    let code = outbox.body["messages"][0]["code"].as_str().unwrap();
    w.app
        .post_as(
            &format!("{}/{tr_id}/challenge", World::create_path("ACCOUNT_OTP")),
            &w.alice.token,
            json!({"id": ch_id, "answer": code}),
        )
        .await
        .assert_status(202);
    assert_eq!(w.balance("alice-acc", &w.alice).await, "1994.00");
    assert_eq!(w.balance("bob-acc", &w.bob).await, "6.00");
    w.verify_ledger().await;
}

#[tokio::test]
async fn with_book_charges_the_payer_pays_the_charge_too() {
    let app = TestApp::spawn_with(|s| s.payments.book_charges = true).await;
    let banker = app.create_bank(BANK).await;
    let alice = app.user_with_roles("alice", &[]).await;
    let bob = app.user_with_roles("bob", &[]).await;
    app.create_account(&alice.token, BANK, "alice-acc").await;
    app.create_account(&bob.token, BANK, "bob-acc").await;
    app.fund_account(&banker.token, BANK, "alice-acc", "2000.00", POSTED)
        .await;
    let w = World {
        app,
        banker,
        alice,
        bob,
    };
    w.pay(
        "SANDBOX_TAN",
        json!({"to": {"bank_id": BANK, "account_id": "bob-acc"}, "value": value("1.00"),
               "description": "coffee"}),
    )
    .await
    .assert_status(201);
    assert_eq!(w.balance("alice-acc", &w.alice).await, "1997.00");
    assert_eq!(w.balance("bob-acc", &w.bob).await, "1.00");
}

#[tokio::test]
async fn sepa_pays_the_counterparty_with_the_iban_and_answers_30012_without_one() {
    let w = world().await;
    let sepa = |iban: &str, amount: &str| json!({"to": {"iban": iban}, "value": value(amount), "description": "sepa"});
    // No counterparty with that IBAN, and an IBAN that is not valid: not found, as OBP.
    for iban in [IBAN, "DE00 1234"] {
        let res = w.pay("SEPA", sepa(iban, "1.00")).await;
        res.assert_obp_error(404, "OBP-30012");
    }
    // A counterparty that is not a beneficiary may not be paid.
    w.counterparty("friend", "GB82 WEST 1234 5698 7654 32", false)
        .await;
    w.pay("SEPA", sepa("GB82WEST12345698765432", "1.00"))
        .await
        .assert_obp_error(400, "OBP-30013");
    assert_eq!(w.balance("alice-acc", &w.alice).await, "2000.00");
    // The beneficiary with the IBAN (spaces and case aside) routes to Bob's account.
    w.counterparty("bob", IBAN, true).await;
    let res = w.pay("SEPA", sepa("de89370400440532013000", "7.00")).await;
    res.assert_status(201);
    assert_eq!(res.body["status"], "COMPLETED", "{}", res.text);
    assert_eq!(w.balance("alice-acc", &w.alice).await, "1993.00");
    assert_eq!(w.balance("bob-acc", &w.bob).await, "7.00");
    w.verify_ledger().await;
}

fn types_path(bank: &str, account: &str, view: &str) -> String {
    format!("/obp/v1.4.0/banks/{bank}/accounts/{account}/{view}/transaction-request-types")
}

#[tokio::test]
async fn an_account_lists_its_transaction_request_types_with_their_charges() {
    let w = world().await;
    let res = w
        .app
        .get_as(&types_path(BANK, "alice-acc", "owner"), &w.alice.token)
        .await;
    res.assert_status(200);
    let types = res.body["transaction_request_types"].as_array().unwrap();
    let values: Vec<&str> = types.iter().map(|t| t["value"].as_str().unwrap()).collect();
    assert_eq!(
        values,
        [
            "ACCOUNT",
            "ACCOUNT_OTP",
            "SANDBOX_TAN",
            "COUNTERPARTY",
            "SEPA",
            "FREE_FORM",
            "REFUND",
            "SIMPLE",
            "CARD",
            "AGENT_CASH_WITHDRAWAL"
        ]
    );
    for t in types {
        let obj = t.as_object().unwrap();
        assert_eq!(obj.len(), 2, "{t}");
        // The default rule: 0.0001 of the amount, at least 2.00.
        assert_eq!(t["charge"]["value"], value("2.00"), "{t}");
        assert!(t["charge"]["summary"].is_string(), "{t}");
    }
    // Same under v4.0.0 and v5.1.0.
    for v in ["v4.0.0", "v5.1.0"] {
        let path = types_path(BANK, "alice-acc", "owner").replace("v1.4.0", v);
        let again = w.app.get_as(&path, &w.alice.token).await;
        again.assert_status(200);
        assert_eq!(again.body, res.body);
    }
}

#[tokio::test]
async fn account_transaction_request_types_need_login_the_view_and_its_permission() {
    let w = world().await;
    let path = types_path(BANK, "alice-acc", "owner");
    w.app.get(&path).await.assert_obp_error(401, "OBP-20001");
    // Bob holds no view on Alice's account.
    w.app
        .get_as(&path, &w.bob.token)
        .await
        .assert_obp_error(403, "OBP-20017");
    w.app
        .get_as(&types_path("nobank", "alice-acc", "owner"), &w.alice.token)
        .await
        .assert_obp_error(404, "OBP-30001");
    w.app
        .get_as(&types_path(BANK, "nobody", "owner"), &w.alice.token)
        .await
        .assert_obp_error(404, "OBP-30018");
    // Bob granted a view of Alice's without `can_see_transaction_request_types`.
    w.app
        .post_as(
            &format!("/obp/v5.1.0/banks/{BANK}/accounts/alice-acc/views/owner/target-views"),
            &w.alice.token,
            json!({"name": "_amounts", "description": "amounts only", "metadata_view": "_amounts",
                "is_public": false, "which_alias_to_use": "", "hide_metadata_if_alias_used": false,
                "allowed_permissions": ["can_see_transaction_amount"]}),
        )
        .await
        .assert_status(201);
    w.app
        .post_as(
            &format!(
                "/obp/v5.1.0/banks/{BANK}/accounts/alice-acc/views/owner/account-access/grant"
            ),
            &w.alice.token,
            json!({"user_id": w.bob.user_id, "view_id": "_amounts"}),
        )
        .await
        .assert_status(201);
    let res = w
        .app
        .get_as(&types_path(BANK, "alice-acc", "_amounts"), &w.bob.token)
        .await;
    res.assert_obp_error(403, "OBP-20022");
    assert!(
        res.message().contains("can_see_transaction_request_types"),
        "{}",
        res.text
    );
}
