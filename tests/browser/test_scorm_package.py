"""The SCORM package in a real SCORM run-time: scorm-again (npm, pinned in package.json).

A test platform page (scorm/harness.html) makes `window.API` from scorm-again's SCORM 1.2 class (or
`window.API_1484_11` from its 2004 class) and loads a SCO of the package built from the fixture
site's offline edition in an iframe; the tests answer in Chromium and read back what the run-time
holds: score, status, interactions, suspend data, session time.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from conftest import bind_server, serving
from playwright.sync_api import expect
from quizkit import MOUSE, accept_dialogs, answer, check, wait_enhanced

from build_tools.exports.course import default_course
from build_tools.exports.scorm import build_package
from build_tools.loader import load_content

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
RUNTIME = ROOT / "node_modules" / "scorm-again" / "dist"
POST = "pkg/quizzes/sample-post.html"
CHECK = "pkg/quizzes/sample-check.html"
MODULE = "pkg/modules/sample.html"
# who: right; consent: wrong; order: right. Three graded questions (the likert is not graded).
POST_ANSWERS = {
    "who": "parties",
    "sure-who": "2",
    "consent": "false",
    "order": ["negotiation", "mediation", "arbitration"],
}


@pytest.fixture(scope="module")
def platform(tmp_path_factory, offline_build):
    """The package of the fixture site, unzipped beside the run-time and the harness, served over HTTP."""
    assert offline_build.returncode == 0, offline_build.output
    assert (RUNTIME / "scorm12.js").is_file(), "run `npm ci` (make test does) to install scorm-again"
    base = tmp_path_factory.mktemp("scorm-platform")
    content = load_content(offline_build.project)
    for version, folder in (("1.2", "pkg"), ("2004", "pkg2004")):
        package = base / f"package-{version}.zip"
        build_package(offline_build.site, content, default_course(content), package, version)
        with zipfile.ZipFile(package) as archive:
            _assert_lists_every_file(archive)
            archive.extractall(base / "serve" / folder)
    for name in ("scorm12.js", "scorm2004.js"):
        shutil.copy2(RUNTIME / name, base / "serve" / name)
    shutil.copy2(Path(__file__).with_name("scorm") / "harness.html", base / "serve" / "harness.html")
    with serving(bind_server(base / "serve")) as url:
        yield url


def _assert_lists_every_file(archive: zipfile.ZipFile) -> None:
    """The manifest of the real offline edition's package lists every file in the zip, once."""
    root = ET.fromstring(archive.read("imsmanifest.xml"))
    listed = [unquote(f.get("href")) for f in root.iter() if f.tag.endswith("}file")]
    assert len(listed) == len(set(listed))
    assert set(listed) == set(archive.namelist()) - {"imsmanifest.xml"}


def open_sco(page, platform: str, sco: str, version: str = "1.2", **query):
    query = {"sco": sco, "version": version, **query}
    page.goto(platform + "harness.html?" + "&".join(f"{k}={quote(str(v), safe='')}" for k, v in query.items()))
    frame = page.frame_locator("#sco")
    page.wait_for_function("() => document.getElementById('sco').contentWindow.document.readyState === 'complete'")
    return page.frames[1], frame


def runtime(page, version: str = "1.2") -> dict:
    name = "API_1484_11" if version == "2004" else "API"
    return page.evaluate(f"() => JSON.parse(JSON.stringify(window.{name}.renderCMIToJSONObject()))")["cmi"]


def listed(interactions) -> list[dict]:
    """The run-time's interactions in order (scorm-again keys them by index)."""
    return [interactions[k] for k in sorted(interactions, key=int)] if isinstance(interactions, dict) else interactions


def take_post(page, frame_page) -> None:
    form = wait_enhanced(frame_page, "sample-post")
    for question_id, value in POST_ANSWERS.items():
        answer(frame_page, "sample-post", question_id, value, MOUSE)
    form.locator("button[data-action='submit']").click()
    expect(form.locator(".quiz-summary")).to_be_visible()


