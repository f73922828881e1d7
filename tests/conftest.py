"""Shared fixtures: builds of the fixture site (tests/fixtures/site), each made once per session.

Builds run `mkdocs build --strict` in a subprocess with this interpreter (`sys.executable -m mkdocs`),
on a copy of the fixture site in a temporary folder, so that nothing is written into the repository.
The integration tests (tests/integration) read the HTML; the browser tests (tests/browser) serve it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from build_tools.project import copy_project

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SITE = ROOT / "tests" / "fixtures" / "site"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
FRENCH = ROOT / "tests" / "fixtures" / "french"
"""A French translation of the fixture site (PO files under translations/fr/, imported from drafts)."""

# The value of OFFLINE that turns the offline edition on, as the Makefile and mkdocs.yml document it.
# mkdocs reads `!ENV [OFFLINE, false]` as YAML, so it must be a boolean word: "1" would be an integer,
# which Material's offline plugin rejects.
OFFLINE_ON = "true"


@dataclass(frozen=True)
class Build:
    """The result of one `mkdocs build` run.

    Attributes:
        project: the folder holding mkdocs.yml that was built.
        site: the site folder given with `-d`.
        returncode: the exit status of mkdocs.
        output: stdout and stderr together, as a user would see them.
    """

    project: Path
    site: Path
    returncode: int
    output: str


def copy_fixture_site(dest: Path) -> Path:
    """A private copy of the fixture site, with the project's own assets (quiz engine, styles, shim).

    The assets are copied from docs/assets rather than kept twice, so the tests always run the
    engine that ships.
    """
    shutil.copytree(FIXTURE_SITE, dest, ignore=shutil.ignore_patterns("site", "site-offline", "__pycache__"))
    shutil.copytree(ROOT / "docs" / "assets", dest / "docs" / "assets", dirs_exist_ok=True)
    return dest


def run_mkdocs_build(
    project: Path, site: Path, *, offline: str | None = None, edition: str | None = None, timeout: float = 300
) -> Build:
    """Run `python -m mkdocs build --strict -d site` in `project`; OFFLINE and EDITION are set only if given."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NO_COLOR="1")
    env.pop("OFFLINE", None)
    env.pop("EDITION", None)
    if offline is not None:
        env["OFFLINE"] = offline
    if edition is not None:
        env["EDITION"] = edition
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return Build(project, site, result.returncode, result.stdout + result.stderr)


def _built(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    *,
    project: Callable[[Path], Path] = copy_fixture_site,
    offline: str | None = None,
    edition: str | None = None,
) -> Build:
    """A session's build of a project made by `project` (the fixture site unless told), which must pass."""
    base = tmp_path_factory.mktemp(name)
    build = run_mkdocs_build(project(base / "project"), base / "site", offline=offline, edition=edition)
    assert build.returncode == 0, f"mkdocs build failed ({name}):\n{build.output}"
    return build


@pytest.fixture(name="copy_fixture_site", scope="session")
def copy_fixture_site_fixture():
    """`copy_fixture_site(dest)`, for tests that build a changed copy of the fixture site."""
    return copy_fixture_site


@pytest.fixture(name="run_mkdocs_build", scope="session")
def run_mkdocs_build_fixture():
    """`run_mkdocs_build(project, site, offline=None)`, returning a Build."""
    return run_mkdocs_build


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> Build:
    """The fixture site, built once per session (online edition, directory URLs)."""
    return _built(tmp_path_factory, "site-build")


@pytest.fixture(scope="session")
def trainer_build(tmp_path_factory) -> Build:
    """The fixture site's trainer edition (EDITION=trainer), built once per session."""
    return _built(tmp_path_factory, "trainer-build", edition="trainer")


@pytest.fixture(scope="session")
def offline_build(tmp_path_factory) -> Build:
    """The fixture site's offline edition (Material's offline plugin on), built once per session."""
    return _built(tmp_path_factory, "offline-build", offline=OFFLINE_ON)


