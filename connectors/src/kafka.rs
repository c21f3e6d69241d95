//! The Kafka connector (`kafka_vMay2019`): OBP's messages over Kafka topics.
//!
//! Messages are built and decoded by [`RemoteConnector`]; this module is the Kafka wire
//! ([`KafkaTransport`]). Topics, keys and bodies follow OBP's `kafka_vMay2019`:
//!
//! * request topic `from.obp.api.<instance_id>.to.adapter.mf.caseclass.OutBound<Method>`,
//!   response topic `to.obp.api.<instance_id>.caseclass.OutBound<Method>` (one pair per
//!   method of the registry, so every message the platform knows travels over Kafka);
//! * record key = a fresh correlation key `<partition>_<uuid>` (OBP's format: the number says
//!   which partition of the response topic an OBP adapter may answer on); the adapter echoes
//!   the key on its reply; the value is the compact JSON of `OutBound<Method>` /
//!   `InBound<Method>`.
//!
//! One producer sends every request; one consumer reads every partition of every response
//! topic (assigned directly, not through a consumer group, so several API instances sharing
//! an instance id each see their own replies). Pending calls wait in a map key → oneshot; a
//! reply whose key nobody waits for (late, or another instance's) is logged and dropped.
//! Topics are created when missing (partitions configurable; "already exists" is fine).
//!
//! Failures, decided per call with the call's timeout (the smaller of the configured timeout
//! and the call's deadline):
//! * the broker has not acknowledged the request within the timeout, or refused it, or the
//!   topics cannot be set up → OBP-50016 `KafkaServerUnavailable` (the next call sets the
//!   topics up again, so a restarted broker is picked up);
//! * the request was written but no reply came within the timeout:
//!   - OBP-60014 `AdapterTimeOutError` when the adapter answered other calls meanwhile (it is
//!     alive, this call was too slow);
//!   - OBP-60013 `AdapterUnknownError` when no reply at all arrived on any response topic
//!     since the request was written (the adapter is down or silent).
//!
//! librdkafka reconnects by itself after a broker restart; pending calls end with the errors
//! above at their own timeout, never blocking other calls.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use obp_domain::context::CallContext;
use obp_domain::ErrorCode;
use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::error::{KafkaError, RDKafkaErrorCode};
use rdkafka::message::Message;
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::util::Timeout;
use rdkafka::{Offset, TopicPartitionList};
use tokio::sync::oneshot;

use crate::error::{ConnectorError, ConnectorResult};
use crate::method::Method;
use crate::remote::{RemoteConnector, Transport};

/// The Kafka connector: OBP's messages over Kafka.
pub type KafkaConnector = RemoteConnector<KafkaTransport>;

/// OBP's name of the Kafka connector.
pub const NAME: &str = "kafka_vMay2019";

/// Settings of the Kafka connector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KafkaSettings {
    /// `host:port[,host:port]` of the brokers (OBP's `kafka.bootstrap_hosts`).
    pub bootstrap_servers: String,
    /// The API instance id in topic names (OBP's `api_instance_id`).
    pub instance_id: String,
    /// The consumer's `group.id`; empty = `obp.api.<instance_id>.<uuid>`, unique per process.
    /// Offsets are never committed: the consumer reads from the end at start.
    pub group_id: String,
    /// How long a call waits for its reply.
    pub timeout: Duration,
    /// Partitions of the topics created at start.
    pub partitions: i32,
    /// librdkafka `fetch.wait.max.ms`: how long the broker may hold an empty fetch. Low
    /// values make replies arrive without waiting for the long poll.
    pub fetch_wait_max_ms: u32,
    /// librdkafka `linger.ms` of the producer (0 = send at once).
    pub linger_ms: u32,
    /// Extra librdkafka properties for every client (e.g. `security.protocol`), applied last.
    pub properties: BTreeMap<String, String>,
}

impl Default for KafkaSettings {
    fn default() -> Self {
        Self {
            bootstrap_servers: "localhost:9092".to_owned(),
            instance_id: "obp-api".to_owned(),
            group_id: String::new(),
            timeout: Duration::from_secs(10),
            partitions: 1,
            fetch_wait_max_ms: 1,
            linger_ms: 0,
            properties: BTreeMap::new(),
        }
    }
}

