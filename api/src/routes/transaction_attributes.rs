//! Transaction attributes (OBP v4.0.0): named, typed values attached to a transaction,
//! core banking data read and written through the connector
//! (`createOrUpdateTransactionAttribute`, `getTransactionAttributes`,
//! `getTransactionAttributeById`).
//!
//! Each endpoint needs its bank role, an existing bank (OBP-30001), account (OBP-30018) and
//! transaction of that account (OBP-30067). Types are OBP's `STRING`, `INTEGER`, `DOUBLE` and
//! `DATE_WITH_DAY` (else OBP-10001). Unlike account attributes, a create always adds an
//! attribute (OBP does not merge names). An attribute id that is not an attribute of the
//! transaction answers 404 OBP-30070.
//!
//! The transaction JSON (`transaction_attributes`) shows every attribute of the transaction,
//! as OBP's v3.0.0/v3.1.0 transaction endpoints do; a connector that does not implement
//! `getTransactionAttributes` shows none rather than failing the transaction read.

use std::collections::HashMap;

use actix_web::{get, post, put, web, HttpResponse};
use obp_connectors::ConnectorError;
use obp_domain::account::{BankAccount, TransactionAttribute};
use obp_domain::context::CallContext;
use obp_domain::ids::BankId;
use obp_domain::role::{
    CAN_CREATE_TRANSACTION_ATTRIBUTE_AT_ONE_BANK, CAN_GET_TRANSACTION_ATTRIBUTES_AT_ONE_BANK,
    CAN_GET_TRANSACTION_ATTRIBUTE_AT_ONE_BANK, CAN_UPDATE_TRANSACTION_ATTRIBUTE_AT_ONE_BANK,
};
use obp_domain::ErrorCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::access::require_account;
use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::moderation::TransactionAttributeResponseJson;
use crate::service::attributes::check_type;
use crate::state::AppState;

/// The attributes of each of `transaction_ids` (at the account's bank), for the transaction
/// JSON, in one connector call; `NotImplemented` counts as "no attributes".
///
/// # Errors
/// Any other connector failure.
pub async fn load_attributes(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    transaction_ids: &[String],
) -> ApiResult<HashMap<String, Vec<TransactionAttribute>>> {
    let list = match state
        .connector
        .get_transaction_attributes_by_transaction_ids(ctx, bank_id, transaction_ids)
        .await
    {
        Ok(list) => list,
        Err(ConnectorError::NotImplemented { .. }) => Vec::new(),
        Err(e) => return Err(ApiError::from(e)),
    };
    let mut by_transaction: HashMap<String, Vec<TransactionAttribute>> = HashMap::new();
    for attribute in list {
        by_transaction
            .entry(attribute.transaction_id.clone())
            .or_default()
            .push(attribute);
    }
    Ok(by_transaction)
}

/// Path of a transaction of an account (no view).
#[derive(Debug, Deserialize)]
pub struct AccountTransactionPath {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// TRANSACTION_ID.
    pub transaction_id: String,
}

/// Path of one transaction attribute.
#[derive(Debug, Deserialize)]
pub struct TransactionAttributePath {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// TRANSACTION_ID.
    pub transaction_id: String,
    /// TRANSACTION_ATTRIBUTE_ID.
    pub transaction_attribute_id: String,
}

/// `TransactionAttributeJsonV400`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TransactionAttributeJson {
    /// Name.
    #[schema(example = "HOUSE_RENT")]
    #[schema(max_length = 50)]
    pub name: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    #[serde(rename = "type")]
    #[schema(example = "DOUBLE")]
    #[schema(max_length = 50)]
    pub attribute_type: String,
    /// Value.
    #[schema(example = "123.456")]
    #[schema(max_length = 255)]
    pub value: String,
}

/// `{transaction_attributes: [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionAttributesResponseJson {
    /// The transaction's attributes, oldest first.
    pub transaction_attributes: Vec<TransactionAttributeResponseJson>,
}

