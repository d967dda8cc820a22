//! The data of each event type, version 1, with the rules a receiver checks.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use welkom_core::Moment;

/// A guardian identified at the kiosk: a drop-off (check-in) or pick-up (check-out).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VisitRecorded {
    /// The visit, the same as the event's `id`.
    pub id: Uuid,
    /// The guardian, as in the roster; absent when the family was erased before the
    /// event was sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guardian_id: Option<String>,
    /// Drop-off (check-in) or pick-up (check-out).
    #[schemars(schema_with = "moment_schema")]
    pub moment: Moment,
    /// Whether the guardian changed the moment the kiosk proposed.
    pub moment_corrected: bool,
    /// The children the visit covers, as in the roster.
    pub children: Vec<String>,
    /// The location's calendar day.
    pub local_date: jiff::civil::Date,
    /// The groups of those children.
    #[serde(default)]
    pub groups: Vec<String>,
}

/// A face tapped, or tapped again (`supersedes` names the earlier rating).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RatingRecorded {
    /// The rating, the same as the event's `id`.
    pub id: Uuid,
    /// Drop-off or pick-up.
    #[schemars(schema_with = "moment_schema")]
    pub moment: Moment,
    /// The location's calendar day.
    pub local_date: jiff::civil::Date,
    /// The face, 1 (worst) to `scale` (best).
    #[schemars(range(min = 1, max = 5))]
    pub score: u8,
    /// How many faces were shown: 3, 4 or 5.
    #[schemars(range(min = 3, max = 5))]
    pub scale: u8,
    /// The earlier rating of the same guardian, day and moment that this one replaces.
    pub supersedes: Option<Uuid>,
    /// Part of a burst of ratings without identification: not counted.
    pub misuse: bool,
    /// The visit; absent in anonymous mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visit_id: Option<Uuid>,
    /// The guardian; absent in anonymous mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guardian_id: Option<String>,
    /// The groups of the visit's children (kept when the guardian is not).
    #[serde(default)]
    pub groups: Vec<String>,
}

/// What a guardian added after a low rating: the whole answer so far (a later one
/// replaces an earlier one for the same rating).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RatingFollowUp {
    /// This answer, the same as the event's `id`.
    pub id: Uuid,
    /// The rating it belongs to.
    pub rating_id: Uuid,
    /// The keys of the reasons chosen (at most six).
    pub reasons: Vec<String>,
    /// "I would like to talk."
    pub talk_request: bool,
    /// The guardian, only with a talk request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guardian_id: Option<String>,
}

/// A staff member talked with the guardian about a rating.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUpHandled {
    /// The note, the same as the event's `id`.
    pub id: Uuid,
    /// The rating followed up.
    pub rating_id: Uuid,
    /// Who talked (the staff member's name).
    pub staff_name: String,
    /// What they noted (at most 500 characters).
    pub note: String,
}

/// A family was erased on the device; the upstream erases it too.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FamilyErased {
    /// The guardian erased.
    pub guardian_id: String,
    /// The children erased with them.
    pub child_ids: Vec<String>,
}

/// An event's data, by type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventData {
    /// `nl.welkom.visit.recorded.v1`
    Visit(VisitRecorded),
    /// `nl.welkom.rating.recorded.v1`
    Rating(RatingRecorded),
    /// `nl.welkom.rating.followup.v1`
    FollowUp(RatingFollowUp),
    /// `nl.welkom.followup.handled.v1`
    Handled(FollowUpHandled),
    /// `nl.welkom.family.erased.v1`
    Erased(FamilyErased),
}

impl EventData {
    /// `type` of a visit.
    pub const VISIT: &'static str = "nl.welkom.visit.recorded.v1";
    /// `type` of a rating.
    pub const RATING: &'static str = "nl.welkom.rating.recorded.v1";
    /// `type` of a guardian's reasons and talk request.
    pub const FOLLOW_UP: &'static str = "nl.welkom.rating.followup.v1";
    /// `type` of a staff member's note.
    pub const HANDLED: &'static str = "nl.welkom.followup.handled.v1";
    /// `type` of a family's erasure.
    pub const ERASED: &'static str = "nl.welkom.family.erased.v1";

    /// Every type this version knows.
    pub const TYPES: [&'static str; 5] = [
        Self::VISIT,
        Self::RATING,
        Self::FOLLOW_UP,
        Self::HANDLED,
        Self::ERASED,
    ];

