"""The course's own quizzes, answered in Chromium on a phone, in English and in French: a result says its
verdict once ("Correct.", "Not quite."), and the feedback and explanation after it say why, without a
verdict of their own ("True: Correct. ..." read as a repetition, "False: Correct." as a contradiction).

The questions are ones whose feedback used to open with a verdict; build_tools/verdicts.py now refuses
that in `make check`. Screenshots of each result are kept under .cache/screenshots/ for a person to
look at.
"""

from __future__ import annotations

import pytest
from pagekit import SCREENSHOTS
from quizkit import open_quiz, result

from build_tools.rendering import load_strings
from build_tools.verdicts import opening_verdict
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

LANGUAGES = {"en": "", "fr": "fr/"}
CASES = [
    # quiz, question, the option chosen, the verdict the engine gives; what the feedback opened with before
    ("principles-self-check", "guidance-only-for-un", "true", "correct"),  # Correct. / Exact.
    ("conflict-self-check", "fishing-tree-root", "licences", "correct"),  # Right. / Exact.
    ("neighbours-self-check", "room-and-messages", "mediation", "wrong"),  # Not quite. / Pas tout à fait.
    ("foundations-self-check", "speakers-meeting-purpose", "false", "wrong"),  # Not so. / Ce n’est pas le cas.
]
FEEDBACK = ":scope > p:not(.quiz-verdict):not(.quiz-read-more):not(.quiz-key):not(.quiz-out-of-place)"


def _answer_and_check(page, quiz_id: str, question_id: str, option_id: str):
    name = f"{quiz_id}--{question_id}"
    page.locator(f"label[for='{name}--{option_id}']").click()
    page.locator(f"fieldset#{name} button.quiz-check").click()
    shown = result(page, quiz_id, question_id)
    shown.wait_for(state="visible")
    return shown


def _without_label(page, quiz_id: str, question_id: str, option_id: str, text: str) -> str:
    """A feedback paragraph of the result without the option's label it starts with ("True: ...")."""
    label = page.locator(
        f"fieldset#{quiz_id}--{question_id} .quiz-answer .quiz-feedback [data-option-id='{option_id}'] strong"
    ).text_content()
    assert text.startswith(label), (label, text)
    return text[len(label) :].lstrip(" \u00a0\u202f:")


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_a_result_says_its_verdict_once_and_then_why(language, browser, course_instant, watch_page):
    verdicts = load_strings(language, ROOT)["engine"]
    context = browser.new_context(viewport={"width": 412, "height": 900})
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        problems = watch_page(page)
        for quiz_id, question_id, option_id, verdict_key in CASES:
            open_quiz(page, course_instant.url + LANGUAGES[language], quiz_id)
            shown = _answer_and_check(page, quiz_id, question_id, option_id)
            verdict = verdicts[verdict_key]
            assert shown.locator(".quiz-verdict").text_content() == verdict
            assert shown.text_content().count(verdict) == 1, shown.text_content()
            feedback = [
                _without_label(page, quiz_id, question_id, option_id, text)
                for text in shown.locator(FEEDBACK).all_text_contents()
            ]
            explanation = shown.locator(".quiz-explanation p").all_text_contents()[1:]  # after "Why:"
            assert feedback and explanation, shown.inner_html()
            opening = {text[:60]: opening_verdict(text, language) for text in feedback + explanation}
            assert {text: found for text, found in opening.items() if found} == {}
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.locator(f"fieldset#{quiz_id}--{question_id}").screenshot(
                path=str(SCREENSHOTS / f"quiz-feedback-{language}-{question_id}-412.png")
            )
        problems.assert_none()
    finally:
        context.close()
