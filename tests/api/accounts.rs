use obp_tests::TestApp;
use serde_json::json;

const B: &str = "acc.bank";

#[tokio::test]
async fn creating_a_bank_creates_its_settlement_accounts_in_the_default_currency() {
    let app = TestApp::spawn().await;
    let banker = app.create_bank(B).await;
    app.grant(&banker.user_id, "CanGetSettlementAccountAtOneBank", B)
        .await;
    let res = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{B}/settlement-accounts"),
            &banker.token,
        )
        .await;
    res.assert_status(200);
    let ids: Vec<&str> = res.body["settlement_accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["account_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "OBP-INCOMING-SETTLEMENT-ACCOUNT",
            "OBP-OUTGOING-SETTLEMENT-ACCOUNT"
        ]
    );
    assert_eq!(
        res.body["settlement_accounts"][0]["balance"],
        json!({"currency": "EUR", "amount": "0.00"})
    );
}

#[tokio::test]
async fn settlement_accounts_are_created_by_payment_system_and_currency_with_the_role() {
    let app = TestApp::spawn().await;
    let banker = app.create_bank(B).await;
    let path = format!("/obp/v5.1.0/banks/{B}/settlement-accounts");
    let body = json!({"user_id": banker.user_id, "payment_system": "SEPA",
        "balance": {"currency": "EUR", "amount": "0"}, "label": "SEPA settlement",
        "branch_id": "", "account_routings": []});
    app.post_as(&path, &banker.token, body.clone())
        .await
        .assert_obp_error(403, "OBP-20006");
    app.grant(&banker.user_id, "CanCreateSettlementAccountAtOneBank", B)
        .await;
    let res = app.post_as(&path, &banker.token, body.clone()).await;
    res.assert_status(201);
    assert_eq!(res.body["account_id"], "SEPA_SETTLEMENT_ACCOUNT_EUR");
    assert_eq!(res.body["payment_system"], "SEPA");
    app.post_as(&path, &banker.token, body)
        .await
        .assert_obp_error(400, "OBP-30208");
    app.post_as(
        &path,
        &banker.token,
        json!({"payment_system": "SEPA", "balance": {"currency": "GBP", "amount": "1"}, "label": "x"}),
    )
    .await
    .assert_obp_error(400, "OBP-30109");
}

#[tokio::test]
async fn creating_an_account_gives_the_holder_the_owner_view_and_obps_shape() {
    let app = TestApp::spawn().await;
    app.create_bank(B).await;
    let alice = app.user_with_roles("alice", &[]).await;
    let body = app.create_account(&alice.token, B, "alice-1").await;
    assert_eq!(
        body,
        json!({"account_id": "alice-1", "user_id": alice.user_id, "label": "Label alice-1",
            "product_code": "CURRENT", "balance": {"currency": "EUR", "amount": "0.00"},
            "branch_id": "br1",
            "account_routings": [{"scheme": "AccountNumber", "address": "N-alice-1"}],
            "account_attributes": []})
    );
    let res = app
        .get_as(&format!("/obp/v5.1.0/banks/{B}/accounts"), &alice.token)
        .await;
    res.assert_status(200);
    // OBP answers a bare array here from v2.0.0 (its code and tests; its resource docs
    // show an object).
    assert_eq!(
        res.body,
        json!([{"id": "alice-1", "label": "Label alice-1", "bank_id": B,
            "views_available": [{"id": "owner", "short_name": "Owner", "is_public": false}]}])
    );
    let res = app.get_as("/obp/v5.1.0/my/accounts", &alice.token).await;
    res.assert_status(200);
    assert_eq!(res.body["accounts"][0]["id"], "alice-1");
    assert_eq!(res.body["accounts"][0]["account_type"], "CURRENT");
    assert_eq!(res.body["accounts"][0]["views"][0]["id"], "owner");
    let res = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts-held"),
            &alice.token,
        )
        .await;
    assert_eq!(
        res.body,
        json!({"accounts": [{"id": "alice-1", "label": "Label alice-1", "bank_id": B,
            "number": "alice-1", "account_routings": [{"scheme": "AccountNumber", "address": "N-alice-1"}]}]})
    );
}

