//! Products of a bank and their attributes.
//!
//! A product is created or replaced by its code; a non-blank parent code must name an
//! existing product of the bank (400 OBP-30062). The fields OBP keeps beyond code, parent
//! and name (URLs, description, the data's licence) are kept in the product's `details`.
//! Reads are anonymous unless the instance's `public_products` is false. Deleting a product
//! never deletes accounts: it answers 400 OBP-80001 while accounts of the product exist.
//!
//! Writes take the bank already checked with the caller's roles (the route does that through
//! [`crate::access::bank_then_roles`]); a body's parse result is passed in so its error is
//! told at OBP's point in the order of checks.

use obp_domain::context::CallContext;
use obp_domain::ids::BankId;
use obp_domain::refdata::{parse_ref_id, Product, ProductAttribute};
use obp_domain::ErrorCode;
use serde_json::{Map, Value};

use crate::access::require_bank_id;
use crate::error::{ApiError, ApiResult};
use crate::service::attributes::check_typed_attribute;
use crate::service::refdata::readable;
use crate::state::AppState;

/// A product as sent (`PutProductJsonV500`, parsed).
#[derive(Debug, Clone)]
pub struct ProductInput {
    /// Parent product code (blank for none).
    pub parent_product_code: String,
    /// Name.
    pub name: String,
    /// More info URL.
    pub more_info_url: Option<String>,
    /// Terms and conditions URL.
    pub terms_and_conditions_url: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// The licence of the data, in its kept form (`{"license": {"id", "name"}}`).
    pub meta: Value,
}

fn invalid_product() -> ApiError {
    ApiError::with_detail(
        ErrorCode::InvalidJsonFormat,
        "The Json body should be the PutProductJsonV500 ",
    )
}

