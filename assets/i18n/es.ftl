# Welkom — español. Se tutea a las familias.

## Pantalla de bienvenida
welcome-instruction-pin-badge = Escribe tu código o escanea tu tarjeta
welcome-instruction-pin = Escribe tu código
welcome-instruction-badge = Escanea tu tarjeta
welcome-instruction-names = Elige tu nombre
welcome-closed = Ahora estamos cerrados · abrimos de { $open } a { $close }
welcome-names-button = Elige tu nombre
code-checking = Comprobando…
code-not-recognised = Código no reconocido
badge-not-recognised = Tarjeta no reconocida
save-failed = Algo ha salido mal. Inténtalo de nuevo o avísanos.
code-cooldown = Demasiados códigos incorrectos. Vuelve a intentarlo en { $time }.
keypad-ok = OK
keypad-erase = Borrar
keypad-entered = { $count ->
    [0] Aún no has escrito ninguna cifra
    [one] 1 cifra escrita
   *[other] { $count } cifras escritas
}
names-title = Elige tu nombre
names-back = Volver

## Saludo
greeting-morning = ¡Buenos días, { $name }!
greeting-afternoon = ¡Buenas tardes, { $name }!
greeting-evening = ¡Buenas tardes, { $name }!
occasion-first-day = ¡Te damos la bienvenida, { $child }! ¡Que tengas un primer día precioso!
occasion-birthday = ¡Hurra, { $child } cumple hoy { $age ->
    [one] { $age } año
   *[other] { $age } años
}!
occasion-last-day = Hoy es el último día de { $child }. ¡Te echaremos de menos!
occasion-welcome-back = ¡Qué alegría volver a verte!

## Entrada o recogida
moment-drop-off = Entrada
moment-pick-up = Recogida
moment-switch = ¿No es correcto? Toca para cambiar
child-included = { $child } participa
child-excluded = { $child } no participa

## La pregunta y las caritas
question-drop-off = ¿Qué tal ha ido la entrada hoy?
question-pick-up = ¿Qué tal ha ido la recogida hoy?
face-great = Genial
face-good = Bien
face-okay = Regular
face-meh = No muy bien
face-bad = Mal
rate-skip = Saltar

## Gracias
thanks = ¡Gracias, { $name }!
thanks-drop-off = ¡Que tengas un buen día!
thanks-pick-up = ¡Hasta la próxima!
followup-question = ¿Qué podríamos mejorar?
reason-handover = El momento de la entrega
reason-information = Información sobre mi peque
reason-attention = Atención a mi peque
reason-atmosphere = Ambiente en el grupo
reason-food = Comida y bebida
reason-other = Otra cosa
talk-request = Me gustaría hablar un momento
talk-request-noted = Te contactaremos pronto
followup-done = Listo
change-rating = Elegir otra carita

# The language's own name, on the chips where staff choose a language.
language-name = Español
# Above the languages offered when the parent taps the language button.
language-choose = Elige tu idioma
