//! Sandbox data import (`POST /sandbox/data-import`, `obp-server import`) and demo data.

use obp_tests::{TestApp, PASSWORD};
use rust_decimal::Decimal;
use serde_json::{json, Value};

const B: &str = "sbx.bank";
const IMPORT: &str = "/obp/v2.1.0/sandbox/data-import";

fn file() -> Value {
    json!({
        "banks": [{"id": B, "short_name": "Sandbox", "full_name": "The Sandbox Bank",
            "logo": "https://example.com/logo.png", "website": "https://example.com"}],
        "users": [
            {"email": "alice@example.com", "password": PASSWORD, "user_name": "sbx.alice"},
            {"email": "bob@example.com", "password": PASSWORD, "user_name": "sbx.bob"}
        ],
        "accounts": [
            {"id": "alice-eur", "bank": B, "label": "Alice EUR", "number": "1001", "type": "CURRENT",
                "balance": {"currency": "EUR", "amount": "150.00"}, "IBAN": "DE89 3704 0044 0532 0130 00",
                "owners": ["sbx.alice"], "generate_public_view": true,
                "generate_accountants_view": true, "generate_auditors_view": true},
            {"id": "bob-gbp", "bank": B, "label": "Bob GBP", "number": "1002", "type": "CURRENT",
                "balance": {"currency": "GBP", "amount": "5.00"}, "IBAN": "",
                "owners": ["sbx.bob", "sbx.alice"], "generate_public_view": false,
                "generate_accountants_view": false, "generate_auditors_view": false}
        ],
        "transactions": [
            {"id": "t1", "this_account": {"id": "alice-eur", "bank": B},
                "counterparty": {"name": "Employer", "account_number": "999"},
                "details": {"type": "Transfer", "description": "Salary", "posted": "2024-01-01T09:00:00.000Z",
                    "completed": "2024-01-01T09:00:00.000Z", "new_balance": "160.50", "value": "100.00"}},
            {"id": "t2", "this_account": {"id": "alice-eur", "bank": B}, "counterparty": {"name": "Shop"},
                "details": {"type": "Card", "description": "Groceries", "posted": "2024-01-02T09:00:00Z",
                    "completed": "2024-01-02T09:00:00Z", "new_balance": "130.00", "value": "-30.50"}},
            {"id": "t3", "this_account": {"id": "alice-eur", "bank": B},
                "details": {"type": "Transfer", "description": "Refund", "posted": "2024-01-03T09:00:00Z",
                    "completed": "2024-01-03T09:00:00Z", "new_balance": "150.00", "value": "20.00"}},
            {"id": "t1", "this_account": {"id": "bob-gbp", "bank": B},
                "details": {"type": "Transfer", "description": "Gift", "posted": "2024-02-01T09:00:00Z",
                    "completed": "2024-02-01T09:00:00Z", "new_balance": "5.00", "value": "10.00"}}
        ],
        "branches": [{"id": "branch-1", "bank_id": B, "name": "Head Office",
            "address": {"line_1": "1 Street", "line_2": "", "line_3": "", "city": "Town", "county": "",
                "state": "", "post_code": "12345", "country_code": "DE"},
            "location": {"latitude": 52.5, "longitude": 13.4},
            "meta": {"license": {"id": "pddl", "name": "PDDL"}}}],
        "atms": [{"id": "atm-1", "bank_id": B, "name": "ATM 1",
            "address": {"line_1": "1 Street", "city": "Town", "country_code": "DE"},
            "location": {"latitude": 52.5, "longitude": 13.4},
            "meta": {"license": {"id": "pddl", "name": "PDDL"}}}],
        "products": [{"code": "CURRENT", "bank_id": B, "name": "Current account", "category": "c",
            "family": "f", "super_family": "s", "more_info_url": "", "meta": {"license": {"id": "pddl", "name": "PDDL"}}}],
        "crm_events": []
    })
}

async fn enabled_app() -> TestApp {
    TestApp::spawn_with(|s| s.allow_sandbox_data_import = true).await
}

fn dec(v: &Value) -> Decimal {
    v.as_str().unwrap().parse().unwrap()
}

