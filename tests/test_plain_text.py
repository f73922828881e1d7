"""Plain text skips markdown-it (plain_text.py): the tokens must be the very ones markdown-it gives."""

import random

import pytest
from markdown_it import MarkdownIt

from build_tools import markdown_subset, plain_text, report, safe_html
from build_tools.safe_html import GlossaryTerms, render_markdown

PARSERS = [safe_html._markdown, markdown_subset.parser, markdown_subset._checking, report._markdown]
ALPHABET = "abcXYZ 019.,;:!?()-+=*_[]<>&#|~{}\\`'\"$%@^/\t\n\r\u00a0\u202fé’—…"
TRICKY = [
    "Mediation helps.", "1. a", "1) a", "10 a", "2024.", "- a", "+ a", "= a", "a =", "   a", "a  ", "a\u00a0",
    "\u00a0a", "***", "---", "a --- b", "a:b", "http://x.org a", "www.x.org", "a@b.org", "!a", "a!", "é", "1",
    "x - y", "Pourquoi\u202f?", "« Oui »", "a\nb", "a\r", "<b>", "&amp;", "a *b*", "[a](b)", "`a`", "a\\b", "# a",
    "a | b", "{ #id }", "~~a~~", "",
]  # fmt: skip


def _as_dicts(tokens):
    return [token.as_dict() for token in tokens]


def _random_texts(count: int) -> list[str]:
    generator = random.Random(15)
    return ["".join(generator.choice(ALPHABET) for _ in range(generator.randint(0, 12))) for _ in range(count)]


@pytest.mark.parametrize("inline", [False, True])
def test_the_tokens_of_plain_text_are_markdown_its(inline):
    checked = 0
    for text in TRICKY + _random_texts(20_000):
        if not plain_text.is_plain(text):
            continue
        checked += 1
        fast = _as_dicts(plain_text.parse(PARSERS[0], text, inline=inline))
        for parser in [*PARSERS, MarkdownIt("commonmark")]:
            assert fast == _as_dicts(parser.parseInline(text) if inline else parser.parse(text)), text
    assert checked > 1_000


@pytest.mark.parametrize("text", ["a *b*", "1. a", "- a", "a\nb", "a  ", "[a](b)", "", "<b>x</b>", "a | b"])
def test_text_with_any_syntax_goes_to_the_parser(text):
    assert not plain_text.is_plain(text)
    assert _as_dicts(plain_text.parse(markdown_subset.parser, text)) == _as_dicts(markdown_subset.parser.parse(text))


def test_a_glossary_renders_alike_given_as_a_mapping_or_as_glossary_terms():
    definitions = {"BATNA": "Best alternative", "BATNAs": "plural", "Track 1.5": "informal"}
    text = "A BATNA, two BATNAs and Track 1.5 talks, not `BATNA`."
    terms = GlossaryTerms(definitions)
    assert render_markdown(text, glossary=terms) == render_markdown(text, glossary=definitions)
    assert render_markdown(text, glossary=terms).count("<abbr") == 3
    assert terms.pattern is terms.pattern  # compiled once for every text of a build


@pytest.mark.parametrize("inline", [False, True])
def test_plain_text_is_written_as_markdown_it_and_the_sanitiser_would_write_it(inline):
    checked = 0
    for text in TRICKY + _random_texts(20_000):
        if not plain_text.is_plain(text):
            continue
        checked += 1
        tokens = safe_html._markdown.parseInline(text) if inline else safe_html._markdown.parse(text)
        slow = safe_html.sanitise(safe_html._markdown.renderer.render(tokens, safe_html._markdown.options, {}))
        assert safe_html._render(text, inline, None) == slow, text
    assert checked > 1_000
