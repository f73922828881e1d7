"""Links in author Markdown to pages a course leaves out: found, and turned into their plain text.

A course may leave out modules and assessments that other texts link to. Such a link would be
broken in the built course, so it becomes its text alone (and `check` warns about it). Only
inline links `[text](target)` are concerned: the Markdown subset allows no other kind.

On a hand-written page, a paragraph or list item whose first link goes to a left-out page invites
the reader to it ("Write [your action plan](quizzes/action-plan.md)"): it is left out whole.
"""

from __future__ import annotations

import posixpath
import re
from itertools import accumulate

from .blocks import block_around, without_blocks

LINK = re.compile(r"(?<![!\\])\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*<?([^()\s<>]*)>?\s*\)")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
PAGE_ENDINGS = ("/index.html", "/index.md", ".html", ".md", "/")


def page_of(target: str, base: str) -> str | None:
    """The page a relative link leads to from a page in folder `base`, as `modules/<id>` or
    `quizzes/<id>`; None for an address elsewhere, an anchor on the same page or an absolute path."""
    if not target or target.startswith(("#", "/")) or SCHEME.match(target):
        return None
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return None
    page = posixpath.normpath(posixpath.join(base, path)) + ("/" if path.endswith("/") else "")
    for ending in PAGE_ENDINGS:
        page = page.removesuffix(ending)
    return page


def unlink(text: str, bases: list[str], left_out: set[str]) -> tuple[str, list[str]]:
    """The text with every link to a left-out page replaced by its link text, and those targets.

    Args:
        bases: the folders the text's page may be read from (a page served as `modules/x/` or as
            `modules/x.html` resolves relative links from different folders).
        left_out: pages as `modules/<id>` and `quizzes/<id>`.
    """
    found: list[str] = []

    def replace(match: re.Match) -> str:
        target = match.group(2)
        if any(page_of(target, base) in left_out for base in bases):
            found.append(target)
            return match.group(1)
        return match.group(0)

    return LINK.sub(replace, text), found


def without_invitations(text: str, bases: list[str], left_out: set[str]) -> str:
    """The text without each paragraph or list item whose first link goes to a left-out page (see
    `unlink` for `bases` and `left_out`)."""
    lines = text.split("\n")
    starts = [0, *accumulate(len(line) + 1 for line in lines)]
    leading = []
    for match in LINK.finditer(text):
        if not any(page_of(match.group(2), base) in left_out for base in bases):
            continue
        line = text.count("\n", 0, match.start())
        first_link = LINK.search(text, starts[block_around(lines, line)[0]])
        if first_link and first_link.start() == match.start():
            leading.append(line)
    return without_blocks(text, leading)


def bases_of(folder: str, document_id: str) -> list[str]:
    """Where relative links in a generated page's author text start from: the page's own folder
    (directory URLs, `modules/x/`) or its parent (`modules/x.html`)."""
    return [f"{folder}/{document_id}", folder]
