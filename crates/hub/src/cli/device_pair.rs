//! `welkom-hub device pair --location ID`: a one-time code with which a tablet
//! pairs itself with this hub (`POST /v1/pair`), instead of a token typed by hand.

use crate::db::{Db, PAIRING_CODE_LIFETIME};
use std::process::ExitCode;

/// Makes a code for the location and says what to do with it.
pub async fn run(db: &Db, location_id: &str) -> anyhow::Result<ExitCode> {
    let Some(location) = db.location(location_id).await? else {
        eprintln!("there is no location '{location_id}'; see `welkom-hub location list`");
        return Ok(ExitCode::from(2));
    };
    let made = db
        .add_pairing_code(&location.id, "cli", jiff::Timestamp::now())
        .await?;
    let zone = jiff::tz::TimeZone::get(&location.time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
    let until = made.expires_at.to_zoned(zone);
    println!("code        {}", made.code);
    println!(
        "valid until {} {} ({} minutes, once)",
        until.strftime("%Y-%m-%d %H:%M"),
        location.time_zone,
        PAIRING_CODE_LIFETIME.as_mins()
    );
    eprintln!(
        "\nOn the tablet for {name}, choose \"connect to the organisation's hub\" in its \
         set-up and enter this hub's address and the code, or run there:\n\n  \
         welkom pair --hub https://THIS-HUB --code {code}\n\n\
         The code works once, for a new device of {name}, until the time above; \
         then make a new one.",
        name = location.name,
        code = made.code,
    );
    Ok(ExitCode::SUCCESS)
}
