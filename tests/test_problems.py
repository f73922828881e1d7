"""How problems read: one text line per problem, GitHub annotations, the report, and field labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.problems import ContentError, Problem, display_path, format_report
from build_tools.validation_messages import field_label


@pytest.mark.parametrize(("problem", "text"), [
    (Problem("modules/a.yml", 12, "questions[2].answer", "'d' is not one of the options (a, b)", "pick one"),
     "modules/a.yml:12: questions[2].answer: 'd' is not one of the options (a, b) (hint: pick one)"),
    (Problem("modules/a.yml", 12, "minutes", "expected a whole number"),
     "modules/a.yml:12: minutes: expected a whole number"),
    (Problem("modules/a.yml", 3, "", "a tab is used for indentation", "indent with spaces only"),
     "modules/a.yml:3: a tab is used for indentation (hint: indent with spaces only)"),
    (Problem("modules/a.yml", 0, "", "the file is empty"), "modules/a.yml: the file is empty"),
    (Problem("quizzes/q.yml", 0, "id", "is required but missing"), "quizzes/q.yml: id: is required but missing"),
])
def test_as_text(problem, text):
    assert problem.as_text() == text


@pytest.mark.parametrize(("problem", "annotation"), [
    (Problem("modules/a.yml", 12, "minutes", "expected a whole number", "write 10"),
     "::error file=modules/a.yml,line=12::minutes: expected a whole number (hint: write 10)"),
    (Problem("modules/a.yml", 0, "", "the file is empty", "start with id:"),
     "::error file=modules/a.yml,line=1::the file is empty (hint: start with id:)"),
    (Problem("modules/a.yml", 4, "", "duplicate key 'a' (first at line 2)"),
     "::error file=modules/a.yml,line=4::duplicate key 'a' (first at line 2)"),
])
def test_as_github(problem, annotation):
    assert problem.as_github() == annotation


def test_as_github_escapes_newlines_and_percent():
    problem = Problem("modules/a.yml", 5, "body", "line one\nline two\r\n100% wrong", "see\nbelow")
    annotation = problem.as_github()
    assert annotation == ("::error file=modules/a.yml,line=5::body: line one%0Aline two%0D%0A100%25 wrong "
                          "(hint: see%0Abelow)")
    assert "\n" not in annotation and "\r" not in annotation


def test_as_github_does_not_double_escape():
    assert Problem("a.yml", 1, "", "%0A is literal").as_github().endswith("::%250A is literal")


def test_problems_sort_by_file_then_line_then_field():
    problems = [Problem("quizzes/a.yml", 1, "", "x"), Problem("modules/b.yml", 10, "b", "x"),
                Problem("modules/b.yml", 2, "z", "x"), Problem("modules/b.yml", 10, "a", "x"),
                Problem("modules/a.yml", 0, "", "x")]
    assert [(p.file, p.line, p.field) for p in sorted(problems)] == [
        ("modules/a.yml", 0, ""), ("modules/b.yml", 2, "z"), ("modules/b.yml", 10, "a"),
        ("modules/b.yml", 10, "b"), ("quizzes/a.yml", 1, "")]


def test_text_report_counts_problems():
    one = Problem("modules/a.yml", 2, "title", "must not be empty")
    two = Problem("modules/a.yml", 3, "", "a tab is used for indentation")
    assert format_report([one]) == "modules/a.yml:2: title: must not be empty\n1 problem found in content."
    assert format_report([one, two]).splitlines() == [one.as_text(), two.as_text(), "2 problems found in content."]
    assert format_report([]) == "0 problems found in content."


def test_github_report_has_only_annotations():
    problems = [Problem("modules/a.yml", 2, "title", "must not be empty"), Problem("modules/b.yml", 0, "", "empty")]
    assert format_report(problems, "github").splitlines() == [p.as_github() for p in problems]


def test_content_error_sorts_its_problems_and_prints_the_report():
    problems = [Problem("quizzes/q.yml", 1, "", "b"), Problem("modules/m.yml", 9, "", "a")]
    error = ContentError(problems)
    assert error.problems == sorted(problems)
    assert str(error) == format_report(sorted(problems))


def test_problem_is_immutable():
    problem = Problem("a.yml", 1, "", "x")
    with pytest.raises(AttributeError):
        problem.line = 2


def test_display_path(tmp_path):
    (tmp_path / "modules").mkdir()
    assert display_path(tmp_path / "modules" / "intro.yml", tmp_path) == "modules/intro.yml"
    assert display_path(tmp_path / "modules" / ".." / "modules" / "intro.yml", tmp_path) == "modules/intro.yml"
    outside = Path("/elsewhere/intro.yml")
    assert display_path(outside, tmp_path) == "/elsewhere/intro.yml"


@pytest.mark.parametrize(("path", "label"), [
    ((), ""),
    (("title",), "title"),
    (("facilitator_notes", "timing"), "facilitator_notes.timing"),
    (("questions", 1, "answer"), "questions[2].answer"),
    (("questions", 0, "options", 2, "id"), "questions[1].options[3].id"),
    (("quizzes", 0), "quizzes[1]"),
    (("answer", 0), "answer[1]"),
    ((0,), "[1]"),
    ((0, "id"), "[1].id"),
])
def test_field_label(path, label):
    assert field_label(path) == label
