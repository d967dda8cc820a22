//! The tally as a plain-text table.

use std::io::{self, Write};
use welkom_core::Moment;
use welkom_core::tally::{Cell, DayTally, MIN_ANSWERS, MomentTally};

/// Writes a day's tally as a table: per moment a total row, a row per group and a
/// row per hour.
pub fn write(out: &mut impl Write, tally: &DayTally, zone: &str) -> io::Result<()> {
    writeln!(
        out,
        "Tally for {} ({zone})",
        tally.date.strftime("%A %Y-%m-%d")
    )?;
    writeln!(
        out,
        "Percentages only where a row has at least {MIN_ANSWERS} answers.\n\
         A rating counts in each group of its children: group rows may add up to more than the total."
    )?;
    for moment in Moment::ALL {
        writeln!(out)?;
        write_moment(out, tally.moment(moment))?;
    }
    Ok(())
}

fn write_moment(out: &mut impl Write, tally: &MomentTally) -> io::Result<()> {
    let name = match tally.moment {
        Moment::DropOff => "Drop-off",
        Moment::PickUp => "Pick-up",
    };
    write!(
        out,
        "{name}: {} answers, {} visits",
        tally.total.answers, tally.total.visits
    )?;
    if tally.misuse > 0 {
        write!(out, ", flagged as misuse and not counted: {}", tally.misuse)?;
    }
    writeln!(out)?;
    let mut rows: Vec<(String, &Cell)> = vec![("Total".to_owned(), &tally.total)];
    rows.extend(
        tally
            .groups
            .iter()
            .map(|g| (format!("Group {}", g.group), &g.cell)),
    );
    rows.extend(
        tally
            .hours
            .iter()
            .map(|h| (format!("{:02}:00-{:02}:59", h.hour, h.hour), &h.cell)),
    );
    let width = rows
        .iter()
        .map(|(label, _)| label.chars().count())
        .max()
        .unwrap_or(0)
        .max(12);
    writeln!(
        out,
        "  {:<width$}  {:>7}  {:>6}  {:<14}  {:<14}  {:>8}  faces, best to worst",
        "", "answers", "visits", "enthusiastic", "low", "response"
    )?;
    for (label, cell) in rows {
        writeln!(
            out,
            "  {label:<width$}  {:>7}  {:>6}  {:<14}  {:<14}  {:>8}  {}",
            cell.answers,
            cell.visits,
            count_and_percent(cell.enthusiastic, cell.enthusiastic_percent),
            count_and_percent(cell.low, cell.low_percent),
            cell.response_rate_percent
                .map_or_else(|| "-".to_owned(), |p| format!("{p:.1} %")),
            faces(cell),
        )?;
    }
    Ok(())
}

fn count_and_percent(count: u32, percent: Option<f64>) -> String {
    match percent {
        Some(p) => format!("{count} ({p:.1} %)"),
        None => count.to_string(),
    }
}

/// "4 faces: 3 2 0 1", a part per scale answered on.
fn faces(cell: &Cell) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current: Option<u8> = None;
    for face in &cell.faces {
        let size = face.scale.size();
        if current != Some(size) {
            parts.push(format!("{size} faces:"));
            current = Some(size);
        }
        if let Some(part) = parts.last_mut() {
            part.push_str(&format!(" {}", face.count));
        }
    }
    if parts.is_empty() {
        "-".to_owned()
    } else {
        parts.join(" | ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use welkom_core::Scale;
    use welkom_core::tally::{RatingFact, VisitFact};

    #[test]
    fn a_table_with_groups_hours_and_the_five_answer_rule() {
        let rating = |score, groups: &[&str], hour, scale| RatingFact {
            moment: Moment::DropOff,
            scale,
            score,
            groups: groups.iter().map(|g| g.to_string()).collect(),
            hour,
            superseded: false,
            misuse: false,
        };
        let mut ratings: Vec<RatingFact> = [4, 4, 3, 2, 1]
            .into_iter()
            .map(|s| rating(s, &["Vlinders"], 8, Scale::Four))
            .collect();
        ratings.push(rating(5, &["Rupsen"], 9, Scale::Five));
        let mut misuse = rating(4, &[], 9, Scale::Four);
        misuse.misuse = true;
        ratings.push(misuse);
        let visits = vec![
            VisitFact {
                moment: Moment::DropOff,
                groups: vec!["Vlinders".into()],
                hour: 8,
            };
            8
        ];
        let tally = DayTally::from_facts(date(2026, 3, 2), &ratings, &visits);
        let mut out = Vec::new();
        write(&mut out, &tally, "Europe/Amsterdam").unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("Tally for Monday 2026-03-02 (Europe/Amsterdam)"),
            "{text}"
        );
        assert!(
            text.contains("Drop-off: 6 answers, 8 visits, flagged as misuse and not counted: 1\n")
        );
        assert!(text.contains("Pick-up: 0 answers, 0 visits\n"));
        let line = |start: &str| {
            text.lines()
                .find(|l| l.trim_start().starts_with(start))
                .unwrap_or_default()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            line("Total"),
            "Total 6 8 3 (50.0 %) 2 (33.3 %) 75.0 % 4 faces: 2 1 1 1 | 5 faces: 1 0 0 0 0"
        );
        assert_eq!(
            line("Group Vlinders"),
            "Group Vlinders 5 8 2 (40.0 %) 2 (40.0 %) 62.5 % 4 faces: 2 1 1 1"
        );
        assert_eq!(
            line("Group Rupsen"),
            "Group Rupsen 1 0 1 0 - 5 faces: 1 0 0 0 0"
        );
        assert_eq!(
            line("09:00-09:59"),
            "09:00-09:59 1 0 1 0 - 5 faces: 1 0 0 0 0"
        );
    }
}
