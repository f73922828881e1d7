"""Rules that span fields or files: references that must exist, ids that must be unique.

Each check returns problems; none stops at the first, so an author sees everything at once.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, TypeVar

from .markdown_subset import empty_header_in, hint_for, unsupported_in
from .model import (
    GRADED_TYPES,
    INTRODUCTIONS,
    FacilitatorNotes,
    Likert,
    Matching,
    Module,
    MultipleChoice,
    Ordering,
    Quiz,
    SingleChoice,
    TrueFalse,
)
from .problems import Problem
from .text_checks import check_plain_text
from .validation_messages import field_label
from .verdicts import HINT as VERDICT_HINT
from .verdicts import OPTION_HINT, opening_verdict

if TYPE_CHECKING:
    from .loader import SourceFile

T = TypeVar("T")
MEASURABLE_HINT = "start with a verb a learner can show: distinguish, explain, apply, draft, assess"
UNREADABLE = "__unreadable__"  # the key of the ids a file that is not readable YAML seems to declare
VAGUE_VERBS = {"understand", "know", "learn", "appreciate", "realise", "realize", "be"}
NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty"
).split()
STATED_COUNT = re.compile(r"^\s*(\d+|[A-Za-z]+) (?:short )?questions\b", re.IGNORECASE)
"""An introduction that opens by counting the quiz's questions: "Eight short questions on ..."."""


@dataclass(frozen=True)
class _Where:
    """Makes problems that point into one source file."""

    source: SourceFile

    def problem(self, path: tuple, message: str, hint: str = "") -> Problem:
        line = self.source.document.line_of(path)
        return Problem(self.source.name, line, field_label(path), message, hint)


def check_content(
    modules: list[SourceFile], quizzes: list[SourceFile], invalid: dict[str, list[dict]]
) -> list[Problem]:
    """All cross-field and cross-file problems among the files that passed validation and the
    stand-ins of those that did not (see `stand_in`: a check that rests on a replaced value asks
    `SourceFile.stood_in` and says nothing; problems at a replaced value are the loader's to drop).

    Args:
        modules: validated module files, and stand-ins.
        quizzes: validated quiz files, and stand-ins.
        invalid: the raw data of files that failed validation, by folder; the ids they declare
            still count, so that one broken file does not make others report false "missing" ids.
            A file that is not readable YAML stands in as `{"id": its file name, UNREADABLE: [the
            ids on its `id:` lines]}`: those may be its objectives and sections.
    """
    problems = _unique_across_files(modules, "module") + _unique_across_files(quizzes, "quiz")
    numbered = [m for m in modules if m.name.startswith("modules/") and not m.stood_in("number")]
    problems += _unique_numbers(numbered)  # a course numbers local ones
    raw_modules = invalid.get("modules", [])
    objectives = {o.id for m in modules for o in m.model.objectives} | _raw_ids(raw_modules, "objectives")
    sections = {f"{m.model.id}#{s.id}" for m in modules for s in m.model.sections}
    sections |= {f"{d.get('id')}#{s}" for d in raw_modules for s in _raw_ids([d], "sections")}
    for stand_in in (d for d in raw_modules if UNREADABLE in d):  # a module that is not readable YAML
        objectives |= set(stand_in[UNREADABLE])
        sections |= {f"{stand_in['id']}#{declared}" for declared in stand_in[UNREADABLE]}
    quiz_ids = {q.model.id for q in quizzes} | {str(d.get("id")) for d in invalid.get("quizzes", [])}
    for source in modules + quizzes:
        problems += check_plain_text(source)
    for source in modules:
        problems += _check_module(_Where(source), source.model, quiz_ids)
    problems += _objectives_unique_across_modules(modules)
    for source in quizzes:
        problems += _check_quiz(_Where(source), source.model, objectives, sections)
    return problems


def _raw_ids(documents: list[dict], field: str) -> set[str]:
    items = [item for d in documents if isinstance(d.get(field), list) for item in d[field]]
    return {str(item["id"]) for item in items if isinstance(item, dict) and "id" in item}


def repeats(entries: Iterable[tuple[Hashable, T]]) -> Iterator[tuple[T, T]]:
    """(entry, first) for every entry whose key an earlier entry already had."""
    first: dict[Hashable, T] = {}
    for key, value in entries:
        if key in first:
            yield value, first[key]
        else:
            first[key] = value


def _unique_across_files(sources: list[SourceFile], kind: str) -> list[Problem]:
    problems = [
        _Where(s).problem(
            ("id",),
            f"the id does not match the file name '{PurePosixPath(s.name).name}'",
            f"rename the file to {s.model.id}.yml, or change the id",
        )
        for s in sources
        if PurePosixPath(s.name).stem != s.model.id
    ]
    # A file named after its id keeps the id; the copy with another name is the one reported.
    in_order = sorted(sources, key=lambda s: PurePosixPath(s.name).stem != s.model.id)
    for source, first in repeats((s.model.id, s) for s in in_order):
        message = f"duplicate {kind} id '{source.model.id}' (also in {first.name})"
        problems.append(_Where(source).problem(("id",), message))
    return problems


