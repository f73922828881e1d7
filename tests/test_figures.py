"""Figures: the SVG files a module names are checked to exist and to be safe, then reach the site and the PDFs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_tools.figure_checks import unsafe_svg
from build_tools.loader import load_content
from build_tools.problems import ContentError

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(__file__).resolve().parent / "fixtures" / "site"
OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'


def svg(inner: str, opening: str = OPEN) -> bytes:
    return (opening + inner + "</svg>").encode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (svg("<script>alert(1)</script>"), "the SVG contains <script>, which is not allowed"),
        (svg('<rect width="1" height="1" onclick="alert(1)"/>'), "<rect> has an event handler (onclick)"),
        (svg('<rect width="1" height="1" onload="x()"/>'), "<rect> has an event handler (onload)"),
        (
            svg('<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>'),
            "the SVG contains <foreignObject>, which is not allowed",
        ),
        (
            svg('<use href="https://example.org/a.svg#x"/>'),
            "<use> links to 'https://example.org/a.svg#x' outside the file",
        ),
        (svg('<use xlink:href="other.svg#x"/>'), "<use> links to 'other.svg#x' outside the file"),
        (svg('<a href="javascript:alert(1)"><text>x</text></a>'), "the SVG contains <a>, which is not allowed"),
        (svg('<image href="photo.png"/>'), "the SVG contains <image>, which is not allowed"),
        (
            svg('<rect fill="url(https://example.org/p)" width="1" height="1"/>'),
            "<rect> fill refers to something outside the file",
        ),
        (svg("<style>@import url(x.css);</style>"), "the SVG's <style> refers to something outside the file"),
        (
            svg('<rect style="fill: url(http://x/y)" width="1" height="1"/>'),
            "<rect> style refers to something outside the file",
        ),
        (b'<!DOCTYPE svg [<!ENTITY a "b">]>' + svg("<text>&a;</text>"), "the SVG declares a document type or entities"),
        (svg("<text>x</text>", '<svg xmlns="http://www.w3.org/2000/svg">'), "the SVG has no viewBox"),
        (b"<html><body>x</body></html>", "the file's root element is not <svg>"),
    ],
)
def test_unsafe_svg_is_refused(data, message):
    found = unsafe_svg(data)
    assert found is not None and found[0] == message


def test_a_drawing_with_internal_references_is_accepted():
    data = svg(
        '<defs><marker id="m"><path d="M0 0L1 1"/></marker>'
        '<linearGradient id="g"><stop offset="0"/></linearGradient></defs>'
        '<title>t</title><path d="M0 0L5 5" marker-end="url(#m)" fill="url(#g)"/><use href="#m"/><text>Hi</text>'
    )
    assert unsafe_svg(data) is None


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "figures").glob("*.svg")))
def test_course_figures_are_safe_and_have_text(name):
    data = (ROOT / "figures" / name).read_bytes()
    assert unsafe_svg(data) is None
    assert b"<text" in data and b"<title" in data, "text as real <text>, and a title for the file on its own"


def test_every_course_figure_is_used_and_described():
    content = load_content(ROOT)
    used = {figure.file for module in content.modules for _, figure in module.figures()}
    assert used == {p.name for p in (ROOT / "figures").glob("*.svg")}
    assert len(used) >= 5


def test_an_unsafe_figure_file_is_a_problem_at_the_figure_line(tmp_path):
    project = tmp_path / "site"
    shutil.copytree(SITE, project)
    (project / "figures" / "who-decides.svg").write_bytes(svg('<rect width="1" height="1" onclick="x()"/>'))
    with pytest.raises(ContentError) as raised:
        load_content(project)
    [problem] = raised.value.problems
    assert problem.as_text() == (
        "modules/sample.yml:23: sections[1].figure.file: <rect> has an event handler (onclick) (hint: "
        "draw with shapes and <text> only: no scripts, event handlers, links out of the file or embedded content)"
    )


def test_figures_are_in_the_module_handout_with_caption_and_description():
    import io

    import pikepdf
    import pypdf

    from build_tools.handouts.build import render
    from build_tools.handouts.documents import HandoutOptions, module_handout

    content = load_content(ROOT)
    module = content.module_by_id("mediation-and-its-neighbours")
    pdf = render(module_handout(content, module, HandoutOptions()))
    text = " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    figure = next(figure for _, figure in module.figures())
    assert "Figure 1: " + " ".join(figure.caption.split()) in text
    assert "Judicial settlement" in text and "named in Article 33 of the UN Charter" in text  # the SVG's own text
    assert "The picture in words:" in text
    with pikepdf.open(io.BytesIO(pdf)) as document:  # PDF/UA: the figure is tagged with its alt text
        nodes = _structure(document.Root.StructTreeRoot)
        alts = [str(node.get("/Alt")) for node in nodes if node.get("/S") == "/Figure"]
    assert " ".join(figure.alt.split()) in alts


def _structure(node):
    """Every element of a PDF's structure tree."""
    import pikepdf

    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _structure(kid)


@pytest.mark.parametrize("edition", ["site_build", "offline_build"])
def test_the_built_page_shows_the_figure_from_a_file_that_exists(request, edition):
    """Both editions (directory URLs, and .html files for file://) point at the copied SVG."""
    import re

    site = request.getfixturevalue(edition).site
    page = site / ("modules/sample/index.html" if edition == "site_build" else "modules/sample.html")
    html = page.read_text(encoding="utf-8")
    [src] = re.findall(r'<img alt="Two boxes[^>]*src="([^"]+)"', html)
    assert (page.parent / src).resolve() == (site / "figures" / "who-decides.svg").resolve()
    assert (site / "figures" / "who-decides.svg").read_bytes() == (SITE / "figures" / "who-decides.svg").read_bytes()
    assert "<figcaption>In mediation the <em>parties</em> decide" in html
