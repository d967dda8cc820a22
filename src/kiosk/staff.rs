//! Staff mode: a PIN pad of its own, then the team's views. A staff PIN is checked
//! off the screen's thread (argon2id per member takes a moment), and staff mode
//! returns to the welcome screen after a minute untouched, so a parent never sees it.

use super::{Kiosk, Screen, Welcome};
use jiff::Timestamp;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use welkom_core::EventId;
use welkom_core::tally::{DayTally, Trend};
use welkom_store::{
    FollowUpItem, FollowUpScope, OutboxSummary, PinPad, PresentChild, SetAsideEvent, StaffMatch,
    StaffMember, StaffRole, StoreError, verify_staff_pin,
};

/// The staff PIN pad.
#[derive(Clone, Debug, Default)]
pub struct StaffPad {
    /// The digits typed so far.
    pub pin: String,
    /// A message from the last attempt.
    pub notice: Option<StaffNotice>,
    /// Whether a PIN is being checked.
    pub checking: bool,
}

/// A message on the staff PIN pad.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StaffNotice {
    /// The PIN matched no staff member.
    NotRecognised,
    /// No staff member has been added yet.
    NoStaff,
}

/// The team's views.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StaffView {
    /// Today's tally.
    Today,
    /// The last four weeks.
    Trend,
    /// Low ratings and talk requests to follow up.
    FollowUp,
    /// Children checked in and not yet out.
    Present,
    /// Events waiting to go upstream.
    Sync,
    /// Settings and roster (managers).
    Settings,
}

impl StaffView {
    /// Every view, in the order of the tabs.
    pub const ALL: [StaffView; 6] = [
        Self::Today,
        Self::Trend,
        Self::FollowUp,
        Self::Present,
        Self::Sync,
        Self::Settings,
    ];

    /// Whether this member may open the view.
    pub fn allowed(self, role: StaffRole) -> bool {
        self != Self::Settings || role == StaffRole::Manager
    }
}

/// What a view shows, read from the store when the view opens.
#[derive(Clone, Debug)]
pub enum StaffData {
    /// Today's tally.
    Today(Box<DayTally>),
    /// The last four weeks.
    Trend(Box<Trend>),
    /// The follow-up list.
    FollowUp(Vec<FollowUpItem>),
    /// Children present, by group.
    Present(Vec<PresentChild>),
    /// The outbox and the upstream.
    Sync(Box<SyncView>),
    /// The settings (managers).
    Settings(super::SettingsState),
    /// The store could not be read.
    Unavailable,
}

/// What the Sync view shows: the outbox, the events the upstream refused, and the
/// upstream's state as the sync client last saw it.
#[derive(Clone, Debug)]
pub struct SyncView {
    /// Counts and times of the outbox.
    pub summary: OutboxSummary,
    /// Events the upstream refused, with the reason (the latest 20).
    pub set_aside: Vec<SetAsideEvent>,
    /// The upstream, when one is configured.
    pub upstream: Option<welkom_sync::SyncSnapshot>,
}

/// A staff member in staff mode.
#[derive(Clone, Debug)]
pub struct StaffSession {
    /// Who opened staff mode.
    pub member: StaffMember,
    /// The view shown.
    pub view: StaffView,
    /// What it shows.
    pub data: StaffData,
    /// The follow-up whose note is being written.
    pub writing_note: Option<EventId>,
}

/// A staff PIN check running on its own thread.
pub(super) struct StaffCheck {
    result: Receiver<Option<StaffMatch>>,
    /// The PIN checked, held until the answer comes (the same wrong PIN again costs
    /// no try).
    pin: String,
}

impl Kiosk {
    /// How many follow-ups are open (the count on the staff button).
    pub fn open_follow_ups(&self) -> usize {
        self.open_follow_ups
    }

    /// The time left of a staff PIN cooldown, if one runs.
    pub fn staff_cooldown(&self) -> Option<jiff::SignedDuration> {
        self.staff_throttle.remaining(self.now())
    }

    /// Whether the kiosk was asked to close (by a manager).
    pub fn exit_requested(&self) -> bool {
        self.exit_requested
    }

    pub(super) fn open_staff_pad(&mut self) {
        if matches!(self.screen, Screen::Welcome(_)) {
            self.screen = Screen::StaffPin(StaffPad::default());
        }
    }

