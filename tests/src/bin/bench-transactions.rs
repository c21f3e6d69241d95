//! Benchmark of issue #4: `GET .../accounts/ACCOUNT_ID/owner/transactions?limit=50` on an
//! account with 1,000 and one with 100,000 transactions, on SQLite and on PostgreSQL, to show
//! that a page costs the same whatever the history (requests/s and p99 via `wrk`).
//!
//! Seeding: the bank, the owner and both accounts are created through the sandbox import
//! (`obp_api::sandbox::import`), then the history is inserted in batches of SQL rows that keep
//! the ledger consistent: each transaction is a credit leg on the account, the matching debit
//! leg on the bank's incoming settlement account (running `new_balance` on both), and a
//! double-entry record; finally both balances are set to the sum of their legs.
//!
//! Usage: `cargo build --release -p obp-api -p obp-tests --bins && target/release/bench-transactions`
//! Env: `BENCH_DURATION` (s, default 10), `BENCH_CONNECTIONS` (default 64), `BENCH_WORKERS`
//! (default 2), `BENCH_PG_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`; a fresh
//! database is created next to it and dropped afterwards; `none` skips PostgreSQL).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use obp_tests::bench::{env_or, server_command, spawn_listening, stop, wrk};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Child;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use sea_orm::sea_query::{Alias, Query, SimpleExpr};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};

const BANK: &str = "bench.bank";
const PASSWORD: &str = "Bench-Passw0rd!";
const SIZES: [(&str, u64); 2] = [("acc-1k", 1_000), ("acc-100k", 100_000)];

fn spawn_server(db_url: &str) -> (Child, String) {
    spawn_listening(server_command(db_url))
}

fn http(addr: &str, request: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out.split("\r\n\r\n").nth(1).unwrap_or_default().to_owned()
}

