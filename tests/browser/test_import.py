"""Loading a results file on "My progress", and quizzes opened with damaged saved answers, in Chromium.

A results file is checked whole before anything is stored: a crafted or damaged file changes nothing
on this device and the page says why; a good one is confirmed when it replaces answers kept here, and
the page says what was loaded. The quiz engine never stops on saved answers of any shape: a quiz
state that does not fit is dropped (with a note in the console) and the quiz works as new.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect
from quizkit import (
    MOUSE,
    RIGHT,
    answer,
    check,
    open_progress,
    open_quiz,
    result,
    stored,
    write_store,
)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
T = yaml.safe_load((ROOT / "build_tools" / "strings" / "en.yml").read_text(encoding="utf-8"))["engine"]
WANT = T["import_want"]
STATUS = ".quiz-progress-tools [role=status]"


def saved_check_state(page, base: str) -> dict:
    """The self-check answered on the page (who checked, the order given): what the engine keeps."""
    open_quiz(page, base, "sample-check")
    answer(page, "sample-check", "who", "parties", MOUSE)
    check(page, "sample-check", "who", MOUSE)
    answer(page, "sample-check", "order", RIGHT["order"], MOUSE)
    return stored(page, "sample-check")


def results_file(quizzes: dict, **fields) -> dict:
    return {"format": "ipu-mediation-results", "version": 1, "exported": "2026-11-29T10:00:00.000Z", "label": ""} | {
        "quizzes": quizzes,
        **fields,
    }


def storage(page) -> dict:
    return page.evaluate("() => ({...localStorage})")


def load(page, tmp_path: Path, content, name: str = "results.json") -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    page.locator("#quiz-import-file").set_input_files(path)


def damaged(place: list[str], want: str) -> str:
    return T["import_damaged"].format(place=" › ".join(f"“{p}”" for p in place), want=WANT[want])


def progress_works(page) -> None:
    """The page still shows the table and still offers the download and the import."""
    expect(page.locator("#quiz-progress table").first).to_be_visible()
    expect(page.get_by_role("button", name=T["export"])).to_be_enabled()
    expect(page.locator("#quiz-import-file")).to_be_attached()


def _crafted(state: dict) -> list[tuple[str, object, str]]:
    """(name, file content, the message the page must show) for each crafted or damaged file."""

    def with_answer(question_id: str, **entry) -> dict:
        quiz = copy.deepcopy(state)
        quiz["answers"][question_id] = quiz["answers"].get(question_id, {"fp": "0", "answer": "x"}) | entry
        return results_file({"sample-check": quiz})

    def with_state(**fields) -> dict:
        return results_file({"sample-check": copy.deepcopy(state) | fields})

    good = {"sample-check": state}
    quote_bracket = with_answer("order", answer=['negotiation"]', "mediation", "arbitration"])
    huge = results_file(good, label="", padding=" " * (1024 * 1024))
    ans = ["quizzes", "sample-check", "answers"]
    return [
        ("an answer id with a quote and bracket", quote_bracket, damaged([*ans, "order", "answer"], "answer")),
        ('"quizzes": null', results_file(None), damaged(["quizzes"], "fields")),
        ("quizzes as an array", results_file([state]), damaged(["quizzes"], "fields")),
        ("a file over 1 MB", json.dumps(huge), T["import_too_large"].format(size="1 MB")),
        (
            "a score of 1.2e29",
            with_answer("who", score=1.2345678901234568e29),
            damaged([*ans, "who", "score"], "score"),
        ),
        ("a negative score", with_answer("who", score=-1), damaged([*ans, "who", "score"], "score")),
        ("a score as text", with_answer("who", score="1"), damaged([*ans, "who", "score"], "score")),
        ("checked as text", with_answer("who", checked="yes"), damaged([*ans, "who", "checked"], "flag")),
        ("a numeric fingerprint", with_answer("who", fp=123), damaged([*ans, "who", "fp"], "fingerprint")),
        ("an answer as a number", with_answer("who", answer=7), damaged([*ans, "who", "answer"], "answer")),
        ("an answer as null", with_answer("who", answer=None), damaged([*ans, "who", "answer"], "answer")),
        (
            "pairs of numbers",
            with_answer("pairs", answer={"med": 1}),
            damaged([*ans, "pairs", "answer"], "answer"),
        ),
        ("an answer entry as text", with_state(answers={"who": "x"}), damaged([*ans, "who"], "fields")),
        (
            "a question id with a quote",
            with_state(answers={'a"]': state["answers"]["who"]}),
            damaged([*ans, 'a"]'], "id"),
        ),
        ("answers as an array", with_state(answers=[]), damaged(ans, "fields")),
        ("answers missing", results_file({"sample-check": {"v": 1}}), damaged(ans, "fields")),
        ("the state version as text", with_state(v="1"), damaged(["quizzes", "sample-check", "v"], "version")),
        ("submitted as text", with_state(submitted="no"), damaged(["quizzes", "sample-check", "submitted"], "flag")),
        ("modules as text", with_state(modules="sample"), damaged(["quizzes", "sample-check", "modules"], "ids")),
        ("an unknown kind", with_state(kind="exam"), damaged(["quizzes", "sample-check", "kind"], "kind")),
        ("an unknown field", with_state(extra=1), damaged(["quizzes", "sample-check", "extra"], "known")),
        ("a quiz state as a list", results_file({"sample-check": []}), damaged(["quizzes", "sample-check"], "fields")),
        ("a quiz id in capitals", results_file({"Sample": state}), damaged(["quizzes", "Sample"], "id")),
        (
            "the file version as text",
            results_file(good, version="1"),
            damaged(["version"], "version"),
        ),
        ("a label as a number", results_file(good, label=5), damaged(["label"], "label")),
        ("a label too long", results_file(good, label="x" * 81), damaged(["label"], "label")),
        ("a date as a number", results_file(good, exported=0), damaged(["exported"], "time")),
        ("no quizzes", results_file({}), T["import_empty"]),
        ("another format", {"format": "other", "version": 1, "quizzes": {}}, T["import_not_results"]),
        ("a list", json.dumps([results_file({"sample-check": state})]), T["import_not_results"]),
        ("null", "null", T["import_not_results"]),
        ("not JSON", "{not json", T["import_not_results"]),
        ("not text", b"\xff\xfe\x00\x01", T["import_not_results"]),
    ]


CRAFTED_NAMES = [
    "an answer id with a quote and bracket",
    '"quizzes": null',
    "quizzes as an array",
    "a file over 1 MB",
    "a score of 1.2e29",
    "a negative score",
    "a score as text",
    "checked as text",
    "a numeric fingerprint",
    "an answer as a number",
    "an answer as null",
    "pairs of numbers",
    "an answer entry as text",
    "a question id with a quote",
    "answers as an array",
    "answers missing",
    "the state version as text",
    "submitted as text",
    "modules as text",
    "an unknown kind",
    "an unknown field",
    "a quiz state as a list",
    "a quiz id in capitals",
    "the file version as text",
    "a label as a number",
    "a label too long",
    "a date as a number",
    "no quizzes",
    "another format",
    "a list",
    "null",
    "not JSON",
    "not text",
]


@pytest.mark.parametrize("name", CRAFTED_NAMES)
def test_a_crafted_file_changes_nothing_and_says_why(tab, served_site, tmp_path, name):
    page = tab.page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.accept()))
    state = saved_check_state(page, served_site)
    cases = {case_name: (content, message) for case_name, content, message in _crafted(state)}
    assert list(cases) == CRAFTED_NAMES
    content, message = cases[name]
    open_progress(page, served_site)
    before_table = page.locator("#quiz-progress table").first.inner_text()
    before = storage(page)

    load(page, tmp_path, content)
    expect(page.locator(STATUS)).to_have_text(message)
    assert storage(page) == before
    assert dialogs == []  # nothing to confirm: the file was refused first
    progress_works(page)
    assert page.locator("#quiz-progress table").first.inner_text() == before_table
    page.reload()
    assert page.locator("#quiz-progress table").first.inner_text() == before_table
    tab.problems.assert_none()


def test_a_file_that_replaces_answers_is_confirmed_first(tab, served_site, tmp_path):
    page = tab.page
    state = saved_check_state(page, served_site)
    other = copy.deepcopy(state)
    other["answers"]["who"] |= {"answer": "mediator", "score": 0}
    open_progress(page, served_site)
    before = storage(page)
    file = results_file({"sample-check": other})

    # Declined: nothing changes, and the page says so.
    asked: list[str] = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    load(page, tmp_path, file)
    expect(page.locator(STATUS)).to_have_text(T["import_cancelled"])
    assert asked == [T["import_confirm"].format(quizzes="Sample self-check")]
    assert storage(page) == before

    # Accepted: the file's answers replace those kept here, and the page names what was loaded.
    page.once("dialog", lambda d: (asked.append(d.message), d.accept()))
    load(page, tmp_path, file, "again.json")
    expect(page.locator(STATUS)).to_have_text(T["import_done"].format(quizzes="Sample self-check"))
    assert len(asked) == 2
    assert stored(page, "sample-check") == other
    tab.problems.assert_none()


def test_a_file_for_quizzes_with_no_answers_here_is_loaded_without_asking(tab, served_site, tmp_path):
    page = tab.page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.accept()))
    state = saved_check_state(page, served_site)
    page.evaluate("() => localStorage.clear()")
    open_progress(page, served_site)
    load(page, tmp_path, results_file({"sample-check": state, "retired-quiz": state | {"title": "An old quiz"}}))
    expect(page.locator(STATUS)).to_have_text(T["import_done"].format(quizzes="Sample self-check, An old quiz"))
    assert dialogs == []
    assert stored(page, "sample-check") == state
    tab.problems.assert_none()


def test_a_file_the_browser_cannot_keep_whole_changes_nothing(tab, served_site, tmp_path):
    """Storage full at the second quiz: the first is put back as it was, and the page says so."""
    page = tab.page
    page.on("dialog", lambda d: d.accept())
    state = saved_check_state(page, served_site)
    open_progress(page, served_site)
    before = storage(page)
    page.evaluate(
        """() => {
            const original = Storage.prototype.setItem;
            let calls = 0;
            Storage.prototype.setItem = function (key, value) {
                if (key.includes("/quiz/") && ++calls === 2) throw new DOMException("full", "QuotaExceededError");
                return original.call(this, key, value);
            };
        }"""
    )
    changed = copy.deepcopy(state)
    changed["answers"]["who"] |= {"answer": "mediator", "score": 0}
    load(page, tmp_path, results_file({"sample-check": changed, "sample-post": state}))
    expect(page.locator(STATUS)).to_have_text(T["import_not_stored"])
    assert storage(page) == before
    tab.problems.assert_none()


CORRUPT = {
    "not JSON": "{not json",
    "null": "null",
    "a number": "5",
    "a text": '"text"',
    "a list": "[]",
    "answers null": {"v": 1, "answers": None},
    "answers a list": {"v": 1, "answers": []},
    "an answer entry as text": {"v": 1, "answers": {"who": "parties"}},
    "an order with a quote and bracket": {"v": 1, "answers": {"order": {"fp": "FP-order", "answer": ['x"]', "y"]}}},
    "an option with a quote and bracket": {
        "v": 1,
        "answers": {"who": {"fp": "FP-who", "answer": 'parties"]', "score": 0, "checked": True}},
    },
    "a huge score": {"v": 1, "answers": {"who": {"fp": "FP-who", "answer": "parties", "score": 1e29, "checked": True}}},
    "a submitted flag as text": {"v": 1, "answers": {}, "submitted": "yes"},
    "a prototype key": '{"v": 1, "answers": {"__proto__": {"fp": "0", "answer": "x"}}}',
    "a field named hasOwnProperty": {"v": 1, "answers": {}, "hasOwnProperty": 1},
}


# An option id is stored as text, and any short text has the shape of an answer (a reflection's):
# kept, and never turned into a CSS selector, so the quote and bracket cannot stop the quiz.
KEPT = ("an option with a quote and bracket",)


@pytest.mark.parametrize("name", list(CORRUPT))
def test_a_quiz_opens_and_works_with_damaged_saved_answers(tab, served_site, name):
    page = tab.page
    notes: list[str] = []
    page.on("console", lambda m: notes.append(m.text) if m.type == "warning" else None)
    open_quiz(page, served_site, "sample-check")
    value = CORRUPT[name] if isinstance(CORRUPT[name], str) else json.dumps(CORRUPT[name])
    for question_id in ("who", "order"):  # the questions' real fingerprints: only the shape is wrong
        fingerprint = page.locator(f"#sample-check--{question_id}").get_attribute("data-fingerprint")
        value = value.replace(f"FP-{question_id}", fingerprint)
    write_store(page, "sample-check", value)
    form = open_quiz(page, served_site, "sample-check")
    expect(form).to_have_class(re.compile(r"\bquiz--enhanced\b"))
    if name in KEPT:  # a text answer of the right shape: kept, and shown as the wrong answer it is
        expect(result(page, "sample-check", "who").locator(".quiz-verdict")).to_have_text(T["wrong"])
    else:
        expect(result(page, "sample-check", "who")).to_be_hidden()
    answer(page, "sample-check", "who", "parties", MOUSE)
    check(page, "sample-check", "who", MOUSE)
    expect(result(page, "sample-check", "who").locator(".quiz-verdict")).to_have_text(T["correct"])
    assert stored(page, "sample-check")["answers"]["who"]["answer"] == "parties"
    if name not in ("not JSON", "null", *KEPT):
        assert any("sample-check" in note and "dropped" in note for note in notes), notes
    open_progress(page, served_site)
    expect(page.locator("#quiz-progress table").first).to_contain_text("1 / 5")
    tab.problems.assert_none()
