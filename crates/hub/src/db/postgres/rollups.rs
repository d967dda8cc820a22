//! The daily roll-ups on PostgreSQL: kept in `store_events`' transaction (which holds
//! the location's advisory lock, so two hubs never count the same rating twice),
//! filled by the migration that brought them, read by the dashboard's queries.

use super::super::rollups::{
    Changes, DatedAnswers, DatedVisits, DeviceContact, RatingState, Rows, VisitState, count_of,
    date_of, group_of, small_of, zone_of,
};
use super::{PgDb, groups_of, moment_of, scale_of};
use crate::db::{CheckedEvent, DbError};
use jiff::civil::Date;
use std::collections::{HashMap, HashSet};
use welkom_core::tally::{AnswerRollup, VisitRollup};
use welkom_protocol::EventData;

/// The batch's new ratings as the roll-ups read them under the lock: each one's
/// local day when it is neither misuse nor superseded (a low one then counts as a
/// follow-up), `None` when it is either.
pub(in crate::db) type Standing = HashMap<String, Option<String>>;

/// What [`keep`] reads under the lock: the location's time zone, the stored ratings
/// the batch's new ones supersede (with the ratings that supersede each), and which
/// ratings name a new one as superseded.
pub(super) struct Read {
    zone_name: String,
    superseded: Vec<tokio_postgres::Row>,
    superseders: Vec<tokio_postgres::Row>,
}

/// Reads what [`keep`] needs for the batch's new `ratings` (ids with the id each
/// supersedes), the queries sent at once; called under the location's lock.
///
/// The new ratings themselves are not read back: the batch has their rows. Only
/// whether a stored rating supersedes one is read, and the rows of the stored
/// ratings they supersede (one in some thirty ratings). Both queries look each id up
/// in an index (the `LATERAL … LIMIT 1` and the `ARRAY` subqueries keep the planner
/// from turning the look-ups into a join with a scan of the location's ratings,
/// whatever its statistics say), so their cost follows the batch, not the location's
/// ratings; one plan serves every batch.
pub(super) async fn read(
    tx: &deadpool_postgres::Transaction<'_>,
    location: &str,
    ratings: &[(String, Option<String>)],
) -> Result<Read, DbError> {
    let zone = tx
        .prepare_cached("SELECT time_zone FROM locations WHERE id = $1")
        .await?;
    let superseded_statement = tx
        .prepare_cached(
            "SELECT r.id, r.moment, r.local_date, r.at_unix_ms, r.scale, r.score, r.misuse,
                    r.groups::text,
                    ARRAY(SELECT s.id FROM ratings s
                          WHERE s.location_id = r.location_id AND s.supersedes = r.id)
             FROM unnest($2::text[]) AS t(id)
             CROSS JOIN LATERAL (SELECT * FROM ratings
                                 WHERE location_id = $1::text AND id = t.id LIMIT 1) AS r",
        )
        .await?;
    let superseders_statement = tx
        .prepare_cached(
            "SELECT id, superseders FROM (
                 SELECT t.id, ARRAY(SELECT s.id FROM ratings s
                                    WHERE s.location_id = $1::text AND s.supersedes = t.id)
                              AS superseders
                 FROM unnest($2::text[]) AS t(id)) AS x
             WHERE cardinality(superseders) > 0",
        )
        .await?;
    let new_ids: Vec<&str> = ratings.iter().map(|(id, _)| id.as_str()).collect();
    let new_set: HashSet<&str> = new_ids.iter().copied().collect();
    let mut stored_targets: Vec<&str> = ratings
        .iter()
        .filter_map(|(_, target)| target.as_deref())
        .filter(|target| !new_set.contains(target))
        .collect();
    stored_targets.sort_unstable();
    stored_targets.dedup();
    let zone_params: [&(dyn tokio_postgres::types::ToSql + Sync); 1] = [&location];
    let (zone_row, superseded, superseders) = tokio::try_join!(
        biased;
        tx.query_one(&zone, &zone_params),
        async {
            if stored_targets.is_empty() {
                return Ok(Vec::new());
            }
            tx.query(&superseded_statement, &[&location, &stored_targets])
                .await
        },
        async {
            if new_ids.is_empty() {
                return Ok(Vec::new());
            }
            tx.query(&superseders_statement, &[&location, &new_ids])
                .await
        }
    )?;
    Ok(Read {
        zone_name: zone_row.get(0),
        superseded,
        superseders,
    })
}

