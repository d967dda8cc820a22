//! `welkom-hub`: see `welkom-hub --help`.

use clap::Parser;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let filter = tracing_subscriber::EnvFilter::try_from_env("WELKOM_HUB_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .json()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
    let cli = welkom_hub::cli::Cli::parse();
    match welkom_hub::cli::run(cli).await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("welkom-hub: {e:#}");
            ExitCode::FAILURE
        }
    }
}
