//! The parent's flow as a state machine, free of any drawing: the screens send
//! [`Action`]s, [`Kiosk::handle`] applies them, [`Kiosk::tick`] applies timeouts.

mod badge;
mod language;
mod pin_check;
mod saving;
mod settings;
mod staff;
mod state;
mod throttle;

pub use badge::BurstDetector;
pub use saving::SaveProblem;
pub use settings::{
    IMPORT_FOLDER, MEDIA_ROOTS, RosterFile, SettingsMessage, SettingsPane, SettingsState, ShownPin,
    import_on_own_connection,
};
pub use staff::{StaffData, StaffNotice, StaffPad, StaffSession, StaffView, SyncView};
pub use state::{Notice, Screen, ThankYou, VisitInProgress, Welcome};
pub use throttle::{Budget, PinThrottle};

use crate::clock::Clock;
use crate::config::Config;
use jiff::civil::{Date, Time};
use jiff::{SignedDuration, Timestamp};
use std::sync::Arc;
use welkom_core::misuse::BurstGuard;
use welkom_core::{ChildId, EventId, GuardianId, MomentWindows, greeting};
use welkom_store::{NewFollowUp, NewRating, NewVisit, PinPad, Privacy, Store};

/// Something a guardian did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// A digit on the keypad or the keyboard.
    Digit(char),
    /// Erase the last digit.
    Erase,
    /// Try the PIN typed.
    SubmitPin,
    /// A badge reader typed this code.
    Badge(String),
    /// Open the list of names.
    OpenNames,
    /// Back from the list of names.
    CloseNames,
    /// A name chosen from the list.
    ChooseName(GuardianId),
    /// Switch between drop-off and pick-up.
    SwitchMoment,
    /// Include or leave out a child.
    ToggleChild(ChildId),
    /// A face tapped, by score.
    Rate(u8),
    /// Leave without rating.
    Skip,
    /// Choose or unchoose a reason.
    ToggleReason(String),
    /// Ask for, or take back, a talk.
    ToggleTalk,
    /// Finished on the thank-you screen.
    Done,
    /// Back from the thank-you screen to choose another face.
    ChangeRating,
    /// Open the staff PIN pad (from the welcome screen).
    OpenStaff,
    /// Leave staff mode or its PIN pad.
    CloseStaff,
    /// Show a staff view.
    ShowStaffView(StaffView),
    /// Start writing the note on a follow-up.
    WriteNote(EventId),
    /// Stop writing a note without saving.
    CancelNote,
    /// "Talked": the follow-up is handled, with this note.
    MarkTalked {
        /// The rating followed up.
        rating_id: EventId,
        /// What the staff member noted (may be empty).
        note: String,
    },
    /// Close the kiosk (managers).
    ExitKiosk,
    /// Send the events the upstream set aside again (managers).
    RetrySetAside,
    /// Drop the events the upstream set aside, for good (managers; the view asks a
    /// second tap first).
    DropSetAside,
    /// Show a part of the settings.
    ShowSettings(SettingsPane),
    /// Give a guardian a new PIN (shown once).
    IssuePin(GuardianId),
    /// Take a guardian's PIN away.
    RevokePin(GuardianId),
    /// Wait for a badge to link to this guardian (`None`: stop waiting).
    LinkBadge(Option<GuardianId>),
    /// Write the PINs issued since the last export to a file.
    ExportNewPins,
    /// Import this roster file.
    ImportRoster(std::path::PathBuf),
    /// Save the location's settings.
    SaveSettings(Box<crate::config::ConfigEdit>),
    /// Open (`true`) or close the list of languages on the rating screen.
    ShowLanguages(bool),
    /// The guardian chose this language (kept for their next visits).
    ChooseLanguage(welkom_core::LanguageTag),
}

