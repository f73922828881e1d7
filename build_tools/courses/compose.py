"""A course made from the content: the chosen modules in the course's order, and what goes with them.

`compose` is pure: it takes the loaded content (shared and local modules and quizzes) and a course,
and returns a plain `Content` that every output (site, handouts, exports) takes as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..course_checks import uses_term
from ..loader import Content
from ..model import Glossary, Module, Quiz
from .links import bases_of, unlink
from .model import ASSESSMENT_QUIZ_IDS, Assessment, Course

ASSESSED_KINDS = ("diagnostic", "post")
"""The assessments that keep only the questions on the course's own objectives."""


@dataclass(frozen=True)
class LeftOutLink:
    """A link in author text to a page the course leaves out: it is rendered as its text alone."""

    source: str
    """The file the text is in, such as `modules/global-framework.yml`."""
    path: tuple
    """The field, as a path into that file."""
    target: str


def compose(content: Content, course: Course) -> Content:
    """The content of one course: its modules in its order, numbered 1, 2, 3...; their quizzes and the
    chosen assessments (the diagnostic and the post-workshop assessment keep only the questions on the
    chosen modules' objectives); the glossary terms the chosen modules use; every figure. A link in
    author text to a module or quiz the course leaves out becomes plain text.

    Raises:
        KeyError: a module the course lists is not in the content (`load_course` reports it first).
    """
    modules = [_module(content, module_id) for module_id in course.modules]
    objectives = {o.id for m in modules for o in m.objectives}
    sections = {f"{m.id}#{s.id}" for m in modules for s in m.sections}
    wanted = [q for m in modules for q in m.quizzes] + [
        q.id for assessment in course.assessments for q in assessment_quizzes(content, assessment)
    ]
    quizzes = {}
    for quiz_id, quiz in content.quizzes.items():  # in the content's order, as the pages are made
        kept = _quiz_for_course(quiz, objectives, sections) if quiz_id in wanted else None
        if kept is not None:
            quizzes[quiz_id] = kept
    left_out = left_out_pages(content, [m.id for m in modules], list(quizzes))
    numbered = tuple(m if m.number == n else m.model_copy(update={"number": n}) for n, m in enumerate(modules, 1))
    linked = {("modules", m.id): m for m in numbered} | {("quizzes", q): quiz for q, quiz in quizzes.items()}
    numbered = tuple(without_links(m, "modules", left_out) for m in numbered)
    quizzes = {quiz_id: without_links(quiz, "quizzes", left_out) for quiz_id, quiz in quizzes.items()}
    unlinked = {("modules", m.id): m for m in numbered} | {("quizzes", q): quiz for q, quiz in quizzes.items()}
    kept_ids = {("modules", m.id) for m in numbered} | {("quizzes", q) for q in quizzes}
    return Content(
        modules=numbered,
        quizzes=quizzes,
        source_names={key: name for key, name in content.source_names.items() if key in kept_ids},
        glossary=_glossary(content.glossary, numbered),
        figures=content.figures,  # hand-written pages (the essentials) show figures of any module
        linked={key: document for key, document in linked.items() if unlinked[key] is not document},
        left_out=frozenset(left_out),
    )


def assessment_quizzes(content: Content, assessment: Assessment) -> list[Quiz]:
    """The quiz an assessment names (`quizzes/<id>.yml`, see ASSESSMENT_QUIZ_IDS); for the diagnostic
    and the post-workshop assessment, else any quiz of that kind that no module lists."""
    named = content.quizzes.get(ASSESSMENT_QUIZ_IDS[assessment])
    if named is not None:
        return [named]
    if assessment in ASSESSED_KINDS:
        return [q for q in content.other_quizzes() if q.kind == assessment]
    return []


def left_out_pages(content: Content, module_ids: list[str], quiz_ids: list[str]) -> set[str]:
    """The generated pages of the content that a course without them leaves out: `modules/<id>`, `quizzes/<id>`."""
    pages = {f"modules/{m.id}" for m in content.modules if m.id not in module_ids}
    return pages | {f"quizzes/{q}" for q in content.quizzes if q not in quiz_ids}


def left_out_links(content: Content, course: Course, composed: Content | None = None) -> list[LeftOutLink]:
    """Every link in the chosen modules and quizzes to a page the course leaves out (for `check`).

    Args:
        composed: `compose(content, course)`, when the caller has it already.
    """
    composed_quizzes = (composed or compose(content, course)).quizzes
    left_out = left_out_pages(content, list(course.modules), list(composed_quizzes))
    if not left_out:  # a course of every module and quiz: nothing to link to that it leaves out
        return []
    found = []
    documents = [("modules", _module(content, i)) for i in course.modules]
    documents += [("quizzes", content.quizzes[q]) for q in composed_quizzes]
    for folder, document in documents:
        for path, text, _ in document.markdown_fields():
            for target in unlink(text, bases_of(folder, document.id), left_out)[1]:
                found.append(LeftOutLink(content.source_of(folder, document.id), path, target))
    return found


def _module(content: Content, module_id: str) -> Module:
    module = content.module_by_id(module_id)
    if module is None:
        raise KeyError(f"no module '{module_id}' in the content")
    return module


def _quiz_for_course(quiz: Quiz, objectives: set[str], sections: set[str]) -> Quiz | None:
    """The quiz with what points outside the course taken out: questions of an assessment on other
    modules' objectives (and their confidence ratings), objective tags and section links of left-out
    modules. None for an assessment with no question left."""
    data = quiz.model_dump()
    questions = data["questions"]
    if quiz.kind in ASSESSED_KINDS:
        questions = [q for q in questions if not q["objectives"] or set(q["objectives"]) & objectives]
        kept = {q["id"] for q in questions}
        questions = [q for q in questions if q.get("about") is None or q["about"] in kept]
        if not any(q["objectives"] for q in questions):
            return None
    for question in questions:
        question["objectives"] = [tag for tag in question["objectives"] if tag in objectives]
        if question.get("section") and question["section"] not in sections:
            question["section"] = None
    data["questions"] = questions
    return quiz if data == quiz.model_dump() else Quiz.model_validate(data)


def without_links(document: Module | Quiz, folder: str, left_out: set[str] | frozenset[str]) -> Any:
    """The document with links to left-out pages turned into their text."""
    if not left_out:
        return document
    changes = {}
    for path, text, _ in document.markdown_fields():
        unlinked, found = unlink(text, bases_of(folder, document.id), left_out)
        if found:
            changes[path] = unlinked
    return _with_texts(document, changes) if changes else document


def _with_texts(model: BaseModel, changes: dict[tuple, str]) -> BaseModel:
    data = model.model_dump()
    for path, text in changes.items():
        owner = data
        for part in path[:-1]:
            owner = owner[part]
        owner[path[-1]] = text
    return type(model).model_validate(data)


def _glossary(glossary: Glossary | None, modules: tuple[Module, ...]) -> Glossary | None:
    """The terms the modules use (as the glossary check finds them), in the glossary's order."""
    if glossary is None:
        return None
    ids = {m.id for m in modules}
    prose = "\n".join(text for m in modules for _, text in m.prose())
    prose += "\n" + "\n".join(s.heading for m in modules for s in m.sections)
    terms = [
        term if term.module is None or term.module in ids else term.model_copy(update={"module": None})
        for term in glossary.terms
        if any(uses_term(prose, form) for form in [term.term, *term.forms])
    ]
    if terms == list(glossary.terms):
        return glossary
    return glossary.model_copy(update={"terms": terms}) if terms else None
