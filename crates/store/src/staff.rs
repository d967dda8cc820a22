//! Staff members and their PINs. A staff PIN is stored as an argon2id hash; since each
//! hash has its own salt, finding who typed a PIN means trying each member's hash,
//! which takes tens of milliseconds each: the kiosk does it off the screen's thread
//! with [`find_staff_member`].
//!
//! Hashes use OWASP's Password Storage Cheat Sheet's minimum for argon2id (19 MiB of
//! memory, 2 passes, 1 lane). A hash made with weaker settings still verifies, and
//! is replaced by one made with these at the member's next sign-in
//! ([`StaffMatch::rehashed`], stored with [`Store::replace_staff_pin_hash`]).

use crate::{Store, StoreError};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::Rng;
use rusqlite::{OptionalExtension, params};
use welkom_core::EventId;

/// What a staff member may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// Sees the tally, follows up, sees who is present and the sync state.
    Staff,
    /// Also changes settings, imports the roster and manages PINs.
    Manager,
}

impl StaffRole {
    /// The role's key in the database.
    pub fn key(self) -> &'static str {
        match self {
            Self::Staff => "staff",
            Self::Manager => "manager",
        }
    }

    fn from_key(key: &str) -> Result<Self, StoreError> {
        match key {
            "staff" => Ok(Self::Staff),
            "manager" => Ok(Self::Manager),
            other => Err(StoreError::Corrupt(format!("staff role {other}"))),
        }
    }
}

/// A staff member, as staff mode knows them.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct StaffMember {
    /// Made on the device when the member was added.
    pub id: String,
    /// The name shown in staff mode and recorded with a follow-up.
    pub name: String,
    /// Staff or manager.
    pub role: StaffRole,
}

/// A staff member with their PIN hash, for [`find_staff_member`].
#[derive(Clone, Debug)]
pub struct StaffCredential {
    /// Who.
    pub member: StaffMember,
    /// Their PIN as an argon2id hash in PHC form.
    pub pin_hash: String,
}

/// Memory per hash in KiB (OWASP's minimum for argon2id: 19 MiB).
pub const STAFF_HASH_MEMORY_KIB: u32 = 19 * 1024;
/// Passes over the memory (OWASP's minimum with 19 MiB: 2).
pub const STAFF_HASH_PASSES: u32 = 2;
/// Lanes (OWASP: 1).
pub const STAFF_HASH_LANES: u32 = 1;

/// The argon2id hasher with the settings above.
fn staff_hasher() -> Result<Argon2<'static>, StoreError> {
    let params = Params::new(
        STAFF_HASH_MEMORY_KIB,
        STAFF_HASH_PASSES,
        STAFF_HASH_LANES,
        None,
    )
    .map_err(|e| StoreError::Corrupt(format!("argon2 settings: {e}")))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes a staff PIN with argon2id, OWASP's settings and a fresh salt.
pub fn hash_staff_pin(pin: &str) -> Result<String, StoreError> {
    let salt_bytes: [u8; 16] = rand::rng().random();
    let salt = SaltString::encode_b64(&salt_bytes)
        .map_err(|e| StoreError::Corrupt(format!("salt: {e}")))?;
    staff_hasher()?
        .hash_password(pin.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| StoreError::Corrupt(format!("hashing a staff PIN: {e}")))
}

/// Whether a stored hash was made with weaker settings than [`hash_staff_pin`]'s
/// (another algorithm or version, less memory, fewer passes), or cannot be read.
pub fn staff_hash_is_weak(pin_hash: &str) -> bool {
    let Ok(hash) = PasswordHash::new(pin_hash) else {
        return true;
    };
    let Ok(params) = Params::try_from(&hash) else {
        return true;
    };
    hash.algorithm != Algorithm::Argon2id.ident()
        || hash.version != Some(Version::V0x13.into())
        || params.m_cost() < STAFF_HASH_MEMORY_KIB
        || params.t_cost() < STAFF_HASH_PASSES
}

/// A staff member whose PIN was typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffMatch {
    /// Who.
    pub member: StaffMember,
    /// A new hash of the PIN with today's settings, when the stored one was weaker.
    pub rehashed: Option<String>,
}

