"""A hand-written page of module summaries (the essentials) made to follow a course.

The essentials page sums up each module in a section of its own: a `## N. Title` heading, a few
paragraphs, and a closing link to the module (`modules/<id>.md`). A course of modules 1, 3 and 6 should
get a page about those three, numbered 1, 2 and 3 as the course numbers them, in the course's
order; not a page about nine modules, six of which it does not teach. Sections that link to no
module (such as "What next") keep their place after the summaries. A module of the course that the
page does not sum up (a trainer's local module) gets the section its builder writes (see
`Renderer.essentials_section`), in its place.

Works on the Markdown of any language (the French page has the same headings and links), before
links to left-out pages become plain text (see links.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .links import LINK, page_of

SECTION_START = re.compile(r"^## ", re.MULTILINE)
NUMBERED_HEADING = re.compile(r"^## (\d+)\. ")
MODULE_IN_LINK_TEXT = re.compile(r"\b([Mm]odule) (\d+)\b")


@dataclass(frozen=True)
class Section:
    markdown: str
    module: str | None
    """The module the section sums up, if any."""


def follow_course(markdown: str, numbers: dict[str, int], missing: Callable[[str], str] | None = None) -> str:
    """The page with one summary per module of the course (`numbers`: module id to its number in
    the course), in the course's order and with its numbers; other sections stay as they are.

    A page whose sections sum up no module is returned as it is.

    Args:
        missing: the section (`## N. Title` and its Markdown) of a module of the course that the page
            does not sum up, by the module's id; without it, such a module has no section.
    """
    preamble, sections = _sections(markdown)
    summaries = [s for s in sections if s.module is not None]
    if not summaries:
        return markdown
    summed_up = {s.module for s in summaries}
    added = [Section(missing(m), m) for m in numbers if m not in summed_up] if missing else []
    kept = sorted((s for s in summaries + added if s.module in numbers), key=lambda s: numbers[s.module])
    others = [s for s in sections if s.module is None]
    before = [s for s in others if sections.index(s) < sections.index(summaries[0])]
    after = [s for s in others if s not in before]
    renumbered = [_renumbered(s, numbers[s.module]) for s in kept]
    return preamble + _joined([s.markdown for s in before + renumbered + after])


def _joined(sections: list[str]) -> str:
    """The sections one after another, each but the last ended by a blank line (a section that was
    the page's last, or one written for it, may end with none)."""
    ended = [s if s.endswith("\n\n") else s.rstrip("\n") + "\n\n" for s in sections[:-1]]
    return "".join(ended + sections[-1:])


def _sections(markdown: str) -> tuple[str, list[Section]]:
    starts = [m.start() for m in SECTION_START.finditer(markdown)]
    if not starts:
        return markdown, []
    ends = starts[1:] + [len(markdown)]
    sections = [markdown[start:end] for start, end in zip(starts, ends, strict=True)]
    return markdown[: starts[0]], [Section(text, _module_of(text)) for text in sections]


def _module_of(section: str) -> str | None:
    """The module of the section's last link to a module: each part ends with its "Go deeper" link,
    and may mention other modules on the way."""
    pages = [page_of(m.group(2), "") or "" for m in LINK.finditer(section)]
    modules = [page.removeprefix("modules/") for page in pages if page.startswith("modules/")]
    return modules[-1] if modules else None


def _renumbered(section: Section, number: int) -> Section:
    """The section's heading number and every "Module N" in its link texts set to `number`."""
    text = NUMBERED_HEADING.sub(f"## {number}. ", section.markdown, count=1)

    def in_link(match: re.Match) -> str:
        label = MODULE_IN_LINK_TEXT.sub(lambda m: f"{m.group(1)} {number}", match.group(1))
        return match.group(0).replace(match.group(1), label, 1)

    return Section(LINK.sub(in_link, text), section.module)
