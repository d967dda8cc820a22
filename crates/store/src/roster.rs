//! The roster in the store: a full import updates people by their keys, deactivates
//! whoever is missing (never deletes: history stays) and issues PINs where none is
//! given.

use crate::pin_hash::pin_hash;
use crate::{Store, StoreError};
use jiff::Timestamp;
use jiff::civil::Date;
use rusqlite::{OptionalExtension, Transaction, params};
use welkom_core::pin_verifier::PinKey;
use welkom_core::roster::Roster;
use welkom_core::{Child, ChildId, Guardian, GuardianId, LanguageTag};

/// The length of PINs the kiosk issues.
pub const ISSUED_PIN_LENGTH: usize = 5;

/// A guardian and the children they bring.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Family {
    /// The guardian at the kiosk.
    pub guardian: Guardian,
    /// Their children placed today (all their active children if none is placed today).
    pub children: Vec<Child>,
}

/// A PIN issued (by an import or a manager), to be handed to the guardian once. The
/// store keeps it until it is exported (see [`Store::pins_exported`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuedPin {
    /// Who it is for.
    pub guardian_id: GuardianId,
    /// Their first name.
    pub first_name: String,
    /// Their last name.
    pub last_name: String,
    /// The PIN in clear; the store keeps only its hash.
    pub pin: String,
}

/// What an import changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Guardians new to the store.
    pub guardians_added: usize,
    /// Guardians already known, now updated.
    pub guardians_updated: usize,
    /// Guardians no longer in the roster, now inactive.
    pub guardians_deactivated: usize,
    /// Children new to the store.
    pub children_added: usize,
    /// Children already known, now updated.
    pub children_updated: usize,
    /// Children no longer in the roster, now inactive.
    pub children_deactivated: usize,
    /// PINs issued to guardians who had none.
    pub issued_pins: Vec<IssuedPin>,
}

