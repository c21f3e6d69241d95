//! [`Secret`]: a setting that must never reach a log.
//!
//! Its own module, below `config` and every settings section that holds one (payments'
//! webhook secret, the gateway-login key, the card key), so that those sections need not
//! import `config` and `config` can import them.

use serde::{Deserialize, Serialize};

/// A secret value: serialised as is (so layered config works) but never shown by `Debug`.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(s: impl Into<String>) -> Self {
        Self(s.into())
    }

    /// The secret's value; use only where it is needed.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_empty() { "\"\"" } else { "\"***\"" })
    }
}
