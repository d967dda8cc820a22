//! Welkom's domain: the people (guardians, children, groups), the moments of a day
//! (drop-off, pick-up), visits, ratings on a scale of faces, the greeting rules and the
//! roster format. Nothing here does I/O: time and randomness are passed in.

pub mod csv;
pub mod greeting;
pub mod ids;
pub mod language;
pub mod misuse;
pub mod moment;
pub mod people;
pub mod pin;
pub mod rating;
pub mod roster;
pub mod scale;
pub mod tally;

pub use greeting::{Greeting, Occasion, TimeOfDay};
pub use ids::{ChildId, EventId, GuardianId};
pub use language::LanguageTag;
pub use moment::{Moment, MomentWindows};
pub use people::{Child, Guardian};
pub use rating::Rating;
pub use scale::{Face, Scale};