fn direct_login(addr: &str, key: &str) -> String {
    let body = http(
        addr,
        &format!("POST /my/logins/direct HTTP/1.1\r\nHost: {addr}\r\nDirectLogin: username=bench, password={PASSWORD}, consumer_key={key}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
    );
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    v["token"].as_str().unwrap().to_owned()
}

fn import_file() -> obp_api::sandbox::SandboxDataImport {
    serde_json::from_value(serde_json::json!({
        "banks": [{"id": BANK, "short_name": "Bench", "full_name": "Bench Bank", "logo": "", "website": ""}],
        "accounts": SIZES.iter().map(|(id, _)| serde_json::json!({
            "id": id, "bank": BANK, "label": id, "number": id, "type": "CURRENT",
            "balance": {"currency": "EUR", "amount": "0"}, "owners": ["bench"]})).collect::<Vec<_>>()
    }))
    .unwrap()
}

/// Inserts `n` credits of 1.00 from the incoming settlement account to `account`.
async fn seed_history(
    db: &DatabaseConnection,
    account: &str,
    n: u64,
    settlement_before: i64,
) -> i64 {
    let settlement = obp_domain::account::INCOMING_SETTLEMENT_ACCOUNT_ID;
    let backend = db.get_database_backend();
    let txn = db.begin().await.unwrap();
    let start = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap();
    let leg_cols = [
        "id",
        "bank_id",
        "account_id",
        "amount_minor",
        "currency",
        "new_balance_minor",
        "transaction_type",
        "description",
        "posted",
        "completed",
        "other_bank_id",
        "other_account_id",
        "created_at",
    ];
    let de_cols = [
        "id",
        "debit_bank_id",
        "debit_account_id",
        "debit_transaction_id",
        "credit_bank_id",
        "credit_account_id",
        "credit_transaction_id",
        "created_at",
    ];
    let mut settlement_balance = settlement_before;
    let batch = 500;
    let mut i = 0;
    while i < n {
        let mut legs = Query::insert();
        legs.into_table(Alias::new("ledger_transaction"))
            .columns(leg_cols.iter().map(|c| Alias::new(*c)));
        let mut des = Query::insert();
        des.into_table(Alias::new("double_entry_transaction"))
            .columns(de_cols.iter().map(|c| Alias::new(*c)));
        for k in i..(i + batch).min(n) {
            let when = start + chrono::Duration::minutes(i64::try_from(k).unwrap());
            let credit_id = uuid::Uuid::new_v4().to_string();
            let debit_id = uuid::Uuid::new_v4().to_string();
            settlement_balance -= 100;
            let new_balance = i64::try_from(k + 1).unwrap() * 100;
            let leg =
                |id: &str, acc: &str, amount: i64, bal: i64, other: &str| -> Vec<SimpleExpr> {
                    vec![
                        id.into(),
                        BANK.into(),
                        acc.into(),
                        amount.into(),
                        "EUR".into(),
                        bal.into(),
                        "HISTORICAL".into(),
                        format!("bench {k}").into(),
                        when.into(),
                        when.into(),
                        BANK.into(),
                        other.into(),
                        when.into(),
                    ]
                };
            legs.values(leg(
                &debit_id,
                settlement,
                -100,
                settlement_balance,
                account,
            ))
            .unwrap();
            legs.values(leg(&credit_id, account, 100, new_balance, settlement))
                .unwrap();
            des.values(vec![
                uuid::Uuid::new_v4().to_string().into(),
                BANK.into(),
                settlement.into(),
                debit_id.into(),
                BANK.into(),
                account.into(),
                credit_id.into(),
                when.into(),
            ])
            .unwrap();
        }
        txn.execute(backend.build(&legs)).await.unwrap();
        txn.execute(backend.build(&des)).await.unwrap();
        i += batch;
    }
    let total = i64::try_from(n).unwrap() * 100;
    for (acc, bal) in [(account, total), (settlement, settlement_balance)] {
        let mut up = Query::update();
        up.table(Alias::new("bank_account"))
            .value(Alias::new("balance_minor"), bal)
            .and_where(sea_orm::sea_query::Expr::col(Alias::new("bank_id")).eq(BANK))
            .and_where(sea_orm::sea_query::Expr::col(Alias::new("account_id")).eq(acc));
        txn.execute(backend.build(&up)).await.unwrap();
    }
    txn.commit().await.unwrap();
    settlement_balance
}

/// Seeds the database; returns the bench app's consumer key.
async fn seed(db_url: &str) -> String {
    let settings = obp_api::config::Settings {
        database_url: db_url.to_owned(),
        ..obp_api::config::Settings::default()
    };
    let store = obp_api::startup::open_store(&settings).await.unwrap();
    obp_api::startup::migrate(&store).await.unwrap();
    let boot =
        obp_api::bootstrap::bootstrap(settings.clone(), store.clone(), "bench", PASSWORD, None)
            .await
            .unwrap();
    obp_api::sandbox::import_offline(settings, store.clone(), &import_file())
        .await
        .map_err(|e| e.client_message())
        .unwrap();
    let mut settlement = 0;
    for (account, n) in SIZES {
        let t0 = Instant::now();
        settlement = seed_history(store.raw_connection(), account, n, settlement).await;
        println!(
            "  seeded {n} transactions on {account} in {:.1} s",
            t0.elapsed().as_secs_f64()
        );
    }
    store.close().await.unwrap();
    boot.consumer_key
}

fn run(label: &str, db_url: &str, rt: &tokio::runtime::Runtime) {
    println!("== {label}");
    let key = rt.block_on(seed(db_url));
    let (server, addr) = spawn_server(db_url);
    let token = direct_login(&addr, &key);
    for (account, n) in SIZES {
        let path =
            format!("/obp/v5.1.0/banks/{BANK}/accounts/{account}/owner/transactions?limit=50");
        let body = http(
            &addr,
            &format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nDirectLogin: token={token}\r\nConnection: close\r\n\r\n"),
        );
        let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
        let page = v["transactions"].as_array().map_or(0, Vec::len);
        let newest = v["transactions"][0]["details"]["new_balance"]["amount"].clone();
        assert_eq!(page, 50, "page of 50 expected: {body:.300}");
        let l = wrk(
            &format!("http://{addr}{path}"),
            &[format!("DirectLogin: token={token}")],
        );
        println!(
            "{label:<10} {n:>7} txs  limit=50   {:>8.0} req/s   p50 {:>7.2} ms   p99 {:>7.2} ms   newest balance {newest} {}",
            l.rps, l.p50_ms, l.p99_ms, l.errors
        );
    }
    stop(server);
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    println!(
        "wrk -t2 -c{} -d{}s, server workers {}",
        env_or("BENCH_CONNECTIONS", "64"),
        env_or("BENCH_DURATION", "10"),
        env_or("BENCH_WORKERS", "2")
    );
    let file = std::env::temp_dir().join(format!("obp-bench-tx-{}.db", std::process::id()));
    run("SQLite", &format!("sqlite:{}", file.display()), &rt);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
    }
    let pg = env_or(
        "BENCH_PG_URL",
        "postgres://postgres@127.0.0.1:5432/postgres",
    );
    if pg == "none" {
        return;
    }
    let name = format!("obp_bench_tx_{}", std::process::id());
    let admin = rt.block_on(sea_orm::Database::connect(&pg)).unwrap();
    rt.block_on(admin.execute_unprepared(&format!("CREATE DATABASE {name}")))
        .unwrap();
    let base = pg.rsplit_once('/').map_or(pg.as_str(), |(b, _)| b);
    run("PostgreSQL", &format!("{base}/{name}"), &rt);
    let _ = rt.block_on(admin.execute_unprepared(&format!("DROP DATABASE {name} WITH (FORCE)")));
}
