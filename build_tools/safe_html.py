"""The one way from author text to HTML.

Every author field is either plain text, escaped for where it goes (`plain_in_markdown`,
`escape_meta`, `tooltip_text`), or our Markdown subset, rendered by `render_markdown`: markdown-it
with raw HTML off and no attribute syntax, links limited to `LINK_SCHEMES` and relative targets
(`is_safe_link`, after entity decoding and case folding), then the nh3 allow-list sanitiser as a
second line of defence. `check` reports what this path would drop (see markdown_subset.py), so an
author learns it from `make check`, not from a silently changed page.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Mapping, Sequence
from functools import cached_property

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from . import plain_text
from .links import LINK_SCHEMES, is_safe_link
from .markdown_subset import shared_tokens
from .memo import keep, recall

TAGS = frozenset({
    "p", "br", "strong", "em", "code", "a", "ul", "ol", "li", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "abbr",
})  # fmt: skip
ATTRIBUTES = {"a": {"href"}, "abbr": {"title", "tabindex"}, "ol": {"start"}, "th": {"style"}, "td": {"style"}}
MARKUP_CHARACTERS = frozenset('\\`*_{}[]()#+!<>&|~=:"^$@%')


def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable("table").disable("image")
    md.validateLink = is_safe_link
    return md


_markdown = _renderer()


def render_markdown(text: str, *, inline: bool = False, glossary: Mapping[str, str] | None = None) -> Markup:
    """Author Markdown as sanitised HTML.

    Args:
        inline: one line (an option, an objective): no paragraph around it, block syntax stays text.
        glossary: term → definition; each term in the text becomes an `<abbr>` tooltip.
    """
    terms = None
    if glossary:
        terms = glossary if isinstance(glossary, GlossaryTerms) else GlossaryTerms(glossary)
    key = (text, inline, terms.fingerprint if terms else "")
    rendered = recall("markdown-html", key)
    if rendered is None:
        rendered = str(_render(text, inline, terms))
        keep("markdown-html", key, rendered)
    return Markup(rendered)


class GlossaryTerms(dict[str, str]):
    """Each form of each glossary term with its definition, and what marking them takes, worked out
    once: a build renders thousands of texts with the same terms. Not to be changed once used."""

    @cached_property
    def pattern(self) -> re.Pattern:
        """Any of the forms as a whole word, the longest first."""
        forms = "|".join(re.escape(term) for term in sorted(self, key=len, reverse=True))
        return re.compile(r"(?<!\w)(" + forms + r")(?!\w)")

    @cached_property
    def fingerprint(self) -> str:
        """A short fingerprint of the terms: the same text renders alike with the same terms."""
        return hashlib.sha256(repr(sorted(self.items())).encode("utf-8")).hexdigest()[:16]


def _render(text: str, inline: bool, glossary: GlossaryTerms | None) -> Markup:
    if plain_text.is_plain(text) and not (glossary and glossary.pattern.search(text)):
        return Markup(_plain_html(text, inline))
    tokens = shared_tokens(text, inline=inline) or plain_text.parse(_markdown, text, inline=inline)
    if glossary:
        tokens = _with_terms(tokens, glossary)
    rendered = _markdown.renderer.render(tokens, _markdown.options, {})
    return Markup(sanitise(rendered))


def _plain_html(text: str, inline: bool) -> str:
    """What markdown-it and then the sanitiser make of plain text (see plain_text.py), without running
    them: the text as the sanitiser writes it, with no-break spaces as `&nbsp;` (plain text holds no
    `&`, `<` or `>`, and a quotation mark needs no escaping in text), in a paragraph unless inline."""
    written = text.replace("\u00a0", "&nbsp;")
    return written if inline else f"<p>{written}</p>\n"


def sanitise(fragment: str) -> str:
    """The allow-list: only the tags and attributes our Markdown subset produces, only safe URLs."""
    return _SANITISER.clean(fragment)


_SANITISER = nh3.Cleaner(
    tags=set(TAGS),
    # `*`: no attribute on every tag (nh3 would otherwise allow `title` and `lang` anywhere)
    attributes={"*": set(), **{tag: set(names) for tag, names in ATTRIBUTES.items()}},
    url_schemes=set(LINK_SCHEMES),
    filter_style_properties={"text-align"},
    link_rel=None,
    strip_comments=True,
)
"""Built once: a build sanitises thousands of texts."""


_BREAKING_SPACES = re.compile(r"[^\S\u00a0\u202f]+")


def plain_in_markdown(text: str) -> Markup:
    """Plain text placed in a Markdown page (a heading, a link text): inert to every Markdown parser.

    Whitespace collapses to single spaces (a newline would end a heading); no-break spaces stay, as
    French typography puts them (`Médiation\u00a0: …`). Every character that
    Markdown, HTML or attribute syntax could read as markup, and the first character when it is not
    a letter (`1. `, `- `, `: ` start blocks), becomes a numeric character reference, which
    Python-Markdown passes through as text. Hyphens, apostrophes and full stops inside the text stay
    as they are, so glossary terms such as `intra-parliamentary` still get their tooltips.
    """
    collapsed = _BREAKING_SPACES.sub(" ", text).strip(" ")
    return Markup(
        "".join(
            f"&#{ord(c)};" if c in MARKUP_CHARACTERS or (i == 0 and c.isascii() and not c.isalpha()) else c
            for i, c in enumerate(collapsed)
        )
    )


def escape_meta(text: str) -> str:
    """Plain text for an attribute that a template prints unescaped (Material's meta description)."""
    return html.escape(" ".join(text.split()), quote=True)


def escape_title(text: str) -> str:
    """A page or navigation title: Material prints it unescaped as text, and escaped (`| e`) in labels.

    Quotes stay as they are, so that a label escaped once more still reads `'` (not `&#x27;`);
    `&` must be escaped, or a title written as `&lt;img ...&gt;` would become a tag where Material
    copies a truncated title into a tooltip.
    """
    return html.escape(" ".join(text.split()), quote=False)


def tooltip_text(text: str) -> str:
    """A definition for a tooltip's `title`: the text as HTML, since that is how Material reads it.

    Material's tooltips insert the title with `innerHTML` (and remove the attribute while shown),
    so the title holds the text HTML-escaped: `<img ...>` or `&lt;` written by an author show as
    written, and no tag can start.
    """
    return html.escape(" ".join(text.split()), quote=False)


def markdown_to_text(text: str) -> str:
    """What a reader sees of some Markdown, as plain text (for a meta description)."""
    return " ".join(html.unescape(nh3.clean(str(render_markdown(text)), tags=set())).split())


def _with_terms(tokens: Sequence[Token], glossary: GlossaryTerms) -> list[Token]:
    """The tokens with each glossary term in the inline text (not in code, not in a link: a tap there
    would follow the link) wrapped in a focusable `<abbr>` with its definition (see glossary_terms.py).
    New tokens: the parsed ones are shared (see `shared_tokens`)."""
    return [_inline_with_terms(t, glossary) if _may_hold_terms(t, glossary) else t for t in tokens]


def _may_hold_terms(token: Token, glossary: GlossaryTerms) -> bool:
    """Whether an inline token's text may hold a term: its source does, or has an entity or an escape
    that its text may spell one with (`&#66;ATNA`)."""
    if token.type != "inline" or not token.children:
        return False
    return "&" in token.content or "\\" in token.content or glossary.pattern.search(token.content) is not None


def _inline_with_terms(token: Token, glossary: GlossaryTerms) -> Token:
    pieces, in_link = [], 0
    for child in token.children or []:
        in_link += {"link_open": 1, "link_close": -1}.get(child.type, 0)
        pieces += [child] if in_link else _split_text(child, glossary.pattern, glossary)
    return token.copy(children=pieces)


def _split_text(token: Token, pattern: re.Pattern, glossary: Mapping[str, str]) -> list[Token]:
    if token.type != "text" or not pattern.search(token.content):
        return [token]
    pieces: list[Token] = []
    position = 0
    for match in pattern.finditer(token.content):
        pieces.append(Token("text", "", 0, content=token.content[position : match.start()]))
        definition = tooltip_text(glossary[match.group(1)])
        pieces.append(Token("abbr_open", "abbr", 1, attrs={"title": definition, "tabindex": "0"}))
        pieces.append(Token("text", "", 0, content=match.group(1)))
        pieces.append(Token("abbr_close", "abbr", -1))
        position = match.end()
    pieces.append(Token("text", "", 0, content=token.content[position:]))
    return pieces
