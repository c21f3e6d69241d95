//! Transactions (read), double-entry records and historical transactions.
//!
//! A page of an account's transactions is read in SQL (`limit`, `offset`, `from_date`,
//! `to_date`, `sort_direction`, also `obp_`-prefixed) and moderated row by row through the
//! caller's view. Stored metadata comes in one query per page; transaction attributes in one
//! connector call per page (`getTransactionAttributesByTransactionIds`; connectors without it
//! fall back to OBP's per-transaction `getTransactionAttributes`).
//!
//! Historical transactions book a transfer between two accounts of the bank through
//! `Connector::make_historical_payment`. The funds check is NOT skipped: an ordinary account
//! cannot go below its overdraft limit; settlement accounts (e.g.
//! `OBP-INCOMING-SETTLEMENT-ACCOUNT`) may go negative by the ledger's rule, which is how
//! money enters the platform (and how tests fund accounts).
//!
//! The sub-resources of a transaction have their own modules: [`metadata`] (narrative,
//! comments, tags, images, where tag, through a view) and [`attributes`] (typed attributes,
//! core banking data).

pub mod attributes;
pub mod metadata;
mod viewed;

pub use viewed::{ViewedAccount, ViewedTransaction};

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use obp_domain::account::{
    BankAccount, Booking, DoubleEntryTransaction, LegDetails, OtherParty, Transaction,
    TransactionAttribute,
};
use obp_domain::bank::Bank;
use obp_domain::charge::ChargePolicy;
use obp_domain::context::CallContext;
use obp_domain::ledger::BalancedEntry;
use obp_domain::moderation::{
    metadata_shown, moderate_owned_transaction, moderate_this_account, shows_transaction,
    visible_transactions, ModeratedTransaction,
};
use obp_domain::money::Money;
use obp_domain::query::{parse_obp_date, OffsetLimitQuery};
use obp_domain::view::ViewDefinition;
use obp_domain::ErrorCode;

use crate::access::{require_account, require_account_view, require_bank, require_owner_view};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

use self::metadata::StoredMetadata;

/// One transaction as a view shows it: the moderated transaction, the metadata stored about
/// it through the view's metadata view (shown as far as the moderation says), and its
/// attributes.
#[derive(Debug)]
pub struct TransactionRecord {
    /// The moderated transaction.
    pub transaction: ModeratedTransaction,
    /// Its stored metadata, unmoderated (empty when the view shows no metadata).
    pub metadata: StoredMetadata,
    /// Its attributes.
    pub attributes: Vec<TransactionAttribute>,
}

