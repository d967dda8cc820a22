//! One try at a time: send the oldest waiting events, or fetch the roster. The
//! thread in `thread.rs` decides when to try; tests call [`SyncClient::send_once`]
//! directly.

use crate::answer::{Accounting, account, account_from_hub};
use crate::identity::{DEVICE_ID_KEY, Peer, Probe, UpstreamKind, device_source, probe, source_key};
use crate::status::{SyncState, SyncStatus};
use jiff::{SignedDuration, Timestamp};
use std::time::Duration;
use welkom_protocol::{
    BATCH_CONTENT_TYPE, CloudEvent, MAX_BATCH_BYTES, MAX_BATCH_EVENTS, PROTOCOL_HEADER,
    PROTOCOL_VERSION, Source, WAITING_HEADER,
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
    /// A Welkom hub, a plain CloudEvents receiver, or found out by asking.
    pub kind: UpstreamKind,
    /// The `source` of every event, when `[upstream] source` sets it.
    pub source: Option<String>,
    /// The location's name: part of the `source` a device makes for itself when a
    /// plain receiver cannot tell it one.
    pub location_name: String,
    /// The organisation's own CA (PEM), when its hub's certificate comes from a
    /// private CA: then only that CA is trusted. `None`: the public web's roots.
    pub ca_file: Option<std::path::PathBuf>,
}

impl Upstream {
    /// An upstream at `url` with `token`, everything else as `welkom.toml`'s
    /// defaults (one minute between rounds, 20 s per request, Dutch, kind found by
    /// asking, the `source` from the upstream or made by the device).
    pub fn new(url: impl Into<String>, token: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            token: token.into(),
            interval: Duration::from_secs(60),
            timeout: Duration::from_secs(20),
            default_language: welkom_core::LanguageTag::dutch(),
            kind: UpstreamKind::Auto,
            source: None,
            location_name: String::new(),
            ca_file: None,
        }
    }
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
    /// The upstream is a plain CloudEvents receiver: it serves no rosters.
    NotOffered,
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
    identity: Option<(Peer, String)>,
    batch_limit: usize,
}

/// The ETag of the roster last applied.
const ROSTER_ETAG_KEY: &str = "roster_etag";

/// The largest answer to a batch that is read.
const MAX_ANSWER_BYTES: u64 = 1024 * 1024;

