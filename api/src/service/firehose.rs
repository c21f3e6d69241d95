//! The account firehose: bulk reads of every account of a bank, and of an account's
//! transactions, through a system view with `is_firehose`.
//!
//! Off unless `allow_account_firehose` is set (400 OBP-00009). Callers need
//! `CanUseAccountFirehoseAtAnyBank` or `CanUseAccountFirehose` at the bank (403 OBP-20006).
//! The view must be a firehose system view (e.g. `firehose`) or one the caller holds on the
//! account; otherwise 403 OBP-20017. Output is moderated by that view as everywhere else.
//!
//! Query parameters other than paging (`limit`, `offset`, `from_date`, `to_date`,
//! `sort_direction`, also `obp_`-prefixed), `_timestamp_` and `locale` filter by attribute:
//! `?NAME=VALUE` keeps accounts (transactions) with an account (transaction) attribute of that
//! name and value; repeating a name allows any of its values. With such a filter the account
//! list shows each account's attributes.

use std::collections::{BTreeMap, HashSet};

use obp_connectors::store::{views, User};
use obp_domain::account::AccountAttribute;
use obp_domain::context::CallContext;
use obp_domain::moderation::{moderate_account, visible_transactions, ModeratedAccount};
use obp_domain::query::OffsetLimitQuery;
use obp_domain::role::Role;
use obp_domain::ErrorCode;

use crate::access::{can_use_account_firehose, require_account_view, require_bank};
use crate::error::{ApiError, ApiResult};
use crate::guard::authorize;
use crate::service::accounts::{all_at_bank, owners};
use crate::service::transactions::{self, TransactionRecord, ViewedAccount};
use crate::state::AppState;

const PAGING: &[&str] = &["limit", "offset", "from_date", "to_date", "sort_direction"];

/// The attribute filters of a query: every parameter that is not paging, `_timestamp_` or
/// `locale`, as name → allowed values.
fn attribute_filters(query: &[(String, String)]) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (k, v) in query {
        let bare = k.strip_prefix("obp_").unwrap_or(k);
        if PAGING.contains(&bare) || k == "_timestamp_" || k == "locale" {
            continue;
        }
        out.entry(k.clone()).or_default().push(v.clone());
    }
    out
}

/// Whether the `(name, value)` pairs satisfy every filter.
fn matches<'a>(
    filters: &BTreeMap<String, Vec<String>>,
    attrs: impl Iterator<Item = (&'a str, &'a str)> + Clone,
) -> bool {
    filters.iter().all(|(name, values)| {
        attrs
            .clone()
            .any(|(n, v)| n == name && values.iter().any(|x| x == v))
    })
}

fn disabled() -> ApiError {
    ApiError::new(ErrorCode::AccountFirehoseNotAllowedOnThisInstance)
}

fn logged_in(ctx: &CallContext) -> ApiResult<&obp_domain::context::AuthUser> {
    ctx.user()
        .ok_or_else(|| ApiError::new(ErrorCode::UserNotLoggedIn))
}

/// One account through a firehose view.
#[derive(Debug)]
pub struct FirehoseAccount {
    /// The account as the view shows it.
    pub account: ModeratedAccount,
    /// Its owners; empty when the view hides them.
    pub owners: Vec<User>,
    /// Its attributes, only when the request filters by attribute.
    pub attributes: Option<Vec<AccountAttribute>>,
}