/// Creates or replaces the product `code` of the bank. A malformed code, or `input`'s parse
/// error, answers 400 OBP-10001; an unknown parent 400 OBP-30062.
///
/// # Errors
/// 400 OBP-10001, 400 OBP-30062, a connector failure.
pub async fn create(
    state: &AppState,
    ctx: &CallContext,
    bank_id: BankId,
    code: &str,
    input: Option<ProductInput>,
) -> ApiResult<Product> {
    let code = parse_ref_id(code).map_err(|_| invalid_product())?;
    let body = input.ok_or_else(invalid_product)?;
    let parent = body.parent_product_code.trim();
    let parent_product_code = if parent.is_empty() {
        String::new()
    } else {
        match state.connector.get_product(ctx, &bank_id, parent).await {
            Ok(p) => p.product_code,
            Err(e) if e.is_not_found() => {
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
    details.insert("meta".into(), body.meta);
    let product = Product {
        bank_id,
        product_code: code,
        parent_product_code,
        name: body.name,
        details,
    };
    Ok(state
        .connector
        .create_or_update_product(ctx, product)
        .await?)
}

/// The bank's products, ordered by code.
///
/// # Errors
/// 401 OBP-20001 (not public, anonymous), 404 OBP-30001, a connector failure.
pub async fn list(state: &AppState, ctx: &CallContext, bank_id: &str) -> ApiResult<Vec<Product>> {
    readable(state.settings.public_products, ctx)?;
    let bank_id = require_bank_id(state, ctx, bank_id).await?;
    Ok(state.connector.get_products(ctx, &bank_id).await?)
}

/// One product of the bank with its attributes; 404 OBP-30011 when none.
///
/// # Errors
/// 401 OBP-20001 (not public, anonymous), 404 OBP-30001, 404 OBP-30011, a connector failure.
pub async fn get(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    code: &str,
) -> ApiResult<(Product, Vec<ProductAttribute>)> {
    readable(state.settings.public_products, ctx)?;
    let bank_id = require_bank_id(state, ctx, bank_id).await?;
    let p = state.connector.get_product(ctx, &bank_id, code).await?;
    let attributes = state
        .connector
        .get_product_attributes_by_bank_and_code(ctx, &bank_id, &p.product_code)
        .await?;
    Ok((p, attributes))
}

/// Deletes the product with its attributes and fees; whether it was deleted. 404 OBP-30011
/// when there is no such product; 400 OBP-80001, with nothing deleted, while accounts of the
/// product exist.
///
/// # Errors
/// 404 OBP-30011, 400 OBP-80001, a connector failure.
pub async fn delete_cascade(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    code: &str,
) -> ApiResult<bool> {
    match state
        .connector
        .delete_product_cascade(ctx, bank_id, code)
        .await
    {
        Ok(done) => Ok(done),
        Err(e) if e.is_not_found() => Err(ApiError::with_detail(
            ErrorCode::ProductNotFoundByProductCode,
            format!("Current PRODUCT_CODE is {code}"),
        )),
        Err(e) => Err(e.into()),
    }
}

// ------------------------------------------------------------ product attributes

/// A product attribute as sent (`ProductAttributeJsonV400`, parsed).
#[derive(Debug, Clone)]
pub struct ProductAttributeInput {
    /// Name (must not be blank).
    pub name: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    pub attribute_type: String,
    /// Value, a value of the type.
    pub value: String,
    /// Active flag.
    pub is_active: Option<bool>,
}

/// The attribute checked: name, type, value against type (400 OBP-10001).
fn checked(input: ApiResult<ProductAttributeInput>) -> ApiResult<ProductAttributeInput> {
    let b = input?;
    check_typed_attribute(&b.name, &b.attribute_type, &b.value)?;
    Ok(b)
}

/// The attribute of this product at this bank; 404 OBP-30232 when missing or another
/// product's.
async fn attribute_of_product(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
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

/// Adds an attribute to the product; 404 OBP-30011 when the product does not exist.
///
/// # Errors
/// 400 OBP-10001, 404 OBP-30011, a connector failure.
pub async fn create_attribute(
    state: &AppState,
    ctx: &CallContext,
    bank_id: BankId,
    code: &str,
    input: ApiResult<ProductAttributeInput>,
) -> ApiResult<ProductAttribute> {
    let b = checked(input)?;
    let p = state
        .connector
        .get_product(ctx, &bank_id, code)
        .await
        .map_err(|e| match e {
            e if e.is_not_found() => ApiError::with_detail(
                ErrorCode::ProductNotFoundByProductCode,
                format!("{{{code}}}"),
            ),
            e => e.into(),
        })?;
    Ok(state
        .connector
        .create_or_update_product_attribute(
            ctx,
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
        .await?)
}

/// Replaces an attribute of the product; an omitted `is_active` keeps the attribute's.
///
/// # Errors
/// 400 OBP-10001, 404 OBP-30232, a connector failure.
pub async fn update_attribute(
    state: &AppState,
    ctx: &CallContext,
    bank_id: BankId,
    code: &str,
    attribute_id: &str,
    input: ApiResult<ProductAttributeInput>,
) -> ApiResult<ProductAttribute> {
    let b = checked(input)?;
    let existing = attribute_of_product(state, ctx, &bank_id, code, attribute_id).await?;
    Ok(state
        .connector
        .create_or_update_product_attribute(
            ctx,
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
        .await?)
}

/// One attribute of the product; 404 OBP-30232 when none.
///
/// # Errors
/// 404 OBP-30232, a connector failure.
pub async fn attribute(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    code: &str,
    attribute_id: &str,
) -> ApiResult<ProductAttribute> {
    attribute_of_product(state, ctx, bank_id, code, attribute_id).await
}

/// Deletes an attribute of the product; 404 OBP-30232 when none.
///
/// # Errors
/// 404 OBP-30232, a connector failure.
pub async fn delete_attribute(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    code: &str,
    attribute_id: &str,
) -> ApiResult<()> {
    let a = attribute_of_product(state, ctx, bank_id, code, attribute_id).await?;
    state
        .connector
        .delete_product_attribute(ctx, bank_id, &a.id)
        .await?;
    Ok(())
}
