"""The Markdown that authors may write in content text, and the parser both outputs share.

The site renders module text with Python-Markdown and the handouts convert it to Typst from
markdown-it tokens. Two parsers agree only on a defined subset, so `check` rejects anything else:
raw HTML (it would reach the page unescaped), images, headings, code blocks and rules.
Allowed: paragraphs, **strong**, *emphasis*, `code`, [links](https://...), bullet and numbered
lists, quotes and tables.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

parser = MarkdownIt("commonmark", {"html": True}).enable("table")

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


def parse(text: str) -> list[Token]:
    return parser.parse(text)


def parse_inline(text: str) -> list[Token]:
    """One line of text (a title, an option): block syntax such as `# ` or `1. ` stays text."""
    return parser.parseInline(text)


def unsupported_in(text: str, *, inline: bool = False, html_as_text: bool = False) -> str | None:
    """What in `text` falls outside the subset (`raw HTML (<div>)`), or None when all is allowed.

    Args:
        inline: the text is one line (an objective, an option), parsed without block syntax.
        html_as_text: `<tags>` are shown as written (quiz text is escaped), so they are allowed.
    """
    allowed = ALLOWED | ({"html_inline", "html_block"} if html_as_text else set())
    for token in walk(parse_inline(text) if inline else parse(text)):
        if token.type not in allowed:
            detail = token.content.strip().splitlines()[0][:40] if token.content.strip() else ""
            name = NAMES.get(token.type, token.type.removesuffix("_open"))
            return f"{name} ({detail})" if detail else name
    return None


def empty_header_in(text: str) -> int | None:
    """The number (from 1) of the first empty header cell of a table in `text`, if any.

    Screen readers announce each cell with its column's header; axe-core reports an empty one
    (`empty-table-header`).
    """
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


def walk(tokens: list[Token]):
    for token in tokens:
        yield token
        if token.children:
            yield from walk(token.children)
