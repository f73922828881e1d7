"""Browser fixtures: one headless Chromium per session, and the built fixture site over HTTP.

These tests never skip: Playwright cannot download a browser here, so they drive Debian's chromium
at /usr/bin/chromium (`make chromium` installs it). If it is missing, they fail and say so.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest

from build_tools.packing import FOLDER, pack_site
from build_tools.project import copy_project

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOST = "127.0.0.1"


@pytest.fixture(scope="session")
def browser():
    """Chromium, launched once for the whole session."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"{CHROMIUM} not found: the browser tests need Debian's chromium. Install it with "
            "`make chromium` (apt-get install chromium).",
            pytrace=False,
        )
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        except Error as error:
            pytest.fail(f"could not launch {CHROMIUM}: {error}", pytrace=False)
        yield browser
        browser.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the name is the base class's
        pass


def bind_server(folder: Path) -> ThreadingHTTPServer:
    """A server for `folder` on 127.0.0.1 and a free port, bound but not yet serving."""
    return ThreadingHTTPServer((LOCAL_HOST, 0), functools.partial(_QuietHandler, directory=str(folder)))


def server_url(server: ThreadingHTTPServer) -> str:
    return f"http://{LOCAL_HOST}:{server.server_address[1]}/"


@contextlib.contextmanager
def serving(server: ThreadingHTTPServer) -> Iterator[str]:
    """Serve in a thread until the block ends, then stop the server by its own handle."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server_url(server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def served_site(site_build) -> Iterator[str]:
    """The built fixture site on http://127.0.0.1:<free port>/, stopped at the end of the session."""
    with serving(bind_server(site_build.site)) as url:
        yield url


