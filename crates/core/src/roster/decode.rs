//! From the file's bytes to text: size limit, encoding detection and a binary check.

use super::MAX_ROSTER_BYTES;
use super::problem::ProblemKind;
use std::borrow::Cow;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16BE_BOM: &[u8] = b"\xFE\xFF";

/// Decodes a roster file: UTF-8 with or without BOM, UTF-16 with BOM, otherwise
/// Windows-1252. The byte order mark is removed. Fails with one problem that concerns
/// the whole file.
pub(super) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, ProblemKind> {
    if bytes.len() > MAX_ROSTER_BYTES {
        return Err(ProblemKind::TooLarge {
            bytes: bytes.len(),
            limit: MAX_ROSTER_BYTES,
        });
    }
    let text = if let Some(body) = bytes.strip_prefix(UTF16LE_BOM) {
        utf16(encoding_rs::UTF_16LE, body)?
    } else if let Some(body) = bytes.strip_prefix(UTF16BE_BOM) {
        utf16(encoding_rs::UTF_16BE, body)?
    } else if let Some(body) = bytes.strip_prefix(UTF8_BOM) {
        if body.contains(&0) {
            return Err(ProblemKind::Binary);
        }
        Cow::Borrowed(
            std::str::from_utf8(body)
                .map_err(|_| ProblemKind::BadEncoding { encoding: "UTF-8" })?,
        )
    } else {
        if bytes.contains(&0) {
            return Err(ProblemKind::Binary);
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => Cow::Borrowed(text),
            Err(_) => {
                encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(bytes)
                    .0
            }
        }
    };
    if text.chars().all(|c| c.is_whitespace() || c == '\u{FEFF}') {
        return Err(ProblemKind::Empty);
    }
    if looks_binary(&text) {
        return Err(ProblemKind::Binary);
    }
    Ok(text)
}

/// Decodes UTF-16 without its byte order mark, refusing malformed text.
fn utf16(
    encoding: &'static encoding_rs::Encoding,
    body: &[u8],
) -> Result<Cow<'static, str>, ProblemKind> {
    encoding
        .decode_without_bom_handling_and_without_replacement(body)
        .map(|text| Cow::Owned(text.into_owned()))
        .ok_or(ProblemKind::BadEncoding { encoding: "UTF-16" })
}

/// Whether decoded text has NULs or many control characters other than tab, CR and LF
/// (at least 4, and more than one in 50 characters).
fn looks_binary(text: &str) -> bool {
    let mut chars = 0usize;
    let mut controls = 0usize;
    for c in text.chars() {
        chars += 1;
        if c == '\0' {
            return true;
        }
        if c.is_control() && !matches!(c, '\t' | '\r' | '\n') {
            controls += 1;
        }
    }
    controls >= 4 && controls * 50 > chars
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("Zoë".as_bytes()).unwrap(), "Zoë");
        assert_eq!(decode(b"\xEF\xBB\xBFZo\xC3\xAB").unwrap(), "Zoë");
    }

    #[test]
    fn windows_1252_when_not_utf8() {
        assert_eq!(decode(b"Zo\xEB;\xDCmit").unwrap(), "Zoë;Ümit");
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in "Zoë;Ümit".encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap(), "Zoë;Ümit");
        assert_eq!(decode(&be).unwrap(), "Zoë;Ümit");
        assert_eq!(
            decode(&le[..5]).unwrap_err(),
            ProblemKind::BadEncoding { encoding: "UTF-16" }
        );
    }

    #[test]
    fn empty_and_binary() {
        for empty in [&b""[..], b"\xEF\xBB\xBF", b" \r\n\t\n", b"\xFF\xFE"] {
            assert_eq!(decode(empty).unwrap_err(), ProblemKind::Empty, "{empty:?}");
        }
        assert_eq!(decode(b"a;b\0c").unwrap_err(), ProblemKind::Binary);
        assert_eq!(
            decode(b"\x01\x02\x03\x04\x05abc").unwrap_err(),
            ProblemKind::Binary
        );
        assert!(decode(b"a;b\x07\r\nc;d\tline with one bell").is_ok());
    }
}
