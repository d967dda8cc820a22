//! Every parent screen, in every language, at every screen size a daycare buys,
//! through the real app: nothing lies outside the screen or is cut, no two controls
//! overlap, every touch target is large enough, and every control has an accessible
//! name in the guardian's language.
//!
//! One kiosk per (language, size) walks the screens: the welcome screen (also with a
//! code not recognised), the name list, the rating screen for families with one, two
//! and three children, the language picker, the thank-you with the reasons (none and
//! two chosen), with the talk request, and after the best face. A second walk shows
//! the reasons a location wrote itself, one far longer than any shipped one, in
//! Arabic and in Polish; a third the rating screen and its thank-you on the three-
//! and five-face scales.

mod common;

use common::{MONDAY_MORNING, TestKiosk, kiosk_with_roster};
use egui::{Rect, Vec2, vec2};
use egui_kittest::kittest::{NodeT, Queryable};
use std::collections::HashSet;
use std::time::{Duration, Instant};
use welkom::i18n::{LANGUAGES, Texts};
use welkom_core::LanguageTag;

/// The screens a daycare buys: 7-inch, 10-inch, portrait, full HD both ways.
const SIZES: [(f32, f32); 5] = [
    (1024.0, 600.0),
    (1280.0, 800.0),
    (800.0, 1280.0),
    (1920.0, 1080.0),
    (1080.0, 1920.0),
];

/// PINs of the guardians with one, two and three children.
const PINS: [&str; 3] = ["4826", "7391", "6048"];

/// A question a location wrote itself, longer than any shipped one.
const LONG_QUESTION: &str = "Hoe heb je het brengen van je kind vandaag ervaren, en is er \
    iets dat we morgen beter kunnen doen?";

/// An invented roster in one language: families with one, two and three children;
/// the three-child family has long names, a birthday and a first day today.
fn roster(lang: &str) -> String {
    format!(
        "guardian_id;guardian_first_name;guardian_last_name;guardian_language;pin;badge;child_id;child_first_name;child_last_name;group;birth_date;start_date;end_date
G1;Sanne;de Vries;{lang};4826;;C1;Daan;de Vries;Vlinders;2023-05-02;2024-01-08;
G2;Ümit;Yılmaz;{lang};7391;;C2;Elif;Yılmaz;Rupsen;2025-02-01;2025-03-02;
G2;Ümit;Yılmaz;{lang};7391;;C3;Emir;Yılmaz;Kikkers;2022-02-01;2024-03-02;
G3;Aleksandra-Katarzyna;Wiśniewska-Kowalczyk;{lang};6048;;C4;Maximiliaan-Alexander;Wiśniewska;Kikkers;2023-03-02;2024-01-01;
G3;Aleksandra-Katarzyna;Wiśniewska-Kowalczyk;{lang};6048;;C5;Wilhelmina;Wiśniewska;Vlinders;2024-06-06;2026-03-02;
G3;Aleksandra-Katarzyna;Wiśniewska-Kowalczyk;{lang};6048;;C6;Bartholomeus;Wiśniewska;Rupsen;2025-09-09;2025-12-01;
"
    )
}

/// A kiosk whose location speaks `location` (the welcome screen, the name list) and
/// whose guardians read `guardians`.
fn kiosk(location: &str, guardians: &str, size: Vec2) -> TestKiosk {
    let dir = tempfile::tempdir().unwrap();
    // A location's own question, long: it wraps rather than leaving the screen.
    let config = format!(
        "[location]\nlanguage = \"{location}\"\n[identification]\nname_list = true\n\
         [questions.drop_off]\n{guardians} = \"{LONG_QUESTION}\"\n"
    );
    kiosk_with_roster(dir, &config, &roster(guardians), MONDAY_MORNING, size)
}

/// The smallest touch target at this screen size: 60 px at 1280×800 (800 on the
/// short side), scaled down with a smaller screen, never under 48 px.
fn least_target(size: Vec2) -> f32 {
    (60.0 * (size.min_elem() / 800.0).min(1.0)).max(48.0)
}

