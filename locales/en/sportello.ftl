# Sportello — English (en)
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

citizen-lang-name = English
citizen-language = Language
staff-lang-name = English

## How the language is written
## `lang-dir`: ltr or rtl. `date-locale`: the locale whose weekday and month names fill
## the date patterns (a name from glibc's list, e.g. it_IT, ar_EG). The patterns use
## chrono's strftime syntax: %A weekday, %a short weekday, %-d day, %B month, %b short
## month, %Y year. Translate the order and punctuation, not the % codes.

lang-dir = ltr
date-locale = en_GB
date-long = %A %-d %B %Y
date-short = %a %-d %b
date-weekday-short = %a

## Citizen pages: general
## From: struct `Texts` (src/i18n.rs), instances `IT` / `EN`.

citizen-site = Sportello – Appointment booking
citizen-skip = Skip to main content
citizen-home-title = Book an appointment
citizen-home-intro = Choose the office and the service. You will get a confirmation by email, with the QR code to show at the counter.
citizen-accessibility = Accessibility statement
citizen-go-home = Back to the home page

## Citizen pages: choosing a day and a time
## From: struct `Texts` (src/i18n.rs).
## `citizen-minutes` replaces `Texts::minutes` and the number the template puts before it
## (templates/citizen/home.html: "{ duration } minuti").
## `citizen-free-count` replaces `Texts::free_count()` and the fields `free_times`,
## `one_free_time`, `no_free_times`.

citizen-minutes =
    { $count ->
        [one] { $count } minute
       *[other] { $count } minutes
    }
citizen-video-call = by video call
citizen-choose-day = Choose the day
citizen-free-count =
    { $count ->
        [0] no free times
        [one] { $count } free time
       *[other] { $count } free times
    }
citizen-earlier = Earlier days
citizen-later = Later days
citizen-choose-time = Choose the time
citizen-party-size = Number of persons
citizen-party-hint = 1 to 4 persons coming in together.
citizen-continue = Continue
citizen-back-to-days = Back to the days
citizen-just-taken = This time has just been taken by someone else.
citizen-nearest-free = The nearest free times:
citizen-no-times-day = There are no free times on this day.

## Citizen pages: dates and times inside sentences
## From: the `format!` calls around `Texts::long_date()` and `hhmm()`:
## `citizen-date-time` = routes/citizen/book.rs and browse.rs ("{ date }, { time }"),
## also the `at` / `when` of service/waitlist/offers.rs and booking/book.rs;
## `citizen-date-time-range` = `Facts::with_when` (src/email/letters.rs).
## $date is a date already formatted by the locale library, $time/$start/$end are "09:00".

citizen-date-time = { $date }, { $time }
citizen-date-time-range = { $date }, { $start }–{ $end }
citizen-day-free = { $date }, { $free }
citizen-day-closed = closed
citizen-day-closed-because = closed: { $reason }
citizen-day-no-hours = the office does not open on this day
citizen-day-too-far = not bookable yet
citizen-day-full = fully booked

## Citizen pages: details form
## From: struct `Texts` (src/i18n.rs).
## `citizen-held-until` replaces `Texts::held_until` followed by the time
## (templates/citizen/details.html).

citizen-details-title = Your details
citizen-held-until = We keep this time for you until { $time }.
citizen-name = Full name
citizen-email = Email
citizen-email-hint = We send the confirmation and the QR code here.
citizen-phone = Phone
citizen-optional = optional
citizen-consent = I have read the privacy notice and agree to my data being used to manage the appointment.
citizen-consent-error = Booking needs your consent to the use of your data.
citizen-confirm = Confirm the booking
citizen-errors-title = Please correct these fields:
citizen-hold-gone = The time to complete the booking has run out. Please choose a time again.
citizen-citizen-limit = This email address already has an active booking for this service, the most allowed, so no other one was made. We have written to the address with the details: to move or cancel it, use the link in its confirmation email.
citizen-citizen-limit-identity = You already hold the most active bookings allowed for this service, so no other one was made. You find them under "My appointments", where you can move or cancel them.

## Citizen pages: the booking
## From: struct `Texts` (src/i18n.rs).
## `citizen-status-label` replaces `Texts::status()` and the fields `status_confirmed`,
## `status_checked_in`, `status_served`, `status_cancelled`, `status_no_show`.
## $status is the serde name of `BookingStatus` (held, confirmed, checked_in, served,
## cancelled, no_show); `held` falls to the default, like `Confirmed | Held` in Rust.

citizen-booking-title = Your booking
citizen-booking-done = Booking confirmed.
citizen-reference = Reference
citizen-status = Status
citizen-status-label =
    { $status ->
       *[confirmed] confirmed
        [checked_in] admitted at the counter
        [served] completed
        [cancelled] cancelled
        [no_show] no-show
    }
citizen-when = When
citizen-where = Where
citizen-service = Service
citizen-persons = Persons
citizen-what-to-bring = What to bring
citizen-qr-title = QR code for admission
citizen-qr-help = Show it at the counter when you arrive, on your phone or printed.
citizen-qr-alt = QR code of your appointment
citizen-manage-link = Link to view or cancel
citizen-manage-help = Keep this link: you need it to view or cancel the booking.
citizen-meeting = Video call link
citizen-cancel = Cancel the booking
citizen-resend = Send the email again
citizen-resent-note = We have sent the confirmation email again.

## Citizen pages: opening a booking without its link, cancelling
## From: struct `Texts` (src/i18n.rs).

citizen-code-title = Your booking
citizen-code-intro = To see, move or cancel this booking, open the link in the confirmation email, or type here the management code it contains.
citizen-code-label = Management code
citizen-code-hint = It is the part of the link after "token=", in the confirmation email.
citizen-code-open = Open the booking
citizen-cancel-title = Cancel the booking?
citizen-cancel-question = The time will be free for other people again. Do you want to cancel?
citizen-cancel-yes = Yes, cancel
citizen-cancel-no = No, go back
citizen-cancelled-note = The booking is cancelled.

## Citizen pages: errors
## From: struct `Texts` (src/i18n.rs).

citizen-error-title = Something is wrong
citizen-error-404 = The page or the booking does not exist, or the link is incomplete.
citizen-error-409 = This is not possible: things changed in the meantime.
citizen-error-422 = Some details are not valid.
citizen-error-429 = Too many requests in a short time. Please try again in a few seconds.
citizen-error-429-address = This email address has already had too many bookings in the last hour. Please try again later, within the hour.
citizen-error-429-holds = Too many times are already on hold from this connection (perhaps by other people on the same network). Please try again in a few minutes.
citizen-error-500 = An error occurred. Please try again later.
citizen-error-other = The request cannot be completed.

