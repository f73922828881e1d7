"""Figures about a course that the hand-written pages state, filled in from the course being built.

The pages in docs/ are shared by every course: a sentence such as "The course has nine modules"
is true of the IPU course and false of a trainer's course of four. So a page says it with a
placeholder, which the build fills in from the composed course, in the page's language:

- `{course_modules}`: how many modules, with the word "modules": `nine modules` (`one module`;
  the number in words up to twelve, as the interface strings spell it, then in figures);
- `{course_reading_time}`: the time most readers need for every module, from each module's
  reading time (its words at 200 a minute, as the module pages show it: the French page counts
  the French words), rounded as a reader would say it: `about 55 minutes`, `about an hour and a
  half`, `about two hours`;
- `{course_module_reading_time}`: the time one module takes to read, from the shortest module's
  reading time to the longest's, as the module pages show them: `13 to 16 minutes`, `15 minutes`
  when they all take the same;
- `{course_group_minutes}`: the modules' facilitator timings added up, the time they take with a
  group: `425 minutes` (a module without `minutes` in its notes counts for none);
- `{course_essentials_time}`: the reading time of the essentials page as this course shows it (its
  summaries of the course's modules, see summaries.py), counted as a module page's, rounded up to
  the next 5 minutes, so that "The essentials in 15 minutes" is a promise kept: `15 minutes`;
- `{course_subtitle}`: the course's subtitle in the page's language (`subtitle`, or its
  translation under `translations:`), as plain text; empty for a course without one;
- `{course_other_languages}`: the course's languages other than the page's, each named in the
  page's language, then in itself and in bold as the languages button shows it: `French
  (**Français**)` on an English page of the IPU course, `anglais (**English**)` on its French page.

A placeholder may be empty: `{course_other_languages}` in a course of one language,
`{course_subtitle}` in a course without a subtitle. The paragraph
or list item that holds an empty placeholder is left out, so a sentence such as "The course is
also in {course_other_languages}" is never shown where it would be false.

The French page (translations/fr/docs/) keeps each placeholder, as `make check` asks of every
`{placeholder}`; its words come from the French interface strings. A placeholder inside code
(`` `{course_modules}` ``, or a fenced block) is left as written, so a page can name them.
Like the essentials page (summaries.py), it works on a page's Markdown, before mkdocs renders it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence

from babel import Locale
from babel.lists import format_list

from ..i18n.editions import language_name
from ..loader import Content
from ..problems import Problem
from ..report import page_reading_minutes, reading_minutes
from ..safe_html import plain_in_markdown
from .blocks import without_blocks

PLACEHOLDER = re.compile(r"\{(course_[a-z_]+)\}")
CODE = re.compile(r"^(?P<fence>`{3,}|~{3,})[^\n]*\n.*?^(?P=fence)[ \t]*$|(?P<ticks>`+).+?(?P=ticks)", re.M | re.S)
"""Fenced code blocks and code spans: a placeholder there is shown, not filled in."""
HOUR = 60
HALF_HOUR = 30
ROUNDING = 5
"""A reading time under an hour is given to the nearest 5 minutes; from an hour, to the nearest half hour.
The essentials page's is rounded up to the next 5 minutes."""


def course_facts(
    content: Content,
    strings: dict,
    *,
    language: str = "en",
    languages: Sequence[str] = (),
    essentials: str = "",
    subtitle: str = "",
) -> dict[str, str]:
    """Each placeholder's text for this content, in the language of `strings` (the interface strings),
    for a page in `language` of a course built in `languages` whose essentials page, in that
    language and as the course shows it, is the Markdown `essentials`, and whose subtitle in that
    language is `subtitle`."""
    words = strings["course_facts"]
    count = len(content.modules)
    minutes = [reading_minutes(m) for m in content.modules]
    modules = words["module" if count == 1 else "modules"].format(count=_in_words(count, words))
    group = sum(m.facilitator_notes.minutes or 0 for m in content.modules)
    return {
        "course_modules": modules,
        "course_reading_time": reading_time(sum(minutes), words),
        "course_module_reading_time": module_reading_time(minutes, words),
        "course_group_minutes": words["group_minutes"].format(minutes=group),
        "course_essentials_time": words["group_minutes"].format(minutes=_essentials_minutes(essentials)),  # "N minutes"
        "course_other_languages": other_languages(languages, language),
        "course_subtitle": str(plain_in_markdown(subtitle)) if subtitle else "",
    }


