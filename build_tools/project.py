"""A course project's parts, and a copy of them: for the tests, the benchmark and the workshop's load
test, which each build or serve a private copy rather than the project itself."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

PARTS = ("mkdocs.yml", "glossary.yml", "docs", "modules", "quizzes", "figures", "courses", "translations", "workshops")
"""What a project is made of: its configuration, hand-written pages, content, courses, translations
and workshop plans."""


def copy_project(root: Path, dest: Path, parts: Iterable[str] = PARTS) -> Path:
    """`dest` with a copy of each of `parts` that the project at `root` has."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in parts:
        source = root / part
        if source.is_dir():
            shutil.copytree(source, dest / part)
        elif source.is_file():
            shutil.copy2(source, dest / part)
    return dest
