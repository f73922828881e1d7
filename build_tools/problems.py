"""Problems found in content, collected across all files and reported once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, written for the trainer who made it.

    Attributes:
        file: the path as the author knows it, e.g. `modules/intro.yml`.
        line: 1-based line number, or 0 when the whole file is concerned.
        field: dotted path to the field, e.g. `questions[2].answer`; empty for the file.
        message: what is wrong and what was expected.
        hint: how to fix it, when there is something useful to say.
        severity: `error` (the build stops) or `warning` (reported; `check` still passes).
    """

    file: str
    line: int
    field: str
    message: str
    hint: str = ""
    severity: str = "error"

    def as_text(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        what = f"{self.field}: {self.message}" if self.field else self.message
        if self.severity == "warning":
            what = f"warning: {what}"
        return f"{where}: {what}" + (f" (hint: {self.hint})" if self.hint else "")

    def as_github(self) -> str:
        """A GitHub Actions annotation, so CI shows the problem beside the line."""
        text = self.as_text().split(": ", 1)[1].removeprefix("warning: ")
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{self.severity} file={self.file},line={max(self.line, 1)}::{text}"


class ContentError(Exception):
    """Raised when content has problems; carries all of them, sorted by file and line."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(format_report(self.problems))


def format_report(problems: list[Problem], style: str = "text") -> str:
    """All problems, one per line, followed by a count (text) or as CI annotations (github)."""
    if style == "github":
        return "\n".join(p.as_github() for p in problems)
    lines = [p.as_text() for p in problems]
    count = len(problems)
    lines.append(f"{count} problem{'s' if count != 1 else ''} found in content.")
    return "\n".join(lines)


def display_path(path: Path, root: Path) -> str:
    """The path relative to the project root, as authors see it in their editor."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
