//! Recording what guardians give: visits, ratings and what they add after a low
//! rating. Each write is one short transaction that also fills the outbox.

use crate::follow_ups::refresh_open;
use crate::outbox::{RATING_FOLLOWUP, RATING_RECORDED, VISIT_RECORDED, enqueue};
use crate::{Store, StoreError};
use jiff::Timestamp;
use jiff::civil::Date;
use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::json;
use welkom_core::{ChildId, EventId, GuardianId, Moment, Scale};

/// A guardian passing the kiosk, as the screen knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewVisit {
    /// Made on the device when the guardian identified.
    pub id: EventId,
    /// Who identified.
    pub guardian_id: GuardianId,
    /// Drop-off or pick-up.
    pub moment: Moment,
    /// Whether the guardian corrected the moment the kiosk proposed.
    pub moment_corrected: bool,
    /// The children the visit covers (the guardian may deselect some).
    pub children: Vec<ChildId>,
    /// When the guardian identified.
    pub at: Timestamp,
    /// The location's calendar day.
    pub local_date: Date,
}

/// Whether a rating is kept with the guardian who gave it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Privacy {
    /// The rating names its guardian and visit (until retention drops the link).
    Linked,
    /// The rating is stored without guardian or visit: only its moment, day, time,
    /// face and groups. The visit itself is still recorded.
    Anonymous,
}

/// A tap on a face.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewRating {
    /// Made on the device at the tap.
    pub id: EventId,
    /// The face, 1 (worst) to the scale's size (best).
    pub score: u8,
    /// The scale shown.
    pub scale: Scale,
    /// When the face was tapped.
    pub at: Timestamp,
    /// Whether the tap is part of a burst without identification in between.
    pub misuse: bool,
    /// Whether the rating is stored with its guardian (the location's setting).
    pub privacy: Privacy,
    /// The rating the guardian chose to change ("Ander gezichtje kiezen"). An
    /// anonymous rating supersedes only this one, since it cannot be found by its
    /// guardian; a linked rating supersedes the guardian's latest rating of the same
    /// day and moment.
    pub replaces: Option<EventId>,
}

/// What a guardian added after a low rating: the whole answer so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewFollowUp {
    /// Made on the device.
    pub id: EventId,
    /// The rating it belongs to.
    pub rating_id: EventId,
    /// The keys of the reasons chosen ("wat kan beter?").
    pub reasons: Vec<String>,
    /// "Ik wil graag even praten."
    pub talk_request: bool,
    /// The guardian who gave it. Stored only with a talk request (the parent asked to
    /// be contacted), in anonymous mode too; otherwise dropped.
    pub guardian_id: Option<GuardianId>,
    /// When it was given.
    pub at: Timestamp,
}

/// A rating as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedRating {
    /// The rating's id.
    pub id: EventId,
    /// The earlier rating this one supersedes, if any.
    pub supersedes: Option<EventId>,
}

impl Store {
    /// Records a visit (once: recording the same visit again changes nothing).
    pub fn record_visit(&mut self, visit: &NewVisit) -> Result<(), StoreError> {
        let tx = crate::write_gate::write_tx(&mut self.conn)?;
        insert_visit(&tx, visit)?;
        tx.commit()?;
        Ok(())
    }

