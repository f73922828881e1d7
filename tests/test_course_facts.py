"""The figures the hand-written pages state about a course (courses/facts.py): its number of modules,
its reading time, its modules' time with a group, its essentials page's reading time and its other
languages, worked out from the composed course."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.courses.compose import compose
from build_tools.courses.facts import (
    course_facts,
    fill_course_facts,
    module_reading_time,
    other_languages,
    placeholder_problems,
    reading_time,
)
from build_tools.courses.model import Course
from build_tools.courses.summaries import follow_course
from build_tools.loader import load_content
from build_tools.rendering import load_strings
from build_tools.report import reading_minutes

ROOT = Path(__file__).resolve().parent.parent
ESSENTIALS = (ROOT / "docs" / "essentials.md").read_text(encoding="utf-8").split("---\n", 2)[2]
HALF_DAY = ["parliaments-and-peace", "principles-of-mediation", "human-and-common-security", "mediation-in-practice"]


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT)


def _course(modules: list[str]) -> Course:
    return Course(id="half-day", title="A half day", organisation="An institute", modules=modules)


def test_the_ipu_course_says_what_its_pages_said(content):
    facts = course_facts(content, load_strings("en"), language="en", languages=["en", "fr"], essentials=ESSENTIALS)
    assert facts == {
        "course_modules": "nine modules",
        "course_reading_time": "about two hours",
        "course_module_reading_time": "13 to 15 minutes",  # 16 when `&quot;` counted as a word
        "course_group_minutes": "425 minutes",
        "course_essentials_time": "15 minutes",
        "course_other_languages": "French (**Français**)",
        "course_subtitle": "",
    }
    french = course_facts(content, load_strings("fr", ROOT))
    assert french["course_modules"] == "neuf modules"
    assert french["course_reading_time"] == "environ deux heures"
    assert french["course_module_reading_time"] == "de 13 à 15 minutes"  # English words, French strings


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
    [([13, 16, 14], "13 to 16 minutes", "de 13 à 16 minutes"), ([15, 15], "15 minutes", "15 minutes"), ([], "", "")],
)
def test_a_modules_reading_time_runs_from_the_shortest_to_the_longest(minutes, english, french):
    assert module_reading_time(minutes, load_strings("en")["course_facts"]) == english
    assert module_reading_time(minutes, load_strings("fr", ROOT)["course_facts"]) == french


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
        "{course_reading_time}, {course_module_reading_time}, {course_group_minutes}, {course_essentials_time}, "
        "{course_other_languages}, {course_subtitle})"
    ]


def test_the_essentials_time_follows_the_course_and_is_rounded_up(content):
    """12 minutes of reading for nine summaries: "15 minutes", a promise kept; four take 5."""
    four = follow_course(ESSENTIALS, {module: number for number, module in enumerate(HALF_DAY, 1)})
    facts = course_facts(compose(content, _course(HALF_DAY)), load_strings("en"), essentials=four)
    assert facts["course_essentials_time"] == "5 minutes"
    one = follow_course(ESSENTIALS, {HALF_DAY[0]: 1})
    assert course_facts(content, load_strings("fr", ROOT), essentials=one)["course_essentials_time"] == "5 minutes"


@pytest.mark.parametrize(
    ("languages", "language", "named"),
    [
        (["en", "fr"], "en", "French (**Français**)"),
        (["en", "fr"], "fr", "anglais (**English**)"),
        (["fr", "en"], "fr", "anglais (**English**)"),
        (["en", "fr", "es"], "en", "French (**Français**) and Spanish (**Español**)"),
        (["en"], "en", ""),
        (["fr"], "fr", ""),
    ],
)
def test_the_other_languages_are_named_in_the_pages_and_in_their_own(languages, language, named):
    assert other_languages(languages, language) == named


def test_a_paragraph_or_list_item_with_an_empty_placeholder_is_left_out():
    page = (
        "# Title\n\nOn a phone:\n\n- Small screens.\n- The course is also in {course_other_languages}: the\n"
        "  languages button.\n  - Nested under it.\n- Every quiz prints.\n\n"
        "Also in {course_other_languages},\nsays this paragraph.\n\nThe end, `{course_other_languages}`.\n"
    )
    assert fill_course_facts(page, {"course_other_languages": ""}) == (
        "# Title\n\nOn a phone:\n\n- Small screens.\n- Every quiz prints.\n\n\nThe end, `{course_other_languages}`.\n"
    )
    shown = fill_course_facts(page, {"course_other_languages": "French"})
    assert "- The course is also in French: the\n  languages button.\n  - Nested under it.\n" in shown
    assert "Also in French,\nsays this paragraph." in shown


def test_the_subtitle_is_plain_text_in_markdown(content):
    facts = course_facts(content, load_strings("en"), subtitle="For *members*, <b>and</b> staff")
    page = fill_course_facts("# Home\n\n*{course_subtitle}*\n\nThis site teaches.\n", facts)
    assert page == "# Home\n\n*For &#42;members&#42;, &#60;b&#62;and&#60;/b&#62; staff*\n\nThis site teaches.\n"
    without = course_facts(content, load_strings("en"))  # a course without a subtitle
    assert fill_course_facts("# Home\n\n*{course_subtitle}*\n\nThis site teaches.\n", without) == (
        "# Home\n\n\nThis site teaches.\n"
    )
