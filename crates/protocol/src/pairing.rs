//! Pairing a tablet with a hub by a one-time code: `POST /v1/pair` (see
//! `docs/protocol.md`). The hub shows an 8-character code; the tablet sends it with
//! its name and receives its own device token.
//!
//! Codes are 8 characters of Crockford's base32 alphabet (digits and capital letters
//! without I, L, O and U, so nothing looks like something else), shown as
//! `ABCD-EFGH`. They are accepted in any case, with or without the dash and spaces,
//! and with I and L read as 1 and O as 0, as Crockford's rules say.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The path of the exchange on a hub.
pub const PAIR_PATH: &str = "/v1/pair";

/// The characters of a pairing code.
pub const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The number of characters of a pairing code (40 bits).
pub const CODE_LENGTH: usize = 8;

/// What a tablet sends to pair.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PairRequest {
    /// The code the hub showed, e.g. `ABCD-EFGH` (any case, dash optional).
    pub code: String,
    /// A name for the tablet, for the hub's Devices page (e.g. "Tablet at the door").
    #[serde(default)]
    pub device_name: String,
    /// The kiosk's version.
    #[serde(default)]
    pub app_version: String,
}

/// What the hub answers a good code with (201): the device it made and its token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PairAnswer {
    /// The new device's id.
    pub device_id: String,
    /// Its location's id.
    pub location_id: String,
    /// Its location's name.
    pub location_name: String,
    /// Its location's IANA time zone.
    pub time_zone: String,
    /// The device's token, sent this once (`Authorization: Bearer …`).
    pub token: String,
}

/// A code as typed, in its one normal form (8 capital characters of
/// [`CODE_ALPHABET`], no dash), or `None` when it cannot be a code.
pub fn normalize_code(typed: &str) -> Option<String> {
    let mut code = String::with_capacity(CODE_LENGTH);
    for c in typed.chars() {
        let c = match c.to_ascii_uppercase() {
            '-' | ' ' | '\t' => continue,
            'I' | 'L' => '1',
            'O' => '0',
            c => c,
        };
        if !c.is_ascii() || !CODE_ALPHABET.contains(&(c as u8)) || code.len() == CODE_LENGTH {
            return None;
        }
        code.push(c);
    }
    (code.len() == CODE_LENGTH).then_some(code)
}

/// A code in its normal form as shown: `ABCD-EFGH`.
pub fn display_code(normal: &str) -> String {
    match (normal.get(..4), normal.get(4..)) {
        (Some(head), Some(tail)) if !tail.is_empty() => format!("{head}-{tail}"),
        _ => normal.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_read_in_any_case_with_or_without_the_dash() {
        assert_eq!(normalize_code("ABCD-EFGH").as_deref(), Some("ABCDEFGH"));
        assert_eq!(normalize_code("abcdefgh").as_deref(), Some("ABCDEFGH"));
        assert_eq!(normalize_code(" abcd efgh ").as_deref(), Some("ABCDEFGH"));
        assert_eq!(normalize_code("oIl0-2345").as_deref(), Some("01102345"));
        for bad in [
            "",
            "ABCD-EFG",
            "ABCD-EFGHJ",
            "ABCD-EFGU",
            "ABCD_EFGH",
            "ÄBCDEFGH",
        ] {
            assert_eq!(normalize_code(bad), None, "{bad}");
        }
        assert_eq!(display_code("ABCDEFGH"), "ABCD-EFGH");
        assert!(CODE_ALPHABET.iter().all(|c| !b"ILOU".contains(c)));
    }
}
