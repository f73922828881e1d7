"""Two layouts on a phone, in the project's own course, in English and French:

- A table wider than the screen scrolls sideways in Material's wrapper. A reader must see that it
  goes on (a shadow at the edge, a line above it saying so), a keyboard user must be able to scroll
  it, and its columns keep room for a few words a line. A table that fits shows none of this.
- A quiz question is its fieldset's legend, which a browser draws on the box's top border: on a
  phone the border ran through the question's second or third line. The question sits in the box.
"""

from __future__ import annotations

import io

import pytest
from pagekit import open_in_scheme as _open
from pagekit import run_axe, screenshot
from PIL import Image

from build_tools.rendering import load_strings
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

WIDTHS = (320, 412)
EDITIONS = {"en": "", "fr": "fr/"}
WIDE = "modules/mediation-and-its-neighbours/"  # its methods table: four columns, wider than 412 px
NARROW = "modules/global-framework/"  # its second table ("Action | Subject") fits 320 px
QUIZ = "quizzes/neighbours-self-check/"
WRAP = ".md-typeset__scrollwrap"


def _hint_text(language: str) -> str:
    return load_strings(language, ROOT)["engine"]["table_scroll_hint"]


@pytest.fixture
def phone(sized_page):
    """`phone(width, scheme="light") -> page` (see conftest's `sized_page`)."""
    return sized_page


# The share of pixels, in a strip 4 px wide just inside the wrapper's right edge, that differ from
# the page's background: where a table goes on past the edge, a shadow darkens (in dark mode,
# lightens) the whole strip; where the table ends before the edge, the strip is bare page.
def _edge_shading(page, wrap) -> float:
    wrap.scroll_into_view_if_needed()
    box = wrap.bounding_box()
    top = max(box["y"], 60)  # below Material's header
    bottom = min(box["y"] + box["height"], page.viewport_size["height"])
    assert bottom - top > 100, "the table is not on the screen"
    strip = {"x": box["x"] + box["width"] - 6, "y": top, "width": 4, "height": bottom - top}
    image = Image.open(io.BytesIO(page.screenshot(clip=strip))).convert("RGB")
    background = page.evaluate(
        "() => { const c = document.createElement('canvas').getContext('2d');"
        " c.fillStyle = getComputedStyle(document.body).backgroundColor; c.fillRect(0, 0, 1, 1);"
        " return [...c.getImageData(0, 0, 1, 1).data.slice(0, 3)]; }"
    )
    raw = image.tobytes()
    pixels = [raw[i : i + 3] for i in range(0, len(raw), 3)]
    differ = [p for p in pixels if max(abs(a - b) for a, b in zip(p, background, strict=True)) > 6]
    return len(differ) / len(pixels)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", EDITIONS)
@pytest.mark.parametrize("width", WIDTHS)
def test_a_wide_table_shows_that_it_scrolls(phone, course_instant, width, language, scheme):
    page = phone(width, scheme)
    _open(page, course_instant.url + EDITIONS[language] + WIDE, scheme)
    wrap = page.locator(WRAP).first
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth"), "the methods table fits: pick a wider one"

    hint = page.locator(".table-scroll-hint").first
    assert hint.is_visible(), "no line above the table says that it scrolls"
    assert hint.inner_text().strip().endswith(_hint_text(language))
    assert hint.evaluate("(h, w) => h.nextElementSibling === w", wrap.element_handle())
    assert _edge_shading(page, wrap) > 0.6, "no shadow at the edge the table goes on past"

    # Reached and scrolled with the keyboard, with a name for screen readers.
    assert wrap.get_attribute("tabindex") == "0"
    assert wrap.get_attribute("role") == "region"
    assert wrap.get_attribute("aria-label") == load_strings(language, ROOT)["engine"]["table_scrolls"]
    wrap.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("w => w.scrollLeft > 0", arg=wrap.element_handle())
    wrap.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
    # Scrolled to the end, the right edge is bare: the shadow shows only where there is more.
    assert _edge_shading(page, wrap) < 0.5
    screenshot(page, f"{width}-{language}-{scheme}-module-table-scrolled")


