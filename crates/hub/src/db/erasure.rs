//! A family's erasure at the hub, the same on both back ends: which ids are forgotten,
//! and how an event's data is stripped of them.
//!
//! The hub keeps no erased id itself: it keeps a SHA-256 of the location, the kind and
//! the id (`erased_ids`), so that an event of the family that arrives later (from a
//! kiosk that was offline, or another kiosk of the location) is stripped on arrival.
//! Besides the guardian and the erased children, the family's visits and ratings are
//! remembered ("links"), so that a later staff note about one of their ratings loses
//! its text as well.

use sha2::{Digest, Sha256};
use std::collections::HashSet;
use welkom_core::LanguageTag;
use welkom_core::roster::Roster;
use welkom_protocol::EventData;

/// What an erased id was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A guardian.
    Guardian,
    /// A child.
    Child,
    /// A visit or rating of the family.
    Link,
}

impl Kind {
    fn key(self) -> &'static str {
        match self {
            Kind::Guardian => "guardian",
            Kind::Child => "child",
            Kind::Link => "link",
        }
    }
}

/// The erased ids of one location that matter for the events at hand, as hashes.
#[derive(Debug)]
pub(crate) struct Forgotten {
    location: String,
    hashes: HashSet<String>,
    /// Hashes added since the set was read, to be stored.
    added: Vec<String>,
    /// How many hashes were read.
    read: usize,
}

impl Forgotten {
    /// A set of a location, holding the hashes read from the database.
    pub(crate) fn new(location: &str, hashes: impl IntoIterator<Item = String>) -> Self {
        let hashes: HashSet<String> = hashes.into_iter().collect();
        Self {
            location: location.to_owned(),
            read: hashes.len(),
            hashes,
            added: Vec::new(),
        }
    }

    /// How many of the hashes were read from the database. Erased ids are never
    /// removed, so a later read of the same candidates with more is a newer set.
    pub(crate) fn read_count(&self) -> usize {
        self.read
    }

    /// The hash under which an erased id of this location is kept.
    pub(crate) fn hash(&self, kind: Kind, id: &str) -> String {
        id_hash(&self.location, kind, id)
    }

    fn has(&self, kind: Kind, id: &str) -> bool {
        !self.hashes.is_empty() && self.hashes.contains(&self.hash(kind, id))
    }

    /// Forgets an id from now on.
    pub(crate) fn add(&mut self, kind: Kind, id: &str) {
        let hash = self.hash(kind, id);
        if self.hashes.insert(hash.clone()) {
            self.added.push(hash);
        }
    }

    /// The hashes added since the set was read (each once), to be stored.
    pub(crate) fn take_added(&mut self) -> Vec<String> {
        std::mem::take(&mut self.added)
    }

