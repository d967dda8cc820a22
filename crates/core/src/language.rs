//! Language tags such as `nl`, `en`, `tr`, `pl`, `uk` (BCP 47, loosely checked).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A BCP 47 language tag, stored lower-case for the primary subtag (`nl`, `pt-BR`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LanguageTag(String);

/// Why a text is not a language tag.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a language tag; use a code such as nl, en, tr, pl or uk")]
pub struct BadLanguageTag(pub String);

impl LanguageTag {
    /// Dutch, the default language of a location.
    pub fn dutch() -> Self {
        Self("nl".into())
    }

    /// Parses a tag: 2–3 letters, then optional subtags of 1–8 letters or digits.
    pub fn parse(text: &str) -> Result<Self, BadLanguageTag> {
        let text = text.trim();
        let mut parts = text.split(['-', '_']);
        let primary = parts.next().unwrap_or_default();
        let primary_ok =
            (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic());
        let rest_ok = parts
            .clone()
            .all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
        if !primary_ok || !rest_ok {
            return Err(BadLanguageTag(text.to_owned()));
        }
        let mut tag = primary.to_ascii_lowercase();
        for part in parts {
            tag.push('-');
            tag.push_str(part);
        }
        Ok(Self(tag))
    }

    /// The tag as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary language subtag (`pt` for `pt-BR`).
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }
}

impl TryFrom<String> for LanguageTag {
    type Error = BadLanguageTag;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<LanguageTag> for String {
    fn from(tag: LanguageTag) -> Self {
        tag.0
    }
}

impl fmt::Display for LanguageTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_common_tags_and_normalises_case() {
        assert_eq!(LanguageTag::parse("NL").unwrap().as_str(), "nl");
        assert_eq!(LanguageTag::parse("pt_BR").unwrap().as_str(), "pt-BR");
        assert_eq!(LanguageTag::parse("uk").unwrap().primary(), "uk");
    }

    #[test]
    fn refuses_what_is_not_a_tag() {
        for bad in ["", "n", "dutch", "n1", "nl-", "12"] {
            assert!(LanguageTag::parse(bad).is_err(), "{bad}");
        }
    }
}