/// Keeps the roll-ups of a batch just inserted: `read` is what [`read`] found under
/// the lock, `ratings` the new ratings' ids with the id each supersedes (as their
/// insert returned them), `new` the batch's new events, `visits` the new visits'
/// rows (moment, local_date, at_unix_ms, groups as text, as the insert returned
/// them). Returns the new ratings' [`Standing`].
pub(super) async fn keep(
    tx: &deadpool_postgres::Transaction<'_>,
    location: &str,
    read: Read,
    ratings: &[(String, Option<String>)],
    new: &[&CheckedEvent],
    visits: &[tokio_postgres::Row],
) -> Result<Standing, DbError> {
    let mut standing = Standing::new();
    if ratings.is_empty() && visits.is_empty() {
        return Ok(standing);
    }
    let zone = zone_of(location, &read.zone_name)?;
    let mut changes = Changes::default();
    if !ratings.is_empty() {
        let new_ids: HashSet<&str> = ratings.iter().map(|(id, _)| id.as_str()).collect();
        let superseded_before =
            |superseders: &[String]| superseders.iter().any(|id| !new_ids.contains(id.as_str()));
        let mut superseded_by: HashMap<String, Vec<String>> = HashMap::new();
        for row in &read.superseders {
            superseded_by.insert(row.get(0), row.get(1));
        }
        let mut states = new_rating_states(new, &new_ids, &superseded_by, superseded_before)?;
        states.extend(rating_states(&read.superseded, superseded_before)?);
        for state in states.iter().filter(|s| new_ids.contains(s.id.as_str())) {
            let counts = !state.misuse && !state.superseded_now;
            standing.insert(state.id.clone(), counts.then(|| state.date.clone()));
        }
        changes.ratings(&states, &new_ids, &zone)?;
    }
    for row in visits {
        changes.visit(&visit_state(row)?, &zone)?;
    }
    apply(tx, location, &changes).await?;
    Ok(standing)
}

/// The batch's new ratings (`new_ids`, as their insert returned them) as stored,
/// from the events themselves: each as its first event in the batch says (a later
/// event with the same rating id was not inserted), with the ratings that supersede
/// it from `superseded_by`.
fn new_rating_states(
    new: &[&CheckedEvent],
    new_ids: &HashSet<&str>,
    superseded_by: &HashMap<String, Vec<String>>,
    superseded_before: impl Fn(&[String]) -> bool,
) -> Result<Vec<RatingState>, DbError> {
    let mut states = Vec::with_capacity(new_ids.len());
    let mut seen = HashSet::with_capacity(new_ids.len());
    for event in new {
        let EventData::Rating(r) = &event.parsed else {
            continue;
        };
        let id = r.id.to_string();
        if !new_ids.contains(id.as_str()) || !seen.insert(id.clone()) {
            continue;
        }
        let superseders = superseded_by.get(&id).map_or(&[][..], Vec::as_slice);
        states.push(RatingState {
            moment: r.moment,
            date: r.local_date.to_string(),
            at_unix_ms: event.at_unix_ms,
            scale: scale_of(i64::from(r.scale))?,
            score: r.score,
            misuse: r.misuse,
            groups: r.groups.clone(),
            superseded_now: !superseders.is_empty(),
            superseded_before: superseded_before(superseders),
            id,
        });
    }
    Ok(states)
}

/// The ratings read, each with the ratings that supersede it (column 8);
/// `superseded_before` says whether any of those was stored before this batch.
fn rating_states(
    rows: &[tokio_postgres::Row],
    superseded_before: impl Fn(&[String]) -> bool,
) -> Result<Vec<RatingState>, DbError> {
    rows.iter()
        .map(|row| {
            let superseders: Vec<String> = row.get(8);
            Ok(RatingState {
                id: row.get(0),
                moment: moment_of(row.get(1))?,
                date: row.get(2),
                at_unix_ms: row.get(3),
                scale: scale_of(i64::from(row.get::<_, i16>(4)))?,
                score: small_of(i64::from(row.get::<_, i16>(5)), "score")?,
                misuse: row.get(6),
                groups: groups_of(row.get(7))?,
                superseded_now: !superseders.is_empty(),
                superseded_before: superseded_before(&superseders),
            })
        })
        .collect()
}

fn visit_state(row: &tokio_postgres::Row) -> Result<VisitState, DbError> {
    Ok(VisitState {
        moment: moment_of(row.get(0))?,
        date: row.get(1),
        at_unix_ms: row.get(2),
        groups: groups_of(row.get(3))?,
    })
}

