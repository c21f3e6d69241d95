//! Products (`/banks/BANK_ID/products`), OBP v5.0.0 create and v4.0.0 reads.
//!
//! `PutProductJsonV500` creates or replaces a product; a non-blank `parent_product_code`
//! must name an existing product of the bank (400 OBP-30062). Answers are
//! `ProductJsonV400`; the get-one answer carries the product's attributes and `"fees": []`
//! (fees are not stored yet). Reads are anonymous unless `public_products` is false.
//! Product attributes (OBP v4.0.0, `/banks/BANK_ID/products/PRODUCT_CODE/attribute(s)`)
//! take `{name, type, value, is_active?}` with the value checked against its type; a
//! missing attribute answers 404 OBP-30232 (OBP: OBP-50200). `DELETE /management/cascading/banks/BANK_ID/products/PRODUCT_CODE` (OBP v4.0.0
//! `deleteProductCascade`) deletes a product no account uses; unlike OBP it never deletes
//! accounts (their ledger history stays), so it answers 400 OBP-80001 while accounts of the
//! product exist.

use actix_web::{delete, get, post, put, web, HttpResponse};
use obp_domain::{role, ErrorCode};
use serde::Deserialize;
use serde_json::Value;

use crate::access::bank_then_roles;
use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::paths::BankPath;
use crate::service::products::{self, ProductAttributeInput};
use crate::state::AppState;

mod json;
pub use json::*;

/// Path with a bank and a product.
#[derive(Debug, Deserialize)]
pub struct ProductPath {
    /// BANK_ID.
    pub bank_id: String,
    /// PRODUCT_CODE.
    pub product_code: String,
}

/// Create Product
///
/// Creates or replaces the product PRODUCT_CODE (`CanCreateProduct` at the bank or
/// `CanCreateProductAtAnyBank`). A non-blank `parent_product_code` must exist (400 OBP-30062).
#[endpoint(
    PUT "/banks/{bank_id}/products/{product_code}",
    operation_id = "OBPv5.0.0-createProduct",
    login,
    roles = [
        role::CAN_CREATE_PRODUCT,
        role::CAN_CREATE_PRODUCT_AT_ANY_BANK
    ],
    roles_in_handler,
    tag = "Product",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("product_code" = String, Path, description = "PRODUCT_CODE")
    ),
    request_body = PutProductJsonV500,
    responses(
        (status = 201, description = "ProductJsonV400", body = ProductJsonV400),
        (status = 400, description = "OBP-10001, OBP-30062", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
pub async fn create_product(
    auth: Authorized<CreateProduct>,
    state: web::Data<AppState>,
    path: web::Path<ProductPath>,
    body: web::Json<Value>,
) -> ApiResult<HttpResponse> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let input = serde_json::from_value::<PutProductJsonV500>(body.into_inner())
        .ok()
        .map(Into::into);
    let p = products::create(&state, &auth.ctx, bank_id, &path.product_code, input).await?;
    Ok(HttpResponse::Created().json(ProductJsonV400::from_product(p)))
}

/// Get Products
///
/// `{"products": [ProductJsonV400]}` of the bank, ordered by code.
#[endpoint(
    GET "/banks/{bank_id}/products",
    operation_id = "OBPv4.0.0-getProducts",
    anonymous,
    tag = "Product",
    params(("bank_id" = String, Path, description = "BANK_ID")),
    responses(
        (status = 200, description = "ProductsJsonV400", body = ProductsJsonV400),
        (status = 401, description = "OBP-20001 when `public_products` is false", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
pub async fn get_products(
    auth: Authorized<GetProducts>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
) -> ApiResult<web::Json<ProductsJsonV400>> {
    let list = products::list(&state, &auth.ctx, &path.bank_id).await?;
    Ok(web::Json(ProductsJsonV400 {
        products: list
            .into_iter()
            .map(ProductJsonV400::from_product)
            .collect(),
    }))
}

/// Get Bank Product
///
/// One product with its attributes and (empty) fees; 404 OBP-30011 when none.
#[endpoint(
    GET "/banks/{bank_id}/products/{product_code}",
    operation_id = "OBPv4.0.0-getProduct",
    anonymous,
    tag = "Product",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("product_code" = String, Path, description = "PRODUCT_CODE")
    ),
    responses(
        (status = 200, description = "ProductJsonV400", body = ProductJsonV400),
        (status = 401, description = "OBP-20001 when `public_products` is false", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-30011", body = ErrorBody)
    )
)]
pub async fn get_product(
    auth: Authorized<GetProduct>,
    state: web::Data<AppState>,
    path: web::Path<ProductPath>,
) -> ApiResult<web::Json<ProductJsonV400>> {
    let (p, attributes) =
        products::get(&state, &auth.ctx, &path.bank_id, &path.product_code).await?;
    Ok(web::Json(ProductJsonV400::with_attributes(p, attributes)))
}

/// Delete Product Cascade
///
/// Deletes the product PRODUCT_CODE with its attributes and fees (`CanDeleteProductCascade`
/// at the bank); answers `true`. 404 OBP-30011 when there is no such product; 400 OBP-80001,
/// with nothing deleted, while accounts of the product exist (accounts and their
/// transactions are never deleted).
#[endpoint(
    DELETE "/management/cascading/banks/{bank_id}/products/{product_code}",
    operation_id = "OBPv4.0.0-deleteProductCascade",
    login,
    roles = [role::CAN_DELETE_PRODUCT_CASCADE],
    roles_in_handler,
    tag = "Product",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("product_code" = String, Path, description = "PRODUCT_CODE")
    ),
    responses(
        (status = 200, description = "`true`", body = bool),
        (status = 400, description = "OBP-80001 accounts of the product exist", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-30011", body = ErrorBody)
    )
)]
pub async fn delete_product_cascade(
    auth: Authorized<DeleteProductCascade>,
    state: web::Data<AppState>,
    path: web::Path<ProductPath>,
) -> ApiResult<web::Json<bool>> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let done = products::delete_cascade(&state, &auth.ctx, &bank_id, &path.product_code).await?;
    Ok(web::Json(done))
}

