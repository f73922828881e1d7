"""Reads `courses/<id>.yml` with the strict reader, checks it against the content it names, and
returns the course with its composed content, or every problem at once (`path:line: field: ...`)."""

from __future__ import annotations

import difflib
import os
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import get_args

from pydantic import ValidationError

from ..checks import repeats
from ..i18n.apply import partly_translated
from ..i18n.editions import SOURCE_LANGUAGE
from ..i18n.settings import LANGUAGES_FILE, read_languages
from ..loader import Content, load_content
from ..problems import ContentError, Problem, display_path
from ..strict_yaml import YamlDocument, read_yaml
from ..validation_messages import field_label, problems_from
from .compose import assessment_quizzes, compose, left_out_links, left_out_pages
from .model import ASSESSMENT_QUIZ_IDS, Course, Edition, MaterialColour
from .session_plan import session_problems

COURSES = "courses"
DEFAULT_COURSE = "ipu-workshop"
"""The course `make serve`, `make build` and the plain commands build: the IPU workshop."""
COURSE_VARIABLE = "COURSE"
EDITION_VARIABLE = "EDITION"
MODULE_EXAMPLE = "[parliaments-and-peace, understanding-conflict]"
PATTERN_MESSAGES = {
    "logo": ("is not the name of an image file", "use an .svg, .png or .jpg file, such as local/logo.svg"),
    "start": ("is not a time of day", "write it on a 24-hour clock, such as 16:30"),
    "at": ("is not a time of day", "write it on a 24-hour clock, such as 17:15"),
    "date": ("is not a date", "write it as YYYY-MM-DD, such as 2025-04-08"),
}
LANGUAGE_HINT = "write the language's ISO 639-1 code, such as en, fr, es or ar"
MINUTES_HINT = "write the length as a whole number of minutes, such as 90"
LINK_CONTRAST = {
    "red": 3.45, "pink": 4.33, "purple": 4.81, "deep-purple": 5.25, "indigo": 6.86, "blue": 3.19,
    "light-blue": 2.71, "cyan": 2.27, "teal": 3.77, "green": 2.81, "light-green": 2.1, "lime": 1.52,
    "yellow": 1.21, "amber": 1.63, "orange": 1.94, "deep-orange": 2.78, "brown": 6.48, "grey": 4.61,
    "blue-grey": 5.47, "black": 3.56, "white": 6.86,
}  # fmt: skip
"""The contrast on white of the links Material colours with each primary colour (its palette CSS)."""
READABLE = 4.5
"""The contrast body text needs (WCAG 2.2 AA)."""


@dataclass(frozen=True)
class LoadedCourse:
    """A course, checked, with its content.

    Attributes:
        course: the course file's model.
        content: the composed content (what every output is built from).
        full: all content, shared and local, before composition.
        left_out: the generated pages of `full` that the course leaves out (`modules/<id>`, `quizzes/<id>`).
        warnings: reported by `check`, but they do not stop a build (links to left-out pages).
    """

    course: Course
    content: Content
    full: Content
    left_out: set[str] = field(default_factory=set)
    warnings: list[Problem] = field(default_factory=list)


def course_file(root: Path, course_id: str) -> Path:
    return root / COURSES / f"{course_id}.yml"


def course_ids(root: Path) -> list[str]:
    """The courses in `courses/`, by id."""
    return sorted(path.stem for path in (root / COURSES).glob("*.yml"))


def chosen_course(root: Path, given: str | None = None) -> str | None:
    """The course to build: the one given (a `--course` option or the plugin's `course` setting), else
    the COURSE environment variable, else the default course when `courses/` has it; None when there is
    no course file at all (a project without `courses/` builds all its content, as before courses)."""
    chosen = given or os.environ.get(COURSE_VARIABLE) or None
    if chosen:
        return chosen
    return DEFAULT_COURSE if course_file(root, DEFAULT_COURSE).is_file() else None


def edition(course: Course | None, given: str | None = None) -> Edition:
    """The edition to build: the one given (EDITION=trainer), else the EDITION environment variable,
    else the course's `edition`, else the learners'. The hook for the trainer edition of the site."""
    chosen = given or os.environ.get(EDITION_VARIABLE) or (course.edition if course else "learner")
    return "trainer" if chosen == "trainer" else "learner"


