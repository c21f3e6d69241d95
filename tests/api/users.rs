use obp_tests::{RequestBody, TestApp, PASSWORD};
use reqwest::Method;
use serde_json::json;

fn sign_up_body(username: &str, password: &str) -> serde_json::Value {
    json!({"email": format!("{username}@example.com"), "username": username, "password": password,
           "first_name": "Felix", "last_name": "Smith"})
}

#[tokio::test]
async fn sign_up_answers_201_with_the_obp_v2_user_shape() {
    let app = TestApp::spawn().await;
    let res = app
        .post_json("/obp/v5.1.0/users", sign_up_body("felix", PASSWORD))
        .await;
    res.assert_status(201);
    let user_id = res.body["user_id"].as_str().unwrap();
    assert!(uuid::Uuid::parse_str(user_id).is_ok());
    assert_eq!(
        res.body,
        json!({"user_id": user_id, "email": "felix@example.com", "provider_id": "felix",
               "provider": app.state.settings.hostname, "username": "felix",
               "entitlements": {"list": []}})
    );
}

#[tokio::test]
async fn sign_up_answers_409_obp_30217_when_the_username_is_taken() {
    let app = TestApp::spawn().await;
    app.create_user("felix", PASSWORD).await;
    let res = app
        .post_json("/obp/v5.1.0/users", sign_up_body("felix", PASSWORD))
        .await;
    res.assert_obp_error(409, "OBP-30230");
    assert_eq!(app.user_count().await, 1);
}

#[tokio::test]
async fn sign_up_answers_400_obp_30207_with_the_rule_when_the_password_is_weak() {
    let app = TestApp::spawn().await;
    for weak in ["short", "alllowercase1!", "NoSpecial12345"] {
        let res = app
            .post_json("/obp/v5.1.0/users", sign_up_body("felix", weak))
            .await;
        res.assert_obp_error(400, "OBP-30207");
        assert!(
            res.message().contains("at least 10 characters long"),
            "{}",
            res.message()
        );
    }
    // A long passphrase is fine.
    app.post_json(
        "/obp/v5.1.0/users",
        sign_up_body("felix", "correct horse battery staple"),
    )
    .await
    .assert_status(201);
    assert_eq!(app.user_count().await, 1);
}

#[tokio::test]
async fn sign_up_answers_403_when_sign_up_is_disabled() {
    let app = TestApp::spawn_with(|s| s.allow_sign_up = false).await;
    let res = app
        .post_json("/obp/v5.1.0/users", sign_up_body("felix", PASSWORD))
        .await;
    res.assert_obp_error(403, "OBP-30231");
    assert_eq!(app.user_count().await, 0);
}

#[tokio::test]
async fn sign_up_answers_obp_10001_or_10006_for_bad_bodies_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let cases: Vec<(RequestBody, u16, &str)> = vec![
        (
            RequestBody::Raw {
                content_type: Some("application/json"),
                body: b"{not json".to_vec(),
            },
            400,
            "OBP-10001",
        ),
        (
            RequestBody::Json(
                json!({"email": 1, "username": true, "password": [], "first_name": "a", "last_name": "b"}),
            ),
            400,
            "OBP-10001",
        ),
        (
            RequestBody::Json(json!({"username": "felix"})),
            400,
            "OBP-10001",
        ),
        (
            RequestBody::Raw {
                content_type: Some("text/xml"),
                body: b"<user/>".to_vec(),
            },
            415,
            "OBP-10043",
        ),
    ];
    for (body, status, code) in cases {
        let res = app
            .request(Method::POST, "/obp/v5.1.0/users", Some(body), &[])
            .await;
        res.assert_obp_error(status, code);
    }
    assert_eq!(app.user_count().await, 0);
}

