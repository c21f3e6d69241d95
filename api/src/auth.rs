//! Authentication primitives: password hashing, DirectLogin tokens and headers, consumer
//! keys and secrets, and Gateway login JWTs (checked and signed by `jsonwebtoken`).
//!
//! * Passwords are argon2id PHC strings; hashing and verifying are CPU-heavy and run on the
//!   blocking thread pool ([`hash_password`], [`verify_password`]), never on the async workers.
//! * DirectLogin tokens are 256-bit random, URL-safe strings; only their SHA-256 is stored,
//!   so checking a token is one indexed lookup and never runs the password hash.
//! * Consumer secrets are random and shown once; only their SHA-256 is stored.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm as JwtAlgorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::distributions::Alphanumeric;
use rand::{Rng, RngCore};
use sha2::{Digest, Sha256};

use crate::config::PasswordHashCost;

/// A password-hashing failure (bad parameters or a blocking-pool failure).
#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

impl obp_domain::HasErrorCode for HashError {
    fn code(&self) -> obp_domain::ErrorCode {
        obp_domain::ErrorCode::UnknownError
    }
}

/// Bounds concurrent password hashes to the number of cores: a flood of logins queues
/// here (asynchronously) instead of filling the blocking pool with 19 MiB hashes.
static HASHING: LazyLock<tokio::sync::Semaphore> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
    tokio::sync::Semaphore::new(cores)
});

async fn hashing_permit() -> Result<tokio::sync::SemaphorePermit<'static>, HashError> {
    HASHING
        .acquire()
        .await
        .map_err(|e| HashError(e.to_string()))
}

fn argon2(cost: &PasswordHashCost) -> Result<Argon2<'static>, HashError> {
    let params = Params::new(cost.memory_kib, cost.iterations, cost.parallelism, None)
        .map_err(|e| HashError(e.to_string()))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes a password with argon2id on the blocking pool.
///
/// # Errors
/// Fails on invalid parameters or when the blocking pool fails.
pub async fn hash_password(cost: PasswordHashCost, password: String) -> Result<String, HashError> {
    let _permit = hashing_permit().await?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        argon2(&cost)?
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| HashError(e.to_string()))
    })
    .await
    .map_err(|e| HashError(e.to_string()))?
}

/// Verifies a password against a PHC string on the blocking pool. When `hash` is `None`
/// (unknown user) a dummy hash of the same cost is verified, so the answer takes as long as
/// for a known user and does not reveal which part was wrong.
///
/// # Errors
/// Fails when the blocking pool fails.
pub async fn verify_password(
    cost: PasswordHashCost,
    hash: Option<String>,
    password: String,
) -> Result<bool, HashError> {
    let _permit = hashing_permit().await?;
    tokio::task::spawn_blocking(move || {
        let argon = argon2(&cost)?;
        match hash {
            Some(h) => Ok(PasswordHash::new(&h)
                .map(|parsed| argon.verify_password(password.as_bytes(), &parsed).is_ok())
                .unwrap_or(false)),
            None => {
                let salt = SaltString::generate(&mut rand::rngs::OsRng);
                let _ = argon.hash_password(password.as_bytes(), &salt);
                Ok(false)
            }
        }
    })
    .await
    .map_err(|e| HashError(e.to_string()))?
}

/// SHA-256 of a value as lower-case hex (for tokens and consumer secrets).
pub fn sha256_hex(value: &str) -> String {
    format!("{:x}", Sha256::digest(value.as_bytes()))
}

/// A new DirectLogin token: 32 random bytes, base64url without padding (43 characters).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A new consumer key: 40 lower-case alphanumeric characters, as OBP makes them.
pub fn new_consumer_key() -> String {
    rand::rngs::OsRng
        .sample_iter(&Alphanumeric)
        .take(40)
        .map(|b| char::from(b).to_ascii_lowercase())
        .collect()
}

/// A new consumer secret (256 bits, base64url).
pub fn new_consumer_secret() -> String {
    new_token()
}

/// The parameter names a `DirectLogin` header may carry; others are ignored.
pub const DIRECT_LOGIN_PARAMETERS: [&str; 4] = ["consumer_key", "token", "username", "password"];

