"""Cue statistics: one function counts what `make report` prints, what `check` warns about and what
the tests assert."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from build_tools.cli import main
from build_tools.cues import correct_is_longest, cue_stats, cue_warnings, quiz_cues
from build_tools.loader import load_content
from build_tools.model import Quiz

SITE = Path(__file__).parent / "fixtures" / "site"


def true_false(question_id: str, answer: bool) -> dict:
    return {
        "id": question_id, "type": "true-false", "prompt": f"Statement {question_id}.", "objectives": ["sample-apply"],
        "explanation": "Because.", "answer": answer, "feedback_true": "Why.", "feedback_false": "Why.",
    }  # fmt: skip


def choice(question_id: str, texts: list[str], answer: int = 0, kind: str = "single") -> dict:
    options = [{"id": f"o{i}", "text": text, "feedback": "Why."} for i, text in enumerate(texts)]
    key = options[answer]["id"] if kind == "single" else [o["id"] for o in options]
    return {
        "id": question_id, "type": kind, "prompt": f"Question {question_id}?", "objectives": ["sample-apply"],
        "explanation": "Because.", "options": options, "answer": key,
    }  # fmt: skip


def test_counts_true_false_longest_and_all_option_keys():
    quiz = Quiz.model_validate({
        "id": "q", "title": "Q", "kind": "self-check",
        "questions": [
            true_false("t1", True), true_false("t2", False), true_false("t3", False),
            choice("long", ["The long and careful correct answer", "Short", "Brief"]),
            choice("tie", ["Same size", "Same size", "Other"]),
            choice("all", ["A", "B"], kind="multiple"),
        ],
    })  # fmt: skip
    stats = quiz_cues(quiz)
    assert (stats.true_keys, stats.false_keys, stats.longest_correct, stats.singles) == (1, 2, 1, 2)
    assert (stats.multiples, stats.all_options) == (1, 1)
    assert sum(stats.positions.values()) == 2
    assert correct_is_longest(quiz.questions[3]) and not correct_is_longest(quiz.questions[4])


def course_with(tmp_path: Path, questions: list[dict]) -> Path:
    """The fixture site with questions added to its self-check."""
    root = tmp_path / "site"
    shutil.copytree(SITE, root, ignore=shutil.ignore_patterns("site", "site-offline", ".cache"))
    path = root / "quizzes" / "sample-check.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["questions"] += questions
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return root


def test_check_warns_about_cues_but_passes(tmp_path, capsys):
    root = course_with(
        tmp_path,
        [true_false(f"tf{n}", False) for n in range(8)]
        + [choice(f"c{n}", [f"The much longer correct answer {n}", "No", "Not so"]) for n in range(8)],
    )
    assert main(["--root", str(root), "check"]) == 0
    out = capsys.readouterr().out
    assert "quizzes/: warning: course-wide, 1 of 11 true-false keys are 'true' (9%)" in out
    assert "warning: course-wide, the correct option is the longest in" in out
    assert out.rstrip().endswith("ok: 1 modules, 3 quizzes (1 linked from modules)")

    assert main(["--root", str(root), "check", "--format", "github"]) == 0
    assert "::warning file=quizzes/,line=1::course-wide, 1 of 11 true-false keys" in capsys.readouterr().out


def test_report_prints_the_same_numbers_as_the_warnings_use(tmp_path, capsys):
    root = course_with(tmp_path, [true_false(f"tf{n}", False) for n in range(8)])
    content = load_content(root)
    _, course = cue_stats(content)
    assert (course.true_keys, course.false_keys) == (1, 10)  # the fixture's own: 1 true, 2 false
    assert len(cue_warnings(content)) == 1
    assert main(["--root", str(root), "report"]) == 0
    out = capsys.readouterr().out
    course_line = next(line for line in out.splitlines() if line.startswith("course "))
    assert "1/10 (9% true)" in course_line


def test_a_balanced_course_has_no_warnings():
    assert cue_warnings(load_content(SITE)) == []
