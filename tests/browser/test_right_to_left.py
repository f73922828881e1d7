"""A third language, right to left, added with translation files and one line of configuration:
the fixture site with `ar` in translations/languages.yml and Arabic PO files (tests/fixtures/arabic:
the interface strings in part, one module and its self-check; the rest shows in English, marked).

The Arabic pages run right to left, the quiz works with the keyboard, and nothing overflows at 320 px.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator

import pytest
from conftest import Course, bind_server, server_url, serving
from pagekit import measure, screenshot
from playwright.sync_api import expect
from quizkit import KEYBOARD, answer, check, open_quiz, order_ids, result, settle, stored, tab_to

from tests.conftest import ROOT, copy_fixture_site

pytestmark = pytest.mark.browser
ARABIC = ROOT / "tests" / "fixtures" / "arabic"


@pytest.fixture(scope="module")
def arabic_site(tmp_path_factory) -> Iterator[Course]:
    """Built as `mkdocs serve` builds (not strict: the Arabic is partial), served on a free port."""
    base = tmp_path_factory.mktemp("arabic-site")
    project = copy_fixture_site(base / "project")
    shutil.copytree(ARABIC / "translations", project / "translations")
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(base / "site")],
        cwd=project, capture_output=True, text=True, timeout=300, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin"},
    )  # fmt: skip
    assert build.returncode == 0, build.stdout + build.stderr
    assert "translations/ar/quizzes/sample-post.po" in build.stderr  # partial: a warning, not an error
    server = bind_server(base / "site")
    with serving(server):
        yield Course(base / "site", server_url(server))


def test_the_third_language_is_one_line_of_configuration():
    assert (ARABIC / "translations" / "languages.yml").read_text("utf-8").splitlines()[-1] == "  - ar"


def test_arabic_pages_run_right_to_left_and_the_switcher_offers_arabic(tab, arabic_site):
    page = tab.page
    page.goto(arabic_site.url + "ar/modules/sample/")
    settle(page)
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("body")).to_have_attribute("dir", "rtl")
    expect(page.locator("article h1")).to_contain_text("وحدة تجريبية")
    assert page.evaluate("() => getComputedStyle(document.querySelector('article p')).direction") == "rtl"
    page.goto(arabic_site.url + "modules/sample/")
    settle(page)
    link = page.locator(".md-select__link[hreflang='ar']")
    expect(link).to_have_attribute("dir", "rtl")
    assert link.get_attribute("href").endswith("ar/modules/sample/")
    tab.problems.assert_none()


def test_an_arabic_quiz_works_with_the_keyboard(tab, arabic_site):
    page = tab.page
    base = arabic_site.url + "ar/"
    open_quiz(page, base, "sample-check")
    answer(page, "sample-check", "who", "parties", KEYBOARD)
    check(page, "sample-check", "who", KEYBOARD)
    expect(result(page, "sample-check", "who").locator(".quiz-verdict")).to_have_text("صحيح.")
    # ordering: bring "negotiation" to the top with its "move up" button, from the keyboard
    start = order_ids(page, "sample-check", "order")
    up = "fieldset#sample-check--order .quiz-order-item[data-item-id='negotiation'] button[data-action='up']"
    for _ in range(start.index("negotiation")):
        tab_to(page, up)
        page.keyboard.press("Enter")
    assert order_ids(page, "sample-check", "order")[0] == "negotiation"
    page.reload()
    settle(page)
    expect(page.locator("#sample-check--who--parties")).to_be_checked()
    assert stored(page, "sample-check")["answers"]["who"]["answer"] == "parties"
    tab.problems.assert_none()


@pytest.mark.parametrize("path", ["ar/", "ar/modules/sample/", "ar/quizzes/sample-check/", "ar/progress/"])
def test_nothing_overflows_at_320_px(browser, arabic_site, path):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    try:
        page = context.new_page()
        page.goto(arabic_site.url + path)
        settle(page)
        seen = measure(page)
        assert seen["scrollWidth"] <= seen["width"], f"{seen['scrollWidth']} px wide"
        assert not seen["cut"], seen["cut"]
        name = path.strip("/").replace("/", "-")
        assert screenshot(page, f"ar-320-{name}").stat().st_size > 5_000
    finally:
        context.close()
