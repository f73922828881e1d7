"""Command line: the same functions the mkdocs plugin and the tests call.

python -m build_tools check [--format text|github]   validate all content, report every problem
python -m build_tools schemas                        write schemas/*.schema.json for editors
python -m build_tools workshop serve [--lan]         live polls in the room; `workshop report SESSION` its report
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .cues import cue_stats, cue_warnings, format_cues
from .handouts.build import HandoutError, build_handouts, terminal_progress
from .handouts.documents import HandoutOptions, public_address
from .loader import load_content
from .model.common import ID_PATTERN
from .packing import pack_site
from .problems import ContentError, format_report
from .report import format_report as format_stats
from .report import module_stats
from .scaffolds import ScaffoldError, new_module
from .schemas import write_schemas
from .workshop.plan import check_all_plans
from .workshop.serve import add_commands as add_workshop_commands
from .workshop.serve import run as run_workshop

CACHE = Path(".cache") / "handouts"
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
    trainer = commands.add_parser(
        "trainer", help="write the trainer edition (every answer key) beside the site, never into it"
    )
    trainer.add_argument("--out", type=Path, default=TRAINER_OUT, help="folder for the PDF")
    trainer.add_argument("--paper", choices=["a4", "letter"], default="a4")
    trainer.add_argument("--site-url", default="", help="address of the published site, for quiz links and QR codes")
    pack = commands.add_parser("pack", help="zip a site built with OFFLINE=true into one file")
    pack.add_argument("site", type=Path)
    pack.add_argument("zip", type=Path)
    commands.add_parser("report", help="per module: words, reading minutes, sentence length, readability")
    new = commands.add_parser("new", help="start a new module and its self-check quiz from templates")
    new.add_argument("id", help="the module's id, such as good-offices (lowercase, digits, hyphens)")
    new.add_argument("title", help="the module's title, in quotes")
    add_workshop_commands(commands)
    args = parser.parse_args(argv)
    if not any((args.root / folder).is_dir() for folder in ("modules", "quizzes")):
        print(
            f"error: {args.root} has no modules/ or quizzes/ folder (hint: run from the project folder, or pass --root)"
        )
        return 2
    if args.command == "check":
        return _check(args.root, args.format)
    if args.command == "handouts":
        return _handouts(args.root, args.out, HandoutOptions(paper=args.paper, site_url=public_address(args.site_url)))
    if args.command == "trainer":
        options = HandoutOptions(paper=args.paper, site_url=public_address(args.site_url))
        return _handouts(args.root, args.out, options, edition="trainer")
    if args.command == "pack":
        count = pack_site(args.site, args.zip)
        print(f"wrote {args.zip} ({count} files, {args.zip.stat().st_size // 1024} KB)")
        return 0
    if args.command == "report":
        return _report(args.root)
    if args.command == "new":
        return _new(args.root, args.id, args.title)
    if args.command == "workshop":
        return run_workshop(args)
    for path in write_schemas(args.root / "schemas"):
        print(f"wrote {path}")
    return 0


def _check(root: Path, style: str) -> int:
    try:
        content = load_content(root)
    except ContentError as error:
        print(format_report(error.problems, style), file=sys.stdout)
        return 1
    plan_problems = check_all_plans(root, content)  # workshops/*.yml: the room's polls
    if plan_problems:
        print(format_report(plan_problems, style), file=sys.stdout)
        return 1
    warnings = cue_warnings(content)
    if warnings:  # reported, but they do not fail the check
        print(format_report(warnings, style) if style == "github" else "\n".join(w.as_text() for w in warnings))
    quizzes = sum(len(m.quizzes) for m in content.modules)
    print(f"ok: {len(content.modules)} modules, {len(content.quizzes)} quizzes ({quizzes} linked from modules)")
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


def _report(root: Path) -> int:
    try:
        content = load_content(root)
    except ContentError as error:
        print(format_report(error.problems))
        return 1
    print(format_stats(module_stats(content)))
    print()
    print(format_cues(*cue_stats(content)))
    return 0


def _handouts(root: Path, out: Path, options: HandoutOptions, edition: str = "learner") -> int:
    try:
        content = load_content(root)
        handouts = build_handouts(content, options, cache=root / CACHE, progress=terminal_progress, edition=edition)
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
