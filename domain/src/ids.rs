//! Validated identifiers.
//!
//! OBP ids in paths are restricted to `[0-9a-zA-Z\-._]{1,254}` (OBP-30111 for banks,
//! OBP-30110 for accounts). The newtypes below only exist with a valid value, so code
//! that holds a `BankId` never re-checks it.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{ErrorCode, HasErrorCode};

/// An id that failed validation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {kind}: {reason}")]
pub struct InvalidId {
    /// Which id kind was being parsed.
    pub kind: IdKind,
    /// Why it was refused.
    pub reason: &'static str,
}

/// The kinds of ids that have their own validation error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    /// A BANK_ID.
    Bank,
    /// An ACCOUNT_ID.
    Account,
    /// Any other id (view, user, customer, ...).
    Other,
}

impl fmt::Display for IdKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            IdKind::Bank => "BANK_ID",
            IdKind::Account => "ACCOUNT_ID",
            IdKind::Other => "id",
        })
    }
}

impl HasErrorCode for InvalidId {
    fn code(&self) -> ErrorCode {
        match self.kind {
            IdKind::Bank => ErrorCode::InvalidBankIdFormat,
            IdKind::Account => ErrorCode::InvalidAccountIdFormat,
            IdKind::Other => ErrorCode::InvalidPathParameter,
        }
    }
}

/// Maximum length of an OBP path id.
pub const MAX_ID_LEN: usize = 254;

/// Checks OBP's id alphabet `[0-9a-zA-Z\-._]{1,254}`.
pub fn is_valid_obp_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_ID_LEN
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_')
}

macro_rules! obp_id {
    ($(#[$doc:meta])* $name:ident, $kind:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Parses and validates an id.
            ///
            /// # Errors
            /// Returns [`InvalidId`] when the value is empty, too long or has characters
            /// outside `[0-9a-zA-Z\-._]`.
            pub fn parse(s: impl Into<String>) -> Result<Self, InvalidId> {
                let s = s.into();
                if s.is_empty() {
                    return Err(InvalidId { kind: $kind, reason: "must not be empty" });
                }
                if s.len() > MAX_ID_LEN {
                    return Err(InvalidId { kind: $kind, reason: "is longer than 254 characters" });
                }
                if !is_valid_obp_id(&s) {
                    return Err(InvalidId { kind: $kind, reason: "has characters outside 0-9 a-z A-Z - . _" });
                }
                Ok(Self(s))
            }

            /// The id as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Consumes the id, returning the string.
            pub fn into_inner(self) -> String {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl TryFrom<String> for $name {
            type Error = InvalidId;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::parse(s)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

obp_id!(
    /// A bank's id, e.g. `gh.29.uk`.
    BankId,
    IdKind::Bank
);
obp_id!(
    /// An account's id within its bank.
    AccountId,
    IdKind::Account
);
obp_id!(
    /// A view's id, e.g. `owner` or `_work`.
    ViewId,
    IdKind::Other
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_obp_alphabet() {
        for ok in ["gh.29.uk", "a", "A-b_c.9", &"x".repeat(254)] {
            assert!(BankId::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn refuses_bad_ids_with_the_right_code() {
        for bad in ["", "a b", "a/b", "é", &"x".repeat(255)] {
            let e = BankId::parse(bad).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidBankIdFormat, "{bad}");
            let e = AccountId::parse(bad).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidAccountIdFormat, "{bad}");
        }
    }

    #[test]
    fn serde_round_trips_and_validates() {
        let id: BankId = serde_json::from_str("\"gh.29.uk\"").unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"gh.29.uk\"");
        assert!(serde_json::from_str::<BankId>("\"no way\"").is_err());
    }
}
