"""A course as a trainer writes it in `courses/<id>.yml`: the modules in order, the assessments,
branding and the session it is taught in.

The modules are the shared ones (`modules/`) or a trainer's own (`local/modules/`, with their
quizzes in `local/quizzes/`), so a trainer never edits the shared files.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints

from ..model.common import Id, LanguageCode, Strict, Text

Assessment = Literal["diagnostic", "post", "survey", "action-plan"]
"""The course-wide quizzes a course may include: `quizzes/<name>.yml` (the survey is `capacity-survey`)."""

ASSESSMENT_QUIZ_IDS: dict[str, str] = {
    "diagnostic": "diagnostic",
    "post": "post",
    "survey": "capacity-survey",
    "action-plan": "action-plan",
}
"""The quiz each assessment names."""

Edition = Literal["learner", "trainer"]
"""Learners never see facilitator notes or answer keys; the trainer edition shows both."""

MaterialColour = Literal[
    "red", "pink", "purple", "deep-purple", "indigo", "blue", "light-blue", "cyan", "teal", "green",
    "light-green", "lime", "yellow", "amber", "orange", "deep-orange", "brown", "grey", "blue-grey",
    "black", "white",
]  # fmt: skip
"""The colour names Material for MkDocs knows for `theme.palette.primary` and `accent`."""

ClockTime = Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
"""A time of day on a 24-hour clock, such as `16:30`."""


def _in_the_calendar(value: str) -> str:
    """`2025-13-03` has the shape of a date but names none: the session plan would print it."""
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value} is not a day of the calendar") from None
    return value


IsoDate = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), AfterValidator(_in_the_calendar)]
"""A calendar date written `YYYY-MM-DD`, such as `2025-04-08`."""

SessionMinutes = Annotated[int, Field(ge=1, le=24 * 60)]

LogoFile = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_./-]+\.(svg|png|jpg|jpeg)$", max_length=200)]
"""An image file, relative to the folder that holds `courses/`, such as `local/logo.svg`."""


class Branding(Strict):
    """How the course's site looks: the organisation's logo, Material palette colours and footer name."""

    logo: LogoFile | None = None
    primary: MaterialColour = "indigo"
    accent: MaterialColour = "indigo"
    footer: Text | None = None
    """The organisation's name as the footer shows it; the course's `organisation` when left out."""


class Break(Strict):
    """A pause in the session, at a clock time."""

    at: ClockTime
    """When it starts; it also names the break in `translations:` (`breaks: {"11:00": ...}`)."""
    minutes: SessionMinutes
    label: Text | None = None
    """What the session plan calls it, in the course's first language; "Break" (in each language) when left out."""


class Session(Strict):
    """When and for how long the course is taught in a room; the session plan is timed from it."""

    date: IsoDate | None = None
    start: ClockTime
    minutes: SessionMinutes
    breaks: list[Break] = Field(default_factory=list)


class CourseTexts(Strict):
    """The course's own texts in one of its other languages (the course file writes them in its first)."""

    title: Text
    subtitle: Text | None = None
    organisation: Text | None = None
    footer: Text | None = None
    """The footer's text in this language; the course's `branding.footer` as written when left out."""
    breaks: dict[ClockTime, Text] = Field(default_factory=dict)
    """The session's break labels in this language, by the break's `at` time, such as
    `{"11:00": Pause café}`; a label left out shows as written."""


class Course(Strict):
    """A course: `courses/<id>.yml`. The file's name is its id; `python -m build_tools course new <id>`
    starts one, and `make course COURSE=<id>` builds it into `dist/<id>/`."""

    id: Id
    title: Text
    subtitle: Text | None = None
    organisation: Text
    languages: list[LanguageCode] = Field(default_factory=lambda: ["en"], min_length=1)
    """The languages the course is built in: the first at the site's root, each other in its folder
    (`fr/`). The title, subtitle, organisation and footer are written in the first; English is the
    source of the modules, any other language comes from its translation (translations/<code>/)."""
    translations: dict[LanguageCode, CourseTexts] = Field(default_factory=dict)
    """The title, subtitle, organisation and footer in each other language of the course, such as
    `fr: {title: ...}`; a text left out shows as written in the first language."""
    modules: list[Id] = Field(min_length=1)
    """Module ids in teaching order; they are numbered 1, 2, 3... in this order."""
    local_folder: str | None = None
    """A folder beside `modules/` that holds the trainer's own `modules/` and `quizzes/`, such as `local`."""
    assessments: list[Assessment] = Field(default_factory=lambda: ["diagnostic", "post", "survey", "action-plan"])
    pass_mark: Annotated[int, Field(ge=0, le=100)] = 80
    """The score, in per cent, at which a graded assessment counts as passed (LMS mastery score)."""
    edition: Edition = "learner"
    branding: Branding = Field(default_factory=Branding)
    site_url: str = ""
    """The address the course is published at (for instant navigation, quiz links and QR codes)."""
    session: Session | None = None

    def break_labels_given(self, language: str) -> dict[str, str]:
        """The break labels given under `translations:` for `language`, by each break's `at` time."""
        texts = self.translations.get(language)
        return texts.breaks if texts else {}
