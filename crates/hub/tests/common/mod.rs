//! A real hub on a free port, over a real SQLite file or a throw-away PostgreSQL
//! cluster, for tests.
#![allow(dead_code)]

pub mod kiosk;
pub mod postgres;
pub mod proxy;
#[path = "../../../sync/tests/common/mod.rs"]
pub mod rated_kiosk;
pub mod web;

use serde_json::{Value, json};
use welkom_hub::Db;
use welkom_hub::db::{Location, NewDevice};

/// A running hub.
pub struct Hub {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    /// Its database.
    pub db: Db,
    /// The runtime it runs on.
    pub runtime: tokio::runtime::Runtime,
    /// Which back end: "sqlite" or "postgres".
    pub back_end: &'static str,
    /// The SQLite file, on SQLite.
    pub sqlite: Option<std::path::PathBuf>,
    _dir: tempfile::TempDir,
    _postgres: Option<postgres::TempPostgres>,
}

/// Starts a hub on port 0 with an empty SQLite database.
pub fn start() -> Hub {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hub.sqlite");
    let hub = welkom_hub::BackgroundHub::start(&format!("sqlite:{}", file.display())).unwrap();
    Hub {
        url: hub.url,
        db: hub.db,
        runtime: hub.runtime,
        back_end: "sqlite",
        sqlite: Some(file),
        _dir: dir,
        _postgres: None,
    }
}

/// Starts a hub on port 0 over a throw-away PostgreSQL cluster, if PostgreSQL is
/// installed (see [`postgres::TempPostgres::start`]).
pub fn start_postgres() -> Option<Hub> {
    postgres::TempPostgres::start().map(over_postgres)
}

/// Starts a hub on port 0 over a throw-away PostgreSQL cluster; panics with the
/// install hint when PostgreSQL is not installed.
pub fn require_postgres() -> Hub {
    over_postgres(postgres::TempPostgres::require())
}

fn over_postgres(cluster: postgres::TempPostgres) -> Hub {
    let hub = welkom_hub::BackgroundHub::start(&cluster.url).unwrap();
    Hub {
        url: hub.url,
        db: hub.db,
        runtime: hub.runtime,
        back_end: "postgres",
        sqlite: None,
        _dir: tempfile::tempdir().unwrap(),
        _postgres: Some(cluster),
    }
}

/// Runs a check against a hub on SQLite, then on PostgreSQL when it is installed
/// (said loudly when not). Prefer [`on_both_back_ends!`], which makes each back end
/// its own test, so a missing PostgreSQL shows as a test not run.
pub fn on_both_back_ends(check: impl Fn(&Hub)) {
    check(&start());
    if let Some(hub) = start_postgres() {
        check(&hub);
    }
}

/// The back end a check runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackEnd {
    /// A SQLite file.
    Sqlite,
    /// A throw-away PostgreSQL cluster.
    Postgres,
}

impl BackEnd {
    /// Starts a hub on this back end and runs the check against it.
    pub fn run(self, check: impl FnOnce(&Hub)) {
        let hub = match self {
            Self::Sqlite => start(),
            Self::Postgres => require_postgres(),
        };
        check(&hub);
    }
}

/// Makes a check `fn name(back_end: BackEnd)` into two tests, `name::sqlite` and
/// `name::postgres`. The PostgreSQL one is ignored by a plain `cargo test` (it needs
/// PostgreSQL: `apt-get install postgresql`), so it shows as not run rather than as
/// passed; `cargo test -- --include-ignored` runs it, and then a missing PostgreSQL
/// fails the test with the install hint. Write the macro after the function:
///
/// ```ignore
/// fn stores_a_batch(back_end: BackEnd) {
///     back_end.run(|hub| { … });
/// }
/// on_both_back_ends!(stores_a_batch);
/// ```
#[macro_export]
macro_rules! on_both_back_ends {
    ($($check:ident),+ $(,)?) => {$(
        mod $check {
            #[test]
            fn sqlite() {
                super::$check($crate::common::BackEnd::Sqlite);
            }

            #[test]
            #[ignore = "needs PostgreSQL: apt-get install postgresql"]
            fn postgres() {
                super::$check($crate::common::BackEnd::Postgres);
            }
        }
    )+};
}

impl Hub {
    /// A hub already serving over a database the caller keeps (a cluster it stops
    /// and starts, say).
    pub fn from_background(hub: welkom_hub::BackgroundHub, back_end: &'static str) -> Hub {
        Hub {
            url: hub.url,
            db: hub.db,
            runtime: hub.runtime,
            back_end,
            sqlite: None,
            _dir: tempfile::tempdir().unwrap(),
            _postgres: None,
        }
    }

    /// The database's address, as `welkom-hub --database` takes it.
    pub fn database_url(&self) -> String {
        match (&self.sqlite, &self._postgres) {
            (Some(file), _) => format!("sqlite:{}", file.display()),
            (None, Some(cluster)) => cluster.url.clone(),
            (None, None) => panic!("this hub's database address is not known"),
        }
    }

    /// Adds a location in Amsterdam.
    pub fn location(&self, name: &str) -> Location {
        self.runtime
            .block_on(self.db.add_location(name, "Europe/Amsterdam"))
            .unwrap()
    }

    /// Adds a device to a location.
    pub fn device(&self, location: &Location) -> NewDevice {
        self.runtime
            .block_on(self.db.add_device(&location.id))
            .unwrap()
    }
}

/// An HTTP agent that reports every status as a response, not an error.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// The `source` of a device.
pub fn source(device: &NewDevice) -> String {
    format!("/locations/{}/devices/{}", device.location_id, device.id)
}

/// A rating event of a device.
pub fn rating(device: &NewDevice, score: u8, time: &str, groups: &[&str]) -> Value {
    let id = uuid::Uuid::now_v7().to_string();
    json!({
        "specversion": "1.0", "id": id, "source": source(device),
        "type": "nl.welkom.rating.recorded.v1", "time": time,
        "datacontenttype": "application/json",
        "data": {"id": id, "moment": "drop_off", "local_date": &time[..10], "score": score,
                 "scale": 4, "supersedes": null, "misuse": false, "groups": groups}
    })
}

/// A visit event of a device.
pub fn visit(device: &NewDevice, time: &str, groups: &[&str]) -> Value {
    let id = uuid::Uuid::now_v7().to_string();
    json!({
        "specversion": "1.0", "id": id, "source": source(device),
        "type": "nl.welkom.visit.recorded.v1", "time": time,
        "datacontenttype": "application/json",
        "data": {"id": id, "guardian_id": "G1", "moment": "drop_off", "moment_corrected": false,
                 "children": ["C1"], "local_date": &time[..10], "groups": groups}
    })
}

/// Sends a batch with a device's token; the status and the answer's JSON.
pub fn send(hub: &Hub, token: &str, batch: &Value) -> (u16, Value) {
    let response = agent()
        .post(&format!("{}/v1/events", hub.url))
        .header("Authorization", &format!("Bearer {token}"))
        .header("Welkom-Protocol", "1")
        .header("Content-Type", "application/cloudevents-batch+json")
        .send(batch.to_string().as_bytes())
        .unwrap();
    let status = response.status().as_u16();
    let body: Value = response.into_body().read_json().unwrap_or(Value::Null);
    (status, body)
}