/// The staff member whose PIN this is, if any. Slow by design (argon2id per member):
/// call it off the screen's thread.
pub fn find_staff_member(credentials: &[StaffCredential], pin: &str) -> Option<StaffMember> {
    verify_staff_pin(credentials, pin).map(|found| found.member)
}

/// Like [`find_staff_member`], and when the member's hash is weaker than today's
/// settings, hashes the PIN again (store it with [`Store::replace_staff_pin_hash`]).
/// Each hash is checked with the settings it was made with.
pub fn verify_staff_pin(credentials: &[StaffCredential], pin: &str) -> Option<StaffMatch> {
    credentials.iter().find_map(|c| {
        let hash = PasswordHash::new(&c.pin_hash).ok()?;
        Argon2::default()
            .verify_password(pin.as_bytes(), &hash)
            .ok()?;
        let rehashed = if staff_hash_is_weak(&c.pin_hash) {
            hash_staff_pin(pin).ok()
        } else {
            None
        };
        Some(StaffMatch {
            member: c.member.clone(),
            rehashed,
        })
    })
}

impl Store {
    /// Adds a staff member with this PIN. The PIN must not be another active
    /// member's PIN (checked against every hash, so this takes a moment).
    pub fn add_staff(
        &mut self,
        name: &str,
        role: StaffRole,
        pin: &str,
        now: jiff::Timestamp,
    ) -> Result<StaffMember, StoreError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("a staff member needs a name".into()));
        }
        if !welkom_core::pin::is_well_formed(pin) {
            return Err(StoreError::Invalid("a staff PIN has 4 to 6 digits".into()));
        }
        if welkom_core::pin::is_trivial(pin) {
            return Err(StoreError::Invalid(
                "this staff PIN is too easy to guess (a run, a repeat or a year); choose another"
                    .into(),
            ));
        }
        if find_staff_member(&self.staff_credentials()?, pin).is_some() {
            return Err(StoreError::Invalid(
                "another staff member already has this PIN; choose another".into(),
            ));
        }
        let member = StaffMember {
            id: EventId::new().to_string(),
            name: name.to_owned(),
            role,
        };
        crate::write_gate::write_one(
            &mut self.conn,
            "INSERT INTO staff (id, name, role, pin_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                member.id,
                member.name,
                role.key(),
                hash_staff_pin(pin)?,
                now.as_millisecond()
            ],
        )?;
        Ok(member)
    }

    /// Replaces a member's PIN hash with one made with today's settings (after
    /// [`verify_staff_pin`] found the old one weaker). The PIN stays the same.
    /// Returns whether an active member had this id.
    pub fn replace_staff_pin_hash(&mut self, id: &str, pin_hash: &str) -> Result<bool, StoreError> {
        if staff_hash_is_weak(pin_hash) {
            return Err(StoreError::Invalid(
                "a staff PIN hash must be argon2id with today's settings".into(),
            ));
        }
        let changed = crate::write_gate::write_one(
            &mut self.conn,
            "UPDATE staff SET pin_hash = ?2 WHERE id = ?1 AND active = 1",
            params![id, pin_hash],
        )?;
        Ok(changed > 0)
    }

    /// Whether a PIN is already some active staff member's (slow: argon2id per member).
    pub fn staff_pin_taken(&self, pin: &str) -> Result<bool, StoreError> {
        Ok(find_staff_member(&self.staff_credentials()?, pin).is_some())
    }

    /// The active staff members, by name.
    pub fn staff_members(&self) -> Result<Vec<StaffMember>, StoreError> {
        Ok(self
            .staff_credentials()?
            .into_iter()
            .map(|c| c.member)
            .collect())
    }

    /// The active staff members with their PIN hashes, by name.
    pub fn staff_credentials(&self) -> Result<Vec<StaffCredential>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, role, pin_hash FROM staff WHERE active = 1 ORDER BY name, id",
        )?;
        let rows = stmt
            .query_map([], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(id, name, role, pin_hash)| {
                Ok(StaffCredential {
                    member: StaffMember {
                        id,
                        name,
                        role: StaffRole::from_key(&role)?,
                    },
                    pin_hash,
                })
            })
            .collect()
    }

    /// Removes a staff member (kept as inactive, so their notes keep their author).
    /// Returns whether an active member had this id.
    pub fn remove_staff(&mut self, id: &str) -> Result<bool, StoreError> {
        let changed = crate::write_gate::write_one(
            &mut self.conn,
            "UPDATE staff SET active = 0 WHERE id = ?1 AND active = 1",
            [id],
        )?;
        Ok(changed > 0)
    }

    /// The active staff member with this id.
    pub fn staff_member(&self, id: &str) -> Result<Option<StaffMember>, StoreError> {
        let found: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT name, role FROM staff WHERE id = ?1 AND active = 1",
                [id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        found
            .map(|(name, role)| {
                Ok(StaffMember {
                    id: id.to_owned(),
                    name,
                    role: StaffRole::from_key(&role)?,
                })
            })
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_staff_pin_is_found_only_by_its_own_pin_and_never_stored_in_clear() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("w.sqlite")).unwrap();
        let now = jiff::Timestamp::UNIX_EPOCH;
        let anouk = store
            .add_staff("Anouk", StaffRole::Manager, "472913", now)
            .unwrap();
        store
            .add_staff("Bram", StaffRole::Staff, "5830", now)
            .unwrap();
        let credentials = store.staff_credentials().unwrap();
        assert!(
            credentials
                .iter()
                .all(|c| c.pin_hash.starts_with("$argon2id$"))
        );
        assert!(credentials.iter().all(|c| !c.pin_hash.contains("472913")));
        assert_eq!(
            find_staff_member(&credentials, "472913"),
            Some(anouk.clone())
        );
        assert_eq!(find_staff_member(&credentials, "472914"), None);
        assert!(matches!(
            store.add_staff("Cem", StaffRole::Staff, "5830", now),
            Err(StoreError::Invalid(_))
        ));
        store
            .add_staff("Cem", StaffRole::Staff, "2580", now)
            .unwrap();
        for trivial in ["1234", "0000", "121212", "1987"] {
            assert!(
                matches!(
                    store.add_staff("Cem", StaffRole::Staff, trivial, now),
                    Err(StoreError::Invalid(_))
                ),
                "{trivial}"
            );
        }
        assert!(store.remove_staff(&anouk.id).unwrap());
        let left = store.staff_credentials().unwrap();
        assert_eq!(find_staff_member(&left, "472913"), None);
    }

    #[test]
    fn hashes_meet_owasp_and_a_weaker_hash_verifies_and_is_upgraded() {
        let hash = hash_staff_pin("472913").unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(!staff_hash_is_weak(&hash));

        // A hash as an older build made it: argon2id with 4 MiB and 1 pass.
        let weak_params = Params::new(4096, 1, 1, None).unwrap();
        let salt = SaltString::encode_b64(b"invented-salt-16").unwrap();
        let weak = Argon2::new(Algorithm::Argon2id, Version::V0x13, weak_params)
            .hash_password(b"472913", &salt)
            .unwrap()
            .to_string();
        assert!(staff_hash_is_weak(&weak));

        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("w.sqlite")).unwrap();
        let anouk = store
            .add_staff(
                "Anouk",
                StaffRole::Manager,
                "472913",
                jiff::Timestamp::UNIX_EPOCH,
            )
            .unwrap();
        store
            .conn
            .execute("UPDATE staff SET pin_hash = ?1", [&weak])
            .unwrap();
        let credentials = store.staff_credentials().unwrap();
        assert_eq!(verify_staff_pin(&credentials, "472914"), None);
        let found = verify_staff_pin(&credentials, "472913").expect("the old hash verifies");
        assert_eq!(found.member, anouk);
        let upgraded = found.rehashed.expect("a weak hash is hashed again");
        assert!(!staff_hash_is_weak(&upgraded));
        assert!(matches!(
            store.replace_staff_pin_hash(&anouk.id, &weak),
            Err(StoreError::Invalid(_))
        ));
        assert!(store.replace_staff_pin_hash(&anouk.id, &upgraded).unwrap());
        let credentials = store.staff_credentials().unwrap();
        assert_eq!(credentials[0].pin_hash, upgraded);
        let again = verify_staff_pin(&credentials, "472913").unwrap();
        assert_eq!(again.rehashed, None, "nothing to upgrade any more");
    }
}
