//! Method routings (`/management/method_routings`): which connector serves a connector method
//! for which banks. The star connector reads them (cached at most
//! `method_routing_cache_ttl_millis`), so changes take effect without restart on every
//! server instance.

use actix_web::{delete, get, post, put, web, HttpResponse};
use obp_domain::role;
use serde::Deserialize;

use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::service::method_routings;
use crate::state::AppState;

mod json;
pub use json::*;

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
    let row = method_routings::create(&state, body.into_inner().into()).await?;
    Ok(HttpResponse::Created().json(MethodRoutingJson::from(row)))
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
    let routings = method_routings::list(
        &state,
        query.method_name.as_deref(),
        query.active == Some(true),
    )
    .await?;
    Ok(web::Json(MethodRoutingsJson {
        method_routings: routings.into_iter().map(Into::into).collect(),
    }))
}

/// Path of one routing.
#[derive(Debug, Deserialize)]
pub struct MethodRoutingPath {
    /// METHOD_ROUTING_ID.
    pub method_routing_id: String,
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
    let row =
        method_routings::update(&state, &path.method_routing_id, body.into_inner().into()).await?;
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
    method_routings::delete(&state, &path.method_routing_id).await?;
    Ok(web::Json(true))
}
