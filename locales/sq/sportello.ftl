# Sportello — Albanian (sq)
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

citizen-lang-name = Shqip
citizen-language = Gjuha
staff-lang-name = Shqip

## How the language is written
## `lang-dir`: ltr or rtl. `date-locale`: the locale whose weekday and month names fill
## the date patterns (a name from glibc's list, e.g. it_IT, ar_EG). The patterns use
## chrono's strftime syntax: %A weekday, %a short weekday, %-d day, %B month, %b short
## month, %Y year. Translate the order and punctuation, not the % codes.

lang-dir = ltr
date-locale = sq_AL
date-long = %A, %-d %B %Y
date-short = %a %-d %b
date-weekday-short = %a

## Citizen pages: general
## From: struct `Texts` (src/i18n.rs), instances `IT` / `EN`.

citizen-site = Sportello – Rezervimi i takimeve
citizen-skip = Kalo te përmbajtja kryesore
citizen-home-title = Rezervoni një takim
citizen-home-intro = Zgjidhni zyrën dhe shërbimin. Do të merrni konfirmimin me email, bashkë me kodin QR që duhet të tregoni në sportel.
citizen-accessibility = Deklarata e aksesueshmërisë
citizen-go-home = Kthehu në faqen kryesore

## Citizen pages: choosing a day and a time
## From: struct `Texts` (src/i18n.rs).
## `citizen-minutes` replaces `Texts::minutes` and the number the template puts before it
## (templates/citizen/home.html: "{ duration } minuti").
## `citizen-free-count` replaces `Texts::free_count()` and the fields `free_times`,
## `one_free_time`, `no_free_times`.

citizen-minutes =
    { $count ->
        [one] { $count } minutë
       *[other] { $count } minuta
    }
citizen-video-call = me videotelefonatë
citizen-choose-day = Zgjidhni ditën
citizen-free-count =
    { $count ->
        [0] asnjë orar i lirë
        [one] { $count } orar i lirë
       *[other] { $count } orare të lira
    }
citizen-earlier = Ditët e mëparshme
citizen-later = Ditët në vijim
citizen-choose-time = Zgjidhni orarin
citizen-party-size = Numri i personave
citizen-party-hint = Nga 1 deri në 4 persona që hyjnë së bashku.
citizen-continue = Vazhdo
citizen-back-to-days = Kthehu te ditët
citizen-just-taken = Ky orar sapo u zu nga dikush tjetër.
citizen-nearest-free = Oraret e lira më të afërta:
citizen-no-times-day = Në këtë ditë nuk ka orare të lira.

## Citizen pages: dates and times inside sentences
## From: the `format!` calls around `Texts::long_date()` and `hhmm()`:
## `citizen-date-time` = routes/citizen/book.rs and browse.rs ("{ date }, { time }"),
## also the `at` / `when` of service/waitlist/offers.rs and booking/book.rs;
## `citizen-date-time-range` = `Facts::with_when` (src/email/letters.rs).
## $date is a date already formatted by the locale library, $time/$start/$end are "09:00".

citizen-date-time = { $date }, { $time }
citizen-date-time-range = { $date }, { $start }–{ $end }
citizen-day-free = { $date }, { $free }
citizen-day-closed = mbyllur
citizen-day-closed-because = mbyllur: { $reason }
citizen-day-no-hours = zyra nuk hapet në këtë ditë
citizen-day-too-far = ende jo e rezervueshme
citizen-day-full = e rezervuar plotësisht

## Citizen pages: details form
## From: struct `Texts` (src/i18n.rs).
## `citizen-held-until` replaces `Texts::held_until` followed by the time
## (templates/citizen/details.html).

citizen-details-title = Të dhënat tuaja
citizen-held-until = Ne e mbajmë këtë orar për ju deri në orën { $time }.
citizen-name = Emri dhe mbiemri
citizen-email = Email
citizen-email-hint = Këtu do t'ju dërgojmë konfirmimin dhe kodin QR.
citizen-phone = Telefoni
citizen-optional = fakultative
citizen-consent = Kam lexuar njoftimin për privatësinë dhe jap pëlqimin për përpunimin e të dhënave të mia për menaxhimin e takimit.
citizen-consent-error = Për të rezervuar nevojitet pëlqimi juaj për përpunimin e të dhënave.
citizen-confirm = Konfirmoni rezervimin
citizen-errors-title = Ju lutemi korrigjoni këto fusha:
citizen-hold-gone = Koha për të përfunduar rezervimin ka skaduar. Ju lutemi zgjidhni përsëri një orar.
citizen-citizen-limit = Me këtë adresë emaili ekziston tashmë një rezervim aktiv për këtë shërbim, që është numri maksimal i lejuar, prandaj nuk u krye një rezervim tjetër. Ju kemi shkruar në këtë adresë me të dhënat: për ta zhvendosur ose anuluar rezervimin, përdorni lidhjen në emailin e konfirmimit.
citizen-citizen-limit-identity = Keni tashmë numrin maksimal të rezervimeve aktive për këtë shërbim, prandaj nuk u bë një tjetër. I gjeni te "Rezervimet e mia", ku mund t'i zhvendosni ose t'i anuloni.

## Citizen pages: the booking
## From: struct `Texts` (src/i18n.rs).
## `citizen-status-label` replaces `Texts::status()` and the fields `status_confirmed`,
## `status_checked_in`, `status_served`, `status_cancelled`, `status_no_show`.
## $status is the serde name of `BookingStatus` (held, confirmed, checked_in, served,
## cancelled, no_show); `held` falls to the default, like `Confirmed | Held` in Rust.

citizen-booking-title = Rezervimi juaj
citizen-booking-done = Rezervimi u konfirmua.
citizen-reference = Kodi
citizen-status = Statusi
citizen-status-label =
    { $status ->
       *[confirmed] i konfirmuar
        [checked_in] i pritur në sportel
        [served] i përfunduar
        [cancelled] i anuluar
        [no_show] nuk u paraqit
    }
citizen-when = Kur
citizen-where = Ku
citizen-service = Shërbimi
citizen-persons = Personat
citizen-what-to-bring = Çfarë duhet të sillni
citizen-qr-title = Kodi QR për hyrje
citizen-qr-help = Tregojeni në sportel kur të mbërrini, nga telefoni ose të printuar.
citizen-qr-alt = Kodi QR i takimit tuaj
citizen-manage-link = Lidhja për ta parë ose anuluar
citizen-manage-help = Ruajeni këtë lidhje: ju nevojitet për të parë ose anuluar rezervimin.
citizen-meeting = Lidhja e videotelefonatës
citizen-cancel = Anuloni rezervimin
citizen-resend = Dërgoni përsëri emailin
citizen-resent-note = Ju kemi dërguar përsëri emailin e konfirmimit.

## Citizen pages: opening a booking without its link, cancelling
## From: struct `Texts` (src/i18n.rs).

citizen-code-title = Rezervimi juaj
citizen-code-intro = Për ta parë, zhvendosur ose anuluar këtë rezervim, hapni lidhjen në emailin e konfirmimit ose shkruani këtu kodin e menaxhimit që ajo përmban.
citizen-code-label = Kodi i menaxhimit
citizen-code-hint = Është pjesa e lidhjes pas «token=», në emailin e konfirmimit.
citizen-code-open = Hapni rezervimin
citizen-cancel-title = Të anulohet rezervimi?
citizen-cancel-question = Orari do të bëhet përsëri i lirë për persona të tjerë. Dëshironi ta anuloni?
citizen-cancel-yes = Po, anuloje
citizen-cancel-no = Jo, kthehu prapa
citizen-cancelled-note = Rezervimi është anuluar.

## Citizen pages: errors
## From: struct `Texts` (src/i18n.rs).

citizen-error-title = Diçka nuk shkon
citizen-error-404 = Faqja ose rezervimi nuk ekziston, ose lidhja nuk është e plotë.
citizen-error-409 = Nuk është e mundur: situata ka ndryshuar ndërkohë.
citizen-error-422 = Disa të dhëna nuk janë të vlefshme.
citizen-error-429 = Shumë kërkesa në pak kohë. Ju lutemi provoni përsëri pas disa sekondash.
citizen-error-429-address = Kjo adresë emaili ka marrë tashmë shumë rezervime në orën e fundit. Ju lutemi provoni përsëri më vonë, brenda një ore.
citizen-error-429-holds = Nga kjo lidhje interneti janë mbajtur tashmë të rezervuara përkohësisht shumë orare (ndoshta nga persona të tjerë në të njëjtin rrjet). Ju lutemi provoni përsëri pas disa minutash.
citizen-error-500 = Ndodhi një gabim. Ju lutemi provoni përsëri më vonë.
citizen-error-other = Kërkesa nuk mund të përmbushet.

