//! A number changed with two large buttons, for settings on a touch screen: no
//! keyboard, no value out of range.

use super::key::{Look, big_button};
use crate::theme::{Metrics, Palette};
use egui::{RichText, Ui, vec2};

/// What a stepper's buttons asked for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Step {
    /// "−" was tapped.
    pub down: bool,
    /// "+" was tapped.
    pub up: bool,
}

/// What a stepper says: its label, its value and the accessible names of its buttons
/// ("Minder: …", "Meer: …").
pub struct StepperWords {
    /// What the value is.
    pub label: String,
    /// The value as shown.
    pub value: String,
    /// The accessible name of "−".
    pub less: String,
    /// The accessible name of "+".
    pub more: String,
}

/// A row: the label, then "−", the value and "+".
pub fn stepper(ui: &mut Ui, words: &StepperWords, metrics: Metrics, palette: &Palette) -> Step {
    let m = metrics;
    let mut step = Step::default();
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = m.px(12.0);
        let (label_rect, _) =
            ui.allocate_exact_size(vec2(m.px(250.0), m.touch(60.0)), egui::Sense::hover());
        ui.put(
            label_rect,
            egui::Label::new(
                RichText::new(&words.label)
                    .font(m.font(22.0))
                    .color(palette.text),
            )
            .wrap(),
        );
        let size = vec2(m.touch(64.0), m.touch(60.0));
        let down = big_button(ui, "−", size, 28.0, Look::Plain, m, palette);
        down.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &words.less));
        step.down = down.clicked();
        let (value_rect, _) =
            ui.allocate_exact_size(vec2(m.px(110.0), m.touch(60.0)), egui::Sense::hover());
        ui.put(
            value_rect,
            egui::Label::new(
                RichText::new(&words.value)
                    .font(m.bold(24.0))
                    .color(palette.text),
            ),
        );
        let up = big_button(ui, "+", size, 28.0, Look::Plain, m, palette);
        up.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &words.more));
        step.up = up.clicked();
    });
    step
}
