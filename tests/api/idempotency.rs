//! Idempotency keys of transaction requests (issue #14, items 2 and 3).
//!
//! * A key belongs to its caller (app and user), the paying account and the operation, and
//!   the caller's access is checked before it is looked up: another user of the same app can
//!   neither read a stored answer through it nor poison it.
//! * A key whose first attempt died (its claim has no answer and its lease ran out) is taken
//!   over by a retry, which answers the request if it was made or makes it now — once, even
//!   when retries race. (The SIGKILL version of this is `api/tests/crash.rs`.)

use chrono::{Duration, Utc};
use obp_connectors::store::idempotency::entity as claim;
use obp_tests::{Persona, TestApp, TestResponse, PASSWORD};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};

const BANK: &str = "idem.bank";
const POSTED: &str = "2024-01-02T10:00:00Z";

struct World {
    app: TestApp,
    banker: Persona,
    alice: Persona,
    bob: Persona,
}

/// Alice (2000.00) and Bob (500.00), both logged in through ONE app.
async fn world_with(configure: impl FnOnce(&mut obp_api::config::Settings)) -> World {
    let app = TestApp::spawn_with(|s| {
        // The balances asserted here include the booked charge.
        s.payments.book_charges = true;
        configure(s);
    })
    .await;
    let banker = app.create_bank(BANK).await;
    app.grant(&banker.user_id, "CanGetScaOutbox", "").await;
    let (_, shared_app) = app.create_consumer(true).await;
    let mut people = Vec::new();
    for name in ["alice", "bob"] {
        let user_id = app.create_user(name, PASSWORD).await;
        let token = app.login(name, PASSWORD, &shared_app).await;
        people.push(Persona {
            user_id,
            username: name.to_owned(),
            token,
            consumer_key: shared_app.clone(),
        });
    }
    let bob = people.pop().unwrap();
    let alice = people.pop().unwrap();
    app.create_account(&alice.token, BANK, "alice-acc").await;
    app.create_account(&bob.token, BANK, "bob-acc").await;
    app.fund_account(&banker.token, BANK, "alice-acc", "2000.00", POSTED)
        .await;
    app.fund_account(&banker.token, BANK, "bob-acc", "500.00", POSTED)
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

fn path(account: &str, ty: &str) -> String {
    format!("/obp/v4.0.0/banks/{BANK}/accounts/{account}/owner/transaction-request-types/{ty}/transaction-requests")
}

fn pay(to: &str, amount: &str) -> Value {
    json!({"to": {"bank_id": BANK, "account_id": to},
           "value": {"currency": "EUR", "amount": amount}, "description": "idem"})
}

impl World {
    async fn send(&self, who: &Persona, path: &str, key: &str, body: Value) -> TestResponse {
        let login = format!("token={}", who.token);
        self.app
            .request(
                reqwest::Method::POST,
                path,
                Some(obp_tests::RequestBody::Json(body)),
                &[("DirectLogin", &login), ("Idempotency-Key", key)],
            )
            .await
    }

    async fn balance(&self, account: &str) -> String {
        let owner = if account == "bob-acc" {
            &self.bob
        } else {
            &self.alice
        };
        let res = self
            .app
            .get_as(
                &format!("/obp/v5.1.0/banks/{BANK}/accounts/{account}/owner/account"),
                &owner.token,
            )
            .await;
        res.assert_status(200);
        res.body["balance"]["amount"].as_str().unwrap().to_owned()
    }

    /// The ids of the account's transaction requests.
    async fn requests(&self, account: &str) -> Vec<String> {
        let owner = if account == "bob-acc" {
            &self.bob
        } else {
            &self.alice
        };
        let res = self
            .app
            .get_as(
                &format!("/obp/v5.1.0/banks/{BANK}/accounts/{account}/owner/transaction-requests"),
                &owner.token,
            )
            .await;
        res.assert_status(200);
        res.body["transaction_requests_with_charges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect()
    }

    /// Claims stored for `user_id`.
    async fn claims_of(&self, user_id: &str) -> Vec<claim::Model> {
        claim::Entity::find()
            .filter(claim::Column::UserId.eq(user_id))
            .all(self.app.state.store.raw_connection())
            .await
            .unwrap()
    }

    async fn claim_count(&self) -> u64 {
        claim::Entity::find()
            .count(self.app.state.store.raw_connection())
            .await
            .unwrap()
    }

    async fn verify_ledger(&self) {
        self.app
            .grant(&self.banker.user_id, "CanVerifyLedger", "")
            .await;
        let res = self
            .app
            .get_as("/obp/v5.1.0/management/ledger/verify", &self.banker.token)
            .await;
        res.assert_status(200);
        assert_eq!(res.body["clean"], true, "{}", res.text);
    }
}

#[tokio::test]
async fn another_user_of_the_same_app_cannot_replay_a_key_to_read_the_first_answer() {
    let w = world().await;
    let alices = path("alice-acc", "SANDBOX_TAN");
    // At the threshold: the answer carries the challenge id Alice must answer.
    let first = w
        .send(&w.alice, &alices, "shared-key", pay("bob-acc", "1500.00"))
        .await;
    first.assert_status(201);
    let challenge_id = &obp_tests::challenge_id(&first.body);
    let request_id = first.body["id"].as_str().unwrap();

    // Bob, same app, no view on Alice's account: the same key and body are refused by the
    // access check, before any replay.
    let replay = w
        .send(&w.bob, &alices, "shared-key", pay("bob-acc", "1500.00"))
        .await;
    replay.assert_obp_error(400, "OBP-40002");
    assert_eq!(replay.header("Idempotency-Replayed"), None);
    assert!(!replay.text.contains(challenge_id), "{}", replay.text);
    assert!(!replay.text.contains(request_id), "{}", replay.text);
    // Nothing written for Bob; Alice's request is the only one.
    assert!(w.claims_of(&w.bob.user_id).await.is_empty());
    assert_eq!(w.claim_count().await, 1);
    assert_eq!(w.requests("alice-acc").await, [request_id]);
    assert_eq!(w.balance("alice-acc").await, "2000.00");
}

#[tokio::test]
async fn a_caller_who_may_pay_gets_an_independent_key_not_the_first_callers_answer() {
    let w = world().await;
    w.app
        .grant(&w.bob.user_id, "CanCreateAnyTransactionRequest", BANK)
        .await;
    let alices = path("alice-acc", "SANDBOX_TAN");
    let first = w
        .send(&w.alice, &alices, "k", pay("bob-acc", "10.00"))
        .await;
    first.assert_status(201);
    let second = w.send(&w.bob, &alices, "k", pay("bob-acc", "10.00")).await;
    second.assert_status(201);
    assert_eq!(second.header("Idempotency-Replayed"), None);
    assert_ne!(second.body["id"], first.body["id"]);
    // Both paid: two requests, twice the money.
    assert_eq!(w.requests("alice-acc").await.len(), 2);
    assert_eq!(w.balance("bob-acc").await, "520.00");
    // Each replays their own.
    let again = w.send(&w.bob, &alices, "k", pay("bob-acc", "10.00")).await;
    again.assert_status(201);
    assert_eq!(again.body, second.body);
    assert_eq!(again.header("Idempotency-Replayed"), Some("true"));
    let again = w
        .send(&w.alice, &alices, "k", pay("bob-acc", "10.00"))
        .await;
    assert_eq!(again.body, first.body);
    assert_eq!(w.balance("bob-acc").await, "520.00");
}

#[tokio::test]
async fn another_user_of_the_same_app_cannot_poison_a_key() {
    let w = world().await;
    // Bob tries the key on Alice's account (refused: no claim is written) and uses it on
    // his own account.
    w.send(
        &w.bob,
        &path("alice-acc", "SANDBOX_TAN"),
        "invoice-42",
        pay("bob-acc", "999.00"),
    )
    .await
    .assert_obp_error(400, "OBP-40002");
    assert!(w.claims_of(&w.bob.user_id).await.is_empty());
    w.send(
        &w.bob,
        &path("bob-acc", "SANDBOX_TAN"),
        "invoice-42",
        pay("alice-acc", "1.00"),
    )
    .await
    .assert_status(201);
    // Alice's use of the key is unaffected: a new payment, neither refused nor a replay.
    let mine = w
        .send(
            &w.alice,
            &path("alice-acc", "SANDBOX_TAN"),
            "invoice-42",
            pay("bob-acc", "7.00"),
        )
        .await;
    mine.assert_status(201);
    assert_eq!(mine.header("Idempotency-Replayed"), None);
    assert_eq!(mine.body["from"]["account_id"], "alice-acc");
    assert_eq!(w.balance("alice-acc").await, "1992.00");
    assert_eq!(w.balance("bob-acc").await, "504.00");
    let bobs = w.claims_of(&w.bob.user_id).await;
    assert_eq!(bobs.len(), 1);
    assert_eq!(bobs[0].account_id, "bob-acc");
}

#[tokio::test]
async fn a_key_is_scoped_to_the_account_and_the_operation() {
    let w = world().await;
    w.app.create_account(&w.alice.token, BANK, "alice-2").await;
    w.app
        .fund_account(&w.banker.token, BANK, "alice-2", "100.00", POSTED)
        .await;
    let mut ids = Vec::new();
    for (account, ty) in [
        ("alice-acc", "SANDBOX_TAN"),
        ("alice-acc", "ACCOUNT"),
        ("alice-2", "SANDBOX_TAN"),
    ] {
        let res = w
            .send(&w.alice, &path(account, ty), "same", pay("bob-acc", "1.00"))
            .await;
        res.assert_status(201);
        assert_eq!(res.header("Idempotency-Replayed"), None, "{account} {ty}");
        ids.push(res.body["id"].as_str().unwrap().to_owned());
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 3);
    assert_eq!(w.balance("bob-acc").await, "503.00");
    // The same key and a different body within one scope is still refused.
    w.send(
        &w.alice,
        &path("alice-acc", "ACCOUNT"),
        "same",
        pay("bob-acc", "2.00"),
    )
    .await
    .assert_obp_error(422, "OBP-40050");
    assert_eq!(w.balance("bob-acc").await, "503.00");
}

#[tokio::test]
async fn a_replay_needs_the_access_the_first_request_needed() {
    let w = world().await;
    let grant = |action: &'static str| {
        let w = &w;
        async move {
            w.app
                .post_as(
                    &format!("/obp/v5.1.0/banks/{BANK}/accounts/alice-acc/views/owner/account-access/{action}"),
                    &w.alice.token,
                    json!({"user_id": w.bob.user_id, "view_id": "owner"}),
                )
                .await
                .assert_status(201);
        }
    };
    grant("grant").await;
    let alices = path("alice-acc", "SANDBOX_TAN");
    let first = w.send(&w.bob, &alices, "k", pay("bob-acc", "3.00")).await;
    first.assert_status(201);
    grant("revoke").await;
    let replay = w.send(&w.bob, &alices, "k", pay("bob-acc", "3.00")).await;
    replay.assert_obp_error(400, "OBP-40002");
    assert!(!replay.text.contains(first.body["id"].as_str().unwrap()));
    assert_eq!(w.balance("bob-acc").await, "503.00");
}

/// Writes a claim as an attempt that died would have left it: no answer, the lease ending at
/// `lease_expires_at`, naming `resource_id`. The hash is taken from `like`, a claim of the
/// same request (method, path, body) under another key.
async fn dead_claim(
    w: &World,
    like: &claim::Model,
    key: &str,
    resource_id: &str,
    lease_expires_at: chrono::DateTime<Utc>,
) {
    claim::Entity::insert(claim::ActiveModel {
        consumer_id: Set(like.consumer_id.clone()),
        user_id: Set(like.user_id.clone()),
        bank_id: Set(like.bank_id.clone()),
        account_id: Set(like.account_id.clone()),
        operation: Set(like.operation.clone()),
        idempotency_key: Set(key.to_owned()),
        request_hash: Set(like.request_hash.clone()),
        resource_id: Set(resource_id.to_owned()),
        lease_token: Set(uuid::Uuid::new_v4().to_string()),
        lease_expires_at: Set(lease_expires_at),
        response_status: Set(None),
        response_body: Set(None),
        created_at: Set(Utc::now() - Duration::seconds(60)),
    })
    .exec(w.app.state.store.raw_connection())
    .await
    .unwrap();
}

/// Forgets the answer of the key's claim and ends its lease: as if the attempt died after
/// its work, before storing the answer.
async fn lose_answer(w: &World, key: &str) {
    let res = claim::Entity::update_many()
        .col_expr(
            claim::Column::ResponseStatus,
            sea_orm::sea_query::Expr::value(Option::<i32>::None),
        )
        .col_expr(
            claim::Column::ResponseBody,
            sea_orm::sea_query::Expr::value(Option::<String>::None),
        )
        .col_expr(
            claim::Column::LeaseExpiresAt,
            sea_orm::sea_query::Expr::value(Utc::now() - Duration::seconds(5)),
        )
        .filter(claim::Column::IdempotencyKey.eq(key))
        .exec(w.app.state.store.raw_connection())
        .await
        .unwrap();
    assert_eq!(res.rows_affected, 1);
}

#[tokio::test]
async fn a_retry_after_the_attempt_died_having_booked_answers_the_booked_request() {
    let w = world().await;
    let alices = path("alice-acc", "SANDBOX_TAN");
    let first = w
        .send(&w.alice, &alices, "k", pay("bob-acc", "10.00"))
        .await;
    first.assert_status(201);
    lose_answer(&w, "k").await;
    let retry = w
        .send(&w.alice, &alices, "k", pay("bob-acc", "10.00"))
        .await;
    retry.assert_status(201);
    assert_eq!(retry.header("Idempotency-Replayed"), Some("true"));
    assert_eq!(retry.body["id"], first.body["id"]);
    assert_eq!(retry.body["status"], "COMPLETED");
    assert_eq!(retry.body["transaction_ids"], first.body["transaction_ids"]);
    assert_eq!(w.requests("alice-acc").await.len(), 1);
    assert_eq!(w.balance("bob-acc").await, "510.00");
    // The answer is stored again.
    let claims = w.claims_of(&w.alice.user_id).await;
    assert_eq!(claims[0].response_status, Some(201));
    w.verify_ledger().await;
}

#[tokio::test]
async fn a_retry_after_the_attempt_died_before_booking_books_once_even_when_retries_race() {
    let w = world().await;
    let alices = path("alice-acc", "SANDBOX_TAN");
    let body = pay("bob-acc", "10.00");
    w.send(&w.alice, &alices, "probe", body.clone())
        .await
        .assert_status(201);
    let probe = w.claims_of(&w.alice.user_id).await.pop().unwrap();
    let stranded = uuid::Uuid::new_v4().to_string();
    dead_claim(
        &w,
        &probe,
        "k",
        &stranded,
        Utc::now() - Duration::seconds(5),
    )
    .await;
    let mut retries = Vec::new();
    for _ in 0..8 {
        let request = w
            .app
            .client
            .post(w.app.url(&alices))
            .header("DirectLogin", format!("token={}", w.alice.token))
            .header("Idempotency-Key", "k")
            .json(&body);
        retries.push(tokio::spawn(async move {
            let res = request.send().await.unwrap();
            let status = res.status().as_u16();
            (status, res.json::<Value>().await.unwrap())
        }));
    }
    let mut booked = 0;
    for retry in retries {
        let (status, answer) = retry.await.unwrap();
        match status {
            201 => {
                assert_eq!(answer["id"], stranded.as_str(), "{answer}");
                booked += 1;
            }
            409 => assert!(
                answer["message"].as_str().unwrap().starts_with("OBP-40052"),
                "{answer}"
            ),
            _ => panic!("unexpected answer {status}: {answer}"),
        }
    }
    assert!(booked >= 1);
    let last = w.send(&w.alice, &alices, "k", body.clone()).await;
    last.assert_status(201);
    assert_eq!(last.body["id"], stranded.as_str());
    // The probe and the stranded request: each booked once.
    let mut ids = w.requests("alice-acc").await;
    ids.sort();
    let mut expected = vec![probe.resource_id.clone(), stranded.clone()];
    expected.sort();
    assert_eq!(ids, expected);
    assert_eq!(w.balance("bob-acc").await, "520.00");
    assert_eq!(w.balance("alice-acc").await, "1976.00");
    w.verify_ledger().await;
}

#[tokio::test]
async fn a_claim_answers_in_progress_within_its_lease_and_is_taken_over_after_it() {
    let w = world().await;
    let alices = path("alice-acc", "SANDBOX_TAN");
    let body = pay("bob-acc", "10.00");
    w.send(&w.alice, &alices, "probe", body.clone())
        .await
        .assert_status(201);
    let probe = w.claims_of(&w.alice.user_id).await.pop().unwrap();
    let stranded = uuid::Uuid::new_v4().to_string();
    let until = Utc::now() + Duration::milliseconds(1500);
    dead_claim(&w, &probe, "k", &stranded, until).await;
    w.send(&w.alice, &alices, "k", body.clone())
        .await
        .assert_obp_error(409, "OBP-40052");
    assert_eq!(w.balance("bob-acc").await, "510.00");
    let wait = (until - Utc::now()).to_std().unwrap_or_default();
    tokio::time::sleep(wait + std::time::Duration::from_millis(200)).await;
    let retry = w.send(&w.alice, &alices, "k", body.clone()).await;
    retry.assert_status(201);
    assert_eq!(retry.body["id"], stranded.as_str());
    assert_eq!(w.balance("bob-acc").await, "520.00");
}

#[tokio::test]
async fn a_retry_after_the_attempt_died_before_its_challenges_gets_them() {
    let w = world().await;
    let alices = path("alice-acc", "SANDBOX_TAN");
    let first = w
        .send(&w.alice, &alices, "k", pay("bob-acc", "1500.00"))
        .await;
    first.assert_status(201);
    let request_id = first.body["id"].as_str().unwrap().to_owned();
    // As if the attempt died after storing the request, before making its challenge.
    w.app
        .exec_sql(
            &format!("DELETE FROM challenge WHERE subject_id = '{}'", request_id),
            vec![],
        )
        .await;
    lose_answer(&w, "k").await;
    let retry = w
        .send(&w.alice, &alices, "k", pay("bob-acc", "1500.00"))
        .await;
    retry.assert_status(201);
    assert_eq!(retry.body["id"], request_id.as_str());
    assert_eq!(retry.body["status"], "INITIATED");
    let challenge_id = &obp_tests::challenge_id(&retry.body);
    // The new challenge completes the payment.
    let outbox = w
        .app
        .get_as(
            &format!("/obp/v5.1.0/management/sca-outbox?challenge_id={challenge_id}"),
            &w.banker.token,
        )
        .await;
    outbox.assert_status(200);
    let code = outbox.body["messages"][0]["code"].as_str().unwrap();
    let done = w
        .app
        .post_as(
            &format!("{alices}/{request_id}/challenge"),
            &w.alice.token,
            json!({"id": challenge_id, "answer": code}),
        )
        .await;
    done.assert_status(202);
    assert_eq!(done.body["status"], "COMPLETED");
    assert_eq!(w.balance("bob-acc").await, "2000.00");
    assert_eq!(w.requests("alice-acc").await, [request_id]);
}

#[tokio::test]
async fn a_retry_after_a_failed_delivery_makes_a_new_request_at_once() {
    use obp_api::payments::settings::ScaTransport;
    // A port nothing listens on: the challenge cannot be mailed (502, request FAILED).
    let address = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().to_string()
    };
    let w = world_with(|s| {
        s.sca_transport = ScaTransport::Smtp;
        s.payments.smtp.address = address.clone();
    })
    .await;
    let alices = path("alice-acc", "SANDBOX_TAN");
    for _ in 0..2 {
        // The failure ends the lease at once: the retry is not told "in progress".
        w.send(&w.alice, &alices, "k", pay("bob-acc", "1000.00"))
            .await
            .assert_obp_error(502, "OBP-40053");
    }
    let ids = w.requests("alice-acc").await;
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1]);
    assert_eq!(w.balance("alice-acc").await, "2000.00");
}

