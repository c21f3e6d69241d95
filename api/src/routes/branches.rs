//! Branches (`/banks/BANK_ID/branches`), OBP v3.0.0/v3.1.0 shapes.
//!
//! The body is `BranchJsonV300`; `id`, `bank_id` and `name` are checked, the other fields
//! (address, location, meta, lobby, drive_up, branch_routing, ...) are stored and answered
//! as sent. Reads are anonymous unless `public_branches` is false.

use actix_web::{delete, get, post, web, HttpResponse};
use obp_domain::refdata::{parse_ref_id, Branch};
use obp_domain::{role, ErrorCode};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::access::{bank_then_roles, require_bank_id};
use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::state::AppState;

/// Path with a bank.
#[derive(Debug, Deserialize)]
pub struct BankPath {
    /// BANK_ID.
    pub bank_id: String,
}

/// Path with a bank and a branch.
#[derive(Debug, Deserialize)]
pub struct BranchPath {
    /// BANK_ID.
    pub bank_id: String,
    /// BRANCH_ID.
    pub branch_id: String,
}

fn invalid(detail: &str) -> ApiError {
    ApiError::with_detail(ErrorCode::InvalidJsonFormat, detail)
}

fn text_field(body: &Map<String, Value>, name: &str) -> ApiResult<String> {
    body.get(name)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| invalid(&format!("BranchJsonV300: `{name}` must be a string")))
}

fn to_json(b: Branch) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), Value::String(b.branch_id));
    m.insert("bank_id".into(), Value::String(b.bank_id.into_inner()));
    m.insert("name".into(), Value::String(b.name));
    for (k, v) in b.details {
        m.entry(k).or_insert(v);
    }
    Value::Object(m)
}

fn branches_readable<E>(auth: &Authorized<E>, state: &AppState) -> ApiResult<()> {
    if !state.settings.public_branches {
        auth.user()?;
    }
    Ok(())
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
    request_body(content = Object, description = "BranchJsonV300"),
    responses(
        (status = 201, description = "BranchJsonV300", body = Object),
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
    let mut details = body.into_inner();
    let id = parse_ref_id(text_field(&details, "id")?)
        .map_err(|_| invalid("BranchJsonV300: `id` is not a valid BRANCH_ID"))?;
    if text_field(&details, "bank_id")? != bank_id.as_str() {
        return Err(invalid("BANK_ID has to be the same in the URL and Body"));
    }
    let name = text_field(&details, "name")?;
    for k in ["id", "bank_id", "name"] {
        details.remove(k);
    }
    let branch = Branch {
        bank_id,
        branch_id: id,
        name,
        details,
    };
    let b = state
        .connector
        .create_or_update_branch(&auth.ctx, branch)
        .await?;
    Ok(HttpResponse::Created().json(to_json(b)))
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
        (status = 200, description = "BranchesJsonV300", body = Object),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
pub async fn get_branches(
    auth: Authorized<GetBranches>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
) -> ApiResult<web::Json<Value>> {
    branches_readable(&auth, &state)?;
    let bank_id = require_bank_id(&state, &auth.ctx, &path.bank_id).await?;
    let list = state.connector.get_branches(&auth.ctx, &bank_id).await?;
    Ok(web::Json(serde_json::json!({
        "branches": list.into_iter().map(to_json).collect::<Vec<_>>()
    })))
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
        (status = 200, description = "BranchJsonV300", body = Object),
        (status = 404, description = "OBP-30001, OBP-300010", body = ErrorBody)
    )
)]
pub async fn get_branch(
    auth: Authorized<GetBranch>,
    state: web::Data<AppState>,
    path: web::Path<BranchPath>,
) -> ApiResult<web::Json<Value>> {
    branches_readable(&auth, &state)?;
    let bank_id = require_bank_id(&state, &auth.ctx, &path.bank_id).await?;
    let b = state
        .connector
        .get_branch(&auth.ctx, &bank_id, &path.branch_id)
        .await?;
    Ok(web::Json(to_json(b)))
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
    let done = state
        .connector
        .delete_branch(&auth.ctx, &bank_id, &path.branch_id)
        .await?;
    Ok(web::Json(done))
}
