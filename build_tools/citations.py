"""How a module's sources are written: `Title. Publisher, 2024.`, each title in its own language.

A title that ends a sentence itself (`Can women make the world more peaceful?`) takes no full
stop after it: `…peaceful?. Publisher` doubled the mark.
"""

from __future__ import annotations

from .model import Reference

SENTENCE_ENDS = (".", "?", "!", "…")


def full_stop(text: str) -> str:
    """The full stop that ends `text` in a list of sources: none after a text that ends in one already."""
    return "" if text.rstrip().endswith(SENTENCE_ENDS) else "."


def after_title(reference: Reference) -> str:
    """What follows a source's title in a list of sources: `. Publisher, 2024.` (no full stop after a
    title or publisher that ends in one already)."""
    publisher = reference.publisher + (f", {reference.year}" if reference.year else "")
    return f"{full_stop(reference.title)} {publisher}{full_stop(publisher)}"


def title_parts(reference: Reference, language: str) -> list[tuple[str, str | None]]:
    """A source's title as (text, language) parts, the language given only where it is not
    `language` (the page's): on a French page, `Common Security 2022: For Our Shared Future (page et
    rapport)` is the English title, marked `en`, then a French note (see i18n/apply.py)."""
    kept, title_language = reference._title_kept, reference._title_language
    if not kept or not title_language or title_language == language or not reference.title.startswith(kept):
        return [(reference.title, None)]
    rest = reference.title[len(kept) :]
    return [(kept, title_language)] + ([(rest, None)] if rest else [])
