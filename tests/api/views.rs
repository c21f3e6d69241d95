use obp_tests::TestApp;
use serde_json::{json, Value};

const B: &str = "view.bank";

/// A bank, alice's funded account `alice-1` with one transfer to `alice-2`, and bob.
async fn setup(app: &TestApp) -> (obp_tests::Persona, obp_tests::Persona) {
    let banker = app.create_bank(B).await;
    let alice = app.user_with_roles("alice", &[]).await;
    let bob = app.user_with_roles("bob", &[]).await;
    app.create_account(&alice.token, B, "alice-1").await;
    app.create_account(&alice.token, B, "alice-2").await;
    app.fund_account(&banker.token, B, "alice-1", "50", "2024-02-01T09:00:00Z")
        .await;
    app.transfer(
        &banker.token,
        B,
        "alice-1",
        "alice-2",
        "20",
        "2024-02-02T09:00:00Z",
    )
    .await;
    (alice, bob)
}

async fn grant(app: &TestApp, owner: &str, user_id: &str, view: &str) {
    let res = app
        .post_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/views/owner/account-access/grant"),
            owner,
            json!({"user_id": user_id, "view_id": view}),
        )
        .await;
    res.assert_status(201);
}

fn shown(v: &Value) -> bool {
    !v.is_null() && v != &json!([])
}

#[tokio::test]
async fn the_view_matrix_shows_exactly_the_fields_each_view_allows() {
    let app = TestApp::spawn().await;
    let (alice, bob) = setup(&app).await;
    let res = app
        .post_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/views/owner/target-views"),
            &alice.token,
            json!({"name": "_amounts", "description": "amounts only", "metadata_view": "_amounts",
                "is_public": false, "which_alias_to_use": "", "hide_metadata_if_alias_used": false,
                "allowed_permissions": ["can_see_transaction_amount", "can_see_bank_account_label"]}),
        )
        .await;
    res.assert_status(201);
    // (view, [label, number, owners, product_code, balance, routings],
    //  [this_account, other_account, type, description, posted, new_balance, value, metadata])
    let matrix: &[(&str, [bool; 6], [bool; 8])] = &[
        ("owner", [true; 6], [true; 8]),
        ("accountant", [true; 6], [true; 8]),
        ("auditor", [true; 6], [true; 8]),
        ("standard", [true; 6], [true; 8]),
        ("firehose", [true; 6], [true; 8]),
        (
            "ReadAccountsBasic",
            [true, false, false, true, false, false],
            [false; 8],
        ),
        ("ReadAccountsDetail", [true; 6], [false; 8]),
        (
            "ReadBalances",
            [false, false, false, false, true, false],
            [false; 8],
        ),
        (
            "ReadTransactionsBasic",
            [false; 6],
            [false, false, true, false, true, false, true, false],
        ),
        (
            "ReadTransactionsDetail",
            [false; 6],
            [true, true, true, true, true, true, true, false],
        ),
        (
            "ReadTransactionsDebits",
            [false; 6],
            [true, true, true, true, true, true, true, false],
        ),
        (
            "_amounts",
            [true, false, false, false, false, false],
            [false, false, false, false, false, false, true, false],
        ),
    ];
    for (view, account_fields, tx_fields) in matrix {
        grant(&app, &alice.token, &bob.user_id, view).await;
        let a = app
            .get_as(
                &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/{view}/account"),
                &bob.token,
            )
            .await;
        a.assert_status(200);
        let got: Vec<bool> = [
            "label",
            "number",
            "owners",
            "product_code",
            "balance",
            "account_routings",
        ]
        .iter()
        .map(|f| shown(&a.body[*f]))
        .collect();
        assert_eq!(
            got,
            account_fields.to_vec(),
            "account fields through {view}"
        );
        assert_eq!(a.body["id"], "alice-1");
        let t = app
            .get_as(
                &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/{view}/transactions"),
                &bob.token,
            )
            .await;
        t.assert_status(200);
        let txs = t.body["transactions"].as_array().unwrap();
        let expected_rows = if *view == "ReadTransactionsDebits" {
            1
        } else {
            2
        };
        assert_eq!(txs.len(), expected_rows, "rows through {view}");
        let tx = &txs[0];
        let d = &tx["details"];
        let got: Vec<bool> = [
            &tx["this_account"],
            &tx["other_account"],
            &d["type"],
            &d["description"],
            &d["posted"],
            &d["new_balance"],
            &d["value"],
            &tx["metadata"],
        ]
        .iter()
        .map(|v| shown(v))
        .collect();
        let mut want = tx_fields.to_vec();
        // Metadata: only views with can_see_transaction_metadata.
        want[7] = [
            "owner",
            "accountant",
            "auditor",
            "standard",
            "firehose",
            "ReadTransactionsDetail",
            "ReadTransactionsDebits",
        ]
        .contains(view);
        assert_eq!(got, want, "transaction fields through {view}");
        // A hidden amount never leaks through another field.
        if !tx_fields[6] {
            assert!(
                !t.body.to_string().contains("20.00"),
                "{view} leaks the amount"
            );
        }
    }
}

