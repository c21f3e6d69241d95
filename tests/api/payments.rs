//! Transaction requests end to end: each type with balances before/after, validation errors
//! leaving balances unchanged, challenge flows, idempotent retries and concurrency.

use obp_tests::{Persona, TestApp};
use serde_json::{json, Value};

const BANK: &str = "pay.bank";
const POSTED: &str = "2024-01-02T10:00:00Z";

struct World {
    app: TestApp,
    banker: Persona,
    alice: Persona,
    bob: Persona,
}

/// These tests assert the booked charge (`payments.book_charges = true`); the default,
/// reported only, is tested in `transaction_request_shapes`.
async fn world_with(configure: impl FnOnce(&mut obp_api::config::Settings)) -> World {
    let app = TestApp::spawn_with(|s| {
        // The balances asserted here include the booked charge.
        s.payments.book_charges = true;
        configure(s);
    })
    .await;
    let banker = app.create_bank(BANK).await;
    for role in ["CanGetScaOutbox", "CanVerifyLedger"] {
        app.grant(&banker.user_id, role, "").await;
    }
    app.grant(&banker.user_id, "CanGetSettlementAccountAtOneBank", BANK)
        .await;
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

async fn world() -> World {
    world_with(|_| {}).await
}

impl World {
    async fn balance(&self, account: &str) -> String {
        let res = self
            .app
            .get_as(
                &format!("/obp/v5.1.0/banks/{BANK}/accounts/{account}/owner/account"),
                if account == "bob-acc" {
                    &self.bob.token
                } else {
                    &self.alice.token
                },
            )
            .await;
        res.assert_status(200);
        res.body["balance"]["amount"].as_str().unwrap().to_owned()
    }

    async fn settlement_balance(&self, account: &str) -> String {
        let res = self
            .app
            .get_as(
                &format!("/obp/v5.1.0/banks/{BANK}/settlement-accounts"),
                &self.banker.token,
            )
            .await;
        res.assert_status(200);
        let all = res.body["settlement_accounts"].as_array().unwrap();
        let one = all.iter().find(|a| a["account_id"] == account).unwrap();
        one["balance"]["amount"].as_str().unwrap().to_owned()
    }

    fn create_path(&self, ty: &str) -> String {
        format!("/obp/v4.0.0/banks/{BANK}/accounts/alice-acc/owner/transaction-request-types/{ty}/transaction-requests")
    }

    async fn pay(&self, ty: &str, body: Value) -> obp_tests::TestResponse {
        self.app
            .post_as(&self.create_path(ty), &self.alice.token, body)
            .await
    }

    async fn verify_ledger(&self) {
        let res = self
            .app
            .get_as("/obp/v5.1.0/management/ledger/verify", &self.banker.token)
            .await;
        res.assert_status(200);
        assert_eq!(res.body["clean"], true, "{}", res.text);
    }

    async fn otp(&self, challenge_id: &str) -> String {
        let res = self
            .app
            .get_as(
                &format!("/obp/v5.1.0/management/sca-outbox?challenge_id={challenge_id}"),
                &self.banker.token,
            )
            .await;
        res.assert_status(200);
        res.body["messages"][0]["code"].as_str().unwrap().to_owned()
    }

    async fn answer(
        &self,
        ty: &str,
        tr_id: &str,
        challenge_id: &str,
        answer: &str,
    ) -> obp_tests::TestResponse {
        self.app
            .post_as(
                &format!("{}/{tr_id}/challenge", self.create_path(ty)),
                &self.alice.token,
                json!({"id": challenge_id, "answer": answer}),
            )
            .await
    }
}

fn to_bob(amount: &str) -> Value {
    json!({"to": {"bank_id": BANK, "account_id": "bob-acc"},
           "value": {"currency": "EUR", "amount": amount}, "description": "rent"})
}

/// Raw SQL that goes behind the server's back (unlike `TestApp::exec_sql`, nothing cached is
/// forgotten): what another instance or the core banking system could do.
async fn behind_the_servers_back(app: &obp_tests::TestApp, sql: &str) {
    use sea_orm::ConnectionTrait;
    app.state
        .store
        .raw_connection()
        .execute_unprepared(sql)
        .await
        .expect("fixture SQL failed");
}

/// A payment takes the accounts it names as an earlier payment read them (for
/// `payments.account_cache_millis`), but never trusts them with money: an account deleted or
/// moved to another currency behind the server's back is refused by the booking with the
/// same code a fresh read gives, nothing moves, and the next payment reads the account again.
#[tokio::test]
async fn remembered_accounts_are_checked_by_the_booking_and_forgotten_when_refused() {
    let w = world_with(|s| {
        // Long enough that nothing expires during the test, however slow the machine.
        s.payments.account_cache_millis = 600_000;
    })
    .await;
    w.app.create_account(&w.bob.token, BANK, "bob-2").await;
    let to = |account: &str| {
        json!({"to": {"bank_id": BANK, "account_id": account},
               "value": {"currency": "EUR", "amount": "10.00"}, "description": "rent"})
    };
    // Both accounts are read (and remembered) by these.
    w.pay("SANDBOX_TAN", to("bob-acc")).await.assert_status(201);
    w.pay("SANDBOX_TAN", to("bob-2")).await.assert_status(201);
    let alice_before = w.balance("alice-acc").await;

    behind_the_servers_back(
        &w.app,
        "UPDATE bank_account SET currency = 'USD' WHERE account_id = 'bob-acc'",
    )
    .await;
    // Remembered: refused by the booking (its wording, `booking_says`), then read again:
    // refused by the payment's own check (`check_says`), with the same status and code both
    // times.
    let twice = |account: &'static str,
                 status: u16,
                 code: &'static str,
                 booking_says: fn(&str) -> bool,
                 check_says: &'static str| {
        let (w, body) = (&w, to(account));
        async move {
            for attempt in ["remembered", "read again"] {
                let res = w.pay("SANDBOX_TAN", body.clone()).await;
                assert_eq!(res.status, status, "{attempt}: {}", res.text);
                assert!(res.message().starts_with(code), "{attempt}: {}", res.text);
                let said = res.message();
                if attempt == "remembered" {
                    assert!(booking_says(said), "not the booking's refusal: {said}");
                } else {
                    assert!(said.contains(check_says), "not read again: {said}");
                }
            }
        }
    };
    twice(
        "bob-acc",
        400,
        "OBP-40003",
        |m| !m.contains("The to account") && m.contains("holds USD"),
        "The to account holds USD",
    )
    .await;

    behind_the_servers_back(
        &w.app,
        "DELETE FROM bank_account WHERE account_id = 'bob-2'",
    )
    .await;
    twice(
        "bob-2",
        404,
        "OBP-30018",
        |m| !m.contains("Current BankId"),
        "Current BankId is pay.bank and Current AccountId is bob-2",
    )
    .await;
    assert_eq!(w.balance("alice-acc").await, alice_before, "nothing moved");
}

