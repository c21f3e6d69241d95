//! Views cannot be used to escalate: a view written or granted by a user carries only
//! permissions that user holds on the account, payment permissions only from an owner, and
//! nobody grants a view to themself (issue #14, finding 1). Every refusal is checked to have
//! written nothing, and the attacker's payment to be refused.

use obp_tests::{Persona, TestApp};
use serde_json::{json, Value};

const B: &str = "deleg.bank";
const ACC: &str = "alice-acc";

fn views_path(view: &str) -> String {
    format!("/obp/v5.1.0/banks/{B}/accounts/{ACC}/views/{view}")
}

fn custom_view(name: &str, permissions: &[&str]) -> Value {
    json!({"name": name, "description": "d", "metadata_view": name, "is_public": false,
        "which_alias_to_use": "", "hide_metadata_if_alias_used": false,
        "allowed_permissions": permissions})
}

fn update_body(permissions: &[&str]) -> Value {
    json!({"description": "d", "metadata_view": "", "is_public": false,
        "which_alias_to_use": "", "hide_metadata_if_alias_used": false,
        "allowed_permissions": permissions})
}

fn legacy_body(name: Option<&str>, permissions: &[&str]) -> Value {
    let mut b = json!({"description": "d", "metadata_view": "", "is_public": false,
        "which_alias_to_use": "", "hide_metadata_if_alias_used": false,
        "allowed_actions": permissions});
    if let Some(n) = name {
        b["name"] = json!(n);
    }
    b
}

/// Every permission the owner view has, as the attacker would ask for them.
async fn all_permissions(app: &TestApp, alice: &Persona) -> Vec<String> {
    let res = app
        .get_as(
            &format!("/obp/v5.0.0/banks/{B}/accounts/{ACC}/views"),
            &alice.token,
        )
        .await;
    res.assert_status(200);
    let owner = res.body["views"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == "owner")
        .unwrap()
        .clone();
    let perms: Vec<String> = owner
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, v)| k.starts_with("can_") && v.as_bool() == Some(true))
        .map(|(k, _)| k.clone())
        .collect();
    assert!(perms.len() > 50, "{perms:?}");
    assert!(perms
        .iter()
        .any(|p| p == "can_add_transaction_request_to_any_account"));
    perms
}

struct World {
    app: TestApp,
    alice: Persona,
    mallory: Persona,
    carol: Persona,
}

/// Alice owns a funded account; mallory and carol are other users of the same app.
async fn world() -> World {
    let app = TestApp::spawn().await;
    let banker = app.create_bank(B).await;
    let alice = app.user_with_roles("alice", &[]).await;
    let mallory = app.user_with_roles("mallory", &[]).await;
    let carol = app.user_with_roles("carol", &[]).await;
    app.create_account(&alice.token, B, ACC).await;
    app.create_account(&mallory.token, B, "mallory-acc").await;
    app.fund_account(&banker.token, B, ACC, "100", "2024-02-01T09:00:00Z")
        .await;
    World {
        app,
        alice,
        mallory,
        carol,
    }
}

impl World {
    /// Alice creates the custom view and grants it to `user_id`.
    async fn delegate(&self, name: &str, permissions: &[&str], user_id: &str) {
        self.app
            .post_as(
                &format!("{}/target-views", views_path("owner")),
                &self.alice.token,
                custom_view(name, permissions),
            )
            .await
            .assert_status(201);
        self.app
            .post_as(
                &format!("{}/account-access/grant", views_path("owner")),
                &self.alice.token,
                json!({"user_id": user_id, "view_id": name}),
            )
            .await
            .assert_status(201);
    }

    async fn grant_through(
        &self,
        who: &Persona,
        source_view: &str,
        user_id: &str,
        view_id: &str,
    ) -> obp_tests::TestResponse {
        self.app
            .post_as(
                &format!("{}/account-access/grant", views_path(source_view)),
                &who.token,
                json!({"user_id": user_id, "view_id": view_id}),
            )
            .await
    }

    async fn create_through(
        &self,
        who: &Persona,
        source_view: &str,
        body: Value,
    ) -> obp_tests::TestResponse {
        self.app
            .post_as(
                &format!("{}/target-views", views_path(source_view)),
                &who.token,
                body,
            )
            .await
    }

