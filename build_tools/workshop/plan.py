"""A workshop plan (`workshops/<id>.yml`): the polls the room answers, in order, taken from the course.

Each poll is either a question of a course quiz, named `quiz-id#question-id` (diagnostic questions show
where the room starts, post questions what changed, survey questions what training it wants), or a
module's live-poll question from its facilitator notes, with the answers the room chooses from (or
`free_text: true`). Polls keep the course's ids, so the report lines them up with learners' results.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StrictBool, StringConstraints, ValidationError

from ..courses.load import LoadedCourse
from ..courses.model import Session
from ..courses.session_plan import plan_session
from ..i18n.apply import translate_model, translator_for
from ..i18n.editions import SOURCE_LANGUAGE, is_translated
from ..i18n.markers import without_marks
from ..i18n.typography import typeset
from ..i18n.units import PLAN, po_of
from ..loader import Content
from ..model import Module, Quiz
from ..model.common import Id, Strict, Text
from ..model.quiz import Likert, MultipleChoice, Poll, SingleChoice, TrueFalse
from ..problems import ContentError, Problem, display_path
from ..rendering import load_strings, shuffled
from ..safe_html import markdown_to_text
from ..strict_yaml import YamlDocument, read_yaml
from ..validation_messages import field_label, problems_from

FOLDER = "workshops"
DEFAULT_PLAN = "ipu-workshop"
QuestionRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*#[a-z0-9]+(-[a-z0-9]+)*$")]
LIVE_POLL = "live-poll"
"""The question id a module's live-poll question keeps: `<module-id>#live-poll`."""
POLLABLE = (SingleChoice, MultipleChoice, TrueFalse, Likert, Poll)
Stage = Literal["before", "after", "survey", "room"]
STAGES: dict[str, Stage] = {"diagnostic": "before", "post": "after", "survey": "survey", "self-check": "room"}


class AnswerChoice(Strict):
    """One answer the room can give to a module's live-poll question."""

    id: Id
    text: Text


class PlanPoll(Strict):
    """One poll: a course question (`question: quiz-id#question-id`) or a module's live-poll question."""

    question: QuestionRef | None = None
    live_poll: Id | None = Field(default=None, description="The module whose facilitator notes ask the question.")
    options: list[AnswerChoice] | None = Field(default=None, min_length=2, max_length=12)
    free_text: StrictBool = False


class WorkshopPlan(Strict):
    """A workshop plan, as a trainer writes it in `workshops/<id>.yml`."""

    id: Id
    course: Id
    title: Text
    minutes: Annotated[int, Field(ge=10, le=8 * 60)]
    polls: list[PlanPoll] = Field(min_length=1, max_length=200)


@dataclass(frozen=True)
class Choice:
    id: str
    text: str


@dataclass(frozen=True)
class LivePoll:
    """One poll as the server asks it: plain text, its choices, and what counts as correct."""

    id: str
    """`quiz-id#question-id` or `module-id#live-poll`."""
    prompt: str
    kind: Literal["one", "many", "text"]
    choices: tuple[Choice, ...] = ()
    correct: frozenset[str] | None = None
    """The choice ids that make a correct answer (all of them, for a multiple choice); None when ungraded."""
    stage: Stage = "room"
    objectives: tuple[str, ...] = ()
    about: str | None = None
    """For a confidence rating: the poll id of the question it rates."""
    scale: str | None = None

    @property
    def graded(self) -> bool:
        return self.correct is not None

    def public(self) -> dict:
        """What participants may see: the question and its choices, never which one is correct."""
        choices = [{"id": c.id, "text": c.text} for c in self.choices]
        return {"id": self.id, "prompt": self.prompt, "kind": self.kind, "choices": choices}


@dataclass(frozen=True)
class Workshop:
    plan: WorkshopPlan
    polls: tuple[LivePoll, ...]
    source: str = ""
    course_line: int = 1
    """The line of `course:` in the plan, for a problem about it."""
    warnings: list[Problem] = field(default_factory=list, compare=False)
    """The plan's texts shown in English, in a room in another language."""
    by_id: dict[str, LivePoll] = field(default_factory=dict, compare=False)

    def __post_init__(self):
        self.by_id.update({poll.id: poll for poll in self.polls})


def plan_path(root: Path, plan_id: str) -> Path:
    return root / FOLDER / f"{plan_id}.yml"


