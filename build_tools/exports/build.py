"""Writing the exports into `dist/<course>/lms/`: the SCORM package and the question banks."""

from __future__ import annotations

from pathlib import Path

from ..courses.model import Course
from ..loader import Content
from .bank import quiz_questions
from .gift import GIFT_TYPES, quiz_gift
from .moodle import course_xml, quiz_xml
from .scorm import VERSIONS, build_package, package_name


def lms_folder(root: Path, course: Course) -> Path:
    """Where a course's exports go: beside the site, never published with it."""
    return root / "dist" / course.id / "lms"


def write_scorm(content: Content, course: Course, site: Path, out: Path) -> list[Path]:
    """The SCORM 1.2 package, and the same pages as a SCORM 2004 (4th edition) package."""
    written = []
    for version in VERSIONS:
        written.append(out / package_name(course, version))
        build_package(site, content, course, written[-1], version)
    return written


def write_moodle(content: Content, course: Course, out: Path) -> list[Path]:
    """The course's bank (one category per module) and one file per quiz with questions to export."""
    written = [_write(out / f"{course.id}-moodle.xml", course_xml(content, course.title))]
    written += [_write(out / name, text) for name, text in moodle_quiz_files(content, course.title).items()]
    return written


def write_gift(content: Content, course: Course, out: Path) -> list[Path]:
    return [_write(out / name, text) for name, text in gift_quiz_files(content, course.title).items()]


def moodle_quiz_files(content: Content, course_title: str) -> dict[str, str]:
    """`moodle/<quiz>.xml` for each quiz with questions to export: one quiz's bank."""
    return {
        f"moodle/{quiz.id}.xml": quiz_xml(quiz, course_title)
        for quiz in content.quizzes.values()
        if quiz_questions(quiz)
    }


def gift_quiz_files(content: Content, course_title: str) -> dict[str, str]:
    """`gift/<quiz>.gift` for each quiz with questions GIFT can express."""
    return {
        f"gift/{quiz.id}.gift": quiz_gift(quiz, course_title)
        for quiz in content.quizzes.values()
        if any(q.type in GIFT_TYPES for q in quiz_questions(quiz))
    }


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
