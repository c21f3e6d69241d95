//! Account attributes (OBP v3.1.0) and bank attributes (OBP v4.0.0).
//!
//! Attribute types are OBP's `STRING`, `INTEGER`, `DOUBLE` and `DATE_WITH_DAY`, spelled
//! exactly. An account's attribute names are unique: creating one with a taken name replaces
//! that attribute's value (OBP's `createOrUpdateAccountAttribute`). A missing attribute id
//! answers 404 OBP-30232 (OBP answers OBP-50200, a 5xx, for this client mistake).

use actix_web::{delete, get, post, put, web, HttpResponse};
use obp_domain::account::AccountAttribute;
use obp_domain::bank::BankAttribute;
use obp_domain::ids::{AccountId, BankId};
use obp_domain::role::{
    CAN_CREATE_ACCOUNT_ATTRIBUTE_AT_ONE_BANK, CAN_CREATE_BANK_ATTRIBUTE, CAN_DELETE_BANK_ATTRIBUTE,
    CAN_GET_BANK_ATTRIBUTE, CAN_UPDATE_ACCOUNT_ATTRIBUTE, CAN_UPDATE_BANK_ATTRIBUTE,
};
use obp_domain::ErrorCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::access::{require_account, require_bank};
use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::json::AccountAttributeResponseJson;
use crate::service::attributes::check_type;
use crate::state::AppState;

// ------------------------------------------------------------ account attributes

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

/// `AccountAttributeJson`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AccountAttributeJson {
    /// Name.
    #[schema(example = "OVERDRAFT_START_DATE")]
    #[schema(max_length = 50)]
    pub name: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    #[serde(rename = "type")]
    #[schema(example = "DATE_WITH_DAY")]
    #[schema(max_length = 50)]
    pub attribute_type: String,
    /// Value.
    #[schema(example = "2012-04-23")]
    #[schema(max_length = 255)]
    pub value: String,
    /// Product instance code.
    #[schema(max_length = 255)]
    pub product_instance_code: Option<String>,
}

/// The account's attributes as the account JSON shows them (`account_attributes`).
///
/// # Errors
/// A connector failure.
pub async fn account_attributes_json(
    state: &AppState,
    ctx: &obp_domain::context::CallContext,
    bank_id: &BankId,
    account_id: &AccountId,
) -> ApiResult<Vec<serde_json::Value>> {
    let list = state
        .connector
        .get_account_attributes(ctx, bank_id, account_id)
        .await?;
    list.into_iter()
        .map(|a| {
            serde_json::to_value(AccountAttributeResponseJson::from(a)).map_err(ApiError::internal)
        })
        .collect()
}

/// Bank, account and product exist (OBP-30001, OBP-30018, OBP-30011).
async fn require_account_product(
    state: &AppState,
    ctx: &obp_domain::context::CallContext,
    p_bank: &str,
    p_account: &str,
    product_code: &str,
) -> ApiResult<(BankId, AccountId)> {
    let account = require_account(state, ctx, p_bank, p_account).await?;
    state
        .connector
        .get_product(ctx, &account.bank_id, product_code)
        .await
        .map_err(|e| {
            let e = ApiError::from(e);
            if e.code() == ErrorCode::ProductNotFoundByProductCode {
                ApiError::with_detail(
                    ErrorCode::ProductNotFoundByProductCode,
                    format!("{{{product_code}}}"),
                )
            } else {
                e
            }
        })?;
    Ok((account.bank_id, account.account_id))
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
    let (bank_id, account_id) = require_account_product(
        &state,
        &auth.ctx,
        &p.bank_id,
        &p.account_id,
        &p.product_code,
    )
    .await?;
    let b = body.into_inner();
    check_type(&b.attribute_type, "2012-04-23")?;
    let saved = state
        .connector
        .create_or_update_account_attribute(
            &auth.ctx,
            AccountAttribute {
                id: uuid::Uuid::new_v4().to_string(),
                bank_id,
                account_id,
                product_code: p.product_code,
                name: b.name,
                attribute_type: b.attribute_type,
                value: b.value,
                product_instance_code: b.product_instance_code,
            },
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
    require_bank(&state, &auth.ctx, &p.bank_id).await?;
    let b = body.into_inner();
    check_type(&b.attribute_type, "2012-04-23")?;
    let (bank_id, account_id) = require_account_product(
        &state,
        &auth.ctx,
        &p.bank_id,
        &p.account_id,
        &p.product_code,
    )
    .await?;
    let existing = state
        .connector
        .get_account_attribute_by_id(&auth.ctx, &bank_id, &p.account_attribute_id)
        .await?;
    if existing.account_id != account_id {
        return Err(ApiError::new(ErrorCode::AttributeByIdNotFound));
    }
    let saved = state
        .connector
        .create_or_update_account_attribute(
            &auth.ctx,
            AccountAttribute {
                id: existing.id,
                bank_id,
                account_id,
                product_code: p.product_code,
                name: b.name,
                attribute_type: b.attribute_type,
                value: b.value,
                product_instance_code: b.product_instance_code,
            },
        )
        .await?;
    Ok(HttpResponse::Created().json(AccountAttributeResponseJson::from(saved)))
}

// ---------------------------------------------------------------- bank attributes

/// Path of a bank.
#[derive(Debug, Deserialize)]
pub struct BankPath {
    /// BANK_ID.
    pub bank_id: String,
}

/// Path of one bank attribute.
#[derive(Debug, Deserialize)]
pub struct BankAttributePath {
    /// BANK_ID.
    pub bank_id: String,
    /// BANK_ATTRIBUTE_ID.
    pub bank_attribute_id: String,
}

/// `BankAttributeJsonV400`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct BankAttributeJsonV400 {
    /// Name.
    #[schema(example = "ACCOUNT_MANAGEMENT_FEE")]
    #[schema(max_length = 50)]
    pub name: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    #[serde(rename = "type")]
    #[schema(max_length = 50)]
    pub attribute_type: String,
    /// Value.
    #[schema(max_length = 255)]
    pub value: String,
    /// Shown in the bank's JSON (default true).
    pub is_active: Option<bool>,
}

