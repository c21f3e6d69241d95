//! Benchmark of issue #4: `GET .../accounts/ACCOUNT_ID/owner/transactions?limit=50` on an
//! account with 1,000 and one with 100,000 transactions, on SQLite and on PostgreSQL, to show
//! that a page costs the same whatever the history (requests/s and p99 via `wrk`).
//!
//! Seeding: `obp_tests::bench::seed_owned_accounts` (the sandbox import, then the history as
//! SQL rows that keep the ledger consistent).
//!
//! Usage: `cargo build --release -p obp-api -p obp-tests --bins && target/release/bench-transactions`
//! Env: `BENCH_DURATION` (s, default 10), `BENCH_CONNECTIONS` (default 64), `BENCH_WORKERS`
//! (default 2), `BENCH_PG_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`; a fresh
//! database is created next to it and dropped afterwards; `none` skips PostgreSQL).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use obp_tests::bench::{env_or, seed_owned_accounts, server_command, spawn_listening, stop, wrk};
use sea_orm::ConnectionTrait;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Child;
use std::time::Duration;

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

fn run(label: &str, db_url: &str, rt: &tokio::runtime::Runtime) {
    println!("== {label}");
    let key = rt.block_on(seed_owned_accounts(db_url, BANK, PASSWORD, &SIZES));
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
