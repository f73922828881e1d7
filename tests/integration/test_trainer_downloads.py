"""The trainer edition's Downloads page, built: the SCORM packages and the question banks are files of
the site, each linked with its size and a line on how to import it into Moodle, in English and in
French (fixture `course_trainer_site`, the project's course built with EDITION=trainer).

The packages hold the learners' offline edition: their manifest parses and lists exactly their files,
and no page in them holds a facilitator note, an answer key or the name of a trainer file. A quick
preview (HANDOUTS=false) leaves the packages out and says so, with no link to a missing file.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from moodle_xml_parser.parser import parse_string

from build_tools.exports.bank import course_categories
from build_tools.exports.trainer_downloads import KINDS, OFFLINE_ZIP, SCORM_KINDS, file_names
from build_tools.i18n import translate_content
from build_tools.loader import load_content
from build_tools.packing import FOLDER
from build_tools.rendering import human_size, load_strings
from tests.conftest import ROOT
from tests.exports.expected import exported
from tests.exports.test_gift import parse_gift
from tests.exports.test_scorm_manifest import NAMESPACES
from tests.integration.test_downloads import links_in, resolve
from tests.integration.test_editions import leaks, notes_of

CONTENT = load_content(ROOT)
NAMES = file_names("ipu-workshop")
LANGUAGES = {"en": "", "fr": "fr/"}
VERSIONS = {"scorm12": "1.2", "scorm2004": "2004"}
KINDS_XML = ("single", "multiple", "true-false", "matching", "ordering", "reflection")


def strings(language: str) -> dict:
    return load_strings(language, ROOT)


def text(markup: str) -> str:
    """Text as a reader sees it: tags gone, entities decoded, the French no-break spaces as spaces."""
    inline = re.sub(r"</?(?:a|em|strong|code|span|abbr)\b[^>]*>", "", markup)
    plain = html.unescape(re.sub(r"<[^>]+>", " ", inline)).replace("\u00a0", " ").replace("\u202f", " ")
    return " ".join(plain.split())


def plain(markdown: str) -> str:
    return " ".join(re.sub(r"[*`]", "", markdown).split())


def downloads(site: Path, language: str) -> Path:
    return site / LANGUAGES[language] / "downloads"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_each_export_is_linked_with_its_size_and_how_to_import_it(course_trainer_site, language):
    folder = downloads(course_trainer_site, language)
    page = folder / "index.html"
    trainer = strings(language)["trainer"]
    found = {link.href: link for link in links_in(page)}
    for kind in KINDS:
        name = NAMES[kind]
        link = found[name]
        target = resolve(course_trainer_site, page, link.href)
        assert target == folder / name and target.is_file() and target.stat().st_size > 1000, name
        assert text(link.text) == text(trainer["lms_files"][kind]), (language, kind)
        size = human_size(target.stat().st_size, strings(language), language)
        assert f"({name.rsplit('.', 1)[1].upper()}, {text(size)})" in text(link.item), (language, kind)
        assert plain(text(trainer["lms_imports"][kind])) in text(link.item), (language, kind)
    markup = page.read_text(encoding="utf-8")
    assert text(trainer["lms_heading"]) in text(markup)
    assert plain(text(trainer["lms_scorm_left_out"])) not in text(markup)


def test_the_french_page_speaks_french(course_trainer_site):
    french = text((downloads(course_trainer_site, "fr") / "index.html").read_text(encoding="utf-8"))
    english = strings("en")["trainer"]
    assert "Dans Moodle : Banque de questions → Importer, format Format Moodle XML" in french
    assert not [kind for kind in KINDS if plain(english["lms_imports"][kind]) in french]


def test_every_link_of_the_trainers_downloads_page_resolves(course_trainer_site):
    for language in LANGUAGES:
        page = downloads(course_trainer_site, language) / "index.html"
        local = [link.href for link in links_in(page) if not re.match(r"[a-z]+:|#", link.href)]
        assert local and not [href for href in local if not resolve(course_trainer_site, page, href).is_file()]


@pytest.mark.parametrize("kind", SCORM_KINDS)
def test_the_scorm_package_has_its_manifest_at_its_root_listing_every_file(course_trainer_site, kind):
    CP, _ = NAMESPACES[VERSIONS[kind]]
    with zipfile.ZipFile(downloads(course_trainer_site, "en") / NAMES[kind]) as archive:
        names = archive.namelist()
        root = ET.fromstring(archive.read("imsmanifest.xml"))
    assert root.tag == f"{CP}manifest"
    listed = [unquote(f.get("href")) for f in root.iter(f"{CP}file")]
    assert sorted(listed) == sorted(set(names) - {"imsmanifest.xml"})
    launches = {unquote(r.get("href")) for r in root.iter(f"{CP}resource") if r.get("href")}
    assert {f"modules/{m.id}.html" for m in CONTENT.modules} <= launches
    assert "fr/index.html" in names  # every language of the offline edition


def test_both_editions_offer_the_same_packages(course_trainer_site):
    for kind in SCORM_KINDS:
        english = (downloads(course_trainer_site, "en") / NAMES[kind]).read_bytes()
        assert (downloads(course_trainer_site, "fr") / NAMES[kind]).read_bytes() == english


def test_the_packages_hold_the_learners_edition_and_no_trainer_material(course_trainer_site, tmp_path):
    with zipfile.ZipFile(downloads(course_trainer_site, "en") / NAMES["scorm12"]) as archive:
        archive.extractall(tmp_path / "package")
    assert leaks(tmp_path / "package") == []
    french, _ = translate_content(CONTENT, ROOT, "fr", strict=True)
    assert leaks(tmp_path / "package" / "fr", notes_of(french)) == []


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_offline_zip_the_page_promises_is_offered_and_holds_the_learners_edition(
    course_trainer_site, language, tmp_path
):
    """`make trainer` on a fresh clone: the zip comes from the learners' build of the SCORM packages."""
    page = downloads(course_trainer_site, language) / "index.html"
    assert text(strings(language)["downloads_intro"]) in text(page.read_text(encoding="utf-8"))
    [link] = [link for link in links_in(page) if link.href == OFFLINE_ZIP]
    assert text(link.text) == text(strings(language)["downloads_offline"])
    zipped = downloads(course_trainer_site, language) / OFFLINE_ZIP
    with zipfile.ZipFile(zipped) as archive:
        archive.extractall(tmp_path)
    edition = tmp_path / FOLDER
    assert (edition / "index.html").is_file() and (edition / "fr" / "index.html").is_file()
    for index in edition.rglob("search/search_index.js"):  # the copy read from file://, as JSON for `leaks`
        index.with_suffix(".json").write_text(index.read_text("utf-8").removeprefix("var __index = "), "utf-8")
    assert leaks(edition) == []
    assert zipped.read_bytes() == (downloads(course_trainer_site, "en") / OFFLINE_ZIP).read_bytes()


