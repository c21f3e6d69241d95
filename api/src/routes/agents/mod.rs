//! Cash agents (OBP v5.1.0): `/banks/BANK_ID/agents`.
//!
//! Any logged-in user may propose an agent (it is made pending and unconfirmed, with an
//! `AGENT` account at the bank); the bank confirms it with `PUT` (`CanUpdateAgentStatus…`);
//! anyone may list the bank's confirmed agents, where its customers can withdraw cash with
//! `AGENT_CASH_WITHDRAWAL` transaction requests.

use actix_web::{get, post, put, web, HttpResponse};
use obp_domain::{role, ErrorCode};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use crate::access::{bank_then_roles, require_bank_id};
use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::paths::BankPath;
use crate::service::agents::{self, NewAgent};
use crate::state::AppState;

mod json;
pub use json::*;

/// Path with a bank and an agent.
#[derive(Debug, Deserialize)]
pub struct AgentPath {
    /// BANK_ID.
    pub bank_id: String,
    /// AGENT_ID.
    pub agent_id: String,
}

/// Reads the body as OBP's `class`; any shape error is 400 OBP-10001 naming the class. The
/// body arrives as a `Value` because OBP tells a wrong shape only after the bank.
fn body_as<T: DeserializeOwned>(body: Value, class: &str) -> ApiResult<T> {
    serde_json::from_value::<T>(body).map_err(|_| {
        ApiError::with_detail(
            ErrorCode::InvalidJsonFormat,
            format!("The Json body should be the {class} "),
        )
    })
}

/// Create Agent
///
/// Proposes a cash agent at the bank: the agent is made pending and not confirmed (so it
/// cannot be paid yet), with an account of type `AGENT` in `currency` held by its legal
/// name, to which nobody is granted a view. The agent number must be free at the bank among
/// agents and customers (400 OBP-30328).
#[endpoint(
    POST "/banks/{bank_id}/agents",
    operation_id = "OBPv5.1.0-createAgent",
    login,
    tag = "Customer",
    params(("bank_id" = String, Path, description = "BANK_ID")),
    request_body = PostAgentJsonV510,
    responses(
        (status = 201, description = "AgentJsonV510", body = AgentJsonV510),
        (status = 400, description = "OBP-10001, OBP-10003 bad currency, OBP-20010 too long, OBP-30328 number taken", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
pub async fn create_agent(
    auth: Authorized<CreateAgent>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
    body: web::Json<Value>,
) -> ApiResult<HttpResponse> {
    auth.user()?;
    let bank_id = require_bank_id(&state, &auth.ctx, &path.bank_id).await?;
    let b: PostAgentJsonV510 = body_as(body.into_inner(), "PostAgentJsonV510")?;
    let created = agents::create(
        &state,
        &auth.ctx,
        &bank_id,
        NewAgent {
            legal_name: b.legal_name,
            mobile_phone_number: b.mobile_phone_number,
            agent_number: b.agent_number,
            currency: b.currency,
        },
    )
    .await?;
    Ok(HttpResponse::Created().json(AgentJsonV510::from(&created)))
}

/// Update Agent status
///
/// Sets `is_pending_agent` and `is_confirmed_agent` (`CanUpdateAgentStatusAtOneBank` at the
/// bank, or `CanUpdateAgentStatusAtAnyBank`). An agent can be paid once it is confirmed and
/// no longer pending. Only the bank's own agents are found (400 OBP-30201).
#[endpoint(
    PUT "/banks/{bank_id}/agents/{agent_id}",
    operation_id = "OBPv5.1.0-updateAgentStatus",
    login,
    roles = [role::CAN_UPDATE_AGENT_STATUS_AT_ONE_BANK, role::CAN_UPDATE_AGENT_STATUS_AT_ANY_BANK],
    roles_in_handler,
    tag = "Customer",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("agent_id" = String, Path, description = "AGENT_ID")
    ),
    request_body = PutAgentJsonV510,
    responses(
        (status = 200, description = "AgentJsonV510", body = AgentJsonV510),
        (status = 400, description = "OBP-10001, OBP-30201 no such agent at the bank, OBP-30325", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 403, description = "OBP-20006", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
pub async fn update_agent_status(
    auth: Authorized<UpdateAgentStatus>,
    state: web::Data<AppState>,
    path: web::Path<AgentPath>,
    body: web::Json<Value>,
) -> ApiResult<web::Json<AgentJsonV510>> {
    let bank_id = bank_then_roles(&auth, &state, &path.bank_id).await?;
    let b: PutAgentJsonV510 = body_as(body.into_inner(), "PutAgentJsonV510")?;
    let updated = agents::update_status(
        &state,
        &auth.ctx,
        &bank_id,
        &path.agent_id,
        b.is_pending_agent,
        b.is_confirmed_agent,
    )
    .await?;
    Ok(web::Json(AgentJsonV510::from(&updated)))
}

/// Get Agent
///
/// One agent of the bank with its status and its account's currency; 400 OBP-30201 when
/// the bank has no agent with the id.
#[endpoint(
    GET "/banks/{bank_id}/agents/{agent_id}",
    operation_id = "OBPv5.1.0-getAgent",
    login,
    tag = "Account",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("agent_id" = String, Path, description = "AGENT_ID")
    ),
    responses(
        (status = 200, description = "AgentJsonV510", body = AgentJsonV510),
        (status = 400, description = "OBP-30201, OBP-30325", body = ErrorBody),
        (status = 401, description = "OBP-20001", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
pub async fn get_agent(
    auth: Authorized<GetAgent>,
    state: web::Data<AppState>,
    path: web::Path<AgentPath>,
) -> ApiResult<web::Json<AgentJsonV510>> {
    auth.user()?;
    let bank_id = require_bank_id(&state, &auth.ctx, &path.bank_id).await?;
    let found = agents::get(&state, &auth.ctx, &bank_id, &path.agent_id).await?;
    Ok(web::Json(AgentJsonV510::from(&found)))
}

/// Get Agents at Bank
///
/// The bank's confirmed agents (`{"agents": [MinimalAgentJsonV510]}`), by agent number;
/// `limit` (default 50), `offset` and `sort_direction` page them.
#[endpoint(
    GET "/banks/{bank_id}/agents",
    operation_id = "OBPv5.1.0-getAgents",
    anonymous,
    tag = "Account",
    params(
        ("bank_id" = String, Path, description = "BANK_ID"),
        ("limit" = Option<u64>, Query, description = "Page size, default 50; above 1000 is lowered to 1000"),
        ("offset" = Option<u64>, Query),
        ("sort_direction" = Option<String>, Query)
    ),
    responses(
        (status = 200, description = "MinimalAgentsJsonV510", body = MinimalAgentsJsonV510),
        (status = 400, description = "OBP-10023 bad sort direction, OBP-10024 bad offset, OBP-10025 bad limit", body = ErrorBody),
        (status = 404, description = "OBP-30001", body = ErrorBody)
    )
)]
pub async fn get_agents(
    auth: Authorized<GetAgents>,
    state: web::Data<AppState>,
    path: web::Path<BankPath>,
    query: web::Query<Vec<(String, String)>>,
) -> ApiResult<web::Json<MinimalAgentsJsonV510>> {
    let bank_id = require_bank_id(&state, &auth.ctx, &path.bank_id).await?;
    let list = agents::list_confirmed(&state, &auth.ctx, &bank_id, &query).await?;
    Ok(web::Json(MinimalAgentsJsonV510 {
        agents: list.iter().map(Into::into).collect(),
    }))
}
