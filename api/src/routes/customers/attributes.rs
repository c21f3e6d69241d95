//! Customer attributes (OBP v4.0.0; the same paths serve v5.x).
//!
//! Attributes are core-banking data kept through the connector. Types are OBP's `STRING`,
//! `INTEGER`, `DOUBLE` and `DATE_WITH_DAY` (checked as the account and bank attributes are),
//! and the value must be a value of its type (`INTEGER` `123`, `DOUBLE` `12.1234`,
//! `DATE_WITH_DAY` `2012-04-23`). Names may repeat: each create adds an attribute, as in OBP.
//!
//! Order of checks, as OBP validates: bank (404 OBP-30001), roles (403 OBP-20006; the bank
//! role or its `...AtAnyBank` system role), body (400 OBP-10001), customer (404 OBP-30046),
//! customer of another bank (400 OBP-30113), attribute (404 OBP-30069; an attribute of
//! another customer or bank is not found).

use actix_web::{delete, get, post, put, web, HttpResponse};
use obp_domain::{role, ErrorCode};
use serde::Deserialize;
use serde_json::Value;

use super::{
    CustomerAttributeJson, CustomerAttributeJsonV400, CustomerAttributesResponseJson, CustomerPath,
};
use crate::access::bank_then_roles;
use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::service::customers::{self, AttributeInput};
use crate::state::AppState;

/// Path with a bank, a customer and an attribute.
#[derive(Debug, Deserialize)]
pub struct CustomerAttributePath {
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ID.
    pub customer_id: String,
    /// CUSTOMER_ATTRIBUTE_ID.
    pub customer_attribute_id: String,
}

/// Path with a bank and an attribute (OBP's delete path names no customer).
#[derive(Debug, Deserialize)]
pub struct BankAttributePath {
    /// BANK_ID.
    pub bank_id: String,
    /// CUSTOMER_ATTRIBUTE_ID.
    pub customer_attribute_id: String,
}

/// The posted attribute, parsed (400 OBP-10001 for a wrong shape). The body arrives as a
/// `Value` and is parsed here, not by the extractor, because OBP tells a wrong shape only
/// after the bank and the roles: the service returns this error at that point.
fn posted(body: Value) -> ApiResult<AttributeInput> {
    serde_json::from_value::<CustomerAttributeJsonV400>(body)
        .map(Into::into)
        .map_err(|e| {
            ApiError::with_detail(
                ErrorCode::InvalidJsonFormat,
                format!("The Json body should be the CustomerAttributeJsonV400 ({e})."),
            )
        })
}

/// Create Customer Attribute
///
/// Adds an attribute to the customer (`CanCreateCustomerAttributeAtOneBank` at the bank or
/// `CanCreateCustomerAttributeAtAnyBank`).
#[endpoint(
    POST "/banks/{bank_id}/customers/{customer_id}/attribute",
    operation_id = "OBPv4.0.0-createCustomerAttribute",
    login,
    roles = [
        role::CAN_CREATE_CUSTOMER_ATTRIBUTE_AT_ONE_BANK,
        role::CAN_CREATE_CUSTOMER_ATTRIBUTE_AT_ANY_BANK
    ],
    roles_in_handler,
    tag = "Customer",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("customer_id" = String, Path, description = "CUSTOMER_ID")
    ),
    request_body = CustomerAttributeJsonV400,
    responses(
        (status = 201, description = "CustomerAttributeResponseJsonV300", body = CustomerAttributeJson),
        (status = 400, description = "OBP-10001, OBP-30113", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-30046", body = ErrorBody)
    )
)]
pub async fn create_customer_attribute(
    auth: Authorized<CreateCustomerAttribute>,
    state: web::Data<AppState>,
    path: web::Path<CustomerPath>,
    body: web::Json<Value>,
) -> ApiResult<HttpResponse> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let saved = customers::create_attribute(
        &state,
        &auth.ctx,
        &bank_id,
        &path.customer_id,
        posted(body.into_inner()),
    )
    .await?;
    Ok(HttpResponse::Created().json(CustomerAttributeJson::from(saved)))
}

/// Update Customer Attribute
///
/// Replaces name, type and value of an attribute of the customer
/// (`CanUpdateCustomerAttributeAtOneBank` at the bank or `CanUpdateCustomerAttributeAtAnyBank`).
#[endpoint(
    PUT "/banks/{bank_id}/customers/{customer_id}/attributes/{customer_attribute_id}",
    operation_id = "OBPv4.0.0-updateCustomerAttribute",
    login,
    roles = [
        role::CAN_UPDATE_CUSTOMER_ATTRIBUTE_AT_ONE_BANK,
        role::CAN_UPDATE_CUSTOMER_ATTRIBUTE_AT_ANY_BANK
    ],
    roles_in_handler,
    tag = "Customer",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("customer_id" = String, Path, description = "CUSTOMER_ID"),
        ("customer_attribute_id" = String, Path, description = "CUSTOMER_ATTRIBUTE_ID")
    ),
    request_body = CustomerAttributeJsonV400,
    responses(
        (status = 200, description = "CustomerAttributeResponseJsonV300", body = CustomerAttributeJson),
        (status = 400, description = "OBP-10001, OBP-30113", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-30046, OBP-30069", body = ErrorBody)
    )
)]
pub async fn update_customer_attribute(
    auth: Authorized<UpdateCustomerAttribute>,
    state: web::Data<AppState>,
    path: web::Path<CustomerAttributePath>,
    body: web::Json<Value>,
) -> ApiResult<web::Json<CustomerAttributeJson>> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let saved = customers::update_attribute(
        &state,
        &auth.ctx,
        &bank_id,
        &path.customer_id,
        &path.customer_attribute_id,
        posted(body.into_inner()),
    )
    .await?;
    Ok(web::Json(saved.into()))
}

