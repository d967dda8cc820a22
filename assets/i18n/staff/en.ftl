## Staff mode. Only staff see these texts; Dutch and English.

staff-button = Staff
staff-button-open = Staff · { $count } open
staff-pin-title = Staff
staff-pin-instruction = Enter your staff code
staff-pin-checking = Checking…
staff-pin-not-recognised = Code not recognised
staff-pin-no-staff = No staff members yet. Add them with: welkom staff add
staff-cooldown = Too many wrong codes. Try again in { $time }.
staff-back = Back
staff-close = Close
staff-signed-in = { $name }
staff-unavailable = This could not be read. Try again or restart the kiosk.

staff-tab-today = Today
staff-tab-trend = Trend
staff-tab-follow-up = Follow up
staff-tab-follow-up-count = Follow up ({ $count })
staff-tab-present = Present
staff-tab-sync = Sync
staff-tab-settings = Settings

## Today
today-title = Today
today-answers = { $answers ->
    [one] 1 answer
   *[other] { $answers } answers
} from { $visits ->
    [one] 1 visit
   *[other] { $visits } visits
}
today-too-few = Fewer than 5 answers: counts only.
today-enthusiastic = Enthusiastic
today-low = Low
today-response = Response
today-misuse = { $count } taps without a code not counted
today-by-group = Per group
today-by-hour = Per hour

## Trend
trend-title = The last four weeks
trend-axis = Share of enthusiastic parents per day (only days with at least 5 answers)
trend-chart = Chart of the share of enthusiastic parents per day, drop-off and pick-up
trend-week-change = { $moment }: { $now } enthusiastic this week, { $before } the week before ({ $points } points)
trend-week-unknown = { $moment }: too few answers yet to compare two weeks

## Follow up
follow-up-title = Parents to talk to
follow-up-empty = Nothing to follow up. Well done!
follow-up-anonymous = Anonymous parent
follow-up-talk-request = Would like to talk
follow-up-low = Low rating
follow-up-reasons = Could be better: { $reasons }
follow-up-when = { $moment }, { $date } at { $time }
follow-up-talked = Talked
follow-up-preset-drop-off = Talked at drop-off
follow-up-preset-pick-up = Talked at pick-up
follow-up-preset-phone = Talked on the phone
follow-up-preset-mentor = Mentor will get in touch
follow-up-note-hint = Short note (may be empty)
follow-up-save = Save as talked
follow-up-cancel = Cancel
follow-up-handled = Talked by { $name } at { $time }
follow-up-groups = Group: { $groups }

## Present
present-title = Present
present-count = { $count ->
    [one] 1 child present
   *[other] { $count } children present
}
present-empty = Nobody is checked in now.
present-since = since { $time }
present-after-closing = Still here after closing time
present-no-group = No group

## Sync
sync-title = Sync
sync-waiting = { $count ->
    [0] Everything has been sent.
    [one] 1 event is waiting to be sent.
   *[other] { $count } events are waiting to be sent.
}
sync-oldest = The oldest has waited since { $time }.
sync-last-sent = Last sent: { $time }.
sync-never-sent = Never sent yet.
sync-not-connected = This kiosk is not connected to a central server. Everything stays safely on this device.

## Settings
settings-title = Settings
settings-exit = Close the kiosk
settings-exit-confirm = Are you sure? Tap once more to close.
