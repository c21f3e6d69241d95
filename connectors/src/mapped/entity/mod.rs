//! sea-orm entities of the mapped connector's tables.

pub mod account_attribute;
pub mod account_routing;
pub mod agent;
pub mod agent_account_link;
pub mod atm;
pub mod bank;
pub mod bank_account;
pub mod bank_attribute;
pub mod branch;
pub mod counterparty;
pub mod customer;
pub mod customer_attribute;
pub mod double_entry_transaction;
pub mod kyc_check;
pub mod kyc_document;
pub mod kyc_media;
pub mod kyc_status;
pub mod ledger_transaction;
pub mod physical_card;
pub mod product;
pub mod product_attribute;
pub mod transaction_attribute;
pub mod transaction_request;
