//! The hub over real HTTP: batches accepted, deduplicated and refused one by one;
//! bad requests answered with a clear status and nothing half-stored; each device
//! kept to its own location; the roster with its ETag; health, metrics, OpenAPI.

mod common;

use common::{BackEnd, agent, rating, send, source, visit};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

fn stored_events(hub: &common::Hub, location: &str) -> usize {
    hub.runtime
        .block_on(hub.db.ratings(location))
        .unwrap()
        .len()
}

fn a_batch_is_stored_once_and_a_bad_event_is_refused_alone(back_end: BackEnd) {
    back_end.run(|hub| {
        let boomhut = hub.location("De Boomhut");
        let kiosk = hub.device(&boomhut);
        let good = [
            rating(&kiosk, 4, "2026-03-02T07:15:00Z", &["Vlinders"]),
            rating(&kiosk, 2, "2026-03-02T07:20:00Z", &["Rupsen"]),
            visit(&kiosk, "2026-03-02T07:14:00Z", &["Vlinders"]),
        ];
        let mut bad = rating(&kiosk, 4, "2026-03-02T07:25:00Z", &["Vlinders"]);
        bad["data"]["score"] = json!(7);
        let mut unknown = rating(&kiosk, 4, "2026-03-02T07:26:00Z", &[]);
        unknown["type"] = json!("nl.welkom.coffee.v1");
        let batch = json!([good[0], good[1], bad, good[2], unknown]);
        let (status, answer) = send(hub, &kiosk.token, &batch);
        assert_eq!(status, 200, "{answer}");
        assert_eq!(answer["accepted"], 3);
        assert_eq!(answer["duplicates"], 0);
        let refused = answer["refused"].as_array().unwrap();
        assert_eq!(refused.len(), 2);
        assert_eq!(refused[0]["id"], bad["id"]);
        assert!(refused[0]["reason"].as_str().unwrap().contains("score 7"));
        assert!(
            refused[1]["reason"]
                .as_str()
                .unwrap()
                .contains("unknown event type")
        );
        assert_eq!(stored_events(hub, &boomhut.id), 2);

        // Sent again (the answer was lost): nothing is stored twice.
        let (status, answer) = send(hub, &kiosk.token, &json!(good));
        assert_eq!(status, 200);
        assert_eq!(answer["accepted"], 0);
        assert_eq!(answer["duplicates"], 3);
        assert_eq!(stored_events(hub, &boomhut.id), 2);
    });
}
on_both_back_ends!(a_batch_is_stored_once_and_a_bad_event_is_refused_alone);

/// A kiosk given a new token sends again, under its new source, a batch whose answer
/// was lost: the hub knows the events by their ids and stores none of them twice.
fn an_event_sent_again_under_a_new_source_is_a_duplicate(back_end: BackEnd) {
    back_end.run(|hub| {
        let boomhut = hub.location("De Boomhut");
        let old = hub.device(&boomhut);
        let new = hub.device(&boomhut);
        let first = rating(&old, 4, "2026-03-02T07:15:00Z", &["Vlinders"]);
        let (status, answer) = send(hub, &old.token, &json!([first]));
        assert_eq!((status, &answer["accepted"]), (200, &json!(1)), "{answer}");

        let mut again = first.clone();
        again["source"] = json!(source(&new));
        let fresh = rating(&new, 2, "2026-03-02T07:40:00Z", &["Vlinders"]);
        let (status, answer) = send(hub, &new.token, &json!([again, fresh]));
        assert_eq!(status, 200, "{answer}");
        assert_eq!(answer["accepted"], 1, "{answer}");
        assert_eq!(answer["duplicates"], 1, "{answer}");
        assert_eq!(stored_events(hub, &boomhut.id), 2);
    });
}
on_both_back_ends!(an_event_sent_again_under_a_new_source_is_a_duplicate);

