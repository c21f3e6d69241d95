//! OBP's core reads of the caller's own account: `GET /my/banks/B/accounts/A/account`
//! (getCoreAccountById, `ModeratedCoreAccountJsonV400`), `GET /banks/B/accounts/A/balances`
//! (v4 getBankAccountBalancesForCurrentUser, `AccountBalanceJsonV400`) and
//! `GET /my/banks/B/accounts/A/transactions` (getCoreTransactionsForBankAccount,
//! `CoreTransactionsJsonV300`), and OBP's filter date format (OBP-10026).

use obp_tests::{Persona, TestApp};
use serde_json::{json, Value};

const B: &str = "core.bank";

/// A bank, alice's funded account `alice-1`, bob (granted `view_id` on it by alice unless
/// `None`) and eve (no view).
async fn seed(app: &TestApp, bob_view: Option<&str>) -> (Persona, Persona, Persona) {
    let banker = app.create_bank(B).await;
    let alice = app.user_with_roles("alice", &[]).await;
    let bob = app.user_with_roles("bob", &[]).await;
    let eve = app.user_with_roles("eve", &[]).await;
    app.create_account(&alice.token, B, "alice-1").await;
    app.create_account(&eve.token, B, "eve-1").await;
    app.fund_account(&banker.token, B, "alice-1", "12.50", "2024-03-01T10:00:00Z")
        .await;
    app.fund_account(&banker.token, B, "alice-1", "7.00", "2024-03-05T10:00:00Z")
        .await;
    if let Some(view) = bob_view {
        app.post_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/views/owner/account-access/grant"),
            &alice.token,
            json!({"user_id": bob.user_id, "view_id": view}),
        )
        .await
        .assert_status(201);
    }
    (alice, bob, eve)
}

fn no_owner_view(user_id: &str, account_id: &str) -> String {
    format!(
        "OBP-20019: User does not have access to owner view. userId : {user_id}. bankId : {B}. accountId : {account_id}"
    )
}

#[tokio::test]
async fn the_core_account_is_the_owner_views_v4_shape_under_every_version() {
    let app = TestApp::spawn().await;
    let (alice, _, _) = seed(&app, None).await;
    for version in ["v3.0.0", "v4.0.0", "v5.1.0"] {
        let res = app
            .get_as(
                &format!("/obp/{version}/my/banks/{B}/accounts/alice-1/account"),
                &alice.token,
            )
            .await;
        res.assert_status(200);
        assert_eq!(
            res.body,
            json!({"id": "alice-1", "bank_id": B, "label": "Label alice-1", "number": "alice-1",
                "product_code": "CURRENT", "balance": {"currency": "EUR", "amount": "19.50"},
                "account_routings": [{"scheme": "AccountNumber", "address": "N-alice-1"}],
                "views_basic": ["owner"]}),
            "{version}"
        );
    }
}

#[tokio::test]
async fn the_core_account_is_refused_without_the_owner_view() {
    let app = TestApp::spawn().await;
    let (alice, bob, eve) = seed(&app, Some("auditor")).await;
    let url = format!("/obp/v4.0.0/my/banks/{B}/accounts/alice-1/account");
    app.get(&url).await.assert_obp_error(401, "OBP-20001");
    // Bob sees alice's account through `auditor`, but this call assumes the owner view.
    let res = app.get_as(&url, &bob.token).await;
    res.assert_obp_error(400, "OBP-20019");
    assert_eq!(res.message(), no_owner_view(&bob.user_id, "alice-1"));
    let res = app.get_as(&url, &eve.token).await;
    res.assert_obp_error(400, "OBP-20019");
    assert_eq!(res.message(), no_owner_view(&eve.user_id, "alice-1"));
    // Eve reads her own account; alice does not.
    app.get_as(
        &format!("/obp/v4.0.0/my/banks/{B}/accounts/eve-1/account"),
        &eve.token,
    )
    .await
    .assert_status(200);
    app.get_as(
        &format!("/obp/v4.0.0/my/banks/{B}/accounts/eve-1/account"),
        &alice.token,
    )
    .await
    .assert_obp_error(400, "OBP-20019");
    app.get_as(
        "/obp/v4.0.0/my/banks/nobank/accounts/alice-1/account",
        &alice.token,
    )
    .await
    .assert_obp_error(404, "OBP-30001");
    app.get_as(
        &format!("/obp/v4.0.0/my/banks/{B}/accounts/nobody/account"),
        &alice.token,
    )
    .await
    .assert_obp_error(404, "OBP-30018");
}

