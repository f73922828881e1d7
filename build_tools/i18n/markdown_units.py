"""Markdown text split into translation units (paragraphs, list items, headings, table cells) and put back.

A unit is the text a translator works on: one paragraph, one list item, one heading, one table cell,
one quoted paragraph, a whole code or HTML block. Line breaks inside a paragraph are joined with a
space (Markdown reads them as one), so that a re-wrapped English paragraph is the same unit and a
translation memory finds it again. What is not text (blank lines, list markers, quote markers,
heading marks, table rules, code fences, HTML comments) stays in the skeleton: the English decides
the structure and the translation fills it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LINE = re.compile(
    r"^(?P<lead>[ \t]*(?:>[ \t]?)*[ \t]*)(?P<marker>(?:[-*+]|\d{1,9}[.)])[ \t]+|#{1,6}[ \t]+)?(?P<rest>.*)$"
)
INTERRUPTS_PARAGRAPH = re.compile(r"^(?:[-*+]|1[.)])[ \t]+$")
"""CommonMark: inside a paragraph, only a bullet or a list starting at 1 begins a list."""
TABLE_RULE = re.compile(r"^\|?[ \t:|-]*-[ \t:|-]*$")
FENCE = re.compile(r"^[ \t]*(```|~~~)")
COMMENT_ONLY = re.compile(r"^\s*<!--.*?-->\s*$", re.DOTALL)
CELL_SPLIT = re.compile(r"(?<!\\)\|")


@dataclass(frozen=True)
class Slot:
    """A place for one unit's text: `lead` before it, `tail` after it, on one line (or a block)."""

    lead: str
    unit: int
    tail: str = ""


@dataclass(frozen=True)
class Row:
    """A table row: `lead`, then one unit per cell."""

    lead: str
    units: tuple[int, ...]


Part = str | Slot | Row


@dataclass(frozen=True)
class Split:
    """A Markdown text as its skeleton (`parts`, one per output line) and its units' texts."""

    parts: tuple[Part, ...]
    units: tuple[str, ...]
    lines: tuple[int, ...] = ()
    """The line (0 = the text's first) where each unit starts."""
    code: frozenset[int] = frozenset()
    """The units that are code blocks: their text is the translator's, but no typography touches it."""

    def join(self, texts: list[str] | tuple[str, ...]) -> str:
        """The Markdown again, with `texts` (one per unit, in order) in the units' places."""
        lines = []
        for part in self.parts:
            if isinstance(part, str):
                lines.append(part)
            elif isinstance(part, Slot):
                lines.append(part.lead + texts[part.unit] + part.tail)
            else:
                lines.append(part.lead + "| " + " | ".join(texts[i] for i in part.units) + " |")
        return "\n".join(lines)


def split_markdown(text: str) -> Split:
    """Split Markdown into units; `split_markdown(t).join(split_markdown(t).units)` reads as `t` does."""
    builder = _Builder()
    lines = text.strip("\n").split("\n")
    i = 0
    while i < len(lines):
        builder.row = i
        if not lines[i].strip():
            builder.literal("")
            i += 1
        elif FENCE.match(lines[i]):
            i = builder.fenced(lines, i)
        else:
            end = i
            while end < len(lines) and lines[end].strip() and not FENCE.match(lines[end]):
                end += 1
            builder.block(lines[i:end], i)
            i = end
    skipped = len(text) - len(text.lstrip("\n"))
    starts = tuple(start + skipped for start in builder.starts)
    return Split(tuple(builder.parts), tuple(builder.units), starts, frozenset(builder.code))


def whole_text(text: str) -> str:
    """A one-paragraph field as one unit: its lines joined as Markdown reads them."""
    return " ".join(line.strip() for line in text.strip().split("\n") if line.strip())


class _Builder:
    def __init__(self):
        self.parts: list[Part] = []
        self.units: list[str] = []
        self.open: int | None = None  # the unit that a continuation line adds to
        self.starts: list[int] = []
        self.code: set[int] = set()
        self.row = 0

    def literal(self, line: str) -> None:
        self.parts.append(line)
        self.open = None

    def new_unit(self, lead: str, text: str, tail: str = "", can_continue: bool = True) -> int:
        self.units.append(text)
        self.starts.append(self.row)
        self.parts.append(Slot(lead, len(self.units) - 1, tail))
        self.open = len(self.units) - 1 if can_continue else None
        return len(self.units) - 1

    def fenced(self, lines: list[str], start: int) -> int:
        fence = FENCE.match(lines[start]).group(1)
        end = start + 1
        while end < len(lines) and not lines[end].strip().startswith(fence):
            end += 1
        self.literal(lines[start])
        if end > start + 1:
            self.row = start + 1
            self.code.add(self.new_unit("", "\n".join(lines[start + 1 : end]), can_continue=False))
        if end < len(lines):
            self.literal(lines[end])
        return end + 1

    def block(self, block: list[str], first: int) -> None:
        if block[0].lstrip().startswith("<"):
            text = "\n".join(block)
            if COMMENT_ONLY.match(text):
                for line in block:
                    self.literal(line)
            else:
                self.new_unit("", text, can_continue=False)
            return
        self.open = None
        for offset, line in enumerate(block):
            self.row = first + offset
            self.line(line)
        self.open = None

    def line(self, line: str) -> None:
        match = LINE.match(line)
        lead, marker, rest = match.group("lead"), match.group("marker") or "", match.group("rest")
        if marker and not marker.startswith("#") and self.open is not None and self.in_paragraph:
            if not INTERRUPTS_PARAGRAPH.match(marker):
                marker, rest = "", marker + rest
        if not rest.strip() and not marker:
            self.literal(line)
        elif rest.startswith("|") and not marker:
            self.table_row(lead, rest)
        elif marker.startswith("#"):
            self.new_unit(lead + marker, rest.strip(), can_continue=False)
        elif marker or self.open is None:
            self.new_unit(lead + marker, rest.strip())
            self.in_paragraph = not marker
        else:
            self.units[self.open] += " " + rest.strip()

    in_paragraph = False

    def table_row(self, lead: str, row: str) -> None:
        if TABLE_RULE.match(row.strip()):
            self.literal(lead + row)
            return
        cells = CELL_SPLIT.split(row.strip().strip("|")) if row.strip() != "|" else []
        indices = []
        for cell in cells:
            self.units.append(cell.strip())
            self.starts.append(self.row)
            indices.append(len(self.units) - 1)
        self.parts.append(Row(lead, tuple(indices)))
        self.open = None