def _unique_numbers(modules: list[SourceFile]) -> list[Problem]:
    hint = "each module needs its own number: it sets the order"
    return [
        _Where(source).problem(("number",), f"module number {source.model.number} is also used by {first.name}", hint)
        for source, first in repeats((s.model.number, s) for s in modules)
    ]


def _duplicates(where: _Where, items: Iterable, path: tuple, what: str = "id") -> list[Problem]:
    """Problems for items whose `id` repeats an earlier one in the same list."""
    return [
        where.problem(path + (index, "id"), f"duplicate {what} '{item.id}' in this list")
        for (index, item), _ in repeats((item.id, (index, item)) for index, item in enumerate(items))
    ]


def _check_module(where: _Where, module: Module, quiz_ids: set[str]) -> list[Problem]:
    problems = []
    for field in ("objectives", "sections", "case_studies", "references"):
        problems += _duplicates(where, getattr(module, field), (field,))
    for index, objective in enumerate(module.objectives):
        verb = objective.text.split()[0].lower().strip(",.:")
        if verb in VAGUE_VERBS:
            problems.append(
                where.problem(("objectives", index, "text"), f"'{verb}' cannot be measured", MEASURABLE_HINT)
            )
    problems += _markdown_subset(where, module)
    problems += _check_timing(where, module.facilitator_notes)
    references = {r.id for r in module.references}
    for index, case in enumerate([] if where.source.stood_in("references", None, "id") else module.case_studies):
        for position, ref in enumerate(case.references):
            if ref not in references:
                problems.append(
                    where.problem(
                        ("case_studies", index, "references", position),
                        f"no reference '{ref}' in this module",
                        _choices(references),
                    )
                )
    for index, quiz_id in enumerate(module.quizzes):
        if quiz_id not in quiz_ids:
            problems.append(
                where.problem(
                    ("quizzes", index),
                    f"no quiz '{quiz_id}' in quizzes/",
                    f"create quizzes/{quiz_id}.yml or remove it from this list",
                )
            )
    return problems


def _check_timing(where: _Where, notes: FacilitatorNotes) -> list[Problem]:
    """The segments add up to the module's minutes, and one of them at most asks the live poll."""
    path = ("facilitator_notes",)
    problems = []
    total = sum(s.minutes for s in notes.segments)
    if where.source.stood_in(*path, "segments", None, "minutes"):
        pass  # the sum is not known
    elif notes.segments and notes.minutes is None:
        hint = f"add `minutes: {total}` under facilitator_notes, the sum of the segments"
        problems.append(where.problem(path + ("segments",), "segments need the module's total minutes", hint))
    elif notes.segments and total != notes.minutes:
        hint = "make minutes the sum of the segments' minutes, or correct a segment"
        problems.append(
            where.problem(path + ("minutes",), f"the segments add up to {total} minutes, not {notes.minutes}", hint)
        )
    polled = [i for i, s in enumerate(notes.segments) if s.live_poll]
    for index in polled[1:]:
        problems.append(
            where.problem(
                path + ("segments", index, "live_poll"),
                f"segment {polled[0] + 1} already asks the live poll",
                "mark one segment with live_poll: true",
            )
        )
    if polled and not notes.live_poll:
        problems.append(
            where.problem(
                path + ("segments", polled[0], "live_poll"),
                "this segment asks the live poll, but facilitator_notes has no live_poll question",
                "write the question under facilitator_notes as live_poll:",
            )
        )
    return problems


def _markdown_subset(where: _Where, document: Module | Quiz) -> list[Problem]:
    """Text keeps to the Markdown that both the site and the handouts render alike.

    Quiz text is escaped on the site, so `<tags>` in it show as written; a quiz introduction is
    not (mkdocs renders it), so it follows the module rule.
    """
    problems = []
    is_quiz = isinstance(document, Quiz)
    for path, text, inline in document.markdown_fields():
        as_text = is_quiz and path[0] not in INTRODUCTIONS
        found = unsupported_in(text, inline=inline, html_as_text=as_text)
        if found:
            problems.append(where.problem(path, f"{found} is not allowed here", hint_for(found)))
        empty = None if inline else empty_header_in(text)
        if empty:
            problems.append(
                where.problem(path, f"a table's header cell {empty} is empty", "name the column, e.g. | Aspect |")
            )
    return problems


def _objectives_unique_across_modules(modules: list[SourceFile]) -> list[Problem]:
    """Quizzes name objectives without their module, so an id may belong to one module only.

    A repeat inside one module is `_duplicates`' to report.
    """
    tagged = [(o.id, (source, index)) for source in modules for index, o in enumerate(source.model.objectives)]
    return [
        _Where(source).problem(
            ("objectives", index, "id"),
            f"objective id '{source.model.objectives[index].id}' is also used in {owner.name}",
            "objective ids must be unique across all modules",
        )
        for (source, index), (owner, _) in repeats(tagged)
        if owner is not source
    ]