/// Parses `DirectLogin` parameters as OBP does (`DirectLogin.getAllParameters`): one leading
/// `DirectLogin` word is dropped, the rest is split at every `,` and each part trimmed; a part
/// is `name=value` split at its first `=`, and one leading and one trailing `"` are each
/// removed from the value on their own, so `username="alice` and `token=abc"` are read as
/// `alice` and `abc`. Parts without `=`, names other than [`DIRECT_LOGIN_PARAMETERS`] (names
/// are exact: `Username` or `username ` are not `username`) and empty values are dropped; a
/// repeated name keeps its last value.
pub fn parse_direct_login_params(value: &str) -> BTreeMap<String, String> {
    // Java's `String.trim`: every character up to and including the space.
    let java_trim = |s: &str| s.trim_matches(|c: char| c <= ' ').to_owned();
    let value = java_trim(value);
    let value = value.strip_prefix("DirectLogin").unwrap_or(&value);
    value
        .split(',')
        .filter_map(|part| {
            let part = java_trim(part);
            let (name, value) = part.split_once('=')?;
            let value = value.strip_prefix('"').unwrap_or(value);
            let value = value.strip_suffix('"').unwrap_or(value);
            (DIRECT_LOGIN_PARAMETERS.contains(&name) && !value.is_empty())
                .then(|| (name.to_owned(), value.to_owned()))
        })
        .collect()
}

/// The credentials a request presents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Presented {
    /// Nothing to authenticate (anonymous, or DirectLogin credentials for the login endpoint).
    Nothing,
    /// A DirectLogin token.
    DirectLoginToken(String),
    /// A Gateway login JWT.
    GatewayLogin(String),
    /// An `Authorization` header of a scheme this server does not support.
    Unsupported,
}

/// Reads the credentials of a request from its `DirectLogin` and `Authorization` headers.
pub fn presented(direct_login: Option<&str>, authorization: Option<&str>) -> Presented {
    if let Some(v) = direct_login {
        if let Some(token) = parse_direct_login_params(v).remove("token") {
            return Presented::DirectLoginToken(token);
        }
        return Presented::Nothing;
    }
    let Some(auth) = authorization.map(str::trim) else {
        return Presented::Nothing;
    };
    if auth.starts_with("DirectLogin") {
        return match parse_direct_login_params(auth).remove("token") {
            Some(token) => Presented::DirectLoginToken(token),
            None => Presented::Nothing,
        };
    }
    if let Some(rest) = auth.strip_prefix("GatewayLogin") {
        return match parse_direct_login_params(rest).remove("token") {
            Some(token) => Presented::GatewayLogin(token),
            None => Presented::Unsupported,
        };
    }
    Presented::Unsupported
}

/// Why a Gateway login JWT was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum GatewayJwtError {
    /// Not three base64url parts of JSON, claims that are no JSON object, or a registered
    /// claim (`exp`, `nbf`, `sub`, `iss`, `aud`) of the wrong JSON type.
    #[error("malformed JWT")]
    Malformed,
    /// The algorithm is not HS256 (including `none`, a missing `alg`, or a header that is
    /// JSON but not a JWT header).
    #[error("algorithm is not HS256")]
    Algorithm,
    /// The signature does not match.
    #[error("bad signature")]
    Signature,
    /// `exp` is in the past.
    #[error("expired")]
    Expired,
    /// No `login_user_name`.
    #[error("login_user_name is missing")]
    NoUser,
    /// A `login_user_name` longer than OBP's username column (100) or holding a control
    /// character (a header used as data gets the edge rule of every other client text).
    #[error("login_user_name is longer than 100 characters or holds a control character")]
    BadUser,
}

/// OBP's username column size (`AuthUser.username`, `ResourceUser.name_`).
pub const MAX_USERNAME_CHARS: usize = 100;

/// How Gateway login JWTs are checked by `jsonwebtoken`: HS256 only and nothing else. The
/// registered claims are left to [`verify_gateway_jwt`], which has always read `exp` itself
/// against the `now` it is given (so tests need no clock) with no leeway, and never looked at
/// `nbf`, `aud`, `iss` or `sub`; the crate's defaults (a 60 s leeway, `exp` required, `aud`
/// refused when none is configured) would each change what a gateway may send.
static GATEWAY_VALIDATION: LazyLock<Validation> = LazyLock::new(|| {
    let mut v = Validation::new(JwtAlgorithm::HS256);
    v.leeway = 0;
    v.validate_exp = false;
    v.validate_nbf = false;
    v.validate_aud = false;
    v.required_spec_claims.clear();
    v
});

