//! Connector health: the Kafka loopback (a message through the broker and back) and the
//! adapter's `getAdapterInfo` through the connector.

use std::time::{Duration, Instant};

use obp_connectors::connector::AdapterInfo;
use obp_connectors::kafka::{KafkaConnector, Loopback};
use obp_connectors::star::StarConnector;
use obp_connectors::store;
use obp_domain::context::CallContext;
use obp_domain::ids::BankId;
use obp_domain::ErrorCode;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Whether this server reaches a Kafka broker: its connector is `kafka_vMay2019`, or `star`
/// with a routing naming `kafka_vMay2019`.
async fn uses_kafka(state: &AppState) -> ApiResult<bool> {
    Ok(match state.settings.connector.as_str() {
        KafkaConnector::NAME => true,
        StarConnector::NAME => {
            state.kafka.is_created()
                || store::list_method_routings(&state.store, None)
                    .await
                    .map_err(|e| ApiError::new(ErrorCode::UnknownError).caused_by(e))?
                    .iter()
                    .any(|r| r.connector_name == KafkaConnector::NAME)
        }
        _ => false,
    })
}

/// Writes a message to Kafka and reads it back (the adapter is not involved).
///
/// # Errors
/// 501 OBP-10010 when the server uses no Kafka connector, 503 OBP-50016 when the broker
/// does not answer in time, a database failure.
pub async fn loopback(state: &AppState, ctx: &CallContext) -> ApiResult<Loopback> {
    if !uses_kafka(state).await? {
        return Err(ApiError::with_detail(
            ErrorCode::NotImplemented,
            format!("for connector {}", state.settings.connector),
        ));
    }
    let kafka = state.kafka.get()?;
    Ok(kafka.loopback(ctx, env!("OBP_GIT_COMMIT")).await?)
}

/// The adapter's information and how long the call took.
///
/// # Errors
/// A connector or adapter failure (502 OBP-60013, 504 OBP-60014).
pub async fn info(state: &AppState, ctx: &CallContext) -> ApiResult<(AdapterInfo, Duration)> {
    let started = Instant::now();
    let info = state.connector.get_adapter_info(ctx).await?;
    Ok((info, started.elapsed()))
}

/// The adapter's information for a bank that must exist.
///
/// # Errors
/// 400 malformed bank id, 404 OBP-30001, a connector or adapter failure.
pub async fn info_for_bank(
    state: &AppState,
    ctx: &CallContext,
    bank_id: String,
) -> ApiResult<AdapterInfo> {
    let bank_id = BankId::parse(bank_id)?;
    state.connector.get_bank(ctx, &bank_id).await?;
    Ok(state.connector.get_adapter_info(ctx).await?)
}
