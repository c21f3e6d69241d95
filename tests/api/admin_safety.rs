//! The platform keeps an administrator, and system views in use are not deleted (issue #14,
//! finding 8). Every refusal is checked to have changed nothing.

use obp_tests::TestApp;
use serde_json::json;

/// The entitlement id of `role` held by `user_id` (system role).
async fn entitlement_id(app: &TestApp, token: &str, user_id: &str, role: &str) -> String {
    let res = app
        .get_as(&format!("/obp/v5.1.0/users/{user_id}/entitlements"), token)
        .await;
    res.assert_status(200);
    res.body["list"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["role_name"] == role && e["bank_id"] == "")
        .unwrap_or_else(|| panic!("{user_id} lacks {role}: {}", res.text))["entitlement_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn the_last_administrator_cannot_be_deleted_locked_or_stripped() {
    let app = TestApp::spawn().await;
    let admin = app.bootstrap_admin().await.persona;
    for role in [
        "CanDeleteUser",
        "CanLockUser",
        "CanDeleteEntitlementAtAnyBank",
        "CanGetEntitlementsForAnyUserAtAnyBank",
    ] {
        app.grant(&admin.user_id, role, "").await;
    }
    let provider = app.provider_in_path();
    let admin_role = "CanCreateEntitlementAtAnyBank";
    let own = entitlement_id(&app, &admin.token, &admin.user_id, admin_role).await;

    app.delete_as(
        &format!("/obp/v5.1.0/users/{}", admin.user_id),
        &admin.token,
    )
    .await
    .assert_obp_error(400, "OBP-20090");
    app.post_as(
        &format!("/obp/v5.1.0/users/{provider}/admin/locks"),
        &admin.token,
        json!({}),
    )
    .await
    .assert_obp_error(400, "OBP-20090");
    app.delete_as(
        &format!("/obp/v5.1.0/users/{}/entitlement/{own}", admin.user_id),
        &admin.token,
    )
    .await
    .assert_obp_error(400, "OBP-20090");
    // Nothing changed: the admin still works and still holds the role.
    let res = app.get_as("/obp/v5.1.0/users/current", &admin.token).await;
    res.assert_status(200);
    entitlement_id(&app, &admin.token, &admin.user_id, admin_role).await;

    // A second administrator: now the first may give the role up...
    let second = app.user_with_roles("second", &[]).await;
    app.post_as(
        &format!("/obp/v5.1.0/users/{}/entitlements", second.user_id),
        &admin.token,
        json!({"bank_id": "", "role_name": admin_role}),
    )
    .await
    .assert_status(201);
    app.delete_as(
        &format!("/obp/v5.1.0/users/{}/entitlement/{own}", admin.user_id),
        &admin.token,
    )
    .await
    .assert_status(204);
    // ...but the second, now the last holder, cannot be deleted or locked by anyone.
    app.delete_as(
        &format!("/obp/v5.1.0/users/{}", second.user_id),
        &admin.token,
    )
    .await
    .assert_obp_error(400, "OBP-20090");
    app.post_as(
        &format!("/obp/v5.1.0/users/{provider}/second/locks"),
        &admin.token,
        json!({}),
    )
    .await
    .assert_obp_error(400, "OBP-20090");
    let res = app.get_as("/obp/v5.1.0/users/current", &second.token).await;
    res.assert_status(200);
    // An ordinary user can still be deleted.
    let plain = app.user_with_roles("plain", &[]).await;
    app.delete_as(
        &format!("/obp/v5.1.0/users/{}", plain.user_id),
        &admin.token,
    )
    .await
    .assert_status(200);
}

#[tokio::test]
async fn a_system_view_still_granted_is_not_deleted() {
    let app = TestApp::spawn().await;
    app.create_bank("sv.bank").await;
    let admin = app
        .user_with_roles(
            "viewadmin",
            &[
                ("CanCreateSystemView", ""),
                ("CanDeleteSystemView", ""),
                ("CanGetSystemView", ""),
            ],
        )
        .await;
    let alice = app.user_with_roles("alice", &[]).await;
    let bob = app.user_with_roles("bob", &[]).await;
    app.create_account(&alice.token, "sv.bank", "a1").await;
    let account = "/obp/v5.1.0/banks/sv.bank/accounts/a1/owner/account";

    let res = app
        .delete_as("/obp/v5.1.0/system-views/owner", &admin.token)
        .await;
    res.assert_obp_error(400, "OBP-30251");
    app.get_as(account, &alice.token).await.assert_status(200);
    app.get_as("/obp/v5.1.0/system-views/owner", &admin.token)
        .await
        .assert_status(200);

    // A new system view: deletable while unused, refused once granted, deletable again
    // after the grant is revoked.
    let body = json!({"name": "Partner", "description": "p", "metadata_view": "Partner",
        "is_public": false, "which_alias_to_use": "", "hide_metadata_if_alias_used": false,
        "allowed_actions": ["can_see_bank_account_label"]});
    app.post_as("/obp/v5.1.0/system-views", &admin.token, body.clone())
        .await
        .assert_status(201);
    app.delete_as("/obp/v5.1.0/system-views/Partner", &admin.token)
        .await
        .assert_status(200);
    app.post_as("/obp/v5.1.0/system-views", &admin.token, body)
        .await
        .assert_status(201);
    // The owner view's grant list names only the built-in system views, so the grant is
    // made in the store, as an operator's tooling would.
    obp_connectors::store::views::grant_access(
        &app.state.store,
        &bob.user_id,
        "sv.bank",
        "a1",
        "Partner",
    )
    .await
    .unwrap();
    app.delete_as("/obp/v5.1.0/system-views/Partner", &admin.token)
        .await
        .assert_obp_error(400, "OBP-30251");
    app.get_as(
        "/obp/v5.1.0/banks/sv.bank/accounts/a1/Partner/account",
        &bob.token,
    )
    .await
    .assert_status(200);
    obp_connectors::store::views::revoke_access(
        &app.state.store,
        &bob.user_id,
        "sv.bank",
        "a1",
        "Partner",
    )
    .await
    .unwrap();
    app.delete_as("/obp/v5.1.0/system-views/Partner", &admin.token)
        .await
        .assert_status(200);
}
