"""Cues that give an answer away without knowledge, measured on the options as learners see them.

A learner who always picks the first option, always answers "false", always picks the longest
option, or ticks every box should not score well. `cue_stats` counts those cues per quiz and for
the course; `make report` prints the counts, `check` warns when the course passes the limits below,
and the tests assert the same numbers. Positions are counted after shuffling (see presentation.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .loader import Content
from .model import MultipleChoice, Quiz, SingleChoice, TrueFalse
from .presentation import presented_key_position
from .problems import Problem

TRUE_SHARE = (0.35, 0.65)
"""Course-wide, the share of true-false questions whose key is "true"."""
LONGEST_SHARE_MAX = 0.35
"""Course-wide, the largest share of single-choice questions whose correct option is the longest."""
FOUR_OPTION_POSITION_SHARE = (0.15, 0.35)
"""Course-wide, the share of the keys of four-option single-choice questions at each position."""
MIN_SAMPLE = 6
"""Fewer questions of a kind than this show no pattern: the course-wide limits start to apply here."""
QUIZ_POSITION_SHARE_MAX = 0.5
"""Within one quiz of two or more single-choice questions, the largest share of its keys at one position."""


@dataclass
class CueStats:
    """The cues of one quiz, or of the whole course.

    Attributes:
        name: the quiz id, or `course`.
        positions: single-choice keys by the position learners see them at (0 first).
        four_option_positions: the same, for questions with exactly four options.
        true_keys, false_keys: true-false questions by their key.
        longest_correct: single-choice questions whose correct option is strictly the longest.
        multiples: multiple-response questions; all_options: those whose key is every option.
    """

    name: str
    positions: Counter = field(default_factory=Counter)
    four_option_positions: Counter = field(default_factory=Counter)
    true_keys: int = 0
    false_keys: int = 0
    longest_correct: int = 0
    multiples: int = 0
    all_options: int = 0

    @property
    def singles(self) -> int:
        return sum(self.positions.values())

    @property
    def true_share(self) -> float | None:
        total = self.true_keys + self.false_keys
        return self.true_keys / total if total else None

    @property
    def longest_share(self) -> float | None:
        return self.longest_correct / self.singles if self.singles else None

    def four_option_shares(self) -> dict[int, float]:
        total = sum(self.four_option_positions.values())
        return {p: self.four_option_positions[p] / total for p in range(4)} if total else {}

    def largest_position_share(self) -> float | None:
        return max(self.positions.values()) / self.singles if self.singles else None

    def add(self, other: CueStats) -> None:
        self.positions += other.positions
        self.four_option_positions += other.four_option_positions
        self.true_keys += other.true_keys
        self.false_keys += other.false_keys
        self.longest_correct += other.longest_correct
        self.multiples += other.multiples
        self.all_options += other.all_options


def quiz_cues(quiz: Quiz) -> CueStats:
    stats = CueStats(quiz.id)
    for q in quiz.questions:
        if isinstance(q, SingleChoice):
            position = presented_key_position(quiz, q)
            stats.positions[position] += 1
            if len(q.options) == 4:
                stats.four_option_positions[position] += 1
            stats.longest_correct += correct_is_longest(q)
        elif isinstance(q, TrueFalse):
            stats.true_keys += q.answer
            stats.false_keys += not q.answer
        elif isinstance(q, MultipleChoice):
            stats.multiples += 1
            stats.all_options += set(q.answer) == {o.id for o in q.options}
    return stats


def cue_stats(content: Content) -> tuple[list[CueStats], CueStats]:
    """The cues of each graded quiz (in id order) and of the whole course."""
    quizzes = [quiz_cues(quiz) for _, quiz in sorted(content.quizzes.items()) if quiz.kind != "survey"]
    course = CueStats("course")
    for stats in quizzes:
        course.add(stats)
    return quizzes, course


def correct_is_longest(question: SingleChoice) -> bool:
    """Whether the correct option is longer than every other (a tie gives nothing away)."""
    lengths = {o.id: len(" ".join(o.text.split())) for o in question.options}
    key = lengths.pop(question.answer)
    return all(key > length for length in lengths.values())


def cue_warnings(content: Content) -> list[Problem]:
    """Warnings (not errors) where the course or a quiz passes the limits."""
    quizzes, course = cue_stats(content)
    warnings = []
    share = course.true_share
    if course.true_keys + course.false_keys >= MIN_SAMPLE and not TRUE_SHARE[0] <= share <= TRUE_SHARE[1]:
        warnings.append(
            _warning(
                "quizzes/",
                f"course-wide, {course.true_keys} of {course.true_keys + course.false_keys} true-false keys are "
                f"'true' ({share:.0%}); keep it between {TRUE_SHARE[0]:.0%} and {TRUE_SHARE[1]:.0%}",
                "turn some statements round so that the answer 'always false' (or 'always true') does not pay",
            )
        )
    share = course.longest_share
    if course.singles >= MIN_SAMPLE and share > LONGEST_SHARE_MAX:
        warnings.append(
            _warning(
                "quizzes/",
                f"course-wide, the correct option is the longest in {course.longest_correct} of {course.singles} "
                f"single-choice questions ({share:.0%}); keep it at {LONGEST_SHARE_MAX:.0%} or less",
                "trim long correct options and give the distractors the same care and length",
            )
        )
    for stats in quizzes:
        share = stats.largest_position_share()
        if stats.singles >= 2 and share > QUIZ_POSITION_SHARE_MAX:
            warnings.append(
                _warning(
                    content.source_of("quizzes", stats.name),
                    f"{share:.0%} of the single-choice keys are shown at one position",
                    "let more questions shuffle their options (remove `shuffle: false`)",
                )
            )
    return warnings


def _warning(file: str, message: str, hint: str) -> Problem:
    return Problem(file, 0, "", message, hint, severity="warning")


def format_cues(quizzes: list[CueStats], course: CueStats) -> str:
    """The table `make report` prints: one row per quiz, then the course."""
    width = max([len(s.name) for s in quizzes] + [6])
    lines = [
        f"{'quiz':<{width}}  single-choice keys by position (A B C D ...)  true/false       "
        "correct is longest  multiple: all options"
    ]
    for stats in [*quizzes, course]:
        if stats is course:
            lines.append("-" * width)
        most = max(stats.positions, default=-1) + 1
        positions = " ".join(f"{chr(65 + p)}{stats.positions[p]}" for p in range(most)) or "-"
        true_false = f"{stats.true_keys}/{stats.false_keys}" + (
            f" ({stats.true_share:.0%} true)" if stats.true_share is not None else ""
        )
        longest = f"{stats.longest_correct}/{stats.singles}" + (
            f" ({stats.longest_share:.0%})" if stats.longest_share is not None else ""
        )
        all_options = f"{stats.all_options}/{stats.multiples}"
        lines.append(f"{stats.name:<{width}}  {positions:<44} {true_false:<16} {longest:<18} {all_options}")
    shares = course.four_option_shares()
    if shares:
        spread = ", ".join(f"{chr(65 + p)} {share:.0%}" for p, share in shares.items())
        low, high = FOUR_OPTION_POSITION_SHARE
        lines.append(f"four-option keys by position: {spread} (keep each between {low:.0%} and {high:.0%})")
    lines.append(
        f"limits: true keys {TRUE_SHARE[0]:.0%}-{TRUE_SHARE[1]:.0%} of true/false; "
        f"correct option longest in at most {LONGEST_SHARE_MAX:.0%} of single-choice questions"
    )
    return "\n".join(lines)
