//! `POST /v1/pair`: a tablet exchanges a one-time pairing code for its own device
//! (see `docs/protocol.md`, "Pairing"). Wrong, used and expired codes get one and the
//! same answer (403), so nothing tells them apart. Tries are throttled per client
//! address and over all addresses together (see [`PairingThrottle`]); every try is
//! counted before the code is looked up, so tries sent at once are all counted.
//! Neither the code nor the token is ever logged.

use super::Problem;
use crate::clock::Clock;
use crate::db::{Db, ThrottlePolicy};
use axum::Json;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use welkom_protocol::{PairAnswer, PairRequest};

/// How tries at pairing codes are limited.
///
/// A code has 40 bits (8 characters of 32) and lives 15 minutes. Per client
/// address, 5 wrong codes are free; then one try per 15 minutes, until an hour
/// passes without a wrong one. Many addresses (a botnet) are held by the overall
/// limit: after 50 wrong codes from anywhere, again one try per 15 minutes for
/// everyone, until an hour passes without a wrong one. So at most about 50 guesses
/// per 75 minutes reach the codes, some 350,000 a year; with even 20 codes valid at
/// every moment of the year (far more than an organisation ever makes) a guess hits
/// one with a chance of 20 / 2^40, about 6 in a million a year. The price: someone
/// sending wrong codes can keep pairing closed for everyone (never the rest of the
/// hub); the installer then waits, or falls back to `welkom-hub device add` and its
/// token. That is logged (at most once a minute) so the admin sees it.
///
/// The counts live in the log-in throttle's table under keys of their own
/// (`pair:address:…`, `pair:all`). Their `forget_ms` equals the log-in's, because
/// each counted try drops rows older than the longest `forget_ms` of its keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PairingThrottle {
    /// Wrong codes per client address.
    pub address: ThrottlePolicy,
    /// Wrong codes from all addresses together.
    pub overall: ThrottlePolicy,
}

impl PairingThrottle {
    /// Per address: 5 wrong codes, then one try per 15 minutes.
    pub const ADDRESS: ThrottlePolicy = ThrottlePolicy {
        free_tries: 5,
        first_wait_ms: 15 * 60_000,
        max_wait_ms: 15 * 60_000,
        forget_ms: ThrottlePolicy::ACCOUNT.forget_ms,
    };

    /// Over all addresses: 50 wrong codes, then one try per 15 minutes.
    pub const OVERALL: ThrottlePolicy = ThrottlePolicy {
        free_tries: 50,
        ..Self::ADDRESS
    };
}

impl Default for PairingThrottle {
    fn default() -> Self {
        Self {
            address: Self::ADDRESS,
            overall: Self::OVERALL,
        }
    }
}

/// The throttle key of all tries together.
const OVERALL_KEY: &str = "pair:all";

/// What the pairing handler needs.
#[derive(Clone)]
pub struct PairState {
    /// The database.
    pub db: Db,
    /// The hub's clock (codes expire by it).
    pub clock: Arc<dyn Clock>,
    /// The limits on tries.
    pub throttle: PairingThrottle,
}

/// The largest pairing request read.
const MAX_BODY_BYTES: usize = 16 * 1024;

/// Milliseconds since the epoch when "pairing throttled" was last logged.
static THROTTLE_LOGGED_MS: AtomicI64 = AtomicI64::new(0);

/// `POST /v1/pair`.
pub async fn exchange(State(state): State<PairState>, request: Request) -> Response {
    let address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let Ok(body) = axum::body::to_bytes(request.into_body(), MAX_BODY_BYTES).await else {
        return Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "a pairing request is a few bytes of JSON; this one is too large",
        )
        .into_response();
    };
    match pair(&state, address, &body).await {
        Ok(answer) => {
            let mut response = (StatusCode::CREATED, Json(answer)).into_response();
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(problem) => problem.into_response(),
    }
}

