"""The handouts in the built site, and the offline edition opened from file:// with no network.

The online part reads the session build of the fixture site (fixture `site_build`): the PDFs under
downloads/, the Downloads page with their sizes, each module page's link to its PDF. The offline
part packs the session's OFFLINE=true build (fixture `offline_build`) with the project's own
`pack_site`, unzips it into a fresh folder and, in headless Chromium with every http(s) request
aborted, clicks through it as a reader on a plane would: home, module, search, quiz, progress.
"""

from __future__ import annotations

import os
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse

import pikepdf
import pypdf
import pytest
import yaml

from build_tools.packing import FOLDER, pack_site, unused_files
from build_tools.rendering import human_size, load_strings

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_SITE = ROOT / "tests" / "fixtures" / "site"
PDFS = ["sample.pdf", "workbook.pdf"]  # the learners' handouts; the trainer edition is never published
S = load_strings("en")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# --- links in a page ------------------------------------------------------------------------------


@dataclass
class Link:
    href: str
    text: str
    item: str = ""
    """The text of the list item the link is in, if any."""


class _Links(HTMLParser):
    """Every <a href> of a page's <article>, with its text and the text of its <li>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self._open: list[Link] = []
        self._items: list[list[str]] = []
        self._item_links: list[list[Link]] = []
        self._article = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self._article += 1
        if not self._article:
            return
        if tag == "li":
            self._items.append([])
            self._item_links.append([])
        if tag == "a" and "href" in attrs:
            link = Link(attrs["href"] or "", "")
            self.links.append(link)
            self._open.append(link)
            if self._item_links:
                self._item_links[-1].append(link)

    def handle_endtag(self, tag):
        if tag == "article":
            self._article -= 1
        if tag == "a" and self._open:
            self._open.pop()
        if tag == "li" and self._items:
            text = " ".join("".join(self._items.pop()).split())
            for link in self._item_links.pop():
                link.item = text
            if self._items:
                self._items[-1].append(text)

    def handle_data(self, data):
        for link in self._open:
            link.text += data
        if self._items:
            self._items[-1].append(data)


def links_in(page: Path) -> list[Link]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    for link in parser.links:
        link.text = " ".join(link.text.split())
    return parser.links


def resolve(site: Path, page: Path, href: str) -> Path:
    """The file a relative link of `page` points to, as a web server (or file://) would find it."""
    base = "http://site.invalid/" + page.relative_to(site).as_posix()
    target = urlparse(urljoin(base, urldefrag(href)[0])).path
    path = site / unquote(target).lstrip("/")
    return path / "index.html" if target.endswith("/") else path


# --- the online site ------------------------------------------------------------------------------


def test_downloads_folder_has_every_module_pdf_and_the_workbook(site_build):
    downloads = site_build.site / "downloads"
    modules = sorted(p.stem for p in (FIXTURE_SITE / "modules").glob("*.yml"))
    assert modules == ["sample"]
    for name in PDFS:
        data = (downloads / name).read_bytes()
        assert data.startswith(b"%PDF-"), name
        with pikepdf.open(downloads / name) as pdf:
            assert len(pdf.pages) > 0 and "/StructTreeRoot" in pdf.Root
    assert (downloads / "index.html").is_file(), "no Downloads page"


def test_learner_downloads_have_no_trainer_edition(site_build):
    """The trainer edition holds every answer key: it is built beside the site (`make trainer`)."""
    assert not list(site_build.site.rglob("trainer-edition*")), "the trainer edition is published"
    page = (site_build.site / "downloads" / "index.html").read_text(encoding="utf-8")
    assert "trainer-edition" not in page and "Trainer edition" not in page


def test_downloads_page_lists_every_file_with_its_size(site_build):
    site = site_build.site
    page = site / "downloads" / "index.html"
    links = {link.href: link for link in links_in(page) if link.href.endswith((".pdf", ".zip"))}
    assert sorted(links) == sorted(PDFS)
    for href, link in links.items():
        target = resolve(site, page, href)
        assert target.is_file(), f"{href} on the Downloads page points to nothing"
        size = human_size(target.stat().st_size)
        assert f"(PDF, {size})" in link.item, f"{href}: the page says '{link.item}', the file is {size}"
    assert links["sample.pdf"].text == "Module 1: A sample module"
    assert links["workbook.pdf"].text == S["downloads_workbook"]
    assert "offline-edition.zip" not in links, "the fixture site publishes no zip"


def test_downloads_page_is_in_the_navigation(site_build):
    home = site_build.site / "index.html"
    html = home.read_text(encoding="utf-8")
    assert re.search(
        r'<a href="downloads/" class="md-nav__link">\s*<span class="md-ellipsis">\s*Downloads\s*</span>', html
    ), "no Downloads entry in the navigation"


def test_module_page_links_its_pdf_with_its_size(site_build):
    site = site_build.site
    page = site / "modules" / "sample" / "index.html"
    [link] = [link for link in links_in(page) if link.href.endswith(".pdf")]
    assert link.text == S["download_module"]
    target = resolve(site, page, link.href)
    assert target == site / "downloads" / "sample.pdf"
    assert target.is_file()
    html = page.read_text(encoding="utf-8")
    assert f"(PDF, {human_size(target.stat().st_size)})" in html


@pytest.mark.parametrize(
    ("build", "page"), [("site_build", "quizzes/sample-check/"), ("offline_build", "quizzes/sample-check.html")]
)
def test_the_pdfs_quiz_link_opens_the_quiz_page_of_the_same_site(request, build, page):
    """With no site_url (the fixture's setting) the link is relative to downloads/: it must resolve."""
    site = request.getfixturevalue(build).site
    with pikepdf.open(site / "downloads" / "sample.pdf") as pdf:
        uris = [str(a.A.URI) for p in pdf.pages for a in p.obj.get("/Annots", []) if "/A" in a and "/URI" in a.A]
    quiz_links = [u for u in uris if "quizzes/" in u]
    assert quiz_links == [f"../{page}"]
    target = resolve(site, site / "downloads" / "sample.pdf", quiz_links[0])
    assert target.is_file(), f"{quiz_links[0]} from downloads/sample.pdf points to nothing"


def test_handouts_setting_off_builds_no_pdfs(tmp_path, copy_fixture_site, run_mkdocs_build):
    project = copy_fixture_site(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - mediation " in text
    config.write_text(re.sub(r"  - mediation .*\n", "  - mediation:\n      handouts: false\n", text), encoding="utf-8")
    build = run_mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    assert not (tmp_path / "site" / "downloads").exists()
    module_page = (tmp_path / "site" / "modules" / "sample" / "index.html").read_text(encoding="utf-8")
    assert ".pdf" not in module_page
    assert 'href="downloads/"' not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def offering_zip(project: Path, offline_site: Path, settings: str = "") -> Path:
    """As `make build` does: the project's plugin set to offer `.cache/offline-edition.zip` (with
    these other settings), then the offline edition packed there (after every file it is made from)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    offered = f"  - mediation:\n{settings}      offline_zip: .cache/offline-edition.zip\n"
    config.write_text(re.sub(r"  - mediation .*\n", offered, text), encoding="utf-8")
    zipped = project / ".cache" / "offline-edition.zip"
    pack_site(offline_site, zipped)
    return zipped


def test_the_offline_zip_is_published_on_the_downloads_page(
    tmp_path, offline_build, copy_fixture_site, run_mkdocs_build
):
    """As `make build` does: the packed edition named in `offline_zip` becomes downloads/offline-edition.zip."""
    project = copy_fixture_site(tmp_path / "project")
    zipped = offering_zip(project, offline_build.site)
    build = run_mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    published = tmp_path / "site" / "downloads" / "offline-edition.zip"
    assert published.read_bytes() == zipped.read_bytes()
    page = tmp_path / "site" / "downloads" / "index.html"
    [link] = [link for link in links_in(page) if link.href.endswith(".zip")]
    assert link.text == S["downloads_offline"]
    assert S["downloads_intro"] in page.read_text(encoding="utf-8"), "the USB stick is promised where the zip is"
    assert f"(zip, {human_size(published.stat().st_size)})" in link.item


def test_a_zip_older_than_the_content_is_never_offered_and_the_page_then_promises_no_usb_stick(
    tmp_path, offline_build, copy_fixture_site, run_mkdocs_build
):
    """`mkdocs build` after a module changed since `make offline`: the zip holds the old module."""
    project = copy_fixture_site(tmp_path / "project")
    zipped = offering_zip(project, offline_build.site)
    edited = zipped.stat().st_mtime + 10
    os.utime(project / "modules" / "sample.yml", (edited, edited))
    build = run_mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    assert not (tmp_path / "site" / "downloads" / "offline-edition.zip").exists()
    assert "is older than the files the site is built from" in build.output and "make offline" in build.output
    page = (tmp_path / "site" / "downloads" / "index.html").read_text(encoding="utf-8")
    assert S["downloads_intro_paper"] in page and S["downloads_intro"] not in page and "USB" not in page
    assert not [link for link in links_in(tmp_path / "site" / "downloads" / "index.html") if ".zip" in link.href]


def test_with_handouts_off_the_zip_alone_still_gets_a_downloads_page_in_the_navigation(
    tmp_path, offline_build, copy_fixture_site, run_mkdocs_build
):
    """A quick preview build (handouts off) beside a zip left by `make offline`: the strict build
    refuses a page missing from the navigation, so the Downloads page must be in it."""
    project = copy_fixture_site(tmp_path / "project")
    offering_zip(project, offline_build.site, "      handouts: false\n")
    build = run_mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    assert (tmp_path / "site" / "downloads" / "offline-edition.zip").is_file()
    assert not list((tmp_path / "site" / "downloads").glob("*.pdf"))
    assert 'href="downloads/"' in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_handouts_never_print_the_address_that_mkdocs_serve_sets(tmp_path, copy_fixture_site, run_mkdocs_build):
    project = copy_fixture_site(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('site_url: ""', 'site_url: "http://127.0.0.1:8000/"'), "utf-8"
    )
    build = run_mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    assert "Handouts print no web address or QR code" in build.output
    for pdf in (tmp_path / "site" / "downloads").glob("*.pdf"):
        with pikepdf.open(pdf) as document:
            uris = [str(a.A.URI) for p in document.pages for a in p.obj.get("/Annots", []) if "/A" in a]
        text = "".join("".join(page.extract_text().split()) for page in pypdf.PdfReader(pdf).pages)
        assert "127.0.0.1" not in text and not [u for u in uris if "127.0.0.1" in u], pdf.name


def test_the_offline_edition_says_where_its_handouts_point(offline_build):
    assert "Handouts of the offline edition point to its quiz pages" in offline_build.output
    assert "Handouts print no web address" not in offline_build.output


def test_downloads_page_names_the_file_to_open_in_the_offline_zip():
    assert f"open {FOLDER}/index.html" in S["downloads_offline"]


# --- the offline edition --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def unzipped(offline_build, tmp_path_factory) -> Path:
    """The offline edition as a reader gets it: packed by pack_site, then unzipped somewhere new."""
    zipped = tmp_path_factory.mktemp("offline-zip") / "offline-edition.zip"
    count = pack_site(offline_build.site, zipped)
    target = tmp_path_factory.mktemp("offline-unzipped")
    with zipfile.ZipFile(zipped) as archive:
        names = archive.namelist()
        assert count == len(names)
        assert all(name.startswith(FOLDER + "/") for name in names), "files outside the top folder"
        archive.extractall(target)
    return target / FOLDER


def test_offline_zip_holds_the_whole_site_and_its_pdfs(unzipped, offline_build):
    built = sorted(p.relative_to(offline_build.site).as_posix() for p in offline_build.site.rglob("*") if p.is_file())
    unpacked = sorted(p.relative_to(unzipped).as_posix() for p in unzipped.rglob("*") if p.is_file())
    assert [name for name in built if name.endswith(".map")], "the build has source maps to leave out"
    left_out = {"assets/javascripts/bundle", "search/search_index.json", "assets/javascripts/lunr/"}
    unread = sorted(p.relative_to(offline_build.site).as_posix() for p in unused_files(offline_build.site))
    assert unpacked == [name for name in built if name not in unread]
    assert all(name.endswith(".map") or name.startswith(tuple(left_out)) for name in unread), unread
    assert "search/search_index.json" in unread and "search/search_index.js" in unpacked, "two copies of the index"
    assert "assets/javascripts/lunr/min/lunr.de.min.js" in unread, "search languages the course does not use"
    assert not [name for name in unpacked if "/lunr/" in name], "the English site needs no lunr language file"
    assert not (unzipped / "404.html").exists(), "a 404 page, which nothing sends from file://"
    for name in [
        "index.html",
        "modules/sample.html",
        "quizzes/sample-check.html",
        "progress.html",
        "downloads/index.html",
    ]:
        assert (unzipped / name).is_file(), name
    for name in PDFS:
        assert (unzipped / "downloads" / name).read_bytes().startswith(b"%PDF-")
    assert (unzipped / "assets" / "javascripts" / "iframe-worker-shim.js").is_file(), "no local search shim"


def test_offline_zip_is_reproducible(offline_build, tmp_path):
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    pack_site(offline_build.site, first)
    pack_site(offline_build.site, second)
    assert first.read_bytes() == second.read_bytes()


@dataclass
class Visit:
    """What happened while the offline edition was open."""

    steps: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def _cut_short(request) -> bool:
    """A file that is there, whose loading the browser gave up as the reader moved on: Chromium fetches
    the favicon after the page has loaded, and a click to the next page aborts it. A missing file fails
    otherwise (`net::ERR_FILE_NOT_FOUND`)."""
    url = urlparse(request.url)
    return request.failure == "net::ERR_ABORTED" and url.scheme == "file" and Path(unquote(url.path)).is_file()


def _read_the_offline_edition(root: Path, question: dict) -> Visit:
    """The reader's walk through the unzipped edition, in a Chromium of its own (see the test)."""
    from playwright.sync_api import expect, sync_playwright

    visit = Visit()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.set_default_timeout(15_000)

            def no_network(route):
                if route.request.url.startswith(("http:", "https:")):
                    visit.blocked.append(route.request.url)
                    route.abort()
                else:
                    route.continue_()

            context.route("**/*", no_network)
            page = context.new_page()
            page.on("console", lambda m: visit.console_errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda error: visit.page_errors.append(str(error)))
            page.on("requestfailed", lambda r: None if _cut_short(r) else visit.failed.append(f"{r.url} {r.failure}"))

            page.goto((root / "index.html").as_uri())
            page.wait_for_load_state("load")
            assert page.url.startswith("file://")
            visit.steps.append("home")

            page.locator("article a[href$='modules/sample.html']").first.click()
            page.wait_for_url("**/modules/sample.html")
            expect(page.locator("article h1")).to_contain_text("A sample module")
            pdf = page.locator("article a[href$='.pdf']")
            expect(pdf).to_have_attribute("href", "../downloads/sample.pdf")
            visit.steps.append("module")

            page.locator("input.md-search__input").click()
            page.keyboard.type("chamber")
            results = page.locator(".md-search-result__item")
            expect(results.first).to_be_visible()
            expect(page.locator(".md-search-result__meta")).to_contain_text("1 matching document")
            expect(results.first).to_contain_text("walk-out in the chamber")
            visit.steps.append("search")
            results.first.locator("a").first.click()
            page.wait_for_url("**/modules/sample.html*")
            visit.steps.append("search result")

            page.locator("article a[href$='quizzes/sample-check.html']").first.click()
            page.wait_for_url("**/quizzes/sample-check.html")
            page.locator("form.quiz--enhanced[data-quiz-id='sample-check']").wait_for(state="attached")
            name = f"sample-check--{question['id']}"
            page.locator(f"label[for='{name}--{question['answer']}']").click()
            expect(page.locator(f"#{name}--{question['answer']}")).to_be_checked()
            check = page.locator(f"fieldset#{name} button[data-action='check']")
            if check.count():
                check.click()
            right = next(o for o in question["options"] if o["id"] == question["answer"])
            result = page.locator(f"fieldset#{name} .quiz-result")
            expect(result).to_be_visible()
            expect(result).to_contain_text(right["feedback"])
            visit.steps.append("quiz")

            page.goto((root / "progress.html").as_uri())
            page.wait_for_load_state("load")
            row = page.locator("article tr", has_text="Sample self-check")
            expect(row).not_to_contain_text("Not started")
            visit.steps.append("progress")
        finally:
            browser.close()
    return visit


@pytest.mark.browser
def test_offline_edition_works_from_file_with_the_network_blocked(unzipped):
    """Open the unzipped edition, click to a module, search, answer a quiz question, see progress.

    Chromium runs in a thread of its own: Playwright's sync API allows one instance per thread, and
    the browser tests' session-wide instance (tests/browser/conftest.py, whose fixtures this folder
    cannot see) may be open in the main thread already.
    """
    quiz = yaml.safe_load((FIXTURE_SITE / "quizzes" / "sample-check.yml").read_text(encoding="utf-8"))
    question = next(q for q in quiz["questions"] if q["type"] == "single")
    with ThreadPoolExecutor(max_workers=1) as pool:
        visit = pool.submit(_read_the_offline_edition, unzipped, question).result(timeout=240)
    assert visit.steps == ["home", "module", "search", "search result", "quiz", "progress"]
    assert visit.blocked == [], f"the offline edition asked the network for {visit.blocked}"
    assert visit.console_errors == [] and visit.page_errors == [], vars(visit)
    assert visit.failed == [], f"requests that failed: {visit.failed}"
