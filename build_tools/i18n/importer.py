"""`translations import`: translators' drafts (copies of the English files, text translated) into PO entries.

The English file and its draft are walked in parallel: each text field is found at the same place
in both (the same keys and ids), split the same way (paragraphs, list items, table cells), and each
English unit is paired with the draft's unit in the same position. Whatever cannot be paired (a
field the draft lacks, a different number of paragraphs or list items) is reported with its file
and line, and that draft is kept for fixing; a draft imported in full is deleted, since the PO files
are the one source of the translation from then on.

An entry already translated in the PO file is kept (the PO file wins); an untranslated or fuzzy
one takes the draft's text. With `overwrite` (a translator revised a draft already imported), the
draft's text replaces the PO file's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Problem, display_path
from ..strict_yaml import read_yaml
from .apply import po_name, po_path
from .catalogs import merge, read_catalog, write_catalog
from .figures import figure_fields
from .links import mask, mask_as
from .markdown_units import Row, Slot, split_markdown, whole_text
from .units import (
    JOINED_LISTS,
    Source,
    TextField,
    fields_of,
    page_fields,
    page_lines,
    read_source,
    sources,
    translatable,
    units_of,
    walk_of,
)


@dataclass
class Imported:
    """What the import of one draft did."""

    draft: str
    po: str
    paired: int = 0
    kept: int = 0
    """Entries already translated in the PO file, left as they were."""
    deleted: bool = False
    problems: list[Problem] = field(default_factory=list)


def import_drafts(
    root: Path, language: str, folder: Path, delete: bool = True, overwrite: bool = False
) -> tuple[list[Imported], list[Problem]]:
    """Import every draft under `folder` that has an English source; returns what was done and problems."""
    results, problems = [], []
    for source in sources(root):
        draft = folder / source.draft
        if draft.is_file() and source.in_language(language):
            result = import_draft(root, language, source, draft, delete, overwrite)
            results.append(result)
            problems += result.problems
    return results, problems


def import_draft(
    root: Path, language: str, source: Source, draft: Path, delete: bool = True, overwrite: bool = False
) -> Imported:
    draft_name = display_path(draft, root)
    result = Imported(draft_name, po_name(language, source.po))
    english_fields, english_lines, trouble = read_source(root, source)
    if trouble:
        result.problems += trouble
        return result
    draft_fields, draft_lines, trouble = _read_draft(draft, draft_name, source)
    if trouble:
        result.problems += trouble
        return result
    pairs = _pair_fields(source, english_fields, english_lines, draft_fields, draft_lines, draft_name, result)
    path = po_path(root, language, source.po)
    old = None
    if path.is_file():
        old, trouble = read_catalog(path, result.po)
        if trouble:
            result.problems += trouble
            return result
    catalog = merge(units_of(english_fields, english_lines), old, language)
    for (context, english), french in pairs.items():
        message = catalog.get(english, context=context or None)
        if message is None:
            continue
        if message.string and not message.fuzzy and (message.string == french or not overwrite):
            result.kept += 1
            continue
        message.string = french
        message.flags.discard("fuzzy")
        message.previous_id = []
        result.paired += 1
    write_catalog(path, catalog)
    if delete and not result.problems:
        draft.unlink()
        result.deleted = True
    return result


def _read_draft(path: Path, name: str, source: Source) -> tuple[list[TextField], dict, list[Problem]]:
    if source.is_figure:  # a translated copy of the SVG: its text runs pair with the English's in order
        return figure_fields(path.read_bytes(), path.name), {}, []
    if source.is_page:
        text = path.read_text(encoding="utf-8")
        return page_fields(text), page_lines(text), []
    document, problems = read_yaml(path, name)
    if not document:
        return [], {}, problems
    fields = fields_of(document.data, walk_of(source.name))
    return fields, {f.path: document.line_of(f.path) for f in fields}, []


def _pair_fields(
    source: Source,
    english: list[TextField],
    english_lines: dict,
    draft: list[TextField],
    draft_lines: dict,
    draft_name: str,
    result: Imported,
) -> dict[tuple[str, str], str]:
    """(context, English unit) → the draft's unit, for every unit that pairs."""
    by_path = {f.path: f for f in draft}
    pairs: dict[tuple[str, str], str] = {}
    for field_ in english:
        found = by_path.get(field_.path)
        where = _field_name(field_)
        if found is None:
            if field_.units():
                line = english_lines.get(field_.path, 0)
                result.problems.append(
                    Problem(source.name, line, where, f"no translation in {draft_name}", "add the field to the draft")
                )
            continue
        line = draft_lines.get(field_.path, 0)
        if isinstance(found.text, str) and "\n" in found.text.strip() and not source.is_page:
            line += 1  # a block scalar's text starts under its key
        for english_unit, french in _pair_units(field_, found, draft_name, line, where, result):
            pairs[(field_.context, english_unit)] = french
    return pairs