@pytest.mark.parametrize("language", EDITIONS)
@pytest.mark.parametrize("width", WIDTHS)
def test_a_table_that_fits_shows_no_cue(phone, course_instant, width, language):
    page = phone(width)
    _open(page, course_instant.url + EDITIONS[language] + NARROW)
    wrap = page.locator(WRAP).nth(1)
    assert wrap.evaluate("w => w.scrollWidth <= w.clientWidth"), "the table does not fit: pick a narrower one"
    hint = wrap.locator("xpath=preceding-sibling::*[1][contains(@class, 'table-scroll-hint')]")
    assert hint.count() == 0 or not hint.is_visible()
    assert wrap.get_attribute("tabindex") is None and wrap.get_attribute("role") is None
    assert _edge_shading(page, wrap) == 0


@pytest.mark.parametrize("language", EDITIONS)
def test_a_wide_tables_columns_keep_room_for_words(phone, course_instant, language):
    """At 320 px the methods table's columns were squeezed to their longest word: the last, hidden
    column wrapped a word or two a line and made every row tall."""
    page = phone(320)
    _open(page, course_instant.url + EDITIONS[language] + WIDE)
    widths = page.locator(WRAP).first.evaluate(
        "w => [...w.querySelectorAll('td')].map(td =>"
        " td.getBoundingClientRect().width / parseFloat(getComputedStyle(td).fontSize))"
    )
    assert min(widths) >= 7.9, f"a column only {min(widths):.1f} em wide"


def test_the_cue_follows_the_screen_turning(phone, course_instant):
    """Wide on a desktop, the table fits and shows nothing; on a phone's width it shows the cue; back
    at the desktop's width, the cue and the focus stop go again."""
    page = phone(1280)
    _open(page, course_instant.url + WIDE)
    wrap = page.locator(WRAP).first
    hint = page.locator(".table-scroll-hint").first
    assert wrap.get_attribute("tabindex") is None
    page.set_viewport_size({"width": 320, "height": 800})
    hint.wait_for(state="visible")
    page.wait_for_function("w => w.getAttribute('tabindex') === '0'", arg=wrap.element_handle())
    page.set_viewport_size({"width": 1280, "height": 800})
    hint.wait_for(state="hidden")
    page.wait_for_function("w => !w.hasAttribute('tabindex') && !w.hasAttribute('role')", arg=wrap.element_handle())


# Each question's legend against its fieldset: the legend's box must lie inside the box drawn by
# the fieldset's borders, and what follows the legend must start below it.
LEGENDS_OUTSIDE = """() => [...document.querySelectorAll("fieldset.quiz-question")].flatMap(set => {
  const legend = set.querySelector(":scope > legend");
  if (!legend || !legend.checkVisibility()) return [];
  const box = set.getBoundingClientRect(), own = legend.getBoundingClientRect();
  const style = getComputedStyle(set);
  const inner = {
    top: box.top + parseFloat(style.borderTopWidth), bottom: box.bottom - parseFloat(style.borderBottomWidth),
    left: box.left + parseFloat(style.borderLeftWidth), right: box.right - parseFloat(style.borderRightWidth),
  };
  const next = legend.nextElementSibling;
  const problems = [];
  if (own.top < inner.top - 0.5) problems.push(`legend top ${own.top} above the border's inner edge ${inner.top}`);
  if (own.bottom > inner.bottom + 0.5) problems.push("legend below the box");
  if (own.left < inner.left - 0.5 || own.right > inner.right + 0.5) problems.push("legend wider than the box");
  if (next && next.checkVisibility() && next.getBoundingClientRect().top < own.bottom - 0.5)
    problems.push("the next element overlaps the legend");
  return problems.map(p => set.id + ": " + p);
})"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", EDITIONS)
@pytest.mark.parametrize("width", WIDTHS)
def test_a_quiz_question_sits_inside_its_box(phone, course_instant, width, language, scheme):
    page = phone(width, scheme)
    _open(page, course_instant.url + EDITIONS[language] + QUIZ, scheme)
    page.locator("form.quiz--enhanced").wait_for(state="attached")
    assert page.locator("fieldset.quiz-confidence").count() > 0, "no confidence rating on the page to check"
    assert page.evaluate(LEGENDS_OUTSIDE) == []
    screenshot(page, f"{width}-{language}-{scheme}-quiz-top")
    page.emulate_media(media="print")  # the printed worksheet too
    assert page.evaluate(LEGENDS_OUTSIDE) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [WIDE, "fr/" + WIDE, QUIZ, "fr/" + QUIZ])
def test_axe_finds_nothing_on_a_phone(phone, course_instant, path, scheme):
    page = phone(320, scheme)
    _open(page, course_instant.url + path, scheme)
    page.mouse.move(2, 798)  # no tooltip left under the pointer
    results = run_axe(page)
    assert results.violations_count == 0, results.generate_report()