def handout_cache(root: Path, course: Course | None) -> Path:
    """The handouts' cache: the default course's where it always was, each other course's its own, so
    that building one course does not prune another's PDFs."""
    cache = root / ".cache" / "handouts"
    return cache if course is None or course.id == DEFAULT_COURSE else cache / COURSES / course.id


def load_course(root: Path, course_id: str) -> Course:
    """The course file, checked against the content it names.

    Raises:
        ContentError: every problem in the course file and in the content it uses.
    """
    return load_course_content(root, course_id).course


def load_course_content(root: Path, course_id: str) -> LoadedCourse:
    """The course and its composed content: the one call a build needs.

    Raises:
        ContentError: every problem in the course file and in the content it uses, at once.
    """
    course, document, problems = _read_course(root, course_id)
    local = _local_folder(course, document)
    if local and not _inside(root, local):  # reported by check_course_file; never read
        local = None
    content = None
    try:
        content = load_content(root, local)
    except ContentError as error:
        problems += error.problems
    if course and document:
        problems += check_course_file(root, display_path(course_file(root, course_id), root), course, document, content)
    if problems or course is None or content is None:
        raise ContentError(problems)
    composed = compose(content, course)
    left_out = left_out_pages(content, list(course.modules), list(composed.quizzes))
    warnings = _link_warnings(root, content, course, composed) + _contrast_warnings(root, course, document)
    warnings += _untranslated_title_warnings(root, course, document)
    warnings += _untranslated_break_warnings(root, course, document)
    warnings += _untranslated_local_warnings(root, course, composed)
    return LoadedCourse(course, composed, content, left_out, warnings)


def _read_course(root: Path, course_id: str) -> tuple[Course | None, YamlDocument | None, list[Problem]]:
    path = course_file(root, course_id)
    name = display_path(path, root)
    if not path.is_file():
        known = course_ids(root)
        close = difflib.get_close_matches(course_id, known, n=1)
        hint = (
            f"did you mean '{close[0]}'?" if close else f"start it with `python -m build_tools course new {course_id}`"
        )
        return None, None, [Problem(name, 0, "", "no such course file", hint)]
    document, problems = read_yaml(path, name)
    if document is None:
        return None, None, problems
    try:
        return Course.model_validate(document.data), document, []
    except ValidationError as error:
        return None, document, [_course_hint(p) for p in problems_from(error, document, name, Course)]


def _course_hint(problem: Problem) -> Problem:
    """Messages in a trainer's terms for the fields only a course file has."""
    last = problem.field.rsplit(".", 1)[-1]
    if last == "[key]" and problem.field.startswith("translations.") and ".breaks." in problem.field:
        field = problem.field.removesuffix(".[key]")
        given = field.rsplit(".", 1)[-1]
        message = f"'{given}' is not a time of day"
        return replace(problem, field=field, message=message, hint='name the break by its `at` time, such as "11:00"')
    if problem.message.startswith("string should match pattern") and problem.field.startswith("languages["):
        return replace(problem, message="is not a two-letter language code", hint=LANGUAGE_HINT)
    if problem.message.startswith("string should match pattern") and last in PATTERN_MESSAGES:
        message, hint = PATTERN_MESSAGES[last]
        return replace(problem, message=message, hint=hint)
    if last in ("primary", "accent") and "is not allowed" in problem.message:
        given = problem.message.split(" is not allowed", 1)[0]
        hint = problem.hint or f"use one of: {', '.join(get_args(MaterialColour))}"
        return replace(problem, message=f"{given} is not a colour Material knows", hint=hint)
    if problem.field == "modules" and problem.message.startswith("needs at least"):
        return replace(
            problem, message="lists no modules", hint=f"list module ids in teaching order, such as {MODULE_EXAMPLE}"
        )
    if last == "date" and not problem.hint:  # a day that is not in the calendar, such as 2025-13-03
        return replace(problem, hint=PATTERN_MESSAGES["date"][1])
    if last == "minutes" and problem.field.startswith("session") and not problem.hint:
        return replace(problem, hint=MINUTES_HINT)
    return problem


