"""The hostile course in Chromium (issue 9): no author text may open a dialog, whatever the learner does.

Every page of the built hostile course (tests/fixtures/hostile, see tests/integration/test_hostile_content.py)
is opened with a dialog handler: any alert, confirm or prompt is a failure. On each page every element
with a tooltip, every glossary term and every navigation title is hovered and focused; every link is
followed (clicked, so that a javascript: link would run); every quiz is answered, checked, submitted
and reloaded. Requests to other hosts are aborted, so following an outside link loads nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urljoin, urlparse

import pytest
from conftest import LOCAL_HOST, bind_server, serving
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

HOVERED = "abbr, [title], .md-ellipsis, .md-nav__link, a, summary, label"


@pytest.fixture(scope="module")
def hostile_site(hostile_build) -> Iterator[str]:
    with serving(bind_server(hostile_build.site)) as url:
        yield url


@pytest.fixture(scope="module")
def page_urls(hostile_build, hostile_site) -> list[str]:
    """Every built page, by its address."""
    pages = []
    for path in sorted(hostile_build.site.rglob("*.html")):
        relative = path.relative_to(hostile_build.site).as_posix()
        pages.append(hostile_site + relative.removesuffix("index.html"))
    assert len(pages) >= 6
    return pages


class Dialogs:
    """Every dialog opened in a browser context, and every uncaught script error, with the page it came from."""

    def __init__(self, context):
        self.seen: list[str] = []
        self.errors: list[str] = []
        context.on("page", self.watch)
        context.route("**/*", self._local_only)

    def watch(self, page) -> None:
        page.on("dialog", lambda dialog: self._dismiss(page, dialog))
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))

    def _dismiss(self, page, dialog) -> None:
        self.seen.append(f"{dialog.type} {dialog.message!r} on {page.url}")
        dialog.dismiss()

    @staticmethod
    def _local_only(route) -> None:
        url = urlparse(route.request.url)
        if url.scheme in ("http", "https") and url.hostname != LOCAL_HOST:
            route.abort()
        else:
            route.continue_()


@pytest.fixture
def dialogs(context) -> Dialogs:
    return Dialogs(context)


def _open(context, url: str, settle: bool = True):
    """A new page at `url`, loaded (and, with `settle`, with Material's start-up work done)."""
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    if settle:
        page.wait_for_load_state("networkidle")
    return page


def test_a_dialog_is_seen_when_script_runs(context, dialogs, hostile_site):
    """The handler works: without it, every other test here would pass vacuously."""
    page = _open(context, hostile_site)
    page.evaluate("window.alert('canary')")
    assert dialogs.seen == [f"alert 'canary' on {hostile_site}"]


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 412, "height": 900}])
def test_hovering_and_focusing_everything_opens_no_dialog(browser, hostile_site, page_urls, viewport):
    context = browser.new_context(viewport=viewport)
    try:
        dialogs = Dialogs(context)
        for url in page_urls:
            page = _open(context, url)
            # Synthetic events reach every element, hidden or not; real hovers then reach the visible ones.
            page.evaluate(
                """selector => { for (const el of document.querySelectorAll(selector)) {
                    const types = ["pointerover", "pointerenter", "mouseover", "mouseenter", "focusin", "touchstart"];
                    for (const type of types)
                        el.dispatchEvent(new Event(type, {bubbles: type.endsWith("over") || type === "focusin"}));
                    if (el.focus) el.focus();
                } }""",
                HOVERED,
            )
            hovered = [
                element for element in page.locator("abbr, .md-ellipsis, [title]").all() if _hovered(element, viewport)
            ]
            if url.endswith("/modules/hostile/"):
                _assert_a_glossary_tooltip_shows(page, viewport)
            assert hovered, f"{url}: nothing could be hovered"
            assert dialogs.seen == [], f"{url}: {dialogs.seen}"
            page.close()
        assert dialogs.errors == []
    finally:
        context.close()


def _assert_a_glossary_tooltip_shows(page, viewport: dict) -> None:
    """Proof that the hovers are real: hovering a glossary term shows Material's tooltip, after a
    short delay that the test waits out."""
    assert any(_hovered(term, viewport) for term in page.locator("abbr").all()), "no glossary term to hover"
    expect(page.locator(".md-tooltip2")).not_to_have_count(0)