/// The kiosk: configuration, store, clock and the screen shown.
pub struct Kiosk {
    /// The location's settings.
    pub config: Config,
    /// The local database.
    pub store: Store,
    clock: Arc<dyn Clock>,
    screen: Screen,
    throttle: PinThrottle,
    staff_throttle: PinThrottle,
    staff_check: Option<staff::StaffCheck>,
    pin_check: Option<pin_check::GuardianPinCheck>,
    open_follow_ups: usize,
    exit_requested: bool,
    waker: Option<Waker>,
    burst_guard: BurstGuard,
    last_touch: Timestamp,
    data_dir: Option<std::path::PathBuf>,
    media_roots: Vec<std::path::PathBuf>,
    /// PINs issued and not exported yet (the store keeps them), counted.
    pins_waiting: usize,
    roster_import: Option<settings::RosterImport>,
    sync_status: Option<welkom_sync::SyncStatus>,
    save_problem: Option<SaveProblem>,
}

/// Asks the screen to draw again, from another thread (when slow work is done).
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// The longest PIN.
pub const MAX_PIN_LENGTH: usize = 6;
/// The shortest PIN.
pub const MIN_PIN_LENGTH: usize = 4;
/// Outside opening hours, how long a touch keeps the screen lit (seconds).
pub const WAKE_SECS: i64 = 60;

impl Kiosk {
    /// A kiosk on the welcome screen.
    pub fn new(config: Config, store: Store, clock: Arc<dyn Clock>) -> Self {
        let now = clock.now();
        let throttle = |pad, budget| {
            PinThrottle::from_state(
                budget,
                store.throttle_state(pad).unwrap_or_else(|e| {
                    tracing::error!(error = %e, "reading a PIN budget failed");
                    Default::default()
                }),
            )
        };
        let mut kiosk = Self {
            throttle: throttle(PinPad::Guardian, Budget::GUARDIANS),
            staff_throttle: throttle(PinPad::Staff, Budget::STAFF),
            config,
            store,
            clock,
            screen: Screen::Welcome(Welcome::default()),
            staff_check: None,
            pin_check: None,
            open_follow_ups: 0,
            exit_requested: false,
            waker: None,
            burst_guard: BurstGuard::default(),
            last_touch: now,
            data_dir: None,
            media_roots: MEDIA_ROOTS.iter().map(std::path::PathBuf::from).collect(),
            pins_waiting: 0,
            roster_import: None,
            sync_status: None,
            save_problem: None,
        };
        kiosk.refresh_open_follow_ups();
        kiosk.count_pins_to_export();
        kiosk
    }

    /// Sets the data directory: its `welkom.toml` is where settings are saved, its
    /// `import` folder is searched for roster files.
    pub fn set_data_dir(&mut self, dir: std::path::PathBuf) {
        self.data_dir = Some(dir);
    }

    /// The data directory, when set.
    pub fn data_dir(&self) -> Option<&std::path::Path> {
        self.data_dir.as_deref()
    }

    /// The folders under which USB sticks are mounted.
    pub fn media_roots(&self) -> &[std::path::PathBuf] {
        &self.media_roots
    }

    /// Sets the folders under which USB sticks are mounted (default [`MEDIA_ROOTS`]).
    pub fn set_media_roots(&mut self, roots: Vec<std::path::PathBuf>) {
        self.media_roots = roots;
    }

    /// Sets where the sync client reports the upstream's state.
    pub fn set_sync_status(&mut self, status: welkom_sync::SyncStatus) {
        self.sync_status = Some(status);
    }

    /// Sets how work on other threads asks the screen to draw again.
    pub fn set_waker(&mut self, waker: Waker) {
        self.waker = Some(waker);
    }

    /// Something on the screen was touched (a scroll, a tap beside a button): the
    /// screen stays a while longer.
    pub fn touched(&mut self) {
        if !self.in_tap_guard() {
            self.last_touch = self.now();
        }
    }

    /// The screen to show.
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// Now, by the kiosk's clock.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// The location's local date and time now.
    pub fn local_now(&self) -> jiff::Zoned {
        self.now()
            .to_zoned(self.config.location.time_zone.zone().clone())
    }

