//! Rows sharing an id are one person: their values are merged and must agree; PINs,
//! badges and (guardian, child) pairs must be unique.

use super::header::Column;
use super::problem::{Person, ProblemKind};
use super::rows::{RowProblems, RowValues};
use super::{Roster, RosterGuardian};
use crate::{Child, ChildId, Guardian, GuardianId, LanguageTag};
use jiff::civil::Date;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fmt::Display;

/// A value and the line that first gave it.
#[derive(Clone, Debug)]
struct Given<T> {
    value: T,
    line: usize,
}

/// A guardian as merged so far.
#[derive(Debug)]
struct GuardianEntry {
    id: String,
    first_name: Option<Given<String>>,
    last_name: Option<Given<String>>,
    language: Option<Given<LanguageTag>>,
    pin: Option<Given<String>>,
    pin_hash: Option<Given<String>>,
    badge: Option<Given<String>>,
}

/// A child as merged so far.
#[derive(Debug)]
struct ChildEntry {
    id: String,
    first_name: Option<Given<String>>,
    last_name: Option<Given<String>>,
    group: Option<Given<String>>,
    birth_date: Option<Given<Date>>,
    start_date: Option<Given<Date>>,
    end_date: Option<Given<Date>>,
}

/// Merges rows into people, reporting disagreements and duplicates.
#[derive(Debug, Default)]
pub(super) struct Merger {
    guardians: Vec<GuardianEntry>,
    guardian_index: HashMap<String, usize>,
    children: Vec<ChildEntry>,
    child_index: HashMap<String, usize>,
    links: Vec<(usize, usize)>,
    pairs: HashMap<(usize, usize), usize>,
    pins: HashMap<String, (usize, usize)>,
    pin_hashes: HashMap<String, (usize, usize)>,
    badges: HashMap<String, (usize, usize)>,
    /// The key of the first `pin_hash` and its line: every other must share it.
    pin_key: Option<(String, usize)>,
}

/// Sets `slot` from a row's value, or reports a conflict with the value already there.
/// Returns whether the slot was set by this row.
fn merge<T: PartialEq + Display>(
    slot: &mut Option<Given<T>>,
    value: Option<T>,
    column: Column,
    person: Person,
    id: &str,
    out: &mut RowProblems<'_>,
) -> bool {
    let Some(value) = value else {
        return false;
    };
    match slot {
        None => {
            *slot = Some(Given {
                value,
                line: out.line(),
            });
            true
        }
        Some(given) if given.value == value => false,
        Some(given) => {
            out.add(
                column,
                ProblemKind::Conflict {
                    person,
                    id: id.to_owned(),
                    value: value.to_string(),
                    other_value: given.value.to_string(),
                    other_line: given.line,
                },
            );
            false
        }
    }
}

impl Merger {
    /// Adds one row's values.
    pub(super) fn add(&mut self, row: RowValues, out: &mut RowProblems<'_>) {
        let RowValues {
            guardian_id,
            guardian_first_name,
            guardian_last_name,
            language,
            pin,
            pin_hash,
            badge,
            child_id,
            child_first_name,
            child_last_name,
            group,
            birth_date,
            start_date,
            end_date,
        } = row;
        let guardian = guardian_id.map(|id| {
            let values = GuardianValues {
                first_name: guardian_first_name,
                last_name: guardian_last_name,
                language,
                pin,
                pin_hash,
                badge,
            };
            self.guardian(id, values, out)
        });
        let child = child_id.map(|id| {
            let values = ChildValues {
                first_name: child_first_name,
                last_name: child_last_name,
                group,
                birth_date,
                start_date,
                end_date,
            };
            self.child(id, values, out)
        });
        if let (Some(g), Some(c)) = (guardian, child) {
            match self.pairs.entry((g, c)) {
                Entry::Occupied(first) => out.add_row(ProblemKind::DuplicatePair {
                    guardian_id: self
                        .guardians
                        .get(g)
                        .map(|e| e.id.clone())
                        .unwrap_or_default(),
                    child_id: self
                        .children
                        .get(c)
                        .map(|e| e.id.clone())
                        .unwrap_or_default(),
                    other_line: *first.get(),
                }),
                Entry::Vacant(slot) => {
                    slot.insert(out.line());
                    self.links.push((g, c));
                }
            }
        }
    }

