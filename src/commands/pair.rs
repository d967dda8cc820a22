//! `welkom pair --hub URL --code CODE [--ca-file PEM] [--name NAME]`: pairs this
//! tablet with its organisation's hub by the one-time code the hub showed
//! (`welkom-hub device pair`, or "Pair a tablet" on the hub's Devices page), and
//! writes the upstream it gives into welkom.toml. The file is checked before the
//! code is spent, and replaced at once or not at all.

use crate::config::{PairedUpstream, check_pairing, save_pairing};
use anyhow::Context;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;
use welkom_sync::PairError;

/// How long the exchange may take.
const TIMEOUT: Duration = Duration::from_secs(30);

/// Runs the command.
pub fn run(
    data_dir: &Path,
    hub: &str,
    code: &str,
    ca_file: Option<&Path>,
    name: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let file = super::config_path(data_dir);
    let ca_file = match ca_file {
        Some(path) => Some(
            std::path::absolute(path)
                .with_context(|| format!("the CA file {} has no full path", path.display()))?,
        ),
        None => None,
    };
    let hub_url = match welkom_sync::hub_address(hub) {
        Ok(url) => url,
        Err(e) => {
            eprintln!("{e}");
            return Ok(ExitCode::from(2));
        }
    };
    // Everything that can be checked is checked before the code is spent.
    let placeholder = PairedUpstream {
        url: hub_url.clone(),
        token: "wlk_placeholder".into(),
        ca_file: ca_file.clone(),
        location_name: "Kinderopvang".into(),
    };
    if let Err(e) = check_pairing(&file, &placeholder) {
        eprintln!("{e}\nNothing was sent; the code is still valid.");
        return Ok(ExitCode::from(2));
    }
    let name = name.map(str::to_owned).unwrap_or_else(machine_name);
    let paired = match welkom_sync::pair(&hub_url, code, &name, ca_file.as_deref(), TIMEOUT) {
        Ok(paired) => paired,
        Err(e) => {
            eprintln!("Not paired: {e}.");
            return Ok(ExitCode::from(match e {
                PairError::BadAddress(_) | PairError::CodeMalformed | PairError::CaFile(_) => 2,
                _ => 1,
            }));
        }
    };
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot create the data directory {}", data_dir.display()))?;
    let upstream = PairedUpstream {
        url: paired.hub_url.clone(),
        token: paired.token.clone(),
        ca_file,
        location_name: paired.location_name.clone(),
    };
    match save_pairing(&file, &upstream) {
        Ok(config) => {
            println!(
                "paired with {} as device {} of {} ({})",
                paired.hub_url, paired.device_id, paired.location_name, paired.location_id
            );
            println!("upstream written to {}", file.display());
            if config.location.name != paired.location_name {
                println!(
                    "the location keeps its name here, {:?}; the hub calls it {:?}",
                    config.location.name, paired.location_name
                );
            }
            println!("restart the kiosk to start sending; `welkom sync` sends now");
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            // The hub made the device: its token must not be lost with the file.
            eprintln!(
                "Paired as device {}, but {e}.\nPut these lines in {} by hand:\n\n\
                 [upstream]\nurl = \"{}\"\ntoken = \"{}\"\nkind = \"welkom\"\n",
                paired.device_id,
                file.display(),
                paired.hub_url,
                paired.token
            );
            Ok(ExitCode::FAILURE)
        }
    }
}

/// The name the hub shows for this tablet: the machine's host name, or "Welkom".
fn machine_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "Welkom".into())
}
