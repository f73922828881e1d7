"""A course's local modules and quizzes in another language: `make translations` makes their PO files
where the build reads them, the status lists them, `check` warns before the published build refuses
them, and once translated the published build shows them in that language."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.cli import main
from build_tools.courses.load import load_course_content
from build_tools.i18n import translate_content
from build_tools.i18n.catalogs import read_catalog, write_catalog
from build_tools.i18n.units import Source, read_source, units_of
from tests.conftest import COMPOSED_COURSE_ID, copy_course_project, run_mkdocs_build

MODULE = "local/modules/our-experience.yml"
QUIZ = "local/quizzes/our-experience-check.yml"
MODULE_PO = Path("translations/fr/local/modules/our-experience.po")
QUIZ_PO = Path("translations/fr/local/quizzes/our-experience-check.po")
COURSE_FILE = Path("courses") / f"{COMPOSED_COURSE_ID}.yml"


def in_languages(project: Path, languages: str) -> Path:
    path = project / COURSE_FILE
    text = path.read_text("utf-8")
    assert "languages: [en]\n" in text
    path.write_text(text.replace("languages: [en]\n", f"languages: {languages}\n"), "utf-8")
    return project


@pytest.fixture
def french_course(tmp_path: Path) -> Path:
    """The project with the fixture course (one local module and its quiz) in French, then English."""
    return in_languages(copy_course_project(tmp_path / "project"), "[fr, en]")


def english_of(root: Path, name: str) -> set[str]:
    fields, lines, problems = read_source(root, Source(name, "", name))
    assert not problems
    return {unit.text for unit in units_of(fields, lines)}


def msgids(path: Path) -> set[str]:
    catalog, problems = read_catalog(path, path.name)
    assert not problems
    return {message.id for message in catalog if message.id}


def fill(path: Path) -> None:
    """Translate every entry (the English with ` (FR)` after it, which keeps links and emphasis)."""
    catalog, problems = read_catalog(path, path.name)
    assert not problems
    for message in catalog:
        if message.id:
            message.string = (
                "L’expérience de notre parlement"
                if message.id == "Our parliament's experience"
                else f"{message.id} (FR)"
            )
    write_catalog(path, catalog)


def test_make_translations_makes_the_po_files_of_a_french_courses_local_module_and_quiz(french_course: Path):
    assert main(["--root", str(french_course), "translations", "update"]) == 0
    assert msgids(french_course / MODULE_PO) == english_of(french_course, MODULE)
    assert msgids(french_course / QUIZ_PO) == english_of(french_course, QUIZ)
    assert "Our parliament's experience" in msgids(french_course / MODULE_PO)


def test_a_local_module_of_an_english_only_course_gets_no_po_file(tmp_path: Path):
    project = copy_course_project(tmp_path / "project")
    assert main(["--root", str(project), "translations", "update"]) == 0
    assert not (project / "translations" / "fr" / "local").exists()


def test_the_status_lists_the_local_po_files(french_course: Path, capsys):
    assert main(["--root", str(french_course), "translations"]) == 0
    rows = {line.split()[0]: line.split()[1:] for line in capsys.readouterr().out.splitlines()[1:] if line.strip()}
    assert rows[MODULE_PO.as_posix()][:3] == ["0", "0", str(len(english_of(french_course, MODULE)))]
    assert rows[QUIZ_PO.as_posix()][:3] == ["0", "0", str(len(english_of(french_course, QUIZ)))]


def test_check_warns_of_an_untranslated_local_module_in_a_french_course(french_course: Path, capsys):
    assert main(["--root", str(french_course), "check"]) == 0
    out = capsys.readouterr().out
    count = len(english_of(french_course, MODULE))
    assert (
        f"{MODULE_PO.as_posix()}: warning: {count} untranslated texts shown in English: the course "
        f"{COMPOSED_COURSE_ID} is in 'fr', and its published build (mkdocs build --strict) stops on them "
        "(hint: no such file yet: run `make translations` (python -m build_tools translations update), "
        "which makes it from the English; then translate it in Poedit or Weblate)"
    ) in out
    assert f"{QUIZ_PO.as_posix()}: warning: " in out
    main(["--root", str(french_course), "translations", "update"])
    capsys.readouterr()
    assert main(["--root", str(french_course), "check"]) == 0
    assert f"hint: translate {MODULE}'s texts in Poedit or Weblate" in capsys.readouterr().out
    fill(french_course / MODULE_PO)
    fill(french_course / QUIZ_PO)
    assert main(["--root", str(french_course), "check"]) == 0
    local = [line for line in capsys.readouterr().out.splitlines() if line.startswith("translations/fr/local/")]
    assert not [line for line in local if "shown in English" in line]  # the terms check still reads them


def test_the_published_build_of_the_translated_local_module_shows_the_french(
    french_course: Path, tmp_path: Path, monkeypatch
):
    monkeypatch.setenv("COURSE", COMPOSED_COURSE_ID)
    monkeypatch.setenv("HANDOUTS", "false")
    assert main(["--root", str(french_course), "translations", "update"]) == 0
    fill(french_course / MODULE_PO)
    fill(french_course / QUIZ_PO)
    build = run_mkdocs_build(french_course, tmp_path / "site")
    assert build.returncode == 0, build.output
    page = (tmp_path / "site" / "modules" / "our-experience" / "index.html").read_text("utf-8")
    assert "L’expérience de notre parlement" in page
    assert 'class="untranslated"' not in page


def test_a_translated_text_keeps_its_translation_when_its_link_goes_to_a_left_out_page(french_course: Path):
    """The local module links to the global framework, which the course leaves out: the course shows
    the link's text alone, in English as in French, and the PO entry holds the English with the link."""
    main(["--root", str(french_course), "translations", "update"])
    fill(french_course / MODULE_PO)
    fill(french_course / QUIZ_PO)
    loaded = load_course_content(french_course, COMPOSED_COURSE_ID)
    assert "global-framework" not in loaded.content.module_by_id("our-experience").why_it_matters
    french, problems = translate_content(loaded.content, french_course, "fr", strict=True)
    assert not [p for p in problems if "/local/" in p.file]
    assert french.module_by_id("our-experience").why_it_matters.rstrip() == (
        "Members learn most from the disputes their own chamber has handled. Read the shared module on the "
        "global framework for the wider picture. (FR)"
    )
