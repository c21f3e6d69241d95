//! A tiny in-memory core banking system, seeded with demo data.

use std::sync::{Mutex, MutexGuard, PoisonError};

use chrono::{DateTime, TimeZone, Utc};
use obp_domain::account::{AccountKind, BankAccount, OtherParty, Transaction};
use obp_domain::bank::{Bank, Routing};
use obp_domain::ids::{AccountId, BankId};
use obp_domain::money::{Currency, Money};

/// The bank the demo data holds.
pub const DEMO_BANK_ID: &str = "adapter.bank.1";
/// The demo account.
pub const DEMO_ACCOUNT_ID: &str = "alice-current";
/// The demo transaction.
pub const DEMO_TRANSACTION_ID: &str = "tx-0001";

/// The example core banking system, shared by the adapter's connections: its data behind a
/// mutex, so message handlers that change it (payments) keep the `&CoreBank` signature.
#[derive(Debug, Default)]
pub struct CoreBank {
    data: Mutex<CoreData>,
}

/// The data of the example core banking system.
#[derive(Debug, Clone, Default)]
pub struct CoreData {
    /// Banks, ordered by id.
    pub banks: Vec<Bank>,
    /// Accounts.
    pub accounts: Vec<BankAccount>,
    /// Transactions, newest last.
    pub transactions: Vec<Transaction>,
}

fn ts(secs: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(secs, 0).single().unwrap_or_default()
}

impl CoreBank {
    /// A core banking system holding `data`.
    pub fn new(data: CoreData) -> Self {
        Self {
            data: Mutex::new(data),
        }
    }

    /// One bank with one account and one transaction.
    pub fn demo() -> Self {
        Self::new(CoreData::demo())
    }

    /// Locks the data (a poisoned lock is recovered: every change is applied whole or not
    /// at all, so the data stays consistent).
    pub fn lock(&self) -> MutexGuard<'_, CoreData> {
        self.data.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl CoreData {
    /// One bank with one account and one transaction.
    pub fn demo() -> Self {
        let (Ok(bank_id), Ok(account_id), Ok(eur)) = (
            BankId::parse(DEMO_BANK_ID),
            AccountId::parse(DEMO_ACCOUNT_ID),
            Currency::parse("EUR"),
        ) else {
            return Self::default();
        };
        let bank = Bank {
            id: bank_id.clone(),
            short_name: "Adapter Bank".to_owned(),
            full_name: "Example Adapter Bank plc".to_owned(),
            logo_url: "https://example.com/logo.png".to_owned(),
            website_url: "https://example.com".to_owned(),
            bank_routing_scheme: "BIC".to_owned(),
            bank_routing_address: "ADAPGB2L".to_owned(),
            swift_bic: "ADAPGB2L".to_owned(),
            national_identifier: String::new(),
        };
        let balance = Money::from_minor_units(125_050, eur);
        let account = BankAccount {
            bank_id: bank_id.clone(),
            account_id: account_id.clone(),
            label: "Alice's current account".to_owned(),
            account_type: "CURRENT".to_owned(),
            balance,
            overdraft_limit: Money::zero(eur),
            kind: AccountKind::Current,
            number: "00012345".to_owned(),
            branch_id: "main".to_owned(),
            holder_name: "Alice".to_owned(),
            routings: vec![Routing {
                scheme: "IBAN".to_owned(),
                address: "GB33BUKB20201555555555".to_owned(),
            }],
            created_by_user_id: None,
        };
        let tx = Transaction {
            id: DEMO_TRANSACTION_ID.to_owned(),
            bank_id,
            account_id,
            amount: Money::from_minor_units(-450, eur),
            new_balance: balance,
            transaction_type: "CARD".to_owned(),
            description: "Coffee".to_owned(),
            posted: ts(1_700_000_000),
            completed: ts(1_700_000_000),
            other: OtherParty {
                holder: Some("Corner Cafe".to_owned()),
                ..OtherParty::default()
            },
            transaction_request_id: None,
            charge_policy: None,
        };
        Self {
            banks: vec![bank],
            accounts: vec![account],
            transactions: vec![tx],
        }
    }

    /// One bank.
    pub fn bank(&self, id: &str) -> Option<&Bank> {
        self.banks.iter().find(|b| b.id.as_str() == id)
    }

    /// One account.
    pub fn account(&self, bank_id: &str, account_id: &str) -> Option<&BankAccount> {
        self.accounts
            .iter()
            .find(|a| a.bank_id.as_str() == bank_id && a.account_id.as_str() == account_id)
    }

    /// An account's transactions, newest first.
    pub fn transactions_of(&self, bank_id: &str, account_id: &str) -> Vec<&Transaction> {
        let mut ts: Vec<&Transaction> = self
            .transactions
            .iter()
            .filter(|t| t.bank_id.as_str() == bank_id && t.account_id.as_str() == account_id)
            .collect();
        ts.sort_by_key(|t| std::cmp::Reverse(t.posted));
        ts
    }
}
