//! Method routings: which connector serves a connector method for which banks. The star
//! connector reads them (cached at most `method_routing_cache_ttl_millis`), so changes take
//! effect without restart on every server instance.

use obp_connectors::star::{
    compile_bank_id_pattern, is_match_any, ENTITY_NAME_PARAMETER, ROUTABLE_CONNECTORS,
};
use obp_connectors::store::{self, MethodRouting, NewMethodRouting, StoreError};
use obp_connectors::Method;
use obp_domain::message::KeyValue;
use obp_domain::ErrorCode;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// A routing as sent (OBP's `MethodRoutingCommons`, parsed).
#[derive(Debug, Clone)]
pub struct RoutingInput {
    /// Connector method name, e.g. `getBank`.
    pub method_name: String,
    /// `mapped` or `rest_vMar2019`.
    pub connector_name: String,
    /// `true` when `bank_id_pattern` is an exact bank id, `false` for a regex.
    pub is_bank_id_exact_match: bool,
    /// A bank id or a regex; absent, blank or `*` means any bank (`.*`).
    pub bank_id_pattern: Option<String>,
    /// Parameters; `url` replaces the REST connector's base URL.
    pub parameters: Vec<KeyValue>,
}

/// A routing as served: a stored one, or the default `mapped` routing of a method without
/// one (`id` is `None`).
#[derive(Debug, Clone)]
pub struct Routing {
    /// Connector method name.
    pub method_name: String,
    /// Connector name.
    pub connector_name: String,
    /// Whether `bank_id_pattern` is an exact bank id.
    pub is_bank_id_exact_match: bool,
    /// The bank id or regex.
    pub bank_id_pattern: String,
    /// Parameters.
    pub parameters: Vec<KeyValue>,
    /// METHOD_ROUTING_ID; `None` on default routings.
    pub id: Option<String>,
}

impl From<MethodRouting> for Routing {
    fn from(r: MethodRouting) -> Self {
        Self {
            method_name: r.method_name,
            connector_name: r.connector_name,
            is_bank_id_exact_match: r.is_bank_id_exact_match,
            bank_id_pattern: r.bank_id_pattern,
            parameters: serde_json::from_str::<Vec<KeyValue>>(&r.parameters).unwrap_or_default(),
            id: Some(r.id),
        }
    }
}

/// Validates a posted routing (OBP-10021, OBP-10022, OBP-70001) and normalises its pattern.
fn validated(input: RoutingInput) -> ApiResult<NewMethodRouting> {
    if !ROUTABLE_CONNECTORS.contains(&input.connector_name.as_str()) {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidConnectorName,
            format!(
                "please check connectorName: {} or the connector({}) is not supported for this sandbox. Supported: {}",
                input.connector_name,
                input.connector_name,
                ROUTABLE_CONNECTORS.join(", ")
            ),
        ));
    }
    if Method::from_obp_name(&input.method_name).is_none() {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidConnectorMethodName,
            format!("please check methodName: {}", input.method_name),
        ));
    }
    // `entityName` routes one dynamic entity: only on dynamicEntityProcess, a valid name.
    if let Some(p) = input
        .parameters
        .iter()
        .find(|p| p.key == ENTITY_NAME_PARAMETER)
    {
        if input.method_name != Method::DynamicEntityProcess.obp_name()
            || !obp_domain::dynamic_entity::valid_name(&p.value)
        {
            return Err(ApiError::with_detail(
                ErrorCode::InvalidJsonFormat,
                format!(
                    "The parameter {ENTITY_NAME_PARAMETER} names one dynamic entity ([-_A-Za-z0-9], at most 64 characters) of a dynamicEntityProcess routing; got {:?} on {}.",
                    p.value, input.method_name
                ),
            ));
        }
    }
    let pattern = match input.bank_id_pattern.as_deref() {
        None => ".*".to_owned(),
        Some(p) if is_match_any(p) => ".*".to_owned(),
        Some(p) => p.to_owned(),
    };
    if !input.is_bank_id_exact_match && compile_bank_id_pattern(&pattern).is_err() {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidBankIdRegex,
            format!("bankIdPatten: {pattern}"),
        ));
    }
    Ok(NewMethodRouting {
        method_name: input.method_name,
        connector_name: input.connector_name,
        is_bank_id_exact_match: input.is_bank_id_exact_match,
        bank_id_pattern: pattern,
        parameters: serde_json::to_string(&input.parameters).unwrap_or_else(|_| "[]".to_owned()),
    })
}

fn duplicate_or(e: StoreError) -> ApiError {
    match e {
        StoreError::Duplicate => ApiError::new(ErrorCode::MethodRoutingAlreadyExistsError),
        other => other.into(),
    }
}

fn not_found(id: &str) -> ApiError {
    ApiError::with_detail(
        ErrorCode::MethodRoutingNotFoundByMethodRoutingId,
        format!("Current METHOD_ROUTING_ID({id})"),
    )
}

/// Creates a routing.
///
/// # Errors
/// 400 OBP-10021 unknown connector, OBP-10022 unknown method, OBP-70001 invalid regex,
/// OBP-70003 same method + match kind + pattern twice; a database failure.
pub async fn create(state: &AppState, input: RoutingInput) -> ApiResult<Routing> {
    let new = validated(input)?;
    let row = store::insert_method_routing(&state.store, new)
        .await
        .map_err(duplicate_or)?;
    Ok(row.into())
}

/// Every routing (oldest first), optionally of one method; `active` adds the default
/// `mapped` routing of each method that has none.
///
/// # Errors
/// A database failure.
pub async fn list(
    state: &AppState,
    method_name: Option<&str>,
    active: bool,
) -> ApiResult<Vec<Routing>> {
    // A method's routings under any of its names (`getBankAccount` routes
    // `checkBankAccountExists`).
    let method = method_name.and_then(Method::from_obp_name);
    let rows = match method {
        Some(m) => store::list_method_routings(&state.store, None)
            .await?
            .into_iter()
            .filter(|r| m.is_named(&r.method_name))
            .collect(),
        None => store::list_method_routings(&state.store, method_name).await?,
    };
    let mut routings: Vec<Routing> = rows.into_iter().map(Routing::from).collect();
    if active {
        let methods: Vec<Method> = match method_name {
            Some(name) => Method::from_obp_name(name).into_iter().collect(),
            None => Method::ALL.to_vec(),
        };
        for m in methods {
            if !routings.iter().any(|r| m.is_named(&r.method_name)) {
                routings.push(Routing {
                    method_name: m.obp_name().to_owned(),
                    connector_name: obp_connectors::star::MAPPED.to_owned(),
                    is_bank_id_exact_match: false,
                    bank_id_pattern: ".*".to_owned(),
                    parameters: Vec::new(),
                    id: None,
                });
            }
        }
    }
    Ok(routings)
}

/// Replaces a routing; same checks as [`create`].
///
/// # Errors
/// As [`create`], and 404 OBP-70002 no such routing.
pub async fn update(state: &AppState, id: &str, input: RoutingInput) -> ApiResult<Routing> {
    let new = validated(input)?;
    let row = store::update_method_routing(&state.store, id, new)
        .await
        .map_err(duplicate_or)?
        .ok_or_else(|| not_found(id))?;
    Ok(row.into())
}

/// Removes a routing; the method falls back to its other routings or `mapped`.
///
/// # Errors
/// 404 OBP-70002 no such routing, a database failure.
pub async fn delete(state: &AppState, id: &str) -> ApiResult<()> {
    if !store::delete_method_routing(&state.store, id).await? {
        return Err(not_found(id));
    }
    Ok(())
}
