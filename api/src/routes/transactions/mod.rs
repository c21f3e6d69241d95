//! Transactions (read), double-entry records and historical transactions, with the
//! transaction's sub-resources: [`metadata`] (narrative, comments, tags, images, where tag,
//! through a view) and [`attributes`] (typed attributes, core banking data).
//!
//! The list pages in SQL (`limit`, `offset`, `from_date`, `to_date`, `sort_direction`, also
//! `obp_`-prefixed) and moderates each row through the caller's view, with the page's stored
//! metadata and attributes ([`crate::service::transactions`]). Historical transactions book a
//! transfer between two accounts of the bank; the funds check is not skipped, but settlement
//! accounts may go negative (how money enters the platform).

use actix_web::{get, post, web, HttpResponse};
use obp_domain::role::{
    CAN_CREATE_HISTORICAL_TRANSACTION_AT_BANK, CAN_GET_DOUBLE_ENTRY_TRANSACTION_AT_ANY_BANK,
    CAN_GET_DOUBLE_ENTRY_TRANSACTION_AT_ONE_BANK,
};

use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::moderation::{
    TransactionJson, TransactionJson121, TransactionsJson, TransactionsJson121,
};
use crate::paths::{AccountPath, AccountViewPath, BankPath, TransactionPath};
use crate::service::transactions;
use crate::state::AppState;
use crate::versioned::Shapes;

mod attributes;
mod json;
mod metadata;
pub use json::*;

/// The transactions list per version: v1.2.1's `TransactionsJSON` up to v2.2.0,
/// `TransactionsJsonV300` (with `transaction_attributes`) from v3.0.0.
pub static GET_TRANSACTIONS_SHAPES: Shapes<TransactionsJson> = Shapes::new(&[
    ("v1.2.1", |list| {
        HttpResponse::Ok().json(TransactionsJson121 {
            transactions: list.transactions.into_iter().map(Into::into).collect(),
        })
    }),
    ("v3.0.0", |list| HttpResponse::Ok().json(list)),
]);

/// One transaction per version: v1.2.1's `TransactionJSON` up to v3.0.0 (OBP's v3.0.0 kept
/// the v1.2.1 endpoint), `TransactionJsonV300` (with `transaction_attributes`) from v3.1.0.
pub static GET_TRANSACTION_SHAPES: Shapes<TransactionJson> = Shapes::new(&[
    ("v1.2.1", |t| {
        HttpResponse::Ok().json(TransactionJson121::from(t))
    }),
    ("v3.1.0", |t| HttpResponse::Ok().json(t)),
]);

