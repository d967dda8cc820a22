//! Every text a guardian or staff member sees, from the Fluent files in
//! `assets/i18n/`, Dutch first.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use std::collections::HashMap;
use welkom_core::LanguageTag;

/// The translation files shipped with Welkom, Dutch first.
pub const LANGUAGES: [(&str, &str); 9] = [
    ("nl", include_str!("../assets/i18n/nl.ftl")),
    ("en", include_str!("../assets/i18n/en.ftl")),
    ("tr", include_str!("../assets/i18n/tr.ftl")),
    ("pl", include_str!("../assets/i18n/pl.ftl")),
    ("uk", include_str!("../assets/i18n/uk.ftl")),
    ("de", include_str!("../assets/i18n/de.ftl")),
    ("fr", include_str!("../assets/i18n/fr.ftl")),
    ("es", include_str!("../assets/i18n/es.ftl")),
    ("ar", include_str!("../assets/i18n/ar.ftl")),
];

/// Staff mode's texts, Dutch and English: only staff see them, so only the languages
/// a team works in. Loaded into the same bundles as the parents' texts.
pub const STAFF_LANGUAGES: [(&str, &str); 2] = [
    ("nl", include_str!("../assets/i18n/staff/nl.ftl")),
    ("en", include_str!("../assets/i18n/staff/en.ftl")),
];

/// The first start's set-up texts, Dutch and English (the set-up's language switch
/// offers these two). Loaded into the same bundles as the parents' texts.
pub const SETUP_LANGUAGES: [(&str, &str); 2] = [
    ("nl", include_str!("../assets/i18n/setup/nl.ftl")),
    ("en", include_str!("../assets/i18n/setup/en.ftl")),
];

/// The loaded translations.
pub struct Texts {
    bundles: HashMap<&'static str, FluentBundle<FluentResource>>,
    /// The location's language: used where the guardian's language lacks a text.
    location_language: String,
}

/// A translation file that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("the translation file for '{language}' has errors: {details}")]
pub struct TextsError {
    /// The language of the broken file.
    pub language: String,
    /// What Fluent said.
    pub details: String,
}

/// Arguments of a message, by name.
pub type Args<'a> = [(&'a str, FluentValue<'a>)];

impl Texts {
    /// Loads every shipped language.
    pub fn load(location_language: &LanguageTag) -> Result<Self, TextsError> {
        let mut bundles = HashMap::new();
        for (code, source) in LANGUAGES {
            let error = |details: String| TextsError {
                language: code.to_owned(),
                details,
            };
            let lang = code
                .parse()
                .map_err(|e| error(format!("language id: {e}")))?;
            let mut bundle = FluentBundle::new(vec![lang]);
            // Bidi isolation marks would show as boxes in the kiosk's font.
            bundle.set_use_isolating(false);
            let staff = STAFF_LANGUAGES
                .iter()
                .chain(SETUP_LANGUAGES.iter())
                .filter(|(staff_code, _)| *staff_code == code)
                .map(|(_, staff_source)| *staff_source);
            for source in std::iter::once(source).chain(staff) {
                let resource = FluentResource::try_new(source.to_owned())
                    .map_err(|(_, errors)| error(format!("{errors:?}")))?;
                bundle
                    .add_resource(resource)
                    .map_err(|errors| error(format!("{errors:?}")))?;
            }
            bundles.insert(code, bundle);
        }
        Ok(Self {
            bundles,
            location_language: location_language.primary().to_owned(),
        })
    }

    /// Whether a language has its own translation file.
    pub fn has_language(&self, language: &LanguageTag) -> bool {
        self.bundles.contains_key(language.primary())
    }

