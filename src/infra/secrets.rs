//! Secrets: random tokens, their stored hashes, and constant-time comparison.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use sha2::{Digest, Sha256};

use crate::error::AppResult;

/// Random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> AppResult<[u8; N]> {
    let mut buf = [0u8; N];
    getrandom::fill(&mut buf).map_err(|e| anyhow::anyhow!("no randomness available: {e}"))?;
    Ok(buf)
}

/// A URL-safe token of 128 random bits (DOMAIN.md: check-in and manage tokens).
pub fn new_token() -> AppResult<String> {
    Ok(URL_SAFE_NO_PAD.encode(random_bytes::<16>()?))
}

/// Hex SHA-256, used to store tokens so a copy of the database does not hold usable
/// secrets. Tokens are 128-bit random, so a fast hash is enough (no password stretching).
pub fn hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A keyed hash (HMAC-SHA256, hex) of a guessable value such as a fiscal code, which a
/// plain hash would not hide from someone who tries every birth date. Without a key it
/// falls back to a plain hash with a fixed prefix (development and tests).
pub fn keyed_hash(key: Option<&str>, value: &str) -> String {
    match key {
        Some(key) => {
            let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, key.as_bytes());
            ring::hmac::sign(&key, value.as_bytes())
                .as_ref()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect()
        }
        None => hash(&format!("sportello-fiscal-code:{value}")),
    }
}

/// Compares two strings in time independent of where they differ, so a guesser cannot
/// learn a stored hash or CSRF value byte by byte from response times. `subtle` keeps the
/// optimiser from turning the comparison back into an early exit; only the length (public
/// here: hashes and CSRF values have fixed lengths) is compared in variable time.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hash_stably() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 22);
        assert_eq!(hash(&a), hash(&a));
        assert_eq!(hash("x").len(), 64);
        assert!(constant_time_eq(&hash(&a), &hash(&a)));
        assert!(!constant_time_eq(&hash(&a), &hash(&b)));
        assert!(!constant_time_eq("ab", "abc"));
    }
}
