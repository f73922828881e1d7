"""Translated content: the English structure with each text taken from the language's PO files.

`translate_content` keeps every id, answer, number, link target and the order of the English, and
replaces each unit of text with its translation. A unit with no translation, or a fuzzy one (the
English changed since it was translated), shows the English, marked (markers.py), and the file gets
a warning; with `strict=True` (the published build) it is an error. The translation's typography is
made right for its language (typography.py); the English fallback is left as it is.

Saved progress survives a change of language: each translated question carries the fingerprint of
its English source (`rendering.question_fingerprint` returns it), so a learner's answers match in
both editions, and a change to the English still resets them.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import BaseModel

from ..courses.compose import without_links
from ..loader import Content
from ..memo import keep, recall
from ..model import Module
from ..problems import Problem
from .catalogs import Entry
from .editions import SOURCE_LANGUAGE
from .entry_checks import entry_problems, subset_problems
from .figures import figure_context, translate_figure
from .links import mask, unmask
from .markdown_units import split_markdown, whole_text
from .markers import marked
from .po_tables import read_table
from .typography import typeset, without_spacing
from .units import (
    CONTENT,
    FIGURES,
    FRONT_MATTER,
    JOINED_LISTS,
    STRINGS,
    TextField,
    Walk,
    fields_of,
    page_fields,
    po_of,
    translatable,
)

TRANSLATIONS = "translations"
MAKE_IT = "run `make translations` (python -m build_tools translations update), which makes it from the English"


def po_path(root: Path, language: str, po: str) -> Path:
    """Where the PO file `po` (e.g. `modules/intro.po`) of `language` lives."""
    return root / TRANSLATIONS / language / po


def po_name(language: str, po: str) -> str:
    return f"{TRANSLATIONS}/{language}/{po}"


@dataclass
class Translator:
    """Translates the fields of one source file from its PO file, counting what falls back.

    Attributes:
        mark: wrap English shown in place of a translation in the untranslated marks.
    """

    language: str
    name: str
    table: dict[tuple[str, str], Entry]
    mark: bool = True
    missing: int = 0
    fuzzy: int = 0
    broken: int = 0
    """Translations that change a link, emphasis, a placeholder or the paragraphs: shown in English."""
    first_line: int = 0
    problems: list[Problem] = field(default_factory=list)
    subset: bool = False
    """Course content: a translation outside the Markdown subset (see `check`) shows the English."""
    exists: bool = True
    """Whether the PO file exists (`make translations` makes it from the English)."""

    def text(self, field_: TextField, mark: bool | None = None):
        """The translation of one field, unit by unit."""
        mark = self.mark if mark is None else mark
        if field_.kind == "markdown":
            split = split_markdown(field_.text)
            return split.join([self.unit(field_.context, u, mark, i in split.code) for i, u in enumerate(split.units)])
        if field_.kind == "joined":
            separator = JOINED_LISTS[field_.path[-1]]
            joined = self.unit(field_.context, separator.join(field_.text), mark=False)
            return [form.strip() for form in joined.split(separator.strip()) if form.strip()]
        return self.unit(field_.context, whole_text(field_.text), mark)

    def unit(self, context: str, english: str, mark: bool, code: bool = False) -> str:
        if not translatable(english):  # a number: not translated, but written as the language writes it
            return english if code else typeset(english, self.language)
        key, urls = (english, []) if code else mask(english)
        entry = self.table.get((context, key))
        if entry and entry.text and not entry.fuzzy and not self.faulty(key, entry.text):
            return entry.text if code else typeset(unmask(entry.text, urls), self.language)
        if entry and entry.text and not entry.fuzzy:
            self.broken += 1  # `check` says what: a changed link, emphasis, placeholder
        elif entry and entry.text:
            self.fuzzy += 1
        else:
            self.missing += 1
        if entry and not self.first_line:
            self.first_line = entry.line
        return marked(english) if mark else english

    def faulty(self, english: str, translation: str) -> bool:
        return bool(entry_problems(english, translation) or (self.subset and subset_problems(english, translation)))

    def report(self, strict: bool) -> list[Problem]:
        """One problem for the file: how many texts show in English, and why."""
        count = self.shown_in_english()
        if not count:
            return self.problems
        severity = "error" if strict else "warning"
        return self.problems + [Problem(self.name, self.first_line, "", self.summary(), self.hint(), severity)]

    def shown_in_english(self) -> int:
        return self.missing + self.fuzzy + self.broken

    def summary(self) -> str:
        """How many texts show in English, and why, such as `19 untranslated texts shown in English`."""
        count = self.shown_in_english()
        kinds = ((self.missing, "untranslated"), (self.fuzzy, "fuzzy"), (self.broken, "faulty (see `make check`)"))
        parts = [f"{n} {what}" for n, what in kinds if n]
        return f"{', '.join(parts)} text{'s' if count > 1 else ''} shown in English"

    def hint(self) -> str:
        if not self.exists:
            return f"no such file yet: {MAKE_IT}; then translate it in Poedit or Weblate"
        return "translate them in Poedit or Weblate (a fuzzy one: check it against the new English, then unmark it)"


def translator_for(root: Path, language: str, po: str, mark: bool = True, subset: bool = False) -> Translator:
    """The translator of one source file; an unreadable or missing PO file translates nothing."""
    path = po_path(root, language, po)
    name = po_name(language, po)
    if not path.is_file():
        return Translator(language, name, {}, mark, subset=subset, exists=False)
    table, problems = catalog_table(path, name)
    return Translator(language, name, table, mark, problems=list(problems), subset=subset)


def catalog_table(path: Path, name: str) -> tuple[dict[tuple[str, str], Entry], tuple[Problem, ...]]:
    """A PO file's translations by (context, English), and the problems that stop it being read
    (`po_tables.read_table`: what Babel's reading gives, read in one pass).

    Kept by the file's bytes (see `memo`): every edition's build reads every PO file, and a rebuild
    reads again only a changed one. Callers must not change the table.
    """
    data = path.read_bytes()
    key = (name, hashlib.sha256(data).hexdigest())
    kept = recall("translation-tables", key)
    if kept is None:
        table, problems = read_table(path, name, data)
        kept = (table, tuple(problems))
        keep("translation-tables", key, kept)
    return kept


def translate_model(
    model: BaseModel, translator: Translator, no_mark: frozenset = frozenset(), walk: Walk = CONTENT
) -> BaseModel:
    """A copy of `model` with each text field translated (structure, ids and answers unchanged)."""
    data = model.model_dump()
    values = {}
    for field_ in fields_of(data, walk):
        values[field_.path] = translator.text(field_, mark=False if field_.path[-1] in no_mark else None)
    translated = _rebuild(model, (), values)
    if "language" in type(model).model_fields:
        translated = translated.model_copy(update={"language": translator.language})
    return translated


def _rebuild(value, path: tuple, values: dict):
    """`value` with the fields at `values`' paths replaced; unchanged parts are the same objects."""
    if path in values:
        return values[path]
    if isinstance(value, BaseModel):
        updates = {}
        for name in type(value).model_fields:
            old = getattr(value, name)
            new = _rebuild(old, path + (name,), values)
            if new is not old:
                updates[name] = new
        return value.model_copy(update=updates) if updates else value
    if isinstance(value, list):
        items = [_rebuild(item, path + (i,), values) for i, item in enumerate(value)]
        return items if any(a is not b for a, b in zip(items, value, strict=False)) else value
    return value


def translate_content(content: Content, root: Path, language: str, *, strict: bool) -> tuple[Content, list[Problem]]:
    """`content` with its text in `language`, from `translations/<language>/`.

    Ids, answers, numbers, links, order and the questions' fingerprints stay those of the English.
    Returns the translated content and its problems: a PO file that cannot be read, and per file the
    texts shown in English (warnings; errors when `strict`).
    """
    from ..rendering import question_fingerprint  # rendering reads translated strings from here: import late

    problems: list[Problem] = []
    modules = []
    for module in content.modules:
        translator = translator_for(root, language, po_of(content.source_of("modules", module.id)), subset=True)
        modules.append(
            with_titles_kept_in_english(module, _translated_document(content, "modules", module, translator))
        )
        problems += translator.report(strict)
    quizzes = {}
    for quiz_id, quiz in content.quizzes.items():
        translator = translator_for(root, language, po_of(content.source_of("quizzes", quiz_id)), subset=True)
        translated = _translated_document(content, "quizzes", quiz, translator)
        for english, question in zip(quiz.questions, translated.questions, strict=False):
            question._source_fingerprint = question_fingerprint(english)
        quizzes[quiz_id] = translated
        problems += translator.report(strict)
    glossary = content.glossary
    if glossary:
        translator = translator_for(root, language, "glossary.po", subset=True)
        glossary = translate_model(glossary, translator, no_mark=frozenset({"term", "forms"}))
        problems += translator.report(strict)
    figures, trouble = translated_figures(content.figures, root, language, strict=strict)
    problems += trouble
    return replace(content, modules=tuple(modules), quizzes=quizzes, glossary=glossary, figures=figures), problems


def translated_figures(
    figures: dict[str, bytes], root: Path, language: str, *, strict: bool
) -> tuple[dict[str, bytes], list[Problem]]:
    """Each figure (by file name) made from the English SVG with its labels in `language`, from
    `translations/<language>/figures/<name>.po`; a label with no translation stays English (unmarked:
    an SVG has no place for the mark), counted in the file's warning, an error when `strict`."""
    translated, problems = {}, []
    for name, svg in figures.items():
        translator = translator_for(root, language, f"{FIGURES}/{figure_context(name)}.po", mark=False)
        translated[name] = translate_figure(svg, name, translator.text)
        problems += translator.report(strict)
    return translated, problems


def with_titles_kept_in_english(english: Module, translated: Module) -> Module:
    """`translated` with the part of each source's title that the translators left in English given
    back exactly as the English writes it (no French spacing in `Common Security 2022: For Our Shared
    Future`) and said to be English (`Reference._title_language`), so that the page and the handout
    mark it; what they added in French (` (page et rapport)`) stays French."""
    references = []
    for source, reference in zip(english.references, translated.references, strict=True):
        kept = kept_in_english(source.title, reference.title)
        if kept:
            english_part, french_rest = kept
            reference = reference.model_copy(update={"title": english_part + french_rest})
            reference._title_language = SOURCE_LANGUAGE
            reference._title_kept = english_part
        references.append(reference)
    return translated.model_copy(update={"references": references})


_TRAILING_NOTE = re.compile(r" \([^()]*\)$")
"""A note in brackets at the end of a title: `Common Security 2022: For Our Shared Future (page and report)`."""
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def kept_in_english(english: str, translation: str) -> tuple[str, str] | None:
    """How much of a source's translated title is its English left as it is: (that English, as the
    English writes it; the rest of the translation) or None for a translated title.

    Either the whole title (`IPU statement on current developments in respect of Ukraine`), or the
    English title, or the English up to its closing note in brackets, followed by a note in French
    (`Common Security 2022: For Our Shared Future (page et rapport)`). The spaces French puts before
    `:` or `?` and curly apostrophes do not count as changes. A title translated into French
    (`Agenda pour la paix`) is French; an untranslated one shows marked as English already (markers.py).
    """
    if _same_words(english, translation):
        return english, ""
    if not translation.endswith(")"):
        return None
    candidates = [english] + ([english[: note.start()]] if (note := _TRAILING_NOTE.search(english)) else [])
    for position in (match.start() for match in re.finditer(r" \(", translation)):
        for candidate in candidates:
            if _same_words(candidate, translation[:position]):
                return candidate, translation[position:]
    return None


def _same_words(english: str, translation: str) -> bool:
    """Whether two texts differ only by French spacing and curly apostrophes or quotes."""
    return without_spacing(translation).translate(_APOSTROPHES) == without_spacing(english).translate(_APOSTROPHES)


def _translated_document(content: Content, folder: str, document: BaseModel, translator: Translator) -> BaseModel:
    """A module or quiz translated from the English its PO file holds: a course's document whose links
    to left-out pages became plain text is translated as it was, then its translation loses them too."""
    linked = content.linked.get((folder, document.id))
    if linked is None:
        return translate_model(document, translator)
    return without_links(translate_model(linked, translator), folder, content.left_out)


def partly_translated(root: Path, content: Content, language: str, names: set[str]) -> list[tuple[str, Translator]]:
    """The modules and quizzes of `content` whose source file is one of `names` (such as a course's
    local ones) and that would show texts in English in `language`: (source, its translator)."""
    found = []
    documents = [("modules", m.id, m) for m in content.modules] + [
        ("quizzes", i, q) for i, q in content.quizzes.items()
    ]
    for folder, document_id, model in documents:
        source = content.source_of(folder, document_id)
        if source not in names:
            continue
        translator = translator_for(root, language, po_of(source), subset=True)
        _translated_document(content, folder, model, translator)
        if translator.shown_in_english():
            found.append((source, translator))
    return found


def translated_page(root: Path, page_path: Path | str, language: str) -> str:
    """A hand-written page (`docs/<page>.md`, or its path relative to `docs/`) in `language`.

    Front matter and Markdown keep the English structure; untranslated or fuzzy text is the English,
    marked. Its problems are reported by `check` and `translations` (status).
    """
    return translate_page(root, page_path, language)[0]


def translate_page(root: Path, page_path: Path | str, language: str, strict: bool = False) -> tuple[str, list[Problem]]:
    """`translated_page` with the page's problems."""
    path = _page_file(root, Path(page_path))
    translator = translator_for(root, language, f"docs/{path.stem}.po")
    text = path.read_text(encoding="utf-8")
    translated = text
    for field_ in reversed(page_fields(text)):
        translated = _replace_page_field(translated, field_, translator.text(field_))
    return translated, translator.report(strict)


def _page_file(root: Path, page_path: Path) -> Path:
    if page_path.is_absolute():
        return page_path
    if page_path.parts and page_path.parts[0] == "docs":
        return root / page_path
    return root / "docs" / page_path


def _replace_page_field(page: str, field_: TextField, value: str) -> str:
    """The page with one front matter value or its body replaced."""
    match = FRONT_MATTER.match(page)
    if field_.path == ("body",):
        head = page[: match.end()] if match else ""
        blank = "\n" * (len(page[len(head) :]) - len(page[len(head) :].lstrip("\n")))
        return head + blank + value + "\n"
    lines = match.group(1).split("\n")
    key = field_.path[0]
    lines = [
        f"{key}: {json.dumps(value, ensure_ascii=False)}" if line.startswith(f"{key}:") else line for line in lines
    ]
    return "---\n" + "\n".join(lines) + "\n---\n" + page[match.end() :]


def translated_strings(english: dict, root: Path, language: str) -> dict:
    """The interface strings table in `language`: the English table's keys, each value translated from
    `translations/<language>/strings.po`; a missing one stays English (unmarked: it may be a button)."""
    translator = translator_for(root, language, "strings.po", mark=False)
    table = copy.deepcopy(english)
    for field_ in fields_of(english, STRINGS):
        _set(table, field_.path, translator.text(field_))
    return table


def _set(data, path: tuple, value) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value
