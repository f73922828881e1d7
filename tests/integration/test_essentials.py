"""The essentials page (docs/essentials.md, "The essentials in 15 minutes" in the IPU course): a
page that teaches, not a list of links.

It must read in about 15 minutes (measured as `make report` measures modules: words at 200 a
minute), give every module its own part with a link to go deeper, and point only at pictures and
pages that exist.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_tools.loader import load_content
from build_tools.report import _WORD, WORDS_PER_MINUTE

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "essentials.md"


@pytest.fixture(scope="module")
def text() -> str:
    return PAGE.read_text(encoding="utf-8").split("---", 2)[2]


def _reading(text: str) -> str:
    """What a reader reads: no image syntax, tags or link targets."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)(\{[^}]*\})?", "", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\]\([^)]*\)", "]", text)


def test_it_reads_in_about_fifteen_minutes(text):
    words = len(_WORD.findall(_reading(text)))
    assert 2_000 <= words <= 3_000, f"{words} words"
    assert 10 <= words / WORDS_PER_MINUTE <= 15


def test_every_module_has_its_part_and_a_link_to_go_deeper(text):
    content = load_content(ROOT)
    headings = re.findall(r"^## (\d+)\. (.+)$", text, re.M)
    assert [int(n) for n, _ in headings] == [m.number for m in content.modules]
    parts = re.split(r"^## \d+\. ", text, flags=re.M)[1:]
    for module, part in zip(content.modules, parts, strict=True):
        assert f"](modules/{module.id}.md)" in part, f"no link to go deeper into {module.id}"
        assert "Go deeper" in part
        assert len(_WORD.findall(_reading(part))) >= 150, f"module {module.number}: too short to teach"


def test_no_sentence_is_over_35_words(text):
    for paragraph in re.split(r"\n\s*\n|\n- ", _reading(text)):
        for sentence in re.split(r"(?<=[.!?:])\s+", " ".join(paragraph.split())):
            assert len(sentence.split()) <= 35, sentence


def test_pictures_and_links_point_at_what_exists(text):
    content = load_content(ROOT)
    for target in re.findall(r"\]\(([^)#]+)", text):
        if target.startswith("figures/"):
            assert target.removeprefix("figures/") in content.figures, target
        elif target.startswith("modules/"):
            assert content.module_by_id(target.removeprefix("modules/").removesuffix(".md")), target
        elif target.startswith("quizzes/"):
            assert target.removeprefix("quizzes/").removesuffix(".md") in content.quizzes, target
        else:
            assert (ROOT / "docs" / target).is_file() or target == "progress.md", target
    assert re.findall(r"!\[([^\]]+)\]\(figures/", text), "a picture or two, each with alt text"