## Errors on pages: what went wrong, and field by field
## `field-<name>` is the label of a field named in an error, `invalid-<name>` what it
## expects; <name> is the API's field name in lower case with `-` for `_` and `.`, without
## indices (`citizen.email` → citizen-email, `weekly.mon[0]` → weekly). A field without
## its own message uses `field-other` / `invalid-other`. Many reuse another message with
## { message-id }: translate only the ones written out.

citizen-error-400 = Kërkesa nuk mund të lexohet: kthehuni mbrapa dhe provoni përsëri nga formulari.
citizen-error-403 = Formulari ka skaduar ose nuk vjen nga kjo faqe. Kthehuni mbrapa, ringarkoni faqen dhe provoni përsëri.
field-other = Fusha
field-name = Emri
field-weekly = Orari javor
field-reconfirm-days = Ditë për rikonfirmim
field-form = Formulari
field-consent = Njoftimi i privatësisë
field-language = Gjuha
field-hold-id = Orari i rezervuar përkohësisht
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
invalid-other = Vlera nuk është e vlefshme: kontrollojeni dhe provoni përsëri.
invalid-number = Shkruani një numër të plotë, pa shkronja, brenda kufijve të treguar.
invalid-choice = Zgjidhni një nga zërat e listës.
invalid-date-general = Zgjidhni një datë të vlefshme (DD/MM/VVVV); data e fundit nuk mund të jetë para datës së fillimit.
invalid-time = Shkruani një orë të vlefshme, si 09:30.
invalid-citizen-name = Shkruani emrin dhe mbiemrin (jo më shumë se 100 karaktere).
invalid-citizen-email = Shkruani një adresë email të vlefshme, si emri@shembull.al.
invalid-citizen-phone = Shkruani një numër telefoni të vlefshëm: shifra dhe hapësira, me + në fillim nëse duhet.
invalid-party-size = Zgjidhni një numër personash që lejon ky shërbim.
invalid-start = Ky orar nuk është i disponueshëm ose ka kaluar: zgjidhni një tjetër.
invalid-date-from = Zgjidhni një ditë të vlefshme, nga sot e tutje dhe brenda periudhës së rezervimit.
invalid-date-to = { invalid-date-from }
invalid-consent = Për të rezervuar duhet të konfirmoni se keni lexuar njoftimin e privatësisë.
invalid-language = Zgjidhni një nga gjuhët e ofruara.
invalid-hold-id = Koha për të përfunduar rezervimin ka mbaruar. Zgjidhni përsëri një orar.
invalid-name = Shkruani një emër nga 1 deri në 200 karaktere.
invalid-address = { invalid-name }
invalid-reason = Shkruani një arsye (jo më shumë se 200 karaktere).
invalid-timezone = Shkruani një zonë kohore si Europe/Rome.
invalid-weekly = Çdo interval duhet të hapet para se të mbyllet dhe të mos mbivendoset me të tjerët e së njëjtës ditë.
invalid-form = Formulari nuk është i plotë: ringarkoni faqen dhe provoni përsëri.
invalid-email = Shkruani një adresë email të vlefshme.
invalid-password = Fjalëkalimi duhet të ketë të paktën 10 karaktere.
invalid-what-to-bring = Teksti është shumë i gjatë.

## Citizen pages: waiting list and offers
## From: struct `Texts` (src/i18n.rs).
## `citizen-offer-until` replaces `Texts::offer_until` followed by the time
## (templates/citizen/offer.html).

citizen-waitlist-link = Nuk ka orar të përshtatshëm? Regjistrohuni në listën e pritjes
citizen-waitlist-title = Lista e pritjes
citizen-waitlist-intro = Do t'ju shkruajmë sapo të lirohet një vend në një nga ditët që keni zgjedhur. Vendi u ofrohet disa personave në listë: e merr ai që e pranon i pari.
citizen-date-from = Nga data
citizen-date-to = Deri në datën
citizen-waitlist-join = Regjistrohuni në listë
citizen-waitlist-joined = Jeni në listën e pritjes. Ju kemi dërguar një email me lidhjen për të dalë nga lista.
citizen-waitlist-leave = Dilni nga lista e pritjes
citizen-waitlist-left = Nuk jeni më në listën e pritjes.
citizen-waitlist-waiting = Në pritje të një vendi
citizen-waitlist-booked = Keni marrë një vend
citizen-offer-title = U lirua një vend
citizen-offer-accept = Pranoni vendin
citizen-offer-until = Oferta është e vlefshme deri në orën { $time }.
citizen-offer-gone = Ky vend është marrë nga një person tjetër ose oferta ka skaduar. Ju mbeteni në listën e pritjes.
citizen-offer-accepted = E keni pranuar tashmë këtë vend.

## Citizen pages: reconfirming and moving an appointment
## From: struct `Texts` (src/i18n.rs).

citizen-reconfirm-title = Konfirmoni takimin
citizen-reconfirm-button = Konfirmoj që do të vij
citizen-reconfirm-done = Faleminderit: takimi është konfirmuar.
citizen-reconfirm-too-late = Ky takim nuk mund të konfirmohet më (është anuluar ose liruar).
citizen-move-title = Zgjidhni një orar të ri
citizen-move-intro = Zyra ka ndryshuar oraret e saj ose vendet në dispozicion. Takimi juaj mbetet i vlefshëm derisa të zgjidhni një tjetër: nëse orari aktual ju përshtatet, nuk keni nevojë të bëni asgjë.
citizen-move-pick-day = Dita
citizen-move-show = Shfaqni oraret e lira
citizen-move-done = U krye: takimi u zhvendos. Ju kemi dërguar një email të ri konfirmimi; kodi QR mbetet i njëjtë.
citizen-move-gone = Ky takim nuk mund të zhvendoset më me këtë lidhje.
citizen-move-current = Takimi aktual

## Accessibility statement
## From: templates/citizen/accessibility.html (the page title is `citizen-accessibility`).
## `a11y-compliance`: the template shows the word for "compliant" in bold; the message
## is plain text. `a11y-usage-languages` names the languages the page offered when written:
## update it in every file when the new languages go live.


## Staff pages: general, login, navigation
## From: struct `StaffTexts` (src/web/staff_i18n.rs), instances `IT` / `EN`.
## `staff-locked-until` replaces `locked_until` followed by the time
## (templates/staff/users.html).

staff-site = Sportello – Personeli
staff-skip = Kalo te përmbajtja kryesore
staff-login-title = Hyrja e personelit
staff-login-intro = Hyni me emailin dhe fjalëkalimin e llogarisë suaj.
staff-email = Email
staff-password = Fjalëkalimi
staff-login = Hyni
staff-login-failed = Emaili ose fjalëkalimi nuk është i saktë.
staff-login-blocked = Shumë përpjekje të pasuksesshme për këtë llogari. Provoni përsëri pas 15 minutash.
staff-logout = Dilni
staff-nav-scan = Pritja
staff-nav-agenda = Axhenda
staff-nav-rooms = Sallat
staff-nav-users = Llogaritë
staff-nav-manage = Menaxhimi
staff-office = Zyra
staff-choose-office = Zgjidhni zyrën
staff-show = Shfaq

## Staff pages: check-in (scan)
## From: struct `StaffTexts` (src/web/staff_i18n.rs).
## The headlines with a time replace the `format!` calls of routes/staff/scan.rs:
## `staff-out-already` = out_already + at + time, `staff-out-no-show` = out_no_show + at
## + time, `staff-out-too-early` = out_too_early + " – " + starts_at + time. The fields
## `at` and `starts_at` are used nowhere else, so they have no message of their own.

staff-scan-title = Pritja: skanimi i kodit QR
staff-scan-label = Kodi i rezervimit
staff-scan-hint = Drejtojeni kamerën nga kodi, përdorni një lexues (USB ose Bluetooth) ose shkruani kodin dhe shtypni Enter.
staff-scan-button = Verifiko
staff-camera-start = Përdor kamerën
staff-camera-stop = Fik kamerën
staff-camera-unavailable = Kamera nuk është e disponueshme: përdorni lexuesin ose shkruani kodin.
staff-camera-hint = Drejtojeni kamerën nga kodi QR: verifikimi nis vetë.
staff-out-checked-in = I PRANUAR
staff-out-already = I PRANUAR TASHMË në orën { $time }
staff-out-cancelled = REZERVIM I ANULUAR
staff-out-no-show = NUK U PARAQIT: VENDI U LIRUA në orën { $time }
staff-out-wrong-office = ZYRË E GABUAR
staff-out-too-early = SHUMË HERËT: takimi është { $date } në orën { $time }; hyrja hapet në orën { $opens }
staff-out-unknown = KOD I PANJOHUR

