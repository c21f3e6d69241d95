//! What a batch writer remembers of the accounts it booked: the hint that lets a batch go
//! in one round trip.
//!
//! A batch needs the balances of its accounts before it can check funds and write the legs'
//! running balances; reading them with their row locks is a round trip of its own before the
//! write. But a writer that just booked an account knows how the account was left: its
//! balance after the batch, its kind, overdraft limit and currency. When every account of
//! the next batch is remembered, the writer settles the batch from memory and sends ONE
//! statement that locks the accounts (in lock order), checks that they are still exactly
//! as remembered, and writes only if they are ([`super::sql::combine_guarded`]). Anything
//! that changed an account meanwhile — another writer, another instance, a single booking,
//! an edit of the overdraft limit, a deleted account — fails that check: nothing is written,
//! the accounts are forgotten, and the batch is booked the ordinary way (locking read, then
//! write), which also remembers them again.
//!
//! So the memo is never trusted: a stale entry costs one wasted statement, never a wrong
//! booking. It holds at most [`MAX_REMEMBERED`] accounts (about 100 bytes each) and starts
//! over when full.
//!
//! The writers of one batcher share one memo, and a writer records its batch's outcome
//! when it SENDS the batch, before the answer: a second writer can then send the next batch
//! while the first one's commit is still under way, expecting the accounts as the first
//! batch will leave them (its statement waits for the first one's row locks). If the first
//! batch writes nothing after all, the second finds the accounts other than expected and
//! writes nothing either; each forgets the accounts and books again the ordinary way.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use obp_domain::ledger::AccountRef;

use super::lock::LockedRow;

/// Most accounts a writer remembers; past it the memo starts over.
pub(crate) const MAX_REMEMBERED: usize = 4096;

/// The accounts the batch writers booked, as their latest batches leave them. A clone is
/// the same memo.
#[derive(Debug, Clone, Default)]
pub(crate) struct BalanceMemo {
    accounts: Arc<Mutex<HashMap<AccountRef, LockedRow>>>,
}

impl BalanceMemo {
    fn accounts(&self) -> MutexGuard<'_, HashMap<AccountRef, LockedRow>> {
        // A panic elsewhere while holding the lock leaves at worst a stale entry, which the
        // guarded statement catches: keep going with the map as it is.
        self.accounts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Every account of `order` as remembered, in that order; `None` when one is not.
    pub(super) fn recall(&self, order: &[&AccountRef]) -> Option<Vec<(AccountRef, LockedRow)>> {
        let accounts = self.accounts();
        order
            .iter()
            .map(|a| accounts.get(*a).map(|row| ((*a).clone(), row.clone())))
            .collect()
    }

    /// Remembers accounts as a batch leaves them (sent or committed).
    pub(super) fn remember(&self, after: &[(AccountRef, LockedRow)]) {
        let mut accounts = self.accounts();
        if accounts.len() + after.len() > MAX_REMEMBERED {
            accounts.clear();
        }
        accounts.extend(after.iter().cloned());
    }

    /// Forgets accounts found changed (or whose state is in doubt).
    pub(super) fn forget<'a>(&self, forgotten: impl IntoIterator<Item = &'a AccountRef>) {
        let mut accounts = self.accounts();
        for a in forgotten {
            accounts.remove(a);
        }
    }

    /// Forgets everything (after a failure whose outcome is in doubt).
    pub(super) fn clear(&self) {
        self.accounts().clear();
    }

    /// How many accounts are remembered.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.accounts().len()
    }
}

#[cfg(test)]
mod tests {
    use super::{BalanceMemo, MAX_REMEMBERED};
    use obp_domain::ids::{AccountId, BankId};
    use obp_domain::ledger::AccountRef;

    fn acc(id: &str) -> AccountRef {
        AccountRef::new(BankId::parse("b").unwrap(), AccountId::parse(id).unwrap())
    }

    fn row(balance: i64) -> (i64, String, i64, String) {
        (balance, "CURRENT".to_owned(), 0, "EUR".to_owned())
    }

    #[test]
    fn a_batch_is_recalled_only_when_every_account_is_remembered() {
        let memo = BalanceMemo::default();
        let (a, b) = (acc("a"), acc("b"));
        assert!(memo.recall(&[&a]).is_none());
        memo.remember(&[(a.clone(), row(5))]);
        assert_eq!(memo.recall(&[&a]), Some(vec![(a.clone(), row(5))]));
        assert!(memo.recall(&[&a, &b]).is_none(), "b is not remembered");
        memo.clone()
            .remember(&[(b.clone(), row(7)), (a.clone(), row(3))]);
        assert_eq!(
            memo.recall(&[&b, &a]),
            Some(vec![(b.clone(), row(7)), (a.clone(), row(3))]),
            "in the order asked, with the latest values, from any clone"
        );
        memo.forget([&a]);
        assert!(memo.recall(&[&a]).is_none());
        assert!(memo.recall(&[&b]).is_some());
        memo.clear();
        assert!(memo.recall(&[&b]).is_none());
    }

    #[test]
    fn the_memo_is_bounded() {
        let memo = BalanceMemo::default();
        for i in 0..MAX_REMEMBERED + 10 {
            memo.remember(&[(acc(&format!("a{i}")), row(1))]);
            assert!(memo.len() <= MAX_REMEMBERED);
        }
        assert!(memo.len() >= 10);
    }
}
