//! A real browser for the hub's pages: Debian's headless `chromium` driven by
//! `chromedriver` over WebDriver (the `fantoccini` crate), with axe-core (npm, in
//! this folder's `node_modules`) for accessibility. Every page test reuses it:
//!
//! ```ignore
//! let mut browser = browser::Browser::start();
//! browser.viewport(390, 844);
//! browser.goto(&format!("{}/login", hub.url));
//! browser.assert_accessible("login");
//! browser.screenshot("login-390x844");
//! ```
//!
//! Install what it needs: `apt-get install chromium chromium-driver` and
//! `npm install` in `crates/hub/tests/browser`.
#![allow(dead_code)]

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// What to install when a tool is missing.
const INSTALL_HINT: &str = "install them with `apt-get install chromium chromium-driver` and \
     `npm install` in crates/hub/tests/browser (see .ci/run)";

/// axe-core's script, from this folder's `node_modules` (found from the hub's
/// tests and from the workspace's own, which include this file too).
fn axe_script() -> String {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let inside = "tests/browser/node_modules/axe-core/axe.min.js";
    let path = [
        manifest.join(inside),
        manifest.join("crates/hub").join(inside),
    ]
    .into_iter()
    .find(|p| p.exists())
    .unwrap_or_else(|| manifest.join(inside));
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "axe-core is missing ({}: {e}); {INSTALL_HINT}",
            path.display()
        )
    })
}