#[tokio::test]
async fn grant_gives_access_and_revoke_takes_it_away() {
    let app = TestApp::spawn().await;
    let (alice, bob) = setup(&app).await;
    let path = format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/auditor/transactions");
    app.get_as(&path, &bob.token)
        .await
        .assert_obp_error(403, "OBP-20017");
    let res = app
        .post_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/views/owner/account-access/grant"),
            &alice.token,
            json!({"user_id": bob.user_id, "view_id": "auditor"}),
        )
        .await;
    res.assert_status(201);
    assert_eq!(res.body["id"], "auditor");
    assert_eq!(res.body["can_see_transaction_amount"], true);
    assert_eq!(
        res.body["can_add_transaction_request_to_any_account"],
        false
    );
    app.get_as(&path, &bob.token).await.assert_status(200);
    // Bob's auditor view may not grant anything.
    app.post_as(
        &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/views/auditor/account-access/grant"),
        &bob.token,
        json!({"user_id": bob.user_id, "view_id": "owner"}),
    )
    .await
    .assert_obp_error(403, "OBP-20084");
    let res = app
        .post_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/views/owner/account-access/revoke"),
            &alice.token,
            json!({"user_id": bob.user_id, "view_id": "auditor"}),
        )
        .await;
    res.assert_status(201);
    assert_eq!(res.body, json!({"revoked": true}));
    app.get_as(&path, &bob.token)
        .await
        .assert_obp_error(403, "OBP-20017");
    app.post_as(
        &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/views/owner/account-access/revoke"),
        &alice.token,
        json!({"user_id": bob.user_id, "view_id": "auditor"}),
    )
    .await
    .assert_obp_error(404, "OBP-30065");
}

#[tokio::test]
async fn custom_views_are_created_read_updated_and_deleted_through_target_views() {
    let app = TestApp::spawn().await;
    let (alice, bob) = setup(&app).await;
    let base = format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/views/owner/target-views");
    let body = json!({"name": "_work", "description": "d", "metadata_view": "_work",
        "is_public": false, "which_alias_to_use": "", "hide_metadata_if_alias_used": false,
        "allowed_permissions": ["can_see_bank_account_balance"]});
    let mut bad = body.clone();
    bad["name"] = json!("work");
    app.post_as(&base, &alice.token, bad)
        .await
        .assert_obp_error(400, "OBP-20020");
    let mut bad = body.clone();
    bad["allowed_permissions"] = json!(["can_fly"]);
    app.post_as(&base, &alice.token, bad)
        .await
        .assert_obp_error(400, "OBP-10001");
    let res = app.post_as(&base, &alice.token, body.clone()).await;
    res.assert_status(201);
    assert_eq!(
        res.body,
        json!({"id": "_work", "name": "_work", "description": "d", "metadata_view": "_work",
            "is_public": false, "alias": "", "hide_metadata_if_alias_used": false,
            "allowed_permissions": ["can_see_bank_account_balance"]})
    );
    app.post_as(&base, &alice.token, body)
        .await
        .assert_obp_error(400, "OBP-30266");
    app.get_as(&format!("{base}/_work"), &bob.token)
        .await
        .assert_obp_error(403, "OBP-20017");
    let res = app
        .put_as(
            &format!("{base}/_work"),
            &alice.token,
            json!({"description": "d2", "metadata_view": "_work", "is_public": false,
                "which_alias_to_use": "private", "hide_metadata_if_alias_used": true,
                "allowed_permissions": ["can_see_bank_account_label"]}),
        )
        .await;
    res.assert_status(200);
    let res = app.get_as(&format!("{base}/_work"), &alice.token).await;
    assert_eq!(res.body["description"], "d2");
    assert_eq!(res.body["alias"], "private");
    assert_eq!(
        res.body["allowed_permissions"],
        json!(["can_see_bank_account_label"])
    );
    let views = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/views"),
            &alice.token,
        )
        .await;
    views.assert_status(200);
    let ids: Vec<&str> = views.body["views"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"owner") && ids.contains(&"_work"));
    grant(&app, &alice.token, &bob.user_id, "_work").await;
    app.delete_as(&format!("{base}/_work"), &alice.token)
        .await
        .assert_status(204);
    app.get_as(&format!("{base}/_work"), &alice.token)
        .await
        .assert_obp_error(404, "OBP-30257");
    app.get_as(
        &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/_work/account"),
        &bob.token,
    )
    .await
    .assert_obp_error(404, "OBP-30005");
}

