//! Every pooled SQLite connection runs with the same settings (a PRAGMA run once reaches only
//! one connection, which is how only the first connection once had them).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use obp_connectors::db::{connect, DbSettings};
use sea_orm::{ConnectionTrait, Statement, TransactionTrait};

#[tokio::test]
async fn every_sqlite_connection_has_wal_full_sync_foreign_keys_a_busy_timeout_and_its_cache_bound()
{
    let dir = std::env::temp_dir().join(format!("obp-pragmas-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = connect(&DbSettings {
        sqlite_cache_kib: 1024,
        ..DbSettings::new(format!("sqlite:{}", dir.join("p.db").display()), 4)
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
        // The configured page cache bound (negative: KiB rather than pages).
        assert_eq!(get("PRAGMA cache_size").await, "-1024");
    }
    for txn in open {
        txn.rollback().await.unwrap();
    }
    let _ = std::fs::remove_dir_all(dir);
}
