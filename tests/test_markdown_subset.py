"""One parse per author text (markdown_subset.shared_tokens): the tokens must be every parser's own."""

import random

import pytest

from build_tools import markdown_subset, report, safe_html
from build_tools.markdown_subset import shared_tokens
from build_tools.safe_html import GlossaryTerms, render_markdown

PARSERS = [safe_html._markdown, markdown_subset.parser, markdown_subset._checking, report._markdown]
ALPHABET = "abc 01.:!?()-*_[]<>&#|\\`'\"/\n\u00a0é"
SAMPLES = [
    "A **bold** claim, *emphasis* and `code`.",
    "See [the IPU](https://www.ipu.org) or [a page](../modules/a.md#b).",
    "- one\n- two\n\n1. first\n2. second",
    "> a quote\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    "[ref][1] and [x]\n\n[1]: https://example.org",
    "<https://example.org> and <mailto:a@b.org>",
    "Line one\\\nline two  \nthree",
]


def _dicts(tokens):
    return [token.as_dict() for token in tokens]


def _texts(count: int) -> list[str]:
    generator = random.Random(7)
    return ["".join(generator.choice(ALPHABET) for _ in range(generator.randint(1, 24))) for _ in range(count)]


@pytest.mark.parametrize("inline", [False, True])
def test_shared_tokens_are_the_very_tokens_of_every_parser(inline):
    shared = 0
    for text in SAMPLES + _texts(5_000):
        tokens = shared_tokens(text, inline=inline)
        if tokens is None:
            continue
        shared += 1
        for parser in PARSERS:
            assert _dicts(tokens) == _dicts(parser.parseInline(text) if inline else parser.parse(text)), text
    assert shared > 1_000


@pytest.mark.parametrize(
    "text",
    ["<b>bold</b>", "a <span>b</span>", "![a figure](f.png)", "[x](javascript:alert(1))", "<javascript:alert(1)>"],
)
def test_texts_the_parsers_read_differently_are_not_shared(text):
    assert shared_tokens(text) is None
    assert render_markdown(text) == safe_html.Markup(safe_html.sanitise(safe_html._markdown.render(text)))


def test_glossary_marks_do_not_change_the_shared_tokens():
    text = "A *ceasefire* is not a BATNA; see [the BATNA page](a.md)."
    before = _dicts(shared_tokens(text))
    marked = render_markdown(text, glossary=GlossaryTerms({"BATNA": "Best alternative"}))
    assert str(marked).count("<abbr") == 1  # not inside the link
    assert _dicts(shared_tokens(text)) == before
    assert "<abbr" not in str(render_markdown(text))


def test_a_text_is_parsed_once_for_its_check_page_word_count_and_handout(monkeypatch):
    from build_tools.handouts.typst_markup import to_typst

    text = "Parsed **once** for [every](https://example.org) use, counted " + str(random.random())
    calls = []
    parse = markdown_subset._checking.parse
    monkeypatch.setattr(markdown_subset._checking, "parse", lambda src, env=None: calls.append(src) or parse(src, env))
    for parser in (safe_html._markdown, markdown_subset.parser, report._markdown):
        monkeypatch.setattr(parser, "parse", lambda *a, **k: pytest.fail("parsed again"))
    assert markdown_subset.unsupported_in(text) is None
    assert "<strong>once</strong>" in render_markdown(text)
    assert report._plain(text).startswith("Parsed once for every use")
    assert "#strong[once]" in to_typst(text)
    assert calls == [text]
