//! The black-box API suite: one test binary, one module per area.
//!
//! Each test spawns the real server on port 0 with a fresh database ([`obp_tests::TestApp`]);
//! set `OBP_TEST_DATABASE_URL` to run the same tests against PostgreSQL.

mod auth;
mod banks;
mod consumers;
mod entitlements;
mod errors;
mod health;
mod method_routings;
mod migrations;
mod openapi;
mod root;
mod users;
