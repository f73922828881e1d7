"""A course's exports speak its first language, as the root of its site does: the question banks
(Moodle XML, GIFT) and the SCORM manifest of a course in French first are in French, and the notice
the package adds above a quiz is in the language of the page it is on.

Built from the bilingual fixture site with the fixture courses of tests/fixtures/course-languages.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile

import pytest

from build_tools.cli import main
from build_tools.exports.course import course_and_content
from build_tools.exports.scorm import build_package, with_adapter
from tests.conftest import course_in_languages

from .test_scorm_manifest import NAMESPACES, PAGE, fake_offline_site

FRENCH_MODULE = "Un module d’exemple"
FRENCH_QUIZ = "Auto-évaluation d’exemple"
FRENCH_PROMPT = "Qui décide de l’issue dans la médiation"


@pytest.fixture(scope="module", params=["cours-en-francais", "french-then-english"])
def french_first(request, tmp_path_factory):
    """(project, course id) of a course whose first language is French."""
    project = course_in_languages(tmp_path_factory.mktemp(request.param) / "project", request.param)
    return project, request.param


def test_the_moodle_bank_of_a_french_first_course_is_in_french(french_first):
    project, course_id = french_first
    assert main(["--root", str(project), "export", "moodle", course_id]) == 0
    bank = (project / "dist" / course_id / "lms" / f"{course_id}-moodle.xml").read_text("utf-8")
    root = ET.fromstring(bank)
    categories = [q.findtext("category/text") for q in root.findall("question") if q.get("type") == "category"]
    assert categories[0] == f"$course$/top/Médiation : un cours d’exemple/1. {FRENCH_MODULE}"
    assert FRENCH_PROMPT in bank and "Who decides the outcome" not in bank
    quiz_bank = (project / "dist" / course_id / "lms" / "moodle" / "sample-check.xml").read_text("utf-8")
    assert FRENCH_QUIZ in quiz_bank and "Sample self-check" not in quiz_bank


def test_the_gift_bank_of_a_french_first_course_is_in_french(french_first):
    project, course_id = french_first
    assert main(["--root", str(project), "export", "gift", course_id]) == 0
    gift = (project / "dist" / course_id / "lms" / "gift" / "sample-check.gift").read_text("utf-8")
    assert FRENCH_PROMPT in gift and "Who decides the outcome" not in gift


def test_the_manifest_of_a_french_first_course_has_french_titles(french_first, tmp_path):
    project, course_id = french_first
    course, content = course_and_content(project, course_id)
    site = fake_offline_site(tmp_path / "site", content)
    build_package(site, content, course, tmp_path / "package.zip")
    root = ET.fromstring(zipfile.ZipFile(tmp_path / "package.zip").read("imsmanifest.xml"))
    cp, _ = NAMESPACES["1.2"]
    titles = [title.text for title in root.iter(f"{cp}title")]
    assert titles[0] == "Médiation : un cours d’exemple"
    assert f"1. {FRENCH_MODULE}" in titles and "1. A sample module" not in titles


def test_an_english_first_course_still_exports_in_english(tmp_path):
    project = course_in_languages(tmp_path / "project", "english-only")
    course, content = course_and_content(project, "english-only")
    assert content.module_by_id("sample").title == "A sample module"


def test_the_packages_notice_follows_the_pages_language():
    english = with_adapter(PAGE.format(name="q", up=""), _course())
    french = with_adapter(PAGE.format(name="q", up="").replace("<html>", '<html lang="fr">'), _course())
    assert "On this learning platform" in english
    assert "Sur cette plateforme" in french and "On this learning platform" not in french


def _course():
    from build_tools.exports.course import default_course
    from build_tools.loader import load_content

    from .conftest import ROOT

    return default_course(load_content(ROOT))
