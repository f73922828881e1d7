"""The projector in Chromium at common projector sizes (1280×720, 1366×768, 1024×768): nobody scrolls a
projector, so the page never scrolls and every option and bar is on screen, with the 11-option survey
question open and revealed and with many written answers. Percentages of a "choose all that apply"
question are of the people who answered, and the projector says so. Screenshots at 1280×720 are kept
under .cache/screenshots/ for a person to look at."""

from __future__ import annotations

import pytest
from pagekit import screenshot
from playwright.sync_api import expect
from workshopkit import Participant, act, copy_course, go_to, start_server

pytestmark = pytest.mark.browser

SIZES = [(1280, 720), (1366, 768), (1024, 768)]
PLAN = """\
id: projector-fit
course: ipu-workshop
title: Projector test
minutes: 30
polls:
  - question: capacity-survey#topics
  - live_poll: parliaments-and-peace
    free_text: true
"""
TOPICS = "capacity-survey#topics"
WRITTEN = "parliaments-and-peace#live-poll"
ANSWERS = [
    "Yes, a standing brief since the last election",
    "No",
    "Not that I know of: the delegation reports to the Speaker only",
    "Partly: the regional assembly delegation has one, the IPU delegation does not",
    "We are drafting one with the foreign affairs committee",
    "Not sure",
    "Yes",
    "No, and we should have one before the next Assembly",
    "It depends on the Speaker",
    "A brief exists but nobody reads it",
    "Yes, adopted by the bureau",
    *(f"Answer number {n}, a sentence or two long, as a member might write it on a phone" for n in range(12, 30)),
    "Line one\nLine two",  # the newest: a written line break stays a line break
]


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    root = copy_course(tmp_path_factory.mktemp("projector") / "course")
    (root / "workshops" / "projector-fit.yml").write_text(PLAN, encoding="utf-8")
    server = start_server(root, plan="projector-fit")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def projectors(browser, room):
    contexts = [browser.new_context(viewport={"width": w, "height": h}) for w, h in SIZES]
    pages = []
    for context in contexts:
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.goto(room.url + "projector")
        pages.append(page)
    yield pages
    for context in contexts:
        context.close()


def outside_the_window(page, selector: str) -> list[str]:
    """The texts of the elements matched by `selector` that are not wholly inside the window."""
    return page.evaluate(
        """selector => Array.from(document.querySelectorAll(selector)).filter(node => {
             const box = node.getBoundingClientRect();
             return box.top < 0 || box.left < 0 || box.bottom > window.innerHeight + 0.5
               || box.right > window.innerWidth + 0.5 || box.height === 0;
           }).map(node => node.textContent)""",
        selector,
    )


def assert_fits(page, selector: str, where: str) -> None:
    size = page.evaluate("[window.innerWidth, window.innerHeight]")
    tall, wide = page.evaluate("[document.documentElement.scrollHeight, document.documentElement.scrollWidth]")
    assert tall <= size[1] and wide <= size[0], f"{where} at {size}: the page scrolls ({wide}×{tall})"
    assert outside_the_window(page, selector) == [], f"{where} at {size}: off the screen"
    assert outside_the_window(page, ".join img, #count") == [], f"{where} at {size}: the join code is off the screen"


def test_eleven_options_fit_open_and_revealed_with_shares_of_the_people_who_answered(room, projectors):
    go_to(room, 1)
    for page in projectors:
        expect(page.locator("#choices li")).to_have_count(11)
        assert_fits(page, "#choices li, #prompt", "11 options, open")
    screenshot(projectors[0], "projector-1280x720-open-11-options")

    first, second = Participant(room), Participant(room)
    try:
        assert first.answer(TOPICS, ["parliamentary-diplomacy", "inclusion"]).status_code == 200
        assert second.answer(TOPICS, ["parliamentary-diplomacy"]).status_code == 200
    finally:
        first.close()
        second.close()
    act(room, "close")
    act(room, "reveal")
    for page in projectors:
        expect(page.locator("#bars li")).to_have_count(11)
        assert_fits(page, "#bars li, #prompt, #base", "11 bars, revealed")
        # each person ticked up to two: a topic both chose is 100% of the room, not 2 of 3 ticks
        everyone = page.locator("#bars li").filter(has_text="Parliamentary diplomacy and the IPU")
        expect(everyone.locator(".bar-value")).to_have_text("2 (100%)")
        half = page.locator("#bars li").filter(has_text="Including women, young people")
        expect(half.locator(".bar-value")).to_have_text("1 (50%)")
        expect(page.locator("#base")).to_have_text(
            "Each person could choose several answers: the percentages are of the 2 people who answered."
        )
    screenshot(projectors[0], "projector-1280x720-revealed-11-bars")


def test_many_written_answers_fit_with_the_newest_shown_and_a_count_of_the_rest(room, projectors):
    go_to(room, 2)
    phones = [Participant(room) for _ in ANSWERS]
    try:
        for phone, text in zip(phones, ANSWERS, strict=True):
            assert phone.answer(WRITTEN, text).status_code == 200
    finally:
        for phone in phones:
            phone.close()
    act(room, "reveal")
    for page in projectors:
        texts = page.locator("#texts li")
        expect(texts.first).to_have_text(ANSWERS[-1])  # the newest first
        assert_fits(page, "#texts li, #prompt, #more:not([hidden])", "30 written answers")
        shown = texts.count()
        assert 6 <= shown < len(ANSWERS)  # thirty do not fit: the oldest leave, and a line counts them
        left = len(ANSWERS) - shown
        expect(page.locator("#more")).to_have_text(
            f"+ {left} earlier answer{'s' if left > 1 else ''} on the presenter's screen and in the report"
        )
        assert texts.all_inner_texts() == ANSWERS[::-1][:shown]  # the newest, in order
    screenshot(projectors[0], "projector-1280x720-written-answers")
