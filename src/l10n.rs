//! The message files, one per language (`locales/<lang>/sportello.ftl`, Fluent), embedded
//! in the binary, and [`Tr`], the one way pages, emails and notices read them.
//!
//! Every word a person reads lives in those files: the citizen, staff and manager pages,
//! the emails, the validation messages shown on pages. A file also says how its language
//! is written: `lang-dir` (`ltr` or `rtl`), and the date patterns with the locale whose
//! weekday and month names fill them (`date-locale`, `date-long`, …), so a sixth language
//! needs its folder and one line in [`crate::domain::LANGUAGES`], and no other code.
//!
//! Templates use `fl!(self.t, "id", name = value)`: the ids and argument names are checked
//! at build time against the Italian file, and the tests below keep every other file in
//! step with it.

use std::{ops::Deref, str::FromStr, sync::LazyLock};

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use i18n_embed::{
    LanguageLoader,
    fluent::{FluentLanguageLoader, fluent_language_loader},
};
use rust_embed::RustEmbed;
use unic_langid::LanguageIdentifier;

pub use crate::domain::{LANGUAGES, Language};
pub use i18n_embed_fl::fl;

#[derive(RustEmbed)]
#[folder = "locales/"]
struct Localizations;

static LOADER: LazyLock<FluentLanguageLoader> = LazyLock::new(|| {
    let loader = fluent_language_loader!();
    let languages: Vec<LanguageIdentifier> =
        LANGUAGES.iter().filter_map(|l| l.parse().ok()).collect();
    if let Err(e) = loader.load_languages(&Localizations, &languages) {
        // The files are embedded and checked by the tests: this is a build gone wrong.
        tracing::error!(error = %e, "the message files do not load");
    }
    loader.with_bundles_mut(|bundle| {
        // Fluent wraps every placeable in Unicode isolation marks. They keep a time or a
        // reference in the right order inside right-to-left text, and only there: in a
        // left-to-right language they are noise in subjects, calendar files and tests.
        let rtl = bundle
            .locales
            .first()
            .is_some_and(|l| l.character_direction() == unic_langid::CharacterDirection::RTL);
        bundle.set_use_isolating(rtl);
        // NUMBER() for plural selectors on formatted numbers.
        let _ = bundle.add_builtins();
    });
    loader
});

/// The loader set to `lang` (falling back to Italian for a message it lacks).
pub fn loader_for(lang: &str) -> FluentLanguageLoader {
    let id: LanguageIdentifier = lang
        .parse()
        .unwrap_or_else(|_| LOADER.fallback_language().clone());
    LOADER.select_languages(&[id])
}

/// The texts of one language, and how it writes dates and its direction. Dereferences
/// to the Fluent loader, so `fl!(t, "id")` works on it.
pub struct Tr {
    lang: Language,
    loader: FluentLanguageLoader,
}

impl Deref for Tr {
    type Target = FluentLanguageLoader;
    fn deref(&self) -> &FluentLanguageLoader {
        &self.loader
    }
}

impl std::fmt::Debug for Tr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Tr").field(&self.lang).finish()
    }
}

/// One [`Tr`] per language, made once: pages hold `&'static Tr` like any constant.
static TRS: LazyLock<Vec<Tr>> = LazyLock::new(|| {
    Language::all()
        .map(|lang| Tr {
            lang,
            loader: loader_for(lang.code()),
        })
        .collect()
});

/// A language of the language menu, named in itself.
#[derive(Debug, Clone)]
pub struct LanguageChoice {
    /// Its ISO code.
    pub code: &'static str,
    /// Its name in itself (`Shqip`, `العربية`).
    pub name: String,
    /// `ltr` or `rtl`, for the link's own `dir`.
    pub dir: &'static str,
    /// The page's language.
    pub current: bool,
}

