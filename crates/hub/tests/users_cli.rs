//! `welkom-hub user …` run as the administrator runs it, on both back ends: a
//! password piped in, the checks on email, role, locations and password, list,
//! remove and reset-password; and, under TLS, the session cookie's Secure flag.

mod common;

use common::BackEnd;
use common::postgres::TempPostgres;
use common::web::Browser;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::Arc;

/// A database for the command line: a SQLite file or a throw-away PostgreSQL.
struct Database {
    url: String,
    _dir: tempfile::TempDir,
    _postgres: Option<TempPostgres>,
}

fn database(back_end: BackEnd) -> Database {
    let dir = tempfile::tempdir().unwrap();
    match back_end {
        BackEnd::Sqlite => Database {
            url: format!("sqlite:{}", dir.path().join("hub.sqlite").display()),
            _dir: dir,
            _postgres: None,
        },
        BackEnd::Postgres => {
            let cluster = TempPostgres::require();
            Database {
                url: cluster.url.clone(),
                _dir: dir,
                _postgres: Some(cluster),
            }
        }
    }
}

/// Runs `welkom-hub ARGS` with this standard input.
fn hub(db: &Database, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_welkom-hub"))
        .arg("--database")
        .arg(&db.url)
        .args(args)
        .env("WELKOM_HUB_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs and expects success; its standard output.
fn ok(db: &Database, args: &[&str], stdin: &str) -> String {
    let out = hub(db, args, stdin);
    assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    text(&out.stdout)
}

/// Runs and expects a refusal (exit 2); its standard error.
fn refused(db: &Database, args: &[&str], stdin: &str) -> String {
    let out = hub(db, args, stdin);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{args:?}: {}",
        text(&out.stdout)
    );
    text(&out.stderr)
}

fn users_are_added_listed_reset_and_removed(back_end: BackEnd) {
    let db = database(back_end);
    let a = ok(&db, &["location", "add", "Locatie Appel"], "")
        .trim()
        .to_owned();
    let b = ok(&db, &["location", "add", "Locatie Boom"], "")
        .trim()
        .to_owned();

    let added = ok(
        &db,
        &["user", "add", "Admin@Example.org", "--role", "admin"],
        "first password 1\n",
    );
    assert!(added.contains("admin@example.org added (admin)"), "{added}");
    assert!(
        !added.contains("first password"),
        "a piped password is not printed"
    );
    ok(
        &db,
        &[
            "user",
            "add",
            "manager@example.org",
            "--role",
            "manager",
            "--location",
            &a,
            "--location",
            &b,
        ],
        "second password 2",
    );

    let list = ok(&db, &["user", "list"], "");
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 2, "{list}");
    assert!(
        lines[0].starts_with("admin@example.org\tadmin\t*\t"),
        "{list}"
    );
    assert!(
        lines[1].starts_with("manager@example.org\tmanager\t"),
        "{list}"
    );
    assert!(lines[1].contains(&a) && lines[1].contains(&b), "{list}");

    // What the checks refuse, each said plainly.
    let e = refused(
        &db,
        &["user", "add", "admin@EXAMPLE.org", "--role", "admin"],
        "another password\n",
    );
    assert!(e.contains("already a user admin@example.org"), "{e}");
    let e = refused(
        &db,
        &["user", "add", "m2@example.org", "--role", "manager"],
        "another password\n",
    );
    assert!(e.contains("a manager needs at least one location"), "{e}");
    let e = refused(
        &db,
        &[
            "user",
            "add",
            "m2@example.org",
            "--role",
            "manager",
            "--location",
            "no-such-place",
        ],
        "another password\n",
    );
    assert!(e.contains("there is no location 'no-such-place'"), "{e}");
    let e = refused(
        &db,
        &[
            "user",
            "add",
            "a2@example.org",
            "--role",
            "admin",
            "--location",
            &a,
        ],
        "x",
    );
    assert!(e.contains("an admin sees every location"), "{e}");
    let e = refused(
        &db,
        &["user", "add", "not-an-email", "--role", "admin"],
        "another password\n",
    );
    assert!(e.contains("is not an email address"), "{e}");
    let e = refused(
        &db,
        &["user", "add", "a2@example.org", "--role", "admin"],
        "short\n",
    );
    assert!(e.contains("at least") || e.contains("12 to"), "{e}");
    let e = refused(
        &db,
        &["user", "add", "a2@example.org", "--role", "admin"],
        "",
    );
    assert!(e.contains("standard input gave no password"), "{e}");
    assert_eq!(
        ok(&db, &["user", "list"], "").lines().count(),
        2,
        "nothing was added"
    );

    // The hub logs in with the passwords given, and the reset one replaces the old.
    let served = serve(&db.url, &[]);
    let mut browser = Browser::new(&served.url);
    assert_eq!(
        browser
            .log_in("admin@example.org", "first password 1")
            .status,
        303
    );
    let out = ok(
        &db,
        &["user", "reset-password", "ADMIN@example.org"],
        "a new password 3\n",
    );
    assert!(out.contains("sessions have ended"), "{out}");
    assert_eq!(
        browser.get("/overview").location(),
        Some("/login"),
        "reset ends sessions"
    );
    assert_eq!(
        Browser::new(&served.url)
            .log_in("admin@example.org", "first password 1")
            .status,
        401
    );
    assert_eq!(
        Browser::new(&served.url)
            .log_in("admin@example.org", "a new password 3")
            .status,
        303
    );
    let e = refused(
        &db,
        &["user", "reset-password", "ghost@example.org"],
        "a new password 3\n",
    );
    assert!(e.contains("there is no user 'ghost@example.org'"), "{e}");

    let mut manager = Browser::new(&served.url);
    assert_eq!(
        manager
            .log_in("manager@example.org", "second password 2")
            .status,
        303
    );
    assert!(ok(&db, &["user", "remove", "manager@example.org"], "").contains("removed"));
    assert_eq!(
        manager.get("/overview").location(),
        Some("/login"),
        "removal ends sessions"
    );
    assert_eq!(
        Browser::new(&served.url)
            .log_in("manager@example.org", "second password 2")
            .status,
        401
    );
    let e = refused(&db, &["user", "remove", "manager@example.org"], "");
    assert!(e.contains("there is no user"), "{e}");
    assert_eq!(ok(&db, &["user", "list"], "").lines().count(), 1);
}
on_both_back_ends!(users_are_added_listed_reset_and_removed);

