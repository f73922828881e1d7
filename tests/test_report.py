"""The plain-language report: words, sentences, readability and coverage per module."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from build_tools import report
from build_tools.cli import main
from build_tools.loader import load_content
from build_tools.report import _plain, _sentences, _word_count, module_stats, syllables

SITE = Path(__file__).parent / "fixtures" / "site"


@pytest.mark.parametrize(
    ("word", "count"), [("cat", 1), ("peace", 1), ("agreement", 3), ("parliament", 3), ("the", 1), ("ICJ", 1)]
)
def test_syllable_estimate(word, count):
    assert syllables(word) == count


def test_wrapped_lines_stay_one_sentence_and_list_items_count_apart():
    text = _plain("In mediation the parties\ndecide. A third party helps.\n\n- one item\n- another item\n")
    assert _sentences(text) == ["In mediation the parties decide.", "A third party helps.", "one item", "another item"]


def test_quotation_marks_and_ampersands_are_not_counted_as_words():
    """The text was counted as HTML: `"yes" & left` made the words quot, yes, quot, amp, left."""
    text = _plain('He said "yes" & left. Then "no."\n\nA < B.')
    assert _sentences(text) == ['He said "yes" & left.', 'Then "no.', "A < B."]  # a closing mark ends it
    assert _word_count(text) == 8


def test_stats_count_the_questions_that_assess_each_objective():
    stats = module_stats(load_content(SITE))[0]
    assert stats.module.id == "sample"
    assert stats.questions_per_objective["sample-apply"] >= 1
    assert stats.questions_per_objective["sample-distinguish"] >= 3
    assert 0 < stats.sentence_length < 22 and stats.words > 50


def test_report_command_prints_one_line_per_module(capsys):
    assert main(["--root", str(SITE), "report"]) == 0
    modules, cues = capsys.readouterr().out.split("\n\n", 1)
    lines = modules.splitlines()
    assert lines[1].startswith("1. sample") and lines[-1].startswith("total:")
    assert cues.splitlines()[0].startswith("quiz") and "course" in cues


def _random_markdown(count: int) -> list[str]:
    pieces = ["a", "word", " ", "\n", "\n\n", "- ", "1. ", "> ", "*", "**", "_", "`", "[x](https://x.org)", "<b>",
              "&amp;", "\"", "|", "| --- |", "# ", "  \n", "\\", "é", ".", "!", "&", "<", ">", "    ", "---",
              "![i](p.png)"]  # fmt: skip
    generator = random.Random(23)
    return ["".join(generator.choice(pieces) for _ in range(generator.randint(0, 14))) for _ in range(count)]


def test_plain_text_read_from_the_tokens_is_the_rendered_pages_text():
    """`_walked` reads the words from the tokens; rendering them as HTML and stripping the tags gives
    the very same text."""
    read = 0
    for text in [*_random_markdown(20_000), *(t for m in load_content(SITE).modules for _, t in m.prose())]:
        tokens = report._markdown.parse(text)
        walked = report._walked(tokens)
        if walked is not None:
            read += 1
            rendered = report._markdown.renderer.render(tokens, report._markdown.options, {})
            assert walked == report._as_text(rendered), text
    assert read > 10_000
