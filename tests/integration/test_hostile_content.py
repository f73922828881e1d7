"""Hostile author text (issue 9): what `check` refuses, and what the built pages make of the rest.

The hostile course in tests/fixtures/hostile holds, in every author field of a module, a quiz and
the glossary, script payloads that `check` accepts, because they are harmless as text: they must
reach every built page as text (no event handler, no javascript:/vbscript:/data: URL, no tag that
author text could have made). The payloads that would be live markup are in REJECTED below: each is
put into every field where it could appear and must be reported there, with its file and line.
The browser half (tests/browser/test_hostile_in_browser.py) opens the pages in Chromium.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml
from html_safety import inline_scripts, unsafe_markup

from build_tools.loader import load_content
from build_tools.problems import ContentError
from build_tools.validation_messages import field_label

HOSTILE = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"

# --- what `check` must refuse ----------------------------------------------------------------------

LINKS = {
    "javascript link": "See [this](javascript:alert(1)).",
    "javascript link in capitals": "See [this](JaVaScRiPt:alert(1)).",
    "javascript link behind an entity": "See [this](&#x6A;avascript&#x3A;alert(1)).",
    "javascript link behind a named entity": "See [this](javascript&colon;alert(1)).",
    "javascript autolink": "See <javascript:alert(1)>.",
    "vbscript link": "See [this](vbscript:msgbox(1)).",
    "data link": "See [this](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==).",
    "attribute syntax after a link": 'See [this](https://ipu.org){ onclick="alert(1)" }.',
    "attribute syntax with a class": "See [this](https://ipu.org){: .x onmouseover=alert(1) }.",
    "link title": 'See [this](https://ipu.org "<img src=x onerror=alert(1)>").',
}
BLOCK_ONLY = {"reference-style javascript link": "See [this][x].\n\n[x]: javascript:alert(1)"}
RAW_HTML = {
    "img onerror": "An <img src=x onerror=alert(1)> image.",
    "namespaced tag": "A <x:y tabindex=1 autofocus onfocus=alert(1)>tag</x:y>.",
    "svg onload": "An <svg onload=alert(1)> icon.",
    "iframe srcdoc": 'A <iframe srcdoc="<script>alert(1)</script>"></iframe> frame.',
    "math": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "css url": '<div style="background:url(javascript:alert(1))">x</div>',
    "comment": "A <!-- comment --> here.",
}
TITLES = {
    "img onerror": "<img src=x onerror=alert(1)> X",
    "svg onload": 'X "><svg onload=alert(1)>',
    "attribute syntax": 'X { onclick="alert(1)" }',
    "link": "X [y](javascript:alert(1))",
}
PLAIN = {"attribute syntax": "A plain field { #id .class onclick=alert(1) }", "link": "A [link](javascript:alert(1))"}

MODULE_BLOCKS = [
    ("why_it_matters",), ("sections", 0, "body"), ("case_studies", 0, "what_happened"),
    ("case_studies", 0, "what_parliamentarians_did"), ("case_studies", 0, "lesson"), ("case_studies", 0, "limits"),
    ("action_points", 0), ("takeaways", 0), ("facilitator_notes", "timing"),
    ("facilitator_notes", "discussion_prompts", 0), ("facilitator_notes", "live_poll"),
]  # fmt: skip
MODULE_INLINE = [("objectives", 0, "text")]
MODULE_TITLES = [("title",), ("sections", 0, "heading"), ("case_studies", 0, "title")]
MODULE_PLAIN = [("summary",), ("case_studies", 0, "when"), ("references", 0, "title"), ("references", 0, "publisher")]
QUIZ_INTRODUCTION = [("introduction",)]
QUIZ_BLOCKS = [("questions", 0, "explanation"), ("questions", 7, "guidance")]
QUIZ_INLINE = [
    ("questions", 0, "prompt"), ("questions", 0, "options", 0, "text"), ("questions", 0, "options", 0, "feedback"),
    ("questions", 3, "feedback_true"), ("questions", 3, "feedback_false"), ("questions", 4, "items", 0, "text"),
    ("questions", 5, "pairs", 0, "prompt"), ("questions", 5, "pairs", 0, "match"),
    ("questions", 6, "options", 0, "text"),
]  # fmt: skip
GLOSSARY_TITLES = [("terms", 0, "term"), ("terms", 0, "forms", 0), ("terms", 0, "definition")]

MODULE, QUIZ, GLOSSARY = "modules/hostile.yml", "quizzes/hostile-check.yml", "glossary.yml"


def _cases():
    """(payload name, file, {path: text}) for every payload, with every field it must be refused in."""
    cases = []
    for name, text in {**LINKS, **BLOCK_ONLY, **RAW_HTML}.items():
        inline = name not in BLOCK_ONLY
        module_fields = MODULE_BLOCKS + (MODULE_INLINE if inline else [])
        cases.append((name, MODULE, dict.fromkeys(module_fields, text)))
        quiz_fields = QUIZ_INTRODUCTION + ([] if name in RAW_HTML else QUIZ_BLOCKS + (QUIZ_INLINE if inline else []))
        cases.append((name, QUIZ, dict.fromkeys(quiz_fields, text)))
    for name, text in TITLES.items():
        cases.append((f"title: {name}", MODULE, dict.fromkeys(MODULE_TITLES, text)))
        cases.append((f"title: {name}", QUIZ, {("title",): text}))
        cases.append((f"title: {name}", GLOSSARY, dict.fromkeys(GLOSSARY_TITLES, text)))
    for name, text in PLAIN.items():
        cases.append((f"plain: {name}", MODULE, dict.fromkeys(MODULE_PLAIN, text)))
    return [pytest.param(file, fields, id=f"{file.split('/')[0]}: {name}") for name, file, fields in cases]


def _set(data, path: tuple, value: str) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def test_the_hostile_course_passes_check(hostile_project, tmp_path):
    content = load_content(hostile_project(tmp_path / "project"))
    assert [m.id for m in content.modules] == ["hostile"]
    assert content.glossary is not None and len(content.quizzes) == 1


@pytest.mark.parametrize(("file", "fields"), _cases())
def test_check_refuses_live_markup_in_every_field(file: str, fields: dict, hostile_project, tmp_path):
    root = hostile_project(tmp_path / "project")
    data = yaml.safe_load((HOSTILE / file).read_text(encoding="utf-8"))
    for path, text in fields.items():
        _set(data, path, text)
    (root / file).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(root)
    reported = {(p.file, p.field): p for p in caught.value.problems}
    for path in fields:
        problem = reported.get((file, field_label(path)))
        assert problem is not None, f"{field_label(path)} not reported; got:\n{caught.value}"
        assert problem.line > 0 and problem.as_text().startswith(f"{file}:{problem.line}: {field_label(path)}: ")


# --- what the built pages make of the rest ---------------------------------------------------------


@pytest.fixture(scope="module")
def theme_scripts(site_build) -> frozenset[str]:
    """Material's inline scripts, as they are in the build of the ordinary fixture site."""
    return frozenset(s for page in site_build.site.rglob("*.html") for s in inline_scripts(page.read_text("utf-8")))


