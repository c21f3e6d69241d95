//! The account firehose (OBP v4.0.0 `getFirehoseAccountsAtOneBank`, v3.0.0
//! `getFirehoseTransactionsForBankAccount`): bulk reads of every account of a bank, and of an
//! account's transactions, through a system view with `is_firehose`.
//!
//! Off unless `allow_account_firehose` is set (400 OBP-00009); the rules (roles, views,
//! attribute filters) are in [`crate::service::firehose`].

use actix_web::{get, web};
use obp_domain::role::{CAN_USE_ACCOUNT_FIREHOSE, CAN_USE_ACCOUNT_FIREHOSE_AT_ANY_BANK};
use serde::Deserialize;

use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::{Authorized, Endpoint};
use crate::moderation::TransactionsJson;
use crate::paths::AccountViewPath;
use crate::service::firehose;
use crate::state::AppState;

mod json;
pub use json::*;

/// Path of the firehose accounts endpoint.
#[derive(Debug, Deserialize)]
pub struct FirehoseAccountsPath {
    /// BANK_ID.
    pub bank_id: String,
    /// VIEW_ID (a firehose system view).
    pub view_id: String,
}

/// Get Firehose Accounts at Bank
///
/// Every account of the bank through a firehose system view (`is_firehose`), moderated by it.
/// Needs `allow_account_firehose` (else 400 OBP-00009) and `CanUseAccountFirehoseAtAnyBank`
/// or `CanUseAccountFirehose`. Other query parameters filter by account attribute
/// (`?NAME=VALUE`); then each account lists its `account_attributes`.
#[endpoint(
    GET "/banks/{bank_id}/firehose/accounts/views/{view_id}",
    operation_id = "OBPv4.0.0-getFirehoseAccountsAtOneBank",
    login,
    roles = [
        CAN_USE_ACCOUNT_FIREHOSE_AT_ANY_BANK,
        CAN_USE_ACCOUNT_FIREHOSE
    ],
    tag = "Account-Firehose",
    params(("bank_id" = String, Path), ("view_id" = String, Path)),
    responses((status = 200, description = "Accounts", body = ModeratedFirehoseAccountsJson),
        (status = 400, description = "OBP-00009", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006 / OBP-20017", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody))
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_firehose_accounts_at_one_bank(
    auth: Authorized<GetFirehoseAccountsAtOneBank>,
    state: web::Data<AppState>,
    path: web::Path<FirehoseAccountsPath>,
    query: web::Query<Vec<(String, String)>>,
) -> ApiResult<web::Json<ModeratedFirehoseAccountsJson>> {
    let p = path.into_inner();
    let accounts = firehose::accounts(&state, &auth.ctx, &p.bank_id, &p.view_id, &query).await?;
    Ok(web::Json(ModeratedFirehoseAccountsJson {
        accounts: accounts.into_iter().map(Into::into).collect(),
    }))
}

/// Get Firehose Transactions for Account
///
/// A page of the account's transactions through the view (a firehose system view, or one the
/// caller holds), with the usual paging parameters. Needs `allow_account_firehose` (else 400
/// OBP-00009) and `CanUseAccountFirehoseAtAnyBank` or `CanUseAccountFirehose`. Other query
/// parameters keep the transactions of the page with a matching transaction attribute.
#[endpoint(
    GET "/banks/{bank_id}/firehose/accounts/{account_id}/views/{view_id}/transactions",
    operation_id = "OBPv3.0.0-getFirehoseTransactionsForBankAccount",
    login,
    roles = [
        CAN_USE_ACCOUNT_FIREHOSE_AT_ANY_BANK,
        CAN_USE_ACCOUNT_FIREHOSE
    ],
    roles_in_handler,
    tag = "Account-Firehose",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path),
        ("limit" = Option<u32>, Query), ("offset" = Option<u64>, Query),
        ("from_date" = Option<String>, Query), ("to_date" = Option<String>, Query),
        ("sort_direction" = Option<String>, Query)),
    responses((status = 200, description = "Transactions", body = TransactionsJson),
        (status = 400, description = "OBP-00009 / OBP-10023..10026", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006 / OBP-20017", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30005", body = ErrorBody))
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_firehose_transactions_for_bank_account(
    auth: Authorized<GetFirehoseTransactionsForBankAccount>,
    state: web::Data<AppState>,
    path: web::Path<AccountViewPath>,
    query: web::Query<Vec<(String, String)>>,
) -> ApiResult<web::Json<TransactionsJson>> {
    let records = firehose::transactions(
        &state,
        &auth.ctx,
        GetFirehoseTransactionsForBankAccount::GUARD.roles,
        &path.into_inner().into(),
        &query,
    )
    .await?;
    Ok(web::Json(records.into()))
}
