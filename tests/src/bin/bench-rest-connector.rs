//! Added latency and throughput of the REST connector (`rest_vMar2019`) for `getBank`,
//! against the example REST adapter on loopback (both in this process, one tokio runtime).
//!
//! * latency: `BENCH_CALLS` (default 5000) sequential calls after 500 warm-up calls →
//!   p50 / p99 / max of the whole connector call (encode `OutBoundGetBank`, HTTP POST,
//!   adapter work, decode `InBoundGetBank`, map to the domain `Bank`);
//! * throughput: `BENCH_CONCURRENCY` (default 64) tasks calling for `BENCH_DURATION` seconds
//!   (default 5) → calls/s and p99 under load.
//!
//! Usage: `cargo run --release -p obp-tests --bin bench-rest-connector`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use obp_adapters_examples::core::{CoreBank, DEMO_BANK_ID};
use obp_connectors::rest::RestConnector;
use obp_connectors::Connector;
use obp_domain::context::CallContext;
use obp_domain::ids::BankId;

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn us(d: Duration) -> String {
    format!("{:.0} µs", d.as_secs_f64() * 1e6)
}

#[tokio::main]
async fn main() {
    let calls = env_num("BENCH_CALLS", 5000);
    let concurrency = env_num("BENCH_CONCURRENCY", 64);
    let duration = Duration::from_secs(env_num("BENCH_DURATION", 5));

    let addr = obp_adapters_examples::rest::spawn("127.0.0.1:0", CoreBank::demo())
        .await
        .unwrap();
    let rest =
        Arc::new(RestConnector::rest(format!("http://{addr}"), Duration::from_secs(10)).unwrap());
    let bank = BankId::parse(DEMO_BANK_ID).unwrap();
    let ctx = CallContext::new("bench");

    for _ in 0..500 {
        rest.get_bank(&ctx, &bank).await.unwrap();
    }
    let mut lat = Vec::with_capacity(calls as usize);
    for _ in 0..calls {
        let t = Instant::now();
        rest.get_bank(&ctx, &bank).await.unwrap();
        lat.push(t.elapsed());
    }
    lat.sort();
    println!("REST connector getBank, sequential, {calls} calls (loopback, example adapter):");
    println!(
        "  p50 {}  p99 {}  max {}",
        us(percentile(&lat, 0.50)),
        us(percentile(&lat, 0.99)),
        us(*lat.last().unwrap())
    );

    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (rest, bank, ctx, stop) = (rest.clone(), bank.clone(), ctx.clone(), stop.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                let t = Instant::now();
                rest.get_bank(&ctx, &bank).await.unwrap();
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
        "REST connector getBank, {concurrency} concurrent callers for {}s:",
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