/// A page of the account's transactions through the view, `query` being the request's
/// query pairs (paging and dates).
///
/// # Errors
/// The view access errors of [`require_account_view`], 400 OBP-10023..10026 for a bad query,
/// a connector or database failure.
pub async fn page(
    state: &AppState,
    ctx: &CallContext,
    at: &ViewedAccount,
    query: &[(String, String)],
) -> ApiResult<Vec<TransactionRecord>> {
    let (account, view) =
        require_account_view(state, ctx, &at.bank_id, &at.account_id, &at.view_id).await?;
    let q = OffsetLimitQuery::from_pairs(query.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    let bank = require_bank(state, ctx, &at.bank_id).await?;
    let txs = state
        .connector
        .get_transactions(ctx, &account.bank_id, &account.account_id, &q)
        .await?;
    let txs = visible_transactions(&view, txs);
    moderate_page(state, ctx, &account, &bank, &view, txs).await
}

/// A page of the account's transactions as its `owner` view shows them, with their attributes
/// and no metadata (OBP's `getCoreTransactionsForBankAccount`, account holders only). OBP's
/// order: bank, account, owner view, then the query.
///
/// # Errors
/// 404 OBP-30001 / OBP-30018, 400 OBP-20019 without the owner view, 400 OBP-10023..10026 for
/// a bad query, a connector or database failure.
pub async fn core_page(
    state: &AppState,
    ctx: &CallContext,
    user_id: &str,
    bank_id: &str,
    account_id: &str,
    query: &[(String, String)],
) -> ApiResult<Vec<TransactionRecord>> {
    let (account, view) = require_owner_view(state, ctx, user_id, bank_id, account_id).await?;
    let q = OffsetLimitQuery::from_pairs(query.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    let bank = require_bank(state, ctx, bank_id).await?;
    let txs = state
        .connector
        .get_transactions(ctx, &account.bank_id, &account.account_id, &q)
        .await?;
    let txs = visible_transactions(&view, txs);
    let ids: Vec<String> = txs.iter().map(|t| t.id.clone()).collect();
    let mut attributes = attributes::load_for_page(state, ctx, &account.bank_id, &ids).await?;
    let this_account = moderate_this_account(&view, &account, &bank);
    Ok(txs
        .into_iter()
        .map(|t| TransactionRecord {
            metadata: StoredMetadata::default(),
            attributes: attributes.remove(&t.id).unwrap_or_default(),
            transaction: moderate_owned_transaction(&view, t, this_account.clone()),
        })
        .collect())
}

/// Moderates a page of the account's transactions through `view` with their stored metadata
/// and attributes (one metadata query and one attribute call for the page).
///
/// # Errors
/// A database or connector failure.
pub async fn moderate_page(
    state: &AppState,
    ctx: &CallContext,
    account: &BankAccount,
    bank: &Bank,
    view: &ViewDefinition,
    txs: Vec<Transaction>,
) -> ApiResult<Vec<TransactionRecord>> {
    let ids: Vec<String> = txs.iter().map(|t| t.id.clone()).collect();
    // The page's metadata (platform store) and attributes (connector) are independent: both
    // queries are in flight at once, so the page waits for one round trip, not two.
    let metadata = async {
        if metadata_shown(view).is_some() {
            metadata::load_for_page(state, account, &ids, view).await
        } else {
            Ok(HashMap::new())
        }
    };
    let attributes = attributes::load_for_page(state, ctx, &account.bank_id, &ids);
    let (metadata, attributes) = tokio::join!(metadata, attributes);
    let (mut metadata, mut attributes) = (metadata?, attributes?);
    let this_account = moderate_this_account(view, account, bank);
    Ok(txs
        .into_iter()
        .map(|t| TransactionRecord {
            metadata: metadata.remove(&t.id).unwrap_or_default(),
            attributes: attributes.remove(&t.id).unwrap_or_default(),
            transaction: moderate_owned_transaction(view, t, this_account.clone()),
        })
        .collect())
}

/// One transaction of the account through the view.
///
/// # Errors
/// The view access errors of [`require_account_view`], 404 OBP-30067 when the transaction is
/// missing or the view does not show it, a connector or database failure.
pub async fn one(
    state: &AppState,
    ctx: &CallContext,
    at: &ViewedTransaction,
) -> ApiResult<TransactionRecord> {
    let (account, view) =
        require_account_view(state, ctx, &at.bank_id, &at.account_id, &at.view_id).await?;
    let bank = require_bank(state, ctx, &at.bank_id).await?;
    let tx = state
        .connector
        .get_transaction(
            ctx,
            &account.bank_id,
            &account.account_id,
            &at.transaction_id,
        )
        .await?;
    if !shows_transaction(&view, &tx) {
        return Err(ApiError::new(ErrorCode::TransactionNotFound));
    }
    moderate_page(state, ctx, &account, &bank, &view, vec![tx])
        .await?
        .pop()
        .ok_or_else(|| ApiError::new(ErrorCode::TransactionNotFound))
}

/// The double-entry record the account's transaction belongs to (after view access).
///
/// # Errors
/// The view access errors of [`require_account_view`], 404 OBP-30067 / OBP-30087, a
/// connector failure.
pub async fn double_entry(
    state: &AppState,
    ctx: &CallContext,
    at: &ViewedTransaction,
) -> ApiResult<DoubleEntryTransaction> {
    let (account, _view) =
        require_account_view(state, ctx, &at.bank_id, &at.account_id, &at.view_id).await?;
    state
        .connector
        .get_transaction(
            ctx,
            &account.bank_id,
            &account.account_id,
            &at.transaction_id,
        )
        .await?;
    Ok(state
        .connector
        .get_double_entry_book_transaction(ctx, &account.bank_id, &at.transaction_id)
        .await?)
}

/// A historical transaction to book (OBP's `PostHistoricalTransactionAtBankJson`, parsed).
#[derive(Debug, Clone)]
pub struct HistoricalInput {
    /// Payer account at the bank.
    pub from_account_id: String,
    /// Payee account at the bank.
    pub to_account_id: String,
    /// Amount.
    pub amount: String,
    /// Its currency.
    pub currency: String,
    /// Description.
    pub description: String,
    /// Posted date, `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    pub posted: String,
    /// Completed date.
    pub completed: String,
    /// Transaction type.
    pub transaction_type: String,
    /// `SHARED`, `SENDER` or `RECEIVER`.
    pub charge_policy: String,
}

/// A booked historical transaction.
#[derive(Debug, Clone)]
pub struct HistoricalBooking {
    /// The debit leg's id (empty when the connector returned no leg).
    pub transaction_id: String,
    /// Payer.
    pub from: BankAccount,
    /// Payee.
    pub to: BankAccount,
    /// Amount.
    pub amount: Money,
    /// Description.
    pub description: String,
    /// Posted.
    pub posted: DateTime<Utc>,
    /// Completed.
    pub completed: DateTime<Utc>,
    /// Transaction type.
    pub transaction_type: String,
    /// Charge policy.
    pub charge_policy: ChargePolicy,
}

fn body_date(field: &str, s: &str) -> ApiResult<DateTime<Utc>> {
    parse_obp_date(s).ok_or_else(|| {
        ApiError::with_detail(
            ErrorCode::InvalidJsonFormat,
            format!("{field}: Invalid Date Format. Use yyyy-MM-dd'T'HH:mm:ss'Z'."),
        )
    })
}

fn other_party(a: &BankAccount) -> OtherParty {
    OtherParty {
        bank_id: Some(a.bank_id.as_str().to_owned()),
        account_id: Some(a.account_id.as_str().to_owned()),
        holder: Some(a.holder_name.clone()).filter(|h| !h.is_empty()),
        routing_scheme: a.routings.first().map(|r| r.scheme.clone()),
        routing_address: a.routings.first().map(|r| r.address.clone()),
        counterparty_id: None,
    }
}

/// Books a past transfer between two accounts of the bank. Ordinary payers need the funds;
/// settlement accounts may go negative.
///
/// # Errors
/// 404 OBP-30001 / OBP-30018, 400 for a bad amount (OBP-40008 not positive, OBP-40003
/// currency), charge policy or date (OBP-10001), a connector failure (e.g. OBP-40051).
pub async fn create_historical(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    input: HistoricalInput,
) -> ApiResult<HistoricalBooking> {
    let from = require_account(state, ctx, bank_id, &input.from_account_id).await?;
    let to = require_account(state, ctx, bank_id, &input.to_account_id).await?;
    let amount = Money::parse_with_code(&input.amount, &input.currency)?;
    if !amount.is_positive() {
        return Err(ApiError::new(ErrorCode::NotPositiveAmount));
    }
    if amount.currency() != from.currency() || amount.currency() != to.currency() {
        return Err(ApiError::new(ErrorCode::InvalidTransactionRequestCurrency));
    }
    let charge_policy: ChargePolicy = input.charge_policy.parse()?;
    let posted = body_date("posted", &input.posted)?;
    let completed = body_date("completed", &input.completed)?;
    let entry = BalancedEntry::transfer(from.reference(), to.reference(), amount)?;
    let booking = Booking {
        entry,
        details: vec![
            LegDetails {
                other: other_party(&to),
            },
            LegDetails {
                other: other_party(&from),
            },
        ],
        transaction_type: input.transaction_type.clone(),
        description: input.description.clone(),
        posted,
        completed,
        transaction_request: None,
        charge_policy: Some(charge_policy),
        skip_funds_check: false,
    };
    let legs = state
        .connector
        .make_historical_payment(ctx, booking)
        .await?;
    Ok(HistoricalBooking {
        transaction_id: legs.first().map(|t| t.id.clone()).unwrap_or_default(),
        from,
        to,
        amount,
        description: input.description,
        posted,
        completed,
        transaction_type: input.transaction_type,
        charge_policy,
    })
}
