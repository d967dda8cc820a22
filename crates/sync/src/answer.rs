//! Reading an upstream's answer to a batch: which of the events sent it now holds,
//! which it refused, and which are still to be sent. A pure function of the status,
//! the body and the ids sent, so that it can be tested (and fuzzed) apart from the
//! network. It never panics, whatever the bytes.
//!
//! The rules (see `docs/protocol.md`):
//! - a 2xx whose body is not a Welkom [`BatchAnswer`] (empty, plain text, other
//!   JSON) accounts for every event sent: a plain CloudEvents receiver holds them;
//! - a 2xx with a Welkom answer accounts for the batch only when `accepted +
//!   duplicates + refused` equals the number sent and every refused id is one that
//!   was sent, once; otherwise only the refusals it names are believed and the rest
//!   is sent again later (the upstream deduplicates by `source` and `id`);
//! - 413: too large; 401/403: the token is refused; anything else: try again.

use welkom_protocol::{BatchAnswer, Refusal};

/// What an answer to a batch means for the events sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Accounting {
    /// The upstream answered for every event sent: the refused ones (each an id that
    /// was sent, in the order sent) are set aside, all others are held upstream.
    Delivered {
        /// Events the upstream refused.
        refused: Vec<Refusal>,
    },
    /// A Welkom answer whose numbers do not add up to the events sent. The refused
    /// events it names are set aside; the others stay waiting and go again later.
    Unaccounted {
        /// Events the upstream refused by id (each one that was sent, once).
        refused: Vec<Refusal>,
        /// `accepted + duplicates + refused` as the answer said.
        answered: usize,
        /// Events sent.
        sent: usize,
    },
    /// The batch is larger than the upstream takes (413).
    TooLarge,
    /// The upstream refused the token (401 or 403).
    TokenRefused,
    /// Any other answer: nothing is marked, the batch goes again later.
    Failed {
        /// The HTTP status.
        status: u16,
    },
}

/// Reads an answer to a batch of events with these ids from a plain CloudEvents
/// receiver: a 2xx without a Welkom answer accounts for every event sent.
pub fn account(status: u16, body: &[u8], sent_ids: &[&str]) -> Accounting {
    read(status, body, sent_ids, false)
}

/// Reads an answer to a batch from a Welkom hub, which always answers a batch with
/// its counts: a 2xx without them (a captive portal's page, a proxy's maintenance
/// page) accounts for nothing, and the events go again.
pub fn account_from_hub(status: u16, body: &[u8], sent_ids: &[&str]) -> Accounting {
    read(status, body, sent_ids, true)
}

fn read(status: u16, body: &[u8], sent_ids: &[&str], from_hub: bool) -> Accounting {
    match status {
        200..=299 => {}
        413 => return Accounting::TooLarge,
        401 | 403 => return Accounting::TokenRefused,
        status => return Accounting::Failed { status },
    }
    let Some(answer) = welkom_answer(body) else {
        return if from_hub {
            Accounting::Unaccounted {
                refused: Vec::new(),
                answered: 0,
                sent: sent_ids.len(),
            }
        } else {
            Accounting::Delivered {
                refused: Vec::new(),
            }
        };
    };
    let sent = sent_ids.len();
    // Refusals of ids that were sent, each id once, in the order sent.
    let mut refused: Vec<Refusal> = Vec::new();
    let mut strays = 0usize;
    for refusal in answer.refused {
        let known = sent_ids.contains(&refusal.id.as_str());
        let again = refused.iter().any(|r| r.id == refusal.id);
        if known && !again {
            refused.push(refusal);
        } else {
            strays = strays.saturating_add(1);
        }
    }
    refused.sort_by_key(|r| sent_ids.iter().position(|id| *id == r.id));
    let answered = answer
        .accepted
        .saturating_add(answer.duplicates)
        .saturating_add(refused.len())
        .saturating_add(strays);
    if answered == sent && strays == 0 {
        Accounting::Delivered { refused }
    } else {
        Accounting::Unaccounted {
            refused,
            answered,
            sent,
        }
    }
}

