# Sportello — Italian (it)
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

citizen-lang-name = Italiano
citizen-language = Lingua
staff-lang-name = Italiano

## How the language is written
## `lang-dir`: ltr or rtl. `date-locale`: the locale whose weekday and month names fill
## the date patterns (a name from glibc's list, e.g. it_IT, ar_EG). The patterns use
## chrono's strftime syntax: %A weekday, %a short weekday, %-d day, %B month, %b short
## month, %Y year. Translate the order and punctuation, not the % codes.

lang-dir = ltr
date-locale = it_IT
date-long = %A %-d %B %Y
date-short = %a %-d %b
date-weekday-short = %a

## Citizen pages: general
## From: struct `Texts` (src/i18n.rs), instances `IT` / `EN`.

citizen-site = Sportello – Prenotazione appuntamenti
citizen-skip = Vai al contenuto principale
citizen-home-title = Prenota un appuntamento
citizen-home-intro = Scegli l'ufficio e il servizio. Riceverai la conferma per email, con il codice QR da mostrare allo sportello.
citizen-accessibility = Dichiarazione di accessibilità
citizen-go-home = Torna alla pagina iniziale

## Citizen pages: choosing a day and a time
## From: struct `Texts` (src/i18n.rs).
## `citizen-minutes` replaces `Texts::minutes` and the number the template puts before it
## (templates/citizen/home.html: "{ duration } minuti").
## `citizen-free-count` replaces `Texts::free_count()` and the fields `free_times`,
## `one_free_time`, `no_free_times`.

citizen-minutes =
    { $count ->
        [one] { $count } minuto
       *[other] { $count } minuti
    }
citizen-video-call = in videochiamata
citizen-choose-day = Scegli il giorno
citizen-free-count =
    { $count ->
        [0] nessun orario libero
        [one] { $count } orario libero
       *[other] { $count } orari liberi
    }
citizen-earlier = Giorni precedenti
citizen-later = Giorni successivi
citizen-choose-time = Scegli l'orario
citizen-party-size = Numero di persone
citizen-party-hint = Da 1 a 4 persone che entrano insieme.
citizen-continue = Continua
citizen-back-to-days = Torna ai giorni
citizen-just-taken = Questo orario è appena stato preso da qualcun altro.
citizen-nearest-free = Gli orari liberi più vicini:
citizen-no-times-day = In questo giorno non ci sono orari liberi.

## Citizen pages: dates and times inside sentences
## From: the `format!` calls around `Texts::long_date()` and `hhmm()`:
## `citizen-date-time` = routes/citizen/book.rs and browse.rs ("{ date }, { time }"),
## also the `at` / `when` of service/waitlist/offers.rs and booking/book.rs;
## `citizen-date-time-range` = `Facts::with_when` (src/email/letters.rs).
## $date is a date already formatted by the locale library, $time/$start/$end are "09:00".

citizen-date-time = { $date }, { $time }
citizen-date-time-range = { $date }, { $start }–{ $end }
citizen-day-free = { $date }, { $free }
citizen-day-closed = chiuso
citizen-day-closed-because = chiuso: { $reason }
citizen-day-no-hours = l'ufficio non apre in questo giorno
citizen-day-too-far = non ancora prenotabile
citizen-day-full = tutto prenotato

## Citizen pages: details form
## From: struct `Texts` (src/i18n.rs).
## `citizen-held-until` replaces `Texts::held_until` followed by the time
## (templates/citizen/details.html).

citizen-details-title = I tuoi dati
citizen-held-until = Teniamo l'orario per te fino alle { $time }.
citizen-name = Nome e cognome
citizen-email = Email
citizen-email-hint = Ti mandiamo qui la conferma e il codice QR.
citizen-phone = Telefono
citizen-optional = facoltativo
citizen-consent = Ho letto l'informativa e acconsento al trattamento dei miei dati per gestire l'appuntamento.
citizen-consent-error = Per prenotare serve il consenso al trattamento dei dati.
citizen-confirm = Conferma la prenotazione
citizen-errors-title = Correggi questi campi:
citizen-hold-gone = Il tempo per completare la prenotazione è scaduto. Scegli di nuovo un orario.
citizen-citizen-limit = Con questo indirizzo email c'è già una prenotazione attiva per questo servizio, il massimo consentito, quindi non ne abbiamo fatta un'altra. Ti abbiamo scritto all'indirizzo con i dettagli: per spostarla o annullarla usa il link dell'email di conferma.
citizen-citizen-limit-identity = Hai già il numero massimo di prenotazioni attive per questo servizio, quindi non ne abbiamo fatta un'altra. Le trovi in "Le mie prenotazioni", dove puoi spostarle o annullarle.

## Citizen pages: the booking
## From: struct `Texts` (src/i18n.rs).
## `citizen-status-label` replaces `Texts::status()` and the fields `status_confirmed`,
## `status_checked_in`, `status_served`, `status_cancelled`, `status_no_show`.
## $status is the serde name of `BookingStatus` (held, confirmed, checked_in, served,
## cancelled, no_show); `held` falls to the default, like `Confirmed | Held` in Rust.

citizen-booking-title = La tua prenotazione
citizen-booking-done = Prenotazione confermata.
citizen-reference = Codice
citizen-status = Stato
citizen-status-label =
    { $status ->
       *[confirmed] confermata
        [checked_in] accolta allo sportello
        [served] conclusa
        [cancelled] annullata
        [no_show] non presentato
    }
citizen-when = Quando
citizen-where = Dove
citizen-service = Servizio
citizen-persons = Persone
citizen-what-to-bring = Cosa portare
citizen-qr-title = Codice QR per l'ingresso
citizen-qr-help = Mostralo allo sportello all'arrivo, dal telefono o stampato.
citizen-qr-alt = Codice QR del tuo appuntamento
citizen-manage-link = Link per vedere o annullare
citizen-manage-help = Conserva questo link: serve per vedere o annullare la prenotazione.
citizen-meeting = Link della videochiamata
citizen-cancel = Annulla la prenotazione
citizen-resend = Invia di nuovo l'email
citizen-resent-note = Ti abbiamo inviato di nuovo l'email di conferma.

## Citizen pages: opening a booking without its link, cancelling
## From: struct `Texts` (src/i18n.rs).

citizen-code-title = La tua prenotazione
citizen-code-intro = Per vedere, spostare o annullare questa prenotazione apri il link dell'email di conferma, oppure scrivi qui il codice di gestione che contiene.
citizen-code-label = Codice di gestione
citizen-code-hint = È la parte del link dopo «token=», nell'email di conferma.
citizen-code-open = Apri la prenotazione
citizen-cancel-title = Annullare la prenotazione?
citizen-cancel-question = L'orario tornerà libero per altre persone. Vuoi annullare?
citizen-cancel-yes = Sì, annulla
citizen-cancel-no = No, torna indietro
citizen-cancelled-note = La prenotazione è annullata.

## Citizen pages: errors
## From: struct `Texts` (src/i18n.rs).

citizen-error-title = Qualcosa non va
citizen-error-404 = La pagina o la prenotazione non esiste, o il link non è completo.
citizen-error-409 = Non è possibile: la situazione è cambiata nel frattempo.
citizen-error-422 = Alcuni dati non sono validi.
citizen-error-429 = Troppe richieste in poco tempo. Riprova tra qualche secondo.
citizen-error-429-address = Questo indirizzo email ha già ricevuto troppe prenotazioni nell'ultima ora. Riprova più tardi, entro un'ora.
citizen-error-429-holds = Da questa connessione sono già tenuti da parte troppi orari (forse da altre persone sulla stessa rete). Riprova tra qualche minuto.
citizen-error-500 = Si è verificato un errore. Riprova più tardi.
citizen-error-other = La richiesta non può essere soddisfatta.

