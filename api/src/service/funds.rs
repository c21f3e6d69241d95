//! Confirmation of funds (OBP v3.1.0 `checkFundsAvailable`).
//!
//! Checks in OBP's order: bank (OBP-30001), account (OBP-30018), the caller's access to the
//! view (OBP-30005 / OBP-20017), the view's `can_query_available_funds` permission
//! (OBP-20022), then the query: `amount` present (OBP-20055), `currency` present
//! (OBP-20055), `amount` a number (OBP-20054), `currency` an ISO code (OBP-10003). A currency
//! other than the account's answers "no" (OBP does not convert). The comparison itself is
//! [`obp_domain::funds::funds_available`]: exact decimals, balance plus overdraft limit.

use chrono::{DateTime, Utc};
use obp_domain::context::CallContext;
use obp_domain::funds::{funds_available, parse_amount, FundsAnswer};
use obp_domain::view::Permission;
use obp_domain::{Currency, ErrorCode};

use crate::access::{require_account_view, require_permission};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The answer of a funds check.
#[derive(Debug, Clone)]
pub struct FundsCheck {
    /// Yes or no.
    pub answer: FundsAnswer,
    /// When the check was made.
    pub date: DateTime<Utc>,
    /// The request's id (OBP: the correlation id).
    pub request_id: String,
}

/// Where the account is and through which view it is asked.
#[derive(Debug, Clone, Copy)]
pub struct FundsTarget<'a> {
    /// BANK_ID.
    pub bank_id: &'a str,
    /// ACCOUNT_ID.
    pub account_id: &'a str,
    /// VIEW_ID.
    pub view_id: &'a str,
}

/// The first value of query parameter `name`, as OBP reads it.
fn first<'q>(query: &'q [(String, String)], name: &str) -> Option<&'q str> {
    query
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Whether the account covers `amount` `currency` (query parameters) now.
///
/// # Errors
/// 404 OBP-30001 / OBP-30018 / OBP-30005, 403 OBP-20017 / OBP-20022, 400 OBP-20055 /
/// OBP-20054 / OBP-10003, a connector or database failure.
pub async fn check(
    state: &AppState,
    ctx: &CallContext,
    target: FundsTarget<'_>,
    query: &[(String, String)],
) -> ApiResult<FundsCheck> {
    let (account, view) = require_account_view(
        state,
        ctx,
        target.bank_id,
        target.account_id,
        target.view_id,
    )
    .await?;
    require_permission(&view, Permission::QueryAvailableFunds)?;
    let missing = |name: &str| ApiError::with_detail(ErrorCode::MissingQueryParams, name);
    let amount = first(query, "amount").ok_or_else(|| missing("amount"))?;
    let currency = first(query, "currency").ok_or_else(|| missing("currency"))?;
    let amount = parse_amount(amount).ok_or_else(|| ApiError::new(ErrorCode::InvalidAmount))?;
    let currency =
        Currency::parse(currency).map_err(|_| ApiError::new(ErrorCode::InvalidIsoCurrencyCode))?;
    Ok(FundsCheck {
        answer: funds_available(&account, amount, currency),
        date: Utc::now(),
        request_id: ctx.correlation_id().to_owned(),
    })
}
