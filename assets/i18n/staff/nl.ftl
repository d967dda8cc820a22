## Staff mode (medewerkers). Only staff see these texts; Dutch and English.

staff-button = Medewerkers
staff-button-open = Medewerkers · { $count } open
staff-pin-title = Medewerkers
staff-pin-instruction = Toets je medewerkerscode
staff-pin-checking = Even controleren…
staff-pin-not-recognised = Code niet herkend
staff-pin-no-staff = Er zijn nog geen medewerkers. Voeg ze toe met: welkom staff add
staff-cooldown = Te vaak een verkeerde code. Probeer het over { $time } opnieuw.
staff-back = Terug
staff-close = Sluiten
staff-signed-in = { $name }
staff-unavailable = Dit kon niet worden gelezen. Probeer het opnieuw of herstart de kiosk.

## Opslaan mislukt (een regel boven elk overzicht, zolang antwoorden niet worden opgeslagen)
save-problem-disk-full = Sinds { $time } worden antwoorden niet opgeslagen ({ $count ->
    [one] 1 keer
   *[other] { $count } keer
} mislukt): de opslag van deze tablet is vol. Maak ruimte vrij; daarna wordt het volgende antwoord gewoon opgeslagen. Bestand: { $file }
save-problem-read-only = Sinds { $time } worden antwoorden niet opgeslagen ({ $count ->
    [one] 1 keer
   *[other] { $count } keer
} mislukt): de gegevensmap kan alleen gelezen worden. Laat de beheerder de map weer beschrijfbaar maken. Bestand: { $file }
save-problem-busy = Sinds { $time } worden antwoorden niet opgeslagen ({ $count ->
    [one] 1 keer
   *[other] { $count } keer
} mislukt): de database was te lang bezet door ander werk. Herstart de kiosk als dit blijft gebeuren. Bestand: { $file }
save-problem-other = Sinds { $time } worden antwoorden niet opgeslagen ({ $count ->
    [one] 1 keer
   *[other] { $count } keer
} mislukt): de database gaf een fout. Het logboek van de kiosk zegt welke; herstart de kiosk of vraag de beheerder. Bestand: { $file }

staff-tab-today = Vandaag
staff-tab-trend = Trend
staff-tab-follow-up = Opvolgen
staff-tab-follow-up-count = Opvolgen ({ $count })
staff-tab-present = Aanwezig
staff-tab-sync = Synchronisatie
staff-tab-settings = Instellingen

## Vandaag
today-title = Vandaag
today-answers = { $answers ->
    [one] 1 antwoord
   *[other] { $answers } antwoorden
} bij { $visits ->
    [one] 1 bezoek
   *[other] { $visits } bezoeken
}
today-too-few = Minder dan 5 antwoorden: alleen de aantallen.
today-enthusiastic = Enthousiast
today-low = Laag
today-response = Respons
today-misuse = { $count } tikken zonder code niet meegeteld
today-by-group = Per groep
today-by-hour = Per uur

## Trend
trend-title = De laatste vier weken
trend-axis = Aandeel enthousiast per dag (alleen dagen met minstens 5 antwoorden)
trend-chart = Grafiek van het aandeel enthousiaste ouders per dag, brengen en halen
trend-week-change = { $moment }: { $now } enthousiast deze week, { $before } de week ervoor ({ $points } procentpunt)
trend-week-unknown = { $moment }: nog te weinig antwoorden om twee weken te vergelijken

## Opvolgen
follow-up-title = Ouders om te spreken
follow-up-empty = Niets om op te volgen. Mooi zo!
follow-up-anonymous = Anonieme ouder
follow-up-talk-request = Wil graag even praten
follow-up-low = Laag cijfer
follow-up-reasons = Wat kan beter: { $reasons }
follow-up-when = { $moment }, { $date } om { $time }
follow-up-talked = Gesproken
follow-up-preset-drop-off = Gesproken bij het brengen
follow-up-preset-pick-up = Gesproken bij het ophalen
follow-up-preset-phone = Telefonisch gesproken
follow-up-preset-mentor = Mentor neemt contact op
follow-up-note-hint = Korte notitie (mag leeg)
follow-up-save = Opslaan als gesproken
follow-up-cancel = Annuleren
follow-up-handled = Gesproken door { $name } om { $time }
follow-up-handled-unnamed = Gesproken om { $time }
follow-up-groups = Groep: { $groups }

