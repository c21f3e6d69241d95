//! Cash agents (OBP v5.1.0 `/banks/BANK_ID/agents`) and AGENT_CASH_WITHDRAWAL transaction
//! requests, which pay a confirmed agent's account.

use obp_tests::{Persona, TestApp};
use serde_json::{json, Value};

const BANK: &str = "agents.bank";
const OTHER_BANK: &str = "agents.other";
const POSTED: &str = "2024-01-02T10:00:00Z";

struct World {
    app: TestApp,
    banker: Persona,
    alice: Persona,
    bob: Persona,
    /// Holds `CanUpdateAgentStatusAtOneBank` at BANK.
    manager: Persona,
}

/// Alice holds 100.00 EUR at BANK; Bob has an account but no money.
async fn world() -> World {
    let app = TestApp::spawn().await;
    let banker = app.create_bank(BANK).await;
    app.grant(&banker.user_id, "CanVerifyLedger", "").await;
    let alice = app.user_with_roles("alice", &[]).await;
    let bob = app.user_with_roles("bob", &[]).await;
    let manager = app
        .user_with_roles("manager", &[("CanUpdateAgentStatusAtOneBank", BANK)])
        .await;
    app.create_account(&alice.token, BANK, "alice-acc").await;
    app.create_account(&bob.token, BANK, "bob-acc").await;
    app.fund_account(&banker.token, BANK, "alice-acc", "100.00", POSTED)
        .await;
    World {
        app,
        banker,
        alice,
        bob,
        manager,
    }
}

fn agents_path(bank: &str) -> String {
    format!("/obp/v5.1.0/banks/{bank}/agents")
}

fn agent_body(number: &str, currency: &str) -> Value {
    json!({"legal_name": "Corner Shop Ltd", "mobile_phone_number": "+44 7700 900123",
        "agent_number": number, "currency": currency})
}

fn withdraw_path(account: &str) -> String {
    format!("/obp/v4.0.0/banks/{BANK}/accounts/{account}/owner/transaction-request-types/AGENT_CASH_WITHDRAWAL/transaction-requests")
}

fn withdraw_body(bank: &str, number: &str, amount: &str) -> Value {
    json!({"to": {"bank_id": bank, "agent_number": number},
        "value": {"currency": "EUR", "amount": amount},
        "description": "cash", "charge_policy": "SHARED"})
}

impl World {
    /// Creates agent `number` at BANK as Bob; returns its AGENT_ID.
    async fn agent(&self, number: &str, currency: &str) -> String {
        let res = self
            .app
            .post_as(
                &agents_path(BANK),
                &self.bob.token,
                agent_body(number, currency),
            )
            .await;
        res.assert_status(201);
        res.body["agent_id"].as_str().unwrap().to_owned()
    }

    async fn set_status(&self, agent_id: &str, pending: bool, confirmed: bool) {
        self.app
            .put_as(
                &format!("{}/{agent_id}", agents_path(BANK)),
                &self.manager.token,
                json!({"is_pending_agent": pending, "is_confirmed_agent": confirmed}),
            )
            .await
            .assert_status(200);
    }

