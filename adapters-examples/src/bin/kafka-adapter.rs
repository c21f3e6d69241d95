//! Runs the example Kafka adapter:
//! `kafka-adapter [--bootstrap HOST:PORT] [--instance INSTANCE_ID] [--group GROUP_ID]`
//! (defaults `localhost:9092`, `obp-api`, `obp-example-kafka-adapter`).

use obp_adapters_examples::core::CoreBank;
use obp_adapters_examples::kafka::{self, AdapterSettings};

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let defaults = AdapterSettings::default();
    let settings = AdapterSettings {
        bootstrap_servers: arg(&args, "--bootstrap").unwrap_or(defaults.bootstrap_servers),
        instance_id: arg(&args, "--instance").unwrap_or(defaults.instance_id),
        group_id: arg(&args, "--group").unwrap_or(defaults.group_id),
        ..defaults
    };
    let core = std::sync::Arc::new(CoreBank::demo());
    if let Err(e) = kafka::run(settings, kafka::protocol_handler(core)).await {
        eprintln!("kafka adapter: {e}");
        std::process::exit(1);
    }
}