    /// Every hash that, if stored, would change one of these events: what to read
    /// from the database before stripping them.
    pub(crate) fn candidates<'a>(
        &self,
        events: impl IntoIterator<Item = &'a serde_json::Value>,
    ) -> Vec<String> {
        let mut out = HashSet::new();
        for data in events {
            for (field, kind) in [
                ("guardian_id", Kind::Guardian),
                ("id", Kind::Link),
                ("visit_id", Kind::Link),
                ("rating_id", Kind::Link),
            ] {
                if let Some(id) = data.get(field).and_then(|v| v.as_str()) {
                    out.insert(self.hash(kind, id));
                }
            }
            for child in children(data) {
                out.insert(self.hash(Kind::Child, child));
            }
        }
        out.into_iter().collect()
    }

    /// Strips an event's data of everything this set forgets, and learns the visits
    /// and ratings of an erased guardian. Returns whether the data changed. The data
    /// of an erasure itself is never kept: it names the family.
    pub(crate) fn strip(&mut self, event_type: &str, data: &mut serde_json::Value) -> bool {
        let Some(object) = data.as_object_mut() else {
            return false;
        };
        if event_type == EventData::ERASED {
            let changed = !object.is_empty();
            object.clear();
            return changed;
        }
        let text = |object: &serde_json::Map<String, serde_json::Value>, field: &str| {
            object
                .get(field)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        let guardian = text(object, "guardian_id");
        let own_id = text(object, "id");
        let visit = text(object, "visit_id");
        let rating = text(object, "rating_id");
        let erased_guardian = guardian
            .as_deref()
            .is_some_and(|g| self.has(Kind::Guardian, g));
        let mut changed = false;
        match event_type {
            EventData::VISIT | EventData::RATING => {
                let family = erased_guardian
                    || own_id.as_deref().is_some_and(|id| self.has(Kind::Link, id))
                    || visit.as_deref().is_some_and(|id| self.has(Kind::Link, id));
                if family {
                    changed |= object.remove("guardian_id").is_some();
                    changed |= object.remove("visit_id").is_some();
                    for id in own_id.iter().chain(visit.iter()) {
                        self.add(Kind::Link, id);
                    }
                }
            }
            EventData::FOLLOW_UP => {
                let family =
                    erased_guardian || rating.as_deref().is_some_and(|id| self.has(Kind::Link, id));
                if family {
                    changed |= object.remove("guardian_id").is_some();
                }
            }
            EventData::HANDLED => {
                if rating.as_deref().is_some_and(|id| self.has(Kind::Link, id))
                    && object.get("note").and_then(|v| v.as_str()) != Some("")
                {
                    object.insert("note".into(), "".into());
                    changed = true;
                }
            }
            _ => {
                // A type this version does not know: drop whatever names a guardian.
                if erased_guardian {
                    changed |= object.remove("guardian_id").is_some();
                }
            }
        }
        if let Some(serde_json::Value::Array(list)) = object.get_mut("children") {
            let before = list.len();
            let (location, hashes) = (&self.location, &self.hashes);
            list.retain(|child| {
                child
                    .as_str()
                    .is_none_or(|c| !hashes.contains(&id_hash(location, Kind::Child, c)))
            });
            changed |= list.len() != before;
        }
        changed
    }
}

/// The guardians and children a roster names, each as (the hash under which its
/// erasure at `location` would be kept, what it is in words: "guardian 'G-7'").
pub(crate) fn roster_people(location: &str, roster: &Roster) -> Vec<(String, String)> {
    let guardians = roster.guardians.iter().map(|entry| {
        let id = &entry.guardian.id.0;
        (
            id_hash(location, Kind::Guardian, id),
            format!("guardian '{id}'"),
        )
    });
    let children = roster.children.iter().map(|child| {
        let id = &child.id.0;
        (id_hash(location, Kind::Child, id), format!("child '{id}'"))
    });
    guardians.chain(children).collect()
}

/// The hash under which an erased id of a location is kept.
fn id_hash(location: &str, kind: Kind, id: &str) -> String {
    let mut hasher = Sha256::new();
    for part in [location, kind.key(), id] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    super::hex(&hasher.finalize())
}

/// The children an event's data names.
fn children(data: &serde_json::Value) -> impl Iterator<Item = &str> {
    data.get("children")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str())
}

/// What erasing a family does to a stored roster.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum RosterAfter {
    /// The roster does not name the family: leave it.
    Unchanged,
    /// Nobody is left, or it can no longer be read: delete it.
    Empty,
    /// The roster without the family.
    Changed(Vec<u8>),
}

