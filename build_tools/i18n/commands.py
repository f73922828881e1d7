"""The `translations` command: status (the default), `update` (make translations) and `import`."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..problems import format_report
from .importer import import_drafts
from .workflow import configured_languages, format_status, language_status, templates, update_language

USAGE = """\
python -m build_tools translations                       per language and file: translated, fuzzy, untranslated
python -m build_tools translations update                merge the English into every language's PO files
python -m build_tools translations import fr FOLDER      drafts (copies of the English files) into PO entries
"""


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "translations",
        help="translation status; `update` merges the English into the PO files; `import` reads drafts",
        description=USAGE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("action", nargs="?", choices=["status", "update", "import"], default="status")
    parser.add_argument("language", nargs="?", help="for import: the language of the drafts, such as fr")
    parser.add_argument("folder", nargs="?", type=Path, help="for import: the drafts' folder")
    parser.add_argument("--keep-drafts", action="store_true", help="for import: do not delete imported drafts")
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="for import: a revised draft replaces PO translations",
    )


def run(args: argparse.Namespace) -> int:
    root = args.root
    all_templates, problems = templates(root)
    codes, trouble = configured_languages(root)
    problems += trouble
    if args.action == "import":
        return _import(root, args, problems)
    if problems:
        print(format_report(problems))
        return 1
    if not codes:
        print("No languages listed in translations/languages.yml (hint: `languages: [fr]`).")
        return 0
    failed = False
    for language in codes:
        if args.action == "update":
            updates, trouble = update_language(root, language, all_templates)
            rows = [u.status for u in updates]
            for update in updates:
                for unit in update.newly_fuzzy:
                    print(f"{update.name}: fuzzy: {unit.context}: the English changed: {_short(unit.text)}")
            written = [u.name for u in updates if u.written]
            print(f"{language}: {len(written)} PO file{'s' if len(written) != 1 else ''} written")
        else:
            rows, trouble = language_status(root, language, all_templates)
        if trouble:
            print(format_report(trouble))
            failed = True
        print(format_status(language, rows))
    return 1 if failed else 0


def _import(root: Path, args: argparse.Namespace, problems: list) -> int:
    if not args.language or not args.folder:
        print("error: import needs a language and a folder (hint: translations import fr translations/drafts/fr)")
        return 2
    folder = args.folder if args.folder.is_absolute() else root / args.folder
    if not folder.is_dir():
        print(f"error: {args.folder} is not a folder")
        return 2
    results, trouble = import_drafts(root, args.language, folder, delete=not args.keep_drafts, overwrite=args.overwrite)
    for result in results:
        state = "imported, draft deleted" if result.deleted else "imported" if not result.problems else "not all paired"
        kept = f", {result.kept} already translated kept" if result.kept else ""
        kept = kept.replace("already translated kept", "unchanged") if args.overwrite else kept
        print(f"{result.draft} -> {result.po}: {result.paired} entries{kept} ({state})")
    if not results:
        print(f"No drafts found under {args.folder} (expected the English paths, e.g. modules/<id>.yml).")
    problems = problems + trouble
    if problems:
        print(format_report(problems))
    return 1 if problems else 0


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
