"""Link addresses kept out of the PO files: `[text](https://...)` becomes `[text][1]` in a unit.

A translator translates the link's text and keeps its number; the address comes back from the
English when the translation is applied. So no translation can change or break an address, and a
translation memory matches the sentence whatever the link points to. Numbers follow the order of
the addresses in the English unit; a translation may move a link within the sentence. Images
(`![alt](figures/x.svg)`) are treated the same way: their file names stay in the English.
"""

from __future__ import annotations

import re

LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]"
    r"\((?P<url>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\)"
)
"""An inline link or image: its text may hold one level of brackets, its address one of parentheses."""
REFERENCE = re.compile(r"\]\[(\d+)\]")


def mask(text: str) -> tuple[str, list[str]]:
    """`text` with each link's address replaced by its number, and the addresses in number order."""
    if "](" not in text:  # no inline link or image (most units): nothing to number
        return text, []
    urls: list[str] = []

    def number(match: re.Match) -> str:
        url = match.group("url")
        if url not in urls:
            urls.append(url)
        return f"{match.group('bang')}[{match.group('text')}][{urls.index(url) + 1}]"

    return LINK.sub(number, text), urls


def mask_as(text: str, urls: list[str]) -> tuple[str, list[str]]:
    """A translation (a draft's text) numbered as its English: returns it and the addresses the English
    does not have (they stay in the text, where `check` reports them)."""
    unknown: list[str] = []

    def number(match: re.Match) -> str:
        url = match.group("url")
        if url not in urls:
            unknown.append(url)
            return match.group(0)
        return f"{match.group('bang')}[{match.group('text')}][{urls.index(url) + 1}]"

    return LINK.sub(number, text), unknown


def unmask(text: str, urls: list[str]) -> str:
    """Each `][n]` back to `](address)`; a number the English does not have stays as written."""

    def address(match: re.Match) -> str:
        index = int(match.group(1)) - 1
        return f"]({urls[index]})" if 0 <= index < len(urls) else match.group(0)

    return REFERENCE.sub(address, text)


def references(text: str) -> list[str]:
    """The link numbers a unit holds, in order (`["1", "2"]`)."""
    return REFERENCE.findall(text)