#[tokio::test]
async fn a_payment_below_the_threshold_completes_at_once_and_moves_amount_plus_charge() {
    let w = world().await;
    let res = w.pay("SANDBOX_TAN", to_bob("10.00")).await;
    res.assert_status(201);
    let b = &res.body;
    assert_eq!(b["type"], "SANDBOX_TAN");
    assert_eq!(b["status"], "COMPLETED");
    assert_eq!(
        b["from"],
        json!({"bank_id": BANK, "account_id": "alice-acc"})
    );
    // OBP's TransactionRequestBodyAllTypes: the payee under the type's field.
    assert_eq!(
        b["details"],
        json!({"to_sandbox_tan": {"bank_id": BANK, "account_id": "bob-acc"},
               "value": {"currency": "EUR", "amount": "10.00"}, "description": "rent"})
    );
    // SANDBOX_TAN is OBP's v2.1.0 endpoint at every version: one `challenge`, null here.
    assert_eq!(b["challenge"], Value::Null);
    // OBP keeps one id: the payer's transaction.
    assert_eq!(
        b["transaction_ids"].as_array().unwrap().len(),
        1,
        "the payer's transaction"
    );
    assert!(!b["transaction_ids"][0].as_str().unwrap().is_empty());
    assert_eq!(
        b["charge"],
        json!({"summary": "Total charges for completed transaction", "value": {"currency": "EUR", "amount": "2.00"}})
    );
    for key in ["id", "start_date", "end_date"] {
        assert!(b[key].is_string(), "{key}");
    }
    assert_eq!(w.balance("alice-acc").await, "1988.00");
    assert_eq!(w.balance("bob-acc").await, "10.00");
    w.verify_ledger().await;
}

#[tokio::test]
async fn every_account_type_request_completes_below_the_threshold() {
    let w = world().await;
    for ty in ["ACCOUNT", "SANDBOX_TAN"] {
        let res = w.pay(ty, to_bob("1.00")).await;
        res.assert_status(201);
        assert_eq!(res.body["status"], "COMPLETED", "{ty}");
    }
    assert_eq!(w.balance("bob-acc").await, "2.00");
    assert_eq!(w.balance("alice-acc").await, "1994.00");
}

#[tokio::test]
async fn receiver_pays_the_charge_when_asked() {
    let w = world().await;
    let mut body = to_bob("10.00");
    body["charge_policy"] = json!("RECEIVER");
    w.pay("SANDBOX_TAN", body).await.assert_status(201);
    assert_eq!(w.balance("alice-acc").await, "1990.00");
    assert_eq!(w.balance("bob-acc").await, "8.00");
    w.verify_ledger().await;
}

#[tokio::test]
async fn a_payment_at_the_threshold_waits_for_its_challenge_and_completes_on_the_right_answer() {
    let w = world().await;
    let res = w.pay("SANDBOX_TAN", to_bob("1000.00")).await;
    res.assert_status(201);
    assert_eq!(res.body["status"], "INITIATED");
    // OBP renders its empty id before completion.
    assert_eq!(res.body["transaction_ids"], json!([""]));
    // SANDBOX_TAN answers in OBP's v2.1.0 shape at every version: one `challenge`.
    let challenge = &res.body["challenge"];
    assert_eq!(challenge["allowed_attempts"], 3);
    assert_eq!(
        challenge["challenge_type"],
        "OBP_TRANSACTION_REQUEST_CHALLENGE"
    );
    assert_eq!(w.balance("alice-acc").await, "2000.00");

    let tr_id = res.body["id"].as_str().unwrap();
    let ch_id = challenge["id"].as_str().unwrap();
    w.answer("SANDBOX_TAN", tr_id, ch_id, "000000x")
        .await
        .assert_obp_error(400, "OBP-40016");
    assert_eq!(w.balance("alice-acc").await, "2000.00");
    let code = w.otp(ch_id).await;
    let done = w.answer("SANDBOX_TAN", tr_id, ch_id, &code).await;
    done.assert_status(202);
    assert_eq!(done.body["status"], "COMPLETED");
    assert_eq!(done.body["transaction_ids"].as_array().unwrap().len(), 1);
    // 1000.00 + charge 0.10 clamped up to 2.00.
    assert_eq!(w.balance("alice-acc").await, "998.00");
    assert_eq!(w.balance("bob-acc").await, "1000.00");
    // A second answer cannot pay twice.
    w.answer("SANDBOX_TAN", tr_id, ch_id, &code)
        .await
        .assert_obp_error(400, "OBP-40011");
    assert_eq!(w.balance("bob-acc").await, "1000.00");
    w.verify_ledger().await;
}

