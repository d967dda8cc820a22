//! One try at a time: send the oldest waiting events, or fetch the roster. The
//! thread in `thread.rs` decides when to try; tests call [`SyncClient::send_once`]
//! directly.

use crate::status::{SyncState, SyncStatus};
use jiff::{SignedDuration, Timestamp};
use std::time::Duration;
use welkom_protocol::{
    BATCH_CONTENT_TYPE, BatchAnswer, CloudEvent, MAX_BATCH_BYTES, MAX_BATCH_EVENTS,
    PROTOCOL_HEADER, PROTOCOL_VERSION, Source,
};
use welkom_store::{OutboxEvent, Store, StoreError};

/// Where the kiosk sends its events (`[upstream]` in welkom.toml).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upstream {
    /// The hub's address, e.g. `https://hub.example.org`.
    pub url: String,
    /// The device's token.
    pub token: String,
    /// How long to wait between rounds when all is sent.
    pub interval: Duration,
    /// How long one request may take.
    pub timeout: Duration,
    /// The language of guardians whose roster row names none.
    pub default_language: welkom_core::LanguageTag,
}

/// What fetching the roster came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RosterFetch {
    /// A new roster was applied (all or nothing), with this many new PINs.
    Applied {
        /// PINs issued to guardians the roster gave none.
        new_pins: usize,
    },
    /// The roster has not changed since it was last applied.
    Unchanged,
    /// The upstream holds no roster for this location.
    NoRoster,
    /// The upstream's roster has problems; nothing was changed.
    Refused {
        /// How many problems.
        problems: usize,
    },
    /// The token was refused.
    TokenRefused,
    /// The upstream could not be asked; try again later.
    Failed(String),
}

/// What one try came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Attempt {
    /// Nothing waited.
    Idle,
    /// The upstream answered for this many events (sent, duplicates and refused).
    Sent {
        /// Events the upstream now holds (new or duplicate).
        delivered: usize,
        /// Events it refused, set aside.
        refused: usize,
    },
    /// The batch was too large: it will go in smaller parts.
    Split,
    /// The token was refused: stop until it is fixed.
    TokenRefused,
    /// Try again after this long (the upstream said so, or backoff).
    RetryAfter(Option<Duration>, String),
}

/// The sync client, with its own connection to the store.
pub struct SyncClient {
    store: Store,
    upstream: Upstream,
    agent: ureq::Agent,
    status: SyncStatus,
    source: Option<String>,
    batch_limit: usize,
}

/// The keys the client keeps in the store's `sync_state`.
const SOURCE_KEY: &str = "source";
/// The ETag of the roster last applied.
const ROSTER_ETAG_KEY: &str = "roster_etag";

impl SyncClient {
    /// A client on its own connection to the store.
    pub fn new(store: Store, upstream: Upstream, status: SyncStatus) -> Self {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(upstream.timeout))
            .user_agent(concat!("welkom/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        let source = store.sync_state(SOURCE_KEY).ok().flatten();
        Self {
            store,
            upstream,
            agent,
            status,
            source,
            batch_limit: MAX_BATCH_EVENTS,
        }
    }

    /// The store (for tests and the thread).
    pub fn store(&self) -> &Store {
        &self.store
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.upstream.url.trim_end_matches('/'))
    }

    /// Learns this device's `source` from the upstream once, then keeps it.
    fn source(&mut self) -> Result<String, Attempt> {
        if let Some(source) = &self.source {
            return Ok(source.clone());
        }
        let response = self
            .agent
            .get(&self.url("/v1/device"))
            .header("Authorization", &format!("Bearer {}", self.upstream.token))
            .header(PROTOCOL_HEADER, &PROTOCOL_VERSION.to_string())
            .call()
            .map_err(|e| Attempt::RetryAfter(None, format!("cannot reach the upstream: {e}")))?;
        match response.status().as_u16() {
            200 => {}
            401 | 403 => return Err(Attempt::TokenRefused),
            status => {
                return Err(Attempt::RetryAfter(
                    retry_after(&response),
                    format!("the upstream answered {status}"),
                ));
            }
        }
        self.note_clock(&response);
        let answer: serde_json::Value = response
            .into_body()
            .read_json()
            .map_err(|e| Attempt::RetryAfter(None, format!("unreadable answer: {e}")))?;
        let source = Source {
            location: answer["location"].as_str().unwrap_or_default().to_owned(),
            device: answer["device"].as_str().unwrap_or_default().to_owned(),
        }
        .to_string();
        Source::parse(&source)
            .map_err(|e| Attempt::RetryAfter(None, format!("the upstream's ids: {e}")))?;
        if let Some(name) = answer["location_name"].as_str() {
            let name = name.to_owned();
            self.status.update(|s| s.location_name = Some(name));
        }
        if let Err(e) = self.store.set_sync_state(SOURCE_KEY, &source) {
            tracing::error!(error = %e, "keeping the device's source failed");
        }
        self.source = Some(source.clone());
        Ok(source)
    }

