//! The account firehose (OBP v4.0.0 `getFirehoseAccountsAtOneBank`, v3.0.0
//! `getFirehoseTransactionsForBankAccount`): bulk reads of every account of a bank, and of an
//! account's transactions, through a system view with `is_firehose`.
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
//! list shows each account's `account_attributes`.

use std::collections::{BTreeMap, HashSet};

use actix_web::{get, web};
use obp_connectors::store::views;
use obp_domain::account::BankAccount;
use obp_domain::moderation::{moderate_account, visible_transactions};
use obp_domain::query::OffsetLimitQuery;
use obp_domain::view::ViewDefinition;
use obp_domain::ErrorCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::access::{can_use_account_firehose, require_account_view, require_bank};
use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::{authorize, Authorized, Endpoint};
use crate::json::{AccountAttributeResponseJson, RoutingJson};
use crate::moderation::{routings_json, ModeratedAmountJson, UserJsonV121};
use crate::routes::transaction_attributes::load_attributes;
use crate::routes::transactions::{moderate_transactions, TransactionsJson};
use crate::service::accounts::owners;
use crate::state::AppState;
use obp_domain::role::{CAN_USE_ACCOUNT_FIREHOSE, CAN_USE_ACCOUNT_FIREHOSE_AT_ANY_BANK};

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

/// Path of the firehose accounts endpoint.
#[derive(Debug, Deserialize)]
pub struct FirehoseAccountsPath {
    /// BANK_ID.
    pub bank_id: String,
    /// VIEW_ID (a firehose system view).
    pub view_id: String,
}

/// Path of the firehose transactions endpoint.
#[derive(Debug, Deserialize)]
pub struct FirehoseTransactionsPath {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// VIEW_ID.
    pub view_id: String,
}

/// `{scheme, value}` (`AccountRuleJsonV300`).
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountRuleJson {
    /// `OVERDRAFT`.
    pub scheme: String,
    /// The limit.
    pub value: String,
}

/// One account through a firehose view (`ModeratedFirehoseAccountJsonV400`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ModeratedFirehoseAccountJson {
    /// ACCOUNT_ID.
    pub id: String,
    /// BANK_ID.
    pub bank_id: String,
    /// Label (`can_see_bank_account_label`).
    pub label: Option<String>,
    /// Number (`can_see_bank_account_number`).
    pub number: Option<String>,
    /// Owners (`can_see_bank_account_owners`; empty when hidden).
    pub owners: Vec<UserJsonV121>,
    /// Product code (`can_see_bank_account_type`).
    pub product_code: Option<String>,
    /// Balance (`can_see_bank_account_balance`).
    pub balance: Option<ModeratedAmountJson>,
    /// Routings.
    pub account_routings: Vec<RoutingJson>,
    /// The overdraft limit as an `OVERDRAFT` rule (`can_see_bank_account_credit_limit`).
    pub account_rules: Vec<AccountRuleJson>,
    /// The account's attributes, only when the request filters by attribute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_attributes: Option<Vec<AccountAttributeResponseJson>>,
}

/// `{accounts: [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ModeratedFirehoseAccountsJson {
    /// Accounts.
    pub accounts: Vec<ModeratedFirehoseAccountJson>,
}

async fn firehose_account(
    state: &AppState,
    account: &BankAccount,
    view: &ViewDefinition,
    attributes: Option<Vec<AccountAttributeResponseJson>>,
) -> ApiResult<ModeratedFirehoseAccountJson> {
    let m = moderate_account(view, account);
    let owners = if m.shows_owners() {
        owners(state, account)
            .await?
            .into_iter()
            .map(Into::into)
            .collect()
    } else {
        Vec::new()
    };
    let account_rules = m
        .credit_limit
        .map(|limit| AccountRuleJson {
            scheme: "OVERDRAFT".to_owned(),
            value: limit.to_obp_string(),
        })
        .into_iter()
        .collect();
    Ok(ModeratedFirehoseAccountJson {
        id: account.account_id.as_str().to_owned(),
        bank_id: account.bank_id.as_str().to_owned(),
        owners,
        balance: m.balance.as_ref().map(Into::into),
        account_routings: routings_json(&m.routings),
        label: m.label,
        number: m.number,
        product_code: m.account_type,
        account_rules,
        account_attributes: attributes,
    })
}

