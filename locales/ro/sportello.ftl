# Sportello — Romanian (ro)
# Machine-assisted translation: needs a review by a native speaker before production.
#
# Italian is the fallback language (i18n.toml). Message ids follow the Rust fields they
# replace: field `hold_gone` of `Texts` becomes `citizen-hold-gone`, and so on.
# Fields not listed here are codes, not texts: `lang` and `other_lang_code` (the locale
# of the file is the code) and the weekday/month arrays of `Texts` (dates are formatted
# by the locale library).

## Language switcher
## From: `Texts::other_lang_label` (src/i18n.rs) and `StaffTexts::other_lang_label`
## (src/web/staff_i18n.rs). With five languages each file carries its own name, written
## in that language, for the language menu (Italian's `other_lang_label` is the English
## file's name, and the other way round).

citizen-lang-name = Română
citizen-language = Limba
staff-lang-name = Română

## How the language is written
## `lang-dir`: ltr or rtl. `date-locale`: the locale whose weekday and month names fill
## the date patterns (a name from glibc's list, e.g. it_IT, ar_EG). The patterns use
## chrono's strftime syntax: %A weekday, %a short weekday, %-d day, %B month, %b short
## month, %Y year. Translate the order and punctuation, not the % codes.

lang-dir = ltr
date-locale = ro_RO
date-long = %A, %-d %B %Y
date-short = %a %-d %b
date-weekday-short = %a

## Citizen pages: general
## From: struct `Texts` (src/i18n.rs), instances `IT` / `EN`.

citizen-site = Sportello – Programări
citizen-skip = Salt la conținutul principal
citizen-home-title = Faceți o programare
citizen-home-intro = Alegeți biroul și serviciul. Veți primi confirmarea prin e-mail, împreună cu codul QR pe care trebuie să îl prezentați la ghișeu.
citizen-accessibility = Declarație de accesibilitate
citizen-go-home = Înapoi la pagina principală

## Citizen pages: choosing a day and a time
## From: struct `Texts` (src/i18n.rs).
## `citizen-minutes` replaces `Texts::minutes` and the number the template puts before it
## (templates/citizen/home.html: "{ duration } minuti").
## `citizen-free-count` replaces `Texts::free_count()` and the fields `free_times`,
## `one_free_time`, `no_free_times`.

citizen-minutes =
    { $count ->
        [one] { $count } minut
        [few] { $count } minute
       *[other] { $count } de minute
    }
citizen-video-call = prin apel video
citizen-choose-day = Alegeți ziua
citizen-free-count =
    { $count ->
        [0] niciun interval liber
        [one] { $count } interval liber
        [few] { $count } intervale libere
       *[other] { $count } de intervale libere
    }
citizen-earlier = Zilele anterioare
citizen-later = Zilele următoare
citizen-choose-time = Alegeți ora
citizen-party-size = Numărul de persoane
citizen-party-hint = Între 1 și 4 persoane care intră împreună.
citizen-continue = Continuați
citizen-back-to-days = Înapoi la zile
citizen-just-taken = Această oră tocmai a fost ocupată de altă persoană.
citizen-nearest-free = Cele mai apropiate ore libere:
citizen-no-times-day = În această zi nu există ore libere.

## Citizen pages: dates and times inside sentences
## From: the `format!` calls around `Texts::long_date()` and `hhmm()`:
## `citizen-date-time` = routes/citizen/book.rs and browse.rs ("{ date }, { time }"),
## also the `at` / `when` of service/waitlist/offers.rs and booking/book.rs;
## `citizen-date-time-range` = `Facts::with_when` (src/email/letters.rs).
## $date is a date already formatted by the locale library, $time/$start/$end are "09:00".

citizen-date-time = { $date }, { $time }
citizen-date-time-range = { $date }, { $start }–{ $end }
citizen-day-free = { $date }, { $free }
citizen-day-closed = închis
citizen-day-closed-because = închis: { $reason }
citizen-day-no-hours = biroul nu este deschis în această zi
citizen-day-too-far = nu se poate rezerva încă
citizen-day-full = complet rezervat

## Citizen pages: details form
## From: struct `Texts` (src/i18n.rs).
## `citizen-held-until` replaces `Texts::held_until` followed by the time
## (templates/citizen/details.html).

citizen-details-title = Datele dumneavoastră
citizen-held-until = Păstrăm această oră pentru dumneavoastră până la { $time }.
citizen-name = Nume și prenume
citizen-email = E-mail
citizen-email-hint = Vă trimitem aici confirmarea și codul QR.
citizen-phone = Telefon
citizen-optional = opțional
citizen-consent = Am citit nota de informare și sunt de acord cu prelucrarea datelor mele pentru gestionarea programării.
citizen-consent-error = Pentru a face programarea este necesar acordul dumneavoastră privind prelucrarea datelor.
citizen-confirm = Confirmați programarea
citizen-errors-title = Vă rugăm să corectați aceste câmpuri:
citizen-hold-gone = Timpul pentru finalizarea programării a expirat. Vă rugăm să alegeți din nou o oră.
citizen-citizen-limit = Pentru această adresă de e-mail există deja o programare activă la acest serviciu, numărul maxim permis, așa că nu am făcut o altă programare. V-am scris la această adresă cu detaliile: pentru a o muta sau anula, folosiți linkul din e-mailul de confirmare.
citizen-citizen-limit-identity = Aveți deja numărul maxim de programări active pentru acest serviciu, așa că nu s-a făcut alta. Le găsiți în „Programările mele”, unde le puteți muta sau anula.

## Citizen pages: the booking
## From: struct `Texts` (src/i18n.rs).
## `citizen-status-label` replaces `Texts::status()` and the fields `status_confirmed`,
## `status_checked_in`, `status_served`, `status_cancelled`, `status_no_show`.
## $status is the serde name of `BookingStatus` (held, confirmed, checked_in, served,
## cancelled, no_show); `held` falls to the default, like `Confirmed | Held` in Rust.

citizen-booking-title = Programarea dumneavoastră
citizen-booking-done = Programare confirmată.
citizen-reference = Cod
citizen-status = Stare
citizen-status-label =
    { $status ->
       *[confirmed] confirmată
        [checked_in] primită la ghișeu
        [served] încheiată
        [cancelled] anulată
        [no_show] neprezentare
    }
citizen-when = Când
citizen-where = Unde
citizen-service = Serviciu
citizen-persons = Persoane
citizen-what-to-bring = Ce trebuie să aduceți
citizen-qr-title = Cod QR pentru acces
citizen-qr-help = Prezentați-l la ghișeu când ajungeți, pe telefon sau tipărit.
citizen-qr-alt = Codul QR al programării dumneavoastră
citizen-manage-link = Link pentru vizualizare sau anulare
citizen-manage-help = Păstrați acest link: aveți nevoie de el pentru a vedea sau anula programarea.
citizen-meeting = Linkul apelului video
citizen-cancel = Anulați programarea
citizen-resend = Trimiteți din nou e-mailul
citizen-resent-note = V-am trimis din nou e-mailul de confirmare.

## Citizen pages: opening a booking without its link, cancelling
## From: struct `Texts` (src/i18n.rs).

citizen-code-title = Programarea dumneavoastră
citizen-code-intro = Pentru a vedea, muta sau anula această programare, deschideți linkul din e-mailul de confirmare sau introduceți aici codul de gestionare pe care îl conține.
citizen-code-label = Cod de gestionare
citizen-code-hint = Este partea din link de după „token=”, din e-mailul de confirmare.
citizen-code-open = Deschideți programarea
citizen-cancel-title = Anulați programarea?
citizen-cancel-question = Ora va deveni din nou liberă pentru alte persoane. Doriți să anulați?
citizen-cancel-yes = Da, anulez
citizen-cancel-no = Nu, înapoi
citizen-cancelled-note = Programarea a fost anulată.

## Citizen pages: errors
## From: struct `Texts` (src/i18n.rs).

citizen-error-title = Ceva nu este în regulă
citizen-error-404 = Pagina sau programarea nu există, ori linkul nu este complet.
citizen-error-409 = Nu este posibil: situația s-a schimbat între timp.
citizen-error-422 = Unele date nu sunt valide.
citizen-error-429 = Prea multe cereri într-un timp scurt. Vă rugăm să încercați din nou peste câteva secunde.
citizen-error-429-address = Această adresă de e-mail a primit deja prea multe programări în ultima oră. Vă rugăm să încercați din nou mai târziu, în decurs de o oră.
citizen-error-429-holds = De la această conexiune sunt deja rezervate temporar prea multe ore (poate de către alte persoane din aceeași rețea). Vă rugăm să încercați din nou peste câteva minute.
citizen-error-500 = A apărut o eroare. Vă rugăm să încercați din nou mai târziu.
citizen-error-other = Cererea nu poate fi soluționată.

