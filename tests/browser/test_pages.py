"""The built fixture site in headless Chromium: pages load cleanly, stay on 127.0.0.1, and work.

Fixtures (tests/conftest.py, tests/browser/conftest.py): `site_build` and `offline_build` are the
fixture site built once per session; `browser` is one Chromium per session; `served_site` is the
online build on an http.server bound to 127.0.0.1; `tab` is a page whose console errors, page
errors, requests to other hosts and HTTP errors are recorded from before it first loads.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

PAGES = {
    "home": ("", "Sample course"),
    "module": ("modules/sample/", "A sample module"),
    "quiz": ("quizzes/sample-check/", "Sample self-check"),
}


def _settle(page) -> None:
    """Wait until the page and Material's scripts have done their start-up work."""
    page.wait_for_load_state("load")
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_without_errors_or_foreign_requests(name, tab, served_site):
    path, title = PAGES[name]
    response = tab.page.goto(served_site + path)
    assert response is not None and response.ok, f"{path}: {response and response.status}"
    _settle(tab.page)
    assert tab.page.locator("article h1").first.inner_text().strip().rstrip("¶").strip() == title
    assert tab.page.locator("script#__config").count() == 1
    tab.problems.assert_none()


@pytest.fixture
def no_script_tab(browser, watch_page):
    """Like `tab`, with JavaScript off: the page as the build wrote it, before the quiz engine runs."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    yield SimpleNamespace(page=page, problems=watch_page(page))
    context.close()


def test_quiz_shows_questions_and_explanation_on_demand(no_script_tab, served_site):
    tab = no_script_tab
    page = tab.page
    page.goto(served_site + PAGES["quiz"][0])
    _settle(page)
    fieldsets = page.locator("fieldset.quiz-question")
    assert fieldsets.count() == 7
    for i in range(fieldsets.count()):
        assert fieldsets.nth(i).is_visible(), f"question {i + 1} is hidden"
    legend = fieldsets.first.locator(":scope > legend")  # not the confidence rating's, inside it
    assert legend.inner_text().endswith("</script><script>alert(1)</script>")

    # Native controls respond without any script.
    option = page.locator("label[for='sample-check--who--parties']")
    option.click()
    assert page.locator("#sample-check--who--parties").is_checked()

    details = fieldsets.first.locator("details.quiz-answer")
    explanation = details.locator(".quiz-explanation")
    assert not explanation.is_visible()
    details.locator("summary").click()
    assert details.evaluate("d => d.open") is True
    explanation.wait_for(state="visible")
    assert "Mediation is non-binding unless the parties sign an agreement." in explanation.inner_text()
    read_more = details.locator(".quiz-read-more a")
    assert read_more.is_visible()
    assert read_more.evaluate("a => new URL(a.href).pathname + new URL(a.href).hash") == "/modules/sample/#who-decides"
    tab.problems.assert_none()


def test_offline_edition_from_file_with_search(context, offline_site_dir, watch_page):
    page = context.new_page()
    problems = watch_page(page)
    _block_network(page, problems)
    page.goto((offline_site_dir / "index.html").as_uri())
    page.wait_for_load_state("load")

    link = page.locator("article a", has_text="Module 1: A sample module")
    link.click()
    page.wait_for_url(re.compile(r"/modules/sample\.html$"))
    page.wait_for_load_state("load")
    assert page.locator("article h1").first.inner_text().strip().rstrip("¶").strip() == "A sample module"

    search = page.locator(".md-search__input")
    if not search.is_visible():  # narrow screens show a search button in the header instead
        page.locator("label[for='__search']:visible").first.click()
    search.click()
    page.keyboard.type("arbitration", delay=30)  # page.fill does not trigger Material's search
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=20_000)
    hrefs = page.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")
    assert any(urlparse(href).path.endswith("/modules/sample.html") for href in hrefs), hrefs
    assert "matching document" in page.locator(".md-search-result__meta").inner_text()

    problems.assert_none()


def _block_network(page, problems) -> None:
    """Abort every http(s) request and record it: the offline edition must need none."""

    def abort(route):
        problems.blocked.append(route.request.url)
        route.abort()

    page.route(lambda url: url.startswith(("http://", "https://")), abort)
