//! Who the kiosk is to its upstream, and what kind of upstream it is.
//!
//! - A Welkom hub answers `GET /v1/device` with the device's location and id; the
//!   `source` built from that answer is kept in the store under a key made from the
//!   hub's address and the token, so a new token (a new device, or the kiosk moved to
//!   another location) learns its own `source` instead of reusing the old one.
//! - A plain CloudEvents receiver has no `/v1/device`. Its `source` is the one set in
//!   `[upstream] source`, or else `/locations/<location name>/devices/<device id>`,
//!   where the device id is a UUID made once and kept in the store.
//!
//! A `source` set in `[upstream]` always wins.

use sha2::{Digest, Sha256};
use welkom_protocol::Source;

/// What kind of upstream `[upstream] kind` names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum UpstreamKind {
    /// Ask `GET /v1/device` once: a Welkom hub answers it, anything else is a plain
    /// CloudEvents receiver.
    #[default]
    Auto,
    /// A Welkom hub: events go to `<url>/v1/events`, the roster comes from
    /// `<url>/v1/roster`.
    Welkom,
    /// A plain CloudEvents receiver: events go to the url as given; no roster.
    CloudEvents,
}

impl UpstreamKind {
    /// The kind named in `welkom.toml` (`auto`, `welkom` or `cloudevents`).
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim() {
            "" | "auto" => Some(Self::Auto),
            "welkom" => Some(Self::Welkom),
            "cloudevents" => Some(Self::CloudEvents),
            _ => None,
        }
    }
}

/// The upstream as the client found it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Peer {
    /// A Welkom hub.
    Hub,
    /// A plain CloudEvents receiver.
    Receiver,
}

/// The `sync_state` key of the device's id for plain receivers (a UUID made once).
pub(crate) const DEVICE_ID_KEY: &str = "device_id";

/// The `sync_state` key under which the `source` a hub gave for this address and
/// token is kept. Only a hash of the token is part of it.
pub(crate) fn source_key(url: &str, token: &str) -> String {
    let mut hash = Sha256::new();
    hash.update(url.trim().trim_end_matches('/').as_bytes());
    hash.update([0]);
    hash.update(token.trim().as_bytes());
    let digest = hash.finalize();
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("source:{hex}")
}

/// The `source` of a device talking to a plain receiver: the location's name made
/// into a path segment, and the device's own id.
pub fn device_source(location_name: &str, device_id: &str) -> String {
    Source {
        location: slug(location_name),
        device: slug(device_id),
    }
    .to_string()
}

/// A name as a `source` path segment: lower-case ASCII letters, digits and `-`, at
/// most 64 characters, never empty (letters with accents lose them: "Café" → "cafe").
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c == 'ĳ' {
            out.push_str("ij");
            continue;
        }
        let c = match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            'ç' => 'c',
            'ñ' => 'n',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 64 {
            out.truncate(64);
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "location".into()
    } else {
        out.into()
    }
}

/// Reads the answer to `GET /v1/device`: the device's `source` and the location's
/// name, when the answer is a Welkom hub's.
pub(crate) fn hub_device(body: &[u8]) -> Option<(String, Option<String>)> {
    let answer: serde_json::Value = serde_json::from_slice(body).ok()?;
    let source = Source {
        location: answer.get("location")?.as_str()?.to_owned(),
        device: answer.get("device")?.as_str()?.to_owned(),
    }
    .to_string();
    Source::parse(&source).ok()?;
    let name = answer
        .get("location_name")
        .and_then(|v| v.as_str())
        .map(str::to_owned);
    Some((source, name))
}

/// What the answer to `GET /v1/device` says about the upstream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Probe {
    /// A Welkom hub, with the device's `source` and the location's name.
    Hub(String, Option<String>),
    /// Not a Welkom hub: a plain CloudEvents receiver.
    Receiver,
    /// The token was refused.
    TokenRefused,
    /// Cannot tell now (the upstream is busy or failing): ask again later.
    Unknown(String),
}

