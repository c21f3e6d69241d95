//! Confirmation of funds: `GET /banks/BANK_ID/accounts/ACCOUNT_ID/VIEW_ID/funds-available`
//! (OBP v3.1.0 `checkFundsAvailable`).

use obp_tests::{Persona, TestApp};
use serde_json::json;

const B: &str = "funds-bank";
const A: &str = "funds-acc";

fn url(view: &str, query: &str) -> String {
    format!("/obp/v5.1.0/banks/{B}/accounts/{A}/{view}/funds-available{query}")
}

/// A bank and an EUR account of `owner` holding 100.00.
async fn setup(app: &TestApp) -> Persona {
    let banker = app.create_bank(B).await;
    let owner = app.user_with_roles("funds-owner", &[]).await;
    app.create_account(&owner.token, B, A).await;
    app.fund_account(&banker.token, B, A, "100", "2024-01-02T10:00:00Z")
        .await;
    owner
}

async fn answer(app: &TestApp, token: &str, query: &str) -> String {
    let res = app.get_as(&url("owner", query), token).await;
    res.assert_status(200);
    res.body["answer"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_owner_gets_yes_up_to_the_balance_exactly_and_no_above() {
    let app = TestApp::spawn().await;
    let owner = setup(&app).await;

    let res = app
        .get_with(
            &url("owner", "?amount=100.00&currency=EUR"),
            &[
                ("DirectLogin", &format!("token={}", owner.token)),
                ("Correlation-Id", "funds-corr-1"),
            ],
        )
        .await;
    res.assert_status(200);
    assert_eq!(res.body["answer"], json!("yes"));
    let date = res.body["date"].as_str().unwrap();
    assert!(chrono::DateTime::parse_from_rfc3339(date).is_ok(), "{date}");
    let id = res.body["available_funds_request_id"].as_str().unwrap();
    assert!(!id.is_empty());
    assert_eq!(Some(id), res.header("Correlation-Id"));
    assert_eq!(res.body.as_object().unwrap().len(), 3, "{}", res.body);

    assert_eq!(
        answer(&app, &owner.token, "?amount=100&currency=EUR").await,
        "yes"
    );
    assert_eq!(
        answer(&app, &owner.token, "?amount=0&currency=EUR").await,
        "yes"
    );
    assert_eq!(
        answer(&app, &owner.token, "?amount=100.01&currency=EUR").await,
        "no"
    );
    // Exact: one thousandth above the balance is too much.
    assert_eq!(
        answer(&app, &owner.token, "?amount=100.001&currency=EUR").await,
        "no"
    );
    assert_eq!(
        answer(&app, &owner.token, "?amount=99.999&currency=EUR").await,
        "yes"
    );
    // Another currency answers no, as OBP does (no conversion).
    assert_eq!(
        answer(&app, &owner.token, "?amount=1&currency=GBP").await,
        "no"
    );
}

#[tokio::test]
async fn the_overdraft_limit_counts_towards_available_funds() {
    let app = TestApp::spawn().await;
    let owner = setup(&app).await;
    app.exec_sql(
        &format!("UPDATE bank_account SET overdraft_limit_minor = 5000 WHERE bank_id = '{B}' AND account_id = '{A}'"),
        vec![],
    )
    .await;
    assert_eq!(
        answer(&app, &owner.token, "?amount=150.00&currency=EUR").await,
        "yes"
    );
    assert_eq!(
        answer(&app, &owner.token, "?amount=150.01&currency=EUR").await,
        "no"
    );
}

#[tokio::test]
async fn missing_and_invalid_query_parameters_answer_obps_codes() {
    let app = TestApp::spawn().await;
    let owner = setup(&app).await;
    let cases = [
        ("", 400, "OBP-20055"),
        ("?currency=EUR", 400, "OBP-20055"),
        ("?amount=10", 400, "OBP-20055"),
        ("?amount=&currency=EUR", 400, "OBP-20054"),
        ("?amount=abc&currency=EUR", 400, "OBP-20054"),
        ("?amount=-5&currency=EUR", 400, "OBP-20054"),
        ("?amount=1e3&currency=EUR", 400, "OBP-20054"),
        (
            "?amount=99999999999999999999999999999999&currency=EUR",
            400,
            "OBP-20054",
        ),
        ("?amount=10&currency=", 400, "OBP-10003"),
        ("?amount=10&currency=eur", 400, "OBP-10003"),
        ("?amount=10&currency=EURO", 400, "OBP-10003"),
        ("?amount=10&currency=XYZ", 400, "OBP-10003"),
    ];
    for (query, status, code) in cases {
        let res = app.get_as(&url("owner", query), &owner.token).await;
        res.assert_obp_error(status, code);
        if code == "OBP-20055" {
            let expected = if query.contains("amount") {
                "currency"
            } else {
                "amount"
            };
            assert!(res.message().contains(expected), "{}", res.message());
        }
    }
}

#[tokio::test]
async fn access_is_checked_before_the_query_and_needs_can_query_available_funds() {
    let app = TestApp::spawn().await;
    let owner = setup(&app).await;
    let stranger = app.user_with_roles("funds-stranger", &[]).await;
    let auditor = app.user_with_roles("funds-auditor", &[]).await;
    app.post_as(
        &format!("/obp/v5.1.0/banks/{B}/accounts/{A}/views/owner/account-access/grant"),
        &owner.token,
        json!({"user_id": auditor.user_id, "view_id": "auditor"}),
    )
    .await
    .assert_status(201);

    app.get(&url("owner", "?amount=1&currency=EUR"))
        .await
        .assert_obp_error(401, "OBP-20001");
    // Another account's holder learns nothing, not even about bad parameters.
    app.get_as(&url("owner", ""), &stranger.token)
        .await
        .assert_obp_error(403, "OBP-20017");
    app.get_as(&url("owner", "?amount=1&currency=EUR"), &stranger.token)
        .await
        .assert_obp_error(403, "OBP-20017");
    // The auditor view cannot query funds.
    let res = app
        .get_as(&url("auditor", "?amount=1&currency=EUR"), &auditor.token)
        .await;
    res.assert_obp_error(403, "OBP-20022");
    assert!(
        res.message().contains("can_query_available_funds"),
        "{}",
        res.message()
    );

    app.get_as(
        &format!(
            "/obp/v5.1.0/banks/no-bank/accounts/{A}/owner/funds-available?amount=1&currency=EUR"
        ),
        &owner.token,
    )
    .await
    .assert_obp_error(404, "OBP-30001");
    app.get_as(
        &format!(
            "/obp/v5.1.0/banks/{B}/accounts/no-acc/owner/funds-available?amount=1&currency=EUR"
        ),
        &owner.token,
    )
    .await
    .assert_obp_error(404, "OBP-30018");
    app.get_as(&url("no-view", "?amount=1&currency=EUR"), &owner.token)
        .await
        .assert_obp_error(404, "OBP-30005");
}
