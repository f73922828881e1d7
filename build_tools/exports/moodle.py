"""Moodle XML question banks: per quiz, and per course with one category per module."""

from __future__ import annotations

from ..loader import Content
from ..model import Quiz
from .bank import BankCategory, course_categories, quiz_questions
from .templating import environment

MOODLE_TYPES = {
    "single": "multichoice",
    "multiple": "multichoice",
    "true-false": "truefalse",
    "matching": "matching",
    "ordering": "ordering",
    "reflection": "essay",
}


def quiz_xml(quiz: Quiz, course_title: str) -> str:
    """One quiz's questions in a category named after the course and the quiz."""
    category = BankCategory(f"{_segment(course_title)}/{_segment(quiz.title)}", quiz_questions(quiz))
    return _render((category,) if category.questions else ())


def course_xml(content: Content, course_title: str) -> str:
    """Every module's questions (one category each), then the course-wide assessments'."""
    return _render(course_categories(content, _segment(course_title)))


def _render(categories: tuple[BankCategory, ...]) -> str:
    return environment().get_template("moodle.xml.j2").render(categories=categories, moodle_types=MOODLE_TYPES)


def _segment(title: str) -> str:
    return " ".join(title.split()).replace("/", "//")
