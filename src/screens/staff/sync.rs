//! Sync: what waits to go upstream and when something was last sent, in words a
//! non-technical person understands. A manager can send the events the upstream
//! refused again, or drop them (a second tap confirms).

use super::{StaffUi, clock_time, day, lang, text, title};
use crate::kiosk::{Action, SyncView};
use crate::screens::View;
use crate::widgets::key::{Look, big_button};
use egui::{RichText, Ui, vec2};
use fluent_bundle::FluentValue;
use jiff::Timestamp;
use welkom_sync::{Peer, SyncSnapshot, SyncState};

/// Draws the sync state; `manager`: whether the buttons for set-aside events show.
pub fn show(
    ui: &mut Ui,
    view: &View<'_>,
    sync: &SyncView,
    manager: bool,
    staff_ui: &mut StaffUi,
    actions: &mut Vec<Action>,
) {
    let (m, p) = (view.metrics, &view.palette);
    let summary = &sync.summary;
    title(ui, view, "sync-title");
    let waiting = view.texts.get(
        lang(view),
        "sync-waiting",
        &[("count", FluentValue::from(summary.waiting))],
    );
    ui.label(RichText::new(waiting).font(m.bold(26.0)).color(p.text));
    if let Some(oldest) = summary.oldest_waiting {
        let line = view.texts.get(
            lang(view),
            "sync-oldest",
            &[("time", FluentValue::from(when(view, oldest)))],
        );
        ui.label(RichText::new(line).font(m.font(22.0)).color(p.muted));
    }
    let sent = match summary.last_sent {
        Some(at) => view.texts.get(
            lang(view),
            "sync-last-sent",
            &[("time", FluentValue::from(when(view, at)))],
        ),
        None => text(view, "sync-never-sent"),
    };
    ui.label(RichText::new(sent).font(m.font(22.0)).color(p.muted));
    ui.add_space(m.px(16.0));
    match &sync.upstream {
        None => {
            ui.label(
                RichText::new(text(view, "sync-not-connected"))
                    .font(m.font(22.0))
                    .color(p.text),
            );
        }
        Some(upstream) => upstream_state(ui, view, upstream),
    }
    plain_http_warning(ui, view);
    if !sync.set_aside.is_empty() {
        ui.add_space(m.px(16.0));
        let heading = view.texts.get(
            lang(view),
            "sync-set-aside",
            &[("count", FluentValue::from(summary.set_aside))],
        );
        ui.label(RichText::new(heading).font(m.bold(22.0)).color(p.warning));
        for event in &sync.set_aside {
            let line = view.texts.get(
                lang(view),
                "sync-set-aside-line",
                &[
                    ("time", FluentValue::from(when(view, event.at))),
                    ("reason", FluentValue::from(event.reason.clone())),
                ],
            );
            ui.label(RichText::new(line).font(m.font(18.0)).color(p.muted));
        }
        if manager {
            ui.add_space(m.px(12.0));
            set_aside_buttons(ui, view, summary.set_aside, staff_ui, actions);
        }
    } else {
        staff_ui.drop_armed = false;
    }
}

/// "Send again" and "Drop" for the events set aside; dropping asks a second tap.
fn set_aside_buttons(
    ui: &mut Ui,
    view: &View<'_>,
    count: u64,
    staff_ui: &mut StaffUi,
    actions: &mut Vec<Action>,
) {
    let (m, p) = (view.metrics, &view.palette);
    let size = vec2(m.touch(260.0), m.touch(60.0));
    ui.horizontal(|ui| {
        if staff_ui.drop_armed {
            let yes = text(view, "sync-drop-yes");
            if big_button(ui, &yes, size, 20.0, Look::Plain, m, p).clicked() {
                staff_ui.drop_armed = false;
                actions.push(Action::DropSetAside);
            }
            let keep = text(view, "sync-drop-keep");
            if big_button(ui, &keep, size, 20.0, Look::Quiet, m, p).clicked() {
                staff_ui.drop_armed = false;
            }
        } else {
            let again = text(view, "sync-retry-set-aside");
            if big_button(ui, &again, size, 20.0, Look::Primary, m, p).clicked() {
                actions.push(Action::RetrySetAside);
            }
            let drop = text(view, "sync-drop-set-aside");
            if big_button(ui, &drop, size, 20.0, Look::Plain, m, p).clicked() {
                staff_ui.drop_armed = true;
            }
        }
    });
    if staff_ui.drop_armed {
        let line = view.texts.get(
            lang(view),
            "sync-drop-confirm",
            &[("count", FluentValue::from(count))],
        );
        ui.label(RichText::new(line).font(m.bold(22.0)).color(p.warning));
    }
}

/// A warning when events go unencrypted across the network.
fn plain_http_warning(ui: &mut Ui, view: &View<'_>) {
    let upstream = &view.kiosk.config.upstream;
    if !upstream.is_set() || !welkom_sync::is_plain_http_off_machine(&upstream.url) {
        return;
    }
    let (m, p) = (view.metrics, &view.palette);
    let line = view.texts.get(
        lang(view),
        "sync-plain-http",
        &[("address", FluentValue::from(upstream.url.trim().to_owned()))],
    );
    ui.add_space(m.px(12.0));
    ui.label(RichText::new(line).font(m.bold(22.0)).color(p.warning));
}

/// The upstream's state in a sentence or two.
fn upstream_state(ui: &mut Ui, view: &View<'_>, upstream: &SyncSnapshot) {
    let (m, p) = (view.metrics, &view.palette);
    let name = FluentValue::from(upstream.location_name.clone().unwrap_or_default());
    let (line, colour) = match &upstream.state {
        SyncState::NotConfigured => (text(view, "sync-not-connected"), p.text),
        SyncState::Connected if upstream.peer == Some(Peer::Receiver) => {
            (text(view, "sync-connected-receiver"), p.accent)
        }
        SyncState::Connected => (
            view.texts
                .get(lang(view), "sync-connected", &[("location", name)]),
            p.accent,
        ),
        SyncState::Retrying { next_try, .. } => (
            view.texts.get(
                lang(view),
                "sync-retrying",
                &[("time", FluentValue::from(when(view, *next_try)))],
            ),
            p.warning,
        ),
        SyncState::TokenRefused => (text(view, "sync-token-refused"), p.warning),
    };
    ui.label(RichText::new(line).font(m.bold(22.0)).color(colour));
    if upstream.clock_is_off()
        && let Some(offset) = upstream.clock_offset
    {
        let minutes = (offset.as_secs().abs() + 30) / 60;
        let key = if offset.is_positive() {
            "sync-clock-behind"
        } else {
            "sync-clock-ahead"
        };
        let line = view
            .texts
            .get(lang(view), key, &[("minutes", FluentValue::from(minutes))]);
        ui.label(RichText::new(line).font(m.bold(22.0)).color(p.warning));
    }
}

/// "08:05" today, "2-3-2026 08:05" on another day.
fn when(view: &View<'_>, at: Timestamp) -> String {
    let zone = view.kiosk.config.location.time_zone.zone().clone();
    let date = at.to_zoned(zone).date();
    if date == view.kiosk.local_now().date() {
        clock_time(view, at)
    } else {
        format!("{} {}", day(date), clock_time(view, at))
    }
}