## Errors on pages: what went wrong, and field by field
## `field-<name>` is the label of a field named in an error, `invalid-<name>` what it
## expects; <name> is the API's field name in lower case with `-` for `_` and `.`, without
## indices (`citizen.email` → citizen-email, `weekly.mon[0]` → weekly). A field without
## its own message uses `field-other` / `invalid-other`. Many reuse another message with
## { message-id }: translate only the ones written out.

citizen-error-400 = Cererea nu poate fi citită: reveniți și încercați din nou din formular.
citizen-error-403 = Formularul a expirat sau nu provine de pe acest site. Reveniți, reîncărcați pagina și încercați din nou.
field-other = Câmp
field-name = Nume
field-weekly = Program săptămânal
field-reconfirm-days = Zile pentru reconfirmare
field-form = Formular
field-consent = Nota de informare privind confidențialitatea
field-language = Limba
field-hold-id = Ora rezervată temporar
field-citizen-name = { citizen-name }
field-citizen-email = { citizen-email }
field-citizen-phone = { citizen-phone }
field-party-size = { citizen-party-size }
field-start = { citizen-choose-time }
field-date-from = { citizen-date-from }
field-date-to = { citizen-date-to }
field-address = { manager-address }
field-timezone = { manager-timezone }
field-arrival-margin-minutes = { manager-margin }
field-occupancy-limit = { manager-limit }
field-parent-room-id = { manager-parent }
field-duration-minutes = { manager-duration }
field-horizon-days = { manager-horizon }
field-min-notice-minutes = { manager-notice-min }
field-no-show-grace-minutes = { manager-grace }
field-max-active-per-citizen = { manager-per-citizen }
field-channel = { manager-channel }
field-what-to-bring = { manager-what-to-bring }
field-service-ids = { manager-counters }
field-valid-from = { manager-valid-from }
field-valid-to = { manager-valid-to }
field-from = { manager-from }
field-to = { manager-to }
field-reason = { manager-reason }
field-year = { manager-year }
field-patron-days = { manager-patron-days }
field-email = { staff-email }
field-password = { staff-password }
field-role = { staff-role }
field-date = { staff-date }
field-office = { staff-office }
field-counter-id = { staff-counter }
field-room = { staff-room }
invalid-arrival-margin-minutes = { invalid-number }
invalid-occupancy-limit = { invalid-number }
invalid-duration-minutes = { invalid-number }
invalid-horizon-days = { invalid-number }
invalid-min-notice-minutes = { invalid-number }
invalid-no-show-grace-minutes = { invalid-number }
invalid-max-active-per-citizen = { invalid-number }
invalid-reconfirm-days = { invalid-number }
invalid-year = { invalid-number }
invalid-counter-id = { invalid-choice }
invalid-parent-room-id = { invalid-choice }
invalid-room = { invalid-choice }
invalid-role = { invalid-choice }
invalid-channel = { invalid-choice }
invalid-office = { invalid-choice }
invalid-service-ids = { invalid-choice }
invalid-valid-from = { invalid-date }
invalid-valid-to = { invalid-date }
invalid-from = { invalid-date }
invalid-to = { invalid-date }
invalid-date = { invalid-date-general }
invalid-to-time = { invalid-time }
invalid-other = Valoarea nu este validă: verificați-o și încercați din nou.
invalid-number = Scrieți un număr întreg, fără litere, în limitele indicate.
invalid-choice = Alegeți una dintre opțiunile din listă.
invalid-date-general = Alegeți o dată validă (ZZ.LL.AAAA); data de sfârșit nu poate fi înaintea datei de început.
invalid-time = Scrieți o oră validă, de exemplu 09:30.
invalid-citizen-name = Scrieți numele și prenumele (cel mult 100 de caractere).
invalid-citizen-email = Scrieți o adresă de email validă, de exemplu nume@exemplu.ro.
invalid-citizen-phone = Scrieți un număr de telefon valid: cifre și spații, cu + la început dacă este nevoie.
invalid-party-size = Alegeți un număr de persoane permis pentru acest serviciu.
invalid-start = Această oră nu este disponibilă sau a trecut: alegeți alta.
invalid-date-from = Alegeți o zi validă, de azi înainte și în perioada în care se poate rezerva.
invalid-date-to = { invalid-date-from }
invalid-consent = Pentru a rezerva trebuie să confirmați că ați citit nota de informare.
invalid-language = Alegeți una dintre limbile oferite.
invalid-hold-id = Timpul pentru a finaliza rezervarea a expirat. Alegeți din nou o oră.
invalid-name = Scrieți un nume de 1 până la 200 de caractere.
invalid-address = { invalid-name }
invalid-reason = Scrieți un motiv (cel mult 200 de caractere).
invalid-timezone = Scrieți un fus orar, de exemplu Europe/Rome.
invalid-weekly = Fiecare interval trebuie să se deschidă înainte de a se închide și să nu se suprapună cu celelalte din aceeași zi.
invalid-form = Formularul nu este complet: reîncărcați pagina și încercați din nou.
invalid-email = Scrieți o adresă de email validă.
invalid-password = Parola trebuie să aibă cel puțin 10 caractere.
invalid-what-to-bring = Textul este prea lung.

## Citizen pages: waiting list and offers
## From: struct `Texts` (src/i18n.rs).
## `citizen-offer-until` replaces `Texts::offer_until` followed by the time
## (templates/citizen/offer.html).

citizen-waitlist-link = Nicio oră potrivită? Înscrieți-vă pe lista de așteptare
citizen-waitlist-title = Listă de așteptare
citizen-waitlist-intro = Vă scriem imediat ce se eliberează un loc într-una dintre zilele alese. Îl oferim mai multor persoane de pe listă: îl obține cine acceptă primul.
citizen-date-from = De la data
citizen-date-to = Până la data
citizen-waitlist-join = Înscrieți-vă pe listă
citizen-waitlist-joined = Sunteți pe lista de așteptare. V-am trimis un e-mail cu linkul pentru a ieși de pe listă.
citizen-waitlist-leave = Ieșiți de pe lista de așteptare
citizen-waitlist-left = Nu mai sunteți pe lista de așteptare.
citizen-waitlist-waiting = În așteptarea unui loc
citizen-waitlist-booked = Ați obținut un loc
citizen-offer-title = S-a eliberat un loc
citizen-offer-accept = Acceptați locul
citizen-offer-until = Oferta este valabilă până la { $time }.
citizen-offer-gone = Acest loc a fost ocupat de altă persoană sau oferta a expirat. Rămâneți pe lista de așteptare.
citizen-offer-accepted = Ați acceptat deja acest loc.

## Citizen pages: reconfirming and moving an appointment
## From: struct `Texts` (src/i18n.rs).

citizen-reconfirm-title = Confirmați programarea
citizen-reconfirm-button = Confirm că voi veni
citizen-reconfirm-done = Vă mulțumim: programarea este confirmată.
citizen-reconfirm-too-late = Această programare nu mai poate fi confirmată (a fost anulată sau eliberată).
citizen-move-title = Alegeți o oră nouă
citizen-move-intro = Biroul și-a schimbat programul sau locurile disponibile. Programarea dumneavoastră rămâne valabilă până când alegeți alta: dacă ora actuală vă convine, nu trebuie să faceți nimic.
citizen-move-pick-day = Ziua
citizen-move-show = Afișați orele libere
citizen-move-done = Gata: programarea a fost mutată. V-am trimis un nou e-mail de confirmare; codul QR rămâne același.
citizen-move-gone = Această programare nu mai poate fi mutată cu acest link.
citizen-move-current = Programarea actuală

## Accessibility statement
## From: templates/citizen/accessibility.html (the page title is `citizen-accessibility`).
## `a11y-compliance`: the template shows the word for "compliant" in bold; the message
## is plain text. `a11y-usage-languages` names the languages the page offered when written:
## update it in every file when the new languages go live.


## Staff pages: general, login, navigation
## From: struct `StaffTexts` (src/web/staff_i18n.rs), instances `IT` / `EN`.
## `staff-locked-until` replaces `locked_until` followed by the time
## (templates/staff/users.html).

staff-site = Sportello – Personal
staff-skip = Salt la conținutul principal
staff-login-title = Autentificarea personalului
staff-login-intro = Autentificați-vă cu adresa de e-mail și parola contului dumneavoastră.
staff-email = E-mail
staff-password = Parolă
staff-login = Autentificare
staff-login-failed = Adresa de e-mail sau parola nu este corectă.
staff-login-blocked = Prea multe încercări nereușite pentru acest cont. Încercați din nou peste 15 minute.
staff-logout = Deconectare
staff-nav-scan = Primire
staff-nav-agenda = Agendă
staff-nav-rooms = Săli
staff-nav-users = Conturi
staff-nav-manage = Administrare
staff-office = Birou
staff-choose-office = Alegeți biroul
staff-show = Afișați

