"""The course an export is made for: a course file's, or the default course (every module)."""

from __future__ import annotations

from ..courses.model import Course
from ..loader import Content

DEFAULT_COURSE_ID = "ipu-workshop"
DEFAULT_TITLE = "Parliamentary diplomacy and mediation"
DEFAULT_ORGANISATION = "Inter-Parliamentary Union"
ASSESSMENT_QUIZ = {"survey": "capacity-survey"}
"""A course's assessment names that differ from their quiz's id (see `courses.model.Assessment`)."""


def default_course(content: Content) -> Course:
    """The course as the site teaches it: every module in order, every assessment, the default pass mark."""
    return Course(
        id=DEFAULT_COURSE_ID,
        title=DEFAULT_TITLE,
        organisation=DEFAULT_ORGANISATION,
        modules=[m.id for m in content.modules] or ["none"],
    )


def assessment_quizzes(content: Content, course: Course) -> list:
    """The course's assessments that exist as quizzes, in the course's order."""
    ids = [ASSESSMENT_QUIZ.get(name, name) for name in course.assessments]
    return [content.quizzes[quiz_id] for quiz_id in ids if quiz_id in content.quizzes]
