"""The workshop in Chromium: a presenter, the projector and three phones run polls end to end (open,
answer, close, reveal), a closed poll refuses answers, written answers cannot run script on the
projector, phones reconnect and resend after the server restarts, and every view passes axe."""

from __future__ import annotations

import re

import pytest
from pagekit import run_axe
from playwright.sync_api import expect
from workshopkit import SINGLE, act, copy_course, start_server

pytestmark = pytest.mark.browser

RECEIVED = "Answer received"
SUPPORTS = "It supports official diplomacy: we brief the ministry first and speak only for parliament"


@pytest.fixture
def room(tmp_path):
    server = start_server(copy_course(tmp_path / "course"))
    yield server
    server.stop()


class Views:
    """The presenter (laptop), the projector and three phones (320, 360 and 412 px wide)."""

    def __init__(self, browser, server, watch_page):
        self.contexts, self.problems = [], []
        self.presenter = self._page(browser, 1280, server.presenter_url, watch_page)
        self.projector = self._page(browser, 1280, server.url + "projector", watch_page)
        self.phones = [self._page(browser, width, server.url, watch_page) for width in (320, 360, 412)]

    def _page(self, browser, width, url, watch_page):
        context = browser.new_context(viewport={"width": width, "height": 800})
        context.set_default_timeout(15_000)
        self.contexts.append(context)
        page = context.new_page()
        self.problems.append(watch_page(page))
        page.goto(url)
        return page

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def views(browser, room, watch_page):
    opened = Views(browser, room, watch_page)
    yield opened
    opened.close()


def presenter_does(page, action: str) -> None:
    page.locator(f'button[data-action="{action}"]').click()


def go_to(page, position: int) -> None:
    page.locator("#polls button").nth(position - 1).click()
    expect(page.locator("#position")).to_have_text(re.compile(f"Question {position} of"))


def answer_choice(phone, text: str) -> None:
    phone.get_by_label(text).check()
    phone.get_by_role("button", name="Send answer").click()
    expect(phone.locator("#feedback")).to_contain_text(RECEIVED)


def test_a_poll_end_to_end_with_reveal(views):
    presenter, projector, phones = views.presenter, views.projector, views.phones
    for phone in phones:
        expect(phone.get_by_role("heading", name="Waiting for the next question")).to_be_visible()
    go_to(presenter, 2)
    presenter_does(presenter, "open")
    for phone in phones:  # the question appears without reloading
        expect(phone.locator("#prompt")).to_contain_text("friendship group")
    expect(projector.locator("#prompt")).to_contain_text("friendship group")

    answer_choice(phones[0], SUPPORTS)
    expect(presenter.locator("#count")).to_have_text("1 answer from phones")  # one: singular
    expect(projector.locator("#count")).to_have_text("1 answer")
    answer_choice(phones[1], "Friendship groups are for courtesy only, so the visit changes nothing")
    answer_choice(phones[2], "Friendship groups are for courtesy only, so the visit changes nothing")
    # changed before the poll closes: still one answer from this phone
    answer_choice(phones[2], SUPPORTS)
    expect(projector.locator("#count")).to_have_text("3 answers")
    expect(presenter.locator("#count")).to_have_text("3 answers from phones")
    expect(projector.locator("#bars li")).to_have_count(0)  # nothing shown before the reveal

    presenter_does(presenter, "close")
    for phone in phones:
        expect(phone.locator("#feedback")).to_contain_text("This poll is closed")
        expect(phone.get_by_role("button", name="Send answer")).to_be_disabled()
    refused = phones[0].evaluate(
        """poll => fetch('/api/answer', {method: 'POST', headers: {'Content-Type': 'application/json',
             'X-CSRF-Token': document.querySelector('meta[name=csrf-token]').content},
             body: JSON.stringify({poll: poll, answer: 'courtesy'})}).then(r => r.status)""",
        SINGLE,
    )
    assert refused == 409

    presenter_does(presenter, "reveal")
    bars = projector.locator("#bars li")
    expect(bars).to_have_count(4)
    correct = projector.locator("#bars li.correct")
    expect(correct).to_have_count(1)
    expect(correct).to_contain_text("It supports official diplomacy")
    expect(correct).to_contain_text("✓ correct")
    expect(correct).to_contain_text("2 (67%)")
    for phone in phones:
        assert "67%" not in phone.content()

    # a show of hands from the back of the room joins the count, then the report
    hands = presenter.locator("#counts input[data-choice]")
    hands.nth(3).fill("5")
    presenter.get_by_role("button", name="Save the counts by hand").click()
    expect(presenter.locator("#said")).to_have_text("Counts by hand saved.")
    expect(projector.locator("#bars li").nth(3)).to_contain_text("6 (75%)")  # one phone and five hands
    presenter.get_by_role("button", name="Make the report").click()
    expect(presenter.locator("#report-files a")).to_have_count(4, timeout=60_000)
    with presenter.context.expect_page() as opened:
        presenter.get_by_role("link", name="report.html").click()
    report = opened.value
    expect(report.get_by_role("heading", level=1)).to_contain_text("Workshop report")
    expect(report.locator("body")).to_contain_text("5 counted by a show of hands")
    report.close()

    presenter_does(presenter, "open")  # opened again: the phones may answer again
    expect(phones[0].get_by_role("button", name="Send answer")).to_be_enabled()
    expect(phones[0].locator("#feedback")).to_have_text(re.compile(RECEIVED))
    for problems in views.problems:
        problems.console_errors = [e for e in problems.console_errors if "409" not in e]
        problems.failed_responses = [r for r in problems.failed_responses if not r.startswith("409 ")]
        problems.assert_none()


