//! End-to-end transfer benchmark on PostgreSQL, next to `pgbench -b tpcb-like`.
//!
//! Starts a release `obp-server` on a fresh PostgreSQL database, creates a bank and
//! `BENCH_ACCOUNTS` funded accounts through the API (DirectLogin), then for each N in
//! `BENCH_CLIENTS` (default `8,32`) runs N concurrent HTTP clients making SANDBOX_TAN
//! transfers below the challenge threshold between random accounts for `BENCH_DURATION`
//! seconds, and reports completed transfers/s, p50 and p99. In the same run it runs
//! `pgbench -b tpcb-like -c N -j 2 -T D` against the same PostgreSQL server and prints the
//! ratio. Finally it runs `obp-server ledger verify`, which must be clean.
//!
//! Usage: `cargo build --release -p obp-api -p obp-tests --bins && target/release/bench-transfers`
//! Environment: `BENCH_PG_URL` (admin URL, default `postgres://postgres@127.0.0.1:5432/postgres`),
//! `BENCH_DURATION` (10), `BENCH_CLIENTS` (`8,32`), `BENCH_ACCOUNTS` (64), `BENCH_PGBENCH_SCALE` (10),
//! `BENCH_DATABASE` (`postgres`, or `sqlite`: the server on a fresh SQLite file, pgbench still on
//! PostgreSQL), `BENCH_DB_CONNECTIONS` (the server's pool: default 32 on PostgreSQL, the
//! server's default on SQLite). Each run also reports the server's peak resident memory (VmRSS, sampled every
//! 50 ms) and, on PostgreSQL with `pg_stat_statements` loaded (`shared_preload_libraries`),
//! the statements per transfer and per pgbench transaction, `BEGIN` and `COMMIT` included;
//! with `BENCH_STATEMENTS=1` also the ten statements of each transfer run that took the most
//! time (calls per transfer, mean execution and planning time, plans, calls).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::{Child, Command};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use obp_tests::bench::{
    cpu_secs, env_or, percentile, postgres_cpu_secs, release_dir, rss_kib, server_command,
    spawn_listening, stop, BENCH_CARD_KEY,
};
use serde_json::{json, Value};

/// The server's PostgreSQL database (dropped and made again by each run).
const DB_NAME: &str = "obp_bench_transfers";

fn with_db(admin_url: &str, name: &str) -> String {
    let (base, _) = admin_url.rsplit_once('/').unwrap();
    format!("{base}/{name}")
}

fn psql(admin_url: &str, sql: &str) {
    let ok = Command::new("psql")
        .args([admin_url, "-q", "-c", sql])
        .status()
        .expect("psql is needed")
        .success();
    assert!(ok, "psql failed: {sql}");
}

/// CPU seconds used so far by [the server, every PostgreSQL process, this load generator].
fn cpu_split(server_pid: u32) -> [f64; 3] {
    [
        cpu_secs(&server_pid.to_string()).map_or(0.0, |c| c.0),
        postgres_cpu_secs(),
        cpu_secs("self").map_or(0.0, |c| c.0),
    ]
}

/// The value `sql` returns (one row, one column), `None` when the query fails (e.g.
/// `pg_stat_statements` is not loaded).
fn psql_value(admin_url: &str, sql: &str) -> Option<String> {
    let out = Command::new("psql")
        .args([admin_url, "-qtA", "-c", sql])
        .output()
        .expect("psql is needed");
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// Forgets the statements `pg_stat_statements` counted; false when it is not loaded
/// (`shared_preload_libraries = 'pg_stat_statements'`, then `CREATE EXTENSION`).
fn reset_statement_counts(admin_url: &str) -> bool {
    psql_value(
        admin_url,
        "CREATE EXTENSION IF NOT EXISTS pg_stat_statements",
    )
    .is_some()
        && psql_value(admin_url, "SELECT pg_stat_statements_reset()").is_some()
}

/// Statements (`BEGIN` and `COMMIT` included) `pg_stat_statements` counted on database `db`
/// since the last reset.
fn statement_count(admin_url: &str, db: &str) -> Option<f64> {
    psql_value(
        admin_url,
        &format!(
            "SELECT COALESCE(sum(s.calls), 0) FROM pg_stat_statements s \
             JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '{db}'"
        ),
    )?
    .parse()
    .ok()
}

/// With `BENCH_STATEMENTS=1`: the statements `pg_stat_statements` counted on database `db`
/// since the last reset, most total time first: calls per operation, mean execution and
/// planning time, the start of the text.
fn print_statements(admin_url: &str, db: &str, operations: usize) {
    if std::env::var("BENCH_STATEMENTS").map_or(true, |v| v != "1") {
        return;
    }
    let out = std::process::Command::new("psql")
        .arg(admin_url)
        .args(["-At", "-F", " | ", "-c"])
        .arg(format!(
            "SELECT round(s.calls::numeric / {ops}, 3), round(s.mean_exec_time::numeric, 3), \
             round(s.mean_plan_time::numeric, 3), s.plans, s.calls, \
             left(regexp_replace(s.query, '\\s+', ' ', 'g'), 90) FROM pg_stat_statements s \
             JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '{db}' \
             ORDER BY s.total_exec_time DESC LIMIT 10",
            ops = operations.max(1)
        ))
        .output();
    if let Ok(out) = out {
        println!("      per operation | exec ms | plan ms | plans | calls | statement");
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            println!("      {line}");
        }
    }
}

