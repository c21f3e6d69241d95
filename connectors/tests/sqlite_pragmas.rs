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

/// The reader: the same settings, every read refused a write, the writer's commits visible
/// to it at once, and reads on the calling thread reuse one connection.
#[tokio::test]
async fn the_reader_refuses_writes_and_sees_the_writers_last_commit() {
    use obp_connectors::db::connect_reader;
    let dir = std::env::temp_dir().join(format!("obp-readers-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let settings = DbSettings {
        read_connections: 3,
        sqlite_cache_kib: 1024,
        ..DbSettings::new(format!("sqlite:{}", dir.join("r.db").display()), 2)
    };
    let db = connect(&settings).await.unwrap();
    let reader = connect_reader(&settings).await.unwrap().expect("a reader");
    let sql = |s: &str| Statement::from_string(sea_orm::DbBackend::Sqlite, s.to_owned());
    db.execute(sql("CREATE TABLE t (v INTEGER NOT NULL)"))
        .await
        .unwrap();
    let get = |s: &'static str| {
        let reader = reader.clone();
        async move {
            let row = reader.query_one(sql(s)).await.unwrap().unwrap();
            row.try_get_by_index::<i64>(0)
                .map(|v| v.to_string())
                .or_else(|_| row.try_get_by_index::<String>(0))
                .unwrap()
        }
    };
    assert_eq!(get("PRAGMA query_only").await, "1");
    assert_eq!(get("PRAGMA journal_mode").await, "wal");
    assert_eq!(get("PRAGMA busy_timeout").await, "5000");
    assert_eq!(get("PRAGMA cache_size").await, "-1024");
    let err = reader
        .execute(sql("INSERT INTO t (v) VALUES (1)"))
        .await
        .expect_err("the reader must not write");
    assert!(err.to_string().contains("readonly"), "{err}");
    for v in 1..=3 {
        db.execute(sql(&format!("INSERT INTO t (v) VALUES ({v})")))
            .await
            .unwrap();
        let row = reader
            .query_one(sql("SELECT COALESCE(SUM(v), 0) FROM t"))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            row.try_get_by_index::<i64>(0).unwrap(),
            (1..=v).sum::<i64>()
        );
    }
    // A statement SQLite refuses is an error, and the reader goes on.
    assert!(reader.query_one(sql("SELECT nope FROM t")).await.is_err());
    assert_eq!(get("SELECT COUNT(*) FROM t").await, "3");
    // Reads on one thread reuse one connection; closing refuses every read after it.
    let (observed, reads) = obp_connectors::db::connect_reader_observed(&settings, None)
        .await
        .unwrap()
        .expect("a reader");
    for _ in 0..5 {
        observed.query_one(sql("SELECT 1")).await.unwrap();
    }
    assert_eq!(reads.idle_connections(), 1);
    reads.close();
    assert_eq!(reads.idle_connections(), 0);
    let err = observed
        .query_one(sql("SELECT 1"))
        .await
        .expect_err("a closed reader refuses reads");
    assert!(err.to_string().contains("closed"), "{err}");
    // No reader pool where it cannot or need not be: none asked for, or an in-memory database.
    let none = DbSettings {
        read_connections: 0,
        ..settings.clone()
    };
    assert!(connect_reader(&none).await.unwrap().is_none());
    let memory = DbSettings {
        read_connections: 3,
        ..DbSettings::new("sqlite::memory:", 1)
    };
    assert!(connect_reader(&memory).await.unwrap().is_none());
    let _ = std::fs::remove_dir_all(dir);
}
