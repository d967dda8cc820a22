//! What a manager does for one guardian in staff mode: issue or revoke a PIN, link
//! a badge. A new PIN is returned once, to be handed out; only its hash is kept.

use crate::pin_hash::pin_hash;
use crate::pins_to_export;
use crate::roster::draw_free_pin;
use crate::{Store, StoreError};
use rusqlite::OptionalExtension;
use serde::Serialize;
use welkom_core::GuardianId;

/// A guardian as the manager's list shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GuardianOverview {
    /// The guardian.
    pub id: GuardianId,
    /// "First last".
    pub name: String,
    /// Their active children's first names.
    pub children: Vec<String>,
    /// Whether they have a PIN.
    pub has_pin: bool,
    /// Whether they have a badge.
    pub has_badge: bool,
}

impl Store {
    /// Every active guardian, by first name.
    pub fn guardian_overview(&self) -> Result<Vec<GuardianOverview>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT g.id, trim(g.first_name || ' ' || g.last_name), g.pin_hash IS NOT NULL,
                    g.badge IS NOT NULL,
                    (SELECT json_group_array(c.first_name) FROM guardian_children gc
                       JOIN children c ON c.id = gc.child_id
                       WHERE gc.guardian_id = g.id AND gc.active = 1 AND c.active = 1)
             FROM guardians g WHERE g.active = 1
             ORDER BY g.first_name COLLATE NOCASE, g.last_name COLLATE NOCASE, g.id",
        )?;
        let rows = stmt
            .query_map([], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, bool>(2)?,
                    row.get::<_, bool>(3)?,
                    row.get::<_, String>(4)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(id, name, has_pin, has_badge, children)| {
                Ok(GuardianOverview {
                    id: GuardianId(id),
                    name,
                    children: serde_json::from_str(&children)
                        .map_err(|_| StoreError::Corrupt("children".into()))?,
                    has_pin,
                    has_badge,
                })
            })
            .collect()
    }

    /// A guardian's first and last name, when the guardian is on the roster.
    pub fn guardian_names(
        &self,
        guardian: &GuardianId,
    ) -> Result<Option<(String, String)>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT first_name, last_name FROM guardians WHERE id = ?1",
                [&guardian.0],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?)
    }

    /// Gives an active guardian a new random PIN (replacing any old one) and returns
    /// it, once.
    pub fn issue_pin(&mut self, guardian: &GuardianId) -> Result<String, StoreError> {
        let salt = self.pin_salt.clone();
        let tx = crate::write_gate::write_tx(&mut self.conn)?;
        require_active(&tx, guardian)?;
        let pin = draw_free_pin(&tx, &salt)?;
        let hash = pin_hash(&salt, &pin);
        tx.execute(
            "UPDATE guardians SET pin_hash = ?1 WHERE id = ?2",
            (&hash, &guardian.0),
        )?;
        pins_to_export::keep(&tx, guardian, &pin, &hash)?;
        tx.commit()?;
        Ok(pin)
    }

    /// Takes a guardian's PIN away (a lost or shared PIN); a badge still works.
    pub fn revoke_pin(&mut self, guardian: &GuardianId) -> Result<(), StoreError> {
        let tx = crate::write_gate::write_tx(&mut self.conn)?;
        require_active(&tx, guardian)?;
        tx.execute(
            "UPDATE guardians SET pin_hash = NULL WHERE id = ?1",
            [&guardian.0],
        )?;
        pins_to_export::forget(&tx, guardian)?;
        tx.commit()?;
        Ok(())
    }

    /// Links a scanned badge to a guardian. A badge held by another active guardian
    /// is refused (unlink it there first).
    pub fn link_badge(&mut self, guardian: &GuardianId, badge: &str) -> Result<(), StoreError> {
        let badge = badge.trim();
        if badge.is_empty() {
            return Err(StoreError::Invalid(
                "the badge is empty; scan it again".into(),
            ));
        }
        let tx = crate::write_gate::write_tx(&mut self.conn)?;
        require_active(&tx, guardian)?;
        let holder: Option<String> = tx
            .query_row(
                "SELECT id FROM guardians WHERE badge = ?1 AND active = 1 AND id <> ?2",
                (badge, &guardian.0),
                |row| row.get(0),
            )
            .optional()?;
        if holder.is_some() {
            return Err(StoreError::BadgeTaken);
        }
        tx.execute(
            "UPDATE guardians SET badge = ?1 WHERE id = ?2",
            (badge, &guardian.0),
        )?;
        tx.commit()?;
        Ok(())
    }
}

fn require_active(tx: &rusqlite::Transaction<'_>, guardian: &GuardianId) -> Result<(), StoreError> {
    let found: Option<i64> = tx
        .query_row(
            "SELECT 1 FROM guardians WHERE id = ?1 AND active = 1",
            [&guardian.0],
            |row| row.get(0),
        )
        .optional()?;
    found
        .map(|_| ())
        .ok_or_else(|| StoreError::Invalid(format!("no active guardian with id {}", guardian.0)))
}
