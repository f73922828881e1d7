"""The order learners see: options shuffled stably and balanced, pinned when asked; ratings inside
the question they rate; saved answers still recognised (fingerprints do not depend on the order)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from build_tools.loader import load_content
from build_tools.model import Quiz
from build_tools.presentation import key_positions, numbered_questions, presented_key_position, presented_options
from build_tools.rendering import question_fingerprint

SITE = Path(__file__).parent / "fixtures" / "site"


def single(question_id: str, options: int = 4, answer: int = 0, **extra) -> dict:
    """A single-choice question whose key is the `answer`-th option as written (the first by default)."""
    ids = [f"{question_id}-o{i}" for i in range(options)]
    return {
        "id": question_id, "type": "single", "prompt": f"Question {question_id}?", "objectives": ["x"],
        "explanation": "Because.", "answer": ids[answer],
        "options": [{"id": i, "text": f"Option {i}", "feedback": "Why."} for i in ids], **extra,
    }  # fmt: skip


def quiz(*questions: dict, quiz_id: str = "q") -> Quiz:
    return Quiz.model_validate({"id": quiz_id, "title": "Q", "kind": "self-check", "questions": list(questions)})


def test_keys_written_first_are_dealt_to_every_position_in_turn():
    written = quiz(*[single(f"s{n}") for n in range(8)])
    positions = Counter(presented_key_position(written, q) for q in written.questions)
    assert positions == {0: 2, 1: 2, 2: 2, 3: 2}


@pytest.mark.parametrize("count", [2, 3, 5, 7, 11])
def test_no_position_holds_more_than_half_the_keys_of_a_quiz(count):
    written = quiz(*[single(f"s{n}", options=2 + n % 3) for n in range(count)], quiz_id=f"quiz-{count}")
    positions = Counter(presented_key_position(written, q) for q in written.questions)
    assert max(positions.values()) <= count / 2, positions


def test_order_is_stable_and_changes_only_with_the_question():
    before = quiz(single("a"), single("b"), single("c"))
    again = quiz(single("a"), single("b"), single("c"))
    shown = {q.id: [o.id for o in presented_options(before, q)] for q in before.questions}
    assert shown == {q.id: [o.id for o in presented_options(again, q)] for q in again.questions}
    edited = quiz(single("a"), single("b", prompt="A new prompt?"), single("c"))
    for q in edited.questions:
        if q.id != "b":  # another question's edit leaves this one's order alone
            assert [o.id for o in presented_options(edited, q)] == shown[q.id]


def test_the_distractors_are_shuffled_too():
    written = quiz(*[single(f"s{n}", options=5) for n in range(12)])
    distractor_orders = {
        tuple(o.id[-1] for o in presented_options(written, q) if o.id != q.answer) for q in written.questions
    }
    assert len(distractor_orders) > 3, "every question places its distractors in the same order"


def test_a_pinned_question_keeps_its_order_and_counts_for_the_balance():
    scale = single("scale", answer=0, shuffle=False)
    written = quiz(scale, *[single(f"s{n}") for n in range(3)])
    assert [o.id for o in presented_options(written, written.questions[0])] == [o["id"] for o in scale["options"]]
    assert 0 not in key_positions(written).values(), "the pinned key already holds position A"


def test_multiple_choice_options_are_shuffled_and_can_be_pinned():
    multiple = {
        "id": "m", "type": "multiple", "prompt": "Which?", "objectives": ["x"], "explanation": "Because.",
        "answer": ["m0", "m1", "m2"],
        "options": [{"id": f"m{i}", "text": f"Option {i}", "feedback": "Why."} for i in range(6)],
    }  # fmt: skip
    shuffled = quiz(multiple)
    pinned = quiz(dict(multiple, shuffle=False))
    assert sorted(o.id for o in presented_options(shuffled, shuffled.questions[0])) == [f"m{i}" for i in range(6)]
    assert [o.id for o in presented_options(shuffled, shuffled.questions[0])][:3] != ["m0", "m1", "m2"]
    assert [o.id for o in presented_options(pinned, pinned.questions[0])] == [f"m{i}" for i in range(6)]


# Fingerprints of the fixture quizzes as the build wrote them before options were shuffled: progress
# saved then is kept, because the fingerprint describes the question, not the order it is shown in.
FINGERPRINTS_BEFORE = {
    "sample-check": {"who": "c66dd1c0", "sure-who": "36e3b298", "features": "addb9a98", "binding": "395c2644",
                     "order": "d845bb4b", "pairs": "4157f5eb", "think": "2c9fb6d2"},
    "sample-diagnostic": {"who": "40296587", "sure-who": "36e3b298", "consent": "759f29b9", "pairs": "fe698423"},
    "sample-post": {"who": "7a59ff00", "sure-who": "36e3b298", "consent": "1507eca1", "order": "97552510"},
}  # fmt: skip


def test_fingerprints_are_those_of_before_the_shuffle():
    content = load_content(SITE)
    assert {
        quiz_id: {q.id: question_fingerprint(q) for q in content.quizzes[quiz_id].questions}
        for quiz_id in FINGERPRINTS_BEFORE
    } == FINGERPRINTS_BEFORE


def test_a_confidence_rating_is_part_of_the_question_it_rates():
    rated = quiz(
        single("a"),
        {"id": "sure-a", "type": "likert", "prompt": "How sure are you?", "scale": "confidence", "about": "a"},
        single("b"),
        {"id": "agree", "type": "likert", "prompt": "I agree.", "scale": "agreement"},
    )
    shown = numbered_questions(rated)
    assert [(s.number, s.question.id, s.confidence and s.confidence.id) for s in shown] == [
        (1, "a", "sure-a"), (2, "b", None), (3, "agree", None),
    ]  # fmt: skip
