"""`python -m build_tools course new|build <id>`: start a course file, and build a course into dist/<id>/.

The site itself is built by mkdocs in a subprocess (COURSE=<id>), as `make build` builds it: the
core never imports mkdocs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..handouts.build import build_handouts, terminal_progress
from ..handouts.documents import HandoutOptions, public_address
from ..handouts.session_plan import NAME as SESSION_PLAN_PDF
from ..handouts.session_plan import session_plan_pdf
from ..i18n import translate_content
from ..i18n.editions import folder_of, is_translated
from ..loader import load_content
from ..packing import pack_site
from ..problems import ContentError
from ..rendering import load_strings
from .branding import course_texts, session_in
from .load import (
    COURSE_VARIABLE,
    COURSES,
    DEFAULT_COURSE,
    LoadedCourse,
    course_file,
    handout_cache,
    load_course_content,
)
from .model import ASSESSMENT_QUIZ_IDS, Course
from .session_plan import plan_session

SCAFFOLDS = Path(__file__).parent.parent / "templates" / "scaffolds"
DIST = Path("dist")
OFFLINE_ZIP_VARIABLE = "OFFLINE_ZIP"
"""Where the site build finds the offline edition's zip to publish under downloads/."""


class CourseCommandError(Exception):
    """The command cannot go on; the message says why, for the person who asked."""


def new_course(root: Path, course_id: str) -> Path:
    """Write `courses/<id>.yml`, commented, started from the default course (or, without one, from
    every module in order), so that it passes `check` as written."""
    target = course_file(root, course_id)
    if target.exists():
        raise CourseCommandError(f"{COURSES}/{course_id}.yml already exists; choose another id")
    source = course_file(root, DEFAULT_COURSE)
    if source.is_file():
        base = load_course_content(root, DEFAULT_COURSE).course
    else:
        content = load_content(root)
        quizzes = set(content.quizzes)
        assessments = [name for name, quiz_id in ASSESSMENT_QUIZ_IDS.items() if quiz_id in quizzes]
        base = Course.model_validate(
            {"id": course_id, "title": "A new course", "organisation": "Your organisation",
             "modules": [m.id for m in content.modules], "assessments": assessments}
        )  # fmt: skip
    text = _render_course(course_id, base, source.stem if source.is_file() else "all modules")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def _render_course(course_id: str, base: Course, source: str) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(SCAFFOLDS),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    session = base.session
    return env.get_template("course.yml.j2").render(
        source=source,
        id=course_id,
        title=_quoted(base.title),
        subtitle=_quoted(base.subtitle or base.title),
        organisation=_quoted(base.organisation),
        languages=base.languages,
        translations={
            language: {
                name: _quoted(text) for name, text in texts.model_dump(exclude_none=True, exclude_defaults=True).items()
            }
            for language, texts in base.translations.items()
        },
        modules=base.modules,
        assessments=base.assessments,
        pass_mark=base.pass_mark,
        primary=base.branding.primary,
        accent=base.branding.accent,
        footer=_quoted(base.branding.footer or base.organisation),
        site_url=_quoted(base.site_url),
        date=session.date if session and session.date else "2025-04-08",
        start=_quoted(session.start if session else "09:00"),
        minutes=session.minutes if session else 90,
    )


def _quoted(text: str) -> str:
    """A YAML double-quoted string (JSON's rules are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


@dataclass(frozen=True)
class CourseOutputs:
    """Where `course build` puts a course: all under `dist/<id>/`."""

    folder: Path

    @property
    def site(self) -> Path:
        """The site to publish, with the learners' handouts and the offline zip under downloads/."""
        return self.folder / "site"

    @property
    def offline_zip(self) -> Path:
        return self.folder / "offline-edition.zip"

    @property
    def offline_site(self) -> Path:
        return self.folder / ".offline-site"

    @property
    def trainer(self) -> Path:
        """The trainer edition's PDF and the session plan: beside the site, never in it."""
        return self.folder / "trainer"


def build_course(root: Path, course_id: str, out: Path | None = None, log=print) -> CourseOutputs:
    """The offline edition (zipped), the site with its handouts and that zip, and the trainer edition.

    Raises:
        ContentError: the course or its content has problems (nothing is built).
        CourseCommandError: mkdocs failed; the message holds its output.
    """
    loaded = load_course_content(root, course_id)
    outputs = CourseOutputs(out or root / DIST / course_id)
    outputs.folder.mkdir(parents=True, exist_ok=True)
    log(f"{course_id}: the offline edition")
    _mkdocs(root, course_id, outputs.offline_site, {"OFFLINE": "true"})
    count = pack_site(outputs.offline_site, outputs.offline_zip)
    shutil.rmtree(outputs.offline_site)
    log(f"wrote {outputs.offline_zip} ({count} files)")
    log(f"{course_id}: the site, its handouts and workbook")
    _mkdocs(root, course_id, outputs.site, {"OFFLINE": "false", OFFLINE_ZIP_VARIABLE: str(outputs.offline_zip)})
    log(f"wrote {outputs.site}/ (handouts in {outputs.site}/downloads/)")
    for language in loaded.course.languages:  # the first in trainer/, each other in trainer/<language>/
        _trainer_edition(root, loaded, language, outputs.trainer, log)
    return outputs


def _trainer_edition(root: Path, loaded: LoadedCourse, language: str, trainer: Path, log) -> None:
    """The trainer edition's PDF and the session plan in one of the course's languages."""
    course = loaded.course
    folder_name = folder_of(course.languages, language)
    content = loaded.content
    if is_translated(language):  # complete: the strict site build above refused a missing translation
        content, problems = translate_content(content, root, language, strict=True)
        if any(problem.severity == "error" for problem in problems):
            raise ContentError(problems)
    options = HandoutOptions(
        site_url=public_address(course.site_url),
        title=course_texts(course, language).title,
        language=language,
        folder=folder_name,
        strings_root=root if is_translated(language) else None,
    )
    handouts = build_handouts(
        content, options, cache=handout_cache(root, course), progress=terminal_progress, edition="trainer"
    )
    folder = trainer / folder_name
    folder.mkdir(parents=True, exist_ok=True)
    for handout in handouts:
        (folder / handout.name).write_bytes(handout.pdf)
        log(f"wrote {folder / handout.name}")
    if course.session:  # the session plan, beside the trainer edition
        default = load_strings(language, options.strings_root)["trainer"]["plan_break"]
        plan = plan_session(content, session_in(course, language, default))  # its breaks named in this language
        (folder / SESSION_PLAN_PDF).write_bytes(session_plan_pdf(plan, options))
        log(f"wrote {folder / SESSION_PLAN_PDF}")


def _mkdocs(root: Path, course_id: str, site: Path, extra: dict[str, str]) -> None:
    env = {**os.environ, COURSE_VARIABLE: course_id, "NO_MKDOCS_2_WARNING": "1", **extra}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site.resolve())],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise CourseCommandError(f"mkdocs could not build {course_id}:\n{result.stdout}{result.stderr}")