def _local_folder(course: Course | None, document: YamlDocument | None) -> str | None:
    """The course's local folder, also from a course file that is not valid, so its modules are checked."""
    if course:
        return course.local_folder
    given = document.data.get("local_folder") if document else None
    return given if isinstance(given, str) and given else None


def local_folders(root: Path) -> dict[str, set[str]]:
    """Each local folder that a course file names, with the languages other than English of the
    courses that name it. Read leniently: a course file with a problem still names its folder (`check`
    reports the problem); a folder outside the project is left out (`check` reports it too)."""
    folders: dict[str, set[str]] = {}
    for course_id in course_ids(root):
        document, _ = read_yaml(course_file(root, course_id), f"{COURSES}/{course_id}.yml")
        data = document.data if document and isinstance(document.data, dict) else {}
        local, languages = data.get("local_folder"), data.get("languages")
        if not isinstance(local, str) or not local or not _inside(root, local):
            continue
        codes = {code for code in languages if isinstance(code, str)} if isinstance(languages, list) else set()
        folders.setdefault(PurePosixPath(local).as_posix(), set()).update(codes - {SOURCE_LANGUAGE})
    return folders


def check_course_file(
    root: Path, name: str, course: Course, document: YamlDocument, content: Content | None
) -> list[Problem]:
    """What the model alone cannot tell: the file's name, module ids that exist and appear once, the
    assessments' quizzes, the local folder, the logo file.

    Args:
        name: the course file as the author knows it, such as `courses/ipu-workshop.yml`.
        content: the content, or None when it has problems (module ids are then known by file name).
    """

    def problem(path: tuple, message: str, hint: str = "") -> Problem:
        return Problem(name, document.line_of(path), field_label(path), message, hint)

    problems = []
    if PurePosixPath(name).stem != course.id:
        stem = PurePosixPath(name).stem
        problems.append(
            problem(("id",), f"the id does not match the file name '{stem}.yml'", f"change the id to {stem}")
        )
    local = course.local_folder if course.local_folder and _inside(root, course.local_folder) else None
    problems += _module_problems(course, _module_ids(root, local), problem)
    problems += _language_problems(root, course, problem)
    problems += _break_label_problems(course, problem)
    problems += _assessment_problems(course, content, problem)
    problems += _local_folder_problems(root, course, problem)
    problems += _logo_problems(root, course, problem)
    if course.session:  # breaks the session plan cannot hold
        problems += [problem(("session", *path), text, hint) for path, text, hint in session_problems(course.session)]
    return problems


