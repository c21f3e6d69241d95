//! Liveness and readiness probes (not part of OBP's API, hence no version prefix).

use actix_web::{get, web, HttpResponse};
use obp_domain::ErrorCode;
use serde::Serialize;
use utoipa::ToSchema;

use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::state::AppState;

/// A probe's answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct HealthJson {
    /// `ok` when healthy.
    pub status: String,
}

/// Liveness
///
/// Answers 200 while the process serves HTTP.
#[endpoint(
    GET "/health/live",
    operation_id = "getHealthLive",
    unversioned,
    anonymous,
    tag = "Health",
    responses((status = 200, description = "Alive", body = HealthJson))
)]
pub async fn health_live() -> HttpResponse {
    HttpResponse::Ok().json(HealthJson {
        status: "ok".to_owned(),
    })
}

/// Readiness
///
/// Answers 200 when the database answers, else 503 with OBP-50011.
#[endpoint(
    GET "/health/ready",
    operation_id = "getHealthReady",
    unversioned,
    anonymous,
    tag = "Health",
    responses(
        (status = 200, description = "Ready", body = HealthJson),
        (status = 503, description = "The database does not answer", body = ErrorBody)
    )
)]
pub async fn health_ready(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    state
        .store
        .ping()
        .await
        .map_err(|e| ApiError::new(ErrorCode::DatabaseUnavailable).caused_by(e))?;
    Ok(HttpResponse::Ok().json(HealthJson {
        status: "ok".to_owned(),
    }))
}