/// What is on screen, checked; each problem named with where it was found.
struct Check {
    /// The language the screen should speak.
    lang: String,
    size: Vec2,
    /// Texts the guardian may see as a control's name on these screens.
    allowed_names: HashSet<String>,
    /// Texts of the other languages that this language words differently.
    foreign: HashSet<String>,
    /// What lies outside the screen, is cut, overlaps or is too small.
    fit: Vec<String>,
    /// Controls without a name in the guardian's language.
    names: Vec<String>,
    /// Words these screens were given that are longer than any line: only these
    /// may be broken between their letters.
    too_long_words: Vec<String>,
}

impl Check {
    /// A check of screens this size; it speaks no language until told.
    fn at(size: Vec2) -> Self {
        Self {
            lang: String::new(),
            size,
            allowed_names: HashSet::new(),
            foreign: HashSet::new(),
            fit: Vec::new(),
            names: Vec::new(),
            too_long_words: Vec::new(),
        }
    }

    /// From now on the screens should speak `code`.
    fn speak(&mut self, code: &str) {
        let lang = LanguageTag::parse(code).unwrap();
        self.lang = code.to_owned();
        self.allowed_names = allowed_names(&lang);
        self.foreign = foreign(&lang, &self.allowed_names);
    }

    fn where_(&self, screen: &str, what: String) -> String {
        format!(
            "{screen}, {}, {}×{}: {what}",
            self.lang, self.size.x, self.size.y
        )
    }

    fn fail(&mut self, screen: &str, what: String) {
        let problem = self.where_(screen, what);
        self.fit.push(problem);
    }

    fn unnamed(&mut self, screen: &str, what: String) {
        let problem = self.where_(screen, what);
        self.names.push(problem);
    }

    fn screen(&mut self, k: &TestKiosk, screen: &str) {
        let screen_rect = Rect::from_min_size(egui::Pos2::ZERO, self.size);
        let inside = |r: Rect| screen_rect.expand(0.5).contains_rect(r);
        let least = least_target(self.size);
        let root = k.harness.root();
        let mut controls: Vec<(String, Rect)> = Vec::new();
        for node in root.children_recursive() {
            let ak = node.accesskit_node();
            if ak.is_hidden() {
                continue;
            }
            // A button's name is its label; a text's words are its value.
            let label = ak
                .label()
                .map(|l| l.to_string())
                .or_else(|| ak.value().map(|v| v.to_string()))
                .unwrap_or_default();
            let button = ak.role() == egui::accesskit::Role::Button;
            let Some(_) = ak.bounding_box() else {
                continue;
            };
            let rect = node.rect();
            if button || !label.is_empty() {
                if !inside(rect) {
                    self.fail(
                        screen,
                        format!("'{label}' lies outside the screen: {rect:?}"),
                    );
                }
                if !label.is_empty() && self.foreign.contains(&label) {
                    self.unnamed(screen, format!("'{label}' is in another language"));
                }
            }
            if button {
                if label.trim().is_empty() {
                    self.unnamed(screen, format!("a button without a name at {rect:?}"));
                } else if !self.allowed_names.contains(&label) {
                    self.unnamed(
                        screen,
                        format!("the button '{label}' is named by no text of this language"),
                    );
                }
                if rect.width().min(rect.height()) < least - 0.5 {
                    self.fail(
                        screen,
                        format!(
                            "'{label}' is a small target: {:.0}×{:.0}, less than {least:.0} px",
                            rect.width(),
                            rect.height()
                        ),
                    );
                }
                controls.push((label, rect));
            }
        }
        // The language picker lies over the rating screen: there only its own
        // controls count for overlaps (those beneath are covered, not tapped).
        let picker = screen.contains("picker");
        let controls = if picker {
            let back = texts().plain(&LanguageTag::parse(&self.lang).unwrap(), "names-back");
            controls
                .into_iter()
                .filter(|(l, _)| own_names().contains(l) || *l == back)
                .collect()
        } else {
            controls
        };
        for (i, (a, ra)) in controls.iter().enumerate() {
            for (b, rb) in &controls[i + 1..] {
                let both = ra.intersect(*rb);
                if both.is_positive() && both.area() > 1.0 {
                    self.fail(screen, format!("'{a}' {ra:?} overlaps '{b}' {rb:?}"));
                }
            }
        }
        // The text as drawn: never elided, never beyond its clip or the screen, never
        // sticking out of the control it names.
        for clipped in &k.harness.output().shapes {
            let clip = clipped.clip_rect.intersect(screen_rect);
            visit_text(&clipped.shape, &mut |pos, galley| {
                let drawn = galley.rect.translate(pos.to_vec2());
                let words = galley.text().replace('\n', " ");
                if words.trim().is_empty() {
                    return;
                }
                // Over the picker only its own words count (the screen beneath is
                // covered).
                let covered = picker && !own_names().contains(words.trim());
                if let Some((name, control)) = controls.iter().find(|(_, r)| {
                    !covered && r.contains(drawn.center()) && !r.expand(1.0).contains_rect(drawn)
                }) {
                    self.fail(
                        screen,
                        format!(
                            "'{words}' is wider than its control '{name}': {drawn:?} in {control:?}"
                        ),
                    );
                }
                // A text of its own (no control's) lies under no control.
                let own = !controls.iter().any(|(_, r)| r.contains(drawn.center()));
                if let Some((name, control)) = controls
                    .iter()
                    .find(|(_, r)| !covered && own && r.intersect(drawn.shrink(1.0)).is_positive())
                {
                    self.fail(
                        screen,
                        format!("'{words}' {drawn:?} lies under the control '{name}' {control:?}"),
                    );
                }
                // A wrapped line ends between words, never inside one, unless the
                // word is one the screen was given as longer than any line (its row
                // then holds a piece of it alone).
                for pair in galley.rows.windows(2) {
                    let end = pair[0].glyphs.last().map(|g| g.chr);
                    let next = pair[1].glyphs.first().map(|g| g.chr);
                    let row: String = pair[0].glyphs.iter().map(|g| g.chr).collect();
                    let too_long = !row.contains(char::is_whitespace)
                        && self.too_long_words.iter().any(|w| w.contains(row.trim()));
                    if let (false, Some(end), Some(next)) = (pair[0].ends_with_newline, end, next)
                        && end.is_alphanumeric()
                        && next.is_alphanumeric()
                        && !too_long
                    {
                        self.fail(
                            screen,
                            format!("'{words}' is broken inside a word ('{end}' | '{next}')"),
                        );
                    }
                }
                if galley.elided {
                    self.fail(screen, format!("'{words}' is cut short (elided)"));
                } else if !clip.expand(1.0).contains_rect(drawn) {
                    self.fail(
                        screen,
                        format!("'{words}' is cut: drawn at {drawn:?}, visible {clip:?}"),
                    );
                }
            });
        }
    }
}