    /// Merges a guardian's values; returns the guardian's index.
    fn guardian(&mut self, id: String, values: GuardianValues, out: &mut RowProblems<'_>) -> usize {
        let index = match self.guardian_index.get(&id) {
            Some(&index) => index,
            None => {
                let index = self.guardians.len();
                self.guardian_index.insert(id.clone(), index);
                self.guardians.push(GuardianEntry {
                    id,
                    first_name: None,
                    last_name: None,
                    language: None,
                    pin: None,
                    pin_hash: None,
                    badge: None,
                });
                index
            }
        };
        let Some(entry) = self.guardians.get_mut(index) else {
            return index;
        };
        let g = Person::Guardian;
        merge(
            &mut entry.first_name,
            values.first_name,
            Column::GuardianFirstName,
            g,
            &entry.id,
            out,
        );
        merge(
            &mut entry.last_name,
            values.last_name,
            Column::GuardianLastName,
            g,
            &entry.id,
            out,
        );
        merge(
            &mut entry.language,
            values.language,
            Column::GuardianLanguage,
            g,
            &entry.id,
            out,
        );
        let new_pin = merge(&mut entry.pin, values.pin, Column::Pin, g, &entry.id, out);
        let new_pin_hash = merge(
            &mut entry.pin_hash,
            values.pin_hash,
            Column::PinHash,
            g,
            &entry.id,
            out,
        );
        let pin_hash = entry
            .pin_hash
            .as_ref()
            .filter(|_| new_pin_hash)
            .map(|p| p.value.clone());
        let new_badge = merge(
            &mut entry.badge,
            values.badge,
            Column::Badge,
            g,
            &entry.id,
            out,
        );
        let pin = entry
            .pin
            .as_ref()
            .filter(|_| new_pin)
            .map(|p| p.value.clone());
        let badge = entry
            .badge
            .as_ref()
            .filter(|_| new_badge)
            .map(|b| b.value.clone());
        if let Some(pin) = pin {
            let owner = self.pin_owner(&pin, index, out.line());
            if let Some((other_guardian_id, other_line)) = owner {
                out.add(
                    Column::Pin,
                    ProblemKind::DuplicatePin {
                        pin,
                        guardian_id: self.guardian_id(index),
                        other_guardian_id,
                        other_line,
                    },
                );
            }
        }
        if let Some(pin_hash) = pin_hash {
            // The key is all but the last `$` part; the row check read it already.
            let key = pin_hash
                .rsplit_once('$')
                .map_or(pin_hash.as_str(), |(key, _)| key);
            match &self.pin_key {
                None => self.pin_key = Some((key.to_owned(), out.line())),
                Some((first, other_line)) if first != key => out.add(
                    Column::PinHash,
                    ProblemKind::PinHashKeyDiffers {
                        other_line: *other_line,
                    },
                ),
                Some(_) => {}
            }
            let owner = register(&mut self.pin_hashes, &pin_hash, index, out.line())
                .map(|(other, other_line)| (self.guardian_id(other), other_line));
            if let Some((other_guardian_id, other_line)) = owner {
                out.add(
                    Column::PinHash,
                    ProblemKind::DuplicatePinHash {
                        guardian_id: self.guardian_id(index),
                        other_guardian_id,
                        other_line,
                    },
                );
            }
        }
        if let Some(badge) = badge {
            let owner = self.badge_owner(&badge, index, out.line());
            if let Some((other_guardian_id, other_line)) = owner {
                out.add(
                    Column::Badge,
                    ProblemKind::DuplicateBadge {
                        badge,
                        guardian_id: self.guardian_id(index),
                        other_guardian_id,
                        other_line,
                    },
                );
            }
        }
        index
    }

