//! `welkom sync`: sends what waits to the configured upstream now, and fetches the
//! location's roster, saying plainly how it went.

use std::process::ExitCode;
use welkom_sync::{Attempt, RosterFetch, SyncClient, SyncStatus};

/// Runs the command.
pub fn run(data_dir: &std::path::Path) -> anyhow::Result<ExitCode> {
    let config = super::load_config(data_dir)?;
    let Some(upstream) = crate::upstream::settings(&config) else {
        eprintln!(
            "No upstream in {}: add [upstream] url and token (see README, \"A hub for several locations\").",
            super::config_path(data_dir).display()
        );
        return Ok(ExitCode::from(2));
    };
    let store = super::open_store(data_dir)?;
    let mut client = SyncClient::new(store, upstream, SyncStatus::default());
    let (mut delivered, mut refused) = (0, 0);
    loop {
        match client.send_once()? {
            Attempt::Idle => break,
            Attempt::Sent {
                delivered: d,
                refused: r,
            } => {
                delivered += d;
                refused += r;
            }
            Attempt::Split => {}
            Attempt::TokenRefused => {
                eprintln!(
                    "The upstream refuses this kiosk's token; ask for a new one (`welkom-hub device add`)."
                );
                return Ok(ExitCode::FAILURE);
            }
            Attempt::RetryAfter(_, error) => {
                eprintln!(
                    "Not everything was sent ({delivered} events so far): {error}. Nothing is lost; the kiosk tries again by itself."
                );
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    println!("{delivered} events sent, {refused} refused by the upstream and set aside");
    match client.fetch_roster()? {
        RosterFetch::Applied { new_pins } => {
            println!(
                "a new roster from the upstream was applied ({new_pins} new PINs; export them in staff mode)"
            )
        }
        RosterFetch::Unchanged => println!("the roster is up to date"),
        RosterFetch::NoRoster => println!("the upstream holds no roster for this location"),
        RosterFetch::NotOffered => {
            println!("the upstream is a plain CloudEvents receiver: the roster stays as imported")
        }
        RosterFetch::Refused { problems } => {
            println!("the upstream's roster has {problems} problem(s) and was not applied")
        }
        RosterFetch::TokenRefused => println!("the upstream refuses this kiosk's token"),
        RosterFetch::Failed(e) => println!("the roster could not be fetched: {e}"),
    }
    Ok(ExitCode::SUCCESS)
}
