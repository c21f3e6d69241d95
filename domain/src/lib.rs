//! Pure, synchronous rules and types of the open banking platform.
//!
//! Nothing in this crate performs I/O or depends on a web, database or messaging crate:
//! the layer check in `.ci/run` enforces that. Everything else in the workspace builds on
//! these types, so they are plain data with validating constructors.

#![deny(clippy::float_arithmetic)]

pub mod account;
pub mod agent;
pub mod auth_context;
pub mod bank;
pub mod charge;
pub mod consent;
pub mod context;
pub mod counterparty;
pub mod counterparty_limit;
pub mod endpoint_validation;
pub mod error;
pub mod funds;
pub mod iban;
pub mod ids;
pub mod ledger;
pub mod message;
pub mod moderation;
pub mod money;
pub mod password;
pub mod payment;
pub mod query;
pub mod role;
pub mod version;
pub mod view;

pub use error::{ErrorCode, HasErrorCode};
pub use money::{Currency, Money, MoneyError};
pub mod customer;
pub mod dynamic_entity;
pub mod refdata;