/// The request topic of `method`: `from.obp.api.<instance>.to.adapter.mf.caseclass.OutBound<Method>`.
pub fn request_topic(instance_id: &str, method: Method) -> String {
    format!(
        "from.obp.api.{instance_id}.to.adapter.mf.caseclass.{}",
        method.outbound_name()
    )
}

/// The response topic of `method`: `to.obp.api.<instance>.caseclass.OutBound<Method>`.
pub fn response_topic(instance_id: &str, method: Method) -> String {
    format!(
        "to.obp.api.{instance_id}.caseclass.{}",
        method.outbound_name()
    )
}

/// OBP's loopback topic: the API writes to it and reads its own message back (no adapter).
pub fn loopback_topic(instance_id: &str) -> String {
    format!("from.obp.api.{instance_id}.to.adapter.mf.caseclass.ObpApiLoopback")
}

/// A fresh correlation key in OBP's format `<partition>_<uuid>`, the partition drawn from
/// `0..partitions`.
pub fn correlation_key(partitions: i32) -> String {
    let p = rand::random::<u32>() % u32::try_from(partitions.max(1)).unwrap_or(1);
    format!("{p}_{}", uuid::Uuid::new_v4())
}

/// The partition named by a correlation key (`3_...` → 3), if any.
pub fn key_partition(key: &str) -> Option<i32> {
    key.split_once('_')?.0.parse().ok()
}

/// What the loopback round trip measured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loopback {
    /// The connector's name.
    pub connector_version: String,
    /// The git commit that went through the broker and came back.
    pub git_commit: String,
    /// The round trip.
    pub duration: Duration,
}

/// A Kafka connector created on first use (the star connector's `kafka_vMay2019` target): a
/// server whose routings never name Kafka never contacts a broker.
#[derive(Debug)]
pub struct LazyKafka {
    settings: KafkaSettings,
    connector: Mutex<Option<KafkaConnector>>,
}

impl LazyKafka {
    /// A connector with `settings`, not created yet.
    pub fn new(settings: KafkaSettings) -> Self {
        Self {
            settings,
            connector: Mutex::new(None),
        }
    }

    /// The connector, created now when this is the first use. Must run inside a tokio runtime.
    ///
    /// # Errors
    /// OBP-50016 when librdkafka refuses the configuration.
    pub fn get(&self) -> ConnectorResult<KafkaConnector> {
        let mut slot = self
            .connector
            .lock()
            .map_err(|_| unavailable("the Kafka connector is unusable".to_owned()))?;
        if let Some(c) = slot.as_ref() {
            return Ok(c.clone());
        }
        let c = KafkaConnector::kafka(self.settings.clone())?;
        *slot = Some(c.clone());
        Ok(c)
    }

    /// Whether the connector has been created.
    pub fn is_created(&self) -> bool {
        self.connector.lock().map(|c| c.is_some()).unwrap_or(false)
    }

    /// The settings the connector is (or will be) created with.
    pub fn settings(&self) -> &KafkaSettings {
        &self.settings
    }
}

/// Replies waiting for their calls, shared with the reading task.
#[derive(Debug, Default)]
struct Pending {
    calls: Mutex<HashMap<String, oneshot::Sender<Vec<u8>>>>,
    /// When the last adapter reply (any key, any response topic) arrived.
    last_reply: Mutex<Option<Instant>>,
}

impl Pending {
    fn insert(&self, key: &str) -> oneshot::Receiver<Vec<u8>> {
        let (tx, rx) = oneshot::channel();
        if let Ok(mut calls) = self.calls.lock() {
            calls.insert(key.to_owned(), tx);
        }
        rx
    }

    fn remove(&self, key: &str) -> Option<oneshot::Sender<Vec<u8>>> {
        self.calls.lock().ok().and_then(|mut c| c.remove(key))
    }

    fn note_reply(&self) {
        if let Ok(mut at) = self.last_reply.lock() {
            *at = Some(Instant::now());
        }
    }

    fn replied_since(&self, since: Instant) -> bool {
        self.last_reply
            .lock()
            .ok()
            .and_then(|at| *at)
            .is_some_and(|at| at >= since)
    }
}

/// Removes a call's pending entry however the call ends (answer, error, cancellation).
struct PendingGuard<'a> {
    pending: &'a Pending,
    key: String,
}

impl Drop for PendingGuard<'_> {
    fn drop(&mut self) {
        let _ = self.pending.remove(&self.key);
    }
}

