//! A guardian whose roster language is Arabic, through the real app: greeted in
//! Arabic with her Latin name, the rating screen mirrored (best face at the right,
//! the reading side's start), the thank-you and the reasons in Arabic, right to left.

mod common;

use common::{MONDAY_MORNING, TestKiosk, kiosk_with_roster};
use egui_kittest::kittest::Queryable;
use fluent_bundle::FluentValue;
use std::time::Duration;
use welkom::commands::import_roster_file;
use welkom::i18n::Texts;
use welkom::kiosk::Screen;
use welkom_core::LanguageTag;

/// An invented roster: Samira reads Arabic; Sanne, Dutch, for comparison.
const ROSTER: &str = "\
guardian_id;guardian_first_name;guardian_last_name;guardian_language;pin;badge;child_id;child_first_name;child_last_name;group;birth_date;start_date;end_date
G1;Sanne;de Vries;nl;4826;;C1;Daan;de Vries;Vlinders;2023-05-02;2024-01-08;
G8;Samira;El Amrani;ar;7254;;C8;Rayan;El Amrani;Kikkers;2022-09-14;2024-01-08;
G8;Samira;El Amrani;ar;7254;;C9;Lina;El Amrani;Rupsen;2024-11-20;2025-04-01;
";

fn kiosk(size: egui::Vec2) -> TestKiosk {
    kiosk_with(size, "")
}

fn kiosk_with(size: egui::Vec2, config: &str) -> TestKiosk {
    kiosk_with_roster(
        tempfile::tempdir().unwrap(),
        config,
        ROSTER,
        MONDAY_MORNING,
        size,
    )
}

fn rect(k: &TestKiosk, label: &str) -> egui::Rect {
    k.harness.get_by_label(label).rect()
}

/// The accessible names in a row, from the left edge of the screen to the right.
fn left_to_right(k: &TestKiosk, labels: &[&str]) -> Vec<String> {
    let mut placed: Vec<(f32, String)> = labels
        .iter()
        .map(|l| (rect(k, l).center().x, (*l).to_owned()))
        .collect();
    placed.sort_by(|a, b| a.0.total_cmp(&b.0));
    placed.into_iter().map(|(_, l)| l).collect()
}

fn inside(k: &TestKiosk, label: &str, screen: egui::Vec2) {
    let r = rect(k, label);
    assert!(
        r.left() >= 0.0 && r.right() <= screen.x && r.top() >= 0.0 && r.bottom() <= screen.y,
        "{label} lies outside the screen: {r:?}"
    );
}

#[test]
fn an_arabic_reading_guardian_is_greeted_rates_on_a_mirrored_screen_and_is_thanked_in_arabic() {
    let size = egui::vec2(1280.0, 800.0);
    let mut k = kiosk(size);
    k.type_pin("7254");
    assert!(matches!(k.screen(), Screen::Rate(_)), "identified");

    // The greeting in Arabic with her name in Latin letters, named in logical order.
    assert!(k.shows("صباح الخير، Samira!"));
    assert!(k.shows("كيف كان التوصيل اليوم؟"));
    inside(&k, "صباح الخير، Samira!", size);

    // The faces from best to worst read right to left: the best at the right.
    let faces = ["ممتاز", "جيد", "متوسط", "غير جيد"];
    let mut right_to_left = faces.map(str::to_owned).to_vec();
    right_to_left.reverse();
    assert_eq!(left_to_right(&k, &faces), right_to_left);
    // Drop-off (the first moment) at the right too; the children's chips likewise.
    assert!(rect(&k, "التوصيل").center().x > rect(&k, "الاستلام").center().x);
    assert!(rect(&k, "Rayan").center().x > rect(&k, "Lina").center().x);

    // A low face: the thank-you and the question in Arabic, the reasons right to left.
    k.tap("غير جيد");
    assert!(matches!(k.screen(), Screen::ThankYou(_)));
    assert!(k.shows("شكرًا جزيلًا، Samira!"));
    assert!(k.shows("نتمنى لك يومًا سعيدًا!"));
    assert!(k.shows("ما الذي يمكننا تحسينه؟"));
    assert!(
        rect(&k, "تسليم الطفل").center().x > rect(&k, "المعلومات عن طفلي").center().x,
        "the first reason is at the right"
    );
    k.wait(Duration::from_millis(1600));
    k.tap("تسليم الطفل");
    k.tap("أودّ التحدث معكم قليلًا");
    assert!(k.shows("سنتواصل معك قريبًا"));
    // The screen at its fullest still fits.
    for label in ["شكرًا جزيلًا، Samira!", "تم", "اختيار وجه آخر"] {
        inside(&k, label, size);
    }
    k.tap("تم");
    assert!(k.on_welcome());

    let ratings = k.ratings();
    assert_eq!(ratings.len(), 1);
    assert_eq!(ratings[0].score, 1);
    assert_eq!(ratings[0].reasons, vec!["handover"]);
    assert!(ratings[0].talk_request);
}

