"""A course's `languages` decide its language editions: the first at the site's root, each other in
its folder; a language other than English is translated, wherever it stands. The course's own texts
(title, subtitle, organisation, footer) are written in its first language and given in the others
under `translations`.

Bad course files are in tests/fixtures/invalid-courses (language-*.yml, texts-in-no-other-language.yml),
checked by tests/test_courses.py; the builds are in tests/integration/test_course_languages_built.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_tools.courses.branding import course_texts, session_in, site_settings
from build_tools.courses.load import load_course, load_course_content
from build_tools.courses.model import Course
from build_tools.i18n.editions import alternates, edition_languages, error_page_base, folder_of, is_translated
from build_tools.problems import ContentError
from build_tools.rendering import load_strings
from tests.conftest import FRENCH, ROOT
from tests.conftest import bilingual_project as make_bilingual_project

COURSES = ROOT / "tests" / "fixtures" / "course-languages" / "courses"
NBSP = "\u00a0"


def _course(**fields) -> Course:
    base = {"id": "c", "title": "A course", "organisation": "An institute", "modules": ["sample"]}
    return Course.model_validate({**base, **fields})


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The fixture site with its French translation and the fixture courses in three languages' orders."""
    project = make_bilingual_project(tmp_path_factory.mktemp("course-languages") / "project")
    shutil.copytree(COURSES, project / "courses")
    return project


def test_the_course_decides_the_languages_and_their_order():
    assert edition_languages(["fr"], ["fr"]) == ["fr"]
    assert edition_languages(["fr", "en"], ["fr"]) == ["fr", "en"]
    assert edition_languages(["en"], ["fr", "ar"]) == ["en"]
    # a project without a course file: English, then every language that has translations
    assert edition_languages(None, ["fr", "ar"]) == ["en", "fr", "ar"]


def test_at_the_root_and_translated_are_two_questions():
    assert folder_of(["fr", "en"], "fr") == "" and is_translated("fr")
    assert folder_of(["fr", "en"], "en") == "en/" and not is_translated("en")
    assert folder_of(["en", "fr"], "fr") == "fr/"


def test_an_editions_error_page_starts_its_links_at_its_folder():
    """mkdocs starts an error page's links at site_url's path, or at `/` with none set: the first
    edition's root. An edition in a folder gets its own site_url, so only the unset case needs it."""
    assert error_page_base("", "fr/") == "/fr/"
    assert error_page_base(None, "en/") == "/en/"
    assert error_page_base("https://example.org/cours/fr/", "fr/") is None  # mkdocs takes /cours/fr/
    assert error_page_base("", "") is None  # the first edition, at the root


def test_alternates_of_a_french_first_course():
    french, english = alternates(["fr", "en"], "en", "https://example.org/cours/")
    assert (french["lang"], french["root"], french["url"], french["current"]) == (
        "fr", "../", "https://example.org/cours/", False
    )  # fmt: skip
    assert (english["root"], english["url"], english["current"]) == ("../en/", "https://example.org/cours/en/", True)


def test_the_ipu_course_gives_its_french_texts_as_the_site_had_them():
    """The French edition of the IPU site keeps the name, description and footer it had from the
    strings table before the course gave its own."""
    course = load_course(ROOT, "ipu-workshop")
    assert course.languages == ["en", "fr"]
    french, strings = site_settings(ROOT, course, "fr"), load_strings("fr", ROOT)["site"]
    assert (french.site_name, french.site_description, french.copyright) == (
        strings["name"], strings["description"], strings["copyright"]
    )  # fmt: skip
    english = site_settings(ROOT, course)
    assert english.site_name == course.title == "Parliamentary diplomacy and mediation"


def test_course_texts_are_written_in_the_first_language_and_given_in_the_others():
    course = _course(
        title="Médiation : un cours",
        organisation="Institut",
        languages=["fr", "en"],
        translations={"en": {"title": "Mediation: a course"}},
    )
    french = course_texts(course)
    assert french.title == f"Médiation{NBSP}: un cours"  # French typography, as translated text has
    assert french.footer == french.organisation == "Institut"
    english = course_texts(course, "en")
    assert english.title == "Mediation: a course"
    assert english.organisation == english.footer == "Institut"  # left out: as written


