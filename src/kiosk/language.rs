//! The parent's own language: the language button on the rating screen opens the
//! location's languages, a choice switches every text at once and is kept in the
//! store for the guardian (see `welkom_store::Store::choose_language`), so the next
//! visit greets in it.

use super::{Kiosk, Screen};
use welkom_core::LanguageTag;
use welkom_store::Family;

impl Kiosk {
    /// The language to greet a guardian in: the one they chose on the kiosk while
    /// the location still offers it and the roster has not changed theirs since,
    /// otherwise the roster's.
    pub(super) fn language_for(&self, family: &Family) -> LanguageTag {
        let chosen = self
            .store
            .language_choice(&family.guardian.id)
            .unwrap_or_else(|e| {
                tracing::error!(error = %e, "reading a language choice failed");
                None
            });
        chosen
            .filter(|language| self.config.language_enabled(language))
            .unwrap_or_else(|| family.guardian.language.clone())
    }

    /// Opens (`true`) or closes the list of languages on the rating screen.
    pub(super) fn show_languages(&mut self, open: bool) {
        if let Screen::Rate(visit) = &mut self.screen {
            visit.picking_language = open && self.config.enabled_languages().len() > 1;
        }
    }

    /// The guardian chose a language: every text switches at once, and the choice
    /// is kept for their next visits. A language the location does not offer is
    /// ignored.
    pub(super) fn choose_language(&mut self, language: LanguageTag) {
        if !self.config.language_enabled(&language) {
            return;
        }
        let Screen::Rate(visit) = &mut self.screen else {
            return;
        };
        visit.picking_language = false;
        if visit.family.guardian.language == language {
            return;
        }
        visit.family.guardian.language = language.clone();
        let guardian = visit.family.guardian.id.clone();
        let now = self.now();
        // Not kept is not lost: this visit speaks the language all the same.
        if let Err(e) = self.store.choose_language(&guardian, &language, now) {
            tracing::error!(error = %e, "keeping a language choice failed");
        }
    }
}
