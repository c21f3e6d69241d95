use obp_tests::TestApp;
use serde_json::json;

const B: &str = "tx.bank";

#[tokio::test]
async fn historical_transactions_fund_accounts_from_settlement_and_check_input() {
    let app = TestApp::spawn().await;
    let banker = app.create_bank(B).await;
    let alice = app.user_with_roles("alice", &[]).await;
    app.create_account(&alice.token, B, "alice-1").await;
    app.create_account(&alice.token, B, "alice-2").await;
    let body = app
        .fund_account(
            &banker.token,
            B,
            "alice-1",
            "100.00",
            "2024-01-02T10:00:00Z",
        )
        .await;
    let id = body["transaction_id"].as_str().unwrap();
    assert_eq!(
        body,
        json!({"transaction_id": id,
            "from": {"bank_id": B, "account_id": "OBP-INCOMING-SETTLEMENT-ACCOUNT"},
            "to": {"bank_id": B, "account_id": "alice-1"},
            "value": {"currency": "EUR", "amount": "100.00"},
            "description": "OBP-INCOMING-SETTLEMENT-ACCOUNT to alice-1",
            "posted": "2024-01-02T10:00:00Z", "completed": "2024-01-02T10:00:00Z",
            "transaction_request_type": "SANDBOX_TAN", "charge_policy": "SHARED"})
    );
    let path = format!("/obp/v5.1.0/banks/{B}/management/historical/transactions");
    let tx = |from: &str, amount: &str, ccy: &str, policy: &str, posted: &str| {
        json!({"from_account_id": from, "to_account_id": "alice-2",
            "value": {"currency": ccy, "amount": amount}, "description": "d",
            "posted": posted, "completed": posted, "type": "SANDBOX_TAN", "charge_policy": policy})
    };
    let ok_date = "2024-01-03T10:00:00Z";
    app.post_as(
        &path,
        &alice.token,
        tx("alice-1", "1", "EUR", "SHARED", ok_date),
    )
    .await
    .assert_obp_error(403, "OBP-20006");
    app.post_as(
        &path,
        &banker.token,
        tx("alice-1", "1000", "EUR", "SHARED", ok_date),
    )
    .await
    .assert_obp_error(400, "OBP-40051");
    app.post_as(
        &path,
        &banker.token,
        tx("alice-1", "0", "EUR", "SHARED", ok_date),
    )
    .await
    .assert_obp_error(400, "OBP-40008");
    app.post_as(
        &path,
        &banker.token,
        tx("alice-1", "1", "GBP", "SHARED", ok_date),
    )
    .await
    .assert_obp_error(400, "OBP-40003");
    app.post_as(
        &path,
        &banker.token,
        tx("alice-1", "1", "EUR", "NOBODY", ok_date),
    )
    .await
    .assert_obp_error(400, "OBP-40013");
    app.post_as(
        &path,
        &banker.token,
        tx("alice-1", "1", "EUR", "SHARED", "yesterday"),
    )
    .await
    .assert_obp_error(400, "OBP-10001");
    app.post_as(
        &path,
        &banker.token,
        tx("nobody", "1", "EUR", "SHARED", ok_date),
    )
    .await
    .assert_obp_error(404, "OBP-30018");
    // Nothing was written by the failures.
    let res = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-2/views/owner/balances"),
            &alice.token,
        )
        .await;
    assert_eq!(res.body["balances"][0]["amount"], "0.00");
}

#[tokio::test]
async fn transactions_show_obps_shape_through_the_owner_view() {
    let app = TestApp::spawn().await;
    let banker = app.create_bank(B).await;
    let alice = app.user_with_roles("alice", &[]).await;
    app.create_account(&alice.token, B, "alice-1").await;
    app.create_account(&alice.token, B, "alice-2").await;
    app.fund_account(&banker.token, B, "alice-1", "100", "2024-01-02T10:00:00Z")
        .await;
    let t = app
        .transfer(
            &banker.token,
            B,
            "alice-1",
            "alice-2",
            "30.25",
            "2024-01-05T08:30:00Z",
        )
        .await;
    let tid = t["transaction_id"].as_str().unwrap();
    let res = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/owner/transactions"),
            &alice.token,
        )
        .await;
    res.assert_status(200);
    let txs = res.body["transactions"].as_array().unwrap();
    assert_eq!(txs.len(), 2);
    assert_eq!(
        txs[0],
        json!({"id": tid,
            "this_account": {"id": "alice-1", "bank_routing": {"scheme": "BIC", "address": "TESTDEFF"},
                "account_routings": [{"scheme": "AccountNumber", "address": "N-alice-1"}],
                "holders": [{"name": "alice", "is_alias": false}]},
            "other_account": {"id": "alice-2", "holder": {"name": "alice", "is_alias": false},
                "bank_routing": {"scheme": "OBP", "address": B},
                "account_routings": [{"scheme": "AccountNumber", "address": "N-alice-2"}],
                "metadata": {"public_alias": null, "private_alias": null, "more_info": null, "URL": null,
                    "image_URL": null, "open_corporates_URL": null, "corporate_location": null,
                    "physical_location": null}},
            "details": {"type": "SANDBOX_TAN", "description": "alice-1 to alice-2",
                "posted": "2024-01-05T08:30:00Z", "completed": "2024-01-05T08:30:00Z",
                "new_balance": {"currency": "EUR", "amount": "69.75"},
                "value": {"currency": "EUR", "amount": "-30.25"}},
            "metadata": {"narrative": null, "comments": [], "tags": [], "images": [], "where": null},
            "transaction_attributes": []})
    );
    let one = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/owner/transactions/{tid}/transaction"),
            &alice.token,
        )
        .await;
    one.assert_status(200);
    assert_eq!(one.body, txs[0]);
    app.get_as(
        &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/owner/transactions/nope/transaction"),
        &alice.token,
    )
    .await
    .assert_obp_error(404, "OBP-30067");
}