def test_a_language_without_its_title_is_shown_as_written_with_a_warning(project):
    path = project / "courses" / "french-then-english.yml"
    text = path.read_text("utf-8")
    try:
        path.write_text(text[: text.index("translations:")] + text[text.index("modules:") :], "utf-8")
        loaded = load_course_content(project, "french-then-english")
    finally:
        path.write_text(text, "utf-8")
    assert [w.as_text() for w in loaded.warnings] == [
        "courses/french-then-english.yml:6: warning: languages[2]: the course's title has no 'en' text: its en "
        "edition shows it as written (hint: add translations: {en: {title: ...}} with the title in that language)"
    ]
    assert course_texts(loaded.course, "en").title == f"Médiation{NBSP}: un cours d’exemple"


@pytest.mark.parametrize("course_id", ["cours-en-francais", "french-then-english", "english-only"])
def test_the_fixture_courses_have_no_problem_where_french_is_translated(project, course_id):
    loaded = load_course_content(project, course_id)
    assert loaded.warnings == []


def test_french_is_a_problem_where_it_has_no_translation(tmp_path):
    project = make_bilingual_project(tmp_path / "project")
    shutil.copytree(COURSES, project / "courses")
    shutil.rmtree(project / "translations")
    with pytest.raises(ContentError) as caught:
        load_course_content(project, "cours-en-francais")
    assert [p.as_text() for p in caught.value.problems] == [
        "courses/cours-en-francais.yml:6: languages[1]: 'fr' has no translation: it is neither en nor in "
        "translations/languages.yml (hint: add it to translations/languages.yml and run `make translations`, "
        "then translate translations/fr/)"
    ]
    assert (FRENCH / "translations" / "languages.yml").is_file()


def test_languages_model_rules():
    assert _course().languages == ["en"]
    with pytest.raises(ValueError, match="at least 1 item"):
        _course(languages=[])
    with pytest.raises(ValueError, match="title"):
        _course(languages=["en", "fr"], translations={"fr": {"subtitle": "Sans titre"}})


# --- the session's break labels ------------------------------------------------------------------

SESSION = {"start": "09:00", "minutes": 180, "breaks": [{"at": "10:30", "minutes": 20, "label": "Coffee"},
                                                         {"at": "12:00", "minutes": 10}]}  # fmt: skip


def test_break_labels_are_given_in_each_language_by_their_time():
    course = _course(
        languages=["en", "fr"], session=SESSION, translations={"fr": {"title": "Un cours", "breaks": {"10:30": "Café"}}}
    )
    french = session_in(course, "fr", load_strings("fr", ROOT)["trainer"]["plan_break"])
    assert [(b.at, b.label) for b in french.breaks] == [("10:30", "Café"), ("12:00", "Pause")]
    english = session_in(course, "en", load_strings("en")["trainer"]["plan_break"])
    assert [(b.at, b.label) for b in english.breaks] == [("10:30", "Coffee"), ("12:00", "Break")]
    untranslated = _course(languages=["en", "fr"], session=SESSION, translations={"fr": {"title": "Un cours"}})
    assert session_in(untranslated, "fr", "Pause").breaks[0].label == "Coffee"  # as written, as the title is
    assert session_in(_course(), "en", "Break") is None


def test_a_labelled_break_without_its_label_in_another_language_is_a_warning(project):
    path = project / "courses" / "french-then-english.yml"
    text = path.read_text("utf-8")
    session = 'session:\n  start: "09:00"\n  minutes: 180\n  breaks:\n    - {at: "10:30", minutes: 20, label: Café}\n'
    try:
        path.write_text(text + session, "utf-8")
        loaded = load_course_content(project, "french-then-english")
        path.write_text(text.replace("    organisation:", '    breaks: {"10:30": Coffee}\n    organisation:') + session)
        translated = load_course_content(project, "french-then-english")
    finally:
        path.write_text(text, "utf-8")
    line = len(text.splitlines()) + 5
    assert [w.as_text() for w in loaded.warnings] == [
        f"courses/french-then-english.yml:{line}: warning: session.breaks[1].label: the break at 10:30 has no 'en' "
        "label: its en session plan shows it as written "
        '(hint: add translations: {en: {breaks: {"10:30": ...}}} with the label in that language)'
    ]
    assert translated.warnings == []
    assert session_in(translated.course, "en", "Break").breaks[0].label == "Coffee"