def built_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_built_page_holds_live_markup(hostile_build, theme_scripts):
    pages = built_pages(hostile_build.site)
    assert len(pages) >= 6
    found = {
        str(page.relative_to(hostile_build.site)): unsafe_markup(page.read_text("utf-8"), theme_scripts)
        for page in pages
    }
    assert not {page: problems for page, problems in found.items() if problems}


def test_author_text_is_shown_as_written(hostile_build):
    """Escaping is not dropping: the title, summary and a glossary definition read as the author wrote them."""
    module = yaml.safe_load((HOSTILE / MODULE).read_text(encoding="utf-8"))
    page = (hostile_build.site / "modules" / "hostile" / "index.html").read_text("utf-8")
    heading = page.split("<h1", 1)[1].split(">", 1)[1].split("</h1>", 1)[0].split('<a class="headerlink"')[0]
    assert html.unescape(heading) == " ".join(module["title"].split())
    description = page.split('<meta name="description" content="', 1)[1].split('">', 1)[0]
    assert html.unescape(description) == " ".join(module["summary"].split())
    glossary = yaml.safe_load((HOSTILE / GLOSSARY).read_text(encoding="utf-8"))
    definition = " ".join(glossary["terms"][0]["definition"].split())
    tooltip = re.search(r'<abbr [^>]*?title="([^"]*)"', page).group(1)
    # Material puts the title into the tooltip with innerHTML: decoding twice gives what the reader sees.
    assert html.unescape(html.unescape(tooltip)) == definition