async fn pair(
    state: &PairState,
    address: Option<std::net::IpAddr>,
    body: &[u8],
) -> Result<PairAnswer, Problem> {
    let request: PairRequest = serde_json::from_slice(body).map_err(|e| {
        Problem::new(
            StatusCode::BAD_REQUEST,
            format!(
                "the body is not a pairing request ({}); send {{\"code\": \"ABCD-EFGH\", \
                 \"device_name\": \"…\", \"app_version\": \"…\"}}",
                format!("{:?}", e.classify()).to_lowercase()
            ),
        )
    })?;
    let address_key = format!("pair:{}", crate::web::login::address_key(address));
    let keys = vec![
        (address_key.clone(), state.throttle.address),
        (OVERALL_KEY.to_owned(), state.throttle.overall),
    ];
    let now = state.clock.now();
    match state
        .db
        .begin_login_attempt(keys, now.as_millisecond())
        .await
    {
        Ok(None) => {}
        Ok(Some(wait_ms)) => return Err(throttled(&address_key, now.as_millisecond(), wait_ms)),
        Err(e) => return Err(Problem::database(e)),
    }
    let paired = state
        .db
        .redeem_pairing_code(&request.code, &request.device_name, now)
        .await
        .map_err(Problem::database)?;
    let Some(paired) = paired else {
        tracing::info!(address = %address_key, "a pairing code was refused");
        return Err(Problem::new(
            StatusCode::FORBIDDEN,
            "this pairing code is not valid: it is wrong, already used or expired; \
             make a new one (`welkom-hub device pair`, or Pair a tablet on the Devices page)",
        ));
    };
    if let Err(e) = state.db.login_succeeded(&address_key, OVERALL_KEY).await {
        tracing::warn!(error = %e, "the pairing throttle could not be eased after a good code");
    }
    tracing::info!(
        device = %paired.device.id,
        location = %paired.location.id,
        app_version = %request.app_version.chars().take(40).collect::<String>(),
        "a tablet paired"
    );
    Ok(PairAnswer {
        device_id: paired.device.id,
        location_id: paired.location.id,
        location_name: paired.location.name,
        time_zone: paired.location.time_zone,
        token: paired.device.token,
    })
}

fn throttled(address_key: &str, now_ms: i64, wait_ms: i64) -> Problem {
    let last = THROTTLE_LOGGED_MS.load(Ordering::Relaxed);
    if now_ms - last >= 60_000 {
        THROTTLE_LOGGED_MS.store(now_ms, Ordering::Relaxed);
        tracing::warn!(
            address = %address_key,
            "pairing throttled after too many wrong codes (logged at most once a minute)"
        );
    }
    let seconds = ((wait_ms + 999) / 1000).max(1);
    let minutes = (seconds + 59) / 60;
    Problem::new(
        StatusCode::TOO_MANY_REQUESTS,
        format!("too many wrong pairing codes were tried; wait {minutes} minutes and try again"),
    )
    .with_header(
        header::RETRY_AFTER,
        HeaderValue::from_str(&seconds.to_string()).unwrap_or(HeaderValue::from_static("900")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pairing_counts_are_kept_as_long_as_the_log_in_counts() {
        // Each counted try drops rows older than the longest `forget_ms` of its keys:
        // a shorter one here would drop the log-in's counts early.
        for policy in [PairingThrottle::ADDRESS, PairingThrottle::OVERALL] {
            assert!(policy.forget_ms >= ThrottlePolicy::ACCOUNT.forget_ms);
            assert!(policy.forget_ms >= ThrottlePolicy::ADDRESS.forget_ms);
        }
        let p = PairingThrottle::ADDRESS;
        assert_eq!(p.wait_ms(4, 0, 0), 0);
        assert_eq!(p.wait_ms(5, 0, 0), 15 * 60_000);
        assert_eq!(p.wait_ms(6, 0, 15 * 60_000), 0);
    }
}