    /// Reads and checks the data of an event of type `event_type` whose id is `id`;
    /// the error says why it is refused.
    pub fn parse(event_type: &str, id: &str, data: &serde_json::Value) -> Result<Self, String> {
        fn read<T: serde::de::DeserializeOwned>(data: &serde_json::Value) -> Result<T, String> {
            serde_path_to_error::deserialize(data).map_err(|e| {
                let path = e.path().to_string();
                if path == "." {
                    format!("data: {}", e.inner())
                } else {
                    format!("data.{path}: {}", e.inner())
                }
            })
        }
        let same_id = |data_id: &Uuid| {
            if data_id.to_string() == id.to_ascii_lowercase() {
                Ok(())
            } else {
                Err(format!("data.id {data_id} is not the event's id {id}"))
            }
        };
        let parsed = match event_type {
            Self::VISIT => {
                let visit: VisitRecorded = read(data)?;
                same_id(&visit.id)?;
                if visit
                    .guardian_id
                    .as_deref()
                    .is_some_and(|g| g.trim().is_empty())
                {
                    return Err("data.guardian_id is empty".into());
                }
                Self::Visit(visit)
            }
            Self::RATING => {
                let rating: RatingRecorded = read(data)?;
                same_id(&rating.id)?;
                if !(3..=5).contains(&rating.scale) {
                    return Err(format!("data.scale {} is not 3, 4 or 5", rating.scale));
                }
                if !(1..=rating.scale).contains(&rating.score) {
                    return Err(format!(
                        "data.score {} is not between 1 and the scale {}",
                        rating.score, rating.scale
                    ));
                }
                Self::Rating(rating)
            }
            Self::FOLLOW_UP => {
                let follow_up: RatingFollowUp = read(data)?;
                same_id(&follow_up.id)?;
                if follow_up.reasons.len() > 6 {
                    return Err(format!(
                        "data.reasons has {} reasons; at most 6",
                        follow_up.reasons.len()
                    ));
                }
                Self::FollowUp(follow_up)
            }
            Self::HANDLED => {
                let handled: FollowUpHandled = read(data)?;
                same_id(&handled.id)?;
                if handled.note.chars().count() > 500 {
                    return Err("data.note is longer than 500 characters".into());
                }
                Self::Handled(handled)
            }
            Self::ERASED => {
                let erased: FamilyErased = read(data)?;
                if erased.guardian_id.trim().is_empty() {
                    return Err("data.guardian_id is empty".into());
                }
                Self::Erased(erased)
            }
            other => {
                return Err(format!(
                    "unknown event type '{}'; this upstream knows {}",
                    other.chars().take(100).collect::<String>(),
                    Self::TYPES.join(", ")
                ));
            }
        };
        Ok(parsed)
    }
}

fn moment_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "enum": ["drop_off", "pick_up"],
        "description": "drop_off (check-in) or pick_up (check-out)"
    })
}

/// The JSON Schema of each event type's data (and of the answer), by file name, as
/// kept in `docs/schemas/`.
pub fn schemas() -> Vec<(&'static str, serde_json::Value)> {
    fn of<T: JsonSchema>() -> serde_json::Value {
        serde_json::to_value(schemars::schema_for!(T)).unwrap_or_default()
    }
    vec![
        ("visit.recorded.v1.schema.json", of::<VisitRecorded>()),
        ("rating.recorded.v1.schema.json", of::<RatingRecorded>()),
        ("rating.followup.v1.schema.json", of::<RatingFollowUp>()),
        ("followup.handled.v1.schema.json", of::<FollowUpHandled>()),
        ("family.erased.v1.schema.json", of::<FamilyErased>()),
        ("cloudevent.schema.json", of::<crate::CloudEvent>()),
        ("batch-answer.schema.json", of::<crate::BatchAnswer>()),
        ("pair-request.schema.json", of::<crate::PairRequest>()),
        ("pair-answer.schema.json", of::<crate::PairAnswer>()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ID: &str = "01939a4e-7c00-7000-8000-000000000001";

    #[test]
    fn a_rating_is_read_and_bad_ones_say_why() {
        let good = json!({
            "id": ID, "moment": "drop_off", "local_date": "2026-03-02", "score": 4,
            "scale": 4, "supersedes": null, "misuse": false, "groups": ["Vlinders"]
        });
        assert!(matches!(
            EventData::parse(EventData::RATING, ID, &good),
            Ok(EventData::Rating(r)) if r.score == 4 && r.guardian_id.is_none()
        ));
        let mut bad = good.clone();
        bad["score"] = json!(5);
        assert!(
            EventData::parse(EventData::RATING, ID, &bad)
                .unwrap_err()
                .contains("score 5")
        );
        let mut bad = good.clone();
        bad["moment"] = json!("lunch");
        assert!(
            EventData::parse(EventData::RATING, ID, &bad)
                .unwrap_err()
                .contains("moment")
        );
        let mut bad = good.clone();
        bad["extra"] = json!(1);
        assert!(
            EventData::parse(EventData::RATING, ID, &bad)
                .unwrap_err()
                .contains("extra")
        );
        let other = "01939a4e-7c00-7000-8000-000000000002";
        assert!(
            EventData::parse(EventData::RATING, other, &good)
                .unwrap_err()
                .contains("not the event's id")
        );
        assert!(
            EventData::parse("nl.welkom.unknown.v9", ID, &good)
                .unwrap_err()
                .contains("unknown event type")
        );
    }
}