#[tokio::test]
async fn account_balances_answer_obps_v4_shape_to_a_holder_of_a_view_showing_the_balance() {
    let app = TestApp::spawn().await;
    let (alice, bob, eve) = seed(&app, Some("ReadBalances")).await;
    let url = format!("/obp/v4.0.0/banks/{B}/accounts/alice-1/balances");
    let res = app.get_as(&url, &alice.token).await;
    res.assert_status(200);
    assert_eq!(
        res.body,
        json!({"bank_id": B, "account_id": "alice-1",
            "account_routings": [{"scheme": "AccountNumber", "address": "N-alice-1"}],
            "label": "Label alice-1",
            "balances": [{"type": "OpeningBooked", "currency": "EUR", "amount": "19.50"}]})
    );
    // The same answer as through the owner view.
    let through_view = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/views/owner/balances"),
            &alice.token,
        )
        .await;
    assert_eq!(res.body, through_view.body);
    // `ReadBalances` shows the balance only.
    let res = app.get_as(&url, &bob.token).await;
    res.assert_status(200);
    assert_eq!(
        res.body,
        json!({"bank_id": B, "account_id": "alice-1", "account_routings": [], "label": null,
            "balances": [{"type": "OpeningBooked", "currency": "EUR", "amount": "19.50"}]})
    );
    app.get(&url).await.assert_obp_error(401, "OBP-20001");
    let res = app.get_as(&url, &eve.token).await;
    res.assert_obp_error(400, "OBP-30065");
    assert_eq!(
        res.message(),
        "OBP-30065: Cannot find account access. AccountId(alice-1)"
    );
    app.get_as(
        &format!("/obp/v4.0.0/banks/{B}/accounts/nobody/balances"),
        &alice.token,
    )
    .await
    .assert_obp_error(400, "OBP-30065");
    app.get_as(
        "/obp/v4.0.0/banks/nobank/accounts/alice-1/balances",
        &alice.token,
    )
    .await
    .assert_obp_error(404, "OBP-30001");
}

#[tokio::test]
async fn account_balances_are_refused_through_a_view_that_hides_the_balance() {
    let app = TestApp::spawn().await;
    let (_, bob, _) = seed(&app, Some("ReadAccountsBasic")).await;
    app.get_as(
        &format!("/obp/v4.0.0/banks/{B}/accounts/alice-1/balances"),
        &bob.token,
    )
    .await
    .assert_obp_error(400, "OBP-30065");
}

/// The full transaction JSON without `metadata` and the counterparty's `metadata`.
fn without_metadata(mut t: Value) -> Value {
    if let Some(o) = t.as_object_mut() {
        o.remove("metadata");
    }
    if let Some(o) = t["other_account"].as_object_mut() {
        o.remove("metadata");
    }
    t
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

#[tokio::test]
async fn core_transactions_are_the_owner_views_transactions_without_metadata() {
    let app = TestApp::spawn().await;
    let (alice, _, _) = seed(&app, None).await;
    let res = app
        .get_as(
            &format!("/obp/v3.0.0/my/banks/{B}/accounts/alice-1/transactions"),
            &alice.token,
        )
        .await;
    res.assert_status(200);
    assert_eq!(keys(&res.body), ["transactions"]);
    let core = res.body["transactions"].as_array().unwrap().clone();
    assert_eq!(core.len(), 2);
    let t = &core[0];
    assert_eq!(
        keys(t),
        [
            "details",
            "id",
            "other_account",
            "this_account",
            "transaction_attributes"
        ]
    );
    assert_eq!(
        keys(&t["other_account"]),
        ["account_routings", "bank_routing", "holder", "id"]
    );
    assert_eq!(
        keys(&t["details"]),
        [
            "completed",
            "description",
            "new_balance",
            "posted",
            "type",
            "value"
        ]
    );
    assert_eq!(
        t["details"]["value"],
        json!({"currency": "EUR", "amount": "7.00"})
    );
    assert_eq!(t["this_account"]["id"], "alice-1");
    let full = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/owner/transactions"),
            &alice.token,
        )
        .await;
    let full: Vec<Value> = full.body["transactions"]
        .as_array()
        .unwrap()
        .iter()
        .cloned()
        .map(without_metadata)
        .collect();
    assert_eq!(core, full);
}

