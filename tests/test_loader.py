"""The loader and the content model, on the valid fixture site and small variations of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from build_tools import loader
from build_tools.checks import MEASURABLE_HINT
from build_tools.loader import load_content
from build_tools.model import (
    Likert,
    Matching,
    Module,
    MultipleChoice,
    Ordering,
    Quiz,
    Reflection,
    SingleChoice,
    TrueFalse,
)
from build_tools.problems import ContentError
from build_tools.stand_in import stand_in
from build_tools.strict_yaml import read_yaml

TESTS = Path(__file__).resolve().parent
SITE = TESTS / "fixtures" / "site"
INVALID = TESTS / "fixtures" / "invalid"


def copy_site(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SITE, tmp_path / "site", ignore=shutil.ignore_patterns("site", "__pycache__")))


def sample_module_text(module_id: str, number: int) -> str:
    """The fixture site's module under another id and number, with its own objective ids."""
    text = (SITE / "modules" / "sample.yml").read_text(encoding="utf-8")
    text = text.replace("id: sample\n", f"id: {module_id}\n").replace("number: 1\n", f"number: {number}\n")
    return text.replace("id: sample-", f"id: {module_id}-").replace("quizzes: [sample-check]\n", "")


def problem_lines(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(root)
    return [problem.as_text() for problem in caught.value.problems]


def sample_data(folder: str, name: str) -> dict:
    document, problems = read_yaml(SITE / folder / name, f"{folder}/{name}")
    assert problems == []
    return document.data


# --- the loader ---------------------------------------------------------------------------------------

def test_loads_the_fixture_site():
    content = load_content(SITE)
    module = content.module_by_id("sample")
    assert [m.id for m in content.modules] == ["sample"]
    assert sorted(content.quizzes) == ["sample-check", "sample-diagnostic", "sample-post"]
    assert [quiz.id for quiz in content.quizzes_of(module)] == ["sample-check"]
    assert content.module_by_id("nothing") is None
    assert content.source_of("modules", "sample") == "modules/sample.yml"
    assert content.source_of("quizzes", "sample-check") == "quizzes/sample-check.yml"


def test_modules_come_in_teaching_order_not_file_order(tmp_path):
    root = copy_site(tmp_path)
    (root / "modules" / "aaa-last.yml").write_text(sample_module_text("aaa-last", 3), encoding="utf-8")
    (root / "modules" / "zzz-second.yml").write_text(sample_module_text("zzz-second", 2), encoding="utf-8")
    assert [m.id for m in load_content(root).modules] == ["sample", "zzz-second", "aaa-last"]


def test_yaml_extension_is_read_and_other_files_are_not(tmp_path):
    root = copy_site(tmp_path)
    (root / "modules" / "second.yaml").write_text(sample_module_text("second", 2), encoding="utf-8")
    (root / "modules" / "notes.txt").write_text("not: [yaml", encoding="utf-8")
    (root / "modules" / "README.md").write_text("# Modules\n", encoding="utf-8")
    content = load_content(root)
    assert [m.id for m in content.modules] == ["sample", "second"]
    assert content.source_of("modules", "second") == "modules/second.yaml"


def test_the_ids_of_a_broken_module_still_count(tmp_path):
    """A quiz that links to a module with a typo elsewhere gets no false 'missing objective' or 'section'."""
    root = copy_site(tmp_path)
    shutil.copyfile(INVALID / "wrong-type.yml", root / "modules" / "wrong-type.yml")
    quiz = (SITE / "quizzes" / "sample-check.yml").read_text(encoding="utf-8")
    quiz = quiz.replace("id: sample-check\n", "id: second-check\n")
    quiz = quiz.replace("[sample-distinguish]", "[wrong-type-explain]")
    quiz = quiz.replace("section: sample#who-decides", "section: wrong-type#the-speaker")
    (root / "quizzes" / "second-check.yml").write_text(quiz, encoding="utf-8")
    assert problem_lines(root) == ["modules/wrong-type.yml:8: minutes: expected a whole number, got text ('ten')"]


def test_a_broken_quiz_still_counts_as_existing(tmp_path):
    root = copy_site(tmp_path)
    path = root / "quizzes" / "sample-check.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: self-check", "kind: quick"), encoding="utf-8")
    assert problem_lines(root) == [
        "quizzes/sample-check.yml:3: kind: 'quick' is not allowed; expected 'diagnostic', 'self-check', 'post' "
        "or 'survey'"]