struct Inner {
    settings: KafkaSettings,
    producer: FutureProducer,
    consumer: Arc<StreamConsumer>,
    admin: AdminClient<DefaultClientContext>,
    pending: Arc<Pending>,
    /// Whether the topics exist and the consumer is assigned; cleared when the broker
    /// seems gone so the next call sets things up again.
    ready: tokio::sync::Mutex<bool>,
    reader: tokio::task::JoinHandle<()>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.reader.abort();
    }
}

/// Kafka to an adapter: one producer, one consumer, a map of pending calls.
#[derive(Clone)]
pub struct KafkaTransport {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for KafkaTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KafkaTransport")
            .field("bootstrap_servers", &self.inner.settings.bootstrap_servers)
            .field("instance_id", &self.inner.settings.instance_id)
            .finish_non_exhaustive()
    }
}

fn client_config(settings: &KafkaSettings) -> ClientConfig {
    let mut c = ClientConfig::new();
    c.set("bootstrap.servers", &settings.bootstrap_servers)
        .set("client.id", format!("obp.api.{}", settings.instance_id))
        .set("reconnect.backoff.ms", "50")
        .set("reconnect.backoff.max.ms", "1000")
        .set("topic.metadata.refresh.interval.ms", "10000");
    c
}

fn with_properties(mut c: ClientConfig, settings: &KafkaSettings) -> ClientConfig {
    for (k, v) in &settings.properties {
        c.set(k, v);
    }
    c
}

fn config_error(e: KafkaError) -> ConnectorError {
    tracing::error!(error = %e, "cannot configure the Kafka connector");
    ConnectorError::adapter(
        ErrorCode::KafkaServerUnavailable,
        format!("the Kafka client cannot be configured: {e}"),
    )
}

fn unavailable(why: String) -> ConnectorError {
    tracing::warn!(%why, "Kafka unavailable");
    ConnectorError::adapter(ErrorCode::KafkaServerUnavailable, why)
}

/// Every topic the connector uses: request and response topics of each method with a
/// message ([`Method::has_message`]), and loopback.
pub fn all_topics(instance_id: &str) -> Vec<String> {
    let mut topics: Vec<String> = Method::ALL
        .iter()
        .filter(|m| m.has_message())
        .flat_map(|&m| {
            [
                request_topic(instance_id, m),
                response_topic(instance_id, m),
            ]
        })
        .collect();
    topics.push(loopback_topic(instance_id));
    topics
}

/// The topics the connector reads: every response topic and the loopback topic.
fn read_topics(instance_id: &str) -> Vec<String> {
    let mut topics: Vec<String> = Method::ALL
        .iter()
        .filter(|m| m.has_message())
        .map(|&m| response_topic(instance_id, m))
        .collect();
    topics.push(loopback_topic(instance_id));
    topics
}

/// Creates `topics` with `partitions` partitions each; existing topics are left alone.
///
/// # Errors
/// The broker cannot be reached or refuses to create a topic for another reason.
pub async fn create_topics(
    admin: &AdminClient<DefaultClientContext>,
    topics: &[String],
    partitions: i32,
    timeout: Duration,
) -> Result<(), String> {
    let new: Vec<NewTopic<'_>> = topics
        .iter()
        .map(|t| NewTopic::new(t, partitions.max(1), TopicReplication::Fixed(1)))
        .collect();
    let opts = AdminOptions::new()
        .operation_timeout(Some(timeout))
        .request_timeout(Some(timeout));
    let results = admin
        .create_topics(new.iter(), &opts)
        .await
        .map_err(|e| format!("cannot create the topics: {e}"))?;
    for r in results {
        match r {
            Ok(_) | Err((_, RDKafkaErrorCode::TopicAlreadyExists)) => {}
            Err((topic, code)) => return Err(format!("cannot create topic {topic}: {code}")),
        }
    }
    Ok(())
}

impl RemoteConnector<KafkaTransport> {
    /// OBP's name of this connector.
    pub const NAME: &'static str = NAME;

    /// A Kafka connector with `settings`. Creates the clients and starts reading replies;
    /// the broker is contacted in the background (topics created, consumer assigned), and
    /// again by the first call when that did not succeed, so building never waits for the
    /// broker. Must run inside a tokio runtime.
    ///
    /// # Errors
    /// OBP-50016 when librdkafka refuses the configuration (e.g. an unknown property).
    pub fn kafka(settings: KafkaSettings) -> ConnectorResult<Self> {
        let transport = KafkaTransport::connect(settings)?;
        let warm = transport.clone();
        tokio::spawn(async move {
            let deadline = Instant::now() + warm.inner.settings.timeout;
            if let Err(e) = warm.ensure_ready(deadline).await {
                tracing::warn!(error = %e, "Kafka connector not ready yet; the next call retries");
            }
        });
        Ok(Self::new(transport))
    }