    async fn permissions_of(&self, view: &str) -> Vec<String> {
        let res = self
            .app
            .get_as(
                &format!("{}/target-views/{view}", views_path("owner")),
                &self.alice.token,
            )
            .await;
        res.assert_status(200);
        let mut p: Vec<String> = res.body["allowed_permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect();
        p.sort();
        p
    }

    async fn view_exists(&self, view: &str) -> bool {
        let res = self
            .app
            .get_as(
                &format!("{}/target-views/{view}", views_path("owner")),
                &self.alice.token,
            )
            .await;
        res.status == 200
    }

    /// `who` tries to pay 10 EUR from alice's account to mallory through `view`.
    async fn steal(&self, who: &Persona, view: &str) -> obp_tests::TestResponse {
        self.app
            .post_as(
                &format!("/obp/v4.0.0/banks/{B}/accounts/{ACC}/{view}/transaction-request-types/ACCOUNT/transaction-requests"),
                &who.token,
                json!({"to": {"bank_id": B, "account_id": "mallory-acc"},
                    "value": {"currency": "EUR", "amount": "10.00"}, "description": "mine"}),
            )
            .await
    }

    async fn alice_balance(&self) -> String {
        let res = self
            .app
            .get_as(
                &format!("/obp/v5.1.0/banks/{B}/accounts/{ACC}/owner/account"),
                &self.alice.token,
            )
            .await;
        res.assert_status(200);
        res.body["balance"]["amount"].as_str().unwrap().to_owned()
    }
}

#[tokio::test]
async fn a_view_holder_cannot_rewrite_their_view_to_pay() {
    let w = world().await;
    let granted = [
        "can_get_custom_view",
        "can_see_bank_account_balance",
        "can_update_custom_view",
    ];
    w.delegate("_helper", &granted, &w.mallory.user_id).await;
    let everything = all_permissions(&w.app, &w.alice).await;
    let everything: Vec<&str> = everything.iter().map(String::as_str).collect();

    // v5.1.0, through the view itself.
    let res = w
        .app
        .put_as(
            &format!("{}/target-views/_helper", views_path("_helper")),
            &w.mallory.token,
            update_body(&everything),
        )
        .await;
    res.assert_obp_error(400, "OBP-20049");
    // v3.0.0, where any held view with can_update_custom_view is enough.
    let res = w
        .app
        .put_as(
            &format!("/obp/v3.0.0/banks/{B}/accounts/{ACC}/views/_helper"),
            &w.mallory.token,
            legacy_body(None, &everything),
        )
        .await;
    res.assert_obp_error(400, "OBP-20049");
    // Only the one missing read permission: still refused, and named.
    let res = w
        .app
        .put_as(
            &format!("{}/target-views/_helper", views_path("_helper")),
            &w.mallory.token,
            update_body(&[
                "can_get_custom_view",
                "can_see_bank_account_balance",
                "can_update_custom_view",
                "can_see_transaction_amount",
            ]),
        )
        .await;
    res.assert_obp_error(400, "OBP-20049");
    assert!(
        res.message().contains("can_see_transaction_amount"),
        "{}",
        res.message()
    );

    assert_eq!(w.permissions_of("_helper").await, granted);
    w.steal(&w.mallory, "_helper")
        .await
        .assert_obp_error(400, "OBP-40002");
    assert_eq!(w.alice_balance().await, "100.00");

    // Narrowing the view is delegation within what is held: allowed.
    let res = w
        .app
        .put_as(
            &format!("{}/target-views/_helper", views_path("_helper")),
            &w.mallory.token,
            update_body(&["can_get_custom_view", "can_update_custom_view"]),
        )
        .await;
    res.assert_status(200);
    assert_eq!(
        w.permissions_of("_helper").await,
        ["can_get_custom_view", "can_update_custom_view"]
    );
}

#[tokio::test]
async fn a_view_manager_cannot_create_a_wider_view_or_grant_themself() {
    let w = world().await;
    w.delegate(
        "_manager",
        &[
            "can_create_custom_view",
            "can_get_custom_view",
            "can_grant_access_to_custom_views",
            "can_see_bank_account_balance",
        ],
        &w.mallory.user_id,
    )
    .await;
    let payer = [
        "can_add_transaction_request_to_any_account",
        "can_see_bank_account_balance",
    ];

    // Create a paying view: refused on both APIs, and nothing created.
    let res = w
        .create_through(&w.mallory, "_manager", custom_view("_pay", &payer))
        .await;
    res.assert_obp_error(400, "OBP-20049");
    let res = w
        .app
        .post_as(
            &format!("/obp/v3.0.0/banks/{B}/accounts/{ACC}/views"),
            &w.mallory.token,
            legacy_body(Some("_pay"), &payer),
        )
        .await;
    res.assert_obp_error(400, "OBP-20049");
    assert!(!w.view_exists("_pay").await);

    // A view within what mallory holds can be created...
    let res = w
        .create_through(
            &w.mallory,
            "_manager",
            custom_view("_balance", &["can_see_bank_account_balance"]),
        )
        .await;
    res.assert_status(201);
    // ...but not granted to mallory themself,
    let res = w
        .grant_through(&w.mallory, "_manager", &w.mallory.user_id, "_balance")
        .await;
    res.assert_obp_error(403, "OBP-20047");
    // ...only to someone else.
    let res = w
        .grant_through(&w.mallory, "_manager", &w.carol.user_id, "_balance")
        .await;
    res.assert_status(201);

    // A paying view the owner made cannot be handed on by the manager, not even to carol.
    let res = w
        .create_through(&w.alice, "owner", custom_view("_payer", &payer))
        .await;
    res.assert_status(201);
    let res = w
        .grant_through(&w.mallory, "_manager", &w.carol.user_id, "_payer")
        .await;
    res.assert_obp_error(400, "OBP-20049");
    w.steal(&w.carol, "_payer")
        .await
        .assert_obp_error(400, "OBP-40002");
    assert_eq!(w.alice_balance().await, "100.00");

    // The owner may delegate paying, and then the delegate can pay (the rule is not a ban).
    let res = w
        .grant_through(&w.alice, "owner", &w.carol.user_id, "_payer")
        .await;
    res.assert_status(201);
    w.steal(&w.carol, "_payer").await.assert_status(201);
}

#[tokio::test]
async fn a_payer_who_is_not_the_owner_cannot_delegate_paying() {
    let w = world().await;
    let payer = [
        "can_add_transaction_request_to_any_account",
        "can_create_custom_view",
        "can_grant_access_to_custom_views",
    ];
    w.delegate("_payer", &payer, &w.mallory.user_id).await;
    let res = w
        .create_through(
            &w.mallory,
            "_payer",
            custom_view("_payer2", &["can_add_transaction_request_to_any_account"]),
        )
        .await;
    res.assert_obp_error(400, "OBP-20049");
    assert!(res.message().contains("owner"), "{}", res.message());
    assert!(!w.view_exists("_payer2").await);
    let res = w
        .grant_through(&w.mallory, "_payer", &w.carol.user_id, "_payer")
        .await;
    res.assert_obp_error(400, "OBP-20049");
    w.steal(&w.carol, "_payer")
        .await
        .assert_obp_error(400, "OBP-40002");
    // The owner cannot grant to themself either (they hold everything already).
    let res = w
        .grant_through(&w.alice, "owner", &w.alice.user_id, "_payer")
        .await;
    res.assert_obp_error(403, "OBP-20047");
    assert_eq!(w.alice_balance().await, "100.00");
}

/// OBP's `can_add_transaction_request_to_own_account` is stored and shown, but gates nothing
/// (OBP's `checkAuthorisationToCreateTransactionRequest` never reads it): a view holding
/// only it pays nothing, not even to another account of the same holder; the owner view
/// shows it.
#[tokio::test]
async fn own_account_permission_is_shown_and_pays_nothing() {
    let w = world().await;
    let owner = all_permissions(&w.app, &w.alice).await;
    assert!(owner
        .iter()
        .any(|p| p == "can_add_transaction_request_to_own_account"));
    w.app
        .create_account(&w.alice.token, B, "alice-savings")
        .await;
    w.delegate(
        "_own",
        &["can_add_transaction_request_to_own_account"],
        &w.mallory.user_id,
    )
    .await;
    assert_eq!(
        w.permissions_of("_own").await,
        vec!["can_add_transaction_request_to_own_account".to_owned()]
    );
    let res = w
        .app
        .get_as(
            &format!("/obp/v5.0.0/banks/{B}/accounts/{ACC}/views"),
            &w.alice.token,
        )
        .await;
    let own = res.body["views"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == "_own")
        .unwrap()
        .clone();
    assert_eq!(own["can_add_transaction_request_to_own_account"], true);
    assert_eq!(own["can_add_transaction_request_to_any_account"], false);
    w.steal(&w.mallory, "_own")
        .await
        .assert_obp_error(400, "OBP-40002");
    w.app
        .post_as(
            &format!("/obp/v4.0.0/banks/{B}/accounts/{ACC}/_own/transaction-request-types/ACCOUNT/transaction-requests"),
            &w.mallory.token,
            json!({"to": {"bank_id": B, "account_id": "alice-savings"},
                "value": {"currency": "EUR", "amount": "10.00"}, "description": "own"}),
        )
        .await
        .assert_obp_error(400, "OBP-40002");
    // A delegate holding it cannot hand it on: it counts as a payment permission.
    w.delegate(
        "_mgr",
        &[
            "can_create_custom_view",
            "can_add_transaction_request_to_own_account",
        ],
        &w.carol.user_id,
    )
    .await;
    w.create_through(
        &w.carol,
        "_mgr",
        custom_view("_own2", &["can_add_transaction_request_to_own_account"]),
    )
    .await
    .assert_obp_error(400, "OBP-20049");
    assert_eq!(w.alice_balance().await, "100.00");
}
