//! Reference data of a bank: branches and ATMs.
//!
//! A branch or ATM is a record of OBP fields of which `id`, `bank_id` and `name` are
//! checked; the others (address, location, meta, opening times, ...) are kept as sent, in the
//! record's `details` (domain [`Branch`] / [`Atm`]). The record therefore arrives as the
//! free-form map it is, and the checks read it in OBP's order: `id` (a string, a valid id),
//! `bank_id` (a string, the path's bank), `name` (a string).
//!
//! Reads are anonymous unless the instance's `public_branches` / `public_atms` is false; the
//! bank is then checked (404 OBP-30001). Writes take the bank already checked with the
//! caller's roles (the route does that through [`crate::access::bank_then_roles`]).

use obp_domain::context::CallContext;
use obp_domain::ids::BankId;
use obp_domain::refdata::{parse_ref_id, Atm, Branch};
use obp_domain::ErrorCode;
use serde_json::{Map, Value};

use crate::access::require_bank_id;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// A record as sent: OBP's fields by name.
pub type Record = Map<String, Value>;

fn text_field(
    body: &Record,
    name: &str,
    invalid: impl Fn(&str) -> ApiError,
    what: impl Fn(&str) -> String,
) -> ApiResult<String> {
    body.get(name)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| invalid(&what(name)))
}

/// The caller may read when the data is public, or when logged in (401 OBP-20001); shared
/// with the products, which the instance publishes the same way.
///
/// # Errors
/// 401 OBP-20001.
pub fn readable(public: bool, ctx: &CallContext) -> ApiResult<()> {
    if !public && ctx.user().is_none() {
        return Err(ApiError::new(ErrorCode::UserNotLoggedIn));
    }
    Ok(())
}

// ------------------------------------------------------------------ branches

fn invalid_branch(detail: &str) -> ApiError {
    ApiError::with_detail(ErrorCode::InvalidJsonFormat, detail)
}

/// The branch of a `BranchJsonV300` record: `id` and `name` strings, `bank_id` the path's
/// (400 OBP-10001 otherwise).
fn branch_from_record(bank_id: BankId, mut details: Record) -> ApiResult<Branch> {
    let what = |name: &str| format!("BranchJsonV300: `{name}` must be a string");
    let id = parse_ref_id(text_field(&details, "id", invalid_branch, what)?)
        .map_err(|_| invalid_branch("BranchJsonV300: `id` is not a valid BRANCH_ID"))?;
    if text_field(&details, "bank_id", invalid_branch, what)? != bank_id.as_str() {
        return Err(invalid_branch(
            "BANK_ID has to be the same in the URL and Body",
        ));
    }
    let name = text_field(&details, "name", invalid_branch, what)?;
    for k in ["id", "bank_id", "name"] {
        details.remove(k);
    }
    Ok(Branch {
        bank_id,
        branch_id: id,
        name,
        details,
    })
}

/// Creates or replaces a branch of the bank from its record.
///
/// # Errors
/// 400 OBP-10001, a connector failure.
pub async fn save_branch(
    state: &AppState,
    ctx: &CallContext,
    bank_id: BankId,
    record: Record,
) -> ApiResult<Branch> {
    let branch = branch_from_record(bank_id, record)?;
    Ok(state.connector.create_or_update_branch(ctx, branch).await?)
}

/// The bank's branches, ordered by id.
///
/// # Errors
/// 401 OBP-20001 (not public, anonymous), 404 OBP-30001, a connector failure.
pub async fn branches(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
) -> ApiResult<Vec<Branch>> {
    readable(state.settings.public_branches, ctx)?;
    let bank_id = require_bank_id(state, ctx, bank_id).await?;
    Ok(state.connector.get_branches(ctx, &bank_id).await?)
}

/// One branch of the bank; 404 OBP-300010 when none.
///
/// # Errors
/// 401 OBP-20001 (not public, anonymous), 404 OBP-30001, 404 OBP-300010, a connector failure.
pub async fn branch(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    branch_id: &str,
) -> ApiResult<Branch> {
    readable(state.settings.public_branches, ctx)?;
    let bank_id = require_bank_id(state, ctx, bank_id).await?;
    Ok(state.connector.get_branch(ctx, &bank_id, branch_id).await?)
}

