//! The texts of the citizen pages in Italian (the default) and English, and dates and
//! times written the way people read them (`lunedì 30 novembre 2026`, `09:00`).

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::domain::Language;

/// Every text of the citizen pages, in one language. A struct rather than a lookup by
/// key, so a missing translation is a compile error.
#[derive(Debug)]
pub struct Texts {
    pub lang: &'static str,
    pub site: &'static str,
    pub skip: &'static str,
    pub other_lang_label: &'static str,
    pub other_lang_code: &'static str,
    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub minutes: &'static str,
    pub video_call: &'static str,
    pub choose_day: &'static str,
    pub free_times: &'static str,
    pub one_free_time: &'static str,
    pub no_free_times: &'static str,
    pub earlier: &'static str,
    pub later: &'static str,
    pub choose_time: &'static str,
    pub party_size: &'static str,
    pub party_hint: &'static str,
    pub continue_: &'static str,
    pub back_to_days: &'static str,
    pub just_taken: &'static str,
    pub nearest_free: &'static str,
    pub no_times_day: &'static str,
    pub details_title: &'static str,
    pub held_until: &'static str,
    pub name: &'static str,
    pub email: &'static str,
    pub email_hint: &'static str,
    pub phone: &'static str,
    pub optional: &'static str,
    pub consent: &'static str,
    pub consent_error: &'static str,
    pub confirm: &'static str,
    pub errors_title: &'static str,
    pub hold_gone: &'static str,
    pub booking_title: &'static str,
    pub booking_done: &'static str,
    pub reference: &'static str,
    pub status: &'static str,
    pub when: &'static str,
    pub where_: &'static str,
    pub service: &'static str,
    pub persons: &'static str,
    pub what_to_bring: &'static str,
    pub qr_title: &'static str,
    pub qr_help: &'static str,
    pub qr_alt: &'static str,
    pub manage_link: &'static str,
    pub manage_help: &'static str,
    pub meeting: &'static str,
    pub cancel: &'static str,
    pub resend: &'static str,
    pub resent_note: &'static str,
    pub cancel_title: &'static str,
    pub cancel_question: &'static str,
    pub cancel_yes: &'static str,
    pub cancel_no: &'static str,
    pub cancelled_note: &'static str,
    pub status_confirmed: &'static str,
    pub status_checked_in: &'static str,
    pub status_served: &'static str,
    pub status_cancelled: &'static str,
    pub status_no_show: &'static str,
    pub accessibility: &'static str,
    pub error_title: &'static str,
    pub error_404: &'static str,
    pub error_409: &'static str,
    pub error_422: &'static str,
    pub error_429: &'static str,
    pub error_500: &'static str,
    pub error_other: &'static str,
    pub go_home: &'static str,
    pub footer: &'static str,
    weekdays: [&'static str; 7],
    months: [&'static str; 12],
}

/// Italian.
pub static IT: Texts = Texts {
    lang: "it",
    site: "Sportello – Prenotazione appuntamenti",
    skip: "Vai al contenuto principale",
    other_lang_label: "English",
    other_lang_code: "en",
    home_title: "Prenota un appuntamento",
    home_intro: "Scegli l'ufficio e il servizio. Riceverai la conferma per email, con il codice QR da mostrare allo sportello.",
    minutes: "minuti",
    video_call: "in videochiamata",
    choose_day: "Scegli il giorno",
    free_times: "orari liberi",
    one_free_time: "1 orario libero",
    no_free_times: "nessun orario libero",
    earlier: "Giorni precedenti",
    later: "Giorni successivi",
    choose_time: "Scegli l'orario",
    party_size: "Numero di persone",
    party_hint: "Da 1 a 4 persone che entrano insieme.",
    continue_: "Continua",
    back_to_days: "Torna ai giorni",
    just_taken: "Questo orario è appena stato preso da qualcun altro.",
    nearest_free: "Gli orari liberi più vicini:",
    no_times_day: "In questo giorno non ci sono orari liberi.",
    details_title: "I tuoi dati",
    held_until: "Teniamo l'orario per te fino alle",
    name: "Nome e cognome",
    email: "Email",
    email_hint: "Ti mandiamo qui la conferma e il codice QR.",
    phone: "Telefono",
    optional: "facoltativo",
    consent: "Ho letto l'informativa e acconsento al trattamento dei miei dati per gestire l'appuntamento.",
    consent_error: "Per prenotare serve il consenso al trattamento dei dati.",
    confirm: "Conferma la prenotazione",
    errors_title: "Correggi questi campi:",
    hold_gone: "Il tempo per completare la prenotazione è scaduto. Scegli di nuovo un orario.",
    booking_title: "La tua prenotazione",
    booking_done: "Prenotazione confermata.",
    reference: "Codice",
    status: "Stato",
    when: "Quando",
    where_: "Dove",
    service: "Servizio",
    persons: "Persone",
    what_to_bring: "Cosa portare",
    qr_title: "Codice QR per l'ingresso",
    qr_help: "Mostralo allo sportello all'arrivo, dal telefono o stampato.",
    qr_alt: "Codice QR del tuo appuntamento",
    manage_link: "Link per vedere o annullare",
    manage_help: "Conserva questo link: serve per vedere o annullare la prenotazione.",
    meeting: "Link della videochiamata",
    cancel: "Annulla la prenotazione",
    resend: "Invia di nuovo l'email",
    resent_note: "Ti abbiamo inviato di nuovo l'email di conferma.",
    cancel_title: "Annullare la prenotazione?",
    cancel_question: "L'orario tornerà libero per altre persone. Vuoi annullare?",
    cancel_yes: "Sì, annulla",
    cancel_no: "No, torna indietro",
    cancelled_note: "La prenotazione è annullata.",
    status_confirmed: "confermata",
    status_checked_in: "accolta allo sportello",
    status_served: "conclusa",
    status_cancelled: "annullata",
    status_no_show: "non presentato",
    accessibility: "Dichiarazione di accessibilità",
    error_title: "Qualcosa non va",
    error_404: "La pagina o la prenotazione non esiste, o il link non è completo.",
    error_409: "Non è possibile: la situazione è cambiata nel frattempo.",
    error_422: "Alcuni dati non sono validi.",
    error_429: "Troppe richieste in poco tempo. Riprova tra qualche secondo.",
    error_500: "Si è verificato un errore. Riprova più tardi.",
    error_other: "La richiesta non può essere soddisfatta.",
    go_home: "Torna alla pagina iniziale",
    footer: "Comune – servizio di prenotazione degli sportelli",
    weekdays: [
        "lunedì",
        "martedì",
        "mercoledì",
        "giovedì",
        "venerdì",
        "sabato",
        "domenica",
    ],
    months: [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
};

/// English.
pub static EN: Texts = Texts {
    lang: "en",
    site: "Sportello – Appointment booking",
    skip: "Skip to main content",
    other_lang_label: "Italiano",
    other_lang_code: "it",
    home_title: "Book an appointment",
    home_intro: "Choose the office and the service. You will get a confirmation by email, with the QR code to show at the counter.",
    minutes: "minutes",
    video_call: "by video call",
    choose_day: "Choose the day",
    free_times: "free times",
    one_free_time: "1 free time",
    no_free_times: "no free times",
    earlier: "Earlier days",
    later: "Later days",
    choose_time: "Choose the time",
    party_size: "Number of persons",
    party_hint: "1 to 4 persons coming in together.",
    continue_: "Continue",
    back_to_days: "Back to the days",
    just_taken: "This time has just been taken by someone else.",
    nearest_free: "The nearest free times:",
    no_times_day: "There are no free times on this day.",
    details_title: "Your details",
    held_until: "We keep this time for you until",
    name: "Full name",
    email: "Email",
    email_hint: "We send the confirmation and the QR code here.",
    phone: "Phone",
    optional: "optional",
    consent: "I have read the privacy notice and agree to my data being used to manage the appointment.",
    consent_error: "Booking needs your consent to the use of your data.",
    confirm: "Confirm the booking",
    errors_title: "Please correct these fields:",
    hold_gone: "The time to complete the booking has run out. Please choose a time again.",
    booking_title: "Your booking",
    booking_done: "Booking confirmed.",
    reference: "Reference",
    status: "Status",
    when: "When",
    where_: "Where",
    service: "Service",
    persons: "Persons",
    what_to_bring: "What to bring",
    qr_title: "QR code for admission",
    qr_help: "Show it at the counter when you arrive, on your phone or printed.",
    qr_alt: "QR code of your appointment",
    manage_link: "Link to view or cancel",
    manage_help: "Keep this link: you need it to view or cancel the booking.",
    meeting: "Video call link",
    cancel: "Cancel the booking",
    resend: "Send the email again",
    resent_note: "We have sent the confirmation email again.",
    cancel_title: "Cancel the booking?",
    cancel_question: "The time will be free for other people again. Do you want to cancel?",
    cancel_yes: "Yes, cancel",
    cancel_no: "No, go back",
    cancelled_note: "The booking is cancelled.",
    status_confirmed: "confirmed",
    status_checked_in: "admitted at the counter",
    status_served: "completed",
    status_cancelled: "cancelled",
    status_no_show: "no-show",
    accessibility: "Accessibility statement",
    error_title: "Something is wrong",
    error_404: "The page or the booking does not exist, or the link is incomplete.",
    error_409: "This is not possible: things changed in the meantime.",
    error_422: "Some details are not valid.",
    error_429: "Too many requests in a short time. Please try again in a few seconds.",
    error_500: "An error occurred. Please try again later.",
    error_other: "The request cannot be completed.",
    go_home: "Back to the home page",
    footer: "Municipality – counter booking service",
    weekdays: [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
};

impl Texts {
    /// The texts of a language.
    pub fn of(lang: Language) -> &'static Texts {
        match lang {
            Language::It => &IT,
            Language::En => &EN,
        }
    }

    /// `lunedì 30 novembre 2026` / `Monday 30 November 2026`.
    pub fn long_date(&self, date: NaiveDate) -> String {
        let weekday = self.weekdays[date.weekday().num_days_from_monday() as usize];
        let month = self.months[date.month0() as usize];
        format!("{weekday} {} {month} {}", date.day(), date.year())
    }

    /// The status of a booking in words.
    pub fn status(&self, status: &str) -> &'static str {
        match status {
            "confirmed" => self.status_confirmed,
            "checked_in" => self.status_checked_in,
            "served" => self.status_served,
            "cancelled" => self.status_cancelled,
            _ => self.status_no_show,
        }
    }

    /// "12 free times", "1 free time", "no free times".
    pub fn free_count(&self, n: usize) -> String {
        match n {
            0 => self.no_free_times.to_string(),
            1 => self.one_free_time.to_string(),
            n => format!("{n} {}", self.free_times),
        }
    }
}

/// `09:00`: times shown to people, in the office's zone.
pub fn hhmm(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_naturally_in_both_languages() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(IT.long_date(d), "lunedì 30 novembre 2026");
        assert_eq!(EN.long_date(d), "Monday 30 November 2026");
        assert_eq!(EN.free_count(0), "no free times");
        assert_eq!(IT.free_count(3), "3 orari liberi");
        let t = DateTime::parse_from_rfc3339("2026-03-30T07:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(hhmm(t, chrono_tz::Europe::Rome), "09:00");
    }
}
