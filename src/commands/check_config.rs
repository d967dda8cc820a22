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
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
