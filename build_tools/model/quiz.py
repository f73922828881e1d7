"""A quiz and its question types, a discriminated union on `type`."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, PrivateAttr, StrictBool

from .common import Document, Id, Strict, Text

QuizKind = Literal["diagnostic", "self-check", "post", "survey"]
"""Self-checks give feedback per question; diagnostic and post are assessments; surveys are ungraded."""


SHUFFLE_DESCRIPTION = (
    "Show the options in a stable shuffled order (the default); false keeps the authored order, for options "
    "that must stay in order, such as a scale or a last 'none of these'."
)


class Option(Strict):
    """A choice in a single- or multiple-choice question, with feedback that says why."""

    id: Id
    text: Text
    feedback: Text


class OrderItem(Strict):
    id: Id
    text: Text


class MatchPair(Strict):
    """A prompt and the match that belongs to it."""

    id: Id
    prompt: Text
    match: Text


class BaseQuestion(Strict):
    id: Id
    prompt: Text
    objectives: list[Id] = Field(default_factory=list)
    section: str | None = Field(
        default=None,
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*#[a-z0-9]+(-[a-z0-9]+)*$",
        description="The module section that teaches this: `module-id#section-id`.",
    )
    _source_fingerprint: str | None = PrivateAttr(default=None)
    """Set on a translated question: the fingerprint of its English source (see i18n/apply.py)."""


class GradedQuestion(BaseQuestion):
    objectives: list[Id] = Field(min_length=1)
    explanation: Text


class SingleChoice(GradedQuestion):
    type: Literal["single"]
    options: list[Option] = Field(min_length=2, max_length=8)
    answer: Id
    shuffle: StrictBool = Field(default=True, description=SHUFFLE_DESCRIPTION)


class MultipleChoice(GradedQuestion):
    type: Literal["multiple"]
    options: list[Option] = Field(min_length=2, max_length=10)
    answer: list[Id]
    scoring: Literal["all-or-nothing", "partial"] = "all-or-nothing"
    shuffle: StrictBool = Field(default=True, description=SHUFFLE_DESCRIPTION)


class TrueFalse(GradedQuestion):
    type: Literal["true-false"]
    answer: StrictBool
    feedback_true: Text
    feedback_false: Text


class Ordering(GradedQuestion):
    """Items written in their correct order; learners see them shuffled."""

    type: Literal["ordering"]
    items: list[OrderItem] = Field(min_length=3, max_length=8)


class Matching(GradedQuestion):
    type: Literal["matching"]
    pairs: list[MatchPair] = Field(min_length=2, max_length=8)


class Likert(BaseQuestion):
    """An ungraded scale: how sure the learner is, or how far they agree."""

    type: Literal["likert"]
    scale: Literal["confidence", "agreement"]
    about: Id | None = Field(default=None, description="The question whose confidence this rates.")


class PollOption(Strict):
    id: Id
    text: Text


class Poll(BaseQuestion):
    """An ungraded choice, for surveys: which topics, formats or times suit the learner."""

    type: Literal["poll"]
    options: list[PollOption] = Field(min_length=2, max_length=12)
    multiple: StrictBool = False


class Reflection(BaseQuestion):
    """Free text that is never scored and never leaves the learner's device."""

    type: Literal["reflection"]
    guidance: Text | None = None


Question = Annotated[
    SingleChoice | MultipleChoice | TrueFalse | Ordering | Matching | Likert | Poll | Reflection,
    Field(discriminator="type"),
]

GRADED_TYPES = (SingleChoice, MultipleChoice, TrueFalse, Ordering, Matching)
INTRODUCTIONS = ("introduction", "worksheet_introduction")


class Quiz(Document):
    """A quiz, as a trainer writes it in `quizzes/<id>.yml`."""

    title: Text
    kind: QuizKind
    introduction: Text | None = None
    worksheet_introduction: Text | None = None
    """What the printed worksheet says before the questions, in place of `introduction`, which speaks
    of the web page (submitting, this device). Without it the worksheet has no introduction."""
    questions: list[Question] = Field(min_length=1)

    def plain_fields(self) -> list[tuple[tuple, str, bool]]:
        """Every plain-text field with its path and whether it is a title (navigation, contents, tooltip)."""
        return [(("title",), self.title, True)]

    def markdown_fields(self) -> list[tuple[tuple, str, bool]]:
        """Every Markdown text with its path and whether it is one line (inline), for the subset check."""
        fields = [((name,), getattr(self, name), False) for name in INTRODUCTIONS if getattr(self, name)]
        for i, q in enumerate(self.questions):
            path = ("questions", i)
            fields.append((path + ("prompt",), q.prompt, True))
            for name in ("explanation", "guidance", "feedback_true", "feedback_false"):
                if getattr(q, name, None):
                    fields.append((path + (name,), getattr(q, name), name in ("feedback_true", "feedback_false")))
            for j, option in enumerate(getattr(q, "options", [])):
                fields.append((path + ("options", j, "text"), option.text, True))
                if getattr(option, "feedback", None):
                    fields.append((path + ("options", j, "feedback"), option.feedback, True))
            fields += [(path + ("items", j, "text"), item.text, True) for j, item in enumerate(getattr(q, "items", []))]
            for j, pair in enumerate(getattr(q, "pairs", [])):
                fields += [
                    (path + ("pairs", j, "prompt"), pair.prompt, True),
                    (path + ("pairs", j, "match"), pair.match, True),
                ]
        return fields
