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
use obp_connectors::ConnectorError;
use obp_domain::account::check_attribute_value;
use obp_domain::refdata::{parse_ref_id, Product, ProductAttribute};
use obp_domain::{role, ErrorCode};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::ToSchema;

use crate::access::{bank_then_roles, require_bank_id};
use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::state::AppState;

/// Path with a bank.
#[derive(Debug, Deserialize)]
pub struct BankPath {
    /// BANK_ID.
    pub bank_id: String,
}

/// Path with a bank and a product.
#[derive(Debug, Deserialize)]
pub struct ProductPath {
    /// BANK_ID.
    pub bank_id: String,
    /// PRODUCT_CODE.
    pub product_code: String,
}

/// `LicenseJsonV140`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct LicenseJson {
    /// Licence id.
    pub id: String,
    /// Licence name.
    pub name: String,
}

/// `MetaJsonV140`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct MetaJson {
    /// The licence the data is released under.
    pub license: LicenseJson,
}

/// `PutProductJsonV500`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PutProductJsonV500 {
    /// Parent product code (blank for none).
    #[schema(max_length = 50)]
    pub parent_product_code: String,
    /// Name.
    #[schema(max_length = 125)]
    pub name: String,
    /// More info URL.
    #[schema(max_length = 2000)]
    pub more_info_url: Option<String>,
    /// Terms and conditions URL.
    #[schema(max_length = 2000)]
    pub terms_and_conditions_url: Option<String>,
    /// Description.
    #[schema(max_length = 2000)]
    pub description: Option<String>,
    /// Licence of the data.
    pub meta: Option<MetaJson>,
}

/// `ProductJsonV400` (`attributes` and `fees` only on the get-one answer).
#[derive(Debug, Serialize, ToSchema)]
pub struct ProductJsonV400 {
    /// BANK_ID.
    pub bank_id: String,
    /// PRODUCT_CODE.
    pub product_code: String,
    /// Parent product code (`""` for none).
    pub parent_product_code: String,
    /// Name.
    pub name: String,
    /// More info URL.
    pub more_info_url: String,
    /// Terms and conditions URL.
    pub terms_and_conditions_url: String,
    /// Description.
    pub description: String,
    /// Licence of the data.
    pub meta: MetaJson,
    /// Product attributes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes: Option<Vec<ProductAttributeResponseWithoutBankIdJson>>,
    /// Product fees.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fees: Option<Vec<Value>>,
}

/// `ProductsJsonV400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProductsJsonV400 {
    /// The products.
    pub products: Vec<ProductJsonV400>,
}

