"""A composed course in Chromium (the fixture course of tests/fixtures/course, built by
`python -m build_tools course build`): the local module's quiz keeps its answers across a reload, and
My progress lists that course's quizzes and no others."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import bind_server, serving
from pagekit import run_axe
from playwright.sync_api import expect
from quizkit import open_progress, open_quiz, settle, stored

from build_tools.courses.load import load_course_content

pytestmark = pytest.mark.browser

COURSE_ID = "institute-half-day"
QUIZ = "our-experience-check"


@pytest.fixture(scope="module")
def course_url(composed_course) -> Iterator[str]:
    with serving(bind_server(composed_course / "dist" / COURSE_ID / "site")) as url:
        yield url


def test_a_local_quiz_keeps_its_answer_across_a_reload(tab, course_url):
    page = tab.page
    open_quiz(page, course_url, QUIZ)
    name = f"{QUIZ}--hearing-purpose"
    page.locator(f"label[for='{name}--place']").click()
    page.locator(f"fieldset#{name} button.quiz-check").click()
    expect(page.locator(f"#{name}--place")).to_be_checked()
    assert stored(page, QUIZ) is not None

    page.reload()
    settle(page)
    form = page.locator(f"form.quiz--enhanced[data-quiz-id='{QUIZ}']")
    form.wait_for(state="attached")
    expect(page.locator(f"#{name}--place")).to_be_checked()
    tab.problems.assert_none()


def test_my_progress_lists_only_the_courses_quizzes(tab, course_url, composed_course):
    page = tab.page
    open_progress(page, course_url)
    links = page.locator("#quiz-progress table").first.locator("a")
    listed = links.evaluate_all("as => as.map(a => new URL(a.href).pathname)")
    content = load_course_content(composed_course, COURSE_ID).content
    expected = [f"/quizzes/{q}/" for m in content.modules for q in m.quizzes]
    expected += [f"/quizzes/{q.id}/" for q in content.other_quizzes()]
    assert listed == expected
    assert "/quizzes/action-plan/" not in listed and "/quizzes/framework-self-check/" not in listed
    modules = page.locator("#quiz-progress table").first.evaluate(
        "t => [...t.rows].slice(1).map(r => r.cells[0].innerText.trim())"
    )
    assert modules[:4] == [
        "Module 1: Understanding conflict: root causes and early warning",
        "Module 2: Parliaments and peace",
        "Module 3: Our parliament's experience",
        "Module 4: The principles of effective mediation",
    ]
    tab.problems.assert_none()


@pytest.mark.parametrize("width", [412, 1280])
@pytest.mark.parametrize("path", ["", "modules/our-experience/"])
def test_branded_pages_have_no_accessibility_violations(context, course_url, path, width):
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(course_url + path)
    settle(page)
    page.mouse.move(2, 898)
    results = run_axe(page)
    assert results.violations_count == 0, results.generate_report()
    if width == 1280:
        expect(page.locator("header img[alt='Example Training Institute']")).to_be_visible()
