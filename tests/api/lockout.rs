//! Issue #14, item 4: a failed-login lockout that cannot be turned against users.
//!
//! Failures lock one username from one client address (and one address across usernames)
//! for a while, with a doubling back-off; the account itself is never locked by strangers.
//! Unknown user, wrong password and locked account answer alike; a lock revokes tokens for
//! good; `bootstrap` gives a locked-out administrator their way back in; sign-up tells no
//! more than OBP's 409.

use std::time::{Duration, Instant};

use obp_connectors::store;
use obp_tests::{TestApp, TestResponse, PASSWORD};
use reqwest::Method;
use serde_json::json;

const WRONG: &str = "Wr0ng!Password";

async fn login_from(app: &TestApp, addr: &str, user: &str, pw: &str, key: &str) -> TestResponse {
    let header = format!("username={user}, password={pw}, consumer_key={key}");
    app.request(
        Method::POST,
        "/my/logins/direct",
        None,
        &[("DirectLogin", &header), ("X-Forwarded-For", addr)],
    )
    .await
}

async fn user_row(app: &TestApp, username: &str) -> store::User {
    store::find_user_by_username(&app.state.store, &app.state.settings.hostname, username)
        .await
        .unwrap()
        .unwrap()
}

async fn tokens_of(app: &TestApp, user_id: &str) -> u64 {
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    use store::entity::direct_login_token::{Column, Entity};
    Entity::find()
        .filter(Column::UserId.eq(user_id))
        .count(app.state.store.raw_connection())
        .await
        .unwrap()
}

#[tokio::test]
async fn failed_logins_from_one_address_do_not_lock_the_user_out_from_another() {
    let app = TestApp::spawn_with(|s| s.trust_forwarded_for = true).await;
    let (_, key) = app.create_consumer(true).await;
    let felix = app.user_with_roles("felix", &[]).await;
    let attacker = "203.0.113.7";
    for _ in 0..10 {
        login_from(&app, attacker, "felix", WRONG, &key)
            .await
            .assert_obp_error(401, "OBP-20004");
    }
    // The attacker's address is locked out of felix, even with the right password ...
    login_from(&app, attacker, "felix", PASSWORD, &key)
        .await
        .assert_obp_error(401, "OBP-20004");
    // ... but felix is not: not from his own address, not his token, not his account.
    login_from(&app, "198.51.100.2", "felix", PASSWORD, &key)
        .await
        .assert_status(201);
    app.get_as("/obp/v5.1.0/users/current", &felix.token)
        .await
        .assert_status(200);
    let row = user_row(&app, "felix").await;
    assert!(
        !row.is_locked,
        "strangers' failures must not lock the account"
    );
}

#[tokio::test]
async fn without_a_trusted_proxy_a_forged_forwarded_header_does_not_escape_the_lock() {
    let app = TestApp::spawn().await;
    let (_, key) = app.create_consumer(true).await;
    app.create_user("felix", PASSWORD).await;
    for i in 0..5 {
        login_from(&app, &format!("10.0.0.{i}"), "felix", WRONG, &key)
            .await
            .assert_obp_error(401, "OBP-20004");
    }
    login_from(&app, "10.0.0.99", "felix", PASSWORD, &key)
        .await
        .assert_obp_error(401, "OBP-20004");
    app.try_login("felix", PASSWORD, &key)
        .await
        .assert_obp_error(401, "OBP-20004");
}