    async fn balance(&self) -> String {
        let res = self
            .app
            .get_as(
                &format!("/obp/v5.1.0/banks/{BANK}/accounts/alice-acc/owner/account"),
                &self.alice.token,
            )
            .await;
        res.assert_status(200);
        res.body["balance"]["amount"].as_str().unwrap().to_owned()
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

#[tokio::test]
async fn an_agent_is_made_pending_and_listed_once_the_bank_confirms_it() {
    let w = world().await;
    let res = w
        .app
        .post_as(&agents_path(BANK), &w.bob.token, agent_body("A-1", "EUR"))
        .await;
    res.assert_status(201);
    let id = res.body["agent_id"].as_str().unwrap().to_owned();
    assert_eq!(
        res.body,
        json!({"agent_id": id, "bank_id": BANK, "legal_name": "Corner Shop Ltd",
            "mobile_phone_number": "+44 7700 900123", "agent_number": "A-1",
            "currency": "EUR", "is_confirmed_agent": false, "is_pending_agent": true})
    );
    let one = format!("{}/{id}", agents_path(BANK));
    let got = w.app.get_as(&one, &w.alice.token).await;
    got.assert_status(200);
    assert_eq!(got.body, res.body);

    // Not listed until confirmed; the list is public.
    let list = w.app.get(&agents_path(BANK)).await;
    list.assert_status(200);
    assert_eq!(list.body, json!({"agents": []}));

    let put = w
        .app
        .put_as(
            &one,
            &w.manager.token,
            json!({"is_pending_agent": false, "is_confirmed_agent": true}),
        )
        .await;
    put.assert_status(200);
    assert_eq!(put.body["is_confirmed_agent"], true);
    assert_eq!(put.body["is_pending_agent"], false);
    assert_eq!(put.body["currency"], "EUR");

    w.agent("A-0", "EUR").await;
    let list = w.app.get(&agents_path(BANK)).await;
    list.assert_status(200);
    assert_eq!(
        list.body,
        json!({"agents": [{"agent_id": id, "legal_name": "Corner Shop Ltd", "agent_number": "A-1"}]})
    );
    // Paging and bad paging parameters.
    let c = w.agent("A-2", "EUR").await;
    w.set_status(&c, false, true).await;
    let page = w
        .app
        .get(&format!(
            "{}?limit=1&sort_direction=DESC",
            agents_path(BANK)
        ))
        .await;
    page.assert_status(200);
    assert_eq!(page.body["agents"][0]["agent_number"], "A-2");
    assert_eq!(page.body["agents"].as_array().unwrap().len(), 1);
    w.app
        .get(&format!("{}?limit=0", agents_path(BANK)))
        .await
        .assert_obp_error(400, "OBP-10025");
    w.app
        .get(&format!("{}?sort_direction=up", agents_path(BANK)))
        .await
        .assert_obp_error(400, "OBP-10023");
    w.app
        .get(&agents_path("no-such-bank"))
        .await
        .assert_obp_error(404, "OBP-30001");
}

#[tokio::test]
async fn agent_numbers_are_unique_per_bank_and_bad_bodies_write_nothing() {
    let w = world().await;
    w.app
        .post_as(
            &agents_path(OTHER_BANK),
            &w.bob.token,
            agent_body("N", "EUR"),
        )
        .await
        .assert_obp_error(404, "OBP-30001");
    w.agent("N-1", "EUR").await;
    let res = w
        .app
        .post_as(&agents_path(BANK), &w.alice.token, agent_body("N-1", "GBP"))
        .await;
    res.assert_obp_error(400, "OBP-30328");
    assert!(res.message().contains("agent_number(N-1)"), "{}", res.text);
    for (body, code) in [
        (agent_body("N-2", "EURO"), "OBP-20010"),
        (agent_body("N-2", "XYZ"), "OBP-10003"),
        (agent_body("N-2", "eur"), "OBP-10003"),
        (agent_body("", "EUR"), "OBP-10001"),
        (agent_body("   ", "EUR"), "OBP-10001"),
        (
            json!({"legal_name": "X", "agent_number": "N-2", "currency": "EUR"}),
            "OBP-10001",
        ),
        (
            json!({"legal_name": 7, "mobile_phone_number": "1", "agent_number": "N-2", "currency": "EUR"}),
            "OBP-10001",
        ),
        (
            json!({"legal_name": "Bad\u{0007}", "mobile_phone_number": "1", "agent_number": "N-2", "currency": "EUR"}),
            "OBP-10001",
        ),
        (agent_body(&"9".repeat(51), "EUR"), "OBP-20010"),
        (json!([]), "OBP-10001"),
    ] {
        w.app
            .post_as(&agents_path(BANK), &w.alice.token, body.clone())
            .await
            .assert_obp_error(400, code);
    }
    // None of them made an agent: N-2 is still free.
    w.agent("N-2", "EUR").await;
}

#[tokio::test]
async fn only_the_banks_agent_managers_set_an_agents_status() {
    let w = world().await;
    let id = w.agent("S-1", "EUR").await;
    let one = format!("{}/{id}", agents_path(BANK));
    let body = json!({"is_pending_agent": false, "is_confirmed_agent": true});
    w.app
        .request(
            reqwest::Method::PUT,
            &one,
            Some(obp_tests::RequestBody::Json(body.clone())),
            &[],
        )
        .await
        .assert_obp_error(401, "OBP-20001");
    // The agent's creator and other users without the role.
    w.app
        .put_as(&one, &w.bob.token, body.clone())
        .await
        .assert_obp_error(403, "OBP-20006");
    // The role at another bank: no use here, and that bank does not find this agent.
    w.app.create_bank(OTHER_BANK).await;
    let elsewhere = w
        .app
        .user_with_roles(
            "elsewhere",
            &[("CanUpdateAgentStatusAtOneBank", OTHER_BANK)],
        )
        .await;
    w.app
        .put_as(&one, &elsewhere.token, body.clone())
        .await
        .assert_obp_error(403, "OBP-20006");
    w.app
        .put_as(
            &format!("{}/{id}", agents_path(OTHER_BANK)),
            &elsewhere.token,
            body.clone(),
        )
        .await
        .assert_obp_error(400, "OBP-30201");
    w.app
        .get_as(&format!("{}/{id}", agents_path(OTHER_BANK)), &w.bob.token)
        .await
        .assert_obp_error(400, "OBP-30201");
    // Malformed status bodies and unknown agents.
    w.app
        .put_as(&one, &w.manager.token, json!({"is_pending_agent": "no"}))
        .await
        .assert_obp_error(400, "OBP-10001");
    w.app
        .put_as(
            &format!("{}/no-such-agent", agents_path(BANK)),
            &w.manager.token,
            body.clone(),
        )
        .await
        .assert_obp_error(400, "OBP-30201");
    let got = w.app.get_as(&one, &w.bob.token).await;
    assert_eq!(got.body["is_confirmed_agent"], false);
    assert_eq!(got.body["is_pending_agent"], true);
    // Any bank's manager.
    let global = w
        .app
        .user_with_roles("global", &[("CanUpdateAgentStatusAtAnyBank", "")])
        .await;
    w.app
        .put_as(&one, &global.token, body)
        .await
        .assert_status(200);
    // Reading one agent needs a login.
    w.app.get(&one).await.assert_obp_error(401, "OBP-20001");
}

#[tokio::test]
async fn a_cash_withdrawal_pays_only_a_confirmed_agent() {
    let w = world().await;
    let id = w.agent("C-1", "EUR").await;
    let path = withdraw_path("alice-acc");
    // Pending and unconfirmed, then confirmed but still pending: refused, nothing booked.
    w.app
        .post_as(&path, &w.alice.token, withdraw_body(BANK, "C-1", "10.00"))
        .await
        .assert_obp_error(400, "OBP-30330");
    w.set_status(&id, true, true).await;
    w.app
        .post_as(&path, &w.alice.token, withdraw_body(BANK, "C-1", "10.00"))
        .await
        .assert_obp_error(400, "OBP-30330");
    w.app
        .post_as(&path, &w.alice.token, withdraw_body(BANK, "C-404", "10.00"))
        .await
        .assert_obp_error(400, "OBP-30201");
    w.app
        .post_as(
            &path,
            &w.alice.token,
            withdraw_body("no-such-bank", "C-1", "10.00"),
        )
        .await
        .assert_obp_error(400, "OBP-30201");
    w.app
        .post_as(&path, &w.alice.token, withdraw_body("a b", "C-1", "10.00"))
        .await
        .assert_obp_error(400, "OBP-30201");
    assert_eq!(w.balance().await, "100.00");

    w.set_status(&id, false, true).await;
    let res = w
        .app
        .post_as(&path, &w.alice.token, withdraw_body(BANK, "C-1", "10.00"))
        .await;
    res.assert_status(201);
    assert_eq!(res.body["type"], "AGENT_CASH_WITHDRAWAL");
    assert_eq!(res.body["status"], "COMPLETED");
    assert_eq!(
        res.body["details"],
        json!({"to_agent": {"bank_id": BANK, "agent_number": "C-1"},
            "value": {"currency": "EUR", "amount": "10.00"}, "description": "cash"})
    );
    assert_eq!(w.balance().await, "90.00");
    // The payer's transaction shows the agent's account as the other side.
    let tx = w
        .app
        .get_as(
            &format!("/obp/v5.1.0/banks/{BANK}/accounts/alice-acc/owner/transactions"),
            &w.alice.token,
        )
        .await;
    tx.assert_status(200);
    let last = &tx.body["transactions"][0];
    assert_eq!(last["details"]["value"]["amount"], "-10.00", "{}", tx.text);
    assert_eq!(last["other_account"]["holder"]["name"], "Corner Shop Ltd");
    // The request reads back in the same shape.
    let read = w
        .app
        .get_as(
            &format!(
                "/obp/v4.0.0/banks/{BANK}/accounts/alice-acc/owner/transaction-requests/{}",
                res.body["id"].as_str().unwrap()
            ),
            &w.alice.token,
        )
        .await;
    read.assert_status(200);
    assert_eq!(read.body["details"], res.body["details"]);
    w.verify_ledger().await;
}

#[tokio::test]
async fn a_cash_withdrawal_is_refused_for_bad_input_and_strangers() {
    let w = world().await;
    let id = w.agent("D-1", "EUR").await;
    w.set_status(&id, false, true).await;
    let usd = w.agent("D-2", "USD").await;
    w.set_status(&usd, false, true).await;
    let path = withdraw_path("alice-acc");
    w.app
        .post_json(&path, withdraw_body(BANK, "D-1", "1.00"))
        .await
        .assert_obp_error(401, "OBP-20001");
    // Bob holds no view of Alice's account; Bob paying from his own empty account is
    // refused for its funds.
    w.app
        .post_as(&path, &w.bob.token, withdraw_body(BANK, "D-1", "1.00"))
        .await
        .assert_obp_error(400, "OBP-40002");
    w.app
        .post_as(
            &withdraw_path("bob-acc"),
            &w.bob.token,
            withdraw_body(BANK, "D-1", "1.00"),
        )
        .await
        .assert_obp_error(400, "OBP-40051");
    // The agent's account holds another currency.
    w.app
        .post_as(&path, &w.alice.token, withdraw_body(BANK, "D-2", "1.00"))
        .await
        .assert_obp_error(400, "OBP-40003");
    // Malformed bodies.
    w.app
        .post_as(
            &path,
            &w.alice.token,
            json!({"value": {"currency": "EUR", "amount": "1"}, "description": "x"}),
        )
        .await
        .assert_obp_error(400, "OBP-10001");
    w.app
        .post_as(&path, &w.alice.token, json!({"to": {"bank_id": BANK}, "value": {"currency": "EUR", "amount": "1"}, "description": "x"}))
        .await
        .assert_obp_error(400, "OBP-10001");
    w.app
        .post_as(&path, &w.alice.token, withdraw_body(BANK, "D-1", "-5"))
        .await
        .assert_obp_error(400, "OBP-40008");
    w.app
        .post_as(&path, &w.alice.token, withdraw_body(BANK, "D-1", "500.00"))
        .await
        .assert_obp_error(400, "OBP-40051");
    assert_eq!(w.balance().await, "100.00");
    w.verify_ledger().await;
}

#[tokio::test]
async fn agents_and_customers_share_the_banks_numbers() {
    let w = world().await;
    let clerk = w
        .app
        .user_with_roles("clerk", &[("CanCreateCustomer", BANK)])
        .await;
    let customer = |number: &str| {
        json!({"legal_name": "Eveline Tripman", "customer_number": number,
            "mobile_phone_number": "+44 07972 444 876", "email": "eveline@example.com",
            "date_of_birth": "2018-03-09T00:00:00Z",
            "credit_rating": {"rating": "OBP", "source": "OBP"},
            "credit_limit": {"currency": "EUR", "amount": "1000.50"}, "kyc_status": true})
    };
    let customers = format!("/obp/v5.1.0/banks/{BANK}/customers");
    w.app
        .post_as(&customers, &clerk.token, customer("777"))
        .await
        .assert_status(201);
    w.app
        .post_as(&agents_path(BANK), &w.bob.token, agent_body("777", "EUR"))
        .await
        .assert_obp_error(400, "OBP-30328");
    w.agent("778", "EUR").await;
    w.app
        .post_as(&customers, &clerk.token, customer("778"))
        .await
        .assert_obp_error(400, "OBP-30006");
    // Renumbering a customer onto an agent's number is refused too.
    w.app
        .grant(&clerk.user_id, "CanUpdateCustomerNumber", BANK)
        .await;
    let created = w
        .app
        .post_as(&customers, &clerk.token, customer("779"))
        .await;
    created.assert_status(201);
    let id = created.body["customer_id"].as_str().unwrap();
    w.app
        .put_as(
            &format!("{customers}/{id}/number"),
            &clerk.token,
            json!({"customer_number": "778"}),
        )
        .await
        .assert_obp_error(400, "OBP-30006");
    // Another bank's numbers are its own.
    w.app.create_bank(OTHER_BANK).await;
    w.app
        .post_as(
            &agents_path(OTHER_BANK),
            &w.bob.token,
            agent_body("777", "EUR"),
        )
        .await
        .assert_status(201);
}

#[tokio::test]
async fn an_agent_revoked_while_the_challenge_waits_is_not_paid() {
    let app = TestApp::spawn_with(|s| {
        s.payments.challenge_thresholds.insert(
            "AGENT_CASH_WITHDRAWAL".to_owned(),
            rust_decimal::Decimal::from(50),
        );
        s.sca_transport = obp_api::payments::settings::ScaTransport::Dummy;
    })
    .await;
    let banker = app.create_bank(BANK).await;
    let alice = app.user_with_roles("alice", &[]).await;
    let manager = app
        .user_with_roles("manager", &[("CanUpdateAgentStatusAtOneBank", BANK)])
        .await;
    app.create_account(&alice.token, BANK, "alice-acc").await;
    app.fund_account(&banker.token, BANK, "alice-acc", "100.00", POSTED)
        .await;
    let created = app
        .post_as(&agents_path(BANK), &alice.token, agent_body("R-1", "EUR"))
        .await;
    created.assert_status(201);
    let one = format!(
        "{}/{}",
        agents_path(BANK),
        created.body["agent_id"].as_str().unwrap()
    );
    let status = |pending: bool, confirmed: bool| json!({"is_pending_agent": pending, "is_confirmed_agent": confirmed});
    app.put_as(&one, &manager.token, status(false, true))
        .await
        .assert_status(200);
    let path = withdraw_path("alice-acc");
    let answer = |res: &obp_tests::TestResponse| {
        let tr = res.body["id"].as_str().unwrap().to_owned();
        (
            format!("{path}/{tr}/challenge"),
            json!({"id": obp_tests::challenge_id(&res.body), "answer": "123"}),
        )
    };
    // Revoked after the request was made: the answer does not pay it.
    let res = app
        .post_as(&path, &alice.token, withdraw_body(BANK, "R-1", "60.00"))
        .await;
    res.assert_status(201);
    assert_eq!(res.body["status"], "INITIATED");
    let (answer_path, body) = answer(&res);
    app.put_as(&one, &manager.token, status(true, true))
        .await
        .assert_status(200);
    app.post_as(&answer_path, &alice.token, body)
        .await
        .assert_obp_error(400, "OBP-30330");
    // Confirmed again: a new request is paid once its challenge is answered.
    app.put_as(&one, &manager.token, status(false, true))
        .await
        .assert_status(200);
    let res = app
        .post_as(&path, &alice.token, withdraw_body(BANK, "R-1", "60.00"))
        .await;
    res.assert_status(201);
    let (answer_path, body) = answer(&res);
    let done = app.post_as(&answer_path, &alice.token, body).await;
    done.assert_status(202);
    assert_eq!(done.body["status"], "COMPLETED");
    let acc = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{BANK}/accounts/alice-acc/owner/account"),
            &alice.token,
        )
        .await;
    assert_eq!(acc.body["balance"]["amount"], "40.00");
}