def _check_quiz(where: _Where, quiz: Quiz, objectives: set[str], sections: set[str]) -> list[Problem]:
    problems = _duplicates(where, quiz.questions, ("questions",)) + _markdown_subset(where, quiz)
    problems += _stated_count(where, quiz) + _opening_verdicts(where, quiz)
    question_ids = {q.id for q in quiz.questions}
    for index, question in enumerate(quiz.questions):
        path = ("questions", index)
        for position, tag in enumerate(question.objectives):
            if tag not in objectives:
                problems.append(
                    where.problem(
                        path + ("objectives", position),
                        f"no module declares objective '{tag}'",
                        _closest(tag, objectives),
                    )
                )
        if question.section and question.section not in sections:
            problems.append(
                where.problem(
                    path + ("section",), f"no section '{question.section}' exists", _closest(question.section, sections)
                )
            )
        problems += _check_answer(where, question, path)
        known = not where.source.stood_in("questions", None, "id")
        if isinstance(question, Likert) and question.about and question.about not in question_ids and known:
            problems.append(
                where.problem(
                    path + ("about",),
                    f"no question '{question.about}' in this quiz",
                    _closest(question.about, question_ids),
                )
            )
    return problems


def _stated_count(where: _Where, quiz: Quiz) -> list[Problem]:
    """An introduction that says how many questions the quiz has must say how many it scores: a
    reader who is told "ten questions" and counts nine stops trusting the page."""
    match = STATED_COUNT.match(quiz.introduction or "")
    word = match.group(1).lower() if match else ""
    stated = int(word) if word.isdigit() else NUMBER_WORDS.index(word) + 1 if word in NUMBER_WORDS else None
    scored = sum(isinstance(q, GRADED_TYPES) for q in quiz.questions)
    if stated is None or stated == scored or where.source.stood_in("questions", None, "type"):
        return []
    return [
        where.problem(
            ("introduction",),
            f"it says {word} questions, and the quiz scores {scored}",
            "count the scored questions; name a confidence check or a reflection apart, as in "
            '"Eight short questions, plus a confidence check and a reflection"',
        )
    ]


def _opening_verdicts(where: _Where, quiz: Quiz) -> list[Problem]:
    """Feedback and explanations that open with a verdict the quiz already shows (see verdicts.py)."""
    problems = []
    for path, text, per_option in _judging_texts(quiz):
        verdict = opening_verdict(text, per_option=per_option)
        if verdict:
            if per_option:
                message, hint = f"it opens with '{verdict}', the quiz's own verdict on the whole answer", OPTION_HINT
            else:
                message, hint = f"it opens with '{verdict}', a verdict the quiz already shows", VERDICT_HINT
            problems.append(where.problem(path, message, hint))
    return problems


def _judging_texts(quiz: Quiz) -> Iterator[tuple[tuple, str, bool]]:
    """(path, text, whether it judges one option of several) for each feedback and explanation."""
    for index, question in enumerate(quiz.questions):
        path = ("questions", index)
        if isinstance(question, GRADED_TYPES):
            yield path + ("explanation",), question.explanation, False
        if isinstance(question, TrueFalse):
            yield path + ("feedback_true",), question.feedback_true, False
            yield path + ("feedback_false",), question.feedback_false, False
        if isinstance(question, (SingleChoice, MultipleChoice)):
            per_option = isinstance(question, MultipleChoice)
            for position, option in enumerate(question.options):
                yield path + ("options", position, "feedback"), option.feedback, per_option


def _check_answer(where: _Where, question, path: tuple) -> list[Problem]:
    if isinstance(question, (SingleChoice, MultipleChoice)):
        problems = _duplicates(where, question.options, path + ("options",), "option id")
        options = [o.id for o in question.options]
        answers = [question.answer] if isinstance(question, SingleChoice) else question.answer
        if not answers:
            problems.append(
                where.problem(
                    path + ("answer",),
                    "no option is marked correct",
                    "list the ids of the correct options, such as [a, c]",
                )
            )
        for answer in [] if where.source.stood_in(*path, "options", None, "id") else answers:
            if answer not in options:
                message = f"'{answer}' is not one of the options ({', '.join(options)})"
                problems.append(where.problem(path + ("answer",), message))
        return problems
    if isinstance(question, Ordering):
        return _duplicates(where, question.items, path + ("items",), "item id")
    if isinstance(question, Matching):
        return _duplicates(where, question.pairs, path + ("pairs",), "pair id")
    return []


def _closest(value: str, choices: set[str]) -> str:
    close = difflib.get_close_matches(value, sorted(choices), n=1)
    return f"did you mean '{close[0]}'?" if close else ""


def _choices(choices: set[str]) -> str:
    return f"known here: {', '.join(sorted(choices))}" if choices else ""
