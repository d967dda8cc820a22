//! Reading ratings back for exports.

use crate::record::parse_id;
use crate::{Store, StoreError};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;
use welkom_core::{EventId, GuardianId, Moment};

/// One rating with everything an export shows about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RatingRow {
    /// The rating's id.
    pub id: EventId,
    /// When the face was tapped.
    pub at: Timestamp,
    /// The location's calendar day.
    pub local_date: Date,
    /// Drop-off or pick-up.
    pub moment: Moment,
    /// The face, 1 (worst) to `scale` (best).
    pub score: u8,
    /// The number of faces shown.
    pub scale: u8,
    /// Who rated (absent when anonymous or the link was dropped).
    pub guardian_id: Option<GuardianId>,
    /// Their name, "first last".
    pub guardian_name: Option<String>,
    /// The first names of the children the visit covered.
    pub children: Vec<String>,
    /// The groups of those children.
    pub groups: Vec<String>,
    /// A later rating by the same guardian for the same moment replaced this one.
    pub superseded: bool,
    /// Part of a burst without identification: not counted.
    pub misuse: bool,
    /// Reasons given after a low rating.
    pub reasons: Vec<String>,
    /// Whether the guardian asked to talk.
    pub talk_request: bool,
}

impl Store {
    /// Ratings whose local day lies between `from` and `to` (both inclusive, both
    /// optional), oldest first.
    pub fn ratings_between(
        &self,
        from: Option<Date>,
        to: Option<Date>,
    ) -> Result<Vec<RatingRow>, StoreError> {
        let from = from.map(|d| d.to_string()).unwrap_or_default();
        let to = to
            .map(|d| d.to_string())
            .unwrap_or_else(|| "9999-12-31".into());
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.id, r.at_unix_ms, r.local_date, r.moment, r.score, r.scale, r.guardian_id,
                    g.first_name || ' ' || g.last_name,
                    (SELECT group_concat(c.first_name, '|') FROM visit_children vc
                       JOIN children c ON c.id = vc.child_id WHERE vc.visit_id = r.visit_id),
                    (SELECT group_concat(DISTINCT c.group_name) FROM visit_children vc
                       JOIN children c ON c.id = vc.child_id WHERE vc.visit_id = r.visit_id),
                    EXISTS (SELECT 1 FROM ratings n WHERE n.supersedes = r.id),
                    r.misuse,
                    (SELECT f.reasons FROM rating_followups f WHERE f.rating_id = r.id
                       ORDER BY f.at_unix_ms DESC, f.id DESC LIMIT 1),
                    (SELECT f.talk_request FROM rating_followups f WHERE f.rating_id = r.id
                       ORDER BY f.at_unix_ms DESC, f.id DESC LIMIT 1)
             FROM ratings r LEFT JOIN guardians g ON g.id = r.guardian_id
             WHERE r.local_date BETWEEN ?1 AND ?2
             ORDER BY r.at_unix_ms, r.id",
        )?;
        let rows = stmt.query_map((from, to), |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, u8>(4)?,
                row.get::<_, u8>(5)?,
                row.get::<_, Option<String>>(6)?,
                row.get::<_, Option<String>>(7)?,
                row.get::<_, Option<String>>(8)?,
                row.get::<_, Option<String>>(9)?,
                row.get::<_, bool>(10)?,
                row.get::<_, bool>(11)?,
                row.get::<_, Option<String>>(12)?,
                row.get::<_, Option<bool>>(13)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, at, date, moment, score, scale, gid, gname, kids, groups, sup, mis, rs, talk) =
                row?;
            let corrupt = |what: &str| StoreError::Corrupt(what.to_owned());
            out.push(RatingRow {
                id: parse_id(&id)?,
                at: Timestamp::from_millisecond(at).map_err(|_| corrupt("time"))?,
                local_date: date.parse().map_err(|_| corrupt("date"))?,
                moment: Moment::from_key(&moment).ok_or_else(|| corrupt("moment"))?,
                score,
                scale,
                guardian_id: gid.map(GuardianId),
                guardian_name: gname.map(|n| n.trim().to_owned()),
                children: split(kids, '|'),
                groups: split(groups, ','),
                superseded: sup,
                misuse: mis,
                reasons: match rs {
                    Some(json) => serde_json::from_str(&json).map_err(|_| corrupt("reasons"))?,
                    None => Vec::new(),
                },
                talk_request: talk.unwrap_or(false),
            });
        }
        Ok(out)
    }
}

fn split(text: Option<String>, sep: char) -> Vec<String> {
    text.map(|t| t.split(sep).map(str::to_owned).collect())
        .unwrap_or_default()
}
