//! Changing `welkom.toml` from staff mode: the settings a manager may change are
//! written into the file with `toml_edit`, so every comment and every other line
//! stays as the installer left it. The result is read back with the same checks as
//! at start-up before it replaces the file, so a bad value is refused and nothing is
//! half-written.

use super::{ClockTime, Config, ConfigError, Questions, Reason, load_text};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use toml_edit::{DocumentMut, InlineTable, Item, Table, value};
use welkom_core::{LanguageTag, Scale};

/// The settings a manager changes on the tablet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigEdit {
    /// 3, 4 or 5 faces.
    pub scale: Scale,
    /// Seconds the thank-you screen stays.
    pub thank_you_secs: u32,
    /// Seconds any screen stays untouched.
    pub idle_secs: u32,
    /// Seconds staff mode stays untouched.
    pub staff_idle_secs: u32,
    /// Opening time.
    pub open: ClockTime,
    /// Closing time.
    pub close: ClockTime,
    /// Ratings stored without their guardian.
    pub anonymous: bool,
    /// Days after which the guardian link is dropped.
    pub retention_days: u32,
    /// The question per moment and language (an empty text: the standard question).
    pub questions: Questions,
    /// The reasons offered after a low rating, in order.
    pub reasons: Vec<Reason>,
    /// The languages a parent can choose (see [`Config::enabled_languages`]).
    pub languages: Vec<LanguageTag>,
}

impl ConfigEdit {
    /// The editable part of a configuration.
    pub fn from_config(config: &Config) -> Self {
        Self {
            scale: config.rating.scale,
            thank_you_secs: config.timeouts.thank_you_secs,
            idle_secs: config.timeouts.idle_secs,
            staff_idle_secs: config.timeouts.staff_idle_secs,
            open: config.opening_hours.open,
            close: config.opening_hours.close,
            anonymous: config.privacy.anonymous,
            retention_days: config.privacy.retention_days,
            questions: config.questions.clone(),
            reasons: config.reasons(),
            languages: config.enabled_languages(),
        }
    }
}

impl ConfigEdit {
    /// The first own reason (not one of the standard six) without words in the
    /// location's language: the loader would refuse it, so it cannot be saved yet.
    pub fn reason_without_words(&self, language: &LanguageTag) -> Option<usize> {
        self.reasons.iter().position(|r| {
            !super::DEFAULT_REASONS.contains(&r.key.as_str())
                && r.text.get(language).is_none_or(|t| t.trim().is_empty())
        })
    }
}

/// Writes the edit into the text of a configuration file, keeping its comments.
pub fn apply(text: &str, edit: &ConfigEdit, file: &Path) -> Result<String, ConfigError> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| ConfigError {
            file: file.to_owned(),
            line: None,
            key: None,
            message: format!("the file cannot be read as TOML ({e}); correct it by hand first"),
        })?;
    let root = doc.as_table_mut();
    set(root, "rating", "scale", value(i64::from(edit.scale.size())));
    set(
        root,
        "timeouts",
        "thank_you_secs",
        value(i64::from(edit.thank_you_secs)),
    );
    set(
        root,
        "timeouts",
        "idle_secs",
        value(i64::from(edit.idle_secs)),
    );
    set(
        root,
        "timeouts",
        "staff_idle_secs",
        value(i64::from(edit.staff_idle_secs)),
    );
    set(root, "opening_hours", "open", value(edit.open.to_string()));
    set(
        root,
        "opening_hours",
        "close",
        value(edit.close.to_string()),
    );
    set(root, "privacy", "anonymous", value(edit.anonymous));
    set(
        root,
        "privacy",
        "retention_days",
        value(i64::from(edit.retention_days)),
    );
    let questions = table(root, "questions");
    questions.set_implicit(true);
    for (key, map) in [
        ("drop_off", &edit.questions.drop_off),
        ("pick_up", &edit.questions.pick_up),
    ] {
        let map = non_empty(map);
        if map.is_empty() {
            questions.remove(key);
            continue;
        }
        let section = table(questions, key);
        section.clear();
        for (language, text) in map {
            section.insert(language.as_str(), value(text));
        }
    }
    if questions.is_empty() {
        root.remove("questions");
    }
    super::languages::write(root, &edit.languages);
    if edit.reasons.is_empty() || edit.reasons == Config::default().reasons() {
        // The standard six need no lines in the file.
        root.remove("reasons");
    } else {
        let mut reasons = toml_edit::ArrayOfTables::new();
        for reason in &edit.reasons {
            let mut entry = Table::new();
            entry.insert("key", value(reason.key.as_str()));
            let texts = non_empty(&reason.text);
            if !texts.is_empty() {
                let mut words = InlineTable::new();
                for (language, text) in texts {
                    words.insert(language.as_str(), text.into());
                }
                entry.insert("text", value(words));
            }
            reasons.push(entry);
        }
        root.insert("reasons", Item::ArrayOfTables(reasons));
    }
    Ok(doc.to_string())
}