    /// The message `key` in `language`, falling back to the location's language, then
    /// Dutch, then English; the key itself when no file has it.
    pub fn get(&self, language: &LanguageTag, key: &str, args: &Args<'_>) -> String {
        let candidates = [
            language.primary(),
            self.location_language.as_str(),
            "nl",
            "en",
        ];
        for code in candidates {
            let Some(bundle) = self.bundles.get(code) else {
                continue;
            };
            let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
                continue;
            };
            let mut fluent_args = FluentArgs::new();
            for (name, value) in args {
                fluent_args.set(*name, value.clone());
            }
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
            return text.into_owned();
        }
        key.to_owned()
    }

    /// A message without arguments.
    pub fn plain(&self, language: &LanguageTag, key: &str) -> String {
        self.get(language, key, &[])
    }
}

#[cfg(test)]
mod parity;

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(source: &str) -> Vec<&str> {
        source
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim()))
            .collect()
    }

    #[test]
    fn every_language_has_every_message() {
        let dutch = ids(LANGUAGES[0].1);
        assert!(dutch.len() > 30);
        for (code, source) in LANGUAGES {
            assert_eq!(ids(source), dutch, "{code}.ftl differs from nl.ftl");
        }
    }

    #[test]
    fn staff_texts_exist_in_dutch_and_english_and_do_not_clash() {
        let dutch = ids(STAFF_LANGUAGES[0].1);
        assert!(dutch.len() > 20);
        for (code, source) in STAFF_LANGUAGES {
            assert_eq!(
                ids(source),
                dutch,
                "staff/{code}.ftl differs from staff/nl.ftl"
            );
        }
        let parents = ids(LANGUAGES[0].1);
        for id in &dutch {
            assert!(
                !parents.contains(id),
                "{id} is in both the parents' and the staff texts"
            );
        }
        let texts = Texts::load(&LanguageTag::dutch()).unwrap();
        assert_eq!(
            texts.plain(&LanguageTag::dutch(), "staff-button"),
            "Medewerkers"
        );
    }

    #[test]
    fn setup_texts_exist_in_dutch_and_english_and_do_not_clash() {
        let dutch = ids(SETUP_LANGUAGES[0].1);
        assert!(dutch.len() > 40);
        for (code, source) in SETUP_LANGUAGES {
            assert_eq!(
                ids(source),
                dutch,
                "setup/{code}.ftl differs from setup/nl.ftl"
            );
        }
        let others: Vec<&str> = ids(LANGUAGES[0].1)
            .into_iter()
            .chain(ids(STAFF_LANGUAGES[0].1))
            .collect();
        for id in &dutch {
            assert!(id.starts_with("setup-"), "{id} is named setup-…");
            assert!(
                !others.contains(id),
                "{id} is also a parents' or staff text"
            );
        }
        let texts = Texts::load(&LanguageTag::dutch()).unwrap();
        let en = LanguageTag::parse("en").unwrap();
        assert_eq!(texts.plain(&en, "setup-next"), "Next");
        assert_eq!(texts.plain(&LanguageTag::dutch(), "setup-next"), "Volgende");
    }

    #[test]
    fn every_file_parses_and_formats_without_marks() {
        let texts = Texts::load(&LanguageTag::dutch()).unwrap();
        let name = [("name", FluentValue::from("Sanne"))];
        assert_eq!(
            texts.get(&LanguageTag::dutch(), "greeting-morning", &name),
            "Goedemorgen, Sanne!"
        );
        let en = LanguageTag::parse("en").unwrap();
        assert_eq!(
            texts.get(&en, "greeting-evening", &name),
            "Good evening, Sanne!"
        );
        for (code, _) in LANGUAGES {
            let lang = LanguageTag::parse(code).unwrap();
            let text = texts.get(&lang, "greeting-morning", &name);
            assert!(text.contains("Sanne"), "{code}: {text}");
            assert!(!text.contains('\u{2068}'), "{code}: isolation marks");
        }
    }

    #[test]
    fn unknown_language_falls_back_to_the_location_language() {
        let texts = Texts::load(&LanguageTag::dutch()).unwrap();
        let fy = LanguageTag::parse("fy").unwrap();
        assert!(!texts.has_language(&fy));
        assert_eq!(texts.plain(&fy, "face-great"), "Top");
        assert_eq!(texts.plain(&fy, "no-such-key"), "no-such-key");
    }
}
