//! All I/O to data: the [`Connector`] trait with its implementations, and the platform store.
//!
//! * [`mapped`] — the embedded core banking system on the local database (sea-orm);
//! * [`remote`] — OBP's messages to a remote adapter over a [`remote::Transport`];
//! * [`kafka`] — `kafka_vMay2019`: the Kafka transport (request/response topics);
//! * [`rest`] — `rest_vMar2019`: the HTTP transport to a REST adapter;
//! * [`star`] — routes each call by method and bank to `mapped`, `kafka_vMay2019` or `rest_vMar2019`;
//! * [`store`] — the platform store (users, apps, tokens, entitlements).
//!
//! Core banking data (banks, accounts, transactions, payments, ...) is read and written only
//! through a `Connector`; the API layer never touches those tables directly.

mod bank_scoped;
pub mod connector;
pub mod db;
pub mod error;
pub mod kafka;
pub mod mapped;
pub mod message_docs;
pub mod method;
pub mod rabbitmq;
pub mod remote;
pub mod rest;
mod sql_text;
pub mod sqlite_reads;
pub mod star;
pub mod store;

pub use connector::Connector;
pub use error::{optional_part, ConnectorError, ConnectorResult};
pub use method::Method;
