# Welkom — English.

## Welcome screen
welcome-instruction-pin-badge = Type your code or scan your card
welcome-instruction-pin = Type your code
welcome-instruction-badge = Scan your card
welcome-instruction-names = Choose your name
welcome-closed = We are closed now · open { $open }–{ $close }
welcome-names-button = Choose your name
code-checking = Checking…
code-not-recognised = Code not recognised
badge-not-recognised = Card not recognised
save-failed = Something went wrong. Please try again or let us know.
code-cooldown = Too many wrong codes. Try again in { $time }.
keypad-ok = OK
keypad-erase = Erase
keypad-entered = { $count ->
    [0] No digits typed yet
    [one] 1 digit typed
   *[other] { $count } digits typed
}
names-title = Choose your name
names-back = Back

## Greeting
greeting-morning = Good morning, { $name }!
greeting-afternoon = Good afternoon, { $name }!
greeting-evening = Good evening, { $name }!
occasion-first-day = Welcome, { $child }! Have a lovely first day!
occasion-birthday = Hooray, { $child } turns { $age } today!
occasion-last-day = Today is { $child }'s last day. We will miss you!
occasion-welcome-back = Lovely to see you again!

## Drop-off or pick-up
moment-drop-off = Drop-off
moment-pick-up = Pick-up
moment-switch = Not right? Tap to switch
child-included = { $child } is included
child-excluded = { $child } is not included

## The question and the faces
question-drop-off = How did drop-off feel today?
question-pick-up = How was pick-up today?
face-great = Great
face-good = Good
face-okay = Okay
face-meh = Not great
face-bad = Bad
rate-skip = Skip

## Thank you
thanks = Thank you, { $name }!
thanks-drop-off = Have a good day!
thanks-pick-up = See you next time!
followup-question = What could be better?
reason-handover = The handover
reason-information = Information about my child
reason-attention = Attention for my child
reason-atmosphere = Atmosphere in the group
reason-food = Food and drink
reason-other = Something else
talk-request = I'd like a word
talk-request-noted = We will get back to you
followup-done = Done
change-rating = Choose another face

# The language's own name, on the chips where staff choose a language.
language-name = English
# Above the languages offered when the parent taps the language button.
language-choose = Choose your language
