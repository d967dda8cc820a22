//! Sync: what waits to go upstream and when something was last sent, in words a
//! non-technical person understands.

use super::{clock_time, day, lang, text, title};
use crate::screens::View;
use egui::{RichText, Ui};
use fluent_bundle::FluentValue;
use jiff::Timestamp;
use welkom_store::OutboxSummary;

/// Draws the sync state.
pub fn show(ui: &mut Ui, view: &View<'_>, summary: &OutboxSummary) {
    let (m, p) = (view.metrics, &view.palette);
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
    ui.label(
        RichText::new(text(view, "sync-not-connected"))
            .font(m.font(22.0))
            .color(p.text),
    );
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