/// Bank, account and the account's transaction exist.
async fn require_transaction(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    account_id: &str,
    transaction_id: &str,
) -> ApiResult<BankAccount> {
    let account = require_account(state, ctx, bank_id, account_id).await?;
    state
        .connector
        .get_transaction(ctx, &account.bank_id, &account.account_id, transaction_id)
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

/// Create Transaction Attribute
///
/// Adds an attribute to the transaction (role `CanCreateTransactionAttributeAtOneBank`).
#[endpoint(
    POST "/banks/{bank_id}/accounts/{account_id}/transactions/{transaction_id}/attribute",
    operation_id = "OBPv4.0.0-createTransactionAttribute",
    login,
    roles = [CAN_CREATE_TRANSACTION_ATTRIBUTE_AT_ONE_BANK],
    tag = "Transaction",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("transaction_id" = String, Path)),
    request_body = TransactionAttributeJson,
    responses((status = 201, description = "The attribute", body = TransactionAttributeResponseJson),
        (status = 400, description = "OBP-10001", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30067", body = ErrorBody))
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn create_transaction_attribute(
    auth: Authorized<CreateTransactionAttribute>,
    state: web::Data<AppState>,
    path: web::Path<AccountTransactionPath>,
    body: web::Json<TransactionAttributeJson>,
) -> ApiResult<HttpResponse> {
    let p = path.into_inner();
    let account = require_transaction(
        &state,
        &auth.ctx,
        &p.bank_id,
        &p.account_id,
        &p.transaction_id,
    )
    .await?;
    let b = body.into_inner();
    check_type(&b.attribute_type, "12.1234")?;
    let saved = state
        .connector
        .create_or_update_transaction_attribute(
            &auth.ctx,
            TransactionAttribute {
                id: uuid::Uuid::new_v4().to_string(),
                bank_id: account.bank_id,
                transaction_id: p.transaction_id,
                name: b.name,
                attribute_type: b.attribute_type,
                value: b.value,
            },
        )
        .await?;
    Ok(HttpResponse::Created().json(TransactionAttributeResponseJson::from(&saved)))
}

/// Update Transaction Attribute
///
/// Replaces an attribute of the transaction (role `CanUpdateTransactionAttributeAtOneBank`).
#[endpoint(
    PUT "/banks/{bank_id}/accounts/{account_id}/transactions/{transaction_id}/attributes/{transaction_attribute_id}",
    operation_id = "OBPv4.0.0-updateTransactionAttribute",
    login,
    roles = [CAN_UPDATE_TRANSACTION_ATTRIBUTE_AT_ONE_BANK],
    tag = "Transaction",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("transaction_id" = String, Path),
        ("transaction_attribute_id" = String, Path)),
    request_body = TransactionAttributeJson,
    responses((status = 200, description = "The attribute", body = TransactionAttributeResponseJson),
        (status = 400, description = "OBP-10001", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30067 / OBP-30070", body = ErrorBody))
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn update_transaction_attribute(
    auth: Authorized<UpdateTransactionAttribute>,
    state: web::Data<AppState>,
    path: web::Path<TransactionAttributePath>,
    body: web::Json<TransactionAttributeJson>,
) -> ApiResult<web::Json<TransactionAttributeResponseJson>> {
    let p = path.into_inner();
    let account = require_transaction(
        &state,
        &auth.ctx,
        &p.bank_id,
        &p.account_id,
        &p.transaction_id,
    )
    .await?;
    let b = body.into_inner();
    check_type(&b.attribute_type, "12.1234")?;
    let existing = attribute_of(
        &state,
        &auth.ctx,
        &account,
        &p.transaction_id,
        &p.transaction_attribute_id,
    )
    .await?;
    let saved = state
        .connector
        .create_or_update_transaction_attribute(
            &auth.ctx,
            TransactionAttribute {
                name: b.name,
                attribute_type: b.attribute_type,
                value: b.value,
                ..existing
            },
        )
        .await?;
    Ok(web::Json((&saved).into()))
}

/// Get Transaction Attributes
///
/// Every attribute of the transaction (role `CanGetTransactionAttributesAtOneBank`).
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/transactions/{transaction_id}/attributes",
    operation_id = "OBPv4.0.0-getTransactionAttributes",
    login,
    roles = [CAN_GET_TRANSACTION_ATTRIBUTES_AT_ONE_BANK],
    tag = "Transaction",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("transaction_id" = String, Path)),
    responses((status = 200, description = "The attributes", body = TransactionAttributesResponseJson),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30067", body = ErrorBody))
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_transaction_attributes(
    auth: Authorized<GetTransactionAttributes>,
    state: web::Data<AppState>,
    path: web::Path<AccountTransactionPath>,
) -> ApiResult<web::Json<TransactionAttributesResponseJson>> {
    let p = path.into_inner();
    let account = require_transaction(
        &state,
        &auth.ctx,
        &p.bank_id,
        &p.account_id,
        &p.transaction_id,
    )
    .await?;
    let list = state
        .connector
        .get_transaction_attributes(&auth.ctx, &account.bank_id, &p.transaction_id)
        .await?;
    Ok(web::Json(TransactionAttributesResponseJson {
        transaction_attributes: list.iter().map(Into::into).collect(),
    }))
}

/// Get Transaction Attribute By Id
///
/// One attribute of the transaction (role `CanGetTransactionAttributeAtOneBank`).
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/transactions/{transaction_id}/attributes/{transaction_attribute_id}",
    operation_id = "OBPv4.0.0-getTransactionAttributeById",
    login,
    roles = [CAN_GET_TRANSACTION_ATTRIBUTE_AT_ONE_BANK],
    tag = "Transaction",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("transaction_id" = String, Path),
        ("transaction_attribute_id" = String, Path)),
    responses((status = 200, description = "The attribute", body = TransactionAttributeResponseJson),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30067 / OBP-30070", body = ErrorBody))
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_transaction_attribute_by_id(
    auth: Authorized<GetTransactionAttributeById>,
    state: web::Data<AppState>,
    path: web::Path<TransactionAttributePath>,
) -> ApiResult<web::Json<TransactionAttributeResponseJson>> {
    let p = path.into_inner();
    let account = require_transaction(
        &state,
        &auth.ctx,
        &p.bank_id,
        &p.account_id,
        &p.transaction_id,
    )
    .await?;
    let a = attribute_of(
        &state,
        &auth.ctx,
        &account,
        &p.transaction_id,
        &p.transaction_attribute_id,
    )
    .await?;
    Ok(web::Json((&a).into()))
}
