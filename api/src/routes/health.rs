//! Liveness and readiness probes (not part of OBP's API, hence no version prefix).

use actix_web::{get, web, HttpResponse};
use obp_domain::ErrorCode;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::state::AppState;

pub(crate) fn configure(cfg: &mut ServiceConfig<'_>) {
    cfg.service(health_live).service(health_ready);
}

/// A probe's answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct HealthJson {
    /// `ok` when healthy.
    pub status: String,
}

/// Liveness
///
/// Answers 200 while the process serves HTTP.
#[utoipa::path(
    operation_id = "getHealthLive",
    tag = "Health",
    responses((status = 200, description = "Alive", body = HealthJson))
)]
#[get("/health/live")]
pub async fn health_live() -> HttpResponse {
    HttpResponse::Ok().json(HealthJson {
        status: "ok".to_owned(),
    })
}

/// Readiness
///
/// Answers 200 when the database answers, else 503 with OBP-50011.
#[utoipa::path(
    operation_id = "getHealthReady",
    tag = "Health",
    responses(
        (status = 200, description = "Ready", body = HealthJson),
        (status = 503, description = "The database does not answer", body = ErrorBody)
    )
)]
#[get("/health/ready")]
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
