//! OBP JSON shape of a funds check (v3.1.0).

use serde::Serialize;
use utoipa::ToSchema;

use crate::json::obp_date;
use crate::service::funds::FundsCheck;

/// `CheckFundsAvailableJson`.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckFundsAvailableJson {
    /// `yes` when the account covers the amount now, else `no`.
    #[schema(example = "yes")]
    pub answer: String,
    /// When the check was made.
    #[schema(example = "2023-04-13T04:30:08Z")]
    pub date: String,
    /// The request's id (its correlation id).
    pub available_funds_request_id: String,
}

impl From<FundsCheck> for CheckFundsAvailableJson {
    fn from(c: FundsCheck) -> Self {
        Self {
            answer: c.answer.as_str().to_owned(),
            date: obp_date(c.date),
            available_funds_request_id: c.request_id,
        }
    }
}
