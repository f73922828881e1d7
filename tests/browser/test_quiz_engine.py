"""The quiz engine (docs/assets/javascripts/quiz.js) in headless Chromium, on the built fixture site.

Every question type is answered right and wrong, with the keyboard only and with the mouse; the
self-check and assessment modes, persistence (reload, instant navigation, changed questions, corrupt,
full and switched-off storage), file://, JavaScript off, right-to-left at 320 px, and printing.
Every test also checks that the page logged no console error, threw nothing, and asked no other host
for anything (`tab.problems`, from tests/browser/conftest.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect
from quizkit import (
    KEYBOARD,
    MOUSE,
    RIGHT,
    WRONG,
    accept_dialogs,
    answer,
    check,
    fieldset,
    live_region,
    open_quiz,
    order_ids,
    question_yaml,
    quiz_url,
    result,
    settle,
    stored,
    tab_to,
    wait_enhanced,
    write_store,
)

pytestmark = pytest.mark.browser

STRINGS = yaml.safe_load((Path(__file__).resolve().parents[2] / "build_tools" / "strings" / "en.yml").read_text())
T = STRINGS["engine"]
QUIZ = "sample-check"
NUMBER = {"who": 1, "features": 2, "binding": 3, "order": 4, "pairs": 5, "think": 6}  # the rating is part of 1


def _feedback_lines(quiz_id: str, question_id: str, value) -> list[str]:
    """The feedback the build wrote for each chosen option, as the result should show it."""
    q = question_yaml(quiz_id, question_id)
    if q["type"] == "true-false":
        return [f"{STRINGS['label_' + value]}: {q['feedback_' + value]}"]
    if q["type"] in ("single", "multiple"):
        chosen = [value] if isinstance(value, str) else value
        return [f"{o['text']}: {o['feedback']}" for o in q["options"] if o["id"] in chosen]
    return []


def assert_result(page, quiz_id: str, question_id: str, value, verdict: str, focused: bool = True) -> None:
    """The result block says the verdict and why: the chosen options' feedback, the explanation, the
    link to the section that teaches it; the live region announces it and the focus is on it."""
    q = question_yaml(quiz_id, question_id)
    box = result(page, quiz_id, question_id)
    expect(box).to_be_visible()
    expect(box.locator(".quiz-verdict")).to_have_text(verdict)
    text = box.inner_text()
    for line in _feedback_lines(quiz_id, question_id, value):
        assert line in text, f"{question_id}: feedback {line!r} missing from {text!r}"
    expect(box.locator(".quiz-explanation")).to_contain_text(q["explanation"])
    if q.get("section"):
        module, section = q["section"].split("#")
        link = box.locator(".quiz-read-more a")
        expect(link).to_be_visible()
        href = link.evaluate("a => a.href")
        page_style = (
            f"/modules/{module}.html#{section}" if page.url.endswith(".html") else f"/modules/{module}/#{section}"
        )
        assert href.endswith(page_style), href
    else:
        expect(box.locator(".quiz-read-more")).to_have_count(0)
    if focused:
        expect(box).to_be_focused()
        number = NUMBER[question_id] if quiz_id == QUIZ else None
        if number:
            expect(live_region(page, quiz_id)).to_have_text(f"Question {number}: {verdict}")


# --- self-check: every graded type, right and wrong, keyboard and mouse ---------------------------------


@pytest.mark.parametrize("method", [KEYBOARD, MOUSE])
@pytest.mark.parametrize("question_id", list(RIGHT))
def test_self_check_wrong_then_right(question_id, method, tab, served_site):
    page = tab.page
    open_quiz(page, served_site, QUIZ)
    kind = question_yaml(QUIZ, question_id)["type"]

    answer(page, QUIZ, question_id, WRONG[question_id], method)
    expect(result(page, QUIZ, question_id)).to_be_hidden()  # answering alone checks nothing
    check(page, QUIZ, question_id, method)
    assert_result(page, QUIZ, question_id, WRONG[question_id], T["wrong"])
    if kind in ("ordering", "matching"):  # the learner cannot guess from the feedback: show the key
        q = question_yaml(QUIZ, question_id)
        key = {"ordering": ".quiz-key-order li", "matching": ".quiz-key-matches li"}[kind]
        expect(result(page, QUIZ, question_id).locator(key)).to_have_count(len(q.get("items") or q["pairs"]))
    entry = stored(page, QUIZ)["answers"][question_id]
    assert (entry["checked"], entry["score"]) == (True, 0)
    assert entry["fp"] == fieldset(page, QUIZ, question_id).get_attribute("data-fingerprint")

    # Retry: changing the answer hides the old verdict; checking again gives the new one.
    answer(page, QUIZ, question_id, RIGHT[question_id], method)
    expect(result(page, QUIZ, question_id)).to_be_hidden()
    check(page, QUIZ, question_id, method, key="Space" if method == KEYBOARD else "Enter")
    assert_result(page, QUIZ, question_id, RIGHT[question_id], T["correct"])
    entry = stored(page, QUIZ)["answers"][question_id]
    assert (entry["checked"], entry["score"], entry["answer"]) == (True, 1, RIGHT[question_id])
    tab.problems.assert_none()


def test_moving_an_item_is_announced_and_keeps_the_focus(tab, served_site):
    page = tab.page
    open_quiz(page, served_site, QUIZ)
    texts = {i["id"]: i["text"] for i in question_yaml(QUIZ, "order")["items"]}
    first = order_ids(page, QUIZ, "order")[0]
    down = f"fieldset#{QUIZ}--order .quiz-order-item[data-item-id='{first}'] button[data-action='down']"
    expect(page.locator(down)).to_have_accessible_name(T["move_down"].format(item=texts[first]))
    tab_to(page, down)
    for position in (2, 3, 3):  # the last press, at the bottom, moves nothing
        page.keyboard.press("Space")
        assert order_ids(page, QUIZ, "order").index(first) == position - 1
        assert page.evaluate("s => document.activeElement === document.querySelector(s)", down)
    expect(live_region(page, QUIZ)).to_have_text(T["moved"].format(item=texts[first], position=3, total=3))
    expect(result(page, QUIZ, "order")).to_be_hidden()  # moving is not checking
    numbers = page.locator(f"fieldset#{QUIZ}--order .quiz-order-item input").evaluate_all("i => i.map(n => n.value)")
    assert numbers == ["1", "2", "3"]  # the hidden number fields follow, for a form read without the engine
    assert stored(page, QUIZ)["answers"]["order"]["answer"] == order_ids(page, QUIZ, "order")
    tab.problems.assert_none()


def test_matching_half_right_is_partly_correct(tab, served_site):
    page = tab.page
    open_quiz(page, served_site, QUIZ)
    answer(page, QUIZ, "pairs", {"med": "med", "arb": "med"}, KEYBOARD)
    check(page, QUIZ, "pairs", KEYBOARD)
    assert_result(page, QUIZ, "pairs", None, T["partly"])
    assert stored(page, QUIZ)["answers"]["pairs"]["score"] == 0.5
    tab.problems.assert_none()


def test_check_without_an_answer_asks_for_one(tab, served_site):
    page = tab.page
    open_quiz(page, served_site, QUIZ)
    check(page, QUIZ, "who", KEYBOARD)
    expect(live_region(page, QUIZ)).to_have_text(T["answer_first"])
    expect(result(page, QUIZ, "who")).to_be_hidden()
    tab.problems.assert_none()


@pytest.mark.parametrize("method", [KEYBOARD, MOUSE])
def test_ungraded_likert_and_reflection_are_kept_not_scored(method, tab, served_site):
    page = tab.page
    open_quiz(page, served_site, QUIZ)
    for question_id in ("sure-who", "think"):
        expect(fieldset(page, QUIZ, question_id).locator("button.quiz-check")).to_have_count(0)
        expect(fieldset(page, QUIZ, question_id).locator("details")).to_have_count(0)
    answer(page, QUIZ, "sure-who", "2", method)
    answer(page, QUIZ, "sure-who", "3", method)
    answer(page, QUIZ, "think", "A budget dispute in committee.", method)
    answers = stored(page, QUIZ)["answers"]
    assert (answers["sure-who"]["answer"], answers["sure-who"]["score"]) == ("3", None)
    assert (answers["think"]["answer"], answers["think"]["score"]) == ("A budget dispute in committee.", None)
    page.reload()
    settle(page)
    wait_enhanced(page, QUIZ)
    expect(page.locator(f"#{QUIZ}--sure-who--3")).to_be_checked()
    expect(page.locator(f"#{QUIZ}--think--text")).to_have_value("A budget dispute in committee.")
    tab.problems.assert_none()


@pytest.mark.parametrize("question_id", ["who", "binding", "sure-who"])
def test_arrow_keys_change_a_radio_group_but_never_check(question_id, tab, served_site):
    page = tab.page
    open_quiz(page, served_site, QUIZ)
    name = f"{QUIZ}--{question_id}"
    radios = page.locator(f"fieldset#{name} > .quiz-options input[type=radio]")  # not the rating inside
    tab_to(page, f"fieldset#{name} > .quiz-options input[type=radio]")
    page.keyboard.press("Space")
    expect(radios.nth(0)).to_be_checked()
    for key, checked in (("ArrowDown", 1), ("ArrowUp", 0), ("ArrowRight", 1), ("ArrowLeft", 0), ("Enter", 0)):
        page.keyboard.press(key)
        expect(radios.nth(checked)).to_be_checked()
        expect(result(page, QUIZ, question_id)).to_be_hidden()
        assert stored(page, QUIZ)["answers"][question_id]["checked"] is False
    expect(live_region(page, QUIZ)).to_have_text("")
    assert page.url == quiz_url(page.url.split("quizzes/")[0], QUIZ)  # Enter submitted no form

    if question_id != "sure-who":  # once checked, moving on with the arrows clears the old verdict
        check(page, QUIZ, question_id, KEYBOARD)
        expect(result(page, QUIZ, question_id)).to_be_visible()
        tab_to(page, f"fieldset#{name} > .quiz-options input[type=radio]")
        page.keyboard.press("ArrowDown")
        expect(radios.nth(1)).to_be_checked()
        expect(result(page, QUIZ, question_id)).to_be_hidden()
        assert stored(page, QUIZ)["answers"][question_id]["checked"] is False
    tab.problems.assert_none()


# --- assessment mode -------------------------------------------------------------------------------------

DIAGNOSTIC = "sample-diagnostic"


def test_assessment_submit_once_review_and_start_again_keyboard(tab, served_site):
    page = tab.page
    dialogs = accept_dialogs(page)
    form = open_quiz(page, served_site, DIAGNOSTIC)
    expect(form.locator("button.quiz-check")).to_have_count(0)  # no per-question checking
    answer(page, DIAGNOSTIC, "who", "mediator", KEYBOARD)
    answer(page, DIAGNOSTIC, "sure-who", "3", KEYBOARD)
    answer(page, DIAGNOSTIC, "consent", "false", KEYBOARD)
    answer(page, DIAGNOSTIC, "pairs", {"invited": "invited", "imposed": "invited"}, KEYBOARD)
    summary = form.locator(".quiz-summary")
    expect(summary).to_be_hidden()  # the arrow keys and Space answered, nothing was submitted
    assert stored(page, DIAGNOSTIC)["submitted"] is False
    assert dialogs == []

    tab_to(page, f"form[data-quiz-id='{DIAGNOSTIC}'] button[data-action='submit']")
    page.keyboard.press("Enter")
    score = T["score"].format(score=1.5, total=3)
    expect(summary).to_have_text(score)
    expect(summary).to_be_focused()
    expect(live_region(page, DIAGNOSTIC)).to_have_text(score)
    _assert_review(page)
    state = stored(page, DIAGNOSTIC)
    assert state["submitted"] is True and state["complete"] is True
    assert {k: (v["answer"], v["score"]) for k, v in state["answers"].items()} == {
        "who": ("mediator", 0),
        "sure-who": ("3", None),
        "consent": ("false", 1),
        "pairs": ({"invited": "invited", "imposed": "invited"}, 0.5),
    }

    page.reload()  # the review is kept
    settle(page)
    form = wait_enhanced(page, DIAGNOSTIC)
    expect(form.locator(".quiz-summary")).to_have_text(score)
    _assert_review(page)

    tab_to(page, f"form[data-quiz-id='{DIAGNOSTIC}'] button[data-action='reset']")
    page.keyboard.press("Enter")
    expect(live_region(page, DIAGNOSTIC)).to_have_text(T["was_reset"])
    assert dialogs == [T["confirm_reset"]]
    expect(form.locator(".quiz-summary")).to_be_hidden()
    assert form.locator("fieldset.quiz-question").evaluate_all("fs => fs.map(f => f.disabled)") == [False] * 4
    for question in form.locator("fieldset.quiz-question").all():
        expect(question.locator(".quiz-result")).to_be_hidden()
    expect(form.locator("input:checked")).to_have_count(0)
    assert form.locator("select").evaluate_all("ss => ss.map(s => s.value)") == ["", ""]
    expect(form.locator("button[data-action='submit']")).to_be_enabled()
    state = stored(page, DIAGNOSTIC)
    assert (state["answers"], state["submitted"], state["complete"]) == ({}, False, False)
    tab.problems.assert_none()


def _assert_review(page) -> None:
    """Every graded question shows its verdict, feedback, explanation and link; nothing can change."""
    assert_result(page, DIAGNOSTIC, "who", "mediator", T["wrong"], focused=False)
    assert_result(page, DIAGNOSTIC, "consent", "false", T["correct"], focused=False)
    assert_result(page, DIAGNOSTIC, "pairs", None, T["partly"], focused=False)
    expect(result(page, DIAGNOSTIC, "pairs").locator(".quiz-key-matches li")).to_have_text(
        ["Both parties invite a mediator: It passes", "A mediator is imposed on one party: It fails"]
    )
    key = result(page, DIAGNOSTIC, "who").locator(".quiz-key")
    expect(key).to_have_text(f"{STRINGS['correct_answer']} The parties")  # assessments show the key
    expect(result(page, DIAGNOSTIC, "sure-who")).to_be_hidden()
    form = page.locator(f"form[data-quiz-id='{DIAGNOSTIC}']")
    assert form.locator("fieldset.quiz-question").evaluate_all("fs => fs.map(f => f.disabled)") == [True] * 4
    expect(form.locator("fieldset select:enabled")).to_have_count(0)
    expect(form.locator("fieldset input:enabled")).to_have_count(0)  # a disabled fieldset disables its controls
    expect(form.locator("button[data-action='submit']")).to_be_disabled()  # submitted once


def test_assessment_with_missing_answers_asks_before_submitting_mouse(tab, served_site):
    page = tab.page
    messages: list[str] = []
    replies = iter([False, True])

    def reply(dialog):
        messages.append(dialog.message)
        dialog.accept() if next(replies) else dialog.dismiss()

    page.on("dialog", reply)
    form = open_quiz(page, served_site, DIAGNOSTIC)
    answer(page, DIAGNOSTIC, "who", "parties", MOUSE)
    form.locator("button[data-action='submit']").click()
    assert messages == [T["confirm_missing"].format(count=2)]  # the confidence rating is optional
    expect(form.locator(".quiz-summary")).to_be_hidden()  # dismissed: still answering
    assert fieldset(page, DIAGNOSTIC, "consent").evaluate("f => f.disabled") is False

    form.locator("button[data-action='submit']").click()  # accepted: submitted as it is
    expect(form.locator(".quiz-summary")).to_have_text(T["score"].format(score=1, total=3))
    for question_id in ("consent", "pairs"):  # unanswered: reviewed as not answered, with key and explanation
        expect(result(page, DIAGNOSTIC, question_id).locator(".quiz-verdict")).to_have_text(T["not_answered"])
        expect(result(page, DIAGNOSTIC, question_id).locator(".quiz-explanation")).to_be_visible()
    expect(result(page, DIAGNOSTIC, "consent").locator(".quiz-key")).to_have_text(f"{STRINGS['correct_answer']} False")
    tab.problems.assert_none()


def test_arrow_keys_never_submit_an_assessment(tab, served_site):
    page = tab.page
    form = open_quiz(page, served_site, DIAGNOSTIC)
    radios = page.locator(f"fieldset#{DIAGNOSTIC}--who > .quiz-options input[type=radio]")
    tab_to(page, f"fieldset#{DIAGNOSTIC}--who > .quiz-options input[type=radio]")
    for key in ("Space", "ArrowDown", "ArrowUp", "ArrowDown", "Enter"):
        page.keyboard.press(key)
    expect(radios.nth(1)).to_be_checked()
    expect(form.locator(".quiz-summary")).to_be_hidden()
    expect(form.locator(".quiz-result:visible")).to_have_count(0)
    assert stored(page, DIAGNOSTIC)["submitted"] is False
    tab.problems.assert_none()


POST = "sample-post"


@pytest.mark.parametrize("method", [KEYBOARD, MOUSE])
def test_post_assessment_ordering_wrong_then_after_start_again_right(method, tab, served_site):
    page = tab.page
    accept_dialogs(page)
    form = open_quiz(page, served_site, POST)
    submit = form.locator("button[data-action='submit']")
    for question_id, value in {"who": "parties", "sure-who": "2", "consent": "true"}.items():
        answer(page, POST, question_id, value, method)
    answer(page, POST, "order", ["arbitration", "mediation", "negotiation"], method)
    submit.click()
    expect(form.locator(".quiz-summary")).to_have_text(T["score"].format(score=2, total=3))
    assert_result(page, POST, "order", None, T["wrong"], focused=False)
    expect(result(page, POST, "order").locator(".quiz-key-order li")).to_have_text(
        ["Negotiation", "Mediation", "Arbitration"]
    )
    expect(form.locator(".quiz-move:enabled")).to_have_count(0)  # the order is fixed once submitted

    form.locator("button[data-action='reset']").click()
    expect(form.locator(".quiz-summary")).to_be_hidden()
    for question_id, value in {"who": "parties", "sure-who": "3", "consent": "true"}.items():
        answer(page, POST, question_id, value, method)
    answer(page, POST, "order", RIGHT["order"], method)
    submit.click()
    expect(form.locator(".quiz-summary")).to_have_text(T["score"].format(score=3, total=3))
    assert_result(page, POST, "order", None, T["correct"], focused=False)
    tab.problems.assert_none()


# --- persistence -----------------------------------------------------------------------------------------

SOME_ANSWERS = {
    "who": "mediator",
    "sure-who": "2",
    "features": ["voluntary"],
    "order": ["negotiation", "mediation", "arbitration"],
    "pairs": {"med": "med", "arb": "arb"},
    "think": "Our water-sharing committee.",
}


def _give_some_answers(page) -> None:
    for question_id, value in SOME_ANSWERS.items():
        answer(page, QUIZ, question_id, value, MOUSE)
    check(page, QUIZ, "who", MOUSE)
    check(page, QUIZ, "pairs", MOUSE)


def _assert_some_answers(page) -> None:
    expect(page.locator(f"#{QUIZ}--who--mediator")).to_be_checked()
    expect(page.locator(f"#{QUIZ}--sure-who--2")).to_be_checked()
    expect(page.locator(f"#{QUIZ}--features--voluntary")).to_be_checked()
    expect(page.locator(f"#{QUIZ}--features--consent")).not_to_be_checked()
    assert order_ids(page, QUIZ, "order") == SOME_ANSWERS["order"]
    expect(page.locator(f"#{QUIZ}--pairs--med")).to_have_value("med")
    expect(page.locator(f"#{QUIZ}--think--text")).to_have_value(SOME_ANSWERS["think"])
    # Checked questions show their verdict again, without taking the focus; unchecked ones do not.
    assert_result(page, QUIZ, "who", "mediator", T["wrong"], focused=False)
    assert_result(page, QUIZ, "pairs", None, T["correct"], focused=False)
    expect(result(page, QUIZ, "features")).to_be_hidden()
    expect(page.locator(".quiz-result:focus")).to_have_count(0)


def test_answers_survive_a_reload(tab, served_site):
    page = tab.page
    open_quiz(page, served_site, QUIZ)
    _give_some_answers(page)
    page.reload()
    settle(page)
    wait_enhanced(page, QUIZ)
    _assert_some_answers(page)
    tab.problems.assert_none()


def _nav_link(page, path_end: str):
    return page.locator(f".md-nav--primary a.md-nav__link[href$='{path_end}']").first



def test_answers_survive_instant_navigation(tab, instant_site):
    page = tab.page
    page.goto(instant_site)
    settle(page)
    page.evaluate("window.__sameDocument = true")  # gone if any click below loads a whole page
    _nav_link(page, f"quizzes/{QUIZ}/").click()
    page.wait_for_url(f"**/quizzes/{QUIZ}/")
    wait_enhanced(page, QUIZ)
    _give_some_answers(page)

    _nav_link(page, "modules/sample/").click()
    page.wait_for_url("**/modules/sample/")
    page.locator("article h1", has_text="A sample module").wait_for()
    _nav_link(page, f"quizzes/{QUIZ}/").click()
    page.wait_for_url(f"**/quizzes/{QUIZ}/")
    wait_enhanced(page, QUIZ)
    assert page.evaluate("window.__sameDocument") is True, "the navigation was not instant"
    _assert_some_answers(page)

    # The engine started afresh on the new page: checking and moving still work.
    answer(page, QUIZ, "binding", "false", KEYBOARD)
    check(page, QUIZ, "binding", KEYBOARD)
    assert_result(page, QUIZ, "binding", "false", T["correct"])
    page.go_back()
    page.wait_for_url("**/modules/sample/")
    page.go_forward()
    page.wait_for_url(f"**/quizzes/{QUIZ}/")
    wait_enhanced(page, QUIZ)
    assert_result(page, QUIZ, "binding", "false", T["correct"], focused=False)
    assert page.evaluate("window.__sameDocument") is True
    tab.problems.assert_none()


def test_instant_navigation_throws_nothing(tab, instant_site):
    page = tab.page
    page.goto(instant_site)
    settle(page)
    for path in (f"quizzes/{QUIZ}/", "progress/", f"quizzes/{DIAGNOSTIC}/"):
        _nav_link(page, path).click()
        page.wait_for_url(f"**/{path}")
        settle(page)
    tab.problems.assert_none()


def test_a_changed_question_is_reset_and_the_others_keep_their_answers(tab, served_site):
    page = tab.page
    open_quiz(page, served_site, QUIZ)
    for question_id in ("who", "binding"):
        answer(page, QUIZ, question_id, RIGHT[question_id], MOUSE)
        check(page, QUIZ, question_id, MOUSE)
    answer(page, QUIZ, "features", ["consent"], MOUSE)

    # As if the question "who" had been edited since: its stored fingerprint no longer matches.
    state = stored(page, QUIZ)
    state["answers"]["who"]["fp"] = "0badf00d"
    write_store(page, QUIZ, state)
    page.reload()
    settle(page)
    wait_enhanced(page, QUIZ)

    expect(fieldset(page, QUIZ, "who").locator("input:checked")).to_have_count(0)
    expect(result(page, QUIZ, "who")).to_be_hidden()
    assert_result(page, QUIZ, "binding", "false", T["correct"], focused=False)
    expect(page.locator(f"#{QUIZ}--features--consent")).to_be_checked()
    answers = stored(page, QUIZ)["answers"]
    assert "who" not in answers and set(answers) == {"binding", "features"}
    tab.problems.assert_none()


def _fingerprints(page) -> dict[str, str]:
    return dict(
        page.locator(f"form[data-quiz-id='{QUIZ}'] fieldset").evaluate_all(
            "fs => fs.map(f => [f.dataset.questionId, f.dataset.fingerprint])"
        )
    )


CORRUPT = {
    "garbage": lambda fp: "{this is not JSON",
    "older-format": lambda fp: {"version": 0, "who": "parties"},
    "newer-format": lambda fp: {"v": 2, "answers": {"who": {"fp": fp["who"], "answer": "parties"}}},
    "not-an-object": lambda fp: '"parties"',
    "answers-null": lambda fp: {"v": 1, "answers": None},
    "wrong-shapes": lambda fp: {
        "v": 1,
        "answers": {
            "who": {"fp": fp["who"], "answer": {"x": 1}},
            "features": {"fp": fp["features"], "answer": "consent"},
            "order": {"fp": fp["order"], "answer": "negotiation"},
            "pairs": {"fp": fp["pairs"], "answer": ["med"]},
            "think": 7,
        },
    },
}


@pytest.mark.parametrize("kind", list(CORRUPT))
def test_corrupt_storage_leaves_the_quiz_usable(kind, tab, served_site):
    page = tab.page
    open_quiz(page, served_site, QUIZ)
    write_store(page, QUIZ, CORRUPT[kind](_fingerprints(page)))
    page.reload()
    settle(page)
    form = wait_enhanced(page, QUIZ)
    expect(form.locator("input:checked")).to_have_count(0)
    expect(form.locator(".quiz-result:visible")).to_have_count(0)
    answer(page, QUIZ, "who", "parties", KEYBOARD)
    check(page, QUIZ, "who", KEYBOARD)
    assert_result(page, QUIZ, "who", "parties", T["correct"])
    answer(page, QUIZ, "order", RIGHT["order"], MOUSE)
    check(page, QUIZ, "order", MOUSE)
    assert_result(page, QUIZ, "order", None, T["correct"])
    state = stored(page, QUIZ)
    assert state["v"] == 1 and state["answers"]["who"]["score"] == 1
    tab.problems.assert_none()


STORAGE_OFF = {
    # Storage switched off (cookies blocked, some private modes): even reading the property throws.
    "off": """Object.defineProperty(window, "localStorage", {
        configurable: true, get() { throw new DOMException("The operation is insecure.", "SecurityError"); }
    });""",
    # Full storage: reading works, every write fails.
    "full": """Storage.prototype.setItem = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };""",
}


@pytest.mark.parametrize("kind", list(STORAGE_OFF))
def test_storage_switched_off_or_full_leaves_the_quiz_usable(kind, context, served_site, watch_page):
    context.add_init_script(STORAGE_OFF[kind])
    page = context.new_page()
    problems = watch_page(page)
    form = open_quiz(page, served_site, QUIZ)
    for question_id, value in RIGHT.items():
        answer(page, QUIZ, question_id, value, MOUSE)
        check(page, QUIZ, question_id, MOUSE)
        assert_result(page, QUIZ, question_id, value, T["correct"])
    # A single-page assessment works too, kept in memory for this page view.
    accept_dialogs(page)
    page.goto(quiz_url(served_site, DIAGNOSTIC))
    settle(page)
    form = wait_enhanced(page, DIAGNOSTIC)
    answer(page, DIAGNOSTIC, "who", "parties", KEYBOARD)
    answer(page, DIAGNOSTIC, "sure-who", "1", KEYBOARD)
    answer(page, DIAGNOSTIC, "consent", "false", KEYBOARD)
    answer(page, DIAGNOSTIC, "pairs", {"invited": "invited", "imposed": "imposed"}, KEYBOARD)
    form.locator("button[data-action='submit']").click()
    expect(form.locator(".quiz-summary")).to_have_text(T["score"].format(score=3, total=3))
    form.locator("button[data-action='reset']").click()
    expect(form.locator(".quiz-summary")).to_be_hidden()
    expect(form.locator("input:checked")).to_have_count(0)
    problems.assert_none()


def test_full_storage_keeps_this_visits_answers_across_instant_navigation(context, instant_site, watch_page):
    """Answers the store refused are kept in memory, and win over the older ones it still holds."""
    context.add_init_script(
        """const setItem = Storage.prototype.setItem;
        Storage.prototype.setItem = function (...args) {
            if (window.__full) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
            return setItem.apply(this, args);
        };"""
    )
    page = context.new_page()
    problems = watch_page(page)
    page.goto(instant_site)
    settle(page)
    _nav_link(page, f"quizzes/{QUIZ}/").click()
    wait_enhanced(page, QUIZ)
    answer(page, QUIZ, "who", "mediator", MOUSE)  # stored
    page.evaluate("window.__full = true")
    answer(page, QUIZ, "who", "parties", MOUSE)  # refused by the store: kept in memory
    check(page, QUIZ, "who", MOUSE)
    assert stored(page, QUIZ)["answers"]["who"]["answer"] == "mediator"
    _nav_link(page, "modules/sample/").click()
    page.wait_for_url("**/modules/sample/")
    _nav_link(page, f"quizzes/{QUIZ}/").click()
    page.wait_for_url(f"**/quizzes/{QUIZ}/")
    wait_enhanced(page, QUIZ)
    assert page.evaluate("window.__full") is True, "the navigation was not instant"
    expect(page.locator(f"#{QUIZ}--who--parties")).to_be_checked()
    assert_result(page, QUIZ, "who", "parties", T["correct"], focused=False)
    problems.assert_none()


# --- everywhere: file://, JavaScript off, right-to-left at 320 px, print -----------------------------------


def test_quiz_works_from_file_in_the_offline_edition(context, offline_site_dir, watch_page):
    page = context.new_page()
    problems = watch_page(page)
    blocked: list[str] = []
    page.route(
        lambda url: url.startswith(("http://", "https://")),
        lambda route: (blocked.append(route.request.url), route.abort()),
    )
    page.goto((offline_site_dir / "quizzes" / f"{QUIZ}.html").as_uri())
    page.wait_for_load_state("load")
    wait_enhanced(page, QUIZ)
    answer(page, QUIZ, "who", "parties", KEYBOARD)
    check(page, QUIZ, "who", KEYBOARD)
    assert_result(page, QUIZ, "who", "parties", T["correct"])
    link = result(page, QUIZ, "who").locator(".quiz-read-more a")
    assert link.evaluate("a => a.href").endswith("/modules/sample.html#who-decides")
    answer(page, QUIZ, "order", RIGHT["order"], KEYBOARD)
    check(page, QUIZ, "order", KEYBOARD)
    assert_result(page, QUIZ, "order", None, T["correct"])

    page.reload()
    page.wait_for_load_state("load")
    wait_enhanced(page, QUIZ)
    assert_result(page, QUIZ, "who", "parties", T["correct"], focused=False)
    _nav_link(page, "progress.html").click()
    page.wait_for_url(re.compile(r"/progress\.html$"))
    row = page.locator("#quiz-progress tr", has_text="Sample self-check")
    expect(row).to_contain_text(T["status_in_progress"])
    expect(row).to_contain_text("2 / 5")
    assert blocked == []
    problems.assert_none()


def test_without_javascript_the_quiz_is_readable_with_answers_in_details(browser, served_site, watch_page):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        problems = watch_page(page)
        page.goto(quiz_url(served_site, QUIZ))
        page.wait_for_load_state("load")
        form = page.locator(f"form.quiz[data-quiz-id='{QUIZ}']")
        expect(form).not_to_have_class(re.compile("quiz--enhanced"))
        expect(form.locator("fieldset.quiz-question:visible")).to_have_count(7)
        expect(form.locator("button")).to_have_count(0)  # no engine, no dead buttons
        expect(form.locator(".quiz-order-item input[type=number]:visible")).to_have_count(3)
        details = form.locator("details.quiz-answer")
        expect(details).to_have_count(5)
        for i in range(5):
            block = details.nth(i)
            expect(block.locator("summary")).to_have_text(STRINGS["answer_and_explanation"])
            expect(block.locator(".quiz-explanation")).to_be_hidden()
            block.locator("summary").click()
            expect(block.locator(".quiz-explanation")).to_be_visible()
        expect(details.nth(0).locator(".quiz-key")).to_have_text(f"{STRINGS['correct_answer']} The parties")
        problems.assert_none()
    finally:
        context.close()


def _assert_fits(page, width: int) -> None:
    sizes = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert sizes[0] <= sizes[1] == width, f"the page scrolls sideways: scrollWidth {sizes[0]} > {sizes[1]}"
    outside = page.locator("form.quiz").evaluate(
        """(form, width) => [...form.querySelectorAll("input, select, textarea, button, label, .quiz-result")]
            .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== "hidden")
            .map(e => [e.id || e.className || e.tagName, e.getBoundingClientRect()])
            .filter(([, r]) => r.left < -0.5 || r.right > width + 0.5)
            .map(([name, r]) => `${name}: ${Math.round(r.left)}..${Math.round(r.right)}`)""",
        width,
    )
    assert outside == [], f"controls outside the {width} px viewport: {outside}"


@pytest.mark.parametrize("direction", ["rtl", "ltr"])
def test_320_px_wide_fits_and_works(direction, browser, served_site, watch_page):
    context = browser.new_context(viewport={"width": 320, "height": 640}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        problems = watch_page(page)
        open_quiz(page, served_site, QUIZ)
        # On <html>, and on <body> where Material writes the theme's direction (dir="ltr").
        page.evaluate("dir => { document.documentElement.dir = dir; document.body.dir = dir; }", direction)
        _assert_fits(page, 320)
        for question_id, value in WRONG.items():  # wrong answers show the most: the key too
            answer(page, QUIZ, question_id, value, MOUSE)
            check(page, QUIZ, question_id, MOUSE)
            expect(result(page, QUIZ, question_id).locator(".quiz-verdict")).to_have_text(T["wrong"])
        answer(page, QUIZ, "order", RIGHT["order"], MOUSE)
        fieldset(page, QUIZ, "features").locator("label").first.tap()  # touch works as a click
        expect(page.locator(f"#{QUIZ}--features--consent")).not_to_be_checked()
        _assert_fits(page, 320)
        # Logical properties: the result's rule sits at the start of the line, right in rtl.
        side = "right" if direction == "rtl" else "left"
        widths = result(page, QUIZ, "who").evaluate(
            "r => [getComputedStyle(r).borderLeftWidth, getComputedStyle(r).borderRightWidth]"
        )
        assert widths[0 if side == "left" else 1] != "0px" and widths[1 if side == "left" else 0] == "0px", widths
        problems.assert_none()
    finally:
        context.close()


def test_200_percent_zoom_fits_and_works(browser, served_site, watch_page):
    """200% zoom on a 1280 px window lays the page out at 640 CSS pixels, twice as large."""
    context = browser.new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2)
    try:
        page = context.new_page()
        problems = watch_page(page)
        open_quiz(page, served_site, QUIZ)
        for question_id, value in WRONG.items():
            answer(page, QUIZ, question_id, value, KEYBOARD)
            check(page, QUIZ, question_id, KEYBOARD)
        _assert_fits(page, 640)
        problems.assert_none()
    finally:
        context.close()


def test_forced_colours_and_reduced_motion(browser, served_site, watch_page):
    """Windows high contrast (forced colours) keeps every control and verdict visible; nothing moves."""
    context = browser.new_context(forced_colors="active", reduced_motion="reduce")
    try:
        page = context.new_page()
        problems = watch_page(page)
        open_quiz(page, served_site, QUIZ)
        answer(page, QUIZ, "who", WRONG["who"], MOUSE)
        check(page, QUIZ, "who", MOUSE)
        verdict = result(page, QUIZ, "who")
        expect(verdict.locator(".quiz-verdict")).to_have_text(T["wrong"])
        border = verdict.evaluate("r => getComputedStyle(r).borderInlineStartStyle")
        assert border == "solid"  # the verdict's rule does not rely on colour alone
        moving = page.locator("form.quiz").evaluate(
            """form => [...form.querySelectorAll("*")].filter(e => {
                   const s = getComputedStyle(e);
                   return parseFloat(s.animationDuration) > 0 || parseFloat(s.transitionDuration) > 0.01;
               }).map(e => e.className || e.tagName)"""
        )
        assert moving == [], f"animated under prefers-reduced-motion: {moving}"
        problems.assert_none()
    finally:
        context.close()


def test_print_hides_the_controls_and_can_show_the_answers(tab, served_site):
    page = tab.page
    form = open_quiz(page, served_site, QUIZ)
    answer(page, QUIZ, "who", "parties", MOUSE)
    check(page, QUIZ, "who", MOUSE)
    details = form.locator("details.quiz-answer")

    page.emulate_media(media="print")
    expect(form.locator("fieldset.quiz-question:visible")).to_have_count(7)
    for controls in (".quiz-controls", ".quiz-check", ".quiz-move-buttons"):
        expect(form.locator(f"{controls}:visible")).to_have_count(0)
    expect(form.locator(".quiz-answer:visible")).to_have_count(0)  # a clean worksheet
    page.evaluate("() => { dispatchEvent(new Event('beforeprint')); dispatchEvent(new Event('afterprint')); }")
    expect(form.locator(".quiz-answer:visible")).to_have_count(0)  # the key is not ticked

    page.emulate_media(media="screen")
    print_key = form.locator("label.quiz-print-key")
    expect(print_key).to_have_text(re.compile(re.escape(T["print_key"])))
    print_key.click()
    page.emulate_media(media="print")
    page.evaluate("() => dispatchEvent(new Event('beforeprint'))")
    expect(details).to_have_count(5)
    for i in range(5):
        expect(details.nth(i)).to_be_visible()
        expect(details.nth(i).locator(".quiz-explanation")).to_be_visible()
    expect(form.locator(".quiz-controls:visible")).to_have_count(0)
    page.evaluate("() => dispatchEvent(new Event('afterprint'))")
    expect(form.locator(".quiz-answer:visible")).to_have_count(0)
    page.emulate_media(media="screen")
    assert set(stored(page, QUIZ)["answers"]) == {"who"}  # ticking the print option is not an answer
    tab.problems.assert_none()
