//! How the hub is reached and how it reaches its database: `welkom-hub serve
//! --tls-cert/--tls-key` speaks HTTPS itself (and says which file is wrong when one
//! is); PostgreSQL connections come from a pool that carries on after the server
//! restarts, and speak TLS when the address says `sslmode=require`.

mod common;

use common::postgres::TempPostgres;
use common::{agent, rating, send};
use serde_json::json;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// `welkom-hub` run as a child process, killed when dropped.
struct HubProcess {
    child: Child,
    /// What the first line said: `https://127.0.0.1:PORT`.
    url: String,
}

impl Drop for HubProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn hub_command(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_welkom-hub"));
    command
        .arg("--database")
        .arg(format!("sqlite:{}", dir.join("hub.sqlite").display()))
        .env("WELKOM_HUB_LOG", "warn");
    command
}

/// Starts `welkom-hub serve` on a free port with these extra arguments.
fn serve(dir: &Path, args: &[&str]) -> HubProcess {
    let mut child = hub_command(dir)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("welkom-hub starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the first line");
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("the first line names the address: {line}"))
        .to_owned();
    HubProcess { child, url }
}

/// A self-signed certificate for 127.0.0.1 and localhost, written as PEM files.
fn certificate(dir: &Path, name: &str) -> (std::path::PathBuf, std::path::PathBuf, String) {
    let made =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
            .unwrap();
    let cert = dir.join(format!("{name}.crt"));
    let key = dir.join(format!("{name}.key"));
    std::fs::write(&cert, made.cert.pem()).unwrap();
    std::fs::write(&key, made.signing_key.serialize_pem()).unwrap();
    (cert, key, made.cert.pem())
}

/// An agent that trusts only this certificate.
fn trusting(pem: &str) -> ureq::Agent {
    trusting_within(pem, None)
}

/// [`trusting`], giving up on a request after `timeout`.
fn trusting_within(pem: &str, timeout: Option<Duration>) -> ureq::Agent {
    let root = ureq::tls::Certificate::from_pem(pem.as_bytes()).unwrap();
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(timeout)
        .tls_config(
            ureq::tls::TlsConfig::builder()
                .root_certs(ureq::tls::RootCerts::Specific(Arc::new(vec![root])))
                .build(),
        )
        .build()
        .into()
}

#[test]
fn serve_with_a_certificate_speaks_https_and_plain_http_gets_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key, pem) = certificate(dir.path(), "hub");
    let hub = serve(
        dir.path(),
        &[
            "--tls-cert",
            cert.to_str().unwrap(),
            "--tls-key",
            key.to_str().unwrap(),
        ],
    );
    assert!(hub.url.starts_with("https://127.0.0.1:"), "{}", hub.url);

    let response = trusting(&pem)
        .get(&format!("{}/healthz", hub.url))
        .call()
        .expect("healthz over https");
    assert_eq!(response.status().as_u16(), 200);
    assert!(
        response
            .into_body()
            .read_to_string()
            .unwrap()
            .contains("ok")
    );
    // A /v1 answer over TLS: the API itself, not only the health check.
    let response = trusting(&pem)
        .get(&format!("{}/v1/device", hub.url))
        .call()
        .unwrap();
    assert_eq!(response.status().as_u16(), 401);

    // A client that does not trust the certificate refuses the connection.
    assert!(
        agent().get(&format!("{}/healthz", hub.url)).call().is_err(),
        "the certificate is checked by a client with the usual roots"
    );

    // Plain HTTP to the TLS port: no HTTP answer, and no data.
    let address = hub.url.strip_prefix("https://").unwrap();
    let mut plain = std::net::TcpStream::connect(address).unwrap();
    plain
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    plain
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut answer = Vec::new();
    let _ = plain.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer);
    assert!(
        !text.contains("HTTP/1.1") && !text.contains("ok"),
        "plain HTTP got an answer: {text:?}"
    );
    assert!(
        ureq::get(&format!("http://{address}/healthz"))
            .call()
            .is_err(),
        "an HTTP client gets no answer from the TLS port"
    );

    // Ctrl-C: the hub stops, cleanly and soon, with an idle connection open.
    let idle = std::net::TcpStream::connect(address).unwrap();
    let mut hub = hub;
    let stopped = Command::new("kill")
        .args(["-INT", &hub.child.id().to_string()])
        .status()
        .unwrap();
    assert!(stopped.success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = hub.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the hub did not stop within 5 s"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status}");
    drop(idle);
}

