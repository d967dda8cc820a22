//! `welkom retention [--dry-run]`: drops the links to guardians older than the
//! retention period, and says how many rows it unlinked.

use std::path::Path;
use std::process::ExitCode;
use welkom_store::RetentionReport;

/// Runs the command.
pub fn run(data_dir: &Path, dry_run: bool) -> anyhow::Result<ExitCode> {
    let config = super::load_config(data_dir)?;
    let mut store = super::open_store(data_dir)?;
    let cutoff = crate::retention::cutoff_now(&config, jiff::Timestamp::now());
    let days = config.privacy.retention_days;
    if dry_run {
        let report = store.preview_retention(cutoff)?;
        println!("retention ({days} days): links from before {cutoff} would be dropped");
        print_report(&report);
        println!("Nothing was changed: run without --dry-run to drop them.");
        return Ok(ExitCode::SUCCESS);
    }
    let report = store.apply_retention(cutoff)?;
    tracing::info!(
        ratings = report.ratings_unlinked,
        visits = report.visits_unlinked,
        "retention applied from the command line"
    );
    println!("retention ({days} days): links from before {cutoff} dropped");
    print_report(&report);
    if !store.compact()? {
        eprintln!(
            "The database could not be compacted completely while the kiosk was using it; \
             it will be at the next run."
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn print_report(report: &RetentionReport) {
    println!("  ratings unlinked: {}", report.ratings_unlinked);
    println!("  visits unlinked: {}", report.visits_unlinked);
    println!(
        "  children removed from visits: {}",
        report.visit_children_deleted
    );
    println!("  talk requests unlinked: {}", report.follow_ups_unlinked);
    println!(
        "  sent events removed from the outbox: {}",
        report.outbox_deleted
    );
    println!(
        "  staff notes emptied (text and staff name): {}",
        report.notes_cleared
    );
    println!(
        "  waiting events stripped of guardian, children and staff names: {}",
        report.outbox_stripped
    );
}