#[tokio::test]
async fn wrong_answers_use_up_the_allowed_attempts() {
    let w = world().await;
    let res = w.pay("ACCOUNT_OTP", to_bob("5.00")).await;
    res.assert_status(201);
    assert_eq!(
        res.body["status"], "INITIATED",
        "ACCOUNT_OTP is always challenged"
    );
    let tr_id = res.body["id"].as_str().unwrap();
    let ch_id = &obp_tests::challenge_id(&res.body);
    let code = w.otp(ch_id).await;
    for _ in 0..3 {
        w.answer("ACCOUNT_OTP", tr_id, ch_id, "999999x")
            .await
            .assert_obp_error(400, "OBP-40016");
    }
    // Out of attempts: the outbox no longer holds the code (#14).
    assert_eq!(w.otp(ch_id).await, "");
    w.answer("ACCOUNT_OTP", tr_id, ch_id, &code)
        .await
        .assert_obp_error(400, "OBP-40014");
    assert_eq!(w.balance("alice-acc").await, "2000.00");
}

#[tokio::test]
async fn reject_rejects_and_nothing_moves() {
    let w = world().await;
    let res = w.pay("SANDBOX_TAN", to_bob("1500.00")).await;
    let tr_id = res.body["id"].as_str().unwrap();
    let ch_id = &obp_tests::challenge_id(&res.body);
    let code = w.otp(ch_id).await;
    let rejected = w.answer("SANDBOX_TAN", tr_id, ch_id, "REJECT").await;
    rejected.assert_status(202);
    assert_eq!(rejected.body["status"], "REJECTED");
    // Rejected: the outbox no longer holds the code (#14).
    assert_eq!(w.otp(ch_id).await, "");
    w.answer("SANDBOX_TAN", tr_id, ch_id, &code)
        .await
        .assert_obp_error(400, "OBP-40011");
    assert_eq!(w.balance("alice-acc").await, "2000.00");
    assert_eq!(w.balance("bob-acc").await, "0.00");
}

#[tokio::test]
async fn expired_challenges_refuse_the_right_answer() {
    let w = world_with(|s| s.payments.challenge_ttl_secs = 1).await;
    let res = w.pay("SANDBOX_TAN", to_bob("1500.00")).await;
    let tr_id = res.body["id"].as_str().unwrap();
    let ch_id = &obp_tests::challenge_id(&res.body);
    let code = w.otp(ch_id).await;
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    let r = w.answer("SANDBOX_TAN", tr_id, ch_id, &code).await;
    r.assert_obp_error(400, "OBP-40016");
    assert!(r.message().contains("expired"), "{}", r.message());
    assert_eq!(w.balance("bob-acc").await, "0.00");
}

/// The outbox rows of a challenge straight from the table: `(code, message)`.
async fn outbox_rows(app: &TestApp, challenge_id: &str) -> Vec<(String, String)> {
    obp_connectors::store::sca::list_outbox(&app.state.store, None, Some(challenge_id), 10)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.code, r.message))
        .collect()
}

#[tokio::test]
async fn an_outbox_code_is_deleted_when_its_challenge_is_answered() {
    let w = world().await;
    let res = w.pay("SANDBOX_TAN", to_bob("1000.00")).await;
    let tr_id = res.body["id"].as_str().unwrap();
    let ch_id = &obp_tests::challenge_id(&res.body);
    let code = w.otp(ch_id).await;
    assert_eq!(code.len(), 6);
    w.answer("SANDBOX_TAN", tr_id, ch_id, &code)
        .await
        .assert_status(202);
    // Gone from the table itself, not only from the answer of the outbox endpoint.
    let rows = outbox_rows(&w.app, ch_id).await;
    assert_eq!(rows.len(), 1, "the delivery log stays");
    assert_eq!(rows[0].0, "");
    assert!(!rows[0].1.contains(&code), "{}", rows[0].1);
    assert!(rows[0].1.contains(tr_id), "{}", rows[0].1);
    assert_eq!(w.otp(ch_id).await, "");
}

#[tokio::test]
async fn an_outbox_code_is_deleted_when_its_challenge_expires() {
    let w = world_with(|s| s.payments.challenge_ttl_secs = 1).await;
    let res = w.pay("SANDBOX_TAN", to_bob("1500.00")).await;
    let ch_id = &obp_tests::challenge_id(&res.body);
    let code = w.otp(ch_id).await;
    assert_eq!(code.len(), 6);
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    // The sweeper runs every 30 s; reading the outbox sweeps first.
    assert_eq!(w.otp(ch_id).await, "");
    let rows = outbox_rows(&w.app, ch_id).await;
    assert_eq!(rows[0].0, "");
    assert!(!rows[0].1.contains(&code), "{}", rows[0].1);
}

#[tokio::test]
async fn the_dummy_transport_accepts_123() {
    let w =
        world_with(|s| s.sca_transport = obp_api::payments::settings::ScaTransport::Dummy).await;
    let res = w.pay("SANDBOX_TAN", to_bob("1000.00")).await;
    let tr_id = res.body["id"].as_str().unwrap();
    let ch_id = &obp_tests::challenge_id(&res.body);
    let done = w.answer("SANDBOX_TAN", tr_id, ch_id, "123").await;
    done.assert_status(202);
    assert_eq!(done.body["status"], "COMPLETED");
}

