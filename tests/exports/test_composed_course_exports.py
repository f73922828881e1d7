"""A composed course's exports (tests/fixtures/course: shared modules in a new order and a local
module): its modules, renumbered in its order, its title and its pass mark."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile

from build_tools.cli import main
from build_tools.exports.course import course_and_content
from build_tools.exports.scorm import build_package

from .test_scorm_manifest import NAMESPACES, fake_offline_site

COURSE_ID = "institute-half-day"
MODULES = ["understanding-conflict", "parliaments-and-peace", "our-experience", "principles-of-mediation"]


def test_the_bank_has_the_courses_modules_in_its_order(tmp_path, copy_course_project):
    project = copy_course_project(tmp_path / "project")
    assert main(["--root", str(project), "export", "moodle", COURSE_ID]) == 0
    bank = project / "dist" / COURSE_ID / "lms" / f"{COURSE_ID}-moodle.xml"
    root = ET.parse(bank).getroot()
    categories = [q.findtext("category/text") for q in root.findall("question") if q.get("type") == "category"]
    _, content = course_and_content(project, COURSE_ID)
    titles = [content.module_by_id(m).title for m in MODULES]
    expected = [f"$course$/top/Mediation for members, a half day/{n}. {t}" for n, t in enumerate(titles, 1)]
    assert categories[: len(MODULES)] == expected
    assert any(q.findtext("idnumber", "").startswith("our-experience-check/") for q in root.findall("question"))


def test_the_package_takes_the_courses_order_and_pass_mark(tmp_path, copy_course_project):
    project = copy_course_project(tmp_path / "project")
    course, content = course_and_content(project, COURSE_ID)
    site = fake_offline_site(tmp_path / "site", content)
    build_package(site, content, course, tmp_path / "p.zip")
    root = ET.fromstring(zipfile.ZipFile(tmp_path / "p.zip").read("imsmanifest.xml"))
    cp, adlcp = NAMESPACES["1.2"]
    items = list(root.iter(f"{cp}item"))
    assert [i.get("identifier") for i in items] == [f"item-module-{m}" for m in MODULES] + [
        "item-assessment-diagnostic",
        "item-assessment-post",
    ]
    assert [i.findtext(f"{adlcp}masteryscore") for i in items[len(MODULES) :]] == ["70", "70"]