/// Every language's own name, as the picker lists them.
fn own_names() -> HashSet<String> {
    LANGUAGES
        .iter()
        .map(|(code, _)| texts().plain(&LanguageTag::parse(code).unwrap(), "language-name"))
        .collect()
}

fn visit_text(shape: &egui::Shape, f: &mut impl FnMut(egui::Pos2, &egui::Galley)) {
    match shape {
        egui::Shape::Text(text) => f(text.pos, &text.galley),
        egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| visit_text(s, f)),
        _ => {}
    }
}

fn texts() -> &'static Texts {
    thread_local! {
        static TEXTS: &'static Texts =
            Box::leak(Box::new(Texts::load(&LanguageTag::dutch()).unwrap()));
    }
    TEXTS.with(|t| *t)
}

/// The message keys of a translation file.
fn keys(source: &str) -> Vec<&str> {
    source
        .lines()
        .filter_map(|line| {
            let (key, _) = line.split_once('=')?;
            let key = key.trim_end();
            let first = key.chars().next()?;
            (first.is_ascii_lowercase()
                && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
            .then_some(key)
        })
        .collect()
}

/// The names a control may have in `lang`: its texts, names from the roster, the
/// keypad's digits, every language's own name (the picker) and the language button.
fn allowed_names(lang: &LanguageTag) -> HashSet<String> {
    let t = texts();
    let (_, dutch) = LANGUAGES[0];
    let mut names: HashSet<String> = keys(dutch).iter().map(|k| t.plain(lang, k)).collect();
    names.extend(own_names());
    // The way into staff mode speaks the staff's language (staff texts are Dutch and
    // English only), not the parents'.
    for staff in ["nl", "en"] {
        names.insert(t.plain(&LanguageTag::parse(staff).unwrap(), "staff-button"));
    }
    names.insert(format!(
        "{}: {}",
        t.plain(lang, "language-choose"),
        t.plain(lang, "language-name")
    ));
    for name in [
        "Sanne",
        "Ümit",
        "Aleksandra-Katarzyna",
        "Elif",
        "Emir",
        "Maximiliaan-Alexander",
        "Wilhelmina",
        "Bartholomeus",
    ] {
        names.insert(name.to_owned());
    }
    names.extend((0..10).map(|d| d.to_string()));
    names
}

/// The texts of every other language that `lang` words differently: a control named
/// by one of them speaks the wrong language.
fn foreign(lang: &LanguageTag, own: &HashSet<String>) -> HashSet<String> {
    let t = texts();
    let (_, dutch) = LANGUAGES[0];
    let keys = keys(dutch);
    LANGUAGES
        .iter()
        .map(|(code, _)| LanguageTag::parse(code).unwrap())
        .filter(|other| other != lang)
        .flat_map(|other| {
            keys.iter()
                .filter(|k| **k != "language-name")
                .map(|k| t.plain(&other, k))
                .collect::<Vec<_>>()
        })
        .filter(|word| !own.contains(word))
        .collect()
}

/// What a walk found: what does not fit, and what is not named in the language.
struct Found {
    fit: Vec<String>,
    names: Vec<String>,
}

/// The language of the location whose guardians read `code`: another one (the next
/// in the list), so that a text in the location's language where the guardian's
/// belongs is caught; every language is a location's once.
fn location_for(code: &str) -> &'static str {
    let at = LANGUAGES.iter().position(|(c, _)| *c == code).unwrap();
    LANGUAGES[(at + 1) % LANGUAGES.len()].0
}