fn bad_requests_get_a_clear_status_and_store_nothing(back_end: BackEnd) {
    back_end.run(|hub| {
        let boomhut = hub.location("De Boomhut");
        let kiosk = hub.device(&boomhut);
        let post = |content_type: &str, body: Vec<u8>, protocol: Option<&str>| {
            let mut request = agent()
                .post(&format!("{}/v1/events", hub.url))
                .header("Authorization", &format!("Bearer {}", kiosk.token))
                .header("Content-Type", content_type);
            if let Some(protocol) = protocol {
                request = request.header("Welkom-Protocol", protocol);
            }
            let response = request.send(&body[..]).unwrap();
            let status = response.status().as_u16();
            let body: Value = response.into_body().read_json().unwrap_or(Value::Null);
            (status, body["error"].as_str().unwrap_or("").to_owned())
        };
        let batch = "application/cloudevents-batch+json";
        let one = json!([rating(&kiosk, 4, "2026-03-02T07:15:00Z", &[])]).to_string();

        let (status, error) = post(batch, b"[{\"id\": ".to_vec(), Some("1"));
        assert_eq!((status, error.contains("not JSON")), (400, true), "{error}");
        let (status, error) = post(batch, b"{\"id\": 1}".to_vec(), Some("1"));
        assert_eq!(
            (status, error.contains("JSON array")),
            (400, true),
            "{error}"
        );
        let (status, error) = post("application/json", one.clone().into_bytes(), Some("1"));
        assert_eq!(
            (status, error.contains("cloudevents-batch")),
            (415, true),
            "{error}"
        );
        let (status, error) = post(batch, one.clone().into_bytes(), Some("2"));
        assert_eq!(
            (status, error.contains("supports version 1")),
            (400, true),
            "{error}"
        );
        let many: Vec<Value> = (0..501)
            .map(|_| rating(&kiosk, 4, "2026-03-02T07:15:00Z", &[]))
            .collect();
        let (status, error) = post(batch, json!(many).to_string().into_bytes(), Some("1"));
        assert_eq!(
            (status, error.contains("at most 500")),
            (413, true),
            "{error}"
        );
        let huge = format!("[{}]", " ".repeat(1024 * 1024 + 10));
        let (status, error) = post(batch, huge.into_bytes(), Some("1"));
        assert_eq!(
            (status, error.contains("larger than 1048576 bytes")),
            (413, true),
            "{error}"
        );
        assert_eq!(stored_events(hub, &boomhut.id), 0, "nothing was stored");
    });
}
on_both_back_ends!(bad_requests_get_a_clear_status_and_store_nothing);

fn a_device_writes_and_reads_only_its_own_location(back_end: BackEnd) {
    back_end.run(|hub| {
        let a = hub.location("A");
        let b = hub.location("B");
        let kiosk_a = hub.device(&a);
        let kiosk_b = hub.device(&b);
        // A's token with B's source: refused.
        let mut forged = rating(&kiosk_b, 4, "2026-03-02T07:15:00Z", &[]);
        forged["source"] = json!(source(&kiosk_b));
        let (status, answer) = send(hub, &kiosk_a.token, &json!([forged]));
        assert_eq!(status, 200);
        assert_eq!(answer["accepted"], 0);
        assert!(
            answer["refused"][0]["reason"]
                .as_str()
                .unwrap()
                .contains("not this device's")
        );
        assert_eq!(stored_events(hub, &b.id), 0);

        let get = |path: &str, token: &str| {
            agent()
                .get(&format!("{}{path}", hub.url))
                .header("Authorization", &format!("Bearer {token}"))
                .header("Welkom-Protocol", "1")
                .call()
                .unwrap()
                .status()
                .as_u16()
        };
        let tally_b = format!("/v1/locations/{}/tally?date=2026-03-02", b.id);
        assert_eq!(
            get(&tally_b, &kiosk_a.token),
            403,
            "B's tally is not A's to read"
        );
        assert_eq!(get(&tally_b, &kiosk_b.token), 200);
        assert_eq!(get(&tally_b, "wlk_not-a-token"), 401);

        hub.runtime
            .block_on(hub.db.put_roster(&b.id, b"guardian_id;guardian_first_name;guardian_last_name;pin;child_id;child_first_name;group\nG1;Sanne;de Vries;4826;C1;Daan;Vlinders\n".to_vec()))
            .unwrap();
        assert_eq!(
            get("/v1/roster", &kiosk_a.token),
            404,
            "A has no roster, and never B's"
        );
        assert_eq!(get("/v1/roster", &kiosk_b.token), 200);

        assert!(
            hub.runtime
                .block_on(hub.db.revoke_device(&kiosk_b.id))
                .unwrap()
        );
        assert_eq!(
            get("/v1/roster", &kiosk_b.token),
            403,
            "a revoked token is refused"
        );
        let (status, _) = send(hub, &kiosk_b.token, &json!([]));
        assert_eq!(status, 403);
    });
}
on_both_back_ends!(a_device_writes_and_reads_only_its_own_location);