#[tokio::test]
async fn current_user_answers_401_obp_20001_with_www_authenticate_when_anonymous() {
    let app = TestApp::spawn().await;
    let res = app.get("/obp/v5.1.0/users/current").await;
    res.assert_obp_error(401, "OBP-20001");
    assert_eq!(
        res.message(),
        "OBP-20001: User not logged in. Authentication is required!"
    );
    assert!(res
        .header("WWW-Authenticate")
        .unwrap()
        .contains("DirectLogin"));
}

#[tokio::test]
async fn current_user_answers_the_logged_in_user_with_entitlements() {
    let app = TestApp::spawn().await;
    let p = app.user_with_roles("felix", &[("CanGetAnyUser", "")]).await;
    let res = app.get_as("/obp/v5.1.0/users/current", &p.token).await;
    res.assert_status(200);
    assert_eq!(res.body["user_id"], p.user_id.as_str());
    assert_eq!(res.body["username"], "felix");
    let list = res.body["entitlements"]["list"].as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["role_name"], "CanGetAnyUser");
    assert_eq!(list[0]["bank_id"], "");
    let id = app
        .get_as("/obp/v5.1.0/users/current/user_id", &p.token)
        .await;
    assert_eq!(id.body, json!({"user_id": p.user_id}));
}

#[tokio::test]
async fn get_users_is_guarded_for_anonymous_logged_in_and_role_holding_callers() {
    let app = TestApp::spawn().await;
    app.get("/obp/v5.1.0/users")
        .await
        .assert_obp_error(401, "OBP-20001");
    let plain = app.user_with_roles("plain", &[]).await;
    let res = app.get_as("/obp/v5.1.0/users", &plain.token).await;
    res.assert_obp_error(403, "OBP-20006");
    assert_eq!(
        res.message(),
        "OBP-20006: User is missing one or more roles: CanGetAnyUser"
    );
    let admin = app.user_with_roles("boss", &[("CanGetAnyUser", "")]).await;
    let res = app.get_as("/obp/v5.1.0/users", &admin.token).await;
    res.assert_status(200);
    let users = res.body["users"].as_array().unwrap();
    assert_eq!(users.len(), 2);
    assert_eq!(users[0]["username"], "boss");
    assert_eq!(users[0]["is_deleted"], false);
    assert_eq!(users[0]["is_locked"], false);
    assert!(users[0].get("agreements").is_none());
    assert_eq!(users[1]["username"], "plain");
    let page = app
        .get_as("/obp/v5.1.0/users?limit=1&offset=1", &admin.token)
        .await;
    assert_eq!(page.body["users"].as_array().unwrap().len(), 1);
    assert_eq!(page.body["users"][0]["username"], "plain");
}

#[tokio::test]
async fn users_are_found_by_id_and_by_provider_and_username_or_answer_404() {
    let app = TestApp::spawn().await;
    let admin = app.user_with_roles("boss", &[("CanGetAnyUser", "")]).await;
    let felix = app.create_user("felix", PASSWORD).await;
    let res = app
        .get_as(&format!("/obp/v5.1.0/users/user_id/{felix}"), &admin.token)
        .await;
    res.assert_status(200);
    assert_eq!(res.body["username"], "felix");
    assert_eq!(res.body["agreements"], json!([]));
    app.get_as("/obp/v5.1.0/users/user_id/nope", &admin.token)
        .await
        .assert_obp_error(404, "OBP-20057");
    let path = format!(
        "/obp/v5.1.0/users/provider/{}/username/felix",
        app.provider_in_path()
    );
    let res = app.get_as(&path, &admin.token).await;
    res.assert_status(200);
    assert_eq!(res.body["user_id"], felix.as_str());
    let path = format!(
        "/obp/v5.1.0/users/provider/{}/username/nobody",
        app.provider_in_path()
    );
    app.get_as(&path, &admin.token)
        .await
        .assert_obp_error(404, "OBP-20027");
}

