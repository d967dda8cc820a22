//! The greeting by name, drop-off or pick-up (one tap corrects it), the children, the
//! question and the faces.

use super::View;
use crate::bidi::Direction;
use crate::kiosk::{Action, VisitInProgress};
use crate::widgets::key::{Look, big_button};
use crate::widgets::rtl_label::label;
use crate::widgets::{chip, face_button};
use egui::{Ui, vec2};
use fluent_bundle::FluentValue;
use welkom_core::{Moment, Occasion};

/// Draws the rating screen.
pub fn show(ui: &mut Ui, view: &View<'_>, visit: &VisitInProgress, actions: &mut Vec<Action>) {
    let (m, p, t) = (view.metrics, &view.palette, view.texts);
    let config = &view.kiosk.config;
    let guardian = &visit.family.guardian;
    let lang = &guardian.language;
    let name = [("name", FluentValue::from(guardian.first_name.as_str()))];
    let dir = Direction::of_language(lang);
    ui.vertical_centered(|ui| {
        let top = m.px(if m.portrait { 60.0 } else { 28.0 });
        super::language_picker::top_row(ui, view, top);
        let greeting = t.get(lang, visit.greeting.time_of_day.message_key(), &name);
        // A long greeting wraps before it reaches the language button's corner.
        let reserve = super::language_picker::corner_reserve(ui, view, visit);
        let greeting_w = (ui.available_width() - 2.0 * reserve).max(m.px(200.0));
        ui.allocate_ui_with_layout(
            vec2(greeting_w, 0.0),
            egui::Layout::top_down(egui::Align::Center),
            |ui| label(ui, dir, greeting, m.bold(56.0), p.text),
        );
        for occasion in visit.greeting.occasions.iter().take(2) {
            let words = occasion_text(view, visit, occasion);
            label(ui, dir, words, m.bold(28.0), p.celebrate);
        }
        ui.add_space(m.px(20.0));

        if visit.changing.is_none() {
            let one_row = !m.portrait && visit.family.children.len() > 1 && {
                // The height the faces need at their smallest, with the question,
                // "Overslaan" and the moment and children chips in two rows.
                let chips = 2.0 * m.touch(72.0) + m.px(12.0 + 24.0 + 26.0);
                let rest = m.px(44.0 + 20.0 + 56.0 + 14.0 + 12.0 + 40.0) + m.touch(64.0);
                ui.available_height() < chips + rest + MIN_FACE
            };
            moment_and_children(ui, view, visit, one_row, actions);
            ui.add_space(m.px(26.0));
        }

        let question = config
            .questions
            .get(visit.visit.moment, lang)
            .map(str::to_owned)
            .unwrap_or_else(|| t.plain(lang, question_key(visit.visit.moment)));
        label(ui, dir, question, m.font(36.0), p.text);
        ui.add_space(m.px(20.0));

        let faces = config.rating.scale.faces();
        // In portrait, four or five faces go in two rows, so each is larger.
        let per_row = match (m.portrait, faces.len()) {
            (true, 4) => 2,
            (true, 5) => 3,
            (_, n) => n,
        };
        let rows = faces.len().div_ceil(per_row);
        let available = ui.available_width() - m.px(80.0);
        let gap = m.px(if m.portrait { 24.0 } else { 28.0 });
        // The faces take what is left of the screen, leaving room for their words and
        // for "Overslaan" below them.
        let word_h = m.px(56.0);
        let below = m.touch(64.0) + m.px(40.0);
        let by_height = (ui.available_height() - below) / rows as f32 - word_h - gap;
        let by_width = (available - gap * (per_row as f32 - 1.0)) / per_row as f32;
        let width = by_width
            .min(by_height)
            .min(m.px(if m.portrait { 280.0 } else { 230.0 }))
            // On a small screen short of height (a long question, three children)
            // smaller still, with the screen: 72 px at 1024×600.
            .max(m.px(MIN_FACE).min(MIN_FACE));
        for row in faces.chunks(per_row) {
            let row_w = width * row.len() as f32 + gap * (row.len() as f32 - 1.0);
            // Best face first, at the reading side's start: the left, or the right
            // for a right-to-left language.
            ui.allocate_ui_with_layout(
                vec2(row_w, width + word_h),
                crate::widgets::rtl_label::row_layout(dir),
                |ui| {
                    ui.spacing_mut().item_spacing.x = gap;
                    for face in row {
                        let word = t.plain(lang, face.key);
                        if face_button(ui, *face, &word, width, m, p).clicked() {
                            actions.push(Action::Rate(face.score));
                        }
                    }
                },
            );
            ui.add_space(gap / 2.0);
        }
        // Less room above "Overslaan" where the screen has no more to give.
        let room = ui.available_height() - m.touch(64.0);
        ui.add_space(m.px(12.0).min(room).max(0.0));
        let skip = t.plain(lang, "rate-skip");
        if big_button(
            ui,
            &skip,
            vec2(m.touch(220.0), m.touch(64.0)),
            24.0,
            Look::Quiet,
            m,
            p,
        )
        .clicked()
        {
            actions.push(Action::Skip);
        }
    });
    super::language_picker::show(ui, view, visit, actions);
}