#[tokio::test]
async fn validation_errors_leave_balances_unchanged() {
    let w = world().await;
    let cases: Vec<(&str, Value, u16, &str)> = vec![
        (
            "SANDBOX_TAN",
            json!({"to": {"bank_id": BANK, "account_id": "bob-acc"}, "value": {"currency": "EURO", "amount": "1.00"}}),
            400,
            "OBP-10003",
        ),
        ("SANDBOX_TAN", to_bob("0"), 400, "OBP-40008"),
        ("SANDBOX_TAN", to_bob("-5.00"), 400, "OBP-40008"),
        ("SANDBOX_TAN", to_bob("abc"), 400, "OBP-10002"),
        ("SANDBOX_TAN", to_bob("1.001"), 400, "OBP-20054"),
        (
            "SANDBOX_TAN",
            json!({"to": {"bank_id": BANK, "account_id": "bob-acc"}, "value": {"currency": "USD", "amount": "1.00"}}),
            400,
            "OBP-40003",
        ),
        (
            "SANDBOX_TAN",
            json!({"to": {"bank_id": BANK, "account_id": "bob-acc"}, "value": {"currency": "EUR", "amount": "1.00"}, "charge_policy": "NOBODY"}),
            400,
            "OBP-40013",
        ),
        (
            "SANDBOX_TAN",
            json!({"to": {"bank_id": BANK, "account_id": "bob-acc"}, "value": {"currency": "EUR", "amount": 1.5}}),
            400,
            "OBP-10001",
        ),
        (
            "SANDBOX_TAN",
            json!({"value": {"currency": "EUR", "amount": "1.00"}}),
            400,
            "OBP-10001",
        ),
        (
            "SANDBOX_TAN",
            json!({"to": {"bank_id": BANK, "account_id": "nobody"}, "value": {"currency": "EUR", "amount": "1.00"}}),
            404,
            "OBP-30018",
        ),
        ("CARD", to_bob("1.00"), 400, "OBP-40001"),
        (
            "SEPA",
            json!({"to": {"iban": "DE00 1234"}, "value": {"currency": "EUR", "amount": "1.00"}}),
            // OBP looks the IBAN up among the account's counterparties: an invalid one is
            // not found.
            404,
            "OBP-30012",
        ),
    ];
    for (ty, body, status, code) in cases {
        let res = w.pay(ty, body.clone()).await;
        res.assert_obp_error(status, code);
    }
    assert_eq!(w.balance("alice-acc").await, "2000.00");
    // Below the threshold but beyond the balance: refused, nothing written.
    w.pay("SANDBOX_TAN", to_bob("999.00"))
        .await
        .assert_status(201);
    w.pay("SANDBOX_TAN", to_bob("999.00"))
        .await
        .assert_obp_error(400, "OBP-40051");
    assert_eq!(w.balance("alice-acc").await, "999.00");
    assert_eq!(w.balance("bob-acc").await, "999.00");
    let listed = w
        .app
        .get_as(
            &format!("/obp/v5.1.0/banks/{BANK}/accounts/alice-acc/owner/transaction-requests"),
            &w.alice.token,
        )
        .await;
    listed.assert_status(200);
    assert_eq!(
        listed.body["transaction_requests_with_charges"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    w.verify_ledger().await;
}

#[tokio::test]
async fn malformed_json_is_refused_with_obp_10001() {
    let w = world().await;
    let res = w
        .app
        .request(
            reqwest::Method::POST,
            &w.create_path("SANDBOX_TAN"),
            Some(obp_tests::RequestBody::Raw {
                content_type: Some("application/json"),
                body: b"{\"to\":".to_vec(),
            }),
            &[("DirectLogin", &format!("token={}", w.alice.token))],
        )
        .await;
    res.assert_obp_error(400, "OBP-10001");
}

#[tokio::test]
async fn only_holders_of_a_paying_view_or_the_role_may_pay() {
    let w = world().await;
    // Bob holds no view on Alice's account.
    let res = w
        .app
        .post_as(&w.create_path("SANDBOX_TAN"), &w.bob.token, to_bob("1.00"))
        .await;
    res.assert_obp_error(400, "OBP-40002");
    // Anonymous callers must log in first.
    w.app
        .post_json(&w.create_path("SANDBOX_TAN"), to_bob("1.00"))
        .await
        .assert_obp_error(401, "OBP-20001");
    // With CanCreateAnyTransactionRequest at the bank Bob may.
    w.app
        .grant(&w.bob.user_id, "CanCreateAnyTransactionRequest", BANK)
        .await;
    let res = w
        .app
        .post_as(&w.create_path("SANDBOX_TAN"), &w.bob.token, to_bob("1.00"))
        .await;
    res.assert_status(201);
    assert_eq!(w.balance("alice-acc").await, "1997.00");
}

#[tokio::test]
async fn sepa_to_an_external_iban_credits_the_outgoing_settlement_account() {
    let w = world().await;
    // SEPA pays the beneficiary counterparty of the account with that IBAN (as OBP).
    w.app
        .post_as(
            &format!("/obp/v4.0.0/banks/{BANK}/accounts/alice-acc/owner/counterparties"),
            &w.alice.token,
            counterparty("shop", "IBAN", "DE89 3704 0044 0532 0130 00", "x", true),
        )
        .await
        .assert_status(201);
    let before = w
        .settlement_balance("OBP-OUTGOING-SETTLEMENT-ACCOUNT")
        .await;
    assert_eq!(before, "0.00");
    let res = w
        .pay(
            "SEPA",
            json!({"to": {"iban": "DE89 3704 0044 0532 0130 00"}, "value": {"currency": "EUR", "amount": "25.00"},
                   "description": "invoice 7", "charge_policy": "SENDER"}),
        )
        .await;
    res.assert_status(201);
    assert_eq!(res.body["status"], "COMPLETED");
    assert_eq!(w.balance("alice-acc").await, "1973.00");
    assert_eq!(
        w.settlement_balance("OBP-OUTGOING-SETTLEMENT-ACCOUNT")
            .await,
        "25.00"
    );
    w.verify_ledger().await;
}

#[tokio::test]
async fn free_form_needs_the_role() {
    let w = world().await;
    let body = json!({"value": {"currency": "EUR", "amount": "3.00"}, "description": "note"});
    w.pay("FREE_FORM", body.clone())
        .await
        .assert_obp_error(403, "OBP-20006");
    w.app
        .grant(&w.alice.user_id, "CanCreateAnyTransactionRequest", BANK)
        .await;
    let res = w.pay("FREE_FORM", body).await;
    res.assert_status(201);
    assert_eq!(res.body["status"], "COMPLETED");
    // Only the charge leaves the account.
    assert_eq!(w.balance("alice-acc").await, "1998.00");
    w.verify_ledger().await;
}

#[tokio::test]
async fn a_refund_pays_back_an_incoming_transaction() {
    let w = world().await;
    w.pay("SANDBOX_TAN", to_bob("30.00"))
        .await
        .assert_status(201);
    // Bob refunds 10.00 of what Alice sent him.
    let txs = w
        .app
        .get_as(
            &format!("/obp/v5.1.0/banks/{BANK}/accounts/bob-acc/owner/transactions"),
            &w.bob.token,
        )
        .await;
    txs.assert_status(200);
    let incoming = txs.body["transactions"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = w
        .app
        .post_as(
            &format!("/obp/v4.0.0/banks/{BANK}/accounts/bob-acc/owner/transaction-request-types/REFUND/transaction-requests"),
            &w.bob.token,
            json!({"value": {"currency": "EUR", "amount": "10.00"}, "description": "refund",
                   "refund": {"transaction_id": incoming, "reason_code": "DUPL"}}),
        )
        .await;
    res.assert_status(201);
    assert_eq!(res.body["status"], "COMPLETED");
    assert_eq!(w.balance("bob-acc").await, "18.00");
    assert_eq!(w.balance("alice-acc").await, "1978.00");
    // More than the original is refused.
    let res = w
        .app
        .post_as(
            &format!("/obp/v4.0.0/banks/{BANK}/accounts/bob-acc/owner/transaction-request-types/REFUND/transaction-requests"),
            &w.bob.token,
            json!({"value": {"currency": "EUR", "amount": "31.00"}, "description": "too much",
                   "refund": {"transaction_id": incoming, "reason_code": "DUPL"}}),
        )
        .await;
    res.assert_obp_error(400, "OBP-20054");
    w.verify_ledger().await;
}

#[tokio::test]
async fn an_idempotency_key_replays_the_first_answer_and_moves_money_once() {
    let w = world().await;
    let headers = |key: &'static str| {
        vec![
            ("DirectLogin".to_owned(), format!("token={}", w.alice.token)),
            ("Idempotency-Key".to_owned(), key.to_owned()),
        ]
    };
    let send = |body: Value, key: &'static str| {
        let h = headers(key);
        let path = w.create_path("SANDBOX_TAN");
        let app = &w.app;
        async move {
            let hs: Vec<(&str, &str)> = h.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
            app.request(
                reqwest::Method::POST,
                &path,
                Some(obp_tests::RequestBody::Json(body)),
                &hs,
            )
            .await
        }
    };
    let first = send(to_bob("7.00"), "k-1").await;
    first.assert_status(201);
    let again = send(to_bob("7.00"), "k-1").await;
    again.assert_status(201);
    assert_eq!(again.body, first.body);
    assert_eq!(again.header("Idempotency-Replayed"), Some("true"));
    assert_eq!(w.balance("bob-acc").await, "7.00");
    send(to_bob("8.00"), "k-1")
        .await
        .assert_obp_error(422, "OBP-40050");
    assert_eq!(w.balance("bob-acc").await, "7.00");
    // A refused request is refused again, without being tried again: below the threshold
    // but beyond the balance (1991.00 - 997.00 = 994.00 left).
    w.pay("SANDBOX_TAN", to_bob("995.00"))
        .await
        .assert_status(201);
    let refused = send(to_bob("995.00"), "k-2").await;
    refused.assert_obp_error(400, "OBP-40051");
    w.app
        .fund_account(&w.banker.token, BANK, "alice-acc", "5000.00", POSTED)
        .await;
    let replay = send(to_bob("995.00"), "k-2").await;
    replay.assert_obp_error(400, "OBP-40051");
    assert_eq!(replay.body, refused.body);
    assert_eq!(w.balance("bob-acc").await, "1002.00");
}

#[tokio::test]
async fn transaction_requests_are_listed_and_read_through_the_view() {
    let w = world().await;
    let res = w.pay("SANDBOX_TAN", to_bob("4.00")).await;
    let id = res.body["id"].as_str().unwrap();
    let one = w
        .app
        .get_as(
            &format!("/obp/v5.1.0/banks/{BANK}/accounts/alice-acc/owner/transaction-requests/{id}"),
            &w.alice.token,
        )
        .await;
    one.assert_status(200);
    assert_eq!(one.body, res.body);
    let missing = w
        .app
        .get_as(
            &format!("/obp/v5.1.0/banks/{BANK}/accounts/alice-acc/owner/transaction-requests/nope"),
            &w.alice.token,
        )
        .await;
    missing.assert_obp_error(404, "OBP-40004");
    let bob_looks = w
        .app
        .get_as(
            &format!("/obp/v5.1.0/banks/{BANK}/accounts/alice-acc/owner/transaction-requests"),
            &w.bob.token,
        )
        .await;
    bob_looks.assert_obp_error(403, "OBP-20017");
}

#[tokio::test]
async fn the_bank_lists_its_transaction_request_types() {
    let w = world().await;
    let res = w
        .app
        .get(&format!(
            "/obp/v5.1.0/banks/{BANK}/transaction-request-types"
        ))
        .await;
    res.assert_status(200);
    let types: Vec<&str> = res.body["transaction_request_types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["transaction_request_type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
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
    w.app
        .get("/obp/v5.1.0/banks/nobank/transaction-request-types")
        .await
        .assert_obp_error(404, "OBP-30001");
}

#[tokio::test]
async fn hundreds_of_parallel_transfers_in_both_directions_lose_nothing() {
    let w = world().await;
    // Both hold 500.00; payments of 40.00 (+2.00 charge) in both directions, some overdrawing.
    w.app
        .fund_account(&w.banker.token, BANK, "bob-acc", "500.00", POSTED)
        .await;
    let alice_path = w.create_path("SANDBOX_TAN");
    let bob_path = format!("/obp/v4.0.0/banks/{BANK}/accounts/bob-acc/owner/transaction-request-types/SANDBOX_TAN/transaction-requests");
    let to_alice = json!({"to": {"bank_id": BANK, "account_id": "alice-acc"}, "value": {"currency": "EUR", "amount": "40.00"}});
    let mut tasks = Vec::new();
    for i in 0..200 {
        let client = w.app.client.clone();
        let (url, token, body) = if i % 2 == 0 {
            (
                w.app.url(&alice_path),
                w.alice.token.clone(),
                to_bob("40.00"),
            )
        } else {
            (w.app.url(&bob_path), w.bob.token.clone(), to_alice.clone())
        };
        tasks.push(tokio::spawn(async move {
            let res = client
                .post(url)
                .header("DirectLogin", format!("token={token}"))
                .json(&body)
                .send()
                .await
                .unwrap();
            (i % 2 == 0, res.status().as_u16(), res.text().await.unwrap())
        }));
    }
    let (mut alice_paid, mut bob_paid) = (0i64, 0i64);
    for t in tasks {
        let (from_alice, status, text) = t.await.unwrap();
        match status {
            201 => {
                if from_alice {
                    alice_paid += 1
                } else {
                    bob_paid += 1
                }
            }
            400 => assert!(text.contains("OBP-40051"), "{text}"),
            other => panic!("unexpected {other}: {text}"),
        }
    }
    // In cents: each payment moves 40.00 and costs the payer 2.00 more.
    let alice = 200_000 - alice_paid * 4_200 + bob_paid * 4_000;
    let bob = 50_000 - bob_paid * 4_200 + alice_paid * 4_000;
    let fmt = |c: i64| format!("{}.{:02}", c / 100, c % 100);
    assert_eq!(w.balance("alice-acc").await, fmt(alice));
    assert_eq!(w.balance("bob-acc").await, fmt(bob));
    w.verify_ledger().await;
}

fn counterparty(name: &str, scheme: &str, address: &str, bank: &str, beneficiary: bool) -> Value {
    json!({"name": name, "description": "payee", "currency": "EUR",
        "other_bank_routing_scheme": "OBP", "other_bank_routing_address": bank,
        "other_account_routing_scheme": scheme, "other_account_routing_address": address,
        "other_account_secondary_routing_scheme": "", "other_account_secondary_routing_address": "",
        "other_branch_routing_scheme": "", "other_branch_routing_address": "",
        "is_beneficiary": beneficiary, "bespoke": []})
}

#[tokio::test]
async fn counterparty_payments_need_a_beneficiary_and_reach_the_right_account() {
    let w = world().await;
    let path = format!("/obp/v4.0.0/banks/{BANK}/accounts/alice-acc/owner/counterparties");
    let create = |body: Value| {
        let app = &w.app;
        let token = w.alice.token.clone();
        let path = path.clone();
        async move { app.post_as(&path, &token, body).await }
    };
    let not_beneficiary = create(counterparty("friend", "OBP", "bob-acc", BANK, false)).await;
    not_beneficiary.assert_status(201);
    let on_platform = create(counterparty("bob", "OBP", "bob-acc", BANK, true)).await;
    on_platform.assert_status(201);
    let external = create(counterparty(
        "shop",
        "IBAN",
        "DE89 3704 0044 0532 0130 00",
        "x",
        true,
    ))
    .await;
    external.assert_status(201);
    let pay = |id: &str, amount: &str| {
        json!({"to": {"counterparty_id": id}, "value": {"currency": "EUR", "amount": amount},
               "description": "to a counterparty", "charge_policy": "SHARED"})
    };

    let id = not_beneficiary.body["counterparty_id"].as_str().unwrap();
    w.pay("COUNTERPARTY", pay(id, "5.00"))
        .await
        .assert_obp_error(400, "OBP-30013");
    assert_eq!(w.balance("alice-acc").await, "2000.00");

    let id = on_platform.body["counterparty_id"].as_str().unwrap();
    let res = w.pay("COUNTERPARTY", pay(id, "5.00")).await;
    res.assert_status(201);
    assert_eq!(res.body["status"], "COMPLETED");
    assert_eq!(w.balance("bob-acc").await, "5.00");
    assert_eq!(w.balance("alice-acc").await, "1993.00");

    let id = external.body["counterparty_id"].as_str().unwrap();
    let res = w.pay("COUNTERPARTY", pay(id, "10.00")).await;
    res.assert_status(201);
    assert_eq!(w.balance("alice-acc").await, "1981.00");
    assert_eq!(
        w.settlement_balance("OBP-OUTGOING-SETTLEMENT-ACCOUNT")
            .await,
        "10.00"
    );

    w.pay("COUNTERPARTY", pay("no-such-counterparty", "1.00"))
        .await
        .assert_obp_error(404, "OBP-30017");
    // A beneficiary another account holder made is not a payee of this account.
    let bobs = w
        .app
        .post_as(
            &format!("/obp/v4.0.0/banks/{BANK}/accounts/bob-acc/owner/counterparties"),
            &w.bob.token,
            counterparty("bobs-payee", "OBP", "bob-acc", BANK, true),
        )
        .await;
    bobs.assert_status(201);
    let before = w.balance("alice-acc").await;
    w.pay(
        "COUNTERPARTY",
        pay(bobs.body["counterparty_id"].as_str().unwrap(), "1.00"),
    )
    .await
    .assert_obp_error(404, "OBP-30017");
    assert_eq!(w.balance("alice-acc").await, before);
    w.verify_ledger().await;
}

#[tokio::test]
async fn multi_party_approval_needs_every_required_answer() {
    let w = world().await;
    // Bob may also pay from Alice's account; two answers are required.
    let grant = w
        .app
        .post_as(
            &format!(
                "/obp/v5.1.0/banks/{BANK}/accounts/alice-acc/views/owner/account-access/grant"
            ),
            &w.alice.token,
            json!({"user_id": w.bob.user_id, "view_id": "owner"}),
        )
        .await;
    grant.assert_status(201);
    w.app
        .exec_sql(
            "INSERT INTO account_attribute (id, bank_id, account_id, product_code, name, attribute_type, value, product_instance_code) VALUES ('req-2', 'pay.bank', 'alice-acc', 'CURRENT', 'REQUIRED_CHALLENGE_ANSWERS', 'INTEGER', '2', NULL)",
            vec![],
        )
        .await;
    let res = w.pay("ACCOUNT", to_bob("1200.00")).await;
    res.assert_status(201);
    let challenges = res.body["challenges"].as_array().unwrap().clone();
    assert_eq!(challenges.len(), 2, "{}", res.text);
    let tr_id = res.body["id"].as_str().unwrap().to_owned();
    let mine = challenges
        .iter()
        .find(|c| c["user_id"] == w.alice.user_id.as_str())
        .unwrap();
    let bobs = challenges
        .iter()
        .find(|c| c["user_id"] == w.bob.user_id.as_str())
        .unwrap();
    let first = w
        .answer(
            "ACCOUNT",
            &tr_id,
            mine["id"].as_str().unwrap(),
            &w.otp(mine["id"].as_str().unwrap()).await,
        )
        .await;
    first.assert_status(202);
    assert_eq!(first.body["status"], "NEXT_CHALLENGE_PENDING");
    // OBP's v2.1.0 shape (both GETs) shows one challenge: the caller's own open one.
    let one =
        format!("/obp/v5.1.0/banks/{BANK}/accounts/alice-acc/owner/transaction-requests/{tr_id}");
    let seen = w.app.get_as(&one, &w.bob.token).await;
    seen.assert_status(200);
    assert_eq!(seen.body["challenge"]["id"], bobs["id"]);
    // Alice's is answered; she is shown the one still open.
    let seen = w.app.get_as(&one, &w.alice.token).await;
    assert_eq!(seen.body["challenge"]["id"], bobs["id"]);
    assert_eq!(w.balance("alice-acc").await, "2000.00");
    // Alice cannot answer Bob's challenge.
    w.answer("ACCOUNT", &tr_id, bobs["id"].as_str().unwrap(), "000000")
        .await
        .assert_obp_error(400, "OBP-40055");
    let code = w.otp(bobs["id"].as_str().unwrap()).await;
    let done = w
        .app
        .post_as(
            &format!("{}/{tr_id}/challenge", w.create_path("ACCOUNT")),
            &w.bob.token,
            json!({"id": bobs["id"], "answer": code}),
        )
        .await;
    done.assert_status(202);
    assert_eq!(done.body["status"], "COMPLETED");
    assert_eq!(w.balance("alice-acc").await, "798.00");
    w.verify_ledger().await;
}

/// A one-shot HTTP receiver: answers each POST with `status` and hands over
/// (authorization header, JSON body) of every request it got.
async fn webhook_receiver(
    status: u16,
) -> (
    String,
    tokio::sync::mpsc::UnboundedReceiver<(Option<String>, Value)>,
) {
    use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/otp", listener.local_addr().unwrap());
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let tx = tx.clone();
            tokio::spawn(async move {
                let mut reader = BufReader::new(stream);
                let (mut length, mut auth) = (0usize, None);
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    let lower = line.to_ascii_lowercase();
                    if let Some(v) = lower.strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap_or(0);
                    }
                    if lower.starts_with("authorization:") {
                        auth = Some(line["authorization:".len()..].trim().to_owned());
                    }
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).await.unwrap();
                let _ = tx.send((auth, serde_json::from_slice(&body).unwrap_or(Value::Null)));
                let answer = format!(
                    "HTTP/1.1 {status} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                );
                let _ = reader.get_mut().write_all(answer.as_bytes()).await;
            });
        }
    });
    (url, rx)
}