## Errors on pages: what went wrong, and field by field
## `field-<name>` is the label of a field named in an error, `invalid-<name>` what it
## expects; <name> is the API's field name in lower case with `-` for `_` and `.`, without
## indices (`citizen.email` → citizen-email, `weekly.mon[0]` → weekly). A field without
## its own message uses `field-other` / `invalid-other`. Many reuse another message with
## { message-id }: translate only the ones written out.

citizen-error-400 = La richiesta non è leggibile: torna indietro e riprova dal modulo.
citizen-error-403 = Il modulo è scaduto o non viene da questo sito. Torna indietro, ricarica la pagina e riprova.
field-other = Campo
field-name = Nome
field-weekly = Orario settimanale
field-reconfirm-days = Giorni per riconfermare
field-form = Modulo
field-consent = Informativa sulla privacy
field-language = Lingua
field-hold-id = Orario tenuto da parte
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
invalid-other = Il valore non è valido: controllalo e riprova.
invalid-number = Scrivi un numero intero, senza lettere, nei limiti indicati.
invalid-choice = Scegli una delle voci dell'elenco.
invalid-date-general = Scegli una data valida (GG/MM/AAAA); la data finale non può venire prima di quella iniziale.
invalid-time = Scrivi un'ora valida, come 09:30.
invalid-citizen-name = Scrivi nome e cognome (al massimo 100 caratteri).
invalid-citizen-email = Scrivi un indirizzo email valido, come nome@esempio.it.
invalid-citizen-phone = Scrivi un numero di telefono valido: cifre e spazi, con + all'inizio se serve.
invalid-party-size = Scegli un numero di persone consentito per questo servizio.
invalid-start = Questo orario non è disponibile o è già passato: scegline un altro.
invalid-date-from = Scegli un giorno valido, da oggi in poi ed entro il periodo prenotabile.
invalid-date-to = { invalid-date-from }
invalid-consent = Per prenotare devi dichiarare di aver letto l'informativa.
invalid-language = Scegli una delle lingue offerte.
invalid-hold-id = Il tempo per completare la prenotazione è scaduto. Scegli di nuovo un orario.
invalid-name = Scrivi un nome da 1 a 200 caratteri.
invalid-address = { invalid-name }
invalid-reason = Scrivi un motivo (al massimo 200 caratteri).
invalid-timezone = Scrivi un fuso orario come Europe/Rome.
invalid-weekly = Ogni fascia deve aprire prima di chiudere e non sovrapporsi alle altre dello stesso giorno.
invalid-form = Il modulo non è completo: ricarica la pagina e riprova.
invalid-email = Scrivi un indirizzo email valido.
invalid-password = La password deve avere almeno 10 caratteri.
invalid-what-to-bring = Il testo è troppo lungo.

## Citizen pages: waiting list and offers
## From: struct `Texts` (src/i18n.rs).
## `citizen-offer-until` replaces `Texts::offer_until` followed by the time
## (templates/citizen/offer.html).

citizen-waitlist-link = Nessun orario adatto? Mettiti in lista d'attesa
citizen-waitlist-title = Lista d'attesa
citizen-waitlist-intro = Ti scriviamo appena si libera un posto in uno dei giorni scelti. Lo offriamo a più persone in lista: lo ottiene chi accetta per primo.
citizen-date-from = Dal giorno
citizen-date-to = Al giorno
citizen-waitlist-join = Mettiti in lista
citizen-waitlist-joined = Sei in lista d'attesa. Ti abbiamo mandato un'email con il link per uscire dalla lista.
citizen-waitlist-leave = Esci dalla lista d'attesa
citizen-waitlist-left = Non sei più in lista d'attesa.
citizen-waitlist-waiting = In attesa di un posto
citizen-waitlist-booked = Hai ottenuto un posto
citizen-offer-title = Si è liberato un posto
citizen-offer-accept = Accetta il posto
citizen-offer-until = L'offerta vale fino alle { $time }.
citizen-offer-gone = Questo posto è stato preso da un'altra persona oppure l'offerta è scaduta. Resti in lista d'attesa.
citizen-offer-accepted = Hai già accettato questo posto.

## Citizen pages: reconfirming and moving an appointment
## From: struct `Texts` (src/i18n.rs).

citizen-reconfirm-title = Conferma l'appuntamento
citizen-reconfirm-button = Confermo che verrò
citizen-reconfirm-done = Grazie: l'appuntamento è confermato.
citizen-reconfirm-too-late = Questo appuntamento non può più essere confermato (è stato annullato o liberato).
citizen-move-title = Scegli un nuovo orario
citizen-move-intro = L'ufficio ha cambiato i suoi orari o i posti disponibili. Il tuo appuntamento resta valido finché non ne scegli un altro: se l'orario attuale ti va bene, non devi fare nulla.
citizen-move-pick-day = Giorno
citizen-move-show = Mostra gli orari liberi
citizen-move-done = Fatto: l'appuntamento è spostato. Ti abbiamo mandato una nuova email di conferma; il codice QR resta lo stesso.
citizen-move-gone = Questo appuntamento non può più essere spostato con questo link.
citizen-move-current = Appuntamento attuale

## Accessibility statement
## From: templates/citizen/accessibility.html (the page title is `citizen-accessibility`).
## `a11y-compliance`: the template shows the word for "compliant" in bold; the message
## is plain text. `a11y-usage-languages` names the languages the page offered when written:
## update it in every file when the new languages go live.


## Staff pages: general, login, navigation
## From: struct `StaffTexts` (src/web/staff_i18n.rs), instances `IT` / `EN`.
## `staff-locked-until` replaces `locked_until` followed by the time
## (templates/staff/users.html).

staff-site = Sportello – Personale
staff-skip = Vai al contenuto principale
staff-login-title = Accesso del personale
staff-login-intro = Accedi con l'email e la password del tuo account.
staff-email = Email
staff-password = Password
staff-login = Accedi
staff-login-failed = Email o password non corretti.
staff-login-blocked = Troppi tentativi non riusciti per questo account. Riprova tra 15 minuti.
staff-logout = Esci
staff-nav-scan = Accoglienza
staff-nav-agenda = Agenda
staff-nav-rooms = Sale
staff-nav-users = Account
staff-nav-manage = Gestione
staff-office = Ufficio
staff-choose-office = Scegli l'ufficio
staff-show = Mostra

## Staff pages: check-in (scan)
## From: struct `StaffTexts` (src/web/staff_i18n.rs).
## The headlines with a time replace the `format!` calls of routes/staff/scan.rs:
## `staff-out-already` = out_already + at + time, `staff-out-no-show` = out_no_show + at
## + time, `staff-out-too-early` = out_too_early + " – " + starts_at + time. The fields
## `at` and `starts_at` are used nowhere else, so they have no message of their own.

staff-scan-title = Accoglienza: scansione del codice QR
staff-scan-label = Codice della prenotazione
staff-scan-hint = Inquadra il codice con la fotocamera, usa un lettore (USB o Bluetooth) oppure scrivi il codice e premi Invio.
staff-scan-button = Verifica
staff-camera-start = Usa la fotocamera
staff-camera-stop = Spegni la fotocamera
staff-camera-unavailable = Fotocamera non disponibile: usa il lettore o scrivi il codice.
staff-camera-hint = Inquadra il codice QR: la verifica parte da sola.
staff-out-checked-in = AMMESSO
staff-out-already = GIÀ AMMESSO alle { $time }
staff-out-cancelled = PRENOTAZIONE ANNULLATA
staff-out-no-show = NON PRESENTATO: POSTO LIBERATO alle { $time }
staff-out-wrong-office = UFFICIO SBAGLIATO
staff-out-too-early = TROPPO PRESTO: l'appuntamento è { $date } alle { $time }; si entra dalle { $opens }
staff-out-unknown = CODICE SCONOSCIUTO

## Staff pages: booking details and agenda
## From: struct `StaffTexts` (src/web/staff_i18n.rs).
## `staff-status-label` replaces `StaffTexts::status_label()` and the fields
## `st_confirmed`, `st_checked_in`, `st_served`, `st_cancelled`, `st_no_show`
## ($status as for `citizen-status-label`).
## `staff-walk-in-done` / `staff-served-done` replace the `format!` calls of
## routes/staff/agenda.rs ($reference is the booking code).

