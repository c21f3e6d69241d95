//! Platform management of payments: the SCA outbox and ledger verification.
//!
//! Not OBP endpoints: the platform's own, under `/obp/vX/management/...`, with the platform
//! roles `CanGetScaOutbox` and `CanVerifyLedger`.

use actix_web::{get, web, HttpResponse};
use obp_connectors::store::sca::OutboxMessage;
use obp_domain::role;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::json::obp_date;
use crate::service::ledger::{self, OutboxFilter};
use crate::state::AppState;

/// Filters of the outbox.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    /// Only messages to this user.
    pub user_id: Option<String>,
    /// Only messages of this challenge.
    pub challenge_id: Option<String>,
    /// At most this many (default 50, 1 to 1000).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<i64>,
}

/// One OTP message.
#[derive(Debug, Serialize, ToSchema)]
pub struct OutboxMessageJson {
    /// Message id.
    pub id: String,
    /// Challenge.
    pub challenge_id: String,
    /// Recipient user.
    pub user_id: String,
    /// OUTBOX, SMTP or WEBHOOK.
    pub transport: String,
    /// Address used.
    pub recipient: String,
    /// Text.
    pub message: String,
    /// The code (OUTBOX only).
    pub code: String,
    /// When.
    pub created: String,
}

impl From<OutboxMessage> for OutboxMessageJson {
    fn from(r: OutboxMessage) -> Self {
        Self {
            id: r.id,
            challenge_id: r.challenge_id,
            user_id: r.user_id,
            transport: r.transport,
            recipient: r.recipient,
            message: r.message,
            code: r.code,
            created: obp_date(r.created_at),
        }
    }
}

/// `{"messages": [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct OutboxJson {
    /// Newest first.
    pub messages: Vec<OutboxMessageJson>,
}

/// Get SCA outbox
///
/// One-time passwords kept by the OUTBOX transport (and a delivery log of the others),
/// newest first. For tests, demos and operators. A code is deleted (emptied, and blanked
/// out of the message) as soon as its challenge is answered, out of attempts, expired or
/// its request rejected. The OUTBOX transport runs only on `stage = "dev"` unless
/// `allow_sca_outbox` is set.
#[endpoint(
    GET "/management/sca-outbox",
    operation_id = "getScaOutbox",
    login,
    roles = [role::CAN_GET_SCA_OUTBOX],
    tag = "Transaction Request",
    params(OutboxQuery),
    responses(
        (status = 200, body = OutboxJson),
        (status = 400, description = "OBP-10025 limit not 1 to 1000", body = ErrorBody),
        (status = 403, description = "OBP-20006 CanGetScaOutbox", body = ErrorBody)
    )
)]
pub async fn get_sca_outbox(
    _auth: Authorized<GetScaOutbox>,
    state: web::Data<AppState>,
    query: web::Query<OutboxQuery>,
) -> ApiResult<web::Json<OutboxJson>> {
    let q = query.into_inner();
    let rows = ledger::sca_outbox(
        &state,
        OutboxFilter {
            user_id: q.user_id,
            challenge_id: q.challenge_id,
            limit: q.limit,
        },
    )
    .await?;
    Ok(web::Json(OutboxJson {
        messages: rows.into_iter().map(Into::into).collect(),
    }))
}

/// The outcome of a ledger check.
#[derive(Debug, Serialize, ToSchema)]
pub struct LedgerVerificationJson {
    /// Whether every invariant holds.
    pub clean: bool,
    /// How many violations were found.
    pub total_violations: usize,
    /// The first violations (at most 100), readable.
    pub violations: Vec<String>,
}

/// Verify ledger
///
/// Checks the mapped ledger: per currency the legs sum to zero, every balance equals the sum
/// of its legs, every double-entry record has its two matching legs. 200 with
/// `clean: true`, or 409 listing the first violations.
#[endpoint(
    GET "/management/ledger/verify",
    operation_id = "verifyLedger",
    login,
    roles = [role::CAN_VERIFY_LEDGER],
    tag = "Transaction Request",
    responses(
        (status = 200, body = LedgerVerificationJson),
        (status = 409, description = "Violations found", body = LedgerVerificationJson),
        (status = 403, description = "OBP-20006 CanVerifyLedger", body = ErrorBody)
    )
)]
pub async fn verify_ledger(
    _auth: Authorized<VerifyLedger>,
    state: web::Data<AppState>,
) -> ApiResult<HttpResponse> {
    let report = ledger::verify(&state, 100).await?;
    let json = LedgerVerificationJson {
        clean: report.is_clean(),
        total_violations: report.total,
        violations: report.violations.iter().map(ToString::to_string).collect(),
    };
    Ok(if report.is_clean() {
        HttpResponse::Ok().json(json)
    } else {
        HttpResponse::Conflict().json(json)
    })
}
