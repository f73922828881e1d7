"""The bilingual site in Chromium: English at /, French at /fr/ (the fixture site and its French
translation, tests/fixtures/french), and the course's own French pages when it has them.

Switching language keeps the page; a French quiz works with the keyboard and remembers its answers;
progress follows the learner across languages; French search finds words with or without their
accents; no English interface text is left on a French page; French pages pass axe and fit a phone.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from pagekit import go_dark, measure, run_axe, screenshot, switch_language
from playwright.sync_api import expect
from quizkit import (
    DIAGNOSTIC_RUN,
    KEYBOARD,
    MOUSE,
    POST_RUN,
    accept_dialogs,
    answer,
    check,
    live_region,
    open_progress,
    open_quiz,
    result,
    settle,
    stored,
    take_assessment,
)

from build_tools.packing import FOLDER, pack_site
from build_tools.rendering import load_strings
from tests.conftest import FRENCH, OFFLINE_ON, ROOT

pytestmark = pytest.mark.browser

FR = load_strings("fr", FRENCH)  # the fixture's French interface strings
EN = load_strings("en")
MATERIAL = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"


def _open(page, url: str) -> None:
    page.goto(url)
    settle(page)


def test_switching_language_on_a_module_page_lands_on_the_same_module(tab, bilingual_site):
    page = tab.page
    _open(page, bilingual_site.url + "modules/sample/")
    switch_language(page, "Français")
    page.wait_for_url(bilingual_site.url + "fr/modules/sample/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("article h1")).to_contain_text("Un module d’exemple")
    switch_language(page, "English")
    page.wait_for_url(bilingual_site.url + "modules/sample/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    tab.problems.assert_none()  # no sitemap fetched beside a page, no 404


def test_after_instant_navigation_the_switcher_follows_the_new_page(tab, bilingual_site):
    page = tab.page
    _open(page, bilingual_site.url + "fr/")
    page.evaluate("() => { window.__samePage = true; }")
    page.locator("article a[href$='modules/sample/']").first.click()
    page.wait_for_url(bilingual_site.url + "fr/modules/sample/")
    assert page.evaluate("() => window.__samePage === true"), "not an instant navigation"
    # The address changes before Material has swapped in the new page's header: wait for its switcher.
    english = page.locator(".md-header .md-select__link", has_text="English")
    expect(english).to_have_attribute("href", re.compile(r"modules/sample/$"))
    switch_language(page, "English")
    page.wait_for_url(bilingual_site.url + "modules/sample/")
    expect(page.locator("article h1")).to_contain_text("A sample module")
    tab.problems.assert_none()


def test_the_colour_scheme_chosen_in_one_language_stays_in_the_other(tab, bilingual_site):
    """Material keeps its settings under a scope: both editions share English's root."""
    page = tab.page
    _open(page, bilingual_site.url + "modules/sample/")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    chosen = page.evaluate("() => document.body.getAttribute('data-md-color-media')")
    scope = page.evaluate("() => __md_scope.href")
    switch_language(page, "Français")
    page.wait_for_url(bilingual_site.url + "fr/modules/sample/")
    assert page.evaluate("() => __md_scope.href") == scope == bilingual_site.url
    assert page.evaluate("() => document.body.getAttribute('data-md-color-media')") == chosen


def test_a_french_quiz_answered_with_the_keyboard_checked_and_reloaded(tab, bilingual_site):
    page = tab.page
    base = bilingual_site.url + "fr/"
    form = open_quiz(page, base, "sample-check")
    expect(form.locator("button.quiz-check").first).to_have_text(FR["engine"]["check"])
    answer(page, "sample-check", "who", "parties", KEYBOARD)
    check(page, "sample-check", "who", KEYBOARD)
    expect(result(page, "sample-check", "who").locator(".quiz-verdict")).to_have_text(FR["engine"]["correct"])
    expect(live_region(page, "sample-check")).to_have_text("Question 1\u00a0: Bonne réponse.")
    answer(page, "sample-check", "binding", "true", KEYBOARD)
    check(page, "sample-check", "binding", KEYBOARD)
    expect(result(page, "sample-check", "binding").locator(".quiz-verdict")).to_have_text(FR["engine"]["wrong"])
    page.reload()
    settle(page)
    expect(page.locator("#sample-check--who--parties")).to_be_checked()
    expect(result(page, "sample-check", "who")).to_be_visible()
    expect(result(page, "sample-check", "binding").locator(".quiz-verdict")).to_have_text(FR["engine"]["wrong"])
    tab.problems.assert_none()


