//! The demo location: invented families in three groups, with a birthday, a first
//! day, a last day and a family back after weeks away, relative to today, so every
//! greeting can be seen. All names are invented.

pub mod history;

use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use welkom_core::roster::{Roster, RosterGuardian};
use welkom_core::{Child, ChildId, EventId, Guardian, GuardianId, LanguageTag, Moment};
use welkom_store::{NewVisit, Store};

/// The demo location's settings.
pub const CONFIG: &str = r#"# The demo location (written by `welkom --demo`).
[location]
name = "Kinderopvang De Zonnebloem"
time_zone = "Europe/Amsterdam"
language = "nl"

[opening_hours]
open = "07:00"
close = "18:30"
days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
"#;

/// A demo guardian with a PIN for the README.
pub struct DemoGuardian {
    /// PIN.
    pub pin: &'static str,
    /// First name.
    pub first_name: &'static str,
    /// Language.
    pub language: &'static str,
    /// What this family shows.
    pub shows: &'static str,
}

/// The families worth trying, as listed in the README.
pub const HIGHLIGHTS: [DemoGuardian; 8] = [
    DemoGuardian {
        pin: "4826",
        first_name: "Sanne",
        language: "nl",
        shows: "two children; Daan has his birthday",
    },
    DemoGuardian {
        pin: "7391",
        first_name: "Ümit",
        language: "tr",
        shows: "Elif's first day, in Turkish",
    },
    DemoGuardian {
        pin: "6048",
        first_name: "Piotr",
        language: "pl",
        shows: "Zofia's last day, in Polish",
    },
    DemoGuardian {
        pin: "5173",
        first_name: "Olena",
        language: "uk",
        shows: "in Ukrainian",
    },
    DemoGuardian {
        pin: "3917",
        first_name: "Emma",
        language: "en",
        shows: "back after three weeks away, in English",
    },
    DemoGuardian {
        pin: "8152",
        first_name: "Joost",
        language: "nl",
        shows: "Mila, who has two homes",
    },
    DemoGuardian {
        pin: "9264",
        first_name: "Lotte",
        language: "nl",
        shows: "Mila's other home",
    },
    DemoGuardian {
        pin: "7254",
        first_name: "Samira",
        language: "ar",
        shows: "Rayan's birthday, in Arabic (right to left)",
    },
];

/// The badge of the first demo guardian (Sanne).
pub const DEMO_BADGE: &str = "04A7F2C1";

const FIRST_NAMES: [&str; 26] = [
    "Anouk",
    "Bram",
    "Charlotte",
    "Dirk",
    "Esther",
    "Floris",
    "Gijs",
    "Hanna",
    "Ilse",
    "Jasper",
    "Kim",
    "Lars",
    "Maaike",
    "Niels",
    "Roos",
    "Pieter",
    "Romy",
    "Sven",
    "Tessa",
    "Ruben",
    "Vera",
    "Wouter",
    "Yara",
    "Koen",
    "Naima",
    "Mehmet",
];
const CHILD_NAMES: [&str; 26] = [
    "Finn", "Julia", "Sem", "Tess", "Luuk", "Nora", "Mees", "Lieke", "Jesse", "Saar", "Bo", "Isa",
    "Thijs", "Zoë", "Jens", "Fenna", "Milan", "Evi", "Ties", "Lotte", "Olivier", "Nina", "Hugo",
    "Ilse", "Yusuf", "Amira",
];
/// Second children's names, apart from [`CHILD_NAMES`] so no two children share a
/// full name.
const SIBLING_NAMES: [&str; 7] = ["Roos", "Teun", "Lina", "Guus", "Vera", "Stijn", "Puck"];
const LAST_NAMES: [&str; 13] = [
    "de Jong",
    "van Dijk",
    "Smit",
    "Meijer",
    "de Groot",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
];
const GROUPS: [&str; 3] = ["Rupsen", "Vlinders", "Kikkers"];