impl SyncClient {
    /// A client on its own connection to the store.
    pub fn new(store: Store, upstream: Upstream, status: SyncStatus) -> Self {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(upstream.timeout))
            .user_agent(concat!("welkom/", env!("CARGO_PKG_VERSION")))
            .tls_config(
                ureq::tls::TlsConfig::builder()
                    .root_certs(crate::trust::roots(upstream.ca_file.as_deref()))
                    .build(),
            )
            .build()
            .into();
        Self {
            store,
            upstream,
            agent,
            status,
            identity: None,
            batch_limit: MAX_BATCH_EVENTS,
        }
    }

    /// The store (for tests and the thread).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The upstream as found so far and the `source` events go with (after the first
    /// try).
    pub fn identity(&self) -> Option<(Peer, &str)> {
        self.identity
            .as_ref()
            .map(|(peer, source)| (*peer, source.as_str()))
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.upstream.url.trim().trim_end_matches('/'))
    }

    /// A request with the token (when there is one) and the protocol version.
    fn authorised<B>(&self, request: ureq::RequestBuilder<B>) -> ureq::RequestBuilder<B> {
        let request = request.header(PROTOCOL_HEADER, &PROTOCOL_VERSION.to_string());
        let token = self.upstream.token.trim();
        if token.is_empty() {
            request
        } else {
            request.header("Authorization", &format!("Bearer {token}"))
        }
    }

    /// A request to a Welkom hub with what the hub shows on its Devices page: the
    /// events waiting here (`Welkom-Waiting`, set-aside events not counted) and this
    /// device's clock (`Date`, RFC 9110's IMF-fixdate). The version is in
    /// `User-Agent`. A plain CloudEvents receiver gets neither.
    fn reported<B>(&self, request: ureq::RequestBuilder<B>) -> ureq::RequestBuilder<B> {
        let request = request.header(
            "Date",
            &httpdate::fmt_http_date(std::time::SystemTime::now()),
        );
        match self.store.outbox_waiting() {
            Ok(waiting) => request.header(WAITING_HEADER, &waiting.to_string()),
            Err(e) => {
                tracing::warn!(error = %e, "counting the waiting events failed; not reported");
                request
            }
        }
    }

    /// Finds out once what the upstream is and which `source` the events carry.
    fn resolve(&mut self) -> Result<(Peer, String), Attempt> {
        if let Some(found) = &self.identity {
            return Ok(found.clone());
        }
        let (peer, source) = self.find_identity()?;
        if let Some(configured) = &self.upstream.source {
            // Checked when welkom.toml was read; a bad one is never sent.
            Source::parse(configured)
                .map_err(|e| Attempt::RetryAfter(None, format!("[upstream] source: {e}")))?;
        }
        tracing::info!(?peer, %source, "sending upstream as this source");
        self.status.update(|s| s.peer = Some(peer));
        self.identity = Some((peer, source.clone()));
        Ok((peer, source))
    }

    fn find_identity(&mut self) -> Result<(Peer, String), Attempt> {
        let configured = self.upstream.source.clone();
        let key = source_key(&self.upstream.url, &self.upstream.token);
        if self.upstream.kind != UpstreamKind::CloudEvents
            && let Some(learnt) = self.store.sync_state(&key).ok().flatten()
        {
            if let Some(name) = self.store.sync_state(&name_key(&key)).ok().flatten() {
                self.status.update(|s| s.location_name = Some(name));
            }
            return Ok((Peer::Hub, configured.unwrap_or(learnt)));
        }
        let peer = match self.upstream.kind {
            UpstreamKind::CloudEvents => Peer::Receiver,
            UpstreamKind::Welkom | UpstreamKind::Auto => self.ask_device(&key)?,
        };
        match (peer, configured) {
            (_, Some(configured)) => Ok((peer, configured)),
            (Peer::Hub, None) => match self.store.sync_state(&key) {
                Ok(Some(learnt)) => Ok((Peer::Hub, learnt)),
                _ => Err(Attempt::RetryAfter(
                    None,
                    "the hub's answer could not be kept".into(),
                )),
            },
            (Peer::Receiver, None) => {
                let device = self.device_id()?;
                Ok((
                    Peer::Receiver,
                    device_source(&self.upstream.location_name, &device),
                ))
            }
        }
    }

    /// Asks `GET /v1/device`: a Welkom hub says who the token belongs to (kept in
    /// the store under `key`); anything without it is a plain receiver.
    fn ask_device(&mut self, key: &str) -> Result<Peer, Attempt> {
        let mut request = self.authorised(self.agent.get(&self.url("/v1/device")));
        // Until it answers, an upstream found by asking may be a plain receiver.
        if self.upstream.kind == UpstreamKind::Welkom {
            request = self.reported(request);
        }
        let response = request
            .call()
            .map_err(|e| Attempt::RetryAfter(None, format!("cannot reach the upstream: {e}")))?;
        self.note_clock(&response);
        let status = response.status().as_u16();
        let welkom = response.headers().contains_key(PROTOCOL_HEADER);
        let wait = retry_after(&response);
        let body = response
            .into_body()
            .with_config()
            .limit(64 * 1024)
            .read_to_vec()
            .unwrap_or_default();
        match probe(status, welkom, &body) {
            Probe::Hub(source, name) => {
                if let Err(e) = self.store.set_sync_state(key, &source) {
                    tracing::error!(error = %e, "keeping the device's source failed");
                    return Err(Attempt::RetryAfter(None, format!("the store: {e}")));
                }
                if let Some(name) = name {
                    if let Err(e) = self.store.set_sync_state(&name_key(key), &name) {
                        tracing::warn!(error = %e, "keeping the location's name failed");
                    }
                    self.status.update(|s| s.location_name = Some(name));
                }
                Ok(Peer::Hub)
            }
            Probe::Receiver if self.upstream.kind == UpstreamKind::Welkom => {
                Err(Attempt::RetryAfter(
                    wait,
                    format!(
                        "the upstream answered {status} to /v1/device: it is not a Welkom hub \
                         (set [upstream] kind = \"cloudevents\" for a plain receiver)"
                    ),
                ))
            }
            Probe::Receiver => Ok(Peer::Receiver),
            Probe::TokenRefused => Err(Attempt::TokenRefused),
            Probe::Unknown(error) => Err(Attempt::RetryAfter(wait, error)),
        }
    }

    /// This device's own id, made once and kept in the store.
    fn device_id(&mut self) -> Result<String, Attempt> {
        let keep_failed = |e: StoreError| {
            tracing::error!(error = %e, "keeping the device's id failed");
            Attempt::RetryAfter(None, format!("the store: {e}"))
        };
        if let Some(id) = self.store.sync_state(DEVICE_ID_KEY).map_err(keep_failed)? {
            return Ok(id);
        }
        let id = uuid::Uuid::now_v7().to_string();
        self.store
            .set_sync_state(DEVICE_ID_KEY, &id)
            .map_err(keep_failed)?;
        Ok(id)
    }

    /// Sends the oldest waiting events once (at most 500, at most 1 MB) and applies
    /// the answer: events are marked sent only when the answer accounts for them;
    /// refused ones are set aside.
    pub fn send_once(&mut self) -> Result<Attempt, StoreError> {
        let (peer, source) = match self.resolve() {
            Ok(found) => found,
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
        let url = match peer {
            Peer::Hub => self.url("/v1/events"),
            Peer::Receiver => self.upstream.url.trim().to_owned(),
        };
        let mut request = self
            .authorised(self.agent.post(&url))
            .header("Content-Type", BATCH_CONTENT_TYPE);
        if peer == Peer::Hub {
            request = self.reported(request);
        }
        let response = request.send(&body[..]);
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
        let wait = retry_after(&response);
        let answer = if response.status().is_success() {
            match response
                .into_body()
                .with_config()
                .limit(MAX_ANSWER_BYTES)
                .read_to_vec()
            {
                Ok(answer) => answer,
                Err(e) => {
                    return Ok(self.report(Attempt::RetryAfter(
                        None,
                        format!("the answer did not arrive: {e}"),
                    )));
                }
            }
        } else {
            Vec::new()
        };
        let ids: Vec<&str> = events.iter().map(|e| e.id.as_str()).collect();
        let accounting = match peer {
            Peer::Hub => account_from_hub(status, &answer, &ids),
            Peer::Receiver => account(status, &answer, &ids),
        };
        let attempt = match accounting {
            Accounting::Delivered { refused } => {
                let refused = self.set_aside_refused(&events, &refused, true)?;
                Attempt::Sent {
                    delivered: events.len() - refused,
                    refused,
                }
            }
            Accounting::Unaccounted {
                refused,
                answered,
                sent,
            } => {
                self.set_aside_refused(&events, &refused, false)?;
                Attempt::RetryAfter(
                    None,
                    format!(
                        "the upstream's answer accounts for {answered} of the {sent} events sent; \
                         the others go again"
                    ),
                )
            }
            Accounting::TooLarge => {
                if events.len() == 1 {
                    self.store.settle_batch(
                        &[],
                        &[(events[0].seq, "the upstream finds this event too large")],
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
            Accounting::TokenRefused => Attempt::TokenRefused,
            Accounting::Failed { status } => {
                Attempt::RetryAfter(wait, format!("the upstream answered {status}"))
            }
        };
        Ok(self.report(attempt))
    }

    /// Settles a batch in one transaction: the refused events set aside and, when
    /// the answer accounts for the whole batch, all others marked sent. How many
    /// were set aside.
    fn set_aside_refused(
        &mut self,
        events: &[OutboxEvent],
        refused: &[welkom_protocol::Refusal],
        rest_delivered: bool,
    ) -> Result<usize, StoreError> {
        let mut aside: Vec<(i64, &str)> = Vec::new();
        for refusal in refused {
            if let Some(event) = events.iter().find(|e| e.id == refusal.id) {
                tracing::warn!(event = %event.id, reason = %refusal.reason, "the upstream refused an event");
                aside.push((event.seq, refusal.reason.as_str()));
            }
        }
        let delivered: Vec<i64> = if rest_delivered {
            events
                .iter()
                .filter(|e| !aside.iter().any(|(seq, _)| *seq == e.seq))
                .map(|e| e.seq)
                .collect()
        } else {
            Vec::new()
        };
        // A smaller batch that an upstream took once is kept: its limit stays.
        self.store
            .settle_batch(&delivered, &aside, Timestamp::now())?;
        Ok(aside.len())
    }

    /// Fetches the location's roster if it changed (`If-None-Match`) and applies it
    /// all-or-nothing, with the same rules as an import from a file.
    /// A plain CloudEvents receiver serves none: that is no failure.
    pub fn fetch_roster(&mut self) -> Result<RosterFetch, StoreError> {
        match self.resolve() {
            Ok((Peer::Hub, _)) => {}
            Ok((Peer::Receiver, _)) => return Ok(RosterFetch::NotOffered),
            Err(Attempt::TokenRefused) => {
                self.report(Attempt::TokenRefused);
                return Ok(RosterFetch::TokenRefused);
            }
            Err(Attempt::RetryAfter(_, error)) => return Ok(RosterFetch::Failed(error)),
            Err(other) => return Ok(RosterFetch::Failed(format!("{other:?}"))),
        }
        let etag = self.store.sync_state(ROSTER_ETAG_KEY)?;
        let mut request = self.reported(self.authorised(self.agent.get(&self.url("/v1/roster"))));
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

/// The `sync_state` key of the location's name the hub gave with the source kept
/// under `key`.
fn name_key(key: &str) -> String {
    format!("{key}:location_name")
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