/// Get Customer Attributes
///
/// Every attribute of the customer, ordered by name (`CanGetCustomerAttributesAtOneBank` at
/// the bank or `CanGetCustomerAttributesAtAnyBank`).
#[endpoint(
    GET "/banks/{bank_id}/customers/{customer_id}/attributes",
    operation_id = "OBPv4.0.0-getCustomerAttributes",
    login,
    roles = [
        role::CAN_GET_CUSTOMER_ATTRIBUTES_AT_ONE_BANK,
        role::CAN_GET_CUSTOMER_ATTRIBUTES_AT_ANY_BANK
    ],
    roles_in_handler,
    tag = "Customer",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("customer_id" = String, Path, description = "CUSTOMER_ID")
    ),
    responses(
        (status = 200, description = "CustomerAttributesResponseJson", body = CustomerAttributesResponseJson),
        (status = 400, description = "OBP-30113", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-30046", body = ErrorBody)
    )
)]
pub async fn get_customer_attributes(
    auth: Authorized<GetCustomerAttributes>,
    state: web::Data<AppState>,
    path: web::Path<CustomerPath>,
) -> ApiResult<web::Json<CustomerAttributesResponseJson>> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let list = customers::attributes(&state, &auth.ctx, &bank_id, &path.customer_id).await?;
    Ok(web::Json(CustomerAttributesResponseJson {
        customer_attributes: list.into_iter().map(Into::into).collect(),
    }))
}

/// Get Customer Attribute By Id
///
/// One attribute of the customer (`CanGetCustomerAttributeAtOneBank` at the bank or
/// `CanGetCustomerAttributeAtAnyBank`).
#[endpoint(
    GET "/banks/{bank_id}/customers/{customer_id}/attributes/{customer_attribute_id}",
    operation_id = "OBPv4.0.0-getCustomerAttributeById",
    login,
    roles = [
        role::CAN_GET_CUSTOMER_ATTRIBUTE_AT_ONE_BANK,
        role::CAN_GET_CUSTOMER_ATTRIBUTE_AT_ANY_BANK
    ],
    roles_in_handler,
    tag = "Customer",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("customer_id" = String, Path, description = "CUSTOMER_ID"),
        ("customer_attribute_id" = String, Path, description = "CUSTOMER_ATTRIBUTE_ID")
    ),
    responses(
        (status = 200, description = "CustomerAttributeResponseJsonV300", body = CustomerAttributeJson),
        (status = 400, description = "OBP-30113", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-30046, OBP-30069", body = ErrorBody)
    )
)]
pub async fn get_customer_attribute_by_id(
    auth: Authorized<GetCustomerAttributeById>,
    state: web::Data<AppState>,
    path: web::Path<CustomerAttributePath>,
) -> ApiResult<web::Json<CustomerAttributeJson>> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let a = customers::attribute(
        &state,
        &auth.ctx,
        &bank_id,
        &path.customer_id,
        &path.customer_attribute_id,
    )
    .await?;
    Ok(web::Json(a.into()))
}

/// Delete Customer Attribute
///
/// Deletes an attribute of a customer of the bank (`CanDeleteCustomerAttributeAtOneBank` at
/// the bank or `CanDeleteCustomerAttributeAtAnyBank`); 204. An unknown attribute, or one of
/// another bank, answers 404 OBP-30069.
#[endpoint(
    DELETE "/banks/{bank_id}/customers/attributes/{customer_attribute_id}",
    operation_id = "OBPv4.0.0-deleteCustomerAttribute",
    login,
    roles = [
        role::CAN_DELETE_CUSTOMER_ATTRIBUTE_AT_ONE_BANK,
        role::CAN_DELETE_CUSTOMER_ATTRIBUTE_AT_ANY_BANK
    ],
    roles_in_handler,
    tag = "Customer",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("customer_attribute_id" = String, Path, description = "CUSTOMER_ATTRIBUTE_ID")
    ),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-30069", body = ErrorBody)
    )
)]
pub async fn delete_customer_attribute(
    auth: Authorized<DeleteCustomerAttribute>,
    state: web::Data<AppState>,
    path: web::Path<BankAttributePath>,
) -> ApiResult<HttpResponse> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    customers::delete_attribute(&state, &auth.ctx, &bank_id, &path.customer_attribute_id).await?;
    Ok(HttpResponse::NoContent().finish())
}
