//! `welkom staff add|list|remove`: the staff members who open staff mode.

use super::open_store;
use crate::cli::StaffCommand;
use anyhow::bail;
use std::path::Path;
use std::process::ExitCode;
use welkom_store::{StaffRole, Store};

/// The length of an issued staff PIN.
pub const STAFF_PIN_LENGTH: usize = 6;

/// Runs a staff command.
pub fn run(data_dir: &Path, command: StaffCommand) -> anyhow::Result<ExitCode> {
    let mut store = open_store(data_dir)?;
    match command {
        StaffCommand::Add { name, manager, pin } => {
            let role = if manager {
                StaffRole::Manager
            } else {
                StaffRole::Staff
            };
            let issued = pin.is_none();
            let pin = match pin {
                Some(pin) => {
                    check_chosen_pin(&pin)?;
                    pin
                }
                None => issue_pin(&store)?,
            };
            let member = store.add_staff(&name, role, &pin, jiff::Timestamp::now())?;
            println!(
                "Added {} as {} (id {}).",
                member.name,
                role.key(),
                member.id
            );
            if issued {
                println!("Their PIN, shown only now: {pin}");
            }
            Ok(ExitCode::SUCCESS)
        }
        StaffCommand::List => {
            let members = store.staff_members()?;
            if members.is_empty() {
                println!("No staff members yet. Add one with: welkom staff add --name NAME");
            }
            for member in members {
                println!("{}\t{}\t{}", member.id, member.role.key(), member.name);
            }
            Ok(ExitCode::SUCCESS)
        }
        StaffCommand::Remove { id } => {
            if store.remove_staff(&id)? {
                println!("Removed staff member {id}.");
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!("No active staff member has id {id}; see `welkom staff list`.");
                Ok(ExitCode::from(2))
            }
        }
    }
}

fn check_chosen_pin(pin: &str) -> anyhow::Result<()> {
    if !welkom_core::pin::is_well_formed(pin) {
        bail!("--pin: a staff PIN has 4 to 6 digits");
    }
    if welkom_core::pin::is_trivial(pin) {
        bail!("--pin: {pin} is too easy to guess (a run, a repeat or a year); choose another");
    }
    Ok(())
}

fn issue_pin(store: &Store) -> anyhow::Result<String> {
    let credentials = store.staff_credentials()?;
    welkom_core::pin::issue(&mut rand::rng(), STAFF_PIN_LENGTH, |pin| {
        welkom_store::find_staff_member(&credentials, pin).is_some()
    })
    .ok_or_else(|| anyhow::anyhow!("could not issue a staff PIN; try again"))
}
