"""PO files: read (problems with a line, never a traceback), merge with the English, write, count.

Read and written with Babel (`babel.messages`): it is already installed with mkdocs-material (its
search and theme languages use it), it is actively maintained, it reads and writes everything a
translator's tool puts in a PO file (contexts, fuzzy flags, `#|` previous source text, obsolete `#~`
entries), and its CLDR data gives each language's `Plural-Forms` header, so a new language needs no
table of our own.

The merge follows msgmerge: an entry whose context and English are unchanged keeps its translation;
a changed English text keeps the old translation marked fuzzy, with the previous English as `#|
msgid`, matched only among entries of the same context (the same field), so that one changed
sentence makes exactly one entry fuzzy; removed text becomes obsolete (`#~`), kept for reuse.

A build needs only each file's translations: it reads them with `po_tables.read_table`, which gives
`entries(read_catalog(...))` and the same problems without Babel's reader for a plain, valid file.
"""

from __future__ import annotations

import difflib
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, normalize, read_po, unescape, write_po

from ..problems import Problem
from .links import mask, mask_as
from .units import Unit

PROJECT = "Parliamentary diplomacy and mediation"
HEADER = (
    "# {language} translation of the course Parliamentary diplomacy and mediation.\n"
    "# This file is distributed under the same license as the course (CC BY 4.0).\n"
    "# Edit it with Poedit, Weblate or any PO editor; `make translations` keeps it in step with the English.\n"
    "#"
)
NOT_FORMATS = {"python-format", "python-brace-format"}
"""Flags a PO editor would check translations against (printf or str.format): our texts are neither."""
TRANSLATORS = "Translators of the course"
PLACEHOLDER = "FULL NAME <EMAIL@ADDRESS>"
"""Babel's default Last-Translator, which msgfmt --check reports."""
WIDTH = 76
"""Where the written file wraps its lines, as msgmerge does."""
FUZZY_CUTOFF = 0.5
"""How alike an old and a new English text of the same field must be for the old translation to be kept, fuzzy."""


@dataclass(frozen=True)
class Entry:
    """A translation as the outputs use it."""

    text: str
    fuzzy: bool
    line: int


QUOTED = r'"(?:[^"\\]|\\[\\"ntrabfv?]|\\[0-7]{1,3}+|\\x[0-9A-Fa-f]++)*+"'
"""A quoted text; possessive (`*+`), so that a line of many `\\x41` escapes without its closing quote
is refused at once rather than tried every way its digits can be split."""
PO_LINE = re.compile(rf"^(?:#~\s*)?(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?{QUOTED}\s*$")
"""A line of a PO entry: a keyword and a quoted string, or a string continuing the last one."""


def syntax_problems(text: str, name: str, previous: dict | None = None) -> list[Problem]:
    """Lines that are not PO syntax (Babel's reader skips some of them silently), and duplicate entries.

    Also collects each entry's previous English (`#| msgid`, which Babel's reader drops) into `previous`.
    """
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    entry: dict[str, str] = {}
    keyword, first_line = "", 0
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped.startswith("#|"):
            _previous_line(entry, stripped[2:].strip())
            continue
        if stripped.startswith("#~"):
            stripped = stripped[2:].strip()
            if not stripped or stripped.startswith(("#", "|")):
                continue
        if not stripped or stripped.startswith("#"):
            continue
        if not PO_LINE.match(stripped):
            return problems + [_unreadable(name, number, _what_is_wrong(stripped))]
        word = stripped.split(" ", 1)[0] if not stripped.startswith('"') else ""
        if word:
            if word == "msgctxt" or (word == "msgid" and "msgctxt" not in entry) or "msgstr" in keyword:
                entry = _record(entry, first_line, seen, problems, name, previous)
                first_line = number
            keyword = word
            entry[keyword] = ""
        entry[keyword] = entry.get(keyword, "") + stripped[stripped.index('"') + 1 : -1]
    _record(entry, first_line, seen, problems, name, previous)
    return problems


def _previous_line(entry: dict, line: str) -> None:
    """`#| msgid "..."` and its continuation lines `#| "..."`; a new entry's comments start it afresh."""
    if "msgstr" in entry or "msgid" in entry:
        entry.clear()
    if line.startswith("msgid "):
        entry["#|"], entry["#|open"] = line[line.index('"') + 1 : -1], "yes"
    elif line.startswith('"') and entry.get("#|open"):
        entry["#|"] += line[1:-1]
    else:
        entry.pop("#|open", None)


