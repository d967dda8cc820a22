//! The heat map on the location page: weekday × local hour, each square coloured by
//! its enthusiastic share (five bands) with its share and number of answers; blank
//! below five answers, as everywhere a percentage is shown.

use crate::db::HeatMap;
use crate::web::Tr;
use crate::web::numbers::percent;

/// The bands of the colour scale: a square is in the first band whose lower bound
/// its share reaches, from the top. Their colours are in the style sheet
/// (`.heat--band-N`), each with text of at least 4.5:1 contrast.
const BANDS: [f64; 5] = [80.0, 60.0, 40.0, 20.0, 0.0];

/// One square.
pub struct Square {
    /// The hour (0–23).
    pub hour: u8,
    /// The CSS class of its band; empty when blank.
    pub class: &'static str,
    /// The enthusiastic share, when shown.
    pub share: Option<String>,
    /// Answers, when the square is not blank.
    pub answers: Option<u32>,
    /// The answers behind a blank square (0 to 4), for `data-answers`.
    pub all_answers: u32,
}

/// One weekday's row.
pub struct WeekdayRow {
    /// 1 (Monday) to 7 (Sunday).
    pub weekday: u8,
    /// Its name.
    pub name: String,
    /// One square per hour of the map.
    pub squares: Vec<Square>,
}

/// One band of the legend.
pub struct LegendBand {
    /// Its CSS class.
    pub class: &'static str,
    /// "80–100 %".
    pub label: String,
}

/// The heat map as the page shows it.
pub struct HeatView {
    /// The hours shown as "07": those with an answer or a visit on any weekday.
    pub hours: Vec<String>,
    /// Monday to Friday always, Saturday and Sunday when they have squares.
    pub rows: Vec<WeekdayRow>,
    /// The colour bands, highest first.
    pub legend: Vec<LegendBand>,
}

fn band_class(share: f64) -> &'static str {
    const CLASSES: [&str; 5] = [
        "heat--band-4",
        "heat--band-3",
        "heat--band-2",
        "heat--band-1",
        "heat--band-0",
    ];
    BANDS
        .iter()
        .position(|low| share >= *low)
        .map_or(CLASSES[4], |i| CLASSES[i])
}

/// The view of a heat map.
pub fn view(tr: &Tr, map: &HeatMap) -> HeatView {
    let hours: Vec<u8> = map
        .cells
        .iter()
        .map(|c| c.hour)
        .collect::<std::collections::BTreeSet<u8>>()
        .into_iter()
        .collect();
    let rows = (1..=7u8)
        .filter(|day| *day <= 5 || map.cells.iter().any(|c| c.weekday == *day))
        .map(|weekday| WeekdayRow {
            weekday,
            name: tr.get(&format!("location-weekday-{weekday}")),
            squares: hours
                .iter()
                .map(|hour| {
                    let cell = map
                        .cells
                        .iter()
                        .find(|c| c.weekday == weekday && c.hour == *hour)
                        .map(|c| &c.cell);
                    match cell.and_then(|c| c.enthusiastic_percent.map(|p| (c, p))) {
                        Some((cell, share)) => Square {
                            hour: *hour,
                            class: band_class(share.round()),
                            share: Some(percent(tr.lang, share)),
                            answers: Some(cell.answers),
                            all_answers: cell.answers,
                        },
                        None => Square {
                            hour: *hour,
                            class: "",
                            share: None,
                            answers: None,
                            all_answers: cell.map_or(0, |c| c.answers),
                        },
                    }
                })
                .collect(),
        })
        .collect();
    let legend = [
        ("heat--band-4", "80–100 %"),
        ("heat--band-3", "60–79 %"),
        ("heat--band-2", "40–59 %"),
        ("heat--band-1", "20–39 %"),
        ("heat--band-0", "0–19 %"),
    ]
    .into_iter()
    .map(|(class, label)| LegendBand {
        class,
        label: label.to_owned(),
    })
    .collect();
    HeatView {
        hours: hours.iter().map(|h| format!("{h:02}")).collect(),
        rows,
        legend,
    }
}

#[cfg(test)]
mod tests {
    use super::band_class;

    #[test]
    fn bands_meet_at_their_bounds() {
        assert_eq!(band_class(100.0), "heat--band-4");
        assert_eq!(band_class(80.0), "heat--band-4");
        assert_eq!(band_class(79.9), "heat--band-3");
        assert_eq!(band_class(20.0), "heat--band-1");
        assert_eq!(band_class(0.0), "heat--band-0");
    }
}
