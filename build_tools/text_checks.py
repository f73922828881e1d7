"""Plain-text fields: what in them would be read as markup, or shown otherwise than the author meant.

Plain text is escaped wherever it goes, so nothing in it can run; but mkdocs and Material print
titles unescaped and Material's tooltips insert text as HTML, so `<` and `>` are refused in titles
and glossary entries, and Markdown links or `{attributes}` (which would show as written) are
reported, so that the author learns it from `check` rather than from the page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .markdown_subset import HINTS, attribute_syntax_in
from .problems import Problem
from .validation_messages import field_label

if TYPE_CHECKING:
    from .loader import SourceFile

ANGLE_HINT = (
    "this text is shown in the navigation, the contents or a tooltip, where < and > would be read as markup: "
    "write it in words"
)
LINK_HINT = "this field is plain text: put the link in the module's text, or a source's address under references (url:)"
MARKDOWN_LINK = re.compile(r"\[[^\]]*\]\([^)]*\)")


def check_plain_text(source: SourceFile) -> list[Problem]:
    """Problems in the plain-text fields of one module, quiz or glossary."""
    problems = []
    for path, text, is_title in source.model.plain_fields():
        found = _markup_in(text, is_title)
        if found:
            message, hint = found
            problems.append(Problem(source.name, source.document.line_of(path), field_label(path), message, hint))
    return problems


def _markup_in(text: str, is_title: bool) -> tuple[str, str] | None:
    if is_title and ("<" in text or ">" in text):
        return "angle brackets (< or >) are not allowed here", ANGLE_HINT
    attributes = attribute_syntax_in(text)
    if attributes:
        return f"{attributes} is not allowed here", HINTS["attribute syntax"]
    link = MARKDOWN_LINK.search(text)
    if link:
        return f"a link ({link.group(0)[:40]}) would show as written", LINK_HINT
    return None
