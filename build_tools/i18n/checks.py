"""What `check` says about translations: PO files that do not read, entries that no longer fit the
English, translations that change a link, emphasis, a list or a placeholder, and terms not used.

Each problem points into the PO file at the entry's line. Structure can only be lost within a
unit: the English decides the paragraphs and list items (a translation cannot drop one, since each
is its own entry), so a translation that *adds* a paragraph or a list item is what is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog, Message

from ..problems import Problem
from ..verdicts import HINT as VERDICT_HINT
from ..verdicts import translated_verdict
from .apply import po_name, po_path
from .catalogs import read_catalog, status_of
from .entry_checks import entry_problems, subset_problems
from .typography import PROTECTED
from .workflow import Template, configured_languages, in_language, templates

TERMINOLOGY = "terminology.yml"
SLASH = re.compile(r"\s+/\s+")
FORMS = re.compile(r"\s+ou\s+|\s*;\s*")
NOTE = re.compile(r"\s*\([^)]*\)")
ENDINGS = "(?:s|x|e|es)?"
AL_ENDINGS = "(?:al|aux|ale|ales|als)"
"""French `-al` words make their plural in `-aux` (`dialogue national`, `dialogues nationaux`)."""
KEPT = "(?!)"
"""English terms keep their article (`the parties` are the parties to a dispute, not political parties)."""
FRENCH_ARTICLES = r"(?:les|le|la|une|un|des|du|de\s+la)\s+|(?:de\s+)?l[’']"
REPEATED_ARTICLE = r"(?:(?:les|le|la|des|du)\s+|l[’'])?"
"""French repeats the article before each word of a list (`le droit international et les cadres normatifs`)."""
COORDINATION = {"et", "ou"}
PREPOSITIONS = {"de", "des", "du", "pour", "à", "au", "aux", "d’", "d'"}
INSERTED_WORD = r"(?:\s+[^\W\d_]+)?"
"""French puts an adjective after a noun, inside a term: `cartographie (simple) des acteurs`."""
TERM_NOTE = re.compile(r"^\s*term\s+'([^']+)'\s*:\s*\S")
"""A translator's comment `# term 'hearing': a verb here` on a PO entry: that term is not checked there."""
MAX_TERM_WORDS = 5
"""Longer entries of the table are official names and quotations, checked by translators, not here; they
still hold the terms inside them (`conflict prevention` inside a resolution's title)."""


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
    for template in in_language(language, all_templates):
        path, name = po_path(root, language, template.source.po), po_name(language, template.source.po)
        if not path.is_file():
            missing += len(template.units)
            continue
        catalog, trouble = read_catalog(path, name)
        problems += trouble
        if catalog is None:
            continue
        problems += catalog_problems(name, template, catalog, terms, language)
        status = status_of(name, template.units, catalog)
        missing, fuzzy = missing + status.untranslated, fuzzy + status.fuzzy
    problems += orphan_problems(root, language, all_templates)
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


def orphan_problems(root: Path, language: str, all_templates: list[Template]) -> list[Problem]:
    """PO files whose English file is gone (a module removed or renamed)."""
    folder = root / "translations" / language
    known = {t.source.po for t in all_templates}
    orphans = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.po")) if folder.is_dir() else []
    return [
        Problem(
            po_name(language, po),
            0,
            "",
            "no English file translates to this one any more",
            "delete it, or rename it after its module or quiz's new file name",
            "warning",
        )
        for po in orphans
        if po not in known
    ]


def catalog_problems(name: str, template: Template, catalog: Catalog, terms: list, language: str = "") -> list[Problem]:
    contexts = {u.context for u in template.units}
    wanted = {(u.context, u.text) for u in template.units}
    problems = []
    term_counts: dict[str, list] = {}
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
            if template.source.is_content:
                problems += [_at(where, text) for text in subset_problems(message.id, message.string)]
                problems += _verdict_problems(where, message, language)
            for term, text in term_problems(message, terms):
                term_counts.setdefault(term, [where, text, 0])[2] += 1
    for where, text, count in term_counts.values():  # one warning per term and file: the first place
        more = f" (and in {count - 1} more entr{'ies' if count > 2 else 'y'} of this file)" if count > 1 else ""
        problems.append(_at(where, text + more, severity="warning"))
    return problems


