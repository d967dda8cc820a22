//! The first start's set-up, one step at a time: touch only, the kiosk's look, in
//! Dutch or English (the switch is on the first step). Texts come from
//! `assets/i18n/setup/`. Each step draws the [`Setup`]'s state and returns the
//! person's actions; it changes nothing itself.

mod choice;
mod field;
mod hub;
mod name;
mod pin;
mod roster;

use super::View;
use crate::setup::{Setup, SetupAction, SetupNotice, Step};
use crate::theme::{Metrics, Palette};
use crate::widgets::key::Look;
use crate::widgets::letter_keyboard::{KeyPress, KeyWords, letter_keyboard};
use egui::{Align, Layout, RichText, Ui, vec2};
use fluent_bundle::FluentValue;

/// Draws the step the set-up is at.
pub fn show(ui: &mut Ui, view: &View<'_>, setup: &Setup, actions: &mut Vec<SetupAction>) {
    match setup.step {
        Step::Name => name::show(ui, view, setup, actions),
        Step::Pin | Step::Unlock => pin::show(ui, view, setup, actions),
        Step::Choice => choice::show(ui, view, setup, actions),
        // Long problems and a certificate to choose can outgrow a small screen:
        // the page scrolls rather than cutting off the keyboard.
        Step::Hub => {
            egui::ScrollArea::vertical()
                .id_salt("setup-hub")
                .auto_shrink([false, false])
                .show(ui, |ui| hub::show(ui, view, setup, actions));
        }
        Step::Roster => roster::show(ui, view, setup, actions),
    }
}

/// A big button whose word stays centred in any layout.
fn big_button(
    ui: &mut Ui,
    words: &str,
    size: egui::Vec2,
    font_at_800: f32,
    look: Look,
    m: Metrics,
    p: &Palette,
) -> egui::Response {
    // A button's word follows the layout's cross alignment: centre it.
    if ui.layout().is_horizontal() && ui.layout().cross_align == Align::Center {
        crate::widgets::key::big_button(ui, words, size, font_at_800, look, m, p)
    } else {
        ui.horizontal(|ui| {
            crate::widgets::key::big_button(ui, words, size, font_at_800, look, m, p)
        })
        .inner
    }
}

/// A set-up text in the set-up's language.
fn text(view: &View<'_>, setup: &Setup, key: &str) -> String {
    view.texts.plain(&setup.language, key)
}

/// A set-up text with arguments.
fn text_with(
    view: &View<'_>,
    setup: &Setup,
    key: &str,
    args: &[(&str, FluentValue<'_>)],
) -> String {
    view.texts.get(&setup.language, key, args)
}

/// The step's heading, "Stap 2 van 3" beside it, and on the right the language
/// switch (first step) or the way back.
fn header(
    ui: &mut Ui,
    view: &View<'_>,
    setup: &Setup,
    title_key: &str,
    actions: &mut Vec<SetupAction>,
) {
    let (m, p) = (view.metrics, &view.palette);
    let number = match setup.step {
        Step::Name => 1,
        Step::Pin => 2,
        Step::Choice | Step::Hub | Step::Roster | Step::Unlock => 3,
    };
    let title = |ui: &mut Ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(text(view, setup, title_key))
                    .font(m.bold(32.0))
                    .color(p.text),
            );
            let step = text_with(view, setup, "setup-step", &[("n", number.into())]);
            ui.label(RichText::new(step).font(m.font(18.0)).color(p.muted));
        });
    };
    let mut corner = |ui: &mut Ui| {
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            ui.spacing_mut().item_spacing.x = m.px(10.0);
            let size = vec2(m.touch(120.0), m.touch(60.0));
            match setup.step {
                Step::Name => {
                    // Right to left: the last language first.
                    for code in crate::setup::LANGUAGES.iter().rev() {
                        let on = setup.language.primary() == *code;
                        let word = text(view, setup, &format!("setup-language-{code}"));
                        let response = crate::widgets::chip(ui, &word, on, size, m, p);
                        if response.clicked() {
                            actions.push(SetupAction::Language((*code).to_owned()));
                        }
                    }
                }
                Step::Pin | Step::Hub | Step::Roster => {
                    let back = text(view, setup, "setup-back");
                    let enabled = !setup.busy();
                    let response = ui
                        .add_enabled_ui(enabled, |ui| {
                            big_button(ui, &back, size, 22.0, Look::Plain, m, p)
                        })
                        .inner;
                    if response.clicked() {
                        actions.push(SetupAction::Back);
                    }
                }
                Step::Choice | Step::Unlock => {}
            }
        });
    };
    if m.portrait {
        // Narrow: the language switch or the way back on a row of its own.
        if !matches!(setup.step, Step::Choice | Step::Unlock) {
            ui.horizontal(|ui| corner(ui));
        }
        title(ui);
    } else {
        ui.horizontal(|ui| {
            let reserve = m.touch(120.0) * 2.0 + m.px(40.0);
            ui.allocate_ui(vec2(ui.available_width() - reserve, m.touch(60.0)), title);
            corner(ui);
        });
    }
}