/// The first program of these names found on the PATH or at the path given.
fn find_program(names: &[&str]) -> Option<PathBuf> {
    for name in names {
        let candidate = PathBuf::from(name);
        if candidate.is_absolute() && candidate.exists() {
            return Some(candidate);
        }
        if let Some(paths) = std::env::var_os("PATH") {
            for dir in std::env::split_paths(&paths) {
                let full = dir.join(name);
                if full.is_file() {
                    return Some(full);
                }
            }
        }
    }
    None
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A headless chromium under chromedriver; both stop when dropped.
pub struct Browser {
    runtime: tokio::runtime::Runtime,
    client: Option<Client>,
    driver: Child,
    axe: String,
}

impl Browser {
    /// Starts chromedriver on a free port and a headless chromium through it; panics
    /// with the install hint when a tool is missing.
    pub fn start() -> Self {
        let chromium = find_program(&["chromium", "chromium-browser", "/usr/bin/chromium"])
            .unwrap_or_else(|| panic!("chromium is not installed; {INSTALL_HINT}"));
        let chromedriver = find_program(&["chromedriver", "/usr/bin/chromedriver"])
            .unwrap_or_else(|| panic!("chromedriver is not installed; {INSTALL_HINT}"));
        let axe = axe_script();
        let port = free_port();
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromedriver.display()));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let capabilities = json!({
            "goog:chromeOptions": {
                "binary": chromium,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--hide-scrollbars",
                         "--window-size=1366,768", "--lang=nl-NL"],
                // A Dutch browser, as at a Dutch daycare organisation.
                "prefs": { "intl.accept_languages": "nl-NL,nl" }
            }
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = runtime.block_on(async {
            loop {
                let connector = hyper_util::client::legacy::connect::HttpConnector::new();
                match ClientBuilder::new(connector)
                    .capabilities(capabilities.clone())
                    .connect(&url)
                    .await
                {
                    Ok(client) => break client,
                    Err(e) if started.elapsed() < Duration::from_secs(20) => {
                        let _ = e;
                        tokio::time::sleep(Duration::from_millis(200)).await;
                    }
                    Err(e) => panic!("chromedriver at {url} gave no browser session: {e}"),
                }
            }
        });
        Self {
            runtime,
            client: Some(client),
            driver,
            axe,
        }
    }

    fn client(&self) -> &Client {
        self.client.as_ref().expect("the browser is running")
    }

    /// Logs in at the hub at `base` with the log-in form (when the browser is not
    /// logged in already) and checks it lands on the overview.
    pub fn log_in(&self, base: &str, email: &str, password: &str) {
        self.goto(&format!("{base}/login"));
        if self.url().ends_with("/login") {
            self.fill("#email", email);
            self.fill("#password", password);
            self.click("form.form button[type=submit]");
        }
        assert!(self.url().ends_with("/overview"), "{}", self.url());
    }

    /// Makes the page's viewport this size (the window is made larger by whatever
    /// the browser keeps for itself).
    pub fn viewport(&self, width: u32, height: u32) {
        self.runtime.block_on(async {
            let client = self.client();
            client.set_window_size(width, height).await.unwrap();
            let inner = client
                .execute("return [window.innerWidth, window.innerHeight];", vec![])
                .await
                .unwrap();
            let got = |i: usize| inner[i].as_u64().unwrap_or(0) as u32;
            let (extra_w, extra_h) = (width.saturating_sub(got(0)), height.saturating_sub(got(1)));
            if extra_w > 0 || extra_h > 0 {
                client
                    .set_window_size(width + extra_w, height + extra_h)
                    .await
                    .unwrap();
            }
        });
    }

    /// Opens a URL.
    pub fn goto(&self, url: &str) {
        self.runtime.block_on(self.client().goto(url)).unwrap();
    }

    /// The current URL.
    pub fn url(&self) -> String {
        self.runtime
            .block_on(self.client().current_url())
            .unwrap()
            .to_string()
    }

    /// Types into the field that this CSS selector finds.
    pub fn fill(&self, selector: &str, text: &str) {
        self.runtime.block_on(async {
            let field = self.client().find(Locator::Css(selector)).await.unwrap();
            field.clear().await.unwrap();
            field.send_keys(text).await.unwrap();
        });
    }

    /// Clicks what this CSS selector finds (a link or a form's button) and waits,
    /// up to 10 s, until the next page has loaded.
    pub fn click(&self, selector: &str) {
        self.runtime.block_on(async {
            let client = self.client();
            // A mark on this page: gone once the next page is there.
            client
                .execute("window.__welkomOldPage = true;", vec![])
                .await
                .unwrap();
            let element = client.find(Locator::Css(selector)).await.unwrap();
            element.click().await.unwrap();
            let started = Instant::now();
            loop {
                let state = client
                    .execute(
                        "return window.__welkomOldPage ? 'old' : document.readyState;",
                        vec![],
                    )
                    .await;
                if matches!(&state, Ok(Value::String(s)) if s == "complete") {
                    break;
                }
                assert!(
                    started.elapsed() < Duration::from_secs(10),
                    "clicking {selector} led to no new page"
                );
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        });
    }

    /// The visible text of what this CSS selector finds.
    pub fn text(&self, selector: &str) -> String {
        self.runtime.block_on(async {
            self.client()
                .find(Locator::Css(selector))
                .await
                .unwrap_or_else(|e| panic!("no {selector} on {}: {e}", self.url()))
                .text()
                .await
                .unwrap()
        })
    }

    /// Runs a script in the page; its result.
    pub fn script(&self, script: &str) -> Value {
        self.runtime
            .block_on(self.client().execute(script, vec![]))
            .unwrap()
    }

    /// Saves a screenshot of the viewport as `welkom-hub-NAME.png` in the system's
    /// temporary folder; returns the path.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.runtime.block_on(self.client().screenshot()).unwrap();
        let path = std::env::temp_dir().join(format!("welkom-hub-{name}.png"));
        std::fs::write(&path, png).unwrap();
        eprintln!("screenshot: {}", path.display());
        path
    }

    /// Runs axe-core on the page and fails on any serious or critical violation,
    /// listing each with the elements it found.
    pub fn assert_accessible(&self, page: &str) {
        let result = self.runtime.block_on(async {
            let client = self.client();
            client.execute(&self.axe, vec![]).await.unwrap();
            client
                .execute_async(
                    "const done = arguments[arguments.length - 1];
                     axe.run(document, { resultTypes: ['violations'] })
                        .then(r => done(JSON.stringify({ violations: r.violations, passes: r.passes.length })))
                        .catch(e => done(JSON.stringify({ error: String(e) })));",
                    vec![],
                )
                .await
                .unwrap()
        });
        let text = result.as_str().unwrap_or("{}");
        let report: Value = serde_json::from_str(text).unwrap();
        if let Some(error) = report.get("error") {
            panic!("axe-core failed on the {page} page: {error}");
        }
        // Rules that passed show that axe-core looked at the page at all.
        assert!(
            report["passes"].as_u64().unwrap_or(0) > 0,
            "axe-core checked nothing on the {page} page: {text}"
        );
        let grave: Vec<String> = report["violations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
            .map(|v| {
                let targets: Vec<String> = v["nodes"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|n| n["target"].to_string())
                    .collect();
                format!(
                    "{} ({}): {} at {}",
                    v["id"],
                    v["impact"],
                    v["help"],
                    targets.join(", ")
                )
            })
            .collect();
        assert!(
            grave.is_empty(),
            "axe-core finds serious or critical problems on the {page} page:\n{}",
            grave.join("\n")
        );
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Some(client) = self.client.take() {
            let _ = self.runtime.block_on(client.close());
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
