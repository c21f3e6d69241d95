//! The Kafka adapter: answers the platform's `kafka_vMay2019` connector.
//!
//! The platform writes each `OutBound<Method>` message to
//! `from.obp.api.<instance_id>.to.adapter.mf.caseclass.OutBound<Method>` with a correlation
//! key; the adapter answers with the `InBound<Method>` message on
//! `to.obp.api.<instance_id>.caseclass.OutBound<Method>` **with the same key**. That is the
//! whole protocol; the message content is the same as over REST, so [`protocol_handler`]
//! reuses [`crate::rest::handle`].
//!
//! The adapter is one consumer in a consumer group (run several processes with the same
//! `group_id` to share the load) subscribed to every request topic of the instance by regex,
//! and one producer for the replies. Each message is answered in its own task, so a slow
//! answer does not hold up the others.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use rdkafka::config::ClientConfig;
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::error::KafkaError;
use rdkafka::message::Message;
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::util::Timeout;

use crate::core::CoreBank;

/// Settings of the Kafka adapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdapterSettings {
    /// Brokers, `host:port[,host:port]`.
    pub bootstrap_servers: String,
    /// The platform's instance id (its `kafka_connector.instance_id`).
    pub instance_id: String,
    /// The consumer group shared by the adapter's processes.
    pub group_id: String,
    /// librdkafka `fetch.wait.max.ms` of the request consumer (low = answer sooner).
    pub fetch_wait_max_ms: u32,
    /// librdkafka `linger.ms` of the reply producer (0 = send at once).
    pub linger_ms: u32,
    /// Extra librdkafka properties for both clients, applied last.
    pub properties: std::collections::BTreeMap<String, String>,
}

impl Default for AdapterSettings {
    fn default() -> Self {
        Self {
            bootstrap_servers: "localhost:9092".to_owned(),
            instance_id: "obp-api".to_owned(),
            group_id: "obp-example-kafka-adapter".to_owned(),
            fetch_wait_max_ms: 1,
            linger_ms: 0,
            properties: std::collections::BTreeMap::new(),
        }
    }
}

/// A future answering one message.
pub type Reply = Pin<Box<dyn Future<Output = Option<Vec<u8>>> + Send>>;

/// Answers one message: `(methodName, OutBound JSON)` → `InBound JSON`, or `None` to leave
/// it unanswered.
pub type Handler = Arc<dyn Fn(String, Vec<u8>) -> Reply + Send + Sync>;

/// The example protocol over `core` (the same answers as the REST adapter gives).
pub fn protocol_handler(core: Arc<CoreBank>) -> Handler {
    Arc::new(move |method: String, body: Vec<u8>| {
        let answer = crate::protocol::handle(&core, &method, &body);
        Box::pin(async move { Some(answer.body) }) as Reply
    })
}

/// The request topic prefix of an instance; the message class follows it.
pub fn request_prefix(instance_id: &str) -> String {
    format!("from.obp.api.{instance_id}.to.adapter.mf.caseclass.")
}

/// The method a request topic carries: `...caseclass.OutBoundGetBank` → `getBank`.
pub fn method_of(topic: &str, instance_id: &str) -> Option<String> {
    let class = topic.strip_prefix(&request_prefix(instance_id))?;
    let name = class.strip_prefix("OutBound")?;
    let mut chars = name.chars();
    let first = chars.next()?;
    Some(first.to_ascii_lowercase().to_string() + chars.as_str())
}

/// The response topic for a request topic's message class.
pub fn response_topic(instance_id: &str, request_topic: &str) -> Option<String> {
    let class = request_topic.strip_prefix(&request_prefix(instance_id))?;
    Some(format!("to.obp.api.{instance_id}.caseclass.{class}"))
}

/// A regex (librdkafka: leading `^`) matching every request topic of the instance.
pub fn request_topic_pattern(instance_id: &str) -> String {
    let escaped: String = instance_id
        .chars()
        .flat_map(|c| match c {
            '.' => vec!['\\', '.'],
            c => vec![c],
        })
        .collect();
    format!("^from\\.obp\\.api\\.{escaped}\\.to\\.adapter\\.mf\\.caseclass\\.OutBound.*")
}

