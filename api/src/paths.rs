//! Path parameters shared by many resources, defined once.
//!
//! The router hands a handler its path segments by name; these structs name the common
//! shapes (`/banks/{bank_id}`, `.../accounts/{account_id}`, `.../{view_id}`, a transaction
//! through a view). Ids arrive as raw text: the handler's service parses and checks them, so
//! a malformed id answers the OBP code of its kind (for example OBP-30111 for a bank id), not
//! a generic path error.

use serde::Deserialize;

/// Path of one bank.
#[derive(Debug, Deserialize)]
pub struct BankPath {
    /// BANK_ID.
    pub bank_id: String,
}

/// Path of one user.
#[derive(Debug, Deserialize)]
pub struct UserPath {
    /// USER_ID.
    pub user_id: String,
}

/// Path of one account.
#[derive(Debug, Deserialize)]
pub struct AccountPath {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
}

/// Path of one account through a view.
#[derive(Debug, Deserialize)]
pub struct AccountViewPath {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// VIEW_ID.
    pub view_id: String,
}

/// Path of a transaction through a view.
#[derive(Debug, Deserialize)]
pub struct TransactionPath {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// VIEW_ID.
    pub view_id: String,
    /// TRANSACTION_ID.
    pub transaction_id: String,
}