## Staff pages: check-in (scan)
## From: struct `StaffTexts` (src/web/staff_i18n.rs).
## The headlines with a time replace the `format!` calls of routes/staff/scan.rs:
## `staff-out-already` = out_already + at + time, `staff-out-no-show` = out_no_show + at
## + time, `staff-out-too-early` = out_too_early + " – " + starts_at + time. The fields
## `at` and `starts_at` are used nowhere else, so they have no message of their own.

staff-scan-title = Primire: scanarea codului QR
staff-scan-label = Codul programării
staff-scan-hint = Îndreptați camera spre cod, folosiți un cititor (USB sau Bluetooth) sau introduceți codul și apăsați Enter.
staff-scan-button = Verificați
staff-camera-start = Folosiți camera
staff-camera-stop = Opriți camera
staff-camera-unavailable = Cameră indisponibilă: folosiți cititorul sau introduceți codul.
staff-camera-hint = Încadrați codul QR: verificarea pornește automat.
staff-out-checked-in = ADMIS
staff-out-already = DEJA ADMIS la { $time }
staff-out-cancelled = PROGRAMARE ANULATĂ
staff-out-no-show = NEPREZENTARE: LOC ELIBERAT la { $time }
staff-out-wrong-office = BIROU GREȘIT
staff-out-too-early = PREA DEVREME: programarea este { $date } la { $time }; intrarea începe la { $opens }
staff-out-unknown = COD NECUNOSCUT

## Staff pages: booking details and agenda
## From: struct `StaffTexts` (src/web/staff_i18n.rs).
## `staff-status-label` replaces `StaffTexts::status_label()` and the fields
## `st_confirmed`, `st_checked_in`, `st_served`, `st_cancelled`, `st_no_show`
## ($status as for `citizen-status-label`).
## `staff-walk-in-done` / `staff-served-done` replace the `format!` calls of
## routes/staff/agenda.rs ($reference is the booking code).

staff-reference = Cod
staff-name = Nume
staff-persons = Persoane
staff-service = Serviciu
staff-counter = Ghișeu
staff-room = Sală
staff-time = Ora
staff-status = Stare
staff-actions = Acțiuni
staff-booking-title = Programare
staff-admit = Admiteți
staff-agenda-title = Agenda zilei
staff-date = Data
staff-all = Toți
staff-expected = Așteptați
staff-present = Prezenți
staff-served = Serviți
staff-cancelled = Anulați
staff-no-show = Neprezentați
staff-mark-served = Servit
staff-nobody = Nicio programare.
staff-walk-in = fără programare
staff-walk-in-title = Înregistrați o sosire fără programare
staff-walk-in-hint = Posibil numai dacă acum un ghișeu al serviciului este liber și în sală este loc.
staff-register-walk-in = Înregistrați și admiteți acum
staff-walk-in-done = Sosire înregistrată și admisă: { $reference }
staff-served-done = Programare încheiată: { $reference }
staff-status-label =
    { $status ->
       *[confirmed] Așteptat
        [checked_in] Prezent
        [served] Servit
        [cancelled] Anulat
        [no_show] Neprezentat
    }

## Staff pages: room occupancy and door screen
## From: struct `StaffTexts` (src/web/staff_i18n.rs).
## `staff-live-room-left` replaces the number + `live_room_left` of
## templates/staff/door.html; static/live.js builds the same text in the browser and
## needs the plural forms passed to it (e.g. one data attribute per plural category).
## `staff-live-updated` stays a label: the time after it is a separate element that
## static/live.js rewrites.

staff-rooms-title = Gradul de ocupare a sălilor
staff-live-present = Prezenți
staff-live-planned = Prevăzuți acum
staff-live-limit = Limită
staff-live-full = SALĂ PLINĂ – vă rugăm să așteptați afară
staff-live-room-left =
    { $count ->
        [one] { $count } loc liber
        [few] { $count } locuri libere
       *[other] { $count } de locuri libere
    }
staff-live-updated = Actualizat la
staff-live-stale = Actualizarea nu a reușit: cifrele ar putea să nu fie actuale.
staff-open-door-screen = Ecranul de la ușă

## Staff pages: accounts
## From: struct `StaffTexts` (src/web/staff_i18n.rs).
## `staff-user-created` replaces the `format!` of routes/staff/users.rs ($email is the
## new account's address).

staff-users-title = Conturile personalului
staff-users-create = Cont nou
staff-password-hint = Cel puțin 10 caractere.
staff-role = Rol
staff-role-staff = Operator
staff-role-manager = Responsabil
staff-active = Activ
staff-disabled = Dezactivat
staff-locked-until = Prea multe încercări de autentificare eșuate: blocat, cu excepția browserelor folosite anterior, până la { $time }
staff-disable = Dezactivați
staff-enable = Reactivați
staff-create = Creați
staff-user-created = Cont creat: { $email }

## Manager pages: offices, rooms, services, counters
## From: struct `ManagerTexts` (src/web/manager_i18n.rs), instances `IT` / `EN`.

manager-nav = Administrare
manager-home-title = Administrarea biroului
manager-offices = Birouri
manager-new-office = Birou nou
manager-address = Adresă
manager-timezone = Fus orar
manager-margin = Sosire în avans (minute)
manager-margin-hint = Cu câte minute înainte de ora programării este numărată o persoană în sala de așteptare.
manager-rooms-title = Săli și limite
manager-limit = Limită de persoane
manager-parent = În interiorul
manager-none = —
manager-new-room = Sală nouă
manager-new-limit = Limită nouă
manager-services-title = Servicii și ghișee
manager-duration = Durată (minute)
manager-horizon = Se poate programa cu cel mult (zile) înainte
manager-notice-min = Preaviz minim (minute)
manager-grace = Toleranță la întârziere (minute)
manager-per-citizen = Programări active per persoană
manager-channel = Modalitate
manager-in-person = Cu prezență fizică
manager-video = Apel video
manager-what-to-bring = Ce trebuie adus
manager-new-service = Serviciu nou
manager-counters = Ghișee
manager-new-counter = Ghișeu nou
manager-offers = Servicii oferite
manager-settings = Setările biroului
manager-no-show-email = Scrieți cetățenilor atunci când programarea lor este eliberată din cauza neprezentării

## Manager pages: opening hours
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).
## `manager-weekday` replaces the array `ManagerTexts::weekdays` (form labels, written
## literally in the struct): $day is 1 (Monday) to 7 (Sunday), passed as a number (a
## string "1" would not match the numeric keys), as `loop.index` in
## templates/staff/manage/rules.html and `wd` in routes/staff/manage/hours.rs. The
## three-letter short names that hours.rs cuts from these (`chars().take(3)`) do not
## work in every language (Arabic); take short names from the locale library instead.

manager-hours-title = Program de funcționare
manager-hours-intro = O perioadă se aplică de la data de început; în fiecare zi se aplică perioada începută cel mai recent. Lăsați o oră necompletată pentru a închide intervalul respectiv.
manager-valid-from = Valabil de la
manager-valid-to = Până la (opțional)
manager-open-ended = fără termen
manager-weekday =
    { $day ->
       *[1] Luni
        [2] Marți
        [3] Miercuri
        [4] Joi
        [5] Vineri
        [6] Sâmbătă
        [7] Duminică
    }
manager-morning = Dimineața
manager-afternoon = După-amiaza
manager-opens = deschide
manager-closes = închide
manager-closed = închis
manager-periods = Perioade salvate

## Manager pages: closures and public holidays
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).
## `manager-holidays-change` replaces the `format!` of routes/staff/manage/closures.rs
## that describes the change: $year as a string (so no digit grouping is applied), $days
## the list of "date reason" already joined with "; ".

manager-closures-title = Închideri
manager-from = De la
manager-to = Până la
manager-reason = Motiv (vizibil pentru cetățeni)
manager-whole-office = Tot biroul
manager-new-closure = Închidere nouă
manager-holidays = Sărbători legale
manager-holidays-change = Sărbători legale { $year }: { $days }
manager-holidays-intro = Închide biroul în toate sărbătorile naționale ale anului (inclusiv a doua zi de Paști, calculată) și în zilele sfântului patron; zilele deja închise rămân neschimbate.
manager-year = Anul
manager-patron-days = Zilele sfântului patron
manager-patron-hint = Câte una pe rând: LL-ZZ și numele, de exemplu 12-06 San Nicola.