fn the_roster_comes_with_an_etag_and_is_not_sent_again_unchanged(back_end: BackEnd) {
    back_end.run(|hub| {
        let boomhut = hub.location("De Boomhut");
        let kiosk = hub.device(&boomhut);
        let csv = b"guardian_id;guardian_first_name;guardian_last_name;pin;child_id;child_first_name;group\nG1;Sanne;de Vries;4826;C1;Daan;Vlinders\n".to_vec();
        let etag = hub
            .runtime
            .block_on(hub.db.put_roster(&boomhut.id, csv.clone()))
            .unwrap();
        let fetch = |if_none_match: Option<&str>| {
            let mut request = agent()
                .get(&format!("{}/v1/roster", hub.url))
                .header("Authorization", &format!("Bearer {}", kiosk.token))
                .header("Welkom-Protocol", "1");
            if let Some(tag) = if_none_match {
                request = request.header("If-None-Match", tag);
            }
            let response = request.call().unwrap();
            let status = response.status().as_u16();
            let tag = response
                .headers()
                .get("etag")
                .map(|v| v.to_str().unwrap().to_owned());
            let body = response.into_body().read_to_vec().unwrap();
            (status, tag, body)
        };
        let (status, tag, body) = fetch(None);
        assert_eq!((status, tag.as_deref()), (200, Some(etag.as_str())));
        assert_eq!(body, csv);
        let (status, _, body) = fetch(Some(&etag));
        assert_eq!(status, 304);
        assert!(body.is_empty());
        let (status, _, _) = fetch(Some("\"something-else\""));
        assert_eq!(status, 200);
    });
}
on_both_back_ends!(the_roster_comes_with_an_etag_and_is_not_sent_again_unchanged);

fn the_tally_counts_with_the_kiosks_definitions(back_end: BackEnd) {
    back_end.run(|hub| {
        let boomhut = hub.location("De Boomhut");
        let kiosk = hub.device(&boomhut);
        let mut events = Vec::new();
        for (i, score) in [4, 4, 3, 2, 4, 1].into_iter().enumerate() {
            let time = format!("2026-03-02T07:{:02}:00Z", 10 + i);
            events.push(visit(&kiosk, &time, &["Vlinders"]));
            events.push(rating(&kiosk, score, &time, &["Vlinders"]));
        }
        let (status, _) = send(hub, &kiosk.token, &json!(events));
        assert_eq!(status, 200);
        let tally: welkom_core::tally::DayTally = agent()
            .get(&format!(
                "{}/v1/locations/{}/tally?date=2026-03-02",
                hub.url, boomhut.id
            ))
            .header("Authorization", &format!("Bearer {}", kiosk.token))
            .header("Welkom-Protocol", "1")
            .call()
            .unwrap()
            .into_body()
            .read_json()
            .unwrap();
        let total = &tally.drop_off.total;
        assert_eq!((total.answers, total.visits), (6, 6));
        assert_eq!(total.enthusiastic_percent, Some(50.0));
        assert_eq!(
            tally.drop_off.hours[0].hour, 8,
            "07:10 UTC is 08:10 in Amsterdam"
        );
    });
}
on_both_back_ends!(the_tally_counts_with_the_kiosks_definitions);

