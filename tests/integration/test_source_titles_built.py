"""Sources whose titles the translators left in English, on the French edition (pages and handouts).

A source's title that stays in English is quoted as it is: no French spacing before its `:` or `?`
(`Common Security 2022: For Our Shared Future`, not `2022 : For`), and it is marked as English
(`lang="en"` on the page, `#text(lang: "en")` in the handout) so that a screen reader reads it in
English. What the translators did translate, such as a note in brackets after the English title,
stays French, with French typography. A title ending in `?` takes no full stop after it (`?.`).

Built from the fixture site and its French translation (tests/fixtures/french), with three sources
added to its module: one left in English, one in English with a French note, one ending in `?`.
"""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest

NBSP, NNBSP = "\u00a0", "\u202f"
COMMON = "Common Security 2022: For Our Shared Future"
DISTINCT = "Parliamentarians and human security: how is it distinct from national security?"
PEACEFUL = "Can women make the world more peaceful?"

SOURCES = f"""\
  - id: s2
    title: "{COMMON}"
    publisher: International Peace Bureau
    year: 2022
  - id: s3
    title: "{DISTINCT} (side event)"
    publisher: World Academy of Art and Science
  - id: s4
    title: "{PEACEFUL}"
    publisher: Our Secure Future
"""

TRANSLATIONS = f"""
msgctxt "sample/references/s2/title"
msgid "{COMMON}"
msgstr "{COMMON}"

msgctxt "sample/references/s2/publisher"
msgid "International Peace Bureau"
msgstr "Bureau international de la paix"

msgctxt "sample/references/s3/title"
msgid "{DISTINCT} (side event)"
msgstr "{DISTINCT} (manifestation parallèle)"

msgctxt "sample/references/s3/publisher"
msgid "World Academy of Art and Science"
msgstr "Académie mondiale des arts et des sciences"

msgctxt "sample/references/s4/title"
msgid "{PEACEFUL}"
msgstr "{PEACEFUL}"

msgctxt "sample/references/s4/publisher"
msgid "Our Secure Future"
msgstr "Our Secure Future"
"""


def with_english_sources(project: Path) -> Path:
    """The bilingual fixture project, its module citing three more sources in its case study."""
    module = project / "modules" / "sample.yml"
    text = module.read_text("utf-8")
    assert "    references: [s1]\n" in text and "    url: https://example.org/source\nquizzes:" in text
    text = text.replace("    references: [s1]\n", "    references: [s1, s2, s3, s4]\n")
    module.write_text(text.replace("\nquizzes:", "\n" + SOURCES + "quizzes:"), "utf-8")
    po = project / "translations" / "fr" / "modules" / "sample.po"
    po.write_text(po.read_text("utf-8") + TRANSLATIONS, "utf-8")
    return project


@pytest.fixture(scope="module")
def site(tmp_path_factory, bilingual_project, run_mkdocs_build) -> Path:
    base = tmp_path_factory.mktemp("source-titles")
    build = run_mkdocs_build(with_english_sources(bilingual_project(base / "project")), base / "site")
    assert build.returncode == 0, build.output
    return build.site


def french_page(site: Path) -> str:
    return (site / "fr" / "modules" / "sample" / "index.html").read_text("utf-8")


def sources_line(page: str) -> str:
    """The case study's `Sources: …` line, character references read (`plain` writes `:` as `&#58;`)."""
    return html.unescape(re.search(r"<p><em>Sources.*?</em></p>", page).group(0))


def reference_list(page: str) -> str:
    return html.unescape(re.search(r'<details class="module-references".*?</details>', page, re.DOTALL).group(0))


def pdf_text(pdf: Path) -> str:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def test_an_english_title_on_a_french_page_keeps_its_punctuation_and_is_marked_english(site):
    page = french_page(site)
    for part in (sources_line(page), reference_list(page)):
        assert f'<span lang="en">{COMMON}</span>' in part, part
        assert f'<span lang="en">{DISTINCT}</span> (manifestation parallèle)' in part, part
        assert f'<span lang="en">{PEACEFUL}</span>' in part, part
        assert f"2022{NBSP}:" not in part and f"security{NNBSP}?" not in part and f"peaceful{NNBSP}?" not in part


def test_the_french_around_an_english_title_keeps_french_typography(site):
    line = sources_line(french_page(site))
    assert line.startswith(f"<p><em>Sources{NBSP}: Une source{NNBSP}; <span lang=")  # translated: no lang
    assert f"</span>{NNBSP}; <span" in line  # the list's own `;` is French


def test_no_full_stop_after_a_title_that_ends_in_a_question_mark(site):
    english = (site / "modules" / "sample" / "index.html").read_text("utf-8")
    assert f"<li>{PEACEFUL} Our Secure Future.</li>" in reference_list(english)
    assert f'<li><span lang="en">{PEACEFUL}</span> Our Secure Future.</li>' in reference_list(french_page(site))
    for pdf in (site / "downloads" / "sample.pdf", site / "fr" / "downloads" / "sample.pdf"):
        text = pdf_text(pdf)
        assert f"{PEACEFUL} Our Secure Future." in text and "?." not in text


def test_the_french_handout_quotes_english_titles_as_they_are_and_marks_them_english(site):
    pdf = site / "fr" / "downloads" / "sample.pdf"
    text = pdf_text(pdf)
    assert f"{COMMON} ; " in text.replace(NNBSP, " ")  # in the case's sources, then its list's `;`
    assert text.count(COMMON) == 2 and text.count(DISTINCT) == 2, text  # sources and references
    assert f"{DISTINCT} (manifestation parallèle)" in text
    assert f"2022{NBSP}:" not in text and f"security{NNBSP}?" not in text
    with pikepdf.open(pdf) as document:
        languages = {str(element.get("/Lang")) for element in _struct_elements(document) if "/Lang" in element}
    assert "en" in languages, languages


def _struct_elements(document: pikepdf.Pdf):
    """Every element of a PDF's structure tree (the tags a screen reader follows)."""
    stack = [document.Root.StructTreeRoot]
    while stack:
        element = stack.pop()
        yield element
        kids = element.get("/K")
        if isinstance(kids, pikepdf.Array):
            stack += [kid for kid in kids if isinstance(kid, pikepdf.Dictionary)]
        elif isinstance(kids, pikepdf.Dictionary):
            stack.append(kids)
