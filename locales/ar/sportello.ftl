# Sportello — Arabic (ar)
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

citizen-lang-name = العربية
citizen-language = اللغة
staff-lang-name = العربية

## How the language is written
## `lang-dir`: ltr or rtl. `date-locale`: the locale whose weekday and month names fill
## the date patterns (a name from glibc's list, e.g. it_IT, ar_EG). The patterns use
## chrono's strftime syntax: %A weekday, %a short weekday, %-d day, %B month, %b short
## month, %Y year. Translate the order and punctuation, not the % codes.

lang-dir = rtl
date-locale = ar_EG
date-long = %A %-d %B %Y
date-short = %a %-d %b
date-weekday-short = %a

## Citizen pages: general
## From: struct `Texts` (src/i18n.rs), instances `IT` / `EN`.

citizen-site = Sportello – حجز المواعيد
citizen-skip = الانتقال إلى المحتوى الرئيسي
citizen-home-title = حجز موعد
citizen-home-intro = اختاروا المكتب والخدمة. ستتلقون التأكيد عبر البريد الإلكتروني، مع رمز QR الذي يجب إبرازه عند الشباك.
citizen-accessibility = بيان إمكانية الوصول
citizen-go-home = العودة إلى الصفحة الرئيسية

## Citizen pages: choosing a day and a time
## From: struct `Texts` (src/i18n.rs).
## `citizen-minutes` replaces `Texts::minutes` and the number the template puts before it
## (templates/citizen/home.html: "{ duration } minuti").
## `citizen-free-count` replaces `Texts::free_count()` and the fields `free_times`,
## `one_free_time`, `no_free_times`.

citizen-minutes =
    { $count ->
        [zero] { $count } دقيقة
        [one] دقيقة واحدة
        [two] دقيقتان
        [few] { $count } دقائق
        [many] { $count } دقيقة
       *[other] { $count } دقيقة
    }
citizen-video-call = عبر مكالمة فيديو
citizen-choose-day = اختاروا اليوم
citizen-free-count =
    { $count ->
        [zero] لا توجد أوقات متاحة
        [one] وقت متاح واحد
        [two] وقتان متاحان
        [few] { $count } أوقات متاحة
        [many] { $count } وقتًا متاحًا
       *[other] { $count } وقت متاح
    }
citizen-earlier = الأيام السابقة
citizen-later = الأيام التالية
citizen-choose-time = اختاروا الوقت
citizen-party-size = عدد الأشخاص
citizen-party-hint = من 1 إلى 4 أشخاص يدخلون معًا.
citizen-continue = متابعة
citizen-back-to-days = العودة إلى الأيام
citizen-just-taken = حجز شخص آخر هذا الوقت للتو.
citizen-nearest-free = أقرب الأوقات المتاحة:
citizen-no-times-day = لا توجد أوقات متاحة في هذا اليوم.

## Citizen pages: dates and times inside sentences
## From: the `format!` calls around `Texts::long_date()` and `hhmm()`:
## `citizen-date-time` = routes/citizen/book.rs and browse.rs ("{ date }, { time }"),
## also the `at` / `when` of service/waitlist/offers.rs and booking/book.rs;
## `citizen-date-time-range` = `Facts::with_when` (src/email/letters.rs).
## $date is a date already formatted by the locale library, $time/$start/$end are "09:00".

citizen-date-time = { $date }، { $time }
citizen-date-time-range = { $date }، من { $start } إلى { $end }
citizen-day-free = { $date }، { $free }
citizen-day-closed = مغلق
citizen-day-closed-because = مغلق: { $reason }
citizen-day-no-hours = لا يفتح المكتب في هذا اليوم
citizen-day-too-far = لا يمكن الحجز بعد
citizen-day-full = محجوز بالكامل

## Citizen pages: details form
## From: struct `Texts` (src/i18n.rs).
## `citizen-held-until` replaces `Texts::held_until` followed by the time
## (templates/citizen/details.html).

citizen-details-title = بياناتكم
citizen-held-until = نحتفظ لكم بهذا الوقت حتى الساعة { $time }.
citizen-name = الاسم الكامل
citizen-email = البريد الإلكتروني
citizen-email-hint = سنرسل التأكيد ورمز QR إلى هذا العنوان.
citizen-phone = الهاتف
citizen-optional = اختياري
citizen-consent = لقد قرأت إشعار الخصوصية وأوافق على معالجة بياناتي لإدارة الموعد.
citizen-consent-error = يتطلب الحجز موافقتكم على معالجة البيانات.
citizen-confirm = تأكيد الحجز
citizen-errors-title = يرجى تصحيح الحقول التالية:
citizen-hold-gone = انتهت المهلة المخصصة لإتمام الحجز. يرجى اختيار وقت من جديد.
citizen-citizen-limit = يوجد بالفعل حجز نشط لهذه الخدمة بعنوان البريد الإلكتروني هذا، وهو الحد الأقصى المسموح به، لذلك لم نُجرِ حجزًا آخر. أرسلنا إلى هذا العنوان رسالة بالتفاصيل: لنقل الحجز أو إلغائه، استخدموا الرابط الوارد في رسالة التأكيد.
citizen-citizen-limit-identity = لديكم بالفعل الحد الأقصى من الحجوزات النشطة لهذه الخدمة، لذلك لم يُسجَّل حجز آخر. تجدونها في «حجوزاتي» حيث يمكنكم نقلها أو إلغاؤها.

## Citizen pages: the booking
## From: struct `Texts` (src/i18n.rs).
## `citizen-status-label` replaces `Texts::status()` and the fields `status_confirmed`,
## `status_checked_in`, `status_served`, `status_cancelled`, `status_no_show`.
## $status is the serde name of `BookingStatus` (held, confirmed, checked_in, served,
## cancelled, no_show); `held` falls to the default, like `Confirmed | Held` in Rust.

citizen-booking-title = حجزكم
citizen-booking-done = تم تأكيد الحجز.
citizen-reference = الرمز
citizen-status = الحالة
citizen-status-label =
    { $status ->
       *[confirmed] مؤكد
        [checked_in] تم الاستقبال عند الشباك
        [served] مكتمل
        [cancelled] ملغى
        [no_show] لم يحضر
    }
citizen-when = التاريخ والوقت
citizen-where = المكان
citizen-service = الخدمة
citizen-persons = عدد الأشخاص
citizen-what-to-bring = ما يجب إحضاره
citizen-qr-title = رمز QR للدخول
citizen-qr-help = أبرزوه عند الشباك لدى وصولكم، على الهاتف أو مطبوعًا.
citizen-qr-alt = رمز QR الخاص بموعدكم
citizen-manage-link = رابط العرض أو الإلغاء
citizen-manage-help = احتفظوا بهذا الرابط: تحتاجون إليه لعرض الحجز أو إلغائه.
citizen-meeting = رابط مكالمة الفيديو
citizen-cancel = إلغاء الحجز
citizen-resend = إعادة إرسال البريد الإلكتروني
citizen-resent-note = أعدنا إرسال رسالة التأكيد إليكم.

## Citizen pages: opening a booking without its link, cancelling
## From: struct `Texts` (src/i18n.rs).

citizen-code-title = حجزكم
citizen-code-intro = لعرض هذا الحجز أو نقله أو إلغائه، افتحوا الرابط الوارد في رسالة التأكيد، أو اكتبوا هنا رمز الإدارة الذي يتضمنه.
citizen-code-label = رمز الإدارة
citizen-code-hint = هو جزء الرابط الذي يلي «token=»، في رسالة التأكيد.
citizen-code-open = فتح الحجز
citizen-cancel-title = هل تريدون إلغاء الحجز؟
citizen-cancel-question = سيصبح هذا الوقت متاحًا مجددًا لأشخاص آخرين. هل تريدون الإلغاء؟
citizen-cancel-yes = نعم، إلغاء
citizen-cancel-no = لا، العودة
citizen-cancelled-note = تم إلغاء الحجز.

## Citizen pages: errors
## From: struct `Texts` (src/i18n.rs).

citizen-error-title = هناك مشكلة
citizen-error-404 = الصفحة أو الحجز غير موجود، أو أن الرابط غير مكتمل.
citizen-error-409 = هذا غير ممكن: لقد تغيّر الوضع في هذه الأثناء.
citizen-error-422 = بعض البيانات غير صالحة.
citizen-error-429 = طلبات كثيرة جدًا في وقت قصير. يرجى المحاولة مجددًا بعد بضع ثوانٍ.
citizen-error-429-address = تلقى عنوان البريد الإلكتروني هذا عددًا كبيرًا جدًا من الحجوزات خلال الساعة الأخيرة. يرجى المحاولة لاحقًا، في غضون ساعة.
citizen-error-429-holds = هناك عدد كبير جدًا من الأوقات المحجوزة مؤقتًا من هذا الاتصال (ربما من قِبل أشخاص آخرين على الشبكة نفسها). يرجى المحاولة مجددًا بعد بضع دقائق.
citizen-error-500 = حدث خطأ. يرجى المحاولة لاحقًا.
citizen-error-other = لا يمكن تلبية الطلب.

## Errors on pages: what went wrong, and field by field
## `field-<name>` is the label of a field named in an error, `invalid-<name>` what it
## expects; <name> is the API's field name in lower case with `-` for `_` and `.`, without
## indices (`citizen.email` → citizen-email, `weekly.mon[0]` → weekly). A field without
## its own message uses `field-other` / `invalid-other`. Many reuse another message with
## { message-id }: translate only the ones written out.