staff-reference = Codice
staff-name = Nome
staff-persons = Persone
staff-service = Servizio
staff-counter = Sportello
staff-room = Sala
staff-time = Ora
staff-status = Stato
staff-actions = Azioni
staff-booking-title = Prenotazione
staff-admit = Ammetti
staff-agenda-title = Agenda del giorno
staff-date = Data
staff-all = Tutti
staff-expected = Attesi
staff-present = Presenti
staff-served = Serviti
staff-cancelled = Annullati
staff-no-show = Non presentati
staff-mark-served = Servito
staff-nobody = Nessun appuntamento.
staff-walk-in = senza prenotazione
staff-walk-in-title = Registra un arrivo senza prenotazione
staff-walk-in-hint = Possibile solo se ora uno sportello del servizio è libero e la sala ha posto.
staff-register-walk-in = Registra e ammetti ora
staff-walk-in-done = Arrivo registrato e ammesso: { $reference }
staff-served-done = Appuntamento chiuso: { $reference }
staff-status-label =
    { $status ->
       *[confirmed] Atteso
        [checked_in] Presente
        [served] Servito
        [cancelled] Annullato
        [no_show] Non presentato
    }

## Staff pages: room occupancy and door screen
## From: struct `StaffTexts` (src/web/staff_i18n.rs).
## `staff-live-room-left` replaces the number + `live_room_left` of
## templates/staff/door.html; static/live.js builds the same text in the browser and
## needs the plural forms passed to it (e.g. one data attribute per plural category).
## `staff-live-updated` stays a label: the time after it is a separate element that
## static/live.js rewrites.

staff-rooms-title = Occupazione delle sale
staff-live-present = Presenti
staff-live-planned = Previsti ora
staff-live-limit = Limite
staff-live-full = SALA PIENA – attendere fuori
staff-live-room-left =
    { $count ->
        [one] { $count } posto libero
       *[other] { $count } posti liberi
    }
staff-live-updated = Aggiornato alle
staff-live-stale = Aggiornamento non riuscito: i numeri potrebbero non essere attuali.
staff-open-door-screen = Schermo per la porta

## Staff pages: accounts
## From: struct `StaffTexts` (src/web/staff_i18n.rs).
## `staff-user-created` replaces the `format!` of routes/staff/users.rs ($email is the
## new account's address).

staff-users-title = Account del personale
staff-users-create = Nuovo account
staff-password-hint = Almeno 10 caratteri.
staff-role = Ruolo
staff-role-staff = Operatore
staff-role-manager = Responsabile
staff-active = Attivo
staff-disabled = Disattivato
staff-locked-until = Troppi tentativi di accesso falliti: bloccato, tranne che dai browser già usati, fino alle { $time }
staff-disable = Disattiva
staff-enable = Riattiva
staff-create = Crea
staff-user-created = Account creato: { $email }

## Manager pages: offices, rooms, services, counters
## From: struct `ManagerTexts` (src/web/manager_i18n.rs), instances `IT` / `EN`.

manager-nav = Gestione
manager-home-title = Gestione dell'ufficio
manager-offices = Uffici
manager-new-office = Nuovo ufficio
manager-address = Indirizzo
manager-timezone = Fuso orario
manager-margin = Anticipo d'arrivo (minuti)
manager-margin-hint = Da quanti minuti prima dell'orario una persona conta nella sala d'attesa.
manager-rooms-title = Sale e limiti
manager-limit = Limite di persone
manager-parent = Dentro
manager-none = —
manager-new-room = Nuova sala
manager-new-limit = Nuovo limite
manager-services-title = Servizi e sportelli
manager-duration = Durata (minuti)
manager-horizon = Prenotabile fino a (giorni)
manager-notice-min = Preavviso minimo (minuti)
manager-grace = Tolleranza ritardo (minuti)
manager-per-citizen = Prenotazioni attive per persona
manager-channel = Modalità
manager-in-person = In presenza
manager-video = Videochiamata
manager-what-to-bring = Cosa portare
manager-new-service = Nuovo servizio
manager-counters = Sportelli
manager-new-counter = Nuovo sportello
manager-offers = Servizi offerti
manager-settings = Impostazioni dell'ufficio
manager-no-show-email = Scrivi ai cittadini quando la loro prenotazione è liberata per mancata presentazione

## Manager pages: opening hours
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).
## `manager-weekday` replaces the array `ManagerTexts::weekdays` (form labels, written
## literally in the struct): $day is 1 (Monday) to 7 (Sunday), passed as a number (a
## string "1" would not match the numeric keys), as `loop.index` in
## templates/staff/manage/rules.html and `wd` in routes/staff/manage/hours.rs. The
## three-letter short names that hours.rs cuts from these (`chars().take(3)`) do not
## work in every language (Arabic); take short names from the locale library instead.

manager-hours-title = Orari di apertura
manager-hours-intro = Un periodo vale dalla data d'inizio; in ogni giorno vale il periodo iniziato per ultimo. Lascia vuoto un orario per chiudere quella fascia.
manager-valid-from = Valido dal
manager-valid-to = Fino al (facoltativo)
manager-open-ended = senza scadenza
manager-weekday =
    { $day ->
       *[1] Lunedì
        [2] Martedì
        [3] Mercoledì
        [4] Giovedì
        [5] Venerdì
        [6] Sabato
        [7] Domenica
    }
manager-morning = Mattina
manager-afternoon = Pomeriggio
manager-opens = apre
manager-closes = chiude
manager-closed = chiuso
manager-periods = Periodi salvati

## Manager pages: closures and public holidays
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).
## `manager-holidays-change` replaces the `format!` of routes/staff/manage/closures.rs
## that describes the change: $year as a string (so no digit grouping is applied), $days
## the list of "date reason" already joined with "; ".

manager-closures-title = Chiusure
manager-from = Dal
manager-to = Al
manager-reason = Motivo (visibile ai cittadini)
manager-whole-office = Tutto l'ufficio
manager-new-closure = Nuova chiusura
manager-holidays = Festività
manager-holidays-change = Festività { $year }: { $days }
manager-holidays-intro = Chiude l'ufficio in tutte le festività nazionali dell'anno (Pasquetta calcolata) e nei giorni del santo patrono; i giorni già chiusi restano come sono.
manager-year = Anno
manager-patron-days = Giorni del patrono
manager-patron-hint = Uno per riga: MM-GG e nome, per esempio 12-06 San Nicola.

## Manager pages: capacity rules
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).

manager-rules-title = Regole di capienza
manager-rules-intro = Una regola abbassa il limite di una sala in certe date, giorni e fasce orarie; se più regole valgono insieme, vale il limite più basso.
manager-every-day = tutti i giorni
manager-whole-day = tutto il giorno
manager-time-from = Dalle (facoltativo)
manager-time-to = Alle (facoltativo)
manager-new-rule = Nuova regola

## Manager pages: buttons and the effect of a change
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).
## `manager-notified` / `manager-already-notified` replace the label + number of
## templates/staff/manage/notified.html ($count). `manager-not-active` stays a label:
## the references after it are separate elements.

manager-remove = Elimina
manager-preview = Mostra l'effetto
manager-save = Salva la modifica
manager-cancel = Annulla
manager-create = Crea
manager-edit = Modifica
manager-saved = Salvato.
manager-preview-title = Effetto della modifica (non ancora salvata)
manager-saved-title = Modifica salvata
manager-no-impact = Nessuna prenotazione esistente è toccata dalla modifica.
manager-impact-intro = Nessuna prenotazione viene annullata: restano valide. Qui sotto gli intervalli oltre il limite e le prenotazioni coinvolte.
manager-over-limit = Intervalli oltre il limite
manager-planned = Persone previste
manager-affected = Prenotazioni coinvolte
manager-notify = Avvisa questi cittadini
manager-notify-hint = Ricevono un'email con un link per scegliere un nuovo orario; la prenotazione attuale resta valida finché non ne scelgono un altro.
manager-notified = Email messe in coda: { $count }
manager-already-notified = Già avvisati dopo l'ultima modifica: { $count }
manager-not-active = Non più attive (annullate, passate o già presentate):

