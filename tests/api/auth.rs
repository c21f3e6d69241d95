use obp_tests::{TestApp, PASSWORD};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn login_answers_201_with_a_token_usable_with_both_header_forms() {
    let app = TestApp::spawn().await;
    let (_, key) = app.create_consumer(true).await;
    app.create_user("felix", PASSWORD).await;
    let res = app.try_login("felix", PASSWORD, &key).await;
    res.assert_status(201);
    let obj = res.body.as_object().unwrap();
    assert_eq!(obj.len(), 1);
    let token = obj["token"].as_str().unwrap();
    assert!(token.len() >= 43);
    for (name, value) in [
        ("DirectLogin", format!("token={token}")),
        ("DirectLogin", format!("token=\"{token}\"")),
        ("Authorization", format!("DirectLogin token=\"{token}\"")),
    ] {
        let res = app
            .get_with("/obp/v5.1.0/users/current", &[(name, &value)])
            .await;
        res.assert_status(200);
        assert_eq!(res.body["username"], "felix");
    }
}

#[tokio::test]
async fn login_works_under_the_version_prefix_and_with_the_deprecated_authorization_header() {
    let app = TestApp::spawn().await;
    let (_, key) = app.create_consumer(true).await;
    app.create_user("felix", PASSWORD).await;
    let header =
        format!("DirectLogin username=\"felix\",password=\"{PASSWORD}\",consumer_key=\"{key}\"");
    let res = app
        .request(
            Method::POST,
            "/obp/v5.1.0/my/logins/direct",
            None,
            &[("Authorization", &header)],
        )
        .await;
    res.assert_status(201);
    assert!(res.body["token"].is_string());
}

