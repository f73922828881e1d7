"""The exports on the trainer edition's Downloads page: the SCORM packages and the question banks.

The question banks are made in the build, from the content the page is built from (so the French
trainer edition offers them in French): the course's bank in Moodle XML (one category per module),
and one file per quiz in Moodle XML and in GIFT, each set zipped (a list of two dozen files would
bury the page; a trainer who wants one quiz's questions takes its file from the zip).

The SCORM packages hold the learners' offline edition (every language), which takes a build of its
own: `learner_edition_downloads` runs it in a child process (`OFFLINE=true EDITION=learner`, as
`make lms` does) and packs it with the code `make lms` uses, and zips it as `make offline` does: the
offline edition that the Downloads page's "copy the site to a USB stick" promises, made from the
same build (so `make trainer` on a fresh clone offers it). They are kept under
`.cache/lms/<course>/trainer-downloads/<key>/`, where the key is a digest of every input of that
build (the project's files, this code, the versions of mkdocs and Material, the build's settings):
a rebuild with nothing changed reuses them, and any change builds them again, never serving stale
pages. Only a full build makes them; a quick preview says on the page that it leaves them out.

No mkdocs here: the plugin calls these functions and publishes what they return under downloads/.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..loader import Content
from ..packing import FIXED_TIME, pack_site
from ..problems import ContentError, format_report
from .bank import quiz_questions
from .build import gift_quiz_files, moodle_quiz_files, write_scorm
from .course import course_and_content
from .moodle import course_xml
from .scorm import VERSIONS, PackageError, package_file

KINDS = ("scorm12", "scorm2004", "moodle", "moodle-quizzes", "gift")
"""The exports a trainer finds on the Downloads page, in the page's order."""
SCORM_KINDS = ("scorm12", "scorm2004")
OFFLINE_ZIP = "offline-edition.zip"
"""The learners' offline edition, zipped, as the learners' Downloads page offers it."""
CACHE = Path(".cache") / "lms"
BUILD_TOOLS = Path(__file__).resolve().parent.parent
NOT_INPUTS = frozenset(
    {".git", ".venv", "venv", "node_modules", ".cache", "dist", "site", ".pytest_cache", ".ruff_cache", ".workshop"}
)
"""Folders at the project's root that hold outputs, caches or tools, not what a build reads."""
NEVER_INPUTS = frozenset({"__pycache__"})
"""Folders, at any depth, that no build reads."""
LIBRARIES = ("mkdocs", "mkdocs-material")
TRAINER_MARK = '<meta name="robots" content="noindex">'
"""What every page of the trainer edition carries (theme/main.html), and no learner page."""


def file_names(course_id: str) -> dict[str, str]:
    """Each export's file name under downloads/, by kind."""
    return {
        "scorm12": package_file(course_id, "1.2"),
        "scorm2004": package_file(course_id, "2004"),
        "moodle": f"{course_id}-moodle.xml",
        "moodle-quizzes": f"{course_id}-moodle-quizzes.zip",
        "gift": f"{course_id}-gift.zip",
    }


def lms_downloads(names: Iterable[str]) -> list[tuple[str, str]]:
    """(kind, file name) of the exports among these downloads, in the page's order."""
    endings = file_names("")
    names = sorted(names)
    return [(kind, name) for kind in KINDS for name in names if name.endswith(endings[kind])]


def question_banks(content: Content, course_id: str, course_title: str) -> dict[str, bytes]:
    """The course's Moodle XML bank and the zips of its per-quiz Moodle XML and GIFT files, by file
    name; none when no quiz has a question to export."""
    if not any(quiz_questions(quiz) for quiz in content.quizzes.values()):
        return {}
    names = file_names(course_id)
    found = {names["moodle"]: course_xml(content, course_title).encode("utf-8")}
    for kind, files in (
        ("moodle-quizzes", moodle_quiz_files(content, course_title)),
        ("gift", gift_quiz_files(content, course_title)),
    ):
        if files:
            found[names[kind]] = zipped(files)
    return found