def test_a_graded_quiz_reports_score_status_interactions_and_suspend_data(context, platform):
    page = context.new_page()
    accept_dialogs(page)
    frame_page, _ = open_sco(page, platform, POST)
    take_post(frame_page, frame_page)
    cmi = runtime(page)
    assert cmi["core"]["score"] == {"raw": "67", "min": "0", "max": "100"}  # 2 of 3 graded questions
    assert cmi["core"]["lesson_status"] == "failed"  # under the package's mastery score, 80
    interactions = {i["id"]: i for i in listed(cmi["interactions"])}
    assert set(interactions) == {"who", "sure-who", "consent", "order"}
    assert interactions["who"]["type"] == "choice" and interactions["who"]["result"] == "correct"
    assert interactions["who"]["student_response"] == "parties"
    assert interactions["consent"]["type"] == "true-false" and interactions["consent"]["student_response"] == "f"
    assert interactions["consent"]["result"] == "wrong"
    assert interactions["order"]["type"] == "sequencing"
    assert interactions["order"]["student_response"] == "negotiation,mediation,arbitration"
    assert interactions["sure-who"]["type"] == "likert" and interactions["sure-who"]["result"] == "neutral"
    saved = json.loads(cmi["suspend_data"])
    assert saved["sample-post"]["s"] == 1
    assert saved["sample-post"]["a"]["who"][1] == "parties"
    assert "LMSInitialize:true" in page.evaluate("window.calls")
    assert page.evaluate("window.calls").count("LMSCommit:true") >= len(POST_ANSWERS)  # after each answer
    page.evaluate("document.getElementById('sco').src = 'about:blank'")  # the learner leaves: pagehide
    page.wait_for_function("() => window.calls.includes('LMSFinish:true')")
    time = [value for key, value, ok in page.evaluate("window.sets") if key == "cmi.core.session_time" and ok == "true"]
    assert len(time) == 1 and re.fullmatch(r"\d{4}:\d{2}:\d{2}\.\d{2}", time[0])  # SCORM 1.2's HHHH:MM:SS.SS
    refused = [entry for entry in page.evaluate("window.sets") if entry[2] != "true"]
    assert not refused  # the run-time accepted every value the adapter set


@pytest.mark.parametrize(("folder", "version"), [("pkg", "1.2"), ("pkg2004", "2004")])
def test_every_question_type_is_reported_in_the_versions_format(context, platform, folder, version):
    """A self-check answered in full: the run-time accepts every value; the reflection is not sent."""
    page = context.new_page()
    frame_page, _ = open_sco(page, platform, CHECK.replace("pkg/", f"{folder}/"), version=version)
    wait_enhanced(frame_page, "sample-check")
    answers = {
        "who": "parties",
        "sure-who": "1",
        "features": ["consent", "voluntary"],
        "binding": "false",
        "order": ["negotiation", "mediation", "arbitration"],
        "pairs": {"med": "med", "arb": "med"},
    }
    frame_page.locator("#sample-check--think--text").fill("A private thought ]]> {}")  # the reflection
    for question_id, value in answers.items():
        answer(frame_page, "sample-check", question_id, value, MOUSE)
        if question_id != "sure-who":
            check(frame_page, "sample-check", question_id, MOUSE)
    sets = page.evaluate("window.sets")
    assert not [entry for entry in sets if entry[2] != "true"]  # the run-time accepted every value
    assert "A private thought" not in json.dumps(sets)  # a reflection never leaves the device
    cmi = runtime(page, version)
    key = "student_response" if version == "1.2" else "learner_response"
    responses = {i["id"]: (i["type"], i[key], i["result"]) for i in listed(cmi["interactions"])}
    pair, items, wrong = (".", ",", "wrong") if version == "1.2" else ("[.]", "[,]", "incorrect")
    assert responses["features"] == ("choice", f"consent{items}voluntary", "correct")
    assert responses["pairs"] == ("matching", f"med{pair}med{items}arb{pair}med", "0.5")
    assert responses["binding"][0] == "true-false" and responses["binding"][2] == "correct"
    assert responses["who"][2] == "correct" and wrong in ("wrong", "incorrect")
    assert "think" not in responses
    if version == "1.2":  # a finished self-check is completed (practice: nobody fails it), with its score
        assert (cmi["core"]["lesson_status"], cmi["core"]["score"]["raw"]) == ("completed", "90")
    else:
        assert (cmi["completion_status"], cmi["success_status"], cmi["score"]["raw"]) == ("completed", "unknown", "90")
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function("() => window.calls.some(c => c === 'LMSFinish:true' || c === 'Terminate:true')")
    exits = [value for key, value, ok in page.evaluate("window.sets") if key.endswith(".exit") or key == "cmi.exit"]
    assert exits == ["suspend"]  # so that the platform keeps the answers for the next session


def test_a_second_session_restores_the_answers_from_suspend_data(browser, platform):
    first = browser.new_context()
    page = first.new_page()
    accept_dialogs(page)
    frame_page, _ = open_sco(page, platform, POST)
    take_post(frame_page, frame_page)
    saved = runtime(page)["suspend_data"]
    first.close()
    second = browser.new_context()  # another computer: nothing in local storage
    try:
        page = second.new_page()
        frame_page, _ = open_sco(page, platform, POST, suspend=saved)
        form = wait_enhanced(frame_page, "sample-post")
        expect(frame_page.locator("#sample-post--who--parties")).to_be_checked()
        expect(frame_page.locator("#sample-post--consent--false")).to_be_checked()
        expect(form.locator(".quiz-summary")).to_be_visible()  # submitted: the review is shown again
        assert runtime(page)["core"]["score"]["raw"] == "67"
    finally:
        second.close()