#[tokio::test]
async fn login_and_token_headers_strip_each_quote_on_its_own_as_obp() {
    // OBP (DirectLogin.getAllParameters) removes one leading and one trailing `"` from each
    // value independently, so unbalanced quotes are accepted.
    let app = TestApp::spawn().await;
    let (_, key) = app.create_consumer(true).await;
    app.create_user("felix", PASSWORD).await;
    let mut tokens = Vec::new();
    for (name, value, path) in [
        (
            "DirectLogin",
            format!(r#"username="felix, password="{PASSWORD}, consumer_key={key}""#),
            "/my/logins/direct",
        ),
        (
            "DirectLogin",
            format!(r#"username=felix", password={PASSWORD}", consumer_key="{key}"#),
            "/obp/v5.1.0/my/logins/direct",
        ),
        (
            "Authorization",
            format!(r#"DirectLogin username="felix,password="{PASSWORD},consumer_key="{key}"#),
            "/obp/v4.0.0/my/logins/direct",
        ),
    ] {
        let res = app
            .request(Method::POST, path, None, &[(name, &value)])
            .await;
        res.assert_status(201);
        tokens.push(res.body["token"].as_str().unwrap().to_owned());
    }
    for token in &tokens {
        for (name, value) in [
            ("DirectLogin", format!(r#"token="{token}"#)),
            ("DirectLogin", format!(r#"token={token}""#)),
            ("Authorization", format!(r#"DirectLogin token="{token}"#)),
            ("Authorization", format!(r#"DirectLogin token={token}""#)),
        ] {
            let res = app
                .get_with("/obp/v5.1.0/users/current", &[(name, &value)])
                .await;
            res.assert_status(200);
            assert_eq!(res.body["username"], "felix");
        }
    }
}

#[tokio::test]
async fn login_header_names_are_exact_and_empty_or_quote_only_values_are_missing() {
    let app = TestApp::spawn().await;
    let (_, key) = app.create_consumer(true).await;
    app.create_user("felix", PASSWORD).await;
    // `Username` is not `username`, `""` and `"` are empty: both are missing, as in OBP.
    let header = format!(r#"Username=felix, password="", consumer_key={key}"#);
    let res = app
        .request(
            Method::POST,
            "/my/logins/direct",
            None,
            &[("DirectLogin", &header)],
        )
        .await;
    res.assert_obp_error(400, "OBP-20002");
    assert!(
        res.message().ends_with("username, password"),
        "{}",
        res.message()
    );
    let header = format!(r#"username=felix, password=", consumer_key={key}"#);
    app.request(
        Method::POST,
        "/my/logins/direct",
        None,
        &[("DirectLogin", &header)],
    )
    .await
    .assert_obp_error(400, "OBP-20002");
}

#[tokio::test]
async fn login_answers_401_obp_20004_without_saying_which_part_was_wrong() {
    let app = TestApp::spawn().await;
    let (_, key) = app.create_consumer(true).await;
    app.create_user("felix", PASSWORD).await;
    let wrong_password = app.try_login("felix", "Wr0ng!Password", &key).await;
    wrong_password.assert_obp_error(401, "OBP-20004");
    let unknown_user = app.try_login("nobody", PASSWORD, &key).await;
    unknown_user.assert_obp_error(401, "OBP-20004");
    assert_eq!(wrong_password.message(), unknown_user.message());
    assert_eq!(
        wrong_password.message(),
        "OBP-20004: Invalid login credentials. Check username/password."
    );
}

#[tokio::test]
async fn login_answers_401_obp_20008_when_the_consumer_key_is_missing_unknown_or_disabled() {
    let app = TestApp::spawn().await;
    let (_, disabled) = app.create_consumer(false).await;
    app.create_user("felix", PASSWORD).await;
    for key in ["", "no-such-key", disabled.as_str()] {
        app.try_login("felix", PASSWORD, key)
            .await
            .assert_obp_error(401, "OBP-20008");
    }
    let header = format!("username=felix, password={PASSWORD}");
    app.request(
        Method::POST,
        "/my/logins/direct",
        None,
        &[("DirectLogin", &header)],
    )
    .await
    .assert_obp_error(401, "OBP-20008");
}

#[tokio::test]
async fn login_answers_400_for_a_missing_header_or_missing_parameters() {
    let app = TestApp::spawn().await;
    app.request(Method::POST, "/my/logins/direct", None, &[])
        .await
        .assert_obp_error(400, "OBP-20082");
    app.request(
        Method::POST,
        "/my/logins/direct",
        None,
        &[("Authorization", "Basic abc")],
    )
    .await
    .assert_obp_error(401, "OBP-20080");
    let res = app
        .request(
            Method::POST,
            "/my/logins/direct",
            None,
            &[("DirectLogin", "consumer_key=k")],
        )
        .await;
    res.assert_obp_error(400, "OBP-20002");
    assert!(
        res.message().ends_with("username, password"),
        "{}",
        res.message()
    );
}

#[tokio::test]
async fn a_token_expires_after_the_configured_lifetime() {
    let app = TestApp::spawn_with(|s| s.token_expiration_secs = 1).await;
    let p = app.user_with_roles("felix", &[]).await;
    app.get_as("/obp/v5.1.0/users/current", &p.token)
        .await
        .assert_status(200);
    tokio::time::sleep(std::time::Duration::from_millis(1300)).await;
    let res = app.get_as("/obp/v5.1.0/users/current", &p.token).await;
    res.assert_obp_error(401, "OBP-20003");
}

#[tokio::test]
async fn logout_revokes_the_token_at_once() {
    let app = TestApp::spawn().await;
    let p = app.user_with_roles("felix", &[]).await;
    let res = app
        .delete_as("/obp/v5.1.0/my/logins/direct", &p.token)
        .await;
    res.assert_status(204);
    app.get_as("/obp/v5.1.0/users/current", &p.token)
        .await
        .assert_obp_error(401, "OBP-20003");
    app.delete_as("/obp/v5.1.0/my/logins/direct", &p.token)
        .await
        .assert_obp_error(401, "OBP-20003");
}

#[tokio::test]
async fn an_invalid_token_answers_401_obp_20003_even_on_anonymous_endpoints() {
    let app = TestApp::spawn().await;
    let res = app
        .get_with("/obp/v5.1.0/banks", &[("DirectLogin", "token=forged")])
        .await;
    res.assert_obp_error(401, "OBP-20003");
    app.get_with("/obp/v5.1.0/banks", &[("Authorization", "Bearer xyz")])
        .await
        .assert_obp_error(401, "OBP-20080");
}

#[tokio::test]
async fn a_disabled_apps_tokens_stop_working_at_once() {
    let app = TestApp::spawn().await;
    let (consumer_id, key) = app.create_consumer(true).await;
    app.create_user("felix", PASSWORD).await;
    let token = app.login("felix", PASSWORD, &key).await;
    let admin = app
        .user_with_roles("boss", &[("CanDisableConsumers", "")])
        .await;
    let res = app
        .put_as(
            &format!("/obp/v5.1.0/management/consumers/{consumer_id}"),
            &admin.token,
            json!({"enabled": false}),
        )
        .await;
    res.assert_status(200);
    assert_eq!(res.body, json!({"enabled": false}));
    app.get_as("/obp/v5.1.0/users/current", &token)
        .await
        .assert_obp_error(401, "OBP-20003");
    app.try_login("felix", PASSWORD, &key)
        .await
        .assert_obp_error(401, "OBP-20008");
}

const GATEWAY_SECRET: &str = "gateway-secret-gateway-secret-123456";

#[tokio::test]
async fn gateway_login_creates_the_user_from_an_allowed_address_with_a_valid_jwt() {
    let app = TestApp::spawn_with(|s| {
        s.gateway_login.enabled = true;
        s.gateway_login.secret = obp_api::config::Secret::new(GATEWAY_SECRET);
        s.gateway_login.allowed_hosts = vec!["127.0.0.1".to_owned()];
    })
    .await;
    let jwt = obp_api::auth::sign_gateway_jwt(
        &json!({"login_user_name": "gw-user"}),
        GATEWAY_SECRET.as_bytes(),
    );
    let header = format!("GatewayLogin token=\"{jwt}\"");
    for _ in 0..2 {
        let res = app
            .get_with("/obp/v5.1.0/users/current", &[("Authorization", &header)])
            .await;
        res.assert_status(200);
        assert_eq!(res.body["username"], "gw-user");
        assert_eq!(res.body["provider"], "gateway");
    }
    assert_eq!(app.user_count().await, 1);
    let forged = obp_api::auth::sign_gateway_jwt(
        &json!({"login_user_name": "gw-user"}),
        b"another-secret-another-secret-9999",
    );
    let header = format!("GatewayLogin token=\"{forged}\"");
    app.get_with("/obp/v5.1.0/users/current", &[("Authorization", &header)])
        .await
        .assert_obp_error(401, "OBP-20040");
}

#[tokio::test]
async fn gateway_login_is_refused_from_other_addresses_and_when_off() {
    let app = TestApp::spawn_with(|s| {
        s.gateway_login.enabled = true;
        s.gateway_login.secret = obp_api::config::Secret::new(GATEWAY_SECRET);
        s.gateway_login.allowed_hosts = vec!["10.9.9.9".to_owned()];
    })
    .await;
    let jwt = obp_api::auth::sign_gateway_jwt(
        &json!({"login_user_name": "gw-user"}),
        GATEWAY_SECRET.as_bytes(),
    );
    let header = format!("GatewayLogin token=\"{jwt}\"");
    app.get_with("/obp/v5.1.0/users/current", &[("Authorization", &header)])
        .await
        .assert_obp_error(401, "OBP-20040");
    let off = TestApp::spawn().await;
    off.get_with("/obp/v5.1.0/users/current", &[("Authorization", &header)])
        .await
        .assert_obp_error(401, "OBP-20080");
    assert_eq!(app.user_count().await, 0);
}

#[tokio::test]
async fn logins_hash_off_the_async_workers_so_other_requests_are_not_blocked() {
    // One HTTP worker and a costly hash: if hashing ran on the worker, the banks request
    // would wait for every login in flight.
    let app = TestApp::spawn_with(|s| {
        s.workers = 1;
        s.password_hash = obp_api::config::PasswordHashCost {
            memory_kib: 8192,
            iterations: 3,
            parallelism: 1,
        };
    })
    .await;
    let (_, key) = app.create_consumer(true).await;
    app.create_user("felix", PASSWORD).await;
    let started = std::time::Instant::now();
    let logins = async {
        let (a, b, c) = tokio::join!(
            app.try_login("felix", PASSWORD, &key),
            app.try_login("felix", PASSWORD, &key),
            app.try_login("felix", PASSWORD, &key)
        );
        for r in [a, b, c] {
            r.assert_status(201);
        }
        started.elapsed()
    };
    let banks = async {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        let res = app.get("/obp/v5.1.0/banks").await;
        res.assert_status(200);
        started.elapsed()
    };
    let (logins_done, banks_done) = tokio::join!(logins, banks);
    assert!(
        banks_done < logins_done,
        "banks answered after {banks_done:?}, logins took {logins_done:?}"
    );
}

#[tokio::test]
async fn with_the_token_cache_on_this_instance_still_sees_logouts_locks_apps_and_roles_at_once() {
    let app = TestApp::spawn_with(|s| s.token_cache_ttl_millis = 60_000).await;
    let admin = app
        .user_with_roles("boss", &[("CanLockUser", ""), ("CanDisableConsumers", "")])
        .await;
    let felix = app.user_with_roles("felix", &[]).await;
    let routings = "/obp/v5.1.0/management/method_routings";
    app.get_as("/obp/v5.1.0/users/current", &felix.token)
        .await
        .assert_status(200);
    // Roles are never remembered: granted and revoked roles count on the next request.
    app.get_as(routings, &felix.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    app.grant(&felix.user_id, "CanGetMethodRoutings", "").await;
    app.get_as(routings, &felix.token).await.assert_status(200);
    app.exec_sql(
        &format!(
            "DELETE FROM entitlement WHERE user_id = '{}'",
            felix.user_id
        ),
        vec![],
    )
    .await;
    app.get_as(routings, &felix.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    // Locking the user through this instance.
    let lock = format!("/obp/v5.1.0/users/{}/felix/locks", app.provider_in_path());
    app.post_as(&lock, &admin.token, json!({}))
        .await
        .assert_status(200);
    app.get_as("/obp/v5.1.0/users/current", &felix.token)
        .await
        .assert_obp_error(401, "OBP-20013");
    // Logging out.
    let oscar = app.user_with_roles("oscar", &[]).await;
    app.get_as("/obp/v5.1.0/users/current", &oscar.token)
        .await
        .assert_status(200);
    app.delete_as("/obp/v5.1.0/my/logins/direct", &oscar.token)
        .await
        .assert_status(204);
    app.get_as("/obp/v5.1.0/users/current", &oscar.token)
        .await
        .assert_obp_error(401, "OBP-20003");
    // Disabling the app.
    let (consumer_id, key) = app.create_consumer(true).await;
    app.create_user("olga", PASSWORD).await;
    let olga = app.login("olga", PASSWORD, &key).await;
    app.get_as("/obp/v5.1.0/users/current", &olga)
        .await
        .assert_status(200);
    app.put_as(
        &format!("/obp/v5.1.0/management/consumers/{consumer_id}"),
        &admin.token,
        json!({"enabled": false}),
    )
    .await
    .assert_status(200);
    app.get_as("/obp/v5.1.0/users/current", &olga)
        .await
        .assert_obp_error(401, "OBP-20003");
}

#[tokio::test]
async fn the_token_cache_trusts_a_token_for_its_ttl_only_and_never_past_its_expiry() {
    let app = TestApp::spawn_with(|s| {
        s.token_cache_ttl_millis = 700;
        s.token_expiration_secs = 2;
    })
    .await;
    let felix = app.user_with_roles("felix", &[]).await;
    app.get_as("/obp/v5.1.0/users/current", &felix.token)
        .await
        .assert_status(200);
    // Revoked behind this instance's back (as another instance of a cluster would): the
    // remembered check still stands for the TTL, then the database is asked again.
    app.exec_sql("UPDATE direct_login_token SET revoked = TRUE", vec![])
        .await;
    app.get_as("/obp/v5.1.0/users/current", &felix.token)
        .await
        .assert_status(200);
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    app.get_as("/obp/v5.1.0/users/current", &felix.token)
        .await
        .assert_obp_error(401, "OBP-20003");
    // A token is not trusted past its own expiry, however recently it was checked.
    let oscar = app.user_with_roles("oscar", &[]).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_millis(2600);
    loop {
        let res = app.get_as("/obp/v5.1.0/users/current", &oscar.token).await;
        if std::time::Instant::now() > deadline {
            res.assert_obp_error(401, "OBP-20003");
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}