## Errors on pages: what went wrong, and field by field
## `field-<name>` is the label of a field named in an error, `invalid-<name>` what it
## expects; <name> is the API's field name in lower case with `-` for `_` and `.`, without
## indices (`citizen.email` → citizen-email, `weekly.mon[0]` → weekly). A field without
## its own message uses `field-other` / `invalid-other`. Many reuse another message with
## { message-id }: translate only the ones written out.

citizen-error-400 = The request cannot be read: go back and try again from the form.
citizen-error-403 = The form has expired or did not come from this site. Go back, reload the page and try again.
field-other = Field
field-name = Name
field-weekly = Weekly hours
field-reconfirm-days = Days to reconfirm
field-form = Form
field-consent = Privacy notice
field-language = Language
field-hold-id = Time on hold
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
invalid-other = The value is not valid: please check it and try again.
invalid-number = Write a whole number, without letters, within the limits shown.
invalid-choice = Choose one of the entries in the list.
invalid-date-general = Choose a valid date (DD/MM/YYYY); the end date cannot come before the start date.
invalid-time = Write a valid time, like 09:30.
invalid-citizen-name = Write your name and surname (at most 100 characters).
invalid-citizen-email = Write a valid email address, like name@example.com.
invalid-citizen-phone = Write a valid phone number: digits and spaces, with + at the start if needed.
invalid-party-size = Choose a number of persons this service allows.
invalid-start = This time is not available or has passed: please choose another.
invalid-date-from = Choose a valid day, from today on and within the bookable period.
invalid-date-to = { invalid-date-from }
invalid-consent = To book, you must confirm you have read the privacy notice.
invalid-language = Choose one of the languages offered.
invalid-hold-id = The time to complete the booking has run out. Please choose a time again.
invalid-name = Write a name of 1 to 200 characters.
invalid-address = { invalid-name }
invalid-reason = Write a reason (at most 200 characters).
invalid-timezone = Write a time zone like Europe/Rome.
invalid-weekly = Each range must open before it closes and must not overlap the others of the same day.
invalid-form = The form is incomplete: reload the page and try again.
invalid-email = Write a valid email address.
invalid-password = The password must have at least 10 characters.
invalid-what-to-bring = The text is too long.

## Citizen pages: waiting list and offers
## From: struct `Texts` (src/i18n.rs).
## `citizen-offer-until` replaces `Texts::offer_until` followed by the time
## (templates/citizen/offer.html).

citizen-waitlist-link = No suitable time? Join the waiting list
citizen-waitlist-title = Waiting list
citizen-waitlist-intro = We write to you as soon as a place frees up on one of the days you choose. It is offered to several people on the list: the first to accept gets it.
citizen-date-from = From
citizen-date-to = To
citizen-waitlist-join = Join the list
citizen-waitlist-joined = You are on the waiting list. We have sent you an email with the link to leave it.
citizen-waitlist-leave = Leave the waiting list
citizen-waitlist-left = You are no longer on the waiting list.
citizen-waitlist-waiting = Waiting for a place
citizen-waitlist-booked = You got a place
citizen-offer-title = A place is free
citizen-offer-accept = Accept the place
citizen-offer-until = The offer is open until { $time }.
citizen-offer-gone = This place has been taken by someone else, or the offer has lapsed. You stay on the waiting list.
citizen-offer-accepted = You have already accepted this place.

## Citizen pages: reconfirming and moving an appointment
## From: struct `Texts` (src/i18n.rs).

citizen-reconfirm-title = Confirm your appointment
citizen-reconfirm-button = I confirm I am coming
citizen-reconfirm-done = Thank you: the appointment is confirmed.
citizen-reconfirm-too-late = This appointment can no longer be confirmed (it was cancelled or released).
citizen-move-title = Choose a new time
citizen-move-intro = The office has changed its hours or the places available. Your appointment stays valid until you choose another: if the current time suits you, there is nothing to do.
citizen-move-pick-day = Day
citizen-move-show = Show free times
citizen-move-done = Done: the appointment has moved. We have sent you a new confirmation email; the QR code stays the same.
citizen-move-gone = This appointment can no longer be moved with this link.
citizen-move-current = Current appointment

## Accessibility statement
## From: templates/citizen/accessibility.html (the page title is `citizen-accessibility`).
## `a11y-compliance`: the template shows the word for "compliant" in bold; the message
## is plain text. `a11y-usage-languages` names the languages the page offered when written:
## update it in every file when the new languages go live.


## Staff pages: general, login, navigation
## From: struct `StaffTexts` (src/web/staff_i18n.rs), instances `IT` / `EN`.
## `staff-locked-until` replaces `locked_until` followed by the time
## (templates/staff/users.html).

staff-site = Sportello – Staff
staff-skip = Skip to main content
staff-login-title = Staff login
staff-login-intro = Log in with your account's email and password.
staff-email = Email
staff-password = Password
staff-login = Log in
staff-login-failed = Wrong email or password.
staff-login-blocked = Too many failed attempts for this account. Try again in 15 minutes.
staff-logout = Log out
staff-nav-scan = Check-in
staff-nav-agenda = Agenda
staff-nav-rooms = Rooms
staff-nav-users = Accounts
staff-nav-manage = Manage
staff-office = Office
staff-choose-office = Choose the office
staff-show = Show

## Staff pages: check-in (scan)
## From: struct `StaffTexts` (src/web/staff_i18n.rs).
## The headlines with a time replace the `format!` calls of routes/staff/scan.rs:
## `staff-out-already` = out_already + at + time, `staff-out-no-show` = out_no_show + at
## + time, `staff-out-too-early` = out_too_early + " – " + starts_at + time. The fields
## `at` and `starts_at` are used nowhere else, so they have no message of their own.

staff-scan-title = Check-in: scan the QR code
staff-scan-label = Booking code
staff-scan-hint = Point the camera at the code, use a scanner (USB or Bluetooth), or type the code and press Enter.
staff-scan-button = Check
staff-camera-start = Use the camera
staff-camera-stop = Turn the camera off
staff-camera-unavailable = No camera available: use the scanner or type the code.
staff-camera-hint = Point at the QR code: the check runs by itself.
staff-out-checked-in = ADMITTED
staff-out-already = ALREADY ADMITTED at { $time }
staff-out-cancelled = BOOKING CANCELLED
staff-out-no-show = NO-SHOW: PLACE RELEASED at { $time }
staff-out-wrong-office = WRONG OFFICE
staff-out-too-early = TOO EARLY: the appointment is on { $date } at { $time }; admission opens at { $opens }
staff-out-unknown = UNKNOWN CODE