#[tokio::test]
async fn deleting_a_user_needs_can_delete_user_and_stops_their_token_at_once() {
    let app = TestApp::spawn().await;
    let victim = app.user_with_roles("victim", &[]).await;
    let plain = app.user_with_roles("plain", &[]).await;
    let admin = app.user_with_roles("boss", &[("CanDeleteUser", "")]).await;
    let path = format!("/obp/v5.1.0/users/{}", victim.user_id);
    app.delete_as(&path, &plain.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    let res = app.delete_as(&path, &admin.token).await;
    res.assert_status(200);
    assert_eq!(res.body, json!(true));
    app.get_as("/obp/v5.1.0/users/current", &victim.token)
        .await
        .assert_obp_error(401, "OBP-20064");
    app.delete_as(&path, &admin.token)
        .await
        .assert_obp_error(404, "OBP-20005");
}

#[tokio::test]
async fn five_failed_logins_lock_the_username_from_that_address_until_an_admin_unlocks_it() {
    let app = TestApp::spawn().await;
    let (_, key) = app.create_consumer(true).await;
    let felix = app.user_with_roles("felix", &[]).await;
    for _ in 0..5 {
        app.try_login("felix", "Wr0ng!Password", &key)
            .await
            .assert_obp_error(401, "OBP-20004");
    }
    // Refused from this address, even with the right password, with the same answer as a
    // wrong password; the account and its token are untouched.
    app.try_login("felix", PASSWORD, &key)
        .await
        .assert_obp_error(401, "OBP-20004");
    app.get_as("/obp/v5.1.0/users/current", &felix.token)
        .await
        .assert_status(200);

    let reader = app
        .user_with_roles("reader", &[("CanReadUserLockedStatus", "")])
        .await;
    let path = format!(
        "/obp/v5.1.0/users/{}/felix/lock-status",
        app.provider_in_path()
    );
    let res = app.get_as(&path, &reader.token).await;
    res.assert_status(200);
    assert_eq!(res.body["username"], "felix");
    assert_eq!(res.body["bad_attempts_since_last_success_or_reset"], 5);

    app.put_as(&path, &reader.token, json!({}))
        .await
        .assert_obp_error(403, "OBP-20006");
    let admin = app.user_with_roles("boss", &[("CanUnlockUser", "")]).await;
    let res = app.put_as(&path, &admin.token, json!({})).await;
    res.assert_status(200);
    assert_eq!(res.body["bad_attempts_since_last_success_or_reset"], 0);
    app.login("felix", PASSWORD, &key).await;
}

#[tokio::test]
async fn a_successful_login_resets_the_failure_count() {
    let app = TestApp::spawn_with(|s| s.max_bad_login_attempts = 2).await;
    let (_, key) = app.create_consumer(true).await;
    app.create_user("felix", PASSWORD).await;
    app.try_login("felix", "Wr0ng!Password", &key)
        .await
        .assert_obp_error(401, "OBP-20004");
    app.login("felix", PASSWORD, &key).await;
    app.try_login("felix", "Wr0ng!Password", &key)
        .await
        .assert_obp_error(401, "OBP-20004");
    app.login("felix", PASSWORD, &key).await;
}

#[tokio::test]
async fn an_admin_with_can_lock_user_locks_a_user() {
    let app = TestApp::spawn().await;
    let felix = app.user_with_roles("felix", &[]).await;
    let admin = app.user_with_roles("boss", &[("CanLockUser", "")]).await;
    let path = format!("/obp/v5.1.0/users/{}/felix/locks", app.provider_in_path());
    app.post_as(&path, &felix.token, json!({}))
        .await
        .assert_obp_error(403, "OBP-20006");
    let res = app.post_as(&path, &admin.token, json!({})).await;
    res.assert_status(200);
    assert_eq!(res.body["user_id"], felix.user_id.as_str());
    assert_eq!(res.body["type_of_lock"], "lock_via_api");
    app.get_as("/obp/v5.1.0/users/current", &felix.token)
        .await
        .assert_obp_error(401, "OBP-20013");
}
