"""The bilingual site as built: English at the root, French under fr/, linked page to page.

Built from the fixture site and its French translation (tests/fixtures/french); see
tests/browser/test_languages.py for the same site in a browser.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pypdf
import pytest

from build_tools.i18n.editions import typeset_page
from tests.conftest import OFFLINE_ON

FIXTURE_FIGURES = Path(__file__).resolve().parents[1] / "fixtures" / "site" / "figures"
HREFLANG = re.compile(r'<link rel=" alternate" hreflang="([^"]+)" href="([^"]+)">')
SWITCHER = re.compile(r'<a href="([^"]+)" hreflang="([^"]+)"[^>]*data-edition-link')


def _pages(site: Path) -> list[str]:
    """Every page of the English edition, relative to the site's root (the French one is beside);
    not the 404 page, which a host serves at any address (its links start at the site's root)."""
    english = [p for p in site.rglob("*.html") if not p.is_relative_to(site / "fr") and p.name != "404.html"]
    return sorted(p.relative_to(site).as_posix() for p in english)


def _html(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _text(page_html: str) -> str:
    """What a reader sees of a page's content: no tags, scripts, code or the search dialog."""
    body = page_html[page_html.index("<article") : page_html.index("</article>")]
    body = re.sub(r"<(script|style|code|pre)\b.*?</\1>", " ", body, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def _target(page: Path, href: str) -> Path:
    """The file a relative link of a built page opens (a folder opens its index.html)."""
    target = (page.parent / href).resolve()
    return target / "index.html" if href.endswith("/") or target.is_dir() else target


def test_every_english_page_has_its_french_twin_with_its_language(bilingual_build):
    site = bilingual_build.site
    pages = _pages(site)
    assert "modules/sample/index.html" in pages and "quizzes/sample-check/index.html" in pages
    for page in pages:
        assert (site / "fr" / page).is_file(), f"no French edition of {page}"
        assert '<html lang="en"' in _html(site / page)
        assert '<html lang="fr"' in _html(site / "fr" / page), page


@pytest.mark.parametrize("edition", ["", "fr/"])
def test_every_page_names_itself_in_each_language_in_its_head(bilingual_build, edition):
    site = bilingual_build.site
    for page in _pages(site):
        path = site / edition / page
        links = dict(HREFLANG.findall(_html(path)))
        assert set(links) == {"en", "fr", "x-default"}, f"{edition}{page}: {links}"
        assert _target(path, links["en"]) == (site / page).resolve()
        assert _target(path, links["fr"]) == (site / "fr" / page).resolve()
        assert links["x-default"] == links["en"]


@pytest.mark.parametrize("edition", ["", "fr/"])
def test_the_language_switcher_goes_to_the_same_page(bilingual_build, edition):
    site = bilingual_build.site
    for page in _pages(site):
        path = site / edition / page
        links = {lang: href for href, lang in SWITCHER.findall(_html(path))}
        assert set(links) == {"en", "fr"}, f"{edition}{page}"
        assert _target(path, links["en"]) == (site / page).resolve(), f"{edition}{page}: {links}"
        assert _target(path, links["fr"]) == (site / "fr" / page).resolve(), f"{edition}{page}: {links}"
    french_home = _html(site / "fr" / "index.html")
    assert 'hreflang="fr" lang="fr" dir="ltr" class="md-select__link" data-edition-link aria-current' in french_home


def test_material_speaks_french_and_the_site_texts_are_translated(bilingual_build):
    page = _html(bilingual_build.site / "fr" / "modules" / "sample" / "index.html")
    assert "Aller au contenu" in page  # Material's own "Skip to content"
    assert "<title>Un module d’exemple - Diplomatie parlementaire et médiation</title>" in page
    assert "Passer au mode sombre" in page and "Switch to dark mode" not in page
    assert "Compagnon de l’atelier de l’Union interparlementaire" in page


def test_french_search_stems_and_folds_accents(bilingual_build):
    site = bilingual_build.site / "fr"
    index = _html(site / "search" / "search_index.json")
    assert '"lang":["fr"]' in index.replace(" ", "")
    assert '"pipeline":["trimmer","stopWordFilter","stemmer"]' in index.replace(" ", "")
    lunr_fr = _html(site / "assets" / "javascripts" / "lunr" / "min" / "lunr.fr.min.js")
    assert lunr_fr.startswith("/*!\n * Lunr languages, `French` language")  # Material's file, kept whole
    assert 'lunr["fr"]' in lunr_fr and 'normalize("NFD")' in lunr_fr
    english = _html(bilingual_build.site / "search" / "search_index.json")
    assert '"lang":["en"]' in english.replace(" ", "")


def test_sitemap_lists_each_page_in_both_languages(tmp_path, bilingual_project, run_mkdocs_build):
    project = bilingual_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace('site_url: ""', 'site_url: "https://example.org/course/"'))
    build = run_mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    english = _html(tmp_path / "site" / "sitemap.xml")
    french = _html(tmp_path / "site" / "fr" / "sitemap.xml")
    assert "<loc>https://example.org/course/modules/sample/</loc>" in english
    assert '<xhtml:link rel="alternate" hreflang="fr" href="https://example.org/course/fr/modules/sample/"/>' in english
    assert "<loc>https://example.org/course/fr/modules/sample/</loc>" in french
    assert '<xhtml:link rel="alternate" hreflang="en" href="https://example.org/course/modules/sample/"/>' in french
    page = _html(tmp_path / "site" / "fr" / "modules" / "sample" / "index.html")
    assert '<link rel=" alternate" hreflang="en" href="https://example.org/course/modules/sample/">' in page
    assert '<link rel="canonical" href="https://example.org/course/fr/modules/sample/">' in page


# French typography: a no-break space (U+00A0) before ":" and a narrow one (U+202F) before ; ! ? and
# inside « » (either is accepted before any of them); never an ordinary space or none at all.
BAD_TYPOGRAPHY = re.compile(r"(?<![\u00a0\u202f])[;:!?»]|«(?![\u00a0\u202f])")


def _typography_faults(text: str) -> list[str]:
    text = re.sub(r"https?://\S+|\b\d{1,2}:\d{2}\b", " ", text)
    return [text[max(0, m.start() - 20) : m.end() + 5] for m in BAD_TYPOGRAPHY.finditer(text)]


def test_french_pages_follow_french_typography(bilingual_build):
    site = bilingual_build.site / "fr"
    faults = {}
    for page in sorted(site.rglob("*.html")):
        found = _typography_faults(_text(_html(page)))
        if found:
            faults[page.relative_to(site).as_posix()] = found[:5]
    assert not faults, faults


def test_the_typography_check_finds_what_it_looks_for():
    assert _typography_faults("Pourquoi? Note : « texte » et ceci; cela")
    assert not _typography_faults("Pourquoi\u202f? Note\u00a0: «\u202ftexte\u202f» à 14:30, https://a.b/c?d=e")


def test_page_typography_leaves_code_tags_and_times_alone():
    page = '<p>Question 1: à 14:30 <code>a: b</code> « x » <a href="http://x:1">Pourquoi?</a></p><script>a: 1</script>'
    assert typeset_page(page, "fr") == (
        '<p>Question 1\u00a0: à 14:30 <code>a: b</code> «\u202fx\u202f» <a href="http://x:1">Pourquoi\u202f?</a></p>'
        "<script>a: 1</script>"
    )
    assert typeset_page(page, "en") == page


def test_french_handouts_are_tagged_french_and_written_in_french(bilingual_build):
    downloads = bilingual_build.site / "fr" / "downloads"
    for name in ("sample.pdf", "workbook.pdf"):
        with pikepdf.open(downloads / name) as pdf:
            assert str(pdf.Root.Lang) == "fr", name
        text = "".join(page.extract_text() for page in pypdf.PdfReader(downloads / name).pages)
        assert "Pourquoi c’est important pour vous" in text, name
        assert "Why this matters" not in text, name
        assert not _typography_faults(re.sub(r"[ \t\n]+", " ", text)), (name, _typography_faults(text)[:5])
    with pikepdf.open(bilingual_build.site / "downloads" / "sample.pdf") as pdf:
        assert str(pdf.Root.Lang) == "en"


def test_french_figures_are_the_english_drawing_with_french_labels_on_the_site_and_in_the_handout(bilingual_build):
    english = (bilingual_build.site / "figures" / "who-decides.svg").read_text("utf-8")
    french = (bilingual_build.site / "fr" / "figures" / "who-decides.svg").read_text("utf-8")
    assert english == (FIXTURE_FIGURES / "who-decides.svg").read_text("utf-8")
    for label in ("Qui décide", "Médiation", "Arbitrage", "les parties décident", "un tiers décide"):
        assert f">{label}<" in french, label
    handout = "".join(
        page.extract_text() for page in pypdf.PdfReader(bilingual_build.site / "fr" / "downloads" / "sample.pdf").pages
    )
    assert "un tiers décide" in handout and "les parties décident" in handout
    for label in ("Who decides", "Mediation", "Arbitration", "the parties decide", "a third party decides"):
        assert f">{label}<" not in french, label
        assert label not in handout, label
    assert re.sub(r">[^<]*<", "><", french) == re.sub(r">[^<]*<", "><", english), "the French drawing changed"


def test_a_missing_translation_shows_english_marked_and_fails_the_strict_build(
    tmp_path, bilingual_project, run_mkdocs_build
):
    project = bilingual_project(tmp_path / "project")
    po = project / "translations" / "fr" / "modules" / "sample.po"
    text = po.read_text("utf-8")
    assert 'msgstr "Le consentement d’abord"' in text
    po.write_text(text.replace('msgstr "Le consentement d’abord"', 'msgstr ""'), "utf-8")
    home = project / "translations" / "fr" / "docs" / "index.po"
    home.write_text(home.read_text("utf-8").replace('msgstr "Cours d’exemple"', 'msgstr ""'), "utf-8")
    figure = project / "translations" / "fr" / "figures" / "who-decides.po"
    assert 'msgstr "un tiers décide"' in figure.read_text("utf-8")
    figure.write_text(figure.read_text("utf-8").replace('msgstr "un tiers décide"', 'msgstr ""'), "utf-8")
    strict = run_mkdocs_build(project, tmp_path / "strict")
    assert strict.returncode != 0
    assert "translations/fr/modules/sample.po" in strict.output and "untranslated" in strict.output
    assert "translations/fr/docs/index.po" in strict.output
    assert "translations/fr/figures/who-decides.po" in strict.output
    assert "Traceback" not in strict.output
    preview = subprocess.run(  # as `mkdocs serve` builds: not strict
        [sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "preview")],
        cwd=project, capture_output=True, text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    assert preview.returncode == 0, preview.stdout + preview.stderr
    assert "translations/fr/modules/sample.po" in preview.stderr
    assert "translations/fr/figures/who-decides.po" in preview.stderr
    figure = (tmp_path / "preview" / "fr" / "figures" / "who-decides.svg").read_text("utf-8")
    assert ">a third party decides<" in figure and ">les parties décident<" in figure  # English where it is missing
    page = _html(tmp_path / "preview" / "fr" / "modules" / "sample" / "index.html")
    assert '<span lang="en" class="untranslated">Consent comes first</span>' in page
    home = _html(tmp_path / "preview" / "fr" / "index.html")
    assert '<span lang="en" class="untranslated">Sample course</span>' in home
    assert "\ue000" not in page and "\ue001" not in page


def test_offline_edition_holds_both_languages_linked_file_to_file(tmp_path, bilingual_project, run_mkdocs_build):
    build = run_mkdocs_build(bilingual_project(tmp_path / "project"), tmp_path / "site", offline=OFFLINE_ON)
    assert build.returncode == 0, build.output
    site = tmp_path / "site"
    home = _html(site / "index.html")
    links = {lang: href for href, lang in SWITCHER.findall(home)}
    assert links["fr"] == "./fr/index.html"
    module = site / "fr" / "modules" / "sample.html"
    links = {lang: href for href, lang in SWITCHER.findall(_html(module))}
    assert _target(module, links["en"]) == (site / "modules" / "sample.html").resolve()
    assert "https://unpkg.com" not in _html(module)
    handout = "".join(page.extract_text() for page in pypdf.PdfReader(site / "fr" / "downloads" / "sample.pdf").pages)
    assert "mediation-course/fr/quizzes/sample-check.html" in re.sub(r"\s+", "", handout)


def test_the_french_trainer_edition_is_french_and_cached_apart_from_the_english(tmp_path, bilingual_project):
    from build_tools.handouts.build import build_handouts
    from build_tools.handouts.documents import HandoutOptions
    from build_tools.i18n import translate_content
    from build_tools.loader import load_content

    project = bilingual_project(tmp_path / "project")
    content, problems = translate_content(load_content(project), project, "fr", strict=True)
    assert not problems
    cache = tmp_path / "cache"
    [english] = build_handouts(load_content(project), HandoutOptions(), cache=cache, edition="trainer")
    options = HandoutOptions(language="fr", strings_root=project)
    [french] = build_handouts(content, options, cache=cache, edition="trainer")
    assert not french.cached and sorted(p.name.split("-")[1] for p in cache.iterdir()) == ["en", "fr"]
    path = tmp_path / "trainer-edition.pdf"
    path.write_bytes(french.pdf)
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "fr"
    text = re.sub(r"[ \t\n]+", " ", "".join(page.extract_text() for page in pypdf.PdfReader(path).pages))
    assert "Notes pour l’animateur ou l’animatrice" in text or "Corrigé" in text, text[:500]
    assert not _typography_faults(text), _typography_faults(text)[:5]
    [again] = build_handouts(content, options, cache=cache, edition="trainer")
    assert again.cached and english.pdf != french.pdf


def _english_sentences(data) -> set[str]:
    """Every phrase of three words or more in the values of an English content file."""
    found: set[str] = set()
    if isinstance(data, dict):
        for value in data.values():
            found |= _english_sentences(value)
    elif isinstance(data, list):
        for value in data:
            found |= _english_sentences(value)
    elif isinstance(data, str):
        for phrase in re.split(r"[\n.;:?!]|</?script>", data.replace("*", "")):
            if len(phrase.split()) >= 3 and not phrase.strip().startswith(("http", "- ")):
                found.add(" ".join(phrase.split()))
    return found


def test_no_english_content_is_left_on_the_french_pages(bilingual_build):
    """The fixture is translated in full: no English phrase of its modules, quizzes or pages shows
    on a French page (a text the translation workflow did not extract would, unmarked)."""
    import yaml

    from tests.conftest import FIXTURE_SITE

    english: set[str] = set()
    for path in [*FIXTURE_SITE.glob("modules/*.yml"), *FIXTURE_SITE.glob("quizzes/*.yml")]:
        english |= _english_sentences(yaml.safe_load(path.read_text("utf-8")))
    assert "Distinguish mediation from arbitration" in english
    site = bilingual_build.site / "fr"
    left = {}
    for page in sorted(site.rglob("*.html")):
        text = " ".join(_text(_html(page)).split())
        found = sorted(phrase for phrase in english if phrase in text)
        if found:
            left[page.relative_to(site).as_posix()] = found
    assert not left, left