/// Adds the changes to the roll-up rows, one statement per table, both sent at once.
async fn apply(
    tx: &deadpool_postgres::Transaction<'_>,
    location: &str,
    changes: &Changes,
) -> Result<(), DbError> {
    tokio::try_join!(
        biased;
        apply_answers(tx, location, changes),
        apply_visits(tx, location, changes)
    )?;
    Ok(())
}

/// Adds the changes to the answers' roll-up rows.
async fn apply_answers(
    tx: &deadpool_postgres::Transaction<'_>,
    location: &str,
    changes: &Changes,
) -> Result<(), DbError> {
    if !changes.answers.is_empty() {
        let n = changes.answers.len();
        let (mut dates, mut moments, mut groups) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        let (mut hours, mut scales, mut scores, mut answers, mut misuse) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        for (key, (a, m)) in &changes.answers {
            dates.push(key.date.as_str());
            moments.push(key.moment);
            groups.push(key.group.as_str());
            hours.push(i32::from(key.hour));
            scales.push(i32::from(key.scale));
            scores.push(i32::from(key.score));
            answers.push(*a);
            misuse.push(*m);
        }
        let statement = tx
            .prepare_cached(
                "INSERT INTO rating_rollups
                 (location_id, local_date, moment, group_name, hour, scale, score, answers, misuse)
             SELECT $1, d, m, g, h, sc, s, a, mi
             FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[],
                         $8::bigint[], $9::bigint[]) AS x(d, m, g, h, sc, s, a, mi)
             ON CONFLICT (location_id, group_name, local_date, moment, hour, scale, score)
             DO UPDATE SET answers = rating_rollups.answers + excluded.answers,
                           misuse = rating_rollups.misuse + excluded.misuse",
            )
            .await?;
        tx.execute(
            &statement,
            &[
                &location, &dates, &moments, &groups, &hours, &scales, &scores, &answers, &misuse,
            ],
        )
        .await?;
    }
    Ok(())
}

/// Adds the changes to the visits' roll-up rows.
async fn apply_visits(
    tx: &deadpool_postgres::Transaction<'_>,
    location: &str,
    changes: &Changes,
) -> Result<(), DbError> {
    if !changes.visits.is_empty() {
        let n = changes.visits.len();
        let (mut dates, mut moments, mut groups, mut hours, mut visits) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        for (key, v) in &changes.visits {
            dates.push(key.date.as_str());
            moments.push(key.moment);
            groups.push(key.group.as_str());
            hours.push(i32::from(key.hour));
            visits.push(*v);
        }
        let statement = tx
            .prepare_cached(
            "INSERT INTO visit_rollups (location_id, local_date, moment, group_name, hour, visits)
             SELECT $1, d, m, g, h, v
             FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::bigint[])
                  AS x(d, m, g, h, v)
             ON CONFLICT (location_id, group_name, local_date, moment, hour)
             DO UPDATE SET visits = visit_rollups.visits + excluded.visits",
            )
            .await?;
        tx.execute(
            &statement,
            &[&location, &dates, &moments, &groups, &hours, &visits],
        )
        .await?;
    }
    Ok(())
}

/// Fills the roll-ups from every stored rating and visit (they must be empty).
pub(super) async fn backfill(tx: &deadpool_postgres::Transaction<'_>) -> Result<(), DbError> {
    let locations = tx.query("SELECT id, time_zone FROM locations", &[]).await?;
    for location in &locations {
        let (id, zone_name): (String, String) = (location.get(0), location.get(1));
        let zone = zone_of(&id, &zone_name)?;
        let mut changes = Changes::default();
        let rows = tx
            .query(
                "SELECT r.id, r.moment, r.local_date, r.at_unix_ms, r.scale, r.score, r.misuse,
                        r.groups::text,
                        ARRAY(SELECT s.id FROM ratings s
                              WHERE s.location_id = r.location_id AND s.supersedes = r.id)
                 FROM ratings r WHERE r.location_id = $1",
                &[&id],
            )
            .await?;
        for state in &rating_states(&rows, |_| false)? {
            changes.rating(state, true, &zone)?;
        }
        let rows = tx
            .query(
                "SELECT moment, local_date, at_unix_ms, groups::text FROM visits
                 WHERE location_id = $1",
                &[&id],
            )
            .await?;
        for row in &rows {
            changes.visit(&visit_state(row)?, &zone)?;
        }
        apply(tx, &id, &changes).await?;
    }
    Ok(())
}

