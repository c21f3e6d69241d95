//! The `rabbitmq_vOct2024` connector: OBP's messages over RabbitMQ, as OBP's
//! `RabbitMQConnector_vOct2024` sends them (`RabbitMQUtils.scala`).
//!
//! Each call publishes the compact `OutBound<Method>` JSON on the default exchange to the
//! queue `obp_rpc_queue` (the setting `request_queue`) with the properties `message_id` = `obp_<method in snake case>`
//! (`obp_get_bank`), `content_type` = `application/json`, a fresh `correlation_id` and
//! `reply_to`; the adapter answers the `InBound<Method>` JSON to `reply_to` with the same
//! `correlation_id` (OBP's `RPCServer`). The envelope and codec are the other message
//! connectors' ([`crate::remote`]).
//!
//! Unlike OBP, which declares one reply queue per call, this connector declares one
//! server-named, exclusive reply queue per connection and matches replies to calls by
//! correlation id: adapters see the same messages (they only ever answer to `reply_to`). The
//! connection is opened on the first call and again after it breaks (calls waiting on a broken
//! one fail at once); a call made while no adapter consumes `obp_rpc_queue` fails at once
//! rather than waiting for its timeout, and each request expires after the call's timeout
//! (AMQP `expiration`), so an adapter never acts on a call already answered as failed.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::StreamExt;
use lapin::options::{BasicConsumeOptions, BasicPublishOptions, QueueDeclareOptions};
use lapin::types::FieldTable;
use lapin::{BasicProperties, Channel, Connection, ConnectionProperties};
use obp_domain::context::CallContext;
use obp_domain::ErrorCode;
use tokio::sync::oneshot;

use crate::error::{ConnectorError, ConnectorResult};
use crate::method::Method;
use crate::remote::{RemoteConnector, Transport};

/// OBP's name of the RabbitMQ connector.
pub const NAME: &str = "rabbitmq_vOct2024";

/// The queue adapters consume requests from (OBP's `RabbitMQUtils.requestQueueName`).
pub const REQUEST_QUEUE: &str = "obp_rpc_queue";

/// A connector sending OBP's messages over RabbitMQ.
pub type RabbitMqConnector = RemoteConnector<RabbitMqTransport>;

/// OBP's `message_id` of a method: `obp_` and the method name in snake case
/// (`getChargeLevelC2` → `obp_get_charge_level_c2`).
pub fn message_id(method: Method) -> String {
    let mut out = String::from("obp_");
    for c in method.obp_name().chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The method an OBP `message_id` names, if any.
pub fn method_of(message_id: &str) -> Option<Method> {
    Method::ALL
        .iter()
        .copied()
        .find(|m| self::message_id(*m) == message_id)
}

/// Settings of the RabbitMQ connector (OBP's `rabbitmq_connector.*` props).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RabbitMqSettings {
    /// `amqp://user:password@host:port/vhost` (`%2f` for the default vhost `/`).
    pub uri: String,
    /// How long a call waits for its reply.
    pub timeout: Duration,
    /// The queue adapters consume: OBP's [`REQUEST_QUEUE`] (another name, e.g. one per test
    /// or per environment sharing a broker, is an extension).
    pub request_queue: String,
}

impl Default for RabbitMqSettings {
    fn default() -> Self {
        Self {
            uri: "amqp://guest:guest@127.0.0.1:5672/%2f".to_owned(),
            timeout: Duration::from_secs(10),
            request_queue: REQUEST_QUEUE.to_owned(),
        }
    }
}

type Pending = Arc<Mutex<HashMap<String, oneshot::Sender<Vec<u8>>>>>;

/// An open connection: the channel calls publish on and the reply queue.
struct Link {
    connection: Connection,
    channel: Channel,
    reply_queue: String,
    /// Cleared when the reply consumer ends (connection broken, consumer cancelled).
    alive: Arc<AtomicBool>,
}

