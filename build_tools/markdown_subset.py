"""The Markdown that authors may write in content text, and the parser both outputs share.

The site renders module text with Python-Markdown and the handouts convert it to Typst from
markdown-it tokens. Two parsers agree only on a defined subset, so `check` rejects anything else:
raw HTML (it would reach the page unescaped), images, headings, code blocks and rules.
Allowed: paragraphs, **strong**, *emphasis*, `code`, [links](https://...), bullet and numbered
lists, quotes and tables. The site's renderer (safe_html.py) drops links to anything but http,
https, mailto and relative targets and shows `{ attribute }` syntax as text: `check` reports both,
so that an author learns it from the report rather than from a changed page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from . import plain_text
from .links import is_safe_link
from .memo import memo

parser = MarkdownIt("commonmark", {"html": True}).enable("table")
parser.validateLink = is_safe_link  # what the handouts convert: an unsafe link stays text
_checking = MarkdownIt("commonmark", {"html": True}).enable("table")
_checking.validateLink = lambda url: True  # every link becomes a token, so that `unsupported_in` can judge it

ATTRIBUTE_SYNTAX = re.compile(r"\{:?\s*(?:[#.][\w-]|[A-Za-z_:][\w:.-]*\s*=)[^{}]*\}")
"""`{ #id }`, `{ .class }`, `{ onclick="..." }`: Python-Markdown's attr_list, which content may not use."""
NAMESPACED_TAG = re.compile(r"</?[A-Za-z][\w.-]*:[\w:.-]*[^<>]*>?")
"""`<x:y ...>`: not HTML to CommonMark, but HTML to Python-Markdown and to browsers."""

ALLOWED = {
    "paragraph_open", "paragraph_close", "inline", "text", "softbreak", "hardbreak",
    "strong_open", "strong_close", "em_open", "em_close", "code_inline", "link_open", "link_close",
    "bullet_list_open", "bullet_list_close", "ordered_list_open", "ordered_list_close",
    "list_item_open", "list_item_close", "blockquote_open", "blockquote_close",
    "table_open", "table_close", "thead_open", "thead_close", "tbody_open", "tbody_close",
    "tr_open", "tr_close", "th_open", "th_close", "td_open", "td_close",
}  # fmt: skip
NAMES = {
    "html_block": "raw HTML", "html_inline": "raw HTML", "image": "an image", "heading_open": "a heading",
    "fence": "a code block", "code_block": "an indented code block (4 spaces)", "hr": "a horizontal rule",
}  # fmt: skip


SUBSET_HINT = "use paragraphs, **bold**, *italic*, [links](https://...), lists, quotes and tables"
HINTS = {
    "a link to": "links may go to http://, https:// or mailto: addresses, or to a page of this site",
    "a link title": "a title in quotes after the address is not shown: put the words in the text",
    "attribute syntax": "remove the {...}: content cannot set classes, ids or attributes",
}


def hint_for(found: str) -> str:
    """The hint for what `unsupported_in` found: how to write it within the subset."""
    return next((hint for start, hint in HINTS.items() if found.startswith(start)), SUBSET_HINT)


def parse(text: str) -> Sequence[Token]:
    return shared_tokens(text) or plain_text.parse(parser, text)


def parse_inline(text: str) -> Sequence[Token]:
    """One line of text (a title, an option): block syntax such as `# ` or `1. ` stays text."""
    return shared_tokens(text, inline=True) or plain_text.parse(parser, text, inline=True)


def shared_tokens(text: str, *, inline: bool = False) -> tuple[Token, ...] | None:
    """A text's tokens, parsed once for its check, its page, its handout and its word count, when every
    parser here gives the same ones; None when they may differ: the text holds raw HTML or an image
    (the site's renderer reads neither), or a link that a parser judging links would leave as text.

    Callers must not change the tokens (nor their children): they are shared.
    """
    tokens, shared = _checked(text, inline)
    return tokens if shared else None


