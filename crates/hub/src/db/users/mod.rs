//! The people who open the hub in a browser, their sessions and the throttle on
//! wrong passwords. An admin sees every location; a manager only their own.

mod postgres;
mod sqlite;
mod throttle;

pub use throttle::ThrottlePolicy;

use super::{Db, DbError};

/// What a user may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Sees every location.
    Admin,
    /// Sees the locations given to them.
    Manager,
}

impl Role {
    /// The role as stored and shown: `admin` or `manager`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Manager => "manager",
        }
    }

    /// Reads a stored role.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "admin" => Some(Self::Admin),
            "manager" => Some(Self::Manager),
            _ => None,
        }
    }
}

/// A user of the hub's web pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    /// Their id (a UUIDv7).
    pub id: String,
    /// Their email address, in lower case.
    pub email: String,
    /// What they may do.
    pub role: Role,
    /// The locations a manager sees (empty for an admin, who sees all).
    pub locations: Vec<String>,
    /// When they were added, in milliseconds since the epoch.
    pub created_at_ms: i64,
}

impl User {
    /// Whether this user may see the location.
    pub fn may_see(&self, location_id: &str) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Manager => self.locations.iter().any(|l| l == location_id),
        }
    }
}

/// A user whose session is valid, with the token their forms must carry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoggedIn {
    /// Who.
    pub user: User,
    /// The session's CSRF token.
    pub csrf_token: String,
}

/// A new session, as the database keeps it.
#[derive(Clone, Debug)]
pub struct NewSession {
    /// The SHA-256 (hex) of the cookie's value.
    pub id_hash: String,
    /// The user.
    pub user_id: String,
    /// The token its forms carry.
    pub csrf_token: String,
    /// Now, in milliseconds since the epoch.
    pub now_ms: i64,
    /// When it ends whatever happens, in milliseconds since the epoch.
    pub expires_at_ms: i64,
}

/// A session is used again only within this long of its last use (`idle_ms`).
#[derive(Clone, Copy, Debug)]
pub struct SessionCheck {
    /// Now, in milliseconds since the epoch.
    pub now_ms: i64,
    /// The longest pause between two requests, in milliseconds.
    pub idle_ms: i64,
}

/// A session's `last_seen_at` is written at most this often (in milliseconds), so
/// reading a page seldom writes.
const TOUCH_EVERY_MS: i64 = 60_000;

/// Checks and normalises an email address: trimmed, lower case, one `@` with
/// something on each side, a dot in the domain, no spaces, at most 254 characters.
pub fn normalize_email(email: &str) -> Result<String, DbError> {
    let email = email.trim().to_lowercase();
    let invalid = |why: &str| {
        Err(DbError::Invalid(format!(
            "'{email}' is not an email address ({why}); give one such as name@example.org"
        )))
    };
    if email.is_empty() || email.len() > 254 {
        return invalid("it must have 1 to 254 characters");
    }
    if email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return invalid("it has a space or a control character");
    }
    let Some((local, domain)) = email.split_once('@') else {
        return invalid("it has no @");
    };
    if local.is_empty() || domain.contains('@') {
        return invalid("it needs exactly one @ with a name before it");
    }
    if !domain.contains('.') || domain.starts_with('.') || domain.ends_with('.') {
        return invalid("the part after @ must be a domain such as example.org");
    }
    Ok(email)
}

/// A manager needs at least one location; an admin sees all, so is given none.
pub fn check_role_locations(role: Role, locations: &[String]) -> Result<(), DbError> {
    match role {
        Role::Manager if locations.is_empty() => Err(DbError::Invalid(
            "a manager needs at least one location: add --location ID (see `welkom-hub location list`)".into(),
        )),
        Role::Admin if !locations.is_empty() => Err(DbError::Invalid(
            "an admin sees every location: leave out --location, or add the user as a manager".into(),
        )),
        _ => Ok(()),
    }
}

macro_rules! users_both {
    ($self:ident, $db:ident => $call:expr) => {
        match $self {
            Db::Sqlite($db) => $call,
            Db::Postgres($db) => $call,
        }
    };
}

impl Db {
    /// Adds a user with an argon2id password hash (see `crate::password`). A manager
    /// needs at least one location, an admin none (they see all); every location
    /// must exist and the email must be new.
    pub async fn add_user(
        &self,
        email: &str,
        role: Role,
        locations: &[String],
        password_hash: &str,
        now_ms: i64,
    ) -> Result<User, DbError> {
        let email = normalize_email(email)?;
        check_role_locations(role, locations)?;
        let known = self.locations().await?;
        let mut wanted: Vec<String> = Vec::new();
        for id in locations {
            if !known.iter().any(|l| &l.id == id) {
                return Err(DbError::Invalid(format!(
                    "there is no location '{id}'; see `welkom-hub location list`"
                )));
            }
            if !wanted.contains(id) {
                wanted.push(id.clone());
            }
        }
        if self.user_with_hash(&email).await?.is_some() {
            return Err(DbError::Invalid(format!(
                "there is already a user {email}; remove them first or reset their password"
            )));
        }
        let user = User {
            id: uuid::Uuid::now_v7().to_string(),
            email,
            role,
            locations: wanted,
            created_at_ms: now_ms,
        };
        let hash = password_hash.to_owned();
        users_both!(self, db => db.insert_user(&user, &hash).await)?;
        Ok(user)
    }

