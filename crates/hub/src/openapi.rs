//! The hub's OpenAPI document (`GET /openapi.json`), with the protocol's JSON Schemas.

use serde_json::{Value, json};

/// The OpenAPI 3.1 document of the hub.
pub fn document() -> Value {
    let mut schemas = serde_json::Map::new();
    for (name, mut schema) in welkom_protocol::schemas() {
        let key = match name {
            "cloudevent.schema.json" => "CloudEvent",
            "batch-answer.schema.json" => "BatchAnswer",
            "pair-request.schema.json" => "PairRequest",
            "pair-answer.schema.json" => "PairAnswer",
            _ => continue,
        };
        if let Some(object) = schema.as_object_mut() {
            object.remove("$schema");
            // Definitions nested in a schema become components of their own.
            if let Some(Value::Object(definitions)) = object.remove("$defs") {
                for (name, mut definition) in definitions {
                    to_components(&mut definition);
                    schemas.insert(name, definition);
                }
            }
        }
        to_components(&mut schema);
        schemas.insert(key.into(), schema);
    }
    schemas.insert(
        "Problem".into(),
        json!({
            "type": "object",
            "required": ["error"],
            "properties": {"error": {"type": "string", "description": "What is wrong and what to do."}}
        }),
    );
    schemas.insert(
        "DayTally".into(),
        json!({
            "type": "object",
            "required": ["date", "drop_off", "pick_up"],
            "description": "The day's tally per moment, group and hour, as `welkom tally --format json` (docs/tally.md).",
            "properties": {
                "date": {"type": "string", "format": "date"},
                "drop_off": {"type": "object"},
                "pick_up": {"type": "object"}
            }
        }),
    );
    let problem = |description: &str| {
        json!({
            "description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
        })
    };
    let protocol = json!({
        "name": "Welkom-Protocol", "in": "header", "required": false,
        "description": "The protocol version: 1. Left out, version 1 is meant; another version gets 400 naming the supported ones.",
        "schema": {"type": "string", "enum": ["1"]}
    });
    // What a kiosk says about itself on every request to a hub (docs/protocol.md,
    // "What a kiosk reports"); optional, and a malformed value is ignored.
    let waiting = json!({
        "name": "Welkom-Waiting", "in": "header", "required": false,
        "description": "Events waiting at the kiosk when it made the request, this request's batch included and set-aside events not (shown on the hub's Devices page). Digits only; anything else is ignored.",
        "schema": {"type": "string"}
    });
    let date = json!({
        "name": "Date", "in": "header", "required": false,
        "description": "The kiosk's clock (IMF-fixdate, RFC 9110): the hub keeps the kiosk's clock minus its own receive time. Ignored when malformed or more than a year off.",
        "schema": {"type": "string"}
    });
    let user_agent = json!({
        "name": "User-Agent", "in": "header", "required": false,
        "description": "`welkom/X.Y.Z`: the hub keeps the version when it looks like one.",
        "schema": {"type": "string"}
    });
    let unauthorized = json!({
        "description": "No token, or a token the hub does not know. Checked before anything else in the request.",
        "headers": {"WWW-Authenticate": {
            "description": "`Bearer realm=\"welkom-hub\"`, with `error=\"invalid_token\"` when the token sent is not known (RFC 6750).",
            "required": true,
            "schema": {"type": "string"}
        }},
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    });
    let auth_problems = |mut responses: serde_json::Map<String, Value>| {
        responses.insert(
            "400".into(),
            problem("A protocol version this hub does not speak, or a bad request."),
        );
        responses.insert("401".into(), unauthorized.clone());
        responses.insert(
            "403".into(),
            problem("A revoked token, or another location's data (checked after the token, before the headers)."),
        );
        responses.insert(
            "503".into(),
            problem("The hub's database is not available; try again (Retry-After)."),
        );
        Value::Object(responses)
    };
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "welkom-hub",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "The upstream of Welkom kiosks: CloudEvents batches in, rosters and tallies out. See docs/protocol.md."
        },
        "components": {
            "schemas": schemas,
            "securitySchemes": {"device": {"type": "http", "scheme": "bearer", "description": "The device's token."}}
        },
        "paths": {
            "/v1/events": {"post": {
                "summary": "Send a batch of events",
                "security": [{"device": []}],
                "parameters": [protocol, waiting, date, user_agent],
                "requestBody": {"required": true, "content": {"application/cloudevents-batch+json": {
                    "schema": {"type": "array",
                               "description": format!("CloudEvents (see the CloudEvent schema), at most {} per batch and {} bytes in all (more: 413). An event that is not a valid CloudEvent of a known type is refused on its own, with the reason, in the answer; the others are stored.", welkom_protocol::MAX_BATCH_EVENTS, welkom_protocol::MAX_BATCH_BYTES),
                               "items": {"type": "object"}}}}},
                "responses": auth_problems(serde_json::Map::from_iter([
                    ("200".to_owned(), json!({"description": "Every event accepted, a duplicate, or refused with a reason.",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BatchAnswer"}}}})),
                    ("413".to_owned(), problem("More than 500 events or 1 MB: split the batch. A Content-Length over the limit is refused before the body is read (also to a client that sent Expect: 100-continue).")),
                    ("415".to_owned(), problem("Not application/cloudevents-batch+json.")),
                ]))
            }},
            "/v1/pair": {"post": {
                "summary": "Exchange a one-time pairing code for a new device of the code's location and its token",
                "description": "No token: the code is the credential. A code is made by `welkom-hub device pair` or the Devices page, is valid 15 minutes and works once. Wrong, used and expired codes get the same 403. Tries are counted per client address (5 wrong ones free, then one per 15 minutes) and over all addresses (50, then one per 15 minutes); counts are forgotten after an hour without a wrong code. See docs/protocol.md, \"Pairing\".",
                "parameters": [protocol],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PairRequest"}}}},
                "responses": {
                    "201": {"description": "The new device, its location, and its token (shown this once; only its hash is kept).",
                        "headers": {"Cache-Control": {"schema": {"type": "string", "enum": ["no-store"]}}},
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PairAnswer"}}}},
                    "400": problem("The body is not a pairing request."),
                    "403": problem("The code is wrong, already used or expired (the same answer for each)."),
                    "413": problem("The body is larger than a pairing request can be."),
                    "429": {"description": "Too many wrong codes lately, from this address or from all together; nothing was looked up.",
                        "headers": {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}},
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
                    "503": problem("The database is not available; try again later.")
                }
            }},
            "/v1/device": {"get": {
                "summary": "The device this token belongs to, and its location",
                "security": [{"device": []}],
                "parameters": [protocol, waiting, date, user_agent],
                "responses": auth_problems(serde_json::Map::from_iter([
                    ("200".to_owned(), json!({"description": "The device's and location's ids.",
                        "content": {"application/json": {"schema": {"type": "object",
                            "required": ["device", "location", "location_name", "time_zone"],
                            "properties": {"device": {"type": "string"}, "location": {"type": "string"},
                                           "location_name": {"type": "string"}, "time_zone": {"type": "string"}}}}}})),
                    ("404".to_owned(), problem("The device's location is gone.")),
                ]))
            }},
            "/v1/roster": {"get": {
                "summary": "The device's location's roster (CSV), with an ETag",
                "security": [{"device": []}],
                "parameters": [protocol, waiting, date, user_agent, {"name": "If-None-Match", "in": "header", "required": false,
                                          "schema": {"type": "string"}}],
                "responses": auth_problems(serde_json::Map::from_iter([
                    ("200".to_owned(), json!({"description": "The roster as CSV, with a PIN verifier (pin_hash, argon2id) per guardian and no PIN in clear.",
                        "headers": {"ETag": {"schema": {"type": "string"}}},
                        "content": {"text/csv": {"schema": {"type": "string"}}}})),
                    ("304".to_owned(), json!({"description": "Unchanged since the ETag sent."})),
                    ("404".to_owned(), problem("No roster imported for the location yet.")),
                ]))
            }},
            "/v1/locations/{id}/tally": {"get": {
                "summary": "A day's tally of the device's own location",
                "security": [{"device": []}],
                "parameters": [
                    protocol, waiting, date, user_agent,
                    {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                    {"name": "date", "in": "query", "required": true, "schema": {"type": "string", "format": "date"}}
                ],
                "responses": auth_problems(serde_json::Map::from_iter([
                    ("200".to_owned(), json!({"description": "The tally.",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DayTally"}}}})),
                    ("404".to_owned(), problem("No such location.")),
                ]))
            }},
            "/healthz": {"get": {
                "summary": "Whether the hub and its database answer",
                "responses": {
                    "200": {"description": "Healthy.", "content": {"application/json": {"schema": {"type": "object"}}}},
                    "503": {"description": "The database does not answer.", "content": {"application/json": {"schema": {"type": "object"}}}}
                }
            }},
            "/metrics": {"get": {
                "summary": "Counters in the Prometheus text format",
                "responses": {"200": {"description": "The counters.", "content": {"text/plain": {"schema": {"type": "string"}}}}}
            }},
            "/openapi.json": {"get": {
                "summary": "This document",
                "responses": {"200": {"description": "The OpenAPI document.", "content": {"application/json": {"schema": {"type": "object"}}}}}
            }}
        }
    })
}

/// Points `#/$defs/X` references at `#/components/schemas/X`.
fn to_components(schema: &mut Value) {
    match schema {
        Value::Object(object) => {
            for (key, value) in object.iter_mut() {
                if key == "$ref"
                    && let Value::String(reference) = value
                    && let Some(name) = reference.strip_prefix("#/$defs/")
                {
                    *reference = format!("#/components/schemas/{name}");
                } else {
                    to_components(value);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(to_components),
        _ => {}
    }
}