def _verdict_problems(where: Problem, message: Message, language: str) -> list[Problem]:
    """A translated feedback or explanation that opens with a verdict the quiz already shows."""
    verdict = translated_verdict(message.context or "", message.id, message.string, language)
    return [_at(where, f"it opens with '{verdict}', a verdict the quiz already shows", VERDICT_HINT)] if verdict else []


def _at(where: Problem, message: str, hint: str = "", severity: str = "error") -> Problem:
    return Problem(where.file, where.line, where.field, message, hint, severity)


@dataclass(frozen=True)
class Term:
    """A term of the table: the English (a pattern) and the forms its translation may take."""

    english: str
    pattern: re.Pattern
    translation: re.Pattern
    shown: str
    checked: bool = True
    """False for a long entry (a name, a quotation): not checked, but it holds the terms inside it."""

    @property
    def key(self) -> str:
        """A word the English must hold for the pattern to match: a cheap test before the pattern."""
        return self.english.split()[0].casefold() if self.english.split() else ""


def terminology(root: Path, language: str, problems: list[Problem]) -> list[Term]:
    """The terms of `translations/<language>/terminology.yml` (`terms: [{en: ..., fr: ...}]`) and of the
    translated glossary. `a / b` pairs alternatives one to one (`peacebuilding / peacekeeping`);
    `x ou y` gives the forms one term may take (`médiateur ou médiatrice`); a note in brackets is
    ignored; `fr_variants: [...]` lists other forms a translation may rightly use (a verb for the noun,
    a shorter form), accepted but not shown in the warning. Long entries (official titles, quotations)
    are not checked, but hold the terms inside them."""
    pairs: list[tuple[str, str]] = []
    variants: dict[str, list[str]] = {}
    long_names: list[str] = []
    for entry in _table(root, language, problems):
        found = _alternatives(entry["en"], entry[language])
        pairs += found
        if not found:
            long_names += _long_names(entry["en"])
        elif len(found) == 1:
            variants.setdefault(found[0][0], []).extend(_variants(entry.get(f"{language}_variants")))
    pairs += _glossary_pairs(root, language)
    merged: dict[str, list[str]] = {}
    for english, translation in pairs:
        merged.setdefault(english, []).append(translation)
    terms = [
        Term(english, _english_pattern(english), _pattern(found + variants.get(english, []), FRENCH_ARTICLES), found[0])
        for english, found in merged.items()
    ]
    return terms + [Term(name, _english_pattern(name), re.compile(KEPT), "", False) for name in long_names]


def _table(root: Path, language: str, problems: list[Problem]) -> list[dict]:
    """The entries of the language's terminology table that have an English and a translation."""
    path = root / "translations" / language / TERMINOLOGY
    if not path.is_file():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        line = error.problem_mark.line + 1 if getattr(error, "problem_mark", None) else 0
        problems.append(Problem(f"translations/{language}/{TERMINOLOGY}", line, "", f"not valid YAML: {error}"))
        return []
    entries = data.get("terms", []) if isinstance(data, dict) else []
    return [
        e for e in entries if isinstance(e, dict) and isinstance(e.get("en"), str) and isinstance(e.get(language), str)
    ]


def _glossary_pairs(root: Path, language: str) -> list[tuple[str, str]]:
    glossary = po_path(root, language, "glossary.po")
    if not glossary.is_file():
        return []
    catalog, _ = read_catalog(glossary, "")
    return [
        pair
        for message in catalog or []
        if (message.context or "").endswith("/term") and message.string and not message.fuzzy
        for pair in _alternatives(message.id, message.string)
    ]


def _variants(value: object) -> list[str]:
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [v for v in values if isinstance(v, str) and v.strip()]


def _long_names(english: str) -> list[str]:
    """The English of a long entry (a title, a quotation), alternatives and notes set apart."""
    return [name for name in (_bare(a) for a in SLASH.split(_without_notes(english))) if name]


def _alternatives(english: str, translation: str) -> list[tuple[str, str]]:
    """`a / b` → `x / y` as (a, x) and (b, y); notes in brackets dropped."""
    ours = [_bare(a) for a in SLASH.split(_without_notes(english))]
    theirs = [_bare(t) for t in SLASH.split(_without_notes(translation))]
    if len(ours) == len(theirs):
        pairs = list(zip(ours, theirs, strict=True))
    else:
        pairs = [(a, " ou ".join(theirs)) for a in ours]
    return [(a, t) for a, t in pairs if a and t and max(len(a.split()), len(t.split())) <= MAX_TERM_WORDS]


