//! OBP's password strength rule (`fullPasswordValidation`).
//!
//! A password is accepted when EITHER its length is 10–16 with at least one digit, one
//! lower-case letter, one upper-case letter and one special character (no space), OR its
//! length is > 16 and <= 512 with only printable ASCII characters (space allowed).

const SPECIALS: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/// Whether `password` satisfies OBP's strength rule (else OBP-30207).
pub fn is_strong_password(password: &str) -> bool {
    let len = password.chars().count();
    if len > 16 && len <= 512 {
        return password
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || SPECIALS.contains(c));
    }
    if !(10..=16).contains(&len) {
        return false;
    }
    let only_allowed = password
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || SPECIALS.contains(c));
    only_allowed
        && password.chars().any(|c| c.is_ascii_digit())
        && password.chars().any(|c| c.is_ascii_lowercase())
        && password.chars().any(|c| c.is_ascii_uppercase())
        && password.chars().any(|c| SPECIALS.contains(c))
}

#[cfg(test)]
mod tests {
    use super::is_strong_password;

    #[test]
    fn accepts_mixed_short_or_long_passwords() {
        for ok in [
            "Str0ng!Pass",
            "Aa1!Aa1!Aa",
            "correct horse battery staple",
            &"a".repeat(512),
        ] {
            assert!(is_strong_password(ok), "{ok}");
        }
    }

    #[test]
    fn refuses_weak_passwords() {
        for bad in [
            "",
            "short1!A",
            "alllowercase1!",
            "NoDigitsHere!",
            "NoSpecial123",
            "Has Space1!a",
            &"a".repeat(513),
            "ääääääääääääääääääää",
        ] {
            assert!(!is_strong_password(bad), "{bad}");
        }
    }
}
