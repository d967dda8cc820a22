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
location-more-soon = De cijfers van deze locatie verschijnen hier.
location-follow-ups = Opvolgen: lage cijfers en gespreksverzoeken

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