## Manager pages: capacity rules
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).

manager-rules-title = Reguli de capacitate
manager-rules-intro = O regulă reduce limita unei săli în anumite date, zile ale săptămânii și intervale orare; dacă se aplică mai multe reguli în același timp, se aplică limita cea mai mică.
manager-every-day = în fiecare zi
manager-whole-day = toată ziua
manager-time-from = De la ora (opțional)
manager-time-to = Până la ora (opțional)
manager-new-rule = Regulă nouă

## Manager pages: buttons and the effect of a change
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).
## `manager-notified` / `manager-already-notified` replace the label + number of
## templates/staff/manage/notified.html ($count). `manager-not-active` stays a label:
## the references after it are separate elements.

manager-remove = Ștergeți
manager-preview = Afișați efectul
manager-save = Salvați modificarea
manager-cancel = Anulați
manager-create = Creați
manager-edit = Modificați
manager-saved = Salvat.
manager-preview-title = Efectul modificării (încă nesalvată)
manager-saved-title = Modificare salvată
manager-no-impact = Nicio programare existentă nu este afectată de modificare.
manager-impact-intro = Nicio programare nu este anulată: toate rămân valabile. Mai jos sunt intervalele peste limită și programările implicate.
manager-over-limit = Intervale peste limită
manager-planned = Persoane prevăzute
manager-affected = Programări implicate
manager-notify = Anunțați acești cetățeni
manager-notify-hint = Aceștia primesc un e-mail cu un link pentru a alege o oră nouă; programarea actuală rămâne valabilă până când aleg alta.
manager-notified = E-mailuri puse în coadă: { $count }
manager-already-notified = Deja anunțați după ultima modificare: { $count }
manager-not-active = Nu mai sunt active (anulate, trecute sau deja prezentate):

## Manager pages: audit log
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).

manager-audit-title = Registrul modificărilor
manager-who = Cine
manager-what = Ce
manager-when = Când
manager-entity = Obiect
manager-action = Acțiune
manager-before = Înainte
manager-after = După
manager-system = sistem
manager-filter = Filtrați
manager-older = Mai vechi
manager-any = oricare

## Manager pages: statistics
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).

manager-stats-title = Statistici
manager-by-day = pe zi
manager-by-week = pe săptămână
manager-period = Perioadă
manager-bookings = Programări
manager-check-ins = Prezentați
manager-cancellations = Anulate
manager-no-shows = Neprezentați
manager-no-show-rate = Rata de neprezentare
manager-utilisation = Gradul de utilizare a capacității
manager-peak = Numărul maxim de persoane
manager-download-csv = Descărcați CSV
manager-chart-bookings = Programări pe perioadă
manager-chart-utilisation = Gradul de utilizare a capacității pe perioadă
manager-stats-help = Grad de utilizare: persoane-minut prevăzute împărțit la persoane-minut permise în programul de funcționare. Rata de neprezentare: neprezentați împărțit la (prezentați + neprezentați).

## Emails: shared parts
## From: the greeting of templates/email/{confirmation,cancellation,reminder}/body.* and
## of `letters::notice()` (src/email/letters.rs): `email-greeting` when the name is
## known, `email-greeting-citizen` when it is empty. The labels are those of the
## confirmation and reminder bodies (the text version adds ": " after them).
## $name is the citizen's name; $reference the booking code; $service, $office and
## $address the service's and office's names and address; $when the date and times
## (`citizen-date-time-range` or `citizen-date-time`); $time a time "09:00"; $url a link.

email-greeting = Bună ziua, { $name },
email-greeting-citizen = Stimată cetățeană, stimate cetățean,
email-label-reference = Cod
email-label-service = Serviciu
email-label-when = Când
email-label-where = Unde
email-label-persons = Persoane
email-label-what-to-bring = Ce trebuie să aduceți
email-label-video-call = Apel video
email-qr-alt = Codul QR al programării
email-calendar-summary = { $service } – { $office }
email-calendar-description = Codul programării: { $reference }. Pentru a o vedea: { $url }

## Email: booking confirmation
## From: templates/email/confirmation/ (subject.txt, body.txt, body.html).

email-confirmation-subject = Programare confirmată { $reference }: { $service }, { $when }
email-confirmation-title = Programare confirmată
email-confirmation-intro = Programarea dumneavoastră este confirmată.
email-confirmation-show-qr = La sosire, prezentați la ghișeu acest cod QR:
email-confirmation-image-fallback = Dacă imaginea nu se afișează, folosiți acest link:
email-confirmation-show-qr-attached = La sosire, prezentați la ghișeu codul QR atașat sau acest link:
email-confirmation-manage-link = Vedeți sau anulați programarea
email-confirmation-manage-text = Pentru a vedea sau anula programarea:

## Email: booking cancelled
## From: templates/email/cancellation/ (subject.txt, body.txt, body.html). The HTML body
## has `email-cancellation-body`; the text body adds `email-cancellation-time-free`.

email-cancellation-subject = Programare anulată { $reference }: { $service }, { $when }
email-cancellation-title = Programare anulată
email-cancellation-body = Programarea { $reference } ({ $service }, { $when }, { $office }) a fost anulată.
email-cancellation-time-free = Ora este din nou liberă pentru alte persoane.

## Email: reminder the day before
## From: templates/email/reminder/ (subject.txt, body.txt, body.html).
## `email-reminder-summary` is the HTML body's one-line summary.

email-reminder-subject = Memento: mâine { $service }, { $when } ({ $reference })
email-reminder-title = Memento: programarea dumneavoastră este mâine
email-reminder-intro = Vă reamintim de programarea de mâine.
email-reminder-summary = { $service } – { $when } – { $office }, { $address } ({ $reference })
email-reminder-show-qr = La sosire, prezentați codul QR atașat sau acest link: { $url }
email-reminder-cancel-hint = Dacă nu puteți veni, vă rugăm să anulați: ora va deveni liberă pentru alte persoane.

## Email: missed appointment (no-show)
## From: `letters::no_show()` (src/email/letters.rs): title and two paragraphs.

email-no-show-subject = Programare la care nu v-ați prezentat { $reference }
email-no-show-body = Nu v-am văzut la programarea { $reference } ({ $service }, { $when }, { $office }). Locul a fost eliberat pentru alte persoane.
email-no-show-book-again = Dacă mai aveți nevoie de acest serviciu, puteți face o nouă programare pe site.

## Email: booking refused by the per-citizen limit
## From: `citizen_limit_notice()` (src/service/booking/book.rs): title, two paragraphs,
## link label. $when is `citizen-date-time`.

email-citizen-limit-subject = Aveți deja o programare: { $service }
email-citizen-limit-body = Cineva (poate chiar dumneavoastră) tocmai a cerut o programare pentru „{ $service }” la { $office } cu această adresă de e-mail. Aveți deja o programare activă la acest serviciu ({ $reference }, { $when }), așa că nu a fost făcută o altă programare.
email-citizen-limit-help = Pentru a o muta sau anula, folosiți linkul din e-mailul de confirmare. Dacă nu ați fost dumneavoastră, nu trebuie să faceți nimic.
email-citizen-limit-link = Programarea dumneavoastră

## Email: invitation to choose a new time
## From: `invitation_letter()` (src/service/changes/rebook.rs): title, two paragraphs,
## link label.

email-rebook-subject = Vă rugăm să alegeți o oră nouă pentru programarea { $reference }
email-rebook-body = Biroul { $office } și-a schimbat programul sau locurile disponibile în ziua programării dumneavoastră pentru „{ $service }” ({ $when }).
email-rebook-help = Vă rugăm, dacă puteți, să alegeți o altă oră cu butonul de mai jos. Până atunci, programarea dumneavoastră rămâne valabilă, iar codul QR primit continuă să funcționeze.
email-rebook-link = Alegeți o oră nouă

## Email: request to confirm attendance
## From: `request_letter()` (src/service/visit/reconfirm.rs): title, two paragraphs,
## link label.

email-reconfirm-subject = Confirmați că veniți: { $reference }
email-reconfirm-body = Aveți programarea { $reference } ({ $service }, { $when }).
email-reconfirm-help = Pentru a o păstra, confirmați-o cu butonul de mai jos cel târziu în ziua dinainte. Dacă nu o confirmați, locul va fi eliberat pentru alte persoane aflate în așteptare.
email-reconfirm-link = Confirm că voi veni

## Email: appointment released for lack of confirmation
## From: `release()` (src/service/visit/reconfirm.rs): title and one paragraph.

email-reconfirm-released-subject = Programare eliberată: { $reference }
email-reconfirm-released-body = Nu am primit confirmarea programării { $reference } ({ $service }, { $when }), astfel că locul a fost eliberat pentru alte persoane. Dacă mai aveți nevoie de acest serviciu, puteți face din nou o programare pe site.