## Staff pages: booking details and agenda
## From: struct `StaffTexts` (src/web/staff_i18n.rs).
## `staff-status-label` replaces `StaffTexts::status_label()` and the fields
## `st_confirmed`, `st_checked_in`, `st_served`, `st_cancelled`, `st_no_show`
## ($status as for `citizen-status-label`).
## `staff-walk-in-done` / `staff-served-done` replace the `format!` calls of
## routes/staff/agenda.rs ($reference is the booking code).

staff-reference = Kodi
staff-name = Emri
staff-persons = Personat
staff-service = Shërbimi
staff-counter = Sporteli
staff-room = Salla
staff-time = Ora
staff-status = Statusi
staff-actions = Veprimet
staff-booking-title = Rezervimi
staff-admit = Prano
staff-agenda-title = Axhenda e ditës
staff-date = Data
staff-all = Të gjithë
staff-expected = Të pritur
staff-present = Të pranishëm
staff-served = Të shërbyer
staff-cancelled = Të anuluar
staff-no-show = Të paparaqitur
staff-mark-served = Shërbyer
staff-nobody = Asnjë takim.
staff-walk-in = pa rezervim
staff-walk-in-title = Regjistroni një ardhje pa rezervim
staff-walk-in-hint = E mundur vetëm nëse tani një sportel i shërbimit është i lirë dhe salla ka vend.
staff-register-walk-in = Regjistro dhe prano tani
staff-walk-in-done = Ardhja u regjistrua dhe u pranua: { $reference }
staff-served-done = Takimi u mbyll: { $reference }
staff-status-label =
    { $status ->
       *[confirmed] Pritet
        [checked_in] I pranishëm
        [served] I shërbyer
        [cancelled] I anuluar
        [no_show] Nuk u paraqit
    }

## Staff pages: room occupancy and door screen
## From: struct `StaffTexts` (src/web/staff_i18n.rs).
## `staff-live-room-left` replaces the number + `live_room_left` of
## templates/staff/door.html; static/live.js builds the same text in the browser and
## needs the plural forms passed to it (e.g. one data attribute per plural category).
## `staff-live-updated` stays a label: the time after it is a separate element that
## static/live.js rewrites.

staff-rooms-title = Zënia e sallave
staff-live-present = Të pranishëm
staff-live-planned = Të parashikuar tani
staff-live-limit = Kufiri
staff-live-full = SALLA ËSHTË PLOT – ju lutemi prisni jashtë
staff-live-room-left =
    { $count ->
        [one] { $count } vend i lirë
       *[other] { $count } vende të lira
    }
staff-live-updated = Përditësuar në orën
staff-live-stale = Përditësimi dështoi: shifrat mund të mos jenë aktuale.
staff-open-door-screen = Ekrani për derën

## Staff pages: accounts
## From: struct `StaffTexts` (src/web/staff_i18n.rs).
## `staff-user-created` replaces the `format!` of routes/staff/users.rs ($email is the
## new account's address).

staff-users-title = Llogaritë e personelit
staff-users-create = Llogari e re
staff-password-hint = Të paktën 10 karaktere.
staff-role = Roli
staff-role-staff = Operator
staff-role-manager = Përgjegjës
staff-active = Aktiv
staff-disabled = Çaktivizuar
staff-locked-until = Shumë përpjekje të dështuara për hyrje: e bllokuar, përveçse nga shfletuesit e përdorur më parë, deri në orën { $time }
staff-disable = Çaktivizo
staff-enable = Riaktivizo
staff-create = Krijo
staff-user-created = Llogaria u krijua: { $email }

## Manager pages: offices, rooms, services, counters
## From: struct `ManagerTexts` (src/web/manager_i18n.rs), instances `IT` / `EN`.

manager-nav = Menaxhimi
manager-home-title = Menaxhimi i zyrës
manager-offices = Zyrat
manager-new-office = Zyrë e re
manager-address = Adresa
manager-timezone = Brezi orar
manager-margin = Mbërritja paraprakisht (minuta)
manager-margin-hint = Sa minuta para orarit të takimit një person llogaritet në sallën e pritjes.
manager-rooms-title = Sallat dhe kufijtë
manager-limit = Kufiri i personave
manager-parent = Brenda
manager-none = —
manager-new-room = Sallë e re
manager-new-limit = Kufi i ri
manager-services-title = Shërbimet dhe sportelet
manager-duration = Kohëzgjatja (minuta)
manager-horizon = E rezervueshme deri në (ditë)
manager-notice-min = Njoftimi minimal paraprak (minuta)
manager-grace = Toleranca e vonesës (minuta)
manager-per-citizen = Rezervime aktive për person
manager-channel = Mënyra
manager-in-person = Me prani fizike
manager-video = Videotelefonatë
manager-what-to-bring = Çfarë duhet të sillni
manager-new-service = Shërbim i ri
manager-counters = Sportelet
manager-new-counter = Sportel i ri
manager-offers = Shërbimet e ofruara
manager-settings = Cilësimet e zyrës
manager-no-show-email = Shkruajuni qytetarëve kur rezervimi i tyre lirohet për shkak të mosparaqitjes

## Manager pages: opening hours
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).
## `manager-weekday` replaces the array `ManagerTexts::weekdays` (form labels, written
## literally in the struct): $day is 1 (Monday) to 7 (Sunday), passed as a number (a
## string "1" would not match the numeric keys), as `loop.index` in
## templates/staff/manage/rules.html and `wd` in routes/staff/manage/hours.rs. The
## three-letter short names that hours.rs cuts from these (`chars().take(3)`) do not
## work in every language (Arabic); take short names from the locale library instead.

manager-hours-title = Orari i punës
manager-hours-intro = Një periudhë vlen nga data e fillimit; në çdo ditë vlen periudha që ka filluar e fundit. Lëreni bosh një orar për ta mbyllur atë brez orar.
manager-valid-from = E vlefshme nga
manager-valid-to = Deri më (fakultative)
manager-open-ended = pa afat
manager-weekday =
    { $day ->
       *[1] E hënë
        [2] E martë
        [3] E mërkurë
        [4] E enjte
        [5] E premte
        [6] E shtunë
        [7] E diel
    }
manager-morning = Mëngjesi
manager-afternoon = Pasditja
manager-opens = hapet
manager-closes = mbyllet
manager-closed = mbyllur
manager-periods = Periudhat e ruajtura

## Manager pages: closures and public holidays
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).
## `manager-holidays-change` replaces the `format!` of routes/staff/manage/closures.rs
## that describes the change: $year as a string (so no digit grouping is applied), $days
## the list of "date reason" already joined with "; ".

manager-closures-title = Mbylljet
manager-from = Nga
manager-to = Deri
manager-reason = Arsyeja (e dukshme për qytetarët)
manager-whole-office = E gjithë zyra
manager-new-closure = Mbyllje e re
manager-holidays = Festat zyrtare
manager-holidays-change = Festat zyrtare { $year }: { $days }
manager-holidays-intro = Mbyll zyrën në të gjitha festat kombëtare të vitit (përfshirë të Hënën e Pashkëve, e llogaritur) dhe në ditët e shenjtorit mbrojtës; ditët e mbyllura tashmë mbeten siç janë.
manager-year = Viti
manager-patron-days = Ditët e shenjtorit mbrojtës
manager-patron-hint = Një për rresht: MM-DD dhe emri, për shembull 12-06 San Nicola.

## Manager pages: capacity rules
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).

manager-rules-title = Rregullat e kapacitetit
manager-rules-intro = Një rregull ul kufirin e një salle në data, ditë të javës dhe breza orarë të caktuar; nëse vlejnë disa rregulla njëkohësisht, zbatohet kufiri më i ulët.
manager-every-day = çdo ditë
manager-whole-day = gjithë ditën
manager-time-from = Nga ora (fakultative)
manager-time-to = Deri në orën (fakultative)
manager-new-rule = Rregull i ri

## Manager pages: buttons and the effect of a change
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).
## `manager-notified` / `manager-already-notified` replace the label + number of
## templates/staff/manage/notified.html ($count). `manager-not-active` stays a label:
## the references after it are separate elements.

manager-remove = Fshi
manager-preview = Shfaq efektin
manager-save = Ruaj ndryshimin
manager-cancel = Anulo
manager-create = Krijo
manager-edit = Ndrysho
manager-saved = U ruajt.
manager-preview-title = Efekti i ndryshimit (ende i paruajtur)
manager-saved-title = Ndryshimi u ruajt
manager-no-impact = Asnjë rezervim ekzistues nuk preket nga ndryshimi.
manager-impact-intro = Asnjë rezervim nuk anulohet: të gjitha mbeten të vlefshme. Më poshtë janë intervalet mbi kufirin dhe rezervimet e përfshira.
manager-over-limit = Intervalet mbi kufirin
manager-planned = Personat e parashikuar
manager-affected = Rezervimet e përfshira
manager-notify = Njoftoni këta qytetarë
manager-notify-hint = Ata marrin një email me një lidhje për të zgjedhur një orar të ri; rezervimi aktual mbetet i vlefshëm derisa të zgjedhin një tjetër.
manager-notified = Emaile në radhë për dërgim: { $count }
manager-already-notified = Të njoftuar tashmë pas ndryshimit të fundit: { $count }
manager-not-active = Jo më aktive (të anuluara, të kaluara ose të paraqitura tashmë):

