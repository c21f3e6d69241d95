//! A hostile pass over consents and Consent-JWT authentication: an app holding a consent
//! must never get more than the consent grants, nor a user more than they hold, and no bad
//! input may answer 500 or leave half a write behind. The journeys are in `consent_auth.rs`
//! and `consents.rs`; this file holds the attacks.

use obp_tests::{Persona, TestApp, TestResponse};
use reqwest::Method;
use serde_json::{json, Value};

const BANK: &str = "hostile.bank";
const OTHER_BANK: &str = "hostile.other";
const POSTED: &str = "2024-01-02T10:00:00Z";

struct World {
    app: TestApp,
    banker: Persona,
    alice: Persona,
}

/// Alice holds two funded accounts at BANK and `CanGetAnyUser`; consents are accepted at
/// once (SCA off) unless `configure` turns it on.
async fn world_with(configure: impl FnOnce(&mut obp_api::config::Settings)) -> World {
    let app = TestApp::spawn_with(|s| {
        s.consents.sca_enabled = false;
        configure(s);
    })
    .await;
    let banker = app.create_bank(BANK).await;
    app.grant(&banker.user_id, "CanGetScaOutbox", "").await;
    let alice = app.user_with_roles("alice", &[("CanGetAnyUser", "")]).await;
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

fn view(bank: &str, account: &str, view_id: &str) -> Value {
    json!({"bank_id": bank, "account_id": account, "view_id": view_id})
}

fn owner(account: &str) -> Value {
    view(BANK, account, "owner")
}

fn body(views: Value, roles: Value) -> Value {
    json!({"everything": false, "views": views, "entitlements": roles,
           "phone_number": "+441234567890"})
}

impl World {
    /// `who` creates a consent with `body` (accepted at once: SCA is off) and returns its JSON.
    async fn consent_of(&self, who: &Persona, body: Value) -> Value {
        let res = self
            .app
            .post_as(
                &format!("/obp/v3.1.0/banks/{BANK}/my/consents/SMS"),
                &who.token,
                body,
            )
            .await;
        res.assert_status(201);
        res.body.clone()
    }

    async fn with(
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

    /// A GET under `jwt`, presented by Alice's app.
    async fn get_under(&self, path: &str, jwt: &str) -> TestResponse {
        self.with(Method::GET, path, jwt, &self.alice.consumer_key, None)
            .await
    }
}

fn jwt(consent: &Value) -> &str {
    consent["jwt"].as_str().unwrap()
}

fn id(consent: &Value) -> &str {
    consent["consent_id"].as_str().unwrap()
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

// ----------------------------------------------------------- what the user later loses

#[tokio::test]
async fn a_consent_loses_a_view_its_user_loses() {
    let w = world().await;
    let bob = w.app.user_with_roles("bob", &[]).await;
    // Alice lets Bob audit her account; Bob consents to an app on that view.
    w.app
        .post_as(
            &format!("/obp/v5.1.0/banks/{BANK}/accounts/alice-a/views/owner/account-access/grant"),
            &w.alice.token,
            json!({"user_id": bob.user_id, "view_id": "auditor"}),
        )
        .await
        .assert_status(201);
    let consent = w
        .consent_of(
            &bob,
            body(json!([view(BANK, "alice-a", "auditor")]), json!([])),
        )
        .await;
    let account = format!("/obp/v5.1.0/banks/{BANK}/accounts/alice-a/auditor/account");
    w.with(
        Method::GET,
        &account,
        jwt(&consent),
        &bob.consumer_key,
        None,
    )
    .await
    .assert_status(200);
    w.app
        .post_as(
            &format!("/obp/v5.1.0/banks/{BANK}/accounts/alice-a/views/owner/account-access/revoke"),
            &w.alice.token,
            json!({"user_id": bob.user_id, "view_id": "auditor"}),
        )
        .await
        .assert_status(201);
    // The consent still lists the view, but Bob no longer holds it: neither does the app.
    w.with(
        Method::GET,
        &account,
        jwt(&consent),
        &bob.consumer_key,
        None,
    )
    .await
    .assert_obp_error(403, "OBP-20017");
    let res = w
        .with(
            Method::GET,
            "/obp/v5.1.0/my/accounts",
            jwt(&consent),
            &bob.consumer_key,
            None,
        )
        .await;
    res.assert_status(200);
    assert_eq!(account_ids(&res.body), Vec::<String>::new(), "{}", res.text);
}

#[tokio::test]
async fn a_consent_loses_a_role_its_user_loses() {
    let w = world().await;
    let consent = w
        .consent_of(
            &w.alice,
            body(
                json!([]),
                json!([{"bank_id": "", "role_name": "CanGetAnyUser"}]),
            ),
        )
        .await;
    w.get_under("/obp/v5.1.0/users", jwt(&consent))
        .await
        .assert_status(200);
    w.app
        .exec_sql(
            "DELETE FROM entitlement WHERE user_id = $1",
            vec![w.alice.user_id.clone().into()],
        )
        .await;
    w.get_under("/obp/v5.1.0/users", jwt(&consent))
        .await
        .assert_obp_error(403, "OBP-20006");
    let res = w
        .get_under("/obp/v5.1.0/my/entitlements", jwt(&consent))
        .await;
    res.assert_status(200);
    assert_eq!(res.body["list"], json!([]), "{}", res.text);
}

#[tokio::test]
async fn a_locked_or_deleted_user_consent_stops_at_once() {
    let w = world().await;
    let admin = w
        .app
        .user_with_roles("boss", &[("CanLockUser", ""), ("CanDeleteUser", "")])
        .await;
    let bob = w.app.user_with_roles("bob", &[]).await;
    w.app.create_account(&bob.token, BANK, "bob-1").await;
    let alice_consent = w
        .consent_of(&w.alice, body(json!([owner("alice-a")]), json!([])))
        .await;
    let bob_consent = w
        .consent_of(&bob, body(json!([owner("bob-1")]), json!([])))
        .await;
    // Both consents used once, so both sit in the consent cache.
    w.get_under("/obp/v5.1.0/my/accounts", jwt(&alice_consent))
        .await
        .assert_status(200);
    w.with(
        Method::GET,
        "/obp/v5.1.0/my/accounts",
        jwt(&bob_consent),
        &bob.consumer_key,
        None,
    )
    .await
    .assert_status(200);

    let provider = w.app.provider_in_path();
    w.app
        .post_as(
            &format!("/obp/v5.1.0/users/{provider}/alice/locks"),
            &admin.token,
            json!({}),
        )
        .await
        .assert_status(200);
    w.get_under("/obp/v5.1.0/my/accounts", jwt(&alice_consent))
        .await
        .assert_obp_error(401, "OBP-20013");

    w.app
        .delete_as(&format!("/obp/v5.1.0/users/{}", bob.user_id), &admin.token)
        .await
        .assert_status(200);
    w.with(
        Method::GET,
        "/obp/v5.1.0/my/accounts",
        jwt(&bob_consent),
        &bob.consumer_key,
        None,
    )
    .await
    .assert_obp_error(401, "OBP-20064");
}

#[tokio::test]
async fn a_disabled_app_cannot_use_its_consents() {
    let w = world().await;
    let admin = w
        .app
        .user_with_roles("boss", &[("CanDisableConsumers", "")])
        .await;
    let (app_id, app_key) = w.app.create_consumer(true).await;
    let mut b = body(json!([owner("alice-a")]), json!([]));
    b["consumer_id"] = json!(app_id);
    let consent = w.consent_of(&w.alice, b).await;
    w.with(
        Method::GET,
        "/obp/v5.1.0/my/accounts",
        jwt(&consent),
        &app_key,
        None,
    )
    .await
    .assert_status(200);
    w.app
        .put_as(
            &format!("/obp/v5.1.0/management/consumers/{app_id}"),
            &admin.token,
            json!({"enabled": false}),
        )
        .await
        .assert_status(200);
    w.with(
        Method::GET,
        "/obp/v5.1.0/my/accounts",
        jwt(&consent),
        &app_key,
        None,
    )
    .await
    .assert_obp_error(401, "OBP-35017");
}

// ------------------------------------------------------------- wider than the consent

#[tokio::test]
async fn the_firehose_needs_a_consented_firehose_role() {
    let w = world_with(|s| s.allow_account_firehose = true).await;
    w.app
        .grant(&w.alice.user_id, "CanUseAccountFirehoseAtAnyBank", "")
        .await;
    let bob = w.app.user_with_roles("bob", &[]).await;
    w.app.create_account(&bob.token, BANK, "bob-1").await;
    // Alice herself reads every account through the firehose.
    let firehose = format!("/obp/v4.0.0/banks/{BANK}/firehose/accounts/views/firehose");
    w.app
        .get_as(&firehose, &w.alice.token)
        .await
        .assert_status(200);
    let consent = w
        .consent_of(&w.alice, body(json!([owner("alice-a")]), json!([])))
        .await;
    let res = w.get_under(&firehose, jwt(&consent)).await;
    assert!(
        res.status == 403,
        "firehose under a consent without the role: {}",
        res.text
    );
    w.get_under(
        &format!("/obp/v3.0.0/banks/{BANK}/firehose/accounts/bob-1/views/firehose/transactions"),
        jwt(&consent),
    )
    .await
    .assert_status(403);
    w.get_under(
        &format!("/obp/v5.1.0/banks/{BANK}/accounts/bob-1/firehose/account"),
        jwt(&consent),
    )
    .await
    .assert_obp_error(403, "OBP-20017");
}

#[tokio::test]
async fn the_same_account_id_at_another_bank_is_not_consented() {
    let w = world().await;
    let other = w.app.create_bank(OTHER_BANK).await;
    w.app
        .create_account(&w.alice.token, OTHER_BANK, "alice-a")
        .await;
    let _ = other;
    let consent = w
        .consent_of(&w.alice, body(json!([owner("alice-a")]), json!([])))
        .await;
    w.get_under(
        &format!("/obp/v5.1.0/banks/{BANK}/accounts/alice-a/owner/account"),
        jwt(&consent),
    )
    .await
    .assert_status(200);
    w.get_under(
        &format!("/obp/v5.1.0/banks/{OTHER_BANK}/accounts/alice-a/owner/account"),
        jwt(&consent),
    )
    .await
    .assert_obp_error(403, "OBP-20017");
    let res = w.get_under("/obp/v5.1.0/my/accounts", jwt(&consent)).await;
    res.assert_status(200);
    let banks: Vec<&str> = res.body["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["bank_id"].as_str().unwrap())
        .collect();
    assert_eq!(banks, [BANK], "{}", res.text);
}

#[tokio::test]
async fn views_management_under_a_consent_stays_within_it() {
    let w = world().await;
    let bob = w.app.user_with_roles("bob", &[]).await;
    // Consent to alice-a only; alice-b is Alice's but not the app's.
    let consent = w
        .consent_of(&w.alice, body(json!([owner("alice-a")]), json!([])))
        .await;
    let j = jwt(&consent);
    let key = w.alice.consumer_key.clone();
    // Granting Bob the owner view of the unconsented account.
    w.with(
        Method::POST,
        &format!("/obp/v5.1.0/banks/{BANK}/accounts/alice-b/views/owner/account-access/grant"),
        j,
        &key,
        Some(json!({"user_id": bob.user_id, "view_id": "owner"})),
    )
    .await
    .assert_obp_error(403, "OBP-20017");
    // Listing and creating views on it (older paths: "any of your views").
    w.get_under(
        &format!("/obp/v5.1.0/banks/{BANK}/accounts/alice-b/views"),
        j,
    )
    .await
    .assert_obp_error(403, "OBP-20017");
    let res = w
        .with(
            Method::POST,
            &format!("/obp/v3.0.0/banks/{BANK}/accounts/alice-b/views"),
            j,
            &key,
            Some(
                json!({"name": "_spy", "description": "d", "metadata_view": "",
                "is_public": true, "which_alias_to_use": "", "hide_metadata_if_alias_used": false,
                "allowed_actions": ["can_see_transaction_amount"]}),
            ),
        )
        .await;
    assert!(
        res.status == 403,
        "a custom view on an unconsented account: {} {}",
        res.status,
        res.text
    );
    // Renaming the unconsented account.
    w.with(
        Method::POST,
        &format!("/obp/v4.0.0/banks/{BANK}/accounts/alice-b"),
        j,
        &key,
        Some(json!({"label": "pwned"})),
    )
    .await
    .assert_obp_error(403, "OBP-20017");
    // Funds check on the unconsented account.
    let res = w
        .get_under(
            &format!("/obp/v5.1.0/banks/{BANK}/accounts/alice-b/owner/funds-available?amount=1&currency=EUR"),
            j,
        )
        .await;
    assert!(
        res.status == 403,
        "funds check: {} {}",
        res.status,
        res.text
    );
    // Transaction metadata and counterparties of the unconsented account.
    let res = w
        .get_under(
            &format!("/obp/v4.0.0/banks/{BANK}/accounts/alice-b/owner/counterparties"),
            j,
        )
        .await;
    assert!(
        res.status == 403,
        "counterparties: {} {}",
        res.status,
        res.text
    );
}

// ------------------------------------------------------------ the user's other consents

/// Alice has consent A bound to her usual app and consent B, wider, bound to another app.
/// The app holding A must not read B's JWT, nor revoke or change B.
#[tokio::test]
async fn a_consent_does_not_reach_the_users_consents_of_other_apps() {
    let w = world().await;
    let consent_a = w
        .consent_of(&w.alice, body(json!([owner("alice-a")]), json!([])))
        .await;
    let (other_app, _) = w.app.create_consumer(true).await;
    let mut b = body(json!([owner("alice-a"), owner("alice-b")]), json!([]));
    b["consumer_id"] = json!(other_app);
    let consent_b = w.consent_of(&w.alice, b).await;
    let a = jwt(&consent_a);
    let key = w.alice.consumer_key.clone();

    let res = w
        .get_under(&format!("/obp/v4.0.0/banks/{BANK}/my/consents"), a)
        .await;
    res.assert_status(200);
    assert!(
        !res.text.contains(jwt(&consent_b)) && !res.text.contains(id(&consent_b)),
        "another app's consent listed under consent A: {}",
        res.text
    );
    let res = w
        .get_under(&format!("/obp/v4.0.0/banks/{BANK}/my/consent-infos"), a)
        .await;
    res.assert_status(200);
    assert!(!res.text.contains(id(&consent_b)), "{}", res.text);
    w.get_under(
        &format!("/obp/v5.1.0/user/current/consents/{}", id(&consent_b)),
        a,
    )
    .await
    .assert_obp_error(400, "OBP-35001");
    w.get_under(
        &format!(
            "/obp/v3.1.0/banks/{BANK}/my/consents/{}/revoke",
            id(&consent_b)
        ),
        a,
    )
    .await
    .assert_obp_error(400, "OBP-35001");
    w.with(
        Method::PUT,
        &format!("/obp/v4.0.0/banks/{BANK}/consents/{}", id(&consent_b)),
        a,
        &key,
        Some(json!({"status": "REJECTED"})),
    )
    .await
    .assert_obp_error(400, "OBP-35001");
    // B is untouched; the user herself still sees and manages both.
    let res = w
        .app
        .get_as(
            &format!("/obp/v5.1.0/user/current/consents/{}", id(&consent_b)),
            &w.alice.token,
        )
        .await;
    res.assert_status(200);
    assert_eq!(res.body["status"], "ACCEPTED");
    // The app still sees and revokes its own consent through the same endpoints.
    let res = w
        .get_under(&format!("/obp/v4.0.0/banks/{BANK}/my/consents"), a)
        .await;
    assert!(res.text.contains(id(&consent_a)), "{}", res.text);
}

// ----------------------------------------------------------------------- header tricks

#[tokio::test]
async fn an_unreadable_consent_header_is_refused_not_ignored() {
    let w = world().await;
    // A header value with a byte outside visible ASCII cannot be read as text; beside a
    // DirectLogin token it must not leave the request with the token's full access.
    let value = reqwest::header::HeaderValue::from_bytes(b"\xe9t\xe9").unwrap();
    let res = w
        .app
        .client
        .get(w.app.url("/obp/v5.1.0/my/accounts"))
        .header("Consent-JWT", value)
        .header("DirectLogin", format!("token={}", w.alice.token))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    assert_eq!(status, 401, "{text}");
    assert!(text.contains("OBP-35032"), "{text}");
}

#[tokio::test]
async fn hostile_consent_header_values_never_answer_500() {
    let w = world().await;
    let consent = w
        .consent_of(&w.alice, body(json!([owner("alice-a")]), json!([])))
        .await;
    let good = jwt(&consent).to_owned();
    let parts: Vec<&str> = good.split('.').collect();
    let b64 = |s: &str| {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s)
    };
    let mut claims: Value = {
        use base64::Engine;
        serde_json::from_slice(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(parts[1])
                .unwrap(),
        )
        .unwrap()
    };
    let mut cases: Vec<(String, &str)> = Vec::new();
    // Strings for nbf/exp, a kid, a huge payload, a jti of another type, a header with
    // duplicate keys: each refused with a consent code, none a 500.
    claims["nbf"] = json!("0");
    cases.push((
        format!("{}.{}.{}", parts[0], b64(&claims.to_string()), parts[2]),
        "OBP-3500",
    ));
    claims["nbf"] = json!(0);
    claims["exp"] = json!(1e300);
    cases.push((
        format!("{}.{}.{}", parts[0], b64(&claims.to_string()), parts[2]),
        "OBP-3500",
    ));
    cases.push((
        format!(
            "{}.{}.{}",
            b64(r#"{"alg":"HS256","typ":"JWT","kid":"../../etc/passwd","alg":"none"}"#),
            parts[1],
            parts[2]
        ),
        "OBP-3500",
    ));
    let mut big = claims.clone();
    big["pad"] = json!("x".repeat(6000));
    cases.push((
        format!("{}.{}.{}", parts[0], b64(&big.to_string()), parts[2]),
        "OBP-3500",
    ));
    let mut weird = claims.clone();
    weird["jti"] = json!(12345);
    cases.push((
        format!("{}.{}.{}", parts[0], b64(&weird.to_string()), parts[2]),
        "OBP-3500",
    ));
    weird["jti"] = json!("../../../etc/passwd");
    cases.push((
        format!("{}.{}.{}", parts[0], b64(&weird.to_string()), parts[2]),
        "OBP-3500",
    ));
    cases.push((format!("{good}.{}", parts[2]), "OBP-35032"));
    cases.push((" ".repeat(10), "OBP-35032"));
    for (value, code) in &cases {
        let res = w.get_under("/obp/v5.1.0/my/accounts", value).await;
        assert_eq!(res.status, 401, "{value}: {}", res.text);
        assert!(res.message().starts_with(code), "{value}: {}", res.text);
    }
    // An oversized header is refused by the server, never a 500 nor a pass.
    let huge = format!("{}.{}.{}", parts[0], "A".repeat(40_000), parts[2]);
    let res = w.get_under("/obp/v5.1.0/my/accounts", &huge).await;
    assert!(
        (400..500).contains(&res.status),
        "oversized header: {} {}",
        res.status,
        res.text
    );
    // The consent id of another consent in a JWT of the first: the signature is the first's.
    let consent_b = w
        .consent_of(&w.alice, body(json!([owner("alice-b")]), json!([])))
        .await;
    claims["jti"] = json!(id(&consent_b));
    let swapped = format!("{}.{}.{}", parts[0], b64(&claims.to_string()), parts[2]);
    w.get_under("/obp/v5.1.0/my/accounts", &swapped)
        .await
        .assert_obp_error(401, "OBP-35004");
}

// -------------------------------------------------------------- consent creation input

#[tokio::test]
async fn hostile_consent_bodies_are_client_errors_and_write_nothing() {
    let w = world().await;
    let path = format!("/obp/v3.1.0/banks/{BANK}/my/consents/SMS");
    let with = |extra: Value| {
        let mut b = body(json!([owner("alice-a")]), json!([]));
        for (k, v) in extra.as_object().unwrap() {
            b[k] = v.clone();
        }
        b
    };
    let bad = [
        with(json!({"time_to_live": -5})),
        with(json!({"time_to_live": 0})),
        with(json!({"time_to_live": 1.5})),
        with(json!({"time_to_live": "60"})),
        with(json!({"time_to_live": 1e30})),
        with(json!({"time_to_live": i64::MAX})),
        with(json!({"valid_from": "not a date"})),
        with(json!({"valid_from": "+275760-09-13T00:00:00Z"})),
        with(
            json!({"views": [view(BANK, "alice-a", "owner"), view("nobank", "alice-a", "owner")]}),
        ),
        with(json!({"views": [view(BANK, "alice-a", "OWNER")]})),
        with(json!({"entitlements": [{"bank_id": "other", "role_name": "CanGetAnyUser"}]})),
        with(json!({"entitlements": [{"bank_id": "", "role_name": "CanGetAnyUser\u{0000}"}]})),
        with(json!({"phone_number": "\u{0007}\u{0000}"})),
        with(json!({"consumer_id": "'; DROP TABLE consent; --"})),
        with(json!({"views": "owner"})),
        with(json!({"everything": "yes"})),
    ];
    for b in &bad {
        let res = w.app.post_as(&path, &w.alice.token, b.clone()).await;
        assert!(
            (400..500).contains(&res.status),
            "{b}: {} {}",
            res.status,
            res.text
        );
    }
    // 10 000 views, none held: refused quickly, not a 500.
    let many: Vec<Value> = (0..10_000)
        .map(|i| view(BANK, &format!("acc-{i}"), "owner"))
        .collect();
    let res = w
        .app
        .post_as(&path, &w.alice.token, body(json!(many), json!([])))
        .await;
    assert!(
        (400..500).contains(&res.status),
        "{} {}",
        res.status,
        res.message()
    );
    // Nothing was written by any of them.
    let res = w
        .app
        .get_as(
            &format!("/obp/v4.0.0/banks/{BANK}/my/consents"),
            &w.alice.token,
        )
        .await;
    res.assert_status(200);
    assert_eq!(res.body["consents"], json!([]), "{}", res.text);

    // Unicode and duplicates are fine and stored once.
    let mut ok = with(json!({"phone_number": "+44 ☎ 1234"}));
    ok["views"] = json!([owner("alice-a"), owner("alice-a")]);
    let res = w.app.post_as(&path, &w.alice.token, ok).await;
    res.assert_status(201);
    assert_eq!(res.body["status"], "ACCEPTED");
}

#[tokio::test]
async fn far_past_and_far_future_validity_never_widen_a_consent() {
    let w = world().await;
    let path = format!("/obp/v3.1.0/banks/{BANK}/my/consents/SMS");
    let mut past = body(json!([owner("alice-a")]), json!([]));
    past["valid_from"] = json!("1970-01-01T00:00:00Z");
    let res = w.app.post_as(&path, &w.alice.token, past).await;
    assert!(res.status == 201 || res.status == 400, "{}", res.text);
    if res.status == 201 {
        w.get_under("/obp/v5.1.0/my/accounts", jwt(&res.body))
            .await
            .assert_obp_error(401, "OBP-35003");
    }
    let mut future = body(json!([owner("alice-a")]), json!([]));
    future["valid_from"] = json!("9999-12-31T23:59:59Z");
    let res = w.app.post_as(&path, &w.alice.token, future).await;
    assert!(res.status == 201 || res.status == 400, "{}", res.text);
    if res.status == 201 {
        w.get_under("/obp/v5.1.0/my/accounts", jwt(&res.body))
            .await
            .assert_obp_error(401, "OBP-35002");
    }
}

// ---------------------------------------------------------------------- SCA challenge

#[tokio::test]
async fn concurrent_guesses_never_spend_more_than_the_allowed_attempts() {
    let w = world_with(|s| {
        s.consents.sca_enabled = true;
        s.payments.challenge_allowed_attempts = 3;
    })
    .await;
    let created = w
        .app
        .post_as(
            &format!("/obp/v3.1.0/banks/{BANK}/my/consents/SMS"),
            &w.alice.token,
            body(json!([owner("alice-a")]), json!([])),
        )
        .await;
    created.assert_status(201);
    let consent_id = id(&created.body).to_owned();
    let path = format!("/obp/v3.1.0/banks/{BANK}/consents/{consent_id}/challenge");
    let guesses = (0..40).map(|i| {
        let app = &w.app;
        let path = path.clone();
        let token = w.alice.token.clone();
        async move {
            app.post_as(
                &path,
                &token,
                json!({"answer": format!("{:06}", 999_000 + i)}),
            )
            .await
        }
    });
    let answers = futures_join_all(guesses).await;
    for a in &answers {
        assert!((400..500).contains(&a.status), "{} {}", a.status, a.text);
    }
    let judged = answers
        .iter()
        .filter(|a| a.message().contains("Attempts left"))
        .count();
    assert!(
        judged <= 3,
        "{judged} guesses judged: {:?}",
        answers
            .iter()
            .map(|a| a.message().to_owned())
            .collect::<Vec<_>>()
    );
    // Guesses that lost the race were refused unjudged; judged or not, none accepted it.
    let res = w
        .app
        .get_as(
            &format!("/obp/v5.1.0/user/current/consents/{consent_id}"),
            &w.alice.token,
        )
        .await;
    res.assert_status(200);
    let status = res.body["status"].as_str().unwrap();
    assert!(
        status == "INITIATED" || status == "REJECTED",
        "{}",
        res.text
    );
}

#[tokio::test]
async fn answering_and_revoking_at_once_leave_one_consistent_outcome() {
    let w = world_with(|s| s.consents.sca_enabled = true).await;
    for _ in 0..5 {
        let created = w
            .app
            .post_as(
                &format!("/obp/v3.1.0/banks/{BANK}/my/consents/SMS"),
                &w.alice.token,
                body(json!([owner("alice-a")]), json!([])),
            )
            .await;
        created.assert_status(201);
        let consent_id = id(&created.body).to_owned();
        let out = w
            .app
            .get_as(
                &format!(
                    "/obp/v5.1.0/management/sca-outbox?user_id={}",
                    w.alice.user_id
                ),
                &w.banker.token,
            )
            .await;
        let code = out.body["messages"][0]["code"].as_str().unwrap().to_owned();
        let answer_path = format!("/obp/v3.1.0/banks/{BANK}/consents/{consent_id}/challenge");
        let revoke_path = format!("/obp/v3.1.0/banks/{BANK}/my/consents/{consent_id}/revoke");
        let answer = w
            .app
            .post_as(&answer_path, &w.alice.token, json!({"answer": code}));
        let revoke = w.app.get_as(&revoke_path, &w.alice.token);
        let (answer, revoke) = tokio::join!(answer, revoke);
        assert!(answer.status < 500 && revoke.status < 500);
        let now = w
            .app
            .get_as(
                &format!("/obp/v5.1.0/user/current/consents/{consent_id}"),
                &w.alice.token,
            )
            .await;
        let status = now.body["status"].as_str().unwrap().to_owned();
        if revoke.status == 200 {
            assert_eq!(status, "REVOKED", "{}", now.text);
        }
        let used = w.get_under("/obp/v5.1.0/my/accounts", &consent_id).await;
        assert_eq!(
            used.status == 200,
            status == "ACCEPTED",
            "{status}: {}",
            used.text
        );
    }
}

pub(crate) async fn futures_join_all<F: std::future::Future>(
    futs: impl Iterator<Item = F>,
) -> Vec<F::Output> {
    // Polled together (a JoinSet would need 'static futures).
    let handles: Vec<F> = futs.collect();
    let mut out = Vec::with_capacity(handles.len());
    let mut pinned: Vec<std::pin::Pin<Box<F>>> = handles.into_iter().map(Box::pin).collect();
    let mut done: Vec<Option<F::Output>> = (0..pinned.len()).map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut all = true;
        for (i, f) in pinned.iter_mut().enumerate() {
            if done[i].is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => done[i] = Some(v),
                    std::task::Poll::Pending => all = false,
                }
            }
        }
        if all {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    out.extend(done.into_iter().map(|d| d.unwrap()));
    out
}

/// An app holding consent A mints consent C under it (same scope, SCA code sent to a phone
/// number of the app's choosing, or no SCA at all), then the user revokes A: the app must
/// not carry on with C.
#[tokio::test]
async fn revoking_a_consent_also_ends_the_consents_made_under_it() {
    let w = world().await;
    let a = w
        .consent_of(&w.alice, body(json!([owner("alice-a")]), json!([])))
        .await;
    let child = w
        .with(
            Method::POST,
            &format!("/obp/v3.1.0/banks/{BANK}/my/consents/SMS"),
            jwt(&a),
            &w.alice.consumer_key,
            Some(body(json!([owner("alice-a")]), json!([]))),
        )
        .await;
    child.assert_status(201);
    w.app
        .get_as(
            &format!("/obp/v3.1.0/banks/{BANK}/my/consents/{}/revoke", id(&a)),
            &w.alice.token,
        )
        .await
        .assert_status(200);
    w.get_under("/obp/v5.1.0/my/accounts", jwt(&a))
        .await
        .assert_obp_error(401, "OBP-35005");
    let res = w
        .get_under("/obp/v5.1.0/my/accounts", jwt(&child.body))
        .await;
    assert_eq!(
        res.status, 401,
        "the child consent still works: {}",
        res.text
    );
}