def _hovered(element, viewport: dict) -> bool:
    """Hover the element if it is visible and inside the viewport once scrolled to (not in a closed
    drawer beside it). Scrolling may hide it: Material swaps the header's site title for the page's
    title once the page scrolls, and no reader can hover what is hidden, so neither do we."""
    try:
        if not element.is_visible():
            return False
        element.scroll_into_view_if_needed(timeout=2000)
        if not _in_viewport(element, viewport):
            return False
        element.hover(timeout=2000, force=True)
        return True
    except PlaywrightError as error:  # out of sight meanwhile: the header's title swapped, clipped by its box
        if "outside of the viewport" in str(error) or not _in_viewport(element, viewport):
            return False
        raise


def _in_viewport(element, viewport: dict) -> bool:
    box = element.bounding_box() if element.is_visible() else None
    return bool(box and 0 <= box["x"] < viewport["width"] and 0 <= box["y"] < viewport["height"])


def test_following_every_link_opens_no_dialog(context, dialogs, hostile_site, page_urls):
    followed: set[str] = set()
    for url in page_urls:
        page = _open(context, url)
        links = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
        page.close()
        for index, href in enumerate(links):
            target = urljoin(url, href)
            if target in followed:
                continue
            followed.add(target)
            page = _open(context, url, settle=False)
            page.eval_on_selector_all("a[href]", "(links, index) => links[index].click()", index)
            page.wait_for_load_state("load")
            assert dialogs.seen == [], f"following {href!r} on {url}: {dialogs.seen}"
            page.close()
    assert len(followed) > 20
    assert any(urlparse(target).hostname == "ipu.org" for target in followed), "the author's links were not followed"
    assert dialogs.seen == [] and dialogs.errors == []


def _answer_everything(page) -> None:
    """Choose, fill and type in every control of every quiz, then press every button the engine added."""
    page.evaluate(
        """() => {
            const choices = "form.quiz input[type=radio], form.quiz input[type=checkbox]";
            for (const input of document.querySelectorAll(choices)) input.click();
            for (const input of document.querySelectorAll("form.quiz input[type=number]")) {
                input.value = "1"; input.dispatchEvent(new Event("input", {bubbles: true}));
                input.dispatchEvent(new Event("change", {bubbles: true}));
            }
            for (const select of document.querySelectorAll("form.quiz select")) {
                select.selectedIndex = select.options.length - 1;
                select.dispatchEvent(new Event("change", {bubbles: true}));
            }
            for (const area of document.querySelectorAll("form.quiz textarea")) {
                area.value = "<img src=x onerror=alert(1)>"; area.dispatchEvent(new Event("input", {bubbles: true}));
            }
            for (const details of document.querySelectorAll("form.quiz details")) details.open = true;
        }"""
    )
    for action in ("check", "up", "down", "submit"):
        for button in page.locator(f"form.quiz button[data-action='{action}']").all():
            if button.is_visible() and button.is_enabled():
                button.click()


def test_answering_every_quiz_opens_no_dialog(context, dialogs, page_urls):
    quizzes = [url for url in page_urls if "/quizzes/" in url]
    assert quizzes
    for url in quizzes:
        page = _open(context, url)
        page.locator("form.quiz--enhanced").first.wait_for(state="attached")
        _answer_everything(page)
        assert (
            page.locator(".quiz-result, .quiz-summary, [data-quiz-result]").count()
            + page.locator("form.quiz [aria-live]").count()
            > 0
        )
        page.reload()
        page.wait_for_load_state("networkidle")
        _answer_everything(page)
        assert dialogs.seen == [], f"{url}: {dialogs.seen}"
        page.close()
    assert dialogs.seen == [] and dialogs.errors == []


def test_every_page_was_opened(page_urls):
    names = {urlparse(url).path for url in page_urls}
    assert {"/", "/modules/hostile/", "/quizzes/hostile-check/", "/glossary/", "/progress/"} <= names
