"""A course's `languages` decide the editions built: the first at the site's root, the others in their
folders. Built from the bilingual fixture site (tests/fixtures/site with tests/fixtures/french) and the
fixture courses of tests/fixtures/course-languages: French only, French then English, English only;
and the IPU course, English at the root and French in fr/ as before.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pikepdf
import pypdf
import pytest

from tests.conftest import course_in_languages, run_mkdocs_build
from tests.integration.test_languages_built import HREFLANG, SWITCHER, _target, _text, _typography_faults


def _html(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


@pytest.fixture(scope="module")
def build_course_in(tmp_path_factory):
    """`build_course_in(course_id)`: the fixture course built once (`mkdocs build --strict`, handouts on)."""
    built: dict[str, Path] = {}

    def build(course_id: str) -> Path:
        if course_id not in built:
            base = tmp_path_factory.mktemp(course_id)
            result = run_mkdocs_build(course_in_languages(base / "project", course_id), base / "site")
            assert result.returncode == 0, result.output
            built[course_id] = base / "site"
        return built[course_id]

    return build


# --- French only: French at the root -----------------------------------------------------------


def test_a_french_course_is_french_at_the_root_with_no_other_edition(build_course_in):
    site = build_course_in("cours-en-francais")
    assert not (site / "en").exists() and not (site / "fr").exists()
    pages = _pages(site)
    assert site / "modules" / "sample" / "index.html" in pages
    for page in pages:
        text = _html(page)
        assert '<html lang="fr"' in text, page
        assert not HREFLANG.findall(text) and not SWITCHER.findall(text), page  # one language: no switcher
    assert "xhtml:link" not in _html(site / "sitemap.xml")


def test_a_french_course_shows_french_titles_and_material_in_french(build_course_in):
    site = build_course_in("cours-en-francais")
    module = _html(site / "modules" / "sample" / "index.html")
    assert "<title>Un module d’exemple - Médiation\u00a0: un cours d’exemple</title>" in module
    assert ">1. Un module d’exemple<" in re.sub(r"\s+", " ", module).replace("> ", ">").replace(" <", "<")
    assert "Aller au contenu" in module and "Skip to content" not in module  # Material's own labels
    assert "Institut de formation parlementaire" in module  # the footer: the course's organisation
    home = _html(site / "index.html")
    assert re.search(r"<h1[^>]*>Médiation(\u00a0|&nbsp;)?(:|&#58;) un cours d’exemple", home), home[:3000]
    assert "Why this matters" not in _text(module)


def test_a_french_course_has_french_downloads(build_course_in):
    site = build_course_in("cours-en-francais")
    downloads = _html(site / "downloads" / "index.html")
    assert '<h1 id="telechargements">Téléchargements' in downloads
    assert "Cahier de l’apprenant" in downloads or "cahier" in downloads.lower()
    for name in ("sample.pdf", "workbook.pdf"):
        with pikepdf.open(site / "downloads" / name) as pdf:
            assert str(pdf.Root.Lang) == "fr", name
        text = re.sub(
            r"[ \t\n]+", " ", "".join(p.extract_text() for p in pypdf.PdfReader(site / "downloads" / name).pages)
        )
        assert "Pourquoi c’est important pour vous" in text and "Why this matters" not in text, name
        assert not _typography_faults(text), (name, _typography_faults(text)[:5])
    workbook = pypdf.PdfReader(site / "downloads" / "workbook.pdf")
    assert workbook.metadata.title == "Médiation\u00a0: un cours d’exemple"


def test_a_french_course_searches_in_french(build_course_in):
    site = build_course_in("cours-en-francais")
    index = _html(site / "search" / "search_index.json").replace(" ", "")
    assert '"lang":["fr"]' in index and '"pipeline":["trimmer","stopWordFilter","stemmer"]' in index
    lunr_fr = _html(site / "assets" / "javascripts" / "lunr" / "min" / "lunr.fr.min.js")
    assert 'normalize("NFD")' in lunr_fr  # accents folded: "mediation" finds « médiation »


def test_a_french_course_follows_french_typography(build_course_in):
    site = build_course_in("cours-en-francais")
    faults = {p.relative_to(site).as_posix(): _typography_faults(_text(_html(p)))[:5] for p in _pages(site)}
    assert not {page: found for page, found in faults.items() if found}


# --- French then English: French at the root, English in en/ --------------------------------------


def test_french_then_english_puts_english_in_its_folder(build_course_in):
    site = build_course_in("french-then-english")
    assert not (site / "fr").exists()
    root_pages = [p for p in _pages(site) if not p.is_relative_to(site / "en")]
    for page in root_pages:
        english = site / "en" / page.relative_to(site)
        assert '<html lang="fr"' in _html(page), page
        assert english.is_file() and '<html lang="en"' in _html(english), english
    module = _html(site / "en" / "modules" / "sample" / "index.html")
    assert "<title>A sample module - Mediation: a sample course</title>" in module
    assert "Parliamentary training institute" in module  # the course's organisation, given in English
    assert '"lang":["en"]' in _html(site / "en" / "search" / "search_index.json").replace(" ", "")
    with pikepdf.open(site / "en" / "downloads" / "workbook.pdf") as pdf:
        assert str(pdf.Root.Lang) == "en"


@pytest.mark.parametrize("edition", ["", "en/"])
def test_french_then_english_links_each_page_to_its_twin(build_course_in, edition):
    site = build_course_in("french-then-english")
    for page in [p for p in _pages(site) if not p.is_relative_to(site / "en")]:
        path = site / edition / page.relative_to(site)
        switcher = {lang: href for href, lang in SWITCHER.findall(_html(path))}
        links = dict(HREFLANG.findall(_html(path)))
        assert set(switcher) == {"fr", "en"} and set(links) == {"fr", "en", "x-default"}, path
        assert _target(path, switcher["fr"]) == _target(path, links["fr"]) == page.resolve()
        assert _target(path, switcher["en"]) == (site / "en" / page.relative_to(site)).resolve()
        assert links["x-default"] == links["fr"]  # the root edition


def test_french_then_english_sitemaps_name_both(tmp_path):
    project = course_in_languages(tmp_path / "project", "french-then-english")
    course = project / "courses" / "french-then-english.yml"
    course.write_text(course.read_text("utf-8").replace('site_url: ""', 'site_url: "https://example.org/cours/"'))
    build = run_mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    french = _html(tmp_path / "site" / "sitemap.xml")
    assert "<loc>https://example.org/cours/modules/sample/</loc>" in french
    assert '<xhtml:link rel="alternate" hreflang="en" href="https://example.org/cours/en/modules/sample/"/>' in french
    english = _html(tmp_path / "site" / "en" / "modules" / "sample" / "index.html")
    assert '<link rel="canonical" href="https://example.org/cours/en/modules/sample/">' in english


# --- English only, and EDITIONS=false ----------------------------------------------------------------


def test_an_english_course_has_no_french_edition(build_course_in):
    site = build_course_in("english-only")
    assert not (site / "fr").exists() and not (site / "en").exists()
    for page in _pages(site):
        assert '<html lang="en"' in _html(page) and not SWITCHER.findall(_html(page)), page
    assert '"lang":["en"]' in _html(site / "search" / "search_index.json").replace(" ", "")


def test_editions_false_builds_only_the_first_language(tmp_path):
    project = course_in_languages(tmp_path / "project", "french-then-english")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "course: french-then-english", "course: french-then-english\n      editions: false\n      handouts: false"
        )
    )
    build = run_mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    assert not (tmp_path / "site" / "en").exists()
    assert '<html lang="fr"' in _html(tmp_path / "site" / "modules" / "sample" / "index.html")


def test_a_french_course_with_a_missing_translation_fails_the_strict_build(tmp_path):
    project = course_in_languages(tmp_path / "project", "cours-en-francais")
    po = project / "translations" / "fr" / "modules" / "sample.po"
    po.write_text(po.read_text("utf-8").replace('msgstr "Le consentement d’abord"', 'msgstr ""'), "utf-8")
    build = run_mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert "translations/fr/modules/sample.po" in build.output and "untranslated" in build.output
    assert "Traceback" not in build.output


# --- the IPU course: English at the root, French in fr/, as before -------------------------------------


def test_the_ipu_course_is_english_at_the_root_and_french_in_its_folder(course_site):
    for page in ("index.html", "modules/parliaments-and-peace/index.html", "downloads/index.html"):
        assert '<html lang="en"' in _html(course_site / page), page
        assert '<html lang="fr"' in _html(course_site / "fr" / page), page
    assert "<title>Accueil - Diplomatie parlementaire et médiation</title>" in _html(course_site / "fr" / "index.html")
    assert "<title>Home - Parliamentary diplomacy and mediation</title>" in _html(course_site / "index.html")
    assert not (course_site / "en").exists()
    with pikepdf.open(course_site / "fr" / "downloads" / "workbook.pdf") as pdf:
        assert str(pdf.Root.Lang) == "fr"
        assert str(pdf.docinfo["/Title"]) == "Diplomatie parlementaire et médiation"


# --- the trainer edition and `make course` follow the first language ------------------------------


def test_the_trainer_edition_of_a_french_course_says_so_in_french(tmp_path):
    project = course_in_languages(tmp_path / "project", "cours-en-francais")
    build = run_mkdocs_build(project, tmp_path / "site", edition="trainer")
    assert build.returncode == 0, build.output
    page = _html(tmp_path / "site" / "modules" / "sample" / "index.html")
    assert '<p class="trainer-banner">Édition du formateur' in page
    assert "Trainer edition" not in page


def test_course_build_of_a_french_then_english_course(tmp_path):
    """`make course COURSE=<id>`: the site, the offline zip and the trainer edition, French first;
    each language's session plan names the breaks in its language."""
    project = course_in_languages(tmp_path / "project", "french-then-english")
    course_file = project / "courses" / "french-then-english.yml"
    course = course_file.read_text(encoding="utf-8")
    english_break = '    breaks: {"10:30": Coffee break}\n    organisation: Parliamentary'
    course = course.replace("    organisation: Parliamentary", english_break)
    course += 'session:\n  start: "09:00"\n  minutes: 180\n'
    course += '  breaks:\n    - {at: "10:30", minutes: 20, label: Pause café}\n'
    course_file.write_text(course, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "build_tools", "--root", str(project), "course", "build", "french-then-english"],
        capture_output=True, text=True, timeout=900, env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    out = project / "dist" / "french-then-english"
    assert '<html lang="fr"' in _html(out / "site" / "index.html")
    assert '<html lang="en"' in _html(out / "site" / "en" / "index.html")
    with zipfile.ZipFile(out / "offline-edition.zip") as zipped:
        assert '<html lang="fr"' in zipped.read("mediation-course/index.html").decode("utf-8")
        assert '<html lang="en"' in zipped.read("mediation-course/en/index.html").decode("utf-8")
    for folder, language, title in (
        ("", "fr", "Médiation\u00a0: un cours d’exemple"),
        ("en", "en", "Mediation: a sample course"),
    ):
        trainer = out / "trainer" / folder / "trainer-edition.pdf"
        with pikepdf.open(trainer) as pdf:
            assert str(pdf.Root.Lang) == language, trainer
            assert str(pdf.docinfo["/Title"]) == title, trainer
    for folder, label, other in (("", "Pause café", "Coffee break"), ("en", "Coffee break", "Pause café")):
        plan_pdf = pypdf.PdfReader(out / "trainer" / folder / "session-plan.pdf")
        plan = " ".join(page.extract_text() for page in plan_pdf.pages)
        assert label in plan and other not in plan, folder
