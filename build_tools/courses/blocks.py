"""Paragraphs and list items of a hand-written page, found from one of their lines and left out.

A page shared by every course may hold a sentence that is true of one course only: "The course is
also in French" (facts.py: its placeholder is empty in a course of one language), "Write your action
plan" (links.py: a course may leave the action plan out). Such a sentence is written as a paragraph
or a list item of its own, and the build leaves the whole of it out where it would be false.

Works on Markdown lines: a paragraph runs from a blank line, a heading, a fence or a comment to the
next; a list item from its marker to the next item that is not nested in it, with its nested items.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

LIST_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+")
BOUNDARY = re.compile(r"^[ \t]*(?:$|#|```|~~~|<!--)")
"""A blank line, a heading, a code fence or a comment: no paragraph or list item runs across it."""


def block_around(lines: list[str], number: int) -> tuple[int, int]:
    """The first and last lines (0 = the page's first) of the paragraph or list item holding line `number`."""
    first = number
    while not _starts_block(lines, first):
        first -= 1
    last = number
    while last + 1 < len(lines) and not _ends_block(lines, first, last + 1):
        last += 1
    return first, last


def without_blocks(markdown: str, numbers: Iterable[int]) -> str:
    """The page without the paragraph or list item (and what is nested in it) around each line of `numbers`."""
    lines = markdown.split("\n")
    dropped: set[int] = set()
    for number in numbers:
        first, last = block_around(lines, number)
        dropped.update(range(first, last + 1))
    if not dropped:
        return markdown
    return "\n".join(line for number, line in enumerate(lines) if number not in dropped)


def _starts_block(lines: list[str], number: int) -> bool:
    return number == 0 or bool(LIST_ITEM.match(lines[number]) or BOUNDARY.match(lines[number - 1]))


def _ends_block(lines: list[str], first: int, number: int) -> bool:
    """Whether line `number` is past the block that starts at line `first`: a boundary, or a list
    item that is not nested in the block's own."""
    if BOUNDARY.match(lines[number]):
        return True
    item = LIST_ITEM.match(lines[number])
    own = LIST_ITEM.match(lines[first])
    return bool(item and (not own or len(item["indent"]) <= len(own["indent"])))
