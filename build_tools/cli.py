"""Command line: the same functions the mkdocs plugin and the tests call.

python -m build_tools check [--format text|github]   validate all content, report every problem
python -m build_tools schemas                        write schemas/*.schema.json for editors
python -m build_tools export scorm|moodle|gift [id]  write a course's LMS exports into dist/<id>/lms/
python -m build_tools course new|build <id>          start a course file; build a course into dist/<id>/
python -m build_tools translations [update|import]   translation status, merge (make translations), draft import
python -m build_tools workshop serve [--lan]         live polls in the room; `workshop report SESSION` its report
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import replace
from pathlib import Path

from .courses.branding import course_texts, session_in
from .courses.commands import CourseCommandError, build_course, new_course
from .courses.load import chosen_course, course_ids, handout_cache, load_course, load_course_content
from .courses.model import Course
from .courses.session_plan import plan_session
from .cues import cue_stats, cue_warnings, format_cues
from .exports import cli as exports_cli
from .handouts.build import Handout, HandoutError, build_handouts, terminal_progress
from .handouts.documents import HandoutOptions, public_address
from .handouts.session_plan import NAME as SESSION_PLAN_PDF
from .handouts.session_plan import session_plan_pdf
from .i18n import commands as translation_commands
from .i18n import languages, translate_content
from .i18n.checks import translation_problems
from .i18n.editions import edition_languages, is_translated
from .loader import Content, load_content
from .model.common import ID_PATTERN
from .packing import pack_site
from .problems import ContentError, Problem, format_report
from .rendering import load_strings
from .report import format_report as format_stats
from .report import module_stats
from .scaffolds import ScaffoldError, new_module
from .schemas import write_schemas
from .workshop.plan import check_all_plans
from .workshop.serve import add_commands as add_workshop_commands
from .workshop.serve import run as run_workshop

TRAINER_OUT = Path("dist") / "trainer"
"""The trainer edition's folder: beside the site, so that it is never published with it."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools", description="Build tools for the mediation course.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: current)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate modules/ and quizzes/ and report every problem")
    check.add_argument("--format", choices=["text", "github"], default="text")
    commands.add_parser("schemas", help="write JSON Schemas for editors into schemas/")
    handouts = commands.add_parser(
        "handouts", help="write the learners' PDF handouts (one per module, and the workbook)"
    )
    handouts.add_argument("--out", type=Path, default=Path("site/downloads"), help="folder for the PDFs")
    handouts.add_argument("--paper", choices=["a4", "letter"], default="a4")
    handouts.add_argument("--site-url", default="", help="address of the published site, for quiz links and QR codes")
    _course_option(handouts)
    trainer = commands.add_parser(
        "trainer",
        help="write the trainer edition (every answer key) and the session plan beside the site, never into it",
    )
    trainer.add_argument("--out", type=Path, default=TRAINER_OUT, help="folder for the PDF")
    trainer.add_argument("--paper", choices=["a4", "letter"], default="a4")
    trainer.add_argument("--site-url", default="", help="address of the published site, for quiz links and QR codes")
    _course_option(trainer)
    pack = commands.add_parser("pack", help="zip a site built with OFFLINE=true into one file")
    pack.add_argument("site", type=Path)
    pack.add_argument("zip", type=Path)
    _course_option(
        commands.add_parser("report", help="per module: words, reading minutes, sentence length, readability")
    )
    course = commands.add_parser("course", help="start a course file, or build a course into dist/<id>/")
    course.add_argument("action", choices=["new", "build"])
    course.add_argument("id", help="the course's id: courses/<id>.yml")
    new = commands.add_parser("new", help="start a new module and its self-check quiz from templates")
    new.add_argument("id", help="the module's id, such as good-offices (lowercase, digits, hyphens)")
    new.add_argument("title", help="the module's title, in quotes")
    exports_cli.add_parser(commands)
    translation_commands.add_parser(commands)
    add_workshop_commands(commands)
    args = parser.parse_args(argv)
    if not any((args.root / folder).is_dir() for folder in ("modules", "quizzes")):
        print(
            f"error: {args.root} has no modules/ or quizzes/ folder (hint: run from the project folder, or pass --root)"
        )
        return 2
    if args.command == "check":
        return _check(args.root, args.format)
    if args.command == "handouts":  # each other language beside, as in the site: site/fr/downloads
        options = HandoutOptions(paper=args.paper, site_url=public_address(args.site_url))
        beside = lambda out, lang: out.parent / lang / out.name  # noqa: E731
        return _handouts_in_every_language(args.root, args.out, options, beside, course=args.course)
    if args.command == "trainer":  # each other language in a folder of its own: dist/trainer/fr
        options = HandoutOptions(paper=args.paper, site_url=public_address(args.site_url))
        inside = lambda out, lang: out / lang  # noqa: E731
        return _handouts_in_every_language(args.root, args.out, options, inside, "trainer", args.course)
    if args.command == "course":
        return _course(args.root, args.action, args.id)
    if args.command == "pack":
        count = pack_site(args.site, args.zip)
        print(f"wrote {args.zip} ({count} files, {args.zip.stat().st_size // 1024} KB)")
        return 0
    if args.command == "report":
        return _report(args.root, args.course)
    if args.command == "export":
        return exports_cli.run(args)
    if args.command == "new":
        return _new(args.root, args.id, args.title)
    if args.command == "translations":
        return translation_commands.run(args)
    if args.command == "workshop":
        return run_workshop(args)
    for path in write_schemas(args.root / "schemas"):
        print(f"wrote {path}")
    return 0