fn start_server(db_url: &str) -> (Child, String) {
    let mut cmd = server_command(db_url);
    // PostgreSQL: a connection per client at N=32, as pgbench has. SQLite: the server's own
    // default pool (one more than the cores, between 2 and 8) unless BENCH_DB_CONNECTIONS says otherwise.
    match std::env::var("BENCH_DB_CONNECTIONS") {
        Ok(n) => {
            cmd.env("OBP_DB_MAX_CONNECTIONS", n);
        }
        Err(_) if !db_url.starts_with("sqlite") => {
            cmd.env("OBP_DB_MAX_CONNECTIONS", "32");
        }
        Err(_) => {}
    }
    let (child, addr) = spawn_listening(cmd);
    (child, format!("http://{addr}"))
}

async fn call(
    client: &reqwest::Client,
    method: reqwest::Method,
    url: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (u16, Value) {
    let mut req = client.request(method, url);
    if let Some(t) = token {
        req = req.header("DirectLogin", format!("token={t}"));
    }
    if let Some(b) = body {
        req = req.json(&b);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

fn pgbench(admin_url: &str, clients: usize, duration: &str, scale: &str) -> f64 {
    let db = "obp_bench_pgbench";
    psql(admin_url, &format!("DROP DATABASE IF EXISTS {db}"));
    psql(admin_url, &format!("CREATE DATABASE {db}"));
    let url = with_db(admin_url, db);
    let init = Command::new("pgbench")
        .args(["-i", "-q", "-s", scale, &url])
        .output()
        .expect("pgbench is needed");
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let counting = reset_statement_counts(admin_url);
    let (pg_before, me_before) = (postgres_cpu_secs(), cpu_secs("self").unwrap_or_default());
    let out = Command::new("pgbench")
        .args([
            "-b",
            "tpcb-like",
            "-c",
            &clients.to_string(),
            "-j",
            "2",
            "-T",
            duration,
            "-n",
            &url,
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let tps = text
        .lines()
        .find(|l| l.starts_with("tps ="))
        .and_then(|l| l.split_whitespace().nth(2))
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN);
    let transactions: Option<f64> = text
        .lines()
        .find(|l| l.starts_with("number of transactions actually processed:"))
        .and_then(|l| l.split_whitespace().nth(5))
        .and_then(|v| v.parse().ok());
    if let Some(t) = transactions {
        // pgbench is this process's child, waited for: its CPU is in our children's time.
        let me_after = cpu_secs("self").unwrap_or_default();
        println!(
            "      pgbench CPU per transaction: PostgreSQL {:.2} ms, pgbench client {:.2} ms",
            (postgres_cpu_secs() - pg_before) * 1000.0 / t,
            (me_after.1 - me_before.1) * 1000.0 / t
        );
    }
    if let (true, Some(count), Some(t)) = (counting, statement_count(admin_url, db), transactions) {
        println!("      pgbench statements per transaction {:.2}", count / t);
    }
    psql(admin_url, &format!("DROP DATABASE IF EXISTS {db}"));
    tps
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let admin_url = env_or(
        "BENCH_PG_URL",
        "postgres://postgres@127.0.0.1:5432/postgres",
    );
    let duration = env_or("BENCH_DURATION", "10");
    let secs: u64 = duration.parse().unwrap();
    let accounts: usize = env_or("BENCH_ACCOUNTS", "64").parse().unwrap();
    let scale = env_or("BENCH_PGBENCH_SCALE", "10");
    let clients: Vec<usize> = env_or("BENCH_CLIENTS", "8,32")
        .split(',')
        .map(|c| c.trim().parse().unwrap())
        .collect();

    // The server's database: PostgreSQL (default) or, with BENCH_DATABASE=sqlite, a fresh
    // SQLite file; pgbench always runs on PostgreSQL, so the SQLite figures are a ratio to
    // the same machine's PostgreSQL TPC-B.
    let on_sqlite = env_or("BENCH_DATABASE", "postgres") == "sqlite";
    let sqlite_file =
        std::env::temp_dir().join(format!("obp-bench-transfers-{}.db", std::process::id()));
    let db_url = if on_sqlite {
        format!("sqlite:{}", sqlite_file.display())
    } else {
        psql(
            &admin_url,
            &format!("DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)"),
        );
        psql(&admin_url, &format!("CREATE DATABASE {DB_NAME}"));
        with_db(&admin_url, DB_NAME)
    };
    let (server, base) = start_server(&db_url);
    let server_pid = server.id();

    // Administrator and app.
    let out = Command::new(release_dir().join("obp-server"))
        .args([
            "bootstrap",
            "--username",
            "bench",
            "--password",
            "Bench-Passw0rd!",
        ])
        .env("DATABASE_URL", &db_url)
        .env("OBP_CARD_KEY", BENCH_CARD_KEY)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let boot: Value = serde_json::from_slice(&out.stdout).unwrap();
    let user_id = boot["user_id"].as_str().unwrap().to_owned();
    let key = boot["consumer_key"].as_str().unwrap().to_owned();
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(64)
        .build()
        .unwrap();
    let login = client
        .post(format!("{base}/my/logins/direct"))
        .header(
            "DirectLogin",
            format!("username=bench, password=Bench-Passw0rd!, consumer_key={key}"),
        )
        .send()
        .await
        .unwrap();
    let token: Value = login.json().await.unwrap();
    let token = token["token"].as_str().unwrap().to_owned();
    let bank = "bench.bank";
    for (role, b) in [("CanCreateBank", ""), ("CanVerifyLedger", "")] {
        let (s, body) = call(
            &client,
            reqwest::Method::POST,
            &format!("{base}/obp/v5.1.0/users/{user_id}/entitlements"),
            Some(&token),
            Some(json!({"bank_id": b, "role_name": role})),
        )
        .await;
        assert!(s == 201 || s == 400, "{s} {body}");
    }
    let (s, body) = call(
        &client,
        reqwest::Method::POST,
        &format!("{base}/obp/v5.1.0/banks"),
        Some(&token),
        Some(json!({"id": bank, "bank_code": "BENCH", "full_name": "Bench Bank"})),
    )
    .await;
    assert_eq!(s, 201, "{body}");
    let (s, body) = call(
        &client,
        reqwest::Method::POST,
        &format!("{base}/obp/v5.1.0/users/{user_id}/entitlements"),
        Some(&token),
        Some(json!({"bank_id": bank, "role_name": "CanCreateHistoricalTransactionAtBank"})),
    )
    .await;
    assert_eq!(s, 201, "{body}");
    for i in 0..accounts {
        let (s, body) = call(&client, reqwest::Method::PUT, &format!("{base}/obp/v5.1.0/banks/{bank}/accounts/acc-{i}"), Some(&token),
            Some(json!({"label": "bench", "product_code": "CURRENT", "balance": {"currency": "EUR", "amount": "0"}, "branch_id": "", "account_routings": []}))).await;
        assert_eq!(s, 201, "{body}");
        let (s, body) = call(&client, reqwest::Method::POST, &format!("{base}/obp/v5.1.0/banks/{bank}/management/historical/transactions"), Some(&token),
            Some(json!({"from_account_id": "OBP-INCOMING-SETTLEMENT-ACCOUNT", "to_account_id": format!("acc-{i}"),
                "value": {"currency": "EUR", "amount": "1000000.00"}, "description": "funding",
                "posted": "2024-01-01T00:00:00Z", "completed": "2024-01-01T00:00:00Z", "type": "SANDBOX_TAN", "charge_policy": "SHARED"}))).await;
        assert_eq!(s, 201, "{body}");
    }

    println!(
        "== transfers over HTTP (SANDBOX_TAN, below threshold, DirectLogin), {accounts} accounts, {secs}s per run, on {}",
        if on_sqlite { "SQLite" } else { "PostgreSQL" }
    );
    println!(
        "server resident memory before the load: {:.1} MiB",
        rss_kib(server_pid) as f64 / 1024.0
    );
    let mut results = Vec::new();
    for &n in &clients {
        let stop_flag = Arc::new(AtomicBool::new(false));
        let peak_rss = {
            let stop_flag = stop_flag.clone();
            std::thread::spawn(move || {
                let mut peak = 0;
                while !stop_flag.load(Ordering::Relaxed) {
                    peak = peak.max(rss_kib(server_pid));
                    std::thread::sleep(Duration::from_millis(50));
                }
                peak
            })
        };
        let counting = !on_sqlite && reset_statement_counts(&admin_url);
        let cpu_before = cpu_split(server_pid);
        let mut tasks = Vec::new();
        let started = Instant::now();
        for c in 0..n {
            let client = client.clone();
            let base = base.clone();
            let token = token.clone();
            let stop_flag = stop_flag.clone();
            tasks.push(tokio::spawn(async move {
                let mut lat = Vec::new();
                let mut errors = 0u64;
                let mut i: usize = c * 7919;
                while !stop_flag.load(Ordering::Relaxed) {
                    i = i.wrapping_mul(1103515245).wrapping_add(12345);
                    let from = i % accounts;
                    let to = (from + 1 + (i / accounts) % (accounts - 1)) % accounts;
                    let t0 = Instant::now();
                    let res = client
                        .post(format!("{base}/obp/v4.0.0/banks/{bank}/accounts/acc-{from}/owner/transaction-request-types/SANDBOX_TAN/transaction-requests"))
                        .header("DirectLogin", format!("token={token}"))
                        .json(&json!({"to": {"bank_id": bank, "account_id": format!("acc-{to}")}, "value": {"currency": "EUR", "amount": "1.00"}, "description": "bench"}))
                        .send()
                        .await;
                    match res {
                        Ok(r) if r.status().as_u16() == 201 => {
                            let _ = r.bytes().await;
                            lat.push(t0.elapsed());
                        }
                        Ok(r) => {
                            errors += 1;
                            if errors < 3 {
                                eprintln!("{}: {}", r.status(), r.text().await.unwrap_or_default());
                            }
                        }
                        Err(_) => errors += 1,
                    }
                }
                (lat, errors)
            }));
        }
        tokio::time::sleep(Duration::from_secs(secs)).await;
        stop_flag.store(true, Ordering::Relaxed);
        let mut all = Vec::new();
        let mut errors = 0;
        for t in tasks {
            let (lat, e) = t.await.unwrap();
            all.extend(lat);
            errors += e;
        }
        let elapsed = started.elapsed().as_secs_f64();
        let cpu_after = cpu_split(server_pid);
        let peak = peak_rss.join().unwrap();
        all.sort();
        let tps = all.len() as f64 / elapsed;
        println!(
            "N={n:<3} transfers/s {tps:>8.0}   p50 {:>7.2} ms   p99 {:>7.2} ms   errors {errors}   peak server RSS {:.1} MiB",
            percentile(&all, 0.50).as_secs_f64() * 1000.0,
            percentile(&all, 0.99).as_secs_f64() * 1000.0,
            peak as f64 / 1024.0
        );
        let per = |i: usize| (cpu_after[i] - cpu_before[i]) * 1000.0 / all.len().max(1) as f64;
        println!(
            "      CPU per transfer: server {:.2} ms, PostgreSQL {:.2} ms, load generator {:.2} ms",
            per(0),
            per(1),
            per(2)
        );
        if counting {
            if let Some(count) = statement_count(&admin_url, DB_NAME) {
                println!(
                    "      statements per transfer {:.2} (pg_stat_statements, BEGIN and COMMIT included)",
                    count / all.len().max(1) as f64
                );
            }
            print_statements(&admin_url, DB_NAME, all.len());
        }
        results.push((n, tps));
    }

    println!("\n== pgbench -b tpcb-like (scale {scale}) on the same server, {secs}s per run");
    for (n, tps) in &results {
        let pg = pgbench(&admin_url, *n, &duration, &scale);
        println!(
            "N={n:<3} pgbench tps {pg:>8.0}   ratio transfers/pgbench {:.2}",
            tps / pg
        );
    }

    let (s, body) = call(
        &client,
        reqwest::Method::GET,
        &format!("{base}/obp/v5.1.0/management/ledger/verify"),
        Some(&token),
        None,
    )
    .await;
    println!("\nledger verify (API): {s} {body}");
    stop(server);
    let out = Command::new(release_dir().join("obp-server"))
        .args(["ledger", "verify"])
        .env("DATABASE_URL", &db_url)
        .env("OBP_CARD_KEY", BENCH_CARD_KEY)
        .output()
        .unwrap();
    println!(
        "ledger verify (CLI): {}",
        String::from_utf8_lossy(&out.stdout).trim()
    );
    assert!(out.status.success(), "ledger verify failed");
    if on_sqlite {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", sqlite_file.display()));
        }
    }
    if !on_sqlite && !reset_statement_counts(&admin_url) {
        println!(
            "statements per transfer: pg_stat_statements is not loaded on this machine's \
             PostgreSQL (shared_preload_libraries); the statement budget test \
             (tests/api/statement_budget.rs) pins the pool's share"
        );
    }
    if !on_sqlite {
        psql(
            &admin_url,
            &format!("DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)"),
        );
    }
}
