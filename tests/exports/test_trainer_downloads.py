"""The exports the trainer edition's Downloads page offers (build_tools/exports/trainer_downloads.py):
the question banks made from the content, and the SCORM packages kept by a key of their inputs.

The packages' cache is tested with a small offline edition in place of the mkdocs build (the built
ones are checked in tests/integration/test_trainer_downloads.py): unchanged inputs reuse them, any
changed input builds them again, and outputs, caches and the site being built are not inputs.
"""

from __future__ import annotations

import io
import os
import shutil
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import replace

import pytest
from markupsafe import escape
from moodle_xml_parser.parser import parse_string

from build_tools.exports import trainer_downloads
from build_tools.exports.bank import course_categories
from build_tools.exports.build import gift_quiz_files, moodle_quiz_files
from build_tools.exports.moodle import course_xml
from build_tools.exports.scorm import PackageError
from build_tools.exports.trainer_downloads import (
    KINDS,
    OFFLINE_ZIP,
    LearnerBuild,
    file_names,
    inputs_key,
    is_current,
    learner_edition_downloads,
    lms_downloads,
    question_banks,
)
from build_tools.loader import load_content
from build_tools.packing import FOLDER, pack_site
from build_tools.rendering import Renderer, load_strings

from .conftest import ROOT
from .expected import exported
from .test_gift import parse_gift
from .test_scorm_manifest import fake_offline_site

TRAINER = load_strings("en")["trainer"]
TRAINER_HEAD = '<head><meta name="robots" content="noindex">'