/// Walks every parent screen for guardians reading `code` (the welcome screen and
/// the name list in the location's language) at one size; the problems found.
fn walk(code: &str, size: Vec2) -> Found {
    let t = texts();
    let lang = LanguageTag::parse(code).unwrap();
    let location_code = location_for(code);
    let location = LanguageTag::parse(location_code).unwrap();
    let mut check = Check::at(size);
    let mut k = kiosk(location_code, code, size);
    let say = |key: &str| t.plain(&lang, key);
    let location_says = |key: &str| t.plain(&location, key);
    assert!(k.on_welcome(), "{code} {size:?}");
    check.speak(location_code);
    check.screen(&k, "welcome");

    tap(&mut k, &location_says("welcome-names-button"));
    check.screen(&k, "name list");
    tap(&mut k, &location_says("names-back"));
    assert!(k.on_welcome(), "back from the names, {code} {size:?}");
    type_pin(&mut k, &location, "1357");
    check.screen(&k, "welcome, a code not recognised");

    // One child: the rating screen and the language picker.
    type_pin(&mut k, &location, PINS[0]);
    check.speak(code);
    check.screen(&k, "rating, one child");
    let button = format!("{}: {}", say("language-choose"), say("language-name"));
    tap(&mut k, &button);
    check.screen(&k, "language picker");
    tap(&mut k, &say("names-back"));
    tap(&mut k, &say("rate-skip"));
    assert!(k.on_welcome(), "skipped, {code} {size:?}");

    // Two children: the best face and its thank-you.
    type_pin(&mut k, &location, PINS[1]);
    check.screen(&k, "rating, two children");
    let best = k.harness.state().kiosk.config.rating.scale.faces()[0];
    tap(&mut k, &say(best.key));
    k.wait(Duration::from_secs(2));
    check.screen(&k, "thank-you after the best face");
    tap(&mut k, &say("followup-done"));
    assert!(k.on_welcome(), "done, {code} {size:?}");

    // Three children and the longest name: the lowest face, the fullest thank-you.
    type_pin(&mut k, &location, PINS[2]);
    check.screen(&k, "rating, three children");
    let lowest = k.harness.state().kiosk.config.rating.scale.face(1).unwrap();
    tap(&mut k, &say(lowest.key));
    k.wait(Duration::from_secs(2));
    check.screen(&k, "thank-you with the reasons");
    // Chosen reasons carry a tick, which makes them longer.
    tap(&mut k, &say("reason-handover"));
    tap(&mut k, &say("reason-attention"));
    check.screen(&k, "thank-you with two reasons chosen");
    tap(&mut k, &say("talk-request"));
    check.screen(&k, "thank-you with the talk request");
    tap(&mut k, &say("followup-done"));
    assert!(k.on_welcome(), "done, {code} {size:?}");
    Found {
        fit: check.fit,
        names: check.names,
    }
}

