//! Every pooled SQLite connection runs with the same settings (a PRAGMA run once reaches only
//! one connection, which is how only the first connection once had them).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use obp_connectors::db::{connect, DbSettings};
use sea_orm::{ConnectionTrait, Statement, TransactionTrait};

#[tokio::test]
async fn every_sqlite_connection_has_wal_full_sync_foreign_keys_and_a_busy_timeout() {
    let dir = std::env::temp_dir().join(format!("obp-pragmas-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = connect(&DbSettings {
        url: format!("sqlite:{}", dir.join("p.db").display()),
        max_connections: 4,
        acquire_timeout: Duration::from_secs(10),
        test_before_acquire: false,
    })
    .await
    .unwrap();
    // Four transactions open at once hold four distinct connections.
    let mut open = Vec::new();
    for _ in 0..4 {
        open.push(db.begin().await.unwrap());
    }
    for txn in &open {
        let one = |sql: &str| Statement::from_string(sea_orm::DbBackend::Sqlite, sql.to_owned());
        let value = |row: sea_orm::QueryResult| -> String {
            row.try_get_by_index::<i64>(0)
                .map(|v| v.to_string())
                .or_else(|_| row.try_get_by_index::<String>(0))
                .unwrap()
        };
        let get = |sql: &'static str| async move {
            value(txn.query_one(one(sql)).await.unwrap().unwrap())
        };
        assert_eq!(get("PRAGMA journal_mode").await, "wal");
        // 2 = FULL.
        assert_eq!(get("PRAGMA synchronous").await, "2");
        assert_eq!(get("PRAGMA foreign_keys").await, "1");
        assert_eq!(get("PRAGMA busy_timeout").await, "5000");
    }
    for txn in open {
        txn.rollback().await.unwrap();
    }
    let _ = std::fs::remove_dir_all(dir);
}