def test_progress_follows_the_learner_across_languages(tab, bilingual_site):
    """The diagnostic in French, the post assessment in English: My progress shows both, in either
    language; an answer given in French is there on the English page of the same quiz."""
    page = tab.page
    accept_dialogs(page)
    take_assessment(page, bilingual_site.url + "fr/", "sample-diagnostic", DIAGNOSTIC_RUN, KEYBOARD)
    take_assessment(page, bilingual_site.url, "sample-post", POST_RUN, MOUSE)
    for base, strings, titles in (
        (bilingual_site.url, EN, ["Sample diagnostic", "Sample post-workshop assessment"]),
        (bilingual_site.url + "fr/", FR, ["Évaluation initiale d’exemple", "Évaluation finale d’exemple"]),
    ):
        open_progress(page, base)
        rows = page.locator("#quiz-progress table").first.evaluate(
            "t => [...t.rows].map(r => [...r.cells].map(c => c.innerText.trim()))"
        )
        done = {row[1]: row[2] for row in rows[1:]}
        assert done[titles[0]] == strings["engine"]["status_done"], rows
        assert done[titles[1]] == strings["engine"]["status_done"], rows
    open_quiz(page, bilingual_site.url + "fr/", "sample-check")
    answer(page, "sample-check", "features", ["consent", "voluntary"], MOUSE)
    fingerprint = stored(page, "sample-check")["answers"]["features"]["fp"]
    open_quiz(page, bilingual_site.url, "sample-check")
    expect(page.locator("#sample-check--features--consent")).to_be_checked()
    assert stored(page, "sample-check")["answers"]["features"]["fp"] == fingerprint
    tab.problems.assert_none()


