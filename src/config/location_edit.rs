//! The location's name and language as the first start's set-up writes them into
//! `welkom.toml`: through the same `toml_edit` writer and start-up check as every
//! other edit, so the file keeps its comments and always loads back.

use super::edit::{rewrite, set};
use super::{Config, ConfigError};
use std::path::Path;
use toml_edit::{DocumentMut, value};
use welkom_core::LanguageTag;

/// The longest location name, in characters (it heads the welcome screen).
pub const MAX_NAME_CHARS: usize = 60;

/// What is wrong with a location name, if anything: `None` when it can be saved.
pub fn name_problem(name: &str) -> Option<NameProblem> {
    let name = name.trim();
    if name.is_empty() {
        Some(NameProblem::Empty)
    } else if name.chars().count() > MAX_NAME_CHARS {
        Some(NameProblem::TooLong)
    } else if name.chars().any(char::is_control) {
        Some(NameProblem::Unprintable)
    } else {
        None
    }
}

/// Why a location name is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameProblem {
    /// Nothing but spaces.
    Empty,
    /// Longer than [`MAX_NAME_CHARS`].
    TooLong,
    /// Holds a control character.
    Unprintable,
}

/// Writes `[location] name` and `language` into the file (made when missing),
/// checks the result as at start-up and only then replaces the file. Returns the
/// new settings.
pub fn save_location(
    file: &Path,
    name: &str,
    language: &LanguageTag,
) -> Result<Config, ConfigError> {
    if let Some(problem) = name_problem(name) {
        return Err(ConfigError {
            file: file.to_owned(),
            line: None,
            key: Some("location.name".into()),
            message: match problem {
                NameProblem::Empty => "the location needs a name".into(),
                NameProblem::TooLong => format!("at most {MAX_NAME_CHARS} characters"),
                NameProblem::Unprintable => "holds a character that cannot be shown".into(),
            },
        });
    }
    rewrite(file, |text| {
        let mut doc = parse(text, file)?;
        let root = doc.as_table_mut();
        set(root, "location", "name", value(name.trim()));
        set(root, "location", "language", value(language.as_str()));
        Ok(doc.to_string())
    })
}

fn parse(text: &str, file: &Path) -> Result<DocumentMut, ConfigError> {
    text.parse().map_err(|e: toml_edit::TomlError| ConfigError {
        file: file.to_owned(),
        line: None,
        key: None,
        message: format!("the file cannot be read as TOML ({e}); correct it by hand first"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_and_language_are_written_comments_kept_and_the_file_loads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("welkom.toml");
        std::fs::write(&path, crate::config::DEFAULT_FILE).unwrap();
        let en = LanguageTag::parse("en").unwrap();
        let config = save_location(&path, "  't Kindernest ", &en).unwrap();
        assert_eq!(config.location.name, "'t Kindernest");
        assert_eq!(config.location.language, en);
        assert_eq!(crate::config::load(&path).unwrap(), config);
        let text = std::fs::read_to_string(&path).unwrap();
        for line in crate::config::DEFAULT_FILE
            .lines()
            .filter(|l| l.trim_start().starts_with('#'))
        {
            assert!(text.contains(line), "comment kept: {line}");
        }
    }

    #[test]
    fn a_missing_file_is_made_and_an_empty_name_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("welkom.toml");
        let error = save_location(&path, "   ", &LanguageTag::dutch()).unwrap_err();
        assert_eq!(error.key.as_deref(), Some("location.name"));
        assert!(!path.exists());
        let config = save_location(&path, "De Boomhut", &LanguageTag::dutch()).unwrap();
        assert_eq!(config.location.name, "De Boomhut");
        assert_eq!(name_problem(&"a".repeat(61)), Some(NameProblem::TooLong));
        assert_eq!(name_problem("Crèche Zoë-Ann"), None);
    }
}
