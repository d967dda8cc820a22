//! PINs are stored as a salted SHA-256, never in clear. The salt is made once per
//! device and kept in the `device` table.

use sha2::{Digest, Sha256};

/// The hash under which a PIN is stored and looked up.
pub(crate) fn pin_hash(salt: &str, pin: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(salt.as_bytes());
    hasher.update(b":");
    hasher.update(pin.as_bytes());
    let digest = hasher.finalize();
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn salt_changes_the_hash_and_the_pin_is_not_in_it() {
        let a = pin_hash("salt-a", "2580");
        assert_eq!(a.len(), 64);
        assert_ne!(a, pin_hash("salt-b", "2580"));
        assert_eq!(a, pin_hash("salt-a", "2580"));
        assert!(!a.contains("2580"));
    }
}
