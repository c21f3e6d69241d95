//! Money rules at the edge (issue #14, finding 6): a payment never goes back to its own
//! account, and currency codes are upper-case ISO 4217 as OBP checks them.

use obp_tests::TestApp;
use serde_json::{json, Value};

const B: &str = "money.bank";

fn pay_path(account: &str, ty: &str) -> String {
    format!("/obp/v4.0.0/banks/{B}/accounts/{account}/owner/transaction-request-types/{ty}/transaction-requests")
}

fn counterparty(name: &str, account: &str) -> Value {
    json!({"name": name, "description": "payee", "currency": "EUR",
        "other_bank_routing_scheme": "OBP", "other_bank_routing_address": B,
        "other_account_routing_scheme": "OBP", "other_account_routing_address": account,
        "other_account_secondary_routing_scheme": "", "other_account_secondary_routing_address": "",
        "other_branch_routing_scheme": "", "other_branch_routing_address": "",
        "is_beneficiary": true, "bespoke": []})
}

#[tokio::test]
async fn a_payment_to_the_paying_account_itself_is_refused_and_moves_nothing() {
    let app = TestApp::spawn().await;
    let banker = app.create_bank(B).await;
    let alice = app.user_with_roles("alice", &[]).await;
    app.create_account(&alice.token, B, "a1").await;
    app.create_account(&alice.token, B, "a2").await;
    app.fund_account(&banker.token, B, "a1", "100", "2024-02-01T09:00:00Z")
        .await;
    let to_self = json!({"to": {"bank_id": B, "account_id": "a1"},
        "value": {"currency": "EUR", "amount": "10.00"}, "description": "loop"});
    for ty in ["ACCOUNT", "SANDBOX_TAN", "ACCOUNT_OTP"] {
        app.post_as(&pay_path("a1", ty), &alice.token, to_self.clone())
            .await
            .assert_obp_error(400, "OBP-40060");
    }
    // A counterparty that routes back to the paying account.
    let cp = app
        .post_as(
            &format!("/obp/v4.0.0/banks/{B}/accounts/a1/owner/counterparties"),
            &alice.token,
            counterparty("me", "a1"),
        )
        .await;
    cp.assert_status(201);
    let id = cp.body["counterparty_id"].as_str().unwrap();
    app.post_as(
        &pay_path("a1", "COUNTERPARTY"),
        &alice.token,
        json!({"to": {"counterparty_id": id}, "value": {"currency": "EUR", "amount": "5.00"},
            "description": "loop", "charge_policy": "SHARED"}),
    )
    .await
    .assert_obp_error(400, "OBP-40060");

    // Nothing was booked or recorded.
    let res = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/a1/owner/account"),
            &alice.token,
        )
        .await;
    res.assert_status(200);
    assert_eq!(res.body["balance"]["amount"], "100.00");
    let listed = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/a1/owner/transaction-requests"),
            &alice.token,
        )
        .await;
    listed.assert_status(200);
    assert_eq!(
        listed.body["transaction_requests_with_charges"],
        json!([]),
        "{}",
        listed.text
    );
    // Between two of one's own accounts is fine.
    let mut to_a2 = to_self.clone();
    to_a2["to"]["account_id"] = json!("a2");
    app.post_as(&pay_path("a1", "SANDBOX_TAN"), &alice.token, to_a2)
        .await
        .assert_status(201);
}

#[tokio::test]
async fn currency_codes_are_upper_case_iso_4217() {
    let app = TestApp::spawn().await;
    let banker = app.create_bank(B).await;
    let alice = app.user_with_roles("alice", &[]).await;
    app.create_account(&alice.token, B, "a1").await;
    app.create_account(&alice.token, B, "a2").await;
    app.fund_account(&banker.token, B, "a1", "100", "2024-02-01T09:00:00Z")
        .await;
    for ccy in ["eur", "Eur", "EUr", "XXX", "EU"] {
        let body = json!({"to": {"bank_id": B, "account_id": "a2"},
            "value": {"currency": ccy, "amount": "1.00"}, "description": "x"});
        app.post_as(&pay_path("a1", "SANDBOX_TAN"), &alice.token, body)
            .await
            .assert_obp_error(400, "OBP-10003");
    }
    // An account opened with a lower-case currency is refused too, and not created.
    let res = app
        .put_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/lower"),
            &alice.token,
            json!({"label": "l", "product_code": "CURRENT",
                "balance": {"currency": "eur", "amount": "0"}, "branch_id": "br1",
                "account_routings": []}),
        )
        .await;
    res.assert_obp_error(400, "OBP-10003");
    app.get_as(
        &format!("/obp/v5.1.0/banks/{B}/accounts/lower/owner/account"),
        &alice.token,
    )
    .await
    .assert_obp_error(404, "OBP-30018");
    let res = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/a1/owner/account"),
            &alice.token,
        )
        .await;
    assert_eq!(res.body["balance"]["amount"], "100.00");
}