fn detail_str(details: &Map<String, Value>, key: &str) -> String {
    details
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

impl ProductJsonV400 {
    fn from_product(p: Product) -> Self {
        let meta = p
            .details
            .get("meta")
            .cloned()
            .and_then(|m| serde_json::from_value(m).ok())
            .unwrap_or_default();
        Self {
            more_info_url: detail_str(&p.details, "more_info_url"),
            terms_and_conditions_url: detail_str(&p.details, "terms_and_conditions_url"),
            description: detail_str(&p.details, "description"),
            meta,
            bank_id: p.bank_id.into_inner(),
            product_code: p.product_code,
            parent_product_code: p.parent_product_code,
            name: p.name,
            attributes: None,
            fees: None,
        }
    }
}

fn products_readable<E>(auth: &Authorized<E>, state: &AppState) -> ApiResult<()> {
    if !state.settings.public_products {
        auth.user()?;
    }
    Ok(())
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
    let invalid = || {
        ApiError::with_detail(
            ErrorCode::InvalidJsonFormat,
            "The Json body should be the PutProductJsonV500 ",
        )
    };
    let code = parse_ref_id(path.product_code.clone()).map_err(|_| invalid())?;
    let body: PutProductJsonV500 =
        serde_json::from_value(body.into_inner()).map_err(|_| invalid())?;
    let parent = body.parent_product_code.trim();
    let parent_product_code = if parent.is_empty() {
        String::new()
    } else {
        match state
            .connector
            .get_product(&auth.ctx, &bank_id, parent)
            .await
        {
            Ok(p) => p.product_code,
            Err(ConnectorError::NotFound { .. }) => {
                return Err(ApiError::with_detail(
                    ErrorCode::ParentProductNotFoundByProductCode,
                    format!("{{{parent}}}"),
                ))
            }
            Err(e) => return Err(e.into()),
        }
    };
    let mut details = Map::new();
    details.insert(
        "more_info_url".into(),
        Value::String(body.more_info_url.unwrap_or_default()),
    );
    details.insert(
        "terms_and_conditions_url".into(),
        Value::String(body.terms_and_conditions_url.unwrap_or_default()),
    );
    details.insert(
        "description".into(),
        Value::String(body.description.unwrap_or_default()),
    );
    let meta = serde_json::to_value(body.meta.unwrap_or_default()).map_err(ApiError::internal)?;
    details.insert("meta".into(), meta);
    let product = Product {
        bank_id,
        product_code: code,
        parent_product_code,
        name: body.name,
        details,
    };
    let p = state
        .connector
        .create_or_update_product(&auth.ctx, product)
        .await?;
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
    products_readable(&auth, &state)?;
    let bank_id = require_bank_id(&state, &auth.ctx, &path.bank_id).await?;
    let list = state.connector.get_products(&auth.ctx, &bank_id).await?;
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
    products_readable(&auth, &state)?;
    let bank_id = require_bank_id(&state, &auth.ctx, &path.bank_id).await?;
    let p = state
        .connector
        .get_product(&auth.ctx, &bank_id, &path.product_code)
        .await?;
    let attributes = state
        .connector
        .get_product_attributes_by_bank_and_code(&auth.ctx, &bank_id, &p.product_code)
        .await?;
    let mut j = ProductJsonV400::from_product(p);
    j.attributes = Some(
        attributes
            .into_iter()
            .map(ProductAttributeResponseWithoutBankIdJson::from)
            .collect(),
    );
    j.fees = Some(Vec::new());
    Ok(web::Json(j))
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
    let not_found = || {
        ApiError::with_detail(
            ErrorCode::ProductNotFoundByProductCode,
            format!("Current PRODUCT_CODE is {}", path.product_code),
        )
    };
    match state
        .connector
        .delete_product_cascade(&auth.ctx, &bank_id, &path.product_code)
        .await
    {
        Ok(done) => Ok(web::Json(done)),
        Err(ConnectorError::NotFound { .. }) => Err(not_found()),
        Err(e) => Err(e.into()),
    }
}

// ------------------------------------------------------------ product attributes

/// `ProductAttributeResponseWithoutBankIdJson` (in the product's `attributes`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ProductAttributeResponseWithoutBankIdJson {
    /// PRODUCT_CODE.
    pub product_code: String,
    /// PRODUCT_ATTRIBUTE_ID.
    pub product_attribute_id: String,
    /// Name.
    pub name: String,
    /// Type.
    #[serde(rename = "type")]
    pub attribute_type: String,
    /// Value.
    pub value: String,
}

impl From<ProductAttribute> for ProductAttributeResponseWithoutBankIdJson {
    fn from(a: ProductAttribute) -> Self {
        Self {
            product_code: a.product_code,
            product_attribute_id: a.id,
            name: a.name,
            attribute_type: a.attribute_type,
            value: a.value,
        }
    }
}

/// `ProductAttributeJsonV400`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ProductAttributeJsonV400 {
    /// Name.
    #[schema(example = "ISIN")]
    #[schema(max_length = 50)]
    pub name: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    #[serde(rename = "type")]
    #[schema(example = "STRING")]
    #[schema(max_length = 50)]
    pub attribute_type: String,
    /// Value, a value of the type.
    #[schema(example = "US4582141005")]
    #[schema(max_length = 255)]
    pub value: String,
    /// Active flag.
    pub is_active: Option<bool>,
}