/// Checks through the API that the account's balance is the sum of its transactions and
/// the newest transaction's `new_balance`; returns (balance, number of transactions).
async fn check_account(app: &TestApp, token: &str, bank: &str, account: &str) -> (String, usize) {
    let res = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{bank}/accounts/{account}/views/owner/balances"),
            token,
        )
        .await;
    res.assert_status(200);
    let balance = res.body["balances"][0]["amount"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{bank}/accounts/{account}/owner/transactions?limit=1000"),
            token,
        )
        .await;
    res.assert_status(200);
    let txs = res.body["transactions"].as_array().unwrap();
    let sum: Decimal = txs
        .iter()
        .map(|t| dec(&t["details"]["value"]["amount"]))
        .sum();
    assert_eq!(sum, balance.parse::<Decimal>().unwrap(), "{bank}/{account}");
    if let Some(newest) = txs.first() {
        assert_eq!(
            dec(&newest["details"]["new_balance"]["amount"]),
            balance.parse::<Decimal>().unwrap()
        );
    }
    (balance, txs.len())
}

#[tokio::test]
async fn import_creates_banks_users_accounts_and_books_every_transaction() {
    let app = enabled_app().await;
    let importer = app
        .user_with_roles("importer", &[("CanCreateSandbox", "")])
        .await;
    let res = app.post_as(IMPORT, &importer.token, file()).await;
    res.assert_status(201);
    assert_eq!(res.body, json!({"success": "Success"}));

    let banks = app.get("/obp/v5.1.0/banks").await;
    assert!(banks.body["banks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["id"] == B && b["full_name"] == "The Sandbox Bank"));
    let (_, key) = app.create_consumer(true).await;
    let alice = app.login("sbx.alice", PASSWORD, &key).await;
    let bob = app.login("sbx.bob", PASSWORD, &key).await;
    // 3 imported + the opening balance (150.00 - 89.50 = 60.50).
    assert_eq!(
        check_account(&app, &alice, B, "alice-eur").await,
        ("150.00".to_owned(), 4)
    );
    // 1 imported + the opening balance (5.00 - 10.00 = -5.00), against the GBP settlement account.
    assert_eq!(
        check_account(&app, &bob, B, "bob-gbp").await,
        ("5.00".to_owned(), 2)
    );
    // Alice co-owns Bob's account.
    check_account(&app, &alice, B, "bob-gbp").await;
    let txs = app
        .get_as(
            &format!("/obp/v5.1.0/banks/{B}/accounts/alice-eur/owner/transactions"),
            &alice,
        )
        .await;
    let oldest = txs.body["transactions"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(oldest["details"]["type"], "OPENING_BALANCE");
    assert_eq!(oldest["details"]["value"]["amount"], "60.50");
    let newest = &txs.body["transactions"][0];
    assert_eq!(newest["details"]["description"], "Refund");
    assert_eq!(newest["details"]["posted"], "2024-01-03T09:00:00Z");

    // Settlement accounts balance the ledger: incoming paid 100 + 20 + 60.50 out.
    let conn = &app.state.connector;
    let ctx = obp_domain::context::CallContext::for_test();
    let bank = obp_domain::ids::BankId::parse(B).unwrap();
    let total: Decimal = conn
        .get_bank_accounts_by_bank_id(&ctx, &bank)
        .await
        .unwrap()
        .iter()
        .filter(|a| a.currency().code() == "EUR")
        .map(|a| a.balance.amount())
        .sum();
    assert_eq!(total, Decimal::ZERO, "EUR ledger of the bank sums to zero");
    let total_gbp: Decimal = conn
        .get_bank_accounts_by_bank_id(&ctx, &bank)
        .await
        .unwrap()
        .iter()
        .filter(|a| a.currency().code() == "GBP")
        .map(|a| a.balance.amount())
        .sum();
    assert_eq!(total_gbp, Decimal::ZERO);

    let branches = app.get(&format!("/obp/v5.1.0/banks/{B}/branches")).await;
    branches.assert_status(200);
    assert_eq!(branches.body["branches"][0]["id"], "branch-1");
    // OBP's sandbox format says `post_code`; the branch is rendered with `postcode`.
    assert_eq!(branches.body["branches"][0]["address"]["postcode"], "12345");
    assert!(branches.body["branches"][0]["address"]
        .get("post_code")
        .is_none());

    // Importing again refuses the duplicates and writes nothing.
    let users = app.user_count().await;
    let res = app.post_as(IMPORT, &importer.token, file()).await;
    res.assert_obp_error(400, "OBP-10001");
    assert!(res
        .message()
        .contains("banks[0] (id \"sbx.bank\"): a bank with this id already exists"));
    assert!(res
        .message()
        .contains("a user with this username already exists"));
    assert_eq!(app.user_count().await, users);
    assert_eq!(check_account(&app, &alice, B, "alice-eur").await.1, 4);
}

#[tokio::test]
async fn import_is_off_by_default_and_needs_can_create_sandbox() {
    let off = TestApp::spawn().await;
    let importer = off
        .user_with_roles("importer", &[("CanCreateSandbox", "")])
        .await;
    off.post_as(IMPORT, &importer.token, file())
        .await
        .assert_obp_error(403, "OBP-00002");
    let app = enabled_app().await;
    app.post_json(IMPORT, file())
        .await
        .assert_obp_error(401, "OBP-20001");
    let nobody = app.user_with_roles("nobody", &[]).await;
    let res = app.post_as(IMPORT, &nobody.token, file()).await;
    res.assert_obp_error(403, "OBP-20006");
    assert!(res.message().contains("CanCreateSandbox"));
}

#[tokio::test]
async fn a_bad_file_names_every_problem_and_writes_nothing() {
    let app = enabled_app().await;
    let importer = app
        .user_with_roles("importer", &[("CanCreateSandbox", "")])
        .await;
    let users = app.user_count().await;
    let mut bad = file();
    bad["transactions"][0]["details"]["value"] = json!(100.0);
    bad["accounts"][1]["balance"]["currency"] = json!("XYZ");
    bad["accounts"].as_array_mut().unwrap().push(json!({
        "id": "ghost", "bank": "no.such.bank", "balance": {"currency": "EUR", "amount": "0"},
        "owners": ["sbx.alice"]}));
    bad["accounts"].as_array_mut().unwrap().push(json!({
        "id": "alice-eur", "bank": B, "number": "1003", "balance": {"currency": "EUR", "amount": "0"},
        "owners": ["sbx.alice"]}));
    bad["transactions"][1]["details"]["value"] = json!("-3.333");
    bad["transactions"][2]["id"] = json!("t1");
    let res = app.post_as(IMPORT, &importer.token, bad).await;
    res.assert_obp_error(400, "OBP-10001");
    let msg = res.message();
    for expected in [
        "transactions[0] (id \"t1\", bank \"sbx.bank\", account \"alice-eur\"): details.value: amounts must be JSON strings",
        "accounts[1] (bank \"sbx.bank\", id \"bob-gbp\"): balance.currency \"XYZ\"",
        "accounts[2] (bank \"no.such.bank\", id \"ghost\"): unknown bank \"no.such.bank\"",
        "accounts[3] (bank \"sbx.bank\", id \"alice-eur\"): duplicate account id",
        "transactions[1] (id \"t2\", bank \"sbx.bank\", account \"alice-eur\"): details.value: \"-3.333\" is not a valid EUR amount",
        "transactions[2] (id \"t1\", bank \"sbx.bank\", account \"alice-eur\"): duplicate transaction id",
    ] {
        assert!(msg.contains(expected), "{expected} not in {msg}");
    }
    assert!(app.get("/obp/v5.1.0/banks").await.body["banks"]
        .as_array()
        .unwrap()
        .iter()
        .all(|b| b["id"] != B));
    assert_eq!(app.user_count().await, users);
    // A body that is not OBP's import JSON at all.
    app.post_as(IMPORT, &importer.token, json!({"banks": "nope"}))
        .await
        .assert_obp_error(400, "OBP-10001");
}

#[tokio::test]
async fn demo_data_fills_an_empty_database_once() {
    let app = TestApp::spawn_with(|s| s.demo_data = true).await;
    let banks = app.get("/obp/v5.1.0/banks").await;
    assert_eq!(banks.body["banks"].as_array().unwrap().len(), 3);
    let (_, key) = app.create_consumer(true).await;
    let alice = app.login("alice", "Demo!Alice2024x", &key).await;
    let (_, n) = check_account(&app, &alice, "demo.bank.eu", "alice-current").await;
    assert!(n > 50, "months of history, got {n}");
    check_account(&app, &alice, "demo.bank.eu", "alice-savings").await;
    let carol = app.login("carol", "Demo!Carol2024x", &key).await;
    check_account(&app, &carol, "demo.bank.uk", "carol-current").await;
    // The credentials the start-up block prints log in; the demo app's key is read back.
    let creds = obp_api::sandbox::demo_credentials(&app.state.store)
        .await
        .unwrap()
        .expect("demo credentials");
    assert_eq!(creds.users.len(), 6);
    let block = obp_api::sandbox::credentials_block(&creds, "http://h");
    for u in &creds.users {
        assert!(block.contains(&u.username) && block.contains(&u.password));
        assert!(!u.accounts.is_empty());
        for (_, iban) in &u.accounts {
            assert!(iban.parse::<obp_domain::iban::Iban>().is_ok(), "{iban}");
            assert!(block.contains(iban.as_str()));
        }
    }
    assert!(block.contains(&creds.consumer_key));
    let bob = app.login("bob", "Demo!Bob2024x", &creds.consumer_key).await;
    // Accounts carry their IBAN as an account routing.
    let account = app
        .get_as(
            "/obp/v5.1.0/banks/demo.bank.eu/accounts/bob-current/owner/account",
            &bob,
        )
        .await;
    account.assert_status(200);
    let iban = &creds.users[1].accounts[0].1;
    assert_eq!(
        account.body["account_routings"],
        json!([{"scheme": "IBAN", "address": iban}])
    );
    // Each demo user is linked to a customer at their bank.
    let mine = app
        .get_as("/obp/v5.1.0/users/current/customers", &bob)
        .await;
    mine.assert_status(200);
    assert_eq!(mine.body["customers"][0]["legal_name"], "Bob Demo");
    assert_eq!(mine.body["customers"][0]["bank_id"], "demo.bank.eu");
    // Alice is the administrator: she can grant roles; Bob cannot.
    let admin = creds.users.iter().find(|u| u.administrator).unwrap();
    assert_eq!(admin.username, "alice");
    let bob_id = app.get_as("/obp/v5.1.0/users/current", &bob).await.body["user_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let grant = json!({"bank_id": "", "role_name": "CanGetAnyUser"});
    app.post_as(
        &format!("/obp/v5.1.0/users/{bob_id}/entitlements"),
        &bob,
        grant.clone(),
    )
    .await
    .assert_obp_error(403, "OBP-20006");
    app.post_as(
        &format!("/obp/v5.1.0/users/{bob_id}/entitlements"),
        &alice,
        grant,
    )
    .await
    .assert_status(201);
    let users = app.user_count().await;
    // Idempotent: a database with banks is left alone.
    let again = obp_api::sandbox::load_demo_data(&app.state).await.unwrap();
    assert!(again.imported.is_none());
    assert!(again.credentials.is_some());
    let mine = app
        .get_as("/obp/v5.1.0/users/current/customers", &bob)
        .await;
    assert_eq!(mine.body["customers"].as_array().unwrap().len(), 1);
    assert_eq!(app.user_count().await, users);
    assert_eq!(
        app.get("/obp/v5.1.0/banks").await.body["banks"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[tokio::test]
async fn offline_import_does_the_same_without_http() {
    let app = TestApp::spawn().await;
    let data: obp_api::sandbox::SandboxDataImport = serde_json::from_value(file()).unwrap();
    let summary = obp_api::sandbox::import_offline(
        (*app.state.settings).clone(),
        app.state.store.clone(),
        &data,
    )
    .await
    .unwrap();
    assert_eq!(summary.banks, 1);
    assert_eq!(summary.users, 2);
    assert_eq!(summary.accounts, 2);
    assert_eq!(summary.transactions, 4);
    assert_eq!(summary.opening_balances, 2);
    assert_eq!(
        (summary.branches, summary.atms, summary.products),
        (1, 1, 1)
    );
}
