//! Cash agents of a bank (OBP v5.1.0): made by any logged-in user, pending and unconfirmed
//! until the bank sets their status; paid by `AGENT_CASH_WITHDRAWAL` transaction requests
//! once confirmed (see [`obp_domain::agent`]).
//!
//! The checks follow OBP's order (bank, body, number, then the writes; agent, link, account
//! on reads). Beyond OBP: an agent is looked up at the bank of the URL (OBP finds it by id
//! alone, so a role at one bank could change the status of another bank's agent), and the
//! agent, its account and the link are written together (OBP makes three calls and can
//! leave an agent without an account).

use obp_domain::account::{AccountKind, BankAccount, NewBankAccount};
use obp_domain::agent::{Agent, AgentAccountLink};
use obp_domain::context::CallContext;
use obp_domain::ids::{AccountId, BankId};
use obp_domain::money::{Currency, Money};
use obp_domain::query::OffsetLimitQuery;
use obp_domain::ErrorCode;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// OBP's account type and label of an agent's account.
pub const AGENT_ACCOUNT_TYPE: &str = "AGENT";

/// An agent as posted (`PostAgentJsonV510`).
#[derive(Debug, Clone)]
pub struct NewAgent {
    /// Legal name (also the holder of the agent's account).
    pub legal_name: String,
    /// Mobile phone number.
    pub mobile_phone_number: String,
    /// The agent's number at the bank.
    pub agent_number: String,
    /// The currency of the agent's account (ISO 4217).
    pub currency: String,
}

/// An agent with its account.
#[derive(Debug, Clone)]
pub struct AgentWithAccount {
    /// The agent.
    pub agent: Agent,
    /// Its account.
    pub account: BankAccount,
}

fn blank(field: &str) -> ApiError {
    ApiError::with_detail(
        ErrorCode::InvalidJsonFormat,
        format!("The Json body should be the PostAgentJsonV510: {field} must not be empty."),
    )
}

/// Creates an agent at `bank_id` (pending, not confirmed) with an `AGENT` account in
/// `currency` held by its legal name. Nobody is granted a view of the account.
///
/// # Errors
/// 400 OBP-10001 (an empty number or name), OBP-10003 (a bad currency), OBP-30328 (the
/// number is taken at the bank by an agent or a customer); a connector failure.
pub async fn create(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    new: NewAgent,
) -> ApiResult<AgentWithAccount> {
    if new.agent_number.trim().is_empty() {
        return Err(blank("agent_number"));
    }
    if new.legal_name.trim().is_empty() {
        return Err(blank("legal_name"));
    }
    let currency = Currency::parse(&new.currency)?;
    let taken = || {
        ApiError::with_detail(
            ErrorCode::AgentNumberAlreadyExists,
            format!(
                "Current agent_number({}) and Current bank_id({})",
                new.agent_number,
                bank_id.as_str()
            ),
        )
    };
    let agent = Agent::new(
        uuid::Uuid::new_v4().to_string(),
        bank_id.clone(),
        new.agent_number.clone(),
        new.legal_name.clone(),
        new.mobile_phone_number.clone(),
    );
    let account_id = AccountId::parse(uuid::Uuid::new_v4().to_string())?;
    let account = NewBankAccount {
        bank_id: bank_id.clone(),
        number: account_id.as_str().to_owned(),
        account_id,
        label: AGENT_ACCOUNT_TYPE.to_owned(),
        account_type: AGENT_ACCOUNT_TYPE.to_owned(),
        currency,
        kind: AccountKind::Current,
        overdraft_limit: Money::zero(currency),
        branch_id: String::new(),
        holder_name: new.legal_name.clone(),
        routings: Vec::new(),
        created_by_user_id: None,
    };
    let (agent, account) = state
        .connector
        .create_agent(ctx, agent, account)
        .await
        .map_err(|e| {
            let e = ApiError::from(e);
            if e.code() == ErrorCode::AgentNumberAlreadyExists {
                taken()
            } else {
                e
            }
        })?;
    Ok(AgentWithAccount { agent, account })
}

fn agent_not_found(agent_id: &str) -> ApiError {
    ApiError::with_detail(
        ErrorCode::AgentNotFound,
        format!("Current AGENT_ID({agent_id})"),
    )
}

