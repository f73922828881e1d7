"""Translations of the course (stand-in until the i18n-flow branch lands its PO workflow).

The site codes against these three names; this stand-in returns the English, so that every
language builds (in English) until the real translations arrive.
"""

from __future__ import annotations

from pathlib import Path

from ..loader import Content


def translate_content(content: Content, root: Path, language: str, *, strict: bool) -> tuple[Content, list]:
    """The content in `language`, and the problems met (untranslated or fuzzy text)."""
    return content, []


def translated_page(root: Path, page_path: str, language: str) -> str:
    """A hand-written page of docs/ in `language` (Markdown)."""
    return (root / "docs" / page_path).read_text(encoding="utf-8")


def load_strings(language: str) -> dict:
    """The interface strings of `language`."""
    from ..rendering import load_strings as english

    return english("en")