/// `welkom-hub serve` as a child process, killed when dropped.
struct Served {
    child: Child,
    url: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(database: &str, args: &[&str]) -> Served {
    serve_on(database, "127.0.0.1:0", args)
}

fn serve_on(database: &str, listen: &str, args: &[&str]) -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_welkom-hub"))
        .args(["--database", database, "serve", "--listen", listen])
        .args(args)
        .env("WELKOM_HUB_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap()
        .to_owned();
    Served { child, url }
}

#[test]
fn under_tls_the_session_cookie_is_secure() {
    let db = database(BackEnd::Sqlite);
    ok(
        &db,
        &["user", "add", "admin@example.org", "--role", "admin"],
        "tls password 12\n",
    );
    let dir = db._dir.path();
    let made = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
    let (cert, key) = (dir.join("hub.crt"), dir.join("hub.key"));
    std::fs::write(&cert, made.cert.pem()).unwrap();
    std::fs::write(&key, made.signing_key.serialize_pem()).unwrap();
    let served = serve(
        &db.url,
        &["--tls-cert", path(&cert), "--tls-key", path(&key)],
    );
    assert!(served.url.starts_with("https://"), "{}", served.url);
    let root = ureq::tls::Certificate::from_pem(made.cert.pem().as_bytes()).unwrap();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .tls_config(
            ureq::tls::TlsConfig::builder()
                .root_certs(ureq::tls::RootCerts::Specific(Arc::new(vec![root])))
                .build(),
        )
        .build()
        .into();
    let mut browser = Browser::with_agent(&served.url, agent);
    let form = browser.get("/login");
    assert!(
        form.set_cookie("__Host-welkom_login_csrf")
            .unwrap()
            .contains("; Secure")
    );
    let answer = browser.log_in("admin@example.org", "tls password 12");
    assert_eq!(answer.status, 303, "{}", answer.body);
    let cookie = answer.set_cookie("__Host-welkom_session").unwrap();
    for flag in ["HttpOnly", "SameSite=Lax", "Path=/", "Secure"] {
        assert!(cookie.contains(flag), "{flag} missing: {cookie}");
    }
    let overview = browser.get("/overview");
    assert_eq!(overview.status, 200);
    assert!(overview.header("strict-transport-security").is_some());
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn in_a_terminal_a_password_is_made_and_shown_once() {
    // `script` (util-linux, in every Debian) gives the command a terminal.
    let db = database(BackEnd::Sqlite);
    let command = format!(
        "{} --database {} user add admin@example.org --role admin",
        env!("CARGO_BIN_EXE_welkom-hub"),
        db.url
    );
    let out = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("WELKOM_HUB_LOG", "warn")
        .stdin(Stdio::null())
        .output()
        .expect("`script` runs (apt-get install bsdutils)");
    let shown = text(&out.stdout);
    assert!(out.status.success(), "{shown}");
    let password = shown
        .lines()
        .find_map(|l| l.trim().strip_prefix("password "))
        .unwrap_or_else(|| panic!("no password shown: {shown}"))
        .to_owned();
    assert_eq!(password.len(), 20, "{password}");
    assert!(shown.contains("shown only now"), "{shown}");
    // The password works, and the list never shows it again.
    let served = serve(&db.url, &[]);
    assert_eq!(
        Browser::new(&served.url)
            .log_in("admin@example.org", &password)
            .status,
        303
    );
    assert!(!ok(&db, &["user", "list"], "").contains(&password));
}

/// This machine's address on its network (not loopback): the address a request from
/// another machine on the hall's Wi-Fi would come to. A UDP "connection" sends nothing.
fn network_address() -> std::net::IpAddr {
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").unwrap();
    socket
        .connect("192.0.2.1:9")
        .expect("a network route: the test needs a non-loopback address");
    let address = socket.local_addr().unwrap().ip();
    assert!(!address.is_loopback(), "{address}");
    address
}

#[test]
fn a_password_over_plain_http_from_another_machine_is_refused() {
    let db = database(BackEnd::Sqlite);
    ok(
        &db,
        &["user", "add", "admin@example.org", "--role", "admin"],
        "plain password 12\n",
    );
    let from_network = |extra: &[&str]| {
        let served = serve_on(&db.url, "0.0.0.0:0", extra);
        let port = served.url.rsplit(':').next().unwrap().to_owned();
        let url = format!("http://{}:{port}", network_address());
        let mut browser = Browser::new(&url);
        browser.get("/login");
        let answer = browser.log_in("admin@example.org", "plain password 12");
        (answer.status, answer.body)
    };
    // The password is not even checked: the page says to use https://.
    let (status, body) = from_network(&[]);
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("https://"), "{body}");
    // Behind a TLS proxy on another host, the administrator allows it.
    let (status, body) = from_network(&["--allow-plain-http-log-in"]);
    assert_eq!(status, 303, "{body}");
}

#[test]
fn a_locked_account_is_unlocked_from_the_command_line() {
    let db = database(BackEnd::Sqlite);
    ok(
        &db,
        &["user", "add", "admin@example.org", "--role", "admin"],
        "right password 12\n",
    );
    let served = serve(&db.url, &[]);
    let mut browser = Browser::new(&served.url);
    browser.get("/login");
    for _ in 0..6 {
        browser.log_in("admin@example.org", "wrong password 12");
    }
    let locked = browser.log_in("admin@example.org", "right password 12");
    assert_eq!(locked.status, 429, "{}", locked.body);
    let said = ok(&db, &["user", "unlock", "admin@example.org"], "");
    assert!(said.contains("can log in again"), "{said}");
    let answer = browser.log_in("admin@example.org", "right password 12");
    assert_eq!(answer.status, 303, "{}", answer.body);
    let unknown = refused(&db, &["user", "unlock", "nobody@example.org"], "");
    assert!(unknown.contains("no user"), "{unknown}");
}