## Email: joined the waiting list
## From: src/service/waitlist/entries.rs (notice kind `waitlist_joined`): title, one
## paragraph, link label. $from and $to are the first and last day, already formatted.

email-waitlist-joined-subject = Sunteți pe lista de așteptare: { $service }
email-waitlist-joined-body = Vă vom scrie imediat ce se eliberează un loc pentru „{ $service }” la { $office } în perioada { $from } – { $to }. Locul îl obține primul care acceptă oferta.
email-waitlist-joined-link = Ieșiți de pe lista de așteptare

## Email: a place is free (waiting-list offer)
## From: `offer_freed()` (src/service/waitlist/offers.rs): title, two paragraphs, link
## label. $when is `citizen-date-time`; $time is when the offer ends.

email-waitlist-offer-subject = S-a eliberat un loc: { $service }
email-waitlist-offer-body = S-a eliberat un loc pentru „{ $service }” la { $office }: { $when }.
email-waitlist-offer-rules = Îl oferim și altor persoane de pe listă: îl obține cine acceptă primul. Oferta este valabilă până la { $time }.
email-waitlist-offer-link = Acceptați locul

## Email: the offered place was taken
## From: src/service/waitlist/accept.rs (notice kind `waitlist_gone`): title and one
## paragraph.

email-waitlist-gone-subject = Locul oferit a fost ocupat: { $service }
email-waitlist-gone-body = Locul pe care vi l-am oferit a fost acceptat de altă persoană. Rămâneți pe lista de așteptare: vă vom scrie când se eliberează următorul loc.

## Added with the page walk of issue 15: reasons of refused walk-ins, the manager
## pages' change summaries, the audit log's words, numbers.
## `time-range` keeps a span of time in reading order (Arabic wraps it in an LTR isolate).
## `manager-audit-entity` / `manager-audit-action` name what the audit log records
## ($entity, $action are the stored codes; unknown ones are shown as they are).

citizen-error-403-role = Nu aveți permisiunea pentru această pagină sau pentru acest birou.
citizen-service-facts-video = { $minutes }, prin apel video
invalid-office-closed = Biroul este închis acum: o prezentare fără programare se înregistrează doar în timpul programului.
invalid-closes-too-soon = Biroul se închide înainte ca acest serviciu să se poată încheia: azi nu se mai înregistrează prezentări.
invalid-video-no-walk-in = Acest serviciu este doar prin apel video: nu are prezentări la ghișeu.
field-service-id = { citizen-service }
invalid-service-id = { invalid-choice }
invalid-patron-days = Scrieți o zi pe rând: luna-ziua și numele, de exemplu 12-06 San Nicola (cel mult 20 de zile).
field-to-time = Până la
manager-weekdays = Zilele săptămânii
manager-percent = { $value } %
number-decimal-separator = ,
time-range = { $start }–{ $end }
manager-change-hours = Program de lucru de la { $from }
manager-change-hours-until = Program de lucru de la { $from } până la { $to }
manager-change-rule = Regulă pentru { $room }: de la { $from } până la { $to }, limita { $limit }
manager-change-closure = Închidere de la { $from } până la { $to }: { $reason }
manager-audit-entity =
    { $entity ->
        [booking] programare
        [capacity_rule] regulă de capacitate
        [closure] închidere
        [counter] ghișeu
        [impact] anunț către cetățeni
        [office] birou
        [opening_hours] program de lucru
        [room] sală
        [service] serviciu
        [user] cont
        [ticket] bon de ordine
       *[other] { $entity }
    }
manager-audit-action =
    { $action ->
        [create] creare
        [delete] ștergere
        [move] mutare
        [notify] anunț
        [release_unconfirmed] eliberare fără reconfirmare
        [replace] înlocuire
        [update] modificare
        [walk_in] prezentare fără programare
        [undo_checkin] admitere anulată
        [reset_door_link] link nou pentru ecranul de la ușă
        [turn_off_door_link] linkul ecranului de la ușă dezactivat
        [checkin] admitere
        [mark_served] servit
        [call] apel
        [recall] reapelare
        [start] început la ghișeu
        [not_here] neprezentat
        [finish] încheiat
        [transfer] transfer
        [ticket] bon la ghișeu
       *[other] { $action }
    }

## The appointment behind a check-in link (/c/…), for the citizen who opens it
citizen-pass-title = Programarea dumneavoastră
citizen-pass-not-active = Această programare nu mai este activă: codul QR nu mai este necesar.
citizen-pass-manage-hint = Pentru a muta sau anula programarea, folosiți linkul „Vedeți sau anulați rezervarea” din emailul de confirmare.
citizen-pass-staff = Personalul biroului: autentificați-vă pentru a admite

## The booking's page: actions
citizen-book-again = Rezervați din nou
citizen-add-to-calendar = Adăugați în calendar
citizen-print = Tipăriți
citizen-email-sent-to = Am trimis confirmarea la { $email }.
citizen-calendar-file-name = programare-{ $reference }
citizen-error-429-resend =
    { $count ->
        [one] Emailul de confirmare poate fi retrimis o dată pe oră și l-ați cerut deja. Verificați și dosarul de spam sau încercați din nou peste o oră.
        [few] Emailul de confirmare poate fi retrimis de { $count } ori pe oră și le-ați cerut pe toate. Verificați și dosarul de spam sau încercați din nou peste o oră.
       *[other] Emailul de confirmare poate fi retrimis de { $count } de ori pe oră și le-ați cerut pe toate. Verificați și dosarul de spam sau încercați din nou peste o oră.
    }

## Privacy notice (GDPR arts. 13–14), linked from the consent boxes and the footer.
## $controller is the installation's SPORTELLO_INSTITUTION_NAME; $days its retention.
privacy-title = Notă de informare privind datele personale
privacy-read = (citiți nota de informare)
privacy-intro = În temeiul articolelor 13 și 14 din Regulamentul (UE) 2016/679 (GDPR), această notă explică modul în care sunt prelucrate datele pe care le lăsați atunci când rezervați o programare, intrați pe lista de așteptare sau sunteți primit la ghișeu.
privacy-controller-title = Operatorul de date
privacy-controller = Operatorul de date este { $controller }.
privacy-contact = Pentru a vă exercita drepturile sau pentru întrebări despre datele dumneavoastră, scrieți la:
privacy-contact-office = Pentru a vă exercita drepturile sau pentru întrebări despre datele dumneavoastră, adresați-vă biroului de relații cu publicul al primăriei, inclusiv la ghișeu.
privacy-dpo = Responsabilul cu protecția datelor (DPO):
privacy-data-title = Ce date
privacy-data = Numele și prenumele, adresa de email, telefonul dacă îl indicați, serviciul, ziua și ora alese, numărul de persoane, limba și orele de sosire și de servire înregistrate la ghișeu. Nu se cer categorii speciale de date.
privacy-identity = Dacă vă autentificați cu SPID sau CIE, serviciul de autentificare ne transmite numele, prenumele, codul fiscal și eventual adresa de email. Odată cu programarea păstrăm numele și emailul ca mai sus, iar din codul fiscal doar o amprentă criptată, folosită pentru a număra programările fiecărei persoane și pentru a vă arăta „Programările mele”; sesiunea de autentificare durează o oră și apoi este ștearsă.
privacy-purposes-title = De ce și pe ce temei
privacy-purposes = Pentru a gestiona programarea: a o confirma, a v-o reaminti, a vă primi, a vă anunța dacă se schimbă sau dacă se eliberează un loc și pentru a limita numărul de persoane din birouri. Temeiul juridic este îndeplinirea unei sarcini de interes public (art. 6 alin. (1) lit. e) GDPR). Rezervarea online necesită nume și email; vă puteți adresa oricând ghișeului.
privacy-recipients-title = Cine le vede
privacy-recipients = Personalul autorizat al biroului și furnizorii tehnici care administrează serviciul și emailul în numele operatorului, desemnați persoane împuternicite. Datele nu sunt publicate și nu sunt transferate în afara Uniunii Europene.
privacy-retention-title = Cât timp
privacy-retention =
    { $days ->
        [one] Datele personale sunt șterse la { $days } zi după programare; rămân doar numărători anonime pentru statistici.
        [few] Datele personale sunt șterse la { $days } zile după programare; rămân doar numărători anonime pentru statistici.
       *[other] Datele personale sunt șterse la { $days } de zile după programare; rămân doar numărători anonime pentru statistici.
    }
