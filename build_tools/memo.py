"""Results of pure functions of text, kept between builds in `.cache/` so that a rebuild repeats
only the work on text that changed.

Checking and rendering author Markdown is most of what this project adds to a plain Material build.
Each function decorated with `@memo("name")` keeps its results by argument in memory (a preview
rebuild reuses them) and, when a build calls `load(folder)` first and `save(folder)` at the end, in
one file per function in `folder` (a rebuild from the command line reuses them). A result is only
ever looked up by the exact text it was computed from, and a change to this project's code discards
every saved result (the files carry a fingerprint of the code that made them).
"""

from __future__ import annotations

import functools
import hashlib
import pickle
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import TypeVar

F = TypeVar("F", bound=Callable)
LIMIT = 200_000
"""Results kept per function; past it, the oldest half goes (a long preview session stays bounded)."""
_MEMOS: dict[str, dict] = {}
_CHANGED: set[str] = set()


def memo(name: str) -> Callable[[F], F]:
    """Keep the decorated function's results by its (hashable) arguments, under `name`."""

    def decorate(function: F) -> F:
        results = _MEMOS.setdefault(name, {})

        @functools.wraps(function)
        def remembered(*args, **kwargs):
            key = (args, tuple(sorted(kwargs.items())))
            try:
                return results[key]
            except KeyError:
                pass
            value = function(*args, **kwargs)
            keep(name, key, value)
            return value

        return remembered  # type: ignore[return-value]

    return decorate


def recall(name: str, key):
    """A result kept under `name` by `keep` (or None): for readings keyed by something other than the
    function's arguments, such as a file's hash."""
    return _MEMOS.setdefault(name, {}).get(key)


def keep(name: str, key, value) -> None:
    results = _MEMOS.setdefault(name, {})
    if len(results) >= LIMIT:
        for old in list(results)[: LIMIT // 2]:
            del results[old]
    results[key] = value
    _CHANGED.add(name)


def forget() -> None:
    """Drop every result kept in memory (tests start from nothing)."""
    for results in _MEMOS.values():
        results.clear()
    _CHANGED.clear()


def load(folder: Path) -> None:
    """Take in the results saved in `folder` by an earlier build of the same code (if any)."""
    for path in sorted(folder.glob("*.pickle")) if folder.is_dir() else ():
        results = _MEMOS.setdefault(path.stem, {})
        try:
            saved = pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
            continue
        if isinstance(saved, dict) and saved.get("code") == code_fingerprint():
            for key, value in saved["results"].items():
                results.setdefault(key, value)


def save(folder: Path) -> None:
    """Write the results of each function that computed anything new since `load`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in sorted(_CHANGED):
        path = folder / f"{name}.pickle"
        temporary = path.with_suffix(".tmp")
        temporary.write_bytes(pickle.dumps({"code": code_fingerprint(), "results": _MEMOS[name]}))
        temporary.replace(path)
    _CHANGED.clear()


LIBRARIES = ("markdown-it-py", "nh3", "pydantic", "PyYAML")
"""Libraries whose version changes what the kept functions return."""


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of this project's Python code and the versions of the libraries the results depend on:
    results made by other code are not trusted."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    for library in LIBRARIES:
        digest.update(f"{library}={version(library)};".encode())
    return digest.hexdigest()