#[tokio::test]
async fn the_failed_login_lock_is_temporary_and_doubles_on_every_further_lock() {
    let app = TestApp::spawn_with(|s| {
        s.max_bad_login_attempts = 2;
        s.bad_login_lock_secs = 2;
        s.bad_login_lock_max_secs = 60;
    })
    .await;
    let (_, key) = app.create_consumer(true).await;
    app.create_user("felix", PASSWORD).await;
    for _ in 0..2 {
        app.try_login("felix", WRONG, &key)
            .await
            .assert_obp_error(401, "OBP-20004");
    }
    // First lock: 2 s.
    app.try_login("felix", PASSWORD, &key)
        .await
        .assert_obp_error(401, "OBP-20004");
    tokio::time::sleep(Duration::from_millis(2200)).await;
    for _ in 0..2 {
        app.try_login("felix", WRONG, &key)
            .await
            .assert_obp_error(401, "OBP-20004");
    }
    // Second lock: 4 s, so still locked after the first lock's length.
    let locked_at = Instant::now();
    tokio::time::sleep(Duration::from_millis(2200)).await;
    app.try_login("felix", PASSWORD, &key)
        .await
        .assert_obp_error(401, "OBP-20004");
    let rest = Duration::from_millis(4300).saturating_sub(locked_at.elapsed());
    tokio::time::sleep(rest).await;
    app.login("felix", PASSWORD, &key).await;
}

#[tokio::test]
async fn one_address_guessing_at_many_usernames_is_locked_out_of_all_of_them() {
    let app = TestApp::spawn_with(|s| {
        s.trust_forwarded_for = true;
        s.max_bad_login_attempts_per_address = 3;
    })
    .await;
    let (_, key) = app.create_consumer(true).await;
    app.create_user("felix", PASSWORD).await;
    let sprayer = "192.0.2.1";
    for name in ["anna", "bert", "carl"] {
        login_from(&app, sprayer, name, WRONG, &key)
            .await
            .assert_obp_error(401, "OBP-20004");
    }
    login_from(&app, sprayer, "felix", PASSWORD, &key)
        .await
        .assert_obp_error(401, "OBP-20004");
    login_from(&app, "192.0.2.2", "felix", PASSWORD, &key)
        .await
        .assert_status(201);
}

#[tokio::test]
async fn unknown_user_wrong_password_and_locked_account_answer_the_same() {
    let app = TestApp::spawn().await;
    let (_, key) = app.create_consumer(true).await;
    app.create_user("felix", PASSWORD).await;
    app.create_user("locked", PASSWORD).await;
    let admin = app.user_with_roles("boss", &[("CanLockUser", "")]).await;
    let path = format!("/obp/v5.1.0/users/{}/locked/locks", app.provider_in_path());
    app.post_as(&path, &admin.token, json!({}))
        .await
        .assert_status(200);

    let unknown = app.try_login("nobody", PASSWORD, &key).await;
    let wrong = app.try_login("felix", WRONG, &key).await;
    let locked = app.try_login("locked", PASSWORD, &key).await;
    unknown.assert_obp_error(401, "OBP-20004");
    assert_eq!(
        unknown.body,
        json!({"code": 401, "message": "OBP-20004: Invalid login credentials. Check username/password."})
    );
    assert_eq!(wrong.body, unknown.body);
    assert_eq!(locked.body, unknown.body);
    // The refused login of the locked account issued no token.
    let locked_id = user_row(&app, "locked").await.id;
    assert_eq!(tokens_of(&app, &locked_id).await, 0);
}

#[tokio::test]
async fn tokens_revoked_by_a_lock_stay_revoked_after_the_unlock() {
    let app = TestApp::spawn().await;
    let (_, key) = app.create_consumer(true).await;
    let felix = app.user_with_roles("felix", &[]).await;
    let boss = app
        .user_with_roles("boss", &[("CanLockUser", ""), ("CanUnlockUser", "")])
        .await;
    let provider = app.provider_in_path();
    app.get_as("/obp/v5.1.0/users/current", &felix.token)
        .await
        .assert_status(200);
    app.post_as(
        &format!("/obp/v5.1.0/users/{provider}/felix/locks"),
        &boss.token,
        json!({}),
    )
    .await
    .assert_status(200);
    app.get_as("/obp/v5.1.0/users/current", &felix.token)
        .await
        .assert_obp_error(401, "OBP-20013");
    app.put_as(
        &format!("/obp/v5.1.0/users/{provider}/felix/lock-status"),
        &boss.token,
        json!({}),
    )
    .await
    .assert_status(200);
    // The token from before the lock does not come back ...
    app.get_as("/obp/v5.1.0/users/current", &felix.token)
        .await
        .assert_obp_error(401, "OBP-20003");
    // ... a new login does work.
    let fresh = app.login("felix", PASSWORD, &key).await;
    app.get_as("/obp/v5.1.0/users/current", &fresh)
        .await
        .assert_status(200);
}