def _checked(text: str, inline: bool) -> tuple[tuple[Token, ...], bool]:
    """The checking parser's tokens of a text, and whether every parser gives the same. A text with
    Markdown in it is parsed once per build (a build asks for its tokens to check it, render it, count
    its words and typeset its handout); plain text, which takes no parsing, is not kept."""
    if plain_text.is_plain(text):  # one paragraph of text, the same to every parser
        return tuple(plain_text.parse(_checking, text, inline=inline)), True
    return _parsed(text, inline)


@lru_cache(maxsize=8192)
def _parsed(text: str, inline: bool) -> tuple[tuple[Token, ...], bool]:
    tokens = tuple(_checking.parseInline(text) if inline else _checking.parse(text))
    return tokens, not any(_parsers_differ_on(token) for token in walk(tokens))


def _parsers_differ_on(token: Token) -> bool:
    return token.type in ("html_inline", "html_block", "image") or (
        token.type == "link_open" and not is_safe_link(str(token.attrGet("href") or ""))
    )


@memo("markdown-unsupported")  # a rebuild checks again only the texts that changed
def unsupported_in(text: str, *, inline: bool = False, html_as_text: bool = False) -> str | None:
    """What in `text` falls outside the subset (`raw HTML (<div>)`), or None when all is allowed.

    Args:
        inline: the text is one line (an objective, an option), parsed without block syntax.
        html_as_text: `<tags>` are shown as written (quiz text is escaped), so they are allowed.
    """
    return unsupported_among(_checked(text, inline)[0], html_as_text=html_as_text)


def unsupported_among(tokens: list[Token] | tuple[Token, ...], *, html_as_text: bool = False) -> str | None:
    """`unsupported_in` of a text already parsed: its tokens from a parser that takes every link as a
    link (`_checking`; the site's `parser` gives the same tokens for a text with no `[` and no `<`)."""
    allowed = ALLOWED | ({"html_inline", "html_block"} if html_as_text else set())
    for token in walk(tokens):
        if token.type not in allowed:
            detail = token.content.strip().splitlines()[0][:40] if token.content.strip() else ""
            name = NAMES.get(token.type, token.type.removesuffix("_open"))
            return f"{name} ({detail})" if detail else name
        found = _unsafe_link(token) or (_in_text(token.content, html_as_text) if token.type == "text" else None)
        if found:
            return found
    return None


@memo("markdown-empty-header")
def empty_header_in(text: str) -> int | None:
    """The number (from 1) of the first empty header cell of a table in `text`, if any.

    Screen readers announce each cell with its column's header; axe-core reports an empty one
    (`empty-table-header`).
    """
    if "|" not in text:  # no table without one
        return None
    cells = 0
    tokens = parse(text)
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            cells = 0
        elif token.type == "th_open":
            cells += 1
            inline = tokens[index + 1]
            if inline.type != "inline" or not inline.content.strip():
                return cells
    return None


def _unsafe_link(token: Token) -> str | None:
    if token.type != "link_open":
        return None
    href = str(token.attrGet("href") or "")
    if not is_safe_link(href):
        return f"a link to '{href[:40]}'"
    if token.attrGet("title"):
        return f'a link title ("{str(token.attrGet("title"))[:40]}")'
    return None


def _in_text(text: str, html_as_text: bool) -> str | None:
    """Markup hidden in text: a namespaced tag that Python-Markdown would take as HTML, `{attributes}`."""
    tag = None if html_as_text else NAMESPACED_TAG.search(text)
    return f"raw HTML ({tag.group(0)[:40]})" if tag else attribute_syntax_in(text)


def attribute_syntax_in(text: str) -> str | None:
    """`attribute syntax ({ onclick=... })` when the text holds `{...}` attributes, else None."""
    match = ATTRIBUTE_SYNTAX.search(text)
    return f"attribute syntax ({match.group(0)[:40]})" if match else None


def walk(tokens: list[Token]):
    for token in tokens:
        yield token
        if token.children:
            yield from walk(token.children)