fn health_metrics_and_the_openapi_document_answer(back_end: BackEnd) {
    back_end.run(|hub| {
        let boomhut = hub.location("De Boomhut");
        let kiosk = hub.device(&boomhut);
        send(
            hub,
            &kiosk.token,
            &json!([rating(&kiosk, 4, "2026-03-02T07:15:00Z", &[])]),
        );
        let get = |path: &str| {
            let response = agent().get(&format!("{}{path}", hub.url)).call().unwrap();
            let status = response.status().as_u16();
            let protocol = response
                .headers()
                .get("welkom-protocol")
                .map(|v| v.to_str().unwrap().to_owned());
            (
                status,
                protocol,
                response.into_body().read_to_string().unwrap(),
            )
        };
        let (status, protocol, body) = get("/healthz");
        assert_eq!((status, protocol.as_deref()), (200, Some("1")));
        assert!(body.contains("ok"));
        let (status, _, body) = get("/metrics");
        assert_eq!(status, 200);
        assert!(
            body.contains("welkom_hub_events_accepted_total 1"),
            "{body}"
        );
        assert!(body.contains("welkom_hub_responses_total{status=\"200\"}"));
        let (status, _, body) = get("/openapi.json");
        assert_eq!(status, 200);
        let document: Value = serde_json::from_str(&body).unwrap();
        for path in [
            "/v1/events",
            "/v1/device",
            "/v1/roster",
            "/v1/locations/{id}/tally",
            "/healthz",
            "/metrics",
            "/openapi.json",
        ] {
            assert!(document["paths"][path].is_object(), "{path} is described");
        }
        let (status, _, _) = get("/v2/nothing");
        assert_eq!(status, 404);
    });
}
on_both_back_ends!(health_metrics_and_the_openapi_document_answer);

/// A request sent over real HTTP by hand: its status, `WWW-Authenticate`, and the
/// problem's sentence.
struct Answer {
    status: u16,
    challenge: Option<String>,
    error: String,
}