def unzipped(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


# ---- The question banks ---------------------------------------------------------------------------


def test_the_banks_are_the_exporters_files_the_per_quiz_ones_zipped(content):
    banks = question_banks(content, "a-course", "A course")
    names = file_names("a-course")
    assert list(banks) == [names["moodle"], names["moodle-quizzes"], names["gift"]]
    assert banks[names["moodle"]].decode("utf-8") == course_xml(content, "A course")
    assert unzipped(banks[names["moodle-quizzes"]]) == moodle_quiz_files(content, "A course")
    assert unzipped(banks[names["gift"]]) == gift_quiz_files(content, "A course")
    assert question_banks(content, "a-course", "A course") == banks  # the same bytes each build


def test_the_banks_read_back_with_the_export_tests_parsers(content, tmp_path):
    banks = question_banks(content, "c", "Course")
    course = banks["c-moodle.xml"].decode("utf-8")
    categories = [q.findtext("category/text") for q in ET.fromstring(course).findall("question[@type='category']")]
    assert categories == [f"$course$/top/{c.name}" for c in course_categories(content, "Course")]
    multichoice = [q for quiz in content.quizzes.values() for q in exported(quiz, ("single", "multiple"))]
    assert len(parse_string(course).get("multichoice", [])) == len(multichoice)
    for name, text in unzipped(banks["c-moodle-quizzes.zip"]).items():
        quiz = content.quizzes[name.removeprefix("moodle/").removesuffix(".xml")]
        assert len(parse_string(text).get("multichoice", [])) == len(exported(quiz, ("single", "multiple"))), name
    gifts = unzipped(banks["c-gift.zip"])
    assert all(parse_gift(list(gifts.values()), tmp_path))


def test_a_course_without_questions_to_export_has_no_bank(content):
    surveys = {
        quiz_id: quiz.model_copy(update={"questions": [q for q in quiz.questions if q.type in ("likert", "poll")]})
        for quiz_id, quiz in content.quizzes.items()
    }
    assert question_banks(replace(content, quizzes=surveys), "c", "Course") == {}


def test_the_page_lists_the_exports_in_its_order_whatever_the_course():
    names = {**dict.fromkeys(["a.pdf", "workbook.pdf"]), **{n: 1 for n in file_names("my-course").values()}}
    assert lms_downloads(reversed(list(names))) == [(kind, file_names("my-course")[kind]) for kind in KINDS]


# ---- The Downloads page ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def course():
    return load_content(ROOT)


def test_the_learners_page_lists_no_export_even_if_offered_one(course):
    sizes = {name: 2048 for name in file_names("ipu-workshop").values()}
    page = Renderer(course, downloads=sizes).downloads_page()
    assert not [name for name in sizes if name in page]
    assert TRAINER["lms_heading"] not in page and "SCORM" not in page


def test_the_trainers_page_gives_each_export_its_size_and_how_to_import_it(course):
    names = file_names("ipu-workshop")
    sizes = {name: 3 * 1024 * 1024 for name in names.values()}
    page = Renderer(course, downloads=sizes, edition="trainer").downloads_page()
    for kind, name in names.items():
        assert f"- [{TRAINER['lms_files'][kind]}]({name}) ({name.rsplit('.', 1)[1].upper()}, 3.0 MB)" in page
        assert f"\n    {escape(TRAINER['lms_imports'][kind])}\n" in page, kind
    assert escape(TRAINER["lms_scorm_left_out"]) not in page


def test_without_the_packages_the_trainers_page_says_why_and_links_none(course):
    banks = {name: 2048 for kind, name in file_names("ipu-workshop").items() if kind not in ("scorm12", "scorm2004")}
    page = Renderer(course, downloads=banks, edition="trainer").downloads_page()
    assert escape(TRAINER["lms_scorm_left_out"]) in page
    assert "scorm12.zip" not in page and "scorm2004.zip" not in page
    assert "## " + load_strings("en")["downloads_modules"] not in page  # no handouts, no empty heading


# ---- The SCORM packages and their cache --------------------------------------------------------------


@pytest.fixture
def project(tmp_path, copy_fixture_site, monkeypatch):
    """The fixture site, whose offline edition is faked (pages for its modules and quizzes); counts builds."""
    root = copy_fixture_site(tmp_path / "project")
    builds = []

    def fake_build(build: LearnerBuild, site):
        builds.append(site)
        if (root / "fail").exists():
            raise PackageError("the learners' offline edition for the SCORM packages did not build")
        fake_offline_site(site, load_content(build.root))
        if (root / "trainer").exists():  # a mkdocs.yml that builds the trainer edition whatever EDITION says
            home = site / "index.html"
            home.write_text(home.read_text(encoding="utf-8").replace("<head>", TRAINER_HEAD), encoding="utf-8")

    monkeypatch.setattr(trainer_downloads, "_build_offline_edition", fake_build)
    return root, builds


def learner_build(root, **changes) -> LearnerBuild:
    settings = dict(root=root, config_file=root / "mkdocs.yml", course=None, course_id="ipu-workshop")
    return LearnerBuild(**{**settings, **changes})


def test_the_packages_are_kept_and_reused_while_nothing_changes(project):
    root, builds = project
    first = learner_edition_downloads(learner_build(root), log=lambda _: None)
    assert sorted(first) == ["ipu-workshop-scorm12.zip", "ipu-workshop-scorm2004.zip", "offline-edition.zip"]
    for name, data in first.items():
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if name == OFFLINE_ZIP:  # the same offline edition, zipped as `make offline` zips it
                assert f"{FOLDER}/index.html" in archive.namelist()
            else:
                ET.fromstring(archive.read("imsmanifest.xml"))
    assert learner_edition_downloads(learner_build(root), log=lambda _: None) == first
    assert len(builds) == 1


def test_a_changed_module_builds_them_again_and_drops_the_old_ones(project):
    root, builds = project
    learner_edition_downloads(learner_build(root), log=lambda _: None)
    module = next((root / "modules").glob("*.yml"))
    module.write_text(module.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    learner_edition_downloads(learner_build(root), log=lambda _: None)
    assert len(builds) == 2
    kept = root / ".cache" / "lms" / "ipu-workshop" / "trainer-downloads"
    assert [p.name for p in kept.iterdir()] == [inputs_key(learner_build(root))]


@pytest.mark.parametrize("changed", ["docs/index.md", "mkdocs.yml", "translations/fr/strings.po", "glossary.yml"])
def test_every_input_is_in_the_key(project, changed):
    root, _ = project
    before = inputs_key(learner_build(root))
    path = root / changed
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text((path.read_text(encoding="utf-8") if path.exists() else "") + "\n# changed\n", encoding="utf-8")
    assert inputs_key(learner_build(root)) != before


def test_the_settings_are_in_the_key(project):
    root, _ = project
    keys = {
        inputs_key(learner_build(root)),
        inputs_key(learner_build(root, course="other")),
        inputs_key(learner_build(root, editions=False)),
    }
    assert len(keys) == 3


def test_outputs_and_caches_are_not_inputs(project):
    root, _ = project
    site = root / "public"
    build = learner_build(root, sites=(site,))
    before = inputs_key(build)
    outputs = ("site/index.html", "dist/x/y.html", ".cache/memo/z", "public/fr/index.html", "docs/__pycache__/a.pyc")
    for output in outputs:
        (root / output).parent.mkdir(parents=True, exist_ok=True)
        (root / output).write_text("new", encoding="utf-8")
    assert inputs_key(build) == before


def test_a_failed_build_keeps_nothing_and_the_next_build_tries_again(project):
    root, builds = project
    (root / "fail").write_text("", encoding="utf-8")
    with pytest.raises(PackageError):
        learner_edition_downloads(learner_build(root), log=lambda _: None)
    (root / "fail").unlink()
    assert len(learner_edition_downloads(learner_build(root), log=lambda _: None)) == 3
    assert len(builds) == 2
    kept = root / ".cache" / "lms" / "ipu-workshop" / "trainer-downloads"
    assert [p.name for p in kept.iterdir()] == [inputs_key(learner_build(root))]


def test_a_half_written_cache_folder_is_built_again(project):
    root, builds = project
    first = learner_edition_downloads(learner_build(root), log=lambda _: None)
    kept = root / ".cache" / "lms" / "ipu-workshop" / "trainer-downloads" / inputs_key(learner_build(root))
    (kept / "ipu-workshop-scorm2004.zip").unlink()
    assert learner_edition_downloads(learner_build(root), log=lambda _: None).keys() == first.keys()
    assert len(builds) == 2
    shutil.rmtree(kept)


def test_a_trainer_edition_is_never_packed(project):
    root, builds = project
    (root / "trainer").write_text("", encoding="utf-8")
    with pytest.raises(PackageError, match="is the trainer edition"):
        learner_edition_downloads(learner_build(root), log=lambda _: None)
    assert not list((root / ".cache" / "lms" / "ipu-workshop" / "trainer-downloads").iterdir())


def test_a_zip_older_than_a_file_the_site_is_built_from_is_not_current(project, tmp_path):
    root, _ = project
    site = fake_offline_site(tmp_path / "offline", load_content(root))
    zipped = root / ".cache" / "offline-edition.zip"
    pack_site(site, zipped)
    assert is_current(zipped, learner_build(root))
    module = next((root / "modules").glob("*.yml"))
    later = zipped.stat().st_mtime + 5
    os.utime(module, (later, later))  # edited after `make offline`
    assert not is_current(zipped, learner_build(root))
    os.utime(zipped, (later + 1, later + 1))  # `make offline` again
    assert is_current(zipped, learner_build(root))
