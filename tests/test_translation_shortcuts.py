"""The translations' shortcuts give exactly what the full work gives.

`subset_problems` does not parse a plain sentence, and reuses the entry checks' tokens for a text
with no `[` and no `<`: `entry_checks._unsupported` must say what `markdown_subset.unsupported_in`
says, on every text of the course's PO files and on random Markdown. `links.mask` does not search a
text without `](` for links: it must number links as the full search does.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from build_tools import memo
from build_tools.i18n import entry_checks
from build_tools.i18n.catalogs import entries, read_catalog
from build_tools.i18n.links import LINK, mask
from build_tools.markdown_subset import unsupported_in
from build_tools.plain_text import is_plain

ROOT = Path(__file__).resolve().parent.parent
PIECES = [
    "*", "**", "_", "`", "[", "]", "(", ")", "![", "](https://x.org)", "](javascript:x)", '](https://x.org "t")',
    "<", ">", "<b>", "<x:y>", "<https://x.org>", "<javascript:x>", "#", "# ", "- ", "1. ", "1) ", "---", "***",
    " ", "    ", "\n", "\n\n", "|", "| a | b |\n|---|---|\n", "{", "}", "{ #id }", "{.c}", "!", "a", "mot",
    "&amp;", "\\", "~~~", "```", ":", "\t", "=", "+",
]  # fmt: skip


@pytest.fixture(autouse=True)
def fresh():
    memo.forget()
    yield
    memo.forget()


def course_texts() -> list[str]:
    found = []
    for path in sorted((ROOT / "translations").rglob("*.po")):
        catalog, _ = read_catalog(path, path.name)
        found += [text for (_, english), entry in entries(catalog).items() for text in (english, entry.text) if text]
    return found


def test_the_subset_shortcut_agrees_on_every_text_of_the_course():
    texts = course_texts()
    assert len(texts) > 2000
    for text in texts:
        assert entry_checks._unsupported(text) == unsupported_in(text), text


@pytest.mark.parametrize("seed", range(3))
def test_the_subset_shortcut_agrees_on_random_markdown(seed):
    chance = random.Random(seed)
    plain = found = 0
    for _ in range(4_000):
        text = "".join(chance.choice(PIECES) for _ in range(chance.randint(0, 8)))
        assert entry_checks._unsupported(text) == unsupported_in(text), text
        plain += is_plain(text)
        found += unsupported_in(text) is not None
    assert plain > 50 and found > 500


def test_a_translation_outside_the_subset_is_still_reported_after_its_tokens_were_parsed_for_emphasis():
    english, translation = "Some **bold** words.", "# Des mots en **gras**."
    assert entry_checks.entry_problems(english, translation) == ()
    assert entry_checks.subset_problems(english, translation) == (
        "the translation uses a heading, which course text may not "
        "(use paragraphs, **bold**, *italic*, [links](https://...), lists, quotes and tables)",
    )


def full_mask(text: str) -> tuple[str, list[str]]:
    """links.mask without its shortcut: every text searched for links."""
    urls: list[str] = []

    def number(match):
        if match.group("url") not in urls:
            urls.append(match.group("url"))
        return f"{match.group('bang')}[{match.group('text')}][{urls.index(match.group('url')) + 1}]"

    return LINK.sub(number, text), urls


def test_links_are_numbered_as_by_the_full_search():
    chance = random.Random(0)
    for text in course_texts():
        assert mask(text) == full_mask(text), text
    for _ in range(10_000):
        text = "".join(chance.choice(PIECES + ["](x)", "[a]", "(y)"]) for _ in range(chance.randint(0, 8)))
        assert mask(text) == full_mask(text), text