/// Why `jsonwebtoken` refused a token, as a [`GatewayJwtError`]. `at_header` tells whether the
/// failure came from reading the header: there, JSON that parses but is no JWT header (an
/// `alg` of `none`, of an unknown name, or none at all) is an algorithm refusal, as it was
/// when the header was read by hand; anywhere else bad JSON is a malformed token.
fn gateway_jwt_error(e: &jsonwebtoken::errors::Error, at_header: bool) -> GatewayJwtError {
    match e.kind() {
        ErrorKind::InvalidSignature => GatewayJwtError::Signature,
        ErrorKind::InvalidAlgorithm | ErrorKind::MissingAlgorithm => GatewayJwtError::Algorithm,
        ErrorKind::Json(json)
            if at_header && json.classify() == serde_json::error::Category::Data =>
        {
            GatewayJwtError::Algorithm
        }
        _ => GatewayJwtError::Malformed,
    }
}

/// Verifies an HS256 JWT signed with `secret` and returns its `login_user_name`.
///
/// The header is read first so that a token of another algorithm (including `none`) is
/// refused as such before any signature work; `jsonwebtoken` then checks the signature in
/// constant time. `exp`, when it is an integer, must be later than `now` (no leeway: a gateway
/// signs each request's token just before sending it); `nbf` is not read, as OBP's gateway
/// login does not. An `exp` that is not an integer (a string, a fraction) is not read, as before;
/// a registered claim that is a JSON object or array is refused as malformed by
/// `jsonwebtoken`, which the hand-rolled check before it let through.
///
/// # Errors
/// See [`GatewayJwtError`].
pub fn verify_gateway_jwt(token: &str, secret: &[u8], now: i64) -> Result<String, GatewayJwtError> {
    let header = jsonwebtoken::decode_header(token).map_err(|e| gateway_jwt_error(&e, true))?;
    if header.alg != JwtAlgorithm::HS256 {
        return Err(GatewayJwtError::Algorithm);
    }
    let payload = jsonwebtoken::decode::<serde_json::Value>(
        token,
        &DecodingKey::from_secret(secret),
        &GATEWAY_VALIDATION,
    )
    .map_err(|e| gateway_jwt_error(&e, false))?
    .claims;
    if let Some(exp) = payload.get("exp").and_then(serde_json::Value::as_i64) {
        if exp <= now {
            return Err(GatewayJwtError::Expired);
        }
    }
    let user = payload
        .get("login_user_name")
        .and_then(|u| u.as_str())
        .filter(|u| !u.is_empty())
        .ok_or(GatewayJwtError::NoUser)?;
    if user.chars().count() > MAX_USERNAME_CHARS || user.chars().any(char::is_control) {
        return Err(GatewayJwtError::BadUser);
    }
    Ok(user.to_owned())
}

