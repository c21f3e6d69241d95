use obp_tests::{Persona, TestApp};
use serde_json::{json, Value};

const B: &str = "meta.bank";

/// A bank, alice's account `alice-1` with one incoming transaction (returned), and bob.
async fn setup(app: &TestApp) -> (Persona, Persona, String) {
    let banker = app.create_bank(B).await;
    let alice = app.user_with_roles("alice", &[]).await;
    let bob = app.user_with_roles("bob", &[]).await;
    app.create_account(&alice.token, B, "alice-1").await;
    app.fund_account(&banker.token, B, "alice-1", "10", "2024-02-01T09:00:00Z")
        .await;
    let list = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/owner/transactions"),
            &alice.token,
        )
        .await;
    let tid = list.body["transactions"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    (alice, bob, tid)
}

fn meta(view: &str, tid: &str, rest: &str) -> String {
    format!("/obp/v1.2.1/banks/{B}/accounts/alice-1/{view}/transactions/{tid}/metadata/{rest}")
}

fn tx(view: &str, tid: &str) -> String {
    format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/{view}/transactions/{tid}/transaction")
}

async fn custom_view(app: &TestApp, owner: &Persona, name: &str, perms: &[&str]) {
    app.post_as(
        &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/views/owner/target-views"),
        &owner.token,
        json!({"name": name, "description": "d", "metadata_view": name, "is_public": false,
            "which_alias_to_use": "", "hide_metadata_if_alias_used": false,
            "allowed_permissions": perms}),
    )
    .await
    .assert_status(201);
}

async fn grant(app: &TestApp, owner: &Persona, user_id: &str, view: &str) {
    app.post_as(
        &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/views/owner/account-access/grant"),
        &owner.token,
        json!({"user_id": user_id, "view_id": view}),
    )
    .await
    .assert_status(201);
}

#[tokio::test]
async fn the_narrative_is_set_read_updated_and_cleared_through_the_owner_view() {
    let app = TestApp::spawn().await;
    let (alice, _, tid) = setup(&app).await;
    let res = app
        .get_as(&meta("owner", &tid, "narrative"), &alice.token)
        .await;
    res.assert_status(200);
    assert_eq!(res.body, json!({"narrative": ""}));
    let res = app
        .post_as(
            &meta("owner", &tid, "narrative"),
            &alice.token,
            json!({"narrative": "rent for March"}),
        )
        .await;
    res.assert_status(201);
    assert_eq!(res.body, json!({"success": "narrative added"}));
    let res = app
        .get_as(&meta("owner", &tid, "narrative"), &alice.token)
        .await;
    assert_eq!(res.body, json!({"narrative": "rent for March"}));
    let res = app
        .put_as(
            &meta("owner", &tid, "narrative"),
            &alice.token,
            json!({"narrative": "rent for April"}),
        )
        .await;
    res.assert_status(200);
    assert_eq!(res.body, json!({"success": "narrative updated"}));
    let one = app.get_as(&tx("owner", &tid), &alice.token).await;
    assert_eq!(one.body["metadata"]["narrative"], "rent for April");
    // One narrative per transaction: the accountant view sees the same text.
    let res = app
        .get_as(&meta("accountant", &tid, "narrative"), &alice.token)
        .await;
    // alice does not hold the accountant view.
    res.assert_obp_error(403, "OBP-20017");
    app.delete_as(&meta("owner", &tid, "narrative"), &alice.token)
        .await
        .assert_status(204);
    let res = app
        .get_as(&meta("owner", &tid, "narrative"), &alice.token)
        .await;
    assert_eq!(res.body, json!({"narrative": ""}));
    let one = app.get_as(&tx("owner", &tid), &alice.token).await;
    assert_eq!(one.body["metadata"]["narrative"], Value::Null);
    // Bad JSON writes nothing.
    app.post_as(
        &meta("owner", &tid, "narrative"),
        &alice.token,
        json!({"text": 1}),
    )
    .await
    .assert_obp_error(400, "OBP-10001");
    let res = app
        .get_as(&meta("owner", &tid, "narrative"), &alice.token)
        .await;
    assert_eq!(res.body, json!({"narrative": ""}));
}

