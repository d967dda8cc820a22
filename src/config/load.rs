//! Reading `welkom.toml` with errors that name file, line and key.

use super::Config;
use std::fmt;
use std::path::{Path, PathBuf};

/// A configuration that cannot be used, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file.
    pub file: PathBuf,
    /// The line (1-based), when known.
    pub line: Option<usize>,
    /// The key, dotted (`timeouts.idle_secs`), when known.
    pub key: Option<String>,
    /// What is wrong and what to do.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(key) = &self.key {
            write!(f, ", key {key}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

/// Reads the configuration file; a missing file gives the defaults.
pub fn load(file: &Path) -> Result<Config, ConfigError> {
    let text = match std::fs::read(file) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| ConfigError {
            file: file.to_owned(),
            line: None,
            key: None,
            message: "the file is not UTF-8 text; save it as UTF-8".into(),
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(e) => {
            return Err(ConfigError {
                file: file.to_owned(),
                line: None,
                key: None,
                message: format!("cannot read the file: {e}"),
            });
        }
    };
    load_text(&text, file)
}

/// Parses configuration text; `file` is only used in errors.
pub fn load_text(text: &str, file: &Path) -> Result<Config, ConfigError> {
    let config: Config = toml::from_str(text).map_err(|e| {
        let (line, key) = match e.span() {
            Some(span) => locate(text, span.start),
            None => (None, None),
        };
        ConfigError {
            file: file.to_owned(),
            line,
            key,
            message: tidy(e.message()),
        }
    })?;
    check(&config, text, file)?;
    Ok(config)
}

/// Rules that span more than one value.
fn check(config: &Config, text: &str, file: &Path) -> Result<(), ConfigError> {
    let at = |key: &str, message: String| {
        let line = find_key_line(text, key);
        ConfigError {
            file: file.to_owned(),
            line,
            key: Some(key.to_owned()),
            message,
        }
    };
    if let Some(message) = super::languages::problem(config) {
        return Err(at("location.languages", message));
    }
    let t = &config.timeouts;
    if t.thank_you_secs == 0 || t.thank_you_secs > 120 {
        return Err(at(
            "timeouts.thank_you_secs",
            "must be 1 to 120 seconds".into(),
        ));
    }
    if t.idle_secs < 5 || t.idle_secs > 600 {
        return Err(at("timeouts.idle_secs", "must be 5 to 600 seconds".into()));
    }
    if t.staff_idle_secs < 15 || t.staff_idle_secs > 900 {
        return Err(at(
            "timeouts.staff_idle_secs",
            "must be 15 to 900 seconds".into(),
        ));
    }
    if t.tap_guard_ms > 5000 || u64::from(t.tap_guard_ms) >= u64::from(t.thank_you_secs) * 1000 {
        return Err(at(
            "timeouts.tap_guard_ms",
            "must be at most 5000 ms and shorter than the thank-you time".into(),
        ));
    }
    if config.opening_hours.close <= config.opening_hours.open {
        return Err(at(
            "opening_hours.close",
            "closing time must be after opening time".into(),
        ));
    }
    let id = &config.identification;
    if !id.pin && !id.badge && !id.name_list {
        return Err(at(
            "identification",
            "at least one of pin, badge or name_list must be true".into(),
        ));
    }
    if config.reasons.len() > 6 {
        return Err(at(
            "reasons",
            format!("{} reasons given; at most 6", config.reasons.len()),
        ));
    }
    let days = config.privacy.retention_days;
    let range = super::PrivacySettings::RETENTION_DAYS;
    if !range.contains(&days) {
        return Err(at(
            "privacy.retention_days",
            format!(
                "{days} days is out of range; use {} to {} days (180 is about half a year)",
                range.start(),
                range.end()
            ),
        ));
    }
    let up = &config.upstream;
    if up.is_set() {
        let url = up.url.trim();
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(at(
                "upstream.url",
                format!(
                    "'{url}' is not an http:// or https:// address; leave it empty to work without a hub"
                ),
            ));
        }
        if up.token.trim().is_empty() && up.kind() != welkom_sync::UpstreamKind::CloudEvents {
            return Err(at(
                "upstream.token",
                "a Welkom hub needs the device's token (`welkom-hub device add` prints it); \
                 for a plain CloudEvents receiver without one, set kind = \"cloudevents\""
                    .into(),
            ));
        }
    }
    if welkom_sync::UpstreamKind::parse(&up.kind).is_none() {
        return Err(at(
            "upstream.kind",
            format!(
                "'{}' is not a kind of upstream; use \"auto\", \"welkom\" or \"cloudevents\"",
                up.kind
            ),
        ));
    }
    if let Some(source) = up.source()
        && let Err(e) = welkom_sync::Source::parse(&source)
    {
        return Err(at(
            "upstream.source",
            format!(
                "{e}; use letters, digits, - and _ in both parts (at most 64 each), e.g. \
                 \"/locations/de-boomhut/devices/kiosk-1\", or leave it empty"
            ),
        ));
    }
    if let Some(ca_file) = up.ca_file() {
        if !ca_file.is_absolute() {
            return Err(at(
                "upstream.ca_file",
                format!(
                    "'{}' is not a full path; give the CA certificate's full path, e.g. \
                     \"/etc/welkom/organisation-ca.pem\", or leave it empty",
                    ca_file.display()
                ),
            ));
        }
        if let Err(e) = welkom_sync::read_ca_file(&ca_file) {
            return Err(at(
                "upstream.ca_file",
                format!("'{}' {e}", ca_file.display()),
            ));
        }
    }
    for (key, value, range) in [
        (
            "upstream.interval_secs",
            up.interval_secs,
            super::UpstreamSettings::INTERVAL_SECS,
        ),
        (
            "upstream.timeout_secs",
            up.timeout_secs,
            super::UpstreamSettings::TIMEOUT_SECS,
        ),
    ] {
        if !range.contains(&value) {
            return Err(at(
                key,
                format!("must be {} to {} seconds", range.start(), range.end()),
            ));
        }
    }
    let mut keys = std::collections::BTreeSet::new();
    for reason in &config.reasons {
        let key_ok = !reason.key.is_empty()
            && reason
                .key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !key_ok {
            return Err(at(
                "reasons.key",
                format!(
                    "'{}' is not a reason key; use lower-case letters, digits and _",
                    reason.key
                ),
            ));
        }
        let standard = super::DEFAULT_REASONS.contains(&reason.key.as_str());
        if !standard && !reason.text.contains_key(&config.location.language) {
            return Err(at(
                "reasons.text",
                format!(
                    "reason '{}' has no words in {}, the location's language; add them to its text",
                    reason.key,
                    config.location.language.as_str()
                ),
            ));
        }
        if !keys.insert(reason.key.as_str()) {
            return Err(at(
                "reasons.key",
                format!("reason '{}' is given twice", reason.key),
            ));
        }
    }
    Ok(())
}

