"""A survey in the browser: ungraded polls, scales and free text, kept on the device only."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import bind_server, serving
from pagekit import run_axe
from quizkit import settle, stored

pytestmark = pytest.mark.browser

SURVEY = "sample-survey"
SURVEY_YAML = """\
id: sample-survey
title: Your interest in further training
kind: survey
introduction: Nothing here is scored or sent anywhere.
questions:
  - id: topics
    type: poll
    prompt: Which topics interest you?
    multiple: true
    options:
      - id: consent
        text: Consent and mandate
      - id: process
        text: The mediation process
      - id: inclusion
        text: Inclusion
  - id: time
    type: poll
    prompt: How much time could you give?
    options:
      - id: hour
        text: An hour a month
      - id: day
        text: A day a month
  - id: useful
    type: likert
    prompt: I would use mediation skills in my work.
    scale: agreement
  - id: wishes
    type: reflection
    prompt: What would help you most?
"""


@pytest.fixture(scope="module")
def survey_site(tmp_path_factory, copy_fixture_site, run_mkdocs_build) -> Iterator[str]:
    base = tmp_path_factory.mktemp("survey-site")
    project = copy_fixture_site(base / "project")
    (project / "quizzes" / f"{SURVEY}.yml").write_text(SURVEY_YAML, encoding="utf-8")
    build = run_mkdocs_build(project, base / "site")
    assert build.returncode == 0, build.output
    with serving(bind_server(base / "site")) as url:
        yield f"{url}quizzes/{SURVEY}/"


def test_survey_answers_are_kept_unscored_and_restored(tab, survey_site):
    page = tab.page
    page.goto(survey_site)
    settle(page)
    form = page.locator(f"form#quiz-{SURVEY}.quiz--enhanced")
    assert form.locator("button[data-action=check]").count() == 0
    assert form.locator("button[data-action=submit]").count() == 0
    page.locator(f"label[for='{SURVEY}--topics--consent']").click()
    page.locator(f"label[for='{SURVEY}--topics--inclusion']").click()
    page.locator(f"label[for='{SURVEY}--time--day']").click()
    page.locator(f"label[for='{SURVEY}--useful--4']").click()
    page.locator(f"#{SURVEY}--wishes--text").fill("A simulation exercise")
    state = stored(page, SURVEY)
    answers = {key: entry["answer"] for key, entry in state["answers"].items()}
    expected = {"topics": ["consent", "inclusion"], "time": "day", "useful": "4", "wishes": "A simulation exercise"}
    assert answers == expected
    assert all(entry["score"] is None for entry in state["answers"].values())
    assert state["complete"] is True
    page.reload()
    settle(page)
    assert page.locator(f"#{SURVEY}--topics--consent").is_checked()
    assert page.locator(f"#{SURVEY}--topics--inclusion").is_checked()
    assert not page.locator(f"#{SURVEY}--topics--process").is_checked()
    assert page.locator(f"#{SURVEY}--time--day").is_checked()
    assert page.locator(f"#{SURVEY}--wishes--text").input_value() == "A simulation exercise"
    page.mouse.move(0, 0)
    assert run_axe(page).response["violations"] == []
    tab.problems.assert_none()
