//! A guardian's own choice of language on the kiosk (migration 0008): kept while the
//! roster keeps the language it had when the guardian chose, dropped when an import
//! changes it, removed with the guardian.

use crate::{Store, StoreError};
use jiff::Timestamp;
use rusqlite::{OptionalExtension, Transaction};
use welkom_core::{GuardianId, LanguageTag};

impl Store {
    /// Remembers that a guardian chose `language` on the kiosk. Choosing the
    /// roster's own language again forgets the choice (the roster speaks for them).
    /// A guardian the store does not know is refused.
    pub fn choose_language(
        &mut self,
        guardian: &GuardianId,
        language: &LanguageTag,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let tx = crate::write_gate::write_tx(&mut self.conn)?;
        let roster_language: Option<String> = tx
            .query_row(
                "SELECT language FROM guardians WHERE id = ?1",
                [&guardian.0],
                |row| row.get(0),
            )
            .optional()?;
        let Some(roster_language) = roster_language else {
            return Err(StoreError::Invalid(format!(
                "no guardian with id {}",
                guardian.0
            )));
        };
        if roster_language == language.as_str() {
            tx.execute(
                "DELETE FROM guardian_language_choice WHERE guardian_id = ?1",
                [&guardian.0],
            )?;
        } else {
            tx.execute(
                "INSERT INTO guardian_language_choice
                     (guardian_id, language, roster_language, chosen_at)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (guardian_id) DO UPDATE SET language = excluded.language,
                   roster_language = excluded.roster_language, chosen_at = excluded.chosen_at",
                (
                    &guardian.0,
                    language.as_str(),
                    &roster_language,
                    at.as_millisecond(),
                ),
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The language a guardian chose on the kiosk, while the roster still says what
    /// it said when they chose; `None` otherwise (the roster's language holds).
    pub fn language_choice(
        &self,
        guardian: &GuardianId,
    ) -> Result<Option<LanguageTag>, StoreError> {
        let chosen: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT c.language FROM guardian_language_choice c
                 JOIN guardians g ON g.id = c.guardian_id AND g.language = c.roster_language
                 WHERE c.guardian_id = ?1",
            )?
            .query_row([&guardian.0], |row| row.get(0))
            .optional()?;
        Ok(chosen.and_then(|tag| LanguageTag::parse(&tag).ok()))
    }
}

/// Drops the choices of guardians whose language the roster just changed, inside
/// the import's transaction; how many.
pub(crate) fn drop_overruled(tx: &Transaction<'_>) -> Result<usize, StoreError> {
    Ok(tx.execute(
        "DELETE FROM guardian_language_choice
         WHERE roster_language <> coalesce(
             (SELECT language FROM guardians g WHERE g.id = guardian_id), '')",
        [],
    )?)
}

/// Removes a guardian's choice (erasure), inside the caller's transaction.
pub(crate) fn forget(tx: &Transaction<'_>, guardian: &GuardianId) -> Result<(), StoreError> {
    tx.execute(
        "DELETE FROM guardian_language_choice WHERE guardian_id = ?1",
        [&guardian.0],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use welkom_core::roster::parse;

    const ROSTER: &str = "guardian_id,guardian_first_name,guardian_language,pin,child_id,child_first_name\n\
        G1,Anna,pl,4821,C1,Ola\n\
        G2,Bram,nl,7310,C2,Tim\n";

    fn store_with(roster: &str) -> (Store, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("welkom.sqlite")).unwrap();
        import(&mut store, roster);
        (store, dir)
    }

    fn import(store: &mut Store, roster: &str) {
        let parsed = parse(roster.as_bytes(), &LanguageTag::dutch()).unwrap();
        store.import_roster(&parsed, Timestamp::UNIX_EPOCH).unwrap();
    }

    fn tag(code: &str) -> LanguageTag {
        LanguageTag::parse(code).unwrap()
    }

    #[test]
    fn a_choice_is_kept_and_the_roster_language_again_forgets_it() {
        let (mut store, _dir) = store_with(ROSTER);
        let anna = GuardianId("G1".into());
        assert_eq!(store.language_choice(&anna).unwrap(), None);
        store
            .choose_language(&anna, &tag("de"), Timestamp::UNIX_EPOCH)
            .unwrap();
        assert_eq!(store.language_choice(&anna).unwrap(), Some(tag("de")));
        store
            .choose_language(&anna, &tag("en"), Timestamp::UNIX_EPOCH)
            .unwrap();
        assert_eq!(store.language_choice(&anna).unwrap(), Some(tag("en")));
        store
            .choose_language(&anna, &tag("pl"), Timestamp::UNIX_EPOCH)
            .unwrap();
        assert_eq!(store.language_choice(&anna).unwrap(), None);
        let rows: i64 = store
            .conn
            .query_row("SELECT count(*) FROM guardian_language_choice", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(rows, 0, "choosing the roster's language leaves no row");
        let nobody =
            store.choose_language(&GuardianId("G9".into()), &tag("de"), Timestamp::UNIX_EPOCH);
        assert!(matches!(nobody, Err(StoreError::Invalid(_))), "{nobody:?}");
    }

    #[test]
    fn an_import_keeps_the_choice_unless_it_changes_the_guardian_s_language() {
        let (mut store, _dir) = store_with(ROSTER);
        let (anna, bram) = (GuardianId("G1".into()), GuardianId("G2".into()));
        store
            .choose_language(&anna, &tag("de"), Timestamp::UNIX_EPOCH)
            .unwrap();
        store
            .choose_language(&bram, &tag("fr"), Timestamp::UNIX_EPOCH)
            .unwrap();
        // The same roster again: both choices stay.
        import(&mut store, ROSTER);
        assert_eq!(store.language_choice(&anna).unwrap(), Some(tag("de")));
        assert_eq!(store.language_choice(&bram).unwrap(), Some(tag("fr")));
        // Anna's row now says English: the roster wins for her, Bram keeps his.
        import(&mut store, &ROSTER.replace("G1,Anna,pl", "G1,Anna,en"));
        assert_eq!(store.language_choice(&anna).unwrap(), None);
        assert_eq!(store.language_choice(&bram).unwrap(), Some(tag("fr")));
        // Back to Polish later: the dropped choice does not come back.
        import(&mut store, ROSTER);
        assert_eq!(store.language_choice(&anna).unwrap(), None);
    }

    #[test]
    fn erasing_the_family_removes_the_choice_and_the_export_shows_it() {
        let (mut store, _dir) = store_with(ROSTER);
        let anna = GuardianId("G1".into());
        store
            .choose_language(&anna, &tag("es"), Timestamp::UNIX_EPOCH)
            .unwrap();
        let record = store.family_export(&anna).unwrap().unwrap();
        assert_eq!(record.guardian.language, "pl");
        assert_eq!(record.guardian.language_chosen.as_deref(), Some("es"));
        store
            .erase_family(&anna, Timestamp::UNIX_EPOCH)
            .unwrap()
            .unwrap();
        let rows: i64 = store
            .conn
            .query_row("SELECT count(*) FROM guardian_language_choice", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(rows, 0);
    }
}
