# Welkom — Nederlands (de standaardtaal). Elke tekst die een ouder of medewerker ziet.

## Welkomstscherm
welcome-instruction-pin-badge = Tik je code in of scan je pas
welcome-instruction-pin = Tik je code in
welcome-instruction-badge = Scan je pas
welcome-instruction-names = Kies je naam
welcome-closed = We zijn nu gesloten · open { $open }–{ $close }
welcome-names-button = Kies je naam
code-checking = Even controleren…
code-not-recognised = Code niet herkend
badge-not-recognised = Pas niet herkend
save-failed = Er ging iets mis. Probeer het nog eens of meld het even bij ons.
code-cooldown = Te vaak een verkeerde code. Probeer het over { $time } opnieuw.
keypad-ok = OK
keypad-erase = Wissen
keypad-entered = { $count ->
    [0] Nog geen cijfers ingetikt
    [one] 1 cijfer ingetikt
   *[other] { $count } cijfers ingetikt
}
names-title = Kies je naam
names-back = Terug

## Begroeting
greeting-morning = Goedemorgen, { $name }!
greeting-afternoon = Goedemiddag, { $name }!
greeting-evening = Goedenavond, { $name }!
occasion-first-day = Welkom, { $child }! Fijne eerste dag!
occasion-birthday = Hoera, { $child } wordt vandaag { $age }!
occasion-last-day = Vandaag is de laatste dag van { $child }. We gaan je missen!
occasion-welcome-back = Fijn dat jullie er weer zijn!

## Brengen of halen
moment-drop-off = Brengen
moment-pick-up = Halen
moment-switch = Niet goed? Tik om te wisselen
child-included = { $child } doet mee
child-excluded = { $child } doet niet mee

## De vraag en de gezichtjes
question-drop-off = Hoe voelde het brengen vandaag?
question-pick-up = Hoe was het ophalen vandaag?
face-great = Top
face-good = Goed
face-okay = Gaat wel
face-meh = Matig
face-bad = Niet goed
rate-skip = Overslaan

## Bedankt
thanks = Dank je wel, { $name }!
thanks-drop-off = Fijne dag!
thanks-pick-up = Tot de volgende keer!
followup-question = Wat kan beter?
reason-handover = De overdracht
reason-information = Informatie over mijn kind
reason-attention = Aandacht voor mijn kind
reason-atmosphere = Sfeer in de groep
reason-food = Eten en drinken
reason-other = Iets anders
talk-request = Ik wil graag even praten
talk-request-noted = We komen bij je terug
followup-done = Klaar
change-rating = Ander gezichtje kiezen

# The language's own name, on the chips where staff choose a language.
language-name = Nederlands
# Above the languages offered when the parent taps the language button.
language-choose = Kies je taal
