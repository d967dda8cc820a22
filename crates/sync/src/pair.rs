//! Pairing the tablet with its organisation's hub by a one-time code: the hub's
//! address and the 8-character code the hub showed are all the tablet needs; the hub
//! answers with the tablet's own device token (`POST /v1/pair`, see
//! `docs/protocol.md`). Blocking: call it from a worker thread, never the screen's.
//!
//! The token travels only over TLS: plain `http://` is refused except to this
//! machine (`localhost`, `127.0.0.0/8`, `::1`), which tests use.

use crate::transport::is_plain_http_off_machine;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use welkom_protocol::{
    PAIR_PATH, PROTOCOL_HEADER, PROTOCOL_VERSION, PairAnswer, PairRequest, normalize_code,
};

/// What pairing gave the tablet: who it is to the hub, and its token.
#[derive(Clone, PartialEq, Eq)]
pub struct Pairing {
    /// The hub's address as used (with `https://` added when none was typed, no
    /// trailing `/`): what `[upstream] url` should say.
    pub hub_url: String,
    /// The device's id on the hub.
    pub device_id: String,
    /// The location's id on the hub.
    pub location_id: String,
    /// The location's name.
    pub location_name: String,
    /// The location's IANA time zone.
    pub time_zone: String,
    /// The device's token, for `[upstream] token`. Never log it.
    pub token: String,
}

impl std::fmt::Debug for Pairing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pairing")
            .field("hub_url", &self.hub_url)
            .field("device_id", &self.device_id)
            .field("location_id", &self.location_id)
            .field("location_name", &self.location_name)
            .field("time_zone", &self.time_zone)
            .field("token", &"<hidden>")
            .finish()
    }
}

/// Why pairing failed. Each variant is something the tablet can say in plain words
/// to the person holding it; the `String`s are details for a log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PairError {
    /// The hub's address is not one: not an `https://` address, or plain `http://`
    /// to another machine (the token would cross the network unencrypted).
    #[error("the hub's address {0}")]
    BadAddress(String),
    /// The code cannot be one: a code is 8 letters and digits, e.g. `ABCD-EFGH`.
    #[error("the code is not a pairing code: it has 8 letters and digits, like ABCD-EFGH")]
    CodeMalformed,
    /// The hub refused the code: it is wrong, already used, or expired. Ask for a
    /// new code (`welkom-hub device pair`, or the dashboard's Devices page).
    #[error(
        "the hub does not accept this code: it is wrong, already used or expired; ask for a new code"
    )]
    CodeRefused,
    /// Too many wrong codes were tried: wait this long before trying again.
    #[error("too many wrong codes were tried; wait {} minutes and try again", minutes(*.retry_after))]
    TooManyTries {
        /// How long to wait.
        retry_after: Duration,
    },
    /// The hub could not be reached (no network, wrong address, hub down, timeout).
    #[error("the hub cannot be reached: {0}; check the address and the network")]
    Unreachable(String),
    /// The hub's certificate is not trusted: signed by a CA this tablet does not
    /// trust (give the organisation's CA file), expired, or for another name.
    #[error(
        "the hub's certificate is not trusted: {0}; give the organisation's CA file or check the address"
    )]
    CertificateNotTrusted(String),
    /// The CA file given cannot be used.
    #[error("the CA file {0}")]
    CaFile(String),
    /// Whatever answered is not a Welkom hub (or a Welkom hub without pairing).
    #[error("the address does not answer as a Welkom hub: {0}")]
    NotAWelkomHub(String),
    /// The hub answered but cannot pair now (its database is down, …); try later.
    #[error("the hub cannot pair now: {0}; try again in a few minutes")]
    HubUnavailable(String),
}

impl PairError {
    /// For [`PairError::TooManyTries`]: the whole minutes to wait (at least 1).
    pub fn wait_minutes(&self) -> Option<u64> {
        match self {
            Self::TooManyTries { retry_after } => Some(minutes(*retry_after)),
            _ => None,
        }
    }
}

fn minutes(wait: Duration) -> u64 {
    wait.as_secs().div_ceil(60).max(1)
}

/// The largest answer read.
const MAX_ANSWER_BYTES: u64 = 64 * 1024;

