//! Platform management of payments: the SCA outbox and the ledger check.

use obp_connectors::mapped::MappedConnector;
use obp_connectors::store::sca::{self as sca_store, OutboxMessage};
use obp_domain::ledger::VerificationReport;
use obp_domain::ErrorCode;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Filters of the outbox.
#[derive(Debug, Clone, Default)]
pub struct OutboxFilter {
    /// Only messages to this user.
    pub user_id: Option<String>,
    /// Only messages of this challenge.
    pub challenge_id: Option<String>,
    /// At most this many (default 50, 1 to 1000).
    pub limit: Option<i64>,
}

/// The outbox messages matching `filter`, newest first. Codes of answered or expired
/// challenges are deleted first, so nobody reads them.
///
/// # Errors
/// 400 OBP-10025 for a limit not 1 to 1000, a database failure.
pub async fn sca_outbox(state: &AppState, filter: OutboxFilter) -> ApiResult<Vec<OutboxMessage>> {
    let limit = u64::try_from(filter.limit.unwrap_or(50))
        .ok()
        .filter(|l| (1..=1000).contains(l))
        .ok_or_else(|| ApiError::with_detail(ErrorCode::FilterLimitError, "At most 1000."))?;
    sca_store::forget_spent_codes(&state.store, chrono::Utc::now()).await?;
    Ok(sca_store::list_outbox(
        &state.store,
        filter.user_id.as_deref(),
        filter.challenge_id.as_deref(),
        limit,
    )
    .await?)
}

/// Checks the mapped ledger's invariants, listing at most the first `max_reported`
/// violations.
///
/// # Errors
/// A database failure.
pub async fn verify(state: &AppState, max_reported: usize) -> ApiResult<VerificationReport> {
    Ok(MappedConnector::from_store(&state.store)
        .verify_ledger(max_reported)
        .await?)
}