/// The stored roster without the guardian and the erased children (and without
/// anybody left with no child).
pub(crate) fn roster_without(csv: &[u8], guardian: &str, children: &[String]) -> RosterAfter {
    let Ok(roster) = welkom_core::roster::parse(csv, &LanguageTag::dutch()) else {
        // A stored roster this hub can no longer read may still name the family:
        // it goes whole, rather than keep a name the erasure was asked to remove.
        tracing::warn!(
            "a stored roster could not be read while erasing a family; it was deleted \
             so that no erased name stays: import the location's roster again"
        );
        return RosterAfter::Empty;
    };
    let erased_child = |c: usize| {
        roster
            .children
            .get(c)
            .is_some_and(|child| children.contains(&child.id.0))
    };
    let erased_guardian = |g: usize| {
        roster
            .guardians
            .get(g)
            .is_some_and(|e| e.guardian.id.0 == guardian)
    };
    let links: Vec<(usize, usize)> = roster
        .links
        .iter()
        .copied()
        .filter(|&(g, c)| !erased_guardian(g) && !erased_child(c))
        .collect();
    if links.len() == roster.links.len() {
        return RosterAfter::Unchanged;
    }
    if links.is_empty() {
        return RosterAfter::Empty;
    }
    // Keep the people still linked, in their order, and renumber the links.
    let mut kept = Roster::default();
    let mut guardian_at = vec![None; roster.guardians.len()];
    let mut child_at = vec![None; roster.children.len()];
    for &(g, c) in &links {
        let (Some(entry), Some(child)) = (roster.guardians.get(g), roster.children.get(c)) else {
            continue;
        };
        let g_new = *guardian_at[g].get_or_insert_with(|| {
            kept.guardians.push(entry.clone());
            kept.guardians.len() - 1
        });
        let c_new = *child_at[c].get_or_insert_with(|| {
            kept.children.push(child.clone());
            kept.children.len() - 1
        });
        kept.links.push((g_new, c_new));
    }
    RosterAfter::Changed(welkom_core::roster::write(&kept))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn forgotten() -> Forgotten {
        let mut f = Forgotten::new("L1", []);
        f.add(Kind::Guardian, "G-A");
        f.add(Kind::Child, "C-A");
        f
    }

    #[test]
    fn a_visit_of_the_family_loses_guardian_and_erased_children_and_is_learned() {
        let mut f = forgotten();
        let mut visit = json!({"id": "v1", "guardian_id": "G-A", "children": ["C-A", "C-S"]});
        assert!(f.strip(EventData::VISIT, &mut visit));
        assert_eq!(visit, json!({"id": "v1", "children": ["C-S"]}));
        let mut other = json!({"id": "v2", "guardian_id": "G-B", "children": ["C-A", "C-B"]});
        assert!(f.strip(EventData::VISIT, &mut other));
        assert_eq!(
            other,
            json!({"id": "v2", "guardian_id": "G-B", "children": ["C-B"]})
        );
        let mut rating = json!({"id": "r1", "visit_id": "v1", "score": 1});
        assert!(f.strip(EventData::RATING, &mut rating), "learned v1");
        assert_eq!(rating, json!({"id": "r1", "score": 1}));
        let mut note = json!({"id": "n1", "rating_id": "r1", "staff_name": "Els", "note": "x"});
        assert!(f.strip(EventData::HANDLED, &mut note), "learned r1");
        assert_eq!(note["note"], "");
        let mut untouched = json!({"id": "n2", "rating_id": "r9", "note": "y"});
        assert!(!f.strip(EventData::HANDLED, &mut untouched));
        let mut erased = json!({"guardian_id": "G-A", "child_ids": ["C-A"]});
        assert!(f.strip(EventData::ERASED, &mut erased));
        assert_eq!(erased, json!({}));
        let added = f.take_added();
        assert_eq!(added.len(), 4, "G-A, C-A, v1, r1 once each");
        assert!(added.iter().all(|h| !h.contains("G-A") && h.len() == 64));
    }

    #[test]
    fn the_roster_loses_the_family_and_keeps_the_shared_child() {
        let csv = "guardian_id,guardian_first_name,child_id,child_first_name\n\
                   G-A,Anna,C-A,Abel\nG-A,Anna,C-S,Sam\nG-B,Bert,C-S,Sam\nG-C,Cor,C-C,Cas\n";
        let RosterAfter::Changed(after) = roster_without(csv.as_bytes(), "G-A", &["C-A".into()])
        else {
            panic!("changed");
        };
        let text = String::from_utf8(after).unwrap();
        assert!(!text.contains("Anna") && !text.contains("Abel"), "{text}");
        assert!(text.contains("G-B,Bert") && text.contains("C-S,Sam") && text.contains("Cor"));
        assert_eq!(
            roster_without(csv.as_bytes(), "G-X", &[]),
            RosterAfter::Unchanged
        );
    }
}