/// A line of muted explanation.
fn explain(ui: &mut Ui, view: &View<'_>, words: &str) {
    ui.label(
        RichText::new(words)
            .font(view.metrics.font(20.0))
            .color(view.palette.muted),
    );
}

/// The notice of the last refused entry, in the warning colour; a blank line of the
/// same height when there is none, so nothing jumps.
fn notice_line(ui: &mut Ui, view: &View<'_>, setup: &Setup) {
    let words = setup
        .notice
        .as_ref()
        .map(|notice| notice_text(view, setup, notice))
        .unwrap_or_else(|| " ".into());
    ui.label(
        RichText::new(words)
            .font(view.metrics.bold(21.0))
            .color(view.palette.warning),
    );
}

fn notice_text(view: &View<'_>, setup: &Setup, notice: &SetupNotice) -> String {
    use crate::config::NameProblem;
    let key = match notice {
        SetupNotice::Name(NameProblem::Empty) => "setup-name-empty",
        SetupNotice::Name(NameProblem::TooLong) => "setup-name-too-long",
        SetupNotice::Name(NameProblem::Unprintable) => "setup-name-unprintable",
        SetupNotice::PinLength => "setup-pin-length",
        SetupNotice::PinWeak => "setup-pin-weak",
        SetupNotice::PinsDiffer => "setup-pins-differ",
        SetupNotice::PinNotRecognised => "setup-pin-not-recognised",
        SetupNotice::HubFieldsEmpty => "setup-hub-fields-empty",
        SetupNotice::NothingToGreet => "setup-nothing-to-greet",
        SetupNotice::SaveFailed(reason) => {
            return text_with(
                view,
                setup,
                "setup-save-failed",
                &[("reason", reason.clone().into())],
            );
        }
    };
    text(view, setup, key)
}

/// The on-screen keyboard, its keys turned into actions.
fn keyboard(ui: &mut Ui, view: &View<'_>, setup: &Setup, actions: &mut Vec<SetupAction>) {
    let words = KeyWords {
        shift: text(view, setup, "setup-key-shift"),
        erase: text(view, setup, "setup-key-erase"),
        space: text(view, setup, "setup-key-space"),
        accents: text(view, setup, "setup-key-accents"),
        letters: text(view, setup, "setup-key-letters"),
    };
    let pressed = ui
        .add_enabled_ui(!setup.busy(), |ui| {
            letter_keyboard(
                ui,
                setup.shift,
                setup.accents,
                &words,
                view.metrics,
                &view.palette,
            )
        })
        .inner;
    for key in pressed {
        actions.push(match key {
            KeyPress::Char(c) => SetupAction::Type(c),
            KeyPress::Erase => SetupAction::Erase,
            KeyPress::Shift => SetupAction::Shift,
            KeyPress::Layer => SetupAction::Layer,
        });
    }
}
