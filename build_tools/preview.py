"""The preview (`make serve`) while the content has problems: the list of problems, shown on every page.

Knows nothing of mkdocs: the plugin decides when to show it and where the page's HTML starts.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2

from .loader import Content
from .problems import Problem

TEMPLATES = Path(__file__).parent / "templates"
_env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined)
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)

NO_CONTENT = Content(modules=(), quizzes={}, source_names={})
"""What the preview shows when the content has had problems since it started: no module or quiz yet."""


def problems_banner(problems: list[Problem]) -> str:
    """The problems as an HTML block: file and line, field, message and hint, all escaped."""
    return _env.get_template("problems_banner.html.j2").render(problems=problems)


def with_banner(html: str, problems: list[Problem]) -> str:
    """The page with the problem list first in its body; unchanged when there are no problems."""
    if not problems:
        return html
    banner = problems_banner(problems)
    found = _BODY.search(html)
    return html[: found.end()] + banner + html[found.end() :] if found else banner + html