/// Applies the edit to the file, checks the result as at start-up and only then
/// replaces the file (written beside it, synced, renamed). Returns the new settings.
pub fn save(file: &Path, edit: &ConfigEdit) -> Result<Config, ConfigError> {
    rewrite(file, |text| apply(text, edit, file))
}

/// Changes the file's text with `change`, checks the result as at start-up and only
/// then replaces the file (written beside it, synced, renamed): a missing file is
/// an empty one. Returns the new settings.
pub(super) fn rewrite(
    file: &Path,
    change: impl FnOnce(&str) -> Result<String, ConfigError>,
) -> Result<Config, ConfigError> {
    let io_error = |what: &str, e: std::io::Error| ConfigError {
        file: file.to_owned(),
        line: None,
        key: None,
        message: format!("cannot {what} the file: {e}"),
    };
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(io_error("read", e)),
    };
    let new_text = change(&text)?;
    let config = load_text(&new_text, file)?;
    let temporary = file.with_extension("toml.new");
    let written = std::fs::File::create(&temporary).and_then(|mut f| {
        f.write_all(new_text.as_bytes())?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&temporary, file)) {
        let _ = std::fs::remove_file(&temporary);
        return Err(io_error("write", e));
    }
    if let Some(dir) = file.parent()
        && let Ok(dir) = std::fs::File::open(dir)
    {
        let _ = dir.sync_all();
    }
    Ok(config)
}

/// Sets `section.key`, creating the section when the file has none.
pub(super) fn set(root: &mut Table, section: &str, key: &str, item: Item) {
    let section = table(root, section);
    match section.get_mut(key) {
        // Keep the comment written before the key.
        Some(old) if old.is_value() => {
            let decor = old.as_value().map(|v| v.decor().clone());
            *old = item;
            if let (Some(decor), Some(v)) = (decor, old.as_value_mut()) {
                *v.decor_mut() = decor;
            }
        }
        _ => {
            section.insert(key, item);
        }
    }
}

/// The table under `key`, made when missing (or when the key held something else).
pub(super) fn table<'a>(parent: &'a mut Table, key: &str) -> &'a mut Table {
    let fresh = !parent.get(key).is_some_and(Item::is_table);
    if fresh {
        parent.insert(key, Item::Table(Table::new()));
    }
    parent
        .get_mut(key)
        .and_then(Item::as_table_mut)
        .expect("the table was just made")
}

