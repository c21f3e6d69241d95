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
//! - **Invalidated at once on this instance** by the store function that writes the rows
//!   (every write to `view_definition` and `account_access` is in [`super::views`]; a
//!   user's deletion also forgets grants).
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
    pub fn get(&self, key: &K) -> Option<V> {
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

    /// Forgets every entry (a write changed what they were read from).
    pub fn invalidate_all(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        if let Some(entries) = &self.entries {
            entries.invalidate_all();
        }
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