citizen-error-400 = تعذّرت قراءة الطلب: ارجع وحاول مرة أخرى من النموذج.
citizen-error-403 = انتهت صلاحية النموذج أو أنه لم يأتِ من هذا الموقع. ارجع وأعد تحميل الصفحة وحاول مرة أخرى.
field-other = الحقل
field-name = الاسم
field-weekly = المواعيد الأسبوعية
field-reconfirm-days = أيام إعادة التأكيد
field-form = النموذج
field-consent = إشعار الخصوصية
field-language = اللغة
field-hold-id = الموعد المحجوز مؤقتًا
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
invalid-other = القيمة غير صالحة: تحقّق منها وحاول مرة أخرى.
invalid-number = اكتب عددًا صحيحًا، بدون حروف، ضمن الحدود المبيّنة.
invalid-choice = اختر أحد عناصر القائمة.
invalid-date-general = اختر تاريخًا صالحًا؛ لا يمكن أن يسبق تاريخ النهاية تاريخ البداية.
invalid-time = اكتب وقتًا صالحًا، مثل 09:30.
invalid-citizen-name = اكتب الاسم واللقب (100 حرف على الأكثر).
invalid-citizen-email = اكتب عنوان بريد إلكتروني صالحًا، مثل name@example.com.
invalid-citizen-phone = اكتب رقم هاتف صالحًا: أرقام ومسافات، مع + في البداية عند الحاجة.
invalid-party-size = اختر عدد أشخاص تسمح به هذه الخدمة.
invalid-start = هذا الموعد غير متاح أو قد مضى: اختر موعدًا آخر.
invalid-date-from = اختر يومًا صالحًا، من اليوم فصاعدًا وضمن الفترة المتاحة للحجز.
invalid-date-to = { invalid-date-from }
invalid-consent = للحجز يجب أن تؤكد أنك قرأت إشعار الخصوصية.
invalid-language = اختر إحدى اللغات المتاحة.
invalid-hold-id = انتهى الوقت المتاح لإتمام الحجز. اختر موعدًا من جديد.
invalid-name = اكتب اسمًا من 1 إلى 200 حرف.
invalid-address = { invalid-name }
invalid-reason = اكتب سببًا (200 حرف على الأكثر).
invalid-timezone = اكتب منطقة زمنية مثل Europe/Rome.
invalid-weekly = يجب أن تبدأ كل فترة قبل أن تنتهي وألا تتداخل مع الفترات الأخرى في اليوم نفسه.
invalid-form = النموذج غير مكتمل: أعد تحميل الصفحة وحاول مرة أخرى.
invalid-email = اكتب عنوان بريد إلكتروني صالحًا.
invalid-password = يجب أن تتكون كلمة المرور من 10 أحرف على الأقل.
invalid-what-to-bring = النص طويل جدًا.

## Citizen pages: waiting list and offers
## From: struct `Texts` (src/i18n.rs).
## `citizen-offer-until` replaces `Texts::offer_until` followed by the time
## (templates/citizen/offer.html).

citizen-waitlist-link = لا يوجد وقت مناسب؟ سجّلوا في قائمة الانتظار
citizen-waitlist-title = قائمة الانتظار
citizen-waitlist-intro = سنراسلكم فور توفر مكان في أحد الأيام التي اخترتموها. نعرض المكان على عدة أشخاص في القائمة، ويحصل عليه أول من يقبله.
citizen-date-from = من تاريخ
citizen-date-to = إلى تاريخ
citizen-waitlist-join = التسجيل في القائمة
citizen-waitlist-joined = أنتم الآن في قائمة الانتظار. أرسلنا إليكم رسالة بريد إلكتروني تتضمن رابط الخروج من القائمة.
citizen-waitlist-leave = الخروج من قائمة الانتظار
citizen-waitlist-left = لم تعودوا في قائمة الانتظار.
citizen-waitlist-waiting = في انتظار مكان
citizen-waitlist-booked = حصلتم على مكان
citizen-offer-title = توفر مكان
citizen-offer-accept = قبول المكان
citizen-offer-until = العرض صالح حتى الساعة { $time }.
citizen-offer-gone = حصل شخص آخر على هذا المكان أو انتهت صلاحية العرض. ما زلتم في قائمة الانتظار.
citizen-offer-accepted = لقد قبلتم هذا المكان بالفعل.

## Citizen pages: reconfirming and moving an appointment
## From: struct `Texts` (src/i18n.rs).

citizen-reconfirm-title = تأكيد الموعد
citizen-reconfirm-button = أؤكد أنني سأحضر
citizen-reconfirm-done = شكرًا لكم: تم تأكيد الموعد.
citizen-reconfirm-too-late = لم يعد من الممكن تأكيد هذا الموعد (فقد أُلغي أو أُتيح لغيركم).
citizen-move-title = اختيار وقت جديد
citizen-move-intro = غيّر المكتب مواعيد عمله أو الأماكن المتاحة. يبقى موعدكم ساريًا إلى أن تختاروا موعدًا آخر: إذا كان الوقت الحالي مناسبًا لكم، فلا داعي لفعل أي شيء.
citizen-move-pick-day = اليوم
citizen-move-show = عرض الأوقات المتاحة
citizen-move-done = تم: نُقل الموعد. أرسلنا إليكم رسالة تأكيد جديدة، ويبقى رمز QR كما هو.
citizen-move-gone = لم يعد من الممكن نقل هذا الموعد باستخدام هذا الرابط.
citizen-move-current = الموعد الحالي

## Accessibility statement
## From: templates/citizen/accessibility.html (the page title is `citizen-accessibility`).
## `a11y-compliance`: the template shows the word for "compliant" in bold; the message
## is plain text. `a11y-usage-languages` names the languages the page offered when written:
## update it in every file when the new languages go live.


## Staff pages: general, login, navigation
## From: struct `StaffTexts` (src/web/staff_i18n.rs), instances `IT` / `EN`.
## `staff-locked-until` replaces `locked_until` followed by the time
## (templates/staff/users.html).

staff-site = Sportello – الموظفون
staff-skip = الانتقال إلى المحتوى الرئيسي
staff-login-title = دخول الموظفين
staff-login-intro = سجّلوا الدخول باستخدام البريد الإلكتروني وكلمة المرور الخاصين بحسابكم.
staff-email = البريد الإلكتروني
staff-password = كلمة المرور
staff-login = تسجيل الدخول
staff-login-failed = البريد الإلكتروني أو كلمة المرور غير صحيحة.
staff-login-blocked = محاولات فاشلة كثيرة جدًا لهذا الحساب. حاولوا مجددًا بعد 15 دقيقة.
staff-logout = تسجيل الخروج
staff-nav-scan = الاستقبال
staff-nav-agenda = جدول المواعيد
staff-nav-rooms = القاعات
staff-nav-users = الحسابات
staff-nav-manage = الإدارة
staff-office = المكتب
staff-choose-office = اختيار المكتب
staff-show = عرض

## Staff pages: check-in (scan)
## From: struct `StaffTexts` (src/web/staff_i18n.rs).
## The headlines with a time replace the `format!` calls of routes/staff/scan.rs:
## `staff-out-already` = out_already + at + time, `staff-out-no-show` = out_no_show + at
## + time, `staff-out-too-early` = out_too_early + " – " + starts_at + time. The fields
## `at` and `starts_at` are used nowhere else, so they have no message of their own.

staff-scan-title = الاستقبال: مسح رمز QR
staff-scan-label = رمز الحجز
staff-scan-hint = وجّهوا الكاميرا نحو الرمز، أو استخدموا قارئًا (USB أو Bluetooth)، أو اكتبوا الرمز واضغطوا Enter.
staff-scan-button = تحقّق
staff-camera-start = استخدام الكاميرا
staff-camera-stop = إيقاف الكاميرا
staff-camera-unavailable = الكاميرا غير متاحة: استخدموا القارئ أو اكتبوا الرمز.
staff-camera-hint = وجّهوا الكاميرا نحو رمز QR: يبدأ التحقق تلقائيًا.
staff-out-checked-in = تم القبول
staff-out-already = تم القبول مسبقًا الساعة { $time }
staff-out-cancelled = الحجز ملغى
staff-out-no-show = لم يحضر: أُتيح المكان لغيره الساعة { $time }
staff-out-wrong-office = مكتب خاطئ
staff-out-too-early = مبكر جدًا: الموعد { $date } الساعة { $time }؛ يبدأ الدخول الساعة { $opens }
staff-out-unknown = رمز غير معروف

## Staff pages: booking details and agenda
## From: struct `StaffTexts` (src/web/staff_i18n.rs).
## `staff-status-label` replaces `StaffTexts::status_label()` and the fields
## `st_confirmed`, `st_checked_in`, `st_served`, `st_cancelled`, `st_no_show`
## ($status as for `citizen-status-label`).
## `staff-walk-in-done` / `staff-served-done` replace the `format!` calls of
## routes/staff/agenda.rs ($reference is the booking code).

