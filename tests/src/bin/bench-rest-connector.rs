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

use std::sync::Arc;
use std::time::Duration;

use obp_adapters_examples::core::{CoreBank, DEMO_BANK_ID};
use obp_connectors::rest::RestConnector;
use obp_domain::ids::BankId;
use obp_tests::bench::{env_or, report_get_bank};

#[tokio::main]
async fn main() {
    let calls: u64 = env_or("BENCH_CALLS", "5000").parse().unwrap();
    let concurrency: u64 = env_or("BENCH_CONCURRENCY", "64").parse().unwrap();
    let duration = Duration::from_secs(env_or("BENCH_DURATION", "5").parse().unwrap());

    let addr = obp_adapters_examples::rest::spawn("127.0.0.1:0", CoreBank::demo())
        .await
        .unwrap();
    let rest =
        Arc::new(RestConnector::rest(format!("http://{addr}"), Duration::from_secs(10)).unwrap());
    report_get_bank(
        "REST connector (loopback, example adapter)",
        rest,
        BankId::parse(DEMO_BANK_ID).unwrap(),
        500,
        calls,
        concurrency,
        duration,
    )
    .await;
}