privacy-rights-title = Drepturile dumneavoastră
privacy-rights = Puteți cere accesul la date, rectificarea, ștergerea sau restricționarea lor și vă puteți opune prelucrării (articolele 15–21 GDPR). Puteți anula rezervarea oricând cu linkul din email. Dacă considerați că prelucrarea încalcă GDPR, puteți depune o plângere la Autoritatea italiană pentru protecția datelor (www.garanteprivacy.it).

## The agenda: moving by a day
staff-previous-day = Ziua anterioară
staff-next-day = Ziua următoare

## Statistics CSV: the columns without a label on the page
manager-csv-scope = Domeniu
manager-csv-id = Id
manager-csv-name = Nume
manager-csv-planned = Minute-persoană rezervate
manager-csv-capacity = Minute-persoană disponibile

## From: templates/base.html, footer.html, citizen/steps.html, citizen/legal.html (the "modello Comuni" frame).
site-tagline = Programări la ghișee
footer-contacts = Contact
footer-address = Adresă
footer-phone = Telefon
footer-email = Email
footer-links = Linkuri utile
breadcrumb-label = Traseu de navigare
breadcrumb-home = Acasă
step-label = Pașii programării
step-service = Serviciu
step-day = Zi
step-time = Oră
step-details = Date
step-done = Confirmare
step-completed = finalizat
staff-nav-label = Meniul personalului
staff-signed-in = Autentificat ca
staff-all-offices = toate birourile
legal-title = Note legale
legal-intro = Acest serviciu de programare la ghișee este administrat de { $institution }.
legal-tax-code = Cod fiscal / cod TVA:
legal-content-title = Conținut
legal-content = Dacă nu se specifică altfel, textele acestor pagini sunt publicate sub licența Creative Commons Atribuire 4.0 (CC BY 4.0) și pot fi refolosite cu menționarea sursei.
legal-availability-title = Ore și disponibilitate
legal-availability = Orele libere afișate sunt cele din momentul în care s-a deschis pagina. O programare este valabilă doar după confirmare, care se trimite și prin email. Dacă biroul trebuie să se închidă într-o zi rezervată, cine a rezervat primește un email cu motivul și un link pentru a alege altă oră.
legal-software-title = Software
legal-software = Serviciul folosește Sportello, un software liber (open source) pentru programările la ghișeele instituțiilor publice.

## From: templates/citizen/home.html (what a citizen needs before booking) and citizen/lost.html.
citizen-office-services = Servicii
citizen-office-where = Unde
citizen-office-map = Vezi pe hartă
citizen-office-hours = Program
citizen-office-closed = închis
citizen-office-closures = Închideri în zilele următoare
citizen-office-closed-range = de la { $from } până la { $to }
citizen-lost-link = Ați pierdut linkul programării?
citizen-lost-title = Primiți linkurile programărilor dvs.
citizen-lost-intro = Scrieți adresa de email cu care ați făcut programarea. Dacă există programări viitoare cu această adresă, îi trimitem un email cu câte un link pentru fiecare, ca să o vedeți, mutați sau anulați.
citizen-lost-send = Trimiteți-mi linkurile
citizen-lost-sent = Dacă există programări viitoare cu această adresă, i-am trimis un email cu linkurile.
citizen-lost-sent-help = Verificați și dosarul de spam. Linkurile pe care le aveați înainte nu mai funcționează. Puteți cere linkurile de cel mult { $per_hour } ori pe oră.
manager-office-phone = Telefonul biroului pentru cetățeni
manager-office-email = Emailul biroului pentru cetățeni
manager-description = Descriere (italiană)
manager-translations = Texte în alte limbi
manager-translations-hint = Un text lăsat gol apare în italiană.
manager-translation-name = Nume
manager-translation-description = Descriere
manager-translation-bring = Ce trebuie adus
field-description = Descriere
field-texts = Texte în alte limbi
field-phone = Telefon
invalid-description = Scrieți cel mult 2000 de caractere.
invalid-texts = Verificați textele în celelalte limbi: un nume are cel mult 200 de caractere, celelalte texte 2000.
email-lost-links-subject = Linkurile programărilor dvs.
email-lost-links-body = { $count ->
    [one] Ați cerut linkul programării dvs. Iată-l: deschide programarea, unde o puteți vedea, muta sau anula.
    [few] Ați cerut linkurile programărilor dvs. Iată-le: fiecare deschide o programare, unde o puteți vedea, muta sau anula.
   *[other] Ați cerut linkurile programărilor dvs. Iată-le: fiecare deschide o programare, unde o puteți vedea, muta sau anula.
}
email-lost-links-item = { $service }, { $when }, { $office }
email-lost-links-old = Linkurile primite anterior nu mai funcționează. Dacă nu ați cerut acest email, îl puteți ignora: programările dvs. rămân valabile.
email-grace-rule = Vă rugăm să veniți la timp: dacă ajungeți cu mai mult de { $minutes } minute după început, locul este eliberat pentru alte persoane.
email-calendar-attached = Fișierul de calendar este atașat: deschideți-l pentru a adăuga programarea în calendarul dvs.
email-office-contacts = Întrebări despre programare: { $office }.

## From: templates/staff/agenda.html (admit, undo, search, print)
staff-admitted-done = { $reference } a fost admis.
staff-undone = Admiterea pentru { $reference } a fost anulată: programarea este din nou așteptată.
staff-undo-admission = Anulează admiterea
staff-search = Caută
staff-search-hint = nume, email sau cod
staff-print-day = Tipărește ziua
staff-walk-in-refused = Vizita fără programare nu a fost înregistrată.

## From: templates/staff/rooms.html (door screens by link)
staff-door-link = Ecranul de la ușă, fără autentificare
staff-door-link-none = niciun link
staff-door-link-make = Creează linkul
staff-door-link-reset = Link nou (cel vechi nu mai funcționează)
staff-door-link-turn-off = Dezactivează linkul
staff-door-link-new = Link nou creat: deschideți-l pe ecranul de la ușă. Linkul anterior nu mai funcționează.
staff-door-link-off = Link dezactivat: ecranul care îl folosea arată „pagina nu a fost găsită”.

## Accessibility statement
## From: templates/citizen/accessibility.html (the page title is `citizen-accessibility`).
## The page follows AgID's model of the "Dichiarazione di accessibilità" (form.agid.gov.it):
## stato di conformità, contenuti non accessibili, redazione della dichiarazione, meccanismo
## di feedback e recapiti, procedura di attuazione, informazioni sul sito.
## Variables: `$institution` is the municipality's name as configured ("Comune di …"): it
## stands as the subject at the start of `a11y-intro` only, where no article or preposition
## has to agree with it. `$date` is a date already written out in the page's language,
## weekday included (hence "label: date"). `$version` is Sportello's version number.
## Names stay as they are in every language: AgID, WCAG, EN 301 549, axe-core, JavaScript,
## Bootstrap Italia, Sportello, CMS, CAD, URP. `a11y-status-compliant` is the callout's title
## (Bootstrap Italia shows it in capitals). `a11y-info-languages` names the languages the page
## offers: update it in every file when a language is added or removed.


