"""A course in French first (`languages: [fr, en]`, tests/fixtures/course-languages) in Chromium: its
French edition at the site's root runs the quiz and saves progress, and the language switcher goes to
the same page in English, in en/.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import Course, bind_server, server_url, serving
from pagekit import screenshot, switch_language
from playwright.sync_api import expect
from quizkit import KEYBOARD, answer, check, live_region, open_progress, open_quiz, result, settle, stored

from build_tools.rendering import load_strings
from tests.conftest import FRENCH, course_in_languages, run_mkdocs_build

pytestmark = pytest.mark.browser

FR = load_strings("fr", FRENCH)
COURSE_ID = "french-then-english"


@pytest.fixture(scope="module")
def french_first_site(tmp_path_factory) -> Iterator[Course]:
    """The French-first course built with its `site_url` set to the address it is served at."""
    base = tmp_path_factory.mktemp("french-first")
    server = bind_server(base / "site")
    url = server_url(server)
    project = course_in_languages(base / "project", COURSE_ID)
    course = project / "courses" / f"{COURSE_ID}.yml"
    course.write_text(course.read_text("utf-8").replace('site_url: ""', f'site_url: "{url}"'), "utf-8")
    build = run_mkdocs_build(project, base / "site")
    assert build.returncode == 0, f"mkdocs build of the French-first course failed:\n{build.output}"
    with serving(server):
        yield Course(base / "site", url)


def test_a_french_root_quiz_saves_progress_and_switches_to_the_same_page_in_english(tab, french_first_site):
    page = tab.page
    root = french_first_site.url
    form = open_quiz(page, root, "sample-check")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(form.locator("button.quiz-check").first).to_have_text(FR["engine"]["check"])
    answer(page, "sample-check", "who", "parties", KEYBOARD)
    check(page, "sample-check", "who", KEYBOARD)
    expect(result(page, "sample-check", "who").locator(".quiz-verdict")).to_have_text(FR["engine"]["correct"])
    expect(live_region(page, "sample-check")).to_have_text("Question 1\u00a0: Bonne réponse.")
    for width in (412, 320):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"course-languages-french-root-quiz-{width}")
    page.reload()
    settle(page)
    expect(page.locator("#sample-check--who--parties")).to_be_checked()
    assert stored(page, "sample-check")["answers"]["who"]
    open_progress(page, root)
    expect(page.locator("#quiz-progress")).to_contain_text("Auto-évaluation d’exemple")
    open_quiz(page, root, "sample-check")
    switch_language(page, "English")
    page.wait_for_url(root + "en/quizzes/sample-check/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#sample-check--who--parties")).to_be_checked()  # progress follows the learner
    screenshot(page, "course-languages-english-in-folder-320")
    switch_language(page, "Français")
    page.wait_for_url(root + "quizzes/sample-check/")
    tab.problems.assert_none()