/// Pairs this tablet with the hub at `hub_url` using the one-time `code` the hub
/// showed (any case, dash optional): the hub makes a device at the code's location
/// and answers with its token. `device_name` is how the hub's Devices page will name
/// the tablet. `ca_file`: the organisation's CA (PEM) when the hub's certificate
/// comes from a private CA; `None` trusts the public web's roots. `timeout` bounds
/// the whole request. Blocking.
pub fn pair(
    hub_url: &str,
    code: &str,
    device_name: &str,
    ca_file: Option<&Path>,
    timeout: Duration,
) -> Result<Pairing, PairError> {
    let hub_url = hub_address(hub_url)?;
    let code = normalize_code(code).ok_or(PairError::CodeMalformed)?;
    let roots = match ca_file {
        None => ureq::tls::RootCerts::WebPki,
        Some(path) => ureq::tls::RootCerts::Specific(Arc::new(
            crate::trust::read_ca_file(path)
                .map_err(|e| PairError::CaFile(format!("{}: {e}", path.display())))?,
        )),
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(timeout))
        .user_agent(concat!("welkom/", env!("CARGO_PKG_VERSION")))
        .tls_config(ureq::tls::TlsConfig::builder().root_certs(roots).build())
        .build()
        .into();
    let request = PairRequest {
        code,
        device_name: device_name.trim().chars().take(100).collect(),
        app_version: env!("CARGO_PKG_VERSION").into(),
    };
    let response = agent
        .post(&format!("{hub_url}{PAIR_PATH}"))
        .header(PROTOCOL_HEADER, &PROTOCOL_VERSION.to_string())
        .send_json(&request)
        .map_err(transport_error)?;
    let status = response.status().as_u16();
    let welkom = response.headers().contains_key(PROTOCOL_HEADER);
    let wait = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs);
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = response
        .into_body()
        .with_config()
        .limit(MAX_ANSWER_BYTES)
        .read_to_vec()
        .map_err(|e| PairError::Unreachable(format!("the answer did not arrive: {e}")))?;
    let answer = read_answer(status, welkom, wait, location.as_deref(), &body)?;
    tracing::info!(
        device = %answer.device_id,
        location = %answer.location_id,
        "paired with the hub"
    );
    Ok(Pairing {
        hub_url,
        device_id: answer.device_id,
        location_id: answer.location_id,
        location_name: answer.location_name,
        time_zone: answer.time_zone,
        token: answer.token,
    })
}

/// The hub's address as typed, made whole: `https://` added when no scheme was
/// typed, no trailing `/`. Plain `http://` only to this machine.
pub fn hub_address(typed: &str) -> Result<String, PairError> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(PairError::BadAddress(
            "is empty; give it as https://hub.example.org".into(),
        ));
    }
    let url = match typed.split_once("://") {
        Some((scheme, rest)) => format!("{scheme}://{}", rest.trim_end_matches('/')),
        None => format!("https://{}", typed.trim_end_matches('/')),
    };
    let lower = url.to_ascii_lowercase();
    if is_plain_http_off_machine(&url) {
        return Err(PairError::BadAddress(format!(
            "'{url}' is plain http://: the device's token would cross the network \
             unencrypted; use https://"
        )));
    }
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return Err(PairError::BadAddress(format!(
            "'{url}' is not an https:// address; give it as https://hub.example.org"
        )));
    }
    let authority = url
        .split_once("://")
        .map(|(_, rest)| rest.split(['/', '?', '#']).next().unwrap_or_default())
        .unwrap_or_default();
    if authority.is_empty() || authority.contains(char::is_whitespace) {
        return Err(PairError::BadAddress(format!(
            "'{url}' names no host; give it as https://hub.example.org"
        )));
    }
    Ok(url)
}

/// What a failed request means to the person pairing.
fn transport_error(e: ureq::Error) -> PairError {
    let text = e.to_string();
    match &e {
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) => PairError::CertificateNotTrusted(text),
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => PairError::BadAddress(format!(
            "cannot be used ({text}); give it as https://hub.example.org"
        )),
        ureq::Error::Protocol(_) => PairError::NotAWelkomHub(format!(
            "it did not answer in HTTP ({text}); is the address https:// and the port right?"
        )),
        _ if text.contains("certificate") || text.contains("CertificateRequired") => {
            PairError::CertificateNotTrusted(text)
        }
        _ if text.contains("InvalidContentType") || text.contains("corrupt message") => {
            PairError::NotAWelkomHub(format!(
                "it did not answer in TLS ({text}); is the address and its port right?"
            ))
        }
        _ => PairError::Unreachable(text),
    }
}