def load_workshop(
    root: Path,
    content: Content,
    plan_id: str = DEFAULT_PLAN,
    language: str = SOURCE_LANGUAGE,
    course: LoadedCourse | None = None,
) -> Workshop:
    """The plan `workshops/<plan_id>.yml`, checked against the content, with its polls in `language`
    (the content given is in that language; the plan's own texts come from its PO file). The course's
    own plan (`workshops/<course id>.yml`), given its `course`, is also checked against the course's
    session plan.

    Raises:
        ContentError: every problem in the plan, each with its line.
    """
    path = plan_path(root, plan_id)
    name = display_path(path, root)
    if not path.is_file():
        hint = f"write {FOLDER}/{plan_id}.yml (see {FOLDER}/{DEFAULT_PLAN}.yml)"
        raise ContentError([Problem(name, 0, "", "no such workshop plan", hint)])
    document, problems = read_yaml(path, name)
    if not document:
        raise ContentError(problems)
    try:
        plan = WorkshopPlan.model_validate(document.data)
    except ValidationError as error:
        raise ContentError([_plain_reference(p) for p in problems_from(error, document, name, WorkshopPlan)]) from None
    problems = check_plan(plan, content, document, name)
    if course is not None and plan_id == plan.course == course.course.id:
        scheduled = scheduled_live_polls(course.content, course.course.session)
        problems += schedule_problems(plan, scheduled, document.line_of(("polls",)), name)
    if problems:
        raise ContentError(problems)
    plan, warnings = translated_plan(root, plan, language)
    strings = load_strings(language, root)
    polls = tuple(_live_poll(item, content, strings, language) for item in plan.polls)
    return Workshop(plan, polls, name, document.line_of(("course",)), warnings)


def translated_plan(root: Path, plan: WorkshopPlan, language: str) -> tuple[WorkshopPlan, list[Problem]]:
    """The plan's title and answers in `language`, from `translations/<language>/workshops/<id>.po`
    (`make translations` makes it), and a warning for the texts that stay English."""
    if not is_translated(language):
        return plan, []
    translator = translator_for(root, language, po_of(f"{FOLDER}/{plan.id}.yml"), mark=False)
    return translate_model(plan, translator, walk=PLAN), translator.report(strict=False)


def _plain_reference(problem: Problem) -> Problem:
    """A question reference of the wrong form, said in words rather than as a pattern."""
    if problem.field.endswith(".question") and "pattern" in problem.message:
        hint = "write quiz-id#question-id, such as diagnostic#friendship-visit"
        return replace(problem, message="is not a question reference", hint=hint)
    return problem


def check_all_plans(root: Path, content: Content, courses: dict[str, LoadedCourse] | None = None) -> list[Problem]:
    """The problems of every plan in `workshops/`, for `check`; a course's own plan is checked against
    its session plan when `courses` holds the course."""
    problems: list[Problem] = []
    for path in sorted((root / FOLDER).glob("*.y*ml")):
        try:
            load_workshop(root, content, path.stem, course=(courses or {}).get(path.stem))
        except ContentError as error:
            problems += error.problems
    return problems