## Staff pages: booking details and agenda
## From: struct `StaffTexts` (src/web/staff_i18n.rs).
## `staff-status-label` replaces `StaffTexts::status_label()` and the fields
## `st_confirmed`, `st_checked_in`, `st_served`, `st_cancelled`, `st_no_show`
## ($status as for `citizen-status-label`).
## `staff-walk-in-done` / `staff-served-done` replace the `format!` calls of
## routes/staff/agenda.rs ($reference is the booking code).

staff-reference = Reference
staff-name = Name
staff-persons = Persons
staff-service = Service
staff-counter = Counter
staff-room = Room
staff-time = Time
staff-status = Status
staff-actions = Actions
staff-booking-title = Booking
staff-admit = Admit
staff-agenda-title = Agenda of the day
staff-date = Date
staff-all = All
staff-expected = Expected
staff-present = Present
staff-served = Served
staff-cancelled = Cancelled
staff-no-show = No-shows
staff-mark-served = Served
staff-nobody = No appointments.
staff-walk-in = walk-in
staff-walk-in-title = Register a walk-in
staff-walk-in-hint = Only when a counter of the service is free now and the room has room.
staff-register-walk-in = Register and admit now
staff-walk-in-done = Walk-in registered and admitted: { $reference }
staff-served-done = Appointment closed: { $reference }
staff-status-label =
    { $status ->
       *[confirmed] Expected
        [checked_in] Present
        [served] Served
        [cancelled] Cancelled
        [no_show] No-show
    }

## Staff pages: room occupancy and door screen
## From: struct `StaffTexts` (src/web/staff_i18n.rs).
## `staff-live-room-left` replaces the number + `live_room_left` of
## templates/staff/door.html; static/live.js builds the same text in the browser and
## needs the plural forms passed to it (e.g. one data attribute per plural category).
## `staff-live-updated` stays a label: the time after it is a separate element that
## static/live.js rewrites.

staff-rooms-title = Room occupancy
staff-live-present = Present
staff-live-planned = Planned now
staff-live-limit = Limit
staff-live-full = ROOM FULL – please wait outside
staff-live-room-left =
    { $count ->
        [one] { $count } place free
       *[other] { $count } places free
    }
staff-live-updated = Updated at
staff-live-stale = Update failed: the figures may be out of date.
staff-open-door-screen = Door screen

## Staff pages: accounts
## From: struct `StaffTexts` (src/web/staff_i18n.rs).
## `staff-user-created` replaces the `format!` of routes/staff/users.rs ($email is the
## new account's address).

staff-users-title = Staff accounts
staff-users-create = New account
staff-password-hint = At least 10 characters.
staff-role = Role
staff-role-staff = Clerk
staff-role-manager = Manager
staff-active = Active
staff-disabled = Disabled
staff-locked-until = Too many failed logins: locked, except from browsers used before, until { $time }
staff-disable = Disable
staff-enable = Enable
staff-create = Create
staff-user-created = Account created: { $email }

## Manager pages: offices, rooms, services, counters
## From: struct `ManagerTexts` (src/web/manager_i18n.rs), instances `IT` / `EN`.

manager-nav = Manage
manager-home-title = Office management
manager-offices = Offices
manager-new-office = New office
manager-address = Address
manager-timezone = Time zone
manager-margin = Arrival margin (minutes)
manager-margin-hint = How many minutes before the appointment a person counts in the waiting room.
manager-rooms-title = Rooms and limits
manager-limit = Occupancy limit
manager-parent = Inside
manager-none = —
manager-new-room = New room
manager-new-limit = New limit
manager-services-title = Services and counters
manager-duration = Duration (minutes)
manager-horizon = Bookable ahead (days)
manager-notice-min = Minimum notice (minutes)
manager-grace = No-show grace (minutes)
manager-per-citizen = Active bookings per person
manager-channel = Channel
manager-in-person = In person
manager-video = Video call
manager-what-to-bring = What to bring
manager-new-service = New service
manager-counters = Counters
manager-new-counter = New counter
manager-offers = Services offered
manager-settings = Office settings
manager-no-show-email = Email citizens when their booking is released as a no-show

## Manager pages: opening hours
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).
## `manager-weekday` replaces the array `ManagerTexts::weekdays` (form labels, written
## literally in the struct): $day is 1 (Monday) to 7 (Sunday), passed as a number (a
## string "1" would not match the numeric keys), as `loop.index` in
## templates/staff/manage/rules.html and `wd` in routes/staff/manage/hours.rs. The
## three-letter short names that hours.rs cuts from these (`chars().take(3)`) do not
## work in every language (Arabic); take short names from the locale library instead.

manager-hours-title = Opening hours
manager-hours-intro = A period applies from its first date; on each day the period that started last applies. Leave a time empty to close that part of the day.
manager-valid-from = Valid from
manager-valid-to = Until (optional)
manager-open-ended = open-ended
manager-weekday =
    { $day ->
       *[1] Monday
        [2] Tuesday
        [3] Wednesday
        [4] Thursday
        [5] Friday
        [6] Saturday
        [7] Sunday
    }
manager-morning = Morning
manager-afternoon = Afternoon
manager-opens = opens
manager-closes = closes
manager-closed = closed
manager-periods = Saved periods

## Manager pages: closures and public holidays
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).
## `manager-holidays-change` replaces the `format!` of routes/staff/manage/closures.rs
## that describes the change: $year as a string (so no digit grouping is applied), $days
## the list of "date reason" already joined with "; ".

manager-closures-title = Closures
manager-from = From
manager-to = To
manager-reason = Reason (shown to citizens)
manager-whole-office = Whole office
manager-new-closure = New closure
manager-holidays = Public holidays
manager-holidays-change = Public holidays { $year }: { $days }
manager-holidays-intro = Closes the office on every national public holiday of the year (Easter Monday computed) and on the patron saint's days; days already closed stay as they are.
manager-year = Year
manager-patron-days = Patron saint days
manager-patron-hint = One per line: MM-DD and a name, for example 12-06 San Nicola.

## Manager pages: capacity rules
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).

manager-rules-title = Capacity rules
manager-rules-intro = A rule lowers a room's limit on some dates, weekdays and times of day; where several apply at once, the lowest limit applies.
manager-every-day = every day
manager-whole-day = all day
manager-time-from = From (optional)
manager-time-to = To (optional)
manager-new-rule = New rule