impl Store {
    /// Applies a full roster in one transaction: all of it or nothing.
    pub fn import_roster(
        &mut self,
        roster: &Roster,
        at: Timestamp,
    ) -> Result<ImportSummary, StoreError> {
        let at_ms = at.as_millisecond();
        let salt = self.pin_salt.clone();
        let tx = crate::write_gate::write_tx(&mut self.conn)?;
        let mut summary = ImportSummary {
            guardians_deactivated: count(&tx, "SELECT count(*) FROM guardians WHERE active = 1")?,
            children_deactivated: count(&tx, "SELECT count(*) FROM children WHERE active = 1")?,
            ..ImportSummary::default()
        };
        tx.execute_batch(
            "UPDATE guardians SET active = 0; UPDATE children SET active = 0;
             UPDATE guardian_children SET active = 0;",
        )?;

        // Guardians whose PIN the roster gives take it from whoever had it before.
        for entry in &roster.guardians {
            let given = match (&entry.pin, &entry.pin_hash) {
                (Some(pin), _) => Some(pin_hash(&salt, pin)),
                (None, verifier) => verifier.clone(),
            };
            if let Some(hash) = given {
                tx.execute(
                    "UPDATE guardians SET pin_hash = NULL WHERE pin_hash = ?1 AND id <> ?2",
                    (hash, &entry.guardian.id.0),
                )?;
            }
            if let Some(badge) = &entry.badge {
                tx.execute(
                    "UPDATE guardians SET badge = NULL WHERE badge = ?1 AND id <> ?2",
                    (badge, &entry.guardian.id.0),
                )?;
            }
        }
        for entry in &roster.guardians {
            let g = &entry.guardian;
            let known: Option<(Option<String>, Option<String>)> = tx
                .query_row(
                    "SELECT pin_hash, badge FROM guardians WHERE id = ?1",
                    [&g.id.0],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?;
            let (old_pin, old_badge) = match &known {
                Some((pin, badge)) => {
                    summary.guardians_updated += 1;
                    (pin.clone(), badge.clone())
                }
                None => {
                    summary.guardians_added += 1;
                    (None, None)
                }
            };
            // A PIN in the roster is hashed here; a verifier from the hub is kept as
            // it comes (see `welkom_core::pin_verifier`).
            let pin = match (&entry.pin, &entry.pin_hash) {
                (Some(pin), _) => Some(pin_hash(&salt, pin)),
                (None, Some(verifier)) => Some(verifier.clone()),
                (None, None) => old_pin.filter(|h| !taken_by_other(&tx, "pin_hash", h, &g.id)),
            };
            let badge = match &entry.badge {
                Some(badge) => Some(badge.clone()),
                None => old_badge.filter(|b| !taken_by_other(&tx, "badge", b, &g.id)),
            };
            tx.execute(
                "INSERT INTO guardians (id, first_name, last_name, language, pin_hash, badge, active, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7)
                 ON CONFLICT (id) DO UPDATE SET first_name = excluded.first_name,
                   last_name = excluded.last_name, language = excluded.language,
                   pin_hash = excluded.pin_hash, badge = excluded.badge, active = 1,
                   updated_at = excluded.updated_at",
                params![g.id.0, g.first_name, g.last_name, g.language.as_str(), pin, badge, at_ms],
            )?;
        }
        for c in &roster.children {
            let known: bool = tx
                .query_row(
                    "SELECT 1 FROM children WHERE id = ?1",
                    [&c.id.0],
                    |_| Ok(()),
                )
                .optional()?
                .is_some();
            if known {
                summary.children_updated += 1;
            } else {
                summary.children_added += 1;
            }
            tx.execute(
                "INSERT INTO children (id, first_name, last_name, group_name, birth_date, start_date, end_date, active, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8)
                 ON CONFLICT (id) DO UPDATE SET first_name = excluded.first_name,
                   last_name = excluded.last_name, group_name = excluded.group_name,
                   birth_date = excluded.birth_date, start_date = excluded.start_date,
                   end_date = excluded.end_date, active = 1, updated_at = excluded.updated_at",
                params![
                    c.id.0,
                    c.first_name,
                    c.last_name,
                    c.group,
                    c.birth_date.map(|d| d.to_string()),
                    c.start_date.map(|d| d.to_string()),
                    c.end_date.map(|d| d.to_string()),
                    at_ms
                ],
            )?;
        }
        for &(g, c) in &roster.links {
            let (Some(guardian), Some(child)) = (roster.guardians.get(g), roster.children.get(c))
            else {
                return Err(StoreError::Corrupt(format!(
                    "roster link ({g}, {c}) out of range"
                )));
            };
            tx.execute(
                "INSERT INTO guardian_children (guardian_id, child_id, active) VALUES (?1, ?2, 1)
                 ON CONFLICT (guardian_id, child_id) DO UPDATE SET active = 1",
                (&guardian.guardian.id.0, &child.id.0),
            )?;
        }
        summary.guardians_deactivated -=
            summary.guardians_updated.min(summary.guardians_deactivated);
        summary.children_deactivated -= summary.children_updated.min(summary.children_deactivated);
        summary.issued_pins = issue_missing_pins(&tx, &salt)?;
        // A parent's own language stays unless the roster now says another.
        crate::language_choice::drop_overruled(&tx)?;
        tx.commit()?;
        Ok(summary)
    }

    /// The active guardian with this PIN: one the kiosk hashed itself, or one the hub
    /// issued (one argon2id run per hub key, normally one: tens of milliseconds).
    ///
    /// A screen that must not wait splits this in three: [`Store::guardian_by_own_pin`]
    /// (fast), [`hub_pin_verifiers`] (slow, on any thread) and
    /// [`Store::guardian_by_verifiers`] (fast).
    pub fn guardian_by_pin(&self, pin: &str) -> Result<Option<GuardianId>, StoreError> {
        if let Some(id) = self.guardian_by_own_pin(pin)? {
            return Ok(Some(id));
        }
        let keys = self.hub_pin_keys()?;
        self.guardian_by_verifiers(&hub_pin_verifiers(&keys, pin)?)
    }

    /// The active guardian with this PIN among the PINs the kiosk hashed itself: one
    /// keyed hash, fast. PINs the hub issued are not tried.
    pub fn guardian_by_own_pin(&self, pin: &str) -> Result<Option<GuardianId>, StoreError> {
        if !welkom_core::pin::is_well_formed(pin) {
            return Ok(None);
        }
        self.guardian_by_pin_hash(&pin_hash(&self.pin_salt, pin))
    }

    /// The active guardian holding one of these verifiers (as [`hub_pin_verifiers`]
    /// makes them): a lookup per verifier, fast.
    pub fn guardian_by_verifiers(
        &self,
        verifiers: &[String],
    ) -> Result<Option<GuardianId>, StoreError> {
        for verifier in verifiers {
            if let Some(id) = self.guardian_by_pin_hash(verifier)? {
                return Ok(Some(id));
            }
        }
        Ok(None)
    }

    /// The keys of the PIN verifiers from the hub that active guardians hold
    /// (normally one, at most four). Empty when every PIN is the kiosk's own, and
    /// then [`Store::guardian_by_pin`] is fast.
    pub fn hub_pin_keys(&self) -> Result<Vec<PinKey>, StoreError> {
        hub_pin_keys(&self.conn)
    }

    /// Whether any active guardian holds a PIN the hub issued, so that a typed PIN
    /// may need argon2id runs to be found. One short query.
    pub fn has_hub_pin_keys(&self) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT 1 FROM guardians WHERE active = 1 AND pin_hash LIKE '$argon2id$%' LIMIT 1",
            )?
            .query_row([], |_| Ok(()))
            .optional()?
            .is_some())
    }

    fn guardian_by_pin_hash(&self, hash: &str) -> Result<Option<GuardianId>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM guardians WHERE pin_hash = ?1 AND active = 1")?
            .query_row([hash], |row| row.get::<_, String>(0))
            .optional()?
            .map(GuardianId))
    }

    /// The active guardian with this badge.
    pub fn guardian_by_badge(&self, badge: &str) -> Result<Option<GuardianId>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM guardians WHERE badge = ?1 AND active = 1",
                [badge.trim()],
                |row| row.get::<_, String>(0),
            )
            .optional()?
            .map(GuardianId))
    }

    /// Active guardians by first name, for locations that identify by a list of names.
    pub fn guardian_first_names(&self) -> Result<Vec<(GuardianId, String)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, first_name FROM guardians WHERE active = 1
             ORDER BY first_name COLLATE NOCASE, id",
        )?;
        let rows = stmt
            .query_map([], |row| Ok((GuardianId(row.get(0)?), row.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// The number of active guardians.
    pub fn active_guardian_count(&self) -> Result<usize, StoreError> {
        count(
            &self.conn,
            "SELECT count(*) FROM guardians WHERE active = 1",
        )
    }

    /// A guardian and the children they bring today.
    pub fn family(&self, id: &GuardianId, today: Date) -> Result<Option<Family>, StoreError> {
        let guardian = self
            .conn
            .prepare_cached(
                "SELECT id, first_name, last_name, language FROM guardians
                 WHERE id = ?1 AND active = 1",
            )?
            .query_row([&id.0], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                ))
            })
            .optional()?;
        let Some((gid, first_name, last_name, language)) = guardian else {
            return Ok(None);
        };
        let language = LanguageTag::parse(&language).unwrap_or_else(|_| LanguageTag::dutch());
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.first_name, c.last_name, c.group_name, c.birth_date, c.start_date, c.end_date
             FROM guardian_children gc JOIN children c ON c.id = gc.child_id
             WHERE gc.guardian_id = ?1 AND gc.active = 1 AND c.active = 1
             ORDER BY c.birth_date, c.first_name",
        )?;
        let all: Vec<Child> = stmt
            .query_map([&gid], |row| {
                Ok(Child {
                    id: ChildId(row.get(0)?),
                    first_name: row.get(1)?,
                    last_name: row.get(2)?,
                    group: row.get(3)?,
                    birth_date: parse_date(row.get(4)?),
                    start_date: parse_date(row.get(5)?),
                    end_date: parse_date(row.get(6)?),
                })
            })?
            .collect::<Result<_, _>>()?;
        let placed_today: Vec<Child> = all
            .iter()
            .filter(|c| c.start_date.is_none_or(|d| d <= today))
            .filter(|c| c.end_date.is_none_or(|d| d >= today))
            .cloned()
            .collect();
        Ok(Some(Family {
            guardian: Guardian {
                id: GuardianId(gid),
                first_name,
                last_name,
                language,
            },
            children: if placed_today.is_empty() {
                all
            } else {
                placed_today
            },
        }))
    }
}

