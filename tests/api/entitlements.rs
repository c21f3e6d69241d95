use obp_tests::{TestApp, PASSWORD};
use serde_json::json;

#[tokio::test]
async fn roles_lists_the_roles_something_checks_to_logged_in_users() {
    let app = TestApp::spawn().await;
    app.get("/obp/v5.1.0/roles")
        .await
        .assert_obp_error(401, "OBP-20001");
    let p = app.user_with_roles("felix", &[]).await;
    let res = app.get_as("/obp/v5.1.0/roles", &p.token).await;
    res.assert_status(200);
    let roles = res.body["roles"].as_array().unwrap();
    // Only roles an endpoint or a service checks, not all 310 of OBP's catalogue (and the
    // platform's own): a listed role always gives something.
    let names: Vec<&str> = roles.iter().map(|r| r["role"].as_str().unwrap()).collect();
    assert!(names.len() > 50 && names.len() < 310, "{}", names.len());
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted);
    assert!(!names.contains(&"CanAddSocialMediaHandle"), "{names:?}");
    assert!(
        names.contains(&"CanCreateAnyTransactionRequest"),
        "{names:?}"
    );
    assert!(roles.contains(&json!({"role": "CanVerifyLedger", "requires_bank_id": false})));
    assert!(roles.contains(&json!({"role": "CanCreateBank", "requires_bank_id": false})));
    assert!(
        roles.contains(&json!({"role": "CanCreateEntitlementAtOneBank", "requires_bank_id": true}))
    );
}

#[tokio::test]
async fn adding_an_entitlement_follows_obps_rules_and_codes() {
    let app = TestApp::spawn().await;
    app.insert_bank("gh.29.uk", "GH", "Gringotts").await;
    let admin = app
        .user_with_roles("boss", &[("CanCreateEntitlementAtAnyBank", "")])
        .await;
    let felix = app.user_with_roles("felix", &[]).await;
    let path = format!("/obp/v5.1.0/users/{}/entitlements", felix.user_id);

    app.post_json(&path, json!({"bank_id": "", "role_name": "CanGetAnyUser"}))
        .await
        .assert_obp_error(401, "OBP-20001");
    let res = app
        .post_as(
            &path,
            &felix.token,
            json!({"bank_id": "", "role_name": "CanGetAnyUser"}),
        )
        .await;
    res.assert_obp_error(403, "OBP-20006");
    assert_eq!(
        res.message(),
        "OBP-20006: User is missing one or more roles: CanCreateEntitlementAtAnyBank"
    );

    let res = app
        .post_as(
            &path,
            &admin.token,
            json!({"bank_id": "", "role_name": "CanGetAnyUser"}),
        )
        .await;
    res.assert_status(201);
    let id = res.body["entitlement_id"].as_str().unwrap();
    assert_eq!(
        res.body,
        json!({"entitlement_id": id, "role_name": "CanGetAnyUser", "bank_id": ""})
    );
    app.post_as(
        &path,
        &admin.token,
        json!({"bank_id": "", "role_name": "CanGetAnyUser"}),
    )
    .await
    .assert_obp_error(400, "OBP-30216");
    app.post_as(
        &path,
        &admin.token,
        json!({"bank_id": "", "role_name": "CanCreateBranch"}),
    )
    .await
    .assert_obp_error(400, "OBP-30205");
    app.post_as(
        &path,
        &admin.token,
        json!({"bank_id": "gh.29.uk", "role_name": "CanGetAnyUser"}),
    )
    .await
    .assert_obp_error(400, "OBP-30206");
    let res = app
        .post_as(
            &path,
            &admin.token,
            json!({"bank_id": "", "role_name": "CanFly"}),
        )
        .await;
    res.assert_obp_error(400, "OBP-10007");
    assert!(res.message().starts_with(
        "OBP-10007: Incorrect Role name: CanFly. Possible roles are CanAddKycCheck, "
    ));
    app.post_as(
        &path,
        &admin.token,
        json!({"bank_id": "no.bank", "role_name": "CanCreateBranch"}),
    )
    .await
    .assert_obp_error(404, "OBP-30001");
    app.post_as(
        "/obp/v5.1.0/users/nobody/entitlements",
        &admin.token,
        json!({"bank_id": "", "role_name": "CanGetAnyUser"}),
    )
    .await
    .assert_obp_error(404, "OBP-20005");
    let res = app
        .post_as(
            &path,
            &admin.token,
            json!({"bank_id": "gh.29.uk", "role_name": "CanCreateBranch"}),
        )
        .await;
    res.assert_status(201);
    assert_eq!(res.body["bank_id"], "gh.29.uk");
}

