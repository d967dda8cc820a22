//! Staff members and their PINs. A staff PIN is stored as an argon2id hash; since each
//! hash has its own salt, finding who typed a PIN means trying each member's hash,
//! which takes tens of milliseconds each: the kiosk does it off the screen's thread
//! with [`find_staff_member`].

use crate::{Store, StoreError};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
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

/// Hashes a staff PIN with argon2id and a fresh salt.
pub fn hash_staff_pin(pin: &str) -> Result<String, StoreError> {
    let salt_bytes: [u8; 16] = rand::rng().random();
    let salt = SaltString::encode_b64(&salt_bytes)
        .map_err(|e| StoreError::Corrupt(format!("salt: {e}")))?;
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| StoreError::Corrupt(format!("hashing a staff PIN: {e}")))
}

/// The staff member whose PIN this is, if any. Slow by design (argon2id per member):
/// call it off the screen's thread.
pub fn find_staff_member(credentials: &[StaffCredential], pin: &str) -> Option<StaffMember> {
    let argon2 = Argon2::default();
    credentials.iter().find_map(|c| {
        let hash = PasswordHash::new(&c.pin_hash).ok()?;
        argon2
            .verify_password(pin.as_bytes(), &hash)
            .ok()
            .map(|()| c.member.clone())
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
        self.conn.execute(
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
        let changed = self.conn.execute(
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
        assert!(store.remove_staff(&anouk.id).unwrap());
        let left = store.staff_credentials().unwrap();
        assert_eq!(find_staff_member(&left, "472913"), None);
    }
}
