//! Who is here: children whose latest visit today was a drop-off.

use crate::{Store, StoreError};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;
use welkom_core::ChildId;

/// A child checked in at the kiosk today and not yet picked up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PresentChild {
    /// The child.
    pub id: ChildId,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// The child's group ("" when none).
    pub group: String,
    /// When the child was dropped off.
    pub since: Timestamp,
}

impl Store {
    /// The children checked in on `day` and not yet out, by group and first name.
    pub fn present_children(&self, day: Date) -> Result<Vec<PresentChild>, StoreError> {
        // SQLite takes the other columns from the row holding the max().
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.first_name, c.last_name, c.group_name, latest.moment, latest.at
             FROM (SELECT vc.child_id, v.moment AS moment, max(v.at_unix_ms) AS at
                   FROM visits v JOIN visit_children vc ON vc.visit_id = v.id
                   WHERE v.local_date = ?1
                   GROUP BY vc.child_id) AS latest
             JOIN children c ON c.id = latest.child_id
             WHERE latest.moment = 'drop_off'
             ORDER BY c.group_name, c.first_name, c.last_name, c.id",
        )?;
        let rows = stmt
            .query_map([day.to_string()], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, i64>(5)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(id, first_name, last_name, group, at)| {
                Ok(PresentChild {
                    id: ChildId(id),
                    first_name,
                    last_name,
                    group,
                    since: Timestamp::from_millisecond(at)
                        .map_err(|_| StoreError::Corrupt("time".into()))?,
                })
            })
            .collect()
    }
}
