# Welkom — polski.

## Ekran powitalny
welcome-instruction-pin-badge = Wpisz kod lub zeskanuj kartę
welcome-instruction-pin = Wpisz kod
welcome-instruction-badge = Zeskanuj kartę
welcome-instruction-names = Wybierz swoje imię
welcome-closed = Teraz mamy zamknięte · czynne { $open }–{ $close }
welcome-names-button = Wybierz swoje imię
code-checking = Sprawdzam…
code-not-recognised = Nie rozpoznano kodu
badge-not-recognised = Nie rozpoznano karty
save-failed = Coś poszło nie tak. Spróbuj jeszcze raz albo daj nam znać.
code-cooldown = Za dużo błędnych kodów. Spróbuj ponownie za { $time }.
keypad-ok = OK
keypad-erase = Usuń
keypad-entered = { $count ->
    [0] Nie wpisano jeszcze żadnej cyfry
    [one] Wpisano 1 cyfrę
    [few] Wpisano { $count } cyfry
    [many] Wpisano { $count } cyfr
   *[other] Wpisano { $count } cyfry
}
names-title = Wybierz swoje imię
names-back = Wstecz

## Powitanie
greeting-morning = Dzień dobry, { $name }!
greeting-afternoon = Dzień dobry, { $name }!
greeting-evening = Dobry wieczór, { $name }!
occasion-first-day = Witaj, { $child }! Miłego pierwszego dnia!
occasion-birthday = Hurra, { $child } ma dziś { $age }. urodziny!
occasion-last-day = Dziś { $child } ma u nas ostatni dzień. Będziemy tęsknić!
occasion-welcome-back = Miło, że znów jesteście!

## Przyprowadzenie lub odbiór
moment-drop-off = Przyprowadzenie
moment-pick-up = Odbiór
moment-switch = Nie zgadza się? Dotknij, aby zmienić
child-included = { $child } bierze udział
child-excluded = { $child } nie bierze udziału

## Pytanie i buźki
question-drop-off = Jak minęło dziś przyprowadzenie?
question-pick-up = Jak minął dziś odbiór?
face-great = Super
face-good = Dobrze
face-okay = Może być
face-meh = Słabo
face-bad = Źle
rate-skip = Pomiń

## Dziękujemy
thanks = Dziękujemy, { $name }!
thanks-drop-off = Miłego dnia!
thanks-pick-up = Do zobaczenia!
followup-question = Co możemy poprawić?
reason-handover = Przekazanie dziecka
reason-information = Informacje o moim dziecku
reason-attention = Uwaga poświęcona mojemu dziecku
reason-atmosphere = Atmosfera w grupie
reason-food = Jedzenie i picie
reason-other = Coś innego
talk-request = Chcę chwilę porozmawiać
talk-request-noted = Odezwiemy się do ciebie
followup-done = Gotowe
change-rating = Wybierz inną buźkę

# The language's own name, on the chips where staff choose a language.
language-name = Polski
# Above the languages offered when the parent taps the language button.
language-choose = Wybierz język
