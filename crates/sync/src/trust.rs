//! Which certificate authorities the kiosk trusts for its upstream: the public web's
//! (the Mozilla roots), or, when `[upstream] ca_file` names one, only the
//! organisation's own CA, for a hub whose certificate a private CA signed.

use std::path::Path;
use std::sync::Arc;
use ureq::tls::{Certificate, PemItem, RootCerts};

/// The largest CA file read: a few certificates, not a whole trust store.
const MAX_CA_FILE_BYTES: u64 = 1024 * 1024;

/// Reads the certificates of a PEM file (one or more `BEGIN CERTIFICATE` blocks).
/// The error says what is wrong with the file and what to do, without the path
/// (the caller names the file and the key).
pub fn read_ca_file(path: &Path) -> Result<Vec<Certificate<'static>>, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot be read: {e}"))?;
    let mut pem = Vec::new();
    file.take(MAX_CA_FILE_BYTES + 1)
        .read_to_end(&mut pem)
        .map_err(|e| format!("cannot be read: {e}"))?;
    if pem.len() as u64 > MAX_CA_FILE_BYTES {
        return Err("is larger than 1 MiB; give only the organisation's CA certificate".into());
    }
    let mut certificates = Vec::new();
    for item in ureq::tls::parse_pem(&pem) {
        match item {
            Ok(PemItem::Certificate(certificate)) => certificates.push(certificate),
            Ok(_) => {}
            Err(e) => {
                return Err(format!(
                    "is not a readable PEM file ({e}); give the CA certificate as PEM \
                     (-----BEGIN CERTIFICATE-----)"
                ));
            }
        }
    }
    if certificates.is_empty() {
        return Err(
            "holds no certificate; give the CA certificate as PEM (-----BEGIN CERTIFICATE-----)"
                .into(),
        );
    }
    Ok(certificates)
}

/// The roots to trust: the public web's without a CA file; only the CA file's with
/// one; and nobody when the CA file can no longer be read (the configuration check
/// read it at start-up), so that a missing file never widens the trust.
pub(crate) fn roots(ca_file: Option<&Path>) -> RootCerts {
    let Some(path) = ca_file else {
        return RootCerts::WebPki;
    };
    match read_ca_file(path) {
        Ok(certificates) => RootCerts::Specific(Arc::new(certificates)),
        Err(e) => {
            tracing::error!(
                file = %path.display(),
                "[upstream] ca_file {e}; no upstream certificate is trusted until it is fixed"
            );
            RootCerts::Specific(Arc::new(Vec::new()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ca_file_without_a_certificate_is_refused_with_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let missing = read_ca_file(&dir.path().join("nope.pem")).unwrap_err();
        assert!(missing.starts_with("cannot be read"), "{missing}");
        let key_only = dir.path().join("key.pem");
        std::fs::write(
            &key_only,
            "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n",
        )
        .unwrap();
        let none = read_ca_file(&key_only).unwrap_err();
        assert!(none.contains("holds no certificate"), "{none}");
        let text = dir.path().join("text.pem");
        std::fs::write(&text, "hello").unwrap();
        assert!(read_ca_file(&text).unwrap_err().contains("no certificate"));
        assert!(matches!(roots(Some(&text)), RootCerts::Specific(c) if c.is_empty()));
        assert!(matches!(roots(None), RootCerts::WebPki));
    }
}
