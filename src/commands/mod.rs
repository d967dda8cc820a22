//! What each command does. Errors reach `main` once, as readable sentences.

mod check_config;
mod csv;
mod export;
mod export_followups;
mod family;
mod import_roster;
mod pair;
mod retention;
mod run_kiosk;
mod staff;
mod sync;
mod tally;

use crate::cli::{Cli, Command, ExportWhat, FamilyWhat};
use crate::config::{self, Config};
use crate::paths;
use anyhow::Context;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use welkom_store::Store;

pub use crate::files::roster::import as import_roster_file;
pub use run_kiosk::{build_app, run_kiosk};

/// Logs go to standard error, filtered by `WELKOM_LOG` (default `info`). No name of a
/// guardian or child is ever logged.
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("WELKOM_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}

/// Runs what the command line asks for.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let mut data_dir = paths::data_dir(cli.data_dir.as_deref());
    if cli.demo {
        data_dir = paths::demo_dir(&data_dir);
    }
    match cli.command {
        None => {
            run_kiosk(&data_dir, cli.windowed, cli.demo)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::CheckConfig { print: None }) => Ok(check_config::run(&data_dir)),
        Some(Command::CheckConfig {
            print: Some(setting),
        }) => Ok(check_config::print(&data_dir, setting)),
        Some(Command::Staff { what }) => staff::run(&data_dir, what),
        Some(Command::ImportRoster { file, pins_out }) => {
            import_roster::run(&data_dir, &file, pins_out.as_deref())
        }
        Some(Command::Export {
            what: ExportWhat::Ratings { format, from, to },
        }) => {
            export::ratings(&data_dir, format, from, to)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Export {
            what: ExportWhat::Followups { format },
        }) => {
            export_followups::followups(&data_dir, format)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Sync) => sync::run(&data_dir),
        Some(Command::Pair {
            hub,
            code,
            ca_file,
            name,
        }) => pair::run(&data_dir, &hub, &code, ca_file.as_deref(), name.as_deref()),
        Some(Command::Tally { date, format }) => {
            tally::run(&data_dir, date, format)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Retention { dry_run }) => retention::run(&data_dir, dry_run),
        Some(Command::Family {
            what: FamilyWhat::Export { guardian_id },
        }) => family::export(&data_dir, &guardian_id),
        Some(Command::Family {
            what: FamilyWhat::Erase { guardian_id, yes },
        }) => family::erase(&data_dir, &guardian_id, yes),
    }
}

/// The configuration file of a data directory.
pub fn config_path(data_dir: &Path) -> PathBuf {
    data_dir.join(config::FILE_NAME)
}

/// Reads the configuration, as a readable error when it cannot be used.
pub fn load_config(data_dir: &Path) -> anyhow::Result<Config> {
    Ok(config::load(&config_path(data_dir))?)
}

/// Creates the data directory if needed and opens its store.
pub fn open_store(data_dir: &Path) -> anyhow::Result<Store> {
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot create the data directory {}", data_dir.display()))?;
    Ok(Store::open(&data_dir.join(paths::DATABASE_FILE))?)
}
