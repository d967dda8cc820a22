//! The hub over real HTTP: batches accepted, deduplicated and refused one by one;
//! bad requests answered with a clear status and nothing half-stored; each device
//! kept to its own location; the roster with its ETag; health, metrics, OpenAPI.

mod common;

use common::{BackEnd, agent, rating, send, source, visit};
use serde_json::{Value, json};

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
        let (status, error) = post(batch, one.clone().into_bytes(), None);
        assert_eq!(
            (status, error.contains("Welkom-Protocol")),
            (400, true),
            "{error}"
        );
        let (status, _) = post(batch, one.clone().into_bytes(), Some("2"));
        assert_eq!(status, 400);
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
        let (status, _) = post(batch, huge.into_bytes(), Some("1"));
        assert_eq!(status, 413);
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
