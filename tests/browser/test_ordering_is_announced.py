"""Moving an item of an ordering question says where it went, in the page's language.

A review found no announcement after moving an item with the keyboard (it had looked for a live
region inside the question; the quiz's one is at the end of its form). These tests hold the
announcement in the project's own course, in English and in French: the quiz's live region reads
"<item> moved to position N of M." once the item has moved, and focus stays on the button pressed.
"""

from __future__ import annotations

import pytest
from quizkit import settle

from build_tools.rendering import load_strings
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

QUIZ = "foundations-self-check"
EDITIONS = {"en": "", "fr": "fr/"}


@pytest.mark.parametrize("language", EDITIONS)
def test_moving_an_item_says_its_new_position(tab, course_instant, language):
    page = tab.page
    page.set_viewport_size({"width": 412, "height": 800})
    page.goto(f"{course_instant.url}{EDITIONS[language]}quizzes/{QUIZ}/")
    settle(page)
    form = page.locator(f"form.quiz--enhanced[data-quiz-id='{QUIZ}']")
    order = form.locator(".quiz-order").first
    items = order.locator(".quiz-order-item")
    total = items.count()
    item_id = items.first.get_attribute("data-item-id")
    moving = order.locator(f".quiz-order-item[data-item-id='{item_id}']")
    label = moving.locator("label").text_content()
    down = moving.locator("button[data-action='down']")
    down.focus()
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    moved = load_strings(language, ROOT)["engine"]["moved"]
    live = form.locator(".quiz-live[role=status][aria-live=polite]")
    assert live.text_content() == moved.format(item=label, position=3, total=total)
    assert order.locator(".quiz-order-item").nth(2).locator("label").text_content() == label
    assert down.evaluate("b => b === document.activeElement")
    assert live.is_visible() and live.evaluate("n => !n.closest('[aria-hidden=true], [hidden]')")
    tab.problems.assert_none()
