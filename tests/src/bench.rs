//! Process helpers shared by the benchmark binaries (`src/bin/bench-*.rs`): they spawn the
//! release `obp-server` next to themselves, wait for its `listening on` line and stop it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The directory of the running benchmark binary (`target/release`), where `obp-server` is.
pub fn release_dir() -> PathBuf {
    std::env::current_exe()
        .unwrap()
        .parent()
        .unwrap()
        .to_path_buf()
}

/// An environment variable, or `default`.
pub fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

/// The card key of the benchmarks' servers. Hex digits that are not all decimal: an all-digit
/// value would be read as a number.
pub const BENCH_CARD_KEY: &str = "abababababababababababababababababababababababababababababababab";

/// `obp-server serve` on `db_url`, port 0, quiet logs, `BENCH_WORKERS` workers (default 2).
pub fn server_command(db_url: &str) -> Command {
    let mut cmd = Command::new(release_dir().join("obp-server"));
    cmd.arg("serve")
        .env("DATABASE_URL", db_url)
        // Card numbers are encrypted at rest; PostgreSQL needs the key given.
        .env("OBP_CARD_KEY", BENCH_CARD_KEY)
        .env("OBP_LISTEN", "127.0.0.1:0")
        .env("OBP_WORKERS", env_or("BENCH_WORKERS", "2"))
        .env("OBP_LOG_LEVEL", "warn,obp_api::startup=info");
    cmd
}

/// Spawns a process that logs `listening on ADDR` on stderr; returns it with the address.
/// Stop it with [`stop`], which waits for it.
#[expect(clippy::zombie_processes, reason = "the caller waits in `stop`")]
pub fn spawn_listening(mut cmd: Command) -> (Child, String) {
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    loop {
        let line = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("no address logged");
        if let Some(i) = line.find("listening on ") {
            let addr = line[i + 13..].split_whitespace().next().unwrap().to_owned();
            // Keep draining so the child never blocks on a full pipe.
            std::thread::spawn(move || while rx.recv().is_ok() {});
            return (child, addr);
        }
    }
}

/// The resident memory (VmRSS) of a process, in KiB; 0 when it cannot be read.
pub fn rss_kib(pid: u32) -> u64 {
    status_kib(pid, "VmRSS")
}

/// A KiB figure of `/proc/PID/status` (`VmRSS`, `RssAnon`, `RssFile`, ...), 0 when unknown.
pub fn status_kib(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find(|l| l.strip_prefix(field).is_some_and(|r| r.starts_with(':')))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// CPU time a process has used, in seconds: its own (`own`) and that of its children it
/// has waited for (`children`), from `/proc/PID/stat` (Linux reports clock ticks of 1/100 s
/// to user space). `None` when the process is gone.
pub fn cpu_secs(pid: &str) -> Option<(f64, f64)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces, in parentheses): state is the
    // first, utime the 12th, stime 13th, cutime 14th, cstime 15th.
    let rest: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let tick = |i: usize| rest.get(i).and_then(|v| v.parse::<f64>().ok());
    Some((
        (tick(11)? + tick(12)?) / 100.0,
        (tick(13)? + tick(14)?) / 100.0,
    ))
}

/// CPU seconds used so far by every PostgreSQL process on this machine: the live ones'
/// own, plus what the postmaster's exited children (closed backends) used.
pub fn postgres_cpu_secs() -> f64 {
    let mut total = 0.0;
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let pid = entry.file_name().to_string_lossy().to_string();
        if !pid.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        if comm.trim() != "postgres" {
            continue;
        }
        if let Some((own, children)) = cpu_secs(&pid) {
            total += own + children;
        }
    }
    total
}

/// SIGTERM, then wait up to 10 s, then kill.
pub fn stop(mut child: Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if child.try_wait().ok().flatten().is_some() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// The `p`-quantile (0..=1) of sorted durations; zero when empty.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn us(d: Duration) -> String {
    format!("{:.0} µs", d.as_secs_f64() * 1e6)
}

