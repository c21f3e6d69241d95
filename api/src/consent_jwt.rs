//! Consent-JWTs: HS256 tokens signed with the consent's own secret, checked by
//! `jsonwebtoken`.
//!
//! Why a secret per consent: a leaked or stolen secret forges tokens for one consent only,
//! and the secret lives in the consent's row, so the row (its status, its bound consumer) is
//! read on every verification anyway — there is no verifying a consent without the server
//! agreeing it still stands.
//!
//! Verification is in two steps because the key depends on the token: [`consent_id_of`]
//! reads the unverified `jti` (nothing is trusted from it but which row to load), then
//! [`verify`] checks the algorithm, the signature against that row's secret, and `nbf`/`exp`
//! against `now` with no leeway.

use std::sync::LazyLock;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use obp_domain::consent::ConsentJwtClaims;
use obp_domain::{ErrorCode, HasErrorCode};
use rand::RngCore;

/// Why a Consent-JWT was refused. Each is a distinct OBP answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ConsentJwtError {
    /// Not a JWT of HS256 over a JSON object with OBP's consent claims (OBP-35032 for a
    /// header value that is neither a UUID nor a JWT is decided before this).
    #[error("the Consent-JWT is malformed")]
    Malformed,
    /// The algorithm is not HS256, or the signature does not verify against the consent's
    /// secret (a tampered token, or one of another consent).
    #[error("the Consent-JWT signature does not verify")]
    Signature,
    /// `nbf` is in the future.
    #[error("the consent is not valid yet")]
    NotYetValid,
    /// `exp` is past.
    #[error("the consent has expired")]
    Expired,
}

impl HasErrorCode for ConsentJwtError {
    fn code(&self) -> ErrorCode {
        match self {
            ConsentJwtError::Malformed | ConsentJwtError::Signature => {
                ErrorCode::ConsentVerificationIssue
            }
            ConsentJwtError::NotYetValid => ErrorCode::ConsentNotBeforeIssue,
            ConsentJwtError::Expired => ErrorCode::ConsentExpiredIssue,
        }
    }
}

/// HS256 only; `exp`/`nbf` are read by [`verify`] against the `now` it is given.
static VALIDATION: LazyLock<Validation> = LazyLock::new(|| {
    let mut v = Validation::new(Algorithm::HS256);
    v.leeway = 0;
    v.validate_exp = false;
    v.validate_nbf = false;
    v.validate_aud = false;
    v.required_spec_claims.clear();
    v
});

/// A new per-consent signing secret: 256 random bits, base64url.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Signs `claims` with `secret` (HS256).
pub fn sign(claims: &ConsentJwtClaims, secret: &str) -> String {
    // Encoding plain claims with an HMAC key cannot fail (the only failures are a key of
    // another family and claims that do not serialise).
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap_or_default()
}

