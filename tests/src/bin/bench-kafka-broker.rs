//! The broker's own request/reply round trip, without the connector or the adapter: the floor
//! under `bench-kafka-connector`.
//!
//! An echo task consumes topic `ping` and produces every record to `pong`; the main task
//! produces to `ping` and waits for the record on `pong`, one at a time, with the client
//! settings the connector uses (`linger.ms` 0, Nagle off, `fetch.wait.max.ms` =
//! `BENCH_FETCH_WAIT_MS`, default 1). Each record carries the time it was produced, so the
//! report splits the round trip into its two hops (produce → the other side's consumer) and
//! shows how long the broker took to acknowledge the request's produce.
//! `BENCH_IDLE_TOPICS` (default 0) more topics are assigned to both consumers without ever
//! receiving a record, like the connector's and the adapter's topics of the other methods.
//! `BENCH_CALLS` (default 2000) round trips after 200 warm-up ones. `BENCH_KAFKA_PROPS`
//! (`key=value,...`) adds librdkafka properties to every client, to try settings.
//!
//! Usage: `cargo run --release -p obp-tests --bin bench-kafka-broker`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::{ClientConfig, Message, Offset, TopicPartitionList};

use obp_tests::bench::{env_or, percentile};

fn config(bootstrap: &str, fetch_wait: u32) -> ClientConfig {
    let mut c = ClientConfig::new();
    c.set("bootstrap.servers", bootstrap)
        .set("linger.ms", "0")
        .set("socket.nagle.disable", "true")
        .set("fetch.wait.max.ms", fetch_wait.to_string())
        .set("enable.auto.commit", "false")
        .set("auto.offset.reset", "latest");
    // Extra client properties to try, e.g. `BENCH_KAFKA_PROPS=fetch.queue.backoff.ms=0`.
    for kv in env_or("BENCH_KAFKA_PROPS", "")
        .split(',')
        .filter(|kv| !kv.is_empty())
    {
        let (k, v) = kv
            .split_once('=')
            .expect("BENCH_KAFKA_PROPS: key=value,...");
        c.set(k, v);
    }
    c
}

fn consumer(
    bootstrap: &str,
    fetch_wait: u32,
    group: &str,
    topic: &str,
    idle: &[String],
) -> StreamConsumer {
    let mut c = config(bootstrap, fetch_wait);
    c.set("group.id", group);
    let consumer: StreamConsumer = c.create().unwrap();
    let mut tpl = TopicPartitionList::new();
    tpl.add_partition_offset(topic, 0, Offset::End).unwrap();
    for t in idle {
        tpl.add_partition_offset(t, 0, Offset::End).unwrap();
    }
    consumer.assign(&tpl).unwrap();
    consumer
}

/// Microseconds since `epoch`, as text.
fn stamp(epoch: Instant) -> String {
    epoch.elapsed().as_micros().to_string()
}

fn since(epoch: Instant, stamp: &str) -> Duration {
    let then = Duration::from_micros(stamp.parse().unwrap());
    epoch.elapsed().saturating_sub(then)
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() {
    if std::env::var_os("BENCH_LOG").is_some() {
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_env("BENCH_LOG"))
            .init();
    }
    let calls: usize = env_or("BENCH_CALLS", "2000").parse().unwrap();
    let fetch_wait: u32 = env_or("BENCH_FETCH_WAIT_MS", "1").parse().unwrap();
    let idle_topics: usize = env_or("BENCH_IDLE_TOPICS", "0").parse().unwrap();
    let bootstrap = obp_tests::kafka::private_bootstrap();
    let run = obp_tests::kafka::unique_instance();
    let (ping, pong) = (format!("{run}.ping"), format!("{run}.pong"));
    let idle: Vec<String> = (0..idle_topics).map(|i| format!("{run}.idle{i}")).collect();
    println!(
        "broker {bootstrap}, fetch.wait.max.ms {fetch_wait}, {idle_topics} idle topic(s) per consumer"
    );

    let admin: AdminClient<DefaultClientContext> = config(&bootstrap, fetch_wait).create().unwrap();
    let topics: Vec<NewTopic> = [&ping, &pong]
        .into_iter()
        .chain(idle.iter())
        .map(|t| NewTopic::new(t, 1, TopicReplication::Fixed(1)))
        .collect();
    admin
        .create_topics(&topics, &AdminOptions::new())
        .await
        .unwrap();

    let epoch = Instant::now();
    let echo_consumer = consumer(&bootstrap, fetch_wait, &format!("{run}.echo"), &ping, &idle);
    let echo_producer: FutureProducer = config(&bootstrap, fetch_wait).create().unwrap();
    let pong_topic = pong.clone();
    tokio::spawn(async move {
        loop {
            let m = echo_consumer.recv().await.unwrap();
            let sent = std::str::from_utf8(m.payload().unwrap())
                .unwrap()
                .to_owned();
            // hop 1 (µs) and the time the reply is produced
            let reply = format!("{} {}", since(epoch, &sent).as_micros(), stamp(epoch));
            let key = m.key().unwrap().to_vec();
            echo_producer
                .send(
                    FutureRecord::to(&pong_topic).key(&key).payload(&reply),
                    Duration::from_secs(5),
                )
                .await
                .unwrap();
        }
    });

    let main_consumer = consumer(&bootstrap, fetch_wait, &format!("{run}.main"), &pong, &idle);
    let producer: FutureProducer = config(&bootstrap, fetch_wait).create().unwrap();
    let mut rtt = Vec::with_capacity(calls);
    let mut hop1 = Vec::with_capacity(calls);
    let mut hop2 = Vec::with_capacity(calls);
    let mut acks = Vec::with_capacity(calls);
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut i = 0usize;
    while rtt.len() < calls {
        i += 1;
        let key = i.to_string();
        let t = Instant::now();
        producer
            .send(
                FutureRecord::to(&ping).key(&key).payload(&stamp(epoch)),
                Duration::from_secs(5),
            )
            .await
            .unwrap();
        let acked = t.elapsed();
        let reply = loop {
            let wait = tokio::time::timeout(Duration::from_secs(5), main_consumer.recv()).await;
            match wait {
                Ok(Ok(m)) if m.key() == Some(key.as_bytes()) => {
                    break std::str::from_utf8(m.payload().unwrap())
                        .unwrap()
                        .to_owned();
                }
                Ok(Ok(_)) => {}
                Ok(Err(e)) => panic!("consume: {e}"),
                Err(_) => {
                    assert!(Instant::now() < deadline, "the echo never answered");
                    break String::new();
                }
            }
        };
        if reply.is_empty() || i <= 200 {
            continue;
        }
        rtt.push(t.elapsed());
        acks.push(acked);
        let (h1, sent) = reply.split_once(' ').unwrap();
        hop1.push(Duration::from_micros(h1.parse().unwrap()));
        hop2.push(since(epoch, sent));
    }
    for v in [&mut rtt, &mut hop1, &mut hop2, &mut acks] {
        v.sort();
    }
    println!("broker round trip (produce → consume → produce → consume), {calls} calls:");
    for (name, v) in [
        ("round trip", &rtt),
        ("hop 1", &hop1),
        ("hop 2", &hop2),
        ("produce ack", &acks),
    ] {
        println!(
            "  {name:<10} p50 {}  p99 {}  max {}",
            ms(percentile(v, 0.50)),
            ms(percentile(v, 0.99)),
            ms(v.last().copied().unwrap_or_default())
        );
    }
}
