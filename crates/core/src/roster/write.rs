//! Writing a roster back as CSV (UTF-8, comma separated, one row per guardian and
//! child), so that [`super::parse`] reads the same roster again. The hub serves its
//! rosters in this form.

use super::Roster;

/// The roster as CSV. The `pin` and `pin_hash` columns are written only when some
/// guardian has one; a guardian without children has no row and is left out.
pub fn write(roster: &Roster) -> Vec<u8> {
    let with_pin = roster.guardians.iter().any(|g| g.pin.is_some());
    let with_pin_hash = roster.guardians.iter().any(|g| g.pin_hash.is_some());
    let mut header = vec![
        "guardian_id",
        "guardian_first_name",
        "guardian_last_name",
        "guardian_language",
    ];
    if with_pin {
        header.push("pin");
    }
    if with_pin_hash {
        header.push("pin_hash");
    }
    header.extend([
        "badge",
        "child_id",
        "child_first_name",
        "child_last_name",
        "group",
        "birth_date",
        "start_date",
        "end_date",
    ]);
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut rows = vec![header.iter().map(|h| h.to_string()).collect::<Vec<_>>()];
    let date = |d: Option<jiff::civil::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    for &(g, c) in &roster.links {
        let (Some(entry), Some(child)) = (roster.guardians.get(g), roster.children.get(c)) else {
            continue;
        };
        let guardian = &entry.guardian;
        let mut row = vec![
            guardian.id.0.clone(),
            guardian.first_name.clone(),
            guardian.last_name.clone(),
            guardian.language.as_str().to_owned(),
        ];
        if with_pin {
            row.push(entry.pin.clone().unwrap_or_default());
        }
        if with_pin_hash {
            row.push(entry.pin_hash.clone().unwrap_or_default());
        }
        row.extend([
            entry.badge.clone().unwrap_or_default(),
            child.id.0.clone(),
            child.first_name.clone(),
            child.last_name.clone(),
            child.group.clone(),
            date(child.birth_date),
            date(child.start_date),
            date(child.end_date),
        ]);
        rows.push(row);
    }
    for row in rows {
        // Writing to a Vec cannot fail.
        let _ = out.write_record(&row);
    }
    out.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;
    use crate::LanguageTag;

    #[test]
    fn a_written_roster_reads_back_the_same() {
        let csv = "guardian_id;guardian_first_name;guardian_last_name;guardian_language;pin;badge;child_id;child_first_name;child_last_name;group;birth_date;start_date;end_date\n\
                   G1;Sanne;\"de Vries, jr\";en;4826;B-1;C1;Daan;de Vries;Vlinders;2022-01-02;2024-01-01;\n\
                   G1;Sanne;\"de Vries, jr\";en;4826;B-1;C2;\"Mo \"\"Bo\"\"\";de Vries;Rupsen;;;2026-07-01\n\
                   G2;Ahmet;;;;;C2;\"Mo \"\"Bo\"\"\";de Vries;Rupsen;;;2026-07-01\n";
        let roster = parse(csv.as_bytes(), &LanguageTag::dutch()).unwrap();
        let written = write(&roster);
        let again = parse(&written, &LanguageTag::dutch()).unwrap();
        assert_eq!(again, roster);
        let text = String::from_utf8(written).unwrap();
        assert!(
            text.starts_with(
                "guardian_id,guardian_first_name,guardian_last_name,guardian_language,pin,badge,"
            ),
            "{text}"
        );
    }
}