impl Tr {
    /// The texts of `lang`.
    pub fn of(lang: Language) -> &'static Tr {
        TRS.iter()
            .find(|t| t.lang == lang)
            .unwrap_or_else(|| &TRS[0])
    }

    /// The language.
    pub fn lang(&self) -> Language {
        self.lang
    }

    /// Its ISO code, for `lang=` attributes and links.
    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    /// `rtl` or `ltr`, for `dir=` attributes.
    pub fn dir(&self) -> &'static str {
        if self.loader.get("lang-dir") == "rtl" {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// Every language, each named in itself, for the language menu.
    pub fn choices(&self) -> Vec<LanguageChoice> {
        Language::all()
            .map(|l| {
                let t = Tr::of(l);
                LanguageChoice {
                    code: l.code(),
                    name: t.get("citizen-lang-name"),
                    dir: t.dir(),
                    current: l == self.lang,
                }
            })
            .collect()
    }

    /// A date written with the pattern of message `pattern_id` (chrono's `strftime`
    /// syntax), with the weekday and month names of the file's `date-locale`.
    pub fn date(&self, date: NaiveDate, pattern_id: &str) -> String {
        let pattern = self.loader.get(pattern_id);
        let locale = chrono::Locale::from_str(&self.loader.get("date-locale"))
            .unwrap_or(chrono::Locale::POSIX);
        date.format_localized(&pattern, locale).to_string()
    }

    /// `lunedì 30 novembre 2026`, `e hënë, 30 nëntor 2026`.
    pub fn long_date(&self, date: NaiveDate) -> String {
        self.date(date, "date-long")
    }

    /// The weekday's full name ("lunedì", "Monday").
    pub fn weekday(&self, date: NaiveDate) -> String {
        let locale = chrono::Locale::from_str(&self.loader.get("date-locale"))
            .unwrap_or(chrono::Locale::POSIX);
        date.format_localized("%A", locale).to_string()
    }

    /// A weekday's short name, 1 = Monday (`lun`, `Mon`).
    pub fn short_weekday(&self, iso_day: u32) -> String {
        // 2024-01-01 was a Monday.
        NaiveDate::from_ymd_opt(2024, 1, iso_day.clamp(1, 7))
            .map(|d| self.date(d, "date-weekday-short"))
            .unwrap_or_default()
    }

    /// A number with `places` decimals and the language's decimal separator
    /// (`number-decimal-separator`): `12,5` in Italian, `12.5` in English. Fluent writes
    /// numbers unlocalised, and a separator is all these pages show of number formats.
    pub fn decimal(&self, value: f64, places: usize) -> String {
        let plain = format!("{value:.places$}");
        plain.replace('.', &self.loader.get("number-decimal-separator"))
    }

    /// A span of time (`09:00–12:30`), kept in reading order in right-to-left text.
    pub fn time_range(&self, start: &str, end: &str) -> String {
        i18n_embed_fl::fl!(self.loader, "time-range", start = start, end = end)
    }

    /// A date and a time in one phrase, in the language's order.
    pub fn date_time(&self, at: DateTime<Utc>, tz: Tz) -> String {
        let local = at.with_timezone(&tz);
        i18n_embed_fl::fl!(
            self.loader,
            "citizen-date-time",
            date = self.long_date(local.date_naive()),
            time = hhmm(at, tz)
        )
    }
}

impl Tr {
    /// A date and a span of time in one phrase (`lunedì 30 marzo 2026, 09:00–09:20`).
    pub fn date_time_range(&self, start: DateTime<Utc>, end: DateTime<Utc>, tz: Tz) -> String {
        i18n_embed_fl::fl!(
            self.loader,
            "citizen-date-time-range",
            date = self.long_date(start.with_timezone(&tz).date_naive()),
            start = hhmm(start, tz),
            end = hhmm(end, tz)
        )
    }
}