## Aanwezig
present-title = Aanwezig
present-count = { $count ->
    [one] 1 kind aanwezig
   *[other] { $count } kinderen aanwezig
}
present-empty = Er is nu niemand ingecheckt.
present-since = sinds { $time }
present-after-closing = Na sluitingstijd nog aanwezig
present-no-group = Zonder groep

## Synchronisatie
sync-title = Synchronisatie
sync-waiting = { $count ->
    [0] Alles is verstuurd.
    [one] 1 gebeurtenis wacht op verzending.
   *[other] { $count } gebeurtenissen wachten op verzending.
}
sync-oldest = De oudste wacht sinds { $time }.
sync-last-sent = Laatst verstuurd: { $time }.
sync-never-sent = Nog nooit verstuurd.
sync-not-connected = Deze kiosk is niet gekoppeld aan een centrale server. Alles blijft veilig op dit apparaat bewaard.
sync-connected = Verbonden met de centrale server ({ $location }). Alles wordt vanzelf verstuurd.
sync-retrying = Geen verbinding met de centrale server. Niets gaat verloren: de kiosk probeert het opnieuw om { $time }.
sync-token-refused = De centrale server weigert de sleutel van deze kiosk. Er wordt niets meer verstuurd (wel alles bewaard). Vraag de beheerder om een nieuwe sleutel.
sync-clock-behind = De klok van deze tablet loopt { $minutes } minuten achter op de server. Laat de beheerder de tijd instellen.
sync-clock-ahead = De klok van deze tablet loopt { $minutes } minuten voor op de server. Laat de beheerder de tijd instellen.
sync-set-aside = { $count ->
    [one] 1 gebeurtenis is door de server geweigerd en apart gezet:
   *[other] { $count } gebeurtenissen zijn door de server geweigerd en apart gezet:
}
sync-set-aside-line = { $time }: { $reason }
sync-connected-receiver = Verbonden met de ontvanger. Alles wordt vanzelf verstuurd; de lijst met ouders en kinderen wordt op deze kiosk bijgehouden.
sync-plain-http = De verbinding met { $address } is niet versleuteld (http://): wat verstuurd wordt, is onderweg leesbaar. Vraag de beheerder om een https://-adres.
sync-retry-set-aside = Opnieuw versturen
sync-drop-set-aside = Weggooien
sync-drop-confirm = { $count ->
    [one] Weet je het zeker? 1 gebeurtenis wordt nooit meer verstuurd. Tik op "Ja, weggooien".
   *[other] Weet je het zeker? { $count } gebeurtenissen worden nooit meer verstuurd. Tik op "Ja, weggooien".
}
sync-drop-yes = Ja, weggooien
sync-drop-keep = Nee, bewaren
config-plain-http = Let op: upstream.url { $address } is http:// zonder versleuteling naar een andere machine; gebeurtenissen, met namen, gaan leesbaar over het netwerk. Gebruik https:// (welkom-hub serve --tls-cert en --tls-key, of een reverse proxy).

## Instellingen
settings-title = Instellingen
settings-exit = Kiosk afsluiten
settings-exit-confirm = Weet je het zeker? Tik nog een keer om af te sluiten.
settings-tab-families = Ouders en codes
settings-tab-roster = Rooster inlezen
settings-tab-questions = Vragen en redenen
settings-tab-kiosk = Kiosk
settings-tab-languages = Talen
settings-save = Opslaan
settings-revert = Terugzetten
settings-unsaved = Nog niet opgeslagen
settings-cancel = Annuleren

settings-search = Zoek op naam van ouder of kind
settings-no-families = Geen ouder gevonden.
settings-has-pin = heeft een code
settings-no-pin = geen code
settings-has-badge = pas gekoppeld
settings-no-badge = geen pas
settings-issue-pin = Nieuwe code
settings-issue-pin-for = Nieuwe code voor { $name }
settings-revoke-pin = Code intrekken
settings-revoke-confirm = Zeker? Tik nog eens
settings-revoke-pin-for = Code intrekken van { $name }
settings-link-badge = Pas koppelen
settings-link-badge-for = Pas koppelen aan { $name }
settings-linking = Houd nu de pas van { $name } bij de lezer.
settings-shown-pin = De nieuwe code van { $name }:
settings-shown-pin-once = Geef de code door of exporteer hem: Welkom toont hem maar één keer en bewaart alleen een versleutelde vorm.
settings-export-pins = { $count ->
    [one] 1 nieuwe code exporteren
   *[other] { $count } nieuwe codes exporteren
}

msg-badge-linked = De pas hoort nu bij { $name }.
msg-badge-taken = Deze pas hoort al bij een andere ouder. Er is niets veranderd.
msg-pin-revoked = De code van { $name } werkt niet meer. Een gekoppelde pas blijft werken.
msg-pins-exported = { $count ->
    [one] 1 nieuwe code staat in { $path }.
   *[other] { $count } nieuwe codes staan in { $path }.
} Geef ze door en verwijder daarna het bestand.
msg-pins-not-exported = De codes konden niet worden weggeschreven. Kijk of de USB-stick erin zit en niet vol is, en probeer het opnieuw.
msg-import-failed = Het bestand kon niet worden gelezen. Er is niets veranderd.
msg-saved = De instellingen zijn opgeslagen en gelden meteen.
msg-save-refused = Niet opgeslagen: { $reason }
msg-store-failed = Dat lukte niet: de opslag gaf een fout. Probeer het opnieuw.

import-intro = Zet het rooster (een CSV-bestand) op een USB-stick of in de map "import" van Welkom. Kies het bestand en lees het in; een rooster met fouten verandert niets.
import-folder-path = De map "import" op dit apparaat: { $path }
import-search-again = Opnieuw zoeken
import-import = Dit rooster inlezen
import-importing = Bezig met inlezen…
import-none = Geen rooster gevonden. Steek de USB-stick erin en tik op Opnieuw zoeken.
import-usb = USB-stick
import-folder = Map import
import-new-pins = { $count ->
    [one] 1 ouder kreeg een nieuwe code: exporteer hem bij Ouders en codes.
   *[other] { $count } ouders kregen een nieuwe code: exporteer ze bij Ouders en codes.
}

questions-drop-off = Vraag bij het brengen
questions-pick-up = Vraag bij het ophalen
reasons-title = Redenen na een laag cijfer (hoogstens zes)
settings-reason-words = Reden { $n }
settings-reason-remove = Reden { $n } verwijderen
settings-reason-add = Reden toevoegen
settings-reason-needs-words = Reden { $n } heeft nog geen tekst in het { $language }.

kiosk-faces = Gezichtjes
kiosk-faces-count = { $count } gezichtjes
kiosk-thank-you = Bedankscherm blijft staan
kiosk-idle = Terug naar het begin na
kiosk-staff-idle = Medewerkersscherm sluit na
kiosk-open = Open vanaf
kiosk-close = Dicht om
kiosk-anonymous = Beoordelingen anoniem bewaren
kiosk-anonymous-note = Ouders worden nog steeds met naam begroet. Wie vraagt om even te praten, blijft met naam bekend.
kiosk-retention = Koppeling aan de ouder bewaren
kiosk-retention-note = Daarna blijft alleen het cijfer over, zonder naam.
kiosk-languages = Talen die ouders kunnen kiezen
kiosk-languages-note = Ouders kiezen hieruit met de taalknop bij het beoordelen. De taal van de locatie ({ $language }) staat altijd aan.
unit-seconds = { $n } s
unit-days = { $n ->
    [one] 1 dag
   *[other] { $n } dagen
}
stepper-less = Minder: { $what }
stepper-more = Meer: { $what }


## Rooster inlezen (het verslag na het laden van een roosterbestand)
roster-rejected = { $count ->
    [one] Het rooster is niet ingelezen: er is 1 probleem.
   *[other] Het rooster is niet ingelezen: er zijn { $count } problemen.
} Er is niets veranderd; verbeter het bestand en lees het opnieuw in.
roster-summary = Het rooster is ingelezen.
    Ouders: { $guardians-added } nieuw, { $guardians-updated } bijgewerkt, { $guardians-deactivated } niet meer in het rooster (op inactief gezet).
    Kinderen: { $children-added } nieuw, { $children-updated } bijgewerkt, { $children-deactivated } niet meer in het rooster (op inactief gezet).
    { $new-pins ->
        [0] Er waren geen nieuwe pincodes nodig.
        [one] 1 ouder heeft een nieuwe pincode gekregen; geef die aan de ouder.
       *[other] { $new-pins } ouders hebben een nieuwe pincode gekregen; geef die aan de ouders.
    }
roster-this-column = deze kolom
roster-problem-at-line-column = Regel { $line }, kolom { $column }: { $problem }
roster-problem-at-line = Regel { $line }: { $problem }
roster-problem-at-row-column = Rij { $line }, kolom { $column }: { $problem }
roster-problem-at-row = Rij { $line }: { $problem }
roster-problem-at-column = Kolom { $column }: { $problem }
roster-problem-too-large = het bestand is { $size } MB, groter dan de grens van { $limit } MB; controleer of dit het roosterbestand is.
roster-problem-empty = het bestand is leeg; sla het rooster in Excel of LibreOffice op als .xlsx, .ods of CSV, met een kopregel en een regel per ouder en kind.
roster-problem-binary = dit is geen CSV-tekstbestand en geen spreadsheet; sla het rooster in Excel of LibreOffice op als .xlsx, .ods of CSV.
roster-problem-bad-encoding = het bestand zegt { $encoding }-tekst te zijn, maar is dat niet; sla het rooster in Excel opnieuw op als CSV UTF-8.
roster-problem-unreadable = het bestand kon niet als CSV worden gelezen ({ $detail }); sla het rooster in Excel op als CSV.
roster-problem-no-rows = het bestand heeft een kopregel maar verder geen regels; voeg een regel toe per ouder en kind.
roster-problem-missing-column = de verplichte kolom { $column } ontbreekt in de kopregel; voeg hem toe.
roster-problem-unknown-column = '{ $column }' is geen bekende kolom; geef hem een andere naam of verwijder hem (de bekende kolommen zijn { $known }).
roster-problem-duplicate-column = de kolom { $column } staat twee keer in de kopregel (kolom { $first } en { $second }); houd er één over.
roster-problem-value-in-unnamed-column = '{ $value }' staat in kolom { $position }, die in de kopregel geen naam heeft; geef de kolom een naam of haal de waarde weg.
roster-problem-wrong-field-count = deze regel heeft { $found ->
    [one] 1 veld
   *[other] { $found } velden
}, maar de kopregel heeft er { $expected }; kijk of er een scheidingsteken ontbreekt of te veel is, of een aanhalingsteken niet is gesloten.
roster-problem-missing-value = dit vak is leeg; vul het in, want elke regel heeft guardian_id, guardian_first_name, child_id en child_first_name nodig.
roster-problem-too-long = de waarde is { $length } tekens lang; er mogen er hoogstens { $max } zijn, dus maak hem korter.
roster-problem-control-character = '{ $value }' bevat onzichtbare stuurtekens; typ de waarde opnieuw.
roster-problem-bad-pin = { $lost-zero ->
    [yes] de pincode '{ $value }' is geen 4 tot 6 cijfers; begon hij met een 0, dan heeft Excel die misschien weggelaten: maak de kolom op als tekst, of laat het vak leeg (dan maakt Welkom een pincode aan).
   *[no] de pincode '{ $value }' is geen 4 tot 6 cijfers; vul cijfers in of laat het vak leeg (dan maakt Welkom een pincode aan).
}
roster-problem-bad-pin-hash = '{ $value }' is geen pincode-controlewaarde van welkom-hub; laat pin_hash leeg en vul een pincode in, of laat de kiosk het rooster van de hub ophalen.
roster-problem-pin-hash-key-differs = deze pin_hash hoort bij een andere sleutel dan die { $unit ->
    [row] in rij
   *[line] op regel
} { $other-line }; alle pin_hash-waarden van een rooster komen van één hub-locatie, dus laat de kiosk het rooster van de hub ophalen.
roster-problem-duplicate-pin-hash = ouder { $guardian } heeft dezelfde pin_hash (dus dezelfde pincode) als ouder { $other-guardian } { $unit ->
    [row] in rij
   *[line] op regel
} { $other-line }; elke ouder heeft een eigen pincode nodig, dus laat de kiosk het rooster van de hub ophalen, die de pincodes uitgeeft.
roster-problem-bad-badge = de badgecode '{ $value }' bevat spaties of onzichtbare tekens; typ de code zonder spaties, of laat het vak leeg.
roster-problem-bad-language = '{ $value }' is geen taal; gebruik een code zoals nl, en, tr, pl of uk, of laat het vak leeg voor de taal van de locatie.
roster-problem-bad-date = '{ $value }' is geen datum; schrijf datums als DD-MM-JJJJ of JJJJ-MM-DD, bijvoorbeeld 14-03-2021 of 2021-03-14, of laat het vak leeg.
roster-problem-end-before-start = de einddatum { $end } ligt voor de startdatum { $start }; verbeter een van de twee.
roster-problem-conflict = { $person ->
    [guardian] ouder
   *[child] kind
} { $id } heeft hier '{ $value }', maar { $unit ->
    [row] in rij
   *[line] op regel
} { $other-line } '{ $other-value }'; regels van { $person ->
    [guardian] dezelfde ouder
   *[child] hetzelfde kind
} moeten hetzelfde zeggen, dus verbeter er een of laat het vak leeg.
roster-problem-duplicate-pair = ouder { $guardian } en kind { $child } staan al samen { $unit ->
    [row] in rij
   *[line] op regel
} { $other-line }; haal een van de twee regels weg.
roster-problem-duplicate-pin = ouder { $guardian } heeft pincode { $pin }, maar die heeft ouder { $other-guardian } al { $unit ->
    [row] in rij
   *[line] op regel
} { $other-line }; geef elke ouder een eigen pincode, of laat het vak leeg (dan maakt Welkom een pincode aan).
roster-problem-duplicate-badge = ouder { $guardian } heeft badge { $badge }, maar die heeft ouder { $other-guardian } al { $unit ->
    [row] in rij
   *[line] op regel
} { $other-line }; geef elke ouder een eigen badge.
roster-problem-unsupported-spreadsheet = { $format ->
    [xls] dit is een oud Excel-bestand (.xls) of een bestand met een wachtwoord
    [xlsb] dit is een binair Excel-bestand (.xlsb)
   *[other] dit is een zip-bestand, maar geen .xlsx- of .ods-spreadsheet
}; open het in Excel of LibreOffice en sla het op als .xlsx, .ods of CSV, zonder wachtwoord.
roster-problem-bad-spreadsheet = de spreadsheet kon niet worden gelezen ({ $detail }); open hem in Excel of LibreOffice, haal een eventueel wachtwoord weg en sla hem opnieuw op.
roster-problem-sheet-too-large = het tabblad met het rooster beslaat { $cells } cellen, meer dan de { $limit } die Welkom leest; verwijder de lege rijen en kolommen na het rooster, of kopieer het rooster naar een nieuw tabblad.
roster-problem-cell-error = de cel toont de fout { $value } in plaats van een waarde; verbeter de formule of typ de waarde in.
roster-problem-too-many = { $more ->
    [one] nog 1 probleem is
   *[other] nog { $more } problemen zijn
} niet getoond; los eerst de problemen hierboven op en lees het bestand dan opnieuw in.
