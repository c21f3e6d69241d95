//! Example south-side adapters: what an adapter writer copies.
//!
//! * [`core`] — a tiny in-memory core banking system (banks, accounts, transactions);
//! * [`protocol`] — the transport-independent protocol: `OutBound<Method>` in,
//!   `InBound<Method>` out ([`protocol::handle`]);
//! * [`rest`] — a REST adapter answering the platform's `rest_vMar2019` connector: it
//!   receives `POST /<methodName>` with OBP's `OutBound<Method>` JSON and answers
//!   `InBound<Method>` JSON (see `README.md`);
//! * [`kafka`] — a Kafka adapter answering the platform's `kafka_vMay2019` connector: it
//!   reads `OutBound<Method>` messages from the request topics and answers `InBound<Method>`
//!   with the same record key on the response topics;
//! * [`rabbitmq`] — a RabbitMQ adapter answering the platform's `rabbitmq_vOct2024` connector
//!   (and OBP's): requests on `obp_rpc_queue`, answers to each message's `reply_to`.
//!
//! Only the message types of `obp-domain` are shared with the platform; no platform crate
//! that does I/O is used.

pub mod core;
pub mod kafka;
pub mod protocol;
pub mod rabbitmq;
pub mod rest;
