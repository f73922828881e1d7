"""The translation workflow: units, PO merge, draft import, translated content, checks, fingerprints.

The invalid PO files in tests/fixtures/translations/invalid start with header comments:

    # po: modules/sample.po            where it goes under translations/fr/ in a copy of tests/fixtures/site
    # expect: translations/fr/...     one line per problem, exactly as Problem.as_text() prints it
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from build_tools.cli import main
from build_tools.i18n import html_with_untranslated, translate_content, translated_page, without_marks
from build_tools.i18n.catalogs import read_catalog, write_catalog
from build_tools.i18n.checks import translation_problems
from build_tools.i18n.importer import import_drafts
from build_tools.i18n.markdown_units import split_markdown
from build_tools.i18n.settings import languages
from build_tools.i18n.typography import NBSP, NNBSP, french
from build_tools.i18n.units import read_source, sources, units_of
from build_tools.i18n.workflow import templates, update_language
from build_tools.loader import load_content
from build_tools.rendering import Renderer, load_strings, question_fingerprint

TESTS = Path(__file__).resolve().parent
SITE = TESTS / "fixtures" / "site"
FIXTURES = TESTS / "fixtures" / "translations"
INVALID = FIXTURES / "invalid"
DRAFTS = FIXTURES / "drafts" / "fr"
SUMMARY = "translations/fr: warning:"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A copy of the fixture course with an empty French translation and the fixtures' term table."""
    root = tmp_path / "course"
    shutil.copytree(SITE, root)
    (root / "translations" / "fr").mkdir(parents=True)
    (root / "translations" / "languages.yml").write_text("languages: [fr]\n")
    shutil.copy(FIXTURES / "terminology.yml", root / "translations" / "fr" / "terminology.yml")
    return root


def update(root: Path) -> list:
    all_templates, problems = templates(root)
    assert not problems
    updates, problems = update_language(root, "fr", all_templates)
    assert not problems
    return updates


def imported(root: Path) -> Path:
    """The course with the French draft of the sample module imported."""
    drafts = root / "translations" / "drafts" / "fr"
    shutil.copytree(DRAFTS, drafts)
    results, problems = import_drafts(root, "fr", drafts)
    assert not problems, [p.as_text() for p in problems]
    assert [r.deleted for r in results] == [True]
    return root


# Units --------------------------------------------------------------------------------------------


def test_markdown_is_split_by_paragraph_list_item_heading_and_cell():
    text = (
        "A paragraph that is\nwrapped.\n\n- one item\n  continued\n- two\n\n## A heading\n\n"
        "| Year | Event |\n|---|---|\n| 1945 | The Charter |\n\n> quoted\n> text\n>\n> 1. *first*\n"
    )
    split = split_markdown(text)
    assert split.units == (
        "A paragraph that is wrapped.",
        "one item continued",
        "two",
        "A heading",
        "Year",
        "Event",
        "1945",
        "The Charter",
        "quoted text",
        "*first*",
    )
    assert split.join(split.units) == (
        "A paragraph that is wrapped.\n\n- one item continued\n- two\n\n## A heading\n\n"
        "| Year | Event |\n|---|---|\n| 1945 | The Charter |\n\n> quoted text\n>\n> 1. *first*"
    )


def test_a_wrapped_line_starting_with_a_number_is_not_a_list_item():
    assert split_markdown("It happened in\n2024. Then it ended.").units == ("It happened in 2024. Then it ended.",)


def test_code_and_html_blocks_are_one_unit_each_and_comments_none():
    split = split_markdown("```yaml\nid: x\n\nbody: y\n```\n\n<!-- module-list -->\n\n<figure>\n<p>A</p>\n</figure>")
    assert split.units == ("id: x\n\nbody: y", "<figure>\n<p>A</p>\n</figure>")
    assert split.code == {0}


def test_french_typography_never_touches_a_code_block_of_a_translated_page():
    page = translated_page(TESTS.parent, "authoring.md", "fr")
    assert "# yaml-language-server: $schema=../schemas/module.schema.json" in page
    assert f"## Les identifiants{NBSP}: des noms qui ne changent jamais" in page


