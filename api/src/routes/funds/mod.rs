//! Confirmation of funds through a view.

pub mod json;

use actix_web::{get, web};

use self::json::CheckFundsAvailableJson;
use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::paths::AccountViewPath;
use crate::service::funds::{self, FundsTarget};
use crate::state::AppState;

/// Check Available Funds
///
/// Whether the account covers `amount` in `currency` now: the balance plus the overdraft
/// limit, compared exactly. Mandatory query parameters: `amount` (a plain decimal number) and
/// `currency` (ISO 4217). A currency other than the account's answers `no`. The view must
/// have `can_query_available_funds`.
#[endpoint(
    GET "/banks/{bank_id}/accounts/{account_id}/{view_id}/funds-available",
    operation_id = "OBPv3.1.0-checkFundsAvailable",
    login,
    tag = "Account",
    params(
        ("bank_id" = String, Path),
        ("account_id" = String, Path),
        ("view_id" = String, Path),
        ("amount" = String, Query, description = "The amount asked, e.g. `10.50`"),
        ("currency" = String, Query, description = "ISO 4217 currency code, e.g. `EUR`")
    ),
    responses(
        (status = 200, description = "The answer", body = CheckFundsAvailableJson),
        (status = 400, description = "OBP-20055 amount or currency missing; OBP-20054 invalid amount; OBP-10003 invalid currency", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20017 no access to the view; OBP-20022 the view lacks can_query_available_funds", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30005", body = ErrorBody)
    )
)]
pub async fn check_funds_available(
    auth: Authorized<CheckFundsAvailable>,
    state: web::Data<AppState>,
    path: web::Path<AccountViewPath>,
    query: web::Query<Vec<(String, String)>>,
) -> ApiResult<web::Json<CheckFundsAvailableJson>> {
    let target = FundsTarget {
        bank_id: &path.bank_id,
        account_id: &path.account_id,
        view_id: &path.view_id,
    };
    let answer = funds::check(&state, &auth.ctx, target, &query).await?;
    Ok(web::Json(answer.into()))
}
