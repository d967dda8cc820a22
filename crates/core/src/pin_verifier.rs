//! A PIN verifier: what a roster from the hub carries instead of a guardian's PIN.
//!
//! The hub issues PINs once per location and keeps a single key per location: an
//! argon2id salt and cost. A verifier is the argon2id hash of one PIN under that key,
//! in PHC form: `$argon2id$v=19$m=19456,t=2,p=1$SALT$HASH`. Because every guardian of
//! a location shares the key, a kiosk hashes a typed PIN once and looks the result up
//! as plain text, instead of running argon2id once per guardian.
//!
//! A PIN has at most a million values, so whoever holds a verifier can find its PIN
//! by trying them all; argon2id only makes each try slow (see docs/privacy.md).

use argon2::password_hash::{Output, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// argon2id memory cost of new keys, in KiB (OWASP's first recommended setting).
pub const MEMORY_KIB: u32 = 19_456;
/// argon2id passes of new keys.
pub const TIME_COST: u32 = 2;
/// argon2id lanes of new keys.
pub const LANES: u32 = 1;

/// The most memory a key may ask for, in KiB, so that a roster cannot make a kiosk
/// spend more than a moment on a typed PIN.
pub const MAX_MEMORY_KIB: u32 = 65_536;
/// The most passes a key may ask for.
pub const MAX_TIME_COST: u32 = 8;
/// The most lanes a key may ask for.
pub const MAX_LANES: u32 = 4;

/// The length of a verifier's hash, in bytes.
const HASH_BYTES: usize = 32;

/// Why a text is not a verifier (or key) Welkom accepts.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum VerifierError {
    /// Not an argon2id hash in PHC form with version 19 and the parameters m, t, p.
    #[error("not an argon2id PIN verifier ($argon2id$v=19$m=…,t=…,p=…$SALT$HASH)")]
    Malformed,
    /// Its cost is above what a kiosk spends on a typed PIN.
    #[error(
        "its cost (m={memory_kib}, t={time_cost}, p={lanes}) is above m={MAX_MEMORY_KIB}, t={MAX_TIME_COST}, p={MAX_LANES}"
    )]
    TooCostly {
        /// Memory, KiB.
        memory_kib: u32,
        /// Passes.
        time_cost: u32,
        /// Lanes.
        lanes: u32,
    },
}

/// A location's PIN key: the salt and cost every verifier of the location shares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PinKey {
    /// `$argon2id$v=19$m=…,t=…,p=…$SALT`, always written the same way.
    text: String,
    params: Params,
    salt: Vec<u8>,
}

impl PinKey {
    /// A new key with a random 16-byte salt and the default cost.
    pub fn generate<R: rand::Rng + ?Sized>(rng: &mut R) -> Result<Self, VerifierError> {
        let mut salt = [0u8; 16];
        rng.fill_bytes(&mut salt);
        let salt = SaltString::encode_b64(&salt).map_err(|_| VerifierError::Malformed)?;
        Self::parse(&format!(
            "$argon2id$v=19$m={MEMORY_KIB},t={TIME_COST},p={LANES}${}",
            salt.as_str()
        ))
    }

    /// Reads a key as [`PinKey::as_str`] writes it (a verifier without its hash).
    pub fn parse(text: &str) -> Result<Self, VerifierError> {
        let (key, hash) = read(text)?;
        if hash.is_some() {
            return Err(VerifierError::Malformed);
        }
        Ok(key)
    }

    /// The key of a verifier; the verifier must be written exactly as
    /// [`PinKey::verifier`] writes it, so that equal PINs give equal text.
    pub fn of_verifier(verifier: &str) -> Result<Self, VerifierError> {
        let (key, hash) = read(verifier)?;
        match hash {
            Some(hash) if hash.len() == HASH_BYTES => Ok(key),
            _ => Err(VerifierError::Malformed),
        }
    }