fn parse_date(text: Option<String>) -> Option<Date> {
    text.and_then(|t| t.parse().ok())
}

fn count(conn: &rusqlite::Connection, sql: &str) -> Result<usize, StoreError> {
    let n: i64 = conn.query_row(sql, [], |row| row.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// Whether another active guardian already holds this PIN hash or badge.
fn taken_by_other(tx: &Transaction<'_>, column: &str, value: &str, id: &GuardianId) -> bool {
    let sql = format!("SELECT 1 FROM guardians WHERE {column} = ?1 AND active = 1 AND id <> ?2");
    tx.query_row(&sql, (value, &id.0), |_| Ok(()))
        .optional()
        .map(|found| found.is_some())
        .unwrap_or(true)
}

/// The most hub keys a typed PIN is tried against (a hub gives one per location).
const MAX_HUB_PIN_KEYS: usize = 4;

/// The keys of the verifiers from the hub that active guardians hold.
fn hub_pin_keys(conn: &rusqlite::Connection) -> Result<Vec<PinKey>, StoreError> {
    // A verifier is its key, `$`, and 43 characters of hash.
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT substr(pin_hash, 1, length(pin_hash) - 44) FROM guardians
         WHERE active = 1 AND pin_hash LIKE '$argon2id$%' LIMIT ?1",
    )?;
    let keys = stmt
        .query_map([MAX_HUB_PIN_KEYS as i64], |row| row.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(keys
        .iter()
        .filter_map(|key| PinKey::parse(key).ok())
        .collect())
}

/// The verifiers of a typed PIN under each hub key, to look up with
/// [`Store::guardian_by_verifiers`]: one argon2id run per key, tens of milliseconds
/// each, so a screen runs this on another thread. None for a PIN that is not well
/// formed (it is nobody's).
pub fn hub_pin_verifiers(keys: &[PinKey], pin: &str) -> Result<Vec<String>, StoreError> {
    if !welkom_core::pin::is_well_formed(pin) {
        return Ok(Vec::new());
    }
    keys.iter().map(|key| verifier(key, pin)).collect()
}

/// The verifier of a PIN under a hub key.
fn verifier(key: &PinKey, pin: &str) -> Result<String, StoreError> {
    key.verifier(pin)
        .map_err(|e| StoreError::Corrupt(format!("a PIN verifier: {e}")))
}

/// A random PIN, not trivial and held by no active guardian (whether the kiosk or the
/// hub issued theirs).
pub(crate) fn draw_free_pin(tx: &Transaction<'_>, salt: &str) -> Result<String, StoreError> {
    let keys = hub_pin_keys(tx)?;
    let held = |hash: &str| {
        tx.query_row(
            "SELECT 1 FROM guardians WHERE pin_hash = ?1 AND active = 1",
            [hash],
            |_| Ok(()),
        )
        .optional()
        .map(|found| found.is_some())
        .unwrap_or(true)
    };
    let is_taken = |pin: &str| {
        held(&pin_hash(salt, pin))
            || keys
                .iter()
                .any(|key| verifier(key, pin).map_or(true, |v| held(&v)))
    };
    welkom_core::pin::issue(&mut rand::rng(), ISSUED_PIN_LENGTH, is_taken)
        .ok_or(StoreError::PinSpaceExhausted(ISSUED_PIN_LENGTH))
}

/// Issues a PIN to every active guardian without one.
fn issue_missing_pins(tx: &Transaction<'_>, salt: &str) -> Result<Vec<IssuedPin>, StoreError> {
    let mut stmt = tx.prepare(
        "SELECT id, first_name, last_name FROM guardians
         WHERE active = 1 AND pin_hash IS NULL ORDER BY id",
    )?;
    let without: Vec<(String, String, String)> = stmt
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut issued = Vec::with_capacity(without.len());
    for (id, first_name, last_name) in without {
        let pin = draw_free_pin(tx, salt)?;
        let hash = pin_hash(salt, &pin);
        tx.execute(
            "UPDATE guardians SET pin_hash = ?1 WHERE id = ?2",
            (&hash, &id),
        )?;
        let guardian_id = GuardianId(id);
        crate::pins_to_export::keep(tx, &guardian_id, &pin, &hash)?;
        issued.push(IssuedPin {
            guardian_id,
            first_name,
            last_name,
            pin,
        });
    }
    Ok(issued)
}