    /// Sends the oldest waiting events once (at most 500, at most 1 MB) and applies
    /// the answer: delivered events are marked sent, refused ones set aside.
    pub fn send_once(&mut self) -> Result<Attempt, StoreError> {
        let source = match self.source() {
            Ok(source) => source,
            Err(attempt) => return Ok(self.report(attempt)),
        };
        let mut events = self.store.outbox_batch(self.batch_limit)?;
        if events.is_empty() {
            self.status.update(|s| s.state = SyncState::Connected);
            return Ok(Attempt::Idle);
        }
        let body = loop {
            let body = batch_body(&events, &source);
            if body.len() <= MAX_BATCH_BYTES || events.len() == 1 {
                break body;
            }
            events.truncate(events.len() / 2);
        };
        let response = self
            .agent
            .post(&self.url("/v1/events"))
            .header("Authorization", &format!("Bearer {}", self.upstream.token))
            .header(PROTOCOL_HEADER, &PROTOCOL_VERSION.to_string())
            .header("Content-Type", BATCH_CONTENT_TYPE)
            .send(&body[..]);
        let response = match response {
            Ok(response) => response,
            Err(e) => {
                return Ok(self.report(Attempt::RetryAfter(
                    None,
                    format!("cannot reach the upstream: {e}"),
                )));
            }
        };
        self.note_clock(&response);
        let status = response.status().as_u16();
        let attempt = match status {
            200 => {
                let answer: BatchAnswer = match response.into_body().read_json() {
                    Ok(answer) => answer,
                    Err(e) => {
                        return Ok(self
                            .report(Attempt::RetryAfter(None, format!("unreadable answer: {e}"))));
                    }
                };
                self.apply_answer(&events, &answer)?
            }
            413 => {
                if events.len() == 1 {
                    self.store.set_aside(
                        events[0].seq,
                        "the upstream finds this event too large",
                        Timestamp::now(),
                    )?;
                    Attempt::Sent {
                        delivered: 0,
                        refused: 1,
                    }
                } else {
                    self.batch_limit = (events.len() / 2).max(1);
                    Attempt::Split
                }
            }
            401 | 403 => Attempt::TokenRefused,
            _ => Attempt::RetryAfter(
                retry_after(&response),
                format!("the upstream answered {status}"),
            ),
        };
        Ok(self.report(attempt))
    }

    /// Fetches the location's roster if it changed (`If-None-Match`) and applies it
    /// all-or-nothing, with the same rules as an import from a file.
    pub fn fetch_roster(&mut self) -> Result<RosterFetch, StoreError> {
        let etag = self.store.sync_state(ROSTER_ETAG_KEY)?;
        let mut request = self
            .agent
            .get(&self.url("/v1/roster"))
            .header("Authorization", &format!("Bearer {}", self.upstream.token))
            .header(PROTOCOL_HEADER, &PROTOCOL_VERSION.to_string());
        if let Some(etag) = &etag {
            request = request.header("If-None-Match", etag);
        }
        let response = match request.call() {
            Ok(response) => response,
            Err(e) => {
                return Ok(RosterFetch::Failed(format!(
                    "cannot reach the upstream: {e}"
                )));
            }
        };
        self.note_clock(&response);
        let status = response.status().as_u16();
        let new_etag = response
            .headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        match status {
            200 => {}
            304 => return Ok(RosterFetch::Unchanged),
            404 => return Ok(RosterFetch::NoRoster),
            401 | 403 => {
                self.report(Attempt::TokenRefused);
                return Ok(RosterFetch::TokenRefused);
            }
            status => {
                return Ok(RosterFetch::Failed(format!(
                    "the upstream answered {status}"
                )));
            }
        }
        let bytes = match response
            .into_body()
            .with_config()
            .limit(welkom_core::roster::MAX_ROSTER_BYTES as u64 + 1)
            .read_to_vec()
        {
            Ok(bytes) => bytes,
            Err(e) => {
                return Ok(RosterFetch::Failed(format!(
                    "the roster did not arrive: {e}"
                )));
            }
        };
        let roster = match welkom_core::roster::parse(&bytes, &self.upstream.default_language) {
            Ok(roster) => roster,
            Err(problems) => {
                tracing::warn!(
                    problems = problems.count(),
                    "the upstream's roster was refused"
                );
                return Ok(RosterFetch::Refused {
                    problems: problems.count(),
                });
            }
        };
        let summary = self.store.import_roster(&roster, Timestamp::now())?;
        if let Some(etag) = new_etag {
            self.store.set_sync_state(ROSTER_ETAG_KEY, &etag)?;
        }
        tracing::info!(
            guardians_added = summary.guardians_added,
            guardians_updated = summary.guardians_updated,
            new_pins = summary.issued_pins.len(),
            "roster from the upstream applied"
        );
        let new_pins = summary.issued_pins.len();
        let now = Timestamp::now();
        self.status.update(|s| {
            s.roster_applied = Some(now);
            s.issued_pins.extend(summary.issued_pins);
        });
        Ok(RosterFetch::Applied { new_pins })
    }

