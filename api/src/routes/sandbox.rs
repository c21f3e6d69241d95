//! Sandbox data import: `POST /obp/{version}/sandbox/data-import` (OBP v2.1.0
//! `sandboxDataImport`). The import itself is the use case [`crate::service::sandbox`].

use actix_web::{post, web, HttpResponse};
use obp_domain::role::CAN_CREATE_SANDBOX;

use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::json::SuccessMessage;
use crate::service::sandbox::{self, SandboxDataImport};
use crate::state::AppState;

/// Create sandbox
///
/// Imports OBP's sandbox data file (banks, users, accounts, transactions, branches, ATMs,
/// products) when the setting `allow_sandbox_data_import` is on (else 403 OBP-00002), for a
/// caller with `CanCreateSandbox`. The whole file is validated first: any invalid element,
/// unknown reference or clash with existing data answers 400 OBP-10001 naming the elements,
/// and nothing is written. Amounts are strings; every transaction is booked through the
/// ledger against the bank's settlement accounts, and the account's `balance` is reached
/// with an opening-balance booking.
#[endpoint(
    POST "/sandbox/data-import",
    operation_id = "OBPv2.1.0-sandboxDataImport",
    login,
    roles = [CAN_CREATE_SANDBOX],
    roles_in_handler,
    guard = SandboxDataImport210,
    tag = "Sandbox",
    request_body = SandboxDataImport,
    responses(
        (status = 201, description = "Imported", body = SuccessMessage),
        (status = 400, description = "OBP-10001: invalid file (every offending element is named)", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-00002 import disabled; OBP-20006 missing CanCreateSandbox", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all)]
pub async fn sandbox_data_import(
    auth: Authorized<SandboxDataImport210>,
    state: web::Data<AppState>,
    body: web::Json<SandboxDataImport>,
) -> ApiResult<HttpResponse> {
    // OBP's order: the body is read (by the extractor), then the switch, then the role.
    let summary = sandbox::import_by(&state, &auth.ctx, auth.user()?, &body).await?;
    tracing::info!(?summary, "sandbox data imported");
    Ok(HttpResponse::Created().json(SuccessMessage {
        success: "Success".to_owned(),
    }))
}