staff-reference = الرمز
staff-name = الاسم
staff-persons = عدد الأشخاص
staff-service = الخدمة
staff-counter = الشباك
staff-room = القاعة
staff-time = الوقت
staff-status = الحالة
staff-actions = الإجراءات
staff-booking-title = الحجز
staff-admit = قبول
staff-agenda-title = جدول مواعيد اليوم المحدد
staff-date = التاريخ
staff-all = الكل
staff-expected = المنتظَرون
staff-present = الحاضرون
staff-served = مَن تمّت خدمتهم
staff-cancelled = الملغاة
staff-no-show = الغائبون
staff-mark-served = تمّت الخدمة
staff-nobody = لا توجد مواعيد.
staff-walk-in = دون حجز
staff-walk-in-title = تسجيل حضور دون حجز
staff-walk-in-hint = ممكن فقط إذا كان أحد شبابيك الخدمة متاحًا الآن وكان في القاعة مكان.
staff-register-walk-in = تسجيل وقبول الآن
staff-walk-in-done = تم تسجيل الحضور وقبوله: { $reference }
staff-served-done = تم إغلاق الموعد: { $reference }
staff-status-label =
    { $status ->
       *[confirmed] منتظَر
        [checked_in] حاضر
        [served] تمّت خدمته
        [cancelled] ملغى
        [no_show] لم يحضر
    }

## Staff pages: room occupancy and door screen
## From: struct `StaffTexts` (src/web/staff_i18n.rs).
## `staff-live-room-left` replaces the number + `live_room_left` of
## templates/staff/door.html; static/live.js builds the same text in the browser and
## needs the plural forms passed to it (e.g. one data attribute per plural category).
## `staff-live-updated` stays a label: the time after it is a separate element that
## static/live.js rewrites.

staff-rooms-title = إشغال القاعات
staff-live-present = الحاضرون
staff-live-planned = المتوقَّعون الآن
staff-live-limit = الحد الأقصى
staff-live-full = القاعة ممتلئة – يرجى الانتظار في الخارج
staff-live-room-left =
    { $count ->
        [zero] لا توجد أماكن شاغرة
        [one] مكان شاغر واحد
        [two] مكانان شاغران
        [few] { $count } أماكن شاغرة
        [many] { $count } مكانًا شاغرًا
       *[other] { $count } مكان شاغر
    }
staff-live-updated = آخر تحديث الساعة
staff-live-stale = تعذّر التحديث: قد لا تكون الأرقام محدّثة.
staff-open-door-screen = شاشة الباب

## Staff pages: accounts
## From: struct `StaffTexts` (src/web/staff_i18n.rs).
## `staff-user-created` replaces the `format!` of routes/staff/users.rs ($email is the
## new account's address).

staff-users-title = حسابات الموظفين
staff-users-create = حساب جديد
staff-password-hint = 10 أحرف على الأقل.
staff-role = الدور
staff-role-staff = موظف
staff-role-manager = مسؤول
staff-active = نشط
staff-disabled = معطّل
staff-locked-until = محاولات دخول فاشلة كثيرة جدًا: الحساب مقفل، إلا من المتصفحات المستخدمة سابقًا، حتى الساعة { $time }
staff-disable = تعطيل
staff-enable = إعادة التفعيل
staff-create = إنشاء
staff-user-created = تم إنشاء الحساب: { $email }

## Manager pages: offices, rooms, services, counters
## From: struct `ManagerTexts` (src/web/manager_i18n.rs), instances `IT` / `EN`.

manager-nav = الإدارة
manager-home-title = إدارة المكتب
manager-offices = المكاتب
manager-new-office = مكتب جديد
manager-address = العنوان
manager-timezone = المنطقة الزمنية
manager-margin = الوصول المسبق (بالدقائق)
manager-margin-hint = عدد الدقائق قبل الموعد التي يُحتسب فيها الشخص ضمن قاعة الانتظار.
manager-rooms-title = القاعات والحدود
manager-limit = الحد الأقصى للأشخاص
manager-parent = داخل
manager-none = —
manager-new-room = قاعة جديدة
manager-new-limit = حد جديد
manager-services-title = الخدمات والشبابيك
manager-duration = المدة (بالدقائق)
manager-horizon = قابل للحجز مسبقًا حتى (أيام)
manager-notice-min = الحد الأدنى للإشعار المسبق (بالدقائق)
manager-grace = مهلة التأخير المسموح بها (بالدقائق)
manager-per-citizen = الحجوزات النشطة لكل شخص
manager-channel = طريقة تقديم الخدمة
manager-in-person = حضوريًا
manager-video = مكالمة فيديو
manager-what-to-bring = ما يجب إحضاره
manager-new-service = خدمة جديدة
manager-counters = الشبابيك
manager-new-counter = شباك جديد
manager-offers = الخدمات المقدَّمة
manager-settings = إعدادات المكتب
manager-no-show-email = مراسلة المواطنين عند إتاحة حجزهم لغيرهم بسبب عدم الحضور

## Manager pages: opening hours
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).
## `manager-weekday` replaces the array `ManagerTexts::weekdays` (form labels, written
## literally in the struct): $day is 1 (Monday) to 7 (Sunday), passed as a number (a
## string "1" would not match the numeric keys), as `loop.index` in
## templates/staff/manage/rules.html and `wd` in routes/staff/manage/hours.rs. The
## three-letter short names that hours.rs cuts from these (`chars().take(3)`) do not
## work in every language (Arabic); take short names from the locale library instead.

manager-hours-title = ساعات العمل
manager-hours-intro = تسري الفترة اعتبارًا من تاريخ بدايتها؛ وفي كل يوم تسري الفترة التي بدأت آخرًا. اتركوا الوقت فارغًا لإغلاق تلك الفترة من اليوم.
manager-valid-from = ساري المفعول من
manager-valid-to = حتى (اختياري)
manager-open-ended = دون تاريخ انتهاء
manager-weekday =
    { $day ->
       *[1] الاثنين
        [2] الثلاثاء
        [3] الأربعاء
        [4] الخميس
        [5] الجمعة
        [6] السبت
        [7] الأحد
    }
manager-morning = الصباح
manager-afternoon = بعد الظهر
manager-opens = يفتح
manager-closes = يغلق
manager-closed = مغلق
manager-periods = الفترات المحفوظة

## Manager pages: closures and public holidays
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).
## `manager-holidays-change` replaces the `format!` of routes/staff/manage/closures.rs
## that describes the change: $year as a string (so no digit grouping is applied), $days
## the list of "date reason" already joined with "; ".

manager-closures-title = أيام الإغلاق
manager-from = من
manager-to = إلى
manager-reason = السبب (يظهر للمواطنين)
manager-whole-office = المكتب بأكمله
manager-new-closure = إغلاق جديد
manager-holidays = العطل الرسمية
manager-holidays-change = العطل الرسمية { $year }: { $days }
manager-holidays-intro = يُغلق المكتب في جميع العطل الوطنية خلال السنة (مع حساب يوم اثنين الفصح) وفي أيام القديس الشفيع؛ أما الأيام المغلقة مسبقًا فتبقى كما هي.
manager-year = السنة
manager-patron-days = أيام القديس الشفيع
manager-patron-hint = يوم واحد في كل سطر: MM-DD (الشهر-اليوم) ثم الاسم، مثلًا 12-06 San Nicola.

## Manager pages: capacity rules
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).

manager-rules-title = قواعد السعة
manager-rules-intro = تخفّض القاعدة الحد الأقصى لقاعة في تواريخ وأيام وفترات زمنية معيّنة؛ وإذا انطبقت عدة قواعد في الوقت نفسه، يُطبَّق أدنى حد بينها.
manager-every-day = كل يوم
manager-whole-day = طوال اليوم
manager-time-from = من الساعة (اختياري)
manager-time-to = حتى الساعة (اختياري)
manager-new-rule = قاعدة جديدة

## Manager pages: buttons and the effect of a change
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).
## `manager-notified` / `manager-already-notified` replace the label + number of
## templates/staff/manage/notified.html ($count). `manager-not-active` stays a label:
## the references after it are separate elements.

manager-remove = حذف
manager-preview = عرض الأثر
manager-save = حفظ التعديل
manager-cancel = إلغاء
manager-create = إنشاء
manager-edit = تعديل
manager-saved = تم الحفظ.
manager-preview-title = أثر التعديل (لم يُحفظ بعد)
manager-saved-title = تم حفظ التعديل
manager-no-impact = لا يتأثر أي حجز قائم بهذا التعديل.
manager-impact-intro = لن يُلغى أي حجز: تبقى جميع الحجوزات سارية. فيما يلي الفترات التي تتجاوز الحد والحجوزات المعنية.
manager-over-limit = الفترات التي تتجاوز الحد
manager-planned = الأشخاص المتوقَّعون
manager-affected = الحجوزات المعنية
manager-notify = إبلاغ هؤلاء المواطنين
manager-notify-hint = سيتلقون رسالة بريد إلكتروني فيها رابط لاختيار وقت جديد؛ ويبقى الحجز الحالي ساريًا إلى أن يختاروا وقتًا آخر.
manager-notified = رسائل البريد الإلكتروني في قائمة الإرسال: { $count }
manager-already-notified = تم إبلاغهم بالفعل بعد آخر تعديل: { $count }
manager-not-active = لم تعد نشطة (ملغاة أو منقضية أو حضر أصحابها):

## Manager pages: audit log
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).

manager-audit-title = سجل التعديلات
manager-who = مَن
manager-what = ماذا
manager-when = متى
manager-entity = العنصر
manager-action = الإجراء
manager-before = قبل
manager-after = بعد
manager-system = النظام
manager-filter = تصفية
manager-older = الأقدم
manager-any = الكل

## Manager pages: statistics
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).