def test_contexts_are_id_paths_and_structure_stays_out_of_the_po_files():
    source = next(s for s in sources(SITE) if s.name == "quizzes/sample-check.yml")
    fields, lines, problems = read_source(SITE, source)
    units = units_of(fields, lines)
    assert not problems
    contexts = {u.context for u in units}
    assert all(c.startswith("sample-check/") for c in contexts)
    assert not any(part.isdigit() for c in contexts for part in c.split("/")), "a position in a context"
    data = yaml.safe_load((SITE / "quizzes" / "sample-check.yml").read_text())
    ids = {q["id"] for q in data["questions"]} | {o["id"] for q in data["questions"] for o in q.get("options", [])}
    assert not ids & {u.text for u in units}, "an id or answer key as a text to translate"


def test_no_unit_is_only_numbers_or_an_address():
    module = next(s for s in sources(SITE) if s.name == "modules/sample.yml")
    texts = {u.text for u in units_of(*read_source(SITE, module)[:2])}
    assert "https://example.org/source" not in texts  # a reference's address
    assert "2012" not in texts  # its year
    assert "A source" in texts and "A publisher" in texts


MSGFMT = shutil.which("msgfmt") or "msgfmt"
"""GNU gettext's checker, which `make test` installs (apt-get install gettext)."""


# make translations ----------------------------------------------------------------------------------


def test_po_files_open_in_po_editors_as_they_are(course: Path):
    update(course)
    path = course / "translations" / "fr" / "modules" / "sample.po"
    text = path.read_text(encoding="utf-8")
    for header in ("Language: fr", "Plural-Forms: nplurals=", "Content-Type: text/plain; charset=utf-8"):
        assert header in text
    catalog, problems = read_catalog(path, "sample.po")
    assert not problems and catalog.locale_identifier == "fr"
    assert 'msgctxt "sample/sections/who-decides/body"\nmsgid "one"' in text


def test_one_changed_english_sentence_makes_exactly_its_entry_fuzzy(course: Path, capsys):
    imported(course)
    module = course / "modules" / "sample.yml"
    module.write_text(module.read_text().replace("Nobody can be mediated", "No one can be mediated"))
    assert main(["--root", str(course), "translations", "update"]) == 0
    out = capsys.readouterr().out
    fuzzy_lines = [line for line in out.splitlines() if ": fuzzy: " in line]
    assert fuzzy_lines == [
        "translations/fr/modules/sample.po: fuzzy: sample/sections/consent/body: the English changed: "
        "No one can be mediated against their will."
    ]
    catalog, _ = read_catalog(course / "translations/fr/modules/sample.po", "sample.po")
    fuzzy = [m for m in catalog if m.fuzzy and m.id]
    assert [(m.context, m.id, m.previous_id, m.string) for m in fuzzy] == [
        (
            "sample/sections/consent/body",
            "No one can be mediated against their will.",
            ["Nobody can be mediated against their will."],
            "Nul ne peut faire l’objet d’une médiation contre sa volonté.",
        )
    ]
    text = (course / "translations/fr/modules/sample.po").read_text()
    assert '#| msgid "Nobody can be mediated against their will."' in text


