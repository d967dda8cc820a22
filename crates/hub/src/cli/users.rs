//! `welkom-hub user …`: the people who log in to the hub's web pages.

use crate::db::{Db, DbError, Role};
use clap::{Subcommand, ValueEnum};
use std::io::{IsTerminal, Read};
use std::process::ExitCode;

/// `welkom-hub user …`
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user. The password is read from standard input when one is piped in;
    /// otherwise a strong one is made and printed, this once.
    Add {
        /// Their email address (they log in with it).
        email: String,
        /// admin (every location) or manager (the locations given).
        #[arg(long, value_enum)]
        role: RoleArg,
        /// A location a manager sees (repeat for more); see `welkom-hub location list`.
        #[arg(long = "location", value_name = "ID")]
        locations: Vec<String>,
    },
    /// List the users: email, role, locations.
    List,
    /// Remove a user; their sessions end.
    Remove {
        /// Their email address.
        email: String,
    },
    /// Give a user a new password (read from standard input when piped, otherwise
    /// made and printed once); their sessions end.
    ResetPassword {
        /// Their email address.
        email: String,
    },
    /// Let a user log in again at once after too many wrong passwords (someone who
    /// knows their email may keep trying).
    Unlock {
        /// Their email address.
        email: String,
    },
}

/// A role on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    /// Sees every location.
    Admin,
    /// Sees the locations given with --location.
    Manager,
}

impl From<RoleArg> for Role {
    fn from(role: RoleArg) -> Self {
        match role {
            RoleArg::Admin => Role::Admin,
            RoleArg::Manager => Role::Manager,
        }
    }
}

/// A password: piped in, or made here (and then printed).
struct Password {
    text: String,
    generated: bool,
}

/// Reads the password from standard input when it is not a terminal (the first
/// line), or makes one.
fn password() -> Result<Password, String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Ok(Password {
            text: crate::password::generate(),
            generated: true,
        });
    }
    let mut piped = String::new();
    stdin
        .lock()
        .take(crate::password::MAX_LENGTH as u64 * 4 + 2)
        .read_to_string(&mut piped)
        .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
    let line = piped.lines().next().unwrap_or("").to_owned();
    if line.is_empty() {
        return Err(format!(
            "standard input gave no password; pipe one of at least {} characters (welkom-hub user … < password.txt, a file only you can read), or run the command in a terminal to have one made",
            crate::password::MIN_LENGTH
        ));
    }
    crate::password::check(&line).map_err(|e| e.to_string())?;
    Ok(Password {
        text: line,
        generated: false,
    })
}

/// Hashes a password off the async threads.
async fn hash(text: String) -> anyhow::Result<String> {
    Ok(tokio::task::spawn_blocking(move || crate::password::hash(&text)).await??)
}

/// Says a mistake the user can fix, and exits with 2.
fn refuse(message: &str) -> anyhow::Result<ExitCode> {
    eprintln!("welkom-hub: {message}");
    Ok(ExitCode::from(2))
}

fn print_generated(email: &str, password: &Password) {
    if password.generated {
        println!("password {}", password.text);
        eprintln!(
            "The password of {email} is shown only now: hand it over safely. The hub keeps only its hash."
        );
    }
}

/// Runs a `user` command.
pub async fn run(db: &Db, what: UserCommand) -> anyhow::Result<ExitCode> {
    match what {
        UserCommand::Unlock { email } => {
            if db.user_with_hash(&email).await?.is_none() {
                return refuse(&format!(
                    "there is no user {email}; see `welkom-hub user list`"
                ));
            }
            db.login_succeeded(&crate::web::login::account_key(&email), "")
                .await?;
            println!("{email} can log in again now");
            Ok(ExitCode::SUCCESS)
        }
        UserCommand::Add {
            email,
            role,
            locations,
        } => {
            // Checked before a password is asked for or made.
            let checked = crate::db::normalize_email(&email)
                .and_then(|_| crate::db::check_role_locations(role.into(), &locations));
            if let Err(DbError::Invalid(message)) = checked {
                return refuse(&message);
            }
            let password = match password() {
                Ok(password) => password,
                Err(message) => return refuse(&message),
            };
            let hash = hash(password.text.clone()).await?;
            let now = jiff::Timestamp::now().as_millisecond();
            match db
                .add_user(&email, role.into(), &locations, &hash, now)
                .await
            {
                Ok(user) => {
                    println!("user {} added ({})", user.email, user.role.as_str());
                    print_generated(&user.email, &password);
                    Ok(ExitCode::SUCCESS)
                }
                Err(DbError::Invalid(message)) => refuse(&message),
                Err(e) => Err(e.into()),
            }
        }
        UserCommand::List => {
            for user in db.users().await? {
                let created = jiff::Timestamp::from_millisecond(user.created_at_ms)
                    .map(|t| t.to_string())
                    .unwrap_or_default();
                let locations = match user.role {
                    Role::Admin => "*".to_owned(),
                    Role::Manager => user.locations.join(","),
                };
                println!(
                    "{}\t{}\t{}\t{}",
                    user.email,
                    user.role.as_str(),
                    locations,
                    created
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        UserCommand::Remove { email } => {
            if db.remove_user(&email).await? {
                println!("user {} removed", email.trim().to_lowercase());
                Ok(ExitCode::SUCCESS)
            } else {
                refuse(&format!(
                    "there is no user '{email}'; see `welkom-hub user list`"
                ))
            }
        }
        UserCommand::ResetPassword { email } => {
            if db.user_with_hash(&email).await?.is_none() {
                return refuse(&format!(
                    "there is no user '{email}'; see `welkom-hub user list`"
                ));
            }
            let password = match password() {
                Ok(password) => password,
                Err(message) => return refuse(&message),
            };
            let hash = hash(password.text.clone()).await?;
            let email = email.trim().to_lowercase();
            if !db.set_password_hash(&email, &hash).await? {
                return refuse(&format!(
                    "there is no user '{email}'; see `welkom-hub user list`"
                ));
            }
            println!("password of {email} changed; their sessions have ended");
            print_generated(&email, &password);
            Ok(ExitCode::SUCCESS)
        }
    }
}
