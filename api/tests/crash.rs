//! Crash safety: SIGKILL the server in the middle of a payment load, restart it on the same
//! database, and check that the ledger verifies and no request is half-applied. Runs on
//! SQLite, and on PostgreSQL when `OBP_TEST_DATABASE_URL` is set. Then the same with
//! `Idempotency-Key`s, killed repeatedly: every key in flight at a kill, retried, ends in one
//! definite answer, and every request booked is the answer of exactly one key.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_obp-server");
const PASSWORD: &str = "Crash-Test-Passw0rd!";
const BANK: &str = "crash.bank";

struct Db {
    url: String,
    cleanup: Option<(String, String)>,
    file: Option<std::path::PathBuf>,
}

impl Db {
    fn new() -> Self {
        match std::env::var("OBP_TEST_DATABASE_URL") {
            Ok(admin) if !admin.trim().is_empty() => {
                let name = format!("obp_crash_{}", uuid::Uuid::new_v4().simple());
                assert!(Command::new("psql")
                    .args([
                        admin.as_str(),
                        "-q",
                        "-c",
                        &format!("CREATE DATABASE {name}")
                    ])
                    .status()
                    .unwrap()
                    .success());
                let base = admin.rsplit_once('/').unwrap().0.to_owned();
                Db {
                    url: format!("{base}/{name}"),
                    cleanup: Some((admin, name)),
                    file: None,
                }
            }
            _ => {
                let path = std::env::temp_dir()
                    .join(format!("obp-crash-{}.db", uuid::Uuid::new_v4().simple()));
                Db {
                    url: format!("sqlite:{}", path.display()),
                    cleanup: None,
                    file: Some(path),
                }
            }
        }
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        if let Some((admin, name)) = &self.cleanup {
            let _ = Command::new("psql")
                .args([
                    admin.as_str(),
                    "-q",
                    "-c",
                    &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                ])
                .status();
        }
        if let Some(f) = &self.file {
            for s in ["", "-wal", "-shm"] {
                let mut p = f.clone().into_os_string();
                p.push(s);
                let _ = std::fs::remove_file(p);
            }
        }
    }
}

fn command(db: &Db) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env("DATABASE_URL", &db.url)
        .env_remove("OBP_CONFIG")
        .env("OBP_LISTEN", "127.0.0.1:0")
        .env("OBP_WORKERS", "2")
        // A retry may take over the key of an attempt that died one second after its claim.
        .env("OBP_PAYMENTS__IDEMPOTENCY_LEASE_SECS", "1")
        // Charges booked too: a payment is then three legs that must land together or not at all.
        .env("OBP_PAYMENTS__BOOK_CHARGES", "true")
        .env("OBP_LOG_LEVEL", "warn,obp_api::startup=info")
        // PostgreSQL needs an explicit card key (SQLite makes one beside its file).
        .env(
            "OBP_CARD_KEY",
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
        );
    cmd
}

#[expect(clippy::zombie_processes, reason = "killed and waited by the test")]
fn serve(db: &Db) -> (Child, String) {
    let mut child = command(db)
        .arg("serve")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    loop {
        let line = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("no address logged");
        if let Some(i) = line.find("listening on ") {
            let addr = line[i + 13..].split_whitespace().next().unwrap().to_owned();
            std::thread::spawn(move || while rx.recv().is_ok() {});
            return (child, format!("http://{addr}"));
        }
    }
}

