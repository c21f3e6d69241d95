use obp_tests::{Persona, TestApp};
use serde_json::json;

const B: &str = "fire.bank";
const OTHER: &str = "other.bank";

/// alice's accounts `alice-1` (two transactions) and `alice-2` at B; returns alice.
async fn setup(app: &TestApp) -> Persona {
    let banker = app.create_bank(B).await;
    app.create_bank(OTHER).await;
    let alice = app.user_with_roles("alice", &[]).await;
    app.create_account(&alice.token, B, "alice-1").await;
    app.create_account(&alice.token, B, "alice-2").await;
    app.fund_account(&banker.token, B, "alice-1", "10", "2024-02-01T09:00:00Z")
        .await;
    app.fund_account(&banker.token, B, "alice-1", "20", "2024-02-02T09:00:00Z")
        .await;
    alice
}

fn accounts_path(view: &str) -> String {
    format!("/obp/v4.0.0/banks/{B}/firehose/accounts/views/{view}")
}

fn transactions_path(account: &str, view: &str) -> String {
    format!("/obp/v3.0.0/banks/{B}/firehose/accounts/{account}/views/{view}/transactions")
}

#[tokio::test]
async fn the_firehose_is_off_unless_allowed() {
    let app = TestApp::spawn().await;
    setup(&app).await;
    let fh = app
        .user_with_roles("fh", &[("CanUseAccountFirehoseAtAnyBank", "")])
        .await;
    app.get_as(&accounts_path("firehose"), &fh.token)
        .await
        .assert_obp_error(400, "OBP-00009");
    app.get_as(&transactions_path("alice-1", "firehose"), &fh.token)
        .await
        .assert_obp_error(400, "OBP-00009");
    // Nor do firehose views open accounts through the ordinary endpoints.
    app.get_as(
        &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/firehose/transactions"),
        &fh.token,
    )
    .await
    .assert_obp_error(403, "OBP-20017");
}

#[tokio::test]
async fn firehose_accounts_list_every_account_of_the_bank_moderated_by_the_view() {
    let app = TestApp::spawn_with(|s| s.allow_account_firehose = true).await;
    let alice = setup(&app).await;
    app.get(&accounts_path("firehose"))
        .await
        .assert_obp_error(401, "OBP-20001");
    app.get_as(&accounts_path("firehose"), &alice.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    let fh = app
        .user_with_roles("fh", &[("CanUseAccountFirehoseAtAnyBank", "")])
        .await;
    let res = app.get_as(&accounts_path("firehose"), &fh.token).await;
    res.assert_status(200);
    let accounts = res.body["accounts"].as_array().unwrap();
    let ids: Vec<&str> = accounts.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert!(
        ids.contains(&"alice-1") && ids.contains(&"alice-2"),
        "{ids:?}"
    );
    let a1 = accounts.iter().find(|a| a["id"] == "alice-1").unwrap();
    assert_eq!(
        *a1,
        json!({"id": "alice-1", "bank_id": B, "label": "Label alice-1", "number": a1["number"],
            "owners": [{"id": alice.user_id, "provider": a1["owners"][0]["provider"], "display_name": "alice"}],
            "product_code": "CURRENT", "balance": {"currency": "EUR", "amount": "30.00"},
            "account_routings": [{"scheme": "AccountNumber", "address": "N-alice-1"}],
            "account_rules": []})
    );
    // Only firehose system views serve the firehose.
    app.get_as(&accounts_path("owner"), &fh.token)
        .await
        .assert_obp_error(403, "OBP-20017");
    app.get_as(&accounts_path("nope"), &fh.token)
        .await
        .assert_obp_error(403, "OBP-20017");
    // The bank role works at its bank only.
    let at_bank = app
        .user_with_roles("fh-bank", &[("CanUseAccountFirehose", B)])
        .await;
    app.get_as(&accounts_path("firehose"), &at_bank.token)
        .await
        .assert_status(200);
    let elsewhere = app
        .user_with_roles("fh-other", &[("CanUseAccountFirehose", OTHER)])
        .await;
    app.get_as(&accounts_path("firehose"), &elsewhere.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    app.get_as(
        "/obp/v4.0.0/banks/nobank/firehose/accounts/views/firehose",
        &fh.token,
    )
    .await
    .assert_obp_error(404, "OBP-30001");
}

#[tokio::test]
async fn firehose_transactions_page_through_the_view_and_filter_by_attribute() {
    let app = TestApp::spawn_with(|s| s.allow_account_firehose = true).await;
    let alice = setup(&app).await;
    let elsewhere = app
        .user_with_roles("fh-other", &[("CanUseAccountFirehose", OTHER)])
        .await;
    app.get_as(&transactions_path("alice-1", "firehose"), &elsewhere.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    let fh = app
        .user_with_roles(
            "fh",
            &[
                ("CanUseAccountFirehose", B),
                ("CanCreateTransactionAttributeAtOneBank", B),
            ],
        )
        .await;
    let res = app
        .get_as(&transactions_path("alice-1", "firehose"), &fh.token)
        .await;
    res.assert_status(200);
    let txs = res.body["transactions"].as_array().unwrap();
    assert_eq!(txs.len(), 2);
    assert_eq!(txs[0]["details"]["value"]["amount"], "20.00");
    // Same JSON as the owner sees (the firehose view reads everything).
    let owner = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/owner/transactions"),
            &alice.token,
        )
        .await;
    assert_eq!(owner.body["transactions"], res.body["transactions"]);
    let page = app
        .get_as(
            &format!(
                "{}?limit=1&sort_direction=ASC",
                transactions_path("alice-1", "firehose")
            ),
            &fh.token,
        )
        .await;
    assert_eq!(page.body["transactions"].as_array().unwrap().len(), 1);
    assert_eq!(
        page.body["transactions"][0]["details"]["value"]["amount"],
        "10.00"
    );
    app.get_as(
        &format!("{}?limit=0", transactions_path("alice-1", "firehose")),
        &fh.token,
    )
    .await
    .assert_obp_error(400, "OBP-10025");
    // Attribute filter.
    let first = txs[1]["id"].as_str().unwrap();
    app.post_as(
        &format!("/obp/v4.0.0/banks/{B}/accounts/alice-1/transactions/{first}/attribute"),
        &fh.token,
        json!({"name": "CATEGORY", "type": "STRING", "value": "rent"}),
    )
    .await
    .assert_status(201);
    let filtered = app
        .get_as(
            &format!("{}?CATEGORY=rent", transactions_path("alice-1", "firehose")),
            &fh.token,
        )
        .await;
    let got = filtered.body["transactions"].as_array().unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["id"], first);
    assert_eq!(got[0]["transaction_attributes"][0]["value"], "rent");
    let none = app
        .get_as(
            &format!("{}?CATEGORY=food", transactions_path("alice-1", "firehose")),
            &fh.token,
        )
        .await;
    assert_eq!(none.body["transactions"], json!([]));
    // Firehose holders read through the firehose view on ordinary endpoints too, not others.
    app.get_as(
        &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/firehose/transactions"),
        &fh.token,
    )
    .await
    .assert_status(200);
    app.get_as(&transactions_path("alice-1", "owner"), &fh.token)
        .await
        .assert_obp_error(403, "OBP-20017");
    app.get_as(&transactions_path("nobody", "firehose"), &fh.token)
        .await
        .assert_obp_error(404, "OBP-30018");
}
