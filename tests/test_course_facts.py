"""The figures the hand-written pages state about a course (courses/facts.py): its number of modules,
its reading time and its modules' time with a group, worked out from the composed course."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.courses.compose import compose
from build_tools.courses.facts import course_facts, fill_course_facts, placeholder_problems, reading_time
from build_tools.courses.model import Course
from build_tools.loader import load_content
from build_tools.rendering import load_strings
from build_tools.report import reading_minutes

ROOT = Path(__file__).resolve().parent.parent
HALF_DAY = ["parliaments-and-peace", "principles-of-mediation", "human-and-common-security", "mediation-in-practice"]


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT)


def _course(modules: list[str]) -> Course:
    return Course(id="half-day", title="A half day", organisation="An institute", modules=modules)


def test_the_ipu_course_says_what_its_pages_said(content):
    facts = course_facts(content, load_strings("en"))
    assert facts == {
        "course_modules": "nine modules",
        "course_reading_time": "about two hours",
        "course_group_minutes": "425 minutes",
    }
    french = course_facts(content, load_strings("fr", ROOT))
    assert french["course_modules"] == "neuf modules"
    assert french["course_reading_time"] == "environ deux heures"


def test_a_composed_course_gets_its_own_figures(content):
    composed = compose(content, _course(HALF_DAY))
    facts = course_facts(composed, load_strings("en"))
    assert facts["course_modules"] == "four modules"
    assert facts["course_group_minutes"] == f"{sum(m.facilitator_notes.minutes for m in composed.modules)} minutes"
    read = sum(reading_minutes(m) for m in composed.modules)
    assert facts["course_reading_time"] == reading_time(read, load_strings("en")["course_facts"])
    one = course_facts(compose(content, _course(HALF_DAY[:1])), load_strings("en"))
    assert one["course_modules"] == "one module"


@pytest.mark.parametrize(
    ("minutes", "english", "french"),
    [
        (3, "about 5 minutes", "environ 5 minutes"),
        (53, "about 55 minutes", "environ 55 minutes"),
        (58, "about an hour", "environ une heure"),
        (80, "about an hour and a half", "environ une heure et demie"),
        (125, "about two hours", "environ deux heures"),
        (160, "about two and a half hours", "environ deux heures et demie"),
        (400, "about six and a half hours", "environ six heures et demie"),
        (790, "about 13 hours", "environ 13 heures"),
    ],
)
def test_reading_time_is_rounded_as_a_reader_says_it(minutes, english, french):
    assert reading_time(minutes, load_strings("en")["course_facts"]) == english
    assert reading_time(minutes, load_strings("fr", ROOT)["course_facts"]) == french


def test_placeholders_are_filled_outside_code_only():
    facts = {"course_modules": "four modules"}
    page = "It has {course_modules}.\n\nWrite `{course_modules}` for it.\n\n```\n{course_modules}\n```\n"
    assert fill_course_facts(page, facts) == (
        "It has four modules.\n\nWrite `{course_modules}` for it.\n\n```\n{course_modules}\n```\n"
    )


def test_an_unknown_placeholder_is_a_problem_at_its_line():
    page = "# Title\n\nIt has {course_modules}.\n\nIt takes {course_hours}.\n\n`{course_other}` is code.\n"
    problems = placeholder_problems(page, "docs/how-to-use.md")
    assert [p.as_text() for p in problems] == [
        "docs/how-to-use.md:5: unknown placeholder {course_hours} (hint: use one of {course_modules}, "
        "{course_reading_time}, {course_group_minutes})"
    ]