#[tokio::test]
async fn anonymous_callers_read_only_public_views_and_only_when_allowed() {
    for allowed in [false, true] {
        let app = TestApp::spawn_with(|s| s.allow_public_views = allowed).await;
        let (alice, _) = setup(&app).await;
        app.post_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/views/owner/target-views"),
            &alice.token,
            json!({"name": "_public", "description": "public", "metadata_view": "_public",
                "is_public": true, "which_alias_to_use": "", "hide_metadata_if_alias_used": false,
                "allowed_permissions": ["can_see_transaction_amount"]}),
        )
        .await
        .assert_status(201);
        let res = app
            .get(&format!(
                "/obp/v5.1.0/banks/{B}/accounts/alice-1/_public/transactions"
            ))
            .await;
        if allowed {
            res.assert_status(200);
            assert_eq!(res.body["transactions"].as_array().unwrap().len(), 2);
            assert!(res.body["transactions"][0]["details"]["description"].is_null());
        } else {
            res.assert_obp_error(403, "OBP-20017");
        }
        app.get(&format!(
            "/obp/v5.1.0/banks/{B}/accounts/alice-1/owner/transactions"
        ))
        .await
        .assert_obp_error(403, "OBP-20017");
        let res = app.get("/obp/v5.1.0/accounts/public").await;
        res.assert_status(200);
        assert_eq!(
            res.body["accounts"].as_array().unwrap().len(),
            usize::from(allowed)
        );
    }
}

