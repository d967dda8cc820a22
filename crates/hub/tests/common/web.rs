//! The hub's web pages in tests: a hub whose clock the test moves, users with known
//! passwords, and a small browser (cookies kept by hand, redirects not followed) that
//! shows each answer's status, headers and HTML.

use super::{BackEnd, Hub, postgres};
use std::collections::BTreeMap;
use std::sync::Arc;
use welkom_hub::clock::ManualClock;
use welkom_hub::db::{Location, Role};
use welkom_hub::web::WebSettings;

/// The password every test user gets.
pub const PASSWORD: &str = "invented password 42";

/// A hub with a clock the test moves.
pub struct WebHub {
    /// The hub.
    pub hub: Hub,
    /// Its clock (clones share the time).
    pub clock: ManualClock,
}

/// Monday 2 March 2026, 08:00 UTC.
pub fn monday_morning() -> jiff::Timestamp {
    "2026-03-02T08:00:00Z".parse().unwrap()
}

/// Starts a hub on this back end with a manual clock and the default limits.
pub fn start(back_end: BackEnd) -> WebHub {
    start_with(back_end, WebSettings::default())
}

/// Starts a hub on this back end with a manual clock and these limits.
pub fn start_with(back_end: BackEnd, settings: WebSettings) -> WebHub {
    let clock = ManualClock::new(monday_morning());
    let settings = WebSettings {
        clock: Arc::new(clock.clone()),
        ..settings
    };
    let hub = match back_end {
        BackEnd::Sqlite => {
            let dir = tempfile::tempdir().unwrap();
            let file = dir.path().join("hub.sqlite");
            let background = welkom_hub::BackgroundHub::start_with(
                &format!("sqlite:{}", file.display()),
                settings,
            )
            .unwrap();
            Hub {
                url: background.url,
                db: background.db,
                runtime: background.runtime,
                back_end: "sqlite",
                sqlite: Some(file),
                _dir: dir,
                _postgres: None,
            }
        }
        BackEnd::Postgres => {
            let cluster = postgres::TempPostgres::require();
            let background = welkom_hub::BackgroundHub::start_with(&cluster.url, settings).unwrap();
            Hub {
                url: background.url,
                db: background.db,
                runtime: background.runtime,
                back_end: "postgres",
                sqlite: None,
                _dir: tempfile::tempdir().unwrap(),
                _postgres: Some(cluster),
            }
        }
    };
    WebHub { hub, clock }
}

impl Hub {
    /// Adds a user with [`PASSWORD`].
    pub fn user(&self, email: &str, role: Role, locations: &[&Location]) {
        let hash = welkom_hub::password::hash(PASSWORD).unwrap();
        let ids: Vec<String> = locations.iter().map(|l| l.id.clone()).collect();
        self.runtime
            .block_on(self.db.add_user(email, role, &ids, &hash, 0))
            .unwrap();
    }
}

/// One answer: status, headers (lower-case names), body.
#[derive(Debug)]
pub struct Page {
    /// The status.
    pub status: u16,
    /// Every header, each value in order.
    pub headers: Vec<(String, String)>,
    /// The body, as text.
    pub body: String,
}

impl Page {
    /// The first value of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every `Set-Cookie` naming this cookie.
    pub fn set_cookie(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n == "set-cookie")
            .map(|(_, v)| v.as_str())
            .find(|v| v.starts_with(&format!("{name}=")))
    }

    /// The value of the hidden field `name` in the first form that has one.
    pub fn hidden(&self, name: &str) -> Option<String> {
        let marker = format!("name=\"{name}\" value=\"");
        let start = self.body.find(&marker)? + marker.len();
        let end = self.body[start..].find('"')?;
        Some(self.body[start..start + end].to_owned())
    }

    /// Where a redirect sends.
    pub fn location(&self) -> Option<&str> {
        self.header("location")
    }
}

/// A browser: keeps cookies, follows no redirect.
pub struct Browser {
    agent: ureq::Agent,
    base: String,
    /// The cookies it holds.
    pub cookies: BTreeMap<String, String>,
    /// Extra headers it sends (Accept-Language, say).
    pub extra: Vec<(String, String)>,
}

impl Browser {
    /// A browser for this base URL (`http://127.0.0.1:PORT`).
    pub fn new(base: &str) -> Self {
        Self::with_agent(
            base,
            ureq::Agent::config_builder()
                .http_status_as_error(false)
                .max_redirects(0)
                .build()
                .into(),
        )
    }

    /// A browser that talks through this agent (one that trusts a test certificate).
    pub fn with_agent(base: &str, agent: ureq::Agent) -> Self {
        Self {
            agent,
            base: base.to_owned(),
            cookies: BTreeMap::new(),
            extra: Vec::new(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep(&mut self, response: ureq::http::Response<ureq::Body>) -> Page {
        let status = response.status().as_u16();
        let headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
            .collect();
        for (_, cookie) in headers.iter().filter(|(n, _)| n == "set-cookie") {
            let pair = cookie.split(';').next().unwrap_or("");
            if let Some((name, value)) = pair.split_once('=') {
                if value.is_empty() || cookie.contains("Max-Age=0") {
                    self.cookies.remove(name);
                } else {
                    self.cookies.insert(name.to_owned(), value.to_owned());
                }
            }
        }
        let body = response.into_body().read_to_string().unwrap_or_default();
        Page {
            status,
            headers,
            body,
        }
    }

    /// GET a path.
    pub fn get(&mut self, path: &str) -> Page {
        let mut request = self
            .agent
            .get(&format!("{}{path}", self.base))
            .header("Cookie", &self.cookie_header());
        for (name, value) in &self.extra {
            request = request.header(name, value);
        }
        let response = request.call().unwrap();
        self.keep(response)
    }

    /// POST a form to a path.
    pub fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        let body: String = fields
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let response = self
            .agent
            .post(&format!("{}{path}", self.base))
            .header("Cookie", &self.cookie_header())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .send(body.as_bytes())
            .unwrap();
        self.keep(response)
    }

    /// Opens the log-in page and logs in; the answer to the form.
    pub fn log_in(&mut self, email: &str, password: &str) -> Page {
        let form = self.get("/login");
        assert_eq!(form.status, 200, "{}", form.body);
        let csrf = form
            .hidden("csrf")
            .expect("the log-in form has a CSRF token");
        self.post(
            "/login",
            &[("email", email), ("password", password), ("csrf", &csrf)],
        )
    }
}

/// Percent-encodes a form value.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
