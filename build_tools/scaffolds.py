"""New content files from templates: a module with its self-check quiz, or a quiz alone.

Each scaffold passes `check` as written, so a trainer sees the new page at once and replaces the
placeholder text step by step.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from .loader import Content

TEMPLATES = Path(__file__).parent / "templates" / "scaffolds"
_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined, keep_trailing_newline=True
)


class ScaffoldError(Exception):
    """The scaffold cannot be written; the message says why, for the person who asked."""


def new_module(root: Path, content: Content, module_id: str, title: str) -> list[Path]:
    """Write `modules/<id>.yml` and `quizzes/<id>-self-check.yml`, numbered after the last module."""
    number = max((m.number for m in content.modules), default=0) + 1
    module = _render("module.yml.j2", id=module_id, number=number, title=_quoted(title))
    quiz_id = f"{module_id}-self-check"
    quiz = _render(
        "quiz.yml.j2",
        id=quiz_id,
        title=title.replace('"', "'"),
        kind="self-check",
        objectives=[f"{module_id}-explain", f"{module_id}-apply"],
        section=f"{module_id}#main-idea",
    )
    return _write(root, {f"modules/{module_id}.yml": module, f"quizzes/{quiz_id}.yml": quiz})


def _render(template: str, **values) -> str:
    return _env.get_template(template).render(**values)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _write(root: Path, files: dict[str, str]) -> list[Path]:
    targets = {root / name: text for name, text in files.items()}
    taken = [str(path.relative_to(root)) for path in targets if path.exists()]
    if taken:
        verb = "exists" if len(taken) == 1 else "exist"
        raise ScaffoldError(f"{' and '.join(taken)} already {verb}; choose another id")
    for path, text in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(targets)
