"""The two editions of the site: what the trainer edition adds and the learners' edition never holds.

What must not leak into the learners' edition (every HTML page, `search/search_index.json`, the
Downloads page and its files):
- the facilitator notes: each module's timing text, discussion prompts and live-poll question,
  and the notes box's markers;
- the trainer's answer key: the key block under each question (`data-trainer-key`), its title,
  and the trainer files (the trainer edition's PDF, the session plan);
- the exports for learning platforms (SCORM packages, Moodle XML and GIFT question banks), which
  hold every answer: not their files, nor their names.

Not a leak: a learner's quiz page holds each question's answer and explanation in a hidden block
(`<details class="quiz-answer" data-search-exclude>`, questions.html.j2) that the quiz engine shows
after the learner answers; it stays out of the search index. The tests check that too.

Each search is proved able to fail: the same search, run on a learner page (or index) into which a
note or a key block has been put, finds it.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from build_tools.exports.trainer_downloads import file_names
from build_tools.loader import load_content
from build_tools.model import GRADED_TYPES
from build_tools.presentation import numbered_questions
from build_tools.rendering import load_strings
from build_tools.safe_html import markdown_to_text
from tests.conftest import ROOT

CONTENT = load_content(ROOT)
TRAINER = load_strings("en")["trainer"]
KEY_TITLE = TRAINER["key_title"].split("{", 1)[0].strip()  # "Answer key (trainer edition):"
MARKERS = ("data-facilitator-notes", 'class="admonition facilitator"', "data-trainer-key", "trainer-key")
"""What marks the notes box and the key block in HTML (the learner pages must hold none of them)."""
TRAINER_FILES = ("trainer-edition.pdf", "session-plan.pdf")
LMS_FILES = tuple(file_names("ipu-workshop").values())
"""The SCORM packages and question banks of the trainer edition's Downloads page: learners never see
them, nor their names (the page for trainers describes them without naming the files)."""
NOINDEX = '<meta name="robots" content="noindex">'


def words(text: str) -> str:
    return " ".join(text.split())


def note_texts(module) -> list[str]:
    """A module's facilitator notes as a reader sees them: timing, prompts and live-poll question."""
    notes = module.facilitator_notes
    texts = [notes.timing, *notes.discussion_prompts] + ([notes.live_poll] if notes.live_poll else [])
    return [words(markdown_to_text(text)) for text in texts]


def notes_of(content) -> list[tuple[str, str]]:
    """(module id, note text) for every facilitator note of a content."""
    return [(module.id, text) for module in content.modules for text in note_texts(module)]


NOTES = notes_of(CONTENT)


def page_text(markup: str) -> str:
    """The text of an HTML page or fragment, tags removed and whitespace collapsed."""
    inline = re.sub(r"</?(?:abbr|a|strong|em|code|span)\b[^>]*>", "", markup)  # a glossary term, a link
    return words(html.unescape(re.sub(r"<[^>]+>", " ", inline)))


def pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def search_text(site: Path, location: str = "") -> str:
    """Everything the site's search can find (on the pages whose address starts with `location`), as text."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = [doc for doc in index["docs"] if doc["location"].startswith(location)]
    return page_text(" ".join(f"{doc['title']} {doc['text']}" for doc in docs))


def leaks(site: Path, notes: list[tuple[str, str]] = NOTES) -> list[str]:
    """Every facilitator note, key marker and trainer file found in a built site: none for learners."""
    found = []
    texts = {path: page_text(markup) for path, markup in pages(site).items()}
    for path, markup in pages(site).items():
        found += [f"{path}: marker {m}" for m in MARKERS if m in markup]
        if KEY_TITLE in texts[path]:
            found.append(f"{path}: {KEY_TITLE}")
        found += [f"{path}: a note of {module}: {text[:50]}" for module, text in notes if text in texts[path]]
        found += [f"{path}: links {name}" for name in TRAINER_FILES if re.search(rf'href="[^"]*{name}"', markup)]
        found += [f"{path}: names {name}" for name in LMS_FILES if name in markup]
    index = search_text(site)
    found += [f"search index: names {name}" for name in LMS_FILES if name in index]
    found += [f"search index: a note of {module}: {text[:50]}" for module, text in notes if text in index]
    if KEY_TITLE in index:
        found.append(f"search index: {KEY_TITLE}")
    found += [f"downloads/{name}" for name in TRAINER_FILES + LMS_FILES if (site / "downloads" / name).exists()]
    found += [f"{path.relative_to(site)}" for name in LMS_FILES for path in site.rglob(name)]
    return found


# ---- The learners' edition holds none of it ---------------------------------------------------


def test_the_learners_edition_holds_no_note_no_key_and_no_trainer_file(course_site):
    assert leaks(course_site) == []


def test_the_learners_downloads_page_and_handouts_hold_no_trainer_file_and_no_note(course_site):
    downloads = course_site / "downloads"
    page = (downloads / "index.html").read_text(encoding="utf-8")
    assert "workbook.pdf" in page and not any(name in page for name in TRAINER_FILES + LMS_FILES)
    assert "SCORM" not in page and "Moodle" not in page
    assert 'id="for-trainers"' not in page
    assert sorted(p.name for p in downloads.glob("*.pdf")) == sorted(
        [f"{m.id}.pdf" for m in CONTENT.modules] + ["workbook.pdf"]
    )
    for pdf in [downloads / "workbook.pdf", downloads / f"{CONTENT.modules[0].id}.pdf"]:
        text = words(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
        assert not [n for _, n in NOTES if n[:60] in text], pdf.name


def test_the_learners_quiz_pages_keep_the_engines_hidden_answers_out_of_search(course_site):
    """The learner quiz works as before: its answer blocks are in the page, for the engine, hidden
    from search; no trainer key is added."""
    for quiz in CONTENT.quizzes.values():
        index = search_text(course_site, f"quizzes/{quiz.id}/")
        markup = (course_site / "quizzes" / quiz.id / "index.html").read_text(encoding="utf-8")
        graded = [s.question for s in numbered_questions(quiz) if isinstance(s.question, GRADED_TYPES)]
        assert markup.count('<details class="quiz-answer" data-search-exclude>') == len(graded), quiz.id
        for question in graded:
            assert words(markdown_to_text(question.explanation))[:80] not in index, (quiz.id, question.id)


def test_learner_pages_may_be_indexed(course_site):
    assert not [path for path, markup in pages(course_site).items() if NOINDEX in markup]


# ---- The searches can fail ---------------------------------------------------------------------


def test_the_search_finds_a_note_or_key_put_into_a_learner_page(course_site, course_trainer_site, tmp_path):
    module = CONTENT.modules[0]
    quiz = next(q for q in CONTENT.quizzes_of(module) if q.kind == "self-check")
    trainer_module = (course_trainer_site / "modules" / module.id / "index.html").read_text(encoding="utf-8")
    trainer_quiz = (course_trainer_site / "quizzes" / quiz.id / "index.html").read_text(encoding="utf-8")
    notes_box = re.search(r'<section[^>]*class="admonition facilitator".*?</section>', trainer_module, re.S).group(0)
    key_block = re.search(r'<div class="admonition trainer-key".*?</div>\s*</div>', trainer_quiz, re.S).group(0)
    for what, page, block in [("notes", f"modules/{module.id}", notes_box), ("key", f"quizzes/{quiz.id}", key_block)]:
        site = tmp_path / what
        shutil.copytree(course_site, site)
        path = site / page / "index.html"
        path.write_text(path.read_text(encoding="utf-8").replace("</article>", block + "</article>"), encoding="utf-8")
        assert leaks(site), f"the {what} put into {page} was not found"
    # one prompt, put into the search index alone
    site = tmp_path / "index"
    shutil.copytree(course_site, site)
    index_path = site / "search" / "search_index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    index["docs"][0]["text"] += " " + module.facilitator_notes.discussion_prompts[0]
    index_path.write_text(json.dumps(index), encoding="utf-8")
    assert [found for found in leaks(site) if found.startswith("search index")]


def test_the_search_finds_an_export_put_into_a_learner_site(course_site, course_trainer_site, tmp_path):
    trainer_page = (course_trainer_site / "downloads" / "index.html").read_text(encoding="utf-8")
    exports = re.search(r'<h3 id="learning-platforms".*?</ul>', trainer_page, re.S).group(0)
    site = tmp_path / "page"
    shutil.copytree(course_site, site)
    page = site / "downloads" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", exports + "</article>"), encoding="utf-8")
    assert [found for found in leaks(site) if "names" in found]
    site = tmp_path / "file"
    shutil.copytree(course_site, site)
    shutil.copy(course_trainer_site / "downloads" / LMS_FILES[2], site / "assets" / LMS_FILES[2])
    assert leaks(site) == [f"assets/{LMS_FILES[2]}"]


# ---- The trainer edition holds all of it -------------------------------------------------------


def test_the_trainer_edition_shows_every_note_on_its_module_page_and_in_search(course_trainer_site):
    index = search_text(course_trainer_site)
    for module in CONTENT.modules:
        markup = (course_trainer_site / "modules" / module.id / "index.html").read_text(encoding="utf-8")
        box = re.search(r'<section[^>]*class="admonition facilitator".*?</section>', markup, re.S)
        assert box, module.id
        text = page_text(box.group(0))
        for note in note_texts(module):
            assert note in text and note in index, (module.id, note[:50])
        for segment in module.facilitator_notes.segments:
            assert f"{segment.minutes} minutes: {segment.activity}" in text


def test_the_trainer_edition_shows_the_key_of_every_graded_question(course_trainer_site):
    for quiz in CONTENT.quizzes.values():
        markup = (course_trainer_site / "quizzes" / quiz.id / "index.html").read_text(encoding="utf-8")
        graded = [s for s in numbered_questions(quiz) if isinstance(s.question, GRADED_TYPES)]
        keys = re.findall(r'<div class="admonition trainer-key" data-trainer-key="([^"]+)"', markup)
        assert keys == [s.question.id for s in graded], quiz.id
        for shown in graded:
            q = shown.question
            block = re.search(rf'data-trainer-key="{q.id}".*?</div>\s*</div>', markup, re.S).group(0)
            text = page_text(block)
            assert TRAINER["key_title"].format(number=shown.number) in text
            assert words(markdown_to_text(q.explanation))[:80] in text
            if q.type in ("single", "multiple"):
                correct = {q.answer} if q.type == "single" else set(q.answer)
                for option in q.options:
                    label = TRAINER["key_correct" if option.id in correct else "key_wrong"]
                    assert f"{label}: {words(markdown_to_text(option.text))}" in text, (quiz.id, q.id, option.id)
            if q.type == "true-false":
                assert f"{TRAINER['key_true_false']} {'True' if q.answer else 'False'}" in text


def test_the_trainer_quiz_keeps_the_engines_answer_blocks(course_trainer_site):
    quiz = next(q for q in CONTENT.quizzes.values() if q.kind == "self-check")
    markup = (course_trainer_site / "quizzes" / quiz.id / "index.html").read_text(encoding="utf-8")
    assert '<details class="quiz-answer" data-search-exclude>' in markup and "data-quiz=" in markup


def test_every_trainer_page_asks_not_to_be_indexed_and_says_what_it_is(course_trainer_site):
    found = pages(course_trainer_site)
    assert len(found) > len(CONTENT.modules) + len(CONTENT.quizzes)
    assert not [path for path, markup in found.items() if NOINDEX not in markup]
    french = load_strings("fr", ROOT)["trainer"]["banner"]  # the French edition says it in French
    banner = {path: french if path.startswith("fr/") else TRAINER["banner"] for path in found}
    assert not [path for path, markup in found.items() if banner[path][:40] not in html.unescape(markup)]


def test_the_trainer_downloads_page_lists_the_trainer_pdfs(course_trainer_site):
    downloads = course_trainer_site / "downloads"
    page = (downloads / "index.html").read_text(encoding="utf-8")
    text = page_text(page)
    assert TRAINER["downloads_heading"] in text
    for name in TRAINER_FILES:
        assert f'href="{name}"' in page and (downloads / name).stat().st_size > 10_000
        assert TRAINER["downloads_files"][name] in text
    assert 'href="workbook.pdf"' in page  # and the learners' handouts too


def test_the_trainer_edition_has_the_session_plan_page_in_its_navigation(course_trainer_site):
    page = (course_trainer_site / "session-plan" / "index.html").read_text(encoding="utf-8")
    text = page_text(page)
    assert "Session: 2025-04-08, 16:30–18:00, 90 minutes, with no breaks." in text
    assert "add up to 425 minutes: 335 minutes more than the 90 minutes for teaching" in text
    assert page.count('class="session-plan-row') == 18
    assert 'href="../for-trainers/#when-the-plan-is-too-long"' in page
    assert 'href="../downloads/session-plan.pdf"' in page
    home = (course_trainer_site / "index.html").read_text(encoding="utf-8")
    assert 'href="session-plan/"' in home


# ---- The fixture site: the same in small -------------------------------------------------------


@pytest.mark.parametrize("edition", ["learner", "trainer"])
def test_the_fixture_sites_editions(site_build, trainer_build, edition):
    """The fixture site has no course file, so no session: its trainer edition (EDITION=trainer, read
    from the environment, as its mkdocs.yml does not set `edition`) has notes and keys but no session plan."""
    site = (site_build if edition == "learner" else trainer_build).site
    module = (site / "modules" / "sample" / "index.html").read_text(encoding="utf-8")
    quiz = (site / "quizzes" / "sample-check" / "index.html").read_text(encoding="utf-8")
    found = ("data-facilitator-notes" in module, "data-trainer-key" in quiz, NOINDEX in module)
    assert found == ((False, False, False) if edition == "learner" else (True, True, True))
    assert not (site / "session-plan").exists() and not (site / "downloads" / "session-plan.pdf").exists()


# ---- Hostile author text in the trainer edition ------------------------------------------------

HOSTILE_COURSE = """\
id: hostile
title: A hostile course
organisation: An institute
modules: [hostile]
assessments: []
session:
  start: "09:00"
  minutes: 30
  breaks:
    - at: "09:10"
      minutes: 5
      label: Coffee <img src=x onerror=alert(1)> *not emphasis*