fn ask(
    hub: &common::Hub,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Answer {
    let url = format!("{}{path}", hub.url);
    let mut request = match method {
        "GET" => agent().get(&url).force_send_body(),
        _ => agent().post(&url),
    };
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send(body).unwrap();
    let status = response.status().as_u16();
    let challenge = response
        .headers()
        .get("www-authenticate")
        .map(|v| v.to_str().unwrap().to_owned());
    let body: Value = response.into_body().read_json().unwrap_or(Value::Null);
    Answer {
        status,
        challenge,
        error: body["error"].as_str().unwrap_or("").to_owned(),
    }
}

fn the_protocol_header_may_be_left_out_and_an_unknown_version_names_the_supported_ones(
    back_end: BackEnd,
) {
    back_end.run(|hub| {
        let boomhut = hub.location("De Boomhut");
        let kiosk = hub.device(&boomhut);
        let bearer = format!("Bearer {}", kiosk.token);
        let batch = json!([rating(&kiosk, 4, "2026-03-02T07:15:00Z", &[])]).to_string();
        let headers = [
            ("Authorization", bearer.as_str()),
            ("Content-Type", "application/cloudevents-batch+json"),
        ];
        let answer = ask(hub, "POST", "/v1/events", &headers, batch.as_bytes());
        assert_eq!(
            answer.status, 200,
            "no Welkom-Protocol means 1: {}",
            answer.error
        );
        assert_eq!(stored_events(hub, &boomhut.id), 1);
        for path in ["/v1/device", "/v1/roster"] {
            let answer = ask(hub, "GET", path, &headers[..1], b"");
            assert_ne!(answer.status, 400, "{path}: {}", answer.error);
        }

        let with_version = [headers[0], headers[1], ("Welkom-Protocol", "7")];
        let answer = ask(hub, "POST", "/v1/events", &with_version, batch.as_bytes());
        assert_eq!(answer.status, 400);
        assert!(
            answer.error.contains("'7'") && answer.error.contains("supports version 1"),
            "{}",
            answer.error
        );
        let answer = ask(hub, "GET", "/v1/device", &with_version[..1], b"");
        assert_eq!(answer.status, 200, "the header is optional on every route");
    });
}
on_both_back_ends!(
    the_protocol_header_may_be_left_out_and_an_unknown_version_names_the_supported_ones
);

fn authentication_comes_first_then_authorisation_then_headers_and_body(back_end: BackEnd) {
    back_end.run(|hub| {
        let boomhut = hub.location("De Boomhut");
        let vlinder = hub.location("Het Vlinderhuis");
        let kiosk = hub.device(&boomhut);
        let revoked = hub.device(&boomhut);
        hub.runtime
            .block_on(hub.db.revoke_device(&revoked.id))
            .unwrap();
        let good = format!("Bearer {}", kiosk.token);
        let gone = format!("Bearer {}", revoked.token);
        let batch = "application/cloudevents-batch+json";
        let garbage = b"not json at all";

        // No token, with everything else wrong too: 401 and a challenge.
        let answer = ask(
            hub,
            "POST",
            "/v1/events",
            &[("Content-Type", "text/plain"), ("Welkom-Protocol", "9")],
            garbage,
        );
        assert_eq!(answer.status, 401);
        assert_eq!(
            answer.challenge.as_deref(),
            Some("Bearer realm=\"welkom-hub\"")
        );

        // A bad token with a bad content type: 401, the token named invalid.
        let answer = ask(
            hub,
            "POST",
            "/v1/events",
            &[
                ("Authorization", "Bearer wlk_unknown"),
                ("Content-Type", "text/plain"),
            ],
            garbage,
        );
        assert_eq!(answer.status, 401, "{}", answer.error);
        let challenge = answer.challenge.unwrap_or_default();
        assert!(
            challenge.starts_with("Bearer realm=\"welkom-hub\"")
                && challenge.contains("error=\"invalid_token\""),
            "{challenge}"
        );
        // Another scheme is no token.
        let answer = ask(
            hub,
            "GET",
            "/v1/device",
            &[("Authorization", "Basic d2Vsa29t")],
            b"",
        );
        assert_eq!(answer.status, 401);

        // A revoked token with a bad protocol and a bad body: 403.
        let answer = ask(
            hub,
            "POST",
            "/v1/events",
            &[
                ("Authorization", &gone),
                ("Welkom-Protocol", "2"),
                ("Content-Type", "text/plain"),
            ],
            garbage,
        );
        assert_eq!(answer.status, 403, "{}", answer.error);
        assert!(answer.error.contains("revoked"), "{}", answer.error);
        // Another location's tally with a bad protocol: 403.
        let answer = ask(
            hub,
            "GET",
            &format!("/v1/locations/{}/tally?date=nonsense", vlinder.id),
            &[("Authorization", &good), ("Welkom-Protocol", "2")],
            b"",
        );
        assert_eq!(answer.status, 403, "{}", answer.error);

        // A good token: the protocol, then the content type, then the body.
        let answer = ask(
            hub,
            "POST",
            "/v1/events",
            &[
                ("Authorization", &good),
                ("Welkom-Protocol", "2"),
                ("Content-Type", "text/plain"),
            ],
            garbage,
        );
        assert_eq!(answer.status, 400, "{}", answer.error);
        assert!(answer.error.contains("Welkom-Protocol"), "{}", answer.error);
        let answer = ask(
            hub,
            "POST",
            "/v1/events",
            &[("Authorization", &good), ("Content-Type", "text/plain")],
            garbage,
        );
        assert_eq!(answer.status, 415, "{}", answer.error);
        let answer = ask(
            hub,
            "POST",
            "/v1/events",
            &[("Authorization", &good), ("Content-Type", batch)],
            garbage,
        );
        assert_eq!(answer.status, 400, "{}", answer.error);
        assert!(answer.error.contains("not JSON"), "{}", answer.error);
        // Own tally, bad day: the request itself is at fault.
        let answer = ask(
            hub,
            "GET",
            &format!("/v1/locations/{}/tally?date=nonsense", boomhut.id),
            &[("Authorization", &good)],
            b"",
        );
        assert_eq!(answer.status, 400, "{}", answer.error);
        // A body over the limit with a bad token: still 401, and unread.
        let huge = vec![b' '; welkom_protocol::MAX_BATCH_BYTES + 100];
        let answer = ask(
            hub,
            "POST",
            "/v1/events",
            &[
                ("Authorization", "Bearer wlk_unknown"),
                ("Content-Type", batch),
            ],
            &huge,
        );
        assert_eq!(answer.status, 401, "{}", answer.error);
        // The same headers with the scheme in lower case are a token all the same.
        let lower = format!("bearer {}", kiosk.token);
        let answer = ask(hub, "GET", "/v1/device", &[("Authorization", &lower)], b"");
        assert_eq!(answer.status, 200, "{}", answer.error);
        assert_eq!(stored_events(hub, &boomhut.id), 0, "nothing was stored");
    });
}
on_both_back_ends!(authentication_comes_first_then_authorisation_then_headers_and_body);

/// Sends a request's head by hand and reads what comes back before any body is sent.
fn raw_head(hub: &common::Hub, head: &str) -> (TcpStream, BufReader<TcpStream>, String) {
    let address = hub.url.strip_prefix("http://").unwrap();
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut status = String::new();
    reader
        .read_line(&mut status)
        .expect("an answer to the head alone, not a wait or a reset");
    (stream, reader, status)
}

/// Reads the rest of an answer: its headers, then the body to the end.
fn rest_of_answer(reader: &mut BufReader<TcpStream>) -> (String, String) {
    let mut headers = String::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line == "\r\n" || line.is_empty() {
            break;
        }
        headers.push_str(&line);
    }
    let mut body = String::new();
    reader
        .read_to_string(&mut body)
        .expect("the body, then the end of the connection, not a reset");
    (headers.to_ascii_lowercase(), body)
}

