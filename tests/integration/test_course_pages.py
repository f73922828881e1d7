"""The hand-written pages and the session plan of a trainer's own course, built: a half day of four
shared modules (1, 3, 6 and 9 of the IPU course) in English and French, trainer edition.

The pages shared by every course (How to use, About, For trainers) state this course's figures, not
the IPU course's nine modules and 425 minutes; its session plan names its breaks in each language.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.courses.facts import course_facts
from build_tools.courses.load import load_course_content
from build_tools.i18n import translate_content
from build_tools.rendering import load_strings
from tests.conftest import PROJECT_PARTS, ROOT, copy_project

COURSE_ID = "half-day-bilingual"
MODULES = ["parliaments-and-peace", "principles-of-mediation", "human-and-common-security", "mediation-in-practice"]
COURSE = f"""\
id: {COURSE_ID}
title: Mediation for members, a half day
organisation: Example Training Institute
languages: [en, fr]
translations:
  fr:
    title: La médiation pour les parlementaires, une demi-journée
    breaks: {{"10:30": Pause café}}
modules: [{", ".join(MODULES)}]
assessments: [diagnostic, post]
session:
  start: "09:00"
  minutes: 210
  breaks:
    - {{at: "10:30", minutes: 20, label: Coffee}}
    - {{at: "11:50", minutes: 10}}
"""


def _build(project: Path, site: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "HANDOUTS": "false", "EDITION": "trainer"}
    env["COURSE"] = COURSE_ID
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project, env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip


def _project(dest: Path) -> Path:
    project = copy_project(ROOT, dest, PROJECT_PARTS)
    (project / "courses" / f"{COURSE_ID}.yml").write_text(COURSE, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("course-pages")
    project = _project(base / "project")
    result = _build(project, base / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project, base / "site"


def _text(path: Path) -> str:
    """The page's main text, tags taken out, spaces (no-break ones too) made plain."""
    page = path.read_text(encoding="utf-8")
    main = page.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", main)).replace("\u202f", " ").replace("\xa0", " ").split())


@pytest.fixture(scope="module")
def facts(built):
    project, _ = built
    content = load_course_content(project, COURSE_ID).content
    french, _ = translate_content(content, project, "fr", strict=True)  # French words: its own reading time
    return {"en": course_facts(content, load_strings("en")), "fr": course_facts(french, load_strings("fr", project))}


def test_the_figures_are_the_courses(facts):
    assert facts["en"]["course_modules"] == "four modules"
    assert facts["fr"]["course_modules"] == "quatre modules"
    assert facts["en"]["course_group_minutes"] == "195 minutes"  # 45 + 45 + 45 + 60, from the modules' notes


def test_how_to_use_states_this_courses_modules_and_reading_time(built, facts):
    _, site = built
    english = _text(site / "how-to-use" / "index.html")
    assert "The course has four modules. Each one stands on its own" in english
    assert f"Most readers need {facts['en']['course_reading_time']} for the whole course" in english
    assert "nine" not in english and "two hours" not in english and "{course_" not in english
    french = _text(site / "fr" / "how-to-use" / "index.html")
    assert "Le cours compte quatre modules." in french
    assert f"consacrent {facts['fr']['course_reading_time']} à tout le cours" in french
    assert "neuf" not in french and "{course_" not in french


def test_about_and_for_trainers_state_this_courses_figures(built):
    _, site = built
    about = _text(site / "about" / "index.html")
    assert "carries that work forward in four modules on the workshop's themes" in about
    assert "nine modules" not in about
    assert "ce travail en quatre modules sur les thèmes" in _text(site / "fr" / "about" / "index.html")
    guide = _text(site / "for-trainers" / "index.html")
    assert "The facilitator timings of this course (four modules) add up to 195 minutes with a group" in guide
    assert "425" not in guide and "{course_" not in guide
    assert "de ce cours (quatre modules) totalisent 195 minutes" in _text(site / "fr" / "for-trainers" / "index.html")
    # where a page names the placeholders, in code, they stay as written
    assert "{course_modules}" in _text(site / "authoring" / "index.html")


def test_the_session_plan_names_its_breaks_in_each_language(built):
    _, site = built
    english = _text(site / "session-plan" / "index.html")
    assert "10:30–10:50 20 minutes Coffee" in english and "Break" in english
    french = _text(site / "fr" / "session-plan" / "index.html")
    assert "Pause café" in french and "Coffee" not in french and "Break" not in french
    assert re.search(r"20 minutes Pause café .* 10 minutes Pause\b", french), french


def test_an_unknown_placeholder_stops_the_build_at_its_line(tmp_path):
    project = _project(tmp_path / "project")
    page = project / "docs" / "how-to-use.md"
    page.write_text(page.read_text("utf-8").replace("{course_reading_time}", "{course_reading_hours}"), "utf-8")
    result = _build(project, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "docs/how-to-use.md:9: unknown placeholder {course_reading_hours} (hint: use one of" in output, output
    assert "Traceback" not in output
