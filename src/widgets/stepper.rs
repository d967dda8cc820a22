//! A number changed with two large buttons, for settings on a touch screen: no
//! keyboard, no value out of range.

use super::key::{Look, big_button};
use crate::theme::{Metrics, Palette};
use egui::{Align, Layout, RichText, Ui, vec2};

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
        let height = m.touch(60.0);
        let label_width = m.px(250.0);
        ui.allocate_ui_with_layout(
            vec2(label_width, height),
            Layout::left_to_right(Align::Center),
            |ui| {
                ui.set_width(label_width);
                ui.set_height(height);
                ui.add(
                    egui::Label::new(
                        RichText::new(&words.label)
                            .font(m.font(21.0))
                            .color(palette.text),
                    )
                    .wrap(),
                );
            },
        );
        let size = vec2(m.touch(64.0), m.touch(60.0));
        let down = big_button(ui, "−", size, 28.0, Look::Plain, m, palette);
        down.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &words.less));
        step.down = down.clicked();
        let value_width = m.px(120.0);
        ui.allocate_ui_with_layout(
            vec2(value_width, height),
            Layout::centered_and_justified(egui::Direction::LeftToRight),
            |ui| {
                ui.set_width(value_width);
                ui.set_height(height);
                ui.add(
                    egui::Label::new(
                        RichText::new(&words.value)
                            .font(m.bold(24.0))
                            .color(palette.text),
                    )
                    .extend(),
                );
            },
        );
        let up = big_button(ui, "+", size, 28.0, Look::Plain, m, palette);
        up.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &words.more));
        step.up = up.clicked();
    });
    step
}