## Manager pages: audit log
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).

manager-audit-title = Regjistri i ndryshimeve
manager-who = Kush
manager-what = Çfarë
manager-when = Kur
manager-entity = Objekti
manager-action = Veprimi
manager-before = Para
manager-after = Pas
manager-system = sistemi
manager-filter = Filtro
manager-older = Më të vjetrat
manager-any = të gjithë

## Manager pages: statistics
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).

manager-stats-title = Statistikat
manager-by-day = sipas ditës
manager-by-week = sipas javës
manager-period = Periudha
manager-bookings = Rezervimet
manager-check-ins = Të paraqitur
manager-cancellations = Të anuluara
manager-no-shows = Të paparaqitur
manager-no-show-rate = Shkalla e mosparaqitjes
manager-utilisation = Shfrytëzimi i kapacitetit
manager-peak = Numri maksimal i personave
manager-download-csv = Shkarko CSV
manager-chart-bookings = Rezervimet sipas periudhës
manager-chart-utilisation = Shfrytëzimi i kapacitetit sipas periudhës
manager-stats-help = Shfrytëzimi: persona-minuta të parashikuara pjesëtuar me persona-minuta të lejuara gjatë orarit të punës. Shkalla e mosparaqitjes: të paparaqitur pjesëtuar me (të paraqitur + të paparaqitur).

## Emails: shared parts
## From: the greeting of templates/email/{confirmation,cancellation,reminder}/body.* and
## of `letters::notice()` (src/email/letters.rs): `email-greeting` when the name is
## known, `email-greeting-citizen` when it is empty. The labels are those of the
## confirmation and reminder bodies (the text version adds ": " after them).
## $name is the citizen's name; $reference the booking code; $service, $office and
## $address the service's and office's names and address; $when the date and times
## (`citizen-date-time-range` or `citizen-date-time`); $time a time "09:00"; $url a link.

email-greeting = I/E nderuar { $name },
email-greeting-citizen = E nderuar qytetare, i nderuar qytetar,
email-label-reference = Kodi
email-label-service = Shërbimi
email-label-when = Kur
email-label-where = Ku
email-label-persons = Personat
email-label-what-to-bring = Çfarë duhet të sillni
email-label-video-call = Videotelefonata
email-qr-alt = Kodi QR i takimit
email-calendar-summary = { $service } – { $office }
email-calendar-description = Kodi i rezervimit: { $reference }. Për ta parë: { $url }

## Email: booking confirmation
## From: templates/email/confirmation/ (subject.txt, body.txt, body.html).

email-confirmation-subject = Rezervimi u konfirmua { $reference }: { $service }, { $when }
email-confirmation-title = Rezervimi u konfirmua
email-confirmation-intro = Rezervimi juaj është konfirmuar.
email-confirmation-show-qr = Kur të mbërrini, tregojeni këtë kod QR në sportel:
email-confirmation-image-fallback = Nëse imazhi nuk shfaqet, përdorni këtë lidhje:
email-confirmation-show-qr-attached = Kur të mbërrini, tregoni në sportel kodin QR bashkëngjitur ose këtë lidhje:
email-confirmation-manage-link = Shikoni ose anuloni rezervimin
email-confirmation-manage-text = Për të parë ose anuluar rezervimin:

## Email: booking cancelled
## From: templates/email/cancellation/ (subject.txt, body.txt, body.html). The HTML body
## has `email-cancellation-body`; the text body adds `email-cancellation-time-free`.

email-cancellation-subject = Rezervimi u anulua { $reference }: { $service }, { $when }
email-cancellation-title = Rezervimi u anulua
email-cancellation-body = Rezervimi { $reference } ({ $service }, { $when }, { $office }) është anuluar.
email-cancellation-time-free = Orari është përsëri i lirë për persona të tjerë.

## Email: reminder the day before
## From: templates/email/reminder/ (subject.txt, body.txt, body.html).
## `email-reminder-summary` is the HTML body's one-line summary.

email-reminder-subject = Kujtesë: nesër { $service }, { $when } ({ $reference })
email-reminder-title = Kujtesë: takimi juaj është nesër
email-reminder-intro = Ju kujtojmë takimin tuaj të nesërm.
email-reminder-summary = { $service } – { $when } – { $office }, { $address } ({ $reference })
email-reminder-show-qr = Kur të mbërrini, tregoni kodin QR bashkëngjitur ose këtë lidhje: { $url }
email-reminder-cancel-hint = Nëse nuk mund të vini, ju lutemi anuloni: orari do të bëhet i lirë për të tjerët.

## Email: missed appointment (no-show)
## From: `letters::no_show()` (src/email/letters.rs): title and two paragraphs.

email-no-show-subject = Takim i papërdorur { $reference }
email-no-show-body = Nuk ju pamë në takimin { $reference } ({ $service }, { $when }, { $office }). Vendi është liruar për persona të tjerë.
email-no-show-book-again = Nëse shërbimi ju nevojitet ende, mund të rezervoni një takim të ri në faqen e internetit.

## Email: booking refused by the per-citizen limit
## From: `citizen_limit_notice()` (src/service/booking/book.rs): title, two paragraphs,
## link label. $when is `citizen-date-time`.

email-citizen-limit-subject = Keni tashmë një rezervim: { $service }
email-citizen-limit-body = Dikush (ndoshta ju) sapo kërkoi të rezervojë «{ $service }» pranë { $office } me këtë adresë emaili. Ju keni tashmë një rezervim aktiv për këtë shërbim ({ $reference }, { $when }), prandaj nuk u krye një rezervim tjetër.
email-citizen-limit-help = Për ta zhvendosur ose anuluar, përdorni lidhjen në emailin e konfirmimit. Nëse nuk ishit ju, nuk keni nevojë të bëni asgjë.
email-citizen-limit-link = Rezervimi juaj

## Email: invitation to choose a new time
## From: `invitation_letter()` (src/service/changes/rebook.rs): title, two paragraphs,
## link label.

email-rebook-subject = Zgjidhni një orar të ri për takimin { $reference }
email-rebook-body = Zyra { $office } ka ndryshuar oraret ose vendet në dispozicion në ditën e takimit tuaj për «{ $service }» ({ $when }).
email-rebook-help = Ju lutemi, nëse keni mundësi, zgjidhni një orar tjetër me butonin më poshtë. Derisa ta bëni këtë, takimi juaj mbetet i vlefshëm dhe kodi QR që keni marrë vazhdon të funksionojë.
email-rebook-link = Zgjidhni një orar të ri

## Email: request to confirm attendance
## From: `request_letter()` (src/service/visit/reconfirm.rs): title, two paragraphs,
## link label.

email-reconfirm-subject = Konfirmoni që do të vini: { $reference }
email-reconfirm-body = Ju keni një takim { $reference } ({ $service }, { $when }).
email-reconfirm-help = Për ta mbajtur, konfirmojeni me butonin më poshtë deri një ditë përpara. Nëse nuk e konfirmoni, vendi do t'u lirohet personave të tjerë që janë në pritje.
email-reconfirm-link = Konfirmoj që do të vij

## Email: appointment released for lack of confirmation
## From: `release()` (src/service/visit/reconfirm.rs): title and one paragraph.

email-reconfirm-released-subject = Takimi u lirua: { $reference }
email-reconfirm-released-body = Nuk kemi marrë konfirmimin e takimit { $reference } ({ $service }, { $when }), prandaj vendi është liruar për persona të tjerë. Nëse shërbimi ju nevojitet ende, mund të rezervoni përsëri në faqen e internetit.

## Email: joined the waiting list
## From: src/service/waitlist/entries.rs (notice kind `waitlist_joined`): title, one
## paragraph, link label. $from and $to are the first and last day, already formatted.

email-waitlist-joined-subject = Jeni në listën e pritjes: { $service }
email-waitlist-joined-body = Do t'ju shkruajmë sapo të lirohet një vend për «{ $service }» pranë { $office } midis ditëve { $from } – { $to }. Vendin e merr ai që e pranon i pari ofertën.
email-waitlist-joined-link = Dilni nga lista e pritjes

## Email: a place is free (waiting-list offer)
## From: `offer_freed()` (src/service/waitlist/offers.rs): title, two paragraphs, link
## label. $when is `citizen-date-time`; $time is when the offer ends.

