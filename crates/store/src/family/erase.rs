//! Erasing one family (the right to be forgotten): the guardian, the children no one
//! else brings, and every link from what they gave to them. The anonymous statistic
//! (day, moment, time, face, groups) stays.

use super::{Scope, mentioning_events, strip_personal};
use crate::outbox::{FAMILY_ERASED, FOLLOWUP_HANDLED, enqueue};
use crate::{Store, StoreError};
use jiff::Timestamp;
use rusqlite::{Connection, Transaction, params};
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeSet;
use welkom_core::{ChildId, EventId, GuardianId};

/// What erasing a family removed (or, for a preview, would remove), by id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FamilyErasure {
    /// The guardian, removed.
    pub guardian_id: GuardianId,
    /// Their children whom no other active guardian brings, removed.
    pub children_erased: Vec<ChildId>,
    /// Their children whom another active guardian still brings, kept.
    pub children_kept: Vec<ChildId>,
    /// Links between a guardian and an erased child (or this guardian), removed.
    pub links_removed: u64,
    /// The guardian's visits, now without guardian.
    pub visits_unlinked: Vec<String>,
    /// Rows naming an erased child in a visit, removed.
    pub visit_children_removed: u64,
    /// The family's ratings, now without guardian and visit.
    pub ratings_unlinked: Vec<String>,
    /// Follow-ups (talk requests) that named the guardian, now without.
    pub follow_ups_unlinked: Vec<String>,
    /// Staff notes about the family's ratings, now emptied (that they were handled
    /// stays).
    pub notes_emptied: Vec<String>,
    /// Waiting outbox events, rewritten without the family's ids.
    pub outbox_rewritten: Vec<String>,
    /// Sent outbox events that mentioned the family, deleted.
    pub outbox_deleted: Vec<String>,
    /// The `nl.welkom.family.erased.v1` event that asks the upstream to erase too.
    pub erased_event: Option<EventId>,
}

impl Store {
    /// Erases a family in one transaction, or returns `None` when the store does not
    /// know the guardian (and changes nothing).
    ///
    /// Removes the guardian, their links, and each of their children that no other
    /// active guardian still brings; drops the guardian and visit from their ratings
    /// and visits, the guardian from their talk requests, empties staff notes about
    /// their ratings, rewrites waiting outbox events without their ids and deletes
    /// sent ones. Adds an event asking the upstream to erase the family too.
    ///
    /// Run [`Store::compact`] afterwards so no unused part of the file keeps an old
    /// copy.
    pub fn erase_family(
        &mut self,
        guardian: &GuardianId,
        at: Timestamp,
    ) -> Result<Option<FamilyErasure>, StoreError> {
        let tx = crate::write_gate::write_tx(&mut self.conn)?;
        let Some(mut erasure) = erase(&tx, guardian)? else {
            return Ok(None);
        };
        let event = EventId::new();
        let data = json!({
            "guardian_id": guardian,
            "child_ids": erasure.children_erased,
        });
        enqueue(&tx, event, FAMILY_ERASED, at, &data)?;
        erasure.erased_event = Some(event);
        tx.commit()?;
        Ok(Some(erasure))
    }

    /// What [`Store::erase_family`] would remove, without removing anything: the same
    /// work in a transaction that is rolled back.
    pub fn preview_family_erase(
        &mut self,
        guardian: &GuardianId,
    ) -> Result<Option<FamilyErasure>, StoreError> {
        let tx = crate::write_gate::write_tx(&mut self.conn)?;
        let erasure = erase(&tx, guardian)?;
        tx.rollback()?;
        Ok(erasure)
    }

    /// Empties the write-ahead log into the database, rebuilds the file without
    /// unused pages, and empties the log again, so that no old copy of a removed row
    /// stays on disk. `Ok(false)` when another connection kept the log from being
    /// emptied completely (the kiosk reading at that moment); run it again later.
    pub fn compact(&mut self) -> Result<bool, StoreError> {
        let first = checkpoint(&self.conn)?;
        self.conn.execute_batch("VACUUM")?;
        let second = checkpoint(&self.conn)?;
        Ok(first && second)
    }
}

/// `PRAGMA wal_checkpoint(TRUNCATE)`; whether it completed.
fn checkpoint(conn: &Connection) -> Result<bool, StoreError> {
    let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
    Ok(busy == 0)
}