    /// Records a rating and its visit in one durable transaction. A linked rating
    /// supersedes the guardian's latest earlier rating of the same day and moment; an
    /// anonymous one supersedes the rating it `replaces` (if that is of the same day
    /// and moment and not superseded yet). Both are kept. A misuse rating supersedes
    /// nothing. An anonymous rating and its outbox event carry no guardian and no
    /// visit.
    pub fn record_rating(
        &mut self,
        visit: &NewVisit,
        rating: &NewRating,
    ) -> Result<RecordedRating, StoreError> {
        let tx = crate::write_gate::write_tx(&mut self.conn)?;
        insert_visit(&tx, visit)?;
        let supersedes = if rating.misuse {
            None
        } else {
            superseded_rating(&tx, visit, rating)?
        };
        let (visit_id, guardian_id) = match rating.privacy {
            Privacy::Linked => (Some(visit.id.to_string()), Some(&visit.guardian_id.0)),
            Privacy::Anonymous => (None, None),
        };
        tx.prepare_cached(
            "INSERT INTO ratings (id, visit_id, guardian_id, moment, at_unix_ms, local_date,
                                  score, scale, supersedes, misuse, groups)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,
                     (SELECT groups FROM visits WHERE id = ?11))",
        )?
        .execute(params![
            rating.id.to_string(),
            visit_id,
            guardian_id,
            visit.moment.key(),
            rating.at.as_millisecond(),
            visit.local_date.to_string(),
            rating.score,
            rating.scale.size(),
            supersedes.map(|id| id.to_string()),
            rating.misuse,
            visit.id.to_string(),
        ])?;
        let groups: String = tx
            .prepare_cached("SELECT groups FROM ratings WHERE id = ?1")?
            .query_row([rating.id.to_string()], |row| row.get(0))?;
        let mut data = json!({
            "id": rating.id,
            "moment": visit.moment.key(),
            "local_date": visit.local_date.to_string(),
            "score": rating.score,
            "scale": rating.scale.size(),
            "supersedes": supersedes,
            "misuse": rating.misuse,
            "groups": serde_json::from_str::<serde_json::Value>(&groups)
                .map_err(|_| StoreError::Corrupt("visits.groups".into()))?,
        });
        if rating.privacy == Privacy::Linked {
            data["visit_id"] = json!(visit.id);
            data["guardian_id"] = json!(visit.guardian_id);
        }
        enqueue(&tx, rating.id, RATING_RECORDED, rating.at, &data)?;
        refresh_open(&tx, rating.id)?;
        if let Some(earlier) = supersedes {
            refresh_open(&tx, earlier)?;
        }
        tx.commit()?;
        Ok(RecordedRating {
            id: rating.id,
            supersedes,
        })
    }

    /// Records what the guardian added after a low rating. Each call stores the whole
    /// answer so far; the latest one counts. The guardian is kept (and sent upstream)
    /// only with a talk request.
    pub fn record_follow_up(&mut self, follow_up: &NewFollowUp) -> Result<(), StoreError> {
        let talker = follow_up
            .guardian_id
            .as_ref()
            .filter(|_| follow_up.talk_request);
        let tx = crate::write_gate::write_tx(&mut self.conn)?;
        let reasons = serde_json::to_string(&follow_up.reasons)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        tx.prepare_cached(
            "INSERT INTO rating_followups (id, rating_id, at_unix_ms, reasons, talk_request,
                                           guardian_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            follow_up.id.to_string(),
            follow_up.rating_id.to_string(),
            follow_up.at.as_millisecond(),
            reasons,
            follow_up.talk_request,
            talker.map(|g| &g.0),
        ])?;
        let mut data = json!({
            "id": follow_up.id,
            "rating_id": follow_up.rating_id,
            "reasons": follow_up.reasons,
            "talk_request": follow_up.talk_request,
        });
        if let Some(guardian) = talker {
            data["guardian_id"] = json!(guardian);
        }
        enqueue(&tx, follow_up.id, RATING_FOLLOWUP, follow_up.at, &data)?;
        refresh_open(&tx, follow_up.rating_id)?;
        tx.commit()?;
        Ok(())
    }

    /// The moment of the latest visit today that covered any of these children.
    pub fn latest_moment_today(
        &self,
        children: &[ChildId],
        today: Date,
    ) -> Result<Option<Moment>, StoreError> {
        let mut latest: Option<(i64, String)> = None;
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.at_unix_ms, v.moment FROM visit_children vc JOIN visits v ON v.id = vc.visit_id
             WHERE vc.child_id = ?1 AND v.local_date = ?2
             ORDER BY v.at_unix_ms DESC LIMIT 1",
        )?;
        for child in children {
            let found: Option<(i64, String)> = stmt
                .query_row((&child.0, today.to_string()), |row| {
                    Ok((row.get(0)?, row.get(1)?))
                })
                .optional()?;
            if let Some(found) = found
                && latest.as_ref().is_none_or(|l| found.0 > l.0)
            {
                latest = Some(found);
            }
        }
        latest
            .map(|(_, key)| {
                Moment::from_key(&key).ok_or_else(|| StoreError::Corrupt(format!("moment {key}")))
            })
            .transpose()
    }

    /// The day of the latest visit before `today` that covered any of these children.
    pub fn last_visit_before(
        &self,
        children: &[ChildId],
        today: Date,
    ) -> Result<Option<Date>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT max(v.local_date) FROM visit_children vc JOIN visits v ON v.id = vc.visit_id
             WHERE vc.child_id = ?1 AND v.local_date < ?2",
        )?;
        let mut latest: Option<Date> = None;
        for child in children {
            let found: Option<String> =
                stmt.query_row((&child.0, today.to_string()), |row| row.get(0))?;
            let found = found.and_then(|d| d.parse::<Date>().ok());
            latest = latest.max(found);
        }
        Ok(latest)
    }

    /// How many ratings are stored with this id (the crash test expects exactly one).
    pub fn rating_count_with_id(&self, id: EventId) -> Result<u64, StoreError> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM ratings WHERE id = ?1",
            [id.to_string()],
            |row| row.get::<_, i64>(0),
        )? as u64)
    }
}

