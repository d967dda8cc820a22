//! The sync client's reading of an upstream's answer to a batch: any status and any
//! body, against a batch of a few ids, never panics, and never marks an event
//! delivered or refused that was not sent.

#![no_main]

use libfuzzer_sys::fuzz_target;
use welkom_sync::answer::{Accounting, account};

const SENT: [&str; 4] = [
    "0190a0b2-7c4e-7d3a-9f00-000000000001",
    "0190a0b2-7c4e-7d3a-9f00-000000000002",
    "0190a0b2-7c4e-7d3a-9f00-000000000003",
    "",
];

fuzz_target!(|input: &[u8]| {
    let (status, body) = match input {
        [high, low, body @ ..] => (u16::from_be_bytes([*high, *low]), body),
        _ => (200, input),
    };
    let sent = &SENT[..1 + usize::from(status % 4)];
    match account(status, body, sent) {
        Accounting::Delivered { refused } | Accounting::Unaccounted { refused, .. } => {
            assert!((200..300).contains(&status));
            assert!(refused.len() <= sent.len());
            for refusal in &refused {
                assert!(sent.contains(&refusal.id.as_str()));
            }
        }
        Accounting::TooLarge => assert_eq!(status, 413),
        Accounting::TokenRefused => assert!(status == 401 || status == 403),
        Accounting::Failed { status: failed } => assert_eq!(failed, status),
    }
});