#[tokio::test]
async fn pagination_and_date_filters_return_exactly_the_right_rows_in_order() {
    let app = TestApp::spawn().await;
    let banker = app.create_bank(B).await;
    let alice = app.user_with_roles("alice", &[]).await;
    app.create_account(&alice.token, B, "alice-1").await;
    for day in 1..=9 {
        app.fund_account(
            &banker.token,
            B,
            "alice-1",
            &format!("{day}.00"),
            &format!("2024-03-0{day}T12:00:00Z"),
        )
        .await;
    }
    let amounts = |q: &str| {
        let app = &app;
        let token = alice.token.clone();
        let q = q.to_owned();
        async move {
            let res = app
                .get_as(
                    &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/owner/transactions{q}"),
                    &token,
                )
                .await;
            res.assert_status(200);
            res.body["transactions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["details"]["value"]["amount"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(amounts("?limit=3").await, ["9.00", "8.00", "7.00"]);
    assert_eq!(amounts("?limit=3&offset=3").await, ["6.00", "5.00", "4.00"]);
    assert_eq!(
        amounts("?obp_limit=2&obp_sort_direction=ASC").await,
        ["1.00", "2.00"]
    );
    assert_eq!(
        amounts("?from_date=2024-03-03T00:00:00.000Z&to_date=2024-03-05T23:00:00.000Z&sort_direction=ASC")
            .await,
        ["3.00", "4.00", "5.00"]
    );
    assert_eq!(amounts("?offset=20").await, Vec::<String>::new());
    let bad = |q: &str| format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/owner/transactions{q}");
    app.get_as(&bad("?limit=0"), &alice.token)
        .await
        .assert_obp_error(400, "OBP-10025");
    app.get_as(&bad("?offset=-1"), &alice.token)
        .await
        .assert_obp_error(400, "OBP-10024");
    app.get_as(&bad("?sort_direction=UP"), &alice.token)
        .await
        .assert_obp_error(400, "OBP-10023");
    app.get_as(&bad("?from_date=yesterday"), &alice.token)
        .await
        .assert_obp_error(400, "OBP-10026");
}

#[tokio::test]
async fn the_double_entry_record_links_both_legs_and_needs_a_role() {
    let app = TestApp::spawn().await;
    let banker = app.create_bank(B).await;
    let alice = app.user_with_roles("alice", &[]).await;
    app.create_account(&alice.token, B, "alice-1").await;
    let t = app
        .fund_account(&banker.token, B, "alice-1", "5", "2024-01-02T10:00:00Z")
        .await;
    let list = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/owner/transactions"),
            &alice.token,
        )
        .await;
    let credit_id = list.body["transactions"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!(
        "/obp/v5.1.0/banks/{B}/accounts/alice-1/owner/transactions/{credit_id}/double-entry-transaction"
    );
    app.get_as(&path, &alice.token)
        .await
        .assert_obp_error(403, "OBP-20006");
    app.grant(&alice.user_id, "CanGetDoubleEntryTransactionAtOneBank", B)
        .await;
    let res = app.get_as(&path, &alice.token).await;
    res.assert_status(200);
    assert_eq!(
        res.body,
        json!({"transaction_request": null,
            "debit_transaction": {"bank_id": B, "account_id": "OBP-INCOMING-SETTLEMENT-ACCOUNT",
                "transaction_id": t["transaction_id"]},
            "credit_transaction": {"bank_id": B, "account_id": "alice-1", "transaction_id": credit_id}})
    );
}
