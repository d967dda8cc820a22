# Welkom — Deutsch.

## Startbildschirm
welcome-instruction-pin-badge = Tippe deinen Code ein oder scanne deine Karte
welcome-instruction-pin = Tippe deinen Code ein
welcome-instruction-badge = Scanne deine Karte
welcome-instruction-names = Wähle deinen Namen
welcome-closed = Wir haben jetzt geschlossen · geöffnet { $open }–{ $close }
welcome-names-button = Wähle deinen Namen
code-checking = Einen Moment…
code-not-recognised = Code nicht erkannt
badge-not-recognised = Karte nicht erkannt
save-failed = Da ist etwas schiefgegangen. Versuch es noch einmal oder sag uns kurz Bescheid.
code-cooldown = Zu oft ein falscher Code. Versuch es in { $time } noch einmal.
keypad-ok = OK
keypad-erase = Löschen
keypad-entered = { $count ->
    [0] Noch keine Ziffer eingetippt
    [one] 1 Ziffer eingetippt
   *[other] { $count } Ziffern eingetippt
}
names-title = Wähle deinen Namen
names-back = Zurück

## Begrüßung
greeting-morning = Guten Morgen, { $name }!
greeting-afternoon = Guten Tag, { $name }!
greeting-evening = Guten Abend, { $name }!
occasion-first-day = Willkommen, { $child }! Einen schönen ersten Tag!
occasion-birthday = Hurra, { $child } wird heute { $age }!
occasion-last-day = Heute ist der letzte Tag von { $child }. Wir werden euch vermissen!
occasion-welcome-back = Schön, dass ihr wieder da seid!

## Bringen oder Abholen
moment-drop-off = Bringen
moment-pick-up = Abholen
moment-switch = Stimmt nicht? Tippe zum Wechseln
child-included = { $child } ist dabei
child-excluded = { $child } ist nicht dabei

## Die Frage und die Gesichter
question-drop-off = Wie war das Bringen heute für dich?
question-pick-up = Wie war das Abholen heute?
face-great = Super
face-good = Gut
face-okay = Geht so
face-meh = Mäßig
face-bad = Nicht gut
rate-skip = Überspringen

## Danke
thanks = Danke, { $name }!
thanks-drop-off = Einen schönen Tag!
thanks-pick-up = Bis zum nächsten Mal!
followup-question = Was können wir besser machen?
reason-handover = Die Übergabe
reason-information = Informationen zu meinem Kind
reason-attention = Aufmerksamkeit für mein Kind
reason-atmosphere = Stimmung in der Gruppe
reason-food = Essen und Trinken
reason-other = Etwas anderes
talk-request = Ich möchte gern kurz sprechen
talk-request-noted = Wir melden uns bei dir
followup-done = Fertig
change-rating = Anderes Gesicht wählen

# The language's own name, on the chips where staff choose a language.
language-name = Deutsch
# Above the languages offered when the parent taps the language button.
language-choose = Wähle deine Sprache
