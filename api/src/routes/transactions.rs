//! Transactions (read), double-entry records and historical transactions.
//!
//! The list pages in SQL (`limit`, `offset`, `from_date`, `to_date`, `sort_direction`, also
//! `obp_`-prefixed) and moderates each row through the caller's view. Stored metadata comes
//! in one query per page; transaction attributes in one connector call per page
//! (`getTransactionAttributesByTransactionIds`; connectors without it fall back to OBP's
//! per-transaction `getTransactionAttributes`).
//!
//! Historical transactions (`POST /banks/BANK_ID/management/historical/transactions`) book a
//! transfer between two accounts of the bank through `Connector::make_historical_payment`.
//! The funds check is NOT skipped: an ordinary account cannot go below its overdraft limit;
//! settlement accounts (e.g. `OBP-INCOMING-SETTLEMENT-ACCOUNT`) may go negative by the
//! ledger's rule, which is how money enters the platform (and how tests fund accounts).

use std::collections::HashMap;

use actix_web::{get, post, web, HttpResponse};
use obp_domain::account::{BankAccount, Booking, LegDetails, OtherParty, Transaction};
use obp_domain::bank::Bank;
use obp_domain::charge::ChargePolicy;
use obp_domain::context::CallContext;
use obp_domain::ids::{AccountId, BankId};
use obp_domain::ledger::BalancedEntry;
use obp_domain::moderation::{
    metadata_shown, moderate_transaction, shows_transaction, visible_transactions,
};
use obp_domain::money::Money;
use obp_domain::query::{parse_obp_date, OffsetLimitQuery};
use obp_domain::role::{
    CAN_CREATE_HISTORICAL_TRANSACTION_AT_BANK, CAN_GET_DOUBLE_ENTRY_TRANSACTION_AT_ANY_BANK,
    CAN_GET_DOUBLE_ENTRY_TRANSACTION_AT_ONE_BANK,
};
use obp_domain::view::ViewDefinition;
use obp_domain::ErrorCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::access::{require_account, require_account_view, require_bank};
use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::json::obp_date;
use crate::json::AmountBody;
use crate::moderation::{transaction_json, AmountJson, TransactionJson, TransactionMetadata};
use crate::routes::transaction_attributes::load_attributes;
use crate::routes::transaction_metadata::load_metadata;
use crate::state::AppState;

/// Path of an account through a view.
#[derive(Debug, Deserialize)]
pub struct AccountViewPath {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// VIEW_ID.
    pub view_id: String,
}

/// Path of a transaction through a view.
#[derive(Debug, Deserialize)]
pub struct TransactionPath {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// VIEW_ID.
    pub view_id: String,
    /// TRANSACTION_ID.
    pub transaction_id: String,
}

/// `{transactions: [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionsJson {
    /// Transactions.
    pub transactions: Vec<TransactionJson>,
}