#[test]
fn a_dutch_guardian_keeps_the_faces_left_to_right() {
    let mut k = kiosk(egui::vec2(1280.0, 800.0));
    k.type_pin("4826");
    assert!(k.shows("Goedemorgen, Sanne!"));
    let faces = ["Top", "Goed", "Matig", "Niet goed"];
    assert_eq!(left_to_right(&k, &faces), faces.map(str::to_owned).to_vec());
    assert!(rect(&k, "Brengen").center().x < rect(&k, "Halen").center().x);
}

#[test]
fn in_portrait_the_arabic_screens_fit_and_the_best_face_is_at_the_top_right() {
    let size = egui::vec2(800.0, 1280.0);
    let mut k = kiosk(size);
    k.type_pin("7254");
    for label in ["صباح الخير، Samira!", "كيف كان التوصيل اليوم؟", "تخطي"]
    {
        inside(&k, label, size);
    }
    // Two faces a row: best and good on the first, best at the right.
    let (best, good, meh) = (rect(&k, "ممتاز"), rect(&k, "جيد"), rect(&k, "متوسط"));
    assert!(best.center().x > good.center().x);
    assert!((best.center().y - good.center().y).abs() < 1.0);
    assert!(meh.center().y > best.center().y);
    k.tap("ممتاز");
    assert!(k.shows("شكرًا جزيلًا، Samira!"));
    inside(&k, "شكرًا جزيلًا، Samira!", size);
}

#[test]
fn arabic_plurals_follow_the_six_categories() {
    let texts = Texts::load(&LanguageTag::dutch()).unwrap();
    let ar = LanguageTag::parse("ar").unwrap();
    let entered = |n: i64| texts.get(&ar, "keypad-entered", &[("count", FluentValue::from(n))]);
    assert_eq!(entered(0), "لم تُكتب أي أرقام بعد");
    assert_eq!(entered(1), "كُتب رقم واحد");
    assert_eq!(entered(2), "كُتب رقمان");
    assert_eq!(entered(4), "كُتبت 4 أرقام");
    assert_eq!(entered(11), "كُتب 11 رقمًا");
    assert_eq!(entered(100), "كُتب 100 رقم");
    let birthday = |age: i64| {
        let args = [
            ("child", FluentValue::from("Rayan")),
            ("age", FluentValue::from(age)),
        ];
        texts.get(&ar, "occasion-birthday", &args)
    };
    assert!(birthday(1).ends_with("سنة واحدة!"), "{}", birthday(1));
    assert!(birthday(2).ends_with("سنتان!"), "{}", birthday(2));
    assert!(birthday(3).ends_with("3 سنوات!"), "{}", birthday(3));
    assert!(birthday(3).contains("Rayan"));
}

#[test]
fn a_location_whose_language_is_arabic_shows_its_welcome_in_arabic() {
    let size = egui::vec2(1024.0, 600.0);
    let k = kiosk_with(size, "[location]\nlanguage = \"ar\"\n");
    assert!(k.on_welcome());
    assert!(k.shows("اكتب رمزك أو امسح بطاقتك"), "the instruction");
    inside(&k, "اكتب رمزك أو امسح بطاقتك", size);
    assert!(k.shows("موافق"), "the keypad's OK");
}

#[test]
fn a_dutch_greeting_for_a_name_in_arabic_script_keeps_the_dutch_order() {
    // The name in Arabic letters; the greeting in Dutch, read left to right.
    let roster = "guardian_id;guardian_first_name;guardian_last_name;guardian_language;pin;badge;child_id;child_first_name;child_last_name;group\n\
        G9;سارة;Haddad;nl;6139;;C9;Adam;Haddad;Kikkers\n";
    let mut k = kiosk(egui::vec2(1280.0, 800.0));
    let file = k.dir.path().join("extra.csv");
    std::fs::write(&file, roster).unwrap();
    let lang = k.harness.state().kiosk.config.location.language.clone();
    let store = &mut k.harness.state_mut().kiosk.store;
    import_roster_file(store, &file, &lang).unwrap().unwrap();
    k.harness.run();
    k.type_pin("6139");
    assert!(k.shows("Goedemorgen, سارة!"));
    let visual = welkom::bidi::visual_pieces(
        "Goedemorgen, سارة!",
        welkom::bidi::Direction::LeftToRight,
        0.."Goedemorgen, سارة!".len(),
    );
    assert_eq!(welkom::bidi::visual_text(&visual), "Goedemorgen, ةراس!");
}
