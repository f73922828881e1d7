"""What a course changes in its site's settings: its name, footer, colours, logo and address.

Plain data, so that the mkdocs plugin only copies it into the configuration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..i18n.typography import typeset
from ..safe_html import plain_in_markdown
from .model import Course, CourseTexts, Session
from .session_plan import with_break_labels

FIRST_HEADING = re.compile(r"^# .*$", re.MULTILINE)
LOGO_URI = "assets/images/course-logo"
"""Where the course's logo is published in the site, with the logo file's own ending."""


@dataclass(frozen=True)
class SiteSettings:
    """The site settings a course sets (each replaces the one in mkdocs.yml).

    Attributes:
        logo: the logo's address in the site and its bytes, or None for Material's own icon.
        site_url: the published address, or empty to keep mkdocs.yml's.
    """

    site_name: str
    site_description: str | None
    copyright: str
    primary: str
    accent: str
    organisation: str
    logo: tuple[str, bytes] | None
    site_url: str


def course_texts(course: Course, language: str | None = None) -> CourseTexts:
    """The course's title, subtitle, organisation and footer in `language` (default: its first).

    The course file writes them in its first language; its `translations` give them in the others,
    and a text a translation leaves out shows as written. They follow the language's typography
    (French: a no-break space before `:`), as translated text does.
    """
    first = course.languages[0]
    written = _typeset(
        CourseTexts(
            title=course.title,
            subtitle=course.subtitle,
            organisation=course.organisation,
            footer=course.branding.footer or course.organisation,
        ),
        first,
    )
    language = language or first
    given = course.translations.get(language)
    if given is None or language == first:
        return written
    given = _typeset(given, language)
    return CourseTexts(
        title=given.title,
        subtitle=given.subtitle or written.subtitle,
        organisation=given.organisation or written.organisation,
        footer=_footer(course, given, written),
    )


def session_in(course: Course, language: str, default: str) -> Session | None:
    """The course's session with its breaks' labels in `language` (see `break_labels`); None without one."""
    if course.session is None:
        return None
    return with_break_labels(course.session, break_labels(course, language, default))


def break_labels(course: Course, language: str, default: str) -> dict[str, str]:
    """Each break's label in `language`, by its `at` time: the translation under `translations:`, else
    the label as written, else `default` (the interface's "Break" in that language)."""
    translated = course.break_labels_given(language) if language != course.languages[0] else {}
    breaks = course.session.breaks if course.session else []
    return {b.at: translated.get(b.at) or b.label or default for b in breaks}


def _footer(course: Course, given: CourseTexts, written: CourseTexts) -> str:
    """The footer in another language: its own; else the course's footer as written; else the
    organisation's name, in that language when given."""
    if given.footer:
        return given.footer
    if course.branding.footer:
        return written.footer
    return given.organisation or written.organisation


def _typeset(texts: CourseTexts, language: str) -> CourseTexts:
    return texts.model_copy(update={name: typeset(text, language) for name, text in texts if text})


def site_settings(root: Path, course: Course, language: str | None = None) -> SiteSettings:
    """The settings of a course's site in `language` (default: the course's first); the logo is read
    from its file (checked by `load_course`)."""
    branding = course.branding
    texts = course_texts(course, language)
    logo = None
    if branding.logo:
        ending = PurePosixPath(branding.logo).suffix.lower()
        logo = (f"{LOGO_URI}{ending}", (root / branding.logo).read_bytes())
    return SiteSettings(
        site_name=texts.title,
        site_description=texts.subtitle,
        copyright=texts.footer,
        primary=branding.primary,
        accent=branding.accent,
        organisation=texts.organisation,
        logo=logo,
        site_url=course.site_url,
    )


def with_course_title(markdown: str, title: str) -> str:
    """The home page with the course's title as its first heading."""
    return FIRST_HEADING.sub(lambda _: f"# {plain_in_markdown(title)}", markdown, count=1)
