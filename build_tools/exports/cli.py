"""`python -m build_tools export scorm|moodle|gift [course]`: a course's exports into dist/<id>/lms/."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..problems import ContentError, format_report
from .build import lms_folder, write_gift, write_moodle, write_scorm
from .course import course_and_content
from .scorm import PackageError

OFFLINE_SITE = Path(".cache") / "offline-site"
"""Where `make offline` builds the offline edition, whose pages the SCORM packages hold."""


def add_parser(commands) -> None:
    export = commands.add_parser("export", help="write a course's SCORM packages or question banks into dist/<id>/lms/")
    export.add_argument("format", choices=["scorm", "moodle", "gift"])
    export.add_argument(
        "course", nargs="?", default=None, help="courses/<id>.yml (default: $COURSE, else ipu-workshop)"
    )
    export.add_argument("--site", type=Path, default=OFFLINE_SITE, help="the course's offline edition (scorm only)")
    export.add_argument("--out", type=Path, help="folder for the files (default: dist/<course>/lms)")


def run(args: argparse.Namespace) -> int:
    try:
        course, content = course_and_content(args.root, args.course)
    except ContentError as error:
        print(format_report(error.problems))
        return 1
    out = args.out or lms_folder(args.root, course)
    out = out if out.is_absolute() else args.root / out
    try:
        if args.format == "scorm":
            site = args.site if args.site.is_absolute() else args.root / args.site
            written = write_scorm(content, course, site, out)
        elif args.format == "moodle":
            written = write_moodle(content, course, out)
        else:
            written = write_gift(content, course, out)
    except PackageError as error:
        print(f"error: {error}")
        return 1
    for path in written:
        print(f"wrote {path.relative_to(args.root) if path.is_relative_to(args.root) else path}")
    return 0
