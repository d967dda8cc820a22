//! The roster from a USB stick: the files found, an import on its own thread (all
//! or nothing, as `welkom import-roster`), and its new PINs written beside the file.

use super::{Setup, Step};
use crate::kiosk::{Kiosk, SettingsMessage};
use std::path::PathBuf;
use std::sync::mpsc::{self, TryRecvError};

impl Setup {
    pub(super) fn search_files(&mut self, kiosk: &Kiosk) {
        self.roster.files = kiosk.roster_files();
        if self
            .roster
            .chosen
            .as_ref()
            .is_some_and(|c| !self.roster.files.iter().any(|f| &f.path == c))
        {
            self.roster.chosen = None;
        }
        if self.roster.chosen.is_none() && self.roster.files.len() == 1 {
            self.roster.chosen = Some(self.roster.files[0].path.clone());
        }
    }

    pub(super) fn start_import(&mut self, kiosk: &Kiosk) {
        if self.step != Step::Roster || self.import.is_some() {
            return;
        }
        let Some(file) = self.roster.chosen.clone() else {
            return;
        };
        let database = kiosk.store.path().to_owned();
        let language = kiosk.config.location.language.clone();
        let waker = self.waker.clone();
        let (send, result) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("welkom-setup-import".into())
            .spawn(move || {
                let _ = send.send(crate::kiosk::import_on_own_connection(
                    &database, &file, &language,
                ));
                if let Some(wake) = waker {
                    wake();
                }
            });
        match spawned {
            Ok(_) => {
                self.import = Some(result);
                self.roster.importing = true;
                self.roster.outcome = None;
                self.roster.pins_file = None;
            }
            Err(e) => {
                tracing::error!(error = %e, "set-up: could not start the roster import");
                self.roster.outcome = Some(SettingsMessage::ImportFailed);
            }
        }
    }

    pub(super) fn poll_import(&mut self, kiosk: &mut Kiosk) {
        let Some(import) = &self.import else {
            return;
        };
        let outcome = match import.try_recv() {
            Ok(outcome) => outcome,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => SettingsMessage::ImportFailed,
        };
        self.import = None;
        self.roster.importing = false;
        if let SettingsMessage::Imported(summary) = &outcome
            && !summary.issued_pins.is_empty()
        {
            self.roster.pins_file = self.write_issued_pins(kiosk, &summary.issued_pins);
        }
        self.roster.outcome = Some(outcome);
    }

    /// Writes the PINs the import issued beside the roster file (on the USB stick),
    /// as `welkom import-roster` writes them, and lets the store forget them; when that
    /// fails they stay in the store for Settings' export.
    pub(super) fn write_issued_pins(
        &self,
        kiosk: &mut Kiosk,
        pins: &[welkom_store::IssuedPin],
    ) -> Option<PathBuf> {
        let folder = self.roster.chosen.as_ref()?.parent()?.to_owned();
        match crate::files::issued_pins::write_in(&folder, pins) {
            Ok(path) => {
                if let Err(e) = kiosk.store.pins_exported(pins) {
                    tracing::error!(error = %e, "set-up: forgetting the exported PINs failed");
                }
                Some(path)
            }
            Err(e) => {
                tracing::warn!(error = %e, "set-up: the new PINs stay for Settings' export");
                None
            }
        }
    }
}
