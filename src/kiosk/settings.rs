//! Settings and roster, for managers: guardians' PINs and badges, a roster import
//! from a file or a USB stick (on its own thread), and the location's settings
//! written back into `welkom.toml`.

use super::staff::{StaffData, StaffView};
use super::{Kiosk, Screen};
use crate::config::{self, ConfigEdit};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use welkom_core::GuardianId;
use welkom_core::roster::RosterError;
use welkom_store::{GuardianOverview, ImportSummary, StaffRole, Store, StoreError};

pub use crate::files::roster::IMPORT_FOLDER;

/// The parts of the settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingsPane {
    /// Guardians: PINs and badges.
    Families,
    /// Importing the roster.
    Roster,
    /// Questions and reasons per language.
    Questions,
    /// Faces, times, opening hours, privacy; closing the kiosk.
    Kiosk,
    /// The languages parents can choose.
    Languages,
}

impl SettingsPane {
    /// Every pane, in the order of the tabs.
    pub const ALL: [SettingsPane; 5] = [
        Self::Families,
        Self::Roster,
        Self::Questions,
        Self::Kiosk,
        Self::Languages,
    ];
}

/// A roster file found in the import folder or on a USB stick.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterFile {
    /// Where it is.
    pub path: PathBuf,
    /// Whether it is on a removable medium.
    pub removable: bool,
}

/// A PIN just issued, shown once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShownPin {
    /// The guardian.
    pub guardian_id: GuardianId,
    /// Their name, "first last".
    pub name: String,
    /// The new PIN.
    pub pin: String,
}

/// What the last settings action came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SettingsMessage {
    /// The badge was linked to this guardian.
    BadgeLinked(String),
    /// Another guardian holds the badge.
    BadgeTaken,
    /// The guardian's PIN was taken away.
    PinRevoked(String),
    /// The new PINs were written to this file, and forgotten here.
    PinsExported {
        /// How many.
        count: usize,
        /// Where.
        path: PathBuf,
    },
    /// The PIN file could not be written.
    PinsNotExported,
    /// The roster was imported.
    Imported(ImportSummary),
    /// The roster has problems; nothing was changed.
    ImportRefused(RosterError),
    /// The file could not be read or the store refused; nothing was changed.
    ImportFailed,
    /// The settings were saved and apply now.
    Saved,
    /// The settings were not saved: the check's own words (key and reason).
    SaveRefused(String),
    /// The store could not be changed.
    StoreFailed,
}

/// What the settings show, besides the location's settings themselves.
#[derive(Clone, Debug)]
pub struct SettingsState {
    /// The part shown.
    pub pane: SettingsPane,
    /// Every active guardian, by name.
    pub families: Vec<GuardianOverview>,
    /// A PIN just issued.
    pub shown_pin: Option<ShownPin>,
    /// The guardian whose badge is awaited.
    pub linking: Option<GuardianId>,
    /// What the last action came to.
    pub message: Option<SettingsMessage>,
    /// Roster files that can be imported.
    pub roster_files: Vec<RosterFile>,
    /// Whether an import runs.
    pub importing: bool,
}

/// A roster import running on its own thread.
pub(super) struct RosterImport {
    result: Receiver<SettingsMessage>,
}

/// Where removable media are mounted on the tablet's Linux.
pub const MEDIA_ROOTS: [&str; 3] = ["/media", "/run/media", "/mnt"];

impl Kiosk {
    /// The settings, when a manager has them open.
    pub fn settings(&self) -> Option<&SettingsState> {
        match &self.screen {
            Screen::Staff(s) => match &s.data {
                StaffData::Settings(state) => Some(state),
                _ => None,
            },
            _ => None,
        }
    }

    fn settings_mut(&mut self) -> Option<&mut SettingsState> {
        match &mut self.screen {
            Screen::Staff(s) if s.member.role == StaffRole::Manager => match &mut s.data {
                StaffData::Settings(state) => Some(state),
                _ => None,
            },
            _ => None,
        }
    }

    /// PINs issued since the last export (kept in the store until exported).
    pub fn pins_to_export(&self) -> usize {
        self.pins_waiting
    }

    /// Counts the PINs waiting to be exported again, from the store.
    pub(super) fn count_pins_to_export(&mut self) {
        self.pins_waiting = self.store.pins_to_export_count().unwrap_or_else(|e| {
            tracing::error!(error = %e, "counting the PINs to export failed");
            0
        });
    }

