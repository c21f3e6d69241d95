//! Cash agents and their account links.
//!
//! Creating an agent writes the agent, its account and the link in one transaction, so a
//! failure leaves neither an agent without an account nor an orphan account. The number is
//! unique per bank across agents (a unique index) and customers (checked in the same
//! transaction: OBP's agents are customers and share their numbers).

use super::convert::is_unique_violation;
use chrono::Utc;
use obp_domain::account::{BankAccount, NewBankAccount};
use obp_domain::agent::{Agent, AgentAccountLink};
use obp_domain::ids::{AccountId, BankId};
use obp_domain::query::{OffsetLimitQuery, SortDirection};
use obp_domain::ErrorCode;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};

use super::accounts::insert_account;
use super::convert::CorruptRow;
use super::entity::{agent, agent_account_link, customer};
use super::ledger::begin_write;
use crate::error::{ConnectorError, ConnectorResult};

fn number_taken() -> ConnectorError {
    ConnectorError::rejected(ErrorCode::AgentNumberAlreadyExists, None)
}

fn not_found() -> ConnectorError {
    ConnectorError::NotFound {
        code: ErrorCode::AgentNotFound,
    }
}

fn to_agent(row: agent::Model) -> ConnectorResult<Agent> {
    Ok(Agent {
        bank_id: BankId::parse(row.bank_id)
            .map_err(|e| ConnectorError::backend(CorruptRow::new("agent", e.to_string())))?,
        agent_id: row.agent_id,
        number: row.agent_number,
        legal_name: row.legal_name,
        mobile_phone_number: row.mobile_phone_number,
        is_confirmed_agent: row.is_confirmed_agent,
        is_pending_agent: row.is_pending_agent,
    })
}

/// Writes the agent, its account and the link between them, all or nothing.
pub(crate) async fn create(
    db: &DatabaseConnection,
    a: Agent,
    account: NewBankAccount,
) -> ConnectorResult<(Agent, BankAccount)> {
    let txn = begin_write(db).await?;
    let customers_with_number = customer::Entity::find()
        .filter(customer::Column::BankId.eq(a.bank_id.as_str()))
        .filter(customer::Column::CustomerNumber.eq(a.number.as_str()))
        .count(&txn)
        .await?;
    if customers_with_number > 0 {
        return Err(number_taken());
    }
    let now = Utc::now();
    let row = agent::ActiveModel {
        agent_id: Set(a.agent_id.clone()),
        bank_id: Set(a.bank_id.as_str().to_owned()),
        agent_number: Set(a.number.clone()),
        legal_name: Set(a.legal_name.clone()),
        mobile_phone_number: Set(a.mobile_phone_number.clone()),
        is_confirmed_agent: Set(a.is_confirmed_agent),
        is_pending_agent: Set(a.is_pending_agent),
        created_at: Set(now),
    };
    match agent::Entity::insert(row).exec(&txn).await {
        Ok(_) => {}
        Err(e) if is_unique_violation(&e) => return Err(number_taken()),
        Err(e) => return Err(e.into()),
    }
    let opened = insert_account(&txn, account).await?;
    let link = agent_account_link::ActiveModel {
        agent_account_link_id: Set(uuid::Uuid::new_v4().to_string()),
        agent_id: Set(a.agent_id.clone()),
        bank_id: Set(opened.bank_id.as_str().to_owned()),
        account_id: Set(opened.account_id.as_str().to_owned()),
        created_at: Set(now),
    };
    agent_account_link::Entity::insert(link).exec(&txn).await?;
    txn.commit().await?;
    Ok((a, opened))
}

/// One agent by id.
pub(crate) async fn get<C: ConnectionTrait>(db: &C, agent_id: &str) -> ConnectorResult<Agent> {
    agent::Entity::find_by_id(agent_id)
        .one(db)
        .await?
        .ok_or_else(not_found)
        .and_then(to_agent)
}

/// One agent of a bank by number.
pub(crate) async fn get_by_number<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    number: &str,
) -> ConnectorResult<Agent> {
    agent::Entity::find()
        .filter(agent::Column::BankId.eq(bank_id.as_str()))
        .filter(agent::Column::AgentNumber.eq(number))
        .one(db)
        .await?
        .ok_or_else(not_found)
        .and_then(to_agent)
}

/// A page of a bank's agents by number.
pub(crate) async fn list<C: ConnectionTrait>(
    db: &C,
    bank_id: &BankId,
    query: &OffsetLimitQuery,
    confirmed_only: bool,
) -> ConnectorResult<Vec<Agent>> {
    let mut q = agent::Entity::find().filter(agent::Column::BankId.eq(bank_id.as_str()));
    if confirmed_only {
        q = q.filter(agent::Column::IsConfirmedAgent.eq(true));
    }
    q = match query.sort {
        SortDirection::Asc => q
            .order_by_asc(agent::Column::AgentNumber)
            .order_by_asc(agent::Column::AgentId),
        SortDirection::Desc => q
            .order_by_desc(agent::Column::AgentNumber)
            .order_by_desc(agent::Column::AgentId),
    };
    q.offset(query.offset)
        .limit(u64::from(query.limit))
        .all(db)
        .await?
        .into_iter()
        .map(to_agent)
        .collect()
}

/// Sets both status flags in one statement.
pub(crate) async fn update_status(
    db: &DatabaseConnection,
    agent_id: &str,
    is_pending_agent: bool,
    is_confirmed_agent: bool,
) -> ConnectorResult<Agent> {
    let txn = db.begin().await?;
    let res = agent::Entity::update_many()
        .col_expr(
            agent::Column::IsPendingAgent,
            sea_orm::sea_query::Expr::value(is_pending_agent),
        )
        .col_expr(
            agent::Column::IsConfirmedAgent,
            sea_orm::sea_query::Expr::value(is_confirmed_agent),
        )
        .filter(agent::Column::AgentId.eq(agent_id))
        .exec(&txn)
        .await?;
    if res.rows_affected == 0 {
        return Err(not_found());
    }
    let agent = get(&txn, agent_id).await?;
    txn.commit().await?;
    Ok(agent)
}

/// The agent's account links, oldest first.
pub(crate) async fn links<C: ConnectionTrait>(
    db: &C,
    agent_id: &str,
) -> ConnectorResult<Vec<AgentAccountLink>> {
    agent_account_link::Entity::find()
        .filter(agent_account_link::Column::AgentId.eq(agent_id))
        .order_by_asc(agent_account_link::Column::CreatedAt)
        .order_by_asc(agent_account_link::Column::AgentAccountLinkId)
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            let corrupt = |e: obp_domain::ids::InvalidId| {
                ConnectorError::backend(CorruptRow::new("agent_account_link", e.to_string()))
            };
            Ok(AgentAccountLink {
                bank_id: BankId::parse(r.bank_id).map_err(corrupt)?,
                account_id: AccountId::parse(r.account_id).map_err(corrupt)?,
                agent_account_link_id: r.agent_account_link_id,
                agent_id: r.agent_id,
            })
        })
        .collect()
}
