//! Guardians and children as the kiosk knows them.

use crate::{ChildId, GuardianId, LanguageTag};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A parent, grandparent or other adult who brings and collects children.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guardian {
    /// The key in the organisation's childcare system.
    pub id: GuardianId,
    /// First name, used in the greeting.
    pub first_name: String,
    /// Last name, shown to staff only.
    pub last_name: String,
    /// The language the guardian is greeted in.
    pub language: LanguageTag,
}

/// A child in one of the location's groups.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Child {
    /// The key in the organisation's childcare system.
    pub id: ChildId,
    /// First name, used in the greeting.
    pub first_name: String,
    /// Last name, shown to staff only.
    pub last_name: String,
    /// The group (stamgroep) the child belongs to.
    pub group: String,
    /// Date of birth, for birthday greetings.
    pub birth_date: Option<Date>,
    /// First day of the placement.
    pub start_date: Option<Date>,
    /// Last day of the placement.
    pub end_date: Option<Date>,
}