#[tokio::test]
async fn the_webhook_transport_posts_the_code_that_then_completes_the_payment() {
    use obp_api::payments::settings::ScaTransport;
    let (url, mut posted) = webhook_receiver(200).await;
    let w = world_with(|s| {
        s.sca_transport = ScaTransport::Webhook;
        s.payments.webhook_url = url.clone();
        s.payments.webhook_secret = obp_api::config::Secret::new("hook-secret");
    })
    .await;
    let res = w.pay("SANDBOX_TAN", to_bob("1000.00")).await;
    res.assert_status(201);
    let tr_id = res.body["id"].as_str().unwrap();
    let ch_id = &obp_tests::challenge_id(&res.body);
    let (auth, body) = posted.recv().await.unwrap();
    assert_eq!(auth.as_deref(), Some("Bearer hook-secret"));
    assert_eq!(body["challenge_id"], ch_id.as_str());
    assert_eq!(body["transaction_request_id"], tr_id);
    assert_eq!(body["user_id"], w.alice.user_id.as_str());
    assert_eq!(body["email"], "alice@example.com");
    let code = body["code"].as_str().unwrap();
    assert_eq!(code.len(), 6);
    assert!(body["message"].as_str().unwrap().contains(code));
    let done = w.answer("SANDBOX_TAN", tr_id, ch_id, code).await;
    done.assert_status(202);
    assert_eq!(done.body["status"], "COMPLETED");
    assert_eq!(w.balance("bob-acc").await, "1000.00");
    w.verify_ledger().await;
}

