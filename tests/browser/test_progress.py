"""The "My progress" page (docs/assets/javascripts/progress.js) in headless Chromium.

A scripted diagnostic and post-workshop run, answered through the quizzes' own forms, then the
progress page: status and score per quiz, mastery per objective before and after, "confident but
wrong", the completed-module marker in the navigation, and the results file taken to a fresh browser.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect
from quizkit import (
    DIAGNOSTIC_RUN,
    MOUSE,
    RIGHT,
    STORE_PREFIX,
    accept_dialogs,
    answer,
    check,
    open_progress,
    open_quiz,
    quiz_yaml,
    scripted_run,
    settle,
    stored,
    take_assessment,
    wait_enhanced,
    write_store,
)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
T = yaml.safe_load((ROOT / "build_tools" / "strings" / "en.yml").read_text(encoding="utf-8"))["engine"]
MODULE = yaml.safe_load((ROOT / "tests" / "fixtures" / "site" / "modules" / "sample.yml").read_text(encoding="utf-8"))
OBJECTIVE = {o["id"]: o["text"] for o in MODULE["objectives"]}


def table_rows(page, index: int) -> list[list[str]]:
    """The cells of the progress page's n-th table, header row first."""
    return (
        page.locator("#quiz-progress table")
        .nth(index)
        .evaluate("t => [...t.rows].map(r => [...r.cells].map(c => c.innerText.trim()))")
    )


def test_progress_after_a_diagnostic_and_a_post_run(tab, served_site):
    page = tab.page
    scripted_run(page, served_site)
    open_progress(page, served_site)

    assert table_rows(page, 0) == [
        [T["module"], T["quiz"], T["status"], T["score_label"]],
        [f"{T['module']} 1: {MODULE['title']}", "Sample self-check", T["status_in_progress"], "1 / 5"],
        ["Sample diagnostic", "Sample diagnostic", T["status_done"], "1.5 / 3"],
        ["Sample post-workshop assessment", "Sample post-workshop assessment", T["status_done"], "3 / 3"],
    ]
    links = page.locator("#quiz-progress table").first.locator("a")
    assert links.evaluate_all("as => as.map(a => new URL(a.href).pathname)") == [
        "/quizzes/sample-check/",
        "/quizzes/sample-diagnostic/",
        "/quizzes/sample-post/",
    ]

    # Mastery per objective: all answers, then the diagnostic (before) against the post (after).
    expect(page.locator("#quiz-progress h2").first).to_have_text(T["mastery"])
    assert table_rows(page, 1) == [
        [T["objective"], T["mastery"], T["before"], T["after"]],
        [OBJECTIVE["sample-distinguish"], "75% of 4 answers", "0% of 1 answer", "100% of 2 answers"],
        [OBJECTIVE["sample-apply"], "83% of 3 answers", "75% of 2 answers", "100% of 1 answer"],
    ]

    # "Very sure" and wrong in the diagnostic is flagged; "not sure" and right in the post is not.
    expect(page.locator("#quiz-progress h2", has_text=T["confident_wrong"])).to_be_visible()
    prompt = next(q["prompt"] for q in quiz_yaml("sample-diagnostic")["questions"] if q["id"] == "who")
    expect(page.locator("ul.quiz-flagged li")).to_have_text([f"Sample diagnostic: {prompt}"])

    # The module is not complete while its self-check is not: no marker in the navigation.
    expect(page.locator(".md-nav__link .quiz-done")).to_have_count(0)
    tab.problems.assert_none()


def test_sure_and_right_is_not_flagged(tab, served_site):
    page = tab.page
    accept_dialogs(page)
    run = {"who": "parties", "sure-who": "3", "consent": "true", "pairs": {"invited": "invited", "imposed": "imposed"}}
    take_assessment(page, served_site, "sample-diagnostic", run)
    open_progress(page, served_site)
    expect(page.locator("#quiz-progress h2")).to_have_text([T["mastery"]])
    expect(page.locator("ul.quiz-flagged")).to_have_count(0)
    assert table_rows(page, 1)[1:] == [
        [OBJECTIVE["sample-distinguish"], "100% of 1 answer", "100% of 1 answer", "–"],
        [OBJECTIVE["sample-apply"], "50% of 2 answers", "50% of 2 answers", "–"],
    ]
    tab.problems.assert_none()