#[tokio::test]
async fn can_create_entitlement_at_one_bank_grants_only_at_that_bank() {
    let app = TestApp::spawn().await;
    app.insert_bank("bank.a", "A", "Bank A").await;
    app.insert_bank("bank.b", "B", "Bank B").await;
    let local = app
        .user_with_roles("local", &[("CanCreateEntitlementAtOneBank", "bank.a")])
        .await;
    let felix = app.create_user("felix", PASSWORD).await;
    let path = format!("/obp/v5.1.0/users/{felix}/entitlements");
    app.post_as(
        &path,
        &local.token,
        json!({"bank_id": "bank.a", "role_name": "CanCreateBranch"}),
    )
    .await
    .assert_status(201);
    let res = app
        .post_as(
            &path,
            &local.token,
            json!({"bank_id": "bank.b", "role_name": "CanCreateBranch"}),
        )
        .await;
    res.assert_obp_error(403, "OBP-20006");
    assert_eq!(
        res.message(),
        "OBP-20006: User is missing one or more roles: CanCreateEntitlementAtAnyBank or CanCreateEntitlementAtOneBank for BankId(bank.b)."
    );
    app.post_as(
        &path,
        &local.token,
        json!({"bank_id": "", "role_name": "CanGetAnyUser"}),
    )
    .await
    .assert_obp_error(403, "OBP-20006");
}