manager-stats-title = الإحصاءات
manager-by-day = حسب اليوم
manager-by-week = حسب الأسبوع
manager-period = الفترة
manager-bookings = الحجوزات
manager-check-ins = الحاضرون
manager-cancellations = الملغاة
manager-no-shows = الغائبون
manager-no-show-rate = نسبة الغياب
manager-utilisation = نسبة استخدام السعة
manager-peak = ذروة عدد الأشخاص
manager-download-csv = تنزيل CSV
manager-chart-bookings = الحجوزات حسب الفترة
manager-chart-utilisation = نسبة استخدام السعة حسب الفترة
manager-stats-help = نسبة الاستخدام: دقائق-الأشخاص المتوقعة مقسومة على دقائق-الأشخاص المسموح بها خلال ساعات العمل. نسبة الغياب: الغائبون مقسومًا على (الحاضرين + الغائبين).

## Emails: shared parts
## From: the greeting of templates/email/{confirmation,cancellation,reminder}/body.* and
## of `letters::notice()` (src/email/letters.rs): `email-greeting` when the name is
## known, `email-greeting-citizen` when it is empty. The labels are those of the
## confirmation and reminder bodies (the text version adds ": " after them).
## $name is the citizen's name; $reference the booking code; $service, $office and
## $address the service's and office's names and address; $when the date and times
## (`citizen-date-time-range` or `citizen-date-time`); $time a time "09:00"; $url a link.

email-greeting = حضرة السيد/السيدة { $name }،
email-greeting-citizen = عزيزتي المواطنة، عزيزي المواطن،
email-label-reference = الرمز
email-label-service = الخدمة
email-label-when = التاريخ والوقت
email-label-where = المكان
email-label-persons = عدد الأشخاص
email-label-what-to-bring = ما يجب إحضاره
email-label-video-call = مكالمة الفيديو
email-qr-alt = رمز QR الخاص بالموعد
email-calendar-summary = { $service } – { $office }
email-calendar-description = رمز الحجز: { $reference }. لعرضه: { $url }

## Email: booking confirmation
## From: templates/email/confirmation/ (subject.txt, body.txt, body.html).

email-confirmation-subject = تأكيد الحجز { $reference }: { $service }، { $when }
email-confirmation-title = تم تأكيد الحجز
email-confirmation-intro = تم تأكيد حجزكم.
email-confirmation-show-qr = عند وصولكم، يرجى إبراز رمز QR هذا عند الشباك:
email-confirmation-image-fallback = إذا لم تظهر الصورة، فاستخدموا هذا الرابط:
email-confirmation-show-qr-attached = عند وصولكم، يرجى إبراز رمز QR المرفق عند الشباك، أو هذا الرابط:
email-confirmation-manage-link = عرض الحجز أو إلغاؤه
email-confirmation-manage-text = لعرض الحجز أو إلغائه:

## Email: booking cancelled
## From: templates/email/cancellation/ (subject.txt, body.txt, body.html). The HTML body
## has `email-cancellation-body`; the text body adds `email-cancellation-time-free`.

email-cancellation-subject = إلغاء الحجز { $reference }: { $service }، { $when }
email-cancellation-title = تم إلغاء الحجز
email-cancellation-body = تم إلغاء الحجز { $reference } ({ $service }، { $when }، { $office }).
email-cancellation-time-free = أصبح هذا الوقت متاحًا مجددًا لأشخاص آخرين.

## Email: reminder the day before
## From: templates/email/reminder/ (subject.txt, body.txt, body.html).
## `email-reminder-summary` is the HTML body's one-line summary.

email-reminder-subject = تذكير: غدًا { $service }، { $when } ({ $reference })
email-reminder-title = تذكير: موعدكم غدًا
email-reminder-intro = نذكّركم بموعدكم غدًا.
email-reminder-summary = { $service } – { $when } – { $office }، { $address } ({ $reference })
email-reminder-show-qr = عند وصولكم، يرجى إبراز رمز QR المرفق، أو هذا الرابط: { $url }
email-reminder-cancel-hint = إذا لم تتمكنوا من الحضور، يرجى إلغاء الحجز: فيصبح الوقت متاحًا لغيركم.

## Email: missed appointment (no-show)
## From: `letters::no_show()` (src/email/letters.rs): title and two paragraphs.

email-no-show-subject = موعد لم تحضروا إليه { $reference }
email-no-show-body = لم نركم في الموعد { $reference } ({ $service }، { $when }، { $office }). وقد أُتيح المكان لأشخاص آخرين.
email-no-show-book-again = إذا كنتم لا تزالون بحاجة إلى الخدمة، يمكنكم حجز موعد جديد على الموقع الإلكتروني.

## Email: booking refused by the per-citizen limit
## From: `citizen_limit_notice()` (src/service/booking/book.rs): title, two paragraphs,
## link label. $when is `citizen-date-time`.

email-citizen-limit-subject = لديكم حجز بالفعل: { $service }
email-citizen-limit-body = طلب شخص ما (ربما أنتم) للتو حجز «{ $service }» لدى { $office } باستخدام عنوان البريد الإلكتروني هذا. لديكم بالفعل حجز نشط لهذه الخدمة ({ $reference }، { $when })، لذلك لم يُجرَ حجز آخر.
email-citizen-limit-help = لنقل الحجز أو إلغائه، استخدموا الرابط الوارد في رسالة التأكيد. إذا لم تكونوا أنتم من قدّم الطلب، فلا داعي لفعل أي شيء.
email-citizen-limit-link = حجزكم

## Email: invitation to choose a new time
## From: `invitation_letter()` (src/service/changes/rebook.rs): title, two paragraphs,
## link label.

email-rebook-subject = يرجى اختيار وقت جديد للموعد { $reference }
email-rebook-body = غيّر مكتب { $office } مواعيد عمله أو الأماكن المتاحة في يوم موعدكم الخاص بخدمة «{ $service }» ({ $when }).
email-rebook-help = نرجو منكم، إن أمكن، اختيار وقت آخر بالضغط على الزر أدناه. وإلى أن تفعلوا ذلك، يبقى موعدكم ساريًا ويظل رمز QR الذي تلقيتموه صالحًا.
email-rebook-link = اختيار وقت جديد

## Email: request to confirm attendance
## From: `request_letter()` (src/service/visit/reconfirm.rs): title, two paragraphs,
## link label.

email-reconfirm-subject = أكّدوا حضوركم: { $reference }
email-reconfirm-body = لديكم الموعد { $reference } ({ $service }، { $when }).
email-reconfirm-help = للاحتفاظ به، يرجى تأكيده بالضغط على الزر أدناه في موعد أقصاه اليوم السابق. وإذا لم تؤكدوه، فسيُتاح المكان لأشخاص آخرين في الانتظار.
email-reconfirm-link = أؤكد أنني سأحضر

## Email: appointment released for lack of confirmation
## From: `release()` (src/service/visit/reconfirm.rs): title and one paragraph.

email-reconfirm-released-subject = أُتيح الموعد لغيركم: { $reference }
email-reconfirm-released-body = لم نتلقَّ تأكيد الموعد { $reference } ({ $service }، { $when })، ولذلك أُتيح المكان لأشخاص آخرين. إذا كنتم لا تزالون بحاجة إلى الخدمة، يمكنكم الحجز من جديد على الموقع الإلكتروني.

## Email: joined the waiting list
## From: src/service/waitlist/entries.rs (notice kind `waitlist_joined`): title, one
## paragraph, link label. $from and $to are the first and last day, already formatted.

email-waitlist-joined-subject = أنتم في قائمة الانتظار: { $service }
email-waitlist-joined-body = سنراسلكم فور توفر مكان لخدمة «{ $service }» لدى { $office } في الفترة { $from } – { $to }. يحصل على المكان أول من يقبل العرض.
email-waitlist-joined-link = الخروج من قائمة الانتظار

## Email: a place is free (waiting-list offer)
## From: `offer_freed()` (src/service/waitlist/offers.rs): title, two paragraphs, link
## label. $when is `citizen-date-time`; $time is when the offer ends.

email-waitlist-offer-subject = توفر مكان: { $service }
email-waitlist-offer-body = توفر مكان لخدمة «{ $service }» لدى { $office }: { $when }.
email-waitlist-offer-rules = نعرض هذا المكان أيضًا على أشخاص آخرين في القائمة، ويحصل عليه أول من يقبله. العرض صالح حتى الساعة { $time }.
email-waitlist-offer-link = قبول المكان

## Email: the offered place was taken
## From: src/service/waitlist/accept.rs (notice kind `waitlist_gone`): title and one
## paragraph.

email-waitlist-gone-subject = حصل شخص آخر على المكان المعروض: { $service }
email-waitlist-gone-body = قبل شخص آخر المكان الذي عرضناه عليكم. ما زلتم في قائمة الانتظار: سنراسلكم عند توفر المكان التالي.

## Added with the page walk of issue 15: reasons of refused walk-ins, the manager
## pages' change summaries, the audit log's words, numbers.
## `time-range` keeps a span of time in reading order (Arabic wraps it in an LTR isolate).
## `manager-audit-entity` / `manager-audit-action` name what the audit log records
## ($entity, $action are the stored codes; unknown ones are shown as they are).