#[tokio::test]
async fn core_transactions_page_and_filter_with_obps_date_format() {
    let app = TestApp::spawn().await;
    let (alice, _, _) = seed(&app, None).await;
    let amounts = |q: &str| {
        let url = format!("/obp/v4.0.0/my/banks/{B}/accounts/alice-1/transactions{q}");
        let app = &app;
        let token = alice.token.clone();
        async move {
            let res = app.get_as(&url, &token).await;
            res.assert_status(200);
            res.body["transactions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["details"]["value"]["amount"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(amounts("?sort_direction=ASC").await, ["12.50", "7.00"]);
    assert_eq!(amounts("?limit=1").await, ["7.00"]);
    assert_eq!(
        amounts("?from_date=2024-03-02T00:00:00.000Z").await,
        ["7.00"]
    );
    assert_eq!(
        amounts("?to_date=2024-03-02T00:00:00.000Z").await,
        ["12.50"]
    );
    // OBP's fallback form with an RFC 822 offset: 01:00 at +0100 is midnight UTC.
    assert_eq!(
        amounts("?from_date=2024-03-02T01:00:00.000%2B0100").await,
        ["7.00"]
    );
    let message = "OBP-10026: Failed to parse date string. Please use this format yyyy-MM-dd'T'HH:mm:ss.SSS'Z'!";
    for q in [
        "?from_date=2024-03-02",
        "?to_date=2024-03-02T00:00:00Z",
        "?obp_from_date=2024-03-02T00:00:00",
        "?from_date=yesterday",
    ] {
        let res = app
            .get_as(
                &format!("/obp/v4.0.0/my/banks/{B}/accounts/alice-1/transactions{q}"),
                &alice.token,
            )
            .await;
        res.assert_obp_error(400, "OBP-10026");
        assert_eq!(res.message(), message, "{q}");
    }
    // The full list refuses the same forms.
    app.get_as(
        &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/owner/transactions?from_date=2024-03-02"),
        &alice.token,
    )
    .await
    .assert_obp_error(400, "OBP-10026");
}

#[tokio::test]
async fn core_transactions_are_for_the_account_holder_only() {
    let app = TestApp::spawn().await;
    let (_, bob, eve) = seed(&app, Some("auditor")).await;
    let url = format!("/obp/v3.0.0/my/banks/{B}/accounts/alice-1/transactions");
    app.get(&url).await.assert_obp_error(401, "OBP-20001");
    let res = app.get_as(&url, &bob.token).await;
    res.assert_obp_error(400, "OBP-20019");
    assert_eq!(res.message(), no_owner_view(&bob.user_id, "alice-1"));
    // The owner view is checked before the query, as OBP does.
    let res = app
        .get_as(&format!("{url}?from_date=bad"), &eve.token)
        .await;
    res.assert_obp_error(400, "OBP-20019");
    assert_eq!(res.message(), no_owner_view(&eve.user_id, "alice-1"));
    app.get_as(
        &format!("/obp/v3.0.0/my/banks/{B}/accounts/nobody/transactions"),
        &eve.token,
    )
    .await
    .assert_obp_error(404, "OBP-30018");
    app.get_as(
        "/obp/v3.0.0/my/banks/nobank/accounts/alice-1/transactions",
        &eve.token,
    )
    .await
    .assert_obp_error(404, "OBP-30001");
}
