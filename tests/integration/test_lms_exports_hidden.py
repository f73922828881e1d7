"""The LMS exports are for trainers: the learner site describes them on its page for trainers, but
neither holds, links nor names them, and its search index finds none of them (fixture `course_site`).
The trainer edition offers them on its Downloads page (tests/integration/test_trainer_downloads.py)."""

from __future__ import annotations

import json
import re
import zipfile

from build_tools.exports.trainer_downloads import file_names

EXPORTED = re.compile(
    r"(scorm12\.zip|scorm2004\.zip|-moodle\.xml|-moodle-quizzes\.zip|-gift\.zip|\.gift|imsmanifest\.xml|scorm-adapter\.js)$"
)
EXPORT_IN_ADDRESS = re.compile(r"scorm\d*\.zip|\.xml|\.gift|imsmanifest|scorm-")
LINK_TO_EXPORT = re.compile(
    r"""(href|src)=["'][^"']*(scorm12\.zip|scorm2004\.zip|moodle\.xml|moodle-quizzes\.zip|gift\.zip|\.gift|imsmanifest|scorm-adapter)"""
)


def test_the_learner_site_holds_no_export(course_site):
    files = [p.relative_to(course_site).as_posix() for p in course_site.rglob("*") if p.is_file()]
    assert files and not [name for name in files if EXPORTED.search(name)]


def test_no_page_links_to_an_export_or_loads_the_adapter(course_site):
    for page in course_site.rglob("*.html"):
        assert not LINK_TO_EXPORT.search(page.read_text(encoding="utf-8")), page


def test_the_search_index_leads_to_no_export(course_site):
    index = json.loads((course_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert locations and not [loc for loc in locations if EXPORT_IN_ADDRESS.search(loc)]


def test_the_page_for_trainers_says_where_to_find_them_and_how_to_import_them(course_site):
    """It sends trainers to the trainer edition's Downloads page (and `make lms`) without naming the
    files, so that no learner page names one (see test_editions.leaks)."""
    page = " ".join((course_site / "for-trainers" / "index.html").read_text(encoding="utf-8").split())
    for words in ("make lms", "make trainer", "Downloads page", "SCORM package", "Moodle XML format", "GIFT format"):
        assert words in page, words
    assert "ipu-workshop-scorm12.zip" not in page and "ipu-workshop-moodle.xml" not in page


def test_the_learners_offline_zip_holds_and_names_no_export(composed_course):
    """The zip a learner copies to a USB stick (`course build`): no export in it, no page naming one."""
    course = "institute-half-day"
    names = file_names(course).values()
    with zipfile.ZipFile(composed_course / "dist" / course / "offline-edition.zip") as archive:
        files = archive.namelist()
        assert files and not [name for name in files if EXPORTED.search(name)]
        for name in files:
            if name.endswith((".html", ".json", ".js")):
                text = archive.read(name).decode("utf-8")
                assert not [export for export in names if export in text], name
