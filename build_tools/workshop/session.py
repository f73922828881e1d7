"""A workshop session: its folder under `.workshop/`, its course and plan, and what the store keeps of them.

A session's folder holds its database and its report; deleting the folder deletes everything the
session kept. The polls and the objectives' texts are copied into the database when the session
starts, so a report built months later tells what was asked, even if the course has changed since.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from ..courses.branding import course_texts
from ..courses.load import DEFAULT_COURSE, chosen_course, load_course_content
from ..courses.model import Course
from ..i18n import translate_content
from ..i18n.editions import SOURCE_LANGUAGE, is_translated
from ..loader import Content
from ..model.quiz import GRADED_TYPES
from ..problems import ContentError, Problem
from ..safe_html import markdown_to_text
from .plan import STAGES, Choice, LivePoll, Workshop, load_workshop
from .store import DATABASE, Store

DATA_FOLDER = ".workshop"
SESSION_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class SessionInfo:
    """What a report says about the session: which course, when, and its title."""

    name: str
    course_id: str
    course_title: str
    date: str
    plan_id: str
    minutes: int
    language: str = SOURCE_LANGUAGE


@dataclass(frozen=True)
class Prepared:
    """A course's workshop, ready to serve in the room's language."""

    workshop: Workshop
    course_id: str
    course_title: str
    content: Content
    language: str
    warnings: list[Problem]
    """Texts of the course shown in English because their translation is missing (the room still runs)."""


def load_for_course(
    root: Path, course_id: str | None, plan_id: str | None = None, language: str | None = None
) -> Prepared:
    """The workshop plan of a course, checked against the course's content, in the room's language:
    `language`, or else the course's first language (`languages: [fr, en]` runs the room in French).

    Raises:
        ContentError: every problem in the course or the plan, or a language the course is not in.
    """
    course_id = chosen_course(root, course_id) or DEFAULT_COURSE
    loaded = load_course_content(root, course_id)
    language = room_language(loaded.course, language)
    content, warnings = in_language(root, loaded.content, language)
    workshop = load_workshop(root, content, plan_id or course_id, language, course=loaded)
    if workshop.plan.course != course_id:
        hint = f"run it with --course {workshop.plan.course}, or change `course:` in the plan"
        message = f"this plan is for the course '{workshop.plan.course}', not '{course_id}'"
        raise ContentError([Problem(workshop.source, workshop.course_line, "course", message, hint)])
    title = course_texts(loaded.course, language).title
    return Prepared(workshop, course_id, title, content, language, warnings + workshop.warnings)


def room_language(course: Course, asked: str | None) -> str:
    """The language the room runs in: the one asked for, if the course is built in it; else the course's first.

    Raises:
        ContentError: a language the course is not built in.
    """
    if asked is None:
        return course.languages[0]
    if asked not in course.languages:
        hint = f"one of the course's languages: {', '.join(course.languages)}"
        raise ContentError(
            [Problem(f"courses/{course.id}.yml", 0, "languages", f"the course is not in '{asked}'", hint)]
        )
    return asked


def in_language(root: Path, content: Content, language: str) -> tuple[Content, list[Problem]]:
    """The content in `language` (from `translations/<language>/`), as the course's site shows it, and the
    warnings for texts shown in English.

    Raises:
        ContentError: a translation file that cannot be read.
    """
    if not is_translated(language):
        return content, []
    translated, problems = translate_content(content, root, language, strict=False)
    if any(problem.severity == "error" for problem in problems):
        raise ContentError(problems)
    return translated, problems


def objective_texts(content: Content) -> dict[str, str]:
    return {o.id: markdown_to_text(o.text) for module in content.modules for o in module.objectives}


def assessed_objectives(content: Content) -> dict[str, dict]:
    """For each graded question of the diagnostic and post assessments (`quiz#question`): its stage and
    objectives, so that learners' own results files can be read by objective."""
    found = {}
    for quiz in content.quizzes.values():
        if quiz.kind in ("diagnostic", "post"):
            for q in quiz.questions:
                if isinstance(q, GRADED_TYPES):
                    found[f"{quiz.id}#{q.id}"] = {"stage": STAGES[quiz.kind], "objectives": list(q.objectives)}
    return found


def new_session_name(data: Path, course_id: str, today: date | None = None, fresh: bool = False) -> str:
    """`<course>-<date>`: today's session of the course, resumed when it exists; with `fresh`, the next free
    `<course>-<date>-2`, `-3`..."""
    base = f"{course_id}-{(today or date.today()).isoformat()}"
    if not fresh:
        return base
    name, number = base, 1
    while (data / name).exists():
        number += 1
        name = f"{base}-{number}"
    return name


def session_folder(root: Path, given: str) -> Path | None:
    """The folder of a session named `given` (under `.workshop/`), or `given` as a path to one."""
    if SESSION_NAME.match(given) and (root / DATA_FOLDER / given / DATABASE).is_file():
        return root / DATA_FOLDER / given
    path = Path(given)
    if path.is_file() and path.name == DATABASE:
        path = path.parent
    return path if (path / DATABASE).is_file() else None


def start_session(
    folder: Path,
    workshop: Workshop,
    course_id: str,
    course_title: str,
    content: Content,
    language: str = SOURCE_LANGUAGE,
) -> Store:
    """Open (or resume) the session's store and copy into it what the report needs to know later,
    in the room's language."""
    store = Store(folder)
    meta = {
        "course": course_id,
        "language": language,
        "course_title": course_title,
        "plan": workshop.plan.id,
        "minutes": str(workshop.plan.minutes),
        "date": date.today().isoformat(),
        "polls": json.dumps([_poll_record(p) for p in workshop.polls], ensure_ascii=False),
        "objectives": json.dumps(objective_texts(content), ensure_ascii=False),
        "assessed": json.dumps(assessed_objectives(content), ensure_ascii=False),
    }
    store.start([poll.id for poll in workshop.polls], meta)
    return store


def _poll_record(poll: LivePoll) -> dict:
    record = asdict(poll)
    record["correct"] = sorted(poll.correct) if poll.correct is not None else None
    return record


def polls_of(store: Store) -> list[LivePoll]:
    """The polls as they were when the session started."""
    polls = []
    for record in json.loads(store.meta("polls", "[]")):
        correct = record.pop("correct")
        record["choices"] = tuple(Choice(**c) for c in record["choices"])
        record["objectives"] = tuple(record["objectives"])
        polls.append(LivePoll(correct=frozenset(correct) if correct is not None else None, **record))
    return polls


def info_of(store: Store, name: str) -> SessionInfo:
    return SessionInfo(
        name=name,
        course_id=store.meta("course"),
        course_title=store.meta("course_title"),
        date=store.meta("date"),
        plan_id=store.meta("plan"),
        minutes=int(store.meta("minutes", "0") or 0),
        language=store.meta("language", SOURCE_LANGUAGE),
    )


def language_of(folder: Path) -> str | None:
    """The language a session kept in `folder` runs in, or None when there is no session there yet."""
    if not (folder / DATABASE).is_file():
        return None
    store = Store(folder)
    try:
        return store.meta("language", SOURCE_LANGUAGE)
    finally:
        store.close()