/// Get Firehose Accounts at Bank
///
/// Every account of the bank through a firehose system view (`is_firehose`), moderated by it.
/// Needs `allow_account_firehose` (else 400 OBP-00009) and `CanUseAccountFirehoseAtAnyBank`
/// or `CanUseAccountFirehose`. Other query parameters filter by account attribute
/// (`?NAME=VALUE`); then each account lists its `account_attributes`.
#[endpoint(
    GET "/banks/{bank_id}/firehose/accounts/views/{view_id}",
    operation_id = "OBPv4.0.0-getFirehoseAccountsAtOneBank",
    login,
    roles = [
        CAN_USE_ACCOUNT_FIREHOSE_AT_ANY_BANK,
        CAN_USE_ACCOUNT_FIREHOSE
    ],
    tag = "Account-Firehose",
    params(("bank_id" = String, Path), ("view_id" = String, Path)),
    responses((status = 200, description = "Accounts", body = ModeratedFirehoseAccountsJson),
        (status = 400, description = "OBP-00009", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006 / OBP-20017", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody))
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_firehose_accounts_at_one_bank(
    auth: Authorized<GetFirehoseAccountsAtOneBank>,
    state: web::Data<AppState>,
    path: web::Path<FirehoseAccountsPath>,
    query: web::Query<Vec<(String, String)>>,
) -> ApiResult<web::Json<ModeratedFirehoseAccountsJson>> {
    let p = path.into_inner();
    let user_id = auth.user()?.user_id.clone();
    let bank = require_bank(&state, &auth.ctx, &p.bank_id).await?;
    if !state.settings.allow_account_firehose {
        return Err(disabled());
    }
    let no_access = || {
        ApiError::with_detail(
            ErrorCode::UserNoPermissionAccessView,
            format!("Current ViewId is {}", p.view_id),
        )
    };
    let view = views::find_system_view(&state.store, &p.view_id)
        .await?
        .filter(|v| v.is_firehose)
        .ok_or_else(no_access)?;
    if !can_use_account_firehose(&state, &user_id, bank.id.as_str()).await? {
        return Err(no_access());
    }
    let filters = attribute_filters(&query);
    let accounts = state
        .connector
        .get_bank_accounts_by_bank_id(&auth.ctx, &bank.id)
        .await?;
    let mut out = Vec::with_capacity(accounts.len());
    for account in &accounts {
        let attributes = if filters.is_empty() {
            None
        } else {
            let attrs = state
                .connector
                .get_account_attributes(&auth.ctx, &account.bank_id, &account.account_id)
                .await?;
            if !matches(
                &filters,
                attrs.iter().map(|a| (a.name.as_str(), a.value.as_str())),
            ) {
                continue;
            }
            Some(attrs.into_iter().map(Into::into).collect())
        };
        out.push(firehose_account(&state, account, &view, attributes).await?);
    }
    Ok(web::Json(ModeratedFirehoseAccountsJson { accounts: out }))
}

/// Get Firehose Transactions for Account
///
/// A page of the account's transactions through the view (a firehose system view, or one the
/// caller holds), with the usual paging parameters. Needs `allow_account_firehose` (else 400
/// OBP-00009) and `CanUseAccountFirehoseAtAnyBank` or `CanUseAccountFirehose`. Other query
/// parameters keep the transactions of the page with a matching transaction attribute.
#[endpoint(
    GET "/banks/{bank_id}/firehose/accounts/{account_id}/views/{view_id}/transactions",
    operation_id = "OBPv3.0.0-getFirehoseTransactionsForBankAccount",
    login,
    roles = [
        CAN_USE_ACCOUNT_FIREHOSE_AT_ANY_BANK,
        CAN_USE_ACCOUNT_FIREHOSE
    ],
    roles_in_handler,
    tag = "Account-Firehose",
    params(("bank_id" = String, Path), ("account_id" = String, Path), ("view_id" = String, Path),
        ("limit" = Option<u32>, Query), ("offset" = Option<u64>, Query),
        ("from_date" = Option<String>, Query), ("to_date" = Option<String>, Query),
        ("sort_direction" = Option<String>, Query)),
    responses((status = 200, description = "Transactions", body = TransactionsJson),
        (status = 400, description = "OBP-00009 / OBP-10023..10026", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006 / OBP-20017", body = ErrorBody),
        (status = 404, description = "OBP-30001 / OBP-30018 / OBP-30005", body = ErrorBody))
)]
#[tracing::instrument(skip_all, fields(bank_id = %path.bank_id))]
pub async fn get_firehose_transactions_for_bank_account(
    auth: Authorized<GetFirehoseTransactionsForBankAccount>,
    state: web::Data<AppState>,
    path: web::Path<FirehoseTransactionsPath>,
    query: web::Query<Vec<(String, String)>>,
) -> ApiResult<web::Json<TransactionsJson>> {
    let p = path.into_inner();
    let user = auth.user()?.clone();
    if !state.settings.allow_account_firehose {
        return Err(disabled());
    }
    authorize(
        &state,
        &user,
        GetFirehoseTransactionsForBankAccount::GUARD.roles,
        Some(&p.bank_id),
    )
    .await?;
    let bank = require_bank(&state, &auth.ctx, &p.bank_id).await?;
    let (account, view) =
        require_account_view(&state, &auth.ctx, &p.bank_id, &p.account_id, &p.view_id).await?;
    let q = OffsetLimitQuery::from_pairs(query.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    let filters = attribute_filters(&query);
    let txs = state
        .connector
        .get_transactions(&auth.ctx, &account.bank_id, &account.account_id, &q)
        .await?;
    let mut txs = visible_transactions(&view, txs);
    if !filters.is_empty() {
        let ids: Vec<String> = txs.iter().map(|t| t.id.clone()).collect();
        let attrs = load_attributes(&state, &auth.ctx, &account.bank_id, &ids).await?;
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
    let transactions =
        moderate_transactions(&state, &auth.ctx, &account, &bank, &view, &txs).await?;
    Ok(web::Json(TransactionsJson { transactions }))
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