def _without_notes(text: str) -> str:
    return NOTE.sub("", text).strip()


def _bare(text: str) -> str:
    return text.strip(" .,;:«»\"'")


def _english_pattern(english: str) -> re.Pattern:
    """A name (a capital after its first letter: `Security Council`) matches only as written, so that
    `national peace councils` is not the `National Peace Council`; other terms match in any case."""
    pattern = _pattern([english], KEPT)
    is_name = any(letter.isupper() for letter in english[1:])
    return re.compile(pattern.pattern, 0 if is_name else re.IGNORECASE)


def _pattern(terms: list[str], articles: str) -> re.Pattern:
    french = articles != KEPT
    alternatives = []
    for term in terms:
        for alternative in FORMS.split(term):
            alternative = re.sub(rf"^(?:{articles})", "", alternative.strip(), flags=re.IGNORECASE)
            words = alternative.split()
            if words:
                alternatives.append(_words_pattern(words, french))
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)


def _words_pattern(words: list[str], french: bool) -> str:
    """The words of one form, each with its endings; in French, with the articles a list repeats and an
    adjective after a common noun followed by its complement."""
    pattern = _word_pattern(words[0])
    if french and words[0][:1].islower() and len(words) > 1 and _is_preposition(words[1]):
        pattern += INSERTED_WORD
    for before, word in zip(words, words[1:], strict=False):
        listed = french and (before.endswith(",") or before.casefold() in COORDINATION)
        pattern += r"\s+" + (REPEATED_ARTICLE if listed else "") + _word_pattern(word)
    return pattern


def _is_preposition(word: str) -> bool:
    return word.casefold() in PREPOSITIONS or word.casefold().startswith(("d’", "d'"))


def _word_pattern(word: str) -> str:
    core = word.rstrip(",;:")
    ending = AL_ENDINGS if core.endswith("al") and len(core) > 3 else ENDINGS
    stem = core[:-2] if ending == AL_ENDINGS else core
    return re.escape(stem) + ending + re.escape(word[len(core) :])


def term_problems(message: Message, terms: list[Term]) -> list[tuple[str, str]]:
    """(term, problem) for each term of the table in the English whose translation is not in the text.

    A term inside a longer one of the table (`Security Council` in `Peace and Security Council`) is the
    longer one's; words the translation keeps in English (a title or name left untranslated, such as
    *Security Council Report*) need no French; a translator's comment `term '...': why` excuses a term."""
    context = message.context or ""
    if context.split("/")[0] == "terms" or message.string == message.id or "\n" in message.id:
        return []  # the glossary defines the terms; a title kept in English is on purpose; code is code
    if "/references/" in context and context.endswith(("/title", "/publisher")):
        return []  # a source's title is its own: an official French title need not use the course's terms
    english, translation = _words(message.id), _words(message.string)
    folded = english.casefold()
    spans = {term: [m.span() for m in term.pattern.finditer(english)] for term in terms if term.key in folded}
    spans = {term: found for term, found in spans.items() if found}
    excused = _excused_terms(message)
    return [
        (term.english, f"'{term.english}' in the English, but not its translation ({term.shown})")
        for term, found in spans.items()
        if term.checked
        and term.english.casefold() not in excused
        and _untranslated(english, _own(term, found, spans), translation)
        and not term.translation.search(translation)
    ]


def _own(term: Term, found: list[tuple[int, int]], spans: dict) -> list[tuple[int, int]]:
    """The places of a term that no longer term of the table holds."""
    return [
        (start, end)
        for start, end in found
        if not any(
            other is not term and a <= start and end <= b and b - a > end - start
            for other, places in spans.items()
            for a, b in places
        )
    ]


def _untranslated(english: str, places: list[tuple[int, int]], translation: str) -> bool:
    """Whether some place is neither kept word for word in the translation (an English name or title)."""
    wanted: dict[str, int] = {}
    for start, end in places:
        wanted[english[start:end]] = wanted.get(english[start:end], 0) + 1
    return any(
        count > len(re.findall(rf"(?<![\w-]){re.escape(text)}(?![\w-])", translation)) for text, count in wanted.items()
    )


def _excused_terms(message: Message) -> set[str]:
    found = (TERM_NOTE.match(comment) for comment in message.user_comments)
    return {match.group(1).strip().casefold() for match in found if match}


def _words(text: str) -> str:
    """The text without code, link targets, addresses and tags, where a term is not a word."""
    return PROTECTED.sub(" ", text)
