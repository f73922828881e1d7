"""Helpers for the quiz engine's browser tests: open a quiz, answer it with the keyboard only or with the
mouse, and read what the engine keeps in localStorage.

Answers are given in the engine's own terms, per question type:
single and true-false: an option id ("parties", "false"); multiple: a list of option ids; ordering:
the item ids in the wanted order; matching: {pair id: chosen pair id}; likert: the point of the scale,
"1" first; reflection: the text.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import yaml
from playwright.sync_api import expect

FIXTURE_SITE = Path(__file__).resolve().parents[1] / "fixtures" / "site"
STORE_PREFIX = "ipu-mediation/v1/quiz/"
KEYBOARD, MOUSE = "keyboard", "mouse"


@cache
def _quiz_yaml(quiz_id: str) -> str:
    return (FIXTURE_SITE / "quizzes" / f"{quiz_id}.yml").read_text(encoding="utf-8")


def quiz_yaml(quiz_id: str) -> dict:
    """The fixture quiz as its author wrote it (a fresh copy each time)."""
    return yaml.safe_load(_quiz_yaml(quiz_id))


def question_yaml(quiz_id: str, question_id: str) -> dict:
    return next(q for q in quiz_yaml(quiz_id)["questions"] if q["id"] == question_id)


def settle(page) -> None:
    """Wait until the page and Material's scripts have done their start-up work."""
    page.wait_for_load_state("load")
    page.wait_for_load_state("networkidle")


def quiz_url(base: str, quiz_id: str) -> str:
    return f"{base}quizzes/{quiz_id}/"


def wait_enhanced(page, quiz_id: str):
    """The quiz form, once the engine has taken it over."""
    form = page.locator(f"form.quiz--enhanced[data-quiz-id='{quiz_id}']")
    form.wait_for(state="attached")
    return form


def open_quiz(page, base: str, quiz_id: str):
    page.goto(quiz_url(base, quiz_id))
    settle(page)
    return wait_enhanced(page, quiz_id)


def fieldset(page, quiz_id: str, question_id: str):
    return page.locator(f"fieldset#{quiz_id}--{question_id}")


def result(page, quiz_id: str, question_id: str):
    return fieldset(page, quiz_id, question_id).locator(".quiz-result")


def live_region(page, quiz_id: str):
    return page.locator(f"form[data-quiz-id='{quiz_id}'] .quiz-live[role=status]")


def stored(page, quiz_id: str) -> dict | None:
    """What the engine saved for a quiz, parsed; None when nothing is stored."""
    text = page.evaluate("key => localStorage.getItem(key)", STORE_PREFIX + quiz_id)
    return json.loads(text) if text is not None else None


def write_store(page, quiz_id: str, value: object) -> None:
    """Put a value (a string as it is, anything else as JSON) under a quiz's storage key."""
    text = value if isinstance(value, str) else json.dumps(value)
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [STORE_PREFIX + quiz_id, text])


def accept_dialogs(page) -> list[str]:
    """Accept every confirm() from now on; returns the list their messages are collected in."""
    messages: list[str] = []

    def accept(dialog):
        messages.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    return messages


# --- the keyboard ---------------------------------------------------------------------------------


def is_focused(page, selector: str) -> bool:
    return page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector)


def tab_to(page, selector: str, limit: int = 250) -> None:
    """Press Tab (or Shift+Tab when the target is above the focus) until an element matching
    `selector` has the focus, as a keyboard user would; fails if it is never reached."""
    forward = page.evaluate(
        """s => {
            const target = document.querySelector(s);
            if (!target) throw new Error("nothing matches " + s);
            const from = document.activeElement || document.body;
            const after = from.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING;
            return from === document.body || !!after;
        }""",
        selector,
    )
    key = "Tab" if forward else "Shift+Tab"
    for _ in range(limit):
        if is_focused(page, selector):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{selector} never got the focus with {key}")


def _choose_radio_by_keyboard(page, name: str, value: str) -> None:
    """Tab into a radio group, then Space on the first radio or arrow keys to the wanted one."""
    group = f"fieldset#{name} > .quiz-options input[type=radio]"
    tab_to(page, group)
    values = page.locator(group).evaluate_all("radios => radios.map(r => r.value)")
    target = values.index(value)
    for _ in range(len(values) + 1):
        current = values.index(page.evaluate("() => document.activeElement.value"))
        if current == target:
            break
        page.keyboard.press("ArrowDown" if target > current else "ArrowUp")
    if not page.locator(f"#{name}--{value}").is_checked():
        page.keyboard.press("Space")
    expect(page.locator(f"#{name}--{value}")).to_be_checked()


def _toggle_checkboxes_by_keyboard(page, name: str, wanted: list[str]) -> None:
    for box in page.locator(f"fieldset#{name} input[type=checkbox]").all():
        value = box.get_attribute("value")
        if box.is_checked() != (value in wanted):
            tab_to(page, f"#{name}--{value}")
            page.keyboard.press("Space")
        assert box.is_checked() == (value in wanted), value


def order_ids(page, quiz_id: str, question_id: str) -> list[str]:
    items = fieldset(page, quiz_id, question_id).locator(".quiz-order-item")
    return items.evaluate_all("items => items.map(i => i.dataset.itemId)")