/// Every account of the bank through the firehose system view `view_id`, kept by the
/// query's attribute filters (see the module).
///
/// # Errors
/// 401 OBP-20001, 404 OBP-30001, 400 OBP-00009 when the firehose is off, 403 OBP-20017 for a
/// view that is not a firehose system view or a caller who may not use the firehose, a
/// connector or database failure.
pub async fn accounts(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    view_id: &str,
    query: &[(String, String)],
) -> ApiResult<Vec<FirehoseAccount>> {
    let user = logged_in(ctx)?.clone();
    let bank = require_bank(state, ctx, bank_id).await?;
    if !state.settings.allow_account_firehose {
        return Err(disabled());
    }
    let no_access = || {
        ApiError::with_detail(
            ErrorCode::UserNoPermissionAccessView,
            format!("Current ViewId is {view_id}"),
        )
    };
    let view = views::find_system_view(&state.store, view_id)
        .await?
        .filter(|v| v.is_firehose)
        .ok_or_else(no_access)?;
    if !can_use_account_firehose(state, &user, bank.id.as_str()).await? {
        return Err(no_access());
    }
    let filters = attribute_filters(query);
    let accounts = all_at_bank(state, ctx, &bank.id, &[]).await?;
    let mut out = Vec::with_capacity(accounts.len());
    for account in &accounts {
        let attributes = if filters.is_empty() {
            None
        } else {
            let attrs = state
                .connector
                .get_account_attributes(ctx, &account.bank_id, &account.account_id)
                .await?;
            if !matches(
                &filters,
                attrs.iter().map(|a| (a.name.as_str(), a.value.as_str())),
            ) {
                continue;
            }
            Some(attrs)
        };
        let moderated = moderate_account(&view, account);
        let owners = if moderated.shows_owners() {
            owners(state, account).await?
        } else {
            Vec::new()
        };
        out.push(FirehoseAccount {
            account: moderated,
            owners,
            attributes,
        });
    }
    Ok(out)
}

/// A page of the account's transactions through the view (a firehose system view, or one the
/// caller holds), kept by the query's attribute filters. `roles` are the endpoint's roles,
/// checked at the bank after the firehose setting.
///
/// # Errors
/// 401 OBP-20001, 400 OBP-00009 when the firehose is off, 403 OBP-20006 without a role, the
/// view access errors of [`require_account_view`], 400 OBP-10023..10026 for a bad query, a
/// connector or database failure.
pub async fn transactions(
    state: &AppState,
    ctx: &CallContext,
    roles: &[Role],
    at: &ViewedAccount,
    query: &[(String, String)],
) -> ApiResult<Vec<TransactionRecord>> {
    let user = logged_in(ctx)?;
    if !state.settings.allow_account_firehose {
        return Err(disabled());
    }
    authorize(state, user, roles, Some(&at.bank_id)).await?;
    let bank = require_bank(state, ctx, &at.bank_id).await?;
    let (account, view) =
        require_account_view(state, ctx, &at.bank_id, &at.account_id, &at.view_id).await?;
    let q = OffsetLimitQuery::from_pairs(query.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    let filters = attribute_filters(query);
    let txs = state
        .connector
        .get_transactions(ctx, &account.bank_id, &account.account_id, &q)
        .await?;
    let mut txs = visible_transactions(&view, txs);
    if !filters.is_empty() {
        let ids: Vec<String> = txs.iter().map(|t| t.id.clone()).collect();
        let attrs =
            transactions::attributes::load_for_page(state, ctx, &account.bank_id, &ids).await?;
        let keep: HashSet<&String> = ids
            .iter()
            .filter(|id| {
                attrs.get(*id).is_some_and(|list| {
                    matches(
                        &filters,
                        list.iter().map(|a| (a.name.as_str(), a.value.as_str())),
                    )
                })
            })
            .collect();
        txs.retain(|t| keep.contains(&t.id));
    }
    transactions::moderate_page(state, ctx, &account, &bank, &view, txs).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_skip_paging_and_group_values() {
        let q: Vec<(String, String)> = [
            ("limit", "2"),
            ("obp_offset", "1"),
            ("_timestamp_", "1"),
            ("tier", "gold"),
            ("tier", "silver"),
            ("city", "Berlin"),
        ]
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
        let f = attribute_filters(&q);
        assert_eq!(f.len(), 2);
        assert_eq!(f["tier"], ["gold", "silver"]);
        let attrs = [("tier", "silver"), ("city", "Berlin")];
        assert!(matches(&f, attrs.iter().copied()));
        let attrs = [("tier", "bronze"), ("city", "Berlin")];
        assert!(!matches(&f, attrs.iter().copied()));
        assert!(matches(&BTreeMap::new(), [].iter().copied()));
    }
}
