//! How the hub reaches PostgreSQL: the address is read as libpq reads it, and
//! `sslmode` chooses between a plain connection and TLS (rustls):
//!
//! - `disable`: never TLS.
//! - `prefer` (the default) and `require`: TLS, the server's certificate is not
//!   checked (as in libpq: encrypted, but not proof of whom you talk to); `prefer`
//!   falls back to a plain connection when the server has no TLS, `require` does not.
//! - `verify-ca`: TLS, and the certificate must chain to the root in `sslrootcert`
//!   (required). `require` with an `sslrootcert` behaves as `verify-ca`, as in libpq.
//! - `verify-full`: as `verify-ca`, and the certificate must name the host.
//!
//! The trusted roots are the PEM file in `sslrootcert=FILE`, or else, for
//! `verify-full` only, the public web's roots (Mozilla's list, built in;
//! `sslrootcert=system` says so explicitly).

use super::DbError;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};
use std::sync::Arc;
use std::time::Duration;
use tokio_postgres_rustls::MakeRustlsConnect;

/// How long one attempt to reach the server may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// What `sslmode` asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SslMode {
    /// No TLS.
    Disable,
    /// TLS when the server offers it, unchecked.
    Prefer,
    /// TLS, unchecked.
    Require,
    /// TLS, the chain checked.
    VerifyCa,
    /// TLS, the chain and the host name checked.
    VerifyFull,
}

/// A PostgreSQL address read: what tokio-postgres takes, and the TLS to use.
pub(super) struct Connection {
    /// The server, database, user and options.
    pub config: tokio_postgres::Config,
    /// The TLS connector for `sslmode`.
    pub tls: MakeRustlsConnect,
    /// The `sslmode` asked for.
    pub mode: SslMode,
}

/// Reads `url` (`postgres://USER@HOST/NAME?sslmode=…&sslrootcert=FILE`).
pub(super) fn connection(url: &str) -> Result<Connection, DbError> {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut mode = SslMode::Prefer;
    let mut root_file: Option<String> = None;
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "sslmode" => {
                mode = match percent_decode(value).as_str() {
                    "disable" => SslMode::Disable,
                    "allow" | "prefer" => SslMode::Prefer,
                    "require" => SslMode::Require,
                    "verify-ca" => SslMode::VerifyCa,
                    "verify-full" => SslMode::VerifyFull,
                    other => {
                        return Err(DbError::Invalid(format!(
                            "sslmode '{other}' in the database address is not known; use disable, \
                             prefer, require, verify-ca or verify-full"
                        )));
                    }
                }
            }
            "sslrootcert" => root_file = Some(percent_decode(value)),
            _ => kept.push(pair),
        }
    }
    let mode = checked_mode(mode, root_file.as_deref())?;
    // tokio-postgres knows only disable, prefer and require; checking the
    // certificate is the verifier's work (below).
    kept.push(match mode {
        SslMode::Disable => "sslmode=disable",
        SslMode::Prefer => "sslmode=prefer",
        SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull => "sslmode=require",
    });
    let rebuilt = format!("{base}?{}", kept.join("&"));
    let mut config: tokio_postgres::Config = rebuilt.parse().map_err(|e| {
        DbError::Invalid(format!(
            "the database address cannot be read ({e}); write it as postgres://USER@HOST/NAME"
        ))
    })?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    let tls = MakeRustlsConnect::new(client_config(mode, root_file.as_deref())?);
    Ok(Connection { config, tls, mode })
}

/// The mode as libpq applies it with this `sslrootcert`: `require` with a root file
/// checks the chain (as `verify-ca`); `verify-ca` needs a root file of its own (the
/// public web's roots say nothing about who signed a database's certificate unless
/// the host name is checked too); `sslrootcert=system` goes only with `verify-full`.
fn checked_mode(mode: SslMode, root_file: Option<&str>) -> Result<SslMode, DbError> {
    match (mode, root_file) {
        (SslMode::VerifyFull, _) => Ok(mode),
        (_, Some("system")) => Err(DbError::Invalid(
            "sslrootcert=system trusts the public web's roots, which proves nothing without the \
             host name: use it with sslmode=verify-full"
                .into(),
        )),
        (SslMode::VerifyCa, None) => Err(DbError::Invalid(
            "sslmode=verify-ca needs sslrootcert=FILE, the PEM file of the CA that signed the \
             database's certificate (or use sslmode=verify-full to check the host name against \
             the public web's roots)"
                .into(),
        )),
        (SslMode::Require, Some(_)) => Ok(SslMode::VerifyCa),
        _ => Ok(mode),
    }
}