/// The demo roster, relative to `today`.
pub fn roster(today: Date) -> Roster {
    let mut r = Roster::default();
    let years_ago = |y: i16, days: i32| {
        today
            .checked_sub(y.years())
            .and_then(|d| d.checked_sub(days.days()))
            .unwrap_or(today)
    };
    let guardian = |r: &mut Roster,
                    id: &str,
                    first: &str,
                    last: &str,
                    lang: &str,
                    pin: &str,
                    badge: Option<&str>| {
        r.guardians.push(RosterGuardian {
            guardian: Guardian {
                id: GuardianId(id.into()),
                first_name: first.into(),
                last_name: last.into(),
                language: LanguageTag::parse(lang).unwrap_or_else(|_| LanguageTag::dutch()),
            },
            pin: Some(pin.into()),
            pin_hash: None,
            badge: badge.map(str::to_owned),
        });
        r.guardians.len() - 1
    };
    let child = |r: &mut Roster,
                 id: &str,
                 first: &str,
                 last: &str,
                 group: &str,
                 birth: Date,
                 start: Date,
                 end: Option<Date>| {
        r.children.push(Child {
            id: ChildId(id.into()),
            first_name: first.into(),
            last_name: last.into(),
            group: group.into(),
            birth_date: Some(birth),
            start_date: Some(start),
            end_date: end,
        });
        r.children.len() - 1
    };
    let long_ago = years_ago(1, 40);

    let sanne = guardian(
        &mut r,
        "G001",
        "Sanne",
        "Jansen",
        "nl",
        "4826",
        Some(DEMO_BADGE),
    );
    let daan = child(
        &mut r,
        "C001",
        "Daan",
        "Jansen",
        "Vlinders",
        years_ago(3, 0),
        long_ago,
        None,
    );
    let fleur = child(
        &mut r,
        "C002",
        "Fleur",
        "Jansen",
        "Rupsen",
        years_ago(1, 120),
        long_ago,
        None,
    );
    r.links.extend([(sanne, daan), (sanne, fleur)]);

    let umit = guardian(&mut r, "G002", "Ümit", "Yılmaz", "tr", "7391", None);
    let elif = child(
        &mut r,
        "C003",
        "Elif",
        "Yılmaz",
        "Rupsen",
        years_ago(1, 30),
        today,
        None,
    );
    r.links.push((umit, elif));

    let piotr = guardian(&mut r, "G003", "Piotr", "Nowak", "pl", "6048", None);
    let zofia = child(
        &mut r,
        "C004",
        "Zofia",
        "Nowak",
        "Kikkers",
        years_ago(4, 60),
        years_ago(3, 0),
        Some(today),
    );
    r.links.push((piotr, zofia));

    let olena = guardian(&mut r, "G004", "Olena", "Kovalenko", "uk", "5173", None);
    let sofiia = child(
        &mut r,
        "C005",
        "Sofiia",
        "Kovalenko",
        "Vlinders",
        years_ago(2, 100),
        long_ago,
        None,
    );
    r.links.push((olena, sofiia));

    let emma = guardian(&mut r, "G005", "Emma", "Bakker", "en", "3917", None);
    let noah = child(
        &mut r,
        "C006",
        "Noah",
        "Bakker",
        "Kikkers",
        years_ago(3, 200),
        long_ago,
        None,
    );
    r.links.push((emma, noah));

    let joost = guardian(&mut r, "G006", "Joost", "Visser", "nl", "8152", None);
    let lotte = guardian(&mut r, "G007", "Lotte", "de Boer", "nl", "9264", None);
    let mila = child(
        &mut r,
        "C007",
        "Mila",
        "Visser",
        "Vlinders",
        years_ago(2, 10),
        long_ago,
        None,
    );
    r.links.extend([(joost, mila), (lotte, mila)]);

    // Ordinary families; every fourth has two children.
    for i in 0..FIRST_NAMES.len() {
        let last = LAST_NAMES[i % LAST_NAMES.len()];
        let pin = format!("{}", 2000 + i * 271 % 7000 + i);
        // A few families read German, French or Spanish first.
        let lang = match i {
            _ if i % 9 == 4 => "en",
            10 => "de",
            15 => "fr",
            20 => "es",
            _ => "nl",
        };
        let g = guardian(
            &mut r,
            &format!("G1{i:02}"),
            FIRST_NAMES[i],
            last,
            lang,
            &pin,
            None,
        );
        let group = GROUPS[i % GROUPS.len()];
        let age = 1 + (i % 3) as i16;
        let c = child(
            &mut r,
            &format!("C1{i:02}"),
            CHILD_NAMES[i],
            last,
            group,
            years_ago(age, (i * 37 % 300) as i32 + 1),
            long_ago,
            None,
        );
        r.links.push((g, c));
        if i % 4 == 0 {
            let sibling = SIBLING_NAMES[(i / 4) % SIBLING_NAMES.len()];
            let c2 = child(
                &mut r,
                &format!("C2{i:02}"),
                sibling,
                last,
                GROUPS[(i + 1) % 3],
                years_ago(age + 2, 15),
                long_ago,
                None,
            );
            r.links.push((g, c2));
        }
    }

    // Added after the ordinary families, so their invented history stays the same.
    let samira = guardian(&mut r, "G008", "Samira", "El Amrani", "ar", "7254", None);
    let rayan = child(
        &mut r,
        "C008",
        "Rayan",
        "El Amrani",
        "Kikkers",
        years_ago(3, 0),
        long_ago,
        None,
    );
    r.links.push((samira, rayan));
    r
}

