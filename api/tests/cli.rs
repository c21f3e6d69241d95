//! Tests of the `obp-server` binary itself: subcommands, port 0, migrations at start and
//! graceful shutdown on SIGTERM. (The API's behaviour is tested black-box in `tests/`.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_obp-server");

fn temp_db() -> PathBuf {
    std::env::temp_dir().join(format!("obp-cli-{}.db", uuid::Uuid::new_v4().simple()))
}

fn command() -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env_remove("DATABASE_URL")
        .env_remove("OBP_CONFIG")
        .env("RUST_LOG", "info")
        .env("OBP_LOG_FORMAT", "human");
    cmd
}

/// Starts `serve` and waits for the "listening on" log line; returns the child, the address
/// and a channel with the remaining log lines.
#[expect(clippy::zombie_processes, reason = "the tests wait for the child")]
fn serve(db: &Path) -> (Child, String, mpsc::Receiver<String>) {
    let mut child = command()
        .arg("serve")
        .env("DATABASE_URL", format!("sqlite:{}", db.display()))
        .env("OBP_LISTEN", "127.0.0.1:0")
        .env("OBP_WORKERS", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let line = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("server did not log its address");
        if let Some(i) = line.find("listening on ") {
            let addr = line[i + "listening on ".len()..]
                .split_whitespace()
                .next()
                .unwrap()
                .to_owned();
            return (child, addr, rx);
        }
    }
}

fn http_get(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let status = out[9..12].parse().unwrap();
    let body = out.split("\r\n\r\n").nth(1).unwrap_or_default().to_owned();
    (status, body)
}

fn terminate(child: &Child) {
    let ok = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok);
}

fn wait_with_timeout(child: &mut Child, timeout: Duration) -> std::process::ExitStatus {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if Instant::now() > deadline {
            child.kill().ok();
            panic!("process did not exit in time");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn cleanup(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = db.to_path_buf().into_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}

#[test]
fn openapi_subcommand_prints_the_committed_document() {
    let out = command().arg("openapi").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../openapi/openapi.json"
    ))
    .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), committed);
}

#[test]
fn openapi_subcommand_refuses_an_unknown_version() {
    let out = command()
        .args(["openapi", "--version", "v0.0.0"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown API version"));
}

#[test]
fn migrate_creates_the_sqlite_file_and_reports_status() {
    let db = temp_db();
    let url = format!("sqlite:{}", db.display());
    let out = command()
        .arg("migrate")
        .env("DATABASE_URL", &url)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(db.exists());
    let out = command()
        .args(["migrate", "--status"])
        .env("DATABASE_URL", &url)
        .output()
        .unwrap();
    assert!(out.status.success());
    let status = String::from_utf8(out.stdout).unwrap();
    assert!(
        status.contains("m20261123_000001_create_bank\tApplied"),
        "{status}"
    );
    assert!(!status.contains("Pending"), "{status}");
    cleanup(&db);
}

#[test]
fn a_bad_configuration_fails_fast_with_a_readable_error() {
    let out = command()
        .arg("migrate")
        .env("OBP_DB_MAX_CONNECTIONS", "lots")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid configuration"));
    let out = command()
        .args(["--config", "/nonexistent/obp.toml", "serve"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
}

#[test]
fn serve_on_port_zero_migrates_logs_its_address_and_stops_on_sigterm() {
    let db = temp_db();
    let (mut child, addr, logs) = serve(&db);
    assert!(!addr.ends_with(":0"), "{addr}");
    let (status, body) = http_get(&addr, "/health/ready");
    assert_eq!(status, 200, "{body}");
    let (status, body) = http_get(&addr, "/obp/v5.1.0/banks");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"banks\""), "{body}");

    terminate(&child);
    let exit = wait_with_timeout(&mut child, Duration::from_secs(15));
    assert!(exit.success(), "{exit:?}");
    let rest: Vec<String> = logs.try_iter().collect();
    assert!(
        rest.iter().any(|l| l.contains("graceful shutdown")),
        "{rest:?}"
    );
    cleanup(&db);
}