/// The RabbitMQ transport.
#[derive(Clone)]
pub struct RabbitMqTransport {
    settings: RabbitMqSettings,
    link: Arc<tokio::sync::Mutex<Option<Arc<Link>>>>,
    pending: Pending,
    /// When an adapter was last seen consuming the request queue: the probe (a channel and a
    /// passive declare, three round trips) runs at most once per [`LISTENER_CHECK`].
    listener_seen: Arc<Mutex<Option<std::time::Instant>>>,
}

/// How long an adapter seen consuming the request queue is trusted to still do so.
const LISTENER_CHECK: Duration = Duration::from_secs(1);

impl std::fmt::Debug for RabbitMqTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RabbitMqTransport")
            .field("timeout", &self.settings.timeout)
            .finish_non_exhaustive()
    }
}

fn unavailable(why: impl std::fmt::Display) -> ConnectorError {
    tracing::warn!(%why, "RabbitMQ unavailable");
    ConnectorError::adapter(
        ErrorCode::AdapterUnknownError,
        format!("Please Check Adapter Side! RabbitMQ: {why}"),
    )
}

impl RabbitMqConnector {
    /// A connector with `settings`; nothing is opened until the first call.
    pub fn rabbitmq(settings: RabbitMqSettings) -> Self {
        RemoteConnector::new(RabbitMqTransport {
            settings,
            link: Arc::new(tokio::sync::Mutex::new(None)),
            pending: Arc::new(Mutex::new(HashMap::new())),
            listener_seen: Arc::new(Mutex::new(None)),
        })
    }
}

impl RabbitMqTransport {
    /// The open link, opened now if there is none.
    async fn link(&self) -> ConnectorResult<Arc<Link>> {
        let mut guard = self.link.lock().await;
        if let Some(link) = guard.as_ref() {
            if link.channel.status().connected() && link.alive.load(Ordering::SeqCst) {
                return Ok(link.clone());
            }
        }
        let link = Arc::new(
            tokio::time::timeout(self.settings.timeout, self.open())
                .await
                .map_err(|_| unavailable("the broker did not answer in time"))??,
        );
        *guard = Some(link.clone());
        Ok(link)
    }

    async fn open(&self) -> ConnectorResult<Link> {
        let connection = Connection::connect(&self.settings.uri, ConnectionProperties::default())
            .await
            .map_err(unavailable)?;
        let channel = connection.create_channel().await.map_err(unavailable)?;
        let reply = channel
            .queue_declare(
                "".into(),
                QueueDeclareOptions {
                    exclusive: true,
                    auto_delete: true,
                    ..QueueDeclareOptions::default()
                },
                FieldTable::default(),
            )
            .await
            .map_err(unavailable)?;
        let reply_queue = reply.name().to_string();
        let mut consumer = channel
            .basic_consume(
                reply_queue.as_str().into(),
                "obp-api-replies".into(),
                BasicConsumeOptions {
                    no_ack: true,
                    ..BasicConsumeOptions::default()
                },
                FieldTable::default(),
            )
            .await
            .map_err(unavailable)?;
        let pending = self.pending.clone();
        let alive = Arc::new(AtomicBool::new(true));
        let alive_in_task = alive.clone();
        tokio::spawn(async move {
            while let Some(Ok(delivery)) = consumer.next().await {
                let Some(id) = delivery.properties.correlation_id().as_ref() else {
                    continue;
                };
                let waiter = pending.lock().ok().and_then(|mut p| p.remove(id.as_str()));
                if let Some(tx) = waiter {
                    let _ = tx.send(delivery.data);
                }
            }
            // No reply can come any more: the next call opens a new link, and the calls
            // waiting now fail at once (their senders are dropped).
            alive_in_task.store(false, Ordering::SeqCst);
            if let Ok(mut p) = pending.lock() {
                p.clear();
            }
            tracing::warn!("RabbitMQ reply consumer ended");
        });
        Ok(Link {
            connection,
            channel,
            reply_queue,
            alive,
        })
    }