/// Signs an HS256 JWT (used by tests and tools that play the gateway).
pub fn sign_gateway_jwt(payload: &serde_json::Value, secret: &[u8]) -> String {
    // Encoding a JSON value with an HMAC key cannot fail (the only failures are a key of
    // another family and claims that do not serialise).
    jsonwebtoken::encode(
        &Header::new(JwtAlgorithm::HS256),
        payload,
        &EncodingKey::from_secret(secret),
    )
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn direct_login_params_accept_quotes_and_prefix() {
        let p =
            parse_direct_login_params(r#"DirectLogin username="u", password=p=w, consumer_key=k"#);
        assert_eq!(p.get("username").unwrap(), "u");
        assert_eq!(p.get("password").unwrap(), "p=w");
        assert_eq!(p.get("consumer_key").unwrap(), "k");
    }

    #[test]
    fn direct_login_params_strip_each_quote_on_its_own() {
        assert_eq!(
            parse_direct_login_params(r#"username="alice, password="secret, consumer_key=KEY""#),
            params(&[
                ("username", "alice"),
                ("password", "secret"),
                ("consumer_key", "KEY")
            ])
        );
        assert_eq!(
            parse_direct_login_params(r#"token="abc"#),
            params(&[("token", "abc")])
        );
        assert_eq!(
            parse_direct_login_params(r#"DirectLogin token=abc""#),
            params(&[("token", "abc")])
        );
        // Only one quote each side: inner and doubled quotes stay.
        assert_eq!(
            parse_direct_login_params(r#"password=""p"w"""#),
            params(&[("password", r#""p"w""#)])
        );
    }

    #[test]
    fn direct_login_params_trim_parts_but_not_names_or_values_inside() {
        assert_eq!(
            parse_direct_login_params("  DirectLogin   username=u ,\tpassword=p  ,consumer_key=k"),
            params(&[("username", "u"), ("password", "p"), ("consumer_key", "k")])
        );
        // A space around `=` belongs to the name or the value, as in OBP.
        assert_eq!(
            parse_direct_login_params(r#"username =u, password= "p""#),
            params(&[("password", r#" "p"#)])
        );
    }

    #[test]
    fn direct_login_params_drop_unknown_names_empty_values_and_parts_without_equals() {
        assert_eq!(
            parse_direct_login_params(
                r#"Username=u, user=x, token="", password=, consumer_key, a=b, password=p"#
            ),
            params(&[("password", "p")])
        );
        assert_eq!(parse_direct_login_params(r#"token=""#), params(&[]));
        assert_eq!(parse_direct_login_params(""), params(&[]));
        assert_eq!(parse_direct_login_params("DirectLogin"), params(&[]));
        // The last of a repeated name wins.
        assert_eq!(
            parse_direct_login_params("token=a, token=b"),
            params(&[("token", "b")])
        );
    }

    #[test]
    fn presented_credentials_are_recognised() {
        assert_eq!(
            presented(Some("token=abc"), None),
            Presented::DirectLoginToken("abc".into())
        );
        assert_eq!(
            presented(None, Some(r#"DirectLogin token="abc""#)),
            Presented::DirectLoginToken("abc".into())
        );
        assert_eq!(
            presented(Some("username=u, password=p"), None),
            Presented::Nothing
        );
        assert_eq!(
            presented(Some(r#"token="abc"#), None),
            Presented::DirectLoginToken("abc".into())
        );
        assert_eq!(
            presented(None, Some(r#"DirectLogin token=abc""#)),
            Presented::DirectLoginToken("abc".into())
        );
        assert_eq!(presented(None, Some("Basic xyz")), Presented::Unsupported);
        assert_eq!(
            presented(None, Some(r#"GatewayLogin token="a.b.c""#)),
            Presented::GatewayLogin("a.b.c".into())
        );
    }

    #[test]
    fn gateway_jwt_round_trips_and_refuses_tampering() {
        let secret = b"0123456789abcdef0123456789abcdef";
        let jwt = sign_gateway_jwt(&serde_json::json!({"login_user_name": "gw"}), secret);
        assert_eq!(verify_gateway_jwt(&jwt, secret, 0).unwrap(), "gw");
        assert_eq!(
            verify_gateway_jwt(&jwt, b"another-secret-another-secret-xx", 0),
            Err(GatewayJwtError::Signature)
        );
        let expired = sign_gateway_jwt(
            &serde_json::json!({"login_user_name": "gw", "exp": 10}),
            secret,
        );
        assert_eq!(
            verify_gateway_jwt(&expired, secret, 11),
            Err(GatewayJwtError::Expired)
        );
    }

    /// A token with the given header JSON over `payload`, signed with HS256 and `secret`
    /// whatever the header says (as an attacker would forge it).
    fn with_header(header: &str, payload: &serde_json::Value, secret: &[u8]) -> String {
        let jwt = sign_gateway_jwt(payload, secret);
        let mut parts = jwt.splitn(2, '.');
        let (_, rest) = (parts.next(), parts.next().unwrap_or_default());
        format!("{}.{rest}", URL_SAFE_NO_PAD.encode(header))
    }

    #[test]
    fn gateway_jwt_refuses_alg_none() {
        let secret = b"0123456789abcdef0123456789abcdef";
        let claims = serde_json::json!({"login_user_name": "gw"});
        let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
        let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
        // Unsigned, as `none` means, and with a signature part that is valid for HS256.
        assert_eq!(
            verify_gateway_jwt(&format!("{header}.{payload}."), secret, 0),
            Err(GatewayJwtError::Algorithm)
        );
        let signed = with_header(r#"{"alg":"none","typ":"JWT"}"#, &claims, secret);
        assert_eq!(
            verify_gateway_jwt(&signed, secret, 0),
            Err(GatewayJwtError::Algorithm)
        );
        let no_alg = with_header(r#"{"typ":"JWT"}"#, &claims, secret);
        assert_eq!(
            verify_gateway_jwt(&no_alg, secret, 0),
            Err(GatewayJwtError::Algorithm)
        );
    }

    #[test]
    fn gateway_jwt_refuses_other_algorithms() {
        let secret = b"0123456789abcdef0123456789abcdef";
        let claims = serde_json::json!({"login_user_name": "gw"});
        let hs512 = jsonwebtoken::encode(
            &Header::new(JwtAlgorithm::HS512),
            &claims,
            &EncodingKey::from_secret(secret),
        )
        .unwrap();
        assert_eq!(
            verify_gateway_jwt(&hs512, secret, 0),
            Err(GatewayJwtError::Algorithm)
        );
        let rs256 = with_header(r#"{"alg":"RS256","typ":"JWT"}"#, &claims, secret);
        assert_eq!(
            verify_gateway_jwt(&rs256, secret, 0),
            Err(GatewayJwtError::Algorithm)
        );
    }

    #[test]
    fn gateway_jwt_reads_exp_without_leeway_and_ignores_other_registered_claims() {
        let secret = b"0123456789abcdef0123456789abcdef";
        let jwt = |claims: serde_json::Value| sign_gateway_jwt(&claims, secret);
        let at = |exp: i64| jwt(serde_json::json!({"login_user_name": "gw", "exp": exp}));
        assert_eq!(verify_gateway_jwt(&at(100), secret, 99).unwrap(), "gw");
        assert_eq!(
            verify_gateway_jwt(&at(100), secret, 100),
            Err(GatewayJwtError::Expired)
        );
        // Not-yet-valid, foreign audience and issuer, no `exp`: none of these was checked.
        let other = jwt(serde_json::json!({
            "login_user_name": "gw", "nbf": 10_000, "aud": "elsewhere", "iss": "x", "sub": "y"
        }));
        assert_eq!(verify_gateway_jwt(&other, secret, 0).unwrap(), "gw");
        // An `exp` that is not an integer is not read.
        let odd = jwt(serde_json::json!({"login_user_name": "gw", "exp": "soon"}));
        assert_eq!(verify_gateway_jwt(&odd, secret, 50).unwrap(), "gw");
    }

    #[test]
    fn gateway_jwt_malformed_tokens_and_users() {
        let secret = b"0123456789abcdef0123456789abcdef";
        for bad in ["", "a.b", "a.b.c.d", "!!.e30.x", "e30"] {
            assert_eq!(
                verify_gateway_jwt(bad, secret, 0),
                Err(GatewayJwtError::Malformed),
                "{bad}"
            );
        }
        // RFC 7519 claims of the wrong JSON type, or claims that are no JSON object, are
        // refused by `jsonwebtoken` even when signed with the gateway's secret (the
        // hand-rolled check ignored them).
        for claims in [
            serde_json::json!({"login_user_name": "gw", "exp": {"at": 1}}),
            serde_json::json!({"login_user_name": "gw", "sub": {"id": 1}}),
            serde_json::json!(["gw"]),
        ] {
            assert_eq!(
                verify_gateway_jwt(&sign_gateway_jwt(&claims, secret), secret, 0),
                Err(GatewayJwtError::Malformed),
                "{claims}"
            );
        }
        let no_user = sign_gateway_jwt(&serde_json::json!({"exp": 10}), secret);
        assert_eq!(
            verify_gateway_jwt(&no_user, secret, 0),
            Err(GatewayJwtError::NoUser)
        );
        let long = sign_gateway_jwt(
            &serde_json::json!({"login_user_name": "u".repeat(101)}),
            secret,
        );
        assert_eq!(
            verify_gateway_jwt(&long, secret, 0),
            Err(GatewayJwtError::BadUser)
        );
    }

    #[test]
    fn tokens_are_long_and_url_safe() {
        let t = new_token();
        assert_eq!(t.len(), 43);
        assert!(t
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_ne!(t, new_token());
        assert_eq!(new_consumer_key().len(), 40);
    }
}
