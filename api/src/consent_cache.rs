//! A short-lived, per-instance memory of what a Consent-JWT needs beyond its signature: the
//! consent row (status, secret, views, roles, bound app), the bound app's key, certificate and
//! state, and the consenting user.
//!
//! Without it, every request made with a consent reads three rows before it starts; with it,
//! a request repeats only the HS256 check and the validity window, which are computed, not
//! read. Entries live for the token cache's TTL (`OBP_TOKEN_CACHE_TTL_MILLIS`, default 1000;
//! 0 turns both off), and the same trade-off holds: on THIS instance a consent's status change
//! (accept, revoke, update) forgets it at once and a change to any user or app forgets
//! everything; OTHER instances of a cluster see such a change after at most the TTL.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use obp_connectors::store::consents::Consent;
use obp_domain::context::AuthUser;

/// Most consents remembered at once; beyond it new ones are checked but not kept.
const MAX_ENTRIES: usize = 100_000;

/// The bound app as the consent check needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoundConsumer {
    /// The app's consumer key.
    pub key: String,
    /// The app's client certificate (PEM), or empty.
    pub certificate: String,
    /// Whether the app is enabled.
    pub enabled: bool,
}

/// What a consent id resolves to.
#[derive(Debug, Clone)]
pub struct ResolvedConsent {
    /// The consent row.
    pub consent: Consent,
    /// Its bound app, when it names one that exists.
    pub consumer: Option<BoundConsumer>,
    /// Its user, when the user can still log in (`Err` holds why not).
    pub user: Result<AuthUser, obp_domain::ErrorCode>,
}

#[derive(Debug)]
struct Entry {
    value: Arc<ResolvedConsent>,
    checked_at: Instant,
}

/// The cache; shared behind an `Arc` in the application state.
#[derive(Debug, Default)]
pub struct ConsentCache {
    ttl: Duration,
    entries: Mutex<HashMap<String, Entry>>,
}

impl ConsentCache {
    /// A cache keeping consents for `ttl` (zero: never keeps any).
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

    /// The consent resolved less than the TTL ago.
    pub fn get(&self, consent_id: &str) -> Option<Arc<ResolvedConsent>> {
        if self.ttl.is_zero() {
            return None;
        }
        let mut entries = self.lock();
        let entry = entries.get(consent_id)?;
        if entry.checked_at.elapsed() < self.ttl {
            return Some(entry.value.clone());
        }
        entries.remove(consent_id);
        None
    }

    /// Remembers a consent just read.
    pub fn put(&self, value: Arc<ResolvedConsent>) {
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
            value.consent.id.clone(),
            Entry {
                value,
                checked_at: Instant::now(),
            },
        );
    }

    /// Forgets one consent (its status changed).
    pub fn forget(&self, consent_id: &str) {
        self.lock().remove(consent_id);
    }

    /// Forgets every consent (a user or an app changed).
    pub fn clear(&self) {
        self.lock().clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use obp_domain::consent::ConsentStatus;

    fn resolved(id: &str) -> Arc<ResolvedConsent> {
        let now = Utc::now();
        Arc::new(ResolvedConsent {
            consent: Consent {
                id: id.to_owned(),
                user_id: "u".into(),
                consumer_id: "c".into(),
                consent_request_id: String::new(),
                bank_id: String::new(),
                status: ConsentStatus::Accepted,
                sca_method: "SMS".into(),
                secret: "s".into(),
                jwt: "j".into(),
                everything: false,
                views: Vec::new(),
                entitlements: Vec::new(),
                api_standard: "obp".into(),
                api_version: "v3.1.0".into(),
                valid_from: now,
                expires_at: now,
                created_at: now,
                status_updated_at: now,
                parent_consent_id: String::new(),
            },
            consumer: None,
            user: Err(obp_domain::ErrorCode::UserIsDeleted),
        })
    }

    #[test]
    fn a_zero_ttl_keeps_nothing() {
        let cache = ConsentCache::default();
        cache.put(resolved("a"));
        assert!(cache.get("a").is_none());
    }

    #[test]
    fn a_consent_is_kept_until_forgotten_or_stale() {
        let cache = ConsentCache::new(Duration::from_secs(60));
        cache.put(resolved("a"));
        assert_eq!(cache.get("a").unwrap().consent.id, "a");
        cache.forget("a");
        assert!(cache.get("a").is_none());
        cache.put(resolved("a"));
        cache.clear();
        assert!(cache.get("a").is_none());
        let short = ConsentCache::new(Duration::from_millis(20));
        short.put(resolved("a"));
        std::thread::sleep(Duration::from_millis(40));
        assert!(short.get("a").is_none());
    }
}
