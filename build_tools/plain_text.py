"""Plain text parsed without the parser: most author texts are one sentence with no Markdown in it.

markdown-it takes about a tenth of a millisecond to find that a title, an option or an objective
is one paragraph of text, and a build asks it thousands of times (rendering, the subset check, the
translations' checks, word counts). `parse` gives the very tokens markdown-it would give for a text
that holds no character any enabled syntax could start with, and leaves every other text to
markdown-it. It serves the CommonMark parsers of this project (with or without raw HTML, tables,
images or a link check): on plain text they all agree.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

NOT_PLAIN = re.compile(r"[\x00-\x1f\x7f\\`*_\[\]<>&#|~{}]|^[\s\-+=]|^\d+[.)]|\s$")
"""What could make a text more than one paragraph of text to a CommonMark parser: a line break or
another control character; an inline mark (emphasis, code, a link, an autolink or raw HTML, an
entity, an escape); `{attributes}`, `#` and `|` (checked by the subset); at the start, a list
marker, a rule, an indent (a code block) or an ordered list's number; space at either end (trimmed
by the parser)."""


def is_plain(text: str) -> bool:
    """Whether `text` is a single line of text with no Markdown syntax in it."""
    return bool(text) and NOT_PLAIN.search(text) is None


def parse(parser: MarkdownIt, text: str, *, inline: bool = False) -> list[Token]:
    """`parser.parse(text)` (or `parseInline`), without running the parser on plain text."""
    if not is_plain(text):
        return parser.parseInline(text) if inline else parser.parse(text)
    if inline:
        return [_inline(text, level=0, block=False)]
    return [
        Token("paragraph_open", "p", 1, map=[0, 1], block=True),
        _inline(text, level=1, block=True),
        Token("paragraph_close", "p", -1, block=True),
    ]


def _inline(text: str, *, level: int, block: bool) -> Token:
    children = [Token("text", "", 0, content=text)]
    return Token("inline", "", 0, map=[0, 1], level=level, content=text, children=children, block=block)
