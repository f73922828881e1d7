"""The course as people see it: every built page, in English and in French (fr/), on a phone (320 and
412 px wide) in both editions (online and offline), in light and dark mode under axe-core, walked
with the keyboard, and printed.

These tests build the project's own course (fixtures `course_instant` and `course_offline` in
tests/browser/conftest.py), so they cover every page there is, including pages added later.
Screenshots of the main kinds of page are kept under .cache/screenshots/ for a person to look at.
"""

from __future__ import annotations

import pytest
from pagekit import go_dark, heading_bands, measure, run_axe, screenshot
from playwright.sync_api import expect
from quizkit import settle

from build_tools.loader import load_content
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

CONTENT = load_content(ROOT)
WIDTHS = (320, 412)


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("load")
    if url.startswith("http"):
        page.wait_for_load_state("networkidle")


def _problems_at(page, url: str) -> list[str]:
    _open(page, url)
    seen = measure(page)
    problems = []
    if seen["scrollWidth"] > seen["width"]:
        problems.append(f"{seen['scrollWidth']} px wide")
    problems += [f"0 px wide: {text}" for text in seen["zero"]]
    problems += [f"cut off: {text}" for text in seen["cut"]]
    problems += [f"empty band under {heading}" for heading in heading_bands(page)]
    return problems


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("edition", ["online", "offline"])
def test_every_page_fits_a_phone(browser, request, edition, width):
    course = request.getfixturevalue("course_instant" if edition == "online" else "course_offline")
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        found = {path or "/": _problems_at(page, course.url + path) for path in course.pages()}
    finally:
        context.close()
    assert len(found) >= len(CONTENT.modules) + len(CONTENT.quizzes)
    bad = {path: problems[:5] for path, problems in found.items() if problems}
    assert not bad, f"at {width} px ({edition}):\n" + "\n".join(f"{p}: {v}" for p, v in bad.items())


TITLE_GAP = """() => {
  const title = document.querySelector("article h1"), first = title.nextElementSibling;
  return first.getBoundingClientRect().top - title.getBoundingClientRect().bottom;
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_the_french_title_has_no_more_room_under_it_than_the_english(browser, course_instant, width):
    """The French "How to use this course" had an empty band under its title at 412 px: the
    heading's invisible permalink had wrapped to a line of its own."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        gaps, bands = {}, {}
        for folder in ("", "fr/"):
            _open(page, f"{course_instant.url}{folder}how-to-use/")
            gaps[folder or "en"] = page.evaluate(TITLE_GAP) + page.evaluate(
                "() => { const h = document.querySelector('article h1'); const r = document.createRange();"
                " r.setStartBefore(h.firstChild); r.setEndBefore(h.querySelector('.headerlink'));"
                " return h.getBoundingClientRect().bottom - r.getBoundingClientRect().bottom; }"
            )
            bands[folder or "en"] = heading_bands(page)
    finally:
        context.close()
    assert abs(gaps["en"] - gaps["fr/"]) <= 4, f"space under the title's text at {width} px: {gaps}"
    assert bands == {"en": [], "fr/": []}


def test_heading_permalinks_show_on_focus_and_do_not_print(tab, course_instant):
    """The permalink kept with a heading's last word (course.css) is still Material's: shown when
    focused, left out on paper."""
    page = tab.page
    _open(page, course_instant.url + "how-to-use/")
    link = page.locator("article h2 .headerlink").first
    link.focus()
    expect(link).to_have_css("opacity", "1")  # after Material's fade-in
    assert link.evaluate("a => getComputedStyle(a).display") == "inline"
    page.emulate_media(media="print")
    assert link.evaluate("a => getComputedStyle(a).display") == "none"


def test_glossary_lists_each_term_once_at_the_top_level(browser, course_instant):
    context = browser.new_context(viewport={"width": 412, "height": 800})
    try:
        page = context.new_page()
        _open(page, course_instant.url + "glossary/")
        terms = page.locator("article > dl > dt")
        assert terms.count() == len(CONTENT.glossary.terms)
        assert page.locator("article dl dl").count() == 0, "a definition list nested in another"
        widths = terms.evaluate_all("dts => dts.map(dt => dt.getBoundingClientRect().width)")
        assert min(widths) > 100
        height = page.evaluate("() => document.documentElement.scrollHeight")
        assert height < 400 * len(CONTENT.glossary.terms), f"the glossary is {height} px tall"
    finally:
        context.close()


def _axe_violations(page) -> str | None:
    # Material shows a tooltip while the pointer rests on a titled element: rest it on the margin.
    page.mouse.move(2, page.viewport_size["height"] - 2)
    results = run_axe(page)
    return results.generate_report() if results.violations_count else None


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_any_page(tab, course_instant, scheme):
    page = tab.page
    found = {}
    for path in course_instant.pages():
        _open(page, course_instant.url + path)
        if scheme == "dark":
            go_dark(page)
            expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        report = _axe_violations(page)
        if report:
            found[path or "/"] = report
    assert not found, "\n".join(f"--- {path} ({scheme}):\n{report}" for path, report in found.items())


def test_keyboard_reaches_a_quiz_question_soon_after_following_a_link(tab, course_instant):
    """From Home, Tab to the diagnostic's link, press Enter: instant navigation puts the focus on the
    new page's heading, and the first question is a few Tabs away."""
    page = tab.page
    _open(page, course_instant.url)
    page.evaluate("() => { window.__samePage = true; }")
    link = "article a[href$='quizzes/diagnostic/']"
    for _ in range(120):
        if page.evaluate("s => document.activeElement.matches(s)", link):
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError("the diagnostic's link on Home was never reached by Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/quizzes/diagnostic/")
    form = page.locator("form.quiz--enhanced")
    form.wait_for(state="attached")
    assert page.evaluate("() => window.__samePage === true"), "not an instant navigation"
    expect(page.locator("article h1")).to_be_focused()
    first = "form.quiz fieldset.quiz-question:first-of-type :is(input, select, textarea, button)"
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", first):
            break
    else:
        raise AssertionError("Question 1 not reached in 15 Tabs after the navigation")
    tab.problems.assert_none()


def test_first_page_load_leaves_the_focus_alone(tab, course_instant):
    page = tab.page
    _open(page, course_instant.url + "quizzes/diagnostic/")
    page.locator("form.quiz--enhanced").wait_for(state="attached")
    assert page.evaluate("() => document.activeElement === document.body")


SHOTS = {"home": "", "module": "modules/{module}/", "quiz": "quizzes/{quiz}/", "progress": "progress/"}


@pytest.mark.parametrize("edition", ["", "fr/"])  # every page above is in both languages: fr/ too
def test_screenshots_at_412_px_for_a_person_to_look_at(browser, course_instant, edition):
    context = browser.new_context(viewport={"width": 412, "height": 900})
    module = CONTENT.modules[0]
    quiz = next(q for q in CONTENT.quizzes_of(module) if q.kind == "self-check")
    try:
        page = context.new_page()
        for name, path in SHOTS.items():
            _open(page, course_instant.url + edition + path.format(module=module.id, quiz=quiz.id))
            settle(page)
            expect(page.locator("html")).to_have_attribute("lang", edition.rstrip("/") or "en")
            assert screenshot(page, f"412-{edition.replace('/', '-')}{name}").stat().st_size > 10_000
    finally:
        context.close()