def check_plan(plan: WorkshopPlan, content: Content, document: YamlDocument, name: str) -> list[Problem]:
    """What the model cannot check alone: that each poll names a question the course has, once."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, item in enumerate(plan.polls):
        path = ("polls", index)
        found = _item_problems(item, content)
        problems += [Problem(name, document.line_of(path + (key,)), _label(index, key), m, h) for key, m, h in found]
        poll_id = item.question or f"{item.live_poll}#{LIVE_POLL}"
        if not found and poll_id in seen:
            problems.append(Problem(name, document.line_of(path), _label(index, ""), f"{poll_id} is asked twice"))
        seen.add(poll_id)
    return problems


@dataclass(frozen=True)
class ScheduledPoll:
    """A module's live poll as the session plan asks it: the module and the segment's start."""

    module: str
    start: str


def scheduled_live_polls(content: Content, session: Session | None) -> list[ScheduledPoll]:
    """The live polls the session plan of `session` asks, in order (none without a session)."""
    if session is None:
        return []
    rows = plan_session(content, session).rows
    return [ScheduledPoll(r.slot.module.id, r.start) for r in rows if r.slot and r.slot.live_poll and r.slot.minutes]


def schedule_problems(plan: WorkshopPlan, scheduled: list[ScheduledPoll], line: int, name: str) -> list[Problem]:
    """A problem for each live poll the session plan asks that the plan does not: the trainer would find
    nothing to open at that time."""
    asked = {item.live_poll for item in plan.polls if item.live_poll}
    problems = []
    for index, poll in enumerate(scheduled):
        if poll.module in asked:
            continue
        message = f"the session plan asks the live poll of module '{poll.module}' at {poll.start}"
        message += ", but this plan does not"
        hint = f"add `- live_poll: {poll.module}` with its `options:` (or `free_text: true`)"
        before = next((p.module for p in reversed(scheduled[:index]) if p.module in asked), None)
        hint += f", after the live poll of '{before}'" if before else ""
        problems.append(Problem(name, line, "polls", message, hint))
    return problems


def _label(index: int, key: str) -> str:
    return field_label(("polls", index) + ((key,) if key else ()))


def _item_problems(item: PlanPoll, content: Content) -> list[tuple[str, str, str]]:
    """(field, message, hint) for each thing wrong with one poll."""
    if bool(item.question) == bool(item.live_poll):
        return [("", "give either `question: quiz-id#question-id` or `live_poll: module-id`", "")]
    if item.question:
        if item.options or item.free_text:
            return [("question", "a course question brings its own answers", "remove `options` and `free_text`")]
        return _question_problems(item.question, content)
    module = content.module_by_id(item.live_poll)
    if module is None:
        known = ", ".join(m.id for m in content.modules)
        return [("live_poll", f"no module has the id '{item.live_poll}'", f"one of: {known}")]
    if not module.facilitator_notes.live_poll:
        return [("live_poll", f"module '{module.id}' has no live-poll question in its facilitator notes", "")]
    if bool(item.options) == item.free_text:
        hint = "list the answers the question offers under `options`, or write `free_text: true`"
        return [("options", "a live-poll question needs either options or free text (one of them)", hint)]
    return []


def _question_problems(ref: str, content: Content) -> list[tuple[str, str, str]]:
    quiz_id, question_id = ref.split("#")
    quiz = content.quizzes.get(quiz_id)
    if quiz is None:
        return [("question", f"no quiz has the id '{quiz_id}'", "one of: " + ", ".join(sorted(content.quizzes)))]
    question = next((q for q in quiz.questions if q.id == question_id), None)
    if question is None:
        return [("question", f"quiz '{quiz_id}' has no question '{question_id}'", "")]
    if not isinstance(question, POLLABLE):
        hint = "choose a single, multiple, true-false, likert or poll question"
        return [("question", f"a {question.type} question cannot be polled live", hint)]
    return []


def _live_poll(item: PlanPoll, content: Content, strings: dict, language: str) -> LivePoll:
    if item.live_poll:
        return _module_poll(content.module_by_id(item.live_poll), item, language)
    quiz_id, question_id = item.question.split("#")
    quiz = content.quizzes[quiz_id]
    return _question_poll(quiz, next(q for q in quiz.questions if q.id == question_id), strings, language)


def _plain(markdown: str, language: str) -> str:
    """An author's text as the polls show it: plain, in its language's typography (making it plain
    turns no-break spaces into spaces), without the marks of a text left in English."""
    return typeset(without_marks(markdown_to_text(markdown)), language)


def _module_poll(module: Module, item: PlanPoll, language: str) -> LivePoll:
    prompt = _plain(module.facilitator_notes.live_poll, language)
    poll_id = f"{module.id}#{LIVE_POLL}"
    if item.free_text:
        return LivePoll(poll_id, prompt, "text")
    return LivePoll(poll_id, prompt, "one", tuple(Choice(o.id, o.text) for o in item.options))


def _question_poll(quiz: Quiz, q, strings: dict, language: str) -> LivePoll:
    """A course question as a poll; `strings` are the interface strings of the room's language."""
    common = {"id": f"{quiz.id}#{q.id}", "prompt": _plain(q.prompt, language), "stage": STAGES[quiz.kind]}
    common["objectives"] = tuple(q.objectives)
    listed = getattr(q, "options", [])
    if getattr(q, "shuffle", False):  # in the order the site shows them
        listed = shuffled(listed, f"{quiz.id}--{q.id}")
    options = tuple(Choice(o.id, _plain(o.text, language)) for o in listed)
    if isinstance(q, SingleChoice):
        return LivePoll(kind="one", choices=options, correct=frozenset([q.answer]), **common)
    if isinstance(q, MultipleChoice):
        return LivePoll(kind="many", choices=options, correct=frozenset(q.answer), **common)
    if isinstance(q, TrueFalse):
        choices = (Choice("true", strings["label_true"]), Choice("false", strings["label_false"]))
        return LivePoll(kind="one", choices=choices, correct=frozenset([str(q.answer).lower()]), **common)
    if isinstance(q, Likert):
        labels = strings[f"{q.scale}_scale"]
        choices = tuple(Choice(str(i), label) for i, label in enumerate(labels, start=1))
        about = f"{quiz.id}#{q.about}" if q.about else None
        return LivePoll(kind="one", choices=choices, about=about, scale=q.scale, **common)
    return LivePoll(kind="many" if q.multiple else "one", choices=options, **common)
