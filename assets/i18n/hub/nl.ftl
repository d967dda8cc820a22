# welkom-hub in de browser: teksten voor de organisatie en de locatiemanagers.

site-name = Welkom
skip-to-content = Naar de inhoud
language-choice = Taal
language-nl = Nederlands
language-en = English
signed-in-as = Ingelogd als { $email }
log-out = Uitloggen

login-title = Inloggen
login-intro = Log in met het e-mailadres en wachtwoord dat je van de beheerder van Welkom hebt gekregen.
login-email = E-mailadres
login-password = Wachtwoord
login-submit = Inloggen
login-failed = Het e-mailadres of het wachtwoord klopt niet. Controleer ze en probeer het opnieuw.
login-busy = Er wordt nu veel tegelijk ingelogd. Probeer het over een minuut opnieuw.
login-needs-https = Inloggen kan alleen via een beveiligde verbinding (https://), zodat niemand op het netwerk je wachtwoord kan lezen. Vraag de beheerder om het adres met https://.
login-throttled = Te veel mislukte pogingen. Wacht { $minutes ->
    [one] een minuut
   *[other] { $minutes } minuten
} en probeer het dan opnieuw.
login-logged-out = Je bent uitgelogd.

overview-title = Overzicht
overview-intro = De locaties die je kunt bekijken.
overview-empty = Er zijn nog geen locaties die je kunt bekijken. Vraag de beheerder om je aan een locatie te koppelen.
overview-locations = Locaties

location-back = Terug naar het overzicht
location-time-zone = Tijdzone: { $zone }

follow-ups-title = Opvolgen
follow-ups-page-title = Opvolgen · { $location }
follow-ups-back = Terug naar { $location }
follow-ups-intro = Lage cijfers en ouders die graag even willen praten: eerst wat nog open staat (oudste bovenaan), daarna waarover al gesproken is.
follow-ups-period = Periode
follow-ups-period-week = Deze week
follow-ups-period-4weeks = Afgelopen 4 weken
follow-ups-period-show = Tonen
follow-ups-period-text = Van { $from } tot en met { $to }. Wat nog open staat, blijft zichtbaar tot er over gesproken is.
follow-ups-counts = Aantallen
follow-ups-counts-only = Als beheerder van de organisatie zie je alleen aantallen, geen namen of notities. De locatiemanager ziet de details.
follow-ups-open = Open
follow-ups-handled = Gesproken
follow-ups-low = Laag cijfer
follow-ups-talk-request = Wil graag even praten
follow-ups-none-open = Niets open om op te volgen. Mooi zo!
follow-ups-none-handled = In deze periode is nog niets afgehandeld.
follow-ups-anonymous-parent = Anonieme ouder
follow-ups-unknown-parent = Ouder (naam niet bekend)
follow-ups-when-label = Wanneer
follow-ups-face-label = Gezicht
follow-ups-reasons-label = Wat kan beter
follow-ups-no-reasons = Geen reden gekozen
follow-ups-talked-label = Gesproken
follow-ups-note-label = Notitie
follow-ups-no-note = Geen notitie
follow-ups-handled-by = Door { $name }, { $when }
follow-ups-handled-unnamed = { $when }
follow-ups-when = { $weekday } { $date } om { $time }
follow-ups-face = { $face } ({ $score } van { $scale })
follow-ups-moment-drop-off = Brengen
follow-ups-moment-pick-up = Halen
follow-ups-face-great = Top
follow-ups-face-good = Goed
follow-ups-face-okay = Gaat wel
follow-ups-face-meh = Matig
follow-ups-face-bad = Niet goed
follow-ups-reason-handover = De overdracht
follow-ups-reason-information = Informatie over mijn kind
follow-ups-reason-attention = Aandacht voor mijn kind
follow-ups-reason-atmosphere = Sfeer in de groep
follow-ups-reason-food = Eten en drinken
follow-ups-reason-other = Iets anders
follow-ups-weekday-1 = maandag
follow-ups-weekday-2 = dinsdag
follow-ups-weekday-3 = woensdag
follow-ups-weekday-4 = donderdag
follow-ups-weekday-5 = vrijdag
follow-ups-weekday-6 = zaterdag
follow-ups-weekday-7 = zondag

error-not-found-title = Pagina niet gevonden
error-not-found-body = Deze pagina bestaat niet of je hebt er geen toegang toe.
error-forbidden-title = Formulier niet geaccepteerd
error-forbidden-body = Het formulier is verlopen of kwam niet van deze pagina. Open de pagina opnieuw en probeer het nog eens.
error-internal-title = Er ging iets mis
error-internal-body = De hub kon dit verzoek nu niet afhandelen. Probeer het over een paar minuten opnieuw; blijft het misgaan, meld het dan bij de beheerder.
error-home = Naar de startpagina

## overview
overview-caption = Locaties met de cijfers van de afgelopen 7 dagen tegenover de 7 dagen ervoor
overview-col-location = Locatie
overview-col-answers = Antwoorden
overview-col-enthusiastic = Enthousiast
overview-col-low = Laag
overview-col-response = Respons
overview-col-follow-ups = Open opvolging
overview-col-contact = Kiosk laatst gehoord
overview-sort-descending = sorteer van hoog naar laag
overview-sort-ascending = sorteer van laag naar hoog
overview-order-attention = Wat aandacht nodig heeft staat bovenaan: hoogste aandeel lage cijfers, dan de meeste open opvolging, dan de kiosk die het langst stil is.
overview-order-descending = Gesorteerd op { $column }, van hoog naar laag.
overview-order-ascending = Gesorteerd op { $column }, van laag naar hoog.
overview-order-reset = Terug naar: wat aandacht nodig heeft bovenaan
overview-too-few = minder dan 5 antwoorden
overview-no-kiosk = Geen kiosk
overview-never-heard = Nog nooit
overview-silent = Stil
overview-kiosks = { $n ->
    [one] 1 kiosk
   *[other] { $n } kiosks
}
overview-note = De afgelopen 7 dagen (vandaag meegeteld) tegenover de 7 dagen ervoor. Een percentage staat er pas bij 5 antwoorden of meer; een verschil pas als beide weken er 5 hebben. ▲ hoger, ▼ lager, = gelijk. Een kiosk die langer dan een dag niets van zich liet horen, is gemarkeerd als ‘Stil’.
numbers-points-up = { $points } procentpunt hoger dan vorige week
numbers-points-down = { $points } procentpunt lager dan vorige week
numbers-points-same = gelijk aan vorige week
numbers-count-up = { $n } meer dan vorige week
numbers-count-down = { $n } minder dan vorige week
numbers-count-same = evenveel als vorige week
numbers-just-now = zojuist
numbers-minutes-ago = { $n ->
    [one] 1 minuut
   *[other] { $n } minuten
} geleden
numbers-hours-ago = { $n } uur geleden
numbers-days-ago = { $n ->
    [one] 1 dag
   *[other] { $n } dagen
} geleden

## devices
devices-title = Kiosks
devices-page-title = Kiosks · { $location }
devices-back = Terug naar { $location }
devices-intro = Elke tablet van deze locatie, met wanneer hij voor het laatst iets van zich liet horen. Een kiosk die langer dan een dag stil is, is gemarkeerd.
devices-none = Deze locatie heeft nog geen kiosk. Voeg er hieronder een toe.
devices-kiosk = Kiosk { $device }
devices-active = Actief
devices-revoked = Ingetrokken
devices-revoked-at = Ingetrokken { $when }
devices-silent = Stil
devices-added-label = Toegevoegd
devices-contact-label = Laatste contact
devices-waiting-label = Wachtende gebeurtenissen
devices-version-label = App-versie
devices-clock-label = Klok
devices-never-heard = Nog nooit
devices-contact = { $ago } ({ $when })
devices-unknown = onbekend
devices-waiting = { $n ->
    [one] 1 wacht op verzending
   *[other] { $n } wachten op verzending
}
devices-clock-ahead = loopt { $amount } voor
devices-clock-behind = loopt { $amount } achter
devices-clock-in-step = loopt gelijk
devices-when = { $date } om { $time }
devices-revoke = Intrekken…
devices-revoke-title = Kiosk intrekken?
devices-revoke-text = Na het intrekken werkt het token van kiosk { $device } niet meer: de tablet kan niets meer sturen of ophalen. Wat hij nog niet verstuurd heeft, blijft op de tablet wachten. Intrekken kan niet ongedaan worden gemaakt; je kunt wel een nieuwe kiosk toevoegen.
devices-revoke-confirm = Ja, kiosk intrekken
devices-revoke-cancel = Nee, terug naar de kiosks
devices-revoked-notice = Kiosk { $device } is ingetrokken. Zijn token werkt niet meer.
devices-add-title = Kiosk toevoegen
devices-add-text = Een nieuwe kiosk krijgt een eigen token. Je ziet het maar één keer; de hub bewaart er alleen een hash van.
devices-add = Kiosk toevoegen
devices-added-title = Nieuwe kiosk toegevoegd
devices-added-once = Kopieer dit token nu: het wordt maar één keer getoond. Wie het heeft, kan namens deze locatie gegevens sturen, dus deel het niet.
devices-token-label = Token van kiosk { $device }
devices-config-intro = Zet het adres van de hub en het token in welkom.toml van de kiosk:
devices-config-after = Start de kiosk daarna opnieuw. In de medewerkersmodus laat ‘Synchronisatie’ zien of hij verbonden is.
devices-to-list = Naar de kiosks van { $location }
devices-again-title = Deze kiosk is al toegevoegd
devices-again-text = Dit formulier was al verstuurd (bijvoorbeeld door de pagina te vernieuwen). De kiosk is toen toegevoegd en het token is één keer getoond; er is nu niets toegevoegd. Token kwijt? Trek die kiosk in op de lijst en voeg een nieuwe toe.
devices-stale-title = Formulier verlopen
devices-stale-text = Dit formulier is verlopen of hoort bij een andere sessie; er is niets toegevoegd. Open de lijst met kiosks en voeg de kiosk daar opnieuw toe.
devices-pair-title = Tablet koppelen
devices-pair-text = Een nieuwe tablet hoeft geen token over te typen: kies op de tablet bij het instellen ‘Verbinden met de hub van de organisatie’ en vul het adres van de hub en een koppelcode in. Een code werkt één keer, 15 minuten lang.
devices-pair = Koppelcode maken
devices-pair-made-title = Koppelcode voor een tablet
devices-pair-code-label = Koppelcode voor { $location }
devices-pair-until = Geldig tot { $time } uur, voor één tablet.
devices-pair-how = Vul op de tablet het adres van de hub in ({ $hub }) en deze code, met of zonder streepje. De tablet haalt daarna zelf zijn eigen token op en verschijnt in de lijst met kiosks.
devices-pair-once = Deze code wordt maar één keer getoond. Verlopen of kwijt? Maak een nieuwe; een oude code blijft tot zijn eindtijd geldig.
devices-pair-again-title = Deze koppelcode is al gemaakt
devices-pair-again-text = Dit formulier was al verstuurd (bijvoorbeeld door de pagina te vernieuwen); er is geen nieuwe code gemaakt. Code kwijt? Maak er op de lijst met kiosks een nieuwe.
devices-pair-stale-text = Dit formulier is verlopen of hoort bij een andere sessie; er is geen code gemaakt. Open de lijst met kiosks en maak daar een koppelcode.

## export
export-title = Exporteren
export-page-title = Exporteren · { $location }
export-back = Terug naar { $location }
export-intro = De beoordelingen van deze locatie in een periode, zonder namen: één regel per beoordeling met dag, tijd, moment (brengen of halen), gezicht, schaal, of hij vervangen of als misbruik geteld is, en de groepen.
export-from = Van
export-to = Tot en met
export-date-hint = Dagen in de tijdzone van de locatie. Standaard: de vorige volledige maand.
export-csv = CSV downloaden
export-xlsx = Excel downloaden (.xlsx)
export-error-date = ‘{ $field }’ is geen datum die de hub kan lezen: { $value }. Kies een dag in de kalender of schrijf hem als JJJJ-MM-DD, bijvoorbeeld 2026-03-01.
export-error-missing = Kies bij ‘{ $field }’ een dag.
export-error-order = De periode begint ({ $from }) na de laatste dag ({ $to }). Zet de vroegste dag bij ‘Van’.
export-error-title = De export kon niet gemaakt worden

## location page
location-nav = Pagina's van deze locatie
location-nav-numbers = Cijfers
location-nav-follow-ups = Opvolgen
location-nav-devices = Apparaten
location-nav-export = Exporteren
location-today = Vandaag
location-today-date = Zoals de kiosk het vandaag telt, { $date }.
location-today-total = Totaal
location-today-table = { $moment }: per groep en per uur
location-today-table-note = Tussen haakjes: het aantal antwoorden. Een streepje: minder dan 5 antwoorden, dus geen percentage.
location-today-misuse = { $count } tikken zonder code niet meegeteld
location-drop-off = Brengen
location-pick-up = Halen
location-answers = antwoorden
location-visits = bezoeken
location-enthusiastic = Enthousiast
location-low = Laag
location-response = Respons
location-too-few = Te weinig antwoorden: minder dan 5, dus nog geen percentages.
location-too-few-short = te weinig antwoorden
location-trend = Verloop
location-period-choice = Periode
location-group-choice = Groep
location-group-all = Alle groepen
location-period = { $period }
location-trend-4w = 4 weken
location-trend-13w = 13 weken
location-trend-52w = Een jaar
location-trend-axis-day = Dag
location-trend-axis-week = Week vanaf
location-trend-axis-enthusiastic = Enthousiast
location-trend-axis-low = Laag
location-trend-chart-enthusiastic = Aandeel enthousiaste antwoorden
location-trend-chart-low = Aandeel lage antwoorden (de twee laagste gezichtjes)
location-trend-gap = Geen punt: minder dan 5 antwoorden.
location-trend-empty = Nog geen dag of week met minstens 5 antwoorden in deze periode: de grafieken blijven leeg.
location-trend-table = De cijfers van de grafieken als tabel
location-trend-table-note = Een streepje: minder dan 5 antwoorden, dus geen percentage.
location-trend-week-change = { $moment }: { $now } enthousiast deze week, { $before } de week ervoor ({ $points } procentpunt)
location-trend-week-unknown = { $moment }: nog te weinig antwoorden om twee weken te vergelijken
location-legend = Legenda
location-heat = Per dag van de week en uur
location-heat-intro = De kleur is het aandeel enthousiaste antwoorden in de gekozen periode; het getal eronder is het aantal antwoorden. Leeg: minder dan 5 antwoorden.
location-heat-empty = Nog geen antwoorden in deze periode.
location-heat-answers = { $answers } antw.
location-heat-blank = minder dan 5 antwoorden
location-month-1 = jan
location-month-2 = feb
location-month-3 = mrt
location-month-4 = apr
location-month-5 = mei
location-month-6 = jun
location-month-7 = jul
location-month-8 = aug
location-month-9 = sep
location-month-10 = okt
location-month-11 = nov
location-month-12 = dec
location-weekday-1 = ma
location-weekday-2 = di
location-weekday-3 = wo
location-weekday-4 = do
location-weekday-5 = vr
location-weekday-6 = za
location-weekday-7 = zo
