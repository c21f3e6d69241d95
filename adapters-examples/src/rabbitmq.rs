//! The RabbitMQ adapter: answers the platform's `rabbitmq_vOct2024` connector (and OBP's).
//!
//! It consumes the request queue (OBP's `obp_rpc_queue`, declared as OBP's `RPCServer` does:
//! not durable, not exclusive, not auto-deleted), reads the method from each message's
//! `message_id` (`obp_get_bank` → `getBank`), answers with
//! [`protocol::handle`](crate::protocol::handle) and publishes the `InBound<Method>` JSON to
//! the message's `reply_to` queue with its `correlation_id`, then acknowledges the request.

use std::sync::Arc;

use futures_util::StreamExt;
use lapin::options::{
    BasicAckOptions, BasicConsumeOptions, BasicPublishOptions, BasicQosOptions, QueueDeclareOptions,
};
use lapin::types::FieldTable;
use lapin::{BasicProperties, Connection, ConnectionProperties};

use crate::core::CoreBank;
use crate::protocol::handle;

/// OBP's request queue.
pub const REQUEST_QUEUE: &str = "obp_rpc_queue";

/// `obp_get_charge_level_c2` → `getChargeLevelC2` (OBP's `message_id` back to the method).
pub fn method_name(message_id: &str) -> String {
    let snake = message_id.strip_prefix("obp_").unwrap_or(message_id);
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Connects to `uri`, declares `queue` and serves it in a background task (pass an
/// `Arc<CoreBank>` to look into the core system while it runs).
///
/// # Errors
/// The broker refused the connection or the declarations.
pub async fn spawn(
    uri: &str,
    queue: &str,
    core: impl Into<Arc<CoreBank>>,
) -> Result<(), lapin::Error> {
    let connection = Connection::connect(uri, ConnectionProperties::default()).await?;
    let channel = connection.create_channel().await?;
    channel
        .queue_declare(
            queue.into(),
            QueueDeclareOptions::default(),
            FieldTable::default(),
        )
        .await?;
    channel.basic_qos(64, BasicQosOptions::default()).await?;
    let mut requests = channel
        .basic_consume(
            queue.into(),
            "obp-example-rabbitmq-adapter".into(),
            BasicConsumeOptions::default(),
            FieldTable::default(),
        )
        .await?;
    let core: Arc<CoreBank> = core.into();
    tokio::spawn(async move {
        let _connection = connection;
        while let Some(Ok(delivery)) = requests.next().await {
            let method = delivery
                .properties
                .message_id()
                .as_ref()
                .map(|id| method_name(id.as_str()))
                .unwrap_or_default();
            let answer = handle(&core, &method, &delivery.data);
            if let Some(reply_to) = delivery.properties.reply_to().as_ref() {
                let mut props = BasicProperties::default()
                    .with_content_type("application/json".into())
                    .with_message_id(delivery.properties.message_id().clone().unwrap_or_default());
                if let Some(id) = delivery.properties.correlation_id().as_ref() {
                    props = props.with_correlation_id(id.clone());
                }
                let _ = channel
                    .basic_publish(
                        "".into(),
                        reply_to.as_str().into(),
                        BasicPublishOptions::default(),
                        &answer.body,
                        props,
                    )
                    .await;
            }
            let _ = delivery.ack(BasicAckOptions::default()).await;
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids_name_methods() {
        assert_eq!(method_name("obp_get_bank"), "getBank");
        assert_eq!(method_name("obp_get_charge_level_c2"), "getChargeLevelC2");
        assert_eq!(method_name("obp_make_paymentv210"), "makePaymentv210");
        // A `_c2`/`_v2` suffix is the method's `C2`/`V2`.
        assert_eq!(
            method_name("obp_create_challenges_c2"),
            "createChallengesC2"
        );
        assert_eq!(
            method_name("obp_validate_challenge_answer_v2"),
            "validateChallengeAnswerV2"
        );
        assert_eq!(method_name("obp_make_payment_v400"), "makePaymentV400");
        assert_eq!(
            method_name("obp_dynamic_entity_process"),
            "dynamicEntityProcess"
        );
    }
}