    /// The key as text (stored by the hub, one per location).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The verifier of `pin` under this key: one argon2id run.
    pub fn verifier(&self, pin: &str) -> Result<String, VerifierError> {
        let mut hash = [0u8; HASH_BYTES];
        Argon2::new(Algorithm::Argon2id, Version::V0x13, self.params.clone())
            .hash_password_into(pin.as_bytes(), &self.salt, &mut hash)
            .map_err(|_| VerifierError::Malformed)?;
        let hash = Output::new(&hash).map_err(|_| VerifierError::Malformed)?;
        Ok(format!("{}${hash}", self.text))
    }
}

/// Checks a verifier (or key) and returns its key and its hash, if it has one.
fn read(text: &str) -> Result<(PinKey, Option<Vec<u8>>), VerifierError> {
    let parsed = PasswordHash::new(text).map_err(|_| VerifierError::Malformed)?;
    if parsed.algorithm.as_str() != "argon2id" || parsed.version != Some(19) {
        return Err(VerifierError::Malformed);
    }
    if parsed.params.iter().count() != 3 {
        return Err(VerifierError::Malformed);
    }
    let value = |name: &str| {
        parsed
            .params
            .get_decimal(name)
            .ok_or(VerifierError::Malformed)
    };
    let (memory_kib, time_cost, lanes) = (value("m")?, value("t")?, value("p")?);
    if memory_kib > MAX_MEMORY_KIB || time_cost > MAX_TIME_COST || lanes > MAX_LANES {
        return Err(VerifierError::TooCostly {
            memory_kib,
            time_cost,
            lanes,
        });
    }
    let params = Params::new(memory_kib, time_cost, lanes, Some(HASH_BYTES))
        .map_err(|_| VerifierError::Malformed)?;
    let salt_text = parsed.salt.ok_or(VerifierError::Malformed)?;
    let mut buffer = [0u8; 64];
    let salt = salt_text
        .decode_b64(&mut buffer)
        .map_err(|_| VerifierError::Malformed)?
        .to_vec();
    if salt.len() < 8 {
        return Err(VerifierError::Malformed);
    }
    let key_text = format!(
        "$argon2id$v=19$m={memory_kib},t={time_cost},p={lanes}${}",
        salt_text.as_str()
    );
    let hash = parsed.hash.map(|h| h.as_bytes().to_vec());
    // Only the one way of writing it: equal PINs must give equal text.
    let canonical = match &parsed.hash {
        Some(h) => format!("{key_text}${h}"),
        None => key_text.clone(),
    };
    if canonical != text {
        return Err(VerifierError::Malformed);
    }
    Ok((
        PinKey {
            text: key_text,
            params,
            salt,
        },
        hash,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    fn key() -> PinKey {
        PinKey::generate(&mut StdRng::seed_from_u64(3)).unwrap()
    }

    #[test]
    fn one_key_gives_one_verifier_per_pin_and_reads_back() {
        let key = key();
        let a = key.verifier("48213").unwrap();
        assert_eq!(a, key.verifier("48213").unwrap());
        assert_ne!(a, key.verifier("48214").unwrap());
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert_eq!(PinKey::of_verifier(&a).unwrap(), key);
        assert_eq!(PinKey::parse(key.as_str()).unwrap(), key);
        let other = PinKey::generate(&mut StdRng::seed_from_u64(4)).unwrap();
        assert_ne!(other.verifier("48213").unwrap(), a, "another location");
    }

    #[test]
    fn anything_else_is_refused() {
        let key = key();
        let good = key.verifier("5821").unwrap();
        for bad in [
            "",
            "5821",
            key.as_str(),
            &good.replace("argon2id", "argon2i"),
            &good.replace("v=19", "v=16"),
            &good.replace("m=19456,t=2,p=1", "t=2,m=19456,p=1"),
            &format!("{good}A"),
            &good[..good.len() - 4],
        ] {
            assert!(PinKey::of_verifier(bad).is_err(), "{bad}");
        }
        assert_eq!(
            PinKey::of_verifier(&good.replace("m=19456", "m=4194304")),
            Err(VerifierError::TooCostly {
                memory_kib: 4_194_304,
                time_cost: 2,
                lanes: 1
            })
        );
        assert!(PinKey::parse(&good).is_err(), "a verifier is not a key");
    }
}
