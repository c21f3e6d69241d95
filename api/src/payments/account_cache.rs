//! A short-lived, per-instance memory of the accounts payments are made from and to.
//!
//! A transfer needs its two accounts before it is booked: that they exist, their currency,
//! their holder and routings (recorded on the legs, and what the charge is computed from).
//! Reading them is a database round trip on every transfer, for facts that hardly ever
//! change. So a payment takes them from here when they were read less than
//! `[payments] account_cache_millis` ago (default 1000; 0 turns the cache off).
//!
//! What a stale entry can and cannot do:
//! * **Money**: nothing. The balance of a remembered account is never used; the ledger reads
//!   (or checks) every account it books, locked, in the booking's own transaction, and
//!   refuses a booking whose account is gone (OBP-30018) or holds another currency
//!   (OBP-40003) — the same answers the payment would have had from a fresh read. Such a
//!   refusal forgets the payment's accounts at once.
//! * **Access**: nothing. Whether the caller may pay from the account is the view and grant
//!   check, which does not come from here.
//! * **What the legs record** about the other party (holder name, routing) may be up to that
//!   long out of date after a change on another instance or in the core banking system. A
//!   label change on this instance forgets the account at once.
//!
//! Only accounts that were found are kept; at most [`MAX_ENTRIES`].

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use obp_domain::account::BankAccount;

/// Most accounts kept; past it the cache starts over.
pub const MAX_ENTRIES: usize = 50_000;

/// (bank id, account id)
type Key = (String, String);

/// The cache; cheap to share behind an `Arc`.
#[derive(Debug, Default)]
pub struct PaymentAccountCache {
    entries: Mutex<HashMap<Key, (BankAccount, Instant)>>,
}

impl PaymentAccountCache {
    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<Key, (BankAccount, Instant)>> {
        self.entries.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The account as read less than `ttl` ago.
    pub fn get(&self, bank_id: &str, account_id: &str, ttl: Duration) -> Option<BankAccount> {
        if ttl.is_zero() {
            return None;
        }
        let key = (bank_id.to_owned(), account_id.to_owned());
        self.entries()
            .get(&key)
            .filter(|(_, at)| at.elapsed() < ttl)
            .map(|(account, _)| account.clone())
    }

    /// Remembers an account just read (`read_at`: when the read started, so that a write
    /// committed during the read is not outlived by its result).
    pub fn put(&self, account: &BankAccount, read_at: Instant, ttl: Duration) {
        if ttl.is_zero() {
            return;
        }
        let key = (
            account.bank_id.as_str().to_owned(),
            account.account_id.as_str().to_owned(),
        );
        let mut entries = self.entries();
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(key, (account.clone(), read_at));
    }

    /// Forgets every account.
    pub fn clear(&self) {
        self.entries().clear();
    }

    /// Forgets one account (changed on this instance, or refused by the ledger).
    pub fn forget(&self, bank_id: &str, account_id: &str) {
        self.entries()
            .remove(&(bank_id.to_owned(), account_id.to_owned()));
    }
}

#[cfg(test)]
mod tests {
    use super::PaymentAccountCache;
    use obp_domain::account::{AccountKind, BankAccount};
    use obp_domain::ids::{AccountId, BankId};
    use obp_domain::money::{Currency, Money};
    use std::time::{Duration, Instant};

    fn account(id: &str) -> BankAccount {
        BankAccount {
            bank_id: BankId::parse("b").unwrap(),
            account_id: AccountId::parse(id).unwrap(),
            label: String::new(),
            account_type: "CURRENT".to_owned(),
            balance: Money::zero(Currency::EUR),
            kind: AccountKind::Current,
            overdraft_limit: Money::zero(Currency::EUR),
            number: String::new(),
            branch_id: String::new(),
            holder_name: String::new(),
            routings: Vec::new(),
            created_by_user_id: None,
            as_received: Default::default(),
        }
    }

    #[test]
    fn entries_live_for_the_ttl_and_can_be_forgotten() {
        let cache = PaymentAccountCache::default();
        let ttl = Duration::from_secs(60);
        assert!(cache.get("b", "a", ttl).is_none());
        cache.put(&account("a"), Instant::now(), ttl);
        assert_eq!(cache.get("b", "a", ttl).unwrap().account_id.as_str(), "a");
        assert!(cache.get("b", "other", ttl).is_none());
        assert!(cache.get("b", "a", Duration::ZERO).is_none(), "0 is off");
        let old = Instant::now() - Duration::from_secs(61);
        cache.put(&account("old"), old, ttl);
        assert!(cache.get("b", "old", ttl).is_none(), "read too long ago");
        cache.forget("b", "a");
        assert!(cache.get("b", "a", ttl).is_none());
    }
}
