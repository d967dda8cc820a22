//! A real hub serving HTTPS on a free port of 127.0.0.1 with a throw-away
//! certificate, for the tests that pair a tablet over TLS.

use jiff::Timestamp;
use std::path::PathBuf;
use std::sync::Arc;
use welkom_hub::db::Location;
use welkom_hub::{AppState, Db};

/// A hub serving HTTPS until dropped.
pub struct TlsHub {
    /// `https://127.0.0.1:PORT`.
    pub url: String,
    /// Its database.
    pub db: Db,
    /// The runtime it runs on.
    pub runtime: tokio::runtime::Runtime,
    /// Its certificate (PEM), which no public authority vouches for.
    pub ca: PathBuf,
    /// The location "De Egel".
    pub location: Location,
    _dir: tempfile::TempDir,
}

/// Starts a hub with one location, "De Egel".
pub fn start_hub() -> TlsHub {
    let dir = tempfile::tempdir().unwrap();
    let made = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
    let (cert, key) = (dir.path().join("hub.crt"), dir.path().join("hub.key"));
    std::fs::write(&cert, made.cert.pem()).unwrap();
    std::fs::write(&key, made.signing_key.serialize_pem()).unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let database = format!("sqlite:{}", dir.path().join("hub.sqlite").display());
    let (db, url, location) = runtime.block_on(async {
        let db = Db::open(&database).await.unwrap();
        let location = db
            .add_location("De Egel", "Europe/Amsterdam")
            .await
            .unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let state = AppState {
            db: db.clone(),
            metrics: Arc::new(welkom_hub::metrics::Metrics::default()),
        };
        let app = welkom_hub::router(state);
        let config = welkom_hub::tls::server_config(&cert, &key).unwrap();
        tokio::spawn(welkom_hub::tls::serve(
            listener,
            app,
            config,
            64,
            std::future::pending(),
        ));
        (db, format!("https://{address}"), location)
    });
    TlsHub {
        url,
        db,
        runtime,
        ca: cert,
        location,
        _dir: dir,
    }
}

impl TlsHub {
    /// A one-time pairing code for the location, made at `made_at`.
    pub fn code(&self, made_at: Timestamp) -> String {
        self.runtime
            .block_on(self.db.add_pairing_code(&self.location.id, "test", made_at))
            .unwrap()
            .code
    }

    /// How many ratings the hub holds for the location.
    pub fn ratings(&self) -> usize {
        self.runtime
            .block_on(self.db.ratings(&self.location.id))
            .unwrap()
            .len()
    }
}