#[tokio::test]
async fn system_views_exist_at_start_and_are_managed_with_roles() {
    let app = TestApp::spawn().await;
    let admin = app
        .user_with_roles(
            "viewadmin",
            &[
                ("CanGetSystemView", ""),
                ("CanCreateSystemView", ""),
                ("CanUpdateSystemView", ""),
                ("CanDeleteSystemView", ""),
            ],
        )
        .await;
    let plain = app.user_with_roles("plain", &[]).await;
    app.get_as("/obp/v5.1.0/system-views/owner", &plain.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    let res = app
        .get_as("/obp/v5.1.0/system-views-ids", &admin.token)
        .await;
    let mut ids: Vec<&str> = res.body["views"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    ids.sort_unstable();
    let mut want = obp_domain::view::SYSTEM_VIEW_IDS.to_vec();
    want.sort_unstable();
    assert_eq!(ids, want);
    let res = app
        .get_as("/obp/v5.1.0/system-views/owner", &admin.token)
        .await;
    res.assert_status(200);
    assert_eq!(res.body["is_system"], true);
    assert_eq!(res.body["can_see_bank_account_balance"], true);
    assert!(res.body["can_grant_access_to_views"]
        .as_array()
        .unwrap()
        .contains(&json!("auditor")));
    let body = json!({"name": "Partner", "description": "p", "metadata_view": "Partner",
        "is_public": false, "which_alias_to_use": "", "hide_metadata_if_alias_used": false,
        "allowed_actions": ["can_see_bank_account_label"]});
    let res = app
        .post_as("/obp/v5.1.0/system-views", &admin.token, body.clone())
        .await;
    res.assert_status(201);
    assert_eq!(res.body["can_see_bank_account_label"], true);
    assert_eq!(res.body["can_see_bank_account_balance"], false);
    app.post_as("/obp/v5.1.0/system-views", &admin.token, body.clone())
        .await
        .assert_obp_error(400, "OBP-30254");
    let mut bad = body.clone();
    bad["name"] = json!("_Partner");
    app.post_as("/obp/v5.1.0/system-views", &admin.token, bad)
        .await
        .assert_obp_error(400, "OBP-20020");
    let res = app
        .put_as(
            "/obp/v5.1.0/system-views/Partner",
            &admin.token,
            json!({"description": "p2", "metadata_view": "Partner", "is_public": false,
                "which_alias_to_use": "", "hide_metadata_if_alias_used": false,
                "allowed_actions": ["can_see_bank_account_balance"]}),
        )
        .await;
    res.assert_status(200);
    assert_eq!(res.body["can_see_bank_account_balance"], true);
    assert_eq!(res.body["can_see_bank_account_label"], false);
    let res = app
        .delete_as("/obp/v5.1.0/system-views/Partner", &admin.token)
        .await;
    res.assert_status(200);
    assert_eq!(res.body, json!(true));
    app.get_as("/obp/v5.1.0/system-views/Partner", &admin.token)
        .await
        .assert_obp_error(404, "OBP-30252");
}

#[tokio::test]
async fn legacy_view_endpoints_create_update_list_and_delete_custom_views() {
    let app = TestApp::spawn().await;
    let (alice, bob) = setup(&app).await;
    let views = format!("/obp/v3.0.0/banks/{B}/accounts/alice-1/views");
    let body = json!({"name": "_family", "description": "family", "metadata_view": "_family",
        "is_public": false, "which_alias_to_use": "", "hide_metadata_if_alias_used": false,
        "allowed_actions": ["can_see_transaction_amount", "can_see_bank_account_label"]});
    app.post_json(&views, body.clone())
        .await
        .assert_obp_error(401, "OBP-20001");
    // bob holds no view with can_create_custom_view.
    app.post_as(&views, &bob.token, body.clone())
        .await
        .assert_obp_error(403, "OBP-20022");
    let res = app.post_as(&views, &alice.token, body.clone()).await;
    res.assert_status(201);
    assert_eq!(res.body["id"], "_family");
    assert_eq!(res.body["short_name"], "_family");
    assert_eq!(res.body["is_system"], false);
    assert_eq!(res.body["can_see_transaction_amount"], true);
    assert_eq!(res.body["can_see_bank_account_balance"], false);
    assert!(res.body.get("can_grant_access_to_views").is_none());
    app.post_as(&views, &alice.token, body.clone())
        .await
        .assert_obp_error(400, "OBP-30266");
    let mut bad = body.clone();
    bad["name"] = json!("family");
    app.post_as(&views, &alice.token, bad)
        .await
        .assert_obp_error(400, "OBP-20020");
    let mut bad = body.clone();
    bad["name"] = json!("_bad");
    bad["allowed_actions"] = json!(["can_fly"]);
    app.post_as(&views, &alice.token, bad)
        .await
        .assert_obp_error(400, "OBP-10001");

    // The new view is usable through the v5.1.0 endpoints and listed.
    let got = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/views/owner/target-views/_family"),
            &alice.token,
        )
        .await;
    got.assert_status(200);
    assert_eq!(
        got.body["allowed_permissions"],
        json!(["can_see_transaction_amount", "can_see_bank_account_label"])
    );
    let list = app.get_as(&views, &alice.token).await;
    list.assert_status(200);
    assert!(list.body["views"]
        .as_array()
        .unwrap()
        .iter()
        .any(|v| v["id"] == "_family"));

    // Update.
    let update = json!({"description": "close family", "metadata_view": "_family",
        "is_public": false, "which_alias_to_use": "public", "hide_metadata_if_alias_used": true,
        "allowed_actions": ["can_see_bank_account_balance"]});
    app.put_as(&format!("{views}/_family"), &bob.token, update.clone())
        .await
        .assert_obp_error(403, "OBP-20022");
    app.put_as(&format!("{views}/owner"), &alice.token, update.clone())
        .await
        .assert_obp_error(400, "OBP-20020");
    app.put_as(&format!("{views}/_nope"), &alice.token, update.clone())
        .await
        .assert_obp_error(404, "OBP-30005");
    let res = app
        .put_as(&format!("{views}/_family"), &alice.token, update)
        .await;
    res.assert_status(200);
    assert_eq!(res.body["description"], "close family");
    assert_eq!(res.body["alias"], "public");
    assert_eq!(res.body["can_see_bank_account_balance"], true);
    assert_eq!(res.body["can_see_transaction_amount"], false);

    // Delete (v1.2.1), which removes its grants.
    grant(&app, &alice.token, &bob.user_id, "_family").await;
    let acct = format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/_family/account");
    app.get_as(&acct, &bob.token).await.assert_status(200);
    let del = format!("/obp/v1.2.1/banks/{B}/accounts/alice-1/views/_family");
    app.delete_as(&del, &bob.token)
        .await
        .assert_obp_error(403, "OBP-20022");
    app.delete_as(&del, &alice.token).await.assert_status(204);
    app.delete_as(&del, &alice.token)
        .await
        .assert_obp_error(404, "OBP-30005");
    app.get_as(&acct, &bob.token)
        .await
        .assert_obp_error(404, "OBP-30005");
    app.delete_as(
        &format!("/obp/v1.2.1/banks/{B}/accounts/alice-1/views/owner"),
        &alice.token,
    )
    .await
    .assert_obp_error(400, "OBP-20020");
}

#[tokio::test]
async fn obps_owner_comment_names_are_the_narrative_permissions() {
    let app = TestApp::spawn().await;
    let (alice, _) = setup(&app).await;
    let base = format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/views/owner/target-views");
    let res = app
        .post_as(
            &base,
            &alice.token,
            json!({"name": "_notes", "description": "d", "metadata_view": "_notes",
                "is_public": false, "which_alias_to_use": "", "hide_metadata_if_alias_used": false,
                "allowed_permissions": ["can_see_owner_comment", "can_edit_owner_comment"]}),
        )
        .await;
    res.assert_status(201);
    assert_eq!(
        res.body["allowed_permissions"],
        json!(["can_see_narrative", "can_edit_narrative"])
    );
    // The view JSON carries both names with the same value, as OBP's ViewJsonV500 has them.
    let views = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/views"),
            &alice.token,
        )
        .await;
    views.assert_status(200);
    let notes = views.body["views"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == "_notes")
        .unwrap()
        .clone();
    for (alias, own) in [
        ("can_see_owner_comment", "can_see_narrative"),
        ("can_edit_owner_comment", "can_edit_narrative"),
    ] {
        assert_eq!(notes[alias], true, "{notes}");
        assert_eq!(notes[own], true, "{notes}");
    }
    assert_eq!(notes["can_see_comments"], false);
}

