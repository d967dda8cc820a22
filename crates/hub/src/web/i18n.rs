//! The pages' texts, from `assets/i18n/hub/{nl,en}.ftl`: Dutch by default, English
//! when the browser asks for it or the user chose it (`?lang=en`, remembered in a
//! cookie).

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::OnceLock;

/// The translation files, Dutch first.
pub const FILES: [(Lang, &str); 2] = [
    (Lang::Nl, include_str!("../../../../assets/i18n/hub/nl.ftl")),
    (Lang::En, include_str!("../../../../assets/i18n/hub/en.ftl")),
];

/// A language the pages speak.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    /// Dutch, the default.
    #[default]
    Nl,
    /// English.
    En,
}

impl Lang {
    /// Its code: `nl` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Nl => "nl",
            Self::En => "en",
        }
    }

    /// The language of a code (`nl`, `en-GB`, …), if the pages speak it.
    pub fn from_code(code: &str) -> Option<Self> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "nl" => Some(Self::Nl),
            "en" => Some(Self::En),
            _ => None,
        }
    }

    /// The best language for an `Accept-Language` header: the one with the highest
    /// weight that the pages speak; Dutch when none.
    pub fn from_accept_language(header: &str) -> Self {
        let mut best: Option<(f32, Self)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let Some(lang) = pieces.next().and_then(Self::from_code) else {
                continue;
            };
            let weight = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if weight > 0.0 && best.is_none_or(|(w, _)| weight > w) {
                best = Some((weight, lang));
            }
        }
        best.map(|(_, lang)| lang).unwrap_or_default()
    }
}

struct Bundles {
    nl: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

fn load(lang: Lang, source: &str) -> FluentBundle<FluentResource> {
    let id = lang
        .code()
        .parse()
        .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Bidi isolation marks are for mixed-direction text; Dutch and English need none.
    bundle.set_use_isolating(false);
    match FluentResource::try_new(source.to_owned()) {
        Ok(resource) => {
            if let Err(errors) = bundle.add_resource(resource) {
                tracing::error!(language = lang.code(), ?errors, "a hub translation clashes");
            }
        }
        Err((resource, errors)) => {
            tracing::error!(
                language = lang.code(),
                ?errors,
                "a hub translation file has errors"
            );
            let _ = bundle.add_resource(resource);
        }
    }
    bundle
}

fn bundles() -> &'static Bundles {
    static BUNDLES: OnceLock<Bundles> = OnceLock::new();
    BUNDLES.get_or_init(|| Bundles {
        nl: load(Lang::Nl, FILES[0].1),
        en: load(Lang::En, FILES[1].1),
    })
}

/// The texts of one language, as the templates use them.
#[derive(Clone, Copy, Debug)]
pub struct Tr {
    /// The language.
    pub lang: Lang,
}

impl Tr {
    /// The message `key`; in Dutch when English lacks it; the key when both do.
    pub fn get(&self, key: &str) -> String {
        self.with(key, &[])
    }

    /// The message `key` with arguments.
    pub fn with(&self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let all = bundles();
        let order = match self.lang {
            Lang::Nl => [&all.nl, &all.en],
            Lang::En => [&all.en, &all.nl],
        };
        for bundle in order {
            let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
                continue;
            };
            let mut fluent_args = FluentArgs::new();
            for (name, value) in args {
                fluent_args.set(*name, value.clone());
            }
            let mut errors = Vec::new();
            return bundle
                .format_pattern(pattern, Some(&fluent_args), &mut errors)
                .into_owned();
        }
        key.to_owned()
    }

    /// The message `key` with one text argument.
    pub fn with_text(&self, key: &str, name: &str, value: &str) -> String {
        self.with(key, &[(name, FluentValue::from(value))])
    }
}

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
    fn dutch_and_english_have_the_same_messages_and_parse() {
        let dutch = ids(FILES[0].1);
        assert!(dutch.len() > 20, "{dutch:?}");
        assert_eq!(ids(FILES[1].1), dutch, "en.ftl differs from nl.ftl");
        for (lang, source) in FILES {
            assert!(
                FluentResource::try_new(source.to_owned()).is_ok(),
                "{}.ftl does not parse",
                lang.code()
            );
        }
    }

    #[test]
    fn messages_come_in_the_language_asked() {
        let nl = Tr { lang: Lang::Nl };
        let en = Tr { lang: Lang::En };
        assert_eq!(nl.get("login-title"), "Inloggen");
        assert_eq!(en.get("login-title"), "Log in");
        let wait = |tr: Tr, n: i64| tr.with("login-throttled", &[("minutes", n.into())]);
        assert!(wait(nl, 1).contains("een minuut"), "{}", wait(nl, 1));
        assert!(wait(en, 3).contains("3 minutes"), "{}", wait(en, 3));
        assert_eq!(nl.get("no-such-message"), "no-such-message");
    }

    #[test]
    fn accept_language_picks_the_best_spoken_language() {
        assert_eq!(Lang::from_accept_language("en-GB,en;q=0.9"), Lang::En);
        assert_eq!(
            Lang::from_accept_language("de, en;q=0.5, nl;q=0.8"),
            Lang::Nl
        );
        assert_eq!(Lang::from_accept_language("fr"), Lang::Nl);
        assert_eq!(Lang::from_accept_language("en;q=0"), Lang::Nl);
        assert_eq!(Lang::from_accept_language(""), Lang::Nl);
    }
}
