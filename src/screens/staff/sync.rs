//! Sync: what waits to go upstream and when something was last sent, in words a
//! non-technical person understands.

use super::{clock_time, day, lang, text, title};
use crate::kiosk::SyncView;
use crate::screens::View;
use egui::{RichText, Ui};
use fluent_bundle::FluentValue;
use jiff::Timestamp;
use welkom_sync::{SyncSnapshot, SyncState};

/// Draws the sync state.
pub fn show(ui: &mut Ui, view: &View<'_>, sync: &SyncView) {
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
    }
}

/// The upstream's state in a sentence or two.
fn upstream_state(ui: &mut Ui, view: &View<'_>, upstream: &SyncSnapshot) {
    let (m, p) = (view.metrics, &view.palette);
    let name = FluentValue::from(upstream.location_name.clone().unwrap_or_default());
    let (line, colour) = match &upstream.state {
        SyncState::NotConfigured => (text(view, "sync-not-connected"), p.text),
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
