//! Use cases, one module per area, between the routes and the connector/store.
//!
//! A service function takes the call context, its dependencies and typed input, holds the
//! use case's logic (lookups, rules, the order of checks, writes) and returns domain values
//! or an [`ApiError`](crate::error::ApiError) carrying the OBP code. It knows nothing of
//! HTTP: no actix types, no request, no JSON shapes — the route parses the request into the
//! input, calls one service function and renders the result in the OBP shape of its version.
//!
//! Dependencies come in [`AppState`](crate::state::AppState), the bundle the server builds
//! once: the connector (core banking data), the platform [`Store`](obp_connectors::store::Store)
//! (users, consumers, entitlements, views, metadata, …), the settings and the per-instance
//! caches. Nothing else is reached for: no globals, no raw database connection.
//!
//! Access checks that every area shares (bank exists, account through a view, roles at a
//! bank) are in [`crate::access`]; rules that need no I/O are in `obp-domain`.

pub mod accounts;
pub mod adapter;
pub mod agents;
pub mod attributes;
pub mod banks;
pub mod cards;
pub mod consent_requests;
pub mod consents;
pub mod consumers;
pub mod counterparties;
pub mod counterparty_limits;
pub mod customers;
pub mod dynamic_entities;
pub mod endpoint_validations;
pub mod entitlements;
pub mod firehose;
pub mod funds;
pub mod kyc;
pub mod ledger;
pub mod login;
pub mod method_routings;
pub mod products;
pub mod refdata;
pub mod sandbox;
pub mod sca;
pub mod transaction_requests;
pub mod transactions;
pub mod user_auth_context;
pub mod users;
pub mod views;