def test_the_moodle_bank_parses_with_the_export_tests_checkers(course_trainer_site):
    xml = (downloads(course_trainer_site, "en") / NAMES["moodle"]).read_text(encoding="utf-8")
    categories = [q.findtext("category/text") for q in ET.fromstring(xml).findall("question[@type='category']")]
    title = "Parliamentary diplomacy and mediation"
    assert categories == [f"$course$/top/{c.name}" for c in course_categories(CONTENT, title)]
    assert len(categories) >= len(CONTENT.modules)  # one per module, then one per assessment
    multichoice = [q for quiz in CONTENT.quizzes.values() for q in exported(quiz, ("single", "multiple"))]
    assert len(parse_string(xml)["multichoice"]) == len(multichoice)


def test_the_zipped_quiz_banks_parse(course_trainer_site, tmp_path):
    folder = downloads(course_trainer_site, "en")
    with zipfile.ZipFile(folder / NAMES["moodle-quizzes"]) as archive:
        files = {name: archive.read(name).decode("utf-8") for name in archive.namelist()}
    assert sorted(files) == sorted(f"moodle/{q.id}.xml" for q in CONTENT.quizzes.values() if exported(q, KINDS_XML))
    for name, xml in files.items():
        ET.fromstring(xml)
        quiz = CONTENT.quizzes[name.removeprefix("moodle/").removesuffix(".xml")]
        assert len(parse_string(xml).get("multichoice", [])) == len(exported(quiz, ("single", "multiple")))
    with zipfile.ZipFile(folder / NAMES["gift"]) as archive:
        gifts = [archive.read(name).decode("utf-8") for name in archive.namelist()]
    parsed = parse_gift(gifts, tmp_path)
    assert len(parsed) == len(gifts) and all(parsed)


def test_the_french_banks_are_in_french(course_trainer_site):
    french, _ = translate_content(CONTENT, ROOT, "fr", strict=True)
    xml = (downloads(course_trainer_site, "fr") / NAMES["moodle"]).read_text(encoding="utf-8")
    categories = [q.findtext("category/text") for q in ET.fromstring(xml).findall("question[@type='category']")]
    title = strings("fr")["site"]["name"]
    assert categories == [f"$course$/top/{c.name}" for c in course_categories(french, title)]
    assert categories[0].endswith(f"1. {french.modules[0].title}")
    assert french.modules[0].title != CONTENT.modules[0].title


# ---- A quick preview -------------------------------------------------------------------------------


def test_a_quick_preview_offers_the_banks_and_says_it_leaves_out_the_packages(
    tmp_path, copy_fixture_site, run_mkdocs_build
):
    project = copy_fixture_site(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        re.sub(r"  - mediation .*\n", "  - mediation:\n      handouts: false\n", config.read_text("utf-8")), "utf-8"
    )
    build = run_mkdocs_build(project, tmp_path / "site", edition="trainer")
    assert build.returncode == 0, build.output
    folder = build.site / "downloads"
    page = folder / "index.html"
    markup = page.read_text(encoding="utf-8")
    assert plain(text(strings("en")["trainer"]["lms_scorm_left_out"])) in text(markup)
    hrefs = [link.href for link in links_in(page) if not link.href.startswith("#")]
    assert sorted(hrefs) == sorted(NAMES[kind] for kind in KINDS if kind not in SCORM_KINDS)
    assert all(resolve(build.site, page, href).is_file() for href in hrefs)
    assert not list(folder.glob("*scorm*")) and not (project / ".cache" / "lms").exists()
    assert 'href="downloads/"' in (build.site / "index.html").read_text(encoding="utf-8")  # in the navigation
