//! The first start on a tablet: the location's name, the first manager's PIN, then
//! the organisation's hub or a roster from a USB stick, then the welcome screen. A
//! state machine free of drawing (`screens/setup/` draws it): the screens send
//! [`SetupAction`]s, [`Setup::handle`] applies them, [`Setup::tick`] takes the answers
//! of the work done on other threads (pairing, a roster import).
//!
//! Everything is written through the command line's own paths: `welkom.toml` through
//! the configuration editor (checked by the start-up loader before it replaces the
//! file), the manager through the store's staff functions (the same PIN rules as
//! `welkom staff add`), the roster through the import of `welkom import-roster` (all
//! or nothing).

mod hub;
mod hub_step;
mod pin_step;
pub mod progress;
mod roster_step;

pub use hub::{HubProblem, Paired};

use crate::config;
use crate::kiosk::{
    Budget, Kiosk, MAX_PIN_LENGTH, PinThrottle, RosterFile, SettingsMessage, Waker,
};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use welkom_core::LanguageTag;
use welkom_store::PinPad;

/// The languages the set-up speaks, in the order of the switch.
pub const LANGUAGES: [&str; 2] = ["nl", "en"];

/// The steps, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The location's name (and the language switch).
    Name,
    /// The first manager's PIN, twice.
    Pin,
    /// A set-up resumed after the manager was stored: the manager's PIN first, so
    /// nobody else at the tablet carries on with it.
    Unlock,
    /// Hub or roster; the way to the welcome screen.
    Choice,
    /// The organisation's hub: address and pairing code.
    Hub,
    /// A roster file from a USB stick.
    Roster,
}

/// Which PIN entry is being typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PinStage {
    /// The PIN chosen.
    First,
    /// The same PIN again.
    Second,
}

/// The text field the on-screen keyboard types into on the hub step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HubField {
    /// The hub's address.
    Address,
    /// The pairing code.
    Code,
}

/// Something the person setting up did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetupAction {
    /// Speak this language (`nl`, `en`).
    Language(String),
    /// A character from the on-screen (or a hardware) keyboard.
    Type(char),
    /// Erase the last character.
    Erase,
    /// Capitals on or off for the next letter.
    Shift,
    /// Between the letters and the accented letters.
    Layer,
    /// On to the next step (the name saved, the PIN confirmed).
    Next,
    /// Back one step.
    Back,
    /// Open a step from the choice.
    Open(Step),
    /// Type into this field on the hub step.
    Focus(HubField),
    /// Pair with the hub.
    Pair,
    /// Use this certificate file as the organisation's CA (`None`: none).
    ChooseCa(Option<PathBuf>),
    /// Look for roster files again.
    SearchFiles,
    /// Choose this roster file.
    PickFile(PathBuf),
    /// Import the chosen roster file.
    Import,
    /// Done: to the welcome screen.
    Finish,
}

/// Why the last entry was refused, shown beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetupNotice {
    /// The location's name is problematic.
    Name(config::NameProblem),
    /// A PIN needs 4 to 6 digits.
    PinLength,
    /// The PIN is too easy to guess.
    PinWeak,
    /// The second PIN differs from the first.
    PinsDiffer,
    /// The PIN is not the manager's (resuming).
    PinNotRecognised,
    /// The hub's address or code is missing.
    HubFieldsEmpty,
    /// Something could not be written: what, for the log's reader.
    SaveFailed(String),
    /// Finishing needs a roster or a hub.
    NothingToGreet,
}

/// The hub step's state.
#[derive(Clone, Debug, Default)]
pub struct HubForm {
    /// The hub's address as typed.
    pub address: String,
    /// The pairing code as typed.
    pub code: String,
    /// The field being typed into.
    pub field: Option<HubField>,
    /// Whether a pairing runs.
    pub pairing: bool,
    /// The last pairing's problem.
    pub problem: Option<HubProblem>,
    /// Certificate files found on the USB sticks.
    pub ca_files: Vec<PathBuf>,
    /// The one chosen as the organisation's CA, if any.
    pub ca_file: Option<PathBuf>,
}

/// The roster step's state.
#[derive(Clone, Debug, Default)]
pub struct RosterPick {
    /// Files found on the USB sticks (and in the data directory's import folder).
    pub files: Vec<RosterFile>,
    /// The file chosen.
    pub chosen: Option<PathBuf>,
    /// Whether an import runs.
    pub importing: bool,
    /// The last import's outcome.
    pub outcome: Option<SettingsMessage>,
    /// Where the PINs issued by the import were written, if any were.
    pub pins_file: Option<PathBuf>,
}

