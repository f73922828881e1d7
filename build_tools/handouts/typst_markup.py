"""Markdown (the authors' subset) to Typst markup, from markdown-it tokens.

Every character of author text that is not a letter, a digit or a space is escaped with a
backslash, which Typst reads as that character and nothing else: no author text can start a
function call (`#`), close a content block (`]`), open a comment (`//`) or a list. Structure is
written as function calls (`#strong[...]`, `#list(...)`), which nest safely.
"""

from __future__ import annotations

import json
import re

from markdown_it.token import Token

from ..markdown_subset import parse, parse_inline
from ..memo import memo

_SPECIAL = re.compile(r"[^\w\s]|_")
_INLINE_WRAP = {"strong": "#strong[", "em": "#emph["}


def escape(text: str) -> str:
    """Plain text as Typst markup that shows exactly this text."""
    return _SPECIAL.sub(lambda match: "\\" + match.group(), " ".join(text.split()) if "\n" in text else text)


def string(text: str) -> str:
    """A Typst string literal (Typst strings take JSON's escapes)."""
    return json.dumps(text, ensure_ascii=False)


# The same text appears in a module handout, the workbook and the trainer edition, and again in the
# next build (kept in .cache/memo: a rebuild converts only changed text).
@memo("typst-markup")
def to_typst(markdown: str) -> str:
    """Convert a Markdown text of the allowed subset into Typst markup."""
    return _blocks(parse(markdown)).strip()


@memo("typst-inline-markup")
def inline_to_typst(markdown: str) -> str:
    """Convert one line of Markdown (a title, an option) into inline Typst markup."""
    # Inline parsing, as the site's renderInline: `> 50%` or `1999. A year` stay text, not a quote or a list.
    return "".join(_inline(t.children or []) for t in parse_inline(markdown))


def _blocks(tokens: list[Token]) -> str:
    out: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        end = _closing(tokens, index)
        inner = tokens[index + 1 : end]
        if token.type == "inline":
            out.append(_inline(token.children or []))
        elif token.type == "paragraph_open":
            out.append(_blocks(inner) + "\n\n")
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            out.append(_list(token, inner))
        elif token.type == "blockquote_open":
            out.append(f"#quote(block: true)[{_blocks(inner).strip()}]\n\n")
        elif token.type == "table_open":
            out.append(_table(inner))
        elif token.type == "html_block":
            out.append(escape(token.content) + "\n\n")
        else:
            raise ValueError(f"unsupported Markdown: {token.type}")
        index = end + 1
    return "".join(out)


def _closing(tokens: list[Token], index: int) -> int:
    """The index of the token that closes the one at `index` (itself when it has no pair)."""
    if tokens[index].nesting != 1:
        return index
    depth = 0
    for position in range(index, len(tokens)):
        depth += tokens[position].nesting
        if depth == 0:
            return position
    raise ValueError("unbalanced Markdown tokens")


def _children(tokens: list[Token], kind: str) -> list[list[Token]]:
    """The contents of each top-level `kind` element (list items, rows, cells) in `tokens`."""
    parts, index = [], 0
    while index < len(tokens):
        end = _closing(tokens, index)
        if tokens[index].type == f"{kind}_open":
            parts.append(tokens[index + 1 : end])
        index = end + 1
    return parts


def _list(token: Token, inner: list[Token]) -> str:
    items = ", ".join(f"[{_blocks(item).strip()}]" for item in _children(inner, "list_item"))
    if token.type == "bullet_list_open":
        return f"#list({items})\n\n"
    start = int(token.attrs.get("start", 1) or 1)
    return f"#enum(start: {start}, {items})\n\n"


def _table(inner: list[Token]) -> str:
    rows = [[_blocks(cell).strip() for cell in _cells(row)] for row in _children(_flatten_sections(inner), "tr")]
    if not rows:
        return ""
    header = ", ".join(f"[{cell}]" for cell in rows[0])
    body = ", ".join(f"[{cell}]" for row in rows[1:] for cell in row)
    return f"#table(columns: {len(rows[0])}, table.header({header}), {body})\n\n"


def _flatten_sections(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.type not in ("thead_open", "thead_close", "tbody_open", "tbody_close")]


def _cells(row: list[Token]) -> list[list[Token]]:
    return _children([t if t.type not in ("th_open", "th_close") else _as_td(t) for t in row], "td")


def _as_td(token: Token) -> Token:
    copy = token.copy()
    copy.type = token.type.replace("th_", "td_")
    return copy


def _inline(tokens: list[Token]) -> str:
    out: list[str] = []
    for token in tokens:
        kind = token.type
        if kind in ("text", "html_inline"):  # quiz text may show `<tags>` literally, as the site does
            out.append(escape(token.content))
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("#linebreak()")
        elif kind == "code_inline":
            out.append(f"#raw({string(token.content)})")
        elif kind.removesuffix("_open") in _INLINE_WRAP and kind.endswith("_open"):
            out.append(_INLINE_WRAP[kind.removesuffix("_open")])
        elif kind == "link_open":
            out.append(f"#link({string(str(token.attrs.get('href', '')))})[")
        elif kind in ("strong_close", "em_close", "link_close"):
            out.append("]")
        else:
            raise ValueError(f"unsupported Markdown: {kind}")
    return "".join(out)