    /// Every user, by email.
    pub async fn users(&self) -> Result<Vec<User>, DbError> {
        users_both!(self, db => db.all_users().await)
    }

    /// A user by email (any case) with their password hash.
    pub async fn user_with_hash(&self, email: &str) -> Result<Option<(User, String)>, DbError> {
        let email = email.trim().to_lowercase();
        users_both!(self, db => db.user_with_hash(&email).await)
    }

    /// Removes a user, their sessions and locations; returns whether they existed.
    pub async fn remove_user(&self, email: &str) -> Result<bool, DbError> {
        let email = email.trim().to_lowercase();
        users_both!(self, db => db.remove_user(&email).await)
    }

    /// Gives a user a new password hash and ends all their sessions; returns whether
    /// they exist.
    pub async fn set_password_hash(&self, email: &str, hash: &str) -> Result<bool, DbError> {
        let email = email.trim().to_lowercase();
        users_both!(self, db => db.set_password_hash(&email, hash).await)
    }

    /// Stores a new session, and drops sessions that ended (past their end, or idle
    /// since `idle_cutoff_ms`).
    pub async fn start_session(
        &self,
        session: NewSession,
        idle_cutoff_ms: i64,
    ) -> Result<(), DbError> {
        users_both!(self, db => db.start_session(&session, idle_cutoff_ms).await)
    }

    /// The user of a session that is still valid, noting its use. A session idle for
    /// too long or past its end is dropped and gives `None`.
    pub async fn session(
        &self,
        id_hash: &str,
        check: SessionCheck,
    ) -> Result<Option<LoggedIn>, DbError> {
        let Some((logged_in, last_seen, expires)) =
            users_both!(self, db => db.session(id_hash).await)?
        else {
            return Ok(None);
        };
        if check.now_ms >= expires || check.now_ms - last_seen > check.idle_ms {
            self.end_session(id_hash).await?;
            return Ok(None);
        }
        if check.now_ms - last_seen >= TOUCH_EVERY_MS {
            users_both!(self, db => db.touch_session(id_hash, check.now_ms).await)?;
        }
        Ok(Some(logged_in))
    }

    /// Ends a session (log-out).
    pub async fn end_session(&self, id_hash: &str) -> Result<(), DbError> {
        users_both!(self, db => db.end_session(id_hash).await)
    }

    /// Before a password is checked: when any of these keys (an account, an address)
    /// has failed too often lately, the milliseconds to wait; otherwise `None`, and
    /// the attempt is counted as a failure on each key until
    /// [`Db::login_succeeded`] says otherwise. Counting first means that many
    /// attempts sent at once are all counted.
    pub async fn begin_login_attempt(
        &self,
        keys: Vec<(String, ThrottlePolicy)>,
        now_ms: i64,
    ) -> Result<Option<i64>, DbError> {
        users_both!(self, db => db.begin_login_attempt(keys, now_ms).await)
    }

    /// After a right password: the account's failures are forgotten and the
    /// attempt no longer counts against the address.
    pub async fn login_succeeded(
        &self,
        account_key: &str,
        address_key: &str,
    ) -> Result<(), DbError> {
        users_both!(self, db => db.login_succeeded(account_key, address_key).await)
    }
}

/// What [`Db::forget_ended`] dropped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Forgotten {
    /// Sessions past their end or idle for too long.
    pub sessions: u64,
    /// Throttle rows (accounts, client addresses) whose failures no longer count.
    pub failures: u64,
}

impl Db {
    /// Drops ended sessions (past their end, or unused since `idle_cutoff_ms`) and
    /// failed log-ins older than `failures_cutoff_ms`, so neither a session nor a
    /// client address is kept longer than it serves. Run daily with retention.
    pub async fn forget_ended(
        &self,
        now_ms: i64,
        idle_cutoff_ms: i64,
        failures_cutoff_ms: i64,
    ) -> Result<Forgotten, DbError> {
        users_both!(self, db => db.forget_ended(now_ms, idle_cutoff_ms, failures_cutoff_ms).await)
    }
}

/// Reads the rows of a user and of their locations into users, in order.
fn assemble(
    rows: Vec<(String, String, String, i64)>,
    links: Vec<(String, String)>,
) -> Result<Vec<User>, DbError> {
    rows.into_iter()
        .map(|(id, email, role, created_at_ms)| {
            let role = Role::parse(&role)
                .ok_or_else(|| DbError::Corrupt(format!("the role '{role}' of user {id}")))?;
            let locations = links
                .iter()
                .filter(|(user, _)| *user == id)
                .map(|(_, location)| location.clone())
                .collect();
            Ok(User {
                id,
                email,
                role,
                locations,
                created_at_ms,
            })
        })
        .collect()
}
