//! Staff mode's screens: the PIN pad, then a bar of tabs over one view at a time.
//! Texts come from `assets/i18n/staff/`, in the location's language.

pub mod follow_up;
pub mod pin_pad;
pub mod present;
pub mod roster_report;
pub mod save_problem;
pub mod settings;
pub mod sync;
pub mod today;
pub mod trend;

use super::View;
use crate::kiosk::{Action, StaffData, StaffSession, StaffView};
use crate::widgets::key::{Look, big_button};
use egui::{Align, Layout, RichText, Ui, vec2};
use fluent_bundle::FluentValue;
use jiff::Timestamp;

/// What staff mode keeps between frames that the kiosk need not know: the note being
/// typed and a pending confirmation.
#[derive(Clone, Debug, Default)]
pub struct StaffUi {
    /// The note typed so far.
    pub note: String,
    /// "Close the kiosk" was tapped once and waits for a second tap.
    pub exit_armed: bool,
    /// "Drop" (the events set aside) was tapped once and waits for a second tap.
    pub drop_armed: bool,
    /// The note field was just opened: put the keyboard's focus in it.
    pub focus_note: bool,
    /// The settings being changed, until saved or reverted.
    pub settings_draft: Option<crate::config::ConfigEdit>,
    /// The language whose questions and reasons are being edited.
    pub question_language: Option<welkom_core::LanguageTag>,
    /// The search typed over the guardians.
    pub family_filter: String,
    /// "Code intrekken" was tapped once for this guardian and waits for a second tap.
    pub revoke_armed: Option<welkom_core::GuardianId>,
    /// The roster file chosen for import.
    pub roster_choice: Option<std::path::PathBuf>,
}

/// Draws staff mode.
pub fn show(
    ui: &mut Ui,
    view: &View<'_>,
    session: &StaffSession,
    staff_ui: &mut StaffUi,
    actions: &mut Vec<Action>,
) {
    top_bar(ui, view, session, actions);
    ui.add_space(view.metrics.px(12.0));
    ui.separator();
    ui.add_space(view.metrics.px(12.0));
    save_problem::show(ui, view);
    match &session.data {
        StaffData::Today(tally) => today::show(ui, view, tally),
        StaffData::Trend(trend) => trend::show(ui, view, trend),
        StaffData::FollowUp(items) => {
            follow_up::show(ui, view, items, session.writing_note, staff_ui, actions)
        }
        StaffData::Present(children) => present::show(ui, view, children),
        StaffData::Sync(sync) => {
            let manager = session.member.role == welkom_store::StaffRole::Manager;
            sync::show(ui, view, sync, manager, staff_ui, actions)
        }
        StaffData::Settings(state) => settings::show(ui, view, state, staff_ui, actions),
        StaffData::Unavailable => {
            ui.label(
                RichText::new(text(view, "staff-unavailable"))
                    .font(view.metrics.font(22.0))
                    .color(view.palette.warning),
            );
        }
    }
}

fn top_bar(ui: &mut Ui, view: &View<'_>, session: &StaffSession, actions: &mut Vec<Action>) {
    let (m, p) = (view.metrics, &view.palette);
    let tab_size = vec2(m.touch(120.0), m.touch(60.0));
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = vec2(m.px(10.0), m.px(10.0));
        ui.label(
            RichText::new(&session.member.name)
                .font(m.bold(24.0))
                .color(p.text),
        );
        ui.add_space(m.px(16.0));
        for tab in StaffView::ALL {
            if !tab.allowed(session.member.role) {
                continue;
            }
            let label = tab_label(view, tab);
            let look = if tab == session.view {
                Look::Primary
            } else {
                Look::Plain
            };
            let response = big_button(ui, &label, tab_size, 20.0, look, m, p);
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::Tab, true, tab == session.view, &label)
            });
            if response.clicked() {
                actions.push(Action::ShowStaffView(tab));
            }
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            let close = text(view, "staff-close");
            if big_button(ui, &close, tab_size, 20.0, Look::Plain, m, p).clicked() {
                actions.push(Action::CloseStaff);
            }
        });
    });
}

fn tab_label(view: &View<'_>, tab: StaffView) -> String {
    match tab {
        StaffView::Today => text(view, "staff-tab-today"),
        StaffView::Trend => text(view, "staff-tab-trend"),
        StaffView::FollowUp => {
            let open = view.kiosk.open_follow_ups();
            if open > 0 {
                let count = [("count", FluentValue::from(open))];
                view.texts
                    .get(lang(view), "staff-tab-follow-up-count", &count)
            } else {
                text(view, "staff-tab-follow-up")
            }
        }
        StaffView::Present => text(view, "staff-tab-present"),
        StaffView::Sync => text(view, "staff-tab-sync"),
        StaffView::Settings => text(view, "staff-tab-settings"),
    }
}

/// The location's language: staff mode speaks it.
pub(crate) fn lang<'a>(view: &View<'a>) -> &'a welkom_core::LanguageTag {
    &view.kiosk.config.location.language
}

/// A staff text without arguments.
pub(crate) fn text(view: &View<'_>, key: &str) -> String {
    view.texts.plain(lang(view), key)
}

/// A view's title.
pub(crate) fn title(ui: &mut Ui, view: &View<'_>, key: &str) {
    ui.label(
        RichText::new(text(view, key))
            .font(view.metrics.bold(30.0))
            .color(view.palette.text),
    );
    ui.add_space(view.metrics.px(8.0));
}

/// A time of day in the location's zone, "08:05".
pub(crate) fn clock_time(view: &View<'_>, at: Timestamp) -> String {
    let local = at.to_zoned(view.kiosk.config.location.time_zone.zone().clone());
    format!("{:02}:{:02}", local.hour(), local.minute())
}

/// A day as Dutch and English readers both read it, "2-3-2026".
pub(crate) fn day(date: jiff::civil::Date) -> String {
    format!("{}-{}-{}", date.day(), date.month(), date.year())
}
