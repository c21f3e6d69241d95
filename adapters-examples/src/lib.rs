//! Example south-side adapters: what an adapter writer copies.
//!
//! * [`core`] — a tiny in-memory core banking system (banks, accounts, transactions);
//! * [`wire`] — the adapter's own serde types of OBP's connector messages, written from
//!   OBP's contract (its `JsonsTransfer.scala` case classes), not shared with the platform;
//! * [`protocol`] — the transport-independent protocol: `OutBound<Method>` in,
//!   `InBound<Method>` out ([`protocol::handle`]), between [`wire`] and [`core`];
//! * [`rest`] — a REST adapter answering the platform's `rest_vMar2019` connector: it
//!   receives `POST /<methodName>` with OBP's `OutBound<Method>` JSON and answers
//!   `InBound<Method>` JSON (see `README.md`);
//! * [`kafka`] — a Kafka adapter answering the platform's `kafka_vMay2019` connector: it
//!   reads `OutBound<Method>` messages from the request topics and answers `InBound<Method>`
//!   with the same record key on the response topics;
//! * [`rabbitmq`] — a RabbitMQ adapter answering the platform's `rabbitmq_vOct2024` connector
//!   (and OBP's): requests on `obp_rpc_queue`, answers to each message's `reply_to`.
//!
//! The messages are the adapter's own ([`wire`]): it checks the platform against OBP's
//! contract instead of mirroring the platform's message types. Only the core banking model
//! (`obp-domain`'s accounts, money, customers, ...) is shared; no platform crate that does
//! I/O is used.

pub mod core;
pub mod kafka;
pub mod protocol;
pub mod rabbitmq;
pub mod rest;
pub mod wire;
