//! sea-orm entities of the platform store's tables.

pub mod account_access;
pub mod consumer;
pub mod counterparty_limit;
pub mod direct_login_token;
pub mod dynamic_entity;
pub mod dynamic_entity_record;
pub mod endpoint_validation;
pub mod entitlement;
pub mod entitlement_request;
pub mod method_routing;
pub mod resource_user;
pub mod transaction_metadata;
pub mod user_auth_context;
pub mod user_auth_context_update;
pub mod user_customer_link;
pub mod view_definition;