"""

ESSENTIALS_OF_ANOTHER_MODULE = """\
# The essentials

## 1. Other

Its point.

[Go deeper: Module 1, Other](modules/other.md)

## What next

Read on.
"""


def test_hostile_text_stays_text_in_the_trainer_edition_and_its_session_plan(
    hostile_project, run_mkdocs_build, site_build, tmp_path
):
    from html_safety import inline_scripts, unsafe_markup

    project = hostile_project(tmp_path / "project")
    (project / "courses").mkdir()
    (project / "courses" / "hostile.yml").write_text(HOSTILE_COURSE, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "  - mediation " in text
    config.write_text(re.sub(r"  - mediation .*\n", "  - mediation:\n      course: hostile\n", text), encoding="utf-8")
    # an essentials page with no part on the hostile module: the build writes one from its texts
    (project / "docs" / "essentials.md").write_text(ESSENTIALS_OF_ANOTHER_MODULE, encoding="utf-8")
    build = run_mkdocs_build(project, tmp_path / "site", edition="trainer")
    assert build.returncode == 0, build.output
    theme = frozenset(s for page in site_build.site.rglob("*.html") for s in inline_scripts(page.read_text("utf-8")))
    found = {path: unsafe_markup(markup, theme) for path, markup in pages(build.site).items()}
    assert "session-plan/index.html" in found and "modules/hostile/index.html" in found
    assert "essentials/index.html" in found
    assert not {path: problems for path, problems in found.items() if problems}
    plan = page_text((build.site / "session-plan" / "index.html").read_text(encoding="utf-8"))
    hostile = load_content(project).modules[0]
    activity = hostile.facilitator_notes.segments[0].activity
    assert activity in plan and "Coffee <img src=x onerror=alert(1)> *not emphasis*" in plan
    notes = page_text((build.site / "modules" / "hostile" / "index.html").read_text(encoding="utf-8"))
    assert f"10 minutes: {activity}" in notes
    essentials = page_text((build.site / "essentials" / "index.html").read_text(encoding="utf-8"))
    assert f"1. {hostile.title}" in essentials and hostile.summary in essentials
    assert "Mediation leaves <svg onload=alert(1)> the decision" in essentials  # a takeaway, as text
    assert "Other" not in essentials and "What next" in essentials


# ---- A composed course (tests/fixtures/course, built by `course build`) -------------------------


def test_a_composed_course_keeps_its_notes_out_of_its_site_and_plans_its_session(composed_course):
    from build_tools.courses.load import load_course_content

    loaded = load_course_content(composed_course, "institute-half-day")
    dist = composed_course / "dist" / "institute-half-day"
    assert leaks(dist / "site", notes_of(loaded.content)) == []
    plan = dist / "trainer" / "session-plan.pdf"
    text = words(subprocess.run(["pdftotext", str(plan), "-"], capture_output=True, text=True, check=True).stdout)
    assert "Session: 2025-06-03, 09:30–12:30, 180 minutes, of which 165 minutes for teaching" in text
    local = next(m for m in loaded.content.modules if m.facilitator_notes.minutes is None)
    assert f"No timing for: {local.title}." in text and "Coffee" in text
    assert "Module 1: Understanding conflict" in text  # numbered in the course's order