def test_written_answers_cannot_run_script_on_the_projector(views):
    presenter, projector, phones = views.presenter, views.projector, views.phones
    dialogs = []
    for page in (projector, presenter):
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    go_to(presenter, 1)
    presenter_does(presenter, "open")
    hostile = ["<script>alert('script')</script>", "<img src=x onerror=\"alert('img')\">", "A fair & open hearing"]
    for phone, text in zip(phones, hostile, strict=True):
        phone.get_by_label(re.compile("Your answer")).fill(text)
        phone.get_by_role("button", name="Send answer").click()
        expect(phone.locator("#feedback")).to_contain_text(RECEIVED)
    presenter_does(presenter, "reveal")
    texts = projector.locator("#texts li")
    expect(texts).to_have_count(3)
    expect(texts.nth(2)).to_have_text(hostile[0])  # the newest first
    expect(texts.nth(1)).to_have_text(hostile[1])
    assert projector.locator("#texts img, #texts script").count() == 0
    # the presenter hides one from the projector
    presenter.locator("#texts li").filter(has_text="A fair").get_by_role("button", name="Hide from projector").click()
    expect(texts).to_have_count(2)
    projector.wait_for_timeout(300)  # a dialog, if any, would have opened by now
    assert dialogs == []


def test_phones_reconnect_and_resend_after_the_server_restarts(browser, room, watch_page):
    views = Views(browser, room, watch_page)
    try:
        phone = views.phones[0]
        act(room, "goto", position=4)
        act(room, "open")
        expect(phone.locator("#prompt")).to_contain_text("Which role has your parliament")
        room.stop()
        expect(phone.locator("#connection")).to_have_text(re.compile("reconnecting"))
        phone.get_by_label("Mediation").check()
        phone.get_by_role("button", name="Send answer").click()
        expect(phone.locator("#feedback")).to_contain_text("Not sent yet")

        restarted = start_server(room.root, port=room.port)
        try:
            expect(phone.locator("#connection")).to_have_text("Connected", timeout=20_000)
            expect(phone.locator("#feedback")).to_contain_text(RECEIVED, timeout=20_000)
            act(restarted, "next")
            act(restarted, "open")  # the phone follows to the next poll without reloading
            expect(phone.locator("#prompt")).to_contain_text("Your government has recalled its ambassador")
            answers = act(restarted, "report").json()["files"]
            assert "answers.csv" in answers
            csv = (restarted.folder / "report" / "answers.csv").read_text(encoding="utf-8")
            assert "mediation-and-its-neighbours#live-poll" in csv and ",mediation," in csv
        finally:
            restarted.stop()
    finally:
        views.close()


def assert_no_violations(page, where: str) -> None:
    results = run_axe(page)
    assert results.response["passes"], f"{where}: axe did not run"
    assert results.violations_count == 0, f"{where}:\n{results.generate_report()}"


def test_every_view_passes_axe(views):
    presenter, projector, phones = views.presenter, views.projector, views.phones
    assert_no_violations(phones[0], "participant, waiting")
    assert_no_violations(projector, "projector, waiting")
    go_to(presenter, 6)
    presenter_does(presenter, "open")
    expect(phones[0].locator("#prompt")).to_contain_text("Which formats")
    assert_no_violations(phones[0], "participant, a question")
    phones[0].get_by_label("Mentoring by an experienced mediator or facilitator").check()
    phones[0].get_by_role("button", name="Send answer").click()
    expect(phones[0].locator("#feedback")).to_contain_text(RECEIVED)
    assert_no_violations(phones[0], "participant, answered")
    presenter_does(presenter, "reveal")
    expect(projector.locator("#bars li")).to_have_count(6)
    assert_no_violations(projector, "projector, revealed")
    assert_no_violations(presenter, "presenter")
    go_to(presenter, 1)
    presenter_does(presenter, "open")
    expect(phones[0].locator("#prompt")).to_contain_text("delegation")
    assert_no_violations(phones[0], "participant, written answer")
    assert_no_violations(presenter, "presenter, written answers")