/// The texts that say something, trimmed.
fn non_empty(map: &BTreeMap<LanguageTag, String>) -> BTreeMap<&LanguageTag, &str> {
    map.iter()
        .map(|(language, text)| (language, text.trim()))
        .filter(|(_, text)| !text.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file() -> PathBuf {
        PathBuf::from("welkom.toml")
    }

    #[test]
    fn changes_values_and_keeps_every_comment() {
        let text = crate::config::DEFAULT_FILE;
        let config = load_text(text, &file()).unwrap();
        let mut edit = ConfigEdit::from_config(&config);
        edit.scale = Scale::Five;
        edit.idle_secs = 45;
        edit.open = ClockTime::new(7, 30);
        edit.anonymous = true;
        edit.retention_days = 90;
        edit.questions
            .drop_off
            .insert(LanguageTag::dutch(), "Hoe ging het afscheid?".into());
        let new_text = apply(text, &edit, &file()).unwrap();
        let changed = load_text(&new_text, &file()).unwrap();
        assert_eq!(changed.rating.scale, Scale::Five);
        assert_eq!(changed.timeouts.idle_secs, 45);
        assert_eq!(changed.opening_hours.open, ClockTime::new(7, 30));
        assert!(changed.privacy.anonymous);
        assert_eq!(changed.privacy.retention_days, 90);
        assert_eq!(
            changed
                .questions
                .get(welkom_core::Moment::DropOff, &LanguageTag::dutch()),
            Some("Hoe ging het afscheid?")
        );
        assert_eq!(changed.location, config.location, "untouched keys stay");
        for line in text.lines().filter(|l| l.trim_start().starts_with('#')) {
            assert!(new_text.contains(line), "comment kept: {line}");
        }
        assert_eq!(ConfigEdit::from_config(&changed), edit);
    }

    #[test]
    fn languages_are_written_as_a_list_and_all_of_them_as_no_key() {
        let text = crate::config::DEFAULT_FILE;
        let mut edit = ConfigEdit::from_config(&load_text(text, &file()).unwrap());
        edit.languages
            .retain(|l| ["nl", "pl", "de"].contains(&l.as_str()));
        let new_text = apply(text, &edit, &file()).unwrap();
        let changed = load_text(&new_text, &file()).unwrap();
        let codes: Vec<String> = changed
            .enabled_languages()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(codes, ["nl", "pl", "de"]);
        assert!(
            new_text.contains("languages = [\"nl\", \"pl\", \"de\"]"),
            "{new_text}"
        );
        assert_eq!(ConfigEdit::from_config(&changed), edit);
        // Every language on again: the key goes, so a language added later is on too.
        edit.languages = crate::config::Config::default().enabled_languages();
        let again = apply(&new_text, &edit, &file()).unwrap();
        assert_eq!(load_text(&again, &file()).unwrap().location.languages, None);
        assert!(!again.contains("\nlanguages = "), "{again}");
    }

    #[test]
    fn reasons_are_written_with_their_words_and_empty_texts_are_dropped() {
        let mut edit = ConfigEdit::from_config(&Config::default());
        edit.reasons.truncate(2);
        edit.reasons.push(Reason {
            key: "parking".into(),
            text: [
                (LanguageTag::dutch(), "Parkeren".to_owned()),
                (LanguageTag::parse("en").unwrap(), "  ".to_owned()),
            ]
            .into(),
        });
        let text = apply("", &edit, &file()).unwrap();
        let config = load_text(&text, &file()).unwrap();
        let keys: Vec<_> = config.reasons.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["handover", "information", "parking"]);
        assert_eq!(
            config.reasons[2].text.len(),
            1,
            "the blank English text is dropped"
        );
    }

    #[test]
    fn a_bad_value_is_refused_and_the_file_is_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("welkom.toml");
        std::fs::write(&path, crate::config::DEFAULT_FILE).unwrap();
        let mut edit = ConfigEdit::from_config(&Config::default());
        edit.close = ClockTime::new(6, 0);
        let error = save(&path, &edit).unwrap_err();
        assert_eq!(error.key.as_deref(), Some("opening_hours.close"));
        assert!(error.line.is_some());
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            crate::config::DEFAULT_FILE
        );
        edit.close = ClockTime::new(19, 0);
        let saved = save(&path, &edit).unwrap();
        assert_eq!(saved.opening_hours.close, ClockTime::new(19, 0));
        assert_eq!(crate::config::load(&path).unwrap(), saved);
        assert!(!dir.path().join("welkom.toml.new").exists());
    }
}