citizen-error-403-role = لا تملك صلاحية فتح هذه الصفحة، أو ليس لهذا المكتب.
citizen-service-facts-video = { $minutes }، عبر مكالمة فيديو
invalid-office-closed = المكتب مغلق الآن: لا يُسجَّل الحضور دون موعد إلا خلال ساعات العمل.
invalid-closes-too-soon = يُغلق المكتب قبل أن تنتهي هذه الخدمة: لا مزيد من الحضور دون موعد اليوم.
invalid-video-no-walk-in = هذه الخدمة عبر مكالمة فيديو فقط: لا حضور لها عند الشباك.
field-service-id = { citizen-service }
invalid-service-id = { invalid-choice }
invalid-patron-days = اكتب يومًا واحدًا في كل سطر: الشهر-اليوم ثم الاسم، مثل 12-06 San Nicola (20 يومًا على الأكثر).
field-to-time = حتى
manager-weekdays = أيام الأسبوع
manager-percent = { $value }٪
number-decimal-separator = .
time-range = {"\u2066"}{ $start }–{ $end }{"\u2069"}
manager-change-hours = ساعات العمل ابتداءً من { $from }
manager-change-hours-until = ساعات العمل من { $from } إلى { $to }
manager-change-rule = قاعدة لـ { $room }: من { $from } إلى { $to }، الحد { $limit }
manager-change-closure = إغلاق من { $from } إلى { $to }: { $reason }
manager-audit-entity =
    { $entity ->
        [booking] حجز
        [capacity_rule] قاعدة سعة
        [closure] إغلاق
        [counter] شباك
        [impact] إشعار للمواطنين
        [office] مكتب
        [opening_hours] ساعات العمل
        [room] قاعة
        [service] خدمة
        [user] حساب
        [ticket] رقم انتظار
       *[other] { $entity }
    }
manager-audit-action =
    { $action ->
        [create] إنشاء
        [delete] حذف
        [move] نقل
        [notify] إشعار
        [release_unconfirmed] تحرير لعدم التأكيد
        [replace] استبدال
        [update] تعديل
        [walk_in] حضور دون موعد
        [undo_checkin] إلغاء القبول
        [reset_door_link] رابط جديد لشاشة الباب
        [turn_off_door_link] إيقاف رابط شاشة الباب
        [checkin] قبول
        [mark_served] تمت الخدمة
        [call] استدعاء
        [recall] إعادة استدعاء
        [start] بدء عند الشباك
        [not_here] غير حاضر
        [finish] منتهٍ
        [transfer] تحويل
        [ticket] رقم عند الشباك
       *[other] { $action }
    }

## The appointment behind a check-in link (/c/…), for the citizen who opens it
citizen-pass-title = موعدكم
citizen-pass-not-active = لم يعد هذا الموعد ساريًا: لم تعد هناك حاجة إلى رمز QR.
citizen-pass-manage-hint = لنقل الموعد أو إلغائه، استخدموا رابط «عرض الحجز أو إلغاؤه» في رسالة التأكيد.
citizen-pass-staff = موظفو المكتب: سجّلوا الدخول لقبول الحضور

## The booking's page: actions
citizen-book-again = احجز من جديد
citizen-add-to-calendar = أضف إلى التقويم
citizen-print = اطبع
citizen-email-sent-to = أرسلنا التأكيد إلى { $email }.
citizen-calendar-file-name = موعد-{ $reference }
citizen-error-429-resend =
    { $count ->
        [zero] لا يمكن إعادة إرسال رسالة التأكيد الآن. حاولوا مرة أخرى بعد ساعة.
        [one] يمكن إعادة إرسال رسالة التأكيد مرة واحدة في الساعة، وقد طلبتموها. تحققوا أيضًا من مجلد الرسائل غير المرغوب فيها، أو حاولوا بعد ساعة.
        [two] يمكن إعادة إرسال رسالة التأكيد مرتين في الساعة، وقد طلبتموهما. تحققوا أيضًا من مجلد الرسائل غير المرغوب فيها، أو حاولوا بعد ساعة.
        [few] يمكن إعادة إرسال رسالة التأكيد { $count } مرات في الساعة، وقد طلبتموها كلها. تحققوا أيضًا من مجلد الرسائل غير المرغوب فيها، أو حاولوا بعد ساعة.
        [many] يمكن إعادة إرسال رسالة التأكيد { $count } مرة في الساعة، وقد طلبتموها كلها. تحققوا أيضًا من مجلد الرسائل غير المرغوب فيها، أو حاولوا بعد ساعة.
       *[other] يمكن إعادة إرسال رسالة التأكيد { $count } مرة في الساعة، وقد طلبتموها كلها. تحققوا أيضًا من مجلد الرسائل غير المرغوب فيها، أو حاولوا بعد ساعة.
    }

## Privacy notice (GDPR arts. 13–14), linked from the consent boxes and the footer.
## $controller is the installation's SPORTELLO_INSTITUTION_NAME; $days its retention.
privacy-title = إشعار الخصوصية
privacy-read = (اقرأوا إشعار الخصوصية)
privacy-intro = وفقًا للمادتين 13 و14 من اللائحة الأوروبية 2016/679 (GDPR)، يشرح هذا الإشعار كيفية معالجة البيانات التي تقدمونها عند حجز موعد أو الانضمام إلى قائمة الانتظار أو عند استقبالكم عند الشباك.
privacy-controller-title = المسؤول عن المعالجة
privacy-controller = المسؤول عن معالجة البيانات هو { $controller }.
privacy-contact = لممارسة حقوقكم أو للاستفسار عن بياناتكم، اكتبوا إلى:
privacy-contact-office = لممارسة حقوقكم أو للاستفسار عن بياناتكم، توجهوا إلى مكتب العلاقات العامة في البلدية، بما في ذلك عند الشباك.
privacy-dpo = مسؤول حماية البيانات (DPO):
privacy-data-title = ما البيانات
privacy-data = الاسم واللقب، وعنوان البريد الإلكتروني، والهاتف إن قدمتموه، والخدمة، واليوم والوقت المختاران، وعدد الأشخاص، واللغة، وأوقات الوصول والخدمة المسجلة عند الشباك. لا نطلب بيانات من الفئات الخاصة.
privacy-identity = إذا سجّلتم الدخول عبر SPID أو CIE، تزوّدنا خدمة تسجيل الدخول بالاسم واللقب والرقم الضريبي وربما البريد الإلكتروني. نحتفظ مع الحجز بالاسم والبريد الإلكتروني كما ورد أعلاه، ومن الرقم الضريبي ببصمة مشفّرة فقط تُستخدم لعدّ الحجوزات لكل شخص ولعرض «حجوزاتي»؛ وتدوم جلسة تسجيل الدخول ساعة واحدة ثم تُحذف.
privacy-purposes-title = لماذا وعلى أي أساس
privacy-purposes = لإدارة الموعد: تأكيده وتذكيركم به واستقبالكم وإبلاغكم إذا تغيّر أو إذا توفر مكان، وللحد من عدد الأشخاص في المكاتب. الأساس القانوني هو أداء مهمة تخدم المصلحة العامة (المادة 6، الفقرة 1، البند هـ من GDPR). يتطلب الحجز عبر الإنترنت اسمًا وبريدًا إلكترونيًا؛ ويمكنكم دائمًا التوجه إلى الشباك.
privacy-recipients-title = من يطّلع عليها
privacy-recipients = موظفو المكتب المخوّلون، والمزودون التقنيون الذين يديرون الخدمة والبريد الإلكتروني نيابة عن المسؤول، بصفتهم معالجين معيّنين. لا تُنشر البيانات ولا تُنقل خارج الاتحاد الأوروبي.
privacy-retention-title = إلى متى
privacy-retention =
    { $days ->
        [zero] تُحذف البيانات الشخصية بعد الموعد مباشرة؛ ولا يبقى سوى أعداد مجهولة الهوية للإحصاءات.
        [one] تُحذف البيانات الشخصية بعد يوم واحد من الموعد؛ ولا يبقى سوى أعداد مجهولة الهوية للإحصاءات.
        [two] تُحذف البيانات الشخصية بعد يومين من الموعد؛ ولا يبقى سوى أعداد مجهولة الهوية للإحصاءات.
        [few] تُحذف البيانات الشخصية بعد { $days } أيام من الموعد؛ ولا يبقى سوى أعداد مجهولة الهوية للإحصاءات.
        [many] تُحذف البيانات الشخصية بعد { $days } يومًا من الموعد؛ ولا يبقى سوى أعداد مجهولة الهوية للإحصاءات.
       *[other] تُحذف البيانات الشخصية بعد { $days } يوم من الموعد؛ ولا يبقى سوى أعداد مجهولة الهوية للإحصاءات.
    }
privacy-rights-title = حقوقكم
privacy-rights = يمكنكم طلب الوصول إلى بياناتكم أو تصحيحها أو محوها أو تقييد معالجتها، والاعتراض على معالجتها (المواد 15–21 من GDPR). يمكنكم إلغاء الحجز في أي وقت عبر الرابط الوارد في البريد الإلكتروني. إذا رأيتم أن المعالجة تخالف GDPR، يمكنكم تقديم شكوى إلى الهيئة الإيطالية لحماية البيانات (www.garanteprivacy.it).

## The agenda: moving by a day
staff-previous-day = اليوم السابق
staff-next-day = اليوم التالي

## Statistics CSV: the columns without a label on the page
manager-csv-scope = النطاق
manager-csv-id = المعرّف
manager-csv-name = الاسم
manager-csv-planned = دقائق-أشخاص محجوزة
manager-csv-capacity = دقائق-أشخاص متاحة

