"""A French course's room in Chromium: a phone 320 px wide votes and reads the French confirmation, with
no English interface string left on the phone, the presenter or the projector (their visible text is
checked against every English string of the workshop); the counts take the French singular ("1 réponse")
and the projector writes "100 %" the French way. Screenshots at 320 px for a person to look at."""

from __future__ import annotations

import re

import pytest
from pagekit import run_axe, screenshot
from playwright.sync_api import expect
from workshopkit import act, french_course, position_of, start_server

from build_tools.i18n.typography import NBSP
from build_tools.workshop.words import workshop_words

pytestmark = pytest.mark.browser

LIVE_POLL = "parliaments-and-peace#live-poll"


@pytest.fixture
def french_room(tmp_path):
    server = start_server(french_course(tmp_path / "course"), plan="ipu-workshop")
    yield server
    server.stop()


def english_patterns(*parts: str) -> dict[str, re.Pattern]:
    """Each English string of the workshop's `parts` that French writes differently, as a pattern that
    finds it in a page's text whatever fills its {placeholders}."""
    english, french = workshop_words("en").table, workshop_words("fr").table
    patterns = {}
    for part in ("shared", *parts):
        for key, text in english[part].items():
            if french[part][key] != text:
                pieces = [re.escape(piece) for piece in re.split(r"\{[a-z_]+\}", text)]
                patterns[f"{part}/{key}: {text}"] = re.compile(r"\S+?".join(pieces))
    return patterns


def english_left(page, *parts: str) -> list[str]:
    visible = page.locator("body").inner_text()
    return [name for name, pattern in english_patterns(*parts).items() if pattern.search(visible)]


def test_a_phone_votes_in_french_at_320_px(browser, french_room, watch_page):
    contexts, problems = [], []

    def open_page(width: int, url: str):
        context = browser.new_context(viewport={"width": width, "height": 720})
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        problems.append(watch_page(page))
        page.goto(url)
        return page

    try:
        phone = open_page(320, french_room.url)
        projector = open_page(320, french_room.url + "projector")
        presenter = open_page(1280, french_room.presenter_url)
        expect(phone.get_by_role("heading", name="En attente de la prochaine question")).to_be_visible()
        expect(phone.locator("#connection")).to_have_text("Connecté")
        assert phone.evaluate("document.documentElement.lang") == "fr"

        position = position_of(french_room, LIVE_POLL)
        act(french_room, "goto", position=position)
        act(french_room, "open")
        expect(phone.locator("#prompt")).to_contain_text("La délégation de votre parlement")
        expect(phone.locator("#position")).to_have_text(re.compile(rf"^Question {position} sur \d+$"))
        phone.get_by_label("Oui").check()
        phone.get_by_role("button", name="Envoyer la réponse").click()
        expect(phone.locator("#feedback")).to_have_text(
            "Réponse reçue. Vous pouvez la modifier jusqu’à la fermeture du sondage."
        )
        assert english_left(phone, "participant") == []
        screenshot(phone, "workshop-fr-phone-320")

        expect(presenter.locator("#count")).to_have_text("1 réponse des téléphones")  # French: singular
        expect(projector.locator("#count")).to_have_text("1 réponse")
        expect(projector.locator("#status")).to_have_text("Répondez maintenant sur votre téléphone.")
        screenshot(projector, "workshop-fr-projector-320")

        act(french_room, "close")
        act(french_room, "reveal")
        expect(phone.locator("#feedback")).to_have_text("Ce sondage est fermé. Votre réponse a été comptée.")
        expect(phone.get_by_role("button", name="Envoyer la réponse")).to_be_disabled()
        bar = projector.locator("#bars li").first
        expect(bar).to_contain_text("Oui")
        assert bar.locator(".bar-value").text_content() == f"1 (100{NBSP}%)"
        expect(presenter.locator("#state")).to_have_text("(fermé, résultat affiché)")
        screenshot(projector, "workshop-fr-projector-revealed-320")
        presenter.locator("#counts input[data-choice]").first.fill("-3")  # refused in French, not by the server
        presenter.get_by_role("button", name="Enregistrer les comptes à main levée").click()
        expect(presenter.locator("#said")).to_have_text("Saisissez chaque nombre comme un entier de 0 à 10\u202f000.")

        assert english_left(phone, "participant") == []
        assert english_left(projector, "projector") == []
        assert english_left(presenter, "presenter") == []
        for page in (phone, projector, presenter):  # French names and labels are still accessible ones
            results = run_axe(page)
            assert results.violations_count == 0, results.generate_report()
        assert act(french_room, "report").status_code == 200
        report = open_page(412, f"{french_room.url}presenter/report/report.html?token={french_room.token}")
        expect(report.get_by_role("heading", level=1)).to_contain_text("Rapport de l’atelier")
        assert report.evaluate("document.documentElement.lang") == "fr"
        # its long French labels wrap, and a wide table scrolls in its own box: the page does not
        assert report.evaluate("document.documentElement.scrollWidth") <= 412
        screenshot(report, "workshop-fr-report-412")
        for seen in problems:
            seen.assert_none()
    finally:
        for context in contexts:
            context.close()


def test_the_english_strings_are_found_where_they_are_left():
    """The check above finds an English string even with its placeholders filled."""
    patterns = english_patterns("presenter")
    found = [name for name, pattern in patterns.items() if pattern.search("Question 3 of 24 · 2 answers from phones")]
    assert "shared/position: Question {position} of {total}" in found
    assert "shared/phones_other: {count} answers from phones" in found
    assert not [name for name, pattern in patterns.items() if pattern.search("Question 3 sur 24 · 2 réponses")]