def test_a_quiz_that_is_not_readable_yaml_still_counts_as_existing(tmp_path):
    """A syntax error in a quiz is reported once: its module does not say "create quizzes/X.yml"."""
    root = copy_site(tmp_path)
    path = root / "quizzes" / "sample-check.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: ", "title: Check: ", 1), encoding="utf-8")
    lines = problem_lines(root)
    assert len(lines) == 1, lines
    assert lines[0].startswith("quizzes/sample-check.yml:2: at column 13, a colon followed by a space")


def test_a_module_that_is_not_readable_yaml_keeps_its_objectives_and_sections(tmp_path):
    """Quizzes that link to a module with a syntax error get no false "missing objective" or "section"."""
    root = copy_site(tmp_path)
    path = root / "modules" / "sample.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("minutes: ", "  minutes: ", 1), encoding="utf-8")
    lines = problem_lines(root)
    assert len(lines) == 1, lines
    assert lines[0].startswith("modules/sample.yml:")
    assert "this line is indented more than the field above it" in lines[0]


def test_an_unknown_objective_is_still_reported_beside_an_unreadable_module(tmp_path):
    root = copy_site(tmp_path)
    (root / "modules" / "broken.yml").write_text("id: broken\nobjectives:\n  - id: broken-explain\n x\n")
    path = root / "quizzes" / "sample-check.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("[sample-distinguish]", "[nowhere]", 1), encoding="utf-8")
    lines = problem_lines(root)
    assert [line.split(":")[0] for line in lines] == ["modules/broken.yml", "quizzes/sample-check.yml"]
    assert "no module declares objective 'nowhere'" in lines[1]


def test_problems_in_one_file_do_not_hide_problems_in_another(tmp_path):
    root = copy_site(tmp_path)
    (root / "modules" / "broken.yml").write_text("id: broken\nnumber: [\n", encoding="utf-8")
    path = root / "quizzes" / "sample-check.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("answer: parties", "answer: nobody"), encoding="utf-8")
    lines = problem_lines(root)
    assert [line.split(":")[0] for line in lines] == ["modules/broken.yml", "quizzes/sample-check.yml"]
    assert lines[1] == ("quizzes/sample-check.yml:18: questions[1].answer: 'nobody' is not one of the options "
                        "(parties, mediator)")


# --- a file that fails validation is still checked whole (see build_tools/stand_in.py) ---------------

def write_module(root: Path, module_id: str, number: int, *edits: tuple[str, str]) -> None:
    text = sample_module_text(module_id, number)
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    (root / "modules" / f"{module_id}.yml").write_text(text, encoding="utf-8")


VAGUE = ("text: Distinguish mediation", "text: Understand mediation")
VAGUE_LINE = "objectives[1].text: 'understand' cannot be measured"


def test_a_missing_field_does_not_hold_back_the_other_checks(tmp_path):
    root = copy_site(tmp_path)
    write_module(root, "broken", 2, ("title: A sample module\n", ""), VAGUE, ("references: [s1]", "references: [s2]"))
    lines = problem_lines(root)
    assert [line.split(": ", 1)[1] for line in lines] == [
        "title: is required but missing",
        f"{VAGUE_LINE} (hint: {MEASURABLE_HINT})",
        "case_studies[1].references[1]: no reference 's2' in this module (hint: known here: s1)",
    ]
    assert lines[0].startswith("modules/broken.yml:2: ")


def test_a_whole_section_of_the_wrong_kind_does_not_hold_back_the_other_checks(tmp_path):
    root = copy_site(tmp_path)
    notes = "facilitator_notes:\n  timing: 10 minutes\n"
    write_module(root, "broken", 2, (notes, "facilitator_notes: 10 minutes\nunused:\n  timing: 10 minutes\n"), VAGUE)
    lines = problem_lines(root)
    assert [line.split(":")[2].strip() for line in lines] == ["objectives[1].text", "facilitator_notes", "unused"]
    assert VAGUE_LINE in lines[0]


def test_a_wrong_number_makes_no_false_duplicate_of_another_module(tmp_path):
    """The stand-in number (1) is the sample module's: that is not the author's doing."""
    root = copy_site(tmp_path)
    write_module(root, "a-broken", 2, ("number: 2\n", "number: one\n"))
    assert problem_lines(root) == ["modules/a-broken.yml:3: number: expected a whole number, got text ('one')"]


def test_a_wrong_segment_makes_no_false_sum(tmp_path):
    root = copy_site(tmp_path)
    write_module(root, "broken", 2, ("  minutes: 10\n  segments:\n", "  minutes: 25\n  segments:\n"),
                 ("    - minutes: 10\n", "    - minutes: twenty-five\n"))
    assert problem_lines(root) == [
        "modules/broken.yml:47: facilitator_notes.segments[1].minutes: expected a whole number, got text "
        "('twenty-five')"]


