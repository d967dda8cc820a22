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

## Saving failed (a line over every view, while answers are not saved)
save-problem-disk-full = Answers have not been saved since { $time } ({ $count ->
    [one] 1 failure
   *[other] { $count } failures
}): this tablet's storage is full. Free some space; the next answer is then saved as usual. File: { $file }
save-problem-read-only = Answers have not been saved since { $time } ({ $count ->
    [one] 1 failure
   *[other] { $count } failures
}): the data folder can only be read. Ask the administrator to make it writable again. File: { $file }
save-problem-busy = Answers have not been saved since { $time } ({ $count ->
    [one] 1 failure
   *[other] { $count } failures
}): the database was kept busy too long by other work. Restart the kiosk if this keeps happening. File: { $file }
save-problem-other = Answers have not been saved since { $time } ({ $count ->
    [one] 1 failure
   *[other] { $count } failures
}): the database reported an error. The kiosk's log says which; restart the kiosk or ask the administrator. File: { $file }

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
follow-up-handled-unnamed = Talked at { $time }
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
sync-connected = Connected to the central server ({ $location }). Everything is sent by itself.
sync-retrying = No connection to the central server. Nothing is lost: the kiosk tries again at { $time }.
sync-token-refused = The central server refuses this kiosk's key. Nothing is sent any more (but everything is kept). Ask the administrator for a new key.
sync-clock-behind = This tablet's clock is { $minutes } minutes behind the server. Ask the administrator to set the time.
sync-clock-ahead = This tablet's clock is { $minutes } minutes ahead of the server. Ask the administrator to set the time.
sync-set-aside = { $count ->
    [one] 1 event was refused by the server and set aside:
   *[other] { $count } events were refused by the server and set aside:
}
sync-set-aside-line = { $time }: { $reason }
sync-connected-receiver = Connected to the receiver. Everything is sent by itself; the list of parents and children is kept on this kiosk.
sync-plain-http = The connection to { $address } is not encrypted (http://): what is sent can be read on the way. Ask the administrator for an https:// address.
sync-retry-set-aside = Send again
sync-drop-set-aside = Drop
sync-drop-confirm = { $count ->
    [one] Are you sure? 1 event will never be sent. Tap "Yes, drop".
   *[other] Are you sure? { $count } events will never be sent. Tap "Yes, drop".
}
sync-drop-yes = Yes, drop
sync-drop-keep = No, keep
config-plain-http = Warning: upstream.url { $address } is http:// without encryption to another machine; events, names included, cross the network readable. Use https:// (welkom-hub serve --tls-cert and --tls-key, or a reverse proxy).

## Settings
settings-title = Settings
settings-exit = Close the kiosk
settings-exit-confirm = Are you sure? Tap once more to close.
settings-tab-families = Parents and PINs
settings-tab-roster = Import roster
settings-tab-questions = Questions and reasons
settings-tab-kiosk = Kiosk
settings-tab-languages = Languages
settings-save = Save
settings-revert = Undo changes
settings-unsaved = Not saved yet
settings-cancel = Cancel

settings-search = Search by parent's or child's name
settings-no-families = No parent found.
settings-has-pin = has a PIN
settings-no-pin = no PIN
settings-has-badge = badge linked
settings-no-badge = no badge
settings-issue-pin = New PIN
settings-issue-pin-for = New PIN for { $name }
settings-revoke-pin = Revoke PIN
settings-revoke-confirm = Sure? Tap again
settings-revoke-pin-for = Revoke the PIN of { $name }
settings-link-badge = Link badge
settings-link-badge-for = Link a badge to { $name }
settings-linking = Now hold { $name }'s badge to the reader.
settings-shown-pin = The new PIN of { $name }:
settings-shown-pin-once = Hand it over or export it: Welkom shows it only once and keeps only a hashed form.
settings-export-pins = { $count ->
    [one] Export 1 new PIN
   *[other] Export { $count } new PINs
}

msg-badge-linked = The badge now belongs to { $name }.
msg-badge-taken = This badge already belongs to another parent. Nothing was changed.
msg-pin-revoked = The PIN of { $name } no longer works. A linked badge still does.
msg-pins-exported = { $count ->
    [one] 1 new PIN is in { $path }.
   *[other] { $count } new PINs are in { $path }.
} Hand them over, then delete the file.
msg-pins-not-exported = The PINs could not be written. Check that the USB stick is in and not full, and try again.
msg-import-failed = The file could not be read. Nothing was changed.
msg-saved = The settings are saved and apply now.
msg-save-refused = Not saved: { $reason }
msg-store-failed = That did not work: the store reported an error. Please try again.

import-intro = Put the roster (a CSV file) on a USB stick or in Welkom's "import" folder. Choose the file and import it; a roster with errors changes nothing.
import-folder-path = The "import" folder on this device: { $path }
import-search-again = Search again
import-import = Import this roster
import-importing = Importing…
import-none = No roster found. Insert the USB stick and tap Search again.
import-usb = USB stick
import-folder = Import folder
import-new-pins = { $count ->
    [one] 1 parent got a new PIN: export it under Parents and PINs.
   *[other] { $count } parents got a new PIN: export them under Parents and PINs.
}

questions-drop-off = Question at drop-off
questions-pick-up = Question at pick-up
reasons-title = Reasons after a low rating (at most six)
settings-reason-words = Reason { $n }
settings-reason-remove = Remove reason { $n }
settings-reason-add = Add a reason
settings-reason-needs-words = Reason { $n } has no words in { $language } yet.

kiosk-faces = Faces
kiosk-faces-count = { $count } faces
kiosk-thank-you = Thank-you screen stays for
kiosk-idle = Back to the start after
kiosk-staff-idle = Staff screen closes after
kiosk-open = Open from
kiosk-close = Closed at
kiosk-anonymous = Keep ratings anonymous
kiosk-anonymous-note = Parents are still greeted by name. Whoever asks to talk stays known by name.
kiosk-retention = Keep the link to the parent for
kiosk-retention-note = After that only the rating remains, without a name.
kiosk-languages = Languages parents can choose
kiosk-languages-note = Parents choose from these with the language button when rating. The location's language ({ $language }) is always on.
unit-seconds = { $n } s
unit-days = { $n ->
    [one] 1 day
   *[other] { $n } days
}
stepper-less = Less: { $what }
stepper-more = More: { $what }


## Roster import (the report after loading a roster file)
roster-rejected = { $count ->
    [one] The roster was not loaded: it has 1 problem.
   *[other] The roster was not loaded: it has { $count } problems.
} Nothing was changed; correct the file and load it again.
roster-summary = The roster was loaded.
    Guardians: { $guardians-added } added, { $guardians-updated } updated, { $guardians-deactivated } no longer in the roster (made inactive).
    Children: { $children-added } added, { $children-updated } updated, { $children-deactivated } no longer in the roster (made inactive).
    { $new-pins ->
        [0] No new PINs were needed.
        [one] 1 guardian got a new PIN; hand it to them.
       *[other] { $new-pins } guardians got a new PIN; hand the PINs to them.
    }
roster-this-column = this column
roster-problem-at-line-column = Line { $line }, column { $column }: { $problem }
roster-problem-at-line = Line { $line }: { $problem }
roster-problem-at-row-column = Row { $line }, column { $column }: { $problem }
roster-problem-at-row = Row { $line }: { $problem }
roster-problem-at-column = Column { $column }: { $problem }
roster-problem-too-large = the file is { $size } MB, larger than the limit of { $limit } MB; check that this is the roster file.
roster-problem-empty = the file is empty; save the roster from Excel or LibreOffice as .xlsx, .ods or CSV, with a header line and one line per guardian and child.
roster-problem-binary = this is neither a CSV text file nor a spreadsheet; save the roster from Excel or LibreOffice as .xlsx, .ods or CSV.
roster-problem-bad-encoding = the file says it is { $encoding } text but it is not; save the roster from Excel again as CSV UTF-8.
roster-problem-unreadable = the file could not be read as CSV ({ $detail }); save the roster from Excel as CSV.
roster-problem-no-rows = the file has a header line but no other lines; add one line per guardian and child.
roster-problem-missing-column = the required column { $column } is missing from the header line; add it.
roster-problem-unknown-column = '{ $column }' is not a known column; rename or remove it (the known columns are { $known }).
roster-problem-duplicate-column = the column { $column } appears twice in the header line (columns { $first } and { $second }); keep one.
roster-problem-value-in-unnamed-column = '{ $value }' is in column { $position }, which has no name in the header line; name the column or remove the value.
roster-problem-wrong-field-count = this line has { $found ->
    [one] 1 field
   *[other] { $found } fields
} but the header line has { $expected }; look for a missing or extra separator, or a quote that is not closed.
roster-problem-missing-value = this field is empty; fill it in, as every line needs guardian_id, guardian_first_name, child_id and child_first_name.
roster-problem-too-long = the value is { $length } characters long; at most { $max } are allowed, so shorten it.
roster-problem-control-character = '{ $value }' contains invisible control characters; type the value again.
roster-problem-bad-pin = { $lost-zero ->
    [yes] the PIN '{ $value }' is not 4 to 6 digits; if it started with a 0, Excel may have dropped it: format the column as text, or leave the field empty (Welkom then makes a PIN).
   *[no] the PIN '{ $value }' is not 4 to 6 digits; fill in digits or leave the field empty (Welkom then makes a PIN).
}
roster-problem-bad-pin-hash = '{ $value }' is not a PIN verifier from welkom-hub; leave pin_hash empty and fill in a PIN, or let the kiosk fetch the roster from the hub.
roster-problem-pin-hash-key-differs = this pin_hash has another key than the one on { $unit ->
    [row] row
   *[line] line
} { $other-line }; all of a roster's pin_hash values come from one hub location, so let the kiosk fetch the roster from the hub.
roster-problem-duplicate-pin-hash = guardian { $guardian } has the same pin_hash (so the same PIN) as guardian { $other-guardian } on { $unit ->
    [row] row
   *[line] line
} { $other-line }; every guardian needs their own PIN, so let the kiosk fetch the roster from the hub, which issues them.
roster-problem-bad-badge = the badge code '{ $value }' contains spaces or invisible characters; type the code without spaces, or leave the field empty.
roster-problem-bad-language = '{ $value }' is not a language; use a code such as nl, en, tr, pl or uk, or leave the field empty for the location's language.
roster-problem-bad-date = '{ $value }' is not a date; write dates as DD-MM-YYYY or YYYY-MM-DD, for example 14-03-2021 or 2021-03-14, or leave the field empty.
roster-problem-end-before-start = the end date { $end } is before the start date { $start }; correct one of the two.
roster-problem-conflict = { $person ->
    [guardian] guardian
   *[child] child
} { $id } has '{ $value }' here but '{ $other-value }' on { $unit ->
    [row] row
   *[line] line
} { $other-line }; lines of the same { $person ->
    [guardian] guardian
   *[child] child
} must agree, so correct one or leave the field empty.
roster-problem-duplicate-pair = guardian { $guardian } and child { $child } are already paired on { $unit ->
    [row] row
   *[line] line
} { $other-line }; remove one of the two lines.
roster-problem-duplicate-pin = guardian { $guardian } has PIN { $pin }, which guardian { $other-guardian } already has on { $unit ->
    [row] row
   *[line] line
} { $other-line }; give every guardian their own PIN, or leave the field empty (Welkom then makes a PIN).
roster-problem-duplicate-badge = guardian { $guardian } has badge { $badge }, which guardian { $other-guardian } already has on { $unit ->
    [row] row
   *[line] line
} { $other-line }; give every guardian their own badge.
roster-problem-unsupported-spreadsheet = { $format ->
    [xls] this is an old Excel file (.xls) or a file protected with a password
    [xlsb] this is a binary Excel file (.xlsb)
   *[other] this is a zip file but no .xlsx or .ods spreadsheet
}; open it in Excel or LibreOffice and save it as .xlsx, .ods or CSV, without a password.
roster-problem-bad-spreadsheet = the spreadsheet could not be read ({ $detail }); open it in Excel or LibreOffice, remove any password and save it again.
roster-problem-sheet-too-large = the roster's sheet spans { $cells } cells, more than the { $limit } Welkom reads; delete the empty rows and columns after the roster, or copy the roster to a new sheet.
roster-problem-cell-error = the cell shows the error { $value } instead of a value; correct the formula or type the value.
roster-problem-too-many = { $more ->
    [one] 1 more problem was
   *[other] { $more } more problems were
} not listed; fix the ones above first, then load the file again.