/// Measures a connector's `getBank` and prints the figures: `warmup` calls, then `calls`
/// sequential calls (p50 / p99 / max), then `concurrency` tasks calling for `duration`
/// (calls/s, p50 / p99). `label` names the connector and setup in the output.
pub async fn report_get_bank(
    label: &str,
    connector: std::sync::Arc<dyn obp_connectors::Connector>,
    bank: obp_domain::ids::BankId,
    warmup: u64,
    calls: u64,
    concurrency: u64,
    duration: Duration,
) {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    let ctx = obp_domain::context::CallContext::new("bench");
    for _ in 0..warmup {
        connector.get_bank(&ctx, &bank).await.unwrap();
    }
    let mut lat = Vec::with_capacity(usize::try_from(calls).unwrap_or(0));
    for _ in 0..calls {
        let t = Instant::now();
        connector.get_bank(&ctx, &bank).await.unwrap();
        lat.push(t.elapsed());
    }
    // Whether calls get slower as the broker holds more messages: p50 of the first and
    // the last tenth of the run.
    let tenth = (lat.len() / 10).max(1).min(lat.len());
    let mut first = lat[..tenth].to_vec();
    let mut last = lat[lat.len() - tenth..].to_vec();
    first.sort();
    last.sort();
    lat.sort();
    println!("{label} getBank, sequential, {calls} calls:");
    println!(
        "  p50 {}  p99 {}  max {}  (p50 of the first tenth {}, of the last tenth {})",
        us(percentile(&lat, 0.50)),
        us(percentile(&lat, 0.99)),
        us(lat.last().copied().unwrap_or_default()),
        us(percentile(&first, 0.50)),
        us(percentile(&last, 0.50)),
    );

    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (connector, bank, ctx, stop) =
            (connector.clone(), bank.clone(), ctx.clone(), stop.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                let t = Instant::now();
                connector.get_bank(&ctx, &bank).await.unwrap();
                lat.push(t.elapsed());
            }
            lat
        }));
    }
    tokio::time::sleep(duration).await;
    stop.store(true, Ordering::Relaxed);
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    let elapsed = started.elapsed();
    all.sort();
    println!(
        "{label} getBank, {concurrency} concurrent callers for {}s:",
        duration.as_secs()
    );
    println!(
        "  {:.0} calls/s  p50 {}  p99 {}  ({} calls)",
        all.len() as f64 / elapsed.as_secs_f64(),
        us(percentile(&all, 0.50)),
        us(percentile(&all, 0.99)),
        all.len()
    );
}

/// Result of one `wrk` run.
#[derive(Debug, Clone)]
pub struct Load {
    /// Requests per second.
    pub rps: f64,
    /// Median latency, milliseconds.
    pub p50_ms: f64,
    /// 99th percentile latency, milliseconds.
    pub p99_ms: f64,
    /// wrk's non-2xx and socket error lines, if any.
    pub errors: String,
}

/// `wrk`'s latency (`812.00us`, `1.20ms`, `2.01s`) in milliseconds.
fn parse_latency(s: &str) -> f64 {
    let s = s.trim();
    let (num, factor) = if let Some(v) = s.strip_suffix("us") {
        (v, 0.001)
    } else if let Some(v) = s.strip_suffix("ms") {
        (v, 1.0)
    } else if let Some(v) = s.strip_suffix('s') {
        (v, 1000.0)
    } else {
        (s, 1.0)
    };
    num.parse::<f64>().unwrap_or(f64::NAN) * factor
}

/// Runs `wrk -t2 -c$BENCH_CONNECTIONS -d$BENCH_DURATION --latency` with `headers` (each
/// `Name: value`) against `url`.
pub fn wrk(url: &str, headers: &[String]) -> Load {
    wrk_with(url, headers, None)
}

/// [`wrk`] sending `POST` with the JSON `body` (through a generated wrk Lua script).
pub fn wrk_post(url: &str, headers: &[String], body: &str) -> Load {
    let script = std::env::temp_dir().join(format!("obp-bench-post-{}.lua", std::process::id()));
    let escaped = body.replace('\\', "\\\\").replace('"', "\\\"");
    std::fs::write(
        &script,
        format!(
            "wrk.method = \"POST\"\nwrk.body = \"{escaped}\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n"
        ),
    )
    .unwrap();
    let load = wrk_with(url, headers, Some(&script));
    let _ = std::fs::remove_file(script);
    load
}

