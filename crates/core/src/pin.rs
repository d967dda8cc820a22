//! Issuing PINs that are hard to guess: no runs, no repeats, no years.

use std::ops::RangeInclusive;

/// The lengths a PIN may have, in digits.
pub const PIN_LENGTHS: RangeInclusive<usize> = 4..=6;

/// How many random draws [`issue`] makes before giving up.
pub const MAX_TRIES: usize = 10_000;

/// Whether `pin` is 4 to 6 ASCII digits.
pub fn is_well_formed(pin: &str) -> bool {
    PIN_LENGTHS.contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a PIN is a trivial pattern, or not a PIN at all.
///
/// Trivial are: runs up or down (`1234`, `987654`), a block of 1 to 3 digits repeated
/// (`1111`, `1212`, `12121`, `123123`), and for 4 digits the years 1900 to 2099. Anything
/// that is not 4 to 6 digits counts as trivial too, so it is never acceptable.
pub fn is_trivial(pin: &str) -> bool {
    if !is_well_formed(pin) {
        return true;
    }
    let digits: Vec<i8> = pin.bytes().map(|b| (b - b'0') as i8).collect();
    let run = |step: i8| digits.windows(2).all(|w| w[1] - w[0] == step);
    let repeats = |block: usize| {
        2 * block <= digits.len() && digits.iter().skip(block).zip(&digits).all(|(a, b)| a == b)
    };
    let year = pin.len() == 4 && (pin.starts_with("19") || pin.starts_with("20"));
    run(1) || run(-1) || (1..=3).any(repeats) || year
}

/// Draws a random PIN of `length` digits that is neither trivial nor taken.
///
/// Every such PIN is equally likely. Returns `None` for a length outside
/// [`PIN_LENGTHS`], or when [`MAX_TRIES`] draws found no free PIN.
pub fn issue<R: rand::Rng + ?Sized>(
    rng: &mut R,
    length: usize,
    is_taken: impl Fn(&str) -> bool,
) -> Option<String> {
    if !PIN_LENGTHS.contains(&length) {
        return None;
    }
    let count = 10u32.pow(u32::try_from(length).ok()?);
    (0..MAX_TRIES).find_map(|_| {
        let pin = format!("{:0length$}", rng.random_range(0..count));
        (!is_trivial(&pin) && !is_taken(&pin)).then_some(pin)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    #[test]
    fn runs_repeats_and_years_are_trivial() {
        for pin in [
            "1234", "4321", "0123", "3456", "123456", "987654", "6789", "3210", "12345", "1111",
            "000000", "1212", "121212", "123123", "4545", "12121", "909090", "1900", "1985",
            "2000", "2099",
        ] {
            assert!(is_trivial(pin), "{pin}");
        }
    }

    #[test]
    fn not_a_pin_is_trivial() {
        for pin in ["", "123", "1234567", "12a4", " 1234", "１２３４", "12.4"] {
            assert!(is_trivial(pin), "{pin:?}");
        }
    }

    #[test]
    fn ordinary_pins_are_not_trivial() {
        for pin in [
            "4821", "0374", "1899", "2100", "9012", "8901", "1231", "73914", "582016", "123124",
            "1221", "2468",
        ] {
            assert!(!is_trivial(pin), "{pin}");
        }
    }

    #[test]
    fn issue_refuses_bad_lengths_and_a_full_space() {
        let mut rng = StdRng::seed_from_u64(7);
        assert_eq!(issue(&mut rng, 3, |_| false), None);
        assert_eq!(issue(&mut rng, 7, |_| false), None);
        assert_eq!(issue(&mut rng, 4, |_| true), None);
        let pin = issue(&mut rng, 5, |_| false).unwrap();
        assert_eq!(pin.len(), 5);
    }

    #[test]
    fn issue_works_with_a_dyn_rng() {
        let mut rng = StdRng::seed_from_u64(1);
        let rng: &mut dyn rand::RngCore = &mut rng;
        assert!(issue(rng, 4, |_| false).is_some());
    }

    #[test]
    fn leading_digits_are_spread_evenly() {
        let mut rng = StdRng::seed_from_u64(42);
        let mut counts = [0usize; 10];
        for _ in 0..20_000 {
            let pin = issue(&mut rng, 4, |_| false).unwrap();
            counts[usize::from(pin.as_bytes()[0] - b'0')] += 1;
        }
        // About 2000 each; 1 and 2 a little less (no years).
        for (digit, &n) in counts.iter().enumerate() {
            assert!((1600..=2300).contains(&n), "{digit}: {n}");
        }
    }

    proptest::proptest! {
        /// Drawing until the space is nearly full: every PIN is well formed, never
        /// trivial and never one already given out.
        #[test]
        fn issued_pins_are_never_trivial_nor_duplicate(seed: u64, length in 4usize..=5, draws in 1usize..3000) {
            let mut rng = StdRng::seed_from_u64(seed);
            let mut given = std::collections::HashSet::new();
            for _ in 0..draws {
                let Some(pin) = issue(&mut rng, length, |p| given.contains(p)) else {
                    break;
                };
                proptest::prop_assert!(is_well_formed(&pin));
                proptest::prop_assert_eq!(pin.len(), length);
                proptest::prop_assert!(!is_trivial(&pin), "{}", pin);
                proptest::prop_assert!(given.insert(pin.clone()), "{} given twice", pin);
            }
        }
    }
}
