//! Views: the views a user holds on an account.

use obp_connectors::store::views;
use obp_domain::view::ViewDefinition;

use crate::error::ApiResult;
use crate::state::AppState;

/// The view definitions a user holds on an account.
///
/// # Errors
/// A database failure.
pub async fn held_views(
    state: &AppState,
    user_id: &str,
    bank_id: &str,
    account_id: &str,
) -> ApiResult<Vec<ViewDefinition>> {
    let ids = views::views_of_user_on_account(&state.store, user_id, bank_id, account_id).await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(v) =
            views::find_view_for_account(&state.store, bank_id, account_id, &id).await?
        {
            out.push(v);
        }
    }
    Ok(out)
}
