use obp_tests::{TestApp, PASSWORD};
use serde_json::json;

fn consumer_body() -> serde_json::Value {
    json!({"app_name": "SOFI", "app_type": "Web", "description": "Account Management",
           "developer_email": "dev@example.com", "redirect_url": "https://sofi.example/cb",
           "created_by_user_id": "ignored", "enabled": true, "created": "2024-10-16T14:19:53Z",
           "clientCertificate": ""})
}

#[tokio::test]
async fn creating_a_consumer_needs_can_create_consumer_and_shows_the_secret_once() {
    let app = TestApp::spawn().await;
    app.post_json("/obp/v5.1.0/management/consumers", consumer_body())
        .await
        .assert_obp_error(401, "OBP-20001");
    let plain = app.user_with_roles("plain", &[]).await;
    let res = app
        .post_as(
            "/obp/v5.1.0/management/consumers",
            &plain.token,
            consumer_body(),
        )
        .await;
    res.assert_obp_error(403, "OBP-20006");
    assert_eq!(
        res.message(),
        "OBP-20006: User is missing one or more roles: CanCreateConsumer"
    );

    let admin = app
        .user_with_roles(
            "boss",
            &[("CanCreateConsumer", ""), ("CanGetConsumers", "")],
        )
        .await;
    let res = app
        .post_as(
            "/obp/v5.1.0/management/consumers",
            &admin.token,
            consumer_body(),
        )
        .await;
    res.assert_status(201);
    let b = &res.body;
    let id = b["consumer_id"].as_str().unwrap();
    let key = b["key"].as_str().unwrap();
    assert_eq!(key.len(), 40);
    assert!(b["secret"].as_str().unwrap().len() >= 43);
    assert_eq!(b["app_name"], "SOFI");
    assert_eq!(b["developer_email"], "dev@example.com");
    assert_eq!(b["redirect_url"], "https://sofi.example/cb");
    assert_eq!(b["created_by_user_id"], admin.user_id.as_str());
    assert_eq!(b["created_by_user"]["username"], "boss");
    assert_eq!(b["enabled"], true);

    // The new app can log users in.
    app.create_user("felix", PASSWORD).await;
    app.login("felix", PASSWORD, key).await;

    let one = app
        .get_as(
            &format!("/obp/v5.1.0/management/consumers/{id}"),
            &admin.token,
        )
        .await;
    one.assert_status(200);
    assert_eq!(one.body["consumer_id"], id);
    assert!(one.body.get("secret").is_none() && one.body.get("key").is_none());
    let all = app
        .get_as("/obp/v5.1.0/management/consumers", &admin.token)
        .await;
    all.assert_status(200);
    assert!(all.body["consumers"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["consumer_id"] == id));
    app.get_as("/obp/v5.1.0/management/consumers/nope", &admin.token)
        .await
        .assert_obp_error(404, "OBP-30019");
}

#[tokio::test]
async fn enabling_and_disabling_need_their_own_roles() {
    let app = TestApp::spawn().await;
    let (id, _) = app.create_consumer(true).await;
    let path = format!("/obp/v5.1.0/management/consumers/{id}");
    let enabler = app
        .user_with_roles("enabler", &[("CanEnableConsumers", "")])
        .await;
    let res = app
        .put_as(&path, &enabler.token, json!({"enabled": false}))
        .await;
    res.assert_obp_error(403, "OBP-20006");
    assert!(res.message().ends_with("CanDisableConsumers"));
    let disabler = app
        .user_with_roles("disabler", &[("CanDisableConsumers", "")])
        .await;
    app.put_as(&path, &disabler.token, json!({"enabled": false}))
        .await
        .assert_status(200);
    app.put_as(&path, &disabler.token, json!({"enabled": true}))
        .await
        .assert_obp_error(403, "OBP-20006");
    let res = app
        .put_as(&path, &enabler.token, json!({"enabled": true}))
        .await;
    res.assert_status(200);
    assert_eq!(res.body, json!({"enabled": true}));
    app.put_as(
        "/obp/v5.1.0/management/consumers/nope",
        &enabler.token,
        json!({"enabled": true}),
    )
    .await
    .assert_obp_error(404, "OBP-30019");
}

#[tokio::test]
async fn a_logged_in_developer_registers_an_app_and_lists_it() {
    let app = TestApp::spawn().await;
    app.post_json("/obp/v5.1.0/my/consumers", json!({"app_name": "mine"}))
        .await
        .assert_obp_error(401, "OBP-20001");
    let dev = app.user_with_roles("dev", &[]).await;
    let res = app
        .post_as(
            "/obp/v5.1.0/my/consumers",
            &dev.token,
            json!({"app_name": "mine", "redirect_url": "https://x"}),
        )
        .await;
    res.assert_status(201);
    assert_eq!(res.body["developer_email"], "dev@example.com");
    let key = res.body["key"].as_str().unwrap().to_owned();
    app.login("dev", PASSWORD, &key).await;
    let mine = app
        .get_as("/obp/v5.1.0/management/users/current/consumers", &dev.token)
        .await;
    mine.assert_status(200);
    let list = mine.body["consumers"].as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["app_name"], "mine");
    app.post_as(
        "/obp/v5.1.0/my/consumers",
        &dev.token,
        json!({"app_name": " "}),
    )
    .await
    .assert_obp_error(400, "OBP-10001");
}
