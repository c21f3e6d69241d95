//! A short-lived, per-instance memory of valid DirectLogin tokens.
//!
//! Checking a token is one indexed query joining token, user, app and roles, on every
//! authenticated request. A token found valid is trusted for `token_cache_ttl_millis`
//! (`OBP_TOKEN_CACHE_TTL_MILLIS`; default 1000, like the method routings' cache; 0 turns it
//! off) without asking the database again. Only who the caller is (user and app) is remembered, together with the
//! token's own expiry, which is checked on every use; roles are not, so granting or
//! revoking a role still takes effect on the next request.
//!
//! The trade-off: on THIS instance a logout forgets the token at once, and locking,
//! unlocking or deleting a user and enabling or disabling an app forget every token; on
//! OTHER instances of a cluster such a change is seen after at most the TTL (a second by
//! default; a bank that wants every instance to see it on the next request sets 0 and pays
//! one query and one round trip more per request).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use obp_domain::context::AuthUser;

/// Most tokens remembered at once; beyond it new tokens are checked but not kept.
const MAX_ENTRIES: usize = 100_000;

#[derive(Debug, Clone)]
struct Entry {
    user: AuthUser,
    consumer_id: String,
    expires_at: DateTime<Utc>,
    checked_at: Instant,
}

/// The cache; cheap to share behind an `Arc`.
#[derive(Debug, Default)]
pub struct TokenCache {
    ttl: Duration,
    entries: Mutex<HashMap<String, Entry>>,
}

impl TokenCache {
    /// A cache keeping tokens for `ttl` (zero: never keeps any).
    #[must_use]
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            entries: Mutex::default(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        self.entries.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The user and app of a token checked less than the TTL ago and not expired at `now`.
    pub fn get(&self, token_hash: &str, now: DateTime<Utc>) -> Option<(AuthUser, String)> {
        if self.ttl.is_zero() {
            return None;
        }
        let mut entries = self.lock();
        let entry = entries.get(token_hash)?;
        if entry.checked_at.elapsed() < self.ttl && entry.expires_at > now {
            return Some((entry.user.clone(), entry.consumer_id.clone()));
        }
        entries.remove(token_hash);
        None
    }

    /// Remembers a token just found valid.
    pub fn put(
        &self,
        token_hash: &str,
        user: &AuthUser,
        consumer_id: &str,
        expires_at: DateTime<Utc>,
    ) {
        if self.ttl.is_zero() {
            return;
        }
        let mut entries = self.lock();
        if entries.len() >= MAX_ENTRIES {
            let ttl = self.ttl;
            entries.retain(|_, e| e.checked_at.elapsed() < ttl);
            if entries.len() >= MAX_ENTRIES {
                return;
            }
        }
        entries.insert(
            token_hash.to_owned(),
            Entry {
                user: user.clone(),
                consumer_id: consumer_id.to_owned(),
                expires_at,
                checked_at: Instant::now(),
            },
        );
    }

    /// Forgets one token (logout).
    pub fn forget(&self, token_hash: &str) {
        self.lock().remove(token_hash);
    }

    /// Forgets every token (a user or an app changed).
    pub fn clear(&self) {
        self.lock().clear();
    }
}

#[cfg(test)]
mod tests {
    use super::TokenCache;
    use chrono::{Duration as Days, Utc};
    use obp_domain::context::AuthUser;
    use std::time::Duration;

    fn user() -> AuthUser {
        AuthUser {
            user_id: "u1".to_owned(),
            username: "alice".to_owned(),
            provider: "local".to_owned(),
            email: String::new(),
            consent: None,
        }
    }

    #[test]
    fn a_zero_ttl_keeps_nothing() {
        let cache = TokenCache::default();
        cache.put("h", &user(), "c", Utc::now() + Days::days(1));
        assert!(cache.get("h", Utc::now()).is_none());
    }

    #[test]
    fn a_valid_token_is_remembered_until_forgotten() {
        let cache = TokenCache::new(Duration::from_secs(60));
        cache.put("h", &user(), "c", Utc::now() + Days::days(1));
        let (u, c) = cache.get("h", Utc::now()).unwrap();
        assert_eq!((u.user_id.as_str(), c.as_str()), ("u1", "c"));
        cache.forget("h");
        assert!(cache.get("h", Utc::now()).is_none());
        cache.put("h", &user(), "c", Utc::now() + Days::days(1));
        cache.clear();
        assert!(cache.get("h", Utc::now()).is_none());
    }

    #[test]
    fn an_expired_token_or_an_old_check_is_not_trusted() {
        let cache = TokenCache::new(Duration::from_secs(60));
        let expiry = Utc::now() + Days::seconds(10);
        cache.put("h", &user(), "c", expiry);
        assert!(cache.get("h", expiry).is_none());
        let short = TokenCache::new(Duration::from_millis(20));
        short.put("h", &user(), "c", Utc::now() + Days::days(1));
        std::thread::sleep(Duration::from_millis(40));
        assert!(short.get("h", Utc::now()).is_none());
    }
}
