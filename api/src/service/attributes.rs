//! Attributes (of accounts, banks, products, customers, transactions): the rules they share,
//! and the use cases of bank attributes (create, list, read, update, delete).

use obp_domain::account::{check_attribute_value, is_attribute_type};
use obp_domain::bank::BankAttribute;
use obp_domain::context::CallContext;
use obp_domain::ErrorCode;

use crate::access::require_bank;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// An attribute type is one of OBP's `STRING`, `INTEGER`, `DOUBLE`, `DATE_WITH_DAY`.
///
/// # Errors
/// 400 OBP-10001 naming the accepted types, as OBP words it (`double_example` is the
/// example OBP shows for `DOUBLE`, which differs per kind of attribute).
pub fn check_type(t: &str, double_example: &str) -> ApiResult<()> {
    if is_attribute_type(t) {
        Ok(())
    } else {
        Err(ApiError::with_detail(
            ErrorCode::InvalidJsonFormat,
            format!(
                "The `Type` field can only accept the following field: DOUBLE({double_example}), STRING(TAX_NUMBER), INTEGER(123) and DATE_WITH_DAY(2012-04-23)"
            ),
        ))
    }
}

/// A customer or product attribute: a non-empty name, one of OBP's types (`DOUBLE` shown as
/// `12.1234`) and a value of that type.
///
/// # Errors
/// 400 OBP-10001 naming what is wrong.
pub fn check_typed_attribute(name: &str, attribute_type: &str, value: &str) -> ApiResult<()> {
    if name.trim().is_empty() {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidJsonFormat,
            "The `name` field must not be empty.",
        ));
    }
    check_type(attribute_type, "12.1234")?;
    check_attribute_value(attribute_type, value)
        .map_err(|why| ApiError::with_detail(ErrorCode::InvalidJsonFormat, why))
}

// ---------------------------------------------------------------- bank attributes

/// A bank attribute as a client sends it (`BankAttributeJsonV400`).
#[derive(Debug, Clone)]
pub struct BankAttributeInput {
    /// Name.
    pub name: String,
    /// `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.
    pub attribute_type: String,
    /// Value.
    pub value: String,
    /// Shown in the bank's JSON; true on create and unchanged on update when missing.
    pub is_active: Option<bool>,
}

/// Adds an attribute to the bank.
///
/// # Errors
/// 400 OBP-30111 / 404 OBP-30001, 400 OBP-10001 bad type, a connector failure.
pub async fn create_bank_attribute(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    input: BankAttributeInput,
) -> ApiResult<BankAttribute> {
    let bank = require_bank(state, ctx, bank_id).await?;
    check_type(&input.attribute_type, "12.1234")?;
    Ok(state
        .connector
        .create_or_update_bank_attribute(
            ctx,
            BankAttribute {
                id: uuid::Uuid::new_v4().to_string(),
                bank_id: bank.id,
                name: input.name,
                attribute_type: input.attribute_type,
                value: input.value,
                is_active: input.is_active.unwrap_or(true),
            },
        )
        .await?)
}

/// Every attribute of the bank, active or not.
///
/// # Errors
/// 400 OBP-30111 / 404 OBP-30001, a connector failure.
pub async fn bank_attributes(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
) -> ApiResult<Vec<BankAttribute>> {
    let bank = require_bank(state, ctx, bank_id).await?;
    Ok(state
        .connector
        .get_bank_attributes_by_bank(ctx, &bank.id)
        .await?)
}

/// One attribute of the bank.
///
/// # Errors
/// 400 OBP-30111 / 404 OBP-30001, 404 OBP-30232 no such attribute, a connector failure.
pub async fn bank_attribute(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    attribute_id: &str,
) -> ApiResult<BankAttribute> {
    let bank = require_bank(state, ctx, bank_id).await?;
    Ok(state
        .connector
        .get_bank_attribute_by_id(ctx, &bank.id, attribute_id)
        .await?)
}

/// Replaces an attribute of the bank (`is_active` unchanged when the input has none).
///
/// # Errors
/// 400 OBP-30111 / 404 OBP-30001, 400 OBP-10001 bad type, 404 OBP-30232 no such attribute,
/// a connector failure.
pub async fn update_bank_attribute(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    attribute_id: &str,
    input: BankAttributeInput,
) -> ApiResult<BankAttribute> {
    let bank = require_bank(state, ctx, bank_id).await?;
    check_type(&input.attribute_type, "12.1234")?;
    let existing = state
        .connector
        .get_bank_attribute_by_id(ctx, &bank.id, attribute_id)
        .await?;
    Ok(state
        .connector
        .create_or_update_bank_attribute(
            ctx,
            BankAttribute {
                id: existing.id,
                bank_id: bank.id,
                name: input.name,
                attribute_type: input.attribute_type,
                value: input.value,
                is_active: input.is_active.unwrap_or(existing.is_active),
            },
        )
        .await?)
}

/// Deletes an attribute of the bank.
///
/// # Errors
/// 400 OBP-30111 / 404 OBP-30001, 404 OBP-30232 no such attribute, a connector failure.
pub async fn delete_bank_attribute(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    attribute_id: &str,
) -> ApiResult<()> {
    let bank = require_bank(state, ctx, bank_id).await?;
    state
        .connector
        .delete_bank_attribute(ctx, &bank.id, attribute_id)
        .await?;
    Ok(())
}
