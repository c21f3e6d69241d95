//! Payments: transaction requests, SCA challenges, idempotency and ledger verification.
//!
//! The flow (OBP v4.0.0 `createTransactionRequest*`):
//! 1. authorise: the caller holds VIEW_ID on the account and the view has
//!    `can_add_transaction_request_to_any_account` (or `..._to_beneficiary` for a beneficiary
//!    counterparty), or the caller has `CanCreateAnyTransactionRequest` at the bank; else
//!    OBP-40002;
//! 2. validate the body (currency OBP-10003, amount > 0 OBP-40008, same currency as the
//!    account OBP-40003, charge policy OBP-40013, beneficiary OBP-30013; SEPA pays the
//!    account's counterparty with the IBAN, 404 OBP-30012 when there is none);
//! 3. below the type's challenge threshold the request is stored `COMPLETED` together with
//!    its booking in one database transaction (the connector's job); at or above it, it is
//!    stored `INITIATED` and its challenges are created and delivered. The charge is reported
//!    on the request; it is booked only with `payments.book_charges` (OBP's mapped connector
//!    moves the amount alone);
//! 4. answering all challenges pays the request (`COMPLETED`, again atomically with the
//!    booking); `REJECT` rejects it.

pub mod account_cache;
pub mod card;
pub mod service;
pub mod settings;
pub mod settlement_cache;
