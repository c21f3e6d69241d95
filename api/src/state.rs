//! Shared application state handed to handlers through `web::Data`.

use std::sync::Arc;

use obp_connectors::store::Store;
use obp_connectors::Connector;

use crate::config::Settings;
use crate::payments::account_cache::PaymentAccountCache;
use crate::payments::settlement_cache::SettlementCache;

/// What every handler may need. Cheap to clone.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The loaded settings.
    pub settings: Arc<Settings>,
    /// The platform store (its pool is the mapped connector's too).
    pub store: Store,
    /// The configured connector for core banking data.
    pub connector: Arc<dyn Connector>,
    /// The Kafka connector (the configured connector, or star's `kafka_vMay2019` target),
    /// created on first use; the loopback endpoint reaches the broker through it.
    pub kafka: Arc<obp_connectors::kafka::LazyKafka>,
    /// Recently found settlement accounts (see [`SettlementCache`]).
    pub settlement_accounts: Arc<SettlementCache>,
    /// The accounts recent payments were made from and to (see [`PaymentAccountCache`]).
    pub payment_accounts: Arc<PaymentAccountCache>,
    /// Recently checked DirectLogin tokens (see [`crate::token_cache`]; off by default).
    pub token_cache: Arc<crate::token_cache::TokenCache>,
    /// Recently resolved consents (see [`crate::consent_cache`]; same TTL as the tokens').
    pub consent_cache: Arc<crate::consent_cache::ConsentCache>,
    /// Compiled dynamic entity schemas, per definition version (see
    /// [`crate::dynamic_schemas::SchemaCache`]).
    pub dynamic_schemas: Arc<crate::dynamic_schemas::SchemaCache>,
    /// The dynamic entity definitions record requests resolve in (see
    /// [`crate::dynamic_schemas::DefinitionCache`]).
    pub dynamic_definitions: Arc<crate::dynamic_schemas::DefinitionCache>,
    /// The endpoint validations in force (see [`crate::endpoint_rules`]).
    pub endpoint_rules: Arc<crate::endpoint_rules::EndpointRules>,
}