/// Whether a header value looks like a JWT (three base64url parts) rather than a consent id.
pub fn looks_like_jwt(value: &str) -> bool {
    let parts: Vec<&str> = value.split('.').collect();
    parts.len() == 3
        && parts[..2].iter().all(|p| !p.is_empty())
        && parts.iter().all(|p| {
            p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

/// The consent id (`jti`) an unverified token names: only used to find the row whose secret
/// verifies it.
///
/// # Errors
/// [`ConsentJwtError::Malformed`] when the payload is not base64url JSON with a string `jti`.
pub fn consent_id_of(token: &str) -> Result<String, ConsentJwtError> {
    let payload = token.split('.').nth(1).ok_or(ConsentJwtError::Malformed)?;
    let bytes = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| ConsentJwtError::Malformed)?;
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|_| ConsentJwtError::Malformed)?;
    value
        .get("jti")
        .and_then(serde_json::Value::as_str)
        .filter(|j| !j.is_empty())
        .map(str::to_owned)
        .ok_or(ConsentJwtError::Malformed)
}

/// The payload of a token this server issued and stored, as JSON (OBP's `jwt_payload` in
/// consent listings). Not a verification: only for showing a stored token's claims.
pub fn stored_payload(token: &str) -> Option<serde_json::Value> {
    let payload = token.split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Verifies a Consent-JWT against its consent's `secret` at `now` (Unix seconds).
///
/// # Errors
/// See [`ConsentJwtError`]: another algorithm (including `none`) or a bad signature is
/// [`ConsentJwtError::Signature`]; claims that are not OBP's consent claims are
/// [`ConsentJwtError::Malformed`]; then `nbf > now` and `exp <= now`.
pub fn verify(token: &str, secret: &str, now: i64) -> Result<ConsentJwtClaims, ConsentJwtError> {
    let header = jsonwebtoken::decode_header(token).map_err(|e| match e.kind() {
        ErrorKind::InvalidAlgorithm | ErrorKind::MissingAlgorithm => ConsentJwtError::Signature,
        _ => ConsentJwtError::Malformed,
    })?;
    if header.alg != Algorithm::HS256 {
        return Err(ConsentJwtError::Signature);
    }
    let claims = jsonwebtoken::decode::<ConsentJwtClaims>(
        token,
        &DecodingKey::from_secret(secret.as_bytes()),
        &VALIDATION,
    )
    .map_err(|e| match e.kind() {
        ErrorKind::InvalidSignature | ErrorKind::InvalidAlgorithm => ConsentJwtError::Signature,
        _ => ConsentJwtError::Malformed,
    })?
    .claims;
    if claims.nbf > now {
        return Err(ConsentJwtError::NotYetValid);
    }
    if claims.exp <= now {
        return Err(ConsentJwtError::Expired);
    }
    Ok(claims)
}

#[cfg(test)]
mod tests {
    use super::*;
    use obp_domain::consent::{ConsentRole, ConsentView};

    fn claims(nbf: i64, exp: i64) -> ConsentJwtClaims {
        ConsentJwtClaims {
            created_by_user_id: "u1".into(),
            sub: "s".into(),
            iss: "obp".into(),
            aud: "c1".into(),
            jti: "consent-1".into(),
            iat: nbf,
            nbf,
            exp,
            name: None,
            email: None,
            entitlements: vec![ConsentRole {
                role_name: "CanGetAnyUser".into(),
                bank_id: String::new(),
            }],
            views: vec![ConsentView {
                bank_id: "b".into(),
                account_id: "a".into(),
                view_id: "owner".into(),
            }],
            access: None,
        }
    }

    #[test]
    fn round_trip_and_validity_window() {
        let secret = new_secret();
        let jwt = sign(&claims(100, 200), &secret);
        assert!(looks_like_jwt(&jwt));
        assert_eq!(consent_id_of(&jwt).unwrap(), "consent-1");
        assert_eq!(verify(&jwt, &secret, 100).unwrap(), claims(100, 200));
        assert_eq!(verify(&jwt, &secret, 99), Err(ConsentJwtError::NotYetValid));
        assert_eq!(verify(&jwt, &secret, 200), Err(ConsentJwtError::Expired));
    }

    #[test]
    fn tampering_and_other_keys_are_refused() {
        let secret = new_secret();
        let jwt = sign(&claims(0, i64::MAX), &secret);
        assert_eq!(
            verify(&jwt, &new_secret(), 1),
            Err(ConsentJwtError::Signature)
        );
        // Swap the payload for one granting more, keep the signature.
        let mut wider = claims(0, i64::MAX);
        wider.views.push(ConsentView {
            bank_id: "b".into(),
            account_id: "other".into(),
            view_id: "owner".into(),
        });
        let forged = sign(&wider, "attacker");
        let parts: Vec<&str> = jwt.split('.').collect();
        let forged_parts: Vec<&str> = forged.split('.').collect();
        let spliced = format!("{}.{}.{}", parts[0], forged_parts[1], parts[2]);
        assert_eq!(
            verify(&spliced, &secret, 1),
            Err(ConsentJwtError::Signature)
        );
        // alg none.
        let none = format!(
            "{}.{}.",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#),
            parts[1]
        );
        assert!(verify(&none, &secret, 1).is_err());
        assert!(!looks_like_jwt("8a3c2f1e-0000-4000-8000-000000000000"));
        assert_eq!(consent_id_of("x.y.z"), Err(ConsentJwtError::Malformed));
    }
}