    /// Whether an adapter consumes the request queue (a passive declare, on a channel of its
    /// own: a failed one closes its channel). A queue nobody consumes would hold the request
    /// until its expiry: the call fails at once instead.
    async fn adapter_listens(&self, link: &Link) -> ConnectorResult<bool> {
        let recently = self
            .listener_seen
            .lock()
            .ok()
            .and_then(|seen| *seen)
            .is_some_and(|at| at.elapsed() < LISTENER_CHECK);
        if recently {
            return Ok(true);
        }
        let probe = link
            .connection
            .create_channel()
            .await
            .map_err(unavailable)?;
        let declared = probe
            .queue_declare(
                self.settings.request_queue.as_str().into(),
                QueueDeclareOptions {
                    passive: true,
                    ..QueueDeclareOptions::default()
                },
                FieldTable::default(),
            )
            .await;
        let listens = declared.as_ref().is_ok_and(|q| q.consumer_count() > 0);
        if let Ok(mut seen) = self.listener_seen.lock() {
            *seen = listens.then(std::time::Instant::now);
        }
        if declared.is_ok() {
            let _ = probe.close(200, "OK".into()).await;
        }
        Ok(listens)
    }

    async fn forget(&self, link: &Arc<Link>) {
        let mut guard = self.link.lock().await;
        if guard.as_ref().is_some_and(|l| Arc::ptr_eq(l, link)) {
            *guard = None;
        }
    }
}

/// Removes a call's waiter when the call ends (reply, timeout or error).
struct Waiting<'a> {
    pending: &'a Pending,
    id: String,
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        if let Ok(mut p) = self.pending.lock() {
            p.remove(&self.id);
        }
    }
}

#[async_trait::async_trait]
impl Transport for RabbitMqTransport {
    fn name(&self) -> &'static str {
        NAME
    }

    async fn exchange(
        &self,
        ctx: &CallContext,
        method: Method,
        outbound: Vec<u8>,
    ) -> ConnectorResult<Vec<u8>> {
        let timeout = ctx.remaining().map_or(self.settings.timeout, |left| {
            left.min(self.settings.timeout)
        });
        let link = self.link().await?;
        let listens = tokio::time::timeout(timeout, self.adapter_listens(&link))
            .await
            .map_err(|_| unavailable("the broker did not answer in time"))??;
        if !listens {
            return Err(unavailable(format!(
                "(method {method}) no adapter consumes the queue {}",
                self.settings.request_queue
            )));
        }
        let id = uuid::Uuid::new_v4().to_string();
        let (tx, rx) = oneshot::channel();
        if let Ok(mut p) = self.pending.lock() {
            p.insert(id.clone(), tx);
        }
        let _waiting = Waiting {
            pending: &self.pending,
            id: id.clone(),
        };
        // A request not taken within the call's time expires: the adapter never acts on a
        // call the API has already answered as failed.
        let properties = BasicProperties::default()
            .with_expiration(timeout.as_millis().max(1).to_string().into())
            .with_message_id(message_id(method).into())
            .with_content_type("application/json".into())
            .with_correlation_id(id.into())
            .with_reply_to(link.reply_queue.as_str().into());
        let published = link
            .channel
            .basic_publish(
                "".into(),
                self.settings.request_queue.as_str().into(),
                BasicPublishOptions::default(),
                &outbound,
                properties,
            )
            .await;
        if let Err(e) = published {
            self.forget(&link).await;
            return Err(unavailable(format!("(method {method}) {e}")));
        }
        match tokio::time::timeout(timeout, rx).await {
            Ok(Ok(reply)) => Ok(reply),
            Ok(Err(_)) => {
                self.forget(&link).await;
                Err(unavailable(format!(
                    "(method {method}) the connection closed"
                )))
            }
            Err(_) => {
                tracing::warn!(%method, "adapter timed out");
                Err(ConnectorError::Timeout { method })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids_follow_obp() {
        assert_eq!(message_id(Method::GetBank), "obp_get_bank");
        assert_eq!(message_id(Method::GetAdapterInfo), "obp_get_adapter_info");
        assert_eq!(
            message_id(Method::GetChargeLevel),
            "obp_get_charge_level_c2"
        );
        assert_eq!(
            message_id(Method::DynamicEntityProcess),
            "obp_dynamic_entity_process"
        );
        for m in Method::ALL {
            assert_eq!(method_of(&message_id(*m)), Some(*m));
        }
        assert_eq!(method_of("obp_nope"), None);
    }
}