## Manager pages: buttons and the effect of a change
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).
## `manager-notified` / `manager-already-notified` replace the label + number of
## templates/staff/manage/notified.html ($count). `manager-not-active` stays a label:
## the references after it are separate elements.

manager-remove = Remove
manager-preview = Show the effect
manager-save = Save the change
manager-cancel = Cancel
manager-create = Create
manager-edit = Change
manager-saved = Saved.
manager-preview-title = Effect of the change (not saved yet)
manager-saved-title = Change saved
manager-no-impact = No existing booking is touched by the change.
manager-impact-intro = No booking is cancelled: they stay valid. Below are the intervals over the limit and the bookings in them.
manager-over-limit = Intervals over the limit
manager-planned = Persons planned
manager-affected = Bookings affected
manager-notify = Notify these citizens
manager-notify-hint = They get an email with a link to choose a new time; their booking stays valid until they choose another.
manager-notified = Emails queued: { $count }
manager-already-notified = Already notified since the last change: { $count }
manager-not-active = No longer active (cancelled, past or admitted):

## Manager pages: audit log
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).

manager-audit-title = Audit log
manager-who = Who
manager-what = What
manager-when = When
manager-entity = Object
manager-action = Action
manager-before = Before
manager-after = After
manager-system = system
manager-filter = Filter
manager-older = Older
manager-any = any

## Manager pages: statistics
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).

manager-stats-title = Statistics
manager-by-day = by day
manager-by-week = by week
manager-period = Period
manager-bookings = Bookings
manager-check-ins = Check-ins
manager-cancellations = Cancelled
manager-no-shows = No-shows
manager-no-show-rate = No-show rate
manager-utilisation = Capacity utilisation
manager-peak = Peak occupancy
manager-download-csv = Download CSV
manager-chart-bookings = Bookings per period
manager-chart-utilisation = Capacity utilisation per period
manager-stats-help = Utilisation: planned person-minutes over the person-minutes allowed in opening hours. No-show rate: no-shows over (check-ins + no-shows).

## Emails: shared parts
## From: the greeting of templates/email/{confirmation,cancellation,reminder}/body.* and
## of `letters::notice()` (src/email/letters.rs): `email-greeting` when the name is
## known, `email-greeting-citizen` when it is empty. The labels are those of the
## confirmation and reminder bodies (the text version adds ": " after them).
## $name is the citizen's name; $reference the booking code; $service, $office and
## $address the service's and office's names and address; $when the date and times
## (`citizen-date-time-range` or `citizen-date-time`); $time a time "09:00"; $url a link.

email-greeting = Dear { $name },
email-greeting-citizen = Dear citizen,
email-label-reference = Reference
email-label-service = Service
email-label-when = When
email-label-where = Where
email-label-persons = Persons
email-label-what-to-bring = What to bring
email-label-video-call = Video call
email-qr-alt = QR code of the appointment
email-calendar-summary = { $service } – { $office }
email-calendar-description = Booking reference: { $reference }. To view it: { $url }

## Email: booking confirmation
## From: templates/email/confirmation/ (subject.txt, body.txt, body.html).

email-confirmation-subject = Booking confirmed { $reference }: { $service }, { $when }
email-confirmation-title = Booking confirmed
email-confirmation-intro = your booking is confirmed.
email-confirmation-show-qr = When you arrive, show this QR code at the counter:
email-confirmation-image-fallback = If the image does not show, use this link:
email-confirmation-show-qr-attached = When you arrive, show the attached QR code at the counter, or this link:
email-confirmation-manage-link = View or cancel the booking
email-confirmation-manage-text = To view or cancel the booking:

## Email: booking cancelled
## From: templates/email/cancellation/ (subject.txt, body.txt, body.html). The HTML body
## has `email-cancellation-body`; the text body adds `email-cancellation-time-free`.

email-cancellation-subject = Booking cancelled { $reference }: { $service }, { $when }
email-cancellation-title = Booking cancelled
email-cancellation-body = booking { $reference } ({ $service }, { $when }, { $office }) has been cancelled.
email-cancellation-time-free = The time is free for other people again.

## Email: reminder the day before
## From: templates/email/reminder/ (subject.txt, body.txt, body.html).
## `email-reminder-summary` is the HTML body's one-line summary.

email-reminder-subject = Reminder: tomorrow { $service }, { $when } ({ $reference })
email-reminder-title = Reminder: your appointment is tomorrow
email-reminder-intro = this is a reminder of your appointment tomorrow.
email-reminder-summary = { $service } – { $when } – { $office }, { $address } ({ $reference })
email-reminder-show-qr = When you arrive, show the attached QR code, or this link: { $url }
email-reminder-cancel-hint = If you cannot come, please cancel: the time will be free for others.

## Email: missed appointment (no-show)
## From: `letters::no_show()` (src/email/letters.rs): title and two paragraphs.

email-no-show-subject = Missed appointment { $reference }
email-no-show-body = we did not see you at appointment { $reference } ({ $service }, { $when }, { $office }). The place has been released for other people.
email-no-show-book-again = If you still need the service, you can book a new appointment on the website.

## Email: booking refused by the per-citizen limit
## From: `citizen_limit_notice()` (src/service/booking/book.rs): title, two paragraphs,
## link label. $when is `citizen-date-time`.

email-citizen-limit-subject = You already have a booking: { $service }
email-citizen-limit-body = someone (perhaps you) has just asked to book "{ $service }" at { $office } with this email address. You already have an active booking for this service ({ $reference }, { $when }), so no other one was made.
email-citizen-limit-help = To move or cancel it, use the link in its confirmation email. If this was not you, there is nothing to do.
email-citizen-limit-link = Your booking

## Email: invitation to choose a new time
## From: `invitation_letter()` (src/service/changes/rebook.rs): title, two paragraphs,
## link label.

email-rebook-subject = Please choose a new time for appointment { $reference }
email-rebook-body = The office { $office } has changed its hours or the places available on the day of your appointment for "{ $service }" ({ $when }).
email-rebook-help = If you can, please choose another time with the button below. Until you do, your appointment stays valid and the QR code you received keeps working.
email-rebook-link = Choose a new time

## Email: request to confirm attendance
## From: `request_letter()` (src/service/visit/reconfirm.rs): title, two paragraphs,
## link label.

email-reconfirm-subject = Confirm you are coming: { $reference }
email-reconfirm-body = you have appointment { $reference } ({ $service }, { $when }).
email-reconfirm-help = To keep it, confirm it with the button below by the day before. If you do not, the place will be released for other people who are waiting.
email-reconfirm-link = I confirm I am coming