#[test]
fn tls_files_that_cannot_be_used_are_named_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key, _) = certificate(dir.path(), "hub");
    let (_, other_key, _) = certificate(dir.path(), "other");
    let not_pem = dir.path().join("notes.txt");
    std::fs::write(&not_pem, "this is not a certificate\n").unwrap();
    let missing = dir.path().join("missing.pem");

    let fails = |args: &[&Path]| {
        let mut command = hub_command(dir.path());
        command.args(["serve", "--listen", "127.0.0.1:0"]);
        for pair in args.chunks(2) {
            command.arg("--tls-cert").arg(pair[0]);
            command.arg("--tls-key").arg(pair[1]);
        }
        let out = command
            .stdout(Stdio::null())
            .output()
            .expect("welkom-hub runs");
        assert!(!out.status.success(), "{args:?} must not start");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let error = fails(&[&missing, &key]);
    assert!(
        error.contains("missing.pem") && error.contains("cannot read"),
        "{error}"
    );
    let error = fails(&[&cert, &missing]);
    assert!(
        error.contains("missing.pem") && error.contains("private key"),
        "{error}"
    );
    let error = fails(&[&not_pem, &key]);
    assert!(
        error.contains("notes.txt") && error.contains("BEGIN CERTIFICATE"),
        "{error}"
    );
    let error = fails(&[&cert, &not_pem]);
    assert!(
        error.contains("notes.txt") && error.contains("PRIVATE KEY"),
        "{error}"
    );
    let error = fails(&[&cert, &cert]);
    assert!(
        error.contains("hub.crt") && error.contains("PRIVATE KEY"),
        "a certificate given as the key: {error}"
    );
    let error = fails(&[&cert, &other_key]);
    assert!(
        error.contains("other.key") && error.contains("does not fit"),
        "{error}"
    );

    // Both flags or neither.
    let out = hub_command(dir.path())
        .args(["serve", "--listen", "127.0.0.1:0", "--tls-cert"])
        .arg(&cert)
        .output()
        .unwrap();
    let error = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && error.contains("--tls-key"),
        "{error}"
    );
    let out = hub_command(dir.path())
        .args(["serve", "--listen", "127.0.0.1:0", "--tls-key"])
        .arg(&key)
        .output()
        .unwrap();
    let error = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && error.contains("--tls-cert"),
        "{error}"
    );
}

/// A hub serving (in this process) over an existing cluster.
fn hub_over(url: &str) -> common::Hub {
    let hub = welkom_hub::BackgroundHub::start(url).expect("the hub connects");
    common::Hub::from_background(hub, "postgres")
}

#[test]
#[ignore = "needs PostgreSQL: apt-get install postgresql"]
fn postgres_ingest_resumes_after_the_server_restarts_without_restarting_the_hub() {
    let cluster = TempPostgres::require();
    let hub = hub_over(&cluster.url);
    let boomhut = hub.location("De Boomhut");
    let kiosk = hub.device(&boomhut);
    let batch = |minute: u32| {
        json!([rating(
            &kiosk,
            4,
            &format!("2026-03-02T07:{minute:02}:00Z"),
            &[]
        )])
    };
    let (status, answer) = send(&hub, &kiosk.token, &batch(10));
    assert_eq!((status, &answer["accepted"]), (200, &json!(1)), "{answer}");

    cluster.stop();
    // While the database is away: 503 with Retry-After, soon, not a hang.
    let started = Instant::now();
    let response = agent()
        .post(&format!("{}/v1/events", hub.url))
        .header("Authorization", &format!("Bearer {}", kiosk.token))
        .header("Content-Type", "application/cloudevents-batch+json")
        .send(batch(11).to_string().as_bytes())
        .unwrap();
    assert_eq!(response.status().as_u16(), 503);
    assert_eq!(
        response
            .headers()
            .get("retry-after")
            .map(|v| v.to_str().unwrap()),
        Some("5")
    );
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "the 503 took {:?}",
        started.elapsed()
    );
    let health = agent().get(&format!("{}/healthz", hub.url)).call().unwrap();
    assert_eq!(health.status().as_u16(), 503);

    cluster.start_again();
    // The first batch after the restart is stored: the pool replaced its broken
    // connections on its own.
    let (status, answer) = send(&hub, &kiosk.token, &batch(12));
    assert_eq!((status, &answer["accepted"]), (200, &json!(1)), "{answer}");
    let (status, answer) = send(&hub, &kiosk.token, &batch(11));
    assert_eq!((status, &answer["accepted"]), (200, &json!(1)), "{answer}");
    let stored = hub.runtime.block_on(hub.db.ratings(&boomhut.id)).unwrap();
    assert_eq!(stored.len(), 3, "every batch once");
    let health = agent().get(&format!("{}/healthz", hub.url)).call().unwrap();
    assert_eq!(health.status().as_u16(), 200);
}

