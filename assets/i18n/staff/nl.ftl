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

## Instellingen
settings-title = Instellingen
settings-exit = Kiosk afsluiten
settings-exit-confirm = Weet je het zeker? Tik nog een keer om af te sluiten.