    /// The time left of a PIN cooldown, if one runs.
    pub fn cooldown(&self) -> Option<SignedDuration> {
        self.throttle.remaining(self.now())
    }

    /// Whether the location is open now (outside, the screen dims).
    pub fn is_open(&self) -> bool {
        let now = self.local_now();
        let hours = &self.config.opening_hours;
        let day_open = hours.days.iter().any(|d| d.matches(now.weekday()));
        let time = now.time();
        day_open && time >= hours.open.0 && time < hours.close.0
    }

    /// Whether the screen is dark: outside opening hours, on the welcome screen and
    /// untouched for [`WAKE_SECS`]. A touch wakes it (to the welcome screen).
    pub fn is_dark(&self) -> bool {
        matches!(self.screen, Screen::Welcome(_))
            && !self.is_open()
            && self.now().duration_since(self.last_touch).as_secs() >= WAKE_SECS
    }

    /// When a screen woken outside opening hours goes dark again, if it will.
    pub fn dark_at(&self) -> Option<Timestamp> {
        if self.is_open() {
            return None;
        }
        self.last_touch
            .checked_add(SignedDuration::from_secs(WAKE_SECS))
            .ok()
            .filter(|&at| at > self.now())
    }

    /// Whether taps on the thank-you screen are still ignored.
    pub fn in_tap_guard(&self) -> bool {
        match &self.screen {
            Screen::ThankYou(t) => {
                self.now().duration_since(t.shown_at).as_millis()
                    < i128::from(self.config.timeouts.tap_guard_ms)
            }
            _ => false,
        }
    }

    /// When the current screen returns to the welcome screen by itself, if it does.
    pub fn returns_at(&self) -> Option<Timestamp> {
        let t = &self.config.timeouts;
        let after = |from: Timestamp, secs: u32| {
            from.checked_add(SignedDuration::from_secs(i64::from(secs)))
                .ok()
        };
        match &self.screen {
            Screen::Welcome(w) if w.pin.is_empty() && w.notice.is_none() => None,
            Screen::ThankYou(thanks) => {
                after(thanks.shown_at.max(self.last_touch), t.thank_you_secs)
            }
            Screen::Staff(_) => after(self.last_touch, t.staff_idle_secs),
            _ => after(self.last_touch, t.idle_secs),
        }
    }

    /// Applies timeouts and takes the answers of PIN checks; call every frame.
    pub fn tick(&mut self) {
        self.poll_staff_check();
        self.poll_pin_check();
        self.poll_roster_import();
        // A roster from the upstream kept its new PINs in the store; count them.
        if self
            .sync_status
            .as_ref()
            .is_some_and(|status| !status.take_issued_pins().is_empty())
        {
            self.count_pins_to_export();
        }
        let Some(at) = self.returns_at() else {
            return;
        };
        if self.now() < at {
            return;
        }
        let left = std::mem::replace(&mut self.screen, Screen::Welcome(Welcome::default()));
        match left {
            Screen::Rate(visit) if !visit.recorded => {
                // The guardian identified: the visit was given, the rating was not.
                self.save_visit(&visit.visit);
            }
            Screen::ThankYou(thanks) if thanks.low || thanks.talk_request => {
                self.refresh_open_follow_ups();
            }
            _ => {}
        }
    }

