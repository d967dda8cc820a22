//! One-time numbers of forms that must act only once (adding a kiosk): a browser
//! that sends such a form again (a reload of the answer page) finds its number used
//! and the hub does nothing a second time. Table `form_nonces`, migration 0009.

use super::hex;
use super::postgres::PgDb;
use super::sqlite::SqliteDb;
use super::{Db, DbError};
use rusqlite::OptionalExtension;

/// How long an unused number stays valid: a day, in milliseconds.
const KEPT_MS: i64 = 24 * 3600 * 1000;

/// What a form's number says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NonceUse {
    /// Issued to this session and not used before: act, once.
    Fresh,
    /// Already used by this session: the form was sent again.
    AlreadyUsed,
    /// Not issued to this session, or too old.
    Unknown,
}

impl Db {
    /// Issues a new number for a form of the session `session_key`, issued at `now_ms`
    /// (numbers older than a day go at the same time).
    pub async fn issue_form_nonce(
        &self,
        session_key: &str,
        now_ms: i64,
    ) -> Result<String, DbError> {
        let nonce = hex(&rand::random::<[u8; 16]>());
        let (key, n) = (session_key.to_owned(), nonce.clone());
        match self {
            Db::Sqlite(db) => db.issue_form_nonce(key, n, now_ms).await?,
            Db::Postgres(db) => db.issue_form_nonce(key, n, now_ms).await?,
        }
        Ok(nonce)
    }

    /// Uses the number `nonce` of the session `session_key` at `now_ms`: only one
    /// caller ever gets [`NonceUse::Fresh`] for a number.
    pub async fn use_form_nonce(
        &self,
        session_key: &str,
        nonce: &str,
        now_ms: i64,
    ) -> Result<NonceUse, DbError> {
        let (key, n) = (session_key.to_owned(), nonce.to_owned());
        let (used_now, used_before) = match self {
            Db::Sqlite(db) => db.use_form_nonce(key, n, now_ms).await?,
            Db::Postgres(db) => db.use_form_nonce(key, n, now_ms).await?,
        };
        Ok(match (used_now, used_before) {
            (true, _) => NonceUse::Fresh,
            (false, true) => NonceUse::AlreadyUsed,
            (false, false) => NonceUse::Unknown,
        })
    }
}

impl SqliteDb {
    async fn issue_form_nonce(&self, key: String, nonce: String, now: i64) -> Result<(), DbError> {
        self.with(move |conn| {
            conn.execute(
                "DELETE FROM form_nonces WHERE created_at < ?1",
                [now - KEPT_MS],
            )?;
            conn.execute(
                "INSERT INTO form_nonces (nonce, session_key, created_at) VALUES (?1, ?2, ?3)",
                rusqlite::params![nonce, key, now],
            )?;
            Ok(())
        })
        .await
    }

    async fn use_form_nonce(
        &self,
        key: String,
        nonce: String,
        now: i64,
    ) -> Result<(bool, bool), DbError> {
        self.with(move |conn| {
            let used = conn.execute(
                "UPDATE form_nonces SET used_at = ?3
                 WHERE nonce = ?1 AND session_key = ?2 AND used_at IS NULL AND created_at >= ?4",
                rusqlite::params![nonce, key, now, now - KEPT_MS],
            )?;
            if used == 1 {
                return Ok((true, false));
            }
            let before = conn
                .query_row(
                    "SELECT 1 FROM form_nonces
                     WHERE nonce = ?1 AND session_key = ?2 AND used_at IS NOT NULL",
                    [&nonce, &key],
                    |_| Ok(()),
                )
                .optional()?;
            Ok((false, before.is_some()))
        })
        .await
    }
}

impl PgDb {
    async fn issue_form_nonce(&self, key: String, nonce: String, now: i64) -> Result<(), DbError> {
        let client = self.client().await?;
        client
            .execute(
                "DELETE FROM form_nonces WHERE created_at < $1",
                &[&(now - KEPT_MS)],
            )
            .await?;
        client
            .execute(
                "INSERT INTO form_nonces (nonce, session_key, created_at) VALUES ($1, $2, $3)",
                &[&nonce, &key, &now],
            )
            .await?;
        Ok(())
    }

    async fn use_form_nonce(
        &self,
        key: String,
        nonce: String,
        now: i64,
    ) -> Result<(bool, bool), DbError> {
        let client = self.client().await?;
        let used = client
            .execute(
                "UPDATE form_nonces SET used_at = $3
                 WHERE nonce = $1 AND session_key = $2 AND used_at IS NULL AND created_at >= $4",
                &[&nonce, &key, &now, &(now - KEPT_MS)],
            )
            .await?;
        if used == 1 {
            return Ok((true, false));
        }
        let before = client
            .query_opt(
                "SELECT 1 FROM form_nonces
                 WHERE nonce = $1 AND session_key = $2 AND used_at IS NOT NULL",
                &[&nonce, &key],
            )
            .await?;
        Ok((false, before.is_some()))
    }
}
