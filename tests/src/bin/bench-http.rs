//! HTTP benchmarks of `obp-server` (release build), driven by `wrk`.
//!
//! Measures, in one run on this machine:
//! * cold start: spawn `obp-server serve` on a fresh SQLite file → first 200 from
//!   `/health/ready` (5 runs: min / median / max), and idle resident memory;
//! * under load (`wrk`, requests/s, p50 and p99), next to a trivial actix-web handler
//!   (`bench-baseline`) with the same worker count, and each one's ratio to it:
//!   `GET /obp/v5.1.0/banks`, `/root`, `/users/current`, and as the owner through DirectLogin
//!   the account read (`.../accounts/A/owner/account`; once on one account, once going round
//!   64 accounts) and a transactions page of 50 rows (an account of 200 transactions); see
//!   `bench/README.md`.
//!
//! Usage: `cargo build --release -p obp-api -p obp-tests --bins && target/release/bench-http`
//! Options (env): `BENCH_DURATION` (s, default 10), `BENCH_CONNECTIONS` (default 64),
//! `BENCH_WORKERS` (default 2), `BENCH_DATABASE_URL` (default: a fresh SQLite file).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use obp_tests::bench::{
    env_or, print_load, release_dir, rss_kib, server_command, spawn_listening, status_kib, stop,
    wrk, wrk_paths,
};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn http_status(addr: &str, path: &str) -> Option<u16> {
    let mut s = TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut buf = [0u8; 12];
    s.read_exact(&mut buf).ok()?;
    std::str::from_utf8(&buf[9..12]).ok()?.parse().ok()
}

fn server_cmd(db_url: &str, workers: &str) -> Command {
    let mut cmd = server_command(db_url);
    cmd.env("OBP_WORKERS", workers);
    cmd
}

fn remove_sqlite(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.to_path_buf().into_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}

fn main() {
    let workers = env_or("BENCH_WORKERS", "2");
    let tmp = std::env::temp_dir();

    println!("== cold start (fresh SQLite file → first 200 from /health/ready)");
    let mut starts = Vec::new();
    let mut idle_rss = (0, 0, 0);
    for i in 0..5 {
        let db = tmp.join(format!("obp-bench-start-{i}.db"));
        remove_sqlite(&db);
        let t0 = Instant::now();
        let (child, addr) =
            spawn_listening(server_cmd(&format!("sqlite:{}", db.display()), &workers));
        while http_status(&addr, "/health/ready") != Some(200) {
            std::thread::sleep(Duration::from_millis(1));
        }
        starts.push(t0.elapsed());
        if i == 0 {
            std::thread::sleep(Duration::from_secs(2));
            let pid = child.id();
            idle_rss = (
                rss_kib(pid),
                status_kib(pid, "RssAnon"),
                status_kib(pid, "RssFile"),
            );
        }
        stop(child);
        remove_sqlite(&db);
    }
    starts.sort();
    println!(
        "cold start: min {:.0} ms, median {:.0} ms, max {:.0} ms",
        starts[0].as_secs_f64() * 1000.0,
        starts[2].as_secs_f64() * 1000.0,
        starts[4].as_secs_f64() * 1000.0
    );
    println!(
        "idle resident memory: {:.1} MiB (anonymous {:.1}, file-backed {:.1})",
        idle_rss.0 as f64 / 1024.0,
        idle_rss.1 as f64 / 1024.0,
        idle_rss.2 as f64 / 1024.0
    );

    println!(
        "\n== load: wrk -t2 -c{} -d{}s, server workers {workers}",
        env_or("BENCH_CONNECTIONS", "64"),
        env_or("BENCH_DURATION", "10")
    );
    let db = tmp.join("obp-bench-load.db");
    remove_sqlite(&db);
    let db_url =
        std::env::var("BENCH_DATABASE_URL").unwrap_or_else(|_| format!("sqlite:{}", db.display()));
    // The schema, user `bench` with an app, bench.bank with an account of 200 transactions
    // owned by `bench`; then two more banks through SQL.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    // And SPREAD accounts of 2 transactions each, read round-robin by the "many accounts"
    // phase (the account read phase reads one account: concurrent reads of one key share a
    // row in the mapped connector's read batches, so that phase alone would flatter them).
    let spread: Vec<String> = (0..SPREAD).map(|i| format!("spread-{i}")).collect();
    let mut seeded: Vec<(&str, u64)> = vec![(BENCH_ACCOUNT, 200)];
    seeded.extend(spread.iter().map(|a| (a.as_str(), 2)));
    let key = rt.block_on(obp_tests::bench::seed_owned_accounts(
        &db_url,
        BENCH_BANK,
        BENCH_PASSWORD,
        &seeded,
    ));
    std::fs::write(std::env::temp_dir().join("obp-bench-consumer-key"), &key).unwrap();
    let (server, addr) = spawn_listening(server_cmd(&db_url, &workers));
    seed_banks(&db_url);
    let token = direct_login(&addr, &key).unwrap();
    let auth = [format!("DirectLogin: token={token}")];
    let account = wrk(
        &format!(
            "http://{addr}/obp/v5.1.0/banks/{BENCH_BANK}/accounts/{BENCH_ACCOUNT}/owner/account"
        ),
        &auth,
    );
    let many = wrk_paths(
        &format!("http://{addr}"),
        &auth,
        &spread
            .iter()
            .map(|a| format!("/obp/v5.1.0/banks/{BENCH_BANK}/accounts/{a}/owner/account"))
            .collect::<Vec<_>>(),
    );
    let page = wrk(
        &format!("http://{addr}/obp/v5.1.0/banks/{BENCH_BANK}/accounts/{BENCH_ACCOUNT}/owner/transactions?limit=50"),
        &auth,
    );
    let banks = wrk(&format!("http://{addr}/obp/v5.1.0/banks"), &[]);
    let root = wrk(&format!("http://{addr}/obp/v5.1.0/root"), &[]);
    let current = wrk(
        &format!("http://{addr}/obp/v5.1.0/users/current"),
        &[format!("DirectLogin: token={token}")],
    );
    println!(
        "  server resident memory after the loads: {:.1} MiB (anonymous {:.1}, file-backed {:.1})",
        rss_kib(server.id()) as f64 / 1024.0,
        status_kib(server.id(), "RssAnon") as f64 / 1024.0,
        status_kib(server.id(), "RssFile") as f64 / 1024.0
    );
    let login_ms = time_logins(&db_url, &addr);
    stop(server);
    remove_sqlite(&db);

    let mut base_cmd = Command::new(release_dir().join("bench-baseline"));
    base_cmd.args(["127.0.0.1:0", &workers]);
    let (baseline, base_addr) = spawn_listening(base_cmd);
    let trivial = wrk(&format!("http://{base_addr}/"), &[]);
    stop(baseline);

    print_load("trivial actix-web handler", &trivial);
    print_load("GET /obp/v5.1.0/root", &root);
    print_load("GET /obp/v5.1.0/banks (4 banks, DB read)", &banks);
    print_load("GET /obp/v5.1.0/users/current (DirectLogin)", &current);
    print_load("GET .../accounts/A/owner/account (DirectLogin)", &account);
    print_load(
        &format!("GET .../accounts/X/owner/account, {SPREAD} accounts in turn"),
        &many,
    );
    print_load("GET .../accounts/A/owner/transactions?limit=50", &page);
    println!("ratio banks / trivial: {:.3}", banks.rps / trivial.rps);
    println!(
        "ratio account read / trivial: {:.3}",
        account.rps / trivial.rps
    );
    println!(
        "ratio account read, {SPREAD} accounts / trivial: {:.3}",
        many.rps / trivial.rps
    );
    println!(
        "ratio transactions page / trivial: {:.4}",
        page.rps / trivial.rps
    );
    println!(
        "ratio users/current / banks: {:.2}",
        current.rps / banks.rps
    );
    println!(
        "DirectLogin (argon2id verify, OWASP cost), 10 in a row: median {:.0} ms, min {:.0} ms, max {:.0} ms",
        login_ms[login_ms.len() / 2], login_ms[0], login_ms[login_ms.len() - 1]
    );
}