/// `ProductAttributeResponseJsonV400`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProductAttributeResponseJsonV400 {
    /// BANK_ID.
    pub bank_id: String,
    /// PRODUCT_CODE.
    pub product_code: String,
    /// PRODUCT_ATTRIBUTE_ID.
    pub product_attribute_id: String,
    /// Name.
    pub name: String,
    /// Type.
    #[serde(rename = "type")]
    pub attribute_type: String,
    /// Value.
    pub value: String,
    /// Active flag (`null` when never given).
    pub is_active: Option<bool>,
}

impl From<ProductAttribute> for ProductAttributeResponseJsonV400 {
    fn from(a: ProductAttribute) -> Self {
        Self {
            bank_id: a.bank_id.into_inner(),
            product_code: a.product_code,
            product_attribute_id: a.id,
            name: a.name,
            attribute_type: a.attribute_type,
            value: a.value,
            is_active: a.is_active,
        }
    }
}

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

/// The posted attribute, checked: shape, type, value against type (400 OBP-10001).
fn posted_attribute(body: Value) -> ApiResult<ProductAttributeJsonV400> {
    let b: ProductAttributeJsonV400 = serde_json::from_value(body).map_err(|e| {
        ApiError::with_detail(
            ErrorCode::InvalidJsonFormat,
            format!("The Json body should be the ProductAttributeJson ({e})."),
        )
    })?;
    if b.name.trim().is_empty() {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidJsonFormat,
            "The `name` field must not be empty.",
        ));
    }
    crate::service::attributes::check_type(&b.attribute_type, "12.1234")?;
    check_attribute_value(&b.attribute_type, &b.value)
        .map_err(|why| ApiError::with_detail(ErrorCode::InvalidJsonFormat, why))?;
    Ok(b)
}

/// The attribute of this product at this bank; 404 OBP-30232 when missing or another
/// product's.
async fn attribute_of_product(
    state: &AppState,
    ctx: &obp_domain::context::CallContext,
    bank_id: &obp_domain::ids::BankId,
    product_code: &str,
    attribute_id: &str,
) -> ApiResult<ProductAttribute> {
    let a = state
        .connector
        .get_product_attribute_by_id(ctx, bank_id, attribute_id)
        .await?;
    if a.product_code != product_code {
        return Err(ApiError::new(ErrorCode::AttributeByIdNotFound));
    }
    Ok(a)
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
    let b = posted_attribute(body.into_inner())?;
    let p = state
        .connector
        .get_product(&auth.ctx, &bank_id, &path.product_code)
        .await
        .map_err(|e| match e {
            ConnectorError::NotFound { .. } => ApiError::with_detail(
                ErrorCode::ProductNotFoundByProductCode,
                format!("{{{}}}", path.product_code),
            ),
            e => e.into(),
        })?;
    let saved = state
        .connector
        .create_or_update_product_attribute(
            &auth.ctx,
            ProductAttribute {
                id: uuid::Uuid::new_v4().to_string(),
                bank_id,
                product_code: p.product_code,
                name: b.name,
                attribute_type: b.attribute_type,
                value: b.value,
                is_active: b.is_active,
            },
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
    let b = posted_attribute(body.into_inner())?;
    let existing = attribute_of_product(
        &state,
        &auth.ctx,
        &bank_id,
        &path.product_code,
        &path.product_attribute_id,
    )
    .await?;
    let saved = state
        .connector
        .create_or_update_product_attribute(
            &auth.ctx,
            ProductAttribute {
                id: existing.id,
                bank_id,
                product_code: existing.product_code,
                name: b.name,
                attribute_type: b.attribute_type,
                value: b.value,
                is_active: b.is_active.or(existing.is_active),
            },
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
    let a = attribute_of_product(
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
    let a = attribute_of_product(
        &state,
        &auth.ctx,
        &bank_id,
        &path.product_code,
        &path.product_attribute_id,
    )
    .await?;
    state
        .connector
        .delete_product_attribute(&auth.ctx, &bank_id, &a.id)
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