## From: templates/base.html, footer.html, citizen/steps.html, citizen/legal.html (the "modello Comuni" frame).
site-tagline = حجز المواعيد في الشبابيك
footer-contacts = الاتصال
footer-address = العنوان
footer-phone = الهاتف
footer-email = البريد الإلكتروني
footer-links = روابط مفيدة
breadcrumb-label = مسار التصفح
breadcrumb-home = الرئيسية
step-label = خطوات الحجز
step-service = الخدمة
step-day = اليوم
step-time = الوقت
step-details = البيانات
step-done = التأكيد
step-completed = مكتملة
staff-nav-label = قائمة الموظفين
staff-signed-in = تم الدخول باسم
staff-all-offices = جميع المكاتب
legal-title = ملاحظات قانونية
legal-intro = تدير { $institution } خدمة حجز الشبابيك هذه.
legal-tax-code = الرقم الضريبي / رقم ضريبة القيمة المضافة:
legal-content-title = المحتوى
legal-content = ما لم يُذكر خلاف ذلك، تُنشر نصوص هذه الصفحات بترخيص المشاع الإبداعي نسب المصنف 4.0 (CC BY 4.0) ويجوز إعادة استخدامها مع ذكر المصدر.
legal-availability-title = الأوقات والتوفر
legal-availability = الأوقات المتاحة المعروضة هي أوقات لحظة فتح الصفحة. لا يصبح الموعد ساريًا إلا بعد تأكيده، ويُرسل التأكيد أيضًا بالبريد الإلكتروني. إذا اضطر المكتب إلى الإغلاق في يوم محجوز، يتلقى صاحب الحجز بريدًا إلكترونيًا بالسبب ورابطًا لاختيار وقت آخر.
legal-software-title = البرمجيات
legal-software = تعمل الخدمة ببرنامج Sportello، وهو برنامج حر مفتوح المصدر لحجز شبابيك المكاتب العامة.

## From: templates/citizen/home.html (what a citizen needs before booking) and citizen/lost.html.
citizen-office-services = الخدمات
citizen-office-where = العنوان
citizen-office-map = عرض على الخريطة
citizen-office-hours = ساعات العمل
citizen-office-closed = مغلق
citizen-office-closures = أيام الإغلاق القادمة
citizen-office-closed-range = من { $from } إلى { $to }
citizen-lost-link = هل فقدت رابط حجزك؟
citizen-lost-title = استرجاع روابط حجوزاتك
citizen-lost-intro = اكتب عنوان البريد الإلكتروني الذي حجزت به. إذا كانت هناك حجوزات قادمة بهذا العنوان، نرسل إليه بريدًا إلكترونيًا فيه رابط لكل حجز، لعرضه أو نقله أو إلغائه.
citizen-lost-send = أرسلوا لي الروابط
citizen-lost-sent = إذا كانت هناك حجوزات قادمة بهذا العنوان، فقد أرسلنا إليه بريدًا إلكترونيًا بالروابط.
citizen-lost-sent-help = تحقق أيضًا من مجلد البريد غير المرغوب فيه. الروابط التي كانت لديك من قبل لم تعد تعمل. يمكنك طلب الروابط حتى { $per_hour } مرات في الساعة.
manager-office-phone = هاتف المكتب للمواطنين
manager-office-email = البريد الإلكتروني للمكتب للمواطنين
manager-description = الوصف (بالإيطالية)
manager-translations = النصوص بلغات أخرى
manager-translations-hint = النص الفارغ يظهر بالإيطالية.
manager-translation-name = الاسم
manager-translation-description = الوصف
manager-translation-bring = ما يجب إحضاره
field-description = الوصف
field-texts = النصوص بلغات أخرى
field-phone = الهاتف
invalid-description = اكتب 2000 حرف على الأكثر.
invalid-texts = تحقق من النصوص باللغات الأخرى: الاسم 200 حرف على الأكثر، والنصوص الأخرى 2000.
email-lost-links-subject = روابط حجوزاتك
email-lost-links-body = { $count ->
    [zero] طلبت روابط حجوزاتك.
    [one] طلبت رابط حجزك. ها هو: يفتح الحجز، حيث يمكنك عرضه أو نقله أو إلغاؤه.
    [two] طلبت رابطي حجزيك. ها هما: كل رابط يفتح حجزًا، حيث يمكنك عرضه أو نقله أو إلغاؤه.
    [few] طلبت روابط حجوزاتك. ها هي: كل رابط يفتح حجزًا، حيث يمكنك عرضه أو نقله أو إلغاؤه.
    [many] طلبت روابط حجوزاتك. ها هي: كل رابط يفتح حجزًا، حيث يمكنك عرضه أو نقله أو إلغاؤه.
   *[other] طلبت روابط حجوزاتك. ها هي: كل رابط يفتح حجزًا، حيث يمكنك عرضه أو نقله أو إلغاؤه.
}
email-lost-links-item = { $service }، { $when }، { $office }
email-lost-links-old = الروابط التي تلقيتها من قبل لم تعد تعمل. إذا لم تطلب هذا البريد، يمكنك تجاهله: حجوزاتك تبقى سارية.
email-grace-rule = يرجى الحضور في الموعد: إذا وصلت بعد أكثر من { $minutes } دقيقة من البداية، يُمنح مكانك لأشخاص آخرين.
email-calendar-attached = ملف التقويم مرفق: افتحه لإضافة الموعد إلى تقويمك.
email-office-contacts = للأسئلة حول الموعد: { $office }.

## From: templates/staff/agenda.html (admit, undo, search, print)
staff-admitted-done = تم قبول { $reference }.
staff-undone = أُلغي قبول { $reference }: الحجز منتظر من جديد.
staff-undo-admission = إلغاء القبول
staff-search = بحث
staff-search-hint = الاسم أو البريد الإلكتروني أو الرمز
staff-print-day = طباعة اليوم
staff-walk-in-refused = لم يُسجَّل الدخول بدون موعد.

## From: templates/staff/rooms.html (door screens by link)
staff-door-link = شاشة الباب، دون تسجيل دخول
staff-door-link-none = لا يوجد رابط
staff-door-link-make = إنشاء الرابط
staff-door-link-reset = رابط جديد (يتوقف الرابط القديم عن العمل)
staff-door-link-turn-off = إيقاف الرابط
staff-door-link-new = تم إنشاء رابط جديد: افتحه على الشاشة عند الباب. الرابط السابق لم يعد يعمل.
staff-door-link-off = تم إيقاف الرابط: الشاشة التي كانت تستخدمه تعرض «الصفحة غير موجودة».

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


a11y-intro = تلتزم { $institution } بجعل خدمة حجز المواعيد التابعة لها متاحة للجميع، وفقًا للقانون الإيطالي رقم 4 الصادر في 9 يناير 2004، والمرسوم التشريعي رقم 106 الصادر في 10 أغسطس 2018 الذي نقل توجيه الاتحاد الأوروبي رقم 2016/2102 إلى التشريع الإيطالي، ولإرشادات AgID بشأن إمكانية الوصول إلى الأدوات المعلوماتية.
a11y-scope = ينطبق بيان إمكانية الوصول هذا على الموقع الإلكتروني لخدمة الحجز:
a11y-status-title = حالة المطابقة
a11y-status-compliant = مطابق
a11y-status = هذا الموقع الإلكتروني مطابق للمتطلبات الواردة في الملحق A من المعيار EN 301 549 (إرشادات WCAG 2.1 بالمستويين A وAA).
a11y-status-checks = يجري التحقق من المطابقة عند كل إصدار جديد من البرنامج من خلال:
a11y-check-automated = فحوص آلية (axe-core) لقواعد WCAG 2.1 بالمستويين A وAA في صفحات الحجز، بما فيها الصفحات العربية التي تُقرأ من اليمين إلى اليسار
a11y-check-keyboard = تجارب استخدام بلوحة المفاتيح وحدها
a11y-check-no-js = تجارب استخدام مع تعطيل JavaScript، تبقى فيها جميع الوظائف متاحة
a11y-check-phone = تجارب استخدام على الشاشات الصغيرة مثل شاشات الهواتف
a11y-content-title = المحتوى غير المستوفي لمتطلبات إمكانية الوصول
a11y-content-none = لا يُعرف أي محتوى غير مستوفٍ لمتطلبات إمكانية الوصول. وفيما يلي التفصيل بحسب الأسباب الثلاثة المنصوص عليها في نموذج AgID:
a11y-reason-law = عدم الالتزام بالقانون رقم 4/2004
a11y-reason-burden = عبء غير متناسب
a11y-reason-out-of-scope = محتوى لا يخضع للتشريعات المعمول بها
a11y-reason-none = لا يوجد أي محتوى
a11y-notes-title = ملاحظات
a11y-note-qr = رمز QR الخاص بالموعد صورةٌ لها بديل نصي، ويُكتب بجانبه دائمًا رمز الحجز. ويكفي هذا الرمز وحده عند الشباك، لأن الموظفين يستطيعون إدخاله يدويًا.
a11y-note-scanner = قراءة رموز QR بالكاميرا أداةٌ مخصصة لموظفي الشباك، وليست صفحة موجهة إلى المواطنين؛ وحتى هناك يمكن كتابة الرمز يدويًا أو قراءته بجهاز قارئ.
a11y-drafting-title = إعداد بيان إمكانية الوصول
a11y-drafted = تاريخ إعداد البيان: { $date }
a11y-reviewed = تاريخ آخر مراجعة: { $date }
a11y-method = يستند البيان إلى تقييم ذاتي أجرته البلدية مباشرةً، من خلال عمليات التحقق الموضحة في قسم «{ a11y-status-title }».
a11y-feedback-title = آلية تقديم الملاحظات وبيانات الاتصال
a11y-feedback = يمكن لأي شخص أن يُبلغ البلدية بحالات عدم الامتثال لمتطلبات إمكانية الوصول، وأن يطلب معلومات أو محتوى مستثنى من نطاق هذا البيان. اذكروا في بلاغكم الصفحة والمشكلة، وإن أمكن الجهاز والمتصفح وأي تقنية مساعدة تستخدمونها.
a11y-feedback-email = اكتبوا إلى:
a11y-feedback-office = توجهوا إلى مكتب العلاقات العامة في البلدية (URP)، بما في ذلك حضوريًا عند الشباك.
a11y-enforcement-title = إجراءات التنفيذ
a11y-enforcement = إذا لم تردّ البلدية خلال 30 يومًا من تاريخ بلاغكم، أو إذا لم يكن ردّها مُرضيًا، يمكنكم تقديم شكوى إلى أمين المظالم الرقمي (Difensore civico per il digitale) لدى AgID، بموجب الفقرة 3 من المادة 3-quinquies من القانون رقم 4/2004، والفقرة 1-quater من المادة 17 من قانون الإدارة الرقمية (CAD). ولا تُقدَّم الشكوى إلا بعد إبلاغ البلدية بالمشكلة.
a11y-enforcement-link = موقع AgID الخاص ببيانات إمكانية الوصول والشكاوى (باللغة الإيطالية)
a11y-info-title = معلومات عن الموقع
a11y-info-cms-label = نظام إدارة المحتوى (CMS) المستخدم
a11y-info-cms = لا يوجد: تعمل الخدمة ببرنامج Sportello { $version }، وهو برنامج حر مفتوح المصدر لحجز شبابيك المكاتب العامة. يولّد الخادم صفحاته بلغة HTML بقالب Bootstrap Italia، وهي تعمل أيضًا دون JavaScript.
a11y-info-usability-label = اختبارات قابلية الاستخدام
a11y-info-usability = لم تُجرَ اختبارات لقابلية الاستخدام مع مجموعات من المستخدمين؛ وأُجريت عمليات التحقق الموضحة في هذه الصفحة.
a11y-info-languages-label = اللغات
a11y-info-languages = الإيطالية والإنجليزية والألبانية والرومانية والعربية (التي تُكتب من اليمين إلى اليسار). اختاروا لغتكم من القائمة في أعلى كل صفحة.
a11y-enforcement-form = شكوى إلى أمين المظالم الرقمي (استمارة AgID باللغة الإيطالية)
footer-accessibility-copy = إمكانية الوصول إلى الخدمة

