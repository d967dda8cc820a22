//! Writing what pairing with a hub gave (`welkom pair`, the set-up screen) into
//! `welkom.toml`: `[upstream] url`, `token`, `kind = "welkom"` and `ca_file`, and
//! the location's name when the file names none. Through the same editor as staff
//! mode's settings (comments kept, the result checked as at start-up, the file
//! replaced at once or not at all).

use super::edit::{rewrite, set};
use super::{Config, ConfigError};
use std::path::{Path, PathBuf};
use toml_edit::{DocumentMut, value};

/// The `[upstream]` a pairing gives.
#[derive(Clone, PartialEq, Eq)]
pub struct PairedUpstream {
    /// The hub's address.
    pub url: String,
    /// The device's token.
    pub token: String,
    /// The organisation's CA file (a full path), when the hub needs one.
    pub ca_file: Option<PathBuf>,
    /// The location's name on the hub: written when the file names no location.
    pub location_name: String,
}

impl std::fmt::Debug for PairedUpstream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PairedUpstream")
            .field("url", &self.url)
            .field("token", &"<hidden>")
            .field("ca_file", &self.ca_file)
            .field("location_name", &self.location_name)
            .finish()
    }
}

/// Writes the pairing into the text of a configuration file, keeping its comments.
pub fn apply_pairing(
    text: &str,
    paired: &PairedUpstream,
    file: &Path,
) -> Result<String, ConfigError> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| ConfigError {
            file: file.to_owned(),
            line: None,
            key: None,
            message: format!("the file cannot be read as TOML ({e}); correct it by hand first"),
        })?;
    let root = doc.as_table_mut();
    set(root, "upstream", "url", value(paired.url.as_str()));
    set(root, "upstream", "token", value(paired.token.as_str()));
    set(root, "upstream", "kind", value("welkom"));
    match &paired.ca_file {
        Some(path) => set(
            root,
            "upstream",
            "ca_file",
            value(path.to_string_lossy().as_ref()),
        ),
        None => {
            if let Some(upstream) = root.get_mut("upstream").and_then(|u| u.as_table_mut()) {
                upstream.remove("ca_file");
            }
        }
    }
    let named = root
        .get("location")
        .and_then(|l| l.get("name"))
        .and_then(|n| n.as_str())
        .is_some_and(|n| !n.trim().is_empty());
    if !named && !paired.location_name.trim().is_empty() {
        set(root, "location", "name", value(paired.location_name.trim()));
    }
    Ok(doc.to_string())
}

/// Applies the pairing to the file, checks the result as at start-up and only then
/// replaces the file. Returns the new settings.
pub fn save_pairing(file: &Path, paired: &PairedUpstream) -> Result<Config, ConfigError> {
    rewrite(file, |text| apply_pairing(text, paired, file))
}

/// Checks, without writing, that a pairing could be saved into the file as it is
/// now (readable, and valid once the upstream is set), so that no code is spent
/// on a file that would refuse its result.
pub fn check_pairing(file: &Path, paired: &PairedUpstream) -> Result<(), ConfigError> {
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(ConfigError {
                file: file.to_owned(),
                line: None,
                key: None,
                message: format!("cannot read the file: {e}"),
            });
        }
    };
    let new_text = apply_pairing(&text, paired, file)?;
    super::load_text(&new_text, file).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paired() -> PairedUpstream {
        PairedUpstream {
            url: "https://hub.example.org".into(),
            token: "wlk_0123".into(),
            ca_file: None,
            location_name: "De Egel".into(),
        }
    }

    #[test]
    fn the_upstream_is_written_and_a_name_only_where_there_was_none() {
        let file = PathBuf::from("welkom.toml");
        let text = apply_pairing("", &paired(), &file).unwrap();
        let config = super::super::load_text(&text, &file).unwrap();
        assert_eq!(config.upstream.url, "https://hub.example.org");
        assert_eq!(config.upstream.token, "wlk_0123");
        assert_eq!(config.upstream.kind(), welkom_sync::UpstreamKind::Welkom);
        assert_eq!(config.location.name, "De Egel");

        let own = "# the centre\n[location]\nname = \"Kinderdagverblijf Het Anker\"\n\n[upstream]\nurl = \"https://old.example.org\"\ntoken = \"wlk_old\"\nca_file = \"/etc/old.pem\"\n";
        let text = apply_pairing(own, &paired(), &file).unwrap();
        assert!(text.contains("# the centre"));
        assert!(!text.contains("old"), "{text}");
        let config = super::super::load_text(&text, &file).unwrap();
        assert_eq!(config.location.name, "Kinderdagverblijf Het Anker");
        assert_eq!(config.upstream.token, "wlk_0123");
    }

    #[test]
    fn a_file_that_would_be_refused_is_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("welkom.toml");
        let bad = "[timeouts]\nidle_secs = \"soon\"\n";
        std::fs::write(&file, bad).unwrap();
        assert!(check_pairing(&file, &paired()).is_err());
        assert!(save_pairing(&file, &paired()).is_err());
        assert_eq!(std::fs::read_to_string(&file).unwrap(), bad);
        let missing = dir.path().join("none.toml");
        check_pairing(&missing, &paired()).unwrap();
        assert!(!missing.exists(), "checking writes nothing");
        save_pairing(&missing, &paired()).unwrap();
        assert!(
            std::fs::read_to_string(&missing)
                .unwrap()
                .contains("wlk_0123")
        );
    }
}