// ------------------------------------------------------------ product attributes

/// Path with a bank, a product and an attribute.
#[derive(Debug, Deserialize)]
pub struct ProductAttributePath {
    /// BANK_ID.
    pub bank_id: String,
    /// PRODUCT_CODE.
    pub product_code: String,
    /// PRODUCT_ATTRIBUTE_ID.
    pub product_attribute_id: String,
}

/// The posted attribute, parsed (400 OBP-10001 for a wrong shape). The body arrives as a
/// `Value` because OBP tells a wrong shape only after the bank and the roles.
fn posted_attribute(body: Value) -> ApiResult<ProductAttributeInput> {
    serde_json::from_value::<ProductAttributeJsonV400>(body)
        .map(Into::into)
        .map_err(|e| {
            ApiError::with_detail(
                ErrorCode::InvalidJsonFormat,
                format!("The Json body should be the ProductAttributeJson ({e})."),
            )
        })
}

/// Create Product Attribute
///
/// Adds an attribute (ISIN, MATURITY_DATE, ...) to the product (`CanCreateProductAttribute`
/// at the bank). 404 OBP-30011 when the product does not exist.
#[endpoint(
    POST "/banks/{bank_id}/products/{product_code}/attribute",
    operation_id = "OBPv4.0.0-createProductAttribute",
    login,
    roles = [role::CAN_CREATE_PRODUCT_ATTRIBUTE],
    roles_in_handler,
    tag = "Product",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("product_code" = String, Path, description = "PRODUCT_CODE")
    ),
    request_body = ProductAttributeJsonV400,
    responses(
        (status = 201, description = "ProductAttributeResponseJsonV400", body = ProductAttributeResponseJsonV400),
        (status = 400, description = "OBP-10001", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001, OBP-30011", body = ErrorBody)
    )
)]
pub async fn create_product_attribute(
    auth: Authorized<CreateProductAttribute>,
    state: web::Data<AppState>,
    path: web::Path<ProductPath>,
    body: web::Json<Value>,
) -> ApiResult<HttpResponse> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let saved = products::create_attribute(
        &state,
        &auth.ctx,
        bank_id,
        &path.product_code,
        posted_attribute(body.into_inner()),
    )
    .await?;
    Ok(HttpResponse::Created().json(ProductAttributeResponseJsonV400::from(saved)))
}

