//! Users' passwords: argon2id hashes (the argon2 crate's defaults, OWASP's
//! recommendation: 19 MiB, 2 passes), checks on a new password, and generated ones.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// The fewest characters a password may have.
pub const MIN_LENGTH: usize = 12;

/// The most characters a password may have (argon2 takes any length; this bounds
/// the work one request can ask for).
pub const MAX_LENGTH: usize = 1024;

/// Why a password cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    /// Shorter than [`MIN_LENGTH`] or longer than [`MAX_LENGTH`].
    #[error("a password needs {MIN_LENGTH} to {MAX_LENGTH} characters; this one has {0}")]
    Length(usize),
    /// argon2 failed (should not happen with its default parameters).
    #[error("cannot hash the password: {0}")]
    Hash(String),
}

/// Checks a new password: long enough, not too long.
pub fn check(password: &str) -> Result<(), PasswordError> {
    let length = password.chars().count();
    if !(MIN_LENGTH..=MAX_LENGTH).contains(&length) {
        return Err(PasswordError::Length(length));
    }
    Ok(())
}

/// The argon2id hash (PHC string) of a password, with a fresh random salt.
pub fn hash(password: &str) -> Result<String, PasswordError> {
    let salt_bytes: [u8; 16] = rand::random();
    let salt =
        SaltString::encode_b64(&salt_bytes).map_err(|e| PasswordError::Hash(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| PasswordError::Hash(e.to_string()))
}

/// Whether the password fits the hash; an unreadable hash fits nothing.
pub fn verify(password: &str, hash: &str) -> bool {
    if password.len() > MAX_LENGTH * 4 {
        return false;
    }
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A hash of a password nobody knows, made with the same parameters as [`hash`]
/// (a test keeps them equal).
const NOBODY: &str = "$argon2id$v=19$m=19456,t=2,p=1$9LRpCVdi3H7ss0cu7h310g$uN6c48HRS84Sw+VPTvx3FAHNkwkPctmKPfLNUaVOh3o";

/// Checks the password against a hash nobody has, so an unknown email costs the
/// same time as a known one with a wrong password.
pub fn verify_nobody(password: &str) {
    let _ = verify(password, NOBODY);
}

/// A new password: 20 characters from letters and digits that cannot be mistaken
/// for one another (about 114 bits).
pub fn generate() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    use rand::Rng;
    let mut rng = rand::rng();
    (0..20)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dummy_hash_costs_what_a_real_one_costs() {
        let real = hash("some password here").unwrap();
        let params = |h: &str| h.split('$').nth(3).unwrap().to_owned();
        assert_eq!(params(NOBODY), params(&real));
        assert!(PasswordHash::new(NOBODY).is_ok());
    }

    #[test]
    fn a_hash_fits_its_password_only() {
        let h = hash("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("correct horse battery", &h));
        assert!(!verify("correct horse batterY", &h));
        assert!(!verify("correct horse battery", "not a hash"));
    }

    #[test]
    fn short_passwords_are_refused_and_generated_ones_pass() {
        assert!(check("elevenchars").is_err());
        assert!(check("twelve chars").is_ok());
        let generated = generate();
        assert!(check(&generated).is_ok());
        assert_ne!(generated, generate());
    }
}
