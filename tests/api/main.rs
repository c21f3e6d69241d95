//! The black-box API suite: one test binary, one module per area.
//!
//! Each test spawns the real server on port 0 with a fresh database ([`obp_tests::TestApp`]);
//! set `OBP_TEST_DATABASE_URL` to run the same tests against PostgreSQL.

mod accounts;
mod admin_safety;
mod atms;
mod attributes;
mod auth;
mod auth_context;
mod authorization_matrix;
mod banks;
mod branches;
mod cards;
mod consent_auth;
mod consumers;
mod counterparties;
mod customer_attributes;
mod customers;
mod entitlements;
mod errors;
mod firehose;
mod funds_available;
mod health;
mod http_semantics;
mod idempotency;
mod input;
mod kafka;
mod kyc;
mod lockout;
mod method_routings;
mod migrations;
mod money_rules;
mod openapi;
mod payments;
mod products;
mod root;
mod sandbox;
mod secrets_at_rest;
mod star_end_to_end;
mod transaction_attributes;
mod transaction_metadata;
mod transactions;
mod user_account_access;
mod users;
mod view_delegation;
mod views;