#[tokio::test]
async fn super_admins_from_settings_may_grant_roles_and_show_a_super_admin_entry() {
    let app = TestApp::spawn().await;
    let root = app.user_with_roles("root", &[]).await;
    let felix = app.create_user("felix", PASSWORD).await;
    let path = format!("/obp/v5.1.0/users/{felix}/entitlements");
    app.post_as(
        &path,
        &root.token,
        json!({"bank_id": "", "role_name": "CanGetAnyUser"}),
    )
    .await
    .assert_obp_error(403, "OBP-20006");

    // A second instance over the same database, with root as super admin: the token issued
    // by the first instance works there too (no per-instance state).
    let mut settings = (*app.state.settings).clone();
    settings.super_admin_user_ids = vec![root.user_id.clone()];
    settings.listen = "127.0.0.1:0".to_owned();
    let server = obp_api::startup::Application::build_with_store(
        settings,
        app.state.store.clone(),
        obp_api::startup::Signals::Ignore,
    )
    .unwrap();
    let addr = format!("http://{}", server.local_addr());
    let handle = server.handle();
    tokio::spawn(server.run_until_stopped());
    let client = reqwest::Client::new();
    let res = client
        .post(format!("{addr}{path}"))
        .header("DirectLogin", format!("token={}", root.token))
        .json(&json!({"bank_id": "", "role_name": "CanGetAnyUser"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let mine = client
        .get(format!("{addr}/obp/v5.1.0/my/entitlements"))
        .header("DirectLogin", format!("token={}", root.token))
        .send()
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .await
        .unwrap();
    assert_eq!(
        mine["list"],
        json!([{"entitlement_id": "", "role_name": "SuperAdmin", "bank_id": ""}])
    );
    handle.stop(false).await;
}

#[tokio::test]
async fn entitlements_are_listed_per_user_per_bank_for_me_and_for_all_and_deleted() {
    let app = TestApp::spawn().await;
    app.insert_bank("gh.29.uk", "GH", "Gringotts").await;
    let felix = app
        .user_with_roles(
            "felix",
            &[("CanGetAnyUser", ""), ("CanCreateBranch", "gh.29.uk")],
        )
        .await;
    let admin = app
        .user_with_roles(
            "boss",
            &[
                ("CanGetEntitlementsForAnyUserAtAnyBank", ""),
                ("CanDeleteEntitlementAtAnyBank", ""),
            ],
        )
        .await;
    let mine = app
        .get_as("/obp/v5.1.0/my/entitlements", &felix.token)
        .await;
    mine.assert_status(200);
    let list = mine.body["list"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["role_name"], "CanCreateBranch");
    assert_eq!(list[0]["bank_id"], "gh.29.uk");

    let path = format!("/obp/v5.1.0/users/{}/entitlements", felix.user_id);
    app.get_as(&path, &felix.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    let res = app.get_as(&path, &admin.token).await;
    res.assert_status(200);
    assert_eq!(res.body["list"].as_array().unwrap().len(), 2);

    let all = app
        .get_as("/obp/v5.1.0/entitlements?role=CanGetAnyUser", &admin.token)
        .await;
    all.assert_status(200);
    assert_eq!(all.body["list"].as_array().unwrap().len(), 1);
    assert_eq!(all.body["list"][0]["username"], "felix");
    assert_eq!(all.body["list"][0]["user_id"], felix.user_id.as_str());

    app.get_as("/obp/v5.1.0/banks/gh.29.uk/entitlements", &felix.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    let banker = app
        .user_with_roles("banker", &[("CanGetEntitlementsForOneBank", "gh.29.uk")])
        .await;
    let res = app
        .get_as("/obp/v5.1.0/banks/gh.29.uk/entitlements", &banker.token)
        .await;
    res.assert_status(200);
    let list = res.body["list"].as_array().unwrap();
    assert_eq!(list.len(), 2, "{}", res.text);
    assert!(list
        .iter()
        .all(|e| e["bank_id"] == "gh.29.uk" && e["user_id"].is_string()));

    let ent_id = mine.body["list"][0]["entitlement_id"].as_str().unwrap();
    let del = format!("/obp/v5.1.0/users/{}/entitlement/{ent_id}", felix.user_id);
    app.delete_as(&del, &felix.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    app.delete_as(
        &format!("/obp/v5.1.0/users/{}/entitlement/{ent_id}", admin.user_id),
        &admin.token,
    )
    .await
    .assert_obp_error(400, "OBP-30213");
    app.delete_as(&del, &admin.token).await.assert_status(204);
    app.delete_as(&del, &admin.token)
        .await
        .assert_obp_error(404, "OBP-30212");
    let mine = app
        .get_as("/obp/v5.1.0/my/entitlements", &felix.token)
        .await;
    assert_eq!(mine.body["list"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn entitlement_requests_are_made_listed_and_deleted() {
    let app = TestApp::spawn().await;
    app.insert_bank("gh.29.uk", "GH", "Gringotts").await;
    let felix = app.user_with_roles("felix", &[]).await;
    let admin = app
        .user_with_roles(
            "boss",
            &[
                ("CanGetEntitlementRequestsAtAnyBank", ""),
                ("CanDeleteEntitlementRequestsAtAnyBank", ""),
            ],
        )
        .await;
    app.post_json(
        "/obp/v5.1.0/entitlement-requests",
        json!({"bank_id": "", "role_name": "CanGetAnyUser"}),
    )
    .await
    .assert_obp_error(401, "OBP-20001");
    let res = app
        .post_as(
            "/obp/v5.1.0/entitlement-requests",
            &felix.token,
            json!({"bank_id": "gh.29.uk", "role_name": "CanCreateBranch"}),
        )
        .await;
    res.assert_status(201);
    let req_id = res.body["entitlement_request_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(res.body["user"]["username"], "felix");
    assert_eq!(res.body["role_name"], "CanCreateBranch");
    assert_eq!(res.body["bank_id"], "gh.29.uk");
    assert!(res.body["created"].as_str().unwrap().ends_with('Z'));
    app.post_as(
        "/obp/v5.1.0/entitlement-requests",
        &felix.token,
        json!({"bank_id": "gh.29.uk", "role_name": "CanCreateBranch"}),
    )
    .await
    .assert_obp_error(400, "OBP-30214");
    app.post_as(
        "/obp/v5.1.0/entitlement-requests",
        &felix.token,
        json!({"bank_id": "", "role_name": "CanCreateBranch"}),
    )
    .await
    .assert_obp_error(400, "OBP-30205");
    app.post_as(
        "/obp/v5.1.0/entitlement-requests",
        &felix.token,
        json!({"bank_id": "no.bank", "role_name": "CanCreateBranch"}),
    )
    .await
    .assert_obp_error(404, "OBP-30001");
    app.post_as(
        "/obp/v5.1.0/entitlement-requests",
        &felix.token,
        json!({"bank_id": "", "role_name": "CanFly"}),
    )
    .await
    .assert_obp_error(400, "OBP-10007");

    let mine = app
        .get_as("/obp/v5.1.0/my/entitlement-requests", &felix.token)
        .await;
    mine.assert_status(200);
    assert_eq!(
        mine.body["entitlement_requests"].as_array().unwrap().len(),
        1
    );
    app.get_as("/obp/v5.1.0/entitlement-requests", &felix.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    let all = app
        .get_as("/obp/v5.1.0/entitlement-requests", &admin.token)
        .await;
    assert_eq!(
        all.body["entitlement_requests"].as_array().unwrap().len(),
        1
    );
    let of_user = app
        .get_as(
            &format!("/obp/v5.1.0/users/{}/entitlement-requests", felix.user_id),
            &admin.token,
        )
        .await;
    assert_eq!(
        of_user.body["entitlement_requests"][0]["entitlement_request_id"],
        req_id.as_str()
    );
    let del = format!("/obp/v5.1.0/entitlement-requests/{req_id}");
    app.delete_as(&del, &felix.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    let res = app.delete_as(&del, &admin.token).await;
    res.assert_status(200);
    assert_eq!(res.body, json!(true));
    app.delete_as(&del, &admin.token)
        .await
        .assert_obp_error(404, "OBP-30215");
}

#[tokio::test]
async fn just_in_time_entitlements_grant_a_missing_role_to_who_could_grant_it() {
    let app = TestApp::spawn_with(|s| s.create_just_in_time_entitlements = true).await;
    let plain = app.user_with_roles("plain", &[]).await;
    app.get_as("/obp/v5.1.0/users", &plain.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    let granter = app
        .user_with_roles("granter", &[("CanCreateEntitlementAtAnyBank", "")])
        .await;
    app.get_as("/obp/v5.1.0/users", &granter.token)
        .await
        .assert_status(200);
    let mine = app
        .get_as("/obp/v5.1.0/my/entitlements", &granter.token)
        .await;
    assert!(mine.body["list"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["role_name"] == "CanGetAnyUser"));
}

#[tokio::test]
async fn just_in_time_entitlements_are_off_by_default() {
    let app = TestApp::spawn().await;
    let granter = app
        .user_with_roles("granter", &[("CanCreateEntitlementAtAnyBank", "")])
        .await;
    app.get_as("/obp/v5.1.0/users", &granter.token)
        .await
        .assert_obp_error(403, "OBP-20006");
}

#[tokio::test]
async fn creating_a_bank_needs_can_create_bank_and_makes_the_creator_its_entitlement_admin() {
    let app = TestApp::spawn().await;
    let body = json!({"id": "gh.29.uk", "bank_code": "CGHZ", "full_name": "Gringotts", "logo": "https://logo",
                      "website": "https://www.example.com",
                      "bank_routings": [{"scheme": "BIC", "address": "GRINGB2L"}, {"scheme": "OBP", "address": "gh"}]});
    app.post_json("/obp/v5.1.0/banks", body.clone())
        .await
        .assert_obp_error(401, "OBP-20001");
    let plain = app.user_with_roles("plain", &[]).await;
    let res = app
        .post_as("/obp/v5.1.0/banks", &plain.token, body.clone())
        .await;
    res.assert_obp_error(403, "OBP-20006");
    assert_eq!(
        res.message(),
        "OBP-20006: User is missing one or more roles: CanCreateBank"
    );

    let creator = app
        .user_with_roles("creator", &[("CanCreateBank", "")])
        .await;
    let res = app
        .post_as("/obp/v5.1.0/banks", &creator.token, body.clone())
        .await;
    res.assert_status(201);
    assert_eq!(
        res.body,
        json!({"id": "gh.29.uk", "bank_code": "CGHZ", "full_name": "Gringotts", "logo": "https://logo",
               "website": "https://www.example.com", "bank_routings": [{"scheme": "OBP", "address": "gh"}],
               "attributes": []})
    );
    app.get("/obp/v5.1.0/banks/gh.29.uk")
        .await
        .assert_status(200);
    app.post_as("/obp/v5.1.0/banks", &creator.token, body)
        .await
        .assert_obp_error(400, "OBP-34000");
    app.post_as(
        "/obp/v5.1.0/banks",
        &creator.token,
        json!({"id": "ab", "bank_code": "X"}),
    )
    .await
    .assert_obp_error(400, "OBP-10001");
    app.post_as(
        "/obp/v5.1.0/banks",
        &creator.token,
        json!({"id": "bad id!", "bank_code": "X"}),
    )
    .await
    .assert_obp_error(400, "OBP-10001");

    // The creator may now grant bank roles at the new bank.
    let felix = app.create_user("felix", PASSWORD).await;
    app.post_as(
        &format!("/obp/v5.1.0/users/{felix}/entitlements"),
        &creator.token,
        json!({"bank_id": "gh.29.uk", "role_name": "CanCreateBranch"}),
    )
    .await
    .assert_status(201);
}

#[tokio::test]
async fn bootstrap_is_idempotent_and_its_admin_can_grant_any_role() {
    let app = TestApp::spawn().await;
    let first = app.bootstrap_admin().await;
    let again = obp_api::bootstrap::bootstrap(
        (*app.state.settings).clone(),
        app.state.store.clone(),
        "admin",
        PASSWORD,
        None,
    )
    .await
    .unwrap();
    assert_eq!(again.user_id, first.persona.user_id);
    assert_eq!(again.consumer_key, first.consumer_key);
    assert_ne!(again.consumer_secret, first.consumer_secret);
    assert!(!again.created_user);
    assert_eq!(app.user_count().await, 1);
    let mine = app
        .get_as("/obp/v5.1.0/my/entitlements", &first.persona.token)
        .await;
    assert_eq!(mine.body["list"].as_array().unwrap().len(), 1);
    assert_eq!(
        mine.body["list"][0]["role_name"],
        "CanCreateEntitlementAtAnyBank"
    );
    let res = app
        .post_as(
            &format!("/obp/v5.1.0/users/{}/entitlements", first.persona.user_id),
            &first.persona.token,
            json!({"bank_id": "", "role_name": "CanCreateBank"}),
        )
        .await;
    res.assert_status(201);
}

#[tokio::test]
async fn the_openapi_document_shows_each_endpoints_guard() {
    let app = TestApp::spawn().await;
    let res = app.get("/obp/v5.1.0/resource-docs/v5.1.0/openapi").await;
    let paths = &res.body["paths"];
    let get_users = &paths["/obp/v5.1.0/users"]["get"];
    assert_eq!(
        get_users["x-obp-roles"],
        json!([{"role": "CanGetAnyUser", "requires_bank_id": false}])
    );
    assert!(get_users["security"].is_array());
    let create_user = &paths["/obp/v5.1.0/users"]["post"];
    assert_eq!(create_user["x-obp-roles"], json!([]));
    assert!(create_user.get("security").is_none());
    let for_bank = &paths["/obp/v5.1.0/banks/{bank_id}/entitlements"]["get"];
    assert_eq!(
        for_bank["x-obp-roles"][0],
        json!({"role": "CanGetEntitlementsForOneBank", "requires_bank_id": true})
    );
    assert!(paths.get("/my/logins/direct").is_some());
    // Every operation under /obp carries its guard.
    for (path, item) in paths.as_object().unwrap() {
        if !path.starts_with("/obp/")
            || path.contains("resource-docs")
            || path.ends_with("/root")
            || path.ends_with("/api/versions")
            || path == "/obp/v5.1.0/"
        {
            continue;
        }
        for (method, op) in item.as_object().unwrap() {
            assert!(
                op.get("x-obp-roles").is_some(),
                "{method} {path} has no guard"
            );
        }
    }
}