#[tokio::test]
async fn bootstrap_unlocks_an_existing_administrator_and_resets_the_password() {
    let app = TestApp::spawn().await;
    let admin = app.bootstrap_admin().await;
    // The only administrator is locked by an administrator's lock and by failed logins.
    store::set_user_locked(&app.state.store, &admin.persona.user_id, true)
        .await
        .unwrap();
    for _ in 0..5 {
        app.try_login("admin", WRONG, &admin.consumer_key)
            .await
            .assert_obp_error(401, "OBP-20004");
    }
    app.try_login("admin", PASSWORD, &admin.consumer_key)
        .await
        .assert_obp_error(401, "OBP-20004");

    // Without a password: unlocked, password unchanged.
    let out = obp_api::bootstrap::bootstrap(
        (*app.state.settings).clone(),
        app.state.store.clone(),
        "admin",
        "",
        None,
    )
    .await
    .unwrap();
    assert!(!out.created_user);
    assert!(!user_row(&app, "admin").await.is_locked);
    let token = app.login("admin", PASSWORD, &out.consumer_key).await;
    app.get_as("/obp/v5.1.0/users/current", &token)
        .await
        .assert_status(200);
    // The token from before the lock stays revoked.
    app.get_as("/obp/v5.1.0/users/current", &admin.persona.token)
        .await
        .assert_obp_error(401, "OBP-20003");

    // With a new password: it replaces the old one.
    let new_password = "N3w!Str0ngPassword";
    let out = obp_api::bootstrap::bootstrap(
        (*app.state.settings).clone(),
        app.state.store.clone(),
        "admin",
        new_password,
        None,
    )
    .await
    .unwrap();
    app.try_login("admin", PASSWORD, &out.consumer_key)
        .await
        .assert_obp_error(401, "OBP-20004");
    app.login("admin", new_password, &out.consumer_key).await;

    // A weak password is refused and changes nothing.
    let weak = obp_api::bootstrap::bootstrap(
        (*app.state.settings).clone(),
        app.state.store.clone(),
        "admin",
        "weak",
        None,
    )
    .await;
    assert!(matches!(
        weak,
        Err(obp_api::bootstrap::BootstrapError::WeakPassword)
    ));
    app.login("admin", new_password, &out.consumer_key).await;
}

#[tokio::test]
async fn sign_up_of_a_taken_username_costs_the_same_work_as_a_new_one() {
    // A real hash cost, so the work shows in the timing.
    let app = TestApp::spawn_with(|s| {
        s.password_hash = obp_api::config::PasswordHashCost {
            memory_kib: 19_456,
            iterations: 4,
            parallelism: 1,
        }
    })
    .await;
    let body = |name: &str| {
        json!({"email": format!("{name}@example.com"), "username": name, "password": PASSWORD,
               "first_name": "F", "last_name": "S"})
    };
    let started = Instant::now();
    app.post_json("/obp/v5.1.0/users", body("felix"))
        .await
        .assert_status(201);
    let new_user = started.elapsed();
    let before = app.user_count().await;
    let started = Instant::now();
    let taken = app.post_json("/obp/v5.1.0/users", body("felix")).await;
    let taken_time = started.elapsed();
    taken.assert_obp_error(409, "OBP-30230");
    assert_eq!(
        app.user_count().await,
        before,
        "a refused sign-up writes nothing"
    );
    assert!(
        taken_time * 3 >= new_user,
        "a taken username answers much faster ({taken_time:?}) than a new one ({new_user:?})"
    );
}
