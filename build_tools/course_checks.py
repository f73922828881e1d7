"""Rules for the course as a whole, run once every file is valid on its own.

They keep the teaching honest: every objective is assessed, the diagnostic and the post-workshop
assessment cover the same key objectives (so that before and after compare), no question is
asked twice, and every glossary term is one the modules actually use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .checks import repeats
from .problems import Problem
from .validation_messages import field_label

if TYPE_CHECKING:
    from .loader import SourceFile


def check_course(modules: list[SourceFile], quizzes: list[SourceFile], glossary: SourceFile | None) -> list[Problem]:
    problems = _objectives_assessed(modules, quizzes)
    problems += _questions_asked_once(quizzes)
    if glossary:
        problems += _glossary(glossary, modules)
    return problems


def _problem(source: SourceFile, path: tuple, message: str, hint: str = "") -> Problem:
    return Problem(source.name, source.document.line_of(path), field_label(path), message, hint)


def _assessed_by(quizzes: list[SourceFile], kind: str) -> set[str] | None:
    """Objective ids tagged by questions of quizzes of one kind; None when there is no such quiz."""
    chosen = [q.model for q in quizzes if q.model.kind == kind]
    if not chosen:
        return None
    return {tag for quiz in chosen for question in quiz.questions for tag in question.objectives}


def _objectives_assessed(modules: list[SourceFile], quizzes: list[SourceFile]) -> list[Problem]:
    """A module's self-checks assess each of its objectives; key objectives are in both assessments.

    A module that lists no self-check yet (a draft) is left alone here.
    """
    kinds = {q.model.id: q.model.kind for q in quizzes}
    tags = {q.model.id: {t for question in q.model.questions for t in question.objectives} for q in quizzes}
    assessments = {kind: _assessed_by(quizzes, kind) for kind in ("diagnostic", "post")}
    problems = []
    for source in modules:
        own = [quiz_id for quiz_id in source.model.quizzes if kinds.get(quiz_id) == "self-check"]
        covered = set().union(*(tags[quiz_id] for quiz_id in own)) if own else None
        for index, objective in enumerate(source.model.objectives):
            path = ("objectives", index)
            if covered is not None and objective.id not in covered:
                problems.append(
                    _problem(
                        source,
                        path + ("id",),
                        f"no question of {', '.join(own)} assesses this objective",
                        f"tag a question with `objectives: [{objective.id}]`",
                    )
                )
            for kind, tagged in assessments.items():
                if objective.key and tagged is not None and objective.id not in tagged:
                    problems.append(
                        _problem(
                            source,
                            path + ("key",),
                            f"this key objective is not assessed in the {kind}",
                            "key objectives are compared before and after the workshop",
                        )
                    )
    return problems


def _questions_asked_once(quizzes: list[SourceFile]) -> list[Problem]:
    """No two questions with the same text; confidence ratings repeat by design and are exempt."""
    asked = [
        (" ".join(q.prompt.lower().split()), (source, index))
        for source in quizzes
        for index, q in enumerate(source.model.questions)
        if q.type != "likert"
    ]
    return [
        _problem(
            source,
            ("questions", index, "prompt"),
            f"the same text as {first.name} questions[{first_index + 1}]",
            "ask each question once; vary the scenario",
        )
        for (source, index), (first, first_index) in repeats(asked)
    ]


def _glossary(glossary: SourceFile, modules: list[SourceFile]) -> list[Problem]:
    terms = glossary.model.terms
    module_ids = {m.model.id for m in modules}
    prose = "\n".join(text for m in modules for _, text in m.model.prose())
    prose += "\n" + "\n".join(s.heading for m in modules for s in m.model.sections)
    problems, seen = [], set()
    for index, term in enumerate(terms):
        path = ("terms", index)
        if term.id in seen or term.term.lower() in seen:
            problems.append(_problem(glossary, path + ("term",), f"'{term.term}' is defined twice"))
        seen |= {term.id, term.term.lower()}
        if term.module and term.module not in module_ids:
            problems.append(_problem(glossary, path + ("module",), f"no module '{term.module}'"))
        if not any(uses_term(prose, form) for form in [term.term, *term.forms]):
            problems.append(
                _problem(
                    glossary,
                    path + ("term",),
                    f"'{term.term}' is not used in any module",
                    "use it where it is taught, add the form the modules use to `forms`, or remove it",
                )
            )
    return problems


def uses_term(text: str, form: str) -> bool:
    """Whether a term appears as a whole word, exactly as the tooltip will match it: not next to a
    word character (`\\w`: what `str.isalnum` calls alphanumeric, and `_`). Found with `str.find`,
    which is many times faster over a course's prose than a regular expression with a look-behind."""
    start = text.find(form)
    while start != -1:
        end = start + len(form)
        if not (start and _word_character(text[start - 1])) and not (end < len(text) and _word_character(text[end])):
            return True
        start = text.find(form, start + 1)
    return False


def _word_character(character: str) -> bool:
    return character.isalnum() or character == "_"