email-waitlist-offer-subject = U lirua një vend: { $service }
email-waitlist-offer-body = U lirua një vend për «{ $service }» pranë { $office }: { $when }.
email-waitlist-offer-rules = Vendi u ofrohet edhe personave të tjerë në listë: e merr ai që e pranon i pari. Oferta është e vlefshme deri në orën { $time }.
email-waitlist-offer-link = Pranoni vendin

## Email: the offered place was taken
## From: src/service/waitlist/accept.rs (notice kind `waitlist_gone`): title and one
## paragraph.

email-waitlist-gone-subject = Vendi i ofruar është marrë: { $service }
email-waitlist-gone-body = Vendi që ju kishim ofruar është pranuar nga një person tjetër. Ju mbeteni në listën e pritjes: do t'ju shkruajmë kur të lirohet vendi i ardhshëm.

## Added with the page walk of issue 15: reasons of refused walk-ins, the manager
## pages' change summaries, the audit log's words, numbers.
## `time-range` keeps a span of time in reading order (Arabic wraps it in an LTR isolate).
## `manager-audit-entity` / `manager-audit-action` name what the audit log records
## ($entity, $action are the stored codes; unknown ones are shown as they are).

citizen-error-403-role = Nuk keni leje për këtë faqe, ose jo për këtë zyrë.
citizen-service-facts-video = { $minutes }, me video-thirrje
invalid-office-closed = Zyra tani është e mbyllur: një hyrje pa takim regjistrohet vetëm gjatë orarit të punës.
invalid-closes-too-soon = Zyra mbyllet para se ky shërbim të mbarojë: sot nuk regjistrohen më hyrje.
invalid-video-no-walk-in = Ky shërbim është vetëm me video-thirrje: nuk ka hyrje në sportel.
field-service-id = { citizen-service }
invalid-service-id = { invalid-choice }
invalid-patron-days = Shkruani një ditë për rresht: muaji-dita dhe emri, si 12-06 San Nicola (jo më shumë se 20 ditë).
field-to-time = Deri në
manager-weekdays = Ditët e javës
manager-percent = { $value }%
number-decimal-separator = ,
time-range = { $start }–{ $end }
manager-change-hours = Orari i punës nga { $from }
manager-change-hours-until = Orari i punës nga { $from } deri më { $to }
manager-change-rule = Rregull për { $room }: nga { $from } deri më { $to }, kufiri { $limit }
manager-change-closure = Mbyllje nga { $from } deri më { $to }: { $reason }
manager-audit-entity =
    { $entity ->
        [booking] rezervim
        [capacity_rule] rregull kapaciteti
        [closure] mbyllje
        [counter] sportel
        [impact] njoftim për qytetarët
        [office] zyrë
        [opening_hours] orari i punës
        [room] sallë
        [service] shërbim
        [user] llogari
        [ticket] numër radhe
       *[other] { $entity }
    }
manager-audit-action =
    { $action ->
        [create] krijim
        [delete] fshirje
        [move] zhvendosje
        [notify] njoftim
        [release_unconfirmed] lirim pa rikonfirmim
        [replace] zëvendësim
        [update] ndryshim
        [walk_in] hyrje pa takim
        [undo_checkin] pranim i anuluar
        [reset_door_link] lidhje e re e ekranit te dera
        [turn_off_door_link] lidhja e ekranit te dera u çaktivizua
        [checkin] pranim
        [mark_served] shërbyer
        [call] thirrje
        [recall] thirrje e re
        [start] fillim në sportel
        [not_here] mungon
        [finish] përfunduar
        [transfer] transferim
        [ticket] numër në sportel
       *[other] { $action }
    }

## The appointment behind a check-in link (/c/…), for the citizen who opens it
citizen-pass-title = Takimi juaj
citizen-pass-not-active = Ky takim nuk është më aktiv: kodi QR nuk nevojitet më.
citizen-pass-manage-hint = Për ta zhvendosur ose anuluar takimin, përdorni lidhjen «Shikoni ose anuloni rezervimin» në email-in e konfirmimit.
citizen-pass-staff = Stafi i zyrës: hyni për të pranuar

## The booking's page: actions
citizen-book-again = Rezervo përsëri
citizen-add-to-calendar = Shto në kalendar
citizen-print = Printo
citizen-email-sent-to = Konfirmimin e dërguam te { $email }.
citizen-calendar-file-name = takim-{ $reference }
citizen-error-429-resend =
    { $count ->
        [one] Email-i i konfirmimit mund të ridërgohet një herë në orë dhe e keni kërkuar tashmë. Kontrolloni edhe dosjen e postës së padëshiruar, ose provoni përsëri pas një ore.
       *[other] Email-i i konfirmimit mund të ridërgohet { $count } herë në orë dhe i keni kërkuar të gjitha. Kontrolloni edhe dosjen e postës së padëshiruar, ose provoni përsëri pas një ore.
    }

## Privacy notice (GDPR arts. 13–14), linked from the consent boxes and the footer.
## $controller is the installation's SPORTELLO_INSTITUTION_NAME; $days its retention.
privacy-title = Njoftim për privatësinë
privacy-read = (lexoni njoftimin)
privacy-intro = Sipas neneve 13 dhe 14 të Rregullores (BE) 2016/679 (GDPR), ky njoftim shpjegon si përpunohen të dhënat që lini kur rezervoni një takim, hyni në listën e pritjes ose priteni në sportel.
privacy-controller-title = Kontrolluesi i të dhënave
privacy-controller = Kontrolluesi i të dhënave është { $controller }.
privacy-contact = Për të ushtruar të drejtat tuaja ose për pyetje për të dhënat tuaja, shkruani te:
privacy-contact-office = Për të ushtruar të drejtat tuaja ose për pyetje për të dhënat tuaja, drejtohuni në zyrën e marrëdhënieve me publikun të Bashkisë, edhe në sportel.
privacy-dpo = Zyrtari i mbrojtjes së të dhënave (DPO):
privacy-data-title = Cilat të dhëna
privacy-data = Emri dhe mbiemri, adresa email, telefoni nëse e jepni, shërbimi, dita dhe ora e zgjedhur, numri i personave, gjuha, dhe oraret e mbërritjes dhe të shërbimit të regjistruara në sportel. Nuk kërkohen të dhëna të kategorive të veçanta.
privacy-identity = Nëse hyni me SPID ose CIE, shërbimi i hyrjes na jep emrin, mbiemrin, kodin fiskal dhe ndoshta email-in. Me rezervimin ruajmë emrin dhe email-in si më sipër dhe, nga kodi fiskal, vetëm një gjurmë të koduar që shërben për të numëruar rezervimet për person dhe për t'ju treguar "Rezervimet e mia"; sesioni i hyrjes zgjat një orë dhe pastaj fshihet.
privacy-purposes-title = Pse dhe mbi çfarë baze
privacy-purposes = Për të menaxhuar takimin: ta konfirmojmë, t'jua kujtojmë, t'ju presim, t'ju njoftojmë nëse ndryshon ose lirohet një vend, dhe për të kufizuar numrin e personave në zyra. Baza ligjore është kryerja e një detyre në interes publik (neni 6, par. 1, germa e GDPR). Rezervimi në internet kërkon emër dhe email; mund të drejtoheni gjithmonë në sportel.
privacy-recipients-title = Kush i sheh
privacy-recipients = Stafi i autorizuar i zyrës dhe ofruesit teknikë që drejtojnë shërbimin dhe postën elektronike në emër të kontrolluesit, të emëruar si përpunues. Të dhënat nuk publikohen dhe nuk transferohen jashtë Bashkimit Evropian.
privacy-retention-title = Për sa kohë
privacy-retention =
    { $days ->
        [one] Të dhënat personale fshihen { $days } ditë pas takimit; mbeten vetëm numërime anonime për statistika.
       *[other] Të dhënat personale fshihen { $days } ditë pas takimit; mbeten vetëm numërime anonime për statistika.
    }
privacy-rights-title = Të drejtat tuaja
privacy-rights = Mund të kërkoni qasje në të dhënat tuaja, korrigjimin, fshirjen ose kufizimin e tyre, dhe të kundërshtoni përpunimin (nenet 15–21 GDPR). Mund ta anuloni rezervimin në çdo kohë me lidhjen në email. Nëse mendoni se përpunimi shkel GDPR-në, mund të ankoheni te Autoriteti italian për mbrojtjen e të dhënave (www.garanteprivacy.it).

## The agenda: moving by a day
staff-previous-day = Dita e mëparshme
staff-next-day = Dita tjetër

## Statistics CSV: the columns without a label on the page
manager-csv-scope = Fusha
manager-csv-id = Id
manager-csv-name = Emri
manager-csv-planned = Minuta-person të rezervuara
manager-csv-capacity = Minuta-person të disponueshme

