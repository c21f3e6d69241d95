//! `obp-server bootstrap`: the first administrator without editing files.
//!
//! Creates (or reuses) a local user, grants it `CanCreateEntitlementAtAnyBank`, and creates
//! an app for it, then reports `user_id`, `consumer_key` and `consumer_secret`. Idempotent:
//! a second run reuses the user, the entitlement and the app named `bootstrap`, and
//! **rotates** that app's secret, because secrets are stored hashed and cannot be shown
//! again. It is also the way back in for a locked-out administrator: on an existing user it
//! lifts an administrator's lock and the failed-login locks, and sets the password when one
//! is given (an empty password leaves it unchanged). Works while the server runs.

use std::sync::Arc;

use obp_connectors::store;
use obp_domain::role;
use serde::Serialize;

use crate::config::Settings;
use crate::service::consumers::{insert_consumer, NewConsumer};
use crate::state::AppState;

/// The name of the app the bootstrap creates.
pub const BOOTSTRAP_APP_NAME: &str = "bootstrap";

/// What `bootstrap` prints (one JSON object).
#[derive(Debug, Clone, Serialize)]
pub struct BootstrapOutput {
    /// The administrator's USER_ID.
    pub user_id: String,
    /// The administrator's username.
    pub username: String,
    /// The identity provider of the user (this instance's hostname).
    pub provider: String,
    /// Whether the user was created by this run.
    pub created_user: bool,
    /// The app's CONSUMER_ID.
    pub consumer_id: String,
    /// The app's consumer key (stable across runs).
    pub consumer_key: String,
    /// The app's secret (new on every run).
    pub consumer_secret: String,
    /// The role granted.
    pub role: String,
}

/// A bootstrap that could not be done.
#[derive(Debug, thiserror::Error)]
pub enum BootstrapError {
    /// The password breaks OBP's strength rule.
    #[error("{}", obp_domain::ErrorCode::InvalidStrongPasswordFormat.message(None))]
    WeakPassword,
    /// Anything else.
    #[error("{0}")]
    Other(String),
}

impl From<crate::error::ApiError> for BootstrapError {
    fn from(e: crate::error::ApiError) -> Self {
        Self::Other(format!("{} ({})", e.client_message(), e.log_chain()))
    }
}

impl From<store::StoreError> for BootstrapError {
    fn from(e: store::StoreError) -> Self {
        Self::Other(format!("{e}: {:?}", e))
    }
}

/// Runs the bootstrap on an opened, migrated database.
///
/// # Errors
/// A weak password for a new user, or a database failure.
pub async fn bootstrap(
    settings: Settings,
    store: store::Store,
    username: &str,
    password: &str,
    email: Option<&str>,
) -> Result<BootstrapOutput, BootstrapError> {
    let kafka = crate::startup::new_kafka(&settings);
    let connector = crate::startup::build_connector_with(&settings, store.clone(), &kafka)
        .map_err(|e| BootstrapError::Other(format!("{e:#}")))?;
    let state = AppState {
        settings: Arc::new(settings),
        store,
        connector,
        kafka,
        settlement_accounts: Default::default(),
        payment_accounts: Default::default(),
        token_cache: Default::default(),
        consent_cache: Default::default(),
        dynamic_schemas: Default::default(),
        dynamic_definitions: Default::default(),
        endpoint_rules: Default::default(),
    };
    let provider = state.settings.hostname.clone();
    let password = Some(password).filter(|p| !p.is_empty());
    if password.is_some_and(|p| !obp_domain::password::is_strong_password(p)) {
        return Err(BootstrapError::WeakPassword);
    }
    let existing = store::find_user_by_username(&state.store, &provider, username).await?;
    let (user, created_user) = match existing {
        Some(u) if !u.is_deleted => {
            recover(&state, &u, password).await?;
            (u, false)
        }
        Some(_) => {
            return Err(BootstrapError::Other(format!(
                "user {username} was deleted; choose another username"
            )))
        }
        None => {
            let Some(password) = password else {
                return Err(BootstrapError::Other(format!(
                    "user {username} does not exist; give a --password to create it"
                )));
            };
            let email = email.map_or_else(|| format!("{username}@localhost"), str::to_owned);
            let u = crate::service::users::create_local_user(
                &state, username, password, &email, "", "",
            )
            .await?;
            (u, true)
        }
    };
    store::ensure_entitlement(
        &state.store,
        &user.id,
        "",
        role::CAN_CREATE_ENTITLEMENT_AT_ANY_BANK.name,
        "bootstrap",
    )
    .await?;
    let app = store::list_consumers(&state.store, Some(&user.id))
        .await?
        .into_iter()
        .find(|c| c.app_name == BOOTSTRAP_APP_NAME);
    let (consumer, secret) = match app {
        Some(c) => {
            let secret = crate::auth::new_consumer_secret();
            let c = store::set_consumer_secret(&state.store, c, crate::auth::sha256_hex(&secret))
                .await?;
            let c = if c.enabled {
                c
            } else {
                store::set_consumer_enabled(&state.store, c, true).await?
            };
            (c, secret)
        }
        None => {
            insert_consumer(
                &state,
                NewConsumer {
                    app_name: BOOTSTRAP_APP_NAME.to_owned(),
                    app_type: "Confidential".to_owned(),
                    description: "Created by obp-server bootstrap".to_owned(),
                    developer_email: user.email.clone(),
                    redirect_url: String::new(),
                    client_certificate: String::new(),
                    created_by_user_id: Some(user.id.clone()),
                    enabled: true,
                },
            )
            .await?
        }
    };
    Ok(BootstrapOutput {
        user_id: user.id,
        username: user.username,
        provider: user.provider,
        created_user,
        consumer_id: consumer.id,
        consumer_key: consumer.consumer_key,
        consumer_secret: secret,
        role: role::CAN_CREATE_ENTITLEMENT_AT_ANY_BANK.name.to_owned(),
    })
}

/// Gives an existing administrator their way back in: lifts an administrator's lock and the
/// failed-login locks of the username, and sets the password when one is given and differs
/// (which revokes the user's tokens, as a new password should). Tokens revoked by a lock stay
/// revoked.
async fn recover(
    state: &AppState,
    user: &store::User,
    password: Option<&str>,
) -> Result<(), BootstrapError> {
    store::set_user_locked(&state.store, &user.id, false).await?;
    store::login_throttle::clear_username(&state.store, &user.username).await?;
    let Some(password) = password else {
        return Ok(());
    };
    let cost = state.settings.password_hash.clone();
    let hashing = |e: crate::auth::HashError| BootstrapError::Other(format!("{e:?}"));
    let same = crate::auth::verify_password(
        cost.clone(),
        user.password_hash.clone(),
        password.to_owned(),
    )
    .await
    .map_err(hashing)?;
    if !same {
        let hash = crate::auth::hash_password(cost, password.to_owned())
            .await
            .map_err(hashing)?;
        store::set_user_password(&state.store, &user.id, hash).await?;
        store::revoke_tokens_of_user(&state.store, &user.id).await?;
    }
    Ok(())
}