/// [`wrk`] on `base` (`http://host:port`) with `GET`s that go round `paths`, each of wrk's
/// connections starting at its own place (through a generated wrk Lua script).
pub fn wrk_paths(base: &str, headers: &[String], paths: &[String]) -> Load {
    let script = std::env::temp_dir().join(format!("obp-bench-paths-{}.lua", std::process::id()));
    assert!(
        paths.iter().all(|p| !p.contains(['"', '\\', '\n'])),
        "paths are written into a Lua string as they are"
    );
    let list = paths
        .iter()
        .map(|p| format!("\"{p}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let lua = format!(
        "local paths = {{ {list} }}\n\
         local i = 0\n\
         function init(args) i = math.random(#paths) end\n\
         function request()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n"
    );
    std::fs::write(&script, lua).unwrap();
    let load = wrk_with(base, headers, Some(&script));
    let _ = std::fs::remove_file(script);
    load
}

fn wrk_with(url: &str, headers: &[String], script: Option<&std::path::Path>) -> Load {
    let duration = env_or("BENCH_DURATION", "10");
    let connections = env_or("BENCH_CONNECTIONS", "64");
    let mut cmd = Command::new("wrk");
    cmd.args([
        "-t2",
        "-c",
        &connections,
        "-d",
        &format!("{duration}s"),
        "--latency",
    ]);
    for h in headers {
        cmd.args(["-H", h]);
    }
    if let Some(script) = script {
        cmd.arg("-s").arg(script);
    }
    let out = cmd
        .arg(url)
        .output()
        .expect("wrk is not installed (apt-get install wrk)");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let mut load = Load {
        rps: f64::NAN,
        p50_ms: f64::NAN,
        p99_ms: f64::NAN,
        errors: String::new(),
    };
    for l in text.lines().map(str::trim) {
        if let Some(v) = l.strip_prefix("Requests/sec:") {
            load.rps = v.trim().parse().unwrap_or(f64::NAN);
        } else if let Some(v) = l.strip_prefix("50%") {
            load.p50_ms = parse_latency(v);
        } else if let Some(v) = l.strip_prefix("99%") {
            load.p99_ms = parse_latency(v);
        } else if l.starts_with("Non-2xx") || l.starts_with("Socket errors") {
            load.errors.push_str(l);
            load.errors.push(' ');
        }
    }
    load
}

/// One line of a load result.
pub fn print_load(name: &str, l: &Load) {
    println!(
        "{name:<48} {:>10.0} req/s   p50 {:>7.2} ms   p99 {:>7.2} ms {}",
        l.rps, l.p50_ms, l.p99_ms, l.errors
    );
}

/// One HTTP/1.1 request (JSON body) on a fresh connection; returns (status, body).
pub fn http(addr: &str, method: &str, path: &str, headers: &[String], body: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for h in headers {
        req.push_str(h);
        req.push_str("\r\n");
    }
    req.push_str(&format!(
        "Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    ));
    s.write_all(req.as_bytes()).unwrap();
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    let status = out.get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0);
    (
        status,
        out.split("\r\n\r\n").nth(1).unwrap_or_default().to_owned(),
    )
}

/// `body` parsed as JSON (panics with the body's start otherwise).
pub fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|_| panic!("not JSON: {body:.300}"))
}

