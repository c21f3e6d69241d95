//! Card numbers at rest: encrypted with AES-256-GCM, found by a keyed hash.
//!
//! The stored card JSON carries `enc:v1:<base64(nonce ‖ ciphertext)>` instead of the number,
//! bound to the card's id (additional data), so a ciphertext copied to another row does not
//! open. The `card_number` column, which the unique index over (bank, number, issue number)
//! reads, holds `hmac:v1:<hex>`, an HMAC-SHA256 of the bank and the number (a blind index):
//! duplicates are still refused, and without the key nobody can test guesses against it.
//! Both subkeys are derived from one 32-byte master key with HMAC-SHA256 and distinct labels.

use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

const SEALED_PREFIX: &str = "enc:v1:";
const INDEX_PREFIX: &str = "hmac:v1:";
const NONCE_LEN: usize = 12;

/// The key protecting card numbers at rest.
#[derive(Clone)]
pub struct CardKey {
    aead: Aes256Gcm,
    index_key: [u8; 32],
}

impl std::fmt::Debug for CardKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CardKey(***)")
    }
}

/// A sealed card number that does not open: another key, or a damaged row.
#[derive(Debug, thiserror::Error)]
#[error("a card number cannot be encrypted or decrypted (wrong card key or damaged row)")]
pub struct CardKeyError;

fn derive(master: &[u8; 32], label: &[u8]) -> [u8; 32] {
    // One HMAC-SHA256 block per label: HKDF-Expand's first block with a fixed info.
    let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(master) else {
        return [0; 32];
    };
    mac.update(label);
    mac.finalize().into_bytes().into()
}

impl CardKey {
    /// The key derived from a 32-byte master key.
    pub fn from_master(master: &[u8; 32]) -> Self {
        let aead_key = derive(master, b"obp card number encryption v1");
        Self {
            aead: Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&aead_key)),
            index_key: derive(master, b"obp card number index v1"),
        }
    }

    /// A fresh random master key.
    pub fn generate_master() -> [u8; 32] {
        let mut m = [0u8; 32];
        OsRng.fill_bytes(&mut m);
        m
    }

    /// Parses a master key written as 64 hex digits or as base64 of 32 bytes.
    ///
    /// # Errors
    /// A text that is neither.
    pub fn parse_master(text: &str) -> Result<[u8; 32], String> {
        let t = text.trim();
        let bytes = if t.len() == 64 && t.chars().all(|c| c.is_ascii_hexdigit()) {
            (0..32)
                .map(|i| u8::from_str_radix(&t[2 * i..2 * i + 2], 16))
                .collect::<Result<Vec<u8>, _>>()
                .map_err(|e| e.to_string())?
        } else {
            base64::engine::general_purpose::STANDARD
                .decode(t)
                .map_err(|_| "the card key is neither 64 hex digits nor base64".to_owned())?
        };
        <[u8; 32]>::try_from(bytes.as_slice())
            .map_err(|_| format!("the card key must be 32 bytes (got {})", bytes.len()))
    }

    /// The master key as 64 hex digits (for the key file).
    pub fn master_to_hex(master: &[u8; 32]) -> String {
        master.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// A key that lives as long as the process (in-memory databases, tests).
    pub fn ephemeral() -> Self {
        Self::from_master(&Self::generate_master())
    }

    /// Encrypts a card number for the card `card_id`.
    ///
    /// # Errors
    /// Only for inputs beyond GCM's limit (64 GiB).
    pub fn seal(&self, card_id: &str, number: &str) -> Result<String, CardKeyError> {
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let payload = Payload {
            msg: number.as_bytes(),
            aad: card_id.as_bytes(),
        };
        let ct = self
            .aead
            .encrypt(&nonce, payload)
            .map_err(|_| CardKeyError)?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ct);
        Ok(format!(
            "{SEALED_PREFIX}{}",
            base64::engine::general_purpose::STANDARD.encode(out)
        ))
    }

    /// Whether a stored value is a sealed number (rows written before encryption hold the
    /// plain number).
    pub fn is_sealed(stored: &str) -> bool {
        stored.starts_with(SEALED_PREFIX)
    }

    /// Whether a stored index value is a keyed hash.
    pub fn is_index(stored: &str) -> bool {
        stored.starts_with(INDEX_PREFIX)
    }

    /// Decrypts a value of [`CardKey::seal`]; a plain (legacy) value is returned as is.
    ///
    /// # Errors
    /// A sealed value that does not open with this key for this card.
    pub fn open(&self, card_id: &str, stored: &str) -> Result<String, CardKeyError> {
        let Some(b64) = stored.strip_prefix(SEALED_PREFIX) else {
            return Ok(stored.to_owned());
        };
        let raw = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map_err(|_| CardKeyError)?;
        if raw.len() < NONCE_LEN {
            return Err(CardKeyError);
        }
        let (nonce, ct) = raw.split_at(NONCE_LEN);
        let plain = self
            .aead
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: ct,
                    aad: card_id.as_bytes(),
                },
            )
            .map_err(|_| CardKeyError)?;
        String::from_utf8(plain).map_err(|_| CardKeyError)
    }

    /// The blind index of a card number at a bank.
    pub fn index(&self, bank_id: &str, number: &str) -> String {
        let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(&self.index_key) else {
            return String::new();
        };
        mac.update(bank_id.as_bytes());
        mac.update(&[0]);
        mac.update(number.as_bytes());
        let hex: String = mac
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        format!("{INDEX_PREFIX}{hex}")
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_sealed_number_opens_only_with_its_key_and_card() {
        let key = CardKey::ephemeral();
        let sealed = key.seal("card-1", "4111111111111111").unwrap();
        assert!(CardKey::is_sealed(&sealed));
        assert!(!sealed.contains("4111111111111111"));
        assert_eq!(key.open("card-1", &sealed).unwrap(), "4111111111111111");
        assert!(key.open("card-2", &sealed).is_err());
        assert!(CardKey::ephemeral().open("card-1", &sealed).is_err());
        assert_ne!(key.seal("card-1", "4111111111111111").unwrap(), sealed);
        assert_eq!(key.open("card-1", "4111").unwrap(), "4111");
    }

    #[test]
    fn the_index_is_stable_per_key_and_bank() {
        let master = CardKey::generate_master();
        let (a, b) = (CardKey::from_master(&master), CardKey::from_master(&master));
        assert_eq!(a.index("bank", "4111"), b.index("bank", "4111"));
        assert_ne!(a.index("bank", "4111"), a.index("other", "4111"));
        assert_ne!(
            a.index("bank", "4111"),
            CardKey::ephemeral().index("bank", "4111")
        );
        assert!(!a.index("bank", "4111").contains("4111"));
    }

    #[test]
    fn master_keys_parse_from_hex_and_base64() {
        let m = CardKey::generate_master();
        let hex = CardKey::master_to_hex(&m);
        assert_eq!(CardKey::parse_master(&hex).unwrap(), m);
        let b64 = base64::engine::general_purpose::STANDARD.encode(m);
        assert_eq!(CardKey::parse_master(&b64).unwrap(), m);
        assert!(CardKey::parse_master("short").is_err());
        assert!(CardKey::parse_master("").is_err());
    }
}
