//! `welkom-hub`'s command line: `serve`, and the administrator's commands.

mod device_list;
mod device_pair;
mod export_ratings;

use crate::AppState;
use crate::db::Db;
use crate::metrics::Metrics;
use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{Read, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

mod users;
pub use users::{RoleArg, UserCommand};

/// welkom-hub: the upstream of Welkom kiosks.
#[derive(Debug, Parser)]
#[command(name = "welkom-hub", version)]
pub struct Cli {
    /// The database: `sqlite:PATH` (default: welkom-hub.sqlite in the data directory)
    /// or `postgres://USER@HOST/NAME`.
    #[arg(long, global = true, env = "WELKOM_HUB_DATABASE")]
    pub database: Option<String>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The hub's commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API.
    Serve {
        /// The address to listen on (port 0: any free port, printed at start).
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// After this many days (7 to 3650) the guardian, visit and children are
        /// dropped from stored events, at start and daily; the counts stay.
        #[arg(long, env = "WELKOM_HUB_RETENTION_DAYS", default_value_t = 180,
              value_parser = clap::value_parser!(u32).range(7..=3650))]
        retention_days: u32,
        /// Speak HTTPS with this certificate chain (PEM); needs --tls-key.
        #[arg(long, value_name = "FILE", requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        /// The certificate's private key (PEM); needs --tls-cert.
        #[arg(long, value_name = "FILE", requires = "tls_cert")]
        tls_key: Option<PathBuf>,
        /// With HTTPS: connections served at once (more wait in the queue).
        #[arg(long, default_value_t = 512,
              value_parser = clap::value_parser!(u32).range(1..=65536))]
        max_connections: u32,
        /// Let managers log in over plain HTTP from other machines (only behind a TLS
        /// proxy on another host); otherwise a password is taken only over HTTPS or
        /// from this machine.
        #[arg(long)]
        allow_plain_http_log_in: bool,
    },
    /// Locations.
    Location {
        /// What to do.
        #[command(subcommand)]
        what: LocationCommand,
    },
    /// Devices (kiosks) of a location.
    Device {
        /// What to do.
        #[command(subcommand)]
        what: DeviceCommand,
    },
    /// A location's roster.
    Roster {
        /// What to do.
        #[command(subcommand)]
        what: RosterCommand,
    },
    /// People who log in to the hub's web pages.
    User {
        /// What to do.
        #[command(subcommand)]
        what: UserCommand,
    },
    /// Export a location's data.
    Export {
        /// What to export.
        #[command(subcommand)]
        what: ExportCommand,
    },
}

/// `welkom-hub location …`
#[derive(Debug, Subcommand)]
pub enum LocationCommand {
    /// Add a location; prints its id.
    Add {
        /// Its name.
        name: String,
        /// Its time zone (the days and hours of its tally).
        #[arg(long, default_value = "Europe/Amsterdam")]
        time_zone: String,
    },
    /// List the locations.
    List,
}

/// `welkom-hub device …`
#[derive(Debug, Subcommand)]
pub enum DeviceCommand {
    /// Add a kiosk to a location; prints its token once.
    Add {
        /// The location's id.
        #[arg(long)]
        location: String,
    },
    /// Make a one-time code (8 characters, valid 15 minutes) with which a tablet
    /// pairs itself with this hub and gets its own token.
    Pair {
        /// The location's id.
        #[arg(long)]
        location: String,
    },
    /// Revoke a kiosk's token.
    Revoke {
        /// The device's id.
        #[arg(long)]
        device: String,
    },
    /// List a location's kiosks: added, revoked, last contact, waiting events, app
    /// version and clock offset.
    List {
        /// The location's id.
        #[arg(long)]
        location: String,
    },
}

/// `welkom-hub roster …`
#[derive(Debug, Subcommand)]
pub enum RosterCommand {
    /// Import a location's roster: the same files (CSV, .xlsx, .ods) and rules as
    /// `welkom import-roster`.
    /// Guardians without a PIN get one, issued once for every kiosk of the location
    /// and written to a new file; the hub keeps and serves only PIN verifiers.
    Import {
        /// The location's id.
        #[arg(long)]
        location: String,
        /// Where to write the PINs issued now (default: a new
        /// issued-pins-DATE-TIME.csv in the current folder).
        #[arg(long)]
        pins_out: Option<PathBuf>,
        /// Issue new PINs to every guardian the file gives none, instead of keeping
        /// the ones issued before (after a device token or the database leaked).
        #[arg(long)]
        reissue_pins: bool,
        /// The roster file (.csv, .xlsx or .ods).
        file: PathBuf,
    },
}

