//! Consumers (apps): creation by an administrator or self-service by a logged-in
//! developer, listing, and enabling/disabling. The consumer secret is shown once, at
//! creation; only its SHA-256 is stored. Disabling an app makes its tokens fail at once.

use actix_web::{get, post, put, web, HttpResponse};
use obp_connectors::store::{self, Consumer, StoreError};
use obp_domain::role;
use obp_domain::ErrorCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth;
use crate::endpoint;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::{authorize, Authorized};
use crate::json::obp_date;
use crate::state::AppState;

/// `ConsumerPostJSON`. OBP requires all fields; `app_type`, `created_by_user_id` and
/// `created` are ignored (the creator is the caller).
#[derive(Debug, Deserialize, ToSchema)]
pub struct ConsumerPostJson {
    /// App name.
    #[schema(max_length = 100)]
    pub app_name: String,
    /// App type (ignored, as in OBP).
    #[serde(default)]
    #[schema(max_length = 20)]
    pub app_type: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Developer e-mail.
    #[schema(max_length = 100)]
    pub developer_email: String,
    /// Redirect URL.
    #[serde(default)]
    #[schema(max_length = 250)]
    pub redirect_url: String,
    /// Ignored.
    #[serde(default)]
    #[schema(max_length = 36)]
    pub created_by_user_id: Option<String>,
    /// Whether the app may log in.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Ignored.
    #[serde(default)]
    pub created: Option<String>,
    /// Client certificate (PEM).
    #[serde(default, rename = "clientCertificate")]
    #[schema(max_length = 4000)]
    pub client_certificate: String,
}

fn yes() -> bool {
    true
}

/// Self-service app registration body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MyConsumerPostJson {
    /// App name.
    #[schema(max_length = 100)]
    pub app_name: String,
    /// App type, e.g. `Confidential` or `Public`.
    #[serde(default)]
    #[schema(max_length = 20)]
    pub app_type: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Developer e-mail (default: the caller's).
    #[serde(default)]
    #[schema(max_length = 100)]
    pub developer_email: Option<String>,
    /// Redirect URL.
    #[serde(default)]
    #[schema(max_length = 250)]
    pub redirect_url: String,
}

/// `ResourceUserJSON`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResourceUserJson {
    /// USER_ID.
    pub user_id: String,
    /// E-mail.
    pub email: String,
    /// Id given by the provider.
    pub provider_id: String,
    /// Provider.
    pub provider: String,
    /// Username.
    pub username: String,
}

/// OBP v4 `ConsumerJson`: the consumer with its key and (once) its secret.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsumerJson {
    /// CONSUMER_ID.
    pub consumer_id: String,
    /// Consumer key.
    pub key: String,
    /// Consumer secret: shown only in this answer.
    pub secret: String,
    /// App name.
    pub app_name: String,
    /// App type.
    pub app_type: String,
    /// Description.
    pub description: String,
    /// Client certificate.
    pub client_certificate: String,
    /// Developer e-mail.
    pub developer_email: String,
    /// Redirect URL.
    pub redirect_url: String,
    /// Creator's USER_ID.
    pub created_by_user_id: String,
    /// Creator.
    pub created_by_user: Option<ResourceUserJson>,
    /// Enabled.
    pub enabled: bool,
    /// Created.
    pub created: String,
}

/// OBP's `ConsumerJsonV310` (no key, no secret).
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsumerJsonV310 {
    /// CONSUMER_ID.
    pub consumer_id: String,
    /// App name.
    pub app_name: String,
    /// App type.
    pub app_type: String,
    /// Description.
    pub description: String,
    /// Developer e-mail.
    pub developer_email: String,
    /// Redirect URL.
    pub redirect_url: String,
    /// Creator.
    pub created_by_user: Option<ResourceUserJson>,
    /// Enabled.
    pub enabled: bool,
    /// Created.
    pub created: String,
}

/// `ConsumersJsonV310`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsumersJsonV310 {
    /// The consumers.
    pub consumers: Vec<ConsumerJsonV310>,
}

/// `PutEnabledJSON` / answer of enable/disable.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EnabledJson {
    /// Enabled.
    pub enabled: bool,
}

async fn creator(state: &AppState, c: &Consumer) -> ApiResult<Option<ResourceUserJson>> {
    let Some(id) = &c.created_by_user_id else {
        return Ok(None);
    };
    Ok(store::find_user(&state.store, id)
        .await?
        .map(|u| ResourceUserJson {
            user_id: u.id,
            email: u.email,
            provider_id: u.username.clone(),
            provider: u.provider,
            username: u.username,
        }))
}

async fn v310(state: &AppState, c: Consumer) -> ApiResult<ConsumerJsonV310> {
    let created_by_user = creator(state, &c).await?;
    Ok(ConsumerJsonV310 {
        consumer_id: c.id,
        app_name: c.app_name,
        app_type: c.app_type,
        description: c.description,
        developer_email: c.developer_email,
        redirect_url: c.redirect_url,
        created_by_user,
        enabled: c.enabled,
        created: obp_date(c.created_at),
    })
}

