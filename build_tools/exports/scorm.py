"""The SCORM packages (1.2, and 2004 4th edition): the offline edition's pages, the SCORM adapter,
and `imsmanifest.xml`.

One organisation; one item per module (its page is the SCO's launch page) and per assessment (its
quiz page), each a SCO. Every file of the package is listed once: a SCO's own pages (a module page
and its self-checks, or an assessment's page) under its resource, every other file under one shared
asset resource that each SCO depends on. Graded assessments carry the course's pass mark: as
`adlcp:masteryscore` (1.2), or as their primary objective's `minNormalizedMeasure` (2004).

The adapter (`assets/scorm-adapter.js`) is added to every page after the quiz engine, so it is
loaded only in the package; it talks to the platform when it finds one and does nothing otherwise.
"""

from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from ..courses.model import Course
from ..loader import Content
from ..packing import reader_files
from .course import assessment_quizzes
from .templating import environment

ADAPTER = Path(__file__).parent / "assets" / "scorm-adapter.js"
ADAPTER_PATH = "assets/javascripts/scorm-adapter.js"
MANIFEST = "imsmanifest.xml"
GRADED_KINDS = ("diagnostic", "post", "self-check")
VERSIONS = ("1.2", "2004")
NOTICE = "scorm_notice"
"""The string (build_tools/strings) shown above each graded quiz in the package, where the quiz's own
text speaks of the website; in each page's language."""
_PAGE_LANGUAGE = re.compile(r'<html[^>]*\slang="(?P<language>[A-Za-z-]+)"')
_QUIZ_SCRIPT = re.compile(r'<script src="(?P<prefix>(?:\.\./)*)assets/javascripts/quiz\.js[^"]*"[^>]*></script>')


class PackageError(Exception):
    """The offline edition is missing or is not one (run `make offline` first)."""


@dataclass(frozen=True)
class Sco:
    identifier: str
    title: str
    launch: str
    files: tuple[str, ...]
    mastery_score: int | None = None


def package_name(course: Course, version: str = "1.2") -> str:
    return package_file(course.id, version)


def package_file(course_id: str, version: str = "1.2") -> str:
    """The package's file name: `<course>-scorm12.zip`, `<course>-scorm2004.zip`."""
    return f"{course_id}-scorm{version.replace('.', '')}.zip"


def scos(content: Content, course: Course, site_files: set[str]) -> list[Sco]:
    """The package's SCOs in the course's order: the modules, then the assessments."""
    found = []
    assessments = assessment_quizzes(content, course)
    launched = {f"quizzes/{quiz.id}.html" for quiz in assessments}  # a page is in one SCO only
    for module in content.modules:
        pages = [f"modules/{module.id}.html"] + [f"quizzes/{q}.html" for q in module.quizzes]
        pages = [page for page in pages if page not in launched]
        title = f"{module.number}. {module.title}"
        found.append(Sco(f"module-{module.id}", title, pages[0], tuple(p for p in pages if p in site_files)))
    for quiz in assessments:
        page = f"quizzes/{quiz.id}.html"
        mastery = course.pass_mark if quiz.kind in GRADED_KINDS else None
        found.append(Sco(f"assessment-{quiz.id}", quiz.title, page, (page,), mastery))
    missing = [sco.launch for sco in found if sco.launch not in site_files]
    if missing:
        raise PackageError(f"the offline edition has no {', '.join(missing)} (hint: build it with `make offline`)")
    return found


def manifest(content: Content, course: Course, files: list[str], version: str = "1.2") -> str:
    """`imsmanifest.xml` for these package files (paths relative to the package's root)."""
    units = scos(content, course, set(files))
    own = {page for sco in units for page in sco.files}
    shared = [f for f in files if f not in own]
    return (
        environment()
        .get_template(f"imsmanifest-{version}.xml.j2")
        .render(course=course, scos=units, shared=shared, href=lambda path: quote(path, safe="/"))
    )


def with_adapter(page: str, course: Course, version: str = "1.2") -> str:
    """An offline page with the SCORM adapter loaded after the quiz engine (same relative prefix);
    it looks for the run-time of the package's version first, and has the pass mark in case the
    platform gives none. Its notice is in the page's language (`<html lang>`), as the page is."""
    from ..rendering import load_strings  # rendering imports the exports: import late

    found = _PAGE_LANGUAGE.search(page)
    notice = load_strings(found.group("language") if found else "en")[NOTICE]

    def add(match: re.Match) -> str:
        prefix = match.group("prefix")
        tag = (
            f'<script src="{prefix}{ADAPTER_PATH}" data-scorm="{version}" '
            f'data-mastery-score="{course.pass_mark}" data-notice="{html.escape(notice)}" defer></script>'
        )
        return match.group(0) + tag

    return _QUIZ_SCRIPT.sub(add, page, count=1)


def build_package(site: Path, content: Content, course: Course, zip_path: Path, version: str = "1.2") -> int:
    """Zip the offline edition in `site` with the adapter and the manifest; returns the file count."""
    if not (site / "index.html").is_file():
        raise PackageError(f"{site} holds no offline edition (hint: build it with `make offline`)")
    # what the offline zip holds, but the search index a platform serves over HTTP (see packing)
    files = {path.relative_to(site).as_posix(): path for path in reader_files(site, opened_from="web")}
    files.pop(MANIFEST, None)
    names = sorted([*files, ADAPTER_PATH])
    text = manifest(content, course, names, version)
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr(MANIFEST, text)
        for name, path in files.items():
            data = path.read_bytes()
            if PurePosixPath(name).suffix == ".html":
                data = with_adapter(data.decode("utf-8"), course, version).encode("utf-8")
            package.writestr(name, data)
        package.writestr(ADAPTER_PATH, ADAPTER.read_bytes())
    return len(names) + 1