def _order(page, quiz_id: str, question_id: str, wanted: list[str], method: str) -> None:
    """Bring each item up to its place with its "move up" button; the button keeps the focus."""
    name = f"{quiz_id}--{question_id}"
    for place, item in enumerate(wanted):
        for _ in range(len(wanted)):
            if order_ids(page, quiz_id, question_id).index(item) <= place:
                break
            up = f"fieldset#{name} .quiz-order-item[data-item-id='{item}'] button[data-action='up']"
            if method == KEYBOARD:
                tab_to(page, up)
                page.keyboard.press("Enter")
                assert is_focused(page, up), "the move button lost the focus"
            else:
                page.locator(up).click()
    assert order_ids(page, quiz_id, question_id) == wanted


def _match_by_keyboard(page, name: str, pair: str, value: str) -> None:
    """Arrow keys on a closed select step through its options, as on Windows and Linux."""
    select = page.locator(f"#{name}--{pair}")
    tab_to(page, f"#{name}--{pair}")
    values = select.evaluate("s => [...s.options].map(o => o.value)")
    for _ in range(len(values) + 1):
        current = values.index(select.evaluate("s => s.value"))
        if current == values.index(value):
            break
        page.keyboard.press("ArrowDown" if values.index(value) > current else "ArrowUp")
    expect(select).to_have_value(value)


def answer(page, quiz_id: str, question_id: str, value, method: str) -> None:
    """Answer one question with the keyboard only or with the mouse."""
    kind = question_yaml(quiz_id, question_id)["type"]
    name = f"{quiz_id}--{question_id}"
    if kind in ("single", "true-false", "likert"):
        if method == KEYBOARD:
            _choose_radio_by_keyboard(page, name, value)
        else:
            page.locator(f"label[for='{name}--{value}']").click()
            expect(page.locator(f"#{name}--{value}")).to_be_checked()
    elif kind == "multiple":
        if method == KEYBOARD:
            _toggle_checkboxes_by_keyboard(page, name, value)
        else:
            for box in page.locator(f"fieldset#{name} input[type=checkbox]").all():
                if box.is_checked() != (box.get_attribute("value") in value):
                    page.locator(f"label[for='{box.get_attribute('id')}']").click()
    elif kind == "ordering":
        _order(page, quiz_id, question_id, value, method)
    elif kind == "matching":
        for pair, chosen in value.items():
            if method == KEYBOARD:
                _match_by_keyboard(page, name, pair, chosen)
            else:
                page.locator(f"#{name}--{pair}").select_option(chosen)
    elif kind == "reflection":
        area = page.locator(f"#{name}--text")
        if method == KEYBOARD:
            tab_to(page, f"#{name}--text")
        else:
            area.click()
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type(value)
        expect(area).to_have_value(value)
    else:  # pragma: no cover - the model has no other type
        raise AssertionError(kind)


def check(page, quiz_id: str, question_id: str, method: str, key: str = "Enter") -> None:
    """Press the question's "Check answer" button."""
    button = f"fieldset#{quiz_id}--{question_id} button.quiz-check"
    if method == KEYBOARD:
        tab_to(page, button)
        page.keyboard.press(key)
    else:
        page.locator(button).click()


# --- scripted runs ------------------------------------------------------------------------------------


def take_assessment(page, base: str, quiz_id: str, answers: dict, method: str = MOUSE) -> None:
    """Answer an assessment and submit it (confirm() is accepted by `accept_dialogs`)."""
    form = open_quiz(page, base, quiz_id)
    for question_id, value in answers.items():
        answer(page, quiz_id, question_id, value, method)
    form.locator("button[data-action='submit']").click()
    expect(form.locator(".quiz-summary")).to_be_visible()
    assert stored(page, quiz_id)["submitted"] is True


# Before: very sure of a wrong answer on who decides, right on consent, half right in matching.
# After: all right, and unsure of it.
DIAGNOSTIC_RUN = {
    "who": "mediator",
    "sure-who": "3",
    "consent": "false",
    "pairs": {"invited": "invited", "imposed": "invited"},  # half right
}
POST_RUN = {"who": "parties", "sure-who": "1", "consent": "true", "order": ["negotiation", "mediation", "arbitration"]}


def scripted_run(page, base: str) -> None:
    accept_dialogs(page)
    take_assessment(page, base, "sample-diagnostic", DIAGNOSTIC_RUN, KEYBOARD)
    take_assessment(page, base, "sample-post", POST_RUN, MOUSE)
    open_quiz(page, base, "sample-check")
    answer(page, "sample-check", "who", "parties", MOUSE)
    check(page, "sample-check", "who", MOUSE)


def open_progress(page, base: str) -> None:
    page.goto(base + "progress/")
    settle(page)
    page.locator("#quiz-progress table").first.wait_for()


# Answers to the fixture site's self-check, by question id: all right, and all wrong.
RIGHT = {
    "who": "parties",
    "features": ["consent", "voluntary"],
    "binding": "false",
    "order": ["negotiation", "mediation", "arbitration"],
    "pairs": {"med": "med", "arb": "arb"},
}
WRONG = {
    "who": "mediator",
    "features": ["consent", "binding"],
    "binding": "true",
    "order": ["arbitration", "mediation", "negotiation"],
    "pairs": {"med": "arb", "arb": "med"},
}