def _search(page, words: str) -> list[str]:
    """Type into Material's search (with key events, as a reader does) and read the results."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    page.keyboard.type(words, delay=20)
    items = page.locator(".md-search-result__item")
    items.first.wait_for()
    return items.all_inner_texts()


@pytest.mark.parametrize("words", ["médiation", "mediation", "MEDIATION", "arbitrage", "arbitrages"])
def test_french_search_finds_words_with_or_without_accents(tab, bilingual_site, words):
    page = tab.page
    _open(page, bilingual_site.url + "fr/")
    found = " ".join(_search(page, words))
    assert "médiation" in found.lower() or "arbitrage" in found.lower(), found
    assert "Un module d’exemple" in found or "Auto-évaluation d’exemple" in found, found
    tab.problems.assert_none()


@pytest.fixture(scope="module")
def bilingual_offline_zip(tmp_path_factory, bilingual_project, run_mkdocs_build) -> Path:
    """The bilingual offline edition as a reader gets it: packed into its zip, then unpacked."""
    base = tmp_path_factory.mktemp("bilingual-offline")
    build = run_mkdocs_build(bilingual_project(base / "project"), base / "site", offline=OFFLINE_ON)
    assert build.returncode == 0, build.output
    pack_site(base / "site", base / "edition.zip")
    with zipfile.ZipFile(base / "edition.zip") as archive:
        archive.extractall(base / "unzipped")
    return base / "unzipped" / FOLDER


@pytest.mark.parametrize("words", ["mediation", "arbitrages"])
def test_french_search_works_from_file_in_the_offline_zip(context, bilingual_offline_zip, watch_page, words):
    """The French edition keeps its own lunr language files in the zip (the English one needs none)."""
    page = context.new_page()
    problems = watch_page(page)
    page.goto((bilingual_offline_zip / "fr" / "index.html").as_uri())
    settle(page)
    found = " ".join(_search(page, words))
    assert "médiation" in found.lower() or "arbitrage" in found.lower(), found
    assert "Un module d’exemple" in found or "Auto-évaluation d’exemple" in found, found
    problems.assert_none()


def test_english_search_stays_english(tab, bilingual_site):
    page = tab.page
    _open(page, bilingual_site.url)
    found = " ".join(_search(page, "arbitration"))
    assert "arbitration" in found.lower() and "arbitrage" not in found.lower()


def _english_only(english, french, found: set[str]) -> set[str]:
    """Every English interface text that its French translation replaces (a word the two
    languages share, such as "Module" or "Question", is left out), split at its {placeholders}."""
    if isinstance(english, dict):
        for key, value in english.items():
            _english_only(value, french.get(key) if isinstance(french, dict) else None, found)
    elif isinstance(english, list):
        for index, value in enumerate(english):
            _english_only(value, french[index] if isinstance(french, list) and index < len(french) else None, found)
    elif isinstance(english, str) and english != french:
        parts = (part.strip(" :.…") for part in re.split(r"\{\w+\}", english))
        found.update(part for part in parts if len(part) >= 4 and part not in (french or ""))
    return found


def _material_labels(language: str) -> dict[str, str]:
    text = (MATERIAL / f"{language}.html").read_text(encoding="utf-8")
    return dict(re.findall(r'^\s*"([\w.]+)": "(.*)",?$', text, flags=re.MULTILINE))


SERVER_ONLY = ("workshop",)
"""Strings of the workshop server's pages, which the site never shows ("closed", a poll's state, is
also a word of the English check messages that the authoring guide quotes)."""


def english_interface_texts(french_strings: dict) -> set[str]:
    site_strings = {part: strings for part, strings in EN.items() if part not in SERVER_ONLY}
    texts = _english_only(site_strings, french_strings, set())
    english, french = _material_labels("en"), _material_labels("fr")
    texts |= {value for key, value in english.items() if french.get(key) not in (None, value) and len(value) >= 4}
    return {text for text in texts if re.search(r"[A-Za-z]{3}", text)}


# What a reader sees and hears: the text and the labels of the page, without what is marked as in
# another language on purpose (the switcher's "English", a quotation) and the references, whose
# sources keep their titles in the language they were published in, and code (the program's words).
SEEN = """
() => {
  const copy = document.body.cloneNode(true);
  const language = document.documentElement.lang;
  copy.querySelectorAll("[lang], script, style, .md-search").forEach(n => {
    if (n.lang !== language) n.remove();
  });
  copy.querySelectorAll(".module-references").forEach(n => n.remove());  // sources keep their own titles
  copy.querySelectorAll("code, pre").forEach(n => n.remove());  // the program's own words: `answer:`, answers.csv
  const labels = [...copy.querySelectorAll("[aria-label], [title], [placeholder], [alt]")]
    .flatMap(n => ["aria-label", "title", "placeholder", "alt"].map(a => n.getAttribute(a)).filter(Boolean));
  return [document.title, copy.innerText, ...labels].join("\\n");
}
"""


def _french_pages(site_url: str, folder: Path) -> list[str]:
    return [
        site_url + "fr/" + p.relative_to(folder).as_posix().removesuffix("index.html")
        for p in sorted(folder.rglob("*.html"))
        if p.name != "404.html"
    ]


def _english_left(page, urls: list[str], texts: set[str], sources: tuple[str, ...] = ()) -> dict[str, list[str]]:
    """The English interface texts on each page; `sources` (titles of cited sources, which keep
    the language they were published in) are left out of what is searched."""
    left = {}
    for url in urls:
        _open(page, url)
        if page.locator("form.quiz").count():
            page.locator("form.quiz--enhanced").first.wait_for(state="attached")
        if page.locator("#quiz-progress").count():
            page.locator("#quiz-progress h2").first.wait_for(state="attached")
        seen = page.evaluate(SEEN)
        for title in sources:
            seen = seen.replace(title, " ")
        found = sorted(text for text in texts if re.search(rf"(?<!\w){re.escape(text)}(?!\w)", seen))
        if found:
            left[url] = found
    return left


def test_no_english_interface_text_is_left_on_any_french_page(tab, bilingual_site):
    urls = _french_pages(bilingual_site.url, bilingual_site.site / "fr")
    assert any(url.endswith("fr/quizzes/sample-check/") for url in urls)
    left = _english_left(tab.page, urls, english_interface_texts(FR))
    assert not left, left


def test_the_english_check_finds_english_on_an_english_page(tab, bilingual_site):
    """The check above can fail: on the English edition it finds the English labels."""
    left = _english_left(tab.page, [bilingual_site.url + "quizzes/sample-check/"], english_interface_texts(FR))
    found = next(iter(left.values()))
    assert EN["engine"]["check"] in found and "Skip to content" in found


def test_no_english_interface_text_is_left_on_the_courses_french_pages(tab, course_instant):
    """The real course, once it has French: every French page, with the course's own strings."""
    french = course_instant.site / "fr"
    assert french.is_dir(), "the course has no French edition (translations/languages.yml lists fr)"
    texts = english_interface_texts(load_strings("fr", ROOT))
    from build_tools.i18n import translate_content
    from build_tools.loader import load_content

    english = load_content(ROOT)
    french_content, _ = translate_content(english, ROOT, "fr", strict=False)
    sources = tuple(r.title for c in (english, french_content) for m in c.modules for r in m.references)
    texts = {text for text in texts if not any(text in title for title in sources)}  # "Case study: …" is a title
    left = _english_left(tab.page, _french_pages(course_instant.url, french), texts, sources)
    assert not left, left