def _course_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--course", default=None, help="the course, courses/<id>.yml (default: $COURSE, else ipu-workshop)"
    )


def _content(root: Path, course: str | None) -> tuple[Content, Course | None]:
    """The chosen course's composed content; all content when the project has no course file."""
    chosen = chosen_course(root, course)
    if not chosen:
        return load_content(root), None
    loaded = load_course_content(root, chosen)
    return loaded.content, loaded.course


def _check(root: Path, style: str) -> int:
    """All content, then every course in courses/ (with its local modules), then the translations:
    every problem at once."""
    problems: set[Problem] = set()
    course_warnings: list[Problem] = []
    courses = {}
    translation = translation_problems(root)
    problems.update(p for p in translation if p.severity == "error")
    try:
        content = load_content(root)
    except ContentError as error:
        problems.update(error.problems)
    for course_id in course_ids(root):
        try:
            courses[course_id] = load_course_content(root, course_id)
            course_warnings += courses[course_id].warnings
        except ContentError as error:
            problems.update(error.problems)
    if problems:
        print(format_report(sorted(problems), style), file=sys.stdout)
        return 1
    plan_problems = check_all_plans(root, content, courses)  # workshops/*.yml: the room's polls
    if plan_problems:
        print(format_report(plan_problems, style), file=sys.stdout)
        return 1
    translation_warnings = [p for p in translation if p.severity != "error"]
    warnings = cue_warnings(content) + sorted(set(course_warnings)) + translation_warnings
    if warnings:  # reported, but they do not fail the check
        print(format_report(warnings, style) if style == "github" else "\n".join(w.as_text() for w in warnings))
    quizzes = sum(len(m.quizzes) for m in content.modules)
    print(f"ok: {len(content.modules)} modules, {len(content.quizzes)} quizzes ({quizzes} linked from modules)")
    for course_id, loaded in courses.items():
        print(f"ok: course {course_id}: {len(loaded.content.modules)} modules, {len(loaded.content.quizzes)} quizzes")
    return 0


def _course(root: Path, action: str, course_id: str) -> int:
    if not course_id:
        known = ", ".join(course_ids(root)) or "none yet"
        print(f"error: name the course, such as `make course COURSE=ipu-workshop` (courses: {known})")
        return 2
    if not re.match(ID_PATTERN, course_id):
        print(f"error: '{course_id}' is not a valid id (hint: lowercase letters, digits and single hyphens)")
        return 2
    try:
        if action == "new":
            path = new_course(root, course_id)
            print(f"wrote {path.relative_to(root)}")
            print(f"next: edit it, then run `make check` and `make course COURSE={course_id}`")
            return 0
        outputs = build_course(root, course_id)
    except ContentError as error:
        print(format_report(error.problems))
        return 1
    except (CourseCommandError, HandoutError) as error:
        print(f"error: {error}")
        return 1
    print(f"built {course_id} into {outputs.folder}")
    return 0


