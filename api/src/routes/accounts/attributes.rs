//! Account attributes (OBP v3.1.0), a sub-resource of an account under one of its products.
//!
//! Attribute types are OBP's `STRING`, `INTEGER`, `DOUBLE` and `DATE_WITH_DAY`, spelled
//! exactly. An account's attribute names are unique: creating one with a taken name replaces
//! that attribute's value (OBP's `createOrUpdateAccountAttribute`). A missing attribute id
//! answers 404 OBP-30232 (OBP answers OBP-50200, a 5xx, for this client mistake).

use actix_web::{post, put, web, HttpResponse};
use obp_domain::role::{CAN_CREATE_ACCOUNT_ATTRIBUTE_AT_ONE_BANK, CAN_UPDATE_ACCOUNT_ATTRIBUTE};
use serde::Deserialize;

use super::json::AccountAttributeJson;
use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::json::AccountAttributeResponseJson;
use crate::service::accounts;
use crate::state::AppState;

/// Path of a product of an account.
#[derive(Debug, Deserialize)]
pub struct AccountProductPath {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// PRODUCT_CODE.
    pub product_code: String,
}

/// Path of one account attribute.
#[derive(Debug, Deserialize)]
pub struct AccountAttributePath {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// PRODUCT_CODE.
    pub product_code: String,
    /// ACCOUNT_ATTRIBUTE_ID.
    pub account_attribute_id: String,
}

/// Create Account Attribute
///
/// Adds an attribute to the account (role `CanCreateAccountAttributeAtOneBank`); a taken
/// name replaces that attribute's value.
#[endpoint(
    POST "/banks/{bank_id}/accounts/{account_id}/products/{product_code}/attribute",
    operation_id = "OBPv3.1.0-createAccountAttribute",
    login,
    roles = [CAN_CREATE_ACCOUNT_ATTRIBUTE_AT_ONE_BANK],
    tag = "Account",
    request_body = AccountAttributeJson,
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("product_code" = String, Path)),
    responses(
        (status = 201, description = "The attribute", body = AccountAttributeResponseJson),
        (status = 400, description = "OBP-10001", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30011", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn create_account_attribute(
    auth: Authorized<CreateAccountAttribute>,
    state: web::Data<AppState>,
    path: web::Path<AccountProductPath>,
    body: web::Json<AccountAttributeJson>,
) -> ApiResult<HttpResponse> {
    let p = path.into_inner();
    let saved = accounts::create_attribute(
        &state,
        &auth.ctx,
        &p.bank_id,
        &p.account_id,
        p.product_code,
        body.into_inner().into(),
    )
    .await?;
    Ok(HttpResponse::Created().json(AccountAttributeResponseJson::from(saved)))
}

/// Update Account Attribute
///
/// Replaces an attribute of the account (role `CanUpdateAccountAttribute`).
#[endpoint(
    PUT "/banks/{bank_id}/accounts/{account_id}/products/{product_code}/attributes/{account_attribute_id}",
    operation_id = "OBPv3.1.0-updateAccountAttribute",
    login,
    roles = [CAN_UPDATE_ACCOUNT_ATTRIBUTE],
    tag = "Account",
    request_body = AccountAttributeJson,
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("product_code" = String, Path), ("account_attribute_id" = String, Path)),
    responses(
        (status = 201, description = "The attribute", body = AccountAttributeResponseJson),
        (status = 400, description = "OBP-10001", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30011", body = ErrorBody),
        (status = 404, description = "OBP-30232: no such attribute", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn update_account_attribute(
    auth: Authorized<UpdateAccountAttribute>,
    state: web::Data<AppState>,
    path: web::Path<AccountAttributePath>,
    body: web::Json<AccountAttributeJson>,
) -> ApiResult<HttpResponse> {
    let p = path.into_inner();
    let saved = accounts::update_attribute(
        &state,
        &auth.ctx,
        &p.bank_id,
        &p.account_id,
        p.product_code,
        &p.account_attribute_id,
        body.into_inner().into(),
    )
    .await?;
    Ok(HttpResponse::Created().json(AccountAttributeResponseJson::from(saved)))
}