impl PgDb {
    pub(in crate::db) async fn rollups(
        &self,
        location_ids: &[String],
        rows: Rows,
        first: Date,
        last: Date,
    ) -> Result<(Vec<DatedAnswers>, Vec<DatedVisits>), DbError> {
        let client = self.client().await?;
        let (first, last) = (first.to_string(), last.to_string());
        let group = rows.key();
        let filter = match group {
            Some(_) => "group_name = $4",
            None => "$4::text IS NULL",
        };
        let answer_rows = client
            .query(
                &format!(
                    "SELECT location_id, local_date, moment, group_name, hour, scale, score,
                            answers, misuse
                     FROM rating_rollups
                     WHERE location_id = ANY($1) AND {filter}
                       AND local_date BETWEEN $2 AND $3 AND (answers <> 0 OR misuse <> 0)"
                ),
                &[&location_ids, &first, &last, &group],
            )
            .await?;
        let mut answers = Vec::with_capacity(answer_rows.len());
        for row in &answer_rows {
            answers.push(DatedAnswers {
                location_id: row.get(0),
                date: date_of(row.get(1))?,
                rollup: AnswerRollup {
                    moment: moment_of(row.get(2))?,
                    group: group_of(row.get(3)),
                    hour: small_of(i64::from(row.get::<_, i32>(4)), "hour")?,
                    scale: scale_of(i64::from(row.get::<_, i32>(5)))?,
                    score: small_of(i64::from(row.get::<_, i32>(6)), "score")?,
                    answers: count_of(i64::from(row.get::<_, i32>(7)), "answers")?,
                    misuse: count_of(i64::from(row.get::<_, i32>(8)), "misuse")?,
                },
            });
        }
        let visit_rows = client
            .query(
                &format!(
                    "SELECT location_id, local_date, moment, group_name, hour, visits
                     FROM visit_rollups
                     WHERE location_id = ANY($1) AND {filter}
                       AND local_date BETWEEN $2 AND $3 AND visits <> 0"
                ),
                &[&location_ids, &first, &last, &group],
            )
            .await?;
        let mut visits = Vec::with_capacity(visit_rows.len());
        for row in &visit_rows {
            visits.push(DatedVisits {
                location_id: row.get(0),
                date: date_of(row.get(1))?,
                rollup: VisitRollup {
                    moment: moment_of(row.get(2))?,
                    group: group_of(row.get(3)),
                    hour: small_of(i64::from(row.get::<_, i32>(4)), "hour")?,
                    visits: count_of(i64::from(row.get::<_, i32>(5)), "visits")?,
                },
            });
        }
        Ok((answers, visits))
    }

    pub(in crate::db) async fn rebuild_rollups(&self) -> Result<(), DbError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        // Every location's ingest waits meanwhile (the same lock as store_events').
        tx.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(id, 0)) FROM locations ORDER BY id",
            &[],
        )
        .await?;
        tx.batch_execute("DELETE FROM rating_rollups; DELETE FROM visit_rollups;")
            .await?;
        backfill(&tx).await?;
        tx.commit().await?;
        Ok(())
    }

    pub(in crate::db) async fn touch_device(
        &self,
        device_id: &str,
        now_ms: i64,
    ) -> Result<(), DbError> {
        self.client()
            .await?
            .execute(
                "UPDATE devices SET last_contact_at = $2::bigint
                 WHERE id = $1 AND (last_contact_at IS NULL OR last_contact_at < $2::bigint - 60000)",
                &[&device_id, &now_ms],
            )
            .await?;
        Ok(())
    }

    pub(in crate::db) async fn device_contacts(
        &self,
        location_ids: &[String],
    ) -> Result<Vec<(String, DeviceContact)>, DbError> {
        let rows = self
            .client()
            .await?
            .query(
                "SELECT location_id, id, last_contact_at, revoked_at IS NOT NULL FROM devices
                 WHERE location_id = ANY($1) ORDER BY created_at, id",
                &[&location_ids],
            )
            .await?;
        rows.iter()
            .map(|row| {
                let device_id: String = row.get(1);
                let last_contact = row
                    .get::<_, Option<i64>>(2)
                    .map(jiff::Timestamp::from_millisecond)
                    .transpose()
                    .map_err(|_| DbError::Corrupt(format!("last contact of {device_id}")))?;
                Ok((
                    row.get(0),
                    DeviceContact {
                        device_id,
                        last_contact,
                        revoked: row.get(3),
                    },
                ))
            })
            .collect()
    }
}
