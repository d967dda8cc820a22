//! The headings a column is recognised by: its English name and the Dutch names a
//! childcare administration's export gives it. A heading is compared without case,
//! spaces, underscores, hyphens and full stops, so `Voornaam ouder`,
//! `voornaam_ouder` and `VOORNAAM-OUDER` are one heading, as are `guardian_id` and
//! `Guardian ID`.

use super::header::Column;

/// The Dutch headings of each column (the English name is always recognised too).
/// A bare `voornaam` or `achternaam` is not among them: a row names a guardian and a
/// child, so the heading must say whose name it is.
const DUTCH: [(Column, &[&str]); 14] = [
    (
        Column::GuardianId,
        &[
            "ouder id",
            "id ouder",
            "oudernummer",
            "ouder nr",
            "verzorger id",
            "id verzorger",
            "verzorgernummer",
        ],
    ),
    (
        Column::GuardianFirstName,
        &[
            "voornaam ouder",
            "ouder voornaam",
            "roepnaam ouder",
            "voornaam verzorger",
        ],
    ),
    (
        Column::GuardianLastName,
        &[
            "achternaam ouder",
            "ouder achternaam",
            "achternaam verzorger",
        ],
    ),
    (
        Column::GuardianLanguage,
        &["taal", "taal ouder", "voertaal"],
    ),
    (Column::Pin, &["pincode", "pincode ouder"]),
    (Column::PinHash, &["pincode hash"]),
    (
        Column::Badge,
        &["pas", "pasnummer", "toegangspas", "badgecode"],
    ),
    (
        Column::ChildId,
        &["kind id", "id kind", "kindnummer", "kind nr"],
    ),
    (
        Column::ChildFirstName,
        &[
            "roepnaam kind",
            "voornaam kind",
            "kind roepnaam",
            "kind voornaam",
            "roepnaam",
        ],
    ),
    (
        Column::ChildLastName,
        &["achternaam kind", "kind achternaam"],
    ),
    (Column::Group, &["groep", "stamgroep", "groepsnaam"]),
    (
        Column::BirthDate,
        &["geboortedatum", "geboortedatum kind", "geb datum"],
    ),
    (
        Column::StartDate,
        &["startdatum", "begindatum", "ingangsdatum"],
    ),
    (Column::EndDate, &["einddatum", "uitschrijfdatum"]),
];

/// The Dutch headings Welkom recognises for the column named `column` (an entry of
/// [`super::COLUMNS`]); empty for a name it does not know.
pub fn dutch_headings(column: &str) -> &'static [&'static str] {
    DUTCH
        .iter()
        .find(|(c, _)| c.name() == column)
        .map(|(_, headings)| *headings)
        .unwrap_or(&[])
}

/// The column a heading names, if any.
pub(super) fn column_of(heading: &str) -> Option<Column> {
    let key = normalised(heading);
    if key.is_empty() {
        return None;
    }
    Column::ALL
        .into_iter()
        .find(|c| normalised(c.name()) == key)
        .or_else(|| {
            DUTCH
                .iter()
                .find(|(_, headings)| headings.iter().any(|h| normalised(h) == key))
                .map(|(c, _)| *c)
        })
}

/// A heading without case, white space, `_`, `-` and `.`.
fn normalised(heading: &str) -> String {
    heading
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_dutch_headings_in_any_case_and_spacing() {
        for (heading, column) in [
            ("guardian_id", Column::GuardianId),
            ("Guardian ID", Column::GuardianId),
            (" Ouder ID ", Column::GuardianId),
            ("VOORNAAM_OUDER", Column::GuardianFirstName),
            ("Roepnaam kind", Column::ChildFirstName),
            ("pincode", Column::Pin),
            ("Pas", Column::Badge),
            ("Geboorte datum", Column::BirthDate),
            ("Groep", Column::Group),
            ("Einddatum", Column::EndDate),
        ] {
            assert_eq!(column_of(heading), Some(column), "{heading}");
        }
        for unknown in ["achternaam", "voornaam", "telefoon", "", "  "] {
            assert_eq!(column_of(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn every_column_has_dutch_headings_that_name_no_other_column() {
        for (column, headings) in DUTCH {
            for heading in headings {
                assert_eq!(column_of(heading), Some(column), "{heading}");
            }
        }
        assert!(dutch_headings("child_first_name").contains(&"roepnaam kind"));
        assert!(dutch_headings("nonsense").is_empty());
    }
}
