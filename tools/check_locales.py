#!/usr/bin/env python3
"""Checks the Fluent message files locales/<lang>/sportello.ftl.

1. Every file parses with fluent.syntax without Junk (syntax errors).
2. Every file has exactly the message ids of the Italian file (the fallback), with the
   same attributes and, per message, the same variable names (in the value, the
   attributes, selectors and every variant; the same walk as the test in src/l10n.rs).
3. Plural selectors (those with CLDR category keys) use only the categories of the
   file's language and cover the ones it needs (Arabic: zero, one, two, few, many,
   other; Romanian: one, few, other; the others: one, other).

Usage: python3 tools/check_locales.py   (needs `pip install fluent.syntax`)
Exits 1 and prints what differs on any problem, 0 when all files agree.
"""

import sys
from pathlib import Path

from fluent.syntax import FluentParser, ast

HERE = Path(__file__).resolve().parent.parent / "locales"
# Every folder of locales/, Italian (the reference) first.
_LOCALES = Path(__file__).resolve().parent.parent / "locales"
LANGUAGES = ["it"] + sorted(p.name for p in _LOCALES.iterdir() if p.is_dir() and p.name != "it")
REFERENCE = "it"

CLDR = {"zero", "one", "two", "few", "many", "other"}
# Categories a plural selector must have, and the ones it may have, per language.
PLURAL_NEEDED = {
    "it": {"one", "other"},
    "en": {"one", "other"},
    "sq": {"one", "other"},
    "ro": {"one", "few", "other"},
    "ar": {"zero", "one", "two", "few", "many", "other"},
}
PLURAL_ALLOWED = {**PLURAL_NEEDED, "it": {"one", "many", "other"}}


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1


class Walker:
    """Collects variable names and plural selectors of one message."""

    def __init__(self):
        self.variables = set()
        self.plural_keys = []  # one set of identifier keys per plural selector

    def pattern(self, pattern):
        for element in pattern.elements:
            if isinstance(element, ast.Placeable):
                self.expression(element.expression)

    def expression(self, expr):
        if isinstance(expr, ast.SelectExpression):
            self.expression(expr.selector)
            keys = {v.key.name for v in expr.variants if isinstance(v.key, ast.Identifier)}
            # A plural selector names CLDR categories besides `other` (which is also the
            # usual default of a selector over codes, like the audit log's entities).
            if (keys - {"other"}) and keys <= CLDR:
                self.plural_keys.append(keys)
            for variant in expr.variants:
                self.pattern(variant.value)
        elif isinstance(expr, ast.VariableReference):
            self.variables.add(expr.id.name)
        elif isinstance(expr, ast.FunctionReference):
            for arg in expr.arguments.positional:
                self.expression(arg)
            for arg in expr.arguments.named:
                self.expression(arg.value)
        elif isinstance(expr, ast.Placeable):
            self.expression(expr.expression)
        elif isinstance(expr, (ast.MessageReference, ast.TermReference)):
            pass  # no variables of their own here; checked where they are defined
        # literals: nothing


def load(lang, problems):
    path = HERE / lang / "sportello.ftl"
    if not path.exists():
        problems.append(f"{lang}: {path} is missing")
        return None
    text = path.read_text(encoding="utf-8")
    resource = FluentParser(with_spans=True).parse(text)
    messages = {}
    for entry in resource.body:
        if isinstance(entry, ast.Junk):
            notes = "; ".join(a.message for a in entry.annotations)
            problems.append(
                f"{lang}: syntax error (Junk) at line {line_of(text, entry.span.start)}: "
                f"{notes}: {entry.content.strip()[:80]!r}"
            )
        elif isinstance(entry, ast.Message):
            name = entry.id.name
            if name in messages:
                problems.append(f"{lang}: duplicate message id {name}")
            walker = Walker()
            if entry.value is not None:
                walker.pattern(entry.value)
            for attribute in entry.attributes:
                walker.pattern(attribute.value)
            attributes = {a.id.name for a in entry.attributes}
            messages[name] = (frozenset(walker.variables), frozenset(attributes), walker.plural_keys)
    return messages


def main():
    problems = []
    files = {lang: load(lang, problems) for lang in LANGUAGES}
    reference = files.get(REFERENCE)
    counts = {lang: len(m) for lang, m in files.items() if m is not None}
    if reference is not None:
        for lang in LANGUAGES:
            other = files[lang]
            if other is None:
                continue
            missing = sorted(set(reference) - set(other))
            extra = sorted(set(other) - set(reference))
            if missing:
                problems.append(f"{lang}: missing ids: {', '.join(missing)}")
            if extra:
                problems.append(f"{lang}: extra ids: {', '.join(extra)}")
            for name in sorted(set(reference) & set(other)):
                ref_vars, ref_attrs, _ = reference[name]
                vars_, attrs, _ = other[name]
                if vars_ != ref_vars:
                    problems.append(
                        f"{lang}: {name}: variables {sorted(vars_)} differ from "
                        f"{REFERENCE} {sorted(ref_vars)}"
                    )
                if attrs != ref_attrs:
                    problems.append(
                        f"{lang}: {name}: attributes {sorted(attrs)} differ from "
                        f"{REFERENCE} {sorted(ref_attrs)}"
                    )
    for lang, messages in files.items():
        if messages is None:
            continue
        if lang not in PLURAL_NEEDED:
            problems.append(f"{lang}: add its CLDR plural categories to PLURAL_NEEDED")
            continue
        for name, (_, _, plurals) in sorted(messages.items()):
            for keys in plurals:
                wrong = sorted((keys & CLDR) - PLURAL_ALLOWED[lang])
                lacking = sorted(PLURAL_NEEDED[lang] - keys)
                if wrong:
                    problems.append(f"{lang}: {name}: plural categories not used in {lang}: {wrong}")
                if lacking:
                    problems.append(f"{lang}: {name}: plural categories missing: {lacking}")

    for lang in LANGUAGES:
        if lang in counts:
            print(f"{lang}: {counts[lang]} messages")
    if problems:
        print(f"{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        return 1
    print("OK: no syntax errors; same ids, attributes and variables in all files; plural categories complete.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