/// The set-up in progress.
pub struct Setup {
    /// The language the set-up speaks (and the location's, once saved).
    pub language: LanguageTag,
    /// The step shown.
    pub step: Step,
    /// The location's name as typed.
    pub name: String,
    /// Whether the next letter is a capital.
    pub shift: bool,
    /// Whether the keyboard shows the accented letters.
    pub accents: bool,
    /// The PIN entry typed.
    pub pin_stage: PinStage,
    /// The digits of the entry being typed.
    pub pin: String,
    first_pin: String,
    /// The hub step.
    pub hub: HubForm,
    /// The hub this tablet is paired with, by its location's name (this session).
    pub paired: Option<String>,
    /// The roster step.
    pub roster: RosterPick,
    /// Why the last entry was refused.
    pub notice: Option<SetupNotice>,
    /// Whether the set-up is done.
    pub finished: bool,
    data_dir: PathBuf,
    /// The staff PIN pad's budget, for the manager's PIN when resuming.
    unlock: PinThrottle,
    pairing: Option<Receiver<Result<Paired, HubProblem>>>,
    /// The CA file the running pairing uses.
    pairing_ca: Option<PathBuf>,
    import: Option<Receiver<SettingsMessage>>,
    waker: Option<Waker>,
}

impl Setup {
    /// A set-up for the kiosk on `data_dir`, resuming where an interrupted one left
    /// off: with a manager stored, at the choice; else at the name (as saved, if it was).
    pub fn new(kiosk: &Kiosk, data_dir: &Path) -> Self {
        let config = &kiosk.config;
        let default_name = config::Config::default().location.name;
        let name = if config.location.name == default_name {
            String::new()
        } else {
            config.location.name.clone()
        };
        let language = if LANGUAGES.contains(&config.location.language.primary()) {
            config.location.language.clone()
        } else {
            LanguageTag::dutch()
        };
        let step = if progress::has_manager(kiosk) {
            Step::Unlock
        } else {
            Step::Name
        };
        let unlock = PinThrottle::from_state(
            Budget::STAFF,
            kiosk
                .store
                .throttle_state(PinPad::Staff)
                .unwrap_or_else(|e| {
                    tracing::error!(error = %e, "reading the staff PIN budget failed");
                    Default::default()
                }),
        );
        Self {
            language,
            step,
            shift: name.is_empty(),
            accents: false,
            name,
            pin_stage: PinStage::First,
            pin: String::new(),
            first_pin: String::new(),
            hub: HubForm {
                address: "https://".into(),
                field: Some(HubField::Address),
                ..HubForm::default()
            },
            paired: None,
            roster: RosterPick::default(),
            notice: None,
            finished: false,
            data_dir: data_dir.to_owned(),
            unlock,
            pairing: None,
            pairing_ca: None,
            import: None,
            waker: None,
        }
    }

    /// Sets how work on other threads asks the screen to draw again.
    pub fn set_waker(&mut self, waker: Waker) {
        self.waker = Some(waker);
    }

    /// The time left of a wrong-PIN cooldown while resuming, if one runs.
    pub fn cooldown(&self, now: jiff::Timestamp) -> Option<jiff::SignedDuration> {
        self.unlock.remaining(now)
    }

    /// Whether work runs on another thread (the screen shows it is busy).
    pub fn busy(&self) -> bool {
        self.pairing.is_some() || self.import.is_some()
    }

    /// Whether the set-up may finish: the kiosk has someone to greet, or a hub that
    /// sends the roster.
    pub fn can_finish(&self, kiosk: &Kiosk) -> bool {
        kiosk.store.active_guardian_count().unwrap_or(0) > 0 || kiosk.config.upstream.is_set()
    }

    /// Applies one action.
    pub fn handle(&mut self, action: SetupAction, kiosk: &mut Kiosk) {
        if self.busy() && !matches!(action, SetupAction::Language(_)) {
            return;
        }
        match action {
            SetupAction::Language(code) => {
                if LANGUAGES.contains(&code.as_str())
                    && let Ok(language) = LanguageTag::parse(&code)
                {
                    self.language = language;
                }
            }
            SetupAction::Type(c) => self.type_char(c),
            SetupAction::Erase => self.erase(),
            SetupAction::Shift => self.shift = !self.shift,
            SetupAction::Layer => self.accents = !self.accents,
            SetupAction::Next => self.next(kiosk),
            SetupAction::Back => self.back(),
            SetupAction::Open(step @ (Step::Hub | Step::Roster)) if self.step == Step::Choice => {
                self.notice = None;
                self.step = step;
                if step == Step::Roster {
                    self.search_files(kiosk);
                } else {
                    self.hub.ca_files = hub::ca_files_on(kiosk.media_roots());
                }
            }
            SetupAction::Open(_) => {}
            SetupAction::Focus(field) => {
                if self.step == Step::Hub {
                    self.hub.field = Some(field);
                    self.shift = field == HubField::Code;
                }
            }
            SetupAction::Pair => self.start_pairing(kiosk),
            SetupAction::ChooseCa(file) => {
                if file.as_ref().is_none_or(|f| self.hub.ca_files.contains(f)) {
                    self.hub.ca_file = file;
                    self.hub.problem = None;
                }
            }
            SetupAction::SearchFiles => self.search_files(kiosk),
            SetupAction::PickFile(path) => {
                if self.roster.files.iter().any(|f| f.path == path) {
                    self.roster.chosen = Some(path);
                    self.roster.outcome = None;
                }
            }
            SetupAction::Import => self.start_import(kiosk),
            SetupAction::Finish => self.finish(kiosk),
        }
    }

