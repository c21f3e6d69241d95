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
//! connection is opened on the first call and again after it breaks; a call made while no
//! adapter consumes `obp_rpc_queue` fails at once rather than waiting for its timeout.

use std::collections::HashMap;
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
    _connection: Connection,
    channel: Channel,
    reply_queue: String,
}

/// The RabbitMQ transport.
#[derive(Clone)]
pub struct RabbitMqTransport {
    settings: RabbitMqSettings,
    link: Arc<tokio::sync::Mutex<Option<Arc<Link>>>>,
    pending: Pending,
}

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
        })
    }
}

impl RabbitMqTransport {
    /// The open link, opened now if there is none.
    async fn link(&self) -> ConnectorResult<Arc<Link>> {
        let mut guard = self.link.lock().await;
        if let Some(link) = guard.as_ref() {
            if link.channel.status().connected() {
                return Ok(link.clone());
            }
        }
        let link = Arc::new(self.open().await?);
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
            tracing::debug!("RabbitMQ reply consumer ended");
        });
        Ok(Link {
            _connection: connection,
            channel,
            reply_queue,
        })
    }

    /// Whether an adapter's queue exists (a passive declare, on a channel of its own: a
    /// failed one closes its channel).
    async fn adapter_queue_exists(&self, link: &Link) -> ConnectorResult<bool> {
        let probe = link
            ._connection
            .create_channel()
            .await
            .map_err(unavailable)?;
        let found = probe
            .queue_declare(
                self.settings.request_queue.as_str().into(),
                QueueDeclareOptions {
                    passive: true,
                    ..QueueDeclareOptions::default()
                },
                FieldTable::default(),
            )
            .await
            .is_ok();
        if found {
            let _ = probe.close(200, "OK".into()).await;
        }
        Ok(found)
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
        if !self.adapter_queue_exists(&link).await? {
            return Err(unavailable(format!(
                "(method {method}) no adapter has declared the queue {}",
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
        let properties = BasicProperties::default()
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
