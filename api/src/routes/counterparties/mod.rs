//! Explicit counterparties (OBP v4.0.0): through a view (`can_add_counterparty`,
//! `can_get_counterparty`, `can_delete_counterparty`) and management variants for callers
//! holding `CanCreateCounterparty`, `CanGetCounterparty`, `CanDeleteCounterparty` (at one
//! bank or at any bank).
//!
//! The rules (the `owner` view of management creates, lookups scoped to the account in the
//! path) are in [`crate::service::counterparties`].

use actix_web::{delete, get, post, web, HttpResponse};
use obp_domain::role::{
    CAN_CREATE_COUNTERPARTY, CAN_CREATE_COUNTERPARTY_AT_ANY_BANK, CAN_DELETE_COUNTERPARTY,
    CAN_DELETE_COUNTERPARTY_AT_ANY_BANK, CAN_GET_COUNTERPARTIES,
    CAN_GET_COUNTERPARTIES_AT_ANY_BANK, CAN_GET_COUNTERPARTY, CAN_GET_COUNTERPARTY_AT_ANY_BANK,
};
use serde::Deserialize;

use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::paths::AccountViewPath;
use crate::service::counterparties;
use crate::state::AppState;

mod json;
pub use json::*;

/// Path of one counterparty.
#[derive(Debug, Deserialize)]
pub struct CounterpartyPath {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// VIEW_ID.
    pub view_id: String,
    /// COUNTERPARTY_ID.
    pub counterparty_id: String,
}

/// Create Counterparty (Explicit)
///
/// Creates a counterparty of the account for the view (`can_add_counterparty`).
#[endpoint(
    POST "/banks/{bank_id}/accounts/{account_id}/{view_id}/counterparties",
    operation_id = "OBPv4.0.0-createCounterparty",
    login,
    tag = "Counterparty",
    request_body = PostCounterpartyJson400,
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path)),
    responses(
        (status = 201, description = "The counterparty", body = CounterpartyWithMetadataJson400),
        (status = 400, description = "OBP-10001 / OBP-10003 / OBP-20010 / OBP-30014 / OBP-10033", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30005", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn create_counterparty(
    auth: Authorized<CreateCounterparty>,
    state: web::Data<AppState>,
    path: web::Path<AccountViewPath>,
    body: web::Json<PostCounterpartyJson400>,
) -> ApiResult<HttpResponse> {
    let c = counterparties::create_through_view(
        &state,
        &auth.ctx,
        &auth.user()?.user_id,
        &path.bank_id,
        &path.account_id,
        &path.view_id,
        body.into_inner().into(),
    )
    .await?;
    Ok(HttpResponse::Created().json(CounterpartyWithMetadataJson400::from(c)))
}

/// Get Counterparties (Explicit)
///
/// The counterparties of the account and view (`can_get_counterparty`), ordered by name.
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/{view_id}/counterparties",
    operation_id = "OBPv4.0.0-getExplicitCounterpartiesForAccount",
    login,
    tag = "Counterparty",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path)),
    responses(
        (status = 200, description = "The counterparties", body = CounterpartiesJson400),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30005", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_explicit_counterparties_for_account(
    auth: Authorized<GetExplicitCounterpartiesForAccount>,
    state: web::Data<AppState>,
    path: web::Path<AccountViewPath>,
) -> ApiResult<web::Json<CounterpartiesJson400>> {
    let list = counterparties::list_through_view(
        &state,
        &auth.ctx,
        &path.bank_id,
        &path.account_id,
        &path.view_id,
    )
    .await?;
    Ok(web::Json(list.into()))
}

/// Get Counterparty by Id (Explicit)
///
/// One counterparty of the account (`can_get_counterparty`).
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/{view_id}/counterparties/{counterparty_id}",
    operation_id = "OBPv4.0.0-getExplicitCounterpartyById",
    login,
    tag = "Counterparty",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path), ("counterparty_id" = String, Path)),
    responses(
        (status = 200, description = "The counterparty", body = CounterpartyWithMetadataJson400),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30005 / OBP-30017", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_explicit_counterparty_by_id(
    auth: Authorized<GetExplicitCounterpartyById>,
    state: web::Data<AppState>,
    path: web::Path<CounterpartyPath>,
) -> ApiResult<web::Json<CounterpartyWithMetadataJson400>> {
    let c = counterparties::get_through_view(
        &state,
        &auth.ctx,
        &path.bank_id,
        &path.account_id,
        &path.view_id,
        &path.counterparty_id,
    )
    .await?;
    Ok(web::Json(c.into()))
}

