use obp_tests::TestApp;
use serde_json::json;

const B: &str = "dauth.bank";

#[tokio::test]
async fn a_dauth_user_is_created_and_granted_a_view() {
    let app = TestApp::spawn().await;
    app.create_bank(B).await;
    let alice = app.user_with_roles("alice", &[]).await;
    let bob = app.user_with_roles("bob", &[]).await;
    app.create_account(&alice.token, B, "alice-1").await;
    let url = format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/views/owner/user-account-access");
    let body =
        json!({"username": "contract-1", "provider": "dauth.chain", "view_id": "ReadBalances"});
    let res = app.post_as(&url, &alice.token, body.clone()).await;
    res.assert_status(201);
    assert_eq!(res.body["id"], "ReadBalances");
    let user =
        obp_connectors::store::find_user_by_username(&app.state.store, "dauth.chain", "contract-1")
            .await
            .unwrap()
            .expect("the DAuth user was created");
    assert!(obp_connectors::store::views::has_access(
        &app.state.store,
        &user.id,
        B,
        "alice-1",
        "ReadBalances"
    )
    .await
    .unwrap());
    // Again: the same user, no error.
    app.post_as(&url, &alice.token, body.clone())
        .await
        .assert_status(201);

    let mut bad = body.clone();
    bad["provider"] = json!("https://example.com");
    app.post_as(&url, &alice.token, bad)
        .await
        .assert_obp_error(400, "OBP-20103");
    let mut unknown = body.clone();
    unknown["view_id"] = json!("_nope");
    app.post_as(&url, &alice.token, unknown)
        .await
        .assert_obp_error(404, "OBP-30005");
    app.post_as(&url, &bob.token, body.clone())
        .await
        .assert_obp_error(403, "OBP-20017");
    app.post_as(
        &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/views/ReadBalances/user-account-access"),
        &alice.token,
        body,
    )
    .await
    .assert_obp_error(403, "OBP-20017");
}
