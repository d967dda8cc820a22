# welkom-hub in a browser: texts for the organisation and the location managers.

site-name = Welkom
skip-to-content = Skip to content
language-choice = Language
language-nl = Nederlands
language-en = English
signed-in-as = Signed in as { $email }
log-out = Log out

login-title = Log in
login-intro = Log in with the email address and password the Welkom administrator gave you.
login-email = Email address
login-password = Password
login-submit = Log in
login-failed = The email address or the password is not right. Check them and try again.
login-busy = Many people are logging in at once. Try again in a minute.
login-needs-https = You can only log in over a secure connection (https://), so that nobody on the network can read your password. Ask the administrator for the https:// address.
login-throttled = Too many failed attempts. Wait { $minutes ->
    [one] a minute
   *[other] { $minutes } minutes
} and try again.
login-logged-out = You have logged out.

overview-title = Overview
overview-intro = The locations you can see.
overview-empty = There are no locations you can see yet. Ask the administrator to link you to a location.
overview-locations = Locations

location-back = Back to the overview
location-time-zone = Time zone: { $zone }

follow-ups-title = Follow-ups
follow-ups-page-title = Follow-ups · { $location }
follow-ups-back = Back to { $location }
follow-ups-intro = Low ratings and parents who would like to talk: first what is still open (oldest on top), then what has been talked about.
follow-ups-period = Period
follow-ups-period-week = This week
follow-ups-period-4weeks = Last 4 weeks
follow-ups-period-show = Show
follow-ups-period-text = From { $from } to { $to }. What is still open stays on the page until someone has talked with the parent.
follow-ups-counts = Counts
follow-ups-counts-only = As the organisation's administrator you see counts only, no names or notes. The location manager sees the details.
follow-ups-open = Open
follow-ups-handled = Talked
follow-ups-low = Low rating
follow-ups-talk-request = Would like to talk
follow-ups-none-open = Nothing open to follow up. Well done!
follow-ups-none-handled = Nothing has been handled in this period yet.
follow-ups-anonymous-parent = Anonymous parent
follow-ups-unknown-parent = Parent (name not known)
follow-ups-when-label = When
follow-ups-face-label = Face
follow-ups-reasons-label = Could be better
follow-ups-no-reasons = No reason chosen
follow-ups-talked-label = Talked
follow-ups-note-label = Note
follow-ups-no-note = No note
follow-ups-handled-by = By { $name }, { $when }
follow-ups-handled-unnamed = { $when }
follow-ups-when = { $weekday } { $date } at { $time }
follow-ups-face = { $face } ({ $score } of { $scale })
follow-ups-moment-drop-off = Drop-off
follow-ups-moment-pick-up = Pick-up
follow-ups-face-great = Great
follow-ups-face-good = Good
follow-ups-face-okay = Okay
follow-ups-face-meh = Not great
follow-ups-face-bad = Bad
follow-ups-reason-handover = The handover
follow-ups-reason-information = Information about my child
follow-ups-reason-attention = Attention for my child
follow-ups-reason-atmosphere = Atmosphere in the group
follow-ups-reason-food = Food and drink
follow-ups-reason-other = Something else
follow-ups-weekday-1 = Monday
follow-ups-weekday-2 = Tuesday
follow-ups-weekday-3 = Wednesday
follow-ups-weekday-4 = Thursday
follow-ups-weekday-5 = Friday
follow-ups-weekday-6 = Saturday
follow-ups-weekday-7 = Sunday

error-not-found-title = Page not found
error-not-found-body = This page does not exist or you have no access to it.
error-forbidden-title = Form not accepted
error-forbidden-body = The form has expired or did not come from this page. Open the page again and try once more.
error-internal-title = Something went wrong
error-internal-body = The hub could not handle this request just now. Try again in a few minutes; if it keeps failing, tell the administrator.
error-home = Go to the start page

## overview
overview-caption = Locations with the numbers of the last 7 days against the 7 days before
overview-col-location = Location
overview-col-answers = Answers
overview-col-enthusiastic = Enthusiastic
overview-col-low = Low
overview-col-response = Response
overview-col-follow-ups = Open follow-ups
overview-col-contact = Kiosk last heard
overview-sort-descending = sort from high to low
overview-sort-ascending = sort from low to high
overview-order-attention = What needs attention is on top: the highest share of low ratings, then the most open follow-ups, then the kiosk silent for longest.
overview-order-descending = Sorted by { $column }, from high to low.
overview-order-ascending = Sorted by { $column }, from low to high.
overview-order-reset = Back to: what needs attention on top
overview-too-few = fewer than 5 answers
overview-no-kiosk = No kiosk
overview-never-heard = Never
overview-silent = Silent
overview-kiosks = { $n ->
    [one] 1 kiosk
   *[other] { $n } kiosks
}
overview-note = The last 7 days (today included) against the 7 days before. A percentage is shown from 5 answers; a change only when both weeks have 5. ▲ higher, ▼ lower, = the same. A kiosk not heard from for over a day is marked ‘Silent’.
numbers-points-up = { $points } percentage points higher than last week
numbers-points-down = { $points } percentage points lower than last week
numbers-points-same = the same as last week
numbers-count-up = { $n } more than last week
numbers-count-down = { $n } fewer than last week
numbers-count-same = as many as last week
numbers-just-now = just now
numbers-minutes-ago = { $n ->
    [one] 1 minute
   *[other] { $n } minutes
} ago
numbers-hours-ago = { $n ->
    [one] 1 hour
   *[other] { $n } hours
} ago
numbers-days-ago = { $n ->
    [one] 1 day
   *[other] { $n } days
} ago

## devices
devices-title = Kiosks
devices-page-title = Kiosks · { $location }
devices-back = Back to { $location }
devices-intro = Every tablet of this location, with when it was last heard from. A kiosk silent for over a day is marked.
devices-none = This location has no kiosk yet. Add one below.
devices-kiosk = Kiosk { $device }
devices-active = Active
devices-revoked = Revoked
devices-revoked-at = Revoked { $when }
devices-silent = Silent
devices-added-label = Added
devices-contact-label = Last contact
devices-waiting-label = Events waiting
devices-version-label = App version
devices-clock-label = Clock
devices-never-heard = Never
devices-contact = { $ago } ({ $when })
devices-unknown = unknown
devices-waiting = { $n ->
    [one] 1 waiting to be sent
   *[other] { $n } waiting to be sent
}
devices-clock-ahead = { $amount } ahead
devices-clock-behind = { $amount } behind
devices-clock-in-step = in step
devices-when = { $date } at { $time }
devices-revoke = Revoke…
devices-revoke-title = Revoke the kiosk?
devices-revoke-text = Once revoked, the token of kiosk { $device } no longer works: the tablet can send and fetch nothing. What it has not sent yet stays waiting on the tablet. Revoking cannot be undone; you can add a new kiosk.
devices-revoke-confirm = Yes, revoke the kiosk
devices-revoke-cancel = No, back to the kiosks
devices-revoked-notice = Kiosk { $device } is revoked. Its token no longer works.
devices-add-title = Add a kiosk
devices-add-text = A new kiosk gets a token of its own. You see it only once; the hub keeps only a hash of it.
devices-add = Add a kiosk
devices-added-title = New kiosk added
devices-added-once = Copy this token now: it is shown only once. Whoever has it can send data for this location, so do not share it.
devices-token-label = Token of kiosk { $device }
devices-config-intro = Put the hub's address and the token in the kiosk's welkom.toml:
devices-config-after = Then restart the kiosk. In staff mode, ‘Sync’ shows whether it is connected.
devices-to-list = To the kiosks of { $location }
devices-again-title = This kiosk was already added
devices-again-text = This form was sent before (for example by reloading the page). The kiosk was added then and its token was shown once; nothing was added now. Lost the token? Revoke that kiosk in the list and add a new one.
devices-stale-title = Form out of date
devices-stale-text = This form is out of date or belongs to another session; nothing was added. Open the list of kiosks and add the kiosk there again.
devices-pair-title = Pair a tablet
devices-pair-text = A new tablet need not have a token typed in: in the tablet's set-up, choose ‘Connect to the organisation's hub’ and enter the hub's address and a pairing code. A code works once, for 15 minutes.
devices-pair = Make a pairing code
devices-pair-made-title = Pairing code for a tablet
devices-pair-code-label = Pairing code for { $location }
devices-pair-until = Valid until { $time }, for one tablet.
devices-pair-how = On the tablet, enter the hub's address ({ $hub }) and this code, with or without the dash. The tablet then fetches its own token and appears in the list of kiosks.
devices-pair-once = This code is shown only once. Expired or lost? Make a new one; an older code stays valid until its end time.
devices-pair-again-title = This pairing code was already made
devices-pair-again-text = This form was sent before (for example by reloading the page); no new code was made. Lost the code? Make a new one in the list of kiosks.
devices-pair-stale-text = This form is out of date or belongs to another session; no code was made. Open the list of kiosks and make a pairing code there.

## export
export-title = Export
export-page-title = Export · { $location }
export-back = Back to { $location }
export-intro = The ratings of this location in a period, without names: one line per rating with day, time, moment (drop-off or pick-up), face, scale, whether it was replaced or counted as misuse, and the groups.
export-from = From
export-to = To (included)
export-date-hint = Days in the location's time zone. By default: the last full month.
export-csv = Download CSV
export-xlsx = Download Excel (.xlsx)
export-error-date = ‘{ $field }’ is not a date the hub can read: { $value }. Pick a day in the calendar or write it as YYYY-MM-DD, for example 2026-03-01.
export-error-missing = Pick a day for ‘{ $field }’.
export-error-order = The period starts ({ $from }) after its last day ({ $to }). Put the earliest day under ‘From’.
export-error-title = The export could not be made

## location page
location-nav = Pages of this location
location-nav-numbers = Numbers
location-nav-follow-ups = Follow-ups
location-nav-devices = Devices
location-nav-export = Export
location-today = Today
location-today-date = As the kiosk counts it today, { $date }.
location-today-total = Total
location-today-table = { $moment }: per group and per hour
location-today-table-note = In brackets: the number of answers. A dash: fewer than five answers, so no percentage.
location-today-misuse = { $count } taps without a code not counted
location-drop-off = Drop-off
location-pick-up = Pick-up
location-answers = answers
location-visits = visits
location-enthusiastic = Enthusiastic
location-low = Low
location-response = Response
location-too-few = Fewer than five answers, so no percentages yet.
location-too-few-short = fewer than five answers
location-trend = Trend
location-period-choice = Period
location-group-choice = Group
location-group-all = All groups
location-period = { $period }
location-trend-4w = 4 weeks
location-trend-13w = 13 weeks
location-trend-52w = A year
location-trend-axis-day = Day
location-trend-axis-week = Week from
location-trend-axis-enthusiastic = Enthusiastic
location-trend-axis-low = Low
location-trend-chart-enthusiastic = Share of enthusiastic answers
location-trend-chart-low = Share of low answers (the two lowest faces)
location-trend-gap = No point: fewer than five answers.
location-trend-empty = No day or week with five answers or more in this period yet: the charts stay empty.
location-trend-table = The charts' numbers as a table
location-trend-table-note = A dash: fewer than five answers, so no percentage.
location-trend-week-change = { $moment }: { $now } enthusiastic this week, { $before } the week before ({ $points } percentage points)
location-trend-week-unknown = { $moment }: too few answers yet to compare two weeks
location-legend = Legend
location-heat = By weekday and hour
location-heat-intro = The colour is the share of enthusiastic answers in the chosen period; the number below it is the number of answers. Blank: fewer than five answers.
location-heat-empty = No answers in this period yet.
location-heat-answers = { $answers } ans.
location-heat-blank = fewer than five answers
location-month-1 = Jan
location-month-2 = Feb
location-month-3 = Mar
location-month-4 = Apr
location-month-5 = May
location-month-6 = Jun
location-month-7 = Jul
location-month-8 = Aug
location-month-9 = Sep
location-month-10 = Oct
location-month-11 = Nov
location-month-12 = Dec
location-weekday-1 = Mon
location-weekday-2 = Tue
location-weekday-3 = Wed
location-weekday-4 = Thu
location-weekday-5 = Fri
location-weekday-6 = Sat
location-weekday-7 = Sun
