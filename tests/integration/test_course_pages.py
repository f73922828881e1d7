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


def _nav_labels(path: Path) -> list[str]:
    page = path.read_text(encoding="utf-8")
    labels = re.findall(r'class="md-ellipsis">\s*([^<]+?)\s*<', page)
    return [html.unescape(" ".join(label.split())) for label in labels]


def test_the_essentials_title_gives_this_courses_reading_time_everywhere(built):
    """Four modules' summaries take 5 minutes to read, not the IPU course's 15: the title, the
    navigation, the links from other pages and the description say so, in each language."""
    _, site = built
    title = "The essentials in 5 minutes"
    essentials = site / "essentials" / "index.html"
    assert f'<h1 id="the-essentials-in-5-minutes">{title}' in essentials.read_text("utf-8")
    assert "in about 5 minutes of reading" in _text(essentials)
    assert title in _nav_labels(site / "how-to-use" / "index.html")
    assert f"then read {title} ." in _text(site / "index.html")  # the link, then the full stop
    assert "(about 5 minutes): one short part per module" in _text(site / "how-to-use" / "index.html")
    french = _text(site / "fr" / "essentials" / "index.html")
    figure = re.search(r"L’essentiel en (\d+) minutes", french)  # French takes longer to read
    assert figure and int(figure.group(1)) < 15, french[:80]
    assert f"L’essentiel en {figure.group(1)} minutes" in _nav_labels(site / "fr" / "how-to-use" / "index.html")
    assert f"How to use this course , {title} )" in _text(site / "for-trainers" / "index.html")
    for path in (essentials, site / "how-to-use" / "index.html", site / "index.html"):
        assert "15 minutes" not in _text(path), path


def test_how_to_use_names_the_courses_other_language(built):
    _, site = built
    english = _text(site / "how-to-use" / "index.html")
    assert "The course is also in French ( Français ): the languages button" in english
    french = _text(site / "fr" / "how-to-use" / "index.html")
    assert "Le cours existe aussi en anglais ( English ) : le bouton des langues" in french


def test_a_course_in_one_language_does_not_offer_another(tmp_path):
    project = _project(tmp_path / "project")
    course = project / "courses" / f"{COURSE_ID}.yml"
    french_only = COURSE.replace("languages: [en, fr]", "languages: [fr]")
    french_only = french_only.replace("Mediation for members, a half day", "La médiation, une demi-journée")
    french_only = french_only.split("translations:")[0] + "modules:" + french_only.split("modules:", 1)[1]
    french_only = french_only.replace("label: Coffee", "label: Pause café")
    french_only = french_only.replace("assessments: [diagnostic, post]", "assessments: [post]")
    course.write_text(french_only, encoding="utf-8")
    result = _build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = _text(tmp_path / "site" / "how-to-use" / "index.html")
    assert "Le cours compte quatre modules." in page  # the French page, at the root
    assert "existe aussi" not in page and "English" not in page and "anglais" not in page
    assert "Vos réponses sont enregistrées dans votre navigateur" in page  # the list items around it stay
    assert "Chaque quiz s’imprime comme une fiche d’exercices." in page
    assert not (tmp_path / "site" / "en").exists()
    # No diagnostic: neither the invitation to take it nor to read where it surprised you.
    assert not (tmp_path / "site" / "quizzes" / "diagnostic").exists()
    assert "Lisez l’essentiel" in page and "Faites l’ évaluation finale" in page
    assert "Faites l’ évaluation initiale" not in page and "vous a surpris" not in page
    # nor to compare the post-workshop assessment with it (it said "the same objectives as the diagnostic")
    assert "Elle pose de nouvelles questions sur les objectifs du cours." in page
    assert "initiale" not in page and "Comparez" not in page


def test_no_page_invites_the_reader_to_an_assessment_the_course_leaves_out(built):
    """The half day has no survey: How to use does not ask the reader to answer it (before, it did,
    with "survey" as plain text); the items around it stay."""
    _, site = built
    assert not (site / "quizzes" / "capacity-survey").exists()
    how = _text(site / "how-to-use" / "index.html")
    assert "Open My progress ." in how and "Write your action plan :" in how
    assert "survey" not in how and "further training" not in how
    french = _text(site / "fr" / "how-to-use" / "index.html")
    assert "enquête" not in french and "Rédigez votre plan d’action :" in french


def test_the_home_page_gives_this_courses_module_reading_times(built, facts):
    """It said "about a quarter of an hour" whatever the course's modules."""
    _, site = built
    assert facts["en"]["course_module_reading_time"].endswith(" minutes")
    english = _text(site / "index.html")
    assert f"Each module takes {facts['en']['course_module_reading_time']} to read." in english
    assert "quarter" not in english
    french = _text(site / "fr" / "index.html")
    assert f"Il faut {facts['fr']['course_module_reading_time']} pour lire chaque module." in french


def test_the_home_page_does_not_say_the_course_accompanies_the_ipu_workshop(built):
    """A trainer's course is not the IPU workshop's companion: its home page gives its own subtitle
    (none here), where it used to say "It accompanies the Inter-Parliamentary Union (IPU) workshop"."""
    _, site = built
    home = _text(site / "index.html").split("Where to start")[0]
    assert "Mediation for members, a half day ¶ This site teaches mediation as a tool" in home
    assert "accompanies" not in home and "IPU" not in home
    french = _text(site / "fr" / "index.html").split("Par où commencer")[0]
    assert "Ce site présente la médiation" in french
    assert "accompagne l" not in french and "UIP" not in french
