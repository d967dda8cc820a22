## The first start's set-up, for the person who hangs the tablet. Dutch and English.

setup-step = Stap { $n } van 3
setup-language-nl = Nederlands
setup-language-en = English
setup-back = Terug
setup-next = Volgende
setup-save-failed = Dit kon niet worden opgeslagen: { $reason }
setup-key-shift = Hoofdletter
setup-key-erase = Wissen
setup-key-space = spatie
setup-key-accents = Letters met accenten
setup-key-letters = Gewone letters

setup-welcome-title = Welkom! We stellen dit tablet in
setup-name-question = Hoe heet de locatie? Ouders zien deze naam op het welkomstscherm.
setup-name-field = Naam van de locatie
setup-name-empty = Typ eerst de naam van de locatie.
setup-name-too-long = Die naam is te lang: ten hoogste 60 tekens.
setup-name-unprintable = Die naam bevat een teken dat niet getoond kan worden.

setup-manager-name = Beheerder
setup-pin-title = De pincode van de beheerder
setup-pin-first = Kies een pincode van 4 tot 6 cijfers. Daarmee opent u later Medewerkers en Instellingen.
setup-pin-second = Typ dezelfde pincode nog een keer.
setup-pin-length = Een pincode heeft 4 tot 6 cijfers.
setup-pin-weak = Deze pincode is te makkelijk te raden (een reeks, een herhaling of een jaartal). Kies een andere.
setup-pins-differ = De twee pincodes zijn niet gelijk. Typ de pincode nog een keer.

setup-choice-title = Waar komt het rooster vandaan?
setup-choice-intro = Het rooster zegt wie er gegroet wordt. Kies hoe het op dit tablet komt.
setup-choice-hub = Verbinden met de hub
setup-choice-hub-detail = De organisatie heeft een Welkom-hub: het rooster komt daarvandaan en de antwoorden gaan erheen. U heeft het adres en een koppelcode nodig.
setup-choice-roster = Rooster van een USB-stick
setup-choice-roster-detail = Een rooster als .csv, .xlsx of .ods op een USB-stick. Dit kan ook naast de hub.
setup-status-roster = Rooster: { $count ->
    [one] 1 ouder
   *[other] { $count } ouders
}
setup-status-no-roster = Rooster: nog geen
setup-status-hub = Hub: verbonden met { $name }
setup-status-no-hub = Hub: niet verbonden
setup-finish = Klaar: naar het welkomstscherm
setup-finish-needs = Importeer eerst een rooster of verbind met de hub, anders kan het tablet niemand begroeten.
setup-nothing-to-greet = Importeer eerst een rooster of verbind met de hub.

setup-hub-title = Verbinden met de hub
setup-hub-intro = Vraag de beheerder van de hub om een koppelcode voor deze locatie. De code is 15 minuten geldig en werkt één keer.
setup-hub-address = Adres van de hub
setup-hub-code = Koppelcode
setup-hub-connect = Verbinden
setup-hub-pairing = Bezig met verbinden…
setup-hub-fields-empty = Typ het adres van de hub en de koppelcode.
setup-hub-paired = Verbonden met { $name }
setup-hub-roster-follows = Het rooster komt van de hub zodra die het heeft. Tik op Volgende.
setup-hub-bad-code = De koppelcode klopt niet, is al gebruikt of is verlopen. Vraag een nieuwe code.
setup-hub-too-many = Te veel verkeerde codes. Probeer het over { $minutes ->
    [one] 1 minuut
   *[other] { $minutes } minuten
} opnieuw.
setup-hub-unreachable = De hub antwoordt niet. Controleer het adres en of het tablet internet heeft.
setup-hub-untrusted = Het certificaat van de hub wordt niet vertrouwd. Kies het certificaat van de organisatie (.pem, .crt) op de USB-stick, of vraag de beheerder van de hub.
setup-hub-not-a-hub = Op dit adres staat geen Welkom-hub. Controleer het adres.
setup-hub-not-secure = Dit is geen bruikbaar adres. Typ het als https://hub.voorbeeld.nl.
setup-hub-other = Verbinden lukte niet. Probeer het nog eens; het logboek van het tablet zegt wat er misging.
setup-hub-ca = Certificaat van de organisatie: { $file }

setup-roster-title = Rooster van een USB-stick
setup-roster-intro = Steek de USB-stick met het rooster (.csv, .xlsx of .ods) in het tablet, kies het bestand en importeer het. Een rooster met fouten verandert niets.
setup-roster-search = Opnieuw zoeken
setup-roster-import = Dit rooster importeren
setup-roster-importing = Bezig met importeren…
setup-roster-none = Geen rooster gevonden. Steek de USB-stick in en tik op Opnieuw zoeken.
setup-roster-choose-another = Verbeter het bestand op een computer, of kies een ander bestand.
setup-roster-failed = Het bestand kon niet worden gelezen. Er is niets veranderd. Kies een ander bestand.
setup-roster-imported = Het rooster is geïmporteerd
setup-roster-pins-written = { $count ->
    [one] 1 nieuwe pincode staat
   *[other] { $count } nieuwe pincodes staan
} in { $file }. Geef ze aan de ouders en verwijder daarna het bestand.
setup-roster-pins-kept = { $count ->
    [one] 1 nieuwe pincode kon
   *[other] { $count } nieuwe pincodes konden
} niet op de USB-stick worden gezet. Exporteer ze later via Medewerkers, Instellingen.

setup-unlock-title = Verder met de set-up
setup-unlock-instruction = De set-up van dit tablet is nog niet klaar. Typ de pincode van de beheerder om verder te gaan.
setup-pin-not-recognised = Deze pincode is niet bekend.
setup-cooldown = Te veel verkeerde pincodes. Probeer het over { $time } opnieuw.