a11y-intro = { $institution } se angajează să facă accesibil serviciul său de programări, în conformitate cu Legea italiană nr. 4 din 9 ianuarie 2004, cu Decretul legislativ nr. 106 din 10 august 2018, care a transpus Directiva (UE) 2016/2102, și cu Ghidurile AgID privind accesibilitatea instrumentelor informatice.
a11y-scope = Prezenta declarație de accesibilitate se aplică site-ului web al serviciului de programări:
a11y-status-title = Stadiul conformității
a11y-status-compliant = Conform
a11y-status = Acest site web este conform cu cerințele din anexa A la standardul EN 301 549 (WCAG 2.1, nivelurile A și AA).
a11y-status-checks = Conformitatea este verificată la fiecare versiune nouă a software-ului prin:
a11y-check-automated = controale automate (axe-core) ale regulilor WCAG 2.1 de nivel A și AA pe paginile de programare, inclusiv pe cele în arabă, care se citesc de la dreapta la stânga
a11y-check-keyboard = teste de utilizare numai cu tastatura
a11y-check-no-js = teste de utilizare cu JavaScript dezactivat, în care toate funcțiile rămân disponibile
a11y-check-phone = teste de utilizare pe ecrane mici, precum cele ale telefoanelor
a11y-content-title = Conținut inaccesibil
a11y-content-none = Nu se cunoaște niciun conținut inaccesibil. În detaliu, pentru fiecare dintre cele trei motive prevăzute de modelul AgID:
a11y-reason-law = Nerespectarea Legii nr. 4/2004
a11y-reason-burden = Sarcină disproporționată
a11y-reason-out-of-scope = Conținut care nu intră sub incidența legislației aplicabile
a11y-reason-none = Niciun conținut
a11y-notes-title = Note
a11y-note-qr = Codul QR al programării este o imagine cu o alternativă text. Lângă el este scris întotdeauna codul programării: la ghișeu este suficient doar acesta, deoarece personalul îl poate introduce de la tastatură.
a11y-note-scanner = Citirea codurilor QR cu camera este un instrument al personalului de la ghișeu, nu o pagină pentru cetățeni; și acolo codul poate fi introdus manual sau citit cu un cititor.
a11y-drafting-title = Elaborarea declarației de accesibilitate
a11y-drafted = Data elaborării declarației: { $date }
a11y-reviewed = Data ultimei revizuiri: { $date }
a11y-method = Declarația se bazează pe o autoevaluare efectuată direct de primărie, prin verificările descrise în secțiunea „{ a11y-status-title }”.
a11y-feedback-title = Mecanismul de feedback și datele de contact
a11y-feedback = Oricine poate semnala primăriei cazurile de neconformitate cu cerințele de accesibilitate și poate solicita informații sau conținut exclus din domeniul de aplicare al prezentei declarații. În sesizare, indicați pagina și problema și, dacă puteți, dispozitivul, browserul și eventuala tehnologie asistivă pe care o folosiți.
a11y-feedback-email = Scrieți la:
a11y-feedback-office = Adresați-vă biroului de relații cu publicul (URP) al primăriei, inclusiv personal, la ghișeu.
a11y-enforcement-title = Procedura de punere în aplicare
a11y-enforcement = Dacă primăria nu răspunde în termen de 30 de zile de la sesizare sau dacă răspunsul nu vă mulțumește, puteți depune o plângere la Avocatul civic pentru domeniul digital (Difensore civico per il digitale) din cadrul AgID, în temeiul articolului 3-quinquies alineatul (3) din Legea nr. 4/2004 și al articolului 17 alineatul (1-quater) din Codul administrației digitale (CAD). Plângerea poate fi depusă numai după ce ați semnalat problema primăriei.
a11y-enforcement-link = Site-ul AgID pentru declarațiile de accesibilitate și plângeri (în limba italiană)
a11y-info-title = Informații despre site
a11y-info-cms-label = CMS utilizat
a11y-info-cms = Niciunul: serviciul folosește Sportello { $version }, un software liber (open source) pentru programările la ghișeele instituțiilor publice. Paginile sunt generate în HTML pe server, cu tema Bootstrap Italia, și funcționează și fără JavaScript.
a11y-info-usability-label = Teste de utilizabilitate
a11y-info-usability = Nu au fost efectuate teste de utilizabilitate cu grupuri de utilizatori; au fost efectuate verificările descrise în această pagină.
a11y-info-languages-label = Limbi
a11y-info-languages = Italiană, engleză, albaneză, română și arabă (care se scrie de la dreapta la stânga). Alegeți limba din meniul din partea de sus a fiecărei pagini.
a11y-enforcement-form = Plângere la Avocatul civic pentru domeniul digital (formular AgID, în limba italiană)
footer-accessibility-copy = Accesibilitatea serviciului

## The move invitation when the whole office is closed that day, and a manager's message
email-closed-body = biroul { $office } va fi închis în ziua programării dvs. pentru „{ $service }” ({ $when }): programarea nu poate avea loc.
email-closed-reason = Motivul închiderii: { $reason }.
email-closed-no-reason = Ne cerem scuze pentru neplăcere.
email-closed-help = Alegeți altă zi și oră cu butonul de mai jos: codul programării rămâne același.
email-office-message = Mesaj de la birou: { $message }
manager-notify-message = Mesaj pentru cetățeni (opțional)
manager-notify-message-hint = Câteva cuvinte de la birou, adăugate în email așa cum le scrieți (cel mult 500 de caractere).
manager-notified-list = Au primit emailul:
field-message = Mesaj
invalid-message = Scrieți cel mult 500 de caractere.
manager-back = Înapoi
manager-never-fits = Unele grupuri sunt mai mari decât noua limită: nu pot fi mutate la acele ore. Contactați-le pentru a le împărți sau pentru altă zi.
manager-never-fits-short = peste noua limită
manager-audit-changes = Ce s-a schimbat
manager-audit-becomes = devine
manager-audit-details = Date înregistrate
citizen-change-time = Schimbă ora
citizen-move-none = { $count ->
    [one] Această zi nu are ore libere.
    [few] Această zi nu are ore libere pentru { $count } persoane împreună: locurile libere nu ajung pentru grupul dvs., sau noua limită a sălii este mai mică.
   *[other] Această zi nu are ore libere pentru { $count } de persoane împreună: locurile libere nu ajung pentru grupul dvs., sau noua limită a sălii este mai mică.
}
citizen-move-call = Încercați altă zi sau sunați la birou:
citizen-move-call-office = Încercați altă zi sau adresați-vă biroului.
citizen-move-same-qr = Codul QR și codul programării rămân aceleași. V-am trimis un nou email de confirmare.
staff-go-home = Înapoi la pagina personalului
manager-weekday-col = Ziua
footer-pec = Email certificat (PEC)
manager-quiet-rows = { $count ->
    [one] 1 rând fără activitate (nicio programare, vizită sau prezență)
    [few] { $count } rânduri fără activitate (nicio programare, vizită sau prezență)
   *[other] { $count } de rânduri fără activitate (nicio programare, vizită sau prezență)
}
email-calendar-file = programare
email-calendar-file-cancel = anulare
citizen-move-open-booking = Deschideți programarea
# The queue at the office (issue 17)
queue-closed-now = Biroul este închis în acest moment: nu se pot lua bonuri de ordine.
queue-closed-before = Biroul se închide la { $time }: astăzi nu mai este timp pentru încă un bon de ordine la acest serviciu. Puteți face o programare pentru altă zi.
queue-closed-no-counter = Astăzi niciun ghișeu nu oferă acest serviciu.
queue-minutes = { $value } min
queue-stats-title = Coada la ghișee
queue-stats-none = Niciun bon de ordine în această perioadă.
queue-stat-tickets = Bonuri de ordine
queue-stat-absent = Absenți
queue-stat-absent-rate = Rata de absență
queue-stat-wait = Așteptare medie
queue-stat-service = Durata medie de servire
email-queue-subject = Bonul dumneavoastră de ordine { $code }
email-queue-body = Sunteți la coadă cu numărul { $code } la { $office }. Pe pagina bonului vedeți câte persoane sunt înaintea dumneavoastră și când vă vine rândul.
email-queue-link = Deschideți bonul
queue-join-title = Luați un bon de ordine
queue-join-intro = Alegeți serviciul: primiți un bon de ordine, iar telefonul vă anunță când vă vine rândul. Nu este nevoie să stați la coadă.
queue-join-service = Serviciu
queue-join-party = Câte persoane
queue-join-email = E-mail (opțional: vă trimitem linkul către bon)
queue-join-submit = Luați bonul
queue-join-waiting = { $count ->
    [one] 1 persoană în așteptare
    [few] { $count } persoane în așteptare
   *[other] { $count } de persoane în așteptare
}
queue-ticket-title = Bonul dumneavoastră
queue-ticket-code-label = Număr
queue-ticket-next = Urmați dumneavoastră.
queue-ticket-position = { $count ->
    [one] Înaintea dumneavoastră este 1 persoană.
    [few] Înaintea dumneavoastră sunt { $count } persoane.
   *[other] Înaintea dumneavoastră sunt { $count } de persoane.
}
queue-ticket-wait = Timp de așteptare estimat: circa { $minutes } min.
queue-ticket-your-turn = Este rândul dumneavoastră: { $counter }
queue-ticket-serving = Sunteți la ghișeu: { $counter }.
queue-ticket-done = Serviciu încheiat. Vă mulțumim!
queue-ticket-absent = Numărul dumneavoastră a fost strigat, dar nu v-ați prezentat. Adresați-vă personalului.
queue-ticket-cancelled = Ați părăsit coada.
queue-ticket-leave = Părăsiți coada
queue-ticket-updates = Această pagină se actualizează singură: țineți-o deschisă.
queue-ticket-watch = Numărul dumneavoastră va apărea și pe ecranul din sala de așteptare, împreună cu ghișeul.
queue-poster-title = Luați bonul de ordine cu telefonul
queue-poster-steps = Îndreptați camera spre codul QR, alegeți serviciul și așteptați: telefonul vă anunță când vă vine rândul.
queue-poster-link = Sau deschideți adresa:
queue-poster-qr-alt = Cod QR pentru a lua un bon de ordine
queue-print = Tipăriți
queue-display-title = Apeluri
queue-display-code = Număr
queue-display-counter = Ghișeu
queue-display-none = Niciun apel deocamdată.
queue-display-speech = Numărul { $code }, { $counter }
queue-display-sound = Activați sunetul
queue-display-sound-on = Sunet activat
staff-nav-counter = Apeluri
queue-counter-choose = Alegeți ghișeul dumneavoastră
queue-counter-none = În acest birou nu există ghișee active.
queue-call-next = Chemați următorul
queue-call-next-key = Scurtătură: tasta N
queue-recall = Chemați din nou
queue-absent = Neprezentat
queue-start = Începeți
queue-done = Încheiat
queue-transfer = Transferați la serviciul
queue-transfer-submit = Transferați
queue-nobody-waiting = Nu așteaptă nimeni pentru serviciile acestui ghișeu.
queue-room-full = Sunt persoane care așteaptă afară, dar sala și-a atins limita: așteptați să se elibereze un loc.
queue-called-now = Chemat: { $code }
queue-current = La ghișeu
queue-current-none = Nimeni la ghișeu.
queue-waiting-title = În așteptare la acest ghișeu
queue-col-code = Număr
queue-col-service = Serviciu
queue-col-party = Persoane
queue-col-since = Sosire
queue-col-kind = Tip
queue-col-calls = Apeluri
queue-kind-appointment = Programare la { $time }
queue-kind-walk-in = Fără programare
queue-status-waiting = În așteptare
queue-status-called = Chemat
queue-status-serving = La ghișeu
queue-status-done = Încheiat
queue-status-absent = Absent
queue-status-cancelled = A părăsit coada
queue-desk-title = Bon de ordine pentru cine vine fără programare
queue-desk-help = Bonul așteaptă în afara sălii până când este chemat, în limita locurilor din sală.
queue-desk-name = Nume (opțional, nu apare pe ecran)
queue-desk-submit = Creați și tipăriți bonul
queue-print-wait = Urmăriți apelul pe ecranul din sala de așteptare.
queue-print-back = Înapoi la ghișeu
queue-links-title = Ecrane și afiș
queue-display-link = Ecranul din sala de așteptare
queue-poster-link-staff = Afiș cu codul QR pentru intrare
queue-scan-ticket = Bon de ordine
queue-action-done = Gata: { $code } este acum „{ $status }”.
queue-join-choose = Alegeți un serviciu.

