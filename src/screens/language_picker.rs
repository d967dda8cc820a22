//! The language button on the rating screen and the list it opens: each language
//! shown in its own name (never a flag), large enough to tap with a toddler on the
//! arm. Choosing one switches the screen at once; the kiosk keeps the choice.

use super::View;
use crate::kiosk::{Action, VisitInProgress};
use crate::widgets::chip;
use crate::widgets::key::{Look, big_button};
use egui::{Align, CornerRadius, Frame, Layout, Margin, RichText, Stroke, Ui, vec2};
use welkom_core::LanguageTag;

/// The top of the rating screen: `space` high. In portrait, where height is plenty,
/// at least as high as the language button, so the greeting starts below it; in
/// landscape the button sits in the corner beside the centred greeting and costs the
/// faces no height ([`show`] draws it).
pub fn top_row(ui: &mut Ui, view: &View<'_>, space: f32) {
    let m = view.metrics;
    if m.portrait && offered(view) {
        ui.add_space(space.max(button_height(view) + m.px(12.0)));
    } else {
        ui.add_space(space);
    }
}

/// The width a landscape greeting leaves free on either side for the language button
/// in the corner (none in portrait, where the greeting starts below it, or without
/// the button).
pub fn corner_reserve(ui: &Ui, view: &View<'_>, visit: &VisitInProgress) -> f32 {
    let m = view.metrics;
    if m.portrait || !offered(view) {
        return 0.0;
    }
    let own_name = view
        .texts
        .plain(&visit.family.guardian.language, "language-name");
    let galley = ui.fonts_mut(|f| {
        f.layout_no_wrap(format!("{own_name}  ▾"), m.bold(22.0), egui::Color32::WHITE)
    });
    let width = (galley.size().x + 2.0 * ui.spacing().button_padding.x).max(m.touch(150.0));
    width + m.px(12.0)
}

/// Whether there is a language to choose besides one: only then the button shows.
fn offered(view: &View<'_>) -> bool {
    view.kiosk.config.enabled_languages().len() > 1
}

fn button_height(view: &View<'_>) -> f32 {
    view.metrics.touch(56.0)
}

/// The language button in the top corner of `area`, drawn after the rest of the
/// screen so that it stays on top where a long greeting comes near.
fn button(ui: &mut Ui, view: &View<'_>, visit: &VisitInProgress, actions: &mut Vec<Action>) {
    let (m, p) = (view.metrics, &view.palette);
    let language = &visit.family.guardian.language;
    let own_name = view.texts.plain(language, "language-name");
    let accessible = format!(
        "{}: {own_name}",
        view.texts.plain(language, "language-choose")
    );
    let height = button_height(view);
    let area = ui.max_rect();
    // At the end of the reading direction's first line: the right for Dutch, the
    // left for Arabic, where the greeting starts at the right.
    let rtl = crate::bidi::Direction::of_language(language).is_rtl();
    let (corner, layout) = if rtl {
        (
            egui::Rect::from_min_max(
                area.left_top(),
                egui::pos2(area.center().x, area.top() + height),
            ),
            Layout::left_to_right(Align::Center),
        )
    } else {
        (
            egui::Rect::from_min_max(
                egui::pos2(area.center().x, area.top()),
                egui::pos2(area.right(), area.top() + height),
            ),
            Layout::right_to_left(Align::Center),
        )
    };
    let mut corner_ui = ui.new_child(egui::UiBuilder::new().max_rect(corner).layout(layout));
    let response = corner_ui.add(
        egui::Button::new(
            RichText::new(format!("{own_name}  ▾"))
                .font(m.bold(22.0))
                .color(p.text),
        )
        .fill(p.surface)
        .stroke(Stroke::new(2.0, p.accent))
        .corner_radius(CornerRadius::same(m.px(28.0).min(40.0) as u8))
        .min_size(vec2(m.touch(150.0), height)),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &accessible));
    if response.clicked() {
        actions.push(Action::ShowLanguages(true));
    }
}

/// The language button, and over the rating screen the list of the location's
/// languages while it is open.
pub fn show(ui: &mut Ui, view: &View<'_>, visit: &VisitInProgress, actions: &mut Vec<Action>) {
    if !offered(view) {
        return;
    }
    button(ui, view, visit, actions);
    if !visit.picking_language {
        return;
    }
    let (m, p, t) = (view.metrics, &view.palette, view.texts);
    let current = &visit.family.guardian.language;
    let languages = view.kiosk.config.enabled_languages();
    let screen = ui.ctx().content_rect();
    let gap = m.px(14.0);
    let chip_size = vec2(m.touch(230.0), m.touch(76.0));
    // As many columns as fit in nine tenths of the screen, at most three.
    let columns = (((screen.width() * 0.9 - m.px(48.0)) + gap) / (chip_size.x + gap))
        .floor()
        .clamp(1.0, 3.0) as usize;
    let frame = Frame::new()
        .fill(p.background)
        .stroke(Stroke::new(2.0, p.border))
        .corner_radius(CornerRadius::same(m.px(24.0) as u8))
        .inner_margin(Margin::same(m.px(24.0) as i8));
    let modal = egui::Modal::new(egui::Id::unique("language-picker"))
        .frame(frame)
        .show(ui.ctx(), |ui| {
            let grid_width = columns as f32 * (chip_size.x + gap) - gap;
            ui.set_width(grid_width);
            ui.set_max_height(screen.height() * 0.9);
            ui.vertical_centered(|ui| {
                ui.label(
                    RichText::new(t.plain(current, "language-choose"))
                        .font(m.bold(32.0))
                        .color(p.text),
                );
                ui.add_space(gap);
                egui::ScrollArea::vertical()
                    .max_height(screen.height() * 0.9 - m.touch(64.0) - m.px(140.0))
                    .show(ui, |ui| {
                        for row in languages.chunks(columns) {
                            choices(ui, view, row, current, chip_size, gap, actions);
                            ui.add_space(gap);
                        }
                    });
                let back = t.plain(current, "names-back");
                let size = vec2(m.touch(200.0), m.touch(64.0));
                if big_button(ui, &back, size, 24.0, Look::Quiet, m, p).clicked() {
                    actions.push(Action::ShowLanguages(false));
                }
            });
        });
    if modal.should_close() {
        actions.push(Action::ShowLanguages(false));
    }
}

/// One row of languages, each in its own name; the current one is on.
fn choices(
    ui: &mut Ui,
    view: &View<'_>,
    row: &[LanguageTag],
    current: &LanguageTag,
    size: egui::Vec2,
    gap: f32,
    actions: &mut Vec<Action>,
) {
    let (m, p) = (view.metrics, &view.palette);
    let width = row.len() as f32 * (size.x + gap) - gap;
    // In the reading direction of the language on screen: from the right in Arabic.
    ui.allocate_ui_with_layout(
        vec2(width, size.y),
        crate::widgets::rtl_label::row_layout(crate::bidi::Direction::of_language(current)),
        |ui| {
            ui.spacing_mut().item_spacing.x = gap;
            for language in row {
                let name = view.texts.plain(language, "language-name");
                let on = language == current;
                if chip(ui, &name, on, size, m, p).clicked() {
                    actions.push(Action::ChooseLanguage(language.clone()));
                }
            }
        },
    );
}
