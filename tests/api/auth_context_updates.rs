//! A user adds a pair to their own auth context with SCA (OBP v5.0.0
//! `createUserAuthContextUpdateRequest` and `answerUserAuthContextUpdateChallenge`):
//! `POST /banks/BANK_ID/users/current/auth-context-updates/{SMS|EMAIL}` names a customer
//! number of the bank, the code goes to that customer's contact, and the right answer stores
//! the pair and links the user to the customer.

use obp_tests::{Persona, RequestBody, TestApp, TestResponse};
use reqwest::Method;
use serde_json::{json, Value};

const BANK: &str = "acu.bank";
const NUMBER: &str = "78987432";
const EMAIL: &str = "eveline@example.com";
const MOBILE: &str = "+44 07972 444 876";

struct World {
    app: TestApp,
    /// Holds CanGetScaOutbox, CanGetUserAuthContext and CanGetCustomer at the bank.
    banker: Persona,
    alice: Persona,
    customer_id: String,
}

async fn world() -> World {
    let app = TestApp::spawn().await;
    let banker = app.create_bank(BANK).await;
    for (role, bank) in [
        ("CanGetScaOutbox", ""),
        ("CanGetUserAuthContext", ""),
        ("CanCreateCustomer", BANK),
        ("CanGetCustomer", BANK),
    ] {
        app.grant(&banker.user_id, role, bank).await;
    }
    let created = app
        .post_as(
            &format!("/obp/v5.1.0/banks/{BANK}/customers"),
            &banker.token,
            json!({
                "legal_name": "Eveline Tripman",
                "customer_number": NUMBER,
                "mobile_phone_number": MOBILE,
                "email": EMAIL,
                "date_of_birth": "2018-03-09T00:00:00Z",
                "credit_rating": {"rating": "OBP", "source": "OBP"},
                "credit_limit": {"currency": "EUR", "amount": "1000.50"},
                "kyc_status": true
            }),
        )
        .await;
    created.assert_status(201);
    let customer_id = created.body["customer_id"].as_str().unwrap().to_owned();
    let alice = app.user_with_roles("acu-alice", &[]).await;
    World {
        app,
        banker,
        alice,
        customer_id,
    }
}

impl World {
    async fn request(&self, who: &Persona, method: &str, body: Value) -> TestResponse {
        self.app
            .post_as(
                &format!("/obp/v5.0.0/banks/{BANK}/users/current/auth-context-updates/{method}"),
                &who.token,
                body,
            )
            .await
    }

    async fn answer(&self, who: &Persona, id: &str, answer: &str) -> TestResponse {
        self.app
            .post_as(
                &format!(
                    "/obp/v5.0.0/banks/{BANK}/users/current/auth-context-updates/{id}/challenge"
                ),
                &who.token,
                json!({ "answer": answer }),
            )
            .await
    }