/// The smallest a face gets (its disc's width), however little room is left.
const MIN_FACE: f32 = 96.0;

/// The moment chips, then the children's chips below them; or, with `one_row` (a
/// landscape screen short of height), the children's chips on the moments' row.
fn moment_and_children(
    ui: &mut Ui,
    view: &View<'_>,
    visit: &VisitInProgress,
    one_row: bool,
    actions: &mut Vec<Action>,
) {
    let (m, p, t) = (view.metrics, &view.palette, view.texts);
    let lang = &visit.family.guardian.language;
    let dir = Direction::of_language(lang);
    let chip_size = vec2(m.touch(200.0), m.touch(72.0));
    let gap = m.px(12.0);
    let children = &visit.family.children;
    let several = children.len() > 1;
    let children_w = children.len() as f32 * (chip_size.x + gap) - gap;
    // Moment: two chips, the current one on; tapping the other switches. The row is
    // as wide as the two words need ("Przyprowadzenie" is wider than a chip), so
    // the second chip is not left a sliver to wrap its word in.
    let moments_w = (Moment::ALL
        .iter()
        .map(|&moment| {
            let text = t.plain(lang, moment_key(moment));
            crate::widgets::chip::one_line_width(ui, &text, true, chip_size.x, m)
        })
        .sum::<f32>()
        + gap)
        .min(ui.available_width());
    let apart = m.px(40.0);
    let one_row = one_row && several && moments_w + apart + children_w <= ui.available_width();
    let row_w = if one_row {
        moments_w + apart + children_w
    } else {
        moments_w
    };
    let children_chips = |ui: &mut Ui, actions: &mut Vec<Action>| {
        for child in children {
            let on = visit.includes(&child.id);
            // A cell of the chip's width: a long name wraps inside its chip.
            let cell = ui.allocate_ui(chip_size, |ui| {
                ui.set_max_width(chip_size.x);
                chip(ui, &child.first_name, on, chip_size, m, p)
            });
            if cell.inner.clicked() {
                actions.push(Action::ToggleChild(child.id.clone()));
            }
        }
    };
    ui.allocate_ui_with_layout(
        vec2(row_w, chip_size.y),
        crate::widgets::rtl_label::row_layout(dir),
        |ui| {
            ui.spacing_mut().item_spacing.x = gap;
            for moment in Moment::ALL {
                let on = visit.visit.moment == moment;
                let text = t.plain(lang, moment_key(moment));
                if chip(ui, &text, on, chip_size, m, p).clicked() && !on {
                    actions.push(Action::SwitchMoment);
                }
            }
            if one_row {
                ui.add_space(apart - gap);
                children_chips(ui, actions);
            }
        },
    );
    label(
        ui,
        dir,
        t.plain(lang, "moment-switch"),
        m.font(18.0),
        p.muted,
    );
    // Children: only worth a choice when there are several.
    if several && !one_row {
        ui.add_space(gap);
        ui.allocate_ui_with_layout(
            vec2((children_w + gap).min(ui.available_width()), chip_size.y),
            crate::widgets::rtl_label::row_layout(dir),
            |ui| {
                ui.spacing_mut().item_spacing.x = gap;
                children_chips(ui, actions);
            },
        );
    }
}

/// The words for a moment that matters, with the child's name.
fn occasion_text(view: &View<'_>, visit: &VisitInProgress, occasion: &Occasion) -> String {
    let lang = &visit.family.guardian.language;
    let child_name = |id: &welkom_core::ChildId| {
        visit
            .family
            .children
            .iter()
            .find(|c| c.id == *id)
            .map(|c| c.first_name.clone())
            .unwrap_or_default()
    };
    let key = occasion.message_key();
    match occasion {
        Occasion::FirstDay { child } | Occasion::LastDay { child } => view.texts.get(
            lang,
            key,
            &[("child", FluentValue::from(child_name(child)))],
        ),
        Occasion::Birthday { child, age } => view.texts.get(
            lang,
            key,
            &[
                ("child", FluentValue::from(child_name(child))),
                ("age", FluentValue::from(*age)),
            ],
        ),
        Occasion::WelcomeBack { .. } => view.texts.plain(lang, key),
    }
}

/// The translation key of a moment's name.
pub fn moment_key(moment: Moment) -> &'static str {
    match moment {
        Moment::DropOff => "moment-drop-off",
        Moment::PickUp => "moment-pick-up",
    }
}

/// The translation key of a moment's standard question.
pub fn question_key(moment: Moment) -> &'static str {
    match moment {
        Moment::DropOff => "question-drop-off",
        Moment::PickUp => "question-pick-up",
    }
}
