//! Requests authenticated by a Consent-JWT: an app acts for a user within exactly what the
//! user consented to, after SCA, and is refused — with a distinct OBP code, never with a
//! fallback to more access — once the consent is revoked, expired, not yet valid, presented
//! by another app, tampered with, or not accepted.

use base64::Engine;
use obp_tests::{Persona, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

const BANK: &str = "consent.bank";
const POSTED: &str = "2024-01-02T10:00:00Z";

struct World {
    app: TestApp,
    banker: Persona,
    alice: Persona,
}

async fn world_with(configure: impl FnOnce(&mut obp_api::config::Settings)) -> World {
    let app = TestApp::spawn_with(configure).await;
    let banker = app.create_bank(BANK).await;
    app.grant(&banker.user_id, "CanGetScaOutbox", "").await;
    let alice = app
        .user_with_roles("alice", &[("CanGetAnyUser", ""), ("CanGetCustomers", BANK)])
        .await;
    for acc in ["alice-a", "alice-b"] {
        app.create_account(&alice.token, BANK, acc).await;
        app.fund_account(&banker.token, BANK, acc, "500.00", POSTED)
            .await;
    }
    World { app, banker, alice }
}

async fn world() -> World {
    world_with(|_| {}).await
}

fn owner(account: &str) -> Value {
    json!({"bank_id": BANK, "account_id": account, "view_id": "owner"})
}

impl World {
    /// Alice creates an SMS consent with `body`, reads the code from the outbox and answers;
    /// returns the consent's JSON after the answer.
    async fn accepted_consent(&self, body: Value) -> Value {
        let created = self.create_consent("SMS", body).await;
        created.assert_status(201);
        assert_eq!(created.body["status"], "INITIATED", "{}", created.text);
        let id = created.body["consent_id"].as_str().unwrap().to_owned();
        let code = self.latest_code().await;
        let answered = self.answer(&id, &code).await;
        answered.assert_status(201);
        assert_eq!(answered.body["status"], "ACCEPTED", "{}", answered.text);
        answered.body.clone()
    }

    async fn create_consent(&self, method: &str, mut body: Value) -> obp_tests::TestResponse {
        if body.get("phone_number").is_none() {
            body["phone_number"] = json!("+441234567890");
        }
        self.app
            .post_as(
                &format!("/obp/v3.1.0/banks/{BANK}/my/consents/{method}"),
                &self.alice.token,
                body,
            )
            .await
    }

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

    async fn answer(&self, consent_id: &str, answer: &str) -> obp_tests::TestResponse {
        self.app
            .post_as(
                &format!("/obp/v3.1.0/banks/{BANK}/consents/{consent_id}/challenge"),
                &self.alice.token,
                json!({"answer": answer}),
            )
            .await
    }

    /// A request with the consent header and the app's key (and nothing else).
    async fn with_consent(
        &self,
        method: Method,
        path: &str,
        consent: &str,
        body: Option<Value>,
    ) -> obp_tests::TestResponse {
        self.with_headers(
            method,
            path,
            body,
            &[
                ("Consent-JWT", consent),
                ("Consumer-Key", &self.alice.consumer_key),
            ],
        )
        .await
    }

    async fn with_headers(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> obp_tests::TestResponse {
        self.app
            .request(
                method,
                path,
                body.map(obp_tests::RequestBody::Json),
                headers,
            )
            .await
    }

    async fn get_with_consent(&self, path: &str, consent: &str) -> obp_tests::TestResponse {
        self.with_consent(Method::GET, path, consent, None).await
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

fn payment(amount: &str) -> Value {
    json!({"to": {"bank_id": BANK, "account_id": "alice-b"},
           "value": {"currency": "EUR", "amount": amount}, "description": "consented"})
}

#[tokio::test]
async fn an_app_sees_exactly_the_consented_views_and_pays_through_them() {
    let w = world().await;
    let consent = w
        .accepted_consent(
            json!({"everything": false, "views": [owner("alice-a")], "entitlements": []}),
        )
        .await;
    let jwt = consent["jwt"].as_str().unwrap();

    // The user herself sees both accounts; the app under the consent only the consented one.
    let mine = w
        .app
        .get_as("/obp/v5.1.0/my/accounts", &w.alice.token)
        .await;
    assert_eq!(account_ids(&mine.body), ["alice-a", "alice-b"]);
    let res = w.get_with_consent("/obp/v5.1.0/my/accounts", jwt).await;
    res.assert_status(200);
    assert_eq!(account_ids(&res.body), ["alice-a"], "{}", res.text);

    let res = w
        .get_with_consent(
            &format!("/obp/v5.1.0/banks/{BANK}/accounts/alice-a/owner/account"),
            jwt,
        )
        .await;
    res.assert_status(200);
    assert_eq!(res.body["id"], "alice-a");
    w.get_with_consent(
        &format!("/obp/v5.1.0/banks/{BANK}/accounts/alice-b/owner/account"),
        jwt,
    )
    .await
    .assert_obp_error(403, "OBP-20017");
    let res = w
        .get_with_consent(
            &format!("/obp/v5.1.0/banks/{BANK}/accounts/alice-a/owner/transactions"),
            jwt,
        )
        .await;
    res.assert_status(200);
    assert!(!res.body["transactions"].as_array().unwrap().is_empty());
    w.get_with_consent(
        &format!("/obp/v5.1.0/banks/{BANK}/accounts/alice-b/owner/transactions"),
        jwt,
    )
    .await
    .assert_obp_error(403, "OBP-20017");

    // A payment from the consented account goes through; from the other it is refused and
    // nothing moves.
    let pay = |from: &str| {
        format!("/obp/v4.0.0/banks/{BANK}/accounts/{from}/owner/transaction-request-types/SANDBOX_TAN/transaction-requests")
    };
    let res = w
        .with_consent(Method::POST, &pay("alice-a"), jwt, Some(payment("10.00")))
        .await;
    res.assert_status(201);
    assert_eq!(res.body["status"], "COMPLETED", "{}", res.text);
    let before = w
        .app
        .get_as(
            &format!("/obp/v5.1.0/banks/{BANK}/accounts/alice-b/owner/account"),
            &w.alice.token,
        )
        .await;
    // As for anyone without the view: OBP's "insufficient authorisation".
    w.with_consent(Method::POST, &pay("alice-b"), jwt, Some(payment("10.00")))
        .await
        .assert_obp_error(400, "OBP-40002");
    let after = w
        .app
        .get_as(
            &format!("/obp/v5.1.0/banks/{BANK}/accounts/alice-b/owner/account"),
            &w.alice.token,
        )
        .await;
    assert_eq!(before.body["balance"], after.body["balance"]);

    // The user's roles are not the app's: none was consented.
    let res = w.get_with_consent("/obp/v5.1.0/my/entitlements", jwt).await;
    res.assert_status(200);
    assert_eq!(res.body["list"], json!([]), "{}", res.text);
    w.get_with_consent("/obp/v5.1.0/users", jwt)
        .await
        .assert_obp_error(403, "OBP-20006");
    let res = w.app.get_as("/obp/v5.1.0/users", &w.alice.token).await;
    res.assert_status(200);

    // The consent id works in place of the JWT.
    let id = consent["consent_id"].as_str().unwrap();
    let res = w.get_with_consent("/obp/v5.1.0/my/accounts", id).await;
    res.assert_status(200);
    assert_eq!(account_ids(&res.body), ["alice-a"]);
}

#[tokio::test]
async fn consented_roles_work_and_only_those() {
    let w = world().await;
    let consent = w
        .accepted_consent(json!({"everything": false, "views": [],
            "entitlements": [{"bank_id": "", "role_name": "CanGetAnyUser"}]}))
        .await;
    let jwt = consent["jwt"].as_str().unwrap();
    w.get_with_consent("/obp/v5.1.0/users", jwt)
        .await
        .assert_status(200);
    let res = w.get_with_consent("/obp/v5.1.0/my/entitlements", jwt).await;
    res.assert_status(200);
    let roles: Vec<&str> = res.body["list"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["role_name"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["CanGetAnyUser"]);
    w.get_with_consent(&format!("/obp/v5.1.0/banks/{BANK}/customers"), jwt)
        .await
        .assert_obp_error(403, "OBP-20006");
    let res = w.get_with_consent("/obp/v5.1.0/my/accounts", jwt).await;
    res.assert_status(200);
    assert_eq!(account_ids(&res.body), Vec::<String>::new());
}

#[tokio::test]
async fn a_revoked_consent_is_refused_on_the_next_request() {
    let w = world().await;
    let consent = w
        .accepted_consent(
            json!({"everything": false, "views": [owner("alice-a")], "entitlements": []}),
        )
        .await;
    let jwt = consent["jwt"].as_str().unwrap();
    let id = consent["consent_id"].as_str().unwrap();
    w.get_with_consent("/obp/v5.1.0/my/accounts", jwt)
        .await
        .assert_status(200);
    w.app
        .get_as(
            &format!("/obp/v3.1.0/banks/{BANK}/my/consents/{id}/revoke"),
            &w.alice.token,
        )
        .await
        .assert_status(200);
    w.get_with_consent("/obp/v5.1.0/my/accounts", jwt)
        .await
        .assert_obp_error(401, "OBP-35005");
    w.get_with_consent("/obp/v5.1.0/my/accounts", id)
        .await
        .assert_obp_error(401, "OBP-35005");
}

#[tokio::test]
async fn the_app_revokes_its_own_consent_with_the_consent() {
    let w = world().await;
    let consent = w
        .accepted_consent(
            json!({"everything": false, "views": [owner("alice-a")], "entitlements": []}),
        )
        .await;
    let jwt = consent["jwt"].as_str().unwrap();
    let res = w
        .with_consent(Method::DELETE, "/obp/v5.1.0/my/consent/current", jwt, None)
        .await;
    res.assert_status(200);
    assert_eq!(res.body["status"], "REVOKED", "{}", res.text);
    w.get_with_consent("/obp/v5.1.0/my/accounts", jwt)
        .await
        .assert_obp_error(401, "OBP-35005");
    // Without a consent there is nothing to revoke.
    w.app
        .delete_as("/obp/v5.1.0/my/consent/current", &w.alice.token)
        .await
        .assert_obp_error(404, "OBP-35001");
}

#[tokio::test]
async fn a_consent_waiting_for_its_answer_grants_nothing() {
    let w = world().await;
    let created = w
        .create_consent(
            "SMS",
            json!({"everything": false, "views": [owner("alice-a")], "entitlements": []}),
        )
        .await;
    created.assert_status(201);
    let jwt = created.body["jwt"].as_str().unwrap();
    w.get_with_consent("/obp/v5.1.0/my/accounts", jwt)
        .await
        .assert_obp_error(401, "OBP-35005");
}

#[tokio::test]
async fn expired_and_not_yet_valid_consents_are_refused() {
    let w = world().await;
    // Long enough that the SCA answer lands before it runs out on a slow machine; the test
    // then waits for the `exp` the consent was given, not a guessed duration.
    let short = w
        .accepted_consent(json!({"everything": false, "views": [owner("alice-a")],
            "entitlements": [], "time_to_live": 5}))
        .await;
    let later = w
        .accepted_consent(json!({"everything": false, "views": [owner("alice-a")],
            "entitlements": [], "valid_from": "2099-01-01T00:00:00Z"}))
        .await;
    w.get_with_consent("/obp/v5.1.0/my/accounts", later["jwt"].as_str().unwrap())
        .await
        .assert_obp_error(401, "OBP-35002");
    let payload = short["jwt"].as_str().unwrap().split('.').nth(1).unwrap();
    let claims: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap();
    let exp = claims["exp"].as_i64().unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis();
    let wait = (u128::try_from(exp).unwrap() * 1000 + 1100).saturating_sub(now);
    tokio::time::sleep(std::time::Duration::from_millis(
        u64::try_from(wait).unwrap(),
    ))
    .await;
    w.get_with_consent("/obp/v5.1.0/my/accounts", short["jwt"].as_str().unwrap())
        .await
        .assert_obp_error(401, "OBP-35003");
}

#[tokio::test]
async fn only_the_bound_app_may_use_a_consent() {
    let w = world().await;
    let consent = w
        .accepted_consent(
            json!({"everything": false, "views": [owner("alice-a")], "entitlements": []}),
        )
        .await;
    let jwt = consent["jwt"].as_str().unwrap();
    let (_, other_key) = w.app.create_consumer(true).await;
    w.with_headers(
        Method::GET,
        "/obp/v5.1.0/my/accounts",
        None,
        &[("Consent-JWT", jwt), ("Consumer-Key", &other_key)],
    )
    .await
    .assert_obp_error(401, "OBP-35015");
    w.with_headers(
        Method::GET,
        "/obp/v5.1.0/my/accounts",
        None,
        &[("Consent-JWT", jwt)],
    )
    .await
    .assert_obp_error(401, "OBP-35016");
}

#[tokio::test]
async fn tampered_or_malformed_consents_are_refused() {
    let w = world().await;
    let consent = w
        .accepted_consent(
            json!({"everything": false, "views": [owner("alice-a")], "entitlements": []}),
        )
        .await;
    let jwt = consent["jwt"].as_str().unwrap();
    let parts: Vec<&str> = jwt.split('.').collect();
    // The payload widened to the other account, the signature kept.
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut claims: Value = serde_json::from_slice(&b64.decode(parts[1]).unwrap()).unwrap();
    claims["views"]
        .as_array_mut()
        .unwrap()
        .push(owner("alice-b"));
    let widened = format!(
        "{}.{}.{}",
        parts[0],
        b64.encode(claims.to_string()),
        parts[2]
    );
    w.get_with_consent("/obp/v5.1.0/my/accounts", &widened)
        .await
        .assert_obp_error(401, "OBP-35004");
    let unsigned = format!(
        "{}.{}.",
        b64.encode(r#"{"alg":"none","typ":"JWT"}"#),
        parts[1]
    );
    w.get_with_consent("/obp/v5.1.0/my/accounts", &unsigned)
        .await
        .assert_obp_error(401, "OBP-35004");
    w.get_with_consent("/obp/v5.1.0/my/accounts", "not a consent")
        .await
        .assert_obp_error(401, "OBP-35032");
    w.get_with_consent(
        "/obp/v5.1.0/my/accounts",
        "9d429899-24f5-42c8-8565-943ffa6a7945",
    )
    .await
    .assert_obp_error(401, "OBP-35001");
}

#[tokio::test]
async fn a_consent_beside_a_token_limits_the_request() {
    let w = world().await;
    let consent = w
        .accepted_consent(
            json!({"everything": false, "views": [owner("alice-a")], "entitlements": []}),
        )
        .await;
    let jwt = consent["jwt"].as_str().unwrap();
    let token = format!("token={}", w.alice.token);
    let res = w
        .with_headers(
            Method::GET,
            "/obp/v5.1.0/my/accounts",
            None,
            &[
                ("Consent-JWT", jwt),
                ("Consumer-Key", &w.alice.consumer_key),
                ("DirectLogin", &token),
            ],
        )
        .await;
    res.assert_status(200);
    assert_eq!(account_ids(&res.body), ["alice-a"]);
}

#[tokio::test]
async fn a_consent_cannot_create_roles_or_a_wider_consent() {
    let w = world().await;
    let admin = w.app.bootstrap_admin().await;
    w.app
        .create_account(&admin.persona.token, BANK, "admin-acc")
        .await;
    // Everything the administrator holds, which leaves out the entitlement creators.
    let created = w
        .app
        .post_as(
            &format!("/obp/v3.1.0/banks/{BANK}/my/consents/IMPLICIT"),
            &admin.persona.token,
            json!({"everything": true, "views": [], "entitlements": []}),
        )
        .await;
    created.assert_status(201);
    let id = created.body["consent_id"].as_str().unwrap().to_owned();
    let code = {
        let res = w
            .app
            .get_as(
                &format!(
                    "/obp/v5.1.0/management/sca-outbox?user_id={}",
                    admin.persona.user_id
                ),
                &w.banker.token,
            )
            .await;
        res.body["messages"][0]["code"].as_str().unwrap().to_owned()
    };
    let res = w
        .app
        .post_as(
            &format!("/obp/v3.1.0/banks/{BANK}/consents/{id}/challenge"),
            &admin.persona.token,
            json!({"answer": code}),
        )
        .await;
    res.assert_status(201);
    let jwt = res.body["jwt"].as_str().unwrap().to_owned();
    let headers = [
        ("Consent-JWT", jwt.as_str()),
        ("Consumer-Key", admin.consumer_key.as_str()),
    ];
    let grant = w
        .with_headers(
            Method::POST,
            &format!("/obp/v5.1.0/users/{}/entitlements", admin.persona.user_id),
            Some(json!({"bank_id": "", "role_name": "CanGetAnyUser"})),
            &headers,
        )
        .await;
    grant.assert_obp_error(403, "OBP-20006");
    // A consent made under the consent cannot ask for an entitlement creator either.
    let wider = w
        .with_headers(
            Method::POST,
            &format!("/obp/v3.1.0/banks/{BANK}/my/consents/IMPLICIT"),
            Some(json!({"everything": false, "views": [], "entitlements": [
                {"bank_id": "", "role_name": "CanCreateEntitlementAtAnyBank"}]})),
            &headers,
        )
        .await;
    wider.assert_obp_error(400, "OBP-35033");
    let wider = w
        .with_headers(
            Method::POST,
            &format!("/obp/v3.1.0/banks/{BANK}/my/consents/IMPLICIT"),
            Some(json!({"everything": false, "views": [owner("alice-a")], "entitlements": []})),
            &headers,
        )
        .await;
    wider.assert_obp_error(400, "OBP-35014");
}

#[tokio::test]
async fn consents_switched_off_refuse_the_header() {
    let w = world().await;
    let consent = w
        .accepted_consent(
            json!({"everything": false, "views": [owner("alice-a")], "entitlements": []}),
        )
        .await;
    let off = TestApp::spawn_with(|s| s.consents.allowed = false).await;
    let res = off
        .request(
            Method::GET,
            "/obp/v5.1.0/my/accounts",
            None,
            &[("Consent-JWT", consent["jwt"].as_str().unwrap())],
        )
        .await;
    res.assert_obp_error(401, "OBP-35007");
}