/// The rustls settings for a mode.
fn client_config(mode: SslMode, root_file: Option<&str>) -> Result<ClientConfig, DbError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| DbError::Invalid(format!("TLS settings: {e}")))?;
    let verifier: Arc<dyn ServerCertVerifier> = match mode {
        SslMode::Disable | SslMode::Prefer | SslMode::Require => {
            Arc::new(Unchecked(provider.clone()))
        }
        SslMode::VerifyCa | SslMode::VerifyFull => {
            let roots = Arc::new(roots(root_file)?);
            let webpki = WebPkiServerVerifier::builder_with_provider(roots, provider.clone())
                .build()
                .map_err(|e| DbError::Invalid(format!("TLS roots: {e}")))?;
            if mode == SslMode::VerifyCa {
                Arc::new(ChainOnly(webpki))
            } else {
                webpki
            }
        }
    };
    Ok(builder
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth())
}

/// The roots to trust: the file's certificates, or the built-in list.
fn roots(root_file: Option<&str>) -> Result<RootCertStore, DbError> {
    let Some(file) = root_file.filter(|f| *f != "system") else {
        return Ok(RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        });
    };
    let bytes = std::fs::read(file).map_err(|e| {
        DbError::Invalid(format!(
            "cannot read sslrootcert {file}: {e}; give a PEM file of the CA that signed the \
             server's certificate"
        ))
    })?;
    let mut store = RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(&bytes) {
        let cert = cert.map_err(|e| {
            DbError::Invalid(format!("sslrootcert {file} is not a PEM certificate: {e}"))
        })?;
        store.add(cert).map_err(|e| {
            DbError::Invalid(format!(
                "sslrootcert {file} holds an unusable certificate: {e}"
            ))
        })?;
    }
    if store.is_empty() {
        return Err(DbError::Invalid(format!(
            "sslrootcert {file} holds no certificate (expected -----BEGIN CERTIFICATE-----)"
        )));
    }
    Ok(store)
}

/// `%2F` and the like in an address's options.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `require`: encrypted, the certificate not checked (libpq's meaning). The
/// handshake's signatures are still checked, so the session key is the server's.
#[derive(Debug)]
struct Unchecked(Arc<CryptoProvider>);

impl ServerCertVerifier for Unchecked {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// `verify-ca`: the chain must lead to a trusted root; the host name is not checked.
#[derive(Debug)]
struct ChainOnly(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for ChainOnly {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sslmode_is_read_as_libpq_reads_it() {
        let plain = connection("postgres://hub@db.example/welkom").unwrap();
        assert_eq!(plain.mode, SslMode::Prefer);
        let full = connection("postgres://hub@db.example/welkom?sslmode=verify-full").unwrap();
        assert_eq!(full.mode, SslMode::VerifyFull);
        assert_eq!(
            full.config.get_ssl_mode(),
            tokio_postgres::config::SslMode::Require
        );
        let off = connection("postgres://hub@db.example/welkom?sslmode=disable&application_name=x")
            .unwrap();
        assert_eq!(
            off.config.get_ssl_mode(),
            tokio_postgres::config::SslMode::Disable
        );
        assert_eq!(off.config.get_application_name(), Some("x"));
        let Err(DbError::Invalid(e)) = connection("postgres://hub@db.example/w?sslmode=always")
        else {
            panic!("an unknown sslmode is refused");
        };
        assert!(e.contains("always") && e.contains("verify-full"), "{e}");
        let Err(DbError::Invalid(e)) = connection(
            "postgres://hub@db.example/w?sslmode=verify-ca&sslrootcert=%2Fno%2Froot.pem",
        ) else {
            panic!("a missing root file is refused");
        };
        assert!(e.contains("/no/root.pem"), "{e}");

        // verify-ca checks nothing worth having against the public roots.
        let Err(DbError::Invalid(e)) = connection("postgres://hub@db.example/w?sslmode=verify-ca")
        else {
            panic!("verify-ca without a root file is refused");
        };
        assert!(e.contains("sslrootcert=FILE"), "{e}");
        let Err(DbError::Invalid(e)) =
            connection("postgres://hub@db.example/w?sslmode=verify-ca&sslrootcert=system")
        else {
            panic!("sslrootcert=system without verify-full is refused");
        };
        assert!(e.contains("verify-full"), "{e}");
        assert_eq!(
            checked_mode(SslMode::Require, Some("/etc/welkom/db-ca.pem")).unwrap(),
            SslMode::VerifyCa,
            "require with a root file checks the chain, as libpq does"
        );
        assert_eq!(
            checked_mode(SslMode::VerifyFull, Some("system")).unwrap(),
            SslMode::VerifyFull
        );
    }
}
