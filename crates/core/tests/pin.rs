//! Issued PINs, over many seeded draws.

use proptest::prelude::*;
use rand::SeedableRng;
use rand::rngs::StdRng;
use std::collections::HashSet;
use welkom_core::pin::{is_trivial, issue};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn issued_pins_are_never_trivial_never_taken_and_the_right_length(
        seed in any::<u64>(),
        length in 4usize..=6,
        taken in prop::collection::hash_set("[0-9]{4,6}", 0..300),
    ) {
        let mut rng = StdRng::seed_from_u64(seed);
        for _ in 0..200 {
            let pin = issue(&mut rng, length, |p| taken.contains(p));
            let pin = pin.ok_or_else(|| TestCaseError::fail("no PIN issued"))?;
            prop_assert_eq!(pin.len(), length);
            prop_assert!(pin.bytes().all(|b| b.is_ascii_digit()), "{}", pin);
            prop_assert!(!is_trivial(&pin), "{}", pin);
            prop_assert!(!taken.contains(&pin), "{}", pin);
        }
    }

    #[test]
    fn issuing_many_pins_yields_no_duplicate(seed in any::<u64>(), length in 4usize..=6) {
        let mut rng = StdRng::seed_from_u64(seed);
        let mut issued = HashSet::new();
        for _ in 0..2_000 {
            let pin = issue(&mut rng, length, |p| issued.contains(p))
                .ok_or_else(|| TestCaseError::fail("no PIN issued"))?;
            prop_assert!(issued.insert(pin));
        }
    }

    #[test]
    fn only_four_to_six_digits_can_be_acceptable(pin in "\\PC{0,8}") {
        let well_formed = (4..=6).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit());
        if !well_formed {
            prop_assert!(is_trivial(&pin));
        }
    }
}

#[test]
fn nearly_all_four_digit_pins_can_be_issued() {
    // 10,000 four-digit PINs minus runs, repeats and years; issue until none is left.
    let mut rng = StdRng::seed_from_u64(5);
    let mut issued = HashSet::new();
    while let Some(pin) = issue(&mut rng, 4, |p| issued.contains(p)) {
        assert!(issued.insert(pin));
        if issued.len() > 9_000 {
            break;
        }
    }
    let acceptable = (0..10_000)
        .map(|n| format!("{n:04}"))
        .filter(|p| !is_trivial(p))
        .count();
    assert!(acceptable > 9_600 && acceptable < 9_800, "{acceptable}");
    assert!(issued.len() > 9_000);
}