def test_a_wrong_reference_makes_no_false_unknown_reference(tmp_path):
    root = copy_site(tmp_path)
    write_module(root, "broken", 2, ("  - id: s1\n", "  - id: S1\n"))
    lines = problem_lines(root)
    assert len(lines) == 1 and lines[0].startswith("modules/broken.yml:54: references[1].id: 'S1' is not a valid id")


def write_quiz(root: Path, *edits: tuple[str, str]) -> None:
    path = root / "quizzes" / "sample-check.yml"
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def test_too_few_options_make_no_false_wrong_answer(tmp_path):
    """The author's option keeps its place; the answer is not compared with a stand-in option."""
    root = copy_site(tmp_path)
    mediator = "      - id: mediator\n        text: The mediator\n        feedback: \"That is arbitration, "
    mediator += 'where a third party decides."\n'
    write_quiz(root, (mediator + "    answer: parties\n", "    answer: mediator\n"))
    lines = problem_lines(root)
    assert lines == ["quizzes/sample-check.yml:11: questions[1].options: needs at least 2 items, found 1"]


def test_an_unknown_question_type_makes_no_false_count(tmp_path):
    """Whether the question is scored is not known, so a count in the introduction is not checked."""
    root = copy_site(tmp_path)
    write_quiz(root, ("introduction: Check what you have read.", "introduction: Three short questions."),
               ("    type: single\n", "    type: singel\n"))
    lines = problem_lines(root)
    assert len(lines) == 1 and "questions[1].type: unknown question type 'singel'" in lines[0]


def test_a_broken_glossary_still_has_its_text_checked(tmp_path):
    root = copy_site(tmp_path)
    (root / "glossary.yml").write_text(
        "terms:\n"
        "  - id: mediation\n    term: mediation\n    definition: Short.\n"
        "  - id: arbitration\n    term: arbitration <b>\n    definition: A third party decides the outcome.\n",
        encoding="utf-8")
    lines = problem_lines(root)
    assert [line.split(":")[2].strip() for line in lines] == ["terms[1].definition", "terms[2].term"]


def test_a_valid_file_makes_no_stand_in(tmp_path, monkeypatch):
    """A build of valid content does no more than before: stand-ins are made for broken files only,
    once per reading."""
    made = []
    monkeypatch.setattr(loader, "stand_in", lambda *args: made.append(args) or stand_in(*args))
    root = copy_site(tmp_path)
    load_content(root)
    assert made == []
    write_module(root, "broken", 2, ("number: 2\n", "number: two\n"), VAGUE)
    for _ in range(2):
        assert [line.split(":")[2].strip() for line in problem_lines(root)] == ["number", "objectives[1].text"]
    assert len(made) == 1


# --- the model ----------------------------------------------------------------------------------------

def test_question_types_and_defaults():
    quiz = Quiz.model_validate(sample_data("quizzes", "sample-check.yml"))
    assert [type(q) for q in quiz.questions] == [SingleChoice, Likert, MultipleChoice, TrueFalse, Ordering,
                                                 Matching, Reflection]
    assert quiz.language == "en"
    assert quiz.questions[2].scoring == "all-or-nothing"
    assert quiz.questions[1].about == "who"
    assert quiz.questions[3].answer is False
    assert quiz.questions[6].objectives == []


def test_module_defaults_and_text_is_stripped():
    data = sample_data("modules", "sample.yml")
    del data["quizzes"]
    module = Module.model_validate({**data, "title": "  A sample module  "})
    assert module.quizzes == []
    assert module.title == "A sample module"
    assert module.case_studies[0].when == "1 January 2000"


@pytest.mark.parametrize(("field", "value"), [
    ("minutes", "5"), ("minutes", 5.0), ("number", True), ("title", 1), ("title", "   "), ("id", "Sample"),
    ("language", "eng"), ("quizzes", "sample-check"), ("colour", "blue"),
])
def test_module_is_strict(field, value):
    data = sample_data("modules", "sample.yml")
    with pytest.raises(ValidationError):
        Module.model_validate({**data, field: value})


def test_a_course_may_hold_up_to_999_modules():
    data = sample_data("modules", "sample.yml")
    assert Module.model_validate({**data, "number": 999}).number == 999
    with pytest.raises(ValidationError):
        Module.model_validate({**data, "number": 1000})


def test_models_are_frozen():
    module = Module.model_validate(sample_data("modules", "sample.yml"))
    with pytest.raises(ValidationError):
        module.title = "Another title"