/// Deletes a branch of the bank; whether one was deleted.
///
/// # Errors
/// A connector failure.
pub async fn delete_branch(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    branch_id: &str,
) -> ApiResult<bool> {
    Ok(state
        .connector
        .delete_branch(ctx, bank_id, branch_id)
        .await?)
}

// ------------------------------------------------------------------ ATMs

fn invalid_atm(detail: &str) -> ApiError {
    ApiError::with_detail(
        ErrorCode::InvalidJsonFormat,
        format!("The Json body should be the AtmJsonV510 {detail}"),
    )
}

/// The ATM of an `AtmJsonV510` record; `id` is the path's on update (`id_from_path`).
/// `id` and `name` must be strings (400 OBP-10001), `bank_id` the path's (400 OBP-10035).
fn atm_from_record(
    bank_id: BankId,
    mut details: Record,
    id_from_path: Option<&str>,
) -> ApiResult<Atm> {
    let what = |name: &str| format!("(`{name}` must be a string)");
    let id = match id_from_path {
        Some(id) => id.to_owned(),
        None => text_field(&details, "id", invalid_atm, what)?,
    };
    let id = parse_ref_id(id).map_err(|_| invalid_atm("(`id` is not a valid ATM_ID)"))?;
    if text_field(&details, "bank_id", invalid_atm, what)? != bank_id.as_str() {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidJsonValue,
            "BANK_ID has to be the same in the URL and Body",
        ));
    }
    let name = text_field(&details, "name", invalid_atm, what)?;
    for k in ["id", "bank_id", "name", "attributes"] {
        details.remove(k);
    }
    Ok(Atm {
        bank_id,
        atm_id: id,
        name,
        details,
    })
}

/// Creates or replaces an ATM of the bank from its record.
///
/// # Errors
/// 400 OBP-10001, 400 OBP-10035, a connector failure.
pub async fn create_atm(
    state: &AppState,
    ctx: &CallContext,
    bank_id: BankId,
    record: Record,
) -> ApiResult<Atm> {
    let atm = atm_from_record(bank_id, record, None)?;
    Ok(state.connector.create_or_update_atm(ctx, atm).await?)
}

/// Replaces an existing ATM of the bank (404 OBP-30009 when none); the id is the path's.
///
/// # Errors
/// 404 OBP-30009, 400 OBP-10001, 400 OBP-10035, a connector failure.
pub async fn update_atm(
    state: &AppState,
    ctx: &CallContext,
    bank_id: BankId,
    atm_id: &str,
    record: Record,
) -> ApiResult<Atm> {
    state.connector.get_atm(ctx, &bank_id, atm_id).await?;
    let atm = atm_from_record(bank_id, record, Some(atm_id))?;
    Ok(state.connector.create_or_update_atm(ctx, atm).await?)
}

/// The bank's ATMs, ordered by id.
///
/// # Errors
/// 401 OBP-20001 (not public, anonymous), 404 OBP-30001, a connector failure.
pub async fn atms(state: &AppState, ctx: &CallContext, bank_id: &str) -> ApiResult<Vec<Atm>> {
    readable(state.settings.public_atms, ctx)?;
    let bank_id = require_bank_id(state, ctx, bank_id).await?;
    Ok(state.connector.get_atms(ctx, &bank_id).await?)
}

/// One ATM of the bank; 404 OBP-30009 when none.
///
/// # Errors
/// 401 OBP-20001 (not public, anonymous), 404 OBP-30001, 404 OBP-30009, a connector failure.
pub async fn atm(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    atm_id: &str,
) -> ApiResult<Atm> {
    readable(state.settings.public_atms, ctx)?;
    let bank_id = require_bank_id(state, ctx, bank_id).await?;
    Ok(state.connector.get_atm(ctx, &bank_id, atm_id).await?)
}

/// Deletes an ATM of the bank.
///
/// # Errors
/// 404 OBP-30009, a connector failure.
pub async fn delete_atm(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    atm_id: &str,
) -> ApiResult<()> {
    state.connector.delete_atm(ctx, bank_id, atm_id).await?;
    Ok(())
}