/// A reason a location wrote itself, far longer than any shipped one, per language:
/// right to left and left to right.
const LONG_REASONS: [(&str, &str); 2] = [
    (
        "ar",
        "لم يكن هناك وقت كافٍ للحديث عن يوم طفلي عند الاستلام في نهاية اليوم",
    ),
    (
        "pl",
        "Nie było wystarczająco dużo czasu, żeby porozmawiać o dniu mojego dziecka przy odbiorze",
    ),
];

/// A location's own reasons with one word longer than a chip's room, even at the
/// smallest size its words are drawn in (a Dutch form's name, as a location might
/// write it in a reason of another language).
const LONG_WORD_REASONS: [(&str, &str); 2] = [
    (
        "ar",
        "نحتاج مساعدة في kinderopvangtoeslagaanvraagformulierinvulhulp اليوم",
    ),
    (
        "pl",
        "Potrzebuję pomocy z kinderopvangtoeslagaanvraagformulierinvulhulp dzisiaj",
    ),
];

/// The thank-you after the lowest face, offering a location's own reasons (the long
/// one among two shipped ones), before and after the long one is chosen; the
/// problems found.
fn walk_own_reasons(code: &str, long: &str, size: Vec2) -> Vec<String> {
    let lang = LanguageTag::parse(code).unwrap();
    let config = format!(
        "[location]\nlanguage = \"{code}\"\n\n[[reasons]]\nkey = \"handover\"\n\n\
         [[reasons]]\nkey = \"time_to_talk\"\ntext = {{ {code} = \"{long}\" }}\n\n\
         [[reasons]]\nkey = \"attention\"\n"
    );
    let dir = tempfile::tempdir().unwrap();
    let mut k = kiosk_with_roster(dir, &config, &roster(code), MONDAY_MORNING, size);
    let mut check = Check::at(size);
    check.speak(code);
    // A word of 40 letters or more fits no chip's line.
    check.too_long_words = long
        .split_whitespace()
        .filter(|word| word.chars().count() >= 40)
        .map(str::to_owned)
        .collect();
    type_pin(&mut k, &lang, PINS[2]);
    let lowest = k.harness.state().kiosk.config.rating.scale.face(1).unwrap();
    tap(&mut k, &texts().plain(&lang, lowest.key));
    k.wait(Duration::from_secs(2));
    check.screen(&k, "thank-you with a location's own long reason");
    // On a narrow screen the long reason takes more than one line inside its chip.
    let chip = k.harness.get_by_label(long).rect();
    let mut lines: Vec<(f32, String)> = Vec::new();
    for clipped in &k.harness.output().shapes {
        visit_text(&clipped.shape, &mut |pos, galley| {
            if chip.contains_rect(galley.rect.translate(pos.to_vec2())) {
                for row in &galley.rows {
                    let words: String = row.glyphs.iter().map(|g| g.chr).collect();
                    lines.push((pos.y + row.pos.y, words));
                }
            }
        });
    }
    lines.retain(|(_, words)| !words.trim().is_empty());
    lines.sort_by(|a, b| a.0.total_cmp(&b.0));
    if size.x < 1000.0 && lines.len() < 2 {
        check.fail(
            "thank-you with a location's own long reason",
            format!("'{long}' is on one line in a narrow chip {chip:?}"),
        );
    }
    // The lines read in order: the sentence starts on the top line and ends on the
    // bottom one (each row's characters are as drawn, left to right).
    let words: Vec<&str> = long.split_whitespace().collect();
    let (second, last) = (words[1], words[words.len() - 1]);
    if let (Some(top), Some(bottom)) = (lines.first(), lines.last())
        && lines.len() > 1
        && !(top.1.contains(second) && bottom.1.contains(last) && !top.1.contains(last))
    {
        check.fail(
            "thank-you with a location's own long reason",
            format!("'{long}' is not read from its top line down: {lines:?}"),
        );
    }
    tap(&mut k, long);
    check.screen(&k, "thank-you with a location's own long reason chosen");
    check.fit
}