## Identity: citizens log in with SPID or CIE, staff with the city's single sign-on; $provider is the login service's label, $name and $code the person's name and fiscal code.
identity-login-title = Autentificați-vă cu identitatea digitală
identity-login-intro = Cu SPID sau CIE, numele și codul fiscal vin de la serviciul de autentificare: nu trebuie să le scrieți, iar programările le regăsiți în „Programările mele”.
identity-or-fill = Sau completați datele dumneavoastră mai jos și faceți programarea fără autentificare.
identity-required = Pentru acest serviciu trebuie să vă autentificați cu SPID sau CIE: identitatea este verificată de serviciul de autentificare.
identity-logged-in = V-ați autentificat ca { $name } (cod fiscal { $code }).
identity-locked = Provine de la serviciul de autentificare și nu poate fi modificat.
identity-logout = Deconectare
identity-logged-out = V-ați deconectat
identity-logout-provider = Vă redirecționăm către serviciul de autentificare pentru a închide sesiunea și acolo.
identity-logout-provider-link = Închideți sesiunea și la serviciul de autentificare
my-link = Programările mele (cu SPID sau CIE)
my-title = Programările mele
my-upcoming = Programări viitoare
my-past = Trecute sau anulate
my-none-upcoming = Nu aveți programări viitoare.
my-book-new = Faceți o programare
my-none-past = Nicio programare trecută sau anulată.
my-manage = Deschideți, mutați sau descărcați
my-cancel = Anulați programarea
my-login-intro = Autentificați-vă cu SPID sau CIE pentru a vedea programările făcute cu identitatea dumneavoastră digitală, la toate birourile.
my-no-login = Autentificarea cu SPID sau CIE nu este activă. Pentru a gestiona o programare, folosiți linkul din e-mailul de confirmare.
login-problem-title = Autentificare nereușită
login-problem-unavailable = Serviciul de autentificare „{ $provider }” nu răspunde în acest moment. Vă rugăm să încercați din nou peste câteva minute.
login-problem-bad-answer = Autentificarea nu a fost finalizată: a fost anulată, a expirat sau răspunsul serviciului de autentificare nu era valid. Nu s-a efectuat nicio autentificare.
login-problem-no-fiscal-code = Serviciul de autentificare „{ $provider }” nu a transmis codul fiscal sau numele, necesare pentru a face o programare cu identitatea dumneavoastră.
login-problem-no-email = Serviciul de autentificare al primăriei nu a transmis o adresă de e-mail, care identifică contul dumneavoastră din Sportello. Adresați-vă administratorului.
login-problem-no-role = Contul dumneavoastră de la primărie nu are un rol în Sportello (operator, responsabil sau administrator). Cereți administratorului să vi-l atribuie.
login-problem-no-office = Contul dumneavoastră de la primărie nu indică un birou din Sportello. Cereți administratorului să vi-l atribuie.
login-problem-disabled = Acest cont este dezactivat în Sportello. Adresați-vă administratorului.
login-problem-anonymous = Puteți face totuși o programare fără autentificare, introducând numele și adresa de e-mail.
login-problem-continue = Continuați fără autentificare
login-problem-again = Încercați din nou să vă autentificați
login-problem-staff-back = Înapoi la pagina de autentificare
staff-sso-title = Sau autentificați-vă cu contul primăriei
manager-login-required = Programare numai cu SPID sau CIE
my-opened-here = Ați deschis această pagină din „Programările mele”: adresa ei este valabilă cât timp rămâneți autentificat. Pentru a reveni mai târziu, folosiți linkul din emailul de confirmare sau
login-problem-switch = Deconectați-vă de la serviciul de autentificare (pentru a folosi alt cont)

## Webhooks (issue 21): the managers' page. $event is the event's type with dots and
## underscores as hyphens; $status a delivery's status.
manager-webhooks-title = Webhook-uri
manager-webhooks-intro = Evenimentele biroului, semnate, trimise sistemelor primăriei (CRM, starea civilă, automatele de bonuri). Fiecare este retrimis până când sistemul răspunde 2xx.
manager-webhook-url = Adresa (URL)
manager-webhook-events = Evenimente
manager-webhook-add = Adăugați webhook-ul
manager-webhook-secret = Copiați acum acest secret în sistemul care primește: nu va mai fi afișat.
manager-webhook-test = Trimiteți un test
manager-webhook-tested = Testul este în coadă: pleacă în câteva secunde.
manager-webhook-deliveries = Ultimele trimiteri
manager-webhook-none = Încă niciun webhook.
manager-webhook-no-deliveries = Încă nimic trimis.
manager-webhook-replay = Trimiteți din nou
manager-webhook-attempts = Încercări
manager-webhook-error = Ultima eroare
manager-webhook-when = Când
webhook-event =
    { $event ->
        [booking-created] Programare făcută
        [booking-cancelled] Programare anulată
        [booking-checked-in] Sosire înregistrată
        [booking-served] Servit
        [booking-no-show] Absență (loc eliberat)
        [ticket-called] Bon chemat
       *[ping] Test (ping)
    }
webhook-status =
    { $status ->
       *[pending] În așteptare
        [sending] Se trimite
        [sent] Livrat
        [failed] Nelivrat
    }
field-url = Adresa (URL)
invalid-url = Scrieți adresa completă a unui server public, care începe cu https:// (adresele din rețeaua internă sunt permise doar dacă administratorul le-a activat).
field-events = Evenimente
invalid-events = Alegeți cel puțin unul dintre evenimentele din listă.

## Calendar feeds (issue 21): /staff/calendars. $date is when the address was made.
staff-nav-calendars = Calendare
staff-calendars-title = Calendare
staff-calendars-intro = Abonați calendarul telefonului sau din Outlook la aceste adrese pentru a vedea programările de azi și din următoarele șase săptămâni (cod și serviciu, fără nume). Oricine are adresa vede programările: dacă se pierde, creați una nouă, iar cea veche nu mai funcționează.
staff-calendar-of = Calendarul pentru
staff-calendar-address = Adresa
staff-calendar-made = Iată adresa nouă: copiați-o acum în aplicația de calendar, nu va mai fi afișată.
staff-calendar-since = activă din { $date }
staff-calendar-none = nicio adresă
staff-calendar-reset = Adresă nouă
staff-calendar-make = Creați adresa

## Spreadsheets (issue 21).
manager-download-xlsx = Descărcați Excel (.xlsx)
manager-download-bookings = Programările perioadei (.xlsx)
staff-download-xlsx = Descărcați Excel (.xlsx)
