//! Accounts: settlement accounts of a bank, an account's owners.

use obp_connectors::store::{self, User};
use obp_domain::account::{
    AccountKind, BankAccount, NewBankAccount, INCOMING_SETTLEMENT_ACCOUNT_ID,
    OUTGOING_SETTLEMENT_ACCOUNT_ID,
};
use obp_domain::context::CallContext;
use obp_domain::ids::{AccountId, BankId};
use obp_domain::money::{Currency, Money};

use crate::error::ApiResult;
use crate::state::AppState;

/// The settlement account `account_id` of the bank, created (zero balance) when missing.
///
/// # Errors
/// A malformed id, a connector failure.
pub async fn ensure_settlement_account(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    account_id: &str,
    currency: Currency,
    label: &str,
) -> ApiResult<BankAccount> {
    let id = AccountId::parse(account_id)?;
    if let Ok(a) = state.connector.get_bank_account(ctx, bank_id, &id).await {
        return Ok(a);
    }
    let new = NewBankAccount {
        bank_id: bank_id.clone(),
        number: account_id.to_owned(),
        account_id: id,
        label: label.to_owned(),
        account_type: "SETTLEMENT".to_owned(),
        currency,
        kind: AccountKind::Settlement,
        overdraft_limit: Money::zero(currency),
        branch_id: String::new(),
        holder_name: String::new(),
        routings: Vec::new(),
        created_by_user_id: None,
    };
    let created = state.connector.create_bank_account(ctx, new).await?;
    state.settlement_accounts.clear();
    Ok(created)
}

/// Creates a new bank's incoming and outgoing settlement accounts in `default_currency`.
///
/// # Errors
/// A bad `default_currency` setting, a connector failure.
pub async fn create_bank_settlement_accounts(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
) -> ApiResult<()> {
    let ccy = Currency::parse(&state.settings.default_currency)?;
    ensure_settlement_account(
        state,
        ctx,
        bank_id,
        INCOMING_SETTLEMENT_ACCOUNT_ID,
        ccy,
        "Settlement account: Do not delete!",
    )
    .await?;
    ensure_settlement_account(
        state,
        ctx,
        bank_id,
        OUTGOING_SETTLEMENT_ACCOUNT_ID,
        ccy,
        "Settlement account: Do not delete!",
    )
    .await?;
    Ok(())
}

/// The account's owners: the user who opened it (none for an account the core created).
///
/// # Errors
/// A database failure.
pub async fn owners(state: &AppState, account: &BankAccount) -> ApiResult<Vec<User>> {
    let Some(uid) = &account.created_by_user_id else {
        return Ok(Vec::new());
    };
    Ok(store::find_user(&state.store, uid)
        .await?
        .into_iter()
        .collect())
}
