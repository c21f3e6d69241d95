//! What a client names to reach an account or a transaction through a view.

use crate::paths::{AccountViewPath, TransactionPath};

/// An account seen through a view, as the client named it.
#[derive(Debug, Clone)]
pub struct ViewedAccount {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// VIEW_ID.
    pub view_id: String,
}

impl From<AccountViewPath> for ViewedAccount {
    fn from(p: AccountViewPath) -> Self {
        Self {
            bank_id: p.bank_id,
            account_id: p.account_id,
            view_id: p.view_id,
        }
    }
}

/// A transaction of an account seen through a view, as the client named it.
#[derive(Debug, Clone)]
pub struct ViewedTransaction {
    /// BANK_ID.
    pub bank_id: String,
    /// ACCOUNT_ID.
    pub account_id: String,
    /// VIEW_ID.
    pub view_id: String,
    /// TRANSACTION_ID.
    pub transaction_id: String,
}

impl From<TransactionPath> for ViewedTransaction {
    fn from(p: TransactionPath) -> Self {
        Self {
            bank_id: p.bank_id,
            account_id: p.account_id,
            view_id: p.view_id,
            transaction_id: p.transaction_id,
        }
    }
}
