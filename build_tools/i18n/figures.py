"""The text of the figures (`figures/*.svg`): extracted into PO files and put back translated.

A figure's units are the text runs of its `<title>`, `<desc>`, `<text>` and `<tspan>` elements, in
the file's order, all with the figure's name as their context (`peaceful-settlement-ladder`): a
label has no id, and gettext keys an entry on its context *and* its English, so a label that comes
back (`Art. 33`) is one entry. A translated figure is the English file with each text run replaced
by its translation, XML-escaped; every other byte stays as it is, so the drawing cannot drift from
the English. A run with no translation keeps the English (and the file's translator counts it).
"""

from __future__ import annotations

import re
from html import unescape
from xml.sax.saxutils import escape

from .units import TextField, translatable

_SPACES = re.compile(r"[ \t\r\n]+")
"""XML's white space (a no-break space is a character of the label, kept)."""
TEXT_ELEMENTS = frozenset({"title", "desc", "text", "tspan"})
_TOKEN = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[?!][^>]*>|<(/?)([\w:.-]+)[^>]*?(/?)>|([^<]+)", re.DOTALL)


def figure_context(name: str) -> str:
    """The context of a figure's entries: its file name without `.svg`."""
    return name.removesuffix(".svg")


def figure_fields(svg: bytes | str, name: str) -> list[TextField]:
    """The figure's text runs as fields, in the file's order (path: the run's number in the file and its
    element, such as `(3, "text")`)."""
    context = figure_context(name)
    return [TextField((i, element), context, text, "label") for i, (text, element) in enumerate(_runs(_text_of(svg)))]


def translate_figure(svg: bytes, name: str, translate) -> bytes:
    """The figure with each text run replaced by `translate(field)` (XML-escaped), the rest unchanged."""
    context, count = figure_context(name), 0

    def replace(run: str, element: str) -> str:
        nonlocal count
        text = _plain(run)
        field = TextField((count, element), context, text, "label")
        count += 1
        if not translatable(text):
            return run
        lead, trail = run[: len(run) - len(run.lstrip())], run[len(run.rstrip()) :]
        return lead + escape(translate(field)) + trail

    return _map_runs(_text_of(svg), replace).encode("utf-8")


def _text_of(svg: bytes | str) -> str:
    return svg.decode("utf-8") if isinstance(svg, bytes) else svg


def _runs(svg: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    _map_runs(svg, lambda run, element: found.append((_plain(run), element)) or run)
    return found


def _plain(run: str) -> str:
    """A text run as its reader sees it: entities read, spaces collapsed."""
    return _SPACES.sub(" ", unescape(run)).strip()


def _map_runs(svg: str, replace) -> str:
    """`svg` with each non-blank text run inside a text element passed through `replace(run, element)`."""
    out, open_elements = [], []
    for match in _TOKEN.finditer(svg):
        closing, element, self_closing, run = match.groups()
        if run is not None:
            inner = open_elements[-1].rsplit(":", 1)[-1] if open_elements else ""
            out.append(replace(run, inner) if inner in TEXT_ELEMENTS and run.strip() else run)
            continue
        if element and closing:
            if open_elements:
                open_elements.pop()
        elif element and not self_closing:
            open_elements.append(element)
        out.append(match.group(0))
    return "".join(out)
