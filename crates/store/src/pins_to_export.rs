//! PINs the kiosk issued and a manager has not exported yet. They are kept in the
//! store, in clear, only until the one export, so a restart or a crash does not lose
//! them; the export deletes them (with `secure_delete` on) and empties the write-ahead
//! log, so no copy stays in the file.
//!
//! A PIN is listed only while it is still the guardian's: a newer PIN, a roster that
//! gives one, or a revoked PIN makes the kept one stale, and stale ones are never
//! exported.

use crate::roster::IssuedPin;
use crate::{Store, StoreError};
use rusqlite::Transaction;
use welkom_core::GuardianId;

/// The kept PINs that are still their active guardian's.
const CURRENT: &str = "FROM pins_to_export p
     JOIN guardians g ON g.id = p.guardian_id AND g.pin_hash = p.pin_hash AND g.active = 1";

/// Keeps a PIN just issued (with the hash stored for it) until it is exported,
/// inside the caller's transaction; it replaces one kept for the same guardian.
pub(crate) fn keep(
    tx: &Transaction<'_>,
    guardian: &GuardianId,
    pin: &str,
    hash: &str,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO pins_to_export (guardian_id, pin, pin_hash) VALUES (?1, ?2, ?3)
         ON CONFLICT (guardian_id) DO UPDATE SET pin = excluded.pin, pin_hash = excluded.pin_hash",
        (&guardian.0, pin, hash),
    )?;
    Ok(())
}

/// Forgets the PIN kept for a guardian (revoked, or the family erased), inside the
/// caller's transaction.
pub(crate) fn forget(tx: &Transaction<'_>, guardian: &GuardianId) -> Result<(), StoreError> {
    tx.execute(
        "DELETE FROM pins_to_export WHERE guardian_id = ?1",
        [&guardian.0],
    )?;
    Ok(())
}

impl Store {
    /// The PINs issued since the last export that still work, with the guardians'
    /// names, in the order they were issued.
    pub fn pins_to_export(&self) -> Result<Vec<IssuedPin>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT p.guardian_id, g.first_name, g.last_name, p.pin {CURRENT} ORDER BY p.rowid"
        ))?;
        let pins = stmt
            .query_map([], |row| {
                Ok(IssuedPin {
                    guardian_id: GuardianId(row.get(0)?),
                    first_name: row.get(1)?,
                    last_name: row.get(2)?,
                    pin: row.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(pins)
    }

    /// How many PINs [`Store::pins_to_export`] lists.
    pub fn pins_to_export_count(&self) -> Result<usize, StoreError> {
        Ok(self
            .conn
            .query_row(&format!("SELECT count(*) {CURRENT}"), [], |row| {
                row.get::<_, i64>(0)
            })? as usize)
    }

    /// The PINs were written out: forgets them, and every kept PIN that no longer
    /// works, then empties the write-ahead log so their bytes leave the disk. A PIN
    /// issued to the same guardian after `exported` was read stays.
    ///
    /// `Ok(false)` when another connection, reading at that moment, kept the log from
    /// being emptied: the rows are gone from the file, and the log's old copy is
    /// emptied at a later checkpoint.
    pub fn pins_exported(&mut self, exported: &[IssuedPin]) -> Result<bool, StoreError> {
        let tx = crate::write_gate::write_tx(&mut self.conn)?;
        {
            let mut forget = tx
                .prepare_cached("DELETE FROM pins_to_export WHERE guardian_id = ?1 AND pin = ?2")?;
            for issued in exported {
                forget.execute((&issued.guardian_id.0, &issued.pin))?;
            }
        }
        tx.execute(
            &format!(
                "DELETE FROM pins_to_export WHERE guardian_id NOT IN (SELECT p.guardian_id {CURRENT})"
            ),
            [],
        )?;
        tx.commit()?;
        let busy: i64 = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| row.get(0))?;
        Ok(busy == 0)
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::Fixture;
    use welkom_core::GuardianId;

    fn g(id: &str) -> GuardianId {
        GuardianId(id.into())
    }

    #[test]
    fn issued_pins_are_kept_across_a_reopen_until_exported() {
        let mut f = Fixture::new();
        assert!(f.store.pins_to_export().unwrap().is_empty());
        let pin = f.store.issue_pin(&g("G2")).unwrap();
        let path = f.store.path().to_owned();
        drop(std::mem::replace(
            &mut f.store,
            crate::Store::open(&path).unwrap(),
        ));
        let kept = f.store.pins_to_export().unwrap();
        assert_eq!(kept.len(), 1, "the PIN survives a restart");
        assert_eq!(kept[0].pin, pin);
        assert_eq!(kept[0].first_name, "Karim");
        assert_eq!(f.store.pins_to_export_count().unwrap(), 1);

        f.store.pins_exported(&kept).unwrap();
        assert!(f.store.pins_to_export().unwrap().is_empty());
        let rows: i64 = f
            .store
            .conn
            .query_row("SELECT count(*) FROM pins_to_export", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 0, "gone from the table");
        let bytes: Vec<u8> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .flat_map(|e| std::fs::read(e.unwrap().path()).unwrap())
            .collect();
        // The row is stored as its values side by side: the id, then the PIN.
        let row = format!("G2{pin}");
        assert!(
            !bytes.windows(row.len()).any(|w| w == row.as_bytes()),
            "the PIN's row is not left on disk"
        );
    }

    #[test]
    fn a_replaced_or_revoked_pin_is_not_exported() {
        let mut f = Fixture::new();
        f.store.issue_pin(&g("G1")).unwrap();
        let second = f.store.issue_pin(&g("G1")).unwrap();
        f.store.issue_pin(&g("G2")).unwrap();
        f.store.revoke_pin(&g("G2")).unwrap();
        let kept = f.store.pins_to_export().unwrap();
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert_eq!(
            (kept[0].guardian_id.0.as_str(), kept[0].pin.as_str()),
            ("G1", second.as_str())
        );

        // A PIN issued after the export read the list stays for the next export.
        let newer = f.store.issue_pin(&g("G1")).unwrap();
        f.store.pins_exported(&kept).unwrap();
        let left = f.store.pins_to_export().unwrap();
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].pin, newer);
    }
}