    /// Takes the answers of a pairing or an import, if they came; call every frame.
    pub fn tick(&mut self, kiosk: &mut Kiosk) {
        self.poll_pairing(kiosk);
        self.poll_import(kiosk);
    }

    fn type_char(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        match self.step {
            Step::Name => {
                if self.name.chars().count() < config::MAX_NAME_CHARS {
                    self.name.push(c);
                    self.notice = None;
                }
                // Like a phone: a capital after a space, else small letters.
                self.shift = c == ' ';
            }
            Step::Pin | Step::Unlock => {
                if c.is_ascii_digit() && self.pin.len() < MAX_PIN_LENGTH {
                    self.pin.push(c);
                    self.notice = None;
                }
            }
            Step::Hub => {
                let field = match self.hub.field {
                    Some(HubField::Address) => &mut self.hub.address,
                    Some(HubField::Code) => &mut self.hub.code,
                    None => return,
                };
                if field.chars().count() < 200 && !c.is_whitespace() {
                    field.push(c);
                    self.hub.problem = None;
                    self.notice = None;
                }
                if self.hub.field == Some(HubField::Address) {
                    self.shift = false;
                }
            }
            Step::Choice | Step::Roster => {}
        }
    }

    fn erase(&mut self) {
        match self.step {
            Step::Name => {
                self.name.pop();
                self.shift = self.name.is_empty() || self.name.ends_with(' ');
            }
            Step::Pin | Step::Unlock => {
                self.pin.pop();
            }
            Step::Hub => match self.hub.field {
                Some(HubField::Address) => {
                    self.hub.address.pop();
                }
                Some(HubField::Code) => {
                    self.hub.code.pop();
                }
                None => {}
            },
            Step::Choice | Step::Roster => {}
        }
    }

    fn next(&mut self, kiosk: &mut Kiosk) {
        match self.step {
            Step::Name => self.save_name(kiosk),
            Step::Pin => self.pin_entered(kiosk),
            Step::Unlock => self.unlock(kiosk),
            // Once paired or imported, on to the choice.
            Step::Hub if self.paired.is_some() => self.back(),
            Step::Roster if matches!(self.roster.outcome, Some(SettingsMessage::Imported(_))) => {
                self.back()
            }
            Step::Hub => self.start_pairing(kiosk),
            Step::Roster => self.start_import(kiosk),
            Step::Choice => self.finish(kiosk),
        }
    }

    fn back(&mut self) {
        self.notice = None;
        match self.step {
            Step::Pin => {
                self.step = Step::Name;
                self.pin.clear();
                self.first_pin.clear();
                self.pin_stage = PinStage::First;
            }
            Step::Hub | Step::Roster => self.step = Step::Choice,
            Step::Name | Step::Choice | Step::Unlock => {}
        }
    }

    fn save_name(&mut self, kiosk: &mut Kiosk) {
        if let Some(problem) = config::name_problem(&self.name) {
            self.notice = Some(SetupNotice::Name(problem));
            return;
        }
        let file = self.data_dir.join(config::FILE_NAME);
        match config::save_location(&file, &self.name, &self.language) {
            Ok(saved) => {
                tracing::info!("set-up: the location's name was saved");
                kiosk.config = saved;
                self.notice = None;
                self.step = Step::Pin;
                self.pin_stage = PinStage::First;
                self.pin.clear();
            }
            Err(e) => {
                tracing::error!(error = %e, "set-up: the location's name could not be saved");
                self.notice = Some(SetupNotice::SaveFailed(e.to_string()));
            }
        }
    }

    fn finish(&mut self, kiosk: &mut Kiosk) {
        if !self.can_finish(kiosk) {
            self.notice = Some(SetupNotice::NothingToGreet);
            return;
        }
        if let Err(e) = progress::finish(&self.data_dir) {
            tracing::error!(error = %e, "set-up: its end could not be noted");
            self.notice = Some(SetupNotice::SaveFailed(e.to_string()));
            return;
        }
        tracing::info!("set-up finished");
        self.finished = true;
    }
}
