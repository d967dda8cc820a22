//! `welkom-hub export ratings`: a location's ratings of a period, without names, as
//! CSV, an Excel workbook or JSON, to standard output or a file.

use super::Format;
use crate::db::Db;
use crate::export::{self, Period};
use anyhow::Context;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Runs the export.
pub async fn run(
    db: &Db,
    location_id: &str,
    format: Format,
    period: Period,
    out: Option<PathBuf>,
) -> anyhow::Result<ExitCode> {
    let Some(location) = db.location(location_id).await? else {
        eprintln!("there is no location '{location_id}'; see `welkom-hub location list`");
        return Ok(ExitCode::from(2));
    };
    if let (Some(from), Some(to)) = (period.from, period.to)
        && from > to
    {
        eprintln!("--from {from} is after --to {to}: nothing to export; swap them");
        return Ok(ExitCode::from(2));
    }
    if format == Format::Xlsx && out.is_none() && std::io::stdout().is_terminal() {
        eprintln!(
            "an Excel workbook is not text: write it to a file with --out ratings.xlsx \
             (or redirect standard output)"
        );
        return Ok(ExitCode::from(2));
    }
    let ratings = period.read(db, &location.id).await?;
    let bytes = match format {
        Format::Csv => export::csv::ratings(&ratings),
        Format::Xlsx => export::xlsx::ratings(&ratings, &location.time_zone)?,
        Format::Json => {
            let mut json = serde_json::to_vec_pretty(&ratings)?;
            json.push(b'\n');
            json
        }
    };
    match out {
        Some(path) => std::fs::write(&path, &bytes)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(&bytes)
                .and_then(|()| stdout.flush())
                .context("cannot write to standard output")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