def test_the_platforms_mastery_score_decides_passed(context, platform):
    page = context.new_page()
    accept_dialogs(page)
    frame_page, _ = open_sco(page, platform, POST, mastery="60")
    take_post(frame_page, frame_page)
    assert runtime(page)["core"]["lesson_status"] == "passed"


def test_scorm_2004_takes_the_platforms_passing_score(context, platform):
    page = context.new_page()
    accept_dialogs(page)
    frame_page, _ = open_sco(page, platform, POST.replace("pkg/", "pkg2004/"), version="2004", mastery="60")
    take_post(frame_page, frame_page)
    assert runtime(page, "2004")["success_status"] == "passed"


def test_a_module_page_is_completed_once_read(context, platform):
    page = context.new_page()
    frame_page, _ = open_sco(page, platform, MODULE)
    frame_page.wait_for_function("() => !!window.QuizScorm")
    assert runtime(page)["core"]["lesson_status"] == "incomplete"
    frame_page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function("() => window.API.cmi.core.lesson_status === 'completed'")


def test_a_self_check_commits_after_each_checked_answer(context, platform):
    page = context.new_page()
    frame_page, _ = open_sco(page, platform, CHECK)
    wait_enhanced(frame_page, "sample-check")
    commits = page.evaluate("window.calls").count("LMSCommit:true")
    answer(frame_page, "sample-check", "who", "parties", MOUSE)
    check(frame_page, "sample-check", "who", MOUSE)
    assert page.evaluate("window.calls").count("LMSCommit:true") > commits
    assert [(i["id"], i["result"]) for i in listed(runtime(page)["interactions"])] == [("who", "correct")]
    assert runtime(page)["core"]["lesson_status"] == "incomplete"  # not every question checked yet


def test_a_status_never_goes_back_to_incomplete(context, platform):
    """A module read (completed), then its self-check begun in the same SCO: still completed."""
    page = context.new_page()
    frame_page, _ = open_sco(page, platform, CHECK, status="completed")
    wait_enhanced(frame_page, "sample-check")
    answer(frame_page, "sample-check", "who", "parties", MOUSE)
    check(frame_page, "sample-check", "who", MOUSE)
    assert runtime(page)["core"]["lesson_status"] == "completed"
    assert ["cmi.core.lesson_status", "incomplete", "true"] not in page.evaluate("window.sets")


def test_suspend_data_keeps_the_newest_answers_under_the_cap(context, platform):
    """Saved data near SCORM 1.2's 4,096 characters: the oldest answers make room, the page says so."""
    old = {"old-quiz": {"s": 0, "a": {f"q{i}": ["abcdefgh", "x" * 30, 1, 1000 + i] for i in range(90)}}}
    page = context.new_page()
    notes = []
    page.on("console", lambda message: notes.append(message.text))
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    frame_page, _ = open_sco(page, platform, CHECK, suspend=json.dumps(old, separators=(",", ":")))
    wait_enhanced(frame_page, "sample-check")
    answer(frame_page, "sample-check", "who", "parties", MOUSE)
    check(frame_page, "sample-check", "who", MOUSE)
    text = runtime(page)["suspend_data"]
    assert len(text) <= 4096
    saved = json.loads(text)
    assert saved["sample-check"]["a"]["who"][1] == "parties"  # the newest answer is kept
    assert "q0" not in saved["old-quiz"]["a"] and "q89" in saved["old-quiz"]["a"]  # the oldest went first
    assert any("4096 characters" in note for note in notes)
    assert not errors


def test_a_graded_quiz_says_what_the_platform_keeps(context, platform):
    page = context.new_page()
    frame_page, _ = open_sco(page, platform, POST)
    wait_enhanced(frame_page, "sample-post")
    notice = frame_page.locator(".quiz-lms-notice")
    expect(notice).to_have_count(1)
    expect(notice).to_contain_text("your answers to this quiz and your score are also saved on the platform")
    expect(notice).to_contain_text("Written reflections and survey answers stay on this device")


