//! Method routings (`/management/method_routings`): which connector serves a connector method
//! for which banks. The star connector reads them (cached at most
//! `method_routing_cache_ttl_millis`), so changes take effect without restart on every
//! server instance.

use actix_web::{delete, get, post, put, web, HttpResponse};
use obp_connectors::star::{compile_bank_id_pattern, is_match_any, ROUTABLE_CONNECTORS};
use obp_connectors::store::{self, MethodRouting, NewMethodRouting, StoreError};
use obp_connectors::Method;
use obp_domain::message::KeyValue;
use obp_domain::{role, ErrorCode};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::state::AppState;

/// A parameter of a method routing (`url` = REST adapter base URL).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MethodRoutingParamJson {
    /// Key.
    pub key: String,
    /// Value.
    pub value: String,
}

/// OBP's `MethodRoutingCommons` JSON.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MethodRoutingJson {
    /// Connector method name, e.g. `getBank`.
    pub method_name: String,
    /// `mapped` or `rest_vMar2019`.
    pub connector_name: String,
    /// `true` when `bank_id_pattern` is an exact bank id, `false` for a regex.
    pub is_bank_id_exact_match: bool,
    /// A bank id or a regex; absent, blank or `*` means any bank (`.*`).
    #[serde(default)]
    pub bank_id_pattern: Option<String>,
    /// Parameters; `url` replaces the REST connector's base URL.
    #[serde(default)]
    pub parameters: Vec<MethodRoutingParamJson>,
    /// METHOD_ROUTING_ID (answers only; absent on default rows).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method_routing_id: Option<String>,
}

/// `{method_routings: [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct MethodRoutingsJson {
    /// The routings.
    pub method_routings: Vec<MethodRoutingJson>,
}

impl From<MethodRouting> for MethodRoutingJson {
    fn from(r: MethodRouting) -> Self {
        let parameters = serde_json::from_str::<Vec<KeyValue>>(&r.parameters)
            .unwrap_or_default()
            .into_iter()
            .map(|p| MethodRoutingParamJson {
                key: p.key,
                value: p.value,
            })
            .collect();
        Self {
            method_name: r.method_name,
            connector_name: r.connector_name,
            is_bank_id_exact_match: r.is_bank_id_exact_match,
            bank_id_pattern: Some(r.bank_id_pattern),
            parameters,
            method_routing_id: Some(r.id),
        }
    }
}

/// Validates a posted routing (OBP-10021, OBP-10022, OBP-70001) and normalises its pattern.
fn validated(body: &MethodRoutingJson) -> ApiResult<NewMethodRouting> {
    if !ROUTABLE_CONNECTORS.contains(&body.connector_name.as_str()) {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidConnectorName,
            format!(
                "please check connectorName: {} or the connector({}) is not supported for this sandbox. Supported: {}",
                body.connector_name,
                body.connector_name,
                ROUTABLE_CONNECTORS.join(", ")
            ),
        ));
    }
    if Method::from_obp_name(&body.method_name).is_none() {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidConnectorMethodName,
            format!("please check methodName: {}", body.method_name),
        ));
    }
    let pattern = match body.bank_id_pattern.as_deref() {
        None => ".*".to_owned(),
        Some(p) if is_match_any(p) => ".*".to_owned(),
        Some(p) => p.to_owned(),
    };
    if !body.is_bank_id_exact_match && compile_bank_id_pattern(&pattern).is_err() {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidBankIdRegex,
            format!("bankIdPatten: {pattern}"),
        ));
    }
    let params: Vec<KeyValue> = body
        .parameters
        .iter()
        .map(|p| KeyValue {
            key: p.key.clone(),
            value: p.value.clone(),
        })
        .collect();
    Ok(NewMethodRouting {
        method_name: body.method_name.clone(),
        connector_name: body.connector_name.clone(),
        is_bank_id_exact_match: body.is_bank_id_exact_match,
        bank_id_pattern: pattern,
        parameters: serde_json::to_string(&params).unwrap_or_else(|_| "[]".to_owned()),
    })
}

fn duplicate_or(e: StoreError) -> ApiError {
    match e {
        StoreError::Duplicate => ApiError::new(ErrorCode::MethodRoutingAlreadyExistsError),
        other => other.into(),
    }
}

/// Create MethodRouting
///
/// Routes a connector method (for banks matching `bank_id_pattern`) to a connector. Needs
/// `CanCreateMethodRouting`. Unknown connector OBP-10021, unknown method OBP-10022, invalid
/// regex OBP-70001, same method + match kind + pattern twice OBP-70003.
#[endpoint(
    POST "/management/method_routings",
    operation_id = "OBPv3.1.0-createMethodRouting",
    login,
    roles = [role::CAN_CREATE_METHOD_ROUTING],
    tag = "Method-Routing",
    request_body = MethodRoutingJson,
    responses(
        (status = 201, description = "The routing", body = MethodRoutingJson),
        (status = 400, description = "OBP-10001; OBP-10021; OBP-10022; OBP-70001; OBP-70003", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody)
    )
)]
pub async fn create_method_routing(
    _auth: Authorized<CreateMethodRouting>,
    state: web::Data<AppState>,
    body: web::Json<MethodRoutingJson>,
) -> ApiResult<HttpResponse> {
    let new = validated(&body)?;
    let row = store::insert_method_routing(&state.store, new)
        .await
        .map_err(duplicate_or)?;
    Ok(HttpResponse::Created().json(MethodRoutingJson::from(row)))
}