## From: templates/base.html, footer.html, citizen/steps.html, citizen/legal.html (the "modello Comuni" frame).
site-tagline = Rezervimi i takimeve në sportele
footer-contacts = Kontakte
footer-address = Adresa
footer-phone = Telefoni
footer-email = Email
footer-links = Lidhje të dobishme
breadcrumb-label = Rruga e navigimit
breadcrumb-home = Kreu
step-label = Hapat e rezervimit
step-service = Shërbimi
step-day = Dita
step-time = Ora
step-details = Të dhënat
step-done = Konfirmimi
step-completed = përfunduar
staff-nav-label = Menyja e personelit
staff-signed-in = Hyrë si
staff-all-offices = të gjitha zyrat
legal-title = Shënime ligjore
legal-intro = Ky shërbim rezervimi i sporteleve menaxhohet nga { $institution }.
legal-tax-code = Kodi fiskal / numri i TVSH-së:
legal-content-title = Përmbajtja
legal-content = Përveç kur thuhet ndryshe, tekstet e këtyre faqeve publikohen me licencën Creative Commons Attribution 4.0 (CC BY 4.0) dhe mund të ripërdoren duke përmendur burimin.
legal-availability-title = Oraret dhe disponueshmëria
legal-availability = Oraret e lira që shfaqen janë ato të çastit kur u hap faqja. Një takim vlen vetëm pasi të konfirmohet; konfirmimi dërgohet edhe me email. Nëse zyra duhet të mbyllet në një ditë të rezervuar, kush ka rezervuar merr një email me arsyen dhe një lidhje për të zgjedhur një orë tjetër.
legal-software-title = Programi
legal-software = Shërbimi përdor Sportello, një program i lirë (me burim të hapur) për rezervimin e sporteleve të zyrave publike.

## From: templates/citizen/home.html (what a citizen needs before booking) and citizen/lost.html.
citizen-office-services = Shërbimet
citizen-office-where = Ku
citizen-office-map = Shih në hartë
citizen-office-hours = Orari i punës
citizen-office-closed = mbyllur
citizen-office-closures = Mbyllje në ditët në vijim
citizen-office-closed-range = nga { $from } deri më { $to }
citizen-lost-link = E humbët lidhjen e rezervimit?
citizen-lost-title = Merrni lidhjet e rezervimeve tuaja
citizen-lost-intro = Shkruani adresën email me të cilën rezervuat. Nëse ka rezervime të ardhshme me këtë adresë, i dërgojmë një email me një lidhje për secilin, për ta parë, zhvendosur ose anuluar.
citizen-lost-send = Më dërgoni lidhjet
citizen-lost-sent = Nëse ka rezervime të ardhshme me këtë adresë, i kemi dërguar një email me lidhjet.
citizen-lost-sent-help = Kontrolloni edhe postën e padëshiruar. Lidhjet që kishit më parë nuk funksionojnë më. Mund t'i kërkoni lidhjet deri në { $per_hour } herë në orë.
manager-office-phone = Telefoni i zyrës për qytetarët
manager-office-email = Email-i i zyrës për qytetarët
manager-description = Përshkrimi (italisht)
manager-translations = Tekstet në gjuhë të tjera
manager-translations-hint = Një tekst i lënë bosh shfaqet në italisht.
manager-translation-name = Emri
manager-translation-description = Përshkrimi
manager-translation-bring = Çfarë të sillni
field-description = Përshkrimi
field-texts = Tekstet në gjuhë të tjera
field-phone = Telefoni
invalid-description = Shkruani jo më shumë se 2000 shkronja.
invalid-texts = Kontrolloni tekstet në gjuhët e tjera: një emër ka deri në 200 shkronja, tekstet e tjera 2000.
email-lost-links-subject = Lidhjet e rezervimeve tuaja
email-lost-links-body = { $count ->
    [one] Kërkuat lidhjen e rezervimit tuaj. Ja ku është: hap rezervimin, ku mund ta shihni, zhvendosni ose anuloni.
   *[other] Kërkuat lidhjet e rezervimeve tuaja. Ja ku janë: secila hap një rezervim, ku mund ta shihni, zhvendosni ose anuloni.
}
email-lost-links-item = { $service }, { $when }, { $office }
email-lost-links-old = Lidhjet që morët më parë nuk funksionojnë më. Nëse nuk e kërkuat ju këtë email, mund ta injoroni: rezervimet tuaja mbeten të vlefshme.
email-grace-rule = Ejani në kohë: nëse vini më shumë se { $minutes } minuta pas fillimit, vendi juaj u lirohet personave të tjerë.
email-calendar-attached = Në shtojcë gjeni skedarin e kalendarit: hapeni për ta shtuar takimin në kalendarin tuaj.
email-office-contacts = Për pyetje rreth takimit: { $office }.

## From: templates/staff/agenda.html (admit, undo, search, print)
staff-admitted-done = { $reference } u pranua.
staff-undone = Pranimi i { $reference } u anulua: rezervimi pritet përsëri.
staff-undo-admission = Anulo pranimin
staff-search = Kërko
staff-search-hint = emri, email-i ose kodi
staff-print-day = Printo ditën
staff-walk-in-refused = Hyrja nuk u regjistrua.

## From: templates/staff/rooms.html (door screens by link)
staff-door-link = Ekrani te dera, pa hyrje
staff-door-link-none = asnjë lidhje
staff-door-link-make = Krijo lidhjen
staff-door-link-reset = Lidhje e re (e vjetra nuk funksionon më)
staff-door-link-turn-off = Çaktivizo lidhjen
staff-door-link-new = U krijua një lidhje e re: hapeni në ekranin te dera. Lidhja e mëparshme nuk funksionon më.
staff-door-link-off = Lidhja u çaktivizua: ekrani që e përdorte shfaq «faqja nuk u gjet».

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


a11y-intro = { $institution } angazhohet ta bëjë të aksesueshëm shërbimin e vet të rezervimit të takimeve, në përputhje me Ligjin italian nr. 4 të 9 janarit 2004, me Dekretin legjislativ nr. 106 të 10 gushtit 2018, i cili transpozoi Direktivën (BE) 2016/2102, dhe me Udhëzimet e AgID për aksesueshmërinë e mjeteve informatike.
a11y-scope = Kjo deklaratë e aksesueshmërisë zbatohet për faqen e internetit të shërbimit të rezervimit:
a11y-status-title = Statusi i përputhshmërisë
a11y-status-compliant = Në përputhje
a11y-status = Kjo faqe interneti është në përputhje me kërkesat e shtojcës A të standardit EN 301 549 (WCAG 2.1, nivelet A dhe AA).
a11y-status-checks = Përputhshmëria verifikohet në çdo version të ri të programit me:
a11y-check-automated = kontrolle automatike (axe-core) të rregullave WCAG 2.1 të niveleve A dhe AA në faqet e rezervimit, përfshirë faqet në arabisht, që lexohen nga e djathta në të majtë
a11y-check-keyboard = prova përdorimi vetëm me tastierë
a11y-check-no-js = prova përdorimi me JavaScript të çaktivizuar, ku të gjitha funksionet mbeten të disponueshme
a11y-check-phone = prova përdorimi në ekrane të vogla, si ato të telefonave
a11y-content-title = Përmbajtje e paaksesueshme
a11y-content-none = Nuk njihet asnjë përmbajtje e paaksesueshme. Në detaje, për secilën nga tri arsyet e parashikuara nga modeli i AgID:
a11y-reason-law = Mosrespektimi i Ligjit 4/2004
a11y-reason-burden = Barrë joproporcionale
a11y-reason-out-of-scope = Përmbajtje jashtë fushës së zbatimit të legjislacionit në fuqi
a11y-reason-none = Asnjë përmbajtje
a11y-notes-title = Shënime
a11y-note-qr = Kodi QR i takimit është një imazh me alternativë tekstuale. Pranë tij shkruhet gjithmonë kodi i rezervimit: në sportel mjafton edhe vetëm ai, sepse punonjësit mund ta shkruajnë vetë.
a11y-note-scanner = Leximi i kodeve QR me kamerë është një mjet për punonjësit e sportelit, jo një faqe për qytetarët; edhe aty kodi mund të shkruhet me dorë ose të lexohet me një lexues.
a11y-drafting-title = Hartimi i deklaratës së aksesueshmërisë
a11y-drafted = Data e hartimit të deklaratës: { $date }
a11y-reviewed = Data e rishikimit të fundit: { $date }
a11y-method = Deklarata bazohet në një vetëvlerësim të kryer drejtpërdrejt nga Bashkia, me verifikimet e përshkruara në seksionin «{ a11y-status-title }».
a11y-feedback-title = Mekanizmi i sinjalizimeve dhe kontaktet
a11y-feedback = Kushdo mund t'i sinjalizojë Bashkisë rastet e mospërputhjes me kërkesat e aksesueshmërisë dhe të kërkojë informacion ose përmbajtje të përjashtuar nga fusha e zbatimit të kësaj deklarate. Në sinjalizim tregoni faqen dhe problemin dhe, nëse mundeni, pajisjen, shfletuesin dhe teknologjinë ndihmëse, nëse përdorni ndonjë.
a11y-feedback-email = Shkruani te:
a11y-feedback-office = Drejtohuni në zyrën e marrëdhënieve me publikun (URP) të Bashkisë, edhe personalisht në sportel.
a11y-enforcement-title = Procedura e zbatimit
a11y-enforcement = Nëse Bashkia nuk ju përgjigjet brenda 30 ditëve nga sinjalizimi, ose nëse përgjigjja nuk ju kënaq, mund t'i paraqisni ankesë Mbrojtësit të Qytetarëve për fushën digjitale (Difensore civico per il digitale) pranë AgID, sipas paragrafit 3 të nenit 3-quinquies të Ligjit 4/2004 dhe paragrafit 1-quater të nenit 17 të Kodit të Administratës Digjitale (CAD). Ankesa mund të paraqitet vetëm pasi t'ia keni sinjalizuar problemin Bashkisë.
a11y-enforcement-link = Faqja e AgID për deklaratat e aksesueshmërisë dhe ankesat (në italisht)
a11y-info-title = Informacion për faqen e internetit
a11y-info-cms-label = CMS i përdorur
a11y-info-cms = Asnjë: shërbimi përdor Sportello { $version }, një program i lirë (me burim të hapur) për rezervimin e sporteleve të zyrave publike. Faqet krijohen në HTML nga serveri, me temën Bootstrap Italia, dhe funksionojnë edhe pa JavaScript.
a11y-info-usability-label = Teste përdorshmërie
a11y-info-usability = Nuk janë kryer teste përdorshmërie me grupe përdoruesish; janë kryer verifikimet e përshkruara në këtë faqe.
a11y-info-languages-label = Gjuhët
a11y-info-languages = Italisht, anglisht, shqip, rumanisht dhe arabisht (që shkruhet nga e djathta në të majtë). Zgjidhni gjuhën nga menyja në krye të çdo faqeje.
a11y-enforcement-form = Ankesë te Mbrojtësi i Qytetarëve për fushën digjitale (formular i AgID, në italisht)
footer-accessibility-copy = Aksesueshmëria e shërbimit