def _pair_units(english: TextField, draft: TextField, draft_name: str, line: int, where: str, result: Imported):
    if english.kind == "joined":
        separator = JOINED_LISTS[english.path[-1]]
        french = separator.join(draft.text) if isinstance(draft.text, list) else str(draft.text)
        return [(separator.join(english.text), french)]
    if not isinstance(draft.text, str):
        result.problems.append(Problem(draft_name, line, where, "expected a text, as in the English"))
        return []
    if english.kind in ("whole", "label"):
        pairs = [(whole_text(english.text), whole_text(draft.text), False, 0)]
    else:
        ours, theirs = split_markdown(english.text), split_markdown(draft.text)
        if len(ours.units) != len(theirs.units):
            result.problems.append(_count_problem(ours, theirs, draft_name, line, where))
            return []
        pairs = [
            (a, b, i in ours.code, theirs.lines[i] if theirs.lines else 0)
            for i, (a, b) in enumerate(zip(ours.units, theirs.units, strict=True))
        ]
    return [pair for pair in (_masked_pair(*p, draft_name, line, where, result) for p in pairs) if pair]


def _masked_pair(english: str, french: str, code: bool, offset: int, draft_name: str, line: int, where, result):
    """The pair as the PO file holds it: link addresses replaced by the English's numbers."""
    if not translatable(english):
        return None
    if code:
        return english, french
    masked, urls = mask(english)
    translated, unknown = mask_as(french, urls)
    for url in unknown:
        message = f"a link to {url}, which the English does not have: cannot pair this text"
        hint = "keep the English links' addresses; translate their text"
        result.problems.append(Problem(draft_name, line + offset, where, message, hint))
    return None if unknown else (masked, translated)


def _count_problem(ours, theirs, draft_name: str, line: int, where: str) -> Problem:
    """Where the draft's split first differs from the English: a paragraph, list item or cell."""
    index = min(len(ours.parts), len(theirs.parts)) - 1  # the end of the shorter, unless they differ before
    for position, (a, b) in enumerate(zip(ours.parts, theirs.parts, strict=False)):
        if type(a) is not type(b) or (isinstance(a, str) and a.strip() != b.strip()):
            index = position
            break
    first = line + (theirs.lines[_unit_at(theirs, index)] if theirs.lines else 0)
    return Problem(
        draft_name,
        first,
        where,
        f"{len(ours.units)} paragraphs, list items or cells in English, {len(theirs.units)} in the draft: "
        "cannot pair them",
        "keep the English paragraphs (blank lines), list items and table shape; translate inside them",
    )


def _unit_at(split, part_index: int) -> int:
    """The unit at or before a part of the skeleton."""
    for part in reversed(split.parts[: part_index + 1]):
        if isinstance(part, Slot):
            return part.unit
        if isinstance(part, Row) and part.units:
            return part.units[0]
    return 0


def _field_name(field_: TextField) -> str:
    return ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in field_.path).replace(".[", "[")
