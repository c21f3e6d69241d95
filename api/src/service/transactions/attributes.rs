//! Transaction attributes (OBP v4.0.0): named, typed values attached to a transaction,
//! core banking data read and written through the connector
//! (`createOrUpdateTransactionAttribute`, `getTransactionAttributes`,
//! `getTransactionAttributeById`).
//!
//! Each use case needs an existing bank (OBP-30001), account (OBP-30018) and transaction of
//! that account (OBP-30067). Types are OBP's `STRING`, `INTEGER`, `DOUBLE` and
//! `DATE_WITH_DAY` (else OBP-10001). Unlike account attributes, a create always adds an
//! attribute (OBP does not merge names). An attribute id that is not an attribute of the
//! transaction answers 404 OBP-30070.
//!
//! The transaction JSON (`transaction_attributes`) shows every attribute of the transaction,
//! as OBP's v3.0.0/v3.1.0 transaction endpoints do; a connector that does not implement
//! `getTransactionAttributes` shows none rather than failing the transaction read.

use std::collections::HashMap;

use obp_connectors::{optional_part, Method};
use obp_domain::account::{BankAccount, TransactionAttribute};
use obp_domain::context::CallContext;
use obp_domain::ids::BankId;
use obp_domain::ErrorCode;

use crate::access::require_account;
use crate::error::{ApiError, ApiResult};
use crate::service::attributes::check_type;
use crate::state::AppState;

/// A transaction of an account (no view), as the client named it.
#[derive(Debug, Clone)]
pub struct AccountTransaction {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// TRANSACTION_ID.
    pub transaction_id: String,
}

/// What a client sends to create or replace an attribute (`TransactionAttributeJsonV400`).
#[derive(Debug, Clone)]
pub struct AttributeInput {
    /// Name.
    pub name: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    pub attribute_type: String,
    /// Value.
    pub value: String,
}

/// The attributes of each of `transaction_ids` (at the account's bank), for the transaction
/// JSON, in one connector call; a backend without the method gives none
/// ([`optional_part`]).
///
/// # Errors
/// Any other connector failure.
pub async fn load_for_page(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    transaction_ids: &[String],
) -> ApiResult<HashMap<String, Vec<TransactionAttribute>>> {
    let list = optional_part(
        Method::GetTransactionAttributesByTransactionIds,
        state
            .connector
            .get_transaction_attributes_by_transaction_ids(ctx, bank_id, transaction_ids)
            .await,
    )?;
    let mut by_transaction: HashMap<String, Vec<TransactionAttribute>> = HashMap::new();
    for attribute in list {
        by_transaction
            .entry(attribute.transaction_id.clone())
            .or_default()
            .push(attribute);
    }
    Ok(by_transaction)
}

/// Bank, account and the account's transaction exist.
async fn require_transaction(
    state: &AppState,
    ctx: &CallContext,
    at: &AccountTransaction,
) -> ApiResult<BankAccount> {
    let account = require_account(state, ctx, &at.bank_id, &at.account_id).await?;
    state
        .connector
        .get_transaction(
            ctx,
            &account.bank_id,
            &account.account_id,
            &at.transaction_id,
        )
        .await?;
    Ok(account)
}

/// The attribute `id` of the transaction, or 404 OBP-30070.
async fn attribute_of(
    state: &AppState,
    ctx: &CallContext,
    account: &BankAccount,
    transaction_id: &str,
    id: &str,
) -> ApiResult<TransactionAttribute> {
    let a = state
        .connector
        .get_transaction_attribute_by_id(ctx, &account.bank_id, id)
        .await?;
    if a.transaction_id != transaction_id {
        return Err(ApiError::new(ErrorCode::TransactionAttributeNotFound));
    }
    Ok(a)
}

/// Adds an attribute to the transaction.
///
/// # Errors
/// 404 OBP-30001 / OBP-30018 / OBP-30067, 400 OBP-10001 for a bad type, a connector failure.
pub async fn create(
    state: &AppState,
    ctx: &CallContext,
    at: AccountTransaction,
    input: AttributeInput,
) -> ApiResult<TransactionAttribute> {
    let account = require_transaction(state, ctx, &at).await?;
    check_type(&input.attribute_type, "12.1234")?;
    Ok(state
        .connector
        .create_or_update_transaction_attribute(
            ctx,
            TransactionAttribute {
                id: uuid::Uuid::new_v4().to_string(),
                bank_id: account.bank_id,
                transaction_id: at.transaction_id,
                name: input.name,
                attribute_type: input.attribute_type,
                value: input.value,
            },
        )
        .await?)
}

/// Replaces the attribute `attribute_id` of the transaction.
///
/// # Errors
/// 404 OBP-30001 / OBP-30018 / OBP-30067 / OBP-30070, 400 OBP-10001 for a bad type, a
/// connector failure.
pub async fn update(
    state: &AppState,
    ctx: &CallContext,
    at: AccountTransaction,
    attribute_id: &str,
    input: AttributeInput,
) -> ApiResult<TransactionAttribute> {
    let account = require_transaction(state, ctx, &at).await?;
    check_type(&input.attribute_type, "12.1234")?;
    let existing = attribute_of(state, ctx, &account, &at.transaction_id, attribute_id).await?;
    Ok(state
        .connector
        .create_or_update_transaction_attribute(
            ctx,
            TransactionAttribute {
                name: input.name,
                attribute_type: input.attribute_type,
                value: input.value,
                ..existing
            },
        )
        .await?)
}

/// Every attribute of the transaction, oldest first.
///
/// # Errors
/// 404 OBP-30001 / OBP-30018 / OBP-30067, a connector failure.
pub async fn list(
    state: &AppState,
    ctx: &CallContext,
    at: AccountTransaction,
) -> ApiResult<Vec<TransactionAttribute>> {
    let account = require_transaction(state, ctx, &at).await?;
    Ok(state
        .connector
        .get_transaction_attributes(ctx, &account.bank_id, &at.transaction_id)
        .await?)
}

/// The attribute `attribute_id` of the transaction.
///
/// # Errors
/// 404 OBP-30001 / OBP-30018 / OBP-30067 / OBP-30070, a connector failure.
pub async fn get(
    state: &AppState,
    ctx: &CallContext,
    at: AccountTransaction,
    attribute_id: &str,
) -> ApiResult<TransactionAttribute> {
    let account = require_transaction(state, ctx, &at).await?;
    attribute_of(state, ctx, &account, &at.transaction_id, attribute_id).await
}
