//! The `welkom` binary: parses the command line and hands over to the library.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = welkom::cli::Cli::parse();
    welkom::commands::init_logging();
    #[cfg(feature = "heap-stats")]
    welkom::heap_stats::start_reporter();
    match welkom::commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("welkom: {e:#}");
            ExitCode::from(1)
        }
    }
}