    pub(super) fn staff_digit(&mut self, digit: char) {
        let cooling = self.staff_cooldown().is_some();
        if let Screen::StaffPin(pad) = &mut self.screen
            && !cooling
            && !pad.checking
            && pad.pin.len() < super::MAX_PIN_LENGTH
        {
            pad.pin.push(digit);
            pad.notice = None;
        }
    }

    pub(super) fn staff_erase(&mut self) {
        if let Screen::StaffPin(pad) = &mut self.screen
            && !pad.checking
        {
            pad.pin.pop();
            pad.notice = None;
        }
    }

    /// Starts checking the typed PIN against every staff member's hash, off the
    /// screen's thread.
    pub(super) fn staff_submit(&mut self) {
        let cooling = self.staff_cooldown().is_some();
        let Screen::StaffPin(pad) = &mut self.screen else {
            return;
        };
        // One check at a time, also across leaving and reopening the pad, so no
        // answer goes uncounted.
        if cooling || pad.checking || pad.pin.is_empty() || self.staff_check.is_some() {
            return;
        }
        let pin = std::mem::take(&mut pad.pin);
        let credentials = match self.store.staff_credentials() {
            Ok(c) => c,
            Err(e) => {
                tracing::error!(error = %e, "reading staff PINs failed");
                Vec::new()
            }
        };
        if credentials.is_empty() {
            pad.notice = Some(StaffNotice::NoStaff);
            return;
        }
        pad.checking = true;
        let (send, result) = mpsc::channel();
        let waker = self.waker.clone();
        let typed = pin.clone();
        let spawned = std::thread::Builder::new()
            .name("welkom-staff-pin".into())
            .spawn(move || {
                let _ = send.send(verify_staff_pin(&credentials, &typed));
                if let Some(wake) = waker {
                    wake();
                }
            });
        match spawned {
            Ok(_) => self.staff_check = Some(StaffCheck { result, pin }),
            Err(e) => {
                tracing::error!(error = %e, "could not start checking a staff PIN");
                pad.checking = false;
            }
        }
    }

    /// Whether a staff PIN is being checked (the screen repaints until it is done).
    pub fn staff_checking(&self) -> bool {
        self.staff_check.is_some()
    }

    /// Takes the answer of a running staff PIN check, if it has come.
    pub(super) fn poll_staff_check(&mut self) {
        let Some(check) = &self.staff_check else {
            return;
        };
        let found = match check.result.try_recv() {
            Ok(found) => found,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => None,
        };
        let pin = std::mem::take(&mut self.staff_check).map(|c| c.pin);
        // A wrong PIN costs its try even when the pad was left before the answer came.
        if found.is_none() {
            tracing::info!("a staff PIN was not recognised");
            let now = self.clock.now();
            if self
                .staff_throttle
                .on_unknown(pin.as_deref().unwrap_or_default(), now)
            {
                self.save_throttle(PinPad::Staff);
            }
        }
        let Screen::StaffPin(pad) = &mut self.screen else {
            // The pad was left meanwhile: the member has to sign in again.
            return;
        };
        pad.checking = false;
        let Some(StaffMatch { member, rehashed }) = found else {
            pad.notice = Some(StaffNotice::NotRecognised);
            return;
        };
        // A right PIN neither costs nor gives back a try.
        if let Some(hash) = rehashed
            && let Err(e) = self.store.replace_staff_pin_hash(&member.id, &hash)
        {
            tracing::error!(error = %e, "upgrading a staff PIN hash failed");
        }
        tracing::info!(role = member.role.key(), "staff mode opened");
        self.screen = Screen::Staff(Box::new(StaffSession {
            member,
            view: StaffView::Today,
            data: StaffData::Unavailable,
            writing_note: None,
        }));
        self.load_staff_view(StaffView::Today);
    }

    /// Opens a view (when the member may) and reads what it shows.
    pub(super) fn load_staff_view(&mut self, view: StaffView) {
        let data = self.read_staff_data(view);
        if let Screen::Staff(session) = &mut self.screen
            && view.allowed(session.member.role)
        {
            session.view = view;
            session.data = data;
            session.writing_note = None;
        }
    }

