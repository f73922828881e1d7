"""What a build keeps so as not to do the same work twice, and that a change is never served stale:
each PO file's table (kept by its bytes), the translation checks, the compiled templates, the English
content that the other languages' builds translate, and the scaled courses `make bench` measures."""

from __future__ import annotations

import re
import shutil

import jinja2
import pytest

from build_tools import memo
from build_tools.course_checks import uses_term
from build_tools.courses.load import load_course_content
from build_tools.i18n import apply, entry_checks
from build_tools.loader import load_content
from build_tools.rendering import template_cache
from build_tools.scaling import scaled_course
from tests.conftest import ROOT, bilingual_project

PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: fr\\n"

msgctxt "glossary.term"
msgid "Mediation"
msgstr "{translation}"
"""
KEY = ("glossary.term", "Mediation")


@pytest.fixture(autouse=True)
def fresh():
    memo.forget()
    yield
    memo.forget()


@pytest.fixture
def readings(monkeypatch) -> list[str]:
    """The PO files read from disk (not taken from what a build keeps)."""
    return _recorded_calls(monkeypatch, apply, "read_table", lambda path, name, data=None: name)


def _recorded_calls(monkeypatch, module, name: str, noted) -> list:
    """Wrap `module.name` so that each call still runs and appends `noted(*arguments)` to the list returned."""
    calls: list = []
    original = getattr(module, name)

    def recording(*arguments):
        calls.append(noted(*arguments))
        return original(*arguments)

    monkeypatch.setattr(module, name, recording)
    return calls


def test_a_po_file_is_read_once_until_its_bytes_change(tmp_path, readings):
    po = tmp_path / "glossary.po"
    po.write_text(PO.format(translation="Médiation"), encoding="utf-8")
    assert apply.catalog_table(po, "glossary.po")[0][KEY].text == "Médiation"
    assert apply.catalog_table(po, "glossary.po")[0][KEY].text == "Médiation"
    assert readings == ["glossary.po"]
    po.write_text(PO.format(translation="La médiation"), encoding="utf-8")
    assert apply.catalog_table(po, "glossary.po")[0][KEY].text == "La médiation"
    assert readings == ["glossary.po", "glossary.po"]


def test_a_po_file_kept_from_an_earlier_build_is_not_read_again(tmp_path, readings):
    po = tmp_path / "glossary.po"
    po.write_text(PO.format(translation="Médiation"), encoding="utf-8")
    apply.catalog_table(po, "glossary.po")
    memo.save(tmp_path / "memo")
    memo.forget()  # the next build: a new process
    memo.load(tmp_path / "memo")
    assert apply.catalog_table(po, "glossary.po")[0][KEY].text == "Médiation"
    assert readings == ["glossary.po"]


def test_a_po_file_that_turned_unreadable_is_reported_after_a_good_reading(tmp_path):
    po = tmp_path / "glossary.po"
    po.write_text(PO.format(translation="Médiation"), encoding="utf-8")
    assert apply.catalog_table(po, "glossary.po")[1] == ()
    po.write_text(PO.format(translation="Médiation") + 'msgid "unclosed\n', encoding="utf-8")
    table, problems = apply.catalog_table(po, "glossary.po")
    assert table == {} and problems and "not a valid PO file" in problems[0].message


def test_a_plain_sentence_is_checked_without_the_markdown_parser(monkeypatch):
    def no_parser(text):
        raise AssertionError(f"parsed {text!r}")

    monkeypatch.setattr(entry_checks, "parse", no_parser)
    entry_checks._inline.cache_clear()
    assert entry_checks.entry_problems("Parliaments can help.", "Les parlements peuvent aider.") == ()
    with pytest.raises(AssertionError, match="parsed"):
        entry_checks.entry_problems("See *this*.", "Voir ceci.")
    entry_checks._inline.cache_clear()


def test_a_translation_that_drops_a_link_or_emphasis_is_still_caught():
    english = "Read [the charter](https://un.org/charter) and **act**."
    assert entry_checks.entry_problems(english, "Lisez la charte et agissez.") == (
        "the translation drops the link to https://un.org/charter",
        "1 bold (**) in English, 0 in the translation",
    )
    assert entry_checks.entry_problems(english, "Lisez [la charte](https://un.org/charter) et **agissez**.") == ()


def test_a_changed_template_is_compiled_again(tmp_path):
    templates, cache = tmp_path / "templates", tmp_path / "cache"
    templates.mkdir()
    (templates / "page.j2").write_text("Hello {{ name }}", encoding="utf-8")

    def render() -> str:
        loader = jinja2.FileSystemLoader(templates)
        return (
            jinja2.Environment(loader=loader, bytecode_cache=template_cache(cache))
            .get_template("page.j2")
            .render(name="MPs")
        )

    assert render() == "Hello MPs"
    assert list(cache.iterdir()), "the compiled template was not kept"
    assert render() == "Hello MPs"  # from the kept compiled template
    (templates / "page.j2").write_text("Welcome {{ name }}", encoding="utf-8")
    assert render() == "Welcome MPs"


def test_the_other_language_translates_the_content_the_english_build_loaded(tmp_path, monkeypatch):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from build_tools import plugin

    project = bilingual_project(tmp_path / "project")
    loads: list[str] = []
    for name in ("load_content", "load_course_content"):
        original = getattr(plugin, name)
        monkeypatch.setattr(plugin, name, lambda *args, _f=original, _n=name: loads.append(_n) or _f(*args))
    monkeypatch.setenv("HANDOUTS", "false")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    assert (tmp_path / "site" / "fr" / "modules" / "sample" / "index.html").is_file()
    assert len(loads) == 1, f"the content was loaded {len(loads)} times for two languages"


def test_a_scaled_course_builds_every_module(tmp_path):
    project = scaled_course(ROOT, 12, tmp_path / "course")
    shutil.rmtree(project / "docs")  # not needed to compose the course
    loaded = load_course_content(project, "ipu-workshop")
    assert len(loaded.content.modules) == 12
    assert [m.number for m in loaded.content.modules] == list(range(1, 13))


def test_a_scaled_courses_copies_share_no_text_a_reader_reads(tmp_path):
    """A build renders a text once however many modules hold it, and plain Material renders each
    page's: copies with the originals' texts made our build look cheaper at scale than it is."""
    project = scaled_course(ROOT, 12, tmp_path / "course")
    shutil.rmtree(project / "docs")
    content = load_course_content(project, "ipu-workshop").content
    originals = {m.id for m in load_content(ROOT).modules}
    texts: dict[bool, set[str]] = {True: set(), False: set()}
    for module in content.modules:
        copied = module.id not in originals
        texts[copied] |= {text for _, text in module.prose()} | {o.text for o in module.objectives}
        for quiz in (content.quizzes[q] for q in module.quizzes):
            for question in quiz.questions:
                texts[copied] |= {question.prompt, *(o.text for o in getattr(question, "options", []))}
    assert len(texts[True]) > 100
    assert texts[True] & texts[False] == set()


@pytest.mark.parametrize(
    "text",
    [
        "Mediation helps.",
        "mediation",
        "Co-mediation and mediation_x and mediations",
        "Médiation, mediation.",
        "xMediation Mediation2 _Mediation",
        "ceasefire; Track 1.5 diplomacy (Track 1.5)",
        "",
    ],
)
@pytest.mark.parametrize("form", ["Mediation", "mediation", "Track 1.5", "ceasefire", "diation"])
def test_a_term_is_found_as_a_whole_word_as_the_regular_expression_found_it(text, form):
    expected = re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text) is not None
    assert uses_term(text, form) is expected


def test_the_glossary_in_abbr_settings_marks_every_term_as_lines_appended_to_the_page_did():
    import markdown

    from build_tools.loader import load_content
    from build_tools.rendering import Renderer

    renderer = Renderer(load_content(ROOT))
    titles = renderer.abbreviation_titles()
    assert len(titles) > 20
    page = "Terms: " + ", ".join(titles) + ".\n\n| A | B |\n|---|---|\n| " + " | ".join(list(titles)[:2]) + " |\n"
    extensions = ["abbr", "tables", "attr_list"]
    appended = markdown.markdown(page + renderer.abbreviations(), extensions=extensions)
    settings = markdown.markdown(page, extensions=extensions, extension_configs={"abbr": {"glossary": titles}})
    assert settings == appended
    assert settings.count("<abbr") >= len(titles)


def test_a_page_is_typeset_again_only_when_it_changed(monkeypatch):
    from build_tools.i18n import editions

    typeset = _recorded_calls(monkeypatch, editions, "_typeset_text_of", lambda html, language: html)
    page, changed = "<p>Pourquoi ? Note : « oui »</p>", "<p>Pourquoi ? Note : « non »</p>"
    expected = "<p>Pourquoi\u202f? Note\u00a0: «\u202f{}\u202f»</p>"
    assert editions.typeset_page(page, "fr") == expected.format("oui")
    assert editions.typeset_page(page, "fr") == expected.format("oui")
    assert editions.typeset_page(changed, "fr") == expected.format("non")
    assert typeset == [page, changed]
    assert editions.typeset_page(page, "en") == page


def test_word_counts_and_typst_markup_kept_by_one_build_serve_the_next(tmp_path, monkeypatch):
    from build_tools import report
    from build_tools.handouts import typst_markup

    text = "Mediation is **voluntary**. Parties decide.\n\n- One\n- Two"
    words, markup = report._word_count(report._plain(text)), typst_markup.to_typst(text)
    memo.save(tmp_path / "memo")
    memo.forget()  # the next build: a new process
    memo.load(tmp_path / "memo")
    monkeypatch.setattr(report, "_markdown", None)  # any parse would fail
    monkeypatch.setattr(typst_markup, "parse", None)
    assert report._word_count(report._plain(text)) == words == 7
    assert typst_markup.to_typst(text) == markup


def _every_check(english: str, translation: str) -> tuple[str, ...]:
    return tuple(
        entry_checks._reference_problems(english, translation)
        + entry_checks._link_problems(english, translation)
        + entry_checks._emphasis_problems(english, translation)
        + entry_checks._block_problems(english, translation)
        + entry_checks._placeholder_problems(english, translation)
    )


def test_a_pair_of_plain_lines_skips_the_checks_only_when_they_would_find_nothing():
    import random

    pieces = list("ab é1.-+#>|[]()*_`~{}<:;!? ") + ["{name}", "](x)", "- ", "1. ", "> ", "```", "~~~", "    ", "\t"]
    generator = random.Random(15)
    for _ in range(20_000):
        english = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 6)))
        translation = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 6)))
        assert entry_checks.entry_problems(english, translation) == _every_check(english, translation)
    assert entry_checks.entry_problems("~~~ fence", "clôture") == (
        "the translation adds a paragraph or a list item (keep it to the English one; no blank line)",
    )