#[tokio::test]
async fn comments_tags_images_and_where_show_in_obps_shapes_and_in_the_transaction() {
    let app = TestApp::spawn().await;
    let (alice, _, tid) = setup(&app).await;
    let c = app
        .post_as(
            &meta("owner", &tid, "comments"),
            &alice.token,
            json!({"value": "looks right"}),
        )
        .await;
    c.assert_status(201);
    let provider = c.body["user"]["provider"].clone();
    assert!(provider.is_string());
    let alice_json = json!({"id": alice.user_id, "provider": provider, "display_name": "alice"});
    assert_eq!(c.body["value"], "looks right");
    assert_eq!(c.body["user"], alice_json);
    assert!(c.body["id"].is_string());
    assert!(c.body["date"].as_str().unwrap().ends_with('Z'));
    let t = app
        .post_as(
            &meta("owner", &tid, "tags"),
            &alice.token,
            json!({"value": "rent"}),
        )
        .await;
    t.assert_status(201);
    assert_eq!(t.body["value"], "rent");
    let i = app
        .post_as(
            &meta("owner", &tid, "images"),
            &alice.token,
            json!({"label": "receipt", "URL": "https://example.com/r.png"}),
        )
        .await;
    i.assert_status(201);
    assert_eq!(i.body["label"], "receipt");
    assert_eq!(i.body["URL"], "https://example.com/r.png");
    assert_eq!(i.body["user"], alice_json);
    let w = app
        .post_as(
            &meta("owner", &tid, "where"),
            &alice.token,
            json!({"where": {"latitude": 52.5, "longitude": 13.4}}),
        )
        .await;
    w.assert_status(201);
    assert_eq!(w.body, json!({"success": "where tag added"}));
    let w = app
        .put_as(
            &meta("owner", &tid, "where"),
            &alice.token,
            json!({"where": {"latitude": -33.9, "longitude": 151.2}}),
        )
        .await;
    w.assert_status(200);
    assert_eq!(w.body, json!({"success": "where tag updated"}));

    let comments = app
        .get_as(&meta("owner", &tid, "comments"), &alice.token)
        .await;
    assert_eq!(comments.body, json!({"comments": [c.body.clone()]}));
    let tags = app.get_as(&meta("owner", &tid, "tags"), &alice.token).await;
    assert_eq!(tags.body, json!({"tags": [t.body.clone()]}));
    let images = app
        .get_as(&meta("owner", &tid, "images"), &alice.token)
        .await;
    assert_eq!(images.body, json!({"images": [i.body.clone()]}));
    let wh = app
        .get_as(&meta("owner", &tid, "where"), &alice.token)
        .await;
    assert_eq!(wh.body["where"]["latitude"], -33.9);
    assert_eq!(wh.body["where"]["longitude"], 151.2);
    assert_eq!(wh.body["where"]["user"], alice_json);

    // The transaction JSON (list and one) carries the same metadata.
    let one = app.get_as(&tx("owner", &tid), &alice.token).await;
    let m = &one.body["metadata"];
    assert_eq!(m["comments"], json!([c.body.clone()]));
    assert_eq!(m["tags"], json!([t.body.clone()]));
    assert_eq!(m["images"], json!([i.body.clone()]));
    assert_eq!(m["where"], wh.body["where"]);
    let list = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/owner/transactions"),
            &alice.token,
        )
        .await;
    assert_eq!(list.body["transactions"][0], one.body);

    // Bad input.
    app.post_as(
        &meta("owner", &tid, "images"),
        &alice.token,
        json!({"label": "x", "URL": "not a url"}),
    )
    .await
    .assert_obp_error(400, "OBP-10017");
    app.post_as(
        &meta("owner", &tid, "where"),
        &alice.token,
        json!({"where": {"latitude": 91.0, "longitude": 0.0}}),
    )
    .await
    .assert_obp_error(400, "OBP-10001");
    app.post_as(&meta("owner", &tid, "comments"), &alice.token, json!({}))
        .await
        .assert_obp_error(400, "OBP-10001");
    let images = app
        .get_as(&meta("owner", &tid, "images"), &alice.token)
        .await;
    assert_eq!(images.body["images"].as_array().unwrap().len(), 1);

    // Deletes.
    let cid = c.body["id"].as_str().unwrap();
    app.delete_as(
        &meta("owner", &tid, &format!("comments/{cid}")),
        &alice.token,
    )
    .await
    .assert_status(204);
    app.delete_as(
        &meta("owner", &tid, &format!("comments/{cid}")),
        &alice.token,
    )
    .await
    .assert_obp_error(404, "OBP-10405");
    let tag_id = t.body["id"].as_str().unwrap();
    app.delete_as(
        &meta("owner", &tid, &format!("tags/{tag_id}")),
        &alice.token,
    )
    .await
    .assert_status(204);
    let image_id = i.body["id"].as_str().unwrap();
    app.delete_as(
        &meta("owner", &tid, &format!("images/{image_id}")),
        &alice.token,
    )
    .await
    .assert_status(204);
    app.delete_as(&meta("owner", &tid, "where"), &alice.token)
        .await
        .assert_status(204);
    app.delete_as(&meta("owner", &tid, "where"), &alice.token)
        .await
        .assert_obp_error(404, "OBP-10405");
    let one = app.get_as(&tx("owner", &tid), &alice.token).await;
    assert_eq!(
        one.body["metadata"],
        json!({"narrative": null, "comments": [], "tags": [], "images": [], "where": null})
    );
}

