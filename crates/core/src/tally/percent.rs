//! Percentages and the five-answer rule, in exact integer arithmetic so that the
//! same counts always give the same figure (and the same JSON).

/// The fewest answers a cell needs before it shows percentages.
pub const MIN_ANSWERS: u32 = 5;

/// `part` of `whole` in percent, rounded half up to one decimal; `None` when `whole`
/// is zero.
pub(crate) fn percent(part: u32, whole: u32) -> Option<f64> {
    if whole == 0 {
        return None;
    }
    let (part, whole) = (u64::from(part), u64::from(whole));
    // Tenths of a percent: part * 1000 / whole, rounded half up.
    let tenths = (part * 2000 + whole) / (2 * whole);
    Some(tenths as f64 / 10.0)
}

/// The change from the share `before` to the share `last` (each `(part, whole)`), in
/// percentage points rounded half away from zero to one decimal; `None` when either
/// whole is zero.
pub(crate) fn change_points(last: (u32, u32), before: (u32, u32)) -> Option<f64> {
    if last.1 == 0 || before.1 == 0 {
        return None;
    }
    let (lp, lw) = (i128::from(last.0), i128::from(last.1));
    let (bp, bw) = (i128::from(before.0), i128::from(before.1));
    // Tenths of a point: (lp / lw - bp / bw) * 1000 = (lp * bw - bp * lw) * 1000 / (lw * bw).
    let numerator = (lp * bw - bp * lw) * 1000;
    let denominator = lw * bw;
    let magnitude = (numerator.abs() * 2 + denominator) / (2 * denominator);
    let tenths = if numerator < 0 { -magnitude } else { magnitude };
    Some(tenths as f64 / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounds_half_up_to_one_decimal() {
        assert_eq!(percent(1, 3), Some(33.3));
        assert_eq!(percent(2, 3), Some(66.7));
        assert_eq!(percent(1, 8), Some(12.5));
        assert_eq!(percent(1, 16), Some(6.3), "6.25 rounds up");
        assert_eq!(percent(5, 5), Some(100.0));
        assert_eq!(percent(0, 7), Some(0.0));
        assert_eq!(percent(0, 0), None);
        assert_eq!(percent(u32::MAX, u32::MAX), Some(100.0), "no overflow");
    }

    #[test]
    fn change_is_exact_then_rounded() {
        // 2/3 - 1/3 = 33.33… points, not 66.7 - 33.3 = 33.4.
        assert_eq!(change_points((2, 3), (1, 3)), Some(33.3));
        assert_eq!(change_points((1, 3), (2, 3)), Some(-33.3));
        assert_eq!(change_points((1, 16), (0, 5)), Some(6.3));
        assert_eq!(
            change_points((0, 5), (1, 16)),
            Some(-6.3),
            "half away from zero"
        );
        assert_eq!(change_points((3, 5), (3, 5)), Some(0.0));
        assert_eq!(change_points((3, 5), (0, 0)), None);
        assert_eq!(change_points((0, 0), (3, 5)), None);
        assert_eq!(
            change_points((u32::MAX, u32::MAX), (0, u32::MAX)),
            Some(100.0),
            "no overflow"
        );
    }
}