## The move invitation when the whole office is closed that day, and a manager's message
email-closed-body = zyra { $office } do të jetë e mbyllur në ditën e takimit tuaj për «{ $service }» ({ $when }): takimi nuk mund të bëhet.
email-closed-reason = Arsyeja e mbylljes: { $reason }.
email-closed-no-reason = Na vjen keq për shqetësimin.
email-closed-help = Zgjidhni një ditë dhe orë tjetër me butonin më poshtë: kodi i rezervimit mbetet i njëjtë.
email-office-message = Mesazh nga zyra: { $message }
manager-notify-message = Mesazh për qytetarët (me zgjedhje)
manager-notify-message-hint = Pak fjalë nga zyra, të shtuara në email ashtu siç i shkruani (jo më shumë se 500 shkronja).
manager-notified-list = Morën email-in:
field-message = Mesazhi
invalid-message = Shkruani jo më shumë se 500 shkronja.
manager-back = Prapa
manager-never-fits = Disa grupe janë më të mëdha se kufiri i ri: nuk mund të zhvendosen në ato orare. Kontaktojini për t'i ndarë ose për një ditë tjetër.
manager-never-fits-short = më shumë se kufiri i ri
manager-audit-changes = Çfarë ndryshoi
manager-audit-becomes = bëhet
manager-audit-details = Të dhënat e regjistruara
citizen-change-time = Ndrysho orën
citizen-move-none = { $count ->
    [one] Kjo ditë nuk ka orare të lira.
   *[other] Kjo ditë nuk ka orare të lira për { $count } persona së bashku: vendet e lira nuk mjaftojnë për grupin tuaj, ose kufiri i ri i sallës është më i ulët.
}
citizen-move-call = Provoni një ditë tjetër, ose telefononi zyrën:
citizen-move-call-office = Provoni një ditë tjetër, ose drejtohuni zyrës.
citizen-move-same-qr = Kodi QR dhe kodi i rezervimit mbeten të njëjtë. Ju kemi dërguar një email të ri konfirmimi.
staff-go-home = Kthehu te faqja e personelit
manager-weekday-col = Dita
footer-pec = Email i certifikuar (PEC)
manager-quiet-rows = { $count ->
    [one] 1 rresht pa aktivitet (asnjë rezervim, vizitë ose prani)
   *[other] { $count } rreshta pa aktivitet (asnjë rezervim, vizitë ose prani)
}
email-calendar-file = takim
email-calendar-file-cancel = anulim
citizen-move-open-booking = Hap rezervimin
# The queue at the office (issue 17)
queue-closed-now = Zyra është e mbyllur tani: nuk mund të merret numër radhe.
queue-closed-before = Zyra mbyllet në orën { $time }: sot nuk ka më kohë për një numër tjetër radhe për këtë shërbim. Mund të rezervoni një takim për një ditë tjetër.
queue-closed-no-counter = Sot asnjë sportel nuk e ofron këtë shërbim.
queue-minutes = { $value } min
queue-stats-title = Radha në sportele
queue-stats-none = Asnjë numër radhe në këtë periudhë.
queue-stat-tickets = Numra radhe
queue-stat-absent = Të munguar
queue-stat-absent-rate = Shkalla e mungesës
queue-stat-wait = Pritja mesatare
queue-stat-service = Kohëzgjatja mesatare e shërbimit
email-queue-subject = Numri juaj i radhës { $code }
email-queue-body = Jeni në radhë me numrin { $code } në { $office }. Në faqen e numrit shihni sa persona keni përpara dhe kur ju vjen radha.
email-queue-link = Hapni numrin tuaj
queue-join-title = Merrni numrin e radhës
queue-join-intro = Zgjidhni shërbimin: merrni një numër radhe dhe telefoni ju njofton kur ju vjen radha. Nuk keni nevojë të qëndroni në radhë.
queue-join-service = Shërbimi
queue-join-party = Sa persona
queue-join-email = Email (fakultativ: ju dërgojmë lidhjen e numrit tuaj)
queue-join-submit = Merrni numrin
queue-join-waiting = { $count ->
    [one] 1 person në pritje
   *[other] { $count } persona në pritje
}
queue-ticket-title = Numri juaj i radhës
queue-ticket-code-label = Numri
queue-ticket-next = Radha e ardhshme është e juaja.
queue-ticket-position = { $count ->
    [one] Përpara jush është 1 person.
   *[other] Përpara jush janë { $count } persona.
}
queue-ticket-wait = Pritja e parashikuar: rreth { $minutes } minuta.
queue-ticket-your-turn = Ju erdhi radha: { $counter }
queue-ticket-serving = Jeni në sportel: { $counter }.
queue-ticket-done = Shërbimi përfundoi. Faleminderit!
queue-ticket-absent = U thirrët, por nuk u paraqitët. Drejtohuni te personeli.
queue-ticket-cancelled = Dolët nga radha.
queue-ticket-leave = Dilni nga radha
queue-ticket-updates = Kjo faqe përditësohet vetë: mbajeni të hapur.
queue-ticket-watch = Numri juaj do të shfaqet edhe në ekranin e sallës së pritjes, bashkë me sportelin.
queue-poster-title = Merrni numrin e radhës me telefon
queue-poster-steps = Drejtojeni kamerën nga kodi QR, zgjidhni shërbimin dhe prisni: telefoni ju njofton kur ju vjen radha.
queue-poster-link = Ose hapni adresën:
queue-poster-qr-alt = Kodi QR për të marrë numrin e radhës
queue-print = Printo
queue-display-title = Thirrjet
queue-display-code = Numri
queue-display-counter = Sporteli
queue-display-none = Ende asnjë thirrje.
queue-display-speech = Numri { $code }, { $counter }
queue-display-sound = Aktivizo zërin
queue-display-sound-on = Zëri është aktiv
staff-nav-counter = Thirrjet
queue-counter-choose = Zgjidhni sportelin tuaj
queue-counter-none = Në këtë zyrë nuk ka sportele aktive.
queue-call-next = Thirr numrin tjetër
queue-call-next-key = Shkurtore: tasti N
queue-recall = Thirr përsëri
queue-absent = Mungon
queue-start = Fillo
queue-done = Përfundo
queue-transfer = Transfero te shërbimi
queue-transfer-submit = Transfero
queue-nobody-waiting = Askush nuk pret për shërbimet e këtij sporteli.
queue-room-full = Ka persona që presin jashtë, por salla ka arritur kufirin: prisni derisa të lirohet një vend.
queue-called-now = U thirr: { $code }
queue-current = Në sportel
queue-current-none = Askush në sportel.
queue-waiting-title = Në pritje për këtë sportel
queue-col-code = Numri
queue-col-service = Shërbimi
queue-col-party = Personat
queue-col-since = Mbërritja
queue-col-kind = Lloji
queue-col-calls = Thirrjet
queue-kind-appointment = Takim në orën { $time }
queue-kind-walk-in = Pa takim
queue-status-waiting = Në pritje
queue-status-called = I thirrur
queue-status-serving = Në sportel
queue-status-done = I përfunduar
queue-status-absent = Mungon
queue-status-cancelled = Doli nga radha
queue-desk-title = Numër radhe për ardhjet pa takim
queue-desk-help = Numri pret jashtë sallës derisa të thirret, brenda kufirit të sallës.
queue-desk-name = Emri (fakultativ, nuk shfaqet në ekran)
queue-desk-submit = Krijo dhe printo numrin
queue-print-wait = Prisni thirrjen në ekranin e sallës së pritjes.
queue-print-back = Kthehu te sporteli
queue-links-title = Ekranet dhe posteri
queue-display-link = Ekrani i sallës së pritjes
queue-poster-link-staff = Poster me kodin QR për hyrjen
queue-scan-ticket = Numër radhe
queue-action-done = U krye: { $code } tani është «{ $status }».
queue-join-choose = Zgjidhni një shërbim.