    fn read_staff_data(&self, view: StaffView) -> StaffData {
        let zone = self.config.location.time_zone.zone();
        let today = self.local_now().date();
        let result = match view {
            StaffView::Today => self
                .store
                .day_tally(today, zone)
                .map(|t| StaffData::Today(Box::new(t))),
            StaffView::Trend => self
                .store
                .trend(today, zone)
                .map(|t| StaffData::Trend(Box::new(t))),
            StaffView::FollowUp => self
                .store
                .follow_ups(FollowUpScope::OpenAndHandledSince(self.start_of_today()))
                .map(StaffData::FollowUp),
            StaffView::Present => self
                .store
                .present_children(self.local_now().date())
                .map(StaffData::Present),
            StaffView::Sync => self.read_sync_view(),
            StaffView::Settings => Ok(self.open_settings()),
        };
        result.unwrap_or_else(|e| {
            tracing::error!(error = %e, "reading a staff view failed");
            StaffData::Unavailable
        })
    }

    fn read_sync_view(&self) -> Result<StaffData, StoreError> {
        let summary = self.store.outbox_summary()?;
        let mut set_aside = self.store.set_aside_events()?;
        set_aside.reverse();
        set_aside.truncate(20);
        Ok(StaffData::Sync(Box::new(SyncView {
            summary,
            set_aside,
            upstream: self.sync_status.as_ref().map(|s| s.snapshot()),
        })))
    }

    /// A manager sends the events set aside again (e.g. after the upstream was
    /// fixed); the sync client takes them in its next round.
    pub(super) fn retry_set_aside(&mut self) {
        if !self.manager_in_sync_view() {
            return;
        }
        match self.store.retry_set_aside() {
            Ok(n) => tracing::info!(events = n, "a manager sends set-aside events again"),
            Err(e) => tracing::error!(error = %e, "sending set-aside events again failed"),
        }
        self.load_staff_view(StaffView::Sync);
    }

    /// A manager drops the events set aside: they are never sent.
    pub(super) fn drop_set_aside(&mut self) {
        if !self.manager_in_sync_view() {
            return;
        }
        match self.store.drop_set_aside() {
            Ok(n) => tracing::info!(events = n, "a manager dropped set-aside events"),
            Err(e) => tracing::error!(error = %e, "dropping set-aside events failed"),
        }
        self.load_staff_view(StaffView::Sync);
    }

    fn manager_in_sync_view(&self) -> bool {
        matches!(&self.screen, Screen::Staff(session)
            if session.view == StaffView::Sync && session.member.role == StaffRole::Manager)
    }

    /// Midnight today in the location's time zone.
    fn start_of_today(&self) -> Timestamp {
        self.local_now()
            .start_of_day()
            .map(|z| z.timestamp())
            .unwrap_or_else(|_| self.now())
    }

    pub(super) fn write_note(&mut self, rating_id: EventId) {
        if let Screen::Staff(session) = &mut self.screen
            && session.view == StaffView::FollowUp
        {
            session.writing_note = Some(rating_id);
        }
    }

    pub(super) fn mark_talked(&mut self, rating_id: EventId, note: &str) {
        let Screen::Staff(session) = &self.screen else {
            return;
        };
        let member = session.member.clone();
        let now = self.now();
        if let Err(e) = self.store.mark_talked(rating_id, &member, note, now) {
            tracing::error!(error = %e, "storing a follow-up note failed");
            return;
        }
        self.refresh_open_follow_ups();
        self.load_staff_view(StaffView::FollowUp);
    }

    pub(super) fn close_staff(&mut self) {
        if matches!(self.screen, Screen::Staff(_) | Screen::StaffPin(_)) {
            self.screen = Screen::Welcome(Welcome::default());
        }
    }

    pub(super) fn request_exit(&mut self) {
        if let Screen::Staff(session) = &self.screen
            && session.member.role == StaffRole::Manager
        {
            tracing::info!("a manager closed the kiosk");
            self.exit_requested = true;
        }
    }

    /// Counts the open follow-ups again (after a rating, a talk request or a note).
    pub(super) fn refresh_open_follow_ups(&mut self) {
        match self.store.open_follow_up_count() {
            Ok(n) => self.open_follow_ups = n,
            Err(e) => tracing::error!(error = %e, "counting open follow-ups failed"),
        }
    }

    pub(super) fn save_throttle(&mut self, pad: PinPad) {
        let state = match pad {
            PinPad::Guardian => self.throttle.state(),
            PinPad::Staff => self.staff_throttle.state(),
        };
        if let Err(e) = self.store.save_throttle_state(pad, state) {
            tracing::error!(error = %e, "storing a PIN budget failed");
        }
    }
}