def test_nothing_yet_and_not_started(tab, served_site):
    page = tab.page
    open_progress(page, served_site)
    rows = table_rows(page, 0)[1:]
    assert [(r[1], r[2], r[3]) for r in rows] == [
        ("Sample self-check", T["status_not_started"], "–"),
        ("Sample diagnostic", T["status_not_started"], "–"),
        ("Sample post-workshop assessment", T["status_not_started"], "–"),
    ]
    expect(page.locator("#quiz-progress")).to_contain_text(T["none_yet"])
    tab.problems.assert_none()


def test_a_completed_module_is_marked_in_the_navigation(tab, served_site):
    page = tab.page
    open_quiz(page, served_site, "sample-check")
    for question_id, value in RIGHT.items():
        expect(page.locator(".md-nav__link .quiz-done")).to_have_count(0)
        answer(page, "sample-check", question_id, value, MOUSE)
        check(page, "sample-check", question_id, MOUSE)
    assert stored(page, "sample-check")["complete"] is True
    marker = page.locator(".md-nav--primary a.md-nav__link[href$='modules/sample/'] .quiz-done")
    expect(marker).to_have_count(1)  # at once, on the quiz page
    for path in ("", "progress/"):
        page.goto(served_site + path)
        settle(page)
        marker = page.locator(".md-nav--primary a.md-nav__link[href$='modules/sample/'] .quiz-done")
        expect(marker).to_have_count(1)
        expect(marker).to_have_attribute("title", T["module_done"])
    row = next(r for r in table_rows(page, 0) if r[1] == "Sample self-check")
    assert row[2:] == [T["status_done"], "5 / 5"]

    # "Start again" takes the marker away.
    accept_dialogs(page)
    form = open_quiz(page, served_site, "sample-check")
    form.locator("button[data-action='reset']").click()
    expect(page.locator(".md-nav__link .quiz-done")).to_have_count(0)
    page.goto(served_site)
    settle(page)
    expect(page.locator(".md-nav__link .quiz-done")).to_have_count(0)
    tab.problems.assert_none()


def test_corrupt_storage_elsewhere_leaves_the_progress_page_usable(tab, served_site):
    page = tab.page
    open_progress(page, served_site)
    write_store(page, "sample-diagnostic", "{not JSON")
    write_store(page, "sample-post", {"v": 1, "answers": {"who": "x"}, "modules": "sample", "complete": True})
    write_store(page, "no-such-quiz", {"v": 1, "answers": {}, "modules": ["sample"], "complete": True})
    page.evaluate("() => localStorage.setItem('unrelated', 'x')")
    page.reload()
    settle(page)
    rows = table_rows(page, 0)[1:]
    # sample-post's state has the wrong shape (an answer that is not an answer entry): dropped whole
    assert [r[2] for r in rows] == [T["status_not_started"]] * 3
    tab.problems.assert_none()


def _progress_text(page) -> str:
    return page.locator("#quiz-progress").evaluate(
        "root => [...root.children].filter(c => !c.matches('.quiz-progress-tools')).map(c => c.innerText).join('\\n')"
    )


EXPORT_KEYS = {"format", "version", "exported", "label", "quizzes"}
QUIZ_KEYS = {"v", "answers", "submitted", "submittedAt", "complete", "modules", "title", "kind"}
ANSWER_KEYS = {"fp", "answer", "score", "checked", "at"}


