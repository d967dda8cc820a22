//! Users, sessions and the log-in throttle on SQLite.

use super::{Forgotten, LoggedIn, NewSession, ThrottlePolicy, User, assemble};
use crate::db::DbError;
use crate::db::sqlite::SqliteDb;
use rusqlite::{Connection, OptionalExtension, params};

type UserRow = (String, String, String, i64);

fn user_rows(conn: &Connection, email: Option<&str>) -> Result<Vec<User>, DbError> {
    let rows: Vec<UserRow> = conn
        .prepare_cached(
            "SELECT id, email, role, created_at FROM users
             WHERE ?1 IS NULL OR email = ?1 ORDER BY email",
        )?
        .query_map([email], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<_, _>>()?;
    let links: Vec<(String, String)> = conn
        .prepare_cached(
            "SELECT ul.user_id, ul.location_id FROM user_locations ul
             JOIN users u ON u.id = ul.user_id
             WHERE ?1 IS NULL OR u.email = ?1 ORDER BY ul.location_id",
        )?
        .query_map([email], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    assemble(rows, links)
}

impl SqliteDb {
    pub(in crate::db) async fn insert_user(&self, user: &User, hash: &str) -> Result<(), DbError> {
        let (user, hash) = (user.clone(), hash.to_owned());
        self.with(move |conn| {
            let tx = conn.transaction()?;
            tx.execute(
                "INSERT INTO users (id, email, role, password_hash, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    user.id,
                    user.email,
                    user.role.as_str(),
                    hash,
                    user.created_at_ms
                ],
            )?;
            for location in &user.locations {
                tx.execute(
                    "INSERT INTO user_locations (user_id, location_id) VALUES (?1, ?2)",
                    params![user.id, location],
                )?;
            }
            tx.commit()?;
            Ok(())
        })
        .await
    }

    pub(in crate::db) async fn all_users(&self) -> Result<Vec<User>, DbError> {
        self.with(|conn| user_rows(conn, None)).await
    }

    pub(in crate::db) async fn user_with_hash(
        &self,
        email: &str,
    ) -> Result<Option<(User, String)>, DbError> {
        let email = email.to_owned();
        self.with(move |conn| {
            let Some(user) = user_rows(conn, Some(&email))?.into_iter().next() else {
                return Ok(None);
            };
            let hash: String = conn.query_row(
                "SELECT password_hash FROM users WHERE id = ?1",
                [&user.id],
                |r| r.get(0),
            )?;
            Ok(Some((user, hash)))
        })
        .await
    }

    pub(in crate::db) async fn remove_user(&self, email: &str) -> Result<bool, DbError> {
        let email = email.to_owned();
        self.with(move |conn| Ok(conn.execute("DELETE FROM users WHERE email = ?1", [&email])? > 0))
            .await
    }

    pub(in crate::db) async fn set_password_hash(
        &self,
        email: &str,
        hash: &str,
    ) -> Result<bool, DbError> {
        let (email, hash) = (email.to_owned(), hash.to_owned());
        self.with(move |conn| {
            let tx = conn.transaction()?;
            let changed = tx.execute(
                "UPDATE users SET password_hash = ?2 WHERE email = ?1",
                params![email, hash],
            )? > 0;
            tx.execute(
                "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE email = ?1)",
                [&email],
            )?;
            tx.commit()?;
            Ok(changed)
        })
        .await
    }

    pub(in crate::db) async fn start_session(
        &self,
        session: &NewSession,
        idle_cutoff_ms: i64,
    ) -> Result<(), DbError> {
        let s = session.clone();
        self.with(move |conn| {
            let tx = conn.transaction()?;
            tx.execute(
                "DELETE FROM sessions WHERE expires_at <= ?1 OR last_seen_at < ?2",
                params![s.now_ms, idle_cutoff_ms],
            )?;
            tx.execute(
                "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
                 VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
                params![s.id_hash, s.user_id, s.csrf_token, s.now_ms, s.expires_at_ms],
            )?;
            tx.commit()?;
            Ok(())
        })
        .await
    }

    pub(in crate::db) async fn session(
        &self,
        id_hash: &str,
    ) -> Result<Option<(LoggedIn, i64, i64)>, DbError> {
        let id_hash = id_hash.to_owned();
        self.with(move |conn| {
            let found: Option<(String, String, i64, i64)> = conn
                .prepare_cached(
                    "SELECT u.email, s.csrf_token, s.last_seen_at, s.expires_at
                     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?1",
                )?
                .query_row([&id_hash], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })
                .optional()?;
            let Some((email, csrf_token, last_seen, expires)) = found else {
                return Ok(None);
            };
            let Some(user) = user_rows(conn, Some(&email))?.into_iter().next() else {
                return Ok(None);
            };
            Ok(Some((LoggedIn { user, csrf_token }, last_seen, expires)))
        })
        .await
    }

    pub(in crate::db) async fn touch_session(
        &self,
        id_hash: &str,
        now_ms: i64,
    ) -> Result<(), DbError> {
        let id_hash = id_hash.to_owned();
        self.with(move |conn| {
            conn.execute(
                "UPDATE sessions SET last_seen_at = ?2 WHERE id_hash = ?1",
                params![id_hash, now_ms],
            )?;
            Ok(())
        })
        .await
    }

    pub(in crate::db) async fn end_session(&self, id_hash: &str) -> Result<(), DbError> {
        let id_hash = id_hash.to_owned();
        self.with(move |conn| {
            conn.execute("DELETE FROM sessions WHERE id_hash = ?1", [&id_hash])?;
            Ok(())
        })
        .await
    }

    pub(in crate::db) async fn begin_login_attempt(
        &self,
        keys: Vec<(String, ThrottlePolicy)>,
        now_ms: i64,
    ) -> Result<Option<i64>, DbError> {
        self.with(move |conn| {
            let tx = conn.transaction()?;
            let mut counts = Vec::new();
            let mut wait = 0;
            for (key, policy) in &keys {
                let row: Option<(i64, i64)> = tx
                    .query_row(
                        "SELECT failures, last_failure_at FROM login_throttle WHERE key = ?1",
                        [key],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()?;
                let (failures, last) = row.unwrap_or((0, 0));
                wait = wait.max(policy.wait_ms(failures, last, now_ms));
                counts.push(policy.counting(failures, last, now_ms));
            }
            if wait > 0 {
                return Ok(Some(wait));
            }
            // Rows forgotten by every policy go, so the table stays small.
            let forget = keys.iter().map(|(_, p)| p.forget_ms).max().unwrap_or(0);
            tx.execute(
                "DELETE FROM login_throttle WHERE last_failure_at <= ?1",
                [now_ms - forget],
            )?;
            for ((key, _), count) in keys.iter().zip(counts) {
                tx.execute(
                    "INSERT INTO login_throttle (key, failures, last_failure_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT (key) DO UPDATE SET failures = excluded.failures,
                                                     last_failure_at = excluded.last_failure_at",
                    params![key, count + 1, now_ms],
                )?;
            }
            tx.commit()?;
            Ok(None)
        })
        .await
    }

    pub(in crate::db) async fn forget_ended(
        &self,
        now_ms: i64,
        idle_cutoff_ms: i64,
        failures_cutoff_ms: i64,
    ) -> Result<Forgotten, DbError> {
        self.with(move |conn| {
            let tx = conn.transaction()?;
            let sessions = tx.execute(
                "DELETE FROM sessions WHERE expires_at <= ?1 OR last_seen_at < ?2",
                params![now_ms, idle_cutoff_ms],
            )? as u64;
            let failures = tx.execute(
                "DELETE FROM login_throttle WHERE last_failure_at <= ?1",
                [failures_cutoff_ms],
            )? as u64;
            tx.commit()?;
            Ok(Forgotten { sessions, failures })
        })
        .await
    }

    pub(in crate::db) async fn login_succeeded(
        &self,
        account_key: &str,
        address_key: &str,
    ) -> Result<(), DbError> {
        let (account, address) = (account_key.to_owned(), address_key.to_owned());
        self.with(move |conn| {
            let tx = conn.transaction()?;
            tx.execute("DELETE FROM login_throttle WHERE key = ?1", [&account])?;
            tx.execute(
                "UPDATE login_throttle SET failures = MAX(failures - 1, 0) WHERE key = ?1",
                [&address],
            )?;
            tx.commit()?;
            Ok(())
        })
        .await
    }
}
