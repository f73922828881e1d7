"""The mark on English text shown in place of a missing or fuzzy translation.

A text that has no translation yet (or whose translation is fuzzy, so may be wrong) falls back to
the English, wrapped in two private-use characters: U+E000 before, U+E001 after. They pass
unchanged through every step an author text goes through (Markdown, the sanitiser, escaping,
JSON), and no author writes them. The site turns them into `<span lang="en" class="untranslated">`
around the English (so a screen reader reads it in English, and the page can style it) with
`html_with_untranslated(page_html)`, run on a page's HTML once its content is complete; inside a tag,
an attribute, `<title>` or `<script>` (where a span cannot go) the marks are dropped. Anything that
is not HTML (a PDF, navigation titles, search text) uses `without_marks(text)`.
"""

from __future__ import annotations

import re

OPEN = "\ue000"
CLOSE = "\ue001"
SPAN_OPEN = '<span lang="en" class="untranslated">'
SPAN_CLOSE = "</span>"
NO_SPAN_ELEMENTS = ("title", "script", "style", "textarea", "option")
_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)[^>]*>|<!--.*?-->", re.DOTALL)


def marked(text: str) -> str:
    """English shown in place of a translation: wrapped in the marks."""
    return f"{OPEN}{text}{CLOSE}" if text else text


def without_marks(text: str) -> str:
    return text.replace(OPEN, "").replace(CLOSE, "")


def has_marks(text: str) -> bool:
    return OPEN in text


def html_with_untranslated(html: str) -> str:
    """A page's HTML with each marked English text in a `<span lang="en" class="untranslated">`."""
    if OPEN not in html and CLOSE not in html:
        return html
    out, position, inside = [], 0, []
    for match in _TAG.finditer(html):
        out.append(_text(html[position : match.start()], inside))
        out.append(without_marks(match.group(0)))
        closing, name = match.group(1), (match.group(2) or "").lower()
        if name in NO_SPAN_ELEMENTS:
            if closing and name in inside:
                inside.remove(name)
            elif not closing:
                inside.append(name)
        position = match.end()
    out.append(_text(html[position:], inside))
    return "".join(out)


def _text(text: str, inside: list[str]) -> str:
    if inside:
        return without_marks(text)
    return text.replace(OPEN, SPAN_OPEN).replace(CLOSE, SPAN_CLOSE)
