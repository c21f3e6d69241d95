//! OBP's account refresh (#20 item 2): `POST /obp/v3.1.0/users/USER_ID/refresh` and every
//! change of a user's auth context ask `getBankAccountsForUser` which accounts the user holds
//! and give the user the views the core banking system names; what the refresh gave is taken
//! away when the core system stops listing it; access given through the API stays.

use std::sync::Arc;

use obp_adapters_examples::core::{AccountHolder, CoreBank};
use obp_domain::account::{AccountKind, BankAccount};
use obp_domain::ids::{AccountId, BankId};
use obp_domain::money::{Currency, Money};
use obp_tests::{Persona, TestApp};
use serde_json::json;

use crate::star_end_to_end::{core_data_with_bank, rest_adapter_over, route};

const ROUTINGS: &str = "/obp/v5.1.0/management/method_routings";
const BANK: &str = "held.c";

fn refresh_path(user_id: &str) -> String {
    format!("/obp/v3.1.0/users/{user_id}/refresh")
}

fn core_account(account_id: &str) -> BankAccount {
    BankAccount {
        as_received: Default::default(),
        bank_id: BankId::parse(BANK).unwrap(),
        account_id: AccountId::parse(account_id).unwrap(),
        label: account_id.to_owned(),
        account_type: "CURRENT".to_owned(),
        balance: Money::parse("10.00", Currency::EUR).unwrap(),
        overdraft_limit: Money::zero(Currency::EUR),
        kind: AccountKind::Current,
        number: format!("N-{account_id}"),
        branch_id: "br1".to_owned(),
        holder_name: "Carol".to_owned(),
        routings: Vec::new(),
        created_by_user_id: None,
    }
}

fn holder(username: &str, account_id: &str, views: &[&str]) -> AccountHolder {
    AccountHolder {
        username: username.to_owned(),
        bank_id: BANK.to_owned(),
        account_id: account_id.to_owned(),
        views: views.iter().map(|v| (*v).to_owned()).collect(),
    }
}

async fn read_status(app: &TestApp, who: &Persona, account_id: &str, view: &str) -> u16 {
    app.get_as(
        &format!("/obp/v5.1.0/banks/{BANK}/accounts/{account_id}/{view}/account"),
        &who.token,
    )
    .await
    .status
}

