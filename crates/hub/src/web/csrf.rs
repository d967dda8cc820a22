//! CSRF tokens: random, and compared in constant time.

use subtle::ConstantTimeEq;

/// A new token: 32 random bytes, hex.
pub fn new_token() -> String {
    let bytes: [u8; 32] = rand::random();
    hex(&bytes)
}

/// Whether the token a form sent is the one expected (neither may be empty).
pub fn matches(expected: &str, given: &str) -> bool {
    !expected.is_empty() && bool::from(expected.as_bytes().ct_eq(given.as_bytes()))
}

/// Bytes as lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_same_token_matches() {
        let token = new_token();
        assert_eq!(token.len(), 64);
        assert!(matches(&token, &token.clone()));
        assert!(!matches(&token, &new_token()));
        assert!(!matches(&token, ""));
        assert!(!matches("", ""));
    }
}