/// The toml crate's message without its trailing newline.
fn tidy(message: &str) -> String {
    message.trim().replace('\n', "; ")
}

/// The line (1-based) and dotted key at a byte offset: the nearest table header above
/// it, and the key at the start of its line.
fn locate(text: &str, offset: usize) -> (Option<usize>, Option<String>) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line_no = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line_text = text[line_start..].lines().next().unwrap_or_default().trim();
    let mut table = String::new();
    for line in before[..line_start].lines() {
        let l = line.trim();
        if let Some(header) = l.strip_prefix("[[").and_then(|l| l.split("]]").next()) {
            table = header.trim().to_owned();
        } else if let Some(header) = l.strip_prefix('[').and_then(|l| l.split(']').next()) {
            table = header.trim().to_owned();
        }
    }
    let key = if line_text.starts_with('[') {
        line_text
            .trim_matches(|c| c == '[' || c == ']')
            .trim()
            .to_owned()
    } else {
        let key = line_text
            .split('=')
            .next()
            .unwrap_or_default()
            .trim()
            .trim_matches('"');
        match (table.is_empty(), key.is_empty()) {
            (_, true) => table,
            (true, false) => key.to_owned(),
            (false, false) => format!("{table}.{key}"),
        }
    };
    (Some(line_no), (!key.is_empty()).then_some(key))
}