#[tokio::test]
async fn a_webhook_that_refuses_the_code_fails_the_request_and_moves_nothing() {
    use obp_api::payments::settings::ScaTransport;
    let (url, _posted) = webhook_receiver(500).await;
    let w = world_with(|s| {
        s.sca_transport = ScaTransport::Webhook;
        s.payments.webhook_url = url.clone();
    })
    .await;
    w.pay("SANDBOX_TAN", to_bob("1000.00"))
        .await
        .assert_obp_error(502, "OBP-40053");
    assert_eq!(w.balance("alice-acc").await, "2000.00");
    assert_eq!(w.balance("bob-acc").await, "0.00");
    w.verify_ledger().await;
}

/// A minimal SMTP relay that accepts one message per session and hands over its DATA.
async fn smtp_relay() -> (
    String,
    tokio::sync::mpsc::UnboundedReceiver<(String, String)>,
) {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap().to_string();
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let tx = tx.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 test relay\r\n").await.unwrap();
                let (mut rcpt, mut data, mut in_data) = (String::new(), String::new(), false);
                while let Ok(Some(line)) = lines.next_line().await {
                    if in_data {
                        if line == "." {
                            in_data = false;
                            write.write_all(b"250 queued\r\n").await.unwrap();
                            let _ = tx.send((rcpt.clone(), data.clone()));
                        } else {
                            data.push_str(&line);
                            data.push('\n');
                        }
                        continue;
                    }
                    let reply: &[u8] = if line.starts_with("EHLO") {
                        b"250-test relay\r\n250 OK\r\n"
                    } else if let Some(to) = line.strip_prefix("RCPT TO:") {
                        rcpt = to.trim_matches(['<', '>']).to_owned();
                        b"250 OK\r\n"
                    } else if line == "DATA" {
                        in_data = true;
                        b"354 go ahead\r\n"
                    } else if line == "QUIT" {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        return;
                    } else {
                        b"250 OK\r\n"
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (address, rx)
}

#[tokio::test]
async fn the_smtp_transport_mails_the_code_that_then_completes_the_payment() {
    use obp_api::payments::settings::ScaTransport;
    let (address, mut mails) = smtp_relay().await;
    let w = world_with(|s| {
        s.sca_transport = ScaTransport::Smtp;
        s.payments.smtp.address = address.clone();
    })
    .await;
    let res = w.pay("SANDBOX_TAN", to_bob("1000.00")).await;
    res.assert_status(201);
    let tr_id = res.body["id"].as_str().unwrap();
    let ch_id = &obp_tests::challenge_id(&res.body);
    let (to, data) = mails.recv().await.unwrap();
    assert_eq!(to, "alice@example.com");
    assert!(data.contains("Subject: Your confirmation code"), "{data}");
    // "... transaction request <uuid> is <code>. ..." (the uuid may hold digit runs too).
    let code: String = data
        .split(" is ")
        .nth(1)
        .unwrap()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert_eq!(code.len(), 6, "{data}");
    // A wrong code counts; the mailed one completes the payment.
    w.answer("SANDBOX_TAN", tr_id, ch_id, "999999x")
        .await
        .assert_obp_error(400, "OBP-40016");
    let done = w.answer("SANDBOX_TAN", tr_id, ch_id, &code).await;
    done.assert_status(202);
    assert_eq!(done.body["status"], "COMPLETED");
    assert_eq!(w.balance("bob-acc").await, "1000.00");
    w.verify_ledger().await;
}

#[tokio::test]
async fn an_unreachable_smtp_relay_fails_the_request_and_moves_nothing() {
    use obp_api::payments::settings::ScaTransport;
    // A port nothing listens on: bind, note it, close.
    let address = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().to_string()
    };
    let w = world_with(|s| {
        s.sca_transport = ScaTransport::Smtp;
        s.payments.smtp.address = address.clone();
    })
    .await;
    w.pay("SANDBOX_TAN", to_bob("1000.00"))
        .await
        .assert_obp_error(502, "OBP-40053");
    assert_eq!(w.balance("alice-acc").await, "2000.00");
    w.verify_ledger().await;
}

#[tokio::test]
async fn a_request_over_the_payment_limit_is_refused_and_nothing_is_written() {
    // OBP's getPaymentLimit (`transactionRequests_payment_limit`): the amount may reach the
    // limit, never pass it; the same number in every currency.
    let w = world_with(|s| s.payments.payment_limit = "500".parse().unwrap()).await;
    let res = w.pay("SANDBOX_TAN", to_bob("500.01")).await;
    res.assert_obp_error(400, "OBP-10035");
    assert!(
        res.body["message"]
            .as_str()
            .unwrap()
            .contains("over the payment limit (500.00 EUR)"),
        "{}",
        res.body
    );
    assert_eq!(w.balance("alice-acc").await, "2000.00");
    let listed = w
        .app
        .get_as(
            &format!("/obp/v4.0.0/banks/{BANK}/accounts/alice-acc/owner/transaction-requests"),
            &w.alice.token,
        )
        .await;
    listed.assert_status(200);
    assert_eq!(listed.body["transaction_requests_with_charges"], json!([]));
    let res = w.pay("SANDBOX_TAN", to_bob("500.00")).await;
    res.assert_status(201);
    assert_eq!(res.body["status"], "COMPLETED");
    w.verify_ledger().await;
}

#[tokio::test]
async fn a_payment_limit_that_is_not_positive_is_refused_at_start_up() {
    let mut s = obp_api::config::Settings::default();
    s.payments.payment_limit = "0".parse().unwrap();
    assert!(s.payments.rules().unwrap_err().contains("payment_limit"));
}