/// The agent `agent_id` of `bank_id` (an agent of another bank is not found).
///
/// # Errors
/// 400 OBP-30201; a connector failure.
async fn agent_at_bank(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    agent_id: &str,
) -> ApiResult<Agent> {
    let agent = state
        .connector
        .get_agent_by_agent_id(ctx, agent_id)
        .await
        .map_err(|e| match ApiError::from(e) {
            e if e.code() == ErrorCode::AgentNotFound => agent_not_found(agent_id),
            e => e,
        })?;
    if agent.bank_id != *bank_id {
        return Err(agent_not_found(agent_id));
    }
    Ok(agent)
}

/// The agent's account, through its first account link.
///
/// # Errors
/// 400 OBP-30325 when it has none; 404 OBP-30018 when the linked account is gone; a
/// connector failure.
pub async fn account_of(
    state: &AppState,
    ctx: &CallContext,
    agent: &Agent,
) -> ApiResult<BankAccount> {
    let link = link_of(state, ctx, agent).await?;
    read_account(state, ctx, &link).await
}

async fn link_of(
    state: &AppState,
    ctx: &CallContext,
    agent: &Agent,
) -> ApiResult<AgentAccountLink> {
    let links = state
        .connector
        .get_agent_account_links_by_agent_id(ctx, &agent.agent_id)
        .await?;
    links
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::new(ErrorCode::AgentAccountLinkNotFound))
}

async fn read_account(
    state: &AppState,
    ctx: &CallContext,
    link: &AgentAccountLink,
) -> ApiResult<BankAccount> {
    Ok(state
        .connector
        .get_bank_account(ctx, &link.bank_id, &link.account_id)
        .await?)
}

/// One agent of the bank with its account.
///
/// # Errors
/// 400 OBP-30201, OBP-30325; a connector failure.
pub async fn get(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    agent_id: &str,
) -> ApiResult<AgentWithAccount> {
    let agent = agent_at_bank(state, ctx, bank_id, agent_id).await?;
    let account = account_of(state, ctx, &agent).await?;
    Ok(AgentWithAccount { agent, account })
}

/// Sets the agent's status flags.
///
/// # Errors
/// 400 OBP-30201, OBP-30325; a connector failure.
pub async fn update_status(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    agent_id: &str,
    is_pending_agent: bool,
    is_confirmed_agent: bool,
) -> ApiResult<AgentWithAccount> {
    let agent = agent_at_bank(state, ctx, bank_id, agent_id).await?;
    let account = account_of(state, ctx, &agent).await?;
    let agent = state
        .connector
        .update_agent_status(ctx, agent_id, is_pending_agent, is_confirmed_agent)
        .await?;
    Ok(AgentWithAccount { agent, account })
}

/// A page of the bank's confirmed agents (`limit`, `offset`, `sort_direction` by number).
///
/// # Errors
/// 400 for a bad paging parameter; a connector failure.
pub async fn list_confirmed(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &BankId,
    query: &[(String, String)],
) -> ApiResult<Vec<Agent>> {
    let q = OffsetLimitQuery::from_pairs(query.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    Ok(state.connector.get_agents(ctx, bank_id, &q, true).await?)
}

/// The agent an `AGENT_CASH_WITHDRAWAL` pays, by bank and number, with its account: the
/// agent must be confirmed and no longer pending.
///
/// # Errors
/// 400 OBP-30201 (no such agent, also for a malformed bank id), OBP-30325 (no account),
/// OBP-30330 (pending or not confirmed), in OBP's order; a connector failure.
pub async fn payee(
    state: &AppState,
    ctx: &CallContext,
    bank_id: &str,
    agent_number: &str,
) -> ApiResult<AgentWithAccount> {
    let not_found = || {
        ApiError::with_detail(
            ErrorCode::AgentNotFound,
            format!("Current BANK_ID({bank_id}) and AGENT_NUMBER({agent_number})"),
        )
    };
    let Ok(bank) = BankId::parse(bank_id) else {
        return Err(not_found());
    };
    let agent = state
        .connector
        .get_agent_by_agent_number(ctx, &bank, agent_number)
        .await
        .map_err(|e| match ApiError::from(e) {
            e if e.code() == ErrorCode::AgentNotFound => not_found(),
            e => e,
        })?;
    let link = link_of(state, ctx, &agent).await?;
    if !agent.can_receive_payments() {
        return Err(ApiError::new(ErrorCode::AgentBeneficiaryPermit));
    }
    let account = read_account(state, ctx, &link).await?;
    Ok(AgentWithAccount { agent, account })
}
