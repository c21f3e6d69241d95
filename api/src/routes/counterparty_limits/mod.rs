//! Counterparty limits (OBP v5.1.0): the maxima an account may pay one counterparty through
//! one view, per payment, per calendar month and year and in total. The rules and the order
//! of checks are in [`crate::service::counterparty_limits`].

use actix_web::{delete, get, post, put, web, HttpResponse};
use serde::Deserialize;

use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::service::counterparty_limits::{self as limits, LimitPath};
use crate::state::AppState;

mod json;
pub use json::*;

/// Path of a counterparty's limit.
#[derive(Debug, Deserialize)]
pub struct CounterpartyLimitPath {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// VIEW_ID.
    pub view_id: String,
    /// COUNTERPARTY_ID.
    pub counterparty_id: String,
}

impl CounterpartyLimitPath {
    fn limit(&self) -> LimitPath<'_> {
        LimitPath {
            bank_id: &self.bank_id,
            account_id: &self.account_id,
            view_id: &self.view_id,
            counterparty_id: &self.counterparty_id,
        }
    }
}

/// Create Counterparty Limit
///
/// Limits the payments the account may make to the counterparty through the view: the
/// largest single payment, the amount and number of payments per calendar month, per
/// calendar year and in total. Payments exactly at a maximum are allowed. The view needs
/// `can_add_counterparty`.
#[endpoint(
    POST "/banks/{bank_id}/accounts/{account_id}/views/{view_id}/counterparties/{counterparty_id}/limits",
    operation_id = "OBPv5.1.0-createCounterpartyLimit",
    login,
    tag = "Counterparty-Limits",
    request_body = PostCounterpartyLimitV510,
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path), ("counterparty_id" = String, Path)),
    responses(
        (status = 201, description = "The limit", body = CounterpartyLimitV510),
        (status = 400, description = "OBP-10001 / OBP-10002 / OBP-10003 / OBP-20054 / OBP-30264", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30005 / OBP-30017", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn create_counterparty_limit(
    auth: Authorized<CreateCounterpartyLimit>,
    state: web::Data<AppState>,
    path: web::Path<CounterpartyLimitPath>,
    body: web::Json<PostCounterpartyLimitV510>,
) -> ApiResult<HttpResponse> {
    let l = limits::create(&state, &auth.ctx, path.limit(), body.into_inner().into()).await?;
    Ok(HttpResponse::Created().json(CounterpartyLimitV510::from(l)))
}

/// Update Counterparty Limit
///
/// Replaces the limit's maxima; creates the limit when there is none, as OBP does. The view
/// needs `can_add_counterparty`.
#[endpoint(
    PUT "/banks/{bank_id}/accounts/{account_id}/views/{view_id}/counterparties/{counterparty_id}/limits",
    operation_id = "OBPv5.1.0-updateCounterpartyLimit",
    login,
    tag = "Counterparty-Limits",
    request_body = PostCounterpartyLimitV510,
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path), ("counterparty_id" = String, Path)),
    responses(
        (status = 200, description = "The limit", body = CounterpartyLimitV510),
        (status = 400, description = "OBP-10001 / OBP-10002 / OBP-10003 / OBP-20054", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30005 / OBP-30017", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn update_counterparty_limit(
    auth: Authorized<UpdateCounterpartyLimit>,
    state: web::Data<AppState>,
    path: web::Path<CounterpartyLimitPath>,
    body: web::Json<PostCounterpartyLimitV510>,
) -> ApiResult<web::Json<CounterpartyLimitV510>> {
    let l = limits::update(&state, &auth.ctx, path.limit(), body.into_inner().into()).await?;
    Ok(web::Json(l.into()))
}

/// Get Counterparty Limit
///
/// The limit on payments to the counterparty through the view (`can_get_counterparty`).
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/views/{view_id}/counterparties/{counterparty_id}/limits",
    operation_id = "OBPv5.1.0-getCounterpartyLimit",
    login,
    tag = "Counterparty-Limits",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path), ("counterparty_id" = String, Path)),
    responses(
        (status = 200, description = "The limit", body = CounterpartyLimitV510),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30005 / OBP-30017 / OBP-30263", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_counterparty_limit(
    auth: Authorized<GetCounterpartyLimit>,
    state: web::Data<AppState>,
    path: web::Path<CounterpartyLimitPath>,
) -> ApiResult<web::Json<CounterpartyLimitV510>> {
    let l = limits::get(&state, &auth.ctx, path.limit()).await?;
    Ok(web::Json(l.into()))
}

/// Delete Counterparty Limit
///
/// Removes the limit (`can_delete_counterparty`); answers 204 with no body.
#[endpoint(
    DELETE "/banks/{bank_id}/accounts/{account_id}/views/{view_id}/counterparties/{counterparty_id}/limits",
    operation_id = "OBPv5.1.0-deleteCounterpartyLimit",
    login,
    tag = "Counterparty-Limits",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path), ("counterparty_id" = String, Path)),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "OBP-30265 (no limit to delete)", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30005 / OBP-30017", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn delete_counterparty_limit(
    auth: Authorized<DeleteCounterpartyLimit>,
    state: web::Data<AppState>,
    path: web::Path<CounterpartyLimitPath>,
) -> ApiResult<HttpResponse> {
    limits::delete(&state, &auth.ctx, path.limit()).await?;
    Ok(HttpResponse::NoContent().finish())
}
