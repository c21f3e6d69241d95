//! Consumers (apps): creation by an administrator or self-service by a logged-in
//! developer, listing, and enabling/disabling. The consumer secret exists in clear only in
//! the answer to its creation; only its SHA-256 is stored.

use obp_connectors::store::{self, Consumer, StoreError, User};
use obp_domain::context::AuthUser;
use obp_domain::{role, ErrorCode};

use crate::auth;
use crate::error::{ApiError, ApiResult};
use crate::guard::authorize;
use crate::state::AppState;

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

/// What an administrator sends to create an app (OBP's `ConsumerPostJSON`, parsed; the
/// app type, creator and creation date it carries are ignored, as in OBP).
#[derive(Debug)]
pub struct AppByAdmin {
    /// App name.
    pub app_name: String,
    /// Description.
    pub description: String,
    /// Developer e-mail.
    pub developer_email: String,
    /// Redirect URL.
    pub redirect_url: String,
    /// Client certificate (PEM).
    pub client_certificate: String,
    /// Whether the app may log in.
    pub enabled: bool,
}

/// What a developer sends to register an app of their own.
#[derive(Debug)]
pub struct MyApp {
    /// App name.
    pub app_name: String,
    /// App type, e.g. `Confidential` or `Public`.
    pub app_type: String,
    /// Description.
    pub description: String,
    /// Developer e-mail (default: the caller's).
    pub developer_email: Option<String>,
    /// Redirect URL.
    pub redirect_url: String,
}

/// A consumer with the user who created it (`None` when there is none or they are gone).
#[derive(Debug, Clone)]
pub struct ConsumerWithCreator {
    /// The consumer.
    pub consumer: Consumer,
    /// Its creator.
    pub creator: Option<User>,
}

/// A new consumer, its creator and its secret in clear (shown once).
#[derive(Debug, Clone)]
pub struct CreatedConsumer {
    /// The consumer and its creator.
    pub consumer: ConsumerWithCreator,
    /// The consumer secret.
    pub secret: String,
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

async fn with_creator(state: &AppState, consumer: Consumer) -> ApiResult<ConsumerWithCreator> {
    let creator = match &consumer.created_by_user_id {
        Some(id) => store::find_user(&state.store, id).await?,
        None => None,
    };
    Ok(ConsumerWithCreator { consumer, creator })
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

async fn create(state: &AppState, n: NewConsumer) -> ApiResult<CreatedConsumer> {
    require_app_name(&n.app_name)?;
    let (row, secret) = insert_consumer(state, n).await?;
    Ok(CreatedConsumer {
        consumer: with_creator(state, row).await?,
        secret,
    })
}

/// An administrator creates an app; the caller is its creator.
///
/// # Errors
/// 400 OBP-10001 empty app name, a database failure.
pub async fn create_by_admin(
    state: &AppState,
    caller: &AuthUser,
    app: AppByAdmin,
) -> ApiResult<CreatedConsumer> {
    create(
        state,
        NewConsumer {
            app_name: app.app_name,
            app_type: String::new(),
            description: app.description,
            developer_email: app.developer_email,
            redirect_url: app.redirect_url,
            client_certificate: app.client_certificate,
            created_by_user_id: Some(caller.user_id.clone()),
            enabled: app.enabled,
        },
    )
    .await
}

/// A logged-in developer registers an app of their own, enabled at once.
///
/// # Errors
/// 400 OBP-10001 empty app name, a database failure.
pub async fn create_mine(
    state: &AppState,
    caller: &AuthUser,
    app: MyApp,
) -> ApiResult<CreatedConsumer> {
    create(
        state,
        NewConsumer {
            app_name: app.app_name,
            app_type: app.app_type,
            description: app.description,
            developer_email: app.developer_email.unwrap_or_else(|| caller.email.clone()),
            redirect_url: app.redirect_url,
            client_certificate: String::new(),
            created_by_user_id: Some(caller.user_id.clone()),
            enabled: true,
        },
    )
    .await
}

/// Every app (oldest first), or those `created_by` one user.
///
/// # Errors
/// A database failure.
pub async fn list(
    state: &AppState,
    created_by: Option<&str>,
) -> ApiResult<Vec<ConsumerWithCreator>> {
    let mut consumers = Vec::new();
    for c in store::list_consumers(&state.store, created_by).await? {
        consumers.push(with_creator(state, c).await?);
    }
    Ok(consumers)
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

/// One app.
///
/// # Errors
/// 404 OBP-30019, a database failure.
pub async fn get(state: &AppState, consumer_id: &str) -> ApiResult<ConsumerWithCreator> {
    let c = find(state, consumer_id).await?;
    with_creator(state, c).await
}

/// Enables (role `CanEnableConsumers`) or disables (role `CanDisableConsumers`) an app; a
/// disabled app's tokens stop working at once. Answers the new state.
///
/// # Errors
/// 403 OBP-20006 missing role, 404 OBP-30019, a database failure.
pub async fn set_enabled(
    state: &AppState,
    caller: &AuthUser,
    consumer_id: &str,
    enabled: bool,
) -> ApiResult<bool> {
    let needed = if enabled {
        role::CAN_ENABLE_CONSUMERS
    } else {
        role::CAN_DISABLE_CONSUMERS
    };
    authorize(state, caller, &[needed], None).await?;
    let c = find(state, consumer_id).await?;
    let c = store::set_consumer_enabled(&state.store, c, enabled).await?;
    state.token_cache.clear();
    state.consent_cache.clear();
    Ok(c.enabled)
}
