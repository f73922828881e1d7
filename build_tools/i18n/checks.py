"""What `check` says about translations: PO files that do not read, entries that no longer fit the
English, translations that change a link, emphasis, a list or a placeholder, and terms not used.

Each problem points into the PO file at the entry's line. Structure can only be lost within a
unit: the English decides the paragraphs and list items (a translation cannot drop one, since each
is its own entry), so a translation that *adds* a paragraph or a list item is what is reported.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog, Message

from ..problems import Problem
from .apply import po_name, po_path
from .catalogs import read_catalog, status_of
from .entry_checks import entry_problems
from .workflow import Template, configured_languages, templates

TERMINOLOGY = "terminology.yml"
TERM_ALTERNATIVES = re.compile(r"\s+ou\s+|\s*/\s*|\s*;\s*")
ENDINGS = "(?:s|x|e|es)?"


def translation_problems(root: Path) -> list[Problem]:
    """Every problem of every language's PO files, against the English as it is now."""
    codes, problems = configured_languages(root)
    if not codes:
        return problems
    all_templates, trouble = templates(root)
    if trouble:  # the content check reports an unreadable English file
        return problems
    for language in codes:
        problems += language_problems(root, language, all_templates)
    return problems


def language_problems(root: Path, language: str, all_templates: list[Template]) -> list[Problem]:
    problems: list[Problem] = []
    terms = terminology(root, language, problems)
    missing = fuzzy = 0
    for template in all_templates:
        path, name = po_path(root, language, template.source.po), po_name(language, template.source.po)
        if not path.is_file():
            missing += len(template.units)
            continue
        catalog, trouble = read_catalog(path, name)
        problems += trouble
        if catalog is None:
            continue
        problems += catalog_problems(name, template, catalog, terms)
        status = status_of(name, template.units, catalog)
        missing, fuzzy = missing + status.untranslated, fuzzy + status.fuzzy
    if missing or fuzzy:
        parts = [f"{n} {what}" for n, what in ((missing, "untranslated"), (fuzzy, "fuzzy")) if n]
        problems.append(
            Problem(
                f"translations/{language}",
                0,
                "",
                f"{' and '.join(parts)} texts, shown in English",
                "`python -m build_tools translations` lists them per file; `make translations` adds new English",
                "warning",
            )
        )
    return problems


def catalog_problems(name: str, template: Template, catalog: Catalog, terms: list) -> list[Problem]:
    contexts = {u.context for u in template.units}
    wanted = {(u.context, u.text) for u in template.units}
    problems = []
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue
        where = Problem(name, message.lineno or 0, message.context or "", "")
        if (message.context or "") not in contexts:
            problems.append(
                _at(
                    where,
                    f"no text of {template.source.name} has this context any more",
                    "run `make translations`, which makes the entry obsolete",
                )
            )
            continue
        if ((message.context or ""), message.id) not in wanted:
            problems.append(
                _at(where, "the English of this entry has changed", "run `make translations`", severity="warning")
            )
            continue
        if message.string and isinstance(message.string, str) and not message.fuzzy:
            problems += [_at(where, text) for text in entry_problems(message.id, message.string)]
            problems += [_at(where, text, severity="warning") for text in term_problems(message, terms)]
    return problems


def _at(where: Problem, message: str, hint: str = "", severity: str = "error") -> Problem:
    return Problem(where.file, where.line, where.field, message, hint, severity)


def terminology(root: Path, language: str, problems: list[Problem]) -> list[tuple[str, re.Pattern, re.Pattern]]:
    """(English term, its pattern, the pattern of its translation) from `translations/<language>/terminology.yml`
    and from the translated glossary's terms."""
    pairs: dict[str, list[str]] = {}
    path = root / "translations" / language / TERMINOLOGY
    if path.is_file():
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            line = error.problem_mark.line + 1 if getattr(error, "problem_mark", None) else 0
            problems.append(Problem(f"translations/{language}/{TERMINOLOGY}", line, "", f"not valid YAML: {error}"))
            data = {}
        for term in data.get("terms", []) if isinstance(data, dict) else []:
            if isinstance(term, dict) and isinstance(term.get("en"), str) and isinstance(term.get("fr"), str):
                pairs.setdefault(term["en"], []).append(term["fr"])
    glossary = po_path(root, language, "glossary.po")
    if glossary.is_file():
        catalog, _ = read_catalog(glossary, "")
        for message in catalog or []:
            if (message.context or "").endswith("/term") and message.string and not message.fuzzy:
                pairs.setdefault(message.id, []).append(message.string)
    return [(english, _pattern([english]), _pattern(french), french[0]) for english, french in pairs.items()]


def _pattern(terms: list[str]) -> re.Pattern:
    alternatives = []
    for term in terms:
        for alternative in TERM_ALTERNATIVES.split(term):
            words = [re.escape(word) + ENDINGS for word in alternative.split()]
            if words:
                alternatives.append(r"\s+".join(words))
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)


def term_problems(message: Message, terms: list) -> list[str]:
    """A term of the table in the English whose translation is not in the translated text."""
    if (message.context or "").split("/")[0] == "terms":  # the glossary defines the terms themselves
        return []
    found = []
    for english, ours, theirs, shown in terms:
        if ours.search(message.id) and not theirs.search(message.string):
            found.append(f"'{english}' in the English, but not its translation ({shown})")
    return found
