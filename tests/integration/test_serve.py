"""The preview (`mkdocs serve`) while a trainer edits: broken content never stops it.

`mkdocs serve` runs as a subprocess on a free loopback port, on a copy of the fixture site (handouts
off, for speed). A file is broken while it runs: the pages are still served, with the problem list
at the top of each (escaped), and the full list is printed on every failed rebuild; once the file is
fixed, the list goes away. Waits poll with generous timeouts; nothing is timed.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from markupsafe import escape

LOCAL_HOST = "127.0.0.1"
BANNER = 'id="content-problems"'
WAIT = 120  # seconds: a generous bound for a (re)build on a busy machine, never a timing assertion
TYPO = "modules/sample.yml:6: minutes: expected a whole number, got text ('five')"
KIND = (
    "quizzes/sample-post.yml:3: kind: '<b>quick</b>' is not allowed; "
    "expected 'diagnostic', 'self-check', 'post' or 'survey'"
)


def shown(problem: str) -> str:
    """The message of a problem line as the banner shows it, escaped."""
    return str(escape(problem.split(": ", 2)[2]))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOCAL_HOST, 0))
        return probe.getsockname()[1]


class Preview:
    """A running `mkdocs serve` and its terminal output."""

    def __init__(self, project: Path, log: Path):
        self.project, self.log = project, log
        self.url = f"http://{LOCAL_HOST}:{free_port()}/"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NO_COLOR="1")
        env.pop("OFFLINE", None)
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", self.url[7:-1]],
                cwd=project,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def get(self, path: str = "") -> tuple[int, str]:
        """Status and text of a page; (0, reason) while the server does not answer."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, ""
        except OSError as error:
            return 0, str(error)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, what: str, condition: Callable[[], bool]) -> None:
        deadline = time.monotonic() + WAIT
        while not condition():
            assert self.process.poll() is None, f"mkdocs serve stopped while waiting for {what}:\n{self.output()}"
            assert time.monotonic() < deadline, f"no {what} within {WAIT} s:\n{self.output()}"
            time.sleep(0.25)

    def wait_for_page(self, what: str, path: str, test: Callable[[str], bool]) -> str:
        found: list[str] = []

        def served() -> bool:
            status, text = self.get(path)
            found[:] = [text]
            return status == 200 and test(text)

        self.wait_for(what, served)
        return found[0]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def preview_project(tmp_path, copy_fixture_site) -> Path:
    project = copy_fixture_site(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - mediation " in text
    config.write_text(text.replace("  - mediation ", "  - mediation:\n      handouts: false\n  #"), encoding="utf-8")
    return project


@pytest.fixture
def start_preview(tmp_path) -> Iterator[Callable[[Path], Preview]]:
    started: list[Preview] = []

    def start(project: Path) -> Preview:
        preview = Preview(project, tmp_path / f"serve-{len(started)}.log")
        started.append(preview)
        return preview

    yield start
    for preview in started:
        preview.stop()


def edit(path: Path, old: str, new: str) -> str:
    """Replace text in a file (it must be there); returns the file's text as it was."""
    before = path.read_text(encoding="utf-8")
    assert old in before
    path.write_text(before.replace(old, new, 1), encoding="utf-8")
    return before


def test_broken_content_keeps_the_preview_serving_with_the_problems_shown(preview_project, start_preview):
    preview = start_preview(preview_project)
    home = preview.wait_for_page("first build", "", lambda text: "A sample module" in text)
    assert BANNER not in home

    # Two mistakes in two files: pages are still served, from the last good content, with both shown.
    module = preview_project / "modules" / "sample.yml"
    quiz = preview_project / "quizzes" / "sample-post.yml"
    module_text = edit(module, "minutes: 5\n", "minutes: five\n")
    quiz_text = edit(quiz, "kind: post\n", "kind: <b>quick</b>\n")
    page = preview.wait_for_page("the problem list", "", lambda text: shown(KIND) in text)
    assert shown(TYPO) in page
    assert "<b>quick</b>" not in page  # the author's text is escaped in the banner
    assert "A sample module" in page  # the last good content: the module is still listed
    for path in ("modules/sample/", "quizzes/sample-check/", "progress/"):
        status, text = preview.get(path)
        assert status == 200, path
        assert BANNER in text, path
    banner = page[page.index(BANNER) : page.index("</aside>")]
    assert "modules/sample.yml:6" in banner and "<strong>minutes</strong>" in banner
    assert "quizzes/sample-post.yml:3" in banner

    # The terminal has the full list, again on a second save with the same mistakes.
    preview.wait_for("the problems in the terminal", lambda: TYPO in preview.output())
    module.write_text(module.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    preview.wait_for("the problems printed again", lambda: preview.output().count(TYPO) >= 2)
    assert preview.output().count(KIND) >= 2
    assert "Aborted with a BuildError" not in preview.output()

    # Fixed: the list goes away, and the changed content shows.
    module.write_text(module_text.replace("A sample module", "A fixed module", 1), encoding="utf-8")
    quiz.write_text(quiz_text, encoding="utf-8")
    fixed = preview.wait_for_page("the fixed page", "", lambda text: BANNER not in text and "A fixed module" in text)
    assert "A sample module" not in fixed


def test_a_preview_started_on_broken_content_serves_the_problems(preview_project, start_preview):
    module = preview_project / "modules" / "sample.yml"
    good = edit(module, "minutes: 5\n", "minutes: five\n")
    preview = start_preview(preview_project)
    page = preview.wait_for_page("the problem list", "", lambda text: BANNER in text)
    assert shown(TYPO) in page
    assert "A sample module" not in page  # no good content yet: no modules
    module.write_text(good, encoding="utf-8")
    preview.wait_for_page("the fixed page", "", lambda text: BANNER not in text and "A sample module" in text)


# --- handouts during a preview ----------------------------------------------------------------------

BACKGROUND = "Handouts: the workbook is rendered in the background"
READY = "Handouts: the workbook rendered in the background is ready"


def test_an_edited_module_is_served_before_the_workbook_is_rendered_again(tmp_path, copy_fixture_site, start_preview):
    """With handouts on, an edit re-renders the module's own PDF at once; the workbook, which holds
    every module, renders after the pages are written, and the next rebuild serves it."""
    project = copy_fixture_site(tmp_path / "project")
    preview = start_preview(project)
    preview.wait_for_page("first build", "downloads/", lambda text: "workbook.pdf" in text)
    first_module_pdf = fetch(preview, "downloads/sample.pdf")
    assert BACKGROUND not in preview.output(), "the first build has no workbook to show meanwhile: it renders it"
    first_workbook = fetch(preview, "downloads/workbook.pdf")
    assert first_workbook.startswith(b"%PDF")

    edit(project / "modules" / "sample.yml", "title: A sample module", "title: An edited module")
    preview.wait_for_page("the edited page", "modules/sample/", lambda text: "An edited module" in text)
    preview.wait_for("the workbook's background rendering", lambda: READY in preview.output())
    log = preview.output()
    edited_build = log.index(BACKGROUND)
    assert log.rindex("Documentation built", 0, edited_build) < edited_build < log.index(READY), (
        "the workbook was rendered before the edited pages were written"
    )
    module_pdf = fetch(preview, "downloads/sample.pdf")  # the module's own PDF: rendered within the build
    assert b"An edited module" in module_pdf or module_pdf != first_module_pdf

    # The next rebuild serves the new workbook, from the cache: nothing is rendered in the background.
    edit(project / "docs" / "index.md", "# ", "# Home: ")
    preview.wait_for_page("the rebuilt home", "", lambda text: "Home: " in text)
    assert preview.output().count(BACKGROUND) == 1
    assert fetch(preview, "downloads/workbook.pdf") != first_workbook


def fetch(preview: Preview, path: str) -> bytes:
    with urllib.request.urlopen(preview.url + path, timeout=30) as response:
        return response.read()
