//! The message files, one per language (`locales/<lang>/sportello.ftl`, Fluent), embedded
//! in the binary, and the loader the pages and the emails read them through.
//!
//! Issue 15 is under way: the files hold every text of the citizen, staff and manager
//! pages and of the emails in Italian, English, Albanian, Romanian and Arabic, and the
//! tests below keep them consistent; the pages and emails still read `crate::i18n` and
//! the `web` text structs until they are moved over.

use std::sync::LazyLock;

use i18n_embed::{
    LanguageLoader,
    fluent::{FluentLanguageLoader, fluent_language_loader},
};
use rust_embed::RustEmbed;
use unic_langid::LanguageIdentifier;

#[derive(RustEmbed)]
#[folder = "locales/"]
struct Localizations;

/// The languages citizens can choose, as their codes; Italian first (the default).
pub const LANGUAGES: [&str; 5] = ["it", "en", "sq", "ro", "ar"];

static LOADER: LazyLock<FluentLanguageLoader> = LazyLock::new(|| {
    let loader = fluent_language_loader!();
    let languages: Vec<LanguageIdentifier> =
        LANGUAGES.iter().filter_map(|l| l.parse().ok()).collect();
    if let Err(e) = loader.load_languages(&Localizations, &languages) {
        // The files are embedded and checked by the tests: this is a build gone wrong.
        tracing::error!(error = %e, "the message files do not load");
    }
    loader
});

/// The loader set to `lang` (falling back to Italian for a message it lacks).
pub fn loader_for(lang: &str) -> FluentLanguageLoader {
    let id: LanguageIdentifier = lang
        .parse()
        .unwrap_or_else(|_| LOADER.fallback_language().clone());
    LOADER.select_languages(&[id])
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
}
