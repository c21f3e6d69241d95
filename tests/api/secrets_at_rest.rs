//! Issue #14, item 7: secrets at rest that the server itself guards at start — the SCA
//! outbox outside `dev`, the card key, and the SQLite file's mode. (Card numbers: `cards.rs`;
//! outbox codes of answered or expired challenges: `payments.rs`.)

use obp_api::config::{Secret, Settings};
use obp_api::startup::{Application, Signals};
use obp_tests::{on_postgres, TestDb};

async fn settings_on(url: String) -> Settings {
    Settings {
        listen: "127.0.0.1:0".to_owned(),
        database_url: url,
        db_max_connections: Some(2),
        workers: 1,
        shutdown_timeout_secs: 1,
        card_key: Secret::new("11".repeat(32)),
        ..Settings::default()
    }
}

/// Serves a built application, then stops it (its pool and workers with it).
async fn run_and_stop(app: Application) {
    let handle = app.handle();
    let serving = tokio::spawn(app.run_until_stopped());
    handle.stop(false).await;
    let _ = serving.await;
}

fn sqlite_path(db: &TestDb) -> Option<std::path::PathBuf> {
    match db {
        TestDb::Sqlite(p) => Some(p.clone()),
        TestDb::Postgres { .. } => None,
    }
}

#[tokio::test]
async fn the_outbox_transport_is_refused_outside_dev_unless_allowed() {
    let (db, url) = TestDb::create().await;
    let mut settings = settings_on(url).await;
    settings.stage = "prod".to_owned();
    let err = Application::build(settings.clone(), Signals::Ignore)
        .await
        .expect_err("OUTBOX on stage prod must be refused");
    assert!(format!("{err:#}").contains("allow_sca_outbox"), "{err:#}");
    // Refused before the database was touched.
    if let Some(path) = sqlite_path(&db) {
        assert!(!path.exists(), "a refused start created {}", path.display());
    }
    settings.allow_sca_outbox = true;
    let app = Application::build(settings.clone(), Signals::Ignore)
        .await
        .expect("allowed explicitly");
    run_and_stop(app).await;
    settings.allow_sca_outbox = false;
    settings.sca_transport = obp_api::payments::settings::ScaTransport::Smtp;
    let app = Application::build(settings, Signals::Ignore)
        .await
        .expect("SMTP needs no permission");
    run_and_stop(app).await;
}

#[cfg(unix)]
#[tokio::test]
async fn the_sqlite_file_and_its_card_key_file_are_created_0600() {
    use std::os::unix::fs::PermissionsExt;
    if on_postgres() {
        return;
    }
    let (db, url) = TestDb::create().await;
    let path = sqlite_path(&db).unwrap();
    let mut settings = settings_on(url).await;
    settings.card_key = Secret::default();
    let app = Application::build(settings.clone(), Signals::Ignore)
        .await
        .unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600, "{}", path.display());
    let mut key_name = path.clone().into_os_string();
    key_name.push(".card-key");
    let key_file = std::path::PathBuf::from(key_name);
    assert_eq!(mode(&key_file), 0o600, "{}", key_file.display());
    let key = std::fs::read_to_string(&key_file).unwrap();
    assert_eq!(key.len(), 64);
    run_and_stop(app).await;
    // A second start keeps the key (cards stay readable).
    let again = Application::build(settings, Signals::Ignore).await.unwrap();
    run_and_stop(again).await;
    assert_eq!(std::fs::read_to_string(&key_file).unwrap(), key);
    std::fs::remove_file(&key_file).ok();
}

#[tokio::test]
async fn postgres_without_a_card_key_is_refused_and_a_malformed_key_always() {
    let (db, url) = TestDb::create().await;
    let mut settings = settings_on(url).await;
    settings.card_key = Secret::new("not a key");
    let err = Application::build(settings.clone(), Signals::Ignore)
        .await
        .expect_err("a malformed card key must be refused");
    assert!(format!("{err:#}").contains("card_key"), "{err:#}");
    if let Some(path) = sqlite_path(&db) {
        assert!(!path.exists(), "a refused start created {}", path.display());
    }
    if on_postgres() {
        settings.card_key = Secret::default();
        let err = Application::build(settings, Signals::Ignore)
            .await
            .expect_err("PostgreSQL without a card key must be refused");
        assert!(format!("{err:#}").contains("OBP_CARD_KEY"), "{err:#}");
    }
}
