//! The line over every staff view while answers cannot be saved: what is wrong, since
//! when, where, and what to do.

use super::{View, clock_time, day, lang};
use crate::kiosk::SaveProblem;
use egui::{RichText, Ui};
use fluent_bundle::FluentValue;
use welkom_store::WriteProblem;

/// Draws the line when the kiosk's writes fail; nothing otherwise.
pub fn show(ui: &mut Ui, view: &View<'_>) {
    let Some(problem) = view.kiosk.save_problem() else {
        return;
    };
    ui.label(
        RichText::new(words(view, problem))
            .font(view.metrics.bold(22.0))
            .color(view.palette.warning),
    );
    ui.add_space(view.metrics.px(8.0));
}

/// The sentence for a problem, in the location's language.
pub fn words(view: &View<'_>, problem: &SaveProblem) -> String {
    let key = match problem.problem {
        WriteProblem::DiskFull => "save-problem-disk-full",
        WriteProblem::ReadOnly => "save-problem-read-only",
        WriteProblem::Busy => "save-problem-busy",
        WriteProblem::Other => "save-problem-other",
    };
    let zone = view.kiosk.config.location.time_zone.zone().clone();
    let date = problem.since.to_zoned(zone).date();
    let time = if date == view.kiosk.local_now().date() {
        clock_time(view, problem.since)
    } else {
        format!("{} {}", day(date), clock_time(view, problem.since))
    };
    let file = view.kiosk.store.path().display().to_string();
    view.texts.get(
        lang(view),
        key,
        &[
            ("time", FluentValue::from(time)),
            ("file", FluentValue::from(file)),
            ("count", FluentValue::from(problem.failed_writes)),
        ],
    )
}
