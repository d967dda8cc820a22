//! The command line.

use clap::{Parser, Subcommand, ValueEnum};
use jiff::civil::Date;
use std::path::PathBuf;

/// Welkom: a check-in kiosk for the entrance hall of a daycare centre.
#[derive(Debug, Parser)]
#[command(name = "welkom", version, about)]
pub struct Cli {
    /// The data directory (configuration, database). Defaults to the platform's data
    /// directory; WELKOM_DATA_DIR overrides it.
    #[arg(long, global = true, env = "WELKOM_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Run in a window with decorations instead of full-screen (for development).
    #[arg(long)]
    pub windowed: bool,
    /// Run a demo location with invented families (kept apart from real data).
    #[arg(long)]
    pub demo: bool,
    /// What to do; without a command the kiosk runs.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands besides running the kiosk.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import the roster: CSV, Excel (.xlsx) or LibreOffice (.ods), told apart by
    /// content (all-or-nothing; problems are reported by line or sheet row).
    ImportRoster {
        /// The roster file (.csv, .xlsx or .ods).
        file: PathBuf,
        /// Where to write the PINs issued to guardians without one (default: a new
        /// file in the data directory).
        #[arg(long)]
        pins_out: Option<PathBuf>,
    },
    /// Export stored data to standard output.
    Export {
        /// What to export.
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Check welkom.toml without starting the kiosk.
    CheckConfig {
        /// Print only this setting's value (for scripts: the kiosk session reads
        /// `display.rotation` this way).
        #[arg(long, value_enum)]
        print: Option<PrintSetting>,
    },
    /// Manage the staff members who open staff mode with their own PIN.
    Staff {
        /// What to do.
        #[command(subcommand)]
        what: StaffCommand,
    },
    /// Send everything waiting to the upstream now and fetch its roster (the kiosk
    /// does this by itself while it runs; this is for the installer).
    Sync,
    /// Pair this tablet with the organisation's hub by the one-time code the hub
    /// shows (`welkom-hub device pair`, or "Pair a tablet" on its Devices page):
    /// writes [upstream] url, token and kind (and ca_file) into welkom.toml.
    Pair {
        /// The hub's address, e.g. https://hub.example.org (https:// is added when
        /// left out; plain http:// only to this machine).
        #[arg(long)]
        hub: String,
        /// The code, e.g. ABCD-EFGH (any case, dash optional).
        #[arg(long)]
        code: String,
        /// The organisation's CA certificate (PEM), when the hub's certificate comes
        /// from a private CA.
        #[arg(long)]
        ca_file: Option<PathBuf>,
        /// How the hub's Devices page names this tablet (default: the host name).
        #[arg(long)]
        name: Option<String>,
    },
    /// Show a day's tally: per moment the faces, the share of enthusiastic and low
    /// answers and the response rate, in total, per group and per hour.
    Tally {
        /// The day (YYYY-MM-DD); default today in the location's time zone.
        #[arg(long)]
        date: Option<Date>,
        /// text (a table) or json.
        #[arg(long, value_enum, default_value_t = TallyFormat::Text)]
        format: TallyFormat,
    },
    /// Drop the links to guardians older than privacy.retention_days (the kiosk also
    /// does this each night).
    Retention {
        /// Only say how many rows would be unlinked; change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Export or erase everything held about one family.
    Family {
        /// What to do.
        #[command(subcommand)]
        what: FamilyWhat,
    },
}

/// A setting `welkom check-config --print` prints.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum PrintSetting {
    /// `[display] rotation`, in degrees clockwise.
    #[value(name = "display.rotation")]
    DisplayRotation,
}

/// What `welkom staff` does.
#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Add a staff member; prints their PIN once.
    Add {
        /// The name shown in staff mode and recorded with follow-up notes.
        #[arg(long)]
        name: String,
        /// A manager may also change settings, import the roster and manage PINs.
        #[arg(long)]
        manager: bool,
        /// The PIN (4 to 6 digits, no trivial pattern); without it one is issued.
        #[arg(long)]
        pin: Option<String>,
    },
    /// List the staff members (never their PINs).
    List,
    /// Remove a staff member by id (see `welkom staff list`).
    Remove {
        /// The member's id.
        #[arg(long)]
        id: String,
    },
}

/// What `welkom family` does.
#[derive(Debug, Subcommand)]
pub enum FamilyWhat {
    /// Print everything held about a guardian's family as JSON (the right of access).
    Export {
        /// The guardian's id, as in the roster's guardian_id column.
        #[arg(long)]
        guardian_id: String,
    },
    /// Erase a guardian's family: the guardian, their children no one else brings,
    /// and every link to them (the right to be forgotten). Without --yes it only
    /// says what would be removed.
    Erase {
        /// The guardian's id, as in the roster's guardian_id column.
        #[arg(long)]
        guardian_id: String,
        /// Really erase.
        #[arg(long)]
        yes: bool,
    },
}

/// What `welkom export` exports.
#[derive(Debug, Subcommand)]
pub enum ExportWhat {
    /// Every rating, with its guardian, moment, face and follow-up.
    Ratings {
        /// csv or json.
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
        /// First day (YYYY-MM-DD), inclusive.
        #[arg(long)]
        from: Option<Date>,
        /// Last day (YYYY-MM-DD), inclusive.
        #[arg(long)]
        to: Option<Date>,
    },
    /// Every follow-up (low ratings and talk requests), open and handled, newest
    /// first, with who talked with the guardian, when, and their note.
    Followups {
        /// csv or json.
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
    },
}

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Comma-separated values with a header row.
    Csv,
    /// A JSON array.
    Json,
}

/// How `welkom tally` writes the tally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TallyFormat {
    /// A table for a manager to read.
    Text,
    /// The tally as JSON, field names in snake_case.
    Json,
}