#[test]
fn an_oversized_body_gets_a_readable_413_also_with_expect_100_continue() {
    let hub = common::start();
    let boomhut = hub.location("De Boomhut");
    let kiosk = hub.device(&boomhut);
    let limit = welkom_protocol::MAX_BATCH_BYTES;
    let head = |token: &str, length: usize| {
        format!(
            "POST /v1/events HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer {token}\r\n\
             Content-Type: application/cloudevents-batch+json\r\nContent-Length: {length}\r\n\
             Expect: 100-continue\r\nConnection: close\r\n\r\n"
        )
    };

    // Over the limit: the final answer is 413, before the body is sent (no 100).
    let (_stream, mut reader, status) = raw_head(&hub, &head(&kiosk.token, 2 * limit));
    assert!(status.starts_with("HTTP/1.1 413"), "{status}");
    let (headers, body) = rest_of_answer(&mut reader);
    assert!(
        headers.contains("content-type: application/json"),
        "{headers}"
    );
    let problem: Value = serde_json::from_str(&body).unwrap();
    assert!(
        problem["error"].as_str().unwrap().contains("larger than"),
        "{problem}"
    );

    // A bad token with Expect: 401 at once, the body never asked for.
    let (_stream, _, status) = raw_head(&hub, &head("wlk_unknown", 2 * limit));
    assert!(status.starts_with("HTTP/1.1 401"), "{status}");

    // Within the limit: 100 Continue, then the body, then the batch's answer.
    let batch = json!([rating(&kiosk, 4, "2026-03-02T07:15:00Z", &[])]).to_string();
    let (mut stream, mut reader, status) = raw_head(&hub, &head(&kiosk.token, batch.len()));
    assert!(status.starts_with("HTTP/1.1 100"), "{status}");
    let mut blank = String::new();
    reader.read_line(&mut blank).unwrap();
    stream.write_all(batch.as_bytes()).unwrap();
    let mut status = String::new();
    reader.read_line(&mut status).unwrap();
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");
    let (_, body) = rest_of_answer(&mut reader);
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["accepted"], 1);

    // Chunked, without a length, sent at once after Expect: read up to the limit,
    // then a readable 413 after the 100.
    let address = hub.url.strip_prefix("http://").unwrap();
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream
        .write_all(
            format!(
                "POST /v1/events HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer {}\r\n\
                 Content-Type: application/cloudevents-batch+json\r\n\
                 Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n\
                 Connection: close\r\n\r\n",
                kiosk.token
            )
            .as_bytes(),
        )
        .unwrap();
    let chunk = vec![b' '; 64 * 1024];
    for _ in 0..(2 * limit / chunk.len()) {
        stream
            .write_all(format!("{:x}\r\n", chunk.len()).as_bytes())
            .unwrap();
        stream.write_all(&chunk).unwrap();
        stream.write_all(b"\r\n").unwrap();
    }
    stream.write_all(b"0\r\n\r\n").unwrap();
    let mut reader = BufReader::new(stream);
    let mut status = String::new();
    reader.read_line(&mut status).unwrap();
    if status.starts_with("HTTP/1.1 100") {
        let mut blank = String::new();
        reader.read_line(&mut blank).unwrap();
        status.clear();
        reader.read_line(&mut status).unwrap();
    }
    assert!(status.starts_with("HTTP/1.1 413"), "{status}");
    let (_, body) = rest_of_answer(&mut reader);
    assert!(body.contains("larger than"), "{body}");
    assert_eq!(
        stored_events(&hub, &boomhut.id),
        1,
        "only the batch within the limit"
    );

    // curl, which asks with Expect: 100-continue for large bodies.
    let has_curl = std::process::Command::new("curl")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if has_curl {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("big.json");
        std::fs::write(&file, vec![b' '; 2 * limit]).unwrap();
        let out = std::process::Command::new("curl")
            .args(["-sS", "--max-time", "20", "-o", "-", "-w", "\n%{http_code}"])
            .args(["-H", &format!("Authorization: Bearer {}", kiosk.token)])
            .args(["-H", "Content-Type: application/cloudevents-batch+json"])
            .args(["-H", "Expect: 100-continue"])
            .arg("--data-binary")
            .arg(format!("@{}", file.display()))
            .arg(format!("{}/v1/events", hub.url))
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "curl: {text} {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            text.trim_end().ends_with("413") && text.contains("larger than"),
            "{text}"
        );
    } else {
        eprintln!("curl is not installed: the curl part of this test did not run");
    }
}

