"""The Markdown that authors may write in module text.

Module text is passed to the site's Markdown processor as it is, so raw HTML there would reach the
page unescaped (a `<script>`, a broken layout). Quiz text is rendered with raw HTML off and needs no
such check. Authors write Markdown: paragraphs, emphasis, links, lists, quotes and tables.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

_parser = MarkdownIt("commonmark", {"html": True}).enable("table")


def raw_html_in(text: str) -> str | None:
    """The first piece of raw HTML in `text`, or None when there is none."""
    for token in _walk(_parser.parse(text)):
        if token.type in ("html_block", "html_inline"):
            return token.content.strip().splitlines()[0][:40]
    return None


def _walk(tokens: list[Token]):
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)
