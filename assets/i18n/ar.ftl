# Welkom — العربية (Modern Standard Arabic). Read right to left; the kiosk lays every
# line out through the Unicode bidirectional algorithm (src/bidi.rs). Plural variants
# follow Arabic's categories: zero, one, two, few (3–10), many (11–99), other.

## Welcome screen
welcome-instruction-pin-badge = اكتب رمزك أو امسح بطاقتك
welcome-instruction-pin = اكتب رمزك
welcome-instruction-badge = امسح بطاقتك
welcome-instruction-names = اختر اسمك
welcome-closed = نحن مغلقون الآن · نفتح من { $open } إلى { $close }
welcome-names-button = اختر اسمك
code-checking = لحظة، نتحقق…
code-not-recognised = لم نتعرّف على الرمز
badge-not-recognised = لم نتعرّف على البطاقة
save-failed = حدث خطأ ما. حاول مرة أخرى أو أخبرنا من فضلك.
code-cooldown = أُدخل رمز خاطئ مرات كثيرة. حاول مرة أخرى بعد { $time }.
keypad-ok = موافق
keypad-erase = مسح
keypad-entered = { $count ->
    [zero] لم تُكتب أي أرقام بعد
    [one] كُتب رقم واحد
    [two] كُتب رقمان
    [few] كُتبت { $count } أرقام
    [many] كُتب { $count } رقمًا
   *[other] كُتب { $count } رقم
}
names-title = اختر اسمك
names-back = رجوع

## Greeting
greeting-morning = صباح الخير، { $name }!
greeting-afternoon = نهارك سعيد، { $name }!
greeting-evening = مساء الخير، { $name }!
occasion-first-day = أهلًا وسهلًا يا { $child }! نتمنى لك يومًا أول جميلًا!
occasion-birthday = { $age ->
    [zero] عيد ميلاد سعيد يا { $child }!
    [one] عيد ميلاد سعيد يا { $child }! عمرك اليوم سنة واحدة!
    [two] عيد ميلاد سعيد يا { $child }! عمرك اليوم سنتان!
    [few] عيد ميلاد سعيد يا { $child }! عمرك اليوم { $age } سنوات!
    [many] عيد ميلاد سعيد يا { $child }! عمرك اليوم { $age } سنة!
   *[other] عيد ميلاد سعيد يا { $child }! عمرك اليوم { $age } سنة!
}
occasion-last-day = اليوم آخر أيام { $child } معنا. سنفتقدكم!
occasion-welcome-back = سعداء بعودتكم!

## Drop-off or pick-up
moment-drop-off = التوصيل
moment-pick-up = الاستلام
moment-switch = ليس صحيحًا؟ اضغط للتبديل
child-included = { $child } ضمن التقييم
child-excluded = { $child } خارج التقييم

## The question and the faces
question-drop-off = كيف كان التوصيل اليوم؟
question-pick-up = كيف كان الاستلام اليوم؟
face-great = ممتاز
face-good = جيد
face-okay = لا بأس
face-meh = متوسط
face-bad = غير جيد
rate-skip = تخطي

## Thank you
thanks = شكرًا جزيلًا، { $name }!
thanks-drop-off = نتمنى لك يومًا سعيدًا!
thanks-pick-up = نراك في المرة القادمة!
followup-question = ما الذي يمكننا تحسينه؟
reason-handover = تسليم الطفل
reason-information = المعلومات عن طفلي
reason-attention = الاهتمام بطفلي
reason-atmosphere = الأجواء في المجموعة
reason-food = الطعام والشراب
reason-other = شيء آخر
talk-request = أودّ التحدث معكم قليلًا
talk-request-noted = سنتواصل معك قريبًا
followup-done = تم
change-rating = اختيار وجه آخر

# The language's own name, on the chips where staff choose a language.
language-name = العربية
# Above the languages offered when the parent taps the language button.
language-choose = اختر لغتك
