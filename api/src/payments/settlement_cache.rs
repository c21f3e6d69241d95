//! A short-lived, per-instance memory of which account is a bank's settlement account.
//!
//! Nearly every payment needs one (charges, payments leaving the platform), and finding it
//! means probing up to three account ids through the connector. Settlement accounts are
//! set up once per bank and currency, so the answer is kept for
//! `[payments] settlement_cache_secs` (default 5; 0 turns the cache off). Creating a
//! settlement account on this instance forgets everything at once; other instances see a
//! new, more specific account after at most that many seconds. Only accounts that were
//! found are kept: a bank without one is asked again each time.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use obp_domain::ledger::AccountRef;
use obp_domain::money::Currency;

/// (bank id, currency, payment system, incoming)
type Key = (String, Currency, String, bool);

/// The cache; cheap to share behind an `Arc`.
#[derive(Debug, Default)]
pub struct SettlementCache {
    entries: Mutex<HashMap<Key, (AccountRef, Instant)>>,
}

impl SettlementCache {
    /// The remembered account, if younger than `ttl`.
    pub fn get(
        &self,
        bank_id: &str,
        currency: Currency,
        system: &str,
        incoming: bool,
        ttl: Duration,
    ) -> Option<AccountRef> {
        if ttl.is_zero() {
            return None;
        }
        let key = (
            bank_id.to_owned(),
            currency,
            system.to_ascii_uppercase(),
            incoming,
        );
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries
            .get(&key)
            .filter(|(_, at)| at.elapsed() < ttl)
            .map(|(account, _)| account.clone())
    }

    /// Remembers `account` as the answer.
    pub fn put(
        &self,
        bank_id: &str,
        currency: Currency,
        system: &str,
        incoming: bool,
        account: AccountRef,
    ) {
        let key = (
            bank_id.to_owned(),
            currency,
            system.to_ascii_uppercase(),
            incoming,
        );
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        // Banks × currencies × systems is small; a bound keeps a misuse from growing it.
        if entries.len() >= 10_000 {
            entries.clear();
        }
        entries.insert(key, (account, Instant::now()));
    }

    /// Forgets everything (a settlement account was created).
    pub fn clear(&self) {
        self.entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use obp_domain::ids::{AccountId, BankId};

    fn account(id: &str) -> AccountRef {
        AccountRef::new(BankId::parse("b").unwrap(), AccountId::parse(id).unwrap())
    }

    #[test]
    fn remembers_within_the_ttl_per_key_and_forgets_on_clear() {
        let cache = SettlementCache::default();
        let ttl = Duration::from_secs(60);
        assert!(cache
            .get("b", Currency::EUR, "DEFAULT", true, ttl)
            .is_none());
        cache.put("b", Currency::EUR, "default", true, account("in"));
        assert_eq!(
            cache.get("b", Currency::EUR, "DEFAULT", true, ttl),
            Some(account("in"))
        );
        assert!(cache
            .get("b", Currency::EUR, "DEFAULT", false, ttl)
            .is_none());
        assert!(cache
            .get("b", Currency::USD, "DEFAULT", true, ttl)
            .is_none());
        assert!(cache
            .get("b", Currency::EUR, "DEFAULT", true, Duration::ZERO)
            .is_none());
        cache.clear();
        assert!(cache
            .get("b", Currency::EUR, "DEFAULT", true, ttl)
            .is_none());
    }

    #[test]
    fn an_old_answer_is_not_used() {
        let cache = SettlementCache::default();
        cache.put("b", Currency::EUR, "SEPA", false, account("out"));
        std::thread::sleep(Duration::from_millis(20));
        assert!(cache
            .get("b", Currency::EUR, "SEPA", false, Duration::from_millis(10))
            .is_none());
    }
}