def build_course(site: Path, edition: str | None = None) -> Path:
    """Build the project's own course (modules/, quizzes/) with its handouts into `site`; the
    learners' edition unless `edition` is `trainer`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    env.pop("EDITION", None)
    if edition:
        env["EDITION"] = edition
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=ROOT, capture_output=True, text=True, timeout=900, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def bilingual_project(dest: Path) -> Path:
    """The fixture site with its French translation: English at the root, French under fr/."""
    project = copy_fixture_site(dest)
    shutil.copytree(FRENCH / "translations", project / "translations")
    return project


@pytest.fixture(name="bilingual_project", scope="session")
def bilingual_project_fixture():
    """`bilingual_project(dest)`: a project folder holding the fixture site in English and French."""
    return bilingual_project


@pytest.fixture(scope="session")
def bilingual_build(tmp_path_factory) -> Build:
    """The fixture site in English and French (`mkdocs build --strict`), built once per session."""
    return _built(tmp_path_factory, "bilingual-build", project=bilingual_project)


COURSE_LANGUAGES = ROOT / "tests" / "fixtures" / "course-languages"
"""Courses of the fixture site in French only, French then English, and English only."""


def course_in_languages(dest: Path, course_id: str) -> Path:
    """The bilingual fixture site with the fixture courses, set to build `course_id`
    (tests/fixtures/course-languages/courses/<id>.yml)."""
    project = bilingual_project(dest)
    shutil.copytree(COURSE_LANGUAGES / "courses", project / "courses")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "\n  - mediation " in text
    config.write_text(text.replace("\n  - mediation ", f"\n  - mediation:\n      course: {course_id}\n ", 1), "utf-8")
    return project


@pytest.fixture(scope="session")
def course_site(tmp_path_factory) -> Path:
    """The project's own course (modules/, quizzes/), built once per session with its handouts."""
    return build_course(tmp_path_factory.mktemp("course") / "site")


@pytest.fixture(scope="session")
def course_trainer_site(tmp_path_factory) -> Path:
    """The project's own course, trainer edition (EDITION=trainer): notes, keys, session plan, PDFs."""
    return build_course(tmp_path_factory.mktemp("course-trainer") / "site", edition="trainer")


def hostile_project(dest: Path) -> Path:
    """The fixture site with its content replaced by the hostile course (tests/fixtures/hostile)."""
    project = copy_fixture_site(dest)
    for folder in ("modules", "quizzes"):
        shutil.rmtree(project / folder)
        shutil.copytree(HOSTILE / folder, project / folder)
    shutil.copy(HOSTILE / "glossary.yml", project / "glossary.yml")
    return project


@pytest.fixture(name="hostile_project", scope="session")
def hostile_project_fixture():
    """`hostile_project(dest)`: a project folder holding the hostile course, for tests that change it."""
    return hostile_project


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory) -> Build:
    """The hostile course (every author field full of script payloads that `check` accepts), built once."""
    return _built(tmp_path_factory, "hostile-build", project=hostile_project)


# --- a composed course: the project's content plus the fixture course (tests/fixtures/course) -------

COURSE_FIXTURE = ROOT / "tests" / "fixtures" / "course"
COMPOSED_COURSE_ID = "institute-half-day"
PROJECT_PARTS = ("mkdocs.yml", "glossary.yml", "docs", "modules", "quizzes", "figures", "courses", "translations")


def copy_course_project(dest: Path) -> Path:
    """The project's own content and courses, with the fixture course and its local folder beside them."""
    copy_project(ROOT, dest, PROJECT_PARTS)
    shutil.copytree(COURSE_FIXTURE, dest, dirs_exist_ok=True)
    return dest


@pytest.fixture(name="copy_course_project", scope="session")
def copy_course_project_fixture():
    """`copy_course_project(dest)`: a project folder with the composed fixture course in it."""
    return copy_course_project


@pytest.fixture(scope="session")
def composed_course(tmp_path_factory) -> Path:
    """The fixture course built by `python -m build_tools course build` into `<project>/dist/<id>/`."""
    project = copy_course_project(tmp_path_factory.mktemp("composed") / "project")
    result = subprocess.run(
        [sys.executable, "-m", "build_tools", "--root", str(project), "course", "build", COMPOSED_COURSE_ID],
        capture_output=True, text=True, timeout=900, env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return project