#[tokio::test]
async fn the_refresh_follows_the_core_systems_account_holders() {
    let mut data = core_data_with_bank(BANK, "Held");
    data.accounts.push(core_account("acc1"));
    data.accounts.push(core_account("acc2"));
    data.accounts.push(core_account("acc3"));
    let core = Arc::new(CoreBank::new(data));
    let remote = rest_adapter_over(BANK, core.clone()).await;
    let app = TestApp::spawn_with(|s| {
        s.connector = "star".to_owned();
        s.method_routing_cache_ttl_millis = 0;
    })
    .await;
    let admin = app
        .user_with_roles(
            "refresher",
            &[
                ("CanCreateMethodRouting", ""),
                ("CanRefreshUser", ""),
                ("CanCreateUserAuthContext", ""),
                ("CanUpdateMethodRouting", ""),
            ],
        )
        .await;
    route(&app, &admin.token, &remote, &[]).await;
    let made = app
        .post_as(
            ROUTINGS,
            &admin.token,
            json!({"method_name": "getBankAccountsForUser", "connector_name": "rest_vMar2019",
                   "is_bank_id_exact_match": false, "bank_id_pattern": ".*",
                   "parameters": [{"key": "url", "value": format!("{}/getBankAccountsForUser", remote.url)}]}),
        )
        .await;
    made.assert_status(201);
    let routing_id = made.body["method_routing_id"].as_str().unwrap().to_owned();
    let carol = app.user_with_roles("carol", &[]).await;
    assert_eq!(read_status(&app, &carol, "acc1", "owner").await, 403);

    // The core system says carol holds acc1 (views named as OBP's adapters name them; a name
    // that is no system view here is skipped).
    core.lock()
        .account_holders
        .push(holder("carol", "acc1", &["Owner", "NotAView"]));
    let res = app
        .post_as(&refresh_path(&carol.user_id), &admin.token, json!({}))
        .await;
    res.assert_status(201);
    assert!(
        res.body["duration_time"].as_str().unwrap().ends_with(" ms"),
        "{}",
        res.body
    );
    assert_eq!(read_status(&app, &carol, "acc1", "owner").await, 200);
    // Refreshing again changes nothing.
    app.post_as(&refresh_path(&carol.user_id), &admin.token, json!({}))
        .await
        .assert_status(201);
    assert_eq!(read_status(&app, &carol, "acc1", "owner").await, 200);

    // An access given through the API is the API's: carol's owner view on acc3 (as an
    // account owner grants it) survives a core system that does not list acc3 for her.
    obp_connectors::store::views::grant_access(
        &app.state.store,
        &carol.user_id,
        BANK,
        "acc3",
        "owner",
    )
    .await
    .unwrap();
    assert_eq!(read_status(&app, &carol, "acc3", "owner").await, 200);

    // The core system moves carol from acc1 to acc2 (auditor only); a change of her auth
    // context refreshes her accounts as OBP does.
    {
        let mut data = core.lock();
        data.account_holders.retain(|h| h.username != "carol");
        data.account_holders
            .push(holder("carol", "acc2", &["auditor"]));
    }
    let res = app
        .post_as(
            &format!("/obp/v5.0.0/users/{}/auth-context", carol.user_id),
            &admin.token,
            json!({"key": "CUSTOMER_NUMBER", "value": "78987432"}),
        )
        .await;
    res.assert_status(201);
    assert_eq!(read_status(&app, &carol, "acc1", "owner").await, 403);
    assert_eq!(read_status(&app, &carol, "acc2", "auditor").await, 200);
    assert_eq!(read_status(&app, &carol, "acc2", "owner").await, 403);
    assert_eq!(read_status(&app, &carol, "acc3", "owner").await, 200);

    // A core system that cannot be reached changes nothing: the refresh answers its error.
    core.lock().account_holders.clear();
    app.put_as(
        &format!("{ROUTINGS}/{routing_id}"),
        &admin.token,
        json!({"method_name": "getBankAccountsForUser", "connector_name": "rest_vMar2019",
               "is_bank_id_exact_match": false, "bank_id_pattern": ".*",
               "parameters": [{"key": "url", "value": "http://127.0.0.1:9/getBankAccountsForUser"}]}),
    )
    .await
    .assert_status(200);
    let res = app
        .post_as(&refresh_path(&carol.user_id), &admin.token, json!({}))
        .await;
    assert_eq!(res.status, 502, "{}", res.body);
    assert_eq!(read_status(&app, &carol, "acc2", "auditor").await, 200);
}

#[tokio::test]
async fn refresh_needs_login_the_role_and_a_live_user() {
    let app = TestApp::spawn().await;
    let plain = app.user_with_roles("plain", &[]).await;
    app.post_json(&refresh_path(&plain.user_id), json!({}))
        .await
        .assert_obp_error(401, "OBP-20001");
    app.post_as(&refresh_path(&plain.user_id), &plain.token, json!({}))
        .await
        .assert_obp_error(403, "OBP-20006");
    let admin = app
        .user_with_roles("refresher", &[("CanRefreshUser", "")])
        .await;
    app.post_as(&refresh_path("no-such-user"), &admin.token, json!({}))
        .await
        .assert_obp_error(404, "OBP-20005");

    // On the embedded core system a user holds the accounts they opened, with owner: the
    // refresh gives nothing new and takes nothing away.
    let banker = app.create_bank("bank.r").await;
    let _ = banker;
    app.create_account(&plain.token, "bank.r", "mine").await;
    let res = app
        .post_as(&refresh_path(&plain.user_id), &admin.token, json!({}))
        .await;
    res.assert_status(201);
    let views = app
        .get_as(
            "/obp/v5.1.0/banks/bank.r/accounts/mine/owner/account",
            &plain.token,
        )
        .await;
    views.assert_status(200);
}
