//! Known browsers: a browser that logged in to an account before keeps its own
//! count of wrong passwords for that account, so that someone guessing a manager's
//! password elsewhere cannot lock the manager out of their own laptop (after OWASP's
//! "device cookies").
//!
//! After a right password the browser gets a cookie holding a random nonce and a MAC
//! of the account's throttle key and that nonce. A later log-in to the same account
//! that brings a valid cookie is throttled under its own keys (the account's key and
//! the address's, each with the nonce) instead of the account's and the address's:
//! behind a proxy every browser shares one address, and guesses from elsewhere must
//! not lock a known browser out through that either. A stolen cookie gives its
//! thief no more guesses than the account has.
//!
//! The MAC's key is made at start-up and kept in memory only: after a restart the
//! cookies no longer count and every browser is throttled with the account, as it
//! was before its first log-in, until it logs in again.

use super::cookies;
use super::csrf::hex;
use axum::http::HeaderMap;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::sync::OnceLock;

/// How long a browser stays known without logging in again: 90 days.
pub const LIFE_SECONDS: u64 = 90 * 24 * 3600;

/// The process's MAC key.
fn key() -> &'static [u8; 32] {
    static KEY: OnceLock<[u8; 32]> = OnceLock::new();
    KEY.get_or_init(rand::random)
}

fn mac(account_key: &str, nonce: &str) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key()).expect("HMAC takes a key of any length");
    mac.update(account_key.as_bytes());
    mac.update(b"\n");
    mac.update(nonce.as_bytes());
    mac
}

/// The cookie's value for a browser that just logged in to this account.
pub fn cookie_value(account_key: &str) -> String {
    let nonce = hex(&rand::random::<[u8; 16]>());
    let tag = mac(account_key, &nonce).finalize().into_bytes();
    format!("{nonce}.{}", hex(&tag))
}

/// The throttle keys of a log-in to `account_key` from `address_key`: the
/// browser's own when it brings a valid cookie for this account, else those given.
pub fn throttle_keys(
    headers: &HeaderMap,
    secure: bool,
    account_key: &str,
    address_key: &str,
) -> (String, String) {
    match cookies::get(headers, cookies::KNOWN_BROWSER, secure)
        .and_then(|value| known_nonce(value, account_key))
    {
        Some(nonce) => (
            format!("{account_key}:browser:{nonce}"),
            format!("{address_key}:browser:{nonce}"),
        ),
        None => (account_key.to_owned(), address_key.to_owned()),
    }
}

/// The nonce of a cookie whose MAC holds for this account.
fn known_nonce<'a>(value: &'a str, account_key: &str) -> Option<&'a str> {
    let (nonce, tag) = value.split_once('.')?;
    if nonce.len() != 32 || !nonce.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let tag = unhex(tag)?;
    mac(account_key, nonce)
        .verify_slice(&tag)
        .ok()
        .map(|()| nonce)
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() != 64 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::header::COOKIE;

    fn headers(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            COOKIE,
            format!("{}={value}", cookies::KNOWN_BROWSER)
                .parse()
                .unwrap(),
        );
        headers
    }

    fn throttle_key(headers: &HeaderMap, secure: bool, account_key: &str) -> String {
        let (account, address) = throttle_keys(headers, secure, account_key, "address:x");
        assert_eq!(
            account.strip_prefix(account_key),
            address.strip_prefix("address:x"),
            "both keys are the browser's, or neither"
        );
        account
    }

    #[test]
    fn a_browser_known_to_an_account_gets_its_own_key_and_only_for_that_account() {
        let value = cookie_value("account:a");
        let own = throttle_key(&headers(&value), false, "account:a");
        assert!(own.starts_with("account:a:browser:"), "{own}");
        assert_ne!(
            own,
            throttle_key(&headers(&cookie_value("account:a")), false, "account:a")
        );
        // For another account the cookie counts for nothing.
        assert_eq!(
            throttle_key(&headers(&value), false, "account:b"),
            "account:b"
        );
        // Without a cookie, or under TLS without the prefixed one: the account's.
        assert_eq!(
            throttle_key(&HeaderMap::new(), false, "account:a"),
            "account:a"
        );
        assert_eq!(
            throttle_key(&headers(&value), true, "account:a"),
            "account:a"
        );
    }

    #[test]
    fn a_made_up_or_changed_cookie_counts_for_nothing() {
        let value = cookie_value("account:a");
        let (nonce, tag) = value.split_once('.').unwrap();
        let other_nonce = format!(
            "{}{}",
            &nonce[..31],
            if nonce.ends_with('0') { '1' } else { '0' }
        );
        for forged in [
            format!("{other_nonce}.{tag}"),
            format!("{nonce}.{}", "0".repeat(64)),
            format!("{nonce}.{}", &tag[..62]),
            nonce.to_owned(),
            "x".repeat(97),
            format!("{}.{tag}", "zz".repeat(16)),
            String::new(),
        ] {
            assert_eq!(
                throttle_key(&headers(&forged), false, "account:a"),
                "account:a",
                "{forged}"
            );
        }
    }
}
