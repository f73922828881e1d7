"""The figures' labels as Chromium draws them at a phone's width, in every language: none runs out of
the figure or out of its box, into another box or over another label (a French label is longer than
the English, and an SVG box does not grow)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from figurekit import layout_faults

from build_tools.i18n import languages
from build_tools.i18n.apply import translated_figures
from build_tools.loader import load_content

ROOT = Path(__file__).resolve().parents[2]
FIGURES = sorted(p.name for p in (ROOT / "figures").glob("*.svg"))
LANGUAGES = ["en"] + [language.code for language in languages(ROOT)]


@cache
def english_figures() -> dict[str, bytes]:
    return load_content(ROOT).figures


def figure_in(language: str, name: str) -> bytes:
    if language == "en":
        return english_figures()[name]
    translated, problems = translated_figures({name: english_figures()[name]}, ROOT, language, strict=True)
    assert not problems
    return translated[name]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", FIGURES)
def test_every_label_stays_in_its_box_and_in_the_figure(browser, language, name):
    page = browser.new_page()
    try:
        assert layout_faults(page, figure_in(language, name)) == []
    finally:
        page.close()


def test_the_layout_check_sees_a_label_too_long_for_its_box(browser):
    ladder = english_figures()["peaceful-settlement-ladder.svg"]
    too_long = ladder.replace(
        b">Judicial settlement<", b">Le r\xc3\xa8glement judiciaire par une juridiction permanente<"
    )
    page = browser.new_page()
    try:
        faults = layout_faults(page, too_long)
    finally:
        page.close()
    assert any("runs out of its box" in fault for fault in faults), faults
    assert any("runs into a box it is not in" in fault for fault in faults), faults