    /// Applies one action.
    pub fn handle(&mut self, action: Action) {
        let now = self.now();
        // A toddler's taps right after the rating are ignored; a badge is the next
        // guardian and always counts.
        if self.in_tap_guard() && !matches!(action, Action::Badge(_)) {
            return;
        }
        self.last_touch = now;
        match action {
            Action::Digit(d) if matches!(self.screen, Screen::StaffPin(_)) => self.staff_digit(d),
            Action::Digit(d) => self.on_digit(d),
            Action::Erase if matches!(self.screen, Screen::StaffPin(_)) => self.staff_erase(),
            Action::Erase => {
                if let Screen::Welcome(w) = &mut self.screen
                    && !w.checking
                {
                    w.pin.pop();
                    w.notice = None;
                }
            }
            Action::SubmitPin if matches!(self.screen, Screen::StaffPin(_)) => self.staff_submit(),
            Action::SubmitPin => self.on_submit_pin(),
            Action::OpenStaff => self.open_staff_pad(),
            Action::CloseStaff => self.close_staff(),
            Action::ShowStaffView(view) => self.load_staff_view(view),
            Action::WriteNote(rating_id) => self.write_note(rating_id),
            Action::CancelNote => {
                if let Screen::Staff(session) = &mut self.screen {
                    session.writing_note = None;
                }
            }
            Action::MarkTalked { rating_id, note } => self.mark_talked(rating_id, &note),
            Action::ExitKiosk => self.request_exit(),
            Action::RetrySetAside => self.retry_set_aside(),
            Action::DropSetAside => self.drop_set_aside(),
            Action::ShowSettings(pane) => self.show_settings_pane(pane),
            Action::IssuePin(guardian) => self.issue_pin(&guardian),
            Action::RevokePin(guardian) => self.revoke_pin(&guardian),
            Action::LinkBadge(guardian) => self.start_linking(guardian),
            Action::ExportNewPins => self.export_new_pins(),
            Action::ImportRoster(file) => self.import_roster(file),
            Action::SaveSettings(edit) => self.save_settings(&edit),
            Action::ShowLanguages(open) => self.show_languages(open),
            Action::ChooseLanguage(language) => self.choose_language(language),
            Action::Badge(code) => {
                if !self.badge_for_linking(&code) {
                    self.on_badge(&code);
                }
            }
            Action::OpenNames => {
                if self.config.identification.name_list {
                    self.screen = Screen::Names;
                }
            }
            Action::CloseNames => self.screen = Screen::Welcome(Welcome::default()),
            Action::ChooseName(id) => {
                if matches!(self.screen, Screen::Names) {
                    self.identified(&id);
                }
            }
            Action::SwitchMoment => {
                if let Screen::Rate(v) = &mut self.screen
                    && !v.recorded
                {
                    v.visit.moment = v.visit.moment.other();
                    v.visit.moment_corrected = v.visit.moment != v.proposed;
                }
            }
            Action::ToggleChild(child) => self.on_toggle_child(child),
            Action::Rate(score) => self.on_rate(score),
            Action::Skip => {
                if let Screen::Rate(v) = &self.screen {
                    let visit = v.clone();
                    if !visit.recorded {
                        self.save_visit(&visit.visit);
                    }
                    self.screen = Screen::Welcome(Welcome::default());
                }
            }
            Action::ToggleReason(key) => {
                if let Screen::ThankYou(t) = &mut self.screen
                    && t.low
                {
                    if let Some(i) = t.reasons.iter().position(|r| *r == key) {
                        t.reasons.remove(i);
                    } else if self.config.reasons().iter().any(|r| r.key == key) {
                        t.reasons.push(key);
                    }
                    self.save_follow_up();
                }
            }
            Action::ToggleTalk => {
                if let Screen::ThankYou(t) = &mut self.screen
                    && t.low
                {
                    t.talk_request = !t.talk_request;
                    self.save_follow_up();
                }
            }
            Action::Done => {
                if let Screen::ThankYou(thanks) = &self.screen {
                    let follow_up = thanks.low || thanks.talk_request;
                    self.screen = Screen::Welcome(Welcome::default());
                    if follow_up {
                        self.refresh_open_follow_ups();
                    }
                }
            }
            Action::ChangeRating => {
                if let Screen::ThankYou(t) = &self.screen {
                    let mut visit = t.visit.clone();
                    visit.changing = Some(t.rating_id);
                    self.screen = Screen::Rate(Box::new(visit));
                }
            }
        }
    }