/// Reads the hub's answer. A pure function of what arrived, so it can be tested
/// apart from the network; it never panics, whatever the bytes.
fn read_answer(
    status: u16,
    welkom: bool,
    wait: Option<Duration>,
    location: Option<&str>,
    body: &[u8],
) -> Result<PairAnswer, PairError> {
    if (300..400).contains(&status) {
        return Err(PairError::NotAWelkomHub(format!(
            "it answered {status}, a redirect to {}; give that address instead",
            location.unwrap_or("another address")
        )));
    }
    if !welkom {
        return Err(PairError::NotAWelkomHub(format!(
            "it answered {status} without the {PROTOCOL_HEADER} header"
        )));
    }
    match status {
        201 => serde_json::from_slice::<PairAnswer>(body)
            .ok()
            .filter(|a| !a.token.trim().is_empty() && !a.device_id.is_empty())
            .ok_or_else(|| {
                PairError::NotAWelkomHub("its answer to the code is not a pairing".into())
            }),
        403 | 400 => Err(PairError::CodeRefused),
        429 => Err(PairError::TooManyTries {
            retry_after: wait.unwrap_or(Duration::from_secs(15 * 60)),
        }),
        404 | 405 => Err(PairError::NotAWelkomHub(
            "the hub does not offer pairing; update welkom-hub, or give the device's token".into(),
        )),
        500..=599 => Err(PairError::HubUnavailable(format!("it answered {status}"))),
        status => Err(PairError::NotAWelkomHub(format!(
            "it answered {status} to the code"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_is_made_whole_and_plain_http_stays_on_this_machine() {
        assert_eq!(
            hub_address(" hub.example.org/ ").unwrap(),
            "https://hub.example.org"
        );
        assert_eq!(
            hub_address("https://hub.example.org:8443").unwrap(),
            "https://hub.example.org:8443"
        );
        assert_eq!(
            hub_address("http://127.0.0.1:3000").unwrap(),
            "http://127.0.0.1:3000"
        );
        assert_eq!(
            hub_address("http://localhost:3000").unwrap(),
            "http://localhost:3000"
        );
        for bad in [
            "",
            "http://hub.example.org",
            "http://192.168.1.5:8443",
            "ftp://hub.example.org",
            "https://",
            "https://hub example.org",
        ] {
            assert!(
                matches!(hub_address(bad), Err(PairError::BadAddress(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn plain_http_to_another_machine_is_refused_before_anything_is_sent() {
        let refused = pair(
            "http://192.0.2.1:9",
            "ABCD-EFGH",
            "tablet",
            None,
            Duration::from_secs(1),
        )
        .unwrap_err();
        assert!(matches!(refused, PairError::BadAddress(ref e) if e.contains("https")));
        let malformed = pair(
            "https://hub.example.org",
            "ABC",
            "tablet",
            None,
            Duration::from_secs(1),
        )
        .unwrap_err();
        assert_eq!(malformed, PairError::CodeMalformed);
    }

    #[test]
    fn every_answer_is_read_as_something_to_say() {
        let good = br#"{"device_id":"d","location_id":"l","location_name":"De Egel","time_zone":"Europe/Amsterdam","token":"wlk_x"}"#;
        assert_eq!(
            read_answer(201, true, None, None, good).unwrap().token,
            "wlk_x"
        );
        assert!(matches!(
            read_answer(201, false, None, None, good),
            Err(PairError::NotAWelkomHub(_))
        ));
        assert!(matches!(
            read_answer(201, true, None, None, b"<html>"),
            Err(PairError::NotAWelkomHub(_))
        ));
        assert_eq!(
            read_answer(403, true, None, None, b"{}"),
            Err(PairError::CodeRefused)
        );
        let throttled =
            read_answer(429, true, Some(Duration::from_secs(61)), None, b"").unwrap_err();
        assert_eq!(throttled.wait_minutes(), Some(2));
        assert!(throttled.to_string().contains("wait 2 minutes"));
        assert!(matches!(
            read_answer(503, true, None, None, b""),
            Err(PairError::HubUnavailable(_))
        ));
        assert!(matches!(
            read_answer(302, false, None, Some("https://elsewhere"), b""),
            Err(PairError::NotAWelkomHub(e)) if e.contains("https://elsewhere")
        ));
        assert!(matches!(
            read_answer(404, true, None, None, b""),
            Err(PairError::NotAWelkomHub(_))
        ));
    }

    #[test]
    fn the_token_is_never_shown_in_debug_output() {
        let pairing = Pairing {
            hub_url: "https://hub".into(),
            device_id: "d".into(),
            location_id: "l".into(),
            location_name: "n".into(),
            time_zone: "Europe/Amsterdam".into(),
            token: "wlk_secret".into(),
        };
        assert!(!format!("{pairing:?}").contains("wlk_secret"));
    }
}