## Identity: citizens log in with SPID or CIE, staff with the city's single sign-on; $provider is the login service's label, $name and $code the person's name and fiscal code.
identity-login-title = Hyni me identitetin tuaj digjital
identity-login-intro = Me SPID ose CIE, emri dhe kodi fiskal vijnë nga shërbimi i hyrjes: nuk keni nevojë t'i shkruani dhe rezervimet tuaja i gjeni përsëri te «Rezervimet e mia».
identity-or-fill = Ose plotësoni të dhënat tuaja më poshtë dhe rezervoni pa hyrë.
identity-required = Për këtë shërbim duhet të hyni me SPID ose CIE: identiteti juaj verifikohet nga shërbimi i hyrjes.
identity-logged-in = Keni hyrë si { $name } (kodi fiskal { $code }).
identity-locked = Vjen nga shërbimi i hyrjes dhe nuk mund të ndryshohet.
identity-logout = Dilni
identity-logged-out = Keni dalë
identity-logout-provider = Po ju çojmë te shërbimi i hyrjes për ta mbyllur seancën edhe atje.
identity-logout-provider-link = Mbyllni seancën edhe te shërbimi i hyrjes
my-link = Rezervimet e mia (me SPID ose CIE)
my-title = Rezervimet e mia
my-upcoming = Rezervimet e ardhshme
my-past = Të kaluara ose të anuluara
my-none-upcoming = Nuk keni rezervime të planifikuara.
my-book-new = Rezervoni një takim
my-none-past = Asnjë rezervim i kaluar ose i anuluar.
my-manage = Hapni, zhvendosni ose shkarkoni
my-cancel = Anuloni rezervimin
my-login-intro = Hyni me SPID ose CIE për të parë rezervimet e bëra me identitetin tuaj digjital, në të gjitha zyrat.
my-no-login = Hyrja me SPID ose CIE nuk është aktive. Për të menaxhuar një rezervim, përdorni lidhjen në emailin e konfirmimit.
login-problem-title = Hyrja nuk u krye
login-problem-unavailable = Shërbimi i hyrjes «{ $provider }» nuk përgjigjet për momentin. Ju lutemi provoni përsëri pas disa minutash.
login-problem-bad-answer = Hyrja nuk u përfundua: u anulua, skadoi ose përgjigjja e shërbimit të hyrjes nuk ishte e vlefshme. Nuk keni hyrë.
login-problem-no-fiscal-code = Shërbimi i hyrjes «{ $provider }» nuk dërgoi kodin fiskal ose emrin, që nevojiten për të rezervuar me identitetin tuaj.
login-problem-no-email = Shërbimi i hyrjes i Bashkisë nuk dërgoi një adresë emaili, e cila identifikon llogarinë tuaj në Sportello. Drejtohuni te administratori.
login-problem-no-role = Llogaria juaj e Bashkisë nuk ka rol në Sportello (operator, përgjegjës ose administrator). Kërkojini administratorit t'jua caktojë.
login-problem-no-office = Llogaria juaj e Bashkisë nuk tregon asnjë zyrë të Sportello. Kërkojini administratorit t'jua caktojë.
login-problem-disabled = Kjo llogari është çaktivizuar në Sportello. Drejtohuni te administratori.
login-problem-anonymous = Mund të rezervoni gjithsesi pa hyrë, duke shkruar emrin dhe emailin.
login-problem-continue = Vazhdoni pa hyrë
login-problem-again = Provoni përsëri të hyni
login-problem-staff-back = Kthehu te faqja e hyrjes
staff-sso-title = Ose hyni me llogarinë e Bashkisë
manager-login-required = Rezervim vetëm me SPID ose CIE
my-opened-here = E hapët këtë faqe nga "Rezervimet e mia": adresa e saj vlen sa kohë që jeni të identifikuar. Për t'u kthyer më vonë, përdorni lidhjen në email-in e konfirmimit ose
login-problem-switch = Dilni nga shërbimi i hyrjes (për të hyrë me një llogari tjetër)

## Webhooks (issue 21): the managers' page. $event is the event's type with dots and
## underscores as hyphens; $status a delivery's status.
manager-webhooks-title = Webhook
manager-webhooks-intro = Ngjarjet e zyrës, të nënshkruara, dërgohen te sistemet e bashkisë (CRM, gjendja civile, makinat e radhës). Çdo dërgim përsëritet derisa sistemi të përgjigjet 2xx.
manager-webhook-url = Adresa (URL)
manager-webhook-events = Ngjarjet
manager-webhook-add = Shto webhook-un
manager-webhook-secret = Kopjojeni tani këtë sekret në sistemin marrës: nuk do të shfaqet më.
manager-webhook-test = Dërgo një provë
manager-webhook-tested = Prova është në radhë: niset brenda pak sekondash.
manager-webhook-deliveries = Dërgimet e fundit
manager-webhook-none = Ende asnjë webhook.
manager-webhook-no-deliveries = Ende asgjë e dërguar.
manager-webhook-replay = Dërgo përsëri
manager-webhook-attempts = Përpjekje
manager-webhook-error = Gabimi i fundit
manager-webhook-when = Kur
webhook-event =
    { $event ->
        [booking-created] Rezervim i bërë
        [booking-cancelled] Rezervim i anuluar
        [booking-checked-in] Mbërritja e regjistruar
        [booking-served] I shërbyer
        [booking-no-show] Mungesë (vendi u lirua)
        [ticket-called] Bileta u thirr
       *[ping] Provë (ping)
    }
webhook-status =
    { $status ->
       *[pending] Në pritje
        [sending] Po dërgohet
        [sent] I dorëzuar
        [failed] I padorëzuar
    }
field-url = Adresa (URL)
invalid-url = Shkruani adresën e plotë të një serveri publik, që fillon me https:// (adresat e rrjetit të brendshëm lejohen vetëm nëse administratori i ka aktivizuar).
field-events = Ngjarjet
invalid-events = Zgjidhni të paktën një nga ngjarjet e listës.

## Calendar feeds (issue 21): /staff/calendars. $date is when the address was made.
staff-nav-calendars = Kalendarët
staff-calendars-title = Kalendarët
staff-calendars-intro = Abononi kalendarin e telefonit ose të Outlook-ut te këto adresa për të parë takimet e sotme dhe të gjashtë javëve në vijim (kodi dhe shërbimi, pa emra). Kushdo që ka adresën i sheh takimet: nëse humbet, krijoni një të re dhe e vjetra pushon së punuari.
staff-calendar-of = Kalendari i
staff-calendar-address = Adresa
staff-calendar-made = Ja adresa e re: kopjojeni tani në aplikacionin e kalendarit, nuk do të shfaqet më.
staff-calendar-since = aktive që nga { $date }
staff-calendar-none = asnjë adresë
staff-calendar-reset = Adresë e re
staff-calendar-make = Krijo adresën

## Spreadsheets (issue 21).
manager-download-xlsx = Shkarko Excel (.xlsx)
manager-download-bookings = Rezervimet e periudhës (.xlsx)
staff-download-xlsx = Shkarko Excel (.xlsx)
