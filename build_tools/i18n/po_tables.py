"""A PO file's translations as a build uses them, read in one pass of a few regular expressions.

A build needs of each PO file only its table, (context, English) → translation (`catalogs.entries`),
and the problems that stop it being read. `catalogs.read_catalog` gives both, through Babel's reader
and a line-by-line syntax pass, and is what `make check` and `make translations` use: it keeps
comments, previous English and obsolete entries, which they write back.

`quick_table` reads the files those commands write (and what Poedit or Weblate make of them): each
entry its comment lines, an optional `msgctxt`, `msgid` then `msgstr`, each a quoted text on one or
more lines, obsolete entries the same behind `#~ `. It gives up (None) on anything else, and on
anything `read_catalog` would report (a duplicate entry, a header Babel cannot read); `read_table`
then asks `read_catalog`. So the table is always the one `read_catalog` gives, and the problems are
its very problems, with their lines.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import unescape

from ..problems import Problem
from .catalogs import Entry, entries, read_catalog

Table = dict[tuple[str, str], Entry]

_PLAIN = r'[^"\\\n]*+'
_ESCAPE = r"\\(?:[\\\"ntrabfv?]|[0-7]{1,3}+|x[0-9A-Fa-f]++)"
QUOTED = rf'"{_PLAIN}(?:{_ESCAPE}{_PLAIN})*+"'
"""A quoted text on one line, with the escapes `catalogs.PO_LINE` accepts (possessive, as there)."""
COMMENTS = r"(?P<comments>(?:#(?![~-])[^\n]*\n+)*)"
"""An entry's comment lines (`#`, `#.`, `#,`, `#|`, `#:`); not `#~` (obsolete) nor `#-` (a conflict)."""


def _entry(prefix: str) -> re.Pattern:
    """An entry whose keyword and continuation lines start with `prefix` (`#~ ` for an obsolete one)."""
    text = rf"{QUOTED}(?:\n{prefix}{QUOTED})*"
    return re.compile(
        COMMENTS + rf"(?:{prefix}msgctxt (?P<context>{text})\n)?"
        rf"{prefix}msgid (?P<id>{text})\n"
        rf"{prefix}msgstr (?P<string>{text})(?:\n|\Z)"
    )


ACTIVE = _entry("")
OBSOLETE = _entry("#~ ")
BLANK_LINES = re.compile(r"\n*")
JOIN = re.compile(r'"\n(?:#~ )?"')
"""Where one line of a quoted text ends and the next begins."""
ISOLATES = frozenset("\u2068\u2069")
"""What Babel's reader of `#:` locations may refuse (unbalanced), which `read_catalog` reports."""


def read_table(path: Path, name: str, data: bytes | None = None) -> tuple[Table, list[Problem]]:
    """A PO file's table and the problems that stop it being read: `read_catalog`'s, read quickly.

    `data`: the file's bytes, when the caller has read them already."""
    try:
        table = quick_table((path.read_bytes() if data is None else data).decode("utf-8"))
    except UnicodeDecodeError:
        table = None
    if table is not None:
        return table, []
    catalog, problems = read_catalog(path, name)
    return (entries(catalog) if catalog else {}), problems


def quick_table(text: str) -> Table | None:
    """The table of a PO file's text, or None when it holds anything but plain, valid entries."""
    table: Table = {}
    seen: set[tuple[str, str]] = set()
    headers = 0
    position = BLANK_LINES.match(text).end()
    line = text.count("\n", 0, position) + 1
    while position < len(text):
        match = ACTIVE.match(text, position) or OBSOLETE.match(text, position)
        if match is None or not ISOLATES.isdisjoint(match["comments"]):
            return None
        key = (_text(match["context"]) if match["context"] else "", _text(match["id"]))
        if not key[1]:
            headers += 1
            if headers > 1 or match.re is OBSOLETE or match["context"] or not _utf8_header(_text(match["string"])):
                return None
        elif key in seen:
            return None  # `read_catalog` reports it
        else:
            seen.add(key)
            if match.re is ACTIVE:
                msgid_line = line + text.count("\n", position, match.start("id"))  # Babel's line of an entry
                table[key] = Entry(_text(match["string"]), _fuzzy(match["comments"]), msgid_line)
        line += text.count("\n", position, match.end())
        position = BLANK_LINES.match(text, match.end()).end()
        line += position - match.end()
    return table


def _text(quoted: str) -> str:
    """The text of one or more quoted lines, unescaped as Babel does."""
    return unescape(JOIN.sub("", quoted) if "\n" in quoted else quoted)


def _fuzzy(comments: str) -> bool:
    """Whether a `#,` line of the comments holds the flag `fuzzy` (Babel's reading of flags)."""
    if "fuzzy" not in comments:
        return False
    flags = (flag.strip() for line in comments.split("\n") if line.startswith("#,") for flag in line[2:].split(","))
    return "fuzzy" in flags


@lru_cache(maxsize=64)  # most files of a language share their header
def _utf8_header(header: str) -> bool:
    """Whether Babel reads the header entry, and its charset is UTF-8 (the text was decoded as such)."""
    catalog = Catalog()
    try:
        catalog[""] = Message("", header)
    except Exception:  # noqa: BLE001 — whatever it is, `read_catalog` reports it (or raises it) itself
        return False
    return catalog.charset == "utf-8"
