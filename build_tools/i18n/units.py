"""Every translatable text of every source file, as units keyed by a stable context (the id path).

A source file's text fields are found by walking its data: a field's context is the file's id and
the keys and ids on the way to it (`parliaments-and-peace/sections/born-from-arbitration/body`,
`diagnostic/questions/q3/options/b/feedback`), never a position. List items that have no id (action
points, takeaways, discussion prompts, the lines of a scale) share their list's context; gettext keys
an entry on its context *and* its English text, so each is its own entry. Markdown texts are split
into paragraphs, list items, headings and table cells (markdown_units.py).

Never in a unit: ids, answer keys, numbers, objective tags, section links, URLs of references, file
names, question types, and anything without a letter (a year in a table cell stays as it is).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..figure_checks import FIGURES
from ..problems import Problem
from ..strict_yaml import read_yaml
from .links import mask, references
from .markdown_units import split_markdown, whole_text

FIGURE_NOTE = (
    "A label of the figure, one line of it (the next line is its own entry): the box does not grow, so keep "
    "it about as long as the English."
)
FIGURE_TITLE_NOTE = "The figure's title: what a reader who opens the picture on its own sees or hears first."

NEUTRAL_KEYS = frozenset(
    {
        "id", "answer", "url", "file", "type", "kind", "objectives", "section", "module", "quizzes",
        "references", "number", "year", "key", "shuffle", "minutes", "scale", "language", "about",
        "scoring", "multiple",
    }
)  # fmt: skip
"""Keys whose values are structure, not text: the English decides them for every language (a list of
records under one of these keys, such as a module's objectives or references, is still walked)."""

MARKDOWN_BLOCKS = frozenset(
    {
        "why_it_matters", "body", "description", "what_happened", "what_parliamentarians_did", "lesson",
        "limits", "action_points", "takeaways", "timing", "discussion_prompts", "live_poll",
        "introduction", "worksheet_introduction", "explanation", "guidance",
    }
)  # fmt: skip
"""Fields whose Markdown may hold several paragraphs or a list: split into units."""

JOINED_LISTS = {"forms": "; "}
"""Lists whose number of items may differ in a translation: one unit, items separated by `; `."""

HAS_LETTER = re.compile(r"[^\W\d_]")
DIGIT = re.compile(r"\d")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
STRINGS_SOURCE = Path(__file__).resolve().parent.parent / "strings" / "en.yml"
STRINGS_NAME = "build_tools/strings/en.yml"
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
FRONT_MATTER_TEXT = ("title", "description")


@dataclass(frozen=True)
class TextField:
    """One text value of a source file.

    Attributes:
        path: where it is in the file's data, e.g. `("sections", 2, "body")` (for line numbers).
        context: the stable id path that the PO entries of its units carry.
        text: the English.
        kind: `markdown` (split into units), `whole` (one unit), `joined` (a list as one unit) or
            `label` (one line of text of a figure: one unit).
    """

    path: tuple
    context: str
    text: str | list
    kind: str

    def units(self) -> list[str]:
        """The field's units as the PO file holds them (link addresses replaced by numbers)."""
        return [unit for unit, _ in self.masked_units()]

    def masked_units(self) -> list[tuple[str, list[str]]]:
        """(unit as in the PO file, its link addresses) for each unit to translate, in order."""
        return [(text, []) if code else mask(text) for text, code in self.all_units() if translatable(text)]

    def all_units(self) -> list[tuple[str, bool]]:
        """Every unit of the field, translatable or not, with whether it is a code block."""
        if self.kind == "markdown":
            split = split_markdown(self.text)
            return [(text, i in split.code) for i, text in enumerate(split.units)]
        if self.kind == "joined":
            return [(JOINED_LISTS[self.path[-1]].join(self.text), False)]
        return [(whole_text(self.text), False)]


@dataclass(frozen=True)
class Unit:
    """What one PO entry holds: its context, the English text, a note for the translator, a line."""

    context: str
    text: str
    comment: str = ""
    line: int = 0


@dataclass(frozen=True)
class Source:
    """A translatable English file and where its translation lives.

    Attributes:
        name: the English file as authors see it, e.g. `modules/parliaments-and-peace.yml`.
        po: the PO file under `translations/<language>/`, e.g. `modules/parliaments-and-peace.po`.
        draft: a translator's draft under `translations/drafts/<language>/`.
        languages: the only languages it is translated into (a course's local module or quiz: its
            courses' languages); empty for every language of `translations/languages.yml`.
    """

    name: str
    po: str
    draft: str
    languages: frozenset[str] = frozenset()

    def in_language(self, language: str) -> bool:
        """Whether the file is translated into `language`."""
        return not self.languages or language in self.languages

    @property
    def is_page(self) -> bool:
        return self.name.endswith(".md")

    @property
    def is_figure(self) -> bool:
        """A figure's SVG file: its labels are plain text (see figures.py)."""
        return self.name.startswith(f"{FIGURES}/") and self.name.endswith(".svg")

    @property
    def is_content(self) -> bool:
        """A module, quiz or the glossary: text held to the course's Markdown subset."""
        return not self.is_page and not self.is_figure and self.name != STRINGS_NAME


def translatable(text: str) -> bool:
    """Text to translate: anything with a letter, or a symbol such as `#` (French writes `N°`); never a
    number (`1945`, `13%`), which stays as the English has it."""
    return bool(HAS_LETTER.search(text)) or (bool(text.strip()) and not DIGIT.search(text))


def po_of(source_name: str) -> str:
    """The PO file of a module or quiz, under `translations/<language>/`: its path with `.po`
    (`modules/intro.yml` → `modules/intro.po`, `local/modules/ours.yml` → `local/modules/ours.po`)."""
    return source_name.rsplit(".", 1)[0] + ".po"


def sources(root: Path) -> list[Source]:
    """Every translatable English file under `root`, in a stable order: the shared content, the
    glossary, the interface strings, the pages, the figures, then the courses' local modules and quizzes."""
    found = []
    for folder in ("modules", "quizzes"):
        for path in sorted((root / folder).glob("*.yml")):
            name = f"{folder}/{path.name}"
            found.append(Source(name, po_of(name), name))
    if (root / "glossary.yml").is_file():
        found.append(Source("glossary.yml", "glossary.po", "glossary.yml"))
    found.append(Source(STRINGS_NAME, "strings.po", "strings.yml"))
    for path in sorted((root / PLANS).glob("*.yml")):  # the workshop plans: their titles and answers
        name = f"{PLANS}/{path.name}"
        found.append(Source(name, po_of(name), name))
    for path in sorted((root / "docs").glob("*.md")):
        found.append(Source(f"docs/{path.name}", f"docs/{path.stem}.po", f"docs/{path.name}"))
    for path in sorted((root / FIGURES).glob("*.svg")):
        found.append(Source(f"{FIGURES}/{path.name}", f"{FIGURES}/{path.stem}.po", f"{FIGURES}/{path.name}"))
    return found + local_sources(root)


def local_sources(root: Path) -> list[Source]:
    """The modules and quizzes in the local folders of the courses (`courses/*.yml` with a
    `local_folder`), each translated into the languages of the courses that use its folder (besides
    English). Their PO files are where the build reads them: `translations/<language>/<its path>.po`."""
    from ..courses.load import local_folders  # the courses import the translations: import late

    found = []
    for local, languages in sorted(local_folders(root).items()):
        for folder in ("modules", "quizzes"):
            for path in sorted((root / local / folder).glob("*.y*ml")):
                name = f"{local}/{folder}/{path.name}"
                found.append(Source(name, po_of(name), name, frozenset(languages)))
    return [source for source in found if source.languages]


def source_path(root: Path, source: Source) -> Path:
    """The English file on disk (the interface strings are the package's own table)."""
    if source.name == STRINGS_NAME and not (root / STRINGS_NAME).is_file():
        return STRINGS_SOURCE
    return root / source.name


@dataclass(frozen=True)
class Walk:
    """How a kind of file is read: which keys hold structure, which hold Markdown blocks."""

    neutral: frozenset = NEUTRAL_KEYS
    blocks: frozenset = MARKDOWN_BLOCKS
    ids: bool = True
    """Whether an `id` names its document or list item (not in the interface strings, where `id` is a key)."""
    item_keys: tuple = ("id",)
    """The keys that name a list item, the first one it has: a context never depends on a position."""


CONTENT = Walk()
STRINGS = Walk(neutral=frozenset(), blocks=frozenset(), ids=False)
"""The interface strings: every value is one text, every key a name (even `id` or `module`)."""
PLAN = Walk(
    neutral=frozenset({"id", "course", "question", "live_poll", "minutes", "free_text"}),
    blocks=frozenset(),
    item_keys=("id", "live_poll", "question"),
)
"""A workshop plan (`workshops/*.yml`): its title and the answers of its live polls are text; a poll is
named by its module (`ipu-workshop/polls/parliaments-and-peace/options/yes/text`)."""
PLANS = "workshops"


def walk_of(source_name: str) -> Walk:
    """How the English file `source_name` is read."""
    if source_name == STRINGS_NAME:
        return STRINGS
    return PLAN if source_name.startswith(f"{PLANS}/") else CONTENT


def fields_of(data, walk: Walk = CONTENT) -> list[TextField]:
    """Every text field of a YAML document's data, with its context (starting with the document's id)."""
    prefix = data["id"] if walk.ids and isinstance(data, dict) and isinstance(data.get("id"), str) else ""
    return list(_walk(data, (), prefix, walk))


def _walk(data, path: tuple, context: str, walk: Walk) -> Iterator[TextField]:
    if not isinstance(data, dict):
        return
    for key, value in data.items():
        if value is None or (key in walk.neutral and not _holds_texts(value)):
            continue
        here, where = path + (key,), _join(context, key)
        kind = "markdown" if key in walk.blocks else "whole"
        if isinstance(value, str):
            yield TextField(here, where, value, kind)
        elif isinstance(value, dict):
            yield from _walk(value, here, where, walk)
        elif isinstance(value, list) and key in JOINED_LISTS and walk.ids:
            if value and all(isinstance(item, str) for item in value):
                yield TextField(here, where, value, "joined")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield TextField(here + (i,), where, item, kind)
                elif isinstance(item, dict):
                    named = [item[k] for k in walk.item_keys if walk.ids and isinstance(item.get(k), str)]
                    item_id = named[0] if named else str(i)
                    yield from _walk(item, here + (i,), _join(where, item_id), walk)


def _holds_texts(value) -> bool:
    """A list of records (objectives, references) holds text even under a key that is structure
    elsewhere (a question's `objectives` and a case study's `references` are lists of ids)."""
    return isinstance(value, list) and any(isinstance(item, dict) for item in value)


def _join(context: str, key) -> str:
    return f"{context}/{key}" if context else str(key)


def page_fields(text: str) -> list[TextField]:
    """A hand-written page: the text values of its front matter, then its body as Markdown."""
    fields = []
    match = FRONT_MATTER.match(text)
    if match:
        meta = yaml.safe_load(match.group(1)) or {}
        fields += [
            TextField((key,), key, meta[key], "whole") for key in FRONT_MATTER_TEXT if isinstance(meta.get(key), str)
        ]
    body = text[match.end() :] if match else text
    fields.append(TextField(("body",), "body", body, "markdown"))
    return fields


def page_lines(text: str) -> dict:
    """The line where each field of a hand-written page starts (its body: after the front matter)."""
    match = FRONT_MATTER.match(text)
    lines = {(key,): 2 + i for i, key in enumerate(FRONT_MATTER_TEXT)}
    lines[("body",)] = text[: match.end()].count("\n") + 1 if match else 1
    return lines


def comment_for(field: TextField, unit: str) -> str:
    """A note for the translator, where the unit needs one."""
    notes = []
    if field.kind == "joined":
        notes.append("Other forms of the term (plural...), separated by '; '. Any number of forms.")
    if references(unit):
        notes.append("Keep each link's [n] after its text: the address comes from the English.")
    if PLACEHOLDER.search(unit):
        notes.append("Keep each {placeholder} as it is: the program puts a value there.")
    if field.kind == "markdown" and "\n" in unit:
        notes.append("A code or HTML block: translate the text, keep the code, keys and commands.")
    if field.kind == "label":
        notes.append(FIGURE_TITLE_NOTE if field.path[-1] in ("title", "desc") else FIGURE_NOTE)
    if field.path and field.path[-1] == "alt":
        notes.append("What the picture shows, for a reader who cannot see it.")
    return " ".join(notes)


def read_source(root: Path, source: Source) -> tuple[list[TextField], dict, list[Problem]]:
    """The text fields of an English source, the line of each field path, and any problems reading it."""
    path = source_path(root, source)
    if source.is_figure:
        from .figures import figure_fields  # it builds on this module's fields: import late

        fields = figure_fields(path.read_bytes(), path.name)
        return fields, {}, []
    if source.is_page:
        text = path.read_text(encoding="utf-8")
        return page_fields(text), page_lines(text), []
    document, problems = read_yaml(path, source.name)
    if not document:
        return [], {}, problems
    fields = fields_of(document.data, walk_of(source.name))
    return fields, {f.path: document.line_of(f.path) for f in fields}, problems


def units_of(fields: list[TextField], lines: dict | None = None) -> list[Unit]:
    """The units of a file's fields, each (context, English) once, in the file's order."""
    seen, units = set(), []
    for field in fields:
        for text in field.units():
            if (field.context, text) not in seen:
                seen.add((field.context, text))
                units.append(Unit(field.context, text, comment_for(field, text), (lines or {}).get(field.path, 0)))
    return units