/// Get Transactions for Account (Full)
///
/// A page of the account's transactions through the view, newest first by default.
/// Query: `limit` (50), `offset` (0), `from_date`, `to_date`, `sort_direction` (`ASC`/`DESC`),
/// also `obp_`-prefixed. Anonymous callers only through public views (`allow_public_views`).
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/{view_id}/transactions",
    operation_id = "OBPv3.0.0-getTransactionsForBankAccount",
    anonymous,
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
) -> ApiResult<web::Json<TransactionsJson>> {
    let p = path.into_inner();
    let (account, view) =
        require_account_view(&state, &auth.ctx, &p.bank_id, &p.account_id, &p.view_id).await?;
    let q = OffsetLimitQuery::from_pairs(query.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    let bank = require_bank(&state, &auth.ctx, &p.bank_id).await?;
    let txs = state
        .connector
        .get_transactions(&auth.ctx, &account.bank_id, &account.account_id, &q)
        .await?;
    let txs = visible_transactions(&view, txs);
    let transactions =
        moderate_transactions(&state, &auth.ctx, &account, &bank, &view, &txs).await?;
    Ok(web::Json(TransactionsJson { transactions }))
}

/// Moderates a page of the account's transactions through `view` with their stored metadata
/// and attributes (one metadata query and one attribute call for the page).
///
/// # Errors
/// A database or connector failure.
pub async fn moderate_transactions(
    state: &AppState,
    ctx: &CallContext,
    account: &BankAccount,
    bank: &Bank,
    view: &ViewDefinition,
    txs: &[Transaction],
) -> ApiResult<Vec<TransactionJson>> {
    let ids: Vec<String> = txs.iter().map(|t| t.id.clone()).collect();
    let metadata = if metadata_shown(view).is_some() {
        load_metadata(state, account, &ids, view).await?
    } else {
        HashMap::new()
    };
    let attributes = load_attributes(state, ctx, &account.bank_id, &ids).await?;
    let none = TransactionMetadata::default();
    Ok(txs
        .iter()
        .map(|t| {
            transaction_json(
                moderate_transaction(view, t, account, bank),
                metadata.get(&t.id).unwrap_or(&none),
                attributes.get(&t.id).map(Vec::as_slice).unwrap_or_default(),
            )
        })
        .collect())
}

/// Get Transaction by Id
///
/// One transaction of the account through the view.
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/{view_id}/transactions/{transaction_id}/transaction",
    operation_id = "OBPv3.1.0-getTransactionByIdForBankAccount",
    anonymous,
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
) -> ApiResult<web::Json<TransactionJson>> {
    let p = path.into_inner();
    let (account, view) =
        require_account_view(&state, &auth.ctx, &p.bank_id, &p.account_id, &p.view_id).await?;
    let bank = require_bank(&state, &auth.ctx, &p.bank_id).await?;
    let tx = state
        .connector
        .get_transaction(
            &auth.ctx,
            &account.bank_id,
            &account.account_id,
            &p.transaction_id,
        )
        .await?;
    if !shows_transaction(&view, &tx) {
        return Err(ApiError::new(ErrorCode::TransactionNotFound));
    }
    let mut one = moderate_transactions(
        &state,
        &auth.ctx,
        &account,
        &bank,
        &view,
        std::slice::from_ref(&tx),
    )
    .await?;
    one.pop()
        .map(web::Json)
        .ok_or_else(|| ApiError::new(ErrorCode::TransactionNotFound))
}

/// `{bank_id, account_id, transaction_id}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionBankAccountJson {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// TRANSACTION_ID.
    pub transaction_id: String,
}

/// `{bank_id, account_id, transaction_request_id}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionRequestBankAccountJson {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// TRANSACTION_REQUEST_ID.
    pub transaction_request_id: String,
}

/// `DoubleEntryTransactionJson`.
#[derive(Debug, Serialize, ToSchema)]
pub struct DoubleEntryTransactionJson {
    /// The transaction request, `null` for historical bookings.
    pub transaction_request: Option<TransactionRequestBankAccountJson>,
    /// The debit leg.
    pub debit_transaction: TransactionBankAccountJson,
    /// The credit leg.
    pub credit_transaction: TransactionBankAccountJson,
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
    let p = path.into_inner();
    let (account, _view) =
        require_account_view(&state, &auth.ctx, &p.bank_id, &p.account_id, &p.view_id).await?;
    state
        .connector
        .get_transaction(
            &auth.ctx,
            &account.bank_id,
            &account.account_id,
            &p.transaction_id,
        )
        .await?;
    let d = state
        .connector
        .get_double_entry_book_transaction(&auth.ctx, &account.bank_id, &p.transaction_id)
        .await?;
    let leg = |(b, a, t): (BankId, AccountId, String)| TransactionBankAccountJson {
        bank_id: b.into_inner(),
        account_id: a.into_inner(),
        transaction_id: t,
    };
    Ok(web::Json(DoubleEntryTransactionJson {
        transaction_request: d.transaction_request.map(|(b, a, t)| {
            TransactionRequestBankAccountJson {
                bank_id: b.into_inner(),
                account_id: a.into_inner(),
                transaction_request_id: t,
            }
        }),
        debit_transaction: leg(d.debit),
        credit_transaction: leg(d.credit),
    }))
}

/// `PostHistoricalTransactionAtBankJson`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostHistoricalTransactionAtBankJson {
    /// Payer account at the bank.
    pub from_account_id: String,
    /// Payee account at the bank.
    pub to_account_id: String,
    /// Positive amount in the payer's currency.
    pub value: AmountBody,
    /// Description.
    pub description: String,
    /// Posted date, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    pub posted: String,
    /// Completed date.
    pub completed: String,
    /// Transaction type.
    #[serde(rename = "type")]
    pub transaction_type: String,
    /// `SHARED`, `SENDER` or `RECEIVER`.
    pub charge_policy: String,
}

