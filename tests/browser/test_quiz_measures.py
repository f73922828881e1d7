"""In Chromium: the assessments number their questions with each confidence rating inside the
question it rates; an order with one swap earns partial credit and says what is out of place;
progress saved before options were shuffled is kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import bind_server, serving
from playwright.sync_api import expect
from quizkit import MOUSE, answer, check, fieldset, open_progress, open_quiz, result, stored, write_store

from build_tools.loader import load_content
from build_tools.presentation import presented_options

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
STRINGS = yaml.safe_load((ROOT / "build_tools" / "strings" / "en.yml").read_text(encoding="utf-8"))
T = STRINGS["engine"]
QUIZ = "sample-check"


@pytest.fixture(scope="module")
def served_course(course_site):
    """The project's own course, built with its handouts, on a free port."""
    with serving(bind_server(course_site)) as url:
        yield url


@pytest.mark.parametrize("quiz_id", ["diagnostic", "post"])
def test_assessment_numbers_its_18_questions_and_rates_confidence_inside_each(quiz_id, tab, served_course):
    page = tab.page
    form = open_quiz(page, served_course, quiz_id)
    numbers = form.locator(".quiz-number").all_inner_texts()
    assert numbers == [f"{STRINGS['question']} {n}." for n in range(1, 19)]
    ratings = form.locator("fieldset.quiz-question > fieldset.quiz-confidence")
    expect(ratings).to_have_count(18)
    expect(form.locator("fieldset.quiz-confidence .quiz-number")).to_have_count(0)

    # The rating is still its own question to the engine: saved under its own id.
    first = form.locator("fieldset.quiz-question:not(.quiz-confidence)").first
    rating = first.locator("fieldset.quiz-confidence")
    rating.locator("input[value='3']").check()
    rating_id = rating.get_attribute("data-question-id")
    assert stored(page, quiz_id)["answers"][rating_id]["answer"] == "3"
    assert first.get_attribute("data-question-id") not in stored(page, quiz_id)["answers"], "the rating is an answer"
    tab.problems.assert_none()


def test_the_engine_keeps_the_option_order_the_build_wrote(tab, served_course):
    content = load_content(ROOT)
    quiz = content.quizzes["diagnostic"]
    page = tab.page
    open_quiz(page, served_course, quiz.id)
    for q in quiz.questions:
        if q.type in ("single", "multiple"):
            shown = fieldset(page, quiz.id, q.id).locator(":scope > .quiz-options input").evaluate_all(
                "inputs => inputs.map(i => i.value)"
            )
            assert shown == [o.id for o in presented_options(quiz, q)], q.id


def test_an_order_with_one_swap_scores_between_0_and_1_and_names_what_is_out_of_place(tab, served_site):
    page = tab.page
    open_quiz(page, served_site, QUIZ)
    answer(page, QUIZ, "order", ["mediation", "negotiation", "arbitration"], MOUSE)
    check(page, QUIZ, "order", MOUSE)
    score = stored(page, QUIZ)["answers"]["order"]["score"]
    assert 0 < score < 1 and score == pytest.approx(2 / 3)
    box = result(page, QUIZ, "order")
    expect(box.locator(".quiz-verdict")).to_have_text(T["partly"])
    out_of_place = box.locator(".quiz-out-of-place")
    expect(out_of_place).to_have_count(1)
    text = out_of_place.inner_text()
    assert text.startswith(T["out_of_place"].split("{")[0])
    moved = [item for item in ("Negotiation", "Mediation") if item in text]
    assert len(moved) == 1 and "Arbitration" not in text, text  # one item moved puts it right
    expect(box.locator(".quiz-key-order li")).to_have_count(3)  # and the right order is shown
    tab.problems.assert_none()


def test_the_reverse_order_scores_0_and_the_right_order_1(tab, served_site):
    page = tab.page
    open_quiz(page, served_site, QUIZ)
    answer(page, QUIZ, "order", ["arbitration", "mediation", "negotiation"], MOUSE)
    check(page, QUIZ, "order", MOUSE)
    assert stored(page, QUIZ)["answers"]["order"]["score"] == 0
    answer(page, QUIZ, "order", ["negotiation", "mediation", "arbitration"], MOUSE)
    check(page, QUIZ, "order", MOUSE)
    assert stored(page, QUIZ)["answers"]["order"]["score"] == 1
    expect(result(page, QUIZ, "order").locator(".quiz-out-of-place")).to_have_count(0)


# Progress as the engine saved it before this change: same fingerprints (the questions did not
# change), an ordering scored all-or-nothing, a confidence rating saved as a question of its own.
BEFORE = {
    "v": 1,
    "submitted": False,
    "answers": {
        "who": {"fp": "c66dd1c0", "answer": "parties", "score": 1, "checked": True, "at": "2026-01-01T00:00:00Z"},
        "sure-who": {"fp": "36e3b298", "answer": "2", "score": None, "checked": False, "at": "2026-01-01T00:00:00Z"},
        "order": {
            "fp": "d845bb4b", "answer": ["mediation", "negotiation", "arbitration"], "score": 0, "checked": True,
            "at": "2026-01-01T00:00:00Z",
        },
    },
}  # fmt: skip


def test_progress_saved_before_the_change_is_kept_and_rescored(tab, served_site):
    page = tab.page
    open_quiz(page, served_site, QUIZ)
    write_store(page, QUIZ, BEFORE)
    open_progress(page, served_site)
    row = page.locator("#quiz-progress table").first.locator("tbody tr").first.inner_text()
    assert re.search(r"\b1\.7 / 5\b", row), row  # 1 + 2/3: the order earns its partial credit

    open_quiz(page, served_site, QUIZ)
    expect(page.locator(f"#{QUIZ}--who--parties")).to_be_checked()
    expect(page.locator(f"#{QUIZ}--sure-who--2")).to_be_checked()
    answers = stored(page, QUIZ)["answers"]
    assert set(answers) == {"who", "sure-who", "order"}
    assert answers["order"]["score"] == pytest.approx(2 / 3)
    expect(result(page, QUIZ, "order").locator(".quiz-verdict")).to_have_text(T["partly"])
    tab.problems.assert_none()