def _record(entry: dict, line: int, seen: dict, problems: list, name: str, previous: dict | None) -> dict:
    """Check one parsed entry for a duplicate; return the start of the next one (its `#|` lines, if read)."""
    if "msgid" not in entry:
        return {k: v for k, v in entry.items() if k.startswith("#|")}
    if entry["msgid"]:
        key = (unescape(f'"{entry.get("msgctxt", "")}"'), unescape(f'"{entry["msgid"]}"'))
        if key in seen:
            problems.append(Problem(name, line, "", f"the same entry twice (first at line {seen[key]})", "keep one"))
        seen.setdefault(key, line)
        if previous is not None and "#|" in entry:
            previous[key] = unescape(f'"{entry["#|"]}"')
    return {}


def _what_is_wrong(line: str) -> str:
    if line.count('"') % 2 or not line.endswith('"'):
        return 'a text without its closing quote (")'
    return f"not a line of a PO file: {line[:60]}"


def read_catalog(path: Path, name: str) -> tuple[Catalog | None, list[Problem]]:
    """A PO file, or the problems that stop it being read (with their lines)."""
    try:
        previous: dict[tuple[str, str], str] = {}
        problems = syntax_problems(path.read_bytes().decode("utf-8"), name, previous)
        if problems:
            return None, problems
        with path.open("rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
        for message in [*catalog, *catalog.obsolete.values()]:
            # Babel reads `#|` lines as translator comments, and guesses formats: neither is ours.
            message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
            message.flags -= NOT_FORMATS
            if message.id and (message.context or "", message.id) in previous:
                message.previous_id = [previous[(message.context or "", message.id)]]
        return catalog, []
    except PoFileError as error:
        line = (error.lineno or 0) + 1
        return None, [_unreadable(name, line, str(error))]
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        return None, [_unreadable(name, line, "not UTF-8 text")]
    except (ValueError, IndexError, KeyError, UnknownLocaleError) as error:
        return None, [_unreadable(name, 0, str(error) or type(error).__name__)]


def _unreadable(name: str, line: int, reason: str) -> Problem:
    return Problem(
        name,
        line,
        "",
        f"not a valid PO file: {reason}",
        "open it in Poedit, which shows the error, or restore the file with git; then run `make translations`",
    )


def entries(catalog: Catalog) -> dict[tuple[str, str], Entry]:
    """(context, English) → translation (`""` when there is none yet), for every active entry."""
    found = {}
    for message in catalog:
        if message.id and isinstance(message.id, str) and isinstance(message.string, str):
            found[(message.context or "", message.id)] = Entry(message.string, message.fuzzy, message.lineno or 0)
    return found


def new_catalog(language: str, old: Catalog | None = None) -> Catalog:
    """An empty catalog with the headers Poedit and Weblate expect (dates kept from `old`)."""
    locale = Locale.parse(language)
    now = datetime.now(UTC).replace(microsecond=0)
    catalog = Catalog(
        locale=locale,
        header_comment=HEADER.format(language=locale.english_name),
        project=PROJECT,
        version="1",
        language_team=f"{locale.english_name} <>",
        creation_date=old.creation_date if old else now,
        revision_date=old.revision_date if old else now,
        last_translator=old.last_translator if old and old.last_translator != PLACEHOLDER else TRANSLATORS,
        charset="utf-8",
        fuzzy=False,
    )
    return catalog


def merge(units: list[Unit], old: Catalog | None, language: str) -> Catalog:
    """The catalog for `units` (the English template), keeping what `old` holds (msgmerge rules)."""
    catalog = new_catalog(language, old)
    wanted = {(u.context, u.text) for u in units}
    previous = _old_messages(old, wanted)
    used: set[tuple[str, str]] = set()
    for unit in units:
        message = Message(unit.text, "", context=unit.context or None, auto_comments=_comments(unit))
        message.flags -= NOT_FORMATS  # Babel guesses `python-format` from a "35% of": no text here is one
        kept = previous.get((unit.context, unit.text))
        if kept is None:
            kept = _closest(unit, previous, wanted, used)
            if kept is not None:
                message.flags.add("fuzzy")
                message.previous_id = [kept.id]
        else:
            message.flags.update(f for f in kept.flags if f == "fuzzy")
            message.previous_id = kept.previous_id if kept.fuzzy else []
        if kept is not None:
            used.add((kept.context or "", kept.id))
            message.string = kept.string
            message.user_comments = list(kept.user_comments)
        catalog[unit.text] = message
    for key, message in previous.items():
        if key not in used and key not in wanted and message.string:
            catalog.obsolete[(message.id, message.context) if message.context else message.id] = message
            message.flags.discard("fuzzy")
    return catalog


def _comments(unit: Unit) -> list[str]:
    return [unit.comment] if unit.comment else []


def _old_messages(old: Catalog | None, wanted: set) -> dict[tuple[str, str], Message]:
    """Every entry of the old catalog, active or obsolete; one written with link addresses (before they
    were kept out of the PO files) takes the numbered form when that is what the English now holds."""
    if old is None:
        return {}
    found = {}
    for message in [*old.obsolete.values(), *old]:
        if message.id and isinstance(message.id, str):
            found[(message.context or "", message.id)] = _numbered(message, wanted)
    return {(m.context or "", m.id): m for m in found.values()}


def _numbered(message: Message, wanted: set) -> Message:
    masked, urls = mask(message.id)
    if not urls or ((message.context or "", masked) not in wanted):
        return message
    string = mask_as(message.string, urls)[0] if isinstance(message.string, str) else message.string
    return Message(
        masked,
        string,
        flags=message.flags,
        user_comments=message.user_comments,
        previous_id=message.previous_id,
        context=message.context,
        lineno=message.lineno,
    )


def _closest(unit: Unit, previous: dict, wanted: set, used: set) -> Message | None:
    """The most alike old entry of the same context whose English is gone: the text that changed."""
    best, best_ratio = None, FUZZY_CUTOFF
    for key, message in previous.items():
        if key[0] != unit.context or key in wanted or key in used or not message.string:
            continue
        ratio = difflib.SequenceMatcher(None, message.id, unit.text).ratio()
        if ratio > best_ratio:
            best, best_ratio = message, ratio
    return best


def catalog_bytes(catalog: Catalog) -> bytes:
    """The PO file's text. Each fuzzy entry's previous English is written as GNU gettext writes it
    (`#| msgid ""` then `#| "..."` lines): Babel wraps it as a comment, which msgfmt and Poedit
    cannot read back."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, no_location=True, include_previous=False, omit_header=False)
    text = buffer.getvalue().decode("utf-8")
    previous = {(m.context or "", m.id): m.previous_id[0] for m in catalog if m.id and m.previous_id}
    if previous:
        text = "\n\n".join(_with_previous(block, previous) for block in text.split("\n\n"))
    return text.encode("utf-8")


def _with_previous(block: str, previous: dict[tuple[str, str], str]) -> str:
    """One entry of the written file, with its `#| msgid` lines before its msgctxt, if it has any."""
    lines = block.split("\n")
    start = next((n for n, line in enumerate(lines) if line.startswith(("msgctxt ", "msgid "))), None)
    if start is None:
        return block
    key = _key_of(lines[start:])
    if key not in previous:
        return block
    quoted = normalize(previous[key], width=WIDTH - 3).split("\n")
    comment = [f"#| msgid {quoted[0]}"] + [f"#| {line}" for line in quoted[1:]]
    return "\n".join(lines[:start] + comment + lines[start:])


def _key_of(lines: list[str]) -> tuple[str, str]:
    """The context and English of an entry, from its written lines."""
    fields: dict[str, str] = {}
    keyword = ""
    for line in lines:
        if not line.startswith('"'):
            keyword, _, line = line.partition(" ")
        fields[keyword] = fields.get(keyword, "") + unescape(line)
    return fields.get("msgctxt", ""), fields.get("msgid", "")


def write_catalog(path: Path, catalog: Catalog) -> bool:
    """Write the PO file if its text changed; True when it did.

    The dates in the header stay as they were (as msgmerge leaves them): PO-Revision-Date is the
    translator's editor's to set, and two branches that both merge the English do not conflict on it.
    """
    data = catalog_bytes(catalog)
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


@dataclass(frozen=True)
class Status:
    """How far one PO file is translated."""

    name: str
    translated: int
    fuzzy: int
    untranslated: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> int:
        return 100 * self.translated // self.total if self.total else 100


def status_of(name: str, units: list[Unit], catalog: Catalog | None) -> Status:
    """Counts against the English template: an entry is translated when present, not fuzzy, not empty."""
    found = entries(catalog) if catalog else {}
    translated = fuzzy = 0
    for unit in units:
        entry = found.get((unit.context, unit.text))
        if entry and entry.text and entry.fuzzy:
            fuzzy += 1
        elif entry and entry.text:
            translated += 1
    return Status(name, translated, fuzzy, len(units) - translated - fuzzy)
