//! Numbers and times as a manager reads them, in the page's language: shares in
//! whole percent, changes against last week in points with one decimal (a decimal
//! comma in Dutch), with an arrow *and* words (never colour alone), and "3 dagen
//! geleden".

use super::{Lang, Tr};

/// A number with one decimal: `42,5` in Dutch, `42.5` in English.
pub fn one_decimal(lang: Lang, value: f64) -> String {
    let text = format!("{value:.1}");
    match lang {
        Lang::Nl => text.replace('.', ","),
        Lang::En => text,
    }
}

/// A share in whole percent, rounded as the kiosk's Today rounds it (`{:.0}`, so a
/// share of 42.5 is 42 on both): `43 %` in Dutch (with a no-break space, so the
/// number and its sign never wrap apart), `43%` in English. Every page's
/// percentages come from here.
pub fn percent(lang: Lang, value: f64) -> String {
    let whole = format!("{value:.0}");
    // `-0` reads as `0`.
    let whole = if whole == "-0" { "0".to_owned() } else { whole };
    match lang {
        Lang::Nl => format!("{whole}\u{a0}%"),
        Lang::En => format!("{whole}%"),
    }
}

/// Which way a number moved against last week.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Way {
    /// Higher.
    Up,
    /// Lower.
    Down,
    /// The same (within a twentieth of a point).
    Same,
}

impl Way {
    /// The way of a change.
    pub fn of(change: f64) -> Self {
        if change >= 0.05 {
            Self::Up
        } else if change <= -0.05 {
            Self::Down
        } else {
            Self::Same
        }
    }

    /// The arrow shown beside the number (a shape, so colour is never the only sign).
    pub fn arrow(self) -> &'static str {
        match self {
            Self::Up => "▲",
            Self::Down => "▼",
            Self::Same => "=",
        }
    }

    /// Its key in messages: `up`, `down` or `same`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Up => "up",
            Self::Down => "down",
            Self::Same => "same",
        }
    }
}

/// A change against last week, as shown.
#[derive(Clone, Debug)]
pub struct Change {
    /// ▲, ▼ or =.
    pub arrow: &'static str,
    /// The signed amount: `+3,2`, `-1`, `0`.
    pub amount: String,
    /// The same in words, for screen readers and a tooltip.
    pub words: String,
    /// `better`, `worse` or `same`: the colour, on top of arrow and words.
    pub tone: &'static str,
}

/// A share's change in percentage points; `higher_is_better` picks the tone.
pub fn points_change(tr: Tr, points: f64, higher_is_better: bool) -> Change {
    let way = Way::of(points);
    let amount = match way {
        Way::Same => one_decimal(tr.lang, 0.0),
        Way::Up => format!("+{}", one_decimal(tr.lang, points)),
        Way::Down => format!("-{}", one_decimal(tr.lang, points.abs())),
    };
    let words = tr.with(
        &format!("numbers-points-{}", way.key()),
        &[("points", one_decimal(tr.lang, points.abs()).into())],
    );
    Change {
        arrow: way.arrow(),
        amount,
        words,
        tone: tone(way, higher_is_better),
    }
}

/// A count's change (answers against last week).
pub fn count_change(tr: Tr, change: i64) -> Change {
    let way = Way::of(change as f64);
    let amount = match way {
        Way::Up => format!("+{change}"),
        _ => change.to_string(),
    };
    let words = tr.with(
        &format!("numbers-count-{}", way.key()),
        &[("n", change.abs().into())],
    );
    Change {
        arrow: way.arrow(),
        amount,
        words,
        tone: "same",
    }
}

fn tone(way: Way, higher_is_better: bool) -> &'static str {
    match (way, higher_is_better) {
        (Way::Same, _) => "same",
        (Way::Up, true) | (Way::Down, false) => "better",
        _ => "worse",
    }
}

/// One day in milliseconds: a kiosk silent for longer is flagged.
pub const DAY_MS: i64 = 24 * 3600 * 1000;

/// How long ago `at_ms` was at `now_ms`: "zojuist", "5 minuten geleden", "3 uur
/// geleden", "2 dagen geleden" (a time in the future reads as "zojuist").
pub fn ago(tr: Tr, now_ms: i64, at_ms: i64) -> String {
    let minutes = (now_ms - at_ms).max(0) / 60_000;
    let (key, n) = match minutes {
        0 => return tr.get("numbers-just-now"),
        1..60 => ("numbers-minutes-ago", minutes),
        60..1440 => ("numbers-hours-ago", minutes / 60),
        _ => ("numbers-days-ago", minutes / 1440),
    };
    tr.with(key, &[("n", n.into())])
}

#[cfg(test)]
mod tests {
    use super::*;

    const NL: Tr = Tr { lang: Lang::Nl };
    const EN: Tr = Tr { lang: Lang::En };

    #[test]
    fn shares_are_whole_percent_and_never_wrap_apart() {
        assert_eq!(percent(Lang::Nl, 42.4), "42\u{a0}%");
        // Rounded as the kiosk's Today writes it (`{:.0}`), so both show 42.
        assert_eq!(percent(Lang::Nl, 42.5), format!("{:.0}\u{a0}%", 42.5));
        assert_eq!(percent(Lang::Nl, 66.7), "67\u{a0}%");
        assert_eq!(percent(Lang::En, 66.7), "67%");
        assert_eq!(percent(Lang::Nl, 100.0), "100\u{a0}%");
        assert_eq!(percent(Lang::En, -0.2), "0%");
        assert!(!percent(Lang::Nl, 42.0).contains(' '), "no breaking space");
    }

    #[test]
    fn a_change_has_an_arrow_and_words() {
        let up = points_change(NL, 3.2, false);
        assert_eq!(
            (up.arrow, up.amount.as_str(), up.tone),
            ("▲", "+3,2", "worse")
        );
        assert!(up.words.contains("hoger"), "{}", up.words);
        let down = points_change(EN, -1.04, true);
        assert_eq!((down.arrow, down.amount.as_str()), ("▼", "-1.0"));
        assert_eq!(down.tone, "worse");
        assert!(down.words.contains("lower"), "{}", down.words);
        let same = points_change(NL, 0.01, true);
        assert_eq!((same.arrow, same.tone), ("=", "same"));
        let more = count_change(NL, 4);
        assert_eq!((more.arrow, more.amount.as_str()), ("▲", "+4"));
        assert!(more.words.contains("4 meer"), "{}", more.words);
    }

    #[test]
    fn ago_counts_minutes_hours_and_days() {
        let now = 10 * DAY_MS;
        assert_eq!(ago(NL, now, now - 20_000), "zojuist");
        assert_eq!(ago(NL, now, now + 60_000), "zojuist");
        assert_eq!(ago(NL, now, now - 5 * 60_000), "5 minuten geleden");
        assert_eq!(ago(NL, now, now - 60_000), "1 minuut geleden");
        assert_eq!(ago(NL, now, now - 3 * 3_600_000), "3 uur geleden");
        assert_eq!(ago(EN, now, now - 3 * DAY_MS), "3 days ago");
        assert_eq!(ago(EN, now, now - DAY_MS), "1 day ago");
    }
}
