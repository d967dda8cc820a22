//! What each screen holds.

use jiff::Timestamp;
use welkom_core::{EventId, Greeting, Moment};
use welkom_store::{Family, NewVisit};

/// The screen the kiosk shows.
#[derive(Clone, Debug)]
pub enum Screen {
    /// The welcome screen with the keypad.
    Welcome(Welcome),
    /// The list of guardians' first names (when the location enables it).
    Names,
    /// The greeting by name, the moment, the children and the faces.
    Rate(Box<VisitInProgress>),
    /// Thank you, and after a low rating the reasons and the talk request.
    ThankYou(Box<ThankYou>),
    /// The staff PIN pad.
    StaffPin(super::StaffPad),
    /// Staff mode.
    Staff(Box<super::StaffSession>),
}

/// The welcome screen's own state.
#[derive(Clone, Debug, Default)]
pub struct Welcome {
    /// The digits typed so far.
    pub pin: String,
    /// A message from the last attempt.
    pub notice: Option<Notice>,
    /// The language of the guardian the message is for, when one had identified
    /// (otherwise the location's).
    pub notice_language: Option<welkom_core::LanguageTag>,
    /// Whether the PIN submitted is being checked (a PIN the hub issued takes a
    /// moment); the keypad takes nothing meanwhile.
    pub checking: bool,
}

impl Welcome {
    /// An empty welcome screen with a message for the guardian who just acted, in
    /// their language.
    pub fn with_notice_for(notice: Notice, language: welkom_core::LanguageTag) -> Self {
        Self {
            notice_language: Some(language),
            ..Self::with_notice(notice)
        }
    }

    /// An empty welcome screen with a message.
    pub fn with_notice(notice: Notice) -> Self {
        Self {
            notice: Some(notice),
            ..Self::default()
        }
    }
}

/// A message on the welcome screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The PIN matched nobody.
    CodeNotRecognised,
    /// The badge matched nobody.
    BadgeNotRecognised,
    /// Something could not be saved.
    SaveFailed,
}

/// A guardian who has identified and not yet left.
#[derive(Clone, Debug)]
pub struct VisitInProgress {
    /// The guardian and their children placed today.
    pub family: Family,
    /// The visit as it stands (moment, children chosen).
    pub visit: NewVisit,
    /// The moment the kiosk proposed.
    pub proposed: Moment,
    /// What the greeting says.
    pub greeting: Greeting,
    /// Whether the visit is already stored (after a rating).
    pub recorded: bool,
    /// The rating shown last, when the guardian chose to change it.
    pub changing: Option<EventId>,
    /// Whether the list of languages is open over the rating screen.
    pub picking_language: bool,
}

impl VisitInProgress {
    /// Whether a child of the family is covered by the visit.
    pub fn includes(&self, child: &welkom_core::ChildId) -> bool {
        self.visit.children.contains(child)
    }
}

/// The thank-you screen.
#[derive(Clone, Debug)]
pub struct ThankYou {
    /// The visit rated.
    pub visit: VisitInProgress,
    /// The stored rating.
    pub rating_id: EventId,
    /// The face chosen.
    pub score: u8,
    /// Whether to offer reasons and the talk request.
    pub low: bool,
    /// Reasons chosen so far.
    pub reasons: Vec<String>,
    /// "Ik wil graag even praten."
    pub talk_request: bool,
    /// When the thank-you appeared; taps in the first moments are ignored.
    pub shown_at: Timestamp,
    /// The last reason or talk request could not be saved.
    pub save_failed: bool,
}
