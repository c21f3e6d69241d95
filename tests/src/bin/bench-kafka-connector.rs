//! Added latency and throughput of the Kafka connector (`kafka_vMay2019`) for `getBank`,
//! through a real broker on loopback and the example Kafka adapter (both in this process).
//!
//! The broker is `OBP_TEST_KAFKA_BOOTSTRAP` when set, else a private `tansu` started here,
//! else librdkafka's mock cluster (see `obp_tests::kafka`); the output says which.
//!
//! * latency: `BENCH_CALLS` (default 2000) sequential calls after 200 warm-up calls →
//!   p50 / p99 / max of the whole connector call (encode `OutBoundGetBank`, produce, broker,
//!   adapter consume + answer + produce, broker, consume, decode, map to the domain `Bank`);
//! * throughput: `BENCH_CONCURRENCY` (default 64) tasks calling for `BENCH_DURATION` seconds
//!   (default 5) → calls/s and p99 under load.
//!
//! `BENCH_FETCH_WAIT_MS` (default 1, the shipped default) sets `fetch.wait.max.ms` on both sides;
//! `BENCH_PARTITIONS` (default 1) the partitions of each topic the connector creates.
//!
//! Usage: `cargo run --release -p obp-tests --bin bench-kafka-connector`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use obp_adapters_examples::core::{CoreBank, DEMO_BANK_ID};
use obp_adapters_examples::kafka::{self as adapter, AdapterSettings};
use obp_connectors::kafka::{KafkaConnector, KafkaSettings};
use obp_connectors::Connector;
use obp_domain::context::CallContext;
use obp_domain::ids::BankId;
use obp_tests::bench::{env_or, report_get_bank};

#[tokio::main]
async fn main() {
    let calls: u64 = env_or("BENCH_CALLS", "2000").parse().unwrap();
    let concurrency: u64 = env_or("BENCH_CONCURRENCY", "64").parse().unwrap();
    let duration = Duration::from_secs(env_or("BENCH_DURATION", "5").parse().unwrap());
    let fetch_wait: u32 = env_or("BENCH_FETCH_WAIT_MS", "1").parse().unwrap();
    let partitions: i32 = env_or("BENCH_PARTITIONS", "1").parse().unwrap();

    let bootstrap = obp_tests::kafka::bootstrap();
    let instance = obp_tests::kafka::unique_instance();
    println!(
        "broker {bootstrap} (instance {instance}), fetch.wait.max.ms {fetch_wait}, \
         {partitions} partition(s) per topic"
    );
    let kafka = Arc::new(
        KafkaConnector::kafka(KafkaSettings {
            bootstrap_servers: bootstrap.clone(),
            instance_id: instance.clone(),
            timeout: Duration::from_secs(10),
            fetch_wait_max_ms: fetch_wait,
            partitions,
            ..KafkaSettings::default()
        })
        .unwrap(),
    );
    let _adapter = adapter::spawn(
        AdapterSettings {
            bootstrap_servers: bootstrap,
            instance_id: instance.clone(),
            group_id: format!("bench-{instance}"),
            fetch_wait_max_ms: fetch_wait,
            ..AdapterSettings::default()
        },
        CoreBank::demo(),
    );
    let bank = BankId::parse(DEMO_BANK_ID).unwrap();
    let ctx = CallContext::new("bench");
    let ready = Instant::now() + Duration::from_secs(60);
    while kafka.get_bank(&ctx, &bank).await.is_err() {
        assert!(Instant::now() < ready, "the adapter never answered");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    report_get_bank(
        "Kafka connector (loopback broker, example adapter)",
        kafka,
        bank,
        200,
        calls,
        concurrency,
        duration,
    )
    .await;
}
