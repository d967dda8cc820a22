# Welkom — українська.

## Екран привітання
welcome-instruction-pin-badge = Введи код або відскануй картку
welcome-instruction-pin = Введи код
welcome-instruction-badge = Відскануй картку
welcome-instruction-names = Обери своє ім’я
welcome-closed = Зараз ми зачинені · працюємо { $open }–{ $close }
welcome-names-button = Обери своє ім’я
code-checking = Перевіряємо…
code-not-recognised = Код не розпізнано
badge-not-recognised = Картку не розпізнано
save-failed = Щось пішло не так. Спробуй ще раз або скажи нам.
code-cooldown = Забагато неправильних кодів. Спробуй ще раз через { $time }.
keypad-ok = OK
keypad-erase = Стерти
keypad-entered = { $count ->
    [0] Ще не введено жодної цифри
    [one] Введено { $count } цифру
    [few] Введено { $count } цифри
    [many] Введено { $count } цифр
   *[other] Введено { $count } цифри
}
names-title = Обери своє ім’я
names-back = Назад

## Привітання
greeting-morning = Доброго ранку, { $name }!
greeting-afternoon = Добрий день, { $name }!
greeting-evening = Добрий вечір, { $name }!
occasion-first-day = Вітаємо, { $child }! Гарного першого дня!
occasion-birthday = Ура, { $child } сьогодні святкує { $age }-й день народження!
occasion-last-day = Сьогодні { $child } востаннє з нами. Ми сумуватимемо!
occasion-welcome-back = Раді знову бачитися!

## Приводжу чи забираю
moment-drop-off = Приводжу
moment-pick-up = Забираю
moment-switch = Не те? Торкнися, щоб змінити
child-included = { $child } бере участь
child-excluded = { $child } не бере участі

## Питання і смайлики
question-drop-off = Як тобі сьогодні було приводити дитину?
question-pick-up = Як тобі сьогодні було забирати дитину?
face-great = Чудово
face-good = Добре
face-okay = Нормально
face-meh = Так собі
face-bad = Погано
rate-skip = Пропустити

## Дякуємо
thanks = Дякуємо, { $name }!
thanks-drop-off = Гарного дня!
thanks-pick-up = До зустрічі!
followup-question = Що можна покращити?
reason-handover = Передача дитини
reason-information = Інформація про мою дитину
reason-attention = Увага до моєї дитини
reason-atmosphere = Атмосфера в групі
reason-food = Їжа та напої
reason-other = Щось інше
talk-request = Хочу коротко поговорити
talk-request-noted = Ми з тобою зв’яжемося
followup-done = Готово
change-rating = Обери інший смайлик

# The language's own name, on the chips where staff choose a language.
language-name = Українська
# Above the languages offered when the parent taps the language button.
language-choose = Обери мову
