//! Per-instance read caches of the store: what every request through a view reads and
//! almost never changes.
//!
//! Why: the account read, balances, the transactions page and every other endpoint that
//! works "through a view" first ask which view applies and whether the caller holds it. Those
//! rows change only when a view is written or access is granted or revoked, all of which go
//! through [`super::views`]; reading them from the database on every request was two or
//! three of the five or six statements of a hot read.
//!
//! Rules:
//! - **Invalidated at once on this instance** by the function that writes the rows (every
//!   write to `view_definition` and `account_access` is in [`super::views`], to users in the
//!   store's user functions, to banks in the mapped connector), through a guard taken before
//!   the write is awaited ([`GenerationCache::invalidate_on_drop`]): a write that fails, or
//!   whose request is cancelled after its commit, still invalidates.
//! - **Bounded across instances by the TTL** (`view_cache_ttl_millis`, default 1 s; 0 turns
//!   caching off): another instance of a cluster sees a revoked grant or an edited view
//!   after at most that long. The README says so beside the setting.
//! - **No stale value survives an invalidation**, even one read from the database while
//!   the write was committing: every entry carries the generation it was loaded in, and an
//!   invalidation starts a new generation, so an entry loaded before it is never served.
//! - **Bounded in memory**: at most [`MAX_ENTRIES`] entries per cache (moka evicts the
//!   least useful first).

use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Most entries per cache.
pub const MAX_ENTRIES: u64 = 50_000;

/// A TTL cache whose entries are dropped all at once by [`Self::invalidate_all`].
#[derive(Debug)]
pub struct GenerationCache<K, V>
where
    K: Hash + Eq + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    generation: AtomicU64,
    entries: Option<moka::sync::Cache<K, (u64, V)>>,
}

impl<K, V> GenerationCache<K, V>
where
    K: Hash + Eq + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    /// A cache keeping entries for `ttl` (zero: keeps nothing).
    pub fn new(ttl: Duration) -> Self {
        Self {
            generation: AtomicU64::new(0),
            entries: (!ttl.is_zero()).then(|| {
                moka::sync::Cache::builder()
                    .max_capacity(MAX_ENTRIES)
                    .time_to_live(ttl)
                    .build()
            }),
        }
    }

    /// The generation to tag a value with: read it *before* reading the database.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// The value of `key`, when it was loaded in the current generation and within the TTL.
    pub fn get<Q>(&self, key: &Q) -> Option<V>
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let entries = self.entries.as_ref()?;
        let (generation, value) = entries.get(key)?;
        (generation == self.generation()).then_some(value)
    }

    /// Keeps `value` for `key`, loaded from the database after [`Self::generation`] gave
    /// `generation`; a value loaded before an invalidation is not kept.
    pub fn insert(&self, key: K, generation: u64, value: V) {
        if let Some(entries) = &self.entries {
            if generation == self.generation() {
                entries.insert(key, (generation, value));
            }
        }
    }

    /// A guard that forgets every entry when it is dropped. A write takes one before it
    /// awaits its statement, so the cache is invalidated after the write however it ends:
    /// committed, failed, or its request cancelled between the commit and the next line.
    pub fn invalidate_on_drop(&self) -> InvalidateOnDrop<'_, K, V> {
        InvalidateOnDrop(self)
    }

    /// Forgets every entry (a write changed what they were read from).
    pub fn invalidate_all(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        if let Some(entries) = &self.entries {
            entries.invalidate_all();
        }
    }
}

/// See [`GenerationCache::invalidate_on_drop`].
#[must_use = "the cache is invalidated when the guard is dropped: bind it for the write's duration"]
#[derive(Debug)]
pub struct InvalidateOnDrop<'a, K, V>(&'a GenerationCache<K, V>)
where
    K: Hash + Eq + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static;

impl<K, V> Drop for InvalidateOnDrop<'_, K, V>
where
    K: Hash + Eq + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    fn drop(&mut self) {
        self.0.invalidate_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_served_until_invalidated() {
        let c: GenerationCache<&str, u32> = GenerationCache::new(Duration::from_secs(60));
        let g = c.generation();
        c.insert("a", g, 1);
        assert_eq!(c.get(&"a"), Some(1));
        c.invalidate_all();
        assert_eq!(c.get(&"a"), None);
    }

    #[test]
    fn a_value_loaded_before_an_invalidation_is_never_served() {
        let c: GenerationCache<&str, u32> = GenerationCache::new(Duration::from_secs(60));
        let before = c.generation();
        // A reader read the database, then a writer committed and invalidated...
        c.invalidate_all();
        // ...and the reader's (stale) value arrives late: it is not kept.
        c.insert("a", before, 1);
        assert_eq!(c.get(&"a"), None);
        let now = c.generation();
        c.insert("a", now, 2);
        assert_eq!(c.get(&"a"), Some(2));
    }

    #[test]
    fn the_guard_invalidates_when_dropped_even_by_a_cancelled_write() {
        use futures_util::FutureExt;
        let c: GenerationCache<&str, u32> = GenerationCache::new(Duration::from_secs(60));
        c.insert("a", c.generation(), 1);
        let mut write = Box::pin(async {
            let _forget = c.invalidate_on_drop();
            // The statement: never answers, as a request cancelled while it waits.
            std::future::pending::<()>().await;
        });
        assert!((&mut write).now_or_never().is_none());
        // While the write is in flight the old value is still served...
        assert_eq!(c.get(&"a"), Some(1));
        // ...and once its future is dropped (the request cancelled), it is not.
        drop(write);
        assert_eq!(c.get(&"a"), None);
    }

    #[test]
    fn a_zero_ttl_keeps_nothing() {
        let c: GenerationCache<&str, u32> = GenerationCache::new(Duration::ZERO);
        c.insert("a", c.generation(), 1);
        assert_eq!(c.get(&"a"), None);
    }

    #[test]
    fn entries_expire_after_the_ttl() {
        let c: GenerationCache<&str, u32> = GenerationCache::new(Duration::from_millis(30));
        c.insert("a", c.generation(), 1);
        std::thread::sleep(Duration::from_millis(80));
        assert_eq!(c.get(&"a"), None);
    }
}
