"""Each language's typography, applied to translated text on output.

French puts a no-break space before `: ; ! ?` and inside « ». Translators are asked to type them,
but a PO editor shows a no-break space as a space and a translation memory may hold either, so the
output makes them right rather than a check asking translators for an invisible character: a space
before the mark becomes a no-break one, a missing space is added. U+202F (narrow no-break space)
before `; ! ?` and inside « », U+00A0 before `:` and `%` (the Imprimerie nationale's rules). Never inside
code, a URL, a link's target, an HTML tag or entity, or a `{placeholder}`; `14:30` keeps its colon,
and `Module 1: titre` gets its space.
"""

from __future__ import annotations

import re
from collections.abc import Callable

NBSP = "\u00a0"
NNBSP = "\u202f"
PROTECTED = re.compile(
    r"`[^`]*`"  # inline code
    r"|\]\([^)]*\)"  # a link's target
    r"|<[^>]*>"  # an HTML tag or an autolink
    r"|https?://[^\s)>\]]*"  # a bare address
    r"|mailto:[^\s)>\]]*"
    r"|&#?\w+;"  # an HTML entity
    r"|\{[a-z_]+\}"  # a placeholder
)
BEFORE_MARK = re.compile(
    r"[ \u00a0\u202f](?=[;:?!])(?:(?<=[^\s;:!?].)(?:[;?]|!(?!\[))|(?<=[^\s\d;:!?].):|(?<=\d.):)"  # a space, then
    r"|(?:[;?]|!(?!\[))(?<=[^\s;:!?].)"  # not `![` (an image), not the second of `?!`
    r"|:(?<=[^\s\d;:!?].)"  # `14:30` keeps its colon (`14 :` gets a no-break space)
    r"|:(?<=\d.)(?=\s)"  # `Module 1: titre` gets one too: a colon after a number, then a space
)
"""A mark after a word, or a space between: each branch starts with the character it matches first
and looks back from there, so that the search skips the rest of the text quickly."""
OPENING_GUILLEMET = re.compile(r"«[ \u00a0\u202f]?")
CLOSING_GUILLEMET = re.compile(r"[ \u00a0\u202f]?»")
PERCENT = re.compile(r"(?<=[\d\ue011])[ \u00a0\u202f]?%")
"""`%` after a number, or after a `{placeholder}` (which a program fills with a number: `{share} %`)."""
TOKEN = re.compile("\ue010(\\d+)\ue011")


FRENCH_MARKS = frozenset(";:!?«»%")
"""What the French rules put a space beside: a text holding none of them is left as it is."""


def french(text: str) -> str:
    """`Pourquoi ?`, `Note :`, `« texte »` with no-break spaces, outside code, links and tags."""
    if FRENCH_MARKS.isdisjoint(text):
        return text
    kept: list[str] = []

    def keep(match: re.Match) -> str:
        kept.append(match.group(0))
        return f"\ue010{len(kept) - 1}\ue011"

    if _may_hold_protected(text):
        text = PROTECTED.sub(keep, text)
    text = BEFORE_MARK.sub(_space_before, text)
    if "«" in text:
        text = OPENING_GUILLEMET.sub("«" + NNBSP, text)
    if "»" in text:
        text = CLOSING_GUILLEMET.sub(NNBSP + "»", text)
    if "%" in text:
        text = PERCENT.sub(NBSP + "%", text)
    return TOKEN.sub(lambda match: kept[int(match.group(1))], text) if "\ue010" in text else text


PROTECTED_STARTS = ("`", "](", "<", "://", "mailto:", "&", "{")
"""What each kind of `PROTECTED` text holds: a text with none of them has nothing to protect."""


def _may_hold_protected(text: str) -> bool:
    return any(start in text for start in PROTECTED_STARTS)


def _space_before(match: re.Match) -> str:
    mark = match.group(0)[-1]
    return (NBSP if mark == ":" else NNBSP) + mark


SPACE_BEFORE_MARK = re.compile(r"[ \u00a0\u202f]+(?=[;:!?%»])|(?<=«)[ \u00a0\u202f]+")


def without_spacing(text: str) -> str:
    """`text` with no space before `; : ! ? % »` nor after `«`: two texts that differ only by the
    spaces one language's rules put there (`Titre : sous-titre`, `Title: subtitle`) read the same."""
    return SPACE_BEFORE_MARK.sub("", text)


def _unchanged(text: str) -> str:
    return text


TYPOGRAPHY: dict[str, Callable[[str], str]] = {"fr": french}
MARKS: dict[str, frozenset[str]] = {"fr": FRENCH_MARKS}
"""What each language's rules act on: its `TYPOGRAPHY` leaves a text holding none of them as it is."""


def typeset(text: str, language: str) -> str:
    """`text` with the typography of `language` (unchanged for a language with no rules here)."""
    return TYPOGRAPHY.get(language, _unchanged)(text)