#[tokio::test]
async fn account_creation_refuses_bad_input_with_obp_codes() {
    let app = TestApp::spawn().await;
    app.create_bank(B).await;
    let alice = app.user_with_roles("alice", &[]).await;
    let bob = app.user_with_roles("bob", &[]).await;
    let put = |id: &str| format!("/obp/v5.1.0/banks/{B}/accounts/{id}");
    let base = json!({"label": "L", "product_code": "P"});
    app.put_as(
        &put("a1"),
        &alice.token,
        json!({"label": "L", "product_code": "P", "balance": {"currency": "EUR", "amount": "10"}}),
    )
    .await
    .assert_obp_error(400, "OBP-30109");
    app.put_as(
        &put("a1"),
        &alice.token,
        json!({"label": "L", "product_code": "P",
            "account_routings": [{"scheme": "IBAN", "address": "DE00123456780000000000"}]}),
    )
    .await
    .assert_obp_error(400, "OBP-10033");
    app.put_as(
        &put("a1"),
        &alice.token,
        json!({"label": "L", "product_code": "P", "user_id": bob.user_id}),
    )
    .await
    .assert_obp_error(403, "OBP-20006");
    app.put_as(&put("a1"), &alice.token, base.clone())
        .await
        .assert_status(201);
    app.put_as(&put("a1"), &alice.token, base.clone())
        .await
        .assert_obp_error(400, "OBP-30208");
    app.call(reqwest::Method::PUT, &put("a2"), None, Some(base.clone()))
        .await
        .assert_obp_error(401, "OBP-20001");
    app.put_as(
        "/obp/v5.1.0/banks/no.such.bank/accounts/a1",
        &alice.token,
        base.clone(),
    )
    .await
    .assert_obp_error(404, "OBP-30001");
    // A valid IBAN is accepted and stored in electronic form.
    let res = app
        .put_as(
            &put("a3"),
            &alice.token,
            json!({"label": "L", "product_code": "P",
                "account_routings": [{"scheme": "IBAN", "address": "DE89 3704 0044 0532 0130 00"}]}),
        )
        .await;
    res.assert_status(201);
    assert_eq!(
        res.body["account_routings"],
        json!([{"scheme": "IBAN", "address": "DE89370400440532013000"}])
    );
}

#[tokio::test]
async fn an_account_manager_creates_accounts_for_other_users_who_then_own_them() {
    let app = TestApp::spawn().await;
    app.create_bank(B).await;
    let manager = app
        .user_with_roles("manager", &[("CanCreateAccount", B)])
        .await;
    let carol = app.user_with_roles("carol", &[]).await;
    let res = app
        .post_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts"),
            &manager.token,
            json!({"user_id": carol.user_id, "label": "Carol's", "product_code": "SAVINGS"}),
        )
        .await;
    res.assert_status(201);
    let id = res.body["account_id"].as_str().unwrap().to_owned();
    assert_eq!(res.body["user_id"], carol.user_id.as_str());
    app.get_as(
        &format!("/obp/v5.1.0/banks/{B}/accounts/{id}/owner/account"),
        &carol.token,
    )
    .await
    .assert_status(200);
    app.get_as(
        &format!("/obp/v5.1.0/banks/{B}/accounts/{id}/owner/account"),
        &manager.token,
    )
    .await
    .assert_obp_error(403, "OBP-20017");
}

