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

error-not-found-title = Pagina niet gevonden
error-not-found-body = Deze pagina bestaat niet of je hebt er geen toegang toe.
error-forbidden-title = Formulier niet geaccepteerd
error-forbidden-body = Het formulier is verlopen of kwam niet van deze pagina. Open de pagina opnieuw en probeer het nog eens.
error-internal-title = Er ging iets mis
error-internal-body = De hub kon dit verzoek nu niet afhandelen. Probeer het over een paar minuten opnieuw; blijft het misgaan, meld het dan bij de beheerder.
error-home = Naar de startpagina
