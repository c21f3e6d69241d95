//! Benchmark of issue #16: `GET /obp/v5.1.0/my/accounts` authenticated by a Consent-JWT next to
//! the same request authenticated by a DirectLogin token, in one run, on SQLite and PostgreSQL.
//!
//! The consent path verifies an HS256 signature with the consent's own secret and reads the
//! consent, its app and its user through the consent cache (the token cache's TTL), so it
//! should cost little more than DirectLogin, whose token is cached the same way. The figure
//! is `consent ÷ DirectLogin` cost per request (DirectLogin req/s ÷ consent req/s), from runs
//! interleaved DL, consent, DL, consent (each side's best) so machine noise hits both.
//!
//! Seeding goes through the API: `obp-server bootstrap` makes an administrator with an app,
//! who grants themself `CanCreateBank`, creates a bank and five accounts (owner view on each),
//! and creates an IMPLICIT consent for every view they hold (`everything`) with consents' SCA
//! off, so it is ACCEPTED at once.
//!
//! Usage: `cargo build --release -p obp-api -p obp-tests --bins && target/release/bench-consent`
//! Env: `BENCH_DURATION` (s, default 10), `BENCH_CONNECTIONS` (64), `BENCH_WORKERS` (2),
//! `BENCH_PG_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`; a fresh database is
//! created beside it and dropped afterwards; `none` skips PostgreSQL).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use obp_tests::bench::{
    http, json, print_load, server_command, spawn_listening, stop, with_fresh_pg_database, wrk,
    BenchAdmin, Load,
};

const PASSWORD: &str = "Bench-Passw0rd!";
const BANK: &str = "bench.consent";

/// Seeds through the API; returns (DirectLogin header, consumer key, consent JWT).
fn seed(db_url: &str, addr: &str) -> (String, String, String) {
    let admin = BenchAdmin::create(db_url, addr, PASSWORD);
    let (auth, key) = (&admin.auth, admin.consumer_key.clone());
    admin.grant(addr, "CanCreateBank");
    let (status, body) = http(
        addr,
        "POST",
        "/obp/v5.1.0/banks",
        auth,
        &format!(
            r#"{{"id": "{BANK}", "bank_code": "BC", "full_name": "Bench Consent Bank", "bank_routings": [{{"scheme": "BIC", "address": "BENCHDEFF"}}]}}"#
        ),
    );
    assert_eq!(status, 201, "{body}");
    for i in 0..5 {
        let (status, body) = http(
            addr,
            "PUT",
            &format!("/obp/v5.1.0/banks/{BANK}/accounts/acc-{i}"),
            auth,
            &format!(
                r#"{{"label": "Account {i}", "product_code": "CURRENT", "balance": {{"currency": "EUR", "amount": "0"}}, "branch_id": "br1", "account_routings": [{{"scheme": "AccountNumber", "address": "N-{i}"}}]}}"#
            ),
        );
        assert_eq!(status, 201, "{body}");
    }
    let (status, body) = http(
        addr,
        "POST",
        &format!("/obp/v3.1.0/banks/{BANK}/my/consents/IMPLICIT"),
        auth,
        r#"{"everything": true, "views": [], "entitlements": []}"#,
    );
    assert_eq!(status, 201, "{body}");
    let consent = json(&body);
    assert_eq!(consent["status"], "ACCEPTED", "{body}");
    (
        auth[0].clone(),
        key,
        consent["jwt"].as_str().unwrap().to_owned(),
    )
}

fn run(label: &str, db_url: &str) -> f64 {
    let mut cmd = server_command(db_url);
    cmd.env("OBP_CONSENTS__SCA_ENABLED", "false");
    let (server, addr) = spawn_listening(cmd);
    let (direct_login, key, jwt) = seed(db_url, &addr);
    let url = format!("http://{addr}/obp/v5.1.0/my/accounts");
    let direct = vec![direct_login];
    let consent = vec![
        format!("Consent-JWT: {jwt}"),
        format!("Consumer-Key: {key}"),
    ];
    // Both answer the same five accounts.
    for headers in [&direct, &consent] {
        let (status, body) = http(&addr, "GET", "/obp/v5.1.0/my/accounts", headers, "");
        assert_eq!(status, 200, "{body:.300}");
        assert_eq!(
            json(&body)["accounts"].as_array().map_or(0, Vec::len),
            5,
            "{body:.300}"
        );
    }
    let best = |a: Load, b: Load| if b.rps > a.rps { b } else { a };
    let d1 = wrk(&url, &direct);
    let c1 = wrk(&url, &consent);
    let d2 = wrk(&url, &direct);
    let c2 = wrk(&url, &consent);
    stop(server);
    let (d, c) = (best(d1, d2), best(c1, c2));
    println!("== {label}");
    print_load("GET /my/accounts, DirectLogin", &d);
    print_load("GET /my/accounts, Consent-JWT + Consumer-Key", &c);
    let cost = d.rps / c.rps;
    println!("consent cost ÷ DirectLogin cost: {cost:.2} (target ≤ 1.20)");
    cost
}

fn main() {
    let tmp = std::env::temp_dir().join("obp-bench-consent.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", tmp.display()));
    }
    run("SQLite", &format!("sqlite:{}", tmp.display()));
    with_fresh_pg_database("obp_bench_consent", |url| {
        run("PostgreSQL", url);
    });
}