    /// The settings in use.
    pub fn settings(&self) -> &KafkaSettings {
        &self.transport().inner.settings
    }

    /// OBP's loopback: writes a message to the loopback topic and reads it back, through the
    /// broker only (OBP's `ObpApiLoopback`; the adapter is not involved).
    ///
    /// # Errors
    /// OBP-50016 when the message does not come back in time.
    pub async fn loopback(&self, ctx: &CallContext, git_commit: &str) -> ConnectorResult<Loopback> {
        self.transport().loopback(ctx, git_commit).await
    }
}

impl KafkaTransport {
    fn connect(settings: KafkaSettings) -> ConnectorResult<Self> {
        let timeout_ms = settings
            .timeout
            .as_millis()
            .clamp(1, i32::MAX as u128)
            .to_string();
        let producer: FutureProducer = with_properties(
            {
                let mut c = client_config(&settings);
                c.set("linger.ms", settings.linger_ms.to_string())
                    // A request not written within the call's timeout is not worth sending later.
                    .set("message.timeout.ms", &timeout_ms)
                    .set("socket.nagle.disable", "true");
                c
            },
            &settings,
        )
        .create()
        .map_err(config_error)?;
        let group_id = if settings.group_id.is_empty() {
            format!("obp.api.{}.{}", settings.instance_id, uuid::Uuid::new_v4())
        } else {
            settings.group_id.clone()
        };
        let consumer: StreamConsumer = with_properties(
            {
                let mut c = client_config(&settings);
                c.set("group.id", &group_id)
                    .set("enable.auto.commit", "false")
                    .set("enable.auto.offset.store", "false")
                    // After a broker lost its data, read the new log from its start.
                    .set("auto.offset.reset", "earliest")
                    .set("fetch.wait.max.ms", settings.fetch_wait_max_ms.to_string())
                    .set("fetch.error.backoff.ms", "50")
                    .set("socket.nagle.disable", "true");
                c
            },
            &settings,
        )
        .create()
        .map_err(config_error)?;
        let admin: AdminClient<DefaultClientContext> =
            with_properties(client_config(&settings), &settings)
                .create()
                .map_err(config_error)?;
        let consumer = Arc::new(consumer);
        let pending = Arc::new(Pending::default());
        let reader = tokio::spawn(read_replies(
            consumer.clone(),
            pending.clone(),
            loopback_topic(&settings.instance_id),
        ));
        Ok(Self {
            inner: Arc::new(Inner {
                settings,
                producer,
                consumer,
                admin,
                pending,
                ready: tokio::sync::Mutex::new(false),
                reader,
            }),
        })
    }