/// The line on which a dotted key is set, if it is set in the text.
fn find_key_line(text: &str, dotted: &str) -> Option<usize> {
    let (table, key) = dotted.rsplit_once('.').unwrap_or(("", dotted));
    let mut current = String::new();
    let mut table_line = None;
    for (i, line) in text.lines().enumerate() {
        let l = line.trim();
        if l.starts_with('[') {
            current = l.trim_matches(|c| c == '[' || c == ']').trim().to_owned();
            if current == dotted || current == table {
                table_line.get_or_insert(i + 1);
            }
            continue;
        }
        let k = l.split('=').next().unwrap_or_default().trim();
        if current == table && k == key {
            return Some(i + 1);
        }
    }
    table_line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> ConfigError {
        match load_text(text, Path::new("welkom.toml")) {
            Ok(_) => panic!("expected an error for {text:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn defaults_without_a_file() {
        let dir = std::env::temp_dir().join("welkom-no-such-dir");
        let config = load(&dir.join("welkom.toml")).unwrap();
        assert_eq!(config, Config::default());
        assert_eq!(config.timeouts.thank_you_secs, 8);
        assert_eq!(config.timeouts.idle_secs, 20);
        assert_eq!(config.location.time_zone.name(), "Europe/Amsterdam");
    }

    #[test]
    fn the_annotated_default_file_is_valid_and_equals_the_defaults() {
        let config = load_text(super::super::DEFAULT_FILE, Path::new("welkom.toml")).unwrap();
        assert_eq!(config.timeouts, Config::default().timeouts);
        assert_eq!(config.rating, Config::default().rating);
        assert_eq!(config.privacy, Config::default().privacy);
        assert_eq!(config.upstream, Config::default().upstream);
    }

    #[test]
    fn an_upstream_kind_and_source_are_checked_with_line_and_key() {
        let config = load_text(
            "[upstream]\nurl = \"https://events.example.org/in\"\nkind = \"cloudevents\"\nsource = \"/locations/de-boomhut/devices/kiosk-1\"\n",
            Path::new("welkom.toml"),
        )
        .unwrap();
        assert_eq!(
            config.upstream.kind(),
            welkom_sync::UpstreamKind::CloudEvents
        );
        assert_eq!(
            config.upstream.source().as_deref(),
            Some("/locations/de-boomhut/devices/kiosk-1"),
            "a plain receiver needs no token"
        );
        let e = err(
            "[upstream]\nurl = \"https://hub.example.org\"\ntoken = \"wlk_1\"\nkind = \"hub\"\n",
        );
        assert_eq!((e.line, e.key.as_deref()), (Some(4), Some("upstream.kind")));
        assert!(e.message.contains("cloudevents"), "{}", e.message);
        let e = err(
            "[upstream]\nurl = \"https://hub.example.org\"\ntoken = \"wlk_1\"\n\nsource = \"locations/a b\"\n",
        );
        assert_eq!(
            (e.line, e.key.as_deref()),
            (Some(5), Some("upstream.source"))
        );
        assert!(e.message.contains("/locations/"), "{}", e.message);
        let e = err("[upstream]\nurl = \"https://hub.example.org\"\nkind = \"welkom\"\n");
        assert_eq!(
            e.key.as_deref(),
            Some("upstream.token"),
            "a hub needs a token"
        );
    }

    #[test]
    fn a_ca_file_must_be_a_full_path_to_a_readable_certificate() {
        let dir = tempfile::tempdir().unwrap();
        let with = |path: &str| {
            format!(
                "[upstream]\nurl = \"https://hub.example.org\"\ntoken = \"wlk_1\"\n\nca_file = \"{path}\"\n"
            )
        };
        let e = err(&with("ca.pem"));
        assert_eq!(
            (e.line, e.key.as_deref()),
            (Some(5), Some("upstream.ca_file"))
        );
        assert!(e.message.contains("full path"), "{}", e.message);
        let missing = dir.path().join("missing.pem");
        let e = err(&with(missing.to_str().unwrap()));
        assert_eq!(e.key.as_deref(), Some("upstream.ca_file"));
        assert!(e.message.contains("cannot be read"), "{}", e.message);
        let empty = dir.path().join("empty.pem");
        std::fs::write(&empty, "").unwrap();
        let e = err(&with(empty.to_str().unwrap()));
        assert!(e.message.contains("holds no certificate"), "{}", e.message);
        let config = load_text(&with(""), Path::new("welkom.toml")).unwrap();
        assert_eq!(config.upstream.ca_file(), None);
    }

    #[test]
    fn an_upstream_needs_an_address_and_a_token() {
        let config = load_text(
            "[upstream]\nurl = \"https://hub.example.org\"\ntoken = \"wlk_1\"\n",
            Path::new("welkom.toml"),
        )
        .unwrap();
        assert!(config.upstream.is_set());
        let e = err("[upstream]\nurl = \"hub.example.org\"\ntoken = \"wlk_1\"\n");
        assert_eq!((e.line, e.key.as_deref()), (Some(2), Some("upstream.url")));
        let e = err("[upstream]\nurl = \"https://hub.example.org\"\n");
        assert_eq!(e.key.as_deref(), Some("upstream.token"));
        let e = err("[upstream]\ninterval_secs = 1\n");
        assert_eq!(
            (e.line, e.key.as_deref()),
            (Some(2), Some("upstream.interval_secs"))
        );
    }

    #[test]
    fn unknown_key_names_line_and_key() {
        let e = err("[location]\nname = \"De Vlinder\"\n\n[timeouts]\nidle_sec = 20\n");
        assert_eq!(e.line, Some(5));
        assert_eq!(e.key.as_deref(), Some("timeouts.idle_sec"));
        assert!(e.message.contains("idle_sec"), "{e}");
        assert!(
            e.to_string()
                .starts_with("welkom.toml, line 5, key timeouts.idle_sec: ")
        );
    }

    #[test]
    fn bad_values_name_line_and_key() {
        let e = err("[opening_hours]\nopen = \"7 uur\"\n");
        assert_eq!(
            (e.line, e.key.as_deref()),
            (Some(2), Some("opening_hours.open"))
        );
        assert!(e.message.contains("HH:MM"), "{e}");

        let e = err("[rating]\nscale = 7\n");
        assert_eq!((e.line, e.key.as_deref()), (Some(2), Some("rating.scale")));
        assert!(e.message.contains("3, 4 or 5"), "{e}");

        let e = err("[location]\ntime_zone = \"Europe/Amsterdan\"\n");
        assert_eq!(e.key.as_deref(), Some("location.time_zone"));

        let e = err("[location]\nlanguage = \"nederlands\"\n");
        assert_eq!(e.key.as_deref(), Some("location.language"));

        let e = err("[timeouts]\nidle_secs = \"twintig\"\n");
        assert_eq!(
            (e.line, e.key.as_deref()),
            (Some(2), Some("timeouts.idle_secs"))
        );
    }

    #[test]
    fn rules_across_values() {
        let e = err("[timeouts]\nidle_secs = 2\n");
        assert_eq!(
            (e.line, e.key.as_deref()),
            (Some(2), Some("timeouts.idle_secs"))
        );
        let e = err("[opening_hours]\nopen = \"18:00\"\nclose = \"07:00\"\n");
        assert_eq!(
            (e.line, e.key.as_deref()),
            (Some(3), Some("opening_hours.close"))
        );
        let e = err("[identification]\npin = false\nbadge = false\n");
        assert_eq!(e.key.as_deref(), Some("identification"));
        let many: String = (0..7)
            .map(|i| format!("[[reasons]]\nkey = \"r{i}\"\n"))
            .collect();
        assert!(err(&many).message.contains("at most 6"));
        let e = err("[[reasons]]\nkey = \"parking\"\ntext = { en = \"Parking\" }\n");
        assert_eq!(e.key.as_deref(), Some("reasons.text"));
        assert!(e.message.contains("no words in nl"), "{}", e.message);
    }

    #[test]
    fn privacy_settings_and_their_range() {
        let config = load_text(
            "[privacy]\nanonymous = true\nretention_days = 30\n",
            Path::new("welkom.toml"),
        )
        .unwrap();
        assert!(config.privacy.anonymous);
        assert_eq!(config.privacy.retention_days, 30);
        assert!(!Config::default().privacy.anonymous);
        assert_eq!(Config::default().privacy.retention_days, 180);

        for bad in ["6", "3651", "0"] {
            let e = err(&format!(
                "[privacy]\nanonymous = false\nretention_days = {bad}\n"
            ));
            assert_eq!(
                (e.line, e.key.as_deref()),
                (Some(3), Some("privacy.retention_days")),
                "{e}"
            );
            assert!(e.message.contains("7 to 3650"), "{e}");
        }
        let e = err("[privacy]\nretention_days = -1\n");
        assert_eq!(
            (e.line, e.key.as_deref()),
            (Some(2), Some("privacy.retention_days"))
        );
        let e = err("[privacy]\nanonymus = true\n");
        assert_eq!(
            (e.line, e.key.as_deref()),
            (Some(2), Some("privacy.anonymus"))
        );
    }

    #[test]
    fn broken_syntax_gives_a_line() {
        let e = err("[location\nname = 1\n");
        assert_eq!(e.line, Some(1));
    }

    #[test]
    fn questions_and_reasons_per_language() {
        let config = load_text(
            "[questions.drop_off]\nnl = \"Hoe ging het afscheid?\"\nen = \"How was saying goodbye?\"\n\n[[reasons]]\nkey = \"parking\"\ntext = { nl = \"Parkeren\", en = \"Parking\" }\n",
            Path::new("welkom.toml"),
        )
        .unwrap();
        let nl = welkom_core::LanguageTag::dutch();
        assert_eq!(
            config.questions.get(welkom_core::Moment::DropOff, &nl),
            Some("Hoe ging het afscheid?")
        );
        assert_eq!(config.reasons()[0].key, "parking");
        assert_eq!(config.reasons().len(), 1);
    }
}
