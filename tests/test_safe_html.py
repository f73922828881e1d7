"""The one way from author text to HTML (build_tools/safe_html.py), piece by piece."""

from __future__ import annotations

import html

import markdown
import pytest

from build_tools.safe_html import (
    escape_meta,
    escape_title,
    is_safe_link,
    markdown_to_text,
    plain_in_markdown,
    render_markdown,
    sanitise,
    tooltip_text,
)

SAFE = ["https://ipu.org", "http://example.org/a?b=c#d", "mailto:info@example.org", "../glossary/", "#top",
        "page.md", "/abs/path", "?q=1", "javascript%3Aalert(1)", "java%09script:alert(1)"]
UNSAFE = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
          "java\nscript:alert(1)", "&#x6A;avascript:alert(1)", "javascript&colon;alert(1)", "\x01javascript:x",
          "vbscript:msgbox(1)", "VBScript:x", "data:text/html,<script>alert(1)</script>", "file:///etc/passwd",
          "ftp://example.org"]  # fmt: skip


@pytest.mark.parametrize("url", SAFE)
def test_safe_links(url):
    assert is_safe_link(url)


@pytest.mark.parametrize("url", UNSAFE)
def test_unsafe_links_are_judged_as_a_browser_reads_them(url):
    assert not is_safe_link(url)


@pytest.mark.parametrize(
    "text",
    [
        "[x](JaVaScRiPt:alert(1))",
        "[x](&#x6A;avascript:alert(1))",
        "[x][r]\n\n[r]: javascript:alert(1)",
        "<javascript:alert(1)>",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html,x)",
    ],
)
def test_unsafe_links_are_not_rendered_as_links(text):
    assert "<a" not in render_markdown(text)


def test_markdown_renders_the_subset_and_nothing_else():
    rendered = str(
        render_markdown(
            '**b** *i* `c` [l](https://ipu.org "title")\n\n- one\n\n| a | b |\n|--:|:-|\n| 1 | 2 |\n\n'
            '<img src=x onerror=alert(1)> \\<svg onload=alert(1)> [x](https://ipu.org){ onclick="alert(1)" }'
        )
    )
    assert '<a href="https://ipu.org">l</a>' in rendered  # the title is dropped: Material shows titles as HTML
    assert "<strong>b</strong>" in rendered and "<em>i</em>" in rendered and "<code>c</code>" in rendered
    assert '<th style="text-align:right">a</th>' in rendered and "<li>one</li>" in rendered
    assert "&lt;img src=x onerror=alert(1)&gt;" in rendered and "&lt;svg onload=alert(1)&gt;" in rendered
    assert '{ onclick="alert(1)" }' in rendered
    assert "<img" not in rendered and "<svg" not in rendered and "onclick=" not in rendered.replace('{ onclick="', "")


def test_inline_markdown_has_no_paragraph_or_blocks():
    assert render_markdown("1. *one* line", inline=True) == "1. <em>one</em> line"


def test_glossary_terms_become_tooltips_with_text_titles():
    glossary = {"BATNA": "Best <b>alt</b> & x", "BATNAs": "p"}
    rendered = str(render_markdown("A BATNA, BATNAs, `BATNA`.", glossary=glossary))
    assert rendered.count("<abbr") == 2 and "<code>BATNA</code>" in rendered
    title = rendered.split('<abbr title="', 1)[1].split('"', 1)[0]
    # Material inserts the title with innerHTML: decoded twice, it is the definition as written.
    assert html.unescape(html.unescape(title)) == "Best <b>alt</b> & x"
    assert "<" not in html.unescape(title)


def test_the_sanitiser_keeps_only_the_allow_list():
    dirty = (
        '<p onclick="x()" class="c" title="p" lang="x"><a href="javascript:alert(1)" title="t" target="_blank">a</a>'
        '<a href="https://ipu.org">b</a><img src=x onerror=alert(1)><svg onload=alert(1)></svg>'
        '<math><mi>x</mi></math><iframe srcdoc="x"></iframe><script>alert(1)</script>'
        '<abbr title="t" lang="x">c</abbr><td style="color:red">d</td></p>'
    )
    assert sanitise(dirty) == '<p><a>a</a><a href="https://ipu.org">b</a><abbr title="t">c</abbr>d</p>'


@pytest.mark.parametrize(
    "text",
    [
        '<img src=x onerror=alert(1)> "quoted" \'single\'',
        "[x](javascript:alert(1)) *em* _u_ `c` ![i](x.png)",
        'Title { onclick="alert(1)" } {#id} {: .c }',
        "1. not a list",
        "- not a list",
        ": not a definition",
        "# not a heading | not | a table",
        "&lt;img src=x onerror=alert(1)&gt; &amp; \\<b>",
        "*[ABBR]: not an abbreviation",
    ],
)
def test_plain_text_is_inert_in_python_markdown(text):
    md = markdown.Markdown(extensions=["attr_list", "abbr", "def_list", "md_in_html", "tables", "toc", "admonition"])
    rendered = md.convert(f"## {plain_in_markdown(text)} {{#h}}\n\n{plain_in_markdown(text)}\n")
    assert rendered.count("<") == 4, rendered  # <h2>, </h2>, <p>, </p>
    heading = rendered.split(">", 1)[1].split("</h2>", 1)[0]
    assert html.unescape(heading) == text


def test_titles_and_meta_are_escaped_for_unescaped_templates():
    assert escape_title("A & <b>'s\n title") == "A &amp; &lt;b&gt;'s title"
    assert escape_meta('"><svg onload=alert(1)>') == "&quot;&gt;&lt;svg onload=alert(1)&gt;"
    assert tooltip_text("a < b & c") == "a &lt; b &amp; c"


def test_markdown_to_text():
    assert markdown_to_text("A *b* [c](https://x.org) \\<d> &amp;") == "A b c <d> &"