## Manager pages: audit log
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).

manager-audit-title = Registro delle modifiche
manager-who = Chi
manager-what = Cosa
manager-when = Quando
manager-entity = Oggetto
manager-action = Azione
manager-before = Prima
manager-after = Dopo
manager-system = sistema
manager-filter = Filtra
manager-older = Più vecchie
manager-any = tutti

## Manager pages: statistics
## From: struct `ManagerTexts` (src/web/manager_i18n.rs).

manager-stats-title = Statistiche
manager-by-day = per giorno
manager-by-week = per settimana
manager-period = Periodo
manager-bookings = Prenotazioni
manager-check-ins = Presentati
manager-cancellations = Annullate
manager-no-shows = Non presentati
manager-no-show-rate = Tasso di assenza
manager-utilisation = Utilizzo della capienza
manager-peak = Picco di persone
manager-download-csv = Scarica CSV
manager-chart-bookings = Prenotazioni per periodo
manager-chart-utilisation = Utilizzo della capienza per periodo
manager-stats-help = Utilizzo: persone-minuto previste diviso persone-minuto consentite nelle ore di apertura. Tasso di assenza: non presentati diviso (presentati + non presentati).

## Emails: shared parts
## From: the greeting of templates/email/{confirmation,cancellation,reminder}/body.* and
## of `letters::notice()` (src/email/letters.rs): `email-greeting` when the name is
## known, `email-greeting-citizen` when it is empty. The labels are those of the
## confirmation and reminder bodies (the text version adds ": " after them).
## $name is the citizen's name; $reference the booking code; $service, $office and
## $address the service's and office's names and address; $when the date and times
## (`citizen-date-time-range` or `citizen-date-time`); $time a time "09:00"; $url a link.

email-greeting = Gentile { $name },
email-greeting-citizen = Gentile cittadina, gentile cittadino,
email-label-reference = Codice
email-label-service = Servizio
email-label-when = Quando
email-label-where = Dove
email-label-persons = Persone
email-label-what-to-bring = Cosa portare
email-label-video-call = Videochiamata
email-qr-alt = Codice QR dell'appuntamento
email-calendar-summary = { $service } – { $office }
email-calendar-description = Codice della prenotazione: { $reference }. Per vederla: { $url }

## Email: booking confirmation
## From: templates/email/confirmation/ (subject.txt, body.txt, body.html).

email-confirmation-subject = Prenotazione confermata { $reference }: { $service }, { $when }
email-confirmation-title = Prenotazione confermata
email-confirmation-intro = la tua prenotazione è confermata.
email-confirmation-show-qr = All'arrivo mostra allo sportello questo codice QR:
email-confirmation-image-fallback = Se l'immagine non si vede, usa questo link:
email-confirmation-show-qr-attached = All'arrivo mostra allo sportello il codice QR allegato, oppure questo link:
email-confirmation-manage-link = Vedi o annulla la prenotazione
email-confirmation-manage-text = Per vedere o annullare la prenotazione:

## Email: booking cancelled
## From: templates/email/cancellation/ (subject.txt, body.txt, body.html). The HTML body
## has `email-cancellation-body`; the text body adds `email-cancellation-time-free`.

email-cancellation-subject = Prenotazione annullata { $reference }: { $service }, { $when }
email-cancellation-title = Prenotazione annullata
email-cancellation-body = la prenotazione { $reference } ({ $service }, { $when }, { $office }) è stata annullata.
email-cancellation-time-free = L'orario è di nuovo libero per altre persone.

## Email: reminder the day before
## From: templates/email/reminder/ (subject.txt, body.txt, body.html).
## `email-reminder-summary` is the HTML body's one-line summary.

email-reminder-subject = Promemoria: domani { $service }, { $when } ({ $reference })
email-reminder-title = Promemoria: il tuo appuntamento è domani
email-reminder-intro = ti ricordiamo l'appuntamento di domani.
email-reminder-summary = { $service } – { $when } – { $office }, { $address } ({ $reference })
email-reminder-show-qr = All'arrivo mostra il codice QR allegato, oppure questo link: { $url }
email-reminder-cancel-hint = Se non puoi venire, annulla: l'orario tornerà libero per altri.

## Email: missed appointment (no-show)
## From: `letters::no_show()` (src/email/letters.rs): title and two paragraphs.

email-no-show-subject = Appuntamento non utilizzato { $reference }
email-no-show-body = non ti abbiamo visto all'appuntamento { $reference } ({ $service }, { $when }, { $office }). Il posto è stato liberato per altre persone.
email-no-show-book-again = Se ti serve ancora il servizio, puoi prenotare un nuovo appuntamento sul sito.

## Email: booking refused by the per-citizen limit
## From: `citizen_limit_notice()` (src/service/booking/book.rs): title, two paragraphs,
## link label. $when is `citizen-date-time`.

email-citizen-limit-subject = Hai già una prenotazione: { $service }
email-citizen-limit-body = qualcuno (forse tu) ha appena chiesto di prenotare «{ $service }» presso { $office } con questo indirizzo email. Hai già una prenotazione attiva per questo servizio ({ $reference }, { $when }), quindi non ne è stata fatta un'altra.
email-citizen-limit-help = Per spostarla o annullarla usa il link dell'email di conferma. Se non sei stato tu, non devi fare nulla.
email-citizen-limit-link = La tua prenotazione

## Email: invitation to choose a new time
## From: `invitation_letter()` (src/service/changes/rebook.rs): title, two paragraphs,
## link label.

email-rebook-subject = Scegli un nuovo orario per l'appuntamento { $reference }
email-rebook-body = L'ufficio { $office } ha cambiato gli orari o i posti disponibili nel giorno del tuo appuntamento per «{ $service }» ({ $when }).
email-rebook-help = Ti chiediamo, se puoi, di scegliere un altro orario con il pulsante qui sotto. Finché non lo fai, il tuo appuntamento resta valido e il codice QR che hai ricevuto continua a funzionare.
email-rebook-link = Scegli un nuovo orario

## Email: request to confirm attendance
## From: `request_letter()` (src/service/visit/reconfirm.rs): title, two paragraphs,
## link label.

email-reconfirm-subject = Conferma che verrai: { $reference }
email-reconfirm-body = hai un appuntamento { $reference } ({ $service }, { $when }).
email-reconfirm-help = Per tenerlo, confermalo con il pulsante qui sotto entro il giorno prima. Se non lo confermi, il posto sarà liberato per altre persone in attesa.
email-reconfirm-link = Confermo che verrò

## Email: appointment released for lack of confirmation
## From: `release()` (src/service/visit/reconfirm.rs): title and one paragraph.

email-reconfirm-released-subject = Appuntamento liberato: { $reference }
email-reconfirm-released-body = non abbiamo ricevuto la conferma dell'appuntamento { $reference } ({ $service }, { $when }), così il posto è stato liberato per altre persone. Se ti serve ancora il servizio, puoi prenotare di nuovo sul sito.

## Email: joined the waiting list
## From: src/service/waitlist/entries.rs (notice kind `waitlist_joined`): title, one
## paragraph, link label. $from and $to are the first and last day, already formatted.

email-waitlist-joined-subject = Sei in lista d'attesa: { $service }
email-waitlist-joined-body = ti scriveremo appena si libera un posto per «{ $service }» presso { $office } tra i giorni { $from } – { $to }. Il primo che accetta l'offerta ottiene il posto.
email-waitlist-joined-link = Esci dalla lista d'attesa

## Email: a place is free (waiting-list offer)
## From: `offer_freed()` (src/service/waitlist/offers.rs): title, two paragraphs, link
## label. $when is `citizen-date-time`; $time is when the offer ends.