## Email: appointment released for lack of confirmation
## From: `release()` (src/service/visit/reconfirm.rs): title and one paragraph.

email-reconfirm-released-subject = Appointment released: { $reference }
email-reconfirm-released-body = we did not receive the confirmation of appointment { $reference } ({ $service }, { $when }), so the place has been released for other people. If you still need the service, you can book again on the website.

## Email: joined the waiting list
## From: src/service/waitlist/entries.rs (notice kind `waitlist_joined`): title, one
## paragraph, link label. $from and $to are the first and last day, already formatted.

email-waitlist-joined-subject = You are on the waiting list: { $service }
email-waitlist-joined-body = we will write to you as soon as a place for "{ $service }" at { $office } frees up between { $from } – { $to }. The first to accept the offer gets the place.
email-waitlist-joined-link = Leave the waiting list

## Email: a place is free (waiting-list offer)
## From: `offer_freed()` (src/service/waitlist/offers.rs): title, two paragraphs, link
## label. $when is `citizen-date-time`; $time is when the offer ends.

email-waitlist-offer-subject = A place is free: { $service }
email-waitlist-offer-body = a place for "{ $service }" at { $office } is free: { $when }.
email-waitlist-offer-rules = It is offered to other people on the list too: the first to accept gets it. The offer is open until { $time }.
email-waitlist-offer-link = Accept the place

## Email: the offered place was taken
## From: src/service/waitlist/accept.rs (notice kind `waitlist_gone`): title and one
## paragraph.

email-waitlist-gone-subject = The place offered has been taken: { $service }
email-waitlist-gone-body = the place we offered you has been accepted by someone else. You stay on the waiting list: we will write at the next free place.

## Added with the page walk of issue 15: reasons of refused walk-ins, the manager
## pages' change summaries, the audit log's words, numbers.
## `time-range` keeps a span of time in reading order (Arabic wraps it in an LTR isolate).
## `manager-audit-entity` / `manager-audit-action` name what the audit log records
## ($entity, $action are the stored codes; unknown ones are shown as they are).

citizen-error-403-role = You may not open this page, or not for this office.
citizen-service-facts-video = { $minutes }, by video call
invalid-office-closed = The office is closed now: a walk-in is registered only during opening hours.
invalid-closes-too-soon = The office closes before this service could end: no more walk-ins today.
invalid-video-no-walk-in = This service is by video call only: it has no walk-ins at the counter.
field-service-id = { citizen-service }
invalid-service-id = { invalid-choice }
invalid-patron-days = Write one day per line: month-day and the name, like 12-06 San Nicola (at most 20 days).
field-to-time = Until
manager-weekdays = Days of the week
manager-percent = { $value }%
number-decimal-separator = .
time-range = { $start }–{ $end }
manager-change-hours = Opening hours from { $from }
manager-change-hours-until = Opening hours from { $from } to { $to }
manager-change-rule = Rule for { $room }: from { $from } to { $to }, limit { $limit }
manager-change-closure = Closure from { $from } to { $to }: { $reason }
manager-audit-entity =
    { $entity ->
        [booking] booking
        [capacity_rule] capacity rule
        [closure] closure
        [counter] counter
        [impact] notice to citizens
        [office] office
        [opening_hours] opening hours
        [room] room
        [service] service
        [user] account
        [ticket] queue ticket
       *[other] { $entity }
    }
manager-audit-action =
    { $action ->
        [create] created
        [delete] deleted
        [move] moved
        [notify] notified
        [release_unconfirmed] released, not reconfirmed
        [replace] replaced
        [update] changed
        [walk_in] walk-in
        [undo_checkin] admission undone
        [reset_door_link] new door-screen link
        [turn_off_door_link] door-screen link turned off
        [checkin] admission
        [mark_served] served
        [call] call
        [recall] recall
        [start] start at the counter
        [not_here] not here
        [finish] done
        [transfer] transfer
        [ticket] ticket at the desk
       *[other] { $action }
    }

## The appointment behind a check-in link (/c/…), for the citizen who opens it
citizen-pass-title = Your appointment
citizen-pass-not-active = This appointment is no longer active: its QR code is no longer needed.
citizen-pass-manage-hint = To move or cancel the appointment, use the "View or cancel the booking" link in the confirmation email.
citizen-pass-staff = Office staff: log in to admit

## The booking's page: actions
citizen-book-again = Book again
citizen-add-to-calendar = Add to calendar
citizen-print = Print
citizen-email-sent-to = We sent the confirmation to { $email }.
citizen-calendar-file-name = appointment-{ $reference }
citizen-error-429-resend =
    { $count ->
        [one] The confirmation email can be sent again once an hour, and you have asked for it. Please also check your spam folder, or try again in an hour.
       *[other] The confirmation email can be sent again { $count } times an hour, and you have asked for all of them. Please also check your spam folder, or try again in an hour.
    }

## Privacy notice (GDPR arts. 13–14), linked from the consent boxes and the footer.
## $controller is the installation's SPORTELLO_INSTITUTION_NAME; $days its retention.
privacy-title = Privacy notice
privacy-read = (read the privacy notice)
privacy-intro = Under Articles 13 and 14 of Regulation (EU) 2016/679 (GDPR), this notice explains how the data you leave when you book an appointment, join a waiting list or are received at the counter are processed.
privacy-controller-title = Data controller
privacy-controller = The data controller is { $controller }.
privacy-contact = To exercise your rights or ask about your data, write to:
privacy-contact-office = To exercise your rights or ask about your data, contact the municipality's public relations office, also at the counter.
privacy-dpo = Data protection officer (DPO):
privacy-data-title = Which data
privacy-data = Your name, email address, phone if you give it, the service, the day and time you chose, the number of persons, the language, and the times of arrival and service recorded at the counter. No special categories of data are asked for.
privacy-identity = If you log in with SPID or CIE, the login service gives us your name, surname, fiscal code and possibly your email. With the booking we keep your name and email as above and, of the fiscal code, only an encrypted fingerprint used to count bookings per person and to show you "My appointments"; the login session lasts an hour and is then deleted.
privacy-purposes-title = Why, and on what basis
privacy-purposes = To manage the appointment: confirm it, remind you of it, receive you, tell you if it changes or a place frees up, and limit how many people are in the offices. The legal basis is the performance of a task in the public interest (Article 6(1)(e) GDPR). Booking online needs a name and an email address; you can always go to the counter instead.
privacy-recipients-title = Who sees them
privacy-recipients = The office's authorised staff, and the technical providers who run the service and its email on the controller's behalf, appointed as processors. The data are not published or transferred outside the European Union.
privacy-retention-title = For how long
privacy-retention =
    { $days ->
        [one] Personal data are deleted { $days } day after the appointment; only anonymous counts remain, for statistics.
       *[other] Personal data are deleted { $days } days after the appointment; only anonymous counts remain, for statistics.
    }