/// Query of `getMethodRoutings`.
#[derive(Debug, Deserialize, IntoParams)]
pub struct MethodRoutingsQuery {
    /// Only this method.
    pub method_name: Option<String>,
    /// `true` adds the default `mapped` routing of every method without one.
    pub active: Option<bool>,
}

/// Get MethodRoutings
///
/// Every routing (oldest first), optionally of one method; `active=true` adds the default
/// `mapped` routing of each method that has none. Needs `CanGetMethodRoutings`.
#[endpoint(
    GET "/management/method_routings",
    operation_id = "OBPv3.1.0-getMethodRoutings",
    login,
    roles = [role::CAN_GET_METHOD_ROUTINGS],
    tag = "Method-Routing",
    params(MethodRoutingsQuery),
    responses(
        (status = 200, description = "The routings", body = MethodRoutingsJson),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody)
    )
)]
pub async fn get_method_routings(
    _auth: Authorized<GetMethodRoutings>,
    state: web::Data<AppState>,
    query: web::Query<MethodRoutingsQuery>,
) -> ApiResult<web::Json<MethodRoutingsJson>> {
    let rows = store::list_method_routings(&state.store, query.method_name.as_deref()).await?;
    let mut routings: Vec<MethodRoutingJson> =
        rows.into_iter().map(MethodRoutingJson::from).collect();
    if query.active == Some(true) {
        let methods: Vec<Method> = match query.method_name.as_deref() {
            Some(name) => Method::from_obp_name(name).into_iter().collect(),
            None => Method::ALL.to_vec(),
        };
        for m in methods {
            if !routings.iter().any(|r| r.method_name == m.obp_name()) {
                routings.push(MethodRoutingJson {
                    method_name: m.obp_name().to_owned(),
                    connector_name: obp_connectors::star::MAPPED.to_owned(),
                    is_bank_id_exact_match: false,
                    bank_id_pattern: Some(".*".to_owned()),
                    parameters: Vec::new(),
                    method_routing_id: None,
                });
            }
        }
    }
    Ok(web::Json(MethodRoutingsJson {
        method_routings: routings,
    }))
}

/// Path of one routing.
#[derive(Debug, Deserialize)]
pub struct MethodRoutingPath {
    /// METHOD_ROUTING_ID.
    pub method_routing_id: String,
}

fn not_found(id: &str) -> ApiError {
    ApiError::with_detail(
        ErrorCode::MethodRoutingNotFoundByMethodRoutingId,
        format!("Current METHOD_ROUTING_ID({id})"),
    )
}

/// Update MethodRouting
///
/// Replaces a routing. Needs `CanUpdateMethodRouting`; same checks as create; unknown id
/// OBP-70002.
#[endpoint(
    PUT "/management/method_routings/{method_routing_id}",
    operation_id = "OBPv3.1.0-updateMethodRouting",
    login,
    roles = [role::CAN_UPDATE_METHOD_ROUTING],
    tag = "Method-Routing",
    params(("method_routing_id" = String, Path, description = "METHOD_ROUTING_ID")),
    request_body = MethodRoutingJson,
    responses(
        (status = 200, description = "The routing", body = MethodRoutingJson),
        (status = 400, description = "OBP-10021; OBP-10022; OBP-70001; OBP-70003", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-70002 no such routing", body = ErrorBody)
    )
)]
pub async fn update_method_routing(
    _auth: Authorized<UpdateMethodRouting>,
    state: web::Data<AppState>,
    path: web::Path<MethodRoutingPath>,
    body: web::Json<MethodRoutingJson>,
) -> ApiResult<web::Json<MethodRoutingJson>> {
    let new = validated(&body)?;
    let row = store::update_method_routing(&state.store, &path.method_routing_id, new)
        .await
        .map_err(duplicate_or)?
        .ok_or_else(|| not_found(&path.method_routing_id))?;
    Ok(web::Json(MethodRoutingJson::from(row)))
}

/// Delete MethodRouting
///
/// Removes a routing; the method falls back to its other routings or `mapped`. Needs
/// `CanDeleteMethodRouting`; unknown id OBP-70002. Answers `true`.
#[endpoint(
    DELETE "/management/method_routings/{method_routing_id}",
    operation_id = "OBPv3.1.0-deleteMethodRouting",
    login,
    roles = [role::CAN_DELETE_METHOD_ROUTING],
    tag = "Method-Routing",
    params(("method_routing_id" = String, Path, description = "METHOD_ROUTING_ID")),
    responses(
        (status = 200, description = "Deleted: `true`", body = bool),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-70002 no such routing", body = ErrorBody)
    )
)]
pub async fn delete_method_routing(
    _auth: Authorized<DeleteMethodRouting>,
    state: web::Data<AppState>,
    path: web::Path<MethodRoutingPath>,
) -> ApiResult<web::Json<bool>> {
    if !store::delete_method_routing(&state.store, &path.method_routing_id).await? {
        return Err(not_found(&path.method_routing_id));
    }
    Ok(web::Json(true))
}
