"""The rendered page sources of the sample module and quiz, compared with golden files.

Regenerate after an intended change with `UPDATE_GOLDEN=1 make test`, then read the diff.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

import pytest

from build_tools.loader import load_content
from build_tools.rendering import Renderer, contact_kind, contact_sentence, question_fingerprint, shuffled

FIXTURE_SITE = Path(__file__).parent / "fixtures" / "site"
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def content():
    return load_content(FIXTURE_SITE)


def _pages(content, directory_urls=True):
    """Page sources with the HTML of author Markdown put in place of its placeholders, as built."""
    renderer = Renderer(content, directory_urls=directory_urls, nonce="golden")
    module = content.modules[0]
    pages = {
        "sample-module.md": renderer.module_page(module),
        "sample-check.md": renderer.quiz_page(content.quizzes["sample-check"]),
        "module-list.md": renderer.module_list(),
    }
    return {name: renderer.fill(page) for name, page in pages.items()}


@pytest.mark.parametrize("name", ["sample-module.md", "sample-check.md", "module-list.md"])
def test_rendered_page_matches_golden_file(content, name):
    rendered = _pages(content)[name]
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8")


def test_links_inside_quiz_html_follow_the_url_style(content):
    with_directories = _pages(content, directory_urls=True)["sample-check.md"]
    with_files = _pages(content, directory_urls=False)["sample-check.md"]
    assert 'href="../../modules/sample/#who-decides"' in with_directories
    assert 'href="../modules/sample.html#who-decides"' in with_files


def test_quiz_page_escapes_author_text_in_html(content):
    page = _pages(content)["sample-check.md"]
    assert "<script>alert(1)" not in page
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page  # the engine's data is an attribute: no script for instant navigation to re-run
    attribute = re.search(r"data-quiz='([^']*)'", page).group(1)
    data = json.loads(html.unescape(attribute))
    assert data["id"] == "sample-check" and data["title"] == "Sample self-check"
    assert "<" not in attribute and "'" not in attribute


def test_shuffled_order_never_gives_away_the_answer(content):
    ordering = next(q for q in content.quizzes["sample-check"].questions if q.type == "ordering")
    for salt in ("a", "b", "c", "d", "e"):
        order = shuffled(ordering.items, salt)
        assert order != list(ordering.items)
        assert sorted(i.id for i in order) == sorted(i.id for i in ordering.items)


def test_fingerprint_ignores_feedback_but_not_options(content):
    question = content.quizzes["sample-check"].questions[0]
    reworded = question.model_copy(update={"explanation": "Other words."})
    new_option = question.model_copy(update={"options": question.options[:1]})
    assert question_fingerprint(reworded) == question_fingerprint(question)
    assert question_fingerprint(new_option) != question_fingerprint(question)


@pytest.mark.parametrize(
    "contact, expected",
    [
        ("errors@parliament.example", "[errors@parliament.example](mailto:errors@parliament.example)"),
        ("https://example.org/course/issues", "<https://example.org/course/issues>"),
        (None, "the trainer or the parliamentary staff who gave you this course"),
    ],
)
def test_about_page_says_where_to_report_an_error(contact, expected):
    assert expected in contact_sentence(contact)


@pytest.mark.parametrize("contact", ["errors", "mailto:errors@example.org", "ftp://example.org", "a b@c.org"])
def test_a_contact_that_is_neither_an_address_nor_a_link_is_refused(contact):
    assert contact_kind(contact) is None


def test_author_markdown_never_reaches_python_markdown(content):
    """The page source carries placeholders for author Markdown; `fill` puts the sanitised HTML in after."""
    renderer = Renderer(content)
    module = content.modules[0]
    source = renderer.module_page(module)
    for _, text in module.prose():
        assert text not in source
    assert renderer.nonce in source and len(renderer.nonce) == 16
    filled = renderer.fill(source)
    assert renderer.nonce not in filled and "<strong>parties</strong>" in filled
    spelt = "authortext" + "0" * 16 + "x0x"
    assert renderer.fill(f"<p>{spelt}</p>") == f"<p>{spelt}</p>"
    assert Renderer(content).nonce != renderer.nonce


def test_our_own_html_blocks_reach_python_markdown_as_one_placeholder_each(content):
    """A quiz's form and a module's list of sources are HTML already: Python-Markdown, which would pass
    them through after parsing every tag, gets one placeholder word in a paragraph of its own."""
    renderer = Renderer(content, nonce="blocks")
    quiz_source = renderer.quiz_page(content.quizzes["sample-check"])
    module_source = renderer.module_page(content.modules[0])
    assert "<form" not in quiz_source and "<fieldset" not in quiz_source and "quiz-next" not in quiz_source
    assert '<details class="module-references"' not in module_source
    for source in (quiz_source, module_source):
        held = [line for line in source.splitlines() if line.startswith("authortextblocks")]
        built = "\n".join(f"<p>{line}</p>" if line in held else line for line in source.splitlines())
        assert held and all(renderer.fill(f"<p>{line}</p>").startswith("<") for line in held)
        assert renderer.nonce not in renderer.fill(built)
    assert renderer.fill(quiz_source).count("<fieldset") == renderer.fill(quiz_source).count("</fieldset>") > 0


def test_an_essentials_part_holds_back_author_markdown_and_counts_it_as_written(content):
    """The essentials page's part on a module it does not sum up (courses/summaries.py)."""
    renderer = Renderer(content, nonce="part")
    module = content.modules[0]
    part = renderer.essentials_section(module.id)
    assert part.splitlines()[0] == f"## {module.number}. {module.title}"
    assert f"[Go deeper: Module {module.number}, {module.title}](modules/{module.id}.md)" in part
    assert "- authortextpartx0x" in part  # the takeaway, rendered by the safe path and put in place by `fill`
    counted = renderer.essentials_section(module.id, for_counting=True)
    assert f"- {module.takeaways[0]}" in counted
    assert renderer.fill(part) == counted


def test_every_page_template_is_compiled_ahead_and_nothing_else(content, tmp_path):
    renderer = Renderer(content, templates_cache=tmp_path)
    pages = {path.name for path in (Path(__file__).parents[1] / "build_tools" / "templates").glob("*.j2")}

    compiled = renderer.compile_templates()

    assert set(compiled) == pages and "module.md.j2" in pages  # not the scaffolds/ or typst/ templates
    assert len(list(tmp_path.iterdir())) == len(pages)
