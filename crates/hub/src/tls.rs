//! HTTPS without a reverse proxy: `welkom-hub serve --tls-cert FILE --tls-key FILE`
//! reads a PEM certificate chain and its private key and speaks TLS (rustls) itself.

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use rustls::ServerConfig;
use rustls::pki_types::pem::{self, PemObject};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;

/// How long a client may take over the TLS handshake.
const HANDSHAKE_TIME: Duration = Duration::from_secs(10);

/// How long requests under way may take to finish once the hub is told to stop.
const FINISH_TIME: Duration = Duration::from_secs(10);

/// How long a connection may take to send a request's headers, also while it sits
/// idle between requests: then it is closed.
const HEADER_TIME: Duration = Duration::from_secs(20);

/// Why the certificate and key cannot be used; each says which file and what to do.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    /// A file cannot be read.
    #[error("cannot read the TLS {what} {}: {source}; give the path of a PEM file", file.display())]
    Unreadable {
        /// "certificate" or "private key".
        what: &'static str,
        /// The file.
        file: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file holds no PEM block of the kind needed, or a broken one.
    #[error("{} is not a PEM {what} ({reason}); expected a block starting with {expected}", file.display())]
    NotPem {
        /// "certificate" or "private key".
        what: &'static str,
        /// The file.
        file: PathBuf,
        /// What the reader found.
        reason: String,
        /// The line the file should hold.
        expected: &'static str,
    },
    /// The key does not belong to the certificate, or rustls cannot use them.
    #[error("the TLS private key {} does not fit the certificate {}: {reason}; give the key the certificate was made for", key.display(), cert.display())]
    Mismatch {
        /// The certificate file.
        cert: PathBuf,
        /// The key file.
        key: PathBuf,
        /// What rustls said.
        reason: String,
    },
}

/// Reads the certificate chain and key (PEM) into a server configuration.
pub fn server_config(cert: &Path, key: &Path) -> Result<Arc<ServerConfig>, TlsError> {
    let cert_pem = read(cert, "certificate")?;
    let key_pem = read(key, "private key")?;
    let not_pem = |file: &Path, what, expected, e: pem::Error| TlsError::NotPem {
        what,
        file: file.to_owned(),
        reason: match e {
            pem::Error::NoItemsFound => "none found".into(),
            other => other.to_string(),
        },
        expected,
    };
    let chain = CertificateDer::pem_slice_iter(&cert_pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| not_pem(cert, "certificate", "-----BEGIN CERTIFICATE-----", e))?;
    if chain.is_empty() {
        return Err(not_pem(
            cert,
            "certificate",
            "-----BEGIN CERTIFICATE-----",
            pem::Error::NoItemsFound,
        ));
    }
    let private_key = PrivateKeyDer::from_pem_slice(&key_pem).map_err(|e| {
        not_pem(
            key,
            "private key",
            "-----BEGIN PRIVATE KEY----- (or RSA/EC PRIVATE KEY)",
            e,
        )
    })?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|builder| {
            builder
                .with_no_client_auth()
                .with_single_cert(chain, private_key)
        })
        .map_err(|e| TlsError::Mismatch {
            cert: cert.to_owned(),
            key: key.to_owned(),
            reason: e.to_string(),
        })?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

fn read(file: &Path, what: &'static str) -> Result<Vec<u8>, TlsError> {
    std::fs::read(file).map_err(|source| TlsError::Unreadable {
        what,
        file: file.to_owned(),
        source,
    })
}

/// Serves `app` over TLS on `listener` until `shutdown` completes; then requests
/// under way finish (for a while) and idle connections close. A client that does
/// not complete the handshake (plain HTTP to this port, say) gets no answer. At
/// most `max_connections` are served at once; a connection that sends no request
/// headers for 20 s is closed.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    config: Arc<ServerConfig>,
    max_connections: usize,
    shutdown: impl Future<Output = ()>,
) {
    let acceptor = TlsAcceptor::from(config);
    let graceful = GracefulShutdown::new();
    // Handshakes under way when the hub stops are dropped, not waited for.
    let (stopping, stop) = tokio::sync::watch::channel(false);
    // At most `max_connections` at once: the next waits in the listen queue until
    // one ends, so a flood of idle connections cannot take every file descriptor.
    let slots = Arc::new(tokio::sync::Semaphore::new(max_connections.max(1)));
    tokio::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (tcp, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors and the like: wait, then carry on.
                    tracing::warn!(error = %e, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let acceptor = acceptor.clone();
        let app = app.clone();
        let watcher = graceful.watcher();
        let mut stop = stop.clone();
        tokio::spawn(async move {
            let _slot = slot;
            let handshake = tokio::time::timeout(HANDSHAKE_TIME, acceptor.accept(tcp));
            let stream = tokio::select! {
                done = handshake => match done {
                    Ok(Ok(stream)) => stream,
                    Ok(Err(e)) => {
                        tracing::debug!(%peer, error = %e, "TLS handshake failed");
                        return;
                    }
                    Err(_) => {
                        tracing::debug!(%peer, "TLS handshake timed out");
                        return;
                    }
                },
                _ = stop.wait_for(|stopping| *stopping) => return,
            };
            // The pages learn the client's address (log-in throttle) and that the
            // request came over TLS (Secure cookies).
            let app = tower::util::MapRequest::new(
                app,
                move |mut request: axum::extract::Request<hyper::body::Incoming>| {
                    let extensions = request.extensions_mut();
                    extensions.insert(axum::extract::ConnectInfo(peer));
                    extensions.insert(crate::web::ServedOverTls);
                    request
                },
            );
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIME)
                .serve_connection(TokioIo::new(stream), TowerToHyperService::new(app));
            let served = watcher.watch(connection).await;
            if let Err(e) = served {
                tracing::debug!(%peer, error = %e, "an HTTPS connection ended with an error");
            }
        });
    }
    let _ = stopping.send(true);
    if tokio::time::timeout(FINISH_TIME, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("requests still under way were cut off at shutdown");
    }
}