/// The body as a Welkom answer, if it is one (a JSON object with `accepted`,
/// `duplicates` and `refused`).
fn welkom_answer(body: &[u8]) -> Option<BatchAnswer> {
    let trimmed = body.trim_ascii();
    if !trimmed.starts_with(b"{") {
        return None;
    }
    serde_json::from_slice(trimmed).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const IDS: [&str; 3] = ["a", "b", "c"];

    fn refusal(id: &str) -> Refusal {
        Refusal {
            id: id.into(),
            reason: format!("{id} is wrong"),
        }
    }

    #[test]
    fn a_hubs_2xx_without_its_counts_accounts_for_nothing() {
        for body in [&b""[..], b"<html>Log in to the guest Wi-Fi</html>", b"{}"] {
            assert_eq!(
                account_from_hub(200, body, &IDS),
                Accounting::Unaccounted {
                    refused: Vec::new(),
                    answered: 0,
                    sent: 3
                },
                "{}",
                String::from_utf8_lossy(body)
            );
        }
        let counts = br#"{"accepted":3,"duplicates":0,"refused":[]}"#;
        assert_eq!(
            account_from_hub(200, counts, &IDS),
            Accounting::Delivered {
                refused: Vec::new()
            }
        );
    }

    #[test]
    fn a_2xx_without_a_welkom_answer_accounts_for_every_event() {
        for (status, body) in [
            (202, &b""[..]),
            (200, b""),
            (204, b""),
            (200, b"  \n"),
            (200, b"OK"),
            (202, b"{\"status\":\"accepted\"}"),
            (200, b"[1,2,3]"),
            (201, b"{not json"),
        ] {
            assert_eq!(
                account(status, body, &IDS),
                Accounting::Delivered { refused: vec![] },
                "{status} {:?}",
                String::from_utf8_lossy(body)
            );
        }
    }

    #[test]
    fn a_welkom_answer_that_adds_up_names_the_refused() {
        let body = br#"{"accepted":1,"duplicates":0,"refused":[{"id":"c","reason":"c is wrong"},{"id":"a","reason":"a is wrong"}]}"#;
        assert_eq!(
            account(200, body, &IDS),
            Accounting::Delivered {
                refused: vec![refusal("a"), refusal("c")]
            }
        );
        let all_new = br#"{"accepted":2,"duplicates":1,"refused":[]}"#;
        assert_eq!(
            account(200, all_new, &IDS),
            Accounting::Delivered { refused: vec![] }
        );
    }

    #[test]
    fn a_welkom_answer_that_does_not_add_up_marks_nothing_sent() {
        // Too few: one event is not answered for.
        let short =
            br#"{"accepted":1,"duplicates":0,"refused":[{"id":"b","reason":"b is wrong"}]}"#;
        assert_eq!(
            account(200, short, &IDS),
            Accounting::Unaccounted {
                refused: vec![refusal("b")],
                answered: 2,
                sent: 3
            }
        );
        // Too many, and a refusal of an id never sent, and one id refused twice.
        let odd = br#"{"accepted":2,"duplicates":0,"refused":[{"id":"x","reason":"?"},{"id":"a","reason":"a is wrong"},{"id":"a","reason":"a is wrong"}]}"#;
        assert_eq!(
            account(200, odd, &IDS),
            Accounting::Unaccounted {
                refused: vec![refusal("a")],
                answered: 5,
                sent: 3
            }
        );
        // Numbers that would overflow.
        let huge = format!(
            r#"{{"accepted":{},"duplicates":{},"refused":[]}}"#,
            usize::MAX,
            usize::MAX
        );
        assert!(matches!(
            account(200, huge.as_bytes(), &IDS),
            Accounting::Unaccounted { .. }
        ));
    }

    #[test]
    fn other_statuses_mark_nothing() {
        assert_eq!(account(413, b"", &IDS), Accounting::TooLarge);
        assert_eq!(account(401, b"", &IDS), Accounting::TokenRefused);
        assert_eq!(account(403, b"{}", &IDS), Accounting::TokenRefused);
        for status in [0, 100, 301, 304, 400, 404, 429, 500, 503, 999, u16::MAX] {
            assert_eq!(
                account(
                    status,
                    br#"{"accepted":3,"duplicates":0,"refused":[]}"#,
                    &IDS
                ),
                Accounting::Failed { status }
            );
        }
    }

    proptest! {
        #[test]
        fn any_bytes_are_read_without_panic(
            status in any::<u16>(),
            body in proptest::collection::vec(any::<u8>(), 0..512),
        ) {
            let _ = account(status, &body, &IDS);
        }

        #[test]
        fn a_delivered_answer_only_refuses_ids_sent_once(
            accepted in 0usize..6,
            duplicates in 0usize..6,
            refused in proptest::collection::vec(prop_oneof![Just("a"), Just("b"), Just("c"), Just("z"), Just("")], 0..5),
        ) {
            let body = serde_json::to_vec(&BatchAnswer {
                accepted,
                duplicates,
                refused: refused.iter().map(|id| refusal(id)).collect(),
            }).unwrap();
            match account(200, &body, &IDS) {
                Accounting::Delivered { refused: named } => {
                    prop_assert_eq!(accepted + duplicates + named.len(), IDS.len());
                    for r in &named {
                        prop_assert!(IDS.contains(&r.id.as_str()));
                        prop_assert_eq!(named.iter().filter(|o| o.id == r.id).count(), 1);
                    }
                }
                Accounting::Unaccounted { refused: named, sent, .. } => {
                    prop_assert_eq!(sent, IDS.len());
                    for r in &named {
                        prop_assert!(IDS.contains(&r.id.as_str()));
                    }
                }
                other => prop_assert!(false, "{other:?}"),
            }
        }
    }
}