def test_a_long_previous_english_is_written_as_gettext_reads_it_and_stays_put(course: Path):
    """Poedit and Weblate read `#| msgid` lines with GNU gettext's parser: a previous English that
    is long enough to wrap must be `#| msgid ""` and `#| "..."` lines, not a wrapped comment."""
    imported(course)
    module = course / "modules" / "sample.yml"
    text = module.read_text()
    po = course / "translations/fr/modules/sample.po"
    longer = "Nobody, whatever office they hold in parliament or in government, can be mediated"
    module.write_text(text.replace("Nobody can be mediated", longer))
    update(course)
    catalog, _ = read_catalog(po, "sample.po")
    for message in catalog:  # the translator accepts the translation of the longer English
        message.flags.discard("fuzzy")
        message.previous_id = []
    write_catalog(po, catalog)
    module.write_text(text.replace("Nobody can be mediated", longer.replace("Nobody", "No one")))
    update(course)
    written = po.read_text(encoding="utf-8")
    assert '#| msgid ""\n#| "Nobody, whatever office they hold in parliament or in government, can' in written
    assert "\n# " not in written.split("\n\n", 1)[1]  # no comment lines but Babel's own
    result = subprocess.run([MSGFMT, "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stderr, result.stderr
    catalog, _ = read_catalog(po, "sample.po")
    (fuzzy,) = [m for m in catalog if m.fuzzy and m.id]
    assert fuzzy.previous_id == [f"{longer} against their will."] and not fuzzy.user_comments
    update(course)
    assert po.read_text(encoding="utf-8") == written


def test_removed_text_becomes_obsolete_and_new_text_untranslated(course: Path):
    imported(course)
    module = course / "modules" / "sample.yml"
    module.write_text(module.read_text().replace("  - Table a question.\n", "  - Write to the Speaker.\n"))
    update(course)
    text = (course / "translations/fr/modules/sample.po").read_text()
    assert '#~ msgctxt "sample/action_points"\n#~ msgid "Table a question."\n#~ msgstr "Déposer une question."' in text
    assert 'msgctxt "sample/action_points"\nmsgid "Write to the Speaker."\nmsgstr ""' in text


def test_an_unchanged_course_rewrites_no_po_file(course: Path):
    imported(course)
    update(course)
    assert not any(u.written for u in update(course))


def test_status_table_counts_translated_fuzzy_and_untranslated(course: Path, capsys):
    imported(course)
    assert main(["--root", str(course), "translations"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["fr:", "file", "translated", "fuzzy", "untranslated", "percent"]
    row = next(line for line in out.splitlines() if "translations/fr/modules/sample.po" in line)
    assert row.split() == ["translations/fr/modules/sample.po", "28", "0", "0", "100%"]


# Import of drafts ---------------------------------------------------------------------------------


def test_round_trip_draft_to_po_to_translated_content_gives_the_drafts_texts(course: Path):
    imported(course)
    content = load_content(course)
    french_content, problems = translate_content(content, course, "fr", strict=False)
    assert not [p for p in problems if "modules/sample.po" in p.file]
    draft = yaml.safe_load((DRAFTS / "modules" / "sample.yml").read_text())
    module = french_content.module_by_id("sample")
    assert module.title == draft["title"]
    assert module.why_it_matters == draft["why_it_matters"].strip()
    body = "En médiation, les **parties** décident. En arbitrage, un tiers décide.\n\n- un\n- deux"
    assert module.sections[0].body == body
    assert module.sections[0].figure.caption == draft["sections"][0]["figure"]["caption"].replace(" ;", NNBSP + ";")
    assert module.facilitator_notes.discussion_prompts == ["Qui décide" + NNBSP + "?"]
    assert module.takeaways == draft["takeaways"] and module.action_points == draft["action_points"]
    assert module.language == "fr"
    english = content.module_by_id("sample")
    assert [s.id for s in module.sections] == [s.id for s in english.sections]
    assert module.references[0].url == english.references[0].url


def test_a_draft_that_cannot_be_paired_is_reported_and_kept(course: Path):
    drafts = course / "translations" / "drafts" / "fr"
    shutil.copytree(DRAFTS, drafts)
    draft = drafts / "modules" / "sample.yml"
    draft.write_text(draft.read_text().replace("      - un\n      - deux\n", "      - un, deux\n"))
    results, problems = import_drafts(course, "fr", drafts)
    assert [p.as_text() for p in problems] == [
        "translations/drafts/fr/modules/sample.yml:21: sections[0].body: 3 paragraphs, list items or cells in "
        "English, 2 in the draft: cannot pair them (hint: keep the English paragraphs (blank lines), list items "
        "and table shape; translate inside them)"
    ]
    assert draft.is_file() and not results[0].deleted
    assert results[0].paired == 25  # everything else was imported


# Translated content ---------------------------------------------------------------------------------


def test_untranslated_text_falls_back_to_marked_english_with_a_warning(course: Path):
    content = load_content(course)
    french_content, problems = translate_content(content, course, "fr", strict=False)
    assert french_content.module_by_id("sample").title == "\ue000A sample module\ue001"
    sample = [p.as_text() for p in problems if p.file == "translations/fr/modules/sample.po"]
    assert sample == [
        "translations/fr/modules/sample.po: warning: 28 untranslated texts shown in English (hint: no such file "
        "yet: run `make translations` (python -m build_tools translations update), which makes it from the English; "
        "then translate it in Poedit or Weblate)"
    ]


def test_strict_build_refuses_an_incomplete_or_fuzzy_language(course: Path):
    imported(course)
    module = course / "modules" / "sample.yml"
    module.write_text(module.read_text().replace("Nobody can be mediated", "No one can be mediated"))
    update(course)
    _, problems = translate_content(load_content(course), course, "fr", strict=True)
    sample = [p for p in problems if p.file == "translations/fr/modules/sample.po"]
    assert [(p.severity, p.message) for p in sample] == [("error", "1 fuzzy text shown in English")]


def test_a_translation_that_breaks_a_link_shows_the_english(course: Path):
    update(course)
    po = course / "translations/fr/strings.po"
    catalog, _ = read_catalog(po, "strings.po")
    message = catalog.get(
        "If you find an error, please tell the course team at [{contact}][1], with the module, "
        "the sentence and your source.",
        context="contact_email",
    )
    message.string = "Écrivez à [{contact}](https://example.org)."
    write_catalog(po, catalog)
    assert load_strings("fr", root=course)["contact_email"].startswith("If you find an error")


def test_marks_become_a_span_in_page_text_and_vanish_where_no_span_can_go():
    html = (
        '<title>\ue000Home\ue001</title><p title="\ue000x\ue001">\ue000Some <em>English</em>\ue001</p>'
        "<script>var t = '\ue000a\ue001';</script>"
    )
    assert html_with_untranslated(html) == (
        '<title>Home</title><p title="x"><span lang="en" class="untranslated">Some <em>English</em></span></p>'
        "<script>var t = 'a';</script>"
    )
    assert without_marks("\ue000Home\ue001") == "Home"


def test_translated_page_keeps_front_matter_and_structure(course: Path):
    (course / "docs" / "about.md").write_text(
        "---\ntitle: About\ndescription: What this is.\n---\n\n# About\n\nRead [the guide](guide.md): it helps.\n"
    )
    update(course)
    po = course / "translations/fr/docs/about.po"
    catalog, _ = read_catalog(po, "about.po")
    for message in catalog:
        message.string = {
            "About": "À propos",
            "What this is.": "Ce que c’est.",
            "Read [the guide][1]: it helps.": "Lisez [le guide][1] : il aide.",
        }.get(message.id, "")
    write_catalog(po, catalog)
    assert translated_page(course, "about.md", "fr") == (
        '---\ntitle: "À propos"\ndescription: "Ce que c’est."\n---\n\n# À propos\n\n'
        f"Lisez [le guide](guide.md){NBSP}: il aide.\n"
    )


def test_interface_strings_come_from_the_po_file_with_french_typography(course: Path):
    drafts = course / "translations" / "drafts" / "fr"
    drafts.mkdir(parents=True)
    english = yaml.safe_load((TESTS.parent / "build_tools" / "strings" / "en.yml").read_text())
    english["engine"]["check"] = "Vérifier la réponse"
    english["engine"]["question_result"] = "Question {number}: {verdict}"
    (drafts / "strings.yml").write_text(yaml.safe_dump(english, allow_unicode=True))
    import_drafts(course, "fr", drafts)
    strings = load_strings("fr", root=course)
    assert strings["engine"]["check"] == "Vérifier la réponse"
    assert strings["engine"]["question_result"] == f"Question {{number}}{NBSP}: {{verdict}}"
    assert load_strings("en", root=course)["engine"]["check"] == "Check answer"


def test_french_typography_spares_code_links_and_addresses():
    assert french("Pourquoi? « Oui » : voir [ici](https://x.org/a?b=c:d) !") == (
        f"Pourquoi{NNBSP}? «{NNBSP}Oui{NNBSP}»{NBSP}: voir [ici](https://x.org/a?b=c:d){NNBSP}!"
    )
    assert french("`a:b` à 14:30 ; <https://x.org>") == f"`a:b` à 14:30{NNBSP}; <https://x.org>"
    assert french("Module 1: titre, à 10:30") == f"Module 1{NBSP}: titre, à 10:30"  # a number, a colon, a space
    assert french("13% et 6 %") == f"13{NBSP}% et 6{NBSP}%"


# Fingerprints ---------------------------------------------------------------------------------------


def test_saved_answers_survive_a_change_of_language_and_still_reset_when_the_english_changes(course: Path):
    quiz = course / "quizzes" / "sample-check.yml"
    data = yaml.safe_load(quiz.read_text())
    drafts = course / "translations" / "drafts" / "fr" / "quizzes"
    drafts.mkdir(parents=True)
    for question in data["questions"]:
        question["prompt"] = "FR " + question["prompt"]
        for option in question.get("options", []):
            option["text"] = "FR " + option["text"]
    (drafts / "sample-check.yml").write_text(yaml.safe_dump(data, allow_unicode=True))
    import_drafts(course, "fr", drafts.parent)
    content = load_content(course)
    french_content, _ = translate_content(content, course, "fr", strict=False)
    english_questions = content.quizzes["sample-check"].questions
    french_questions = french_content.quizzes["sample-check"].questions
    assert french_questions[0].prompt.startswith("FR ")
    assert [question_fingerprint(q) for q in french_questions] == [question_fingerprint(q) for q in english_questions]
    french = Renderer(french_content, language="fr")
    page = french.fill(french.quiz_page(french_content.quizzes["sample-check"]))
    assert f'data-fingerprint="{question_fingerprint(english_questions[0])}"' in page
    english_data = Renderer(content).catalogue()["quizzes"]
    french_data = Renderer(french_content, language="fr").catalogue()["quizzes"]
    assert [q["fingerprint"] for quiz in french_data for q in quiz["questions"]] == [
        q["fingerprint"] for quiz in english_data for q in quiz["questions"]
    ]
    quiz.write_text(quiz.read_text().replace(data["questions"][0]["prompt"][3:], "A changed prompt?", 1))
    changed = load_content(course)
    changed_french, _ = translate_content(changed, course, "fr", strict=False)
    before = question_fingerprint(french_questions[0])
    assert question_fingerprint(changed_french.quizzes["sample-check"].questions[0]) != before


# Checks ---------------------------------------------------------------------------------------------


def invalid_cases() -> list[Path]:
    return sorted(INVALID.glob("*.po"))


def header(path: Path) -> tuple[str, list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    po = next(line.split(": ", 1)[1] for line in lines if line.startswith("# po: "))
    return po, [line.split(": ", 1)[1] for line in lines if line.startswith("# expect: ")]


@pytest.mark.parametrize("path", invalid_cases(), ids=lambda p: p.stem)
def test_invalid_translation_is_reported_exactly(path: Path, course: Path):
    po, expected = header(path)
    update(course)
    target = course / "translations" / "fr" / po
    target.write_bytes(path.read_bytes())
    found = [p.as_text() for p in translation_problems(course) if not p.as_text().startswith(SUMMARY)]
    assert sorted(found) == sorted(expected)


def test_a_broken_po_file_is_a_problem_in_make_check_not_a_traceback(course: Path, capsys):
    update(course)
    (course / "translations/fr/modules/sample.po").write_text('msgid "x"\nmsgstr "y\n', encoding="utf-8")
    assert main(["--root", str(course), "check"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        "translations/fr/modules/sample.po:2: not a valid PO file: a text without its closing quote (\") (hint: "
        "open it in Poedit, which shows the error, or restore the file with git; then run `make translations`)"
    )
    assert "Traceback" not in out


def test_a_po_file_that_is_not_utf8_is_a_problem_with_its_line(course: Path):
    update(course)
    path = course / "translations/fr/modules/sample.po"
    path.write_bytes(b'msgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "\xe9"\n')
    assert [p.as_text().split(" (hint")[0] for p in translation_problems(course)][0] == (
        "translations/fr/modules/sample.po:5: not a valid PO file: not UTF-8 text"
    )


def test_the_complete_french_course_has_no_translation_errors():
    root = TESTS.parent
    errors = [p.as_text() for p in translation_problems(root) if p.severity == "error"]
    assert errors == []


def test_adding_a_language_is_one_line_then_make_translations(course: Path, capsys):
    (course / "translations" / "languages.yml").write_text("languages: [fr, ar]\n")
    assert [(lang.code, lang.name, lang.direction) for lang in languages(course)] == [
        ("fr", "Français", "ltr"),
        ("ar", "العربية", "rtl"),
    ]
    assert main(["--root", str(course), "translations", "update"]) == 0
    po = course / "translations" / "ar" / "modules" / "sample.po"
    assert "Language: ar" in po.read_text(encoding="utf-8")
    assert "translations/ar/modules/sample.po" in capsys.readouterr().out


def test_every_po_file_passes_gettexts_own_check():
    """What Poedit and Weblate run on a file: msgfmt --check (headers, formats, syntax)."""
    files = sorted((TESTS.parent / "translations").rglob("*.po"))
    assert files
    for path in files:
        result = subprocess.run([MSGFMT, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert result.returncode == 0 and not result.stderr, f"{path}: {result.stderr}"


def test_content_translated_outside_the_markdown_subset_shows_the_english(course: Path):
    update(course)
    po = course / "translations/fr/modules/sample.po"
    catalog, _ = read_catalog(po, "sample.po")
    catalog.get("Nobody can be mediated against their will.", context="sample/sections/consent/body").string = (
        "## Nul ne peut faire l’objet d’une médiation contre sa volonté."
    )
    write_catalog(po, catalog)
    french_content, problems = translate_content(load_content(course), course, "fr", strict=False)
    body = french_content.module_by_id("sample").sections[1].body
    assert body == "\ue000Nobody can be mediated against their will.\ue001"
    sample = next(p.message for p in problems if p.file == "translations/fr/modules/sample.po")
    assert "faulty (see `make check`)" in sample


def test_a_revised_draft_replaces_the_po_translation_only_with_overwrite(course: Path):
    imported(course)
    drafts = course / "translations" / "drafts" / "fr"
    shutil.copytree(DRAFTS, drafts, dirs_exist_ok=True)
    draft = drafts / "modules" / "sample.yml"
    draft.write_text(draft.read_text().replace("Le dialogue aide.", "Le dialogue est utile."))
    results, _ = import_drafts(course, "fr", drafts, delete=False)
    assert (results[0].paired, results[0].kept) == (0, 28)
    results, _ = import_drafts(course, "fr", drafts, overwrite=True)
    assert (results[0].paired, results[0].kept) == (1, 27)
    lesson = translate_content(load_content(course), course, "fr", strict=True)[0].module_by_id("sample")
    assert lesson.case_studies[0].lesson == "Le dialogue est utile."


def test_link_addresses_stay_in_the_english_and_come_back_in_the_translation(course: Path):
    (course / "docs" / "about.md").write_text(
        "# About\n\nSee [the Charter](https://un.org/charter) and [the guide](guide.md), then [the Charter](https://un.org/charter).\n"
    )
    update(course)
    po = course / "translations/fr/docs/about.po"
    assert "un.org" not in po.read_text() and "guide.md" not in po.read_text()
    catalog, _ = read_catalog(po, "about.po")
    english = "See [the Charter][1] and [the guide][2], then [the Charter][1]."
    catalog.get(english, context="body").string = "Lisez [le guide][2], puis [la Charte][1] et [la Charte][1]."
    write_catalog(po, catalog)
    assert translated_page(course, "about.md", "fr").splitlines()[-1] == (
        "Lisez [le guide](guide.md), puis [la Charte](https://un.org/charter) et [la Charte](https://un.org/charter)."
    )


def test_a_draft_linking_elsewhere_than_the_english_cannot_be_paired(course: Path):
    drafts = course / "translations" / "drafts" / "fr"
    (drafts / "docs").mkdir(parents=True)
    (course / "docs" / "about.md").write_text("# About\n\nSee [the Charter](https://un.org/charter).\n")
    (drafts / "docs" / "about.md").write_text("# À propos\n\nVoir [la Charte](https://un.org/fr/charter).\n")
    _, problems = import_drafts(course, "fr", drafts)
    assert [p.as_text() for p in problems] == [
        "translations/drafts/fr/docs/about.md:3: body: a link to https://un.org/fr/charter, which the English does "
        "not have: cannot pair this text (hint: keep the English links' addresses; translate their text)"
    ]


def test_an_entry_written_with_link_addresses_is_numbered_by_the_merge_and_stays_translated(course: Path):
    (course / "docs" / "about.md").write_text("# About\n\nSee [the Charter](https://un.org/charter).\n")
    po = course / "translations/fr/docs/about.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgctxt "body"\nmsgid "See [the Charter](https://un.org/charter)."\n'
        'msgstr "Voir [la Charte](https://un.org/charter)."\n',
        encoding="utf-8",
    )
    update(course)
    catalog, _ = read_catalog(po, "about.po")
    message = catalog.get("See [the Charter][1].", context="body")
    assert (message.string, message.fuzzy) == ("Voir [la Charte][1].", False)


def test_make_translations_leaves_a_broken_po_file_alone_and_says_where(course: Path, capsys):
    update(course)
    path = course / "translations/fr/modules/sample.po"
    path.write_text('msgid "x"\nmsgstr "y\n', encoding="utf-8")
    assert main(["--root", str(course), "translations", "update"]) == 1
    assert "translations/fr/modules/sample.po:2: not a valid PO file" in capsys.readouterr().out
    assert path.read_text(encoding="utf-8") == 'msgid "x"\nmsgstr "y\n'


def test_the_translated_glossary_adds_its_terms_to_the_term_check(course: Path):
    (course / "glossary.yml").write_text(
        "terms:\n  - id: consent\n    term: consent\n"
        "    definition: The parties agree to the process and the mediator.\n"
    )
    update(course)
    for po, context, english, translation in (
        ("glossary.po", "terms/consent/term", "consent", "consentement"),
        ("modules/sample.po", "sample/objectives/sample-apply/text", "Apply the consent test to a proposal.",
         "Appliquer le critère de l’accord à une proposition."),
    ):  # fmt: skip
        path = course / "translations" / "fr" / po
        catalog, _ = read_catalog(path, po)
        catalog.get(english, context=context).string = translation
        write_catalog(path, catalog)
    found = [p.as_text() for p in translation_problems(course) if "'consent'" in p.message]
    assert found == [
        "translations/fr/modules/sample.po:39: warning: sample/objectives/sample-apply/text: 'consent' in the "
        "English, but not its translation (consentement)"
    ]


def test_a_source_title_is_not_held_to_the_course_terms():
    """An official French title of a source is what the publisher wrote, not the course's wording."""
    from babel.messages.catalog import Message

    from build_tools.i18n.checks import Term, term_problems

    term = next(t for t in _course_terms() if t.english == "mediation")
    french = "Directives pour l’amélioration de l’efficacité"
    title = Message("Guidance for Effective Mediation", french, context="m/references/s1/title")
    body = Message("Mediation works.", "L’arbitrage marche.", context="m/sections/a/body")
    assert term_problems(title, [term]) == []
    assert term_problems(body, [term]) != []
    assert isinstance(term, Term)


def _course_terms() -> list:
    from build_tools.i18n.checks import terminology

    return terminology(Path(__file__).resolve().parent.parent, "fr", [])


def _warned(english: str, french: str, context: str = "m/sections/a/body", comments: tuple = ()) -> list[str]:
    """The terms of the course's table that the check says a translation of `english` misses."""
    from babel.messages.catalog import Message

    from build_tools.i18n.checks import term_problems

    message = Message(english, french, context=context, user_comments=list(comments))
    return [term for term, _ in term_problems(message, _course_terms())]


@pytest.mark.parametrize(
    ("english", "french", "term"),
    [
        ("Parliament's oversight matters.", "La surveillance du parlement compte.", "oversight"),
        ("The Security Council met.", "Le Conseil national de sécurité s’est réuni.", "Security Council"),
        ("A national dialogue began.", "Une concertation a commencé.", "national dialogue"),
        ("Draw an actor map.", "Dessinez une carte des acteurs.", "actor map"),
        ("The parties met.", "Les partis se sont réunis.", "the parties"),
        ("An early warning came.", "Un signal rapide est venu.", "early warning"),
    ],
)
def test_a_translation_without_the_agreed_term_is_still_warned(english: str, french: str, term: str):
    assert term in _warned(english, french)


@pytest.mark.parametrize(
    ("english", "french"),
    [
        # a listed variant (fr_variants in translations/fr/terminology.yml): the verb for the noun
        ("Oversight", "Contrôler le gouvernement"),
        ("Who would need to consent to your role?", "Qui devrait consentir à votre rôle ?"),
        # a plural in -aux
        ("National dialogues are broad.", "Les dialogues nationaux sont larges."),
        # an article repeated in a list; an adjective after the noun
        ("International law and normative frameworks.", "Le droit international et les cadres normatifs."),
        ("Strengthen national infrastructures for peace.", "Renforcer les infrastructures nationales pour la paix."),
        ("Draw a simple actor map.", "Dessinez une cartographie simple des acteurs."),
        # a term inside a longer term of the table, and inside a long title of the table
        ("The Peace and Security Council met.", "Le Conseil de paix et de sécurité s’est réuni."),
        (
            "*Strengthening the role of mediation in the peaceful settlement of disputes, conflict prevention and "
            "resolution* (A/66/811)",
            "*Renforcement du rôle de la médiation dans le règlement pacifique des différends et la prévention et le "
            "règlement des conflits* (A/66/811)",
        ),
        # words kept in English: a name, a title
        ("Security Council Report says so.", "Security Council Report le dit."),
        ("*Common Security 2022* was published.", "*Common Security 2022* a paru."),
        # a name matches only as written: these are not Ghana's National Peace Council
        ("A law creating national peace councils.", "Une loi créant des conseils de paix nationaux."),
    ],
)
def test_a_rightful_form_of_the_term_is_not_warned(english: str, french: str):
    assert _warned(english, french) == []


def test_a_name_kept_in_english_does_not_excuse_the_same_term_translated_nowhere_else():
    english = "Security Council Report describes what the Security Council decided."
    assert _warned(english, "Security Council Report décrit ce que le Conseil de sécurité a décidé.") == []
    assert _warned(english, "Security Council Report décrit ce que le Conseil a décidé.") == ["Security Council"]


def test_a_translators_comment_excuses_one_term_of_one_entry():
    english, french = "The parties agreed a protocol.", "Les partis ont adopté un protocole."
    note = "term 'the parties': the political parties here (« les partis »)"
    assert _warned(english, french, comments=(note,)) == []
    assert _warned(english, french, comments=("the parties: political parties",)) == ["the parties"]
    assert _warned(english, french, comments=("term 'the parties':",)) == ["the parties"]  # a reason is needed
    assert _warned("The parties met the mediator.", "Les partis ont vu l’arbitre.", comments=(note,)) == ["mediator"]


def test_fr_variants_are_accepted_but_the_warning_names_the_agreed_term(course: Path):
    from build_tools.i18n.checks import terminology

    table = course / "translations" / "fr" / "terminology.yml"
    table.write_text(
        "terms:\n  - en: oversight\n    fr: contrôle parlementaire\n    fr_variants: [contrôler]\n"
        "  - en: award\n    fr: sentence arbitrale\n    fr_variants: sentence\n"
    )
    terms = {t.english: t for t in terminology(course, "fr", [])}
    assert terms["oversight"].shown == "contrôle parlementaire"
    assert terms["oversight"].translation.search("Contrôler le gouvernement")
    assert not terms["oversight"].translation.search("Surveiller le gouvernement")
    assert terms["award"].translation.search("sa sentence lie les parties")


def test_the_project_translations_have_no_term_warnings():
    """Each one is a real inconsistency, corrected in the PO file, or a rightful form the check accepts."""
    root = Path(__file__).resolve().parent.parent
    assert [p.as_text() for p in translation_problems(root) if "but not its translation" in p.message] == []


def test_a_po_file_whose_english_is_gone_is_reported(course: Path):
    update(course)
    shutil.copy(course / "translations/fr/modules/sample.po", course / "translations/fr/modules/old-name.po")
    assert [p.as_text() for p in translation_problems(course) if "old-name" in p.file] == [
        "translations/fr/modules/old-name.po: warning: no English file translates to this one any more (hint: delete "
        "it, or rename it after its module or quiz's new file name)"
    ]
