"""GIFT banks read back by gift-pegjs (npm, pinned in package.json), question by question."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from build_tools.exports.gift import escape, quiz_gift

from .conftest import ROOT
from .expected import block, choices, exported, general_feedback, inline, match_text

GIFT_TYPES = ("single", "multiple", "true-false", "matching", "reflection")
PARSER = Path(__file__).with_name("parse_gift.cjs")


def parse_gift(texts: list[str], tmp_path: Path) -> list[list[dict]]:
    """Each GIFT text as gift-pegjs reads it."""
    assert shutil.which("node"), "node is needed to run gift-pegjs (Debian: apt-get install nodejs npm)"
    assert (ROOT / "node_modules" / "gift-pegjs").is_dir(), "run `npm ci` (make test does) to install gift-pegjs"
    files = []
    for i, text in enumerate(texts):
        files.append(tmp_path / f"{i}.gift")
        files[-1].write_text(text, encoding="utf-8")
    done = subprocess.run(["node", str(PARSER), *map(str, files)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def gift_pegjs_text(text: str) -> str:
    """gift-pegjs 1.0.2 decodes escapes in rich text but leaves its own placeholders (`&&061;` for
    `\\=`) in a match's plain right-hand side: undo that quirk of the parser, nothing else."""
    return re.sub(r"&&0?(\d+);?", lambda m: chr(int(m.group(1))), text)


def squeeze(text: str | None) -> str:
    return " ".join((text or "").split())


def test_every_question_option_weight_and_feedback_read_back(content, tmp_path):
    quizzes = [q for q in content.quizzes.values() if exported(q, GIFT_TYPES)]
    parsed = parse_gift([quiz_gift(q, "Course") for q in quizzes], tmp_path)
    assert quizzes
    for quiz, questions in zip(quizzes, parsed, strict=True):
        assert questions[0]["type"] == "Category"
        read = {q["title"]: q for q in questions[1:]}
        expected = exported(quiz, GIFT_TYPES)
        assert list(read) == [f"{quiz.id}/{q.id}" for q in expected]
        for q in expected:
            _compare(q, read[f"{quiz.id}/{q.id}"])


def _compare(q, got: dict) -> None:
    where = q.id
    assert squeeze(got["stem"]["text"]) == block(q.prompt), where
    assert got["stem"]["format"] == "html", where
    assert squeeze((got["globalFeedback"] or {}).get("text")) == general_feedback(q), where
    if q.type in ("single", "multiple"):
        assert got["type"] == "MC", where
        want = choices(q)
        assert [squeeze(c["text"]["text"]) for c in got["choices"]] == [c.text for c in want], where
        assert [squeeze(c["feedback"]["text"]) for c in got["choices"]] == [c.feedback for c in want], where
        if q.type == "single":
            assert [c["isCorrect"] for c in got["choices"]] == [c.weight == 100 for c in want], where
        else:
            assert [c["weight"] for c in got["choices"]] == pytest.approx([c.weight for c in want], abs=1e-4), where
            assert sum(c["weight"] for c in got["choices"] if c["weight"] > 0) == pytest.approx(100, abs=1e-3)
    elif q.type == "true-false":
        assert got["type"] == "TF" and got["isTrue"] is q.answer, where
        # gift-pegjs names the two feedbacks by position (trueFeedback is the first); Moodle shows the
        # first to a wrong answer and the second to a right one (qformat_gift's split_truefalse_comment).
        wrong, right = (q.feedback_false, q.feedback_true) if q.answer else (q.feedback_true, q.feedback_false)
        assert squeeze(got["trueFeedback"]["text"]) == inline(wrong), where
        assert squeeze(got["falseFeedback"]["text"]) == inline(right), where
    elif q.type == "matching":
        assert got["type"] == "Matching", where
        assert [squeeze(p["subquestion"]["text"]) for p in got["matchPairs"]] == [inline(p.prompt) for p in q.pairs]
        assert [gift_pegjs_text(p["subanswer"]) for p in got["matchPairs"]] == [match_text(p.match) for p in q.pairs]
    else:
        assert got["type"] == "Essay", where


def test_ordering_and_survey_questions_are_left_out(content):
    """GIFT has no ordering type; likert and poll are ungraded survey questions."""
    for quiz in content.quizzes.values():
        text = quiz_gift(quiz, "Course")
        for q in quiz.questions:
            assert (f"::{quiz.id}/{q.id}::" in text) is (q.type in GIFT_TYPES), (quiz.id, q.id)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [("a~b=c#d{e}f:g\\h", "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"), ("two\n\nlines", "two lines"), ("\\~", "\\\\\\~")],
)
def test_escape_makes_every_special_character_text(text, escaped):
    assert escape(text) == escaped