/// `09:00`: times shown to people, in the office's zone; the 24-hour clock in every
/// language Sportello speaks.
pub fn hhmm(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use fluent_syntax::{ast, parser};

    use super::*;

    /// Each message's id with the variables it uses (in any variant or attribute).
    fn messages(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
        let file = Localizations::get(&format!("{lang}/sportello.ftl"))
            .unwrap_or_else(|| panic!("locales/{lang}/sportello.ftl is missing"));
        let text = String::from_utf8(file.data.to_vec()).expect("UTF-8");
        let resource =
            parser::parse(text.as_str()).unwrap_or_else(|(_, errors)| panic!("{lang}: {errors:?}"));
        let mut out = BTreeMap::new();
        for entry in resource.body {
            if let ast::Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern_vars(p, &mut vars);
                }
                for a in &m.attributes {
                    pattern_vars(&a.value, &mut vars);
                }
                out.insert(m.id.name.to_string(), vars);
            }
        }
        out
    }

    fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
        for e in &p.elements {
            if let ast::PatternElement::Placeable { expression } = e {
                expression_vars(expression, vars);
            }
        }
    }

    fn expression_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
        match e {
            ast::Expression::Select { selector, variants } => {
                inline_vars(selector, vars);
                for v in variants {
                    pattern_vars(&v.value, vars);
                }
            }
            ast::Expression::Inline(i) => inline_vars(i, vars),
        }
    }

    fn inline_vars(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
        match i {
            ast::InlineExpression::VariableReference { id } => {
                vars.insert(id.name.to_string());
            }
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for a in &arguments.positional {
                    inline_vars(a, vars);
                }
                for n in &arguments.named {
                    inline_vars(&n.value, vars);
                }
            }
            ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
            _ => {}
        }
    }

    #[test]
    fn every_language_has_every_message_with_the_same_variables() {
        let italian = messages("it");
        assert!(
            italian.len() > 100,
            "only {} Italian messages",
            italian.len()
        );
        for lang in &LANGUAGES[1..] {
            let other = messages(lang);
            let missing: Vec<_> = italian.keys().filter(|k| !other.contains_key(*k)).collect();
            let extra: Vec<_> = other.keys().filter(|k| !italian.contains_key(*k)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{lang}: missing {missing:?}, extra {extra:?}"
            );
            let differ: Vec<_> = italian
                .iter()
                .filter(|(k, v)| other.get(*k) != Some(v))
                .map(|(k, v)| format!("{k}: it {v:?}, {lang} {:?}", other.get(k)))
                .collect();
            assert!(differ.is_empty(), "variables differ: {differ:#?}");
        }
    }

    #[test]
    fn the_loader_speaks_each_language_and_falls_back_to_italian() {
        let italian = messages("it");
        let Some(id) = italian
            .iter()
            .find(|(_, v)| v.is_empty())
            .map(|(k, _)| k.clone())
        else {
            panic!("no message without variables");
        };
        let it = loader_for("it").get(&id);
        assert!(!it.is_empty() && !it.contains(&id), "{id} in Italian: {it}");
        for lang in &LANGUAGES[1..] {
            let text = loader_for(lang).get(&id);
            assert!(
                !text.is_empty() && !text.contains(&id),
                "{lang}: {id} → {text}"
            );
        }
        assert_eq!(
            loader_for("xx").get(&id),
            it,
            "an unknown language is Italian"
        );
    }

    fn tr(code: &str) -> &'static Tr {
        Tr::of(Language::parse(code).expect("registered"))
    }

    #[test]
    fn dates_follow_each_language_and_arabic_is_right_to_left() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
        assert_eq!(tr("it").long_date(d), "lunedì 30 novembre 2026");
        assert_eq!(tr("en").long_date(d), "Monday 30 November 2026");
        assert_eq!(tr("ro").long_date(d), "luni, 30 noiembrie 2026");
        assert!(
            tr("sq").long_date(d).contains("nëntor"),
            "{}",
            tr("sq").long_date(d)
        );
        assert!(
            tr("ar").long_date(d).contains("نوفمبر"),
            "{}",
            tr("ar").long_date(d)
        );
        assert_eq!(tr("it").short_weekday(1), "lun");
        assert_eq!(tr("en").short_weekday(7), "Sun");
        for code in LANGUAGES {
            let expected = if code == "ar" { "rtl" } else { "ltr" };
            assert_eq!(tr(code).dir(), expected, "{code}");
        }
        let t = DateTime::parse_from_rfc3339("2026-03-30T07:00:00Z")
            .expect("time")
            .with_timezone(&Utc);
        assert_eq!(hhmm(t, chrono_tz::Europe::Rome), "09:00");
        assert_eq!(
            tr("en").date_time(t, chrono_tz::Europe::Rome),
            "Monday 30 March 2026, 09:00"
        );
    }

    #[test]
    fn plurals_follow_each_language() {
        let count = |code: &str, n: i64| fl!(tr(code), "citizen-free-count", count = n);
        assert_eq!(count("it", 0), "nessun orario libero");
        assert_eq!(count("it", 1), "1 orario libero");
        assert_eq!(count("en", 12), "12 free times");
        // Romanian says "de" from twenty on; Arabic has six forms.
        assert_ne!(count("ro", 2), count("ro", 20).replace("20", "2"));
        let arabic: BTreeSet<String> = [0, 1, 2, 3, 11, 100]
            .into_iter()
            .map(|n| count("ar", n).replace(&n.to_string(), "#"))
            .collect();
        assert!(arabic.len() >= 5, "{arabic:?}");
    }

    #[test]
    fn numbers_and_spans_of_time_follow_each_language() {
        assert_eq!(tr("it").decimal(12.345, 1), "12,3");
        assert_eq!(tr("en").decimal(12.345, 1), "12.3");
        assert_eq!(tr("it").time_range("09:00", "12:30"), "09:00–12:30");
        // Arabic keeps the span left to right inside its right-to-left text.
        let arabic = tr("ar").time_range("09:00", "12:30");
        assert!(
            arabic.starts_with('\u{2066}') && arabic.ends_with('\u{2069}'),
            "{arabic:?}"
        );
        assert_eq!(
            arabic.replace(['\u{2066}', '\u{2068}', '\u{2069}'], ""),
            "09:00–12:30"
        );
    }

    #[test]
    fn the_language_menu_names_each_language_in_itself() {
        let names: Vec<String> = tr("ar").choices().into_iter().map(|c| c.name).collect();
        assert_eq!(names, ["Italiano", "English", "Shqip", "Română", "العربية"]);
    }
}