#[test]
fn a_stranger_trickling_a_body_gets_401_soon_and_the_connection_closed() {
    let hub = common::start();
    let address = hub.url.strip_prefix("http://").unwrap().to_owned();
    let mut stream = TcpStream::connect(&address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream
        .write_all(
            b"POST /v1/events HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer wlk_guessed\r\n\
              Content-Type: application/cloudevents-batch+json\r\n\
              Transfer-Encoding: chunked\r\n\r\n",
        )
        .unwrap();
    // A kilobyte every 50 ms, for up to 10 s: the hub must not wait on it.
    let mut writer = stream.try_clone().unwrap();
    let trickle = std::thread::spawn(move || {
        let chunk = format!("400\r\n{}\r\n", " ".repeat(1024));
        for _ in 0..200 {
            if writer.write_all(chunk.as_bytes()).is_err() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    });
    let started = std::time::Instant::now();
    let mut reader = BufReader::new(stream);
    let mut status = String::new();
    reader.read_line(&mut status).unwrap();
    let waited = started.elapsed();
    assert!(status.starts_with("HTTP/1.1 401"), "{status}");
    assert!(
        waited < Duration::from_millis(2500),
        "the hub spent {waited:?} reading a stranger's body"
    );
    let (headers, _) = rest_of_answer(&mut reader);
    assert!(headers.contains("connection: close"), "{headers}");
    trickle.join().unwrap();
}