    /// Marks what the answer accounts for: refused events set aside, the others sent.
    fn apply_answer(
        &mut self,
        events: &[OutboxEvent],
        answer: &BatchAnswer,
    ) -> Result<Attempt, StoreError> {
        let now = Timestamp::now();
        let mut refused = 0;
        for refusal in &answer.refused {
            if let Some(event) = events.iter().find(|e| e.id == refusal.id) {
                tracing::warn!(event = %event.id, reason = %refusal.reason, "the upstream refused an event");
                self.store.set_aside(event.seq, &refusal.reason, now)?;
                refused += 1;
            }
        }
        let delivered: Vec<i64> = events
            .iter()
            .filter(|e| !answer.refused.iter().any(|r| r.id == e.id))
            .map(|e| e.seq)
            .collect();
        // A smaller batch that an upstream took once is kept: its limit stays.
        self.store.mark_sent(&delivered, now)?;
        Ok(Attempt::Sent {
            delivered: delivered.len(),
            refused,
        })
    }

    /// Puts an attempt into the shared status.
    fn report(&self, attempt: Attempt) -> Attempt {
        let now = Timestamp::now();
        match &attempt {
            Attempt::Sent { .. } | Attempt::Idle | Attempt::Split => {
                self.status.update(|s| {
                    s.state = SyncState::Connected;
                    if matches!(attempt, Attempt::Sent { .. }) {
                        s.last_success = Some(now);
                    }
                });
            }
            Attempt::TokenRefused => {
                tracing::error!("the upstream refused this device's token; sending stopped");
                self.status.update(|s| s.state = SyncState::TokenRefused);
            }
            Attempt::RetryAfter(wait, error) => {
                tracing::warn!(error = %error, "sending upstream failed; trying again later");
                let next_try = now
                    .checked_add(
                        SignedDuration::try_from(wait.unwrap_or_default()).unwrap_or_default(),
                    )
                    .unwrap_or(now);
                let error = error.clone();
                self.status.update(|s| {
                    s.state = SyncState::Retrying { error, next_try };
                });
            }
        }
        attempt
    }

    /// Reads the upstream's clock from `Date`.
    fn note_clock(&self, response: &ureq::http::Response<ureq::Body>) {
        let Some(date) = response
            .headers()
            .get("date")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| httpdate::parse_http_date(v).ok())
        else {
            return;
        };
        let Ok(upstream) = Timestamp::try_from(date) else {
            return;
        };
        let offset = upstream.duration_since(Timestamp::now());
        self.status.update(|s| s.clock_offset = Some(offset));
    }
}

/// The JSON batch of these events from `source`.
fn batch_body(events: &[OutboxEvent], source: &str) -> Vec<u8> {
    let batch: Vec<CloudEvent> = events
        .iter()
        .map(|e| CloudEvent {
            specversion: CloudEvent::SPEC_VERSION.into(),
            id: e.id.clone(),
            source: source.to_owned(),
            event_type: e.event_type.clone(),
            time: e.time.clone(),
            datacontenttype: CloudEvent::DATA_CONTENT_TYPE.into(),
            data: e.data.clone(),
        })
        .collect();
    serde_json::to_vec(&batch).unwrap_or_default()
}

/// `Retry-After` in seconds, if the upstream sent it.
fn retry_after(response: &ureq::http::Response<ureq::Body>) -> Option<Duration> {
    response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(|secs| Duration::from_secs(secs.min(3600)))
}
