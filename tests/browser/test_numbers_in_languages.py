"""Numbers and labels as each language writes them, in Chromium: on a French page a score reads
"1,5 / 3", a share "75 % sur 4 réponses" and a card's label "Score :" (a no-break space before the
colon and the percent sign); on an English page "1.5 / 3", "75% of 4 answers" and "Score:". The
French 404 page leads to the French pages.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from pagekit import screenshot
from playwright.sync_api import expect
from quizkit import MOUSE, RIGHT, answer, check, open_progress, open_quiz, scripted_run, settle

from build_tools.rendering import load_strings
from tests.conftest import FRENCH

pytestmark = pytest.mark.browser

FR = load_strings("fr", FRENCH)["engine"]  # the fixture's French interface strings
EN = load_strings("en")["engine"]
PHONE = {"width": 320, "height": 800}
NO_BREAK = "[\u00a0\u202f]"  # a no-break space, narrow or not


def _rows(page, index: int) -> list[list[str]]:
    """The cells of the progress page's n-th table, header row first."""
    table = page.locator("#quiz-progress table").nth(index)
    return table.evaluate("t => [...t.rows].map(r => [...r.cells].map(c => c.innerText.trim()))")


def _card_labels(page) -> list[str]:
    """What a phone shows before each value of the first progress card (the `::before` text)."""
    return page.locator("#quiz-progress tbody tr").first.evaluate(
        "tr => [...tr.querySelectorAll('td')].map(td => getComputedStyle(td, '::before').content)"
    )


def _score_summary(page, quiz_id: str) -> str:
    return page.locator(f"form[data-quiz-id='{quiz_id}'] .quiz-summary").inner_text().strip()


def _run_then_progress(page, base: str) -> None:
    page.set_viewport_size(PHONE)
    scripted_run(page, base)
    open_progress(page, base)


def test_french_scores_shares_and_labels(tab, bilingual_site):
    page = tab.page
    base = bilingual_site.url + "fr/"
    _run_then_progress(page, base)
    quizzes = _rows(page, 0)
    assert [row[3] for row in quizzes[1:]] == ["1 / 5", "1,5 / 3", "3 / 3"], quizzes
    assert _card_labels(page) == ['"Quiz\u00a0: "', '"État\u00a0: "', '"Score\u00a0: "']
    shares = _rows(page, 1)
    assert [re.sub(NO_BREAK, " ", cell) for cell in shares[1][1:]] == [
        "75 % sur 4 réponses",
        "0 % sur 1 réponse",
        "100 % sur 2 réponses",
    ]
    assert [re.sub(NO_BREAK, " ", cell) for cell in shares[2][1:]] == [
        "83 % sur 3 réponses",
        "75 % sur 2 réponses",
        "100 % sur 1 réponse",
    ]
    assert re.search(f"83{NO_BREAK}%", shares[2][1]), "the space before % is a no-break one"
    flagged = page.locator("ul.quiz-flagged li").inner_text()
    assert flagged.startswith("Évaluation initiale d’exemple\u00a0: "), flagged
    screenshot(page, "numbers-320-fr-progress")
    tab.problems.assert_none()


def test_french_assessment_score_has_a_decimal_comma(tab, bilingual_site):
    page = tab.page
    base = bilingual_site.url + "fr/"
    _run_then_progress(page, base)
    page.goto(base + "quizzes/sample-diagnostic/")
    settle(page)
    summary = page.locator("form[data-quiz-id='sample-diagnostic'] .quiz-summary")
    expect(summary).to_be_visible()
    assert _score_summary(page, "sample-diagnostic") == "Votre score\u00a0: 1,5 sur 3."
    screenshot(page, "numbers-320-fr-quiz-result")
    tab.problems.assert_none()


HALF_RIGHT_PAIRS = {**RIGHT, "pairs": {"med": "med", "arb": "med"}}
"""The fixture's self-check, all right but one of the two pairs matched: 4.5 out of 5."""


@pytest.mark.parametrize(
    ("edition", "said"), [("fr/", "Votre score\u00a0: 4,5 sur 5."), ("", "You scored 4.5 out of 5.")]
)
def test_a_finished_self_check_scores_in_the_pages_language(tab, bilingual_site, edition, said):
    page = tab.page
    open_quiz(page, bilingual_site.url + edition, "sample-check")
    for question_id, value in HALF_RIGHT_PAIRS.items():
        answer(page, "sample-check", question_id, value, MOUSE)
        check(page, "sample-check", question_id, MOUSE)
    expect(page.locator("[data-quiz-next='sample-check'] .quiz-next-score")).to_have_text(said)
    tab.problems.assert_none()


def test_english_scores_shares_and_labels_are_unchanged(tab, bilingual_site):
    page = tab.page
    base = bilingual_site.url
    _run_then_progress(page, base)
    quizzes = _rows(page, 0)
    assert [row[3] for row in quizzes[1:]] == ["1 / 5", "1.5 / 3", "3 / 3"], quizzes
    assert _card_labels(page) == ['"Quiz: "', '"Status: "', '"Score: "']
    shares = _rows(page, 1)
    assert shares[1][1:] == ["75% of 4 answers", "0% of 1 answer", "100% of 2 answers"]
    assert shares[2][1:] == ["83% of 3 answers", "75% of 2 answers", "100% of 1 answer"]
    screenshot(page, "numbers-320-en-progress")
    page.goto(base + "quizzes/sample-diagnostic/")
    settle(page)
    expect(page.locator("form[data-quiz-id='sample-diagnostic'] .quiz-summary")).to_be_visible()
    assert _score_summary(page, "sample-diagnostic") == "Your score: 1.5 out of 3."
    screenshot(page, "numbers-320-en-quiz-result")
    tab.problems.assert_none()


def _link_paths(page) -> dict[str, str]:
    """Where each link of the page leads (its path), by its text, but the language switcher's."""
    found = page.locator("a[href]:not([hreflang])").evaluate_all(
        "as => as.map(a => [a.textContent.trim() || a.getAttribute('aria-label') || a.title, a.href])"
    )
    return {text: urlparse(href).path for text, href in found}


def test_the_french_404_page_leads_to_french_pages(tab, bilingual_unaddressed):
    """Built with no site address (the project's setting), as mkdocs builds error pages: absolute
    links, which for the French edition must start at its folder."""
    page = tab.page
    page.goto(bilingual_unaddressed.url + "fr/404.html")
    settle(page)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    paths = _link_paths(page)
    assert paths, "no links on the French 404 page"
    elsewhere = {text: path for text, path in paths.items() if not path.startswith("/fr/")}
    assert not elsewhere, f"links of the French 404 page that leave the French edition: {elsewhere}"
    assert "/fr/progress/" in paths.values()
    page.locator(".md-nav--primary a[href$='progress/']").first.click()
    page.wait_for_url(bilingual_unaddressed.url + "fr/progress/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    tab.problems.assert_none()


def test_the_english_404_page_leads_to_english_pages(tab, bilingual_unaddressed):
    page = tab.page
    page.goto(bilingual_unaddressed.url + "404.html")
    settle(page)
    paths = _link_paths(page)
    assert "/progress/" in paths.values()
    assert not [path for path in paths.values() if path.startswith("/fr/")], paths
    tab.problems.assert_none()