## The move invitation when the whole office is closed that day, and a manager's message
email-closed-body = سيكون مكتب { $office } مغلقًا في يوم موعدك لخدمة «{ $service }» ({ $when }): لا يمكن إجراء الموعد.
email-closed-reason = سبب الإغلاق: { $reason }.
email-closed-no-reason = نعتذر عن الإزعاج.
email-closed-help = اختر يومًا ووقتًا آخرين بالزر أدناه: يبقى رمز الحجز كما هو.
email-office-message = رسالة من المكتب: { $message }
manager-notify-message = رسالة إلى المواطنين (اختيارية)
manager-notify-message-hint = كلمات قليلة من المكتب تُضاف إلى البريد الإلكتروني كما تكتبها (500 حرف على الأكثر).
manager-notified-list = تلقّوا البريد الإلكتروني:
field-message = الرسالة
invalid-message = اكتب 500 حرف على الأكثر.
manager-back = رجوع
manager-never-fits = بعض المجموعات أكبر من الحد الجديد: لا يمكن نقلها إلى تلك الأوقات. اتصل بها لتقسيمها أو لاختيار يوم آخر.
manager-never-fits-short = أكثر من الحد الجديد
manager-audit-changes = ما الذي تغيّر
manager-audit-becomes = يصبح
manager-audit-details = البيانات المسجلة
citizen-change-time = تغيير الموعد
citizen-move-none = { $count ->
    [zero] لا توجد أوقات متاحة في هذا اليوم.
    [one] لا توجد أوقات متاحة في هذا اليوم.
    [two] لا توجد أوقات متاحة في هذا اليوم لشخصين معًا: الأماكن المتاحة لا تكفي لمجموعتك، أو أن الحد الجديد للقاعة أقل.
    [few] لا توجد أوقات متاحة في هذا اليوم لـ { $count } أشخاص معًا: الأماكن المتاحة لا تكفي لمجموعتك، أو أن الحد الجديد للقاعة أقل.
    [many] لا توجد أوقات متاحة في هذا اليوم لـ { $count } شخصًا معًا: الأماكن المتاحة لا تكفي لمجموعتك، أو أن الحد الجديد للقاعة أقل.
   *[other] لا توجد أوقات متاحة في هذا اليوم لـ { $count } شخص معًا: الأماكن المتاحة لا تكفي لمجموعتك، أو أن الحد الجديد للقاعة أقل.
}
citizen-move-call = جرّب يومًا آخر، أو اتصل بالمكتب:
citizen-move-call-office = جرّب يومًا آخر، أو توجّه إلى المكتب.
citizen-move-same-qr = يبقى رمز QR ورمز الحجز كما هما. أرسلنا إليك بريدًا إلكترونيًا جديدًا للتأكيد.
staff-go-home = العودة إلى صفحة الموظفين
manager-weekday-col = اليوم
footer-pec = البريد الإلكتروني المعتمد (PEC)
manager-quiet-rows = { $count ->
    [zero] لا توجد صفوف بدون نشاط
    [one] صف واحد بدون نشاط (لا حجز ولا زيارة ولا حضور)
    [two] صفان بدون نشاط (لا حجز ولا زيارة ولا حضور)
    [few] { $count } صفوف بدون نشاط (لا حجز ولا زيارة ولا حضور)
    [many] { $count } صفًا بدون نشاط (لا حجز ولا زيارة ولا حضور)
   *[other] { $count } صف بدون نشاط (لا حجز ولا زيارة ولا حضور)
}
email-calendar-file = موعد
email-calendar-file-cancel = إلغاء
citizen-move-open-booking = افتح حجزك
# The queue at the office (issue 17)
queue-closed-now = المكتب مغلق الآن: لا يمكن الحصول على رقم انتظار.
queue-closed-before = يُغلق المكتب الساعة { $time }: لم يعد هناك وقت اليوم لرقم انتظار آخر لهذه الخدمة. يمكنكم حجز موعد في يوم آخر.
queue-closed-no-counter = لا يقدّم أي شباك هذه الخدمة اليوم.
queue-minutes = { $value } دقيقة
queue-stats-title = الطابور عند الشبابيك
queue-stats-none = لا توجد أرقام انتظار في هذه الفترة.
queue-stat-tickets = أرقام الانتظار
queue-stat-absent = الغائبون
queue-stat-absent-rate = نسبة الغياب
queue-stat-wait = متوسط الانتظار
queue-stat-service = متوسط مدة الخدمة
email-queue-subject = رقم انتظاركم { $code }
email-queue-body = أنتم في الطابور برقم الانتظار { $code } في { $office }. تعرض صفحة الرقم عدد الأشخاص الذين أمامكم ومتى يحين دوركم.
email-queue-link = فتح رقم الانتظار
queue-join-title = الحصول على رقم انتظار
queue-join-intro = اختاروا الخدمة: تحصلون على رقم انتظار، وينبّهكم الهاتف عندما يحين دوركم. لا حاجة إلى الوقوف في الطابور.
queue-join-service = الخدمة
queue-join-party = عدد الأشخاص
queue-join-email = البريد الإلكتروني (اختياري: نرسل إليكم رابط رقم الانتظار)
queue-join-submit = الحصول على رقم
queue-join-waiting = { $count ->
    [zero] لا أحد في الانتظار
    [one] شخص واحد في الانتظار
    [two] شخصان في الانتظار
    [few] { $count } أشخاص في الانتظار
    [many] { $count } شخصًا في الانتظار
   *[other] { $count } شخص في الانتظار
}
queue-ticket-title = رقم انتظاركم
queue-ticket-code-label = الرقم
queue-ticket-next = دوركم هو التالي.
queue-ticket-position = { $count ->
    [zero] لا يوجد أحد أمامكم.
    [one] أمامكم شخص واحد.
    [two] أمامكم شخصان.
    [few] أمامكم { $count } أشخاص.
    [many] أمامكم { $count } شخصًا.
   *[other] أمامكم { $count } شخص.
}
queue-ticket-wait = مدة الانتظار المتوقعة بالدقائق: { $minutes } تقريبًا.
queue-ticket-your-turn = حان دوركم: { $counter }
queue-ticket-serving = أنتم عند الشباك: { $counter }.
queue-ticket-done = اكتملت الخدمة. شكرًا لكم!
queue-ticket-absent = نودي على رقمكم لكنكم لم تحضروا. يرجى مراجعة الموظفين.
queue-ticket-cancelled = غادرتم الطابور.
queue-ticket-leave = مغادرة الطابور
queue-ticket-updates = تتحدّث هذه الصفحة تلقائيًا: أبقوها مفتوحة.
queue-ticket-watch = سيظهر رقمكم أيضًا على شاشة قاعة الانتظار، مع الشباك الذي تتوجهون إليه.
queue-poster-title = احصلوا على رقم انتظار بهاتفكم
queue-poster-steps = وجّهوا الكاميرا نحو رمز QR، واختاروا الخدمة وانتظروا: ينبّهكم الهاتف عندما يحين دوركم.
queue-poster-link = أو افتحوا العنوان:
queue-poster-qr-alt = رمز QR للحصول على رقم انتظار
queue-print = طباعة
queue-display-title = النداءات
queue-display-code = الرقم
queue-display-counter = الشباك
queue-display-none = لا توجد نداءات حتى الآن.
queue-display-speech = الرقم { $code }، { $counter }
queue-display-sound = تشغيل الصوت
queue-display-sound-on = الصوت مفعّل
staff-nav-counter = النداءات
queue-counter-choose = اختاروا شباككم
queue-counter-none = لا توجد شبابيك عاملة في هذا المكتب.
queue-call-next = استدعاء التالي
queue-call-next-key = اختصار: المفتاح N
queue-recall = إعادة النداء
queue-absent = غير حاضر
queue-start = بدء
queue-done = تم
queue-transfer = تحويل إلى الخدمة
queue-transfer-submit = تحويل
queue-nobody-waiting = لا أحد ينتظر خدمات هذا الشباك.
queue-room-full = هناك أشخاص ينتظرون في الخارج، لكن القاعة بلغت حدها الأقصى: انتظروا حتى يفرغ مكان.
queue-called-now = تم النداء على: { $code }
queue-current = عند الشباك
queue-current-none = لا أحد عند الشباك.
queue-waiting-title = في الانتظار لهذا الشباك
queue-col-code = الرقم
queue-col-service = الخدمة
queue-col-party = عدد الأشخاص
queue-col-since = الوصول
queue-col-kind = النوع
queue-col-calls = النداءات
queue-kind-appointment = موعد الساعة { $time }
queue-kind-walk-in = دون موعد
queue-status-waiting = في الانتظار
queue-status-called = تم النداء عليه
queue-status-serving = عند الشباك
queue-status-done = مكتمل
queue-status-absent = غائب
queue-status-cancelled = غادر الطابور
queue-desk-title = رقم انتظار للقادمين دون موعد
queue-desk-help = ينتظر صاحب الرقم خارج القاعة حتى يُنادى عليه، ضمن حدود سعة القاعة.
queue-desk-name = الاسم (اختياري، لا يظهر على الشاشة)
queue-desk-submit = إنشاء رقم الانتظار وطباعته
queue-print-wait = انتظروا النداء على الشاشة في قاعة الانتظار.
queue-print-back = العودة إلى الشباك
queue-links-title = الشاشات والملصق
queue-display-link = شاشة قاعة الانتظار
queue-poster-link-staff = ملصق رمز QR للمدخل
queue-scan-ticket = رقم انتظار
queue-action-done = تم: حالة { $code } الآن «{ $status }».
queue-join-choose = اختر خدمة.