def test_without_a_platform_the_page_behaves_as_on_the_site(context, platform):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(platform + CHECK)
    wait_enhanced(page, "sample-check")
    answer(page, "sample-check", "who", "parties", MOUSE)
    check(page, "sample-check", "who", MOUSE)
    expect(page.locator("#sample-check--who .quiz-result")).to_be_visible()
    saved = page.evaluate("localStorage.getItem('ipu-mediation/v1/quiz/sample-check')")
    assert json.loads(saved)["answers"]["who"]["answer"] == "parties"
    assert page.evaluate("window.QuizScorm === undefined")
    expect(page.locator(".quiz-lms-notice")).to_have_count(0)
    assert not errors


def test_scorm_2004_from_the_same_adapter(context, platform):
    """The 2004 package (4th edition) in scorm-again's 2004 run-time: scaled score, both statuses."""
    page = context.new_page()
    accept_dialogs(page)
    frame_page, _ = open_sco(page, platform, POST.replace("pkg/", "pkg2004/"), version="2004")
    take_post(frame_page, frame_page)
    cmi = runtime(page, "2004")
    assert cmi["score"]["raw"] == "67" and float(cmi["score"]["scaled"]) == pytest.approx(0.67)
    assert cmi["completion_status"] == "completed" and cmi["success_status"] == "failed"  # under 80
    by_id = {i["id"]: i for i in listed(cmi["interactions"])}
    assert by_id["consent"]["learner_response"] == "false" and by_id["consent"]["result"] == "incorrect"
    assert by_id["order"]["learner_response"] == "negotiation[,]mediation[,]arbitration"
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function("() => window.calls.includes('Terminate:true')")
    time = [value for key, value, ok in page.evaluate("window.sets") if key == "cmi.session_time" and ok == "true"]
    assert len(time) == 1 and re.fullmatch(r"PT[0-9.]+S", time[0])
    assert not [entry for entry in page.evaluate("window.sets") if entry[2] != "true"]


@pytest.fixture(scope="module")
def course_platform(tmp_path_factory, course_offline):
    """The real course's package (its offline edition), served with the run-time and the harness."""
    base = tmp_path_factory.mktemp("scorm-course")
    content = load_content(ROOT)
    build_package(course_offline.site, content, default_course(content), base / "package.zip")
    with zipfile.ZipFile(base / "package.zip") as archive:
        archive.extractall(base / "serve" / "pkg")
    for name in ("scorm12.js", "scorm2004.js"):
        shutil.copy2(RUNTIME / name, base / "serve" / name)
    shutil.copy2(Path(__file__).with_name("scorm") / "harness.html", base / "serve" / "harness.html")
    with serving(bind_server(base / "serve")) as url:
        yield url


def test_survey_answers_stay_on_the_device(context, course_platform):
    """The capacity survey promises its answers never leave the device: the platform hears only
    whether it is done, with no interaction and nothing in the suspend data."""
    page = context.new_page()
    frame_page, _ = open_sco(page, course_platform, "pkg/quizzes/capacity-survey.html")
    wait_enhanced(frame_page, "capacity-survey")
    frame_page.locator("fieldset#capacity-survey--topics input[type=checkbox]").first.check()
    page.wait_for_function("() => window.calls.filter(c => c === 'LMSCommit:true').length >= 1")
    cmi = runtime(page)
    assert listed(cmi["interactions"]) == []
    assert "capacity-survey" not in cmi["suspend_data"]
    assert cmi["core"]["lesson_status"] == "incomplete"
    assert not [entry for entry in page.evaluate("window.sets") if "topics" in json.dumps(entry)]
    expect(frame_page.locator(".quiz-lms-notice")).to_have_count(0)  # no notice: nothing is sent


def test_the_package_leaves_out_what_no_page_loads_as_the_offline_zip_does(offline_build, tmp_path):
    content = load_content(offline_build.project)
    package = tmp_path / "package.zip"
    build_package(offline_build.site, content, default_course(content), package, "1.2")
    names = zipfile.ZipFile(package).namelist()
    assert not [name for name in names if name.endswith(".map")], "source maps"
    lunr = [name for name in names if "/lunr/" in name]
    assert lunr == [], f"lunr language files an English-only search never loads: {lunr}"
    assert "search/search_index.json" in names, "a platform serves the package over HTTP: search reads the JSON"
    assert "search/search_index.js" not in names, "the copy for file:// only"


def test_search_works_in_the_package_served_by_a_platform(context, platform):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(platform + "pkg/modules/sample.html")
    search = page.locator(".md-search__input")
    if not search.is_visible():
        page.locator("label[for='__search']:visible").first.click()
    search.click()
    page.keyboard.type("arbitration", delay=30)  # page.fill does not trigger Material's search
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=20_000)
    assert "matching document" in page.locator(".md-search-result__meta").inner_text()
    assert not errors
