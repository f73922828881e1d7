"""Pictures of the modules: each SVG a section names must exist in `figures/` and be safe to publish.

The site shows a figure as `<img src>`, where no script in it can run; the checks below keep the
file itself safe too (it can also be opened on its own, and it is embedded in the PDF handouts):
only drawing elements, no event handlers, no references outside the file, no document type.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import Problem
from .validation_messages import field_label

if TYPE_CHECKING:
    from .loader import SourceFile

FIGURES = "figures"
MAX_BYTES = 200_000
SVG_NS = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
ALLOWED_ELEMENTS = {
    "svg", "g", "title", "desc", "defs", "style", "symbol", "use", "marker", "clipPath",
    "linearGradient", "radialGradient", "stop", "path", "rect", "circle", "ellipse", "line",
    "polyline", "polygon", "text", "tspan",
}  # fmt: skip
SAFE_HINT = "draw with shapes and <text> only: no scripts, event handlers, links out of the file or embedded content"
_URL = re.compile(r"url\(\s*['\"]?([^'\")\s]*)", re.IGNORECASE)


def figure_path(root: Path, name: str) -> Path:
    return root / FIGURES / name


def check_figures(root: Path, modules: list[SourceFile]) -> tuple[dict[str, bytes], list[Problem]]:
    """The SVG files the modules use, read once, and a problem for each missing or unsafe one."""
    figures: dict[str, bytes] = {}
    problems: list[Problem] = []
    for source in modules:
        for index, figure in source.model.figures():
            path = ("sections", index, "figure", "file")
            found = _read_figure(root, figure.file)
            if isinstance(found, bytes):
                figures[figure.file] = found
                found = unsafe_svg(found)
            if found:
                message, hint = found
                line = source.document.line_of(path)
                problems.append(Problem(source.name, line, field_label(path), message, hint))
    return figures, problems


def _read_figure(root: Path, name: str) -> bytes | tuple[str, str]:
    """The file's bytes, or (message, hint) when it cannot be used."""
    path = figure_path(root, name)
    if not path.is_file():
        known = sorted(p.name for p in (root / FIGURES).glob("*.svg"))
        hint = f"known here: {', '.join(known)}" if known else f"put the SVG file in {FIGURES}/"
        return f"no file {FIGURES}/{name}", hint
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        return f"{FIGURES}/{name} is {len(data) // 1000} KB, over the {MAX_BYTES // 1000} KB limit", "simplify it"
    return data


def unsafe_svg(data: bytes) -> tuple[str, str] | None:
    """(message, hint) for the first thing that makes an SVG unsafe or unusable, or None when it is fine."""
    text = data.decode("utf-8", errors="replace")
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.IGNORECASE):
        return "the SVG declares a document type or entities", "remove the <!DOCTYPE ...> line"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        return f"the SVG is not well-formed XML: {error}", "open it in an SVG editor and save it again"
    if root.tag != SVG_NS + "svg":
        return "the file's root element is not <svg>", 'start it with <svg xmlns="http://www.w3.org/2000/svg" ...>'
    if not root.get("viewBox"):
        return "the SVG has no viewBox", 'add viewBox="0 0 width height" so that it scales to a phone\'s width'
    for element in root.iter():
        found = _unsafe_element(element)
        if found:
            return found, SAFE_HINT
    return None


def _unsafe_element(element: ElementTree.Element) -> str | None:
    name = element.tag.removeprefix(SVG_NS) if isinstance(element.tag, str) else "?"
    if name not in ALLOWED_ELEMENTS:
        return f"the SVG contains <{name}>, which is not allowed"
    if name == "style" and _external_url(element.text or "", "@import"):
        return "the SVG's <style> refers to something outside the file"
    for attribute, value in element.attrib.items():
        local = attribute.rsplit("}", 1)[-1]
        if local.lower().startswith("on"):
            return f"<{name}> has an event handler ({local})"
        if attribute in ("href", XLINK_HREF) and not value.startswith("#"):
            return f"<{name}> links to {value!r} outside the file"
        if _external_url(value):
            return f"<{name}> {local} refers to something outside the file"
    return None


def _external_url(text: str, *words: str) -> bool:
    """Whether CSS or an attribute points outside the file: url() not to a #fragment, @import, javascript:."""
    lowered = text.lower()
    if "javascript:" in lowered or any(word in lowered for word in words):
        return True
    return any(not target.startswith("#") for target in _URL.findall(text))