    /// Creates the topics and assigns the consumer to every partition of the response topics
    /// at their current end, once; again after [`Self::not_ready`].
    async fn ensure_ready(&self, deadline: Instant) -> ConnectorResult<()> {
        let left = deadline.saturating_duration_since(Instant::now());
        let Ok(mut ready) = tokio::time::timeout(left, self.inner.ready.lock()).await else {
            return Err(unavailable(
                "the Kafka topics are still being set up".to_owned(),
            ));
        };
        if *ready {
            return Ok(());
        }
        let s = &self.inner.settings;
        let left = deadline
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(1));
        let topics = all_topics(&s.instance_id);
        // Creating is best effort: a cluster may forbid it (ACLs) with the topics provisioned
        // beforehand. Half the time left goes to it; the assignment below says whether the
        // topics exist.
        let create_within = (left / 2).max(Duration::from_millis(1));
        let created = tokio::time::timeout(
            create_within,
            create_topics(&self.inner.admin, &topics, s.partitions, create_within),
        )
        .await
        .unwrap_or_else(|_| Err("the Kafka broker did not answer in time".to_owned()));
        if let Err(why) = &created {
            tracing::warn!(%why, "cannot create the Kafka topics; checking whether they exist");
        }
        let consumer = self.inner.consumer.clone();
        let read = read_topics(&s.instance_id);
        tokio::task::spawn_blocking(move || assign_at_end(&consumer, &read, deadline))
            .await
            .map_err(|e| unavailable(format!("cannot assign the consumer: {e}")))?
            .map_err(|why| match created {
                Err(c) => unavailable(format!("{c}; {why}")),
                Ok(()) => unavailable(why),
            })?;
        *ready = true;
        tracing::info!(
            bootstrap = %s.bootstrap_servers,
            instance_id = %s.instance_id,
            "Kafka connector ready"
        );
        Ok(())
    }

    /// Makes the next call set the topics up again (e.g. a restarted broker lost them).
    async fn not_ready(&self) {
        *self.inner.ready.lock().await = false;
    }

    /// Sends `body` with a fresh key to `topic` and waits for the record with that key on
    /// the consumer's topics. The error says whether the broker took the record.
    async fn round_trip(
        &self,
        topic: &str,
        body: &[u8],
        deadline: Instant,
    ) -> Result<Vec<u8>, Failure> {
        let pending = &self.inner.pending;
        let key = correlation_key(self.inner.settings.partitions);
        let rx = pending.insert(&key);
        let _guard = PendingGuard {
            pending,
            key: key.clone(),
        };
        let sent_at = Instant::now();
        let left = deadline.saturating_duration_since(sent_at);
        let send = self.inner.producer.send(
            FutureRecord::to(topic).key(&key).payload(body),
            Timeout::After(left),
        );
        tokio::pin!(send, rx);
        let sleep = tokio::time::sleep_until(deadline.into());
        tokio::pin!(sleep);
        let mut written = false;
        loop {
            tokio::select! {
                reply = &mut rx => {
                    return reply.map_err(|_| Failure::NotWritten("the reply channel closed".to_owned()));
                }
                sent = &mut send, if !written => match sent {
                    Ok(_) => written = true,
                    Err((e, _)) => return Err(Failure::NotWritten(format!("the broker did not take the message: {e}"))),
                },
                () = &mut sleep => {
                    return Err(if !written {
                        Failure::NotWritten("the broker did not acknowledge the message in time".to_owned())
                    } else if pending.replied_since(sent_at) {
                        Failure::NoReply
                    } else {
                        Failure::Silent
                    });
                }
            }
        }
    }

    async fn loopback(&self, ctx: &CallContext, git_commit: &str) -> ConnectorResult<Loopback> {
        let deadline = self.deadline(ctx);
        self.ensure_ready(deadline).await?;
        let topic = loopback_topic(&self.inner.settings.instance_id);
        let body = serde_json::json!({
            "connectorVersion": NAME,
            "gitCommit": git_commit,
            "durationTime": "",
        });
        let body = serde_json::to_vec(&body).map_err(ConnectorError::backend)?;
        let started = Instant::now();
        match self.round_trip(&topic, &body, deadline).await {
            Ok(echo) => {
                let echo: serde_json::Value = serde_json::from_slice(&echo).unwrap_or_default();
                Ok(Loopback {
                    connector_version: echo["connectorVersion"].as_str().unwrap_or(NAME).to_owned(),
                    git_commit: echo["gitCommit"].as_str().unwrap_or(git_commit).to_owned(),
                    duration: started.elapsed(),
                })
            }
            Err(f) => {
                if matches!(f, Failure::NotWritten(_)) {
                    self.not_ready().await;
                }
                Err(unavailable(format!(
                    "Timeout error, because kafka do not return message to OBP-API. {}",
                    f.describe()
                )))
            }
        }
    }

    fn deadline(&self, ctx: &CallContext) -> Instant {
        let t = self.inner.settings.timeout;
        Instant::now() + ctx.remaining().map_or(t, |left| left.min(t))
    }
}

/// Why a round trip failed.
#[derive(Debug)]
enum Failure {
    /// The broker did not take the request.
    NotWritten(String),
    /// Written, no reply in time, but the adapter answered other calls meanwhile.
    NoReply,
    /// Written, and no reply at all arrived since.
    Silent,
}

impl Failure {
    fn describe(&self) -> String {
        match self {
            Failure::NotWritten(why) => why.clone(),
            Failure::NoReply => "no reply in time".to_owned(),
            Failure::Silent => "nothing came back".to_owned(),
        }
    }
}