/// The rating screen of the three-child family on a scale of `faces` faces, and the
/// thank-you after its lowest face; the problems found.
fn walk_scale(code: &str, faces: u8, size: Vec2) -> Vec<String> {
    let lang = LanguageTag::parse(code).unwrap();
    let config = format!("[location]\nlanguage = \"{code}\"\n[rating]\nscale = {faces}\n");
    let dir = tempfile::tempdir().unwrap();
    let mut k = kiosk_with_roster(dir, &config, &roster(code), MONDAY_MORNING, size);
    let mut check = Check::at(size);
    check.speak(code);
    let scale = k.harness.state().kiosk.config.rating.scale;
    assert_eq!(scale.faces().len(), usize::from(faces), "{config}");
    type_pin(&mut k, &lang, PINS[2]);
    let screen = format!("rating on {faces} faces, three children");
    check.screen(&k, &screen);
    let lowest = k.harness.state().kiosk.config.rating.scale.face(1).unwrap();
    tap(&mut k, &texts().plain(&lang, lowest.key));
    k.wait(Duration::from_secs(2));
    check.screen(&k, &format!("thank-you after the lowest of {faces} faces"));
    check.fit
}

fn type_pin(k: &mut TestKiosk, lang: &LanguageTag, pin: &str) {
    for digit in pin.chars() {
        tap(k, &digit.to_string());
    }
    tap(k, &texts().plain(lang, "keypad-ok"));
}

/// Taps the control with this name; when there is none, says what the screen holds.
fn tap(k: &mut TestKiosk, name: &str) {
    if k.harness.query_by_label(name).is_none() {
        let names: Vec<String> = k
            .harness
            .root()
            .children_recursive()
            .filter_map(|n| n.accesskit_node().label().map(|l| l.to_string()))
            .collect();
        panic!(
            "no control named '{name}' on the {} screen; the screen names {names:?}",
            format!("{:?}", k.screen())
                .split('(')
                .next()
                .unwrap_or_default()
        );
    }
    k.tap(name);
}

/// The languages to walk: all, or those named in `WELKOM_FIT_LANGUAGES` (`pl,de`).
fn languages() -> Vec<&'static str> {
    let only = std::env::var("WELKOM_FIT_LANGUAGES").ok();
    LANGUAGES
        .iter()
        .map(|(code, _)| *code)
        .filter(|code| {
            only.as_ref()
                .is_none_or(|o| o.split(',').any(|c| c == *code))
        })
        .collect()
}

fn report(problems: &[String]) {
    let mut problems = problems.to_vec();
    problems.dedup();
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_parent_screen_fits_every_size_in_every_language() {
    let started = Instant::now();
    let mut problems = Vec::new();
    for code in languages() {
        for (w, h) in SIZES {
            problems.extend(walk(code, vec2(w, h)).fit);
        }
    }
    eprintln!(
        "walked every screen at every size in {:.1} s",
        started.elapsed().as_secs_f32()
    );
    report(&problems);
}

#[test]
fn every_control_on_every_parent_screen_is_named_in_the_guardian_s_language() {
    let mut problems = Vec::new();
    for code in languages() {
        let found = walk(code, vec2(1280.0, 800.0));
        problems.extend(found.names);
    }
    report(&problems);
}

#[test]
fn a_long_reason_a_location_writes_itself_wraps_inside_its_chip() {
    report(&own_reasons_at_every_size(&LONG_REASONS));
}

#[test]
fn a_word_longer_than_its_chip_stays_inside_it() {
    report(&own_reasons_at_every_size(&LONG_WORD_REASONS));
}

/// [`walk_own_reasons`] for each (language, reason) at every size; the problems found.
fn own_reasons_at_every_size(reasons: &[(&str, &str)]) -> Vec<String> {
    let mut problems = Vec::new();
    for (code, long) in reasons {
        for (w, h) in SIZES {
            problems.extend(walk_own_reasons(code, long, vec2(w, h)));
        }
    }
    problems
}

#[test]
fn the_three_and_five_face_scales_fit_every_size_in_every_language() {
    let mut problems = Vec::new();
    for code in languages() {
        for faces in [3, 5] {
            for (w, h) in SIZES {
                problems.extend(walk_scale(code, faces, vec2(w, h)));
            }
        }
    }
    report(&problems);
}