    fn on_digit(&mut self, digit: char) {
        if !digit.is_ascii_digit() || !self.config.identification.pin {
            return;
        }
        let cooling = self.cooldown().is_some();
        if let Screen::Welcome(w) = &mut self.screen
            && !cooling
            && !w.checking
            && w.pin.len() < MAX_PIN_LENGTH
        {
            w.pin.push(digit);
            w.notice = None;
        }
    }

    fn on_submit_pin(&mut self) {
        let Screen::Welcome(w) = &mut self.screen else {
            return;
        };
        // One check at a time, so no answer goes uncounted.
        if self.throttle.remaining(self.clock.now()).is_some()
            || w.pin.is_empty()
            || w.checking
            || self.pin_check.is_some()
        {
            return;
        }
        let pin = std::mem::take(&mut w.pin);
        // A PIN the hub issued takes argon2id runs to find: they run off the
        // screen's thread, after a quick look among the kiosk's own PINs.
        if pin.len() >= MIN_PIN_LENGTH && self.has_hub_pins() {
            match self.store.guardian_by_own_pin(&pin) {
                Ok(Some(id)) => return self.identified(&id),
                Ok(None) => {}
                Err(e) => tracing::error!(error = %e, "looking up a PIN failed"),
            }
            match self.store.hub_pin_keys() {
                Ok(keys) if !keys.is_empty() => {
                    if self.start_pin_check(pin.clone(), keys) {
                        return;
                    }
                }
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "reading the hub's PIN keys failed"),
            }
        }
        // A PIN too short to be anyone's is not compared, so it tells nothing and
        // costs no try.
        let found = if pin.len() >= MIN_PIN_LENGTH {
            self.store.guardian_by_pin(&pin).unwrap_or_else(|e| {
                tracing::error!(error = %e, "looking up a PIN failed");
                None
            })
        } else {
            None
        };
        match found {
            // A right PIN neither costs nor gives back a try.
            Some(id) => self.identified(&id),
            None => {
                if pin.len() >= MIN_PIN_LENGTH && self.throttle.on_unknown(&pin, self.now()) {
                    self.save_throttle(PinPad::Guardian);
                }
                tracing::info!("a PIN was not recognised");
                self.screen = Screen::Welcome(Welcome::with_notice(Notice::CodeNotRecognised));
            }
        }
    }

    fn on_badge(&mut self, code: &str) {
        if !self.config.identification.badge {
            return;
        }
        // A badge draws on the keypad's budget: while no try is left, no badge is
        // looked up either (the welcome screen says how long to wait).
        if self.cooldown().is_some() {
            return;
        }
        let found = self.store.guardian_by_badge(code).unwrap_or_else(|e| {
            tracing::error!(error = %e, "looking up a badge failed");
            None
        });
        // A badge is accepted on any screen: whoever was there has left.
        self.leave_rate_screen();
        match found {
            Some(id) => self.identified(&id),
            None => {
                if self.throttle.on_unknown(code, self.now()) {
                    self.save_throttle(PinPad::Guardian);
                }
                tracing::info!("a badge was not recognised");
                self.screen = Screen::Welcome(Welcome::with_notice(Notice::BadgeNotRecognised));
            }
        }
    }

    /// Keeps the visit of a guardian who identified and left without rating.
    fn leave_rate_screen(&mut self) {
        if let Screen::Rate(v) = &self.screen
            && !v.recorded
        {
            let visit = v.visit.clone();
            self.save_visit(&visit);
        }
    }

    /// A guardian has identified: greet them and propose the moment.
    fn identified(&mut self, id: &GuardianId) {
        let now = self.now();
        let local = now.to_zoned(self.config.location.time_zone.zone().clone());
        let today: Date = local.date();
        let time: Time = local.time();
        let mut family = match self.store.family(id, today) {
            Ok(Some(family)) => family,
            Ok(None) => {
                self.screen = Screen::Welcome(Welcome::with_notice(Notice::CodeNotRecognised));
                return;
            }
            Err(e) => {
                tracing::error!(error = %e, "reading a family failed");
                self.screen = Screen::Welcome(Welcome::with_notice(Notice::SaveFailed));
                return;
            }
        };
        self.burst_guard.on_identified();
        family.guardian.language = self.language_for(&family);
        let child_ids: Vec<ChildId> = family.children.iter().map(|c| c.id.clone()).collect();
        let latest = self
            .store
            .latest_moment_today(&child_ids, today)
            .unwrap_or_default();
        let windows = MomentWindows {
            pick_up_from: self.config.moments.pick_up_from.0,
        };
        let proposed = windows.detect(time, latest);
        let last_visit = self
            .store
            .last_visit_before(&child_ids, today)
            .unwrap_or_default();
        let greeting = greeting::greet(today, time, &family.children, last_visit);
        let visit = NewVisit {
            id: EventId::new(),
            guardian_id: family.guardian.id.clone(),
            moment: proposed,
            moment_corrected: false,
            children: child_ids,
            at: now,
            local_date: today,
        };
        self.screen = Screen::Rate(Box::new(VisitInProgress {
            family,
            visit,
            proposed,
            greeting,
            recorded: false,
            changing: None,
            picking_language: false,
        }));
    }

    fn on_toggle_child(&mut self, child: ChildId) {
        let Screen::Rate(v) = &mut self.screen else {
            return;
        };
        if v.recorded || !v.family.children.iter().any(|c| c.id == child) {
            return;
        }
        if let Some(i) = v.visit.children.iter().position(|c| *c == child) {
            // At least one child stays in the visit.
            if v.visit.children.len() > 1 {
                v.visit.children.remove(i);
            }
        } else {
            v.visit.children.push(child);
            let order: Vec<&ChildId> = v.family.children.iter().map(|c| &c.id).collect();
            v.visit
                .children
                .sort_by_key(|c| order.iter().position(|o| *o == c));
        }
    }

    fn on_rate(&mut self, score: u8) {
        let Screen::Rate(v) = &self.screen else {
            return;
        };
        let scale = self.config.rating.scale;
        if scale.face(score).is_none() {
            return;
        }
        let mut visit = (**v).clone();
        let misuse = self.burst_guard.on_rating();
        let rating = NewRating {
            id: EventId::new(),
            score,
            scale,
            at: self.now(),
            misuse,
            privacy: if self.config.privacy.anonymous {
                Privacy::Anonymous
            } else {
                Privacy::Linked
            },
            replaces: visit.changing,
        };
        match self.store.record_rating(&visit.visit, &rating) {
            Ok(_) => {
                self.saved();
                visit.recorded = true;
                self.screen = Screen::ThankYou(Box::new(ThankYou {
                    low: scale.is_low(score) && !misuse,
                    visit,
                    rating_id: rating.id,
                    score,
                    reasons: Vec::new(),
                    talk_request: false,
                    shown_at: self.now(),
                    save_failed: false,
                }));
            }
            Err(e) => {
                self.save_failed("a rating", &e);
                let language = visit.family.guardian.language.clone();
                self.screen =
                    Screen::Welcome(Welcome::with_notice_for(Notice::SaveFailed, language));
            }
        }
    }

    fn save_visit(&mut self, visit: &NewVisit) {
        match self.store.record_visit(visit) {
            Ok(_) => self.saved(),
            Err(e) => self.save_failed("a visit", &e),
        }
    }

    fn save_follow_up(&mut self) {
        let Screen::ThankYou(t) = &self.screen else {
            return;
        };
        let follow_up = NewFollowUp {
            id: EventId::new(),
            rating_id: t.rating_id,
            reasons: t.reasons.clone(),
            talk_request: t.talk_request,
            guardian_id: Some(t.visit.visit.guardian_id.clone()),
            at: self.now(),
        };
        let result = self.store.record_follow_up(&follow_up);
        let failed = result.is_err();
        match result {
            Ok(_) => self.saved(),
            Err(e) => self.save_failed("a follow-up", &e),
        }
        if let Screen::ThankYou(t) = &mut self.screen {
            t.save_failed = failed;
        }
    }
}