email-waitlist-offer-subject = Si è liberato un posto: { $service }
email-waitlist-offer-body = si è liberato un posto per «{ $service }» presso { $office }: { $when }.
email-waitlist-offer-rules = Lo offriamo anche ad altre persone in lista: lo ottiene chi accetta per primo. L'offerta vale fino alle { $time }.
email-waitlist-offer-link = Accetta il posto

## Email: the offered place was taken
## From: src/service/waitlist/accept.rs (notice kind `waitlist_gone`): title and one
## paragraph.

email-waitlist-gone-subject = Il posto offerto è stato preso: { $service }
email-waitlist-gone-body = il posto che ti avevamo offerto è stato accettato da un'altra persona. Resti in lista d'attesa: ti scriveremo al prossimo posto libero.

## Added with the page walk of issue 15: reasons of refused walk-ins, the manager
## pages' change summaries, the audit log's words, numbers.
## `time-range` keeps a span of time in reading order (Arabic wraps it in an LTR isolate).
## `manager-audit-entity` / `manager-audit-action` name what the audit log records
## ($entity, $action are the stored codes; unknown ones are shown as they are).

citizen-error-403-role = Non hai i permessi per questa pagina, o non per questo ufficio.
citizen-service-facts-video = { $minutes }, in videochiamata
invalid-office-closed = L'ufficio ora è chiuso: un accesso senza appuntamento si registra solo durante l'orario di apertura.
invalid-closes-too-soon = L'ufficio chiude prima che questo servizio possa finire: non si può più registrare un accesso oggi.
invalid-video-no-walk-in = Questo servizio è solo in videochiamata: non ha accessi allo sportello.
field-service-id = { citizen-service }
invalid-service-id = { invalid-choice }
invalid-patron-days = Scrivi un giorno per riga: mese-giorno e il nome, come 12-06 San Nicola (al massimo 20 giorni).
field-to-time = Alle
manager-weekdays = Giorni della settimana
manager-percent = { $value } %
number-decimal-separator = ,
time-range = { $start }–{ $end }
manager-change-hours = Orari di apertura dal { $from }
manager-change-hours-until = Orari di apertura dal { $from } al { $to }
manager-change-rule = Regola per { $room }: dal { $from } al { $to }, limite { $limit }
manager-change-closure = Chiusura dal { $from } al { $to }: { $reason }
manager-audit-entity =
    { $entity ->
        [booking] prenotazione
        [capacity_rule] regola di capienza
        [closure] chiusura
        [counter] sportello
        [impact] avviso ai cittadini
        [office] ufficio
        [opening_hours] orari di apertura
        [room] sala
        [service] servizio
        [user] account
        [ticket] numero in coda
       *[other] { $entity }
    }
manager-audit-action =
    { $action ->
        [create] creazione
        [delete] eliminazione
        [move] spostamento
        [notify] avviso
        [release_unconfirmed] rilascio per mancata conferma
        [replace] sostituzione
        [update] modifica
        [walk_in] accesso senza appuntamento
        [undo_checkin] ammissione annullata
        [reset_door_link] nuovo link dello schermo alla porta
        [turn_off_door_link] link dello schermo alla porta disattivato
        [checkin] ammissione
        [mark_served] servito
        [call] chiamata
        [recall] nuova chiamata
        [start] inizio allo sportello
        [not_here] non presente
        [finish] concluso
        [transfer] trasferimento
        [ticket] numero allo sportello
       *[other] { $action }
    }

## The appointment behind a check-in link (/c/…), for the citizen who opens it
citizen-pass-title = Il tuo appuntamento
citizen-pass-not-active = Questo appuntamento non è più attivo: il codice QR non serve più.
citizen-pass-manage-hint = Per spostare o annullare l'appuntamento usa il link «Vedi o annulla la prenotazione» dell'email di conferma.
citizen-pass-staff = Personale dell'ufficio: accedi per ammettere

## The booking's page: actions
citizen-book-again = Prenota di nuovo
citizen-add-to-calendar = Aggiungi al calendario
citizen-print = Stampa
citizen-email-sent-to = Abbiamo mandato la conferma a { $email }.
citizen-calendar-file-name = appuntamento-{ $reference }
citizen-error-429-resend =
    { $count ->
        [one] L'email di conferma si può rimandare una volta all'ora, e l'hai già chiesta. Controlla anche la cartella della posta indesiderata, o riprova tra un'ora.
       *[other] L'email di conferma si può rimandare { $count } volte all'ora, e le hai già chieste tutte. Controlla anche la cartella della posta indesiderata, o riprova tra un'ora.
    }