/// Runs `f` with the URL of a fresh PostgreSQL database beside `BENCH_PG_URL` (default
/// `postgres://postgres@127.0.0.1:5432/postgres`), dropped afterwards; skipped when
/// `BENCH_PG_URL` is `none`.
pub fn with_fresh_pg_database(prefix: &str, f: impl FnOnce(&str)) {
    let pg = env_or(
        "BENCH_PG_URL",
        "postgres://postgres@127.0.0.1:5432/postgres",
    );
    if pg == "none" {
        return;
    }
    let name = format!("{prefix}_{}", std::process::id());
    let rt = tokio::runtime::Runtime::new().unwrap();
    let exec = |sql: String| {
        rt.block_on(async {
            use sea_orm::ConnectionTrait;
            let db = sea_orm::Database::connect(&pg).await.unwrap();
            db.execute_unprepared(&sql).await.unwrap();
        });
    };
    exec(format!("CREATE DATABASE {name}"));
    let base = pg
        .rsplit_once('/')
        .map_or(pg.as_str(), |(b, _)| b)
        .to_owned();
    f(&format!("{base}/{name}"));
    exec(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
}

/// An administrator made by `obp-server bootstrap` on `db_url` and logged in on the server at
/// `addr`.
pub struct BenchAdmin {
    /// The DirectLogin header (`DirectLogin: token=...`).
    pub auth: Vec<String>,
    /// The app's consumer key.
    pub consumer_key: String,
    /// USER_ID.
    pub user_id: String,
}

impl BenchAdmin {
    /// Bootstraps user `bench` with `password`, logs in and reads the user id.
    pub fn create(db_url: &str, addr: &str, password: &str) -> Self {
        let out = Command::new(release_dir().join("obp-server"))
            .args(["bootstrap", "--username", "bench", "--password", password])
            .env("DATABASE_URL", db_url)
            .env("OBP_CARD_KEY", BENCH_CARD_KEY)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let boot = json(&String::from_utf8_lossy(&out.stdout));
        let consumer_key = boot["consumer_key"].as_str().unwrap().to_owned();
        let login = [format!(
            "DirectLogin: username=bench, password={password}, consumer_key={consumer_key}"
        )];
        let (status, body) = http(addr, "POST", "/my/logins/direct", &login, "");
        assert_eq!(status, 201, "{body}");
        let token = json(&body)["token"].as_str().unwrap().to_owned();
        let auth = vec![format!("DirectLogin: token={token}")];
        let (_, me) = http(addr, "GET", "/obp/v5.1.0/users/current", &auth, "");
        let user_id = json(&me)["user_id"].as_str().unwrap().to_owned();
        Self {
            auth,
            consumer_key,
            user_id,
        }
    }

    /// Grants the administrator a system-level role through the API.
    pub fn grant(&self, addr: &str, role: &str) {
        let (status, body) = http(
            addr,
            "POST",
            &format!("/obp/v5.1.0/users/{}/entitlements", self.user_id),
            &self.auth,
            &format!(r#"{{"bank_id": "", "role_name": "{role}"}}"#),
        );
        assert_eq!(status, 201, "{role}: {body}");
    }
}

// ---------------------------------------------------------------- seeding

use chrono::{TimeZone, Utc};
use sea_orm::sea_query::{Alias, Query, SimpleExpr};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};

fn import_file(bank: &str, accounts: &[(&str, u64)]) -> obp_api::sandbox::SandboxDataImport {
    serde_json::from_value(serde_json::json!({
        "banks": [{"id": bank, "short_name": "Bench", "full_name": "Bench Bank", "logo": "", "website": ""}],
        "accounts": accounts.iter().map(|(id, _)| serde_json::json!({
            "id": id, "bank": bank, "label": id, "number": id, "type": "CURRENT",
            "balance": {"currency": "EUR", "amount": "0"}, "owners": ["bench"]})).collect::<Vec<_>>()
    }))
    .unwrap()
}

/// Inserts `n` credits of 1.00 from the incoming settlement account to `account`.
async fn seed_history(
    db: &DatabaseConnection,
    bank: &str,
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
                        bank.into(),
                        acc.into(),
                        amount.into(),
                        "EUR".into(),
                        bal.into(),
                        "HISTORICAL".into(),
                        format!("bench {k}").into(),
                        when.into(),
                        when.into(),
                        bank.into(),
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
                bank.into(),
                settlement.into(),
                debit_id.into(),
                bank.into(),
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
            .and_where(sea_orm::sea_query::Expr::col(Alias::new("bank_id")).eq(bank))
            .and_where(sea_orm::sea_query::Expr::col(Alias::new("account_id")).eq(acc));
        txn.execute(backend.build(&up)).await.unwrap();
    }
    txn.commit().await.unwrap();
    settlement_balance
}

/// Seeds the (empty) database at `db_url`: user `bench` with `password` and an app
/// (`obp-server bootstrap`), bank `bank` and one EUR account per `(id, n)` owned by `bench`
/// (the sandbox import), each with `n` credits of 1.00 from the bank's incoming settlement
/// account, inserted as SQL rows that keep the ledger consistent: a credit leg on the
/// account, the matching debit leg on the settlement account (running `new_balance` on
/// both), a double-entry record; finally both balances are set to the sum of their legs
/// (`ledger verify` stays clean). Returns the app's consumer key.
pub async fn seed_owned_accounts(
    db_url: &str,
    bank: &str,
    password: &str,
    accounts: &[(&str, u64)],
) -> String {
    let settings = obp_api::config::Settings {
        database_url: db_url.to_owned(),
        // The key `server_command` gives the server (PostgreSQL requires one).
        card_key: obp_api::config::Secret::new(BENCH_CARD_KEY.to_owned()),
        ..obp_api::config::Settings::default()
    };
    let store = obp_api::startup::open_store(&settings).await.unwrap();
    obp_api::startup::migrate(&store).await.unwrap();
    let boot =
        obp_api::bootstrap::bootstrap(settings.clone(), store.clone(), "bench", password, None)
            .await
            .unwrap();
    obp_api::sandbox::import_offline(settings, store.clone(), &import_file(bank, accounts))
        .await
        .map_err(|e| e.client_message())
        .unwrap();
    let mut settlement = 0;
    for &(account, n) in accounts {
        let t0 = Instant::now();
        settlement = seed_history(store.raw_connection(), bank, account, n, settlement).await;
        println!(
            "  seeded {n} transactions on {account} in {:.1} s",
            t0.elapsed().as_secs_f64()
        );
    }
    store.close().await.unwrap();
    boot.consumer_key
}