#[tokio::test]
async fn views_decide_who_may_see_add_and_delete_metadata() {
    let app = TestApp::spawn().await;
    let (alice, bob, tid) = setup(&app).await;
    // `_team`: sees and adds comments and tags, may delete nothing.
    custom_view(
        &app,
        &alice,
        "_team",
        &[
            "can_see_transaction_metadata",
            "can_see_comments",
            "can_add_comment",
            "can_see_tags",
            "can_add_tag",
        ],
    )
    .await;
    // `_readonly`: sees comments only.
    custom_view(
        &app,
        &alice,
        "_readonly",
        &["can_see_transaction_metadata", "can_see_comments"],
    )
    .await;
    grant(&app, &alice, &bob.user_id, "_team").await;
    // Nobody grants a view to themself through the API (issue #14); the fixture gives alice
    // `_team` in the store so she can post through it.
    obp_connectors::store::views::grant_access(
        &app.state.store,
        &alice.user_id,
        B,
        "alice-1",
        "_team",
    )
    .await
    .unwrap();
    grant(&app, &alice, &bob.user_id, "_readonly").await;
    grant(&app, &alice, &bob.user_id, "ReadTransactionsDetail").await;

    // Items belong to the view they were posted through.
    let mine = app
        .post_as(
            &meta("_team", &tid, "comments"),
            &alice.token,
            json!({"value": "alice"}),
        )
        .await;
    mine.assert_status(201);
    let owner_comment = app
        .post_as(
            &meta("owner", &tid, "comments"),
            &alice.token,
            json!({"value": "private"}),
        )
        .await;
    owner_comment.assert_status(201);
    let seen = app
        .get_as(&meta("_team", &tid, "comments"), &bob.token)
        .await;
    assert_eq!(seen.body["comments"], json!([mine.body.clone()]));
    let one = app.get_as(&tx("_team", &tid), &bob.token).await;
    assert_eq!(one.body["metadata"]["comments"], json!([mine.body.clone()]));
    assert_eq!(one.body["metadata"]["images"], Value::Null);
    assert_eq!(one.body["metadata"]["narrative"], Value::Null);
    let ro = app
        .get_as(&meta("_readonly", &tid, "comments"), &bob.token)
        .await;
    assert_eq!(ro.body, json!({"comments": []}));

    // Missing permissions answer OBP-30022.
    for (method, view, rest, body) in [
        ("post", "_readonly", "comments", json!({"value": "x"})),
        (
            "post",
            "_team",
            "images",
            json!({"label": "x", "URL": "https://e.com/x"}),
        ),
        ("get", "_team", "narrative", Value::Null),
        ("post", "_team", "narrative", json!({"narrative": "x"})),
        ("get", "_team", "where", Value::Null),
        (
            "post",
            "_team",
            "where",
            json!({"where": {"latitude": 1.0, "longitude": 1.0}}),
        ),
        ("get", "_readonly", "tags", Value::Null),
        ("get", "ReadTransactionsDetail", "comments", Value::Null),
    ] {
        let path = meta(view, &tid, rest);
        let res = if method == "get" {
            app.get_as(&path, &bob.token).await
        } else {
            app.post_as(&path, &bob.token, body).await
        };
        res.assert_obp_error(403, "OBP-30022");
    }

    // Bob may not delete alice's comment in `_team` (no can_delete_comment)...
    let alice_cid = mine.body["id"].as_str().unwrap();
    app.delete_as(
        &meta("_team", &tid, &format!("comments/{alice_cid}")),
        &bob.token,
    )
    .await
    .assert_obp_error(403, "OBP-30022");
    // ... nor reach the owner view's comment through `_team`.
    let owner_cid = owner_comment.body["id"].as_str().unwrap();
    app.delete_as(
        &meta("_team", &tid, &format!("comments/{owner_cid}")),
        &bob.token,
    )
    .await
    .assert_obp_error(404, "OBP-10405");
    // Authors delete their own items without the delete permission.
    let his = app
        .post_as(
            &meta("_team", &tid, "tags"),
            &bob.token,
            json!({"value": "bob"}),
        )
        .await;
    his.assert_status(201);
    let his_id = his.body["id"].as_str().unwrap();
    app.delete_as(&meta("_team", &tid, &format!("tags/{his_id}")), &bob.token)
        .await
        .assert_status(204);
    app.delete_as(
        &meta("_team", &tid, &format!("comments/{alice_cid}")),
        &alice.token,
    )
    .await
    .assert_status(204);
    // The owner view (can_delete_comment) deletes anyone's comment posted through it.
    let bob_on_owner = app
        .get_as(&meta("owner", &tid, "comments"), &bob.token)
        .await;
    bob_on_owner.assert_obp_error(403, "OBP-20017");
    app.delete_as(
        &meta("owner", &tid, &format!("comments/{owner_cid}")),
        &alice.token,
    )
    .await
    .assert_status(204);
}