## Privacy notice (GDPR arts. 13–14), linked from the consent boxes and the footer.
## $controller is the installation's SPORTELLO_INSTITUTION_NAME; $days its retention.
privacy-title = Informativa sul trattamento dei dati personali
privacy-read = (leggi l'informativa)
privacy-intro = Questa informativa spiega, ai sensi degli articoli 13 e 14 del Regolamento (UE) 2016/679 (GDPR), come sono trattati i dati che lasci quando prenoti un appuntamento, ti metti in lista d'attesa o vieni accolto allo sportello.
privacy-controller-title = Titolare del trattamento
privacy-controller = Il titolare del trattamento è { $controller }.
privacy-contact = Per esercitare i tuoi diritti o per domande sui tuoi dati puoi scrivere a:
privacy-contact-office = Per esercitare i tuoi diritti o per domande sui tuoi dati rivolgiti all'Ufficio relazioni con il pubblico del Comune, anche allo sportello.
privacy-dpo = Responsabile della protezione dei dati (RPD/DPO):
privacy-data-title = Quali dati
privacy-data = Nome e cognome, indirizzo email, telefono se lo indichi, il servizio, il giorno e l'ora scelti, il numero di persone, la lingua, e gli orari di arrivo e di servizio registrati allo sportello. Non chiediamo dati particolari.
privacy-identity = Se accedi con SPID o CIE, il servizio di accesso ci comunica nome, cognome, codice fiscale ed eventualmente l'email. Della prenotazione conserviamo nome ed email come sopra e, del codice fiscale, solo un'impronta cifrata che serve a contare le prenotazioni per persona e a mostrarti "Le mie prenotazioni"; la sessione di accesso dura un'ora e poi viene cancellata.
privacy-purposes-title = Perché e su quale base
privacy-purposes = Per gestire l'appuntamento: confermarlo, ricordartelo, accoglierti, avvisarti se cambia o se si libera un posto, e limitare le presenze negli uffici. La base giuridica è l'esecuzione di un compito di interesse pubblico (art. 6, par. 1, lett. e GDPR). Senza nome ed email non è possibile prenotare online; puoi sempre rivolgerti allo sportello.
privacy-recipients-title = Chi li vede
privacy-recipients = Il personale dell'ufficio autorizzato e i fornitori tecnici che gestiscono il servizio e la posta elettronica per conto del titolare, nominati responsabili del trattamento. I dati non sono diffusi né trasferiti fuori dall'Unione europea.
privacy-retention-title = Per quanto tempo
privacy-retention =
    { $days ->
        [one] I dati personali sono cancellati { $days } giorno dopo l'appuntamento; restano solo conteggi anonimi per le statistiche.
       *[other] I dati personali sono cancellati { $days } giorni dopo l'appuntamento; restano solo conteggi anonimi per le statistiche.
    }
privacy-rights-title = I tuoi diritti
privacy-rights = Puoi chiedere l'accesso ai tuoi dati, la rettifica, la cancellazione o la limitazione del trattamento, e opporti al trattamento (articoli 15–21 GDPR). Puoi annullare la prenotazione in ogni momento con il link dell'email. Se ritieni che il trattamento violi il GDPR puoi proporre reclamo al Garante per la protezione dei dati personali (www.garanteprivacy.it).

## The agenda: moving by a day
staff-previous-day = Giorno precedente
staff-next-day = Giorno successivo

## Statistics CSV: the columns without a label on the page
manager-csv-scope = Ambito
manager-csv-id = Id
manager-csv-name = Nome
manager-csv-planned = Minuti-persona prenotati
manager-csv-capacity = Minuti-persona disponibili

## From: templates/base.html, footer.html, citizen/steps.html, citizen/legal.html (the "modello Comuni" frame).
site-tagline = Prenotazione appuntamenti agli sportelli
footer-contacts = Contatti
footer-address = Indirizzo
footer-phone = Telefono
footer-email = Email
footer-links = Link utili
breadcrumb-label = Percorso di navigazione
breadcrumb-home = Home
step-label = Passaggi della prenotazione
step-service = Servizio
step-day = Giorno
step-time = Orario
step-details = Dati
step-done = Conferma
step-completed = completato
staff-nav-label = Menu del personale
staff-signed-in = Accesso eseguito come
staff-all-offices = tutti gli uffici
legal-title = Note legali
legal-intro = Questo servizio di prenotazione degli sportelli è gestito da { $institution }.
legal-tax-code = Codice fiscale / partita IVA:
legal-content-title = Contenuti
legal-content = Salvo diversa indicazione, i testi di queste pagine sono pubblicati con licenza Creative Commons Attribuzione 4.0 (CC BY 4.0) e possono essere riutilizzati citando la fonte.
legal-availability-title = Orari e disponibilità
legal-availability = Gli orari liberi mostrati sono quelli del momento in cui la pagina è stata aperta. Un appuntamento vale solo dopo la conferma, che arriva anche per email. Se l'ufficio deve chiudere in un giorno prenotato, chi ha prenotato riceve un'email con il motivo e un link per scegliere un altro orario.
legal-software-title = Software
legal-software = Il servizio usa Sportello, un software libero (open source) per la prenotazione degli sportelli degli enti pubblici.

## From: templates/citizen/home.html (what a citizen needs before booking) and citizen/lost.html.
citizen-office-services = Servizi
citizen-office-where = Dove
citizen-office-map = Vedi sulla mappa
citizen-office-hours = Orari di apertura
citizen-office-closed = chiuso
citizen-office-closures = Chiusure nei prossimi giorni
citizen-office-closed-range = dal { $from } al { $to }
citizen-lost-link = Hai perso il link della tua prenotazione?
citizen-lost-title = Recupera i link delle tue prenotazioni
citizen-lost-intro = Scrivi l'indirizzo email con cui hai prenotato. Se ci sono prenotazioni future con questo indirizzo, ti mandiamo un'email con un link per ciascuna, per vederla, spostarla o annullarla.
citizen-lost-send = Mandami i link
citizen-lost-sent = Se ci sono prenotazioni future con questo indirizzo, ti abbiamo mandato un'email con i link.
citizen-lost-sent-help = Controlla anche la posta indesiderata. I link che avevi prima non funzionano più. Puoi chiedere i link fino a { $per_hour } volte all'ora.
manager-office-phone = Telefono dell'ufficio per i cittadini
manager-office-email = Email dell'ufficio per i cittadini
manager-description = Descrizione (italiano)
manager-translations = Testi in altre lingue
manager-translations-hint = Un testo lasciato vuoto si mostra in italiano.
manager-translation-name = Nome
manager-translation-description = Descrizione
manager-translation-bring = Cosa portare
field-description = Descrizione
field-texts = Testi in altre lingue
field-phone = Telefono
invalid-description = Scrivi al massimo 2000 caratteri.
invalid-texts = Controlla i testi nelle altre lingue: un nome ha al massimo 200 caratteri, gli altri testi 2000.
email-lost-links-subject = I link delle tue prenotazioni
email-lost-links-body = { $count ->
    [one] Hai chiesto il link della tua prenotazione. Eccolo: apre la prenotazione, dove puoi vederla, spostarla o annullarla.
   *[other] Hai chiesto i link delle tue prenotazioni. Eccoli: ognuno apre una prenotazione, dove puoi vederla, spostarla o annullarla.
}
email-lost-links-item = { $service }, { $when }, { $office }
email-lost-links-old = I link che avevi ricevuto prima non funzionano più. Se non hai chiesto tu questa email, puoi ignorarla: le tue prenotazioni restano valide.
email-grace-rule = Arriva puntuale: se arrivi più di { $minutes } minuti dopo l'inizio, il posto viene liberato per altre persone.
email-calendar-attached = In allegato trovi il file del calendario: aprilo per aggiungere l'appuntamento al tuo calendario.
email-office-contacts = Per domande sull'appuntamento: { $office }.

## From: templates/staff/agenda.html (admit, undo, search, print)
staff-admitted-done = { $reference } ammesso.
staff-undone = Ammissione di { $reference } annullata: la prenotazione è di nuovo attesa.
staff-undo-admission = Annulla ammissione
staff-search = Cerca
staff-search-hint = nome, email o codice
staff-print-day = Stampa la giornata
staff-walk-in-refused = Accesso non registrato.

## From: templates/staff/rooms.html (door screens by link)
staff-door-link = Schermo alla porta, senza accesso
staff-door-link-none = nessun link
staff-door-link-make = Crea il link
staff-door-link-reset = Nuovo link (il vecchio smette di funzionare)
staff-door-link-turn-off = Disattiva il link
staff-door-link-new = Nuovo link creato: aprilo sullo schermo alla porta. Il link precedente non funziona più.
staff-door-link-off = Link disattivato: lo schermo che lo usava mostra «pagina non trovata».

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

a11y-intro = { $institution } si impegna a rendere accessibile il proprio servizio di prenotazione degli appuntamenti, conformemente alla legge 9 gennaio 2004, n. 4, al decreto legislativo 10 agosto 2018, n. 106, che ha recepito la direttiva (UE) 2016/2102, e alle Linee guida AgID sull'accessibilità degli strumenti informatici.
a11y-scope = La presente dichiarazione di accessibilità si applica al sito web del servizio di prenotazione:
a11y-status-title = Stato di conformità
a11y-status-compliant = Conforme
a11y-status = Questo sito web è conforme ai requisiti previsti dall'allegato A alla norma EN 301 549 (WCAG 2.1, livelli A e AA).
a11y-status-checks = La conformità è verificata a ogni nuova versione del software con:
a11y-check-automated = controlli automatici (axe-core) delle regole WCAG 2.1 di livello A e AA sulle pagine della prenotazione, comprese quelle in arabo, che si leggono da destra a sinistra
a11y-check-keyboard = prove d'uso con la sola tastiera
a11y-check-no-js = prove d'uso con JavaScript disattivato, in cui tutte le funzioni restano disponibili
a11y-check-phone = prove d'uso su schermi piccoli, come quelli dei telefoni
a11y-content-title = Contenuti non accessibili
a11y-content-none = Non sono noti contenuti non accessibili. Nel dettaglio, per ciascuno dei tre motivi previsti dal modello AgID:
a11y-reason-law = Inosservanza della legge 4/2004
a11y-reason-burden = Onere sproporzionato
a11y-reason-out-of-scope = Contenuti non soggetti alla legislazione applicabile
a11y-reason-none = Nessun contenuto
a11y-notes-title = Note
a11y-note-qr = Il codice QR dell'appuntamento è un'immagine con un'alternativa testuale. Accanto è sempre scritto il codice della prenotazione: allo sportello basta anche solo quello, perché il personale può digitarlo.
a11y-note-scanner = La lettura dei codici QR con la fotocamera è uno strumento del personale dello sportello, non una pagina per i cittadini; anche lì il codice si può scrivere a mano o leggere con un lettore.
a11y-drafting-title = Redazione della dichiarazione di accessibilità
a11y-drafted = Data di redazione della dichiarazione: { $date }
a11y-reviewed = Data dell'ultimo riesame: { $date }
a11y-method = La dichiarazione si basa su un'autovalutazione effettuata direttamente dal Comune, con le verifiche descritte nella sezione «{ a11y-status-title }».
a11y-feedback-title = Meccanismo di feedback e recapiti
a11y-feedback = Chiunque può segnalare al Comune i casi di mancata conformità ai requisiti di accessibilità e chiedere informazioni o contenuti esclusi dall'ambito di applicazione della dichiarazione. Nella segnalazione indica la pagina e il problema e, se puoi, il dispositivo, il browser e l'eventuale tecnologia assistiva che usi.
a11y-feedback-email = Scrivi a:
a11y-feedback-office = Rivolgiti all'Ufficio relazioni con il pubblico (URP) del Comune, anche di persona allo sportello.
a11y-enforcement-title = Procedura di attuazione
a11y-enforcement = Se il Comune non risponde entro 30 giorni dalla segnalazione, o se la risposta non ti soddisfa, puoi inviare un reclamo al Difensore civico per il digitale presso AgID, ai sensi dell'articolo 3-quinquies, comma 3, della legge 4/2004 e dell'articolo 17, comma 1-quater, del Codice dell'amministrazione digitale (CAD). Il reclamo si può inviare solo dopo aver segnalato il problema al Comune.
a11y-enforcement-link = Il sito di AgID per le dichiarazioni di accessibilità e i reclami
a11y-info-title = Informazioni sul sito
a11y-info-cms-label = CMS utilizzato
a11y-info-cms = Nessuno: il servizio usa Sportello { $version }, un software libero (open source) per la prenotazione degli sportelli degli enti pubblici. Le pagine sono HTML generato dal server, con il tema Bootstrap Italia, e funzionano anche senza JavaScript.
a11y-info-usability-label = Test di usabilità
a11y-info-usability = Non sono stati svolti test di usabilità con gruppi di utenti; sono state svolte le verifiche descritte in questa pagina.
a11y-info-languages-label = Lingue
a11y-info-languages = Italiano, inglese, albanese, rumeno e arabo (scritto da destra a sinistra). La lingua si sceglie dal menu in cima a ogni pagina.
a11y-enforcement-form = Reclamo al Difensore civico per il digitale (modulo di AgID)
footer-accessibility-copy = Accessibilità del servizio

## The move invitation when the whole office is closed that day, and a manager's message
email-closed-body = l'ufficio { $office } sarà chiuso nel giorno del tuo appuntamento per «{ $service }» ({ $when }): l'appuntamento non può avere luogo.
email-closed-reason = Motivo della chiusura: { $reason }.
email-closed-no-reason = Ci scusiamo per il disagio.
email-closed-help = Scegli un altro giorno e orario con il pulsante qui sotto: il codice della prenotazione resta lo stesso.
email-office-message = Messaggio dell'ufficio: { $message }
manager-notify-message = Messaggio ai cittadini (facoltativo)
manager-notify-message-hint = Poche parole dell'ufficio, aggiunte all'email così come le scrivi (al massimo 500 caratteri).
manager-notified-list = Hanno ricevuto l'email:
field-message = Messaggio
invalid-message = Scrivi al massimo 500 caratteri.
manager-back = Indietro
manager-never-fits = Alcuni gruppi sono più numerosi del nuovo limite: non potranno essere spostati in quegli orari. Contattali per dividerli o per un altro giorno.
manager-never-fits-short = più del nuovo limite
manager-audit-changes = Cosa è cambiato
manager-audit-becomes = diventa
manager-audit-details = Dati registrati
citizen-change-time = Cambia orario
citizen-move-none = { $count ->
    [one] Questo giorno non ha orari liberi.
   *[other] Questo giorno non ha orari liberi per { $count } persone insieme: i posti liberi non bastano per il tuo gruppo, oppure il nuovo limite della sala è più basso.
}
citizen-move-call = Prova un altro giorno, o chiama l'ufficio:
citizen-move-call-office = Prova un altro giorno, o rivolgiti all'ufficio.
citizen-move-same-qr = Il codice QR e il codice della prenotazione restano gli stessi. Ti abbiamo mandato una nuova email di conferma.
staff-go-home = Torna alla pagina del personale
manager-weekday-col = Giorno
footer-pec = PEC
manager-quiet-rows = { $count ->
    [one] 1 riga senza attività (nessuna prenotazione, visita o presenza)
   *[other] { $count } righe senza attività (nessuna prenotazione, visita o presenza)
}
email-calendar-file = appuntamento
email-calendar-file-cancel = cancellazione
citizen-move-open-booking = Apri la prenotazione
# The queue at the office (issue 17)
queue-closed-now = L'ufficio è chiuso in questo momento: non si può prendere il numero.
queue-closed-before = L'ufficio chiude alle { $time }: oggi per questo servizio non c'è più tempo per un altro numero. Puoi prenotare un appuntamento per un altro giorno.
queue-closed-no-counter = Oggi nessuno sportello offre questo servizio.
queue-minutes = { $value } min
queue-stats-title = Coda agli sportelli
queue-stats-none = Nessun numero nel periodo.
queue-stat-tickets = Numeri
queue-stat-absent = Assenti
queue-stat-absent-rate = Tasso di assenza
queue-stat-wait = Attesa media
queue-stat-service = Durata media del servizio
email-queue-subject = Il tuo numero { $code }
email-queue-body = Sei in coda con il numero { $code } presso { $office }. Sulla pagina del numero vedi quante persone hai davanti e quando tocca a te.
email-queue-link = Apri il tuo numero
queue-join-title = Prendi il numero
queue-join-intro = Scegli il servizio: ricevi un numero e il telefono ti dice quando tocca a te. Non serve restare in fila.
queue-join-service = Servizio
queue-join-party = Quante persone
queue-join-email = Email (facoltativa: ti mandiamo il link al numero)
queue-join-submit = Prendi il numero
queue-join-waiting = { $count ->
    [one] 1 persona in attesa
   *[other] { $count } persone in attesa
}
queue-ticket-title = Il tuo numero
queue-ticket-code-label = Numero
queue-ticket-next = Sei il prossimo.
queue-ticket-position = { $count ->
    [one] Prima di te c'è 1 persona.
   *[other] Prima di te ci sono { $count } persone.
}
queue-ticket-wait = Attesa stimata: circa { $minutes } minuti.
queue-ticket-your-turn = Tocca a te: { $counter }
queue-ticket-serving = Sei allo sportello: { $counter }.
queue-ticket-done = Servizio concluso. Grazie!
queue-ticket-absent = Sei stato chiamato ma non ti sei presentato. Rivolgiti al personale.
queue-ticket-cancelled = Hai lasciato la coda.
queue-ticket-leave = Lascia la coda
queue-ticket-updates = Questa pagina si aggiorna da sola: tienila aperta.
queue-ticket-watch = Il tuo numero apparirà anche sullo schermo in sala, con lo sportello.
queue-poster-title = Prendi il numero con il telefono
queue-poster-steps = Inquadra il codice QR con la fotocamera, scegli il servizio e attendi: il telefono ti avvisa quando tocca a te.
queue-poster-link = Oppure apri l'indirizzo:
queue-poster-qr-alt = Codice QR per prendere il numero
queue-print = Stampa
queue-display-title = Chiamate
queue-display-code = Numero
queue-display-counter = Sportello
queue-display-none = Nessuna chiamata per ora.
queue-display-speech = Numero { $code }, { $counter }
queue-display-sound = Attiva l'audio
queue-display-sound-on = Audio attivo
staff-nav-counter = Chiamate
queue-counter-choose = Scegli il tuo sportello
queue-counter-none = Non ci sono sportelli attivi in questo ufficio.
queue-call-next = Chiama il prossimo
queue-call-next-key = Scorciatoia: tasto N
queue-recall = Richiama
queue-absent = Non presente
queue-start = Inizia
queue-done = Concluso
queue-transfer = Trasferisci al servizio
queue-transfer-submit = Trasferisci
queue-nobody-waiting = Nessuno in attesa per i servizi di questo sportello.
queue-room-full = Ci sono persone in attesa fuori, ma la sala è al limite: attendi che si liberi un posto.
queue-called-now = Chiamato: { $code }
queue-current = Allo sportello
queue-current-none = Nessuno allo sportello.
queue-waiting-title = In attesa per questo sportello
queue-col-code = Numero
queue-col-service = Servizio
queue-col-party = Persone
queue-col-since = Arrivo
queue-col-kind = Tipo
queue-col-calls = Chiamate
queue-kind-appointment = Appuntamento delle { $time }
queue-kind-walk-in = Senza appuntamento
queue-status-waiting = In attesa
queue-status-called = Chiamato
queue-status-serving = Allo sportello
queue-status-done = Concluso
queue-status-absent = Assente
queue-status-cancelled = Uscito dalla coda
queue-desk-title = Numero per chi arriva senza appuntamento
queue-desk-help = Il numero attende fuori dalla sala finché non viene chiamato, nei limiti della sala.
queue-desk-name = Nome (facoltativo, non appare sullo schermo)
queue-desk-submit = Crea e stampa il numero
queue-print-wait = Attendi la chiamata sullo schermo in sala.
queue-print-back = Torna allo sportello
queue-links-title = Schermi e manifesto
queue-display-link = Schermo della sala d'attesa
queue-poster-link-staff = Manifesto con il QR per l'ingresso
queue-scan-ticket = Numero in coda
queue-action-done = Fatto: { $code } è { $status }.
queue-join-choose = Scegli un servizio.

## Identità: accesso dei cittadini con SPID o CIE e dei dipendenti con l'accesso unico
## del Comune (OpenID Connect). $provider è l'etichetta configurata del servizio di
## accesso (es. "SPID"); $name e $code sono il nome e il codice fiscale di chi ha
## effettuato l'accesso.
identity-login-title = Accedi con la tua identità digitale
identity-login-intro = Con SPID o CIE nome e codice fiscale arrivano dal servizio di accesso: non devi scriverli, e puoi ritrovare le tue prenotazioni in "Le mie prenotazioni".
identity-or-fill = Oppure inserisci i tuoi dati qui sotto e prenota senza accedere.
identity-required = Per questo servizio è necessario accedere con SPID o CIE: l'identità viene verificata dal servizio di accesso.
identity-logged-in = Hai effettuato l'accesso come { $name } (codice fiscale { $code }).
identity-locked = Arriva dal servizio di accesso e non si può modificare.
identity-logout = Esci
identity-logged-out = Sei uscito
identity-logout-provider = Ti stiamo portando al servizio di accesso per chiudere anche lì la sessione.
identity-logout-provider-link = Chiudi la sessione anche sul servizio di accesso
my-link = Le mie prenotazioni (con SPID o CIE)
my-title = Le mie prenotazioni
my-upcoming = Prossime prenotazioni
my-past = Passate o annullate
my-none-upcoming = Non hai prenotazioni in programma.
my-book-new = Prenota un appuntamento
my-none-past = Nessuna prenotazione passata o annullata.
my-manage = Apri, sposta o scarica
my-cancel = Annulla la prenotazione
my-login-intro = Accedi con SPID o CIE per vedere le prenotazioni fatte con la tua identità digitale, in tutti gli uffici.
my-no-login = L'accesso con SPID o CIE non è attivo. Per gestire una prenotazione usa il link nell'email di conferma.
login-problem-title = Accesso non riuscito
login-problem-unavailable = Il servizio di accesso "{ $provider }" non risponde in questo momento. Riprova tra qualche minuto.
login-problem-bad-answer = L'accesso non è stato completato: è stato annullato, è scaduto o la risposta del servizio di accesso non era valida. Nessun accesso è stato effettuato.
login-problem-no-fiscal-code = Il servizio di accesso "{ $provider }" non ha comunicato il codice fiscale o il nome, che servono per prenotare con la propria identità.
login-problem-no-email = Il servizio di accesso del Comune non ha comunicato un indirizzo email, che identifica il tuo account di Sportello. Rivolgiti all'amministratore.
login-problem-no-role = Il tuo account del Comune non ha un ruolo in Sportello (operatore, responsabile o amministratore). Chiedi all'amministratore di assegnartelo.
login-problem-no-office = Il tuo account del Comune non indica un ufficio di Sportello. Chiedi all'amministratore di assegnartelo.
login-problem-disabled = Questo account è disattivato in Sportello. Rivolgiti all'amministratore.
login-problem-anonymous = Puoi comunque prenotare senza accedere, inserendo nome ed email.
login-problem-continue = Continua senza accedere
login-problem-again = Riprova ad accedere
login-problem-staff-back = Torna alla pagina di accesso
staff-sso-title = Oppure accedi con l'account del Comune
manager-login-required = Prenotabile solo con SPID o CIE
my-opened-here = Hai aperto questa pagina da "Le mie prenotazioni": il link vale finché resti connesso. Per tornarci più tardi usa il link dell'email di conferma o
login-problem-switch = Esci dal servizio di accesso (per entrare con un altro account)

## Webhooks (issue 21): the managers' page. $event is the event's type with dots and
## underscores as hyphens; $status a delivery's status.
manager-webhooks-title = Webhook
manager-webhooks-intro = Gli eventi dell'ufficio, firmati, inviati ai sistemi del Comune (CRM, anagrafe, eliminacode). Ogni invio è ripetuto finché il sistema non risponde 2xx.
manager-webhook-url = Indirizzo (URL)
manager-webhook-events = Eventi
manager-webhook-add = Aggiungi il webhook
manager-webhook-secret = Copiate ora questo segreto nel sistema che riceve: non sarà più mostrato.
manager-webhook-test = Invia una prova
manager-webhook-tested = La prova è in coda: parte entro pochi secondi.
manager-webhook-deliveries = Ultimi invii
manager-webhook-none = Ancora nessun webhook.
manager-webhook-no-deliveries = Ancora nessun invio.
manager-webhook-replay = Invia di nuovo
manager-webhook-attempts = Tentativi
manager-webhook-error = Ultimo errore
manager-webhook-when = Quando
webhook-event =
    { $event ->
        [booking-created] Prenotazione fatta
        [booking-cancelled] Prenotazione annullata
        [booking-checked-in] Arrivo registrato
        [booking-served] Servito
        [booking-no-show] Assenza (posto liberato)
        [ticket-called] Biglietto chiamato
       *[ping] Prova (ping)
    }
webhook-status =
    { $status ->
       *[pending] In attesa
        [sending] In invio
        [sent] Consegnato
        [failed] Non consegnato
    }
field-url = Indirizzo (URL)
invalid-url = Scrivete l'indirizzo completo di un server pubblico, che inizi con https:// (gli indirizzi della rete interna sono ammessi solo se l'amministratore li ha abilitati).
field-events = Eventi
invalid-events = Scegliete almeno uno degli eventi dell'elenco.

## Calendar feeds (issue 21): /staff/calendars. $date is when the address was made.
staff-nav-calendars = Calendari
staff-calendars-title = Calendari
staff-calendars-intro = Abbonate il calendario del vostro telefono o di Outlook a questi indirizzi per vedere gli appuntamenti di oggi e delle prossime sei settimane (codice e servizio, senza nomi). Chi conosce l'indirizzo vede gli appuntamenti: se lo perdete, createne uno nuovo e il vecchio smette di funzionare.
staff-calendar-of = Calendario di
staff-calendar-address = Indirizzo
staff-calendar-made = Ecco il nuovo indirizzo: copiatelo ora nell'app del calendario, non sarà più mostrato.
staff-calendar-since = attivo dal { $date }
staff-calendar-none = nessun indirizzo
staff-calendar-reset = Nuovo indirizzo
staff-calendar-make = Crea l'indirizzo

## Spreadsheets (issue 21).
manager-download-xlsx = Scarica Excel (.xlsx)
manager-download-bookings = Prenotazioni del periodo (.xlsx)
staff-download-xlsx = Scarica Excel (.xlsx)