/// The rating a new one supersedes, if any (see [`Store::record_rating`]).
fn superseded_rating(
    tx: &Transaction<'_>,
    visit: &NewVisit,
    rating: &NewRating,
) -> Result<Option<EventId>, StoreError> {
    let date = visit.local_date.to_string();
    let found: Option<String> = match rating.privacy {
        Privacy::Linked => tx
            .prepare_cached(
                "SELECT r.id FROM ratings r
                 WHERE r.guardian_id = ?1 AND r.local_date = ?2 AND r.moment = ?3
                   AND r.misuse = 0
                   AND NOT EXISTS (SELECT 1 FROM ratings n WHERE n.supersedes = r.id)
                 ORDER BY r.at_unix_ms DESC, r.id DESC LIMIT 1",
            )?
            .query_row(
                params![visit.guardian_id.0, date, visit.moment.key()],
                |row| row.get(0),
            )
            .optional()?,
        Privacy::Anonymous => match rating.replaces {
            None => None,
            Some(replaces) => tx
                .prepare_cached(
                    "SELECT r.id FROM ratings r
                     WHERE r.id = ?1 AND r.local_date = ?2 AND r.moment = ?3
                       AND r.misuse = 0
                       AND NOT EXISTS (SELECT 1 FROM ratings n WHERE n.supersedes = r.id)",
                )?
                .query_row(
                    params![replaces.to_string(), date, visit.moment.key()],
                    |row| row.get(0),
                )
                .optional()?,
        },
    };
    found.map(|id| parse_id(&id)).transpose()
}

fn insert_visit(tx: &Transaction<'_>, visit: &NewVisit) -> Result<(), StoreError> {
    let groups = visit_groups(tx, &visit.children)?;
    let inserted = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO visits (id, guardian_id, moment, moment_corrected, at_unix_ms,
                                           local_date, groups)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            visit.id.to_string(),
            visit.guardian_id.0,
            visit.moment.key(),
            visit.moment_corrected,
            visit.at.as_millisecond(),
            visit.local_date.to_string(),
            groups,
        ])?;
    if inserted == 0 {
        return Ok(());
    }
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO visit_children (visit_id, child_id) VALUES (?1, ?2)",
    )?;
    for child in &visit.children {
        stmt.execute((visit.id.to_string(), &child.0))?;
    }
    let data = json!({
        "id": visit.id,
        "guardian_id": visit.guardian_id,
        "moment": visit.moment.key(),
        "moment_corrected": visit.moment_corrected,
        "children": visit.children,
        "local_date": visit.local_date.to_string(),
        "groups": serde_json::from_str::<serde_json::Value>(&groups)
            .map_err(|_| StoreError::Corrupt("visits.groups".into()))?,
    });
    enqueue(tx, visit.id, VISIT_RECORDED, visit.at, &data)
}