const BENCH_PASSWORD: &str = "Bench-Passw0rd!";
const BENCH_BANK: &str = "bench.bank";
const BENCH_ACCOUNT: &str = "bench-acc";
/// Accounts the "many accounts" read phase goes round.
const SPREAD: usize = 64;

fn direct_login(addr: &str, key: &str) -> Option<String> {
    let mut s = TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(
        s,
        "POST /my/logins/direct HTTP/1.1\r\nHost: {addr}\r\nDirectLogin: username=bench, password={BENCH_PASSWORD}, consumer_key={key}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    let body = out.split("\r\n\r\n").nth(1)?;
    let v: serde_json::Value = serde_json::from_str(body).ok()?;
    v["token"].as_str().map(str::to_owned)
}

/// Ten logins in a row, in milliseconds, sorted.
fn time_logins(_db_url: &str, addr: &str) -> Vec<f64> {
    let key = std::fs::read_to_string(std::env::temp_dir().join("obp-bench-consumer-key")).unwrap();
    let mut ms: Vec<f64> = (0..10)
        .map(|_| {
            let t0 = Instant::now();
            direct_login(addr, &key).unwrap();
            t0.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    ms.sort_by(|a, b| a.total_cmp(b));
    ms
}

/// Inserts three more banks through the database (the API's bank creation needs a logged-in admin).
fn seed_banks(db_url: &str) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        use sea_orm::{ConnectionTrait, Statement};
        let db = sea_orm::Database::connect(obp_connectors_url(db_url)).await.unwrap();
        let backend = db.get_database_backend();
        for id in ["bank.one", "bank.two", "bank.three"] {
            let sql = match backend {
                sea_orm::DbBackend::Postgres => "INSERT INTO bank (id, short_name, full_name, logo_url, website_url, bank_routing_scheme, bank_routing_address, swift_bic, national_identifier, created_at) VALUES ($1, $1, $1, '', '', 'BIC', $1, '', '', now())",
                _ => "INSERT INTO bank (id, short_name, full_name, logo_url, website_url, bank_routing_scheme, bank_routing_address, swift_bic, national_identifier, created_at) VALUES (?, ?, ?, '', '', 'BIC', ?, '', '', CURRENT_TIMESTAMP)",
            };
            let values: Vec<sea_orm::Value> = match backend {
                sea_orm::DbBackend::Postgres => vec![id.into()],
                _ => vec![id.into(), id.into(), id.into(), id.into()],
            };
            db.execute(Statement::from_sql_and_values(backend, sql, values)).await.unwrap();
        }
    });
}

fn obp_connectors_url(url: &str) -> String {
    match url.strip_prefix("sqlite:") {
        Some(path) if !path.starts_with("//") => format!("sqlite://{path}?mode=rwc"),
        _ => url.to_owned(),
    }
}
