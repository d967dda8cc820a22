//! A hub running inside another program, on a runtime of its own: for kiosks' and
//! the sync client's tests, and for anyone who embeds the hub.

use crate::db::{DbError, Location, NewDevice};
use crate::metrics::Metrics;
use crate::{AppState, Db};
use std::net::SocketAddr;
use std::sync::Arc;

/// A hub serving on a local port until dropped.
pub struct BackgroundHub {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    /// The address it listens on.
    pub address: SocketAddr,
    /// Its database.
    pub db: Db,
    /// The runtime it runs on (use it to call the database).
    pub runtime: tokio::runtime::Runtime,
}

impl BackgroundHub {
    /// Opens the database at `database_url` and serves on a free port of 127.0.0.1.
    pub fn start(database_url: &str) -> anyhow::Result<Self> {
        Self::start_with(database_url, crate::web::WebSettings::default())
    }

    /// [`BackgroundHub::start`] with the web pages' clock and limits.
    pub fn start_with(database_url: &str, web: crate::web::WebSettings) -> anyhow::Result<Self> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("welkom-hub")
            .enable_all()
            .build()?;
        let (db, address) = runtime.block_on(async {
            let db = Db::open(database_url).await?;
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
            let address = listener.local_addr()?;
            let state = AppState {
                db: db.clone(),
                metrics: Arc::new(Metrics::default()),
            };
            tokio::spawn(async move {
                let app = crate::router_with(state, web)
                    .into_make_service_with_connect_info::<SocketAddr>();
                if let Err(e) = axum::serve(listener, app).await {
                    tracing::error!(error = %e, "the background hub stopped");
                }
            });
            anyhow::Ok((db, address))
        })?;
        Ok(Self {
            url: format!("http://{address}"),
            address,
            db,
            runtime,
        })
    }

    /// Adds a location (in Europe/Amsterdam) with one device: a hub ready for a kiosk.
    pub fn location_with_device(&self, name: &str) -> Result<(Location, NewDevice), DbError> {
        self.runtime.block_on(async {
            let location = self.db.add_location(name, "Europe/Amsterdam").await?;
            let device = self.db.add_device(&location.id).await?;
            Ok((location, device))
        })
    }
}