def _new(root: Path, module_id: str, title: str) -> int:
    if not re.match(ID_PATTERN, module_id):
        print(f"error: '{module_id}' is not a valid id (hint: lowercase letters, digits and single hyphens)")
        return 2
    try:
        content = load_content(root)
        written = new_module(root, content, module_id, title)
    except ContentError as error:
        print("Fix these problems first:\n" + format_report(error.problems))
        return 1
    except ScaffoldError as error:
        print(f"error: {error}")
        return 2
    for path in written:
        print(f"wrote {path.relative_to(root)}")
    print("next: edit them, then run `make check` and `make serve`")
    return 0


def _report(root: Path, course: str | None = None) -> int:
    try:
        content, _ = _content(root, course)
    except ContentError as error:
        print(format_report(error.problems))
        return 1
    print(format_stats(module_stats(content)))
    print()
    print(format_cues(*cue_stats(content)))
    return 0


def _handouts_in_every_language(
    root: Path, out: Path, options: HandoutOptions, folder_of, edition: str = "learner", course: str | None = None
) -> int:
    """The handouts in the course's first language into `out`, and in each of its other languages into
    `folder_of(out, language)` (without a course: English, then each language of
    translations/languages.yml). French text has French hyphenation and is tagged `fr`; untranslated
    text shows in English, with a warning: `make build` refuses it."""
    first, *others = edition_languages(_course_languages(root, course), [lang.code for lang in languages(root)])
    status = _handouts(root, out, _in_language(options, first, root), edition, course)
    for language in others:
        status = status or _handouts(
            root, folder_of(out, language), _in_language(options, language, root), edition, course
        )
    return status


def _course_languages(root: Path, course: str | None) -> list[str] | None:
    """The chosen course's languages; None without a course (or with problems, which `_handouts` reports)."""
    chosen = chosen_course(root, course)
    try:
        return load_course(root, chosen).languages if chosen else None
    except ContentError:
        return None


def _in_language(options: HandoutOptions, language: str, root: Path) -> HandoutOptions:
    return replace(options, language=language, strings_root=root) if is_translated(language) else options


def _session_plan(content: Content, course: Course, options: HandoutOptions) -> Handout:
    start = time.perf_counter()
    default = load_strings(options.language, options.strings_root)["trainer"]["plan_break"]
    pdf = session_plan_pdf(plan_session(content, session_in(course, options.language, default)), options)
    return Handout(SESSION_PLAN_PDF, pdf, cached=False, seconds=time.perf_counter() - start)


def _handouts(
    root: Path, out: Path, options: HandoutOptions, edition: str = "learner", course: str | None = None
) -> int:
    try:
        content, chosen = _content(root, course)
        if options.language != "en":
            content, problems = translate_content(content, root, options.language, strict=False)
            for problem in problems:
                print(problem.as_text())
        if chosen:
            options = replace(options, title=course_texts(chosen, options.language).title)
        cache = handout_cache(root, chosen)
        handouts = build_handouts(content, options, cache=cache, progress=terminal_progress, edition=edition)
        if edition == "trainer" and chosen and chosen.session:  # and the session plan, timed for the session
            handouts.append(_session_plan(content, chosen, options))
    except ContentError as error:
        print(format_report(error.problems))
        return 1
    except HandoutError as error:
        print(f"error: {error}")
        return 1
    folder = out if out.is_absolute() else root / out
    folder.mkdir(parents=True, exist_ok=True)
    for handout in handouts:
        (folder / handout.name).write_bytes(handout.pdf)
        state = "unchanged" if handout.cached else f"rendered in {handout.seconds:.2f} s"
        print(f"{handout.name:<40} {len(handout.pdf) // 1024:>6} KB  {state}")
    return 0