/// `BankAttributeResponseJsonV400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct BankAttributeResponseJsonV400 {
    /// BANK_ID.
    pub bank_id: String,
    /// BANK_ATTRIBUTE_ID.
    pub bank_attribute_id: String,
    /// Name.
    pub name: String,
    /// Type.
    #[serde(rename = "type")]
    pub attribute_type: String,
    /// Value.
    pub value: String,
    /// Active flag.
    pub is_active: Option<bool>,
}

impl From<BankAttribute> for BankAttributeResponseJsonV400 {
    fn from(a: BankAttribute) -> Self {
        Self {
            bank_id: a.bank_id.into_inner(),
            bank_attribute_id: a.id,
            name: a.name,
            attribute_type: a.attribute_type,
            value: a.value,
            is_active: Some(a.is_active),
        }
    }
}

/// `BankAttributesResponseJsonV400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct BankAttributesResponseJsonV400 {
    /// The attributes.
    pub bank_attributes: Vec<BankAttributeResponseJsonV400>,
}

/// Create Bank Attribute
///
/// Adds an attribute to the bank (role `CanCreateBankAttribute`).
#[endpoint(
    POST "/banks/{bank_id}/attribute",
    operation_id = "OBPv4.0.0-createBankAttribute",
    login,
    roles = [CAN_CREATE_BANK_ATTRIBUTE],
    tag = "Bank",
    request_body = BankAttributeJsonV400,
    params(("bank_id" = String, Path)),
    responses(
        (status = 201, description = "The attribute", body = BankAttributeResponseJsonV400),
        (status = 400, description = "OBP-10001", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn create_bank_attribute(
    auth: Authorized<CreateBankAttribute>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
    body: web::Json<BankAttributeJsonV400>,
) -> ApiResult<HttpResponse> {
    let bank = require_bank(&state, &auth.ctx, &path.bank_id).await?;
    let b = body.into_inner();
    check_type(&b.attribute_type, "12.1234")?;
    let saved = state
        .connector
        .create_or_update_bank_attribute(
            &auth.ctx,
            BankAttribute {
                id: uuid::Uuid::new_v4().to_string(),
                bank_id: bank.id,
                name: b.name,
                attribute_type: b.attribute_type,
                value: b.value,
                is_active: b.is_active.unwrap_or(true),
            },
        )
        .await?;
    Ok(HttpResponse::Created().json(BankAttributeResponseJsonV400::from(saved)))
}

/// Get Bank Attributes
///
/// Every attribute of the bank, active or not (role `CanGetBankAttribute`).
#[endpoint(
    GET "/banks/{bank_id}/attributes",
    operation_id = "OBPv4.0.0-getBankAttributes",
    login,
    roles = [CAN_GET_BANK_ATTRIBUTE],
    tag = "Bank",
    params(("bank_id" = String, Path)),
    responses(
        (status = 200, description = "The attributes", body = BankAttributesResponseJsonV400),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_bank_attributes(
    auth: Authorized<GetBankAttributes>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
) -> ApiResult<web::Json<BankAttributesResponseJsonV400>> {
    let bank = require_bank(&state, &auth.ctx, &path.bank_id).await?;
    let list = state
        .connector
        .get_bank_attributes_by_bank(&auth.ctx, &bank.id)
        .await?;
    Ok(web::Json(BankAttributesResponseJsonV400 {
        bank_attributes: list.into_iter().map(Into::into).collect(),
    }))
}

/// Get Bank Attribute By BANK_ATTRIBUTE_ID
///
/// One attribute of the bank (role `CanGetBankAttribute`).
#[endpoint(
    GET "/banks/{bank_id}/attributes/{bank_attribute_id}",
    operation_id = "OBPv4.0.0-getBankAttribute",
    login,
    roles = [CAN_GET_BANK_ATTRIBUTE],
    tag = "Bank",
    params(("bank_id" = String, Path), ("bank_attribute_id" = String, Path)),
    responses(
        (status = 200, description = "The attribute", body = BankAttributeResponseJsonV400),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody),
        (status = 404, description = "OBP-30232: no such attribute", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_bank_attribute(
    auth: Authorized<GetBankAttribute>,
    state: web::Data<AppState>,
    path: web::Path<BankAttributePath>,
) -> ApiResult<web::Json<BankAttributeResponseJsonV400>> {
    let bank = require_bank(&state, &auth.ctx, &path.bank_id).await?;
    let a = state
        .connector
        .get_bank_attribute_by_id(&auth.ctx, &bank.id, &path.bank_attribute_id)
        .await?;
    Ok(web::Json(a.into()))
}

/// Update Bank Attribute
///
/// Replaces an attribute of the bank (role `CanUpdateBankAttribute`).
#[endpoint(
    PUT "/banks/{bank_id}/attributes/{bank_attribute_id}",
    operation_id = "OBPv4.0.0-updateBankAttribute",
    login,
    roles = [CAN_UPDATE_BANK_ATTRIBUTE],
    tag = "Bank",
    request_body = BankAttributeJsonV400,
    params(("bank_id" = String, Path), ("bank_attribute_id" = String, Path)),
    responses(
        (status = 200, description = "The attribute", body = BankAttributeResponseJsonV400),
        (status = 400, description = "OBP-10001", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody),
        (status = 404, description = "OBP-30232: no such attribute", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn update_bank_attribute(
    auth: Authorized<UpdateBankAttribute>,
    state: web::Data<AppState>,
    path: web::Path<BankAttributePath>,
    body: web::Json<BankAttributeJsonV400>,
) -> ApiResult<web::Json<BankAttributeResponseJsonV400>> {
    let bank = require_bank(&state, &auth.ctx, &path.bank_id).await?;
    let b = body.into_inner();
    check_type(&b.attribute_type, "12.1234")?;
    let existing = state
        .connector
        .get_bank_attribute_by_id(&auth.ctx, &bank.id, &path.bank_attribute_id)
        .await?;
    let saved = state
        .connector
        .create_or_update_bank_attribute(
            &auth.ctx,
            BankAttribute {
                id: existing.id,
                bank_id: bank.id,
                name: b.name,
                attribute_type: b.attribute_type,
                value: b.value,
                is_active: b.is_active.unwrap_or(existing.is_active),
            },
        )
        .await?;
    Ok(web::Json(saved.into()))
}

/// Delete Bank Attribute
///
/// Deletes an attribute of the bank (role `CanDeleteBankAttribute`); 204.
#[endpoint(
    DELETE "/banks/{bank_id}/attributes/{bank_attribute_id}",
    operation_id = "OBPv4.0.0-deleteBankAttribute",
    login,
    roles = [CAN_DELETE_BANK_ATTRIBUTE],
    tag = "Bank",
    params(("bank_id" = String, Path), ("bank_attribute_id" = String, Path)),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody),
        (status = 404, description = "OBP-30232: no such attribute", body = ErrorBody)
    )
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn delete_bank_attribute(
    auth: Authorized<DeleteBankAttribute>,
    state: web::Data<AppState>,
    path: web::Path<BankAttributePath>,
) -> ApiResult<HttpResponse> {
    let bank = require_bank(&state, &auth.ctx, &path.bank_id).await?;
    state
        .connector
        .delete_bank_attribute(&auth.ctx, &bank.id, &path.bank_attribute_id)
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
