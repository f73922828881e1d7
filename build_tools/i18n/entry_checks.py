"""What a translation must keep of its English unit: links and their addresses, emphasis, the
paragraph or list item it is (no more), and `{placeholders}`. Used by `check` (which reports it) and
by the translated content (which shows the English instead of a translation that breaks one)."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from urllib.parse import unquote

from markdown_it.token import Token

from ..markdown_subset import SUBSET_HINT, parse, unsupported_among, unsupported_in
from ..memo import memo
from ..plain_text import is_plain
from .links import references
from .markdown_units import split_markdown
from .units import PLACEHOLDER


@memo(
    "translation-entry-problems"
)  # every build of a translation asks of every unit: a rebuild asks again only of changed ones
def entry_problems(english: str, translation: str) -> tuple[str, ...]:
    """What a translation changed that it must keep: links, URLs, emphasis, paragraphs, placeholders."""
    if "\n" in english:  # a code or HTML block: its text is free, its lines are the translator's
        return tuple(_placeholder_problems(english, translation))
    if english.strip() and UNIT_MARKUP.isdisjoint(english) and UNIT_MARKUP.isdisjoint(translation):
        return ()  # most units: plain sentences, with nothing of the kinds below to keep
    found = _reference_problems(english, translation)
    found += _link_problems(english, translation)
    found += _emphasis_problems(english, translation)
    found += _block_problems(english, translation)
    found += _placeholder_problems(english, translation)
    return tuple(found)


UNIT_MARKUP = frozenset("[<*_{|>`~\n")
"""What a link, emphasis, a placeholder, a second unit (a line, a table cell) or a unit that is no
text (a quote mark, a code fence) needs: between two single lines that hold none of them, the English
not blank, there is nothing to lose or to add (a single line is at most one unit)."""
INLINE_MARKUP = frozenset("[<*_")
"""What every link, image (`![`), autolink and emphasis starts with: a text holding none of them has none."""


@lru_cache(maxsize=8192)
def _inline(text: str) -> tuple:
    """The inline tokens of a text, parsed once (check and the translated content both ask); a text
    with no link or emphasis mark is not parsed (most units are plain sentences)."""
    if INLINE_MARKUP.isdisjoint(text):
        return ()
    return tuple(child for token in _tokens(text) for child in token.children or [])


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[Token, ...]:
    """A text's tokens from the site's parser, parsed once for the entry and the subset checks.
    Callers must not change them."""
    return tuple(parse(text))


def _reference_problems(english: str, translation: str) -> list[str]:
    """Links kept by number (`[text][1]`): each must stay, and no other number appear."""
    ours, theirs = Counter(references(english)), Counter(references(translation))
    found = [f"the translation drops link [{n}]" for n in sorted((ours - theirs).elements())]
    return found + [
        f"the translation has a link [{n}] that the English does not" for n in sorted((theirs - ours).elements())
    ]


def _links(text: str) -> Counter:
    found = Counter()
    for child in _inline(text):
        if child.type == "link_open":
            found[unquote(child.attrs.get("href", ""))] += 1
        elif child.type == "image":
            found[unquote(child.attrs.get("src", ""))] += 1
    return found


def _link_problems(english: str, translation: str) -> list[str]:
    ours, theirs = _links(english), _links(translation)
    if ours == theirs:
        return []
    lost, added = sorted((ours - theirs).elements()), sorted((theirs - ours).elements())
    if len(lost) == len(added):
        return [f"the translation changes a link's address from {a} to {b}" for a, b in zip(lost, added, strict=True)]
    found = [f"the translation drops the link to {url}" for url in lost]
    return found + [f"the translation adds a link to {url}" for url in added]


def _emphasis(text: str) -> tuple[int, int]:
    kinds = Counter(child.type for child in _inline(text))
    return kinds["strong_open"], kinds["em_open"]


def _emphasis_problems(english: str, translation: str) -> list[str]:
    (strong, em), (strong_fr, em_fr) = _emphasis(english), _emphasis(translation)
    found = []
    if strong != strong_fr:
        found.append(f"{strong} bold (**) in English, {strong_fr} in the translation")
    if em != em_fr:
        found.append(f"{em} italic (*) in English, {em_fr} in the translation")
    return found


def _block_problems(english: str, translation: str) -> list[str]:
    if len(split_markdown(translation).units) > len(split_markdown(english).units):
        return ["the translation adds a paragraph or a list item (keep it to the English one; no blank line)"]
    return []


def _placeholder_problems(english: str, translation: str) -> list[str]:
    ours, theirs = sorted(PLACEHOLDER.findall(english)), sorted(PLACEHOLDER.findall(translation))
    if ours == theirs:
        return []
    return [
        f"placeholders differ: {' '.join(ours) or 'none'} in English, {' '.join(theirs) or 'none'} in the translation"
    ]


@memo("translation-subset-problems")  # a rebuild asks again only of changed units
def subset_problems(english: str, translation: str) -> tuple[str, ...]:
    """Markdown that course content may not use (raw HTML, a heading, an image...), when the English has none.

    Hand-written pages and interface strings are not course content: they are not held to the subset.
    """
    found = _unsupported(translation)
    if not found or unsupported_in(english):
        return ()
    return (f"the translation uses {found}, which course text may not ({SUBSET_HINT})",)


def _unsupported(text: str) -> str | None:
    """`unsupported_in(text)`, from the tokens the entry checks parsed where they are the same.

    A plain sentence (`plain_text.is_plain`) parses to one paragraph of text, which the subset allows
    and which holds no `<` or `{` to look for. A text with no `[` and no `<` has no link or raw HTML
    for the parsers' link checks to tell apart: the site's parser gives the checking parser's tokens.
    """
    if is_plain(text):
        return None
    if "[" in text or "<" in text:
        return unsupported_in(text)
    return unsupported_among(_tokens(text))