#[tokio::test]
async fn one_account_through_a_view_shows_obps_full_shape() {
    let app = TestApp::spawn().await;
    let banker = app.create_bank(B).await;
    let alice = app.user_with_roles("alice", &[]).await;
    app.create_account(&alice.token, B, "alice-1").await;
    app.fund_account(&banker.token, B, "alice-1", "12.50", "2024-01-02T10:00:00Z")
        .await;
    let res = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/owner/account"),
            &alice.token,
        )
        .await;
    res.assert_status(200);
    // `views_available` lists the views in full (`ViewJSONV121`, 65 fields).
    let owner_view = &res.body["views_available"][0];
    assert_eq!(owner_view.as_object().map(|o| o.len()), Some(65));
    assert_eq!(owner_view["id"], "owner");
    assert_eq!(owner_view["short_name"], "Owner");
    assert_eq!(
        owner_view["description"],
        "The account holder's view: sees everything and may pay."
    );
    assert_eq!(owner_view["is_public"], false);
    assert_eq!(owner_view["alias"], "");
    assert_eq!(owner_view["can_see_transaction_amount"], true);
    assert_eq!(
        res.body,
        json!({"id": "alice-1", "label": "Label alice-1", "number": "alice-1",
            "owners": [{"id": alice.user_id, "provider": res.body["owners"][0]["provider"], "display_name": "alice"}],
            "product_code": "CURRENT", "balance": {"currency": "EUR", "amount": "12.50"},
            "views_available": [owner_view],
            "bank_id": B,
            "account_routings": [{"scheme": "AccountNumber", "address": "N-alice-1"}],
            "account_attributes": [], "tags": []})
    );
    let res = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/views/owner"),
            &alice.token,
        )
        .await;
    assert_eq!(
        res.body,
        json!({"id": "alice-1", "bank_id": B, "label": "Label alice-1", "number": "alice-1",
            "product_code": "CURRENT", "balance": {"currency": "EUR", "amount": "12.50"},
            "account_routings": [{"scheme": "AccountNumber", "address": "N-alice-1"}],
            "views_basic": ["owner"]})
    );
    let res = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/views/owner/balances"),
            &alice.token,
        )
        .await;
    assert_eq!(
        res.body,
        json!({"bank_id": B, "account_id": "alice-1",
            "account_routings": [{"scheme": "AccountNumber", "address": "N-alice-1"}],
            "label": "Label alice-1",
            "balances": [{"type": "OpeningBooked", "currency": "EUR", "amount": "12.50"}]})
    );
    let res = app
        .get_as(&format!("/obp/v5.1.0/banks/{B}/balances"), &alice.token)
        .await;
    assert_eq!(res.body["accounts"].as_array().unwrap().len(), 1);
    assert_eq!(res.body["accounts"][0]["balances"][0]["amount"], "12.50");
}

#[tokio::test]
async fn missing_bank_account_or_view_answer_404_and_strangers_403() {
    let app = TestApp::spawn().await;
    app.create_bank(B).await;
    let alice = app.user_with_roles("alice", &[]).await;
    let eve = app.user_with_roles("eve", &[]).await;
    app.create_account(&alice.token, B, "alice-1").await;
    let get = |p: String, t: &str| {
        let t = t.to_owned();
        let app = &app;
        async move { app.get_as(&p, &t).await }
    };
    get(
        "/obp/v5.1.0/banks/nobank/accounts/alice-1/owner/account".to_owned(),
        &alice.token,
    )
    .await
    .assert_obp_error(404, "OBP-30001");
    get(
        format!("/obp/v5.1.0/banks/{B}/accounts/nobody/owner/account"),
        &alice.token,
    )
    .await
    .assert_obp_error(404, "OBP-30018");
    get(
        format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/_nope/account"),
        &alice.token,
    )
    .await
    .assert_obp_error(404, "OBP-30005");
    get(
        format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/owner/account"),
        &eve.token,
    )
    .await
    .assert_obp_error(403, "OBP-20017");
    get(
        format!("/obp/v5.1.0/banks/{B}/accounts/alice-1/auditor/account"),
        &alice.token,
    )
    .await
    .assert_obp_error(403, "OBP-20017");
    app.get(&format!(
        "/obp/v5.1.0/banks/{B}/accounts/alice-1/owner/transactions"
    ))
    .await
    .assert_obp_error(403, "OBP-20017");
}

#[tokio::test]
async fn the_label_is_updated_through_a_view_that_allows_it() {
    let app = TestApp::spawn().await;
    app.create_bank(B).await;
    let alice = app.user_with_roles("alice", &[]).await;
    let eve = app.user_with_roles("eve", &[]).await;
    app.create_account(&alice.token, B, "alice-1").await;
    let path = format!("/obp/v5.1.0/banks/{B}/accounts/alice-1");
    app.post_as(
        &path,
        &eve.token,
        json!({"id": "alice-1", "label": "x", "bank_id": B}),
    )
    .await
    .assert_obp_error(403, "OBP-20017");
    let res = app
        .post_as(
            &path,
            &alice.token,
            json!({"id": "alice-1", "label": "Holidays", "bank_id": B}),
        )
        .await;
    res.assert_status(200);
    assert_eq!(res.body, json!({"success": "Success"}));
    let res = app
        .get_as(&format!("{path}/views/owner"), &alice.token)
        .await;
    assert_eq!(res.body["label"], "Holidays");
}
