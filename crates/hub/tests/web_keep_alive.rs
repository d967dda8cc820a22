//! A refused form keeps the connection usable: the hub reads a POST's body even when
//! it answers before looking at it (a page of another location, a missing session),
//! so the browser's next request on the same connection is answered instead of
//! finding the connection closed under it.

mod common;

use common::web::{Browser, PASSWORD, start};
use common::{BackEnd, Hub};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;
use welkom_hub::db::Role;

/// Reads one HTTP/1.1 answer (status line, headers, a `Content-Length` body) and
/// returns its status.
fn read_answer(reader: &mut BufReader<TcpStream>) -> Option<u16> {
    let mut status_line = String::new();
    if reader.read_line(&mut status_line).ok()? == 0 {
        return None;
    }
    let status = status_line.split(' ').nth(1)?.parse().ok()?;
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(status)
}

fn session_cookie(hub: &Hub, email: &str) -> String {
    let mut browser = Browser::new(&hub.url);
    assert_eq!(browser.log_in(email, PASSWORD).status, 303);
    browser
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ")
}

fn a_refused_post_leaves_the_connection_open(back_end: BackEnd) {
    let web = start(back_end);
    let hub = &web.hub;
    let zonnebloem = hub.location("De Zonnebloem");
    let anker = hub.location("Het Anker");
    hub.user("manager@anker.example", Role::Manager, &[&anker]);
    let cookie = session_cookie(hub, "manager@anker.example");
    let address = hub.url.trim_start_matches("http://");
    let stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    // A body larger than one read of the server's buffer, so that it is really
    // left unread when the answer does not need it.
    let body = format!("csrf=x&note={}", "a".repeat(48 * 1024));
    let refused = [
        // Another location's form: 404 before the form is read.
        format!("/locations/{}/devices", zonnebloem.id),
        // Their own location's form without a valid CSRF token.
        format!("/locations/{}/devices", anker.id),
    ];
    for path in &refused {
        write!(
            writer,
            "POST {path} HTTP/1.1\r\nHost: {address}\r\nCookie: {cookie}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\n\
             Content-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let status = read_answer(&mut reader);
        assert!(
            matches!(status, Some(403 | 404)),
            "{}: POST {path} got {status:?}",
            hub.back_end
        );
        // The next request on the same connection.
        write!(writer, "GET /login HTTP/1.1\r\nHost: {address}\r\n\r\n").unwrap();
        assert_eq!(
            read_answer(&mut reader),
            Some(200),
            "{}: the connection closed after POST {path}",
            hub.back_end
        );
    }
}
on_both_back_ends!(a_refused_post_leaves_the_connection_open);

fn a_form_beyond_the_limit_is_refused_with_413(back_end: BackEnd) {
    let web = start(back_end);
    let hub = &web.hub;
    let mut browser = Browser::new(&hub.url);
    let form = browser.get("/login");
    let csrf = form.hidden("csrf").unwrap();
    let huge = "a".repeat(70 * 1024);
    let answer = browser.post(
        "/login",
        &[
            ("email", "x@example.org"),
            ("password", &huge),
            ("csrf", &csrf),
        ],
    );
    assert_eq!(answer.status, 413, "{}: {}", hub.back_end, answer.body);
    assert!(answer.body.contains("65536 bytes"), "{}", answer.body);
}
on_both_back_ends!(a_form_beyond_the_limit_is_refused_with_413);