privacy-rights-title = Your rights
privacy-rights = You may ask for access to your data, their correction, erasure or restriction, and object to their processing (Articles 15–21 GDPR). You can cancel the booking at any time with the link in the email. If you believe the processing breaks the GDPR, you may complain to the Italian Data Protection Authority (www.garanteprivacy.it).

## The agenda: moving by a day
staff-previous-day = Previous day
staff-next-day = Next day

## Statistics CSV: the columns without a label on the page
manager-csv-scope = Scope
manager-csv-id = Id
manager-csv-name = Name
manager-csv-planned = Person-minutes booked
manager-csv-capacity = Person-minutes available

## From: templates/base.html, footer.html, citizen/steps.html, citizen/legal.html (the "modello Comuni" frame).
site-tagline = Counter appointment booking
footer-contacts = Contacts
footer-address = Address
footer-phone = Phone
footer-email = Email
footer-links = Useful links
breadcrumb-label = Breadcrumb
breadcrumb-home = Home
step-label = Booking steps
step-service = Service
step-day = Day
step-time = Time
step-details = Details
step-done = Confirmation
step-completed = done
staff-nav-label = Staff menu
staff-signed-in = Signed in as
staff-all-offices = all offices
legal-title = Legal notes
legal-intro = This counter booking service is run by { $institution }.
legal-tax-code = Tax code / VAT number:
legal-content-title = Content
legal-content = Unless stated otherwise, the texts of these pages are published under the Creative Commons Attribution 4.0 licence (CC BY 4.0) and may be reused with credit to the source.
legal-availability-title = Times and availability
legal-availability = The free times shown are those at the moment the page was opened. An appointment holds only once it is confirmed, which is also sent by email. If the office has to close on a booked day, whoever booked gets an email with the reason and a link to choose another time.
legal-software-title = Software
legal-software = The service runs on Sportello, free (open-source) software for booking the counters of public offices.

## From: templates/citizen/home.html (what a citizen needs before booking) and citizen/lost.html.
citizen-office-services = Services
citizen-office-where = Where
citizen-office-map = See on the map
citizen-office-hours = Opening hours
citizen-office-closed = closed
citizen-office-closures = Closures in the coming days
citizen-office-closed-range = from { $from } to { $to }
citizen-lost-link = Lost the link to your booking?
citizen-lost-title = Get the links to your bookings
citizen-lost-intro = Enter the email address you booked with. If it has upcoming bookings, we send it an email with a link to each of them, to view, move or cancel it.
citizen-lost-send = Send me the links
citizen-lost-sent = If this address has upcoming bookings, we have sent it an email with the links.
citizen-lost-sent-help = Check your spam folder too. The links you had before no longer work. You can ask for the links up to { $per_hour } times an hour.
manager-office-phone = Office phone for citizens
manager-office-email = Office email for citizens
manager-description = Description (Italian)
manager-translations = Texts in other languages
manager-translations-hint = A text left empty shows in Italian.
manager-translation-name = Name
manager-translation-description = Description
manager-translation-bring = What to bring
field-description = Description
field-texts = Texts in other languages
field-phone = Phone
invalid-description = Write at most 2000 characters.
invalid-texts = Check the texts in the other languages: a name has at most 200 characters, the other texts 2000.
email-lost-links-subject = The links to your bookings
email-lost-links-body = { $count ->
    [one] You asked for the link to your booking. Here it is: it opens the booking, where you can view, move or cancel it.
   *[other] You asked for the links to your bookings. Here they are: each opens a booking, where you can view, move or cancel it.
}
email-lost-links-item = { $service }, { $when }, { $office }
email-lost-links-old = The links you received before no longer work. If you did not ask for this email, you can ignore it: your bookings stay valid.
email-grace-rule = Please be on time: if you arrive more than { $minutes } minutes after the start, your place is released for other people.
email-calendar-attached = The calendar file is attached: open it to add the appointment to your calendar.
email-office-contacts = Questions about the appointment: { $office }.

## From: templates/staff/agenda.html (admit, undo, search, print)
staff-admitted-done = { $reference } admitted.
staff-undone = Admission of { $reference } undone: the booking is expected again.
staff-undo-admission = Undo admission
staff-search = Search
staff-search-hint = name, email or reference
staff-print-day = Print the day
staff-walk-in-refused = Walk-in not registered.

## From: templates/staff/rooms.html (door screens by link)
staff-door-link = Door screen, without login
staff-door-link-none = no link
staff-door-link-make = Make the link
staff-door-link-reset = New link (the old one stops working)
staff-door-link-turn-off = Turn the link off
staff-door-link-new = New link made: open it on the screen at the door. The previous link no longer works.
staff-door-link-off = Link turned off: a screen that used it shows "page not found".

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