## Identity: citizens log in with SPID or CIE, staff with the city's single sign-on; $provider is the login service's label, $name and $code the person's name and fiscal code.
identity-login-title = سجّلوا الدخول بهويتكم الرقمية
identity-login-intro = مع SPID أو CIE يصل الاسم والرقم الضريبي من خدمة تسجيل الدخول: لا حاجة إلى كتابتهما، ويمكنكم العثور على حجوزاتكم مجددًا في «حجوزاتي».
identity-or-fill = أو أدخلوا بياناتكم أدناه واحجزوا دون تسجيل الدخول.
identity-required = تتطلب هذه الخدمة تسجيل الدخول باستخدام SPID أو CIE: تتحقق خدمة تسجيل الدخول من الهوية.
identity-logged-in = سجّلتم الدخول باسم { $name } (الرقم الضريبي { $code }).
identity-locked = مصدره خدمة تسجيل الدخول ولا يمكن تعديله.
identity-logout = تسجيل الخروج
identity-logged-out = تم تسجيل خروجكم
identity-logout-provider = ننقلكم إلى خدمة تسجيل الدخول لإنهاء الجلسة هناك أيضًا.
identity-logout-provider-link = إنهاء الجلسة في خدمة تسجيل الدخول أيضًا
my-link = حجوزاتي (باستخدام SPID أو CIE)
my-title = حجوزاتي
my-upcoming = الحجوزات القادمة
my-past = السابقة أو الملغاة
my-none-upcoming = ليست لديكم حجوزات قادمة.
my-book-new = حجز موعد
my-none-past = لا توجد حجوزات سابقة أو ملغاة.
my-manage = فتح أو نقل أو تنزيل
my-cancel = إلغاء الحجز
my-login-intro = سجّلوا الدخول باستخدام SPID أو CIE لعرض الحجوزات التي أجريتموها بهويتكم الرقمية، في جميع المكاتب.
my-no-login = تسجيل الدخول باستخدام SPID أو CIE غير مفعّل. لإدارة حجز، استخدموا الرابط الوارد في رسالة التأكيد.
login-problem-title = تعذّر تسجيل الدخول
login-problem-unavailable = خدمة تسجيل الدخول «{ $provider }» لا تستجيب حاليًا. يرجى المحاولة مجددًا بعد بضع دقائق.
login-problem-bad-answer = لم يكتمل تسجيل الدخول: فقد أُلغي أو انتهت مهلته أو كان ردّ خدمة تسجيل الدخول غير صالح. لم يُسجَّل دخولكم.
login-problem-no-fiscal-code = لم تُرسل خدمة تسجيل الدخول «{ $provider }» الرقم الضريبي أو الاسم، وهما لازمان للحجز بهويتكم.
login-problem-no-email = لم تُرسل خدمة تسجيل الدخول التابعة للبلدية عنوان بريد إلكتروني، وهو ما يحدد حسابكم في Sportello. يرجى التوجه إلى مدير النظام.
login-problem-no-role = ليس لحسابكم في البلدية دور في Sportello (موظف أو مسؤول أو مدير النظام). اطلبوا من مدير النظام أن يمنحكم دورًا.
login-problem-no-office = لا يحدد حسابكم في البلدية أي مكتب في Sportello. اطلبوا من مدير النظام أن يعيّن لكم مكتبًا.
login-problem-disabled = هذا الحساب معطّل في Sportello. يرجى التوجه إلى مدير النظام.
login-problem-anonymous = لا يزال بإمكانكم الحجز دون تسجيل الدخول، بإدخال الاسم والبريد الإلكتروني.
login-problem-continue = المتابعة دون تسجيل الدخول
login-problem-again = إعادة محاولة تسجيل الدخول
login-problem-staff-back = العودة إلى صفحة تسجيل الدخول
staff-sso-title = أو سجّلوا الدخول بحساب البلدية
manager-login-required = الحجز باستخدام SPID أو CIE فقط
my-opened-here = فتحتم هذه الصفحة من «حجوزاتي»: يبقى عنوانها صالحًا ما دمتم مسجّلين الدخول. للعودة لاحقًا استخدموا الرابط في بريد التأكيد أو
login-problem-switch = تسجيل الخروج من خدمة تسجيل الدخول (للدخول بحساب آخر)

## Webhooks (issue 21): the managers' page. $event is the event's type with dots and
## underscores as hyphens; $status a delivery's status.
manager-webhooks-title = خطافات الويب (Webhooks)
manager-webhooks-intro = تُرسَل أحداث المكتب موقَّعةً إلى أنظمة البلدية (إدارة العلاقات، السجل المدني، آلات التذاكر). يُعاد إرسال كل حدث حتى يجيب النظام بـ 2xx.
manager-webhook-url = العنوان (URL)
manager-webhook-events = الأحداث
manager-webhook-add = إضافة الخطاف
manager-webhook-secret = انسخوا هذا السر الآن في النظام المستقبِل: لن يُعرض مرة أخرى.
manager-webhook-test = إرسال تجربة
manager-webhook-tested = التجربة في قائمة الانتظار: تُرسَل خلال ثوانٍ.
manager-webhook-deliveries = آخر الإرسالات
manager-webhook-none = لا يوجد خطاف بعد.
manager-webhook-no-deliveries = لم يُرسَل شيء بعد.
manager-webhook-replay = إعادة الإرسال
manager-webhook-attempts = المحاولات
manager-webhook-error = آخر خطأ
manager-webhook-when = الوقت
webhook-event =
    { $event ->
        [booking-created] حجز جديد
        [booking-cancelled] حجز ملغى
        [booking-checked-in] تسجيل الوصول
        [booking-served] تمت الخدمة
        [booking-no-show] غياب (تحرير المكان)
        [ticket-called] استدعاء تذكرة
       *[ping] تجربة (ping)
    }
webhook-status =
    { $status ->
       *[pending] في الانتظار
        [sending] قيد الإرسال
        [sent] تم التسليم
        [failed] لم يُسلَّم
    }
field-url = العنوان (URL)
invalid-url = اكتبوا العنوان الكامل لخادم عام يبدأ بـ https:// (لا تُقبل عناوين الشبكة الداخلية إلا إذا فعّلها المسؤول).
field-events = الأحداث
invalid-events = اختاروا حدثًا واحدًا على الأقل من القائمة.

## Calendar feeds (issue 21): /staff/calendars. $date is when the address was made.
staff-nav-calendars = التقويمات
staff-calendars-title = التقويمات
staff-calendars-intro = اشتركوا بتقويم الهاتف أو Outlook في هذه العناوين لرؤية مواعيد اليوم والأسابيع الستة القادمة (الرمز والخدمة، دون أسماء). كل من يعرف العنوان يرى المواعيد: إن ضاع فأنشئوا عنوانًا جديدًا فيتوقف القديم عن العمل.
staff-calendar-of = تقويم
staff-calendar-address = العنوان
staff-calendar-made = هذا هو العنوان الجديد: انسخوه الآن في تطبيق التقويم، فلن يُعرض مرة أخرى.
staff-calendar-since = نشط منذ { $date }
staff-calendar-none = لا يوجد عنوان
staff-calendar-reset = عنوان جديد
staff-calendar-make = إنشاء العنوان

## Spreadsheets (issue 21).
manager-download-xlsx = تنزيل Excel (.xlsx)
manager-download-bookings = حجوزات الفترة (.xlsx)
staff-download-xlsx = تنزيل Excel (.xlsx)
