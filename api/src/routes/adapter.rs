//! Connector health: `GET /connector/loopback` (a message through the Kafka broker and back)
//! and `GET /adapter`, `GET /banks/{bank_id}/adapter` (`getAdapterInfo` through the
//! connector, i.e. a round trip to the adapter for Kafka and REST).

use actix_web::{get, web};
use obp_domain::role;
use rust_decimal::Decimal;
use serde::Serialize;
use utoipa::ToSchema;

use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::paths::BankPath;
use crate::service::adapter;
use crate::state::AppState;

/// OBP's `ObpApiLoopbackJson`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ObpApiLoopbackJson {
    /// The connector the message went through, e.g. `kafka_vMay2019`.
    pub connector_version: String,
    /// The API's git commit, as it came back from the broker.
    pub git_commit: String,
    /// The round trip, e.g. `"7 ms"`.
    pub duration_time: String,
}

/// A backend status message (OBP's `InboundStatusMessage`).
#[derive(Debug, Serialize, ToSchema)]
pub struct InboundStatusMessageJson {
    /// Source system.
    pub source: String,
    /// Status.
    pub status: String,
    /// Error code.
    #[serde(rename = "errorCode")]
    pub error_code: String,
    /// Text.
    pub text: String,
    /// Duration.
    pub duration: Option<String>,
}

/// OBP's `AdapterInfoJsonV500`.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdapterInfoJsonV500 {
    /// Adapter name.
    pub name: String,
    /// Adapter version.
    pub version: String,
    /// Adapter git commit.
    pub git_commit: String,
    /// When the adapter answered.
    pub date: String,
    /// Seconds the call took, as a JSON number (OBP's `BigDecimal`).
    #[schema(value_type = f64)]
    #[serde(serialize_with = "seconds_as_number")]
    pub total_duration: Decimal,
    /// The adapter's status messages (none on success).
    pub backend_messages: Vec<InboundStatusMessageJson>,
}

/// Writes a duration as a JSON number, as documented (our decimals are strings by default,
/// which suits money, not this). Millisecond precision survives the `f64`.
fn seconds_as_number<S: serde::Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    use rust_decimal::prelude::ToPrimitive;
    s.serialize_f64(d.to_f64().unwrap_or_default())
}

/// OBP's `AdapterInfoJsonV300`.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdapterInfoJsonV300 {
    /// Adapter name.
    pub name: String,
    /// Adapter version.
    pub version: String,
    /// Adapter git commit.
    pub git_commit: String,
    /// When the adapter answered.
    pub date: String,
}

/// Get Connector Status (Loopback)
///
/// Writes a message to Kafka (OBP's `ObpApiLoopback` topic) and reads it back, reporting the
/// round trip; the adapter is not involved (use `GET /adapter` for that). Only for Kafka:
/// the connector `kafka_vMay2019`, or `star` with a routing naming it; otherwise OBP-10010.
/// The broker not answering in time: OBP-50016. Requires login (OBP-20001), as OBP
/// documents it; no role.
#[endpoint(
    GET "/connector/loopback",
    operation_id = "OBPv3.1.0-getObpConnectorLoopback",
    login,
    tag = "API",
    responses(
        (status = 200, description = "The round trip", body = ObpApiLoopbackJson),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 501, description = "OBP-10010 not a Kafka connector", body = ErrorBody),
        (status = 503, description = "OBP-50016 Kafka unavailable", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all)]
pub async fn get_obp_connector_loopback(
    auth: Authorized<GetObpConnectorLoopback>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<ObpApiLoopbackJson>> {
    let loopback = adapter::loopback(&state, &auth).await?;
    Ok(web::Json(ObpApiLoopbackJson {
        connector_version: loopback.connector_version,
        git_commit: loopback.git_commit,
        duration_time: format!("{} ms", loopback.duration.as_millis()),
    }))
}

/// Get Adapter Info
///
/// Basic information about the adapter (`getAdapterInfo` through the configured connector:
/// with `star`, the connector a `getAdapterInfo` routing names, else `mapped`).
/// `total_duration` is in seconds. Requires `CanGetAdapterInfo`.
#[endpoint(
    GET "/adapter",
    operation_id = "OBPv5.0.0-getAdapterInfo",
    login,
    roles = [role::CAN_GET_ADAPTER_INFO],
    tag = "API",
    responses(
        (status = 200, description = "The adapter", body = AdapterInfoJsonV500),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing CanGetAdapterInfo", body = ErrorBody),
        (status = 502, description = "OBP-60013 adapter failure", body = ErrorBody),
        (status = 504, description = "OBP-60014 adapter timeout", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all)]
pub async fn get_adapter_info(
    auth: Authorized<GetAdapterInfo>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<AdapterInfoJsonV500>> {
    let (info, took) = adapter::info(&state, &auth).await?;
    let millis = i64::try_from(took.as_millis()).unwrap_or(i64::MAX);
    Ok(web::Json(AdapterInfoJsonV500 {
        name: info.name,
        version: info.version,
        git_commit: info.git_commit,
        date: info.date,
        total_duration: Decimal::new(millis, 3),
        backend_messages: Vec::new(),
    }))
}

/// Get Adapter Info for a bank
///
/// Basic information about the adapter listening on behalf of this bank. The bank must
/// exist (OBP-30001). Requires `CanGetAdapterInfoAtOneBank`.
#[endpoint(
    GET "/banks/{bank_id}/adapter",
    operation_id = "OBPv3.0.0-getAdapterInfoForBank",
    login,
    roles = [role::CAN_GET_ADAPTER_INFO_AT_ONE_BANK],
    tag = "API",
    params(("bank_id" = String, Path, description = "The bank id")),
    responses(
        (status = 200, description = "The adapter", body = AdapterInfoJsonV300),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing CanGetAdapterInfoAtOneBank", body = ErrorBody),
        (status = 404, description = "OBP-30001 no such bank", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_adapter_info_for_bank(
    auth: Authorized<GetAdapterInfoForBank>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
) -> ApiResult<web::Json<AdapterInfoJsonV300>> {
    let info = adapter::info_for_bank(&state, &auth, path.into_inner().bank_id).await?;
    Ok(web::Json(AdapterInfoJsonV300 {
        name: info.name,
        version: info.version,
        git_commit: info.git_commit,
        date: info.date,
    }))
}
