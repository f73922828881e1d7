"""The order in which a learner sees the options of a choice question: not the order they were written in.

Authors tend to write the correct option first, so the authored order would give the key away.
Every output (the site, with or without JavaScript, the worksheets, the answer keys and the PDFs)
shows the options in the order `presented_options` returns, which is:

- stable: derived from the quiz id, the question id and the question's content, so it never changes
  between builds or page views, only when the question itself changes;
- balanced: within a quiz, the keys of single-choice questions are dealt to the positions in turn
  (a round-robin in an order the hash decides), so no position collects the keys by chance; the
  distractors then fill the other positions in hashed order;
- pinned when the author says so (`shuffle: false`), for options that must stay in order.

Saved answers name option ids, never positions, so a new order never misreads a saved answer.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

from .model import Likert, MultipleChoice, Option, Question, Quiz, SingleChoice

ChoiceQuestion = SingleChoice | MultipleChoice


def _digest(*parts: str) -> str:
    return hashlib.sha256(":".join(parts).encode("utf-8")).hexdigest()


def is_shuffled(question) -> bool:
    return isinstance(question, (SingleChoice, MultipleChoice)) and question.shuffle


def key_positions(quiz: Quiz) -> dict[str, int]:
    """The position (0 first) where each shuffled single-choice question of the quiz shows its key.

    Pinned questions keep their authored key position and count towards the balance. The others,
    those with fewest options first, then in an order hashed from their ids, each take the least
    used position they have, trying the positions from a point that moves on by one per question
    (a round-robin whose start the quiz id decides, so that courses of many quizzes do not pile
    their remainders on one position).
    """
    singles = [q for q in quiz.questions if isinstance(q, SingleChoice)]
    used = Counter(_authored_key_position(q) for q in singles if not q.shuffle)
    # Questions with fewer options first: they have fewer positions to choose from.
    dealt = sorted((q for q in singles if q.shuffle), key=lambda q: (len(q.options), _digest(quiz.id, q.id)))
    start = int(_digest(quiz.id), 16)
    positions = {}
    for turn, question in enumerate(dealt):
        count = len(question.options)
        preference = [(start + turn + step) % count for step in range(count)]
        chosen = min(preference, key=lambda position: (used[position], preference.index(position)))
        used[chosen] += 1
        positions[question.id] = chosen
    return positions


def presented_options(quiz: Quiz, question) -> list[Option]:
    """The options of a single- or multiple-choice question in the order learners see them."""
    if not is_shuffled(question):
        return list(getattr(question, "options", []))
    salt = _digest(quiz.id, question.id, question.model_dump_json())
    hashed = sorted(question.options, key=lambda option: _digest(salt, option.id))
    if isinstance(question, MultipleChoice):
        return hashed
    key = next(o for o in question.options if o.id == question.answer)
    distractors = [o for o in hashed if o is not key]
    position = key_positions(quiz)[question.id]
    return distractors[:position] + [key] + distractors[position:]


def presented_key_position(quiz: Quiz, question: SingleChoice) -> int:
    """Where the learner sees the correct option of a single-choice question (0 first)."""
    return [o.id for o in presented_options(quiz, question)].index(question.answer)


def _authored_key_position(question: SingleChoice) -> int:
    return [o.id for o in question.options].index(question.answer)


@dataclass(frozen=True)
class Numbered:
    """A question as learners see it: its number, and the confidence rating shown under it, if any."""

    number: int
    question: Question
    confidence: Likert | None = None


def numbered_questions(quiz: Quiz) -> list[Numbered]:
    """The quiz's questions, numbered, with each confidence rating moved under the question it rates.

    A `likert` question on the confidence scale whose `about` names another question of the quiz
    is part of that question: it gets no number of its own. Its id, and so the learner's saved
    rating, stay as they are.
    """
    ratings = confidence_ratings(quiz)
    attached = {rating.id for rating in ratings.values()}
    shown = [q for q in quiz.questions if q.id not in attached]
    return [Numbered(number, q, ratings.get(q.id)) for number, q in enumerate(shown, start=1)]


def confidence_ratings(quiz: Quiz) -> dict[str, Likert]:
    """The first confidence rating of each rated question, by the id of the question it rates."""
    rateable = {q.id for q in quiz.questions if not isinstance(q, Likert)}
    ratings: dict[str, Likert] = {}
    for q in quiz.questions:
        if isinstance(q, Likert) and q.scale == "confidence" and q.about in rateable:
            ratings.setdefault(q.about, q)
    return ratings