a11y-intro = { $institution } is committed to making its appointment booking service accessible, in accordance with Italian Law no. 4 of 9 January 2004, Legislative Decree no. 106 of 10 August 2018, which transposed Directive (EU) 2016/2102, and the AgID guidelines on the accessibility of IT tools.
a11y-scope = This accessibility statement applies to the website of the booking service:
a11y-status-title = Compliance status
a11y-status-compliant = Compliant
a11y-status = This website is compliant with the requirements of Annex A to the EN 301 549 standard (WCAG 2.1, levels A and AA).
a11y-status-checks = With every new version of the software, compliance is checked by:
a11y-check-automated = automated checks (axe-core) of the WCAG 2.1 level A and AA rules on the booking pages, including those in Arabic, which read right to left
a11y-check-keyboard = tests using the keyboard alone
a11y-check-no-js = tests with JavaScript turned off, in which every function remains available
a11y-check-phone = tests on small screens, such as those of phones
a11y-content-title = Non-accessible content
a11y-content-none = No non-accessible content is known. In detail, for each of the three reasons set out in AgID's model:
a11y-reason-law = Non-compliance with Law 4/2004
a11y-reason-burden = Disproportionate burden
a11y-reason-out-of-scope = Content outside the scope of the applicable legislation
a11y-reason-none = None
a11y-notes-title = Notes
a11y-note-qr = The appointment's QR code is an image with a text alternative. The booking code is always written next to it: at the counter the code alone is enough, because the staff can type it in.
a11y-note-scanner = Reading QR codes with a camera is a tool for the counter staff, not a page for citizens; there too the code can be typed in by hand or read with a scanner.
a11y-drafting-title = Preparation of this accessibility statement
a11y-drafted = Date this statement was prepared: { $date }
a11y-reviewed = Date of the last review: { $date }
a11y-method = The statement is based on a self-assessment carried out by the municipality itself, with the checks described under "{ a11y-status-title }".
a11y-feedback-title = Feedback mechanism and contact details
a11y-feedback = Anyone can report to the municipality any failure to meet the accessibility requirements, and ask for information or content excluded from the scope of this statement. In your report, give the page and the problem and, if you can, the device, the browser and any assistive technology you use.
a11y-feedback-email = Write to:
a11y-feedback-office = Contact the municipality's public relations office (URP), in person at the counter too.
a11y-enforcement-title = Enforcement procedure
a11y-enforcement = If the municipality does not answer within 30 days of your report, or its answer does not satisfy you, you can send a complaint to the Digital Ombudsman (Difensore civico per il digitale) at AgID, under Article 3-quinquies(3) of Law 4/2004 and Article 17(1-quater) of the Digital Administration Code (CAD). A complaint can only be sent after you have reported the problem to the municipality.
a11y-enforcement-link = AgID's site for accessibility statements and complaints (in Italian)
a11y-info-title = Information about the website
a11y-info-cms-label = CMS used
a11y-info-cms = None: the service runs Sportello { $version }, free (open-source) software for booking the counters of public offices. Its pages are HTML generated on the server, with the Bootstrap Italia theme, and they work without JavaScript too.
a11y-info-usability-label = Usability tests
a11y-info-usability = No usability tests with groups of users have been carried out; the checks described on this page have.
a11y-info-languages-label = Languages
a11y-info-languages = Italian, English, Albanian, Romanian and Arabic (written right to left). Choose your language from the menu at the top of every page.
a11y-enforcement-form = Complaint to the Digital Ombudsman (AgID form, in Italian)
footer-accessibility-copy = Accessibility of this service

## The move invitation when the whole office is closed that day, and a manager's message
email-closed-body = the office { $office } will be closed on the day of your appointment for "{ $service }" ({ $when }): the appointment cannot take place.
email-closed-reason = Reason for the closure: { $reason }.
email-closed-no-reason = We apologise for the inconvenience.
email-closed-help = Choose another day and time with the button below: your booking's reference stays the same.
email-office-message = Message from the office: { $message }
manager-notify-message = Message to the citizens (optional)
manager-notify-message-hint = A few words from the office, added to the email as you write them (at most 500 characters).
manager-notified-list = Emailed:
field-message = Message
invalid-message = Write at most 500 characters.
manager-back = Back
manager-never-fits = Some parties are larger than the new limit: they cannot be moved to those times. Contact them to split the party or choose another day.
manager-never-fits-short = more than the new limit
manager-audit-changes = What changed
manager-audit-becomes = becomes
manager-audit-details = Recorded data
citizen-change-time = Change time
citizen-move-none = { $count ->
    [one] This day has no free times.
   *[other] This day has no free times for { $count } people together: the free places are not enough for your party, or the room's new limit is lower.
}
citizen-move-call = Try another day, or call the office:
citizen-move-call-office = Try another day, or ask the office.
citizen-move-same-qr = The QR code and the booking's reference stay the same. We have sent you a new confirmation email.
staff-go-home = Back to the staff home page
manager-weekday-col = Day
footer-pec = Certified email (PEC)
manager-quiet-rows = { $count ->
    [one] 1 row without activity (no booking, visit or presence)
   *[other] { $count } rows without activity (no booking, visit or presence)
}
email-calendar-file = appointment
email-calendar-file-cancel = cancellation
citizen-move-open-booking = Open your booking
# The queue at the office (issue 17)
queue-closed-now = The office is closed now: no tickets can be taken.
queue-closed-before = The office closes at { $time }: there is no time left today for another ticket for this service. You can book an appointment for another day.
queue-closed-no-counter = No counter offers this service today.
queue-minutes = { $value } min
queue-stats-title = Queue at the counters
queue-stats-none = No tickets in this period.
queue-stat-tickets = Tickets
queue-stat-absent = Absent
queue-stat-absent-rate = Absence rate
queue-stat-wait = Mean wait
queue-stat-service = Mean service time
email-queue-subject = Your ticket { $code }
email-queue-body = You are in the queue with ticket { $code } at { $office }. The ticket's page shows how many people are ahead of you and when it is your turn.
email-queue-link = Open your ticket
queue-join-title = Take a ticket
queue-join-intro = Choose the service: you get a ticket, and your phone tells you when it is your turn. No need to stand in line.
queue-join-service = Service
queue-join-party = How many people
queue-join-email = Email (optional: we send you the link to your ticket)
queue-join-submit = Take a ticket
queue-join-waiting = { $count ->
    [one] 1 person waiting
   *[other] { $count } people waiting
}
queue-ticket-title = Your ticket
queue-ticket-code-label = Ticket
queue-ticket-next = You are next.
queue-ticket-position = { $count ->
    [one] There is 1 person ahead of you.
   *[other] There are { $count } people ahead of you.
}
queue-ticket-wait = Estimated wait: about { $minutes } minutes.
queue-ticket-your-turn = Your turn: { $counter }
queue-ticket-serving = You are at the counter: { $counter }.
queue-ticket-done = Service completed. Thank you!
queue-ticket-absent = You were called but did not come. Please ask the staff.
queue-ticket-cancelled = You left the queue.
queue-ticket-leave = Leave the queue
queue-ticket-updates = This page updates by itself: keep it open.
queue-ticket-watch = Your ticket will also appear on the screen in the waiting room, with the counter.
queue-poster-title = Take a ticket with your phone
queue-poster-steps = Point your camera at the QR code, choose the service and wait: your phone tells you when it is your turn.
queue-poster-link = Or open the address:
queue-poster-qr-alt = QR code to take a ticket
queue-print = Print
queue-display-title = Calls
queue-display-code = Ticket
queue-display-counter = Counter
queue-display-none = No calls yet.
queue-display-speech = Ticket { $code }, { $counter }
queue-display-sound = Turn sound on
queue-display-sound-on = Sound on
staff-nav-counter = Calls
queue-counter-choose = Choose your counter
queue-counter-none = This office has no counter in use.
queue-call-next = Call next
queue-call-next-key = Shortcut: the N key
queue-recall = Recall
queue-absent = Not here
queue-start = Start
queue-done = Done
queue-transfer = Transfer to service
queue-transfer-submit = Transfer
queue-nobody-waiting = Nobody is waiting for this counter's services.
queue-room-full = People are waiting outside, but the room is at its limit: wait until a place frees up.
queue-called-now = Called: { $code }
queue-current = At the counter
queue-current-none = Nobody at the counter.
queue-waiting-title = Waiting for this counter
queue-col-code = Ticket
queue-col-service = Service
queue-col-party = People
queue-col-since = Arrived
queue-col-kind = Kind
queue-col-calls = Calls
queue-kind-appointment = Appointment at { $time }
queue-kind-walk-in = Without appointment
queue-status-waiting = Waiting
queue-status-called = Called
queue-status-serving = At the counter
queue-status-done = Done
queue-status-absent = Absent
queue-status-cancelled = Left the queue
queue-desk-title = Ticket for someone without an appointment
queue-desk-help = The ticket waits outside the room until it is called, within the room's limit.
queue-desk-name = Name (optional, never on the screen)
queue-desk-submit = Make and print the ticket
queue-print-wait = Wait for your call on the screen in the waiting room.
queue-print-back = Back to the counter
queue-links-title = Screens and poster
queue-display-link = Waiting-room screen
queue-poster-link-staff = Poster with the QR code for the entrance
queue-scan-ticket = Queue ticket
queue-action-done = Done: { $code } is { $status }.
queue-join-choose = Choose a service.