WIDTHS = (320, 412)


def _axe_rules(page, scheme: str) -> dict[str, str]:
    if scheme == "dark":
        go_dark(page)
    page.mouse.move(2, page.viewport_size["height"] - 2)  # no Material tooltip under the pointer
    results = run_axe(page)
    return {v["id"]: results.generate_report() for v in results.response["violations"]}


@pytest.mark.parametrize("width", WIDTHS)
def test_french_pages_fit_a_phone_and_pass_axe(browser, bilingual_site, width):
    """Every French page of the fixture site fits the screen, and axe finds nothing on it that it
    does not find on its English twin (the fixture's home page skips a heading level in both; the
    course's own French pages are held to zero violations by test_as_seen.py)."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        problems = {}
        for url in _french_pages(bilingual_site.url, bilingual_site.site / "fr"):
            _open(page, url)
            seen = measure(page)
            found = [f"{seen['scrollWidth']} px wide"] if seen["scrollWidth"] > seen["width"] else []
            found += [f"cut off: {text}" for text in seen["cut"]]
            for scheme in ("light", "dark"):
                _open(page, url)
                french = _axe_rules(page, scheme)
                _open(page, url.replace("/fr/", "/", 1))
                english = _axe_rules(page, scheme)
                found += [f"axe ({scheme}): {report}" for rule, report in french.items() if rule not in english]
            if found:
                problems[url] = found
    finally:
        context.close()
    assert not problems, problems


SHOTS = {"home": "fr/", "module": "fr/modules/sample/", "quiz": "fr/quizzes/sample-check/"}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_french_pages_for_a_person_to_look_at(browser, bilingual_site, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        for name, path in SHOTS.items():
            _open(page, bilingual_site.url + path)
            if scheme == "dark":
                go_dark(page)
            assert screenshot(page, f"fr-{width}-{scheme}-{name}").stat().st_size > 10_000
        page.locator(".md-header .md-select button").focus()
        page.keyboard.press("Tab")
        expect(page.locator(".md-select__link[hreflang='en']")).to_be_visible()
        page.screenshot(path=str(screenshot(page, f"fr-{width}-{scheme}-switcher")), full_page=False)
    finally:
        context.close()

