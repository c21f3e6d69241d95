//! Consumers (apps): creation by an administrator or self-service by a logged-in
//! developer, listing, and enabling/disabling. The consumer secret is shown once, at
//! creation; only its SHA-256 is stored. Disabling an app makes its tokens fail at once.

use actix_web::{get, post, put, web, HttpResponse};
use obp_domain::role;
use serde::Deserialize;

use crate::endpoint;
use crate::error::{ApiResult, ErrorBody};
use crate::guard::Authorized;
use crate::service::consumers;
use crate::state::AppState;

mod json;
pub use json::*;

/// Create a Consumer
///
/// Creates an app (role `CanCreateConsumer`). The answer holds the consumer key and the
/// secret; the secret is not shown again.
#[endpoint(
    POST "/management/consumers",
    operation_id = "OBPv4.0.0-createConsumer",
    login,
    roles = [role::CAN_CREATE_CONSUMER],
    tag = "Consumer",
    request_body = ConsumerPostJson,
    responses(
        (status = 201, description = "The app with key and secret", body = ConsumerJson),
        (status = 400, description = "OBP-10001 bad body", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody)
    )
)]
pub async fn create_consumer(
    auth: Authorized<CreateConsumer>,
    state: web::Data<AppState>,
    body: web::Json<ConsumerPostJson>,
) -> ApiResult<HttpResponse> {
    let created =
        consumers::create_by_admin(&state, auth.user()?, body.into_inner().into()).await?;
    Ok(HttpResponse::Created().json(ConsumerJson::from(created)))
}

/// Register an app (self-service)
///
/// A logged-in developer registers an app of their own; it is enabled at once. The answer
/// holds the consumer key and the secret; the secret is not shown again. (OBP registers apps
/// through a web form or mTLS dynamic registration; this is the API equivalent.)
#[endpoint(
    POST "/my/consumers",
    operation_id = "createMyConsumer",
    login,
    tag = "Consumer",
    request_body = MyConsumerPostJson,
    responses(
        (status = 201, description = "The app with key and secret", body = ConsumerJson),
        (status = 400, description = "OBP-10001 bad body", body = ErrorBody),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody)
    )
)]
pub async fn create_my_consumer(
    auth: Authorized<CreateMyConsumer>,
    state: web::Data<AppState>,
    body: web::Json<MyConsumerPostJson>,
) -> ApiResult<HttpResponse> {
    let created = consumers::create_mine(&state, auth.user()?, body.into_inner().into()).await?;
    Ok(HttpResponse::Created().json(ConsumerJson::from(created)))
}

/// Get Consumers
///
/// All apps (role `CanGetConsumers`), oldest first.
#[endpoint(
    GET "/management/consumers",
    operation_id = "OBPv3.1.0-getConsumers",
    login,
    roles = [role::CAN_GET_CONSUMERS],
    tag = "Consumer",
    responses(
        (status = 200, description = "The apps", body = ConsumersJsonV310),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody)
    )
)]
pub async fn get_consumers(
    _auth: Authorized<GetConsumers>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<ConsumersJsonV310>> {
    let rows = consumers::list(&state, None).await?;
    Ok(web::Json(ConsumersJsonV310::from(rows)))
}

/// Get Consumers for the current user
///
/// The apps the logged-in user created.
#[endpoint(
    GET "/management/users/current/consumers",
    operation_id = "OBPv3.1.0-getConsumersForCurrentUser",
    login,
    tag = "Consumer",
    responses(
        (status = 200, description = "The apps", body = ConsumersJsonV310),
        (status = 401, description = "OBP-20001 not logged in", body = ErrorBody)
    )
)]
pub async fn get_consumers_for_current_user(
    auth: Authorized<GetConsumersForCurrentUser>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<ConsumersJsonV310>> {
    let rows = consumers::list(&state, Some(&auth.user()?.user_id)).await?;
    Ok(web::Json(ConsumersJsonV310::from(rows)))
}

/// Path with a consumer id.
#[derive(Debug, Deserialize)]
pub struct ConsumerPath {
    /// CONSUMER_ID.
    pub consumer_id: String,
}

/// Get Consumer
///
/// One app (role `CanGetConsumers`).
#[endpoint(
    GET "/management/consumers/{consumer_id}",
    operation_id = "OBPv3.1.0-getConsumer",
    login,
    roles = [role::CAN_GET_CONSUMERS],
    tag = "Consumer",
    params(("consumer_id" = String, Path, description = "CONSUMER_ID")),
    responses(
        (status = 200, description = "The app", body = ConsumerJsonV310),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-30019 no such app", body = ErrorBody)
    )
)]
pub async fn get_consumer(
    _auth: Authorized<GetConsumer>,
    state: web::Data<AppState>,
    path: web::Path<ConsumerPath>,
) -> ApiResult<web::Json<ConsumerJsonV310>> {
    let c = consumers::get(&state, &path.consumer_id).await?;
    Ok(web::Json(ConsumerJsonV310::from(c)))
}

/// Enable or Disable Consumers
///
/// `{"enabled": true}` needs `CanEnableConsumers`, `{"enabled": false}` needs
/// `CanDisableConsumers`. A disabled app's tokens stop working at once.
#[endpoint(
    PUT "/management/consumers/{consumer_id}",
    operation_id = "OBPv3.1.0-enableDisableConsumers",
    login,
    roles = [role::CAN_ENABLE_CONSUMERS, role::CAN_DISABLE_CONSUMERS],
    roles_in_handler,
    tag = "Consumer",
    params(("consumer_id" = String, Path, description = "CONSUMER_ID")),
    request_body = EnabledJson,
    responses(
        (status = 200, description = "The new state", body = EnabledJson),
        (status = 403, description = "OBP-20006 missing role", body = ErrorBody),
        (status = 404, description = "OBP-30019 no such app", body = ErrorBody)
    )
)]
pub async fn enable_disable_consumer(
    auth: Authorized<EnableDisableConsumers>,
    state: web::Data<AppState>,
    path: web::Path<ConsumerPath>,
    body: web::Json<EnabledJson>,
) -> ApiResult<web::Json<EnabledJson>> {
    let enabled =
        consumers::set_enabled(&state, auth.user()?, &path.consumer_id, body.enabled).await?;
    Ok(web::Json(EnabledJson { enabled }))
}
