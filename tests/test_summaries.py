"""The essentials page made to follow a course (build_tools/courses/summaries.py), in English and French."""

from __future__ import annotations

import re
from pathlib import Path

from build_tools.courses.summaries import follow_course
from build_tools.i18n import translate_page
from build_tools.loader import load_content

ROOT = Path(__file__).resolve().parents[1]
PAGE = """# The essentials

Short of time? Read this.

## 1. Alpha

Alpha's point.

[Go deeper: Module 1, Alpha](modules/alpha.md)

## 2. Beta

Beta's point, and a word on [the first module](modules/alpha.md#part).

[Go deeper: Module 2, Beta](modules/beta.md)

## 3. Gamma

[Go deeper: Module 3, Gamma](modules/gamma.md)

## What next

Take the [diagnostic](quizzes/diagnostic.md).
"""


def headings(markdown: str) -> list[str]:
    return re.findall(r"^## (.+)$", markdown, re.MULTILINE)


def test_a_course_keeps_its_modules_summaries_in_its_order_with_its_numbers():
    page = follow_course(PAGE, {"gamma": 1, "alpha": 2})
    assert headings(page) == ["1. Gamma", "2. Alpha", "What next"]
    assert "[Go deeper: Module 1, Gamma](modules/gamma.md)" in page
    assert "[Go deeper: Module 2, Alpha](modules/alpha.md)" in page
    assert "Beta" not in page
    assert page.startswith("# The essentials\n\nShort of time? Read this.\n\n## 1. Gamma")


def test_a_section_sums_up_the_module_of_its_last_module_link():
    page = follow_course(PAGE, {"beta": 1})
    assert headings(page) == ["1. Beta", "What next"]
    assert "a word on [the first module](modules/alpha.md#part)" in page


def test_the_whole_course_in_its_own_order_leaves_the_page_as_it_is():
    numbers = {"alpha": 1, "beta": 2, "gamma": 3}
    assert follow_course(PAGE, numbers) == PAGE
    ipu = {module.id: module.number for module in load_content(ROOT).modules}
    text = (ROOT / "docs" / "essentials.md").read_text(encoding="utf-8")
    assert follow_course(text, ipu) == text
    assert follow_course(text, ipu, missing=_written) == text  # it sums up every module: nothing to write


def _written(module: str) -> str:
    return f"## 9. Written for {module}\n\nIts point.\n\n[Go deeper: Module 9, {module}](modules/{module}.md)"


def test_a_module_the_page_does_not_sum_up_gets_the_section_written_for_it_in_its_place():
    page = follow_course(PAGE, {"alpha": 1, "local": 2, "gamma": 3}, missing=_written)
    assert headings(page) == ["1. Alpha", "2. Written for local", "3. Gamma", "What next"]
    assert "[Go deeper: Module 2, local](modules/local.md)\n\n## 3. Gamma" in page  # renumbered, then a blank line


def test_a_section_written_for_the_last_place_follows_the_pages_last_part_after_a_blank_line():
    last = PAGE.split("## What next")[0].rstrip("\n") + "\n"  # the page ends with Gamma's link and one newline
    page = follow_course(last, {"gamma": 1, "local": 2}, missing=_written)
    assert "[Go deeper: Module 1, Gamma](modules/gamma.md)\n\n## 2. Written for local" in page


def test_without_a_writer_a_module_the_page_does_not_sum_up_has_no_section():
    page = follow_course(PAGE, {"alpha": 1, "local": 2})
    assert headings(page) == ["1. Alpha", "What next"]


def test_a_page_without_module_summaries_is_left_alone():
    page = "# How to use\n\n## Start\n\nRead [the essentials](essentials.md).\n"
    assert follow_course(page, {"alpha": 1}) == page


def test_the_french_essentials_follow_a_course_too():
    french, problems = translate_page(ROOT, ROOT / "docs" / "essentials.md", "fr", strict=True)
    assert not problems
    page = follow_course(french, {"principles-of-mediation": 1, "global-framework": 2})
    assert headings(page) == ["1. Les principes d’une médiation efficace", "2. Le cadre mondial", "Et ensuite"]
    assert re.findall(r"\[Approfondir\W+(module \d+)", page) == ["module 1", "module 2"]