async fn call(
    client: &reqwest::Client,
    method: reqwest::Method,
    url: String,
    token: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut req = client
        .request(method, url)
        .header("DirectLogin", format!("token={token}"));
    if let Some(b) = body {
        req = req.json(&b);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

/// Bootstraps an admin, serves, creates the bank and four accounts funded with `fund` EUR;
/// returns the server, its base URL, a client and the admin's token.
async fn prepare(db: &Db, fund: &str) -> (Child, String, reqwest::Client, String) {
    let boot = command(db)
        .args(["bootstrap", "--username", "admin", "--password", PASSWORD])
        .output()
        .unwrap();
    assert!(
        boot.status.success(),
        "{}",
        String::from_utf8_lossy(&boot.stderr)
    );
    let boot: Value = serde_json::from_slice(&boot.stdout).unwrap();
    let user_id = boot["user_id"].as_str().unwrap().to_owned();
    let key = boot["consumer_key"].as_str().unwrap().to_owned();

    let (server, base) = serve(db);
    let client = reqwest::Client::new();
    let res = client
        .post(format!("{base}/my/logins/direct"))
        .header(
            "DirectLogin",
            format!("username=admin, password={PASSWORD}, consumer_key={key}"),
        )
        .send()
        .await
        .unwrap();
    let token = res.json::<Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let (s, b) = call(
        &client,
        reqwest::Method::POST,
        format!("{base}/obp/v5.1.0/users/{user_id}/entitlements"),
        &token,
        Some(json!({"bank_id": "", "role_name": "CanCreateBank"})),
    )
    .await;
    assert_eq!(s, 201, "{b}");
    let (s, b) = call(
        &client,
        reqwest::Method::POST,
        format!("{base}/obp/v5.1.0/banks"),
        &token,
        Some(json!({"id": BANK, "bank_code": "CR", "full_name": "Crash Bank"})),
    )
    .await;
    assert_eq!(s, 201, "{b}");
    let (s, b) = call(
        &client,
        reqwest::Method::POST,
        format!("{base}/obp/v5.1.0/users/{user_id}/entitlements"),
        &token,
        Some(json!({"bank_id": BANK, "role_name": "CanCreateHistoricalTransactionAtBank"})),
    )
    .await;
    assert_eq!(s, 201, "{b}");
    for i in 0..4 {
        let (s, b) = call(&client, reqwest::Method::PUT, format!("{base}/obp/v5.1.0/banks/{BANK}/accounts/acc-{i}"), &token,
            Some(json!({"label": "c", "product_code": "CURRENT", "balance": {"currency": "EUR", "amount": "0"}, "branch_id": "", "account_routings": []}))).await;
        assert_eq!(s, 201, "{b}");
        let (s, b) = call(&client, reqwest::Method::POST, format!("{base}/obp/v5.1.0/banks/{BANK}/management/historical/transactions"), &token,
            Some(json!({"from_account_id": "OBP-INCOMING-SETTLEMENT-ACCOUNT", "to_account_id": format!("acc-{i}"), "value": {"currency": "EUR", "amount": fund},
                "description": "fund", "posted": "2024-01-01T00:00:00Z", "completed": "2024-01-01T00:00:00Z", "type": "SANDBOX_TAN", "charge_policy": "SHARED"}))).await;
        assert_eq!(s, 201, "{b}");
    }

    (server, base, client, token)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sigkill_during_payments_leaves_no_half_applied_request() {
    let db = Db::new();
    let (mut server, base, client, token) = prepare(&db, "500.00").await;

    // Load: 8 clients paying each other until the server dies.
    let mut tasks = Vec::new();
    for c in 0..8usize {
        let client = client.clone();
        let base = base.clone();
        let token = token.clone();
        tasks.push(tokio::spawn(async move {
            for n in 0..10_000usize {
                let from = (c + n) % 4;
                let to = (from + 1 + n % 3) % 4;
                let res = client
                    .post(format!("{base}/obp/v4.0.0/banks/{BANK}/accounts/acc-{from}/owner/transaction-request-types/SANDBOX_TAN/transaction-requests"))
                    .header("DirectLogin", format!("token={token}"))
                    .json(&json!({"to": {"bank_id": BANK, "account_id": format!("acc-{to}")}, "value": {"currency": "EUR", "amount": "1.00"}}))
                    .send()
                    .await;
                if res.is_err() {
                    break;
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    server.kill().unwrap();
    server.wait().unwrap();
    for t in tasks {
        t.await.unwrap();
    }

    // Restart on the same database: the ledger verifies and every request is whole.
    let verify = command(&db).args(["ledger", "verify"]).output().unwrap();
    assert!(
        verify.status.success(),
        "{}{}",
        String::from_utf8_lossy(&verify.stdout),
        String::from_utf8_lossy(&verify.stderr)
    );
    let (mut server, base) = serve(&db);
    let mut completed = 0;
    for i in 0..4 {
        let (s, b) = call(
            &client,
            reqwest::Method::GET,
            format!("{base}/obp/v5.1.0/banks/{BANK}/accounts/acc-{i}/owner/transaction-requests"),
            &token,
            None,
        )
        .await;
        assert_eq!(s, 200, "{b}");
        for tr in b["transaction_requests_with_charges"].as_array().unwrap() {
            assert_eq!(tr["status"], "COMPLETED", "{tr}");
            // OBP renders one id: the payer's transaction.
            let ids = tr["transaction_ids"].as_array().unwrap();
            assert_eq!(ids.len(), 1, "{tr}");
            let (s, t) = call(&client, reqwest::Method::GET, format!("{base}/obp/v5.1.0/banks/{BANK}/accounts/acc-{i}/owner/transactions/{}/transaction", ids[0].as_str().unwrap()), &token, None).await;
            assert_eq!(s, 200, "{t}");
            completed += 1;
        }
    }
    assert!(completed > 0, "the load made no payment before the kill");
    let (s, b) = call(
        &client,
        reqwest::Method::GET,
        format!("{base}/obp/v5.1.0/management/ledger/verify"),
        &token,
        None,
    )
    .await;
    // The admin has no CanVerifyLedger: the CLI above is the check; the API must refuse cleanly.
    assert_eq!(s, 403, "{b}");
    server.kill().unwrap();
    server.wait().unwrap();
}

/// One keyed transfer the load sent, and its answer (`None`: the server died first).
struct Sent {
    key: String,
    from: usize,
    to: usize,
    answer: Option<(u16, Value)>,
}

fn transfer_url(base: &str, from: usize) -> String {
    format!("{base}/obp/v4.0.0/banks/{BANK}/accounts/acc-{from}/owner/transaction-request-types/SANDBOX_TAN/transaction-requests")
}

fn transfer_body(to: usize) -> Value {
    json!({"to": {"bank_id": BANK, "account_id": format!("acc-{to}")}, "value": {"currency": "EUR", "amount": "1.00"}})
}

async fn send_keyed(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    key: &str,
    from: usize,
    to: usize,
) -> Result<(u16, Value, bool), reqwest::Error> {
    let res = client
        .post(transfer_url(base, from))
        .header("DirectLogin", format!("token={token}"))
        .header("Idempotency-Key", key)
        .json(&transfer_body(to))
        .send()
        .await?;
    let status = res.status().as_u16();
    let replayed = res.headers().get("Idempotency-Replayed").is_some();
    let body = res.json().await?;
    Ok((status, body, replayed))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkills_under_keyed_load_leave_every_key_with_one_definite_answer() {
    const ROUNDS: usize = 6;
    let db = Db::new();
    let (mut server, mut base, client, token) = prepare(&db, "100000.00").await;
    // key -> the request id it was answered with.
    let mut answered: std::collections::BTreeMap<String, String> = Default::default();
    let mut in_flight_total = 0;
    for round in 0..ROUNDS {
        // 8 clients, each with a new key per transfer, until the server dies.
        let acknowledged = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for c in 0..8usize {
            let (client, base, token) = (client.clone(), base.clone(), token.clone());
            let acknowledged = std::sync::Arc::clone(&acknowledged);
            tasks.push(tokio::spawn(async move {
                let mut sent = Vec::new();
                for n in 0..100_000usize {
                    let from = (c + n) % 4;
                    let to = (from + 1 + n % 3) % 4;
                    let key = format!("r{round}-c{c}-n{n}");
                    match send_keyed(&client, &base, &token, &key, from, to).await {
                        Ok((status, body, _)) => {
                            acknowledged.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            sent.push(Sent {
                                key,
                                from,
                                to,
                                answer: Some((status, body)),
                            });
                        }
                        Err(_) => {
                            sent.push(Sent {
                                key,
                                from,
                                to,
                                answer: None,
                            });
                            break;
                        }
                    }
                }
                sent
            }));
        }
        // Kill at a different point of the load each round (however slow the machine).
        let wanted = 10 + 7 * round;
        for _ in 0..600 {
            if acknowledged.load(std::sync::atomic::Ordering::Relaxed) >= wanted {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        server.kill().unwrap();
        server.wait().unwrap();
        let mut retry = Vec::new();
        for t in tasks {
            for sent in t.await.unwrap() {
                match &sent.answer {
                    Some((201, body)) => {
                        let id = body["id"].as_str().unwrap().to_owned();
                        assert!(answered.insert(sent.key.clone(), id).is_none());
                    }
                    // In flight at the kill (or a server fault): retried below.
                    None => retry.push(sent),
                    Some((status, _)) if *status >= 500 => retry.push(sent),
                    Some((status, body)) => panic!("unexpected {status}: {body}"),
                }
            }
        }
        assert!(
            !answered.is_empty(),
            "the load made no payment before the kill"
        );
        in_flight_total += retry.len();

        // Restart on the same database; once the dead attempts' leases (1 s) are over, every
        // key in flight gets one definite answer, and acknowledged keys replay theirs.
        (server, base) = serve(&db);
        tokio::time::sleep(Duration::from_millis(1100)).await;
        for sent in &retry {
            let (status, body, _) =
                send_keyed(&client, &base, &token, &sent.key, sent.from, sent.to)
                    .await
                    .unwrap();
            assert_eq!(status, 201, "retry of {}: {body}", sent.key);
            let id = body["id"].as_str().unwrap().to_owned();
            assert_eq!(body["status"], "COMPLETED", "{body}");
            assert!(answered.insert(sent.key.clone(), id).is_none());
        }
        let acknowledged: Vec<(String, String)> = answered
            .iter()
            .filter(|(k, _)| k.starts_with(&format!("r{round}-")))
            .step_by(25)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (key, id) in acknowledged {
            let n: usize = key.rsplit('n').next().unwrap().parse().unwrap();
            let c: usize = key.split('-').nth(1).unwrap()[1..].parse().unwrap();
            let from = (c + n) % 4;
            let to = (from + 1 + n % 3) % 4;
            let (status, body, replayed) = send_keyed(&client, &base, &token, &key, from, to)
                .await
                .unwrap();
            assert_eq!(status, 201, "replay of {key}: {body}");
            assert_eq!(body["id"], id.as_str(), "replay of {key}");
            assert!(replayed, "replay of {key}");
        }
    }
    assert!(in_flight_total > 0, "no request was in flight at any kill");

    // Every booked request is the answer of exactly one key, and every answer is booked.
    let mut booked = std::collections::BTreeSet::new();
    for i in 0..4 {
        let (s, b) = call(
            &client,
            reqwest::Method::GET,
            format!("{base}/obp/v5.1.0/banks/{BANK}/accounts/acc-{i}/owner/transaction-requests"),
            &token,
            None,
        )
        .await;
        assert_eq!(s, 200, "{b}");
        for tr in b["transaction_requests_with_charges"].as_array().unwrap() {
            assert_eq!(tr["status"], "COMPLETED", "{tr}");
            let ids = tr["transaction_ids"].as_array().unwrap();
            assert!(ids.len() == 1 && ids[0] != "", "{tr}");
            assert!(booked.insert(tr["id"].as_str().unwrap().to_owned()));
        }
    }
    let answers: std::collections::BTreeSet<String> = answered.values().cloned().collect();
    assert_eq!(
        answers.len(),
        answered.len(),
        "two keys answered with one request"
    );
    assert_eq!(booked, answers);
    server.kill().unwrap();
    server.wait().unwrap();
    let verify = command(&db).args(["ledger", "verify"]).output().unwrap();
    assert!(
        verify.status.success(),
        "{}{}",
        String::from_utf8_lossy(&verify.stdout),
        String::from_utf8_lossy(&verify.stderr)
    );
    eprintln!(
        "{ROUNDS} kills, {} keys answered, {in_flight_total} in flight at the kills and retried",
        answered.len()
    );
}
