//! User auth context pairs (OBP's `UserAuthContext`): the rules for a key and a value.
//!
//! Pairs travel to adapters in every remote connector message, and the REST connector sends
//! each as an HTTP header, so a pair may hold no control character at all (not even the tab
//! or line break other free text may hold): a line break in a header value would let a client
//! forge headers towards the adapter. OBP trims both before storing; so do we. An empty key
//! names nothing and cannot become a header, so it is refused too.

use crate::ErrorCode;

/// OBP's column size of a stored pair's key and value (`MappedUserAuthContext`).
pub const MAX_CHARS: usize = 4000;

/// OBP's column size of the key and value of an update request (`MappedUserAuthContextUpdate`).
pub const UPDATE_MAX_CHARS: usize = 50;

/// The only key a user may set through an update request: OBP's mapped connector accepts
/// nothing else and checks the customer number at the bank.
pub const CUSTOMER_NUMBER: &str = "CUSTOMER_NUMBER";

/// Why a pair is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PairError {
    /// The key is empty once trimmed.
    #[error("The key must not be empty.")]
    EmptyKey,
    /// A control character in the key or value.
    #[error(
        "The field {0} contains a control character; auth context keys and values may hold none."
    )]
    ControlCharacter(&'static str),
    /// Longer than the column once trimmed.
    #[error("The maximum length of `{field}` field is {max}.")]
    TooLong {
        /// `key` or `value`.
        field: &'static str,
        /// The limit.
        max: usize,
    },
}

impl PairError {
    /// OBP-10001 (a malformed body) for every refusal but a value too long (OBP-20010).
    pub fn code(&self) -> ErrorCode {
        match self {
            PairError::TooLong { .. } => ErrorCode::InvalidValueLength,
            _ => ErrorCode::InvalidJsonFormat,
        }
    }
}

/// The trimmed key and value, or why they are refused; `max` is the column size in
/// characters ([`MAX_CHARS`] or [`UPDATE_MAX_CHARS`]).
///
/// # Errors
/// [`PairError`].
pub fn check_pair(key: &str, value: &str, max: usize) -> Result<(String, String), PairError> {
    let mut out = Vec::with_capacity(2);
    for (field, text) in [("key", key), ("value", value)] {
        if text.chars().any(char::is_control) {
            return Err(PairError::ControlCharacter(field));
        }
        let trimmed = text.trim();
        if trimmed.chars().count() > max {
            return Err(PairError::TooLong { field, max });
        }
        out.push(trimmed.to_owned());
    }
    let value = out.pop().unwrap_or_default();
    let key = out.pop().unwrap_or_default();
    if key.is_empty() {
        return Err(PairError::EmptyKey);
    }
    Ok((key, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_is_trimmed() {
        assert_eq!(
            check_pair("  CUSTOMER_NUMBER ", " 123 ", MAX_CHARS),
            Ok(("CUSTOMER_NUMBER".into(), "123".into()))
        );
    }

    #[test]
    fn an_empty_value_is_allowed_but_not_an_empty_key() {
        assert_eq!(
            check_pair("k", "", MAX_CHARS),
            Ok(("k".into(), String::new()))
        );
        assert_eq!(check_pair("   ", "v", MAX_CHARS), Err(PairError::EmptyKey));
    }

    #[test]
    fn control_characters_are_refused_even_line_breaks_and_tabs() {
        for bad in ["a\nb", "a\rb", "a\tb", "a\u{0}b", "a\u{7f}b", "a\u{85}b"] {
            assert_eq!(
                check_pair(bad, "v", MAX_CHARS),
                Err(PairError::ControlCharacter("key"))
            );
            assert_eq!(
                check_pair("k", bad, MAX_CHARS),
                Err(PairError::ControlCharacter("value"))
            );
        }
        // A trailing line break is refused, not trimmed away.
        assert_eq!(
            check_pair("k", "v\n", MAX_CHARS),
            Err(PairError::ControlCharacter("value"))
        );
    }

    #[test]
    fn lengths_are_counted_in_characters_after_trimming() {
        let fifty = "é".repeat(UPDATE_MAX_CHARS);
        assert!(check_pair(&fifty, &format!(" {fifty} "), UPDATE_MAX_CHARS).is_ok());
        assert_eq!(
            check_pair("k", &format!("{fifty}x"), UPDATE_MAX_CHARS),
            Err(PairError::TooLong {
                field: "value",
                max: UPDATE_MAX_CHARS
            })
        );
        assert_eq!(
            check_pair("k", &"x".repeat(MAX_CHARS + 1), MAX_CHARS).map_err(|e| e.code()),
            Err(ErrorCode::InvalidValueLength)
        );
    }
}