    /// Alice's update request for the customer number, INITIATED; its id.
    async fn initiated(&self, method: &str) -> String {
        let res = self
            .request(
                &self.alice,
                method,
                json!({"key": "CUSTOMER_NUMBER", "value": NUMBER}),
            )
            .await;
        res.assert_status(201);
        assert_eq!(res.body["status"], "INITIATED", "{}", res.text);
        res.body["user_auth_context_update_id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// The newest outbox message to alice.
    async fn latest_message(&self) -> Value {
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
        res.body["messages"][0].clone()
    }

    async fn latest_code(&self) -> String {
        self.latest_message().await["code"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// A code that is not the right one.
    async fn wrong_code(&self) -> String {
        let right: u32 = self.latest_code().await.parse().unwrap();
        format!("{:06}", (right + 1) % 1_000_000)
    }

    async fn alice_pairs(&self) -> Vec<Value> {
        let res = self
            .app
            .get_as(
                &format!("/obp/v5.1.0/users/{}/auth-context", self.alice.user_id),
                &self.banker.token,
            )
            .await;
        res.assert_status(200);
        res.body["user_auth_contexts"].as_array().unwrap().clone()
    }

    async fn alice_customer_ids(&self) -> Vec<String> {
        let res = self
            .app
            .get_as("/obp/v5.1.0/users/current/customers", &self.alice.token)
            .await;
        res.assert_status(200);
        res.body["customers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["customer_id"].as_str().unwrap().to_owned())
            .collect()
    }

    async fn count(&self, table: &str) -> i64 {
        use sea_orm::{ConnectionTrait, Statement};
        let conn = self.app.state.store.raw_connection();
        let row = conn
            .query_one(Statement::from_string(
                conn.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get::<i64>("", "n").unwrap()
    }
}

#[tokio::test]
async fn the_right_answer_adds_the_pair_and_links_the_customer() {
    let w = world().await;
    let res = w
        .request(
            &w.alice,
            "EMAIL",
            json!({"key": " CUSTOMER_NUMBER ", "value": format!(" {NUMBER} ")}),
        )
        .await;
    res.assert_status(201);
    let body = res.body.clone();
    let id = body["user_auth_context_update_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(!id.is_empty());
    assert_eq!(body["user_id"], json!(w.alice.user_id));
    assert_eq!(body["key"], "CUSTOMER_NUMBER");
    assert_eq!(body["value"], NUMBER);
    assert_eq!(body["status"], "INITIATED");
    assert!(!body["consumer_id"].as_str().unwrap().is_empty());
    // OBP's shape, never the code.
    assert_eq!(body.as_object().unwrap().len(), 6, "{body}");

    // EMAIL: the code went to the customer's e-mail address, and it is in no response.
    let message = w.latest_message().await;
    assert_eq!(message["recipient"], EMAIL);
    let code = message["code"].as_str().unwrap().to_owned();
    assert!(!res.text.contains(&code));
    // Nothing is added before the answer.
    assert!(w.alice_pairs().await.is_empty());
    assert!(w.alice_customer_ids().await.is_empty());

    let answered = w.answer(&w.alice, &id, &code).await;
    answered.assert_status(200);
    assert_eq!(answered.body["status"], "ACCEPTED", "{}", answered.text);
    assert_eq!(answered.body["user_auth_context_update_id"], json!(id));
    assert_eq!(answered.body["value"], NUMBER);

    let pairs = w.alice_pairs().await;
    assert_eq!(pairs.len(), 1, "{pairs:?}");
    assert_eq!(pairs[0]["key"], "CUSTOMER_NUMBER");
    assert_eq!(pairs[0]["value"], NUMBER);
    assert_eq!(pairs[0]["consumer_id"], body["consumer_id"]);
    assert_eq!(w.alice_customer_ids().await, vec![w.customer_id.clone()]);

    // The code is spent and the request no longer waits for an answer: nothing more added.
    assert_eq!(w.latest_code().await, "");
    w.answer(&w.alice, &id, &code)
        .await
        .assert_obp_error(400, "OBP-40016");
    assert_eq!(w.alice_pairs().await.len(), 1);

    // A second request for the same customer adds a second pair (as OBP), the link stays one.
    let second = w.initiated("SMS").await;
    let code = w.latest_code().await;
    w.answer(&w.alice, &second, &code).await.assert_status(200);
    assert_eq!(w.alice_pairs().await.len(), 2);
    assert_eq!(w.alice_customer_ids().await, vec![w.customer_id.clone()]);
}

#[tokio::test]
async fn sms_sends_the_code_to_the_customers_mobile_number() {
    let w = world().await;
    w.initiated("SMS").await;
    let message = w.latest_message().await;
    assert_eq!(message["recipient"], MOBILE);
    assert_eq!(message["code"].as_str().unwrap().len(), 6);
}

#[tokio::test]
async fn wrong_answers_count_down_and_the_last_one_rejects() {
    let w = world().await;
    let id = w.initiated("EMAIL").await;
    let wrong = w.wrong_code().await;

    let first = w.answer(&w.alice, &id, &wrong).await;
    first.assert_obp_error(400, "OBP-40016");
    assert!(
        first.message().contains("Attempts left: 2"),
        "{}",
        first.text
    );
    let second = w.answer(&w.alice, &id, &wrong).await;
    second.assert_obp_error(400, "OBP-40016");
    assert!(
        second.message().contains("Attempts left: 1"),
        "{}",
        second.text
    );
    let last = w.answer(&w.alice, &id, &wrong).await;
    last.assert_obp_error(400, "OBP-40016");
    assert!(last.message().contains("Attempts left: 0"), "{}", last.text);

    // REJECTED for good: even the right code no longer counts, and it was forgotten.
    assert_eq!(w.latest_code().await, "");
    let after = w.answer(&w.alice, &id, "000000").await;
    after.assert_obp_error(400, "OBP-40016");
    assert!(after.message().contains("REJECTED"), "{}", after.text);
    assert!(w.alice_pairs().await.is_empty());
    assert!(w.alice_customer_ids().await.is_empty());
}

#[tokio::test]
async fn a_wrong_answer_then_the_right_one_is_accepted() {
    let w = world().await;
    let id = w.initiated("EMAIL").await;
    let wrong = w.wrong_code().await;
    w.answer(&w.alice, &id, &wrong)
        .await
        .assert_obp_error(400, "OBP-40016");
    let code = w.latest_code().await;
    let ok = w.answer(&w.alice, &id, &code).await;
    ok.assert_status(200);
    assert_eq!(ok.body["status"], "ACCEPTED");
    assert_eq!(w.alice_pairs().await.len(), 1);
}

#[tokio::test]
async fn only_the_requesting_user_may_answer() {
    let w = world().await;
    let id = w.initiated("EMAIL").await;
    let code = w.latest_code().await;
    let mallory = w.app.user_with_roles("acu-mallory", &[]).await;
    w.answer(&mallory, &id, &code)
        .await
        .assert_obp_error(400, "OBP-30057");
    // Nothing was spent: alice still answers with the same code.
    assert!(w.alice_pairs().await.is_empty());
    w.answer(&w.alice, &id, &code).await.assert_status(200);
    // Mallory got nothing.
    let res = w
        .app
        .get_as(
            &format!("/obp/v5.1.0/users/{}/auth-context", mallory.user_id),
            &w.banker.token,
        )
        .await;
    assert_eq!(res.body["user_auth_contexts"], json!([]));
}

#[tokio::test]
async fn unknown_requests_and_banks_are_refused() {
    let w = world().await;
    w.answer(&w.alice, "no-such-update", "123456")
        .await
        .assert_obp_error(400, "OBP-30057");
    // A request made at one bank is not found through another.
    let id = w.initiated("EMAIL").await;
    w.app.create_bank("acu.other").await;
    w.app
        .post_as(
            &format!(
                "/obp/v5.0.0/banks/acu.other/users/current/auth-context-updates/{id}/challenge"
            ),
            &w.alice.token,
            json!({"answer": "123456"}),
        )
        .await
        .assert_obp_error(400, "OBP-30057");
    w.app
        .post_as(
            "/obp/v5.0.0/banks/no.such.bank/users/current/auth-context-updates/EMAIL",
            &w.alice.token,
            json!({"key": "CUSTOMER_NUMBER", "value": NUMBER}),
        )
        .await
        .assert_obp_error(404, "OBP-30001");
    w.app
        .post_as(
            &format!(
                "/obp/v5.0.0/banks/no.such.bank/users/current/auth-context-updates/{id}/challenge"
            ),
            &w.alice.token,
            json!({"answer": "123456"}),
        )
        .await
        .assert_obp_error(404, "OBP-30001");
}

#[tokio::test]
async fn bad_requests_are_refused_and_nothing_is_written() {
    let w = world().await;
    let ok = json!({"key": "CUSTOMER_NUMBER", "value": NUMBER});
    // Unsupported SCA methods, as OBP spells them (case matters).
    for method in ["IMPLICIT", "DUMMY", "sms", "email"] {
        w.request(&w.alice, method, ok.clone())
            .await
            .assert_obp_error(400, "OBP-35034");
    }
    // Only CUSTOMER_NUMBER, as OBP's sandbox.
    w.request(
        &w.alice,
        "EMAIL",
        json!({"key": "BANK_USER", "value": "alice@core"}),
    )
    .await
    .assert_obp_error(400, "OBP-30088");
    // No such customer at the bank.
    w.request(
        &w.alice,
        "EMAIL",
        json!({"key": "CUSTOMER_NUMBER", "value": "999"}),
    )
    .await
    .assert_obp_error(404, "OBP-30002");
    let cases: Vec<(Value, &str)> = vec![
        (json!({"key": "CUSTOMER_NUMBER"}), "OBP-10001"),
        (json!({"value": NUMBER}), "OBP-10001"),
        (json!({"key": 1, "value": NUMBER}), "OBP-10001"),
        (json!([]), "OBP-10001"),
        (json!({"key": "  ", "value": NUMBER}), "OBP-10001"),
        (
            json!({"key": "CUSTOMER_NUMBER", "value": "1\r\nX: y"}),
            "OBP-10001",
        ),
        (
            json!({"key": "CUSTOMER_NUMBER", "value": "1".repeat(4001)}),
            "OBP-20010",
        ),
    ];
    for (body, code) in cases {
        w.request(&w.alice, "EMAIL", body)
            .await
            .assert_obp_error(400, code);
    }
    let auth = format!("token={}", w.alice.token);
    w.app
        .request(
            Method::POST,
            &format!("/obp/v5.0.0/banks/{BANK}/users/current/auth-context-updates/EMAIL"),
            Some(RequestBody::Raw {
                content_type: Some("application/json"),
                body: b"{\"key\": ".to_vec(),
            }),
            &[("DirectLogin", auth.as_str())],
        )
        .await
        .assert_obp_error(400, "OBP-10001");
    assert_eq!(w.count("user_auth_context_update").await, 0);
    assert_eq!(w.count("challenge").await, 0);

    // A bad answer body.
    let id = w.initiated("EMAIL").await;
    for body in [json!({}), json!({"answer": 1}), json!([])] {
        w.app
            .post_as(
                &format!(
                    "/obp/v5.0.0/banks/{BANK}/users/current/auth-context-updates/{id}/challenge"
                ),
                &w.alice.token,
                body,
            )
            .await
            .assert_obp_error(400, "OBP-10001");
    }
    // None of them counted as an attempt.
    let code = w.latest_code().await;
    w.answer(&w.alice, &id, &code).await.assert_status(200);
}

#[tokio::test]
async fn both_operations_need_a_login() {
    let w = world().await;
    w.app
        .post_json(
            &format!("/obp/v5.0.0/banks/{BANK}/users/current/auth-context-updates/EMAIL"),
            json!({"key": "CUSTOMER_NUMBER", "value": NUMBER}),
        )
        .await
        .assert_obp_error(401, "OBP-20001");
    w.app
        .post_json(
            &format!("/obp/v5.0.0/banks/{BANK}/users/current/auth-context-updates/x/challenge"),
            json!({"answer": "1"}),
        )
        .await
        .assert_obp_error(401, "OBP-20001");
    assert_eq!(w.count("user_auth_context_update").await, 0);
}