/// `welkom-hub export …`
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// A location's ratings (no names).
    Ratings {
        /// The location's id.
        #[arg(long)]
        location: String,
        /// csv, xlsx (an Excel workbook) or json.
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
        /// The first day (YYYY-MM-DD, the location's day) to export.
        #[arg(long)]
        from: Option<jiff::civil::Date>,
        /// The last day (YYYY-MM-DD) to export.
        #[arg(long)]
        to: Option<jiff::civil::Date>,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Comma-separated values with a header row.
    Csv,
    /// A JSON array.
    Json,
    /// An Excel workbook (`.xlsx`).
    Xlsx,
}

/// The default database: one SQLite file in the hub's data directory.
fn default_database() -> String {
    let dir = std::env::var_os("WELKOM_HUB_DATA_DIR")
        .map(PathBuf::from)
        .or_else(|| dirs::data_dir().map(|d| d.join("welkom-hub")))
        .unwrap_or_else(|| PathBuf::from("."));
    format!("sqlite:{}", dir.join("welkom-hub.sqlite").display())
}

/// Runs a command.
pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    // The TLS files are checked before the database is reached, so a mistake in
    // them is said at once.
    let tls = match &cli.command {
        Command::Serve {
            tls_cert: Some(cert),
            tls_key: Some(key),
            ..
        } => Some(crate::tls::server_config(cert, key)?),
        _ => None,
    };
    let url = cli.database.unwrap_or_else(default_database);
    let db = Db::open(&url)
        .await
        .with_context(|| format!("cannot open the database {}", redact(&url)))?;
    match cli.command {
        Command::Serve {
            listen,
            retention_days,
            max_connections,
            allow_plain_http_log_in,
            ..
        } => {
            let web = crate::web::WebSettings {
                plain_http_log_in: allow_plain_http_log_in,
                ..Default::default()
            };
            let limits = (max_connections as usize, web);
            serve(db, listen, retention_days, tls, limits).await
        }
        Command::Location {
            what: LocationCommand::Add { name, time_zone },
        } => {
            let location = db.add_location(&name, &time_zone).await?;
            println!("{}", location.id);
            Ok(ExitCode::SUCCESS)
        }
        Command::Location {
            what: LocationCommand::List,
        } => {
            for l in db.locations().await? {
                println!("{}\t{}\t{}", l.id, l.time_zone, l.name);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Device {
            what: DeviceCommand::Add { location },
        } => {
            let device = db.add_device(&location).await?;
            println!("device {}", device.id);
            println!("token  {}", device.token);
            eprintln!(
                "The token is shown only now. Put it in the kiosk's welkom.toml:\n\n[upstream]\nurl = \"http://THIS-HUB:8080\"\ntoken = \"{}\"",
                device.token
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Device {
            what: DeviceCommand::Revoke { device },
        } => {
            if db.revoke_device(&device).await? {
                println!("device {device} revoked");
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!("there is no device '{device}'");
                Ok(ExitCode::from(2))
            }
        }
        Command::Device {
            what: DeviceCommand::List { location },
        } => device_list::run(&db, &location).await,
        Command::Device {
            what: DeviceCommand::Pair { location },
        } => device_pair::run(&db, &location).await,
        Command::Roster {
            what:
                RosterCommand::Import {
                    location,
                    pins_out,
                    reissue_pins,
                    file,
                },
        } => import_roster(&db, &location, &file, pins_out, reissue_pins).await,
        Command::User { what } => users::run(&db, what).await,
        Command::Export {
            what:
                ExportCommand::Ratings {
                    location,
                    format,
                    from,
                    to,
                    out,
                },
        } => {
            let period = crate::export::Period { from, to };
            export_ratings::run(&db, &location, format, period, out).await
        }
    }
}

async fn serve(
    db: Db,
    listen: SocketAddr,
    retention_days: u32,
    tls: Option<Arc<rustls::ServerConfig>>,
    (max_connections, web): (usize, crate::web::WebSettings),
) -> anyhow::Result<ExitCode> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    let address = listener.local_addr()?;
    let scheme = if tls.is_some() { "https" } else { "http" };
    // The first line on standard output is the address, for scripts and tests.
    println!("listening on {scheme}://{address}");
    tracing::info!(%address, scheme, "welkom-hub serving");
    tokio::spawn(retention(db.clone(), retention_days));
    let state = AppState {
        db,
        metrics: Arc::new(Metrics::default()),
    };
    let stop = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    match tls {
        Some(config) => {
            let app = crate::api::router_with(state, web);
            crate::tls::serve(listener, app, config, max_connections, stop).await
        }
        None => {
            let app = crate::api::router_with(state, web)
                .into_make_service_with_connect_info::<SocketAddr>();
            axum::serve(listener, app)
                .with_graceful_shutdown(stop)
                .await?
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Retention at start and then daily: old events lose their links to guardians.
async fn retention(db: Db, days: u32) {
    let mut daily = tokio::time::interval(std::time::Duration::from_secs(24 * 3600));
    loop {
        daily.tick().await;
        let cutoff = jiff::Timestamp::now()
            .checked_sub(jiff::SignedDuration::from_hours(24 * i64::from(days)))
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        match db.apply_retention(cutoff).await {
            Ok(changed) => {
                tracing::info!(retention_days = days, events = changed, "retention applied")
            }
            Err(e) => tracing::error!(error = %e, "retention failed; trying again tomorrow"),
        }
        crate::web::forget_ended(&db, &crate::web::WebSettings::default()).await;
    }
}

async fn import_roster(
    db: &Db,
    location: &str,
    file: &std::path::Path,
    pins_out: Option<PathBuf>,
    reissue_pins: bool,
) -> anyhow::Result<ExitCode> {
    if db.location(location).await?.is_none() {
        eprintln!("there is no location '{location}'; see `welkom-hub location list`");
        return Ok(ExitCode::from(2));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .and_then(|f| {
            f.take(welkom_core::roster::MAX_ROSTER_BYTES as u64 + 1)
                .read_to_end(&mut bytes)
        })
        .with_context(|| format!("cannot read {}", file.display()))?;
    let roster = match welkom_core::roster::parse(&bytes, &welkom_core::LanguageTag::dutch()) {
        Ok(roster) => roster,
        Err(e) => {
            eprintln!("{}: {e}", file.display());
            for problem in &e.problems {
                eprintln!("  {}: {problem}", file.display());
            }
            eprintln!("Nothing was changed: correct the file and import it again.");
            return Ok(ExitCode::from(2));
        }
    };
    // The file for new PINs is made first: PINs the hub cannot write down are lost.
    let pins_path = pins_out.unwrap_or_else(|| {
        let stamp = jiff::Zoned::now().strftime("%Y%m%d-%H%M%S").to_string();
        PathBuf::from(format!("issued-pins-{stamp}.csv"))
    });
    let mut pins_file = create_private(&pins_path)?;
    let imported = match db.import_roster(location, roster, reissue_pins).await {
        Ok(imported) => imported,
        Err(e) => {
            let _ = std::fs::remove_file(&pins_path);
            if let crate::db::DbError::Invalid(message) = &e {
                eprintln!("{}: {message}", file.display());
                eprintln!("Nothing was changed.");
                return Ok(ExitCode::from(2));
            }
            return Err(e.into());
        }
    };
    println!(
        "roster imported for {location}: {} guardians ({} PINs from the file, {} kept, {} new), ETag {}",
        imported.guardians,
        imported.pins_given,
        imported.pins_kept,
        imported.issued.len(),
        imported.etag
    );
    if imported.issued.is_empty() {
        drop(pins_file);
        let _ = std::fs::remove_file(&pins_path);
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::from("guardian_id;guardian_first_name;guardian_last_name;pin\n");
    for issued in &imported.issued {
        out.push_str(&format!(
            "{};{};{};{}\n",
            pins_field(&issued.guardian_id),
            pins_field(&issued.first_name),
            pins_field(&issued.last_name),
            issued.pin
        ));
    }
    pins_file
        .write_all(out.as_bytes())
        .and_then(|()| pins_file.sync_all())
        .with_context(|| format!("cannot write {}", pins_path.display()))?;
    println!(
        "{} new PINs written to {}: hand them out, then delete the file; the hub keeps only their hashes and cannot show them again",
        imported.issued.len(),
        pins_path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// A new file, readable by its owner only; never one that exists.
fn create_private(path: &std::path::Path) -> anyhow::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(path)
        .with_context(|| format!("cannot create {} for the new PINs", path.display()))
}

/// A field of the issued-PIN file: quoted when needed, and never read by a
/// spreadsheet as a formula.
fn pins_field(text: &str) -> String {
    welkom_core::csv::cell(text).into_owned()
}

/// A database address without its password.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}