    /// Whether a roster import runs (the screen repaints until it is done).
    pub fn importing(&self) -> bool {
        self.roster_import.is_some()
    }

    /// The settings as they open: on the guardians.
    pub(super) fn open_settings(&self) -> StaffData {
        StaffData::Settings(self.settings_state(SettingsPane::Families))
    }

    /// A part of the settings, freshly read.
    fn settings_state(&self, pane: SettingsPane) -> SettingsState {
        let mut state = SettingsState {
            pane,
            families: Vec::new(),
            shown_pin: None,
            linking: None,
            message: None,
            roster_files: Vec::new(),
            importing: self.roster_import.is_some(),
        };
        match pane {
            SettingsPane::Families => match self.store.guardian_overview() {
                Ok(families) => state.families = families,
                Err(e) => {
                    tracing::error!(error = %e, "reading the guardians failed");
                    state.message = Some(SettingsMessage::StoreFailed);
                }
            },
            SettingsPane::Roster => state.roster_files = self.roster_files(),
            SettingsPane::Questions | SettingsPane::Kiosk | SettingsPane::Languages => {}
        }
        state
    }

    pub(super) fn show_settings_pane(&mut self, pane: SettingsPane) {
        if self.settings_mut().is_none() {
            return;
        }
        let fresh = self.settings_state(pane);
        if let Some(state) = self.settings_mut() {
            *state = fresh;
        }
    }

    pub(super) fn issue_pin(&mut self, guardian: &GuardianId) {
        if self.settings_mut().is_none() {
            return;
        }
        let result = self.store.issue_pin(guardian);
        let name = self.guardian_name(guardian);
        let message = match result {
            Ok(pin) => {
                tracing::info!("a manager issued a new PIN");
                self.count_pins_to_export();
                self.refresh_families(None);
                if let Some(state) = self.settings_mut() {
                    state.shown_pin = Some(ShownPin {
                        guardian_id: guardian.clone(),
                        name: join_name(&name),
                        pin,
                    });
                }
                return;
            }
            Err(e) => {
                tracing::error!(error = %e, "issuing a PIN failed");
                SettingsMessage::StoreFailed
            }
        };
        self.refresh_families(Some(message));
    }

    pub(super) fn revoke_pin(&mut self, guardian: &GuardianId) {
        if self.settings_mut().is_none() {
            return;
        }
        let message = match self.store.revoke_pin(guardian) {
            Ok(()) => {
                tracing::info!("a manager revoked a PIN");
                self.count_pins_to_export();
                SettingsMessage::PinRevoked(join_name(&self.guardian_name(guardian)))
            }
            Err(e) => {
                tracing::error!(error = %e, "revoking a PIN failed");
                SettingsMessage::StoreFailed
            }
        };
        self.refresh_families(Some(message));
    }

    pub(super) fn start_linking(&mut self, guardian: Option<GuardianId>) {
        if let Some(state) = self.settings_mut() {
            state.linking = guardian;
            state.shown_pin = None;
            state.message = None;
        }
    }

    /// A badge read while the settings wait for one: link it. Returns whether the
    /// badge was taken for that.
    pub(super) fn badge_for_linking(&mut self, code: &str) -> bool {
        let Some(guardian) = self.settings().and_then(|s| s.linking.clone()) else {
            return false;
        };
        let message = match self.store.link_badge(&guardian, code) {
            Ok(()) => {
                tracing::info!("a manager linked a badge");
                SettingsMessage::BadgeLinked(join_name(&self.guardian_name(&guardian)))
            }
            Err(StoreError::BadgeTaken) => SettingsMessage::BadgeTaken,
            Err(e) => {
                tracing::error!(error = %e, "linking a badge failed");
                SettingsMessage::StoreFailed
            }
        };
        self.refresh_families(Some(message));
        true
    }