#[tokio::test]
async fn a_custom_views_metadata_view_must_be_its_own_or_one_the_creator_holds() {
    let app = TestApp::spawn().await;
    let (alice, bob) = setup(&app).await;
    let base =
        |view: &str| format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/views/{view}/target-views");
    let body = |name: &str, metadata_view: &str| {
        json!({"name": name, "description": "d", "metadata_view": metadata_view,
            "is_public": false, "which_alias_to_use": "", "hide_metadata_if_alias_used": false,
            "allowed_permissions": ["can_see_transaction_metadata", "can_see_comments"]})
    };
    // Alice holds `owner`, so she may share its metadata; a view that does not exist is refused.
    app.post_as(&base("owner"), &alice.token, body("_nope", "_missing"))
        .await
        .assert_obp_error(400, "OBP-10001");
    app.post_as(&base("owner"), &alice.token, body("_shared", "owner"))
        .await
        .assert_status(201);
    // Bob may create views through `_mgr` but does not hold `owner`: he cannot make a view
    // that reads and writes the owner's comments.
    app.post_as(
        &base("owner"),
        &alice.token,
        json!({"name": "_mgr", "description": "d", "metadata_view": "_mgr",
            "is_public": false, "which_alias_to_use": "", "hide_metadata_if_alias_used": false,
            "allowed_permissions": ["can_create_custom_view", "can_see_transaction_metadata",
                "can_see_comments"]}),
    )
    .await
    .assert_status(201);
    grant(&app, &alice.token, &bob.user_id, "_mgr").await;
    let res = app
        .post_as(&base("_mgr"), &bob.token, body("_leak", "owner"))
        .await;
    res.assert_obp_error(400, "OBP-10001");
    assert!(res.message().contains("metadata_view"), "{}", res.message());
    app.post_as(&base("_mgr"), &bob.token, body("_mine", "_mine"))
        .await
        .assert_status(201);
    app.post_as(&base("_mgr"), &bob.token, body("_also", "_mgr"))
        .await
        .assert_status(201);
}