    /// Merges a child's values; returns the child's index.
    fn child(&mut self, id: String, values: ChildValues, out: &mut RowProblems<'_>) -> usize {
        let index = match self.child_index.get(&id) {
            Some(&index) => index,
            None => {
                let index = self.children.len();
                self.child_index.insert(id.clone(), index);
                self.children.push(ChildEntry {
                    id,
                    first_name: None,
                    last_name: None,
                    group: None,
                    birth_date: None,
                    start_date: None,
                    end_date: None,
                });
                index
            }
        };
        let Some(entry) = self.children.get_mut(index) else {
            return index;
        };
        let c = Person::Child;
        merge(
            &mut entry.first_name,
            values.first_name,
            Column::ChildFirstName,
            c,
            &entry.id,
            out,
        );
        merge(
            &mut entry.last_name,
            values.last_name,
            Column::ChildLastName,
            c,
            &entry.id,
            out,
        );
        merge(
            &mut entry.group,
            values.group,
            Column::Group,
            c,
            &entry.id,
            out,
        );
        merge(
            &mut entry.birth_date,
            values.birth_date,
            Column::BirthDate,
            c,
            &entry.id,
            out,
        );
        let new_start = merge(
            &mut entry.start_date,
            values.start_date,
            Column::StartDate,
            c,
            &entry.id,
            out,
        );
        let new_end = merge(
            &mut entry.end_date,
            values.end_date,
            Column::EndDate,
            c,
            &entry.id,
            out,
        );
        if (new_start || new_end)
            && let (Some(start), Some(end)) = (&entry.start_date, &entry.end_date)
            && end.value < start.value
        {
            out.add(
                Column::EndDate,
                ProblemKind::EndBeforeStart {
                    start: start.value,
                    end: end.value,
                },
            );
        }
        index
    }

    /// The id of guardian `index`.
    fn guardian_id(&self, index: usize) -> String {
        self.guardians
            .get(index)
            .map(|g| g.id.clone())
            .unwrap_or_default()
    }

    /// The other guardian (id, line) that already has `pin`, if any.
    fn pin_owner(&mut self, pin: &str, index: usize, line: usize) -> Option<(String, usize)> {
        register(&mut self.pins, pin, index, line)
            .map(|(other, other_line)| (self.guardian_id(other), other_line))
    }

    /// The other guardian (id, line) that already has `badge`, if any.
    fn badge_owner(&mut self, badge: &str, index: usize, line: usize) -> Option<(String, usize)> {
        register(&mut self.badges, badge, index, line)
            .map(|(other, other_line)| (self.guardian_id(other), other_line))
    }

    /// The merged roster; call only when no problem was found.
    pub(super) fn finish(self, default_language: &LanguageTag) -> Roster {
        let text = |given: Option<Given<String>>| given.map(|g| g.value).unwrap_or_default();
        let guardians = self
            .guardians
            .into_iter()
            .map(|g| RosterGuardian {
                guardian: Guardian {
                    id: GuardianId(g.id),
                    first_name: text(g.first_name),
                    last_name: text(g.last_name),
                    language: g
                        .language
                        .map_or_else(|| default_language.clone(), |l| l.value),
                },
                pin: g.pin.map(|p| p.value),
                pin_hash: g.pin_hash.map(|p| p.value),
                badge: g.badge.map(|b| b.value),
            })
            .collect();
        let children = self
            .children
            .into_iter()
            .map(|c| Child {
                id: ChildId(c.id),
                first_name: text(c.first_name),
                last_name: text(c.last_name),
                group: text(c.group),
                birth_date: c.birth_date.map(|d| d.value),
                start_date: c.start_date.map(|d| d.value),
                end_date: c.end_date.map(|d| d.value),
            })
            .collect();
        Roster {
            guardians,
            children,
            links: self.links,
        }
    }
}

/// A guardian's values from one row.
struct GuardianValues {
    first_name: Option<String>,
    last_name: Option<String>,
    language: Option<LanguageTag>,
    pin: Option<String>,
    pin_hash: Option<String>,
    badge: Option<String>,
}

/// A child's values from one row.
struct ChildValues {
    first_name: Option<String>,
    last_name: Option<String>,
    group: Option<String>,
    birth_date: Option<Date>,
    start_date: Option<Date>,
    end_date: Option<Date>,
}

/// Registers `code` (a PIN or badge) for guardian `index` on `line`; returns the
/// other owner's index and line when another guardian already has it.
fn register(
    owners: &mut HashMap<String, (usize, usize)>,
    code: &str,
    index: usize,
    line: usize,
) -> Option<(usize, usize)> {
    match owners.get(code) {
        Some(&(other, other_line)) if other != index => Some((other, other_line)),
        Some(_) => None,
        None => {
            owners.insert(code.to_owned(), (index, line));
            None
        }
    }
}
