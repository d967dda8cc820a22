//! `[location] languages`: which of the shipped languages a parent can choose on the
//! rating screen. Without the key every shipped language is offered (a language
//! added in a later release too); the location's own language always is.

use super::Config;
use crate::i18n::LANGUAGES;
use welkom_core::LanguageTag;

impl Config {
    /// The languages a parent can choose, in the order of the shipped files (Dutch
    /// first): those `[location] languages` names (all without the key), and the
    /// location's own language when Welkom ships it.
    pub fn enabled_languages(&self) -> Vec<LanguageTag> {
        let location = &self.location;
        LANGUAGES
            .iter()
            .filter_map(|(code, _)| LanguageTag::parse(code).ok())
            .filter(|tag| {
                *tag == location.language
                    || location
                        .languages
                        .as_ref()
                        .is_none_or(|list| list.contains(tag))
            })
            .collect()
    }

    /// Whether a parent can choose this language here.
    pub fn language_enabled(&self, language: &LanguageTag) -> bool {
        self.enabled_languages().contains(language)
    }
}

/// Every shipped language's tag, Dutch first.
pub fn shipped() -> Vec<LanguageTag> {
    LANGUAGES
        .iter()
        .filter_map(|(code, _)| LanguageTag::parse(code).ok())
        .collect()
}

/// What is wrong with `[location] languages`, if anything: a language Welkom has no
/// texts for, or one named twice.
pub(super) fn problem(config: &Config) -> Option<String> {
    let list = config.location.languages.as_ref()?;
    let shipped = shipped();
    let codes: Vec<&str> = shipped.iter().map(LanguageTag::as_str).collect();
    for (i, tag) in list.iter().enumerate() {
        if !shipped.contains(tag) {
            return Some(format!(
                "Welkom has no texts in '{tag}'; use some of {}, or remove the key to offer \
                 them all",
                codes.join(", ")
            ));
        }
        if list[..i].contains(tag) {
            return Some(format!("'{tag}' is named twice; name each language once"));
        }
    }
    None
}

/// Writes `[location] languages` for a manager's choice: every shipped language on
/// removes the key (so a language added in a later release is offered too).
pub(super) fn write(root: &mut toml_edit::Table, languages: &[LanguageTag]) {
    if shipped().iter().all(|tag| languages.contains(tag)) {
        if let Some(location) = root.get_mut("location").and_then(|l| l.as_table_mut()) {
            location.remove("languages");
        }
        return;
    }
    let list: toml_edit::Array = languages.iter().map(LanguageTag::as_str).collect();
    super::edit::set(root, "location", "languages", toml_edit::value(list));
}

#[cfg(test)]
mod tests {
    use crate::config::{Config, load_text};
    use std::path::Path;
    use welkom_core::LanguageTag;

    fn tags(codes: &[&str]) -> Vec<LanguageTag> {
        codes
            .iter()
            .map(|c| LanguageTag::parse(c).unwrap())
            .collect()
    }

    #[test]
    fn without_the_key_every_shipped_language_is_offered() {
        let config = Config::default();
        assert_eq!(config.enabled_languages(), super::shipped());
        for code in ["nl", "en", "tr", "pl", "uk", "de", "fr", "es"] {
            assert!(config.language_enabled(&tags(&[code])[0]), "{code}");
        }
    }

    #[test]
    fn the_list_is_kept_in_the_shipped_order_with_the_location_language() {
        let config = load_text(
            "[location]\nlanguage = \"en\"\nlanguages = [\"pl\", \"de\"]\n",
            Path::new("welkom.toml"),
        )
        .unwrap();
        assert_eq!(config.enabled_languages(), tags(&["en", "pl", "de"]));
        assert!(config.language_enabled(&LanguageTag::parse("en").unwrap()));
        assert!(!config.language_enabled(&LanguageTag::dutch()));
        let only_own = load_text("[location]\nlanguages = []\n", Path::new("welkom.toml")).unwrap();
        assert_eq!(only_own.enabled_languages(), tags(&["nl"]));
    }

    fn err(text: &str) -> crate::config::ConfigError {
        load_text(text, Path::new("welkom.toml")).expect_err(text)
    }

    #[test]
    fn an_unknown_or_repeated_language_names_line_key_and_what_to_do() {
        let e = err("[location]\nname = \"De Vlinder\"\nlanguages = [\"nl\", \"fy\"]\n");
        assert_eq!(
            (e.line, e.key.as_deref()),
            (Some(3), Some("location.languages"))
        );
        assert!(e.message.contains("'fy'"), "{}", e.message);
        let shipped: Vec<String> = super::shipped().iter().map(ToString::to_string).collect();
        assert!(e.message.contains(&shipped.join(", ")), "{}", e.message);
        assert!(e.message.contains("remove the key"), "{}", e.message);
        let e = err("[location]\nlanguages = [\"de\", \"de\"]\n");
        assert_eq!(e.key.as_deref(), Some("location.languages"));
        assert!(e.message.contains("twice"), "{}", e.message);
        let e = err("[location]\nlanguages = [\"nederlands\"]\n");
        assert_eq!(
            (e.line, e.key.as_deref()),
            (Some(2), Some("location.languages"))
        );
        assert!(e.message.contains("language tag"), "{}", e.message);
        let e = err("[location]\nlanguages = \"nl\"\n");
        assert_eq!(e.key.as_deref(), Some("location.languages"));
    }
}