/// Reads the answer to `GET /v1/device`. `welkom` is whether the answer carried the
/// `Welkom-Protocol` header (a Welkom hub stamps every answer with it).
pub(crate) fn probe(status: u16, welkom: bool, body: &[u8]) -> Probe {
    match status {
        200 => match hub_device(body) {
            Some((source, name)) => Probe::Hub(source, name),
            None if welkom => Probe::Unknown("the hub's answer names no device".into()),
            // A page that is not a hub's answer (a captive portal, say) is no receiver.
            None => Probe::Unknown(
                "the upstream answered 200 at /v1/device, but not as a Welkom hub; set \
                 [upstream] kind = \"cloudevents\" if it is a plain receiver"
                    .into(),
            ),
        },
        401 | 403 => Probe::TokenRefused,
        408 | 425 | 429 => Probe::Unknown(format!("the upstream answered {status}")),
        _ if welkom => Probe::Unknown(format!("the hub answered {status}")),
        // No such path or method: a receiver that only takes batches.
        400 | 404 | 405 | 410 | 415 | 422 | 501 => Probe::Receiver,
        500..=599 => Probe::Unknown(format!("the upstream answered {status}")),
        // Anything else (a captive portal's page, a redirect, another 2xx or 4xx)
        // tells nothing: taken for a receiver, events could be marked sent to it.
        _ => Probe::Unknown(format!(
            "the upstream answered {status} at /v1/device, neither as a Welkom hub nor as \
             a plain receiver; set [upstream] kind = \"cloudevents\" if it is one"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_key_depends_on_address_and_token_and_hides_the_token() {
        let a = source_key("https://hub.example.org/", "wlk_secret");
        assert_eq!(a, source_key("https://hub.example.org", "wlk_secret"));
        assert_ne!(a, source_key("https://hub.example.org", "wlk_other"));
        assert_ne!(a, source_key("https://other.example.org", "wlk_secret"));
        assert!(!a.contains("secret"));
    }

    #[test]
    fn a_device_source_is_valid_for_any_location_name() {
        for (name, location) in [
            ("De Boomhut", "de-boomhut"),
            ("Kinderopvang 't Kasteel", "kinderopvang-t-kasteel"),
            ("Crèche Café Ĳsselmonde", "creche-cafe-ijsselmonde"),
            ("", "location"),
            ("!!!", "location"),
        ] {
            let source = device_source(name, "0190a0b2-7c4e-7d3a-9f00-1234567890ab");
            let parsed = Source::parse(&source).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(parsed.location, location);
        }
        let long = "x".repeat(300);
        assert!(Source::parse(&device_source(&long, "d")).is_ok());
    }

    #[test]
    fn a_probe_tells_a_hub_from_a_plain_receiver() {
        let hub = br#"{"device":"d1","location":"l1","location_name":"De Boomhut"}"#;
        assert_eq!(
            probe(200, true, hub),
            Probe::Hub("/locations/l1/devices/d1".into(), Some("De Boomhut".into()))
        );
        // A proxy may drop the header; the answer itself still tells.
        assert!(matches!(probe(200, false, hub), Probe::Hub(..)));
        for status in [404, 405, 501, 400] {
            assert_eq!(probe(status, false, b""), Probe::Receiver, "{status}");
        }
        for (status, body) in [
            (200, &b"<html>Log in to the guest Wi-Fi</html>"[..]),
            (204, b""),
            (302, b""),
            (402, b""),
        ] {
            assert!(
                matches!(probe(status, false, body), Probe::Unknown(_)),
                "{status}: a captive portal is neither a hub nor a receiver"
            );
        }
        assert_eq!(probe(401, false, b""), Probe::TokenRefused);
        assert_eq!(probe(403, true, b""), Probe::TokenRefused);
        assert!(matches!(probe(503, false, b""), Probe::Unknown(_)));
        assert!(matches!(probe(429, false, b""), Probe::Unknown(_)));
        assert!(
            matches!(probe(404, true, b""), Probe::Unknown(_)),
            "a hub's 404 is not a receiver"
        );
    }
}