/// Delete Counterparty (Explicit)
///
/// Deletes a counterparty of the account (`can_delete_counterparty`); answers `true`.
#[endpoint(
    DELETE "/banks/{bank_id}/accounts/{account_id}/{view_id}/counterparties/{counterparty_id}",
    operation_id = "OBPv4.0.0-deleteExplicitCounterparty",
    login,
    tag = "Counterparty",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path), ("counterparty_id" = String, Path)),
    responses(
        (status = 200, description = "`true`", body = bool),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20017 / OBP-30022", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30005 / OBP-30017", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn delete_explicit_counterparty(
    auth: Authorized<DeleteExplicitCounterparty>,
    state: web::Data<AppState>,
    path: web::Path<CounterpartyPath>,
) -> ApiResult<HttpResponse> {
    counterparties::delete_through_view(
        &state,
        &auth.ctx,
        &path.bank_id,
        &path.account_id,
        &path.view_id,
        &path.counterparty_id,
    )
    .await?;
    Ok(HttpResponse::Ok().json(true))
}

/// Create Counterparty for any account (Explicit)
///
/// Creates a counterparty of any account, filed under its `owner` view (roles
/// `CanCreateCounterparty` or `CanCreateCounterpartyAtAnyBank`).
#[endpoint(
    POST "/management/banks/{bank_id}/accounts/{account_id}/{view_id}/counterparties",
    operation_id = "OBPv4.0.0-createCounterpartyForAnyAccount",
    login,
    roles = [CAN_CREATE_COUNTERPARTY, CAN_CREATE_COUNTERPARTY_AT_ANY_BANK],
    tag = "Counterparty",
    request_body = PostCounterpartyJson400,
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path)),
    responses(
        (status = 201, description = "The counterparty", body = CounterpartyWithMetadataJson400),
        (status = 400, description = "OBP-10001 / OBP-10003 / OBP-20010 / OBP-30014 / OBP-10033", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn create_counterparty_for_any_account(
    auth: Authorized<CreateCounterpartyForAnyAccount>,
    state: web::Data<AppState>,
    path: web::Path<AccountViewPath>,
    body: web::Json<PostCounterpartyJson400>,
) -> ApiResult<HttpResponse> {
    let c = counterparties::create_for_any_account(
        &state,
        &auth.ctx,
        &auth.user()?.user_id,
        &path.bank_id,
        &path.account_id,
        body.into_inner().into(),
    )
    .await?;
    Ok(HttpResponse::Created().json(CounterpartyWithMetadataJson400::from(c)))
}

/// Get Counterparties for any account (Explicit)
///
/// The counterparties of any account and view (roles `CanGetCounterparties` or
/// `CanGetCounterpartiesAtAnyBank`, as OBP's `getCounterpartiesForAnyAccount`; the roles for
/// one counterparty are `CanGetCounterparty` / `CanGetCounterpartyAtAnyBank`).
#[endpoint(
    GET "/management/banks/{bank_id}/accounts/{account_id}/{view_id}/counterparties",
    operation_id = "OBPv4.0.0-getCounterpartiesForAnyAccount",
    login,
    roles = [CAN_GET_COUNTERPARTIES, CAN_GET_COUNTERPARTIES_AT_ANY_BANK],
    tag = "Counterparty",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path)),
    responses(
        (status = 200, description = "The counterparties", body = CounterpartiesJson400),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_counterparties_for_any_account(
    auth: Authorized<GetCounterpartiesForAnyAccount>,
    state: web::Data<AppState>,
    path: web::Path<AccountViewPath>,
) -> ApiResult<web::Json<CounterpartiesJson400>> {
    let list = counterparties::list_for_any_account(
        &state,
        &auth.ctx,
        &path.bank_id,
        &path.account_id,
        &path.view_id,
    )
    .await?;
    Ok(web::Json(list.into()))
}

/// Get Counterparty by Id for any account (Explicit)
///
/// One counterparty of any account (roles `CanGetCounterparty` or
/// `CanGetCounterpartyAtAnyBank`).
#[endpoint(
    GET "/management/banks/{bank_id}/accounts/{account_id}/{view_id}/counterparties/{counterparty_id}",
    operation_id = "OBPv4.0.0-getCounterpartyByIdForAnyAccount",
    login,
    roles = [CAN_GET_COUNTERPARTY, CAN_GET_COUNTERPARTY_AT_ANY_BANK],
    tag = "Counterparty",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path), ("counterparty_id" = String, Path)),
    responses(
        (status = 200, description = "The counterparty", body = CounterpartyWithMetadataJson400),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30017", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_counterparty_by_id_for_any_account(
    auth: Authorized<GetCounterpartyByIdForAnyAccount>,
    state: web::Data<AppState>,
    path: web::Path<CounterpartyPath>,
) -> ApiResult<web::Json<CounterpartyWithMetadataJson400>> {
    let c = counterparties::get_for_any_account(
        &state,
        &auth.ctx,
        &path.bank_id,
        &path.account_id,
        &path.counterparty_id,
    )
    .await?;
    Ok(web::Json(c.into()))
}

/// Delete Counterparty for any account (Explicit)
///
/// Deletes a counterparty of any account (roles `CanDeleteCounterparty` or
/// `CanDeleteCounterpartyAtAnyBank`); answers `true`.
#[endpoint(
    DELETE "/management/banks/{bank_id}/accounts/{account_id}/{view_id}/counterparties/{counterparty_id}",
    operation_id = "OBPv4.0.0-deleteCounterpartyForAnyAccount",
    login,
    roles = [CAN_DELETE_COUNTERPARTY, CAN_DELETE_COUNTERPARTY_AT_ANY_BANK],
    tag = "Counterparty",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path), ("counterparty_id" = String, Path)),
    responses(
        (status = 200, description = "`true`", body = bool),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30017", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn delete_counterparty_for_any_account(
    auth: Authorized<DeleteCounterpartyForAnyAccount>,
    state: web::Data<AppState>,
    path: web::Path<CounterpartyPath>,
) -> ApiResult<HttpResponse> {
    counterparties::delete_for_any_account(
        &state,
        &auth.ctx,
        &path.bank_id,
        &path.account_id,
        &path.counterparty_id,
    )
    .await?;
    Ok(HttpResponse::Ok().json(true))
}