def zipped(files: dict[str, str]) -> bytes:
    """The files in one zip, the same bytes for the same files (no build time inside)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in sorted(files.items()):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


@dataclass(frozen=True)
class LearnerBuild:
    """The learners' offline edition to put in the SCORM packages: the trainer build's own project.

    Attributes:
        root: the folder holding the content (`modules/`, `quizzes/`, `courses/`).
        config_file: the mkdocs.yml the trainer edition is built from.
        course: the course setting of that build (None: all content, the default course's name).
        course_id: the course's id, which names the packages.
        editions: whether the other languages are built too (the packages hold them).
        sites: the folders the trainer build writes to: never counted among the inputs.
    """

    root: Path
    config_file: Path
    course: str | None
    course_id: str
    editions: bool = True
    sites: tuple[Path, ...] = field(default_factory=tuple)


def learner_edition_downloads(build: LearnerBuild, log: Callable[[str], None] = print) -> dict[str, bytes]:
    """The SCORM 1.2 and 2004 packages of the learners' offline edition and its zip
    (`offline-edition.zip`), by file name: from the cache when nothing they are made from has
    changed, else built now.

    Raises:
        PackageError: the learners' offline edition could not be built or packed.
    """
    names = [package_file(build.course_id, v) for v in VERSIONS] + [OFFLINE_ZIP]
    folder = build.root / CACHE / build.course_id / "trainer-downloads"
    key = inputs_key(build)
    kept = folder / key
    if all((kept / name).is_file() for name in names):
        log(f"Trainer downloads: the SCORM packages and offline zip are unchanged ({kept.relative_to(build.root)}).")
    else:
        log("Trainer downloads: building the learners' offline edition for the SCORM packages and offline zip.")
        _make_packages(build, kept)
        _prune(folder, keep=key)
    return {name: (kept / name).read_bytes() for name in names}


def inputs_key(build: LearnerBuild) -> str:
    """A digest of everything the learners' offline edition is built from."""
    digest = hashlib.sha256()
    settings = {"course": build.course, "editions": build.editions, "libraries": _versions(), "python": sys.version}
    digest.update(json.dumps(settings, sort_keys=True).encode("utf-8"))
    for path in _input_files(build):
        digest.update(f"\0{path}\0{path.stat().st_size}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def is_current(zipped: Path, build: LearnerBuild) -> bool:
    """Whether `zipped` (the offline zip `make offline` packed) is newer than every file the build
    reads: a zip older than a changed module, page or translation is stale, never to be offered."""
    made = zipped.stat().st_mtime
    return all(path.stat().st_mtime <= made for path in _input_files(build))


def _input_files(build: LearnerBuild) -> list[Path]:
    sites = {site.resolve() for site in build.sites}
    files: set[Path] = set()
    for folder in dict.fromkeys([build.root.resolve(), build.config_file.resolve().parent, BUILD_TOOLS]):
        for current, dirs, names in os.walk(folder):
            here = Path(current)
            dirs[:] = sorted(
                d
                for d in dirs
                if d not in NEVER_INPUTS
                and not (here == folder and d in NOT_INPUTS)
                and (here / d).resolve() not in sites
            )
            files.update(here / name for name in names)
    return sorted(path for path in files if path.is_file())


def _versions() -> dict[str, str]:
    found = {}
    for name in LIBRARIES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = ""
    return found


def _make_packages(build: LearnerBuild, kept: Path) -> None:
    """Build the learners' offline edition in a temporary folder, pack it (SCORM and zip), keep both."""
    try:
        course, content = course_and_content(build.root, build.course)
    except ContentError as error:  # such as a text with no translation in the course's first language
        raise PackageError(f"the SCORM packages' course has problems:\n{format_report(error.problems)}") from None
    kept.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="build-", dir=kept.parent) as temporary:
        site = Path(temporary) / "site"
        _build_offline_edition(build, site)
        _check_learners_edition(site)
        packages = Path(temporary) / "packages"
        write_scorm(content, course, site, packages)
        pack_site(site, packages / OFFLINE_ZIP)
        shutil.rmtree(kept, ignore_errors=True)  # an unfinished folder of an earlier build
        packages.replace(kept)


def _build_offline_edition(build: LearnerBuild, site: Path) -> None:
    """`mkdocs build` of the learners' offline edition with its handouts, as `make lms` runs it."""
    env = {
        **os.environ,
        "OFFLINE": "true",
        "EDITION": "learner",
        "HANDOUTS": "true",
        "EDITIONS": "true" if build.editions else "false",
        "NO_MKDOCS_2_WARNING": "1",
    }
    env.pop("COURSE", None)
    if build.course:
        env["COURSE"] = build.course
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(build.config_file), "-d", str(site)],
        cwd=build.config_file.parent,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise PackageError(
            f"the learners' offline edition for the SCORM packages did not build:\n{result.stdout}{result.stderr}"
        )


def _check_learners_edition(site: Path) -> None:
    """The packages are for learners: a trainer edition (a mkdocs.yml that sets `edition: trainer`
    itself, rather than reading EDITION) is refused, never packed."""
    home = site / "index.html"
    if home.is_file() and TRAINER_MARK in home.read_text(encoding="utf-8"):
        raise PackageError(
            "the offline edition built for the SCORM packages is the trainer edition, with every answer key "
            "(hint: in mkdocs.yml, read the edition from the environment: `edition: !ENV EDITION`)"
        )


def _prune(folder: Path, keep: str) -> None:
    """Only the packages of the current inputs are kept (and a build running beside this one)."""
    for other in folder.iterdir():
        if other.is_dir() and other.name != keep and not other.name.startswith("build-"):
            shutil.rmtree(other, ignore_errors=True)
