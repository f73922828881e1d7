"""`make translations`: the English template merged into each language's PO files, and their status."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem
from .apply import po_name, po_path
from .catalogs import Status, merge, read_catalog, status_of, write_catalog
from .settings import read_languages
from .units import Source, Unit, read_source, sources, units_of


@dataclass(frozen=True)
class Template:
    """The English units of one source file."""

    source: Source
    units: list[Unit]


def templates(root: Path) -> tuple[list[Template], list[Problem]]:
    """The units of every English source (a source that cannot be read is a problem)."""
    found, problems = [], []
    for source in sources(root):
        fields, lines, trouble = read_source(root, source)
        problems += trouble
        if not trouble:
            found.append(Template(source, units_of(fields, lines)))
    return found, problems


def in_language(language: str, all_templates: list[Template]) -> list[Template]:
    """The templates translated into `language` (a local module only into its courses' languages)."""
    return [template for template in all_templates if template.source.in_language(language)]


@dataclass(frozen=True)
class Update:
    """What `update` did to one PO file."""

    name: str
    written: bool
    status: Status
    newly_fuzzy: list[Unit]


def update_language(root: Path, language: str, all_templates: list[Template]) -> tuple[list[Update], list[Problem]]:
    """Merge the English into every PO file of `language`: new text untranslated, changed text fuzzy
    (the previous English kept), removed text obsolete. A PO file that cannot be read is left alone."""
    updates, problems = [], []
    for template in in_language(language, all_templates):
        path, name = po_path(root, language, template.source.po), po_name(language, template.source.po)
        old = None
        if path.is_file():
            old, trouble = read_catalog(path, name)
            if trouble:
                problems += trouble
                continue
        was_fuzzy = {(m.context or "", m.id) for m in old if m.fuzzy} if old else set()
        catalog = merge(template.units, old, language)
        written = write_catalog(path, catalog)
        fuzzy = [u for u in template.units if (u.context, u.text) not in was_fuzzy and _is_fuzzy(catalog, u)]
        updates.append(Update(name, written, status_of(name, template.units, catalog), fuzzy))
    return updates, problems


def _is_fuzzy(catalog, unit: Unit) -> bool:
    message = catalog.get(unit.text, context=unit.context or None)
    return bool(message and message.fuzzy)


def language_status(root: Path, language: str, all_templates: list[Template]) -> tuple[list[Status], list[Problem]]:
    rows, problems = [], []
    for template in in_language(language, all_templates):
        path, name = po_path(root, language, template.source.po), po_name(language, template.source.po)
        catalog, trouble = read_catalog(path, name) if path.is_file() else (None, [])
        problems += trouble
        rows.append(status_of(name, template.units, catalog))
    return rows, problems


def format_status(language: str, rows: list[Status]) -> str:
    """A table: file, translated, fuzzy, untranslated, percent; then the language's total."""
    width = max([len(r.name) for r in rows] + [len("file")])
    lines = [f"{language}: {'file':<{width}}  translated  fuzzy  untranslated  percent"]
    pad = " " * (len(language) + 2)
    for r in rows + [_total(rows)]:
        lines.append(f"{pad}{r.name:<{width}}  {r.translated:>10}  {r.fuzzy:>5}  {r.untranslated:>12}  {r.percent:>6}%")
    return "\n".join(lines)


def _total(rows: list[Status]) -> Status:
    return Status(
        "total", sum(r.translated for r in rows), sum(r.fuzzy for r in rows), sum(r.untranslated for r in rows)
    )


def configured_languages(root: Path) -> tuple[list[str], list[Problem]]:
    found, problems = read_languages(root)
    return [language.code for language in found], problems
