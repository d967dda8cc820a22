//! The staff PIN pad: like the guardians' keypad, with its own cooldown and a back
//! button to the welcome screen.

use super::{lang, text};
use crate::kiosk::{Action, StaffNotice, StaffPad};
use crate::screens::View;
use crate::widgets::key::{Look, big_button};
use egui::{RichText, Ui, vec2};
use fluent_bundle::FluentValue;

/// Draws the staff PIN pad.
pub fn show(ui: &mut Ui, view: &View<'_>, pad: &StaffPad, actions: &mut Vec<Action>) {
    let (m, p) = (view.metrics, &view.palette);
    ui.vertical_centered(|ui| {
        ui.add_space(m.px(16.0));
        ui.label(
            RichText::new(text(view, "staff-pin-title"))
                .font(m.bold(36.0))
                .color(p.text),
        );
        ui.label(
            RichText::new(text(view, "staff-pin-instruction"))
                .font(m.font(26.0))
                .color(p.muted),
        );
        ui.add_space(m.px(8.0));
        let cooldown = view.kiosk.staff_cooldown();
        let message = if let Some(left) = cooldown {
            let secs = left.as_secs().max(1);
            let time = format!("{}:{:02}", secs / 60, secs % 60);
            Some((
                view.texts.get(
                    lang(view),
                    "staff-cooldown",
                    &[("time", FluentValue::from(time))],
                ),
                p.warning,
            ))
        } else if pad.checking {
            Some((text(view, "staff-pin-checking"), p.muted))
        } else {
            pad.notice.map(|notice| {
                let key = match notice {
                    StaffNotice::NotRecognised => "staff-pin-not-recognised",
                    StaffNotice::NoStaff => "staff-pin-no-staff",
                };
                (text(view, key), p.warning)
            })
        };
        let (message, colour) = message.unwrap_or((" ".into(), p.muted));
        ui.label(RichText::new(message).font(m.bold(24.0)).color(colour));
        ui.add_space(m.px(12.0));
        let enabled = cooldown.is_none() && !pad.checking;
        crate::widgets::keypad::keypad(ui, view, lang(view), pad.pin.len(), enabled, actions);
        ui.add_space(m.px(20.0));
        let back = text(view, "staff-back");
        if big_button(
            ui,
            &back,
            vec2(m.touch(200.0), m.touch(64.0)),
            22.0,
            Look::Plain,
            m,
            p,
        )
        .clicked()
        {
            actions.push(Action::CloseStaff);
        }
    });
}