/// Imports the demo roster and, once, a visit three weeks ago for the family that
/// comes back today, the demo's staff and four weeks of invented history.
pub fn install(store: &mut Store, zone: &jiff::tz::TimeZone, now: Timestamp) -> anyhow::Result<()> {
    let today = now.to_zoned(zone.clone()).date();
    let roster = roster(today);
    store.import_roster(&roster, now)?;
    // The first start of the demo adds its staff and its history; later starts
    // keep what is there.
    let first_start = store.staff_members()?.is_empty();
    if first_start {
        for (name, pin, manager) in history::STAFF {
            let role = if manager {
                welkom_store::StaffRole::Manager
            } else {
                welkom_store::StaffRole::Staff
            };
            store.add_staff(name, role, pin, now)?;
        }
    }
    if first_start {
        let staff = store.staff_members()?;
        history::install(store, &roster, zone, now, &staff)?;
    }
    let noah = [ChildId("C006".into())];
    if store.last_visit_before(&noah, today)?.is_none() {
        let at = now
            .checked_sub(jiff::SignedDuration::from_hours(24 * 21))
            .unwrap_or(now);
        store.record_visit(&NewVisit {
            id: EventId::new(),
            guardian_id: GuardianId("G005".into()),
            moment: Moment::DropOff,
            moment_corrected: false,
            children: noah.to_vec(),
            at,
            local_date: today.checked_sub(21.days()).unwrap_or(today),
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_has_thirty_families_three_groups_and_every_occasion() {
        let today = jiff::civil::date(2026, 11, 23);
        let r = roster(today);
        assert!(r.guardians.len() >= 30, "{}", r.guardians.len());
        let groups: std::collections::BTreeSet<_> =
            r.children.iter().map(|c| c.group.as_str()).collect();
        assert_eq!(groups.len(), 3);
        assert!(r.children.iter().any(|c| c.start_date == Some(today)));
        assert!(r.children.iter().any(|c| c.end_date == Some(today)));
        assert!(r.children.iter().any(|c| {
            c.birth_date
                .is_some_and(|b| welkom_core::greeting::is_birthday(b, today))
        }));
        let pins: std::collections::BTreeSet<_> =
            r.guardians.iter().filter_map(|g| g.pin.clone()).collect();
        assert_eq!(pins.len(), r.guardians.len(), "demo PINs are unique");
        let names: std::collections::BTreeSet<_> = r
            .children
            .iter()
            .map(|c| (c.first_name.as_str(), c.last_name.as_str()))
            .collect();
        assert_eq!(
            names.len(),
            r.children.len(),
            "no two children share a name"
        );
        assert!(
            r.guardians
                .iter()
                .any(|g| g.guardian.language.as_str() == "tr")
        );
    }
}