/// A consumer to create.
#[derive(Debug)]
pub struct NewConsumer {
    /// App name.
    pub app_name: String,
    /// App type.
    pub app_type: String,
    /// Description.
    pub description: String,
    /// Developer e-mail.
    pub developer_email: String,
    /// Redirect URL.
    pub redirect_url: String,
    /// Client certificate.
    pub client_certificate: String,
    /// Creator.
    pub created_by_user_id: Option<String>,
    /// Enabled.
    pub enabled: bool,
}

/// Creates a consumer with a fresh key and secret; returns the row and the secret.
///
/// # Errors
/// A database failure.
pub async fn insert_consumer(state: &AppState, n: NewConsumer) -> ApiResult<(Consumer, String)> {
    let secret = auth::new_consumer_secret();
    let row = store::NewConsumer {
        consumer_key: auth::new_consumer_key(),
        secret_hash: auth::sha256_hex(&secret),
        app_name: n.app_name,
        app_type: n.app_type,
        description: n.description,
        developer_email: n.developer_email,
        redirect_url: n.redirect_url,
        client_certificate: n.client_certificate,
        created_by_user_id: n.created_by_user_id,
        enabled: n.enabled,
    };
    match store::insert_consumer(&state.store, row).await {
        Ok(row) => Ok((row, secret)),
        Err(StoreError::Duplicate) => Err(ApiError::new(ErrorCode::UnknownError)),
        Err(e) => Err(e.into()),
    }
}

async fn consumer_json(state: &AppState, c: Consumer, secret: String) -> ApiResult<ConsumerJson> {
    let created_by_user = creator(state, &c).await?;
    Ok(ConsumerJson {
        consumer_id: c.id,
        key: c.consumer_key,
        secret,
        app_name: c.app_name,
        app_type: c.app_type,
        description: c.description,
        client_certificate: c.client_certificate,
        developer_email: c.developer_email,
        redirect_url: c.redirect_url,
        created_by_user_id: c.created_by_user_id.unwrap_or_default(),
        created_by_user,
        enabled: c.enabled,
        created: obp_date(c.created_at),
    })
}

fn require_app_name(name: &str) -> ApiResult<()> {
    if name.trim().is_empty() {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidJsonFormat,
            "app_name must not be empty.",
        ));
    }
    Ok(())
}

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
    let b = body.into_inner();
    require_app_name(&b.app_name)?;
    let (row, secret) = insert_consumer(
        &state,
        NewConsumer {
            app_name: b.app_name,
            app_type: String::new(),
            description: b.description,
            developer_email: b.developer_email,
            redirect_url: b.redirect_url,
            client_certificate: b.client_certificate,
            created_by_user_id: Some(auth.user()?.user_id.clone()),
            enabled: b.enabled,
        },
    )
    .await?;
    Ok(HttpResponse::Created().json(consumer_json(&state, row, secret).await?))
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
    let b = body.into_inner();
    require_app_name(&b.app_name)?;
    let user = auth.user()?;
    let (row, secret) = insert_consumer(
        &state,
        NewConsumer {
            app_name: b.app_name,
            app_type: b.app_type,
            description: b.description,
            developer_email: b.developer_email.unwrap_or_else(|| user.email.clone()),
            redirect_url: b.redirect_url,
            client_certificate: String::new(),
            created_by_user_id: Some(user.user_id.clone()),
            enabled: true,
        },
    )
    .await?;
    Ok(HttpResponse::Created().json(consumer_json(&state, row, secret).await?))
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
    let mut consumers = Vec::new();
    for c in store::list_consumers(&state.store, None).await? {
        consumers.push(v310(&state, c).await?);
    }
    Ok(web::Json(ConsumersJsonV310 { consumers }))
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
    let mut consumers = Vec::new();
    for c in store::list_consumers(&state.store, Some(&auth.user()?.user_id)).await? {
        consumers.push(v310(&state, c).await?);
    }
    Ok(web::Json(ConsumersJsonV310 { consumers }))
}

/// Path with a consumer id.
#[derive(Debug, Deserialize)]
pub struct ConsumerPath {
    /// CONSUMER_ID.
    pub consumer_id: String,
}

async fn find(state: &AppState, id: &str) -> ApiResult<Consumer> {
    store::find_consumer(&state.store, id)
        .await?
        .ok_or_else(|| {
            ApiError::with_detail(
                ErrorCode::ConsumerNotFoundByConsumerId,
                format!("Current ConsumerId is {id}"),
            )
        })
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
    let c = find(&state, &path.consumer_id).await?;
    Ok(web::Json(v310(&state, c).await?))
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
    let enabled = body.enabled;
    let needed = if enabled {
        role::CAN_ENABLE_CONSUMERS
    } else {
        role::CAN_DISABLE_CONSUMERS
    };
    authorize(&state, auth.user()?, &[needed], None).await?;
    let c = find(&state, &path.consumer_id).await?;
    let c = store::set_consumer_enabled(&state.store, c, enabled).await?;
    state.token_cache.clear();
    Ok(web::Json(EnabledJson { enabled: c.enabled }))
}
