"""What a course changes in its site's settings: its name, footer, colours, logo and address.

Plain data, so that the mkdocs plugin only copies it into the configuration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..safe_html import plain_in_markdown
from .model import Course

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


def site_settings(root: Path, course: Course) -> SiteSettings:
    """The settings of a course's site; the logo is read from its file (checked by `load_course`)."""
    branding = course.branding
    logo = None
    if branding.logo:
        ending = PurePosixPath(branding.logo).suffix.lower()
        logo = (f"{LOGO_URI}{ending}", (root / branding.logo).read_bytes())
    return SiteSettings(
        site_name=course.title,
        site_description=course.subtitle,
        copyright=branding.footer or course.organisation,
        primary=branding.primary,
        accent=branding.accent,
        organisation=course.organisation,
        logo=logo,
        site_url=course.site_url,
    )


def with_course_title(markdown: str, title: str) -> str:
    """The home page with the course's title as its first heading."""
    return FIRST_HEADING.sub(lambda _: f"# {plain_in_markdown(title)}", markdown, count=1)
