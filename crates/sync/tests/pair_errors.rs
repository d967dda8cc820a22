//! What `welkom_sync::pair` says when the address is no hub at all: nothing
//! listening, or a web server that is not a Welkom hub.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;
use welkom_sync::{PairError, pair};

const WAIT: Duration = Duration::from_secs(10);

#[test]
fn nothing_listening_is_an_unreachable_hub() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    match pair(&url, "ABCD-EFGH", "Tablet", None, WAIT) {
        Err(PairError::Unreachable(_)) => {}
        other => panic!("not called unreachable: {other:?}"),
    }
}

#[test]
fn a_web_server_that_is_no_hub_is_said_to_be_none() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(500)))
            .unwrap();
        let mut request = [0u8; 4096];
        let _ = stream.read(&mut request);
        let body = "<html>Welcome to our web site</html>";
        let _ = write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
    });
    match pair(&url, "ABCD-EFGH", "Tablet", None, WAIT) {
        Err(PairError::NotAWelkomHub(why)) => assert!(why.contains("200"), "{why}"),
        other => panic!("taken for a hub: {other:?}"),
    }
    server.join().unwrap();
}

#[test]
fn a_missing_ca_file_is_said_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("ca.pem");
    match pair(
        "https://hub.example.org",
        "ABCD-EFGH",
        "Tablet",
        Some(&missing),
        WAIT,
    ) {
        Err(PairError::CaFile(why)) => assert!(why.contains("cannot be read"), "{why}"),
        other => panic!("{other:?}"),
    }
}