/// Get Transactions for Account (Full)
///
/// A page of the account's transactions through the view, newest first by default.
/// Query: `limit` (50), `offset` (0), `from_date`, `to_date`, `sort_direction` (`ASC`/`DESC`),
/// also `obp_`-prefixed. Anonymous callers only through public views (`allow_public_views`).
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/{view_id}/transactions",
    operation_id = "OBPv3.0.0-getTransactionsForBankAccount",
    anonymous,
    shapes = GET_TRANSACTIONS_SHAPES,
    tag = "Transaction",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path),
        ("limit" = Option<u32>, Query), ("offset" = Option<u64>, Query),
        ("from_date" = Option<String>, Query), ("to_date" = Option<String>, Query),
        ("sort_direction" = Option<String>, Query)),
    responses(
        (status = 200, description = "Transactions", body = TransactionsJson),
        (status = 400, description = "OBP-10023..10026 bad query", body = ErrorBody),
        (status = 403, description = "OBP-20017", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30005", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_transactions_for_bank_account(
    auth: Authorized<GetTransactionsForBankAccount>,
    state: web::Data<AppState>,
    path: web::Path<AccountViewPath>,
    query: web::Query<Vec<(String, String)>>,
) -> ApiResult<HttpResponse> {
    let records = transactions::page(&state, &auth.ctx, &path.into_inner().into(), &query).await?;
    Ok(GET_TRANSACTIONS_SHAPES.render(auth.version, records.into()))
}

/// Get Transactions for Account (Core)
///
/// A page of the caller's account's transactions as its `owner` view shows them, without
/// metadata; only a holder of the `owner` view may read them. Query as for the full list
/// (`limit`, `offset`, `from_date`, `to_date` as `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`,
/// `sort_direction`).
#[endpoint(
    GET "/my/banks/{bank_id}/accounts/{account_id}/transactions",
    operation_id = "OBPv3.0.0-getCoreTransactionsForBankAccount",
    login,
    tag = "Transaction",
    params(("bank_id" = String, Path), ("account_id" = String, Path),
        ("limit" = Option<u32>, Query), ("offset" = Option<u64>, Query),
        ("from_date" = Option<String>, Query), ("to_date" = Option<String>, Query),
        ("sort_direction" = Option<String>, Query)),
    responses(
        (status = 200, description = "Transactions", body = CoreTransactionsJson),
        (status = 400, description = "OBP-20019 no owner view; OBP-10023..10026 bad query", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_core_transactions_for_bank_account(
    auth: Authorized<GetCoreTransactionsForBankAccount>,
    state: web::Data<AppState>,
    path: web::Path<AccountPath>,
    query: web::Query<Vec<(String, String)>>,
) -> ApiResult<web::Json<CoreTransactionsJson>> {
    let user = auth.user()?;
    let records = transactions::core_page(
        &state,
        &auth.ctx,
        &user.user_id,
        &path.bank_id,
        &path.account_id,
        &query,
    )
    .await?;
    Ok(web::Json(records.into()))
}

/// Get Transaction by Id
///
/// One transaction of the account through the view.
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/{view_id}/transactions/{transaction_id}/transaction",
    operation_id = "OBPv3.1.0-getTransactionByIdForBankAccount",
    anonymous,
    shapes = GET_TRANSACTION_SHAPES,
    tag = "Transaction",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path),
        ("transaction_id" = String, Path)),
    responses(
        (status = 200, description = "The transaction", body = TransactionJson),
        (status = 403, description = "OBP-20017", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30005 / OBP-30067", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_transaction_by_id_for_bank_account(
    auth: Authorized<GetTransactionByIdForBankAccount>,
    state: web::Data<AppState>,
    path: web::Path<TransactionPath>,
) -> ApiResult<HttpResponse> {
    let record = transactions::one(&state, &auth.ctx, &path.into_inner().into()).await?;
    Ok(GET_TRANSACTION_SHAPES.render(auth.version, record.into()))
}

/// Get Double Entry Transaction
///
/// The double-entry record a transaction of the account belongs to (role
/// `CanGetDoubleEntryTransactionAtOneBank` or `...AtAnyBank`, plus access to the view).
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/{view_id}/transactions/{transaction_id}/double-entry-transaction",
    operation_id = "OBPv4.0.0-getDoubleEntryTransaction",
    login,
    roles = [
        CAN_GET_DOUBLE_ENTRY_TRANSACTION_AT_ONE_BANK,
        CAN_GET_DOUBLE_ENTRY_TRANSACTION_AT_ANY_BANK
    ],
    tag = "Transaction",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path),
        ("transaction_id" = String, Path)),
    responses(
        (status = 200, description = "The record", body = DoubleEntryTransactionJson),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006 / OBP-20017", body = ErrorBody),
        (status = 404, description = "OBP-30067 / OBP-30087", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_double_entry_transaction(
    auth: Authorized<GetDoubleEntryTransaction>,
    state: web::Data<AppState>,
    path: web::Path<TransactionPath>,
) -> ApiResult<web::Json<DoubleEntryTransactionJson>> {
    let d = transactions::double_entry(&state, &auth.ctx, &path.into_inner().into()).await?;
    Ok(web::Json(d.into()))
}

/// Create Historical Transaction at Bank
///
/// Books a past transfer between two accounts of the bank (role
/// `CanCreateHistoricalTransactionAtBank`). Ordinary payers need the funds; settlement
/// accounts may go negative.
#[endpoint(
    POST "/banks/{bank_id}/management/historical/transactions",
    operation_id = "OBPv4.0.0-createHistoricalTransactionAtBank",
    login,
    roles = [CAN_CREATE_HISTORICAL_TRANSACTION_AT_BANK],
    tag = "Transaction",
    request_body = PostHistoricalTransactionAtBankJson,
    params(("bank_id" = String, Path)),
    responses(
        (status = 201, description = "Booked", body = PostHistoricalTransactionResponseJson),
        (status = 400, description = "OBP-10001 / OBP-40003 / OBP-40008 / OBP-40013 / OBP-40051", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn create_historical_transaction_at_bank(
    auth: Authorized<CreateHistoricalTransactionAtBank>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
    body: web::Json<PostHistoricalTransactionAtBankJson>,
) -> ApiResult<HttpResponse> {
    let booking =
        transactions::create_historical(&state, &auth.ctx, &path.bank_id, body.into_inner().into())
            .await?;
    Ok(HttpResponse::Created().json(PostHistoricalTransactionResponseJson::from(booking)))
}
