//! A store with an invented roster, and short ways to record visits and ratings, for
//! the store's own tests.

use crate::{NewFollowUp, NewRating, NewVisit, Privacy, Store};
use jiff::Timestamp;
use jiff::civil::Date;
use welkom_core::roster;
use welkom_core::{ChildId, EventId, GuardianId, LanguageTag, Moment, Scale};

/// Two families; G3 and G4 share the child C4.
pub const ROSTER: &str = "\
guardian_id;guardian_first_name;guardian_last_name;pin;child_id;child_first_name;child_last_name;group
G1;Ilse;Brouwer;4826;C1;Tijn;Brouwer;Vlinders
G2;Karim;Haddou;7391;C2;Yara;Haddou;Rupsen
G3;Wendela;Oosterhuis;3917;C3;Siebe;Oosterhuis;Kikkers
G3;Wendela;Oosterhuis;3917;C4;Jelte;Oosterhuis;Rupsen
G4;Marnix;Oosterhuis;6048;C4;Jelte;Oosterhuis;Rupsen
";

/// A day from its ISO text.
pub fn day(text: &str) -> Date {
    text.parse().unwrap()
}

/// A store in a temporary directory with [`ROSTER`] imported.
pub struct Fixture {
    /// The store.
    pub store: Store,
    /// Keeps the directory alive.
    pub _dir: tempfile::TempDir,
    /// Counts taps, so each one gets its own second.
    taps: i64,
}

impl Fixture {
    /// A fresh store with the roster.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("welkom.sqlite")).unwrap();
        let parsed = roster::parse(ROSTER.as_bytes(), &LanguageTag::dutch()).unwrap();
        store
            .import_roster(&parsed, "2025-01-01T08:00:00Z".parse().unwrap())
            .unwrap();
        Self {
            store,
            _dir: dir,
            taps: 0,
        }
    }

    /// The children of a guardian in the roster.
    pub fn children_of(&self, guardian: &str) -> Vec<ChildId> {
        let mut stmt = self
            .store
            .conn
            .prepare("SELECT child_id FROM guardian_children WHERE guardian_id = ?1 ORDER BY 1")
            .unwrap();
        stmt.query_map([guardian], |r| Ok(ChildId(r.get(0)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    /// A moment in the morning of `date`, one second later than the previous one.
    fn next_time(&mut self, date: Date) -> Timestamp {
        self.taps += 1;
        let at: Timestamp = format!("{date}T07:00:00Z").parse().unwrap();
        at.checked_add(jiff::SignedDuration::from_secs(self.taps))
            .unwrap()
    }

    /// A visit of the guardian with all their children on `date`.
    pub fn visit(&mut self, guardian: &str, date: Date) -> NewVisit {
        let at = self.next_time(date);
        NewVisit {
            id: EventId::new(),
            guardian_id: GuardianId(guardian.into()),
            moment: Moment::DropOff,
            moment_corrected: false,
            children: self.children_of(guardian),
            at,
            local_date: date,
        }
    }

    /// A linked drop-off rating with its own visit; its id.
    pub fn rate(&mut self, guardian: &str, date: Date, score: u8) -> EventId {
        self.rate_with(guardian, date, score, Privacy::Linked)
    }

    /// A drop-off rating with its own visit, linked or anonymous; its id.
    pub fn rate_with(
        &mut self,
        guardian: &str,
        date: Date,
        score: u8,
        privacy: Privacy,
    ) -> EventId {
        let visit = self.visit(guardian, date);
        let rating = NewRating {
            id: EventId::new(),
            score,
            scale: Scale::Four,
            at: self.next_time(date),
            misuse: false,
            privacy,
            replaces: None,
        };
        self.store.record_rating(&visit, &rating).unwrap().id
    }

    /// A follow-up of a rating, by the rating's guardian.
    pub fn follow_up(&mut self, rating: EventId, talk_request: bool) -> EventId {
        let guardian: Option<String> = self
            .store
            .conn
            .query_row(
                "SELECT coalesce(r.guardian_id, v.guardian_id) FROM ratings r
                 LEFT JOIN visits v ON v.id = r.visit_id WHERE r.id = ?1",
                [rating.to_string()],
                |r| r.get(0),
            )
            .unwrap();
        self.follow_up_by(rating, talk_request, guardian.map(GuardianId))
    }

    /// A follow-up of a rating by a named guardian.
    pub fn follow_up_by(
        &mut self,
        rating: EventId,
        talk_request: bool,
        guardian_id: Option<GuardianId>,
    ) -> EventId {
        let id = EventId::new();
        self.store
            .record_follow_up(&NewFollowUp {
                id,
                rating_id: rating,
                reasons: vec!["handover".into()],
                talk_request,
                guardian_id,
                at: Timestamp::now(),
            })
            .unwrap();
        id
    }

    /// A staff note about a rating.
    pub fn note(&mut self, rating: EventId, text: &str) -> EventId {
        let id = EventId::new();
        self.store
            .conn
            .execute(
                "INSERT INTO follow_up_notes (id, rating_id, staff_id, staff_name, note, at_unix_ms)
                 VALUES (?1, ?2, NULL, 'Team Rupsen', ?3, 1)",
                (id.to_string(), rating.to_string(), text),
            )
            .unwrap();
        id
    }

    /// The UTC day of an outbox event.
    pub fn event_date(&self, event_id: &str) -> Date {
        let time: String = self
            .store
            .conn
            .query_row(
                "SELECT time FROM outbox WHERE event_id = ?1",
                [event_id],
                |r| r.get(0),
            )
            .unwrap();
        time.parse::<Timestamp>()
            .unwrap()
            .to_zoned(jiff::tz::TimeZone::UTC)
            .date()
    }
}