## Identity: citizens log in with SPID or CIE, staff with the city's single sign-on
## (OpenID Connect). $provider is the login service's configured label (e.g. "SPID");
## $name and $code are the logged-in person's name and fiscal code.
identity-login-title = Log in with your digital identity
identity-login-intro = With SPID or CIE your name and fiscal code come from the login service: you need not type them, and you find your bookings again under "My appointments".
identity-or-fill = Or fill in your details below and book without logging in.
identity-required = This service requires logging in with SPID or CIE: the login service checks your identity.
identity-logged-in = You are logged in as { $name } (fiscal code { $code }).
identity-locked = From the login service; it cannot be changed.
identity-logout = Log out
identity-logged-out = You are logged out
identity-logout-provider = Taking you to the login service to end your session there too.
identity-logout-provider-link = End the session at the login service too
my-link = My appointments (with SPID or CIE)
my-title = My appointments
my-upcoming = Upcoming appointments
my-past = Past or cancelled
my-none-upcoming = You have no upcoming appointments.
my-book-new = Book an appointment
my-none-past = No past or cancelled appointments.
my-manage = Open, move or download
my-cancel = Cancel the booking
my-login-intro = Log in with SPID or CIE to see the bookings made with your digital identity, in every office.
my-no-login = Logging in with SPID or CIE is not available. To manage a booking, use the link in its confirmation email.
login-problem-title = Login failed
login-problem-unavailable = The login service "{ $provider }" is not answering right now. Please try again in a few minutes.
login-problem-bad-answer = The login was not completed: it was cancelled, it expired, or the login service's answer was not valid. You are not logged in.
login-problem-no-fiscal-code = The login service "{ $provider }" did not send your fiscal code or name, which booking with your identity needs.
login-problem-no-email = The city's login service did not send an email address, which names your Sportello account. Please ask the administrator.
login-problem-no-role = Your city account has no role in Sportello (clerk, manager or administrator). Please ask the administrator to give you one.
login-problem-no-office = Your city account names no Sportello office. Please ask the administrator to assign one.
login-problem-disabled = This account is disabled in Sportello. Please ask the administrator.
login-problem-anonymous = You can still book without logging in, with your name and email.
login-problem-continue = Continue without logging in
login-problem-again = Try to log in again
login-problem-staff-back = Back to the login page
staff-sso-title = Or log in with your city account
manager-login-required = Only with SPID or CIE
my-opened-here = You opened this page from "My appointments": its address works while you stay logged in. To come back later, use the link in your confirmation email or
login-problem-switch = Log out of the login service (to use another account)

## Webhooks (issue 21): the managers' page. $event is the event's type with dots and
## underscores as hyphens; $status a delivery's status.
manager-webhooks-title = Webhooks
manager-webhooks-intro = The office's events, signed, sent to the city's systems (CRM, registry, ticket machines). Each one is sent again until the system answers 2xx.
manager-webhook-url = Address (URL)
manager-webhook-events = Events
manager-webhook-add = Add the webhook
manager-webhook-secret = Copy this secret into the receiving system now: it will not be shown again.
manager-webhook-test = Send a test
manager-webhook-tested = The test is queued: it goes out within a few seconds.
manager-webhook-deliveries = Recent deliveries
manager-webhook-none = No webhook yet.
manager-webhook-no-deliveries = Nothing sent yet.
manager-webhook-replay = Deliver again
manager-webhook-attempts = Attempts
manager-webhook-error = Last error
manager-webhook-when = When
webhook-event =
    { $event ->
        [booking-created] Booking made
        [booking-cancelled] Booking cancelled
        [booking-checked-in] Arrival checked in
        [booking-served] Served
        [booking-no-show] No-show (place released)
        [ticket-called] Ticket called
       *[ping] Test (ping)
    }
webhook-status =
    { $status ->
       *[pending] Waiting
        [sending] Sending
        [sent] Delivered
        [failed] Not delivered
    }
field-url = Address (URL)
invalid-url = Write the full address of a public server, starting with https:// (addresses inside the city's network are allowed only if the administrator has enabled them).
field-events = Events
invalid-events = Choose at least one of the events in the list.

## Calendar feeds (issue 21): /staff/calendars. $date is when the address was made.
staff-nav-calendars = Calendars
staff-calendars-title = Calendars
staff-calendars-intro = Subscribe your phone's or Outlook's calendar to these addresses to see today's appointments and those of the next six weeks (code and service, no names). Anyone with the address sees the appointments: if it is lost, make a new one and the old one stops working.
staff-calendar-of = Calendar of
staff-calendar-address = Address
staff-calendar-made = Here is the new address: copy it into your calendar app now, it will not be shown again.
staff-calendar-since = active since { $date }
staff-calendar-none = no address
staff-calendar-reset = New address
staff-calendar-make = Make the address

## Spreadsheets (issue 21).
manager-download-xlsx = Download Excel (.xlsx)
manager-download-bookings = The period's bookings (.xlsx)
staff-download-xlsx = Download Excel (.xlsx)
