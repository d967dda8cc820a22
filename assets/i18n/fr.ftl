# Welkom — français. Les parents sont vouvoyés.

## Écran d’accueil
welcome-instruction-pin-badge = Tapez votre code ou scannez votre badge
welcome-instruction-pin = Tapez votre code
welcome-instruction-badge = Scannez votre badge
welcome-instruction-names = Choisissez votre prénom
welcome-closed = Nous sommes fermés · ouvert de { $open } à { $close }
welcome-names-button = Choisissez votre prénom
code-checking = Vérification…
code-not-recognised = Code non reconnu
badge-not-recognised = Badge non reconnu
save-failed = Un problème est survenu. Réessayez ou prévenez-nous.
code-cooldown = Trop de codes erronés. Réessayez dans { $time }.
keypad-ok = OK
keypad-erase = Effacer
keypad-entered = { $count ->
    [0] Aucun chiffre saisi
    [one] { $count } chiffre saisi
   *[other] { $count } chiffres saisis
}
names-title = Choisissez votre prénom
names-back = Retour

## Accueil
greeting-morning = Bonjour, { $name } !
greeting-afternoon = Bonjour, { $name } !
greeting-evening = Bonsoir, { $name } !
occasion-first-day = Bienvenue, { $child } ! Belle première journée !
occasion-birthday = Hourra, { $child } a { $age ->
    [one] { $age } an
   *[other] { $age } ans
} aujourd’hui !
occasion-last-day = C’est le dernier jour de { $child } aujourd’hui. Vous allez nous manquer !
occasion-welcome-back = Quel plaisir de vous revoir !

## Arrivée ou départ
moment-drop-off = Arrivée
moment-pick-up = Départ
moment-switch = Ce n’est pas ça ? Touchez pour changer
child-included = { $child } participe
child-excluded = { $child } ne participe pas

## La question et les visages
question-drop-off = Comment s’est passée l’arrivée aujourd’hui ?
question-pick-up = Comment se sont passées les retrouvailles aujourd’hui ?
face-great = Super
face-good = Bien
face-okay = Ça va
face-meh = Moyen
face-bad = Pas bien
rate-skip = Passer

## Merci
thanks = Merci, { $name } !
thanks-drop-off = Bonne journée !
thanks-pick-up = À la prochaine !
followup-question = Qu’est-ce qui pourrait être mieux ?
reason-handover = La transmission
reason-information = Les informations sur mon enfant
reason-attention = L’attention portée à mon enfant
reason-atmosphere = L’ambiance dans le groupe
reason-food = Les repas
reason-other = Autre chose
talk-request = J’aimerais en parler
talk-request-noted = Nous revenons vers vous
followup-done = Terminé
change-rating = Choisir un autre visage

# The language's own name, on the chips where staff choose a language.
language-name = Français
# Above the languages offered when the parent taps the language button.
language-choose = Choisissez votre langue
