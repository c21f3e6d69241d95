//! Bank attributes (OBP v4.0.0): create, list, read, update, delete.
//!
//! Attribute types are OBP's `STRING`, `INTEGER`, `DOUBLE` and `DATE_WITH_DAY`, spelled
//! exactly. Inactive attributes are listed here but not shown in the bank's JSON. A missing
//! attribute id answers 404 OBP-30232.

use actix_web::{delete, get, post, put, web, HttpResponse};
use obp_domain::bank::BankAttribute;
use obp_domain::role::{
    CAN_CREATE_BANK_ATTRIBUTE, CAN_DELETE_BANK_ATTRIBUTE, CAN_GET_BANK_ATTRIBUTE,
    CAN_UPDATE_BANK_ATTRIBUTE,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::paths::BankPath;
use crate::service::attributes::{self, BankAttributeInput};
use crate::state::AppState;

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

impl From<BankAttributeJsonV400> for BankAttributeInput {
    fn from(b: BankAttributeJsonV400) -> Self {
        Self {
            name: b.name,
            attribute_type: b.attribute_type,
            value: b.value,
            is_active: b.is_active,
        }
    }
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
    let saved = attributes::create_bank_attribute(
        &state,
        &auth.ctx,
        &path.bank_id,
        body.into_inner().into(),
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
    let list = attributes::bank_attributes(&state, &auth.ctx, &path.bank_id).await?;
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
    let a = attributes::bank_attribute(&state, &auth.ctx, &path.bank_id, &path.bank_attribute_id)
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
    let p = path.into_inner();
    let saved = attributes::update_bank_attribute(
        &state,
        &auth.ctx,
        &p.bank_id,
        &p.bank_attribute_id,
        body.into_inner().into(),
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
    attributes::delete_bank_attribute(&state, &auth.ctx, &path.bank_id, &path.bank_attribute_id)
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
