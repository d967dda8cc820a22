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
location-more-soon = This location's numbers will appear here.
location-follow-ups = Follow-ups: low ratings and talk requests

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
