//! The HTTP layer of the open banking platform and the `obp-server` binary.
//!
//! * [`config`] — settings from defaults, an optional file and `OBP_*` variables;
//! * [`startup`] — builds the connector stack and the actix-web server;
//! * [`middleware`] — correlation ids, version checks and the error envelope for everything;
//! * [`error`] — [`error::ApiError`], the one error type handlers return;
//! * [`routes`] — endpoints, each declared once for the router and the OpenAPI document;
//! * [`openapi`] — the OpenAPI 3.1 document.

pub mod access;
pub mod auth;
pub mod bootstrap;
pub mod config;
pub mod consent_cache;
pub mod consent_jwt;
pub mod context;
pub mod dependent_endpoints;
pub mod dynamic_docs;
pub mod dynamic_schemas;
pub mod endpoint_rules;
pub mod error;
pub mod fallback;
pub mod guard;
pub mod input;
pub mod json;
pub mod memory;
pub mod middleware;
pub mod moderation;
pub mod openapi;
pub mod paths;
pub mod payments;
pub mod refdata_json;
pub mod resource_docs;
pub mod router;
pub mod routes;
pub mod sandbox;
pub mod secret;
pub mod service;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod token_cache;
pub mod versioned;

/// The one declaration of an endpoint (route, OpenAPI path, guard, registration); see
/// [`obp_api_macros`] and `docs/ENDPOINTS.md`.
pub use obp_api_macros::endpoint;