/// `{bank_id, account_id}` of a historical transaction side.
#[derive(Debug, Serialize, ToSchema)]
pub struct HistoricalTransactionAccountJson {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
}

/// `PostHistoricalTransactionResponseJson`.
#[derive(Debug, Serialize, ToSchema)]
pub struct PostHistoricalTransactionResponseJson {
    /// The debit leg's id.
    pub transaction_id: String,
    /// Payer.
    pub from: HistoricalTransactionAccountJson,
    /// Payee.
    pub to: HistoricalTransactionAccountJson,
    /// Amount.
    pub value: AmountJson,
    /// Description.
    pub description: String,
    /// Posted.
    pub posted: String,
    /// Completed.
    pub completed: String,
    /// Type.
    pub transaction_request_type: String,
    /// Charge policy.
    pub charge_policy: String,
}

/// Account path of the historical transaction endpoint.
#[derive(Debug, Deserialize)]
pub struct BankPath {
    /// BANK_ID.
    pub bank_id: String,
}

fn body_date(field: &str, s: &str) -> ApiResult<chrono::DateTime<chrono::Utc>> {
    parse_obp_date(s).ok_or_else(|| {
        ApiError::with_detail(
            ErrorCode::InvalidJsonFormat,
            format!("{field}: Invalid Date Format. Use yyyy-MM-dd'T'HH:mm:ss'Z'."),
        )
    })
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
    let b = body.into_inner();
    let from = require_account(&state, &auth.ctx, &path.bank_id, &b.from_account_id).await?;
    let to = require_account(&state, &auth.ctx, &path.bank_id, &b.to_account_id).await?;
    let amount = Money::parse_with_code(&b.value.amount, &b.value.currency)?;
    if !amount.is_positive() {
        return Err(ApiError::new(ErrorCode::NotPositiveAmount));
    }
    if amount.currency() != from.currency() || amount.currency() != to.currency() {
        return Err(ApiError::new(ErrorCode::InvalidTransactionRequestCurrency));
    }
    let charge_policy: ChargePolicy = b.charge_policy.parse()?;
    let posted = body_date("posted", &b.posted)?;
    let completed = body_date("completed", &b.completed)?;
    let entry = BalancedEntry::transfer(from.reference(), to.reference(), amount)?;
    let other = |a: &obp_domain::account::BankAccount| OtherParty {
        bank_id: Some(a.bank_id.as_str().to_owned()),
        account_id: Some(a.account_id.as_str().to_owned()),
        holder: Some(a.holder_name.clone()).filter(|h| !h.is_empty()),
        routing_scheme: a.routings.first().map(|r| r.scheme.clone()),
        routing_address: a.routings.first().map(|r| r.address.clone()),
        counterparty_id: None,
    };
    let booking = Booking {
        entry,
        details: vec![
            LegDetails { other: other(&to) },
            LegDetails {
                other: other(&from),
            },
        ],
        transaction_type: b.transaction_type.clone(),
        description: b.description.clone(),
        posted,
        completed,
        transaction_request: None,
        charge_policy: Some(charge_policy),
        skip_funds_check: false,
    };
    let legs = state
        .connector
        .make_historical_payment(&auth.ctx, booking)
        .await?;
    let transaction_id = legs.first().map(|t| t.id.clone()).unwrap_or_default();
    Ok(
        HttpResponse::Created().json(PostHistoricalTransactionResponseJson {
            transaction_id,
            from: HistoricalTransactionAccountJson {
                bank_id: from.bank_id.as_str().to_owned(),
                account_id: from.account_id.as_str().to_owned(),
            },
            to: HistoricalTransactionAccountJson {
                bank_id: to.bank_id.as_str().to_owned(),
                account_id: to.account_id.as_str().to_owned(),
            },
            value: (&amount).into(),
            description: b.description,
            posted: obp_date(posted),
            completed: obp_date(completed),
            transaction_request_type: b.transaction_type,
            charge_policy: charge_policy.as_str().to_owned(),
        }),
    )
}
