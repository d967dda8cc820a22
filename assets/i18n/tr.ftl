# Welkom — Türkçe.

## Karşılama ekranı
welcome-instruction-pin-badge = Kodunu gir veya kartını okut
welcome-instruction-pin = Kodunu gir
welcome-instruction-badge = Kartını okut
welcome-instruction-names = Adını seç
welcome-closed = Şu an kapalıyız · açık { $open }–{ $close }
welcome-names-button = Adını seç
code-checking = Kontrol ediliyor…
code-not-recognised = Kod tanınmadı
badge-not-recognised = Kart tanınmadı
save-failed = Bir şeyler ters gitti. Lütfen tekrar dene veya bize haber ver.
code-cooldown = Çok fazla yanlış kod. { $time } sonra tekrar dene.
keypad-ok = Tamam
keypad-erase = Sil
keypad-entered = { $count ->
    [0] Henüz rakam girilmedi
    [one] 1 rakam girildi
   *[other] { $count } rakam girildi
}
names-title = Adını seç
names-back = Geri

## Selamlama
greeting-morning = Günaydın, { $name }!
greeting-afternoon = İyi günler, { $name }!
greeting-evening = İyi akşamlar, { $name }!
occasion-first-day = Hoş geldin, { $child }! İlk günün güzel geçsin!
occasion-birthday = Yaşasın, { $child } bugün { $age } yaşında!
occasion-last-day = Bugün { $child } için son gün. Seni özleyeceğiz!
occasion-welcome-back = Yeniden görüşmek ne güzel!

## Bırakma veya alma
moment-drop-off = Bırakma
moment-pick-up = Alma
moment-switch = Yanlış mı? Değiştirmek için dokun
child-included = { $child } dahil
child-excluded = { $child } dahil değil

## Soru ve yüzler
question-drop-off = Bugün bırakırken nasıl hissettin?
question-pick-up = Bugün alma nasıl geçti?
face-great = Süper
face-good = İyi
face-okay = İdare eder
face-meh = Vasat
face-bad = İyi değil
rate-skip = Atla

## Teşekkürler
thanks = Teşekkürler, { $name }!
thanks-drop-off = İyi bir gün geçir!
thanks-pick-up = Görüşmek üzere!
followup-question = Ne daha iyi olabilir?
reason-handover = Teslim anı
reason-information = Çocuğumla ilgili bilgi
reason-attention = Çocuğuma gösterilen ilgi
reason-atmosphere = Gruptaki ortam
reason-food = Yiyecek ve içecek
reason-other = Başka bir şey
talk-request = Biraz konuşmak istiyorum
talk-request-noted = Sana geri döneceğiz
followup-done = Bitti
change-rating = Başka bir yüz seç

# The language's own name, on the chips where staff choose a language.
language-name = Türkçe
# Above the languages offered when the parent taps the language button.
language-choose = Dilini seç