def _module_problems(course: Course, known: set[str], problem) -> list[Problem]:
    """Each module listed exists (with a "did you mean") and is listed once."""
    problems = []
    for index, module_id in enumerate(course.modules):
        if module_id not in known:
            close = difflib.get_close_matches(module_id, sorted(known), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "module ids are the file names in modules/"
            problems.append(problem(("modules", index), f"no module '{module_id}'", hint))
    for (index, module_id), (first, _) in repeats((m, (i, m)) for i, m in enumerate(course.modules)):
        message = f"'{module_id}' is listed twice (also modules[{first + 1}])"
        problems.append(problem(("modules", index), message, "list each module once"))
    return problems


def _language_problems(root: Path, course: Course, problem) -> list[Problem]:
    """Each language is English (the source) or has translations, is listed once, and the course's
    texts are given only for its other languages."""
    problems = []
    translated = {language.code for language in read_languages(root)[0]}
    for index, language in enumerate(course.languages):
        if language != SOURCE_LANGUAGE and language not in translated:
            hint = f"add it to {LANGUAGES_FILE} and run `make translations`, then translate translations/{language}/"
            message = f"'{language}' has no translation: it is neither {SOURCE_LANGUAGE} nor in {LANGUAGES_FILE}"
            problems.append(problem(("languages", index), message, hint))
    for (index, language), (first, _) in repeats((code, (i, code)) for i, code in enumerate(course.languages)):
        message = f"'{language}' is listed twice (also languages[{first + 1}])"
        problems.append(problem(("languages", index), message, "list each language once"))
    others = course.languages[1:]
    for language in course.translations:
        if language not in others:
            message = f"'{language}' is not one of the course's other languages ({', '.join(others) or 'none'})"
            hint = (
                "the title and subtitle above are written in the first language; give here only the others"
                if language == course.languages[0]
                else f"add {language} to languages, or remove it here"
            )
            problems.append(problem(("translations", language), message, hint))
    return problems


def _break_label_problems(course: Course, problem) -> list[Problem]:
    """Each break label under `translations:` names a break of the session, by its `at` time."""
    times = [b.at for b in course.session.breaks] if course.session else []
    known = f"the session's breaks start at {', '.join(times)}" if times else "the session has no breaks"
    return [
        problem(
            ("translations", language, "breaks", at),
            f"no break at {at} in the session",
            f"a break's label is given by its `at` time: {known}",
        )
        for language, texts in course.translations.items()
        for at in texts.breaks
        if at not in times
    ]


def _assessment_problems(course: Course, content: Content | None, problem) -> list[Problem]:
    """Each assessment is listed once and has its quiz (when the content could be read)."""
    problems = []
    for (index, assessment), (first, _) in repeats((a, (i, a)) for i, a in enumerate(course.assessments)):
        message = f"'{assessment}' is listed twice (also assessments[{first + 1}])"
        problems.append(problem(("assessments", index), message))
    for index, assessment in enumerate(course.assessments):
        if content is not None and not assessment_quizzes(content, assessment):
            hint = f"add quizzes/{ASSESSMENT_QUIZ_IDS[assessment]}.yml, or remove it from this list"
            problems.append(problem(("assessments", index), f"no quiz for the {assessment}", hint))
    return problems


def _module_ids(root: Path, local_folder: str | None) -> set[str]:
    """Module ids by file name (`check` holds every module's id to its file name)."""
    folders = [root / "modules"] + ([root / local_folder / "modules"] if local_folder else [])
    return {path.stem for folder in folders for path in folder.glob("*.y*ml")}


def _local_folder_problems(root: Path, course: Course, problem) -> list[Problem]:
    local = course.local_folder
    if local is None:
        return []
    if not _inside(root, local):
        return [
            problem(
                ("local_folder",),
                f"'{local}' is outside the project folder",
                "name a folder beside modules/, such as local",
            )
        ]
    if not (root / local).is_dir():
        return [
            problem(
                ("local_folder",),
                f"no folder '{local}'",
                f"create {local}/modules/ and {local}/quizzes/ for your own modules",
            )
        ]
    return []


def _logo_problems(root: Path, course: Course, problem) -> list[Problem]:
    logo = course.branding.logo
    if logo is None:
        return []
    path = ("branding", "logo")
    if not _inside(root, logo):
        return [
            problem(
                path,
                f"'{logo}' is outside the project folder",
                "put the logo in your local folder, such as local/logo.svg",
            )
        ]
    file = root / logo
    if not file.is_file():
        return [
            problem(path, f"no file '{logo}'", "the path is relative to the project folder, such as local/logo.svg")
        ]
    kind = image_kind(file.read_bytes()[:200_000])
    expected = {"svg": "svg", "png": "png", "jpg": "jpeg", "jpeg": "jpeg"}[logo.rsplit(".", 1)[1].lower()]
    if kind != expected:
        return [
            problem(
                path,
                f"'{logo}' is not {'an SVG' if expected == 'svg' else 'a ' + expected.upper()} image",
                "export the logo as SVG, PNG or JPEG, with its type's ending",
            )
        ]
    return []


def image_kind(data: bytes) -> str | None:
    """`png`, `jpeg` or `svg` from a file's bytes; None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    try:
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, ValueError):
        return None
    return "svg" if root.tag in ("svg", "{http://www.w3.org/2000/svg}svg") else None


def _inside(root: Path, relative: str) -> bool:
    if PurePosixPath(relative).is_absolute():
        return False
    try:
        (root / relative).resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def _contrast_warnings(root: Path, course: Course, document: YamlDocument) -> list[Problem]:
    """A warning when the primary colour makes links too faint to read on white."""
    primary = course.branding.primary
    if LINK_CONTRAST[primary] >= READABLE:
        return []
    readable = [name for name, ratio in LINK_CONTRAST.items() if ratio >= READABLE]
    return [
        Problem(
            display_path(course_file(root, course.id), root),
            document.line_of(("branding", "primary")),
            "branding.primary",
            f"links in '{primary}' have a contrast of {LINK_CONTRAST[primary]}:1 on white, below the "
            f"{READABLE}:1 that text needs",
            f"choose {', '.join(readable[:-1])} or {readable[-1]}; the accent colour is free",
            severity="warning",
        )
    ]


def _untranslated_title_warnings(root: Path, course: Course, document: YamlDocument) -> list[Problem]:
    """A warning for each other language of the course whose title the course file does not give."""
    return [
        Problem(
            display_path(course_file(root, course.id), root),
            document.line_of(("languages", index)),
            f"languages[{index + 1}]",
            f"the course's title has no '{language}' text: its {language} edition shows it as written",
            f"add translations: {{{language}: {{title: ...}}}} with the title in that language",
            severity="warning",
        )
        for index, language in enumerate(course.languages)
        if index and language not in course.translations
    ]


def _untranslated_local_warnings(root: Path, course: Course, composed: Content) -> list[Problem]:
    """A warning for each local module or quiz of the course with texts not translated into one of its
    languages: they show in English, and the published build (`mkdocs build --strict`) stops on them."""
    if not course.local_folder:
        return []
    folder = PurePosixPath(course.local_folder).as_posix()
    local = {name for name in composed.source_names.values() if name.startswith(f"{folder}/")}
    warnings = []
    for language in course.languages:
        if language == SOURCE_LANGUAGE or not local:
            continue
        for source, translator in partly_translated(root, composed, language, local):
            message = (
                f"{translator.summary()}: the course {course.id} is in '{language}', "
                f"and its published build (mkdocs build --strict) stops on them"
            )
            hint = (
                translator.hint()
                if not translator.exists
                else (
                    f"translate {source}'s texts in Poedit or Weblate; `make translations` brings in new English first"
                )
            )
            warnings.append(Problem(translator.name, translator.first_line, "", message, hint, "warning"))
    return warnings


def _untranslated_break_warnings(root: Path, course: Course, document: YamlDocument) -> list[Problem]:
    """A warning for each labelled break with no label in one of the course's other languages (as for
    the title: that edition's session plan shows the label as written)."""
    breaks = course.session.breaks if course.session else []
    return [
        Problem(
            display_path(course_file(root, course.id), root),
            document.line_of(("session", "breaks", index, "label")),
            f"session.breaks[{index + 1}].label",
            f"the break at {pause.at} has no '{language}' label: its {language} session plan shows it as written",
            f'add translations: {{{language}: {{breaks: {{"{pause.at}": ...}}}}}} with the label in that language',
            severity="warning",
        )
        for language in course.languages[1:]
        for index, pause in enumerate(breaks)
        if pause.label and pause.at not in course.break_labels_given(language)
    ]


def _link_warnings(root: Path, content: Content, course: Course, composed: Content) -> list[Problem]:
    """A warning for each link to a module or quiz the course leaves out, at its line."""
    warnings = []
    documents: dict[str, YamlDocument | None] = {}
    for link in left_out_links(content, course, composed):
        if link.source not in documents:
            documents[link.source] = read_yaml(root / link.source, link.source)[0]
        document = documents[link.source]
        line = document.line_of(link.path) if document else 0
        page = PurePosixPath(link.target.split("#", 1)[0]).name or link.target
        warnings.append(
            Problem(
                link.source,
                line,
                field_label(link.path),
                f"links to '{link.target}', which course {course.id} leaves out: it shows as plain text there",
                f"add {page.removesuffix('.md')} to courses/{course.id}.yml, or link to a page the course has",
                severity="warning",
            )
        )
    return warnings