#[test]
#[ignore = "needs PostgreSQL: apt-get install postgresql"]
fn postgres_over_tls_stores_and_reads_events_with_sslmode_require() {
    let tls = TempPostgres::require_tls();
    let url = &tls.cluster.url;

    // The cluster takes TLS only: a plain connection is turned away.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let plain = runtime.block_on(welkom_hub::Db::open(&format!("{url}?sslmode=disable")));
    assert!(plain.is_err(), "a plain connection must be refused");

    let hub = hub_over(&format!("{url}?sslmode=require"));
    let boomhut = hub.location("De Boomhut");
    let kiosk = hub.device(&boomhut);
    let events = json!([
        rating(&kiosk, 4, "2026-03-02T07:10:00Z", &["Vlinders"]),
        rating(&kiosk, 3, "2026-03-02T07:11:00Z", &["Vlinders"]),
    ]);
    let (status, answer) = send(&hub, &kiosk.token, &events);
    assert_eq!((status, &answer["accepted"]), (200, &json!(2)), "{answer}");
    let tally: serde_json::Value = agent()
        .get(&format!(
            "{}/v1/locations/{}/tally?date=2026-03-02",
            hub.url, boomhut.id
        ))
        .header("Authorization", &format!("Bearer {}", kiosk.token))
        .call()
        .unwrap()
        .into_body()
        .read_json()
        .unwrap();
    assert_eq!(tally["drop_off"]["total"]["answers"], 2, "{tally}");

    // verify-full checks the certificate: with its own root it is trusted, with
    // the public roots it is not.
    let root = tls.certificate.display();
    let trusted = runtime.block_on(welkom_hub::Db::open(&format!(
        "{url}?sslmode=verify-full&sslrootcert={root}"
    )));
    assert!(trusted.is_ok(), "{:?}", trusted.err());
    let untrusted = runtime.block_on(welkom_hub::Db::open(&format!("{url}?sslmode=verify-full")));
    assert!(
        untrusted.is_err(),
        "a self-signed certificate is not a public one"
    );
}

/// An organisation's own CA and a hub certificate it signed for 127.0.0.1, as PEM
/// files: (ca.pem, hub.crt, hub.key).
fn private_ca(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf, std::path::PathBuf) {
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "Kinderopvang Voorbeeld CA");
    let ca = rcgen::CertifiedIssuer::self_signed(ca_params, rcgen::KeyPair::generate().unwrap())
        .unwrap();
    let hub_key = rcgen::KeyPair::generate().unwrap();
    let hub_cert = rcgen::CertificateParams::new(vec!["127.0.0.1".to_owned()])
        .unwrap()
        .signed_by(&hub_key, &ca)
        .unwrap();
    let paths = (dir.join("ca.pem"), dir.join("hub.crt"), dir.join("hub.key"));
    std::fs::write(&paths.0, ca.pem()).unwrap();
    std::fs::write(&paths.1, hub_cert.pem()).unwrap();
    std::fs::write(&paths.2, hub_key.serialize_pem()).unwrap();
    (paths.0, paths.1, paths.2)
}

