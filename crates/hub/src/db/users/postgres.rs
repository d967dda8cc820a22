//! Users, sessions and the log-in throttle on PostgreSQL.

use super::{Forgotten, LoggedIn, NewSession, ThrottlePolicy, User, assemble};
use crate::db::DbError;
use crate::db::postgres::PgDb;
use tokio_postgres::GenericClient;

async fn user_rows(client: &impl GenericClient, email: Option<&str>) -> Result<Vec<User>, DbError> {
    let rows = client
        .query(
            "SELECT id, email, role, created_at FROM users
             WHERE $1::TEXT IS NULL OR email = $1 ORDER BY email",
            &[&email],
        )
        .await?
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
        .collect();
    let links = client
        .query(
            "SELECT ul.user_id, ul.location_id FROM user_locations ul
             JOIN users u ON u.id = ul.user_id
             WHERE $1::TEXT IS NULL OR u.email = $1 ORDER BY ul.location_id",
            &[&email],
        )
        .await?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assemble(rows, links)
}

impl PgDb {
    pub(in crate::db) async fn insert_user(&self, user: &User, hash: &str) -> Result<(), DbError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        tx.execute(
            "INSERT INTO users (id, email, role, password_hash, created_at)
             VALUES ($1, $2, $3, $4, $5)",
            &[
                &user.id,
                &user.email,
                &user.role.as_str(),
                &hash,
                &user.created_at_ms,
            ],
        )
        .await?;
        for location in &user.locations {
            tx.execute(
                "INSERT INTO user_locations (user_id, location_id) VALUES ($1, $2)",
                &[&user.id, location],
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub(in crate::db) async fn all_users(&self) -> Result<Vec<User>, DbError> {
        user_rows(&**self.client().await?, None).await
    }

    pub(in crate::db) async fn user_with_hash(
        &self,
        email: &str,
    ) -> Result<Option<(User, String)>, DbError> {
        let client = self.client().await?;
        let Some(user) = user_rows(&**client, Some(email)).await?.into_iter().next() else {
            return Ok(None);
        };
        let hash: String = client
            .query_one("SELECT password_hash FROM users WHERE id = $1", &[&user.id])
            .await?
            .get(0);
        Ok(Some((user, hash)))
    }

    pub(in crate::db) async fn remove_user(&self, email: &str) -> Result<bool, DbError> {
        Ok(self
            .client()
            .await?
            .execute("DELETE FROM users WHERE email = $1", &[&email])
            .await?
            > 0)
    }

    pub(in crate::db) async fn set_password_hash(
        &self,
        email: &str,
        hash: &str,
    ) -> Result<bool, DbError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        let changed = tx
            .execute(
                "UPDATE users SET password_hash = $2 WHERE email = $1",
                &[&email, &hash],
            )
            .await?
            > 0;
        tx.execute(
            "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE email = $1)",
            &[&email],
        )
        .await?;
        tx.commit().await?;
        Ok(changed)
    }

    pub(in crate::db) async fn start_session(
        &self,
        s: &NewSession,
        idle_cutoff_ms: i64,
    ) -> Result<(), DbError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        tx.execute(
            "DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at < $2",
            &[&s.now_ms, &idle_cutoff_ms],
        )
        .await?;
        tx.execute(
            "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
             VALUES ($1, $2, $3, $4, $4, $5)",
            &[&s.id_hash, &s.user_id, &s.csrf_token, &s.now_ms, &s.expires_at_ms],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub(in crate::db) async fn session(
        &self,
        id_hash: &str,
    ) -> Result<Option<(LoggedIn, i64, i64)>, DbError> {
        let client = self.client().await?;
        let Some(row) = client
            .query_opt(
                "SELECT u.email, s.csrf_token, s.last_seen_at, s.expires_at
                 FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1",
                &[&id_hash],
            )
            .await?
        else {
            return Ok(None);
        };
        let email: String = row.get(0);
        let Some(user) = user_rows(&**client, Some(&email)).await?.into_iter().next() else {
            return Ok(None);
        };
        Ok(Some((
            LoggedIn {
                user,
                csrf_token: row.get(1),
            },
            row.get(2),
            row.get(3),
        )))
    }

    pub(in crate::db) async fn touch_session(
        &self,
        id_hash: &str,
        now_ms: i64,
    ) -> Result<(), DbError> {
        self.client()
            .await?
            .execute(
                "UPDATE sessions SET last_seen_at = $2 WHERE id_hash = $1",
                &[&id_hash, &now_ms],
            )
            .await?;
        Ok(())
    }

    pub(in crate::db) async fn end_session(&self, id_hash: &str) -> Result<(), DbError> {
        self.client()
            .await?
            .execute("DELETE FROM sessions WHERE id_hash = $1", &[&id_hash])
            .await?;
        Ok(())
    }

    pub(in crate::db) async fn begin_login_attempt(
        &self,
        mut keys: Vec<(String, ThrottlePolicy)>,
        now_ms: i64,
    ) -> Result<Option<i64>, DbError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        // One attempt per key at a time, across hub processes; locks taken in one
        // order so two attempts never wait on each other.
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        for (key, _) in &keys {
            tx.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended($1, 1))",
                &[key],
            )
            .await?;
        }
        let mut counts = Vec::new();
        let mut wait = 0;
        for (key, policy) in &keys {
            let (failures, last) = tx
                .query_opt(
                    "SELECT failures, last_failure_at FROM login_throttle WHERE key = $1",
                    &[key],
                )
                .await?
                .map(|r| (r.get::<_, i64>(0), r.get::<_, i64>(1)))
                .unwrap_or((0, 0));
            wait = wait.max(policy.wait_ms(failures, last, now_ms));
            counts.push(policy.counting(failures, last, now_ms));
        }
        if wait > 0 {
            return Ok(Some(wait));
        }
        let forget = keys.iter().map(|(_, p)| p.forget_ms).max().unwrap_or(0);
        tx.execute(
            "DELETE FROM login_throttle WHERE last_failure_at <= $1",
            &[&(now_ms - forget)],
        )
        .await?;
        for ((key, _), count) in keys.iter().zip(counts) {
            tx.execute(
                "INSERT INTO login_throttle (key, failures, last_failure_at) VALUES ($1, $2, $3)
                 ON CONFLICT (key) DO UPDATE SET failures = excluded.failures,
                                                 last_failure_at = excluded.last_failure_at",
                &[key, &(count + 1), &now_ms],
            )
            .await?;
        }
        tx.commit().await?;
        Ok(None)
    }

    pub(in crate::db) async fn forget_ended(
        &self,
        now_ms: i64,
        idle_cutoff_ms: i64,
        failures_cutoff_ms: i64,
    ) -> Result<Forgotten, DbError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        let sessions = tx
            .execute(
                "DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at < $2",
                &[&now_ms, &idle_cutoff_ms],
            )
            .await?;
        let failures = tx
            .execute(
                "DELETE FROM login_throttle WHERE last_failure_at <= $1",
                &[&failures_cutoff_ms],
            )
            .await?;
        tx.commit().await?;
        Ok(Forgotten { sessions, failures })
    }

    pub(in crate::db) async fn login_succeeded(
        &self,
        account_key: &str,
        address_key: &str,
    ) -> Result<(), DbError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        tx.execute("DELETE FROM login_throttle WHERE key = $1", &[&account_key])
            .await?;
        tx.execute(
            "UPDATE login_throttle SET failures = GREATEST(failures - 1, 0) WHERE key = $1",
            &[&address_key],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
