"""The trainer edition of the course (EDITION=trainer) as trainers see it: the facilitator notes
box, the answer keys under the questions and the session plan, on a phone (320 and 412 px), in light
and dark mode, with no axe-core violation; and its quizzes still work.

Screenshots are kept under .cache/screenshots/trainer-*.png for a person to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from conftest import bind_server, serving
from pagekit import go_dark, measure, run_axe, screenshot
from playwright.sync_api import expect
from quizkit import settle

from build_tools.loader import load_content
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

CONTENT = load_content(ROOT)
MODULE = CONTENT.modules[1]
QUIZ = next(q for q in CONTENT.quizzes_of(MODULE) if q.kind == "self-check")
PAGES = {
    "module": f"modules/{MODULE.id}/",
    "quiz": f"quizzes/{QUIZ.id}/",
    "plan": "session-plan/",
    "downloads": "downloads/",
    "home": "",
}


@pytest.fixture(scope="module")
def trainer_url(course_trainer_site) -> Iterator[str]:
    with serving(bind_server(course_trainer_site)) as url:
        yield url


def _open(page, url: str, scheme: str) -> None:
    page.goto(url)
    settle(page)
    page.wait_for_load_state("networkidle")
    if scheme == "dark":
        go_dark(page)
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_the_trainer_pages(browser, trainer_url, scheme):
    context = browser.new_context(viewport={"width": 412, "height": 900})
    found = {}
    try:
        page = context.new_page()
        for name, path in PAGES.items():
            _open(page, trainer_url + path, scheme)
            page.mouse.move(2, page.viewport_size["height"] - 2)  # no tooltip open
            results = run_axe(page)
            if results.violations_count:
                found[name] = results.generate_report()
    finally:
        context.close()
    assert not found, "\n".join(f"--- {name} ({scheme}):\n{report}" for name, report in found.items())


@pytest.mark.parametrize("width", [320, 412])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_trainer_pages_fit_a_phone_and_are_photographed(browser, trainer_url, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        for name in ("module", "quiz", "plan"):
            _open(page, trainer_url + PAGES[name], scheme)
            seen = measure(page)
            assert seen["scrollWidth"] <= seen["width"], f"{name} is {seen['scrollWidth']} px wide at {width} px"
            assert not seen["cut"] and not seen["zero"], (name, seen["cut"][:3], seen["zero"][:3])
            assert screenshot(page, f"trainer-{name}-{width}-{scheme}").stat().st_size > 10_000
    finally:
        context.close()


def test_the_notes_box_and_the_keys_stand_out_from_the_page(browser, trainer_url):
    context = browser.new_context(viewport={"width": 412, "height": 900})
    try:
        page = context.new_page()
        _open(page, trainer_url + PAGES["module"], "light")
        box = page.locator("section.admonition.facilitator")
        expect(box).to_be_visible()
        expect(box.get_by_role("heading", name="Facilitator notes")).to_be_visible()
        border = box.evaluate("el => getComputedStyle(el).borderInlineStartColor")
        assert border == "rgb(106, 27, 154)", border  # the trainer colour, not the page's
        _open(page, trainer_url + PAGES["quiz"], "light")
        keys = page.locator("[data-trainer-key]")
        assert keys.count() == sum(1 for q in QUIZ.questions if q.type in ("single", "multiple", "true-false",
                                                                           "ordering", "matching"))  # fmt: skip
        expect(keys.first).to_be_visible()
        expect(page.get_by_role("note", name="Answer key (trainer edition): question 1")).to_be_visible()
    finally:
        context.close()


def test_a_trainer_quiz_still_checks_an_answer(browser, trainer_url):
    context = browser.new_context(viewport={"width": 412, "height": 900})
    try:
        page = context.new_page()
        _open(page, trainer_url + PAGES["quiz"], "light")
        first = page.locator("form.quiz--enhanced fieldset.quiz-question").first
        first.locator("input[type=radio]").first.check()
        first.get_by_role("button", name="Check answer").click()
        expect(first.locator(".quiz-result")).to_be_visible()
        expect(first.locator(".quiz-verdict")).to_have_text(re.compile(r"^(Correct|Not quite|Partly correct)\.$"))
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_trainers_downloads_page_fits_a_phone_and_passes_axe(browser, trainer_url, language):
    """The exports for learning platforms, with their long file names and import lines, at 320 and 412 px."""
    folder = "" if language == "en" else f"{language}/"
    found = {}
    for width in (320, 412):
        context = browser.new_context(viewport={"width": width, "height": 900})
        try:
            page = context.new_page()
            _open(page, f"{trainer_url}{folder}{PAGES['downloads']}", "light")
            expect(page.locator("#learning-platforms")).to_be_visible()
            for ending in ("-scorm12.zip", "-scorm2004.zip", "-moodle.xml", "-moodle-quizzes.zip", "-gift.zip"):
                expect(page.locator(f'article a[href$="{ending}"]')).to_be_visible()
            seen = measure(page)
            assert seen["scrollWidth"] <= seen["width"], f"{seen['scrollWidth']} px wide at {width} px"
            assert not seen["cut"] and not seen["zero"], (seen["cut"][:3], seen["zero"][:3])
            page.mouse.move(2, page.viewport_size["height"] - 2)  # no tooltip open
            results = run_axe(page)
            if results.violations_count:
                found[width] = results.generate_report()
            assert screenshot(page, f"trainer-downloads-{language}-{width}").stat().st_size > 10_000
        finally:
            context.close()
    assert not found, "\n".join(f"--- {width} px:\n{report}" for width, report in found.items())