FACTS = (
    "course_modules",
    "course_reading_time",
    "course_module_reading_time",
    "course_group_minutes",
    "course_essentials_time",
    "course_other_languages",
    "course_subtitle",
)
"""The placeholders a page may use (see `course_facts`)."""


def reading_time(minutes: int, words: dict) -> str:
    """`about 55 minutes`, `about an hour`, `about an hour and a half`, `about two hours`..."""
    rounded = max(ROUNDING, ROUNDING * round(minutes / ROUNDING))
    if rounded < HOUR:
        return words["reading_minutes"].format(minutes=rounded)
    hours, half = divmod(round(minutes / HALF_HOUR), 2)
    if hours == 1:
        return words["reading_hour_half" if half else "reading_hour"]
    return words["reading_hours_half" if half else "reading_hours"].format(hours=_in_words(hours, words))


def module_reading_time(minutes: Sequence[int], words: dict) -> str:
    """`13 to 16 minutes` from the modules' reading times (`15 minutes` when they are all the same)."""
    if not minutes:
        return ""
    low, high = min(minutes), max(minutes)
    if low == high:
        return words["group_minutes"].format(minutes=low)
    return words["minutes_range"].format(low=low, high=high)


def other_languages(languages: Sequence[str], language: str) -> str:
    """`French (**Français**)`, `anglais (**English**) et espagnol (**Español**)`; "" when the course
    has no language but the page's."""
    others = [other for other in languages if other != language]
    names = [f"{Locale.parse(other).get_display_name(language)} (**{language_name(other)}**)" for other in others]
    return format_list(names, locale=language)


def fill_course_facts(markdown: str, facts: dict[str, str]) -> str:
    """The page with each known placeholder outside code replaced by its text, and each paragraph or
    list item that holds an empty one left out."""
    empty = {name for name, text in facts.items() if not text}
    markdown = without_blocks(markdown, _lines_with(markdown, empty))
    return _outside_code(markdown, lambda text: PLACEHOLDER.sub(lambda m: facts.get(m.group(1), m.group(0)), text))


def placeholder_problems(markdown: str, name: str) -> list[Problem]:
    """A problem at its line for each `{course_...}` placeholder outside code that is not one of FACTS."""
    problems = []
    for start, text in _pieces_outside_code(markdown):
        for match in PLACEHOLDER.finditer(text):
            if match.group(1) not in FACTS:
                line = markdown.count("\n", 0, start + match.start()) + 1
                hint = "use one of " + ", ".join(f"{{{fact}}}" for fact in FACTS)
                problems.append(Problem(name, line, "", f"unknown placeholder {match.group(0)}", hint))
    return problems


def _lines_with(markdown: str, names: set[str]) -> set[int]:
    """The lines (0 = the first) that hold one of the placeholders `names` outside code."""
    return {
        markdown.count("\n", 0, start + match.start())
        for start, text in _pieces_outside_code(markdown)
        for match in PLACEHOLDER.finditer(text)
        if match.group(1) in names
    }


def _essentials_minutes(essentials: str) -> int:
    return ROUNDING * math.ceil(page_reading_minutes(PLACEHOLDER.sub("", essentials)) / ROUNDING)


def _in_words(number: int, words: dict) -> str:
    spelled = words["numbers"]
    return spelled[number - 1] if 1 <= number <= len(spelled) else str(number)


def _pieces_outside_code(markdown: str) -> list[tuple[int, str]]:
    """(offset, text) of each stretch of the page outside code."""
    pieces, position = [], 0
    for code in CODE.finditer(markdown):
        pieces.append((position, markdown[position : code.start()]))
        position = code.end()
    pieces.append((position, markdown[position:]))
    return pieces


def _outside_code(markdown: str, change: Callable[[str], str]) -> str:
    """The page with `change` applied to each stretch outside code, the code kept as it is."""
    pieces = _pieces_outside_code(markdown)
    out = []
    for (start, text), (following, _) in zip(pieces, [*pieces[1:], (len(markdown), "")], strict=True):
        out += [change(text), markdown[start + len(text) : following]]
    return "".join(out)
