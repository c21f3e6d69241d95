//! Transaction attributes (OBP v4.0.0): named, typed values attached to a transaction,
//! core banking data read and written through the connector. Each endpoint needs its bank
//! role; the checks (bank, account, transaction, attribute of that transaction, type) are in
//! [`crate::service::transactions::attributes`].

use actix_web::{get, post, put, web, HttpResponse};
use obp_domain::role::{
    CAN_CREATE_TRANSACTION_ATTRIBUTE_AT_ONE_BANK, CAN_GET_TRANSACTION_ATTRIBUTES_AT_ONE_BANK,
    CAN_GET_TRANSACTION_ATTRIBUTE_AT_ONE_BANK, CAN_UPDATE_TRANSACTION_ATTRIBUTE_AT_ONE_BANK,
};
use serde::Deserialize;

use super::json::{TransactionAttributeJson, TransactionAttributesResponseJson};
use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::moderation::TransactionAttributeResponseJson;
use crate::service::transactions::attributes::{self, AccountTransaction};
use crate::state::AppState;

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

impl From<AccountTransactionPath> for AccountTransaction {
    fn from(p: AccountTransactionPath) -> Self {
        Self {
            bank_id: p.bank_id,
            account_id: p.account_id,
            transaction_id: p.transaction_id,
        }
    }
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

impl TransactionAttributePath {
    fn split(self) -> (AccountTransaction, String) {
        (
            AccountTransaction {
                bank_id: self.bank_id,
                account_id: self.account_id,
                transaction_id: self.transaction_id,
            },
            self.transaction_attribute_id,
        )
    }
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
    let saved = attributes::create(
        &state,
        &auth.ctx,
        path.into_inner().into(),
        body.into_inner().into(),
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
    let (at, id) = path.into_inner().split();
    let saved = attributes::update(&state, &auth.ctx, at, &id, body.into_inner().into()).await?;
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
    let list = attributes::list(&state, &auth.ctx, path.into_inner().into()).await?;
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
    let (at, id) = path.into_inner().split();
    let a = attributes::get(&state, &auth.ctx, at, &id).await?;
    Ok(web::Json((&a).into()))
}