#[tokio::test]
async fn answered_keys_of_the_app_scoped_table_are_carried_over() {
    use obp_migrations::{Migrator, MigratorTrait};
    use sea_orm::sea_query::{Alias, Query};
    use sea_orm::ConnectionTrait;
    const MIGRATION: &str = "m20261202_000010_scope_idempotency_keys";
    let w = world().await;
    let alices = path("alice-acc", "SANDBOX_TAN");
    let first = w
        .send(&w.alice, &alices, "old", pay("bob-acc", "5.00"))
        .await;
    first.assert_status(201);
    let claim = w.claims_of(&w.alice.user_id).await.pop().unwrap();
    let db = w.app.state.store.raw_connection();
    // Back to the schema before the migration, with the key as the old code stored it
    // (plus a refusal and an unanswered claim, which cannot be scoped and are dropped).
    while Migrator::get_applied_migrations(db)
        .await
        .unwrap()
        .iter()
        .any(|m| m.name() == MIGRATION)
    {
        Migrator::down(db, Some(1)).await.unwrap();
    }
    let owner = format!("consumer:{}", claim.consumer_id);
    let mut insert = Query::insert();
    insert.into_table(Alias::new("idempotency_key")).columns(
        [
            "consumer_id",
            "key",
            "request_hash",
            "response_status",
            "response_body",
            "created_at",
        ]
        .map(Alias::new),
    );
    for (key, status, body) in [
        ("old", Some(201), Some(first.text.clone())),
        ("refused", Some(400), Some("{}".to_owned())),
        ("unanswered", None, None),
    ] {
        insert.values_panic([
            owner.clone().into(),
            key.into(),
            claim.request_hash.clone().into(),
            status.into(),
            body.into(),
            Utc::now().into(),
        ]);
    }
    db.execute(db.get_database_backend().build(&insert))
        .await
        .unwrap();
    Migrator::up(db, None).await.unwrap();
    let carried = w.claims_of(&w.alice.user_id).await;
    assert_eq!(carried.len(), 1);
    assert_eq!(carried[0].idempotency_key, "old");
    assert_eq!(carried[0].resource_id, claim.resource_id);
    let replay = w
        .send(&w.alice, &alices, "old", pay("bob-acc", "5.00"))
        .await;
    replay.assert_status(201);
    assert_eq!(replay.header("Idempotency-Replayed"), Some("true"));
    assert_eq!(replay.body, first.body);
    assert_eq!(w.balance("bob-acc").await, "505.00");
}