/// The distinct groups of these children, in their order, as a JSON array.
fn visit_groups(tx: &Transaction<'_>, children: &[ChildId]) -> Result<String, StoreError> {
    let mut stmt = tx.prepare_cached("SELECT group_name FROM children WHERE id = ?1")?;
    let mut groups: Vec<String> = Vec::new();
    for child in children {
        let group: Option<String> = stmt.query_row([&child.0], |row| row.get(0)).optional()?;
        if let Some(group) = group
            && !group.is_empty()
            && !groups.contains(&group)
        {
            groups.push(group);
        }
    }
    serde_json::to_string(&groups).map_err(|e| StoreError::Corrupt(e.to_string()))
}

pub(crate) fn parse_id(text: &str) -> Result<EventId, StoreError> {
    uuid::Uuid::parse_str(text)
        .map(EventId)
        .map_err(|_| StoreError::Corrupt(format!("id {text}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, day};

    fn rating_row(f: &Fixture, id: EventId) -> (Option<String>, Option<String>, String) {
        f.store
            .conn
            .query_row(
                "SELECT guardian_id, visit_id, groups FROM ratings WHERE id = ?1",
                [id.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap()
    }

    fn event(f: &Fixture, id: EventId) -> serde_json::Value {
        let data: String = f
            .store
            .conn
            .query_row(
                "SELECT data FROM outbox WHERE event_id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
            .unwrap();
        serde_json::from_str(&data).unwrap()
    }

    #[test]
    fn an_anonymous_rating_names_no_guardian_and_no_visit() {
        let mut f = Fixture::new();
        let id = f.rate_with("G1", day("2025-03-03"), 2, Privacy::Anonymous);
        let (guardian, visit, groups) = rating_row(&f, id);
        assert_eq!((guardian, visit), (None, None));
        assert_eq!(
            groups, r#"["Vlinders"]"#,
            "the groups stay for the statistic"
        );
        let data = event(&f, id);
        assert!(data.get("guardian_id").is_none() && data.get("visit_id").is_none());
        assert_eq!(data["score"], 2);
        let visits: i64 = f
            .store
            .conn
            .query_row(
                "SELECT count(*) FROM visits WHERE guardian_id = 'G1'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(visits, 1, "the visit itself is still recorded");
    }

    #[test]
    fn an_anonymous_rating_supersedes_only_what_it_replaces() {
        let mut f = Fixture::new();
        let date = day("2025-03-03");
        let first = f.rate_with("G1", date, 2, Privacy::Anonymous);
        let visit = f.visit("G1", date);
        let mut change = NewRating {
            id: EventId::new(),
            score: 3,
            scale: Scale::Four,
            at: visit.at,
            misuse: false,
            privacy: Privacy::Anonymous,
            replaces: None,
        };
        let recorded = f.store.record_rating(&visit, &change).unwrap();
        assert_eq!(recorded.supersedes, None, "no guardian to find it by");
        change.id = EventId::new();
        change.replaces = Some(first);
        let recorded = f.store.record_rating(&visit, &change).unwrap();
        assert_eq!(recorded.supersedes, Some(first));
        change.id = EventId::new();
        let recorded = f.store.record_rating(&visit, &change).unwrap();
        assert_eq!(recorded.supersedes, None, "a rating is superseded once");
    }

    #[test]
    fn a_follow_up_names_the_guardian_only_with_a_talk_request() {
        let mut f = Fixture::new();
        let rating = f.rate_with("G1", day("2025-03-03"), 1, Privacy::Anonymous);
        let g1 = Some(GuardianId("G1".into()));
        let reasons_only = f.follow_up_by(rating, false, g1.clone());
        let talk = f.follow_up_by(rating, true, g1);
        let named = |id: EventId| -> Option<String> {
            f.store
                .conn
                .query_row(
                    "SELECT guardian_id FROM rating_followups WHERE id = ?1",
                    [id.to_string()],
                    |r| r.get(0),
                )
                .unwrap()
        };
        assert_eq!(named(reasons_only), None);
        assert_eq!(named(talk).as_deref(), Some("G1"));
        assert!(event(&f, reasons_only).get("guardian_id").is_none());
        assert_eq!(event(&f, talk)["guardian_id"], "G1");
    }
}
