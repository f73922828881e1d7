"""What a keyboard user, a screen reader user and a reader holding paper get: quiz keys that stay
in the quiz, a live region that stays put, focus that goes where the reader is, glossary terms
reachable by Tab, readable type on a phone, and printed pages that keep every word.

Quiz behaviour uses the fixture site (`served_site`); type sizes, tooltips and printing use the
project's own course (`course_instant`), whose pages have the tables and the action plan.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pypdf
import pytest
import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from quizkit import MOUSE, answer, live_region, open_progress, open_quiz, settle, tab_to

from build_tools.loader import load_content

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
T = yaml.safe_load((ROOT / "build_tools" / "strings" / "en.yml").read_text(encoding="utf-8"))["engine"]
COURSE = load_content(ROOT)


def _search_is_open(page) -> bool:
    """Whether search is open once Material has reacted to the last key.

    Material opens search by focusing its input and sets the toggle from a focus stream debounced
    by a timer, so the toggle changes a moment after the key: wait for it (or for a quiet moment)
    before reading it.
    """
    try:
        page.wait_for_function("() => document.getElementById('__search').checked", timeout=1500)
    except PlaywrightTimeout:
        return False
    return True


@pytest.mark.parametrize("key", ["s", "f", "/"])
def test_search_keys_on_a_quiz_control_stay_with_the_quiz(tab, served_site, key):
    page = tab.page
    open_quiz(page, served_site, "sample-check")
    page.keyboard.press(key)  # outside the quiz, the key opens search: the test can see it
    assert _search_is_open(page)
    open_quiz(page, served_site, "sample-check")
    assert not _search_is_open(page)
    radio = "fieldset#sample-check--who input[type=radio]"  # Tab reaches a radio group at its first radio
    for control in (radio, "#sample-check--features--consent", "#sample-check--pairs--med"):
        tab_to(page, control)
        page.keyboard.press(key)
        assert not _search_is_open(page), f"{key} on {control} opened search"
        assert page.evaluate("s => document.activeElement.matches(s)", control), f"{key} took the focus"
    tab.problems.assert_none()


def _status_nodes(page) -> list[dict]:
    """Chromium's accessibility tree: the nodes with the role "status" that it keeps (not ignored)."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    return [n for n in nodes if not n.get("ignored") and n.get("role", {}).get("value") == "status"]


def test_the_live_region_is_always_there_and_old_messages_go(tab, served_site):
    page = tab.page
    form = open_quiz(page, served_site, "sample-check")
    live = live_region(page, "sample-check")
    live.evaluate("node => { node.__kept = true; }")
    assert live.evaluate("node => getComputedStyle(node).display") != "none"
    before = len(_status_nodes(page))
    assert before >= 1, "the empty live region is not in the accessibility tree"

    form.locator("#sample-check--who button.quiz-check").click()  # nothing chosen yet
    expect(live).to_have_text(T["answer_first"])
    form.locator("#sample-check--who button.quiz-check").click()
    expect(live).to_contain_text(T["answer_first"])
    assert live.evaluate("node => node.__kept === true"), "the live region was replaced"
    assert len(_status_nodes(page)) == before

    answer(page, "sample-check", "who", "parties", MOUSE)  # the message was about the last action only
    expect(live).to_have_text("")
    assert live.evaluate("node => node.__kept === true && getComputedStyle(node).display !== 'none'")
    assert len(_status_nodes(page)) == before
    tab.problems.assert_none()


def test_the_hidden_file_input_draws_its_focus_on_its_own_button(tab, served_site):
    page = tab.page
    open_progress(page, served_site)
    tab_to(page, "#quiz-import-file")
    outline = "el => getComputedStyle(el).outlineStyle"
    assert page.locator("label[for='quiz-import-file']").evaluate(outline) != "none"
    assert page.get_by_role("button", name=T["print"]).evaluate(outline) == "none"


def test_focus_goes_to_the_message_after_loading_results(tab, served_site, tmp_path):
    page = tab.page
    open_progress(page, served_site)
    results = tmp_path / "results.json"
    results.write_text(json.dumps({"format": "ipu-mediation-results", "version": 1, "quizzes": {}}), "utf-8")
    page.locator("#quiz-import-file").set_input_files(results)
    message = page.locator(".quiz-progress-tools [role=status]")
    expect(message).not_to_be_empty()  # whatever the import says, the reader is taken to it
    expect(message).to_be_focused()
    tab.problems.assert_none()


def test_glossary_terms_are_reached_by_tab_and_show_a_readable_definition(browser, course_instant):
    context = browser.new_context(viewport={"width": 412, "height": 800})
    try:
        page = context.new_page()
        page.goto(course_instant.url + f"modules/{COURSE.modules[0].id}/")
        settle(page)
        tab_to(page, "article abbr")
        term = page.evaluate("() => document.activeElement.textContent")
        tooltip = page.locator(".md-tooltip2--active")
        expect(tooltip).to_be_visible()
        definition = next(t.definition for t in COURSE.glossary.terms if term in (t.term, *t.forms))
        assert " ".join(definition.split()) in " ".join(tooltip.inner_text().split())
        size = tooltip.locator(".md-tooltip2__inner").evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        assert size >= 14, f"tooltip text {size} px"
    finally:
        context.close()


def test_boxes_and_tables_are_at_least_15_px_on_a_phone(browser, course_instant):
    with_table = next(m for m in COURSE.modules if any("|---" in s.body for s in m.sections))
    context = browser.new_context(viewport={"width": 412, "height": 800})
    try:
        page = context.new_page()
        page.goto(course_instant.url + f"modules/{with_table.id}/")
        settle(page)
        for selector in ("article .admonition p", "article table td"):
            size = page.locator(selector).first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
            assert size >= 15, f"{selector}: {size} px"
    finally:
        context.close()


def _printed_text(page) -> str:
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    return " ".join(" ".join(p.extract_text() for p in pdf.pages).split())


def test_the_action_plan_prints_every_word_and_has_a_print_button(tab, course_instant):
    page = tab.page
    page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    page.goto(course_instant.url + "quizzes/action-plan/")
    settle(page)
    areas = page.locator("form.quiz--enhanced textarea")
    written = []
    for index in range(areas.count()):
        sentences = [f"Plan {index + 1} step {n}: ask the committee clerk for a hearing date." for n in range(1, 9)]
        areas.nth(index).fill("\n".join(sentences))
        written += sentences
    page.get_by_role("button", name=T["print_page"]).click()
    assert page.evaluate("window.__printed") == 1
    printed = _printed_text(page)
    missing = [sentence for sentence in written if sentence not in printed]
    assert not missing, f"{len(missing)} of {len(written)} sentences did not print, e.g. {missing[:2]}"
    tab.problems.assert_none()


def test_a_printed_quiz_keeps_every_question_and_option(tab, course_instant):
    page = tab.page
    quiz = next(q for q in COURSE.quizzes.values() if q.kind == "self-check")
    page.goto(course_instant.url + f"quizzes/{quiz.id}/")
    settle(page)
    printed = _printed_text(page)
    for question in quiz.questions:
        texts = [o.text for o in getattr(question, "options", [])] + [question.prompt]
        for text in texts:
            plain = " ".join(text.replace("*", "").split())
            assert plain[:60] in printed, f"{question.id}: {plain[:60]}"


def test_the_printed_progress_summary_is_at_least_9_pt(tab, served_site):
    page = tab.page
    open_progress(page, served_site)
    page.emulate_media(media="print")
    size = page.locator("#quiz-progress table td").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= 12, f"{size * 0.75} pt"  # 9 pt is 12 CSS px
