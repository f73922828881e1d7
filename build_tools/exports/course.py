"""The course an export is made for: its course file (`courses/<id>.yml`, composed, in the course's
first language), or, in a project without course files, the default course (every module, every
assessment, the default pass mark, in English)."""

from __future__ import annotations

from pathlib import Path

from ..courses.load import DEFAULT_COURSE, chosen_course, load_course_content
from ..courses.model import ASSESSMENT_QUIZ_IDS, Course
from ..i18n import translate_content
from ..i18n.editions import is_translated
from ..loader import Content, load_content
from ..problems import ContentError

DEFAULT_COURSE_ID = DEFAULT_COURSE
DEFAULT_TITLE = "Parliamentary diplomacy and mediation"
DEFAULT_ORGANISATION = "Inter-Parliamentary Union"


def default_course(content: Content) -> Course:
    """The course as the site teaches it: every module in order, every assessment, the default pass mark."""
    return Course(
        id=DEFAULT_COURSE_ID,
        title=DEFAULT_TITLE,
        organisation=DEFAULT_ORGANISATION,
        modules=[m.id for m in content.modules] or ["none"],
    )


def course_and_content(root: Path, course_id: str | None = None) -> tuple[Course, Content]:
    """The course to export (the one given, else $COURSE, else the default) and its composed content,
    in the course's first language: a course in French first exports French banks and a French
    manifest, as its site is French at the root.

    Raises:
        ContentError: every problem in the course file and the content it uses, and every text of
            the content that has no translation in the course's first language.
    """
    chosen = chosen_course(root, course_id)
    if chosen is None:  # no courses/ folder: all the content, as the site builds it
        content = load_content(root)
        return default_course(content), content
    loaded = load_course_content(root, chosen)
    return loaded.course, in_first_language(root, loaded.course, loaded.content)


def in_first_language(root: Path, course: Course, content: Content) -> Content:
    """The content in the course's first language (from `translations/<language>/`), as the root of
    its site shows it. An export goes to a platform as it is: a text with no translation stops it,
    as it stops the published build, rather than putting English into a French bank.

    Raises:
        ContentError: the texts that have no translation in that language.
    """
    language = course.languages[0]
    if not is_translated(language):
        return content
    translated, problems = translate_content(content, root, language, strict=True)
    if any(problem.severity == "error" for problem in problems):
        raise ContentError(problems)
    return translated


def assessment_quizzes(content: Content, course: Course) -> list:
    """The course's assessments that exist as quizzes, in the course's order."""
    ids = [ASSESSMENT_QUIZ_IDS.get(name, name) for name in course.assessments]
    return [content.quizzes[quiz_id] for quiz_id in ids if quiz_id in content.quizzes]