    /// Writes the PINs issued since the last export to a CSV file, on a USB stick when
    /// one is in, else in the data directory, and then lets the store forget them.
    pub(super) fn export_new_pins(&mut self) {
        if self.settings_mut().is_none() {
            return;
        }
        let pins = match self.store.pins_to_export() {
            Ok(pins) if pins.is_empty() => return,
            Ok(pins) => pins,
            Err(e) => {
                tracing::error!(error = %e, "reading the PINs to export failed");
                if let Some(state) = self.settings_mut() {
                    state.message = Some(SettingsMessage::StoreFailed);
                }
                return;
            }
        };
        let folder = self
            .writable_medium()
            .or_else(|| self.data_dir.clone())
            .unwrap_or_else(|| PathBuf::from("."));
        let message = match crate::files::issued_pins::write_in(&folder, &pins) {
            Ok(path) => {
                tracing::info!(count = pins.len(), "new PINs exported");
                match self.store.pins_exported(&pins) {
                    Ok(true) => {}
                    Ok(false) => tracing::info!(
                        "the database log is emptied later: another connection was reading"
                    ),
                    Err(e) => {
                        tracing::error!(error = %e, "forgetting the exported PINs failed")
                    }
                }
                self.count_pins_to_export();
                SettingsMessage::PinsExported {
                    count: pins.len(),
                    path,
                }
            }
            Err(e) => {
                tracing::error!(error = %e, "exporting new PINs failed");
                SettingsMessage::PinsNotExported
            }
        };
        if let Some(state) = self.settings_mut() {
            state.shown_pin = None;
            state.message = Some(message);
        }
    }

    /// Starts importing a roster file on its own thread, with its own connection.
    pub(super) fn import_roster(&mut self, file: PathBuf) {
        if self.settings_mut().is_none() || self.roster_import.is_some() {
            return;
        }
        let database = self.store.path().to_owned();
        let language = self.config.location.language.clone();
        let waker = self.waker.clone();
        let (send, result) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("welkom-roster-import".into())
            .spawn(move || {
                let _ = send.send(import_on_own_connection(&database, &file, &language));
                if let Some(wake) = waker {
                    wake();
                }
            });
        match spawned {
            Ok(_) => {
                self.roster_import = Some(RosterImport { result });
                if let Some(state) = self.settings_mut() {
                    state.importing = true;
                    state.message = None;
                }
            }
            Err(e) => {
                tracing::error!(error = %e, "could not start a roster import");
                if let Some(state) = self.settings_mut() {
                    state.message = Some(SettingsMessage::ImportFailed);
                }
            }
        }
    }

    /// Takes the outcome of a running roster import, if it has come.
    pub(super) fn poll_roster_import(&mut self) {
        let Some(import) = &self.roster_import else {
            return;
        };
        let message = match import.result.try_recv() {
            Ok(message) => message,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => SettingsMessage::ImportFailed,
        };
        self.roster_import = None;
        if let SettingsMessage::Imported(_) = &message {
            self.count_pins_to_export();
        }
        if let Some(state) = self.settings_mut() {
            state.importing = false;
            state.message = Some(message);
        }
    }

    /// Saves the location's settings into `welkom.toml`; they apply at once.
    pub(super) fn save_settings(&mut self, edit: &ConfigEdit) {
        if self.settings_mut().is_none() {
            return;
        }
        let message = match &self.data_dir {
            None => SettingsMessage::SaveRefused("no data directory".into()),
            Some(dir) => match config::save_edit(&dir.join(config::FILE_NAME), edit) {
                Ok(config) => {
                    tracing::info!("a manager changed the settings");
                    self.config = config;
                    SettingsMessage::Saved
                }
                Err(e) => {
                    tracing::warn!(error = %e, "settings refused");
                    SettingsMessage::SaveRefused(match (&e.key, e.line) {
                        (Some(key), _) => format!("{key}: {}", e.message),
                        _ => e.message.clone(),
                    })
                }
            },
        };
        if let Some(state) = self.settings_mut() {
            state.message = Some(message);
        }
    }

    /// The folder in the data directory that is searched for roster files.
    pub fn import_folder(&self) -> Option<PathBuf> {
        self.data_dir.as_ref().map(|dir| dir.join(IMPORT_FOLDER))
    }

    /// Roster files in the data directory's import folder and on mounted media.
    pub fn roster_files(&self) -> Vec<RosterFile> {
        let mut files = Vec::new();
        if let Some(dir) = &self.data_dir {
            roster_files_in(&dir.join(IMPORT_FOLDER), false, 0, &mut files);
        }
        for root in &self.media_roots {
            roster_files_in(root, true, 2, &mut files);
        }
        files.sort_by(|a, b| (b.removable, &a.path).cmp(&(a.removable, &b.path)));
        files
    }

