//! sea-orm entities of the mapped connector's tables.

pub mod account_attribute;
pub mod account_routing;
pub mod atm;
pub mod bank;
pub mod bank_account;
pub mod bank_attribute;
pub mod branch;
pub mod counterparty;
pub mod customer;
pub mod double_entry_transaction;
pub mod ledger_transaction;
pub mod physical_card;
pub mod product;
pub mod transaction_attribute;
pub mod transaction_request;