#[test]
fn a_kiosk_given_the_organisations_ca_file_sends_to_a_hub_it_signed_and_trusts_nobody_else() {
    use welkom_sync::{Attempt, SyncClient, SyncStatus, Upstream};
    let dir = tempfile::tempdir().unwrap();
    let (ca, cert, key) = private_ca(dir.path());
    let (token, location) = {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let url = format!("sqlite:{}", dir.path().join("hub.sqlite").display());
        runtime.block_on(async {
            let db = welkom_hub::Db::open(&url).await.unwrap();
            let location = db
                .add_location("De Boomhut", "Europe/Amsterdam")
                .await
                .unwrap();
            (
                db.add_device(&location.id).await.unwrap().token,
                location.id,
            )
        })
    };
    let hub = serve(
        dir.path(),
        &[
            "--tls-cert",
            cert.to_str().unwrap(),
            "--tls-key",
            key.to_str().unwrap(),
        ],
    );
    let client = |ca_file: Option<&Path>, kiosk: &Path| {
        SyncClient::new(
            common::rated_kiosk::kiosk(kiosk, 12),
            Upstream {
                ca_file: ca_file.map(Path::to_owned),
                ..Upstream::new(&hub.url, &token)
            },
            SyncStatus::default(),
        )
    };

    // With the usual public authorities the hub's certificate is not trusted:
    // nothing is sent, nothing is lost.
    let (kiosk_a, kiosk_b) = (dir.path().join("a"), dir.path().join("b"));
    std::fs::create_dir_all(&kiosk_a).unwrap();
    std::fs::create_dir_all(&kiosk_b).unwrap();
    let mut untrusting = client(None, &kiosk_a);
    let waiting = untrusting.store().outbox_summary().unwrap().waiting;
    assert_eq!(waiting, 24, "a visit and a rating each");
    match untrusting.send_once().unwrap() {
        Attempt::RetryAfter(_, why) => assert!(why.contains("cannot reach"), "{why}"),
        other => panic!("sent to an untrusted hub: {other:?}"),
    }
    assert_eq!(
        untrusting.store().outbox_summary().unwrap().waiting,
        waiting
    );

    // With the organisation's CA file every event arrives.
    let mut trusting = client(Some(&ca), &kiosk_b);
    for _ in 0..10 {
        if matches!(trusting.send_once().unwrap(), Attempt::Idle) {
            break;
        }
    }
    assert_eq!(trusting.store().outbox_summary().unwrap().waiting, 0);
    let db_url = format!("sqlite:{}", dir.path().join("hub.sqlite").display());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let stored = runtime.block_on(async {
        let db = welkom_hub::Db::open(&db_url).await.unwrap();
        db.ratings(&location).await.unwrap().len()
    });
    assert_eq!(stored, 12);

    // The CA file trusts only the organisation: a hub with a self-signed certificate
    // (as someone on the hall's Wi-Fi might offer) is refused.
    let (other_cert, other_key, _) = certificate(dir.path(), "impostor");
    let impostor = serve(
        dir.path(),
        &[
            "--tls-cert",
            other_cert.to_str().unwrap(),
            "--tls-key",
            other_key.to_str().unwrap(),
        ],
    );
    let kiosk_c = dir.path().join("c");
    std::fs::create_dir_all(&kiosk_c).unwrap();
    let mut fooled = SyncClient::new(
        common::rated_kiosk::kiosk(&kiosk_c, 3),
        Upstream {
            ca_file: Some(ca.clone()),
            ..Upstream::new(&impostor.url, &token)
        },
        SyncStatus::default(),
    );
    assert!(matches!(
        fooled.send_once().unwrap(),
        Attempt::RetryAfter(..)
    ));
    assert_eq!(fooled.store().outbox_summary().unwrap().waiting, 6);
}

#[test]
fn with_https_at_most_max_connections_are_served_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key, pem) = certificate(dir.path(), "hub");
    let hub = serve(
        dir.path(),
        &[
            "--tls-cert",
            cert.to_str().unwrap(),
            "--tls-key",
            key.to_str().unwrap(),
            "--max-connections",
            "2",
        ],
    );
    let address = hub.url.strip_prefix("https://").unwrap();
    let impatient = trusting_within(&pem, Some(Duration::from_secs(2)));
    let health = || impatient.get(&format!("{}/healthz", hub.url)).call();
    assert_eq!(health().unwrap().status().as_u16(), 200);

    // Two connections that say nothing hold both places: the next one waits.
    let first = std::net::TcpStream::connect(address).unwrap();
    let _second = std::net::TcpStream::connect(address).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    assert!(health().is_err(), "a third connection was served at once");

    // One leaves: the next is served.
    drop(first);
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(health().unwrap().status().as_u16(), 200);
}