fn base_config(settings: &AdapterSettings) -> ClientConfig {
    let mut c = ClientConfig::new();
    c.set("bootstrap.servers", &settings.bootstrap_servers)
        .set("client.id", "obp-example-kafka-adapter")
        .set("reconnect.backoff.ms", "50")
        .set("reconnect.backoff.max.ms", "1000")
        // New request topics (a platform started later) are found within a second.
        .set("topic.metadata.refresh.interval.ms", "1000")
        .set("socket.nagle.disable", "true");
    c
}

fn with_properties(mut c: ClientConfig, settings: &AdapterSettings) -> ClientConfig {
    for (k, v) in &settings.properties {
        c.set(k, v);
    }
    c
}

/// Serves until the consumer fails for good: answers each request with `handler`.
///
/// # Errors
/// The clients cannot be created or the subscription is refused.
pub async fn run(settings: AdapterSettings, handler: Handler) -> Result<(), KafkaError> {
    let producer: FutureProducer = with_properties(
        base_config(&settings)
            .set("linger.ms", settings.linger_ms.to_string())
            .set("message.timeout.ms", "30000")
            .clone(),
        &settings,
    )
    .create()?;
    let consumer: StreamConsumer = with_properties(
        base_config(&settings)
            .set("group.id", &settings.group_id)
            // Requests written before the adapter joined are answered too.
            .set("auto.offset.reset", "earliest")
            .set("fetch.wait.max.ms", settings.fetch_wait_max_ms.to_string())
            .set("fetch.error.backoff.ms", "50")
            .set("session.timeout.ms", "6000")
            .set("heartbeat.interval.ms", "500")
            .clone(),
        &settings,
    )
    .create()?;
    consumer.subscribe(&[&request_topic_pattern(&settings.instance_id)])?;
    eprintln!(
        "example Kafka adapter: answering {}* on {}",
        request_prefix(&settings.instance_id),
        settings.bootstrap_servers
    );
    loop {
        let msg = match consumer.recv().await {
            Ok(m) => m,
            Err(e) => {
                eprintln!("kafka adapter: consumer error: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let topic = msg.topic().to_owned();
        let (Some(method), Some(reply_topic)) = (
            method_of(&topic, &settings.instance_id),
            response_topic(&settings.instance_id, &topic),
        ) else {
            continue;
        };
        let key = msg.key().map(<[u8]>::to_vec).unwrap_or_default();
        let body = msg.payload().unwrap_or_default().to_vec();
        let (handler, producer) = (handler.clone(), producer.clone());
        tokio::spawn(async move {
            let Some(answer) = handler(method, body).await else {
                return;
            };
            let record = FutureRecord::to(&reply_topic).key(&key).payload(&answer);
            if let Err((e, _)) = producer
                .send(record, Timeout::After(Duration::from_secs(10)))
                .await
            {
                eprintln!("kafka adapter: cannot reply on {reply_topic}: {e}");
            }
        });
    }
}

/// Runs the adapter over `core` in a background task (pass an `Arc<CoreBank>` to look into
/// the core system while it runs).
pub fn spawn(
    settings: AdapterSettings,
    core: impl Into<Arc<CoreBank>>,
) -> tokio::task::JoinHandle<()> {
    spawn_with(settings, protocol_handler(core.into()))
}

/// Runs the adapter with `handler` in a background task (abort the handle to stop it).
pub fn spawn_with(settings: AdapterSettings, handler: Handler) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        if let Err(e) = run(settings, handler).await {
            eprintln!("kafka adapter stopped: {e}");
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_map_to_methods() {
        let t = "from.obp.api.i-1.to.adapter.mf.caseclass.OutBoundGetBank";
        assert_eq!(method_of(t, "i-1").as_deref(), Some("getBank"));
        assert_eq!(
            response_topic("i-1", t).as_deref(),
            Some("to.obp.api.i-1.caseclass.OutBoundGetBank")
        );
        assert_eq!(method_of(t, "other"), None);
        assert_eq!(
            request_topic_pattern("a.b"),
            "^from\\.obp\\.api\\.a\\.b\\.to\\.adapter\\.mf\\.caseclass\\.OutBound.*"
        );
    }
}