/// The erasure itself, inside the caller's transaction.
fn erase(tx: &Transaction<'_>, guardian: &GuardianId) -> Result<Option<FamilyErasure>, StoreError> {
    let Some(scope) = Scope::of(tx, guardian)? else {
        return Ok(None);
    };
    let g = &guardian.0;
    let mut erasure = FamilyErasure {
        guardian_id: guardian.clone(),
        children_erased: Vec::new(),
        children_kept: Vec::new(),
        links_removed: 0,
        visits_unlinked: Vec::new(),
        visit_children_removed: 0,
        ratings_unlinked: Vec::new(),
        follow_ups_unlinked: Vec::new(),
        notes_emptied: Vec::new(),
        outbox_rewritten: Vec::new(),
        outbox_deleted: Vec::new(),
        erased_event: None,
    };
    let mut shared = tx.prepare(
        "SELECT 1 FROM guardian_children gc JOIN guardians o ON o.id = gc.guardian_id
         WHERE gc.child_id = ?1 AND gc.guardian_id <> ?2 AND gc.active = 1 AND o.active = 1",
    )?;
    for child in &scope.children {
        if shared.exists((&child.0, g))? {
            erasure.children_kept.push(child.clone());
        } else {
            erasure.children_erased.push(child.clone());
        }
    }
    drop(shared);
    let erased_json = serde_json::Value::from(
        erasure
            .children_erased
            .iter()
            .map(|c| c.0.as_str())
            .collect::<Vec<_>>(),
    )
    .to_string();

    // The outbox is read before anything changes: the ids tie events to the family.
    let events = mentioning_events(tx, &scope)?;

    // The family's ratings, found before their links are dropped.
    let ratings_json = serde_json::Value::from(scope.ratings.clone()).to_string();
    erasure.ratings_unlinked = updated_ids(
        tx,
        "UPDATE ratings SET guardian_id = NULL, visit_id = NULL
         WHERE id IN (SELECT value FROM json_each(?1))
           AND (guardian_id IS NOT NULL OR visit_id IS NOT NULL)
         RETURNING id",
        [&ratings_json],
    )?;
    erasure.follow_ups_unlinked = updated_ids(
        tx,
        "UPDATE rating_followups SET guardian_id = NULL
         WHERE guardian_id IS NOT NULL
           AND (guardian_id = ?2 OR rating_id IN (SELECT value FROM json_each(?1)))
         RETURNING id",
        params![&ratings_json, g],
    )?;
    erasure.notes_emptied = updated_ids(
        tx,
        "UPDATE follow_up_notes SET note = ''
         WHERE note <> '' AND rating_id IN (SELECT value FROM json_each(?1))
         RETURNING id",
        [&ratings_json],
    )?;
    erasure.visits_unlinked = updated_ids(
        tx,
        "UPDATE visits SET guardian_id = NULL WHERE guardian_id = ?1 RETURNING id",
        [g],
    )?;
    erasure.visit_children_removed = tx.execute(
        "DELETE FROM visit_children WHERE child_id IN (SELECT value FROM json_each(?1))",
        [&erased_json],
    )? as u64;
    erasure.links_removed = tx.execute(
        "DELETE FROM guardian_children
         WHERE guardian_id = ?1 OR child_id IN (SELECT value FROM json_each(?2))",
        params![g, erased_json],
    )? as u64;
    tx.execute(
        "DELETE FROM children WHERE id IN (SELECT value FROM json_each(?1))",
        [&erased_json],
    )?;
    crate::pins_to_export::forget(tx, guardian)?;
    crate::language_choice::forget(tx, guardian)?;
    tx.execute("DELETE FROM guardians WHERE id = ?1", [g])?;

    let personal: BTreeSet<&str> = std::iter::once(g.as_str())
        .chain(erasure.children_erased.iter().map(|c| c.0.as_str()))
        .chain(scope.own_visits.iter().map(String::as_str))
        .collect();
    for mut event in events {
        if event.sent_at.is_some() {
            tx.execute("DELETE FROM outbox WHERE seq = ?1", [event.seq])?;
            erasure.outbox_deleted.push(event.event_id);
        } else if strip_personal(&mut event.data, &personal)
            | empty_note(&event.event_type, &mut event.data)
        {
            tx.execute(
                "UPDATE outbox SET data = ?1 WHERE seq = ?2",
                params![event.data.to_string(), event.seq],
            )?;
            erasure.outbox_rewritten.push(event.event_id);
        }
    }
    Ok(Some(erasure))
}

/// A staff note about the family's rating, waiting to be sent, loses its text as
/// the stored note does (it may name the family); who talked stays. Whether it
/// changed.
fn empty_note(event_type: &str, data: &mut serde_json::Value) -> bool {
    if event_type != FOLLOWUP_HANDLED {
        return false;
    }
    match data.get_mut("note") {
        Some(note) if note.as_str().is_some_and(|n| !n.is_empty()) => {
            *note = serde_json::Value::String(String::new());
            true
        }
        _ => false,
    }
}

/// Runs an `UPDATE … RETURNING id`; the ids, sorted.
fn updated_ids(
    tx: &Transaction<'_>,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<String>, StoreError> {
    let mut stmt = tx.prepare(sql)?;
    let mut ids: Vec<String> = stmt
        .query_map(params, |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    ids.sort();
    Ok(ids)
}