/// Assigns `consumer` to every partition of `topics`, each at its current end offset.
fn assign_at_end(
    consumer: &StreamConsumer,
    topics: &[String],
    deadline: Instant,
) -> Result<(), String> {
    let left = || {
        deadline
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(1))
    };
    let metadata = consumer
        .fetch_metadata(None, left())
        .map_err(|e| format!("cannot read the topics' metadata: {e}"))?;
    let mut wanted = TopicPartitionList::new();
    for topic in topics {
        let Some(meta) = metadata.topics().iter().find(|t| t.name() == topic) else {
            return Err(format!("topic {topic} does not exist"));
        };
        if meta.partitions().is_empty() {
            return Err(format!("topic {topic} has no partitions"));
        }
        for p in meta.partitions() {
            wanted
                .add_partition_offset(topic, p.id(), Offset::End)
                .map_err(|e| e.to_string())?;
        }
    }
    // ListOffsets with "latest": the positions are fixed now, so a reply written after this
    // returns cannot be missed.
    let at_end = consumer
        .offsets_for_times(wanted, left())
        .map_err(|e| format!("cannot read the end offsets: {e}"))?;
    consumer
        .assign(&at_end)
        .map_err(|e| format!("cannot assign the consumer: {e}"))
}

/// Reads replies until the transport is dropped: hands each to its pending call.
async fn read_replies(consumer: Arc<StreamConsumer>, pending: Arc<Pending>, loopback: String) {
    loop {
        match consumer.recv().await {
            Ok(msg) => {
                let topic = msg.topic();
                if topic != loopback {
                    pending.note_reply();
                }
                let key = msg.key().map(String::from_utf8_lossy).unwrap_or_default();
                let body = msg.payload().unwrap_or_default().to_vec();
                match pending.remove(&key) {
                    Some(tx) => {
                        let _ = tx.send(body);
                    }
                    None => tracing::info!(
                        %topic,
                        %key,
                        "Kafka reply for no pending call (late, or another instance's) dropped"
                    ),
                }
            }
            Err(e) => {
                tracing::debug!(error = %e, "Kafka consumer error");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
}

#[async_trait]
impl Transport for KafkaTransport {
    fn name(&self) -> &'static str {
        NAME
    }

    async fn exchange(
        &self,
        ctx: &CallContext,
        method: Method,
        outbound: Vec<u8>,
    ) -> ConnectorResult<Vec<u8>> {
        let deadline = self.deadline(ctx);
        let timeout = deadline.saturating_duration_since(Instant::now());
        self.ensure_ready(deadline)
            .await
            .inspect_err(|_| tracing::warn!(%method, "Kafka not ready"))?;
        let topic = request_topic(&self.inner.settings.instance_id, method);
        match self.round_trip(&topic, &outbound, deadline).await {
            Ok(reply) => Ok(reply),
            Err(Failure::NotWritten(why)) => {
                self.not_ready().await;
                Err(unavailable(format!("(method {method}) {why}")))
            }
            Err(Failure::NoReply) => {
                tracing::warn!(%method, "adapter timed out");
                Err(ConnectorError::Timeout { method })
            }
            Err(Failure::Silent) => {
                tracing::warn!(%method, "adapter silent");
                Err(ConnectorError::adapter(
                    ErrorCode::AdapterUnknownError,
                    format!(
                        "(method {method}) the adapter did not answer: no reply came back on any \
                         response topic within {} ms.",
                        timeout.as_millis()
                    ),
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_follow_obp() {
        assert_eq!(
            request_topic("obp-api", Method::GetBank),
            "from.obp.api.obp-api.to.adapter.mf.caseclass.OutBoundGetBank"
        );
        assert_eq!(
            response_topic("i1", Method::GetBanks),
            "to.obp.api.i1.caseclass.OutBoundGetBanks"
        );
        assert_eq!(
            loopback_topic("i1"),
            "from.obp.api.i1.to.adapter.mf.caseclass.ObpApiLoopback"
        );
        let with_message = Method::ALL.iter().filter(|m| m.has_message()).count();
        assert_eq!(all_topics("x").len(), with_message * 2 + 1);
        assert!(!all_topics("x")
            .iter()
            .any(|t| t.ends_with("OutBoundCreateAgent")));
    }

    #[test]
    fn keys_name_a_partition_in_range() {
        for _ in 0..100 {
            let key = correlation_key(3);
            let p = key_partition(&key).unwrap_or(-1);
            assert!((0..3).contains(&p), "{key}");
        }
        assert_ne!(correlation_key(1), correlation_key(1));
        assert_eq!(key_partition("nope"), None);
    }
}
