//! `welkom check-config`.

use std::path::Path;
use std::process::ExitCode;

/// Checks welkom.toml and says what is wrong, or that it is fine.
pub fn run(data_dir: &Path) -> ExitCode {
    let path = super::config_path(data_dir);
    match crate::config::load(&path) {
        Ok(config) => {
            if path.exists() {
                println!("{}: ok", path.display());
            } else {
                println!("{}: not there; the defaults apply", path.display());
            }
            println!(
                "location: {} · time zone {} · {} faces · open {}–{}",
                config.location.name,
                config.location.time_zone.name(),
                config.rating.scale.size(),
                config.opening_hours.open,
                config.opening_hours.close,
            );
            let languages: Vec<String> = config
                .enabled_languages()
                .iter()
                .map(ToString::to_string)
                .collect();
            println!("languages parents can choose: {}", languages.join(", "));
            if let Some(warning) = plain_http_warning(&config) {
                println!("{warning}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

/// Prints one setting's value alone on a line, for scripts; a broken file is
/// reported as by `check-config` (exit code 2).
pub fn print(data_dir: &Path, setting: crate::cli::PrintSetting) -> ExitCode {
    let path = super::config_path(data_dir);
    match crate::config::load(&path) {
        Ok(config) => {
            match setting {
                crate::cli::PrintSetting::DisplayRotation => {
                    println!("{}", config.display.rotation.degrees())
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

/// A warning when `[upstream] url` sends events unencrypted to another machine, in
/// the location's language (staff texts).
fn plain_http_warning(config: &crate::config::Config) -> Option<String> {
    let url = config.upstream.url.trim();
    if !config.upstream.is_set() || !welkom_sync::is_plain_http_off_machine(url) {
        return None;
    }
    let language = &config.location.language;
    let args = [("address", fluent_bundle::FluentValue::from(url.to_owned()))];
    Some(match crate::i18n::Texts::load(language) {
        Ok(texts) => texts.get(language, "config-plain-http", &args),
        Err(e) => format!("upstream.url {url} is plain http:// ({e})"),
    })
}