    /// The first mounted removable medium that can be written to.
    fn writable_medium(&self) -> Option<PathBuf> {
        self.media_roots.iter().find_map(|root| {
            mounts_under(root).into_iter().find(|dir| {
                std::fs::metadata(dir).is_ok_and(|m| m.is_dir() && !m.permissions().readonly())
            })
        })
    }

    fn guardian_name(&self, guardian: &GuardianId) -> (String, String) {
        self.store
            .guardian_names(guardian)
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    fn refresh_families(&mut self, message: Option<SettingsMessage>) {
        let families = self.store.guardian_overview();
        if let Some(state) = self.settings_mut() {
            match families {
                Ok(families) => state.families = families,
                Err(e) => tracing::error!(error = %e, "reading the guardians failed"),
            }
            state.linking = None;
            if message.is_some() {
                state.shown_pin = None;
            }
            state.message = message;
        }
    }

    /// Whether the view shown is the settings (for the screens).
    pub fn on_settings(&self) -> bool {
        matches!(&self.screen, Screen::Staff(s) if s.view == StaffView::Settings)
    }
}

fn join_name((first, last): &(String, String)) -> String {
    format!("{first} {last}").trim().to_owned()
}

/// Imports a roster file on a connection of its own (from a worker thread), as the
/// command line does: all or nothing, the outcome as the settings show it.
pub fn import_on_own_connection(
    database: &Path,
    file: &Path,
    language: &welkom_core::LanguageTag,
) -> SettingsMessage {
    let outcome = Store::open(database)
        .map_err(anyhow::Error::from)
        .and_then(|mut store| crate::files::roster::import(&mut store, file, language));
    match outcome {
        Ok(Ok(summary)) => {
            tracing::info!(
                guardians_added = summary.guardians_added,
                guardians_updated = summary.guardians_updated,
                "roster imported from the settings"
            );
            SettingsMessage::Imported(summary)
        }
        Ok(Err(problems)) => {
            tracing::info!(problems = problems.count(), "roster refused");
            SettingsMessage::ImportRefused(problems)
        }
        Err(e) => {
            tracing::error!(error = %e, "roster import failed");
            SettingsMessage::ImportFailed
        }
    }
}

/// The folders directly under a media root (`/media/USER/STICK` or `/mnt/STICK`).
fn mounts_under(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(root) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if !path.is_dir() {
            continue;
        }
        // /media/USER/STICK: one level more when the folder holds only folders.
        let inner: Vec<PathBuf> = std::fs::read_dir(&path)
            .map(|e| e.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        if !inner.is_empty() && inner.iter().all(|p| p.is_dir()) {
            found.extend(inner);
        } else {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// Whether a (lower-case) file name is one a roster is saved under.
fn is_roster_file_name(name: &str) -> bool {
    [".csv", ".xlsx", ".ods"]
        .iter()
        .any(|extension| name.ends_with(extension))
}

/// Roster files (CSV, `.xlsx`, `.ods`) in a folder and (up to `depth` levels)
/// below it; not the issued-PIN files, nor the lock files Excel (`~$…`) and
/// LibreOffice (`.~lock…`) leave beside an open file.
fn roster_files_in(dir: &Path, removable: bool, depth: u8, out: &mut Vec<RosterFile>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_lowercase();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            if depth > 0 {
                roster_files_in(&path, removable, depth - 1, out);
            }
        } else if is_roster_file_name(&name)
            && !name.starts_with("issued-pins")
            && !name.starts_with("~$")
            && out.len() < 50
        {
            out.push(RosterFile { path, removable });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_xlsx_and_ods_files_are_offered_but_not_pin_files_or_lock_files() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "rooster.csv",
            "Rooster maart.XLSX",
            "rooster.ods",
            "issued-pins-20260302-081500.csv",
            "~$Rooster maart.xlsx",
            ".~lock.rooster.ods#",
            "notities.txt",
        ] {
            std::fs::write(dir.path().join(name), b"x").unwrap();
        }
        let mut found = Vec::new();
        roster_files_in(dir.path(), false, 0, &mut found);
        let mut names: Vec<String> = found
            .iter()
            .map(|f| f.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["Rooster maart.XLSX", "rooster.csv", "rooster.ods"]);
    }
}