def test_export_then_import_in_a_fresh_browser(tab, served_site, browser, watch_page, tmp_path):
    page = tab.page
    scripted_run(page, served_site)
    answer(page, "sample-check", "think", "Only on this device.", MOUSE)
    open_progress(page, served_site)
    before = _progress_text(page)
    states = {q: stored(page, q) for q in ("sample-check", "sample-diagnostic", "sample-post")}

    label = page.locator("#quiz-export-label")
    expect(page.locator("label[for='quiz-export-label']")).to_have_text(T["label_prompt"])
    label.fill("Amina, after the workshop")
    with page.expect_download() as info:
        page.get_by_role("button", name=T["export"]).click()
    download = info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    assert path.suffix == ".json"
    data = json.loads(path.read_text(encoding="utf-8"))

    # Quiz and question ids, answers, scores, times and the label: nothing about the browser or device.
    assert set(data) == EXPORT_KEYS
    assert (data["format"], data["version"], data["label"]) == ("ipu-mediation-results", 1, "Amina, after the workshop")
    assert set(data["quizzes"]) == set(states)
    for quiz_id, state in data["quizzes"].items():
        assert set(state) <= QUIZ_KEYS, quiz_id
        assert state == states[quiz_id]
        for entry in state["answers"].values():
            assert set(entry) == ANSWER_KEYS
    assert data["quizzes"]["sample-diagnostic"]["answers"]["who"]["answer"] == "mediator"

    # A fresh browser (another device): nothing, until the file is loaded.
    fresh = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        other = fresh.new_page()
        problems = watch_page(other)
        open_progress(other, served_site)
        assert _progress_text(other) != before
        other.locator("#quiz-import-file").set_input_files(path)
        loaded = "Sample self-check, Sample diagnostic, Sample post-workshop assessment"
        expect(other.locator(".quiz-progress-tools [role=status]")).to_have_text(
            T["import_done"].format(quizzes=loaded)
        )
        assert _progress_text(other) == before
        assert {q: stored(other, q) for q in states} == states

        # The quizzes themselves come back: the submitted diagnostic in review, the checked self-check.
        form = open_quiz(other, served_site, "sample-diagnostic")
        expect(form.locator(".quiz-summary")).to_have_text(T["score"].format(score=1.5, total=3))
        expect(other.locator("#sample-diagnostic--who--mediator")).to_be_checked()
        open_quiz(other, served_site, "sample-check")
        expect(other.locator("#sample-check--who .quiz-result .quiz-verdict")).to_have_text(T["correct"])
        expect(other.locator("#sample-check--think--text")).to_have_value("Only on this device.")

        # A file that is not a results file changes nothing and says so.
        wrong = tmp_path / "not-results.json"
        wrong.write_text(json.dumps({"format": "something-else", "version": 1, "quizzes": {}}), encoding="utf-8")
        open_progress(other, served_site)
        other.locator("#quiz-import-file").set_input_files(wrong)
        expect(other.locator(".quiz-progress-tools [role=status]")).to_have_text(T["import_not_results"])
        assert _progress_text(other) == before
        problems.assert_none()
    finally:
        fresh.close()
    tab.problems.assert_none()


def test_print_a_summary(tab, served_site):
    page = tab.page
    page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    scripted_run(page, served_site)
    open_progress(page, served_site)
    page.get_by_role("button", name=T["print"]).click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    expect(page.locator(".quiz-progress-tools")).to_be_hidden()
    expect(page.locator("#quiz-progress table").first).to_be_visible()
    expect(page.locator("ul.quiz-flagged")).to_be_visible()
    tab.problems.assert_none()


def test_progress_page_after_instant_navigation(tab, instant_site):
    page = tab.page
    accept_dialogs(page)
    page.goto(instant_site)
    settle(page)
    page.evaluate("window.__sameDocument = true")
    nav = page.locator(".md-nav--primary a.md-nav__link")
    nav.and_(page.locator("[href$='quizzes/sample-diagnostic/']")).click()
    page.wait_for_url("**/quizzes/sample-diagnostic/")
    form = wait_enhanced(page, "sample-diagnostic")
    for question_id, value in DIAGNOSTIC_RUN.items():
        answer(page, "sample-diagnostic", question_id, value, MOUSE)
    form.locator("button[data-action='submit']").click()
    expect(form.locator(".quiz-summary")).to_be_visible()
    nav.and_(page.locator("[href$='progress/']")).click()
    page.wait_for_url("**/progress/")
    page.locator("#quiz-progress table").first.wait_for()
    assert page.evaluate("window.__sameDocument") is True, "the navigation was not instant"
    row = next(r for r in table_rows(page, 0) if r[1] == "Sample diagnostic")
    assert row[2:] == [T["status_done"], "1.5 / 3"]
    expect(page.locator("ul.quiz-flagged li")).to_have_count(1)
    tab.problems.assert_none()


def test_storage_keys_are_per_quiz(tab, served_site):
    """Progress is kept under the quiz id, the question ids and each question's fingerprint."""
    page = tab.page
    open_quiz(page, served_site, "sample-check")
    answer(page, "sample-check", "who", "parties", MOUSE)
    keys = page.evaluate("() => Object.keys(localStorage)")
    assert STORE_PREFIX + "sample-check" in keys
    entry = stored(page, "sample-check")["answers"]["who"]
    assert entry["fp"] == page.locator("#sample-check--who").get_attribute("data-fingerprint")
    tab.problems.assert_none()
