//! Attributes (of accounts, banks, products, customers, transactions): the rules they share.

use obp_domain::account::is_attribute_type;
use obp_domain::ErrorCode;

use crate::error::{ApiError, ApiResult};

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
