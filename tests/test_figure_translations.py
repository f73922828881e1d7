"""The figures' labels in other languages: extracted into PO files by `make translations`, put back
into a copy of the English SVG by the build (site and handouts), and reported where they are missing.

The layout of the translated labels (no label out of its box) is checked in Chromium:
tests/browser/test_figure_layout.py.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from build_tools.handouts.build import render
from build_tools.handouts.documents import HandoutOptions, module_handout
from build_tools.i18n.apply import translate_content, translated_figures
from build_tools.i18n.catalogs import read_catalog, write_catalog
from build_tools.i18n.figures import figure_fields, translate_figure
from build_tools.i18n.workflow import language_status, templates
from build_tools.loader import load_content

ROOT = Path(__file__).resolve().parent.parent
LADDER = "peaceful-settlement-ladder.svg"
SVG_NS = "{http://www.w3.org/2000/svg}"
SPELT_ALIKE = {"Art. 33", "Conciliation", "Facilitation", "Attitudes", "Contradiction", "Ratification", "Budgets"}
"""Labels that French writes as English does."""


def labels(svg: bytes) -> list[str]:
    """What a reader sees written in a figure: each text run of its <title> and <text>s."""
    root = ElementTree.fromstring(svg)
    runs = []
    for element in root.iter():
        if element.tag in (SVG_NS + "title", SVG_NS + "text", SVG_NS + "tspan"):
            runs += [element.text, element.tail if element.tag.endswith("tspan") else ""]
    return [re.sub(r"[ \t\n]+", " ", run).strip() for run in runs if run and run.strip()]


def test_make_translations_extracts_every_label_of_every_figure():
    found, problems = templates(ROOT)
    assert not problems
    figures = {t.source.name: t for t in found if t.source.name.startswith("figures/")}
    assert sorted(figures) == sorted(f"figures/{p.name}" for p in (ROOT / "figures").glob("*.svg"))
    ladder = figures[f"figures/{LADDER}"]
    assert ladder.source.po == "figures/peaceful-settlement-ladder.po"
    texts = [unit.text for unit in ladder.units]
    assert {"The ladder of peaceful settlement", "Binding: a third party decides", "Judicial settlement"} <= set(texts)
    assert texts.count("Art. 33") == 1, "a label that comes back is one entry"
    assert {unit.context for unit in ladder.units} == {"peaceful-settlement-ladder"}
    assert not [t for t in texts if not re.search(r"[^\W\d_]", t)], "numbers are not translated"


def test_a_translated_figure_is_the_english_file_with_only_its_labels_replaced_and_escaped():
    english = (ROOT / "figures" / LADDER).read_bytes()
    assert translate_figure(english, LADDER, lambda field: field.text) == english
    hostile = translate_figure(english, LADDER, lambda field: 'A & <b>B</b> "C"')
    ElementTree.fromstring(hostile)  # still well-formed
    assert 'A &amp; &lt;b&gt;B&lt;/b&gt; "C"' in hostile.decode()
    assert set(labels(hostile)) == {'A & <b>B</b> "C"'}
    drawing = re.compile(rb">[^<]*<")
    assert drawing.sub(b"><", hostile) == drawing.sub(b"><", english), "the drawing changed"
    assert [f.text for f in figure_fields(english, LADDER)] == labels(english)


def test_the_french_figures_hold_french_labels_and_no_english_one():
    content = load_content(ROOT)
    french, problems = translated_figures(content.figures, ROOT, "fr", strict=True)
    assert not problems
    for name, svg in french.items():
        english = labels(content.figures[name])
        shown = labels(svg)
        same = {a for a, b in zip(english, shown, strict=True) if a == b and not a.isdigit()}
        assert same <= SPELT_ALIKE, (name, same)
        assert b'role="img"' in svg and svg.count(b"<text") == content.figures[name].count(b"<text")
    ladder = labels(french[LADDER])
    assert "Obligatoire\u00a0: un tiers décide" in ladder and "Règlement judiciaire" in ladder


def _project_missing_a_label(dest: Path) -> Path:
    """A copy of the project whose French ladder has lost the translation of "Judicial settlement"."""
    for part in ("figures", "translations"):
        shutil.copytree(ROOT / part, dest / part)
    po = dest / "translations" / "fr" / "figures" / "peaceful-settlement-ladder.po"
    catalog, problems = read_catalog(po, "ladder")
    assert not problems
    catalog.get("Judicial settlement", context="peaceful-settlement-ladder").string = ""
    write_catalog(po, catalog)
    return dest


def test_a_missing_label_shows_in_english_and_is_reported_as_other_missing_translations(tmp_path):
    project = _project_missing_a_label(tmp_path)
    figures = {LADDER: (ROOT / "figures" / LADDER).read_bytes()}
    french, problems = translated_figures(figures, project, "fr", strict=False)
    assert "Judicial settlement" in labels(french[LADDER]) and "Arbitrage" in labels(french[LADDER])
    assert [p.as_text().split(" (hint")[0] for p in problems] == [
        "translations/fr/figures/peaceful-settlement-ladder.po:"
        f"{problems[0].line}: warning: 1 untranslated text shown in English"
    ]
    _, strict = translated_figures(figures, project, "fr", strict=True)
    assert [p.severity for p in strict] == ["error"], "the published build refuses it"
    found, _ = templates(project)  # and `python -m build_tools translations` counts it as untranslated
    rows, _ = language_status(project, "fr", found)
    assert [(r.name, r.untranslated) for r in rows if r.untranslated] == [
        ("translations/fr/figures/peaceful-settlement-ladder.po", 1)
    ]


@pytest.fixture(scope="module")
def french_ladder_handout_text(tmp_path_factory) -> str:
    """The French handout of the module that shows the ladder, read back with pdftotext."""
    content, problems = translate_content(load_content(ROOT), ROOT, "fr", strict=True)
    assert not problems
    module = content.module_by_id("mediation-and-its-neighbours")
    pdf = tmp_path_factory.mktemp("ladder") / "module.pdf"
    pdf.write_bytes(render(module_handout(content, module, HandoutOptions(language="fr", strings_root=ROOT))))
    result = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(result.stdout.split())


@pytest.mark.parametrize("french", ["Obligatoire : un tiers décide", "Règlement judiciaire", "Bons offices"])
def test_the_french_handout_prints_the_figure_in_french(french_ladder_handout_text, french):
    assert french in french_ladder_handout_text.replace("\u00a0", " ")


@pytest.mark.parametrize(
    "english", ["Binding: a third party decides", "Judicial settlement", "a standing court decides", "Good offices"]
)
def test_the_french_handout_prints_no_english_label(french_ladder_handout_text, english):
    assert english not in french_ladder_handout_text