/// Update Product Attribute
///
/// Replaces an attribute of the product (`CanUpdateProductAttribute` at the bank); an
/// omitted `is_active` keeps the attribute's.
#[endpoint(
    PUT "/banks/{bank_id}/products/{product_code}/attributes/{product_attribute_id}",
    operation_id = "OBPv4.0.0-updateProductAttribute",
    login,
    roles = [role::CAN_UPDATE_PRODUCT_ATTRIBUTE],
    roles_in_handler,
    tag = "Product",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("product_code" = String, Path, description = "PRODUCT_CODE"),
        ("product_attribute_id" = String, Path, description = "PRODUCT_ATTRIBUTE_ID")
    ),
    request_body = ProductAttributeJsonV400,
    responses(
        (status = 200, description = "ProductAttributeResponseJsonV400", body = ProductAttributeResponseJsonV400),
        (status = 400, description = "OBP-10001", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody),
        (status = 404, description = "OBP-30232: no such attribute", body = ErrorBody)
    )
)]
pub async fn update_product_attribute(
    auth: Authorized<UpdateProductAttribute>,
    state: web::Data<AppState>,
    path: web::Path<ProductAttributePath>,
    body: web::Json<Value>,
) -> ApiResult<web::Json<ProductAttributeResponseJsonV400>> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let saved = products::update_attribute(
        &state,
        &auth.ctx,
        bank_id,
        &path.product_code,
        &path.product_attribute_id,
        posted_attribute(body.into_inner()),
    )
    .await?;
    Ok(web::Json(saved.into()))
}

/// Get Product Attribute
///
/// One attribute of the product (`CanGetProductAttribute` at the bank).
#[endpoint(
    GET "/banks/{bank_id}/products/{product_code}/attributes/{product_attribute_id}",
    operation_id = "OBPv4.0.0-getProductAttribute",
    login,
    roles = [role::CAN_GET_PRODUCT_ATTRIBUTE],
    roles_in_handler,
    tag = "Product",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("product_code" = String, Path, description = "PRODUCT_CODE"),
        ("product_attribute_id" = String, Path, description = "PRODUCT_ATTRIBUTE_ID")
    ),
    responses(
        (status = 200, description = "ProductAttributeResponseJsonV400", body = ProductAttributeResponseJsonV400),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody),
        (status = 404, description = "OBP-30232: no such attribute", body = ErrorBody)
    )
)]
pub async fn get_product_attribute(
    auth: Authorized<GetProductAttribute>,
    state: web::Data<AppState>,
    path: web::Path<ProductAttributePath>,
) -> ApiResult<web::Json<ProductAttributeResponseJsonV400>> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let a = products::attribute(
        &state,
        &auth.ctx,
        &bank_id,
        &path.product_code,
        &path.product_attribute_id,
    )
    .await?;
    Ok(web::Json(a.into()))
}

/// Delete Product Attribute
///
/// Deletes an attribute of the product (`CanDeleteProductAttribute` at the bank); 204.
#[endpoint(
    DELETE "/banks/{bank_id}/products/{product_code}/attributes/{product_attribute_id}",
    operation_id = "OBPv4.0.0-deleteProductAttribute",
    login,
    roles = [role::CAN_DELETE_PRODUCT_ATTRIBUTE],
    roles_in_handler,
    tag = "Product",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("product_code" = String, Path, description = "PRODUCT_CODE"),
        ("product_attribute_id" = String, Path, description = "PRODUCT_ATTRIBUTE_ID")
    ),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody),
        (status = 404, description = "OBP-30232: no such attribute", body = ErrorBody)
    )
)]
pub async fn delete_product_attribute(
    auth: Authorized<DeleteProductAttribute>,
    state: web::Data<AppState>,
    path: web::Path<ProductAttributePath>,
) -> ApiResult<HttpResponse> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    products::delete_attribute(
        &state,
        &auth.ctx,
        &bank_id,
        &path.product_code,
        &path.product_attribute_id,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
