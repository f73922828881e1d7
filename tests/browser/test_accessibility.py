"""axe-core (axe-playwright-python, run locally: no network) on the quiz and progress pages, in the
states a learner sees them: before answering, with every kind of feedback showing, after an
assessment is submitted, and on the progress page with results. Zero violations, including the two
that stock Material pages show: the search dialog's name and the footer's contrast.
"""

from __future__ import annotations

import pytest
from pagekit import run_axe
from playwright.sync_api import expect
from quizkit import (
    KEYBOARD,
    MOUSE,
    RIGHT,
    accept_dialogs,
    answer,
    check,
    open_progress,
    open_quiz,
    scripted_run,
    settle,
)
from quizkit import WRONG as QUIZ_WRONG

pytestmark = pytest.mark.browser

WRONG = {**QUIZ_WRONG, "pairs": {"med": "med", "arb": "med"}}  # one pair right: a "partly correct" verdict too


def assert_no_violations(page, where: str) -> None:
    # Material shows a tooltip (outside any landmark) while the mouse rests on an element with a title:
    # a passing state of whatever the last click left under the pointer. Rest it on the page margin.
    page.mouse.move(2, page.viewport_size["height"] - 2)
    expect(page.locator(".md-tooltip2")).to_have_count(0)
    results = run_axe(page)
    assert results.violations_count == 0, f"{where}:\n{results.generate_report()}"
    # The search dialog has an accessible name (build_tools/theme/partials/search.html).
    dialog = page.locator(".md-search[role=dialog]")
    expect(dialog).to_have_attribute("aria-label", "Search")


def test_quiz_page_before_and_after_answering(tab, served_site):
    page = tab.page
    open_quiz(page, served_site, "sample-check")
    assert_no_violations(page, "self-check, not answered")

    for question_id, value in WRONG.items():  # wrong and partly right: verdicts, feedback, keys
        answer(page, "sample-check", question_id, value, MOUSE)
        check(page, "sample-check", question_id, MOUSE)
    answer(page, "sample-check", "sure-who", "3", KEYBOARD)
    answer(page, "sample-check", "think", "A note.", KEYBOARD)
    assert_no_violations(page, "self-check, answered wrong")

    for question_id, value in RIGHT.items():
        answer(page, "sample-check", question_id, value, MOUSE)
        check(page, "sample-check", question_id, MOUSE)
    assert_no_violations(page, "self-check, answered right")

    # A completed module has its marker in the navigation.
    expect(page.locator(".md-nav__link .quiz-done").first).to_be_attached()
    page.reload()
    settle(page)
    assert_no_violations(page, "self-check, restored after a reload, with the module marked done")
    tab.problems.assert_none()


def test_assessment_before_and_after_submitting(tab, served_site):
    page = tab.page
    accept_dialogs(page)
    form = open_quiz(page, served_site, "sample-diagnostic")
    assert_no_violations(page, "diagnostic, not answered")
    answer(page, "sample-diagnostic", "who", "mediator", KEYBOARD)
    answer(page, "sample-diagnostic", "sure-who", "3", KEYBOARD)
    form.locator("button[data-action='submit']").click()  # one question left unanswered
    expect(form.locator(".quiz-summary")).to_be_visible()
    assert_no_violations(page, "diagnostic, submitted: the review")
    tab.problems.assert_none()


def test_progress_page(tab, served_site):
    page = tab.page
    open_progress(page, served_site)
    assert_no_violations(page, "progress page, nothing yet")
    scripted_run(page, served_site)
    open_progress(page, served_site)
    expect(page.locator("ul.quiz-flagged")).to_be_visible()
    assert_no_violations(page, "progress page with results")
    tab.problems.assert_none()


def test_module_page_with_its_links_to_quizzes(tab, served_site):
    page = tab.page
    page.goto(served_site + "modules/sample/")
    settle(page)
    assert_no_violations(page, "module page")
    tab.problems.assert_none()


def test_quiz_page_at_320_px_right_to_left(browser, served_site, watch_page):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        problems = watch_page(page)
        open_quiz(page, served_site, "sample-check")
        page.evaluate("() => { document.documentElement.dir = 'rtl'; document.body.dir = 'rtl'; }")
        for question_id, value in WRONG.items():
            answer(page, "sample-check", question_id, value, MOUSE)
            check(page, "sample-check", question_id, MOUSE)
        assert_no_violations(page, "self-check at 320 px, right to left")
        problems.assert_none()
    finally:
        context.close()


def test_footer_copyright_contrast_is_checked_and_passes(tab, served_site):
    """The footer's copyright line is one that stock Material pages fail; make sure axe looks at it."""
    page = tab.page
    open_quiz(page, served_site, "sample-check")
    results = run_axe(
        page,
        context={"include": [[".md-footer"]]},
        options={"runOnly": ["color-contrast"], "resultTypes": ["violations", "passes", "incomplete"]},
    )
    checked = [node["target"] for rule in results.response["passes"] for node in rule["nodes"]]
    assert results.response["violations"] == [] and results.response["incomplete"] == []
    assert any(".md-copyright" in target[0] for target in checked), checked
    tab.problems.assert_none()
