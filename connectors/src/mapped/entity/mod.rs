//! sea-orm entities of the mapped connector's tables.

pub mod account_routing;
pub mod bank;
pub mod bank_account;
pub mod double_entry_transaction;
pub mod ledger_transaction;
pub mod transaction_request;