@pytest.fixture(scope="session")
def instant_site(tmp_path_factory, copy_fixture_site, run_mkdocs_build) -> Iterator[str]:
    """The fixture site built with `site_url` set to the address it is served at, as `mkdocs serve`
    and a deployed site do: Material's instant navigation needs the sitemap that `site_url` fills,
    and with `site_url: ""` (the fixture's and the project's setting) every link is a full page load.

    The server is bound first, so that the build knows its port; it serves the folder once built.
    """
    base = tmp_path_factory.mktemp("instant-site")
    server = bind_server(base / "site")
    url = server_url(server)
    project = copy_fixture_site(base / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert 'site_url: ""' in text
    config.write_text(text.replace('site_url: ""', f'site_url: "{url}"'), encoding="utf-8")
    build = run_mkdocs_build(project, base / "site")
    assert build.returncode == 0, f"mkdocs build with site_url failed:\n{build.output}"
    assert url in (base / "site" / "sitemap.xml").read_text(encoding="utf-8")
    with serving(server):
        yield url


@pytest.fixture(scope="session")
def bilingual_site(tmp_path_factory, bilingual_project, run_mkdocs_build) -> Iterator[Course]:
    """The fixture site in English (at /) and French (at /fr/), built with `site_url` set to the
    address it is served at, as a published site is (instant navigation and the sitemaps work)."""
    base = tmp_path_factory.mktemp("bilingual-site")
    server = bind_server(base / "site")
    url = server_url(server)
    project = bilingual_project(base / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace('site_url: ""', f'site_url: "{url}"'), "utf-8")
    build = run_mkdocs_build(project, base / "site")
    assert build.returncode == 0, f"mkdocs build of the bilingual site failed:\n{build.output}"
    with serving(server):
        yield Course(base / "site", url)


@pytest.fixture(scope="session")
def bilingual_unaddressed(bilingual_build) -> Iterator[Course]:
    """The bilingual fixture site as the project builds it, with `site_url: ""` (no address set)."""
    assert bilingual_build.returncode == 0, f"mkdocs build of the bilingual site failed:\n{bilingual_build.output}"
    with serving(bind_server(bilingual_build.site)) as url:
        yield Course(bilingual_build.site, url)


@dataclass
class PageProblems:
    """What went wrong while a page was open: console errors, uncaught errors, foreign requests."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def assert_none(self) -> None:
        problems = {name: value for name, value in vars(self).items() if value}
        assert not problems, f"problems while the page was open: {problems}"


def watch(page) -> PageProblems:
    """Record console errors, page errors, requests to any host but 127.0.0.1, and HTTP errors."""
    problems = PageProblems()
    page.on(
        "console", lambda m: problems.console_errors.append(f"{m.text} @ {m.location}") if m.type == "error" else None
    )
    page.on("pageerror", lambda error: problems.page_errors.append(str(error)))

    def on_request(request):
        url = urlparse(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.hostname != LOCAL_HOST:
            problems.foreign_requests.append(request.url)

    page.on("request", on_request)
    page.on("response", lambda r: problems.failed_responses.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return problems


@pytest.fixture
def context(browser):
    """A fresh browser context (no shared storage between tests); the browser itself is reused."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def sized_page(browser):
    """`sized_page(width, scheme="light") -> page` in a fresh context that many px wide (800 high),
    closed after the test."""
    contexts = []

    def open_page(width: int, scheme: str = "light"):
        context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@dataclass
class Tab:
    """A page with the problems recorded while it was open."""

    page: object
    problems: PageProblems


@pytest.fixture
def tab(context) -> Tab:
    """A new page in a fresh context, watched from before its first navigation."""
    page = context.new_page()
    return Tab(page, watch(page))


@pytest.fixture(scope="session")
def watch_page():
    """`watch_page(page) -> PageProblems`, for tests that open their own pages."""
    return watch


@pytest.fixture(scope="session")
def offline_site_dir(offline_build, tmp_path_factory) -> Path:
    """The offline edition as a reader gets it: packed into its zip (what `pack_site` leaves out is
    gone), then unpacked; the folder to open `index.html` from."""
    assert offline_build.returncode == 0, offline_build.output
    unpacked = tmp_path_factory.mktemp("offline-zip")
    pack_site(offline_build.site, unpacked / "edition.zip")
    with zipfile.ZipFile(unpacked / "edition.zip") as archive:
        archive.extractall(unpacked)
    return unpacked / FOLDER


# --- the real course, as learners get it -------------------------------------------------------


@dataclass(frozen=True)
class Course:
    """A build of the course: its folder, and the address its home page opens at."""

    site: Path
    url: str

    def pages(self) -> list[str]:
        """The address of every HTML page, relative to `url`, as a reader would open it."""
        directory_urls = not self.url.startswith("file:")
        found = []
        for path in sorted(self.site.rglob("*.html")):
            relative = path.relative_to(self.site).as_posix()
            if directory_urls and relative.endswith("index.html"):
                relative = relative[: -len("index.html")]
            found.append(relative)
        return found


def copy_course(dest: Path) -> Path:
    """A private copy of the project's own course (config, pages, modules, quizzes, glossary)."""
    return copy_project(Path(__file__).resolve().parents[2], dest)


@pytest.fixture(scope="session")
def course_instant(tmp_path_factory, run_mkdocs_build) -> Iterator[Course]:
    """The project's course, built with `site_url` set to the address it is served at (so that
    instant navigation works, as on a published site and under `mkdocs serve`), with its handouts."""
    base = tmp_path_factory.mktemp("course-instant")
    server = bind_server(base / "site")
    url = server_url(server)
    project = copy_course(base / "project")
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_url:.*$", f'site_url: "{url}"', config.read_text("utf-8")), "utf-8")
    build = run_mkdocs_build(project, base / "site")
    assert build.returncode == 0, f"mkdocs build of the course failed:\n{build.output}"
    with serving(server):
        yield Course(base / "site", url)


@pytest.fixture(scope="session")
def course_offline(tmp_path_factory, run_mkdocs_build) -> Course:
    """The project's course, offline edition (opened from file://)."""
    base = tmp_path_factory.mktemp("course-offline")
    build = run_mkdocs_build(copy_course(base / "project"), base / "site", offline="true")
    assert build.returncode == 0, f"offline build of the course failed:\n{build.output}"
    return Course(base / "site", (base / "site").as_uri() + "/")