#[tokio::test]
async fn metadata_endpoints_check_login_account_view_and_transaction() {
    let app = TestApp::spawn().await;
    let (alice, bob, tid) = setup(&app).await;
    // Reading needs no login, only a view the caller may use: the owner view is not public.
    app.get(&meta("owner", &tid, "comments"))
        .await
        .assert_obp_error(403, "OBP-20017");
    app.post_json(&meta("owner", &tid, "comments"), json!({"value": "hi"}))
        .await
        .assert_obp_error(401, "OBP-20001");
    app.get_as(&meta("owner", &tid, "comments"), &bob.token)
        .await
        .assert_obp_error(403, "OBP-20017");
    app.get_as(&meta("owner", "no-such-tx", "comments"), &alice.token)
        .await
        .assert_obp_error(404, "OBP-30067");
    app.post_as(
        &meta("owner", "no-such-tx", "tags"),
        &alice.token,
        json!({"value": "x"}),
    )
    .await
    .assert_obp_error(404, "OBP-30067");
    app.get_as(&meta("_nope", &tid, "tags"), &alice.token)
        .await
        .assert_obp_error(404, "OBP-30005");
    app.get_as(
        &format!("/obp/v1.2.1/banks/{B}/accounts/nobody/owner/transactions/{tid}/metadata/tags"),
        &alice.token,
    )
    .await
    .assert_obp_error(404, "OBP-30018");
}

#[tokio::test]
async fn metadata_reads_through_a_public_view_need_no_login_when_public_views_are_on() {
    for allowed in [false, true] {
        let app = TestApp::spawn_with(|s| s.allow_public_views = allowed).await;
        let (alice, _, tid) = setup(&app).await;
        app.post_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/views/owner/target-views"),
            &alice.token,
            json!({"name": "_public", "description": "public", "metadata_view": "_public",
                "is_public": true, "which_alias_to_use": "", "hide_metadata_if_alias_used": false,
                "allowed_permissions": ["can_see_transaction_metadata", "can_see_narrative",
                    "can_see_comments", "can_see_tags", "can_see_images", "can_see_where_tag",
                    "can_add_comment"]}),
        )
        .await
        .assert_status(201);
        app.post_as(
            &meta("owner", &tid, "narrative"),
            &alice.token,
            json!({"narrative": "rent for March"}),
        )
        .await
        .assert_status(201);
        for item in ["narrative", "comments", "tags", "images", "where"] {
            let res = app.get(&meta("_public", &tid, item)).await;
            if allowed {
                res.assert_status(200);
            } else {
                res.assert_obp_error(403, "OBP-20017");
            }
        }
        if allowed {
            let res = app.get(&meta("_public", &tid, "narrative")).await;
            assert_eq!(res.body, json!({"narrative": "rent for March"}));
            let res = app.get(&meta("_public", &tid, "comments")).await;
            assert_eq!(res.body, json!({"comments": []}));
        }
        // Writing always needs a user, even where the public view allows it.
        app.post_json(&meta("_public", &tid, "comments"), json!({"value": "hi"}))
            .await
            .assert_obp_error(401, "OBP-20001");
        // The owner view stays closed to anonymous callers.
        app.get(&meta("owner", &tid, "narrative"))
            .await
            .assert_obp_error(403, "OBP-20017");
    }
}
