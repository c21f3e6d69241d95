//! Branches (`/banks/BANK_ID/branches`), OBP v3.0.0/v3.1.0 shapes.
//!
//! The body is `BranchJsonV300`; `id`, `bank_id` and `name` are checked, the other fields
//! (address, location, meta, lobby, drive_up, branch_routing, ...) are stored and answered
//! as sent. Reads are anonymous unless `public_branches` is false.

use actix_web::{delete, get, post, web, HttpResponse};
use obp_domain::role;
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::access::bank_then_roles;
use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::paths::BankPath;
use crate::service::refdata;
use crate::state::AppState;

mod json;
pub use json::*;

/// Path with a bank and a branch.
#[derive(Debug, Deserialize)]
pub struct BranchPath {
    /// BANK_ID.
    pub bank_id: String,
    /// BRANCH_ID.
    pub branch_id: String,
}

/// Create Branch
///
/// Creates or replaces a branch (`CanCreateBranch` at the bank or
/// `CanCreateBranchAtAnyBank`). `bank_id` in the body must equal the path's.
#[endpoint(
    POST "/banks/{bank_id}/branches",
    operation_id = "OBPv3.0.0-createBranch",
    login,
    roles = [role::CAN_CREATE_BRANCH, role::CAN_CREATE_BRANCH_AT_ANY_BANK],
    roles_in_handler,
    tag = "Branch",
    params(("bank_id" = String, Path, description = "BANK_ID")),
    request_body(content = BranchJsonV300, description = "BranchJsonV300"),
    responses(
        (status = 201, description = "BranchJsonV300", body = BranchJsonV300),
        (status = 400, description = "OBP-10001", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
pub async fn create_branch(
    auth: Authorized<CreateBranch>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
    body: web::Json<Map<String, Value>>,
) -> ApiResult<HttpResponse> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let b = refdata::save_branch(&state, &auth.ctx, bank_id, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(BranchJsonV300::from(b)))
}

/// Get Branches for a Bank
///
/// `{"branches": [BranchJsonV300]}`, ordered by id.
#[endpoint(
    GET "/banks/{bank_id}/branches",
    operation_id = "OBPv3.0.0-getBranches",
    anonymous,
    tag = "Branch",
    params(("bank_id" = String, Path, description = "BANK_ID")),
    responses(
        (status = 200, description = "BranchesJsonV300", body = BranchesJsonV300),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
pub async fn get_branches(
    auth: Authorized<GetBranches>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
) -> ApiResult<web::Json<BranchesJsonV300>> {
    let list = refdata::branches(&state, &auth.ctx, &path.bank_id).await?;
    Ok(web::Json(BranchesJsonV300 {
        branches: list.into_iter().map(Into::into).collect(),
    }))
}

/// Get Branch
///
/// One branch; 404 OBP-300010 when none.
#[endpoint(
    GET "/banks/{bank_id}/branches/{branch_id}",
    operation_id = "OBPv3.0.0-getBranch",
    anonymous,
    tag = "Branch",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("branch_id" = String, Path, description = "BRANCH_ID")
    ),
    responses(
        (status = 200, description = "BranchJsonV300", body = BranchJsonV300),
        (status = 404, description = "OBP-30001, OBP-300010", body = ErrorBody)
    )
)]
pub async fn get_branch(
    auth: Authorized<GetBranch>,
    state: web::Data<AppState>,
    path: web::Path<BranchPath>,
) -> ApiResult<web::Json<BranchJsonV300>> {
    let b = refdata::branch(&state, &auth.ctx, &path.bank_id, &path.branch_id).await?;
    Ok(web::Json(b.into()))
}

/// Delete Branch
///
/// Deletes a branch (`CanDeleteBranch` or `CanDeleteBranchAtAnyBank`); answers `true`.
#[endpoint(
    DELETE "/banks/{bank_id}/branches/{branch_id}",
    operation_id = "OBPv3.1.0-deleteBranch",
    login,
    roles = [role::CAN_DELETE_BRANCH, role::CAN_DELETE_BRANCH_AT_ANY_BANK],
    roles_in_handler,
    tag = "Branch",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("branch_id" = String, Path, description = "BRANCH_ID")
    ),
    responses(
        (status = 200, description = "`true`", body = bool),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-300010", body = ErrorBody)
    )
)]
pub async fn delete_branch(
    auth: Authorized<DeleteBranch>,
    state: web::Data<AppState>,
    path: web::Path<BranchPath>,
) -> ApiResult<web::Json<bool>> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let done = refdata::delete_branch(&state, &auth.ctx, &bank_id, &path.branch_id).await?;
    Ok(web::Json(done))
}
